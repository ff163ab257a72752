/*
 * extract_share_noun.c: what a number in a sentence counts.  A share is
 * a share of users only when what it counts is people ("30% of users"),
 * what people do ("1,230 visits") or, in a sentence about the harm, any
 * thing that is not a machine, a resource or a date.
 */
#include "extract_int.h"
#include "extract_share.h"

#include <string.h>

/* Words that make the number a change, not a share. */
const char *const x_change_words[] = {
	"increase*", "rise", "rose", "growth", "grew", "jump*", "spike*",
	"more", "higher", "drop*", "decrease*", "fewer", "less", "up",
	"down", "surge*", "reduction", "reduced", "improv*", "faster",
	"slower", "cpu", "memory", "disk", "utili*", "usage", "load",
	"capacity", "error rate", NULL
};

/* Words that end the noun phrase after a number: "95% and traffic ..."
 * is not a share of traffic. */
static const char *const phrase_ends[] = {
	"and", "or", "but", "was", "were", "is", "are", "had", "has", "have",
	"with", "over", "from", "to", "in", "on", "at", "for", "while",
	"which", "that", "when", "by", "as", "than", "because", NULL
};

/* "30% of app and web users": after an "and" or "or" that joins two
 * modifiers, one word and then the noun, which ends the clause.  When a
 * verb follows, the "and" more likely joins two clauses ("restored 80%
 * of service and web users could log in").  Where that noun starts, or
 * 0; s[i] is the "and". */
static size_t
joined_modifier(const char *s, size_t len, size_t i,
    const char *const *nouns)
{
	size_t k = x_phrase_at(s, len, i, "and"), e;

	if (!k)
		k = x_phrase_at(s, len, i, "or");
	if (!k)
		return 0;
	k = x_skip_blanks(s, len, k);
	if (k >= len || x_phrase_at_any(s, len, k, phrase_ends) ||
	    x_phrase_at_any(s, len, k, x_change_words))
		return 0;
	while (k < len && s[k] != ' ' && s[k] != ',' && s[k] != '.' &&
	    s[k] != ';' && s[k] != ')' && s[k] != ':')
		k++;
	if (k >= len || s[k] != ' ')
		return 0;
	k = x_skip_blanks(s, len, k);
	e = x_phrase_at_any(s, len, k, nouns);
	if (!e)
		return 0;
	while (e < len && s[e] != ' ' && s[e] != ',' && s[e] != '.' &&
	    s[e] != ';' && s[e] != ')' && s[e] != ':')
		e++;
	e = x_skip_blanks(s, len, e);
	return e >= len || strchr(",.;():", s[e]) ? k : 0;
}

/* Is a word of nouns (x_people or x_persons) within the next few words
 * after s[i], in the same noun phrase, with no change word on the way? */
int
x_noun_after(const char *s, size_t len, size_t i, const char *const *nouns)
{
	int words = 0;

	/* "half (52%) of uploads": the share's own closing parenthesis */
	if (i < len && s[i] == ')')
		i++;
	while (i < len && words < 6) {
		while (i < len && (s[i] == ' ' || s[i] == '-'))
			i++;
		if (i >= len || s[i] == ',' || s[i] == '.' || s[i] == ';' ||
		    s[i] == ')' || s[i] == ':')
			return 0;
		if (x_phrase_at_any(s, len, i, nouns) ||
		    x_agent_noun_at(s, len, i))
			return 1;
		/* "58% of the socios who tried": whoever "who" follows are
		 * people, in whatever language the writer named them */
		if (words > 0 && x_phrase_at(s, len, i, "who"))
			return 1;
		/* "of the 210 pharmacies that tried to order": things do
		 * not try */
		if (words > 0 && x_phrase_at(s, len, i, "that tried"))
			return 1;
		if (x_phrase_at_any(s, len, i, x_change_words))
			return 0;
		if (words > 0 && joined_modifier(s, len, i, nouns))
			return 1;
		if (x_phrase_at_any(s, len, i, phrase_ends))
			return 0;
		/* "of the morning's 2,600 visitors": a number's separator
		 * does not end the phrase */
		while (i < len && s[i] != ' ' && s[i] != ';' && s[i] != ')' &&
		    ((s[i] != ',' && s[i] != '.') || (i > 0 &&
		    s[i - 1] >= '0' && s[i - 1] <= '9' &&
		    x_thousands_at(s, len, i))))
			i++;
		words++;
	}
	return 0;
}

/* "one in ten of their requests", "12% of its calls": a rate within
 * each customer's own traffic, not a share of the customers. */
int
x_of_their(const char *s, size_t len, size_t i)
{
	static const char *const owners[] = {
		"of their", "of its", "of his", "of her", NULL
	};

	if (i < len && s[i] == ')')
		i++;
	return x_phrase_at_any(s, len, x_skip_blanks(s, len, i), owners) != 0;
}

