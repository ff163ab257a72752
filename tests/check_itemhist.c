/*
 * check_itemhist.c: ages of action items from a real history: items
 * written down, ticked, unticked, reworded and kept in tables over
 * several commits, read back through the source, the extractor and the
 * built actions page.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <git2.h>

#include "arena.h"
#include "classify.h"
#include "config.h"
#include "extract.h"
#include "incident.h"
#include "ingest.h"
#include "itemhist.h"
#include "markdown.h"
#include "source.h"
#include "testutil.h"
#include "warnings.h"

#define DAY 86400LL
#define T0 1704103200LL		/* 2024-01-01T10:00:00Z */

static const char v1[] =
	"# Queue backlog\n\n"
	"## Action items\n\n"
	"- [ ] Alert on queue depth\n"
	"- [ ] Cap retries at three\n"
	"- [ ] Write the runbook\n";

/* Three days later: the alert is done, the runbook item reworded. */
static const char v2[] =
	"# Queue backlog\n\n"
	"## Action items\n\n"
	"- [x] Alert on queue depth\n"
	"- [ ] Cap retries at three\n"
	"- [ ] Write the on-call runbook\n";

/* Ten days in: retries capped, then a new item; the alert stays done. */
static const char v3[] =
	"# Queue backlog\n\n"
	"## Action items\n\n"
	"- [x] Alert on queue depth\n"
	"- [x] ~~Cap retries at three~~\n"
	"- [ ] Write the on-call runbook\n"
	"- [ ] Load-test the consumer\n";

/* Twelve days in: retries were unticked again (it regressed). */
static const char v4[] =
	"# Queue backlog\n\n"
	"## Action items\n\n"
	"- [x] Alert on queue depth\n"
	"- [ ] Cap retries at three\n"
	"- [ ] Write the on-call runbook\n"
	"- [ ] Load-test the consumer\n";

static const char table1[] =
	"# Disk full\n\n"
	"## Action items\n\n"
	"| Item | Owner | Status |\n"
	"|---|---|---|\n"
	"| Rotate the audit logs daily | ana | Open |\n"
	"| Alert at 80% disk | bo | Open |\n"
	"| Add a spare disk | cy | Open |\n";

static const char table2[] =
	"# Disk full\n\n"
	"## Action items\n\n"
	"| Item | Owner | Status |\n"
	"|---|---|---|\n"
	"| Rotate the audit logs daily | ana | Done |\n"
	"| Alert at 80% disk | bo | Open |\n"
	"| Add a spare disk | cy | Open |\n";

/* Two days later the spare disk is in: written down with the rotation,
 * done two days after it. */
static const char table3[] =
	"# Disk full\n\n"
	"## Action items\n\n"
	"| Item | Owner | Status |\n"
	"|---|---|---|\n"
	"| Rotate the audit logs daily | ana | Done |\n"
	"| Alert at 80% disk | bo | Open |\n"
	"| Add a spare disk | cy | Done |\n";

struct fx {
	char *dir;
	struct pm_arena *arena;
	struct pm_source *src;
	struct pm_config cfg;
};

