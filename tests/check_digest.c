/*
 * check_digest.c: unit tests of the digests that key pages
 * (generator/digest.h): trees a template could tell apart never share an
 * encoding, equal trees always do, and a known subtree stands for itself.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "digest.h"

static int
setup(void **state)
{
	*state = pm_arena_new();
	return 0;
}

static int
teardown(void **state)
{
	pm_arena_free(*state);
	return 0;
}

static struct pm_digest
digest_of(const struct pm_value *v, pm_digest_known_fn known,
    const void *arg)
{
	struct pm_buf scratch = PM_BUF_INIT;
	struct pm_digest d;

	pm_digest_value(&d, &scratch, v, known, arg);
	pm_buf_free(&scratch);
	return d;
}

static struct pm_value *
list_of(struct pm_arena *a, const char *const *items, size_t n)
{
	struct pm_value *l = pm_value_new_list(a);

	for (size_t i = 0; i < n; i++)
		pm_value_list_push(a, l, pm_value_new_cstr(a, items[i]));
	return l;
}

/* Pairs that differ only in where their bytes fall, or in their types. */
static void
test_distinct_trees(void **state)
{
	struct pm_arena *a = *state;
	const char *ab[] = { "ab" }, *a_b[] = { "a", "b" };
	const char *ab_[] = { "ab", "" };
	struct pm_value *t[16];
	struct pm_value *m;
	size_t n = 0;

	t[n++] = list_of(a, ab, 1);
	t[n++] = list_of(a, a_b, 2);
	t[n++] = list_of(a, ab_, 2);
	t[n++] = pm_value_new_list(a);
	t[n++] = pm_value_new_map(a);
	t[n++] = pm_value_new_null(a);
	t[n++] = pm_value_new_bool(a, 0);
	t[n++] = pm_value_new_bool(a, 1);
	t[n++] = pm_value_new_number(a, 0);
	t[n++] = pm_value_new_number(a, 1);
	t[n++] = pm_value_new_cstr(a, "");
	t[n++] = pm_value_new_cstr(a, "1");
	/* {"a": "bc"} and {"ab": "c"}: a key's end is not a value's start. */
	m = pm_value_new_map(a);
	pm_value_map_set_str(a, m, "a", "bc");
	t[n++] = m;
	m = pm_value_new_map(a);
	pm_value_map_set_str(a, m, "ab", "c");
	t[n++] = m;
	/* Map order is output order. */
	m = pm_value_new_map(a);
	pm_value_map_set_str(a, m, "x", "1");
	pm_value_map_set_str(a, m, "y", "2");
	t[n++] = m;
	m = pm_value_new_map(a);
	pm_value_map_set_str(a, m, "y", "2");
	pm_value_map_set_str(a, m, "x", "1");
	t[n++] = m;
	for (size_t i = 0; i < n; i++)
		for (size_t k = i + 1; k < n; k++) {
			struct pm_digest x = digest_of(t[i], NULL, NULL);
			struct pm_digest y = digest_of(t[k], NULL, NULL);

			if (pm_digest_equal(&x, &y))
				fail_msg("trees %zu and %zu share a digest",
				    i, k);
		}
}

/* Built apart, the same tree gives the same digest; NULL is null. */
static void
test_equal_trees(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *m[2];
	struct pm_digest x, y;

	for (int i = 0; i < 2; i++) {
		const char *items[] = { "one", "two" };

		m[i] = pm_value_new_map(a);
		pm_value_map_set_str(a, m[i], "title", "Disk full");
		pm_value_map_set_num(a, m[i], "minutes", 95.5);
		pm_value_map_set(a, m[i], "tags", list_of(a, items, 2));
		pm_value_map_set(a, m[i], "none", NULL);
	}
	x = digest_of(m[0], NULL, NULL);
	y = digest_of(m[1], NULL, NULL);
	assert_true(pm_digest_equal(&x, &y));
	x = digest_of(NULL, NULL, NULL);
	y = digest_of(pm_value_new_null(a), NULL, NULL);
	assert_true(pm_digest_equal(&x, &y));
	/* One byte of one string deep down. */
	pm_value_list_push(a, pm_value_map_get(m[1], "tags"),
	    pm_value_new_cstr(a, "x"));
	y = digest_of(m[1], NULL, NULL);
	x = digest_of(m[0], NULL, NULL);
	assert_false(pm_digest_equal(&x, &y));
}

struct known {
	const struct pm_value *node;
	struct pm_digest d;
	int asked;
};

static int
known_one(struct pm_digest *out, const struct pm_value *v, const void *arg)
{
	struct known *k = (struct known *)arg;

	if (v != k->node)
		return 0;
	k->asked++;
	*out = k->d;
	return 1;
}

/* A known node stands for itself by its digest, wherever it sits; a
 * different digest for it changes the tree's. */
