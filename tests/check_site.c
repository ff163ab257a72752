/*
 * check_site.c: unit tests of the knowledge base (generator/site.h): the
 * published order of incidents, the refusal of duplicate slugs, lookups
 * by slug, related incidents, repeats and recurrences, figures with
 * unknowns, this year against last, the incidents of each cause, and the
 * grouping of misleading first guesses.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "site.h"

struct fx {
	struct pm_arena *arena;
	struct pm_config cfg;
	struct pm_site site;
	struct pm_warnings warnings;
	struct pm_error err;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	fx->arena = pm_arena_new();
	pm_config_defaults(&fx->cfg);
	pm_site_init(&fx->site, fx->arena, &fx->cfg);
	pm_error_clear(&fx->err);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	pm_warnings_free(&fx->warnings);
	pm_arena_free(fx->arena);
	free(fx);
	return 0;
}

static struct pm_incident *
add(struct fx *fx, const char *slug, const char *path, const char *date)
{
	struct pm_incident *inc = pm_arena_alloc(fx->arena, sizeof(*inc));

	pm_incident_init(inc);
	inc->slug = slug;
	inc->path = path;
	inc->date = date;
	pm_site_add(&fx->site, inc);
	return inc;
}

/* The slugs in site order, joined by spaces. */
static char *
order(struct fx *fx)
{
	struct pm_buf b = PM_BUF_INIT;
	char *s;

	for (size_t i = 0; i < fx->site.len; i++)
		pm_buf_printf(&b, "%s%s", i ? " " : "",
		    fx->site.incidents[i]->slug);
	s = pm_arena_strdup(fx->arena, pm_buf_cstr(&b));
	pm_buf_free(&b);
	return s;
}

static void
test_init(void **state)
{
	struct fx *fx = *state;

	assert_ptr_equal(fx->site.config, &fx->cfg);
	assert_ptr_equal(fx->site.arena, fx->arena);
	assert_int_equal(fx->site.len, 0);
	assert_string_equal(fx->site.commit, "");
	/* An empty site is fine. */
	assert_int_equal(pm_site_finish(&fx->site, &fx->warnings, &fx->err),
	    0);
	assert_int_equal(fx->warnings.len, 0);
}

static void
test_newest_first(void **state)
{
	struct fx *fx = *state;

	add(fx, "undated-z", "u/z.md", NULL);
	add(fx, "mid-b", "b.md", "2024-03-05");
	add(fx, "oldest", "o.md", "2023-12-31");
	add(fx, "undated-a", "u/a.md", NULL);
	add(fx, "newest", "n.md", "2024-05-01");
	add(fx, "mid-a", "a.md", "2024-03-05");
	add(fx, "mid-timed", "t.md", "2024-03-05T10:00:00-05:00");
	assert_int_equal(pm_site_finish(&fx->site, &fx->warnings, &fx->err),
	    0);
	/* Dates descending, ties by slug ascending, undated last by slug. */
	assert_string_equal(order(fx), "newest mid-timed mid-a mid-b oldest "
	    "undated-a undated-z");
	assert_false(pm_error_is_set(&fx->err));
	assert_int_equal(fx->warnings.len, 0);
}

/* The order depends on nothing but the data: any insertion order gives
 * the same result. */
static void
test_order_total(void **state)
{
	struct fx *fx = *state;
	static const char *const slugs[] = { "e", "d", "c", "b", "a" };
	static const char *const dates[] = {
		"2024-01-01", NULL, "2024-01-01", "2022-06-01", NULL,
	};
	char *first = NULL;

	for (int rot = 0; rot < 5; rot++) {
		pm_site_init(&fx->site, fx->arena, &fx->cfg);
		for (int i = 0; i < 5; i++) {
			int k = (i + rot) % 5;

			add(fx, slugs[k], slugs[k], dates[k]);
		}
		assert_int_equal(pm_site_finish(&fx->site, &fx->warnings,
		    &fx->err), 0);
		if (first == NULL)
			first = order(fx);
		assert_string_equal(order(fx), first);
	}
	assert_string_equal(first, "c e b a d");
}

