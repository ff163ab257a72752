/*
 * check_views.c: unit tests of the page list and the page contexts built
 * from a small site: paths, templates, data pages, relative roots,
 * canonical URLs, previous/next links, git links and the dates and
 * durations written for people (generator/views.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "views.h"
#include "yamltree.h"

struct fx {
	struct pm_arena *arena;
	struct pm_config cfg;
	struct pm_site site;
	struct pm_pages pages;
	struct pm_error err;
	int jobs;		/* of pm_views_build(); 0 is 1 */
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

	pm_arena_free(fx->arena);
	free(fx);
	return 0;
}

/* Configure from pmsite.yml text. */
static void
configure(struct fx *fx, const char *yml)
{
	struct pm_warnings w = PM_WARNINGS_INIT;

	assert_int_equal(pm_config_parse(&fx->cfg, fx->arena, yml,
	    strlen(yml), "pmsite.yml", &w, &fx->err), 0);
	assert_int_equal(w.len, 0);
	pm_warnings_free(&w);
}

static struct pm_incident *
add(struct fx *fx, const char *slug, const char *path, const char *date,
    const char *title)
{
	struct pm_incident *inc = pm_arena_alloc(fx->arena, sizeof(*inc));

	pm_incident_init(inc);
	inc->slug = slug;
	inc->path = path;
	inc->date = date;
	inc->title = title;
	pm_site_add(&fx->site, inc);
	return inc;
}

/* Three incidents, given out of order; the build sorts them. */
static void
small_site(struct fx *fx)
{
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident *inc;

	add(fx, "middle", "postmortems/middle.md", "2024-03-05", "Middle");
	inc = add(fx, "newest", "postmortems/2024 db outage.md",
	    "2024-05-01", "Newest");
	inc->html = "<p>newest body</p>";
	inc->html_len = strlen(inc->html);
	inc->duration_minutes = 95;
	inc->impact_percent = 12.5;
	inc->git.created = "2024-05-02T08:00:00Z";
	pm_strlist_push(&inc->git.authors, fx->arena, "Ada");
	pm_strlist_push(&inc->git.authors, fx->arena, "Linus");
	add(fx, "oldest", "postmortems/oldest.md", "2023-01-02", "Oldest");
	assert_int_equal(pm_site_finish(&fx->site, &w, &fx->err), 0);
	pm_warnings_free(&w);
}

static void
build(struct fx *fx)
{
	char msg[1024];

	memset(&fx->pages, 0, sizeof(fx->pages));
	if (pm_views_build(&fx->pages, fx->arena, &fx->site, fx->jobs,
	    &fx->err) != 0)
		fail_msg("views: %s", pm_error_format(msg, sizeof(msg),
		    &fx->err));
	/* Incident pages make their contexts, and data pages their bytes,
	 * when rendered; the tests look at every one, so make them now. */
	for (size_t i = 0; i < fx->pages.len; i++) {
		struct pm_page *p = &fx->pages.items[i];

		if (p->make && pm_page_context(&p->context, p, fx->arena,
		    &fx->err) != 0)
			fail_msg("%s: %s", p->path, pm_error_format(msg,
			    sizeof(msg), &fx->err));
		/* Made lists (the action groups) only make their items when
		 * read: a deep copy reads them all, once, for walk(). */
		if (p->make)
			p->context = pm_value_copy(fx->arena, p->context);
		if (p->write) {
			struct pm_buf b = PM_BUF_INIT;

			if (pm_page_data(&b, p, &fx->err) != 0)
				fail_msg("%s: %s", p->path, pm_error_format(
				    msg, sizeof(msg), &fx->err));
			p->data = pm_arena_strndup(fx->arena, pm_buf_cstr(&b),
			    b.len);
			p->len = b.len;
			pm_buf_free(&b);
		}
	}
}

/* The index of the page at path, or -1. */
static long
page_index(const struct fx *fx, const char *path)
{
	for (size_t i = 0; i < fx->pages.len; i++)
		if (strcmp(fx->pages.items[i].path, path) == 0)
			return (long)i;
	return -1;
}

static const struct pm_page *
page(const struct fx *fx, const char *path)
{
	long i = page_index(fx, path);

	if (i < 0)
		fail_msg("no page %s", path);
	return &fx->pages.items[i];
}

/* Follow a dotted path through maps, and through lists where a part is
 * a number ("related.0.reason"), as templates do. */
static const struct pm_value *
walk(const struct pm_value *v, const char *path)
{
	while (v && *path) {
		size_t n = strcspn(path, ".");
		char *end;
		unsigned long i = strtoul(path, &end, 10);

		if (v->type == PM_VALUE_LIST && end == path + n && n > 0)
			v = i < v->u.list.len ? v->u.list.items[i] : NULL;
		else
			v = pm_value_map_getn(v, path, n);
		path += n + (path[n] == '.');
	}
	return v;
}

static const char *
ctx_str(const struct pm_page *p, const char *path)
{
	return pm_value_str(walk(p->context, path));
}

static int
ctx_is_null(const struct pm_page *p, const char *path)
{
	return pm_value_is(walk(p->context, path), PM_VALUE_NULL);
}

static void
test_page_list(void **state)
{
	static const char *const order[] = {
		"index.html", "incidents/newest/index.html",
		"incidents/middle/index.html", "incidents/oldest/index.html",
		"404.html", "incidents.json", ".nojekyll",
	};
	struct fx *fx = *state;
	long prev = -1;

	small_site(fx);
	build(fx);
	/* The pages there are, in a fixed order (others may come in
	 * between as the site grows). */
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		long at = page_index(fx, order[i]);

		if (at < 0)
			fail_msg("no page %s", order[i]);
		assert_true(at > prev);
		prev = at;
	}
	assert_int_equal(page_index(fx, "CNAME"), -1);
	assert_string_equal(page(fx, "index.html")->template, "index");
	assert_string_equal(page(fx, "incidents/middle/index.html")->template,
	    "incident");
	assert_string_equal(page(fx, "404.html")->template, "404");
	/* Data pages carry bytes, no template. */
	assert_null(page(fx, "incidents.json")->template);
	assert_null(page(fx, ".nojekyll")->template);
	assert_non_null(page(fx, ".nojekyll")->data);
	assert_int_equal(page(fx, ".nojekyll")->len, 0);
	/* Every path is relative and in the slug alphabet. */
	for (size_t i = 0; i < fx->pages.len; i++) {
		const char *p = fx->pages.items[i].path;

		assert_true(p[0] != '/');
		assert_null(strstr(p, ".."));
		assert_int_equal(strspn(p, "abcdefghijklmnopqrstuvwxyz"
		    "0123456789-./CNAME"), strlen(p));
		/* A template page has a context, a data page none. */
		assert_true((fx->pages.items[i].template == NULL) ==
		    (fx->pages.items[i].context == NULL));
	}
}

static void
test_cname_page(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;

	configure(fx, "cname: incidents.acme.example\n");
	small_site(fx);
	build(fx);
	p = page(fx, "CNAME");
	assert_null(p->template);
	assert_string_equal(p->data, "incidents.acme.example\n");
	assert_int_equal(p->len, strlen("incidents.acme.example\n"));
}

/* The JSON export is the record of every incident, newest first, with the
 * record's fields only. */
static void
test_incidents_json(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;
	struct pm_value *v = NULL, *want = pm_value_new_list(fx->arena);
	struct pm_buf b = PM_BUF_INIT;

	small_site(fx);
	build(fx);
	p = page(fx, "incidents.json");
	assert_int_equal(strlen(p->data), p->len);
	assert_int_equal(p->data[p->len - 1], '\n');
	for (size_t i = 0; i < fx->site.len; i++)
		pm_value_list_push(fx->arena, want, pm_incident_to_value(
		    fx->site.incidents[i], fx->arena));
	pm_value_write_json(&b, want, 2);
	assert_string_equal(p->data, pm_buf_cstr(&b));
	pm_buf_free(&b);
	/* And it is JSON that reads back. */
	assert_int_equal(pm_yaml_parse(&v, fx->arena, p->data, p->len,
	    "incidents.json", 1, &fx->err), 0);
	assert_int_equal(pm_value_len(v), 3);
	assert_string_equal(pm_value_str(pm_value_map_get(v->u.list.items[0],
	    "slug")), "newest");
	assert_null(pm_value_map_get(v->u.list.items[0], "date_display"));
	assert_int_equal(pm_value_len(v->u.list.items[0]), 26);
}

