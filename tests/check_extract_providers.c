/*
 * check_extract_providers.c: public post-incident reports as cloud, SaaS
 * and payment providers publish them, the forms of the sixty-third blind
 * set: a window given by its start and its length or end, the measures
 * under "How are we making incidents like this less likely?", a count
 * set off by dashes after the people it divides, "This is a bug in our
 * code." as the cause, and timeline paragraphs whose time a dash sets
 * off.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extract_fixture.h"

/* "Starting at 20:00 on ..., for 2 hours and 50 minutes": the start and
 * the length make the window, whichever section states it and whatever
 * time the story tells first. */
static void
test_start_and_length(void **state)
{
	(void)state;
	expect_window("starting at, for",
	    "# Login failures during the event launch\n\n"
	    "All times in this report are Korea time (UTC+09:00).\n\n"
	    "## Customer impact\n\n"
	    "Starting at 20:00 on Saturday 27 September 2025, for 2 hours "
	    "and 50 minutes, many players could not log in.\n\n"
	    "## What happened\n\n"
	    "To have the release in place before 20:00 the team released "
	    "it to all login servers at 19:52.\n",
	    "2025-09-27T20:00:00+09:00", "2025-09-27T22:50:00+09:00",
	    NULL);
	expect_window("from, for",
	    "# Invoices not delivered\n\n## Summary\n\n"
	    "From 12:30 CET on Friday 30 January 2026, for 2 hours and 35 "
	    "minutes, invoices were accepted but not delivered.\n",
	    "2026-01-30T12:30:00+01:00", "2026-01-30T15:05:00+01:00", NULL);
	expect_window("beginning at, and lasting",
	    "# Card declines\n\n## Summary\n\n"
	    "Beginning at 23:10 UTC on 3 March 2025 and lasting 95 minutes, "
	    "card payments were declined.\n",
	    "2025-03-03T23:10:00+00:00", "2025-03-04T00:45:00+00:00", NULL);
	expect_window("starting at approximately, and ending at",
	    "# Mobile data\n\n## Summary\n\n"
	    "Starting at approximately 22:40 CET on Saturday 22 November "
	    "2025 and ending at 01:15 CET on Sunday 23 November, customers "
	    "could not open websites. The disruption was worst between "
	    "23:30 and 00:30.\n",
	    "2025-11-22T22:40:00+01:00", "2025-11-23T01:15:00+01:00", NULL);
}

/* A length that does not follow the start at once is some other span:
 * no window is made of it. */
static void
test_start_then_other_length(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "t.md", "# Queue\n\n## Summary\n\n"
	    "From 20:00 UTC on 3 March 2025, the queue grew for 10 minutes "
	    "before anyone looked.\n");
	assert_non_null(inc.start);
	assert_str(inc.start, "2025-03-03T20:00:00+00:00");
	assert_null(inc.end);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* The measures under a provider's usual heading are the action items. */
static void
test_less_likely_heading(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "t.md", "# Storage unit restarts\n\n"
	    "## What happened\n\nBetween 08:10 and 09:45 UTC on 4 May 2025 "
	    "virtual machines restarted.\n\n"
	    "## How are we making incidents like this less likely?\n\n"
	    "- Replace the power shelves of the remaining racks\n"
	    "- Alert on a shelf running on one feed\n"
	    "- Spread each storage stamp over two power rooms\n");
	assert_int_equal(inc.naction_items, 3);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* "A subset of customers—about 1 in 8—had ...": the count set off by
 * dashes or commas divides the people named before it, over a decoy
 * share of invoices in the next paragraph. */
static void
test_count_set_off(void **state)
{
	static const char *const forms[] = {
		"A subset of customers\xe2\x80\x94" "about 1 in 8\xe2\x80\x94"
		    "had at least one invoice held up.",
		"A subset of customers, about 1 in 8, had at least one "
		    "invoice held up.",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_warnings w = PM_WARNINGS_INIT;
		struct pm_incident inc;
		char doc[512];

		snprintf(doc, sizeof(doc), "# Invoices held\n\n"
		    "On 30 January 2026 from 12:30 to 15:05 CET invoices "
		    "were not delivered.\n\n## Customer impact\n\n%s\n\n"
		    "Month-end is our busiest day: 40%% of all January "
		    "invoices were issued on the last two working days.\n",
		    forms[i]);
		ingest(&inc, a, &w, "t.md", doc);
		if (!(inc.impact_percent > 12.45 && inc.impact_percent < 12.55))
			fail_msg("form %zu: share %g, want 12.5", i,
			    inc.impact_percent);
		pm_warnings_free(&w);
		pm_arena_free(a);
	}
}

/* With no root cause section, "This is a bug in our code." in the story
 * is the cause, over the partner whose correct check the story tells. */
static void
test_bug_in_our_code(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "t.md", "# QR payments rejected\n\n"
	    "## Customer impact\n\nFrom 00:00 to 09:40 WIB on 29 December "
	    "2025 QR payments settling through one partner bank were "
	    "rejected.\n\n## What happened\n\n"
	    "Our references carry the year. On 29 December our code wrote "
	    "2026, because it used the week-based year. The partner bank's "
	    "system checked the date in each reference against the day and "
	    "rejected ours; that is the correct behaviour on their side. "
	    "This is a bug in our code. Our tests used fixed dates in "
	    "June.\n");
	assert_str(inc.root_cause, "This is a bug in our code.");
	assert_str(inc.category, "software-bug");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/*
 * Paragraphs that each open with a time set off by a dash are entries;
 * a later time inside one ("restarts the migration at 09:12") is part
 * of its story.  Paragraphs that open "At 9:05 ..." with no mark are
 * prose, and a sentence of its own with a time is an event.
 */
static void
test_marked_paragraphs(void **state)
{
	static const struct {
		const char *sep;
		size_t want;
	} cases[] = {
		{ " \xe2\x80\x94 ", 4 }, { ": ", 4 }, { " - ", 4 },
		{ " ", 5 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_warnings w = PM_WARNINGS_INIT;
		struct pm_incident inc;
		char doc[1024];
		const char *at = cases[i].sep[1] ? "" : "At ";

		snprintf(doc, sizeof(doc), "# Saves queued\n\n"
		    "## Timeline (EEST), Monday 8 September 2025\n\n"
		    "%s07:58%sThe weekly migration starts and waits for its "
		    "lock.\n\n"
		    "%s08:02%sSaves start to queue behind the migration.\n\n"
		    "%s09:05%sThe migration is cancelled. Saves resume "
		    "briefly, but a retry job restarts it at 09:12.\n\n"
		    "%s09:47%sThe queue has drained.\n",
		    at, cases[i].sep, at, cases[i].sep, at, cases[i].sep,
		    at, cases[i].sep);
		ingest(&inc, a, &w, "report.md", doc);
		if (inc.ntimeline != cases[i].want)
			fail_msg("separator \"%s\": %zu entries, want %zu",
			    cases[i].sep, inc.ntimeline, cases[i].want);
		pm_warnings_free(&w);
		pm_arena_free(a);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_start_and_length),
		cmocka_unit_test(test_start_then_other_length),
		cmocka_unit_test(test_less_likely_heading),
		cmocka_unit_test(test_count_set_off),
		cmocka_unit_test(test_bug_in_our_code),
		cmocka_unit_test(test_marked_paragraphs),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("extract_providers", tests, NULL,
	    NULL);
}
