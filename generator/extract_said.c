/*
 * extract_said.c: timeline items that do not open with their time: the
 * time in brackets at the end ("Alert fires (09:20)"), said inside the
 * sentence ("Errors climb at 11:35 am."), or not given at all ("Later
 * that evening — generator started by hand"), and timelines told as
 * steps or as the format's phases ("Detection:", "Escalation:"), with
 * one time at most, and a timeline told twice.
 */
#include "extract_tl.h"

#include <string.h>

/* "- Alert: orders below the minimum (09:20)": an item that gives its
 * time last, in brackets, and nothing after it. */
int
x_tl_time_last(struct xtl *t, const struct xline *l)
{
	struct pm_when w;
	size_t e = l->len, b;

	while (e > 0 && (l->s[e - 1] == ' ' || l->s[e - 1] == '.'))
		e--;
	if (e < 2 || l->s[e - 1] != ')')
		return 0;
	for (b = e - 1; b > 0 && l->s[b - 1] != '('; b--)
		;
	if (b == 0 || pm_when_parse(&w, l->t + b, e - 1 - b) != e - 1 - b ||
	    w.hour < 0 || !x_has_letter(l->s, b - 1))
		return 0;
	x_tl_push(t, l, &w, x_has_meridiem(l->t + b, e - 1 - b), l->s,
	    b - 1);
	return 1;
}

/*
 * "Outage Began: April 29, 2024, 6:00 AM EAT", "Service Restored: 18:40":
 * the event named by the label, its time the whole value (a zone or a
 * full stop after it).  A range is no such value ("Outage Duration: 6:00
 * AM to 5:00 AM"), nor a date without its time, nor a message's own
 * stamp ("> Date: 2026-01-13 06:19:05", in an alert email quoted).
 */
int
x_tl_valued(struct xtl *t, const struct xline *l)
{
	static const char *const stamps[] = {
		"date", "time", "timestamp", "sent", "received", "when", NULL
	};
	struct pm_when w;
	size_t n, e = l->len;

	if (l->label_len == 0 || l->content >= l->len || l->quoted ||
	    x_count_words(l->s, l->label_len) > 5 || x_label_is(l, stamps))
		return 0;
	while (e > l->content && strchr(" .;", l->s[e - 1]))
		e--;
	n = pm_when_parse(&w, l->t + l->content, e - l->content);
	if (n == 0 || w.hour < 0 || l->content + n < e)
		return 0;
	x_tl_push(t, l, &w, x_has_meridiem(l->t + l->content, n), l->s,
	    l->label_len);
	return 1;
}

/*
 * "- Checkout errors start climbing at 11:35 am.": a top-level item that
 * says when only inside its sentence, "at" or "by" its time of day.  Other
 * times in it name things ("the 3 pm flash sale"); an item that says "at"
 * two times is not read this way, as which is the event's would be a
 * guess.
 */
int
x_tl_time_said(struct xtl *t, const struct xline *l)
{
	struct pm_when w, found;
	size_t at, n, from = 0, times = 0, when_at = 0;

	while (from < l->len && pm_when_find(&w, &at, &n, l->t + from,
	    l->len - from)) {
		at += from;
		from = at + n;
		if (w.hour < 0 || at < 3 || (!x_phrase_at(l->t, l->len,
		    at - 3, "at") && !x_phrase_at(l->t, l->len, at - 3, "by")))
			continue;
		if (++times > 1)
			return 0;
		found = w;
		when_at = at;
	}
	if (times != 1 || !x_has_letter(l->s, when_at))
		return 0;
	x_tl_push(t, l, &found, x_has_meridiem(l->t + when_at, l->len -
	    when_at), l->s, l->len);
	return 1;
}

/*
 * "Quarter to midnight (11:45 p.m.) — text", "T-0:10 (11:50 p.m. Sunday)
 * — text", "Next morning, 7:00 a.m. — text": a few words that say when,
 * then the clock time in brackets or after a comma, then the entry's
 * dash.  A weekday after the time in the brackets dates it.
 */
