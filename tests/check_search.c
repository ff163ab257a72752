/* check_search.c: the search index (search.json, search-index.js) and the
 * browse lists of the search page, from a site built by hand. */
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
#include "incident.h"
#include "search.h"
#include "site.h"
#include "value.h"
#include "warnings.h"
#include "yamltree.h"
#include "testutil.h"

#define PREFIX "window.PMSITE_SEARCH = "

struct fx {
	struct pm_arena *a;
	struct pm_config cfg;
	struct pm_site site;
	struct pm_buf json, js;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	fx->a = pm_arena_new();
	pm_config_defaults(&fx->cfg);
	pm_site_init(&fx->site, fx->a, &fx->cfg);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	pm_buf_free(&fx->json);
	pm_buf_free(&fx->js);
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
	inc->title = slug;
	inc->date = date;
	pm_site_add(&fx->site, inc);
	return inc;
}

static void
finish(struct fx *fx)
{
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_error err;

	pm_error_clear(&err);
	assert_int_equal(pm_site_finish(&fx->site, &w, &err), 0);
	pm_warnings_free(&w);
}

/* Entries made ahead, as a build makes them at ingest and the cache
 * keeps them, give the same bytes as entries made by the index. */
static void
check_kept_entries(struct fx *fx)
{
	struct pm_buf one = PM_BUF_INIT, two = PM_BUF_INIT, e = PM_BUF_INIT;
	size_t i;

	for (i = 0; i < fx->site.len; i++) {
		struct pm_incident *inc = fx->site.incidents[i];

		pm_buf_clear(&e);
		pm_search_entry(&e, inc);
		inc->search_entry = pm_arena_strndup(fx->a, pm_buf_cstr(&e),
		    e.len);
		inc->search_entry_len = e.len;
	}
	assert_int_equal(pm_search_index(&one, &two, &fx->site, NULL), 0);
	assert_int_equal(one.len, fx->json.len);
	assert_memory_equal(one.ptr, fx->json.ptr, one.len);
	assert_int_equal(two.len, fx->js.len);
	assert_memory_equal(two.ptr, fx->js.ptr, two.len);
	for (i = 0; i < fx->site.len; i++)
		fx->site.incidents[i]->search_entry = NULL;
	pm_buf_free(&one);
	pm_buf_free(&two);
	pm_buf_free(&e);
}

/* Each file made alone, as the site makes them, is the same bytes as
 * when both are made at once. */
static void
check_alone(struct fx *fx)
{
	struct pm_buf one = PM_BUF_INIT;

	assert_int_equal(pm_search_index(&one, NULL, &fx->site, NULL), 0);
	assert_int_equal(one.len, fx->json.len);
	assert_memory_equal(one.ptr, fx->json.ptr, one.len);
	pm_buf_clear(&one);
	assert_int_equal(pm_search_index(NULL, &one, &fx->site, NULL), 0);
	assert_int_equal(one.len, fx->js.len);
	assert_memory_equal(one.ptr, fx->js.ptr, one.len);
	pm_buf_free(&one);
}

static struct pm_value *
build(struct fx *fx)
{
	struct pm_value *v = NULL;
	struct pm_error err;
	char msg[1024];

	pm_error_clear(&err);
	pm_buf_clear(&fx->json);
	pm_buf_clear(&fx->js);
	assert_int_equal(pm_search_index(&fx->json, &fx->js, &fx->site,
	    &err), 0);
	assert_false(pm_error_is_set(&err));
	check_alone(fx);
	check_kept_entries(fx);
	if (pm_yaml_parse(&v, fx->a, fx->json.ptr, fx->json.len,
	    "search.json", 1, &err))
		fail_msg("%s", pm_error_format(msg, sizeof(msg), &err));
	assert_true(pm_value_is(v, PM_VALUE_LIST));
	return v;
}

static const char *
str(const struct pm_value *v, const char *key)
{
	return pm_value_str(pm_value_map_get(v, key));
}

/* The entry of slug in the index. */
static struct pm_value *
entry(const struct pm_value *list, const char *slug)
{
	for (size_t i = 0; i < pm_value_len(list); i++)
		if (strcmp(str(list->u.list.items[i], "slug"), slug) == 0)
			return list->u.list.items[i];
	fail_msg("no entry %s", slug);
	return NULL;
}