static void
test_roots_and_canonical_relative(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;

	small_site(fx);
	build(fx);
	p = page(fx, "index.html");
	assert_string_equal(ctx_str(p, "root"), "");
	assert_true(ctx_is_null(p, "page.canonical"));
	assert_string_equal(ctx_str(p, "page.path"), "index.html");
	assert_string_equal(ctx_str(p, "page.title"), "Postmortems");
	p = page(fx, "incidents/newest/index.html");
	assert_string_equal(ctx_str(p, "root"), "../../");
	assert_true(ctx_is_null(p, "page.canonical"));
	assert_string_equal(ctx_str(p, "page.title"), "Newest");
	assert_string_equal(ctx_str(p, "page.path"),
	    "incidents/newest/index.html");
	p = page(fx, "404.html");
	assert_string_equal(ctx_str(p, "root"), "");
	assert_true(ctx_is_null(p, "page.canonical"));
	assert_string_equal(ctx_str(p, "page.title"), "Page not found");
}

static void
test_roots_and_canonical_base_url(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;

	configure(fx, "base_url: https://acme.github.io/pm\n");
	small_site(fx);
	build(fx);
	p = page(fx, "index.html");
	assert_string_equal(ctx_str(p, "root"), "");
	assert_string_equal(ctx_str(p, "page.canonical"),
	    "https://acme.github.io/pm/");
	p = page(fx, "incidents/oldest/index.html");
	assert_string_equal(ctx_str(p, "root"), "../../");
	/* The folder URL, as hosts serve it. */
	assert_string_equal(ctx_str(p, "page.canonical"),
	    "https://acme.github.io/pm/incidents/oldest/");
	/* 404.html is served at any depth: absolute links there. */
	p = page(fx, "404.html");
	assert_string_equal(ctx_str(p, "root"), "https://acme.github.io/pm/");
	assert_string_equal(ctx_str(p, "page.canonical"),
	    "https://acme.github.io/pm/404.html");
}

static void
test_site_context(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;
	const char *gen;

	configure(fx, "title: ACME\ndescription: Lessons\nlanguage: de\n"
	    "repo_url: https://github.com/acme/pm/\n");
	small_site(fx);
	build(fx);
	p = page(fx, "incidents/middle/index.html");
	assert_string_equal(ctx_str(p, "site.title"), "ACME");
	assert_string_equal(ctx_str(p, "site.description"), "Lessons");
	assert_string_equal(ctx_str(p, "site.language"), "de");
	assert_string_equal(ctx_str(p, "site.base_url"), "");
	assert_string_equal(ctx_str(p, "site.repo_url"),
	    "https://github.com/acme/pm");
	assert_true(pm_value_get_path(p->context,
	    "site.incident_count")->u.number == 3);
	/* The commit only on the home page (views_int.h). */
	assert_null(pm_value_get_path(p->context, "site.commit"));
	gen = ctx_str(p, "site.generator");
	assert_non_null(gen);
	assert_int_equal(strncmp(gen, "pmsite ", 7), 0);
	/* The index page lists every incident, newest first. */
	p = page(fx, "index.html");
	assert_string_equal(ctx_str(p, "page.title"), "ACME");
	assert_int_equal(pm_value_len(pm_value_map_get(p->context,
	    "incidents")), 3);
	assert_string_equal(pm_value_str(pm_value_map_get(pm_value_map_get(
	    p->context, "incidents")->u.list.items[2], "slug")), "oldest");
	assert_int_equal(pm_value_map_get(p->context,
	    "has_incidents")->u.boolean, 1);
}

static void
test_commit_in_context(void **state)
{
	struct fx *fx = *state;

	small_site(fx);
	fx->site.commit = "0123456789abcdef";
	build(fx);
	assert_string_equal(ctx_str(page(fx, "index.html"), "site.commit"),
	    "0123456789abcdef");
	/* Anywhere else it would change every page at every commit. */
	assert_null(pm_value_get_path(page(fx, "causes/index.html")->context,
	    "site.commit"));
}

/* The key of every page (views.h pm_page_key()), by path. */
struct keys {
	const char *path[64];
	struct pm_digest key[64];
	int has[64];
	size_t n;
};

static void
page_keys(struct fx *fx, struct keys *k, const struct pm_digest *env)
{
	struct pm_buf scratch = PM_BUF_INIT;

	build(fx);
	assert_true(fx->pages.len <= 64);
	k->n = fx->pages.len;
	for (size_t i = 0; i < k->n; i++) {
		int rc = pm_page_key(&k->key[i], &fx->pages.items[i], env,
		    fx->arena, &scratch, &fx->err);

		assert_true(rc >= 0);
		k->path[i] = fx->pages.items[i].path;
		k->has[i] = rc;
	}
	pm_buf_free(&scratch);
}

/* Has the key of path changed from a to b? */
static int
key_changed(const struct keys *a, const struct keys *b, const char *path)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->path[i], path) == 0) {
			assert_string_equal(b->path[i], path);
			assert_true(a->has[i] && b->has[i]);
			return !pm_digest_equal(&a->key[i], &b->key[i]);
		}
	fail_msg("no page %s", path);
	return -1;
}

static void actions(struct fx *fx, struct pm_incident *inc,
    const char *open, const char *done);

/*
 * A page's key changes with what the page shows and nothing else: an
 * incident's title reaches its page, its neighbours', the lists, the
 * export and the search index; its body only its page.  The search index
 * is keyed by the entries the ingest cut, when the incidents have them.
 */
