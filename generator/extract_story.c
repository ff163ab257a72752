/*
 * extract_story.c: the start and end a summary tells (extract_facts.c,
 * steps 4 and 5): a range in the lines of a section, else the times its
 * sentences name ("began at 10:00 AM ... restored at 12:45 PM").
 */
#include "extract_int.h"

#include <string.h>

/* Words that say a time in a summary sentence is the end. */
static const char *const end_words[] = {
	"restor*", "resolv*", "recover*", "mitigat*", "ended", "until",
	"back up", "back online", "fixed", "returned to normal",
	/* "were fully back at 03:25": not "rolled back at", the action */
	"fully back", "were back", "was back", "back to normal",
	"normal again", "back on the system", "back in service",
	"accepted again", "working again", "available again", NULL
};

/* Words right before a time that make it the end of the window. */
static const char *const until_words[] = { "until", "till", NULL };

/* Words right before a time that make it a deadline or a bound ("every
 * gift made before 3 p.m.", "after 6 pm"), not an event. */
static const char *const bound_words[] = { "before", "after", "by", NULL };

/* Does one of words end right before s[i], blanks aside? */
static int
word_before(const char *s, size_t i, const char *const *words)
{
	size_t e = i, b;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	for (b = e; b > 0 && x_alnum((unsigned char)s[b - 1]); b--)
		;
	return b < e && x_phrase_at_any(s, e, b, words) == e;
}

/* Does "after" or "before" end right before s[i], and bound the time
 * that follows ("Fixed after midnight")?  Not when it says the time
 * roughly: "until just after 5". */
static int
firm_bound(const char *s, size_t i)
{
	static const char *const bound[] = { "before", "after", NULL };
	static const char *const rough[] = {
		"just", "shortly", "soon", "right", "little", NULL
	};
	size_t b = i;

	if (!word_before(s, i, bound))
		return 0;
	while (b > 0 && s[b - 1] == ' ')
		b--;
	while (b > 0 && x_alnum((unsigned char)s[b - 1]))
		b--;
	return !word_before(s, b, rough);
}

/* Does the line start with a time, as a timeline entry does? */
int
x_time_led(const struct xline *l)
{
	struct pm_when w;
	size_t n = pm_when_parse(&w, l->t, l->len);

	return n > 0 && w.hour >= 0 && w.day == 0;
}

int
x_take_range(struct xdoc *d, const struct pm_when *a, const struct pm_when *b,
    int line, const char *source)
{
	if (x_plan_is(d, a, b))
		return 0;
	d->start = *a;
	d->end = *b;
	d->has_start = d->has_end = 1;
	d->rep->start_line = d->rep->end_line = line;
	d->rep->times_source = source;
	return 1;
}

/* Words before a range that make it the doubt about the start, not the
 * window ("The start lies between 10:05 and 10:10 CEST (the firewall and
 * the app logs disagree)"). */
static const char *const start_doubt[] = {
	"start lies between", "start lies somewhere between",
	"start was between", "start is between", "started between",
	"started sometime between", "started some time between",
	"began between", "began sometime between", "began some time between",
	NULL
};

/* Is a, the start of a range in l, right after words of doubt? */
static int
doubts_start(const struct xline *l, const struct pm_when *a)
{
	struct pm_when w;
	const char *p;
	size_t at, e;

	if ((p = x_find_any(l->s, l->len, start_doubt, &at)) == NULL)
		return 0;
	e = at + strlen(p);
	return pm_when_parse(&w, l->t + e, l->len - e) > 0 &&
	    w.hour == a->hour && w.minute == a->minute;
}

/* Words that open a window given by its start and its length. */
static const char *const start_leads[] = {
	"starting at", "starting from", "starting", "beginning at",
	"beginning", "from", NULL
};

/* "Starting at approximately 22:40" */
static const char *const about[] = {
	"approximately", "about", "around", "roughly", NULL
};

/* Words between the start and the end: "and ending at 01:15". */
static const char *const end_leads[] = {
	"and ending at", "and ending", "ending at", "and ended at",
	"until", "till", NULL
};

/* Words between the start and the length: "for", "and lasting". */
static const char *const length_leads[] = {
	"for about", "for around", "for roughly", "for approximately",
	"for nearly", "for", "and lasting", "lasting", NULL
};

