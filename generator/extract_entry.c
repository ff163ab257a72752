/*
 * extract_entry.c: where a timeline entry starts.  The time at the start
 * of a line in the shapes people write it ("10:00 AM: text", "**09:12**",
 * "[10:00] text", "T+4 (09:16 EDT) text"), a time column of a table and
 * its cells, and the header line of a pasted chat message; the timeline
 * itself is put together by extract_timeline.c.
 */
#include "extract_int.h"
#include "extract_share.h"

#include <string.h>

/* Was am or pm (or noon, midnight) written in s? */
int
x_has_meridiem(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		int c = x_lower((unsigned char)s[i]), k = (int)i + 1;

		if (x_phrase_at(s, len, i, "noon") ||
		    x_phrase_at(s, len, i, "midnight"))
			return 1;
		if ((c != 'a' && c != 'p') || (i > 0 &&
		    x_alnum((unsigned char)s[i - 1]) &&
		    !(s[i - 1] >= '0' && s[i - 1] <= '9')))
			continue;
		if ((size_t)k < len && s[k] == '.')
			k++;
		if ((size_t)k < len && x_lower((unsigned char)s[k]) == 'm' &&
		    ((size_t)k + 1 >= len ||
		    !x_alnum((unsigned char)s[k + 1])))
			return 1;
	}
	return 0;
}

int
x_is_dash(const char *s, size_t len, size_t i, size_t *end)
{
	if (i < len && (s[i] == '-' || s[i] == '|' || s[i] == ':' ||
	    s[i] == ',' || s[i] == '>' || s[i] == '~')) {
		*end = i + 1;
		if (s[i] == '-' && i + 1 < len && (s[i + 1] == '>' ||
		    s[i + 1] == '-'))
			(*end)++;
		return 1;
	}
	/* en dash, em dash, right arrow */
	if (i + 2 < len && (unsigned char)s[i] == 0xe2 &&
	    (((unsigned char)s[i + 1] == 0x80 &&
	    ((unsigned char)s[i + 2] == 0x93 ||
	    (unsigned char)s[i + 2] == 0x94)) ||
	    ((unsigned char)s[i + 1] == 0x86 &&
	    (unsigned char)s[i + 2] == 0x92))) {
		*end = i + 3;
		return 1;
	}
	return 0;
}

size_t
x_skip_blanks(const char *s, size_t len, size_t i)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i;
}

size_t
x_unknown_time(const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && n < 3 && s[n] == '?')
		n++;
	return n;
}

/* One of units at s[i], glued to its number or not ("7m", "15 min"),
 * and to the minutes after it when digits may follow ("1h25m"): its end,
 * or 0. */
static size_t
unit_at(const char *s, size_t len, size_t i, const char *const *units,
    int digits)
{
	for (; *units; units++) {
		size_t n = strlen(*units), k;
		int c;

		for (k = 0; k < n && i + k < len &&
		    x_lower((unsigned char)s[i + k]) == (*units)[k]; k++)
			;
		c = i + n < len ? (unsigned char)s[i + n] : ' ';
		if (k == n && !(x_alnum(c) && !(digits && c >= '0' &&
		    c <= '9')))
			return i + n;
	}
	return 0;
}

/* "0:45", "01:05", "2:30" at s[j] (hours, a colon, two digits of
 * minutes, not a third): the end, with the minutes; or 0. */
static size_t
hours_minutes_at(const char *s, size_t len, size_t j, long *minutes)
{
	long h = 0;
	size_t k = j;

	while (k < len && k < j + 2 && s[k] >= '0' && s[k] <= '9')
		h = h * 10 + (s[k++] - '0');
	if (k == j || k + 2 >= len || s[k] != ':' || s[k + 1] < '0' ||
	    s[k + 1] > '5' || s[k + 2] < '0' || s[k + 2] > '9' ||
	    (k + 3 < len && s[k + 3] >= '0' && s[k + 3] <= '9'))
		return 0;
	*minutes = h * 60 + (s[k + 1] - '0') * 10 + (s[k + 2] - '0');
	return k + 3;
}

