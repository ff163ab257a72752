/*
 * check_extract.c - the prose extractor measured on the postmortems of
 * tests/extract/cases and tests/extract/cases2 (each NAME.md with the
 * fields a careful reader finds in NAME.expect.yml), plus focused tests
 * of the shapes that are easy to get wrong: a timeline across midnight,
 * bold times, tables, what entries say happened (denied, quoted, passive,
 * after a detection), narrative timelines, 12-hour clocks, overnight
 * incidents, fallback dates, distractor percentages, words for shares,
 * severity forms, section synonyms, front matter normalisation and the
 * warnings for doubtful findings.
 *
 * The corpus test prints the accuracy of every field and fails when one
 * drops below its floor, so a change that helps one case and hurts three
 * others shows up as a regression.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "extract.h"
#include "ingest.h"
#include "markdown.h"
#include "extract_fixture.h"
#include "testutil.h"
#include "yamltree.h"

#define CASES_DIR "tests/extract/cases"
#define CASES2_DIR "tests/extract/cases2"

/* ---------------------------------------------------------------- helpers */

/* Are got and want the same string, or both NULL? */
static int
same_or_null(const char *got, const char *want)
{
	return got == want || (got && want && strcmp(got, want) == 0);
}


/* ---------------------------------------------------------------- corpus */

enum field {
	F_TITLE, F_START, F_END, F_TIMEZONE, F_DURATION, F_IMPACT,
	F_CATEGORY, F_TL_COUNT, F_TL_KINDS, F_AI_COUNT, F_AI_DONE,
	F_SEVERITY, F_TTD, F_TTR, F_COUNT
};

/* Keys of NAME.expect.yml. */
static const char *const keys[F_COUNT] = {
	"title", "start", "end", "timezone", "duration_minutes",
	"impact_percent", "category", "timeline_count", "timeline_kinds",
	"action_items_count", "action_items_done", "severity",
	"time_to_detect_minutes", "time_to_resolve_minutes",
};

/* The accuracy each field must keep on a corpus (percent, in the order
 * of keys): a little below what the extractor reaches, so regressions
 * fail. */
static const int floors_cases[F_COUNT] = {
	95, 93, 93, 93, 93, 95, 88, 93, 70, 93, 90, 95, 88, 93
};

/* The second set was measured before the rules its writing called for
 * were added (tests/extract/cases2/README.md); with 25 cases a floor of
 * 92 allows two misses. */
static const int floors_cases2[F_COUNT] = {
	92, 92, 92, 91, 92, 88, 88, 92, 60, 92, 87, 92, 88, 92
};

static int
same_number(const struct pm_value *want, double got)
{
	if (want->type == PM_VALUE_NULL)
		return isnan(got);
	return want->type == PM_VALUE_NUMBER && !isnan(got) &&
	    fabs(want->u.number - got) <= 0.5;
}

static int
same_minutes(const struct pm_value *want, long got)
{
	return same_number(want, got == PM_UNKNOWN ? NAN : (double)got);
}

static int
same_string(const struct pm_value *want, const char *got)
{
	if (want->type == PM_VALUE_NULL)
		return got == NULL;
	return want->type == PM_VALUE_STRING && got &&
	    strcmp(want->u.string.ptr, got) == 0;
}

static int
same_kinds(const struct pm_value *want, const struct pm_incident *inc)
{
	if (want->type != PM_VALUE_LIST || want->u.list.len != inc->ntimeline)
		return 0;
	for (size_t i = 0; i < inc->ntimeline; i++)
		if (!same_string(want->u.list.items[i], inc->timeline[i].kind))
			return 0;
	return 1;
}

static int
check_field(enum field f, const struct pm_value *want,
    const struct pm_incident *inc)
{
	size_t done = 0;

	switch (f) {
	case F_TITLE:
		return same_string(want, inc->title);
	case F_START:
		return same_string(want, inc->start);
	case F_END:
		return same_string(want, inc->end);
	case F_TIMEZONE:
		return same_string(want, inc->timezone);
	case F_DURATION:
		return same_minutes(want, inc->duration_minutes);
	case F_IMPACT:
		return same_number(want, inc->impact_percent);
	case F_CATEGORY:
		return same_string(want, inc->category);
	case F_TL_COUNT:
		return same_number(want, (double)inc->ntimeline);
	case F_TL_KINDS:
		return same_kinds(want, inc);
	case F_AI_COUNT:
		return same_number(want, (double)inc->naction_items);
	case F_AI_DONE:
		for (size_t i = 0; i < inc->naction_items; i++)
			done += inc->action_items[i].done != 0;
		return same_number(want, (double)done);
	case F_SEVERITY:
		return same_string(want, inc->severity);
	case F_TTD:
		return same_minutes(want, inc->time_to_detect_minutes);
	case F_TTR:
		return same_minutes(want, inc->time_to_resolve_minutes);
	default:
		return 0;
	}
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The NAME.md files of dir, sorted (heap strings). */
static size_t
list_cases(char ***out, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **v = NULL;
	size_t n = 0;

	if (d == NULL)
		fail_msg("cannot open %s (run from the repository root)", dir);
	while ((e = readdir(d)) != NULL) {
		size_t len = strlen(e->d_name);
		char *expect;

		if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0)
			continue;
		expect = malloc(strlen(dir) + len + 16);
		sprintf(expect, "%s/%.*s.expect.yml", dir, (int)len - 3,
		    e->d_name);
		if (tu_exists(expect)) {
			v = realloc(v, (n + 1) * sizeof(*v));
			v[n++] = strdup(e->d_name);
		}
		free(expect);
	}
	closedir(d);
	if (n > 1)
		qsort(v, n, sizeof(*v), by_name);
	*out = v;
	return n;
}

/*
 * Every case of dir through the real pipeline, each field compared with
 * its expectation; prints the accuracy per field and fails when one is
 * below its floor.  Cases are ingested under their file names, so a
 * dated name ("2023-11-28-x.md") gives the fallback date.
 */
static void
corpus(const char *dir, size_t min_cases, const int *floors)
{
	size_t ok[F_COUNT] = { 0 }, total[F_COUNT] = { 0 }, n, i;
	char **names = NULL, path[1024];
	int failed = 0;

	n = list_cases(&names, dir);
	assert_true(n >= min_cases);
	for (i = 0; i < n; i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_warnings w = PM_WARNINGS_INIT;
		struct pm_value *want = NULL;
		struct pm_incident inc;
		struct pm_error err;
		char *md, *yml;
		size_t len;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		md = tu_read(path, NULL);
		snprintf(path, sizeof(path), "%s/%.*s.expect.yml", dir,
		    (int)strlen(names[i]) - 3, names[i]);
		yml = tu_read(path, &len);
		assert_non_null(md);
		assert_non_null(yml);
		pm_error_clear(&err);
		if (pm_yaml_parse(&want, a, yml, len, path, 1, &err) < 0)
			fail_msg("%s: %s", path, err.message);
		ingest(&inc, a, &w, names[i], md);
		for (int f = 0; f < F_COUNT; f++) {
			const struct pm_value *v = pm_value_map_get(want,
			    keys[f]);

			if (v == NULL)
				continue;
			total[f]++;
			if (check_field((enum field)f, v, &inc))
				ok[f]++;
			else
				print_message("  %s: %s differs\n", names[i],
				    keys[f]);
		}
		pm_warnings_free(&w);
		pm_arena_free(a);
		free(md);
		free(yml);
		free(names[i]);
	}
	free(names);
	print_message("extract %s:", dir);
	for (int f = 0; f < F_COUNT; f++) {
		print_message("%s %s %zu/%zu", f ? "," : "", keys[f],
		    ok[f], total[f]);
		if (total[f] && ok[f] * 100 < total[f] *
		    (size_t)floors[f])
			failed = 1;
	}
	print_message("\n");
	for (int f = 0; f < F_COUNT; f++)
		if (total[f] && ok[f] * 100 < total[f] *
		    (size_t)floors[f])
			print_message("below the floor: %s %zu/%zu < %d%%\n",
			    keys[f], ok[f], total[f], floors[f]);
	assert_false(failed);
}

static void
test_corpus(void **state)
{
	const char *dir = getenv("PMSITE_CASES");

	(void)state;
	corpus(dir ? dir : CASES_DIR, dir ? 1 : 40, floors_cases);
}

/* The second set, written to be unlike the first (its README says how). */
static void
test_corpus2(void **state)
{
	(void)state;
	corpus(CASES2_DIR, 25, floors_cases2);
}

/* ---------------------------------------------------------------- focused */

