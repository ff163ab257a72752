/*
 * check_extract_forms.c: forms of writing the extractor learnt from the
 * ninth and later blind sets: slash dates read the way the writer's zone
 * writes them, the two sides of a night, Nordic and T+ clocks, zones as
 * people name them, items typed as "(1)" and front matter under the names
 * incident tools give it.
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

/* "12/03/2025" is read the way the document's writer writes dates: the
 * zones it names say where that is, then its other slash dates. */
static void
test_slash_date_order(void **state)
{
	static const struct {
		const char *doc, *start;
	} cases[] = {
		{ "# Top-ups\n\nDate: 12/03/2025\n\nFrom 14:30 to 16:05 BRT "
		  "card top-ups failed.\n", "2025-03-12T14:30:00-03:00" },
		{ "# Top-ups\n\nDate: 12/03/2025\n\nFrom 14:30 to 16:05 EST "
		  "card top-ups failed.\n", "2025-12-03T14:30:00-05:00" },
		/* no zone: another date has the day first */
		{ "# Top-ups\n\nDate: 12/03/2025\n\nFrom 14:30 to 16:05 "
		  "card top-ups failed.\n\n## Action items\n\n"
		  "- [ ] Retry queue (due 28/03/2025)\n", "2025-03-12T14:30:00" },
		/* UTC says nothing: month first, as before */
		{ "# Top-ups\n\nDate: 12/03/2025\n\nFrom 14:30 to 16:05 UTC "
		  "card top-ups failed.\n", "2025-12-03T14:30:00+00:00" },
		/* the writer's zone beats a due date filled in abroad */
		{ "# Exports\n\nStart: 09/03/2024 06:00 EDT\n\n"
		  "End: 09/03/2024 11:45 EDT\n\n## Action items\n\n"
		  "- [ ] Lease row (due 30/09/2024)\n",
		  "2024-09-03T06:00:00-04:00" },
		/* the writer's language says where the writer is */
		{ "# Portal\n\n**Duration:** dia 06/11/2024 (quarta-feira), "
		  "between 21h40 and 22h55 (UTC-3).\n",
		  "2024-11-06T21:40:00-03:00" },
		/* "est" is French here, not a zone; CET is */
		{ "# Paiements\n\nLe 07/05/2024, le service est tombé de 06:10 "
		  "à 09:55 CET.\n", "2024-05-07T06:10:00+01:00" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_window(cases[i].doc, cases[i].doc, cases[i].start, NULL,
		    NULL);
}

/* The window the writer says they count as the incident beats the
 * range the story told first. */
static void
test_window_the_writer_counts(void **state)
{
	(void)state;
	expect_window("counted window",
	    "# Reminder texts late\n\n**Summary**\n\nThe texts must leave "
	    "by 08:00 (CEST). On Thursday 04.06.2026 they left only between "
	    "10:40 and 11:25. We consider the incident from 08:00, when "
	    "they were due, until 11:25, when the last one left.\n",
	    "2026-06-04T08:00:00+02:00", "2026-06-04T11:25:00+02:00", NULL);
}

/* A range in the impact sentence that says who was counted ("booked
 * between 18:00 and 22:00") yields to the summary's range when the
 * stated duration, said after a "for" that is none, agrees with it. */
static void
test_window_counted_people(void **state)
{
	(void)state;
	expect_window("counted people",
	    "# Video rooms\n\n## Issue summary\n\nOn Wednesday, November "
	    "19, 2025, from 18:00 to 20:10 EST, sessions failed. Sessions "
	    "booked for later were hit too. The incident lasted 2 hours 10 "
	    "minutes.\n\nImpact: 1,340 of the 4,020 students booked between "
	    "18:00 and 22:00 lost their session.\n",
	    "2025-11-19T18:00:00-05:00", "2025-11-19T20:10:00-05:00", NULL);
	/* a later "for" in the line is a phase's length, not the
	 * incident's; "lasted" anywhere in it is */
	expect_window("phase length",
	    "# Orders\n\n## Issue summary\n\nBetween 13:10 and 15:55 SAST "
	    "on 27 February 2025 the shop kept going down, each time for 10 "
	    "to 15 minutes. In total the incident lasted 2 hours and 45 "
	    "minutes.\n\nImpact: orders failed between 13:00 and 17:00.\n",
	    "2025-02-27T13:10:00+02:00", "2025-02-27T15:55:00+02:00", NULL);
	/* without a stated duration, the impact's range stands */
	expect_window("impact range",
	    "# Video rooms\n\n## Issue summary\n\nOn Wednesday, November "
	    "19, 2025, from 18:00 to 20:10 EST, sessions failed.\n\n"
	    "Impact: students could not join between 18:00 and 22:00.\n",
	    "2025-11-19T18:00:00-05:00", "2025-11-19T22:00:00-05:00", NULL);
}

/* Measures written "(1) ...", "(a) ..." or "(ii) ..." as paragraphs are
 * items, and so are "TODO ..." lines anywhere; "What we're fixing",
 * "Measures to prevent recurrence", "What we'll do", "What we'll
 * change", "Next" and "What we have changed" name their sections. */
static void
test_typed_numbered_items(void **state)
{
	static const char *const docs[] = {
		"# X\n\n## Measures to prevent recurrence\n\n"
		"(1) Add a test for repeated chunks.\n\n"
		"(2) Alert on upload failures.\n\n"
		"Contact: the help desk (ext. 2240)\n",
		"# X\n\n## What we're fixing\n\n"
		"(1) Add a test for repeated chunks.\n"
		"(2) Alert on upload failures.\n",
		"# X\n\n## What we change\n\n"
		"1. Add a test for repeated chunks.\n"
		"2. Alert on upload failures.\n\nThanks to all.\n",
		/* a memo letters its measures */
		"# X\n\n## 5. Corrective and preventive measures\n\n"
		"(a) Add a test for repeated chunks.\n\n"
		"(b) Alert on upload failures.\n\nK. Leung\n",
		"# X\n\n## What we'll do\n\n"
		"(i) Add a test for repeated chunks.\n\n"
		"(ii) Alert on upload failures.\n",
		"# X\n\n### What we have changed\n\n"
		"- Add a test for repeated chunks.\n"
		"- Alert on upload failures.\n\nSee you soon.\n",
		"# X\n\n**Next**\n\n"
		"- Add a test for repeated chunks.\n"
		"- Alert on upload failures.\n",
		"# X\n\n**What we'll change**\n\n"
		"- Add a test for repeated chunks.\n"
		"- Alert on upload failures.\n",
		/* TODO lines with no heading above them */
		"# X\n\nHow we fixed it: a restart.\n\n"
		"TODO Add a test for repeated chunks.\n"
		"TODO Alert on upload failures.\n",
		/* boxes typed without a list, in measures or in tasks */
		"# X\n\n## Corrective measures\n\n"
		"[TODO] Add a test for repeated chunks.\n"
		"[DONE] Alert on upload failures.\n",
		"# X\n\n## Tasks\n\n"
		"[TODO] Add a test for repeated chunks.\n"
		"[DONE] Alert on upload failures.\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;

		run(&inc, &r, a, NULL, docs[i]);
		if (inc.naction_items != 2)
			fail_msg("document %zu: %zu items", i,
			    inc.naction_items);
		assert_str(inc.action_items[0].text,
		    "Add a test for repeated chunks.");
		assert_str(inc.action_items[1].text,
		    "Alert on upload failures.");
		/* "[DONE]" is a ticked box */
		if (strstr(docs[i], "[DONE]") != NULL)
			assert_true(inc.action_items[1].done);
		pm_arena_free(a);
	}
}

/* "kl. 07.40 – text": a Nordic timeline, "o'clock" before each time. */
static void
test_nordic_clock_entries(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Fares\n\nOn 14 June 2024 trailer bookings failed (CEST).\n\n"
	    "## Timeline\n\n"
	    "- kl. 07.45 \xe2\x80\x93 First failed bookings.\n"
	    "- kl. 08.10 \xe2\x80\x93 Customer service calls IT.\n"
	    "- klo 10.20 \xe2\x80\x93 Bookings work again.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[0].text, "First failed bookings.");
	assert_str(inc.start, "2024-06-14T07:45:00+02:00");
	assert_str(inc.end, "2024-06-14T10:20:00+02:00");
	pm_arena_free(a);
}

/* "- text (09:20)": items that give their time last, in brackets. */
static void
test_time_last_entries(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Checkout\n\nOn Saturday 20 June 2026 checkout failed "
	    "(UTC).\n\n## Timeline\n\n"
	    "- Address lookups start to fail (09:05)\n"
	    "- Alert: orders below the minimum (09:20)\n"
	    "- Validation switched off (2:05 PM).\n"
	    "- Someone said it was fixed (not yet)\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].text, "Alert: orders below the minimum");
	assert_str(inc.timeline[2].time, "2026-06-20T14:05:00+00:00");
	assert_str(inc.start, "2026-06-20T09:05:00+00:00");
	pm_arena_free(a);
}

/*
 * Times written roughly, as a timeline rebuilt from memory and logs gives
 * them: "c. 09:40", "15:1x", "10-ish", "ten to six", "between 10:05 and
 * 10:10 (logs disagree)", "20:20?", and "?" for a time nobody knows (at
 * the entry before, the earliest it can have been).  A note on the zone
 * above them, though it names a time, is no entry; nor is a window told
 * in a sentence ("Between 08:02 and 10:40 the app failed").
 */
static void
test_rough_time_entries(void **state)
{
	static const char *const want[] = {
		"2025-03-12T09:40:00+01:00", "2025-03-12T10:10:00+01:00",
		"2025-03-12T10:20:00+01:00", "2025-03-12T10:20:00+01:00",
		"2025-03-12T10:45:00+01:00", "2025-03-12T11:00:00+01:00",
		"2025-03-12T11:50:00+01:00", "2025-03-12T12:05:00+01:00",
		"2025-03-12T12:20:00+01:00",
	};
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Gate passes\n\nOn Wednesday 12 March 2025 gate passes failed "
	    "(CET).\n\n## Timeline\n\n"
	    "All times CET. The on-call notes begin at 10:45.\n\n"
	    "- c. 09:40 \xe2\x80\x94 Requests begin to fail.\n"
	    "- 10:1x \xe2\x80\x94 Drivers call the desk.\n"
	    "- between 10:20 and 10:25 (logs disagree) \xe2\x80\x94 "
	    "Resolvers restarted.\n"
	    "- ? \xe2\x80\x94 The vendor checks its side.\n"
	    "- 10:45? \xe2\x80\x94 Escalated.\n"
	    "- 11-ish \xe2\x80\x94 The forwarder is found.\n"
	    "- ten to twelve \xe2\x80\x94 Rule changed.\n"
	    "- around 12:05 \xe2\x80\x94 First pass issued.\n"
	    "- 12:20 \xe2\x80\x94 Queue empty.\n\n"
	    "Between 12:30 and 12:40 the desk called every driver back.\n");
	assert_int_equal(inc.ntimeline, 9);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_str(inc.timeline[i].time, want[i]);
	assert_str(inc.timeline[2].text, "Resolvers restarted.");
	assert_str(inc.timeline[3].text,
	    "? \xe2\x80\x94 The vendor checks its side.");
	pm_arena_free(a);
}

/* The same in a table: "~19:50" and a row whose time is "?". */
static void
test_rough_time_rows(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Points\n\nOn 14 February 2025 points were stolen (CET).\n\n"
	    "## Timeline\n\n"
	    "| Time (approx.) | What happened |\n| --- | --- |\n"
	    "| 19:20 | Failed logins jump. |\n"
	    "| ~19:50 | A customer calls. |\n"
	    "| 19:2? | First gift card bought. |\n"
	    "| ? | Passwords reset that night. |\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[1].time, "2025-02-14T19:50:00+01:00");
	assert_str(inc.timeline[3].text, "Passwords reset that night.");
	pm_arena_free(a);
}

/* "kl. 10.06 (+0.06) — text": the time restated as the time since the
 * start is no part of the entry's text. */
static void
test_elapsed_restated_entries(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Tickets\n\nOn 17 May 2025 ticket sales failed (CEST).\n\n"
	    "## Timeline\n\n"
	    "- kl. 10.00 (+0.00) \xe2\x80\x94 Sales pass 350 a second.\n"
	    "- 10:06 (T+6m) \xe2\x80\x94 Alert fires.\n"
	    "- 11:05 (+1:05) Token limit found.\n"
	    "- 11:40 (see the chat) Kept as written.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[0].text, "Sales pass 350 a second.");
	assert_str(inc.timeline[1].text, "Alert fires.");
	assert_str(inc.timeline[2].text, "Token limit found.");
	assert_str(inc.timeline[3].text, "(see the chat) Kept as written.");
	pm_arena_free(a);
}

/* "Sun 11:30pm — text": a weekday and a time lead the entry, dated by
 * the weekday before the incident's Monday. */
static void
test_weekday_led_entries(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Prices\n\nOn Monday 8 December 2025 price lookups were slow "
	    "(AEST).\n\n## Timeline\n\n"
	    "1. Sun 11:30pm \xe2\x80\x94 The weekly price file is loaded.\n"
	    "2. 6:05am \xe2\x80\x94 Branches open; lookups are slow.\n"
	    "3. 9:40am \xe2\x80\x94 Lookups are fast again.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[0].text, "The weekly price file is loaded.");
	assert_str(inc.timeline[0].time, "2025-12-07T23:30:00+10:00");
	assert_str(inc.timeline[1].time, "2025-12-08T06:05:00+10:00");
	pm_arena_free(a);
}

/*
 * "from 23:30 on Saturday until 02:10 on Sunday" under a title that dates
 * the night by its second day ("the night of 17-18 January"): the range
 * of weekdays is read, the start moves back to the Saturday, and the
 * timeline, dated by the start, does not move back a second time.
 */
static void
test_weekday_range_over_night(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Ticket shop down on the night of 17\xe2\x80\x93" "18 January "
	    "2026\n\n## Summary\n\nThe shop failed from 23:30 on Saturday "
	    "until 02:10 on Sunday, CET.\n\n## Timeline\n\n"
	    "- Sat 22:50 \xe2\x80\x93 Traffic climbs.\n"
	    "- Sat 23:30 \xe2\x80\x93 First errors.\n"
	    "- Sat 23:36 \xe2\x80\x93 Alert fires.\n"
	    "- Sun 02:10 \xe2\x80\x93 Errors stop.\n");
	assert_str(inc.start, "2026-01-17T23:30:00+01:00");
	assert_str(inc.end, "2026-01-18T02:10:00+01:00");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[0].time, "2026-01-17T22:50:00+01:00");
	assert_str(inc.timeline[3].time, "2026-01-18T02:10:00+01:00");
	pm_arena_free(a);
}