/* "0", "7m", "1h25m", "1 h 25 min", "15 min" at s[j]: the end, with the
 * minutes; a number without a unit is minutes, and a bare number after
 * hours too; an offset in hours and minutes ("+0:45", "T+1:20") too.
 * 0 when there is no number, or no unit and unit_needed. */
static size_t
offset_at(const char *s, size_t len, size_t j, long *minutes,
    int unit_needed)
{
	static const char *const hours[] = { "hours", "hour", "hrs", "hr",
	    "h", NULL };
	static const char *const mins[] = { "minutes", "minute", "mins",
	    "min", "m", NULL };
	size_t e;
	long v;
	int read = 0, hours_read = 0, unit = 0;

	if ((e = hours_minutes_at(s, len, j, minutes)) != 0)
		return e;
	*minutes = 0;
	while (j < len && s[j] >= '0' && s[j] <= '9') {
		for (v = 0; j < len && s[j] >= '0' && s[j] <= '9' &&
		    v < 100000; j++)
			v = v * 10 + (s[j] - '0');
		read = 1;
		if (!hours_read && (e = unit_at(s, len,
		    x_skip_blanks(s, len, j), hours, 1)) != 0) {
			*minutes += v * 60;
			j = x_skip_blanks(s, len, e);
			hours_read = unit = 1;
			continue;
		}
		if ((e = unit_at(s, len, x_skip_blanks(s, len, j), mins,
		    0)) != 0)
			j = e, unit = 1;
		*minutes += v;
		break;		/* the minutes end it */
	}
	return read && (unit || !unit_needed) ? j : 0;
}

size_t
x_relative_at(const char *s, size_t len, size_t i, long *minutes)
{
	size_t j, k;
	long sign = 1;

	/* "T+7m", and "H+0:20" as the military write it */
	if (i + 2 >= len || (s[i] != 'T' && s[i] != 't' && s[i] != 'H'))
		return 0;
	j = i + 1;
	/* "H — Sale opens": T0 itself, named alone before a dash */
	if ((s[i] == 'T' || s[i] == 'H') && s[j] == ' ' &&
	    (k = x_skip_blanks(s, len, j)) < len && (s[k] == '-' ||
	    (unsigned char)s[k] == 0xe2) && x_is_dash(s, len, k, &k)) {
		*minutes = 0;
		return j;
	}
	if (s[j] == '+')
		j++;
	else if (s[j] == '-')
		j++, sign = -1;
	else if (j + 3 <= len && memcmp(s + j, "\xe2\x88\x92", 3) == 0)
		j += 3, sign = -1;	/* U+2212 MINUS SIGN */
	else
		return 0;
	if ((k = offset_at(s, len, j, minutes, 0)) == 0)
		return 0;
	/* "H+1", "H+6": the H-hour's offsets are hours but for the
	 * minutes of "H+0:20" */
	if (s[i] == 'H' && x_alnum((unsigned char)s[k - 1]) &&
	    hours_minutes_at(s, len, j, minutes) == 0 &&
	    strspn(s + j, "0123456789") == k - j)
		*minutes *= 60;
	*minutes *= sign;
	return k;
}

size_t
x_later_at(const char *s, size_t len, size_t i, long *minutes)
{
	static const char *const rough[] = {
		"~", "about", "around", "roughly", "approx.", "approx",
		"some", NULL
	};
	size_t j, e;

	if (i < len && s[i] == '+')
		return offset_at(s, len, i + 1, minutes, 0);
	if ((e = x_phrase_at_any(s, len, i, rough)) != 0)
		i = x_skip_blanks(s, len, e);
	if ((j = offset_at(s, len, i, minutes, 1)) == 0 ||
	    (e = x_phrase_at(s, len, x_skip_blanks(s, len, j), "later")) == 0)
		return 0;
	return e;
}