int
x_tl_time_aside(struct xtl *t, const struct xline *l)
{
	struct pm_when w;
	size_t i, j, n, e;

	for (i = 0; i < l->len && i < 32 && l->s[i] != '(' && l->s[i] != ',';
	    i++)
		;
	if (i == 0 || i >= l->len || i >= 32)
		return 0;
	j = x_skip_blanks(l->t, l->len, i + 1);
	n = pm_when_parse(&w, l->t + j, l->len - j);
	if (n == 0 || w.hour < 0)
		return 0;
	e = j + n;
	if (l->s[i] == '(') {
		size_t k = x_skip_blanks(l->t, l->len, e), wn;
		int wd;

		/* "(11:50 p.m. Sunday)": the weekday dates it, as a time
		 * column's "Sun 11:50 PM" is */
		if (w.day == 0 && (wn = pm_when_skip_weekday(l->t + k,
		    l->len - k, &wd)) != 0) {
			w.weekday = wd;
			for (e = k + wn; e > k && l->t[e - 1] == ' '; e--)
				;
		}
		while (e < l->len && e < j + 32 && l->s[e] != ')' &&
		    l->s[e] != '(')
			e++;
		if (e >= l->len || l->s[e] != ')')
			return 0;
		e++;
	} else if (!x_has_letter(l->s, i)) {
		return 0;
	}
	if (!x_is_dash(l->t, l->len, x_skip_blanks(l->t, l->len, e), &e) ||
	    !x_has_letter(l->s + e, l->len - e))
		return 0;
	e = x_skip_blanks(l->s, l->len, e);
	x_tl_push(t, l, &w, x_has_meridiem(l->t + j, n), l->s + e,
	    l->len - e);
	return 1;
}

/*
 * "- Later that evening — Generator started by hand": an item between
 * timed ones that says only that it came after the one before, or that
 * its time is not known ("- ? — Vendor restarts a node").  Between
 * two timed entries it is an event of the incident, at the time of the
 * entry before (the earliest it can have been), its words keeping the
 * vagueness for the reader.  Last in the list ("later: wrote this") it
 * is mostly the aftermath, and is left out as before.  Phrases that move
 * to another day ("the next morning") are not read this way: the day
 * would be a guess.
 */
static const char *const vague_leads[] = {
	"later that morning", "later that afternoon", "later that evening",
	"later that night", "later that day", "later", "some time later",
	"sometime later", "shortly after", "shortly afterwards",
	"soon after", "soon afterwards", "afterwards", "after that",
	"meanwhile", "in the meantime",
	/* "? — vendor restarts a node; they cannot say when" */
	"time unknown", "unknown time", "unknown", NULL
};

static int
timed_item_follows(const struct xtl *t, const struct xline *l)
{
	const struct xline *end = t->d->v + t->d->n, *next = l + 1;
	struct pm_when w;
	size_t text;
	int mer;

	while (next < end && next->block == l->block)
		next++;
	return next < end && next->sec == l->sec && next->kind == XL_ITEM &&
	    x_entry_at(next->t, next->len, &w, &mer, &text) && w.hour >= 0;
}

int
x_tl_untimed(struct xtl *t, const struct xline *l)
{
	size_t e, k;

	if (t->n == 0 || t->w[t->n - 1].hour < 0 || t->e[t->n - 1].text ==
	    NULL || !timed_item_follows(t, l))
		return 0;
	/* "? — text" */
	e = x_unknown_time(l->t, l->len);
	if (e >= l->len || l->t[e] != ' ')
		e = 0;
	for (k = 0; e == 0 && vague_leads[k]; k++)
		e = x_phrase_at(l->t, l->len, 0, vague_leads[k]);
	if (e == 0 || !x_is_dash(l->t, l->len, x_skip_blanks(l->t, l->len, e),
	    &e) || !x_has_letter(l->s + e, l->len - e))
		return 0;
	x_tl_push(t, l, &t->w[t->n - 1], t->mer[t->n - 1], l->s, l->len);
	return 1;
}

static int
ends_sentence(const struct xline *l)
{
	return l->len > 0 && strchr(".!", l->s[l->len - 1]) != NULL;
}

/*
 * "The issue was detected at 3:45 pm.", then "I reached out to a peer
 * from my cohort." on the next line of the same paragraph: a sentence of
 * five words or more that opens a line of the timeline section, after
 * one that ended, is a step, not more words of the entry above.  Not
 * under a headline ("10:45 AM: Issue Detected" over the lines that tell
 * it), nor a question ("How was the issue detected?"), nor a second
 * level's bullet ("◦ No change."), which adds to the entry above.  A
 * step is pushed at the time of the entry above; returns 1 then.
 */
