/*
 * when.h: dates, times, time zones, ranges and durations as people write
 * them in postmortems, and the calendar arithmetic to compare them.
 *
 * Contract for the whole module:
 *  - Nothing allocates, nothing keeps state: every function is pure over
 *    its arguments, so any of them may be called from several threads.
 *  - Input is a byte buffer with an explicit length; it need not be
 *    NUL-terminated and is never read past s[len].  It is borrowed only for
 *    the duration of the call.
 *  - Character classes are ASCII and independent of the process locale;
 *    no function calls mktime, timegm, localtime or strftime.
 *  - Results go to caller-owned out parameters, which are written only on
 *    success unless a function says otherwise.
 *
 * What is read (the readers in when.c, when_zone.c and when_span.c say
 * more, and the zone table in when_zone.c settles ambiguous names):
 *  - dates "August 15, 2024", "15 August 2024", "Aug 15th, 2024",
 *    "Tuesday, 12 March 2024", "Sept. 3, 2023", "2024-08-15",
 *    "08/15/2024" (slashes: month/day/year, or day/month/year when the
 *    first number is above 12), "March 5" (year left 0);
 *  - times "10:00 AM", "10am", "10:00 a.m.", "3 PM", "14:30", "14:30:15",
 *    "noon", "midnight", "09:05Z", and "0914Z" (four digits glued to a
 *    Z, the military form); never a bare number such as "1430";
 *  - ISO 8601 "2024-03-05T10:00:00-05:00", "2024-03-05 10:00";
 *  - zones after a time: "UTC", "GMT+1", "UTC+5:30", "+0200", "(UTC)",
 *    "EST", "Pacific Time" and the other names of the table in
 *    when_zone.c.  Word-like abbreviations (ET, PT, CT, MT, ART, CAT,
 *    EAT, WAT, WEST, AST) count in running text only in capitals.
 * Not read, on purpose: dotted dates ("15.08.2024", too close to version
 * numbers), two-digit years, a year or "March 2024" alone (not a point),
 * day ranges inside one date ("June 1-3"), and "1430" as a time.  Where
 * the context says time, pm_when_rewrite() turns the dotted and other
 * local forms into ones the readers take.
 */
#ifndef PM_WHEN_H
#define PM_WHEN_H

#include <stddef.h>

#define PM_WHEN_ZONE_MAX 80

/*
 * A point in time as written: any part may be missing.  year, month and
 * day are 0 when not written (a date without a year, "March 5", has only
 * month and day); hour is -1 when no time of day was written.  zone holds
 * the zone exactly as written ("EST", "UTC-05:00", "Z"), truncated to
 * PM_WHEN_ZONE_MAX - 1 bytes (Windows' "(UTC+01:00) Amsterdam, Berlin,
 * Bern, Rome, Stockholm, Vienna" fits), and
 * is "" when has_zone is 0.  meridiem says how the hour was
 * written: 1 with pm (or "noon"), 0 with am (or "midnight"), -1 without
 * either (a 24-hour clock, or a 12-hour clock that left it out) or when
 * there is no time; a range's end that takes its start's pm takes its
 * meridiem too.
 */
struct pm_when {
	int year, month, day;
	int hour, minute, second;
	int meridiem;
	int has_zone;
	int offset_minutes;
	char zone[PM_WHEN_ZONE_MAX];
	int weekday;	/* written with a date in words, Monday 0; else -1 */
};

/*
 * Set *out to the empty point: no date, no time (hour -1), no zone.
 */
void pm_when_init(struct pm_when *out);

/*
 * Parse one date and/or time at the start of s (after skipping blanks).
 * A date may be followed by a time (", 10:00 AM", " at 3 PM", "T10:00Z")
 * and a time by a date (" on March 5").  Returns the number of bytes
 * consumed from s, leading blanks included (>0), and fills *out; returns
 * 0 and leaves *out untouched when s does not start with a date or time.
 * Never reads past s[len].
 */
size_t pm_when_parse(struct pm_when *out, const char *s, size_t len);

