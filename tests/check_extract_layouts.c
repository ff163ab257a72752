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

/* "15h — text": a whole hour as Quebec writes it, before an entry's dash;
 * "a 36h window" in the text is a length and stays text. */
static void
test_bare_french_hour(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Visio\n\nLe 3 février 2025, rooms failed (EST).\n\n"
	    "## Timeline\n\n"
	    "- 14h05 \xe2\x80\x94 First failed rooms.\n"
	    "- 15h \xe2\x80\x94 Ticket opened for a 36h window.\n"
	    "- 15 h 30 \xe2\x80\x94 Escalated.\n"
	    "- 17h \xe2\x80\x94 Rebooking starts.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[1].time, "2025-02-03T15:00:00-05:00");
	assert_str(inc.timeline[1].text, "Ticket opened for a 36h window.");
	assert_str(inc.timeline[3].time, "2025-02-03T17:00:00-05:00");
	pm_arena_free(a);
}

/* "- Later that evening — text" between timed items is an entry at the
 * time of the one before; last in the list it is the aftermath. */
static void
test_untimed_entry_between(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Fibre\n\nOn 9 July 2025 subscribers lost service "
	    "(GMT+2).\n\n## Timeline\n\n"
	    "- 17:05 \xe2\x80\x94 Power cut; the generator fails.\n"
	    "- 20:30 \xe2\x80\x94 Electrician arrives.\n"
	    "- Later that evening \xe2\x80\x94 Generator started by "
	    "hand.\n"
	    "- 22:40 \xe2\x80\x94 All subscribers back.\n"
	    "- Later that night \xe2\x80\x94 Mains restored.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[2].time, "2025-07-09T20:30:00+02:00");
	assert_str(inc.timeline[2].text,
	    "Later that evening \xe2\x80\x94 Generator started by hand.");
	assert_str(inc.timeline[3].time, "2025-07-09T22:40:00+02:00");
	pm_arena_free(a);
}

/* A timeline typed as the lines of one paragraph: a sentence on a line
 * of its own after one that ended is an event, at the time of the entry
 * above; the lines under a headline entry, a question and a second
 * level's bullet are not. */
static void
test_untimed_lines_between(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Lab server\n\nOn 4 March 2024 my server refused SSH "
	    "(GMT).\n\nTimeline:\n"
	    "The problem was found at 3:45 pm when SSH timed out.\n"
	    "I searched the error message and read two forum threads.\n"
	    "At 4:00 pm I saw that the firewall blocked port 22.\n"
	    "How did I get back in?\n"
	    "At 4:20 pm a new server was requested and set up.\n"
	    "\xe2\x97\xa6 It came up in a few seconds.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[1].text,
	    "I searched the error message and read two forum threads.");
	assert_str(inc.timeline[1].time, "2024-03-04T15:45:00+00:00");
	run(&inc, &r, a, NULL,
	    "# Outage\n\nOn 4 March 2024 the site failed (UTC).\n\n"
	    "## Timeline\n\n"
	    "10:45 AM (UTC): Issue Detected\n"
	    "Alerts fired on the error rate.\n"
	    "Latency rose on every page.\n\n"
	    "11:05 AM (UTC): Resolution\n"
	    "The load balancer was fixed.\n");
	assert_int_equal(inc.ntimeline, 2);
	pm_arena_free(a);
}

/* Events named by their labels, the time the whole value: an entry each
 * at it, the label its text; the range of the outage is none, nor a
 * quoted email's "Date:". */
static void
test_labelled_times(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Web server down\n\n## Timeline\n\n"
	    "Outage Duration: Apr 29, 2024 6:00 AM EAT to Apr 30, 2024 "
	    "5:00 AM EAT\n"
	    "Outage Began: April 29, 2024, 6:00 AM EAT\n"
	    "Staff Acknowledged: Apr 29, 2024 12:00 PM EAT\n"
	    "Service Restored: April 30, 2024 5:00 AM EAT.\n\n"
	    "> Date: 2024-04-30 05:01:12 +03:00\n\n"
	    "## Root cause\n\nNginx listened on the wrong port.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].text, "Staff Acknowledged");
	assert_str(inc.timeline[1].time, "2024-04-29T12:00:00+03:00");
	assert_str(inc.timeline[2].time, "2024-04-30T05:00:00+03:00");
	pm_arena_free(a);
}

/* Paragraphs led by bold times, a note above them: one entry a
 * paragraph, "By 16:50 ..." inside one is its story, and a bare bold time
 * in the middle of a paragraph starts the next entry. */
static void
test_bold_time_paragraphs(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Ferries\n\nOn 6 June 2025 searches failed (EEST).\n\n"
	    "## Timeline\n\nAll times EEST.\n\n"
	    "**16:40.** A draft fare sheet is uploaded to production.\n\n"
	    "**16:45.** Routes show no sailings. By 16:50 empty searches "
	    "have tripled.\n\n"
	    "**16:51.** Alert on empty searches. **17:25** Escalated to "
	    "the head of pricing.\n\n"
	    "**18:05.** Searches return sailings. Incident closed.\n");
	assert_int_equal(inc.ntimeline, 5);
	assert_str(inc.timeline[0].text,
	    "A draft fare sheet is uploaded to production.");
	assert_str(inc.timeline[1].text,
	    "Routes show no sailings. By 16:50 empty searches have tripled.");
	assert_str(inc.timeline[3].time, "2025-06-06T17:25:00+03:00");
	pm_arena_free(a);
}

