/*
 * check_extract_informal.c: postmortems written in a hurry by small
 * teams: times said roughly ("half nine", "at like 14:20", "6ish
 * (18:10)"), entries relative to the one before ("+2m"), a cause named
 * in two words ("Root cause: the deploy."), people called "ppl".
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

#include "classify.h"
#include "extract_fixture.h"
#include "warnings.h"

/* "+2m" and "40 mins later (22:10)" are entries: the first at its
 * offset from the entry before, the second at its bracketed clock;
 * "at like 14:20" and "Just before eleven:" lead their times. */
static void
test_relative_and_rough_entries(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Server down\n\nOn Saturday 16 August 2025 (CEST) the "
	    "server went down.\n\n## timeline\n\n"
	    "- at like 20:10 - first ppl kicked\n"
	    "- +2m - #help blowing up, oskar pings me\n"
	    "- 21:30 - opened a ticket w/ the host\n"
	    "- 40 mins later (22:10) - host swapped the drive\n"
	    "- ~10 min later - restore started\n");
	assert_int_equal(inc.ntimeline, 5);
	assert_str(inc.timeline[0].time, "2025-08-16T20:10:00+02:00");
	assert_str(inc.timeline[1].time, "2025-08-16T20:12:00+02:00");
	assert_str(inc.timeline[1].text, "#help blowing up, oskar pings me");
	assert_str(inc.timeline[3].time, "2025-08-16T22:10:00+02:00");
	assert_str(inc.timeline[4].time, "2025-08-16T22:20:00+02:00");
	pm_arena_free(a);
}

/* Times said the British way, as paragraph labels. */
static void
test_spoken_clock_labels(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Forum down\n\nSaturday 7 June 2025, from half nine in the "
	    "morning until quarter to one (BST).\n\n## Timeline\n\n"
	    "Half nine: I switched the nameservers.\n\n"
	    "Twenty to ten: Dave messaged.\n\n"
	    "Just before eleven: not hacked.\n\n"
	    "Quarter to one: traffic back to normal.\n");
	assert_str(inc.start, "2025-06-07T09:30:00+01:00");
	assert_str(inc.end, "2025-06-07T12:45:00+01:00");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[1].time, "2025-06-07T09:40:00+01:00");
	assert_str(inc.timeline[2].time, "2025-06-07T11:00:00+01:00");
	assert_str(inc.timeline[2].text, "not hacked.");
	pm_arena_free(a);
}

/* The window said roughly and then exactly: the exact times. */
static void
test_window_restated(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Scores froze\n\n## summary\n\n- **when:** fri 26 dec 2025, "
	    "just after 3pm (15:05) to about 6ish (18:10), NZDT. about 3 "
	    "hrs\n");
	assert_str(inc.start, "2025-12-26T15:05:00+13:00");
	assert_str(inc.end, "2025-12-26T18:10:00+13:00");
	assert_int_equal(inc.duration_minutes, 185);
	pm_arena_free(a);
}

/* A cause named in a word or two is the writer's verdict: "the deploy"
 * though the story tells of a crash, "config" before an em dash though
 * it tells of a domain; "no idea" is no cause found. */
static void
test_short_verdicts(void **state)
{
	static const struct {
		const char *doc, *category;
	} cases[] = {
		{ "# Android crash\n\nOn 3 May 2026 the app crashed.\n\n"
		  "**Root cause: the deploy.** Backend v2.8 renamed a field "
		  "and the android app crashed on a null.\n\n"
		  "## Root cause and resolution\n\nWe changed an API field "
		  "name. The android app crashed with a null pointer.\n",
		  "deployment-change" },
		{ "# Bookings broken on the new domain\n\nOn 3 May 2026 "
		  "bookings broke.\n\n**Root cause: config** \xe2\x80\x94 the "
		  "CORS allowed origins list on the API.\n\n## Root cause and "
		  "resolution\n\nThe new domain and its DNS were ready, but "
		  "the API has its own list of allowed websites.\n",
		  "configuration" },
		{ "# Confirmations failing\n\nOn 3 May 2026 confirmations "
		  "failed.\n\n**rca: honestly no idea.** It stopped on its "
		  "own. We ruled out DNS and the database.\n", "other" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_warnings w = PM_WARNINGS_INIT;
		struct pm_extract_report r;
		struct pm_incident inc;

		run(&inc, &r, a, NULL, cases[i].doc);
		inc.path = "x.md";
		pm_classify_incident(&inc, a, pm_taxonomy_default(), &w);
		if (inc.category == NULL ||
		    strcmp(inc.category, cases[i].category) != 0)
			fail_msg("case %zu: %s, want %s", i,
			    inc.category ? inc.category : "(none)",
			    cases[i].category);
		pm_warnings_free(&w);
		pm_arena_free(a);
	}
}

/* "~35% of ppl online", and the tasks under "what we're gonna do". */
static void
test_informal_share_and_tasks(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Shop hung\n\n## summary\n\n- **impact:** purchases hung. "
	    "~35% of ppl online at the time hit it; db cpu was 40%.\n\n"
	    "## what we're gonna do\n\n- one shared client per instance\n"
	    "- alert when connections go over 15\n");
	assert_true(fabs(inc.impact_percent - 35) < 1e-9);
	assert_int_equal(inc.naction_items, 2);
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_relative_and_rough_entries),
		cmocka_unit_test(test_spoken_clock_labels),
		cmocka_unit_test(test_window_restated),
		cmocka_unit_test(test_short_verdicts),
		cmocka_unit_test(test_informal_share_and_tasks),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("extract_informal", tests, NULL,
	    NULL);
}
