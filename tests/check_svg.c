/*
 * check_svg.c: unit tests of the svg module: timelines and charts are
 * valid XML (checked by xmllint), accessible, coloured only through
 * --pm-* custom properties, deterministic, safe with hostile text, and
 * their labels never overlap, at any number of entries.
 *
 * Overlap is checked on the boxes of the layout hook, which are the
 * boxes the drawing uses; the pictures themselves are checked as text.
 */

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "svg.h"
#include "svg_int.h"
#include "testutil.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))
#define XMLLINT "/usr/bin/xmllint"

static const char *const kinds[] = {
	"detected", "investigated", "misleading", "escalated", "mitigated",
	"resolved", "other", "made-up-kind"
};

/* Pieces of timeline text of very different widths. */
static const char *const words[] = {
	"Alert fired", "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMM",
	"iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
	"On-call engineer restarted the primary database and watched the "
	"replication lag come down over the following twenty minutes",
	"x", "Rolled back release 2024.03.05-1 to 2024.03.04-3",
	"Ünïcödé — 障害が発生しました and more text after it"
};

/* xmllint --noout on the bytes, through a temporary file. */
static void
assert_xml_valid(const char *svg, size_t len)
{
	char *dir, path[512], cmd[700], *err = NULL;
	FILE *f;
	int rc;

	if (access(XMLLINT, X_OK) != 0) {
		print_message("xmllint missing: well-formedness not checked\n");
		return;
	}
	dir = tu_tempdir();
	snprintf(path, sizeof(path), "%s/picture.svg", dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(svg, 1, len, f), len);
	fclose(f);
	snprintf(cmd, sizeof(cmd), XMLLINT " --noout '%s'", path);
	rc = tu_run(cmd, NULL, &err);
	if (rc != 0)
		print_message("xmllint: %s\n", err != NULL ? err : "");
	assert_int_equal(rc, 0);
	free(err);
	tu_rm_rf(dir);
	free(dir);
}

/*
 * Colours only through var(--pm-…): every colour property in the style
 * sheet starts with var(--pm- (or is currentColor or none), every hex
 * colour is a fallback inside a var(--pm-…), and no element carries a
 * colour attribute of its own.
 */
static void
assert_colours_themed(const char *svg)
{
	static const char *const props[] = { "fill:", "stroke:", "color:" };
	const char *p, *q, *v;
	size_t i;

	for (i = 0; i < COUNT(props); i++)
		for (p = strstr(svg, props[i]); p != NULL;
		    p = strstr(p + 1, props[i])) {
			if (p > svg && (p[-1] == '-' || (p[-1] >= 'a' &&
			    p[-1] <= 'z')))
				continue;	/* stroke-width:, … */
			v = p + strlen(props[i]);
			assert_true(strncmp(v, "var(--pm-", 9) == 0 ||
			    strncmp(v, "currentColor", 12) == 0 ||
			    strncmp(v, "none", 4) == 0);
		}
	for (p = strchr(svg, '#'); p != NULL; p = strchr(p + 1, '#')) {
		if (strncmp(p, "#x", 2) == 0 || strncmp(p - 1, "&#", 2) == 0)
			continue;	/* character references */
		for (q = p; q > svg; q--)
			if (strncmp(q, "var(--pm-", 9) == 0 || *q == ';' ||
			    *q == '}' || *q == '"' || *q == '>')
				break;
		assert_true(strncmp(q, "var(--pm-", 9) == 0);
	}
	assert_null(strstr(svg, " fill=\"#"));
	assert_null(strstr(svg, " stroke=\"#"));
	assert_null(strstr(svg, "rgb("));
	assert_null(strstr(svg, " style=\""));
}

/* What every picture must be. */
static void
assert_picture(const char *svg, size_t len)
{
	assert_non_null(svg);
	assert_true(len > 0);
	assert_int_equal(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/"
	    "svg\"", 39), 0);
	assert_non_null(strstr(svg, " role=\"img\""));
	assert_non_null(strstr(svg, " aria-labelledby=\""));
	assert_non_null(strstr(svg, " width=\"100%\""));
	assert_non_null(strstr(svg, " viewBox=\"0 0 "));
	assert_non_null(strstr(svg, "-title\">"));
	assert_non_null(strstr(svg, "-desc\">"));
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "javascript:"));
	assert_null(strstr(svg, "href"));
	assert_null(strstr(svg, "url("));
	assert_null(strstr(svg, "<foreignObject"));
	assert_colours_themed(svg);
	assert_xml_valid(svg, len);
}

struct fixture {
	struct pm_arena *arena;
	struct pm_incident inc;
};

static void
fixture_init(struct fixture *fx)
{
	fx->arena = pm_arena_new();
	pm_incident_init(&fx->inc);
	fx->inc.slug = "db-outage";
	fx->inc.title = "Database outage";
}

static void
set_entries(struct fixture *fx, const char *const *times,
    const char *const *texts, const char *const *ks, size_t n)
{
	size_t i;

	fx->inc.timeline = pm_arena_calloc(fx->arena, n + 1,
	    sizeof(*fx->inc.timeline));
	fx->inc.ntimeline = n;
	for (i = 0; i < n; i++) {
		fx->inc.timeline[i].time = times[i];
		fx->inc.timeline[i].text = texts[i];
		fx->inc.timeline[i].kind = ks[i];
	}
}

