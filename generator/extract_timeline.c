/*
 * extract_timeline.c: the timeline of a postmortem: its entries, the day
 * and zone of each, and what each entry says happened (its kind).
 *
 * An entry is a line of the timeline section that starts with a time, in
 * any of the shapes people use: "10:00 AM: text", "10:00 - text",
 * "**09:12** text", "14:30 UTC — text", "[10:00] text", "At 10:05, text",
 * "March 5, 10:00: text", a bullet or numbered item, or a table row with a
 * time column (also "0914" under a "TIME (Z)" header); emoji before the
 * time decorate it.  In narrative timelines each time an event happened
 * starts an entry, at the start of a sentence or in its middle ("... and
 * at 14:07 UTC the on-call issued a rollback"; extract_narrative.c), and
 * a heading that is only a time ("### 2018 October 21 22:52 UTC") takes
 * the paragraphs under it as its text.  A status page's updates, each
 * with the stamp of its posting under it ("Mar 10, 13:52 SGT"), are
 * entries at those stamps, turned around when they run newest first.
 * Lines without a time continue the entry before them in its paragraph
 * or item (a sentence on a line of its own is a step: extract_said.c).
 * A line or heading that only names a day ("### Tuesday 12 March") dates
 * the entries after it; a time earlier than the one before it by more
 * than two hours moves to the next day (the timeline crossed midnight),
 * and on a 12-hour clock written without am/pm, "11:30 ... 1:00" is
 * 13:00.  When no section is called a timeline, two or more consecutive
 * time-led lines anywhere make one.
 * Where an entry starts is read by extract_entry.c, a table's rows by
 * extract_rows.c, what each entry says happened by extract_kind.c.
 */
#include "extract_tl.h"

#include <stdlib.h>
#include <string.h>

void
x_tl_push(struct xtl *t, const struct xline *l, const struct pm_when *w,
    int mer, const char *text, size_t len)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 16;
		t->e = pm_xrealloc(t->e, pm_xmul(t->cap, sizeof(*t->e)));
		t->w = pm_xrealloc(t->w, pm_xmul(t->cap, sizeof(*t->w)));
		t->mer = pm_xrealloc(t->mer, pm_xmul(t->cap, sizeof(int)));
		t->kind = pm_xrealloc(t->kind, pm_xmul(t->cap, sizeof(int)));
		t->block = pm_xrealloc(t->block, pm_xmul(t->cap,
		    sizeof(int)));
		t->raw = pm_xrealloc(t->raw, pm_xmul(t->cap,
		    sizeof(*t->raw)));
	}
	t->raw[t->n] = pm_arena_strndup(t->d->arena, text, len);
	t->e[t->n].text = x_strdup_trim(t->d, text, len);
	t->e[t->n].line = l->line;
	t->e[t->n].time = NULL;
	t->e[t->n].kind = NULL;
	t->w[t->n] = *w;
	t->mer[t->n] = mer;
	t->block[t->n] = l->block;
	t->n++;
}

/* How a note on the timeline's zone opens ("All times COT."). */
static const char *const zone_notes[] = {
	"all times", "times are", "times in", "all timestamps",
	"timestamps are", NULL
};
/* The day markers are kept as entries with no text; dating drops them. */
static void
tl_day(struct xtl *t, const struct xline *l, const struct pm_when *w)
{
	x_tl_push(t, l, w, 0, "", 0);
	t->e[t->n - 1].text = NULL;
}

/* Append s to the text (and the raw text) of entry i. */
void
x_tl_append(struct xtl *t, size_t i, const char *s, size_t len)
{
	pm_buf_clear(&t->text);
	if (t->e[i].text) {
		pm_buf_puts(&t->text, t->e[i].text);
		pm_buf_putc(&t->text, ' ');
	}
	pm_buf_put(&t->text, s, len);
	t->e[i].text = x_strdup_trim(t->d, t->text.ptr, t->text.len);
	pm_buf_clear(&t->text);
	pm_buf_puts(&t->text, t->raw[i]);
	if (t->text.len)
		pm_buf_putc(&t->text, ' ');
	pm_buf_put(&t->text, s, len);
	t->raw[i] = pm_arena_strndup(t->d->arena, t->text.ptr, t->text.len);
}

