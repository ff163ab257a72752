/*
 * views.c: one context per output page.  Templates get the incident record
 * as DESIGN.md names it, plus a few ready-made strings (dates for people,
 * durations, links) so that themes need no logic of their own.  This file
 * holds the shared helpers, the incident pages and the data files;
 * views_pages.c the pages that look across incidents; views_human.c the
 * dates and durations for people.
 */
#include "views_int.h"
#include "feeds.h"
#include "search.h"
#include "svg.h"
#include "when.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void
views_push_page(struct views *v, const struct pm_page *page)
{
	struct pm_pages *pages = v->pages;

	if (pages->len == pages->cap) {
		size_t cap = pages->cap ? pages->cap * 2 : 64;
		struct pm_page *n = pm_arena_alloc(v->a,
		    pm_xmul(cap, sizeof(*n)));

		if (pages->len)
			memcpy(n, pages->items, pages->len * sizeof(*n));
		pages->items = n;
		pages->cap = cap;
	}
	pages->items[pages->len] = *page;
	if (page->make_arg == NULL)
		pages->items[pages->len].make_arg = v;
	pages->len++;
}

void
views_push_data(struct views *v, const char *path, const struct pm_buf *b)
{
	struct pm_page page = { .path = path };

	page.data = pm_arena_strndup(v->a, pm_buf_cstr(b), b->len);
	page.len = b->len;
	views_push_page(v, &page);
}

void
views_add(struct views *v, const char *path, const char *tpl,
    struct pm_value *ctx)
{
	struct pm_page page = { .path = path, .template = tpl,
	    .context = ctx };

	views_push_page(v, &page);
}

void
views_add_made(struct views *v, const char *path, const char *tpl,
    int (*make)(const struct pm_value **, struct pm_arena *,
    const struct pm_page *, int, struct pm_error *))
{
	struct pm_page page = { .path = path, .template = tpl,
	    .make = make, .first = 1 };

	views_push_page(v, &page);
}

void
views_for_make(struct views *local, const struct pm_page *page,
    struct pm_arena *arena)
{
	*local = *(const struct views *)page->make_arg;
	local->a = arena;
	local->pages = NULL;
}

const char *
views_take(struct views *v, struct pm_buf *b)
{
	const char *s = b->len ? pm_arena_strndup(v->a, b->ptr, b->len) :
	    NULL;

	pm_buf_clear(b);
	return s;
}

const char *
views_times(struct views *v, size_t n)
{
	switch (n) {
	case 0: return "never";
	case 1: return "once";
	case 2: return "twice";
	default: return pm_arena_printf(v->a, "%zu times", n);
	}
}

struct pm_value *
views_site_value(const struct pm_site *site, struct pm_arena *a,
    int with_commit)
{
	const struct pm_config *cfg = site->config;
	struct pm_value *v = pm_value_new_map(a);

	pm_value_map_set_str(a, v, "title", cfg->title);
	pm_value_map_set_str(a, v, "description", cfg->description);
	pm_value_map_set_str(a, v, "base_url", cfg->base_url);
	pm_value_map_set_str(a, v, "language", cfg->language);
	pm_value_map_set_str(a, v, "repo_url", cfg->repo_url);
	pm_value_map_set_str(a, v, "generator", "pmsite " PM_VERSION);
	pm_value_map_set_num(a, v, "incident_count", (double)site->len);
	if (with_commit)
		pm_value_map_set_str(a, v, "commit", *site->commit ?
		    site->commit : NULL);
	return v;
}

