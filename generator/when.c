/*
 * when.c: reading the dates and times written in postmortems.  Zones
 * live in when_zone.c, ranges and durations in when_span.c, the
 * calendar arithmetic to compare and print them in when_calendar.c.
 *
 * Readers fill a local struct and the caller commits it only on success,
 * so a failed attempt never leaves half a result.
 *
 * Why the word boundaries (see when_int.h): postmortems are full of
 * numbers that are not points in time.  A bare number is never a time:
 * it needs a colon or am/pm ("1430" is rejected), and a bare year is
 * never a date.  Dotted dates ("15.08.2024") are not read at all, so that
 * version numbers and addresses never turn into dates.
 */

#include <string.h>

#include "when_int.h"

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

/*
 * The months of the languages whose writers carry their dates into an
 * English report ("Giovedì 5 marzo 2026", "13 de marzo de 2026", "25
 * juin 2025", "5. März 2026", "10 Maret 2025", "3 Eylül 2025", "14
 * lutego 2025"), read only with the day before them and
 * the year after: "mars", "mai" and "avril" are words and names too.
 * Rows of twelve, January first.
 */
static const char *const other_months[] = {
	"enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
	"agosto", "septiembre", "octubre", "noviembre", "diciembre",
	"janeiro", "fevereiro", "mar\xc3\xa7o", "abril", "maio", "junho",
	"julho", "agosto", "setembro", "outubro", "novembro", "dezembro",
	"janvier", "f\xc3\xa9vrier", "mars", "avril", "mai", "juin",
	"juillet", "ao\xc3\xbbt", "septembre", "octobre", "novembre",
	"d\xc3\xa9" "cembre",
	"gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno",
	"luglio", "agosto", "settembre", "ottobre", "novembre", "dicembre",
	"januar", "februar", "m\xc3\xa4rz", "april", "mai", "juni", "juli",
	"august", "september", "oktober", "november", "dezember",
	"januari", "februari", "maart", "april", "mei", "juni", "juli",
	"augustus", "september", "oktober", "november", "december",
	"januari", "februari", "maret", "april", "mei", "juni", "juli",
	"agustus", "september", "oktober", "november", "desember",
	"ocak", "\xc5\x9fubat", "mart", "nisan", "may\xc4\xb1s", "haziran",
	"temmuz", "a\xc4\x9fustos", "eyl\xc3\xbcl", "ekim", "kas\xc4\xb1m",
	"aral\xc4\xb1k",
	/* Polish dates name the month in the genitive: "14 lutego" */
	"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca",
	"lipca", "sierpnia", "wrze\xc5\x9bnia", "pa\xc5\xba" "dziernika",
	"listopada", "grudnia",
};

static const char *const weekdays[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday"
};

/*
 * The letters a date or time written in words can start with: those of
 * the months and weekdays above, "noon", "midday" and "midnight".  Most
 * words of a text start with none of them, and pm_when_find() passes them
 * by without trying each way of writing a date.  A name added above must
 * have its first letter here (check_when parses every name).
 */
#define POINT_LETTERS	(LETTER('a') | LETTER('d') | LETTER('f') | \
	LETTER('j') | LETTER('m') | LETTER('n') | LETTER('o') | LETTER('s') | \
	LETTER('t') | LETTER('w'))

void
pm_when_init(struct pm_when *out)
{
	memset(out, 0, sizeof(*out));
	out->hour = -1;
	out->meridiem = -1;
	out->weekday = -1;
}

/* Dates. */

/*
 * A month or weekday name at s[i]: the full name or any prefix of at
 * least three letters ("Sep", "Sept", "Tues", "Thurs"), in any case, with
 * an optional '.' after an abbreviation.  Three letters already tell all
 * months and all weekdays apart.
 */
static size_t
name_at(const char *s, size_t len, size_t i, const char *const *names,
    size_t n, int *idx)
{
	size_t k = 0, q, j;

	while (is_alpha(ch(s, len, i + k)))
		k++;
	if (k < 3)
		return 0;
	for (j = 0; j < n; j++) {
		/* most words are no month: refuse them on the first letter */
		if (names[j][0] != lower(ch(s, len, i)) ||
		    k > strlen(names[j]))
			continue;
		for (q = 0; q < k && lower(ch(s, len, i + q)) == names[j][q];
		    q++)
			;
		if (q < k)
			continue;
		*idx = (int)j;
		if (k < strlen(names[j]) && ch(s, len, i + k) == '.')
			k++;
		return i + k;
	}
	return 0;
}