/*
 * "T+4 (09:16 EDT)", "T−6 min (09:06)", "T+1h [10:12]": a time relative to
 * the start, with the clock time in brackets after it.  Returns where the
 * clock time starts, or 0.  A relative time alone ("T+38 min") is read by
 * the timeline only when the document says when T0 was.
 */
static size_t
relative_lead(const char *s, size_t len, size_t i)
{
	long minutes;
	size_t j = x_relative_at(s, len, i, &minutes);

	/* "40 mins later (22:10)", "+5m (20:15)" */
	if (j == 0)
		j = x_later_at(s, len, i, &minutes);

	if (j == 0)
		return 0;
	j = x_skip_blanks(s, len, j);
	return j < len && (s[j] == '(' || s[j] == '[') ?
	    x_skip_blanks(s, len, j + 1) : 0;
}

/* "Day 2, " before a time ("Day 2, 03:00 — Redemptions peak"): its end,
 * or 0.  The entries' order dates the time, a turn past midnight being
 * the next day, as for times alone. */
static size_t
day_count_lead(const char *s, size_t len, size_t i)
{
	size_t e = x_phrase_at(s, len, i, "day"), d;

	if (e == 0)
		return 0;
	d = e = x_skip_blanks(s, len, e);
	while (e < len && e < d + 2 && s[e] >= '0' && s[e] <= '9')
		e++;
	if (e == d || (e < len && x_alnum((unsigned char)s[e])))
		return 0;
	if (e + 1 < len && (s[e] == ',' || s[e] == ':') && s[e + 1] == ' ')
		e++;
	return x_skip_blanks(s, len, e);
}

/* "4th, " after a weekday: the day of the month, and the start of what
 * follows it; 0 when there is none. */
static size_t
ordinal_day_at(const char *s, size_t len, size_t i, int *day)
{
	static const char *const suffixes[] = { "st", "nd", "rd", "th" };
	size_t j = i;
	int d = 0;

	while (j < len && j < i + 2 && s[j] >= '0' && s[j] <= '9')
		d = d * 10 + s[j++] - '0';
	if (j == i || d < 1 || d > 31 || j + 2 > len)
		return 0;
	for (size_t k = 0; k < XCOUNT(suffixes); k++)
		if (x_lower((unsigned char)s[j]) == suffixes[k][0] &&
		    x_lower((unsigned char)s[j + 1]) == suffixes[k][1] &&
		    (j + 2 == len || !x_alnum((unsigned char)s[j + 2]))) {
			j += 2;
			if (j < len && s[j] == ',')
				j++;
			*day = d;
			return x_skip_blanks(s, len, j);
		}
	return 0;
}

/* "29.02 00:00 —": a day and a month, dotted, before an entry's clock
 * (when.c reads no dotted date: versions look like them; "15.12. 22:00",
 * with its point, pm_when_rewrite() has made "15 Dec"); the start of
 * what follows, or 0. */
static size_t
dotted_day_at(const char *s, size_t len, size_t i, int *day, int *month)
{
	size_t j = i + 5;

	if (j >= len || s[i + 2] != '.')
		return 0;
	for (size_t k = i; k < j; k++)
		if (k != i + 2 && (s[k] < '0' || s[k] > '9'))
			return 0;
	*day = (s[i] - '0') * 10 + s[i + 1] - '0';
	*month = (s[i + 3] - '0') * 10 + s[i + 4] - '0';
	if (*day < 1 || *day > 31 || *month < 1 || *month > 12 ||
	    j >= len || s[j] != ' ')
		return 0;
	return x_skip_blanks(s, len, j);
}

/*
 * "15h — Ticket opened": Quebec and France write a whole hour as "15h".
 * Alone, "24h" or "36h" is as often a length, so the hour counts only
 * before the dash of an entry.
 */