struct pm_value *
views_context(struct views *v, const char *path, const char *title,
    const char *root, const char *section)
{
	struct pm_arena *a = v->a;
	struct pm_value *ctx = pm_value_new_map(a), *page, *sec;
	const char *base = pm_value_str(pm_value_map_get(v->sitev,
	    "base_url"));
	size_t plen = strlen(path);

	page = pm_value_new_map(a);
	pm_value_map_set_str(a, page, "title", title);
	pm_value_map_set_str(a, page, "path", path);
	/* Canonical URLs drop "index.html": the form hosts serve. */
	if (base && *base)
		pm_value_map_set(a, page, "canonical", pm_value_new_cstr(a,
		    pm_arena_printf(a, "%s%.*s", base, (int)(plen >= 10 &&
		    strcmp(path + plen - 10, "index.html") == 0 ? plen - 10 :
		    plen), path)));
	else
		pm_value_map_set(a, page, "canonical", NULL);
	pm_value_map_set(a, ctx, "site", v->sitev);
	pm_value_map_set(a, ctx, "page", page);
	pm_value_map_set_str(a, ctx, "root", root);
	sec = pm_value_new_map(a);
	if (section)
		pm_value_map_set_bool(a, sec, section, 1);
	pm_value_map_set(a, ctx, "section", sec);
	return ctx;
}

const char *
views_cause_name(const struct views *v, const char *id)
{
	const struct pm_category *c = pm_taxonomy_find(v->tax, id);

	return c && c->name ? c->name : id;
}

struct pm_value *
views_figures(struct views *v, const struct pm_figures *f)
{
	struct pm_arena *a = v->a;
	struct pm_value *m = pm_value_new_map(a);

	pm_value_map_set_num(a, m, "count", (double)f->count);
	pm_value_map_set_str(a, m, "count_display", pm_arena_printf(a,
	    "%zu incident%s", f->count, f->count == 1 ? "" : "s"));
	pm_value_map_set_num(a, m, "downtime_minutes",
	    (double)f->downtime_minutes);
	pm_value_map_set_str(a, m, "downtime_display", f->downtime_known ?
	    pm_views_human_minutes(a, f->downtime_minutes) : NULL);
	pm_value_map_set_num(a, m, "downtime_known",
	    (double)f->downtime_known);
	pm_value_map_set_bool(a, m, "downtime_all_known",
	    f->downtime_known == f->count);
	pm_value_map_set(a, m, "mean_detect_minutes",
	    f->mean_detect_minutes < 0 ? NULL : pm_value_new_number(a,
	    (double)f->mean_detect_minutes));
	pm_value_map_set_str(a, m, "mean_detect_display",
	    pm_views_human_minutes(a, f->mean_detect_minutes));
	pm_value_map_set_num(a, m, "detect_known", (double)f->detect_known);
	pm_value_map_set_bool(a, m, "detect_all_known",
	    f->detect_known == f->count);
	pm_value_map_set(a, m, "mean_resolve_minutes",
	    f->mean_resolve_minutes < 0 ? NULL : pm_value_new_number(a,
	    (double)f->mean_resolve_minutes));
	pm_value_map_set_str(a, m, "mean_resolve_display",
	    pm_views_human_minutes(a, f->mean_resolve_minutes));
	pm_value_map_set_num(a, m, "resolve_known", (double)f->resolve_known);
	pm_value_map_set_bool(a, m, "resolve_all_known",
	    f->resolve_known == f->count);
	return m;
}

/* The cause maps, one per cause, made before the records that point at
 * them; `latest` is filled in once the records exist. */
static void
make_causes(struct views *v)
{
	struct pm_arena *a = v->a;

	v->causes = pm_arena_alloc(a, pm_xmul(v->stats.ncauses + 1,
	    sizeof(*v->causes)));
	for (size_t i = 0; i < v->stats.ncauses; i++) {
		const struct pm_cause *c = &v->stats.causes[i];
		const struct pm_category *cat = pm_taxonomy_find(v->tax, c->id);
		struct pm_value *m = pm_value_new_map(a);

		pm_value_map_set_str(a, m, "id", c->id);
		pm_value_map_set_str(a, m, "slug", c->slug);
		pm_value_map_set_str(a, m, "name", cat && cat->name ?
		    cat->name : c->id);
		pm_value_map_set_str(a, m, "description", cat ?
		    cat->description : NULL);
		pm_value_map_set_bool(a, m, "in_taxonomy", cat != NULL);
		pm_value_map_set_num(a, m, "count", (double)c->len);
		pm_value_map_set(a, m, "figures", views_figures(v,
		    &c->figures));
		v->causes[i] = m;
	}
}

