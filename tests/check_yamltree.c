/*
 * check_yamltree.c: unit tests of YAML and JSON text into the value tree:
 * core schema typing, anchors and aliases, the expansion and nesting
 * limits, and error positions (generator/yamltree.h).
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

#include "buf.h"
#include "yamltree.h"

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

/* Parse src, which must succeed. */
static struct pm_value *
parse(struct pm_arena *a, const char *src)
{
	struct pm_value *v = NULL;
	struct pm_error err;
	char msg[1024];

	pm_error_clear(&err);
	if (pm_yaml_parse(&v, a, src, strlen(src), "t.yml", 1, &err) != 0)
		fail_msg("unexpected error: %s",
		    pm_error_format(msg, sizeof(msg), &err));
	assert_non_null(v);
	assert_false(pm_error_is_set(&err));
	return v;
}

/* Parse src, which must fail; the error is left in *err. */
static void
parse_fail(struct pm_arena *a, const char *src, size_t len, int first_line,
    struct pm_error *err)
{
	struct pm_value *v = (struct pm_value *)1;

	pm_error_clear(err);
	assert_int_equal(pm_yaml_parse(&v, a, src, len, "front.md",
	    first_line, err), PM_ERROR);
	assert_null(v);
	assert_true(pm_error_is_set(err));
	assert_string_equal(err->file, "front.md");
}

/* The value of "v: <scalar>" as compact JSON, so types show: "1" is a
 * string, 1 a number. */
static char *
scalar_json(struct pm_arena *a, const char *scalar)
{
	char *src = pm_arena_printf(a, "v: %s\n", scalar);
	struct pm_value *root = parse(a, src);
	struct pm_buf b = PM_BUF_INIT;
	char *s;

	pm_value_write_json(&b, pm_value_map_get(root, "v"), 0);
	s = pm_arena_strdup(a, pm_buf_cstr(&b));
	pm_buf_free(&b);
	return s;
}

struct typing {
	const char *in;
	const char *json;
};