/*
 * A month and year without a day at the start of s (after blanks): "May
 * 2024", "November, 2024", "Sept 2023".  Returns the bytes consumed and
 * sets *year and *month (1-12); 0 when s does not start with one.
 */
size_t pm_when_month_year(int *year, int *month, const char *s,
    size_t len);

/*
 * Find the first date or time anywhere in s that starts on a word
 * boundary (so "v2.10" and "10.0.0.1" hold none).  Returns 1 and sets
 * *out, *at (offset of the match in s) and *consumed (its length);
 * returns 0 and touches nothing when there is none.
 */
int pm_when_find(struct pm_when *out, size_t *at, size_t *consumed,
    const char *s, size_t len);

/*
 * Find the first range in s: "A - B" (also en and em dash), "A to B",
 * "from A to B", "A until B", "A through B", "A into B" ("Friday 28
 * February into Saturday 1 March"), "between A and B", and bare hours
 * before a time with am/pm ("2-4 PM", "from 2 to 4 PM").
 *  - A zone written on only one end applies to both ("10:00 - 11:00 UTC").
 *  - An end without a date takes the start's date, and the next day when
 *    its time is earlier than the start's ("23:00 to 01:00").  A start
 *    without a date takes the end's date (the day before when needed), or
 *    the date last written before the range ("On March 5, from 10:00 to
 *    11:00").  A missing year is taken from the other end (the year
 *    before or after when the months say so: "December 30 - January 2,
 *    2025").
 *  - An end without am/pm inherits the start's PM, and a start without
 *    am/pm the end's PM, when that keeps start <= end ("10:00 - 11:30 PM"
 *    is 22:00 to 23:30).
 *  - Both ends have a time of day or neither has ("March 5 - 10:00" is
 *    no range).  With no date anywhere, "23:00 - 01:00" stays as written.
 * Returns 1 and fills *start and *end, 0 when s holds no range.
 */
int pm_when_find_range(struct pm_when *start, struct pm_when *end,
    const char *s, size_t len);

/*
 * As pm_when_find_range(), but the first range whose ends have a time of
 * day: a range of days before it is passed over and dates the times
 * after it ("the night of 31 October to 1 November 2024: from 23:50 to
 * 01:35").
 */
int pm_when_find_timed_range(struct pm_when *start, struct pm_when *end,
    const char *s, size_t len);

/*
 * Find the first duration in s and set *minutes to it: "3 hours 15
 * minutes", "2h40m", "45 min", "1.5 hours", "two hours", "a day",
 * "1 day 2 hours", "half an hour", "an hour and a half".  Parts may be
 * joined by blanks, commas and "and"; seconds are rounded to the nearest
 * minute.  One-letter units (d, h, m, s) count only when lowercase and
 * attached to the number ("45m", not "45 m" nor "3M users").  Returns 1
 * when s contains a duration, 0 otherwise.
 */
int pm_when_find_duration(long *minutes, const char *s, size_t len);

/*
 * Look up the zone that is the whole of s (blanks and one pair of
 * parentheses around it are allowed): "EST" -> -300, "UTC+5:30" -> 330,
 * "GMT-3", "+02:00", "+0200", "Z", "Pacific Time".  Letters compare
 * case-insensitively.  Returns 1 and sets *offset_minutes when known,
 * 0 otherwise.
 */
int pm_when_zone(int *offset_minutes, const char *s, size_t len);

/*
 * The order in which the people of the zone named at the start of s write
 * slash dates: 'M' (month first) for the zones of the United States and
 * Canada ("EST", "Pacific Time", "America/Chicago") and the Philippines,
 * 'D' (day first) for every other zone of the table ("CEST", "BRT", "IST",
 * "Finnish time") and for offsets east of Greenwich ("UTC+5:30").
 * Abbreviations count only in capitals ("est" is French); UTC, GMT and
 * offsets west of Greenwich (Chicago's or Bogotá's) say nothing of the
 * writer.  Returns 'M' or 'D' and sets *end to the name's length, or
 * returns 0 (with *end set past an offset it passed over).
 */
