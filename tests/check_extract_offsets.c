/*
 * check_extract_offsets.c: timelines written in offsets, learnt from the
 * forty-eighth blind set: offsets in hours and minutes ("+00:12",
 * "T+1:20"), the H-hour ("H+0:04", "H+1", "H — Sale opens"), T0 stated
 * in words ("Offsets count from 07:15"), T0 left to the summary's start,
 * and entries led by the day they fell on ("Day 2, 03:00").
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

/* A table of "+HH:MM" offsets from the T0 the timeline states. */
static void
test_offset_table_from_stated_t0(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Paywall shown to subscribers\n\n"
	    "## Summary\n\nOn 12 March 2025 subscribers saw the paywall.\n\n"
	    "## Timeline\n\n"
	    "Offsets count from 07:15 CET.\n\n"
	    "| Offset | Event |\n| --- | --- |\n"
	    "| +00:00 | Cache rule goes live. |\n"
	    "| +00:12 | Support phones the on-call engineer. |\n"
	    "| +01:45 | Rule rolled back. Incident closed. |\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[0].time, "2025-03-12T07:15:00+01:00");
	assert_str(inc.timeline[1].time, "2025-03-12T07:27:00+01:00");
	assert_str(inc.timeline[2].time, "2025-03-12T09:00:00+01:00");
	assert_str(inc.timeline[1].text,
	    "Support phones the on-call engineer.");
	pm_arena_free(a);
}

/* The H-hour: a bare number is hours, "H" alone is H itself, and a
 * clock in brackets that equals the offset's digits ("H+2:30 (2:30
 * pm)") is the entry's time, not a clock said twice. */
static void
test_h_hour(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Checkout errors at the sale\n\n"
	    "## Summary\n\nOn 17 October 2025 checkout failed.\n\n"
	    "## Timeline\n\n"
	    "Times are offsets from H = 12:00 noon IST.\n\n"
	    "1. H-0:45 (11:15 am) — Checkout scaled to 120 pods.\n"
	    "2. H — Sale opens.\n"
	    "3. H+0:04 — Alert: checkout error rate above 5%.\n"
	    "4. H+1 — Escalated to the head of engineering.\n"
	    "5. H+2:30 (2:30 pm) — Error rate below 0.5%. Resolved.\n");
	assert_int_equal(inc.ntimeline, 5);
	assert_str(inc.timeline[0].time, "2025-10-17T11:15:00+05:30");
	assert_str(inc.timeline[1].time, "2025-10-17T12:00:00+05:30");
	assert_str(inc.timeline[2].time, "2025-10-17T12:04:00+05:30");
	assert_str(inc.timeline[3].time, "2025-10-17T13:00:00+05:30");
	assert_str(inc.timeline[4].time, "2025-10-17T14:30:00+05:30");
	assert_str(inc.timeline[1].text, "Sale opens.");
	pm_arena_free(a);
}

/* No T0 stated: "T+6m" counts from the start the summary gives, while a
 * bare "+3 min" still counts from the entry before. */
static void
test_t0_from_the_summary(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Cart errors\n\n"
	    "## Summary\n\nFrom 00:00 to 02:15 ET on 1 December 2025 carts "
	    "failed.\n\n"
	    "## Timeline\n\n"
	    "- T+6m — Alert: cart error rate above 10%.\n"
	    "- +3 min — On-call engineer acknowledges.\n"
	    "- T+2h15m — Error rate below 0.5%. Resolved.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[0].time, "2025-12-01T00:06:00-05:00");
	assert_str(inc.timeline[1].time, "2025-12-01T00:09:00-05:00");
	assert_str(inc.timeline[2].time, "2025-12-01T02:15:00-05:00");
	pm_arena_free(a);
}

/* "Day 2, 03:00": the day lead is no part of the entry, and the turn
 * past midnight dates it. */
static void
test_day_count_lead(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Loyalty points drained\n\n"
	    "## Summary\n\nFrom 06:00 PDT on 20 September 2025 points were "
	    "stolen.\n\n"
	    "## Timeline\n\n"
	    "- Day 1, 06:00 — First fraudulent redemption.\n"
	    "- Day 1, 19:00 — Passwords reset.\n"
	    "- Day 2, 03:00 — Redemptions peak.\n"
	    "- Day 2, 18:00 — One-time codes required. Impact ends.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[0].time, "2025-09-20T06:00:00-07:00");
	assert_str(inc.timeline[2].time, "2025-09-21T03:00:00-07:00");
	assert_str(inc.timeline[2].text, "Redemptions peak.");
	assert_str(inc.timeline[3].time, "2025-09-21T18:00:00-07:00");
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_offset_table_from_stated_t0),
		cmocka_unit_test(test_h_hour),
		cmocka_unit_test(test_t0_from_the_summary),
		cmocka_unit_test(test_day_count_lead),
	};

	pm_markdown_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