static void
commit(git_repository *repo, long long when, const char *path,
    const char *text)
{
	const char *files[] = { path, text, NULL };
	char id[41];

	tu_commit(repo, "Ada", when, files, "edit", id);
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	git_repository *repo;

	assert_non_null(f);
	f->dir = tu_tempdir();
	repo = tu_repo_init(f->dir);
	commit(repo, T0, "content/queue.md", v1);
	commit(repo, T0 + DAY / 2, "content/disk.md", table1);
	commit(repo, T0 + 3 * DAY, "content/queue.md", v2);
	commit(repo, T0 + 5 * DAY, "content/disk.md", table2);
	commit(repo, T0 + 7 * DAY, "content/disk.md", table3);
	commit(repo, T0 + 10 * DAY, "content/queue.md", v3);
	commit(repo, T0 + 12 * DAY, "content/queue.md", v4);
	git_repository_free(repo);
	f->arena = pm_arena_new();
	pm_config_defaults(&f->cfg);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	pm_source_free(f->src);
	pm_arena_free(f->arena);
	tu_rm_rf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* The incident of one document, with its item history applied. */
static struct pm_incident *
incident(struct fx *f, const char *name)
{
	struct pm_source_opts o = { f->dir, NULL, "content", 0, 0, 1 };
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident *inc = pm_arena_alloc(f->arena, sizeof(*inc));
	struct pm_error err;

	pm_error_clear(&err);
	if (f->src == NULL) {
		assert_int_equal(pm_source_open(&f->src, &o, &err), 0);
		assert_int_equal(pm_source_load(f->src, &err), 0);
	}
	for (size_t i = 0; i < pm_source_count(f->src); i++) {
		const struct pm_doc *doc = pm_source_doc(f->src, i);

		if (strcmp(doc->name, name) != 0)
			continue;
		if (pm_ingest_doc(inc, NULL, f->arena, doc, doc->data,
		    doc->len, &f->cfg, pm_taxonomy_default(), NULL, &w,
		    &err) < 0)
			fail_msg("%s: %s", name, err.message);
		assert_int_equal(pm_itemhist_apply(inc, doc, doc->data,
		    doc->len, f->src, &err), 0);
		pm_warnings_free(&w);
		return inc;
	}
	fail_msg("%s not found", name);
	return NULL;
}

static const struct pm_action_item *
item(const struct pm_incident *inc, const char *prefix)
{
	for (size_t i = 0; i < inc->naction_items; i++)
		if (strncmp(inc->action_items[i].text, prefix,
		    strlen(prefix)) == 0)
			return &inc->action_items[i];
	fail_msg("no item starting %s", prefix);
	return NULL;
}

static void
test_versions_recorded(void **state)
{
	struct fx *f = *state;
	const struct pm_doc *doc = NULL;

	(void)incident(f, "queue.md");
	for (size_t i = 0; i < pm_source_count(f->src); i++)
		if (strcmp(pm_source_doc(f->src, i)->name, "queue.md") == 0)
			doc = pm_source_doc(f->src, i);
	assert_non_null(doc);
	assert_int_equal(doc->nversions, 4);
	assert_string_equal(doc->versions[0].when,
	    "2024-01-01T10:00:00+00:00");
	assert_string_equal(doc->versions[3].when,
	    "2024-01-13T10:00:00+00:00");
	assert_string_equal(doc->versions[3].blob_id, doc->blob_id);
	assert_string_equal(pm_source_commit_time(f->src),
	    "2024-01-13T10:00:00+00:00");
}

static void
test_ticked_and_open(void **state)
{
	struct fx *f = *state;
	const struct pm_incident *inc = incident(f, "queue.md");
	const struct pm_action_item *alert = item(inc, "Alert on queue");
	const struct pm_action_item *retries = item(inc, "Cap retries");
	const struct pm_action_item *load = item(inc, "Load-test");

	assert_true(alert->done);
	assert_string_equal(alert->added, "2024-01-01T10:00:00+00:00");
	assert_string_equal(alert->done_at, "2024-01-04T10:00:00+00:00");
	/* Ticked on day 10, unticked on day 12: open, with no done time. */
	assert_false(retries->done);
	assert_string_equal(retries->added, "2024-01-01T10:00:00+00:00");
	assert_null(retries->done_at);
	assert_string_equal(load->added, "2024-01-11T10:00:00+00:00");
	assert_null(load->done_at);
}

/* A reworded item starts again from the version that reworded it. */
static void
test_reworded(void **state)
{
	struct fx *f = *state;
	const struct pm_incident *inc = incident(f, "queue.md");

	assert_string_equal(item(inc, "Write the on-call")->added,
	    "2024-01-04T10:00:00+00:00");
}

/* Table rows are followed by their longest cell; a Done status ticks. */
static void
test_table_rows(void **state)
{
	struct fx *f = *state;
	const struct pm_incident *inc = incident(f, "disk.md");
	const struct pm_action_item *rotate = item(inc, "Rotate");
	const struct pm_action_item *alert = item(inc, "Alert at 80%");

	assert_true(rotate->done);
	assert_string_equal(rotate->added, "2024-01-01T22:00:00+00:00");
	assert_string_equal(rotate->done_at, "2024-01-06T10:00:00+00:00");
	assert_false(alert->done);
	assert_string_equal(alert->added, "2024-01-01T22:00:00+00:00");
	assert_string_equal(item(inc, "Add a spare")->done_at,
	    "2024-01-08T10:00:00+00:00");
}

/* The whole path: incidents.json and the actions page of a build. */
static void
test_built_site(void **state)
{
	struct fx *f = *state;
	char cmd[2048], path[1024], *page, *json;

	snprintf(cmd, sizeof(cmd), "'%s' build -q --repo '%s' --out '%s/site'",
	    tu_pmsite(), f->dir, f->dir);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	snprintf(path, sizeof(path), "%s/site/actions/index.html", f->dir);
	page = tu_read(path, NULL);
	assert_non_null(page);
	assert_non_null(strstr(page, "done in 3 days"));
	assert_non_null(strstr(page, "done in 4 days"));
	/* Written down with the rotation, done later: its own age. */
	assert_non_null(strstr(page, "done in 6 days"));
	/* Open since 1 January, as of the last commit on 13 January. */
	assert_non_null(strstr(page, "open for 12 days"));
	assert_non_null(strstr(page, "open for 2 days"));
	assert_non_null(strstr(page, "as of 13 January 2024"));
	snprintf(path, sizeof(path), "%s/site/incidents.json", f->dir);
	json = tu_read(path, NULL);
	assert_non_null(json);
	assert_non_null(strstr(json,
	    "\"done_at\": \"2024-01-04T10:00:00+00:00\""));
	free(json);
	free(page);
}

/* The document of that name in the fixture's source. */
static const struct pm_doc *
doc_named(struct fx *f, const char *name)
{
	(void)incident(f, name);
	for (size_t i = 0; i < pm_source_count(f->src); i++)
		if (strcmp(pm_source_doc(f->src, i)->name, name) == 0)
			return pm_source_doc(f->src, i);
	fail_msg("%s not found", name);
	return NULL;
}

/*
 * In steps, the versions given newest first (as a build that reads them
 * in the order of the packs may): the same ages as in one go.  A version
 * that could not be read leaves every item without history and says why.
 */
static void
test_steps_any_order(void **state)
{
	struct fx *f = *state;
	const struct pm_doc *doc = doc_named(f, "queue.md");
	struct pm_incident *inc = incident(f, "queue.md");
	struct pm_incident *again = pm_arena_alloc(f->arena, sizeof(*again));
	struct pm_buf old = PM_BUF_INIT;
	struct pm_itemhist *h;
	struct pm_error err;

	*again = *inc;
	again->action_items = pm_arena_alloc(f->arena,
	    inc->naction_items * sizeof(*inc->action_items));
	memcpy(again->action_items, inc->action_items,
	    inc->naction_items * sizeof(*inc->action_items));
	for (size_t k = 0; k < again->naction_items; k++)
		again->action_items[k].added = again->action_items[k].done_at =
		    NULL;
	h = pm_itemhist_new(again, doc, doc->data, doc->len);
	assert_non_null(h);
	assert_false(pm_itemhist_needs(h, 3));	/* the bytes given */
	for (size_t v = 3; v-- > 0;) {
		assert_true(pm_itemhist_needs(h, v));
		pm_error_clear(&err);
		assert_int_equal(pm_source_read_version(f->src, doc, v, &old,
		    &err), 0);
		pm_itemhist_version(h, v, old.ptr, old.len);
	}
	assert_int_equal(pm_itemhist_finish(h, again, f->arena, &err), 0);
	for (size_t k = 0; k < inc->naction_items; k++) {
		const struct pm_action_item *a = &inc->action_items[k];
		const struct pm_action_item *b = &again->action_items[k];

		assert_string_equal(a->added, b->added);
		if (a->done_at || b->done_at)
			assert_string_equal(a->done_at, b->done_at);
	}
	pm_itemhist_free(h);

	h = pm_itemhist_new(again, doc, doc->data, doc->len);
	for (size_t k = 0; k < again->naction_items; k++)
		again->action_items[k].added = NULL;
	pm_itemhist_version(h, 0, v1, strlen(v1));
	pm_itemhist_failed(h, 2, "version 3: object not found");
	pm_itemhist_failed(h, 1, "version 2: object not found");
	assert_int_equal(pm_itemhist_finish(h, again, f->arena, &err),
	    PM_ERROR);
	assert_string_equal(err.file, "content/queue.md");
	assert_non_null(strstr(err.message, "version 2:"));
	for (size_t k = 0; k < again->naction_items; k++)
		assert_null(again->action_items[k].added);
	pm_itemhist_free(h);
	pm_itemhist_free(NULL);
	pm_buf_free(&old);
}

/*
 * The build reads old versions after all documents, in the order of the
 * pack files: packed by git, on three threads, the site says what it
 * says loose on one.
 */
static void
test_built_site_packed(void **state)
{
	struct fx *f = *state;
	char cmd[2048], path[1024], *one, *three;

	snprintf(cmd, sizeof(cmd), "'%s' build -q -j 1 --repo '%s' "
	    "--out '%s/one'", tu_pmsite(), f->dir, f->dir);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	snprintf(cmd, sizeof(cmd), "git -C '%s' gc -q", f->dir);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	snprintf(cmd, sizeof(cmd), "'%s' build -q -j 3 --repo '%s' "
	    "--out '%s/three'", tu_pmsite(), f->dir, f->dir);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	snprintf(path, sizeof(path), "%s/one/incidents.json", f->dir);
	one = tu_read(path, NULL);
	snprintf(path, sizeof(path), "%s/three/incidents.json", f->dir);
	three = tu_read(path, NULL);
	assert_non_null(one);
	assert_non_null(three);
	assert_string_equal(one, three);
	assert_non_null(strstr(three,
	    "\"done_at\": \"2024-01-04T10:00:00+00:00\""));
	assert_non_null(strstr(three,
	    "\"added\": \"2024-01-11T10:00:00+00:00\""));
	free(one);
	free(three);
}

/* An old version gone from the repository costs the ages of that
 * file's items, with a warning naming it, and not the build. */
static void
test_version_missing(void **state)
{
	struct fx *f = *state;
	const struct pm_doc *doc = doc_named(f, "queue.md");
	char cmd[2048], path[1024], *err = NULL, *json;
	const char *hex = doc->versions[1].blob_id;

	snprintf(path, sizeof(path), "%s/.git/objects/%.2s/%s", f->dir, hex,
	    hex + 2);
	assert_int_equal(remove(path), 0);
	snprintf(cmd, sizeof(cmd), "'%s' build -j 2 --repo '%s' "
	    "--out '%s/site'", tu_pmsite(), f->dir, f->dir);
	assert_int_equal(tu_run(cmd, NULL, &err), 0);
	assert_non_null(strstr(err, "content/queue.md: warning: action item "
	    "history unavailable: version 2"));
	assert_null(strstr(err, "disk.md: warning: action item history"));
	snprintf(path, sizeof(path), "%s/site/incidents.json", f->dir);
	json = tu_read(path, NULL);
	assert_non_null(json);
	/* disk.md keeps its ages; queue.md has none. */
	assert_non_null(strstr(json,
	    "\"done_at\": \"2024-01-06T10:00:00+00:00\""));
	assert_null(strstr(json, "\"added\": \"2024-01-11T10:00:00"));
	free(json);
	free(err);
}

/* itemhist.c takes letters and digits as words without looking for a
 * done mark there: no mark may start with one. */
static void
test_marks_start_outside_words(void **state)
{
	(void)state;
	for (const char *const *m = pm_extract_done_marks; *m; m++) {
		unsigned char c = (unsigned char)(*m)[0];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			fail_msg("done mark \"%s\" starts a word", *m);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_versions_recorded,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_ticked_and_open,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_reworded,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_table_rows,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_built_site,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_steps_any_order,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_built_site_packed,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_version_missing,
		    setup, teardown),
		cmocka_unit_test(test_marks_start_outside_words),
	};
	int rc;

	git_libgit2_init();
	pm_markdown_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return rc;
}
