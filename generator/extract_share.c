/*
 * extract_share.c: the share of users a sentence names.
 *
 * The share of users must be a share of people or of their requests:
 * "approximately 30% of users", "65% of our user base", "three quarters
 * of customers", "1 in 5 requests", "12 of our 40 customers", "all users
 * were unable to ...".
 * Percentages of anything else ("CPU at 95%", "traffic up 30%", "a 40%
 * increase in users") are not an impact and are skipped.
 */
#include "extract_int.h"
#include "extract_share.h"

#include <math.h>
#include <string.h>

/* Writing that talks to users rather than about the impact on them. */
static const char *const not_impact[] = {
	"apolog*", "thank*", "notif*", "emailed", "we email*", "communicat*",
	"inform*", "all affected", "got an email", "sent an email",
	"received an email", NULL
};

static const struct {
	const char *words;
	double percent;
} fractions[] = {
	{ "three quarters", 75 }, { "three fourths", 75 },
	{ "two thirds", 200.0 / 3 }, { "one third", 100.0 / 3 },
	{ "a third", 100.0 / 3 }, { "one quarter", 25 }, { "a quarter", 25 },
	{ "one fourth", 25 }, { "half", 50 }, { "one fifth", 20 },
	{ "a fifth", 20 }, { "two fifths", 40 }, { "three fifths", 60 },
	{ "four fifths", 80 }, { "one tenth", 10 }, { "a tenth", 10 },
	{ "nine tenths", 90 },
	/* "every third parcel": a rate by its form, of whatever it counts */
	{ "every third", 100.0 / 3 }, { "every fourth", 25 },
	{ "every fifth", 20 }, { "every tenth", 10 },
	{ "all of our", 100 }, { "all of the", 100 }, { "all", 100 },
	{ "every", 100 }, { "the entire", 100 }, { "entire", 100 },
	{ "100 percent", 100 }, { "everyone", 100 }, { "everybody", 100 },
	{ "anyone", 100 }, { "anybody", 100 },
};

/* What "every third" counts when it says how often, not how many: "every
 * third day", "every fifth run". */
static const char *const every_nth_when[] = {
	"second*", "minute*", "hour*", "day*", "night*", "week*", "month*",
	"year*", "time*", "run*", "cycle*", "monday*", "tuesday*",
	"wednesday*", "thursday*", "friday*", "saturday*", "sunday*", NULL
};

/*
 * "Everyone who tried to book", "anyone trying to pay": the pronoun is
 * the people, and what follows it says they are the ones who used the
 * service.  Without that ("we thank everyone", "anyone can read the
 * status page") it names nobody who was hurt.
 */
static int
everyone_who(const char *s, size_t len, size_t i, size_t e)
{
	static const char *const pronouns[] = {
		"everyone", "everybody", "anyone", "anybody", NULL
	};
	static const char *const users[] = {
		"who", "trying", "attempting", "that tried", NULL
	};

	return x_phrase_at_any(s, len, i, pronouns) != 0 &&
	    x_phrase_at_any(s, len, e, users) != 0;
}

/* Is the sentence about the impact?  Asked only of the few sentences
 * that hold a candidate share, so the answer is kept once asked: two
 * searches of every sentence of a report were a fifth of the share's
 * cost. */
struct sentence {
	const char *s;
	size_t len;
	int in_impact;
	int impact;	/* -1 until asked */
};

static int
about_impact(struct sentence *q)
{
	if (q->impact < 0)
		q->impact = (q->in_impact || x_find_any(q->s, q->len,
		    x_impact_words, NULL)) && x_find_any(q->s, q->len,
		    not_impact, NULL) == NULL;
	return q->impact;
}

/* Is an impact verb among the few words before s[i]? */
static int
impact_before(const char *s, size_t i)
{
	size_t k = i;
	int words = 0;

	while (k > 0 && words < 4) {
		while (k > 0 && s[k - 1] == ' ')
			k--;
		while (k > 0 && s[k - 1] != ' ')
			k--;
		/* "Error budget consumed: 51%" spends a budget */
		if (x_phrase_at_any(s, i, k, x_impact_words) &&
		    !x_phrase_at(s, i, k, "error budget"))
			return 1;
		words++;
	}
	return 0;
}

/* "Searches were slow, and about 23% of them failed": "of them" at s[k]
 * (after a percentage), where the clause has named what people do
 * before s[i].  Asked only in the impact section or field, where the
 * clause after says whether it is the impact. */
