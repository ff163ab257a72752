/*
 * extract_share_line.c: the share of users over the sentences of a line,
 * where a sentence may give the whole of a count the next one divides
 * ("It serves 1.2 million meters.  Of these, roughly 310 thousand were
 * left without a read"), and the share a front matter field gives.
 */
#include "extract_int.h"
#include "extract_share.h"

#include <math.h>
#include <string.h>

/* The last count in s that is of something ("1.2 million meters"): a
 * number with a word after it, so neither a percentage nor a year that
 * ends the sentence.  NAN when there is none. */
static double
last_count(const char *s, size_t len)
{
	double v, count = NAN;
	size_t e, k;

	for (size_t i = 0; i < len; i++) {
		if ((e = x_number_at(s, len, i, &v)) == 0)
			continue;
		k = x_skip_blanks(s, len, e);
		if (k < len && k > e && x_alnum((unsigned char)s[k]) &&
		    !x_percent_at(s, len, k))
			count = v;
		i = e;
	}
	return count;
}

/* Does s count people against their whole ("Of the 41,600 members who
 * tried, 12,900 could not", "2,986 out of the 14,212 runners")?  Such a
 * share beats a share of places or things said before it. */
static int
names_persons_count(const char *s, size_t len)
{
	static const char *const of[] = {
		"of the", "of our", "of all", "out of the", "out of", "of",
		NULL
	};
	double v;
	size_t e;

	for (size_t i = 0; i < len; i++) {
		if ((e = x_phrase_at_any(s, len, i, of)) == 0 ||
		    (e = x_number_at(s, len, x_skip_blanks(s, len, e),
		    &v)) == 0)
			continue;
		/* "of our 3,900 webhook-enabled customers" */
		if (v > 1 && x_noun_after(s, len, e, x_persons))
			return 1;
		i = e;
	}
	return 0;
}

/*
 * "Of these, roughly 310 thousand were left without a read": a part at
 * the head of s whose whole is the last count of the sentence before
 * (prev), in a sentence about the impact.  NAN when s is not so.
 */
static double
of_these(const char *prev, size_t plen, const char *s, size_t len,
    int in_impact)
{
	static const char *const lead[] = {
		"of these", "of those", "of them", "of that number", NULL
	};
	static const char *const about[] = {
		"about", "around", "roughly", "approximately", "some",
		"nearly", "almost", NULL
	};
	size_t i = x_skip_blanks(s, len, 0), e;
	double whole, part;

	if ((e = x_phrase_at_any(s, len, i, lead)) == 0)
		return NAN;
	i = x_skip_blanks(s, len, e);
	if (i < len && s[i] == ',')
		i = x_skip_blanks(s, len, i + 1);
	if ((e = x_phrase_at_any(s, len, i, about)) != 0)
		i = x_skip_blanks(s, len, e);
	if (x_number_at(s, len, i, &part) == 0 || part <= 0 ||
	    !(in_impact || x_find_any(s, len, x_impact_words, NULL)))
		return NAN;
	whole = last_count(prev, plen);
	return isnan(whole) || part >= whole ? NAN : 100.0 * part / whole;
}

/*
 * "We have 1,480 active workspaces.  Going by the logs, 312 could not
 * work": a bare count that a verb follows counts what the sentence
 * before (prev) named, its last count of a thing, in a sentence about
 * the impact.  NAN when s is not so.
 */
static double
bare_count(const char *prev, size_t plen, const char *s, size_t len,
    int in_impact)
{
	static const char *const verbs[] = {
		"could", "couldn t", "couldnt", "were", "did", "didn t",
		"had", "saw", "got", "lost", "never", "failed", "hit",
		"received", NULL
	};
	double whole = NAN, part;
	size_t e, k;

	/* the whole: the last count of a thing, not of seconds or nodes */
	for (size_t i = 0; i < plen; i++) {
		if ((e = x_number_at(prev, plen, i, &part)) == 0)
			continue;
		if (x_thing_after(prev, plen, e))
			whole = part;
		i = e;
	}
	if (isnan(whole) || !(in_impact || x_find_any(s, len, x_impact_words,
	    NULL)))
		return NAN;
	for (size_t i = 0; i < len; i++) {
		if (!x_count_starts(s, i) ||
		    (e = x_number_at(s, len, i, &part)) == 0)
			continue;
		k = x_skip_blanks(s, len, e);
		if (part > 1 && part < whole && x_phrase_at_any(s, len, k,
		    verbs))
			return 100.0 * part / whole;
		i = e;
	}
	return NAN;
}

