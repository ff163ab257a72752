/* check_feeds.c: feed.xml, feed.json and sitemap.xml from a site built by
 * hand, checked with xmllint (well-formedness, XPath) and read back with
 * the YAML/JSON parser. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "config.h"
#include "error.h"
#include "feeds.h"
#include "incident.h"
#include "site.h"
#include "value.h"
#include "warnings.h"
#include "yamltree.h"
#include "testutil.h"

#define HOSTILE "</title><script>alert(1)</script> & \"q\" 'a' \x01\x08x"
/* What XML keeps of HOSTILE: the controls are dropped. */
#define HOSTILE_XML "</title><script>alert(1)</script> & \"q\" 'a' x"

struct fx {
	struct pm_arena *a;
	struct pm_config cfg;
	struct pm_site site;
	char *dir;
	int files;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	fx->a = pm_arena_new();
	pm_config_defaults(&fx->cfg);
	fx->cfg.title = "Acme postmortems";
	pm_site_init(&fx->site, fx->a, &fx->cfg);
	fx->dir = tu_tempdir();
	unsetenv("SOURCE_DATE_EPOCH");
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	unsetenv("SOURCE_DATE_EPOCH");
	tu_rm_rf(fx->dir);
	free(fx->dir);
	pm_arena_free(fx->a);
	free(fx);
	return 0;
}

static struct pm_incident *
add(struct fx *fx, const char *slug, const char *date)
{
	struct pm_incident *inc = pm_arena_calloc(fx->a, 1, sizeof(*inc));

	pm_incident_init(inc);
	inc->slug = slug;
	inc->path = pm_arena_printf(fx->a, "content/%s.md", slug);
	inc->title = pm_arena_printf(fx->a, "Title of %s", slug);
	inc->date = date;
	pm_site_add(&fx->site, inc);
	return inc;
}

/* Order the site as a build does (newest first). */
static void
finish(struct fx *fx)
{
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_error err;

	pm_error_clear(&err);
	assert_int_equal(pm_site_finish(&fx->site, &w, &err), 0);
	pm_warnings_free(&w);
}

static int
have_xmllint(void)
{
	return tu_run("command -v xmllint", NULL, NULL) == 0;
}

/* The document written to a file of the fixture's folder; heap path. */
static char *
save(struct fx *fx, const struct pm_buf *b)
{
	char *path = malloc(strlen(fx->dir) + 32);

	sprintf(path, "%s/doc%d.xml", fx->dir, fx->files++);
	tu_write(fx->dir, strrchr(path, '/') + 1, pm_buf_cstr(b));
	return path;
}

static void
assert_well_formed(const char *path)
{
	char cmd[1024], *out = NULL, *err = NULL;
	int rc;

	snprintf(cmd, sizeof(cmd), "xmllint --noout '%s'", path);
	rc = tu_run(cmd, &out, &err);
	if (rc != 0)
		fail_msg("xmllint: %s", err);
	assert_string_equal(err, "");
	free(out);
	free(err);
}

/* xmllint's answer to an XPath expression (heap string, without the
 * final newline).  Elements are matched by local-name() because the
 * documents use a default namespace. */
static char *
xpath(const char *path, const char *expr)
{
	char cmd[2048], *out = NULL;
	size_t n;

	snprintf(cmd, sizeof(cmd), "xmllint --xpath \"%s\" '%s'", expr, path);
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	n = strlen(out);
	if (n && out[n - 1] == '\n')
		out[n - 1] = '\0';
	return out;
}