/* n entries from 10:00, every minute (dense) or all at 10:00 (same). */
static void
make_entries(struct fixture *fx, size_t n, int same_minute)
{
	const char **times, **texts, **ks;
	size_t i, m;

	times = pm_arena_calloc(fx->arena, n + 1, sizeof(char *));
	texts = pm_arena_calloc(fx->arena, n + 1, sizeof(char *));
	ks = pm_arena_calloc(fx->arena, n + 1, sizeof(char *));
	for (i = 0; i < n; i++) {
		m = same_minute ? 600 : 600 + i;
		times[i] = pm_arena_printf(fx->arena, "%02zu:%02zu",
		    m / 60 % 24, m % 60);
		texts[i] = pm_arena_printf(fx->arena, "%zu %s", i,
		    words[i % COUNT(words)]);
		ks[i] = kinds[i % COUNT(kinds)];
	}
	set_entries(fx, times, texts, ks, n);
}

static void
fixture_free(struct fixture *fx)
{
	pm_arena_free(fx->arena);
}

static int
intersects(const struct pm_svg_box *a, const struct pm_svg_box *b)
{
	return a->x < b->x + b->w && b->x < a->x + a->w &&
	    a->y < b->y + b->h && b->y < a->y + a->h;
}

/* No two boxes meet, no text meets the axis, everything is inside. */
static void
assert_layout_clean(const struct pm_svg__layout *lay)
{
	const struct pm_svg_box *a, *b;
	size_t i, j;

	for (i = 0; i < lay->nboxes; i++) {
		a = &lay->boxes[i];
		assert_true(a->w >= 0 && a->h > 0);
		assert_true(a->x >= 0 && a->y >= 0);
		assert_true(a->x + a->w <= lay->width + 1e-9);
		assert_true(a->y + a->h <= lay->height + 1e-9);
		if (a->kind != PM_SVG_BOX_TICK ||
		    lay->layout == PM_SVG_VERTICAL)
			assert_false(intersects(a, &lay->axis));
		for (j = i + 1; j < lay->nboxes; j++) {
			b = &lay->boxes[j];
			if (intersects(a, b)) {
				print_message("boxes %zu (%d) and %zu (%d) "
				    "meet: %.1f %.1f %.1f %.1f / %.1f %.1f "
				    "%.1f %.1f\n", i, a->kind, j, b->kind,
				    a->x, a->y, a->w, a->h, b->x, b->y, b->w,
				    b->h);
				fail();
			}
		}
	}
	if (lay->layout == PM_SVG_HORIZONTAL)
		assert_true(lay->nlanes >= 1 &&
		    lay->nlanes <= PM_SVG_MAX_LANES);
}

static void
render(struct pm_buf *b, const struct pm_incident *inc,
    enum pm_svg_layout layout)
{
	struct pm_error err;

	pm_error_clear(&err);
	pm_buf_clear(b);
	assert_int_equal(pm_svg_timeline(b, inc, layout, PM_SVG_OWN_STYLE,
	    &err), 0);
	assert_false(pm_error_is_set(&err));
}

/* The sample of DESIGN.md's reader: a real postmortem's timeline. */
static const char *const sample_times[] = {
	"2023-03-07T14:30:00Z", "2023-03-07T14:42:00Z", "2023-03-07T14:47:00Z",
	"2023-03-07T15:15:00Z", "2023-03-07T16:20:00Z", "2023-03-07T17:45:00Z"
};
static const char *const sample_texts[] = {
	"p95 latency on checkout-web starts to rise; no alert yet.",
	"The latency alert fires and pages the checkout on-call engineer.",
	"On-call suspects the CDN; its status page looks normal.",
	"A SEV2 is declared and an incident commander assigned.",
	"Loyalty-points lookup disabled with a feature flag.",
	"Latency back at baseline for 15 minutes; incident resolved."
};
static const char *const sample_kinds[] = {
	"other", "detected", "misleading", "escalated", "mitigated",
	"resolved"
};

static void
sample(struct fixture *fx)
{
	fixture_init(fx);
	set_entries(fx, sample_times, sample_texts, sample_kinds, 6);
	fx->inc.start = "2023-03-07T14:30:00Z";
	fx->inc.end = "2023-03-07T17:45:00Z";
	fx->inc.time_to_detect_minutes = 12;
	fx->inc.time_to_resolve_minutes = 195;
}

static void
test_no_timeline_no_picture(void **state)
{
	static const char *const t[] = { NULL, "soon", "2024-03-05" };
	static const char *const x[] = { "a", "b", "c" };
	static const char *const k[] = { "other", "other", "other" };
	struct pm_buf b = PM_BUF_INIT;
	struct pm_svg__layout lay;
	struct fixture fx;
	struct pm_error err;

	(void)state;
	fixture_init(&fx);
	pm_error_clear(&err);
	pm_buf_puts(&b, "keep");
	assert_int_equal(pm_svg_timeline(&b, &fx.inc, PM_SVG_HORIZONTAL,
	    PM_SVG_OWN_STYLE, &err), 0);
	assert_string_equal(pm_buf_cstr(&b), "keep");
	/* Entries without a time of day are no timeline either. */
	set_entries(&fx, t, x, k, 3);
	assert_int_equal(pm_svg_timeline(&b, &fx.inc, PM_SVG_VERTICAL,
	    PM_SVG_OWN_STYLE, &err), 0);
	assert_string_equal(pm_buf_cstr(&b), "keep");
	assert_int_equal(pm_svg__timeline_layout(&lay, fx.arena, &fx.inc,
	    PM_SVG_HORIZONTAL, &err), 0);
	assert_int_equal(lay.nentries, 0);
	assert_false(pm_error_is_set(&err));
	/* An unknown layout is an error and writes nothing. */
	assert_int_equal(pm_svg_timeline(&b, &fx.inc, (enum pm_svg_layout)7,
	    PM_SVG_OWN_STYLE, &err), PM_ERROR);
	assert_true(pm_error_is_set(&err));
	assert_string_equal(pm_buf_cstr(&b), "keep");
	pm_buf_free(&b);
	fixture_free(&fx);
}

