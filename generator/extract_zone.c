/*
 * extract_zone.c: the time zone a postmortem is written in, for the times
 * written without one.
 *
 * Where it comes from, first found wins: the front matter's timezone; a
 * "Timezone:" field; "all times in UTC" and the like; a zone opening
 * parentheses ("Timeline (PST)"); the first time written with a zone in
 * the summary; a zone a few words after a time of the summary or the
 * preamble ("from 2:20 to 3:45 in the afternoon Pacific time"); the
 * first time written with a zone anywhere else.  An ambiguous
 * abbreviation then takes the meaning the document writes next to it
 * ("CST (China Standard Time, UTC+8)"), for every time that uses it.
 */
#include "extract_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *const zone_labels[] = {
	"timezone", "time zone", "tz", "zone", "all times", "times", "clock",
	"clocks", NULL
};

/* Words after which a zone is named for all times ("All times in UTC"). */
static const char *const zone_phrases[] = {
	"times are in", "times are shown in", "times are listed in",
	"times below are in", "times below are", "times below in",
	"times in", "times are", "all times", "timezone", "time zone",
	"hours are in", "hours are", "all hours", "in this document are",
	"in this report are", "times", NULL
};

/* Verbs before "all times in UTC" that make it a plan for the data, not
 * the zone of the report: "we will store all times in UTC". */
static const char *const data_verbs[] = {
	"store", "stores", "stored", "storing", "save", "saves", "saved",
	"keep", "keeps", "kept", "convert", "converts", "converted", "log",
	"logs", "logged", "record", "records", "recorded", "send", "sends",
	"sent", "write", "writes", "written", "normalise", "normalize",
	NULL
};

/* A zone named by one to four words at s (and perhaps its short name,
 * pm_when_short_name()): the end of what it took, or 0. */
static size_t
zone_here(struct pm_when *z, const char *s, size_t len)
{
	size_t e[6], n = 0, i, at, k, end;
	int off;

	/* Six word ends: "our office time (Lisbon)" is four words and a
	 * bracket. */
	for (i = 0; i < len && n < 6; i++)
		if (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == ',' ||
		    s[i + 1] == '.' || s[i + 1] == ')' || s[i + 1] == ';' ||
		    s[i + 1] == ':')
			e[n++] = i + 1;
	while (n-- > 0) {
		if (pm_when_zone(&off, s, e[n])) {
			pm_when_init(z);
			z->has_zone = 1;
			if ((end = pm_when_short_name(s, len, e[n], &at, &k,
			    &off)) == 0) {
				at = 0;
				end = e[n];
				k = e[n] < sizeof(z->zone) ? e[n] :
				    sizeof(z->zone) - 1;
			}
			z->offset_minutes = off;
			memcpy(z->zone, s + at, k);
			z->zone[k] = '\0';
			return end;
		}
	}
	return 0;
}

/* A zone named within the first few words at s ("are in UTC", "in this
 * report are UTC+2"). */
static int
zone_words(struct pm_when *z, const char *s, size_t len)
{
	size_t i = 0;
	int words = 0;

	while (i < len && (s[i] == ' ' || s[i] == ':'))
		i++;
	if (pm_when_windows_zone(z, s + i, len - i))
		return 1;
	while (i < len && words < 7) {
		while (i < len && (s[i] == ' ' || s[i] == ':' || s[i] == '('))
			i++;
		if (i < len && zone_here(z, s + i, len - i))
			return 1;
		while (i < len && s[i] != ' ' && s[i] != ')')
			i++;
		if (i < len && s[i] == ')')
			return 0;
		words++;
	}
	return 0;
}

/*
 * "09:40, Central European time, browsers ...": a zone set off by commas
 * right after a time.  It must start with a capital (or be a place's
 * "local time (Warsaw)" or "heure de Paris") and end its clause or meet
 * a bracket, so that "10:00, CT scans were ..." stays a sentence.
 */
static int
zone_after_comma(struct pm_when *z, const struct xline *l, size_t i)
{
	size_t e;

	while (i < l->len && l->s[i] == ' ')
		i++;
	if (i >= l->len || ((l->s[i] < 'A' || l->s[i] > 'Z') &&
	    !pm_when_zone_lead_at(l->s, l->len, i)))
		return 0;
	/* "Paris time (UTC+2)": the offset in brackets only confirms */
	for (e = i; e < l->len && l->s[e] != ',' && l->s[e] != '.' &&
	    l->s[e] != ';' && l->s[e] != ')' && l->s[e] != '('; e++)
		;
	while (e > i && l->s[e - 1] == ' ')
		e--;
	if (e - i > 40 || !zone_here(z, l->s + i, e - i))
		return 0;
	return strlen(z->zone) == e - i || (e - i >= sizeof(z->zone) - 1 &&
	    strlen(z->zone) == sizeof(z->zone) - 1);
}