/* A status page's update, its stamp under it (x_post_stamp()): the
 * lines above the stamp in its paragraph, the status and the message, are
 * the entry's text, and the times in them what the message said. */
static void
tl_post(struct xtl *t, const struct xline *l, const struct pm_when *w,
    int mer)
{
	const struct xline *top = l;

	while (t->n > 0 && t->block[t->n - 1] == l->block)
		t->n--;
	while (top > t->d->v && top[-1].block == l->block)
		top--;
	/* a stamp alone under its status's heading: the heading and the
	 * paragraphs between (post_under_heading()) */
	if (top == l) {
		while (top > t->d->v && top[-1].kind != XL_HEADING)
			top--;
		if (top > t->d->v)
			top--;
	}
	pm_buf_clear(&t->text);
	for (; top < l; top++) {
		if (t->text.len)
			pm_buf_puts(&t->text, top[-1].all_strong ||
			    top[-1].kind == XL_HEADING ? ": " : " ");
		pm_buf_put(&t->text, top->s, top->len);
	}
	x_tl_push(t, l, w, mer, pm_buf_cstr(&t->text), t->text.len);
}

/*
 * A status page pasted with a heading per update ("### Resolved", its
 * message, then "*Jul 8, 2025 · 4:52 PM TRT*" as a paragraph of its
 * own): is the stamp l alone in its block, under a heading with a few
 * paragraphs of message and no entry between?
 */
static int
post_under_heading(const struct xtl *t, const struct xline *l)
{
	const struct xline *v = t->d->v, *end = v + t->d->n, *p = l;

	if (l + 1 < end && l[1].block == l->block)
		return 0;
	for (int k = 0; p > v && k < 8; k++) {
		p--;
		if (p->kind == XL_HEADING)
			return p->level > 1 && p < l - 1;
		if (p->kind != XL_PARA || x_time_led(p))
			return 0;
	}
	return 0;
}

/* "### 15:30 — First permit holders refused": a heading per entry.  The
 * heading is the entry's headline, closed as a sentence, and the
 * paragraphs under it are the rest of its text. */
static void
tl_headline(struct xtl *t, const struct xline *l, const struct pm_when *w,
    int mer, size_t text)
{
	size_t e = l->len;

	while (e > text && l->s[e - 1] == ' ')
		e--;
	pm_buf_clear(&t->text);
	pm_buf_put(&t->text, l->s + text, e - text);
	if (e > text && !strchr(".!?:", l->s[e - 1]))
		pm_buf_putc(&t->text, '.');
	x_tl_push(t, l, w, mer, t->text.ptr, t->text.len);
	t->awaiting = t->n;
}

/*
 * Is l a line of a paragraph whose every line, two or more, opens with a
 * time (after a label alone on the first)?  That is a list written
 * without its bullets ("9:45am – I log in to the server. ... dropped from
 * the array at 7:22am."), an entry a line, and a time inside one is part
 * of its story, as in an item.
 */
static int
tl_listed(struct xtl *t, const struct xline *l)
{
	const struct xline *v = t->d->v, *end = v + t->d->n, *a, *b;
	struct pm_when w;
	size_t text, from;
	int mer;

	if (t->listed_block == l->block + 1)
		return t->listed;
	t->listed_block = l->block + 1;
	t->listed = 0;
	for (a = l; a > v && a[-1].block == l->block && !a->first; a--)
		;
	for (b = a + 1; b < end && b->block == l->block && !b->first; b++)
		;
	/* a label alone on the first line ("Timeline:") heads the list */
	if (a->head && a->content >= a->len)
		a++;
	if (b - a < 2)
		return 0;
	for (; a < b; a++) {
		from = a->head ? a->content : 0;
		if (a->kind != XL_PARA || !x_entry_at(a->t + from,
		    a->len - from, &w, &mer, &text) || w.hour < 0)
			return 0;
	}
	return t->listed = 1;
}

