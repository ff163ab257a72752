/*
 * when_span.c: the spans of time in postmortem prose, that is ranges
 * between two points ("10:00 AM - 2:00 PM EST") and durations ("3 hours
 * 15 minutes").
 */

#include <string.h>

#include "when_int.h"

/* Ranges. */

/* Is the word before s[i] (across blanks) the given one? */
static int
preceded_by(const char *s, size_t i, const char *word)
{
	size_t n = strlen(word);

	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '\t'))
		i--;
	if (i < n || (i > n && is_alnum((unsigned char)s[i - n - 1])))
		return 0;
	return match(s, i, i - n, word) == i;
}

/*
 * What the word before a range's start asks of its link: BETWEEN after
 * "between" ("and" links), and in the languages whose words writers
 * carry into English, FROM_WORDS after their "from" ("das 17:20 às
 * 19:05", "de 11h05 à 15h50", "von 14:05 bis 16:40") and BETWEEN_WORDS
 * after their "between" ("entre 9h et 11h", "zwischen 9 und 11 Uhr").
 * Their links are read only there: "a", "e" and "do" are English words
 * too.
 */
enum { PLAIN, BETWEEN, FROM_WORDS, BETWEEN_WORDS };

static const char *const foreign_from[] = {
	"de", "des", "desde", "das", "dos", "da", "dalle", "dalla", "dal",
	"von", "van", "vanaf", "od", "dari", "las", "les"
};
static const char *const foreign_to[] = {
	"a las", "a", "\xc3\xa0", "\xc3\xa0s", "aos", "ao", "al", "alle",
	"alla", "hasta las", "hasta", "at\xc3\xa9", "ate", "bis", "tot",
	"do", "sampai", "hingga", "jusqu'\xc3\xa0"
};
static const char *const foreign_between[] = {
	"entre", "zwischen", "tra", "fra", "tussen", "antara"
};
static const char *const foreign_and[] = {
	"et", "y", "e", "und", "en", "dan"
};

static int
opener_before(const char *s, size_t i)
{
	size_t k;

	if (preceded_by(s, i, "between") ||
	    preceded_by(s, i, "between the hours of"))
		return BETWEEN;
	for (k = 0; k < COUNT(foreign_from); k++)
		if (preceded_by(s, i, foreign_from[k]))
			return FROM_WORDS;
	for (k = 0; k < COUNT(foreign_between); k++)
		if (preceded_by(s, i, foreign_between[k]))
			return BETWEEN_WORDS;
	return PLAIN;
}

/* The end of the longest of list[0, n) at s[k], or 0. */
static size_t
longest_word_at(const char *s, size_t len, size_t k,
    const char *const *list, size_t n)
{
	size_t e, best = 0;

	for (size_t w = 0; w < n; w++)
		if ((e = word_at(s, len, k, list[w])) > best)
			best = e;
	return best;
}

/*
 * The link between the ends of a range, with the blanks around it.
 * "and" only counts after "between" (opener, above); a word may follow a
 * comma.  *tight is set when a dash follows the start with no blank
 * ("2-4 PM").
 */
/* "kl 11:20 to kl 12:35", "um 9 bis um 11 Uhr", "15:05 to about
 * 18:10": past the word for "o'clock" or "at" that the range's end
 * repeats, or one that says it roughly, when a number follows; else k. */
static size_t
clock_word_end(const char *s, size_t len, size_t k)
{
	static const char *const words[] = {
		"kl.", "kl", "klo", "kello", "um", "at", "about", "around",
		"approximately", "approx.", "approx", "roughly", "circa",
		"just after", "just before", "a little after",
		"a little before", "shortly after", "shortly before"
	};
	size_t e, d;

	if (ch(s, len, k) == '~' && is_digit(ch(s, len, d = skip_blanks(s,
	    len, k + 1))))
		return d;
	for (size_t n = 0; n < COUNT(words); n++)
		if ((e = word_at(s, len, k, words[n])) &&
		    is_digit(ch(s, len, d = skip_blanks(s, len, e))))
			return d;
	return k;
}

/* The start of what follows a "when" clause at s[k] that a comma closes
 * ("when the commit was pushed, to 10:40"), within one sentence and a
 * few words; k itself when there is none. */
