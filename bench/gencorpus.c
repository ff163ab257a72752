/*
 * gencorpus.c: a synthetic git repository of postmortems for the
 * benchmarks, the same for the same arguments: N Markdown files of about
 * 500 words in the shapes people write them, and a history of many commits
 * by several authors, streamed to `git fast-import`.
 *
 * usage: gencorpus N DIR [--commits C] [--seed S]
 *
 * Commit k is dated BASE + k * SPAN / C; file i is added by commit
 * i * C / N, so files arrive in order over ten years, and a commit that
 * adds nothing edits a file added earlier (a follow-up note and one more
 * action item done).  Files live under content/YYYY/ by incident year,
 * content/YYYY/MM/ past 10,000 files (monthly() says why).
 * The incident text of file i depends only on (seed, i), an edit only on
 * (seed, i, revision): nothing reads the clock.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "gencorpus_text.h"

/* 2015-01-01T00:00:00Z and ten years of 365.25 days. */
#define BASE_TIME	1420070400LL
#define SPAN		315576000LL

struct author {
	const char *name, *email;
	int offset;		/* minutes east of UTC */
};

static const struct author authors[] = {
	{ "Ana Lima", "ana@example.com", -180 },
	{ "Ben Okafor", "ben@example.com", 60 },
	{ "Chen Wei", "chen@example.com", 480 },
	{ "Dana Levy", "dana@example.com", 120 },
	{ "Erik Lund", "erik@example.com", 60 },
	{ "Fatima Zahra", "fatima@example.com", 0 },
	{ "Gopal Rao", "gopal@example.com", 330 },
	{ "Hana Sato", "hana@example.com", 540 },
	{ "Ivan Petrov", "ivan@example.com", 180 },
	{ "Julia Marsh", "julia@example.com", -300 },
	{ "Kai Jensen", "kai@example.com", -480 },
	{ "Lena Vogel", "lena@example.com", 60 },
};

#define NAUTHORS (sizeof(authors) / sizeof(authors[0]))

struct opts {
	size_t n, commits;
	uint64_t seed;
	const char *dir;
};

/*
 * A folder per year while a year holds up to about a thousand files (N up
 * to 10,000 over the ten years), else a folder per month, as a team with
 * that many postmortems would keep them.  Folder size, not N, sets what a
 * commit costs git: every commit rewrites the tree of the folder it
 * touches, so ten year folders of 10,000 files each would make the
 * history walk, and `git fast-import` itself, grow with N squared.
 */
static int
monthly(const struct opts *o)
{
	return o->n > 10000;
}

static int
parse_size(size_t *out, const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *end || *s == '-')
		return -1;
	*out = (size_t)v;
	return 0;
}

static int
parse_opts(struct opts *o, int argc, char **argv)
{
	size_t seed = 1;
	int i, pos = 0, rc = -1;

	memset(o, 0, sizeof(*o));
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--commits") == 0 && i + 1 < argc) {
			if (parse_size(&o->commits, argv[++i]) < 0 ||
			    o->commits == 0)
				goto out;
		} else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
			if (parse_size(&seed, argv[++i]) < 0)
				goto out;
		} else if (pos == 0) {
			if (parse_size(&o->n, argv[i]) < 0 || o->n == 0)
				goto out;
			pos++;
		} else if (pos == 1) {
			o->dir = argv[i];
			pos++;
		} else {
			goto out;
		}
	}
	if (pos != 2)
		goto out;
	if (o->commits == 0)
		o->commits = 2 * o->n;
	o->seed = seed;
	rc = 0;
out:
	if (rc < 0)
		fputs("usage: gencorpus N DIR [--commits C] [--seed S]\n",
		    stderr);
	return rc;
}

/* Run a command to completion; 0 when it exits with status 0. */
static int
run(char *const argv[])
{
	pid_t pid;
	int status, rc = -1;

	pid = fork();
	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0)
		rc = 0;
	return rc;
}

