/*
 * check_parallel.c: ingest on several threads gives what one thread gives.
 *
 * The documents are written to catch the race DESIGN.md warns about:
 * cmark-gfm adds `~` and the autolink triggers to a process-wide table
 * while one parse runs and takes them out when it ends, so two parses at
 * once can lose each other's strike-through and links.  Every document
 * here has both, so a parse that overlaps another shows as a missing <del>
 * or link (tried: without the pool's lock, 20 pages of 1,000 differ).
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
#include "buf.h"
#include "config.h"
#include "incident.h"
#include "ingest_pool.h"
#include "markdown.h"
#include "source.h"
#include "testutil.h"
#include "value.h"

#define NDOCS 240
#define T0 1704103200LL		/* 2024-01-01T10:00:00Z */

struct fx {
	char *dir;
	char *out;
};

static const char *const services[] = { "billing", "search", "login",
	"checkout", "reports" };

/* Document i; done says whether its first action item is ticked. */
static char *
doc_text(int i, int done)
{
	struct pm_buf b = PM_BUF_INIT;
	char *s;

	pm_buf_printf(&b, "# %s slowed down, case %d\n\n", services[i % 5], i);
	pm_buf_printf(&b, "## Summary\n\nOn March %d, 2024, from 10:%02d to "
	    "12:15 UTC, %d%% of users saw errors from %s. We ~~restarted "
	    "it~~ rolled it back; see www.example.com/%d for the graphs.\n\n",
	    1 + i % 28, i % 60, 5 + i % 90, services[i % 5], i);
	pm_buf_puts(&b, "## Timeline\n\n");
	for (int k = 0; k < 1 + i % 4; k++)
		pm_buf_printf(&b, "- 10:%02d - step %d, ~~wrong guess~~ "
		    "checked https://status.example.com/%d\n", i % 50 + k, k,
		    k);
	pm_buf_printf(&b, "\n## Root cause\n\nA %s deadlock in the "
	    "database held locks.%s\n\n", i % 2 ? "row" : "table",
	    /* some with warnings of their own */
	    i % 3 ? "" : " We should have paged sooner.");
	pm_buf_puts(&b, "## Action items\n\n");
	pm_buf_printf(&b, "- [%c] Add an alert for case %d\n", done ? 'x' :
	    ' ', i);
	pm_buf_printf(&b, "- [ ] ~~Drop~~ Keep the retry cap of %d\n", i);
	s = pm_xstrdup(pm_buf_cstr(&b));
	pm_buf_free(&b);
	return s;
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	git_repository *repo;
	const char *files[2 * NDOCS + 3];
	char *texts[NDOCS], id[41];
	char names[NDOCS][64];

	assert_non_null(f);
	f->dir = tu_tempdir();
	f->out = malloc(strlen(f->dir) + 8);
	sprintf(f->out, "%s/site", f->dir);
	repo = tu_repo_init(f->dir);
	/* Two commits, so the item history reads older versions too. */
	for (int pass = 0; pass < 2; pass++) {
		int n = 0;

		for (int i = 0; i < NDOCS; i++) {
			snprintf(names[i], sizeof(names[i]),
			    "content/2024-03-%02d-case-%03d.md",
			    1 + i % 28, i);
			texts[i] = doc_text(i, pass == 1 && i % 2);
			files[n++] = names[i];
			files[n++] = texts[i];
		}
		/* Outside content/: only the in-process run sees it. */
		files[n++] = "drafts/broken.md";
		files[n++] = "---\ntitle: [unclosed\n---\n# Broken\n";
		files[n] = NULL;
		tu_commit(repo, pass ? "Ana" : "Bo", T0 + pass * 86400, files,
		    pass ? "Tick items" : "Add cases", id);
		for (int i = 0; i < NDOCS; i++)
			free(texts[i]);
	}
	git_repository_free(repo);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	tu_rm_rf(f->dir);
	free(f->dir);
	free(f->out);
	free(f);
	return 0;
}

