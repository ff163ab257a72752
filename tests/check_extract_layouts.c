/*
 * check_extract_layouts.c: timelines laid out in less common ways: a
 * heading per entry, bold phase labels between the entries, the time said
 * inside each item's sentence.
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

/* "### 15:30 — Gates refuse permits": the heading is the entry's
 * headline and the paragraph under it the rest of its text. */
static void
test_heading_per_entry(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Car parks\n\nOn 8 May 2025 permits were refused (AEST).\n\n"
	    "## Timeline\n\n"
	    "### 15:25 \xe2\x80\x94 Renewal job run by hand\n\n"
	    "The overnight run had failed; it is started again.\n\n"
	    "### 15:30 \xe2\x80\x94 Gates refuse permits\n\n"
	    "Every permit reads as expired.\n\n"
	    "### 16:40 \xe2\x80\x94 Permits restored\n\n"
	    "The table is restored from the 06:00 snapshot.\n\n"
	    "## Root cause\n\nThe job was given the wrong year.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].time, "2025-05-08T15:30:00+10:00");
	assert_str(inc.timeline[1].text,
	    "Gates refuse permits. Every permit reads as expired.");
	/* the snapshot's time is part of the story, not an entry */
	assert_str(inc.timeline[2].time, "2025-05-08T16:40:00+10:00");
	pm_arena_free(a);
}

/* "**Detection**" alone on its line between timed items names a phase:
 * the timeline goes on under it.  Without the timed item below, the
 * label opens its section as before. */
static void
test_bold_phase_labels(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Card testing\n\nOn 3 June 2026 payments were declined "
	    "(ADT).\n\n## Timeline\n\n"
	    "**Before the impact**\n\n"
	    "- 8:40 a.m. \xe2\x80\x94 Test orders begin.\n\n"
	    "**Detection**\n\n"
	    "- 9:15 a.m. \xe2\x80\x94 The account is frozen.\n"
	    "- 9:21 a.m. \xe2\x80\x94 Alert on declined payments.\n\n"
	    "**Recovery**\n\n"
	    "- Noon \xe2\x80\x94 Payments succeed again; resolved.\n\n"
	    "**Root cause**\n\n"
	    "Bots tested stolen cards against the checkout.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[3].time, "2026-06-03T12:00:00-03:00");
	assert_str(inc.timeline[3].kind, "resolved");
	assert_non_null(strstr(inc.root_cause, "stolen cards"));
	pm_arena_free(a);
}

/* "- Errors start climbing at 11:35 am.": the time is said inside the
 * item, after "at" or "by"; a time without either names something else
 * ("the 3 pm sale"), and an item that says "at" twice is no entry. */
static void
test_time_said_in_item(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Checkout\n\nOn 28 November 2025 checkout failed "
	    "(Eastern).\n\n## Timeline\n\n"
	    "- Checkout errors start climbing at 11:35 am.\n"
	    "- The alert pages the on-call engineer at 11:41 am.\n"
	    "- We ask whether to delay the 3 pm sale and say yes, "
	    "at 12:50 pm.\n"
	    "- The payments team joins at noon and the vendor at 12:30 pm.\n"
	    "- All cards are on the backup processor by 1:40 pm; Amex "
	    "still fails.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[0].time, "2025-11-28T11:35:00-05:00");
	assert_str(inc.timeline[2].time, "2025-11-28T12:50:00-05:00");
	assert_str(inc.timeline[3].time, "2025-11-28T13:40:00-05:00");
	assert_str(inc.timeline[0].text,
	    "Checkout errors start climbing at 11:35 am.");
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heading_per_entry),
		cmocka_unit_test(test_bold_phase_labels),
		cmocka_unit_test(test_time_said_in_item),
	};

	pm_markdown_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