static void
test_midnight(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, &w,
	    "# Batch overrun\n\n"
	    "## Summary\n\nOn 14 May 2024 the export ran late.\n\n"
	    "## Timeline (UTC)\n\n"
	    "- 22:40 export starts\n"
	    "- 23:55 alert fires for export runtime\n"
	    "- 00:30 on-call restarts the export\n"
	    "- 01:10 export finished, dashboards back to normal\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[0].time, "2024-05-14T22:40:00+00:00");
	assert_str(inc.timeline[2].time, "2024-05-15T00:30:00+00:00");
	assert_str(inc.start, "2024-05-14T22:40:00+00:00");
	assert_str(inc.end, "2024-05-15T01:10:00+00:00");
	assert_int_equal(inc.duration_minutes, 150);
	assert_int_equal(inc.time_to_detect_minutes, 75);
	assert_str(inc.timeline[1].kind, "detected");
	assert_str(inc.timeline[2].kind, "mitigated");
	assert_str(inc.timeline[3].kind, "resolved");
	assert_int_equal(r.sections.timeline, 7);
	assert_int_equal(w.len, 0);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

static void
test_bold_times_one_paragraph(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	/* one paragraph with soft breaks, and bold times */
	run(&inc, &r, a, &w,
	    "Outage of the ledger\n\n"
	    "**Timeline** (EDT, June 18, 2024)\n"
	    "**14:05** job starts\n"
	    "**14:12** queue alert fires; on-call paged\n"
	    "**14:35** we assume a missing index and add one. No change.\n"
	    "**15:52** backend terminated, locks released\n"
	    "**16:40** backlog drained. Incident closed.\n");
	assert_int_equal(inc.ntimeline, 5);
	assert_str(inc.timeline[0].time, "2024-06-18T14:05:00-04:00");
	assert_str(inc.timeline[0].text, "job starts");
	assert_str(inc.timeline[2].kind, "misleading");
	assert_str(inc.timeline[3].kind, "mitigated");
	assert_str(inc.timeline[4].kind, "resolved");
	assert_str(inc.timezone, "EDT");
	assert_str(inc.title, "Outage of the ledger");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/*
 * A window written in ways that hid its start: a dotted range after a
 * date, and a summary that gives only the end ("until 1:35 pm"), where
 * the start is the timeline's first entry and not the end itself.
 */
static void
test_window_forms(void **state)
{
	static const struct {
		const char *doc, *start, *end;
	} cases[] = {
		{ "# Jobs\n\nWhen: Monday, 8 December 2025, 10.15\xe2\x80\x93"
		    "14.50 CET\n\n## Summary\n\nNo job could be opened.\n",
		    "2025-12-08T10:15:00+01:00", "2025-12-08T14:50:00+01:00" },
		{ "# Files\n\n## Summary\n\nOn Tuesday 17 March 2026 (all "
		    "times Adelaide time) no folder opened for most of the "
		    "day, until 1:35 pm.\n\n## Timeline\n\n**8:50 am** Lessons "
		    "start; folders hang.\n\n**1:35 pm** The server is fast "
		    "again.\n",
		    "2026-03-17T08:50:00+10:30", "2026-03-17T13:35:00+10:30" },
	};

	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		run(&inc, &r, a, &w, cases[i].doc);
		assert_str(inc.start, cases[i].start);
		assert_str(inc.end, cases[i].end);
	}
	/* the cause under "What actually went wrong", not the summary's
	 * first guess */
	run(&inc, &r, a, &w, "# Pages\n\n## Summary\n\nIt looked like a "
	    "breach.\n\n## What actually went wrong\n\nA refactor of the "
	    "cache library changed its keys.\n");
	assert_str(inc.root_cause, "A refactor of the cache library changed "
	    "its keys.");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/*
 * Zones as places are named: more cities, an office's clock, "midday",
 * and a place with its offset in the same brackets, where the offset is
 * what the writer calls the zone for short.
 */
static void
test_zone_names(void **state)
{
	static const struct {
		const char *doc, *start, *zone;
	} cases[] = {
		{ "# Loans\n\nOn 16 August 2025 from 10:02 to 11:34 "
		    "(Minneapolis time) no tool could be lent.\n",
		    "2025-08-16T10:02:00-05:00", "Minneapolis time" },
		{ "# Bookings\n\nBookings opened on 24 February 2026 at "
		    "19:00 Jo'burg time, and failed until 21:30.\n",
		    "2026-02-24T19:00:00+02:00", "Jo'burg time" },
		{ "# Tablets\n\nTimes are Azores time.\n\nOn 29 July 2025, "
		    "from 14:10 to 16:35, the tablets froze.\n",
		    "2025-07-29T14:10:00+00:00", "Azores time" },
		{ "# Cards\n\nOn Monday 5 October 2026 top-ups failed from "
		    "06:30 to 09:50 Canary Islands time.\n",
		    "2026-10-05T06:30:00+01:00", "Canary Islands time" },
		{ "# Tours\n\nTuesday 20 January 2026, from kl. 18.40 to "
		    "kl. 20.55, Troms\xc3\xb8 local time, no bus could be "
		    "booked.\n",
		    "2026-01-20T18:40:00+01:00",
		    "Troms\xc3\xb8 local time" },
		{ "# Seats\n\nOn 14 October 2025, between 18:05 and 20:40 in "
		    "our office time (Lisbon), no seat could be booked.\n",
		    "2025-10-14T18:05:00+01:00", "our office time (Lisbon)" },
		{ "# Seeds\n\nOn 25 September 2025 we opened sales at midday, "
		    "Hobart time. From 12:00 until 13:10, checkout hung.\n",
		    "2025-09-25T12:00:00+10:00", "Hobart time" },
		{ "# Rooms\n\nOn 3 April 2025 from 10:05 till 13:40 (Tbilisi "
		    "time, GMT+4) the booking failed.\n",
		    "2025-04-03T10:05:00+04:00", "GMT+4" },
		/* an abbreviation keeps its place before the offset */
		{ "# Cars\n\nOn 16 February 2025, from 2:30pm to 5:10pm Muscat "
		    "time (GST, UTC+4), no car could be booked.\n",
		    "2025-02-16T14:30:00+04:00", "GST" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_warnings w = PM_WARNINGS_INIT;
		struct pm_extract_report r;
		struct pm_incident inc;

		run(&inc, &r, a, &w, cases[i].doc);
		assert_str(inc.start, cases[i].start);
		assert_str(inc.timezone, cases[i].zone);
		pm_warnings_free(&w);
		pm_arena_free(a);
	}
}

/* "14:10ish" is a time, said roughly; after "9:40pm", a bare "11:10"
 * that follows "10:52" is still the evening, and "12:31am" the night
 * after it, not a day later. */
static void
test_rough_and_evening_times(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Scores down\n\n"
	    "Fri 25 Sep 2026, 9:40pm to 12:50am CDT, scores failed.\n\n"
	    "## Timeline\n\n"
	    "- 9:40pm first errors\n"
	    "- 10:20ish opened a ticket\n"
	    "- 10:52 found the limit\n"
	    "- 11:10 cut the pool\n"
	    "- 12:31am resize done\n"
	    "- 12:50am closed\n");
	assert_int_equal(inc.ntimeline, 6);
	assert_str(inc.timeline[1].time, "2026-09-25T22:20:00-05:00");
	assert_str(inc.timeline[3].time, "2026-09-25T23:10:00-05:00");
	assert_str(inc.timeline[4].time, "2026-09-26T00:31:00-05:00");
	pm_arena_free(a);
}

/* A table pandoc wrote as a grid, its cells wrapped over lines, is read
 * as the table it draws: rows for the timeline, rows for the measures
 * with their status. */
static void
test_grid_table(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Stream froze\n\n"
	    "On 6 November 2026 the stream froze from 10:58 to 13:25 CET.\n\n"
	    "# Timeline\n\n"
	    "+-------+----------------------------+\n"
	    "| Time  | Event                      |\n"
	    "+=======+============================+\n"
	    "| 10:58 | Stream goes live; a |\n"
	    "|       | relative reports freezing. |\n"
	    "+-------+----------------------------+\n"
	    "| 13:25 | Upload copy paused; the    |\n"
	    "|       | stream is smooth again.    |\n"
	    "+-------+----------------------------+\n\n"
	    "# Measures\n\n"
	    "+-----------------------------+--------+\n"
	    "| Measure                     | Status |\n"
	    "+=============================+========+\n"
	    "| Limit the camera upload     | Done   |\n"
	    "+-----------------------------+--------+\n"
	    "| Quote for a second line for | Open   |\n"
	    "| streaming                   |        |\n"
	    "+-----------------------------+--------+\n");
	assert_int_equal(inc.ntimeline, 2);
	assert_str(inc.timeline[0].time, "2026-11-06T10:58:00+01:00");
	assert_str(inc.timeline[0].text,
	    "Stream goes live; a relative reports freezing.");
	assert_str(inc.timeline[1].time, "2026-11-06T13:25:00+01:00");
	assert_int_equal(inc.naction_items, 2);
	assert_str(inc.action_items[1].text,
	    "Quote for a second line for streaming");
	assert_true(inc.action_items[0].done);
	assert_false(inc.action_items[1].done);
	pm_arena_free(a);
}

/* Prose wrapped by the writer's editor is read as one line: a range cut
 * by a line break is still a range.  Lines of fields, and lines of a list
 * typed without markers, stay lines. */
static void
test_wrapped_prose(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Seat maps hung\n\n"
	    "Date: 20 May 2026\nSeverity: Sev-2\n\n"
	    "## Summary\n\n"
	    "Customers could search trips but could not choose a seat. The "
	    "impact was from 11:20\n"
	    "to 13:15 UTC. Between 11:50 and 12:30 it was working again "
	    "after a restart.\n\n"
	    "## Tasks\n\n"
	    "Hold no row lock across a call to the pricing service at all\n"
	    "Alert when the seat-map service waits on locks for a minute\n");
	assert_str(inc.start, "2026-05-20T11:20:00+00:00");
	assert_str(inc.end, "2026-05-20T13:15:00+00:00");
	assert_str(inc.severity, "Sev-2");
	assert_int_equal(inc.naction_items, 2);
	pm_arena_free(a);
}

/* A first entry with its day and time, the evening before, and then
 * times alone: the next morning's. */
static void
test_dated_first_entry(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Pickups failing\n\n## Summary\n\n"
	    "On Saturday 18 July 2026 confirmations were slow from 09:10 "
	    "and back at 12:55.\n\n## Timeline\n\n"
	    "- Fri 17 July, 16:30 — consumer 2.9 deployed.\n"
	    "- 09:10 — latency rises.\n- 12:55 — back to normal.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].time, "2026-07-18T09:10:00");
	assert_str(inc.end, "2026-07-18T12:55:00");
	pm_arena_free(a);
}

/* The window of the customer impact, in a field or a sentence, beats the
 * phases and the internal window told beside it. */
static void
test_impact_window(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Selfies failing\n\n"
	    "Customer impact: 08:15 to 11:20 UTC, Wednesday 6 May 2026\n\n"
	    "## Summary\n\n"
	    "The vendor slowed down, then failed every request from 09:30 "
	    "to 10:45.\n");
	assert_str(inc.start, "2026-05-06T08:15:00+00:00");
	assert_str(inc.end, "2026-05-06T11:20:00+00:00");
	run(&inc, &r, a, NULL,
	    "# Sign-ins failing\n\n"
	    "Date: Saturday 20 June 2026, times in UTC\n\n"
	    "## Summary\n\n"
	    "Customer impact began at 19:02 and ended at 21:31. Sign-ins "
	    "were slow from 19:02 and failed completely from 20:11 to "
	    "21:02.\n");
	assert_str(inc.start, "2026-06-20T19:02:00+00:00");
	assert_str(inc.end, "2026-06-20T21:31:00+00:00");
	assert_str(r.times_source, "impact window");
	pm_arena_free(a);
}

/* A status page's history, newest first, each update's stamp under its
 * message: read oldest first, the times inside messages not entries. */
static void
test_status_updates(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Uploads failing\n\n"
	    "On 4 May 2026 uploads failed from 07:50 to 10:05 UTC.\n\n"
	    "## Incident history\n\n"
	    "**Resolved**\n"
	    "Uploads have worked normally since 10:05.\n"
	    "May 4, 10:30 UTC\n\n"
	    "**Identified**\n"
	    "A full disk on one storage node. Freeing space now.\n"
	    "Posted May 4, 2026 - 09:12 UTC\n\n"
	    "**Investigating**\n"
	    "We are looking into failed uploads.\n"
	    "May 4, 08:01 UTC\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[0].time, "2026-05-04T08:01:00+00:00");
	assert_str(inc.timeline[0].text,
	    "Investigating: We are looking into failed uploads.");
	assert_str(inc.timeline[1].time, "2026-05-04T09:12:00+00:00");
	assert_str(inc.timeline[2].time, "2026-05-04T10:30:00+00:00");
	assert_str(inc.timeline[2].text,
	    "Resolved: Uploads have worked normally since 10:05.");

	/* a heading per update, its stamp a paragraph of its own, with a
	 * middle dot between the date and the time */
	run(&inc, &r, a, NULL,
	    "# Gate slots\n\n"
	    "## Timeline (status page, newest first)\n\n"
	    "### Resolved\n\nBooking works again.\n\n"
	    "*Jul 8, 2025 \xc2\xb7 4:52 PM TRT*\n\n"
	    "### Monitoring\n\nA fix is applied.\n\nWe are watching.\n\n"
	    "*Jul 8, 2025 \xc2\xb7 4:38 PM TRT*\n\n"
	    "### Investigating\n\nSome companies cannot book.\n\n"
	    "*Jul 8, 2025 \xc2\xb7 2:26 PM TRT*\n\n"
	    "## Root cause\n\nA gateway limit set too low.\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[0].time, "2025-07-08T14:26:00+03:00");
	assert_str(inc.timeline[0].text,
	    "Investigating: Some companies cannot book.");
	assert_str(inc.timeline[1].text,
	    "Monitoring: A fix is applied. We are watching.");
	assert_str(inc.timeline[2].time, "2025-07-08T16:52:00+03:00");

	/* beside a timeline of its own, the updates are not it */
	run(&inc, &r, a, NULL,
	    "# Uploads failing\n\n"
	    "## Timeline\n\n"
	    "- 4 May 2026 07:50 UTC: a storage node's disk fills up\n"
	    "- 4 May 2026 10:05 UTC: space freed, uploads work\n\n"
	    "## Incident updates\n\n"
	    "**Resolved** - Uploads work again.\n"
	    "*Posted May 4, 2026 - 10:30 UTC*\n\n"
	    "**Investigating** - We are looking into failed uploads.\n"
	    "*Posted May 4, 2026 - 08:01 UTC*\n");
	assert_int_equal(inc.ntimeline, 2);
	assert_str(inc.timeline[1].time, "2026-05-04T10:05:00+00:00");
	pm_arena_free(a);
}

static void
test_table_timeline(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, &w,
	    "# Card payments failing\n\n"
	    "Date: 2024-03-09\n\n"
	    "### Timeline\n\n"
	    "| Time (SGT) | Event | Owner |\n"
	    "|---|---|---|\n"
	    "| 7:30 PM | Provider latency starts climbing | - |\n"
	    "| 7:38 PM | Alert: payment success below 90% | on-call |\n"
	    "| 8:31 PM | Backup provider enabled | payments |\n"
	    "| next morning | Provider sends a report | - |\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].time, "2024-03-09T19:38:00+08:00");
	assert_str(inc.timeline[1].kind, "detected");
	assert_str(inc.timezone, "SGT");
	assert_int_equal(inc.time_to_detect_minutes, 8);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

/* The kinds of the entries of a document's timeline, comma-separated. */
static void
assert_kinds(const struct pm_incident *inc, const char *want)
{
	char got[512];
	size_t n = 0;

	got[0] = '\0';
	for (size_t i = 0; i < inc->ntimeline && n < sizeof(got) - 16; i++)
		n += (size_t)snprintf(got + n, sizeof(got) - n, "%s%s",
		    i ? "," : "", inc->timeline[i].kind);
	if (strcmp(got, want) != 0)
		fail_msg("kinds: got %s, want %s", got, want);
}

/* Denied words are not said: "no alert fires", "nobody has noticed",
 * "before anyone was paged". */
static void
test_kinds_denied(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Queue stall\n\nOn 3 June 2024 the consumers stalled.\n\n"
	    "## Timeline (UTC)\n\n"
	    "- 08:10 Consumer lag starts to grow. No alert fires yet: the "
	    "threshold is 30 minutes.\n"
	    "- 08:25 Lag at 40k messages; nobody has noticed so far.\n"
	    "- 08:31 The lag alert fires and the on-call acknowledges.\n"
	    "- 08:40 The on-call checks the consumer logs before anyone "
	    "else is paged.\n"
	    "- 08:52 Patched consumer deployed; lag falls.\n"
	    "- 09:05 Lag at zero, resolved.\n");
	assert_kinds(&inc, "other,other,detected,investigated,mitigated,"
	    "resolved");
	assert_int_equal(inc.time_to_detect_minutes, 21);
	pm_arena_free(a);

	/* a denial after the word, and one that a "but" ends */
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# T\n\n## Timeline\n\n"
	    "- 14:00 Disk fills up; the disk alert did not fire.\n"
	    "- 14:20 A customer emails support about failed uploads.\n"
	    "- 14:30 We do not roll back but disable the upload worker.\n"
	    "- 14:45 Uploads are back to normal, but the incident is not "
	    "resolved.\n"
	    "- 15:00 Old files cleaned up. Incident closed.\n");
	assert_kinds(&inc, "other,detected,mitigated,resolved,resolved");
	pm_arena_free(a);
}

