/*
 * check_history.c: a history walk that starts from an earlier walk's
 * state gives exactly what a whole walk gives, and falls back to the
 * whole walk whenever the state does not apply.  Real repositories built
 * through libgit2; the state goes through the cache's encoding, as in a
 * build.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "arena.h"
#include "buf.h"
#include "cache_int.h"
#include "error.h"
#include "source.h"
#include "testutil.h"

#define T0 1709629200		/* 2024-03-05 09:00 UTC */
#define HOUR 3600
#define NCH(a) (sizeof(a) / sizeof((a)[0]))

struct fx {
	char *dir;
	git_repository *repo;
	git_oid head;
	long long clock;	/* the next commit's time */
	struct pm_arena *arena;	/* priors decoded from bytes */
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	fx->dir = tu_tempdir();
	fx->repo = tu_repo_init(fx->dir);
	fx->clock = T0;
	fx->arena = pm_arena_new();
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	git_repository_free(fx->repo);
	tu_rm_rf(fx->dir);
	pm_arena_free(fx->arena);
	free(fx->dir);
	free(fx);
	return 0;
}

/* Commit on top of parents (HEAD when none given), an hour after the
 * last, and move HEAD. */
static void
commit_on(struct fx *fx, const git_oid *parents, size_t nparents,
    const char *who, const struct tu_change *ch, size_t n)
{
	int unborn = git_repository_head_unborn(fx->repo) == 1;

	if (parents == NULL && !unborn) {
		parents = &fx->head;
		nparents = 1;
	}
	tu_commit_changes(fx->repo, &fx->head, NULL, parents, nparents, who,
	    (git_time_t)fx->clock, 60, ch, n);
	fx->clock += HOUR;
	tu_git(git_reference_create(NULL, fx->repo, "refs/heads/main",
	    &fx->head, 1, "test"));
	tu_git(git_repository_set_head(fx->repo, "refs/heads/main"));
}

#define COMMIT(fx, who, ...) do {					\
	const struct tu_change ch_[] = { __VA_ARGS__ };			\
	commit_on((fx), NULL, 0, (who), ch_, NCH(ch_));			\
} while (0)

/* Everything the walk gave the documents, one line each. */
static char *
facts_text(const struct pm_source *src)
{
	struct pm_buf b = PM_BUF_INIT;

	for (size_t i = 0; i < pm_source_count(src); i++) {
		const struct pm_doc *d = pm_source_doc(src, i);

		pm_buf_printf(&b, "%s created=%s updated=%s commit=%s authors=",
		    d->name, d->created ? d->created : "-",
		    d->updated ? d->updated : "-", d->commit_id);
		for (size_t a = 0; a < d->nauthors; a++)
			pm_buf_printf(&b, "%s;", d->authors[a]);
		pm_buf_puts(&b, " versions=");
		for (size_t v = 0; v < d->nversions; v++)
			pm_buf_printf(&b, "%s@%s;", d->versions[v].blob_id,
			    d->versions[v].when);
		pm_buf_putc(&b, '\n');
	}
	return pm_buf_detach(&b, NULL);
}

/* Load content at HEAD, starting from prior (NULL: none), the history
 * walk on threads threads. */
static struct pm_source *
load_on(struct fx *fx, const char *content, const struct pm_history *prior,
    int threads)
{
	struct pm_source_opts opts = { fx->dir, NULL, content, 0, 1,
	    threads };
	struct pm_source *src = NULL;
	struct pm_error err;
	char line[1024];

	pm_error_clear(&err);
	if (pm_source_open(&src, &opts, &err) < 0)
		fail_msg("%s", pm_error_format(line, sizeof(line), &err));
	pm_source_resume(src, prior);
	if (pm_source_load(src, &err) < 0)
		fail_msg("%s", pm_error_format(line, sizeof(line), &err));
	return src;
}

static struct pm_source *
load(struct fx *fx, const char *content, const struct pm_history *prior)
{
	return load_on(fx, content, prior, 1);
}