/* Does a year ("2026") end at s[i]? */
static int
year_before(const char *s, size_t i)
{
	return i >= 4 && (i == 4 || !x_alnum((unsigned char)s[i - 5])) &&
	    (s[i - 4] == '1' || s[i - 4] == '2') &&
	    s[i - 3] >= '0' && s[i - 3] <= '9' &&
	    s[i - 2] >= '0' && s[i - 2] <= '9' &&
	    s[i - 1] >= '0' && s[i - 1] <= '9';
}

/* A place's clock named in parentheses, which may start in lower case:
 * "our office time (Lisbon)", "local (Berlin)". */
static int
place_in_parens(struct pm_when *z, const char *s, size_t len)
{
	struct pm_when w = *z;
	size_t n;

	if (!zone_here(&w, s, len) || (n = strlen(w.zone)) == 0 ||
	    w.zone[n - 1] != ')')
		return 0;
	*z = w;
	return 1;
}

/*
 * A zone a few words after a time written without one, in the same
 * clause: "3:45 in the afternoon Pacific time", "2:20 (Pacific)".  The
 * zone must start with a capital, a sign or a parenthesis (or name a
 * place in one), so that words such as "west" or "eat" are not read as
 * zones.
 */
static int
zone_near_time(struct pm_when *z, const struct xline *l)
{
	struct pm_when w;
	size_t from = 0, a, n, i;
	int words;

	while (from < l->len && pm_when_find(&w, &a, &n, l->t + from,
	    l->len - from)) {
		i = from + a + n;
		from = i;
		if (w.hour < 0 || w.has_zone)
			continue;
		for (words = 0; i < l->len && words < 6; words++) {
			while (i < l->len && l->s[i] == ' ')
				i++;
			if (i < l->len && l->s[i] == ',' && words == 0 &&
			    zone_after_comma(z, l, i + 1))
				return 1;
			if (i >= l->len || l->s[i] == ',' || l->s[i] == '.' ||
			    l->s[i] == ';')
				break;
			if (((l->s[i] >= 'A' && l->s[i] <= 'Z') ||
			    l->s[i] == '(' || l->s[i] == '+') &&
			    zone_here(z, l->s + i + (l->s[i] == '('),
			    l->len - i - (l->s[i] == '(')))
				return 1;
			if (place_in_parens(z, l->s + i, l->len - i))
				return 1;
			while (i < l->len && l->s[i] != ' ')
				i++;
			/* "to 1:25am Sunday 15 March 2026, AWST)": a zone
			 * set off after the date that follows the time */
			if (i > 0 && l->s[i - 1] == ',' &&
			    year_before(l->s, i - 1) &&
			    zone_after_comma(z, l, i))
				return 1;
		}
	}
	return 0;
}

/* Does a zone abbreviation in capitals end just before the bracket at
 * s[i] ("IST (Irish Standard Time)")? */
static int
abbreviation_before(const char *s, size_t i)
{
	size_t e = i, b;
	int off;

	while (e > 0 && s[e - 1] == ' ')
		e--;
	for (b = e; b > 0 && s[b - 1] >= 'A' && s[b - 1] <= 'Z'; b--)
		;
	return e - b >= 2 && e - b <= 5 &&
	    !(b > 0 && x_alnum((unsigned char)s[b - 1])) &&
	    pm_when_zone(&off, s + b, e - b);
}

/* A zone opening parentheses: "Timeline (PST)", "(EDT, June 18)". */
static int
zone_in_parens(struct pm_when *z, const char *s, size_t len)
{
	static const char *const all_words[] = {
		"all times in", "all times", "times in", "all in", "all",
		"times", "in", NULL
	};

	for (size_t i = 0; i < len; i++) {
		const char *c;
		size_t n, end, k;
		char after;

		if (s[i] != '(' || (c = memchr(s + i, ')', len - i)) == NULL)
			continue;
		/* "IST (Irish Standard Time)" defines the abbreviation before
		 * it, which is the zone (find_definition()) */
		if (abbreviation_before(s, i))
			continue;
		/* "(PST)", "(EDT, June 18)": the zone first, then ')' or
		 * ','; after "(MST;" any explanation may follow.  "(all
		 * UTC)" and "(times in CET)" say so in words first. */
		if ((k = x_phrase_at_any(s, len, i + 1, all_words)) == 0)
			k = i + 1;
		k = x_skip_blanks(s, len, k);
		n = (size_t)(c - (s + k));
		if (!(end = zone_here(z, s + k, n < 47 ? n + 1 : 47)))
			continue;
		/* "(Tbilisi time, GMT+4)": the short name closed them */
		if (s[k + end - 1] == ')')
			return 1;
		if ((after = s[k + end]) != '\0' &&
		    (after == ';' || (n < 47 && strchr("),", after))))
			return 1;
	}
	return 0;
}