static size_t
when_clause_end(const char *s, size_t len, size_t k)
{
	for (size_t j = k; j < len && j < k + 100; j++) {
		if (s[j] == '.' || s[j] == ';' || s[j] == '(' || s[j] == ':')
			break;
		if (s[j] == ',')
			return skip_blanks(s, len, j + 1);
	}
	return k;
}

/* dated: the start has its day, which a clause may follow (see below). */
static size_t
connector_at(const char *s, size_t len, size_t i, int opener, int dated,
    int *tight)
{
	static const char *const words[] = {
		/* "til": the informal English "until", and the Nordic
		 * "to" ("fra kl. 11:20 til kl. 12:35") */
		"to", "until", "till", "til", "through", "thru", "going into",
		"into", "and"
	};
	int between = opener == BETWEEN;
	size_t k = skip_blanks(s, len, i), e = 0, n;

	*tight = k == i;
	if (ch(s, len, k) == '-' || ch(s, len, k) == '~') {
		for (e = k + 1; ch(s, len, e) == '-'; e++)
			;
		if (ch(s, len, e) == '>' && ch(s, len, k) == '-')
			e++;	/* "17:40 -> 20:15" */
	} else if (ch(s, len, k) == 0xe2 && ch(s, len, k + 1) == 0x80 &&
	    (ch(s, len, k + 2) == 0x93 || ch(s, len, k + 2) == 0x94)) {
		e = k + 3;	/* en dash, em dash */
	} else if (ch(s, len, k) == 0xe2 && ch(s, len, k + 1) == 0x86 &&
	    ch(s, len, k + 2) == 0x92) {
		e = k + 3;	/* "17:40 → 20:15 KST" */
	} else {
		*tight = 0;
		/* "Wednesday 8 April, 21:30 NPT, to Thursday 9 April" */
		if (ch(s, len, k) == ',') {
			k = skip_blanks(s, len, k + 1);
			/* "from 16:12 CET on Tuesday 4 February 2025, when
			 * the commit was pushed, to 10:40 CET on Saturday 15
			 * February": a clause of what happened then stands
			 * between the ends.  Only after a start with its day:
			 * a bare clock's clause ("From 20:40, when the night
			 * began, until 03:25") leaves its dating to the
			 * sentences around it. */
			if (dated && word_at(s, len, k, "when"))
				k = when_clause_end(s, len, k);
		}
		for (n = 0; n < COUNT(words) && !e; n++)
			if (n < COUNT(words) - 1 || between)
				e = word_at(s, len, k, words[n]);
		if (!e && opener == FROM_WORDS)
			e = longest_word_at(s, len, k, foreign_to,
			    COUNT(foreign_to));
		if (!e && opener == BETWEEN_WORDS)
			e = longest_word_at(s, len, k, foreign_and,
			    COUNT(foreign_and));
		if (!e || k == i)
			return 0;
	}
	return clock_word_end(s, len, skip_blanks(s, len, e));
}

static int
minute_of_day(const struct pm_when *w)
{
	return w->hour * 60 + w->minute -
	    (w->has_zone ? w->offset_minutes : 0);
}

/* Give one end the other's am/pm when that keeps the range in order. */
static void
share_meridiem(struct pm_when *a, int amer, struct pm_when *b, int bmer)
{
	if (a->hour < 0 || b->hour < 0 || a->year != b->year ||
	    a->month != b->month || a->day != b->day)
		return;
	if (amer < 0 && bmer == 1 && a->hour >= 1 && a->hour < 12 &&
	    (a->hour + 12) * 60 + a->minute <= b->hour * 60 + b->minute) {
		a->hour += 12;
		a->meridiem = 1;
	} else if (bmer < 0 && amer == 1 && b->hour >= 1 && b->hour < 12 &&
	    (b->hour + 12) * 60 + b->minute >= a->hour * 60 + a->minute) {
		b->hour += 12;
		b->meridiem = 1;
	}
}

static void
copy_date(struct pm_when *to, const struct pm_when *from)
{
	to->year = from->year;
	to->month = from->month;
	to->day = from->day;
}