static void
test_page_keys(void **state)
{
	struct fx *fx = *state;
	const char *slugs[] = { "y2019", "y2020", "y2021", "y2022", "y2023" };
	const char *dates[] = { "2019-02-01", "2020-02-01", "2021-02-01",
	    "2022-02-01", "2023-02-01" };
	struct pm_incident *inc[5];
	struct pm_digest env = { { 1 } }, env2 = { { 2 } };
	static struct keys k1, k2, k3, k4, k5;

	for (int i = 0; i < 5; i++) {
		inc[i] = add(fx, slugs[i], pm_arena_printf(fx->arena,
		    "pm/%s.md", slugs[i]), dates[i], slugs[i]);
		inc[i]->html = pm_arena_printf(fx->arena, "<p>%s</p>",
		    slugs[i]);
		inc[i]->html_len = strlen(inc[i]->html);
	}
	actions(fx, inc[1], "Alert on disk", "Add a second disk");
	inc[1]->action_items[0].added = "2020-02-03";
	fx->site.as_of = "2020-03-01T10:00:00+00:00";
	{
		struct pm_warnings w = PM_WARNINGS_INIT;

		assert_int_equal(pm_site_finish(&fx->site, &w, &fx->err), 0);
		pm_warnings_free(&w);
	}
	page_keys(fx, &k1, &env);
	fx->jobs = 3;		/* the records made on three threads */
	page_keys(fx, &k2, &env);
	for (size_t i = 0; i < k1.n; i++) {
		assert_int_equal(k1.has[i], k2.has[i]);
		if (k1.has[i])
			assert_true(pm_digest_equal(&k1.key[i], &k2.key[i]));
	}
	/* Only data pages read outside their records go without a key. */
	assert_int_equal(pm_page_key(&k3.key[0], page(fx, "feed.xml"), &env,
	    fx->arena, &(struct pm_buf)PM_BUF_INIT, &fx->err), 0);
	assert_false(key_changed(&k1, &k2, "incidents.json"));
	/* The body of 2021. */
	inc[2]->html = "<p>y2021, revised</p>";
	inc[2]->html_len = strlen(inc[2]->html);
	page_keys(fx, &k3, &env);
	assert_true(key_changed(&k1, &k3, "incidents/y2021/index.html"));
	assert_false(key_changed(&k1, &k3, "search.json"));
	assert_false(key_changed(&k1, &k3, "search-index.js"));
	assert_false(key_changed(&k1, &k3, "incidents.json"));
	assert_false(key_changed(&k1, &k3, "incidents/y2020/index.html"));
	assert_false(key_changed(&k1, &k3, "index.html"));
	assert_false(key_changed(&k1, &k3, "actions/index.html"));
	/* The title of 2021. */
	inc[2]->title = "The year of the disk";
	page_keys(fx, &k4, &env);
	assert_true(key_changed(&k3, &k4, "incidents/y2021/index.html"));
	assert_true(key_changed(&k3, &k4, "incidents/y2020/index.html"));
	assert_true(key_changed(&k3, &k4, "incidents/y2022/index.html"));
	assert_true(key_changed(&k3, &k4, "incidents.json"));
	assert_true(key_changed(&k3, &k4, "search.json"));
	assert_true(key_changed(&k3, &k4, "incidents/index.html"));
	assert_false(key_changed(&k3, &k4, "incidents/y2019/index.html"));
	assert_false(key_changed(&k3, &k4, "incidents/y2023/index.html"));
	assert_false(key_changed(&k3, &k4, "actions/index.html"));
	/* An action item of 2020, which its groups name by their inputs
	 * (views_pages.c): the actions page and 2020's own. */
	inc[1]->action_items[0].text = "Alert on disk wear";
	page_keys(fx, &k5, &env);
	assert_true(key_changed(&k4, &k5, "actions/index.html"));
	assert_true(key_changed(&k4, &k5, "incidents/y2020/index.html"));
	assert_false(key_changed(&k4, &k5, "incidents/y2023/index.html"));
	/* The date the ages count to: the actions page alone. */
	fx->site.as_of = "2020-03-02T10:00:00+00:00";
	page_keys(fx, &k4, &env);
	assert_true(key_changed(&k5, &k4, "actions/index.html"));
	assert_false(key_changed(&k5, &k4, "incidents/y2020/index.html"));
	/* The item done: it moves from the open groups to the done. */
	inc[1]->action_items[0].done = 1;
	page_keys(fx, &k5, &env);
	assert_true(key_changed(&k4, &k5, "actions/index.html"));
	/* Another theme or pmsite: every key. */
	page_keys(fx, &k1, &env2);
	for (size_t i = 0; i < k1.n; i++)
		if (k1.has[i])
			assert_false(pm_digest_equal(&k1.key[i], &k4.key[i]));
	/* With the entries of the search index cut: a change to a record
	 * that leaves every entry as it was keeps the index's key; a
	 * changed entry does not. */
	for (int i = 0; i < 5; i++) {
		inc[i]->search_entry = pm_arena_printf(fx->arena,
		    "{\"slug\":\"%s\"}", slugs[i]);
		inc[i]->search_entry_len = strlen(inc[i]->search_entry);
	}
	page_keys(fx, &k1, &env);
	inc[3]->git.updated = "2024-05-05T10:00:00+00:00";
	page_keys(fx, &k2, &env);
	assert_true(key_changed(&k1, &k2, "incidents.json"));
	assert_false(key_changed(&k1, &k2, "search.json"));
	assert_false(key_changed(&k1, &k2, "search-index.js"));
	inc[3]->search_entry = "{\"slug\":\"y2022\",\"title\":\"x\"}";
	inc[3]->search_entry_len = strlen(inc[3]->search_entry);
	page_keys(fx, &k3, &env);
	assert_true(key_changed(&k2, &k3, "search.json"));
	assert_true(key_changed(&k2, &k3, "search-index.js"));
	assert_false(key_changed(&k2, &k3, "incidents.json"));
}

static void
test_empty_site(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;

	build(fx);
	p = page(fx, "index.html");
	assert_int_equal(pm_value_map_get(p->context,
	    "has_incidents")->u.boolean, 0);
	assert_int_equal(pm_value_len(pm_value_map_get(p->context,
	    "incidents")), 0);
	assert_string_equal(page(fx, "incidents.json")->data, "[]\n");
	page(fx, "404.html");
	page(fx, ".nojekyll");
	/* No incident page (list pages may exist, empty). */
	for (size_t i = 0; i < fx->pages.len; i++)
		if (fx->pages.items[i].template &&
		    strcmp(fx->pages.items[i].template, "incident") == 0)
			fail_msg("incident page %s", fx->pages.items[i].path);
}

/* The incident page: its record with the display strings, its body. */
static void
test_incident_context(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;

	small_site(fx);
	build(fx);
	p = page(fx, "incidents/newest/index.html");
	assert_string_equal(ctx_str(p, "incident.slug"), "newest");
	assert_string_equal(ctx_str(p, "incident.title"), "Newest");
	assert_string_equal(ctx_str(p, "incident.date"), "2024-05-01");
	assert_string_equal(ctx_str(p, "incident.date_display"),
	    "1 May 2024");
	assert_string_equal(ctx_str(p, "incident.duration_display"),
	    "1 h 35 min");
	assert_string_equal(ctx_str(p, "incident.created_display"),
	    "2 May 2024");
	assert_true(ctx_is_null(p, "incident.updated_display"));
	assert_string_equal(ctx_str(p, "incident.authors_display"),
	    "Ada, Linus");
	assert_string_equal(ctx_str(p, "incident.impact_percent_display"),
	    "12.5%");
	assert_string_equal(ctx_str(p, "body"), "<p>newest body</p>");
	/* Unknowns are null, not made up. */
	p = page(fx, "incidents/middle/index.html");
	assert_true(ctx_is_null(p, "incident.duration_display"));
	assert_null(pm_value_get_path(p->context,
	    "incident.impact_percent_display"));
	assert_null(pm_value_get_path(p->context,
	    "incident.authors_display"));
	assert_string_equal(ctx_str(p, "body"), "");
}

static const char *
neighbour(const struct fx *fx, const char *path, const char *which)
{
	const struct pm_value *v = pm_value_map_get(page(fx, path)->context,
	    which);

	assert_non_null(v);
	if (v->type == PM_VALUE_NULL)
		return "(null)";
	return pm_value_str(pm_value_map_get(v, "slug"));
}

/* previous is the older incident, next the newer one. */
static void
test_previous_next(void **state)
{
	struct fx *fx = *state;

	small_site(fx);
	build(fx);
	assert_string_equal(neighbour(fx, "incidents/newest/index.html",
	    "previous"), "middle");
	assert_string_equal(neighbour(fx, "incidents/newest/index.html",
	    "next"), "(null)");
	assert_string_equal(neighbour(fx, "incidents/middle/index.html",
	    "previous"), "oldest");
	assert_string_equal(neighbour(fx, "incidents/middle/index.html",
	    "next"), "newest");
	assert_string_equal(neighbour(fx, "incidents/oldest/index.html",
	    "previous"), "(null)");
	assert_string_equal(neighbour(fx, "incidents/oldest/index.html",
	    "next"), "middle");
	/* The neighbours carry their display strings for the links. */
	assert_string_equal(pm_value_str(pm_value_get_path(
	    page(fx, "incidents/middle/index.html")->context,
	    "next.date_display")), "1 May 2024");
}

static void
test_git_links_absent(void **state)
{
	struct fx *fx = *state;

	small_site(fx);
	build(fx);
	assert_true(ctx_is_null(page(fx, "incidents/newest/index.html"),
	    "git_links"));
}

static void
test_git_links(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;

	configure(fx, "repo_url: https://github.com/acme/pm/\n");
	small_site(fx);
	build(fx);
	p = page(fx, "incidents/newest/index.html");
	assert_string_equal(ctx_str(p, "git_links.history_url"),
	    "https://github.com/acme/pm/commits/main/postmortems/"
	    "2024%20db%20outage.md");
	assert_string_equal(ctx_str(p, "git_links.edit_url"),
	    "https://github.com/acme/pm/edit/main/postmortems/"
	    "2024%20db%20outage.md");
	p = page(fx, "incidents/oldest/index.html");
	assert_string_equal(ctx_str(p, "git_links.edit_url"),
	    "https://github.com/acme/pm/edit/main/postmortems/oldest.md");
}

