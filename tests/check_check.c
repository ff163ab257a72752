/*
 * check_check.c: the review rules of check.h, each with a postmortem it
 * must accept and one it must flag (with the line it must name).  The
 * documents go through the real pipeline (front matter, cmark-gfm, the
 * extractor) so the rules are tested on what they will really be given;
 * the few states prose cannot produce are built by hand.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "config.h"
#include "ingest.h"
#include "markdown.h"

/* A complete postmortem in the format: no rule has anything to say. */
static const char good[] =
    "# Search results empty after index rebuild\n"			/* 1 */
    "\n"
    "## Issue Summary\n"						/* 3 */
    "\n"
    "Duration: 1 hour 30 minutes.\n"					/* 5 */
    "On 12 June 2024, from 09:10 to 10:40 UTC, product search on the "
    "web shop returned empty result pages. About 35% of users who "
    "searched saw no results, and orders placed through search fell by "
    "a third. The root cause was a nightly index rebuild that swapped in "
    "an empty index after its data export timed out.\n"
    "\n"
    "## Timeline\n"							/* 8 */
    "\n"
    "- 09:10 UTC - The search index alias switched to the new nightly "
    "index.\n"								/* 10 */
    "- 09:18 UTC - A monitoring alert fired on the rate of searches with "
    "zero results.\n"
    "- 09:25 UTC - The on-call engineer investigated the search cluster "
    "health, which was green.\n"
    "- 09:40 UTC - The team suspected a caching problem in the CDN and "
    "purged the cache, which changed nothing.\n"			/* 13 */
    "- 09:55 UTC - The incident was escalated to the data platform team, "
    "who own the export job.\n"
    "- 10:10 UTC - The export job logs showed a timeout and an empty "
    "output file.\n"
    "- 10:25 UTC - The alias was pointed back at the previous day's "
    "index.\n"
    "- 10:40 UTC - Search results were back to normal and the alert "
    "cleared.\n"							/* 17 */
    "\n"
    "## Root Cause and Resolution\n"					/* 19 */
    "\n"
    "The nightly job exports the product catalog from the database, "
    "builds a new search index from the export, and then moves the alias "
    "that the web shop queries to the new index. On 12 June the export "
    "query ran longer than its ten minute limit because a large price "
    "update was running at the same time. The export step stopped with a "
    "timeout but left an empty file behind, and the build step treated "
    "the empty file as a valid catalog. The job had no check on the size "
    "of the new index, so the alias moved to an index without "
    "documents.\n"							/* 21 */
    "\n"
    "The team resolved the incident by pointing the alias back at the "
    "previous index, which was still on the cluster. The export was then "
    "run again outside the price update window, the new index was "
    "checked by hand, and the alias was moved to it the next morning.\n"
    "\n"
    "## Corrective and Preventative Measures\n"			/* 25 */
    "\n"
    "The job must never publish an index that is much smaller than the "
    "one it replaces, and a failed step must stop the job. Alerts on "
    "empty searches worked well and should stay as they are. Large "
    "catalog updates should not run at the same time as the export.\n"
    "\n"
    "### Task list\n"							/* 29 */
    "\n"
    "- [ ] Make the export step fail the job when its query times out.\n"
    "- [ ] Refuse to move the alias when the new index holds under 90% "
    "of the documents of the current one.\n"
    "- [ ] Schedule price updates outside the export window.\n"
    "- [ ] Add a runbook entry on moving the search alias back to the "
    "previous index.\n"
    "- [x] Keep the previous index for two days after each rebuild.\n";

/* ---------------------------------------------------------------- helpers */

/* The warnings of one document, one per line (heap). */
static char *
check_text(const char *md)
{
	struct pm_arena *arena = pm_arena_new();
	struct pm_config cfg;
	struct pm_incident inc;
	struct pm_extract_report rep;
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_error err;
	struct pm_buf out = PM_BUF_INIT;

	pm_config_defaults(&cfg);
	pm_error_clear(&err);
	if (pm_ingest_bytes_report(&inc, &rep, arena, "x.md", md, strlen(md),
	    &cfg, NULL, &w, &err) < 0)
		fail_msg("ingest: %s", err.message);
	pm_check_incident(&w, &inc, &rep, NULL);
	for (size_t i = 0; i < w.len; i++)
		pm_buf_printf(&out, "%s\n", w.lines[i]);
	pm_warnings_free(&w);
	pm_arena_free(arena);
	return pm_buf_detach(&out, NULL);
}