int pm_when_zone_date_order(size_t *end, const char *s, size_t len);

/*
 * The abbreviation in brackets after a zone's name that ends at s[i]
 * ("East Africa Time (EAT)", "Moscow time (MSK, UTC+3)"): what the writer
 * calls the zone for short.  *off holds the name's offset on entry.  An
 * ambiguous abbreviation (pm_when_zone_ambiguous()) counts only when its
 * offset agrees ("Central Standard Time (CST)", not "Irish time (IST)").
 * Returns the end of the brackets and sets *at and *n (where the
 * abbreviation starts, its length) and *off (its offset); 0 when there is
 * none.
 */
size_t pm_when_short_name(const char *s, size_t len, size_t i, size_t *at,
    size_t *n, int *off);

/*
 * Is s (len bytes) an abbreviation the zone table reads one way that a
 * document may mean another ("IST", "CST", "BST", "GST", "AST")?
 */
int pm_when_zone_ambiguous(const char *s, size_t len);

/*
 * Windows' names of zones, as its settings and ITSM tools write them:
 * "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
 * "(UTC-05:00) Eastern Time (US & Canada)", "(UTC) Coordinated Universal
 * Time".  The offset is standard time; the places say whose summer time
 * applies (pm_when_settle_zone()).  When s starts with such a name, z
 * gets it (zone: the whole name, up to the end of s, trailing blanks and
 * periods left out) and its length is returned; else 0.
 */
size_t pm_when_windows_zone(struct pm_when *z, const char *s, size_t len);

/*
 * Zones that name a region's clock rather than an offset: "PT", "ET",
 * "CT", "MT", "Pacific Time", "Eastern Time", "Central Time", "Mountain
 * Time" (any case).  Read alone they are standard time (see when_zone.c);
 * with a date, this sets w's offset to daylight time when the date falls
 * in US daylight saving time: from 2:00 on the second Sunday of March to
 * 2:00 on the first Sunday of November, local time (the repeated hour of
 * November counts as daylight time).  European names ("Central European
 * Time", "Europe/Paris") follow the EU's summer time, Australia's south
 * east and New Zealand theirs, and a Windows name the rule of its places
 * (pm_when_windows_zone()).  Returns 1 when it changed w, 0 when w has no
 * such zone, no full date, or falls in standard time.
 */
int pm_when_settle_zone(struct pm_when *w);

/*
 * Do the words at s[i] lead up to a place's clock rather than name it
 * first: "local (Berlin)", "local time (Warsaw)", "heure de Paris",
 * "horário de Brasília"?  Their end, or 0.  Such a zone starts in lower
 * case, where a zone's name has a capital.
 */
size_t pm_when_zone_lead_at(const char *s, size_t len, size_t i);

/*
 * A place whose clock the zone table knows, named at s[i] as a whole
 * word with its capital: "Lisbon" (of "Lisbon time" and "Europe/Lisbon"),
 * "Cape Town", "Japan".  For a report whose times are in "local time".
 * Returns the end of the name and sets *zone to the table's name for the
 * place (static storage; pm_when_zone() and pm_when_settle_zone() read
 * it) and *clock to a number equal for places that keep the same time
 * all year; 0 when no place is named at s[i].  Names that are more often
 * something else ("Phoenix", "Charlotte", a canary) are not places.
 */
size_t pm_when_place_at(const char **zone, int *clock, const char *s,
    size_t len, size_t i);

/*
 * Rewrite the forms of dates and times the readers leave alone on
 * purpose, where the text around them says they are times, into forms
 * they read, keeping every byte offset (the length does not change):
 *  - "14.25" and "10h05" become "14:25" and "10:05" at the start of s or
 *    of a table cell (after a tab), after a dash, or after "at", "from",
 *    "to", "until", "between", "and", "by", "since", "around", "about",
 *    "approx", "after", "before", or the "o'clock" of "kl. 07.40", "klo 14.05"
 *    and "um 14.05"; "7.30pm" and "7.30 p.m." anywhere.  A
 *    text that names a version ("version", "upgrade", "release", "bump",
 *    "patch") keeps "2.10" after such a word, but not at the start;
 *  - the European "27.02.2024" becomes "2024-02-27" (widths kept);
 *  - "2018 October 21" becomes "October 21 2018";
 *  - the "h" of "14:10h" and the "hrs" of "10:30 hrs" become blanks.
 * out receives len bytes (it is not NUL-terminated and must not overlap
 * s).  Returns 1 when something changed, 0 when out is a copy of s.
 */