static void
test_git_links_branch(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;

	configure(fx, "repo_url: https://git.example/pm\n"
	    "repo_branch: 'release/2024 #1'\n");
	small_site(fx);
	build(fx);
	p = page(fx, "incidents/middle/index.html");
	assert_string_equal(ctx_str(p, "git_links.history_url"),
	    "https://git.example/pm/commits/release/2024%20%231/"
	    "postmortems/middle.md");
	assert_string_equal(ctx_str(p, "git_links.edit_url"),
	    "https://git.example/pm/edit/release/2024%20%231/"
	    "postmortems/middle.md");
}

struct date_case {
	const char *in;
	const char *out;	/* NULL: not a date */
};

static void
test_human_date(void **state)
{
	static const struct date_case cases[] = {
		{ "2024-03-05", "5 March 2024" },
		{ "2024-01-01", "1 January 2024" },
		{ "2024-12-31T23:59:00Z", "31 December 2024" },
		{ "2024-05-01T10:00:00-05:00", "1 May 2024" },
		{ "2024-02-29", "29 February 2024" },
		{ "1999-11-09", "9 November 1999" },
		{ NULL, NULL },
		{ "", NULL },
		{ "yesterday", NULL },
		{ "2024", NULL },
		{ "2024-03", NULL },
		{ "2024-13-01", NULL },
		{ "2024-00-10", NULL },
		{ "2024-03-00", NULL },
		{ "2024-03-32", NULL },
		{ "March 5, 2024", NULL },
		/* Days the month does not have. */
		{ "2024-02-30", NULL },
		{ "2023-02-29", NULL },
		{ "2024-04-31", NULL },
		{ "1900-02-29", NULL },
		{ "2000-02-29", "29 February 2000" },
		/* Not the shape pmsite writes, but read as before. */
		{ "2024-3-5", "5 March 2024" },
		{ "0800-01-02", "2 January 800" },
		{ "10000-01-02", NULL },
	};
	struct fx *fx = *state;
	int bad = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = pm_views_human_date(fx->arena, cases[i].in);

		if ((got == NULL) != (cases[i].out == NULL) ||
		    (got && strcmp(got, cases[i].out) != 0)) {
			print_error("%s: got %s, want %s\n",
			    cases[i].in ? cases[i].in : "NULL",
			    got ? got : "NULL",
			    cases[i].out ? cases[i].out : "NULL");
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_human_minutes(void **state)
{
	static const struct {
		long in;
		const char *out;
	} cases[] = {
		{ 95, "1 h 35 min" },
		{ 30, "30 min" },
		{ 2000, "1 d 9 h 20 min" },
		{ 0, "0 min" },
		{ 1, "1 min" },
		{ 59, "59 min" },
		{ 60, "1 h" },
		{ 61, "1 h 1 min" },
		{ 1439, "23 h 59 min" },
		{ 1500, "1 d 1 h" },
		{ 4380, "3 d 1 h" },
		/* A zero part is left out. */
		{ 1440, "1 d" },
		{ 2880, "2 d" },
		{ 1441, "1 d 1 min" },
	};
	struct fx *fx = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = pm_views_human_minutes(fx->arena,
		    cases[i].in);

		if (got == NULL || strcmp(got, cases[i].out) != 0)
			fail_msg("%ld: got %s, want %s", cases[i].in,
			    got ? got : "NULL", cases[i].out);
	}
	assert_null(pm_views_human_minutes(fx->arena, PM_UNKNOWN));
	assert_null(pm_views_human_minutes(fx->arena, -30));
}

/* A timeline entry list in the arena. */
static void
timeline(struct fx *fx, struct pm_incident *inc, size_t n,
    const char *const *triples)
{
	inc->timeline = pm_arena_calloc(fx->arena, n, sizeof(*inc->timeline));
	for (size_t i = 0; i < n; i++) {
		inc->timeline[i].time = triples[3 * i];
		inc->timeline[i].text = triples[3 * i + 1];
		inc->timeline[i].kind = triples[3 * i + 2];
	}
	inc->ntimeline = n;
}

static void
actions(struct fx *fx, struct pm_incident *inc, const char *open,
    const char *done)
{
	inc->action_items = pm_arena_calloc(fx->arena, 2,
	    sizeof(*inc->action_items));
	inc->action_items[0].text = open;
	inc->action_items[1].text = done;
	inc->action_items[1].done = 1;
	inc->naction_items = 2;
}

/*
 * Twelve incidents over 2023 and 2024: a repeat on billing-api (three
 * database-connections incidents), a DNS pair, and eight software bugs.
 */
static void
rich_site(struct fx *fx)
{
	static const char *const tl[] = {
		"2024-06-03T07:50:00+01:00", "Errors start", "other",
		"2024-06-03T07:58:00+01:00", "Alert pages on-call", "detected",
		"2024-06-03T08:15:00+01:00", "Suspects PgBouncer, restarts it",
		    "misleading",
		"2024-06-03T09:35:00+01:00", "Back to normal", "resolved",
	};
	static const char *const tl_dns[] = {
		"2023-07-18T13:31:00Z", "Suspects packet loss on the link",
		    "misleading",
		"2023-07-18T13:40:00Z", "Suspected a DDoS", "misleading",
		"2023-07-18T13:50:00Z", "Nobody could say why", "misleading",
	};
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident *inc;
	char *slug;

	inc = add(fx, "pool-3", "pm/pool-3.md", "2024-06-03", "Pool again");
	inc->start = "2024-06-03T07:50:00+01:00";
	inc->end = "2024-06-03T09:35:00+01:00";
	inc->timezone = "CET";
	inc->duration_minutes = 105;
	inc->time_to_detect_minutes = 8;
	inc->time_to_resolve_minutes = 105;
	inc->impact_percent = 18;
	inc->impact = "Customers could not load invoices.";
	inc->severity = "SEV2";
	inc->category = "database-connections";
	inc->root_cause = "Workers exhausted the connections of the billing "
	    "database because the annual job had its own configuration file "
	    "that nobody knew about, and it still scaled to forty workers, "
	    "each with a pool of twenty connections, which is eight hundred "
	    "connections against a limit of five hundred; PgBouncer did not "
	    "help because the workers bypassed it entirely.";
	pm_strlist_push(&inc->services, fx->arena, "billing-api");
	timeline(fx, inc, 4, tl);
	actions(fx, inc, "Route workers through PgBouncer",
	    "Cap the workers");
	inc = add(fx, "pool-2", "pm/pool-2.md", "2024-01-02", "Pool twice");
	inc->category = "database-connections";
	inc->duration_minutes = 60;
	pm_strlist_push(&inc->services, fx->arena, "billing-api");
	actions(fx, inc, "Alert on connections", "Restart the job");
	inc = add(fx, "pool-1", "pm/pool-1.md", "2023-03-01", "Pool once");
	inc->category = "database-connections";
	pm_strlist_push(&inc->services, fx->arena, "billing-api");
	inc = add(fx, "dns-1", "pm/dns-1.md", "2023-07-18", "Resolver");
	inc->category = "network-dns";
	inc->duration_minutes = 160;
	pm_strlist_push(&inc->services, fx->arena, "billing-api");
	timeline(fx, inc, 3, tl_dns);
	inc = add(fx, "dns-2", "pm/dns-2.md", "2023-08-18", "Resolver 2");
	inc->category = "network-dns";
	for (int i = 0; i < 7; i++) {
		slug = pm_arena_printf(fx->arena, "bug-%d", i);
		inc = add(fx, slug, pm_arena_printf(fx->arena, "pm/%s.md",
		    slug), pm_arena_printf(fx->arena, "2024-0%d-15", i + 2),
		    slug);
		inc->category = "software-bug";
		inc->time_to_detect_minutes = 10 + i;
	}
	assert_int_equal(pm_site_finish(&fx->site, &w, &fx->err), 0);
	pm_warnings_free(&w);
}

static const struct pm_value *
ctx_get(const struct pm_page *p, const char *path)
{
	const struct pm_value *v = walk(p->context, path);

	if (v == NULL)
		fail_msg("%s: no %s", p->path, path);
	return v;
}

static double
ctx_num(const struct pm_page *p, const char *path)
{
	const struct pm_value *v = ctx_get(p, path);

	assert_int_equal(v->type, PM_VALUE_NUMBER);
	return v->u.number;
}

/* The pages across incidents, each once, after the incident pages. */
static void
test_section_pages(void **state)
{
	static const char *const order[] = {
		"index.html", "incidents/pool-3/index.html",
		"incidents/index.html", "causes/index.html",
		"causes/software-bug/index.html",
		"causes/database-connections/index.html",
		"causes/network-dns/index.html", "actions/index.html",
		"misleading/index.html", "404.html", "search/index.html",
		"incidents.json",
	};
	struct fx *fx = *state;
	long prev = -1;

	rich_site(fx);
	build(fx);
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		long at = page_index(fx, order[i]);

		if (at < 0)
			fail_msg("no page %s", order[i]);
		assert_true(at > prev);
		prev = at;
	}
	assert_string_equal(page(fx, "incidents/index.html")->template,
	    "incidents");
	assert_string_equal(page(fx, "causes/index.html")->template,
	    "causes");
	assert_string_equal(page(fx, "causes/network-dns/index.html")->
	    template, "cause");
	assert_string_equal(page(fx, "actions/index.html")->template,
	    "actions");
	assert_string_equal(page(fx, "misleading/index.html")->template,
	    "misleading");
	/* No page for a cause without incidents. */
	assert_int_equal(page_index(fx, "causes/security/index.html"), -1);
	/* Roots and the nav's current section. */
	assert_string_equal(ctx_str(page(fx, "causes/network-dns/index.html"),
	    "root"), "../../");
	assert_string_equal(ctx_str(page(fx, "actions/index.html"), "root"),
	    "../");
	assert_true(ctx_get(page(fx, "causes/index.html"),
	    "section.causes")->u.boolean);
	assert_null(pm_value_get_path(page(fx, "causes/index.html")->context,
	    "section.actions"));
	assert_true(ctx_get(page(fx, "incidents/pool-2/index.html"),
	    "section.incidents")->u.boolean);
}

