/*
 * extract_facts.c: when the incident happened: its start, end, time zone
 * and duration, and the times to detect and to resolve it.
 *
 * Where the times come from, first found wins:
 *  1. the front matter (normalised: "2023-08-17 15:10" with timezone PDT
 *     becomes "2023-08-17T15:10:00-07:00");
 *  2. "Start:" and "End:" fields (also "Began:", "Resolved at:" ...); a
 *     lone end field (a ticket's "Resolved:", often the time the ticket
 *     was closed) yields to a range the summary states;
 *  3. a range in a "Duration:", "Date:" or "When:" field;
 *  4. a range in the summary, then in the lines before any section, then
 *     in the impact section, then in the title;
 *  5. the times named in the summary's sentences ("began at 10:00 ...
 *     restored at 12:45"); an end in the paragraph of the start is not
 *     replaced by one in a later paragraph of the story;
 *  6. the timeline: its first entry (or the one that says the impact
 *     starts, which also beats the times of 5), and the entry that says
 *     the impact ends, else the one a stated duration lands on, else its
 *     last "resolved" entry, else its last entry.
 * A time without a day takes the incident's day: the one written with the
 * start (with or without its year: "from 23:10 on March 3 to 01:40" in a
 * document dated March 4 starts on March 3), else the day extract_day.c finds
 * (a "Date:" field, the summary, the title, any full date in the text, the
 * front matter's date, the fallback date: the file name's).  A date written as
 * the early hours of a day ("after midnight on March 4") with an evening start
 * that crosses midnight began the day before.  A date without a year takes the
 * year that puts it nearest the document's date, else the fallback date
 * (pm_extract_opts).  A time without am/pm takes the pm the document's clock
 * gives it (extract_clock.c).  A time without a zone takes the zone written for
 * the document (extract_zone.c); "PT" and the other regional zones take
 * daylight time on summer dates.  A stated duration ("Duration: 3 hours 15
 * minutes") gives the end when only the start is known, and is compared with
 * the times when both are.  The time to detect runs from the start to the
 * first detection: a "Detected:" field, the timeline's first detected entry,
 * or, without a timeline, the first time of a sentence that reads as a
 * detection ("Our monitoring paged the on-call at 4:31 a.m.").
 */
#include "extract_int.h"

#include <stdlib.h>
#include <string.h>

/* Day used to do arithmetic on times when no day is known; never shown. */
#define PSEUDO_YEAR 2001

static const char *const start_labels[] = {
	"start", "start time", "started", "started at", "began", "began at",
	"incident start", "outage start", "impact start", "start of impact",
	"start of incident", "start of outage", "first impact",
	"impact began", "incident began", "outage began", "start date", NULL
};

static const char *const end_labels[] = {
	"end", "end time", "ended", "ended at", "incident end", "outage end",
	"impact end", "end of impact", "end of incident", "end of outage",
	"resolved", "resolved at", "resolution time", "recovered",
	"recovered at", "fully resolved", "restored", "restored at",
	"service restored", "end date", NULL
};

static const char *const detect_labels[] = {
	"detected", "detected at", "detection", "detection time",
	"time detected", "first alert", "alerted at", NULL
};

/* Fields that give the customer impact's window, before any other. */
static const char *const impact_window_labels[] = {
	"customer impact", "user impact", "impact window",
	"customer impact window", "user impact window", "impact period",
	"period of impact", "impact time", "impact duration",
	/* the window in the incident's own zone, beside one in UTC that a
	 * group template asks for ("Window (UTC, as the group template
	 * asks): 03:10 to 05:40 UTC" over "Local window: 12:10 to 14:40
	 * JST") */
	"local window", "local time window", "window local time",
	"window in local time", "local incident window", NULL
};

const char *const x_window_labels[] = {
	"duration", "date", "dates", "when", "time", "time window",
	"incident window", "outage window", "window", "period", "time frame",
	"timeframe", "incident date", "date and time", "date time",
	"outage duration", "incident duration", "downtime", "total downtime",
	"length", "outage", "time period", "incident time", NULL
};

static const char *const ttd_labels[] = {
	"time to detect", "ttd", "mttd", "time to detection",
	"detection time", NULL
};

static const char *const ttr_labels[] = {
	"time to resolve", "ttr", "mttr", "time to resolution",
	"time to recovery", "time to recover", "time to mitigate",
	"time to mitigation", "resolution time", NULL
};