static void
copy_zone(struct pm_when *to, const struct pm_when *from)
{
	to->has_zone = 1;
	to->offset_minutes = from->offset_minutes;
	memcpy(to->zone, from->zone, sizeof(to->zone));
}

/* Fill in what one end of a range says for both, and what the date ctx
 * written before it says for a range without a day or a year.  ctx may
 * be NULL. */
static void
complete_range(struct pm_when *a, struct pm_when *b,
    const struct pm_when *ctx)
{
	int a_dated = a->day != 0, b_dated = b->day != 0;

	if (!a_dated && !b_dated && ctx) {
		copy_date(a, ctx);
		a_dated = 1;
	}
	if (b->has_zone && !a->has_zone)
		copy_zone(a, b);
	else if (a->has_zone && !b->has_zone)
		copy_zone(b, a);
	/* "March 3, 2024: from 23:50 on March 3 to 01:35 on March 4" */
	if (a->month && !a->year && !b->year && ctx && ctx->year)
		a->year = ctx->year + (a->month < ctx->month);
	if (a->month && !a->year && b->year)
		a->year = b->year - (a->month > b->month);
	else if (b->month && !b->year && a->year)
		b->year = a->year + (b->month < a->month);
	if (a->hour < 0 || b->hour < 0)
		return;
	if (a_dated && !b_dated) {
		copy_date(b, a);
		if (minute_of_day(b) < minute_of_day(a))
			pm_when_add_minutes(b, 1440);
	} else if (b_dated && !a_dated) {
		copy_date(a, b);
		if (minute_of_day(a) > minute_of_day(b))
			pm_when_add_minutes(a, -1440);
	}
}

/*
 * "2-4 PM", "from 2 to 4pm", "between 2 and 4 PM": a bare hour at s[i]
 * becomes a time only before a connector and an end with am/pm, and only
 * when glued to a dash or after "from"/"between", so that "step 3 - 10:00
 * AM" is not a range.
 */
static int
bare_range_at(const char *s, size_t len, size_t i, struct pm_when *a,
    struct pm_when *b, int *bmer)
{
	int h, tight, opener = opener_before(s, i);
	int between = opener == BETWEEN;
	size_t n = digits(s, len, i, &h), k, n2;
	int hm;

	/* "1405 to 1652 UTC": four digits, when the end is a time of the
	 * same form, with its zone */
	if (n == 4 && h / 100 <= 23 && h % 100 <= 59 &&
	    ends_clean(s, len, i + n) &&
	    (k = connector_at(s, len, i + n, opener, 0, &tight)) &&
	    (n2 = digits(s, len, k, &hm)) == 4 &&
	    pm_when__point_at(s, len, k, b, bmer) && b->has_zone &&
	    b->hour == hm / 100 && b->minute == hm % 100) {
		pm_when_init(a);
		a->hour = h / 100;
		a->minute = h % 100;
		return 1;
	}
	/* "0610 to 0945 AKDT": the same with a zone in capitals, which
	 * ends a range of two such times only ("2026 PHT" after a date,
	 * "in 2019 EST" are years) */
	if (n == 4 && h / 100 <= 23 && h % 100 <= 59 &&
	    ends_clean(s, len, i + n) &&
	    (k = connector_at(s, len, i + n, opener, 0, &tight)) &&
	    digits(s, len, k, &hm) == 4 && hm / 100 <= 23 &&
	    hm % 100 <= 59 && ch(s, len, k + 4) == ' ' &&
	    ch(s, len, k + 5) >= 'A' && ch(s, len, k + 5) <= 'Z') {
		pm_when_init(b);
		b->hour = hm / 100;
		b->minute = hm % 100;
		if (pm_when__zone_after(s, len, k + 4, b, 0) == k + 4 ||
		    !b->has_zone)
			return 0;
		*bmer = -1;
		pm_when_init(a);
		a->hour = h / 100;
		a->minute = h % 100;
		return 1;
	}
	if (n < 1 || n > 2 || h < 1 || h > 12 || !ends_clean(s, len, i + n))
		return 0;
	if (!(k = connector_at(s, len, i + n, opener, 0, &tight)) ||
	    !pm_when__point_at(s, len, k, b, bmer) || *bmer < 0 || b->hour < 0)
		return 0;
	if (!tight && !between && !preceded_by(s, i, "from"))
		return 0;
	pm_when_init(a);
	a->hour = h % 12;
	/* "11-1 PM" starts in the morning */
	if (*bmer && a->hour + 12 <= b->hour)
		a->hour += 12;
	a->meridiem = a->hour >= 12;
	return 1;
}