/* The summary box: when (in the zone as written), how long, who, cause. */
static void
test_incident_summary(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;
	const char *s, *cause;

	rich_site(fx);
	build(fx);
	p = page(fx, "incidents/pool-3/index.html");
	assert_string_equal(ctx_str(p, "incident.when_display"),
	    "3 June 2024, 07:50 \xe2\x80\x93 09:35 CET");
	assert_string_equal(ctx_str(p, "incident.duration_display"),
	    "1 h 45 min");
	assert_string_equal(ctx_str(p, "incident.time_to_detect_display"),
	    "8 min");
	assert_string_equal(ctx_str(p, "incident.impact_percent_display"),
	    "18%");
	assert_string_equal(ctx_str(p, "incident.impact"),
	    "Customers could not load invoices.");
	assert_string_equal(ctx_str(p, "incident.cause.name"),
	    "Database connections");
	assert_string_equal(ctx_str(p, "incident.cause.slug"),
	    "database-connections");
	assert_string_equal(ctx_str(p, "incident.services_display"),
	    "billing-api");
	assert_int_equal(ctx_num(p, "incident.open_actions"), 1);
	assert_int_equal(ctx_num(p, "incident.done_actions"), 1);
	/* The root cause is cut at a word for the box. */
	s = ctx_str(p, "incident.root_cause_short");
	assert_true(strlen(s) <= PM_VIEWS_CAUSE_SHORT + 3);
	assert_int_equal(strncmp(s, "Workers exhausted", 17), 0);
	assert_string_equal(s + strlen(s) - 3, "\xe2\x80\xa6");
	/* Cut where a word ends in the whole text. */
	cause = pm_site_find(&fx->site, "pool-3")->root_cause;
	assert_int_equal(strncmp(s, cause, strlen(s) - 3), 0);
	assert_non_null(strchr(" ,;:", cause[strlen(s) - 3]));
	/* Both timeline layouts, inline. */
	s = ctx_str(p, "timeline_svg_h");
	assert_non_null(s);
	assert_int_equal(strncmp(s, "<svg", 4), 0);
	assert_non_null(strstr(s, "pm-tl-pool-3-h"));
	s = ctx_str(p, "timeline_svg_v");
	assert_non_null(s);
	assert_non_null(strstr(s, "pm-tl-pool-3-v"));
	assert_true(ctx_get(p, "has_timeline_svg")->u.boolean);
	assert_false(ctx_get(p, "timeline_h_narrow")->u.boolean);
	/* No timeline, no picture. */
	p = page(fx, "incidents/pool-2/index.html");
	assert_true(ctx_is_null(p, "timeline_svg_h"));
	assert_false(ctx_get(p, "has_timeline_svg")->u.boolean);
	assert_true(ctx_is_null(p, "incident.when_display"));
	assert_string_equal(ctx_str(p, "incident.date_display"),
	    "2 January 2024");
}

/* A timeline too dense for lanes is drawn vertically in the wide slot
 * too; the theme is told, so it does not stretch it to the column. */
static void
test_incident_dense_timeline(void **state)
{
	struct fx *fx = *state;
	struct pm_incident *inc;
	const char **t = pm_arena_calloc(fx->arena, 3 * 40, sizeof(*t));
	const struct pm_page *p;

	for (int i = 0; i < 40; i++) {
		t[3 * i] = pm_arena_printf(fx->arena,
		    "2024-05-01T10:%02d:00Z", i);
		t[3 * i + 1] = pm_arena_printf(fx->arena, "Step %d of a long "
		    "and winding investigation that went nowhere fast", i);
		t[3 * i + 2] = "investigated";
	}
	inc = add(fx, "dense", "dense.md", "2024-05-01", "Dense");
	timeline(fx, inc, 40, t);
	assert_int_equal(pm_site_finish(&fx->site, NULL, &fx->err), 0);
	build(fx);
	p = page(fx, "incidents/dense/index.html");
	assert_non_null(strstr(ctx_str(p, "timeline_svg_h"), "viewBox=\"0 0 "
	    "360 "));
	assert_true(ctx_get(p, "timeline_h_narrow")->u.boolean);
}