/*
 * "Starting at 20:00 on Saturday 27 September 2025, for 2 hours and 50
 * minutes, players could not log in", "Starting at approximately 22:40
 * CET on Saturday 22 November and ending at 01:15 CET on Sunday 23
 * November": a window from its start and its length or its end, as
 * providers write it.  The length or the end must follow the start at
 * once, so that "from 20:00 ... the queue grew for 10 minutes" is no
 * window.  *a and *b are its ends.
 */
static int
start_for(const struct xline *l, struct pm_when *a, struct pm_when *b)
{
	size_t i = x_skip_blanks(l->s, l->len, 0), k, at, n, e;
	double v;
	long m;

	if ((k = x_phrase_at_any(l->s, l->len, i, start_leads)) == 0)
		return 0;
	k = x_skip_blanks(l->s, l->len, k);
	if ((e = x_phrase_at_any(l->s, l->len, k, about)) != 0)
		k = e;
	if (!pm_when_find(a, &at, &n, l->t + k, l->len - k) || a->hour < 0 ||
	    at > 1)
		return 0;
	k += at + n;
	if (k < l->len && l->s[k] == ',')
		k++;
	k = x_skip_blanks(l->s, l->len, k);
	if ((e = x_phrase_at_any(l->s, l->len, k, end_leads)) != 0)
		return pm_when_find(b, &at, &n, l->t + e, l->len - e) &&
		    at <= 1 && b->hour >= 0;
	if ((e = x_phrase_at_any(l->s, l->len, k, length_leads)) == 0)
		return 0;
	e = x_skip_blanks(l->s, l->len, e);
	if (x_number_at(l->s, l->len, e, &v) == 0 && !x_phrase_at(l->s,
	    l->len, e, "an hour"))
		return 0;
	if (!pm_when_find_duration(&m, l->t + e, x_sentence_end(l->s,
	    l->len, e) - e) || m <= 0 || m > 14 * 24 * 60)
		return 0;
	*b = *a;
	pm_when_add_minutes(b, m);
	return 1;
}

/*
 * Is item i the only one of its list led by a time?  "- Friday 5
 * September, evening rush" over "- **17:40 → 20:15 KST**: riders could
 * not unlock" gives the window; a list whose items all open with a time
 * is a timeline.
 */
static int
lone_time_led(const struct xdoc *d, size_t i)
{
	size_t a = i, b = i;
	int n = 0;

	while (a > 0 && d->v[a - 1].kind == XL_ITEM &&
	    d->v[a - 1].level == d->v[i].level)
		a--;
	while (b + 1 < d->n && d->v[b + 1].kind == XL_ITEM &&
	    d->v[b + 1].level == d->v[i].level)
		b++;
	for (size_t k = a; k <= b; k++)
		n += d->v[k].first && x_time_led(&d->v[k]);
	return n == 1 && b > a;
}

int
x_range_in(struct xdoc *d, int sec, int title, const char *source)
{
	struct pm_when a, b;

	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		/* a paragraph may open with the range ("14:03-14:21 ET (18
		 * min). All API requests failed."); an entry of a list that
		 * does is a step of a timeline */
		if (title ? l->line != d->rep->title_line : (l->sec != sec ||
		    l->kind == XL_HEADING || l->meeting ||
		    (l->kind != XL_PARA && x_time_led(l) &&
		    (l->kind != XL_ITEM || !lone_time_led(d, i)))))
			continue;
		/* the window that opens the line before any range after
		 * it ("... The disruption was worst between 23:30 and
		 * 00:30.") */
		if ((start_for(l, &a, &b) ||
		    (pm_when_find_timed_range(&a, &b, l->t, l->len) &&
		    a.hour >= 0)) &&
		    !doubts_start(l, &a) &&
		    x_take_range(d, &a, &b, l->line, source))
			return 1;
	}
	return 0;
}

/* Words between two times of an impact sentence that make the second
 * the end of the window. */
static const char *const window_ends[] = {
	"end*", "finish*", "stopp*", "until", "till", "over at",
	"recover*", "restor*", "resolv*", NULL
};

/* The window sentence [b, e) of l gives: a range, or a time and a later
 * one after a word of the end ("began at 19:02 and ended at 21:31"). */
