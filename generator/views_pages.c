/*
 * views_pages.c: the contexts of the pages that look across incidents:
 * the home page (figures, overview charts, the latest incidents), the list
 * of every incident, the causes, the action items, the misleading first
 * guesses and the search page.
 */
#include "views_int.h"
#include "search.h"
#include "svg.h"
#include "when.h"

#include <stdlib.h>
#include <string.h>

/* Above this many months the home chart counts per year instead. */
#define MONTHS_MAX 48

static struct pm_value *
records_of(struct views *v, struct pm_incident *const *incs, size_t n)
{
	struct pm_value *list = pm_value_new_list(v->a);

	for (size_t i = 0; i < n; i++)
		pm_value_list_push(v->a, list, views_record(v, incs[i]));
	return list;
}

/* The month of an incident as a number (year * 12 + month - 1), -1 when
 * its date has none. */
static long
month_of(const struct pm_incident *inc)
{
	int y = pm_site_year(inc), m;

	if (y == 0 || inc->date[5] < '0' || inc->date[5] > '1' ||
	    inc->date[6] < '0' || inc->date[6] > '9')
		return -1;
	m = (inc->date[5] - '0') * 10 + (inc->date[6] - '0');
	return m >= 1 && m <= 12 ? (long)y * 12 + m - 1 : -1;
}

/* Incidents per month (per year past MONTHS_MAX), stacked by cause. */
static int
chart_incidents(struct views *v, struct pm_buf *b, const char **title,
    struct pm_error *err)
{
	const struct pm_site *site = v->site;
	size_t ns = v->stats.ncauses, nc, i;
	long lo = -1, hi = -1, mo;
	const char **cats = NULL, **names = NULL;
	double *values = NULL;
	struct pm_svg_series s;
	int per_year, rc;

	for (i = 0; i < site->len; i++) {
		if ((mo = month_of(site->incidents[i])) < 0)
			continue;
		lo = lo < 0 || mo < lo ? mo : lo;
		hi = mo > hi ? mo : hi;
	}
	per_year = hi - lo + 1 > MONTHS_MAX;
	if (per_year) {
		lo /= 12;
		hi /= 12;
	}
	nc = lo < 0 ? 0 : (size_t)(hi - lo + 1);
	cats = pm_xcalloc(nc + 1, sizeof(*cats));
	names = pm_xcalloc(ns + 1, sizeof(*names));
	values = pm_xcalloc(nc * ns + 1, sizeof(*values));
	for (i = 0; i < nc; i++) {
		long k = lo + (long)i;

		cats[i] = per_year ? pm_arena_printf(v->a, "%ld", k) :
		    pm_arena_printf(v->a, "%04ld-%02ld", k / 12, k % 12 + 1);
	}
	for (i = 0; i < ns; i++)
		names[i] = views_cause_name(v, v->stats.causes[i].id);
	for (i = 0; i < site->len; i++) {
		const struct pm_cause *c;

		if ((mo = month_of(site->incidents[i])) < 0)
			continue;
		c = pm_site_cause(&v->stats, site->incidents[i]->category);
		if (per_year)
			mo /= 12;
		values[(size_t)(mo - lo) * ns + (size_t)(c - v->stats.causes)]
		    += 1;
	}
	memset(&s, 0, sizeof(s));
	s.categories = cats;
	s.ncategories = nc;
	s.names = names;
	s.nseries = ns;
	s.values = values;
	s.unit = PM_SVG_COUNT;
	s.unit_one = "incident";
	s.unit_many = "incidents";
	s.id = "pm-chart-incidents";
	*title = per_year ? "Incidents per year, by cause" :
	    "Incidents per month, by cause";
	rc = pm_svg_chart_stacked(b, &s, *title, NULL, err);
	free(cats);
	free(names);
	free(values);
	return rc;
}