static size_t
bare_hour_at(const char *s, size_t len, struct pm_when *w)
{
	size_t i = 0, e;
	int h = 0;

	while (i < len && i < 2 && s[i] >= '0' && s[i] <= '9')
		h = h * 10 + s[i++] - '0';
	if (i == 0 || h > 23 || i >= len || s[i] != 'h' ||
	    (i + 1 < len && x_alnum((unsigned char)s[i + 1])) ||
	    !x_is_dash(s, len, x_skip_blanks(s, len, i + 1), &e))
		return 0;
	pm_when_init(w);
	w->hour = h;
	w->minute = 0;
	return i + 1;
}

/* Past the longest of the leads at s[i] ("at around" over "at") and the
 * blanks after it; i when none is there. */
static size_t
after_lead(const char *s, size_t len, size_t i, const char *const *lead)
{
	size_t j = i, e;
	int c = i < len ? x_lower((unsigned char)s[i]) : 0;

	/* asked of every line, most of which open with a digit: a lead is
	 * refused on its first letter before it is matched */
	for (size_t k = 0; lead[k]; k++)
		if (lead[k][0] == c && (e = x_phrase_at(s, len, i,
		    lead[k])) > j)
			j = e;
	return j > i ? x_skip_blanks(s, len, j) : i;
}

/* Does a dash or a colon, then blanks, end s[0, j)? */
static int
after_dash(const char *s, size_t j)
{
	while (j > 0 && s[j - 1] == ' ')
		j--;
	return j > 0 && (s[j - 1] == '-' || s[j - 1] == ':' ||
	    (j >= 3 && (unsigned char)s[j - 3] == 0xe2 &&
	    (unsigned char)s[j - 2] == 0x80 &&
	    ((unsigned char)s[j - 1] == 0x93 ||
	    (unsigned char)s[j - 1] == 0x94)));
}

/* A short note in brackets at s[j] and the dash after it, which set the
 * entry's time off its text: where the text starts, or 0. */
static size_t
note_before_dash(const char *s, size_t len, size_t j)
{
	const char *close;
	size_t k, e;

	if (j >= len || s[j] != '(' ||
	    (close = memchr(s + j, ')', len - j < 40 ? len - j : 40)) == NULL)
		return 0;
	k = x_skip_blanks(s, len, (size_t)(close - s) + 1);
	return x_is_dash(s, len, k, &e) ? x_skip_blanks(s, len, e) : 0;
}

/* "(+0.06)", "(T+1:05)", "(+45m)" at s[j]: an entry's time counted
 * from the start of the incident; the end after ')', or 0. */
static size_t
elapsed_restated(const char *s, size_t len, size_t j)
{
	size_t k = j + 1, d;

	if (j >= len || s[j] != '(')
		return 0;
	if (k < len && (s[k] == 'T' || s[k] == 't'))
		k++;
	if (k >= len || (s[k] != '+' && s[k] != '-'))
		return 0;
	for (d = ++k; k < len && k - d < 8 && ((s[k] >= '0' && s[k] <= '9') ||
	    s[k] == '.' || s[k] == ':' || s[k] == 'h' || s[k] == 'm'); k++)
		;
	return k > d && s[d] >= '0' && s[d] <= '9' && k < len &&
	    s[k] == ')' ? k + 1 : 0;
}

/*
 * A timeline entry at the start of s: its point, whether am/pm was
 * written, and where its text starts.  Returns 0 when s does not start
 * with a time (or a day) followed by some text.
 */
