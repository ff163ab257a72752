/*
 * extract_number.c: numbers as people write them in a sentence about
 * the impact: digits with thousands separators and decimals ("41,800",
 * "12.5", "12,5 %"), "5k", "1.2M" and "1.9 million", and words up to
 * ninety-nine ("one in twenty-five").
 */
#include "extract_int.h"

#include <string.h>

static const char *const small_numbers[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
	"fifteen", "sixteen", "seventeen", "eighteen", "nineteen", NULL
};

/* "twenty", "twenty-five", "forty five": tens in words, with their
 * unit ("one in twenty-five visitors"). */
static const char *const tens[] = {
	"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
	"ninety", NULL
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
x_number_at(const char *s, size_t len, size_t i, double *v)
{
	size_t j = i, e;
	double n = 0, scale = 0;

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
	/* Numbers in words start with one of these letters; this runs at
	 * every word of every sentence about the impact. */
	if (i >= len || memchr("zotfsen", x_lower((unsigned char)s[i]),
	    7) == NULL)
		return 0;
	for (int k = 0; small_numbers[k]; k++)
		if ((e = x_phrase_at(s, len, i, small_numbers[k])) != 0) {
			*v = k;
			return e;
		}
	for (int k = 0; tens[k]; k++) {
		size_t u;

		if ((e = x_phrase_at(s, len, i, tens[k])) == 0)
			continue;
		*v = 20 + 10 * k;
		/* the unit after a hyphen or a blank: one to nine */
		if (e < len && (s[e] == '-' || s[e] == ' '))
			for (int d = 1; d <= 9; d++)
				if ((u = x_phrase_at(s, len, e + 1,
				    small_numbers[d])) != 0) {
					*v += d;
					return u;
				}
		return e;
	}
	return 0;
}

