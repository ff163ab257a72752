/*
 * check_extract_exports.c: postmortems written in another tool and
 * exported to Markdown with that tool's habits: a note app's toggles and
 * ballot boxes, a word processor's bullets, a ticket's wiki markup.
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

#include "extract_fixture.h"

/* A word processor's timeline: lines kept apart by backslash breaks.
 * The time a quoted message names is no entry of its own; the release
 * at 14:00, eight hours before the impact, is that same day, because
 * the lines climb to the start. */
static void
test_quoted_time_and_lead_up(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Late uploads\n\n**Start time:** Monday, 2 February 2026, "
	    "22:00 EET\n\n**End time:** 23:41 EET\n\n"
	    "**2. Timeline**\n\n"
	    "14:00 -- Release 7.3 deployed.\\\n"
	    "22:00 -- Uploads start to get the late badge.\\\n"
	    "22:17 -- A student writes: \"I submitted at 22:10 and it says "
	    "late.\"\\\n"
	    "23:41 -- Hotfix on all servers.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[0].time, "2026-02-02T14:00:00+02:00");
	assert_str(inc.timeline[2].text,
	    "A student writes: \"I submitted at 22:10 and it says late.\"");
	assert_str(inc.timeline[3].time, "2026-02-02T23:41:00+02:00");
	pm_arena_free(a);
}

/* "▸ Corrective measures", a toggle, heads a section; "☑" and "☐" lines
 * are its tasks, ticked and open; the line after them is not one. */
static void
test_toggle_and_ballot_boxes(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Kiosks closed\n\nOn 15 June 2026 kiosks would not open "
	    "(AEST).\n\n"
	    "\xe2\x96\xb8 Corrective & preventative measures\n\n"
	    "\xe2\x98\x91 Restore the opening time for all centres\n"
	    "\xe2\x98\x90 Compare values field by field after a migration\n"
	    "\xe2\x98\x90 Alert when three kiosks report closed\n\n"
	    "Related: the kiosk target is 99.9%.\n");
	assert_true(inc.sections.corrective_measures);
	assert_int_equal(inc.naction_items, 3);
	assert_true(inc.action_items[0].done);
	assert_false(inc.action_items[1].done);
	assert_str(inc.action_items[2].text,
	    "Alert when three kiosks report closed");
	pm_arena_free(a);
}

/* A word processor's bullets: "•" lines, one entry each even with a time
 * in their text, "◦" details under them, and "o" items before a
 * capital. */
static void
test_word_processor_bullets(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Addresses fail\n\nOn 27 November 2026 checkout failed "
	    "(GMT-3).\n\n## Timeline\n\n"
	    "\xe2\x80\xa2 18:30 \xe2\x80\x93 Validation starts failing.  \n"
	    " \xe2\x97\xa6 Customers see an error.  \n"
	    "\xe2\x80\xa2 19:05 \xe2\x80\x93 The provider's status page "
	    "shows an incident, posted there at 18:52.  \n"
	    "\xe2\x80\xa2 20:45 \xe2\x80\x93 Validation back. Impact ends.\n\n"
	    "## Corrective and preventative measures\n\n"
	    "o Add a second provider.  \n"
	    "o Alert on the provider's error rate.  \n"
	    "o ask them for notice.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].time, "2026-11-27T19:05:00-03:00");
	assert_int_equal(inc.naction_items, 2);
	assert_str(inc.action_items[0].text, "Add a second provider.");
	pm_arena_free(a);
}

/* A Jira ticket: "h2." headings, "# item" numbered lists (Markdown
 * headings to cmark), "Fri 10/Jul 18:20" dates, and comments after the
 * measures that are not measures. */
static void
test_jira_wiki_markup(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# [OPS-5127] Trip search timeouts\n\n"
	    "h2. Issue summary\n\n"
	    "On Monday 13 July 2026, from 10:10 to 12:25 CST, searches "
	    "failed.\n\n"
	    "h2. Timeline (CST)\n\n"
	    "* Fri 10/Jul 18:20 \xe2\x80\x94 Release 9.14 goes out.\n"
	    "* 10:10 \xe2\x80\x94 Searches time out. Impact begins.\n"
	    "* 12:25 \xe2\x80\x94 Search normal. Impact ends.\n\n"
	    "h2. Corrective and preventative measures\n\n"
	    "# Run EXPLAIN on every new search filter in CI.\n"
	    "# Alert on database CPU above 80%.\n\n"
	    "*Comments*\n\n"
	    "Luis Beltran \xe2\x80\x94 14/Jul/26 9:12 AM: index created.\n");
	assert_str(inc.title, "[OPS-5127] Trip search timeouts");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[0].time, "2026-07-10T18:20:00-06:00");
	assert_str(inc.start, "2026-07-13T10:10:00-06:00");
	assert_int_equal(inc.naction_items, 2);
	assert_str(inc.action_items[1].text, "Alert on database CPU above 80%.");
	pm_arena_free(a);
}

/* A form exported from a word processor: each bold label, then a line
 * break ("\\" at the end of the line) and its value under it. */
static void
test_label_over_value(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Uploads marked late\n\n**1. Issue Summary**\n\n"
	    "**Start time:**\\\nMonday, 2 February 2026, 22:00 Cairo time "
	    "(EET)\n\n"
	    "**End time:**\\\nMonday, 2 February 2026, 23:41 EET\n\n"
	    "Uploads after 22:00 were stamped late; the report was filed on "
	    "26 January 2026 at 09:00 UTC.\n");
	assert_str(inc.start, "2026-02-02T22:00:00+02:00");
	assert_str(inc.end, "2026-02-02T23:41:00+02:00");
	assert_str(inc.timezone, "EET");
	pm_arena_free(a);
}

/* A fraction of people beats a percentage of things in one sentence;
 * a percentage of people keeps its place before a fraction. */
static void
test_fraction_of_people_first(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Submissions slow\n\n## Impact\n\n"
	    "About a quarter of students attempting a submission were "
	    "affected; 14% of all page views that morning failed.\n");
	assert_true(fabs(inc.impact_percent - 25) < 0.01);
	pm_arena_free(a);
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# Edge errors\n\n## Impact\n\n"
	    "About half of the visitors in our EU region got the error "
	    "page, roughly 14% of all visitors worldwide.\n");
	assert_true(fabs(inc.impact_percent - 14) < 0.01);
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_toggle_and_ballot_boxes),
		cmocka_unit_test(test_quoted_time_and_lead_up),
		cmocka_unit_test(test_word_processor_bullets),
		cmocka_unit_test(test_jira_wiki_markup),
		cmocka_unit_test(test_label_over_value),
		cmocka_unit_test(test_fraction_of_people_first),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("extract_exports", tests, NULL,
	    NULL);
}