/* Quoted words, log lines, passive voice, symptoms that stop, and what a
 * page or a report means after the detection. */
static void
test_kinds_words(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Invoices failing\n\n## Timeline\n\n"
	    "- 10:00 Deploy of billing 3.2 finishes; old pods are being "
	    "terminated.\n"
	    "- 10:01 Workers saturate the reporting database.\n"
	    "- 10:02 Worker logs fill with ERROR: deadlock detected while "
	    "saving invoices.\n"
	    "- 10:04 Dashboards show \"conflicts detected\" on the invoice "
	    "table.\n"
	    "- 10:06 Error-rate alert fires.\n"
	    "- 10:09 Support escalates customer tickets to the on-call.\n"
	    "- 10:11 Database on-call paged.\n"
	    "- 10:15 The flag was reverted and the workers are being "
	    "restarted.\n"
	    "- 10:18 Errors stop.\n"
	    "- 10:30 Status page set to \"Resolved\".\n");
	assert_kinds(&inc, "other,other,other,other,detected,escalated,"
	    "escalated,mitigated,resolved,other");
	/* no day is written: the times stay times */
	assert_str(inc.start, NULL);
	assert_str(inc.end, NULL);
	assert_int_equal(inc.duration_minutes, 18);
	assert_int_equal(r.end_line, 13);
	pm_arena_free(a);
}

/* A narrative timeline: an entry at each time an event happened, in the
 * middle of a sentence too; bounds ("until 11:30") are no events. */
static void
test_narrative_timeline(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Search down\n\nOn 9 October 2024 search was down.\n\n"
	    "## Timeline\n\n"
	    "The indexer deploy finished at 09:12 UTC and queries began to "
	    "time out. At 09:20 the latency alert fired. The on-call looked "
	    "at the cluster, saw two nodes out of memory, and at 09:41 UTC "
	    "the on-call issued a rollback of the indexer. The cluster was "
	    "healthy again by 10:05, although reindexing went on until "
	    "11:30 (the backlog from 08:00 included).\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[0].text, "The indexer deploy finished at "
	    "09:12 UTC and queries began to time out.");
	assert_str(inc.timeline[1].text, "the latency alert fired.");
	assert_str(inc.timeline[2].time, "2024-10-09T09:41:00+00:00");
	assert_kinds(&inc, "other,detected,mitigated,resolved");
	assert_str(inc.start, "2024-10-09T09:12:00+00:00");
	assert_str(inc.end, "2024-10-09T10:05:00+00:00");
	assert_int_equal(inc.time_to_detect_minutes, 8);
	pm_arena_free(a);
}

/*
 * Shapes of writing, each a document and what it must give (NULL, -2:
 * not asserted): times written without am/pm take the pm the document
 * gives them elsewhere or the part of the day it names, and a 24-hour
 * clock is kept; regional zones take daylight time in summer; an
 * overnight incident takes the day it began, even when the document is
 * dated by the day it ended; and more.
 */
