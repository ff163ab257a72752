/*
 * check_extract_stories.c: postmortems told as a story, the forms of the
 * sixtieth blind set: actions as "We will" sentences of a paragraph,
 * lists introduced by "Next steps, agreed with ...:", tasks typed as
 * paragraphs of one shape with the writer's thanks after them, and the
 * plain headings such stories use ("Changes", "What we do now:").
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

/* Two or more "We will" sentences in a paragraph are the actions, one
 * to a sentence; "We will continue to monitor" promises nothing. */
static void
test_we_will_sentences(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# The ferry site on Saturday\n\n"
	    "On Saturday 7 March 2026, from 09:10 to 10:40 CET, nobody "
	    "could buy a crossing. We will publish the full story next "
	    "week.\n\n"
	    "It was an import that left every crossing with no seats.\n\n"
	    "The board met on Monday. We will check the seat counts after "
	    "every import. We'll alert the office when a day has no seats "
	    "for sale.\nWe will continue to monitor the imports. We are "
	    "going to keep a printed list at the pier.\n\n"
	    "Thank you all.\n");
	assert_int_equal(inc.naction_items, 3);
	assert_string_equal(inc.action_items[0].text,
	    "We will check the seat counts after every import.");
	assert_true(strncmp(inc.action_items[1].text, "We'll alert", 11) == 0);
	assert_string_equal(inc.action_items[2].text,
	    "We are going to keep a printed list at the pier.");
	pm_arena_free(a);

	/* one promise in passing is no list of actions */
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# The ferry site on Saturday\n\n"
	    "On Saturday 7 March 2026, from 09:10 to 10:40 CET, nobody "
	    "could buy a crossing. We will publish the full story next "
	    "week. The import is fixed.\n");
	assert_int_equal(inc.naction_items, 0);
	pm_arena_free(a);
}

/* "Next steps, agreed at the meeting on Wednesday:" heads the task
 * list, whose items are the paragraphs after it. */
static void
test_next_steps_with_clause(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "Room prices gone wrong, Monday 15 September 2025\n\n"
	    "From 14:00 to 17:20 KST every room showed as full.\n\n"
	    "Next steps, agreed at the owners' meeting on Wednesday:\n\n"
	    "First, a fixed price sheet whose columns cannot move. Mina, "
	    "by 1 October.\n\n"
	    "Second, every bulk update is checked by a second person. From "
	    "now.\n");
	assert_int_equal(inc.naction_items, 2);
	assert_true(strncmp(inc.action_items[1].text, "Second,", 7) == 0);
	pm_arena_free(a);
}

/* Tasks typed as paragraphs of one shape ("Name — task", "Name: task",
 * "... Responsible: Name."): a last paragraph of another shape is the
 * writer signing off, while "The board — ..." is an owner too. */
static void
test_sign_off_after_tasks(void **state)
{
	static const char *const lists[] = {
		"Turid — load-test every new screen. By 30 June.\n\n"
		"Runi and Turid — an index on the bids table. By 13 June.\n\n"
		"The board — a rule for lots sold during a fault. In June.\n\n"
		"With thanks to the buyers, who waited with us.\n",
		"Kabir: a checklist of the event settings. By 30 November.\n\n"
		"Ananya: printed guest lists at each hotel. From now.\n\n"
		"The transport company: a driver at each hotel. From now.\n\n"
		"Nothing else. Questions to Kabir.\n",
		"The invoicing runs at 14:00. Responsible: Moussa.\n\n"
		"An alarm by SMS after ten minutes. Responsible: Moussa.\n\n"
		"A paper list at the factory. Responsible: Aissatou.\n\n"
		"We present our excuses to the owners who went out late.\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;
		char md[1024];

		snprintf(md, sizeof(md), "# Bids late, 3 June 2025\n\n"
		    "From 05:10 to 07:35 WEST bids were late.\n\n"
		    "## Next steps\n\n%s", lists[i]);
		run(&inc, &r, a, NULL, md);
		assert_int_equal(inc.naction_items, 3);
		pm_arena_free(a);
	}
}