static void
test_known_subtrees(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *rec = pm_value_new_map(a), *ctx, *list;
	struct known k = { 0 };
	struct pm_digest plain, with, again;

	pm_value_map_set_str(a, rec, "title", "Disk full");
	ctx = pm_value_new_map(a);
	list = pm_value_new_list(a);
	pm_value_list_push(a, list, rec);
	pm_value_list_push(a, list, rec);
	pm_value_map_set(a, ctx, "incident", rec);
	pm_value_map_set(a, ctx, "earlier", list);
	k.node = rec;
	k.d = digest_of(rec, NULL, NULL);
	plain = digest_of(ctx, NULL, NULL);
	with = digest_of(ctx, known_one, &k);
	assert_int_equal(k.asked, 3);
	/* A known node is not encoded like its contents. */
	assert_false(pm_digest_equal(&plain, &with));
	again = digest_of(ctx, known_one, &k);
	assert_true(pm_digest_equal(&with, &again));
	k.d.bytes[7] ^= 1;
	again = digest_of(ctx, known_one, &k);
	assert_false(pm_digest_equal(&with, &again));
}

/* Numbers by their bits: 0 and -0 print differently, so they differ;
 * every NaN with the same bits is the same. */
static void
test_numbers(void **state)
{
	struct pm_arena *a = *state;
	struct pm_digest x, y;

	x = digest_of(pm_value_new_number(a, 0.0), NULL, NULL);
	y = digest_of(pm_value_new_number(a, -0.0), NULL, NULL);
	assert_false(pm_digest_equal(&x, &y));
	x = digest_of(pm_value_new_number(a, NAN), NULL, NULL);
	y = digest_of(pm_value_new_number(a, NAN), NULL, NULL);
	assert_true(pm_digest_equal(&x, &y));
	x = digest_of(pm_value_new_number(a, 0.1 + 0.2), NULL, NULL);
	y = digest_of(pm_value_new_number(a, 0.3), NULL, NULL);
	assert_false(pm_digest_equal(&x, &y));
}

/* Bytes: empty input, and a change in any byte of a long one. */
static void
test_bytes(void **state)
{
	char buf[4096];
	struct pm_digest x, y;

	(void)state;
	for (size_t i = 0; i < sizeof(buf); i++)
		buf[i] = (char)(i * 31);
	pm_digest_bytes(&x, "", 0);
	pm_digest_bytes(&y, buf, 0);
	assert_true(pm_digest_equal(&x, &y));
	pm_digest_bytes(&x, buf, sizeof(buf));
	for (size_t i = 0; i < sizeof(buf); i += 97) {
		buf[i] ^= 0x10;
		pm_digest_bytes(&y, buf, sizeof(buf));
		assert_false(pm_digest_equal(&x, &y));
		buf[i] ^= 0x10;
	}
	pm_digest_bytes(&y, buf, sizeof(buf));
	assert_true(pm_digest_equal(&x, &y));
}

/* Bytes put in pieces give the digest of all of them at once, whether
 * they end before the first piece is hashed or long after, and whatever
 * the sizes of the puts. */
static void
test_pieces(void **state)
{
	size_t sizes[] = { 0, 1, PM_DIGEST_PIECE - 1, PM_DIGEST_PIECE,
	    PM_DIGEST_PIECE + 1, 5 * PM_DIGEST_PIECE + 123 };
	size_t steps[] = { 1, 7, 4096, PM_DIGEST_PIECE + 5 };
	size_t max = 5 * PM_DIGEST_PIECE + 123;
	char *data = malloc(max);
	struct pm_buf scratch = PM_BUF_INIT;

	(void)state;
	for (size_t i = 0; i < max; i++)
		data[i] = (char)(i * 131 + (i >> 9));
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++)
		for (size_t j = 0; j < sizeof(steps) / sizeof(steps[0]); j++) {
			struct pm_digester d;
			struct pm_digest whole, parts;

			if (steps[j] == 1 && sizes[k] > PM_DIGEST_PIECE + 1)
				continue;	/* slow, and nothing new */
			pm_digest_bytes(&whole, data, sizes[k]);
			pm_digester_start(&d, &scratch);
			for (size_t at = 0; at < sizes[k]; at += steps[j])
				pm_digester_put(&d, data + at, sizes[k] - at <
				    steps[j] ? sizes[k] - at : steps[j]);
			pm_digester_finish(&d, &parts);
			assert_true(pm_digest_equal(&whole, &parts));
			assert_null(d.state);
		}
	pm_buf_free(&scratch);
	free(data);
}

/* A tree whose encoding is many pieces long: its scratch stays about a
 * piece, and a change in its last leaf still changes the digest. */
static void
test_large_tree(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *l = pm_value_new_list(a), *last = NULL;
	struct pm_buf scratch = PM_BUF_INIT;
	struct pm_digest x, y;

	for (int i = 0; i < 20000; i++) {
		struct pm_value *m = pm_value_new_map(a);

		pm_value_map_set_str(a, m, "text", "an action item to do");
		pm_value_list_push(a, l, m);
		last = m;
	}
	pm_digest_value(&x, &scratch, l, NULL, NULL);
	assert_true(scratch.cap <= 2 * PM_DIGEST_PIECE + 64);
	pm_value_map_set_str(a, last, "text", "an action item done");
	pm_digest_value(&y, &scratch, l, NULL, NULL);
	assert_false(pm_digest_equal(&x, &y));
	pm_value_map_set_str(a, last, "text", "an action item to do");
	pm_digest_value(&y, &scratch, l, NULL, NULL);
	assert_true(pm_digest_equal(&x, &y));
	pm_buf_free(&scratch);
}

