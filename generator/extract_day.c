/*
 * extract_day.c: the incident's day, for the times a postmortem writes
 * without one: the day written with a "Date:" field, the summary, the
 * title, the preamble, any full date, then the front matter's date (a
 * publishing date, unless nothing in the prose comes before it) and the
 * fallback date.  And the year of a date written without one: the year
 * that puts it nearest a reference date.
 */
#include "extract_int.h"

#include <string.h>
#include <strings.h>

static const char *const date_labels[] = {
	"date", "incident date", "date of incident", "day", "when",
	"date and time", "occurred", "occurred on", NULL
};

int
x_find_point(struct pm_when *out, size_t *at, const char *s, size_t len,
    int want_day)
{
	size_t from = 0, a, n;
	struct pm_when w;

	while (from < len && pm_when_find(&w, &a, &n, s + from, len - from)) {
		if (want_day ? (w.day != 0 && w.month != 0) : w.hour >= 0) {
			*out = w;
			if (at)
				*at = from + a;
			return 1;
		}
		from += a + (n ? n : 1);
	}
	return 0;
}

/* Words that put a date after midnight: the night began the day before. */
static const char *const after_midnight[] = {
	"after midnight", "past midnight", "early hours", "small hours",
	"wee hours", "early morning", "early on", NULL
};

/* Words that put a date before a night: its early hours are the next
 * day's. */
static const char *const night_of[] = {
	"night of", "overnight", "evening of", NULL
};

/* Is the date at s[at] the second of two days ("Tuesday 14 to Wednesday
 * 15 January", "Friday 28 February into Saturday 1 March", "14-15
 * January", "14/15 January")?  from: where to stop
 * looking back. */
static int
second_day(const char *s, size_t from, size_t at)
{
	size_t e = at, w;
	int wd;

	while (e > from && (s[e - 1] == ' ' || s[e - 1] == ','))
		e--;
	/* a weekday before the day: "to Wednesday 15 January" */
	for (w = e; w > from && x_alnum((unsigned char)s[w - 1]); w--)
		;
	if (w < e && pm_when_skip_weekday(s + w, e - w, &wd) == e - w)
		for (e = w; e > from && s[e - 1] == ' '; e--)
			;
	if (e > from && (s[e - 1] == '-' || s[e - 1] == '/' ||
	    (unsigned char)s[e - 1] == 0x93 || (unsigned char)s[e - 1] == 0x94))
		return 1;	/* "-", "/", and the ends of "–" and "—" */
	return (e >= from + 3 && x_phrase_at(s, e, e - 3, "and")) ||
	    (e >= from + 2 && x_phrase_at(s, e, e - 2, "to")) ||
	    (e >= from + 4 && x_phrase_at(s, e, e - 4, "into"));
}

/*
 * Which end of a night the date at s[at] is: +1 when it ends one (see
 * below), -1 when it begins one ("on the night of Friday 15 November":
 * the 00:01 after it is on the 16th), 0 when it is an ordinary day.
 *  - The early hours of its day ("in the early hours of March 4", "just
 *    after midnight on 4 March") end a night.  The words come shortly
 *    before the date, in its sentence: in "from the night of 4 December
 *    until the early hours of 6 December" they date the end.
 *  - "the night of" the date begins one, unless another day stands
 *    between them: "the night of Tuesday 14 to Wednesday 15 January" or
 *    "overnight 14-15 January" are read at their second day, which ends
 *    the night.
 */
static int
night_side(const char *s, size_t len, size_t at)
{
	size_t b = 0, e, k;
	const char *w;

	while ((e = x_sentence_end(s, len, b)) <= at && e > b)
		b = e;
	if (at - b > 32)
		b = at - 32;
	if (x_find_any(s + b, at - b, night_of, &k) != NULL)
		return second_day(s, b + k, at) ? 1 : -1;
	/* "after midnight on 4 March" may be read as one point, at
	 * "midnight" */
	e = at + 16 < len ? at + 16 : len;
	while ((w = x_find_any(s + b, e - b, after_midnight, &k)) != NULL &&
	    b + k <= at) {
		if (b + k + strlen(w) + 12 >= at)
			return 1;
		b += k + 1;
	}
	return 0;
}

/* How long after an incident its postmortem may be published (find_day). */
#define PUBLISH_LAG_DAYS 60

/* Labels of dates about the document, not the incident. */
static const char *const doc_date_labels[] = {
	"last updated", "updated", "last modified", "last edited",
	"modified", "published", "written on", "written", "reviewed",
	"review date", "approved", "prepared", "doc date", "report date",
	"date of report", "created on", NULL
};

