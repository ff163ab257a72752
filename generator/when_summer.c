/*
 * when_summer.c: the rules of summer time (daylight saving time) that the
 * zones of the table follow (when_zone_table.c's summer letters), and the
 * offset in force under each at a given local time.
 */

#include "when_int.h"

/* The day of month of the n-th Sunday of month m of year y. */
static int
nth_sunday(int y, int m, int n)
{
	int wd = (pm_when_weekday(y, m, 1) + 1) % 7;	/* Sunday 0 */

	return 1 + (7 - wd) % 7 + 7 * (n - 1);
}

/* The day of month of the last Sunday of month m of year y. */
static int
last_sunday(int y, int m)
{
	int d = nth_sunday(y, m, 4);
	long long days = pm_when_days_from_date(m == 12 ? y + 1 : y,
	    m == 12 ? 1 : m + 1, 1) - pm_when_days_from_date(y, m, 1);

	return d + 7 <= days ? d + 7 : d;
}

/* EU summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC
 * on the last Sunday of October; the hour repeated in October is read as
 * the first (summer) one. */
static int
settle_european(struct pm_when *w, int std)
{
	int dst;
	int start = last_sunday(w->year, 3), end = last_sunday(w->year, 10);
	int switch_hour = 1 + std / 60;	/* 01:00 UTC in local time */

	if (w->month > 3 && w->month < 10)
		dst = 1;
	else if (w->month == 3)
		dst = w->day > start || (w->day == start &&
		    w->hour >= switch_hour);
	else if (w->month == 10)
		dst = w->day < end || (w->day == end &&
		    w->hour < switch_hour + 1);
	else
		dst = 0;
	w->offset_minutes = std + (dst ? 60 : 0);
	return dst;
}

/* Summer time south of the equator: from the switch day of on_month
 * (October in Australia, September in New Zealand) at 02:00 to April's
 * at 03:00 summer time, the repeated hour read as the first (summer)
 * one.  on and off are days of month. */
static int
settle_southern(struct pm_when *w, int std, int on_month, int on, int off)
{
	int dst;

	if (w->month > on_month || w->month < 4)
		dst = 1;
	else if (w->month == 4)
		dst = w->day < off || (w->day == off && w->hour < 3);
	else if (w->month == on_month)
		dst = w->day > on || (w->day == on && w->hour >= 2);
	else
		dst = 0;
	w->offset_minutes = std + (dst ? 60 : 0);
	return dst;
}

/* US daylight saving time, from 2:00 on the second Sunday of March to
 * 2:00 on the first Sunday of November, local time. */
static int
settle_us(struct pm_when *w, int std)
{
	int start, end, dst;

	start = nth_sunday(w->year, 3, 2);
	end = nth_sunday(w->year, 11, 1);
	if (w->month > 3 && w->month < 11)
		dst = 1;
	else if (w->month == 3)
		dst = w->day > start || (w->day == start && w->hour >= 2);
	else if (w->month == 11)
		dst = w->day < end || (w->day == end && w->hour < 2);
	else
		dst = 0;
	if (!dst)
		return 0;
	w->offset_minutes = std + 60;
	return 1;
}

/* The day of month of the last weekday wd (Monday 0) of month m of y. */
static int
last_weekday(int y, int m, int wd)
{
	int last = (int)(pm_when_days_from_date(m == 12 ? y + 1 : y,
	    m == 12 ? 1 : m + 1, 1) - pm_when_days_from_date(y, m, 1));

	return last - (pm_when_weekday(y, m, last) - wd + 7) % 7;
}

/* Egypt's summer time (again since 2023): from the start of April's
 * last Friday to the end of October's last Thursday. */
static int
settle_egypt(struct pm_when *w, int std)
{
	int dst;

	if (w->month > 4 && w->month < 10)
		dst = 1;
	else if (w->month == 4)
		dst = w->day >= last_weekday(w->year, 4, 4);
	else if (w->month == 10)
		dst = w->day <= last_weekday(w->year, 10, 3);
	else
		dst = 0;
	w->offset_minutes = std + (dst ? 60 : 0);
	return dst;
}

/* Chile moves its clocks at midnight after the month's first Saturday:
 * the day of the Sunday after it. */
static int
sunday_after_saturday(int year, int month)
{
	int d = nth_sunday(year, month, 1);

	return d == 1 ? 8 : d;
}

int
pm_when__summer(struct pm_when *w, int rule, int std)
{
	switch (rule) {
	case 'E':
		return settle_european(w, std);
	case 'U':
		return settle_us(w, std);
	case 'A':
		return settle_southern(w, std, 10, nth_sunday(w->year, 10, 1),
		    nth_sunday(w->year, 4, 1));
	case 'N':
		return settle_southern(w, std, 9, last_sunday(w->year, 9),
		    nth_sunday(w->year, 4, 1));
	case 'G':
		return w->year >= 2023 ? settle_egypt(w, std) : 0;
	case 'C':	/* at the end of the first Saturday of September */
		return settle_southern(w, std, 9, sunday_after_saturday(
		    w->year, 9), sunday_after_saturday(w->year, 4));
	}
	return 0;
}
