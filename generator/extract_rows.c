/*
 * extract_rows.c: a timeline written as a table (extract_timeline.c):
 * which columns hold the time and the date, read from the header row,
 * and an entry per row from them, its text the other cells.  A time cell
 * may hold a weekday ("Mon 8:50 AM"), an offset from T0 ("T+6m"), a time
 * said roughly ("~19:50") or none known ("?").
 */
#include "extract_tl.h"

#include <string.h>

/* "Mon 8:50 AM" in a time column, or "Tue 2100" where the column says
 * it holds times (hhmm): the day is told by the order of the rows (a
 * time earlier than the one before is the next day). */
static int
weekday_time(struct pm_when *w, const char *cell, size_t len, int hhmm)
{
	int wd;
	size_t k = pm_when_skip_weekday(cell, len, &wd);

	if (k == 0 || ((pm_when_parse(w, cell + k, len - k) == 0 ||
	    w->hour < 0 || w->day != 0) && !(hhmm &&
	    x_hhmm_cell(cell + k, len - k, w))))
		return 0;
	w->weekday = wd;
	return 1;
}

/* "+00:12", "T+6m" alone in a cell: T0 and the offset, when the
 * timeline says when T0 was ("+00:12" only then: an assumed T0 leaves
 * a bare plus to the entry before). */
static int
offset_cell(const struct xtl *t, struct pm_when *w, const char *cell,
    size_t len)
{
	long minutes;
	size_t i = x_skip_blanks(cell, len, 0), e;

	if (!t->has_t0)
		return 0;
	if ((e = x_t0_offset_at(t, cell, len, i, &minutes)) == 0 ||
	    x_skip_blanks(cell, len, e) < len)
		return 0;
	*w = t->t0;
	pm_when_add_minutes(w, minutes);
	return 1;
}

/* "~19:50", "c. 09:40", "approx. 10:15" in a time cell: where the time
 * starts after the word that says it is rough, or 0. */
static size_t
rough_cell_lead(const char *cell, size_t len)
{
	static const char *const leads[] = {
		"c.", "ca.", "circa", "approx.", "approx", "about", "around",
		NULL
	};
	size_t e = len > 0 && cell[0] == '~';

	for (const char *const *p = leads; *p && e == 0; p++)
		e = x_phrase_at(cell, len, 0, *p);
	return e ? x_skip_blanks(cell, len, e) : 0;
}

void
x_tl_row(struct xtl *t, const struct xline *l)
{
	struct pm_when w, part;
	const char *p = l->s, *end = l->s + l->len;
	size_t len, off;
	int c = 0, have = 0, mer = 0, is_time, unknown = 0;

	pm_when_init(&w);
	pm_buf_clear(&t->text);
	for (; p <= end; c++) {
		const char *q = memchr(p, '\t', (size_t)(end - p));

		len = (size_t)((q ? q : end) - p);
		is_time = 0;
		for (int k = 0; k < t->ncols; k++)
			is_time |= t->cols[k] == c;
		off = is_time ? rough_cell_lead(p, len) : 0;
		if (is_time && len > 0 && x_unknown_time(p, len) == len) {
			unknown = 1;
		} else if ((is_time || (t->ncols == 0 && c == 0)) && len > 0 &&
		    (pm_when_parse(&part, l->t + (p - l->s) + off,
		    len - off) > 0 ||
		    (is_time && x_hhmm_cell(p, len, &part)) ||
		    weekday_time(&part, l->t + (p - l->s), len, is_time) ||
		    offset_cell(t, &part, p, len))) {
			if (part.day)
				w.year = part.year, w.month = part.month,
				    w.day = part.day;
			if (part.hour >= 0) {
				w.hour = part.hour, w.minute = part.minute;
				w.second = part.second;
				w.weekday = part.weekday;
				if (part.has_zone)
					w.has_zone = 1, w.offset_minutes =
					    part.offset_minutes,
					    memcpy(w.zone, part.zone,
					    sizeof(w.zone));
				mer = x_has_meridiem(p, len);
			}
			have = 1;
		} else if (len > 0 && x_has_letter(p, len)) {
			if (t->text.len)
				pm_buf_puts(&t->text, "; ");
			pm_buf_put(&t->text, p, len);
		}
		if (!q)
			break;
		p = q + 1;
	}
	if (have && t->text.len && (w.hour >= 0 || w.day))
		x_tl_push(t, l, &w, mer, t->text.ptr, t->text.len);
	/* a row whose time is "?": an event after the row before, at its
	 * time, the earliest it can have been */
	else if (!have && unknown && t->text.len && t->n > 0 &&
	    t->w[t->n - 1].hour >= 0 && t->e[t->n - 1].text != NULL)
		x_tl_push(t, l, &t->w[t->n - 1], t->mer[t->n - 1],
		    t->text.ptr, t->text.len);
}

void
x_tl_header(struct xtl *t, const struct xline *l)
{
	const char *p = l->s, *end = l->s + l->len;
	int c = 0;

	t->ncols = 0;
	for (; p <= end && t->ncols < 8; c++) {
		const char *q = memchr(p, '\t', (size_t)(end - p));
		size_t len = (size_t)((q ? q : end) - p);

		if (x_time_column(p, len))
			t->cols[t->ncols++] = c;
		if (!q)
			break;
		p = q + 1;
	}
}
