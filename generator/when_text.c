/*
 * when_text.c: the forms of dates and times that the readers of this
 * module leave alone on purpose, rewritten where the words around them
 * say they are times, so that the readers can read them.
 *
 * Why a rewrite and not more readers: "14.25", "10h05" and "27.02.2024"
 * look like version numbers, durations and addresses, and only the
 * context tells them apart ("at 14.25" is a time, "upgraded from 2.10 to
 * 2.12" is not).  The readers stay strict; a caller that has the context
 * (a line of prose, a cell of a table) asks for the rewrite first, and
 * since the rewrite keeps every offset, what it finds maps back to the
 * original text byte for byte.
 */

#include <stdio.h>
#include <string.h>

#include "when_int.h"

/* Words that make "2.10" a version (stems). */
static const char *const version_words[] = {
	"version", "upgrad", "downgrad", "release", "bump", "patch"
};

/* Words after which "14.25" is a time, with those of the languages whose
 * clocks writers carry into English ("de 11h05 à 15h50", "dalle 8.30
 * alle 11.10", "von 14.05 bis 16.40 Uhr", "entre 9h00 et 11h30"). */
static const char *const time_words[] = {
	"at", "from", "to", "until", "till", "between", "and", "by", "since",
	"around", "about", "approx", "approximately", "after", "before",
	"de", "des", "desde", "das", "dalle", "dal", "von", "van", "vanaf",
	"od", "entre", "zwischen", "tussen", "\xc3\xa0", "\xc3\xa0s", "alle",
	"bis", "tot", "hasta", "at\xc3\xa9", "et", "und", "ore", "hacia"
};

static const char *const clock_words[] = { "kl", "klo", "kello", "um" };

/* Does a word starting with one of the stems occur in s? */
static int
has_version_word(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (i > 0 && is_alnum((unsigned char)s[i - 1]))
			continue;
		for (size_t k = 0; k < COUNT(version_words); k++)
			if (match(s, len, i, version_words[k]))
				return 1;
	}
	return 0;
}

/* has_version_word(), asked once: *known is -1 until then. */
static int
says_versions(int *known, const char *s, size_t len)
{
	if (*known < 0)
		*known = has_version_word(s, len);
	return *known;
}

/* Does a clause end at s[k]: a comma or semicolon, or a full stop
 * before a blank (not "2.10", not "1,000")? */
static int
clause_mark(const char *s, size_t len, size_t k)
{
	int next = ch(s, len, k + 1);

	if (s[k] == ',' || s[k] == ';')
		return !is_digit(next);
	return (s[k] == '.' || s[k] == '!' || s[k] == '?') &&
	    (next == 0 || next == ' ');
}

/* has_version_word() within the clause around s[i]: in "From 14.30 to
 * 17.50 EET on Wednesday, the web version froze" the version is another
 * clause's. */
static int
clause_says_versions(const char *s, size_t len, size_t i)
{
	size_t b = i, e = i;

	while (b > 0 && !clause_mark(s, len, b - 1))
		b--;
	while (e < len && !clause_mark(s, len, e))
		e++;
	return has_version_word(s + b, e - b);
}

/* Is the word ending at s[e] a month's name or abbreviation? */
static int
month_ends_at(const char *s, size_t e)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	size_t w = e;

	while (w > 0 && is_alpha((unsigned char)s[w - 1]))
		w--;
	if (e - w < 3 || (w > 0 && is_alnum((unsigned char)s[w - 1])))
		return 0;
	for (size_t m = 0; m < 12; m++)
		if (lower(s[w]) == months[3 * m] &&
		    lower(s[w + 1]) == months[3 * m + 1] &&
		    lower(s[w + 2]) == months[3 * m + 2])
			return 1;
	return 0;
}

/*
 * Does the year of a written date end at s[e]: "8 December 2025",
 * "December 8, 2025", "Dec 8th, 2025"?  A four-digit number alone may be
 * anything ("item 2025, 10.15").
 */
