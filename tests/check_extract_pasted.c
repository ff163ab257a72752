/*
 * check_extract_pasted.c: reports typed or pasted the way many first
 * postmortems are: plain lines with no blank line between them, headings
 * named after the window, measures one a line with no list, GitHub emoji
 * shortcodes and HTML spacing in front of the times, and terse timeline
 * entries ("Site back up", "Problem solved").  Every document here is
 * invented; the shapes are the ones public write-ups of this kind take.
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

/* "down for 40% of users": the change ("down") happened to that share of
 * people, so the number is the harm.  A change of machines stays one. */
static void
test_share_for_people(void **state)
{
	static const char *const harm[] = {
		"The site was down for 40% of users.",
		"Down for 40% of our users.",
		"Pages were slower for 40% of riders.",
		/* an article typed before the share */
		"The page was down for a 40% of the users.",
	};
	char doc[256];

	(void)state;
	for (size_t i = 0; i < sizeof(harm) / sizeof(harm[0]); i++) {
		double got;

		snprintf(doc, sizeof(doc), "# Outage\n\n## Issue Summary\n\n"
		    "From 10:00 to 11:30 WAT on 3 May 2024. %s\n", harm[i]);
		got = share_of(doc);
		if (isnan(got) || fabs(got - 40) > 0.05)
			fail_msg("%s: share %g, want 40", harm[i], got);
	}
	assert_true(isnan(share_of("# Outage\n\n## Issue Summary\n\n"
	    "From 10:00 to 11:30 WAT on 3 May 2024. CPU was up for 40% of "
	    "hosts.\n")));
}

/* The kinds of the entries of doc's timeline, comma-separated, into
 * out. */
static void
kinds_of(const char *doc, char *out, size_t size)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;
	size_t n = 0;

	ingest(&inc, a, &w, "kinds.md", doc);
	out[0] = '\0';
	for (size_t i = 0; i < inc.ntimeline && n + 1 < size; i++)
		n += (size_t)snprintf(out + n, size - n, "%s%s", i ? "," : "",
		    inc.timeline[i].kind);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* The few words a hurried timeline ends on say it is over; the fix
 * before them is a mitigation, whatever its verb. */
static void
test_terse_kinds(void **state)
{
	char got[256];

	(void)state;
	kinds_of("# Outage\n\n## Timeline\n\n"
	    "- 9:59 AM: Uptime monitor alert fires\n"
	    "- 10:02 AM: Fixed the typo and restarted Apache\n"
	    "- 10:03 AM: Problem solved\n"
	    "- 10:04 AM: Typo corrected in wp-settings.php\n"
	    "- 10:05 AM: max_connections raised from 151 to 500\n"
	    "- 10:06 AM: Site back up\n"
	    "- 10:07 AM: Website is up and running again\n"
	    "- 10:08 AM: Bug fixed\n", got, sizeof(got));
	assert_string_equal(got, "detected,mitigated,resolved,mitigated,"
	    "mitigated,resolved,resolved,resolved");
	/* a server that is up is not a site that is back */
	kinds_of("# Outage\n\n## Timeline\n\n"
	    "- 9:59 AM: Uptime monitor alert fires\n"
	    "- 10:20 AM: The database server is up but its disk is "
	    "read-only\n", got, sizeof(got));
	assert_string_equal(got, "detected,other");
}

/* "### Duration:" over the sentence that gives the window, after a
 * summary of its own: the window is read under it. */
static void
test_window_heading(void **state)
{
	static const char *const heads[] = {
		"Duration:", "Duration", "When", "Outage window",
	};
	char doc[512];

	(void)state;
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_warnings w = PM_WARNINGS_INIT;
		struct pm_incident inc;

		snprintf(doc, sizeof(doc), "# Sign-in outage\n\n"
		    "### Summary\nMembers could not sign in.\n\n"
		    "### %s\nThe outage occurred on October 5, 2023, from "
		    "9:00 AM to 10:00 AM (GMT).\n\n"
		    "### Impact\nAbout 40%% of members were affected.\n",
		    heads[i]);
		ingest(&inc, a, &w, "window.md", doc);
		assert_str(inc.start, "2023-10-05T09:00:00+00:00");
		assert_str(inc.end, "2023-10-05T10:00:00+00:00");
		pm_warnings_free(&w);
		pm_arena_free(a);
	}
}

/* A report typed with no blank line: after its first bullet Markdown
 * keeps every line in that bullet, and "Root Cause:" or "Timeline:" on
 * a line of their own still head their sections. */