static struct pm_value *
make_word(const void *arg, size_t i, struct pm_arena *a)
{
	return pm_value_new_cstr(a, ((const char *const *)arg)[i]);
}

/* A made list digests as the list of the items it makes. */
static void
test_made_list(void **state)
{
	static const char *const words[] = { "alpha", "beta", "gamma" };
	struct pm_arena *a = *state;
	const struct pm_value_maker maker = { make_word, words, NULL };
	struct pm_value *real = list_of(a, words, 3);
	struct pm_value *made = pm_value_new_made_list(a, 3, &maker);
	struct pm_value *shorter = pm_value_new_made_list(a, 2, &maker);
	struct pm_digest x = digest_of(real, NULL, NULL);
	struct pm_digest y = digest_of(made, NULL, NULL);
	struct pm_digest z = digest_of(shorter, NULL, NULL);

	assert_true(pm_digest_equal(&x, &y));
	assert_false(pm_digest_equal(&x, &z));
}

static struct pm_value *
make_never(const void *arg, size_t i, struct pm_arena *a)
{
	(void)arg;
	(void)i;
	(void)a;
	fail_msg("an item was made although its inputs were named");
	return NULL;
}

/* Item i's inputs: the i-th word, hashed; arg is the word list. */
static void
word_inputs(const void *arg, size_t i, unsigned char out[16])
{
	const char *w = ((const char *const *)arg)[i];
	struct pm_digest d;

	pm_digest_bytes(&d, w, strlen(w));
	memcpy(out, d.bytes, 16);
}

/*
 * A made list whose maker names its items' inputs digests by them, and
 * makes no item: equal inputs, equal digests; one changed input, or one
 * item fewer, another digest; and never the digest of the items made.
 */
static void
test_made_list_inputs(void **state)
{
	static const char *const words[] = { "alpha", "beta", "gamma" };
	static const char *const other[] = { "alpha", "beta", "delta" };
	struct pm_arena *a = *state;
	const struct pm_value_maker m1 = { make_never, words, word_inputs };
	const struct pm_value_maker m2 = { make_never, words, word_inputs };
	const struct pm_value_maker m3 = { make_never, other, word_inputs };
	struct pm_digest x = digest_of(pm_value_new_made_list(a, 3, &m1),
	    NULL, NULL);
	struct pm_digest y = digest_of(pm_value_new_made_list(a, 3, &m2),
	    NULL, NULL);
	struct pm_digest z = digest_of(pm_value_new_made_list(a, 3, &m3),
	    NULL, NULL);
	struct pm_digest s = digest_of(pm_value_new_made_list(a, 2, &m1),
	    NULL, NULL);
	struct pm_digest r = digest_of(list_of(a, words, 3), NULL, NULL);

	assert_true(pm_digest_equal(&x, &y));
	assert_false(pm_digest_equal(&x, &z));
	assert_false(pm_digest_equal(&x, &s));
	assert_false(pm_digest_equal(&x, &r));
}

/* Lists of strings: NULL apart from "", the cut between two strings
 * seen, and a list past the stack buffer the same as itself. */
static void
test_strings(void **state)
{
	const char *ab_c[] = { "ab", "c" }, *a_bc[] = { "a", "bc" };
	const char *null[] = { NULL, "x" }, *empty[] = { "", "x" };
	struct pm_digest x, y;
	char *big = malloc(5000), *big2 = malloc(5000);
	const char *l1[] = { "t", big }, *l2[] = { "t", big2 };

	(void)state;
	pm_digest_strings(&x, ab_c, 2);
	pm_digest_strings(&y, a_bc, 2);
	assert_false(pm_digest_equal(&x, &y));
	pm_digest_strings(&x, null, 2);
	pm_digest_strings(&y, empty, 2);
	assert_false(pm_digest_equal(&x, &y));
	pm_digest_strings(&y, null, 1);
	assert_false(pm_digest_equal(&x, &y));
	memset(big, 'q', 4999);
	big[4999] = '\0';
	memcpy(big2, big, 5000);
	pm_digest_strings(&x, l1, 2);
	pm_digest_strings(&y, l2, 2);
	assert_true(pm_digest_equal(&x, &y));
	big2[4000] = 'r';
	pm_digest_strings(&y, l2, 2);
	assert_false(pm_digest_equal(&x, &y));
	free(big);
	free(big2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_distinct_trees, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_equal_trees, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_known_subtrees, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_numbers, setup,
		    teardown),
		cmocka_unit_test(test_bytes),
		cmocka_unit_test_setup_teardown(test_made_list, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_made_list_inputs, setup,
		    teardown),
		cmocka_unit_test(test_pieces),
		cmocka_unit_test(test_strings),
		cmocka_unit_test_setup_teardown(test_large_tree, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