struct pm_value *
views_cause(struct views *v, const char *id)
{
	const struct pm_cause *c = pm_site_cause(&v->stats, id);

	return c ? v->causes[c - v->stats.causes] : NULL;
}

struct pm_value *
views_record(struct views *v, const struct pm_incident *inc)
{
	size_t at = pm_site_position(v->site, inc->slug);

	return at < v->site->len ? v->records[at] : NULL;
}

/* Cut s to at most max bytes, at a space, with "…". */
static const char *
cut_text(struct pm_arena *a, const char *s, size_t max)
{
	static const char ellipsis[] = "\xe2\x80\xa6";
	char *out;
	size_t n;

	if (s == NULL || strlen(s) <= max)
		return s;
	n = max;
	while (n > max / 2 && s[n] != ' ')
		n--;
	if (s[n] != ' ')	/* one long word: cut at a character */
		for (n = max; n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80;)
			n--;
	while (n > 0 && strchr(" ,;:", s[n - 1]))
		n--;
	out = pm_arena_alloc(a, n + sizeof(ellipsis));
	memcpy(out, s, n);
	memcpy(out + n, ellipsis, sizeof(ellipsis));
	return out;
}

static const char *
join(struct pm_arena *a, const struct pm_strlist *l)
{
	struct pm_buf b = PM_BUF_INIT;
	const char *s;

	if (l->len == 0)
		return NULL;
	for (size_t i = 0; i < l->len; i++) {
		if (i)
			pm_buf_puts(&b, ", ");
		pm_buf_puts(&b, l->items[i]);
	}
	s = pm_arena_strdup(a, pm_buf_cstr(&b));
	pm_buf_free(&b);
	return s;
}

/* The record plus what themes show: dates and durations for people. */
struct pm_value *
views_incident_value(struct views *v, const struct pm_incident *inc)
{
	struct pm_arena *a = v->a;
	/* The displays below, added to the record's fields in one go. */
	enum { DISPLAYS = 16 };
	struct pm_value *m = pm_incident_to_value_made(inc, DISPLAYS, a);
	size_t open = 0;

	pm_value_map_set_str(a, m, "date", inc->date);
	pm_value_map_set_str(a, m, "date_display",
	    pm_views_human_date(a, inc->date));
	pm_value_map_set_str(a, m, "when_display", pm_views_human_span(a,
	    inc->start, inc->end, inc->timezone));
	pm_value_map_set_str(a, m, "duration_display",
	    pm_views_human_minutes(a, inc->duration_minutes));
	pm_value_map_set_str(a, m, "time_to_detect_display",
	    pm_views_human_minutes(a, inc->time_to_detect_minutes));
	pm_value_map_set_str(a, m, "time_to_resolve_display",
	    pm_views_human_minutes(a, inc->time_to_resolve_minutes));
	pm_value_map_set_str(a, m, "created_display",
	    pm_views_human_date(a, inc->git.created));
	pm_value_map_set_str(a, m, "updated_display",
	    pm_views_human_date(a, inc->git.updated));
	if (inc->git.authors.len)
		pm_value_map_set_str(a, m, "authors_display",
		    join(a, &inc->git.authors));
	if (!isnan(inc->impact_percent))
		pm_value_map_set_str(a, m, "impact_percent_display",
		    pm_arena_printf(a, "%g%%", inc->impact_percent));
	pm_value_map_set_str(a, m, "services_display", join(a,
	    &inc->services));
	pm_value_map_set_str(a, m, "summary_short", cut_text(a,
	    inc->summary, PM_VIEWS_CAUSE_SHORT));
	pm_value_map_set_str(a, m, "root_cause_short", cut_text(a,
	    inc->root_cause, PM_VIEWS_CAUSE_SHORT));
	pm_value_map_set(a, m, "cause", views_cause(v, inc->category));
	for (size_t i = 0; i < inc->naction_items; i++)
		open += !inc->action_items[i].done;
	pm_value_map_set_num(a, m, "open_actions", (double)open);
	pm_value_map_set_num(a, m, "done_actions",
	    (double)(inc->naction_items - open));
	return m;
}