static void
check_typing(struct pm_arena *a, const struct typing *t, size_t n)
{
	int bad = 0;

	for (size_t i = 0; i < n; i++) {
		const char *got = scalar_json(a, t[i].in);

		if (strcmp(got, t[i].json) != 0) {
			print_error("v: %s -> %s, want %s\n", t[i].in, got,
			    t[i].json);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

#define CHECK_TYPING(a, t) check_typing(a, t, sizeof(t) / sizeof((t)[0]))

static void
test_null_bool(void **state)
{
	static const struct typing t[] = {
		{ "", "null" }, { "~", "null" }, { "null", "null" },
		{ "Null", "null" }, { "NULL", "null" },
		{ "true", "true" }, { "True", "true" }, { "TRUE", "true" },
		{ "false", "false" }, { "False", "false" },
		{ "FALSE", "false" },
		/* Not in the core schema: text. */
		{ "nULL", "\"nULL\"" }, { "tRUE", "\"tRUE\"" },
		{ "yes", "\"yes\"" }, { "no", "\"no\"" }, { "on", "\"on\"" },
		{ "off", "\"off\"" }, { "y", "\"y\"" }, { "Yes", "\"Yes\"" },
		{ "nil", "\"nil\"" },
	};

	CHECK_TYPING(*state, t);
}

static void
test_numbers(void **state)
{
	static const struct typing t[] = {
		{ "0", "0" }, { "42", "42" }, { "-17", "-17" }, { "+5", "5" },
		{ "007", "7" }, { "0x1F", "31" }, { "0xff", "255" },
		{ "0o17", "15" }, { "0o0", "0" },
		{ "1.5", "1.5" }, { "-0.25", "-0.25" }, { ".5", "0.5" },
		{ "1.", "1" }, { "1e3", "1000" }, { "6.02E23", "6.02e+23" },
		{ "-2.5e-3", "-0.0025" }, { "+1.25", "1.25" },
		/* Not numbers in the core schema. */
		{ "0x", "\"0x\"" }, { "0xg1", "\"0xg1\"" },
		{ "0o8", "\"0o8\"" }, { "0b101", "\"0b101\"" },
		{ "1_000", "\"1_000\"" }, { "1,000", "\"1,000\"" },
		{ "12:30", "\"12:30\"" }, { "1e", "\"1e\"" },
		{ "e3", "\"e3\"" }, { ".", "\".\"" }, { "+", "\"+\"" },
		{ "1.2.3", "\"1.2.3\"" }, { "30%", "\"30%\"" },
		{ "2024-03-05", "\"2024-03-05\"" },
		{ "2024-03-05T10:00:00-05:00",
		    "\"2024-03-05T10:00:00-05:00\"" },
		{ "inf", "\"inf\"" }, { "nan", "\"nan\"" },
	};

	CHECK_TYPING(*state, t);
}

static void
test_inf_nan(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *v = parse(a, "- .inf\n- +.inf\n- -.inf\n- .nan\n");

	assert_int_equal(pm_value_len(v), 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(v->u.list.items[i]->type, PM_VALUE_NUMBER);
	assert_true(isinf(v->u.list.items[0]->u.number) &&
	    v->u.list.items[0]->u.number > 0);
	assert_true(isinf(v->u.list.items[1]->u.number) &&
	    v->u.list.items[1]->u.number > 0);
	assert_true(isinf(v->u.list.items[2]->u.number) &&
	    v->u.list.items[2]->u.number < 0);
	assert_true(isnan(v->u.list.items[3]->u.number));
}

/* Quoting, block scalars and the !!str tag always give strings. */
static void
test_strings_stay_strings(void **state)
{
	static const struct typing t[] = {
		{ "'42'", "\"42\"" }, { "\"42\"", "\"42\"" },
		{ "'true'", "\"true\"" }, { "\"null\"", "\"null\"" },
		{ "''", "\"\"" }, { "\"\"", "\"\"" }, { "'~'", "\"~\"" },
		{ "!!str 42", "\"42\"" }, { "!!str true", "\"true\"" },
		{ "!!str", "\"\"" }, { "!!str 0x10", "\"0x10\"" },
		{ "hello world", "\"hello world\"" },
		{ "\"tab\\there\\u00e9\"", "\"tab\\there\xc3\xa9\"" },
		{ "'it''s'", "\"it's\"" },
		{ "|\n  42\n", "\"42\\n\"" },
		{ ">-\n  a\n  b\n", "\"a b\"" },
	};

	CHECK_TYPING(*state, t);
}

static void
test_collections(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *v = parse(a,
	    "title: Database outage\n"
	    "services: [api, web]\n"
	    "nested:\n"
	    "  z: 1\n"
	    "  a:\n"
	    "    - x\n"
	    "    - {k: v}\n"
	    "empty_list: []\n"
	    "empty_map: {}\n");
	struct pm_buf b = PM_BUF_INIT;

	pm_value_write_json(&b, v, 0);
	/* Insertion order, not sorted. */
	assert_string_equal(pm_buf_cstr(&b), "{\"title\":\"Database outage\","
	    "\"services\":[\"api\",\"web\"],\"nested\":{\"z\":1,\"a\":"
	    "[\"x\",{\"k\":\"v\"}]},\"empty_list\":[],\"empty_map\":{}}");
	pm_buf_free(&b);
}

/* Lines are recorded for every value, shifted by first_line. */
static void
test_lines(void **state)
{
	struct pm_arena *a = *state;
	const char *src = "a: 1\nb:\n  - x\n  - y\nc: {d: 2}\n";
	struct pm_value *v = NULL;
	struct pm_error err;

	pm_error_clear(&err);
	assert_int_equal(pm_yaml_parse(&v, a, src, strlen(src), "f.md", 3,
	    &err), 0);
	assert_int_equal(pm_value_map_get(v, "a")->line, 3);
	assert_int_equal(pm_value_get_path(v, "c.d")->line, 7);
	assert_int_equal(pm_value_map_get(v, "b")->u.list.items[0]->line, 5);
	assert_int_equal(pm_value_map_get(v, "b")->u.list.items[1]->line, 6);
	assert_int_equal(pm_value_map_get(v, "c")->line, 7);
}

/* An alias is the anchored value itself, for scalars and collections. */
static void
test_anchors_share(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *v = parse(a,
	    "base: &b {team: sre, pager: true}\n"
	    "first: *b\n"
	    "word: &w hello\n"
	    "list: [*w, *b, &n 3, *n]\n"
	    "again: &b [redefined]\n"
	    "last: *b\n");
	struct pm_value *base = pm_value_map_get(v, "base");
	struct pm_value *list = pm_value_map_get(v, "list");

	assert_ptr_equal(pm_value_map_get(v, "first"), base);
	assert_ptr_equal(list->u.list.items[0], pm_value_map_get(v, "word"));
	assert_ptr_equal(list->u.list.items[1], base);
	assert_ptr_equal(list->u.list.items[2], list->u.list.items[3]);
	assert_true(list->u.list.items[3]->u.number == 3);
	/* The latest definition of an anchor wins. */
	assert_ptr_equal(pm_value_map_get(v, "last"),
	    pm_value_map_get(v, "again"));
	assert_int_equal(pm_value_map_get(v, "last")->type, PM_VALUE_LIST);
}

static void
test_unknown_alias(void **state)
{
	struct pm_error err;
	const char *src = "a: 1\nb: *nope\n";

	parse_fail(*state, src, strlen(src), 1, &err);
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 4);
	assert_string_equal(err.message, "yaml: unknown alias");
}

/* An alias to a collection still open (a cycle) is not resolvable. */
static void
test_recursive_alias(void **state)
{
	struct pm_error err;
	const char *src = "a: &x\n  b: *x\n";

	parse_fail(*state, src, strlen(src), 1, &err);
	assert_string_equal(err.message, "yaml: unknown alias");
}

/* Nine levels of ten aliases each: a billion nodes once expanded. */
static void
test_alias_bomb(void **state)
{
	struct pm_arena *a = *state;
	struct pm_buf src = PM_BUF_INIT;
	struct pm_error err;
	char prev = 'a';

	pm_buf_puts(&src, "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, "
	    "lol, lol]\n");
	for (char c = 'b'; c <= 'i'; c++) {
		pm_buf_printf(&src, "%c: &%c [", c, c);
		for (int i = 0; i < 10; i++)
			pm_buf_printf(&src, "%s*%c", i ? ", " : "", prev);
		pm_buf_puts(&src, "]\n");
		prev = c;
	}
	parse_fail(a, src.ptr, src.len, 1, &err);
	assert_string_equal(err.message,
	    "yaml: document too large once aliases are expanded");
	/* The limit is reached at level f (10^6 nodes): line 6. */
	assert_int_equal(err.line, 6);
	assert_true(err.column > 0);
	pm_buf_free(&src);
}

/* Below the limit, aliases expand to nothing more than shared pointers. */
static void
test_alias_fan_under_limit(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *v = parse(a,
	    "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n");

	assert_int_equal(pm_value_len(pm_value_map_get(v, "d")), 10);
	assert_ptr_equal(pm_value_get_path(v, "d")->u.list.items[9],
	    pm_value_map_get(v, "c"));
}

static char *
nested(const char *open, const char *close, int depth)
{
	struct pm_buf b = PM_BUF_INIT;

	for (int i = 0; i < depth; i++)
		pm_buf_puts(&b, open);
	pm_buf_puts(&b, "0");
	for (int i = 0; i < depth; i++)
		pm_buf_puts(&b, close);
	return pm_buf_detach(&b, NULL);
}

static void
test_depth_limit(void **state)
{
	struct pm_arena *a = *state;
	struct pm_error err;
	struct pm_value *v;
	char *ok = nested("[", "]", PM_YAML_MAX_DEPTH);
	char *deep = nested("[", "]", PM_YAML_MAX_DEPTH + 1);
	char *maps = nested("{a: ", "}", PM_YAML_MAX_DEPTH + 1);
	char *huge = nested("[", "]", 100000);

	v = parse(a, ok);
	for (int i = 0; i < PM_YAML_MAX_DEPTH; i++) {
		assert_int_equal(v->type, PM_VALUE_LIST);
		v = v->u.list.items[0];
	}
	assert_true(v->u.number == 0);
	parse_fail(a, deep, strlen(deep), 1, &err);
	assert_string_equal(err.message,
	    "yaml: nesting deeper than 200 levels");
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, PM_YAML_MAX_DEPTH + 1);
	parse_fail(a, maps, strlen(maps), 1, &err);
	assert_string_equal(err.message,
	    "yaml: nesting deeper than 200 levels");
	/* Far deeper: refused the same way, without exhausting the
	 * stack. */
	parse_fail(a, huge, strlen(huge), 1, &err);
	free(ok);
	free(deep);
	free(maps);
	free(huge);
}

/* Syntax errors name file:line:col, shifted so that front matter that
 * starts on line 2 of its file reports lines of the file. */
static void
test_error_positions(void **state)
{
	struct pm_arena *a = *state;
	struct pm_error err;
	const char *src = "title: x\nservices: [api, web\nseverity: 1\n";
	char msg[1024];

	parse_fail(a, src, strlen(src), 1, &err);
	assert_int_equal(err.line, 3);
	assert_int_equal(err.column, 9);
	assert_int_equal(strncmp(err.message, "yaml: ", 6), 0);
	assert_non_null(strstr(err.message, "did not find expected"));
	parse_fail(a, src, strlen(src), 2, &err);
	assert_int_equal(err.line, 4);
	assert_int_equal(err.column, 9);
	parse_fail(a, src, strlen(src), 40, &err);
	assert_int_equal(err.line, 42);
	/* first_line 0 or less means 1. */
	parse_fail(a, src, strlen(src), 0, &err);
	assert_int_equal(err.line, 3);
	pm_error_format(msg, sizeof(msg), &err);
	assert_string_equal(msg, "front.md:3:9: yaml: did not find expected "
	    "',' or ']'");
	/* Unterminated quote: the end of the stream. */
	src = "a: 1\nkey: \"open\n";
	parse_fail(a, src, strlen(src), 5, &err);
	assert_int_equal(err.line, 7);
	assert_int_equal(err.column, 1);
	/* A tab where indentation is expected. */
	src = "\ta: 1\n";
	parse_fail(a, src, strlen(src), 1, &err);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.column, 1);
}

/* The first error wins: an error set before the call is kept. */
static void
test_error_not_overwritten(void **state)
{
	struct pm_arena *a = *state;
	struct pm_error err;
	struct pm_value *v;
	const char *src = "[";

	pm_error_clear(&err);
	pm_error_set(&err, PM_ENOTFOUND, "earlier", 1, 1, "first");
	assert_int_equal(pm_yaml_parse(&v, a, src, 1, "f", 1, &err),
	    PM_ERROR);
	assert_string_equal(err.message, "first");
	assert_int_equal(err.code, PM_ENOTFOUND);
}

static void
test_non_scalar_keys(void **state)
{
	struct pm_arena *a = *state;
	struct pm_error err;
	const char *src;

	src = "ok: 1\n? [a, b]\n: c\n";
	parse_fail(a, src, strlen(src), 1, &err);
	assert_string_equal(err.message, "yaml: a mapping key must be a "
	    "scalar");
	assert_int_equal(err.line, 2);
	src = "? {k: v}\n: c\n";
	parse_fail(a, src, strlen(src), 1, &err);
	assert_string_equal(err.message, "yaml: a mapping key must be a "
	    "scalar");
	/* An alias to a map is no better as a key. */
	src = "a: &m {x: 1}\n*m : 2\n";
	parse_fail(a, src, strlen(src), 1, &err);
	assert_string_equal(err.message, "yaml: a mapping key must be a "
	    "scalar");
	assert_int_equal(err.line, 2);
	assert_int_equal(err.column, 1);
}

/* Keys that are numbers, booleans or null become their text. */
static void
test_scalar_keys_text(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *v = parse(a, "1: one\n2.5: two\ntrue: yes\n"
	    "~: nothing\n0x10: hex\n'3': quoted\n");

	assert_int_equal(pm_value_len(v), 6);
	assert_string_equal(v->u.map.entries[0].key, "1");
	assert_string_equal(pm_value_str(pm_value_map_get(v, "1")), "one");
	assert_string_equal(pm_value_str(pm_value_map_get(v, "2.5")), "two");
	assert_string_equal(pm_value_str(pm_value_map_get(v, "true")),
	    "yes");
	assert_string_equal(pm_value_str(pm_value_map_get(v, "null")),
	    "nothing");
	assert_string_equal(pm_value_str(pm_value_map_get(v, "16")), "hex");
	assert_string_equal(pm_value_str(pm_value_map_get(v, "3")),
	    "quoted");
	assert_int_equal(v->u.map.entries[4].key_len, 2);
}

/* A key with a NUL (a JSON escape) keeps its full length. */
static void
test_key_with_nul(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *v = parse(a, "{\"a\\u0000b\": 1, \"a\": 2}");

	assert_int_equal(pm_value_len(v), 2);
	assert_true(pm_value_map_getn(v, "a\0b", 3)->u.number == 1);
	assert_true(pm_value_map_get(v, "a")->u.number == 2);
}

/* JSON as the Mustache spec files are written. */
static void
test_json_input(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *v = parse(a,
	    "{\n"
	    "  \"overview\": \"Interpolation tags \\\"{{x}}\\\"\\n\",\n"
	    "  \"tests\": [\n"
	    "    {\n"
	    "      \"name\": \"Basic\",\n"
	    "      \"data\": { \"n\": 85, \"f\": 1.21, \"t\": true, "
	    "\"z\": null, \"e\": \"\\u00e9\\t\\/\" },\n"
	    "      \"template\": \"{{n}}\\n\",\n"
	    "      \"partials\": {},\n"
	    "      \"expected\": \"85\\n\"\n"
	    "    }\n"
	    "  ]\n"
	    "}\n");
	struct pm_value *t = pm_value_map_get(v, "tests")->u.list.items[0];
	struct pm_value *data = pm_value_map_get(t, "data");

	assert_string_equal(pm_value_str(pm_value_map_get(v, "overview")),
	    "Interpolation tags \"{{x}}\"\n");
	assert_string_equal(pm_value_str(pm_value_map_get(t, "name")),
	    "Basic");
	assert_true(pm_value_map_get(data, "n")->u.number == 85);
	assert_true(pm_value_map_get(data, "f")->u.number == 1.21);
	assert_int_equal(pm_value_map_get(data, "t")->type, PM_VALUE_BOOL);
	assert_int_equal(pm_value_map_get(data, "z")->type, PM_VALUE_NULL);
	assert_string_equal(pm_value_str(pm_value_map_get(data, "e")),
	    "\xc3\xa9\t/");
	assert_int_equal(pm_value_map_get(t, "partials")->type,
	    PM_VALUE_MAP);
	assert_string_equal(pm_value_str(pm_value_map_get(t, "expected")),
	    "85\n");
	assert_string_equal(t->u.map.entries[4].key, "expected");
}

static void
test_empty_documents(void **state)
{
	static const char *const empty[] = {
		"", "\n", "# only a comment\n", "---\n", "---\n...\n",
		"   \n\n",
	};
	struct pm_arena *a = *state;

	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++)
		assert_int_equal(parse(a, empty[i])->type, PM_VALUE_NULL);
	/* A top-level scalar is fine too. */
	assert_string_equal(pm_value_str(parse(a, "just text")),
	    "just text");
}