/*
 * "During lunch service, from 12:40 to 2:15": a twelve-hour clock with
 * no am/pm, whose end a single digit writes ("2:15", not "02:15"), ends
 * in the afternoon rather than fourteen hours later.
 */
static void
afternoon_end(const struct pm_when *a, int amer, struct pm_when *b,
    int bmer, const char *s, size_t len, size_t k)
{
	if (amer >= 0 || bmer >= 0 || a->hour < 1 || a->hour > 12 ||
	    b->hour < 1 || b->hour > 11 || a->day || b->day ||
	    b->hour * 60 + b->minute >= a->hour * 60 + a->minute ||
	    !is_digit(ch(s, len, k)) || ch(s, len, k) == '0' ||
	    ch(s, len, k + 1) != ':')
		return;
	b->hour += 12;
}

/*
 * " on Thursday" after a time of day ("from 19:10 on Thursday to 00:40
 * on Friday"): where it ends and the weekday, or i and -1.  A date after
 * the weekday is the point's own, read by pm_when__point_at().
 */
static size_t
on_weekday_after(const char *s, size_t len, size_t i, int *wd)
{
	size_t k = skip_blanks(s, len, i), e, d;
	struct pm_when date;

	*wd = -1;
	if (!(e = word_at(s, len, k, "on")) ||
	    !(e = pm_when__weekday_name(s, len, skip_blanks(s, len, e), wd)))
		return i;
	/* "on Thursday 17 July" dates the time: not a weekday alone */
	d = skip_blanks(s, len, ch(s, len, e) == ',' ? e + 1 : e);
	if (is_digit(ch(s, len, d)) &&
	    pm_when_parse(&date, s + d, len - d) > 0 && date.day) {
		*wd = -1;
		return i;
	}
	return e;
}

/*
 * Two times of day that name their weekdays (not their dates): the same
 * day, or the end on the next day before the start's time of day, which
 * a range without a date says by running backwards ("22:40 to 01:10").
 * Other pairs cannot be told without a date.  One weekday alone says
 * nothing of the other end.
 */
static int
weekdays_fit(const struct pm_when *a, int awd, const struct pm_when *b,
    int bwd)
{
	if (awd < 0 || bwd < 0)
		return 1;
	if (a->day || b->day)
		return 0;
	if (awd == bwd)
		return minute_of_day(b) >= minute_of_day(a);
	return (awd + 1) % 7 == bwd && minute_of_day(b) < minute_of_day(a);
}

/*
 * The end of a range whose start a, begun at s[i], ends at s[e]: the end
 * is read from s[*k] to s[*be].  0 when no range follows.  dated: a day
 * was written before the start ("On Monday 9 March from 08:00, when the
 * branches opened, until 11:25"), which dates its clause as a start's
 * own day would; an end with its day dates it too ("until 10:45 a.m. on
 * Saturday, January 17").
 */
static int
end_after(const char *s, size_t len, size_t i, size_t e,
    const struct pm_when *a, struct pm_when *b, int *bmer, size_t *k,
    size_t *be, int dated)
{
	int awd = -1, bwd = -1, tight, opener = opener_before(s, i);

	if (a->hour >= 0)
		e = on_weekday_after(s, len, e, &awd);
	if (!(*k = connector_at(s, len, e, opener, a->day != 0 || dated,
	    &tight)) && (!(*k = connector_at(s, len, e, opener, 1, &tight)) ||
	    !pm_when__point_at(s, len, *k, b, bmer) || b->day == 0))
		return 0;
	if (!(*be = pm_when__point_at(s, len, *k, b, bmer)) ||
	    (a->hour < 0) != (b->hour < 0))
		return 0;
	if (b->hour >= 0)
		(void)on_weekday_after(s, len, *be, &bwd);
	return weekdays_fit(a, awd, b, bwd);
}