static int
of_them(const char *s, size_t len, size_t i, size_t k)
{
	static const char *const pronouns[] = { "them", "those", NULL };
	size_t e = x_phrase_at(s, len, x_skip_blanks(s, len, k), "of"), b;

	/* what "them" stands for is in the same clause: after a semicolon
	 * ("41,000 attempts; 99.2% of them were declined") a new one
	 * begins */
	for (b = i; b > 0 && s[b - 1] != ';' && s[b - 1] != ':'; b--)
		;
	return e && x_phrase_at_any(s, len, x_skip_blanks(s, len, e),
	    pronouns) && x_find_any(s + b, i - b, x_people, NULL) != NULL;
}

/* The nearest count before s[i] that is more than part (x_count_starts,
 * not a date): its end, with *whole set; 0 when none. */
static size_t
count_before(const char *s, size_t len, size_t i, double part, double *whole)
{
	double v;
	size_t e, at = 0;

	for (size_t j = 0; j < i; j++) {
		if (!x_count_starts(s, j) ||
		    (e = x_number_at(s, len, j, &v)) == 0 || e > i)
			continue;
		if (v > part && !x_month_after(s, len, e)) {
			*whole = v;
			at = e;
		}
		j = e;
	}
	return at;
}

/*
 * "530 skippers tried to book, and 214 of them never got a reply": the
 * whole a part "of them" at s[i] divides is the nearest count before it
 * that is more than the part.  It must be of people or, in a sentence
 * about the impact, of what people do ("1,230 visits"), and not itself
 * the harmed ones: "12,900 members were turned away; 2,300 of them gave
 * up" is a part of the harm, not a share of all.  NAN otherwise.
 */
static double
whole_before(struct sentence *q, size_t i, double part)
{
	const char *s = q->s;
	size_t len = q->len;
	double whole;
	size_t at = count_before(s, len, i, part, &whole);

	if (at == 0 || !(x_people_after(s, len, at) ||
	    x_who_after(s, len, at) || (about_impact(q) &&
	    x_thing_after(s, len, at))) || x_find_any(s + at, i - at,
	    x_impact_words, NULL) != NULL)
		return NAN;
	return whole;
}

/* "of them" at s[k], past its blanks, or "of those" standing alone
 * ("of those who", not "of those customers"); its end or 0. */
static size_t
of_pronoun_at(const char *s, size_t len, size_t k)
{
	static const char *const after_those[] = { "who", "that", NULL };
	size_t e;

	k = x_skip_blanks(s, len, k);
	if ((e = x_phrase_at(s, len, k, "of them")) != 0)
		return e;
	if ((e = x_phrase_at(s, len, k, "of those")) == 0)
		return 0;
	k = x_skip_blanks(s, len, e);
	return k >= len || !x_alnum((unsigned char)s[k]) ||
	    x_phrase_at_any(s, len, k, after_those) ? e : 0;
}

/* An impact word in the clause that goes on from s[k] ("96% of permits
 * were affected"; not "30% of the layers; logins failed"). */
static int
impact_in_clause(const char *s, size_t len, size_t k)
{
	return x_find_any(s + k, x_clause_end(s, len, k) - k, x_impact_words,
	    NULL) != NULL;
}

const char *const x_overall_words[] = {
	"worldwide", "overall", "globally", "in total", "across the board",
	"across all", "of the total", "across our", NULL
};

/*
 * "27% of our players in South-East Asia were affected, which is about
 * 6% of players worldwide": a later percentage of people in the sentence
 * (from s[k]) that says it is of all of them ("of all", "worldwide",
 * "overall") is the share of the whole; NAN when there is none.
 */
static double
share_of_all(const char *s, size_t len, size_t k)
{
	size_t end = x_sentence_end(s, len, k), i, e, n;
	double v;

	for (i = k; i < end; i++) {
		if ((e = x_number_at(s, len, i, &v)) == 0)
			continue;
		if ((n = x_percent_after(s, end, i, e)) == 0 || v > 100 ||
		    !x_noun_after(s, len, n, x_persons))
			continue;
		n = x_skip_blanks(s, len, n);
		if (x_phrase_at(s, len, n, "of all") ||
		    x_find_any(s + n, end - n < 48 ? end - n : 48,
		    x_overall_words, NULL) != NULL)
			return v;
		i = e;
	}
	return NAN;
}

