/*
 * feeds.c: Atom, JSON Feed and sitemap documents written from the site,
 * with time stamps that come from the content, never from the clock.
 */
#include "feeds.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "value.h"
#include "when.h"

/* 9999-12-31T23:59:59Z: the last instant RFC 3339 can write. */
#define STAMP_MAX 253402300799LL

/*
 * Seconds since the epoch of a date as the record holds it ("2024-03-05",
 * "2024-03-05T10:00:00-05:00", or a front matter date people wrote).
 * Returns 1 when s holds a whole date, 0 otherwise.
 */
static int
stamp_parse(long long *out, const char *s)
{
	struct pm_when w;
	long long t;

	if (s == NULL)
		return 0;
	pm_when_init(&w);
	if (pm_when_parse(&w, s, strlen(s)) == 0 || w.year == 0 ||
	    w.month == 0 || w.day == 0)
		return 0;
	t = pm_when_days_from_date(w.year, w.month, w.day) * 86400;
	if (w.hour >= 0)
		t += w.hour * 3600LL + w.minute * 60LL + w.second;
	if (w.has_zone)
		t -= w.offset_minutes * 60LL;
	if (t < 0 || t > STAMP_MAX)
		return 0;
	*out = t;
	return 1;
}

/* The stand-in for a time no incident gives; see feeds.h. */
static long long
stamp_fallback(void)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long t;

	if (s == NULL || *s < '0' || *s > '9')
		return 0;
	errno = 0;
	t = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0' || t > STAMP_MAX)
		return 0;
	return t;
}

/* RFC 3339 in UTC, or only the date (sitemaps) when date_only. */
static void
stamp_put(struct pm_buf *b, long long t, int date_only)
{
	long long y, days = t / 86400, sec = t % 86400;
	int m, d;

	pm_when_date_from_days(&y, &m, &d, days);
	if (date_only)
		pm_buf_printf(b, "%04lld-%02d-%02d", y, m, d);
	else
		pm_buf_printf(b, "%04lld-%02d-%02dT%02d:%02d:%02dZ", y, m, d,
		    (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60));
}

static const char *
stamp_str(struct pm_arena *a, long long t)
{
	struct pm_buf b = PM_BUF_INIT;
	const char *s;

	stamp_put(&b, t, 0);
	s = pm_arena_strdup(a, pm_buf_cstr(&b));
	pm_buf_free(&b);
	return s;
}

/*
 * When an incident was first published and last changed; see feeds.h.
 * Returns 1 when the incident gave a time, 0 when both are the fallback.
 */
static int
entry_times(long long *published, long long *updated,
    const struct pm_incident *inc)
{
	long long date;
	int known = 1;

	if (!stamp_parse(&date, inc->date)) {
		date = stamp_fallback();
		known = 0;
	}
	if (stamp_parse(published, inc->git.created))
		known = 1;
	else
		*published = date;
	if (stamp_parse(updated, inc->git.updated))
		known = 1;
	else
		*updated = *published > date ? *published : date;
	return known;
}

/* XML text from a C string; pm_buf_put_xml makes any bytes well-formed. */
static void
put_text(struct pm_buf *b, const char *s)
{
	pm_buf_put_xml(b, s, strlen(s));
}

/* <name>text</name> on a line of its own, indented by depth tabs. */
static void
put_element(struct pm_buf *b, int depth, const char *name, const char *text)
{
	pm_buf_printf(b, "%.*s<%s>", depth, "\t\t\t", name);
	put_text(b, text);
	pm_buf_printf(b, "</%s>\n", name);
}

/* The page of an incident: see "Links and ids" in feeds.h. */
static const char *
incident_url(struct pm_arena *a, const char *base, const char *slug)
{
	if (*base)
		return pm_arena_printf(a, "%sincidents/%s/", base, slug);
	return pm_arena_printf(a, "incidents/%s/index.html", slug);
}

static const char *
incident_id(struct pm_arena *a, const char *base, const char *slug)
{
	if (*base)
		return incident_url(a, base, slug);
	return pm_arena_printf(a, "urn:pmsite:incident:%s", slug);
}

/* Categories first (primary first), then tags, each once. */
static void
collect_terms(struct pm_strlist *out, struct pm_arena *a,
    const struct pm_incident *inc)
{
	const struct pm_strlist *from[] = { &inc->categories, &inc->tags };
	size_t i, k;

	memset(out, 0, sizeof(*out));
	if (inc->category)
		pm_strlist_push(out, a, inc->category);
	for (k = 0; k < 2; k++)
		for (i = 0; i < from[k]->len; i++)
			if (*from[k]->items[i] &&
			    !pm_strlist_has(out, from[k]->items[i]))
				pm_strlist_push(out, a, from[k]->items[i]);
}

static size_t
entry_count(const struct pm_site *site)
{
	return site->len < PM_FEEDS_MAX_ENTRIES ? site->len :
	    PM_FEEDS_MAX_ENTRIES;
}

