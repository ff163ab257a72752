/*
 * gitfacts_bench.c: the cost of reading a repository apart from the rest
 * of a build: pm_source_open() + pm_source_load() (list the tree, read
 * every blob, walk the history), then pm_gitfacts_fill() alone on the same
 * documents, which is the whole history walk by itself (a first build's;
 * a rebuild resumes from the last build's state, see gitfacts.h).  Linked against
 * build/libpmsite.a.
 *
 * usage: gitfacts_bench REPO [CONTENT]	(CONTENT defaults to "content")
 * prints: files=N commits=C load=S walk=S walk_cpu=S (wall seconds, and
 * the CPU seconds of the walk, which other processes disturb less)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <git2.h>

#include "arena.h"
#include "error.h"
#include "gitfacts.h"
#include "source.h"

static double
clock_seconds(clockid_t id)
{
	struct timespec t;

	clock_gettime(id, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double
now(void)
{
	return clock_seconds(CLOCK_MONOTONIC);
}

static const char *
git_message(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "error";
}

/* Commits reachable from HEAD: what the walk has to visit. */
static int
count_commits(size_t *out, git_repository *repo)
{
	git_revwalk *walk = NULL;
	git_oid oid;
	int rc = -1;

	*out = 0;
	if (git_revwalk_new(&walk, repo) < 0 ||
	    git_revwalk_push_head(walk) < 0)
		goto out;
	while (git_revwalk_next(&oid, walk) == 0)
		(*out)++;
	rc = 0;
out:
	git_revwalk_free(walk);
	return rc;
}

/*
 * The walk alone, on copies of the loaded documents with their facts
 * cleared, so that it does the work of a first load.
 */
static int
time_walk(double *wall, double *cpu, const struct pm_source *src,
    const char *repo_dir, struct pm_error *err)
{
	size_t i, n = pm_source_count(src);
	struct pm_doc *docs = pm_xcalloc(n ? n : 1, sizeof(*docs));
	struct pm_arena *arena = pm_arena_new();
	git_repository *repo = NULL;
	/* No prior state: the whole walk, as in a first build. */
	struct pm_gitfacts_run run = { .prior = NULL };
	git_oid commit;
	double t0, c0;
	int rc = -1;

	for (i = 0; i < n; i++) {
		docs[i] = *pm_source_doc(src, i);
		docs[i].created = docs[i].updated = NULL;
		docs[i].authors = NULL;
		docs[i].nauthors = 0;
		docs[i].commit_id[0] = '\0';
	}
	if (git_repository_open(&repo, repo_dir) < 0 ||
	    git_oid_fromstr(&commit, pm_source_commit(src)) < 0) {
		fprintf(stderr, "gitfacts_bench: %s: %s\n", repo_dir,
		    git_message());
		goto out;
	}
	t0 = now();
	c0 = clock_seconds(CLOCK_PROCESS_CPUTIME_ID);
	rc = pm_gitfacts_fill(docs, n, repo, &commit,
	    pm_source_content_path(src), &run, arena, err);
	*cpu = clock_seconds(CLOCK_PROCESS_CPUTIME_ID) - c0;
	*wall = now() - t0;
	for (i = 0; rc == 0 && i < n; i++)
		if (!docs[i].created) {
			fprintf(stderr, "gitfacts_bench: %s: no git facts\n",
			    docs[i].path);
			rc = -1;
		}
out:
	git_repository_free(repo);
	pm_arena_free(arena);
	free(docs);
	return rc;
}

int
main(int argc, char **argv)
{
	struct pm_source_opts opts;
	struct pm_source *src = NULL;
	struct pm_error err;
	size_t commits = 0;
	git_repository *repo = NULL;
	char line[1024];
	double t0, load = 0, walk = 0, walk_cpu = 0;
	int rc = 1;

	if (argc < 2 || argc > 3) {
		fputs("usage: gitfacts_bench REPO [CONTENT]\n", stderr);
		return 2;
	}
	/* The settings pmsite runs with, so the walk is timed as it runs. */
	pm_source_init_libgit2();
	pm_error_clear(&err);
	memset(&opts, 0, sizeof(opts));
	opts.repo_dir = argv[1];
	opts.content_path = argc > 2 ? argv[2] : "content";
	t0 = now();
	if (pm_source_open(&src, &opts, &err) < 0 ||
	    pm_source_load(src, &err) < 0)
		goto fail;
	load = now() - t0;
	if (time_walk(&walk, &walk_cpu, src, argv[1], &err) < 0)
		goto fail;
	if (git_repository_open(&repo, argv[1]) < 0 ||
	    count_commits(&commits, repo) < 0) {
		fprintf(stderr, "gitfacts_bench: %s: %s\n", argv[1],
		    git_message());
		goto out;
	}
	printf("files=%zu commits=%zu load=%.3f walk=%.3f walk_cpu=%.3f\n",
	    pm_source_count(src), commits, load, walk, walk_cpu);
	rc = 0;
	goto out;
fail:
	if (pm_error_is_set(&err))
		fprintf(stderr, "gitfacts_bench: %s\n",
		    pm_error_format(line, sizeof(line), &err));
out:
	git_repository_free(repo);
	pm_source_free(src);
	git_libgit2_shutdown();
	return rc;
}
