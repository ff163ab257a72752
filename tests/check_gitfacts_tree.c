/*
 * check_gitfacts_tree.c: the history walk's comparison of two raw tree
 * objects (gitfacts_tree.c), against a plain pairing by name over trees
 * built by hand, random trees, malformed bytes, and a real repository
 * whose names test git's order.
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

#include "buf.h"
#include "error.h"
#include "gitfacts_int.h"
#include "source.h"
#include "testutil.h"

#define BLOB	"100644"
#define TREE	"40000"

/* An entry as the tests think of it.  Its id differs from others only
 * in its last byte, so that a changed id ends right where the bytes of
 * two trees stop agreeing: the hardest place for the common prefix. */
struct ent {
	char name[16];
	int tree;
	unsigned char id;
};

static void
put_entry(struct pm_buf *b, const char *mode, const char *name,
    unsigned char id)
{
	unsigned char raw[GIT_OID_RAWSZ];

	memset(raw, 0x5a, sizeof(raw));
	raw[GIT_OID_RAWSZ - 1] = id;
	pm_buf_puts(b, mode);
	pm_buf_putc(b, ' ');
	pm_buf_put(b, name, strlen(name) + 1);
	pm_buf_put(b, raw, sizeof(raw));
}

/* What pm_gitfacts__tree_diff reported, one line per call:
 * "name id" or "name id<old" with the ids' last byte in hex. */
static void
record(void *ctx, const struct gf_entry *e, const struct gf_entry *old)
{
	struct pm_buf *out = ctx;
	char line[64];

	snprintf(line, sizeof(line), "%.*s%s %02x", (int)e->len, e->name,
	    pm_gitfacts__is_tree(e) ? "/" : "", e->id[GIT_OID_RAWSZ - 1]);
	pm_buf_puts(out, line);
	if (old) {
		snprintf(line, sizeof(line), "<%02x",
		    old->id[GIT_OID_RAWSZ - 1]);
		pm_buf_puts(out, line);
	}
	pm_buf_putc(out, '\n');
}

static char *
diff(const struct pm_buf *a, const struct pm_buf *b)
{
	struct pm_buf out = PM_BUF_INIT;

	assert_int_equal(pm_gitfacts__tree_diff((const unsigned char *)a->ptr,
	    a->len, b ? (const unsigned char *)b->ptr : NULL, b ? b->len : 0,
	    record, &out), 0);
	return pm_buf_detach(&out, NULL);
}

/* git's order: a folder's name compares as if it ended in '/'. */
static int
git_order(const void *x, const void *y)
{
	const struct ent *a = x, *b = y;
	char ka[20], kb[20];

	snprintf(ka, sizeof(ka), "%s%s", a->name, a->tree ? "/" : "");
	snprintf(kb, sizeof(kb), "%s%s", b->name, b->tree ? "/" : "");
	return strcmp(ka, kb);
}

static void
build(struct pm_buf *b, struct ent *e, size_t n)
{
	qsort(e, n, sizeof(*e), git_order);
	pm_buf_truncate(b, 0);
	for (size_t i = 0; i < n; i++)
		put_entry(b, e[i].tree ? TREE : BLOB, e[i].name, e[i].id);
}

/* The reference: every entry of a, paired by name and kind with b. */
static char *
reference(const struct ent *a, size_t an, const struct ent *b, size_t bn)
{
	struct pm_buf out = PM_BUF_INIT;
	char line[64];

	for (size_t i = 0; i < an; i++) {
		const struct ent *o = NULL;

		for (size_t j = 0; j < bn; j++)
			if (strcmp(a[i].name, b[j].name) == 0 &&
			    a[i].tree == b[j].tree)
				o = &b[j];
		if (o && o->id == a[i].id)
			continue;
		snprintf(line, sizeof(line), "%s%s %02x", a[i].name,
		    a[i].tree ? "/" : "", a[i].id);
		pm_buf_puts(&out, line);
		if (o) {
			snprintf(line, sizeof(line), "<%02x", o->id);
			pm_buf_puts(&out, line);
		}
		pm_buf_putc(&out, '\n');
	}
	return pm_buf_detach(&out, NULL);
}

/*
 * "x-y.md" < "x.md" < "x" as a folder ("x/"): a plain comparison of the
 * names would pair them wrongly and report files that did not change.
 */
