/*
 * check_mustache.c: unit tests of the template engine beyond the spec:
 * the set and its directories, error positions, limits, odd bytes,
 * escaping, truthiness, inheritance scope and rendering one compiled
 * template many times, from several threads at once.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "mustache.h"
#include "mustache_int.h"
#include "value.h"
#include "yamltree.h"

#include "mustache_fixture.h"

static void
write_file(const char *dir, const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	assert_non_null(f = fopen(path, "wb"));
	fputs(text, f);
	fclose(f);
}

static void
test_set_override_order(void **state)
{
	struct fx *fx = *state;
	char custom[128], def[128];

	snprintf(custom, sizeof(custom), "%s/custom", fx->dir);
	snprintf(def, sizeof(def), "%s/default", fx->dir);
	assert_int_equal(mkdir(custom, 0755), 0);
	assert_int_equal(mkdir(def, 0755), 0);
	write_file(def, "page.mustache", "default page {{>footer}}");
	write_file(def, "footer.mustache", "default footer");
	write_file(custom, "page.mustache", "custom page {{>footer}}");
	assert_int_equal(pm_template_set_add_dir(fx->set, custom, &fx->err),
	    0);
	assert_int_equal(pm_template_set_add_dir(fx->set, def, &fx->err), 0);
	assert_string_equal(render(fx, "page", NULL),
	    "custom page default footer");
	assert_string_equal(pm_template_name(pm_template_set_get(fx->set,
	    "footer")), "footer");
}

static void
test_add_dir_files(void **state)
{
	struct fx *fx = *state;
	char sub[128];

	write_file(fx->dir, "a.mustache", "A");
	write_file(fx->dir, ".hidden.mustache", "{{#broken");
	write_file(fx->dir, "notes.txt", "{{#broken");
	write_file(fx->dir, ".mustache", "{{#broken");
	snprintf(sub, sizeof(sub), "%s/dir.mustache", fx->dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(pm_template_set_add_dir(fx->set, fx->dir, &fx->err),
	    0);
	assert_string_equal(render(fx, "a", NULL), "A");
	assert_null(pm_template_set_get(fx->set, ".hidden"));
	assert_null(pm_template_set_get(fx->set, "notes"));
	assert_null(pm_template_set_get(fx->set, "dir"));
	assert_null(pm_template_set_get(fx->set, ""));
}

static void
test_add_dir_errors(void **state)
{
	struct fx *fx = *state;
	char path[128], msg[600];

	snprintf(path, sizeof(path), "%s/missing", fx->dir);
	assert_int_equal(pm_template_set_add_dir(fx->set, path, &fx->err),
	    PM_ENOTFOUND);
	pm_error_clear(&fx->err);
	write_file(fx->dir, "file", "x");
	snprintf(path, sizeof(path), "%s/file", fx->dir);
	assert_int_equal(pm_template_set_add_dir(fx->set, path, &fx->err),
	    PM_ERROR);

	/* Two broken templates: the first in name order is reported, and
	 * the ones before it stay added. */
	pm_error_clear(&fx->err);
	write_file(fx->dir, "b.mustache", "ok\n{{/b}}");
	write_file(fx->dir, "c.mustache", "{{#c}}");
	write_file(fx->dir, "a.mustache", "fine");
	assert_int_equal(pm_template_set_add_dir(fx->set, fx->dir, &fx->err),
	    PM_ERROR);
	snprintf(path, sizeof(path), "%s/b.mustache:2:1: closing tag 'b' has "
	    "no open section", fx->dir);
	assert_string_equal(pm_error_format(msg, sizeof(msg), &fx->err),
	    path);
	assert_non_null(pm_template_set_get(fx->set, "a"));
	assert_null(pm_template_set_get(fx->set, "b"));
}