static int
window_in(struct xdoc *d, const struct xline *l, size_t b, size_t e)
{
	struct pm_when a, z;
	size_t at, n, at2, n2;

	if (pm_when_find_timed_range(&a, &z, l->t + b, e - b) && a.hour >= 0)
		return x_take_range(d, &a, &z, l->line, "impact window");
	if (!pm_when_find(&a, &at, &n, l->t + b, e - b) || a.hour < 0)
		return 0;
	at += b + n;
	if (!pm_when_find(&z, &at2, &n2, l->t + at, e - at) || z.hour < 0 ||
	    !x_find_any(l->s + at, at2, window_ends, NULL))
		return 0;
	return x_take_range(d, &a, &z, l->line, "impact window");
}

/* Words of a sentence that states the window: of the impact, or of what
 * the writer counts as the incident ("We consider the incident from
 * 07:00, when the emails were due, until 12:35"). */
static const char *const window_words[] = {
	"impact*", "we consider", "we count", "we counted", "is counted",
	"are counted", NULL
};

/* Does the range taken last run as long as the duration stated, if
 * one is? */
static int
agrees_with_stated(const struct xdoc *d)
{
	long m = x_minutes_between(&d->start, &d->end);

	if (m != PM_UNKNOWN && m < 0)
		m += 1440;	/* "22:40 to 01:10" */
	return d->stated_minutes == PM_UNKNOWN || m == d->stated_minutes;
}

/*
 * "1,340 of the 4,020 students booked between 18:00 and 22:00 lost their
 * session": a range in a sentence about the impact may say who was
 * counted, not when.  When the stated duration disagrees with it and
 * agrees with the summary's range ("from 18:00 to 20:10 EST ... lasted
 * 2 hours 10 minutes"), the summary's range is the window.
 */
static void
summary_over_window(struct xdoc *d)
{
	struct pm_when start = d->start, end = d->end;
	struct pm_extract_report rep = *d->rep;

	if (agrees_with_stated(d))
		return;
	d->has_start = d->has_end = 0;
	if (x_range_in(d, SEC_SUMMARY, 0, "summary") &&
	    agrees_with_stated(d))
		return;
	d->start = start;
	d->end = end;
	d->has_start = d->has_end = 1;
	*d->rep = rep;
}

int
x_impact_window(struct xdoc *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];
		size_t b, e;

		if ((l->sec != SEC_SUMMARY && l->sec != SEC_NONE &&
		    l->sec != SEC_IMPACT) || l->kind == XL_HEADING ||
		    x_time_led(l) || l->line == d->rep->title_line)
			continue;
		for (b = 0; b < l->len; b = e) {
			e = x_sentence_end(l->s, l->len, b);
			if (e <= b)
				break;
			if (x_find_any(l->s + b, e - b, window_words, NULL) &&
			    window_in(d, l, b, e)) {
				summary_over_window(d);
				return 1;
			}
		}
	}
	return 0;
}

/*
 * Does "From" or "Since" open the sentence right before s[i], and the
 * time (ending at s[j]) say when something began to go wrong?  "Round 5
 * started at 19:00 UTC.  From 19:20 UTC, moves arrived late": the story
 * names the scene first, then the impact with its start.  "From 10:30,
 * we rerouted traffic" is the response, not the start.
 */
static int
onset_opens(const char *s, size_t len, size_t i, size_t j)
{
	static const char *const onset[] = { "from", "since", NULL };
	static const char *const actors[] = {
		"we", "our team", "the team", "engineers", "the on-call",
		"on-call", "i", NULL
	};
	size_t e = i, b;

	while (j < len && (s[j] == ' ' || s[j] == ','))
		j++;
	if (x_phrase_at_any(s, len, j, actors))
		return 0;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	for (b = e; b > 0 && x_alnum((unsigned char)s[b - 1]); b--)
		;
	if (b == e || s[b] < 'A' || s[b] > 'Z' ||
	    x_phrase_at_any(s, e, b, onset) != e)
		return 0;
	while (b > 0 && s[b - 1] == ' ')
		b--;
	return b == 0 || s[b - 1] == '.' || s[b - 1] == '!' ||
	    s[b - 1] == '?';
}

