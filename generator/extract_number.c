/*
 * extract_number.c: numbers as people write them in a sentence about
 * the impact: digits with thousands separators and decimals ("41,800",
 * "12.5", "12,5 %"), "5k", "1.2M" and "1.9 million", and words up to
 * ninety-nine ("one in twenty-five"), and the percent signs that make a
 * number a share ("17%", "78 procent", the Turkish "%17").
 */
#include "extract_int.h"
#include "extract_share.h"

#include <string.h>

/* One to nine, the units after a ten ("twenty-five", "forty five"). */
static const char *const units[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine"
};

/*
 * Every number in words up to ninety, sorted by first letter, so that a
 * word is compared only with those that start as it does: this runs at
 * every word of every sentence read for a share.  No two can match at
 * the same place (a phrase ends at a word's end), so their order within
 * a letter does not matter.
 */
static const struct number_word {
	const char *word;
	int value;
} number_words[] = {
	{ "eight", 8 }, { "eighteen", 18 }, { "eighty", 80 }, { "eleven", 11 },
	{ "fifteen", 15 }, { "fifty", 50 }, { "five", 5 }, { "forty", 40 },
	{ "four", 4 }, { "fourteen", 14 },
	{ "nine", 9 }, { "nineteen", 19 }, { "ninety", 90 },
	{ "one", 1 },
	{ "seven", 7 }, { "seventeen", 17 }, { "seventy", 70 }, { "six", 6 },
	{ "sixteen", 16 }, { "sixty", 60 },
	{ "ten", 10 }, { "thirteen", 13 }, { "thirty", 30 }, { "three", 3 },
	{ "twelve", 12 }, { "twenty", 20 }, { "two", 2 },
	{ "zero", 0 },
};

int
x_thousands_at(const char *s, size_t len, size_t j)
{
	for (size_t k = 1; k <= 3; k++)
		if (j + k >= len || s[j + k] < '0' || s[j + k] > '9')
			return 0;
	return j + 4 >= len || s[j + 4] < '0' || s[j + 4] > '9';
}

size_t
x_number_at_full(const char *s, size_t len, size_t i, double *v)
{
	size_t j = i, e, k, u;
	double n = 0, scale = 0;
	int c;

	if (i > 0 && x_alnum((unsigned char)s[i - 1]))
		return 0;
	if (i < len && s[i] >= '0' && s[i] <= '9') {
		for (; j < len && ((s[j] >= '0' && s[j] <= '9') ||
		    (s[j] == '.' && scale == 0 && j + 1 < len &&
		    s[j + 1] >= '0' && s[j + 1] <= '9') ||
		    (s[j] == ',' && scale == 0 && x_thousands_at(s, len, j)));
		    j++) {
			if (s[j] == ',')
				continue;
			if (s[j] == '.')
				scale = 1;
			else if (scale)
				n += (s[j] - '0') * (scale /= 10);
			else
				n = n * 10 + (s[j] - '0');
		}
		/* "12,5 %": a decimal comma, taken only before a percent
		 * sign, where it cannot be a list ("versions 1,2 and 3") */
		if (j + 1 < len && s[j] == ',' && scale == 0 &&
		    s[j + 1] >= '0' && s[j + 1] <= '9') {
			size_t d = j + 1;
			double f = 0, sc = 1;

			while (d < len && s[d] >= '0' && s[d] <= '9' && d < j + 3)
				f += (s[d++] - '0') * (sc /= 10);
			if ((d >= len || s[d] < '0' || s[d] > '9') &&
			    x_skip_blanks(s, len, d) < len &&
			    s[x_skip_blanks(s, len, d)] == '%') {
				n += f;
				j = d;
			}
		}
		/* "5k of 20k users", "1.2M of 3M requests" */
		if (j < len && (s[j] == 'k' || s[j] == 'K' || s[j] == 'M') &&
		    (j + 1 >= len || !x_alnum((unsigned char)s[j + 1])))
			n *= s[j++] == 'M' ? 1e6 : 1e3;
		else if ((e = x_phrase_at(s, len, x_skip_blanks(s, len, j),
		    "million")) != 0)
			n *= 1e6, j = e;
		else if ((e = x_phrase_at(s, len, x_skip_blanks(s, len, j),
		    "thousand")) != 0)
			n *= 1e3, j = e;
		*v = n;
		return j;
	}
	if (i >= len || (c = x_lower((unsigned char)s[i])) > 'z')
		return 0;
	for (k = 0; k < XCOUNT(number_words) && number_words[k].word[0] <= c;
	    k++) {
		if (number_words[k].word[0] != c ||
		    (e = x_phrase_at(s, len, i, number_words[k].word)) == 0)
			continue;
		*v = number_words[k].value;
		/* a ten's unit after a hyphen or a blank */
		if (*v >= 20 && e < len && (s[e] == '-' || s[e] == ' '))
			for (size_t d = 0; d < XCOUNT(units); d++)
				if ((u = x_phrase_at(s, len, e + 1,
				    units[d])) != 0) {
					*v += d + 1;
					return u;
				}
		return e;
	}
	return 0;
}

/* A percent sign at s[k]: "%", "percent", "per cent", and the words
 * writers bring from their own languages ("78 procent", "30 pct"); its
 * end, or 0. */
size_t
x_percent_at(const char *s, size_t len, size_t k)
{
	static const char *const signs[] = {
		"percent", "per cent", "procent", "prozent", "pct",
		"por ciento", "pour cent", "per cento", "por cento", "persen",
		NULL
	};

	if (k < len && s[k] == '%')
		return k + 1;
	/* "41pc", the newspapers' way, written onto the number */
	if (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9' && k + 1 < len &&
	    (s[k] == 'p' || s[k] == 'P') && (s[k + 1] == 'c' ||
	    s[k + 1] == 'C') && (k + 2 == len ||
	    !x_alnum((unsigned char)s[k + 2])))
		return k + 2;
	return x_phrase_at_any(s, len, k, signs);
}

size_t
x_percent_after(const char *s, size_t len, size_t i, size_t e)
{
	size_t d = x_percent_at(s, len, x_skip_blanks(s, len, e));

	if (d != 0)
		return d;
	/* "%17 of the users": a sign of its own, not "100%25" or "a%20b" */
	if (i > 0 && s[i - 1] == '%' && (i == 1 || s[i - 2] == ' ' ||
	    s[i - 2] == '(' || s[i - 2] == '\t'))
		return e;
	return 0;
}