/* good with the first `from` replaced by `to` (heap). */
static char *
variant(const char *from, const char *to)
{
	const char *at = strstr(good, from);
	struct pm_buf b = PM_BUF_INIT;

	if (at == NULL)
		fail_msg("variant: \"%s\" is not in the good document", from);
	pm_buf_put(&b, good, (size_t)(at - good));
	pm_buf_puts(&b, to);
	pm_buf_puts(&b, at + strlen(from));
	return pm_buf_detach(&b, NULL);
}

/* The line of out that ends with "[rule]", or NULL. */
static char *
rule_line(const char *out, const char *rule)
{
	char tag[64];
	const char *p = out, *nl, *end;

	snprintf(tag, sizeof(tag), "[%s]", rule);
	for (; *p; p = *nl ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		end = nl - strlen(tag);
		if (end >= p && strncmp(end, tag, strlen(tag)) == 0)
			return strndup(p, (size_t)(nl - p));
	}
	return NULL;
}

/*
 * One case: the document (md, else good, with from -> to applied when
 * from is set) and what the rule must say: NULL for nothing, else a part
 * of its line ("x.md:13: warning: \"Alice deleted\"").
 */
struct rule_case {
	const char *rule;
	const char *md;
	const char *from, *to;
	const char *expect;
};

static void
run_case(void **state)
{
	const struct rule_case *c = *state;
	char *doc = c->from ? variant(c->from, c->to) : strdup(c->md ?
	    c->md : good);
	char *out = check_text(doc);
	char *line = rule_line(out, c->rule);

	assert_non_null(pm_check_rule_find(c->rule));
	if (c->expect == NULL && line != NULL)
		fail_msg("%s: unexpected warning:\n%s", c->rule, line);
	if (c->expect != NULL && line == NULL)
		fail_msg("%s: no warning; all of them:\n%s", c->rule, out);
	if (c->expect != NULL && strstr(line, c->expect) == NULL)
		fail_msg("%s: expected \"%s\" in:\n%s", c->rule, c->expect,
		    line);
	free(line);
	free(out);
	free(doc);
}

/* ------------------------------------------------------------------ cases */

#define SUMMARY "# Checkout errors\n\n## Issue Summary\n\n"