/* Words near an ambiguous abbreviation that say which zone it is. */
static const struct {
	const char *abbrev, *word;
	int offset_minutes;
} regions[] = {
	{ "IST", "irish", 60 }, { "IST", "ireland", 60 },
	{ "IST", "dublin", 60 }, { "IST", "eircode", 60 },
	{ "IST", "israel", 120 },
	{ "CST", "china", 480 }, { "CST", "chinese", 480 },
	{ "CST", "beijing", 480 }, { "CST", "shanghai", 480 },
	{ "CST", "cuba", -300 },
	{ "BST", "bangladesh", 360 }, { "BST", "dhaka", 360 },
};

/* Places of an abbreviation's usual meaning (when_zone_table.c): while
 * the document names one, its other meanings need a definition beside
 * the abbreviation.  Only the abbreviations listed here are read by the
 * places a document names anywhere (place_named()). */
static const struct {
	const char *abbrev, *word;
} usual_places[] = {
	{ "IST", "india" }, { "IST", "indian" }, { "BST", "uk" },
	{ "BST", "london" }, { "BST", "britain" }, { "BST", "british" },
	{ "BST", "england" }, { "BST", "scotland" }, { "BST", "wales" },
};

/* How far from an abbreviation its definition may be written. */
#define DEFINITION_REACH 48

/*
 * Is the abbreviation z defined at l->s[i..e): another zone or an offset
 * ("CST (China Standard Time, UTC+8)", "TRT (UTC+3)", "MSK, UTC+3"), or a
 * region's name ("Irish time (IST)")?  Sets *off.
 */
static int
definition_near(int *off, const struct xline *l, size_t i, size_t e,
    const char *abbrev)
{
	size_t from = i > DEFINITION_REACH ? i - DEFINITION_REACH : 0;
	size_t to = e + DEFINITION_REACH < l->len ? e + DEFINITION_REACH :
	    l->len;
	struct pm_when z;

	for (size_t j = e; j < to; j++) {
		if (!(l->s[j] >= 'A' && l->s[j] <= 'Z') || (j > 0 &&
		    x_alnum((unsigned char)l->s[j - 1])))
			continue;
		/* a name or an offset, not another abbreviation: "14:00 UTC
		 * (10:00 EDT)" gives the time twice */
		if (zone_here(&z, l->s + j, to - j) &&
		    strcmp(z.zone, abbrev) != 0 && strpbrk(z.zone, " +-")) {
			*off = z.offset_minutes;
			return 1;
		}
	}
	for (size_t k = 0; k < XCOUNT(regions); k++)
		if (strcmp(regions[k].abbrev, abbrev) == 0 &&
		    x_find(l->s + from, to - from, regions[k].word) !=
		    (size_t)-1) {
			*off = regions[k].offset_minutes;
			return 1;
		}
	return 0;
}

/*
 * A document may say what its ambiguous abbreviation means, and then
 * that wins over the one meaning the table gives it (when_zone.c): look
 * next to every place the abbreviation is written.
 */
/*
 * An IST or BST (usual_places) whose country the document names
 * anywhere, though not beside it: "09:05 to 11:12 IST" in a report about
 * Eircodes is Irish time.  Only for a single other meaning, and only
 * while no place of the usual one is named.  Sets *off.
 */
static int
place_named(int *off, const struct xdoc *d, const char *abbrev)
{
	int found = 0, listed = 0;

	for (size_t k = 0; k < XCOUNT(usual_places); k++)
		listed |= strcmp(usual_places[k].abbrev, abbrev) == 0;
	if (!listed)
		return 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		for (size_t k = 0; k < XCOUNT(usual_places); k++)
			if (strcmp(usual_places[k].abbrev, abbrev) == 0 &&
			    x_find(l->s, l->len, usual_places[k].word) !=
			    (size_t)-1)
				return 0;
		for (size_t k = 0; k < XCOUNT(regions); k++) {
			if (strcmp(regions[k].abbrev, abbrev) != 0 ||
			    x_find(l->s, l->len, regions[k].word) ==
			    (size_t)-1)
				continue;
			if (found && *off != regions[k].offset_minutes)
				return 0;
			*off = regions[k].offset_minutes;
			found = 1;
		}
	}
	return found;
}