static void
test_add_file(void **state)
{
	struct fx *fx = *state;
	char path[128];

	snprintf(path, sizeof(path), "%s/nope.mustache", fx->dir);
	assert_int_equal(pm_template_set_add_file(fx->set, "nope", path,
	    &fx->err), PM_ENOTFOUND);
	write_file(fx->dir, "x.mustache", "first");
	write_file(fx->dir, "y.mustache", "second");
	pm_error_clear(&fx->err);
	snprintf(path, sizeof(path), "%s/x.mustache", fx->dir);
	assert_int_equal(pm_template_set_add_file(fx->set, "x", path,
	    &fx->err), 0);
	/* Already there: kept, not replaced. */
	snprintf(path, sizeof(path), "%s/y.mustache", fx->dir);
	assert_int_equal(pm_template_set_add_file(fx->set, "x", path,
	    &fx->err), 0);
	assert_string_equal(render(fx, "x", NULL), "first");
}

static void
test_add_twice_and_after_failure(void **state)
{
	struct fx *fx = *state;

	add(fx, "t", "one");
	assert_int_equal(pm_template_set_add(fx->set, "t", "two", 3,
	    &fx->err), PM_EEXISTS);
	pm_error_clear(&fx->err);
	assert_int_equal(pm_template_set_add(fx->set, "u", "{{#a}}", 6,
	    &fx->err), PM_ERROR);
	assert_null(pm_template_set_get(fx->set, "u"));
	add(fx, "u", "fixed");
	assert_string_equal(render(fx, "u", NULL), "fixed");
	assert_string_equal(render(fx, "t", NULL), "one");
}

/* Many templates: the hash table grows and still finds every one. */
static void
test_many_templates(void **state)
{
	struct fx *fx = *state;
	char name[32], src[64];
	int i;

	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "t%d", i);
		snprintf(src, sizeof(src), "<%d>{{>t%d}}", i, i + 1);
		add(fx, name, i == 299 ? "end" : src);
	}
	assert_int_equal(strncmp(render(fx, "t200", NULL),
	    "<200><201>", 10), 0);
	assert_non_null(strstr(render(fx, "t250", NULL), "<298>end"));
}

static const struct {
	const char *src;
	const char *error;
} errors[] = {
	{ "abc\n  {{#a}}\n", "t:2:3: unclosed section 'a'" },
	{ "{{^a}}{{$b}}", "t:1:7: unclosed block 'b'" },
	{ "{{<p}}x", "t:1:1: unclosed parent 'p'" },
	{ "{{#a}}\n{{/b}}", "t:2:1: closing tag 'b' does not match open "
	    "section 'a' (1:1)" },
	{ "x\r\ny {{/a}}", "t:2:3: closing tag 'a' has no open section" },
	{ "h\xc3\xa9llo {{", "t:1:7: unclosed tag: no '}}' after it" },
	{ "\xff\xfe{{{a}}", "t:1:3: unclosed tag: no '}}}' after it" },
	{ "{{=<% %>=}}\n<%a", "t:2:1: unclosed tag: no '%>' after it" },
	{ "{{=<% %>}}", "t:1:1: unclosed tag: no '=}}' after it" },
	{ "{{= x =}}", "t:1:1: bad delimiter change 'x': expected two "
	    "delimiters separated by a space" },
	{ "\t{{}}", "t:1:2: empty tag name" },
	{ "{{#}}", "t:1:1: empty tag name" },
	{ "{{ #a}}", "t:1:1: misplaced sigil in tag name '#a': write it "
	    "right after '{{'" },
	{ "{{%a}}", "t:1:1: unknown sigil '%' in tag '%a'" },
	{ "{{#*a}}{{/*a}}", "t:1:1: dynamic name '*a' outside a partial or "
	    "parent tag" },
	{ "{{a b}}", "t:1:1: tag name 'a b' contains whitespace" },
	{ "{{> a b}}", "t:1:1: tag name 'a b' contains whitespace" },
	{ "{{a..b}}", "t:1:1: invalid dotted name 'a..b'" },
	{ "{{.a}}", "t:1:1: invalid dotted name '.a'" },
	{ "{{$*b}}{{/*b}}", "t:1:1: dynamic name '*b' outside a partial or "
	    "parent tag" },
	{ "{{<p}}{{$b}}\n{{/p}}", "t:2:1: closing tag 'p' does not match "
	    "open block 'b' (1:7)" },
};