static struct pm_value *
git_links(const struct pm_site *site, const struct pm_incident *inc,
    struct pm_arena *a)
{
	const struct pm_config *cfg = site->config;
	const char *branch = cfg->repo_branch ? cfg->repo_branch : "main";
	struct pm_value *v;
	struct pm_buf b = PM_BUF_INIT;

	if (cfg->repo_url == NULL)
		return NULL;
	v = pm_value_new_map(a);
	pm_buf_printf(&b, "%s/commits/", cfg->repo_url);
	pm_buf_put_url(&b, branch, strlen(branch));
	pm_buf_putc(&b, '/');
	pm_buf_put_url(&b, inc->path, strlen(inc->path));
	pm_value_map_set_str(a, v, "history_url", pm_buf_cstr(&b));
	pm_buf_clear(&b);
	pm_buf_printf(&b, "%s/edit/", cfg->repo_url);
	pm_buf_put_url(&b, branch, strlen(branch));
	pm_buf_putc(&b, '/');
	pm_buf_put_url(&b, inc->path, strlen(inc->path));
	pm_value_map_set_str(a, v, "edit_url", pm_buf_cstr(&b));
	pm_buf_free(&b);
	return v;
}

/* The first of l that is also in other (without case), or NULL. */
static const char *
first_shared(const struct pm_strlist *l, const struct pm_strlist *other)
{
	for (size_t i = 0; i < l->len; i++)
		for (size_t k = 0; k < other->len; k++)
			if (strcasecmp(l->items[i], other->items[k]) == 0)
				return l->items[i];
	return NULL;
}

/* related: [{incident, reason}], in inc->related's order. */
static struct pm_value *
related_value(struct views *v, const struct pm_incident *inc)
{
	struct pm_arena *a = v->a;
	struct pm_value *list = pm_value_new_list(a);

	for (size_t i = 0; i < inc->related.len; i++) {
		const struct pm_incident *o = pm_site_find(v->site,
		    inc->related.items[i]);
		struct pm_value *m;
		const char *why = NULL;

		if (o == NULL)
			continue;
		switch (pm_site_relation(inc, o)) {
		case PM_RELATION_CAUSE:
			why = "same cause";
			break;
		case PM_RELATION_SERVICE:
			why = pm_arena_printf(a, "also hit %s",
			    first_shared(&inc->services, &o->services));
			break;
		case PM_RELATION_TAG:
			why = pm_arena_printf(a, "also tagged %s",
			    first_shared(&inc->tags, &o->tags));
			break;
		case PM_RELATION_NONE:
			break;
		}
		m = pm_value_new_map(a);
		pm_value_map_set(a, m, "incident", views_record(v, o));
		pm_value_map_set_str(a, m, "reason", why);
		pm_value_list_push(a, list, m);
	}
	return list;
}

/* repeat: {incident, services_display} of the incident this repeats. */
static struct pm_value *
repeat_value(struct views *v, const struct pm_incident *inc)
{
	struct pm_arena *a = v->a;
	const struct pm_incident *o = pm_site_find(v->site, inc->repeat_of);
	struct pm_strlist shared = { NULL, 0 };
	struct pm_value *m;

	if (o == NULL)
		return NULL;
	m = pm_value_new_map(a);
	for (size_t i = 0; i < inc->services.len; i++)
		if (first_shared(&(struct pm_strlist){ &inc->services.items[i],
		    1 }, &o->services))
			pm_strlist_push(&shared, a, inc->services.items[i]);
	pm_value_map_set(a, m, "incident", views_record(v, o));
	pm_value_map_set(a, m, "services", pm_strlist_to_value(&shared, a));
	pm_value_map_set_str(a, m, "services_display", join(a, &shared));
	pm_value_map_set(a, m, "cause", views_cause(v, inc->category));
	return m;
}

/*
 * recurrence: "3rd in 12 months" and the newest earlier ones; NULL for a
 * first.  A busy cause has dozens of incidents a year, and listing them
 * all made the callout most of every page's bytes (15 KB of a 40 KB page
 * at 10,000 postmortems); the cause's page lists them all.
 */