static int
opens_with_doc_label(const struct xline *l)
{
	size_t at, n = l->len < 40 ? l->len : 40;

	return x_find_any(l->s, n, doc_date_labels, &at) != NULL && at < 16;
}

int
x_dates_the_document(const struct xline *l)
{
	/* "Written by Sean Foley, IT manager" and, on the line under it in
	 * the same paragraph, "Wednesday, August 20, 2025" alone */
	return l->meeting || opens_with_doc_label(l) || (!l->first &&
	    l->len < 40 && l[-1].block == l->block && !x_time_led(l) &&
	    opens_with_doc_label(&l[-1]));
}

/*
 * A year written on its own somewhere in the document ("tax day 2025",
 * "Q3 2024 review"), the first one, or 0.  Only asked when no date with a
 * year was found, so it is not one of a date's parts.
 */
static int
year_written(const struct xdoc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const char *s = d->v[i].s;
		size_t len = d->v[i].len;

		for (size_t k = 0; k + 4 <= len; k++) {
			int y = 0;
			size_t j;

			if (k > 0 && (x_alnum((unsigned char)s[k - 1]) || s[k - 1] == '$'))
				continue;
			for (j = k; j < k + 4 && s[j] >= '0' && s[j] <= '9'; j++)
				y = y * 10 + (s[j] - '0');
			if (j < k + 4 || (j < len && (x_alnum((unsigned char)s[j]) ||
			    ((s[j] == '-' || s[j] == '/' || s[j] == '.' ||
			    s[j] == ',') && j + 1 < len && s[j + 1] >= '0' &&
			    s[j + 1] <= '9'))))
				continue;
			if (y >= 1990 && y <= 2099)
				return y;
		}
	}
	return 0;
}

/*
 * The year of a date written without one, when the caller knows no date
 * to take it from: the year the document writes on its own, or the one
 * next to it whose calendar has the weekday written with the date
 * ("Tuesday, April 15th" with "2025" elsewhere).  0 when there is none.
 */
static int
year_from_text(const struct xdoc *d, const struct pm_when *w)
{
	int y = year_written(d);

	if (y == 0 || w->weekday < 0)
		return y;
	for (int delta = 0; delta <= 1; delta++)
		for (int sign = 1; sign >= -1; sign -= 2) {
			int c = y + sign * delta;

			if (pm_when_weekday(c, w->month, w->day) == w->weekday)
				return c;
		}
	return y;
}

/* A month and year written together, "November 2024" (a byline, a
 * report's heading), the first one: 1 with *y and *m set, else 0. */
static int
month_year_written(const struct xdoc *d, int *y, int *m)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		for (size_t k = 0; k < l->len; k++)
			if ((k == 0 || !x_alnum((unsigned char)l->s[k - 1])) &&
			    pm_when_month_year(y, m, l->s + k, l->len - k))
				return 1;
	}
	return 0;
}

