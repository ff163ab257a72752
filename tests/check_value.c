/*
 * check_value.c: unit tests of the value tree: constructors, lists and
 * ordered maps, lookups, number formatting, the JSON writer and deep copies
 * (generator/value.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"

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

/* v as JSON with indent, compared with want. */
static void
expect_json(const struct pm_value *v, int indent, const char *want)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_value_write_json(&b, v, indent);
	if (strcmp(pm_buf_cstr(&b), want) != 0) {
		print_error("json:\n%s\nwant:\n%s\n", pm_buf_cstr(&b), want);
		pm_buf_free(&b);
		fail();
	}
	pm_buf_free(&b);
}

static void
test_scalars(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *v;

	v = pm_value_new_null(a);
	assert_int_equal(v->type, PM_VALUE_NULL);
	assert_int_equal(v->line, 0);
	v = pm_value_new_bool(a, 5);
	assert_int_equal(v->type, PM_VALUE_BOOL);
	assert_int_equal(v->u.boolean, 1);	/* normalised to 0/1 */
	assert_int_equal(pm_value_new_bool(a, 0)->u.boolean, 0);
	v = pm_value_new_number(a, -2.5);
	assert_int_equal(v->type, PM_VALUE_NUMBER);
	assert_true(v->u.number == -2.5);
	assert_true(pm_value_is(v, PM_VALUE_NUMBER));
	assert_false(pm_value_is(v, PM_VALUE_STRING));
	assert_false(pm_value_is(NULL, PM_VALUE_NULL));
	assert_null(pm_value_str(v));
	assert_null(pm_value_str(NULL));
	assert_int_equal(pm_value_len(v), 0);
	assert_int_equal(pm_value_len(NULL), 0);
}

static void
test_strings(void **state)
{
	struct pm_arena *a = *state;
	char src[] = "a\0b-c";
	struct pm_value *v, *r;

	/* A copy, with its length, embedded NUL kept, NUL-terminated. */
	v = pm_value_new_string(a, src, 5);
	assert_int_equal(v->type, PM_VALUE_STRING);
	assert_int_equal(v->u.string.len, 5);
	assert_memory_equal(v->u.string.ptr, "a\0b-c", 6);
	assert_ptr_not_equal(v->u.string.ptr, src);
	/* A reference borrows the bytes. */
	r = pm_value_new_string_ref(a, src + 2, 3);
	assert_ptr_equal(r->u.string.ptr, src + 2);
	assert_int_equal(r->u.string.len, 3);
	src[2] = 'B';
	assert_int_equal(v->u.string.ptr[2], 'b');
	assert_int_equal(r->u.string.ptr[0], 'B');
	/* C strings; NULL stands for "". */
	v = pm_value_new_cstr(a, "incident");
	assert_string_equal(pm_value_str(v), "incident");
	assert_int_equal(v->u.string.len, 8);
	v = pm_value_new_cstr(a, NULL);
	assert_string_equal(pm_value_str(v), "");
	assert_int_equal(v->u.string.len, 0);
	v = pm_value_new_string(a, NULL, 10);
	assert_string_equal(pm_value_str(v), "");
	assert_int_equal(v->u.string.len, 0);
	/* Only len bytes are copied. */
	v = pm_value_new_string(a, "abcdef", 3);
	assert_string_equal(pm_value_str(v), "abc");
}

static void
test_list(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *list = pm_value_new_list(a);
	size_t i;

	assert_int_equal(list->type, PM_VALUE_LIST);
	assert_int_equal(pm_value_len(list), 0);
	for (i = 0; i < 1000; i++)
		pm_value_list_push(a, list, pm_value_new_number(a,
		    (double)i));
	pm_value_list_push(a, list, NULL);
	assert_int_equal(pm_value_len(list), 1001);
	assert_true(list->u.list.cap >= 1001);
	for (i = 0; i < 1000; i++)
		assert_true(list->u.list.items[i]->u.number == (double)i);
	/* NULL is stored as a null value, never as a NULL pointer. */
	assert_non_null(list->u.list.items[1000]);
	assert_int_equal(list->u.list.items[1000]->type, PM_VALUE_NULL);
}