/* Known downtime by cause, longest first, as horizontal bars. */
static int
chart_downtime(struct views *v, struct pm_buf *b, struct pm_error *err)
{
	size_t n = 0, i, k;
	const struct pm_cause **order;
	const char **cats;
	double *values;
	struct pm_svg_series s;
	int rc;

	order = pm_xcalloc(v->stats.ncauses + 1, sizeof(*order));
	for (i = 0; i < v->stats.ncauses; i++) {
		const struct pm_cause *c = &v->stats.causes[i];

		if (c->figures.downtime_minutes <= 0)
			continue;
		/* Insertion keeps the stats order among equals. */
		for (k = n; k > 0 && order[k - 1]->figures.downtime_minutes <
		    c->figures.downtime_minutes; k--)
			order[k] = order[k - 1];
		order[k] = c;
		n++;
	}
	cats = pm_xcalloc(n + 1, sizeof(*cats));
	values = pm_xcalloc(n + 1, sizeof(*values));
	for (i = 0; i < n; i++) {
		cats[i] = views_cause_name(v, order[i]->id);
		values[i] = (double)order[i]->figures.downtime_minutes;
	}
	memset(&s, 0, sizeof(s));
	s.categories = cats;
	s.ncategories = n;
	s.nseries = 1;
	s.values = values;
	s.unit = PM_SVG_MINUTES;
	s.id = "pm-chart-downtime";
	rc = pm_svg_chart_bars(b, &s, "Downtime by cause", NULL, err);
	free(order);
	free(cats);
	free(values);
	return rc;
}

/* "2 more than in 2023", "1 fewer than in 2023", "as many as in 2023". */
static const char *
change_text(struct views *v, size_t now, size_t before, int year)
{
	if (now == before)
		return pm_arena_printf(v->a, "as many as in %d", year);
	if (now > before)
		return pm_arena_printf(v->a, "%zu more than in %d",
		    now - before, year);
	return pm_arena_printf(v->a, "%zu fewer than in %d", before - now,
	    year);
}

static struct pm_value *
year_value(struct views *v)
{
	const struct pm_site_stats *st = &v->stats;
	struct pm_value *m;

	if (st->year == 0)
		return NULL;
	m = pm_value_new_map(v->a);
	pm_value_map_set_num(v->a, m, "year", st->year);
	pm_value_map_set_num(v->a, m, "last_year", st->year - 1);
	pm_value_map_set(v->a, m, "this", views_figures(v, &st->this_year));
	pm_value_map_set(v->a, m, "last", views_figures(v, &st->last_year));
	pm_value_map_set_bool(v->a, m, "has_last", st->last_year.count > 0);
	pm_value_map_set_str(v->a, m, "change_display", change_text(v,
	    st->this_year.count, st->last_year.count, st->year - 1));
	return m;
}

static struct pm_value *
causes_list(struct views *v)
{
	struct pm_value *list = pm_value_new_list(v->a);

	for (size_t i = 0; i < v->stats.ncauses; i++)
		pm_value_list_push(v->a, list, v->causes[i]);
	return list;
}

int
views_add_home(struct views *v, struct pm_error *err)
{
	const struct pm_site *site = v->site;
	struct pm_arena *a = v->a;
	struct pm_value *ctx;
	struct pm_buf b = PM_BUF_INIT;
	const char *title = NULL;
	size_t nlatest = site->len < PM_VIEWS_LATEST ? site->len :
	    PM_VIEWS_LATEST;
	int rc = PM_ERROR;

	ctx = views_context(v, "index.html", site->config->title, "", "home");
	pm_value_map_set(a, ctx, "site", views_site_value(site, a, 1));
	pm_value_map_set(a, ctx, "figures", views_figures(v, &v->stats.all));
	pm_value_map_set(a, ctx, "year", year_value(v));
	if (site->len) {
		if (chart_incidents(v, &b, &title, err) < 0)
			goto out;
		pm_value_map_set_str(a, ctx, "chart_incidents",
		    views_take(v, &b));
		pm_value_map_set_str(a, ctx, "chart_incidents_title", title);
		if (chart_downtime(v, &b, err) < 0)
			goto out;
		pm_value_map_set_str(a, ctx, "chart_downtime",
		    views_take(v, &b));
	}
	pm_value_map_set(a, ctx, "latest", records_of(v, site->incidents,
	    nlatest));
	pm_value_map_set_bool(a, ctx, "has_more", site->len > nlatest);
	pm_value_map_set(a, ctx, "incidents", records_of(v, site->incidents,
	    site->len));
	pm_value_map_set_bool(a, ctx, "has_incidents", site->len > 0);
	pm_value_map_set(a, ctx, "causes", causes_list(v));
	views_add(v, "index.html", "index", ctx);
	rc = 0;
out:
	pm_buf_free(&b);
	return rc;
}

