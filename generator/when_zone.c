/*
 * when_zone.c: the time zones written after a time (names, abbreviations,
 * UTC offsets) and what each one means in minutes east of UTC.
 */

#include <string.h>

#include "when_int.h"

/*
 * Zone names and their offsets in minutes.  One name, one offset: where a
 * name is ambiguous the choice is fixed here and documented:
 *  - CST is US Central Standard (-06:00), not China (+08:00) or Cuba;
 *  - IST is India (+05:30), not Israel (+02:00) or Irish Summer Time;
 *  - BST is British Summer Time (+01:00), not Bangladesh (+06:00);
 *  - GST is Gulf Standard (+04:00), not South Georgia (-02:00);
 *  - AST is Atlantic Standard (-04:00), not Arabia (+03:00);
 *  - a postmortem that says what it means by one of these five wins
 *    ("CST (China Standard Time, UTC+8)", "Irish time (IST)"): see
 *    extract_zone.c;
 *  - ET, CT, MT, PT and "Eastern/Central/Mountain/Pacific Time" are given
 *    at standard time, and pm_when_settle_zone() moves them to daylight
 *    time on US summer dates (their `summer`, below); an abbreviation
 *    that names standard or daylight time (EST, EDT) is taken as written.
 * UTC, GMT and their "+h[:mm]" forms are read in code, not here.
 */