/* What the document says its ambiguous abbreviation means, beside one
 * of the places it is written or by a place it names: 1 with *off. */
static int
definition_of(const struct xdoc *d, const char *abbrev, int *off)
{
	size_t n = strlen(abbrev), at;

	if (!pm_when_zone_ambiguous(abbrev, n))
		return 0;
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		for (size_t from = 0; from < l->len && (at = x_find(l->s +
		    from, l->len - from, abbrev)) != (size_t)-1;
		    from += at + n)
			if (definition_near(off, l, from + at, from + at + n,
			    abbrev))
				return 1;
	}
	return place_named(off, d, abbrev);
}

static void
find_definition(struct xdoc *d)
{
	int off = 0;

	if (definition_of(d, d->zone.zone, &off)) {
		d->zone.offset_minutes = off;
		d->zone_defined = 1;
	}
}

/*
 * An ambiguous abbreviation other than the document's zone, asked once
 * and remembered: "All times are Irish Standard Time (IST, UTC+1)" makes
 * the zone a name, and the times beside it are "12:35 IST"; a window
 * "17:30 to 19:45 CST" whose line goes on "CST in this report is China
 * Standard Time".  1 with *off when the document defines it.
 */
static int
other_definition(const struct xdoc *d, const char *abbrev, int *off)
{
	struct x_zone_defs *c = d->zone_defs;
	size_t k;

	if (c == NULL || !pm_when_zone_ambiguous(abbrev, strlen(abbrev)))
		return 0;
	for (k = 0; k < c->n; k++)
		if (strcmp(c->v[k].abbrev, abbrev) == 0)
			break;
	if (k == c->n) {
		size_t n = strlen(abbrev);

		if (k == XCOUNT(c->v) || n >= sizeof(c->v[k].abbrev))
			return 0;
		memcpy(c->v[k].abbrev, abbrev, n + 1);
		c->v[k].found = definition_of(d, abbrev, &c->v[k].off);
		c->n++;
	}
	*off = c->v[k].off;
	return c->v[k].found;
}

void
x_zone_settle(const struct xdoc *d, struct pm_when *w)
{
	int off;

	if (d->zone_place && w->has_zone &&
	    strcmp(w->zone, d->zone.zone) == 0) {
		struct pm_when p = *w;

		snprintf(p.zone, sizeof(p.zone), "%s", d->zone_place);
		pm_when_settle_zone(&p);
		w->offset_minutes = p.offset_minutes;
		return;
	}
	if (d->zone_defined && w->has_zone &&
	    strcmp(w->zone, d->zone.zone) == 0) {
		w->offset_minutes = d->zone.offset_minutes;
		return;
	}
	if (w->has_zone && other_definition(d, w->zone, &off)) {
		w->offset_minutes = off;
		return;
	}
	pm_when_settle_zone(w);
}

static void find_zone(struct xdoc *d);

static const char *const linking_verbs[] = {
	"is", "are", "was", "were", "be", "being", NULL
};

/*
 * A sentence that is a zone and little else: a few words naming it in
 * the writer's language, perhaps its short name, then its offset from
 * UTC or GMT, which closes the sentence: "Heure du Maroc, GMT+1.",
 * "Hora del centro, GMT-6", "Saatler TRT, UTC+3."  The offset is what
 * makes it a clock: a word alone could be anything ("ART").  A short
 * name right before it that means the same offset is the zone's name.
 */