static void
test_timeline_picture(void **state)
{
	struct pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
	struct fixture fx;
	const char *s;
	size_t l;

	(void)state;
	sample(&fx);
	render(&b, &fx.inc, PM_SVG_HORIZONTAL);
	s = pm_buf_cstr(&b);
	assert_picture(s, b.len);
	assert_non_null(strstr(s, "<title id=\"pm-tl-db-outage-h-title\">"
	    "Timeline: Database outage</title>"));
	assert_non_null(strstr(s, "aria-labelledby=\"pm-tl-db-outage-h-title "
	    "pm-tl-db-outage-h-desc\""));
	assert_non_null(strstr(s, ">Timeline of 6 events from 14:30 to "
	    "17:45; detected after 12 min; resolved after 3 h 15 min."
	    "</desc>"));
	assert_int_equal(tu_count(s, "<g class=\"pm-ev pm-k-"), 6);
	assert_int_equal(tu_count(s, "<g class=\"pm-ev pm-k-detected\">"), 1);
	assert_non_null(strstr(s, ">detected after 12 min</text>"));
	assert_non_null(strstr(s, ">resolved after 3 h 15 min</text>"));
	assert_non_null(strstr(s, "<rect class=\"pm-outage\""));
	assert_non_null(strstr(s, ">Mar 7, 2023</text>"));
	assert_non_null(strstr(s, ">15:00</text>"));
	/* Every entry has its whole text as a tooltip. */
	assert_non_null(strstr(s, "<title>Mar 7 14:42 (detected): The "
	    "latency alert fires and pages the checkout on-call engineer."
	    "</title>"));

	render(&b, &fx.inc, PM_SVG_VERTICAL);
	s = pm_buf_cstr(&b);
	assert_picture(s, b.len);
	assert_non_null(strstr(s, "id=\"pm-tl-db-outage-v-title\""));
	assert_non_null(strstr(s, " viewBox=\"0 0 360 "));
	assert_int_equal(tu_count(s, "<g class=\"pm-ev pm-k-"), 6);
	assert_non_null(strstr(s, ">14:42</text>"));
	/* Deterministic: the same bytes every time. */
	for (l = 0; l < 2; l++) {
		render(&a, &fx.inc, (enum pm_svg_layout)l);
		render(&b, &fx.inc, (enum pm_svg_layout)l);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.ptr, b.ptr, a.len);
	}
	pm_buf_free(&a);
	pm_buf_free(&b);
	fixture_free(&fx);
}

static void
check_overlap(size_t n, int same_minute, enum pm_svg_layout asked)
{
	struct pm_buf b = PM_BUF_INIT;
	struct pm_svg__layout lay;
	struct fixture fx;
	struct pm_error err;
	size_t i;

	fixture_init(&fx);
	make_entries(&fx, n, same_minute);
	fx.inc.start = "09:58";
	fx.inc.end = same_minute ? "10:00" : "10:30";
	pm_error_clear(&err);
	assert_int_equal(pm_svg__timeline_layout(&lay, fx.arena, &fx.inc,
	    asked, &err), 0);
	assert_int_equal(lay.nentries, n);
	assert_layout_clean(&lay);
	if (asked == PM_SVG_VERTICAL)
		assert_int_equal(lay.layout, PM_SVG_VERTICAL);
	/* Positions follow time: in order, and equal only when equal. */
	for (i = 1; i < n; i++) {
		assert_true(lay.minutes[i] >= lay.minutes[i - 1]);
		assert_true(lay.pos[i] >= lay.pos[i - 1]);
		if (lay.layout == PM_SVG_HORIZONTAL && lay.minutes[i] ==
		    lay.minutes[i - 1])
			assert_true(lay.pos[i] == lay.pos[i - 1]);
	}
	if (!same_minute && n > 1)
		assert_int_equal(lay.minutes[n - 1] - lay.minutes[0],
		    (long)n - 1);
	/* The picture drawn is the one laid out. */
	render(&b, &fx.inc, asked);
	assert_int_equal(tu_count(pm_buf_cstr(&b), "<g class=\"pm-ev "), n);
	assert_non_null(strstr(pm_buf_cstr(&b), lay.layout ==
	    PM_SVG_HORIZONTAL ? " viewBox=\"0 0 920 " :
	    " viewBox=\"0 0 360 "));
	if (n <= 100)
		assert_picture(pm_buf_cstr(&b), b.len);
	pm_buf_free(&b);
	fixture_free(&fx);
}

/* What svg_num wrote before it was written by hand, as the oracle. */
static void
num_oracle(char *out, size_t size, double v)
{
	long long r;

	if (!isfinite(v))
		v = 0;
	v = v > 1e15 ? 1e15 : v < -1e15 ? -1e15 : v;
	r = llround(v * 10);
	if (r % 10 == 0)
		snprintf(out, size, "%lld", r / 10);
	else
		snprintf(out, size, "%s%lld.%lld", r < 0 ? "-" : "",
		    llabs(r) / 10, llabs(r) % 10);
}

/* Numbers come out as snprintf wrote them: one decimal at most, none
 * when it is 0, a sign only below zero, clamped, 0 for NaN. */