static void
test_map_order_replace(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *m = pm_value_new_map(a);
	struct pm_value *x = pm_value_new_cstr(a, "x");
	char key[] = "zeta";
	static const char alpha[] = "alpha";

	pm_value_map_setn(a, m, key, strlen(key), x);
	pm_value_map_set_num(a, m, alpha, 1);
	pm_value_map_set_bool(a, m, "mid", 1);
	pm_value_map_set_str(a, m, "s", "text");
	pm_value_map_set_str(a, m, "nil", NULL);
	pm_value_map_set(a, m, "nothing", NULL);
	assert_int_equal(pm_value_len(m), 6);
	/* pm_value_map_setn copies the key. */
	key[0] = 'Z';
	assert_ptr_equal(pm_value_map_get(m, "zeta"), x);
	assert_null(pm_value_map_get(m, "Zeta"));
	/* pm_value_map_set borrows it. */
	assert_ptr_equal(m->u.map.entries[1].key, alpha);
	/* Replacing keeps the position and the count. */
	pm_value_map_set_num(a, m, "zeta", 26);
	pm_value_map_set_str(a, m, "alpha", "first");
	assert_int_equal(pm_value_len(m), 6);
	assert_string_equal(m->u.map.entries[0].key, "zeta");
	assert_string_equal(m->u.map.entries[1].key, "alpha");
	assert_string_equal(m->u.map.entries[2].key, "mid");
	assert_true(pm_value_map_get(m, "zeta")->u.number == 26);
	assert_string_equal(pm_value_str(pm_value_map_get(m, "alpha")),
	    "first");
	assert_int_equal(pm_value_map_get(m, "nil")->type, PM_VALUE_NULL);
	assert_int_equal(pm_value_map_get(m, "nothing")->type,
	    PM_VALUE_NULL);
	assert_null(pm_value_map_get(m, "absent"));
	expect_json(m, 0, "{\"zeta\":26,\"alpha\":\"first\",\"mid\":true,"
	    "\"s\":\"text\",\"nil\":null,\"nothing\":null}");
}

static void
test_map_growth(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *m = pm_value_new_map(a);
	char key[32];
	int i;

	for (i = 0; i < 500; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		pm_value_map_setn(a, m, key, strlen(key),
		    pm_value_new_number(a, i));
	}
	assert_int_equal(pm_value_len(m), 500);
	for (i = 0; i < 500; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		assert_string_equal(m->u.map.entries[i].key, key);
		assert_true(pm_value_map_get(m, key)->u.number == i);
	}
}

/* Keys are compared with their lengths: embedded NUL and prefixes. */
static void
test_map_getn(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *m = pm_value_new_map(a);
	struct pm_value *one = pm_value_new_number(a, 1);
	struct pm_value *two = pm_value_new_number(a, 2);
	struct pm_value *three = pm_value_new_number(a, 3);

	pm_value_map_setn(a, m, "a\0b", 3, one);
	pm_value_map_setn(a, m, "a", 1, two);
	pm_value_map_set(a, m, "ab", three);
	assert_int_equal(pm_value_len(m), 3);
	assert_int_equal(m->u.map.entries[0].key_len, 3);
	assert_memory_equal(m->u.map.entries[0].key, "a\0b", 4);
	assert_ptr_equal(pm_value_map_getn(m, "a\0b", 3), one);
	assert_ptr_equal(pm_value_map_getn(m, "a\0b", 1), two);
	assert_ptr_equal(pm_value_map_get(m, "a"), two);
	assert_ptr_equal(pm_value_map_getn(m, "abc", 2), three);
	assert_null(pm_value_map_getn(m, "abc", 3));
	assert_null(pm_value_map_getn(m, "", 0));
	/* Keys with the same hash are still two keys. */
	assert_int_equal(pm_value_key_hash("bgpx_", 5),
	    pm_value_key_hash("b13ck", 5));
	pm_value_map_set(a, m, "bgpx_", one);
	assert_null(pm_value_map_get(m, "b13ck"));
	pm_value_map_set(a, m, "b13ck", two);
	assert_int_equal(pm_value_len(m), 5);
	assert_ptr_equal(pm_value_map_get(m, "bgpx_"), one);
	assert_ptr_equal(pm_value_map_get(m, "b13ck"), two);
	/* Lookups in what is not a map. */
	assert_null(pm_value_map_get(NULL, "a"));
	assert_null(pm_value_map_get(one, "a"));
	assert_null(pm_value_map_get(pm_value_new_list(a), "a"));
}

