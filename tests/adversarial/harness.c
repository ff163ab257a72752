/*
 * harness.c: the machinery of the adversarial and fault tests (see
 * harness.h): repositories, runs under limits, tree snapshots and the
 * safety checks of a published site.
 */
#include "harness.h"

#include "../fuzz/fuzz.h"
#include "../testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <math.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define ADV_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ADV_SANITIZED 1
#endif
#endif
#ifndef ADV_SANITIZED
#define ADV_SANITIZED 0
#endif

int
adv_sanitized(void)
{
	return ADV_SANITIZED;
}

double
adv_time_scale(void)
{
	const char *s = getenv("PM_TIME_SCALE");
	double f = s && *s ? atof(s) : 0;

	return f > 0 ? f : ADV_SANITIZED ? 5.0 : 1.0;
}

/* ------------------------------------------------------ repositories */

static void
adv_mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			fail_msg("mkdir %s: %s", path, strerror(errno));
		*p = '/';
	}
}

git_repository *
adv_repo(const char *dir)
{
	return tu_repo_init(dir);
}

static void
adv_put(const char *workdir, const struct adv_entry *e)
{
	char *path = malloc(strlen(workdir) + strlen(e->path) + 2);
	FILE *f;

	sprintf(path, "%s%s", workdir, e->path);
	adv_mkdirs(path);
	unlink(path);
	if (e->kind == ADV_LINK) {
		if (symlink(e->data, path) != 0)
			fail_msg("symlink %s: %s", path, strerror(errno));
	} else if (e->kind == ADV_FILE) {
		f = fopen(path, "wb");
		if (f == NULL || fwrite(e->data, 1, e->len, f) != e->len ||
		    fclose(f) != 0)
			fail_msg("write %s: %s", path, strerror(errno));
	}
	free(path);
}

void
adv_commit(git_repository *repo, const struct adv_entry *e, size_t n,
    long long when, char out[41])
{
	const char *workdir = git_repository_workdir(repo);
	git_index *index = NULL;
	git_oid tree_id, commit_id, parent_id;
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	git_signature *sig = NULL;
	size_t i;

	assert_non_null(workdir);
	assert_int_equal(git_repository_index(&index, repo), 0);
	for (i = 0; i < n; i++) {
		adv_put(workdir, &e[i]);
		if (e[i].kind == ADV_DELETE) {
			assert_int_equal(git_index_remove_bypath(index,
			    e[i].path), 0);
		} else if (e[i].kind == ADV_GITLINK) {
			git_index_entry ie;

			memset(&ie, 0, sizeof(ie));
			ie.mode = GIT_FILEMODE_COMMIT;
			ie.path = e[i].path;
			assert_int_equal(git_oid_fromstr(&ie.id, e[i].data),
			    0);
			assert_int_equal(git_index_add(index, &ie), 0);
		} else if (git_index_add_bypath(index, e[i].path) != 0) {
			fail_msg("git add %s: %s", e[i].path,
			    git_error_last()->message);
		}
	}
	assert_int_equal(git_index_write(index), 0);
	assert_int_equal(git_index_write_tree(&tree_id, index), 0);
	assert_int_equal(git_tree_lookup(&tree, repo, &tree_id), 0);
	assert_int_equal(git_signature_new(&sig, "mallory",
	    "mallory@example.com", (git_time_t)when, 0), 0);
	if (git_reference_name_to_id(&parent_id, repo, "HEAD") == 0)
		assert_int_equal(git_commit_lookup(&parent, repo, &parent_id),
		    0);
	assert_int_equal(git_commit_create_v(&commit_id, repo, "HEAD", sig,
	    sig, NULL, "adversarial", tree, parent ? 1 : 0, parent), 0);
	git_oid_tostr(out, 41, &commit_id);
	git_commit_free(parent);
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(index);
}

/* ------------------------------------------------------------- runs */