static int
date_year_ends_at(const char *s, size_t e)
{
	size_t k;

	if (e < 4 || (e > 4 && is_alnum((unsigned char)s[e - 5])))
		return 0;
	for (k = e - 4; k < e; k++)
		if (!is_digit((unsigned char)s[k]))
			return 0;
	k = e - 4;
	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == ','))
		k--;
	/* the day between the month and the year, with its "th" */
	if (k >= 3 && is_alpha((unsigned char)s[k - 1]) &&
	    is_alpha((unsigned char)s[k - 2]) &&
	    is_digit((unsigned char)s[k - 3]))
		k -= 2;
	if (k > 0 && is_digit((unsigned char)s[k - 1])) {
		while (k > 0 && is_digit((unsigned char)s[k - 1]))
			k--;
		while (k > 0 && s[k - 1] == ' ')
			k--;
	}
	return month_ends_at(s, k);
}

/*
 * Is the number at i written where a time is expected?  2: at the start
 * of the text or of a table cell, or after a dash; 1: after a word such
 * as "at", or after a date and its comma; 0: no.
 */
static int
time_context(const char *s, size_t i)
{
	size_t k = i, w, e;

	while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '(' ||
	    s[k - 1] == '[' || s[k - 1] == '~' || s[k - 1] == '*'))
		k--;
	if (k == 0 || s[k - 1] == '\t' || s[k - 1] == '-' ||
	    (unsigned char)s[k - 1] == 0x93 || (unsigned char)s[k - 1] == 0x94)
		return 2;
	if (s[k - 1] == ',' && date_year_ends_at(s, k - 1))
		return 1;
	/* "kl. 07.40", "klo 14.05", "um 14.05 Uhr": the Nordic and German
	 * words for "o'clock" say time as surely as a line's start does */
	e = k > 0 && s[k - 1] == '.' ? k - 1 : k;
	for (w = e; w > 0 && (is_alnum((unsigned char)s[w - 1]) ||
	    (unsigned char)s[w - 1] >= 0x80); w--)
		;
	for (size_t p = 0; p < COUNT(clock_words); p++)
		if (word_at(s, e, w, clock_words[p]) == e)
			return 2;
	for (size_t p = 0; p < COUNT(time_words); p++)
		if (word_at(s, k, w, time_words[p]) == k)
			return 1;
	return 0;
}

/* "2023–02–04", an ISO date a word processor gave en dashes, at s[i]:
 * its end, or 0.  Same length as "    2023-02-04". */
static size_t
en_dash_date(const char *s, size_t len, size_t i)
{
	static const char dash[] = "\xe2\x80\x93";
	static const int digit_at[] = { 0, 1, 2, 3, 7, 8, 12, 13 };

	if (i + 14 > len || memcmp(s + i + 4, dash, 3) != 0 ||
	    memcmp(s + i + 9, dash, 3) != 0 ||
	    (i + 14 < len && is_alnum((unsigned char)s[i + 14])))
		return 0;
	for (size_t k = 0; k < COUNT(digit_at); k++)
		if (!is_digit((unsigned char)s[i + digit_at[k]]))
			return 0;
	return i + 14;
}

/* "2018 October 21" at s[i]: its end, or 0. */
static size_t
year_first(const char *s, size_t len, size_t i)
{
	static const char months[] = "janfebmaraprmayjunjulaugsepoctnovdec";
	size_t k, w, n, m;
	int v;

	if ((i > 0 && (is_alnum((unsigned char)s[i - 1]) || s[i - 1] == '-' ||
	    s[i - 1] == '/' || s[i - 1] == '.')) || digit_run(s, len, i,
	    &v) != 4 || i + 5 >= len || s[i + 4] != ' ')
		return 0;
	for (w = i + 5, k = w; k < len && is_alpha((unsigned char)s[k]); k++)
		;
	if (k - w < 3 || k >= len || s[k] != ' ')
		return 0;
	for (m = 0; m < 12; m++)
		if (lower(s[w]) == months[3 * m] &&
		    lower(s[w + 1]) == months[3 * m + 1] &&
		    lower(s[w + 2]) == months[3 * m + 2])
			break;
	n = digit_run(s, len, k + 1, &v);
	if (m == 12 || n < 1 || n > 2 || v < 1 || v > 31 ||
	    is_alnum(ch(s, len, k + 1 + n)))
		return 0;
	return k + 1 + n;
}