static const struct rule_case cases[] = {
	/* sections */
	{ "section-summary", SUMMARY "Checkout failed.\n", NULL, NULL, NULL },
	{ "section-summary", "# Checkout errors\n\n## Notes\n\nIt failed.\n"
	  "\n## Timeline\n\n- 09:00 UTC - alert\n", NULL, NULL,
	  "x.md:7: warning: no \"Issue Summary\" section" },
	{ "section-timeline", NULL, NULL, NULL, NULL },
	{ "section-timeline", NULL, "## Timeline\n", "## Notes\n",
	  "x.md:19: warning: no \"Timeline\"" },
	{ "section-root-cause", NULL, NULL, NULL, NULL },
	{ "section-root-cause", NULL, "## Root Cause and Resolution\n",
	  "## Details\n", "x.md:25: warning: no \"Root Cause and "
	  "Resolution\"" },
	{ "section-corrective", NULL, NULL, NULL, NULL },
	{ "section-corrective", NULL, "## Corrective and Preventative "
	  "Measures\n", "## Afterwards\n", "x.md:29: warning: no "
	  "\"Corrective" },
	{ "tasks", NULL, NULL, NULL, NULL },
	{ "tasks", SUMMARY "Checkout failed.\n\n## Corrective and "
	  "Preventative Measures\n\nWe will look at the alerts again.\n",
	  NULL, NULL, "x.md:7: warning: no task list" },

	/* what the summary must say */
	{ "duration", SUMMARY "Duration: 45 minutes.\n", NULL, NULL, NULL },
	{ "duration", SUMMARY "Checkout failed for a while.\n", NULL, NULL,
	  "x.md:3: warning: the duration is not stated" },
	{ "start-time", SUMMARY "On 12 June 2024 checkout failed from 09:10 "
	  "to 10:40 UTC.\n", NULL, NULL, NULL },
	{ "start-time", SUMMARY "Checkout failed for 90 minutes.\n", NULL,
	  NULL, "x.md:3: warning: no start time" },
	{ "end-time", SUMMARY "On 12 June 2024 checkout failed from 09:10 "
	  "to 10:40 UTC.\n", NULL, NULL, NULL },
	{ "end-time", SUMMARY "Start: 2024-06-12 09:10 UTC\n", NULL, NULL,
	  "x.md:3: warning: no end time" },
	{ "timezone", NULL, NULL, NULL, NULL },
	{ "timezone", SUMMARY "On 12 June 2024 checkout failed from 09:10 "
	  "to 10:40.\n", NULL, NULL, "x.md:5: warning: the times have no "
	  "time zone" },
	{ "summary-times", NULL, NULL, NULL, NULL },
	{ "summary-times", SUMMARY "Checkout failed.\n\n## Timeline\n\n"
	  "- 09:10 UTC - alert on errors\n- 09:50 UTC - errors stop\n",
	  NULL, NULL, "x.md:3: warning: the issue summary gives no start" },
	{ "impact", NULL, NULL, NULL, NULL },
	{ "impact", SUMMARY "Duration: 45 minutes.\n", NULL, NULL,
	  "x.md:3: warning: the impact is not stated" },
	{ "impact-percent", NULL, NULL, NULL, NULL },
	{ "impact-percent", NULL, "About 35% of users who searched",
	  "Users who searched", "x.md:6: warning: the share of users" },
	{ "root-cause", NULL, NULL, NULL, NULL },
	{ "root-cause", SUMMARY "Checkout failed for 45 minutes.\n", NULL,
	  NULL, "x.md:3: warning: the root cause is not stated" },
	{ "summary-cause", NULL, NULL, NULL, NULL },
	/* a "Root cause:" line inside the summary says it too */
	{ "summary-cause", SUMMARY "Checkout failed for 45 minutes.\n\n"
	  "Root cause: an expired certificate.\n\n## Timeline\n\n"
	  "- 09:10 UTC - alert\n", NULL, NULL, NULL },
	{ "summary-cause", NULL, "The root cause was a nightly index "
	  "rebuild that swapped in an empty index after its data export "
	  "timed out.", "Engineers restored the old index.",
	  "x.md:3: warning: the issue summary does not say what caused" },

	/* the timeline */
	{ "timeline-entries", NULL, NULL, NULL, NULL },
	{ "timeline-entries", SUMMARY "Checkout failed.\n\n## Timeline\n\n"
	  "- an alert fired\n- we restarted the service\n", NULL, NULL,
	  "x.md:7: warning: the timeline has no entry with a time" },
	{ "timeline-coverage", NULL, NULL, NULL, NULL },
	{ "timeline-coverage", NULL, "- 09:40 UTC - The team suspected a "
	  "caching problem in the CDN and purged the cache, which changed "
	  "nothing.", "- 09:40 UTC - The team read the logs of the cluster.",
	  "x.md:8: warning: the timeline does not say which paths misled "
	  "the investigation [" },
	{ "timeline-order", NULL, NULL, NULL, NULL },
	{ "timeline-order", NULL, "- 09:25 UTC - The on-call",
	  "- 09:05 UTC - The on-call", "x.md:12: warning: the timeline is "
	  "out of order: this entry is earlier than the one before it "
	  "(2024-06-12 09:05 after 2024-06-12 09:18)" },

	/* tasks and length */
	{ "task-concrete", NULL, NULL, NULL, NULL },
	{ "task-concrete", NULL, "- [ ] Schedule price updates outside the "
	  "export window.", "- [ ] Scheduling", "x.md:33: warning: task "
	  "\"Scheduling\" is vague" },
	{ "length", NULL, NULL, NULL, NULL },
	{ "length", SUMMARY "Checkout failed.\n", NULL, NULL,
	  "x.md:1: warning: 6 words: the format asks for 400 to 600" },

	/* consistency */
	{ "end-after-start", NULL, NULL, NULL, NULL },
	{ "end-after-start", SUMMARY "Start: 2024-06-12 10:40 UTC\n"
	  "End: 2024-06-12 09:10 UTC\n", NULL, NULL, "x.md:6: warning: the "
	  "end is before the start (2024-06-12 09:10 < 2024-06-12 10:40)" },
	/* 3 minutes off: inside the 5 minutes allowed */
	{ "duration-matches", NULL, "Duration: 1 hour 30 minutes.",
	  "Duration: 1 hour 33 minutes.", NULL },
	/* 25 minutes off 10 hours: inside the 5% allowed */
	{ "duration-matches", SUMMARY "Duration: 10 hours.\n"
	  "Start: 2024-06-12 08:00 UTC\nEnd: 2024-06-12 18:25 UTC\n", NULL,
	  NULL, NULL },
	{ "duration-matches", NULL, "Duration: 1 hour 30 minutes.",
	  "Duration: 2 hours.", "x.md:5: warning: the stated duration (2 h) "
	  "disagrees with the start and end (1 h 30 min)" },

	/* blameless language */
	{ "blame-person", NULL, NULL, NULL, NULL },
	{ "blame-person", NULL, "The team suspected", "Postgres deleted "
	  "rows, and the team suspected", NULL },
	{ "blame-person", NULL, "The team suspected", "Alice deleted the "
	  "cache, and the team suspected", "x.md:13: warning: \"Alice "
	  "deleted\" names a person as the cause" },
	{ "blame-person", NULL, "The team suspected", "@bob broke the cache, "
	  "and the team suspected", "x.md:13: warning: \"@bob broke\"" },
	{ "blame-person", NULL, "timed out.", "timed out, caused by John.",
	  "x.md:5: warning: \"caused by John\"" },
	{ "blame-person", NULL, "timed out.", "timed out, caused by Black "
	  "Friday traffic.", NULL },
	{ "blame-human-error", NULL, "The root cause was a nightly index "
	  "rebuild", "It was not human error but a nightly index rebuild",
	  NULL },
	{ "blame-human-error", NULL, "The root cause was a nightly index "
	  "rebuild", "The root cause was human error during a nightly index "
	  "rebuild", "x.md:5: warning: \"human error\" given as the cause" },
	{ "blame-hindsight", NULL, NULL, NULL, NULL },
	{ "blame-hindsight", NULL, "- 09:55 UTC - The incident was",
	  "- 09:55 UTC - The team should have checked the job; the "
	  "incident was", "x.md:14: warning: \"should have\" judges in "
	  "hindsight" },
	{ "blame-words", NULL, NULL, NULL, NULL },
	{ "blame-words", NULL, "- 10:10 UTC - The export job logs",
	  "- 10:10 UTC - It was Bob's fault: the export job logs",
	  "x.md:15: warning: \"Bob's fault\" blames a person" },
	{ "blame-words", NULL, "- 10:10 UTC - The export job logs",
	  "- 10:10 UTC - A careless change; the export job logs",
	  "x.md:15: warning: \"careless\"" },

	/* template text */
	{ "placeholder", NULL, NULL, NULL, NULL },
	/* a date format named in prose is no placeholder */
	{ "placeholder", NULL, "- 10:10 UTC - The export job logs showed",
	  "- 10:10 UTC - The export job expected YYYY-MM-DD HH:MM dates; "
	  "its logs showed", NULL },
	{ "placeholder", NULL, "- [ ] Schedule price updates outside the "
	  "export window.", "- [ ] [fill in: a concrete task]",
	  "x.md:33: warning: placeholder left in: \"[fill in: a concrete "
	  "task]\"" },
	{ "placeholder", NULL, "- [ ] Schedule price updates outside the "
	  "export window.", "- [ ] Schedule price updates: TBD",
	  "x.md:33: warning: placeholder left in: \"TBD\"" },
};

