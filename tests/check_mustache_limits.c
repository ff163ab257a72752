/*
 * check_mustache_limits.c: the limits of the template engine, each a
 * PM_ELIMIT error that leaves the output as it was: nesting of sections,
 * partials and parents, the render depth, and the budget of steps and
 * bytes a render may take (pm_template_set_budget).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mustache_fixture.h"
#include "value.h"

static void
test_recursion_limit(void **state)
{
	struct fx *fx = *state;
	char msg[600];

	add(fx, "self", "x\n  {{>self}}");
	add(fx, "loop", "{{#a}}[{{<loop}}{{/loop}}]{{/a}}");
	/* What was in the buffer before stays; the failed render adds
	 * nothing. */
	pm_buf_puts(&fx->out, "kept");
	assert_int_equal(pm_template_render(&fx->out,
	    pm_template_set_get(fx->set, "self"), fx->set, NULL, &fx->err),
	    PM_ELIMIT);
	assert_string_equal(pm_buf_cstr(&fx->out), "kept");
	assert_string_equal(pm_error_format(msg, sizeof(msg), &fx->err),
	    "self:2:3: partial 'self' nested deeper than 100 levels");
	pm_error_clear(&fx->err);
	assert_int_equal(pm_template_render(&fx->out,
	    pm_template_set_get(fx->set, "loop"), fx->set,
	    yaml(fx, "a: true"), &fx->err), PM_ELIMIT);
	assert_string_equal(pm_error_format(msg, sizeof(msg), &fx->err),
	    "loop:1:8: parent 'loop' nested deeper than 100 levels");
}

/* A tree of the given depth: {name, kids: [ ... ]}. */
static struct pm_value *
tree(struct fx *fx, int depth)
{
	struct pm_value *root = NULL, *kids = NULL;
	int i;

	for (i = 0; i < depth; i++) {
		struct pm_value *node = pm_value_new_map(fx->arena);

		pm_value_map_set_num(fx->arena, node, "n", i);
		if (kids)
			pm_value_list_push(fx->arena, kids, node);
		else
			root = node;
		kids = pm_value_new_list(fx->arena);
		pm_value_map_set(fx->arena, node, "kids", kids);
	}
	return root;
}

static void
test_data_driven_recursion(void **state)
{
	struct fx *fx = *state;
	const char *s;

	add(fx, "node", "{{n}}({{#kids}}{{>node}}{{/kids}})");
	s = render(fx, "node", tree(fx, 100));
	assert_int_equal(strncmp(s, "0(1(2(", 6), 0);
	assert_non_null(strstr(s, "99())"));
	pm_error_clear(&fx->err);
	assert_int_equal(pm_template_render(&fx->out,
	    pm_template_set_get(fx->set, "node"), fx->set, tree(fx, 5000),
	    &fx->err), PM_ELIMIT);
}

/* Sections within partials within sections: the render depth limit
 * stops it before the partial limit does. */
static void
test_render_depth_limit(void **state)
{
	struct fx *fx = *state;
	struct pm_buf src = PM_BUF_INIT;
	char msg[600];
	int i;

	for (i = 0; i < 90; i++)
		pm_buf_puts(&src, "{{#a}}");
	pm_buf_puts(&src, "{{>deep}}");
	for (i = 0; i < 90; i++)
		pm_buf_puts(&src, "{{/a}}");
	add(fx, "deep", src.ptr);
	pm_buf_free(&src);
	assert_int_equal(pm_template_render(&fx->out,
	    pm_template_set_get(fx->set, "deep"), fx->set,
	    yaml(fx, "a: true"), &fx->err), PM_ELIMIT);
	assert_non_null(strstr(pm_error_format(msg, sizeof(msg), &fx->err),
	    "nested deeper than 1000 levels"));
}

static void
test_depth_limit(void **state)
{
	struct fx *fx = *state;
	struct pm_buf src = PM_BUF_INIT;
	char msg[600];
	int i;

	for (i = 0; i < PM_TEMPLATE_MAX_DEPTH; i++)
		pm_buf_puts(&src, "{{#a}}");
	pm_buf_puts(&src, "x");
	for (i = 0; i < PM_TEMPLATE_MAX_DEPTH; i++)
		pm_buf_puts(&src, "{{/a}}");
	add(fx, "ok", src.ptr);
	assert_string_equal(render(fx, "ok", yaml(fx, "a: [1]")), "x");

	pm_buf_clear(&src);
	for (i = 0; i <= PM_TEMPLATE_MAX_DEPTH; i++)
		pm_buf_puts(&src, "{{^a}}");
	pm_error_clear(&fx->err);
	assert_int_equal(pm_template_set_add(fx->set, "deep", src.ptr,
	    src.len, &fx->err), PM_ERROR);
	assert_string_equal(pm_error_format(msg, sizeof(msg), &fx->err),
	    "deep:1:601: sections nested deeper than 100");
	pm_buf_free(&src);
}

/* Fills src with open, then body, then close, each n times. */
static void
repeat(struct pm_buf *src, int n, const char *open, const char *body,
    const char *close)
{
	int i;

	for (i = 0; i < n; i++)
		pm_buf_puts(src, open);
	pm_buf_puts(src, body);
	for (i = 0; i < n; i++)
		pm_buf_puts(src, close);
}