/* Does s[e] end a date: no letter or digit, nor a '.' or '-' and a digit
 * ("2024.10.16.1" is a version, "14-08-2024-17" a ticket)? */
static int
date_ends(const char *s, size_t len, size_t e)
{
	int c = ch(s, len, e);

	return !is_alnum(c) && !((c == '.' || c == '-') &&
	    is_digit(ch(s, len, e + 1)));
}

/* "YYYY.M.D" at s[i], a year of 1970-2099: its end, or 0. */
static size_t
ymd_dots(const char *s, size_t len, size_t i)
{
	size_t n, k;
	int y, m, d;

	if (digit_run(s, len, i, &y) != 4 || y < 1970 || y > 2099 ||
	    ch(s, len, i + 4) != '.' ||
	    (n = digit_run(s, len, i + 5, &m)) < 1 || n > 2 ||
	    ch(s, len, i + 5 + n) != '.')
		return 0;
	k = i + 6 + n;
	if ((n = digit_run(s, len, k, &d)) < 1 || n > 2 || m < 1 || m > 12 ||
	    d < 1 || d > 31 || !date_ends(s, len, k + n))
		return 0;
	return k + n;
}

/* A clock at s[k], "09:00" or "9.00": its end, or 0. */
static size_t
dotted_clock_at(const char *s, size_t len, size_t k)
{
	size_t n;
	int h, m;

	n = digit_run(s, len, k, &h);
	if (n < 1 || n > 2 || h > 23 || (ch(s, len, k + n) != ':' &&
	    ch(s, len, k + n) != '.') ||
	    digit_run(s, len, k + n + 1, &m) != 2 || m > 59)
		return 0;
	return k + n + 3;
}

/* A clock after the one blank at s[j], and no digit after it? */
static int
clock_after(const char *s, size_t len, size_t j)
{
	size_t e;

	return ch(s, len, j) == ' ' &&
	    (e = dotted_clock_at(s, len, j + 1)) != 0 &&
	    !is_digit(ch(s, len, e));
}

/*
 * "15.12. 22:00": a day and a month without the year, each ending in its
 * point, as German and Finnish writers date a timeline entry; only
 * before a clock, where "15.12." cannot be a time ending a sentence.
 * The digits (a of them, value d, then b, value m) are at s[i]; the end
 * of the last point, or 0.  "5.3." is left alone: "5 Mar" is longer.
 */
static size_t
day_month_dots(const char *s, size_t len, size_t i, size_t a, int d,
    size_t b, int m)
{
	size_t e = i + a + 1 + b, k = e + 2, w;

	/* "D Mon" needs the month's two digits; "at 10.05. 14:00" is two
	 * times */
	if (b != 2 || d < 1 || d > 31 || m < 1 || m > 12 ||
	    ch(s, len, e) != '.' || ch(s, len, e + 1) != ' ' ||
	    time_context(s, i) == 1)
		return 0;
	/* "ti 1.12. klo 9.05" */
	for (size_t p = 0; p < COUNT(clock_words); p++)
		if ((w = word_at(s, len, k, clock_words[p])) != 0) {
			w += ch(s, len, w) == '.';
			if (ch(s, len, w) == ' ')
				k = w + 1;
			break;
		}
	return dotted_clock_at(s, len, k) ? e + 1 : 0;
}

/* "21. 2. 2025", day. month. year as Czech and Slovak writers space it,
 * at s[i], whose a digits say d: its end, or 0. */
