/*
 * check_extract_devices.c: forms learnt from the forty-sixth blind set,
 * reports of client, device and data incidents: timelines written as the
 * lines of one paragraph, each opening with its time, and military
 * clocks ("2110h") in the summary, "every third parcel" as a share.
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

/*
 * One paragraph, a line per entry, each opening with its time: a list
 * without its bullets.  A time inside a line is part of its entry ("...
 * goes back on at 11:00", "... dropped from the array at 7:22am"), not
 * an entry of its own on the next day.
 */
static void
test_unbulleted_lines(void **state)
{
	static const char *const heads[] = {
		"Timeline:\n",		/* a label on the paragraph's first line */
		"## Timeline\n\n",	/* a heading above it */
	};

	(void)state;
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;
		struct pm_buf doc = PM_BUF_INIT;

		pm_buf_puts(&doc, "# Kiosks hung\n\nAll times MST, 20 December "
		    "2025.\n\n");
		pm_buf_puts(&doc, heads[i]);
		pm_buf_puts(&doc,
		    "7:30am – Kiosks open and hang.\n"
		    "9:45am – I log in to the lodge server. Disk I/O is "
		    "stalled; a disk dropped from the array at 7:22am.\n"
		    "10:30am – A trigram index is built; the flag goes back "
		    "on at 11:00am and the query takes 15 ms.\n"
		    "12:55pm – All kiosks selling. Incident closed.\n");
		run(&inc, &r, a, NULL, pm_buf_cstr(&doc));
		assert_int_equal(inc.ntimeline, 4);
		assert_str(inc.timeline[1].time, "2025-12-20T09:45:00-07:00");
		assert_non_null(strstr(inc.timeline[1].text, "at 7:22am"));
		assert_str(inc.timeline[2].time, "2025-12-20T10:30:00-07:00");
		assert_str(inc.timeline[3].time, "2025-12-20T12:55:00-07:00");
		assert_str(inc.end, "2025-12-20T12:55:00-07:00");
		pm_buf_free(&doc);
		pm_arena_free(a);
	}
}

/* Prose stays prose: a paragraph whose second line is wrapped text, not
 * a time, is still cut at each time an event happened. */
static void
test_narrative_paragraph_still_cut(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Kiosks hung\n\nAll times MST, 20 December 2025.\n\n"
	    "## Timeline\n\n"
	    "7:30am the kiosks opened and hung, and at 7:41am the lead\n"
	    "radioed IT. At 8:25am the update was rolled back.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].time, "2025-12-20T07:41:00-07:00");
	pm_arena_free(a);
}

/* Military clocks in the summary, "2110h" to "0040h": the window, not
 * the timeline's first entry (the job that started ten minutes before
 * any till failed). */
static void
test_military_clock_window(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Tills stuck\n\n## Issue summary\n\n"
	    "From 2110h on Tuesday 30 September 2025 to 0040h on Wednesday "
	    "1 October (SGT), tills could not look up prices.\n\n"
	    "## Timeline (SGT)\n\n"
	    "- 2100h — The price job starts.\n"
	    "- 2110h — Tills time out.\n"
	    "- 0040h — Incident closed.\n");
	assert_str(inc.start, "2025-09-30T21:10:00+08:00");
	assert_str(inc.end, "2025-10-01T00:40:00+08:00");
	assert_int_equal(inc.duration_minutes, 210);
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[2].time, "2025-10-01T00:40:00+08:00");
	pm_arena_free(a);
}

/* "every third parcel": a share by its form; "every third day" says how
 * often, not how many. */
static void
test_every_nth(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Labels unreadable\n\nFrom 07:30 to 16:10 ICT on 11 November "
	    "2025, printers made labels without a readable barcode. Every "
	    "third parcel went through the morning wave without a readable "
	    "label.\n");
	assert_true(inc.impact_percent == 33);	/* a third, as "a third" */
	pm_arena_free(a);
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# Labels unreadable\n\nFrom 07:30 to 16:10 ICT on 11 November "
	    "2025, printers made labels without a readable barcode. The "
	    "driver job runs every third day.\n");
	assert_true(isnan(inc.impact_percent));
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unbulleted_lines),
		cmocka_unit_test(test_narrative_paragraph_still_cut),
		cmocka_unit_test(test_military_clock_window),
		cmocka_unit_test(test_every_nth),
	};

	pm_markdown_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