/* Plain story headings name the task list: "What we do now:" as a
 * line, "## Changes", "## What it was, and what we're changing". */
static void
test_story_task_headings(void **state)
{
	static const char *const heads[] = {
		"What we do now:", "## Changes",
		"## What it was, and what we're changing",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;
		char md[1024];

		snprintf(md, sizeof(md), "# Tickets down, 20 December 2025\n\n"
		    "From 08:00 to 10:50 (UTC+13) no payment went through.\n\n"
		    "%s\n\n"
		    "- A checklist for any move of the site. Losa, by 9 "
		    "January.\n"
		    "- An alert when three payments in a row fail. By 16 "
		    "January.\n\n"
		    "We are sorry to everyone who queued.\n", heads[i]);
		run(&inc, &r, a, NULL, md);
		assert_int_equal(inc.naction_items, 2);
		pm_arena_free(a);
	}
}

/* A story with no cause section names its cause in a verdict after the
 * hunt: that sentence is the root cause, not the first "because" of the
 * story; a verdict that only rules out takes the sentence after it. */
static void
test_cause_verdict(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "t.md", "# Rafting payments, 12 July 2025\n\n"
	    "From 09:00 to 11:30 CEST no deposit was taken, because the "
	    "payment page said yes to every card.\n\n"
	    "My first thought was the bank, and I called them at 09:40.\n\n"
	    "So the cause was a wrong configuration on the real website, "
	    "copied with the import: the payment mode was set to test.\n");
	assert_str(inc.root_cause, "So the cause was a wrong configuration "
	    "on the real website, copied with the import: the payment mode "
	    "was set to test.");
	assert_str(inc.category, "configuration");
	pm_arena_free(a);

	a = pm_arena_new();
	ingest(&inc, a, &w, "t.md", "# Whale tickets, 21 June 2025\n\n"
	    "From 06:50 to 10:20 GMT the ticket links did not open, because "
	    "guests' phones could not find the site.\n\n"
	    "So the cause was not the booking company. It was the record "
	    "that points our web address at the website, removed by the "
	    "email move.\n");
	assert_str(inc.root_cause, "So the cause was not the booking "
	    "company. It was the record that points our web address at the "
	    "website, removed by the email move.");
	assert_str(inc.category, "network-dns");
	pm_arena_free(a);
	pm_warnings_free(&w);
}

/* A cause section told as a story starts at its conclusion ("So the
 * cause was the release itself"), past the first suspect; one that
 * states its cause first keeps it ("..., so the problem was never
 * seen" is no conclusion). */
static void
test_cause_section_conclusion(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "t.md", "# Costume rental, 5 February 2026\n\n"
	    "From 19:00 to 21:40 CET nobody could reserve on an older "
	    "phone.\n\n## What went wrong\n\n"
	    "I was sure it was the crowd: the server was at its limit, the "
	    "load was high and our capacity was too small. The hosting "
	    "company said the server was barely busy. "
	    "So the cause was the release itself: the new version we "
	    "deployed at a quarter to seven.\n");
	assert_true(strncmp(inc.root_cause, "So the cause was the release", 28)
	    == 0);
	assert_str(inc.category, "deployment-change");
	pm_arena_free(a);

	a = pm_arena_new();
	ingest(&inc, a, &w, "t.md", "# Confirmations, 4 May 2025\n\n"
	    "From 10:00 to 12:00 GMT confirmations waited.\n\n## Root cause\n\n"
	    "The export job holds row locks on every candidate for an hour. "
	    "In earlier years it ran on Sunday nights, so the problem was "
	    "never seen.\n");
	assert_true(strncmp(inc.root_cause, "The export job holds", 20) == 0);
	assert_str(inc.category, "database-locking");
	pm_arena_free(a);
	pm_warnings_free(&w);
}

