/*
 * extract_offset.c: timelines written in offsets rather than clock
 * times: from T0 ("T+7m — Alert fires"), or from the entry before ("+2m
 * - pings me", "10 min later: rollback done").
 */
#include "extract_tl.h"

#include <string.h>

/* "Offsets count from 07:15 local", "offsets from H = 12:00 noon IST",
 * "times relative to 09:30": the time after the words, or 0. */
static const char *const offsets_words[] = {
	"offsets count from", "offsets counted from", "offsets are from",
	"offsets from", "offset from", "relative to", NULL
};

static int
offsets_from(struct pm_when *w, const struct xline *l,
    const struct pm_phrase_index *x)
{
	size_t at, e;

	if (x_index_find(x, l->s, l->len, &at) == NULL ||
	    x_index_at(x, l->s, l->len, at, &e) == NULL)
		return 0;
	return x_find_point(w, NULL, l->t + e, l->len - e, 0);
}

/*
 * When T0 was, for a timeline written in offsets from it ("T+7m —
 * Alert"): a "T0:" field ("**T0:** Tuesday, 8 October 2024, 18:30 IST"),
 * else "T0" or "T+0" followed by "(", "=" or "is" and a time ("Offsets
 * from T0 (18:30 IST)", "T+0 is 10:30"), "T" or "H" followed by "=" ("T
 * = 12:00 a.m. ET"), or the time offsets are said to count from.  A
 * timeline that states none counts from the start the summary gives
 * ("Impact began at 14:05 UTC" over "T+12m — Alert"), for offsets led by
 * T or H alone.
 */
void
x_tl_t0(struct xtl *t)
{
	static const char *const labels[] = {
		"t0", "t 0", "t zero", "time zero", NULL
	};
	static const char *const names[] = { "t0", "t+0", "t", "h", NULL };
	const struct xfield *f = x_field(t->d, labels);
	struct xdoc *d = t->d;
	struct pm_phrase_index offsets;

	t->t0_assumed = 0;
	if (f && x_find_point(&t->t0, NULL, f->tv, f->vlen, 0)) {
		t->has_t0 = 1;
		return;
	}
	pm_phrase_index_init(&offsets, offsets_words);
	for (size_t i = 0; i < d->n && !t->has_t0; i++) {
		const struct xline *l = &d->v[i];
		size_t at = (size_t)-1, k;
		const char *name = NULL;

		/* a letter alone needs an "=": most lines have none */
		for (size_t j = 0; names[j] && at == (size_t)-1; j++)
			if (names[j][1] != '\0' || memchr(l->s, '=', l->len))
				at = x_find(l->s, l->len, name = names[j]);
		if (at != (size_t)-1) {
			k = x_skip_blanks(l->s, l->len, at + strlen(name));
			/* a letter alone names T0 only before "=" */
			if (k < l->len && (l->s[k] == '=' ||
			    (strlen(name) > 1 && (l->s[k] == '(' ||
			    x_phrase_at(l->s, l->len, k, "is")))))
				t->has_t0 = x_find_point(&t->t0, NULL,
				    l->t + k, l->len - k, 0);
		}
		if (!t->has_t0 && l->sec == SEC_TIMELINE)
			t->has_t0 = offsets_from(&t->t0, l, &offsets);
	}
	if (t->has_t0 && t->t0.hour < 0)
		t->has_t0 = 0;
	if (!t->has_t0 && d->has_start && d->start.hour >= 0) {
		t->t0 = d->start;
		t->has_t0 = t->t0_assumed = 1;
	}
}

/* Where an entry's offset may start in l: past the item's symbols and
 * any emphasis, code tick or "~" before it. */
static size_t
offset_start(const struct xline *l)
{
	const char *s = l->t;
	size_t i = x_skip_symbols(s, l->len, l->head ? l->content : 0);

	while (i < l->len && (s[i] == '*' || s[i] == '`' || s[i] == ' ' ||
	    s[i] == '~'))
		i++;
	return i;
}

/* Where the text of an entry starts, after its offset that ends at
 * l->t[e] and a dash or colon ("+2m - pings me"); 0 when none follows,
 * or a bracket does (the clock time of "T+4 (09:16)"). */
static size_t
text_after_offset(const struct xline *l, size_t e)
{
	const char *s = l->t;
	size_t k;

	while (e < l->len && (s[e] == '*' || s[e] == '`' || s[e] == ' '))
		e++;
	if (x_is_dash(s, l->len, e, &k))
		e = x_skip_blanks(s, l->len, k);
	else if (e < l->len && s[e] == ':')
		e = x_skip_blanks(s, l->len, e + 1);
	else
		return 0;
	return e < l->len && x_has_letter(l->s + e, l->len - e) ? e : 0;
}

size_t
x_t0_offset_at(const struct xtl *t, const char *s, size_t len, size_t i,
    long *minutes)
{
	size_t e = x_relative_at(s, len, i, minutes);

	/* "+00:12 | Support phones": from a T0 the timeline states; under
	 * an assumed one a bare plus counts from the entry before */
	if (e == 0 && !t->t0_assumed && i < len && s[i] == '+')
		e = x_later_at(s, len, i, minutes);
	return e;
}

/* "T+7m — Alert fires": an entry at T0 and the offset.  A bracketed clock
 * time after the offset ("T+4 (09:16)") is x_entry_at()'s. */
int
x_tl_relative(struct xtl *t, const struct xline *l)
{
	long minutes;
	size_t e = x_t0_offset_at(t, l->t, l->len, offset_start(l), &minutes);
	struct pm_when w;

	if (e == 0 || (e = text_after_offset(l, e)) == 0)
		return 0;
	w = t->t0;
	pm_when_add_minutes(&w, minutes);
	x_tl_push(t, l, &w, t->t0.meridiem, l->s + e, l->len - e);
	return 1;
}

/* "+2m - pings me", "10 min later: rollback done": an entry at an offset
 * from the one before, when that one has a clock time.  A bracketed
 * clock after the offset ("40 mins later (22:10)") is x_entry_at()'s. */
int
x_tl_later(struct xtl *t, const struct xline *l)
{
	long minutes;
	size_t e;
	struct pm_when w;

	if (t->n == 0 || t->w[t->n - 1].hour < 0 ||
	    (e = x_later_at(l->t, l->len, offset_start(l), &minutes)) == 0 ||
	    minutes > 720 || (e = text_after_offset(l, e)) == 0)
		return 0;
	w = t->w[t->n - 1];
	/* an undated entry stays on its day (tl_date() dates them all) */
	if (w.day)
		pm_when_add_minutes(&w, minutes);
	else if (w.hour * 60 + w.minute + minutes < 1440) {
		w.hour += (int)((w.minute + minutes) / 60);
		w.minute = (int)((w.minute + minutes) % 60);
	} else
		return 0;
	x_tl_push(t, l, &w, t->mer[t->n - 1], l->s + e, l->len - e);
	return 1;
}