/* Past the first allocation: every incident is kept. */
static void
test_many(void **state)
{
	struct fx *fx = *state;
	char *slug, *date;
	int i;

	for (i = 0; i < 300; i++) {
		slug = pm_arena_printf(fx->arena, "i%03d", i);
		date = pm_arena_printf(fx->arena, "2020-01-01T00:%02d:%02d",
		    i / 60, i % 60);
		add(fx, slug, slug, date);
	}
	assert_int_equal(fx->site.len, 300);
	assert_int_equal(pm_site_finish(&fx->site, &fx->warnings, &fx->err),
	    0);
	for (i = 0; i < 300; i++)
		assert_string_equal(fx->site.incidents[i]->slug,
		    pm_arena_printf(fx->arena, "i%03d", 299 - i));
}

static void
test_duplicate_slug(void **state)
{
	struct fx *fx = *state;
	char msg[1024];

	add(fx, "ok", "pm/ok.md", "2024-01-01");
	add(fx, "db-outage", "pm/2024/db-outage.md", "2024-03-05");
	add(fx, "db-outage", "pm/2023/db-outage.md", "2023-03-05");
	assert_int_equal(pm_site_finish(&fx->site, &fx->warnings, &fx->err),
	    PM_ERROR);
	pm_error_format(msg, sizeof(msg), &fx->err);
	assert_string_equal(msg, "pm/2024/db-outage.md: slug 'db-outage' is "
	    "also the slug of pm/2023/db-outage.md (set 'slug' in the front "
	    "matter of one)");
	assert_int_equal(fx->warnings.len, 1);
	assert_string_equal(fx->warnings.lines[0], "pm/2024/db-outage.md: "
	    "warning: slug 'db-outage' is also the slug of "
	    "pm/2023/db-outage.md");
	/* The order is still made, for whatever reports come next. */
	assert_int_equal(fx->site.len, 3);
	assert_string_equal(fx->site.incidents[0]->path,
	    "pm/2024/db-outage.md");
	assert_string_equal(fx->site.incidents[1]->slug, "ok");
	assert_string_equal(fx->site.incidents[2]->path,
	    "pm/2023/db-outage.md");
}

/* Three with one slug and two with another: one warning per clash, the
 * error names the first clash. */
static void
test_duplicate_many(void **state)
{
	struct fx *fx = *state;

	add(fx, "y", "d.md", NULL);
	add(fx, "x", "c.md", NULL);
	add(fx, "x", "a.md", NULL);
	add(fx, "y", "e.md", NULL);
	add(fx, "x", "b.md", NULL);
	add(fx, "z", "z.md", NULL);
	assert_int_equal(pm_site_finish(&fx->site, &fx->warnings, &fx->err),
	    PM_ERROR);
	assert_string_equal(fx->err.file, "b.md");
	assert_string_equal(fx->err.message, "slug 'x' is also the slug of "
	    "a.md (set 'slug' in the front matter of one)");
	assert_int_equal(fx->warnings.len, 3);
	assert_string_equal(fx->warnings.lines[0],
	    "b.md: warning: slug 'x' is also the slug of a.md");
	assert_string_equal(fx->warnings.lines[1],
	    "c.md: warning: slug 'x' is also the slug of b.md");
	assert_string_equal(fx->warnings.lines[2],
	    "e.md: warning: slug 'y' is also the slug of d.md");
}

/* An error already set is not replaced (the first error wins). */
static void
test_duplicate_keeps_earlier_error(void **state)
{
	struct fx *fx = *state;

	pm_error_set(&fx->err, PM_ERROR, "earlier.md", 3, 1, "first");
	add(fx, "x", "a.md", NULL);
	add(fx, "x", "b.md", NULL);
	assert_int_equal(pm_site_finish(&fx->site, &fx->warnings, &fx->err),
	    PM_ERROR);
	assert_string_equal(fx->err.file, "earlier.md");
	assert_string_equal(fx->err.message, "first");
	assert_int_equal(fx->warnings.len, 1);
}

