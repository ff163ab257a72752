/*
 * check_extract_decks.c: postmortems presented as slide decks, the forms
 * of the sixty-second blind set, and the counts they share with other
 * short writing: a whole counted on one slide line and "N of them" on
 * the next.
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

/* The share of doc is want, to a tenth (a NAN never is). */
static void
expect_share(const char *doc, double want)
{
	double got = share_of(doc);

	if (isnan(got) || fabs(got - want) > 0.05)
		fail_msg("share %g, want %g", got, want);
}

/* "N of them" divides the count of the sentence or the line before it;
 * the writer's percentage is the share when it agrees with the counts. */
static void
test_part_of_count_before(void **state)
{
	(void)state;
	/* two slide lines, the whole bold on the first */
	expect_share(
	    "# Yard queue\n\n"
	    "On 3 May 2025 from 07:00 to 10:00 UTC receipts failed.\n\n"
	    "## By the numbers\n\n"
	    "**320** growers brought hazelnuts to the yard that morning.\n\n"
	    "**96** of them, 30%, waited more than an hour.\n", 30);
	/* the whole eleven shops is not more than the part: the farmers */
	expect_share(
	    "# Vouchers\n\n"
	    "On 2 June 2025 from 08:00 to 15:20 UTC vouchers failed.\n\n"
	    "## How many farmers\n\n"
	    "**4,600** farmers came to our eleven shops on Monday.\n\n"
	    "**1,150** of them were turned away at least once.\n", 25);
	/* sentences of one paragraph, the whole two sentences back */
	expect_share(
	    "# Cars\n\n"
	    "On 3 May 2025 from 06:00 to 09:40 UTC the counter failed.\n\n"
	    "## Impact\n\n"
	    "310 customers had a pickup booked between 6:00 and 9:40 a.m. "
	    "We gave cars on paper to those who could show a confirmation, "
	    "but 94 of them waited more than 45 minutes (30.3%).\n", 30.3);
	/* no "of them": the part opens its line and the writer's share
	 * agrees with the counts */
	expect_share(
	    "# The gallery's shop\n\n"
	    "On 5 April 2025 from 09:30 to 12:05 AEST the shop failed.\n\n"
	    "### The visitors\n\n"
	    "**1,580** people tried to buy tickets online in that window\n\n"
	    "**410** could not complete a purchase \xe2\x80\x94 **25.9%**\n",
	    25.9);
}

/* Not a share of all: a part of the harmed ones, a part of a share the
 * line before gave, and "38 of them" after another count in its own
 * sentence. */
static void
test_part_of_the_harm(void **state)
{
	(void)state;
	assert_true(isnan(share_of(
	    "# Deposits\n\n"
	    "On 3 May 2025 from 06:00 to 09:40 UTC accounts were taken.\n\n"
	    "## Impact\n\n"
	    "61 of the 9,150 farm workers paid through our app had their "
	    "deposit account changed. For 23 of them the change came "
	    "before the pay file went out.\n")));
	assert_true(isnan(share_of(
	    "# Reminders\n\n"
	    "On 3 May 2025 from 14:00 to 16:40 UTC reminders stopped.\n\n"
	    "## Impact\n\n"
	    "12,904 scheduled reminders were removed. 1,412 reminders due "
	    "that afternoon were sent late, and 38 of them were never sent "
	    "at all.\n")));
}

/* The title of a body written through the real pipeline is want. */
static void
expect_title(const char *doc, const char *want)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	ingest(&inc, a, &w, "untitled-deck.md", doc);
	assert_str(inc.title, want);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* A deck's title: the first heading under remark's slide settings, the
 * first of a deck whose slides are all "###", and pandoc's "% Title". */