static const char *const weekday_names[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

/*
 * "Tuesday the 7th", "on the 7th": a day of the month written without a
 * month.  The day, with the weekday (Monday 0) or -1 in *wd and where it
 * is written in *pos; 0 when the line has none.
 */
static int
day_alone(const struct xline *l, int *wd, size_t *pos)
{
	const char *s = l->s;
	size_t len = l->len;

	for (size_t at = 0; at + 6 <= len; at++) {
		size_t j = at + 4, b = at;
		int day = 0, digits = 0;

		if (strncasecmp(s + at, "the ", 4) != 0 ||
		    (at > 0 && x_alnum((unsigned char)s[at - 1])))
			continue;
		while (j < len && s[j] >= '0' && s[j] <= '9' && digits < 3)
			day = day * 10 + (s[j++] - '0'), digits++;
		if (digits == 0 || digits > 2 || day < 1 || day > 31 ||
		    j + 2 > len || !strchr("snrt", x_lower((unsigned char)
		    s[j])) || (j + 2 < len && x_alnum((unsigned char)s[j + 2])))
			continue;
		while (b > 0 && s[b - 1] == ' ')
			b--;
		if (b > 0 && s[b - 1] == ',')
			b--;
		*wd = -1;
		for (int w = 0; w < 7; w++) {
			size_t n = strlen(weekday_names[w]);

			if (b >= n && strncasecmp(s + b - n, weekday_names[w],
			    n) == 0 && (b == n || !x_alnum((unsigned char)
			    s[b - n - 1])))
				*wd = w;
		}
		*pos = at;
		if (*wd >= 0 || (b >= 2 && strncasecmp(s + b - 2, "on", 2) ==
		    0 && (b == 2 || s[b - 3] == ' ')))
			return day;
	}
	return 0;
}

/*
 * "On Monday the 3rd, ... for every day up to 3 April": the day written
 * alone before a date without a year in the same line is the incident's,
 * the date something else.  day_by_month_written() gives it its month.
 */
static int
day_alone_before(const struct xline *l, size_t at)
{
	int wd;
	size_t pos;

	return day_alone(l, &wd, &pos) && pos < at;
}

/* Days in month m of year y. */
static int
month_days(int y, int m)
{
	return (int)(pm_when_days_from_date(m == 12 ? y + 1 : y,
	    m == 12 ? 1 : m + 1, 1) - pm_when_days_from_date(y, m, 1));
}

/*
 * A day written alone ("Tuesday the 7th") in the summary, the title or
 * the preamble, dated by a month and year written elsewhere ("incident
 * notes, May 2024"): that month, or the one before or after when only
 * theirs has the weekday (a report is often dated after the incident).
 */
static int
day_by_month_written(const struct xdoc *d, struct pm_when *out)
{
	int day = 0, wd = -1, y, m;
	size_t pos;

	for (size_t i = 0; i < d->n && day == 0; i++) {
		const struct xline *l = &d->v[i];

		if (l->sec == SEC_SUMMARY || l->sec == SEC_NONE ||
		    l->line == d->rep->title_line)
			day = day_alone(l, &wd, &pos);
	}
	if (day == 0 || !month_year_written(d, &y, &m))
		return 0;
	for (int delta = 0; delta <= 1; delta++)
		for (int sign = -1; sign <= 1; sign += 2) {
			int mm = m + sign * delta, yy = y;

			if (mm < 1)
				mm = 12, yy--;
			if (mm > 12)
				mm = 1, yy++;
			if (day > month_days(yy, mm) || (wd >= 0 &&
			    pm_when_weekday(yy, mm, day) != wd))
				continue;
			pm_when_init(out);
			out->year = yy;
			out->month = mm;
			out->day = day;
			return 1;
		}
	return 0;
}

/*
 * Is field f the Date of an e-mail's headers (a postmortem sent as a
 * mail, "From:", "To:", "Date:", "Subject:")?  That is when it was sent,
 * not when the incident was.
 */
static int
mail_header(const struct xdoc *d, const struct xfield *f)
{
	int from = 0, subject = 0;

	for (size_t i = 0; i < d->nfields; i++) {
		const struct xfield *g = &d->fields[i];

		if (g->line < f->line - 4 || g->line > f->line + 4)
			continue;
		from |= strcmp(g->label, "from") == 0;
		subject |= strcmp(g->label, "subject") == 0;
	}
	return from && subject;
}

/* Is line the Date of an e-mail's headers? */
static int
mail_date_line(const struct xdoc *d, int line)
{
	for (size_t i = 0; i < d->nfields; i++)
		if (d->fields[i].line == line &&
		    (strcmp(d->fields[i].label, "date") == 0 ||
		    strcmp(d->fields[i].label, "sent") == 0))
			return mail_header(d, &d->fields[i]);
	return 0;
}

/* A day with its year in a title that the front matter gives
 * ("Incident 2024-08-21: ..."), which no line of the body holds. */
static int
front_title_day(struct xdoc *d, struct pm_when *w)
{
	const char *title = d->inc->title;
	size_t len;

	if (!d->inc->fixed.title || title == NULL)
		return 0;
	len = strlen(title);
	return x_find_point(w, NULL, x_time_text(d, title, len), len, 1) &&
	    w->year;
}

/* Does the summary or the preamble tell of "yesterday" (a note written
 * the day after)? */
static int
says_yesterday(const struct xdoc *d)
{
	static const char *const words[] = { "yesterday", NULL };

	for (size_t i = 0; i < d->n; i++)
		if ((d->v[i].sec == SEC_SUMMARY || d->v[i].sec == SEC_NONE) &&
		    x_find_any(d->v[i].s, d->v[i].len, words, NULL))
			return 1;
	return 0;
}

/* The day the prose names, for times written without one. */
static void
find_prose_day(struct xdoc *d)
{
	const struct xfield *f;
	struct pm_when w, written;
	int pass, year = 0, has_written = 0;
	size_t at;

	if ((f = x_field(d, date_labels)) && !mail_header(d, f) &&
	    x_find_point(&w, NULL, f->tv, f->vlen, 1))
		goto found;
	/* the summary, the title, the preamble, then anywhere */
	for (pass = 0; pass < 3; pass++) {
		if (pass == 1 && !d->has_date && front_title_day(d, &w))
			goto found;
		/* a day alone in the summary ("Monday the 3rd") before a
		 * date anywhere else ("set to start on 04/03/2025") */
		if (pass == 2 && !d->has_date && day_by_month_written(d, &w))
			goto found;
		for (size_t i = 0; i < d->n; i++) {
			const struct xline *l = &d->v[i];
			int in = pass == 0 ? l->sec == SEC_SUMMARY :
			    pass == 1 ? l->line == d->rep->title_line ||
			    l->sec == SEC_NONE : 1;

			if (in && mail_date_line(d, l->line)) {
				if (!has_written && x_find_point(&written,
				    NULL, l->t, l->len, 1) && written.year)
					has_written = 1;
				continue;
			}
			if (in && !has_written && x_dates_the_document(l) &&
			    x_find_point(&written, NULL, l->t, l->len, 1) &&
			    written.year)
				has_written = 1;
			if (in && !x_dates_the_document(l) &&
			    x_find_point(&w, &at, l->t, l->len, 1) &&
			    (w.year || pass == 2)) {
				if (!d->has_date) {
					int side = night_side(l->s, l->len,
					    at);

					d->date_ends = side > 0;
					d->date_begins = side < 0;
				}
				if (w.year)
					goto found;
				if (!d->has_date && !day_alone_before(l, at))
					d->date = w, d->has_date = 1;
			}
		}
	}
	if (d->has_date && d->has_fallback) {
		/* "Tuesday, November 28" and a file filed in 2023 */
		d->date.year = x_nearest_year(d->date.month, d->date.day,
		    &d->fallback);
	} else if (d->has_date && d->date.year == 0) {
		d->date.year = year_from_text(d, &d->date);
	} else if (!d->has_date && day_by_month_written(d, &w)) {
		d->date = w;
		d->has_date = 1;
	} else if (!d->has_date && d->has_fallback == 2) {
		d->date = d->fallback;
		d->has_date = 1;
	} else if (!d->has_date && has_written) {
		/* "Written up by Wes, Tue 14 Jan 2025" and no other day: the
		 * write-up's day, as a front matter date would be taken, or
		 * the day before when the summary says "yesterday" */
		d->date = written;
		d->has_date = 1;
		if (says_yesterday(d))
			pm_when_add_minutes(&d->date, -1440);
	}
	return;
found:
	year = w.year;
	if (d->has_date && d->date.year == 0) {
		d->date.year = year;	/* "March 5" with the year found */
		return;
	}
	if (w.year == 0 && d->has_fallback)
		w.year = x_nearest_year(w.month, w.day, &d->fallback);
	d->date = w;
	d->has_date = 1;
}

/* Days from a to b, dates of the proleptic Gregorian calendar. */
static long long
days_between(const struct pm_when *a, const struct pm_when *b)
{
	return pm_when_days_from_date(b->year, b->month, b->day) -
	    pm_when_days_from_date(a->year, a->month, a->day);
}

/*
 * The incident's day.  A front matter date is taken as it is, unless the
 * prose names a day up to PUBLISH_LAG_DAYS before it, or the night that
 * ends the day after it: Hugo's and Jekyll's
 * `date` is when the page was published, and a postmortem is published
 * days after the incident it tells ("date: 2024-10-30" over "the night of
 * Friday 25 October").  A front matter `start` is never second-guessed.
 */
void
x_find_day(struct xdoc *d)
{
	struct pm_when fm;
	long long lag;

	if (!(d->inc->fixed.date && d->inc->date && x_find_point(&fm, NULL,
	    d->inc->date, strlen(d->inc->date), 1))) {
		find_prose_day(d);
		return;
	}
	/* the published day dates the prose's "Friday 25 October" */
	d->fallback = fm;
	d->has_fallback = 1;
	find_prose_day(d);
	/* "the night of Wednesday 22 to Thursday 23 January" under "date:
	 * 2025-01-22": the prose's night ends the day after the front
	 * matter's evening */
	if (d->has_date && d->date.year && d->date.day &&
	    (lag = days_between(&d->date, &fm)) >= -d->date_ends &&
	    lag <= PUBLISH_LAG_DAYS)
		return;
	d->date = fm;
	d->has_date = 1;
	d->date_ends = d->date_begins = 0;
}

int
x_nearest_year(int month, int day, const struct pm_when *ref)
{
	long long best = -1, dist;
	int year = ref->year;

	if (!ref->year || !ref->month || !ref->day)
		return ref->year;
	for (int y = ref->year - 1; y <= ref->year + 1; y++) {
		dist = pm_when_days_from_date(y, month, day) -
		    pm_when_days_from_date(ref->year, ref->month, ref->day);
		dist = dist < 0 ? -dist : dist;
		if (best < 0 || dist < best)
			best = dist, year = y;
	}
	return year;
}