/* The feed's updated: the latest of its entries, see feeds.h. */
static long long
feed_updated(const struct pm_site *site)
{
	long long latest = -1, published, updated;
	size_t i;

	for (i = 0; i < entry_count(site); i++) {
		entry_times(&published, &updated, site->incidents[i]);
		if (updated > latest)
			latest = updated;
	}
	return latest < 0 ? stamp_fallback() : latest;
}

static void
atom_entry(struct pm_buf *b, struct pm_arena *a, const struct pm_site *site,
    const struct pm_incident *inc)
{
	const char *base = site->config->base_url;
	const char *url = incident_url(a, base, inc->slug);
	long long published, updated;
	struct pm_strlist terms;
	size_t i;

	entry_times(&published, &updated, inc);
	pm_buf_puts(b, "\t<entry>\n");
	put_element(b, 2, "id", incident_id(a, base, inc->slug));
	put_element(b, 2, "title", inc->title ? inc->title : inc->slug);
	pm_buf_puts(b, "\t\t<link rel=\"alternate\" type=\"text/html\" "
	    "href=\"");
	put_text(b, url);
	pm_buf_puts(b, "\"/>\n\t\t<published>");
	stamp_put(b, published, 0);
	pm_buf_puts(b, "</published>\n\t\t<updated>");
	stamp_put(b, updated, 0);
	pm_buf_puts(b, "</updated>\n");
	for (i = 0; i < inc->git.authors.len; i++) {
		pm_buf_puts(b, "\t\t<author>\n");
		put_element(b, 3, "name", inc->git.authors.items[i]);
		pm_buf_puts(b, "\t\t</author>\n");
	}
	/* Readers do not all inherit the feed's author: say it again. */
	if (inc->git.authors.len == 0) {
		pm_buf_puts(b, "\t\t<author>\n");
		put_element(b, 3, "name", site->config->title);
		pm_buf_puts(b, "\t\t</author>\n");
	}
	collect_terms(&terms, a, inc);
	for (i = 0; i < terms.len; i++) {
		pm_buf_puts(b, "\t\t<category term=\"");
		put_text(b, terms.items[i]);
		pm_buf_puts(b, "\"/>\n");
	}
	if (inc->summary && *inc->summary)
		put_element(b, 2, "summary", inc->summary);
	if (inc->html && inc->html_len) {
		pm_buf_puts(b, "\t\t<content type=\"html\" xml:base=\"");
		put_text(b, url);
		pm_buf_puts(b, "\">");
		put_text(b, inc->html);
		pm_buf_puts(b, "</content>\n");
	}
	pm_buf_puts(b, "\t</entry>\n");
}

int
pm_feeds_atom(struct pm_buf *out, const struct pm_site *site,
    struct pm_error *err)
{
	const struct pm_config *cfg = site->config;
	struct pm_arena *a = pm_arena_new();
	const char *base = cfg->base_url;
	size_t i;

	(void)err;
	pm_buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\"");
	if (cfg->language && *cfg->language) {
		pm_buf_puts(out, " xml:lang=\"");
		put_text(out, cfg->language);
		pm_buf_putc(out, '"');
	}
	pm_buf_puts(out, ">\n");
	put_element(out, 1, "id", *base ? base : "urn:pmsite:feed");
	put_element(out, 1, "title", cfg->title);
	if (cfg->description && *cfg->description)
		put_element(out, 1, "subtitle", cfg->description);
	pm_buf_puts(out, "\t<updated>");
	stamp_put(out, feed_updated(site), 0);
	pm_buf_puts(out, "</updated>\n"
	    "\t<link rel=\"self\" type=\"application/atom+xml\" href=\"");
	put_text(out, base);
	pm_buf_puts(out, "feed.xml\"/>\n"
	    "\t<link rel=\"alternate\" type=\"text/html\" href=\"");
	put_text(out, *base ? base : "index.html");
	pm_buf_puts(out, "\"/>\n\t<author>\n");
	put_element(out, 2, "name", cfg->title);
	pm_buf_puts(out, "\t</author>\n"
	    "\t<generator version=\"" PM_VERSION "\">pmsite</generator>\n");
	for (i = 0; i < entry_count(site); i++)
		atom_entry(out, a, site, site->incidents[i]);
	pm_buf_puts(out, "</feed>\n");
	pm_arena_free(a);
	return 0;
}

/* [{"name": …}] for each name. */
static struct pm_value *
json_authors(struct pm_arena *a, const char *const *names, size_t len)
{
	struct pm_value *list = pm_value_new_list(a), *author;
	size_t i;

	for (i = 0; i < len; i++) {
		author = pm_value_new_map(a);
		pm_value_map_set_str(a, author, "name", names[i]);
		pm_value_list_push(a, list, author);
	}
	return list;
}