static void
assert_null_value(const struct pm_value *v, const char *key)
{
	assert_true(pm_value_is(pm_value_map_get(v, key), PM_VALUE_NULL));
}

static void
test_index_has_one_entry_per_incident(void **state)
{
	static const char *const keys[] = { "slug", "title", "summary",
	    "category", "year", "date", "services", "tags", "words" };
	struct fx *fx = *state;
	struct pm_incident *inc;
	struct pm_value *list, *e;
	size_t i;

	inc = add(fx, "db-lock", "2024-03-05T23:00:00-05:00");
	inc->title = "Checkout locked";
	inc->summary = "Orders stopped.";
	inc->category = "database-locking";
	pm_strlist_push(&inc->services, fx->a, "checkout");
	pm_strlist_push(&inc->services, fx->a, "orders");
	pm_strlist_push(&inc->tags, fx->a, "postgres");
	add(fx, "old", "March 5, 2019");
	add(fx, "undated", NULL);
	finish(fx);
	list = build(fx);
	assert_int_equal(pm_value_len(list), 3);

	e = entry(list, "db-lock");
	assert_int_equal(pm_value_len(e), 9);
	for (i = 0; i < 9; i++)
		assert_string_equal(e->u.map.entries[i].key, keys[i]);
	assert_string_equal(str(e, "slug"), "db-lock");
	assert_string_equal(str(e, "title"), "Checkout locked");
	assert_string_equal(str(e, "summary"), "Orders stopped.");
	assert_string_equal(str(e, "category"), "database-locking");
	/* The day as the incident gives it, not moved to UTC. */
	assert_string_equal(str(e, "date"), "2024-03-05");
	assert_true(pm_value_is(pm_value_map_get(e, "year"),
	    PM_VALUE_NUMBER));
	assert_true(pm_value_map_get(e, "year")->u.number == 2024);
	assert_int_equal(pm_value_len(pm_value_map_get(e, "services")), 2);
	assert_string_equal(pm_value_str(pm_value_map_get(e,
	    "services")->u.list.items[1]), "orders");
	assert_string_equal(pm_value_str(pm_value_map_get(e,
	    "tags")->u.list.items[0]), "postgres");

	/* A date people wrote counts too. */
	e = entry(list, "old");
	assert_string_equal(str(e, "date"), "2019-03-05");
	assert_true(pm_value_map_get(e, "year")->u.number == 2019);

	e = entry(list, "undated");
	assert_null_value(e, "summary");
	assert_null_value(e, "category");
	assert_null_value(e, "year");
	assert_null_value(e, "date");
	assert_int_equal(pm_value_len(pm_value_map_get(e, "services")), 0);
	assert_string_equal(str(e, "words"), "undated");
}

static void
test_words_are_a_bag_of_distinct_lowercase_words(void **state)
{
	static struct pm_timeline_entry tl[] = {
		{ "10:00", "Alerts FIRED for checkout", "detected", 1 },
		{ "10:05", "Rolled back v2.10", "mitigated", 2 },
	};
	struct fx *fx = *state;
	struct pm_incident *inc;
	struct pm_value *list;

	inc = add(fx, "x", "2024-01-01");
	inc->title = "Checkout DB locked: Checkout down!";
	inc->summary = "The database\xe2\x80\x94locked; don\xe2\x80\x99t "
	    "panic. Caf\xc3\xa9 \xc3\x89" "cole na\xc3\xafve \xe2\x80\x9cquoted"
	    "\xe2\x80\x9d \xf0\x9f\x94\xa5" "fire \xff" "bad";
	inc->root_cause = "A migration held an ACCESS EXCLUSIVE lock on the "
	    "orders table; sha 0123456789abcdef0123456789abcdef0123456789 "
	    "is not a word anyone types, 0123456789012345678901234567890123456"
	    "789 is the longest kept.";
	inc->timeline = tl;
	inc->ntimeline = 2;
	pm_strlist_push(&inc->services, fx->a, "checkout-api");
	pm_strlist_push(&inc->tags, fx->a, "Postgres");
	inc->category = "database-locking";
	finish(fx);
	list = build(fx);
	assert_string_equal(str(list->u.list.items[0], "words"),
	    "checkout db locked down the database don t panic caf\xc3\xa9 "
	    "\xc3\x89" "cole na\xc3\xafve quoted fire bad a migration held an "
	    "access exclusive lock on orders table sha is not word anyone "
	    "types 0123456789012345678901234567890123456789 longest kept "
	    "alerts fired for rolled back v2 10 api postgres locking");
}