static void
test_numbers(void **state)
{
	static const double fixed[] = { 0, -0.0, 0.04, 0.05, -0.04, -0.05,
		0.5, -0.5, 1, -1, 12.5, -3.25, 99.96, 1234567.89, 1e15,
		-1e15, 1e20, -1e20, 1e-300 };
	unsigned long seed = 99;
	struct pm_buf b = PM_BUF_INIT;
	char want[64];
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(fixed) + 20000; i++) {
		double v;

		if (i < COUNT(fixed)) {
			v = fixed[i];
		} else {
			seed = seed * 6364136223846793005UL +
			    1442695040888963407UL;
			v = ((double)(seed >> 11) / 9007199254740992.0 - 0.5) *
			    (i % 2 ? 2000.0 : 2e9);
		}
		num_oracle(want, sizeof(want), v);
		pm_buf_clear(&b);
		svg_num(&b, v);
		assert_string_equal(pm_buf_cstr(&b), want);
	}
	pm_buf_clear(&b);
	svg_num(&b, NAN);
	svg_num_attr(&b, "x", -7.25);
	svg_num(&b, -INFINITY);
	assert_string_equal(pm_buf_cstr(&b), "0 x=\"-7.3\"0");
	pm_buf_free(&b);
}

static void
test_labels_never_overlap(void **state)
{
	static const size_t sizes[] = { 1, 2, 3, 10, 30, 100, 1000 };
	size_t i;

	(void)state;
	for (i = 0; i < COUNT(sizes); i++) {
		check_overlap(sizes[i], 0, PM_SVG_HORIZONTAL);
		check_overlap(sizes[i], 1, PM_SVG_HORIZONTAL);
		check_overlap(sizes[i], 0, PM_SVG_VERTICAL);
		check_overlap(sizes[i], 1, PM_SVG_VERTICAL);
	}
}

/* Random timelines (a fixed seed): mixed formats, out of order, any
 * widths, with and without an outage window; always clean. */
static void
test_random_timelines(void **state)
{
	static const char *const bounds[] = {
		NULL, "08:00", "2024-02-28T23:00:00Z",
		"2024-03-01T01:00:00+01:00"
	};
	unsigned long seed = 12345;
	struct pm_svg__layout lay;
	struct pm_buf b = PM_BUF_INIT;
	struct fixture fx;
	struct pm_error err;
	const char **t, **x, **k;
	size_t round, i, n;
	unsigned long r;

	(void)state;
	pm_error_clear(&err);
	for (round = 0; round < 200; round++) {
		fixture_init(&fx);
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		n = 1 + (seed >> 33) % 60;
		t = pm_arena_calloc(fx.arena, n, sizeof(char *));
		x = pm_arena_calloc(fx.arena, n, sizeof(char *));
		k = pm_arena_calloc(fx.arena, n, sizeof(char *));
		for (i = 0; i < n; i++) {
			seed = seed * 6364136223846793005UL +
			    1442695040888963407UL;
			r = seed >> 20;
			t[i] = r % 3 == 0 ? pm_arena_printf(fx.arena,
			    "2024-02-%02luT%02lu:%02lu:00Z", 27 + r / 3 % 3,
			    r / 9 % 24, r / 7 % 60) : pm_arena_printf(
			    fx.arena, "%02lu:%02lu", r / 11 % 24, r / 13 % 60);
			x[i] = words[r / 17 % COUNT(words)];
			k[i] = kinds[r / 19 % COUNT(kinds)];
		}
		set_entries(&fx, t, x, k, n);
		fx.inc.start = bounds[round % COUNT(bounds)];
		fx.inc.end = bounds[(round / 4) % COUNT(bounds)];
		assert_int_equal(pm_svg__timeline_layout(&lay, fx.arena,
		    &fx.inc, (enum pm_svg_layout)(round % 2), &err), 0);
		assert_int_equal(lay.nentries, n);
		assert_layout_clean(&lay);
		if (round % 20 == 0) {
			render(&b, &fx.inc, (enum pm_svg_layout)(round % 2));
			assert_picture(pm_buf_cstr(&b), b.len);
		}
		fixture_free(&fx);
	}
	pm_buf_free(&b);
}

static void
test_dense_falls_back_to_vertical(void **state)
{
	struct pm_svg__layout lay;
	struct fixture fx;
	struct pm_error err;

	(void)state;
	pm_error_clear(&err);
	fixture_init(&fx);
	make_entries(&fx, 3, 0);
	assert_int_equal(pm_svg__timeline_layout(&lay, fx.arena, &fx.inc,
	    PM_SVG_HORIZONTAL, &err), 0);
	assert_int_equal(lay.layout, PM_SVG_HORIZONTAL);
	assert_true(lay.nlanes >= 2);	/* a minute apart: no room */
	make_entries(&fx, PM_SVG_MAX_LANES + 1, 1);
	assert_int_equal(pm_svg__timeline_layout(&lay, fx.arena, &fx.inc,
	    PM_SVG_HORIZONTAL, &err), 0);
	assert_int_equal(lay.layout, PM_SVG_VERTICAL);
	make_entries(&fx, PM_SVG_MAX_LANES, 1);
	assert_int_equal(pm_svg__timeline_layout(&lay, fx.arena, &fx.inc,
	    PM_SVG_HORIZONTAL, &err), 0);
	assert_int_equal(lay.layout, PM_SVG_HORIZONTAL);
	assert_int_equal(lay.nlanes, PM_SVG_MAX_LANES);
	fixture_free(&fx);
}