static void
test_deck_titles(void **state)
{
	(void)state;
	expect_title("layout: true\n.footer[River Shuttle \xc2\xb7 review]\n\n"
	    "---\n\nclass: center, middle\n\n"
	    "# Scanners refusing good tickets, 27 December\n\n"
	    "River Shuttle Co.\n\n---\n\n# What happened\n\n"
	    "From 08:10 to 11:40 UTC the scanners refused tickets.\n",
	    "Scanners refusing good tickets, 27 December");
	expect_title("### Tickets that wouldn't sell: Sunday 5 April\n\n"
	    "Regional Art Gallery\n\n----\n\n### What happened\n\n"
	    "From 10:00 to 12:10 AEST the shop sold nothing.\n\n----\n\n"
	    "### Next steps\n\n- Test the form\n",
	    "Tickets that wouldn't sell: Sunday 5 April");
	expect_title("% Orders stuck during the stock count\n"
	    "% Ximena Ortega\n% Review, 16 June 2025\n\n# What happened\n\n"
	    "From 11:30 to 13:10 the shop hung.\n",
	    "Orders stuck during the stock count");
}

/*
 * A slide's bullets tell the story: the release "went live at 6:05 pm",
 * then "From 6:20 pm customers could not choose a seat".  The harm's
 * onset is the start, in bullets as in one paragraph; "From 7:00 pm we
 * ..." is the response and is not.  "Desks back on the system at 20:45"
 * ends the window, not the timeline's last row; "Fixed after midnight:
 * orders accepted again from 00:40" ends it at 00:40, and "just after 5
 * (17:10)" at 17:10.
 */