static void
test_no_blank_lines(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "typed.md",
	    "Issue Summary:\n"
	    "- Duration: from 11:00 AM to 1:00 PM (WAT) on 4 March 2024.\n"
	    "- Impact: the shop was unavailable for about 80% of users.\n"
	    "Root Cause:\n"
	    "A health check on the load balancer pointed at a path that no "
	    "longer existed, so every backend was marked down.\n"
	    "Timeline:\n"
	    "- 10:58 AM: Monitoring alerts on the shop's error rate.\n"
	    "- 11:20 AM: Escalated to the platform team.\n"
	    "- 1:00 PM: Health check path corrected; shop back up.\n"
	    "Corrective and Preventative Measures:\n"
	    "- Improvements/Fixes: we now review health checks with every "
	    "release.\n"
	    "- A List Of Tasks To Address The Issue:\n"
	    "- Add a test that requests every health check path.\n"
	    "- Alert when more than half of the backends are down.\n"
	    "- Document the load balancer settings.\n");
	assert_true(inc.sections.root_cause);
	assert_true(inc.sections.timeline);
	assert_true(inc.sections.task_list);
	assert_non_null(inc.root_cause);
	assert_non_null(strstr(inc.root_cause, "health check"));
	assert_int_equal(inc.ntimeline, 3);
	assert_int_equal(inc.naction_items, 3);
	assert_str(inc.action_items[0].text,
	    "Add a test that requests every health check path.");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* The measures typed one a line with no list are the action items; a
 * sign-off after them is not, and one sentence alone is no list. */
static void
test_typed_measures(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "measures.md",
	    "# Checkout outage\n\n"
	    "## Root cause\n\nThe connection pool was set too small.\n\n"
	    "## Corrective and Preventative Measures\n\n"
	    "We can prevent this in the future by:\n"
	    "Alerting when the pool is 80% full\n"
	    "Load testing the checkout before each release\n"
	    "Keeping the pool size in version control\n"
	    "With apologies to everyone who could not pay,\n"
	    "The platform team\n");
	assert_int_equal(inc.naction_items, 3);
	assert_str(inc.action_items[2].text,
	    "Keeping the pool size in version control");
	pm_warnings_free(&w);
	pm_arena_free(a);

	a = pm_arena_new();
	ingest(&inc, a, &w, "sentence.md",
	    "# Checkout outage\n\n"
	    "## Corrective and Preventative Measures\n\n"
	    "This could have been prevented by a staging server,\n"
	    "which we did not have.\n");
	assert_int_equal(inc.naction_items, 0);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* Times behind a GitHub emoji shortcode, in Markdown and in HTML with
 * an em space before it. */
static void
test_shortcode_times(void **state)
{
	static const char *const docs[] = {
		"# Outage\n\n## Timeline\n\n"
		"- :small_orange_diamond:16:15 GMT+1: An alert fires.\n"
		"- :small_orange_diamond: 16:20 GMT+1: Investigation starts.\n",
		"<h2>Timeline:</h2>\n"
		"<p>&emsp;:small_blue_diamond:16:15 GMT+1: An alert "
		"fires.</p>\n"
		"<p>&emsp;:small_blue_diamond:16:20 GMT+1: Investigation "
		"starts.</p>\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_warnings w = PM_WARNINGS_INIT;
		struct pm_incident inc;

		ingest(&inc, a, &w, "emoji.md", docs[i]);
		assert_int_equal(inc.ntimeline, 2);
		assert_str(inc.timeline[1].time, "16:20");
		pm_warnings_free(&w);
		pm_arena_free(a);
	}
}

/* Is the category of doc, through the real pipeline, want?  Whether
 * the document has a root cause section goes to *root_section when it
 * is not NULL. */
static void
assert_category(const char *doc, const char *want, int *root_section)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	ingest(&inc, a, &w, "cause.md", doc);
	if (!same_str(inc.category, want))
		fail_msg("%s: category %s, want %s", doc,
		    inc.category ? inc.category : "(none)", want);
	if (root_section)
		*root_section = inc.sections.root_cause;
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* The causes a first postmortem of a web stack gives, in its words: a
 * misspelt file name in WordPress's settings is a configuration fault,
 * unless the writer calls it a human mistake; an intern who deleted the
 * database is one; a company's API access restrictions are the
 * provider's.  "Root casue" still heads the cause. */