/* Start `git -C dir fast-import` with a pipe to its standard input. */
static FILE *
start_fast_import(pid_t *pid, const char *dir)
{
	int fd[2] = { -1, -1 };
	FILE *f = NULL;

	*pid = -1;
	if (pipe(fd) < 0)
		goto out;
	*pid = fork();
	if (*pid == 0) {
		dup2(fd[0], 0);
		close(fd[0]);
		close(fd[1]);
		execlp("git", "git", "-C", dir, "fast-import", "--quiet",
		    (char *)NULL);
		_exit(127);
	}
	if (*pid > 0)
		f = fdopen(fd[1], "w");
out:
	if (fd[0] >= 0)
		close(fd[0]);
	if (!f && fd[1] >= 0)
		close(fd[1]);
	return f;
}

static int64_t
commit_time(const struct opts *o, size_t k)
{
	/* Spread over SPAN without overflow for any sane commit count. */
	return BASE_TIME + (int64_t)((double)SPAN * (double)k /
	    (double)o->commits);
}

/* The commit that adds file i. */
static size_t
add_commit(const struct opts *o, size_t i)
{
	return (size_t)((double)i * (double)o->commits / (double)o->n);
}

static void
put_data(FILE *f, const char *p, size_t len)
{
	fprintf(f, "data %zu\n", len);
	fwrite(p, 1, len, f);
	fputc('\n', f);
}

static void
put_header(FILE *f, const struct author *a, int64_t when)
{
	int off = a->offset < 0 ? -a->offset : a->offset;

	fprintf(f, "commit refs/heads/main\n");
	fprintf(f, "author %s <%s> %lld %c%02d%02d\n", a->name, a->email,
	    (long long)when, a->offset < 0 ? '-' : '+', off / 60, off % 60);
	fprintf(f, "committer %s <%s> %lld %c%02d%02d\n", a->name, a->email,
	    (long long)when, a->offset < 0 ? '-' : '+', off / 60, off % 60);
}

static void
put_file(FILE *f, const char *path, const struct gen_buf *b)
{
	fprintf(f, "M 100644 inline %s\n", path);
	put_data(f, b->p, b->len);
}

static const char config_yml[] =
    "title: Synthetic Postmortems\n"
    "description: A generated knowledge base for benchmarks.\n"
    "base_url: \"\"\n";

/*
 * The whole history.  revs[i] counts the edits file i has had; a commit
 * with no file to add picks one of the files added so far.
 */
static int
write_stream(FILE *f, const struct opts *o)
{
	struct gen_rng rng;
	struct gen_buf text = { NULL, 0, 0 }, msg = { NULL, 0, 0 };
	struct gen_doc doc;
	unsigned *revs = NULL;
	size_t k, next = 0, j, edit;
	int rc = -1;

	revs = calloc(o->n, sizeof(*revs));
	if (!revs)
		goto out;
	gen_rng_seed(&rng, o->seed, 0x636f6d6d6974ULL, 0);
	fprintf(f, "feature done\n");
	for (k = 0; k < o->commits; k++) {
		const struct author *a = &authors[gen_rng_below(&rng,
		    NAUTHORS)];
		size_t first = next;

		while (next < o->n && add_commit(o, next) == k)
			next++;
		/* Commit 0 adds file 0, so there is always one to edit. */
		edit = next > first ? o->n : gen_rng_below(&rng,
		    (uint32_t)next);
		gen_doc_plan(&doc, o->seed, edit < o->n ? edit : first,
		    commit_time(o, add_commit(o, edit < o->n ? edit : first)),
		    monthly(o));
		msg.len = 0;
		if (edit < o->n) {
			revs[edit]++;
			gen_buf_printf(&msg, "Update %s: follow-up %u",
			    doc.name, revs[edit]);
		} else {
			gen_buf_printf(&msg, "Add postmortem: %s", doc.title);
			if (next - first > 1)
				gen_buf_printf(&msg, " (and %zu more)",
				    next - first - 1);
		}
		put_header(f, a, commit_time(o, k));
		put_data(f, msg.p, msg.len);
		if (k == 0) {
			fprintf(f, "M 100644 inline content/pmsite.yml\n");
			put_data(f, config_yml, sizeof(config_yml) - 1);
		}
		if (edit < o->n) {
			gen_doc_write(&text, &doc, revs[edit]);
			put_file(f, doc.path, &text);
		}
		for (j = first; j < next; j++) {
			gen_doc_plan(&doc, o->seed, j,
			    commit_time(o, add_commit(o, j)), monthly(o));
			gen_doc_write(&text, &doc, 0);
			put_file(f, doc.path, &text);
		}
		fputc('\n', f);
	}
	fprintf(f, "done\n");
	rc = ferror(f) ? -1 : 0;
out:
	free(revs);
	free(text.p);
	free(msg.p);
	return rc;
}