/* "Nobody noticed until 09:18, when a merchant called": a bound that a
 * "when" clause makes the time of an event. */
static void
test_until_when_event(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Transfers\n\nOn 3 July 2025 transfers were held (ART).\n\n"
	    "## Timeline\n\n"
	    "At 09:10 the building was evacuated. Transfers piled up. "
	    "Nobody noticed until 09:18, when a merchant called us. At "
	    "09:30 the alert fired.\n\n"
	    "The queue grew until 10:40 and at 11:40 it was empty.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[1].time, "2025-07-03T09:18:00-03:00");
	assert_str(inc.timeline[3].time, "2025-07-03T11:40:00-03:00");
	pm_arena_free(a);
}

/* "T-0:10 (11:50 p.m. Sunday) — text" with no T0 stated, "Twenty to one
 * (12:40 a.m.) — text", "Next morning, 7:00 a.m. — text": words that say
 * when, then the clock time that decides, and the weekday its day. */
static void
test_time_aside_of_words(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Settlement\n\nOn Monday 1 December 2025 bookings failed "
	    "(CT).\n\n## Timeline\n\n"
	    "- T-0:10 (11:50 p.m. Sunday) \xe2\x80\x94 Job "
	    "starts.\n"
	    "- 12:10 a.m. \xe2\x80\x94 Bookings time out.\n"
	    "- Twenty to one (12:40 a.m.) \xe2\x80\x94 Escalated.\n"
	    "- 1:05 a.m. \xe2\x80\x94 Lock released. Resolved.\n"
	    "- Next morning, 7:00 a.m. \xe2\x80\x94 Job rerun in "
	    "batches.\n");
	assert_int_equal(inc.ntimeline, 5);
	assert_str(inc.timeline[0].time, "2025-11-30T23:50:00-06:00");
	assert_str(inc.timeline[0].text, "Job starts.");
	assert_str(inc.timeline[2].time, "2025-12-01T00:40:00-06:00");
	assert_str(inc.timeline[4].time, "2025-12-01T07:00:00-06:00");
	pm_arena_free(a);
}

/* "Tuesday 4th, 09:30 —": a weekday and the day of the month before each
 * entry's time; the month is the document's, and the next one once the
 * days turn back ("Fri 31st", "Sat 1st"). */
static void
test_weekday_ordinal_entries(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Token\n\nOn Tuesday 4 February 2025 a token leaked "
	    "(CET).\n\n## Timeline\n\n"
	    "- Tuesday 4th, 09:30 \xe2\x80\x94 Library published.\n"
	    "- Wednesday 5th, 02:00 \xe2\x80\x94 Cost report read.\n"
	    "- Thursday 6th, 16:45 \xe2\x80\x94 Downloads climb.\n"
	    "- Monday 10th, 09:00 \xe2\x80\x94 Report filed.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[2].time, "2025-02-06T16:45:00+01:00");
	assert_str(inc.timeline[3].time, "2025-02-10T09:00:00+01:00");
	assert_str(inc.timeline[3].text, "Report filed.");
	pm_arena_free(a);
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# Payroll\n\nOn Friday 31 January 2025 payroll failed "
	    "(CET).\n\n## Timeline\n\n"
	    "- Fri 31st, 22:00 \xe2\x80\x94 Batch starts.\n"
	    "- Sat 1st, 01:10 \xe2\x80\x94 Batch fails.\n"
	    "- Sun 2nd, 10:00 \xe2\x80\x94 Batch rerun.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].time, "2025-02-01T01:10:00+01:00");
	assert_str(inc.timeline[2].time, "2025-02-02T10:00:00+01:00");
	pm_arena_free(a);
}

/* "29.02 00:00 —": the day and month, dotted, before each entry's clock.
 * "01.03" before a clock is the first of March, not 01:03; a dotted time
 * alone ("at 14.30") stays a time. */
static void
test_dotted_day_month_entries(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Tram passes\n\nOn 29 February 2024 passes failed (EET).\n\n"
	    "## Timeline\n\n"
	    "- 29.02 00:00 \xe2\x80\x94 The renewal job fails.\n"
	    "- 29.02 07:20 \xe2\x80\x94 A rider calls support.\n"
	    "- 29.02 16:45 \xe2\x80\x94 Passes renewed; resolved.\n"
	    "- 01.03 09:00 \xe2\x80\x94 Riders told by text.\n\n"
	    "## Root cause\n\nThe job skipped the leap day; at 14.30 it "
	    "was fixed.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[1].time, "2024-02-29T07:20:00+02:00");
	assert_str(inc.timeline[3].time, "2024-03-01T09:00:00+02:00");
	assert_str(inc.timeline[3].text, "Riders told by text.");
	pm_arena_free(a);
}

