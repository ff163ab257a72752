/*
 * fuzz_mustache.c: fuzz targets for the Mustache engine: the input
 * compiled as a template and rendered with a fixed context and a few
 * partials and parents (fuzz_mustache), or split into YAML data and a
 * template at the first line "----" (fuzz_mustache_data).
 *
 * Properties: compile errors carry a position inside the template;
 * rendering gives 0 or PM_ELIMIT; a failed render appends nothing; two
 * renders of one compiled template give the same bytes (compiled
 * templates are immutable).
 */
#include "fuzz.h"

#include "mustache.h"
#include "yamltree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char mu_context[] =
    "name: \"<script>alert(1)</script>\"\n"
    "title: Checkout & orders\n"
    "items: [1, two, {name: three}, [4], null, false]\n"
    "nested: {a: {b: {c: deep, list: [x, y]}}}\n"
    "flag: true\n"
    "off: false\n"
    "empty: []\n"
    "zero: 0\n"
    "partial: part\n"
    "html: <b>bold</b>\n";

/* Partials and parents the input can call, one of them recursive. */
static const char *const mu_partials[][2] = {
	{ "part", "<b>{{name}}</b>\n" },
	{ "item", "{{#items}}[{{.}}]{{/items}}" },
	{ "self", "{{#nested}}{{>self}}{{/nested}}" },
	{ "base", "<h1>{{$title}}default{{/title}}</h1>\n{{$body}}{{/body}}" },
	{ "layout", "{{<base}}{{$title}}layout{{/title}}{{/base}}" },
};

static int
mu_run(const char *tpl_src, size_t tpl_len, const struct pm_value *ctx,
    const char *who)
{
	struct pm_template_set *set = NULL;
	const struct pm_template *tpl;
	struct pm_buf out = PM_BUF_INIT, again = PM_BUF_INIT;
	struct pm_error err;
	int rc, bad = 0;
	size_t i, nlines = 1;

	for (i = 0; i < tpl_len; i++)
		nlines += tpl_src[i] == '\n';
	pm_template_set_new(&set);
	/* A fiftieth of the default: a run stays well inside -timeout even
	 * under the sanitizers, so a timeout means work the budget misses. */
	pm_template_set_budget(set, PM_TEMPLATE_MAX_STEPS / 50,
	    PM_TEMPLATE_MAX_OUTPUT / 32);
	for (i = 0; i < sizeof(mu_partials) / sizeof(*mu_partials); i++) {
		pm_error_clear(&err);
		if (pm_template_set_add(set, mu_partials[i][0],
		    mu_partials[i][1], strlen(mu_partials[i][1]), &err) < 0)
			abort();	/* the harness is broken */
	}
	pm_error_clear(&err);
	if (pm_template_set_add(set, "fuzz", tpl_src, tpl_len, &err) < 0) {
		if (err.message[0] == '\0' || err.line < 1 ||
		    (size_t)err.line > nlines || err.column < 0) {
			fprintf(stderr, "%s: compile error at %d:%d of %zu "
			    "lines: '%s'\n", who, err.line, err.column, nlines,
			    err.message);
			bad = 1;
		}
		goto out;
	}
	tpl = pm_template_set_get(set, "fuzz");
	pm_buf_puts(&out, "prefix");
	pm_error_clear(&err);
	rc = pm_template_render(&out, tpl, set, ctx, &err);
	if (rc != 0 && (rc != PM_ELIMIT || out.len != 6 ||
	    memcmp(out.ptr, "prefix", 6) != 0)) {
		fprintf(stderr, "%s: render returned %d and left %zu bytes\n",
		    who, rc, out.len);
		bad = 1;
		goto out;
	}
	pm_buf_puts(&again, "prefix");
	pm_error_clear(&err);
	if (pm_template_render(&again, tpl, set, ctx, &err) != rc ||
	    again.len != out.len || memcmp(again.ptr, out.ptr,
	    out.len) != 0) {
		fprintf(stderr, "%s: two renders differ\n", who);
		bad = 1;
	}
out:
	pm_buf_free(&out);
	pm_buf_free(&again);
	pm_template_set_free(set);
	return bad;
}

int
fuzz_mustache(const uint8_t *data, size_t size)
{
	struct pm_arena *arena = pm_arena_new();
	struct pm_value *ctx = NULL;
	struct pm_error err;
	int bad;

	pm_error_clear(&err);
	if (pm_yaml_parse(&ctx, arena, mu_context, strlen(mu_context),
	    "context", 1, &err) < 0)
		abort();
	bad = mu_run((const char *)data, size, ctx, "fuzz_mustache");
	pm_arena_free(arena);
	return bad;
}

int
fuzz_mustache_data(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data, *tpl = s;
	struct pm_arena *arena = pm_arena_new();
	struct pm_value *ctx = NULL;
	struct pm_error err;
	size_t ylen = 0;
	int bad;

	for (size_t i = 0; i + 6 <= size; i++)
		if (memcmp(s + i, "\n----\n", 6) == 0) {
			ylen = i + 1;
			tpl = s + i + 6;
			break;
		}
	pm_error_clear(&err);
	if (ylen && pm_yaml_parse(&ctx, arena, s, ylen, "data", 1, &err) < 0)
		ctx = NULL;
	bad = mu_run(tpl, size - (size_t)(tpl - s), ctx,
	    "fuzz_mustache_data");
	pm_arena_free(arena);
	return bad;
}

#ifdef PM_FUZZER
#ifdef PM_FUZZ_DATA
FUZZ_ENTRY(fuzz_mustache_data)
#else
FUZZ_ENTRY(fuzz_mustache)
#endif
#endif
