/*
 * extract_correct.c: the window as the report's corrections leave it.
 * A summary is often left as first written and corrected further down,
 * in a note, an update or an errata list:
 *
 *   Correction: the outage began at 18:05 EEST, not 18:20 as first
 *   written.
 *   In the issue summary, "from 9:15 p.m." should read "from 8:45 p.m.".
 *   Update, 19 November: we now count the window to 12:20.
 *
 * Each names the clock it replaces, or the end or start it moves, so a
 * correction is taken only when its old clock is the one read, or its
 * words say which point moves.  The last one in the report wins: updates
 * follow one another.
 */
#include "extract_int.h"

#include <string.h>

/* Words that make a line a correction of what was written before. */
static const char *const cues[] = {
	"correction", "erratum", "errata", "update", "as first written",
	"as first reported", "first version", "first draft", NULL
};

/* Words that move the end or the start to the time after them, which
 * need no cue. */
static const char *const end_movers[] = {
	"count the incident to", "count the window to", "count the outage to",
	"count the impact to", "moved the end to", "move the end to",
	"the end is now", NULL
};
static const char *const start_movers[] = {
	"count the incident from", "count the window from",
	"count the outage from", "count the impact from",
	"moved the start to", "move the start to", "the start is now", NULL
};

/*
 * Could line l hold one of the phrases of a list?  Inner pieces of them,
 * in either case of their first letter, found by strstr(), which passes
 * over the many lines that hold none far faster than trying phrases at
 * every word: every line of every report is asked.
 */
static int
may_hold(const struct xline *l, const char *const *pieces)
{
	for (; *pieces; pieces++)
		if (strstr(l->s, *pieces) != NULL)
			return 1;
	return 0;
}

static const char *const cue_pieces[] = { "orrection", "rrat", "pdate",
	"irst written", "irst reported", "irst version", "irst draft", NULL };
static const char *const mover_pieces[] = { "ount the ", "ove the ",
	" is now", NULL };

/* The clock of the first time in s[a, b): 1 when *w was set. */
static int
first_clock(const struct xline *l, size_t a, size_t b, struct pm_when *w)
{
	size_t at, n;

	pm_when_init(w);
	return a < b && b <= l->len && pm_when_find(w, &at, &n, l->t + a,
	    b - a) && w->hour >= 0;
}

static int
same_clock(const struct pm_when *a, const struct pm_when *b)
{
	return a->hour == b->hour && a->minute == b->minute;
}

/* point takes the clock of w, keeping its day. */
static void
set_clock(struct pm_when *point, const struct pm_when *w)
{
	point->hour = w->hour;
	point->minute = w->minute;
	point->second = 0;
}

/* "the outage began at 18:05, not 18:20": *from the clock meant, *to the
 * one it replaces. */
static int
not_form(const struct xline *l, struct pm_when *from, struct pm_when *to)
{
	for (size_t n = 1; n + 4 < l->len; n++) {
		size_t k, before;

		if (l->s[n - 1] != ' ' || memcmp(l->s + n, "not ", 4) != 0)
			continue;
		/* the clock just before, in the same clause */
		for (before = n; before > 0 && before + 40 > n &&
		    l->s[before - 1] != '.' && l->s[before - 1] != ';';)
			before--;
		for (k = n; k > before; k--)
			if (first_clock(l, k - 1, n, from) && (k - 1 == 0 ||
			    !x_alnum((unsigned char)l->s[k - 2])))
				break;
		if (k > before && first_clock(l, n + 1, l->len < n + 30 ?
		    l->len : n + 30, to))
			return 1;
	}
	return 0;
}

/* "\"from 9:15 p.m.\" should read \"from 8:45 p.m.\"" */
static int
should_read(const struct xline *l, struct pm_when *from, struct pm_when *to)
{
	static const char *const reads[] = { "should read", "should be",
	    NULL };
	const char *q1, *q2, *p;
	size_t at, e;

	if (!(p = x_find_any(l->s, l->len, reads, &at)) || at < 2 ||
	    l->s[at - 1] != ' ' || l->s[at - 2] != '"')
		return 0;
	q2 = l->s + at - 2;
	for (q1 = q2; q1 > l->s && q1[-1] != '"';)
		q1--;
	if (q1 == l->s)
		return 0;
	e = at + strlen(p);
	return first_clock(l, (size_t)(q1 - l->s), (size_t)(q2 - l->s),
	    to) && e < l->len && first_clock(l, e, l->len < e + 30 ?
	    l->len : e + 30, from);
}

/* A mover's time: 1 when *w was set from the words at *at of list. */
static int
moved_to(const struct xline *l, const char *const *list, struct pm_when *w)
{
	const char *p;
	size_t at, e;

	if ((p = x_find_any(l->s, l->len, list, &at)) == NULL)
		return 0;
	e = at + strlen(p);
	return first_clock(l, e, l->len < e + 12 ? l->len : e + 12, w);
}

void
x_corrections_apply(struct xdoc *d, int start, int end)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];
		struct pm_when now, was;
		int cued, movable;

		if ((l->kind != XL_PARA && l->kind != XL_ITEM) ||
		    l->sec == SEC_TIMELINE || l->sec == SEC_UPDATES ||
		    l->sec == SEC_TASKS)
			continue;
		cued = may_hold(l, cue_pieces);
		movable = may_hold(l, mover_pieces);
		if ((!cued && !movable) || x_time_led(l))
			continue;
		if (cued && x_find_any(l->s, l->len, cues, NULL) != NULL &&
		    (should_read(l, &now, &was) || not_form(l, &now, &was))) {
			if (start && same_clock(&was, &d->start)) {
				set_clock(&d->start, &now);
				d->rep->start_line = l->line;
			} else if (end && same_clock(&was, &d->end)) {
				set_clock(&d->end, &now);
				d->rep->end_line = l->line;
			}
			continue;
		}
		if (!movable)
			continue;
		if (end && moved_to(l, end_movers, &now)) {
			set_clock(&d->end, &now);
			d->rep->end_line = l->line;
		}
		if (start && moved_to(l, start_movers, &now)) {
			set_clock(&d->start, &now);
			d->rep->start_line = l->line;
		}
	}
}