/* Words that say a summary sentence gives the length of the outage; the
 * "for ..." ones only in a sentence that says something was down. */
static const char *const duration_words[] = {
	"lasted", "lasting", "duration of", "downtime of", "outage of",
	"a total of", "in total", "for about", "for approximately",
	"for roughly", "for around", "for nearly", "for over", "for", NULL
};

/* ---------------------------------------------------------------- points */

static void
set_zone(struct pm_when *w, const struct pm_when *z)
{
	w->has_zone = 1;
	w->offset_minutes = z->offset_minutes;
	memcpy(w->zone, z->zone, sizeof(w->zone));
}

/* The same point, dated with the pseudo day when it has only a time, so
 * that times of the same document can be compared. */
static struct pm_when
comparable(const struct pm_when *w)
{
	struct pm_when c = *w;

	if (c.day == 0 && c.hour >= 0) {
		c.year = PSEUDO_YEAR;
		c.month = 1;
		c.day = 1;
	} else if (c.year == 0 && c.day) {
		c.year = PSEUDO_YEAR;
	}
	return c;
}

long
x_minutes_between(const struct pm_when *a, const struct pm_when *b)
{
	struct pm_when x = comparable(a), y = comparable(b);
	long m;

	return pm_when_diff_minutes(&m, &x, &y) ? m : PM_UNKNOWN;
}

/* Give a point what the document says and it does not. */
static void
complete(struct xdoc *d, struct pm_when *w)
{
	if (w->day == 0 && d->has_date) {
		w->year = d->date.year;
		w->month = d->date.month;
		w->day = d->date.day;
	}
	if (w->day && w->year == 0 && d->has_date && d->date.year)
		w->year = x_nearest_year(w->month, w->day, &d->date);
	if (!w->has_zone && d->has_zone && w->hour >= 0)
		set_zone(w, &d->zone);
	x_zone_settle(d, w);
}

/*
 * Is a, on b's day, before b?  As instants when both carry a zone (02:41
 * CET comes 43 minutes after 02:58 CEST, the night the clocks go back),
 * else as the clock reads.
 */
static int
earlier(const struct pm_when *a, const struct pm_when *b)
{
	int ma = a->hour * 60 + a->minute, mb = b->hour * 60 + b->minute;

	if (a->has_zone && b->has_zone) {
		ma -= a->offset_minutes;
		mb -= b->offset_minutes;
	}
	return ma < mb;
}

/*
 * A start whose day is the document's (undated: it was written without one),
 * in a document dated by one side of a night: "on the night of 15 November ...
 * from 00:01" starts on the 16th, "in the early hours of 15 January ... from
 * 23:52 to 01:12" on the 14th.  The date of the early hours moves back with
 * the start: it dates the timeline, which starts that evening; the evening's
 * date stays, and a timeline that starts after midnight moves itself
 * (extract_timeline.c).
 */
static void
night_start(struct xdoc *d, int undated)
{
	int m = d->start.hour * 60 + d->start.minute, shift = 0;

	if (d->date_begins && d->start.hour < 6)
		shift = 1440;
	else if (undated && d->date_ends && d->start.hour >= 18 &&
	    d->has_end && d->end.day == 0 && d->end.hour >= 0 &&
	    d->end.hour * 60 + d->end.minute < m)
		shift = -1440;
	pm_when_add_minutes(&d->start, shift);
	if (shift < 0) {
		/* the date is the evening's now: the timeline is not to
		 * move back a second time */
		pm_when_add_minutes(&d->date, shift);
		d->date_ends = 0;
	}
	/* an end dated like the start, in the same small hours */
	if (shift > 0 && d->has_end && d->end.day == d->date.day &&
	    d->end.month == d->date.month && d->end.hour >= 0 &&
	    d->end.hour < 12)
		pm_when_add_minutes(&d->end, shift);
}

/* The pm a 12-hour clock left out, for the start and the end; an end
 * moved to the next day because it looked earlier than the start comes
 * back when pm puts it after the start. */
static void
clock_times(struct xdoc *d)
{
	struct pm_when back;
	long m;
	int end_pm = 0;

	if (d->has_start && !d->inc->fixed.start)
		x_clock_pm(d, &d->start);
	if (d->has_end && !d->inc->fixed.end)
		end_pm = x_clock_pm(d, &d->end);
	if (!end_pm || !d->has_start || !d->start.day || !d->end.day)
		return;
	back = d->end;
	pm_when_add_minutes(&back, -1440);
	if (back.day == d->start.day && back.month == d->start.month &&
	    (m = x_minutes_between(&d->start, &back)) >= 0 && m < 720)
		d->end = back;
}

