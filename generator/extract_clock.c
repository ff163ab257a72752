/*
 * extract_clock.c: the clock a postmortem is written in, and the pm of
 * the times it writes without am/pm.
 *
 * "From 2:20 to 3:45 checkout timed out" is 14:20 to 15:45 when the same
 * document writes "2:20 PM" in its timeline, or says "in the afternoon";
 * it is 02:20 when the writer uses a 24-hour clock.  The rule, applied to
 * a time written without am/pm whose hour is 1 to 11:
 *  1. a document that writes a 24-hour clock keeps its times as written:
 *     one time without am/pm past 12:59, or at 00:xx, or with a leading
 *     zero ("09:05") says so;
 *  2. otherwise the time is pm when the document writes the same hour
 *     with pm (or the hour before or after it) and never with am;
 *  3. otherwise it is pm when the title, the preamble, the summary or
 *     the impact say when in the day it happened: "afternoon", "after
 *     lunch", "mid-day", "business hours" or "working hours" make hours
 *     1 to 6 pm, "evening" and "tonight" hours 5 to 11; a document that
 *     also says "morning", "overnight" or "night" is left alone, and so
 *     is, for the evening, one that writes 12:xx without am/pm: in an
 *     evening that is noon, hours before it began ("From 10:31 to 12:07",
 *     with "the EU rollout was scheduled for the evening" in the impact).
 * Timelines add their own rule on top (extract_timeline.c): on a 12-hour
 * clock, "11:30 ... 1:00" is 13:00.
 */
#include "extract_int.h"

#include <string.h>
#include <strings.h>

static const char *const afternoon_words[] = {
	"afternoon", "after lunch", "after lunchtime", "mid day", "midday",
	"business hours", "working hours", "office hours", "during the day",
	NULL
};

static const char *const evening_words[] = {
	"evening", "tonight", NULL
};

static const char *const morning_words[] = {
	"morning", "overnight", "night", "early hours", "before dawn",
	"nightly", NULL
};

/* Does the point at s[at] start with a leading zero ("09:05")? */
static int
leading_zero(const char *s, size_t len, size_t at)
{
	return at + 1 < len && s[at] == '0' && s[at + 1] >= '0' &&
	    s[at + 1] <= '9';
}

/*
 * Could the line write a clock?  pm_when_find would say, but it tries a
 * date at nearly every word, and most lines of a postmortem hold no
 * time: a clock is written with a digit, or as noon, midday or midnight
 * (the rewritten text t spells "half past two" as "2:30").  The words
 * are looked for as bare letters, which finds a superset of them.
 */
static int
may_hold_clock(const char *t, size_t len)
{
	static const char *const words[] = { "noon", "midday", "midnight" };

	for (size_t i = 0; i < len; i++) {
		if (t[i] >= '0' && t[i] <= '9')
			return 1;
		for (size_t k = 0; k < sizeof(words) / sizeof(*words); k++) {
			size_t n;

			/* The letter first: this runs at every byte. */
			if ((t[i] | 0x20) != words[k][0])
				continue;
			n = strlen(words[k]);
			if (len - i >= n && strncasecmp(t + i, words[k], n) == 0)
				return 1;
		}
	}
	return 0;
}

/* The context lines: where writers say when in the day it happened. */
static int
context_line(const struct xdoc *d, const struct xline *l)
{
	return l->sec == SEC_NONE || l->sec == SEC_SUMMARY ||
	    l->sec == SEC_IMPACT || l->line == d->rep->title_line;
}

void
x_clock_read(struct xdoc *d)
{
	struct xclock *c = &d->clock;
	struct pm_when w;
	struct pm_phrase_index afternoon, evening, morning;
	size_t from, at, n;

	memset(c, 0, sizeof(*c));
	pm_phrase_index_init(&afternoon, afternoon_words);
	pm_phrase_index_init(&evening, evening_words);
	pm_phrase_index_init(&morning, morning_words);
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		for (from = may_hold_clock(l->t, l->len) ? 0 : l->len;
		    from < l->len && pm_when_find(&w, &at, &n,
		    l->t + from, l->len - from); from += at + n) {
			if (w.hour < 0)
				continue;
			if (w.meridiem < 0 && (w.hour >= 13 || w.hour == 0 ||
			    leading_zero(l->t, l->len, from + at)))
				c->h24 = 1;
			else if (w.meridiem == 1 && w.hour > 12)
				c->pm_hours |= 1u << (w.hour - 12);
			else if (w.meridiem == 0 && w.hour >= 1)
				c->am_hours |= 1u << w.hour;
			if (w.meridiem < 0 && w.hour == 12)
				c->twelve = 1;
		}
		if (!context_line(d, l))
			continue;
		c->afternoon |= x_index_find(&afternoon, l->s, l->len,
		    NULL) != NULL;
		c->evening |= x_index_find(&evening, l->s, l->len, NULL) !=
		    NULL;
		c->morning |= x_index_find(&morning, l->s, l->len, NULL) !=
		    NULL;
	}
}

int
x_clock_pm(const struct xdoc *d, struct pm_when *w)
{
	const struct xclock *c = &d->clock;
	unsigned near;
	int h = w->hour, pm = 0;

	if (w->meridiem >= 0 || h < 1 || h > 11 || c->h24)
		return 0;
	near = (1u << h) | (1u << (h - 1)) | (1u << (h + 1));
	if ((c->pm_hours & near) && !(c->am_hours & near))
		pm = 1;
	else if (!c->morning && ((c->afternoon && h <= 6) || (c->evening &&
	    !c->twelve && h >= 5)) && !c->am_hours)
		pm = 1;
	if (pm) {
		w->hour += 12;
		w->meridiem = 1;
	}
	return pm;
}