/* Read line l into the timeline; returns how many entries it made. */
static int
tl_line(struct xtl *t, const struct xline *l, int continuation)
{
	struct pm_when w;
	size_t n;
	int made, mer;

	if (l->kind == XL_ROW) {
		size_t before = t->n;

		if (l->header_row)
			x_tl_header(t, l);
		else
			x_tl_row(t, l);
		return t->n > before;
	}
	if (l->head && l->content >= l->len)
		return 0;
	/* an entry struck through whole was taken back; a figure's
	 * caption says what the picture shows, not what happened; review
	 * notes remark on the meeting between the entries */
	if (l->struck || l->caption || (l->first && x_meeting_remark(l)))
		return 0;
	if (x_post_stamp(l, &w, &mer) && (!l->first ||
	    post_under_heading(t, l))) {
		t->awaiting = 0;
		tl_post(t, l, &w, mer);
		return 1;
	}
	if (x_chat_header(l, l + 1 < t->d->v + t->d->n ? l + 1 : NULL, &w,
	    &mer)) {
		x_tl_push(t, l, &w, mer, "", 0);
		t->e[t->n - 1].text = NULL;
		t->awaiting = t->n;
		return 1;
	}
	/* the message under a chat header, as it is: its times are what
	 * was said, not when */
	if (t->awaiting && t->block[t->awaiting - 1] == l->block &&
	    l->kind == XL_PARA && !l->first) {
		x_tl_append(t, t->awaiting - 1, l->s, l->len);
		return 0;
	}
	if (l->kind == XL_HEADING) {
		t->awaiting = 0;
		/* "### 2018 October 21 22:52 UTC": the paragraphs under it
		 * are the entry's text */
		n = pm_when_parse(&w, l->t, l->len);
		if (n > 0 && w.hour >= 0 && !x_has_letter(l->s + n,
		    l->len - n)) {
			x_tl_push(t, l, &w, x_has_meridiem(l->s, n), "", 0);
			t->e[t->n - 1].text = NULL;
			t->awaiting = t->n;
			return 1;
		}
		if (x_entry_at(l->t, l->len, &w, &mer, &n) && w.hour >= 0 &&
		    n < l->len) {
			tl_headline(t, l, &w, mer, n);
			return 1;
		}
	}
	if (x_day_line(l, &w) && (l->kind == XL_HEADING || l->all_strong ||
	    l->content >= l->len || l->len < 30)) {
		t->awaiting = 0;
		tl_day(t, l, &w);
		return 0;
	}
	/* a "•" line is an item in all but syntax: one entry.  A note
	 * that opens with the zone ("All times COT. ... notes begin at
	 * 06:40.") tells how to read the entries, not one of them. */
	if (continuation && l->kind == XL_PARA && !l->bullet &&
	    t->para_led < 2 && !tl_listed(t, l) &&
	    !x_phrase_at_any(l->s, l->len, 0, zone_notes) &&
	    (made = x_tl_narrative(t, l, l->head ? l->content : 0,
	    t->para_led)) > 0) {
		t->awaiting = 0;
		return made;
	}
	if (l->kind != XL_HEADING && ((t->has_t0 && x_tl_relative(t, l)) ||
	    x_tl_later(t, l))) {
		t->awaiting = 0;
		return 1;
	}
	if (l->kind != XL_HEADING && (made = x_tl_sentences(t, l, l->head ?
	    l->content : 0)) > 0) {
		t->awaiting = 0;
		return made;
	}
	if (l->kind == XL_ITEM && l->first && (x_tl_time_last(t, l) ||
	    (l->level == 1 && continuation && (x_tl_time_aside(t, l) ||
	    x_tl_time_said(t, l) || x_tl_untimed(t, l) ||
	    x_tl_phase(t, l))))) {
		t->awaiting = 0;
		return 1;
	}
	if (l->kind == XL_PARA && continuation && (x_tl_valued(t, l) ||
	    x_tl_phase(t, l))) {
		t->awaiting = 0;
		return 1;
	}
	if (t->awaiting && l->kind != XL_HEADING) {
		x_tl_append(t, t->awaiting - 1, l->s, l->len);
		return 0;
	}
	/* more words of the entry above, in its paragraph or item; or a
	 * step of its own at the time of the one above (x_tl_step_line) */
	if (continuation && t->n > 0 && t->e[t->n - 1].text &&
	    t->block[t->n - 1] == l->block && !l->first &&
	    l->label_len == 0 && l->kind != XL_HEADING) {
		if (x_tl_step_line(t, l))
			return 1;
		x_tl_append(t, t->n - 1, l->s, l->len);
	}
	return 0;
}

