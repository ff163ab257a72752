/*
 * check_extract_phases.c: timelines told by the phases the format lists
 * ("Detection", "Actions taken", "Misleading paths", "Escalation",
 * "Resolution") rather than by the clock: labels over their own items or
 * lines, labels between timed lines, and a report that tells its
 * timeline twice.  Every document here is invented.
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

/* The timeline of doc: its entry count, and the kinds, comma-separated,
 * into kinds. */
static size_t
timeline_of(const char *doc, char *kinds, size_t size)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;
	size_t n = 0, entries;

	ingest(&inc, a, &w, "phases.md", doc);
	kinds[0] = '\0';
	for (size_t i = 0; i < inc.ntimeline && n + 1 < size; i++)
		n += (size_t)snprintf(kinds + n, size - n, "%s%s", i ? "," : "",
		    inc.timeline[i].kind);
	entries = inc.ntimeline;
	pm_warnings_free(&w);
	pm_arena_free(a);
	return entries;
}

/* Each phase a bold item over its own items: the items are the entries,
 * not the labels, and "Resolution" stays a phase of the timeline.  The
 * phase names the kind the words do not ("Looked at the CDN first"). */
static void
test_phase_items(void **state)
{
	static const char doc[] =
	    "# Outage of the booking site\n\n"
	    "**Timeline:**\n"
	    "- **Detection time:** 7 May 2024, 08:40 AM (UTC)\n"
	    "- **Actions taken:**\n"
	    "  - Read the access logs of both web servers.\n"
	    "  - Restarted the application pool.\n"
	    "- **Misleading paths:**\n"
	    "  - Looked at the CDN first.\n"
	    "  - Compared the two last releases.\n"
	    "- **Escalation:**\n"
	    "  - Paged the database team.\n"
	    "- **Resolution:**\n"
	    "  - Raised the connection limit and reloaded the pooler.\n\n"
	    "**Root Cause and Resolution:**\n"
	    "- **Root Cause:**\n"
	    "  - The pooler allowed 100 connections for 300 workers.\n";
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;
	char kinds[160];

	(void)state;
	assert_int_equal(timeline_of(doc, kinds, sizeof(kinds)), 7);
	assert_str(kinds, "detected,investigated,mitigated,misleading,"
	    "misleading,escalated,mitigated");
	ingest(&inc, a, &w, "phases.md", doc);
	assert_str(inc.timeline[0].time, "2024-05-07T08:40:00+00:00");
	assert_str(inc.timeline[1].text,
	    "Read the access logs of both web servers.");
	assert_null(inc.timeline[6].time);
	assert_true(inc.sections.timeline);
	assert_str(inc.root_cause,
	    "The pooler allowed 100 connections for 300 workers.");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* Labels alone on their lines, each over the lines of its phase, all in
 * one paragraph: every line that does not go on with the one before is
 * an entry. */
static void
test_phase_lines(void **state)
{
	char kinds[160];

	(void)state;
	assert_int_equal(timeline_of("# Outage\n\nTimeline\n"
	    "Detection:\n"
	    "The uptime check failed at 11:02 AM (GMT).\n"
	    "Actions Taken:\n"
	    "Checked the error log of Apache.\n"
	    "Ran strace on a worker\n"
	    "Fixed the path in the settings file.\n"
	    "Resolution:\n"
	    "Restarted Apache; pages loaded again.\n"
	    "Root Cause and Resolution\n"
	    "A typo in the settings file.\n", kinds, sizeof(kinds)), 5);
	/* "went on with the sentence before it" is one entry */
	assert_int_equal(timeline_of("# Outage\n\nTimeline:\n\n"
	    "Detection:\n\n"
	    "An alert on the error rate fired at 9:15 AM and the\n"
	    "on-call engineer acknowledged it.\n\n"
	    "Escalation:\n\n"
	    "The storage team joined the call.\n\n"
	    "Root Cause and Resolution:\n\n"
	    "A full disk.\n", kinds, sizeof(kinds)), 2);
}

/* The format's own questions copied as the timeline's subheadings, with
 * no colon, each over its answer: an entry per answer, its paragraphs
 * and lines one entry unless a paragraph ends its sentence and the next
 * begins anew. */
static void
test_format_questions(void **state)
{
	char kinds[160];

	(void)state;
	assert_int_equal(timeline_of("# Outage\n\n## Timeline\n\n"
	    "when was the issue detected\n\n"
	    "The uptime check failed at noon on 3 May.\n\n"
	    "how was the issue detected\n\n"
	    "An uptime check that runs every five\n\n"
	    "minutes failed twice.\n\n"
	    "actions taken\n\n"
	    "Investigated the Apache error log.\n\n"
	    "misleading investigation/debugging paths that were taken\n\n"
	    "We first suspected the database.\n"
	    "It was fine.\n\n"
	    "which team/individuals was the incident escalated to\n\n"
	    "The web team.\n\n"
	    "how the incident was resolved\n\n"
	    "The typo was fixed.\n\n"
	    "## Root cause and resolution\n\n"
	    "A typo in the settings file.\n", kinds, sizeof(kinds)), 6);
	assert_string_equal(kinds, "detected,detected,investigated,"
	    "misleading,escalated,resolved");
}

/* A phase of another make than the first (a paragraph after labelled
 * items) is the report's own section, as before; so is a heading under
 * a timeline whose first line is a timed entry. */
static void
test_phase_siblings_only(void **state)
{
	char kinds[160];

	(void)state;
	assert_int_equal(timeline_of("# Outage\n\nTimeline:\n\n"
	    "- **Detection:**\n"
	    "  - An alert fired.\n"
	    "- **Escalation:**\n"
	    "  - Paged the network team.\n\n"
	    "**Resolution:**\n\n"
	    "- Rolled back the firewall rule.\n"
	    "- Checked every region.\n", kinds, sizeof(kinds)), 2);
	assert_int_equal(timeline_of("# Outage\n\n## Timeline\n\n"
	    "- 10:00 UTC: the alert fired.\n"
	    "- 10:30 UTC: the rule was rolled back.\n\n"
	    "## Actions\n\n"
	    "- Review firewall changes.\n"
	    "- Alert on dropped packets.\n", kinds, sizeof(kinds)), 2);
}

/* Phases over one paragraph each, two of which hold a time (a dated
 * line under "Detection:", "at 3 AM" in a simile): the phases are the
 * entries, not the two times. */
static void
test_phases_beat_stray_times(void **state)
{
	char kinds[160];

	(void)state;
	assert_int_equal(timeline_of("# Outage\n\nTimeline:\n\n"
	    "Detection:\n"
	    "January 15, 2024, 10:15 AM (UTC) - the alarms went off.\n\n"
	    "Actions Taken:\n"
	    "We rolled back the last release; nothing changed.\n\n"
	    "Misleading Paths:\n"
	    "We chased the code like a cat chasing a laser at 3 AM.\n\n"
	    "Escalation:\n"
	    "The platform team joined.\n\n"
	    "Resolution:\n"
	    "A load balancer rule was fixed and traffic flowed again.\n\n"
	    "Root Cause and Resolution:\n\n"
	    "A load balancer rule sent all traffic to one server.\n",
	    kinds, sizeof(kinds)), 5);
}

/* Labelled phases between timed paragraphs, or between timed lines of
 * one paragraph, are entries in their place; "Resolution:" last among
 * them is one too. */
static void
test_phases_between_times(void **state)
{
	char kinds[160];

	(void)state;
	assert_int_equal(timeline_of("# Outage\n\nTimeline:\n\n"
	    "May 2, 2024, 10:15 AM (UTC): latency alerts fired.\n\n"
	    "Actions taken: the database was suspected first.\n\n"
	    "Escalation: the platform team was paged.\n\n"
	    "May 2, 2024, 01:30 PM (UTC): the cache was found full.\n\n"
	    "Resolution: the cache was resized and warmed.\n\n"
	    "Root Cause and Resolution:\n\n"
	    "An undersized cache.\n", kinds, sizeof(kinds)), 5);
	assert_int_equal(timeline_of("# Outage\n\nTimeline\n"
	    "2:00 PM: Users reported 500 errors.\n"
	    "Actions taken: read the Apache logs.\n"
	    "Misleading investigation/debugging paths: the virtual hosts.\n"
	    "2:40 PM: Escalated to the developers.\n"
	    "3:10 PM: Permissions fixed; the site is back online.\n"
	    "Root Cause and Resolution\n"
	    "A file Apache could not read.\n", kinds, sizeof(kinds)), 5);
	assert_str(kinds, "detected,investigated,misleading,escalated,"
	    "resolved");
}

/* The report told again "in a lighter tone" with the same times: its
 * timeline counts once.  Two timelines of other times both count. */
static void
test_retold_timeline(void **state)
{
	static const char plain[] =
	    "# Outage\n\n## Timeline\n\n"
	    "- 10:00 AM: alerts on latency.\n"
	    "- 10:20 AM: the cache was flushed.\n"
	    "- 11:00 AM: service restored.\n\n"
	    "## Root Cause\n\nA bad cache key.\n\n"
	    "## The same story, for fun\n\n"
	    "Once upon a time the cache forgot everything.\n\n"
	    "## Timeline\n\n"
	    "- 10:00 AM: the pagers screamed.\n"
	    "- 10:20 AM: we threw the cache away.\n"
	    "- 11:00 AM: peace returned.\n";
	static const char two_days[] =
	    "# Outage\n\n## Timeline\n\n"
	    "- 10:00 AM: alerts on latency.\n"
	    "- 11:00 AM: service restored.\n\n"
	    "## Root Cause\n\nA bad cache key.\n\n"
	    "## Timeline\n\n"
	    "- 09:00 AM: the fix was released.\n"
	    "- 09:30 AM: the old keys were purged.\n";
	char kinds[160];

	(void)state;
	assert_int_equal(timeline_of(plain, kinds, sizeof(kinds)), 3);
	assert_int_equal(timeline_of(two_days, kinds, sizeof(kinds)), 4);
}

/* "Timeline (all hours, Pacific time)" alone on its line heads the
 * timeline; the note in brackets is not a sentence. */
static void
test_bracketed_heading(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "bracket.md",
	    "# Outage of 4 June 2024\n\n"
	    "On June 4, 2024, the site failed to serve pages.\n"
	    "Timeline (all hours, Pacific time)\n"
	    "8:00 AM: A configuration push begins.\n"
	    "8:20 AM: Errors begin.\n"
	    "9:45 AM: The push is rolled back; errors stop.\n"
	    "Root cause\n"
	    "At 8:00 AM a bad value reached every server.\n");
	assert_true(inc.sections.timeline);
	assert_int_equal(inc.ntimeline, 3);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_phase_items),
		cmocka_unit_test(test_phase_lines),
		cmocka_unit_test(test_format_questions),
		cmocka_unit_test(test_phase_siblings_only),
		cmocka_unit_test(test_phases_between_times),
		cmocka_unit_test(test_phases_beat_stray_times),
		cmocka_unit_test(test_retold_timeline),
		cmocka_unit_test(test_bracketed_heading),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("extract_phases", tests, NULL,
	    NULL);
}
