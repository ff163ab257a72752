/*
 * check_frontmatter.c: splitting the leading YAML block off a postmortem
 * and parsing it, with the real libyaml behind pm_yaml_parse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "frontmatter.h"

/* Split s; the test fails unless the split succeeds. */
static struct pm_frontmatter
split_ok(const char *s)
{
	struct pm_frontmatter fm;
	struct pm_error err;

	pm_error_clear(&err);
	assert_int_equal(pm_frontmatter_split(&fm, s, strlen(s), "post.md",
	    &err), 0);
	assert_false(pm_error_is_set(&err));
	return fm;
}

static void
assert_span(const char *ptr, size_t len, const char *want)
{
	assert_int_equal(len, strlen(want));
	assert_memory_equal(ptr, want, len);
}

/* Parse s, expecting failure; returns the formatted error line. */
static const char *
parse_fails(const char *s, struct pm_error *err)
{
	static char line[1024];
	struct pm_arena *arena = pm_arena_new();
	struct pm_value *v = (struct pm_value *)&line;

	pm_error_clear(err);
	assert_int_equal(pm_frontmatter_parse(&v, NULL, arena, s, strlen(s),
	    "post.md", err), PM_ERROR);
	assert_null(v);
	pm_arena_free(arena);
	return pm_error_format(line, sizeof(line), err);
}

static void
test_no_front_matter(void **state)
{
	const char *src = "# Title\n\nSome text.\n";
	struct pm_frontmatter fm = split_ok(src);
	struct pm_arena *arena = pm_arena_new();
	struct pm_frontmatter fm2;
	struct pm_value *v = NULL;
	struct pm_error err;

	assert_int_equal(fm.present, 0);
	assert_null(fm.yaml);
	assert_ptr_equal(fm.body, src);
	assert_int_equal(fm.body_len, strlen(src));
	assert_int_equal(fm.body_line, 1);

	/* Absent front matter still parses to an empty map. */
	pm_error_clear(&err);
	assert_int_equal(pm_frontmatter_parse(&v, &fm2, arena, src,
	    strlen(src), "post.md", &err), 0);
	assert_true(pm_value_is(v, PM_VALUE_MAP));
	assert_int_equal(pm_value_len(v), 0);
	assert_int_equal(fm2.present, 0);
	assert_ptr_equal(fm2.body, src);
	pm_arena_free(arena);
}

static void
test_empty_block(void **state)
{
	const char *src = "---\n---\nBody\n";
	struct pm_frontmatter fm = split_ok(src);
	struct pm_arena *arena = pm_arena_new();
	struct pm_value *v = NULL;
	struct pm_error err;

	assert_int_equal(fm.present, 1);
	assert_ptr_equal(fm.yaml, src + 4);
	assert_int_equal(fm.yaml_len, 0);
	assert_int_equal(fm.yaml_line, 2);
	assert_span(fm.body, fm.body_len, "Body\n");
	assert_int_equal(fm.body_line, 3);

	pm_error_clear(&err);
	assert_int_equal(pm_frontmatter_parse(&v, NULL, arena, src,
	    strlen(src), "post.md", &err), 0);
	assert_true(pm_value_is(v, PM_VALUE_MAP));
	assert_int_equal(pm_value_len(v), 0);

	/* Comments only, or an explicit null, are empty too. */
	src = "---\n# nothing yet\n---\n";
	assert_int_equal(pm_frontmatter_parse(&v, NULL, arena, src,
	    strlen(src), "post.md", &err), 0);
	assert_true(pm_value_is(v, PM_VALUE_MAP));
	assert_int_equal(pm_value_len(v), 0);
	src = "---\n~\n---\n";
	assert_int_equal(pm_frontmatter_parse(&v, NULL, arena, src,
	    strlen(src), "post.md", &err), 0);
	assert_true(pm_value_is(v, PM_VALUE_MAP));
	pm_arena_free(arena);
}