int
x_entry_at(const char *s, size_t len, struct pm_when *w, int *mer,
    size_t *text)
{
	static const char *const lead[] = {
		"at", "around", "about", "approx", "approximately", "by",
		"~", "at approximately", "at around", "roughly", "circa",
		"at like", "like",
		/* "Just before 11:00:", a time said roughly */
		"just before", "just after", "shortly before",
		"shortly after", "a bit after", "a little after",
		"a little before",
		/* "c. 09:40", "ca. 10:15": circa cut short */
		"c.", "ca.",
		/* "between 10:05 and 10:10 (logs disagree) —": the first */
		"between", "sometime between", "some time between",
		"sometime around", "sometime after", "sometime before",
		/* "kl. 07.40", "klo 14.05": Nordic for "o'clock" */
		"kl.", "kl", "klo", NULL
	};
	size_t i = 0, n, j, e, k;
	struct pm_when w2;
	int tick = 0, wd, mday, mon, between;

	i = x_skip_symbols(s, len, 0);
	while (i < len && (s[i] == '[' || s[i] == '(' || s[i] == '~' ||
	    s[i] == ' ' || s[i] == '*' || s[i] == '`'))
		tick |= s[i++] == '`';
	if ((e = relative_lead(s, len, i)) != 0)
		i = e;
	else if ((e = day_count_lead(s, len, i)) != 0 &&
	    pm_when_parse(&w2, s + e, len - e) > 0 && w2.hour >= 0)
		i = e;
	/* "Between 08:02 and 10:40 the app failed" tells a window: a range
	 * leads an entry only as its label, set off by a dash */
	between = (e = x_phrase_at(s, len, i, "sometime")) != 0 ?
	    x_phrase_at(s, len, x_skip_blanks(s, len, e), "between") != 0 :
	    x_phrase_at(s, len, i, "between") != 0;
	i = after_lead(s, len, i, lead);
	n = pm_when_parse(w, s + i, len - i);
	/* "Sun 11:30pm — ...": a weekday and a time, dated by the
	 * timeline as a time column's "Sun 9:40 PM" is; "Tuesday 4th,
	 * 09:30 — ...": and the day of the month, whose month the
	 * timeline knows */
	mday = 0;
	if ((n == 0 || (w->hour < 0 && w->day == 0)) &&
	    (k = pm_when_skip_weekday(s + i, len - i, &wd)) != 0 &&
	    ((e = ordinal_day_at(s, len, i + k, &mday)) == 0 ||
	    (k = e - i) != 0) &&
	    /* "Wed. c. 18:00 —" */
	    (k = after_lead(s, len, i + k, lead) - i) != 0 &&
	    (n = pm_when_parse(w, s + i + k, len - i - k)) != 0 &&
	    w->hour >= 0 && w->day == 0) {
		w->weekday = wd;
		w->day = mday;
		i += k;
	} else if ((n == 0 || (w->hour < 0 && w->day == 0)) &&
	    (k = dotted_day_at(s, len, i, &mday, &mon)) != 0 &&
	    (n = pm_when_parse(w, s + k, len - k)) != 0 &&
	    w->hour >= 0 && w->day == 0) {
		w->day = mday;
		w->month = mon;
		i = k;
	} else if ((n == 0 || (w->hour < 0 && w->day == 0)) &&
	    (n = x_hhmm_at(s + i, len - i, w)) == 0 &&
	    (n = bare_hour_at(s + i, len - i, w)) == 0)
		return 0;
	*mer = x_has_meridiem(s + i, n);
	j = x_skip_blanks(s, len, i + n);
	/* "20:20? — text": a time the writer doubts */
	if (j < len && s[j] == '?')
		j = x_skip_blanks(s, len, j + 1);
	/* "`09:02` text": the closing tick of a time in a code span */
	while (j < len && (s[j] == ']' || s[j] == ')' || s[j] == '*' ||
	    (tick && s[j] == '`')))
		j = x_skip_blanks(s, len, j + 1);
	if (x_is_dash(s, len, j, &e))
		j = x_skip_blanks(s, len, e);
	else if (j < len && s[j] == '.' && (w->hour < 0 || (j + 1 < len &&
	    s[j + 1] == ' ')))
		j = x_skip_blanks(s, len, j + 1);	/* "**16:40.** Text" */
	/* "11:20 (08:20 UTC) — text": the time restated in another zone
	 * is no part of the text, nor "10.06 (+0.06) — text", restated as
	 * the time since the start */
	if (j < len && (s[j] == '(' || s[j] == '[') &&
	    (n = pm_when_parse(&w2, s + j + 1, len - j - 1)) != 0 &&
	    w2.hour >= 0 && (k = x_skip_blanks(s, len, j + 1 + n)) < len &&
	    (s[k] == ')' || s[k] == ']')) {
		j = x_skip_blanks(s, len, k + 1);
		if (x_is_dash(s, len, j, &e))
			j = x_skip_blanks(s, len, e);
	} else if ((k = elapsed_restated(s, len, j)) != 0) {
		j = x_skip_blanks(s, len, k);
		if (x_is_dash(s, len, j, &e))
			j = x_skip_blanks(s, len, e);
	}
	/* "10:00 - 10:30 text", "10:00 to 10:30: text": keep the first */
	if ((n = pm_when_parse(&w2, s + j, len - j)) != 0 && w2.hour >= 0) {
		j = x_skip_blanks(s, len, j + n);
		while (j < len && (s[j] == ']' || s[j] == ')'))
			j = x_skip_blanks(s, len, j + 1);
		if (x_is_dash(s, len, j, &e))
			j = x_skip_blanks(s, len, e);
	} else if (((e = x_phrase_at(s, len, j, "to")) ||
	    (e = x_phrase_at(s, len, j, "and"))) &&
	    (n = pm_when_parse(&w2, s + e, len - e)) && w2.hour >= 0) {
		j = x_skip_blanks(s, len, e + n);
		if (x_is_dash(s, len, j, &e))
			j = x_skip_blanks(s, len, e);
	}
	/* "10:05 (logs disagree) — text": a note on the time */
	if ((k = note_before_dash(s, len, j)) != 0)
		j = k;
	if (j >= len || !x_has_letter(s + j, len - j) ||
	    (between && !after_dash(s, j)))
		return 0;
	*text = j;
	return 1;
}

