/*
 * extract_share_change.c: percentages that are not a share of the harm
 * but a change ("traffic up 30%", "a 40% increase"), a level moved
 * between two values ("from 5% to 10% of shoppers") or the size of a
 * part on a normal day ("about 70% of our bookings normally come ...");
 * and a share that grew, reported at the peak the writer names.
 */
#include "extract_int.h"
#include "extract_share.h"

#include <math.h>
#include <string.h>

/* "make up 30% of booking attempts": the "up" at s[k] is a part of a
 * whole, not a rise. */
static int
makes_up(const char *s, size_t k)
{
	static const char *const make[] = {
		"make", "makes", "made", "making", NULL
	};
	size_t b = k;

	if (!x_phrase_at(s, k + 2, k, "up"))
		return 0;
	while (b > 0 && s[b - 1] == ' ')
		b--;
	while (b > 0 && s[b - 1] != ' ')
		b--;
	return x_phrase_at_any(s, k, b, make) != 0;
}

/* "more or less 45 %": the "less" (or "more") at s[k], before s[end],
 * hedges; it does not compare. */
static int
more_or_less(const char *s, size_t k, size_t end)
{
	size_t n = strlen("more or ");

	return (k >= n && x_phrase_at(s, end, k - n, "more or less")) ||
	    x_phrase_at(s, end, k, "more or less");
}

/* "fewer than 1% of account holders": the "fewer" (or "less") at s[k]
 * bounds the number at s[i], as "under 1%" does; it does not compare.
 * Only of people: "once fewer than 1% of sessions come from v1" is a
 * threshold. */
static int
bound(const char *s, size_t k, size_t i)
{
	static const char *const bounds[] = {
		"less than", "fewer than", NULL
	};
	size_t e = x_phrase_at_any(s, i, k, bounds);

	return e != 0 && x_skip_blanks(s, i, e) == i;
}

/* Does "for" stand right before s[i]?  "The site was down for 40% of
 * users", "pages were slower for 12% of riders": the change happened to
 * that share of people, so the number is the harm, not the change.  An
 * article typed between counts too ("down for a 100% of the users"). */
static int
for_before(const char *s, size_t i)
{
	size_t k = i;

	while (k > 0 && s[k - 1] == ' ')
		k--;
	if (k >= 3 && s[k - 2] == ' ' && (s[k - 1] == 'a' || s[k - 1] == 'A'))
		for (k -= 2; k > 0 && s[k - 1] == ' '; k--)
			;
	return k >= 4 && s[k - 4] == ' ' && x_phrase_at(s, k, k - 3, "for");
}

/* Is a change word among the words before s[i], in its clause ("traffic
 * grew, affecting 12% of requests" is a share)? */
static int
change_before(const char *s, size_t i, int of_people)
{
	size_t k = i;
	int words = 0;

	if (of_people && for_before(s, i))
		return 0;
	while (k > 0 && words < 3) {
		while (k > 0 && s[k - 1] == ' ')
			k--;
		if (k > 0 && (s[k - 1] == ',' || s[k - 1] == ';'))
			break;
		while (k > 0 && s[k - 1] != ' ')
			k--;
		if (x_phrase_at_any(s, i, k, x_change_words) &&
		    !makes_up(s, k) && !more_or_less(s, k, i) &&
		    !(of_people && bound(s, k, i)))
			return 1;
		words++;
	}
	return 0;
}

/* Is the clause around s[i..k) about a normal day ("about 70% of our
 * bookings normally come through our own site", "On a normal Monday
 * about 98% of syncs succeed")?  That is the size of a part, not the
 * harm.  "45% of users open that tab on a normal afternoon, and for them
 * ..." is the share: a normal day only at the clause's head counts. */