static const struct zone {
	const char *name;
	int offset_minutes;
	/* the summer time a name of a region's clock follows, applied by
	 * pm_when_settle_zone(): 'E' the EU's, 'U' the US's since 2007 (the
	 * regional names here are American), 'A' south-east Australia's,
	 * 'N' New Zealand's, 'C' Chile's; 0 none (the name says which
	 * time it is) */
	char summer;
} zones[] = {
	{ "EST", -300, 0 }, { "EDT", -240, 0 }, { "CST", -360, 0 },
	{ "CDT", -300, 0 }, { "MST", -420, 0 }, { "MDT", -360, 0 },
	{ "PST", -480, 0 }, { "PDT", -420, 0 }, { "AKST", -540, 0 },
	{ "AKDT", -480, 0 }, { "HST", -600, 0 }, { "AST", -240, 0 },
	{ "ADT", -180, 0 }, { "NST", -210, 0 }, { "NDT", -150, 0 },
	{ "ET", -300, 'U' }, { "CT", -360, 'U' }, { "MT", -420, 'U' },
	{ "PT", -480, 'U' }, { "Eastern Time", -300, 'U' },
	{ "Central Time", -360, 'U' }, { "Mountain Time", -420, 'U' },
	{ "Pacific Time", -480, 'U' }, { "Eastern Standard Time", -300, 0 },
	{ "Eastern Daylight Time", -240, 0 },
	{ "Central Standard Time", -360, 0 },
	{ "Central Daylight Time", -300, 0 },
	{ "Mountain Standard Time", -420, 0 },
	{ "Mountain Daylight Time", -360, 0 },
	{ "Pacific Standard Time", -480, 0 },
	{ "Pacific Daylight Time", -420, 0 }, { "BRT", -180, 0 },
	{ "ART", -180, 0 }, { "CLT", -240, 0 }, { "COT", -300, 0 },
	{ "UYT", -180, 0 }, { "PET", -300, 0 }, { "ECT", -300, 0 },
	{ "VET", -240, 0 }, { "SLST", 330, 0 },
	{ "MMT", 390, 0 }, { "IRST", 210, 0 },
	{ "WET", 0, 0 }, { "WEST", 60, 0 }, { "BST", 60, 0 },
	{ "IST", 330, 0 }, { "CET", 60, 0 }, { "CEST", 120, 0 },
	{ "EET", 120, 0 }, { "EEST", 180, 0 }, { "WAT", 60, 0 },
	{ "CAT", 120, 0 }, { "EAT", 180, 0 }, { "SAST", 120, 0 },
	{ "MSK", 180, 0 }, { "GST", 240, 0 }, { "PKT", 300, 0 },
	{ "ICT", 420, 0 }, { "WIB", 420, 0 }, { "WITA", 480, 0 },
	{ "WIT", 540, 0 }, { "MYT", 480, 0 }, { "SGT", 480, 0 },
	{ "HKT", 480, 0 }, { "PHT", 480, 0 }, { "AWST", 480, 0 },
	{ "JST", 540, 0 }, { "KST", 540, 0 }, { "ACST", 570, 0 },
	{ "ACDT", 630, 0 }, { "AEST", 600, 0 }, { "AEDT", 660, 0 },
	{ "NZST", 720, 0 }, { "NZDT", 780, 0 },
	{ "Coordinated Universal Time", 0, 0 }, { "Zulu", 0, 0 },
	{ "Zulu time", 0, 0 },
	{ "Greenwich Mean Time", 0, 0 }, { "British Summer Time", 60, 0 },
	{ "Central European Time", 60, 'E' },
	{ "Central European Summer Time", 120, 0 },
	{ "India Standard Time", 330, 0 }, { "Japan Standard Time", 540, 0 },
	{ "China Standard Time", 480, 0 }, { "Irish Standard Time", 60, 0 },
	{ "Korea Standard Time", 540, 0 }, { "Moscow Standard Time", 180, 0 },
	{ "Singapore Time", 480, 0 }, { "Hong Kong Time", 480, 0 },
	{ "Turkey Time", 180, 0 }, { "TRT", 180, 0 },
	{ "Israel Standard Time", 120, 0 }, { "Israel Daylight Time", 180, 0 },
	{ "IDT", 180, 0 }, { "CLST", -180, 0 },
	{ "Australian Eastern Standard Time", 600, 0 },
	{ "Australian Eastern Daylight Time", 660, 0 },
	{ "Australian Western Standard Time", 480, 0 },
	{ "New Zealand Standard Time", 720, 0 },
	{ "New Zealand Daylight Time", 780, 0 },
	{ "Western European Time", 0, 'E' },
	{ "Eastern European Time", 120, 'E' },
	{ "Western European Summer Time", 60, 0 },
	{ "Eastern European Summer Time", 180, 0 },
	{ "West Africa Time", 60, 0 }, { "Central Africa Time", 120, 0 },
	{ "East Africa Time", 180, 0 },
	{ "South Africa Standard Time", 120, 0 },
	{ "Gulf Standard Time", 240, 0 }, { "Pakistan Standard Time", 300, 0 },
	{ "Indochina Time", 420, 0 }, { "Western Indonesia Time", 420, 0 },
	{ "Philippine Time", 480, 0 }, { "Philippine Standard Time", 480, 0 },
	{ "Brasilia Time", -180, 0 }, { "Argentina Time", -180, 0 },
	/* IANA names, at their standard offsets: pm_when_settle_zone()
	 * applies the summer time of their region */
	{ "America/New_York", -300, 'U' }, { "America/Detroit", -300, 'U' },
	{ "America/Toronto", -300, 'U' }, { "America/Chicago", -360, 'U' },
	{ "America/Denver", -420, 'U' }, { "America/Phoenix", -420, 0 },
	{ "America/Los_Angeles", -480, 'U' },
	{ "America/Vancouver", -480, 'U' }, { "America/Anchorage", -540, 'U' },
	{ "Pacific/Honolulu", -600, 0 }, { "America/Mexico_City", -360, 0 },
	{ "America/Bogota", -300, 0 }, { "America/Sao_Paulo", -180, 0 },
	{ "America/Buenos_Aires", -180, 0 }, { "Europe/London", 0, 'E' },
	{ "Europe/Dublin", 0, 'E' }, { "Europe/Lisbon", 0, 'E' },
	{ "Europe/Berlin", 60, 'E' }, { "Europe/Paris", 60, 'E' },
	{ "Europe/Amsterdam", 60, 'E' }, { "Europe/Brussels", 60, 'E' },
	{ "Europe/Madrid", 60, 'E' }, { "Europe/Rome", 60, 'E' },
	{ "Europe/Vienna", 60, 'E' }, { "Europe/Zurich", 60, 'E' },
	{ "Europe/Stockholm", 60, 'E' }, { "Europe/Oslo", 60, 'E' },
	{ "Europe/Copenhagen", 60, 'E' }, { "Europe/Warsaw", 60, 'E' },
	{ "Europe/Prague", 60, 'E' }, { "Europe/Budapest", 60, 'E' },
	{ "Europe/Helsinki", 120, 'E' }, { "Europe/Athens", 120, 'E' },
	{ "Europe/Kyiv", 120, 'E' }, { "Europe/Kiev", 120, 'E' },
	{ "Europe/Bucharest", 120, 'E' }, { "Europe/Sofia", 120, 'E' },
	{ "Europe/Riga", 120, 'E' }, { "Europe/Vilnius", 120, 'E' },
	{ "Europe/Tallinn", 120, 'E' }, { "Europe/Istanbul", 180, 0 },
	{ "Europe/Moscow", 180, 0 }, { "Africa/Lagos", 60, 0 },
	{ "Africa/Johannesburg", 120, 0 }, { "Africa/Nairobi", 180, 0 },
	{ "Asia/Dubai", 240, 0 }, { "Asia/Karachi", 300, 0 },
	{ "Asia/Kolkata", 330, 0 }, { "Asia/Calcutta", 330, 0 },
	{ "Asia/Bangkok", 420, 0 }, { "Asia/Jakarta", 420, 0 },
	{ "Asia/Singapore", 480, 0 }, { "Asia/Shanghai", 480, 0 },
	{ "Asia/Hong_Kong", 480, 0 }, { "Asia/Manila", 480, 0 },
	{ "Australia/Perth", 480, 0 }, { "Asia/Tokyo", 540, 0 },
	{ "Asia/Seoul", 540, 0 }, { "Australia/Brisbane", 600, 0 },
	{ "Australia/Adelaide", 570, 'A' }, { "Australia/Sydney", 600, 'A' },
	{ "Australia/Melbourne", 600, 'A' },
	{ "Australia/Canberra", 600, 'A' }, { "Australia/Hobart", 600, 'A' },
	{ "Pacific/Auckland", 720, 'N' }, { "Etc/UTC", 0, 0 },
	/* a place's time as people name it; the European ones take the EU's
	 * summer time ('E').  "Irish time (IST)" is Irish time: an
	 * ambiguous abbreviation in brackets after a place is left to the
	 * place (extract_zone.c). */
	{ "UK time", 0, 'E' }, { "British time", 0, 'E' },
	{ "London time", 0, 'E' }, { "Dublin time", 0, 'E' },
	{ "Lisbon time", 0, 'E' }, { "Portuguese time", 0, 'E' },
	{ "Madrid time", 60, 'E' }, { "Spanish time", 60, 'E' },
	{ "Paris time", 60, 'E' }, { "French time", 60, 'E' },
	{ "Berlin time", 60, 'E' }, { "German time", 60, 'E' },
	{ "Amsterdam time", 60, 'E' }, { "Dutch time", 60, 'E' },
	{ "Brussels time", 60, 'E' }, { "Rome time", 60, 'E' },
	{ "Italian time", 60, 'E' }, { "Vienna time", 60, 'E' },
	{ "Zurich time", 60, 'E' }, { "Swiss time", 60, 'E' },
	{ "Stockholm time", 60, 'E' }, { "Swedish time", 60, 'E' },
	{ "Oslo time", 60, 'E' }, { "Copenhagen time", 60, 'E' },
	{ "Warsaw time", 60, 'E' }, { "Polish time", 60, 'E' },
	{ "Prague time", 60, 'E' }, { "Helsinki time", 120, 'E' },
	{ "Finnish time", 120, 'E' }, { "Athens time", 120, 'E' },
	{ "Greek time", 120, 'E' }, { "Kyiv time", 120, 'E' },
	{ "Bucharest time", 120, 'E' }, { "Romanian time", 120, 'E' },
	{ "Tokyo time", 540, 0 }, { "Japan time", 540, 0 },
	{ "Seoul time", 540, 0 }, { "India time", 330, 0 },
	{ "Nepal time", 345, 0 }, { "NPT", 345, 0 }, { "Dubai time", 240, 0 },
	{ "Istanbul time", 180, 0 }, { "Nairobi time", 180, 0 },
	{ "Johannesburg time", 120, 0 }, { "Bangkok time", 420, 0 },
	{ "Jakarta time", 420, 0 }, { "Manila time", 480, 0 },
	{ "Beijing time", 480, 0 }, { "Taipei time", 480, 0 },
	{ "Montevideo time", -180, 0 }, { "Buenos Aires time", -180, 0 },
	{ "Brasilia time", -180, 0 }, { "Bogota time", -300, 0 },
	{ "Lima time", -300, 0 }, { "Mexico City time", -360, 0 },
	{ "Delhi time", 330, 0 }, { "Mumbai time", 330, 0 },
	{ "Karachi time", 300, 0 }, { "Lagos time", 60, 0 },
	{ "Sydney time", 600, 'A' }, { "Melbourne time", 600, 'A' },
	{ "Auckland time", 720, 'N' }, { "New Zealand time", 720, 'N' },
	{ "NZ time", 720, 'N' }, { "Irish time", 0, 'E' },
	{ "Atlantic time", -240, 'U' }, { "Newfoundland time", -210, 'U' },
	{ "Alaska time", -540, 'U' }, { "Hawaii time", -600, 0 },
	{ "Arizona time", -420, 0 }, { "Moscow time", 180, 0 },
	{ "Belfast time", 0, 'E' }, { "Edinburgh time", 0, 'E' },
	{ "Glasgow time", 0, 'E' }, { "Manchester time", 0, 'E' },
	{ "Porto time", 0, 'E' }, { "Barcelona time", 60, 'E' },
	{ "Munich time", 60, 'E' }, { "Frankfurt time", 60, 'E' },
	{ "Hamburg time", 60, 'E' }, { "Milan time", 60, 'E' },
	{ "Krakow time", 60, 'E' }, { "Kraków time", 60, 'E' },
	{ "Budapest time", 60, 'E' }, { "Sofia time", 120, 'E' },
	{ "Riga time", 120, 'E' }, { "Vilnius time", 120, 'E' },
	{ "Tallinn time", 120, 'E' }, { "Tashkent time", 300, 0 },
	{ "UZT", 300, 0 }, { "Fiji time", 720, 0 }, { "FJT", 720, 0 },
	{ "Singapore time", 480, 0 }, { "Hong Kong time", 480, 0 },
	{ "Perth time", 480, 0 }, { "Brisbane time", 600, 0 },
	{ "Adelaide time", 570, 'A' }, { "Darwin time", 570, 0 },
	{ "Canberra time", 600, 'A' }, { "Hobart time", 600, 'A' },
	{ "Sao Paulo time", -180, 0 }, { "São Paulo time", -180, 0 },
	{ "Santiago time", -240, 'C' }, { "America/Santiago", -240, 'C' },
	/* North American cities; Saskatchewan, Arizona (but not the Navajo
	 * Nation) and Hawaii keep standard time all year */
	{ "Vancouver time", -480, 'U' }, { "Seattle time", -480, 'U' },
	{ "Portland time", -480, 'U' }, { "San Francisco time", -480, 'U' },
	{ "Los Angeles time", -480, 'U' }, { "California time", -480, 'U' },
	{ "Denver time", -420, 'U' }, { "Calgary time", -420, 'U' },
	{ "Edmonton time", -420, 'U' }, { "Phoenix time", -420, 0 },
	{ "Chicago time", -360, 'U' }, { "Dallas time", -360, 'U' },
	{ "Houston time", -360, 'U' }, { "Austin time", -360, 'U' },
	{ "Winnipeg time", -360, 'U' }, { "Regina time", -360, 0 },
	{ "Saskatchewan time", -360, 0 }, { "Toronto time", -300, 'U' },
	{ "Ottawa time", -300, 'U' }, { "Montreal time", -300, 'U' },
	{ "Montréal time", -300, 'U' }, { "New York time", -300, 'U' },
	{ "Boston time", -300, 'U' }, { "Atlanta time", -300, 'U' },
	{ "Miami time", -300, 'U' }, { "Halifax time", -240, 'U' },
	{ "Honolulu time", -600, 0 }, { "Anchorage time", -540, 'U' },
	/* German and Quebec French abbreviations */
	{ "MEZ", 60, 0 }, { "MESZ", 120, 0 }, { "HNE", -300, 0 },
	{ "HAE", -240, 0 }, { "HNC", -360, 0 }, { "HAC", -300, 0 },
	{ "HNP", -480, 0 }, { "HAP", -420, 0 },
	/* only as a whole field ("Time zone: Eastern"): see label_only */
	{ "Eastern", -300, 'U' }, { "Central", -360, 'U' },
	{ "Mountain", -420, 'U' }, { "Pacific", -480, 'U' },
};

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
	"WIT", "PET", "VET"
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