/* The last count of people or things in s that is more than part ("310
 * customers had a pickup booked between 6:00 and 9:40 a.m.": 310, not
 * the 40 of a clock; "4,600 farmers came to our eleven shops": the
 * farmers); NAN when there is none, or when the count is of the harmed
 * ones ("61 of the workers had their account changed. For 23 of
 * them ..." divides the harm, not all). */
static double
last_whole(const char *s, size_t len, double part)
{
	double v, whole = NAN;
	size_t e;
	int harmed = 0;

	for (size_t i = 0; i < len; i++) {
		if (!x_count_starts(s, i) || (e = x_number_at(s, len, i,
		    &v)) == 0)
			continue;
		if (v > part && !(e < len && s[e] == ':') &&
		    (x_people_after(s, len, e) || x_who_after(s, len, e) ||
		    x_thing_after(s, len, e))) {
			whole = v;
			harmed = x_find_any(s + e, x_sentence_end(s, len, e) -
			    e, x_impact_words, NULL) != NULL;
		}
		i = e;
	}
	return harmed ? NAN : whole;
}

/* Does s count a part against its whole ("61 of the 9,150 farm
 * workers", "12 out of 40")? */
static int
counts_part(const char *s, size_t len)
{
	static const char *const of[] = {
		"of the", "of our", "out of the", "out of", "of", NULL
	};
	double v;
	size_t e, k;

	for (size_t i = 0; i < len; i++) {
		if (!x_count_starts(s, i) || (e = x_number_at(s, len, i,
		    &v)) == 0)
			continue;
		k = x_phrase_at_any(s, len, x_skip_blanks(s, len, e), of);
		if (k && x_number_at(s, len, x_skip_blanks(s, len, k), &v))
			return 1;
		i = e;
	}
	return 0;
}

/*
 * "310 customers tried to book.  93 of them could not (30.0%)", or a
 * slide's "**320** growers came" over "**96** of them, 30%, waited": a
 * part "of them" whose whole is counted before its sentence (prev, the
 * sentences before in the line, or the line before).  The writer's
 * percentage is the share when it agrees with the counts; without one,
 * the counts give it in a sentence about the impact.  NAN otherwise.
 */
static double
part_of_before(const char *prev, size_t plen, const char *s, size_t len,
    int in_impact)
{
	static const char *const of[] = {
		"of them", "of those", "of these", NULL
	};
	double part = NAN, whole, pct, share;
	size_t e, d, i;
	int w, of_them = x_find_any(s, len, of, NULL) != NULL;

	if (!of_them && memchr(s, '%', len) == NULL)
		return NAN;

	/* the sentence's first count, in digits ("one of those packages"
	 * is a way of speaking): after another ("1,412 were sent late, and
	 * 38 of them never"), the whole is in the sentence.  Without "of
	 * them" the count must open the sentence, and the writer's
	 * percentage below must agree: "**410** could not complete a
	 * purchase: 25.9%" under "**1,580** people tried". */
	for (i = 0; i < len; i++) {
		if (!x_count_starts(s, i) || (e = x_number_at(s, len, i,
		    &part)) == 0)
			continue;
		if (s[i] < '0' || s[i] > '9' || (of_them ?
		    x_phrase_at_any(s, len, x_skip_blanks(s, len, e),
		    of) == 0 : i != x_skip_blanks(s, len, 0)))
			part = NAN;
		break;
	}
	if (isnan(part) || part <= 0 || isnan(whole = last_whole(prev, plen,
	    part)))
		return NAN;
	/* "61 of the 9,150 workers (0.7%) had their account changed.  For
	 * 23 of them ...": a part of a share already given */
	if (!isnan(x_share_in(prev, plen, in_impact, &w)) ||
	    counts_part(prev, plen))
		return NAN;
	share = 100.0 * part / whole;
	for (i = 0; i < len; i++) {
		if ((e = x_number_at(s, len, i, &pct)) == 0)
			continue;
		if ((d = x_percent_after(s, len, i, e)) != 0 &&
		    fabs(pct - share) <= 0.5)
			return pct;
		i = e;
	}
	return of_them && (in_impact || x_find_any(s, len, x_impact_words,
	    NULL)) ? share : NAN;
}

/*
 * "In Lisbon about 70% of riders got an error.  Lisbon is one of our nine
 * cities, so across all our markets that works out at about 14% of our
 * users": the sentence after a share of people (s) restates it as a
 * share of all of them, with a word that says so.  That share, or NAN.
 */