/* incidents/index.html: every incident, by year, newest first. */
void
views_add_incident_list(struct views *v)
{
	const struct pm_site *site = v->site;
	struct pm_arena *a = v->a;
	struct pm_value *ctx, *years = pm_value_new_list(a), *grp = NULL;
	int year = -1;

	ctx = views_context(v, "incidents/index.html", "All incidents",
	    "../", "incidents");
	for (size_t i = 0; i < site->len; i++) {
		int y = pm_site_year(site->incidents[i]);

		if (grp == NULL || y != year) {
			grp = pm_value_new_map(a);
			year = y;
			pm_value_map_set_str(a, grp, "label", y ?
			    pm_arena_printf(a, "%d", y) : "Undated");
			pm_value_map_set_str(a, grp, "id", y ?
			    pm_arena_printf(a, "year-%d", y) : "undated");
			pm_value_map_set_num(a, grp, "count", 0);
			pm_value_map_set(a, grp, "incidents",
			    pm_value_new_list(a));
			pm_value_list_push(a, years, grp);
		}
		pm_value_list_push(a, pm_value_map_get(grp, "incidents"),
		    v->records[i]);
		pm_value_map_get(grp, "count")->u.number += 1;
	}
	pm_value_map_set(a, ctx, "years", years);
	pm_value_map_set(a, ctx, "incidents", records_of(v, site->incidents,
	    site->len));
	pm_value_map_set_bool(a, ctx, "has_incidents", site->len > 0);
	views_add(v, "incidents/index.html", "incidents", ctx);
	v->pages->items[v->pages->len - 1].first = 1;
}

static int
add_cause_page(struct views *v, size_t i, struct pm_buf *b,
    struct pm_error *err)
{
	const struct pm_cause *c = &v->stats.causes[i];
	struct pm_arena *a = v->a;
	struct pm_svg_dots d;
	struct pm_value *ctx;
	const char *path, *name = views_cause_name(v, c->id), **dates,
	    **titles;
	long *minutes;
	int rc;

	path = pm_arena_printf(a, "causes/%s/index.html", c->slug);
	ctx = views_context(v, path, name, "../../", "causes");
	pm_value_map_set(a, ctx, "cause", v->causes[i]);
	pm_value_map_set(a, ctx, "figures", pm_value_map_get(v->causes[i],
	    "figures"));
	pm_value_map_set(a, ctx, "incidents", records_of(v, c->incidents,
	    c->len));
	dates = pm_xcalloc(c->len + 1, sizeof(*dates));
	titles = pm_xcalloc(c->len + 1, sizeof(*titles));
	minutes = pm_xcalloc(c->len + 1, sizeof(*minutes));
	for (size_t k = 0; k < c->len; k++) {
		const struct pm_incident *inc = c->incidents[k];

		dates[k] = inc->start ? inc->start : inc->date;
		titles[k] = inc->title;
		minutes[k] = inc->duration_minutes;
	}
	memset(&d, 0, sizeof(d));
	d.dates = dates;
	d.titles = titles;
	d.minutes = minutes;
	d.n = c->len;
	d.id = pm_arena_printf(a, "pm-chart-cause-%s", c->slug);
	rc = pm_svg_chart_dots(b, &d, pm_arena_printf(a, "%s over time",
	    name), NULL, err);
	free(dates);
	free(titles);
	free(minutes);
	if (rc < 0)
		return rc;
	pm_value_map_set_str(a, ctx, "chart", views_take(v, b));
	views_add(v, path, "cause", ctx);
	return 0;
}