static void
test_crossing_midnight(void **state)
{
	static const char *const t[] = { "23:50", "23:58", "00:05", "00:20" };
	static const char *const x[] = {
		"Batch job starts", "Lag alert", "Network suspected",
		"Resolved"
	};
	static const char *const k[] = {
		"other", "detected", "misleading", "resolved"
	};
	static const long want[] = { 0, 8, 15, 30 };
	struct pm_buf b = PM_BUF_INIT;
	struct pm_svg__layout lay;
	struct fixture fx;
	struct pm_error err;
	const char *s;
	size_t i;

	(void)state;
	pm_error_clear(&err);
	fixture_init(&fx);
	set_entries(&fx, t, x, k, 4);
	assert_int_equal(pm_svg__timeline_layout(&lay, fx.arena, &fx.inc,
	    PM_SVG_HORIZONTAL, &err), 0);
	assert_int_equal(lay.layout, PM_SVG_HORIZONTAL);
	for (i = 0; i < 4; i++)
		assert_int_equal(lay.minutes[i], want[i]);
	for (i = 1; i < 4; i++)
		assert_true(lay.pos[i] > lay.pos[i - 1]);
	assert_layout_clean(&lay);
	render(&b, &fx.inc, PM_SVG_HORIZONTAL);
	s = pm_buf_cstr(&b);
	assert_picture(s, b.len);
	assert_non_null(strstr(s, ">23:55</text>"));
	assert_non_null(strstr(s, ">00:00</text>"));
	assert_non_null(strstr(s, ">day 2</text>"));
	assert_non_null(strstr(s, "from 23:50 to 00:20 the next day"));
	/* No start: the time to resolve comes from nowhere, none drawn. */
	assert_null(strstr(s, "resolved after"));
	render(&b, &fx.inc, PM_SVG_VERTICAL);
	assert_non_null(strstr(pm_buf_cstr(&b), ">day 2</text>"));
	pm_buf_free(&b);
	fixture_free(&fx);
}

static void
test_multiday_iso(void **state)
{
	static const char *const t[] = {
		"2024-03-05T22:10:00-05:00", "2024-03-06T04:00:00Z",
		"2024-03-06T09:00:00-05:00", "23:30", "01:30"
	};
	static const char *const x[] = {
		"Pager fires", "Failover tried (UTC entry)", "Vendor engaged",
		"Patch deployed", "All clear"
	};
	static const char *const k[] = {
		"detected", "misleading", "escalated", "mitigated", "resolved"
	};
	static const long want[] = { 10, 60, 660, 1530, 1650 };
	struct pm_buf b = PM_BUF_INIT;
	struct pm_svg__layout lay;
	struct fixture fx;
	struct pm_error err;
	const char *s;
	size_t i;

	(void)state;
	pm_error_clear(&err);
	fixture_init(&fx);
	set_entries(&fx, t, x, k, 5);
	fx.inc.start = "2024-03-05T22:00:00-05:00";
	fx.inc.end = "2024-03-07T01:30:00-05:00";
	assert_int_equal(pm_svg__timeline_layout(&lay, fx.arena, &fx.inc,
	    PM_SVG_HORIZONTAL, &err), 0);
	for (i = 0; i < 5; i++)
		assert_int_equal(lay.minutes[i], want[i]);
	for (i = 1; i < 5; i++)
		assert_true(lay.pos[i] > lay.pos[i - 1]);
	assert_layout_clean(&lay);
	render(&b, &fx.inc, PM_SVG_HORIZONTAL);
	s = pm_buf_cstr(&b);
	assert_picture(s, b.len);
	assert_non_null(strstr(s, ">Mar 6, 2024</text>"));
	assert_non_null(strstr(s, ">Mar 7</text>"));
	assert_non_null(strstr(s, ">03:00</text>"));
	/* Spans computed from the entries when the record has none. */
	assert_non_null(strstr(s, "from Mar 5 22:10 to Mar 7 01:30; detected "
	    "after 10 min; resolved after 1 d 3 h 30 min.</desc>"));
	render(&b, &fx.inc, PM_SVG_VERTICAL);
	s = pm_buf_cstr(&b);
	assert_picture(s, b.len);
	assert_non_null(strstr(s, ">Mar 5, 2024</text>"));
	assert_non_null(strstr(s, ">Mar 6</text>"));
	assert_non_null(strstr(s, ">Mar 7</text>"));
	pm_buf_free(&b);
	fixture_free(&fx);
}

static void
test_long_labels(void **state)
{
	static const char *const t[] = { "10:00", "14:00" };
	static const char *const k[] = { "detected", "resolved" };
	const char *x[2];
	struct pm_buf b = PM_BUF_INIT;
	struct fixture fx;
	const char *s, *p;

	(void)state;
	fixture_init(&fx);
	x[0] = "The on-call engineer noticed that the checkout service was "
	    "returning errors to one customer in ten and paged the team";
	x[1] = "Short";
	set_entries(&fx, t, x, k, 2);
	render(&b, &fx.inc, PM_SVG_HORIZONTAL);
	s = pm_buf_cstr(&b);
	assert_picture(s, b.len);
	/* Cut with an ellipsis on a word boundary, whole in the title. */
	assert_non_null(strstr(s, ">The on-call engineer noticed that the"
	    "\xe2\x80\xa6</text>"));
	assert_non_null(strstr(s, "paged the team</title>"));
	assert_non_null(strstr(s, ">Short</text>"));
	/* The vertical layout wraps the whole text over several lines. */
	render(&b, &fx.inc, PM_SVG_VERTICAL);
	s = pm_buf_cstr(&b);
	assert_picture(s, b.len);
	assert_true(tu_count(s, "<tspan") >= 4);
	p = strstr(s, ">The on-call engineer noticed that the</tspan>");
	assert_non_null(p);
	assert_non_null(strstr(p, ">team</tspan>"));
	pm_buf_free(&b);
	fixture_free(&fx);
}