/* An incident with a cause, services and tags ("a,b"; NULL for none). */
static struct pm_incident *
mk(struct fx *fx, const char *slug, const char *date, const char *category,
    const char *services, const char *tags)
{
	struct pm_incident *inc = add(fx, slug, pm_arena_printf(fx->arena,
	    "%s.md", slug), date);
	const char *lists[2] = { services, tags };
	struct pm_strlist *into[2] = { &inc->services, &inc->tags };

	inc->category = category;
	for (int k = 0; k < 2; k++) {
		char *copy, *tok, *save = NULL;

		if (lists[k] == NULL)
			continue;
		copy = pm_arena_strdup(fx->arena, lists[k]);
		for (tok = strtok_r(copy, ",", &save); tok;
		    tok = strtok_r(NULL, ",", &save))
			pm_strlist_push(into[k], fx->arena, tok);
	}
	return inc;
}

static void
finish(struct fx *fx)
{
	assert_int_equal(pm_site_finish(&fx->site, &fx->warnings, &fx->err),
	    0);
}

static const char *
joined(struct fx *fx, const struct pm_strlist *l)
{
	struct pm_buf b = PM_BUF_INIT;
	const char *s;

	for (size_t i = 0; i < l->len; i++)
		pm_buf_printf(&b, "%s%s", i ? " " : "", l->items[i]);
	s = pm_arena_strdup(fx->arena, pm_buf_cstr(&b));
	pm_buf_free(&b);
	return s;
}

static const char *
related_of(struct fx *fx, const char *slug)
{
	struct pm_incident *inc = pm_site_find(&fx->site, slug);

	assert_non_null(inc);
	return joined(fx, &inc->related);
}

static void
test_find_by_slug(void **state)
{
	struct fx *fx = *state;

	add(fx, "b", "b.md", "2024-01-01");
	add(fx, "a", "a.md", "2023-01-01");
	add(fx, "c", "c.md", "2025-01-01");
	/* Before finish there is no index. */
	assert_null(pm_site_find(&fx->site, "a"));
	finish(fx);
	assert_int_equal(pm_site_position(&fx->site, "c"), 0);
	assert_int_equal(pm_site_position(&fx->site, "b"), 1);
	assert_int_equal(pm_site_position(&fx->site, "a"), 2);
	assert_int_equal(pm_site_position(&fx->site, "zz"), 3);
	assert_int_equal(pm_site_position(&fx->site, NULL), 3);
	assert_string_equal(pm_site_find(&fx->site, "a")->path, "a.md");
	assert_null(pm_site_find(&fx->site, ""));
	assert_ptr_equal(pm_site_taxonomy(&fx->site), pm_taxonomy_default());
	assert_int_equal(pm_site_year(fx->site.incidents[0]), 2025);
}

/* Same cause first, then a shared service, then a shared tag, newest
 * first in each tier, five at most. */
static void
test_related_order(void **state)
{
	struct fx *fx = *state;

	mk(fx, "me", "2024-06-01", "database-locking", "orders", "postgres");
	mk(fx, "cause-old", "2021-01-01", "database-locking", NULL, NULL);
	mk(fx, "cause-new", "2024-05-01", "database-locking", NULL, NULL);
	mk(fx, "svc-new", "2025-01-01", "network-dns", "Orders", NULL);
	mk(fx, "svc-old", "2020-01-01", "software-bug", "orders,billing",
	    NULL);
	mk(fx, "tag-new", "2024-12-01", "software-bug", NULL, "POSTGRES");
	mk(fx, "tag-old", "2019-01-01", "software-bug", NULL, "postgres");
	mk(fx, "nothing", "2024-06-02", "configuration", "web", "nginx");
	finish(fx);
	/* The newest candidate (svc-new) comes after the same cause; the
	 * two tag matches compete for the last place, the newer wins. */
	assert_string_equal(related_of(fx, "me"), "cause-new cause-old "
	    "svc-new svc-old tag-new");
	assert_string_equal(related_of(fx, "nothing"), "");
	/* Relations are symmetric in kind. */
	assert_string_equal(related_of(fx, "cause-old"), "me cause-new");
	/* svc-old shares its cause with the tag matches: they come first. */
	assert_string_equal(related_of(fx, "svc-old"), "tag-new tag-old "
	    "svc-new me");
	assert_int_equal(pm_site_relation(pm_site_find(&fx->site, "me"),
	    pm_site_find(&fx->site, "svc-new")), PM_RELATION_SERVICE);
	assert_int_equal(pm_site_relation(pm_site_find(&fx->site, "me"),
	    pm_site_find(&fx->site, "tag-old")), PM_RELATION_TAG);
	assert_int_equal(pm_site_relation(pm_site_find(&fx->site, "me"),
	    pm_site_find(&fx->site, "nothing")), PM_RELATION_NONE);
}