/* An optional weekday with its comma and blanks: returns i when none.
 * *wd is the weekday (Monday 0) or -1. */
static size_t
weekday_at(const char *s, size_t len, size_t i, int *wd)
{
	size_t e, k;

	*wd = -1;
	if (!(e = name_at(s, len, i, weekdays, COUNT(weekdays), wd))) {
		*wd = -1;
		return i;
	}
	k = e;
	if (ch(s, len, k) == ',')
		k++;
	k = skip_blanks(s, len, k);
	if (k == e)
		*wd = -1;
	return k > e ? k : i;
}

size_t
pm_when__weekday_name(const char *s, size_t len, size_t i, int *wd)
{
	size_t e = name_at(s, len, i, weekdays, COUNT(weekdays), wd);

	if (e == 0 || is_alnum(ch(s, len, e))) {
		*wd = -1;
		return 0;
	}
	return e;
}

size_t
pm_when_skip_weekday(const char *s, size_t len, int *wd)
{
	return weekday_at(s, len, 0, wd);
}

/* A day of the month, 1-31, with an optional ordinal suffix ("3rd"). */
static size_t
day_at(const char *s, size_t len, size_t i, int *d)
{
	size_t n = digits(s, len, i, d), j = i + n;
	int a = lower(ch(s, len, j)), b = lower(ch(s, len, j + 1));

	if (n < 1 || n > 2 || *d < 1 || *d > 31)
		return 0;
	if ((a == 's' && b == 't') || (a == 'n' && b == 'd') ||
	    (a == 'r' && b == 'd') || (a == 't' && b == 'h'))
		j += 2;
	return ends_clean(s, len, j) ? j : 0;
}

/* A year: exactly four digits. */
static size_t
year_at(const char *s, size_t len, size_t i, int *y)
{
	int v;

	if (digits(s, len, i, &v) != 4 || v < 1 || !ends_clean(s, len, i + 4))
		return 0;
	*y = v;
	return i + 4;
}

/* "janv.", "févr.", "fev.", "dic.": name cut short, three letters or
 * more and a point, at s[k]; the end, after the point, or 0.  No two
 * months of other_months start with the same three letters. */
static size_t
short_month_at(const char *s, size_t len, size_t k, const char *name)
{
	size_t n = 0;

	while (name[n] && ch(s, len, k + n) != '.' &&
	    lower(ch(s, len, k + n)) == lower((unsigned char)name[n]))
		n++;
	return n >= 3 && name[n] && ch(s, len, k + n) == '.' ? k + n + 1 : 0;
}

/* A month of other_months written out at s[k], into *m (0-11); the
 * end, or 0.  short_ok allows one cut short with a point ("janv."). */
static size_t
other_month_at(const char *s, size_t len, size_t k, int *m, int short_ok)
{
	int c = lower(ch(s, len, k));
	size_t e;

	/* asked after every number: a name is refused on its first byte */
	for (size_t n = 0; n < COUNT(other_months); n++) {
		if ((unsigned char)other_months[n][0] != c)
			continue;
		if (((e = match(s, len, k, other_months[n])) != 0 &&
		    !is_alnum(ch(s, len, e)) && ch(s, len, e) < 0x80) ||
		    (short_ok && (e = short_month_at(s, len, k,
		    other_months[n])) != 0)) {
			*m = (int)(n % 12);
			return e;
		}
	}
	return 0;
}

/* "March 2025", and in the writer's language "marzo 2025", "março de
 * 2025": with the year right after, the other months are no words. */
size_t
pm_when_month_year(int *year, int *month, const char *s, size_t len)
{
	size_t i = skip_blanks(s, len, 0), e, k;
	int m, y;

	/* "Mar" of "março" is no abbreviation: a letter of UTF-8 goes on */
	if ((!(e = name_at(s, len, i, months, COUNT(months), &m)) ||
	    is_alnum(ch(s, len, e)) || ch(s, len, e) >= 0x80) &&
	    !(e = other_month_at(s, len, i, &m, 0)))
		return 0;
	if ((k = word_at(s, len, skip_blanks(s, len, e), "de")))
		e = k;
	k = e + (ch(s, len, e) == ',');
	/* Not year_at(): a byline's year may close its emphasis ("_May
	 * 2024_"). */
	k = skip_blanks(s, len, k);
	if (k == e || digits(s, len, k, &y) != 4 || y < 1 ||
	    is_digit(ch(s, len, k + 4)) || is_alpha(ch(s, len, k + 4)))
		return 0;
	*year = y;
	*month = m + 1;
	return k + 4;
}

