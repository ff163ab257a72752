/*
 * check_extract_slo.c: postmortems written around SLOs and error budgets,
 * the forms of the sixty-fourth blind set.  A budget spent is no share of
 * anyone, and a writer who cannot count the requests either gives none.
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

/* "Error budget consumed: 51%", "38% of the 30-day error budget": what
 * the incident cost the SLO, not whom it hurt.  The share of people
 * beside them is still read. */
static void
test_budget_is_no_share(void **state)
{
	static const char *const lines[] = {
		"- Error budget consumed: 51% of the 28-day budget.\n",
		"- Error budget consumed: 51%.\n",
		"- This incident used 38% of the 30-day error budget.\n",
		"- We spent 38% of the 28-day budget in two hours.\n",
	};
	char doc[512];

	(void)state;
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		double got;

		snprintf(doc, sizeof(doc), "# Gateway 502s\n\n## Impact\n\n"
		    "Some customers saw errors.\n\n"
		    "- Availability SLO: 99.9%% of minutes good, 28 days.\n"
		    "%s", lines[i]);
		got = share_of(doc);
		if (!isnan(got))
			fail_msg("%s: share %g, want none", lines[i], got);
	}
	snprintf(doc, sizeof(doc), "# Gateway 502s\n\n## Impact\n\n"
	    "About 12%% of users saw errors.\n\n%s", lines[0]);
	assert_true(fabs(share_of(doc) - 12) < 0.05);
}

/* "We cannot say how many customers or requests were affected": the
 * sampled "7% of requests" that follows is no share either.  Not knowing
 * how many people noticed still leaves the requests' share. */
static void
test_requests_not_counted(void **state)
{
	(void)state;
	assert_true(isnan(share_of("# Gateway 502s\n\n## Impact\n\n"
	    "We cannot say how many customers or requests were affected. "
	    "About 7% of requests failed in the samples we have.\n")));
	assert_true(fabs(share_of("# Gateway 502s\n\n## Impact\n\n"
	    "We cannot say how many customers noticed. About 7% of "
	    "requests failed.\n") - 7) < 0.05);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_budget_is_no_share),
		cmocka_unit_test(test_requests_not_counted),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("extract_slo", tests, NULL, NULL);
}
