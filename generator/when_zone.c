/*
 * when_zone.c: the time zones written after a time (names, abbreviations,
 * UTC offsets) and what each one means in minutes east of UTC.
 */

#include <string.h>

#include "when_int.h"

/* Names that are a zone when they are all a field says, or right after a
 * time and capitalised ("2:15 PM Eastern"): elsewhere "central" or
 * "pacific" is far more often something else. */
static const char *const label_only[] = {
	"Eastern", "Central", "Mountain", "Pacific"
};



/*
 * Abbreviations that are also English words ("we eat", "et al.", "art
 * department"): in running text they count as zones only in capitals.
 */
static const char *const wordlike[] = {
	"ART", "CAT", "EAT", "WAT", "WEST", "ET", "CT", "MT", "PT", "AST",
	"WIT", "PET", "VET", "BOT"
};

/*
 * "+05:00", "-0500", "+5" (the last only when !strict, i.e. after "UTC"
 * or glued to a time, where it cannot be mistaken for a number).  The
 * minus may be the typographic one, U+2212 ("UTC\u22125"), which word
 * processors put in; never an en dash, which writes ranges.
 */
static size_t
offset_at(const char *s, size_t len, size_t i, int *off, int strict)
{
	int c = ch(s, len, i), v, h, m = 0;
	size_t n, j, sign = 1;

	if (c == 0xe2 && ch(s, len, i + 1) == 0x88 &&
	    ch(s, len, i + 2) == 0x92) {
		c = '-';
		sign = 3;
	}
	if (c != '+' && c != '-')
		return 0;
	n = digits(s, len, i + sign, &v);
	j = i + sign + n;
	if (n == 4) {
		h = v / 100;
		m = v % 100;
	} else if (n == 1 || n == 2) {
		h = v;
		if (ch(s, len, j) == ':' && digits(s, len, j + 1, &m) == 2)
			j += 3;
		else if (strict)
			return 0;
	} else {
		return 0;
	}
	if (h > 14 || m > 59 || !ends_clean(s, len, j))
		return 0;
	*off = (c == '-' ? -1 : 1) * (h * 60 + m);
	return j;
}

/*
 * "GMT + 1", "(GMT - 5)": an offset after "UTC" or "GMT" with a blank
 * beside its sign, in whole hours.  A minus only before a closing
 * bracket, since "10:00 GMT - 11:30 GMT" is a range.
 */
static size_t
spaced_offset_at(const char *s, size_t len, size_t i, int *off)
{
	size_t k = i + (ch(s, len, i) == ' '), j, n;
	int c = ch(s, len, k), v;

	if ((c != '+' && c != '-') || (k == i && ch(s, len, k + 1) != ' '))
		return 0;
	j = k + 1 + (ch(s, len, k + 1) == ' ');
	if (j == k + 2 && ch(s, len, j) == ' ')
		return 0;
	n = digits(s, len, j, &v);
	j += n;
	if (n < 1 || n > 2 || v > 14 || !ends_clean(s, len, j) ||
	    ch(s, len, j) == ':' || ch(s, len, j) == '.' ||
	    (c == '-' && ch(s, len, j) != ')'))
		return 0;
	*off = (c == '-' ? -1 : 1) * v * 60;
	return j;
}

static int
in_list(const char *const *list, size_t n, const char *name)
{
	for (size_t k = 0; k < n; k++)
		if (strcmp(list[k], name) == 0)
			return 1;
	return 0;
}

static int
is_wordlike(const char *name)
{
	return in_list(wordlike, COUNT(wordlike), name);
}

/* Words that may stand before "time (Place)" in place of the place: the
 * end of the longest at s[i], or 0. */