/* "5 marzo", "13 de marzo", "5. März", "14 janv.": a day and a month of
 * other_months at s[i], into *d and *m (0-11); the end, or 0. */
static size_t
other_day_month_at(const char *s, size_t len, size_t i, int *d, int *m)
{
	size_t e = day_at(s, len, i, d), k;

	/* "5. März": the German ordinal's point */
	if (e && ch(s, len, e) == '.')
		e++;
	if (!e || (k = skip_blanks(s, len, e)) == e)
		return 0;
	if ((e = word_at(s, len, k, "de")))
		k = skip_blanks(s, len, e);
	return other_month_at(s, len, k, m, 1);
}

/* "5 marzo 2026", "13 de marzo de 2026", "5. März 2026", "14 janv.
 * 2025": other_day_month_at() and a year; its end, or 0. */
static size_t
other_date_at(const char *s, size_t len, size_t i, struct pm_when *w)
{
	int d, m, y;
	size_t e = other_day_month_at(s, len, i, &d, &m), k;

	if (!e)
		return 0;
	k = skip_blanks(s, len, e + (ch(s, len, e) == ','));
	if ((e = word_at(s, len, k, "de")))
		k = skip_blanks(s, len, e);
	if (!(e = year_at(s, len, k, &y)) || !pm_when__valid_date(y, m + 1, d))
		return 0;
	w->year = y;
	w->month = m + 1;
	w->day = d;
	w->weekday = -1;
	return e;
}

/*
 * "[Weekday,] Month D[th][,] [YYYY]" or
 * "[Weekday,] D[th] [of] Month[,] [YYYY]": j is where the weekday wd
 * (weekday_at()) leaves off.
 */
static size_t
words_date_at(const char *s, size_t len, size_t j, int wd, struct pm_when *w)
{
	int m, d, y = 0, comma = 0;
	size_t e, k;

	if (is_digit(ch(s, len, j)) && (e = other_date_at(s, len, j, w))) {
		if (w->weekday < 0)
			w->weekday = wd;
		return e;
	}
	if ((e = name_at(s, len, j, months, COUNT(months), &m))) {
		int od, om;

		/* "November,9,2023", "November, 9, 2023": a comma after
		 * the month, when the year follows */
		comma = ch(s, len, e) == ',';
		k = skip_blanks(s, len, e + (size_t)comma);
		if (!(e = day_at(s, len, k, &d)))
			return 0;
		/* "mar. 14 janv.": a French Tuesday, not March */
		if (other_day_month_at(s, len, k, &od, &om))
			return 0;
	} else if ((e = day_at(s, len, j, &d))) {
		if ((k = skip_blanks(s, len, e)) == e)
			return 0;
		if ((e = word_at(s, len, k, "of")))
			k = skip_blanks(s, len, e);
		if (!(e = name_at(s, len, k, months, COUNT(months), &m)) ||
		    is_alnum(ch(s, len, e)))
			return 0;
	} else {
		return 0;
	}
	k = e;
	if (ch(s, len, k) == ',')
		k++;
	k = skip_blanks(s, len, k);
	if (k > e && (k = year_at(s, len, k, &y)))
		e = k;
	if ((comma && y == 0) || !pm_when__valid_date(y, m + 1, d))
		return 0;
	w->year = y;
	w->month = m + 1;
	w->day = d;
	w->weekday = wd;
	return e;
}

int
pm_when_clock_follows(const char *s, size_t len, size_t j)
{
	size_t k = skip_blanks(s, len, j);
	int h, m;
	size_t n;

	if (k == j || (n = digits(s, len, k, &h)) < 1 || n > 2 || h > 23 ||
	    ch(s, len, k + n) != ':')
		return 0;
	return digits(s, len, k + n + 1, &m) == 2 && m <= 59;
}