static void
test_onset_in_bullets(void **state)
{
	static const char *const docs[][3] = {
		{ "- Release 4.0 went live at 6:05 pm on Friday 19 December "
		  "2025\n- From **6:20 pm** customers could not choose a "
		  "seat\n- Rolled back; booking normal again at **9:05 pm**\n\n"
		  "All times EAT.\n", "2025-12-19T18:20:00+03:00",
		  "2025-12-19T21:05:00+03:00" },
		{ "- Release 4.0 went live at 6:05 pm on Friday 19 December "
		  "2025\n- From 6:20 pm we watched the error rate\n"
		  "- Booking normal again at 9:05 pm\n\nAll times EAT.\n",
		  "2025-12-19T18:05:00+03:00", "2025-12-19T21:05:00+03:00" },
		{ "- **Friday 19 December 2025**, evening departures\n"
		  "- From **18:20** the desks could not reach the airline\n"
		  "- Desks back on the system at **20:45**\n- All times EAT\n"
		  "\n## Timeline\n\n| Time | What |\n|---|---|\n"
		  "| 18:20 | Desks fail |\n| 20:45 | Desks back |\n"
		  "| 21:30 | Managers briefed |\n",
		  "2025-12-19T18:20:00+03:00", "2025-12-19T20:45:00+03:00" },
		{ "- **Thursday 11 September 2025**, the night before the "
		  "ship\n- From **21:30** the order form refused big orders\n"
		  "- Fixed after midnight: orders accepted again from **00:40 "
		  "on Friday 12 September**\n- All times CKT (Cook Islands "
		  "Time, UTC\xe2\x88\x92" "10)\n",
		  "2025-09-11T21:30:00-10:00", "2025-09-12T00:40:00-10:00" },
		{ "- Tuesday 3 March 2026, all times BRT\n- From 14:05 the "
		  "install script failed\n- It recovered just after 5 "
		  "(17:10)\n",
		  "2026-03-03T14:05:00-03:00", "2026-03-03T17:10:00-03:00" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_warnings w = PM_WARNINGS_INIT;
		struct pm_incident inc;
		char doc[768];

		snprintf(doc, sizeof(doc), "# Seat maps empty\n\n"
		    "## What happened\n\n%s", docs[i][0]);
		ingest(&inc, a, &w, "deck.md", doc);
		assert_non_null(inc.start);
		assert_string_equal(inc.start, docs[i][1]);
		assert_non_null(inc.end);
		assert_string_equal(inc.end, docs[i][2]);
		pm_warnings_free(&w);
		pm_arena_free(a);
	}
}

/*
 * "- **17:40 → 20:15 KST**: riders could not unlock a bike" among
 * bullets that are not times: the window, not a step of a timeline.
 */
static void
test_window_bullet(void **state)
{
	static const char *const seps[] = { "\xe2\x86\x92", "-", "to" };

	(void)state;
	for (size_t i = 0; i < sizeof(seps) / sizeof(seps[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_warnings w = PM_WARNINGS_INIT;
		struct pm_incident inc;
		char doc[768];

		snprintf(doc, sizeof(doc), "# Bikes relocked\n\n"
		    "## In short\n\n- Friday 5 September 2025, evening rush\n"
		    "- **17:40 %s 20:15 KST**: riders could not unlock a "
		    "bike\n- Severity: SEV2\n\n## Timeline\n\n"
		    "- 17:20 rush begins\n- 17:40 first relocked bikes\n"
		    "- 20:15 unlocks normal\n", seps[i]);
		ingest(&inc, a, &w, "deck.md", doc);
		assert_non_null(inc.start);
		assert_string_equal(inc.start, "2025-09-05T17:40:00+09:00");
		assert_non_null(inc.end);
		assert_string_equal(inc.end, "2025-09-05T20:15:00+09:00");
		pm_warnings_free(&w);
		pm_arena_free(a);
	}
}

/*
 * A sentence that is a zone and little else: a few words naming it, its
 * short name perhaps, and its offset from UTC or GMT.  Not when it says
 * where a place is.
 */
static void
test_zone_sentences(void **state)
{
	(void)state;
	expect_window("a line alone",
	    "# Certificate\n\n## What happened\n\n"
	    "- **Sunday 5 October 2025**, from **11:15 to 14:40**\n"
	    "- The booking pages warned every visitor\n\n"
	    "Heure du Maroc, GMT+1.\n",
	    "2025-10-05T11:15:00+01:00", "2025-10-05T14:40:00+01:00",
	    "GMT+1");
	expect_window("a list item",
	    "# Stock count\n\n- Wednesday 11 June 2025\n"
	    "- Hora del centro, GMT-6\n\n# What happened\n\n"
	    "Checkout hung from 11:30 to 13:10.\n",
	    "2025-06-11T11:30:00-06:00", "2025-06-11T13:10:00-06:00",
	    "GMT-6");
	expect_window("its short name before",
	    "# Weighbridge\n\n## What happened\n\n"
	    "- Tuesday 26 August 2025\n"
	    "- From **08:30** to **12:10** no receipt was printed\n\n"
	    "Notes: Saatler TRT, UTC+3. Remind people of the queue.\n",
	    "2025-08-26T08:30:00+03:00", "2025-08-26T12:10:00+03:00",
	    "TRT");
	expect_window("a place's offset is no clock",
	    "# Payments\n\nHalf the team is remote. Bishkek is UTC+6.\n\n"
	    "## Timeline (UTC)\n\n- 04:00 Cards refused\n"
	    "- 07:30 Cards accepted\n",
	    NULL, NULL, "UTC");
}

/* A nation's time keeps its summer time: 01:30 to 04:10 on the night
 * Denmark's clocks went forward is 100 minutes, not 160. */
static void
test_nations_time(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "t.md", "# The hour that was not there\n\n"
	    "From **01:30** to **04:10** on **Sunday 29 March 2026** no "
	    "car was assigned.\n\n"
	    "All times are Danish time.\n");
	assert_str(inc.timezone, "Danish time");
	assert_str(inc.start, "2026-03-29T01:30:00+01:00");
	assert_str(inc.end, "2026-03-29T04:10:00+02:00");
	assert_int_equal(inc.duration_minutes, 100);
	pm_warnings_free(&w);
	pm_arena_free(a);
	expect_window("a nation's local time",
	    "# Appointments\n\nAll times are Czech local time.\n\n"
	    "From 08:00 to 09:30 on 3 June 2025 the list was empty.\n",
	    "2025-06-03T08:00:00+02:00", "2025-06-03T09:30:00+02:00",
	    "Czech local time");
}

/*
 * A slide's figure as a heading, and the line under it saying what it
 * counts: one sentence.  A clock as a heading stays an entry's time.
 */
static void
test_big_numbers(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	expect_share("# Bookings\n\nOn 3 May 2025 from 09:10 to 11:35 UTC "
	    "the site failed.\n\n---\n\n## By the numbers\n\n## 4,900\n"
	    "people tried to book between 09:10 and 11:35\n\n## 1,260\n"
	    "of them got an error page or gave up (25.7%)\n\n## 2 h 25 min\n"
	    "of a slow or broken site\n", 25.7);
	expect_share("# Offer night\n\nOn 3 May 2025 from 19:30 to 22:10 "
	    "IST orders failed.\n\n***\n\n## Who was hit\n\n"
	    "# 2 out of every 5\n\nretailers who opened the app during the "
	    "offer could not place their order\n", 40);
	expect_share("# Embarkation\n\nOn 3 May 2025 from 13:10 to 16:00 "
	    "UTC check-in failed.\n\n## Three quarters\n\nof the passengers "
	    "embarking that afternoon: **135 of 180** waited more than an "
	    "hour.\n\n## Not the impact\n\n- Ship at 96% of berths\n"
	    "- 100% of passengers' medical forms were in before the day\n",
	    75);
	ingest(&inc, a, &w, "t.md", "# Night\n\nOn 3 May 2025 the feed "
	    "stopped.\n\n## Timeline\n\n### 14.05\n\nthe alert fires\n\n"
	    "### 14.20\n\nthe feed is restarted\n");
	assert_int_equal(inc.ntimeline, 2);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* "Who was hit" heads the impact: its share beats a "nobody could pay"
 * of the summary, which speaks of those who tried. */
static void
test_who_was_hit(void **state)
{
	(void)state;
	expect_share("# Certificate\n\n# What happened\n\n"
	    "- Sunday 5 October 2025, from 11:15 to 14:40 UTC\n"
	    "- Most guests closed the page; nobody could pay online\n\n"
	    "---\n\n# Who was hit\n\nOne visitor in five goes on from the "
	    "riad pages to book: those were the people hit.\n", 20);
	/* figures set apart from the harm by their label or heading */
	expect_share("# Shop\n\n# What happened\n\n- From 11:30 to 13:10 on "
	    "11 June 2025 the checkout hung\n\n# Who was hit\n\n"
	    "**180** customers reached the checkout in that window.\n\n"
	    "**47** of them could not pay and left: 26.1%.\n\n::: notes\n"
	    "Not the impact: the count was \"at 40%\" when we stopped it; "
	    "about 60% of our customers live in the United States.\n:::\n",
	    26.1);
	expect_share("# Top-ups\n\nOn 3 May 2025 from 07:10 to 09:40 EEST "
	    "top-ups failed.\n\n## Other numbers (not the impact)\n\n"
	    "- 80% of riders pay by card\n\n## Riders\n\n"
	    "About a quarter of the riders who tried were refused.\n", 25);
}

/* A count's share is the writer's figure when one written beside it
 * agrees to half a point: 3,150 of 11,800 is 26.69, written 26.7. */
static void
test_writers_rounding(void **state)
{
	(void)state;
	expect_share("# Bikes\n\nOn 3 May 2025 from 17:40 to 20:15 KST "
	    "unlocks failed.\n\n## Impact\n\n3,150 of the 11,800 riders who "
	    "tried to unlock a bike in the window failed at least once "
	    "(26.7%).\n", 26.7);
	expect_share("# Tickets\n\nOn 3 May 2025 from 18:20 to 21:05 EAT "
	    "booking failed.\n\n## Impact\n\n2,300 customers tried to book "
	    "in those hours, and 640 of them could not finish (about "
	    "27.8%).\n", 27.8);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_part_of_count_before),
		cmocka_unit_test(test_part_of_the_harm),
		cmocka_unit_test(test_deck_titles),
		cmocka_unit_test(test_zone_sentences),
		cmocka_unit_test(test_nations_time),
		cmocka_unit_test(test_big_numbers),
		cmocka_unit_test(test_writers_rounding),
		cmocka_unit_test(test_who_was_hit),
		cmocka_unit_test(test_onset_in_bullets),
		cmocka_unit_test(test_window_bullet),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("extract_decks", tests, NULL,
	    NULL);
}