static const struct shape {
	const char *what, *doc, *start, *end, *first, *title;
	long ttd, ntimeline, nitems;
} shapes[] = {
	{ "pm written elsewhere",
	    "# Slow reports\n\nDate: May 14, 2024\n\n"
	    "Summary: From 1:10 to 2:05 report exports hung.\n\n"
	    "## Timeline (EDT)\n\n- 1:10 PM exports start to hang\n"
	    "- 1:22 PM alert fires\n- 2:05 PM exports complete, resolved\n",
	    "2024-05-14T13:10:00-04:00", "2024-05-14T14:05:00-04:00", NULL,
	    NULL, 12, 3, -2 },
	{ "a clock in words, on a document with a 24-hour timeline",
	    "# Tills\n\nOn Tuesday 3 December 2024, from half past one in the "
	    "afternoon until a quarter to four (Central European Time), the "
	    "tills refused cards.\n\n## Timeline\n\n- 13:20 - deploy\n"
	    "- 13:30 - first refusals\n- 15:45 - all clear\n",
	    "2024-12-03T13:30:00+01:00", "2024-12-03T15:45:00+01:00", NULL,
	    NULL, -2, 3, -2 },
	{ "zones written as people write them",
	    "# Search\n\nAll times Zulu.\n\nOn 2 May 2024 from 18:52 to "
	    "20:31 search returned nothing.\n",
	    "2024-05-02T18:52:00+00:00", "2024-05-02T20:31:00+00:00", NULL,
	    NULL, -2, -2, -2 },
	{ "a place's local time",
	    "# Leasing\n\nAll times are local (Berlin).\n\nOn 26 June 2025 "
	    "from 09:40 to 13:10 no lease could be signed.\n",
	    "2025-06-26T09:40:00+02:00", "2025-06-26T13:10:00+02:00", NULL,
	    NULL, -2, -2, -2 },
	{ "a typographic minus",
	    "# Export\n\nBetween 2.15pm and 5.40pm (UTC\xe2\x88\x92" "5) on 9 "
	    "February 2026 no order could be confirmed.\n",
	    "2026-02-09T14:15:00-05:00", "2026-02-09T17:40:00-05:00", NULL,
	    NULL, -2, -2, -2 },
	{ "the scene first, then the impact with its start",
	    "# Moves late\n\nRound 5 started at 19:00 UTC on Friday 13 March "
	    "2026. From 19:20 UTC, moves arrived seconds late. Service was "
	    "restored at 21:30 UTC.\n",
	    "2026-03-13T19:20:00+00:00", "2026-03-13T21:30:00+00:00", NULL,
	    NULL, -2, -2, -2 },
	{ "a response that opens with from",
	    "# Queue\n\nThe queue stalled at 10:00 UTC on 4 April 2025. "
	    "From 10:30 UTC, we drained it by hand. It was restored at "
	    "11:15 UTC.\n",
	    "2025-04-04T10:00:00+00:00", "2025-04-04T11:15:00+00:00", NULL,
	    NULL, -2, -2, -2 },
	{ "in the afternoon",
	    "# Kiosks\n\nOn Friday 7 June 2024, in the afternoon, the store "
	    "kiosks froze from 3:05 to 4:20 CEST.\n",
	    "2024-06-07T15:05:00+02:00", "2024-06-07T16:20:00+02:00", NULL,
	    NULL, -2, -2, -2 },
	{ "in the evening, without am/pm",
	    "# Bookings\n\nOn 3 March 2024, in the evening, bookings failed "
	    "from 8:10 to 9:40 ET.\n",
	    "2024-03-03T20:10:00-05:00", "2024-03-03T21:40:00-05:00", NULL,
	    NULL, -2, -2, -2 },
	{ "an evening elsewhere, and 12:xx written bare",
	    "# Races dropped\n\nOn 17 July 2025, from 10:31 to 12:07 PT, "
	    "players were dropped from races.\n\n## Impact\n\n"
	    "- A third of players online dropped.\n- Europe was not touched; "
	    "its rollout was set for the evening.\n",
	    "2025-07-17T10:31:00-07:00", "2025-07-17T12:07:00-07:00", NULL,
	    NULL, -2, -2, -2 },
	{ "a 24-hour clock",
	    "# Night batch\n\nOn 7 June 2024 the batch failed from 2:05 to "
	    "3:30 UTC. The retry at 14:00 worked.\n",
	    "2024-06-07T02:05:00+00:00", "2024-06-07T03:30:00+00:00", NULL,
	    NULL, -2, -2, -2 },
	{ "after lunch, a timeline",
	    "# Printers\n\nOn 8 July 2024, just after lunch, the label "
	    "printers stopped.\n\n## Timeline\n\n- 12:50 print queue grows\n"
	    "- 1:05 first complaint from packing\n"
	    "- 2:10 spooler restarted, printing back to normal\n",
	    "2024-07-08T12:50:00", "2024-07-08T14:10:00",
	    "2024-07-08T12:50:00", NULL, 15, 3, -2 },
	{ "an end that pm puts on the same day",
	    "# Late one\n\nOn 2 May 2024 in the afternoon the API failed from "
	    "11:30 to 1:15 ET.\n",
	    "2024-05-02T11:30:00-04:00", "2024-05-02T13:15:00-04:00", NULL,
	    NULL, -2, -2, -2 },
	{ "PT in summer",
	    "# Logins\n\nFrom 9:05 to 9:31 AM PT on June 21, 2024 logins "
	    "failed.\n",
	    "2024-06-21T09:05:00-07:00", "2024-06-21T09:31:00-07:00", NULL,
	    NULL, -2, -2, -2 },
	{ "PT in winter",
	    "# Logins\n\nFrom 9:05 to 9:31 AM PT on January 21, 2024 logins "
	    "failed.\n",
	    "2024-01-21T09:05:00-08:00", "2024-01-21T09:31:00-08:00", NULL,
	    NULL, -2, -2, -2 },
	{ "a range dated by the day it began",
	    "# Queue stall\n\nDate: March 4, 2024\n\n## Summary\n\n"
	    "From 23:10 UTC on March 3 to 01:40 the mail queue stalled.\n\n"
	    "## Timeline\n\n- 23:10 consumers stop\n- 23:30 alert fires\n"
	    "- 00:20 consumers restarted\n- 01:40 queue drained, resolved\n",
	    "2024-03-03T23:10:00+00:00", "2024-03-04T01:40:00+00:00",
	    "2024-03-03T23:10:00+00:00", NULL, 20, 4, -2 },
	{ "the early hours of the day it ended",
	    "# Queue stall\n\nIn the early hours of March 4, 2024 the mail "
	    "queue stalled.\n\n## Timeline (UTC)\n\n- 23:10 consumers stop\n"
	    "- 23:30 alert fires\n- 00:20 consumers restarted\n"
	    "- 01:40 queue drained, resolved\n",
	    "2024-03-03T23:10:00+00:00", "2024-03-04T01:40:00+00:00",
	    "2024-03-03T23:10:00+00:00", NULL, 20, 4, -2 },
	{ "just after midnight, a range",
	    "# Queue stall\n\nJust after midnight on 4 March 2024, from 23:50 "
	    "to 00:40 UTC, the mail queue stalled.\n",
	    "2024-03-03T23:50:00+00:00", "2024-03-04T00:40:00+00:00", NULL,
	    NULL, -2, -2, -2 },
	{ "the day written is the day it began",
	    "# Queue stall\n\nOn March 3, 2024 the mail queue stalled.\n\n"
	    "## Timeline (UTC)\n\n- 23:10 consumers stop\n"
	    "- 01:40 queue drained, resolved\n",
	    "2024-03-03T23:10:00+00:00", "2024-03-04T01:40:00+00:00",
	    "2024-03-03T23:10:00+00:00", NULL, -2, 2, -2 },
	{ "emoji before the times",
	    "# T\n\nDate: 2024-05-02\n\n"
	    "## \xe2\x8f\xb1\xef\xb8\x8f Timeline\n\n"
	    "- \xf0\x9f\x94\xb4 10:12 \xe2\x80\x94 uploads fail\n"
	    "- \xf0\x9f\x94\x94 10:31 \xe2\x80\x94 alert fires\n"
	    "- \xe2\x9c\x85 11:04 \xe2\x80\x94 uploads back to normal\n",
	    "2024-05-02T10:12:00", "2024-05-02T11:04:00", NULL, NULL, 19, 3,
	    -2 },
	{ "HHMM under a time column",
	    "# Power\n\nDATE: 05 FEB 2024\n\n| TIME (Z) | EVENT |\n|---|---|\n"
	    "| 0914 | breaker trips |\n| 0916 | power alert pages on-call |\n"
	    "| 1052 | node back, latency normal |\n",
	    "2024-02-05T09:14:00+00:00", "2024-02-05T10:52:00+00:00", NULL,
	    NULL, 2, 3, -2 },
	{ "a ticket's Resolved field and the impact's range",
	    "# Webhooks late\n\n| Field | Value |\n|---|---|\n"
	    "| Resolved | 06/Feb/24 2:02 PM |\n\n## Description\n\n"
	    "From 09:20 to 12:10 UTC on 6 February 2024 webhooks were "
	    "late.\n",
	    "2024-02-06T09:20:00+00:00", "2024-02-06T12:10:00+00:00", NULL,
	    NULL, -2, -2, -2 },
	{ "a weekday and a year written apart date a day without a year",
	    "# We fell over on tax day\n\nIf you filed on the evening of "
	    "Tuesday, April 15th, you saw errors.\n\nFrom 9:05pm to 11:40pm "
	    "ET on tax day 2025 about 30% of users could not file.\n",
	    "2025-04-15T21:05:00-04:00", "2025-04-15T23:40:00-04:00", NULL,
	    NULL, -2, -2, -2 },
	{ "a paragraph that opens with the range",
	    "# API redirected \xe2\x80\x94 Sun 2 Jun 2024\n\n14:03\xe2\x80\x93"
	    "14:21 ET (18 min). Every API request got a redirect.\n",
	    "2024-06-02T14:03:00-04:00", "2024-06-02T14:21:00-04:00", NULL,
	    NULL, -2, -2, -2 },
	{ "an ambiguous abbreviation the document defines",
	    "# Orders slow\n\nTime zone: all times in CST (China Standard "
	    "Time, UTC+8)\n\nOn 18 June 2024, from 20:14 to 21:09 CST, "
	    "order pages timed out.\n",
	    "2024-06-18T20:14:00+08:00", "2024-06-18T21:09:00+08:00", NULL,
	    NULL, -2, -2, -2 },
	{ "a region named next to the abbreviation",
	    "# SSO down\n\nOn Thursday, 11 July 2024, from 08:20 to 10:12 "
	    "Irish time (IST), single sign-on failed.\n",
	    "2024-07-11T08:20:00+01:00", "2024-07-11T10:12:00+01:00", NULL,
	    NULL, -2, -2, -2 },
	{ "the same times in a second zone define nothing",
	    "# Search slow\n\n**Duration:** 14:00\xe2\x80\x93" "15:35 IST "
	    "(10:30\xe2\x80\x93" "12:05 CEST) on 2 October 2024.\n",
	    "2024-10-02T14:00:00+05:30", "2024-10-02T15:35:00+05:30", NULL,
	    NULL, -2, -2, -2 },
	{ "the early hours that date the end, not the start",
	    "# Dispatch late\n\n## Summary\n\nFrom the night of Wednesday 4 "
	    "December until the early hours of Friday 6 December 2024, "
	    "dispatch was late.\n\nIt started at 22:47 MSK on 4 December "
	    "and ended at 03:10 MSK on 6 December.\n",
	    "2024-12-04T22:47:00+03:00", "2024-12-06T03:10:00+03:00", NULL,
	    NULL, -2, -2, -2 },
	{ "the timeline's 'impact starts' beats the story's first time",
	    "# Fibre cut\n\n## What happened\n\nAt 23:39 UTC on 19 November "
	    "2024, path B went dark.\n\n## Timeline\n\n"
	    "| Time (UTC) | Event |\n|---|---|\n"
	    "| 2024-11-19 23:39 | Path B fails |\n"
	    "| 2024-11-19 23:41 | Loss begins; **impact starts** |\n"
	    "| 2024-11-20 01:07 | Loss at baseline; **impact ends** |\n"
	    "| 2024-11-20 06:30 | Splice done, closed |\n",
	    "2024-11-19T23:41:00+00:00", "2024-11-20T01:07:00+00:00", NULL,
	    NULL, -2, 4, -2 },
	{ "an entry that says the outage ends beats a later resolved one",
	    "# Tiles\n\n## Timeline\n\n2024-04-08 (all times UTC)\n\n"
	    "- 16:24 OUTAGE BEGINS, renderers killed\n"
	    "- 16:26 alert pages the on-call\n"
	    "- 17:15 OUTAGE MITIGATED, error rate below 1%\n"
	    "- 17:30 OUTAGE ENDS, traffic served normally\n"
	    "- 18:05 Incident closed\n",
	    "2024-04-08T16:24:00+00:00", "2024-04-08T17:30:00+00:00", NULL,
	    NULL, 2, 5, -2 },
	{ "a stated duration lands on an entry of the timeline",
	    "# Tiles\n\nTiles failed for 51 minutes.\n\n## Timeline\n\n"
	    "2024-04-08 (all times UTC)\n\n- 16:24 renderers killed\n"
	    "- 16:30 alert pages the on-call\n"
	    "- 17:15 error rate back to normal\n"
	    "- 18:05 incident closed\n",
	    "2024-04-08T16:24:00+00:00", "2024-04-08T17:15:00+00:00", NULL,
	    NULL, 6, 4, -2 },
	{ "prose that says when it was found",
	    "# What happened to the exports on Sunday\n\nOn Sunday, May 5, "
	    "2024 exports failed. The outage began at 4:12 a.m. UTC and "
	    "exports were fully restored at 6:40 a.m. UTC.\n\nOur monitoring "
	    "paged the on-call engineer at 4:31 a.m. The engineer restarted "
	    "the workers at 5:10 a.m., which restored nothing.\n",
	    "2024-05-05T04:12:00+00:00", "2024-05-05T06:40:00+00:00", NULL,
	    "What happened to the exports on Sunday", 19, 0, -2 },
	{ "sections numbered as list items",
	    "Report: exports\n\n1. Summary\n\nOn 5 May 2024 exports failed "
	    "from 10:00 to 11:00 UTC.\n\n2. Root cause\n\nA config typo.\n\n"
	    "3. Corrective actions\n\n1. Fix the typo (done)\n"
	    "2. Lint the config\n",
	    "2024-05-05T10:00:00+00:00", "2024-05-05T11:00:00+00:00", NULL,
	    NULL, -2, -2, 2 },
};

static void
test_shapes(void **state)
{
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++) {
		const struct shape *c = &shapes[i];
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;
		const char *first;

		run(&inc, &r, a, NULL, c->doc);
		first = inc.ntimeline ? inc.timeline[0].time : NULL;
		if (!same_or_null(inc.start, c->start) ||
		    !same_or_null(inc.end, c->end) ||
		    (c->first && !same_or_null(first, c->first)) ||
		    (c->title && !same_or_null(inc.title, c->title)) ||
		    (c->ttd != -2 && inc.time_to_detect_minutes != c->ttd) ||
		    (c->ntimeline != -2 && (long)inc.ntimeline !=
		    c->ntimeline) || (c->nitems != -2 &&
		    (long)inc.naction_items != c->nitems)) {
			print_message("%s: start %s end %s first %s title %s "
			    "ttd %ld entries %zu items %zu\n", c->what,
			    inc.start ? inc.start : "-",
			    inc.end ? inc.end : "-", first ? first : "-",
			    inc.title ? inc.title : "-",
			    inc.time_to_detect_minutes, inc.ntimeline,
			    inc.naction_items);
			bad++;
		}
		pm_arena_free(a);
	}
	assert_int_equal(bad, 0);
}

/* A date without a year takes the year of the fallback date; a file
 * name's date is the day of times written without one. */
static void
test_fallback_date(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_extract_report r;
	struct pm_extract_opts o;
	struct pm_markdown *md = NULL;
	struct pm_incident inc;
	const char *text = "# Disk full\n\nOn Monday, December 30 the disk "
	    "filled up from 10:05 to 10:50 UTC.\n";

	(void)state;
	ingest(&inc, a, &w, "2025-01-03-disk.md", text);
	assert_str(inc.start, "2024-12-30T10:05:00+00:00");
	ingest(&inc, a, &w, "notes/2023-06-12-disk.md",
	    "# Disk full\n\n## Timeline (UTC)\n\n- 10:05 disk full\n"
	    "- 10:50 space freed, resolved\n");
	assert_str(inc.start, "2023-06-12T10:05:00+00:00");
	assert_str(inc.timeline[1].time, "2023-06-12T10:50:00+00:00");
	/* a written year wins */
	ingest(&inc, a, &w, "2025-01-03-disk.md", "# Disk full\n\nOn "
	    "December 30, 2022 the disk filled up from 10:05 to 10:50 "
	    "UTC.\n");
	assert_str(inc.start, "2022-12-30T10:05:00+00:00");

	/* a commit date gives the year, not the day */
	memset(&o, 0, sizeof(o));
	o.fallback_date = "2024-02-01T09:00:00+01:00";
	assert_int_equal(pm_markdown_parse(&md, text, strlen(text), NULL,
	    NULL), 0);
	pm_incident_init(&inc);
	pm_extract_run(&r, &inc, a, md, &o, NULL);
	assert_str(inc.start, "2023-12-30T10:05:00+00:00");
	pm_markdown_free(md);
	md = NULL;
	text = "# Disk full\n\n## Timeline (UTC)\n\n- 10:05 disk full\n"
	    "- 10:50 space freed, resolved\n";
	assert_int_equal(pm_markdown_parse(&md, text, strlen(text), NULL,
	    NULL), 0);
	pm_incident_init(&inc);
	pm_extract_run(&r, &inc, a, md, &o, NULL);
	assert_str(inc.start, NULL);
	assert_str(inc.timeline[0].time, "10:05");
	pm_markdown_free(md);
	pm_warnings_free(&w);
	pm_arena_free(a);
}

