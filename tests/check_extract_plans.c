/*
 * check_extract_plans.c: reviews of planned work that went wrong, the
 * forms of the sixty-first blind set: the change's planned window beside
 * the incident's (a header field, a change header's "Window:", a vendor's
 * quoted notice, a sentence), the runbook table of planned and actual
 * times, and a bare clock's clause dated by the day before it.
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

/* "**Planned window:**" in the header is the change's; the summary's
 * range, later, is the incident's, even where a decoy repeats the plan's
 * times in a sentence about the impact. */
static void
test_planned_window_field(void **state)
{
	(void)state;
	expect_window("planned window field",
	    "# Release 7.2 of the meter app\n\n"
	    "**Change:** CHG-118\n"
	    "**Planned window:** Sunday 8 March 2026, 21:00–22:00\n\n"
	    "All times CET.\n\n"
	    "## Summary\n\n"
	    "The release went out in its window. From 21:52 on Sunday 8 "
	    "March 2026 until 07:05 on Monday 9 March, readings could not "
	    "be sent.\n\n"
	    "## Impact\n\n"
	    "Background, not the impact: 3% of readings arrive between "
	    "21:00 and 22:00.\n",
	    "2026-03-08T21:52:00+01:00", "2026-03-09T07:05:00+01:00", "CET");
}

/* A change header's "Window:" is the change's; without a change header
 * the same field is the incident's. */
static void
test_change_header_window(void **state)
{
	static const char tail[] =
	    "All times UTC.\n\n"
	    "## Summary\n\n"
	    "Customers noticed. **From 02:10 to 04:35, one payment in four "
	    "was refused.**\n";
	char doc[1024];

	(void)state;
	snprintf(doc, sizeof(doc), "# Switch upgrade\n\n"
	    "**Change:** MUD-7 — switch software\n"
	    "**Window:** Sunday 18 January 2026, 01:00–05:00\n\n%s", tail);
	expect_window("change header", doc, "2026-01-18T02:10:00+00:00",
	    "2026-01-18T04:35:00+00:00", "UTC");
	snprintf(doc, sizeof(doc), "# Switch outage\n\n"
	    "**Window:** Sunday 18 January 2026, 01:00–05:00\n\n%s", tail);
	expect_window("incident header", doc, "2026-01-18T01:00:00+00:00",
	    "2026-01-18T05:00:00+00:00", "UTC");
}

/* A vendor's quoted notice and a plan told in a sentence ("in a window
 * from", "the carrier would move the line ... We planned for that") are
 * passed over; "from 08:00, when the branches opened, until 11:25" after
 * its day is the incident's. */
static void
test_plan_in_sentences(void **state)
{
	(void)state;
	expect_window("quoted notice",
	    "# No card payments on Saturday\n\n"
	    "Our card processor sent a notice:\n\n"
	    "> Scheduled maintenance: Saturday 14 February 2026, 02:00–04:00 "
	    "CET.\n\n"
	    "For us the incident lasted from 07:30 to 09:10 CET on Saturday "
	    "14 February 2026, while the ticket offices were open.\n",
	    "2026-02-14T07:30:00+01:00", "2026-02-14T09:10:00+01:00", NULL);
	expect_window("window in a sentence",
	    "# Branch payments down\n\n"
	    "Times are AST.\n\n"
	    "## Summary\n\n"
	    "The router was replaced on Saturday 7 March 2026 in a window "
	    "from 20:00 to 23:00, when all branches are closed.\n\n"
	    "On Monday 9 March 2026 from 08:00, when the branches opened, "
	    "until 11:25, cashiers could not reach the billing system.\n",
	    "2026-03-09T08:00:00-04:00", "2026-03-09T11:25:00-04:00", NULL);
	expect_window("planned for that",
	    "# The late paper\n\n"
	    "Times are JST.\n\n"
	    "The carrier said it would move our line on Thursday 22 January "
	    "2026, between 23:00 and 00:30. We planned for that.\n\n"
	    "**The line was down from 23:52 on Thursday 22 January 2026 to "
	    "02:37 on Friday 23 January.** That is the incident.\n",
	    "2026-01-22T23:52:00+09:00", "2026-01-23T02:37:00+09:00", NULL);
}