static void
test_crlf(void **state)
{
	const char *src = "---\r\ntitle: Disk full\r\nservices:\r\n"
	    "  - db\r\n---\r\n# Disk full\r\n";
	struct pm_frontmatter fm = split_ok(src);
	struct pm_arena *arena = pm_arena_new();
	struct pm_value *v = NULL;
	struct pm_error err;

	assert_int_equal(fm.present, 1);
	assert_span(fm.yaml, fm.yaml_len,
	    "title: Disk full\r\nservices:\r\n  - db\r\n");
	assert_span(fm.body, fm.body_len, "# Disk full\r\n");
	assert_int_equal(fm.body_line, 6);

	pm_error_clear(&err);
	assert_int_equal(pm_frontmatter_parse(&v, NULL, arena, src,
	    strlen(src), "post.md", &err), 0);
	/* No carriage return leaks into the values. */
	assert_string_equal(pm_value_str(pm_value_map_get(v, "title")),
	    "Disk full");
	assert_string_equal(pm_value_str(pm_value_map_get(v,
	    "services")->u.list.items[0]), "db");
	assert_int_equal(pm_value_map_get(v, "services")->line, 4);
	pm_arena_free(arena);
}

static void
test_lone_cr(void **state)
{
	/* Old Mac line ends count as lines, as they do for cmark. */
	struct pm_frontmatter fm = split_ok("---\rtitle: x\r---\rBody");

	assert_int_equal(fm.present, 1);
	assert_span(fm.yaml, fm.yaml_len, "title: x\r");
	assert_span(fm.body, fm.body_len, "Body");
	assert_int_equal(fm.body_line, 4);
}

static void
test_bom(void **state)
{
	const char *src = "\xef\xbb\xbf---\ntitle: x\n---\nBody\n";
	struct pm_frontmatter fm = split_ok(src);
	struct pm_arena *arena = pm_arena_new();
	struct pm_value *v = NULL;
	struct pm_error err;

	assert_int_equal(fm.present, 1);
	assert_span(fm.yaml, fm.yaml_len, "title: x\n");
	assert_span(fm.body, fm.body_len, "Body\n");
	assert_int_equal(fm.body_line, 4);
	pm_error_clear(&err);
	assert_int_equal(pm_frontmatter_parse(&v, NULL, arena, src,
	    strlen(src), "post.md", &err), 0);
	assert_string_equal(pm_value_str(pm_value_map_get(v, "title")), "x");

	/* Without front matter the mark is still not part of the body. */
	fm = split_ok("\xef\xbb\xbf# Title\n");
	assert_int_equal(fm.present, 0);
	assert_span(fm.body, fm.body_len, "# Title\n");
	pm_arena_free(arena);
}

static void
test_dots_terminator(void **state)
{
	struct pm_frontmatter fm = split_ok("---\ntitle: x\n...\nBody\n");

	assert_int_equal(fm.present, 1);
	assert_span(fm.yaml, fm.yaml_len, "title: x\n");
	assert_span(fm.body, fm.body_len, "Body\n");
	assert_int_equal(fm.body_line, 4);
}

static void
test_fence_blanks_and_eof(void **state)
{
	/* Trailing blanks on either fence are tolerated. */
	struct pm_frontmatter fm = split_ok("---  \ntitle: x\n--- \t\nBody\n");

	assert_int_equal(fm.present, 1);
	assert_span(fm.yaml, fm.yaml_len, "title: x\n");
	assert_span(fm.body, fm.body_len, "Body\n");

	/* A closing fence at the very end leaves an empty body. */
	fm = split_ok("---\ntitle: x\n---");
	assert_int_equal(fm.present, 1);
	assert_span(fm.yaml, fm.yaml_len, "title: x\n");
	assert_int_equal(fm.body_len, 0);
	assert_int_equal(fm.body_line, 4);
}

static void
test_not_a_fence(void **state)
{
	/* Four dashes, text after the dashes, or a blank first line: the
	 * document has no front matter. */
	static const char *const srcs[] = {
		"----\ntitle: x\n----\n",
		"--- x\ntitle: x\n---\n",
		"\n---\ntitle: x\n---\n",
		" ---\ntitle: x\n---\n",
	};

	for (size_t i = 0; i < sizeof(srcs) / sizeof(*srcs); i++) {
		struct pm_frontmatter fm = split_ok(srcs[i]);

		assert_int_equal(fm.present, 0);
		assert_ptr_equal(fm.body, srcs[i]);
	}
}

