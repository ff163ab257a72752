/*
 * views.c: one context per output page.  Templates get the incident record
 * as DESIGN.md names it, plus a few ready-made strings (dates for people,
 * durations, links) so that themes need no logic of their own.
 */
#include "views.h"
#include "feeds.h"
#include "search.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

const char *
pm_views_human_date(struct pm_arena *arena, const char *s)
{
	int y, m, d;

	if (s == NULL || sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
	    m < 1 || m > 12 || d < 1 || d > 31)
		return NULL;
	return pm_arena_printf(arena, "%d %s %d", d, month_names[m - 1], y);
}

const char *
pm_views_human_minutes(struct pm_arena *arena, long minutes)
{
	long d = minutes / 1440, h = minutes % 1440 / 60, m = minutes % 60;

	if (minutes < 0)
		return NULL;
	if (d)
		return m ? pm_arena_printf(arena, "%ld d %ld h %ld min", d, h,
		    m) : pm_arena_printf(arena, "%ld d %ld h", d, h);
	if (h)
		return m ? pm_arena_printf(arena, "%ld h %ld min", h, m) :
		    pm_arena_printf(arena, "%ld h", h);
	return pm_arena_printf(arena, "%ld min", m);
}

static void
push_page(struct pm_pages *pages, struct pm_arena *arena,
    const struct pm_page *page)
{
	if (pages->len == pages->cap) {
		size_t cap = pages->cap ? pages->cap * 2 : 64;
		struct pm_page *n = pm_arena_alloc(arena,
		    pm_xmul(cap, sizeof(*n)));

		if (pages->len)
			memcpy(n, pages->items, pages->len * sizeof(*n));
		pages->items = n;
		pages->cap = cap;
	}
	pages->items[pages->len++] = *page;
}

static void
push_data(struct pm_pages *pages, struct pm_arena *a, const char *path,
    const struct pm_buf *b)
{
	struct pm_page page = { .path = path };

	page.data = pm_arena_strndup(a, pm_buf_cstr(b), b->len);
	page.len = b->len;
	push_page(pages, a, &page);
}

static struct pm_value *
site_value(const struct pm_site *site, struct pm_arena *a)
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
	pm_value_map_set_str(a, v, "commit", *site->commit ? site->commit :
	    NULL);
	return v;
}

/* The context every page starts from: site, page, root. */
static struct pm_value *
page_context(struct pm_arena *a, struct pm_value *site, const char *path,
    const char *title, const char *root)
{
	struct pm_value *ctx = pm_value_new_map(a), *page;
	const char *base = pm_value_str(pm_value_map_get(site, "base_url"));
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
	pm_value_map_set(a, ctx, "site", site);
	pm_value_map_set(a, ctx, "page", page);
	pm_value_map_set_str(a, ctx, "root", root);
	return ctx;
}