/* Many of one cause: the five newest others, and never the incident
 * itself; "other" relates nothing. */
static void
test_related_cap_and_other(void **state)
{
	struct fx *fx = *state;
	char *slug;

	for (int i = 0; i < 9; i++) {
		slug = pm_arena_printf(fx->arena, "dns-%d", i);
		mk(fx, slug, pm_arena_printf(fx->arena, "2024-0%d-01", i + 1),
		    "network-dns", NULL, NULL);
	}
	mk(fx, "o1", "2024-01-05", "other", NULL, NULL);
	mk(fx, "o2", "2024-01-06", "other", NULL, NULL);
	mk(fx, "o3", "2024-01-07", NULL, NULL, NULL);
	finish(fx);
	assert_string_equal(related_of(fx, "dns-0"), "dns-8 dns-7 dns-6 "
	    "dns-5 dns-4");
	assert_string_equal(related_of(fx, "dns-8"), "dns-7 dns-6 dns-5 "
	    "dns-4 dns-3");
	assert_string_equal(related_of(fx, "dns-5"), "dns-8 dns-7 dns-6 "
	    "dns-4 dns-3");
	assert_string_equal(related_of(fx, "o1"), "");
	assert_string_equal(related_of(fx, "o3"), "");
	assert_int_equal(pm_site_relation(pm_site_find(&fx->site, "o1"),
	    pm_site_find(&fx->site, "o2")), PM_RELATION_NONE);
}

/* repeat_of: the newest earlier incident of the same cause that shares a
 * service. */
static void
test_repeat_of(void **state)
{
	struct fx *fx = *state;

	mk(fx, "third", "2024-09-01", "database-connections",
	    "billing-api,web", NULL);
	mk(fx, "second", "2024-01-02", "database-connections", "Billing-API",
	    NULL);
	mk(fx, "first", "2023-06-01", "database-connections", "billing-api",
	    NULL);
	mk(fx, "same-svc-other-cause", "2024-05-01", "software-bug",
	    "billing-api", NULL);
	mk(fx, "same-cause-other-svc", "2024-06-01",
	    "database-connections", "search", NULL);
	mk(fx, "no-services", "2024-07-01", "database-connections", NULL,
	    NULL);
	mk(fx, "other-a", "2024-08-01", "other", "web", NULL);
	mk(fx, "other-b", "2024-08-02", "other", "web", NULL);
	finish(fx);
	assert_string_equal(pm_site_find(&fx->site, "third")->repeat_of,
	    "second");
	assert_string_equal(pm_site_find(&fx->site, "second")->repeat_of,
	    "first");
	assert_null(pm_site_find(&fx->site, "first")->repeat_of);
	assert_null(pm_site_find(&fx->site,
	    "same-svc-other-cause")->repeat_of);
	assert_null(pm_site_find(&fx->site,
	    "same-cause-other-svc")->repeat_of);
	assert_null(pm_site_find(&fx->site, "no-services")->repeat_of);
	assert_null(pm_site_find(&fx->site, "other-b")->repeat_of);
	/* Linking again changes nothing. */
	pm_site_link(&fx->site);
	assert_string_equal(pm_site_find(&fx->site, "third")->repeat_of,
	    "second");
	assert_string_equal(related_of(fx, "first"), "third no-services "
	    "same-cause-other-svc second same-svc-other-cause");
}