/* "- 21. 2. 2025, 21:24 —": CommonMark nests two ordered lists on the
 * line ("21." and "2."); their numbers are put back, so each entry keeps
 * its date.  A plain numbered item keeps its text without its number. */
static void
test_spaced_dates_read_as_lists(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Orders\n\nFrom 21:30 on 21. 2. 2025 orders failed (CET).\n\n"
	    "## Timeline\n\n"
	    "- 21. 2. 2025, 21:30 \xe2\x80\x94 Orders start failing.\n"
	    "- 21. 2. 2025, 23:20 \xe2\x80\x94 Stale sessions found.\n"
	    "- 22. 2. 2025, 01:45 \xe2\x80\x94 Errors gone; resolved.\n\n"
	    "## Action items\n\n1. Shorten the keepalive.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[2].time, "2025-02-22T01:45:00+01:00");
	assert_str(inc.timeline[2].text, "Errors gone; resolved.");
	assert_str(inc.start, "2025-02-21T21:30:00+01:00");
	assert_int_equal(inc.naction_items, 1);
	assert_str(inc.action_items[0].text, "Shorten the keepalive.");
	pm_arena_free(a);
}

/* A chat pasted under a timeline of timed items quotes the channel for
 * context; pasted alone, it is the timeline. */
static void
test_chat_under_timeline(void **state)
{
	static const char chat[] =
	    "```\n[19:47] lin: paged, success rate 74%\n"
	    "[19:49] huang: vendors calling the hotline\n"
	    "[19:52] lin: API pods at 100% CPU\n```\n\n";
	char doc[1024];
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	snprintf(doc, sizeof(doc), "# QR payments\n\nOn 31 October 2025 "
	    "payments failed (UTC+8).\n\n## Timeline\n\n"
	    "- 19:40 \xe2\x80\x94 Payments time out.\n"
	    "- 19:47 \xe2\x80\x94 Alert fires; on-call paged.\n"
	    "- 21:55 \xe2\x80\x94 Success rate back; resolved.\n\n"
	    "For context, the first messages in the channel:\n\n%s"
	    "## Root cause\n\nA flood of requests.\n", chat);
	run(&inc, &r, a, NULL, doc);
	assert_int_equal(inc.ntimeline, 3);
	snprintf(doc, sizeof(doc), "# QR payments\n\nOn 31 October 2025 "
	    "payments failed (UTC+8).\n\n## Timeline\n\n%s"
	    "## Root cause\n\nA flood of requests.\n", chat);
	run(&inc, &r, a, NULL, doc);
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[0].text, "lin: paged, success rate 74%");
	/* a log under a label that opens the root cause is the cause's */
	run(&inc, &r, a, NULL, "Payments down\n\nTimeline:\n\n"
	    "- 19:40 \xe2\x80\x94 Payments time out.\n"
	    "- 19:47 \xe2\x80\x94 Alert fires; on-call paged.\n"
	    "- 21:55 \xe2\x80\x94 Success rate back; resolved.\n\n"
	    "Root cause and resolution:\n\nThe pool ran dry.\n\n```\n"
	    "2025-10-31T19:40:00Z api-1 ERROR pool exhausted\n"
	    "2025-10-31T19:41:07Z api-2 ERROR pool exhausted\n"
	    "2025-10-31T19:42:14Z api-3 ERROR pool exhausted\n```\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_non_null(strstr(inc.root_cause, "api-3 ERROR"));
	pm_arena_free(a);
}

/* "## Night tour check-in rejecting valid tickets" over "###" sections
 * is the title, as "#" would be: its "tickets" opens no task list, so
 * the byline under it is no action item. */
static void
test_second_level_title(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "## Night tour check-in rejecting valid tickets\n\n"
	    "Opened by dana \xc2\xb7 Sky Tours \xc2\xb7 closes #418\n\n"
	    "### Issue summary\n\nOn April 17, 2025 scanners failed.\n\n"
	    "### Corrective and preventative measures\n\n"
	    "* [X] Set the zone\n* [ ] Store zones with times\n");
	assert_str(inc.title, "Night tour check-in rejecting valid tickets");
	assert_int_equal(inc.naction_items, 2);
	assert_str(inc.action_items[0].text, "Set the zone");
	assert_str(inc.summary, "On April 17, 2025 scanners failed.");
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_heading_per_entry),
		cmocka_unit_test(test_bold_phase_labels),
		cmocka_unit_test(test_time_said_in_item),
		cmocka_unit_test(test_bare_french_hour),
		cmocka_unit_test(test_untimed_entry_between),
		cmocka_unit_test(test_untimed_lines_between),
		cmocka_unit_test(test_labelled_times),
		cmocka_unit_test(test_bold_time_paragraphs),
		cmocka_unit_test(test_until_when_event),
		cmocka_unit_test(test_time_aside_of_words),
		cmocka_unit_test(test_weekday_ordinal_entries),
		cmocka_unit_test(test_dotted_day_month_entries),
		cmocka_unit_test(test_spaced_dates_read_as_lists),
		cmocka_unit_test(test_chat_under_timeline),
		cmocka_unit_test(test_second_level_title),
	};

	pm_markdown_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