/* The record plus what themes show: dates and durations for people. */
static struct pm_value *
incident_value(const struct pm_incident *inc, struct pm_arena *a)
{
	struct pm_value *v = pm_incident_to_value(inc, a);

	pm_value_map_set_str(a, v, "date", inc->date);
	pm_value_map_set_str(a, v, "date_display",
	    pm_views_human_date(a, inc->date));
	pm_value_map_set_str(a, v, "duration_display",
	    pm_views_human_minutes(a, inc->duration_minutes));
	pm_value_map_set_str(a, v, "created_display",
	    pm_views_human_date(a, inc->git.created));
	pm_value_map_set_str(a, v, "updated_display",
	    pm_views_human_date(a, inc->git.updated));
	if (inc->git.authors.len) {
		struct pm_buf b = PM_BUF_INIT;

		for (size_t i = 0; i < inc->git.authors.len; i++)
			pm_buf_printf(&b, "%s%s", i ? ", " : "",
			    inc->git.authors.items[i]);
		pm_value_map_set_str(a, v, "authors_display", pm_buf_cstr(&b));
		pm_buf_free(&b);
	}
	if (!isnan(inc->impact_percent))
		pm_value_map_set_str(a, v, "impact_percent_display",
		    pm_arena_printf(a, "%g%%", inc->impact_percent));
	return v;
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

static void
add_incident_pages(struct pm_pages *pages, struct pm_arena *a,
    const struct pm_site *site, struct pm_value *sitev,
    struct pm_value **records)
{
	for (size_t i = 0; i < site->len; i++) {
		const struct pm_incident *inc = site->incidents[i];
		struct pm_page page = { 0 };
		struct pm_value *ctx;

		page.path = pm_arena_printf(a, "incidents/%s/index.html",
		    inc->slug);
		page.template = "incident";
		ctx = page_context(a, sitev, page.path, inc->title,
		    "../../");
		pm_value_map_set(a, ctx, "incident", records[i]);
		pm_value_map_set(a, ctx, "body", pm_value_new_string_ref(a,
		    inc->html ? inc->html : "", inc->html ? inc->html_len :
		    0));
		/* Newest first: the previous incident in time is i + 1. */
		pm_value_map_set(a, ctx, "previous", i + 1 < site->len ?
		    records[i + 1] : NULL);
		pm_value_map_set(a, ctx, "next", i > 0 ? records[i - 1] :
		    NULL);
		pm_value_map_set(a, ctx, "git_links", git_links(site, inc, a));
		page.context = ctx;
		push_page(pages, a, &page);
	}
}

int
pm_views_build(struct pm_pages *pages, struct pm_arena *a,
    const struct pm_site *site, struct pm_error *err)
{
	struct pm_value *sitev = site_value(site, a), *list, *ctx, *json;
	struct pm_value **records, *causes, *years;
	struct pm_page page = { 0 };
	struct pm_buf b = PM_BUF_INIT, js = PM_BUF_INIT;
	size_t i;
	int rc = PM_ERROR;

	records = pm_arena_alloc(a, pm_xmul(site->len + 1,
	    sizeof(*records)));
	list = pm_value_new_list(a);
	json = pm_value_new_list(a);
	for (i = 0; i < site->len; i++) {
		records[i] = incident_value(site->incidents[i], a);
		pm_value_list_push(a, list, records[i]);
		pm_value_list_push(a, json,
		    pm_incident_to_value(site->incidents[i], a));
	}

	page.path = "index.html";
	page.template = "index";
	ctx = page_context(a, sitev, page.path, site->config->title, "");
	pm_value_map_set(a, ctx, "incidents", list);
	pm_value_map_set_bool(a, ctx, "has_incidents", site->len > 0);
	page.context = ctx;
	push_page(pages, a, &page);

	add_incident_pages(pages, a, site, sitev, records);

	page = (struct pm_page){ .path = "404.html", .template = "404" };
	/* Hosts serve 404.html at any depth: links in it must be absolute
	 * when a base URL is known, else relative to the root. */
	page.context = page_context(a, sitev, page.path, "Page not found",
	    *site->config->base_url ? site->config->base_url : "");
	push_page(pages, a, &page);

	page = (struct pm_page){ .path = "search/index.html",
	    .template = "search" };
	ctx = page_context(a, sitev, page.path, "Search", "../");
	pm_search_facets(&causes, &years, a, site);
	pm_value_map_set(a, ctx, "causes", causes);
	pm_value_map_set(a, ctx, "years", years);
	page.context = ctx;
	push_page(pages, a, &page);

	pm_value_write_json(&b, json, 2);
	push_data(pages, a, "incidents.json", &b);
	pm_buf_clear(&b);
	if (pm_search_index(&b, &js, site, err) < 0)
		goto out;
	push_data(pages, a, "search.json", &b);
	push_data(pages, a, "search-index.js", &js);
	pm_buf_clear(&b);
	if (pm_feeds_atom(&b, site, err) < 0)
		goto out;
	push_data(pages, a, "feed.xml", &b);
	pm_buf_clear(&b);
	if (pm_feeds_json(&b, site, err) < 0)
		goto out;
	push_data(pages, a, "feed.json", &b);

	/* GitHub Pages runs Jekyll unless told not to; Jekyll would hide
	 * files and folders that start with an underscore. */
	page = (struct pm_page){ .path = ".nojekyll", .data = "", .len = 0 };
	push_page(pages, a, &page);
	if (site->config->cname) {
		page = (struct pm_page){ .path = "CNAME" };
		page.data = pm_arena_printf(a, "%s\n", site->config->cname);
		page.len = strlen(page.data);
		push_page(pages, a, &page);
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
		push_data(pages, a, "sitemap.xml", &b);
	}
	rc = 0;
out:
	pm_buf_free(&b);
	pm_buf_free(&js);
	return rc;
}