static const char *
earlier_of(struct fx *fx, const char *slug, size_t *ordinal, int months)
{
	struct pm_recurrence r;
	struct pm_buf b = PM_BUF_INIT;
	const char *s;

	pm_site_recurrence(&r, &fx->site, pm_site_position(&fx->site, slug),
	    months);
	for (size_t i = 0; i < r.nearlier; i++)
		pm_buf_printf(&b, "%s%s", i ? " " : "",
		    fx->site.incidents[r.earlier[i]]->slug);
	s = pm_arena_strdup(fx->arena, pm_buf_cstr(&b));
	pm_buf_free(&b);
	*ordinal = r.ordinal;
	return s;
}

/* "3rd in 12 months": a day exactly twelve months before is outside. */
static void
test_recurrence_window(void **state)
{
	struct fx *fx = *state;
	size_t n;

	mk(fx, "x", "2024-03-05T10:00:00-05:00", "network-dns", NULL, NULL);
	mk(fx, "in-late", "2023-09-01", "network-dns", NULL, NULL);
	mk(fx, "in-edge", "2023-03-06", "network-dns", NULL, NULL);
	mk(fx, "out-edge", "2023-03-05", "network-dns", NULL, NULL);
	mk(fx, "older", "2021-01-01", "network-dns", NULL, NULL);
	mk(fx, "later", "2024-04-01", "network-dns", NULL, NULL);
	mk(fx, "other-cause", "2024-01-01", "software-bug", NULL, NULL);
	mk(fx, "undated", NULL, "network-dns", NULL, NULL);
	finish(fx);
	assert_string_equal(earlier_of(fx, "x", &n, 12), "in-late in-edge");
	assert_int_equal(n, 3);
	/* The window moves with the incident. */
	assert_string_equal(earlier_of(fx, "later", &n, 12), "x in-late");
	assert_int_equal(n, 3);
	assert_string_equal(earlier_of(fx, "in-edge", &n, 12), "out-edge");
	assert_int_equal(n, 2);
	assert_string_equal(earlier_of(fx, "older", &n, 12), "");
	assert_int_equal(n, 1);
	assert_string_equal(earlier_of(fx, "other-cause", &n, 12), "");
	assert_int_equal(n, 1);
	assert_string_equal(earlier_of(fx, "undated", &n, 12), "");
	assert_int_equal(n, 1);
	/* A longer window reaches further; across a year boundary too. */
	assert_string_equal(earlier_of(fx, "x", &n, 48),
	    "in-late in-edge out-edge older");
	assert_int_equal(n, 5);
	assert_string_equal(earlier_of(fx, "x", &n, 1), "");
	/* Out of range: the first of its kind. */
	pm_site_recurrence(&(struct pm_recurrence){ 0 }, &fx->site,
	    fx->site.len, 12);
}

/* Sums and means cover only what is known; means round to the minute. */
static void
test_figures_with_unknowns(void **state)
{
	struct fx *fx = *state;
	struct pm_incident *a, *b, *c;
	struct pm_figures f;

	a = mk(fx, "a", "2024-03-01", "configuration", NULL, NULL);
	b = mk(fx, "b", "2024-02-01", "configuration", NULL, NULL);
	c = mk(fx, "c", "2024-01-01", "configuration", NULL, NULL);
	a->duration_minutes = 90;
	a->time_to_detect_minutes = 5;
	a->time_to_resolve_minutes = 90;
	b->duration_minutes = 45;
	b->time_to_detect_minutes = 10;
	c->time_to_resolve_minutes = 31;
	finish(fx);
	pm_site_figures(&f, fx->site.incidents, fx->site.len);
	assert_int_equal(f.count, 3);
	assert_int_equal(f.downtime_minutes, 135);
	assert_int_equal(f.downtime_known, 2);
	assert_int_equal(f.detect_known, 2);
	assert_int_equal(f.mean_detect_minutes, 8);	/* 7.5 rounds up */
	assert_int_equal(f.resolve_known, 2);
	assert_int_equal(f.mean_resolve_minutes, 61);	/* 60.5 */
	assert_ptr_equal(f.latest, a);
	/* Nothing known: unknown means, not zero. */
	pm_site_figures(&f, &fx->site.incidents[2], 1);
	assert_int_equal(f.count, 1);
	assert_int_equal(f.downtime_known, 0);
	assert_int_equal(f.downtime_minutes, 0);
	assert_int_equal(f.mean_detect_minutes, PM_UNKNOWN);
	assert_int_equal(f.mean_resolve_minutes, 31);
	pm_site_figures(&f, NULL, 0);
	assert_int_equal(f.count, 0);
	assert_null(f.latest);
	assert_int_equal(f.mean_resolve_minutes, PM_UNKNOWN);
}