/* The history of src as the next build finds it: encoded, decoded. */
static const struct pm_history *
saved(struct fx *fx, const struct pm_source *src)
{
	struct pm_history *h = pm_arena_calloc(fx->arena, 1, sizeof(*h));
	struct pm_buf b = PM_BUF_INIT;
	char *copy;

	assert_non_null(pm_source_history(src));
	assert_int_equal(pm_cache__encode_history(&b,
	    pm_source_history(src)), 0);
	copy = pm_arena_alloc(fx->arena, b.len + 1);
	memcpy(copy, b.ptr, b.len);
	assert_int_equal(pm_cache__decode_history(h, fx->arena, copy, b.len),
	    0);
	pm_buf_free(&b);
	return h;
}

/* The state a build of HEAD saves, as the next build reads it. */
static const struct pm_history *
state_at_head(struct fx *fx, const char *content)
{
	struct pm_source *src = load(fx, content, NULL);
	const struct pm_history *h = saved(fx, src);

	pm_source_free(src);
	return h;
}

/*
 * Load HEAD from prior and from nothing; the facts must be the same.
 * Returns how the resumed load went: walked commits, and resumed.
 */
static size_t
assert_same_as_whole(struct fx *fx, const char *content,
    const struct pm_history *prior, int *resumed)
{
	struct pm_source *from = load(fx, content, prior);
	struct pm_source *whole = load(fx, content, NULL);
	char *a = facts_text(from), *b = facts_text(whole);
	int whole_resumed;
	size_t walked = pm_source_walked(from, resumed);

	assert_true(pm_source_walked(whole, &whole_resumed) >= walked);
	assert_int_equal(whole_resumed, 0);
	assert_string_equal(a, b);
	assert_true(pm_source_count(from) > 0);
	free(a);
	free(b);
	pm_source_free(from);
	pm_source_free(whole);
	return walked;
}

/* A base history with a branch and a merge, two authors, offsets. */
static void
base_history(struct fx *fx)
{
	git_oid fork, side, parents[2];

	COMMIT(fx, "Ada", TU_FILE("content/a.md", "# A\n"),
	    TU_FILE("content/b.md", "# B\n"), TU_FILE("README", "r\n"));
	fork = fx->head;
	COMMIT(fx, "Ben", TU_FILE("content/a.md", "# A\n\nmore\n"));
	{
		const struct tu_change ch[] = {
			TU_FILE("content/b.md", "# B\n\nside\n"),
			TU_FILE("content/deep/c.md", "# C\n"),
		};

		tu_commit_changes(fx->repo, &side, NULL, &fork, 1, "Cy",
		    (git_time_t)(fx->clock - 30 * 60), -300, ch, NCH(ch));
	}
	parents[0] = fx->head;
	parents[1] = side;
	{
		const struct tu_change ch[] = {
			TU_FILE("content/b.md", "# B\n\nside\n"),
			TU_FILE("content/deep/c.md", "# C\n"),
		};

		commit_on(fx, parents, 2, "Ada", ch, NCH(ch));
	}
}

static void
test_line_of_commits_resumes(void **state)
{
	struct fx *fx = *state;
	const struct pm_history *prior;
	int resumed;

	base_history(fx);
	prior = state_at_head(fx, "content");
	COMMIT(fx, "Ben", TU_FILE("content/a.md", "# A\n\nthird\n"));
	COMMIT(fx, "Dee", TU_FILE("content/new.md", "# New\n"),
	    TU_DELETE("content/b.md"));
	COMMIT(fx, "Ada", TU_FILE("README", "readme only\n"));
	assert_int_equal(assert_same_as_whole(fx, "content", prior,
	    &resumed), 3);
	assert_int_equal(resumed, 1);
}

static void
test_same_commit_walks_nothing(void **state)
{
	struct fx *fx = *state;
	const struct pm_history *prior;
	int resumed;

	base_history(fx);
	prior = state_at_head(fx, "content");
	assert_int_equal(assert_same_as_whole(fx, "content", prior,
	    &resumed), 0);
	assert_int_equal(resumed, 1);
}

/* A file deleted before the saved commit and added again after it keeps
 * its first date, as in a whole walk: the state holds deleted files. */