/*
 * "On Monday the 3rd": a day written alone in the summary, dated by the
 * month and year of the heading, beats a date without a year later in
 * its line ("up to 3 April") and a date with one elsewhere.
 */
static void
test_day_alone_before_other_dates(void **state)
{
	(void)state;
	expect_window("day alone",
	    "# Clinic bookings, incident report, marzo 2025\n\n"
	    "## Summary\n\nOn Monday the 3rd, from 09:00 to 11:40 CET, the "
	    "calendar showed no free slots for every day up to 3 April.\n\n"
	    "## Root cause\n\nThe template was set to start on 04/03/2025."
	    "\n", "2025-03-03T09:00:00+01:00", "2025-03-03T11:40:00+01:00",
	    NULL);
}

/* "Tue 15.12. 22:00": a change made two days before leads the timeline,
 * dated the German and Finnish way; the times after it, which cross
 * midnight, fall on the incident's own day, not the day after the change. */
static void
test_day_month_dots_entry(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Carts\n\nOn Thursday 17 December 2026, from 16:10 to 17:55 "
	    "(Europe/Helsinki), carts could not be updated.\n\n"
	    "## Timeline\n\n"
	    "- Tue 15.12. 22:00 \xe2\x80\x94 Carts move to the new store.\n"
	    "- 15:30 \xe2\x80\x94 Memory at 95%.\n"
	    "- 16:10 \xe2\x80\x94 Writes are refused.\n"
	    "- 17:55 \xe2\x80\x94 Writes succeed again.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[0].text, "Carts move to the new store.");
	assert_str(inc.timeline[0].time, "2026-12-15T22:00:00+02:00");
	assert_str(inc.timeline[1].time, "2026-12-17T15:30:00+02:00");
	assert_str(inc.start, "2026-12-17T16:10:00+02:00");
	assert_str(inc.end, "2026-12-17T17:55:00+02:00");
	pm_arena_free(a);
}

/* Paragraphs that each open with their time: a time in the middle of a
 * sentence tells how the event went on; a sentence of its own that names
 * a time is an event; under bold times, which mark every entry, a time in
 * a paragraph's story is not an entry. */
static void
test_time_led_paragraphs(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Banking app\n\nOn 18 June 2026 the app hung (UTC).\n\n"
	    "## Timeline\n\n"
	    "At 09:10, response times began to climb, and by 09:14 most "
	    "requests were timing out.\n\n"
	    "At 09:22 the monitor paged the on-call developer. The first "
	    "support call came in at 09:30.\n\n"
	    "At 10:40 both servers were restarted.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[0].time, "2026-06-18T09:10:00+00:00");
	assert_str(inc.timeline[2].time, "2026-06-18T09:30:00+00:00");
	pm_arena_free(a);
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# Bank sync\n\nOn 3 March 2026 bank syncs failed (UTC).\n\n"
	    "## Timeline\n\n"
	    "**7:10am** Sync failures begin rising.\n\n"
	    "**8:25am** Ravi looks at our own changes. We deployed the API "
	    "at 6:50am; he rolls it back.\n\n"
	    "**9:30am** The provider replies. **10:15am** We raise the "
	    "timeout to 90 seconds.\n\n"
	    "**1:45pm** Syncs succeed again.\n");
	assert_int_equal(inc.ntimeline, 5);
	assert_str(inc.timeline[3].time, "2026-03-03T10:15:00+00:00");
	pm_arena_free(a);
}

/* A chat channel copied into a code block as the timeline: the app's
 * "Name  09:48" headers over each message, a bot's name in lower case,
 * blank lines between; or "[8:40 AM] name: text" lines.  A code block of
 * anything else stays out of the prose. */
static void
test_chat_paste_in_code_block(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Invoices fail\n\nOn 10 March 2026 invoices could not be "
	    "saved (CET).\n\n## Timeline\n\n```\n"
	    "Marta Kowalska  09:48\ndeploy 6.12 starting\n\n"
	    "alertmanager  10:09\n[FIRING:1] InvoiceApi5xxHigh\n\n"
	    "Pawel Nowak  10:11\ncustomers on chat cannot save\n\n"
	    "Marta Kowalska  10:34\nswitching back to blue\n```\n\n"
	    "## Root cause\n\n```\nSELECT 1;\nSELECT 2;\n```\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[1].text, "[FIRING:1] InvoiceApi5xxHigh");
	assert_str(inc.timeline[1].time, "2026-03-10T10:09:00+01:00");
	pm_arena_free(a);
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# Checkout slow\n\nOn 8 May 2026 checkout was slow (PT)."
	    "\n\n## Timeline\n\n```\n"
	    "[9:00 AM] maya: sent!\n"
	    "[9:06 AM] uptime-bot: DOWN shop\n"
	    "[9:34 AM] leo: resizing app server\n```\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[2].time, "2026-05-08T09:34:00-07:00");
	pm_arena_free(a);
}

/* A timeline in offsets from T0, when the document says when T0 was. */
static void
test_t_plus_entries(void **state)
{
	static const char *const docs[] = {
		"# Recs\n\n**T0:** Tuesday, 8 October 2024, 18:30 IST\n\n"
		"## Timeline\n\n- **T+0** \xe2\x80\x94 Widget goes live.\n"
		"- **T+7m** \xe2\x80\x94 Alert: p99 latency.\n"
		"- **T+1h25m** \xe2\x80\x94 48 nodes serving.\n"
		"- **T+1h55m** \xe2\x80\x94 Incident resolved.\n",
		"# Recs\n\nOn 8 October 2024 recommendations timed out.\n\n"
		"## Timeline\n\nOffsets from T0 (18:30 IST).\n\n"
		"- T+0: Widget goes live.\n- T+7 min: Alert: p99 latency.\n"
		"- T+1 h 25 min: 48 nodes serving.\n"
		"- T+115m: Incident resolved.\n",
		/* T+0 said as a sentence; an entry before it, with its
		 * clock */
		"# Recs\n\nOn 8 October 2024 recommendations timed out "
		"(IST).\n\n## Timeline\n\nT+0 is 18:30, when the widget "
		"went live.\n\n- T\xe2\x88\x92" "30 min (18:00) \xe2\x80\x94 "
		"Release.\n- T+7 min \xe2\x80\x94 Alert: p99 latency.\n"
		"- T+1 h 25 min \xe2\x80\x94 48 nodes serving.\n"
		"- T+1 h 55 min \xe2\x80\x94 Incident resolved.\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;

		run(&inc, &r, a, NULL, docs[i]);
		if (inc.ntimeline != 4)
			fail_msg("document %zu: %zu entries", i,
			    inc.ntimeline);
		if (i == 2)
			assert_str(inc.timeline[0].time,
			    "2024-10-08T18:00:00+05:30");
		assert_str(inc.timeline[1].time, "2024-10-08T18:37:00+05:30");
		assert_str(inc.timeline[1].text, "Alert: p99 latency.");
		assert_str(inc.timeline[2].time, "2024-10-08T19:55:00+05:30");
		assert_str(inc.timeline[3].time, "2024-10-08T20:25:00+05:30");
		pm_arena_free(a);
	}
	/* without T0, an offset alone says no clock time: the items are
	 * steps, with none */
	{
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;

		run(&inc, &r, a, NULL, "# Recs\n\n## Timeline\n\n"
		    "- T+0: Widget goes live.\n- T+7m: Alert fires.\n");
		assert_int_equal(inc.ntimeline, 2);
		assert_null(inc.timeline[0].time);
		assert_null(inc.timeline[1].time);
		pm_arena_free(a);
	}
}

/* A day written as one side of a night: "the night of 15 November" is
 * its evening, so 00:01 is the 16th; "the night of 14 to 15 January" and
 * "overnight 14-15 January" are read at the 15th, which ends the night. */