/* "This year" is the year of the newest incident, never the clock. */
static void
test_this_year_last_year(void **state)
{
	struct fx *fx = *state;
	struct pm_site_stats st;

	mk(fx, "u", NULL, "software-bug", NULL, NULL)->duration_minutes = 500;
	mk(fx, "n1", "2019-11-02", "software-bug", NULL,
	    NULL)->duration_minutes = 30;
	mk(fx, "n2", "2019-01-01T00:10:00+01:00", "configuration", NULL,
	    NULL)->duration_minutes = 20;
	mk(fx, "l1", "2018-12-31", "configuration", NULL,
	    NULL)->duration_minutes = 60;
	mk(fx, "l2", "2018-06-01", "configuration", NULL, NULL);
	mk(fx, "l3", "2018-01-01", "configuration", NULL, NULL);
	mk(fx, "old", "2016-05-05", "configuration", NULL, NULL);
	finish(fx);
	pm_site_stats(&st, &fx->site);
	assert_int_equal(st.year, 2019);
	assert_int_equal(st.all.count, 7);
	assert_int_equal(st.all.downtime_minutes, 610);
	assert_int_equal(st.this_year.count, 2);
	assert_int_equal(st.this_year.downtime_minutes, 50);
	assert_int_equal(st.last_year.count, 3);
	assert_int_equal(st.last_year.downtime_minutes, 60);
	assert_int_equal(st.last_year.downtime_known, 1);
	assert_string_equal(st.last_year.latest->slug, "l1");
}

static void
test_no_dated_incident(void **state)
{
	struct fx *fx = *state;
	struct pm_site_stats st;

	mk(fx, "u", NULL, NULL, NULL, NULL);
	finish(fx);
	pm_site_stats(&st, &fx->site);
	assert_int_equal(st.year, 0);
	assert_int_equal(st.this_year.count, 0);
	assert_int_equal(st.last_year.count, 0);
	/* Without a category an incident counts as "other". */
	assert_int_equal(st.ncauses, 1);
	assert_string_equal(st.causes[0].id, "other");
	assert_ptr_equal(pm_site_cause(&st, NULL), &st.causes[0]);
	assert_ptr_equal(pm_site_cause(&st, ""), &st.causes[0]);
	assert_null(pm_site_cause(&st, "security"));
}

/* Causes: most incidents first, then the most recent, then by id; each
 * with its incidents newest first and a page folder name. */
static void
test_causes(void **state)
{
	struct fx *fx = *state;
	struct pm_site_stats st;

	mk(fx, "d1", "2024-01-01", "network-dns", NULL,
	    NULL)->duration_minutes = 10;
	mk(fx, "d2", "2022-01-01", "network-dns", NULL,
	    NULL)->duration_minutes = 20;
	mk(fx, "c1", "2023-01-01", "configuration", NULL, NULL);
	mk(fx, "s1", "2023-05-01", "security", NULL, NULL);
	mk(fx, "b1", "2023-05-01", "Big Bad Thing", NULL, NULL);
	mk(fx, "b2", "2023-04-01", "big-bad-thing", NULL, NULL);
	finish(fx);
	pm_site_stats(&st, &fx->site);
	assert_int_equal(st.ncauses, 5);
	assert_string_equal(st.causes[0].id, "network-dns");
	assert_int_equal(st.causes[0].len, 2);
	assert_string_equal(st.causes[0].incidents[0]->slug, "d1");
	assert_string_equal(st.causes[0].incidents[1]->slug, "d2");
	assert_int_equal(st.causes[0].figures.downtime_minutes, 30);
	/* One each: newest first, ties by id. */
	assert_string_equal(st.causes[1].id, "Big Bad Thing");
	assert_string_equal(st.causes[2].id, "security");
	assert_string_equal(st.causes[3].id, "big-bad-thing");
	assert_string_equal(st.causes[4].id, "configuration");
	/* An id that is no slug gets one, clear of the ids that are. */
	assert_string_equal(st.causes[1].slug, "big-bad-thing-2");
	assert_string_equal(st.causes[3].slug, "big-bad-thing");
	assert_string_equal(st.causes[2].slug, "security");
	assert_ptr_equal(pm_site_cause(&st, "security"), &st.causes[2]);
}

