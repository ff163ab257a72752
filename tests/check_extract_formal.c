/*
 * check_extract_formal.c: forms learnt from the forty-seventh blind set,
 * formal reports of banks, hospitals, courts and councils:
 * recommendations labelled "R1.", "R2." each in a paragraph of its own,
 * and timelines that give each time in local time and again in UTC in
 * brackets ("11:20 (08:20 UTC) — ...").
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

/* Labelled paragraphs are the items, without their labels; a lone
 * labelled paragraph ("MI-77: ...") is not a list. */
static void
test_labelled_recommendations(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Laboratory results delayed\n\n"
	    "## Summary\n\nResults were delayed for a day.\n\n"
	    "## Recommendations\n\n"
	    "R1. Upgrade the two other arrays to firmware 8.4.5.\n\n"
	    "R2. Move the battery self-test to a weekday morning.\n\n"
	    "R3: Send vendor advisories to a shared mailbox.\n");
	assert_int_equal(inc.naction_items, 3);
	assert_str(inc.action_items[0].text,
	    "Upgrade the two other arrays to firmware 8.4.5.");
	assert_str(inc.action_items[2].text,
	    "Send vendor advisories to a shared mailbox.");
	pm_arena_free(a);

	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# Portal errors\n\n"
	    "## Recommendations\n\n"
	    "MI-77: closed after the vendor's report.\n\n"
	    "- Keep packet capture on the load balancers.\n");
	assert_int_equal(inc.naction_items, 1);
	assert_str(inc.action_items[0].text,
	    "Keep packet capture on the load balancers.");
	pm_arena_free(a);
}

/*
 * "11:20 (08:20 UTC) — ...": the minutes of the local time are no hour
 * said roughly that the bracket restates (that blanked "20 (" and lost
 * the entry), and the restated time is no part of the entry's text.
 */
static void
test_local_then_utc_in_brackets(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Login loop\n\n"
	    "All times EEST, 3 September 2025.\n\n"
	    "## Timeline\n\n"
	    "- 09:35 (06:35 UTC) — The authentication service is suspected.\n"
	    "- 11:20 (08:20 UTC) — Traces show the session cookie missing.\n"
	    "- 12:30 (09:30 UTC) — The change is rolled back.\n"
	    "- 15:00 (12:00 UTC) — Incident entered in the register.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[1].time, "2025-09-03T11:20:00+03:00");
	assert_str(inc.timeline[1].text,
	    "Traces show the session cookie missing.");
	assert_str(inc.timeline[3].time, "2025-09-03T15:00:00+03:00");
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_labelled_recommendations),
		cmocka_unit_test(test_local_then_utc_in_brackets),
	};

	pm_markdown_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