static void
test_git_order(void **state)
{
	struct pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
	char *got;

	(void)state;
	put_entry(&b, BLOB, "x-y.md", 1);
	put_entry(&b, BLOB, "x.md", 2);
	put_entry(&b, TREE, "x", 3);
	put_entry(&a, BLOB, "x-y.md", 1);
	put_entry(&a, BLOB, "x.md", 4);
	put_entry(&a, TREE, "x", 5);
	got = diff(&a, &b);
	assert_string_equal(got, "x.md 04<02\nx/ 05<03\n");
	free(got);
	/* the folder "x" became a file: a new name, the folder passed over */
	pm_buf_truncate(&a, 0);
	put_entry(&a, BLOB, "x", 6);
	put_entry(&a, BLOB, "x-y.md", 1);
	put_entry(&a, BLOB, "x.md", 2);
	got = diff(&a, &b);
	assert_string_equal(got, "x 06\n");
	free(got);
	pm_buf_free(&a);
	pm_buf_free(&b);
}

/* A folder of 3,000 files, changed at its ends and in its middle. */
static void
test_large_folder(void **state)
{
	enum { N = 3000 };
	struct ent *old = calloc(N + 1, sizeof(*old));
	struct ent *now = calloc(N + 1, sizeof(*now));
	struct pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;

	(void)state;
	for (size_t i = 0; i < N; i++) {
		snprintf(old[i].name, sizeof(old[i].name), "f%05zu.md", i * 2);
		old[i].id = (unsigned char)(i % 250);
	}
	build(&b, old, N);
	for (int c = 0; c < 7; c++) {
		size_t n = N, at[] = { 0, N / 2, N - 1 };
		char *got, *want;

		memcpy(now, old, N * sizeof(*now));
		if (c < 3) {			/* one file changed */
			now[at[c]].id = 251;
		} else if (c == 3) {		/* one added in the middle */
			snprintf(now[N].name, sizeof(now[N].name), "f%05d.md",
			    N + 1);
			now[N].id = 252;
			n = N + 1;
		} else if (c == 4) {		/* one deleted */
			now[N / 2] = now[N - 1];
			n = N - 1;
		} else if (c == 5) {		/* one added at the end */
			snprintf(now[N].name, sizeof(now[N].name), "zz.md");
			now[N].id = 253;
			n = N + 1;
		}				/* c == 6: the same */
		build(&a, now, n);
		got = diff(&a, &b);
		want = reference(now, n, old, N);
		assert_string_equal(got, want);
		assert_true(c == 4 || c == 6 ? *got == '\0' : *got != '\0');
		free(got);
		free(want);
	}
	/* no old tree: every entry is new */
	{
		char *got = diff(&b, NULL), *want = reference(old, N, NULL, 0);

		assert_string_equal(got, want);
		free(got);
		free(want);
	}
	pm_buf_free(&a);
	pm_buf_free(&b);
	free(old);
	free(now);
}

/* A name from an alphabet small enough for names to be each other's
 * prefixes ("a", "a-", "a.b", "a/") as often as not. */
static void
random_name(char *name, size_t size, unsigned int *seed)
{
	static const char alphabet[] = "a-.b";
	size_t len = 1 + (size_t)rand_r(seed) % 4;

	for (size_t i = 0; i < len && i + 1 < size; i++)
		name[i] = alphabet[rand_r(seed) % 4];
	name[len < size ? len : size - 1] = '\0';
}

static int
has_name(const struct ent *e, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].name, name) == 0)
			return 1;
	return 0;
}

/* Random trees, changed at random: the same findings as the reference. */
static void
test_random_trees(void **state)
{
	struct ent old[40], now[80];
	struct pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
	unsigned int seed = 49;

	(void)state;
	for (int round = 0; round < 2000; round++) {
		size_t on = 0, nn = 0, want_n = (size_t)rand_r(&seed) % 40;
		char *got, *want;

		for (size_t k = 0; k < 200 && on < want_n; k++) {
			struct ent e = { { 0 }, rand_r(&seed) % 3 == 0,
			    (unsigned char)(rand_r(&seed) % 4) };

			random_name(e.name, sizeof(e.name), &seed);
			if (!has_name(old, on, e.name))
				old[on++] = e;
		}
		build(&b, old, on);
		for (size_t i = 0; i < on; i++) {
			int r = rand_r(&seed) % 6;

			if (r == 0)		/* deleted */
				continue;
			now[nn] = old[i];
			if (r == 1)		/* changed */
				now[nn].id = (unsigned char)(4 +
				    rand_r(&seed) % 4);
			else if (r == 2)	/* a folder now, or a file */
				now[nn].tree = !now[nn].tree;
			nn++;
		}
		for (int k = rand_r(&seed) % 6; k > 0; k--) {
			struct ent e = { { 0 }, rand_r(&seed) % 2, 9 };

			random_name(e.name, sizeof(e.name), &seed);
			if (!has_name(now, nn, e.name))
				now[nn++] = e;
		}
		build(&a, now, nn);
		got = diff(&a, &b);
		want = reference(now, nn, old, on);
		if (strcmp(got, want) != 0)
			fail_msg("round %d: got\n%swant\n%s", round, got, want);
		free(got);
		free(want);
	}
	pm_buf_free(&a);
	pm_buf_free(&b);
}