struct guess_case {
	const char *text;
	const char *key;	/* NULL: none */
};

static void
test_guess_of(void **state)
{
	static const struct guess_case cases[] = {
		/* What follows the suspicion, not the symptom before. */
		{ "On-call sees 9x traffic and suspects a DDoS attack.",
		    "ddos" },
		{ "Surge of 504s at the load balancer; suspected the CDN.",
		    "cache" },
		{ "Restarted the load-balancer pool.", "load-balancer" },
		/* Without a word of suspicion, the first one named. */
		{ "Surge of 504s at the load balancer.", "traffic" },
		{ "thought it was the new redis cache, flushed it", "cache" },
		{ "Pods scaled on the assumption the service is CPU-bound.",
		    "traffic" },
		{ "image-resizer v2.31 (deployed at 15:00) rolled back.",
		    "deploy" },
		{ "Rollback complete, errors unchanged.", "deploy" },
		{ "The team suspects packet loss on the interconnect.",
		    "network" },
		{ "Suspected the auth service and its token rotation.",
		    "authentication" },
		{ "The SRE suspects PgBouncer itself and restarts it.",
		    "database" },
		{ "Blamed the third-party payment provider.", "third-party" },
		{ "Suspected the WAF rule deployed that morning.", "firewall" },
		{ "Looked like an expired TLS certificate.", "certificate" },
		{ "Suspected the resolvers", "dns" },
		{ "OOM kills suggested a memory leak", "memory" },
		{ "A failing disk was suspected", "hardware" },
		{ "Toggled the feature flag back", "configuration" },
		/* Word boundaries: no match inside other words. */
		{ "The bottleneck was elsewhere", NULL },
		{ "Reloaded the dashboards", NULL },
		{ "", NULL },
		{ NULL, NULL },
	};
	size_t n, i;
	const struct pm_guess *g = pm_site_guesses(&n);
	int bad = 0;

	assert_true(n >= 15);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int at = pm_site_guess_of(cases[i].text);
		const char *got = at < 0 ? NULL : g[at].key;

		if ((got == NULL) != (cases[i].key == NULL) ||
		    (got && strcmp(got, cases[i].key) != 0)) {
			print_error("%s: got %s, want %s\n", cases[i].text ?
			    cases[i].text : "NULL", got ? got : "NULL",
			    cases[i].key ? cases[i].key : "NULL");
			bad++;
		}
	}
	assert_int_equal(bad, 0);
	/* Categories: exact ids, or a prefix for "database-*". */
	for (i = 0; i < n && strcmp(g[i].key, "database") != 0; i++)
		;
	assert_true(pm_site_guess_matches(&g[i], "database-locking"));
	assert_false(pm_site_guess_matches(&g[i], "deployment-change"));
	for (i = 0; i < n && strcmp(g[i].key, "ddos") != 0; i++)
		;
	assert_true(pm_site_guess_matches(&g[i], "security"));
	assert_false(pm_site_guess_matches(&g[i], "security-x"));
	assert_false(pm_site_guess_matches(&g[i], NULL));
	assert_false(pm_site_guess_matches(NULL, "security"));
}