static void
test_words_are_capped(void **state)
{
	struct fx *fx = *state;
	struct pm_incident *inc;
	struct pm_buf b = PM_BUF_INIT;
	const char *words;
	size_t n = 1;
	int i;

	for (i = 0; i < PM_SEARCH_MAX_WORDS + 50; i++)
		pm_buf_printf(&b, "w%d w%d ", i, i);
	inc = add(fx, "many", "2024-01-01");
	inc->title = "Title";
	inc->root_cause = pm_arena_strdup(fx->a, pm_buf_cstr(&b));
	finish(fx);
	words = str(build(fx)->u.list.items[0], "words");
	for (const char *s = words; *s; s++)
		n += *s == ' ';
	assert_int_equal(n, PM_SEARCH_MAX_WORDS);
	assert_true(strncmp(words, "title w0 w1 w2 ", 15) == 0);
	pm_buf_clear(&b);
	pm_buf_printf(&b, " w%d", PM_SEARCH_MAX_WORDS - 2);
	assert_true(strlen(words) > b.len);
	assert_string_equal(words + strlen(words) - b.len, pm_buf_cstr(&b));
	pm_buf_free(&b);
}

/* Each incident has its own bag: words met in one are not repeats in
 * the next. */
static void
test_words_are_per_incident(void **state)
{
	struct fx *fx = *state;
	struct pm_value *list;

	add(fx, "a", "2024-01-02")->title = "Disk full on db1";
	add(fx, "b", "2024-01-01")->title = "Disk full again on db1";
	finish(fx);
	list = build(fx);
	assert_string_equal(str(list->u.list.items[0], "words"),
	    "disk full on db1");
	assert_string_equal(str(list->u.list.items[1], "words"),
	    "disk full again on db1");
}

static void
test_summary_is_cut_at_a_word(void **state)
{
	struct fx *fx = *state;
	struct pm_incident *inc;
	struct pm_buf b = PM_BUF_INIT;
	struct pm_value *list;
	const char *s;
	size_t n;

	pm_buf_puts(&b, "First  line\nsecond\tline. ");
	while (b.len < 600)
		pm_buf_puts(&b, "caf\xc3\xa9s, ");
	inc = add(fx, "long", "2024-01-01");
	inc->summary = pm_arena_strdup(fx->a, pm_buf_cstr(&b));
	inc = add(fx, "short", "2023-01-01");
	inc->summary = "  Just\nthis.  ";
	inc = add(fx, "word", "2022-01-01");
	pm_buf_clear(&b);
	while (b.len < 400)
		pm_buf_puts(&b, "\xc3\xa9");
	inc->summary = pm_arena_strdup(fx->a, pm_buf_cstr(&b));
	finish(fx);
	list = build(fx);

	s = str(list->u.list.items[0], "summary");
	n = strlen(s);
	assert_true(n <= PM_SEARCH_SUMMARY_MAX + 3);
	assert_true(n > PM_SEARCH_SUMMARY_MAX - 12);
	assert_true(strncmp(s, "First line second line. caf\xc3\xa9s, ", 32)
	    == 0);
	/* Cut after a whole word, without its comma. */
	assert_string_equal(s + n - 9, "caf\xc3\xa9s\xe2\x80\xa6");
	assert_string_equal(str(list->u.list.items[1], "summary"),
	    "Just this.");
	/* One long word: cut inside it, never inside a character. */
	s = str(list->u.list.items[2], "summary");
	n = strlen(s);
	assert_int_equal(n, PM_SEARCH_SUMMARY_MAX + 3);
	assert_string_equal(s + n - 5, "\xc3\xa9\xe2\x80\xa6");
	pm_buf_free(&b);
}