static struct pm_value *
json_item(struct pm_arena *a, const struct pm_site *site,
    const struct pm_incident *inc)
{
	const char *base = site->config->base_url;
	struct pm_value *item = pm_value_new_map(a);
	long long published, updated;
	struct pm_strlist terms;

	entry_times(&published, &updated, inc);
	pm_value_map_set_str(a, item, "id", incident_id(a, base, inc->slug));
	pm_value_map_set_str(a, item, "url", incident_url(a, base,
	    inc->slug));
	pm_value_map_set_str(a, item, "title", inc->title ? inc->title :
	    inc->slug);
	if (inc->summary && *inc->summary)
		pm_value_map_set_str(a, item, "summary", inc->summary);
	if (inc->html && inc->html_len)
		pm_value_map_set(a, item, "content_html",
		    pm_value_new_string_ref(a, inc->html, inc->html_len));
	else
		pm_value_map_set_str(a, item, "content_text", inc->summary &&
		    *inc->summary ? inc->summary : inc->title ? inc->title :
		    inc->slug);
	pm_value_map_set_str(a, item, "date_published", stamp_str(a,
	    published));
	pm_value_map_set_str(a, item, "date_modified", stamp_str(a,
	    updated));
	if (inc->git.authors.len)
		pm_value_map_set(a, item, "authors", json_authors(a,
		    inc->git.authors.items, inc->git.authors.len));
	collect_terms(&terms, a, inc);
	if (terms.len)
		pm_value_map_set(a, item, "tags", pm_strlist_to_value(&terms,
		    a));
	return item;
}

int
pm_feeds_json(struct pm_buf *out, const struct pm_site *site,
    struct pm_error *err)
{
	const struct pm_config *cfg = site->config;
	struct pm_arena *a = pm_arena_new();
	struct pm_value *feed = pm_value_new_map(a), *items;
	size_t i;

	(void)err;
	pm_value_map_set_str(a, feed, "version",
	    "https://jsonfeed.org/version/1.1");
	pm_value_map_set_str(a, feed, "title", cfg->title);
	if (*cfg->base_url) {
		pm_value_map_set_str(a, feed, "home_page_url", cfg->base_url);
		pm_value_map_set_str(a, feed, "feed_url", pm_arena_printf(a,
		    "%sfeed.json", cfg->base_url));
	}
	if (cfg->description && *cfg->description)
		pm_value_map_set_str(a, feed, "description", cfg->description);
	if (cfg->language && *cfg->language)
		pm_value_map_set_str(a, feed, "language", cfg->language);
	/* Items without git authors inherit the feed's, as in Atom. */
	pm_value_map_set(a, feed, "authors", json_authors(a, &cfg->title,
	    1));
	items = pm_value_new_list(a);
	for (i = 0; i < entry_count(site); i++)
		pm_value_list_push(a, items, json_item(a, site,
		    site->incidents[i]));
	pm_value_map_set(a, feed, "items", items);
	pm_value_write_json(out, feed, 2);
	pm_arena_free(a);
	return 0;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The incident whose page is path, or NULL. */
static const struct pm_incident *
page_incident(const struct pm_site *site, const char *path)
{
	size_t i, n;

	if (strncmp(path, "incidents/", 10) != 0)
		return NULL;
	path += 10;
	for (i = 0; i < site->len; i++) {
		n = strlen(site->incidents[i]->slug);
		if (strncmp(path, site->incidents[i]->slug, n) == 0 &&
		    strcmp(path + n, "/index.html") == 0)
			return site->incidents[i];
	}
	return NULL;
}

int
pm_feeds_sitemap(struct pm_buf *out, const struct pm_site *site,
    const char *const *paths, size_t npaths, struct pm_error *err)
{
	const char *base = site->config->base_url;
	const struct pm_incident *inc;
	long long t, latest = -1, published;
	size_t i, n;

	(void)err;
	if (*base == '\0')
		return 0;
	for (i = 0; i < site->len; i++)
		if (entry_times(&published, &t, site->incidents[i]) &&
		    t > latest)
			latest = t;
	pm_buf_puts(out, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (i = 0; i < npaths; i++) {
		const char *path = paths[i];

		if (!ends_with(path, ".html") || strcmp(path, "404.html") == 0)
			continue;
		n = strlen(path);
		if (strcmp(path, "index.html") == 0 || ends_with(path,
		    "/index.html"))
			n -= 10;
		pm_buf_puts(out, "\t<url>\n\t\t<loc>");
		put_text(out, base);
		pm_buf_put_url(out, path, n);
		pm_buf_puts(out, "</loc>\n");
		inc = page_incident(site, path);
		t = -1;
		if (inc && !entry_times(&published, &t, inc))
			t = -1;
		if (strcmp(path, "index.html") == 0)
			t = latest;
		if (t >= 0) {
			pm_buf_puts(out, "\t\t<lastmod>");
			stamp_put(out, t, 1);
			pm_buf_puts(out, "</lastmod>\n");
		}
		pm_buf_puts(out, "\t</url>\n");
	}
	pm_buf_puts(out, "</urlset>\n");
	return 0;
}