static void
test_hostile_text(void **state)
{
	static const char *const t[] = { "10:00", "10:05" };
	static const char *const x[] = {
		"</text><script>alert(1)</script>",
		"\"quoted' & <b>bold</b> \xff\xfe broken \x01 bytes"
	};
	static const char *const k[] = { "\"><script>", "detected" };
	struct pm_buf b = PM_BUF_INIT;
	struct fixture fx;
	const char *s;
	size_t l;

	(void)state;
	fixture_init(&fx);
	set_entries(&fx, t, x, k, 2);
	fx.inc.title = "<svg onload=alert(1)> \"A&B\"";
	fx.inc.slug = "x\" onload=\"alert(1)";
	for (l = 0; l < 2; l++) {
		render(&b, &fx.inc, (enum pm_svg_layout)l);
		s = pm_buf_cstr(&b);
		assert_picture(s, b.len);
		assert_null(strstr(s, "\" onload"));
		assert_null(strstr(s, "<svg onload"));
		assert_null(strstr(s, "<b>"));
		assert_non_null(strstr(s, "&lt;/text&gt;&lt;script&gt;alert(1)"
		    "&lt;/script&gt;"));
		assert_non_null(strstr(s,
		    "&quot;quoted&apos; &amp; &lt;b&gt;"));
		assert_non_null(strstr(s, "\xef\xbf\xbd"));
		assert_non_null(strstr(s, "Timeline: &lt;svg onload=alert(1)"
		    "&gt; &quot;A&amp;B&quot;"));
		/* An unknown kind is drawn as "other", never echoed. */
		assert_non_null(strstr(s, "pm-ev pm-k-other"));
		assert_non_null(strstr(s, "id=\"pm-tl-xonloadalert1-"));
	}
	pm_buf_free(&b);
	fixture_free(&fx);
}

static void
test_ten_thousand_entries(void **state)
{
	struct pm_buf b = PM_BUF_INIT;
	struct fixture fx;
	const char *s;

	(void)state;
	fixture_init(&fx);
	make_entries(&fx, 10000, 0);
	render(&b, &fx.inc, PM_SVG_HORIZONTAL);
	s = pm_buf_cstr(&b);
	assert_int_equal(tu_count(s, "<g class=\"pm-ev "), 10000);
	assert_non_null(strstr(s, " viewBox=\"0 0 360 "));
	assert_non_null(strstr(s, "Shown one event per row"));
	assert_picture(s, b.len);
	pm_buf_free(&b);
	fixture_free(&fx);
}

static void
test_text_width(void **state)
{
	(void)state;
	assert_true(pm_svg__text_width("", 0, 13) == 0);
	assert_true(pm_svg__text_width("iiii", 4, 13) <
	    pm_svg__text_width("MMMM", 4, 13));
	/* 'a' is 556/1000 em, plus the 15% margin. */
	assert_true(pm_svg__text_width("a", 1, 1000) > 639.3 &&
	    pm_svg__text_width("a", 1, 1000) < 639.5);
	assert_true(pm_svg__text_width("ab", 2, 26) ==
	    2 * pm_svg__text_width("ab", 2, 13));
	/* Wide scripts count a full em per character. */
	assert_true(pm_svg__text_width("\xe9\x9a\x9c", 3, 10) > 11.4);
}

/* Charts. */

static const char *const months[] = {
	"2024-01", "2024-02", "2024-03", "2024-04", "2024-05", "2024-06"
};
static const char *const causes[] = {
	"Database", "Deployment <change>", "Network & DNS"
};

static void
test_chart_stacked(void **state)
{
	static const double v[] = {
		1, 0, 2,  0, 0, 0,  3, 1, 0,  1, 1, 1,  0, 2, 0,  4, 0, 1
	};
	struct pm_svg_series s = {
		months, 6, causes, 3, v, PM_SVG_COUNT, "incident",
		"incidents", "per-month"
	};
	struct pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
	struct pm_error err;
	const char *p;

	(void)state;
	pm_error_clear(&err);
	assert_int_equal(pm_svg_chart_stacked(&a, &s, "Incidents per month",
	    NULL, &err), 0);
	p = pm_buf_cstr(&a);
	assert_picture(p, a.len);
	assert_non_null(strstr(p, "id=\"per-month-title\">Incidents per "
	    "month</title>"));
	assert_non_null(strstr(p, ">Stacked columns of 6 categories by 3 "
	    "series.</desc>"));
	/* One tooltip per non-zero segment, with unit words. */
	assert_int_equal(tu_count(p, " pm-seg\""), 10);
	assert_int_equal(tu_count(p, "<rect class=\"pm-b"), 13);
	assert_non_null(strstr(p, "<title>2024-03 \xc2\xb7 Database: 3 "
	    "incidents</title>"));
	assert_non_null(strstr(p, "<title>2024-03 \xc2\xb7 Deployment "
	    "&lt;change&gt;: 1 incident</title>"));
	assert_non_null(strstr(p, ">Network &amp; DNS</text>"));
	assert_non_null(strstr(p, ">2024-06</text>"));
	assert_non_null(strstr(p, ">5</text>"));	/* a column total */
	assert_int_equal(pm_svg_chart_stacked(&b, &s, "Incidents per month",
	    NULL, &err), 0);
	assert_string_equal(pm_buf_cstr(&a), pm_buf_cstr(&b));
	pm_buf_free(&a);
	pm_buf_free(&b);
}