/* Does the day that ends at s[e] come right before the time at s[i]:
 * "on Monday 9 March 2026 from 08:00", "9 March, between 08:00"? */
static int
dates_next(const char *s, size_t len, size_t e, size_t i)
{
	size_t k;

	e = skip_blanks(s, len, e);
	if (ch(s, len, e) == ',')
		e = skip_blanks(s, len, e + 1);
	if ((k = word_at(s, len, e, "from")) ||
	    (k = word_at(s, len, e, "between")))
		e = skip_blanks(s, len, k);
	return e == i;
}

/* The first range of s; with timed, the first whose ends have a time of
 * day, a range of days before it dating the times after it. */
static int
find_range(struct pm_when *start, struct pm_when *end, const char *s,
    size_t len, int timed)
{
	struct pm_when a, b, ctx;
	size_t i, e, k = 0, be = 0, ctx_end = 0;
	int amer, bmer, have_ctx = 0;

	pm_when_init(&ctx);
	for (i = 0; i < len; i++) {
		if (!is_alnum(ch(s, len, i)) || !starts_clean(s, i))
			continue;
		if (!(e = pm_when__point_at(s, len, i, &a, &amer))) {
			if (!bare_range_at(s, len, i, &a, &b, &bmer))
				continue;
			amer = -1;
		} else if (!end_after(s, len, i, e, &a, &b, &bmer, &k, &be,
		    have_ctx && dates_next(s, len, ctx_end, i))) {
			/*
			 * No range here ("March 5 - 10:00" pairs a day with
			 * a time); but a date dates the times after it.
			 */
			if (a.day) {
				ctx = a;
				have_ctx = 1;
				ctx_end = e;
			}
			i = e - 1;
			continue;
		}
		share_meridiem(&a, amer, &b, bmer);
		afternoon_end(&a, amer, &b, bmer, s, len, k);
		/* "from noon until midnight on Monday 15 June": the
		 * midnight that ends the day named, which dates the start */
		if (b.day && !a.day && a.hour >= 0 && b.hour == 0 &&
		    b.minute == 0 && word_at(s, len, k, "midnight")) {
			a.year = b.year;
			a.month = b.month;
			a.day = b.day;
			a.weekday = b.weekday;
			pm_when_add_minutes(&b, 1440);
			b.weekday = -1;
		}
		complete_range(&a, &b, have_ctx ? &ctx : NULL);
		if (timed && a.hour < 0 && be > i) {
			/* "the night of 31 October to 1 November 2024, from
			 * 23:50 to 01:35": the night began on its first day */
			ctx = a;
			have_ctx = a.day != 0;
			i = be - 1;
			continue;
		}
		*start = a;
		*end = b;
		return 1;
	}
	return 0;
}

int
pm_when_find_range(struct pm_when *start, struct pm_when *end,
    const char *s, size_t len)
{
	return find_range(start, end, s, len, 0);
}

int
pm_when_find_timed_range(struct pm_when *start, struct pm_when *end,
    const char *s, size_t len)
{
	return find_range(start, end, s, len, 1);
}

/* Durations. */

/*
 * A quantity as the fraction num/den ("1.5" is 15/10, "half an" is 1/2).
 * *word is set for spelled-out quantities: they need a spelled-out unit.
 */
static size_t
quantity_at(const char *s, size_t len, size_t i, long long *num,
    long long *den, int *word)
{
	static const struct {
		const char *name;
		int halves;
	} words[] = {
		{ "half an", 1 }, { "half a", 1 }, { "a couple of", 4 },
		{ "an", 2 }, { "a", 2 }, { "one", 2 }, { "two", 4 },
		{ "three", 6 }, { "four", 8 }, { "five", 10 }, { "six", 12 },
		{ "seven", 14 }, { "eight", 16 }, { "nine", 18 },
		{ "ten", 20 }, { "eleven", 22 }, { "twelve", 24 },
		{ "fifteen", 30 }, { "twenty", 40 }, { "thirty", 60 },
		{ "forty-five", 90 }, { "forty", 80 }, { "fifty", 100 },
		{ "sixty", 120 }, { "ninety", 180 },
	};
	size_t n, f, k, e;
	int v, frac;

	*word = 0;
	if ((n = digits(s, len, i, &v))) {
		if (n > 6)
			return 0;
		*num = v;
		*den = 1;
		if (ch(s, len, i + n) == '.' &&
		    (f = digits(s, len, i + n + 1, &frac)) >= 1) {
			if (f > 3)
				return 0;
			for (k = 0; k < f; k++)
				*num *= 10, *den *= 10;
			*num += frac;
			n += f + 1;
		}
		return i + n;
	}
	for (k = 0; k < COUNT(words); k++) {
		if ((e = word_at(s, len, i, words[k].name))) {
			*num = words[k].halves;
			*den = 2;
			*word = 1;
			return e;
		}
	}
	return 0;
}