static void
test_get_path(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *root = pm_value_new_map(a);
	struct pm_value *git = pm_value_new_map(a);
	struct pm_value *deep = pm_value_new_map(a);
	struct pm_value *leaf = pm_value_new_cstr(a, "leaf");

	pm_value_map_set_str(a, git, "created", "2024-03-05");
	pm_value_map_set(a, deep, "c", leaf);
	pm_value_map_set(a, git, "b", deep);
	pm_value_map_set(a, root, "git", git);
	pm_value_map_set_str(a, root, "title", "t");
	assert_string_equal(pm_value_str(pm_value_get_path(root,
	    "git.created")), "2024-03-05");
	assert_ptr_equal(pm_value_get_path(root, "git.b.c"), leaf);
	assert_ptr_equal(pm_value_get_path(root, "git"), git);
	assert_string_equal(pm_value_str(pm_value_get_path(root, "title")),
	    "t");
	assert_null(pm_value_get_path(root, "git.missing"));
	assert_null(pm_value_get_path(root, "missing.created"));
	/* Through a value that is not a map. */
	assert_null(pm_value_get_path(root, "title.x"));
	assert_null(pm_value_get_path(root, "git.created.x"));
	assert_null(pm_value_get_path(NULL, "git"));
	/* A prefix of a key is not the key. */
	assert_null(pm_value_get_path(root, "gi.created"));
}

struct num_case {
	double n;
	const char *want;
};

static void
test_put_number(void **state)
{
	const struct num_case cases[] = {
		{ 85, "85" },
		{ 1.21, "1.21" },
		{ -0.5, "-0.5" },
		{ 1e21, "1e+21" },
		{ 0.1 + 0.2, "0.30000000000000004" },
		{ -0.0, "0" },
		{ 0, "0" },
		{ 100, "100" },
		{ -3, "-3" },
		{ 2.5, "2.5" },
		{ 123.456, "123.456" },
		{ 1.0 / 3, "0.3333333333333333" },
		{ 123456789012.0, "123456789012" },
		{ 1000000000000001.0, "1000000000000001" },
		{ 9007199254740992.0, "9007199254740992" },
		{ 5e-324, "5e-324" },
		{ 1.7976931348623157e308, "1.7976931348623157e+308" },
		{ NAN, "null" },
		{ INFINITY, "null" },
		{ -INFINITY, "null" },
	};
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pm_buf b = PM_BUF_INIT;

		pm_value_put_number(&b, cases[i].n);
		if (strcmp(pm_buf_cstr(&b), cases[i].want) != 0) {
			print_error("%.17g: got %s, want %s\n", cases[i].n,
			    pm_buf_cstr(&b), cases[i].want);
			bad++;
		}
		pm_buf_free(&b);
	}
	assert_int_equal(bad, 0);
}

/* Any finite double reads back exactly, with no more digits than needed. */
static void
test_put_number_roundtrip(void **state)
{
	unsigned long long x = 88172645463325252ULL;
	int i;

	(void)state;
	for (i = 0; i < 20000; i++) {
		struct pm_buf b = PM_BUF_INIT;
		double n;
		char shorter[400];
		int digits = 0, seen = 0;

		/* xorshift: bit patterns across the whole range. */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(&n, &x, sizeof(n));
		if (!isfinite(n))
			continue;
		pm_value_put_number(&b, n);
		assert_true(strtod(pm_buf_cstr(&b), NULL) == n ||
		    (n == 0 && strcmp(pm_buf_cstr(&b), "0") == 0));
		/* Shortest: with one significant digit fewer it would not
		 * read back.  (Integers print all their digits.) */
		for (const char *p = pm_buf_cstr(&b); *p && *p != 'e'; p++) {
			if (*p >= '1' && *p <= '9')
				seen = 1;
			if (seen && *p >= '0' && *p <= '9')
				digits++;
		}
		if (digits > 1 && strpbrk(pm_buf_cstr(&b), ".e")) {
			snprintf(shorter, sizeof(shorter), "%.*g",
			    digits - 1, n);
			assert_true(strtod(shorter, NULL) != n);
		}
		pm_buf_free(&b);
	}
}