static void
test_deleted_file_comes_back(void **state)
{
	struct fx *fx = *state;
	struct pm_source *src;
	const struct pm_history *prior;
	int resumed;

	COMMIT(fx, "Ada", TU_FILE("content/x.md", "# X\n"),
	    TU_FILE("content/y.md", "# Y\n"));
	COMMIT(fx, "Ben", TU_DELETE("content/x.md"));
	src = load(fx, "content", NULL);
	assert_int_equal(pm_source_count(src), 1);
	prior = saved(fx, src);
	pm_source_free(src);
	COMMIT(fx, "Cy", TU_FILE("content/x.md", "# X again\n"));
	assert_int_equal(assert_same_as_whole(fx, "content", prior,
	    &resumed), 1);
	assert_int_equal(resumed, 1);
	src = load(fx, "content", prior);
	assert_string_equal(pm_source_doc(src, 0)->name, "x.md");
	assert_string_equal(pm_source_doc(src, 0)->created,
	    "2024-03-05T10:00:00+01:00");
	assert_int_equal(pm_source_doc(src, 0)->nauthors, 2);
	pm_source_free(src);
}

/* A merge after the saved commit, a rewritten history, another content
 * path, a changed .mailmap: each means a whole walk, and right facts. */
static void
test_whole_walk_when_prior_does_not_apply(void **state)
{
	struct fx *fx = *state;
	const struct pm_history *prior, *other_path;
	git_oid saved_at, side, parents[2];
	int resumed;

	base_history(fx);
	prior = state_at_head(fx, "content");
	other_path = state_at_head(fx, "content/deep");
	saved_at = fx->head;

	/* A merge. */
	{
		const struct tu_change ch[] = {
			TU_FILE("content/side.md", "# Side\n"),
		};

		tu_commit_changes(fx->repo, &side, NULL, &saved_at, 1, "Eve",
		    (git_time_t)fx->clock, 0, ch, NCH(ch));
	}
	COMMIT(fx, "Ben", TU_FILE("content/a.md", "# A\n\nmain\n"));
	parents[0] = fx->head;
	parents[1] = side;
	{
		const struct tu_change ch[] = {
			TU_FILE("content/side.md", "# Side\n"),
		};

		commit_on(fx, parents, 2, "Ben", ch, NCH(ch));
	}
	assert_same_as_whole(fx, "content", prior, &resumed);
	assert_int_equal(resumed, 0);

	/* Another content path. */
	assert_same_as_whole(fx, "content", other_path, &resumed);
	assert_int_equal(resumed, 0);

	/* A rewritten history: a new root, the saved commit not in it. */
	{
		const struct tu_change ch[] = {
			TU_FILE("content/a.md", "# A rewritten\n"),
		};

		tu_commit_changes(fx->repo, &fx->head, NULL, NULL, 0, "Ada",
		    (git_time_t)fx->clock, 0, ch, NCH(ch));
		tu_git(git_reference_create(NULL, fx->repo,
		    "refs/heads/main", &fx->head, 1, "test"));
	}
	assert_same_as_whole(fx, "content", prior, &resumed);
	assert_int_equal(resumed, 0);
}

static void
test_mailmap_change_walks_everything(void **state)
{
	struct fx *fx = *state;
	struct pm_source *src;
	const struct pm_history *prior;
	int resumed;

	base_history(fx);
	prior = state_at_head(fx, "content");
	COMMIT(fx, "Ada", TU_FILE(".mailmap",
	    "Benjamin Ng <Ben@example.com>\n"));
	assert_same_as_whole(fx, "content", prior, &resumed);
	assert_int_equal(resumed, 0);
	src = load(fx, "content", prior);
	for (size_t i = 0; i < pm_source_count(src); i++) {
		const struct pm_doc *d = pm_source_doc(src, i);

		if (strcmp(d->name, "a.md") == 0) {
			assert_int_equal(d->nauthors, 2);
			assert_string_equal(d->authors[1], "Benjamin Ng");
		}
	}
	pm_source_free(src);
}