/* A field's value as one point in time. */
static int
field_point(struct pm_when *w, const struct xfield *f)
{
	size_t at;

	return f && (x_find_point(w, &at, f->tv, f->vlen, 0) ||
	    x_find_point(w, &at, f->tv, f->vlen, 1));
}

/*
 * "... at 10:25 CEST on Tuesday 8 July and were fully back at 03:25 CEST
 * on Thursday 10 July: **41 hours**.": a window's sentence that ends on
 * its length after a colon.
 */
static int
colon_duration(struct xdoc *d, const struct xline *l)
{
	struct pm_when w;
	size_t at, n, e;
	long m;

	if ((l->sec != SEC_SUMMARY && l->sec != SEC_NONE) ||
	    l->kind == XL_HEADING || x_time_led(l))
		return 0;
	for (size_t p = 0; p + 1 < l->len; p++) {
		if (l->s[p] != ':' || l->s[p + 1] != ' ')
			continue;
		e = x_sentence_end(l->s, l->len, p + 1);
		if (e - p > 24 || !pm_when_find(&w, &at, &n, l->t, p) ||
		    w.hour < 0 || !pm_when_find_duration(&m, l->t + p + 1,
		    e - p - 1) || m <= 0)
			continue;
		d->stated_minutes = m;
		d->rep->duration_line = l->line;
		return 1;
	}
	return 0;
}

static void
stated_duration(struct xdoc *d)
{
	static const char *const down[] = {
		"down", "unavailable", "outage", "offline", "failed", "fail*",
		"errors", "degraded", "broken", "unreachable", NULL
	};
	struct pm_phrase_index durations;
	long m;
	size_t at, e;
	const char *w;

	for (size_t i = 0; i < d->nfields; i++) {
		const struct xfield *f = &d->fields[i];

		if (x_in_list(f->label, x_window_labels) &&
		    pm_when_find_duration(&m, f->tv, f->vlen)) {
			d->stated_minutes = m;
			d->rep->duration_line = f->line;
			return;
		}
	}
	/* "The outage lasted 45 minutes", "down for about two hours" */
	pm_phrase_index_init(&durations, duration_words);
	for (size_t k = 0; k < 2 * d->n; k++) {
		const struct xline *l = &d->v[k / 2];
		int pass = k % 2;

		if ((l->sec != SEC_SUMMARY && l->sec != SEC_NONE) ||
		    l->kind == XL_HEADING || x_time_led(l))
			continue;
		/* "lasted" and its kind anywhere in the line ("Sessions
		 * booked for later ... The incident lasted 2 hours 10
		 * minutes."), then the line's first word of a duration only:
		 * a later "for 37 minutes" is most often one phase's */
		for (size_t from = 0; from < l->len && (w = x_index_find(
		    &durations, l->s + from, l->len - from, &at)) != NULL;
		    from = at + strlen(w)) {
			at += from;
			if (w[0] == 'f' && !(pass == 1 && from == 0))
				continue;
			e = x_sentence_end(l->s, l->len, at);
			if (w[0] == 'f' && !x_find_any(l->s, e, down, NULL))
				continue;
			/* a bare "for" only before a number: "for 66
			 * minutes", not "for a bit under two hours" */
			if (strcmp(w, "for") == 0 && !(at + 4 < l->len &&
			    l->s[at + 4] >= '0' && l->s[at + 4] <= '9'))
				continue;
			/* "hung for 30 seconds and then failed" is not the
			 * outage */
			if (pm_when_find_duration(&m, l->t + at, e - at) &&
			    m > 0 && (strcmp(w, "for") != 0 || m >= 5)) {
				d->stated_minutes = m;
				d->rep->duration_line = l->line;
				return;
			}
		}
	}
	for (size_t i = 0; i < d->n; i++)
		if (colon_duration(d, &d->v[i]))
			return;
}

/* A front matter time, read back as a point. */
static int
front_point(struct pm_when *w, const char *s)
{
	size_t len = s ? strlen(s) : 0, n;

	while (len > 0 && s[len - 1] == ' ')
		len--;
	n = len ? pm_when_parse(w, s, len) : 0;
	return n > 0 && (w->day || w->hour >= 0);
}