/* Bytes that are no tree entry end the comparison with an error, as
 * the new tree or as the old one, and nothing is read past them. */
static void
test_malformed(void **state)
{
	static const struct {
		const char *bytes;
		size_t len;
	} bad[] = {
		{ "100644 ", 7 },		/* no name */
		{ "100644 a", 8 },		/* no NUL */
		{ "100644 a\0short", 14 },	/* the id cut short */
		{ "abc a\0aaaaaaaaaaaaaaaaaaaa", 26 },	/* no mode */
		{ " a\0aaaaaaaaaaaaaaaaaaaa", 23 },	/* empty mode */
		{ "100644a\0aaaaaaaaaaaaaaaaaaaa", 28 },	/* no space */
		{ "100644 \0aaaaaaaaaaaaaaaaaaaa", 28 },	/* empty name */
		{ "1006440000000 a\0aaaaaaaaaaaaaaaaaaaa", 36 },
	};
	struct pm_buf good = PM_BUF_INIT, out = PM_BUF_INIT;

	(void)state;
	put_entry(&good, BLOB, "ok.md", 7);
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* an exact copy on the heap, so ASan sees any read past it */
		unsigned char *copy = malloc(bad[i].len);

		memcpy(copy, bad[i].bytes, bad[i].len);
		assert_int_equal(pm_gitfacts__tree_diff(copy, bad[i].len, NULL,
		    0, record, &out), -1);
		assert_int_equal(pm_gitfacts__tree_diff(
		    (const unsigned char *)good.ptr, good.len, copy,
		    bad[i].len, record, &out), -1);
		free(copy);
	}
	pm_buf_free(&good);
	pm_buf_free(&out);
}

/*
 * A real repository: "x.md", "x-y.md" and the folder "x" changed by
 * different commits; each file is credited with its own writes only.
 */
static void
test_repository_git_order(void **state)
{
	const struct tu_change one[] = {
		TU_FILE("content/x.md", "x\n"),
		TU_FILE("content/x-y.md", "xy\n"),
		TU_FILE("content/x/z.md", "z\n"),
	};
	const struct tu_change two[] = { TU_FILE("content/x.md", "x2\n") };
	const struct tu_change three[] = { TU_FILE("content/x/z.md", "z2\n") };
	char *dir = tu_tempdir(), path[4096];
	git_repository *repo;
	git_oid c1, c2, c3;
	struct pm_source *src = NULL;
	struct pm_error err;
	struct pm_source_opts opts = { path, NULL, "content", 0, 0, 1 };
	static const struct {
		const char *name, *updated;
		size_t nauthors;
	} want[] = {
		{ "x-y.md", "2024-03-05T09:00:00+00:00", 1 },
		{ "x.md", "2024-03-06T09:00:00+00:00", 2 },
		{ "x/z.md", "2024-03-07T09:00:00+00:00", 2 },
	};

	(void)state;
	snprintf(path, sizeof(path), "%s/repo", dir);
	tu_git(git_repository_init(&repo, path, 0));
	tu_commit_changes(repo, &c1, "HEAD", NULL, 0, "Ann", 1709629200, 0,
	    one, 3);
	tu_commit_changes(repo, &c2, "HEAD", &c1, 1, "Bo", 1709715600, 0,
	    two, 1);
	tu_commit_changes(repo, &c3, "HEAD", &c2, 1, "Cy", 1709802000, 0,
	    three, 1);
	assert_int_equal(pm_source_open(&src, &opts, &err), 0);
	assert_int_equal(pm_source_load(src, &err), 0);
	assert_int_equal(pm_source_count(src), 3);
	for (size_t i = 0; i < 3; i++) {
		const struct pm_doc *d = NULL;

		for (size_t k = 0; k < pm_source_count(src); k++)
			if (strcmp(pm_source_doc(src, k)->name,
			    want[i].name) == 0)
				d = pm_source_doc(src, k);
		assert_non_null(d);
		assert_string_equal(d->created, "2024-03-05T09:00:00+00:00");
		assert_string_equal(d->updated, want[i].updated);
		assert_int_equal(d->nauthors, want[i].nauthors);
	}
	pm_source_free(src);
	git_repository_free(repo);
	tu_rm_rf(dir);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_git_order),
		cmocka_unit_test(test_large_folder),
		cmocka_unit_test(test_random_trees),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_repository_git_order),
	};
	int rc;

	git_libgit2_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return rc;
}