/*
 * "40,800 of 340,000 thermostats (12%)": whatever the noun, a share
 * written out in brackets right after "N of M" that agrees with it says
 * the count is a share.
 */
static int
share_said(const char *s, size_t len, size_t i, double share)
{
	double p;
	size_t e;

	for (int words = 0; i < len && words < 4; words++) {
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && s[i] == '(') {
			i++;
			while (i < len && s[i] == '~')
				i++;
			return (e = x_number_at(s, len, i, &p)) != 0 &&
			    e < len && s[e] == '%' && fabs(p - share) < 1;
		}
		while (i < len && s[i] != ' ' && s[i] != '(')
			i++;
	}
	return 0;
}

/* "a little over half of our order volume, 54%", "a third of customers
 * (35%)", "half of players who tried ... never got one, 54% by our
 * counts": a percentage in the words after a fraction (from s[i]) that
 * agrees with it (within slack points) says it more exactly.  After a
 * count it is the writer's rounding: "3,150 of the 11,800 riders ...
 * (26.7%)" is 26.7, not 26.69. */
static double
refined(const char *s, size_t len, size_t i, double fraction,
    double slack)
{
	size_t end = i + 120 < len ? i + 120 : len, e;
	double v;

	for (; i < end; i++) {
		if ((i > 0 && x_alnum((unsigned char)s[i - 1])) ||
		    (e = x_number_at(s, len, i, &v)) == 0)
			continue;
		if (e < len && s[e] == '%' && fabs(v - fraction) <= slack)
			return v;
		i = e;
	}
	return fraction;
}

/* "Of the 9,800 students who tried to enrol, 2,140 had an add fail",
 * "Of 64 sessions booked in that window, 47 could not connect":
 * the whole first, the part after the comma, in a sentence about the
 * impact or with the share in brackets ("1,338 (14.2%) settled late").
 * NAN when s is not so. */
static double
of_the_first(struct sentence *q)
{
	static const char *const lead[] = {
		"of the", "of our", "of all", "of those", "of", NULL
	};
	static const char *const about[] = {
		"about", "around", "roughly", "approximately", "some", NULL
	};
	const char *s = q->s;
	size_t len = q->len, i = x_skip_blanks(s, len, 0), e;
	double whole, part;
	int who;

	if ((e = x_phrase_at_any(s, len, i, lead)) == 0 ||
	    (e = x_number_at(s, len, x_skip_blanks(s, len, e), &whole)) == 0 ||
	    !x_thing_after(s, len, e))
		return NAN;
	/* "Of the 2,050 customers who ordered that evening, 790 got the
	 * wrong day": people who did a thing, and a part of them */
	who = x_noun_after(s, len, e, x_persons) && x_who_after(s, len, e);
	while (e < len && s[e] != ',')
		e++;
	i = x_skip_blanks(s, len, e + 1);
	if ((e = x_phrase_at_any(s, len, i, about)) != 0)
		i = x_skip_blanks(s, len, e);
	if (i >= len || (e = x_number_at(s, len, i, &part)) == 0 ||
	    part <= 0 || part >= whole || !(who || about_impact(q) ||
	    share_said(s, len, e, 100.0 * part / whole)))
		return NAN;
	return 100.0 * part / whole;
}

/* "1,800 of the county's 6,000 staff", "4,300 of the roughly 5,000
 * residents", "22,000 of the ~97,000 players": past a possessive or a
 * word or sign of approximation after s[e], to the blank (or the sign)
 * before what follows it; e when there is none. */
static size_t
past_possessive(const char *s, size_t len, size_t e)
{
	static const char *const about[] = {
		"roughly", "about", "around", "approximately", "some",
		"nearly", "almost", "an estimated", NULL
	};
	size_t w = x_skip_blanks(s, len, e), k = w;

	if ((k = x_phrase_at_any(s, len, w, about)) != 0 && k < len &&
	    s[k] == ' ')
		return k;
	if (w + 1 < len && s[w] == '~' && s[w + 1] >= '0' && s[w + 1] <= '9')
		return w;
	k = w;

	while (k < len && x_alnum((unsigned char)s[k]))
		k++;
	if (k == w)
		return e;
	if (k + 1 < len && s[k] == '\'' && s[k + 1] == 's')
		k += 2;
	else if (k + 3 < len && memcmp(s + k, "\xe2\x80\x99s", 4) == 0)
		k += 4;
	else
		return e;
	return k < len && s[k] == ' ' ? k : e;
}

