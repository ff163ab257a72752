/*
 * extract.h: what the prose of a postmortem says about the incident, for
 * every field the front matter left unknown.
 *
 * Contract
 *  - pm_extract_incident() reads the parsed body and fills the fields of
 *    inc that are not marked in inc->fixed; strings are allocated in arena.
 *    The body is only read; nothing of it is kept.
 *  - It never fails: prose that says nothing leaves a field unknown.
 *    Doubtful findings (an end before the start, a stated duration that
 *    disagrees with the times, a timeline out of order) keep the data and
 *    add a `file:line: warning: ...` line to warnings, file being
 *    inc->path.
 *  - Fields the front matter fixed are kept, with one exception of form:
 *    start and end are normalised to ISO 8601 ("2023-08-17 15:10" with
 *    timezone PDT becomes "2023-08-17T15:10:00-07:00"), the value unchanged.
 *  - pm_extract_run() does the same and also describes where each finding
 *    came from, for `pmsite check`; its opts (may be NULL, borrowed for
 *    the call) say what the caller knows that the prose may not.
 *
 * What is read, in short (extract.c and the extract_*.c files say more):
 *  - title: a "Title:" (or "Topic:", "Subject:") line, else the first
 *    heading that is not a section name, else a first line that reads like
 *    a title.  A "Postmortem:" prefix is kept: it is how the writer titled
 *    the page, and cutting it would leave some titles empty.
 *  - sections: headings of any level, setext, bold labels, "Timeline:"
 *    lines and ALL CAPS lines, with their usual synonyms.
 *  - start, end, timezone, duration: Start:/End: lines, ranges in Duration:
 *    lines, the summary or the title, else the timeline; a zone written once
 *    applies to every time written without one; a time written without
 *    am/pm takes the pm the rest of the document gives it
 *    (extract_clock.c); a date without a year takes the year of the
 *    fallback date.
 *  - impact and impact_percent, severity, services, root cause, timeline
 *    entries with their kind, time to detect and resolve, action items.
 */
#ifndef PM_EXTRACT_H
#define PM_EXTRACT_H

#include "arena.h"
#include "incident.h"
#include "markdown.h"
#include "warnings.h"

/*
 * Where things were found: file lines, 0 when not found (or given by the
 * front matter).  Durations are PM_UNKNOWN when not known.
 */
struct pm_extract_report {
	int title_line, summary_line, start_line, end_line, timezone_line;
	int duration_line, impact_line, impact_percent_line, severity_line;
	int services_line, root_cause_line;
	struct {
		int issue_summary, timeline, root_cause, corrective_measures,
		    task_list;
	} sections;		/* the line that opens each section */
	long stated_duration_minutes;	/* "Duration: 3 hours", as written */
	long computed_duration_minutes;	/* end - start */
	/* Where start and end came from: "front matter", "start/end lines",
	 * "range", "summary", "title", "timeline", or NULL. */
	const char *times_source;
	size_t timeline_undated;	/* entries with a time but no day */
	int timeline_out_of_order;	/* line of the first entry earlier
					 * than the one before it, or 0 */
};

/*
 * What the caller knows about the document besides its text.
 *  - fallback_date: the day the document is filed under, "YYYY-MM-DD"
 *    (more may follow, as in a git time stamp), or NULL.  A date written
 *    without a year ("March 5", "Tuesday 12 March") takes the year that
 *    puts it nearest to this day.
 *  - fallback_is_day: fallback_date is the incident's own day, as a file
 *    name's "2024-03-05-" prefix is by convention (the ingest layer passes
 *    that, else the git created date with 0): a document that writes no
 *    day at all takes it for its times.  The date of a commit only gives
 *    years.
 */
struct pm_extract_opts {
	const char *fallback_date;
	int fallback_is_day;
	/* A code fence holding a whole postmortem is parsed as Markdown:
	 * with this lock held when not NULL (markdown.h). */
	pthread_mutex_t *parse_lock;
};

/*
 * Fill the fields of inc not fixed by front matter from md.  Never fails;
 * see the contract above.  warnings may be NULL.
 */
void pm_extract_incident(struct pm_incident *inc, struct pm_arena *arena,
    const struct pm_markdown *md, struct pm_warnings *warnings);

/*
 * pm_extract_incident(), also filling *out (caller-owned; its strings are
 * static or in arena), with what opts says (NULL: nothing).
 */
void pm_extract_run(struct pm_extract_report *out, struct pm_incident *inc,
    struct pm_arena *arena, const struct pm_markdown *md,
    const struct pm_extract_opts *opts, struct pm_warnings *warnings);

/*
 * The marks that say an action item is done besides a ticked box: "(done)",
 * "\u2705" and the like, lowercase, NULL-terminated.  Shared with the
 * history of items (itemhist.h), which must agree on what "done" means.
 * None may start with an ASCII letter or digit: itemhist.c skips the
 * search inside words.
 */
extern const char *const pm_extract_done_marks[];

#endif