static int
minute_of_day(const struct pm_when *w)
{
	return w->hour * 60 + w->minute;
}

/* Put the day of day on w. */
static void
set_day(struct pm_when *w, const struct pm_when *day)
{
	w->year = day->year;
	w->month = day->month;
	w->day = day->day;
}

static long long
day_number(const struct pm_when *w)
{
	return pm_when_days_from_date(w->year, w->month, w->day);
}

/* Does an entry after the i-th, before any day marker, read earlier in
 * the day by more than two hours? */
static int
crosses_midnight(const struct xtl *t, size_t i)
{
	for (size_t k = i + 1; k < t->n; k++) {
		if (t->w[k].day)
			return 0;
		if (t->w[k].hour >= 0 && minute_of_day(&t->w[k]) + 120 <
		    minute_of_day(&t->w[i]))
			return 1;
	}
	return 0;
}

/* Does an entry after the i-th, climbing without a day marker or a turn
 * past midnight, reach minute m of the day?  Then the i-th led up to m
 * on the same day ("14:00 release deployed", "22:00 impact begins"). */
static int
climbs_to(const struct xtl *t, size_t i, int m)
{
	int prev = minute_of_day(&t->w[i]);

	for (size_t k = i + 1; k < t->n; k++) {
		if (t->w[k].day)
			return 0;
		if (t->w[k].hour < 0)
			continue;
		if (minute_of_day(&t->w[k]) < prev)
			return 0;
		prev = minute_of_day(&t->w[k]);
		if (prev >= m)
			return 1;
	}
	return 0;
}

/*
 * Give every entry its day and zone, and its time as text.  Day markers
 * are dropped here.  When no year is known the days are counted from a
 * stand-in day (so times still compare across midnight) and the times are
 * shown as "HH:MM".
 */