/* "player in three", "merchants out of 5,400" at s[i]: one to three
 * words, "in" or "out of" and a number; the end, with *den set, or 0. */
static size_t
noun_then_in(const char *s, size_t len, size_t i, double *den)
{
	size_t e = i, n = 0;

	/* one to three words: "player", "card payment" */
	for (int words = 0; words < 3 && n == 0; words++) {
		size_t b = e;

		while (e < len && x_alnum((unsigned char)s[e]))
			e++;
		if (e == b)
			return 0;
		n = x_phrase_at(s, len, x_skip_blanks(s, len, e), "in");
		if (n == 0)
			n = x_phrase_at(s, len, x_skip_blanks(s, len, e),
			    "out of");
		if (n == 0)
			e = x_skip_blanks(s, len, e);
	}
	if (n == 0)
		return 0;
	/* "accounts out of roughly 14k" */
	n = x_skip_blanks(s, len, past_possessive(s, len, n));
	if ((e = x_number_at(s, len, n, den)) == 0 ||
	    x_resource_at(s, len, x_skip_blanks(s, len, e)))
		return 0;	/* "5 failures in 15 minutes" is a rate */
	return e;
}

/* Does a comma, a bracket or a dash end the count at s[e]?  "A subset
 * of customers, about 1 in 8, had ..." (or between dashes): the people
 * named just before a count set off from the sentence are what it
 * divides. */
static int
set_off(const char *s, size_t len, size_t e)
{
	return e < len && (s[e] == ',' || s[e] == ')' || s[e] == ';' ||
	    (len - e >= 3 && memcmp(s + e, "\xe2\x80", 2) == 0 &&
	    ((unsigned char)s[e + 2] == 0x93 || (unsigned char)s[e + 2] ==
	    0x94)) || (e + 1 < len && s[e] == ' ' && s[e + 1] == '-'));
}

/* "Among hirers opening the app, one in seven was on 5.0": the people
 * a count divides, named at the head of the sentence before s[i]. */
static int
among_people(const char *s, size_t len, size_t i)
{
	size_t b = x_skip_blanks(s, len, 0), e = x_phrase_at(s, len, b,
	    "among");

	if (e == 0)
		return 0;
	for (e = x_skip_blanks(s, len, e); e < i && x_alnum((unsigned
	    char)s[e]); e = x_skip_blanks(s, len, e)) {
		if (x_phrase_at_any(s, len, e, x_people) ||
		    x_agent_noun_at(s, len, e))
			return 1;
		while (e < i && x_alnum((unsigned char)s[e]))
			e++;
	}
	return 0;
}

/* Does "all but" stand just before s[i]? */
static int
all_but(const char *s, size_t i)
{
	size_t n = strlen("all but");

	while (i > 0 && s[i - 1] == ' ')
		i--;
	return i >= n && x_phrase_at(s, i, i - n, "all but") &&
	    (i == n || !x_alnum((unsigned char)s[i - n - 1]));
}

/* "nearly all", "almost every", "not all": no whole at s[i]. */
static int
hedged(const char *s, size_t i)
{
	static const char *const hedges[] = {
		"nearly", "almost", "not", "virtually", "practically", NULL
	};
	size_t k = i;

	while (k > 0 && s[k - 1] == ' ')
		k--;
	while (k > 0 && x_alnum((unsigned char)s[k - 1]))
		k--;
	return k < i && x_phrase_at_any(s, i, k, hedges) != 0;
}

/* "a small part of all requests", "once every dashboard showed current
 * data": an "all" or "every" at s[i] that is the whole a part is
 * compared with, or that says when the impact ended, is no share. */
static int
not_the_affected(const char *s, size_t i)
{
	static const char *const openers[] = {
		"when", "once", "until", "till", "after", NULL
	};
	size_t k = i, w;

	while (k > 0 && s[k - 1] == ' ')
		k--;
	w = k;
	while (w > 0 && x_alnum((unsigned char)s[w - 1]))
		w--;
	if (w < k && x_phrase_at(s, k, w, "of"))
		return 1;
	/* the clause the word stands in opens with a word of time */
	for (k = i; k > 0 && s[k - 1] != ',' && s[k - 1] != ';'; k--)
		;
	return x_phrase_at_any(s, i, x_skip_blanks(s, i, k), openers) != 0;
}

static int names_persons_fraction(const char *s, size_t len);