static void
test_impact_words(void **state)
{
	static const struct {
		const char *text;
		double want;
	} cases[] = {
		{ "Roughly 30% of users saw a blank page.", 30 },
		{ "The bug reached 65% of our user base.", 65 },
		{ "Three quarters of users saw errors.", 75 },
		{ "Half of all customers never reached the page.", 50 },
		{ "About 1 in 5 users could not book.", 20 },
		{ "1 in 8 donation requests timed out.", 12.5 },
		{ "Roughly a third of our merchants had a stuck payout.", 33 },
		{ "All users were logged out and could not sign in.", 100 },
		{ "CPU sat at 95% for an hour.", NAN },
		{ "Traffic was up 30% on last week.", NAN },
		{ "A 40% increase in users signing up.", NAN },
		{ "We apologize to all affected users.", NAN },
		{ "For five and a half hours no email was sent.", NAN },
		{ "CPU was at 95% and traffic grew, affecting 12% of "
		    "requests.", 12 },
		{ "Reports were late for 12 of our 40 enterprise tenants.",
		    30 },
		{ "9 of the 36 merchants saw failed payouts.", 25 },
		{ "~15% of requests to the upload API failed.", 15 },
		{ "Two thirds of EU search requests returned nothing.", 67 },
		{ "Roughly one in ten payments failed.", 10 },
		{ "3 of our 5 database nodes restarted.", NAN },
		{ "It locked 1,200 of our 8,000 active customer accounts.",
		    15 },
		{ "Two in every five searches came back empty.", 40 },
		{ "While it was off, every user (100%) saw placeholders.",
		    100 },
		{ "Roughly 1/4 of users could not pay.", 25 },
		/* all of a region, which is a share of the whole */
		{ "Sign-in failed for all users in the EU region (roughly "
		    "40% of our base).", 40 },
		{ "We rebuilt 30% of the base image layers; logins failed.",
		    NAN },
		/* thousands and millions written short */
		{ "Approximately 5k of 20k active portal users could not "
		    "log in.", 25 },
		{ "1.2M of 4.8M requests failed.", 25 },
		{ "7 of every 10 fund transfers failed.", 70 },
		{ "One in eight messages failed to send.", 12.5 },
		{ "11 of 16 production lines were stopped.", 68.75 },
		{ "Roughly 2,300 of 9,200 donors were charged late.", 25 },
		/* a share in brackets that agrees with "N of M", whatever
		 * the noun */
		{ "About 40,800 of 340,000 thermostats (12%) went offline.",
		    12 },
		{ "About 2 in 5 scheduled video visits could not connect.",
		    40 },
		{ "3 of 40 builds (50%) failed.", NAN },
		/* in a sentence about the impact, a count of anything but
		 * machines and resources */
		{ "Roughly one in six card authorisations for our debit "
		    "cards was declined.", 16.7 },
		{ "About 3 in 10 clinics could not check patients in.", 30 },
		{ "1 in 8 badge taps were rejected at the door.", 12.5 },
		{ "Two of our five distribution centres could not scan.",
		    40 },
		{ "2 of our 6 database nodes failed over.", NAN },
		{ "3 of 12 Kafka brokers were offline.", NAN },
		{ "About 96% of permits were affected: every annual one.",
		    96 },
		{ "Disk use reached 96% of the volume and writes failed.",
		    NAN },
		{ "It took 41,000 attempts; 99.2% of them were declined.",
		    NAN },
		/* "one of the N" names one, it is no share */
		{ "If you shopped at one of the 2,600 shops, checkout "
		    "failed.", NAN },
		{ "A quarter of dashboard loads timed out.", 25 },
		{ "3,412 of our 41,000 subscribers were charged twice.", 8.3 },
		{ "Errors for every thumbnail request. About 30% of page "
		    "views showed broken images.", 30 },
		{ "12,000 of 48,000 active merchants saw a failed checkout; "
		    "every attempt failed before payment.", 25 },
		{ "An estimated 2 out of every 5 map tile requests failed.",
		    40 },
		{ "The plan was to move from 5% to 10% of shoppers. The "
		    "effect was that 90% of shoppers got the broken page.", 90 },
		{ "Nine of our twelve inpatient units were affected.", 75 },
		/* a fraction of any noun after "of", in the impact section */
		{ "About three quarters of clinicians who tried to log in "
		    "were refused.", 75 },
		{ "Roughly two thirds of staff who sent email had messages "
		    "bounce.", 67 },
		{ "For an hour and a quarter the API timed out.", NAN },
		{ "The backup link is a tenth of the size and dropped "
		    "packets.", NAN },
		/* people before requests; a whole after a part */
		{ "Errors on about 12% of page loads, and about 38% of "
		    "active users saw at least one failed page.", 38 },
		{ "Nearly all of our best sellers failed, so about half of "
		    "visitors hit an error.", 50 },
		{ "All US checkouts (a little over half of our order volume, "
		    "54%) failed.", 54 },
		{ "Of the 9,800 students who tried to enrol, 2,140 had at "
		    "least one add fail.", 21.8 },
		{ "Every player online at this time was disconnected.", 100 },
		{ "Approximately two of every five procedures ended in an "
		    "error.", 40 },
		{ "Ad requests from about 3 in 10 of our publishers (870 of "
		    "2,870) were refused.", 30 },
		{ "Roughly 70% of our regulars play there, so most of you "
		    "were affected.", 70 },
		{ "1,150 of our 3,400 managed laptops received the profile.",
		    33.8 },
		{ "Guests from the UK make up about 30% of booking attempts.",
		    30 },
		{ "About one player in three opened the launcher and all of "
		    "them were affected.", 33 },
		{ "The plan was to add one server in two weeks.", NAN },
		{ "Of the 9,412 payment instructions submitted, 1,338 (14.2%) "
		    "settled late.", 14.2 },
		{ "8% of login requests were locked out, because our rule (5 "
		    "failures in 15 minutes) fired.", 8 },
		{ "14 of the 58 hotels on our engine showed no availability.",
		    24.1 },
		{ "More or less 45 % of the readers received an error.", 45 },
		{ "Two of our three on-call engineers were on leave.", NAN },
		{ "Traffic was less than 40% of a normal day.", NAN },
		{ "About 31% of our users have Loop ID as their only sign-in "
		    "method, but only those who signed out were blocked: about "
		    "9% of active users were affected.", 9 },
		/* a share said to be unknown is unknown */
		{ "We do not know how many solvers were affected: every "
		    "request was answered with a 200.", NAN },
		{ "We don't know how many users saw it exactly; about 30% of "
		    "users opened the page in that hour.", 30 },
		/* a share refused: no share of things stands in for it;
		 * not knowing how many noticed leaves one of requests */
		{ "We cannot give a share of clients affected. 41% of the "
		    "shipments due that day were filed late.", NAN },
		{ "Between a quarter and a half of requests failed. We "
		    "cannot give a share of customers affected.", NAN },
		{ "About 7% of requests failed; we cannot say how many "
		    "listeners noticed.", 7 },
	};
	char doc[512];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;

		snprintf(doc, sizeof(doc), "# T\n\n## Impact\n\n%s\n",
		    cases[i].text);
		run(&inc, &r, a, NULL, doc);
		/* NAN compares false: an unread share must fail too */
		if (isnan(cases[i].want) ? !isnan(inc.impact_percent) :
		    isnan(inc.impact_percent) ||
		    fabs(inc.impact_percent - cases[i].want) > 0.5)
			fail_msg("\"%s\": got %g, want %g", cases[i].text,
			    inc.impact_percent, cases[i].want);
		pm_arena_free(a);
	}
	/* a number at the top beats the impact section's "every" */
	{
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;

		run(&inc, &r, a, NULL, "# Renewals\n\n**How many:** 1,900 of "
		    "the 2,400 renewals due were rejected.\n\n## Impact\n\n"
		    "Every renewal dated 29 February was rejected.\n\n"
		    "## Root cause\n\nA date helper. 10 of 40 tests ran.\n");
		assert_true(fabs(inc.impact_percent - 79.2) < 0.5);
		pm_arena_free(a);
	}
}

static void
test_severity_forms(void **state)
{
	static const struct {
		const char *line, *want;
	} cases[] = {
		{ "Severity: SEV1", "SEV1" },
		{ "**Severity:** Sev 2", "Sev 2" },
		{ "Severity: SEV-2 (customer facing)", "SEV-2" },
		{ "Priority: P2", "P2" },
		{ "severity: medium", "medium" },
		{ "Severity: High", "High" },
		{ "Severity: S3", "S3" },
		{ "This was a SEV 1 incident.", "SEV 1" },
		{ "We run P2 nodes in the cluster.", NULL },
		{ "Several users complained.", NULL },
	};
	char doc[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;

		snprintf(doc, sizeof(doc), "# T\n\n%s\n", cases[i].line);
		run(&inc, &r, a, NULL, doc);
		assert_str(inc.severity, cases[i].want);
		pm_arena_free(a);
	}
}