/* When the plan's range is the only one written, the work was the
 * outage: it is taken after all. */
static void
test_plan_alone_is_the_outage(void **state)
{
	(void)state;
	expect_window("plan alone",
	    "# Database maintenance took the shop down\n\n"
	    "Times are UTC.\n\n"
	    "## Summary\n\n"
	    "The planned maintenance ran from 02:00 to 03:30 on Sunday 5 "
	    "April 2026, and the shop was down throughout.\n",
	    "2026-04-05T02:00:00+00:00", "2026-04-05T03:30:00+00:00", "UTC");
}

/* A change's review may tell the impact under a heading of its own
 * ("Background", beside the plan); the date under "Written by" is the
 * day it was written, and "UTC−2:30" in the zone's note is no time. */
static void
test_impact_under_background(void **state)
{
	(void)state;
	expect_window("background",
	    "# Logins failed on Sunday morning, August 17\n\n"
	    "Millside Credit Union\n"
	    "Written by Sean Foley, IT manager\n"
	    "Wednesday, August 20, 2025\n\n"
	    "All times are Newfoundland Daylight Time (NDT, UTC\xe2\x88\x92"
	    "2:30).\n\n"
	    "## Background\n\n"
	    "The failover test was planned for Saturday, August 16, from "
	    "10:00 p.m. to 11:30 p.m. It went well.\n\n"
	    "The trouble came the next morning. **From 8:00 a.m. to 10:50 "
	    "a.m. on Sunday, August 17, 2025, members could not log in.**\n\n"
	    "## What happened\n\n"
	    "10:00 p.m. \xe2\x80\x94 Saturday. The test starts.\n\n"
	    "8:00 a.m. \xe2\x80\x94 Sunday. Logins fail.\n\n"
	    "10:50 a.m. \xe2\x80\x94 Logins normal.\n",
	    "2025-08-17T08:00:00-02:30", "2025-08-17T10:50:00-02:30", NULL);
}

/* A runbook table: the "Actual" column is when each step ran, the
 * "Planned" one is not; a sentence under it saying when a step was
 * planned to finish is no event.  "Tue 2100" is a time in a time
 * column. */
static void
test_runbook_table(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Exam registration down during a migration\n\n"
	    "All times CET.\n\n"
	    "## Summary\n\n"
	    "From 18:07 to 21:26 on Thursday 6 November 2025 no "
	    "registration could be saved.\n\n"
	    "## Runbook, planned and actual\n\n"
	    "| Step | Planned | Actual | Result |\n"
	    "| --- | --- | --- | --- |\n"
	    "| 1. Snapshot | 17:50 | 17:53 | OK |\n"
	    "| 2. Run migration | 18:05 | 18:06 | Lock taken |\n"
	    "| 3. Cancel the migration | — | 21:02 | Rollback starts |\n\n"
	    "The migration was planned to finish at 19:45. It never "
	    "finished.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[0].time, "2025-11-06T17:53:00+01:00");
	assert_str(inc.timeline[2].time, "2025-11-06T21:02:00+01:00");
	assert_str(inc.timeline[1].text, "2. Run migration; Lock taken");
	pm_arena_free(a);

	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# Check-in down\n\n"
	    "All times BST. Incident: Wed 3 Sep 2025, 0640–0915 BST.\n\n"
	    "Timeline:\n\n"
	    "| Time | Event |\n"
	    "| --- | --- |\n"
	    "| Tue 2310 | Terminals pointed at the new server. |\n"
	    "| Wed 0640 | First check-in fails. |\n"
	    "| Wed 0915 | Last pier checking in. |\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[0].time, "2025-09-02T23:10:00+01:00");
	assert_str(inc.timeline[1].time, "2025-09-03T06:40:00+01:00");
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_planned_window_field),
		cmocka_unit_test(test_change_header_window),
		cmocka_unit_test(test_plan_in_sentences),
		cmocka_unit_test(test_plan_alone_is_the_outage),
		cmocka_unit_test(test_impact_under_background),
		cmocka_unit_test(test_runbook_table),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("extract_plans", tests, NULL,
	    NULL);
}