int pm_when_rewrite(char *out, const char *s, size_t len);

/*
 * Write w as ISO 8601 into out, NUL-terminated and truncated to size:
 *   "2024-03-05T10:00:00-05:00"  date, time and zone (UTC is "+00:00")
 *   "2024-03-05T10:00:00"        date and time
 *   "2024-03-05"                 date only
 *   "--03-05"                    month and day without a year
 *   "10:00", "10:00:15"          time only (seconds when not zero),
 *                                followed by the offset when zoned
 *   ""                           nothing known
 * size should be at least 32.  Returns the length written (without NUL).
 */
size_t pm_when_format(char *out, size_t size, const struct pm_when *w);

/*
 * Minutes from *from to *to (negative when *to is earlier), both with a
 * full date and a time.  Offsets are applied only when both have a zone;
 * otherwise both are taken as local to the same zone.  Seconds count, and
 * the result is truncated toward zero.  Returns 1 and sets *minutes, or 0
 * when either point lacks its year, month, day or time.
 */
int pm_when_diff_minutes(long *minutes, const struct pm_when *from,
    const struct pm_when *to);

/*
 * Add minutes (possibly negative) to *w, rolling over days, months and
 * years with leap years.
 *  - With a full date, the date moves as needed.
 *  - Without a year but with month and day, the same is done in a common
 *    year (a leap year for February 29) and the year stays 0.
 *  - With only a time, the time wraps around midnight.
 *  - A date without a time moves by whole days when minutes is a multiple
 *    of 1440, and otherwise is taken from 00:00 and gains a time.
 *  - A point with neither date nor time is left as it is.
 */
void pm_when_add_minutes(struct pm_when *w, long minutes);

/*
 * The proleptic Gregorian calendar, the one arithmetic behind every date
 * pmsite computes: the number of days from 1970-01-01 to year y, month m
 * (1 to 12), day d (1 to 31), negative before it; and its inverse, which
 * sets *y_out, *m_out and *d_out to the date days after 1970-01-01.  Any
 * day count within 10^15 either way is exact (a 64-bit git time stamp
 * divided by 86400 always is).  The day is not checked against its month:
 * February 30 counts as March 1 or 2.
 */
long long pm_when_days_from_date(long long y, int m, int d);

/* The weekday of a date of the proleptic Gregorian calendar, Monday 0. */
int pm_when_weekday(long long y, int m, int d);

/* The bytes of a weekday name ("Sun", "Monday,") and the blanks after it
 * at the start of s, or 0: "Mon 8:50 AM" in a timeline's time column.
 * Sets *wd to the weekday (Monday 0), or -1. */
size_t pm_when_skip_weekday(const char *s, size_t len, int *wd);

/*
 * Do blanks and then a clock "H:MM" or "HH:MM" start at s[i]?  Before
 * one, "29/01" is a day and month ("29/01 08:00"), as timelines date
 * their entries; a fraction or a score is not followed by one.
 */
int pm_when_clock_follows(const char *s, size_t len, size_t i);
void pm_when_date_from_days(long long *y_out, int *m_out, int *d_out,
    long long days);

/*
 * "YYYY-MM-DD" at the start of s, a real date of a year after 0: 1 with
 * *y, *m and *d set, else 0 (s may be NULL).  Only that shape, and
 * fast: for the dates pmsite writes itself (sort keys, git times), read
 * once per incident per page; anything people write goes through
 * pm_when_parse().
 */
int pm_when_read_ymd(const char *s, int *y, int *m, int *d);

#endif
