/*
 * check_phrase_index.c: unit tests of the first-letter index of phrase
 * lists (generator/phrase_index.h): a walk from a letter gives exactly
 * the phrases that start with it, in list order, folded to lowercase, and
 * the lists it cannot index are walked whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "phrase_index.h"

/* The phrases a walk from byte c gives, joined by '|'. */
static void
walk(char *out, size_t size, const struct pm_phrase_index *x, int c)
{
	out[0] = '\0';
	for (size_t k = pm_phrase_index_head(x, c); k;
	    k = pm_phrase_index_next(x, k)) {
		if (out[0])
			strncat(out, "|", size - strlen(out) - 1);
		strncat(out, x->list[k - 1], size - strlen(out) - 1);
	}
}

static void
test_chains_by_first_letter_in_list_order(void **state)
{
	static const char *const list[] = {
		"restored", "rolled back", "Reverted", "mitigated", "resolved",
		"fixed", NULL
	};
	struct pm_phrase_index x;
	char got[256];

	(void)state;
	pm_phrase_index_init(&x, list);
	assert_false(x.plain);
	walk(got, sizeof(got), &x, 'r');
	assert_string_equal(got, "restored|rolled back|Reverted|resolved");
	/* the text's capital finds the same chain */
	walk(got, sizeof(got), &x, 'R');
	assert_string_equal(got, "restored|rolled back|Reverted|resolved");
	walk(got, sizeof(got), &x, 'm');
	assert_string_equal(got, "mitigated");
	walk(got, sizeof(got), &x, 'z');
	assert_string_equal(got, "");
	walk(got, sizeof(got), &x, 0xc3);
	assert_string_equal(got, "");
}

static void
test_empty_list(void **state)
{
	static const char *const list[] = { NULL };
	struct pm_phrase_index x;
	char got[16];

	(void)state;
	pm_phrase_index_init(&x, list);
	walk(got, sizeof(got), &x, 'a');
	assert_string_equal(got, "");
}

/* A phrase that starts with a blank or '*' may match after any letter:
 * the whole list is walked, in order, from every byte. */
static void
test_blank_or_stem_first_walks_whole_list(void **state)
{
	static const char *const blank[] = { "down", " by", "delay", NULL };
	static const char *const stem[] = { "*ing", "fail", NULL };
	struct pm_phrase_index x;
	char got[64];

	(void)state;
	pm_phrase_index_init(&x, blank);
	assert_true(x.plain);
	walk(got, sizeof(got), &x, 'q');
	assert_string_equal(got, "down| by|delay");
	pm_phrase_index_init(&x, stem);
	assert_true(x.plain);
	walk(got, sizeof(got), &x, 'f');
	assert_string_equal(got, "*ing|fail");
}

/* Past PM_PHRASE_INDEX_MAX phrases the list is walked whole. */
static void
test_long_list_walks_whole(void **state)
{
	enum { N = PM_PHRASE_INDEX_MAX + 3 };
	const char **list = calloc(N + 1, sizeof(*list));
	struct pm_phrase_index x;
	size_t n = 0;

	(void)state;
	assert_non_null(list);
	for (size_t i = 0; i < N; i++)
		list[i] = i % 2 ? "alpha" : "beta";
	pm_phrase_index_init(&x, list);
	assert_true(x.plain);
	for (size_t k = pm_phrase_index_head(&x, 'a'); k;
	    k = pm_phrase_index_next(&x, k))
		n++;
	assert_int_equal(n, N);
	/* one phrase fewer than the limit is indexed */
	list[PM_PHRASE_INDEX_MAX] = NULL;
	pm_phrase_index_init(&x, list);
	assert_false(x.plain);
	n = 0;
	for (size_t k = pm_phrase_index_head(&x, 'a'); k;
	    k = pm_phrase_index_next(&x, k))
		n++;
	assert_int_equal(n, PM_PHRASE_INDEX_MAX / 2);
	free(list);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chains_by_first_letter_in_list_order),
		cmocka_unit_test(test_empty_list),
		cmocka_unit_test(test_blank_or_stem_first_walks_whole_list),
		cmocka_unit_test(test_long_list_walks_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