static double
restated_overall(const char *s, size_t len, int in_impact)
{
	double v;
	int w;

	if (x_find_any(s, len, x_overall_words, NULL) == NULL ||
	    !x_names_persons_percent(s, len))
		return NAN;
	v = x_share_in(s, len, in_impact, &w);
	return w ? NAN : v;
}

double
x_share_total_row(const struct xline *l)
{
	static const char *const total[] = {
		"all", "total", "overall", "everyone", NULL
	};
	const char *tab = memchr(l->s, '\t', l->len), *last;
	char cell[32];
	size_t n;

	if (l->kind != XL_ROW || tab == NULL ||
	    x_phrase_at_any(l->s, (size_t)(tab - l->s),
	    x_skip_blanks(l->s, l->len, 0), total) == 0)
		return NAN;
	for (last = l->s + l->len; last > tab && last[-1] != '\t'; last--)
		;
	n = (size_t)(l->s + l->len - last);
	if (n >= sizeof(cell))
		return NAN;
	memcpy(cell, last, n);
	cell[n] = '\0';
	return x_bare_percent(cell);
}

/* Does s hold a digit?  A share without one is a guess in words
 * ("nearly half of our guests"). */
static int
has_digit(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 1;
	return 0;
}

/* The share in the sentences of one line, a number before a whole;
 * [*from, *to) gets the sentence.  As within a sentence, a percentage of
 * people beats a share of anything else said before it ("about a third
 * of their requests timed out.  That is roughly 8% of our users"), and
 * a counted share of people one guessed in words before it ("Her first
 * count was nearly half of our guests.  The records give 61 of the 380
 * guests"). */
double
x_share_in_line(const struct xline *l, const struct xline *before,
    int in_impact, size_t *from, size_t *to, int *whole, int *persons)
{
	size_t i = 0, e, prev = 0;
	double v, best = NAN;
	int w, p, counted, guessed = 0;

	*whole = 0;
	*persons = 0;
	/* a table's total row is the share its rows break down */
	if (!isnan(best = x_share_total_row(l))) {
		*from = 0;
		*to = l->len;
		*persons = 1;
		return best;
	}
	for (; i < l->len; prev = i, i = e) {
		e = x_sentence_end(l->s, l->len, i);
		v = x_share_in(l->s + i, e - i, in_impact, &w);
		if (isnan(v) && i > 0)
			v = of_these(l->s + prev, i - prev, l->s + i, e - i,
			    in_impact);
		if (isnan(v) && i > 0)
			v = bare_count(l->s + prev, i - prev, l->s + i, e - i,
			    in_impact);
		if (isnan(v) && (i > 0 || before))
			v = part_of_before(i > 0 ? l->s : before->s, i > 0 ?
			    i : before->len, l->s + i, e - i, in_impact);
		/* whether the share is of people is asked only of a share */
		p = !isnan(v) && !w && (x_names_persons_percent(l->s + i,
		    e - i) || names_persons_count(l->s + i, e - i) ||
		    x_names_persons_of_them(l->s + i, e - i));
		counted = p && names_persons_count(l->s + i, e - i);
		if (!isnan(v) && (isnan(best) || (*whole && !w) ||
		    (p && !*persons) || (counted && guessed))) {
			*from = i;
			*to = e;
			*whole = w;
			best = v;
			*persons = p;
			guessed = p && !has_digit(l->s + i, e - i);
			if (p && !guessed) {
				size_t n = x_sentence_end(l->s, l->len, e);

				if (n > e && !isnan(v = restated_overall(
				    l->s + e, n - e, in_impact))) {
					*from = e;
					*to = n;
					best = v;
				}
				break;
			}
		}
		if (e == i)
			break;
	}
	return best;
}

/* "22%", "~22 %", "about 22%": a front matter impact that is a share and
 * nothing else; NAN otherwise. */
double
x_bare_percent(const char *s)
{
	static const char *const about[] = {
		"about", "around", "roughly", "approximately", "approx", NULL
	};
	size_t len = strlen(s), i = x_skip_blanks(s, len, 0), e;
	double v;

	if (i < len && s[i] == '~')
		i++;
	if ((e = x_phrase_at_any(s, len, i, about)) != 0)
		i = x_skip_blanks(s, len, e);
	if ((e = x_number_at(s, len, i, &v)) == 0)
		return NAN;
	e = x_skip_blanks(s, len, e);
	if (e >= len || s[e] != '%' || x_skip_blanks(s, len, e + 1) != len ||
	    v < 0 || v > 100)
		return NAN;
	return v;
}