static void
test_chart_stacked_many_categories(void **state)
{
	const char *cats[120];
	double v[120];
	char names[120][16];
	struct pm_svg_series s;
	struct pm_buf b = PM_BUF_INIT;
	struct pm_error err;
	size_t i;

	(void)state;
	for (i = 0; i < 120; i++) {
		snprintf(names[i], sizeof(names[i]), "%04zu-%02zu",
		    2015 + i / 12, i % 12 + 1);
		cats[i] = names[i];
		v[i] = (double)(i % 7);
	}
	memset(&s, 0, sizeof(s));
	s.categories = cats, s.ncategories = 120;
	s.nseries = 1, s.values = v;
	pm_error_clear(&err);
	assert_int_equal(pm_svg_chart_stacked(&b, &s, "Ten years", "Counts",
	    &err), 0);
	assert_picture(pm_buf_cstr(&b), b.len);
	/* Labels are thinned out to fit: far fewer than 120. */
	assert_true(tu_count(pm_buf_cstr(&b), "\">20") < 40);
	assert_true(tu_count(pm_buf_cstr(&b), "\">20") >= 10);
	assert_non_null(strstr(pm_buf_cstr(&b), ">2015-01</text>"));
	pm_buf_free(&b);
}

static void
test_chart_bars(void **state)
{
	static const double v[] = { 200, 45, 1505 };
	struct pm_svg_series s = {
		causes, 3, NULL, 1, v, PM_SVG_MINUTES, NULL, NULL, "downtime"
	};
	struct pm_buf b = PM_BUF_INIT;
	struct pm_error err;
	const char *p;

	(void)state;
	pm_error_clear(&err);
	assert_int_equal(pm_svg_chart_bars(&b, &s, "Downtime by cause",
	    "Hours of downtime for each cause.", &err), 0);
	p = pm_buf_cstr(&b);
	assert_picture(p, b.len);
	assert_non_null(strstr(p, ">3 h 20 min</text>"));
	assert_non_null(strstr(p, ">45 min</text>"));
	assert_non_null(strstr(p, ">1 d 1 h 5 min</text>"));
	assert_non_null(strstr(p, "<title>Database: 3 h 20 min</title>"));
	assert_non_null(strstr(p, ">Hours of downtime for each cause."
	    "</desc>"));
	assert_int_equal(tu_count(p, "<rect class=\"pm-b1 pm-seg\""), 3);
	pm_buf_free(&b);
}

static void
test_chart_dots(void **state)
{
	static const char *const dates[] = {
		"2023-06-01", "not a date", "2024-01-02T10:00:00-05:00",
		"2024-01-03", "2024-10-22"
	};
	static const char *const titles[] = {
		"Pool exhausted", "Lost", "Pool <again>", "Pool, third time",
		"Slow disk"
	};
	static const long minutes[] = { 95, 10, 240, PM_UNKNOWN, 600 };
	struct pm_svg_dots d = { dates, titles, minutes, 5, "recur" };
	struct pm_buf b = PM_BUF_INIT;
	struct pm_error err;
	const char *p;

	(void)state;
	pm_error_clear(&err);
	assert_int_equal(pm_svg_chart_dots(&b, &d, "Connection pool", NULL,
	    &err), 0);
	p = pm_buf_cstr(&b);
	assert_picture(p, b.len);
	assert_int_equal(tu_count(p, "<circle class=\"pm-dot"), 4);
	assert_null(strstr(p, "Lost"));
	assert_non_null(strstr(p, "<title>Pool &lt;again&gt; \xe2\x80\x94 "
	    "Jan 2, 2024, 4 h</title>"));
	assert_non_null(strstr(p, "<title>Pool, third time \xe2\x80\x94 "
	    "Jan 3, 2024</title>"));
	assert_non_null(strstr(p, ">4 incidents from Jun 1, 2023 to Oct 22, "
	    "2024.</desc>"));
	assert_non_null(strstr(p, ">Jan 2024</text>"));
	pm_buf_free(&b);
}

static void
test_chart_empty_and_errors(void **state)
{
	static const double zeros[] = { 0, 0 };
	static const char *const bad[] = { "never", NULL };
	struct pm_svg_series none = { NULL, 0, NULL, 0, NULL, PM_SVG_COUNT,
		NULL, NULL, NULL };
	struct pm_svg_series zero = { months, 2, NULL, 1, zeros,
		PM_SVG_COUNT, NULL, NULL, NULL };
	struct pm_svg_series broken = { months, 2, NULL, 2, zeros,
		PM_SVG_COUNT, NULL, NULL, NULL };
	struct pm_svg_dots dots = { bad, bad, NULL, 2, NULL };
	struct pm_buf b = PM_BUF_INIT;
	struct pm_error err;

	(void)state;
	pm_error_clear(&err);
	assert_int_equal(pm_svg_chart_stacked(&b, &none, "Empty", NULL, &err),
	    0);
	assert_picture(pm_buf_cstr(&b), b.len);
	assert_non_null(strstr(pm_buf_cstr(&b), ">No data</text>"));
	pm_buf_clear(&b);
	assert_int_equal(pm_svg_chart_bars(&b, &zero, "Zeros", NULL, &err),
	    0);
	assert_non_null(strstr(pm_buf_cstr(&b), ">No data</text>"));
	pm_buf_clear(&b);
	assert_int_equal(pm_svg_chart_dots(&b, &dots, "Unreadable", NULL,
	    &err), 0);
	assert_non_null(strstr(pm_buf_cstr(&b), ">No data</text>"));
	assert_picture(pm_buf_cstr(&b), b.len);
	assert_false(pm_error_is_set(&err));
	/* Two series without names: an error, nothing written. */
	pm_buf_clear(&b);
	assert_int_equal(pm_svg_chart_stacked(&b, &broken, "Broken", NULL,
	    &err), PM_ERROR);
	assert_true(pm_error_is_set(&err));
	assert_int_equal(b.len, 0);
	pm_error_clear(&err);
	assert_int_equal(pm_svg_chart_bars(&b, NULL, "Nothing", NULL, &err),
	    PM_ERROR);
	assert_int_equal(b.len, 0);
	pm_buf_free(&b);
}