static int
zone_sentence(struct pm_when *z, const char *s, size_t len)
{
	struct pm_when abbr;
	size_t b, e = len, c, a, words = 0;

	while (e > 0 && (s[e - 1] == '.' || s[e - 1] == ' '))
		e--;
	for (b = e; b > 0 && s[b - 1] != ' ' && s[b - 1] != ','; b--)
		;
	if (e - b < 5 || (strncasecmp(s + b, "utc", 3) != 0 &&
	    strncasecmp(s + b, "gmt", 3) != 0) || x_alnum(
	    (unsigned char)s[b + 3]) || zone_here(z, s + b, e - b) != e - b)
		return 0;
	for (c = 0; c < b; c++) {
		unsigned char ch = (unsigned char)s[c];

		/* letters, any language's, and nothing that counts */
		if ((ch >= '0' && ch <= '9') || !(x_alnum(ch) ||
		    ch >= 0x80 || ch == ' ' || ch == ',' || ch == '\'' ||
		    ch == '-'))
			return 0;
		words += ch != ' ' && ch != ',' && (c == 0 ||
		    s[c - 1] == ' ');
	}
	/* "Bishkek is UTC+6" says where a place is, not the report's clock */
	if (words > 4 || x_find_any(s, b, linking_verbs, NULL))
		return 0;
	for (c = b; c > 0 && (s[c - 1] == ' ' || s[c - 1] == ','); c--)
		;
	a = x_word_before(s, c, &c);
	if (c > a && zone_here(&abbr, s + a, c - a) == c - a &&
	    abbr.offset_minutes == z->offset_minutes)
		*z = abbr;
	return 1;
}

/* zone_sentence() for each sentence of l, after its label. */
static int
zone_sentence_in(struct pm_when *z, const struct xline *l)
{
	if (l->sec == SEC_TASKS || l->sec == SEC_CORRECTIVE ||
	    l->kind == XL_ROW || l->kind == XL_HEADING)
		return 0;
	for (size_t i = l->label_len ? l->content : 0, e; i < l->len;
	    i = e) {
		i = x_skip_blanks(l->s, l->len, i);
		e = x_sentence_end(l->s, l->len, i);
		if (e <= i)
			break;
		if (zone_sentence(z, l->s + i, e - i))
			return 1;
	}
	return 0;
}

/*
 * A line of fields set apart by bars or middle dots, as a header under
 * the title: "Sev 3 | Proofsheet | times BST", "Status: Final · Zone:
 * Europe/London".  A field that opens with a zone's label, with or
 * without its colon, names the zone.
 */
static int
zone_in_fields(struct pm_when *z, const char *s, size_t len)
{
	size_t b, e, k;
	int fields = 1;

	for (e = 0; e < len; e++)
		fields += s[e] == '|' || (e + 1 < len &&
		    memcmp(s + e, "\xc2\xb7", 2) == 0);
	if (fields < 2)
		return 0;
	for (b = 0; b < len; b = e + 1) {
		for (e = b; e < len && s[e] != '|' && !(e + 1 < len &&
		    memcmp(s + e, "\xc2\xb7", 2) == 0); e++)
			;
		k = x_skip_blanks(s, e, b);
		if ((k = x_phrase_at_any(s, e, k, zone_labels)) != 0 &&
		    zone_words(z, s + k, e - k))
			return 1;
		if (e + 1 < len && s[e] != '|')
			e++;	/* the dot's second byte */
	}
	return 0;
}

/* The zone written for the whole document, and what it means there. */
void
x_find_zone(struct xdoc *d)
{
	d->zone_defs = pm_arena_calloc(d->arena, 1, sizeof(*d->zone_defs));
	find_zone(d);
	if (d->has_zone)
		find_definition(d);
}

/* The zone of the document is w, written at line (0: front matter). */
static void
take_zone(struct xdoc *d, const struct pm_when *w, int line)
{
	d->zone = *w;
	d->has_zone = 1;
	d->zone_line = line;
}

static int
after_data_verb(const char *s, size_t at)
{
	size_t e, b = x_word_before(s, at, &e);

	/* "store all times in": "times in" is tried after "all times" */
	if (x_word_is(s, b, e, "all"))
		b = x_word_before(s, b, &e);
	for (size_t k = 0; data_verbs[k]; k++)
		if (x_word_is(s, b, e, data_verbs[k]))
			return 1;
	return 0;
}

/* A title that ends with a date and its zone: "Search timeouts — 7
 * March 2026 PHT". */
static int
title_zone(struct pm_when *z, const char *title)
{
	size_t len = title ? strlen(title) : 0, b = len;

	while (b > 0 && title[b - 1] != ' ')
		b--;
	if (b < 6 || b == len || !year_before(title, b - 1) ||
	    zone_here(z, title + b, len - b) != len - b)
		return 0;
	return 1;
}

/* The first time written with a zone in the summary (summary set) or
 * outside it, taken as the document's zone: 1, or 0 when there is none. */
static int
zoned_time(struct xdoc *d, struct pm_when *w, int summary)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];
		size_t from = 0, a, n;

		if (summary != (l->sec == SEC_SUMMARY))
			continue;
		while (from < l->len && pm_when_find(w, &a, &n, l->t + from,
		    l->len - from)) {
			if (w->has_zone && w->hour >= 0) {
				take_zone(d, w, l->line);
				return 1;
			}
			from += a + (n ? n : 1);
		}
	}
	return 0;
}