/*
 * "YYYY-MM-DD" (sets *iso), "YYYY/MM/DD", and "A/B/YYYY", which is
 * month/day/year unless A is above 12, then day/month/year, or unless a
 * weekday written before it (wd, Monday 0; -1 for none) fits only
 * day/month/year: "Tuesday 05/03/2024" is 5 March.  With a weekday, the
 * year may have two digits, of this century ("Monday 3/6/24"): without
 * one, "5/10/15" is as likely three latencies as a date.
 */
static size_t
numeric_date_at(const char *s, size_t len, size_t i, struct pm_when *w,
    int *iso, int wd)
{
	int a, b, c, y, m, d, sep, noyear = 0;
	size_t n = digits(s, len, i, &a), j, n2, n3;

	sep = ch(s, len, i + n);
	if (n == 4 && (sep == '-' || sep == '/')) {
		j = i + 5;
		n2 = digits(s, len, j, &b);
		if (n2 < 1 || n2 > 2 || ch(s, len, j + n2) != sep)
			return 0;
		j += n2 + 1;
		n3 = digits(s, len, j, &c);
		if (n3 < 1 || n3 > 2)
			return 0;
		j += n3;
		y = a, m = b, d = c;
	} else if (n >= 1 && n <= 2 && sep == '/') {
		j = i + n + 1;
		n2 = digits(s, len, j, &b);
		if (n2 < 1 || n2 > 2)
			return 0;
		j += n2;
		y = 0;
		if (ch(s, len, j) == '/' && wd >= 0 &&
		    digits(s, len, j + 1, &y) == 2 &&
		    ends_clean(s, len, j + 3)) {
			y += 2000;
			j += 3;
		} else if (ch(s, len, j) == '/') {
			if (!(j = year_at(s, len, j + 1, &y)))
				return 0;
		} else if (wd >= 0 && (a > 12 || b > 12)) {
			/* "Wed 9/18": after a weekday, a month and day, the
			 * year from the rest of the document.  Without the
			 * weekday "9/18" is as likely a score or a fraction,
			 * and without the year the weekday cannot tell
			 * "Tue 05/03" (5 March) from 3 May. */
			noyear = 1;
		} else if (wd < 0 && pm_when_clock_follows(s, len, j)) {
			/* "29/01 08:00": timelines date their entries so,
			 * and a score or a fraction is not followed by a
			 * clock.  Month first when both could be, as with a
			 * year; extract_slash.c turns them round in a
			 * document written day first. */
			noyear = 1;
		} else {
			return 0;
		}
		m = a > 12 ? b : a;
		d = a > 12 ? a : b;
		if (y && wd >= 0 && a <= 12 && b <= 12 &&
		    pm_when__valid_date(y, b, a) &&
		    (!pm_when__valid_date(y, a, b) ||
		    pm_when_weekday(y, a, b) != wd) &&
		    pm_when_weekday(y, b, a) == wd)
			m = b, d = a;
	} else {
		return 0;
	}
	/* a leap day without its year is checked against a leap year */
	if ((!noyear && y < 1) ||
	    !pm_when__valid_date(noyear ? 2000 : y, m, d))
		return 0;
	/* "2024-03-05T10:00" runs straight into its time */
	if (!ends_clean(s, len, j) && !(sep == '-' &&
	    lower(ch(s, len, j)) == 't' && is_digit(ch(s, len, j + 1))))
		return 0;
	*iso = sep == '-';
	w->year = y;
	w->month = m;
	w->day = d;
	return j;
}

static size_t
date_at(const char *s, size_t len, size_t i, struct pm_when *w, int *iso)
{
	size_t e, j;
	int wd;

	*iso = 0;
	if ((e = numeric_date_at(s, len, i, w, iso, -1)))
		return e;
	j = weekday_at(s, len, i, &wd);
	if (wd >= 0 && (e = numeric_date_at(s, len, j, w, iso, wd)))
		return e;
	return words_date_at(s, len, j, wd, w);
}

/* Times. */