/* The cells of a row whose header names a time or a date. */
int
x_time_column(const char *cell, size_t len)
{
	static const char *const names[] = {
		"time*", "when", "date*", "hour", "utc", "clock",
		/* a runbook's "Step | Planned | Actual": what happened is
		 * when each step ran, not when it was to */
		"actual", NULL
	};
	char n[48];
	size_t nl = x_norm(n, sizeof(n), cell, len);

	for (const char *const *p = names; *p; p++)
		if (x_phrase_at(n, nl, 0, *p))
			return 1;
	return 0;
}

/* A cell of a time column that holds "0914" or "0914Z": the military
 * form, a time only where the column says so. */
int
x_hhmm_cell(const char *p, size_t len, struct pm_when *w)
{
	int h, m;

	while (len > 0 && p[len - 1] == ' ')
		len--;
	if (len > 0 && p[len - 1] == 'Z')
		len--;
	if (len != 4 || strspn(p, "0123456789") < 4)
		return 0;
	h = (p[0] - '0') * 10 + p[1] - '0';
	m = (p[2] - '0') * 10 + p[3] - '0';
	if (h > 23 || m > 59)
		return 0;
	pm_when_init(w);
	w->hour = h;
	w->minute = m;
	return 1;
}

/*
 * The name of a chat message's sender, s[0, end): one to four words
 * without digits.  Without the brackets around the time after it, each
 * word must start with a capital and none may be a day or a month, so
 * that "Tuesday 9:48 AM" stays a day and a time.
 */
static int
sender(const char *s, size_t end, int bracketed)
{
	size_t words = 0;
	int wd;

	for (size_t i = 0; i < end; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			return 0;
		if (s[i] == ' ' || (i > 0 && s[i - 1] != ' '))
			continue;
		words++;
		if (!bracketed && ((s[i] >= 'a' && s[i] <= 'z') ||
		    pm_when_skip_weekday(s + i, end - i, &wd) ||
		    x_month_after(s, end, i)))
			return 0;
	}
	return words >= 1 && words <= 4;
}