/* causes/index.html and one page per cause that has incidents. */
int
views_add_causes(struct views *v, struct pm_error *err)
{
	struct pm_arena *a = v->a;
	struct pm_value *ctx, *empty = pm_value_new_list(a);
	struct pm_buf b = PM_BUF_INIT;
	int rc = 0;

	ctx = views_context(v, "causes/index.html", "Causes", "../",
	    "causes");
	pm_value_map_set(a, ctx, "causes", causes_list(v));
	pm_value_map_set_bool(a, ctx, "has_causes", v->stats.ncauses > 0);
	/* Categories with no incident yet, in taxonomy order: what could
	 * happen, for whoever classifies the next one. */
	for (size_t i = 0; i < v->tax->len; i++) {
		const struct pm_category *cat = &v->tax->categories[i];
		struct pm_value *m;

		if (pm_site_cause(&v->stats, cat->id))
			continue;
		m = pm_value_new_map(a);
		pm_value_map_set_str(a, m, "id", cat->id);
		pm_value_map_set_str(a, m, "name", cat->name ? cat->name :
		    cat->id);
		pm_value_map_set_str(a, m, "description", cat->description);
		pm_value_list_push(a, empty, m);
	}
	pm_value_map_set(a, ctx, "empty_causes", empty);
	pm_value_map_set_bool(a, ctx, "has_empty", pm_value_len(empty));
	views_add(v, "causes/index.html", "causes", ctx);
	for (size_t i = 0; i < v->stats.ncauses && rc == 0; i++)
		rc = add_cause_page(v, i, &b, err);
	pm_buf_free(&b);
	return rc;
}

/*
 * The seconds since 1970 of "YYYY-MM-DDTHH:MM:SS+HH:MM", the one shape of
 * the times git gives items (gitfacts.c); 0 for any other text.  The
 * actions page reads two per item, tens of thousands per build, and the
 * general parser (when.h) cost a tenth of a one-file rebuild.
 */
static int
two_digits(const char *s)
{
	return (s[0] - '0') * 10 + (s[1] - '0');
}

static int
stamp_seconds(long long *out, const char *s)
{
	static const char shape[] = "Tdd:dd:dd+dd:dd";
	int y, mo, d, h, mi, sec, oh, om;

	if (!pm_when_read_ymd(s, &y, &mo, &d) ||
	    strlen(s) != 10 + sizeof(shape) - 1)
		return 0;
	s += 10;
	for (size_t k = 0; k < sizeof(shape) - 1; k++)
		if (shape[k] == 'd' ? (s[k] < '0' || s[k] > '9') :
		    shape[k] == '+' ? (s[k] != '+' && s[k] != '-') :
		    s[k] != shape[k])
			return 0;
	/* Two digits each, checked above: atoi() was three fifths of the
	 * reading. */
	h = two_digits(s + 1);
	mi = two_digits(s + 4);
	sec = two_digits(s + 7);
	oh = two_digits(s + 10);
	om = two_digits(s + 13);
	if (h > 23 || mi > 59 || sec > 60)
		return 0;
	*out = pm_when_days_from_date(y, mo, d) * 86400 + h * 3600 +
	    mi * 60 + sec - (s[9] == '-' ? -60 : 60) * (oh * 60 + om);
	return 1;
}

/* Whole days from one ISO 8601 time to another, or -1 when either is
 * missing or unreadable. */
static long
days_between(const char *from, const char *to)
{
	struct pm_when a, b;
	long long fa, fb;
	long minutes;

	if (from == NULL || to == NULL)
		return -1;
	if (stamp_seconds(&fa, from) && stamp_seconds(&fb, to)) {
		minutes = (long)((fb - fa) / 60);
	} else {
		pm_when_init(&a);
		pm_when_init(&b);
		if (pm_when_parse(&a, from, strlen(from)) == 0 ||
		    pm_when_parse(&b, to, strlen(to)) == 0 ||
		    !pm_when_diff_minutes(&minutes, &a, &b))
			return -1;
	}
	if (minutes < 0)
		return -1;
	return minutes / 1440;
}

/* "open for 12 days", "done in 1 day": lead and the days, without printf,
 * which costs more than the rest of an item's ages. */
static const char *
days_text(struct pm_arena *a, const char *lead, long days)
{
	char out[64], *p = out;
	size_t len = strlen(lead);	/* a literal of the caller's */

	memcpy(p, lead, len);
	p = views_put_decimal(p + len, days);
	len = days == 1 ? 4 : 5;
	memcpy(p, " days", len);
	return pm_arena_strndup(a, out, (size_t)(p + len - out));
}

/*
 * What git says of an item: when it was written down and, open, how long
 * ago (as of the commit built, so the page depends on the commit only);
 * done, how long it took.  The values are made once for the items of an
 * incident that share their dates, as most do (they were written down in
 * one commit): the actions page of a large site has a hundred thousand
 * items, and making their ages was most of its cost.
 */
enum { AGES = 7 };