static void
misleading(struct fx *fx, struct pm_incident *inc, const char *text)
{
	struct pm_timeline_entry *t = pm_arena_calloc(fx->arena,
	    inc->ntimeline + 2, sizeof(*t));

	if (inc->ntimeline)
		memcpy(t, inc->timeline, inc->ntimeline * sizeof(*t));
	t[inc->ntimeline].time = "10:00";
	t[inc->ntimeline].text = text;
	t[inc->ntimeline].kind = "misleading";
	t[inc->ntimeline + 1].time = "11:00";
	t[inc->ntimeline + 1].text = "suspected a DDoS, but this was "
	    "not misleading";
	t[inc->ntimeline + 1].kind = "investigated";
	inc->timeline = t;
	inc->ntimeline += 2;
}

/* "Suspected a DDoS: 4 times, it was once": incidents are counted once
 * per guess however many entries they have. */
static void
test_misleading_groups(void **state)
{
	struct fx *fx = *state;
	struct pm_misleading_group *g;
	size_t n;
	struct pm_incident *a, *b, *c, *d, *e;

	a = mk(fx, "a", "2024-05-01", "capacity-traffic", NULL, NULL);
	b = mk(fx, "b", "2024-04-01", "security", NULL, NULL);
	c = mk(fx, "c", "2024-03-01", "network-dns", NULL, NULL);
	d = mk(fx, "d", "2024-02-01", "software-bug", NULL, NULL);
	e = mk(fx, "e", "2024-01-01", "database-locking", NULL, NULL);
	misleading(fx, a, "suspects a DDoS attack");
	misleading(fx, a, "still suspects bots");
	misleading(fx, b, "Suspected an attack");
	misleading(fx, c, "thought it was a DDoS");
	misleading(fx, c, "Suspected DNS");
	misleading(fx, d, "Suspected the database");
	misleading(fx, d, "Nobody knows why");
	misleading(fx, e, "assumed the replica lagged");
	misleading(fx, e, "Looked at the moon");
	finish(fx);
	pm_site_misleading(&g, &n, &fx->site);
	assert_int_equal(n, 4);
	assert_string_equal(g[0].guess->key, "ddos");
	assert_int_equal(g[0].len, 4);
	assert_int_equal(g[0].incidents, 3);
	assert_int_equal(g[0].confirmed, 1);	/* b was security */
	assert_string_equal(g[0].entries[0].incident->slug, "a");
	assert_string_equal(g[0].entries[1].entry->text,
	    "still suspects bots");
	assert_string_equal(g[0].entries[3].incident->slug, "c");
	/* Two incidents each; table order breaks the tie. */
	assert_string_equal(g[1].guess->key, "database");
	assert_int_equal(g[1].incidents, 2);
	assert_int_equal(g[1].confirmed, 1);	/* e, database-locking */
	assert_string_equal(g[2].guess->key, "dns");
	assert_int_equal(g[2].incidents, 1);
	assert_int_equal(g[2].confirmed, 1);
	/* What matches no guess comes last. */
	assert_null(g[3].guess);
	assert_int_equal(g[3].len, 2);
	assert_int_equal(g[3].incidents, 2);
	assert_int_equal(g[3].confirmed, 0);
	assert_string_equal(g[3].entries[0].entry->text, "Nobody knows why");
}

static void
test_misleading_none(void **state)
{
	struct fx *fx = *state;
	struct pm_misleading_group *g;
	size_t n = 99;

	mk(fx, "a", "2024-05-01", "capacity-traffic", NULL, NULL);
	finish(fx);
	pm_site_misleading(&g, &n, &fx->site);
	assert_int_equal(n, 0);
	assert_non_null(g);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_init),
		T(test_newest_first),
		T(test_order_total),
		T(test_many),
		T(test_duplicate_slug),
		T(test_duplicate_many),
		T(test_duplicate_keeps_earlier_error),
		T(test_find_by_slug),
		T(test_related_order),
		T(test_related_cap_and_other),
		T(test_repeat_of),
		T(test_recurrence_window),
		T(test_figures_with_unknowns),
		T(test_this_year_last_year),
		T(test_no_dated_incident),
		T(test_causes),
		T(test_guess_of),
		T(test_misleading_groups),
		T(test_misleading_none),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
