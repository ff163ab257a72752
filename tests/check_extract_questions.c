/*
 * check_extract_questions.c: postmortems written as questions and
 * answers, the forms of the fifty-ninth blind set: "Q:"/"A:" lines,
 * bold and dashed marks, questions as numbered items with their answers
 * in paragraphs, and FAQ headings asked of the company ("What are you
 * changing?") or of the clock ("What happened, hour by hour?").
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

/* A Q&A of "Q:" lines: each question heads its answer, "A:" is no part
 * of the answer's text, the timeline's alert threshold is no share, and
 * a question about something else ends the list of changes. */
static void
test_q_and_a_lines(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Ferry tickets — Q&A\n\n"
	    "All times CET.\n\n"
	    "Q: What happened?\n\n"
	    "A: On Friday 6 March 2026 the ticket site stopped selling "
	    "crossings.\n\n"
	    "Q: How many passengers were affected?\n\n"
	    "A: 120 of the 800 passengers who tried to buy a ticket could "
	    "not: 15%.\n\n"
	    "Q: Why did it happen?\n\n"
	    "A: A schedule import left every crossing with no seats.\n\n"
	    "Q: What happened when?\n\n"
	    "| Time | Event |\n| --- | --- |\n"
	    "| 09:10 | Import runs. Impact begins. |\n"
	    "| 09:25 | Alert: sales errors above 5%. |\n"
	    "| 10:40 | Seats restored. Impact ends. |\n\n"
	    "Q: What are we changing?\n\n"
	    "A: Two things:\n\n"
	    "1. Check seat counts after every import — Lars, by 1 April.\n"
	    "2. Alert when a day has no seats for sale — Lars, by 8 April.\n\n"
	    "Q: Should crew tell passengers anything?\n\n"
	    "A: Only that it is fixed:\n\n"
	    "1. Say sorry.\n2. Offer the next crossing.\n");
	assert_int_equal(inc.naction_items, 2);
	assert_true(strncmp(inc.action_items[1].text, "Alert when a day", 16)
	    == 0);
	assert_int_equal(inc.ntimeline, 3);
	assert_true(fabs(inc.impact_percent - 15) < 0.01);
	assert_true(strncmp(inc.summary, "On Friday 6 March 2026", 22) == 0);
	assert_str(inc.root_cause, "A schedule import left every crossing "
	    "with no seats.");
	pm_arena_free(a);
}

/* The marks people use for a question: bold, a full stop, a dash, a
 * number; and "Q3 is our busiest quarter" is no question. */
static void
test_question_marks(void **state)
{
	static const char *const forms[] = {
		"**Q. What are you changing?**\n\n**A.** We will:\n\n",
		"**Q:** What will you change?\n\n**A:** This:\n\n",
		"Q — What are we changing?\n\nA — This:\n\n",
		"Q7: What are we changing?\n\nA: This:\n\n",
		"Question 7: What are you changing?\n\nAnswer: This:\n\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;
		char doc[1024];

		snprintf(doc, sizeof(doc), "# Kiosk outage\n\n"
		    "Q: Were card payments taken twice?\n\n"
		    "A: No.\n\n%s"
		    "- Test the kiosk after each release.\n"
		    "- Keep a spare router at the pier.\n\n"
		    "Q: Who can I talk to?\n\n"
		    "A: The duty manager:\n\n"
		    "- Mia, on the desk.\n", forms[i]);
		run(&inc, &r, a, NULL, doc);
		if (inc.naction_items != 2)
			fail_msg("form %zu: %zu items", i, inc.naction_items);
		pm_arena_free(a);
	}
}

/* Questions as the items of a numbered list, answered in paragraphs:
 * the next question ends the tasks, and a timed entry that asks
 * something is still an entry. */
static void
test_numbered_questions(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Sauna bookings\n\n"
	    "1. What happened?\n\n"
	    "On Monday 4 May 2026 evening bookings vanished.\n\n"
	    "2. What happened when?\n\n"
	    "- 18:00 — Bookings vanish.\n"
	    "- 18:20 — Is it the Wi-Fi?\n"
	    "- 19:05 — Season settings fixed.\n\n"
	    "3. What are we changing?\n\n"
	    "- [ ] Copy each season from the one before\n"
	    "- [ ] A second person checks new seasons\n\n"
	    "4. Was this the same as the problem in March?\n\n"
	    "No.\n\n"
	    "5. Who should guests talk to?\n\n"
	    "The duty manager.\n");
	assert_int_equal(inc.naction_items, 2);
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].text, "Is it the Wi-Fi?");
	pm_arena_free(a);
}

/* FAQ headings asked of the company and of the clock. */
static void
test_faq_headings(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Climb permits: questions and answers\n\n"
	    "## What happened?\n\n"
	    "On Tuesday 14 October 2025 permit bookings failed from 08:00 "
	    "to 10:45 MYT.\n\n"
	    "## Then why did it fail?\n\n"
	    "Each function opened its own database connection, and the "
	    "database allows 400.\n\n"
	    "## What happened, hour by hour?\n\n"
	    "1. 08:00 — Permits released. Impact begins.\n"
	    "2. 08:06 — Alert: booking errors above 20%.\n"
	    "3. 10:45 — Bookings normal. Impact ends.\n\n"
	    "## What are you changing?\n\n"
	    "| Change | Owner |\n| --- | --- |\n"
	    "| Pool the connections | Farah |\n"
	    "| Load-test each release day | Jeffrey |\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_int_equal(inc.naction_items, 2);
	assert_true(isnan(inc.impact_percent));
	assert_true(inc.root_cause && strncmp(inc.root_cause,
	    "Each function opened", 20) == 0);
	assert_true(strstr(inc.summary, "Alert") == NULL);
	pm_arena_free(a);
}

/* A form's questions typed as bullets with a colon, each answered on
 * the line under it in the same item. */
static void
test_form_bullets(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Postmortem\n\n### Issue Summary:\n\n"
	    "* what was the impact:\n"
	    "the booking page returned errors for every guest.\n\n"
	    "* what was the root cause:\n"
	    "the nightly export held a lock on the bookings table.\n\n"
	    "### Timeline\n\n"
	    "* when was the issue detected:\n"
	    "2:17 PM (GMT)\n");
	assert_str(inc.root_cause,
	    "the nightly export held a lock on the bookings table.");
	assert_str(inc.impact,
	    "the booking page returned errors for every guest.");
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_q_and_a_lines),
		cmocka_unit_test(test_question_marks),
		cmocka_unit_test(test_numbered_questions),
		cmocka_unit_test(test_faq_headings),
		cmocka_unit_test(test_form_bullets),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("extract_questions", tests, NULL,
	    NULL);
}