/*
 * The share of users a sentence names, or NAN.  "All" counts only in a
 * sentence about impact and not about the affected ones ("we apologise
 * to all affected users"); *whole is set when the share is such a word
 * ("all", "every", "the entire"), which a number elsewhere beats ("errors
 * for every thumbnail request ... about 30% of page views").
 */
double
x_share_in(const char *s, size_t len, int in_impact, int *whole)
{
	double v, den, all, found = NAN;
	size_t i, e, k, d, n;
	int of, of_persons = 0, c, in_form;
	struct sentence q = { s, len, in_impact, -1 };

	*whole = 0;

	for (i = 0; i < len; i++) {
		if ((e = x_number_at(s, len, i, &v)) == 0)
			continue;
		k = e;
		while (k < len && s[k] == ' ')
			k++;
		if ((d = x_percent_after(s, len, i, e)) != 0) {
			k = d;
			/* "the error rate stayed at 0%": no share of an
			 * incident's harm is nothing */
			if (v <= 0 || v > 100 || x_share_is_change(s, len, i,
			    k))
				continue;
			/* "30% of users", "affecting 30% of our base", "every
			 * user (100%)", and in a sentence about the impact
			 * "96% of permits were affected" (not "of disk") */
			if (!(x_people_after(s, len, k) ||
			    (impact_before(s, i) && !x_of_their(s, len, k)) ||
			    x_share_aside(s, i) || (x_phrase_at(s, len,
			    x_skip_blanks(s, len, k), "of") &&
			    x_thing_after(s, len, k) && impact_in_clause(s, len,
			    k)) || (in_impact && of_them(s, len, i, k) &&
			    impact_in_clause(s, len, k))))
				continue;
			/* the first share of people in the sentence, else
			 * its first share; but the peak of one that grew */
			if (!isnan(found) && x_peak_near(s, len, i, k))
				return v;
			if (!isnan(found) && x_noun_after(s, len, k,
			    x_persons) && impact_in_clause(s, len, k))
				return v;
			if (isnan(found)) {
				found = v;
				of_persons = x_noun_after(s, len, k,
				    x_persons);
			}
			/* "31% of our users have Loop ID ..., but only ...:
			 * about 9% of active users were affected" */
			if (x_noun_after(s, len, k, x_persons) &&
			    impact_in_clause(s, len, k) &&
			    !isnan(all = x_peak_after(s, len, k)))
				return all;
			if (x_noun_after(s, len, k, x_persons) &&
			    impact_in_clause(s, len, k))
				return isnan(all = share_of_all(s, len, k)) ?
				    v : all;
			continue;
		}
		/* "530 skippers tried to book, and 214 (or so) of them" */
		if ((d = x_phrase_at(s, len, k, "or so")) != 0)
			k = x_skip_blanks(s, len, d);
		if (isnan(found) && v > 1 && of_pronoun_at(s, len, k) &&
		    !isnan(den = whole_before(&q, i, v)))
			return refined(s, len, k, 100.0 * v / den, 0.5);
		/* "1 in 5 users", "one out of ten requests", "12 of our 40
		 * customers", "12,000 of 48,000 merchants" */
		/* "1/4 of users" */
		if (isnan(found) && e < len && s[e] == '/' &&
		    x_number_at(s, len, e + 1, &den) &&
		    den > v && v > 0 && x_people_after(s, len,
		    x_number_at(s, len, e + 1, &den)))
			return 100.0 * v / den;
		in_form = (e = x_phrase_at(s, len, k, "in every")) != 0 ||
		    (e = x_phrase_at(s, len, k, "in")) != 0;
		if (!in_form &&
		    (e = x_phrase_at(s, len, k, "out of every")) == 0 &&
		    (e = x_phrase_at(s, len, k, "out of the")) == 0 &&
		    (e = x_phrase_at(s, len, k, "out of our")) == 0 &&
		    (e = x_phrase_at(s, len, k, "out of")) == 0 &&
		    (e = x_phrase_at(s, len, k, "of every")) == 0 &&
		    (e = x_phrase_at(s, len, k, "of our")) == 0 &&
		    (e = x_phrase_at(s, len, k, "of the")) == 0 &&
		    (e = x_phrase_at(s, len, k, "of those")) == 0 &&
		    (e = x_phrase_at(s, len, k, "of these")) == 0)
			e = x_phrase_at(s, len, k, "of");
		/* "204 on 212 who tried": a count on its whole, as French
		 * has it, only before the people it counts */
		if (e == 0 && (d = x_phrase_at(s, len, k, "on")) != 0 &&
		    (d = x_number_at(s, len, x_skip_blanks(s, len, d),
		    &den)) != 0 && (x_phrase_at(s, len, x_skip_blanks(s,
		    len, d), "who") || x_people_after(s, len, d)))
			e = x_skip_blanks(s, len, x_phrase_at(s, len, k,
			    "on")) - 1;
		if (e)
			e = past_possessive(s, len, e);
		/* "one player in three": the noun between */
		if (isnan(found) && e == 0 &&
		    (d = noun_then_in(s, len, k, &den)) > 0 &&
		    den > v && v > 0 && (x_people_after(s, len, k) ||
		    (about_impact(&q) && x_thing_after(s, len, k))))
			return 100.0 * v / den;
		/* "one of the 2,600 shops" is a shop, not a share; "52 of our
		 * 130 routes" is a share of ours whatever the sentence says */
		if (e && v == 1 && !(s[i] >= '0' && s[i] <= '9') &&
		    x_phrase_at(s, len, k, "of") && !x_phrase_at(s, len, k,
		    "of every"))
			e = 0;
		/* "all but 3 of our 212": the rest of them */
		if (isnan(found) && e && e < len && all_but(s, i) &&
		    x_number_at(s, len, e + 1, &den) != 0 && den > v)
			return 100.0 * (den - v) / den;
		if (isnan(found) && e && e < len &&
		    (n = x_number_at(s, len, e + 1, &den)) != 0 &&
		    den > v && v > 0 && (x_people_after(s, len, n) ||
		    among_people(s, len, i) || x_phrase_at(s, len,
		    x_skip_blanks(s, len, n), "who") || share_said(s, len, n,
		    100.0 * v / den) || ((about_impact(&q) ||
		    x_phrase_at(s, len, k, "of our")) &&
		    x_thing_after(s, len, n)) || (in_form &&
		    x_people_before(s, i) && set_off(s, len, n))))
			return refined(s, len, n, 100.0 * v / den, 0.5);
		i = e ? e : i;
	}
	/* "About a quarter of students ... affected; 14% of all page views
	 * failed": a fraction of people beats a percentage of things */
	if (!isnan(found) && (of_persons || !names_persons_fraction(s,
	    len)))
		return found;
	if (isnan(found) && !isnan(v = of_the_first(&q)))
		return v;
	/* a fraction; "all" and "every" only when nothing smaller is said
	 * ("nearly all of our best sellers, so about half of visitors") */
	for (i = 0; i < len; i++) {
		/* every fraction, and "none" and "nobody", starts a word
		 * with one of these; this runs at every word of every
		 * sentence read for a share */
		c = x_lower((unsigned char)s[i]);
		if (!(c == 't' || c == 'o' || c == 'a' || c == 'h' ||
		    c == 'f' || c == 'n' || c == 'e' || c == '1') ||
		    (i > 0 && x_alnum((unsigned char)s[i - 1])))
			continue;
		/* "none of our subscribers received a message" */
		if (isnan(found) && x_none_could(s, len, i) &&
		    !hedged(s, i)) {
			*whole = 1;
			found = 100;
			continue;
		}
		for (k = 0; k < XCOUNT(fractions); k++) {
			if ((e = x_phrase_at(s, len, i,
			    fractions[k].words)) == 0)
				continue;
			if (fractions[k].percent == 100 && (!isnan(found) ||
			    !about_impact(&q) || hedged(s, i) ||
			    not_the_affected(s, i)))
				continue;
			while (e < len && s[e] == ' ')
				e++;
			of = x_phrase_at(s, len, e, "of") != 0;
			if (of)
				e += 2;
			/* "three quarters of clinicians who tried to log in
			 * were refused": any noun after "of", in a sentence
			 * about the impact ("an hour and a quarter" is no
			 * share) */
			/* "a correction to all 1,930 subscribers": everyone
			 * counted is a share only where the clause says they
			 * were hurt ("All 3,412 residents ... were
			 * affected") */
			if (fractions[k].percent == 100 &&
			    x_number_at(s, len, e, &v) &&
			    !impact_in_clause(s, len, e))
				continue;
			/* "1,230 visits, and two thirds of them ended on an
			 * error" */
			if (fractions[k].percent < 100 && of &&
			    about_impact(&q) &&
			    of_pronoun_at(s, len, e - 2) &&
			    !isnan(whole_before(&q, i, 1))) {
				*whole = 0;
				return fractions[k].percent;
			}
			/* "every applicant who tried to book" */
			/* not "a third of their questions": a part of
			 * each one's own, not of them all */
			if (x_people_after(s, len, e) || (!of &&
			    fractions[k].percent < 100 &&
			    x_phrase_at(s, len, i, "every") &&
			    x_thing_after(s, len, e) && !x_phrase_at_any(s,
			    len, e, every_nth_when)) || (of &&
			    fractions[k].percent < 100 && about_impact(&q) &&
			    !x_of_their(s, len, e - 2) &&
			    x_thing_after(s, len, e)) || (about_impact(&q) &&
			    x_phrase_at(s, len, i, "every") &&
			    x_agent_one_at(s, len, e)) ||
			    everyone_who(s, len, i, e)) {
				if (fractions[k].percent < 100) {
					*whole = 0;
					return refined(s, len, e,
					    fractions[k].percent, 10);
				}
				*whole = 1;
				found = 100;
				break;
			}
		}
	}
	return found;
}