/* "For the record, ... from 07:20 to 10:05 (Lao time, ICT)" under "The
 * cause" is the story's statement of its window, as in the summary. */
static void
test_record_under_cause(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "t.md", "# Boat tickets, 29 December 2025\n\n"
	    "## What I saw\n\n"
	    "I woke to a message from the pier at 07:34 on Monday 29 "
	    "December 2025.\n\n## The cause\n\n"
	    "Our own partner app held every database connection.\n\n"
	    "For the record, the website could not sell tickets from 07:20 "
	    "to 10:05 (Lao time, ICT), two hours and forty-five minutes.\n");
	assert_str(inc.start, "2025-12-29T07:20:00+07:00");
	assert_str(inc.end, "2025-12-29T10:05:00+07:00");
	assert_str(inc.root_cause, "Our own partner app held every database "
	    "connection.");
	pm_arena_free(a);
	pm_warnings_free(&w);
}

/* A story without a timeline section: its events, told across its
 * paragraphs with their times (in digits or words, at a sentence's start
 * or after "at" in its middle), are the timeline; the window's bounds,
 * a deadline ("due ... by 06:30") and the cause section's days before
 * are not.  Its prose's "paged at" still gives the time to detect. */
static void
test_story_timeline(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "t.md", "# Balloon flights held, 7 March 2026\n\n"
	    "All times are Egyptian time, EET. From 04:10 to 06:55 our "
	    "flights were held on the field.\n\n"
	    "The night began as usual. At 03:30 the minibuses left for the "
	    "hotels. Passengers are due at the field by 04:00.\n\n"
	    "Then the inspector came. At 04:10 he stopped every balloon, "
	    "and at 04:14 the captain phoned me.\n\n"
	    "My first thought was our software. At half past four I woke "
	    "our developer. He called back at 04:55: our files were "
	    "fine.\n\n"
	    "What followed was paperwork. At 05:15 the ground staff began "
	    "collecting passport numbers. At 05:50 the first balloons "
	    "inflated.\n\n"
	    "The last manifest was accepted at 06:55.\n\n"
	    "## Why\n\n"
	    "A new rule, published on Friday at 18:00, in force "
	    "overnight.\n");
	assert_int_equal(inc.ntimeline, 8);
	assert_str(inc.timeline[0].time, "2026-03-07T03:30:00+02:00");
	assert_str(inc.timeline[3].time, "2026-03-07T04:30:00+02:00");
	assert_str(inc.timeline[7].time, "2026-03-07T06:55:00+02:00");
	pm_arena_free(a);

	/* a short account: a few times in three paragraphs, no timeline */
	a = pm_arena_new();
	ingest(&inc, a, &w, "t.md", "# Sign-ins on Sunday\n\n"
	    "On Sunday, October 20, 2024, nobody could sign in. The outage "
	    "began at 4:12 a.m. ET and sign-ins were restored at 6:40 a.m. "
	    "ET.\n\n"
	    "The key rotation job removed the old key too early.\n\n"
	    "Our monitoring paged the on-call engineer at 4:31 a.m. At 4:58 "
	    "a.m. she paused the database maintenance, and at 5:47 a.m. the "
	    "team found the missing key.\n");
	assert_int_equal(inc.ntimeline, 0);
	assert_int_equal(inc.time_to_detect_minutes, 19);
	pm_arena_free(a);
	pm_warnings_free(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_we_will_sentences),
		cmocka_unit_test(test_next_steps_with_clause),
		cmocka_unit_test(test_sign_off_after_tasks),
		cmocka_unit_test(test_story_task_headings),
		cmocka_unit_test(test_cause_verdict),
		cmocka_unit_test(test_cause_section_conclusion),
		cmocka_unit_test(test_record_under_cause),
		cmocka_unit_test(test_story_timeline),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("extract_stories", tests, NULL,
	    NULL);
}