int
x_people_after(const char *s, size_t len, size_t i)
{
	return !x_of_their(s, len, i) && x_noun_after(s, len, i, x_people);
}

/* Is a word of x_people among the two words before s[i] ("every user
 * (100%)", "of our customers (12%)")? */
int
x_people_before(const char *s, size_t i)
{
	size_t k = i;

	for (int words = 0; k > 0 && words < 2; words++) {
		while (k > 0 && s[k - 1] == ' ')
			k--;
		while (k > 0 && s[k - 1] != ' ')
			k--;
		if (x_phrase_at_any(s, i, k, x_people))
			return 1;
	}
	return 0;
}

/*
 * "some users (around 20%)", "a segment of users, constituting around
 * 20%,": a share set aside, in brackets or after a comma, right after
 * the people it counts, a hedge or a verb of being between.  s[i] is the
 * share's first digit.
 */
int
x_share_aside(const char *s, size_t i)
{
	static const char *const hedges[] = {
		"around", "about", "approximately", "approx", "roughly",
		"nearly", "almost", "over", "some", "constituting",
		"representing", "or", NULL
	};
	size_t k = i, w;

	for (int words = 0; words < 3; words++) {
		while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '~'))
			k--;
		if (k > 0 && (s[k - 1] == '(' || s[k - 1] == ','))
			return x_people_before(s, k - 1);
		for (w = k; w > 0 && x_alnum((unsigned char)s[w - 1]); w--)
			;
		if (w == k || !x_phrase_at_any(s, k, w, hedges))
			return 0;
		k = w;
	}
	return 0;
}

/* The machines and the resources a count may be of: "3 of our 5
 * database nodes restarted" is no share of anyone. */
static const char *const resources[] = {
	"cpu*", "core*", "memory", "disk*", "storage", "node*", "server*",
	"host", "hosts", "pod*", "replica*", "instance*", "shard*", "cluster*",
	"region*", "zone*", "machine*", "vm*", "container*", "worker*",
	"thread*", "capacity", "budget", "error budget*", "quota",
	"bandwidth", "limit*",
	"queue*", "partition*", "broker*", "database*", "table*", "index*",
	"cache*", "space", "inode*", "connection*", "link*", "switch*",
	"router*", "disks", "drive*", "volume*", "job*", "build*", "test*",
	"step*", "retries", "attempt at", "size", "normal", "usual", "peak",
	"second*", "minute*", "hour*", "day*", "week*", "month*", "year*",
	/* the people who answer the incident, not those it hurt */
	"engineer*", "responder*", "on call*", "sre*",
	"rate", "throughput", "speed", "price*", "cost*", NULL
};

/* "15 August" is a date, not a count of anything ("may" is a word too
 * often to be taken for a month). */
static const char *const months[] = {
	"january", "february", "march", "april", "june", "july", "august",
	"september", "october", "november", "december", "jan", "feb", "apr",
	"jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", NULL
};

int
x_month_after(const char *s, size_t len, size_t e)
{
	return x_phrase_at_any(s, len, x_skip_blanks(s, len, e), months) != 0;
}

/*
 * "one in four of our product pages", "3 in 10 clinics": in a sentence
 * about the impact, a count of anything but machines and resources is a
 * share of what people use; no list of nouns can hold them all.  The
 * first word of the noun phrase after s[i] decides.
 */
int
x_thing_after(const char *s, size_t len, size_t i)
{
	static const char *const skip[] = {
		"of", "our", "the", "all", "its", "their", "active", NULL
	};
	int words = 0;

	if (x_of_their(s, len, i))
		return 0;
	while (i < len && words < 6) {
		int skipped = 0;

		while (i < len && (s[i] == ' ' || s[i] == '-'))
			i++;
		if (i >= len || !x_alnum((unsigned char)s[i]))
			return 0;
		for (const char *const *p = skip; *p && !skipped; p++)
			skipped = x_phrase_at(s, len, i, *p) != 0;
		if (!skipped) {
			/* "99.2% of them": of what, the sentence before says */
			static const char *const pronouns[] = {
				"them", "those", "these", "it", "which", "us",
				NULL
			};

			if (x_phrase_at_any(s, len, i, pronouns))
				return 0;
			/* "2,600 workers rostered to fly": people first */
			if (x_agent_noun_at(s, len, i))
				return 1;
			if (x_phrase_at_any(s, len, i, resources) ||
			    x_phrase_at_any(s, len, i, months))
				return 0;
			if (x_phrase_at_any(s, len, i, phrase_ends))
				return 0;
			/* a resource a word further ("database nodes", "the
			 * 28-day budget") */
			while (i < len && (x_alnum((unsigned char)s[i]) ||
			    (s[i] == '-' && i + 1 < len &&
			    x_alnum((unsigned char)s[i + 1]))))
				i++;
			while (i < len && s[i] == ' ')
				i++;
			if (x_phrase_at_any(s, len, i, resources))
				return 0;
			return 1;
		}
		while (i < len && s[i] != ' ')
			i++;
		words++;
	}
	return 0;
}

