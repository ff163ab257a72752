/*
 * when_calendar.c: the civil calendar under the when module: days from
 * and to dates (proleptic Gregorian, counted from 1970-01-01), weekdays,
 * the minutes between two points and a point moved by minutes, and the
 * ISO 8601 form a point is printed in.
 */

#include <string.h>

#include "buf.h"
#include "when_int.h"

static int
is_leap(long long y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int
days_in_month(long long y, int m)
{
	static const unsigned char dim[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	return m == 2 && is_leap(y) ? 29 : dim[m - 1];
}

int
pm_when__valid_date(int y, int m, int d)
{
	return m >= 1 && m <= 12 && d >= 1 && d <= days_in_month(y, m);
}

/*
 * Howard Hinnant's days_from_civil: shift the year to start in March so
 * the leap day is last, then count 400-year eras of 146097 days.
 */
long long
pm_when_days_from_date(long long y, int m, int d)
{
	long long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
pm_when_read_ymd(const char *s, int *y, int *m, int *d)
{
	static const char shape[] = "dddd-dd-dd";

	if (s == NULL)
		return 0;
	for (int k = 0; k < 10; k++)
		if (shape[k] == 'd' ? !is_digit((unsigned char)s[k]) :
		    s[k] != '-')
			return 0;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return *y > 0 && pm_when__valid_date(*y, *m, *d);
}

void
pm_when_date_from_days(long long *y_out, int *m_out, int *d_out,
    long long days)
{
	long long z = days + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d_out = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m_out = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y_out = yoe + era * 400 + (*m_out <= 2);
}

static long long
floor_div(long long a, long long b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int
pm_when_weekday(long long y, int m, int d)
{
	/* 1970-01-01 was a Thursday (3) */
	long long days = pm_when_days_from_date(y, m, d);

	return (int)(((days % 7) + 7 + 3) % 7);
}

size_t
pm_when_format(char *out, size_t size, const struct pm_when *w)
{
	char buf[128];
	int off = w->offset_minutes, dated = w->month && w->day;
	size_t n = 0, k;

	/* By hand, not snprintf: a build formats a few hundred thousand */
	if (dated && w->year) {
		n += pm_fmt_int(buf + n, w->year % 100000, 4);
		buf[n++] = '-';
	} else if (dated) {
		memcpy(buf, "--", 2), n = 2;
	}
	if (dated) {
		n += pm_fmt_int(buf + n, w->month % 100, 2);
		buf[n++] = '-';
		n += pm_fmt_int(buf + n, w->day % 100, 2);
	}
	if (w->hour >= 0) {
		if (dated)
			buf[n++] = 'T';
		n += pm_fmt_int(buf + n, w->hour % 100, 2);
		buf[n++] = ':';
		n += pm_fmt_int(buf + n, w->minute % 100, 2);
		if (dated || w->second) {
			buf[n++] = ':';
			n += pm_fmt_int(buf + n, w->second % 100, 2);
		}
		if (w->has_zone) {
			buf[n++] = off < 0 ? '-' : '+';
			off = off < 0 ? -off : off;
			n += pm_fmt_int(buf + n, off / 60 % 100, 2);
			buf[n++] = ':';
			n += pm_fmt_int(buf + n, off % 60, 2);
		}
	}
	buf[n] = '\0';
	if (size == 0)
		return 0;
	k = n < size ? n : size - 1;
	memcpy(out, buf, k);
	out[k] = '\0';
	return k;
}

static int
complete(const struct pm_when *w)
{
	return w->year && pm_when__valid_date(w->year, w->month, w->day) &&
	    w->hour >= 0 && w->hour <= 23;
}

/* Seconds since 1970-01-01T00:00:00 of the wall clock of w. */
static long long
seconds_of(const struct pm_when *w)
{
	return (pm_when_days_from_date(w->year, w->month, w->day) * 1440 +
	    w->hour * 60 + w->minute) * 60 + w->second;
}

int
pm_when_diff_minutes(long *minutes, const struct pm_when *from,
    const struct pm_when *to)
{
	long long d;

	if (!complete(from) || !complete(to))
		return 0;
	d = seconds_of(to) - seconds_of(from);
	/* to UTC: subtract each point's own offset */
	if (from->has_zone && to->has_zone)
		d -= 60 * ((long long)to->offset_minutes -
		    from->offset_minutes);
	*minutes = (long)(d / 60);
	return 1;
}

void
pm_when_add_minutes(struct pm_when *w, long minutes)
{
	long long t, days, y;
	int timed = w->hour >= 0, m, d;

	if (!pm_when__valid_date(w->year, w->month, w->day)) {
		if (!timed)
			return;
		t = floor_div(w->hour * 60LL + w->minute + minutes, 1440);
		t = w->hour * 60LL + w->minute + minutes - t * 1440;
		w->hour = (int)(t / 60);
		w->minute = (int)(t % 60);
		return;
	}
	if (!timed && minutes % 1440 != 0) {
		w->hour = w->minute = w->second = 0;
		timed = 1;
	}
	/* without a year, move through a common year (or 2000 for Feb 29) */
	y = w->year ? w->year : (w->month == 2 && w->day == 29 ? 2000 : 2001);
	t = pm_when_days_from_date(y, w->month, w->day) * 1440 + minutes +
	    (timed ? w->hour * 60LL + w->minute : 0);
	days = floor_div(t, 1440);
	t -= days * 1440;
	pm_when_date_from_days(&y, &m, &d, days);
	if (w->year)
		w->year = (int)y;
	w->month = m;
	w->day = d;
	if (timed) {
		w->hour = (int)(t / 60);
		w->minute = (int)(t % 60);
	}
}