static const char *const ages_keys[AGES] = { "added", "added_display",
    "done_at", "done_at_display", "age_days", "took_days", "age_display" };

struct ages {
	const struct pm_action_item *of;	/* NULL: none made yet */
	struct pm_value *value[AGES];
};

static int
same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* A string value, or NULL (a null in a map) for no text. */
static struct pm_value *
text_value(struct pm_arena *a, const char *s)
{
	return s ? pm_value_new_cstr(a, s) : NULL;
}

static void
make_ages(struct views *v, struct ages *ag, const struct pm_action_item *ai)
{
	struct pm_arena *a = v->a;
	long age, took;
	const char *text = NULL;

	if (ag->of && !ag->of->done == !ai->done &&
	    same_text(ag->of->added, ai->added) &&
	    same_text(ag->of->done_at, ai->done_at))
		return;
	ag->of = ai;
	age = days_between(ai->added, v->site->as_of);
	took = days_between(ai->added, ai->done_at);
	ag->value[0] = text_value(a, ai->added);
	ag->value[1] = text_value(a, pm_views_human_date(a, ai->added));
	ag->value[2] = text_value(a, ai->done_at);
	ag->value[3] = text_value(a, pm_views_human_date(a, ai->done_at));
	ag->value[4] = !ai->done && age >= 0 ?
	    pm_value_new_number(a, (double)age) : NULL;
	ag->value[5] = ai->done && took >= 0 ?
	    pm_value_new_number(a, (double)took) : NULL;
	if (!ai->done && age >= 0)
		text = age == 0 ? "open less than a day" :
		    days_text(a, "open for ", age);
	else if (ai->done && took >= 0)
		text = took == 0 ? "done the day it was written" :
		    days_text(a, "done in ", took);
	ag->value[6] = text_value(a, text);
}

/* One incident's items that are open (done 0) or done (done 1). */
static struct pm_value *
action_group(struct views *v, size_t i, int done)
{
	const struct pm_incident *inc = v->site->incidents[i];
	struct pm_value *m, *items = pm_value_new_list(v->a);
	struct pm_value *done_value = pm_value_new_bool(v->a, done);
	struct ages ag = { NULL, { NULL } };

	for (size_t k = 0; k < inc->naction_items; k++) {
		const struct pm_action_item *ai = &inc->action_items[k];
		struct pm_value *it;

		if (!ai->done != !done)
			continue;
		it = pm_value_new_map(v->a);
		/* text, done and the ages: a site has tens of thousands of
		 * items, and doubling would triple their maps */
		pm_value_map_reserve(v->a, it, 2 + AGES);
		pm_value_map_set_str(v->a, it, "text", ai->text);
		pm_value_map_set(v->a, it, "done", done_value);
		make_ages(v, &ag, ai);
		for (int n = 0; n < AGES; n++)
			pm_value_map_set(v->a, it, ages_keys[n], ag.value[n]);
		pm_value_list_push(v->a, items, it);
	}
	if (pm_value_len(items) == 0)
		return NULL;
	m = pm_value_new_map(v->a);
	pm_value_map_set(v->a, m, "incident", v->records[i]);
	pm_value_map_set(v->a, m, "items", items);
	pm_value_map_set_num(v->a, m, "count", (double)pm_value_len(items));
	return m;
}

/*
 * The open (done 0) or done groups of the actions page, made one at a
 * time as the page is written: held whole, a site's tens of thousands of
 * items came to fifty megabytes for this one page.
 */
struct action_groups {
	struct pm_value_maker maker;
	const struct views *v;
	size_t *at;		/* site positions of the incidents listed */
	size_t len;
	size_t items;		/* their items, in all */
	int done;
	struct pm_digest as_of;	/* of the date the ages count to */
};

static struct pm_value *
make_action_group(const void *arg, size_t k, struct pm_arena *arena)
{
	const struct action_groups *g = arg;
	struct views local = *g->v;

	local.a = arena;
	return action_group(&local, g->at[k], g->done);
}

/*
 * What group k is made from: its incident's record, whose digest the
 * views hold, which of its items (open or done) and the date the ages
 * count to.  A page key names these instead of making every group.
 */