static size_t
place_lead_at(const char *s, size_t len, size_t i)
{
	/* "local (Berlin)" needs no "time"; "office (Lisbon)" is where the
	 * office is, not its clock. */
	static const char *const leads[] = {
		"local", "local time", "office time", "our office time",
		"our local time", "head office time"
	};
	int c = lower(ch(s, len, i));
	size_t e, best = 0;

	/* called for most names of the table: the first letter rules out
	 * nearly every position */
	if (c != 'l' && c != 'o' && c != 'h')
		return 0;
	for (size_t k = 0; k < COUNT(leads); k++)
		if ((e = word_at(s, len, i, leads[k])) > best)
			best = e;
	return best;
}

/* "heure de Paris", "horário de Brasília", "ora di Roma": a place's time
 * in the words of the writer's language, whose lead ends at the place;
 * the end of the lead at s[i], or 0. */
static size_t
foreign_lead_at(const char *s, size_t len, size_t i)
{
	static const char *const leads[] = {
		"heure de", "hora de", "horario de", "hor\xc3\xa1rio de",
		"ora di"
	};
	int c = lower(ch(s, len, i));
	size_t e;

	if (c != 'h' && c != 'o')
		return 0;
	for (size_t k = 0; k < COUNT(leads); k++)
		if ((e = word_at(s, len, i, leads[k])) != 0)
			return skip_blanks(s, len, e);
	return 0;
}

size_t
pm_when_zone_lead_at(const char *s, size_t len, size_t i)
{
	size_t e = place_lead_at(s, len, i);

	return e ? e : foreign_lead_at(s, len, i);
}

/*
 * The zone name at s[i], as word_at() reads it; a place's time may say
 * "local" before "time" ("UK local time", "Montevideo local time"), or
 * name the place in parentheses after "local" or the office ("local
 * (Berlin)", "local time (Warsaw)", "our office time (Lisbon)"), or in
 * the writer's language ("heure de Paris").
 */
static size_t
zone_name_at(const char *s, size_t len, size_t i, const char *name)
{
	size_t e = word_at(s, len, i, name), n = strlen(name), k;
	char place[48];

	if (e || n < 6 || n - 5 >= sizeof(place) ||
	    strcmp(name + n - 5, " time") != 0)
		return e;
	memcpy(place, name, n - 5);
	place[n - 5] = '\0';
	if ((k = foreign_lead_at(s, len, i)))
		return word_at(s, len, k, place);
	if ((e = place_lead_at(s, len, i))) {
		k = skip_blanks(s, len, e);
		if (ch(s, len, k) != '(' || !(e = match(s, len,
		    skip_blanks(s, len, k + 1), place)) ||
		    ch(s, len, (e = skip_blanks(s, len, e))) != ')')
			return 0;
		return e + 1;
	}
	if (!(e = match(s, len, i, place)) || (k = skip_blanks(s, len, e)) == e)
		return 0;
	return word_at(s, len, k, "local time");
}

/*
 * The entries of the table a name can be whose first letter (lowercased)
 * is first: those of that letter, or every entry after a lead such as
 * "local (" that puts the place later.  Entry j of the n is
 * pm_when__zones[list ? list[j] : j], in table order either way, so the
 * first of equally long names still wins.  A name follows every time in
 * every document: the index spares the other letters' entries.
 */
static const unsigned short *
zone_candidates(int first, int local, size_t *n)
{
	/* a table changed without its index (check_when says so) is
	 * read whole rather than out of bounds */
	if (local || pm_when__zone_first[26] != pm_when__nzones) {
		*n = pm_when__nzones;
		return NULL;
	}
	if (first < 'a' || first > 'z') {
		*n = 0;
		return NULL;
	}
	*n = (size_t)(pm_when__zone_first[first - 'a' + 1] -
	    pm_when__zone_first[first - 'a']);
	return pm_when__zone_by_letter + pm_when__zone_first[first - 'a'];
}

/*
 * A named zone at s[i]: "UTC", "GMT-3", "EST", "Pacific Time".  In
 * running text (text != 0) word-like abbreviations must be in capitals.
 * The longest name wins.
 */