/*
 * Every class of picture pic has a rule in the style sheet of sheet (the
 * text of a picture whose <style> is the one that applies): ".pm-svg{"
 * for the root and ".pm-svg .X{" for the others.  pm-ev has none: it is
 * a hook for themes.
 */
static void
assert_styled(const char *pic, const char *sheet)
{
	const char *p = pic, *from, *to, *end, *hit;
	char cls[64], rule[80];
	size_t n;

	from = strstr(sheet, "<style>");
	to = strstr(sheet, "</style>");
	assert_true(from != NULL && to != NULL && from < to);
	while ((p = strstr(p, "class=\"")) != NULL) {
		p += 7;
		end = strchr(p, '"');
		assert_non_null(end);
		while (p < end) {
			n = strcspn(p, " \"");
			assert_true(n > 0 && n < sizeof(cls));
			memcpy(cls, p, n);
			cls[n] = '\0';
			p += n + (p[n] == ' ');
			if (strcmp(cls, "pm-ev") == 0)
				continue;
			if (strcmp(cls, "pm-svg") == 0)
				snprintf(rule, sizeof(rule), ".pm-svg{");
			else
				snprintf(rule, sizeof(rule), ".pm-svg .%s{",
				    cls);
			hit = strstr(from, rule);
			if (hit == NULL || hit > to)
				fail_msg("no rule %s for class %s", rule,
				    cls);
		}
	}
}

/*
 * A picture carries the rules it draws with and no others, and the
 * second timeline of a page none, yet is styled by the first: the
 * vertical layout uses classes the horizontal one may not (pm-halo on
 * its brackets' labels).
 */
static void
test_each_picture_styles_what_it_draws(void **state)
{
	static const double v[] = { 1, 0, 2, 3, 1, 0 };
	static const char *const dates[] = { "2023-06-01", "2024-01-02" };
	static const char *const titles[] = { "First", "Second" };
	static const long minutes[] = { 95, 240 };
	struct pm_svg_series series = {
		months, 2, causes, 3, v, PM_SVG_COUNT, NULL, NULL, "c"
	};
	struct pm_svg_series none = { NULL, 0, NULL, 0, NULL, PM_SVG_COUNT,
		NULL, NULL, NULL };
	struct pm_svg_dots d = { dates, titles, minutes, 2, "d" };
	struct pm_buf h = PM_BUF_INIT, b = PM_BUF_INIT;
	struct pm_error err;
	struct fixture fx;
	size_t k;

	(void)state;
	pm_error_clear(&err);
	sample(&fx);
	for (k = 0; k < COUNT(kinds); k++)
		fx.inc.timeline[k % fx.inc.ntimeline].kind = kinds[k];
	render(&h, &fx.inc, PM_SVG_HORIZONTAL);
	assert_styled(pm_buf_cstr(&h), pm_buf_cstr(&h));
	assert_null(strstr(pm_buf_cstr(&h), "pm-b1"));
	render(&b, &fx.inc, PM_SVG_VERTICAL);
	assert_styled(pm_buf_cstr(&b), pm_buf_cstr(&b));
	pm_buf_clear(&b);
	assert_int_equal(pm_svg_timeline(&b, &fx.inc, PM_SVG_VERTICAL,
	    PM_SVG_PAGE_STYLE, &err), 0);
	assert_picture(pm_buf_cstr(&b), b.len);
	assert_null(strstr(pm_buf_cstr(&b), "<style"));
	assert_styled(pm_buf_cstr(&b), pm_buf_cstr(&h));

	pm_buf_clear(&b);
	assert_int_equal(pm_svg_chart_stacked(&b, &series, "S", NULL, &err),
	    0);
	assert_styled(pm_buf_cstr(&b), pm_buf_cstr(&b));
	assert_null(strstr(pm_buf_cstr(&b), "pm-k-"));
	pm_buf_clear(&b);
	assert_int_equal(pm_svg_chart_bars(&b, &series, "B", NULL, &err), 0);
	assert_styled(pm_buf_cstr(&b), pm_buf_cstr(&b));
	pm_buf_clear(&b);
	assert_int_equal(pm_svg_chart_dots(&b, &d, "D", NULL, &err), 0);
	assert_styled(pm_buf_cstr(&b), pm_buf_cstr(&b));
	pm_buf_clear(&b);
	assert_int_equal(pm_svg_chart_stacked(&b, &none, "N", NULL, &err), 0);
	assert_styled(pm_buf_cstr(&b), pm_buf_cstr(&b));
	assert_false(pm_error_is_set(&err));
	pm_buf_free(&h);
	pm_buf_free(&b);
	fixture_free(&fx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_timeline_no_picture),
		cmocka_unit_test(test_timeline_picture),
		cmocka_unit_test(test_labels_never_overlap),
		cmocka_unit_test(test_random_timelines),
		cmocka_unit_test(test_dense_falls_back_to_vertical),
		cmocka_unit_test(test_crossing_midnight),
		cmocka_unit_test(test_multiday_iso),
		cmocka_unit_test(test_long_labels),
		cmocka_unit_test(test_hostile_text),
		cmocka_unit_test(test_ten_thousand_entries),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_chart_stacked),
		cmocka_unit_test(test_each_picture_styles_what_it_draws),
		cmocka_unit_test(test_chart_stacked_many_categories),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_chart_bars),
		cmocka_unit_test(test_chart_dots),
		cmocka_unit_test(test_chart_empty_and_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