/* Everything a task gives, as text: the record, the warnings, the error. */
static char *
run_pool(struct fx *f, int jobs, size_t *ndel)
{
	struct pm_source_opts so = { f->dir, NULL, "", 0, 0, 1 };
	struct pm_source *src = NULL;
	struct pm_arena *arena = pm_arena_new();
	struct pm_ingest_task *tasks;
	struct pm_config cfg;
	struct pm_buf b = PM_BUF_INIT;
	struct pm_error err;
	size_t n;
	char *s;

	pm_error_clear(&err);
	pm_config_defaults(&cfg);
	assert_int_equal(pm_source_open(&src, &so, &err), 0);
	assert_int_equal(pm_source_load(src, &err), 0);
	n = pm_source_count(src);
	assert_int_equal(n, NDOCS + 1);
	tasks = calloc(n, sizeof(*tasks));
	for (size_t i = 0; i < n; i++)
		tasks[i].doc = pm_source_doc(src, i);
	pm_ingest_pool_run(tasks, n, arena, src, &cfg, NULL, jobs);
	*ndel = 0;
	for (size_t i = 0; i < n; i++) {
		struct pm_ingest_task *t = &tasks[i];

		pm_buf_printf(&b, "== %s failed=%d %s\n", t->doc->path,
		    t->failed, t->failed ? t->err.message : "");
		for (size_t k = 0; k < t->warnings.len; k++)
			pm_buf_printf(&b, "%s\n", t->warnings.lines[k]);
		pm_warnings_free(&t->warnings);
		if (t->failed)
			continue;
		pm_value_write_json(&b, pm_incident_to_value(&t->inc, arena),
		    0);
		pm_buf_puts(&b, t->inc.html);
		*ndel += tu_count(t->inc.html, "<del>");
	}
	s = pm_xstrdup(pm_buf_cstr(&b));
	pm_buf_free(&b);
	free(tasks);
	pm_source_free(src);
	/* after the source: incidents borrow nothing from it past here */
	pm_arena_free(arena);
	return s;
}

static void
test_pool_matches_one_thread(void **state)
{
	struct fx *f = *state;
	size_t del1, del4, del3;
	char *one = run_pool(f, 1, &del1);
	char *four = run_pool(f, 4, &del4);
	char *three = run_pool(f, 3, &del3);

	/* every document kept its strike-through: 1 in the summary, one
	 * per timeline entry, one in the second action item */
	assert_true(del1 >= 3 * NDOCS);
	assert_int_equal(del4, del1);
	assert_int_equal(del3, del1);
	assert_string_equal(four, one);
	assert_string_equal(three, one);
	/* the broken file failed alone, with its name */
	assert_int_equal(tu_count(one, "drafts/broken.md failed=1"), 1);
	assert_int_equal(tu_count(one, "failed=1"), 1);
	/* item history ran: half the first items were ticked a day in */
	assert_true(tu_count(one, "\"done_at\":\"2024-01-02") >= NDOCS / 2);
	free(one);
	free(four);
	free(three);
}

/* The whole build, warnings included, byte for byte. */
static void
test_build_matches_one_thread(void **state)
{
	struct fx *f = *state;
	char cmd[2048], *err1 = NULL, *err4 = NULL;

	snprintf(cmd, sizeof(cmd), "'%s' build --repo '%s' --content content "
	    "--out '%s/one' --no-cache -j 1", tu_pmsite(), f->dir, f->dir);
	assert_int_equal(tu_run(cmd, NULL, &err1), 0);
	snprintf(cmd, sizeof(cmd), "'%s' build --repo '%s' --content content "
	    "--out '%s/four' --no-cache -j 4", tu_pmsite(), f->dir, f->dir);
	assert_int_equal(tu_run(cmd, NULL, &err4), 0);
	assert_string_equal(err4, err1);
	assert_int_equal(tu_count(err1, "[blame-hindsight]"), NDOCS / 3);
	snprintf(cmd, sizeof(cmd), "diff -r '%s/one' '%s/four'", f->dir,
	    f->dir);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	free(err1);
	free(err4);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pool_matches_one_thread),
		cmocka_unit_test(test_build_matches_one_thread),
	};

	git_libgit2_init();
	pm_markdown_init();
	return cmocka_run_group_tests(tests, setup, teardown);
}