static void
test_error_positions(void **state)
{
	struct fx *fx = *state;
	char msg[600];
	size_t i;

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		pm_error_clear(&fx->err);
		assert_int_equal(pm_template_set_add(fx->set, "t",
		    errors[i].src, strlen(errors[i].src), &fx->err), PM_ERROR);
		assert_string_equal(pm_error_format(msg, sizeof(msg),
		    &fx->err), errors[i].error);
		assert_null(pm_template_set_get(fx->set, "t"));
	}
}

static void
test_nul_and_invalid_utf8(void **state)
{
	struct fx *fx = *state;
	static const char src[] = "a\0b{{k\0ey}}\xff{{x}}\0";
	struct pm_value *ctx = pm_value_new_map(fx->arena);
	static const char want[] = "a\0bV\xffyz\0";

	pm_value_map_setn(fx->arena, ctx, "k\0ey", 4,
	    pm_value_new_cstr(fx->arena, "V"));
	pm_value_map_set(fx->arena, ctx, "x",
	    pm_value_new_string(fx->arena, "y\0z", 3));
	/* HTML escaping drops NUL; the raw form keeps it. */
	assert_int_equal(pm_template_set_add(fx->set, "t", src,
	    sizeof(src) - 1, &fx->err), 0);
	render(fx, "t", ctx);
	assert_int_equal(fx->out.len, sizeof(want) - 1);
	assert_memory_equal(fx->out.ptr, want, sizeof(want) - 1);
	assert_int_equal(pm_template_set_add(fx->set, "r", "{{{x}}}", 7,
	    &fx->err), 0);
	render(fx, "r", ctx);
	assert_int_equal(fx->out.len, 3);
	assert_memory_equal(fx->out.ptr, "y\0z", 3);
	/* A tag cut short by the end of the input, and one with a NUL in
	 * its delimiters, are errors, not reads past the end. */
	assert_int_equal(pm_template_set_add(fx->set, "c", "{{a}", 4,
	    &fx->err), PM_ERROR);
	assert_int_equal(pm_template_set_add(fx->set, "d",
	    "{{=\0 \0=}}\0x\0", 12, &fx->err), 0);
	render(fx, "d", ctx);
	assert_int_equal(fx->out.len, 2);
	assert_memory_equal(fx->out.ptr, "yz", 2);
}

static void
test_escaping(void **state)
{
	struct fx *fx = *state;
	const struct pm_value *ctx = yaml(fx,
	    "x: \"<a href='u'>\\\"&\\\"</a>\"");

	add(fx, "e", "{{x}}|{{{x}}}|{{& x}}");
	assert_string_equal(render(fx, "e", ctx),
	    "&lt;a href=&#39;u&#39;&gt;&quot;&amp;&quot;&lt;/a&gt;|"
	    "<a href='u'>\"&\"</a>|<a href='u'>\"&\"</a>");
}

static void
test_values_and_truthiness(void **state)
{
	struct fx *fx = *state;
	const struct pm_value *ctx = yaml(fx,
	    "empty: ''\nzero: 0\nmap: {}\nlist: [1, 'b<']\nno: false\n"
	    "yes: true\nnum: 1.5\nnul: null\nobj: {a: [true, null]}");

	add(fx, "t", "{{#empty}}E{{/empty}}{{^empty}}e{{/empty}}"
	    "{{#zero}}Z{{.}}{{/zero}}{{#map}}M{{/map}}{{#no}}N{{/no}}"
	    "{{^nul}}u{{/nul}}|{{list}}|{{{list}}}|{{obj}}|{{yes}}{{no}}"
	    "|{{num}}|{{nul}}{{missing.x}}");
	assert_string_equal(render(fx, "t", ctx),
	    "eZ0Mu|[1,&quot;b\\u003c&quot;]|[1,\"b\\u003c\"]|"
	    "{&quot;a&quot;:[true,null]}|truefalse|1.5|");
	/* NULL context: everything is missing. */
	assert_string_equal(render(fx, "t", NULL), "eu||||||");
	/* Names whose hashes collide are still told apart, on the stack
	 * and in dotted names. */
	add(fx, "h", "{{bgpx_}}{{b13ck}}{{#m}}{{b13ck}}{{bgpx_}}{{/m}}"
	    "{{m.bgpx_}}{{m.b13ck}}");
	assert_string_equal(render(fx, "h", yaml(fx,
	    "bgpx_: 1\nm: {b13ck: 2}")), "1212");
}