static long
field_minutes(const struct xdoc *d, const char *const *labels)
{
	const struct xfield *f = x_field(d, labels);
	struct pm_when w;
	long m;

	if (f && !x_find_point(&w, NULL, f->tv, f->vlen, 0) &&
	    pm_when_find_duration(&m, f->tv, f->vlen))
		return m;
	return PM_UNKNOWN;
}

void
x_facts_context(struct xdoc *d)
{
	struct pm_incident *inc = d->inc;
	struct pm_when a, b, night;
	const struct xfield *f;
	int undated;

	x_fields_build(d);
	x_find_zone(d);
	x_find_day(d);
	stated_duration(d);
	d->ttd_stated = field_minutes(d, ttd_labels);
	d->ttr_stated = field_minutes(d, ttr_labels);
	if ((f = x_field(d, detect_labels)) && field_point(&d->detect, f))
		d->has_detect = d->detect.hour >= 0;

	/*
	 * Front matter times win.  One that cannot be read ("after
	 * lunch") is kept as written and stands in the way of any other:
	 * has_* stays 0 and fixed_* stops the prose.  A template's gap
	 * ("TBD", "YYYY-MM-DD") was never written (placeholder.h).
	 */
	if (inc->fixed.start) {
		d->has_start = front_point(&d->start, inc->start);
		d->rep->times_source = "front matter";
	}
	if (inc->fixed.end)
		d->has_end = front_point(&d->end, inc->end);
	if (!inc->fixed.start && (f = x_field(d, start_labels)) &&
	    field_point(&d->start, f)) {
		d->has_start = 1;
		d->rep->start_line = f->line;
		d->rep->times_source = "start/end lines";
	}
	if (!d->has_end && !inc->fixed.end && (f = x_field(d, end_labels)) &&
	    field_point(&d->end, f)) {
		d->has_end = 1;
		d->rep->end_line = f->line;
	}
	/* a lone end field ("Resolved:" of a ticket, often when the ticket
	 * was closed) yields to the impact's range stated in the summary */
	if (!d->has_start && d->has_end && !inc->fixed.start &&
	    !inc->fixed.end && !x_range_in(d, SEC_SUMMARY, 0, "summary"))
		x_range_in(d, SEC_NONE, 0, "summary");
	x_plan_find(d);
ranges:
	for (size_t i = 0; i < 2 * d->nfields && !d->has_start &&
	    !d->has_end && !inc->fixed.start && !inc->fixed.end; i++) {
		f = &d->fields[i % d->nfields];
		if (x_in_list(f->label, i < d->nfields ? impact_window_labels :
		    x_window_labels) && pm_when_find_range(&a, &b, f->tv,
		    f->vlen) && a.hour >= 0)
			x_take_range(d, &a, &b, f->line, "range");
	}
	if (!d->has_start && !d->has_end && !inc->fixed.start &&
	    !inc->fixed.end) {
		if (!x_impact_window(d) &&
		    !x_range_in(d, SEC_SUMMARY, 0, "summary") &&
		    !x_range_in(d, SEC_NONE, 0, "summary") &&
		    !x_range_in(d, SEC_IMPACT, 0, "summary") &&
		    !x_range_in(d, SEC_NONE, 1, "title")) {
			x_summary_points(d, SEC_SUMMARY);
			if (!d->has_start)
				x_summary_points(d, SEC_NONE);
			/* the impact under any heading, else the plan's */
			if (!d->has_start && !d->has_end && d->skip_plan &&
			    !x_range_in(d, SEC_OTHER, 0, "other")) {
				d->skip_plan = 0;
				goto ranges;
			}
		}
	}
	d->skip_plan = 0;
	if (d->has_start && !inc->fixed.start)
		x_settled_start(d);
	if ((d->has_start && !inc->fixed.start) ||
	    (d->has_end && !inc->fixed.end))
		x_corrections_apply(d, d->has_start && !inc->fixed.start,
		    d->has_end && !inc->fixed.end);
	if (!d->has_zone && d->has_start && d->start.has_zone) {
		d->zone = d->start;
		d->has_zone = 1;
	}
	/* the document's day, before the start's day takes its place */
	night = d->date;
	/*
	 * The day written with the start dates the timeline, with or
	 * without its year: "from 23:10 on March 3 to 01:40" in a document
	 * dated March 4 (the day it ended) starts the timeline on March 3.
	 */
	if (d->has_start && d->start.day) {
		struct pm_when ref = d->has_date ? d->date : d->fallback;
		int y = d->start.year;

		if (!y && ref.year)
			y = x_nearest_year(d->start.month, d->start.day, &ref);
		pm_when_init(&d->date);
		d->date.year = y;
		d->date.month = d->start.month;
		d->date.day = d->start.day;
		d->has_date = 1;
	}
	clock_times(d);
	/* "in the early hours of March 4, from 23:10 to 01:40" */
	if (d->date_ends && d->has_start && d->has_end && d->start.day &&
	    d->start.hour >= 18 && d->end.day && d->end.day != d->start.day &&
	    d->start.day == night.day && d->start.month == night.month) {
		pm_when_add_minutes(&d->start, -1440);
		pm_when_add_minutes(&d->end, -1440);
		pm_when_add_minutes(&d->date, -1440);
	}
	undated = d->has_start && d->start.day == 0;
	if (d->has_start)
		complete(d, &d->start);
	if (d->has_start && d->start.day && d->start.hour >= 0 &&
	    (undated || (d->start.day == night.day &&
	    d->start.month == night.month)))
		night_start(d, undated);
	if (d->has_end) {
		if (d->end.day == 0 && d->has_start && d->start.day) {
			d->end.year = d->start.year;
			d->end.month = d->start.month;
			d->end.day = d->start.day;
			complete(d, &d->end);
			if (earlier(&d->end, &d->start)) {
				pm_when_add_minutes(&d->end, 1440);
				x_zone_settle(d, &d->end);
			}
		} else {
			complete(d, &d->end);
		}
	}
}