/*
 * The zone name at s[i], as word_at() reads it; a place's time may say
 * "local" before "time" ("UK local time", "Montevideo local time"), or
 * name the place after "local" in parentheses ("local (Berlin)", "local
 * time (Warsaw)").
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
	if ((e = word_at(s, len, i, "local"))) {
		if ((k = word_at(s, len, skip_blanks(s, len, e), "time")))
			e = k;
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
 * A named zone at s[i]: "UTC", "GMT-3", "EST", "Pacific Time".  In
 * running text (text != 0) word-like abbreviations must be in capitals.
 * The longest name wins.
 */
static size_t
named_zone_at(const char *s, size_t len, size_t i, int *off, int text)
{
	size_t e, best = 0, k;
	int first = lower(ch(s, len, i)), local;

	if ((e = match(s, len, i, "utc")) || (e = match(s, len, i, "gmt"))) {
		if ((k = offset_at(s, len, e, off, 0)))
			return k;
		if (is_alnum(ch(s, len, e)))
			return 0;
		*off = 0;
		return e;
	}
	if (!is_alpha(first))
		return 0;
	/* This runs after every time in every document: the first letter
	 * rules out nearly all of the table before any name is compared
	 * (but "local (Berlin)" is "Berlin time"). */
	local = first == 'l' && word_at(s, len, i, "local");
	for (k = 0; k < COUNT(zones); k++) {
		if (lower(zones[k].name[0]) != first && !local)
			continue;
		if (!(e = zone_name_at(s, len, i, zones[k].name)) || e <= best)
			continue;
		if (text && is_wordlike(zones[k].name) &&
		    strncmp(s + i, zones[k].name, e - i) != 0)
			continue;
		if (text && in_list(label_only, COUNT(label_only),
		    zones[k].name) && (s[i] < 'A' || s[i] > 'Z'))
			continue;
		best = e;
		*off = zones[k].offset_minutes;
	}
	return best;
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
	"IST", "CST", "BST", "GST", "AST", NULL
};