/* A state that decodes but could not come from a walk is not used. */
static void
test_unsound_prior_is_ignored(void **state)
{
	struct fx *fx = *state;
	const struct pm_history *good;
	struct pm_history bad;
	struct pm_history_file files[2];
	size_t wild = 99;
	int resumed;

	base_history(fx);
	good = state_at_head(fx, "content");
	COMMIT(fx, "Ben", TU_FILE("content/a.md", "# A\n\nlater\n"));
	assert_true(good->nfiles >= 2);

	/* An author index out of range. */
	bad = *good;
	memcpy(files, good->files, sizeof(files));
	files[0].authors = &wild;
	files[0].nauthors = 1;
	bad.files = files;
	assert_same_as_whole(fx, "content", &bad, &resumed);
	assert_int_equal(resumed, 0);

	/* Files out of order. */
	files[0] = good->files[1];
	files[1] = good->files[0];
	bad.nfiles = 2;
	assert_same_as_whole(fx, "content", &bad, &resumed);
	assert_int_equal(resumed, 0);

	/* A file without versions. */
	memcpy(files, good->files, sizeof(files));
	files[1].nversions = 0;
	assert_same_as_whole(fx, "content", &bad, &resumed);
	assert_int_equal(resumed, 0);

	/* The same author twice. */
	bad = *good;
	if (good->nauthors >= 2) {
		const char *twice[] = { good->authors[0], good->authors[0],
		    good->authors[0] };

		bad.authors = twice;
		assert_same_as_whole(fx, "content", &bad, &resumed);
		assert_int_equal(resumed, 0);
	}
}

/* Every cut of a saved state fails to decode: no prefix is a state. */
static void
test_damaged_bytes_do_not_decode(void **state)
{
	struct fx *fx = *state;
	struct pm_source *src;
	struct pm_history h;
	struct pm_buf b = PM_BUF_INIT;

	base_history(fx);
	src = load(fx, "content", NULL);
	assert_int_equal(pm_cache__encode_history(&b,
	    pm_source_history(src)), 0);
	for (size_t n = 0; n < b.len; n++)
		assert_int_equal(pm_cache__decode_history(&h, fx->arena,
		    b.ptr, n), -1);
	assert_int_equal(pm_cache__decode_history(&h, fx->arena, b.ptr,
	    b.len), 0);
	assert_int_equal(h.nfiles, pm_source_history(src)->nfiles);
	pm_buf_putc(&b, 0);
	assert_int_equal(pm_cache__decode_history(&h, fx->arena, b.ptr,
	    b.len), -1);
	pm_buf_free(&b);
	pm_source_free(src);
}

/* A tree nested deeper than any listing allows, in an old commit, is
 * walked without descending past the limit (and without a crash). */
static void
test_deep_old_tree(void **state)
{
	struct fx *fx = *state;
	struct pm_buf path = PM_BUF_INIT;
	struct pm_source *src;

	pm_buf_puts(&path, "content");
	for (int i = 0; i < 200; i++)
		pm_buf_puts(&path, "/d");
	pm_buf_puts(&path, "/deep.md");
	COMMIT(fx, "Ada", TU_FILE("content/a.md", "# A\n"),
	    TU_FILE(path.ptr, "# Deep\n"));
	COMMIT(fx, "Ben", TU_DELETE(path.ptr));
	src = load(fx, "content", NULL);
	assert_int_equal(pm_source_count(src), 1);
	assert_non_null(pm_source_doc(src, 0)->created);
	pm_source_free(src);
	pm_buf_free(&path);
}

/* Commit i of a long, varied history: files come, change and go, five
 * authors take turns, a side branch merges every seventh commit. */