/* ---------------------------------------------------------------- finish */

/* Is the zone as written an offset ("+00:00", "-08:00", "Z")? */
static int
is_offset(const char *zone)
{
	return zone[0] == '+' || zone[0] == '-' || strcmp(zone, "Z") == 0;
}

/*
 * The time zone as written: the start's, else the document's.  Front
 * matter times carry only offsets ("2025-01-27T20:10:00+00:00"); when the
 * prose names a zone that has that offset on that day ("GMT", "PT"), the
 * name is what the writer calls it.
 */
static const char *
zone_written(struct xdoc *d)
{
	struct pm_when w;

	if (d->has_start && !strcmp(d->start.zone, "Z") && d->has_zone &&
	    d->zone.offset_minutes == 0 && d->zone.zone[0])
		return d->zone.zone;	/* "08:04Z" under "All times UTC." */
	if (!(d->has_start && d->start.has_zone && d->start.zone[0]))
		return d->has_zone && d->zone.zone[0] ? d->zone.zone : NULL;
	if (!d->inc->fixed.start || !is_offset(d->start.zone) ||
	    !d->has_zone || is_offset(d->zone.zone))
		return d->start.zone;
	w = d->start;
	set_zone(&w, &d->zone);
	x_zone_settle(d, &w);
	return w.offset_minutes == d->start.offset_minutes ? d->zone.zone :
	    d->start.zone;
}

static int
full(const struct pm_when *w)
{
	return w->year && w->month && w->day && w->hour >= 0;
}

/* ISO 8601 with the offset, or NULL when the day is not known. */
static const char *
iso(struct xdoc *d, const struct pm_when *w)
{
	char out[64];

	if (!w->year || !w->day)
		return NULL;
	pm_when_format(out, sizeof(out), w);
	return pm_arena_strdup(d->arena, out);
}

/*
 * Without a timeline, the prose may say when the incident was found: the
 * first time written in a sentence that reads as a detection ("Our
 * monitoring paged the on-call engineer at 4:31 a.m."), at or after the
 * start.  Minutes from the start, or PM_UNKNOWN.
 */
static long
prose_detection(struct xdoc *d)
{
	struct pm_when w;
	struct xkinds k;
	size_t from, at, n, b, e;
	long m;

	x_kinds_init(&k);
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if (l->kind == XL_ROW || l->kind == XL_HEADING ||
		    l->sec == SEC_TASKS || l->sec == SEC_CORRECTIVE)
			continue;
		for (from = 0; from < l->len && pm_when_find(&w, &at, &n,
		    l->t + from, l->len - from); from += at + n) {
			if (w.hour < 0)
				continue;
			for (b = 0; (e = x_sentence_end(l->s, l->len, b)) <=
			    from + at && e > b; b = e)
				;
			if (x_timeline_kind(&k, l->s + b, e - b, 0) !=
			    TK_DETECTED)
				continue;
			x_clock_pm(d, &w);
			complete(d, &w);
			m = x_minutes_between(&d->start, &w);
			if (m != PM_UNKNOWN && m >= 0)
				return m;
		}
	}
	return PM_UNKNOWN;
}