static void
test_json_compact(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *m = pm_value_new_map(a), *l = pm_value_new_list(a);
	struct pm_value *inner = pm_value_new_map(a);

	pm_value_list_push(a, l, pm_value_new_bool(a, 1));
	pm_value_list_push(a, l, pm_value_new_bool(a, 0));
	pm_value_list_push(a, l, pm_value_new_null(a));
	pm_value_list_push(a, l, pm_value_new_number(a, 1.5));
	pm_value_map_set_str(a, inner, "q\"k", "x\"<y>\n");
	pm_value_map_set_num(a, m, "a", 1);
	pm_value_map_set(a, m, "b", l);
	pm_value_map_set(a, m, "c", inner);
	pm_value_map_set(a, m, "e", pm_value_new_list(a));
	pm_value_map_set(a, m, "f", pm_value_new_map(a));
	pm_value_map_set_num(a, m, "g", NAN);
	expect_json(m, 0, "{\"a\":1,\"b\":[true,false,null,1.5],"
	    "\"c\":{\"q\\\"k\":\"x\\\"\\u003cy\\u003e\\n\"},\"e\":[],"
	    "\"f\":{},\"g\":null}");
	expect_json(NULL, 0, "null");
	expect_json(pm_value_new_string(a, "\xff", 1), 0, "\"\\ufffd\"");
	expect_json(pm_value_new_list(a), 0, "[]");
}

static void
test_json_indented(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *m = pm_value_new_map(a), *l = pm_value_new_list(a);
	struct pm_value *inner = pm_value_new_map(a);

	pm_value_list_push(a, l, pm_value_new_bool(a, 1));
	pm_value_list_push(a, l, inner);
	pm_value_map_set_str(a, inner, "k", "v");
	pm_value_map_set_num(a, inner, "n", -0.5);
	pm_value_map_set_num(a, m, "a", 1);
	pm_value_map_set(a, m, "b", l);
	pm_value_map_set(a, m, "e", pm_value_new_list(a));
	pm_value_map_set(a, m, "f", pm_value_new_map(a));
	expect_json(m, 2,
	    "{\n"
	    "  \"a\": 1,\n"
	    "  \"b\": [\n"
	    "    true,\n"
	    "    {\n"
	    "      \"k\": \"v\",\n"
	    "      \"n\": -0.5\n"
	    "    }\n"
	    "  ],\n"
	    "  \"e\": [],\n"
	    "  \"f\": {}\n"
	    "}\n");
	expect_json(l, 4,
	    "[\n"
	    "    true,\n"
	    "    {\n"
	    "        \"k\": \"v\",\n"
	    "        \"n\": -0.5\n"
	    "    }\n"
	    "]\n");
	/* Scalars and empty containers on one line, then the newline. */
	expect_json(pm_value_new_number(a, 7), 2, "7\n");
	expect_json(pm_value_new_map(a), 2, "{}\n");
	expect_json(NULL, 2, "null\n");
}