static void
test_night_of(void **state)
{
	static const struct {
		const char *doc, *start, *end;
	} cases[] = {
		{ "# Logins\n\nOn the night of Friday 15 November 2024 logins "
		  "failed from 00:01 to 00:53 KST.\n",
		  "2024-11-16T00:01:00+09:00", "2024-11-16T00:53:00+09:00" },
		{ "# Slots\n\n**Incident:** night of Tuesday 14 to Wednesday "
		  "15 January 2025\n\nFrom 23:52 until 01:12 (EET) bookings "
		  "failed.\n", "2025-01-14T23:52:00+02:00",
		  "2025-01-15T01:12:00+02:00" },
		{ "# PINs\n\nOn the night of Friday 28 February into Saturday "
		  "1 March 2025, from 22:40 to 01:15 EAT, logins failed.\n",
		  "2025-02-28T22:40:00+03:00", "2025-03-01T01:15:00+03:00" },
		{ "# Slots\n\nOvernight 14-15 January 2025, from 23:52 to "
		  "01:12 EET, bookings failed.\n", "2025-01-14T23:52:00+02:00",
		  "2025-01-15T01:12:00+02:00" },
		/* a day written with the start is kept */
		{ "# Trackers overnight (14\xe2\x80\x93" "15 January 2025)\n\n"
		  "Between 21:40 on Tuesday 14 January and 10:25 on Wednesday "
		  "15 January 2025 (UTC) trackers went silent.\n",
		  "2025-01-14T21:40:00+00:00", "2025-01-15T10:25:00+00:00" },
		/* a deadline is no start: "before 3 p.m." comes first */
		{ "# Donations\n\n## What happened\n\nOn 2 December 2025 a "
		  "sponsor matched every gift made before 3 p.m. From 7:40 "
		  "a.m., when the new page reached its first visitors, until "
		  "2:25 p.m. ET, the form was blank.\n",
		  "2025-12-02T07:40:00-05:00", "2025-12-02T14:25:00-05:00" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_window(cases[i].doc, cases[i].doc, cases[i].start,
		    cases[i].end, NULL);
	/* a timeline that starts after midnight is the next day's */
	{
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;

		run(&inc, &r, a, NULL, "# Resets\n\nOn the night of 15 "
		    "November 2024 the reset failed (UTC).\n\n## Timeline\n\n"
		    "- 00:05 Alert fires\n- 00:40 Fixed\n");
		assert_true(inc.ntimeline > 0);
		assert_str(inc.timeline[0].time, "2024-11-16T00:05:00+00:00");
		pm_arena_free(a);
	}
}

/* A front matter date names the evening of the night the prose tells;
 * and an end read on the start's day comes after it as an instant, so
 * the night the clocks go back keeps its 43 minutes. */
static void
test_night_under_front_matter_and_clock_change(void **state)
{
	(void)state;
	expect_window("front matter evening", "---\ndate: 2025-01-22\n---\n"
	    "# Meter reads\n\nOn the night of Wednesday 22 to Thursday 23 "
	    "January 2025, from 23:40 CET until 02:10 CET, reads failed.\n",
	    "2025-01-22T23:40:00+01:00", "2025-01-23T02:10:00+01:00", NULL);
	expect_window("clocks go back", "# Playout\n\nIn the early hours of "
	    "Sunday 27 October 2024 the slate began at 02:58 CEST and ended "
	    "at 02:41 CET.\n",
	    "2024-10-27T02:58:00+02:00", "2024-10-27T02:41:00+01:00", NULL);
	/* the same clock readings in one zone still cross midnight */
	expect_window("one zone", "# Playout\n\nOn Sunday 27 October 2024 "
	    "the slate ran from 22:58 to 02:41 CET.\n",
	    "2024-10-27T22:58:00+01:00", "2024-10-28T02:41:00+01:00", NULL);
}

/* A report pasted as plain text: its first line, "Name — RCA: what
 * happened", is the title, and a line alone in its paragraph that names
 * a section in sentence case is a heading. */
static void
test_plain_text_report(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "Kestrel Route \xe2\x80\x94 RCA: OTP delays to one operator\n\n"
	    "Summary\n\nOTPs were late for 2 hours.\n\n"
	    "Corrective and preventative measures\n\n"
	    "We will depend less on one route.\n\n"
	    "1. Add automatic spill-over.\n2. Alert on throttling.\n");
	assert_str(inc.title, "Kestrel Route \xe2\x80\x94 RCA: OTP delays to "
	    "one operator");
	assert_int_equal(inc.naction_items, 2);
	pm_arena_free(a);
	/* a sentence without its period, in a paragraph of more lines, is
	 * no heading */
	a = pm_arena_new();
	run(&inc, &r, a, NULL, "# Outage\n\n## Summary\n\nRequests "
	    "failed.\n\nAction items were agreed on the call\nand are "
	    "tracked in the board.\n\n## Action items\n\n- [ ] Add an "
	    "alert.\n");
	assert_int_equal(inc.naction_items, 1);
	pm_arena_free(a);
}

/* A heading that opens the document names it, even when a word of it
 * also names a section ("recommendation"). */
static void
test_title_heading_with_section_word(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "## Login failures: recommendation backfill used up Postgres "
	    "connections\n\nSRE on-call report\n\n### Issue Summary\n\n"
	    "Logins failed.\n");
	assert_str(inc.title, "Login failures: recommendation backfill used "
	    "up Postgres connections");
	pm_arena_free(a);
}

/* An export's first field, "Incident:" over "Date:" and more, labels the
 * title; a "Postmortem:" line on its own is the title as written. */
static void
test_title_first_field(void **state)
{
	static const struct {
		const char *doc, *title;
	} cases[] = {
		{ "**Incident:** Inbox not loading\n**Date:** 21.01.2026\n"
		  "**Severity:** Sev 2\n\nThe inbox failed.\n",
		  "Inbox not loading" },
		{ "Postmortem: Slow pages at nine\n\nPages were slow.\n",
		  "Postmortem: Slow pages at nine" },
		/* a quoted mail's subject names the mail, not the report */
		{ "# Deliveries missed on Saturday\n\nWe sent this mail:\n\n"
		  "> **Subject:** We're sorry\n>\n> Dear customer,\n",
		  "Deliveries missed on Saturday" },
		{ "> **Subject:** Fwd: Outage report\n> **To:** All\n\n"
		  "Hi all,\n\n## Issue summary\n\nPages failed.\n",
		  "Fwd: Outage report" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;

		run(&inc, &r, a, NULL, cases[i].doc);
		assert_str(inc.title, cases[i].title);
		pm_arena_free(a);
	}
}

struct share_case {
	const char *doc;
	double want;	/* NAN: no share */
};

/* Each document's body through the extractor, its share compared. */
static void
check_shares(const struct share_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;

		run(&inc, &r, a, NULL, cases[i].doc);
		/* a NAN compares false with anything: asked first */
		if (isnan(cases[i].want) ? !isnan(inc.impact_percent) :
		    isnan(inc.impact_percent) ||
		    fabs(inc.impact_percent - cases[i].want) > 0.5)
			fail_msg("case %zu: %g, want %g", i,
			    inc.impact_percent, cases[i].want);
		pm_arena_free(a);
	}
}

/* A maintenance page shown to everyone is the impact: "all of our
 * users got it" is all of them; all of them emailed is not. */