void
x_facts_finish(struct xdoc *d)
{
	struct pm_incident *inc = d->inc;
	long computed = PM_UNKNOWN, m;
	const char *file = d->file;

	x_times_from_timeline(d);
	if (d->has_start && !d->has_end && !inc->fixed.end &&
	    d->stated_minutes != PM_UNKNOWN && d->start.hour >= 0) {
		d->end = d->start;
		pm_when_add_minutes(&d->end, d->stated_minutes);
		d->has_end = 1;
	} else if (d->has_end && !d->has_start && !inc->fixed.start &&
	    d->stated_minutes != PM_UNKNOWN && d->end.hour >= 0) {
		d->start = d->end;
		pm_when_add_minutes(&d->start, -d->stated_minutes);
		d->has_start = 1;
	}
	if (d->has_start && d->has_end && d->start.hour >= 0 &&
	    d->end.hour >= 0)
		computed = x_minutes_between(&d->start, &d->end);
	d->rep->stated_duration_minutes = d->stated_minutes;
	d->rep->computed_duration_minutes = computed;
	if (computed != PM_UNKNOWN && computed < 0)
		pm_warnings_add(d->warnings, file, d->rep->end_line,
		    "the end (%02d:%02d) is before the start (%02d:%02d)",
		    d->end.hour, d->end.minute, d->start.hour,
		    d->start.minute);
	else if (computed != PM_UNKNOWN && d->stated_minutes != PM_UNKNOWN &&
	    labs(computed - d->stated_minutes) > 5 &&
	    labs(computed - d->stated_minutes) * 10 > d->stated_minutes)
		pm_warnings_add(d->warnings, file, d->rep->duration_line,
		    "the stated duration (%ld minutes) disagrees with the "
		    "start and end (%ld minutes)", d->stated_minutes,
		    computed);

	/* the front matter's own times are only reformatted, and only when
	 * they say a full day and time; the prose fills what it left out */
	if (d->has_start && (!inc->fixed.start || full(&d->start)))
		inc->start = iso(d, &d->start);
	if (d->has_end && (!inc->fixed.end || full(&d->end)))
		inc->end = iso(d, &d->end);
	/* A front matter zone without front times is a template's default
	 * ("timezone: UTC") when the body's start is in another zone. */
	if (inc->fixed.timezone && !inc->fixed.start && d->has_start &&
	    d->start.has_zone && d->start.zone[0] && d->has_zone &&
	    d->start.offset_minutes != d->zone.offset_minutes)
		inc->timezone = pm_arena_strdup(d->arena, d->start.zone);
	else if (!inc->fixed.timezone) {
		const char *z = zone_written(d);

		if (z)
			inc->timezone = pm_arena_strdup(d->arena, z);
		d->rep->timezone_line = d->zone_line ? d->zone_line :
		    d->rep->start_line;
	}
	/* Times from the timeline are a guess; a stated duration is not. */
	if (!inc->fixed.duration)
		inc->duration_minutes = computed >= 0 &&
		    !(d->stated_minutes != PM_UNKNOWN &&
		    (d->start_from_timeline || d->end_from_timeline)) ?
		    computed : d->stated_minutes;

	/* time to detect: start to the first detection */
	if (d->ttd_stated != PM_UNKNOWN) {
		inc->time_to_detect_minutes = d->ttd_stated;
	} else if (d->has_start && d->start.hour >= 0) {
		m = PM_UNKNOWN;
		if (d->has_detect) {
			complete(d, &d->detect);
			m = x_minutes_between(&d->start, &d->detect);
		}
		for (size_t i = 0; m == PM_UNKNOWN && i < inc->ntimeline; i++)
			if (d->tl_kind[i] == TK_DETECTED)
				m = x_minutes_between(&d->start, &d->tl_when[i]);
		/* a story's events are read loosely: what its prose says
		 * of the alert still counts */
		if (m == PM_UNKNOWN && (inc->ntimeline == 0 || d->tl_story))
			m = prose_detection(d);
		if (m != PM_UNKNOWN && m >= 0)
			inc->time_to_detect_minutes = m;
	}
	if (d->ttr_stated != PM_UNKNOWN)
		inc->time_to_resolve_minutes = d->ttr_stated;
	else if (computed >= 0)
		inc->time_to_resolve_minutes = computed;
}
