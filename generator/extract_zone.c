/*
 * extract_zone.c: the time zone a postmortem is written in, for the times
 * written without one.
 *
 * Where it comes from, first found wins: the front matter's timezone; a
 * "Timezone:" field; "all times in UTC" and the like; a zone opening
 * parentheses ("Timeline (PST)"); the first time written with a zone, in
 * the summary first; a zone a few words after a time of the summary or
 * the preamble ("from 2:20 to 3:45 in the afternoon Pacific time").
 */
#include "extract_int.h"

#include <string.h>

static const char *const zone_labels[] = {
	"timezone", "time zone", "tz", "zone", "all times", "times", NULL
};

/* Words after which a zone is named for all times ("All times in UTC"). */
static const char *const zone_phrases[] = {
	"times are in", "times are shown in", "times are listed in",
	"times in", "times are", "all times", "timezone", "time zone", NULL
};

/* A zone named by one to three words at s. */
static int
zone_here(struct pm_when *z, const char *s, size_t len)
{
	size_t e[3], n = 0, i;
	int off;

	for (i = 0; i < len && n < 3; i++)
		if (i + 1 == len || s[i + 1] == ' ' || s[i + 1] == ',' ||
		    s[i + 1] == '.' || s[i + 1] == ')' || s[i + 1] == ';' ||
		    s[i + 1] == ':')
			e[n++] = i + 1;
	while (n-- > 0) {
		if (pm_when_zone(&off, s, e[n])) {
			pm_when_init(z);
			z->has_zone = 1;
			z->offset_minutes = off;
			memcpy(z->zone, s, e[n] < 23 ? e[n] : 23);
			z->zone[e[n] < 23 ? e[n] : 23] = '\0';
			return 1;
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
 * right after a time.  It must start with a capital and end its clause,
 * so that "10:00, CT scans were ..." stays a sentence.
 */
static int
zone_after_comma(struct pm_when *z, const struct xline *l, size_t i)
{
	size_t e;

	while (i < l->len && l->s[i] == ' ')
		i++;
	if (i >= l->len || l->s[i] < 'A' || l->s[i] > 'Z')
		return 0;
	for (e = i; e < l->len && l->s[e] != ',' && l->s[e] != '.' &&
	    l->s[e] != ';'; e++)
		;
	if (e - i > 40 || !zone_here(z, l->s + i, e - i))
		return 0;
	return strlen(z->zone) == e - i || (e - i >= 23 &&
	    strlen(z->zone) == 23);
}

/*
 * A zone a few words after a time written without one, in the same
 * clause: "3:45 in the afternoon Pacific time", "2:20 (Pacific)".  The
 * zone must start with a capital, a sign or a parenthesis, so that words
 * such as "west" or "eat" are not read as zones.
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
		for (words = 0; i < l->len && words < 4; words++) {
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
			while (i < l->len && l->s[i] != ' ')
				i++;
		}
	}
	return 0;
}

/* A zone opening parentheses: "Timeline (PST)", "(EDT, June 18)". */
static int
zone_in_parens(struct pm_when *z, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		const char *c;

		if (s[i] != '(' || (c = memchr(s + i, ')', len - i)) == NULL)
			continue;
		/* "(PST)", "(EDT, June 18)": the zone first, then ')' or ',' */
		if (c - (s + i) < 48 && zone_here(z, s + i + 1,
		    (size_t)(c - (s + i) - 1)) && (s[i + 1 + strlen(z->zone)] ==
		    ')' || s[i + 1 + strlen(z->zone)] == ','))
			return 1;
	}
	return 0;
}

/* The zone written for the whole document. */
void
x_find_zone(struct xdoc *d)
{
	const struct pm_incident *inc = d->inc;
	const struct xfield *f;
	struct pm_when w;
	int pass;

	if (inc->timezone && zone_words(&w, inc->timezone,
	    strlen(inc->timezone))) {
		d->zone = w;
		d->has_zone = 1;
		return;
	}
	if ((f = x_field(d, zone_labels)) && zone_words(&w, f->v, f->vlen)) {
		d->zone = w;
		d->has_zone = 1;
		d->zone_line = f->line;
		return;
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];
		const char *p;
		size_t at;

		if ((p = x_find_any(l->s, l->len, zone_phrases, &at)) &&
		    zone_words(&w, l->s + at + strlen(p),
		    l->len - at - strlen(p))) {
			d->zone = w;
			d->has_zone = 1;
			d->zone_line = l->line;
			return;
		}
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if (zone_in_parens(&w, l->s, l->len)) {
			d->zone = w;
			d->has_zone = 1;
			d->zone_line = l->line;
			return;
		}
	}
	/* the first time written with a zone: summary first */
	for (pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < d->n; i++) {
			const struct xline *l = &d->v[i];
			size_t from = 0, a, n;

			if ((pass == 0) != (l->sec == SEC_SUMMARY))
				continue;
			while (from < l->len && pm_when_find(&w, &a, &n,
			    l->t + from, l->len - from)) {
				if (w.has_zone && w.hour >= 0) {
					d->zone = w;
					d->has_zone = 1;
					d->zone_line = l->line;
					return;
				}
				from += a + (n ? n : 1);
			}
		}
	}
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];

		if ((l->sec == SEC_SUMMARY || l->sec == SEC_NONE) &&
		    zone_near_time(&w, l)) {
			d->zone = w;
			d->has_zone = 1;
			d->zone_line = l->line;
			return;
		}
	}
}