static void
test_web_stack_causes(void **state)
{
	int root = 0;

	(void)state;
	assert_category("# Outage\n\n## Root cause\n\n"
	    "A wrong file name in wp-settings.php: it required "
	    "class-wp-locale.phpp, and Apache answered 500.\n",
	    "configuration", NULL);
	assert_category("# Outage\n\n## Root casue\n\n"
	    "The settings file asked for class-wp-locale.phpp, a misspelt "
	    "extension.\n", "configuration", &root);
	assert_true(root);
	assert_category("# Outage\n\n## Root cause\n\n"
	    "A human mistake: a wrong file extension was used in a "
	    "critical configuration file.\n", "human-error", NULL);
	assert_category("# Outage\n\n## Root cause\n\n"
	    "The deletion of the whole database by an intern who had been "
	    "given full access.\n", "human-error", NULL);
	assert_category("# Outage\n\n## Root cause\n\n"
	    "The map company's new API access restrictions blocked every "
	    "call we made.\n", "dependency-third-party", NULL);
}

/* "#Postmortem: ...", a heading typed without its space, is the title
 * without its marks. */
static void
test_unspaced_title(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "title.md", "#0x19 postmortem: slow logins\n\n"
	    "## Issue Summary\n\nLogins were slow from 14:00pm to 15:00pm "
	    "WAT on 3 May 2024.\n");
	assert_str(inc.title, "0x19 postmortem: slow logins");
	assert_str(inc.start, "2024-05-03T14:00:00+01:00");
	assert_int_equal(inc.duration_minutes, 60);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* Every heading typed without its space, "##Timeline (all East Africa
 * Time)" with a note in brackets and a title-case "##Corrective and
 * Preventative Measures" among them, heads its section: the timed
 * paragraphs of the story after the timeline are not entries, and the
 * measures are the action items. */