/*
 * "Wes Abernathy  [2:05 PM]" on a line of its own, the message on the
 * lines under it: a chat export (Slack copies a thread so).  Copied from
 * the app the time has no brackets ("Kirra Doyle  9:48 AM"), and then the
 * message must follow in the same paragraph (next, the line after l, or
 * NULL).  Sets *w and *mer (am/pm written); 1 when l is one, else 0.
 */
int
x_chat_header(const struct xline *l, const struct xline *next,
    struct pm_when *w, int *mer)
{
	size_t at, end, n;

	if (l->kind != XL_PARA || !l->first || l->len < 5)
		return 0;
	if (l->s[l->len - 1] == ']') {
		for (at = l->len - 1; at > 0 && l->s[at] != '['; at--)
			;
		end = l->len - 1;
		if (at == 0 || !sender(l->s, at, 1))
			return 0;
		at++;
	} else {
		for (at = 0; at < l->len && !(l->s[at] >= '0' &&
		    l->s[at] <= '9'); at++)
			;
		end = l->len;
		/* two blanks before the time set it apart as brackets do:
		 * "alertmanager  10:09", a bot's name in lower case */
		if (at == 0 || at == l->len || l->s[at - 1] != ' ' ||
		    next == NULL || next->block != l->block ||
		    !sender(l->s, at, at >= 2 && l->s[at - 2] == ' '))
			return 0;
	}
	n = pm_when_parse(w, l->t + at, end - at);
	if (n != end - at || w->hour < 0 || w->day != 0)
		return 0;
	*mer = x_has_meridiem(l->t + at, end - at);
	return 1;
}

/*
 * "Mar 10, 13:52 SGT", "Posted Mar 10, 2026 - 13:52 UTC": the line a
 * status page ends each of its updates with, the status and the message
 * above it.  A day and a time and nothing else but their zone and a
 * "Posted" or "Updated" before them.  Sets *w and *mer; 1 or 0.
 */
int
x_post_stamp(const struct xline *l, struct pm_when *w, int *mer)
{
	struct pm_when clock;
	size_t at, n, i = 0, k;

	if (l->kind != XL_PARA || l->len > 48 ||
	    !pm_when_find(w, &at, &n, l->t, l->len) || w->day == 0)
		return 0;
	/* "May 4, 2026 - 09:12 UTC", as Statuspage writes it, or with a
	 * middle dot: "Jul 8, 2025 · 4:52 PM TRT" */
	k = x_skip_blanks(l->t, l->len, at + n);
	if (w->hour < 0 && k < l->len && (x_is_dash(l->t, l->len, k, &k) ||
	    (k + 1 < l->len && memcmp(l->t + k, "\xc2\xb7", 2) == 0 &&
	    (k += 2))) &&
	    (k = x_skip_blanks(l->t, l->len, k)) < l->len &&
	    pm_when_parse(&clock, l->t + k, l->len - k) == l->len - k &&
	    clock.hour >= 0 && clock.day == 0) {
		clock.year = w->year;
		clock.month = w->month;
		clock.day = w->day;
		clock.weekday = w->weekday;
		*w = clock;
		n = l->len - at;
	}
	if (w->hour < 0)
		return 0;
	if ((i = x_phrase_at(l->s, l->len, 0, "posted")) == 0)
		i = x_phrase_at(l->s, l->len, 0, "updated");
	while (i < at && !x_alnum((unsigned char)l->s[i]))
		i++;
	for (size_t j = at + n; j < l->len; j++)
		if (x_alnum((unsigned char)l->s[j]))
			return 0;	/* its zone is in n */
	*mer = x_has_meridiem(l->s + at, n);
	return i == at;
}