/*
 * "From 08:00 until 13:40 local time" in a report that names Lisbon
 * elsewhere: the times keep the clock of the place named, its offset and
 * its summer time (d->zone_place), and the zone is "local time", as
 * written.  Places of two clocks leave the zone unknown.
 */
static void
local_zone(struct xdoc *d)
{
	const char *place = NULL, *zone;
	struct pm_when w;
	int clock = 0, c, line = 0;
	size_t e;

	for (size_t i = 0; i < d->n && !line; i++)
		if (x_find(d->v[i].s, d->v[i].len, "local time") != (size_t)-1)
			line = d->v[i].line;
	for (size_t i = 0; i < d->n && line; i++) {
		const struct xline *l = &d->v[i];

		for (size_t j = 0; j < l->len; j++) {
			if (!(e = pm_when_place_at(&zone, &c, l->s, l->len, j)))
				continue;
			if (place && c != clock)
				return;
			if (!place)
				place = zone, clock = c;
			j = e;
		}
	}
	if (place == NULL)
		return;
	pm_when_init(&w);
	w.has_zone = 1;
	pm_when_zone(&w.offset_minutes, place, strlen(place));
	snprintf(w.zone, sizeof(w.zone), "local time");
	take_zone(d, &w, line);
	d->zone_place = place;
}

static void
find_zone(struct xdoc *d)
{
	const struct pm_incident *inc = d->inc;
	const struct xfield *f;
	struct pm_phrase_index phrases;
	struct pm_when w;

	if (inc->timezone && zone_words(&w, inc->timezone,
	    strlen(inc->timezone))) {
		take_zone(d, &w, 0);
		return;
	}
	if ((f = x_field(d, zone_labels)) && zone_words(&w, f->v, f->vlen)) {
		take_zone(d, &w, f->line);
		return;
	}
	pm_phrase_index_init(&phrases, zone_phrases);
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];
		const char *p;
		size_t at;

		/* "set the monitoring time zone to America/Asuncion" is
		 * work to do, not the report's clock */
		if (l->sec == SEC_TASKS || l->sec == SEC_CORRECTIVE)
			continue;
		/* each phrase in turn: "3 times the usual load, all times
		 * UTC" */
		for (size_t from = 0; from < l->len && (p = x_index_find(
		    &phrases, l->s + from, l->len - from, &at));
		    from = at + 1) {
			size_t e;

			at += from;
			e = at + strlen(p);
			/* a bare "times" only right before a short name:
			 * "Larder on-call note, times BST" */
			if (strcmp(p, "times") == 0 && !(e + 2 < l->len &&
			    l->s[e] == ' ' && l->s[e + 1] >= 'A' &&
			    l->s[e + 1] <= 'Z' && l->s[e + 2] >= 'A' &&
			    l->s[e + 2] <= 'Z'))
				continue;
			if (after_data_verb(l->s, at))
				continue;
			if (zone_words(&w, l->s + e, l->len - e)) {
				take_zone(d, &w, l->line);
				return;
			}
		}
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if (zone_in_fields(&w, l->s, l->len)) {
			take_zone(d, &w, l->line);
			return;
		}
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if (zone_in_parens(&w, l->s, l->len)) {
			take_zone(d, &w, l->line);
			return;
		}
	}
	for (size_t i = 0; i < d->n; i++) {
		if (zone_sentence_in(&w, &d->v[i])) {
			take_zone(d, &w, d->v[i].line);
			return;
		}
	}
	if (title_zone(&w, d->inc->title)) {
		take_zone(d, &w, 1);
		return;
	}
	/* the first time written with a zone, in the summary; then a zone
	 * written after a time of the summary or preamble ("(14:00 – 16:35,
	 * UTC+3)"), which says more of the window than a time with a zone
	 * further on (a "14:00Z" the root cause quotes); then that time */
	if (zoned_time(d, &w, 1))
		return;
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if ((l->sec == SEC_SUMMARY || l->sec == SEC_NONE) &&
		    zone_near_time(&w, l)) {
			take_zone(d, &w, l->line);
			return;
		}
	}
	if (zoned_time(d, &w, 0))
		return;
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if (x_zone_stated_offset(&w, l->s, l->len)) {
			take_zone(d, &w, l->line);
			return;
		}
	}
	local_zone(d);
}