static void
test_section_synonyms(void **state)
{
	static const char *const docs[] = {
		"# X\n\n## Overview\n\nIt broke.\n\n## Chronology\n\n"
		"- 10:00 alert\n\n## Root Cause Analysis\n\nA typo.\n\n"
		"## Remediation\n\n- fix it\n\n## Action Items\n\n"
		"- [ ] add a test\n",
		"X\n\nSUMMARY\nIt broke.\n\nTIMELINE\n10:00 alert fired\n\n"
		"ROOT CAUSE\nA typo.\n\nLESSONS LEARNED\n- care\n\nTODO\n"
		"- add a test\n",
		"**What happened:** It broke.\n\n**Timeline**\n\n"
		"- 10:00 alert\n\n**Cause:** a typo.\n\n"
		"**Corrective measures:**\n\n- care\n\n**Follow-ups:**\n\n"
		"- add a test\n",
		"X\n===\n\nIssue Summary\n-------------\n\nIt broke.\n\n"
		"Timeline:\n10:00 AM: alert\n10:05 AM: fixed\n"
		"Root Cause and Resolution:\nA typo.\n\n"
		"Corrective and Preventative Measures:\n\n- care\n\n"
		"Next steps:\n\n- add a test\n",
		"# X\n\n### Summary\n\nIt broke.\n\n### Timeline\n\n"
		"- 10:00 alert\n\n### What actually happened\n\nA typo.\n\n"
		"### Lessons\n\n- care\n\n### Follow-up\n\n- add a test\n",
		"# X\n\n## The short version\n\nIt broke.\n\n## Timeline\n\n"
		"- 10:00 alert\n\n## What was actually happening\n\nA typo.\n\n"
		"## Lessons\n\n- care\n\n## Follow-up\n\n- add a test\n",
		"# X\n\n## Summary\n\nIt broke.\n\n## Timeline\n\n"
		"- 10:00 alert\n\n## Why it hurt as much as it did\n\nA typo.\n\n"
		"## Lessons\n\n- care\n\n## Next steps\n\n- add a test\n",
		"# X\n\n## Summary\n\nIt broke.\n\n## How it happened\n\n"
		"A typo.\n\n## Timeline\n\n- 10:00 alert\n\n"
		"## Lessons\n\n- care\n\n## Next steps\n\n- add a test\n",
		"# X\n\n## In brief\n\nIt broke.\n\n## How the evening went\n\n"
		"At 10:00 the alert fired.\n\n## Root cause\n\nA typo.\n\n"
		"## Lessons\n\n- care\n\n## Next steps\n\n- add a test\n",
		"# X\n\n## What happened\n\nIt broke.\n\n## Timeline\n\n"
		"- 10:00 alert\n\n## Root cause\n\nA typo.\n\n"
		"## Lessons\n\n- care\n\n## Next time\n\n- add a test\n",
		"X\n\nSummary:\nIt broke.\n\nTimeline:\n10:00 alert fired\n"
		"10:05 fixed\n\nRoot cause:\nA typo.\n\nCountermeasures:\n"
		"1) care\n\nTODO:\n1) add a test\n",
		/* Headings in two languages name the section in either half;
		 * "Root cause / Resolution" stays a root cause. */
		"# X\n\n## Zusammenfassung / Summary\n\nIt broke.\n\n"
		"## Zeitablauf / Timeline\n\n- 10:00 alert\n\n"
		"## Root cause / Resolution\n\nA typo.\n\n"
		"## Lessons / Lezioni\n\n- care\n\n"
		"## Massnahmen / Actions\n\n1. add a test\n",
		/* Headings in another language alone, their accents read as
		 * letters */
		"# X\n\n## Resumen\n\nIt broke.\n\n## Cronología\n\n"
		"- 10:00 alert\n\n## Causa raíz y resolución\n\nA typo.\n\n"
		"## Medidas correctivas y preventivas\n\n- care\n\n"
		"## Tareas\n\n1. add a test\n",
		"# X\n\n## Résumé\n\nIt broke.\n\n## Chronologie\n\n"
		"- 10:00 alert\n\n## Cause et résolution\n\nA typo.\n\n"
		"## Mesures préventives\n\n- care\n\n"
		"## Actions\n\n1. add a test\n",
		"# X\n\n## Zusammenfassung\n\nIt broke.\n\n## Zeitleiste\n\n"
		"- 10:00 alert\n\n## Grundursache\n\nA typo.\n\n"
		"## Maßnahmen\n\n- care\n\n## Aufgaben\n\n1. add a test\n",
		"# X\n\n## Podsumowanie\n\nIt broke.\n\n## Oś czasu\n\n"
		"- 10:00 alert\n\n## Przyczyna\n\nA typo.\n\n"
		"## Działania naprawcze\n\n- care\n\n## Zadania\n\n"
		"1. add a test\n",
		/* a gloss in brackets says what the English words mean */
		"# X\n\n## Sommario\n\nIt broke.\n\n"
		"## What happened (cronologia)\n\n- 10:00 alert\n\n"
		"## Root cause (causa)\n\nA typo.\n\n## Misure\n\n- care\n\n"
		"## Azioni\n\n1. add a test\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;

		run(&inc, &r, a, NULL, docs[i]);
		if (!inc.sections.issue_summary || !inc.sections.timeline ||
		    !inc.sections.root_cause ||
		    !inc.sections.corrective_measures ||
		    !inc.sections.task_list)
			fail_msg("document %zu: sections %d %d %d %d %d", i,
			    inc.sections.issue_summary, inc.sections.timeline,
			    inc.sections.root_cause,
			    inc.sections.corrective_measures,
			    inc.sections.task_list);
		assert_int_equal(inc.naction_items, 1);
		assert_str(inc.action_items[0].text, "add a test");
		assert_non_null(inc.root_cause);
		assert_true(strstr(inc.root_cause, "typo") != NULL);
		pm_arena_free(a);
	}
}

/*
 * "What went wrong" heads the cause in some reports and the story of the
 * outage in others: followed by a "Why", it is the story, and the
 * summary when there is no other.
 */
static void
test_what_went_wrong_then_why(void **state)
{
	static const struct {
		const char *doc, *want, *not, *summary, *start;
	} cases[] = {
		{ "# X\n\n## What went wrong\n\nThe checkout page failed for "
		    "every shopper for an hour.\n\n## Why\n\nA typo in the "
		    "proxy settings sent carts to a retired host.\n",
		    "A typo in the proxy", "checkout", "The checkout page",
		    NULL },
		{ "# X\n\n## What went wrong\n\nA typo in the proxy settings "
		    "sent carts to a retired host.\n\n## Timeline\n\n"
		    "- 10:00 alert\n", "A typo in the proxy", "alert", NULL,
		    NULL },
		/* the window is the story's, not the timeline's first day */
		{ "# X\n\n## What went wrong\n\nFrom 06:00 on 5 January 2026 "
		    "until 11:30 on 6 January, invoices had the wrong VAT."
		    "\n\n## Why\n\nA date typed wrong.\n\n## Timeline\n\n"
		    "- 2 Jan 15:20 - rate table uploaded\n"
		    "- 5 Jan 06:00 - first run with it\n"
		    "- 6 Jan 11:30 - table fixed\n"
		    "- 7 Jan 14:00 - credit notes sent\n", "A date typed",
		    "VAT", "From 06:00", "2026-01-05T06:00:00" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pm_arena *a = pm_arena_new();
		struct pm_extract_report r;
		struct pm_incident inc;

		run(&inc, &r, a, NULL, cases[i].doc);
		assert_non_null(inc.root_cause);
		if (strncmp(inc.root_cause, cases[i].want,
		    strlen(cases[i].want)) != 0 ||
		    strstr(inc.root_cause, cases[i].not) != NULL)
			fail_msg("case %zu: root cause '%s'", i,
			    inc.root_cause);
		if (cases[i].start)
			assert_str(inc.start, cases[i].start);
		if (cases[i].summary) {
			assert_non_null(inc.summary);
			assert_true(strncmp(inc.summary, cases[i].summary,
			    strlen(cases[i].summary)) == 0);
		}
		pm_arena_free(a);
	}
}

/*
 * A bold byline that names a section ("incident summary") over fields
 * alone is no section of its own: the story under the next heading is
 * still the preamble, and its window beats the timeline's first entry.
 */
static void
test_byline_over_fields(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Tram times frozen\n\n"
	    "**Tramline app \xe2\x80\x94 incident summary**\n"
	    "**Severity:** Low\n"
	    "**Date:** Monday 16 February 2026\n\n"
	    "## What riders saw\n\n"
	    "Arrival times stopped moving. The problem lasted from 6:10am "
	    "to 9:35am NZDT.\n\n"
	    "## Timeline\n\n"
	    "1. 5:00am \xe2\x80\x94 Vendor moves the feed.\n"
	    "2. 6:10am \xe2\x80\x94 Positions freeze.\n"
	    "3. 9:35am \xe2\x80\x94 Collector restarted.\n");
	assert_str(inc.start, "2026-02-16T06:10:00+13:00");
	assert_str(inc.end, "2026-02-16T09:35:00+13:00");
	assert_int_equal(inc.ntimeline, 3);
	pm_arena_free(a);
}

static void
test_front_matter_normalised(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "2023-08-17-api.md",
	    "---\n"
	    "title: API down\n"
	    "start: 2023-08-17 15:10\n"
	    "end: 2023-08-17 16:00\n"
	    "timezone: PDT\n"
	    "severity: SEV1\n"
	    "category: configuration\n"
	    "---\n"
	    "# Something else\n\n"
	    "Severity: SEV3. From 9:00 to 9:30 UTC on 2023-08-17 the API "
	    "was down because of a deadlock.\n");
	assert_str(inc.title, "API down");
	assert_str(inc.start, "2023-08-17T15:10:00-07:00");
	assert_str(inc.end, "2023-08-17T16:00:00-07:00");
	assert_str(inc.timezone, "PDT");
	assert_int_equal(inc.duration_minutes, 50);
	assert_str(inc.severity, "SEV1");
	assert_str(inc.category, "configuration");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

static void
test_doubtful(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, &w,
	    "# Doubts\n\n"
	    "Duration: 45 minutes\n\n"
	    "Start: 2024-01-02 10:00 UTC\n"
	    "End: 2024-01-02 12:00 UTC\n");
	assert_int_equal(r.stated_duration_minutes, 45);
	assert_int_equal(r.computed_duration_minutes, 120);
	assert_int_equal(inc.duration_minutes, 120);
	assert_int_equal(r.duration_line, 3);
	assert_int_equal(r.start_line, 5);
	assert_int_equal(w.len, 1);
	assert_non_null(strstr(w.lines[0], "t.md:3: warning: the stated "
	    "duration (45 minutes) disagrees"));
	pm_warnings_free(&w);
	pm_arena_free(a);

	a = pm_arena_new();
	run(&inc, &r, a, &w,
	    "# Backwards\n\nStart: 2024-01-02 12:00 UTC\n"
	    "End: 2024-01-02 10:00 UTC\n");
	assert_str(inc.start, "2024-01-02T12:00:00+00:00");
	assert_str(inc.end, "2024-01-02T10:00:00+00:00");
	assert_int_equal(inc.duration_minutes, PM_UNKNOWN);
	assert_int_equal(w.len, 1);
	assert_non_null(strstr(w.lines[0], "is before the start"));
	pm_warnings_free(&w);
	pm_arena_free(a);
}

static void
test_duration_gives_end(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Dotted\n\n## Summary\n\nThe outage began at 7.30pm BST on "
	    "27.02.2024 and lasted 1 hour 45 minutes.\n");
	assert_str(inc.start, "2024-02-27T19:30:00+01:00");
	assert_str(inc.end, "2024-02-27T21:15:00+01:00");
	assert_int_equal(inc.duration_minutes, 105);
	pm_arena_free(a);
}

/* "For" a number states the duration ("down for 66 minutes"), but not a
 * wait of seconds inside the story. */
static void
test_bare_for_duration(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Logins\n\n## Summary\n\nFrom 09:12 to 10:03 UTC on 14 May "
	    "2024, logins hung for 30 seconds and then failed.\n");
	assert_int_equal(inc.duration_minutes, 51);
	run(&inc, &r, a, NULL,
	    "# Tiles\n\n## Summary\n\nOn 8 April 2024 at 16:24 UTC tiles "
	    "failed for 66 minutes.\n");
	assert_int_equal(inc.duration_minutes, 66);
	assert_str(inc.end, "2024-04-08T17:30:00+00:00");
	pm_arena_free(a);
}

/* The timeline may open before the incident, and a stated duration beats
 * the span of the entries; a date about the document is not the day. */
static void
test_timeline_start_and_stated_duration(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Ticket sale overload\n\n**Last updated:** 9 August 2024\n\n"
	    "## Summary\n\nOn 30 July 2024 the waiting room failed. "
	    "Duration: 2 hours 10 minutes.\n\n"
	    "## Timeline (UTC)\n\n- 09:30 Pre-sale checks pass.\n"
	    "- 10:00 Sales open; join requests fail. Incident starts.\n"
	    "- 11:00 Second pool added.\n- 12:10 Queue drains, resolved.\n"
	    "- 12:40 Retrospective booked.\n");
	assert_str(inc.start, "2024-07-30T10:00:00+00:00");
	assert_int_equal(inc.duration_minutes, 130);
	/* no entry says it starts: the one the stated duration before the
	 * end lands on does, and those before it led up to it */
	run(&inc, &r, a, NULL,
	    "# On-sale trouble\n\n**Date:** 7 November 2024 (NZDT)\n"
	    "**Duration:** 85 minutes\n\n## Timeline\n\n"
	    "- 11:00 Scheduled scale-up did not run\n"
	    "- 11:30 Virtual queue opens\n- 12:00 Sale opens; checkout "
	    "saturates\n- 12:40 Checkout scaled out\n- 13:25 Error rate "
	    "back to normal\n- 14:40 Event sells out\n");
	assert_str(inc.start, "2024-11-07T12:00:00+13:00");
	assert_str(inc.end, "2024-11-07T13:25:00+13:00");
	pm_arena_free(a);
}

static void
test_fenced_postmortem(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Assignment\n\nWrite a postmortem.\n\n```\n"
	    "TITLE: Disk full on the mail relay\n\nIssue Summary\n\n"
	    "From 10:00 to 11:00 UTC on 2024-01-05 no mail went out.\n\n"
	    "Timeline\n- 10:00 UTC - disk alert\n- 11:00 UTC - logs rotated, "
	    "mail flowing again\n\nRoot Cause\nLog rotation was off.\n```\n");
	assert_str(inc.title, "Disk full on the mail relay");
	assert_int_equal(inc.ntimeline, 2);
	assert_str(inc.start, "2024-01-05T10:00:00+00:00");
	assert_str(inc.root_cause, "Log rotation was off.");
	assert_true(inc.sections.timeline);
	pm_arena_free(a);
}

