/*
 * when_spoken.c: clocks said in words or roughly, for the rewrite of
 * when_text.c: "half past two", "a quarter to five", "seven in the
 * evening", "6ish", and the exact time that restates one in brackets
 * ("6ish (18:10)").  Split from when_text.c, which calls these through
 * when_int.h.
 */
#include <string.h>

#include "when_int.h"

static const char *const hour_words[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight",
	"nine", "ten", "eleven", "twelve"
};

/* An hour of the 12-hour clock at s[i], in words or digits: its end, and
 * the hour into *h; 0 when there is none. */
static size_t
hour_at(const char *s, size_t len, size_t i, int *h)
{
	size_t e;

	for (int k = 0; k < 12; k++)
		if (lower(ch(s, len, i)) == hour_words[k][0] &&
		    (e = word_at(s, len, i, hour_words[k]))) {
			*h = k + 1;
			return e;
		}
	e = digit_run(s, len, i, h);
	/* not the "11" of "11:30" or "11.30" */
	return e >= 1 && e <= 2 && *h >= 1 && *h <= 12 &&
	    !is_alnum(ch(s, len, i + e)) && ((ch(s, len, i + e) != ':' &&
	    ch(s, len, i + e) != '.') || !is_digit(ch(s, len, i + e + 1))) ?
	    i + e : 0;
}

/* Is s[0, i) empty (1) or a word that says when roughly (2), where a
 * timeline's label starts ("Just before eleven:")?  0 otherwise: not
 * "Step three:". */
static int
label_lead(const char *s, size_t i)
{
	static const char *const leads[] = {
		"about", "around", "at", "by", "roughly", "approx",
		"approximately", "just before", "just after",
		"shortly before", "shortly after", "a bit after",
		"a bit before", "a little after", "a little before", "~",
		"c.", "ca.", "circa", "sometime around", "some time around"
	};
	size_t e;

	while (i > 0 && s[i - 1] == ' ')
		i--;
	if (i == 0)
		return 1;
	for (size_t k = 0; k < COUNT(leads); k++)
		if ((e = match(s, i, 0, leads[k])) == i)
			return 2;
	return 0;
}

/* Does a dash that sets a label off its text follow the blanks at
 * s[e]: "-", "–" or "—" and a blank? */
static int
dash_after(const char *s, size_t len, size_t e)
{
	size_t k = skip_blanks(s, len, e);

	if (k == e)
		return 0;
	if (ch(s, len, k) == '-')
		return ch(s, len, k + 1) == ' ';
	return ch(s, len, k) == 0xe2 && ch(s, len, k + 1) == 0x80 &&
	    (ch(s, len, k + 2) == 0x93 || ch(s, len, k + 2) == 0x94) &&
	    ch(s, len, k + 3) == ' ';
}

/* "10-ish — text", "around 6ish:": an hour said roughly as a timeline's
 * label; the end of "ish", the hour into *h; 0 when there is none. */
size_t
pm_when__ish_label_at(const char *s, size_t len, size_t i, int *h)
{
	size_t a = digit_run(s, len, i, h), e = i + a;

	/* asked at every number: "ish" first, the cheapest refusal */
	if (a < 1 || a > 2 || *h > 23)
		return 0;
	if (ch(s, len, e) == '-')
		e++;
	if (!(e = word_at(s, len, e, "ish")) || !label_lead(s, i))
		return 0;
	return ch(s, len, e) == ':' || dash_after(s, len, e) ? e : 0;
}

/* The part of the day after the blanks at s[k]: its end, and 1 into *pm
 * for the afternoon, evening or night, 0 for the morning; 0 when there
 * is none. */
static size_t
part_of_day_at(const char *s, size_t len, size_t k, int *pm)
{
	static const struct {
		const char *words;
		int pm;
	} parts[] = {
		{ "in the afternoon", 1 }, { "in the evening", 1 },
		{ "that afternoon", 1 }, { "that evening", 1 },
		{ "that night", 1 }, { "at night", 1 },
		{ "in the morning", 0 }, { "that morning", 0 },
	};
	size_t e;
	int c;

	k = skip_blanks(s, len, k);
	/* asked after every small number: refused on the first letter */
	c = lower(ch(s, len, k));
	if (c != 'i' && c != 't' && c != 'a')
		return 0;
	for (size_t n = 0; n < COUNT(parts); n++)
		if ((e = word_at(s, len, k, parts[n].words))) {
			*pm = parts[n].pm;
			return e;
		}
	return 0;
}

/* The minutes of "ten past six" and "twenty to nine": before "past" or
 * "to"; "half" only before "past". */