/* Related incidents with their reason, the repeat, the recurrence. */
static void
test_incident_links(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;
	const struct pm_value *rel;

	rich_site(fx);
	build(fx);
	p = page(fx, "incidents/pool-3/index.html");
	rel = ctx_get(p, "related");
	assert_int_equal(pm_value_len(rel), 3);
	assert_true(ctx_get(p, "has_related")->u.boolean);
	assert_string_equal(ctx_str(p, "related.0.incident.slug"), "pool-2");
	assert_string_equal(ctx_str(p, "related.0.reason"), "same cause");
	assert_string_equal(ctx_str(p, "related.1.incident.slug"), "pool-1");
	assert_string_equal(ctx_str(p, "related.2.incident.slug"), "dns-1");
	assert_string_equal(ctx_str(p, "related.2.reason"),
	    "also hit billing-api");
	assert_string_equal(ctx_str(p, "related.2.incident.date_display"),
	    "18 July 2023");
	/* A repeat of the newest earlier one on the same service. */
	assert_string_equal(ctx_str(p, "repeat.incident.slug"), "pool-2");
	assert_string_equal(ctx_str(p, "repeat.services_display"),
	    "billing-api");
	assert_string_equal(ctx_str(p, "repeat.cause.name"),
	    "Database connections");
	/* pool-1 is 15 months before: outside the window. */
	assert_string_equal(ctx_str(p, "recurrence.badge"),
	    "2nd in 12 months");
	assert_int_equal(ctx_num(p, "recurrence.ordinal"), 2);
	assert_int_equal(pm_value_len(ctx_get(p, "recurrence.earlier")), 1);
	assert_string_equal(ctx_str(p, "recurrence.earlier.0.slug"),
	    "pool-2");
	assert_int_equal(ctx_num(p, "recurrence.earlier_count"), 1);
	assert_int_equal(ctx_num(p, "recurrence.more"), 0);
	p = page(fx, "incidents/pool-2/index.html");
	assert_string_equal(ctx_str(p, "recurrence.badge"),
	    "2nd in 12 months");
	assert_string_equal(ctx_str(p, "repeat.incident.slug"), "pool-1");
	p = page(fx, "incidents/pool-1/index.html");
	assert_true(ctx_is_null(p, "recurrence"));
	assert_true(ctx_is_null(p, "repeat"));
	p = page(fx, "incidents/bug-6/index.html");
	assert_string_equal(ctx_str(p, "recurrence.badge"),
	    "7th in 12 months");
	/* Six came before; the newest five are listed, the cause's page
	 * has the rest. */
	assert_int_equal(ctx_num(p, "recurrence.earlier_count"), 6);
	assert_int_equal(pm_value_len(ctx_get(p, "recurrence.earlier")), 5);
	assert_string_equal(ctx_str(p, "recurrence.earlier.0.slug"), "bug-5");
	assert_string_equal(ctx_str(p, "recurrence.earlier.4.slug"), "bug-1");
	assert_int_equal(ctx_num(p, "recurrence.more"), 1);
	assert_string_equal(ctx_str(p, "recurrence.cause.slug"),
	    "software-bug");
	assert_int_equal(pm_value_len(ctx_get(p, "related")), 5);
	assert_true(ctx_get(page(fx, "incidents/dns-2/index.html"),
	    "has_related")->u.boolean);
}

/* Home: figures, this year against last, two charts, the latest ten. */
static void
test_home(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;
	const char *s;

	rich_site(fx);
	build(fx);
	p = page(fx, "index.html");
	assert_int_equal(ctx_num(p, "figures.count"), 12);
	assert_string_equal(ctx_str(p, "figures.downtime_display"),
	    "5 h 25 min");
	assert_int_equal(ctx_num(p, "figures.downtime_known"), 3);
	assert_false(ctx_get(p, "figures.downtime_all_known")->u.boolean);
	/* (8 + 10 + 11 + ... + 16) / 8 = 12.125 */
	assert_string_equal(ctx_str(p, "figures.mean_detect_display"),
	    "12 min");
	assert_int_equal(ctx_num(p, "figures.detect_known"), 8);
	assert_string_equal(ctx_str(p, "figures.mean_resolve_display"),
	    "1 h 45 min");
	/* The newest incident is from 2024. */
	assert_int_equal(ctx_num(p, "year.year"), 2024);
	assert_int_equal(ctx_num(p, "year.last_year"), 2023);
	assert_int_equal(ctx_num(p, "year.this.count"), 9);
	assert_int_equal(ctx_num(p, "year.last.count"), 3);
	assert_string_equal(ctx_str(p, "year.last.downtime_display"),
	    "2 h 40 min");
	assert_string_equal(ctx_str(p, "year.change_display"),
	    "6 more than in 2023");
	s = ctx_str(p, "chart_incidents");
	assert_non_null(s);
	assert_non_null(strstr(s, "id=\"pm-chart-incidents"));
	assert_non_null(strstr(s, "2023-03"));
	assert_non_null(strstr(s, "2024-08"));
	assert_non_null(strstr(s, "Software bug"));
	assert_string_equal(ctx_str(p, "chart_incidents_title"),
	    "Incidents per month, by cause");
	s = ctx_str(p, "chart_downtime");
	assert_non_null(s);
	assert_non_null(strstr(s, "id=\"pm-chart-downtime"));
	/* Longest first: database connections (2 h 45 min) before DNS
	 * (2 h 40 min); a cause with no known downtime has no bar. */
	assert_non_null(strstr(s, "Network and DNS"));
	assert_true(strstr(s, "Database connections") <
	    strstr(s, "Network and DNS"));
	assert_null(strstr(s, "Software bug"));
	assert_int_equal(pm_value_len(ctx_get(p, "latest")), PM_VIEWS_LATEST);
	assert_true(ctx_get(p, "has_more")->u.boolean);
	assert_string_equal(ctx_str(p, "latest.0.slug"), "bug-6");
	assert_int_equal(pm_value_len(ctx_get(p, "incidents")), 12);
	/* Causes, most incidents first, named by the taxonomy. */
	assert_string_equal(ctx_str(p, "causes.0.name"), "Software bug");
	assert_int_equal(ctx_num(p, "causes.0.count"), 7);
	assert_string_equal(ctx_str(p, "causes.1.slug"),
	    "database-connections");
	assert_string_equal(ctx_str(p, "causes.1.latest.slug"), "pool-3");
}

static void
test_home_empty_and_small(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;

	build(fx);
	p = page(fx, "index.html");
	assert_int_equal(ctx_num(p, "figures.count"), 0);
	assert_true(ctx_is_null(p, "figures.downtime_display"));
	assert_true(ctx_is_null(p, "figures.mean_detect_display"));
	assert_true(ctx_is_null(p, "year"));
	assert_null(pm_value_get_path(p->context, "chart_incidents"));
	assert_false(ctx_get(p, "has_more")->u.boolean);
	assert_int_equal(pm_value_len(ctx_get(page(fx, "causes/index.html"),
	    "causes")), 0);
}

/* Cause pages: figures, a dots chart, incidents newest first; the index
 * lists the categories without incidents too. */
static void
test_causes_pages(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;
	const struct pm_value *empty;
	int found = 0;

	rich_site(fx);
	build(fx);
	p = page(fx, "causes/database-connections/index.html");
	assert_string_equal(ctx_str(p, "page.title"), "Database connections");
	assert_string_equal(ctx_str(p, "cause.id"), "database-connections");
	assert_non_null(ctx_str(p, "cause.description"));
	assert_int_equal(ctx_num(p, "cause.count"), 3);
	assert_int_equal(ctx_num(p, "figures.count"), 3);
	assert_string_equal(ctx_str(p, "figures.downtime_display"),
	    "2 h 45 min");
	assert_string_equal(ctx_str(p, "figures.mean_detect_display"),
	    "8 min");
	assert_string_equal(ctx_str(p, "incidents.0.slug"), "pool-3");
	assert_string_equal(ctx_str(p, "incidents.2.slug"), "pool-1");
	assert_non_null(strstr(ctx_str(p, "chart"),
	    "pm-chart-cause-database-connections"));
	p = page(fx, "causes/index.html");
	assert_int_equal(pm_value_len(ctx_get(p, "causes")), 3);
	assert_string_equal(ctx_str(p, "causes.2.name"), "Network and DNS");
	assert_string_equal(ctx_str(p, "causes.2.figures.downtime_display"),
	    "2 h 40 min");
	assert_string_equal(ctx_str(p, "causes.2.latest.title"),
	    "Resolver 2");
	empty = ctx_get(p, "empty_causes");
	assert_true(ctx_get(p, "has_empty")->u.boolean);
	for (size_t i = 0; i < pm_value_len(empty); i++) {
		const char *id = pm_value_str(pm_value_map_get(
		    empty->u.list.items[i], "id"));

		assert_string_not_equal(id, "network-dns");
		found += strcmp(id, "security") == 0;
	}
	assert_int_equal(found, 1);
	assert_int_equal(pm_value_len(empty), pm_taxonomy_default()->len - 3);
}