static void
tl_date(struct xtl *t)
{
	struct xdoc *d = t->d;
	struct pm_when day;
	char out[64];
	/* dated: the day is one an entry wrote, not yet rolled over */
	int real = 0, prev = -1, mer_any = 0, h24 = 0, dated = 0, back;
	size_t i, o = 0;

	pm_when_init(&day);
	day.year = 2001;
	day.month = day.day = 1;
	if (d->has_date && d->date.day) {
		set_day(&day, &d->date);
		real = d->date.year != 0;
		if (!real)
			day.year = 2001;
	}
	for (i = 0; i < t->n; i++) {
		/* "2:20" in a document that says "2:20 PM" elsewhere */
		if (!t->mer[i] && t->w[i].hour >= 0 &&
		    x_clock_pm(d, &t->w[i]))
			t->mer[i] = 1;
		mer_any |= t->mer[i];
		h24 |= t->w[i].hour >= 13 && !t->mer[i];
	}
	/* a timeline that starts well before the start time of its day
	 * started after midnight, unless it climbs to that time */
	for (i = 0; i < t->n && t->w[i].hour < 0; i++)
		;
	if (d->has_start && d->start.hour >= 0 && d->start.day == day.day &&
	    i < t->n && t->w[i].day == 0 && minute_of_day(&t->w[i]) + 360 <
	    minute_of_day(&d->start) &&
	    !climbs_to(t, i, minute_of_day(&d->start)))
		pm_when_add_minutes(&day, 1440);
	/* one that starts in the evening and crosses midnight, in a
	 * document dated by the early hours of a day, began the day before */
	else if (d->date_ends && d->has_date && day.day == d->date.day &&
	    i < t->n && t->w[i].day == 0 && t->w[i].hour >= 18 &&
	    crosses_midnight(t, i))
		pm_when_add_minutes(&day, -1440);
	/* one that starts in the small hours, in a document dated by the
	 * evening before ("the night of Friday 15 November"), the day after */
	else if (d->date_begins && d->has_date && day.day == d->date.day &&
	    i < t->n && t->w[i].day == 0 && t->w[i].hour >= 0 &&
	    t->w[i].hour < 6)
		pm_when_add_minutes(&day, 1440);
	/* "Sun 9:40 PM" first in the timeline of a Monday's incident: it
	 * starts on the day its first row names, up to three days before */
	else if (real && i < t->n && t->w[i].day == 0 &&
	    t->w[i].weekday >= 0) {
		int back = (pm_when_weekday(day.year, day.month, day.day) -
		    t->w[i].weekday + 7) % 7;

		if (back <= 3)
			pm_when_add_minutes(&day, -1440 * back);
	}
	for (i = 0; i < t->n; i++) {
		struct pm_when w = t->w[i];
		int m;

		if (w.day) {
			dated = 1;
			if (w.year)
				real = 1;
			day.year = w.year ? w.year : day.year;
			/* "Tuesday 4th" names no month: the running one, or
			 * the next when the day turned back ("31st", "1st") */
			if (w.month == 0 && w.day + 20 < day.day)
				pm_when_add_minutes(&day, 1440 * (32 - day.day));
			day.month = w.month ? w.month : day.month;
			day.day = w.day;
			/* "Fri 17 July, 16:30" and then "09:10": the next
			 * morning */
			prev = w.hour >= 0 ? minute_of_day(&w) : -1;
		}
		if (t->e[i].text == NULL)
			continue;	/* a day marker */
		if (w.hour < 0 && w.day == 0) {
			/* a step told without its time (x_tl_steps()) */
			t->e[o] = t->e[i];
			t->raw[o] = t->raw[i];
			t->w[o++] = w;
			continue;
		}
		/* "Wed 30 Jul | A test script is published", days before
		 * the incident's own: an event of that day, no heading
		 * over the times after it, which are the incident's */
		back = w.day && w.hour < 0 && real && d->has_date &&
		    d->date.year && d->date.day &&
		    day_number(&day) < day_number(&d->date);
		if (w.hour >= 0 && w.day == 0) {
			m = minute_of_day(&w);
			if (prev >= 0 && m < prev) {
				if (!t->mer[i] && (!mer_any || prev >= 720) &&
				    !h24 && w.hour < 12 && m + 720 >= prev &&
				    m + 720 - prev <= 360) {
					/* a 12-hour clock without am/pm, or
					 * "10:52" and then "11:10" after
					 * "9:40pm": still the evening */
					w.hour += 12;
					m += 720;
				} else if (prev - m > 120) {
					pm_when_add_minutes(&day, 1440);
					/* "Tue 15.12. 22:00", the change made
					 * two days before, then "15:30" on
					 * the incident's own day */
					if (dated && real && d->has_date &&
					    d->date.year && d->date.day &&
					    day_number(&day) <
					    day_number(&d->date))
						set_day(&day, &d->date);
					dated = 0;
				} else if (!d->rep->timeline_out_of_order) {
					d->rep->timeline_out_of_order =
					    t->e[i].line;
					pm_warnings_add(d->warnings, d->file,
					    t->e[i].line, "timeline entry at "
					    "%02d:%02d is earlier than the one "
					    "before it", w.hour, w.minute);
				}
			}
			prev = m;
		}
		set_day(&w, &day);
		if (w.hour >= 0 && !w.has_zone && d->has_zone) {
			w.has_zone = 1;
			w.offset_minutes = d->zone.offset_minutes;
			memcpy(w.zone, d->zone.zone, sizeof(w.zone));
		}
		if (real) {
			x_zone_settle(d, &w);
			pm_when_format(out, sizeof(out), &w);
		} else {
			struct pm_when bare = w;

			bare.has_zone = 0;
			bare.year = 0;
			if (bare.hour >= 0)
				bare.month = bare.day = 0;
			pm_when_format(out, sizeof(out), &bare);
			d->rep->timeline_undated++;
		}
		t->e[o] = t->e[i];
		t->e[o].time = pm_arena_strdup(d->arena, out);
		t->raw[o] = t->raw[i];
		/* the stand-in year must not reach the start and end */
		if (!real)
			w.year = 0;
		t->w[o] = w;
		o++;
		if (back) {
			set_day(&day, &d->date);
			dated = 0;
			prev = -1;
		}
	}
	t->n = o;
}

/*
 * What each entry says happened.  Before the first detection, when one
 * follows, nobody is responding yet: the words of a mitigation there
 * describe automation or the change that started it all ("old pods are
 * being terminated" in a rollout, "Kubernetes restarts them"), and those
 * of an investigation the symptoms ("logs start showing errors"), so
 * those entries are read again without them.
 */