static const struct {
	const char *words;
	int minutes;
} clock_minutes[] = {
	{ "half past", 30 }, { "quarter past", 15 }, { "quarter to", -15 },
	{ "twenty-five past", 25 }, { "twenty five past", 25 },
	{ "twenty past", 20 }, { "ten past", 10 }, { "five past", 5 },
	{ "twenty-five to", -25 }, { "twenty five to", -25 },
	{ "twenty to", -20 }, { "ten to", -10 }, { "five to", -5 },
};

/*
 * "half past two", "(a) quarter past ten", "ten past six", "(a) quarter
 * to five" at s[i]: the end of the clock, the time into *h and *m, and
 * into *loose 1 when the words may as well count things ("from five to
 * ten replicas"), so that only a part of the day or a colon after them
 * makes them a time; 0 when there is none.
 */
static size_t
minutes_hour_at(const char *s, size_t len, size_t i, int *h, int *m,
    int *loose)
{
	size_t e = 0, k = i, n;

	if ((e = word_at(s, len, k, "a")) && ch(s, len, e) == ' ')
		k = skip_blanks(s, len, e);
	for (n = 0, e = 0; n < COUNT(clock_minutes); n++)
		if (lower(ch(s, len, k)) == clock_minutes[n].words[0] &&
		    (e = word_at(s, len, k, clock_minutes[n].words)))
			break;
	/* "a" goes only with a quarter */
	if (!e || (k != i && clock_minutes[n].words[0] != 'q') ||
	    !(e = hour_at(s, len, skip_blanks(s, len, e), h)))
		return 0;
	*m = clock_minutes[n].minutes;
	*loose = *m < 0 && clock_minutes[n].words[0] != 'q';
	if (*m < 0) {
		*h = *h == 1 ? 12 : *h - 1;
		*m += 60;
	}
	return e;
}

/*
 * The British "half nine" (9:30) and a bare hour in words ("seven",
 * 7:00) at s[i]: the end, the time into *h and *m, and *loose 1 for a
 * bare hour, a time only with its part of the day, "o'clock" or as a
 * label; 0 when there is none.  "Half" needs the hour to end the phrase
 * ("half nine: I switched", "half ten-ish"), or "half two times" would
 * be 2:30.
 */
static size_t
hour_words_at(const char *s, size_t len, size_t i, int *h, int *m,
    int *loose)
{
	size_t e, k;

	*m = 0;
	*loose = 1;
	if ((e = word_at(s, len, i, "half"))) {
		if (!(e = hour_at(s, len, skip_blanks(s, len, e), h)))
			return 0;
		*m = 30;
		*loose = 0;
		return e >= len || (s[e] && strchr(":,.;()", s[e])) ||
		    (s[e] == '-' && word_at(s, len, e + 1, "ish")) ||
		    word_at(s, len, skip_blanks(s, len, e), "in the") ? e : 0;
	}
	if (is_digit(ch(s, len, i)) || !(e = hour_at(s, len, i, h)))
		return 0;
	if ((k = word_at(s, len, skip_blanks(s, len, e), "o'clock"))) {
		*loose = 0;
		return k;
	}
	if (ch(s, len, e) == ':' && label_lead(s, i))
		*loose = 0;
	return e;
}

/*
 * Can a clock in words start at s[i]?  Its first word is "a", an hour
 * (hour_words) or the first word of a clock_minutes phrase; by_len
 * holds them by length and must follow those lists (check_when's
 * test_rewrite_every_clock_word reads a clock starting with each).
 * Asked at every word of every line, whose words mostly start with one
 * of their letters ("the", "on", "was"): looping over the lists here
 * cost as much as it saved.
 */
static int
starts_clock_words(const char *s, size_t len, size_t i)
{
	static const char *const by_len[8] = {
		NULL, "a", NULL, "one two six ten", "half four five nine",
		"three seven eight", "eleven twelve twenty", "quarter"
	};
	char w[8];
	size_t n = 0;
	const char *p;
	int c = lower(ch(s, len, i));

	/* the first letters of by_len's words: most words end here */
	if (c < 'a' || c > 'z' || !((1u << (c - 'a')) & (LETTER('a') |
	    LETTER('e') | LETTER('f') | LETTER('h') |
	    LETTER('n') | LETTER('o') | LETTER('q') |
	    LETTER('s') | LETTER('t'))))
		return 0;
	while (n < sizeof(w) && is_alpha(ch(s, len, i + n))) {
		w[n] = (char)lower(ch(s, len, i + n));
		n++;
	}
	if (n == sizeof(w) || (p = by_len[n]) == NULL)
		return 0;
	for (; *p; p += n + (p[n] == ' '))
		if (memcmp(p, w, n) == 0)
			return 1;
	return 0;
}

/*
 * A clock in words at s[i]: "half past two", "(a) quarter past ten",
 * "ten past six", "(a) quarter to five", "half nine", "seven in the
 * evening", "nine o'clock", "eleven:" as a label.  Its end, the time into
 * *h and *m, and into *pm 1 when "in the afternoon" or "in the evening"
 * follows, 0 for "in the morning", else -1; 0 when there is none.  The
 * end takes in the "in the afternoon", so that a range reads on to its
 * "until".
 */