/* A site taxonomy names the causes (pmsite.yml's categories). */
static void
test_custom_taxonomy(void **state)
{
	struct fx *fx = *state;
	const struct pm_taxonomy *tax = NULL;
	struct pm_value *v = NULL;
	const char *yml = "- id: network-dns\n  name: Name resolution\n"
	    "- id: queue-backlog\n  name: Queue backlog\n";
	struct pm_incident *inc;

	assert_int_equal(pm_yaml_parse(&v, fx->arena, yml, strlen(yml),
	    "pmsite.yml", 0, &fx->err), 0);
	assert_int_equal(pm_taxonomy_compile(&tax, v, 0, "pmsite.yml",
	    &fx->err), 0);
	fx->site.taxonomy = tax;
	inc = add(fx, "q", "q.md", "2024-01-01", "Q");
	inc->category = "queue-backlog";
	inc = add(fx, "d", "d.md", "2024-01-02", "D");
	inc->category = "network-dns";
	inc = add(fx, "x", "x.md", "2024-01-03", "X");
	inc->category = "Not In Taxonomy";
	assert_int_equal(pm_site_finish(&fx->site, NULL, &fx->err), 0);
	build(fx);
	assert_string_equal(ctx_str(page(fx, "causes/queue-backlog/index.html"),
	    "cause.name"), "Queue backlog");
	assert_string_equal(ctx_str(page(fx, "causes/network-dns/index.html"),
	    "cause.name"), "Name resolution");
	/* A category the taxonomy does not know keeps its id as name and
	 * gets a page folder in the slug alphabet. */
	assert_string_equal(ctx_str(page(fx,
	    "causes/not-in-taxonomy/index.html"), "cause.name"),
	    "Not In Taxonomy");
	assert_false(ctx_get(page(fx, "causes/not-in-taxonomy/index.html"),
	    "cause.in_taxonomy")->u.boolean);
	assert_string_equal(ctx_str(page(fx, "incidents/x/index.html"),
	    "incident.cause.slug"), "not-in-taxonomy");
	/* The search page names causes and links their pages. */
	assert_string_equal(ctx_str(page(fx, "search/index.html"),
	    "causes.0.id"), "Not In Taxonomy");
	assert_string_equal(ctx_str(page(fx, "search/index.html"),
	    "causes.0.slug"), "not-in-taxonomy");
	assert_string_equal(ctx_str(page(fx, "search/index.html"),
	    "causes.1.name"), "Name resolution");
	pm_taxonomy_free(tax);
}

/* Every action item, open ones first, grouped by incident. */
static void
test_actions_page(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;

	rich_site(fx);
	build(fx);
	p = page(fx, "actions/index.html");
	assert_int_equal(ctx_num(p, "open_count"), 2);
	assert_int_equal(ctx_num(p, "done_count"), 2);
	assert_int_equal(ctx_num(p, "total_count"), 4);
	assert_true(ctx_get(p, "has_open")->u.boolean);
	assert_int_equal(pm_value_len(ctx_get(p, "open_groups")), 2);
	assert_string_equal(ctx_str(p, "open_groups.0.incident.slug"),
	    "pool-3");
	assert_string_equal(ctx_str(p, "open_groups.0.items.0.text"),
	    "Route workers through PgBouncer");
	assert_false(ctx_get(p, "open_groups.0.items.0.done")->u.boolean);
	assert_int_equal(ctx_num(p, "open_groups.1.count"), 1);
	assert_string_equal(ctx_str(p, "open_groups.1.incident.date_display"),
	    "2 January 2024");
	assert_string_equal(ctx_str(p, "done_groups.1.items.0.text"),
	    "Restart the job");
	assert_true(ctx_get(p, "done_groups.1.items.0.done")->u.boolean);

	/* As rendered, the groups are made one at a time, and a record's
	 * lists are made from its incident. */
	{
		const struct pm_value *ctx, *g, *item;
		struct pm_arena *a = pm_arena_new();

		assert_int_equal(pm_page_context(&ctx, p, a, &fx->err), 0);
		g = pm_value_map_get(ctx, "open_groups");
		assert_true(pm_value_is_made(g));
		assert_int_equal(pm_value_len(g), 2);
		item = pm_value_list_item(g, 1, a);
		assert_int_equal(pm_value_get_path(item, "count")->u.number, 1);
		g = pm_value_get_path(item, "incident.action_items");
		assert_true(pm_value_is_made(g));
		item = pm_value_list_item(g, 0, a);
		assert_non_null(pm_value_map_get(item, "text"));
		pm_arena_free(a);
	}
}

/* Misleading entries grouped by first guess. */
static void
test_misleading_page(void **state)
{
	struct fx *fx = *state;
	const struct pm_page *p;

	rich_site(fx);
	build(fx);
	p = page(fx, "misleading/index.html");
	assert_int_equal(ctx_num(p, "total"), 4);
	assert_int_equal(pm_value_len(ctx_get(p, "groups")), 3);
	/* One incident each: table order (DDoS, network, database). */
	assert_string_equal(ctx_str(p, "groups.0.key"), "ddos");
	assert_string_equal(ctx_str(p, "groups.0.times_display"), "once");
	assert_string_equal(ctx_str(p, "groups.0.verdict"), "it never was");
	assert_string_equal(ctx_str(p, "groups.1.key"), "network");
	assert_string_equal(ctx_str(p, "groups.1.verdict"), "it was, once");
	assert_string_equal(ctx_str(p, "groups.1.category_name"),
	    "Network and DNS");
	assert_string_equal(ctx_str(p, "groups.2.key"), "database");
	assert_string_equal(ctx_str(p, "groups.2.entries.0.incident.slug"),
	    "pool-3");
	assert_string_equal(ctx_str(p, "groups.2.entries.0.time_display"),
	    "3 June 2024, 08:15");
	assert_string_equal(ctx_str(p, "groups.2.entries.0.text"),
	    "Suspects PgBouncer, restarts it");
	assert_string_equal(ctx_str(p, "other.entries.0.text"),
	    "Nobody could say why");
	assert_true(ctx_get(p, "has_entries")->u.boolean);
}

/* Two builds of one site give the same contexts, byte for byte, whether
 * the records are made on one thread or on four. */
static void
test_contexts_deterministic(void **state)
{
	struct fx *fx = *state;
	struct pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
	struct pm_pages first;

	rich_site(fx);
	build(fx);
	first = fx->pages;
	fx->jobs = 4;
	build(fx);
	assert_int_equal(first.len, fx->pages.len);
	for (size_t i = 0; i < first.len; i++) {
		pm_buf_clear(&a);
		pm_buf_clear(&b);
		pm_value_write_json(&a, first.items[i].context, 0);
		pm_value_write_json(&b, fx->pages.items[i].context, 0);
		assert_string_equal(first.items[i].path,
		    fx->pages.items[i].path);
		assert_string_equal(pm_buf_cstr(&a), pm_buf_cstr(&b));
	}
	pm_buf_free(&a);
	pm_buf_free(&b);
}

static void
test_human_span(void **state)
{
	static const struct {
		const char *start, *end, *tz, *out;
	} cases[] = {
		{ "2024-03-05T10:00:00-05:00", "2024-03-05T12:45:00-05:00",
		    "EST", "5 March 2024, 10:00 \xe2\x80\x93 12:45 EST" },
		{ "2024-10-22T16:50:00-05:00", "2024-10-23T03:10:00-05:00",
		    NULL, "22 October 2024, 16:50 \xe2\x80\x93 23 October "
		    "2024, 03:10 UTC-05:00" },
		{ "2024-07-18T13:05:00+05:30", NULL, NULL,
		    "18 July 2024, 13:05 UTC+05:30" },
		{ "2023-06-01T22:40:00+00:00", "2023-06-01T22:40:00+00:00",
		    "", "1 June 2023, 22:40 UTC" },
		{ "2023-11-09T02:20:00", "2023-11-09T03:45:00", NULL,
		    "9 November 2023, 02:20 \xe2\x80\x93 03:45" },
		{ "2023-11-09", "2023-11-10", NULL,
		    "9 November 2023 \xe2\x80\x93 10 November 2023" },
		{ "14:30", NULL, NULL, NULL },
		{ NULL, "2023-11-10", "UTC", NULL },
	};
	struct fx *fx = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = pm_views_human_span(fx->arena,
		    cases[i].start, cases[i].end, cases[i].tz);

		if ((got == NULL) != (cases[i].out == NULL) ||
		    (got && strcmp(got, cases[i].out) != 0))
			fail_msg("%s: got %s, want %s", cases[i].start ?
			    cases[i].start : "NULL", got ? got : "NULL",
			    cases[i].out ? cases[i].out : "NULL");
	}
}