static void
test_unspaced_headings(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "unspaced.md", "#Quiz site down\n"
	    "##Issue summary\n"
	    "From 8:00 AM to 8:40 AM EAT the quiz site answered 502.\n\n"
	    "##Timeline (all East Africa Time)\n"
	    "At 8:00 AM: the site answers 502\n"
	    "At 8:10 AM: the upstream port is found taken\n"
	    "At 8:40 AM: the site serves again\n"
	    "##Root cause\n"
	    "A leftover process held the application's port.\n\n"
	    "##Resolution and recovery\n\n"
	    "At 8:30 AM, the leftover process was stopped.\n\n"
	    "At 8:35 AM, the application was started again.\n\n"
	    "##Corrective and Preventative Measures\n"
	    "Free the port before each deploy.\n"
	    "Alert when the application cannot bind.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[2].text, "the site serves again");
	assert_int_equal(inc.naction_items, 2);
	assert_true(inc.sections.corrective_measures);

	/* a heading per entry, each typed without its space */
	ingest(&inc, a, &w, "unspaced.md", "Lab servers locked out\n\n"
	    "**Timeline:**\n\n"
	    "#Sep 4, 2023: The lab images were rebuilt.\n"
	    "#Sep 5, 2023: Students could not log in to their servers.\n"
	    "#[Sep 6, 2023]: Keys were copied back; access restored.\n\n"
	    "**Root cause:** the rebuilt images held no keys.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].text,
	    "Students could not log in to their servers.");
	assert_str(inc.start, "2023-09-04");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* Headings centred with spaces, as a word processor's page pasted keeps
 * them: each a code block to CommonMark, still indented after the four
 * blanks that made it one.  Each heads its section. */
static void
test_centred_headings(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;
	const char *pad = "                                        ";
	char doc[1024];

	(void)state;
	snprintf(doc, sizeof(doc), "Ferry bookings outage\n\n\n"
	    "%sSummary of outage\n\n"
	    "On 9th May 2024 the booking site failed for two hours.\n\n"
	    "%sTimeline of events (9th May 2024)\n\n"
	    "10:00 AM: Bookings start to fail.\n"
	    "10:20 AM: The on-call engineer starts looking at the root "
	    "cause.\n"
	    "12:00 PM: Bookings work again.\n\n"
	    "%s Root cause and resolution\n\n"
	    "A misconfigured connection pool ran out of database "
	    "connections.\n", pad, pad, pad);
	ingest(&inc, a, &w, "centred.md", doc);
	assert_int_equal(inc.ntimeline, 3);
	assert_true(inc.sections.timeline);
	assert_str(inc.root_cause, "A misconfigured connection pool ran out "
	    "of database connections.");
	/* set in with two tabs, the text right under it */
	ingest(&inc, a, &w, "centred.md", "# Bookings\n\n\t\tTimeline\n"
	    "9:17 AM: A configuration push begins.\n"
	    "9:40 AM: The push is rolled back.\n\n"
	    "\t\tRoot cause and resolution\n"
	    "At 9:17 AM EAT an untested change was released.\n"
	    "At 9:47 AM EAT we rolled it back.\n");
	assert_int_equal(inc.ntimeline, 2);
	assert_str(inc.root_cause, "At 9:17 AM EAT an untested change was "
	    "released. At 9:47 AM EAT we rolled it back.");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* A first postmortem's "Debugging process": its numbered steps are the
 * timeline when no section is called one, and not when one is; the bug
 * it found is told under "Summation". */
static void
test_debugging_steps(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;
	const char *steps = "## Debugging process\n\n"
	    "1. Listed the running processes: nginx was up.\n"
	    "2. Read the error log; it named a missing module.\n"
	    "3. Ran strace on a worker while curling the site.\n"
	    "4. Found the include pointing at `modules.conff`.\n"
	    "5. Fixed the name and reloaded nginx.\n\n"
	    "## Summation\n\n"
	    "A typo in the include line of the site's configuration.\n";
	char doc[1024];

	(void)state;
	snprintf(doc, sizeof(doc), "# Postmortem\n\nAt 07:10 WAT the quiz "
	    "site answered 500 to every request.\n\n%s", steps);
	ingest(&inc, a, &w, "debugging.md", doc);
	assert_int_equal(inc.ntimeline, 5);
	assert_str(inc.timeline[3].text,
	    "Found the include pointing at modules.conff.");
	assert_str(inc.root_cause, "A typo in the include line of the site's "
	    "configuration.");
	assert_str(inc.category, "configuration");
	snprintf(doc, sizeof(doc), "# Postmortem\n\n## Timeline\n\n"
	    "- 07:10 WAT: the site answers 500\n"
	    "- 07:40 WAT: the site works again\n\n%s", steps);
	ingest(&inc, a, &w, "debugging.md", doc);
	assert_int_equal(inc.ntimeline, 2);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* Labels an emoji or a dash goes before ("🔍 Root Cause: ...", "⏱️
 * Duration: ...", "— Start Time: ..."): the label is the words. */
static void
test_emoji_labels(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "emoji.md", "# The great database drama\n\n"
	    "\xf0\x9f\x93\x85 Date: May 10, 2024\n\n"
	    "\xe2\x8f\xb1\xef\xb8\x8f Duration: 3 hours\n\n"
	    "\xf0\x9f\x94\x8d Root Cause: The villain revealed! Our primary "
	    "database server had a power supply failure.\n\n"
	    "\xe2\x80\x94 Start Time: May 10, 2024, 14:00 UTC.\n");
	assert_str(inc.root_cause, "The villain revealed! Our primary "
	    "database server had a power supply failure.");
	assert_str(inc.category, "hardware-infrastructure");
	assert_int_equal(inc.duration_minutes, 180);
	assert_str(inc.start, "2024-05-10T14:00:00+00:00");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* Causes a first postmortem tells in plain words: a load balancer set up
 * wrong, water in the server room, animals at the wires, a crowd of API
 * calls; an attack looked for and not found is no cause. */
static void
test_plain_causes(void **state)
{
	(void)state;
	assert_category("# Outage\n\n## Root cause\n\n"
	    "A mix-up in the load balancer settings after an update sent "
	    "all traffic to one server.\n", "configuration", NULL);
	assert_category("# Outage\n\n## Root cause\n\n"
	    "A torrential downpour reached the basement where our servers "
	    "stood.\n", "hardware-infrastructure", NULL);
	assert_category("# Outage\n\n## Root cause\n\n"
	    "Squirrels chewed the wires at our server site. We checked the "
	    "logs to see if we had been attacked but there were no traces "
	    "of a DDoS attack.\n", "hardware-infrastructure", NULL);
	assert_category("# Outage\n\n## Root cause\n\n"
	    "A sudden uptake of our public API: hits increased by 300%.\n",
	    "capacity-traffic", NULL);
}

/* A timeline told as steps, one time at most among them: each item is
 * an entry, untimed ones with no time, and the window still comes from
 * the summary.  Two timed items keep the timed reading (items without a
 * time there are notes). */
static void
test_step_timelines(void **state)
{
	static const char *const lead[] = {
		"10:00 UTC: the issue", "The issue"
	};
	char doc[1024], kinds[128];

	(void)state;
	for (size_t k = 0; k < 2; k++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_warnings w = PM_WARNINGS_INIT;
		struct pm_incident inc;

		snprintf(doc, sizeof(doc), "# The blog went down\n\n"
		    "## Issue Summary\n\nOn 2 May 2024 from 10:00 to 10:45 UTC "
		    "the blog returned errors to all users.\n\n"
		    "## Timeline\n\n"
		    "- %s was detected by a monitoring alert.\n"
		    "- The engineer on duty checked the web server logs.\n"
		    "- We assumed the database was down and restarted it; "
		    "no change.\n"
		    "- The issue was escalated to the senior engineer.\n"
		    "- The typo in the configuration file was fixed and "
		    "Apache restarted.\n\n"
		    "## Root cause\n\nA typo in the Apache configuration.\n",
		    lead[k]);
		ingest(&inc, a, &w, "steps.md", doc);
		assert_int_equal(inc.ntimeline, 5);
		assert_true(k == 0 ? inc.timeline[0].time != NULL :
		    inc.timeline[0].time == NULL);
		assert_null(inc.timeline[1].time);
		assert_str(inc.timeline[1].text,
		    "The engineer on duty checked the web server logs.");
		assert_str(inc.start, "2024-05-02T10:00:00+00:00");
		assert_str(inc.end, "2024-05-02T10:45:00+00:00");
		pm_warnings_free(&w);
		pm_arena_free(a);
		kinds_of(doc, kinds, sizeof(kinds));
		assert_str(kinds, "detected,investigated,misleading,escalated,"
		    "resolved");
	}
	kinds_of("# Outage\n\n## Timeline\n\n- 10:00: alert fired.\n"
	    "- Notes from the channel are kept in the ticket.\n"
	    "- 10:30: fixed.\n", kinds, sizeof(kinds));
	assert_str(kinds, "detected,resolved");
}

/* The timeline told as the phases the format lists, a labelled
 * paragraph each ("Resolution:" among them is a step, not the report's
 * section), and labelled phases between timed items. */
static void
test_phase_timelines(void **state)
{
	char kinds[128];
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "phases.md",
	    "Issue Summary:\nFrom 10:00 AM to 12:30 PM (UTC) on 15 January "
	    "2024, pages of the shop loaded slowly for 30% of users.\n\n"
	    "Timeline:\n\n"
	    "Detection Time: the alert on latency fired at 10:05 AM.\n\n"
	    "Actions Taken:\nThe team looked at the web servers first.\n\n"
	    "Misleading Paths:\nA rollback of the last release changed "
	    "nothing.\n\n"
	    "Escalation:\nThe database team was paged.\n\n"
	    "Resolution:\nThe pool size was raised and the shop recovered.\n\n"
	    "Root Cause and Resolution:\n\n"
	    "A connection pool sized for last year's traffic.\n");
	assert_int_equal(inc.ntimeline, 5);
	assert_str(inc.timeline[0].time, "2024-01-15T10:05:00+00:00");
	assert_null(inc.timeline[4].time);
	assert_int_equal(inc.time_to_detect_minutes, 5);
	pm_warnings_free(&w);
	pm_arena_free(a);

	kinds_of("# Outage\n\n## Timeline\n\n"
	    "- **10:00 AM**: Monitoring alerts on HTTP 500 errors.\n"
	    "- **Actions taken**: Investigated the load balancers.\n"
	    "- **Misleading investigation paths**: A network fault was "
	    "suspected.\n"
	    "- **11:30 AM**: Escalated to the development team.\n"
	    "- **2:00 PM**: The slow API call was fixed; service restored.\n",
	    kinds, sizeof(kinds));
	assert_str(kinds, "detected,investigated,misleading,escalated,"
	    "resolved");
}

/* What a check looked for ("Ensuring Apache is up and running") is no
 * resolution; "running normally" is one, and ends the window. */
static void
test_checks_are_no_resolution(void **state)
{
	static const char doc[] = "# Outage\n\n"
	    "On March 9th, 2024 at midnight the site went down.\n\n"
	    "## Timeline\n\n"
	    "- **00:00 PST** - 500 error for every visitor\n"
	    "- **00:05 PST** - Ensuring Apache and MySQL are up and running.\n"
	    "- **00:10 PST** - The site was not loading; a check revealed "
	    "that the server was working properly.\n"
	    "- **00:30 PST** - Fixed the file name and restarted Apache.\n"
	    "- **00:40 PST** - Server is now running normally.\n";
	char kinds[128];

	(void)state;
	kinds_of(doc, kinds, sizeof(kinds));
	assert_null(strstr(kinds, "resolved,"));
	assert_non_null(strstr(kinds, ",resolved"));
	expect_window("checks", doc, "2024-03-09T00:00:00-08:00",
	    "2024-03-09T00:40:00-08:00", "PST");
}

/* "ROOT CAUSE" (or "Route Cause:", as heard) over a sentence that
 * opens with a time ends the timeline: it names a section, not a phase
 * of the incident. */
static void
test_cause_over_a_time(void **state)
{
	static const char *const heads[] = { "ROOT CAUSE", "Route Cause:" };
	char doc[512];

	(void)state;
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_warnings w = PM_WARNINGS_INIT;
		struct pm_incident inc;

		snprintf(doc, sizeof(doc), "# Outage\n\n"
		    "TIMELINE (ALL TIMES PACIFIC TIME)\n\n"
		    "- 8:29 AM: Configuration push begins\n"
		    "- 8:36 AM: Outage begins\n"
		    "- 10:08 AM: All traffic back online\n\n"
		    "%s\n\n"
		    "At 8:29 AM PT a configuration change reached every "
		    "server by mistake.\n", heads[i]);
		ingest(&inc, a, &w, "cause.md", doc);
		if (inc.ntimeline != 3 || inc.root_cause == NULL ||
		    strncmp(inc.root_cause, "At 8:29 AM PT", 13) != 0)
			fail_msg("%s: %zu entries, root cause %s", heads[i],
			    inc.ntimeline, inc.root_cause ? inc.root_cause :
			    "(null)");
		pm_warnings_free(&w);
		pm_arena_free(a);
	}
}

/* Fields typed one after the other on one line, after a comma or a
 * bar, or inside the value of another: each is read.  A forwarded
 * message's fields stay the sender's. */
static void
test_fields_on_one_line(void **state)
{
	(void)state;
	expect_window("comma", "# Outage\n\n## Issue Summary\n\n"
	    "Start time: Mar 3 2024 9:00 AM (EAT), End time: Mar 3 2024 "
	    "10:00 AM (EAT). The shop returned 500 for every user.\n\n"
	    "## Timeline\n\n"
	    "- 9:05 AM - alert fired\n"
	    "- 9:50 AM - Apache restarted, pages load\n",
	    "2024-03-03T09:00:00+03:00", "2024-03-03T10:00:00+03:00", "EAT");
	expect_window("bar", "# Outage\n\n"
	    "- **Duration:** Start Time: June 4, 2024, 09:00 AM (UTC) | "
	    "End Time: June 4, 2024, 01:00 PM (UTC)\n"
	    "- **Impact:** checkout failed for 20% of users.\n",
	    "2024-06-04T09:00:00+00:00", "2024-06-04T13:00:00+00:00", "UTC");
	expect_window("quoted", "# Outage\n\n## Summary\n\n"
	    "From 13:20 to 15:05 CEST on 4 April 2025 the portal was down.\n\n"
	    "> **Vendor summary.** Start: 2025-04-04 11:12 UTC, End: "
	    "2025-04-04 13:01 UTC.\n",
	    "2025-04-04T13:20:00+02:00", "2025-04-04T15:05:00+02:00", "CEST");
}

/* Entries run together on one line, by a writer who lost the line
 * breaks: after the "- " of the next bullet, or, in a line whose times
 * are set off by a colon, after no full stop at all. */
static void
test_entries_run_together(void **state)
{
	char kinds[128];
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "together.md", "# Outage\n\n## Timeline\n\n"
	    "- 10:45 AM: Alerts on server load; I began to investigate.\n"
	    "- 10:50 AM: I alerted the team. - 11:00 AM: Traffic was moved "
	    "to other servers; errors went on.\n"
	    "- 12:30 PM: The load balancer setting was found wrong. - 1:00 "
	    "PM: I corrected it and service was restored.\n");
	assert_int_equal(inc.ntimeline, 5);
	assert_str(inc.timeline[1].text, "I alerted the team.");
	assert_str(inc.timeline[2].time, "11:00");
	assert_str(inc.timeline[2].text,
	    "Traffic was moved to other servers; errors went on.");
	assert_str(inc.timeline[4].time, "13:00");
	pm_warnings_free(&w);
	pm_arena_free(a);
	kinds_of("# Outage\n\n## Timeline\n\n"
	    "- 9:00pm CAT: The uptime check failed and paged me "
	    "9:10pm CAT: I restarted Nginx, no change "
	    "9:30pm CAT: The certificate path was fixed and the site was "
	    "back online.\n", kinds, sizeof(kinds));
	assert_str(kinds, "detected,mitigated,resolved");
	/* set off by nothing but a capital or a number, as entries pasted
	 * onto one line run */
	kinds_of("# Outage\n\nTimeline\n\n"
	    "9:00 AM Upload page fails 9:12 AM Logs checked by the on-call "
	    "engineer 9:20 AM Typo found in the config file 9:31 AM 100% "
	    "restored and back online\n", kinds, sizeof(kinds));
	assert_str(kinds, "other,investigated,investigated,resolved");
	/* a time in a sentence of a dashed entry stays in its text */
	kinds_of("# Outage\n\n## Timeline\n\n"
	    "- 9:30 AM — Hana suspects our own 9:00 AM Price import and "
	    "pauses it.\n- 9:50 AM — Search works again; resolved.\n",
	    kinds, sizeof(kinds));
	assert_str(kinds, "misleading,resolved");
}

/* Entries set off by a colon and run together in a paragraph, a full
 * stop left out before one, go on past the log they quote; a nested
 * item's "recorded at 08:35:" is a detail, and "At 9:00 AM:" lines each
 * one entry. */
static void
test_colon_entries_resumed(void **state)
{
	char kinds[128];
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "resumed.md", "# Outage\n\n"
	    "On 2 May 2023 one web server failed.\n\n## Timeline\n\n"
	    "9:00pm CAT: Alert fired. 9:04pm CAT: curl showed one server "
	    "answering the requests 9:06pm CAT: Ada logged in to the "
	    "other server. 9:08pm CAT: The log said:\n\n"
	    "* `nginx: [emerg] unexpected end of file`\n"
	    "* `nginx: test failed` 9:10pm CAT: Ada added the missing "
	    "brace. 9:12pm CAT: Service restored.\n");
	assert_int_equal(inc.ntimeline, 6);
	assert_str(inc.timeline[1].text,
	    "curl showed one server answering the requests");
	assert_str(inc.timeline[4].text, "Ada added the missing brace.");
	ingest(&inc, a, &w, "resumed.md", "# Outage\n\n##Timeline\n"
	    "At 9:00 AM: the app would not start\n"
	    "At 9:01 AM: the port was in use by another program\n"
	    "At 9:30 AM: the app runs on its port again\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].text,
	    "the port was in use by another program");
	/* a range set off by a colon is one entry */
	ingest(&inc, a, &w, "resumed.md", "# Outage\n\nTimeline\n\n"
	    "10:00 AM PST: Alerts on checkout latency.\n"
	    "10:10 AM PST - 10:45 AM PST: The frontend was checked first. "
	    "Its logs showed nothing.\n"
	    "10:45 AM PST: The backend logs showed connection errors.\n"
	    "Root Cause and Resolution\n\nA bad scaling setting.\n");
	assert_int_equal(inc.ntimeline, 3);
	pm_warnings_free(&w);
	pm_arena_free(a);
	kinds_of("# Outage\n\n## Timeline\n\n"
	    "- 08:20 \xe2\x80\x94 Escalated to the product lead.\n"
	    "  - Decision recorded at 08:35: accept orders by hand.\n"
	    "- 09:15 \xe2\x80\x94 Checkout back to normal; resolved.\n",
	    kinds, sizeof(kinds));
	assert_str(kinds, "escalated,resolved");
}