#define RECURRENCE_LISTED 5

static struct pm_value *
recurrence_value(struct views *v, size_t i)
{
	struct pm_arena *a = v->a;
	struct pm_recurrence r;
	struct pm_value *m, *list;
	size_t listed;

	pm_site_recurrence(&r, v->site, i, PM_SITE_RECURRENCE_MONTHS);
	if (r.ordinal < 2)
		return NULL;
	m = pm_value_new_map(a);
	list = pm_value_new_list(a);
	listed = r.nearlier < RECURRENCE_LISTED ? r.nearlier :
	    RECURRENCE_LISTED;
	for (size_t k = 0; k < listed; k++)
		pm_value_list_push(a, list, v->records[r.earlier[k]]);
	pm_value_map_set_num(a, m, "earlier_count", (double)r.nearlier);
	pm_value_map_set_num(a, m, "more", (double)(r.nearlier - listed));
	pm_value_map_set_num(a, m, "ordinal", (double)r.ordinal);
	pm_value_map_set_str(a, m, "ordinal_display", pm_views_ordinal(a,
	    r.ordinal));
	pm_value_map_set_num(a, m, "months", PM_SITE_RECURRENCE_MONTHS);
	pm_value_map_set_str(a, m, "badge", pm_arena_printf(a, "%s in %d "
	    "months", pm_views_ordinal(a, r.ordinal),
	    PM_SITE_RECURRENCE_MONTHS));
	pm_value_map_set(a, m, "earlier", list);
	pm_value_map_set(a, m, "cause", views_cause(v,
	    v->site->incidents[i]->category));
	return m;
}

/* A cause's latest incident, without its record: records point at their
 * cause, and a tree must not loop. */
static void
set_latest(struct views *v, struct pm_value *cause,
    const struct pm_incident *inc)
{
	struct pm_value *m = pm_value_new_map(v->a);

	pm_value_map_set_str(v->a, m, "slug", inc->slug);
	pm_value_map_set_str(v->a, m, "title", inc->title);
	pm_value_map_set_str(v->a, m, "date", inc->date);
	pm_value_map_set_str(v->a, m, "date_display",
	    pm_views_human_date(v->a, inc->date));
	pm_value_map_set(v->a, cause, "latest", m);
}

/*
 * The width of a picture's viewBox.  The horizontal timeline falls back to
 * the vertical layout (360 units) when its labels would not fit; such a
 * picture must not be stretched to a 60rem column, so the theme is told.
 */
static double
svg_width(const char *svg)
{
	const char *p = svg ? strstr(svg, "viewBox=\"") : NULL;
	double x, y, w;

	if (p == NULL || sscanf(p + 9, "%lf %lf %lf", &x, &y, &w) != 3)
		return 0;
	return w;
}

/*
 * The timeline pictures of inc into ctx.  Both layouts inline: CSS shows
 * one by the width of the screen, with no script and no second request.
 * The horizontal one comes first in the page and carries the style sheet
 * of both (svg.h).  They are drawn from the incident's record alone
 * (pm_page_key() counts on it).
 */
static int
add_pictures(struct views *v, struct pm_value *ctx,
    const struct pm_incident *inc, struct pm_error *err)
{
	struct pm_arena *a = v->a;
	struct pm_buf b = PM_BUF_INIT;
	const char *h, *vert;

	if (pm_svg_timeline(&b, inc, PM_SVG_HORIZONTAL, PM_SVG_OWN_STYLE,
	    err) < 0)
		goto fail;
	h = views_take(v, &b);
	if (pm_svg_timeline(&b, inc, PM_SVG_VERTICAL, PM_SVG_PAGE_STYLE,
	    err) < 0)
		goto fail;
	vert = views_take(v, &b);
	pm_buf_free(&b);
	pm_value_map_set_str(a, ctx, "timeline_svg_h", h);
	pm_value_map_set_str(a, ctx, "timeline_svg_v", vert);
	pm_value_map_set_bool(a, ctx, "has_timeline_svg", h != NULL);
	pm_value_map_set_bool(a, ctx, "timeline_h_narrow", h &&
	    svg_width(h) < svg_width(vert) * 1.5);
	return 0;
fail:
	pm_buf_free(&b);
	return PM_ERROR;
}