static int
baseline_clause(const char *s, size_t len, size_t i, size_t k)
{
	static const char *const usual[] = {
		"normally", "usually", "typically", "ordinarily", NULL
	};
	static const char *const heads[] = {
		"on a normal", "on a typical", "on an ordinary", "in a normal",
		"in a typical", NULL
	};
	size_t b = i, e = k;

	while (b > 0 && s[b - 1] != ',' && s[b - 1] != ';' && s[b - 1] != ':')
		b--;
	while (e < len && s[e] != ',' && s[e] != ';' && s[e] != ':')
		e++;
	return x_find_any(s + b, e - b, usual, NULL) != NULL ||
	    x_phrase_at_any(s, len, x_skip_blanks(s, len, b), heads) != 0;
}

/* Is the word after s[k] a change ("30% increase")? */
static int
next_is_change(const char *s, size_t len, size_t k)
{
	while (k < len && s[k] == ' ')
		k++;
	if (x_phrase_at_any(s, len, k, x_change_words))
		return 1;
	return 0;
}

/*
 * Is the percentage s[i..k) one end of a move between two levels ("from
 * 5% to 10% of shoppers", "raised from 10% to 50%")?  That is a plan or a
 * rollout, not the share hurt.
 */
static int
level_change(const char *s, size_t len, size_t i, size_t k)
{
	size_t b = i;

	while (b > 0 && s[b - 1] == ' ')
		b--;
	if (b >= 2 && (s[b - 1] | 0x20) == 'o' && (s[b - 2] | 0x20) == 't' &&
	    (b == 2 || s[b - 3] == ' ')) {
		b -= 2;
		while (b > 0 && s[b - 1] == ' ')
			b--;
		if (b > 0 && s[b - 1] == '%')
			return 1;
	}
	while (k < len && s[k] == ' ')
		k++;
	if (x_phrase_at(s, len, k, "to") == 0)
		return 0;
	k += 2;
	while (k < len && s[k] == ' ')
		k++;
	return k < len && s[k] >= '0' && s[k] <= '9';
}

/* Is the percentage s[i..k) a change, a level or a normal day? */
int
x_share_is_change(const char *s, size_t len, size_t i, size_t k)
{
	return change_before(s, i, x_noun_after(s, len, k, x_persons)) ||
	    baseline_clause(s, len, i, k) ||
	    next_is_change(s, len, k) || level_change(s, len, i, k);
}

/* Does a word of the peak ("peaked", "the peak") stand near the share
 * [i, d): in the few words before it or after it, in its sentence, and
 * not in brackets? */
int
x_peak_near(const char *s, size_t len, size_t i, size_t d)
{
	size_t from = i > 40 ? i - 40 : 0, to = d + 30 < len ? d + 30 : len;

	/* not back into the sentence before */
	for (size_t j = i; j > from; j--)
		if ((s[j - 1] == '.' || s[j - 1] == '!' || s[j - 1] == '?') &&
		    s[j] == ' ') {
			from = j;
			break;
		}
	/* "~18% of requests failed (peak 31% at 14:40)": a peak in
	 * brackets is a detail of the share before it */
	for (size_t j = i, depth = 0; j > 0; j--)
		if (s[j - 1] == ')')
			depth++;
		else if (s[j - 1] == '(' && depth-- == 0)
			return 0;
	for (size_t j = from; j < to; j++)
		if (x_phrase_at(s, to, j, "peak*"))
			return 1;
	return 0;
}

/* "About 9% of active sellers were failing; by 11:40 it was 46% of them,
 * the peak", "by 14:40 it was 18%, and at 15:10 it peaked at 31% of
 * active sitters": a share that grew is reported at the peak the writer
 * names.  The share after s[k] said to be the peak, of people or "of
 * them", or NAN. */
double
x_peak_after(const char *s, size_t len, size_t k)
{
	double v;
	size_t e, d;

	for (size_t i = k; i < len; i++) {
		if ((e = x_number_at(s, len, i, &v)) == 0)
			continue;
		d = x_percent_at(s, len, x_skip_blanks(s, len, e));
		if (d != 0 && v > 0 && v <= 100 && x_peak_near(s, len, i, d) &&
		    (x_people_after(s, len, d) || x_phrase_at(s, len,
		    x_skip_blanks(s, len, d), "of them")))
			return v;
		i = d ? d : e;
	}
	return NAN;
}