static size_t
dmy_spaced(const char *s, size_t len, size_t i, size_t a, int d)
{
	size_t k = i + a, n;
	int m, y;

	if (a > 2 || d < 1 || d > 31 || ch(s, len, k) != '.' ||
	    ch(s, len, k + 1) != ' ' ||
	    (n = digit_run(s, len, k + 2, &m)) < 1 || n > 2 || m < 1 ||
	    m > 12 || ch(s, len, k + 2 + n) != '.' ||
	    ch(s, len, k + 3 + n) != ' ' ||
	    digit_run(s, len, k + 4 + n, &y) != 4 || y < 1970 ||
	    is_alnum(ch(s, len, k + 8 + n)))
		return 0;
	return k + 8 + n;
}

/* "D-M-YYYY" at s[i], either of the first two up to 12 and a year of
 * 1970-2099: its end, or 0. */
static size_t
dmy_dashes(const char *s, size_t len, size_t i)
{
	size_t na, nb, k;
	int a, b, y;

	if ((na = digit_run(s, len, i, &a)) < 1 || na > 2 ||
	    ch(s, len, i + na) != '-' ||
	    (nb = digit_run(s, len, i + na + 1, &b)) < 1 || nb > 2 ||
	    ch(s, len, i + na + 1 + nb) != '-')
		return 0;
	k = i + na + nb + 2;
	if (digit_run(s, len, k, &y) != 4 || y < 1970 || y > 2099 ||
	    a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12) ||
	    !date_ends(s, len, k + 4))
		return 0;
	return k + 4;
}

/* Is am/pm ("pm", "a.m.") after the blanks at s[k]? */
static int
meridiem_next(const char *s, size_t len, size_t k)
{
	int c;

	k = skip_blanks(s, len, k);
	c = lower(ch(s, len, k));
	return (c == 'a' || c == 'p') && (lower(ch(s, len, k + 1)) == 'm' ||
	    ch(s, len, k + 1) == '.');
}

/*
 * The end of the unit written after a clock that ends at s[j], or 0:
 * "14:02h", "10:30 hrs", the German "Uhr", the Dutch "uur", the
 * Argentine "hs", and "14:10ish" or "10:30-ish", a time said roughly.
 */
static size_t
clock_unit_end(const char *s, size_t len, size_t j)
{
	static const char *const units[] = { "hrs", "uhr", "uur", "hs" };
	size_t e = 0;

	if (ch(s, len, j) == 'h' && !is_alnum(ch(s, len, j + 1)))
		return j + 1;
	if (ch(s, len, j) == 'i')
		return word_at(s, len, j, "ish");
	if (ch(s, len, j) == '-' && ch(s, len, j + 1) == 'i')
		return word_at(s, len, j + 1, "ish");
	for (size_t k = 0; k < COUNT(units) && !e && ch(s, len, j) == ' '; k++)
		e = word_at(s, len, j + 1, units[k]);
	return e;
}

/* The end of the unit written onto four digits that end at s[j] and
 * make them a clock, the military way: "2110h", "1500hrs"; or 0.  With a
 * blank between ("1310 to 1550 hrs") the range reader takes them as they
 * are. */
static size_t
military_end(const char *s, size_t len, size_t j)
{
	if (ch(s, len, j) == 'h' && !is_alnum(ch(s, len, j + 1)))
		return j + 1;
	return word_at(s, len, j, "hrs");
}

/* "2 h 15 min": a unit of minutes after the blanks at s[k] makes "2 h
 * 15" a duration. */
static int
minutes_unit_at(const char *s, size_t len, size_t k)
{
	static const char *const units[] = {
		"min", "mins", "min.", "minute", "minutes", "m"
	};

	k = skip_blanks(s, len, k);
	for (size_t n = 0; n < COUNT(units); n++)
		if (word_at(s, len, k, units[n]))
			return 1;
	return 0;
}