size_t
pm_when__clock_words_at(const char *s, size_t len, size_t i, int *h, int *m,
    int *pm)
{
	size_t e, k;
	int loose, bare = 0, lead;

	/* "from around 3 in the morning": an hour in digits is a clock
	 * with its part of the day */
	if (is_digit(ch(s, len, i))) {
		e = i + digit_run(s, len, i, h);
		if (e - i > 2 || *h < 1 || *h > 12 || ch(s, len, e) != ' ' ||
		    (k = part_of_day_at(s, len, e, pm)) == 0)
			return 0;
		*m = 0;
		return k;
	}
	if (!starts_clock_words(s, len, i))
		return 0;
	if ((e = minutes_hour_at(s, len, i, h, m, &loose)) == 0) {
		bare = 1;
		if ((e = hour_words_at(s, len, i, h, m, &loose)) == 0)
			return 0;
	}
	*pm = -1;
	if ((k = part_of_day_at(s, len, e, pm)))
		return k;
	/* a label: "eleven:", and before a dash "ten to six —" or
	 * "around six —" (but "Two — we lacked ..." counts reasons) */
	lead = loose ? label_lead(s, i) : 0;
	if (lead && (ch(s, len, e) == ':' || (dash_after(s, len, e) &&
	    (lead == 2 || !bare))))
		loose = 0;
	if (ch(s, len, e) == '-' && word_at(s, len, e + 1, "ish"))
		e += 4;
	return loose ? 0 : e;
}

/*
 * "6ish (18:10)", "quarter to 11 (22:45)": a time said roughly or on the
 * 12-hour dial, then restated exactly.  Where the "(" of a 24-hour
 * HH:MM within an hour of h:m on the dial opens, after the blanks at
 * s[e], words after the HH:MM allowed; else 0.
 */
size_t
pm_when__restated_at(const char *s, size_t len, size_t e, int h, int m)
{
	size_t k = skip_blanks(s, len, e), a;
	int hh, mm, d;

	if (ch(s, len, k) != '(')
		return 0;
	a = digit_run(s, len, k + 1, &hh);
	/* "(19:10)", "(19:10 when the last feed was rebuilt)" */
	if (a < 1 || a > 2 || (ch(s, len, k + 1 + a) != ':' &&
	    ch(s, len, k + 1 + a) != '.') ||
	    digit_run(s, len, k + 2 + a, &mm) != 2 ||
	    (ch(s, len, k + 4 + a) != ')' && ch(s, len, k + 4 + a) != ' ') ||
	    hh > 23 || mm > 59 || !memchr(s + k, ')', len - k))
		return 0;
	d = (hh * 60 + mm - (h % 12) * 60 - m) % 720;
	d += d < 0 ? 720 : 0;
	return d <= 60 || d >= 660 ? k : 0;
}

/* A clock said roughly at s[i] ("6ish", "9pm", "3.05 pm", "6"): its end,
 * with the hour and minute; 0 when there is none. */
size_t
pm_when__rough_clock_at(const char *s, size_t len, size_t i, int *h,
    int *m)
{
	size_t a = digit_run(s, len, i, h), e, k;

	*m = 0;
	if (a < 1 || a > 2 || *h > 23)
		return 0;
	/* the minutes of a clock are no hour: the "20 (08:20 UTC)" of
	 * "11:20 (08:20 UTC)" restates nothing */
	if (i > 1 && (s[i - 1] == ':' || s[i - 1] == '.') &&
	    is_digit((unsigned char)s[i - 2]))
		return 0;
	e = i + a;
	if ((ch(s, len, e) == ':' || ch(s, len, e) == '.') &&
	    digit_run(s, len, e + 1, m) == 2 && *m <= 59)
		e += 3;
	k = skip_blanks(s, len, e);
	if ((lower(ch(s, len, k)) == 'a' || lower(ch(s, len, k)) == 'p') &&
	    lower(ch(s, len, k + 1)) == 'm' && !is_alnum(ch(s, len, k + 2)))
		return k + 2;
	if (ch(s, len, e) == 'i')
		return word_at(s, len, e, "ish") ? e + 3 : 0;
	return is_alnum(ch(s, len, e)) ? 0 : e;
}

/* Blank the time [i, k) restated at s[k] (pm_when__restated_at()), and the
 * restatement's parentheses; the end of the restatement. */
size_t
pm_when__take_restated(char *out, const char *s, size_t len, size_t i,
    size_t k)
{
	size_t close = k + 1;

	while (close < len && s[close] != ')')
		close++;
	memset(out + i, ' ', k + 1 - i);
	out[close] = ' ';
	return close;
}