/* People named next at s[i], after at most two of "the", "our", "all"
 * ("of the people", "of all our users"), not a few words on ("half of
 * Osaka remembers their bike"). */
static int
persons_next(const char *s, size_t len, size_t i)
{
	static const char *const det[] = { "the", "our", "all", NULL };
	size_t e;

	i = x_skip_blanks(s, len, i);
	for (int k = 0; k < 2 && (e = x_phrase_at_any(s, len, i, det)) != 0;
	    k++)
		i = x_skip_blanks(s, len, e);
	return x_phrase_at_any(s, len, i, x_persons) != 0;
}

/* The end of "in five", "out of every 8" after a count at s[e]; 0 when
 * no whole follows. */
static size_t
ratio_whole_at(const char *s, size_t len, size_t e)
{
	static const char *const in[] = {
		"in every", "in", "out of every", "out of", NULL
	};
	double whole;

	e = x_skip_blanks(s, len, e);
	if ((e = x_phrase_at_any(s, len, e, in)) == 0)
		return 0;
	return x_number_at(s, len, x_skip_blanks(s, len, e), &whole);
}

/* Does a fraction of people stand in s ("about three quarters of the
 * people searching")? */
static int
names_persons_fraction(const char *s, size_t len)
{
	size_t e, k;

	for (size_t i = 0; i < len; i++) {
		if (i > 0 && x_alnum((unsigned char)s[i - 1]))
			continue;
		for (size_t f = 0; f < XCOUNT(fractions); f++) {
			if (fractions[f].percent >= 100 || (e = x_phrase_at(s,
			    len, i, fractions[f].words)) == 0)
				continue;
			k = x_skip_blanks(s, len, e);
			if ((e = x_phrase_at(s, len, k, "of")) != 0 &&
			    persons_next(s, len, e))
				return 1;
		}
	}
	return 0;
}