static size_t
named_zone_at(const char *s, size_t len, size_t i, int *off, int text)
{
	size_t e, best = 0, k, j, n;
	const unsigned short *list;
	int first = lower(ch(s, len, i)), second = lower(ch(s, len, i + 1));
	int lead;

	if ((e = match(s, len, i, "utc")) || (e = match(s, len, i, "gmt"))) {
		if ((k = offset_at(s, len, e, off, 0)) ||
		    (k = spaced_offset_at(s, len, e, off)))
			return k;
		if (is_alnum(ch(s, len, e)))
			return 0;
		*off = 0;
		return e;
	}
	/* "GTM+2": a slip of the keys, read only with its offset */
	if ((e = match(s, len, i, "gtm")) &&
	    (k = offset_at(s, len, e, off, 0)))
		return k;
	if (!is_alpha(first))
		return 0;
	/* "local (Berlin)" is "Berlin time" */
	lead = pm_when_zone_lead_at(s, len, i) != 0;
	list = zone_candidates(first, lead, &n);
	for (j = 0; j < n; j++) {
		const char *name;

		k = list ? list[j] : j;
		name = pm_when__zones[k].name;
		/* most names of a letter part at the second byte, which
		 * turns them away without a call; after a lead ("local (",
		 * "heure de") the name comes later */
		if (!lead && name[1] != ' ' && name[1] != '\0' &&
		    lower((unsigned char)name[1]) != second)
			continue;
		if (!(e = zone_name_at(s, len, i, name)) || e <= best)
			continue;
		if (text && is_wordlike(name) &&
		    strncmp(s + i, name, e - i) != 0)
			continue;
		if (text && in_list(label_only, COUNT(label_only), name) &&
		    (s[i] < 'A' || s[i] > 'Z'))
			continue;
		best = e;
		*off = pm_when__zones[k].offset_minutes;
	}
	return best;
}

/* Table names that name no place, or places whose name is more often a
 * person's, a project's or a deployment's. */
static const char *const not_places[] = {
	"Zulu", "Atlantic", "burg", "Canary", "Canaries", "Phoenix",
	"Austin", "Charlotte", "Orlando", "Darwin", "Regina", "Santiago",
	"Alexandria", "Portland", "Victoria", "Georgia",
};

/* The place a table name names, into out: "Lisbon" of "Lisbon time" and
 * of "Europe/Lisbon", "Cape Town" of "Cape Town time"; 0 when none. */
static size_t
place_of(char *out, size_t size, const char *name)
{
	const char *slash = strrchr(name, '/');
	size_t n = strlen(name);

	if (n > 5 && strcmp(name + n - 5, " time") == 0) {
		n -= 5;
	} else if (slash && name[1] >= 'a' && name[1] <= 'z' &&
	    strncmp(name, "Canada/", 7) != 0 &&
	    strncmp(name, "Etc/", 4) != 0) {
		/* an IANA region, not "US/" nor a pair ("CET/CEST") */
		name = slash + 1;
		n = strlen(name);
	} else {
		return 0;
	}
	if (n == 0 || n >= size || name[0] < 'A' || name[0] > 'Z')
		return 0;
	for (size_t k = 0; k < n; k++)
		out[k] = name[k] == '_' ? ' ' : name[k];
	out[n] = '\0';
	return in_list(not_places, COUNT(not_places), out) ? 0 : n;
}

size_t
pm_when_place_at(const char **zone, int *clock, const char *s,
    size_t len, size_t i)
{
	char place[48];
	size_t best = 0, n;

	if (ch(s, len, i) < 'A' || ch(s, len, i) > 'Z' ||
	    (i > 0 && is_alnum(ch(s, len, i - 1))))
		return 0;
	for (size_t k = 0; k < pm_when__nzones; k++) {
		const struct pm_when__zone *z = &pm_when__zones[k];

		const char *slash = strrchr(z->name, '/');

		/* the place's first letter: "Lisbon" of "Europe/Lisbon" */
		if ((slash ? slash[1] : z->name[0]) != s[i])
			continue;
		if ((n = place_of(place, sizeof(place), z->name)) == 0 ||
		    n <= best || n > len - i ||
		    memcmp(s + i, place, n) != 0 || is_alnum(ch(s, len, i + n)))
			continue;
		best = n;
		*zone = z->name;
		*clock = z->offset_minutes * 256 + z->summer;
	}
	return best ? i + best : 0;
}