/* ------------------------------------------------ states prose cannot make */

static void
test_impact_range(void **state)
{
	struct pm_incident inc;
	struct pm_warnings w = PM_WARNINGS_INIT;
	char *line;

	(void)state;
	pm_incident_init(&inc);
	inc.path = "x.md";
	inc.impact_percent = 100;
	pm_check_incident(&w, &inc, NULL, NULL);
	for (size_t i = 0; i < w.len; i++)
		assert_null(strstr(w.lines[i], "[impact-range]"));
	pm_warnings_free(&w);
	inc.impact_percent = 150;
	pm_check_incident(&w, &inc, NULL, NULL);
	line = NULL;
	for (size_t i = 0; i < w.len; i++)
		if (strstr(w.lines[i], "[impact-range]"))
			line = w.lines[i];
	assert_non_null(line);
	assert_string_equal(line, "x.md:1: warning: the share of users "
	    "affected (150%) is not between 0 and 100 [impact-range]");
	pm_warnings_free(&w);
}

/* A report with a negative computed duration names the end's line. */
static void
test_end_before_start_report(void **state)
{
	struct pm_incident inc;
	struct pm_extract_report rep;
	struct pm_warnings w = PM_WARNINGS_INIT;
	int found = 0;

	(void)state;
	pm_incident_init(&inc);
	inc.path = "x.md";
	memset(&rep, 0, sizeof(rep));
	rep.stated_duration_minutes = PM_UNKNOWN;
	rep.computed_duration_minutes = -30;
	rep.end_line = 9;
	pm_check_incident(&w, &inc, &rep, "other.md");
	for (size_t i = 0; i < w.len; i++)
		found |= strcmp(w.lines[i], "other.md:9: warning: the end is "
		    "before the start [end-after-start]") == 0;
	assert_true(found);
	pm_warnings_free(&w);
}