static void
test_script_cannot_be_broken_out_of(void **state)
{
	struct fx *fx = *state;
	struct pm_incident *inc;
	struct pm_value *v = NULL;
	struct pm_error err;
	const char *title = "</script><script>alert(1)</script><!-- & \"x\"";
	const char *js, *json;
	size_t jsonlen;

	inc = add(fx, "evil", "2024-01-01");
	inc->title = title;
	inc->summary = "line\xe2\x80\xa8separator\xe2\x80\xa9paragraph";
	finish(fx);
	build(fx);
	js = pm_buf_cstr(&fx->js);
	json = pm_buf_cstr(&fx->json);
	assert_null(strchr(js, '<'));
	assert_null(strchr(js, '>'));
	assert_null(strchr(js, '&'));
	assert_null(strchr(json, '<'));
	assert_non_null(strstr(json, "\\u003c/script\\u003e"));
	/* The script is the JSON with its line terminators escaped. */
	assert_non_null(strstr(json, "line\xe2\x80\xa8separator\xe2\x80\xa9"));
	assert_null(strstr(js, "\xe2\x80\xa8"));
	assert_null(strstr(js, "\xe2\x80\xa9"));
	assert_non_null(strstr(js, "line\\u2028separator\\u2029paragraph"));
	assert_true(strncmp(js, PREFIX, strlen(PREFIX)) == 0);
	assert_string_equal(js + fx->js.len - 2, ";\n");
	assert_int_equal(json[fx->json.len - 1], '\n');
	jsonlen = fx->json.len - 1;
	assert_int_equal(fx->js.len, strlen(PREFIX) + jsonlen + 2 + 2 * 3);

	/* What the script assigns reads back as the title written. */
	pm_error_clear(&err);
	assert_int_equal(pm_yaml_parse(&v, fx->a, js + strlen(PREFIX),
	    fx->js.len - strlen(PREFIX) - 2, "search-index.js", 1, &err), 0);
	assert_string_equal(str(v->u.list.items[0], "title"), title);
	assert_string_equal(str(v->u.list.items[0], "summary"),
	    "line\xe2\x80\xa8separator\xe2\x80\xa9paragraph");
}

/* A JavaScript engine runs the script, when one is installed. */
static void
test_script_runs_in_node(void **state)
{
	struct fx *fx = *state;
	struct pm_incident *inc;
	char *dir, *cmd, *out = NULL;

	if (tu_run("command -v node", NULL, NULL) != 0)
		skip();
	inc = add(fx, "evil", "2024-01-01");
	inc->title = "</script>\xe2\x80\xa8\"";
	finish(fx);
	build(fx);
	dir = tu_tempdir();
	tu_write(dir, "search-index.js", pm_buf_cstr(&fx->js));
	cmd = malloc(strlen(dir) + 512);
	sprintf(cmd, "node -e 'const vm = require(\"vm\"), "
	    "fs = require(\"fs\");"
	    " const w = {}; vm.runInNewContext(fs.readFileSync(\"%s/"
	    "search-index.js\", \"utf8\"), { window: w });"
	    " process.stdout.write(JSON.stringify(w.PMSITE_SEARCH[0].title))'",
	    dir);
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_string_equal(out, "\"</script>\xe2\x80\xa8\\\"\"");
	free(out);
	free(cmd);
	tu_rm_rf(dir);
	free(dir);
}

static void
test_index_is_deterministic(void **state)
{
	struct fx *fx = *state;
	struct pm_incident *inc;
	char *json, *js;

	inc = add(fx, "b", "2024-03-05");
	inc->summary = "Something broke.";
	inc->root_cause = "Many words, many more words.";
	add(fx, "a", "2024-03-05");
	add(fx, "c", NULL);
	finish(fx);
	build(fx);
	json = strdup(pm_buf_cstr(&fx->json));
	js = strdup(pm_buf_cstr(&fx->js));
	build(fx);
	assert_string_equal(json, pm_buf_cstr(&fx->json));
	assert_string_equal(js, pm_buf_cstr(&fx->js));
	/* Site order: the same date, then by slug. */
	assert_true(strstr(json, "\"slug\":\"a\"") < strstr(json,
	    "\"slug\":\"b\""));
	free(json);
	free(js);
}

