/*
 * views_human.c: dates, durations, counts and spans as people read them
 * ("5 March 2024", "1 d 20 min", "3rd", "14:05 to 16:40 UTC"), for the
 * contexts of every page (views.h, views_int.h).
 */
#include "views_int.h"
#include "when.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const month_names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static int
days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

char *
views_put_decimal(char *p, long n)
{
	char digits[24];
	int k = 0;
	unsigned long u = n < 0 ? 0ul - (unsigned long)n : (unsigned long)n;

	if (n < 0)
		*p++ = '-';
	do
		digits[k++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	while (k > 0)
		*p++ = digits[--k];
	return p;
}

const char *
pm_views_human_date(struct pm_arena *arena, const char *s)
{
	int y, m, d;
	size_t len;
	char out[48], *p = out;

	/* The dates pmsite writes itself take the fast path, and no printf:
	 * the actions page shows two for each of tens of thousands of
	 * items. */
	if (!pm_when_read_ymd(s, &y, &m, &d) && (s == NULL ||
	    sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 ||
	    d < 1 || d > days_in_month(y, m)))
		return NULL;
	p = views_put_decimal(p, d);
	*p++ = ' ';
	len = strlen(month_names[m - 1]);
	memcpy(p, month_names[m - 1], len);
	p += len;
	*p++ = ' ';
	p = views_put_decimal(p, y);
	return pm_arena_strndup(arena, out, (size_t)(p - out));
}

const char *
pm_views_human_minutes(struct pm_arena *arena, long minutes)
{
	long part[3] = { minutes / 1440, minutes % 1440 / 60, minutes % 60 };
	static const char *const unit[3] = { "d", "h", "min" };
	struct pm_buf b = PM_BUF_INIT;
	const char *s;

	if (minutes < 0)
		return NULL;
	if (minutes == 0)
		return pm_arena_strdup(arena, "0 min");
	/* "1 d 20 min": a zero part says nothing, leave it out. */
	for (int k = 0; k < 3; k++) {
		if (part[k] == 0)
			continue;
		if (b.len)
			pm_buf_putc(&b, ' ');
		pm_buf_put_int(&b, part[k], 0);
		pm_buf_putc(&b, ' ');
		pm_buf_puts(&b, unit[k]);
	}
	s = pm_arena_strdup(arena, pm_buf_cstr(&b));
	pm_buf_free(&b);
	return s;
}

const char *
pm_views_ordinal(struct pm_arena *arena, size_t n)
{
	const char *suffix = "th";
	char out[PM_FMT_INT_MAX + 2];
	size_t len = pm_fmt_int(out, (long)n, 0);

	if (n % 100 < 11 || n % 100 > 13) {
		if (n % 10 == 1)
			suffix = "st";
		else if (n % 10 == 2)
			suffix = "nd";
		else if (n % 10 == 3)
			suffix = "rd";
	}
	memcpy(out + len, suffix, 3);
	return pm_arena_strndup(arena, out, len + 2);
}

/* A point of the record, read back: 0 when it has no date. */
static int
read_point(struct pm_when *w, const char *s)
{
	pm_when_init(w);
	return s && pm_when_parse(w, s, strlen(s)) > 0 && w->year > 0 &&
	    w->month >= 1 && w->month <= 12 && w->day >= 1;
}

static void
put_point(struct pm_buf *b, const struct pm_when *w, int with_date)
{
	if (with_date) {
		pm_buf_put_int(b, w->day, 0);
		pm_buf_putc(b, ' ');
		pm_buf_puts(b, month_names[w->month - 1]);
		pm_buf_putc(b, ' ');
		pm_buf_put_int(b, w->year, 0);
	}
	if (w->hour >= 0) {
		if (with_date)
			pm_buf_puts(b, ", ");
		pm_buf_put_int(b, w->hour, 2);
		pm_buf_putc(b, ':');
		pm_buf_put_int(b, w->minute, 2);
	}
}

const char *
pm_views_human_span(struct pm_arena *arena, const char *start,
    const char *end, const char *timezone)
{
	struct pm_when s, e;
	struct pm_buf b = PM_BUF_INIT;
	const char *out;

	if (!read_point(&s, start))
		return NULL;
	put_point(&b, &s, 1);
	if (read_point(&e, end) && (e.year != s.year || e.month != s.month ||
	    e.day != s.day || e.hour != s.hour || e.minute != s.minute)) {
		int same_day = e.year == s.year && e.month == s.month &&
		    e.day == s.day && e.hour >= 0;

		pm_buf_puts(&b, " \xe2\x80\x93 ");
		put_point(&b, &e, !same_day);
	}
	/* The zone as the writer gave it; else the offset the record has. */
	if (timezone && *timezone)
		pm_buf_printf(&b, " %s", timezone);
	else if (s.has_zone && s.hour >= 0 && s.offset_minutes == 0)
		pm_buf_puts(&b, " UTC");
	else if (s.has_zone && s.hour >= 0)
		pm_buf_printf(&b, " UTC%c%02d:%02d", s.offset_minutes < 0 ?
		    '-' : '+', abs(s.offset_minutes) / 60,
		    abs(s.offset_minutes) % 60);
	out = pm_arena_strdup(arena, pm_buf_cstr(&b));
	pm_buf_free(&b);
	return out;
}