/* The context of incident page i, in v->a; without the pictures unless
 * pictures is set. */
static int
incident_context(const struct pm_value **out, struct views *v, size_t i,
    const char *path, int pictures, struct pm_error *err)
{
	struct pm_arena *a = v->a;
	const struct pm_site *site = v->site;
	const struct pm_incident *inc = site->incidents[i];
	struct pm_value *ctx, *related;

	ctx = views_context(v, path, inc->title, "../../", "incidents");
	pm_value_map_set(a, ctx, "incident", v->records[i]);
	pm_value_map_set(a, ctx, "body", pm_value_new_string_ref(a,
	    inc->html ? inc->html : "", inc->html ? inc->html_len : 0));
	if (pictures && add_pictures(v, ctx, inc, err) < 0)
		return PM_ERROR;
	related = related_value(v, inc);
	pm_value_map_set(a, ctx, "related", related);
	pm_value_map_set_bool(a, ctx, "has_related", pm_value_len(related));
	pm_value_map_set(a, ctx, "repeat", repeat_value(v, inc));
	pm_value_map_set(a, ctx, "recurrence", recurrence_value(v, i));
	/* Newest first: the previous incident in time is i + 1. */
	pm_value_map_set(a, ctx, "previous", i + 1 < site->len ?
	    v->records[i + 1] : NULL);
	pm_value_map_set(a, ctx, "next", i > 0 ? v->records[i - 1] : NULL);
	pm_value_map_set(a, ctx, "git_links", git_links(site, inc, a));
	*out = ctx;
	return 0;
}

/* The digest of the record at site position at, or of none. */
static void
put_record(struct pm_digester *d, const struct views *v, size_t at)
{
	unsigned char none = 0;

	if (at < v->site->len)
		pm_digester_put(d, v->digests[at].bytes, PM_DIGEST_SIZE);
	else
		pm_digester_put(d, &none, 1);
}

/* Little-endian, as digest.c's encoding: a key means the same on every
 * machine. */
static void
put_size(struct pm_digester *d, size_t n)
{
	unsigned char w[8];

	for (int k = 0; k < 8; k++)
		w[k] = (unsigned char)((uint64_t)n >> (8 * k));
	pm_digester_put(d, w, sizeof(w));
}

/*
 * pm_page.inputs of incident pages: what incident_context() reads, named
 * by digests (views.h).  A rebuild keys every incident page; making and
 * encoding ten thousand contexts, bodies included, to find them
 * unchanged was a fifth of a one-change rebuild.  The record covers the
 * incident's own fields and its cause (and so the title, the pictures,
 * the git links' path and the reasons given for related incidents); the
 * body and the neighbours are named here.  Keep in step with
 * incident_context(): check_incremental compares rebuilds after each
 * kind of edit with fresh builds.
 */
static void
incident_inputs(struct pm_digester *d, const struct pm_page *page)
{
	const struct views *v = page->make_arg;
	const struct pm_site *site = v->site;
	size_t i = page->make_index;
	const struct pm_incident *inc = site->incidents[i];
	struct pm_digest body;
	struct pm_recurrence r;
	size_t listed;

	pm_digester_put(d, v->site_digest.bytes, PM_DIGEST_SIZE);
	put_record(d, v, i);
	pm_digest_bytes(&body, inc->html ? inc->html : "",
	    inc->html ? inc->html_len : 0);
	pm_digester_put(d, body.bytes, PM_DIGEST_SIZE);
	put_size(d, inc->related.len);
	for (size_t k = 0; k < inc->related.len; k++)
		put_record(d, v, pm_site_position(site,
		    inc->related.items[k]));
	put_record(d, v, inc->repeat_of ?
	    pm_site_position(site, inc->repeat_of) : site->len);
	pm_site_recurrence(&r, site, i, PM_SITE_RECURRENCE_MONTHS);
	put_size(d, r.ordinal);
	put_size(d, r.nearlier);
	listed = r.nearlier < RECURRENCE_LISTED ? r.nearlier :
	    RECURRENCE_LISTED;
	for (size_t k = 0; k < listed; k++)
		put_record(d, v, r.earlier[k]);
	put_record(d, v, i + 1);
	put_record(d, v, i > 0 ? i - 1 : site->len);
}