/* The renderer's fast number path writes what pm_value_put_number does. */
static void
check_number(double n)
{
	struct pm_buf fast = PM_BUF_INIT, slow = PM_BUF_INIT;

	pm__template_put_number(&fast, n);
	pm_value_put_number(&slow, n);
	if (strcmp(pm_buf_cstr(&fast), pm_buf_cstr(&slow)) != 0)
		fail_msg("%.17g: fast %s, pm_value_put_number %s", n,
		    pm_buf_cstr(&fast), pm_buf_cstr(&slow));
	pm_buf_free(&fast);
	pm_buf_free(&slow);
}

static void
test_numbers(void **state)
{
	static const double special[] = {
		0.0, -0.0, 1e14, -1e14, 1e14 - 1, 99999999999999.9, 1e15, 1e300,
		5e-324, 0.1, 0.3, 1.21, -0.5, 0.05, 1.0 / 0.0, -1.0 / 0.0,
		0.0 / 0.0, 4503599627370496.5, 123456789012.3,
	};
	uint64_t seed = 42;
	long k;
	int i;

	(void)state;
	for (i = 0; i < (int)(sizeof(special) / sizeof(special[0])); i++)
		check_number(special[i]);
	for (k = -300000; k <= 300000; k++) {
		check_number((double)k / 10);
		check_number((double)k / 100);
	}
	for (i = 0; i < 200000; i++) {
		double n;

		seed = seed * 6364136223846793005u + 1442695040888963407u;
		memcpy(&n, &seed, sizeof(n));
		check_number(n);
		check_number((double)(int64_t)(seed >> 20) / 10);
		check_number(nextafter((double)(int64_t)(seed >> 30) / 10,
		    0));
	}
}

static void
test_list_index(void **state)
{
	struct fx *fx = *state;

	add(fx, "t", "{{items.0.t}} {{items.1}} [{{items.2}}{{items.x}}"
	    "{{m.0}}{{items.99999999999}}] {{#items.0}}{{t}}{{/items.0}}");
	assert_string_equal(render(fx, "t",
	    yaml(fx, "items: [{t: first}, second]\nm: {'0': zero}")),
	    "first second [zero] first");
}

static void
test_missing_partials(void **state)
{
	struct fx *fx = *state;
	const struct pm_template *t;

	add(fx, "t", "[{{>nope}}{{<nope}}{{$b}}B{{/b}}{{/nope}}{{>*dyn}}]");
	assert_string_equal(render(fx, "t", yaml(fx, "dyn: 7")), "[]");
	/* No set at all: nothing resolves. */
	t = pm_template_set_get(fx->set, "t");
	pm_buf_clear(&fx->out);
	assert_int_equal(pm_template_render(&fx->out, t, NULL, NULL,
	    &fx->err), 0);
	assert_string_equal(pm_buf_cstr(&fx->out), "[]");
}

/* A page's own blocks must not leak into a component it uses. */
static void
test_override_scope(void **state)
{
	struct fx *fx = *state;

	add(fx, "base", "<title>{{$title}}site{{/title}}</title>"
	    "{{$main}}{{/main}}");
	add(fx, "card", "<h2>{{$title}}untitled{{/title}}</h2>");
	add(fx, "page", "{{<base}}{{$title}}Page{{/title}}"
	    "{{$main}}{{<card}}{{/card}}{{<card}}{{$title}}Two{{/title}}"
	    "{{/card}}{{/main}}{{/base}}");
	assert_string_equal(render(fx, "page", NULL), "<title>Page</title>"
	    "<h2>untitled</h2><h2>Two</h2>");
}