static void
test_share_maintenance_page(void **state)
{
	static const struct share_case cases[] = {
		{ "# Shop\n\n## Summary\n\nThe shop showed a maintenance "
		  "page. All of our users got the maintenance page.\n", 100 },
		{ "# Shop\n\n## Summary\n\nThe shop was slow. All of our "
		  "users got an email about the maintenance page.\n", NAN },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* A fraction of people beats a count of things said before it in the
 * same field; "those who tried" are people; half of a city is no share
 * of people. */
static void
test_share_fraction_of_people(void **state)
{
	static const struct share_case cases[] = {
		{ "# Rooms\n\n**Impact:** The sites showed no rooms for 11 of "
		  "our 14 hostels. About three quarters of the people "
		  "searching for a room saw \"sold out\".\n", 75 },
		/* a part of each one's own is no share of them all */
		{ "# Exam\n\n## Summary\n\nCandidates with set C could not "
		  "save about a third of their questions. Set C went to about "
		  "18% of the 41,000 candidates.\n", 18 },
		/* "those who" are people, and the bracket says how many */
		{ "# Pay\n\n## Impact\n\nJust over half of those who tried "
		  "to pay in that window (54%) gave up or failed.\n", 54 },
		{ "# Bikes\n\n## Summary\n\nSeven in ten of the people who "
		  "tried to book saw the page time out. It was the first warm "
		  "Sunday, when half of Osaka remembers their bike, and "
		  "bookings fell by half.\n", 70 },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* "None of our subscribers received a message" is everyone; "nobody
 * could have fixed it", "no customer could tell" and a writer who cannot
 * say the share are not; a count of "the roughly 5,000" still divides. */
static void
test_share_none_could(void **state)
{
	static const struct share_case cases[] = {
		{ "# SMS\n\n## Summary\n\nFor 36 hours none of our 84,000 "
		  "subscribers received a message.\n", 100 },
		{ "# Login\n\n## Summary\n\nNo customer could log in. "
		  "Nobody was able to pay.\n", 100 },
		{ "# Login\n\n## Summary\n\nThe page was slow, but no "
		  "customer could tell the difference.\n", NAN },
		{ "# Racks\n\n## Root cause\n\nThe cooling failed; nobody "
		  "could have fixed it at midnight.\n", NAN },
		{ "# Racks\n\n## Summary\n\nNo alert fired and customers "
		  "could not pay.\n", NAN },
		{ "# Shop\n\n## Summary\n\nWe cannot say what share of "
		  "users was affected: every order failed during the "
		  "reboots.\n", NAN },
		{ "# Portal\n\n## Impact\n\nAbout 4,300 of the roughly "
		  "5,000 residents who logged in saw old data.\n", 86 },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* "Anyone trying to book" and "everyone who tried" are all of those who
 * used the service, unless the writer declines to give a share; "those"
 * and an approximate whole ("~97,000", "nearly 7,800") still divide,
 * and so does a whole put first without "the" ("Of 64 sessions ..."). */
static void
test_share_everyone_who_and_wholes(void **state)
{
	static const struct share_case cases[] = {
		{ "# Cruises\n\n## Summary\n\nAnyone trying to book a cruise "
		  "online in that window got a timeout.\n", 100 },
		{ "# Beach\n\n## Summary\n\nEveryone who tried to book in "
		  "that hour got an error.\n", 100 },
		{ "# Beach\n\n## Summary\n\nWe thank everyone who helped "
		  "during the outage.\n", NAN },
		{ "# Beach\n\n## Summary\n\nAnyone can read the status page "
		  "during an outage.\n", NAN },
		{ "# Signup\n\n## Impact\n\nSign-up was closed; anyone "
		  "trying to create an account saw an error. We have no "
		  "count of people turned away, so we are not giving a share "
		  "of users here.\n", NAN },
		{ "# Rebooking\n\n## Impact\n\nAbout 3,100 of those 7,800 "
		  "passengers could not rebook online.\n", 39.7 },
		{ "# Rebooking\n\n## Impact\n\nAbout 3,100 of nearly 7,800 "
		  "passengers could not rebook online.\n", 39.7 },
		{ "# Servers\n\n## Impact\n\nRoughly 22,000 of the ~97,000 "
		  "players online were disconnected.\n", 22.7 },
		{ "# Video\n\n## Summary\n\nOf 64 video sessions booked in "
		  "that window, 47 could not connect.\n", 73.4 },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* A share that grew is reported at the peak the writer names, unless
 * the peak is a detail in brackets; a table's total row gives the share
 * its rows break down, and its text is not taken for the impact. */
static void
test_share_peak_and_total_row(void **state)
{
	static const struct share_case cases[] = {
		{ "# Inbox\n\n## Impact\n\nAt 10:15 about 9% of active sellers "
		  "were failing; by 11:40 it was 46% of them, the peak, and "
		  "that is the number we report.\n", 46 },
		{ "# Jobs\n\n## Impact\n\nAt 14:05 about 6% of active sitters "
		  "saw \"Something went wrong\"; by 14:40 it was 18%, and at "
		  "15:10 it peaked at 31% of active sitters.\n", 31 },
		{ "# Edge\n\n## Impact\n\nAbout 18% of requests from users in "
		  "the region failed (peak 31% at 14:40).\n", 18 },
		{ "# Errors\n\n## Impact\n\nAbout 12% of users saw errors; "
		  "CPU peaked at 97% of capacity.\n", 12 },
		{ "# VAT\n\n## Impact\n\nThe export failed on deadline day.\n\n"
		  "| Group | Active | Failed | Share |\n"
		  "| --- | --- | --- | --- |\n"
		  "| Sole traders | 8,200 | 2,050 | 25% |\n"
		  "| **All customers** | **10,700** | **3,308** | **31%** |\n",
		  31 },
		{ "# Cores\n\nThe nodes ran hot.\n\n"
		  "| Node | Cores | Load |\n| --- | --- | --- |\n"
		  "| Total load | 64 cores | about 85 |\n", NAN },
	};
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
	run(&inc, &r, a, NULL, cases[4].doc);
	assert_str(inc.impact, "The export failed on deadline day.");
	pm_arena_free(a);
}

/* Whoever "who" follows are people, whatever the writer calls them, and
 * so is one of a kind the clause says was hurt ("every trader ... was
 * affected"); a ratio of people ("three in five parents") is a share of
 * people, and beats a percentage of people said later of an earlier
 * incident. */
static void
test_share_who_and_ratio_of_people(void **state)
{
	static const struct share_case cases[] = {
		{ "# Club\n\n## Summary\n\nAround 58% of the socios who tried "
		  "to renew gave up.\n\nLast December their outage stopped "
		  "payments and 20% of members were affected.\n", 58 },
		{ "# Fees\n\n## Summary\n\nOn Monday parents could not log "
		  "in for three and a half hours. About three in five parents "
		  "who tried to pay were turned away.\n\nThe previous record "
		  "was 6 May 2025, when 30% of parents could not pay.\n", 60 },
		{ "# Jobs\n\n## Summary\n\nAbout 40% of the batch jobs that "
		  "ran overnight were retried.\n", NAN },
		{ "# Auction\n\n## Summary\n\nEvery trader on the floor "
		  "was affected.\n", 100 },
		{ "# Plant\n\n## Summary\n\nEvery chiller plant was "
		  "affected.\n", NAN },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* Workers are processes unless the words after them tell of a working
 * day: then a count of them is a count of people. */
static void
test_share_workers_at_work(void **state)
{
	static const struct share_case cases[] = {
		{ "# Check-in\n\n## Summary\n\nOf the 2,000 workers rostered "
		  "for the early flights, 500 could not see their gate and "
		  "were affected.\n", 25 },
		{ "# Gates\n\n## Summary\n\nAround 3,000 of our 4,000 "
		  "workers could not punch in for the morning shift.\n", 75 },
		{ "# Queue\n\n## Summary\n\nOf the 40 workers in the pool, "
		  "30 crashed and the queue backed up.\n", NAN },
		{ "# Queue\n\n## Summary\n\nAbout 12 of our 16 workers ran "
		  "out of memory.\n", NAN },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* The words for "per cent" that writers bring from their languages,
 * and the sign before the number. */
static void
test_share_percent_words(void **state)
{
	static const struct share_case cases[] = {
		{ "# Enrol\n\n## Summary\n\nAbout 78 procent of students "
		  "were affected.\n", 78 },
		{ "# Shop\n\n## Summary\n\nRoughly 30 pct of customers "
		  "could not pay.\n", 30 },
		{ "# Shop\n\n## Summary\n\nEl 40 por ciento de los "
		  "clientes could not pay.\n", 40 },
		/* the Turkish way, the sign before the number */
		{ "# Kargo\n\n## Impact\n\n%35 of users could not track "
		  "a parcel.\n", 35 },
		{ "# Seats\n\n## Summary\n\nAround %28 of booking "
		  "attempts failed.\n", 28 },
		/* but not an escape in a link or a format */
		{ "# Links\n\n## Summary\n\nThe page a%20b of users "
		  "broke.\n", NAN },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* "Fewer than 1% of account holders" is a bound, taken as the share,
 * but "once fewer than 1% of sessions" is a threshold; a city's share
 * restated in the next sentence as one of all users is the share. */
static void
test_share_bound_and_restated(void **state)
{
	static const struct share_case cases[] = {
		{ "# Logins\n\n## Summary\n\nLockouts hit real riders. "
		  "Fewer than 1% of account holders were affected.\n", 1 },
		{ "# Basket\n\n## Summary\n\nThe plan said to remove the "
		  "route once fewer than 1% of sessions came from old apps. "
		  "About 17 percent of mobile sessions were on old apps and "
		  "failed.\n", 17 },
		{ "# Scooters\n\n## Impact\n\nIn Lisbon about 70% of "
		  "riders got an error. Lisbon is one of our nine cities, so "
		  "across all our markets that works out at about 14% of our "
		  "users.\n", 14 },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* A share of people counted beats one guessed in words before it in the
 * line, but a share of some other whole does not; and whoever "tried to
 * order" is people, whatever the noun. */
static void
test_share_counted_beats_guessed(void **state)
{
	static const struct share_case cases[] = {
		{ "# Tours\n\n## Impact\n\nHeidi's first count was \"nearly "
		  "half of our guests\". The records give a smaller figure: 61 "
		  "of the 380 guests who tried to book could not, 16.1%.\n",
		  16.1 },
		{ "# Wallet\n\n## Summary\n\nAbout one in five of our "
		  "active users could not use the app. The carrier serves 46% "
		  "of mobile subscribers in the country.\n", 20 },
		{ "# Portal\n\nThe portal was down. 96 of the 210 pharmacies "
		  "that tried to order could not (45.7%).\n\n> About 80% of "
		  "our day's orders come in before 10:00, so it felt like the "
		  "whole morning.\n", 45.7 },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* "52 of our 130 routes" is a share of ours, though the sentence has no
 * word of impact; "two of our three on-call engineers" is not. */
static void
test_share_of_ours(void **state)
{
	static const struct share_case cases[] = {
		{ "# Buses\n\n## Summary\n\nThe stop displays for every route "
		  "run from those two depots went dark: 52 of our 130 "
		  "routes.\n", 40 },
		{ "# Buses\n\n## Summary\n\nThe displays went dark. Two of our "
		  "three on-call engineers were on leave.\n", NAN },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* A rate within each customer's own requests is no share of customers;
 * a region's share restated as the share of all players is the share;
 * recipients and handhelds are counted as people and their devices. */
static void
test_share_of_their_and_of_all(void **state)
{
	static const struct share_case cases[] = {
		{ "# OCR\n\n## Summary\n\nAbout a third of API customers saw "
		  "more than one in ten of their requests time out.\n",
		  100.0 / 3 },
		{ "# OCR\n\n## Summary\n\nSome customers saw 12% of their "
		  "requests fail.\n", NAN },
		{ "# Relays\n\n## Summary\n\nAround 27% of our players in "
		  "South-East Asia were affected, which is about 6% of "
		  "players worldwide.\n", 6 },
		/* without "worldwide", the second share is the region's too */
		{ "# Relays\n\n## Summary\n\nAround 27% of our players were "
		  "affected, and 6% of players lost a match.\n", 27 },
		{ "# SMS\n\n## Summary\n\nVayu carries roughly 3 in 10 of the "
		  "end recipients on our platform, and for practically all of "
		  "them delivery slowed.\n", 30 },
		{ "# Picking\n\n## Summary\n\nAbout 70% of handhelds on the "
		  "morning shift froze at least once.\n", 70 },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* People no list names, known by the ending of their name ("64% of
 * claimants", "one in eight retailers", "every applicant who tried"),
 * with plain words of harm ("unpaid", "this problem"); the things that
 * end like them ("40% of components", "every chiller plant") are no
 * share of people.  "per cent", a decimal comma before the sign and a
 * million in words are read; an error rate "at 0%" is no share. */
static void
test_share_of_people_by_their_name(void **state)
{
	static const struct share_case cases[] = {
		{ "# Benefits\n\n## Summary\n\nIn the Namur caseload, 64% of "
		  "claimants were still unpaid at 10:00; across the whole "
		  "country that is about 11% of all child benefit claimants.\n",
		  11 },
		{ "# Lottery\n\n## Summary\n\nOne in eight retailers who "
		  "traded in that window had to sign in again and again.\n",
		  12.5 },
		{ "# Rider app\n\n## Summary\n\nAbout 60 % of couriers online "
		  "in that time have this problem at least one time.\n", 60 },
		{ "# Passports\n\n## Summary\n\nFrom 8:00 AM until noon, every "
		  "applicant who tried to book failed at the last step.\n",
		  100 },
		{ "# Plant\n\n## Summary\n\nWe added a flow sensor to every "
		  "chiller plant after the pump failed.\n", NAN },
		{ "# Logs\n\n## Summary\n\nAbout 40% of components came "
		  "from one vendor.\n", NAN },
		{ "# Customs\n\n## Summary\n\nApproximately 38 per cent of "
		  "declarants who attempted to file were unable to do so.\n",
		  38 },
		{ "# Tickets\n\n## Summary\n\n12,5 % of purchase attempts "
		  "failed.\n", 12.5 },
		{ "# OTA\n\n## Summary\n\nAbout 212,000 of our 1.9 million "
		  "connected vehicles could not fetch the update.\n",
		  100.0 * 212000 / 1.9e6 },
		{ "# Canary\n\n## Summary\n\nThe error page returns HTTP 200, "
		  "so the canary's error rate stayed at 0% and the build "
		  "failed nobody's check.\n", NAN },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/*
 * Counts against their whole written in other ways: the whole in the
 * sentence before ("Of these, ..."), the people before the count
 * ("Among riders ..., one in four"), "57 on 300 who", "out of the",
 * "23pc" and fifths; a share of people beats a share of places said
 * before it in the paragraph; and what no share is.
 */
static void
test_share_counts_written_otherwise(void **state)
{
	static const struct share_case cases[] = {
		{ "# Water\n\n## Summary\n\nThe utility reads about 800 "
		  "thousand meters. Of these, roughly 120 thousand were left "
		  "without a read for two days.\n", 15 },
		{ "# Shop\n\n## Summary\n\nWe have 4,000 customers. Of these, "
		  "300 live in Canada.\n", NAN },
		{ "# Rides\n\n## Summary\n\nAmong riders who opened the app "
		  "that evening, one in four was on the new build and tried "
		  "to pay.\n", 25 },
		{ "# Rota\n\n## Summary\n\nThat morning 57 on 300 who tried "
		  "could not sign in.\n", 19 },
		{ "# Batch\n\n## Summary\n\nThe job ran 5 on 12 nodes and "
		  "failed.\n", NAN },
		{ "# Heat\n\n## Summary\n\nIn the outage, 1,200 out of the "
		  "6,000 tenants had no heating app.\n", 20 },
		{ "# Club\n\n## Summary\n\nAbout 23pc of members could not "
		  "renew online.\n", 23 },
		{ "# Club\n\n## Summary\n\nRenewal income was down 60pc on "
		  "the week.\n", NAN },
		{ "# Depot\n\n## Summary\n\nTwo fifths of the drivers who "
		  "started a shift could not log in.\n", 40 },
		{ "# Gyms\n\n## Summary\n\nThe doors at 6 of our 40 gyms "
		  "would not open. Of the 9,000 members who came, 1,800 "
		  "could not get in.\n", 20 },
		{ "# Robots\n\n## Summary\n\nFor three hours 4 of the 10 "
		  "packing robots stood idle.\n", 40 },
		{ "# Links\n\n## Impact\n\nThe routers lost 100% of their "
		  "packets for an hour.\n", NAN },
		{ "# Files\n\n## Summary\n\nAbout 2% of the file store was "
		  "copied by the intruder.\n", NAN },
		/* the noun between a count and "out of"; an "all" after
		 * it names who they were, not a second share */
		{ "# Payouts\n\n## Summary\n\nAround 1,150 merchants out "
		  "of 5,400 active merchants were affected, i.e. all "
		  "merchants paid through one bank.\n", 21.3 },
		/* and a word of approximation before the whole */
		{ "# Susu\n\n## Summary\n\nSome 1,150 accounts out of "
		  "roughly 14k active savers were locked out.\n", 8 },
		/* old data is harm, when the data is what people came for */
		{ "# Tracking\n\n## Summary\n\nThe portal showed old "
		  "positions.\n\nOf our 41,000 shipper accounts, roughly "
		  "3,100 looked at tracking and got the old data.\n\nRoot "
		  "cause: the pool sent one third of the read queries to a "
		  "lagging replica.\n", 7.6 },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* In the impact section, "23% of them failed" after what people did is
 * the share, but not outside it ("41,000 attempts; 99.2% of them were
 * declined"); in one paragraph, a percentage of people beats a fraction
 * of requests said before it. */
static void
test_share_of_them_and_of_people(void **state)
{
	static const struct share_case cases[] = {
		{ "# Search\n\n## Impact\n\nSearches were slow, and about 23% "
		  "of them failed.\n", 23 },
		{ "# Cards\n\n## Summary\n\nIn 45 minutes the bots made "
		  "41,000 attempts; 99.2% of them were declined.\n", NAN },
		{ "# Latency\n\n## Impact\n\nFor users on two networks about "
		  "a third of their requests timed out. That is roughly 8% of "
		  "our users.\n", 8 },
		{ "# Latency\n\n## Impact\n\nAbout a third of requests timed "
		  "out. Latency rose by 8% overall.\n", 33 },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* "N of them" divides the nearest count before it when that count is of
 * people, of what they do in a sentence about the harm, or of those "who"
 * did something; not when the count is the harmed ones themselves, a
 * date, or a pair ("one of them").  A usual day's share is no harm, and
 * a share of people counted so beats a share of things said before. */
static void
test_share_of_them_counted(void **state)
{
	static const struct share_case cases[] = {
		{ "# Tickets\n\n## Summary\n\nThe box office took 840 orders "
		  "that evening, and 210 of them got no ticket.\n", 25 },
		{ "# Forum\n\n## Summary\n\nThe forum had 2,400 page loads "
		  "in that hour, and about three quarters of them failed.\n",
		  75 },
		{ "# Trip\n\n## Summary\n\nThe list held the 90 parents who "
		  "had signed up, and 27 of them got the wrong pickup time.\n",
		  30 },
		{ "# Mail\n\n## Summary\n\nWe wrote to 400 subscribers on "
		  "20 March, and 80 of them saw the message bounce.\n", 20 },
		{ "# Gym\n\n## Summary\n\n3,000 members were locked out; "
		  "600 of them went home.\n", NAN },
		{ "# Tags\n\n## Summary\n\nOnly two admins could change the "
		  "tag, and one of them was away.\n", NAN },
		{ "# Shop\n\n## Summary\n\nCheckout failed in two of our "
		  "four stores. About 60% of our orders normally come "
		  "through the app.\n", 50 },
		{ "# Sync\n\n## Impact\n\nOn a normal Monday about 97% of "
		  "syncs succeed. About one user in five had no new data.\n",
		  20 },
		{ "# Streams\n\n## Summary\n\nTwo of the three concerts were "
		  "affected. 150 people watched online, and 60 of them lost "
		  "the picture.\n", 40 },
		{ "# Rooms\n\n## Summary\n\nThe booking pages of three of "
		  "our five hostels showed a warning.\n", 60 },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* Shares said in other ways: harm as "went stale", "N or so of them",
 * "all but N of our M", a percentage well after the fraction it makes
 * exact, people "who" did a thing and a part of them, and a bare count
 * after the sentence that gave the whole; not a name's digits. */
static void
test_share_said_otherwise(void **state)
{
	static const struct share_case cases[] = {
		{ "# Map\n\n## Summary\n\nAbout two thirds of the buses we "
		  "follow went stale on the map.\n", 66.7 },
		{ "# App\n\n## Summary\n\nSome 8,000 fans opened the app "
		  "that night; 2,000 or so of them hit the error.\n", 25 },
		{ "# CVs\n\n## Summary\n\nAll but 4 of our 200 agencies had "
		  "files stuck.\n", 98 },
		{ "# Queue\n\n## Summary\n\nA little over half of the riders "
		  "who asked for a car in that hour never got one, 56% by "
		  "our own count.\n", 56 },
		{ "# Lunch\n\n## Summary\n\nOf the 400 customers who ordered "
		  "that evening, 100 got the wrong day.\n", 25 },
		{ "# Inbox\n\n## Summary\n\nWe have 800 teams on the plan. "
		  "Going by the logs, 200 could not work.\n", 25 },
		{ "# Disks\n\n## Summary\n\nThe pool waits 60 seconds. The "
		  "shelf c-07 had a failing connector.\n", NAN },
		/* a share set aside after its people, hedged */
		{ "# Cart\n\n## Summary\n\nSome shoppers (around 20%) "
		  "could not check out.\n", 20 },
		{ "# Cart\n\n## Summary\n\nA segment of shoppers, "
		  "constituting about 15%, could not check out.\n", 15 },
		{ "# Ward\n\n## Summary\n\nThe prescription screen "
		  "failed. All personnel were affected.\n", 100 },
		{ "# Cart\n\n## Summary\n\nThe cache was cleared, around "
		  "20% faster than last time.\n", NAN },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* A share of people beats one of requests or events said before it in
 * the same section, not only in the same paragraph; a word or two may
 * stand between a count and its people; "events" and "scanners" are no
 * people, for all their endings. */
static void
test_share_people_first(void **state)
{
	static const struct share_case cases[] = {
		{ "# Stream\n\n## Summary\n\nIn the peaks about 8% of "
		  "playback requests still fail.\n\nAbout 35% of the "
		  "viewers had errors.\n", 35 },
		{ "# Hooks\n\n## Summary\n\n412 of our 4,120 "
		  "webhook-enabled customers had an event misdelivered.\n\n"
		  "That was about 0.8% of all webhook events.\n", 10 },
		{ "# Gates\n\n## Summary\n\nHalf of the scanners were "
		  "offline.\n\nAbout 40% of the visitors were let in by "
		  "hand.\n", 40 },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* Counts written with thousands separators, after a possessive, in
 * words past twelve, and one noun of several words in "one ... in N". */
static void
test_share_counts_and_number_words(void **state)
{
	static const struct share_case cases[] = {
		{ "# VPN\n\n## Impact\n\nAbout 1,800 of the county's 6,000 "
		  "staff could not connect.\n", 30 },
		{ "# Gates\n\n## Impact\n\nAbout 40% of the morning's 2,600 "
		  "visitors were admitted by hand.\n", 40 },
		{ "# Pay\n\n## Impact\n\nAll 3,412 residents due a payment "
		  "that Friday were affected.\n", 100 },
		{ "# Mail\n\n## Impact\n\nThe emails could not be unsent; we "
		  "sent a correction to all 1,930 subscribers.\n", NAN },
		{ "# Docs\n\n## Impact\n\nAbout one in twenty-five visitors "
		  "saw an error.\n", 4 },
		{ "# Tills\n\n## Impact\n\nAbout one card payment in six was "
		  "declined.\n", 16.7 },
		{ "# Gates\n\n## Impact\n\nAround 11,400 supporters, 30% of "
		  "the 38,000 ticket holders, waited at the turnstiles.\n", 30 },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* "all" and "every" that are the whole a part is compared with, or that
 * say when the impact ended, are no share; those that say who was hurt
 * still are. */
static void
test_whole_not_affected(void **state)
{
	static const struct share_case cases[] = {
		{ "# Exports\n\n## Impact\n\nThe alert did not fire because "
		  "exports are a small part of all requests.\n", NAN },
		{ "# Runs\n\n## Impact\n\nImpact lasted until 11:05 AM, when "
		  "every dashboard showed current data.\n", NAN },
		{ "# Runs\n\n## Impact\n\nImpact lasted until 11:05, once "
		  "all customers could sign in again.\n", NAN },
		{ "# Login\n\n## Impact\n\nAll customers were unable to sign "
		  "in for two hours.\n", 100 },
		{ "# Login\n\n## Impact\n\nFor two hours, every user who "
		  "tried to sign in was refused.\n", 100 },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* "30% of app and web users": two modifiers joined before the people
 * they name; an "and" that joins two clauses is no such thing. */
static void
test_share_of_joined_modifiers(void **state)
{
	static const struct share_case cases[] = {
		{ "# DNS\n\n## Summary\n\n- **Who:** about 30% of app and "
		  "web users, those whose resolver validates DNSSEC.\n", 30 },
		{ "# Pay\n\n## Impact\n\nIt hit 35% of free and trial "
		  "customers (paid plans run elsewhere).\n", 35 },
		{ "# Queue\n\n## Impact\n\nThe queue was 80% full and web "
		  "users saw errors.\n", NAN },
		{ "# Web\n\n## Impact\n\nWe restored 80% of service and "
		  "web users could log in.\n", NAN },
	};

	(void)state;
	check_shares(cases, sizeof(cases) / sizeof(cases[0]));
}

/* With no root cause section, the summary's "The cause was ..." is it. */
static void
test_cause_was_sentence(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Saturday's outage\n\n"
	    "**TL;DR:** Three servers were down all evening. The cause was "
	    "a dead SSD in the machine that runs them. We restored from "
	    "the morning's backup.\n\n"
	    "## What happened\n\nWe first assumed a DDoS.\n");
	assert_str(inc.root_cause, "The cause was a dead SSD in the machine "
	    "that runs them.");
	pm_arena_free(a);
}

/* The summary's "Root cause:" goes on with the section under its own
 * heading; the fields listed beside it ("Severity:", "Written by:") are
 * no part of either. */
static void
test_cause_field_among_others(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Lift passes not printing\n\n## Summary\n\n"
	    "On 3 February 2026 the kiosks printed no passes.\n\n"
	    "Root cause: the label printer driver was updated overnight and "
	    "lost its paper size.\n\nSeverity: SEV2\n\n"
	    "Written by: the kiosk team\n\n"
	    "## Root cause and resolution\n\nThe update reset every "
	    "printer to A4.\n\nTo fix it we set the size back.\n");
	assert_str(inc.root_cause, "the label printer driver was updated "
	    "overnight and lost its paper size. The update reset every "
	    "printer to A4.");
	assert_str(inc.severity, "SEV2");
	pm_arena_free(a);
}

/* The zone as the writer names it: the prose's name for the front
 * matter's offset, a zone six words after a time, and the abbreviation
 * a place's time is given in brackets. */
static void
test_zone_as_named(void **state)
{
	static const struct {
		const char *doc, *zone;
	} cases[] = {
		{ "---\ntitle: TV\nstart: 2025-01-27T20:10:00+00:00\n"
		  "end: 2025-01-27T21:32:00+00:00\n---\n# TV\n\n"
		  "From 20:10 GMT playback failed.\n", "GMT" },
		/* a name whose offset is not the front matter's is not it */
		{ "---\ntitle: TV\nstart: 2025-01-27T20:10:00+00:00\n"
		  "end: 2025-01-27T21:32:00+00:00\n---\n# TV\n\n"
		  "Our Toronto office saw it at 15:10 EST.\n", "+00:00" },
		{ "# Cards\n\nOn Thursday 12 December 2024, from about 5:30 to "
		  "7 in the evening PT, card updates failed.\n", "PT" },
		{ "# Pharmacies\n\nAll times below are Vienna local time "
		  "(CET).\n\nOn 12 February 2025 from 09:05 to 10:40 the "
		  "tills failed.\n", "CET" },
		{ "# Permits\n\nOn 16 July 2024, from 07:40 to 10:40 UK local "
		  "time, payments failed.\n", "UK local time" },
		{ "# Firmware\n\nAll times are Moscow time (MSK, UTC+3).\n\n"
		  "On 4 December 2024 from 22:47 the cluster was down.\n",
		  "MSK" },
		/* "hours" for "times", a bare "times" before a short name,
		 * and a phrase past another that named no zone */
		{ "# Races\n\nAll hours are EST (Montreal). On 5 March 2026 "
		  "from 14h32 to 16h05 races failed.\n", "EST" },
		{ "# Ads\n\nOn 10 February 2026 ads failed from 14:30 to "
		  "17:50. All hours in this document are UTC+01:00 (Paris).\n",
		  "UTC+01:00" },
		{ "# Slots\n\nLarder on-call note, times BST. On 2 July 2026 "
		  "from 06:55 to 08:20 bookings timed out.\n", "BST" },
		{ "# Links\n\nA note on times: Regina stays on Central "
		  "Standard Time. All times below are CST (UTC-6).\n\nOn 4 "
		  "May 2025 from 09:10 to 09:40 links were down.\n", "CST" },
		/* North American cities; an abbreviation explained after a
		 * semicolon; "Z" times under a stated zone */
		{ "# Portal\n\nFrom 9:10 a.m. to 4:45 p.m. Seattle time on "
		  "Thursday, March 20, 2025, the portal was down.\n",
		  "Seattle time" },
		{ "# Meters\n\nBetween 10:14 p.m. on 14 July 2025 and 6:52 "
		  "a.m. on 15 July 2025, Phoenix time (MST; the state keeps "
		  "standard time the whole year round), reads failed.\n",
		  "MST" },
		/* a "Clock:" field */
		{ "# Docks\n\n**Clock:** CT throughout\n\nOn 17 September "
		  "2026 from 4:40 p.m. to 7:15 p.m. docks showed stale "
		  "counts.\n", "CT" },
		{ "# Lab\n\nAll times UTC.\n\nFrom 2025-03-04T08:04Z to "
		  "2025-03-04T12:35Z the lab system was down.\n", "UTC" },
		{ "---\ntitle: Boards\nstart: 2025-07-09T10:05:00+10:00\n"
		  "end: 2025-07-09T12:50:00+10:00\n---\n# Boards\n\n"
		  "Times below are AEST.\n\nBoards were read-only.\n", "AEST" },
		/* a template of fields in capitals; a city with summer time
		 * of its own */
		{ "# Bidder\n\nDATE: 2025-08-05\nTZ: UTC\nSTART: 16:12\n"
		  "END: 19:04\nIMPACT: late bids\n", "UTC" },
		{ "# Club\n\nOn Friday, January 9th, 2026, between 12:35 and "
		  "15:05 Santiago time, members were logged out.\n",
		  "Santiago time" },
		/* said in words inside a heading's brackets; a field of a
		 * header line set apart by bars or middle dots */
		{ "# Builds\n\nOn 18 November 2025, from 08:09 to 10:15, "
		  "builds hung.\n\n## Timeline (all UTC)\n\n- 08:09 hang\n",
		  "UTC" },
		{ "# Proofs\n\n**Sev 3** | Proofs | author: Tom | times BST\n\n"
		  "From 14:55 on 20 October 2026 to 11:30 the next day "
		  "proofs were slow.\n", "BST" },
		{ "# Jobs\n\n**Status:** Final \xc2\xb7 **Zone:** "
		  "Europe/London\n\nOn 30 March 2026, from 08:15 until "
		  "13:05, jobs queued.\n", "Europe/London" },
		/* a place's time with its offset, in brackets or as a
		 * sentence's end: the offset; an abbreviation stays */
		{ "# Clinics\n\nBetween 22:40 on 4 November 2025 and 02:15 "
		  "on 5 November, Tbilisi time (GMT+4), bookings were "
		  "cancelled.\n", "GMT+4" },
		{ "# Clinics\n\nAll times Tbilisi time, GMT+4.\n\nOn 4 "
		  "November 2025 from 22:40 to 23:15 bookings failed.\n",
		  "GMT+4" },
		{ "# Bills\n\nOn 3 March 2025 from 10:10 to 11:00 BRT "
		  "(UTC-3) bills failed.\n", "BRT" },
		/* a clause that says what the place's time is called now */
		{ "# Gates\n\nFrom 23:50 on 31 October 2025 to 06:35 on 1 "
		  "November, gates were slow. All times are UK time, which "
		  "since the clocks went back is GMT (UTC+0).\n", "GMT" },
		{ "# Gates\n\nAll times are UK time, which was BST then.\n\n"
		  "From 09:10 to 09:50 on 3 June 2025 gates were slow.\n",
		  "BST" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_window(cases[i].doc, cases[i].doc, NULL, NULL,
		    cases[i].zone);
}

/*
 * The zone written beside the window: an IANA name in brackets, a city's
 * time; it beats a "14:00Z" the root cause quotes and a plan to "store
 * all times in UTC".
 */
static void
test_zone_beside_window(void **state)
{
	(void)state;
	expect_window("IANA name in brackets",
	    "# Search\n\nOn Monday 12 October 2026, from 09:12 to 12:35 "
	    "(Africa/Kigali), search returned nothing.\n",
	    "2026-10-12T09:12:00+02:00", "2026-10-12T12:35:00+02:00",
	    "Africa/Kigali");
	expect_window("city time",
	    "# Orders\n\nOn Sunday 14 June 2026, from 06:00 to 08:05 "
	    "Baghdad time, no order went through.\n",
	    "2026-06-14T06:00:00+03:00", "2026-06-14T08:05:00+03:00",
	    "Baghdad time");
	expect_window("zone after the window, Z time in the cause",
	    "# Deadlines\n\n## Summary\n\n**Duration:** 2 hours 35 "
	    "minutes (14:00 - 16:35, UTC+3), Friday 19 June 2026\n\n"
	    "## Root cause\n\nThe form sends 17:00 as `14:00Z`, and the "
	    "server saved it without its zone.\n",
	    "2026-06-19T14:00:00+03:00", "2026-06-19T16:35:00+03:00",
	    "UTC+3");
	expect_window("zone after the date that follows the time",
	    "# Chess\n\n**Total:** 1 hr 45 min (11:40pm Saturday 14 March "
	    "to 1:25am Sunday 15 March 2026, AWST)\n",
	    "2026-03-14T23:40:00+08:00", "2026-03-15T01:25:00+08:00",
	    "AWST");
	expect_window("zone after the date in the title",
	    "# Search timeouts \xe2\x80\x94 7 March 2026 PHT\n\n## Summary"
	    "\n\nOn Saturday, from 3:00 p.m. to 5:00 p.m., search timed "
	    "out.\n", "2026-03-07T15:00:00+08:00",
	    "2026-03-07T17:00:00+08:00", "PHT");
	/* Egypt's summer time; IST in a report about Eircodes is Irish,
	 * and India's while India is named */
	expect_window("Cairo time in June",
	    "# Cards\n\nOn 9 June 2026, from 14:00 to 18:25 Cairo time, "
	    "cards failed.\n", "2026-06-09T14:00:00+03:00",
	    "2026-06-09T18:25:00+03:00", "Cairo time");
	expect_window("Cairo time in January",
	    "# Cards\n\nOn 15 January 2026, from 14:00 to 18:25 Cairo "
	    "time, cards failed.\n", "2026-01-15T14:00:00+02:00",
	    "2026-01-15T18:25:00+02:00", "Cairo time");
	expect_window("IST, Ireland named elsewhere",
	    "# Checkout\n\nOn Saturday 20 June 2026 checkout was broken "
	    "from 09:05 to 11:12 IST.\n\nThe Eircode lookup was down.\n",
	    "2026-06-20T09:05:00+01:00", "2026-06-20T11:12:00+01:00", "IST");
	expect_window("IST, India named too",
	    "# Checkout\n\nOn Saturday 20 June 2026 checkout was broken "
	    "from 09:05 to 11:12 IST.\n\nThe Eircode lookup, run from "
	    "India, was down.\n", "2026-06-20T09:05:00+05:30",
	    "2026-06-20T11:12:00+05:30", "IST");
	expect_window("BST, Dhaka named elsewhere",
	    "# Wards\n\nOn 3 March 2026, from 10:00 to 12:00 BST, lab "
	    "orders failed.\n\nThe hospital in Dhaka lost its orders.\n",
	    "2026-03-03T10:00:00+06:00", "2026-03-03T12:00:00+06:00", "BST");
	expect_window("a plan to store times in UTC",
	    "# Deadlines\n\nOn 19 June 2026, from 14:00 to 16:35 "
	    "(UTC+3), submissions were refused.\n\n## Actions\n\n"
	    "We will store all times in UTC and convert them for display."
	    "\n", "2026-06-19T14:00:00+03:00", "2026-06-19T16:35:00+03:00",
	    "UTC+3");
	/* "local time" keeps the clock of the place the report names,
	 * summer time included; two clocks named leave it unknown */
	expect_window("local time, the place named later",
	    "# Parking\n\nOn 15 July 2026, from 08:00 until 13:40 local "
	    "time, tickets ended an hour early.\n\nThe handhelds think in "
	    "Lisbon time.\n", "2026-07-15T08:00:00+01:00",
	    "2026-07-15T13:40:00+01:00", "local time");
	expect_window("local time in winter, an IANA name",
	    "# Parking\n\nOn 15 January 2026, from 08:00 until 13:40 "
	    "local time, tickets ended early.\n\nThe servers were not "
	    "set to `Europe/Lisbon`.\n", "2026-01-15T08:00:00+00:00",
	    "2026-01-15T13:40:00+00:00", "local time");
	expect_window("local time, two clocks named",
	    "# Parking\n\nOn 15 July 2026, from 08:00 until 13:40 local "
	    "time, tickets from Lisbon and Berlin ended early.\n",
	    "2026-07-15T08:00:00", "2026-07-15T13:40:00", NULL);
	/* a note dated when it was written tells of "yesterday" */
	expect_window("yesterday, under the day of writing",
	    "# Board\n\n## Notes written Thursday, September 17, 2026\n\n"
	    "### Issue summary\n\nYesterday, between 6:05 a.m. and 8:40 "
	    "a.m. Atlantic time, the board would not load on phones.\n",
	    "2026-09-16T06:05:00-03:00", "2026-09-16T08:40:00-03:00",
	    "Atlantic time");
	/* a version in another clause leaves the dotted clock a time */
	expect_window("dotted clock, a version elsewhere in the line",
	    "# Lockers\n\n## Summary\n\nFrom 14.30 to 17.50 EET on "
	    "Wednesday, 18 February 2026, the web version of the app "
	    "froze.\n", "2026-02-18T14:30:00+02:00",
	    "2026-02-18T17:50:00+02:00", "EET");
	expect_window("local time, a person's name is no place",
	    "# Parking\n\nOn 15 July 2026, from 08:00 until 13:40 local "
	    "time, tickets ended early. Charlotte rolled back.\n",
	    "2026-07-15T08:00:00", "2026-07-15T13:40:00", NULL);
}

/* A value struck beside the one that replaced it was taken back:
 * "~~30%~~ 12%", <del> and CriticMarkup's marks.  Struck words without a
 * digit stay, and an item struck whole is done. */
static void
test_struck_values(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	expect_window("a struck end",
	    "# Sales\n\n## Summary\n\nOn Thursday 24 July 2025, from "
	    "13:25 to <del>15:30</del> <ins>16:10</ins> WIB, sellers could "
	    "not list.\n", "2025-07-24T13:25:00+07:00",
	    "2025-07-24T16:10:00+07:00", "WIB");
	expect_window("CriticMarkup's substitution",
	    "# Slots\n\n## Summary\n\nOn Wednesday 12 March 2025, from "
	    "{~~11:40~>11:10~~} to 13:25 IST, slots failed.\n",
	    "2025-03-12T11:10:00+05:30", "2025-03-12T13:25:00+05:30", "IST");
	ingest(&inc, a, &w, "t.md", "# Seats\n\n## Summary\n\nOn Friday "
	    "14 March 2025, from ~~20:10~~ 19:52 to 21:05 CET, seats "
	    "locked.\n\nImpact: ~~about 30%~~ 12% of the buyers.\n\n"
	    "## Timeline\n\n- ~~19:58~~ 19:52 \xe2\x80\x94 Renewal job "
	    "starts.\n- 20:30 \xe2\x80\x94 Job stopped.\n- ~~20:40 "
	    "\xe2\x80\x94 Cache flushed.~~\n\n## Tasks\n\n- [ ] "
	    "~~Rotate the keys~~ Move the job to the night\n- [ ] ~~Add an "
	    "alert~~\n");
	assert_str(inc.start, "2025-03-14T19:52:00+01:00");
	assert_true(inc.impact_percent == 12);
	assert_int_equal(inc.ntimeline, 2);
	assert_str(inc.timeline[0].time, "2025-03-14T19:52:00+01:00");
	assert_int_equal(inc.naction_items, 2);
	assert_str(inc.action_items[0].text,
	    "Rotate the keys Move the job to the night");
	assert_true(inc.action_items[1].done);
	pm_warnings_free(&w);
	pm_arena_free(a);

	a = pm_arena_new();
	ingest(&inc, a, &w, "t.md", "# Slots\n\n## Summary\n\nOn "
	    "Wednesday 12 March 2025, from 11:10 to 13:25 IST, slots "
	    "failed.\n\nImpact: {--38%--}{++9.3%++} of customers.\n");
	assert_true(inc.impact_percent == 9.3);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/*
 * A template's instructions left beside the answers: an italic hint
 * with its example (over a soft break too), a bracketed prompt before a
 * root cause, a task line of prompts.  The examples are no facts; the
 * answers are.  Bracketed tags stay: "[FIRING]", "[TODO] ...".
 */
static void
test_template_hints(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "t.md", "# Bus seats\n\n## Summary\n\n"
	    "_One paragraph: what happened, when (e.g.\n09:00\xe2\x80\x93"
	    "10:30 AST), and how many customers were affected (e.g. 12% of "
	    "users)._\n\nOn Saturday 20 December 2025 the seat map failed "
	    "from 10:15 until 13:00 AST.\n\n**Impact:** _Describe the share "
	    "of users affected, e.g. ~30% of users._ 1,780 of the 8,900 "
	    "customers (20%) could not book.\n\nRoot cause: [Category "
	    "and one sentence.] Human error. A clerk imported last year's "
	    "quota file.\n\n## Timeline\n\n- 10:15 \xe2\x80\x94 [FIRING] "
	    "seat map errors\n- 13:00 \xe2\x80\x94 Release rolled back\n\n"
	    "## Action items\n\n- [ ] [Action] \xe2\x80\x94 [Owner] "
	    "\xe2\x80\x94 [Due date]\n- [ ] Check the quota file's year on "
	    "import\n\n[TODO] Keep last year's files out of the import "
	    "folder.\n");
	assert_str(inc.start, "2025-12-20T10:15:00-04:00");
	assert_str(inc.end, "2025-12-20T13:00:00-04:00");
	assert_true(inc.impact_percent == 20);
	assert_str(inc.root_cause, "Human error. A clerk imported last "
	    "year's quota file.");
	assert_str(inc.category, "human-error");
	assert_int_equal(inc.ntimeline, 2);
	assert_str(inc.timeline[0].text, "[FIRING] seat map errors");
	assert_true(inc.naction_items >= 1);
	assert_str(inc.action_items[inc.naction_items - 1].text,
	    "Check the quota file's year on import");
	pm_warnings_free(&w);
	pm_arena_free(a);

	/* a field with its unit in the label; a template's example line */
	a = pm_arena_new();
	ingest(&inc, a, &w, "t.md", "# Pay\n\n- **Users affected (%):** "
	    "30.2\n\n## Timeline\n\n- 00:00 \xe2\x80\x94 example entry, "
	    "delete me\n- 08:05 \xe2\x80\x94 Payouts start failing\n"
	    "- 10:12 \xe2\x80\x94 A delete meant for tmp/ runs\n");
	assert_true(inc.impact_percent == 30.2);
	assert_int_equal(inc.ntimeline, 2);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* A template's checklist of the write-up is no list of actions; a
 * tracker's "Checklist: Follow-ups" is. */
static void
test_template_checklists(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "t.md", "# Gates\n\n**Template sections**\n\n"
	    "- [x] Issue summary\n- [ ] Lessons learned\n\n## Corrective "
	    "and preventative measures\n\n- [ ] Alert at 150 connections\n"
	    "- [ ] Time out idle scanner connections\n\n## Before "
	    "publishing\n\n- [x] Summary written\n- [ ] Actions have "
	    "owners\n");
	assert_int_equal(inc.naction_items, 2);
	assert_str(inc.action_items[1].text,
	    "Time out idle scanner connections");
	pm_warnings_free(&w);
	pm_arena_free(a);

	a = pm_arena_new();
	ingest(&inc, a, &w, "t.md", "# Booking\n\n## Checklist: Follow-ups "
	    "(1/2)\n\n- [x] Exclude /book from caching\n- [ ] Alert when "
	    "bookings stop\n\n### Checklist\n\n- [x] Reviewed by "
	    "security\n");
	assert_int_equal(inc.naction_items, 2);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* A chart's caption under a timeline tells what the chart shows: no
 * entry, whether it sits under the picture, beside it, or names itself
 * a figure. */
static void
test_figure_captions(void **state)
{
	static const char *const docs[] = {
	    "# Orders\n\n## Timeline (CET)\n\n1. 07:30 Orders hang.\n"
	    "2. 08:45 The update is stopped.\n3. 09:15 Orders flow.\n\n"
	    "![Lock waits, 07:00-10:00](waits.png)\n\n*Waits peaked at 63 "
	    "at 08:30 and fell at 08:46.*\n",
	    "# Orders\n\n## Timeline (CET)\n\n- 07:30 Orders hang.\n"
	    "- 08:45 The update is stopped.\n\n[![Waits](w.png)](w.png)\n"
	    "_Waits peaked at 63 at 08:30._\n\n- 09:15 Orders flow.\n",
	    "# Orders\n\n## Timeline (CET)\n\n**07:30** Orders hang.\n\n"
	    "*Figure 2: waits peaked at 63 at 08:30.*\n\n**08:45** The "
	    "update is stopped.\n\n**09:15** Orders flow.\n",
	};
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	for (size_t i = 0; i < sizeof(docs) / sizeof(*docs); i++) {
		struct pm_arena *a = pm_arena_new();

		ingest(&inc, a, &w, "t.md", docs[i]);
		assert_int_equal(inc.ntimeline, 3);
		assert_str(inc.timeline[2].text, "Orders flow.");
		pm_warnings_free(&w);
		pm_arena_free(a);
	}
}

/* A blog post's byline in italics is no section label, whatever its
 * company's name says ("Harbour Tickets", "Tasks & Co"): the paragraph
 * under it is no action item, and the list further down is. */
static void
test_byline_no_section(void **state)
{
	static const char *const bylines[] = {
	    "*Ana Ruiz, CTO, Harbour Tickets · published 6 November 2025 · "
	    "8 min read*",
	    "_Posted 3 May 2025 by the Tasks team_",
	};
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;
	struct pm_buf doc = PM_BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(bylines) / sizeof(*bylines); i++) {
		struct pm_arena *a = pm_arena_new();

		pm_buf_clear(&doc);
		pm_buf_printf(&doc, "# Seat maps failed in the app\n\n%s\n\n"
		    "Monday's sale went badly for app users.\n\nTo everyone "
		    "who tapped on grey seats: we are sorry.\n\n## What we "
		    "are doing about it\n\n- No releases the day before a "
		    "sale\n- Contract tests between the apps and the seat "
		    "service\n", bylines[i]);
		ingest(&inc, a, &w, "t.md", pm_buf_cstr(&doc));
		assert_int_equal(inc.naction_items, 2);
		assert_str(inc.action_items[0].text,
		    "No releases the day before a sale");
		pm_warnings_free(&w);
		pm_arena_free(a);
	}
	pm_buf_free(&doc);
}

/* The notes of a review meeting open with the meeting's own day and
 * hour: the first range of the document, not the incident's window.  A
 * field of another kind on such a line keeps its value. */
static void
test_meeting_dates_not_window(void **state)
{
	static const char *const headers[] = {
	    "- **When:** Wednesday 8 October 2025, 13:00–14:00 CEST, on a "
	    "video call\n- **Facilitator:** Eva Gruber\n- **Present:** "
	    "Lukas, Anna, Jakob",
	    "**Meeting:** Wednesday 8 October 2025, 13:00–14:00 CEST",
	    "Review meeting: Wednesday 8 October 2025, 13:00–14:00 CEST.",
	    "| Item | Detail |\n|---|---|\n| Meeting | Wednesday 8 October "
	    "2025, 13:00–14:00 CEST |\n| Chair | Eva Gruber |",
	    "Postmortem review held Wednesday 8 October 2025, 13:00–14:00 "
	    "CEST, Room 2",
	};
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;
	struct pm_buf doc = PM_BUF_INIT;
	struct pm_arena *a;

	(void)state;
	for (size_t i = 0; i < sizeof(headers) / sizeof(*headers); i++) {
		pm_buf_clear(&doc);
		pm_buf_printf(&doc, "# Season passes refused — review "
		    "notes\n\n%s\n\n## What happened\n\nAgreed in the "
		    "meeting: passes were refused on Saturday 4 October from "
		    "07:45 to 10:05 CEST.\n", headers[i]);
		expect_window(headers[i], pm_buf_cstr(&doc),
		    "2025-10-04T07:45:00+02:00", "2025-10-04T10:05:00+02:00",
		    "CEST");
	}
	a = pm_arena_new();
	ingest(&inc, a, &w, "t.md", "# Routers\n\nSeverity: S1 · Network "
	    "Operations · Review held 18 February 2025\n\nFrom 09:10 to "
	    "09:55 UTC on 11 February 2025 the routers dropped traffic.\n");
	assert_str(inc.severity, "S1");
	assert_str(inc.start, "2025-02-11T09:10:00+00:00");
	pm_warnings_free(&w);
	pm_arena_free(a);
	pm_buf_free(&doc);
}

/* Between the entries of a timeline walked through in a review, the
 * note-taker's remarks on the meeting itself are no entries. */
static void
test_meeting_remarks_not_entries(void **state)
{
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_arena *a = pm_arena_new();
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "t.md", "# Gate readers — review notes\n\n"
	    "## Timeline walk-through\n\n"
	    "- 06:20 — Readers at the north gate stop answering.\n"
	    "- 06:45 — Sari rolls back the badge app.\n\n"
	    "*10:20 — walk-through paused; moved to item 3 early.*\n\n"
	    "(10:35 — timebox for item 2 reached; five more minutes.)\n\n"
	    "- 07:30 — The gate server's disk is found failed.\n"
	    "- 08:35 — Spare server in; readers answer again.\n\n"
	    "Marek's note: at 10:50 Jana asked to jump ahead.\n\n"
	    "Note (Ito): at 11:05 the group took a break.\n\n"
	    "## Root cause\n\nThe server's only disk failed.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[3].text, "Spare server in; readers answer "
	    "again.");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* A zone named in an action item is work to do, not the report's
 * clock. */
static void
test_zone_in_action_item(void **state)
{
	(void)state;
	expect_window("a task names a zone",
	    "# Listings\n\n**When:** 10 July 2025, 10:20 to 11:35, Paraguay "
	    "time (UTC-3)\n"
	    "\n## Action items\n\n- [ ] Set the monitoring time zone to "
	    "America/Asuncion\n", "2025-07-10T10:20:00-03:00",
	    "2025-07-10T11:35:00-03:00", "UTC-3");
}

/* A page's "Last updated" time is no point of the window, and a
 * timeline row dated days before the incident, with no time, is an
 * event of its day, not a heading over the times after it. */
static void
test_updated_line_and_earlier_event_row(void **state)
{
	(void)state;
	expect_window("an update line and an earlier day's row",
	    "# Key boxes\n\n*Last updated: Tuesday 5 August 2025, 16:00. "
	    "All times are UTC+2.*\n\n## Summary\n\nOn Saturday 2 August "
	    "2025 the door codes stopped working.\n\n## Timeline\n\n"
	    "| Time | Event |\n| --- | --- |\n"
	    "| Wed 30 Jul | A script with our key is published. |\n"
	    "| 14:00 | Codes changed. Impact begins. |\n"
	    "| 17:35 | Last guest in. Impact ends. |\n",
	    "2025-08-02T14:00:00+02:00", "2025-08-02T17:35:00+02:00", NULL);
}

/* A summary kept after it was replaced ("superseded") says nothing,
 * and a note in italics under it opens no section of its own. */
static void
test_superseded_summary(void **state)
{
	(void)state;
	expect_window("a superseded summary first",
	    "# Tours\n\n## Original summary (11 December 2025, "
	    "superseded)\n\n*Kept for the record. Its times were wrong; "
	    "see the revised summary below.*\n\nFrom 11:40 to 12:45 GMT on "
	    "Tuesday 9 December 2025, payments failed.\n\n## Issue summary "
	    "(revised)\n\nOn Tuesday 9 December 2025, from 11:15 to 13:00 "
	    "GMT, payments failed.\n", "2025-12-09T11:15:00+00:00",
	    "2025-12-09T13:00:00+00:00", "GMT");
	expect_window("a numbered label is still a section",
	    "# Tours\n\n**1. Issue summary**\n\nOn Tuesday 9 December "
	    "2025, from 11:15 to 13:00 GMT, payments failed.\n",
	    "2025-12-09T11:15:00+00:00", "2025-12-09T13:00:00+00:00", "GMT");
}

/* A summary left as first written and corrected further down: the
 * correction names the clock it replaces, or the point it moves; the
 * last one wins. */
static void
test_corrections_later(void **state)
{
	(void)state;
	expect_window("began at, not",
	    "# Gates\n\n## Issue summary\n\nOn Saturday 27 September 2025, "
	    "from 18:20 to 19:45 EEST, the app failed.\n\n> **Correction, "
	    "2 October 2025:** the outage began at 18:05 EEST, not 18:20 as "
	    "first written.\n", "2025-09-27T18:05:00+03:00",
	    "2025-09-27T19:45:00+03:00", "EEST");
	expect_window("should read, in an errata list",
	    "# Parts\n\n## Issue summary\n\nOn Saturday, July 19, 2025, "
	    "from 9:15 p.m. to 11:30 p.m. CST, fraudulent orders went "
	    "through.\n\n## Errata\n\n- **Erratum 1.** In the issue "
	    "summary, \"from 9:15 p.m.\" should read \"from 8:45 p.m.\".\n",
	    "2025-07-19T20:45:00-06:00", "2025-07-19T23:30:00-06:00", "CST");
	expect_window("two updates move the end",
	    "# Portal\n\n## Summary\n\nOn Tuesday 4 November 2025, from "
	    "09:10 to 11:05 CST, the portal failed.\n\n> **Update, 12 "
	    "November.** We moved the end to 11:40.\n\n> **Update, 19 "
	    "November.** We now count the window to **12:20**.\n",
	    "2025-11-04T09:10:00-06:00", "2025-11-04T12:20:00-06:00", "CST");
	expect_window("an update's other clock moves nothing",
	    "# Portal\n\n## Summary\n\nOn Tuesday 4 November 2025, from "
	    "09:10 to 11:05 CST, the portal failed.\n\n> **Update:** the "
	    "vendor's patch landed at 14:00, not 13:30.\n",
	    "2025-11-04T09:10:00-06:00", "2025-11-04T11:05:00-06:00", "CST");
}

/* "IST (Irish Standard Time)" defines the abbreviation, which stays the
 * zone, at the offset the definition gives. */
/* A start given roughly, then settled by the writer; a range that is
 * the doubt about the start is not the window. */
static void
test_settled_start(void **state)
{
	(void)state;
	expect_window("put the start at",
	    "# Scales\n\n## Summary\n\nOn Saturday 12 July 2025, from a "
	    "little after noon until about 15:30 AKDT, the scale app refused "
	    "loads. We put the start at 12:05, the first refusal; the end is "
	    "15:30.\n", "2025-07-12T12:05:00-08:00",
	    "2025-07-12T15:30:00-08:00", "AKDT");
	expect_window("on the start, a paragraph later",
	    "# Float\n\n## Summary\n\nFrom just before midnight on "
	    "Friday 31 October 2025 until 02:40 on Saturday 1 November "
	    "(EAT), agents could not top up.\n\nOn the start: the graph "
	    "shows the first failure in the 23:50 bar. We use 23:55, the "
	    "middle of the bar.\n", "2025-10-31T23:55:00+03:00",
	    "2025-11-01T02:40:00+03:00", "EAT");
	expect_window("the doubt about the start, then the end",
	    "# Berths\n\n## Summary\n\nOn Thursday 10 July 2025 the "
	    "berth app could not reach the office. The start lies between "
	    "10:07 and 10:10 CEST (the logs disagree); we take 10:05, the "
	    "earlier, as the firewall clock is slow. It ended at 12:40 "
	    "CEST.\n", "2025-07-10T10:05:00+02:00",
	    "2025-07-10T12:40:00+02:00", "CEST");
	expect_window("a log's time in brackets",
	    "# Bids\n\n## Summary\n\nOn Monday, July 28, 2025, shortly "
	    "after the 10:30 sale began (10:34 CDT by the bid log), bids "
	    "froze. It lasted until 12:09 CDT.\n",
	    "2025-07-28T10:34:00-05:00", "2025-07-28T12:09:00-05:00", "CDT");
	expect_window("another zone's clock in brackets is no log's",
	    "# Bids\n\n## Summary\n\nOn Monday, July 28, 2025, from "
	    "10:30 CDT (11:30 on the New York clock) until 12:09 CDT, bids "
	    "froze.\n",
	    "2025-07-28T10:30:00-05:00", "2025-07-28T12:09:00-05:00", "CDT");
	expect_window("the local window beside a template's UTC one",
	    "# Orders\n\n## Issue summary\n\n- Window (UTC, as the group "
	    "template asks): 03:10 to 05:40 UTC, Sunday 9 March 2025\n"
	    "- Incident time zone: JST (UTC+9)\n- Local window: 12:10 to "
	    "14:40 JST, 2 hours 30 minutes\n\nOrders failed.\n",
	    "2025-03-09T12:10:00+09:00", "2025-03-09T14:40:00+09:00", "JST");
	/* a clause of what happened at the dated start, then the end */
	expect_window("a when clause between the ends",
	    "# Keys\n\n## Summary\n\nThe window is the exposure: from "
	    "16:12 CET on Tuesday 4 February 2025, when the commit was "
	    "pushed, to 10:40 CET on Saturday 15 February 2025, when we "
	    "revoked the key.\n\n## Timeline\n\n- Mon 17 Feb, 14:00 \xe2"
	    "\x80\x94 Notification sent.\n",
	    "2025-02-04T16:12:00+01:00", "2025-02-15T10:40:00+01:00", "CET");
	/* another clock of the day, far from the start, settles nothing */
	expect_window("a clock far from the start",
	    "# Reports\n\n## Summary\n\nOn 3 March 2025, from 09:10 to "
	    "10:20 UTC, reports failed. For the start of the report run we "
	    "use 18:00.\n", "2025-03-03T09:10:00+00:00",
	    "2025-03-03T10:20:00+00:00", "UTC");
}

static void
test_abbreviation_defined_after(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "2024-07-09-booking.md",
	    "# Booking\n\nBetween 11:05 and 13:50 IST (Irish Standard Time) "
	    "on Tuesday 9 July 2024, guests could not book.\n");
	assert_str(inc.timezone, "IST");
	assert_str(inc.start, "2024-07-09T11:05:00+01:00");
	/* AMT is Armenia's unless the report says it is Amazon's */
	ingest(&inc, a, &w, "t.md", "# Loyalty\n\nOn Friday 14 February "
	    "2025, from 19:20 to 22:50 AMT (Armenia Time, UTC+4), points "
	    "were spent.\n");
	assert_str(inc.timezone, "AMT");
	assert_str(inc.start, "2025-02-14T19:20:00+04:00");
	ingest(&inc, a, &w, "t.md", "# Loyalty\n\nOn Friday 14 February "
	    "2025, from 19:20 to 22:50 AMT (Amazon Time, UTC-4), points "
	    "were spent.\n");
	assert_str(inc.start, "2025-02-14T19:20:00-04:00");
	/* the zone written as a name, the times with its abbreviation */
	ingest(&inc, a, &w, "t.md", "# Gates\n\nAll times are Irish "
	    "Standard Time (IST, UTC+1), the time at the course.\n\n"
	    "**Start:** 12:35 IST, Saturday 2 August 2025\n\n**End:** 14:05 "
	    "IST\n");
	assert_str(inc.start, "2025-08-02T12:35:00+01:00");
	assert_str(inc.end, "2025-08-02T14:05:00+01:00");
	/* no zone for the document; the window's line defines its own */
	ingest(&inc, a, &w, "t.md", "# Queue\n\n**Window:** 17:30 to 19:45 "
	    "CST, Wednesday 31 December 2025. CST in this report is China "
	    "Standard Time (Beijing time, UTC+8).\n");
	assert_str(inc.start, "2025-12-31T17:30:00+08:00");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* Incident tools' names for the window; "start" and "end" win. */
static void
test_front_matter_window_aliases(void **state)
{
	static const char *const docs[] = {
		"---\ntitle: Feed\nimpact_start: 2024-07-18T14:02:00-07:00\n"
		"impact_end: 2024-07-18T15:31:00-07:00\n---\n# Feed\n\n"
		"From 14:00 to 15:30 PDT the feed was stale.\n",
		"---\ntitle: Feed\nstarted_at: 2024-07-18T10:00:00-07:00\n"
		"start: 2024-07-18T14:02:00-07:00\n"
		"end_time: 2024-07-18T15:31:00-07:00\n---\n# Feed\n",
		"---\ntitle: Feed\nstart: 2024-07-18T14:02:00-07:00\n"
		"started_at: 2024-07-18T10:00:00-07:00\n"
		"ended: 2024-07-18T15:31:00-07:00\n---\n# Feed\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++)
		expect_window(docs[i], docs[i], "2024-07-18T14:02:00-07:00",
		    "2024-07-18T15:31:00-07:00", NULL);
}

/* Front matter's impact text gives the share before the prose does. */
static void
test_front_matter_impact_share(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "2025-01-27-tv.md",
	    "---\n"
	    "title: TV playback\n"
	    "impact: \"15% of viewers\"\n"
	    "---\n"
	    "# TV playback\n\n"
	    "Roughly one in ten of our viewers could not play anything.\n");
	assert_str(inc.impact, "15% of viewers");
	assert_true(fabs(inc.impact_percent - 15) < 1e-9);
	pm_warnings_free(&w);
	pm_arena_free(a);
	/* and a share under an incident tool's name wins over the prose */
	a = pm_arena_new();
	ingest(&inc, a, &w, "2024-09-16-android.md",
	    "---\ntitle: Android uploads\nusers_affected_percent: 24\n---\n"
	    "# Android uploads\n\nAround a fifth of Android users could "
	    "not upload.\n");
	assert_true(fabs(inc.impact_percent - 24) < 1e-9);
	pm_warnings_free(&w);
	pm_arena_free(a);
	/* a bare percentage is the share */
	a = pm_arena_new();
	ingest(&inc, a, &w, "2024-10-02-ebooks.md",
	    "---\ntitle: E-book loans\nimpact: 22%\n---\n# E-book loans\n\n"
	    "About a third of patrons could not borrow.\n");
	assert_true(fabs(inc.impact_percent - 22) < 1e-9);
	pm_warnings_free(&w);
	pm_arena_free(a);
	/* "users_affected" written as a percentage is the share; as a
	 * count it is not, and it is no error either */
	a = pm_arena_new();
	ingest(&inc, a, &w, "2025-11-18-tills.md",
	    "---\ntitle: Tills offline\nusers_affected: \"35%\"\n---\n"
	    "# Tills offline\n\nAbout a third of our merchants had a "
	    "terminal offline.\n");
	assert_true(fabs(inc.impact_percent - 35) < 1e-9);
	pm_warnings_free(&w);
	pm_arena_free(a);
	a = pm_arena_new();
	ingest(&inc, a, &w, "2025-11-18-tills.md",
	    "---\ntitle: Tills offline\nusers_affected: 1200\n---\n"
	    "# Tills offline\n\nAbout a third of our merchants had a "
	    "terminal offline.\n");
	assert_true(fabs(inc.impact_percent - 100.0 / 3) < 0.5);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slash_date_order),
		cmocka_unit_test(test_window_the_writer_counts),
		cmocka_unit_test(test_typed_numbered_items),
		cmocka_unit_test(test_nordic_clock_entries),
		cmocka_unit_test(test_weekday_led_entries),
		cmocka_unit_test(test_rough_time_entries),
		cmocka_unit_test(test_rough_time_rows),
		cmocka_unit_test(test_elapsed_restated_entries),
		cmocka_unit_test(test_weekday_range_over_night),
		cmocka_unit_test(test_day_alone_before_other_dates),
		cmocka_unit_test(test_day_month_dots_entry),
		cmocka_unit_test(test_time_led_paragraphs),
		cmocka_unit_test(test_chat_paste_in_code_block),
		cmocka_unit_test(test_t_plus_entries),
		cmocka_unit_test(test_night_of),
		cmocka_unit_test(test_night_under_front_matter_and_clock_change),
		cmocka_unit_test(test_plain_text_report),
		cmocka_unit_test(test_cause_was_sentence),
		cmocka_unit_test(test_cause_field_among_others),
		cmocka_unit_test(test_share_none_could),
		cmocka_unit_test(test_share_bound_and_restated),
		cmocka_unit_test(test_share_of_ours),
		cmocka_unit_test(test_share_of_their_and_of_all),
		cmocka_unit_test(test_share_of_people_by_their_name),
		cmocka_unit_test(test_whole_not_affected),
		cmocka_unit_test(test_share_of_joined_modifiers),
		cmocka_unit_test(test_share_of_them_and_of_people),
		cmocka_unit_test(test_share_of_them_counted),
		cmocka_unit_test(test_share_said_otherwise),
		cmocka_unit_test(test_share_people_first),
		cmocka_unit_test(test_share_counts_written_otherwise),
		cmocka_unit_test(test_share_counts_and_number_words),
		cmocka_unit_test(test_title_heading_with_section_word),
		cmocka_unit_test(test_title_first_field),
		cmocka_unit_test(test_zone_as_named),
		cmocka_unit_test(test_zone_beside_window),
		cmocka_unit_test(test_share_maintenance_page),
		cmocka_unit_test(test_time_last_entries),
		cmocka_unit_test(test_share_fraction_of_people),
		cmocka_unit_test(test_share_everyone_who_and_wholes),
		cmocka_unit_test(test_share_peak_and_total_row),
		cmocka_unit_test(test_share_who_and_ratio_of_people),
		cmocka_unit_test(test_share_workers_at_work),
		cmocka_unit_test(test_share_percent_words),
		cmocka_unit_test(test_window_counted_people),
		cmocka_unit_test(test_abbreviation_defined_after),
		cmocka_unit_test(test_settled_start),
		cmocka_unit_test(test_struck_values),
		cmocka_unit_test(test_template_hints),
		cmocka_unit_test(test_template_checklists),
		cmocka_unit_test(test_figure_captions),
		cmocka_unit_test(test_byline_no_section),
		cmocka_unit_test(test_meeting_dates_not_window),
		cmocka_unit_test(test_meeting_remarks_not_entries),
		cmocka_unit_test(test_share_counted_beats_guessed),
		cmocka_unit_test(test_superseded_summary),
		cmocka_unit_test(test_zone_in_action_item),
		cmocka_unit_test(test_updated_line_and_earlier_event_row),
		cmocka_unit_test(test_corrections_later),
		cmocka_unit_test(test_front_matter_window_aliases),
		cmocka_unit_test(test_front_matter_impact_share),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("extract_forms", tests, NULL, NULL);
}