static void
action_group_inputs(const void *arg, size_t k, unsigned char out[16])
{
	const struct action_groups *g = arg;
	unsigned char in[2 * PM_DIGEST_SIZE + 1];
	struct pm_digest dg;

	memcpy(in, g->v->digests[g->at[k]].bytes, PM_DIGEST_SIZE);
	memcpy(in + PM_DIGEST_SIZE, g->as_of.bytes, PM_DIGEST_SIZE);
	in[2 * PM_DIGEST_SIZE] = (unsigned char)g->done;
	pm_digest_bytes(&dg, in, sizeof(in));
	memcpy(out, dg.bytes, PM_DIGEST_SIZE);
}

/* The groups as a made list; *items: how many items they hold. */
static struct pm_value *
action_groups(struct views *v, int done, size_t *items)
{
	struct action_groups *g = pm_arena_calloc(v->a, 1, sizeof(*g));
	const struct pm_site *site = v->site;

	g->maker.make = make_action_group;
	g->maker.arg = g;
	/* The records' digests are made before any page is keyed. */
	if (v->digests) {
		const char *as_of = site->as_of ? site->as_of : "";

		pm_digest_bytes(&g->as_of, as_of, strlen(as_of));
		g->maker.inputs = action_group_inputs;
	}
	g->v = v;
	g->done = done;
	g->at = pm_arena_alloc(v->a, pm_xmul(site->len + 1, sizeof(*g->at)));
	for (size_t i = 0; i < site->len; i++) {
		const struct pm_incident *inc = site->incidents[i];
		size_t n = 0;

		for (size_t k = 0; k < inc->naction_items; k++)
			n += !inc->action_items[k].done == !done;
		if (n) {
			g->at[g->len++] = i;
			g->items += n;
		}
	}
	*items = g->items;
	return pm_value_new_made_list(v->a, g->len, &g->maker);
}

/* actions/index.html: open items first, then done, each by incident. */
static int
make_actions(const struct pm_value **out, struct pm_arena *arena,
    const struct pm_page *page, int pictures, struct pm_error *err)
{
	/* In the arena: the groups are made from it as the page renders. */
	struct views *v = pm_arena_alloc(arena, sizeof(*v));
	struct pm_arena *a = arena;
	struct pm_value *ctx, *open, *done;
	size_t nopen, ndone;

	(void)pictures;
	(void)err;
	views_for_make(v, page, arena);
	ctx = views_context(v, "actions/index.html", "Action items", "../",
	    "actions");
	open = action_groups(v, 0, &nopen);
	done = action_groups(v, 1, &ndone);
	pm_value_map_set(a, ctx, "open_groups", open);
	pm_value_map_set(a, ctx, "done_groups", done);
	pm_value_map_set_num(a, ctx, "open_count", (double)nopen);
	pm_value_map_set_num(a, ctx, "done_count", (double)ndone);
	pm_value_map_set_num(a, ctx, "total_count", (double)(nopen + ndone));
	pm_value_map_set_str(a, ctx, "as_of", v->site->as_of);
	pm_value_map_set_str(a, ctx, "as_of_display",
	    pm_views_human_date(a, v->site->as_of));
	pm_value_map_set_bool(a, ctx, "has_open", nopen > 0);
	pm_value_map_set_bool(a, ctx, "has_done", ndone > 0);
	pm_value_map_set_bool(a, ctx, "has_items", nopen + ndone > 0);
	*out = ctx;
	return 0;
}

/* Its context, a few kilobytes per incident, is made at render time. */
void
views_add_actions(struct views *v)
{
	views_add_made(v, "actions/index.html", "actions", make_actions);
}

/* "2024-10-22T17:15:00-05:00" as "22 October 2024, 17:15"; other forms
 * ("17:15") as written. */
static const char *
entry_time(struct views *v, const char *t)
{
	const char *day = pm_views_human_date(v->a, t);

	if (t == NULL || day == NULL)
		return t;
	if (strlen(t) >= 16 && (t[10] == 'T' || t[10] == ' '))
		return pm_arena_printf(v->a, "%s, %.5s", day, t + 11);
	return day;
}