int
main(int argc, char **argv)
{
	struct opts o;
	FILE *f = NULL;
	pid_t pid = -1;
	int status, rc = 1;

	if (parse_opts(&o, argc, argv) < 0)
		return 2;
	{
		char *init[] = { "git", "init", "-q", "-b", "main",
		    (char *)o.dir, NULL };
		char *gc[] = { "git", "-C", (char *)o.dir, "config",
		    "gc.auto", "0", NULL };

		if (access(o.dir, F_OK) == 0) {
			fprintf(stderr, "gencorpus: %s: already exists\n",
			    o.dir);
			goto out;
		}
		if (run(init) < 0 || run(gc) < 0) {
			fprintf(stderr, "gencorpus: %s: git init: error\n",
			    o.dir);
			goto out;
		}
	}
	f = start_fast_import(&pid, o.dir);
	if (!f) {
		fprintf(stderr, "gencorpus: git fast-import: %s\n",
		    strerror(errno));
		goto out;
	}
	if (write_stream(f, &o) < 0) {
		fprintf(stderr, "gencorpus: writing the stream: %s\n",
		    strerror(errno));
		goto out;
	}
	if (fclose(f) != 0) {
		f = NULL;
		fprintf(stderr, "gencorpus: git fast-import: %s\n",
		    strerror(errno));
		goto out;
	}
	f = NULL;
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		pid = -1;
		fprintf(stderr, "gencorpus: git fast-import: error\n");
		goto out;
	}
	pid = -1;
	{
		/*
		 * fast-import deltifies each object against the one it wrote
		 * before, whatever its path: blobs of unrelated files, chains
		 * fifty deep, and the newest version of a file at the end of
		 * its chain.  git-fast-import(1) says to repack after a large
		 * import, and a repository made by commits and gc, or cloned,
		 * never looks like that: at 10,000 postmortems the unrepacked
		 * corpus made reading HEAD's blobs 2.2 times slower (the
		 * floor's 3.1 s against 1.4 s).  One thread keeps the pack,
		 * and so every timing, the same from run to run.
		 */
		char *repack[] = { "git", "-C", (char *)o.dir, "-c",
		    "pack.threads=1", "repack", "-q", "-a", "-d", "-f",
		    NULL };
		char *reset[] = { "git", "-C", (char *)o.dir, "reset", "-q",
		    "--hard", NULL };

		if (run(repack) < 0) {
			fprintf(stderr, "gencorpus: %s: git repack: error\n",
			    o.dir);
			goto out;
		}
		if (run(reset) < 0) {
			fprintf(stderr, "gencorpus: %s: checkout: error\n",
			    o.dir);
			goto out;
		}
	}
	printf("gencorpus: %zu postmortems, %zu commits -> %s\n", o.n,
	    o.commits, o.dir);
	rc = 0;
out:
	if (f)
		fclose(f);
	if (pid > 0)
		waitpid(pid, &status, 0);
	return rc;
}