/* "am", "PM", "a.m.", "p.m" at s[i]: sets *pm. */
static size_t
meridiem_at(const char *s, size_t len, size_t i, int *pm)
{
	int c = lower(ch(s, len, i)), dot = 0;
	size_t j = i + 1;

	if (c != 'a' && c != 'p')
		return 0;
	/* "11:05a", "12:52p": the letter alone, glued to the minutes */
	if (i > 0 && is_digit(ch(s, len, i - 1)) && i >= 3 &&
	    ch(s, len, i - 3) == ':' && !is_alnum(ch(s, len, j)) &&
	    ch(s, len, j) != '.') {
		*pm = c == 'p';
		return j;
	}
	if (ch(s, len, j) == '.')
		j++, dot = 1;
	if (lower(ch(s, len, j)) != 'm')
		return 0;
	j++;
	if (dot && ch(s, len, j) == '.')
		j++;
	if (is_alnum(ch(s, len, j)))
		return 0;
	*pm = c == 'p';
	return j;
}

/*
 * A clock reading: "H:MM[:SS[.fff]]" with optional am/pm, "H am/pm",
 * "noon" or "midday", "midnight", "12 noon", and "HHMMZ" or "HHMM UTC"
 * (the zone is left for the zone reader: without Z, UTC or GMT, or a unit
 * ("hrs"), four digits are a number, not a time: "2024 EST" is not
 * 20:24).  *mer is -1 without am/pm, else 0 or 1 (noon 1, midnight 0);
 * *secs tells whether seconds were written.
 */
static size_t
clock_at(const char *s, size_t len, size_t i, struct pm_when *w, int *mer,
    int *secs)
{
	int h, m = 0, sec = 0, colon = 0, pm;
	size_t n = digits(s, len, i, &h), j = i + n, e;

	*mer = -1;
	*secs = 0;
	if (n == 2 && h == 12 && ((e = word_at(s, len,
	    skip_blanks(s, len, j), "noon")) || (e = word_at(s, len,
	    skip_blanks(s, len, j), "midday"))))
		j = e, *mer = 1;
	else if (n == 2 && h == 12 && (e = word_at(s, len,
	    skip_blanks(s, len, j), "midnight")))
		j = e, h = 0, *mer = 0;
	else if (n == 0 && ((e = word_at(s, len, i, "noon")) ||
	    (e = word_at(s, len, i, "midday"))))
		j = e, h = 12, *mer = 1;
	else if (n == 0 && (e = word_at(s, len, i, "midnight")))
		j = e, h = 0, *mer = 0;
	else if (n == 4 && h / 100 <= 23 && h % 100 <= 59 &&
	    ((ch(s, len, j) == 'Z' && !is_alnum(ch(s, len, j + 1))) ||
	    word_at(s, len, skip_blanks(s, len, j), "utc") ||
	    word_at(s, len, skip_blanks(s, len, j), "gmt")))
		m = h % 100, h /= 100;
	/* "0605 hrs", "1400 hours": the military form, with its unit */
	else if (n == 4 && h / 100 <= 23 && h % 100 <= 59 &&
	    ((e = word_at(s, len, skip_blanks(s, len, j), "hrs")) ||
	    (e = word_at(s, len, skip_blanks(s, len, j), "hours"))))
		j = e, m = h % 100, h /= 100;
	else if (n < 1 || n > 2)
		return 0;
	else {
		int spaced = 0;

		/* "12: 05 a.m.", a blank typed after the colon: only with
		 * its am or pm, as "Step 1: 15 minutes" is no time */
		if (ch(s, len, j) == ':' && ch(s, len, j + 1) == ' ' &&
		    digits(s, len, j + 2, &m) == 2 && meridiem_at(s, len,
		    skip_blanks(s, len, j + 4), &pm))
			spaced = 1;
		if (ch(s, len, j) == ':' && (spaced ||
		    digits(s, len, j + 1, &m) == 2)) {
			j += 3 + spaced;
			colon = 1;
			if (ch(s, len, j) == ':' &&
			    digits(s, len, j + 1, &sec) == 2) {
				j += 3;
				*secs = 1;
				/* fractions of a second are read, not kept */
				if (ch(s, len, j) == '.' &&
				    is_digit(ch(s, len, j + 1)))
					for (j++; is_digit(ch(s, len, j)); j++)
						;
			}
		}
		if ((e = meridiem_at(s, len, skip_blanks(s, len, j), &pm))) {
			/* "14:00pm": a 24-hour time the pm only repeats */
			if (colon && pm && h >= 13 && h <= 23)
				h -= 12;
			if (h < 1 || h > 12)
				return 0;
			h = h % 12 + (pm ? 12 : 0);
			*mer = pm;
			j = e;
		} else if (!colon) {
			return 0;	/* "1430", "10" */
		}
		if (h > 23 || m > 59 || sec > 59)
			return 0;
	}
	w->hour = h;
	w->minute = m;
	w->second = sec;
	return j;
}