static void
tl_kinds(struct xtl *t)
{
	struct xkinds k;
	size_t i, first = t->n;
	int detected = 0;

	x_kinds_init(&k);
	for (i = 0; i < t->n; i++) {
		t->kind[i] = x_timeline_kind(&k, t->raw[i], strlen(t->raw[i]),
		    detected ? XK_DETECTED_BEFORE : 0);
		if (t->kind[i] == TK_DETECTED && !detected)
			first = i;
		detected |= t->kind[i] == TK_DETECTED;
	}
	for (i = 0; i < first && first < t->n; i++)
		if (t->kind[i] == TK_MITIGATED ||
		    t->kind[i] == TK_INVESTIGATED)
			t->kind[i] = x_timeline_kind(&k, t->raw[i],
			    strlen(t->raw[i]), XK_NOT_RESPONDING);
	for (i = 0; i < t->n; i++)
		t->e[i].kind = x_timeline_kind_name(t->kind[i]);
}

/* Does a dash, a bar or a colon set the time off its text, the entry
 * starting at txt: "09:05 — The migration is cancelled."? */
static int
marked_off(const char *s, size_t txt)
{
	while (txt > 0 && s[txt - 1] == ' ')
		txt--;
	if (txt == 0)
		return 0;
	switch ((unsigned char)s[txt - 1]) {
	case '-': case '|': case ':':
		return 1;
	case 0x93: case 0x94:	/* en dash, em dash */
		return txt >= 3 && (unsigned char)s[txt - 3] == 0xe2 &&
		    (unsigned char)s[txt - 2] == 0x80;
	}
	return 0;
}

/*
 * How the paragraphs of section sec open, three or more of them: 2 when
 * each opens with a bold time ("**09:12** The alert fires.") or a time
 * set off by a dash or colon ("09:05 — The migration is cancelled."), 1
 * when each opens with a time, else 0.  Under times so marked, which mark
 * each entry, a time inside a paragraph is part of its story; under plain
 * ones, a time in the middle of a sentence tells how its event went on
 * ("At 09:10 response times began to climb, and by 09:14 most requests
 * were timing out"), while one that has a sentence of its own is still an
 * event ("At 9:05 we deployed. The first slow pages appeared at 9:20.").
 */
static int
paragraphs_time_led(const struct xdoc *d, int sec)
{
	struct pm_when w;
	size_t txt, from;
	int mer, led = 0, bold = 1;

	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if (l->sec != sec || l->kind != XL_PARA || !l->first ||
		    (l->head && l->content >= l->len))
			continue;
		from = l->head ? l->content : 0;
		if (!x_entry_at(l->t + from, l->len - from, &w, &mer, &txt) ||
		    w.hour < 0) {
			/* "All times EEST.": a note above the entries */
			if (led == 0)
				continue;
			return 0;
		}
		bold &= (from == 0 && l->strong > 0 && pm_when_parse(&w, l->t,
		    l->strong) > 0 && w.hour >= 0) ||
		    marked_off(l->t + from, txt);
		led++;
	}
	return led < 3 ? 0 : bold ? 2 : 1;
}

/* Read the lines of the timeline section, else those of a status page's
 * updates; how many entries they made. */
static size_t
tl_sections(struct xtl *t)
{
	static const int secs[] = { SEC_TIMELINE, SEC_UPDATES };
	struct xdoc *d = t->d;
	size_t i, entries = 0;

	for (size_t k = 0; k < XCOUNT(secs) && entries == 0; k++) {
		t->n = 0;
		t->ncols = 0;
		t->awaiting = 0;
		t->para_led = paragraphs_time_led(d, secs[k]);
		for (i = 0; i < d->n; i++)
			if (d->v[i].sec == secs[k]) {
				entries += (size_t)tl_line(t, &d->v[i], 1);
				if (d->v[i].head &&
				    d->v[i].kind == XL_HEADING)
					t->ncols = 0;
			}
		if (secs[k] == SEC_TIMELINE &&
		    (x_tl_phases(t, t->n < 2 ? 0 : t->n) > 0 ||
		    (t->n < 2 && x_tl_steps(t) > 0)))
			return t->n;
	}
	return entries;
}

/* No timeline section: the runs of two or more time-led lines.  Returns
 * how many of their entries are a list's items, rows or "•" lines, a
 * recap set apart from the story, rather than its paragraphs. */