static void
test_facets_list_causes_and_years(void **state)
{
	struct fx *fx = *state;
	struct pm_value *causes, *years, *v, *list;
	struct pm_incident *inc;

	inc = add(fx, "d1", "2024-05-01");
	inc->category = "network-dns";
	inc = add(fx, "c1", "2024-03-01");
	inc->category = "configuration";
	inc = add(fx, "d2", "2023-12-31");
	inc->category = "network-dns";
	inc = add(fx, "b1", "2022-01-01");
	inc->category = "bug";
	inc = add(fx, "nocat", "2022-06-01");
	add(fx, "undated", NULL)->category = "bug";
	finish(fx);
	pm_search_facets(&causes, &years, fx->a, &fx->site);

	/* Most incidents first, then by id. */
	assert_int_equal(pm_value_len(causes), 3);
	v = causes->u.list.items[0];
	assert_string_equal(str(v, "id"), "bug");
	assert_string_equal(str(v, "name"), "bug");
	assert_true(pm_value_map_get(v, "count")->u.number == 2);
	v = causes->u.list.items[1];
	assert_string_equal(str(v, "id"), "network-dns");
	assert_true(pm_value_map_get(v, "count")->u.number == 2);
	v = causes->u.list.items[2];
	assert_string_equal(str(v, "id"), "configuration");
	assert_true(pm_value_map_get(v, "count")->u.number == 1);

	/* Newest year first; the undated incident is in no year. */
	assert_int_equal(pm_value_len(years), 3);
	v = years->u.list.items[0];
	assert_true(pm_value_map_get(v, "year")->u.number == 2024);
	assert_true(pm_value_map_get(v, "count")->u.number == 2);
	list = pm_value_map_get(v, "incidents");
	assert_int_equal(pm_value_len(list), 2);
	assert_string_equal(str(list->u.list.items[0], "slug"), "d1");
	assert_string_equal(str(list->u.list.items[0], "title"), "d1");
	assert_string_equal(str(list->u.list.items[0], "date"), "2024-05-01");
	assert_string_equal(str(list->u.list.items[1], "slug"), "c1");
	v = years->u.list.items[2];
	assert_true(pm_value_map_get(v, "year")->u.number == 2022);
	list = pm_value_map_get(v, "incidents");
	assert_int_equal(pm_value_len(list), 2);
	assert_string_equal(str(list->u.list.items[0], "slug"), "nocat");
	assert_string_equal(str(list->u.list.items[1], "slug"), "b1");
}

static void
test_empty_site(void **state)
{
	struct fx *fx = *state;
	struct pm_value *causes, *years;

	assert_int_equal(pm_value_len(build(fx)), 0);
	assert_string_equal(pm_buf_cstr(&fx->json), "[]\n");
	assert_string_equal(pm_buf_cstr(&fx->js), PREFIX "[];\n");
	pm_search_facets(&causes, &years, fx->a, &fx->site);
	assert_true(pm_value_is(causes, PM_VALUE_LIST));
	assert_true(pm_value_is(years, PM_VALUE_LIST));
	assert_int_equal(pm_value_len(causes) + pm_value_len(years), 0);
}

/* A kept entry is copied as it is: the index does not make it again
 * (this one says what no incident field does); in the script, the line
 * separators it holds are still escaped. */
static void
test_kept_entry_is_copied(void **state)
{
	struct fx *fx = *state;
	struct pm_incident *inc;
	static const char kept[] = "{\"slug\":\"kept\",\"words\":"
	    "\"a\xe2\x80\xa8" "b\"}";

	add(fx, "made-here", "2024-05-01");
	inc = add(fx, "from-the-cache", "2024-04-01");
	inc->search_entry = kept;
	inc->search_entry_len = strlen(kept);
	finish(fx);
	assert_int_equal(pm_search_index(&fx->json, &fx->js, &fx->site, NULL),
	    0);
	assert_non_null(strstr(pm_buf_cstr(&fx->json), ",{\"slug\":\"kept\""));
	assert_non_null(strstr(pm_buf_cstr(&fx->json), "\"made-here\""));
	assert_null(strstr(pm_buf_cstr(&fx->json), "from-the-cache"));
	assert_non_null(strstr(pm_buf_cstr(&fx->js), "a\\u2028b"));
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_index_has_one_entry_per_incident),
		T(test_words_are_a_bag_of_distinct_lowercase_words),
		T(test_words_are_per_incident),
		T(test_words_are_capped),
		T(test_summary_is_cut_at_a_word),
		T(test_script_cannot_be_broken_out_of),
		T(test_script_runs_in_node),
		T(test_index_is_deterministic),
		T(test_facets_list_causes_and_years),
		T(test_empty_site),
		T(test_kept_entry_is_copied),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