static void
assert_xpath(const char *path, const char *expr, const char *want)
{
	char *got = xpath(path, expr);

	if (strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", expr, got, want);
	free(got);
}

#define E(name) "*[local-name()='" name "']"

static void
write_atom(struct fx *fx, struct pm_buf *b)
{
	struct pm_error err;

	pm_error_clear(&err);
	pm_buf_clear(b);
	assert_int_equal(pm_feeds_atom(b, &fx->site, &err), 0);
	assert_false(pm_error_is_set(&err));
}

static void
test_atom_has_what_rfc4287_requires(void **state)
{
	struct fx *fx = *state;
	struct pm_buf b = PM_BUF_INIT;
	struct pm_incident *inc;
	char *path;

	if (!have_xmllint())
		skip();
	inc = add(fx, "db-lock", "2024-03-05");
	inc->summary = "Checkout locked up.";
	inc->category = "database-locking";
	pm_strlist_push(&inc->tags, fx->a, "postgres");
	pm_strlist_push(&inc->git.authors, fx->a, "Ada");
	pm_strlist_push(&inc->git.authors, fx->a, "Grace");
	inc->html = "<p>Body &amp; <a href=\"#root-cause\">cause</a></p>\n";
	inc->html_len = strlen(inc->html);
	add(fx, "dns", "2024-02-01");
	add(fx, "undated", NULL);
	finish(fx);
	write_atom(fx, &b);
	path = save(fx, &b);
	assert_well_formed(path);

	assert_xpath(path, "count(/" E("feed") ")", "1");
	assert_xpath(path, "count(/" E("feed") "/" E("id") ")", "1");
	assert_xpath(path, "string(/" E("feed") "/" E("title") ")",
	    "Acme postmortems");
	assert_xpath(path, "string(/" E("feed") "/" E("subtitle") ")",
	    "What we learned from our incidents.");
	assert_xpath(path, "count(/" E("feed") "/" E("updated") ")", "1");
	assert_xpath(path, "string(/" E("feed") "/" E("author") "/" E("name")
	    ")", "Acme postmortems");
	assert_xpath(path, "count(//" E("link") "[@rel='self'])", "1");
	assert_xpath(path, "count(/" E("feed") "/" E("entry") ")", "3");
	/* Every entry: one id, title, updated, alternate link, an author. */
	assert_xpath(path, "count(//" E("entry") "[count(" E("id") ")=1 and "
	    "count(" E("title") ")=1 and count(" E("updated") ")=1 and "
	    "count(" E("link") "[@rel='alternate'])=1 and " E("author") "/"
	    E("name") "])", "3");
	assert_xpath(path, "string(//" E("entry") "[1]/" E("title") ")",
	    "Title of db-lock");
	assert_xpath(path, "count(//" E("entry") "[1]/" E("author") ")", "2");
	assert_xpath(path, "string(//" E("entry") "[1]/" E("author") "[2]/"
	    E("name") ")", "Grace");
	/* No git authors: the site's name. */
	assert_xpath(path, "string(//" E("entry") "[2]/" E("author") "/"
	    E("name") ")", "Acme postmortems");
	assert_xpath(path, "string(//" E("entry") "[1]/" E("category")
	    "[1]/@term)", "database-locking");
	assert_xpath(path, "string(//" E("entry") "[1]/" E("category")
	    "[2]/@term)", "postgres");
	assert_xpath(path, "string(//" E("entry") "[1]/" E("summary") ")",
	    "Checkout locked up.");
	/* The body, escaped once, reads back as the HTML it was. */
	assert_xpath(path, "string(//" E("entry") "[1]/" E("content")
	    "[@type='html'])", "<p>Body &amp; <a href=\"#root-cause\">"
	    "cause</a></p>\n");
	assert_xpath(path, "string(//" E("entry") "[1]/" E("content")
	    "/@xml:base)", "incidents/db-lock/index.html");
	assert_xpath(path, "count(//" E("entry") "[2]/" E("content") ")", "0");
	free(path);
	pm_buf_free(&b);
}

static void
test_atom_escapes_hostile_text(void **state)
{
	struct fx *fx = *state;
	struct pm_buf b = PM_BUF_INIT;
	struct pm_incident *inc;
	char *path;

	fx->cfg.title = "A & B <sites>";
	fx->cfg.language = "en\"><x";
	inc = add(fx, "x", "2024-01-01");
	inc->title = HOSTILE;
	inc->summary = "ends with ]]> and \x1b[31m colour";
	inc->category = "a\"b<c";
	/* Latin-1, as an old git config may give, and U+FFFE. */
	pm_strlist_push(&inc->git.authors, fx->a, "Ren\xe9 \xef\xbf\xbe!");
	finish(fx);
	write_atom(fx, &b);
	assert_null(strstr(pm_buf_cstr(&b), "<script>"));
	assert_non_null(strstr(pm_buf_cstr(&b), "&lt;/title&gt;&lt;script&gt;"
	    "alert(1)&lt;/script&gt; &amp; &quot;q&quot; &apos;a&apos; x"));
	assert_non_null(strstr(pm_buf_cstr(&b), "<name>Ren\xef\xbf\xbd !"
	    "</name>"));
	if (!have_xmllint()) {
		pm_buf_free(&b);
		skip();
	}
	path = save(fx, &b);
	assert_well_formed(path);
	assert_xpath(path, "string(//" E("entry") "/" E("title") ")",
	    HOSTILE_XML);
	assert_xpath(path, "string(/" E("feed") "/" E("title") ")",
	    "A & B <sites>");
	assert_xpath(path, "string(//" E("entry") "/" E("summary") ")",
	    "ends with ]]> and [31m colour");
	assert_xpath(path, "string(//" E("category") "/@term)", "a\"b<c");
	/* A byte that is not UTF-8 becomes U+FFFD; U+FFFE, which XML
	 * forbids, is dropped. */
	assert_xpath(path, "string(//" E("entry") "/" E("author") "/"
	    E("name") ")", "Ren\xef\xbf\xbd !");
	free(path);
	pm_buf_free(&b);
}

/* The text of the first <name> after from (heap), or NULL. */
static char *
element_after(const char *doc, const char *from, const char *name)
{
	char open[64], close[64];
	const char *s, *e;

	snprintf(open, sizeof(open), "<%s>", name);
	snprintf(close, sizeof(close), "</%s>", name);
	s = from ? strstr(doc, from) : doc;
	if (s == NULL || (s = strstr(s, open)) == NULL)
		return NULL;
	s += strlen(open);
	e = strstr(s, close);
	return e ? strndup(s, (size_t)(e - s)) : NULL;
}

static void
assert_element(const char *doc, const char *from, const char *name,
    const char *want)
{
	char *got = element_after(doc, from, name);

	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("<%s> after %s: got %s, want %s", name, from, got,
		    want);
	free(got);
}

static void
test_atom_dates_come_from_the_content(void **state)
{
	struct fx *fx = *state;
	struct pm_buf b = PM_BUF_INIT;
	struct pm_incident *inc;
	const char *doc;

	/* Newest by date, but not the latest change. */
	inc = add(fx, "newest", "2024-03-10");
	inc->git.created = "2024-03-10T23:30:00+01:00";
	inc->git.updated = "2024-03-11T00:00:00Z";
	inc = add(fx, "edited", "2024-03-01T09:00:00-05:00");
	inc->git.created = "2024-03-02T10:00:00+02:00";
	inc->git.updated = "2024-12-31T23:30:00-01:00";
	add(fx, "plain", "2024-02-29");
	add(fx, "undated", NULL);
	finish(fx);
	write_atom(fx, &b);
	doc = pm_buf_cstr(&b);

	/* The feed: the latest updated of its entries, across a new year. */
	assert_element(doc, NULL, "updated", "2025-01-01T00:30:00Z");
	assert_element(doc, "incident:newest", "published",
	    "2024-03-10T22:30:00Z");
	assert_element(doc, "incident:newest", "updated",
	    "2024-03-11T00:00:00Z");
	assert_element(doc, "incident:edited", "published",
	    "2024-03-02T08:00:00Z");
	assert_element(doc, "incident:edited", "updated",
	    "2025-01-01T00:30:00Z");
	/* No git facts: the incident date at 00:00 UTC (a leap day). */
	assert_element(doc, "incident:plain", "published",
	    "2024-02-29T00:00:00Z");
	assert_element(doc, "incident:plain", "updated",
	    "2024-02-29T00:00:00Z");
	/* Nothing at all: the epoch, never the clock. */
	assert_element(doc, "incident:undated", "updated",
	    "1970-01-01T00:00:00Z");

	setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
	write_atom(fx, &b);
	assert_element(pm_buf_cstr(&b), "incident:undated", "published",
	    "2023-11-14T22:13:20Z");
	pm_buf_free(&b);
}

static void
test_empty_feed_uses_source_date_epoch(void **state)
{
	struct fx *fx = *state;
	struct pm_buf b = PM_BUF_INIT;
	char *path;

	write_atom(fx, &b);
	assert_element(pm_buf_cstr(&b), NULL, "updated",
	    "1970-01-01T00:00:00Z");
	assert_null(strstr(pm_buf_cstr(&b), "<entry>"));
	setenv("SOURCE_DATE_EPOCH", "86400", 1);
	write_atom(fx, &b);
	assert_element(pm_buf_cstr(&b), NULL, "updated",
	    "1970-01-02T00:00:00Z");
	/* Not a number of seconds: ignored. */
	setenv("SOURCE_DATE_EPOCH", "86400x", 1);
	write_atom(fx, &b);
	assert_element(pm_buf_cstr(&b), NULL, "updated",
	    "1970-01-01T00:00:00Z");
	setenv("SOURCE_DATE_EPOCH", "-5", 1);
	write_atom(fx, &b);
	assert_element(pm_buf_cstr(&b), NULL, "updated",
	    "1970-01-01T00:00:00Z");
	if (have_xmllint()) {
		path = save(fx, &b);
		assert_well_formed(path);
		free(path);
	}
	pm_buf_free(&b);
}

static void
test_atom_links_with_and_without_base_url(void **state)
{
	struct fx *fx = *state;
	struct pm_buf b = PM_BUF_INIT;
	const char *doc;

	add(fx, "db-lock", "2024-03-05");
	finish(fx);
	write_atom(fx, &b);
	doc = pm_buf_cstr(&b);
	assert_element(doc, NULL, "id", "urn:pmsite:feed");
	assert_element(doc, "<entry>", "id", "urn:pmsite:incident:db-lock");
	assert_non_null(strstr(doc, "rel=\"self\" type=\"application/atom+xml\""
	    " href=\"feed.xml\""));
	assert_non_null(strstr(doc, "rel=\"alternate\" type=\"text/html\" "
	    "href=\"index.html\""));
	assert_non_null(strstr(doc, "href=\"incidents/db-lock/index.html\""));
	assert_null(strstr(doc, "http://e"));

	fx->cfg.base_url = "https://example.org/pm/";
	write_atom(fx, &b);
	doc = pm_buf_cstr(&b);
	assert_element(doc, NULL, "id", "https://example.org/pm/");
	assert_element(doc, "<entry>", "id",
	    "https://example.org/pm/incidents/db-lock/");
	assert_non_null(strstr(doc,
	    "href=\"https://example.org/pm/feed.xml\""));
	assert_non_null(strstr(doc, "rel=\"alternate\" type=\"text/html\" "
	    "href=\"https://example.org/pm/\""));
	assert_non_null(strstr(doc,
	    "href=\"https://example.org/pm/incidents/db-lock/\""));
	assert_null(strstr(doc, "urn:"));
	pm_buf_free(&b);
}

static struct pm_value *
parse_json(struct fx *fx, const struct pm_buf *b)
{
	struct pm_value *v = NULL;
	struct pm_error err;
	char msg[1024];

	pm_error_clear(&err);
	if (pm_yaml_parse(&v, fx->a, b->ptr, b->len, "feed.json", 1, &err))
		fail_msg("%s", pm_error_format(msg, sizeof(msg), &err));
	assert_non_null(v);
	return v;
}

static void
test_feeds_keep_the_newest_entries(void **state)
{
	struct fx *fx = *state;
	struct pm_buf b = PM_BUF_INIT;
	struct pm_error err;
	struct pm_value *feed, *items;
	int i;

	for (i = 0; i < PM_FEEDS_MAX_ENTRIES + 10; i++)
		add(fx, pm_arena_printf(fx->a, "i%02d", i),
		    pm_arena_printf(fx->a, "2020-01-%02d", i % 28 + 1));
	finish(fx);
	write_atom(fx, &b);
	assert_int_equal(tu_count(pm_buf_cstr(&b), "<entry>"),
	    PM_FEEDS_MAX_ENTRIES);
	assert_element(pm_buf_cstr(&b), "<entry>", "id",
	    pm_arena_printf(fx->a, "urn:pmsite:incident:%s",
	    fx->site.incidents[0]->slug));
	assert_string_equal(fx->site.incidents[0]->date, "2020-01-28");

	pm_error_clear(&err);
	pm_buf_clear(&b);
	assert_int_equal(pm_feeds_json(&b, &fx->site, &err), 0);
	feed = parse_json(fx, &b);
	items = pm_value_map_get(feed, "items");
	assert_int_equal(pm_value_len(items), PM_FEEDS_MAX_ENTRIES);
	assert_string_equal(pm_value_str(pm_value_map_get(items->u.list.items[
	    PM_FEEDS_MAX_ENTRIES - 1], "id")), pm_arena_printf(fx->a,
	    "urn:pmsite:incident:%s",
	    fx->site.incidents[PM_FEEDS_MAX_ENTRIES - 1]->slug));
	pm_buf_free(&b);
}

static const char *
str_at(const struct pm_value *v, const char *path)
{
	return pm_value_str(pm_value_get_path(v, path));
}

static void
test_json_feed_reads_back(void **state)
{
	struct fx *fx = *state;
	struct pm_buf b = PM_BUF_INIT;
	struct pm_error err;
	struct pm_incident *inc;
	struct pm_value *feed, *items, *item;
	const char *title = HOSTILE "\\ \n\t\xc3\xa9";

	inc = add(fx, "db-lock", "2024-03-05T10:00:00-05:00");
	inc->title = title;
	inc->summary = "Checkout locked up.";
	inc->category = "database-locking";
	pm_strlist_push(&inc->categories, fx->a, "database-locking");
	pm_strlist_push(&inc->categories, fx->a, "configuration");
	pm_strlist_push(&inc->tags, fx->a, "postgres");
	pm_strlist_push(&inc->tags, fx->a, "configuration");
	pm_strlist_push(&inc->git.authors, fx->a, "Ada");
	inc->git.updated = "2024-03-06T12:00:00+01:00";
	inc->html = "<p>Body</p>\n";
	inc->html_len = strlen(inc->html);
	add(fx, "bare", "2024-01-01");
	finish(fx);

	pm_error_clear(&err);
	assert_int_equal(pm_feeds_json(&b, &fx->site, &err), 0);
	assert_null(strstr(pm_buf_cstr(&b), "<"));
	assert_int_equal(b.ptr[b.len - 1], '\n');
	feed = parse_json(fx, &b);
	assert_string_equal(str_at(feed, "version"),
	    "https://jsonfeed.org/version/1.1");
	assert_string_equal(str_at(feed, "title"), "Acme postmortems");
	assert_string_equal(str_at(feed, "description"),
	    "What we learned from our incidents.");
	assert_string_equal(str_at(feed, "language"), "en");
	assert_null(pm_value_map_get(feed, "home_page_url"));
	assert_null(pm_value_map_get(feed, "feed_url"));
	items = pm_value_map_get(feed, "items");
	assert_int_equal(pm_value_len(items), 2);
	item = items->u.list.items[0];
	/* Every byte of the title comes back. */
	assert_string_equal(str_at(item, "title"), title);
	assert_string_equal(str_at(item, "id"), "urn:pmsite:incident:db-lock");
	assert_string_equal(str_at(item, "url"),
	    "incidents/db-lock/index.html");
	assert_string_equal(str_at(item, "summary"), "Checkout locked up.");
	assert_string_equal(str_at(item, "content_html"), "<p>Body</p>\n");
	assert_string_equal(str_at(item, "date_published"),
	    "2024-03-05T15:00:00Z");
	assert_string_equal(str_at(item, "date_modified"),
	    "2024-03-06T11:00:00Z");
	assert_int_equal(pm_value_len(pm_value_map_get(item, "authors")), 1);
	assert_string_equal(pm_value_str(pm_value_map_get(pm_value_map_get(
	    item, "authors")->u.list.items[0], "name")), "Ada");
	item = pm_value_map_get(item, "tags");
	assert_int_equal(pm_value_len(item), 3);
	assert_string_equal(pm_value_str(item->u.list.items[0]),
	    "database-locking");
	assert_string_equal(pm_value_str(item->u.list.items[1]),
	    "configuration");
	assert_string_equal(pm_value_str(item->u.list.items[2]), "postgres");

	/* Unknown is absent, not null; a body-less item has content_text. */
	item = items->u.list.items[1];
	assert_null(pm_value_map_get(item, "summary"));
	assert_null(pm_value_map_get(item, "content_html"));
	assert_null(pm_value_map_get(item, "authors"));
	assert_null(pm_value_map_get(item, "tags"));
	assert_string_equal(str_at(item, "content_text"), "Title of bare");
	assert_string_equal(pm_value_str(pm_value_map_get(pm_value_map_get(
	    feed, "authors")->u.list.items[0], "name")), "Acme postmortems");

	fx->cfg.base_url = "https://example.org/pm/";
	pm_buf_clear(&b);
	assert_int_equal(pm_feeds_json(&b, &fx->site, &err), 0);
	feed = parse_json(fx, &b);
	assert_string_equal(str_at(feed, "home_page_url"),
	    "https://example.org/pm/");
	assert_string_equal(str_at(feed, "feed_url"),
	    "https://example.org/pm/feed.json");
	item = pm_value_map_get(feed, "items")->u.list.items[0];
	assert_string_equal(str_at(item, "url"),
	    "https://example.org/pm/incidents/db-lock/");
	assert_string_equal(str_at(item, "id"),
	    "https://example.org/pm/incidents/db-lock/");
	pm_buf_free(&b);
}

static void
test_sitemap(void **state)
{
	static const char *const paths[] = {
		"index.html", "incidents/db-lock/index.html",
		"incidents/undated/index.html", "search/index.html",
		"404.html", "incidents.json", "feed.xml", ".nojekyll",
		"causes/a-b/index.html",
	};
	struct fx *fx = *state;
	struct pm_buf b = PM_BUF_INIT;
	struct pm_error err;
	struct pm_incident *inc;
	char *path;

	inc = add(fx, "db-lock", "2024-03-05");
	inc->git.updated = "2024-04-01T23:30:00-02:00";
	add(fx, "dns", "2024-02-01");
	add(fx, "undated", NULL);
	finish(fx);
	pm_error_clear(&err);

	/* No base URL: nothing written, no error. */
	pm_buf_puts(&b, "kept");
	assert_int_equal(pm_feeds_sitemap(&b, &fx->site, paths, 9, &err), 0);
	assert_string_equal(pm_buf_cstr(&b), "kept");
	assert_false(pm_error_is_set(&err));

	fx->cfg.base_url = "https://example.org/p&m/";
	pm_buf_clear(&b);
	assert_int_equal(pm_feeds_sitemap(&b, &fx->site, paths, 9, &err), 0);
	assert_string_equal(pm_buf_cstr(&b),
	    "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
	    "\t<url>\n\t\t<loc>https://example.org/p&amp;m/</loc>\n"
	    "\t\t<lastmod>2024-04-02</lastmod>\n\t</url>\n"
	    "\t<url>\n\t\t<loc>https://example.org/p&amp;m/incidents/db-lock/"
	    "</loc>\n\t\t<lastmod>2024-04-02</lastmod>\n\t</url>\n"
	    "\t<url>\n\t\t<loc>https://example.org/p&amp;m/incidents/undated/"
	    "</loc>\n\t</url>\n"
	    "\t<url>\n\t\t<loc>https://example.org/p&amp;m/search/</loc>\n"
	    "\t</url>\n"
	    "\t<url>\n\t\t<loc>https://example.org/p&amp;m/causes/a-b/</loc>\n"
	    "\t</url>\n"
	    "</urlset>\n");
	if (have_xmllint()) {
		path = save(fx, &b);
		assert_well_formed(path);
		assert_xpath(path, "count(//" E("url") "/" E("loc") ")", "5");
		free(path);
	}
	pm_buf_free(&b);
}

static void
test_feeds_are_deterministic(void **state)
{
	static const char *const paths[] = { "index.html",
	    "incidents/b/index.html" };
	struct fx *fx = *state;
	struct pm_buf one = PM_BUF_INIT, two = PM_BUF_INIT;
	struct pm_error err;
	struct pm_incident *inc;
	int round, kind;

	inc = add(fx, "b", "2024-03-05");
	inc->git.updated = "2024-03-06T10:00:00Z";
	pm_strlist_push(&inc->git.authors, fx->a, "Ada");
	add(fx, "a", "2023-01-01");
	add(fx, "c", NULL);
	finish(fx);
	fx->cfg.base_url = "https://example.org/";
	pm_error_clear(&err);
	for (kind = 0; kind < 3; kind++) {
		for (round = 0; round < 2; round++) {
			struct pm_buf *b = round ? &two : &one;

			pm_buf_clear(b);
			if (kind == 0)
				assert_int_equal(pm_feeds_atom(b, &fx->site,
				    &err), 0);
			else if (kind == 1)
				assert_int_equal(pm_feeds_json(b, &fx->site,
				    &err), 0);
			else
				assert_int_equal(pm_feeds_sitemap(b,
				    &fx->site, paths, 2, &err), 0);
		}
		assert_true(one.len > 100);
		assert_int_equal(one.len, two.len);
		assert_memory_equal(one.ptr, two.ptr, one.len);
	}
	pm_buf_free(&one);
	pm_buf_free(&two);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_atom_has_what_rfc4287_requires),
		T(test_atom_escapes_hostile_text),
		T(test_atom_dates_come_from_the_content),
		T(test_empty_feed_uses_source_date_epoch),
		T(test_atom_links_with_and_without_base_url),
		T(test_feeds_keep_the_newest_entries),
		T(test_json_feed_reads_back),
		T(test_sitemap),
		T(test_feeds_are_deterministic),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