static size_t
tl_runs(struct xtl *t)
{
	struct xdoc *d = t->d;
	size_t i, run_start = 0;

	size_t listed = 0, run_listed = 0;

	t->n = 0;
	t->ncols = 0;
	t->awaiting = 0;
	t->para_led = 0;
	for (i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];
		size_t before = t->n;

		if (l->sec == SEC_TASKS || l->sec == SEC_CORRECTIVE)
			continue;
		if (l->kind == XL_ROW && l->header_row) {
			x_tl_header(t, l);
			continue;
		}
		if (tl_line(t, l, 0) == 0 && !t->awaiting) {
			if (t->n > before)
				t->n = before;	/* no lone day markers */
			if (t->n - run_start < 2)
				t->n = run_start;
			else
				listed += run_listed;
			run_start = t->n;
			run_listed = 0;
		} else if (l->kind != XL_PARA || l->bullet) {
			run_listed += t->n - before;
		}
	}
	if (t->n - run_start < 2)
		t->n = run_start;
	else
		listed += run_listed;
	return listed;
}

/* Read the lines of the timeline section, else those of a status page's
 * updates, else the runs of time-led lines, else a story's events. */
static void
tl_collect(struct xtl *t)
{
	size_t runs;

	if (tl_sections(t) > 0) {
		x_tl_drop_retelling(t);
		return;
	}
	/* a few time-led paragraphs in a story are some of its events, not
	 * a timeline of their own; a recap list is one, and so are five
	 * paragraphs or more that each open with their time */
	if (tl_runs(t) > 0 || t->n >= 5)
		return;
	runs = t->n;
	t->n = 0;
	t->awaiting = 0;
	if (x_tl_story(t, zone_notes) > runs && t->n >= 4 && (t->n >= 8 ||
	    x_tl_paragraphs(t) >= 4)) {
		t->d->tl_story = 1;
		return;
	}
	tl_runs(t);
}

/*
 * A status page lists its updates newest first.  A timeline whose entries
 * all name their day (dated) and which runs backwards is turned around,
 * to read first things first as every other does.
 */
static void
tl_oldest_first(struct xtl *t, int dated)
{
	long m;

	if (!dated || t->n < 2)
		return;
	for (size_t i = 1; i < t->n; i++)
		if (!pm_when_diff_minutes(&m, &t->w[i], &t->w[i - 1]) || m < 0)
			return;
	if (!pm_when_diff_minutes(&m, &t->w[t->n - 1], &t->w[0]) || m == 0)
		return;
	for (size_t i = 0, k = t->n - 1; i < k; i++, k--) {
		struct pm_timeline_entry e = t->e[i];
		struct pm_when w = t->w[i];
		const char *raw = t->raw[i];

		t->e[i] = t->e[k];
		t->e[k] = e;
		t->w[i] = t->w[k];
		t->w[k] = w;
		t->raw[i] = t->raw[k];
		t->raw[k] = raw;
	}
}

void
x_timeline(struct xdoc *d)
{
	struct xtl t;
	int dated = 1;

	memset(&t, 0, sizeof(t));
	t.d = d;
	x_tl_t0(&t);
	tl_collect(&t);
	for (size_t i = 0; i < t.n; i++)
		dated &= t.w[i].day != 0 && t.e[i].text != NULL;
	tl_date(&t);
	tl_oldest_first(&t, dated);
	tl_kinds(&t);
	if (t.n > 0) {
		d->inc->timeline = pm_arena_alloc(d->arena,
		    pm_xmul(t.n, sizeof(*t.e)));
		memcpy(d->inc->timeline, t.e, t.n * sizeof(*t.e));
		d->tl_when = pm_arena_alloc(d->arena,
		    pm_xmul(t.n, sizeof(*t.w)));
		memcpy(d->tl_when, t.w, t.n * sizeof(*t.w));
		d->tl_kind = pm_arena_alloc(d->arena,
		    pm_xmul(t.n, sizeof(int)));
		memcpy(d->tl_kind, t.kind, t.n * sizeof(int));
	}
	d->inc->ntimeline = t.n;
	free(t.e);
	free(t.w);
	free(t.mer);
	free(t.kind);
	free(t.block);
	free(t.raw);
	pm_buf_free(&t.text);
}
