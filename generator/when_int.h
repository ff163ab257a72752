/*
 * when_int.h: the byte scanner shared by when.c, when_zone.c and
 * when_span.c (bounded lookahead, ASCII classes, words, word boundaries),
 * and the table of zone names (when_zone_table.c).  Not part of the
 * public API: everyone else includes when.h.
 *
 * Every reader in the module takes (s, len, i) and returns the index just
 * past what it read, or 0 when it read nothing: no reader succeeds without
 * consuming a byte, so 0 is never a valid end.  Classes are ASCII on
 * purpose, so that nothing depends on the process locale.
 */
#ifndef PM_WHEN_INT_H
#define PM_WHEN_INT_H

#include <stddef.h>

#include "when.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A zone name and its offset (when_zone_table.c). */
struct pm_when__zone {
	const char *name;
	int offset_minutes;
	/* the summer time a name of a region's clock follows, applied by
	 * pm_when_settle_zone(): 'E' the EU's, 'U' the US's since 2007 (the
	 * regional names here are American), 'A' south-east Australia's,
	 * 'N' New Zealand's, 'C' Chile's, 'G' Egypt's since 2023; 0 none
	 * (the name says which time it is) */
	char summer;
};

extern const struct pm_when__zone pm_when__zones[];
extern const size_t pm_when__nzones;

/*
 * The table's entries by the first letter of their name (when_zone_index.c,
 * generated from the table): those of letter c ('a' to 'z') are
 * pm_when__zone_by_letter[pm_when__zone_first[c - 'a'] ..
 * pm_when__zone_first[c - 'a' + 1]), in table order.
 */
extern const unsigned short pm_when__zone_first[27];
extern const unsigned short pm_when__zone_by_letter[];

/* The byte at i, or 0 past the end, so lookahead needs no bounds test. */
static inline int
ch(const char *s, size_t len, size_t i)
{
	return i < len ? (unsigned char)s[i] : 0;
}

static inline int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static inline int
is_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static inline int
is_alnum(int c)
{
	return is_digit(c) || is_alpha(c) || c == '_';
}

/* A set of lowercase letters as bits: filters of first letters. */
#define LETTER(c)	(1u << ((c) - 'a'))

static inline int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static inline size_t
skip_blanks(const char *s, size_t len, size_t i)
{
	for (;;) {
		if (ch(s, len, i) == ' ' || ch(s, len, i) == '\t')
			i++;
		else if (ch(s, len, i) == 0xc2 && ch(s, len, i + 1) == 0xa0)
			i += 2;	/* U+00A0, common in pasted text */
		else
			return i;
	}
}

/*
 * Case-insensitive match of word at s[i]; a space in word matches one or
 * more blanks.  Returns the end, or 0.  Says nothing about what follows.
 */
static inline size_t
match(const char *s, size_t len, size_t i, const char *word)
{
	size_t j;

	for (; *word; word++) {
		if (*word == ' ') {
			if ((j = skip_blanks(s, len, i)) == i)
				return 0;
			i = j;
		} else if (lower(ch(s, len, i)) != lower((unsigned char)*word)) {
			return 0;
		} else {
			i++;
		}
	}
	return i;
}

/* match() that must also end on a word boundary. */
static inline size_t
word_at(const char *s, size_t len, size_t i, const char *word)
{
	size_t e = match(s, len, i, word);

	return e && !is_alnum(ch(s, len, e)) ? e : 0;
}

/* At most 5 digits at s[i] and their value. */
static inline size_t
digit_run(const char *s, size_t len, size_t i, int *v)
{
	size_t n = 0;

	*v = 0;
	while (is_digit(ch(s, len, i + n)) && n < 5)
		*v = *v * 10 + (s[i + n++] - '0');
	return n;
}

/* Count the digits at s[i] and their value (capped at 9 digits). */
static inline size_t
digits(const char *s, size_t len, size_t i, int *value)
{
	size_t n = 0;
	int v = 0;

	while (is_digit(ch(s, len, i + n))) {
		if (n < 9)
			v = v * 10 + (ch(s, len, i + n) - '0');
		n++;
	}
	*value = v;
	return n;
}

/*
 * Can a point end before s[i]?  Not before a letter, digit or '%', nor
 * before '.', ':' or '/' followed by a digit ("1.5 hours", "30%").
 */
static inline int
ends_clean(const char *s, size_t len, size_t i)
{
	int c = ch(s, len, i);

	if (is_alnum(c) || c == '%')
		return 0;
	if ((c == '.' || c == ':' || c == '/') && is_digit(ch(s, len, i + 1)))
		return 0;
	return 1;
}

/*
 * Can a point start at s[i]?  Not after a letter or digit, nor after '.',
 * ':' or '/' that follow a digit ("v2.10", "3.2.1", "10.0.0.1").
 */
static inline int
starts_clean(const char *s, size_t i)
{
	int c;

	if (i == 0)
		return 1;
	c = (unsigned char)s[i - 1];
	if (is_alnum(c))
		return 0;
	if ((c == '.' || c == ':' || c == '/') && i >= 2 &&
	    is_digit((unsigned char)s[i - 2]))
		return 0;
	return 1;
}

/*
 * Module-private entry points across files (the double underscore marks
 * them as such): not part of the API.
 */

/* when_summer.c: set w's offset under summer time rule ('E' the EU's,
 * 'U' the US's, 'A' south-east Australia's, 'N' New Zealand's, 'G'
 * Egypt's, 'C' Chile's; any other none) from the standard offset std, in
 * minutes east of UTC.  1 when summer time is in force, else 0 (the
 * offset is then std for a known rule, untouched for none). */
int pm_when__summer(struct pm_when *w, int rule, int std);

/* when_calendar.c: is y-m-d a date?  A year of 0 means "not written":
 * February 29 is then allowed. */
int pm_when__valid_date(int y, int m, int d);

/* when.c: the end of a weekday's name at s[i] ("Thu", "Thursday"),
 * whatever follows it but a letter or digit, and the weekday (Monday 0);
 * or 0. */
size_t pm_when__weekday_name(const char *s, size_t len, size_t i, int *wd);

/* One point at s[i] (when.c); *mer is -1 without am/pm, else 0 or 1. */
size_t pm_when__point_at(const char *s, size_t len, size_t i,
    struct pm_when *w, int *mer);

/*
 * The zone after a time ending at s[j], into *w (when_zone.c).  Returns
 * its end, or j when there is none.  minus_ok allows a glued "-05:00".
 */
size_t pm_when__zone_after(const char *s, size_t len, size_t j,
    struct pm_when *w, int minus_ok);

/* Clocks said in words or roughly (when_spoken.c), for the rewrite. */
size_t pm_when__ish_label_at(const char *s, size_t len, size_t i, int *h);
size_t pm_when__clock_words_at(const char *s, size_t len, size_t i, int *h,
    int *m, int *pm);
size_t pm_when__rough_clock_at(const char *s, size_t len, size_t i, int *h,
    int *m);
size_t pm_when__restated_at(const char *s, size_t len, size_t e, int h,
    int m);
size_t pm_when__take_restated(char *out, const char *s, size_t len,
    size_t i, size_t k);

#endif
