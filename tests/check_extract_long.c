/*
 * check_extract_long.c: incidents that last days and come in phases:
 * timelines that date their entries "29/01 08:00", summaries that give
 * the window, then a phase of it, then its length.
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

/* A day and month before each entry's time, no year: the entry's day.
 * The writer is in Paris (CEST), so "03/04" is 3 April. */
static void
test_entries_dated_day_first(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Orders stuck\n\nFrom 22:10 CEST on 3 April 2026 to 09:00 "
	    "CEST on 5 April 2026.\n\n## Timeline\n\n"
	    "- 03/04 22:10 — queue starts growing\n"
	    "- 04/04 01:20 — workers doubled\n"
	    "- 04/04 14:05 — second wave\n"
	    "- 05/04 09:00 — backlog cleared\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[0].time, "2026-04-03T22:10:00+02:00");
	assert_str(inc.timeline[1].time, "2026-04-04T01:20:00+02:00");
	assert_str(inc.timeline[2].time, "2026-04-04T14:05:00+02:00");
	assert_str(inc.timeline[3].time, "2026-04-05T09:00:00+02:00");
	assert_str(inc.timeline[3].text, "backlog cleared");
	pm_arena_free(a);
}

/* The same entries from New York read month first: "04/03" is 3 April;
 * a day above 12 settles the order whatever the zone. */
static void
test_entries_dated_month_first(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Orders stuck\n\nFrom 10:10 PM EDT on April 3, 2026 to 9:00 "
	    "AM EDT on April 5, 2026.\n\n## Timeline\n\n"
	    "- 04/03 22:10 — queue starts growing\n"
	    "- 04/04 01:20 — workers doubled\n"
	    "- 04/05 09:00 — backlog cleared\n"
	    "- 04/15 10:00 — review held\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[0].time, "2026-04-03T22:10:00-04:00");
	assert_str(inc.timeline[2].time, "2026-04-05T09:00:00-04:00");
	assert_str(inc.timeline[3].time, "2026-04-15T10:00:00-04:00");
	pm_arena_free(a);
}

/*
 * The window, then a phase of it ("Until about 19:00 ..."), and its
 * length after a colon: the window the length agrees with.
 */
static void
test_window_the_length_agrees_with(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Photos missing\n\n## Issue summary\n\nPhotos vanished from "
	    "the shop at 10:25 CEST on Tuesday 8 July 2025 and were fully "
	    "back at 03:25 CEST on Thursday 10 July: **41 hours**. Until "
	    "about 19:00 CEST on Tuesday, every visitor saw placeholders; "
	    "after a partial restore, a third of page views did.\n\n"
	    "## Timeline\n\n- 08:25 UTC — script finishes\n"
	    "- 17:00 UTC — best sellers restored\n");
	assert_str(inc.start, "2025-07-08T10:25:00+02:00");
	assert_str(inc.end, "2025-07-10T03:25:00+02:00");
	assert_int_equal(inc.duration_minutes, 41 * 60);
	pm_arena_free(a);
}

/*
 * A day label with a remark in brackets dates the entries under it; a
 * list item's "By 22:00 ..." is the item's news, not an entry.
 */
static void
test_day_label_with_remark(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Prices at zero\n\nFrom Saturday 25 October 2025, 18:00 CEST, "
	    "until Monday 27 October, 07:00 CET.\n\n## Timeline\n\n"
	    "**Saturday 25 October**\n\n"
	    "- 18:00 — price list imported\n"
	    "- 21:10 — escalated. By 22:00 the team had found 4,100 "
	    "articles at 0.00.\n\n"
	    "**Sunday 26 October (CEST until 03:00, CET afterwards)**\n\n"
	    "- 02:40 — nightly import zeroes 600 more\n"
	    "- 09:15 — call with the vendor\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[1].text,
	    "escalated. By 22:00 the team had found 4,100 articles at 0.00.");
	assert_str(inc.timeline[2].time, "2025-10-26T02:40:00+02:00");
	assert_str(inc.timeline[3].text, "call with the vendor");
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entries_dated_day_first),
		cmocka_unit_test(test_entries_dated_month_first),
		cmocka_unit_test(test_window_the_length_agrees_with),
		cmocka_unit_test(test_day_label_with_remark),
	};

	pm_markdown_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