/* pm_page.make of incident pages: the shared views, allocating in the
 * rendering thread's arena instead of the build's. */
static int
make_incident(const struct pm_value **out, struct pm_arena *arena,
    const struct pm_page *page, int pictures, struct pm_error *err)
{
	struct views local;

	views_for_make(&local, page, arena);
	return incident_context(out, &local, page->make_index, page->path,
	    pictures, err);
}

static void
add_incident_page(struct views *v, size_t i)
{
	struct pm_page page = { 0 };

	page.path = pm_arena_printf(v->a, "incidents/%s/index.html",
	    v->site->incidents[i]->slug);
	page.template = "incident";
	page.make = make_incident;
	page.inputs = incident_inputs;
	page.make_arg = v;
	page.make_index = i;
	views_push_page(v, &page);
}

int
pm_page_context(const struct pm_value **out, const struct pm_page *page,
    struct pm_arena *arena, struct pm_error *err)
{
	*out = page->context;
	return page->make ? page->make(out, arena, page, 1, err) : 0;
}

int
pm_views_build(struct pm_pages *pages, struct pm_arena *a,
    const struct pm_site *site, int jobs, struct pm_error *err)
{
	/* In the arena: incident pages keep it to make their contexts. */
	struct views *v = pm_arena_calloc(a, 1, sizeof(*v));
	struct pm_page page = { 0 };
	struct pm_buf b = PM_BUF_INIT;
	size_t i;
	int rc = PM_ERROR;

	v->a = a;
	v->site = site;
	v->tax = pm_site_taxonomy(site);
	v->pages = pages;
	v->sitev = views_site_value(site, a, 0);
	pm_site_stats(&v->stats, site);
	make_causes(v);
	for (i = 0; i < v->stats.ncauses; i++)
		set_latest(v, v->causes[i], v->stats.causes[i].incidents[0]);
	/* Only read from here on. */
	views_make_records(v, jobs);

	if (views_add_home(v, err) < 0)
		goto out;
	for (i = 0; i < site->len; i++)
		add_incident_page(v, i);
	views_add_incident_list(v);
	if (views_add_causes(v, err) < 0)
		goto out;
	views_add_actions(v);
	views_add_misleading(v);

	page = (struct pm_page){ .path = "404.html", .template = "404" };
	/* Hosts serve 404.html at any depth: links in it must be absolute
	 * when a base URL is known, else relative to the root. */
	page.context = views_context(v, page.path, "Page not found",
	    *site->config->base_url ? site->config->base_url : "", NULL);
	views_push_page(v, &page);
	views_add_search(v);
	views_add_data(v);

	/* GitHub Pages runs Jekyll unless told not to; Jekyll would hide
	 * files and folders that start with an underscore. */
	page = (struct pm_page){ .path = ".nojekyll", .data = "", .len = 0 };
	views_push_page(v, &page);
	if (site->config->cname) {
		page = (struct pm_page){ .path = "CNAME" };
		page.data = pm_arena_printf(a, "%s\n", site->config->cname);
		page.len = strlen(page.data);
		views_push_page(v, &page);
	}
	/* Last, so it lists every page; sitemaps need absolute URLs, so
	 * there is none without a base URL. */
	if (*site->config->base_url) {
		const char **paths = pm_arena_alloc(a,
		    pm_xmul(pages->len + 1, sizeof(*paths)));

		for (i = 0; i < pages->len; i++)
			paths[i] = pages->items[i].path;
		pm_buf_clear(&b);
		if (pm_feeds_sitemap(&b, site, paths, pages->len, err) < 0)
			goto out;
		views_push_data(v, "sitemap.xml", &b);
	}
	rc = 0;
out:
	pm_buf_free(&b);
	return rc;
}