/* "64 brides who have a fitting": a noun of one or two words after
 * s[i] that a "who" says are people. */
int
x_who_after(const char *s, size_t len, size_t i)
{
	for (int words = 0; words < 2; words++) {
		size_t b = i = x_skip_blanks(s, len, i);

		while (i < len && x_alnum((unsigned char)s[i]))
			i++;
		if (i == b)
			return 0;
		if (x_phrase_at(s, len, x_skip_blanks(s, len, i), "who"))
			return 1;
	}
	return 0;
}

/* Does a machine or a resource word stand at s[i]? */
int
x_resource_at(const char *s, size_t len, size_t i)
{
	return x_phrase_at_any(s, len, i, resources) != 0;
}

/* Can a count start at s[i]: not the digits of a name ("c-07", "#12"),
 * the minutes or decimals after a separator ("9:30", "3.14") or a sum
 * ("$150")? */
int
x_count_starts(const char *s, size_t i)
{
	return i == 0 || !(x_alnum((unsigned char)s[i - 1]) ||
	    strchr("$.:-#/", s[i - 1]) != NULL);
}

size_t
x_clause_end(const char *s, size_t len, size_t k)
{
	size_t e = k;

	/* "3,412 residents": a number's separator goes on */
	while (e < len && (s[e] != ',' || (e > k && s[e - 1] >= '0' &&
	    s[e - 1] <= '9' && x_thousands_at(s, len, e))) && s[e] != ';' &&
	    s[e] != ':' && !(strchr(".!?", s[e]) && (e + 1 == len ||
	    s[e + 1] == ' ')))
		e++;
	return e;
}

/*
 * "None of our 84,000 subscribers received a message", "no customer
 * could log in", "nobody was able to pay": everyone was hurt.  The
 * people must follow "none of" or "no" at once, after "our", "the" or a
 * number ("no alert fired and customers could not ..." is not this),
 * and the verb "nobody" or "no one" at once.
 * Returns the end of the verb, or 0; "no customer could tell" and "none
 * of them were affected" are not such a clause.
 */
size_t
x_none_could(const char *s, size_t len, size_t i)
{
	static const char *const anyone[] = {
		"nobody", "no one", "no-one", NULL
	};
	static const char *const openers[] = { "none of", "no", NULL };
	static const char *const fillers[] = {
		"our", "the", "their", "its", "your", NULL
	};
	static const char *const verbs[] = {
		"could", "couldn't", "can", "was able", "were able",
		"managed", "received", "got", "had access", NULL
	};
	static const char *const unharmed[] = {
		"notice*", "tell", "see a", "see any", "feel", "detect",
		"spot", NULL
	};
	size_t e, k, end;
	double v;
	int words = 5;

	if (i > 0 && x_alnum((unsigned char)s[i - 1]))
		return 0;
	if ((e = x_phrase_at_any(s, len, i, anyone)) == 0) {
		if ((e = x_phrase_at_any(s, len, i, openers)) == 0)
			return 0;
		e = x_skip_blanks(s, len, e);
		if ((k = x_phrase_at_any(s, len, e, fillers)) != 0)
			e = x_skip_blanks(s, len, k);
		if ((k = x_number_at(s, len, e, &v)) != 0)
			e = x_skip_blanks(s, len, k);
		if ((k = x_phrase_at_any(s, len, e, x_persons)) == 0 &&
		    (k = x_agent_noun_at(s, len, e)) == 0)
			return 0;
		e = k;
		words = 0;
	}
	/* the verb, a few words on in the same clause; right after
	 * "nobody" ("nobody outside the university could see" is staff) */
	end = x_clause_end(s, len, e);
	for (; words < 6; words++) {
		e = x_skip_blanks(s, end, e);
		if (e >= end)
			return 0;
		if ((k = x_phrase_at_any(s, len, e, verbs)) != 0) {
			k = x_skip_blanks(s, len, k);
			if ((e = x_phrase_at(s, len, k, "to")) != 0)
				k = x_skip_blanks(s, len, e);
			/* "nobody could have fixed it": what might have
			 * been, not what was */
			return x_phrase_at_any(s, len, k, unharmed) ||
			    x_phrase_at(s, len, k, "have") ? 0 : k;
		}
		while (e < end && s[e] != ' ')
			e++;
	}
	return 0;
}
