/*
 * check_ingest.c: one document through ingest: links between postmortems,
 * and the fallbacks for what neither the front matter nor the prose says.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "ingest.h"
#include "markdown.h"

static struct pm_incident *
ingest(struct pm_arena *a, const char *path, const char *text)
{
	struct pm_incident *inc = pm_arena_alloc(a, sizeof(*inc));
	struct pm_config cfg;
	struct pm_error err;

	pm_error_clear(&err);
	pm_config_defaults(&cfg);
	assert_int_equal(pm_ingest_bytes(inc, a, path, text, strlen(text),
	    &cfg, NULL, NULL, &err), 0);
	return inc;
}

static void
test_links_to_other_postmortems(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_incident *inc = ingest(a, "content/2024/b.md",
	    "# B\n\nSee [the first](2023-06-01-DB_Pool.md#timeline), "
	    "[a folder](../2022/old.md), [the web](https://x.org/a.md), "
	    "[absolute](/a.md), [a file](notes.txt) and [here](#b).\n");

	(void)state;
	assert_non_null(strstr(inc->html,
	    "href=\"../2023-06-01-db-pool/index.html#timeline\""));
	assert_non_null(strstr(inc->html, "href=\"../old/index.html\""));
	assert_non_null(strstr(inc->html, "href=\"https://x.org/a.md\""));
	assert_non_null(strstr(inc->html, "href=\"/a.md\""));
	assert_non_null(strstr(inc->html, "href=\"notes.txt\""));
	assert_non_null(strstr(inc->html, "href=\"#b\""));
	pm_arena_free(a);
}

static void
test_fallbacks(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_incident *inc;

	(void)state;
	/* No heading, no date in the text: the file name gives both. */
	inc = ingest(a, "content/2024-03-05-cache-stampede.md",
	    "the cache fell over.\n");
	assert_string_equal(inc->slug, "2024-03-05-cache-stampede");
	assert_string_equal(inc->date, "2024-03-05");
	assert_non_null(inc->title);
	/* Front matter wins over the file name. */
	inc = ingest(a, "content/2024-03-05-x.md",
	    "---\nslug: chosen\ndate: 2020-01-02\ntitle: T\n---\nbody\n");
	assert_string_equal(inc->slug, "chosen");
	assert_string_equal(inc->date, "2020-01-02");
	assert_string_equal(inc->title, "T");
	pm_arena_free(a);
}

static void
test_errors(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_incident inc;
	struct pm_config cfg;
	struct pm_error err;

	(void)state;
	pm_config_defaults(&cfg);
	pm_error_clear(&err);
	assert_int_equal(pm_ingest_bytes(&inc, a, "content/---.md", "x\n", 2,
	    &cfg, NULL, NULL, &err), PM_ERROR);
	assert_non_null(strstr(err.message, "no slug"));
	pm_error_clear(&err);
	assert_int_equal(pm_ingest_bytes(&inc, a, "content/a.md",
	    "---\nslug: ../../x\n---\n", 22, &cfg, NULL, NULL, &err),
	    PM_ERROR);
	assert_string_equal(err.file, "content/a.md");
	assert_int_equal(err.line, 2);

	/* Too large to be a postmortem: refused before any parser sees it. */
	{
		size_t n = PM_INGEST_MAX_BYTES + 1;
		char *big = pm_arena_alloc(a, n);

		memset(big, 'a', n);
		pm_error_clear(&err);
		assert_int_equal(pm_ingest_bytes(&inc, a, "content/big.md",
		    big, n, &cfg, NULL, NULL, &err), PM_ERROR);
		assert_int_equal(err.code, PM_ELIMIT);
		assert_non_null(strstr(err.message, "at most 4 MiB"));
	}
	pm_arena_free(a);
}

/* The whole incident as text: the record, and what is not in it. */
static const char *
everything(struct pm_arena *a, const struct pm_incident *inc)
{
	struct pm_buf b = PM_BUF_INIT;
	const char *s;

	pm_value_write_json(&b, pm_incident_to_value(inc, a), 0);
	pm_buf_printf(&b, "|%s|%s|%d|%zu|", inc->date, inc->blob_id,
	    inc->body_line, inc->html_len);
	pm_buf_puts(&b, inc->html);
	pm_value_write_json(&b, inc->front, 0);
	s = pm_arena_strdup(a, pm_buf_cstr(&b));
	pm_buf_free(&b);
	return s;
}

/*
 * Ingest keeps a copy of each incident and frees the arena it was read
 * in: the copy must point into nothing of that arena.  Under ASan a missed
 * pointer is a use after free; without it, the freed memory is handed
 * out again and overwritten before the copy is read.
 */
static void
test_copy_owns_everything(void **state)
{
	struct pm_arena *keep = pm_arena_new(), *scratch = pm_arena_new(),
	    *reuse;
	struct pm_incident *inc = ingest(scratch, "content/2024/db.md",
	    "---\nseverity: SEV2\nservices: [api, db]\ntags: [pg]\n"
	    "owner: {team: storage}\n---\n"
	    "# Database pool exhausted\n\n## Summary\n\n"
	    "On 5 March 2024 from 10:00 to 11:30 UTC, 40% of users saw "
	    "errors.\n\n## Timeline\n\n- 10:00 alert fired\n"
	    "- 10:20 pool raised\n- 11:30 resolved\n\n## Root cause\n\n"
	    "A connection leak in the pool.\n\n## Action items\n\n"
	    "- [x] Fix the leak\n- [ ] Alert on pool use\n");
	struct pm_incident copy;
	const char *before;

	(void)state;
	inc->git.created = pm_arena_strdup(scratch, "2024-03-06T09:00:00Z");
	inc->git.updated = pm_arena_strdup(scratch, "2024-03-07T09:00:00Z");
	inc->git.commit = pm_arena_strdup(scratch, "0123abcd");
	pm_strlist_push(&inc->git.authors, scratch,
	    pm_arena_strdup(scratch, "Ada"));
	pm_strlist_push(&inc->related, scratch,
	    pm_arena_strdup(scratch, "older"));
	inc->repeat_of = pm_arena_strdup(scratch, "older");
	inc->blob_id = pm_arena_strdup(scratch, "ffff");
	inc->action_items[0].added = pm_arena_strdup(scratch, "2024-03-06");
	inc->action_items[0].done_at = pm_arena_strdup(scratch,
	    "2024-03-08");
	assert_int_equal(inc->ntimeline, 3);
	assert_non_null(inc->front);
	before = everything(keep, inc);
	pm_incident_copy(&copy, inc, keep);
	pm_arena_free(scratch);
	reuse = pm_arena_new();
	for (int i = 0; i < 64; i++)
		memset(pm_arena_alloc(reuse, 4096), 'X', 4096);
	assert_string_equal(everything(keep, &copy), before);
	pm_arena_free(reuse);
	pm_arena_free(keep);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_links_to_other_postmortems),
		cmocka_unit_test(test_fallbacks),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_copy_owns_everything),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("ingest", tests, NULL, NULL);
}