/* Is the time at s[i] an offset, "2:30" of "(NDT, UTC−2:30)"? */
static int
offset_after_zone(const char *s, size_t i)
{
	if (i >= 1 && (s[i - 1] == '+' || s[i - 1] == '-'))
		i--;
	else if (i >= 3 && (memcmp(s + i - 3, "\xe2\x88\x92", 3) == 0 ||
	    memcmp(s + i - 3, "\xe2\x80\x93", 3) == 0))
		i -= 3;	/* the minus sign, the en dash */
	else
		return 0;
	return i >= 3 && (x_phrase_at(s, i, i - 3, "utc") ||
	    x_phrase_at(s, i, i - 3, "gmt"));
}

/* Is b, on a's day (written so, or without a day), later in it? */
static int
later_same_day(const struct pm_when *b, const struct pm_when *a)
{
	int ma = a->hour * 60 + a->minute, mb = b->hour * 60 + b->minute;

	if (b->day && (a->year != b->year || a->month != b->month ||
	    a->day != b->day))
		return 0;
	if (a->has_zone && b->has_zone) {
		ma -= a->offset_minutes;
		mb -= b->offset_minutes;
	}
	return mb > ma;
}

/*
 * Do start and end, both written with their day, lie the stated duration
 * apart?  "at 10:25 CEST on Tuesday 8 July ... fully back at 03:25 CEST on
 * Thursday 10 July: 41 hours" is the window; a phase the next sentence
 * ends ("Until about 19:00 CEST on Tuesday, 100% of visitors ...") is
 * not.
 */
static int
stated_window(const struct xdoc *d, const struct pm_when *start,
    const struct pm_when *end)
{
	struct pm_when a = *start, b = *end;
	long m;

	if (d->stated_minutes == PM_UNKNOWN || !a.day || !b.day)
		return 0;
	if (!b.year)
		b.year = a.year;
	if (!a.year)
		a.year = b.year;
	return pm_when_diff_minutes(&m, &a, &b) && m == d->stated_minutes;
}

/*
 * Do lines a and b (a before b) tell one story: one paragraph or item,
 * or items of one list with nothing else between?  "- Release 4.0 went
 * live at 6:05 pm" over "- From 6:20 pm customers could not choose a
 * seat" is a story told in bullets.
 */
static int
one_story(const struct xdoc *d, size_t a, size_t b)
{
	if (d->v[a].block == d->v[b].block)
		return 1;
	for (size_t i = a; i <= b; i++)
		if (d->v[i].kind != XL_ITEM || d->v[i].level != d->v[a].level ||
		    d->v[i].quoted != d->v[a].quoted)
			return 0;
	return 1;
}

void
x_summary_points(struct xdoc *d, int sec)
{
	struct pm_when w;
	size_t from, at, e, n, start_i = 0;
	int start_block = -1, end_block = -1, onset = 0;

	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if (l->sec != sec || l->kind == XL_HEADING || x_time_led(l) ||
		    l->line == d->rep->title_line || x_dates_the_document(l))
			continue;
		for (from = 0; from < l->len && pm_when_find(&w, &at, &n,
		    l->t + from, l->len - from); from += at + n) {
			/* "Fixed after midnight: orders accepted again from
			 * 00:40": "after" bounds the end too ("by" does not:
			 * "restored by 10:40" is the end) */
			if (w.hour < 0 || offset_after_zone(l->s, from + at) ||
			    x_plan_is(d, &w, NULL) ||
			    (d->has_start ? firm_bound(l->t, from + at) :
			    word_before(l->t, from + at, bound_words)))
				continue;
			/* "for most of the day, until 1:35 pm": the end
			 * alone, the start left to the timeline; a later
			 * time is a start only if it comes before it */
			if (!d->has_start && !d->has_end &&
			    word_before(l->t, from + at, until_words)) {
				d->end = w;
				d->has_end = 1;
				d->rep->end_line = l->line;
				end_block = l->block;
				continue;
			}
			if (!d->has_start && d->has_end &&
			    !later_same_day(&d->end, &w))
				continue;
			if (!d->has_start) {
				d->start = w;
				d->has_start = 1;
				d->times_from_story = 1;
				d->rep->start_line = l->line;
				d->rep->times_source = "summary";
				start_block = l->block;
				start_i = i;
				onset = onset_opens(l->t, l->len, from + at,
				    from + at + n);
				continue;
			}
			if (!onset && !d->has_end && one_story(d, start_i, i) &&
			    onset_opens(l->t, l->len, from + at,
			    from + at + n) &&
			    later_same_day(&w, &d->start)) {
				d->start = w;
				d->rep->start_line = l->line;
				onset = 1;
				continue;
			}
			if (d->has_end && end_block == start_block &&
			    l->block != start_block)
				continue;
			e = x_sentence_end(l->s, l->len, from + at);
			if (x_find_any(l->s + from, e - from, end_words,
			    NULL) && !(d->has_end &&
			    stated_window(d, &d->start, &d->end) &&
			    !stated_window(d, &d->start, &w))) {
				d->end = w;
				d->has_end = 1;
				d->rep->end_line = l->line;
				end_block = l->block;
			}
		}
	}
}