int
pm_when_zone_ambiguous(const char *s, size_t len)
{
	for (const char *const *a = ambiguous; *a; a++)
		if (strlen(*a) == len && memcmp(*a, s, len) == 0)
			return 1;
	return 0;
}

size_t
pm_when_short_name(const char *s, size_t len, size_t i, size_t *at,
    size_t *n, int *off)
{
	int named = *off, abbrev;
	size_t k = skip_blanks(s, len, i), b, e;

	if (ch(s, len, k) != '(')
		return 0;
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
		if (open) {
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


/* The day of month of the n-th Sunday of month m of year y. */
static int
nth_sunday(int y, int m, int n)
{
	int wd = (pm_when_weekday(y, m, 1) + 1) % 7;	/* Sunday 0 */

	return 1 + (7 - wd) % 7 + 7 * (n - 1);
}

/* The day of month of the last Sunday of month m of year y. */
static int
last_sunday(int y, int m)
{
	int d = nth_sunday(y, m, 4);
	long long days = pm_when_days_from_date(m == 12 ? y + 1 : y,
	    m == 12 ? 1 : m + 1, 1) - pm_when_days_from_date(y, m, 1);

	return d + 7 <= days ? d + 7 : d;
}


/* EU summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC
 * on the last Sunday of October; the hour repeated in October is read as
 * the first (summer) one. */
static int
settle_european(struct pm_when *w, int std)
{
	int dst;
	int start = last_sunday(w->year, 3), end = last_sunday(w->year, 10);
	int switch_hour = 1 + std / 60;	/* 01:00 UTC in local time */

	if (w->month > 3 && w->month < 10)
		dst = 1;
	else if (w->month == 3)
		dst = w->day > start || (w->day == start &&
		    w->hour >= switch_hour);
	else if (w->month == 10)
		dst = w->day < end || (w->day == end &&
		    w->hour < switch_hour + 1);
	else
		dst = 0;
	w->offset_minutes = std + (dst ? 60 : 0);
	return dst;
}


/* Summer time south of the equator: from the switch day of on_month
 * (October in Australia, September in New Zealand) at 02:00 to April's
 * at 03:00 summer time, the repeated hour read as the first (summer)
 * one.  on and off are days of month. */
static int
settle_southern(struct pm_when *w, int std, int on_month, int on, int off)
{
	int dst;

	if (w->month > on_month || w->month < 4)
		dst = 1;
	else if (w->month == 4)
		dst = w->day < off || (w->day == off && w->hour < 3);
	else if (w->month == on_month)
		dst = w->day > on || (w->day == on && w->hour >= 2);
	else
		dst = 0;
	w->offset_minutes = std + (dst ? 60 : 0);
	return dst;
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

/* US daylight saving time, from 2:00 on the second Sunday of March to
 * 2:00 on the first Sunday of November, local time. */
static int
settle_us(struct pm_when *w, int std)
{
	int start, end, dst;

	start = nth_sunday(w->year, 3, 2);
	end = nth_sunday(w->year, 11, 1);
	if (w->month > 3 && w->month < 11)
		dst = 1;
	else if (w->month == 3)
		dst = w->day > start || (w->day == start && w->hour >= 2);
	else if (w->month == 11)
		dst = w->day < end || (w->day == end && w->hour < 2);
	else
		dst = 0;
	if (!dst)
		return 0;
	w->offset_minutes = std + 60;
	return 1;
}

/*
 * Places that write a slash date month first: the United States and
 * Canada (the table's first block, up to "BRT", and the names that follow
 * US summer time) and the Philippines.  Every other zone's people write
 * the day first.
 */
static int
month_first(const struct zone *z)
{
	static const char *const more[] = { "America/Phoenix",
	    "Pacific/Honolulu", "PHT", "Manila time", "Asia/Manila" };
	const struct zone *brt = zones;

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
	const struct zone *z = NULL;
	size_t best = 0, e;
	int off;

	/* east of Greenwich, from Lagos to Auckland, people write the day
	 * first (China's year-first dates are never ambiguous); west of it
	 * an offset could be Chicago's or Bogotá's */
	if (((e = match(s, len, 0, "utc")) || (e = match(s, len, 0, "gmt"))) &&
	    (best = offset_at(s, len, e, &off, 0)) != 0) {
		*end = best;
		return off > 0 ? 'D' : 0;
	}
	for (size_t k = 0; k < COUNT(zones); k++) {
		if (!(e = zone_name_at(s, len, 0, zones[k].name)) ||
		    e <= best ||
		    in_list(label_only, COUNT(label_only), zones[k].name))
			continue;
		/* "est", "ist" and "wet" are words of French, German and
		 * English: abbreviations count only in capitals */
		if (all_caps(zones[k].name) &&
		    strncmp(s, zones[k].name, e) != 0)
			continue;
		best = e;
		z = &zones[k];
	}
	if (z == NULL)
		return 0;
	*end = best;
	return month_first(z) ? 'M' : 'D';
}

/* The table's entry for a zone as written ("uk time"), or NULL. */
static const struct zone *
zone_named(const char *zone)
{
	size_t n = strlen(zone);

	for (size_t k = 0; k < COUNT(zones); k++)
		if (zone_name_at(zone, n, 0, zones[k].name) == n)
			return &zones[k];
	return NULL;
}

/* Chile moves its clocks at midnight after the month's first Saturday:
 * the day of the Sunday after it. */
static int
sunday_after_saturday(int year, int month)
{
	int d = nth_sunday(year, month, 1);

	return d == 1 ? 8 : d;
}

int
pm_when_settle_zone(struct pm_when *w)
{
	const struct zone *z;
	int std, rule;

	if (!w->has_zone || !w->year || !w->month || !w->day)
		return 0;
	if ((rule = windows_rule(w, &std)) == 0 &&
	    (z = zone_named(w->zone)) != NULL) {
		rule = z->summer;
		std = z->offset_minutes;
	}
	switch (rule) {
	case 'E':
		return settle_european(w, std);
	case 'U':
		return settle_us(w, std);
	case 'A':
		return settle_southern(w, std, 10, nth_sunday(w->year, 10, 1),
		    nth_sunday(w->year, 4, 1));
	case 'N':
		return settle_southern(w, std, 9, last_sunday(w->year, 9),
		    nth_sunday(w->year, 4, 1));
	case 'C':	/* at the end of the first Saturday of September */
		return settle_southern(w, std, 9, sunday_after_saturday(
		    w->year, 9), sunday_after_saturday(w->year, 4));
	}
	return 0;
}