/* Only the first document is read. */
static void
test_first_document(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *v = parse(a, "a: 1\n---\nb: 2\n");

	assert_int_equal(pm_value_len(v), 1);
	assert_non_null(pm_value_map_get(v, "a"));
}

/* Only len bytes are read: src needs no NUL and a longer buffer is cut. */
static void
test_length_bound(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *v = NULL;
	struct pm_error err;
	const char src[] = "a: 1\nb: 2\n";

	pm_error_clear(&err);
	assert_int_equal(pm_yaml_parse(&v, a, src, 5, "f", 1, &err), 0);
	assert_int_equal(pm_value_len(v), 1);
	assert_null(pm_value_map_get(v, "b"));
}

/* Duplicate keys: the last one wins, the first position stays. */
static void
test_duplicate_keys(void **state)
{
	struct pm_arena *a = *state;
	struct pm_value *v = parse(a, "a: 1\nb: 2\na: 3\n");

	assert_int_equal(pm_value_len(v), 2);
	assert_string_equal(v->u.map.entries[0].key, "a");
	assert_true(pm_value_map_get(v, "a")->u.number == 3);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_null_bool),
		T(test_numbers),
		T(test_inf_nan),
		T(test_strings_stay_strings),
		T(test_collections),
		T(test_lines),
		T(test_anchors_share),
		T(test_unknown_alias),
		T(test_recursive_alias),
		T(test_alias_bomb),
		T(test_alias_fan_under_limit),
		T(test_depth_limit),
		T(test_error_positions),
		T(test_error_not_overwritten),
		T(test_non_scalar_keys),
		T(test_scalar_keys_text),
		T(test_key_with_nul),
		T(test_json_input),
		T(test_empty_documents),
		T(test_first_document),
		T(test_length_bound),
		T(test_duplicate_keys),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