static void
test_dynamic_parent_and_indent(void **state)
{
	struct fx *fx = *state;

	add(fx, "layout", "<main>\n  {{$body}}\n  {{/body}}\n</main>\n");
	add(fx, "item", "<li>{{.}}</li>\n");
	add(fx, "page", "{{<*which}}{{$body}}\n<ul>\n  {{#items}}\n"
	    "  {{>item}}\n  {{/items}}\n</ul>\n{{/body}}{{/*which}}");
	assert_string_equal(render(fx, "page",
	    yaml(fx, "which: layout\nitems: [a, '<b>']")),
	    "<main>\n  <ul>\n    <li>a</li>\n    <li>&lt;b&gt;</li>\n"
	    "  </ul>\n</main>\n");
}

static void
test_render_many_times(void **state)
{
	struct fx *fx = *state;
	char data[64], want[64];
	int i;

	add(fx, "t", "{{#p}}{{name}} is {{age}}{{/p}}");
	for (i = 0; i < 1000; i++) {
		snprintf(data, sizeof(data), "p: {name: n%d, age: %d}", i, i);
		snprintf(want, sizeof(want), "n%d is %d", i, i);
		assert_string_equal(render(fx, "t", yaml(fx, data)), want);
	}
}

struct job {
	const struct pm_template_set *set;
	const struct pm_value *ctx;
	const char *want;
	int failures;
};

static void *
render_loop(void *arg)
{
	struct job *job = arg;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_error err;
	int i;

	for (i = 0; i < 300; i++) {
		pm_buf_clear(&out);
		pm_error_clear(&err);
		if (pm_template_render(&out, pm_template_set_get(job->set,
		    "page"), job->set, job->ctx, &err) != 0 ||
		    strcmp(pm_buf_cstr(&out), job->want) != 0)
			job->failures++;
	}
	pm_buf_free(&out);
	return NULL;
}

static void
test_threads(void **state)
{
	struct fx *fx = *state;
	pthread_t tid[4];
	struct job jobs[4];
	char data[64], want[4][64];
	int i;

	add(fx, "base", "[{{$x}}{{/x}}]\n");
	add(fx, "row", "  {{.}}\n");
	add(fx, "page", "{{<base}}{{$x}}\n{{#rows}}\n{{>row}}\n{{/rows}}\n"
	    "{{/x}}{{/base}}");
	for (i = 0; i < 4; i++) {
		snprintf(data, sizeof(data), "rows: [a%d, b%d]", i, i);
		snprintf(want[i], sizeof(want[i]), "[  a%d\n  b%d\n]\n", i, i);
		jobs[i] = (struct job){ fx->set, yaml(fx, data), want[i], 0 };
	}
	for (i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&tid[i], NULL, render_loop,
		    &jobs[i]), 0);
	for (i = 0; i < 4; i++) {
		pthread_join(tid[i], NULL);
		assert_int_equal(jobs[i].failures, 0);
	}
}

/* Made lists (value.h): row i is {name: "rI", sub: a made list of i}. */
static struct pm_value *
make_row(const void *arg, size_t i, struct pm_arena *a)
{
	struct pm_value *row = pm_value_new_map(a);

	pm_value_map_set_str(a, row, "name", pm_arena_printf(a, "r%zu", i));
	pm_value_map_set(a, row, "sub", pm_value_new_made_list(a, i, arg));
	return row;
}

static struct pm_value *
rows_context(struct pm_arena *a, const struct pm_value_maker *maker,
    size_t n, int made)
{
	struct pm_value *ctx = pm_value_new_map(a), *rows;

	if (made) {
		rows = pm_value_new_made_list(a, n, maker);
	} else {
		/* The same rows, held: copying reads every made item. */
		rows = pm_value_copy(a, pm_value_new_made_list(a, n, maker));
	}
	pm_value_map_set(a, ctx, "rows", rows);
	pm_value_map_set(a, ctx, "none", pm_value_new_made_list(a, 0, maker));
	return ctx;
}