static void
varied_commit(struct fx *fx, int i)
{
	static const char *const who[] = { "Ada", "Ben", "Cy", "Dee", "Eve" };
	char path[64], other[64], text[64];
	git_oid side, parents[2];

	snprintf(path, sizeof(path), "content/f%02d.md", i % 13);
	snprintf(other, sizeof(other), "content/deep/g%d.md", i % 4);
	snprintf(text, sizeof(text), "# F\n\nrevision %d\n", i);
	if (i % 17 == 16) {
		COMMIT(fx, who[i % 5], TU_FILE("README", text));
	} else if (i % 11 == 10) {
		/* The file commit i - 1 wrote. */
		snprintf(path, sizeof(path), "content/f%02d.md", (i - 1) % 13);
		COMMIT(fx, who[i % 5], TU_DELETE(path));
	} else if (i % 7 == 6) {
		const struct tu_change ch[] = { TU_FILE(other, text) };

		tu_commit_changes(fx->repo, &side, NULL, &fx->head, 1,
		    who[(i + 2) % 5], (git_time_t)fx->clock, 120, ch, 1);
		fx->clock += HOUR;
		COMMIT(fx, who[i % 5], TU_FILE(path, text));
		parents[0] = fx->head;
		parents[1] = side;
		commit_on(fx, parents, 2, who[(i + 1) % 5], ch, 1);
	} else {
		COMMIT(fx, who[i % 5], TU_FILE(path, text));
	}
}

/* x and y hold the same facts, and the same state for a later build. */
static void
assert_same_walk(const struct pm_source *x, const struct pm_source *y)
{
	struct pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
	char *tx = facts_text(x), *ty = facts_text(y);

	assert_string_equal(tx, ty);
	assert_int_equal(pm_cache__encode_history(&a, pm_source_history(x)),
	    0);
	assert_int_equal(pm_cache__encode_history(&b, pm_source_history(y)),
	    0);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.ptr, b.ptr, a.len);
	free(tx);
	free(ty);
	pm_buf_free(&a);
	pm_buf_free(&b);
}

/*
 * The walk reads commits on several threads and credits them in order:
 * the facts, and the state a later build resumes from, are the same
 * whatever the number of threads.  The history is many times the block
 * the threads take at once, so every thread reads some of it.
 */
static void
test_threads_give_the_same_facts(void **state)
{
	struct fx *fx = *state;
	struct pm_source *one, *four;
	const struct pm_history *prior;
	size_t writes = 0, versions = SIZE_MAX;
	int resumed;
	char *text;

	COMMIT(fx, "Ada", TU_FILE(".mailmap",
	    "Ada Lovelace <Ada@example.com>\n"));
	for (int i = 0; i < 90; i++)
		varied_commit(fx, i);
	one = load_on(fx, "content", NULL, 1);
	four = load_on(fx, "content", NULL, 4);
	assert_same_walk(one, four);
	text = facts_text(four);
	assert_non_null(strstr(text, "Ada Lovelace;"));
	free(text);
	/* Every commit that wrote f00.md is one of its versions, whichever
	 * block it fell in: the rule varied_commit() writes by. */
	for (int i = 0; i < 90; i++)
		writes += i % 13 == 0 && i % 17 != 16 && i % 11 != 10;
	for (size_t k = 0; k < pm_source_count(four); k++)
		if (strcmp(pm_source_doc(four, k)->name, "f00.md") == 0)
			versions = pm_source_doc(four, k)->nversions;
	assert_int_equal(versions, writes);
	assert_int_equal(pm_source_walked(one, &resumed),
	    pm_source_walked(four, &resumed));
	assert_true(pm_source_walked(one, &resumed) > 100);
	pm_source_free(one);
	pm_source_free(four);

	/* Resuming reads the new commits on threads too. */
	prior = state_at_head(fx, "content");
	for (int i = 90; i < 150; i++)
		if (i % 7 != 6)
			varied_commit(fx, i);
	one = load_on(fx, "content", NULL, 1);
	four = load_on(fx, "content", prior, 4);
	assert_same_walk(one, four);
	assert_true(pm_source_walked(four, &resumed) > 16);
	assert_int_equal(resumed, 1);
	pm_source_free(one);
	pm_source_free(four);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_line_of_commits_resumes,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_same_commit_walks_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_deleted_file_comes_back,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_whole_walk_when_prior_does_not_apply, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_mailmap_change_walks_everything, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unsound_prior_is_ignored,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_damaged_bytes_do_not_decode, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deep_old_tree, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_threads_give_the_same_facts, setup, teardown),
	};
	int rc;

	git_libgit2_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return rc;
}
