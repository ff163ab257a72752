/*
 * check_extract_html.c: postmortems exported with HTML left in their
 * Markdown (wikis, word processors, incident tools): tables, lists,
 * definition lists and toggles read as the Markdown they stand for, and
 * HTML that is broken or hostile read without harm.
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

/* A timeline as an HTML table with a header row, code in its cells and
 * measures as an HTML list. */
static void
test_table_timeline_and_list_items(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Bus top-ups fail\n\n"
	    "On 8 October 2026 riders could not top up (JST).\n\n"
	    "## Timeline\n\n"
	    "<table>\n"
	    "<thead><tr><th>JST</th><th>Event</th></tr></thead>\n"
	    "<tbody>\n"
	    "<tr><td>10:20</td><td>Resolvers return SERVFAIL. Impact "
	    "begins.</td></tr>\n"
	    "<tr><td>10:50</td><td><code>dig</code> from the office "
	    "answers &amp; looks right.</td></tr>\n"
	    "<tr><td>12:05</td><td>Errors back to normal. Impact "
	    "ends.</td></tr>\n"
	    "</tbody>\n</table>\n\n"
	    "## Corrective and preventative measures\n\n"
	    "<ul>\n<li>Check the DS record on every DNS change.</li>\n"
	    "<li>Run one check through a validating resolver.</li>\n</ul>\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].text, "dig from the office answers & "
	    "looks right.");
	assert_str(inc.start, "2026-10-08T10:20:00+09:00");
	assert_str(inc.end, "2026-10-08T12:05:00+09:00");
	assert_int_equal(inc.naction_items, 2);
	assert_str(inc.action_items[1].text,
	    "Run one check through a validating resolver.");
	pm_arena_free(a);
}

/* The summary's fields as an HTML table and as a definition list, a
 * timeline in a toggle with bold times, task boxes as inputs. */
static void
test_fields_toggle_and_tasks(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Lab results portal down\n\n"
	    "## Issue summary\n\n"
	    "<dl>\n<dt>When</dt>\n<dd>Thursday 19 March 2026, 13:40 to "
	    "16:05&nbsp;ICT</dd>\n<dt>Impact</dt>\n<dd>About 40% of "
	    "patients could not open their results.</dd>\n</dl>\n\n"
	    "## Timeline\n\n"
	    "<details open>\n<summary>Timeline (ICT)</summary>\n<ul>\n"
	    "<li><b>13:40</b> &mdash; Hosts reboot. Impact begins.</li>\n"
	    "<li><b>14:55</b> &#8212; Escalated to the DBA lead.</li>\n"
	    "<li><b>16:05</b> &#x2014; Portal normal. Impact ends.</li>\n"
	    "</ul>\n</details>\n\n"
	    "## Action items\n\n"
	    "<ul>\n<li><input type=\"checkbox\" checked> Replace the "
	    "batteries.</li>\n<li><input type=\"checkbox\"> Test the UPS "
	    "monthly.</li>\n</ul>\n");
	assert_str(inc.start, "2026-03-19T13:40:00+07:00");
	assert_str(inc.end, "2026-03-19T16:05:00+07:00");
	assert_int_equal(inc.duration_minutes, 145);
	assert_true(inc.impact_percent == 40.0);
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].text, "Escalated to the DBA lead.");
	assert_int_equal(inc.naction_items, 2);
	assert_true(inc.action_items[0].done);
	assert_false(inc.action_items[1].done);
	pm_arena_free(a);
}

/* Broken and hostile HTML: nesting far deeper than anyone writes, left
 * open, entities out of range, a '<' in text; then, in the next block, a
 * script and a comment that hold times, and a paragraph left open.
 * Nothing may crash or hang, and the entries are the paragraph's. */
static void
test_broken_html(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;
	struct pm_buf doc = PM_BUF_INIT;

	(void)state;
	pm_buf_puts(&doc, "# Broken export\n\n## Timeline\n\n<div>\n");
	for (int i = 0; i < 5000; i++)
		pm_buf_puts(&doc, "<ul><li><table><tr><td>");
	pm_buf_puts(&doc, "&#xFFFFFFFF; &#0; &#55296; &bogus; & 1 < 2\n\n"
	    "<div>\n<script>var t = '<tr><td>09:00</td></tr>';</script>\n"
	    "<!-- <li>10:00 not an entry</li> -->\n"
	    "<p>10:05 - The alert fires.<br>10:40 - Service restored.\n"
	    "<p unclosed\n</div>\n");
	run(&inc, &r, a, NULL, pm_buf_cstr(&doc));
	assert_int_equal(inc.ntimeline, 2);
	assert_str(inc.timeline[0].text, "The alert fires.");
	assert_str(inc.timeline[1].text, "Service restored.");
	pm_buf_free(&doc);
	pm_arena_free(a);
}

/*
 * A picture typed right above a timeline, with no blank line between:
 * CommonMark keeps the lines after it in the picture's HTML block, raw,
 * but its writer typed Markdown.  The heading under another picture is
 * a heading.  A <p> block whose lines close with a tag stays HTML.
 */
static void
test_markdown_after_a_picture(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Ferry bookings lost\n\n"
	    "<img src=\"waves.gif\" width=\"40%\">\n"
	    "## Issue summary\n\n"
	    "Bookings made on 4 June 2026 were lost.\n\n"
	    "## Timeline\n"
	    "<img src=\"./panic.gif\"  width=\"100%\" height=\"30%\">\n"
	    "- 9:10 AM CEST - A clerk reports that new bookings vanish.\n"
	    "- 9:25 AM CEST - The queue consumer is found stopped.\n"
	    "- 9:40 AM CEST - The consumer is restarted and replays the "
	    "queue.\n"
	    "- 10:05 AM CEST - Every booking is back. Incident resolved.\n"
	    "  \n"
	    "## Root cause\n\n"
	    "<p>\n  The consumer ran out of memory on a large message.\n"
	    "</p>\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[3].text,
	    "Every booking is back. Incident resolved.");
	assert_str(inc.start, "2026-06-04T09:10:00+02:00");
	assert_str(inc.end, "2026-06-04T10:05:00+02:00");
	assert_true(inc.sections.issue_summary);
	assert_non_null(inc.root_cause);
	assert_non_null(strstr(inc.root_cause, "ran out of memory"));
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_timeline_and_list_items),
		cmocka_unit_test(test_fields_toggle_and_tasks),
		cmocka_unit_test(test_broken_html),
		cmocka_unit_test(test_markdown_after_a_picture),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("extract_html", tests, NULL, NULL);
}