static void
test_unclosed(void **state)
{
	const char *src = "---\ntitle: x\n\n# Title\n\nText.\n";
	struct pm_frontmatter fm;
	struct pm_error err;

	pm_error_clear(&err);
	assert_int_equal(pm_frontmatter_split(&fm, src, strlen(src),
	    "post.md", &err), PM_ERROR);
	assert_int_equal(err.line, 1);
	/* The whole document is left as the body, for callers that go on. */
	assert_int_equal(fm.present, 0);
	assert_ptr_equal(fm.body, src);
	assert_int_equal(fm.body_len, strlen(src));
	assert_string_equal(parse_fails(src, &err),
	    "post.md:1:1: front matter is not closed");
	/* A lone opening fence is no better. */
	assert_string_equal(parse_fails("---", &err),
	    "post.md:1:1: front matter is not closed");
	assert_string_equal(parse_fails("\xef\xbb\xbf---\r\n", &err),
	    "post.md:1:1: front matter is not closed");
}

static void
test_yaml_error_line(void **state)
{
	const char *src = "---\ntitle: ok\ndate: 2024-01-01\n"
	    "impact: down: hard\n---\nBody\n";
	struct pm_arena *arena = pm_arena_new();
	struct pm_frontmatter fm;
	struct pm_value *v = NULL;
	struct pm_error err;
	char line[1024];

	/* Line 4 of the file, not line 3 of the YAML. */
	pm_error_clear(&err);
	assert_int_equal(pm_frontmatter_parse(&v, &fm, arena, src,
	    strlen(src), "post.md", &err), PM_ERROR);
	assert_null(v);
	assert_string_equal(err.file, "post.md");
	assert_int_equal(err.line, 4);
	assert_string_equal(pm_error_format(line, sizeof(line), &err),
	    "post.md:4:13: yaml: mapping values are not allowed in this "
	    "context");
	/* The body is still reported, for a checker that goes on. */
	assert_int_equal(fm.present, 1);
	assert_span(fm.body, fm.body_len, "Body\n");
	assert_int_equal(fm.body_line, 6);

	/* Through a BOM and CRLF lines are counted the same way: the flow
	 * list opened on line 4 is found unclosed at line 5. */
	src = "\xef\xbb\xbf---\r\ntitle: ok\r\ndate: 2024-01-01\r\n"
	    "impact: [a, b\r\nmore: x\r\n---\r\n";
	pm_error_clear(&err);
	assert_int_equal(pm_frontmatter_parse(&v, NULL, arena, src,
	    strlen(src), "post.md", &err), PM_ERROR);
	assert_string_equal(pm_error_format(line, sizeof(line), &err),
	    "post.md:5:5: yaml: did not find expected ',' or ']'");
	pm_arena_free(arena);
}

static void
test_not_a_mapping(void **state)
{
	struct pm_error err;

	assert_string_equal(parse_fails("---\n- a\n- b\n---\nBody\n", &err),
	    "post.md:2: front matter must be a mapping");
	assert_string_equal(parse_fails("---\n\njust a sentence\n---\n",
	    &err), "post.md:3: front matter must be a mapping");
	assert_string_equal(parse_fails("---\n42\n---\n", &err),
	    "post.md:2: front matter must be a mapping");
}

static void
test_thematic_break_in_body(void **state)
{
	/* `---` further down is a thematic break or a setext underline. */
	const char *src = "# Title\n\nText.\n\n---\n\nMore.\n---\n";
	struct pm_frontmatter fm = split_ok(src);

	assert_int_equal(fm.present, 0);
	assert_int_equal(fm.body_len, strlen(src));

	/* After a real block, a later `---` belongs to the body. */
	src = "---\ntitle: x\n---\nText.\n\n---\n\nMore.\n";
	fm = split_ok(src);
	assert_int_equal(fm.present, 1);
	assert_span(fm.yaml, fm.yaml_len, "title: x\n");
	assert_span(fm.body, fm.body_len, "Text.\n\n---\n\nMore.\n");
}