/* The good document: nothing to say; the seed's length limits hold at
 * both ends. */
static void
test_good_is_silent(void **state)
{
	char *out = check_text(good), *doc;
	struct pm_buf b = PM_BUF_INIT;

	(void)state;
	assert_string_equal(out, "");
	free(out);
	pm_buf_puts(&b, good);
	for (int i = 0; i < 20; i++)
		pm_buf_puts(&b, "\nThe index rebuild ran every night without "
		    "any trouble before this.\n");
	doc = pm_buf_detach(&b, NULL);
	out = check_text(doc);
	assert_non_null(strstr(out, "x.md:1: warning: 673 words: the format "
	    "asks for 400 to 600"));
	free(out);
	free(doc);
}

/* Lines come sorted by line, then by the rules' order, each ending with
 * its rule's name. */
static void
test_sorted(void **state)
{
	char *out = check_text(SUMMARY "Checkout failed.\n\n## Timeline\n\n"
	    "- 09:10 - Alice deleted the table\n- 09:00 - TBD\n");
	const char *p = out;
	int last = 0, n = 0;

	(void)state;
	while (*p) {
		const char *nl = strchr(p, '\n');
		int line = atoi(p + strlen("x.md:"));

		assert_int_equal(strncmp(p, "x.md:", 5), 0);
		assert_true(line >= last);
		assert_true(nl[-1] == ']');
		last = line;
		n++;
		p = nl + 1;
	}
	assert_true(n >= 5);
	free(out);
}

static void
test_rule_table(void **state)
{
	size_t n;
	const struct pm_check_rule *r = pm_check_rules(&n);

	(void)state;
	assert_true(n >= 25);
	for (size_t i = 0; i < n; i++) {
		assert_ptr_equal(pm_check_rule_find(r[i].name), &r[i]);
		assert_non_null(r[i].fn);
		assert_true(strlen(r[i].description) > 5);
		for (const char *p = r[i].name; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') || *p == '-');
	}
	assert_null(pm_check_rule_find("no-such-rule"));
}

int
main(void)
{
	struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0]) + 8];
	size_t n = 0;
	char names[sizeof(cases) / sizeof(cases[0])][80];

	pm_markdown_init();
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(names[i], sizeof(names[i]), "%s %s %zu",
		    cases[i].rule, cases[i].expect ? "flags" : "accepts", i);
		tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(
		    run_case, (void *)&cases[i]);
		tests[n++].name = names[i];
	}
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_impact_range);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(
	    test_end_before_start_report);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_good_is_silent);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_sorted);
	tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_rule_table);
	return _cmocka_run_group_tests("check", tests, n, NULL, NULL);
}