static void
test_ordinal(void **state)
{
	static const char *const want[] = { "0th", "1st", "2nd", "3rd",
	    "4th" };
	struct fx *fx = *state;

	for (size_t i = 0; i < 5; i++)
		assert_string_equal(pm_views_ordinal(fx->arena, i), want[i]);
	assert_string_equal(pm_views_ordinal(fx->arena, 11), "11th");
	assert_string_equal(pm_views_ordinal(fx->arena, 12), "12th");
	assert_string_equal(pm_views_ordinal(fx->arena, 13), "13th");
	assert_string_equal(pm_views_ordinal(fx->arena, 21), "21st");
	assert_string_equal(pm_views_ordinal(fx->arena, 102), "102nd");
	assert_string_equal(pm_views_ordinal(fx->arena, 111), "111th");
}

/*
 * Incident pages are made when rendered: pm_views_build() leaves them
 * without a context, and each one made lands in the arena given, not in
 * the build's, the same whichever arena and however often.
 */
static void
test_pages_made_on_demand(void **state)
{
	struct fx *fx = *state;
	struct pm_pages pages = { 0 };
	struct pm_buf one = PM_BUF_INIT, two = PM_BUF_INIT;
	size_t made = 0, lists = 0;

	rich_site(fx);
	assert_int_equal(pm_views_build(&pages, fx->arena, &fx->site,
	    1, &fx->err), 0);
	for (size_t i = 0; i < pages.len; i++) {
		const struct pm_page *p = &pages.items[i];
		struct pm_arena *a1, *a2;
		const struct pm_value *c1, *c2;
		size_t used;
		int incident = strncmp(p->path, "incidents/", 10) == 0 &&
		    strcmp(p->path, "incidents/index.html") != 0;
		/* The pages whose contexts grow with every item of the
		 * site are made on demand too. */
		int big = strcmp(p->path, "actions/index.html") == 0 ||
		    strcmp(p->path, "misleading/index.html") == 0;

		if (!incident && !big) {
			assert_null(p->make);
			continue;
		}
		assert_non_null(p->make);
		assert_null(p->context);
		a1 = pm_arena_new();
		a2 = pm_arena_new();
		used = pm_arena_used(fx->arena);
		assert_int_equal(pm_page_context(&c1, p, a1, &fx->err), 0);
		assert_int_equal(pm_page_context(&c2, p, a2, &fx->err), 0);
		assert_int_equal(pm_arena_used(fx->arena), used);
		assert_true(pm_arena_used(a1) > 0);
		pm_buf_clear(&one);
		pm_buf_clear(&two);
		pm_value_write_json(&one, c1, 0);
		pm_value_write_json(&two, c2, 0);
		assert_string_equal(pm_buf_cstr(&one), pm_buf_cstr(&two));
		assert_string_equal(pm_value_str(pm_value_get_path(c1,
		    "page.path")), p->path);
		if (incident) {
			assert_non_null(pm_value_get_path(c1,
			    "incident.slug"));
			made++;
		} else {
			assert_true(pm_value_len(pm_value_get_path(c1,
			    big && p->path[0] == 'a' ? "open_groups" :
			    "groups")) > 0);
			lists++;
		}
		pm_arena_free(a1);
		pm_arena_free(a2);
	}
	assert_int_equal(made, fx->site.len);
	assert_int_equal(lists, 2);
	pm_buf_free(&one);
	pm_buf_free(&two);
}

/* A sink's far end: the pieces, and an error to give at piece fail_at. */
struct pieces {
	struct pm_buf all;
	size_t count, largest, fail_at;
};

static int
take_piece(void *arg, const char *data, size_t len, struct pm_error *err)
{
	struct pieces *p = arg;

	if (++p->count == p->fail_at)
		return pm_error_set(err, PM_ERROR, "out/incidents.json", 0, 0,
		    "write: no space left on device");
	pm_buf_put(&p->all, data, len);
	if (len > p->largest)
		p->largest = len;
	return 0;
}

/* The large data pages go out in pieces of about PM_PAGE_SINK_PIECE,
 * whose bytes are those of the page made whole; an error of the far end
 * stops the writer and comes back from it. */
static void
test_data_pages_in_pieces(void **state)
{
	struct fx *fx = *state;
	struct pm_warnings w = PM_WARNINGS_INIT;
	const char *paths[] = { "incidents.json", "search.json",
	    "search-index.js" };
	char *text = malloc(4001);

	memset(text, 'x', 4000);
	text[4000] = '\0';
	/* 200 incidents with 4 KB titles and summaries: each file is more
	 * than 800 KB */
	for (int i = 0; i < 200; i++) {
		char slug[32], path[64], date[16];
		struct pm_incident *inc;

		snprintf(slug, sizeof(slug), "incident-%03d", i);
		snprintf(path, sizeof(path), "content/%s.md", slug);
		snprintf(date, sizeof(date), "2024-%02d-%02d", i % 12 + 1,
		    i % 28 + 1);
		inc = add(fx, pm_arena_strdup(fx->arena, slug),
		    pm_arena_strdup(fx->arena, path),
		    pm_arena_strdup(fx->arena, date), text);
		inc->summary = text;
	}
	assert_int_equal(pm_site_finish(&fx->site, &w, &fx->err), 0);
	pm_warnings_free(&w);
	assert_int_equal(pm_views_build(&fx->pages, fx->arena, &fx->site,
	    1, &fx->err), 0);
	for (size_t k = 0; k < 3; k++) {
		const struct pm_page *p = page(fx, paths[k]);
		struct pm_buf whole = PM_BUF_INIT, b = PM_BUF_INIT;
		struct pieces got = { PM_BUF_INIT, 0, 0, 0 };
		struct pm_page_sink sink = { .buf = &b, .flush = take_piece,
		    .arg = &got };

		assert_int_equal(pm_page_data(&whole, p, &fx->err), 0);
		assert_int_equal(pm_page_data_to(&sink, p, &fx->err), 0);
		assert_int_equal(pm_page_sink_drain(&sink, 1, &fx->err), 0);
		assert_int_equal(b.len, 0);
		assert_true(whole.len > 3 * PM_PAGE_SINK_PIECE);
		assert_int_equal(got.all.len, whole.len);
		assert_memory_equal(got.all.ptr, whole.ptr, whole.len);
		assert_true(got.count >= 3);
		/* a piece is cut after the record that passes the mark */
		assert_true(got.largest < PM_PAGE_SINK_PIECE + 16384);
		/* the far end fails at its second piece */
		pm_buf_free(&got.all);
		pm_buf_clear(&b);
		got.count = 0;
		got.fail_at = 2;
		assert_int_equal(pm_page_data_to(&sink, p, &fx->err),
		    PM_ERROR);
		assert_int_equal(got.count, 2);
		assert_non_null(strstr(fx->err.message, "no space left"));
		pm_error_clear(&fx->err);
		pm_buf_free(&got.all);
		pm_buf_free(&whole);
		pm_buf_free(&b);
	}
	free(text);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_page_list),
		T(test_cname_page),
		T(test_incidents_json),
		T(test_roots_and_canonical_relative),
		T(test_roots_and_canonical_base_url),
		T(test_site_context),
		T(test_commit_in_context),
		T(test_page_keys),
		T(test_empty_site),
		T(test_incident_context),
		T(test_previous_next),
		T(test_git_links_absent),
		T(test_git_links),
		T(test_git_links_branch),
		T(test_human_date),
		T(test_human_minutes),
		T(test_section_pages),
		T(test_incident_summary),
		T(test_incident_dense_timeline),
		T(test_incident_links),
		T(test_home),
		T(test_home_empty_and_small),
		T(test_causes_pages),
		T(test_custom_taxonomy),
		T(test_actions_page),
		T(test_misleading_page),
		T(test_contexts_deterministic),
		T(test_pages_made_on_demand),
		T(test_data_pages_in_pieces),
		T(test_human_span),
		T(test_ordinal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