/* Bullets typed under a line with no blank line between and indented:
 * Markdown keeps them in that line's paragraph; they are items. */
static void
test_lazy_bullets(void **state)
{
	char kinds[128];

	(void)state;
	kinds_of("##Timeline\n"
	    "\t- 11:00pm WAT: an alert fired: the editor froze.\n"
	    "\t- 11:05pm WAT: a hard reboot did not help.\n"
	    "\t- 11:30pm WAT: memory was freed and work resumed.\n",
	    kinds, sizeof(kinds));
	assert_str(kinds, "detected,misleading,resolved");
}

/* The same typed as steps with no time, under a label with no blank
 * line: each bullet Markdown kept in the label's paragraph is a step, and
 * "Main cause:" below them is the root cause, not more steps. */
static void
test_lazy_step_bullets(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "lazy.md", "Print server down.\n\n"
	    "Summary:\n"
	    "Duration: 35 minutes.\n"
	    "Timeline:\n"
	    "    - The outage was noticed when the queue stopped moving.\n"
	    "    - The spooler logs were read line by line.\n"
	    "    - The job was handed to the office administrator.\n"
	    "    - The spooler was reinstalled and printing resumed.\n"
	    "Main cause:\n"
	    "    - A driver update left the spooler unable to start.\n"
	    "    - Reinstalling it brought the service back.\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_null(inc.timeline[0].time);
	assert_str(inc.timeline[3].text,
	    "The spooler was reinstalled and printing resumed.");
	assert_non_null(inc.root_cause);
	assert_non_null(strstr(inc.root_cause, "A driver update"));
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* Sections typed with a margin of four spaces, which CommonMark makes
 * code blocks, read as the Markdown they are; a configuration quoted in
 * the same way stays code, out of the root cause. */
static void
test_indented_sections(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "margin.md",
	    "# Checkout returned 502 for the Lagos shop\n\n"
	    "## Issue Summary\n\n"
	    "    Duration: 14 March 2024, 09:10 AM to 10:25 AM WAT.\n"
	    "    Impact: the checkout page returned 502 errors; about 35% of\n"
	    "    users could not pay for their baskets.\n\n"
	    "## Timeline\n\n"
	    "    - 09:10 AM: the first 502 errors appear in the access log.\n"
	    "    - 09:14 AM: an alert on the error rate pages the on-call.\n"
	    "    - 09:30 AM: the application is restarted; errors go on.\n"
	    "    - 10:20 AM: the port is corrected and Nginx reloaded.\n"
	    "    - 10:25 AM: the error rate is back to normal.\n\n"
	    "## Root Cause and Resolution\n\n"
	    "The upstream block named port 8081 after a manual edit:\n\n"
	    "    upstream app {\n"
	    "        server 127.0.0.1:8081;\n"
	    "    }\n\n"
	    "We changed it to 8080 and reloaded Nginx.\n\n"
	    "## Corrective and Preventative Measures\n\n"
	    "    - Test the Nginx configuration in the deploy script.\n"
	    "    - Alert on the 5xx rate of each upstream.\n"
	    "    - Keep the site file in version control.\n");
	assert_str(inc.start, "2024-03-14T09:10:00+01:00");
	assert_str(inc.end, "2024-03-14T10:25:00+01:00");
	assert_true(fabs(inc.impact_percent - 35) < 0.05);
	assert_int_equal(inc.ntimeline, 5);
	assert_int_equal(inc.naction_items, 3);
	assert_str(inc.category, "configuration");
	assert_non_null(inc.root_cause);
	assert_null(strstr(inc.root_cause, "127.0.0.1"));
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* Sections typed as the items of one numbered list with no blank line:
 * "3. Root cause and resolution:" heads the text under it. */
static void
test_numbered_heads(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "numbered.md",
	    "## Postmortem\n\n"
	    "Service unavailability\n"
	    "1. Issue Summary:\n"
	    "On 3 March 2024 from 14:45 to 16:30 UTC the shop returned 500.\n"
	    "2. Root cause and resolution:\n"
	    "New PHP files were uploaded with a misspelt name.\n");
	assert_true(inc.sections.root_cause);
	assert_str(inc.root_cause,
	    "New PHP files were uploaded with a misspelt name.");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_share_for_people),
		cmocka_unit_test(test_terse_kinds),
		cmocka_unit_test(test_window_heading),
		cmocka_unit_test(test_no_blank_lines),
		cmocka_unit_test(test_typed_measures),
		cmocka_unit_test(test_shortcode_times),
		cmocka_unit_test(test_web_stack_causes),
		cmocka_unit_test(test_plain_causes),
		cmocka_unit_test(test_unspaced_title),
		cmocka_unit_test(test_unspaced_headings),
		cmocka_unit_test(test_centred_headings),
		cmocka_unit_test(test_debugging_steps),
		cmocka_unit_test(test_emoji_labels),
		cmocka_unit_test(test_numbered_heads),
		cmocka_unit_test(test_indented_sections),
		cmocka_unit_test(test_step_timelines),
		cmocka_unit_test(test_phase_timelines),
		cmocka_unit_test(test_colon_entries_resumed),
		cmocka_unit_test(test_lazy_bullets),
		cmocka_unit_test(test_lazy_step_bullets),
		cmocka_unit_test(test_entries_run_together),
		cmocka_unit_test(test_fields_on_one_line),
		cmocka_unit_test(test_checks_are_no_resolution),
		cmocka_unit_test(test_cause_over_a_time),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("extract_pasted", tests, NULL,
	    NULL);
}