/*
 * A time and its zone.  iso is 1 after "T", 2 after a "YYYY-MM-DD "
 * date: there a glued "-05:00" is an offset (after "T", or after written
 * seconds), elsewhere it starts the end of a range.
 */
static size_t
time_at(const char *s, size_t len, size_t i, struct pm_when *w, int iso,
    int *mer)
{
	struct pm_when t = *w;
	size_t j, e;
	int secs;

	if (!(j = clock_at(s, len, i, &t, mer, &secs)))
		return 0;
	e = pm_when__zone_after(s, len, j, &t,
	    iso == 1 || (iso == 2 && secs));
	if (!ends_clean(s, len, e))
		return 0;
	*w = t;
	return e;
}

/*
 * What may sit between a date and its time (", ", " at ", " @ ", " ~ ")
 * or a time and its date (", ", " on ", " of ").  Returns the end, or 0
 * for nothing.
 */
static size_t
joiner(const char *s, size_t len, size_t e, const char *word)
{
	size_t k = e, q;

	if (ch(s, len, k) == ',')
		k++;
	k = skip_blanks(s, len, k);
	if ((q = word_at(s, len, k, word)))
		k = skip_blanks(s, len, q);
	else if (ch(s, len, k) == '@')
		k = skip_blanks(s, len, k + 1);
	/* "August 26 ~ 5:00 PM", a tilde between as a dash would be */
	else if (ch(s, len, k) == '~' && k > e &&
	    strcmp(word, "at") == 0)
		k = skip_blanks(s, len, k + 1);
	return k > e ? k : 0;
}

/*
 * One point: a date with an optional time, or a time with an optional
 * date.  Declared in when_int.h for the ranges of when_span.c.
 */
size_t
pm_when__point_at(const char *s, size_t len, size_t i,
    struct pm_when *w, int *mer)
{
	struct pm_when t;
	size_t e, k, p = 0;
	int iso;

	pm_when_init(&t);
	*mer = -1;
	if ((e = date_at(s, len, i, &t, &iso))) {
		if (iso && lower(ch(s, len, e)) == 't') {
			if (!(e = time_at(s, len, e + 1, &t, 1, mer)))
				return 0;
		} else if ((k = joiner(s, len, e, "at")) &&
		    (p = time_at(s, len, k, &t, iso ? 2 : 0, mer))) {
			e = p;
		}
	} else if ((e = time_at(s, len, i, &t, 0, mer))) {
		/* "14:00 on March 5", and "23.30 of Tuesday 07/07/2026" as
		 * some write it */
		if (((k = joiner(s, len, e, "on")) &&
		    (p = date_at(s, len, k, &t, &iso))) ||
		    ((k = joiner(s, len, e, "of")) &&
		    (p = date_at(s, len, k, &t, &iso))))
			e = p;
		/* "23:40 on Saturday 25 October 2025 (CEST)": the zone in
		 * brackets after the date, the night the clocks change */
		if (p == e && !t.has_zone && ch(s, len, skip_blanks(s, len,
		    e)) == '(')
			e = pm_when__zone_after(s, len, e, &t, 0);
	} else {
		return 0;
	}
	t.meridiem = t.hour >= 0 ? *mer : -1;
	*w = t;
	return e;
}

size_t
pm_when_parse(struct pm_when *out, const char *s, size_t len)
{
	int mer;

	return pm_when__point_at(s, len, skip_blanks(s, len, 0), out, &mer);
}

int
pm_when_find(struct pm_when *out, size_t *at, size_t *consumed,
    const char *s, size_t len)
{
	struct pm_when w;
	size_t i, e;
	int mer;

	for (i = 0; i < len; i++) {
		int c = lower(ch(s, len, i));

		if (!(is_digit(c) || (c >= 'a' && c <= 'z' &&
		    (POINT_LETTERS & LETTER(c)))) ||
		    !starts_clean(s, i) ||
		    !(e = pm_when__point_at(s, len, i, &w, &mer)))
			continue;
		*out = w;
		*at = i;
		*consumed = e - i;
		return 1;
	}
	return 0;
}
