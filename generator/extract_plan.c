/*
 * extract_plan.c: the window a change was planned for, which is not the
 * incident's.  The review of planned work that went wrong names its
 * window first ("**Planned window:** Sunday 22:00–23:00", "The window
 * was Tuesday 18:00–19:00", a vendor's "Scheduled maintenance: 02:00–
 * 04:00 CET") and the impact after it, often hours later ("From 07:30,
 * when the ticket offices opened, until 09:10").  The ranges the facts
 * reader tries in turn pass over the plan's; when no other range is
 * written, the plan's is taken after all: the work was then the outage.
 */
#include "extract_int.h"

#include <string.h>

/* Fields that give the planned window whatever the document's shape. */
static const char *const plan_labels[] = {
	"planned window", "change window", "maintenance window",
	"release window", "scheduled window", "scheduled maintenance",
	"planned maintenance", "maintenance", "planned", "scheduled",
	"planned time", "planned date", NULL
};

/* Fields of a change request's header: with one of them, "Window:" is
 * the change's ("**Change:** CR-41 ... **Window:** 13:00–13:30"). */
static const char *const change_labels[] = {
	"change", "change request", "related change", "change id",
	"change ticket", "change number", "cr", "rfc", "approved",
	"cab approval", "approval", "rollback deadline", NULL
};

/* Words of a sentence that make the range after them the plan's.  A
 * window alone may be the incident's ("The window is otherwise as
 * drafted: 5:30 p.m. to 9:15 p.m."); a change's is said so. */
static const char *const plan_cues[] = {
	"planned", "scheduled", "approved for", "the notice", "their notice",
	"its notice", "change window", "maintenance window", "release window",
	"upgrade window", "its window", "their window", "our window",
	"in a window", "the window was", NULL
};

/* Words of the sentence after a range that make it the plan's ("To
 * prepare, the website was closed from 08:00 to 09:30.  That closure was
 * planned and announced, and I do not count it"; "The carrier told us it
 * would move the line between 23:00 and 00:30.  We planned for that"). */
static const char *const plan_after[] = {
	"was planned", "were planned", "planned for that", "planned for it",
	"not count", NULL
};

/* Does "window" at s[i] follow a possessive: "the carrier's window"? */
static int
owned_window(const char *s, size_t len, size_t i)
{
	size_t e = i;

	if (!x_phrase_at(s, len, i, "window"))
		return 0;
	while (e > 0 && s[e - 1] == ' ')
		e--;
	if (e == i || e < 3 || s[e - 1] != 's')
		return 0;
	return s[e - 2] == '\'' || (e >= 5 && memcmp(s + e - 4,
	    "\xe2\x80\x99", 3) == 0);
}

/* Any word that may make a line the plan's, to pass over the others
 * whole: most lines of most reports. */
static const char *const any_word[] = {
	"planned", "scheduled", "approved for", "notice", "window",
	"not count", NULL
};

/* Where in s[0..len) the first word of plan_cues is, or len. */
static size_t
cue_at(const char *s, size_t len)
{
	if (x_find_any(s, len, plan_cues, NULL) == NULL &&
	    x_find(s, len, "window") == (size_t)-1)
		return len;
	for (size_t i = 0; i < len; i++)
		if ((i == 0 || !x_alnum((unsigned char)s[i - 1])) &&
		    (x_phrase_at_any(s, len, i, plan_cues) ||
		    owned_window(s, len, i)))
			return i;
	return len;
}

static void
keep(struct xdoc *d, const struct pm_when *a, const struct pm_when *b)
{
	d->plan_a = *a;
	d->plan_b = *b;
	d->has_plan = d->skip_plan = 1;
}

/* The plan's range in a sentence of l: after a cue, or followed by a
 * sentence that says it was planned. */
static int
plan_in_line(struct xdoc *d, const struct xline *l)
{
	struct pm_when a, z;
	size_t b, e, c;

	/* "Window: 14:00–15:10" is a field, read as one */
	for (b = l->label_len ? l->content : 0; b < l->len; b = e) {
		e = x_sentence_end(l->s, l->len, b);
		if (e <= b)
			break;
		c = b + cue_at(l->s + b, e - b);
		if (c < e && pm_when_find_timed_range(&a, &z, l->t + c,
		    e - c) && a.hour >= 0) {
			keep(d, &a, &z);
			return 1;
		}
		if (c == e && e < l->len && x_find_any(l->s + e,
		    x_sentence_end(l->s, l->len, e) - e, plan_after, NULL) &&
		    pm_when_find_timed_range(&a, &z, l->t + b, e - b) &&
		    a.hour >= 0) {
			keep(d, &a, &z);
			return 1;
		}
	}
	return 0;
}

/* The plan, and the ranges set to pass over it: x_facts_context() takes
 * it only when they find no other. */
void
x_plan_find(struct xdoc *d)
{
	struct pm_phrase_index words;
	struct pm_when a, z;
	int change = x_field(d, change_labels) != NULL;

	d->has_plan = d->skip_plan = 0;
	for (size_t i = 0; i < d->nfields; i++) {
		const struct xfield *f = &d->fields[i];

		if ((x_in_list(f->label, plan_labels) || (change &&
		    strcmp(f->label, "window") == 0)) &&
		    pm_when_find_range(&a, &z, f->tv, f->vlen) &&
		    a.hour >= 0) {
			keep(d, &a, &z);
			return;
		}
	}
	pm_phrase_index_init(&words, any_word);
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if (x_index_find(&words, l->s, l->len, NULL) == NULL ||
		    l->kind == XL_HEADING || l->sec == SEC_TIMELINE ||
		    l->sec == SEC_UPDATES || l->sec == SEC_TASKS ||
		    l->sec == SEC_CORRECTIVE || x_time_led(l) ||
		    l->line == d->rep->title_line)
			continue;
		if (plan_in_line(d, l))
			return;
	}
}

/* Is w p's time, on p's day when both have one (the same clock on
 * another day is another window)? */
static int
same_point(const struct pm_when *w, const struct pm_when *p)
{
	return w->hour == p->hour && w->minute == p->minute &&
	    !(w->day && p->day && (w->day != p->day || w->month != p->month));
}

int
x_plan_is(const struct xdoc *d, const struct pm_when *a,
    const struct pm_when *b)
{
	if (!d->skip_plan || !d->has_plan)
		return 0;
	/* a time alone (b NULL): either end of the plan's */
	if (b == NULL)
		return same_point(a, &d->plan_a) || same_point(a, &d->plan_b);
	return same_point(a, &d->plan_a) && same_point(b, &d->plan_b);
}