/* Words by which a writer settles a start the summary gave roughly: "We
 * put the start at 12:05, the first manifest the app refused", "we take
 * 10:05, the earlier", "We use 23:55, the middle of the bar". */
static const char *const settle_words[] = {
	"we put the start at", "we place the start at", "we set the start at",
	"we date the start at", "we date the start to", "we take", "we use",
	"we count from", "we counted from", NULL
};

/* The minutes between two clocks around the dial, at most 720. */
static int
dial_minutes(const struct pm_when *a, const struct pm_when *b)
{
	int m = (a->hour * 60 + a->minute) - (b->hour * 60 + b->minute);

	m = m < 0 ? -m : m;
	return m > 720 ? 1440 - m : m;
}

/* Words in brackets that give the exact time a log or clock kept:
 * "shortly after the 10:30 sale began (10:34 CDT by the bid log)". */
static const char *const kept_by[] = {
	"by the", "per the", "according to", "in the", "on the", NULL
};

/* The time in brackets after the rough start of line l that a log or a
 * clock kept, a few minutes after it: 1 when *w was set. */
static int
bracket_restates(const struct xdoc *d, const struct xline *l,
    struct pm_when *w)
{
	for (const char *o = memchr(l->s, '(', l->len); o != NULL;
	    o = memchr(o + 1, '(', l->len - (size_t)(o + 1 - l->s))) {
		size_t k = (size_t)(o - l->s) + 1, n, c;
		const char *close;

		if ((n = pm_when_parse(w, l->t + k, l->len - k)) == 0 ||
		    w->hour < 0 || w->day != 0 ||
		    (close = memchr(l->s + k, ')', l->len - k)) == NULL)
			continue;
		c = (size_t)(close - l->s);
		if (k + n < c && x_find_any(l->s + k + n, c - k - n, kept_by,
		    NULL) && dial_minutes(w, &d->start) <= 30 &&
		    w->hour * 60 + w->minute >= d->start.hour * 60 +
		    d->start.minute)
			return 1;
	}
	return 0;
}

/* The start line l settles in words, near the rough one: 1 when *w was
 * set. */
static int
settled_in(const struct xdoc *d, const struct xline *l, struct pm_when *w)
{
	static const char *const start[] = { "start", NULL };
	const char *p;
	size_t at, e;

	if ((p = x_find_any(l->s, l->len, settle_words, &at)) == NULL)
		return 0;
	e = at + strlen(p);
	/* the start is what is settled: said in the words, or before them
	 * in the paragraph ("On the start: ... We use 23:55"); and the time
	 * is near the rough one, not a day's other clock ("for the report
	 * run we use 18:00") */
	return (strstr(p, "start") || x_find_any(l->s, at, start, NULL)) &&
	    pm_when_parse(w, l->t + e, l->len - e) > 0 && w->hour >= 0 &&
	    (w->day != 0 || dial_minutes(w, &d->start) <= 90);
}

void
x_settled_start(struct xdoc *d)
{
	struct pm_when w;

	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if ((l->sec != SEC_SUMMARY && l->sec != SEC_NONE &&
		    l->sec != SEC_IMPACT) || l->kind != XL_PARA ||
		    l->quoted || x_time_led(l) ||
		    (!(l->line == d->rep->start_line &&
		    bracket_restates(d, l, &w)) && !settled_in(d, l, &w)))
			continue;
		if (w.day) {
			d->start = w;
		} else {
			d->start.hour = w.hour;
			d->start.minute = w.minute;
			d->start.second = 0;
		}
		if (w.has_zone && !d->start.has_zone) {
			d->start.has_zone = 1;
			d->start.offset_minutes = w.offset_minutes;
			memcpy(d->start.zone, w.zone, sizeof(w.zone));
		}
		d->rep->start_line = l->line;
		return;
	}
}