/* The copy shares nothing: changing or freeing the original leaves it. */
static void
test_copy_deep(void **state)
{
	struct pm_arena *a = pm_arena_new(), *b = *state;
	struct pm_value *m = pm_value_new_map(a), *l = pm_value_new_list(a);
	struct pm_value *c;
	char text[] = "borrowed";

	pm_value_map_set(a, m, "ref", pm_value_new_string_ref(a, text, 8));
	pm_value_map_set(a, m, "list", l);
	pm_value_list_push(a, l, pm_value_new_number(a, 3));
	pm_value_list_push(a, l, pm_value_new_bool(a, 1));
	pm_value_list_push(a, l, NULL);
	pm_value_map_setn(a, m, "k\0ey", 4, pm_value_new_cstr(a, "nul key"));
	m->line = 12;
	l->line = 14;
	c = pm_value_copy(b, m);
	assert_int_equal(c->line, 12);
	assert_int_equal(pm_value_map_get(c, "list")->line, 14);
	/* Mutate the original in every way. */
	text[0] = 'X';
	pm_value_list_push(a, l, pm_value_new_number(a, 4));
	l->u.list.items[0]->u.number = 99;
	pm_value_map_set_num(a, m, "added", 1);
	pm_value_map_set_num(a, m, "ref", 0);
	pm_arena_free(a);	/* ASan catches any pointer still shared */
	expect_json(c, 0, "{\"ref\":\"borrowed\",\"list\":[3,true,null],"
	    "\"k\\u0000ey\":\"nul key\"}");
	assert_string_equal(pm_value_str(pm_value_map_getn(c, "k\0ey", 4)),
	    "nul key");
	/* NULL copies as a null value. */
	assert_int_equal(pm_value_copy(b, NULL)->type, PM_VALUE_NULL);
}

/* Made lists (value.h): item i is {"n": i, "sub": a made list of i}. */
struct maker_arg {
	struct pm_value_maker maker;
	size_t *calls;
};

static struct pm_value *
make_row(const void *arg, size_t i, struct pm_arena *a)
{
	const struct maker_arg *m = arg;
	struct pm_value *row = pm_value_new_map(a);

	(*m->calls)++;
	if (i == 3)	/* a maker's NULL reads as null */
		return NULL;
	pm_value_map_set_num(a, row, "n", (double)i);
	pm_value_map_set(a, row, "sub", pm_value_new_made_list(a, i,
	    &m->maker));
	return row;
}

static void
test_made_list(void **state)
{
	struct pm_arena *a = *state;
	size_t calls = 0;
	struct maker_arg m = { { make_row, &m, NULL }, &calls };
	struct pm_value *made = pm_value_new_made_list(a, 4, &m.maker);
	struct pm_value *copy, *empty = pm_value_new_made_list(a, 0, &m.maker);
	const char *want = "[{\"n\":0,\"sub\":[]},{\"n\":1,\"sub\":[{\"n\":0,"
	    "\"sub\":[]}]},{\"n\":2,\"sub\":[{\"n\":0,\"sub\":[]},{\"n\":1,"
	    "\"sub\":[{\"n\":0,\"sub\":[]}]}]},null]";

	assert_true(pm_value_is(made, PM_VALUE_LIST));
	assert_true(pm_value_is_made(made));
	assert_int_equal(pm_value_len(made), 4);
	expect_json(made, 0, want);
	/* Each item once per read, nested ones too: 4 + 1 + 2 + 1. */
	assert_int_equal(calls, 8);
	expect_json(empty, 0, "[]");
	expect_json(empty, 2, "[]\n");

	copy = pm_value_copy(a, made);
	assert_false(pm_value_is_made(copy));
	assert_false(pm_value_is_made(pm_value_map_get(
	    pm_value_list_item(copy, 2, NULL), "sub")));
	expect_json(copy, 0, want);
	assert_int_equal(pm_value_list_item(made, 2, a)->type, PM_VALUE_MAP);
	assert_int_equal(pm_value_list_item(made, 3, a)->type, PM_VALUE_NULL);
	assert_true(pm_value_is_made(pm_value_map_get(pm_value_list_item(made,
	    1, a), "sub")));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_scalars, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_made_list, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_map_order_replace, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_map_growth, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_map_getn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_get_path, setup, teardown),
		cmocka_unit_test(test_put_number),
		cmocka_unit_test(test_put_number_roundtrip),
		cmocka_unit_test_setup_teardown(test_json_compact, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_json_indented, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_copy_deep, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