/* A timeline pasted from a log into a code block: each line that starts
 * with a time is an entry; the line under it continues it. */
static void
test_log_timeline(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Pool exhaustion\n\n## Timeline\n\nTimes are UTC.\n\n```\n"
	    "2024-10-08T07:39:12Z app   409s climb to 212/min\n"
	    "2024-10-08T07:41:30Z alert 5xx rate above 2%, paged\n"
	    "                           (second line of the alert)\n"
	    "2024-10-08T08:21:08Z deploy hotfix rolling out\n"
	    "2024-10-08T08:28:00Z alert resolved\n```\n\n"
	    "## Root cause\n\nA leaked connection per conflict.\n\n"
	    "```\nERROR 12:00 is not a timeline\n```\n");
	assert_int_equal(inc.ntimeline, 4);
	assert_str(inc.timeline[0].time, "2024-10-08T07:39:12+00:00");
	assert_str(inc.timeline[3].time, "2024-10-08T08:28:00+00:00");
	pm_arena_free(a);
}

/* Military times: "0605 hrs" anywhere, a bare "1340" where a timeline
 * entry starts (but "2015 text" could be a year, so it needs a log's
 * column). */
static void
test_military_times(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Zone signatures expired\n\n**Incident date:** 17 July 2024\n"
	    "**Outage:** 0605 hrs to 0917 hrs NZST (3h 12m)\n\n"
	    "## Timeline\n\n- 0400 hrs: signatures expire\n"
	    "- 0605 hrs: resolvers fail\n- 0917 hrs: all clear\n\n"
	    "## Root cause\n\nThe signing job was not moved.\n");
	assert_str(inc.start, "2024-07-17T06:05:00+12:00");
	assert_str(inc.end, "2024-07-17T09:17:00+12:00");
	assert_int_equal(inc.duration_minutes, 192);
	assert_int_equal(inc.ntimeline, 3);
	run(&inc, &r, a, NULL,
	    "# SMS fraud\n\n## Timeline (UTC), 16 Feb 2025\n\n```\n"
	    "1340  requests start\n1405  vendor suspends us\n"
	    "2015  late check\n1652  closed\n```\n");
	assert_int_equal(inc.ntimeline, 4);
	run(&inc, &r, a, NULL,
	    "# Notes\n\n## Timeline\n\n2015 was a quiet year.\n");
	assert_int_equal(inc.ntimeline, 0);
	pm_arena_free(a);
}

/*
 * Where the day and the zone come from when the prose is all there is:
 * each document with the start, end and zone it gives (NULL: not
 * asserted).
 */
static void
test_days_and_zones(void **state)
{
	static const struct {
		const char *doc, *start, *end, *zone;
	} cases[] = {
		/* a zone stated as its offset in words */
		{ "# Labels failed\n\nTimes here are Nairobi office time, three "
		    "hours ahead of UTC.\n\n## Summary\n\nFrom 09:05 to 10:40 "
		    "on 2024-11-20 labels failed.\n",
		    "2024-11-20T09:05:00+03:00", "2024-11-20T10:40:00+03:00",
		    "UTC+3" },
		{ "# Labels failed\n\nOur clocks run five and a half hours "
		    "ahead of GMT.\n\n## Summary\n\nFrom 09:05 to 10:40 on "
		    "2024-11-20 labels failed.\n",
		    "2024-11-20T09:05:00+05:30", NULL, "UTC+5:30" },
		{ "# Labels failed\n\nWe are 3 hours behind UTC.\n\n## Summary"
		    "\n\nFrom 09:05 to 10:40 on 2024-11-20 labels failed.\n",
		    "2024-11-20T09:05:00-03:00", NULL, NULL },
		/* a zone named wins over any offset in words */
		{ "# Labels failed\n\nThe vendor is two hours ahead of UTC.\n\n"
		    "## Summary\n\nFrom 09:05 to 10:40 EST on 2024-11-20 "
		    "labels failed.\n", "2024-11-20T09:05:00-05:00", NULL,
		    NULL },
		/* dotted times at the start of a field's value */
		{ "# Checkout failed\n\n**Date:** Monday, 14 October 2024\n"
		    "**Time:** 13.20 - 14.05 WIB\n**Duration:** 45 minute\n",
		    "2024-10-14T13:20:00+07:00", "2024-10-14T14:05:00+07:00",
		    NULL },
		/* a front matter title that names the day */
		{ "---\ntitle: \"Incident 2024-08-21: inbox empty\"\n---\n\n"
		    "**Impact window:** 2:35 PM - 3:48 PM CDT\n\nOn the 21st "
		    "the web release went out before the API; until August 20 "
		    "one pipeline shipped both.\n",
		    "2024-08-21T14:35:00-05:00", "2024-08-21T15:48:00-05:00",
		    NULL },
		/* the write-up's day, when the prose names no other */
		{ "# Partner calls hung\n\nWritten up by Ana, Tue 14 Jan 2025. "
		    "Times are UTC.\n\n**Impact:** from 14:05 until 15:17, one "
		    "in ten calls hung.\n",
		    "2025-01-14T14:05:00+00:00", "2025-01-14T15:17:00+00:00",
		    NULL },
		{ "# Partner calls hung\n\nWritten up by Ana, Tue 14 Jan 2025. "
		    "Times are UTC.\n\n**Impact:** on 10 January 2025 from "
		    "14:05 until 15:17, one in ten calls hung.\n",
		    "2025-01-10T14:05:00+00:00", NULL, NULL },
		/* a mail's Date header is when it was sent */
		{ "From: Ana <ana@example.com>\nTo: eng@example.com\n"
		    "Date: Mon, 13 Jan 2025 16:12\nSubject: Partner calls hung"
		    "\n\nHi all, here is the write-up for Friday, January "
		    "10th. Times are UTC.\n\nFrom 14:05 until 15:17 one in ten "
		    "calls hung.\n", "2025-01-10T14:05:00+00:00", NULL, NULL },
		{ "From: Ana <ana@example.com>\nTo: eng@example.com\n"
		    "Date: Mon, 13 Jan 2025 16:12\nSubject: Partner calls hung"
		    "\n\nHi all. Times are UTC.\n\nFrom 14:05 until 15:17 one "
		    "in ten calls hung.\n", "2025-01-13T14:05:00+00:00", NULL,
		    NULL },
		/* a window in the words of the writer's language: its "from"
		 * and "to", its name for a place's time, set off by commas,
		 * and a short name restated after a slash */
		{ "# Pedidos\n\nSexta-feira, 13/03/2026, das 17:20 \xc3\xa0s "
		    "19:05, hor\xc3\xa1rio de Bras\xc3\xadlia, orders "
		    "failed.\n", "2026-03-13T17:20:00-03:00",
		    "2026-03-13T19:05:00-03:00",
		    "hor\xc3\xa1rio de Bras\xc3\xadlia" },
		{ "# Piscines\n\nThursday 18/06/2026, from 11h05 to 15h50, "
		    "heure de Paris, the slots showed full.\n",
		    "2026-06-18T11:05:00+02:00", "2026-06-18T15:50:00+02:00",
		    "heure de Paris" },
		{ "# Shop\n\nOn Wednesday 25 June 2025, de 14h05 \xc3\xa0 "
		    "16h35 (heure de Kinshasa, WAT / UTC+1), payments "
		    "failed.\n", "2025-06-25T14:05:00+01:00",
		    "2025-06-25T16:35:00+01:00", "WAT" },
		/* the clock's unit between the ends of a range */
		{ "# Login\n\nOn Tuesday 12 May 2026, between 08.15 uur and "
		    "10.45 uur CEST (2,5 hours), logins failed.\n",
		    "2026-05-12T08:15:00+02:00", "2026-05-12T10:45:00+02:00",
		    "CEST" },
		{ "# Login\n\nOn 10 February 2026 from 09:15 Uhr to 11:40 Uhr "
		    "MEZ bookings hung.\n", "2026-02-10T09:15:00+01:00",
		    "2026-02-10T11:40:00+01:00", "MEZ" },
		/* a lead-up entry that reads as a recovery ends nothing: the
		 * end is the last entry, or the one that says the impact
		 * ended in the writer's language */
		{ "# Enrolment\n\nOn 14 January 2026 at 09:40 CLST the "
		    "waiting list timed out.\n\n## Timeline\n\n"
		    "- 09:00 Enrolment opens. All normal.\n"
		    "- 09:40 Waiting list published, pages time out.\n"
		    "- 10:50 Database CPU at 99 %.\n"
		    "- 12:30 Index built.\n",
		    "2026-01-14T09:40:00-03:00", "2026-01-14T12:30:00-03:00",
		    "CLST" },
		{ "# Enrolment\n\nOn 14 January 2026 at 09:40 CLST the "
		    "waiting list timed out.\n\n## Timeline\n\n"
		    "- 09:00 Enrolment opens. All normal.\n"
		    "- 09:40 Waiting list published, pages time out.\n"
		    "- 12:55 Response times good. Fin del impacto.\n"
		    "- 15:00 The deadline moves to Friday.\n",
		    "2026-01-14T09:40:00-03:00", "2026-01-14T12:55:00-03:00",
		    "CLST" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_window(cases[i].doc, cases[i].doc, cases[i].start,
		    cases[i].end, cases[i].zone);
}

/* Times relative to the start with the clock time in brackets; labels
 * with a bracketed note. */
static void
test_relative_times(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Queue stalled\n\n**Start (T+0):** 4 March 2025, 14:20 UTC\n"
	    "**Duration (approx.):** 40 minutes\n\n## Timeline\n\n"
	    "- T\xe2\x88\x92" "5 min (14:15 UTC): config pushed\n"
	    "- T+0 (14:20 UTC): consumers stop acking\n"
	    "- T+12 min: on-call paged\n"
	    "- T+25 [14:45 UTC]: consumers restarted\n"
	    "- T+40 (15:00 UTC): backlog drained, closed\n");
	assert_str(inc.start, "2025-03-04T14:20:00+00:00");
	assert_int_equal(inc.duration_minutes, 40);
	/* "T+12 min" has no clock of its own; "T+0 (14:20 UTC)" gives it
	 * one */
	assert_int_equal(inc.ntimeline, 5);
	assert_str(inc.timeline[0].time, "2025-03-04T14:15:00+00:00");
	assert_str(inc.timeline[2].time, "2025-03-04T14:32:00+00:00");
	assert_str(inc.timeline[2].text, "on-call paged");
	assert_str(inc.timeline[3].time, "2025-03-04T14:45:00+00:00");
	assert_str(inc.timeline[3].text, "consumers restarted");
	pm_arena_free(a);
}

/* A report's title that names a section named again below. */
static void
test_report_title(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Root Cause Analysis Report\n\n## Problem Statement\n\n"
	    "Scanners hung when pickers scanned an item.\n\n## Root Cause\n\n"
	    "The nightly job held an exclusive table lock during the "
	    "shift.\n");
	assert_str(inc.root_cause, "The nightly job held an exclusive table "
	    "lock during the shift.");
	pm_arena_free(a);
}

/*
 * "# Tickets", a product's name that is also a section's, over deeper
 * headings that name sections: the title, not a task list.  "# Summary"
 * so placed stays the summary.
 */