/* The minutes of a clock the writer could not read at s[k], after its
 * colon: a tens digit and "x" or "?" ("15:1x"), or two of them ("13:??");
 * their end, or 0. */
static size_t
unread_minutes(const char *s, size_t len, size_t k)
{
	int a = ch(s, len, k), b = ch(s, len, k + 1);
	int unread_b = b == 'x' || b == 'X' || b == '?';

	if (!unread_b || (!(a >= '0' && a <= '5') && a != b))
		return 0;
	return is_alnum(ch(s, len, k + 2)) || ch(s, len, k + 2) == '?' ?
	    0 : k + 2;
}

int
pm_when_rewrite(char *out, const char *s, size_t len)
{
	size_t i, a, b, c, j, e;
	int h, m, y, changed = 0, ctx, sep;
	/* "upgraded from 2.10 to 2.12" names versions, not times; asked
	 * only of a line with a dotted number, which few lines have */
	int versions = -1;

	memcpy(out, s, len);
	for (i = 0; i < len; i++) {
		/* every form below starts a word or a number: most bytes
		 * are inside a word, and this loop is run on every line */
		if (i > 0 && is_alnum((unsigned char)s[i - 1]))
			continue;
		if ((e = en_dash_date(s, len, i)) != 0) {
			memset(out + i, ' ', 4);
			memcpy(out + i + 4, s + i, 4);
			out[i + 8] = '-';
			memcpy(out + i + 9, s + i + 7, 2);
			out[i + 11] = '-';
			memcpy(out + i + 12, s + i + 12, 2);
			i = e - 1;
			changed = 1;
			continue;
		}
		if ((e = year_first(s, len, i)) != 0) {
			/* "2018 October 21" -> "October 21 2018" */
			memcpy(out + i, s + i + 5, e - i - 5);
			out[e - 5] = ' ';
			memcpy(out + e - 4, s + i, 4);
			i = e;
			changed = 1;
			continue;
		}
		/* "H+2:30 (2:30 pm)": an offset, not a clock said twice */
		if (i > 0 && s[i - 1] == '+')
			e = 0;
		else if ((e = pm_when__clock_words_at(s, len, i, &h, &m,
		    &ctx)) == 0 && is_digit((unsigned char)s[i]) &&
		    (a = pm_when__rough_clock_at(s, len, i, &h, &m)) != 0 &&
		    (j = pm_when__restated_at(s, len, a, h, m)) != 0) {
			i = pm_when__take_restated(out, s, len, i, j);
			changed = 1;
			continue;
		}
		if (e != 0 &&
		    (j = pm_when__restated_at(s, len, e, h, m)) != 0) {
			i = pm_when__take_restated(out, s, len, i, j);
			changed = 1;
			continue;
		}
		if (e != 0) {
			/* "half past two in the afternoon" -> "2:30 pm",
			 * blanks after, so that a range's end takes the pm:
			 * the shortest phrase, "half past 1", has room.  A
			 * label's hour alone ("six —", "six:") takes the
			 * blank or colon after it too. */
			char t[16];
			int n = snprintf(t, sizeof(t), "%d:%02d%s", h, m,
			    ctx < 0 ? "" : ctx ? " pm" : " am");

			if ((size_t)n > e - i && (e >= len || (size_t)n >
			    e + 1 - i || (s[e] != ' ' && s[e] != ':')))
				continue;
			memset(out + i, ' ', e - i);
			memcpy(out + i, t, (size_t)n);
			i = e - 1;
			changed = 1;
			continue;
		}
		/* "from h. 8:30 to h. 11:10", the Italian "ore": the clock
		 * needs no word, and a range reads on without it */
		if (s[i] == 'h' && (i == 0 || !is_alnum((unsigned char)s[i -
		    1])) && ch(s, len, i + 1) == '.' &&
		    ch(s, len, i + 2) == ' ' &&
		    (a = digit_run(s, len, i + 3, &h)) >= 1 && a <= 2 &&
		    (ch(s, len, i + 3 + a) == ':' ||
		    ch(s, len, i + 3 + a) == '.') &&
		    digit_run(s, len, i + 4 + a, &m) == 2) {
			out[i] = out[i + 1] = ' ';
			i += 2;
			changed = 1;
			continue;
		}
		if (!is_digit((unsigned char)s[i]) || (i > 0 &&
		    (is_alnum((unsigned char)s[i - 1]) || s[i - 1] == '.' ||
		    s[i - 1] == ',' || s[i - 1] == ':')))
			continue;
		a = digit_run(s, len, i, &h);
		sep = ch(s, len, i + a);
		/* "14H47", typed with the shift key still down */
		if (sep == 'H' && is_digit(ch(s, len, i + a + 1)))
			sep = 'h';
		/* "6 h 40", the French way, where a time is expected: "6:40"
		 * and two blanks ("durée : 2 h 35" is a duration) */
		if (a >= 1 && a <= 2 && sep == ' ' &&
		    ch(s, len, i + a + 1) == 'h' &&
		    ch(s, len, i + a + 2) == ' ' &&
		    digit_run(s, len, i + a + 3, &m) == 2 &&
		    !is_alnum(ch(s, len, i + a + 5)) && h <= 23 && m <= 59 &&
		    !minutes_unit_at(s, len, i + a + 5) &&
		    time_context(s, i) > 0) {
			out[i + a] = ':';
			memcpy(out + i + a + 1, s + i + a + 3, 2);
			memset(out + i + a + 3, ' ', 2);
			i += a + 4;
			changed = 1;
			continue;
		}
		if ((e = ymd_dots(s, len, i)) != 0 &&
		    !says_versions(&versions, s, len)) {
			/* "2024.10.16", the East Asian way: "2024-10-16" */
			for (j = i; j < e; j++)
				if (out[j] == '.')
					out[j] = '-';
			i = e;
			changed = 1;
			continue;
		}
		if (a >= 1 && a <= 2 && sep == '/' && h >= 1 && h <= 31 &&
		    month_ends_at(s, i + a + 4) && !is_alpha(ch(s, len,
		    i + a + 4))) {
			/* "10/Jul", as Jira writes a day: "10 Jul" */
			out[i + a] = ' ';
			i += a + 3;
			changed = 1;
			continue;
		}
		if ((i == 0 || s[i - 1] != '-') &&
		    (e = dmy_dashes(s, len, i)) != 0) {
			/* "14-08-2024": "14/08/2024", whose order the slash
			 * rules settle */
			for (j = i; j < e - 4; j++)
				if (out[j] == '-')
					out[j] = '/';
			i = e;
			changed = 1;
			continue;
		}
		if (a == 4 && (e = military_end(s, len, i + 4)) != 0 &&
		    h / 100 <= 23 && h % 100 <= 59) {
			/* "2110h", "1500 hrs": "21:10", "15:00" */
			out[i + 2] = ':';
			memcpy(out + i + 3, s + i + 2, 2);
			memset(out + i + 5, ' ', e - i - 5);
			i = e - 1;
			changed = 1;
			continue;
		}
		if ((e = dmy_spaced(s, len, i, a, h)) != 0) {
			/* "21. 2. 2025": "2025-2-21", blanks after */
			char t[16];
			int n = 4;

			memcpy(t, s + e - 4, 4);
			t[n++] = '-';
			for (j = i + a + 2; is_digit(ch(s, len, j)); j++)
				t[n++] = s[j];
			t[n++] = '-';
			memcpy(t + n, s + i, a);
			n += (int)a;
			/* "21. 2. 2025, 21:24": the comma kept after it */
			if (ch(s, len, e) == ',')
				t[n++] = s[e++];
			memset(out + i, ' ', e - i);
			memcpy(out + i, t, (size_t)n);
			i = e - 1;
			changed = 1;
			continue;
		}
		if (a == 2 && h <= 23 && sep == ':' &&
		    (e = unread_minutes(s, len, i + a + 1)) != 0) {
			/* "15:1x", "19:2?", "13:??": the start of the ten
			 * minutes, or of the hour, the writer could give;
			 * two digits of hour, as a log writes it ("3:1x"
			 * may be a ratio) */
			for (j = i + a + 1; j < e; j++)
				if (!is_digit((unsigned char)s[j]))
					out[j] = '0';
			i = e - 1;
			changed = 1;
			continue;
		}
		if ((e = pm_when__ish_label_at(s, len, i, &h)) != 0) {
			/* "10-ish — text": "10:00" */
			char t[8];
			int n = snprintf(t, sizeof(t), "%d:00", h);

			memset(out + i, ' ', e - i);
			memcpy(out + i, t, (size_t)n);
			i = e - 1;
			changed = 1;
			continue;
		}
		if (a < 1 || a > 2 || (sep != '.' && sep != ':' &&
		    sep != 'h') || (b = digit_run(s, len, i + a + 1,
		    &m)) < 1 || b > 2)
			continue;
		j = i + a + 1 + b;
		if (sep == '.' && ch(s, len, j) == '.' && (c = digit_run(s,
		    len, j + 1, &y)) == 4 && !is_alnum(ch(s, len, j + 5)) &&
		    h >= 1 && h <= 31 && m >= 1 && m <= 12) {
			/* D.M.YYYY -> YYYY-M-D, the widths kept */
			memcpy(out + i, s + j + 1, 4);
			out[i + 4] = '-';
			memcpy(out + i + 5, s + i + a + 1, b);
			out[i + 5 + b] = '-';
			memcpy(out + i + 6 + b, s + i, a);
			i = j + 4;
			changed = 1;
			continue;
		}
		if (sep == '.' && (e = day_month_dots(s, len, i, a, h, b,
		    m)) != 0) {
			/* "15.12. 22:00" -> "15 Dec 22:00" */
			static const char names[] =
			    "JanFebMarAprMayJunJulAugSepOctNovDec";

			memset(out + i, ' ', e - i);
			memcpy(out + i, s + i, a);
			memcpy(out + i + a + 1, names + 3 * (m - 1), 3);
			i = e;
			changed = 1;
			continue;
		}
		/* "29.02 00:00 —": a timeline's day and month before its
		 * clock, left for the entry's reader (x_entry_at) */
		if (sep == '.' && a == 2 && b == 2 && h >= 1 && h <= 31 &&
		    m >= 1 && m <= 12 && clock_after(s, len, j))
			continue;
		if (sep == ':' && b == 2 && h <= 23 && m <= 59) {
			/* "14:02h", "10:30 hrs", "09:15 Uhr": blank the unit;
			 * "14:10ish" is a time too, said roughly */
			if ((e = clock_unit_end(s, len, j)) != 0) {
				memset(out + j, ' ', e - j);
				i = e;
				changed = 1;
			}
			continue;
		}
		if (sep == ':' || b != 2 || h > 23 || m > 59 ||
		    ch(s, len, j) == '.' || ch(s, len, j) == '%' ||
		    is_digit(ch(s, len, j)) || (sep == 'h' &&
		    is_alpha(ch(s, len, j)) && !meridiem_next(s, len, j)))
			continue;
		/* "14.25" and "10h05": only where a time is expected, and
		 * "2.10" not in a clause about versions */
		ctx = time_context(s, i);
		if (!meridiem_next(s, len, j) && ctx != 2 && !(ctx == 1 &&
		    (sep == 'h' || !clause_says_versions(s, len, i))))
			continue;
		out[i + a] = ':';
		/* "08.15 uur and 10.45 uur": the range reads on */
		if (sep == '.' && (e = clock_unit_end(s, len, j)) != 0) {
			memset(out + j, ' ', e - j);
			j = e;
		}
		i = j;
		changed = 1;
	}
	return changed;
}