/* A render that must end with the budget's error, appending nothing. */
static void
over_budget(struct fx *fx, const char *name, const struct pm_value *ctx,
    const char *error)
{
	char msg[600];

	pm_buf_clear(&fx->out);
	pm_buf_puts(&fx->out, "kept");
	pm_error_clear(&fx->err);
	assert_int_equal(pm_template_render(&fx->out,
	    pm_template_set_get(fx->set, name), fx->set, ctx, &fx->err),
	    PM_ELIMIT);
	assert_string_equal(pm_buf_cstr(&fx->out), "kept");
	assert_string_equal(pm_error_format(msg, sizeof(msg), &fx->err),
	    error);
}

/*
 * Each op run and each context level a name is looked for in is a step,
 * and the budget is checked at each tag.  Up to {{x}} here: the section,
 * its lookup in one level, the text "a" and {{x}} itself, four steps.
 */
static void
test_budget_counts_steps(void **state)
{
	struct fx *fx = *state;
	struct pm_value *ctx = yaml(fx, "s: true\nx: 1");

	add(fx, "t", "{{#s}}a{{x}}b{{/s}}");
	pm_template_set_budget(fx->set, 4, 0);
	assert_string_equal(render(fx, "t", ctx), "a1b");
	pm_template_set_budget(fx->set, 3, 0);
	over_budget(fx, "t", ctx, "t:1:8: render too large at 'x': "
	    "over 3 steps or 536870912 bytes");
}

/* Sections over lists multiply: five levels over ten items are 111,110
 * sections run, far past a budget of 100,000 steps, though each body
 * writes one byte. */
static void
test_budget_nested_sections(void **state)
{
	struct fx *fx = *state;
	struct pm_value *ctx = yaml(fx, "a: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]");
	struct pm_buf src = PM_BUF_INIT;

	repeat(&src, 5, "{{#a}}", "x", "{{/a}}");
	add(fx, "t", src.ptr);
	pm_template_set_budget(fx->set, 100000, 0);
	over_budget(fx, "t", ctx, "t:1:25: render too large at 'a': "
	    "over 100000 steps or 536870912 bytes");
	/* Four levels are 11,110 sections and ten thousand bytes. */
	pm_buf_clear(&src);
	repeat(&src, 4, "{{#a}}", "x", "{{/a}}");
	add(fx, "four", src.ptr);
	assert_int_equal(strlen(render(fx, "four", ctx)), 10000);
	pm_buf_free(&src);
}

/* Work that writes nothing still counts: names that are missing, and
 * inverted sections of true values, looked up through every level. */
static void
test_budget_silent_work(void **state)
{
	struct fx *fx = *state;
	struct pm_value *ctx = yaml(fx, "a: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n"
	    "yes: true");
	struct pm_buf body = PM_BUF_INIT, src = PM_BUF_INIT;
	int i;

	for (i = 0; i < 100; i++)
		pm_buf_puts(&body, "{{missing}}{{^yes}}never{{/yes}}");
	repeat(&src, 2, "{{#a}}", body.ptr, "{{/a}}");
	add(fx, "t", src.ptr);
	pm_buf_free(&body);
	pm_buf_free(&src);
	pm_template_set_budget(fx->set, 50000, 0);
	over_budget(fx, "t", ctx, "t:1:1528: render too large at 'yes': "
	    "over 50000 steps or 536870912 bytes");
}

/* Partials that call the next one twice double at each level, below the
 * nesting limit: twenty levels are a million calls. */
static void
test_budget_doubling_partials(void **state)
{
	struct fx *fx = *state;
	char name[16], src[48];
	int i;

	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "p%d", i);
		snprintf(src, sizeof(src), "{{>p%d}}{{>p%d}}", i + 1, i + 1);
		add(fx, name, src);
	}
	add(fx, "p20", "x");
	pm_template_set_budget(fx->set, 100000, 0);
	over_budget(fx, "p0", NULL, "p19:1:9: render too large at 'p20': "
	    "over 100000 steps or 536870912 bytes");
}

/* The bytes written count too, checked before each op: a render passes
 * the budget by at most the one value it wrote last. */
static void
test_budget_bytes(void **state)
{
	struct fx *fx = *state;
	struct pm_value *ctx = yaml(fx, "a: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n"
	    "text: '01234567890123456789'");

	add(fx, "t", "{{#a}}{{text}}{{text}}{{/a}}");
	pm_template_set_budget(fx->set, 0, 780);
	assert_int_equal(strlen(render(fx, "t", ctx)), 400);
	pm_template_set_budget(fx->set, 0, 370);
	over_budget(fx, "t", ctx, "t:1:15: render too large at 'text': "
	    "over 100000000 steps or 370 bytes");
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_recursion_limit),
		T(test_data_driven_recursion),
		T(test_render_depth_limit),
		T(test_depth_limit),
		T(test_budget_counts_steps),
		T(test_budget_nested_sections),
		T(test_budget_silent_work),
		T(test_budget_doubling_partials),
		T(test_budget_bytes),
	};

	return cmocka_run_group_tests_name("mustache_limits", tests, NULL,
	    NULL);
}