/* Does a percentage, a ratio or a fraction of people ("roughly 8% of
 * our users", "three in five parents who paid", "about three quarters
 * of the people searching") stand in s? */
int
x_names_persons_percent(const char *s, size_t len)
{
	double v;
	size_t e, k;

	for (size_t i = 0; i < len; i++) {
		if ((e = x_number_at(s, len, i, &v)) == 0)
			continue;
		if ((k = x_percent_after(s, len, i, e)) != 0 &&
		    x_noun_after(s, len, k, x_persons))
			return 1;
		if ((k = ratio_whole_at(s, len, e)) != 0 &&
		    x_noun_after(s, len, k, x_persons))
			return 1;
		i = e;
	}
	return names_persons_fraction(s, len);
}

/* Does s count people with "N of them" ("71 people followed a service,
 * and 46 of them saw a frozen picture")? */
int
x_names_persons_of_them(const char *s, size_t len)
{
	double v, whole;
	size_t e, at;

	for (size_t i = 0; i < len; i++) {
		if ((e = x_number_at(s, len, i, &v)) == 0)
			continue;
		if (v > 1 && of_pronoun_at(s, len, e) &&
		    (at = count_before(s, len, i, v, &whole)) != 0 &&
		    (x_noun_after(s, len, at, x_persons) ||
		    x_who_after(s, len, at)))
			return 1;
		i = e;
	}
	return 0;
}