static void
test_typed_values(void **state)
{
	const char *src =
	    "---\n"
	    "title: \"Checkout: slow order lookup\"\n"
	    "date: 2023-03-07\n"
	    "start: 2023-03-07T14:30:00Z\n"
	    "severity: SEV2\n"
	    "services:\n"
	    "  - checkout-web\n"
	    "  - orders-db\n"
	    "tags: [postgres, latency]\n"
	    "impact_percent: 30\n"
	    "public: true\n"
	    "owner:\n"
	    "---\n"
	    "# Checkout\n";
	struct pm_arena *arena = pm_arena_new();
	struct pm_value *v = NULL, *services, *tags;
	struct pm_error err;

	pm_error_clear(&err);
	assert_int_equal(pm_frontmatter_parse(&v, NULL, arena, src,
	    strlen(src), "post.md", &err), 0);
	assert_int_equal(pm_value_len(v), 9);
	assert_string_equal(pm_value_str(pm_value_map_get(v, "title")),
	    "Checkout: slow order lookup");
	/* Dates and times stay strings: the extractor interprets them. */
	assert_string_equal(pm_value_str(pm_value_map_get(v, "date")),
	    "2023-03-07");
	assert_string_equal(pm_value_str(pm_value_map_get(v, "start")),
	    "2023-03-07T14:30:00Z");
	services = pm_value_map_get(v, "services");
	assert_true(pm_value_is(services, PM_VALUE_LIST));
	assert_int_equal(pm_value_len(services), 2);
	assert_string_equal(pm_value_str(services->u.list.items[1]),
	    "orders-db");
	/* Values carry their line in the file. */
	assert_int_equal(services->u.list.items[1]->line, 8);
	tags = pm_value_map_get(v, "tags");
	assert_int_equal(pm_value_len(tags), 2);
	assert_string_equal(pm_value_str(tags->u.list.items[0]), "postgres");
	assert_true(pm_value_is(pm_value_map_get(v, "impact_percent"),
	    PM_VALUE_NUMBER));
	assert_true(pm_value_map_get(v, "impact_percent")->u.number == 30);
	assert_true(pm_value_is(pm_value_map_get(v, "public"),
	    PM_VALUE_BOOL));
	assert_true(pm_value_is(pm_value_map_get(v, "owner"),
	    PM_VALUE_NULL));
	/* Insertion order is kept. */
	assert_string_equal(v->u.map.entries[0].key, "title");
	assert_string_equal(v->u.map.entries[8].key, "owner");
	pm_arena_free(arena);
}

static void
test_not_nul_terminated(void **state)
{
	/* The source is bounded by len, not by a NUL. */
	char src[] = "---\ntitle: x\n---\nBodyXXXX";
	struct pm_frontmatter fm;
	struct pm_error err;

	pm_error_clear(&err);
	assert_int_equal(pm_frontmatter_split(&fm, src, strlen(src) - 4,
	    NULL, &err), 0);
	assert_span(fm.body, fm.body_len, "Body");

	/* Cut inside the block, the same bytes are an unclosed block. */
	assert_int_equal(pm_frontmatter_split(&fm, src, 12, NULL, &err),
	    PM_ERROR);
	assert_string_equal(err.message, "front matter is not closed");
	assert_string_equal(err.file, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_front_matter),
		cmocka_unit_test(test_empty_block),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_lone_cr),
		cmocka_unit_test(test_bom),
		cmocka_unit_test(test_dots_terminator),
		cmocka_unit_test(test_fence_blanks_and_eof),
		cmocka_unit_test(test_not_a_fence),
		cmocka_unit_test(test_unclosed),
		cmocka_unit_test(test_yaml_error_line),
		cmocka_unit_test(test_not_a_mapping),
		cmocka_unit_test(test_thematic_break_in_body),
		cmocka_unit_test(test_typed_values),
		cmocka_unit_test(test_not_nul_terminated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