/* A unit after a quantity: sets *sec to its length in seconds.  after is
 * the length of the compound's unit before it, or 0. */
static size_t
unit_at(const char *s, size_t len, size_t i, int glued, long after,
    long *sec)
{
	static const struct {
		const char *name;
		long sec;
	} units[] = {
		{ "weeks", 604800 }, { "week", 604800 }, { "wks", 604800 },
		{ "wk", 604800 }, { "days", 86400 }, { "day", 86400 },
		{ "d", 86400 }, { "hours", 3600 }, { "hour", 3600 },
		{ "hrs", 3600 }, { "hr", 3600 }, { "h", 3600 },
		{ "minutes", 60 }, { "minute", 60 }, { "mins", 60 },
		{ "min", 60 }, { "m", 60 }, { "seconds", 1 }, { "second", 1 },
		{ "secs", 1 }, { "sec", 1 }, { "s", 1 },
	};
	size_t k = 0, u;

	while (is_alpha(ch(s, len, i + k)))
		k++;
	/*
	 * One letter is a unit only in lower case, and glued ("45m"), or as
	 * the hours or days of a compound written spaced out, "1 h 45 min"
	 * (pmsite's own display form): another number must follow; or as
	 * the minutes after its hours ("2 h 30 m").
	 */
	if (k == 1 && (ch(s, len, i) != lower(ch(s, len, i)) || (!glued &&
	    !((ch(s, len, i) == 'h' || ch(s, len, i) == 'd') &&
	    is_digit(ch(s, len, skip_blanks(s, len, i + 1)))) &&
	    !(ch(s, len, i) == 'm' && after == 3600))))
		return 0;
	for (u = 0; u < COUNT(units); u++) {
		if (strlen(units[u].name) == k && match(s, len, i,
		    units[u].name) == i + k && ch(s, len, i + k) != '%') {
			*sec = units[u].sec;
			return i + k;
		}
	}
	return 0;
}

int
pm_when_find_duration(long *minutes, const char *s, size_t len)
{
	long long num, den, total;
	size_t i, j, q, k, u, e;
	long sec, prev;
	int word, found;

	for (i = 0; i < len; i++) {
		if (!is_alnum(ch(s, len, i)) || !starts_clean(s, i))
			continue;
		total = 0;
		found = 0;
		prev = 0;
		for (j = i; (q = quantity_at(s, len, j, &num, &den, &word));) {
			k = skip_blanks(s, len, q);
			if ((word && k == q) || !(u = unit_at(s, len, k,
			    k == q && !word, prev, &sec)))
				break;
			prev = sec;
			/* "0605 hrs" is a time of day, not 605 hours */
			if (sec == 3600 && den == 1 && q - j == 4 &&
			    num / 100 <= 23 && num % 100 <= 59)
				break;
			total += (num * sec + den / 2) / den;
			found = 1;
			j = u;
			if ((e = word_at(s, len, skip_blanks(s, len, j),
			    "and a half"))) {
				total += sec / 2;
				j = e;
			}
			k = skip_blanks(s, len, j);
			if (ch(s, len, k) == ',')
				k = skip_blanks(s, len, k + 1);
			if ((e = word_at(s, len, k, "and")))
				k = skip_blanks(s, len, e);
			j = k;
		}
		if (found) {
			*minutes = (long)((total + 30) / 60);
			return 1;
		}
	}
	return 0;
}