/* A made list renders as the list it makes: sections, nesting, index. */
static void
test_made_lists(void **state)
{
	struct fx *fx = *state;
	struct pm_value_maker maker = { make_row, &maker, NULL };
	char want[256];

	add(fx, "t", "{{#rows}}[{{name}}:{{#sub}}<{{name}}>{{/sub}}]{{/rows}}"
	    "|{{rows.2.name}}|{{rows.2.sub.1.name}}|{{rows.9.name}}|"
	    "{{^none}}none{{/none}}{{#none}}?{{/none}}");
	snprintf(want, sizeof(want), "%s", render(fx, "t",
	    rows_context(fx->arena, &maker, 4, 0)));
	assert_string_equal(want, "[r0:][r1:<r0>][r2:<r0><r1>]"
	    "[r3:<r0><r1><r2>]|r2|r1||none");
	assert_string_equal(render(fx, "t", rows_context(fx->arena, &maker, 4,
	    1)), want);
}

/* What a sink was handed, and an error to give at the nth piece. */
struct pieces {
	struct pm_buf all;
	size_t count;
	size_t fail_at;		/* 0: never */
};

static int
take_piece(void *arg, const char *data, size_t len, struct pm_error *err)
{
	struct pieces *p = arg;

	if (++p->count == p->fail_at)
		return pm_error_set(err, PM_ERROR, "out.html", 0, 0,
		    "disk full");
	pm_buf_put(&p->all, data, len);
	return 0;
}

/* Rendered to a sink, a page arrives in pieces that add up to it. */
static void
test_render_to_sink(void **state)
{
	struct fx *fx = *state;
	struct pm_value_maker maker = { make_row, &maker, NULL };
	struct pm_value *ctx = rows_context(fx->arena, &maker, 40, 1);
	struct pieces p = { PM_BUF_INIT, 0, 0 };
	struct pm_template_sink sink = { take_piece, &p, 64 };
	const struct pm_template *t;
	char *whole;

	add(fx, "t", "<ul>{{#rows}}<li>{{name}}: {{#sub}}{{name}} {{/sub}}"
	    "</li>{{/rows}}</ul>\n");
	t = pm_template_set_get(fx->set, "t");
	whole = strdup(render(fx, "t", ctx));
	assert_true(strlen(whole) > 40 * 64 / 4);

	pm_buf_clear(&fx->out);
	pm_buf_puts(&fx->out, "kept:");
	assert_int_equal(pm_template_render_to(&fx->out, &sink, t, fx->set,
	    ctx, &fx->err), 0);
	/* What was written before the render stays; the rest of the page
	 * is what the sink did not get yet. */
	assert_true(strncmp(fx->out.ptr, "kept:", 5) == 0);
	assert_true(fx->out.len - 5 < strlen(whole));
	pm_buf_put(&p.all, fx->out.ptr + 5, fx->out.len - 5);
	assert_string_equal(pm_buf_cstr(&p.all), whole);
	assert_true(p.count > 10);

	/* A sink's error ends the render with it. */
	pm_buf_clear(&p.all);
	p.count = 0;
	p.fail_at = 3;
	pm_buf_clear(&fx->out);
	pm_error_clear(&fx->err);
	assert_int_equal(pm_template_render_to(&fx->out, &sink, t, fx->set,
	    ctx, &fx->err), PM_ERROR);
	assert_int_equal(p.count, 3);
	assert_string_equal(fx->err.message, "disk full");
	assert_int_equal(fx->out.len, 0);
	pm_buf_free(&p.all);
	free(whole);
}

#define T(fn)	cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_set_override_order),
		T(test_add_dir_files),
		T(test_add_dir_errors),
		T(test_add_file),
		T(test_add_twice_and_after_failure),
		T(test_many_templates),
		T(test_error_positions),
		T(test_nul_and_invalid_utf8),
		T(test_escaping),
		T(test_values_and_truthiness),
		cmocka_unit_test(test_numbers),
		T(test_list_index),
		T(test_made_lists),
		T(test_render_to_sink),
		T(test_missing_partials),
		T(test_override_scope),
		T(test_dynamic_parent_and_indent),
		T(test_render_many_times),
		T(test_threads),
	};

	return cmocka_run_group_tests_name("mustache", tests, NULL, NULL);
}