static double
adv_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void
adv_child(const struct adv_run *r, const char *const *args,
    const char *const *extra, int out_fd, int err_fd)
{
	const char *argv[64];
	struct rlimit lim;
	size_t n = 0;
	int fd;

	argv[n++] = tu_pmsite();
	for (; *args && n < 62; args++)
		argv[n++] = *args;
	argv[n] = NULL;
	fd = open("/dev/null", O_RDONLY);
	dup2(fd, 0);
	dup2(out_fd, 1);
	dup2(err_fd, 2);
	for (; extra && *extra; extra++)
		putenv((char *)*extra);
	lim.rlim_cur = (rlim_t)ceil(r->cpu_limit > 0 ? r->cpu_limit :
	    ADV_SECONDS * adv_time_scale());
	lim.rlim_max = lim.rlim_cur + 1;
	setrlimit(RLIMIT_CPU, &lim);
	if (!adv_sanitized()) {
		lim.rlim_cur = lim.rlim_max = (rlim_t)512 << 20;
		setrlimit(RLIMIT_AS, &lim);
	}
	if (r->fsize > 0) {
		/* A full disk: writes past fsize bytes fail with EFBIG
		 * instead of killing the process. */
		signal(SIGXFSZ, SIG_IGN);
		lim.rlim_cur = lim.rlim_max = (rlim_t)r->fsize;
		setrlimit(RLIMIT_FSIZE, &lim);
	}
	execv(argv[0], (char *const *)argv);
	fprintf(stderr, "exec %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static double
adv_cpu(const struct rusage *ru)
{
	return (double)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) +
	    (double)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1e6;
}

/* Append what fd has to *buf; returns 0 at end of file. */
static int
adv_drain(int fd, char **buf, size_t *len)
{
	char chunk[8192];
	ssize_t k = read(fd, chunk, sizeof(chunk));

	if (k <= 0)
		return k < 0 && errno == EINTR;
	*buf = realloc(*buf, *len + (size_t)k + 1);
	memcpy(*buf + *len, chunk, (size_t)k);
	*len += (size_t)k;
	(*buf)[*len] = '\0';
	return 1;
}

void
adv_run_pmsite(struct adv_run *r, const char *const *args,
    const char *const *extra)
{
	struct rusage ru;
	struct pollfd pfd[2];
	size_t olen = 0, elen = 0;
	int po[2], pe[2], open_fds = 2, killed = 0, st;
	double t0, cpu0;
	pid_t pid;

	assert_int_equal(pipe(po), 0);
	assert_int_equal(pipe(pe), 0);
	fflush(NULL);
	/* pmsite syncs its filesystem before the swap: flush what the test
	 * itself wrote (a 50 MB repository) so the time measured is the
	 * build's own. */
	sync();
	getrusage(RUSAGE_CHILDREN, &ru);
	cpu0 = adv_cpu(&ru);
	r->out = calloc(1, 1);
	r->err = calloc(1, 1);
	t0 = adv_now();
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(po[0]);
		close(pe[0]);
		adv_child(r, args, extra, po[1], pe[1]);
	}
	close(po[1]);
	close(pe[1]);
	pfd[0] = (struct pollfd){ po[0], POLLIN, 0 };
	pfd[1] = (struct pollfd){ pe[0], POLLIN, 0 };
	while (open_fds > 0) {
		int wait_ms = -1;

		if (r->kill_after_ms > 0 && !killed) {
			wait_ms = r->kill_after_ms - (int)((adv_now() - t0) *
			    1000);
			if (wait_ms <= 0) {
				kill(pid, SIGKILL);
				killed = 1;
				wait_ms = -1;
			}
		}
		if (poll(pfd, 2, wait_ms) < 0 && errno != EINTR)
			fail_msg("poll: %s", strerror(errno));
		if (pfd[0].fd >= 0 && (pfd[0].revents & (POLLIN | POLLHUP)) &&
		    !adv_drain(pfd[0].fd, &r->out, &olen)) {
			close(pfd[0].fd);
			pfd[0].fd = -1;
			open_fds--;
		}
		if (pfd[1].fd >= 0 && (pfd[1].revents & (POLLIN | POLLHUP)) &&
		    !adv_drain(pfd[1].fd, &r->err, &elen)) {
			close(pfd[1].fd);
			pfd[1].fd = -1;
			open_fds--;
		}
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	r->seconds = adv_now() - t0;
	/* The children's total grows by the one just waited for. */
	getrusage(RUSAGE_CHILDREN, &ru);
	r->cpu = adv_cpu(&ru) - cpu0;
	r->status = WIFSIGNALED(st) ? 128 + WTERMSIG(st) : WEXITSTATUS(st);
}

void
adv_run_free(struct adv_run *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

/* -------------------------------------------------------- snapshots */

struct adv_lines {
	char **v;
	size_t len, cap;
	size_t root_len;
	const char *skip;
	int files_only;
};

/* nftw has no payload pointer: the walk in progress, one at a time. */
static struct adv_lines *adv_walk;

static unsigned long long
adv_hash(const char *s, size_t len)
{
	unsigned long long h = 1469598103934665603ULL;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

static void
adv_push(struct adv_lines *l, char *line)
{
	if (l->len == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 256;
		l->v = realloc(l->v, l->cap * sizeof(*l->v));
		assert_non_null(l->v);
	}
	l->v[l->len++] = line;
}

static int
adv_visit(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	struct adv_lines *l = adv_walk;
	const char *rel = path + l->root_len;
	unsigned long long h = 0;
	char type = 'o', *line;
	size_t n;

	(void)ftw;
	if (*rel == '/')
		rel++;
	if (*rel == '\0')
		return 0;
	n = l->skip ? strlen(l->skip) : 0;
	if (n && strncmp(rel, l->skip, n) == 0 && (rel[n] == '\0' ||
	    rel[n] == '/'))
		return 0;
	/* The build cache beside the site (cache.h) is pmsite's too. */
	if (n && rel[0] == '.' && strncmp(rel + 1, l->skip, n) == 0 &&
	    strncmp(rel + 1 + n, ".pmsite-cache", 13) == 0 &&
	    (rel[n + 14] == '\0' || rel[n + 14] == '/'))
		return 0;
	if (flag == FTW_F && S_ISREG(st->st_mode)) {
		size_t len = 0;
		char *data = tu_read(path, &len);

		type = 'f';
		h = data ? adv_hash(data, len) : 0;
		free(data);
	} else if (flag == FTW_SL) {
		char target[4096];
		ssize_t k = readlink(path, target, sizeof(target));

		type = 'l';
		h = k > 0 ? adv_hash(target, (size_t)k) : 0;
	} else if (flag == FTW_D || flag == FTW_DP) {
		type = 'd';
	}
	if (l->files_only) {
		line = strdup(rel);
	} else {
		line = malloc(strlen(rel) + 128);
		sprintf(line, "%s %c %lld %o %lld.%09ld %016llx", rel, type,
		    type == 'd' ? 0LL : (long long)st->st_size,
		    (unsigned)st->st_mode, (long long)st->st_mtim.tv_sec,
		    st->st_mtim.tv_nsec, h);
	}
	adv_push(l, line);
	return 0;
}

static int
adv_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
adv_collect(struct adv_lines *l, const char *root, const char *skip,
    int files_only)
{
	memset(l, 0, sizeof(*l));
	l->root_len = strlen(root);
	l->skip = skip;
	l->files_only = files_only;
	adv_walk = l;
	nftw(root, adv_visit, 32, FTW_PHYS);
	adv_walk = NULL;
	if (l->len)
		qsort(l->v, l->len, sizeof(*l->v), adv_cmp);
}

char *
adv_snapshot(const char *root, const char *skip)
{
	struct adv_lines l;
	size_t total = 1, i;
	char *s, *p;

	adv_collect(&l, root, skip, 0);
	for (i = 0; i < l.len; i++)
		total += strlen(l.v[i]) + 1;
	p = s = malloc(total);
	for (i = 0; i < l.len; i++) {
		p += sprintf(p, "%s\n", l.v[i]);
		free(l.v[i]);
	}
	*p = '\0';
	free(l.v);
	return s;
}

void
adv_assert_same_tree(const char *before, const char *after, const char *what)
{
	const char *a = before, *b = after;

	while (*a && *b) {
		size_t na = strcspn(a, "\n"), nb = strcspn(b, "\n");

		if (na != nb || memcmp(a, b, na) != 0)
			fail_msg("%s: the tree changed:\n  before: %.*s\n"
			    "  after:  %.*s", what, (int)na, a, (int)nb, b);
		a += na + (a[na] == '\n');
		b += nb + (b[nb] == '\n');
	}
	if (*a || *b)
		fail_msg("%s: the tree changed:\n  before: %.200s\n"
		    "  after:  %.200s", what, *a ? a : "(nothing more)",
		    *b ? b : "(nothing more)");
}

/* ------------------------------------------------------------ sites */

static const char *const adv_tags[] = {
	"<script", "<iframe", "<object", "<embed", "<form", "<base",
	"<meta", "<link", "<style", "<svg"
};

#define ADV_NTAGS (sizeof(adv_tags) / sizeof(*adv_tags))
#define ADV_NPATTERNS 64

/* The theme's own tag counts per kind of page ("incidents/x/index.html"
 * and every other incident page are "incidents/ * /index.html").  Built
 * once per test program by adv_baseline_build(). */
static struct {
	size_t n;
	char pattern[ADV_NPATTERNS][128];
	size_t count[ADV_NPATTERNS][ADV_NTAGS];
} adv_base;

/* "a/b/c/index.html" -> "a/ * / * /index.html" (without the blanks). */
static void
adv_pattern(char *out, size_t size, const char *rel)
{
	const char *first = strchr(rel, '/'), *last = strrchr(rel, '/');

	if (first == NULL || first == last)
		snprintf(out, size, "%s", rel);
	else
		snprintf(out, size, "%.*s/*%s", (int)(first - rel), rel,
		    last);
}

static size_t
adv_pattern_index(const char *rel, int add)
{
	char pat[128];
	size_t i;

	adv_pattern(pat, sizeof(pat), rel);
	for (i = 0; i < adv_base.n; i++)
		if (strcmp(adv_base.pattern[i], pat) == 0)
			return i;
	if (!add || adv_base.n == ADV_NPATTERNS)
		return (size_t)-1;
	snprintf(adv_base.pattern[i], sizeof(adv_base.pattern[i]), "%s", pat);
	adv_base.n++;
	return i;
}

static int
adv_ends(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

char *
adv_site_file(const char *out_dir, const char *rel, size_t *len)
{
	char path[2048];

	snprintf(path, sizeof(path), "%s/%s", out_dir, rel);
	return tu_read(path, len);
}

static const char adv_plain[] =
    "---\ntitle: Plain incident\nseverity: SEV2\nservices: [api]\n"
    "tags: [db]\ncategory: database-locking\n---\n"
    "# Plain incident\n\nThe API was down for 40 minutes.\n\n"
    "## Timeline\n\n- 2024-03-05 10:00 UTC: alert fired, on-call paged\n"
    "- 10:20 UTC: rolled back the deploy\n- 10:40 UTC: resolved\n\n"
    "## Root cause\n\nA lock on the orders table.\n\n"
    "## Action items\n\n- [ ] add a lock timeout\n- [x] alert on waits\n";

void
adv_baseline_build(void)
{
	char *root = tu_tempdir(), repo_dir[600], out[600], id[41];
	const char *cfg = "title: Baseline\ndescription: Plain\n"
	    "base_url: https://example.org/pm/\n"
	    "repo_url: https://example.com/org/pm\ncname: pm.example.org\n";
	const struct adv_entry files[] = {
		{ "content/2024-03-05-plain.md", adv_plain,
		    sizeof(adv_plain) - 1, ADV_FILE },
		{ "content/2023-01-01-other.md", "# Other\n\nDNS failed.\n",
		    21, ADV_FILE },
		{ "content/pmsite.yml", cfg, strlen(cfg), ADV_FILE },
	};
	const char *args[] = { "build", "--repo", repo_dir, "--out", out,
	    "-q", NULL };
	struct adv_lines l;
	struct adv_run r;
	git_repository *repo;

	snprintf(repo_dir, sizeof(repo_dir), "%s/repo", root);
	snprintf(out, sizeof(out), "%s/out", root);
	repo = adv_repo(repo_dir);
	adv_commit(repo, files, 3, 1709650000, id);
	git_repository_free(repo);
	memset(&r, 0, sizeof(r));
	adv_run_pmsite(&r, args, NULL);
	if (r.status != 0)
		fail_msg("baseline build: exit %d: %s", r.status, r.err);
	adv_run_free(&r);
	adv_collect(&l, out, NULL, 1);
	for (size_t i = 0; i < l.len; i++) {
		size_t len = 0, k;
		char *data;

		if (adv_ends(l.v[i], ".html") &&
		    (k = adv_pattern_index(l.v[i], 1)) != (size_t)-1 &&
		    (data = adv_site_file(out, l.v[i], &len)) != NULL) {
			for (size_t t = 0; t < ADV_NTAGS; t++) {
				size_t c = fz_count_ci(data, len, adv_tags[t]);

				if (c > adv_base.count[k][t])
					adv_base.count[k][t] = c;
			}
			free(data);
		}
		free(l.v[i]);
	}
	free(l.v);
	tu_rm_rf(root);
	free(root);
}

static void
adv_fail_at(const char *rel, const char *what, const char *s, size_t len,
    size_t at)
{
	size_t from = at > 80 ? at - 80 : 0;
	int n = (int)(len - from < 200 ? len - from : 200);

	fail_msg("%s: %s at byte %zu:\n...%.*s...", rel, what, at, n,
	    s + from);
}

/* The HTML inside Atom's type="html" elements, unescaped once. */
static void
adv_check_feed_html(const char *rel, const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	while ((p = strstr(p, "type=\"html\">")) != NULL && p < end) {
		const char *q = strstr(p, "</");
		char *h, *o;
		const char *problem;
		size_t at = 0;

		p += 12;
		if (q == NULL)
			break;
		o = h = malloc((size_t)(q - p) + 1);
		for (const char *c = p; c < q; c++) {
			static const struct { const char *e; char c; } ent[] = {
				{ "&lt;", '<' }, { "&gt;", '>' },
				{ "&quot;", '"' }, { "&#39;", '\'' },
				{ "&apos;", '\'' }, { "&amp;", '&' } };
			size_t k;

			for (k = 0; k < sizeof(ent) / sizeof(*ent); k++)
				if (strncmp(c, ent[k].e, strlen(ent[k].e)) ==
				    0)
					break;
			if (k < sizeof(ent) / sizeof(*ent)) {
				*o++ = ent[k].c;
				c += strlen(ent[k].e) - 1;
			} else {
				*o++ = *c;
			}
		}
		if ((problem = fz_html_problem(h, (size_t)(o - h), FZ_BODY,
		    &at)) != NULL)
			adv_fail_at(rel, problem, h, (size_t)(o - h), at);
		free(h);
		p = q;
	}
}

static void
adv_check_file(const char *out_dir, const char *rel,
    const char *const *absent)
{
	size_t len = 0, at = 0, k;
	char *s = adv_site_file(out_dir, rel, &len);
	const char *problem = NULL;

	if (s == NULL)
		fail_msg("%s: cannot be read", rel);
	if (adv_ends(rel, ".html")) {
		problem = fz_html_problem(s, len, FZ_PAGE, &at);
		if (problem)
			adv_fail_at(rel, problem, s, len, at);
		k = adv_pattern_index(rel, 0);
		for (size_t t = 0; t < ADV_NTAGS; t++) {
			size_t c = fz_count_ci(s, len, adv_tags[t]);
			size_t allowed = k == (size_t)-1 ? 0 :
			    adv_base.count[k][t];

			if (c > allowed)
				fail_msg("%s: %zu %s where the theme writes "
				    "%zu", rel, c, adv_tags[t], allowed);
		}
	} else if (adv_ends(rel, ".xml") || adv_ends(rel, ".svg") ||
	    adv_ends(rel, ".atom")) {
		problem = fz_html_problem(s, len, FZ_XML, &at);
		if (problem)
			adv_fail_at(rel, problem, s, len, at);
		adv_check_feed_html(rel, s, len);
	} else if (adv_ends(rel, ".json") || (adv_ends(rel, ".js") &&
	    strncmp(rel, "assets/", 7) != 0)) {
		const char *lt = memchr(s, '<', len);

		if (lt)
			adv_fail_at(rel, "raw '<' in data", s, len,
			    (size_t)(lt - s));
	} else if (strncmp(rel, "assets/", 7) != 0 &&
	    fz_has_ci(s, len, "<script")) {
		fail_msg("%s: holds <script", rel);
	}
	for (; absent && *absent; absent++) {
		size_t n = strlen(*absent);

		for (size_t i = 0; n && i + n <= len; i++)
			if (memcmp(s + i, *absent, n) == 0)
				adv_fail_at(rel, "forbidden text", s, len, i);
	}
	free(s);
}

size_t
adv_check_site(const char *out_dir, const char *const *absent)
{
	struct adv_lines l;
	char path[2048];
	struct stat st;
	size_t files = 0;

	adv_collect(&l, out_dir, NULL, 1);
	for (size_t i = 0; i < l.len; i++) {
		snprintf(path, sizeof(path), "%s/%s", out_dir, l.v[i]);
		if (lstat(path, &st) != 0)
			fail_msg("%s: vanished", path);
		if (S_ISLNK(st.st_mode))
			fail_msg("%s: the site holds a symbolic link", l.v[i]);
		if (S_ISREG(st.st_mode)) {
			adv_check_file(out_dir, l.v[i], absent);
			files++;
		} else if (!S_ISDIR(st.st_mode)) {
			fail_msg("%s: not a file nor a folder", l.v[i]);
		}
		free(l.v[i]);
	}
	free(l.v);
	return files;
}