int
pm_when_zone(int *offset_minutes, const char *s, size_t len)
{
	size_t i = skip_blanks(s, len, 0), e;
	int off;

	while (len > i && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (ch(s, len, i) == '(' && s[len - 1] == ')') {
		i = skip_blanks(s, len - 1, i + 1);
		for (len--; len > i && (s[len - 1] == ' ' ||
		    s[len - 1] == '\t'); len--)
			;
	}
	if (len == i + 1 && (s[i] == 'Z' || s[i] == 'z')) {
		*offset_minutes = 0;
		return 1;
	}
	if (!(e = offset_at(s, len, i, &off, 0)) &&
	    !(e = named_zone_at(s, len, i, &off, 0)))
		return 0;
	if (e != len)
		return 0;
	*offset_minutes = off;
	return 1;
}

/*
 * The zone after a time ending at s[j], into w.  Glued on: "Z", "+02:00",
 * and "-05:00" only when minus_ok (ISO forms), because "10:00-12:00" is a
 * range.  After blanks, optionally in parentheses: a named zone or a
 * "+0200" offset.  Returns the end, or j when there is no zone.
 */
/* Abbreviations the table reads one way that documents may mean
 * another way ("IST": India, Ireland or Israel). */
static const char *const ambiguous[] = {
	"IST", "CST", "BST", "GST", "AST", "AMT", NULL
};

int
pm_when_zone_ambiguous(const char *s, size_t len)
{
	for (const char *const *a = ambiguous; *a; a++)
		if (strlen(*a) == len && memcmp(*a, s, len) == 0)
			return 1;
	return 0;
}

/*
 * "UK time, which since the clocks went back is GMT (UTC+0)": a clause
 * after a place's time that says what it is called for now.  The
 * abbreviation in capitals must follow "is" or "was" within the clause,
 * before its sentence ends.  Its end, *at and *n; or 0.
 */
static size_t
which_is_at(const char *s, size_t len, size_t k, size_t *at, size_t *n,
    int *abbrev)
{
	size_t w, e, b, stop = k + 80 < len ? k + 80 : len;

	if (!(w = word_at(s, len, skip_blanks(s, len, k + 1), "which")))
		return 0;
	for (; w < stop && s[w] != '.' && s[w] != ';' && s[w] != '('; w++) {
		if (s[w] != ' ' || !((e = word_at(s, len, w + 1, "is")) ||
		    (e = word_at(s, len, w + 1, "was"))))
			continue;
		b = skip_blanks(s, len, e);
		for (e = b; e < len && s[e] >= 'A' && s[e] <= 'Z'; e++)
			;
		if (e - b < 2 || e - b > 5 || is_alnum(ch(s, len, e)) ||
		    !pm_when_zone(abbrev, s + b, e - b))
			return 0;
		*at = b;
		*n = e - b;
		return e;
	}
	return 0;
}

size_t
pm_when_short_name(const char *s, size_t len, size_t i, size_t *at,
    size_t *n, int *off)
{
	int named = *off, abbrev;
	size_t k = skip_blanks(s, len, i), b, e;

	/* an ambiguous abbreviation must be the place's, in winter or in
	 * summer ("UK time, which was BST then") */
	if (ch(s, len, k) == ',' && i >= 5 && memcmp(s + i - 5, " time",
	    5) == 0 && (e = which_is_at(s, len, k, at, n, &abbrev)) != 0 &&
	    !(pm_when_zone_ambiguous(s + *at, *n) && abbrev != named &&
	    abbrev != named + 60)) {
		*off = abbrev;
		return e;
	}

	/* "(Tbilisi time, GMT+4)": the short name closes the brackets the
	 * place opened.  Only after a name in words: in "(GST, UTC+4)" the
	 * abbreviation is the short name already. */
	if (ch(s, len, k) == ',' && i > 0 && s[i - 1] >= 'a' &&
	    s[i - 1] <= 'z') {
		size_t close;
		int other, c;

		b = skip_blanks(s, len, k + 1);
		if (!(e = named_zone_at(s, len, b, &abbrev, 1)) || e - b > 9 ||
		    strspn(s + b, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-:") <
		    e - b || (pm_when_zone_ambiguous(s + b, e - b) &&
		    abbrev != named))
			return 0;
		/* "(heure de Kinshasa, WAT / UTC+1)": the offset after a
		 * slash restates the short name */
		close = e;
		if (ch(s, len, skip_blanks(s, len, e)) == '/' &&
		    (close = named_zone_at(s, len, skip_blanks(s, len,
		    skip_blanks(s, len, e) + 1), &other, 1)) == 0)
			return 0;
		/* "All times Tbilisi time, GMT+4.": after a place's time, the
		 * end of the sentence closes it as a bracket would */
		c = ch(s, len, close);
		if (c != ')' && !(i >= 5 && memcmp(s + i - 5, " time", 5) ==
		    0 && (close >= len || c == '.' || c == ';')))
			return 0;
		*at = b;
		*n = e - b;
		*off = abbrev;
		return close < len ? close + 1 : close;
	}
	if (ch(s, len, k) != '(')
		return 0;
	/* "Tbilisi time (GMT+4)": a place's time in the writer's words,
	 * the offset what they call it for short, and exact.  Not after an
	 * abbreviation ("BRT (UTC-3)") nor a zone's own name ("New Zealand
	 * Daylight Time (UTC+13:00)"): those are short or exact already. */
	b = k + 1;
	if (i >= 5 && memcmp(s + i - 5, " time", 5) == 0 &&
	    (match(s, len, b, "utc") || match(s, len, b, "gmt")) &&
	    (e = named_zone_at(s, len, b, &abbrev, 1)) > b + 3 &&
	    ch(s, len, e) == ')') {
		*at = b;
		*n = e - b;
		*off = abbrev;
		return e + 1;
	}
	for (b = e = k + 1; e < len && s[e] >= 'A' && s[e] <= 'Z'; e++)
		;
	if (e - b < 2 || e - b > 5 || (ch(s, len, e) != ')' &&
	    ch(s, len, e) != ',' && ch(s, len, e) != ';') ||
	    !pm_when_zone(&abbrev, s + b, e - b))
		return 0;
	/* "Irish time (IST)": the name says which IST, and the table's
	 * IST would say India; "Central Standard Time (CST)" agrees */
	if (pm_when_zone_ambiguous(s + b, e - b) && abbrev != named)
		return 0;
	*at = b;
	*n = e - b;
	*off = abbrev;
	while (e < len && s[e] != ')')
		e++;
	return e < len ? e + 1 : e;
}

size_t
pm_when__zone_after(const char *s, size_t len, size_t j, struct pm_when *w,
    int minus_ok)
{
	int c = ch(s, len, j), off, open;
	size_t k, e, from = j, to, n;

	if (c == 'Z' && !is_alnum(ch(s, len, j + 1))) {
		off = 0;
		e = to = j + 1;
	} else if (c == '+' || (c == '-' && minus_ok)) {
		if (!(e = to = offset_at(s, len, j, &off, 0)))
			return j;
	} else {
		k = skip_blanks(s, len, j);
		if ((open = ch(s, len, k) == '('))
			k = skip_blanks(s, len, k + 1);
		from = k;
		if (!(to = named_zone_at(s, len, k, &off, 1)) &&
		    !((ch(s, len, k) == '+' || (open && ch(s, len, k) == '-'))
		    && (to = offset_at(s, len, k, &off, 1))))
			return j;
		e = to;
		if (open && to - from > 5 && (k = pm_when_short_name(s, len,
		    to, &from, &n, &off)) != 0) {
			/* "(Istanbul time, UTC+3)" */
			e = k;
			to = from + n;
		} else if (open) {
			/* "(UTC)": the parentheses are not part of the zone;
			 * "(MST; Arizona keeps standard time)" explains it */
			e = skip_blanks(s, len, to);
			if (ch(s, len, e) != ')' && ch(s, len, e) != ';')
				return j;
			e++;
		} else if (to - from > 5 && (k = pm_when_short_name(s, len,
		    to, &from, &n, &off)) != 0) {
			/* "East Africa Time (EAT)": what the writer calls it
			 * for short */
			e = k;
			to = from + n;
		}
	}
	w->has_zone = 1;
	w->offset_minutes = off;
	k = to - from < sizeof(w->zone) ? to - from : sizeof(w->zone) - 1;
	memcpy(w->zone, s + from, k);
	w->zone[k] = '\0';
	return e;
}

/*
 * Windows' zone names: the places that say whose summer time applies.
 * 'E': the EU's; 'U': the US's; 'A': Australia's south east; 'N': New
 * Zealand's.  A name that lists none of them (Brisbane, Kolkata, Tokyo)
 * has none.
 */
static const struct {
	const char *place;
	char rule;
} windows_places[] = {
	{ "Amsterdam", 'E' }, { "Berlin", 'E' }, { "Brussels", 'E' },
	{ "Copenhagen", 'E' }, { "Madrid", 'E' }, { "Paris", 'E' },
	{ "Belgrade", 'E' }, { "Budapest", 'E' }, { "Prague", 'E' },
	{ "Sarajevo", 'E' }, { "Warsaw", 'E' }, { "Zagreb", 'E' },
	{ "Dublin", 'E' }, { "Lisbon", 'E' }, { "London", 'E' },
	{ "Helsinki", 'E' }, { "Kyiv", 'E' }, { "Riga", 'E' },
	{ "Sofia", 'E' }, { "Tallinn", 'E' }, { "Vilnius", 'E' },
	{ "Athens", 'E' }, { "Bucharest", 'E' },
	{ "(US & Canada)", 'U' },
	{ "Canberra", 'A' }, { "Melbourne", 'A' }, { "Sydney", 'A' },
	{ "Hobart", 'A' }, { "Adelaide", 'A' },
	{ "Auckland", 'N' }, { "Wellington", 'N' },
};

/* "(UTC+01:00)", "(GMT-05:00)", "(UTC)" at the start of s: the length,
 * and the offset into *off; 0 when s does not start so. */
static size_t
windows_offset(const char *s, size_t len, int *off)
{
	size_t e;

	if (ch(s, len, 0) != '(' || (!(e = match(s, len, 1, "utc")) &&
	    !(e = match(s, len, 1, "gmt"))))
		return 0;
	*off = 0;
	if (ch(s, len, e) != ')' && !(e = offset_at(s, len, e, off, 1)))
		return 0;
	return ch(s, len, e) == ')' ? e + 1 : 0;
}

size_t
pm_when_windows_zone(struct pm_when *z, const char *s, size_t len)
{
	size_t e, end = len;
	int off;

	if (!(e = windows_offset(s, len, &off)) || ch(s, len, e) != ' ' ||
	    ch(s, len, e + 1) < 'A' || ch(s, len, e + 1) > 'Z')
		return 0;
	while (end > e && (s[end - 1] == ' ' || s[end - 1] == '\t' ||
	    s[end - 1] == '.'))
		end--;
	pm_when_init(z);
	z->has_zone = 1;
	z->offset_minutes = off;
	e = end < sizeof(z->zone) ? end : sizeof(z->zone) - 1;
	memcpy(z->zone, s, e);
	z->zone[e] = '\0';
	return end;
}

/* The rule of a Windows zone name and its standard offset; 0 when w's
 * zone is not one, or names no place with summer time. */
static char
windows_rule(const struct pm_when *w, int *std)
{
	if (!windows_offset(w->zone, strlen(w->zone), std))
		return 0;
	for (size_t k = 0; k < COUNT(windows_places); k++)
		if (strstr(w->zone, windows_places[k].place))
			return windows_places[k].rule;
	return 0;
}

/*
 * Places that write a slash date month first: the United States and
 * Canada (the table's first block, up to "BRT", and the names that follow
 * US summer time) and the Philippines.  Every other zone's people write
 * the day first.
 */
static int
month_first(const struct pm_when__zone *z)
{
	static const char *const more[] = { "America/Phoenix",
	    "Pacific/Honolulu", "PHT", "Manila time", "Asia/Manila" };
	const struct pm_when__zone *brt = pm_when__zones;

	while (strcmp(brt->name, "BRT") != 0)
		brt++;
	return z < brt || z->summer == 'U' || in_list(more, COUNT(more),
	    z->name);
}

static int
all_caps(const char *name)
{
	for (; *name; name++)
		if (*name >= 'a' && *name <= 'z')
			return 0;
	return 1;
}

int
pm_when_zone_date_order(size_t *end, const char *s, size_t len)
{
	const struct pm_when__zone *z = NULL;
	const unsigned short *list;
	size_t best = 0, e, n, k;
	int off, first = lower(ch(s, len, 0));

	/* east of Greenwich, from Lagos to Auckland, people write the day
	 * first (China's year-first dates are never ambiguous); west of it
	 * an offset could be Chicago's or Bogotá's */
	if (((e = match(s, len, 0, "utc")) || (e = match(s, len, 0, "gmt"))) &&
	    (best = offset_at(s, len, e, &off, 0)) != 0) {
		*end = best;
		return off > 0 ? 'D' : 0;
	}
	/* called at every word of a document with ambiguous slash dates */
	list = zone_candidates(first, place_lead_at(s, len, 0) != 0, &n);
	for (size_t j = 0; j < n; j++) {
		const char *name;

		k = list ? list[j] : j;
		name = pm_when__zones[k].name;
		if (!(e = zone_name_at(s, len, 0, name)) || e <= best ||
		    in_list(label_only, COUNT(label_only), name))
			continue;
		/* "est", "ist" and "wet" are words of French, German and
		 * English: abbreviations count only in capitals */
		if (all_caps(name) && strncmp(s, name, e) != 0)
			continue;
		best = e;
		z = &pm_when__zones[k];
	}
	if (z == NULL)
		return 0;
	*end = best;
	return month_first(z) ? 'M' : 'D';
}

/* The table's entry for a zone as written ("uk time"), or NULL. */
static const struct pm_when__zone *
zone_named(const char *zone)
{
	size_t n = strlen(zone), m, k;
	const unsigned short *list = zone_candidates(lower(ch(zone, n, 0)),
	    pm_when_zone_lead_at(zone, n, 0) != 0, &m);

	/* asked of every time with a date */
	for (size_t j = 0; j < m; j++) {
		k = list ? list[j] : j;
		if (zone_name_at(zone, n, 0, pm_when__zones[k].name) == n)
			return &pm_when__zones[k];
	}
	return NULL;
}

int
pm_when_settle_zone(struct pm_when *w)
{
	const struct pm_when__zone *z;
	int std = 0, rule;

	if (!w->has_zone || !w->year || !w->month || !w->day)
		return 0;
	if ((rule = windows_rule(w, &std)) == 0 &&
	    (z = zone_named(w->zone)) != NULL) {
		rule = z->summer;
		std = z->offset_minutes;
	}
	return pm_when__summer(w, rule, std);
}