static void
test_product_title(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Tickets\n\nOn 3 May 2025 from 10:00 to 11:30 UTC the ticket "
	    "shop failed for 20% of users.\n\nWhat we saw:\n\n"
	    "- the dashboard was slow\n- retries doubled the load\n\n"
	    "## Timeline\n\n- 10:00 UTC: errors begin\n"
	    "- 11:30 UTC: errors stop\n\n## What we will do\n\n"
	    "- Add a configuration lint\n- Alert on the pool size\n");
	assert_str(inc.title, "Tickets");
	assert_true(inc.impact_percent == 20);
	assert_int_equal(inc.naction_items, 2);
	assert_str(inc.action_items[0].text, "Add a configuration lint");
	pm_arena_free(a);

	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# Summary\n\nThe ticket shop failed for a fifth of its users "
	    "for ninety minutes on 3 May 2025.\n\n## Timeline\n\n"
	    "- 10:00 UTC: errors begin\n- 11:30 UTC: errors stop\n\n"
	    "## Root cause\n\nA configuration push emptied the pool.\n");
	assert_true(r.sections.issue_summary > 0);
	assert_true(inc.title == NULL || strcmp(inc.title, "Summary") != 0);
	pm_arena_free(a);
}

/* "Sun 9:40 PM" in a time column: the weekday dates the row. */
static void
test_weekday_rows(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Desktop errors\n\nOn Monday, March 11, 2024, from 8:50 AM "
	    "until noon Pacific, the desktop app failed.\n\n## Timeline\n\n"
	    "| Time (Pacific) | What happened |\n|---|---|\n"
	    "| Sun 9:40 PM | Gateway change deployed |\n"
	    "| Mon 8:50 AM | Errors climb |\n"
	    "| Mon 12:00 PM | Resolved |\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[0].time, "2024-03-10T21:40:00-07:00");
	assert_str(inc.timeline[1].time, "2024-03-11T08:50:00-07:00");
	assert_str(inc.start, "2024-03-11T08:50:00-07:00");
	pm_arena_free(a);
}

/* A chat thread pasted as the timeline: a header line per message. */
static void
test_chat_export(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, NULL,
	    "# Uploads hung\n\n**Date:** 3 April 2025, times in UTC\n\n"
	    "## Timeline\n\n"
	    "Priya Nair  [9:02 AM]\nuploads over 5 MB hang, small ones fine\n"
	    "\nTom  [9:10 AM]\nthe proxy was changed at 8:40, rolling it "
	    "back\nshould take two minutes\n\n"
	    "Priya Nair  [9:31 AM]\nall clear, closing\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[0].time, "2025-04-03T09:02:00+00:00");
	/* the message's own times are what was said, not entries */
	assert_str(inc.timeline[1].text, "the proxy was changed at 8:40, "
	    "rolling it back should take two minutes");
	assert_str(inc.timeline[2].time, "2025-04-03T09:31:00+00:00");
	/* a line that ends in brackets but says more is not a header */
	run(&inc, &r, a, NULL,
	    "# Uploads hung\n\n## Timeline\n\n- 09:02 uploads hang [9:02 AM]\n"
	    "- 09:31 all clear\n");
	assert_int_equal(inc.ntimeline, 2);
	/* copied from the app, without brackets */
	run(&inc, &r, a, NULL,
	    "# Uploads hung\n\n**Date:** 3 April 2025, times in UTC\n\n"
	    "## Timeline\n\n"
	    "Priya Nair  9:02 AM\nuploads over 5 MB hang\n\n"
	    "Tom 9:10 AM\nthe proxy changed at 8:40, rolling back\n\n"
	    "Priya Nair  9:31 AM\nall clear\n");
	assert_int_equal(inc.ntimeline, 3);
	assert_str(inc.timeline[1].time, "2025-04-03T09:10:00+00:00");
	assert_str(inc.timeline[1].text,
	    "the proxy changed at 8:40, rolling back");
	assert_str(inc.timeline[2].text, "all clear");
	pm_arena_free(a);
}

/* A front matter date is when the page was published: the prose's day,
 * up to 60 days before it, is the incident's. */
static void
test_published_date(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	(void)state;
	ingest(&inc, a, &w, "content/x.md",
	    "---\ntitle: Cold stack\ndate: 2024-10-30\n---\n"
	    "On the night of Friday 25 October the switch came early.\n\n"
	    "## Timeline\n\n- 23:41 CEST 502s begin\n- 23:59 rolled back\n");
	assert_str(inc.start, "2024-10-25T23:41:00+02:00");
	/* a day after the front matter's, or long before, is not it */
	ingest(&inc, a, &w, "content/y.md",
	    "---\ntitle: Cold stack\ndate: 2024-10-30\n---\n"
	    "We planned this on 2 January 2024.\n\n"
	    "## Timeline\n\n- 23:41 CEST 502s begin\n- 23:59 rolled back\n");
	assert_str(inc.start, "2024-10-30T23:41:00+02:00");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

static void
test_action_items(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	/* a TODO list typed as lines, closed by prose */
	run(&inc, &r, a, NULL,
	    "# T\n\n## Tasks\n\n"
	    "Rotate the proxy certificates.\n"
	    "Alert on queue depth.\n"
	    "By implementing these measures we aim to do better.\n");
	assert_int_equal(inc.naction_items, 2);
	assert_str(inc.action_items[0].text, "Rotate the proxy certificates.");
	assert_false(inc.action_items[0].done);
	assert_true(inc.sections.task_list);
	pm_arena_free(a);

	/* lists and a status table: the paragraph around them is prose */
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# T\n\n## Follow-ups\n\n"
	    "We agreed on these follow-ups in the review meeting.\n\n"
	    "- [x] ~~rotate the key~~\n"
	    "- [ ] write the runbook\n"
	    "- ~~old idea~~\n\n"
	    "| Action | Owner | Status |\n|---|---|---|\n"
	    "| Alert on disk | ops | Done |\n| Add a canary | dev | open |\n");
	assert_int_equal(inc.naction_items, 5);
	assert_str(inc.action_items[0].text, "rotate the key");
	assert_true(inc.action_items[0].done);
	assert_false(inc.action_items[1].done);
	assert_true(inc.action_items[2].done);
	assert_str(inc.action_items[3].text, "Alert on disk");
	assert_true(inc.action_items[3].done);
	assert_false(inc.action_items[4].done);
	pm_arena_free(a);

	/* no task list: the corrective measures' items */
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# T\n\n## Corrective and preventative measures\n\n"
	    "Config changes need a real test.\n\n"
	    "\xe2\x80\xa2 Add a CI upload test\n"
	    "\xe2\x80\xa2 Log 413s centrally\n");
	assert_int_equal(inc.naction_items, 2);
	assert_str(inc.action_items[1].text, "Log 413s centrally");
	assert_false(inc.sections.task_list);
	pm_arena_free(a);

	/* "Owner — task" lines, typed as one paragraph: one item each; a
	 * sentence that happens to open so is not a list */
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# T\n\n## Corrective and preventative measures\n\n"
	    "We want updates to arrive in steps.\n\n"
	    "Priya Raman \xe2\x80\x94 rename the device groups\n"
	    "Tom \xe2\x80\x94 make the app fall back to the old source\n"
	    "Ana Lu\xc3\xads - add the install count to the checklist\n");
	assert_int_equal(inc.naction_items, 3);
	assert_str(inc.action_items[2].text,
	    "Ana Lu\xc3\xads - add the install count to the checklist");
	pm_arena_free(a);
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# T\n\n## Corrective and preventative measures\n\n"
	    "Priya \xe2\x80\x94 as ever \xe2\x80\x94 asked for a test.\n");
	assert_int_equal(inc.naction_items, 0);
	pm_arena_free(a);

	/* a ticket table that tracks the listed measures, row for item,
	 * adds none; the lessons learned are not measures while another
	 * section lists some */
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# T\n\n## Lessons learned\n\n"
	    "1. Test with production-size data.\n"
	    "2. Dashboards should name the backend.\n\n"
	    "## Corrective and preventative measures\n\n"
	    "1. Batch the import.\n2. Alert on lock waits.\n"
	    "3. Alert on a late import.\n\n"
	    "| Ticket | Action | Owner | Due |\n|---|---|---|---|\n"
	    "| DT-1 | Batched import | Jorge | 25/09 |\n"
	    "| DT-2 | Lock wait alert | Marta | 18/09 |\n"
	    "| DT-3 | Late import alert | Marta | 18/09 |\n");
	assert_int_equal(inc.naction_items, 3);
	assert_str(inc.action_items[0].text, "Batch the import.");
	pm_arena_free(a);
	/* a table that adds rows of its own is more items */
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# T\n\n## Corrective and preventative measures\n\n"
	    "1. Batch the import.\n2. Alert on lock waits.\n\n"
	    "| Ticket | Action |\n|---|---|\n"
	    "| DT-1 | Batched import |\n| DT-2 | Lock wait alert |\n"
	    "| DT-3 | Reindex the zones table |\n");
	assert_int_equal(inc.naction_items, 5);
	pm_arena_free(a);
	/* with nothing else, the lessons are the measures */
	a = pm_arena_new();
	run(&inc, &r, a, NULL,
	    "# T\n\n## Lessons learned\n\n"
	    "- Add a canary for config changes.\n"
	    "- Page on queue depth.\n");
	assert_int_equal(inc.naction_items, 2);
	pm_arena_free(a);
}

static void
test_nothing_said(void **state)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_extract_report r;
	struct pm_incident inc;

	(void)state;
	run(&inc, &r, a, &w, "Just some words, nothing more.\n");
	assert_null(inc.start);
	assert_null(inc.end);
	assert_null(inc.severity);
	assert_true(isnan(inc.impact_percent));
	assert_int_equal(inc.ntimeline, 0);
	assert_int_equal(inc.naction_items, 0);
	assert_int_equal(inc.duration_minutes, PM_UNKNOWN);
	assert_int_equal(inc.word_count, 5);
	assert_int_equal(w.len, 0);
	pm_warnings_free(&w);
	pm_arena_free(a);

	a = pm_arena_new();
	run(&inc, &r, a, &w, "");
	assert_null(inc.title);
	assert_int_equal(inc.word_count, 0);
	pm_arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_corpus),
		cmocka_unit_test(test_corpus2),
		cmocka_unit_test(test_midnight),
		cmocka_unit_test(test_bold_times_one_paragraph),
		cmocka_unit_test(test_table_timeline),
		cmocka_unit_test(test_grid_table),
		cmocka_unit_test(test_status_updates),
		cmocka_unit_test(test_wrapped_prose),
		cmocka_unit_test(test_impact_window),
		cmocka_unit_test(test_dated_first_entry),
		cmocka_unit_test(test_rough_and_evening_times),
		cmocka_unit_test(test_zone_names),
		cmocka_unit_test(test_window_forms),
		cmocka_unit_test(test_kinds_denied),
		cmocka_unit_test(test_kinds_words),
		cmocka_unit_test(test_narrative_timeline),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_fallback_date),
		cmocka_unit_test(test_impact_words),
		cmocka_unit_test(test_severity_forms),
		cmocka_unit_test(test_section_synonyms),
		cmocka_unit_test(test_what_went_wrong_then_why),
		cmocka_unit_test(test_byline_over_fields),
		cmocka_unit_test(test_front_matter_normalised),
		cmocka_unit_test(test_doubtful),
		cmocka_unit_test(test_duration_gives_end),
		cmocka_unit_test(test_bare_for_duration),
		cmocka_unit_test(test_timeline_start_and_stated_duration),
		cmocka_unit_test(test_fenced_postmortem),
		cmocka_unit_test(test_log_timeline),
		cmocka_unit_test(test_military_times),
		cmocka_unit_test(test_days_and_zones),
		cmocka_unit_test(test_relative_times),
		cmocka_unit_test(test_chat_export),
		cmocka_unit_test(test_weekday_rows),
		cmocka_unit_test(test_report_title),
		cmocka_unit_test(test_product_title),
		cmocka_unit_test(test_published_date),
		cmocka_unit_test(test_action_items),
		cmocka_unit_test(test_nothing_said),
	};

	pm_markdown_init();
	return cmocka_run_group_tests_name("extract", tests, NULL, NULL);
}