static struct pm_value *
guess_group(struct views *v, const struct pm_misleading_group *g)
{
	struct pm_arena *a = v->a;
	struct pm_value *m = pm_value_new_map(a), *list;
	const struct pm_guess *guess = g->guess;
	const char *cat = NULL;

	pm_value_map_set_str(a, m, "key", guess ? guess->key : "other");
	pm_value_map_set_str(a, m, "label", guess ? guess->label : NULL);
	pm_value_map_set_num(a, m, "count", (double)g->len);
	pm_value_map_set_num(a, m, "incidents", (double)g->incidents);
	pm_value_map_set_str(a, m, "times_display", views_times(v,
	    g->incidents));
	if (guess && guess->category) {
		size_t n = strlen(guess->category);

		/* "database-*": every database category, named as such. */
		cat = guess->category[n - 1] == '*' ? guess->label :
		    views_cause_name(v, guess->category);
		pm_value_map_set_num(a, m, "confirmed", (double)g->confirmed);
		pm_value_map_set_str(a, m, "confirmed_display", views_times(v,
		    g->confirmed));
		pm_value_map_set_str(a, m, "verdict", g->confirmed == 0 ?
		    "it never was" : pm_arena_printf(a, "it was, %s",
		    views_times(v, g->confirmed)));
	} else {
		pm_value_map_set(a, m, "confirmed", NULL);
		pm_value_map_set(a, m, "confirmed_display", NULL);
		pm_value_map_set(a, m, "verdict", NULL);
	}
	pm_value_map_set_str(a, m, "category_name", cat);
	list = pm_value_new_list(a);
	for (size_t k = 0; k < g->len; k++) {
		struct pm_value *e = pm_value_new_map(a);

		pm_value_map_set(a, e, "incident", views_record(v,
		    g->entries[k].incident));
		pm_value_map_set_str(a, e, "time", g->entries[k].entry->time);
		pm_value_map_set_str(a, e, "time_display", entry_time(v,
		    g->entries[k].entry->time));
		pm_value_map_set_str(a, e, "text", g->entries[k].entry->text);
		pm_value_list_push(a, list, e);
	}
	pm_value_map_set(a, m, "entries", list);
	return m;
}

/* misleading/index.html: what was suspected first, and how often. */
static int
make_misleading(const struct pm_value **out, struct pm_arena *arena,
    const struct pm_page *page, int pictures, struct pm_error *err)
{
	struct views local, *v = &local;
	struct pm_arena *a = arena;
	const struct pm_misleading_group *groups;
	struct pm_value *ctx, *list = pm_value_new_list(a), *other = NULL;
	size_t n, total = 0;

	(void)pictures;
	(void)err;
	views_for_make(&local, page, arena);
	groups = v->misleading;
	n = v->nmisleading;
	ctx = views_context(v, "misleading/index.html", "Misleading paths",
	    "../", "misleading");
	for (size_t i = 0; i < n; i++) {
		total += groups[i].len;
		if (groups[i].guess)
			pm_value_list_push(a, list, guess_group(v,
			    &groups[i]));
		else
			other = guess_group(v, &groups[i]);
	}
	pm_value_map_set(a, ctx, "groups", list);
	pm_value_map_set(a, ctx, "other", other);
	pm_value_map_set_num(a, ctx, "total", (double)total);
	pm_value_map_set_bool(a, ctx, "has_entries", total > 0);
	*out = ctx;
	return 0;
}

/* The groups are made here, in the site's arena; the context, an entry
 * per misleading step of every incident, at render time. */
void
views_add_misleading(struct views *v)
{
	pm_site_misleading(&v->misleading, &v->nmisleading, v->site);
	views_add_made(v, "misleading/index.html", "misleading",
	    make_misleading);
}

void
views_add_search(struct views *v)
{
	struct pm_value *ctx, *causes, *years;

	ctx = views_context(v, "search/index.html", "Search", "../",
	    "search");
	pm_search_facets(&causes, &years, v->a, v->site);
	for (size_t i = 0; i < pm_value_len(causes); i++) {
		struct pm_value *c = causes->u.list.items[i];
		const char *id = pm_value_str(pm_value_map_get(c, "id"));
		const struct pm_cause *pc = pm_site_cause(&v->stats, id);

		pm_value_map_set_str(v->a, c, "name", views_cause_name(v, id));
		pm_value_map_set_str(v->a, c, "slug", pc ? pc->slug : NULL);
	}
	pm_value_map_set(v->a, ctx, "causes", causes);
	pm_value_map_set(v->a, ctx, "years", years);
	views_add(v, "search/index.html", "search", ctx);
}