int
x_tl_step_line(struct xtl *t, const struct xline *l)
{
	const struct xline *top = l - 1;	/* l is not its block's first */
	unsigned char c = (unsigned char)l->s[0];

	if (l->kind != XL_PARA || l->bullet == 2 || l->sec != SEC_TIMELINE ||
	    !ends_sentence(l - 1) || !ends_sentence(l) ||
	    x_count_words(l->s, l->len) < 5 ||
	    !((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
		return 0;
	/* the line the entry above opened on */
	while (top > t->d->v && top->block == l->block &&
	    top->line != t->e[t->n - 1].line)
		top--;
	if (top->line != t->e[t->n - 1].line || !ends_sentence(top))
		return 0;
	x_tl_push(t, l, &t->w[t->n - 1], t->mer[t->n - 1], l->s, l->len);
	return 1;
}

/* "HH:MM TZ - [fill in: ...]": a template's entry, its time not yet
 * written, is no step. */
static int
time_to_fill(const struct xline *l)
{
	static const char *const marks[] = { "hh:mm", "hh.mm", "xx:xx",
	    "??:??", NULL };

	return x_phrase_at_any(l->s, l->len, 0, marks) > 0;
}

/*
 * Where a step starts: the first line of an item of the section's
 * shallowest list level, or, in a section without a list, of a
 * paragraph that opens with a label ("Detection: ...", "Escalation:"
 * over its text), as the format's own headings for a timeline read, or
 * a line typed as a bullet that Markdown kept in the paragraph above it
 * ("Timeline:" over indented "- The problem was detected ...").
 */
static int
step_start(const struct xline *l, int level)
{
	if (l->sec != SEC_TIMELINE)
		return 0;
	if (level > 0)
		return l->first && l->kind == XL_ITEM && l->level == level;
	return l->kind == XL_PARA && ((l->first && l->label_len > 0 &&
	    !l->head) || l->bullet);
}

/*
 * "- The alert fired.", "- We restarted the database; no change.": a
 * timeline section that tells the steps without their times, one time at
 * most among them, as many first postmortems do.  Each step is an entry,
 * in the order written, at its time when it opens with one; the others
 * have no time (hour -1, no day), which every reader of the timeline
 * passes over where it needs one.  Returns the entries made, 0 when the
 * section has fewer than two steps or two timed ones (the timeline the
 * other readers make).
 */
size_t
x_tl_steps(struct xtl *t)
{
	const struct xdoc *d = t->d;
	struct pm_when w;
	size_t steps = 0, timed = 0, txt, i;
	int mer, level = 0;

	for (i = 0; i < d->n; i++)
		if (d->v[i].sec == SEC_TIMELINE && d->v[i].kind == XL_ITEM &&
		    (level == 0 || d->v[i].level < level))
			level = d->v[i].level;
	for (i = 0; i < d->n; i++)
		if (step_start(&d->v[i], level)) {
			if (time_to_fill(&d->v[i]))
				return 0;
			steps++;
			timed += x_entry_at(d->v[i].t, d->v[i].len, &w, &mer,
			    &txt) && w.hour >= 0;
		}
	if (steps < 2 || timed > 1)
		return 0;
	t->n = 0;
	t->awaiting = 0;
	for (i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if (step_start(l, level)) {
			if (x_entry_at(l->t, l->len, &w, &mer, &txt) &&
			    w.hour >= 0) {
				x_tl_push(t, l, &w, mer, l->s + txt,
				    l->len - txt);
				continue;
			}
			/* "Detection: the alert fired at 10:00 AM" */
			if (x_tl_time_said(t, l))
				continue;
			pm_when_init(&w);
			x_tl_push(t, l, &w, 0, l->s, l->len);
		} else if (t->n > 0 && l->sec == SEC_TIMELINE && !l->first &&
		    t->block[t->n - 1] == l->block) {
			x_tl_append(t, t->n - 1, l->s, l->len);
		}
	}
	return t->n;
}

/* Does the line after prev, l, start an entry of its own in a phase's
 * paragraph ("Investigated the logs.\nAssumed a bad deploy.")?  A line
 * that goes on with the sentence before it does not. */
static int
starts_anew(const struct xline *prev, const struct xline *l)
{
	unsigned char c = (unsigned char)l->s[0];

	if (prev->len == 0 || strchr(".!?:;", prev->s[prev->len - 1]))
		return 1;
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The format's own questions for the phases a timeline covers, which
 * writers copy as its subheadings, with or without a colon. */
static const char *const prompts[] = {
	"when was the issue detected", "when the issue was detected",
	"how was the issue detected", "how the issue was detected",
	"misleading investigation debugging paths that were taken",
	"misleading investigation debugging paths taken",
	"which team individuals was the incident escalated to",
	"which team was the incident escalated to",
	"who was the incident escalated to", "how the incident was resolved",
	"how was the incident resolved", NULL
};

/* An entry of a phase: at the time it opens with (after its label, when
 * the line is the phase's own) or says after "at", else with none. */
static void
phase_entry(struct xtl *t, const struct xline *l, const struct xline *label)
{
	struct pm_when w;
	size_t from = x_skip_blanks(l->t, l->len, label == l ? l->content : 0);
	size_t txt, at;
	int mer;

	if (x_entry_at(l->t + from, l->len - from, &w, &mer, &txt) &&
	    w.hour >= 0)
		x_tl_push(t, l, &w, mer, label == l ? l->s : l->s + from + txt,
		    label == l ? l->len : l->len - from - txt);
	else if (pm_when_find(&w, &at, &txt, l->t + from, l->len - from) &&
	    at == 0 && w.hour >= 0 && l->len - from - txt <= 8)
		/* "November 10, 2023, 15:30 UTC", the time alone */
		x_tl_push(t, l, &w, x_has_meridiem(l->t + from, txt), l->s,
		    l->len);
	else if (!x_tl_time_said(t, l)) {
		pm_when_init(&w);
		x_tl_push(t, l, &w, 0, l->s, l->len);
	}
	/* the phase names the kind the words may not ("Misleading
	 * paths:" over "Looked at the CDN first") */
	if (label != l) {
		pm_buf_clear(&t->text);
		pm_buf_put(&t->text, label->s, label->label_len);
		pm_buf_putc(&t->text, ' ');
		pm_buf_puts(&t->text, t->raw[t->n - 1]);
		t->raw[t->n - 1] = pm_arena_strndup(t->d->arena, t->text.ptr,
		    t->text.len);
		pm_buf_clear(&t->text);
	}
}

/*
 * "- **Detection:**" over "  - The alert fired at 10:15 AM", then
 * "- **Actions taken:**" over its items, and so on: a timeline told by
 * its phases (assign_sections() marks them).  Each item of a phase, or
 * each line of its paragraphs that does not go on with the one before,
 * is an entry; an item deeper than the phase's first is more words of
 * the entry above it.  A phase whose label has its text ("Detection
 * time: November 1, 09:15 AM") is an entry itself.  The phases beat a
 * reading by the clock that found fewer entries than they are (a dated
 * line under "Detection:" and "at 3 AM" in a simile further down).
 */
size_t
x_tl_phases(struct xtl *t, size_t beat)
{
	const struct xdoc *d = t->d;
	const struct xline *label = NULL, *prev = NULL;
	size_t marked = 0, i, end;
	int base = 0;

	/* the first timeline section only: a second one retells it (the
	 * same story "in a lighter tone" after the report) */
	for (i = 0; i < d->n && d->v[i].sec != SEC_TIMELINE; i++)
		;
	for (end = i; end < d->n && d->v[end].sec == SEC_TIMELINE; end++)
		marked += d->v[end].phase;
	if (marked < 2 || marked <= beat)
		return 0;
	t->n = 0;
	t->awaiting = 0;
	for (; i < end; i++) {
		const struct xline *l = &d->v[i];

		if (l->head || l->len == 0)
			continue;
		if (l->phase) {
			label = prev = l;
			base = 0;
			if (l->content < l->len)
				phase_entry(t, l, l);
			continue;
		}
		if (label == NULL || l->kind == XL_HEADING)
			continue;
		if (l->kind == XL_ITEM && l->first &&
		    (base == 0 || l->level <= base)) {
			base = l->level;
			phase_entry(t, l, label);
		} else if (l->kind != XL_ITEM && (prev->phase ||
		    (x_label_is(label, prompts) ? l->first &&
		    strchr(".!?", prev->s[prev->len - 1]) :
		    l->first || prev->block != l->block ||
		    starts_anew(prev, l)))) {
			/* a question's answer is prose: an entry per
			 * paragraph that does not go on with the one
			 * before */
			phase_entry(t, l, label);
		} else if (t->n > 0) {
			x_tl_append(t, t->n - 1, l->s, l->len);
		}
		prev = l;
	}
	return t->n;
}

/*
 * The phases the format asks a timeline to cover, as writers label its
 * steps: "Detection:", "Actions taken:", "Escalation:", "Resolution:".
 */
static const char *const phases[] = {
	"detection", "detection time", "issue detection", "detected",
	"issue detected", "incident detected", "detection method",
	"actions taken", "actions", "action taken", "investigation",
	"investigation and actions", "misleading paths",
	"misleading investigation paths", "misleading investigation",
	"misleading investigation debugging paths", "misleading paths taken",
	"misleading debugging paths",
	"escalation", "resolution", "resolution time", "recovery",
	"incident resolution", "issue resolution", NULL
};

int
x_phase_label(const struct xline *l)
{
	return l->label_len > 0 && (x_label_is(l, phases) ||
	    x_label_is(l, prompts));
}

int
x_phase_prompt(struct xline *l, const struct xline *next)
{
	char n[96];

	if (l->kind != XL_PARA || l->label_len > 0 || !l->first ||
	    (next && next->block == l->block) || l->len >= sizeof(n))
		return 0;
	x_norm(n, sizeof(n), l->s, l->len);
	if (!x_in_list(n, prompts) && strcmp(n, "actions taken") != 0)
		return 0;
	l->label_len = l->len;
	l->content = l->len;
	return 1;
}

/* Is the entry before l in l's own run of lines: an item of l's list at
 * its depth, only items between, or a line of l's paragraph or of one
 * of the paragraphs just before it? */
static int
same_run(const struct xtl *t, const struct xline *l)
{
	int block = t->block[t->n - 1];

	/* by index: a pointer before the array's first line is undefined */
	for (size_t i = (size_t)(l - t->d->v) + 1; i-- > 0;) {
		const struct xline *p = &t->d->v[i];

		if (p->kind != l->kind)
			return 0;
		if (p->block == block)
			return l->kind != XL_ITEM || p->level == l->level;
	}
	return 0;
}

/*
 * "- **Actions taken**: Investigated the servers ..." between "- **10:00
 * AM**: ..." and "- **11:30 AM**: ...": a phase of the incident its
 * writer labelled instead of timing, in the list of the timed entries.
 * An entry with no time, as x_tl_steps() makes them.  Other untimed
 * items there are notes or more words of the entry before.
 */
int
x_tl_phase(struct xtl *t, const struct xline *l)
{
	struct pm_when w;

	if (t->n == 0 || !x_phase_label(l) || l->content >= l->len)
		return 0;
	/* "2:00 PM: Issue detected.\nActions taken: ...\n2:30 PM: ...":
	 * the lines of one paragraph, as a list's items */
	if ((l->kind != XL_ITEM && l->kind != XL_PARA) || !same_run(t, l))
		return 0;
	pm_when_init(&w);
	x_tl_push(t, l, &w, 0, l->s, l->len);
	return 1;
}

/*
 * "Timeline" a second time, further down, with the same clock times: the
 * report told again in a lighter tone, as some writers add after the
 * plain one.  Its entries are the first ones again, and are dropped.
 */
void
x_tl_drop_retelling(struct xtl *t)
{
	const struct xdoc *d = t->d;
	size_t i, k, second = 0;
	int seen = 0, left = 0, timed = 0;

	for (i = 0; i < d->n && second == 0; i++) {
		if (d->v[i].sec != SEC_TIMELINE)
			left = seen;
		else if (left)
			second = i;
		else
			seen = 1;
	}
	if (second == 0)
		return;
	for (k = 0; k < t->n && t->e[k].line < d->v[second].line; k++)
		;
	if (k == 0 || t->n - k != k)
		return;
	for (i = 0; i < k; i++) {
		if (t->w[i].hour != t->w[k + i].hour ||
		    t->w[i].minute != t->w[k + i].minute)
			return;
		timed += t->w[i].hour >= 0;
	}
	if (timed >= 2)
		t->n = k;
}
