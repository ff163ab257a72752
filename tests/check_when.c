/*
 * check_when.c: table-driven unit tests of the when module (dates, times,
 * zones, ranges, durations, formatting, calendar arithmetic, daylight
 * time of the regional zones, how the hour was written, and the rewrite
 * of local forms such as "14.25" and "10h05").
 *
 * Each table row is one case.  A test walks its whole table, prints every
 * mismatching row with what was read, and fails at the end if any did, so
 * one run shows all the broken cases at once.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "when.h"
#include "when_int.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The expected fields of a struct pm_when. */
struct fields {
	int y, m, d, h, mi, s, hz, off;
	const char *zone;
};

#define NONE		{ 0, 0, 0, -1, 0, 0, 0, 0, "" }
#define DATE(y, m, d)	{ y, m, d, -1, 0, 0, 0, 0, "" }
#define TIME(h, mi, s)	{ 0, 0, 0, h, mi, s, 0, 0, "" }
#define TZ(h, mi, off, z) { 0, 0, 0, h, mi, 0, 1, off, z }
#define DT(y, m, d, h, mi, s) { y, m, d, h, mi, s, 0, 0, "" }
#define DTZ(y, m, d, h, mi, s, off, z) { y, m, d, h, mi, s, 1, off, z }

static size_t ncases;

static int
same(const char *label, const struct pm_when *w, const struct fields *f)
{
	char iso[64];

	if (w->year == f->y && w->month == f->m && w->day == f->d &&
	    w->hour == f->h && w->minute == f->mi && w->second == f->s &&
	    w->has_zone == f->hz && (!f->hz || w->offset_minutes == f->off) &&
	    strcmp(w->zone, f->zone) == 0)
		return 1;
	pm_when_format(iso, sizeof(iso), w);
	print_message("mismatch for \"%s\": got %d-%d-%d %d:%d:%d zone=%d "
	    "off=%d \"%s\" (%s); want %d-%d-%d %d:%d:%d zone=%d off=%d "
	    "\"%s\"\n", label, w->year, w->month, w->day, w->hour,
	    w->minute, w->second, w->has_zone, w->offset_minutes, w->zone,
	    iso, f->y, f->m, f->d, f->h, f->mi, f->s, f->hz, f->off,
	    f->zone);
	return 0;
}

static struct pm_when
make(const struct fields *f)
{
	struct pm_when w;

	pm_when_init(&w);
	w.year = f->y;
	w.month = f->m;
	w.day = f->d;
	w.hour = f->h;
	w.minute = f->mi;
	w.second = f->s;
	w.has_zone = f->hz;
	w.offset_minutes = f->off;
	snprintf(w.zone, sizeof(w.zone), "%s", f->zone);
	return w;
}

/* pm_when_parse: input, bytes consumed (-1: all of it), fields. */
static const struct {
	const char *in;
	long used;
	struct fields f;
} parses[] = {
	/* dates */
	{ "August 15, 2024", -1, DATE(2024, 8, 15) },
	{ "15 August 2024", -1, DATE(2024, 8, 15) },
	{ "Aug 15th, 2024", -1, DATE(2024, 8, 15) },
	{ "2024-08-15", -1, DATE(2024, 8, 15) },
	{ "15/08/2024", -1, DATE(2024, 8, 15) },
	{ "08/15/2024", -1, DATE(2024, 8, 15) },
	{ "03/05/2024", -1, DATE(2024, 3, 5) },
	/* a weekday settles day/month: 5 March 2024 was a Tuesday */
	{ "Tuesday 05/03/2024", -1, DATE(2024, 3, 5) },
	{ "Fri, 05/03/2024", -1, DATE(2024, 5, 3) },
	{ "Sunday 03/05/2024", -1, DATE(2024, 3, 5) },
	/* with a weekday, a two-digit year: 3 June 2024 was a Monday */
	{ "Monday 3/6/24", -1, DATE(2024, 6, 3) },
	{ "Wed 3/6/24", -1, DATE(2024, 3, 6) },
	/* with a weekday and no year, a month and day that cannot be read
	 * the other way round */
	{ "Wed 9/18", -1, DATE(0, 9, 18) },
	{ "Friday 25/10", -1, DATE(0, 10, 25) },
	/* before a clock time, a day and month need neither: timelines
	 * date their entries so; month first when both could be */
	{ "29/01 08:00", -1, DT(0, 1, 29, 8, 0, 0) },
	{ "01/29 08:00", -1, DT(0, 1, 29, 8, 0, 0) },
	{ "03/04 2:10", -1, DT(0, 3, 4, 2, 10, 0) },
	{ "13/12/2024", -1, DATE(2024, 12, 13) },
	{ "12/13/2024", -1, DATE(2024, 12, 13) },
	{ "Tuesday, 12 March 2024", -1, DATE(2024, 3, 12) },
	{ "Sept. 3, 2023", -1, DATE(2023, 9, 3) },
	{ "sept 3 2023", -1, DATE(2023, 9, 3) },
	{ "MARCH 5, 2024", -1, DATE(2024, 3, 5) },
	{ "3rd of March, 2024", -1, DATE(2024, 3, 3) },
	{ "March 5", -1, DATE(0, 3, 5) },
	{ "Thu, 1 Feb 2024", -1, DATE(2024, 2, 1) },
	{ "February 29, 2024", -1, DATE(2024, 2, 29) },
	{ "Feb 29", -1, DATE(0, 2, 29) },
	{ "Dec. 31st 1999", -1, DATE(1999, 12, 31) },
	{ "2024/03/05", -1, DATE(2024, 3, 5) },
	{ "Wednesday March 6, 2024", -1, DATE(2024, 3, 6) },
	{ "1st Jan 2025", -1, DATE(2025, 1, 1) },
	{ "22nd June 2023", -1, DATE(2023, 6, 22) },
	{ "July 4th", -1, DATE(0, 7, 4) },
	{ "nov 2, 2023", -1, DATE(2023, 11, 2) },
	{ "31 October 2022", -1, DATE(2022, 10, 31) },
	{ "Fri., Oct 6, 2023", -1, DATE(2023, 10, 6) },
	{ "Thurs 2 May 2024", -1, DATE(2024, 5, 2) },
	{ "April 30,2024", -1, DATE(2024, 4, 30) },
	{ "9/1/2023", -1, DATE(2023, 9, 1) },
	{ "2024-1-9", -1, DATE(2024, 1, 9) },
	{ "2000-02-29", -1, DATE(2000, 2, 29) },
	{ "march 5, 2024.", 13, DATE(2024, 3, 5) },
	{ "Sunday, January 7th, 2024", -1, DATE(2024, 1, 7) },

	/* times */
	{ "10:00 AM", -1, TIME(10, 0, 0) },
	{ "10am", -1, TIME(10, 0, 0) },
	{ "10:00 a.m.", -1, TIME(10, 0, 0) },
	{ "3 PM", -1, TIME(15, 0, 0) },
	{ "14:30", -1, TIME(14, 30, 0) },
	{ "14:30:15", -1, TIME(14, 30, 15) },
	{ "noon", -1, TIME(12, 0, 0) },
	{ "midnight", -1, TIME(0, 0, 0) },
	{ "12:00 PM", -1, TIME(12, 0, 0) },
	{ "12:00 AM", -1, TIME(0, 0, 0) },
	{ "09:05Z", -1, TZ(9, 5, 0, "Z") },
	{ "11:59 pm", -1, TIME(23, 59, 0) },
	{ "7:45PM", -1, TIME(19, 45, 0) },
	{ "12 noon", -1, TIME(12, 0, 0) },
	{ "midday", -1, TIME(12, 0, 0) },
	{ "12 midday", -1, TIME(12, 0, 0) },
	{ "12 midnight", -1, TIME(0, 0, 0) },
	{ "1 a.m.", -1, TIME(1, 0, 0) },
	{ "00:00", -1, TIME(0, 0, 0) },
	{ "23:59:59", -1, TIME(23, 59, 59) },
	{ "6 p.m", -1, TIME(18, 0, 0) },
	{ "12am", -1, TIME(0, 0, 0) },
	{ "12pm", -1, TIME(12, 0, 0) },
	{ "Noon", -1, TIME(12, 0, 0) },
	{ "8:05 A.M.", -1, TIME(8, 5, 0) },
	/* a 24-hour time whose pm repeats it; with am it is no time */
	{ "14:00pm", -1, TIME(14, 0, 0) },
	{ "14:00am", 0, NONE },
	/* a blank after the colon, read only with am or pm */
	{ "12: 05 a.m.", -1, TIME(0, 5, 0) },
	{ "1: 15 minutes", 0, NONE },

	/* times with zones */
	{ "10:00 AM EST", -1, TZ(10, 0, -300, "EST") },
	{ "3 PM PDT", -1, TZ(15, 0, -420, "PDT") },
	{ "14:30 UTC", -1, TZ(14, 30, 0, "UTC") },
	{ "14:30 GMT+1", -1, TZ(14, 30, 60, "GMT+1") },
	/* the offset spaced out; a minus only in brackets; a slip of the
	 * keys for GMT, with its offset */
	{ "10am GMT + 1", -1, TZ(10, 0, 60, "GMT + 1") },
	{ "3:00pm West African Time", -1, TZ(15, 0, 60, "West African Time") },
	{ "12:00 a.m. (GMT - 5)", -1, TZ(0, 0, -300, "GMT - 5") },
	{ "14:34 GTM+2", -1, TZ(14, 34, 120, "GTM+2") },
	{ "09:00 UTC+5:30", -1, TZ(9, 0, 330, "UTC+5:30") },
	{ "09:00 UTC-05:00", -1, TZ(9, 0, -300, "UTC-05:00") },
	{ "16:00 +0200", -1, TZ(16, 0, 120, "+0200") },
	{ "16:00+02:00", -1, TZ(16, 0, 120, "+02:00") },
	{ "2:00 AM (UTC)", -1, TZ(2, 0, 0, "UTC") },
	{ "10:00 Pacific Time", -1, TZ(10, 0, -480, "Pacific Time") },
	{ "10:00 eastern time", -1, TZ(10, 0, -300, "eastern time") },
	{ "10:00 PT", -1, TZ(10, 0, -480, "PT") },
	{ "10:00 ET", -1, TZ(10, 0, -300, "ET") },
	{ "10:00 CST", -1, TZ(10, 0, -360, "CST") },
	{ "10:00 IST", -1, TZ(10, 0, 330, "IST") },
	{ "10:00 BST", -1, TZ(10, 0, 60, "BST") },
	{ "10:00 CET", -1, TZ(10, 0, 60, "CET") },
	{ "10:00 CEST", -1, TZ(10, 0, 120, "CEST") },
	{ "14:05 MESZ", -1, TZ(14, 5, 120, "MESZ") },
	{ "6:40 HAE", -1, TZ(6, 40, -240, "HAE") },
	{ "06:10 NPT", -1, TZ(6, 10, 345, "NPT") },
	{ "3:15pm MYT", -1, TZ(15, 15, 480, "MYT") },
	{ "20:00 Finnish time", -1, TZ(20, 0, 120, "Finnish time") },
	{ "07:00 uk time", -1, TZ(7, 0, 0, "uk time") },
	{ "07:40 UK local time", -1, TZ(7, 40, 0, "UK local time") },
	{ "08:40 Montevideo local time", -1,
	    TZ(8, 40, -180, "Montevideo local time") },
	/* names spelt with letters outside ASCII, compared byte for byte */
	{ "07:20 Kraków time", -1, TZ(7, 20, 60, "Kraków time") },
	{ "09:10 São Paulo time", -1, TZ(9, 10, -180, "São Paulo time") },
	{ "06:45 Montréal time", -1, TZ(6, 45, -300, "Montréal time") },
	/* a pair for the year round; Mongolia's and Morocco's clocks */
	{ "09:00 CET/CEST", -1, TZ(9, 0, 60, "CET/CEST") },
	{ "16:40 ULAT", -1, TZ(16, 40, 480, "ULAT") },
	{ "10:15 Marrakech time", -1, TZ(10, 15, 60, "Marrakech time") },
	{ "08:40 Montevideo local", 5, TIME(8, 40, 0) },
	/* a name with its abbreviation in brackets: the abbreviation, when
	 * it means the same */
	{ "10:20 East Africa Time (EAT)", -1, TZ(10, 20, 180, "EAT") },
	{ "20:30 UYT", -1, TZ(20, 30, -180, "UYT") },
	{ "19:05 ECT", -1, TZ(19, 5, -300, "ECT") },
	{ "12:00 SLST", -1, TZ(12, 0, 330, "SLST") },
	{ "02:15 UZT", -1, TZ(2, 15, 300, "UZT") },
	{ "09:40 FJT", -1, TZ(9, 40, 720, "FJT") },
	{ "10:00 pet food", 5, TIME(10, 0, 0) },
	/* Bolivia's; in lower case a bot, not a zone */
	{ "07:15 BOT", -1, TZ(7, 15, -240, "BOT") },
	{ "16:10 bot attempts", 5, TIME(16, 10, 0) },
	{ "11:30 GYT", -1, TZ(11, 30, -240, "GYT") },
	{ "23:20 Central Standard Time (CST)", -1,
	    TZ(23, 20, -360, "CST") },
	{ "08:20 Irish time (IST)", 16, TZ(8, 20, 0, "Irish time") },
	{ "08:05 AZOST", -1, TZ(8, 5, 0, "AZOST") },
	{ "07:05 AZOT", -1, TZ(7, 5, -60, "AZOT") },
	{ "11:00 CVT", -1, TZ(11, 0, -60, "CVT") },
	{ "09:30 AFT", -1, TZ(9, 30, 270, "AFT") },
	{ "18:45 ChST", -1, TZ(18, 45, 600, "ChST") },
	{ "06:15 CHAST", -1, TZ(6, 15, 765, "CHAST") },
	{ "21:30 CKT", -1, TZ(21, 30, -600, "CKT") },
	{ "21:30 Tahiti Time", -1, TZ(21, 30, -600, "Tahiti Time") },
	{ "14:02 GET /checkout", 5, TIME(14, 2, 0) },
	/* IANA names at their standard offsets; settles gives summer */
	{ "15:10 America/New_York", -1, TZ(15, 10, -300, "America/New_York") },
	{ "09:00 Europe/Berlin", -1, TZ(9, 0, 60, "Europe/Berlin") },
	{ "22:40 Europe/Bratislava", -1, TZ(22, 40, 60,
	    "Europe/Bratislava") },
	{ "07:10 Europe/Minsk", -1, TZ(7, 10, 180, "Europe/Minsk") },
	{ "09:00 (Asia/Kolkata)", -1, TZ(9, 0, 330, "Asia/Kolkata") },
	{ "09:20 Asia/Thimphu", -1, TZ(9, 20, 360, "Asia/Thimphu") },
	{ "16:45 America/Asuncion", -1, TZ(16, 45, -180,
	    "America/Asuncion") },
	{ "06:15 Pacific/Chatham", -1, TZ(6, 15, 765, "Pacific/Chatham") },
	/* the old names tzdata keeps, as systems still print them */
	{ "11:20 a.m. US/Eastern", -1, TZ(11, 20, -300, "US/Eastern") },
	/* the military form with its unit */
	{ "0605 hrs", -1, TIME(6, 5, 0) },
	{ "1400 hours", -1, TIME(14, 0, 0) },
	/* the meridiem's letter alone, glued to the minutes */
	{ "11:05a", -1, TIME(11, 5, 0) },
	{ "12:52p", -1, TIME(12, 52, 0) },
	{ "1:30p", -1, TIME(13, 30, 0) },
	{ "10:05 a table", 5, TIME(10, 5, 0) },
	/* four digits and UTC or GMT: a time in operations shorthand */
	{ "1405 UTC", -1, TZ(14, 5, 0, "UTC") },
	{ "0930 gmt", -1, TZ(9, 30, 0, "gmt") },
	{ "10:00 JST", -1, TZ(10, 0, 540, "JST") },
	{ "10:00 AEST", -1, TZ(10, 0, 600, "AEST") },
	{ "10:00 AEDT", -1, TZ(10, 0, 660, "AEDT") },
	{ "10:00 NZDT", -1, TZ(10, 0, 780, "NZDT") },
	{ "10:00 NZST", -1, TZ(10, 0, 720, "NZST") },
	{ "10:00 ACST", -1, TZ(10, 0, 570, "ACST") },
	{ "10:00 AWST", -1, TZ(10, 0, 480, "AWST") },
	{ "10:00 est", -1, TZ(10, 0, -300, "est") },
	{ "10:00 (PST)", -1, TZ(10, 0, -480, "PST") },
	{ "10:00 ( MSK )", -1, TZ(10, 0, 180, "MSK") },
	{ "10:00 SGT", -1, TZ(10, 0, 480, "SGT") },
	{ "10:00 HKT", -1, TZ(10, 0, 480, "HKT") },
	{ "10:00 BRT", -1, TZ(10, 0, -180, "BRT") },
	{ "10:00 ART", -1, TZ(10, 0, -180, "ART") },
	{ "10:00 SAST", -1, TZ(10, 0, 120, "SAST") },
	/* Armenia's, as documented; Amazon Time is said in words */
	{ "19:20 AMT", -1, TZ(19, 20, 240, "AMT") },
	{ "19:20 Amazon Time", -1, TZ(19, 20, -240, "Amazon Time") },
	{ "10:00 AKST", -1, TZ(10, 0, -540, "AKST") },
	{ "10:00 AKDT", -1, TZ(10, 0, -480, "AKDT") },
	{ "10:00 HST", -1, TZ(10, 0, -600, "HST") },
	{ "10:00 KST", -1, TZ(10, 0, 540, "KST") },
	{ "10:00 GST", -1, TZ(10, 0, 240, "GST") },
	{ "10:00 WIB", -1, TZ(10, 0, 420, "WIB") },
	{ "10:00 ICT", -1, TZ(10, 0, 420, "ICT") },
	{ "10:00 PKT", -1, TZ(10, 0, 300, "PKT") },
	{ "10:00 EAT", -1, TZ(10, 0, 180, "EAT") },
	{ "10:00 WAT", -1, TZ(10, 0, 60, "WAT") },
	{ "10:00 CAT", -1, TZ(10, 0, 120, "CAT") },
	{ "10:00 EET", -1, TZ(10, 0, 120, "EET") },
	{ "10:00 EEST", -1, TZ(10, 0, 180, "EEST") },
	{ "10:00 WET", -1, TZ(10, 0, 0, "WET") },
	{ "10:00 WEST", -1, TZ(10, 0, 60, "WEST") },
	{ "10:00 MDT", -1, TZ(10, 0, -360, "MDT") },
	{ "10:00 MST", -1, TZ(10, 0, -420, "MST") },
	{ "10:00 CDT", -1, TZ(10, 0, -300, "CDT") },
	{ "10:00 EDT", -1, TZ(10, 0, -240, "EDT") },
	{ "10:00 GMT", -1, TZ(10, 0, 0, "GMT") },
	{ "10:00 UTC+14", -1, TZ(10, 0, 840, "UTC+14") },
	{ "10:00 gmt-3", -1, TZ(10, 0, -180, "gmt-3") },
	{ "18:00 Central European Time", -1,
	    TZ(18, 0, 60, "Central European Time") },
	{ "5pm Pacific Daylight Time", -1,
	    TZ(17, 0, -420, "Pacific Daylight Time") },

	/* dates with times, times with dates */
	{ "June 1, 2023, 10:00 AM", -1, DT(2023, 6, 1, 10, 0, 0) },
	{ "March 5, 2024 at 3 PM EST", -1,
	    DTZ(2024, 3, 5, 15, 0, 0, -300, "EST") },
	{ "2024-03-05T10:00:00-05:00", -1,
	    DTZ(2024, 3, 5, 10, 0, 0, -300, "-05:00") },
	{ "2024-03-05T15:00Z", -1, DTZ(2024, 3, 5, 15, 0, 0, 0, "Z") },
	{ "2024-03-05 10:00", -1, DT(2024, 3, 5, 10, 0, 0) },
	{ "2024-03-05T10:00:00.250+01:00", -1,
	    DTZ(2024, 3, 5, 10, 0, 0, 60, "+01:00") },
	{ "2024-03-05 10:00:00-05:00", -1,
	    DTZ(2024, 3, 5, 10, 0, 0, -300, "-05:00") },
	{ "10:00 AM on March 5, 2024", -1, DT(2024, 3, 5, 10, 0, 0) },
	{ "23:30 of Tuesday 07/07/2026", -1, DT(2026, 7, 7, 23, 30, 0) },
	{ "Tue, 12 Mar 2024 10:00:00 +0000", -1,
	    DTZ(2024, 3, 12, 10, 0, 0, 0, "+0000") },
	{ "15 August 2024 14:30 CEST", -1,
	    DTZ(2024, 8, 15, 14, 30, 0, 120, "CEST") },
	{ "Aug 15th, 2024 @ 9:15pm", -1, DT(2024, 8, 15, 21, 15, 0) },
	/* a tilde between the date and its time, as a dash would be */
	{ "August 26 ~ 5:19 PM", -1, DT(0, 8, 26, 17, 19, 0) },
	/* a comma after the month, when the year follows */
	{ "November,9,2023", -1, DATE(2023, 11, 9) },
	{ "November, 9, 2023", -1, DATE(2023, 11, 9) },
	{ "3:00 PM, June 2", -1, DT(0, 6, 2, 15, 0, 0) },
	{ "12/31/2023 11:59 PM", -1, DT(2023, 12, 31, 23, 59, 0) },
	{ "March 5 at noon UTC", -1, DTZ(0, 3, 5, 12, 0, 0, 0, "UTC") },
	{ "2024-08-15T08:00:00", -1, DT(2024, 8, 15, 8, 0, 0) },
	{ "10:00 UTC on 2024-03-05", -1,
	    DTZ(2024, 3, 5, 10, 0, 0, 0, "UTC") },

	/* how much is consumed */
	{ "10:00 - 12:00", 5, TIME(10, 0, 0) },
	{ "2024-03-05 10:00-12:00", 16, DT(2024, 3, 5, 10, 0, 0) },
	{ "  10am and more", 6, TIME(10, 0, 0) },
	{ "March 5, 2024, from 10:00", 13, DATE(2024, 3, 5) },
	{ "14:30. Then", 5, TIME(14, 30, 0) },
	{ "10:00 et al", 5, TIME(10, 0, 0) },
	{ "10:00 eat", 5, TIME(10, 0, 0) },
	{ "9:30 AM EST.", 11, TZ(9, 30, -300, "EST") },
	{ "10:00 (see below)", 5, TIME(10, 0, 0) },
	{ "2024-08-15, 10 people paged", 10, DATE(2024, 8, 15) },
	/* without the year, "November, 9" is no date */
	{ "November, 9 users wrote", 0, NONE },
	{ "10:00 to 11:00", 5, TIME(10, 0, 0) },
	{ "noon, when", 4, TIME(12, 0, 0) },
	/* the military form: four digits glued to a Z */
	{ "0914Z", -1, TZ(9, 14, 0, "Z") }, { "2359Z.", 5, TZ(23, 59, 0, "Z") },
};

/* Strings that hold no date or time at their start. */
static const char *const rejects[] = {
	"1430", "2024", "10", "1.5", "v2.10", "3.2.1", "10.0.0.1", "30%",
	"25:00", "24:00", "12:60", "13 PM", "0 AM", "February 30, 2024",
	"February 29, 2023", "April 31", "13/13/2024", "2024-13-01",
	"2024-02-30", "March 2024", "Tuesday", "hello", "", "   ", "10:5",
	"10:000", "1430 EST", "2024-03", "10:00.5", "14:30:15:00",
	"0000-01-01", "5 amazing", "32 March 2024", "March 32", "10 a",
	"99/99/9999", "1/2", "24/7", "2024-03-05T25:00", "3/5/24",
	"00/05/2024", "15.08.2024", "20240815", "10:00x", "2 p.", "noonday",
	"midnights", "Marching 5", "0:60", "10:60 PM", "12:30:60",
	"0914 Z", "0960Z", "2400Z", "0914Zulu", "10914Z",
};

/* pm_when_rewrite: input and output (NULL: unchanged). */
static const struct {
	const char *in, *out;
} rewrites[] = {
	{ "14.25 alert fired", "14:25 alert fired" },
	{ "paged at 7.30pm BST", "paged at 7:30pm BST" },
	{ "between 10h05 and 10h52", "between 10:05 and 10:52" },
	{ "- 10h05 : certificate expired", "- 10:05 : certificate expired" },
	/* the shift key held: "14H47" */
	{ "14H47 - pushed to production", "14:47 - pushed to production" },
	{ "On 27.02.2024 at 9.05", "On 2024-02-27 at 9:05" },
	{ "2018 October 21 22:52 UTC", "October 21 2018 22:52 UTC" },
	/* an ISO date a word processor gave en dashes */
	{ "2023\xe2\x80\x93" "02\xe2\x80\x93" "04, 6:00 AM WAT: release",
	  "    2023-02-04, 6:00 AM WAT: release" },
	{ "2023\xe2\x80\x93" "02\xe2\x80\x93" "04x", NULL },
	{ "14:10h deploy", "14:10  deploy" },
	/* four digits and their unit, the military way */
	{ "From 2110h on Tuesday", "From 21:10 on Tuesday" },
	{ "at 1500hrs the", "at 15:00   the" },
	{ "1310 to 1550 hrs CDT", NULL },
	{ "- 0040hrs: closed", "- 00:40  : closed" },
	{ "rev 2460h", NULL }, { "1500 hours of video", NULL },
	{ "1500hx", NULL },
	{ "from 6 h 40 to 9 h 15", "from 6:40   to 9:15  " },
	{ "duration : 2 h 35", NULL },
	{ "2.10 released", "2:10 released" },
	{ "from 10:30 hrs", "from 10:30    " },
	{ "lasted 2h30 in total", NULL },
	{ "kl. 07.40 fare file published", "kl. 07:40 fare file published" },
	{ "klo 14.05 alkaen", "klo 14:05 alkaen" },
	{ "um 14.05 Uhr", "um 14:05    " },
	{ "Tue 15.12. 22:00 moved", "Tue 15 Dec 22:00 moved" },
	/* day. month. year spaced, as Czech and Slovak write it; a day
	 * and month dotted before a clock are left to the timeline */
	{ "on Friday 21. 2. 2025 at", "on Friday 2025-2-21   at" },
	{ "21. 2. 2025, 21:24 x", "2025-2-21,   21:24 x" },
	{ "steps 1. 2. 3. done", NULL },
	{ "01.03 09:00 told", NULL },
	{ "at 01.03 told", "at 01:03 told" },
	{ "ti 1.12. klo 9.05", "ti 1 Dec klo 9:05" },
	{ "restarted at 10.05. 14:00 was", NULL },
	{ "on 5.3. 22:00", NULL },
	{ "15.12. Then", NULL },
	/* the clock's unit is blanked, so that a range reads on */
	{ "between 08.15 uur and 10.45 uur", "between 08:15     and 10:45    " },
	{ "from 10:05 hs to 13:20 hs", "from 10:05    to 13:20   " },
	{ "at 14:05 Uhr", "at 14:05    " },
	{ "14:05 hsbc outage", NULL },
	{ "pkg 2.10 released", NULL },
	{ "Wednesday 2024.10.16 at 19:25", "Wednesday 2024-10-16 at 19:25" },
	{ "release 2024.10.16 shipped", NULL },
	{ "build 2024.10.16.1", NULL },
	{ "On 14-08-2024, from 10:05", "On 14/08/2024, from 10:05" },
	{ "INC-14-08-2024", NULL },
	{ "call 555-12-2024-7", NULL },
	{ "upgraded from 2.10 to 2.12", NULL }, { "at 10h05m", NULL },
	{ "CPU at 95.50%", NULL }, { "v2.10 is out", NULL }, { "", NULL },
	{ "host 10.0.0.1 at 3.2.1", NULL },
	/* a version in another clause of the line says nothing */
	{ "From 14.30 to 17.50 EET, the web version froze",
	    "From 14:30 to 17:50 EET, the web version froze" },
	{ "we moved from 2.10 to 2.12 of the version", NULL },
	/* after the year of a date a clock is expected */
	{ "8 December 2025, 10.15 CET", "8 December 2025, 10:15 CET" },
	{ "Dec 8th, 2025, 10.15", "Dec 8th, 2025, 10:15" },
	{ "In 2025, 2.10 was released", NULL },
	{ "item 2025, 10.15", NULL },
	/* clocks in words: the am or pm of "in the afternoon" goes with the
	 * time, the phrase itself is blanked so a range reads on */
	{ "from half past two in the afternoon until a quarter to five",
	    "from 2:30 pm                        until 4:45             " },
	{ "at quarter past 9 in the morning",
	    "at 9:15 am                      " },
	{ "by a quarter to one", "by 12:45           " },
	{ "half past 11.", "11:30       ." },
	{ "a quarter of the users", NULL }, { "half past the hour", NULL },
	{ "quarter past 13", NULL }, { "behalf past two", NULL },
	{ "from ten past six in the morning until 9:25am",
	    "from 6:10 am                     until 9:25am" },
	{ "twenty-five to nine in the evening",
	    "8:35 pm                           " },
	{ "at five past 4, paged", "at 4:05       , paged" },
	{ "scaled from five to ten replicas", NULL },
	{ "a ten past noon", NULL },
	{ "a ten past six", "a 6:10        " },	/* "a" only with "quarter" */
	/* the British "half nine", a bare hour with its part of the day
	 * or as a label, "twenty to ten" as a label */
	{ "Half nine: I switched", "9:30     : I switched" },
	{ "Half ten-ish: first thought", "10:30       : first thought" },
	{ "cut it in half two times", NULL },
	{ "About seven that evening: posted",
	    "About 7:00 pm           : posted" },
	{ "Step three: restart", NULL },
	{ "Just before eleven: hacked?", "Just before 11:00 : hacked?" },
	{ "we had eleven: a record", NULL },
	{ "Twenty to ten: Dave wrote", "9:40         : Dave wrote" },
	{ "nine o'clock sharp", "9:00         sharp" },
	/* a time said roughly, then exactly in brackets: the exact one */
	{ "just after 3pm (15:05) to about 6ish (18:10)",
	    "just after      15:05  to about       18:10 " },
	{ "until quarter to 11 (22:45), ART",
	    "until                22:45 , ART" },
	{ "until 7ish (19:10 when it was rebuilt)",
	    "until       19:10 when it was rebuilt " },
	{ "at 9pm (10:40 UTC)", NULL },
	/* after the words of other languages for "from", "to", "between"
	 * and "and" */
	{ "de 11h05 \xc3\xa0 15h50", "de 11:05 \xc3\xa0 15:50" },
	{ "dalle 8.30 alle 11.10", "dalle 8:30 alle 11:10" },
	{ "entre 9h00 et 11h30", "entre 9:00 et 11:30" },
	{ "von 14.05 bis 16.40 Uhr", "von 14:05 bis 16:40    " },
	{ "from h. 8:30 to h. 11:10", "from    8:30 to    11:10" },
	{ "Branch h. 8 closed", NULL },
	/* minutes the writer could not read: the start of their ten, or
	 * of the hour */
	{ "15:1x \xe2\x80\x94 chat", "15:10 \xe2\x80\x94 chat" },
	{ "| 19:2? | log", "| 19:20 | log" },
	{ "13:?? - mail", "13:00 - mail" },
	{ "the 2x speed, 3:1x ratio", NULL },
	{ "at 15:1xyz", NULL }, { "at 15:7x", NULL },
	/* an hour said roughly as a label, set off by a dash or colon */
	{ "10-ish \xe2\x80\x94 text", "10:00  \xe2\x80\x94 text" },
	{ "around 6ish: text", "around 6:00: text" },
	{ "ready by 6ish today", NULL },
	/* clock words as a label: "ten to six" and a lead with an hour */
	{ "ten to six \xe2\x80\x94 text", "5:50       \xe2\x80\x94 text" },
	{ "Just before six - text", "Just before 6:00- text" },
	{ "Two \xe2\x80\x94 we lacked staff", NULL },
	{ "from five to ten replicas", NULL },
	/* an hour in digits with its part of the day */
	{ "from around 3 in the morning until 07:30",
	    "from around 3:00 am          until 07:30" },
	/* the French "6 h 40" is a clock, "2 h 15 min" a duration */
	{ "For about 2 h 15 min from 07:45", NULL },
};

/* pm_when_settle_zone: a point, the offset after, whether it changed. */
static const struct {
	struct fields f;
	int off, changed;
} settles[] = {
	{ DTZ(2024, 6, 21, 9, 5, 0, -480, "PT"), -420, 1 },
	{ DTZ(2024, 1, 10, 9, 0, 0, -480, "PT"), -480, 0 },
	{ DTZ(2024, 3, 10, 1, 59, 0, -300, "ET"), -300, 0 },
	{ DTZ(2024, 3, 10, 2, 0, 0, -300, "ET"), -240, 1 },
	{ DTZ(2024, 11, 3, 1, 30, 0, -300, "Eastern Time"), -240, 1 },
	{ DTZ(2024, 11, 3, 2, 0, 0, -300, "ET"), -300, 0 },
	{ DTZ(2023, 10, 8, 12, 0, 0, -480, "pacific time"), -420, 1 },
	{ DTZ(2024, 7, 1, 9, 0, 0, -360, "CT"), -300, 1 },
	{ DTZ(2024, 7, 1, 9, 0, 0, -480, "PST"), -480, 0 },
	/* a place's time, named as people name it */
	{ DTZ(2024, 9, 13, 20, 0, 0, 120, "Finnish time"), 180, 1 },
	{ DTZ(2024, 12, 30, 7, 0, 0, 0, "uk time"), 0, 0 },
	{ DTZ(2024, 7, 1, 9, 0, 0, 0, "UK time"), 60, 1 },
	{ DTZ(2024, 7, 16, 7, 40, 0, 0, "UK local time"), 60, 1 },
	{ DTZ(2025, 1, 16, 9, 0, 0, 600, "Sydney time"), 660, 1 },
	{ DTZ(2024, 7, 2, 11, 20, 0, 0, "Irish time"), 60, 1 },
	{ DTZ(2025, 10, 3, 6, 30, 0, 0, "Belfast time"), 60, 1 },
	{ DTZ(2025, 2, 10, 7, 20, 0, 60, "Krakow time"), 60, 0 },
	{ DTZ(2026, 4, 3, 9, 0, 0, 60, "CET/CEST"), 120, 1 },
	{ DTZ(2026, 1, 9, 9, 0, 0, 60, "CET/CEST"), 60, 0 },
	{ DTZ(2026, 7, 9, 9, 0, 0, -480, "PST/PDT"), -420, 1 },
	{ DTZ(2025, 4, 6, 8, 10, 0, 720, "New Zealand time"), 720, 0 },
	{ DTZ(2025, 4, 5, 8, 10, 0, 720, "New Zealand time"), 780, 1 },
	{ DTZ(2024, 7, 18, 16, 0, 0, -240, "Atlantic time"), -180, 1 },
	{ DTZ(2024, 7, 1, 9, 0, 0, 345, "NPT"), 345, 0 },
	{ DTZ(2024, 7, 1, 9, 0, 0, 0, "UTC"), 0, 0 },
	{ TZ(9, 0, -480, "PT"), -480, 0 },
	{ DTZ(0, 7, 1, 9, 0, 0, -480, "PT"), -480, 0 },
	/* a field that says only "Eastern" is US Eastern local time */
	{ DTZ(2024, 7, 11, 19, 2, 0, -300, "Eastern"), -240, 1 },
	/* European local time follows EU summer time */
	{ DTZ(2024, 6, 13, 21, 15, 0, 60, "Central European time"), 120, 1 },
	{ DTZ(2024, 1, 5, 10, 0, 0, 60, "Central European Time"), 60, 0 },
	{ DTZ(2024, 3, 31, 1, 59, 0, 60, "Central European Time"), 60, 0 },
	{ DTZ(2024, 3, 31, 3, 0, 0, 60, "Central European Time"), 120, 1 },
	{ DTZ(2024, 10, 27, 2, 30, 0, 60, "Central European Time"), 120, 1 },
	{ DTZ(2024, 10, 27, 3, 0, 0, 60, "Central European Time"), 60, 0 },
	{ DTZ(2024, 8, 1, 12, 0, 0, 0, "Western European Time"), 60, 1 },
	{ DTZ(2024, 7, 1, 9, 0, 0, 60, "CET"), 60, 0 },
	/* IANA names follow their region's summer time */
	{ DTZ(2024, 7, 10, 9, 0, 0, -300, "America/New_York"), -240, 1 },
	{ DTZ(2024, 11, 12, 9, 0, 0, -300, "America/New_York"), -300, 0 },
	{ DTZ(2024, 7, 10, 9, 0, 0, -420, "America/Phoenix"), -420, 0 },
	{ DTZ(2024, 7, 10, 9, 0, 0, -360, "US/Central"), -300, 1 },
	{ DTZ(2024, 7, 10, 9, 0, 0, 60, "Europe/Berlin"), 120, 1 },
	{ DTZ(2024, 7, 10, 9, 0, 0, 0, "Europe/London"), 60, 1 },
	{ DTZ(2024, 1, 10, 9, 0, 0, 60, "Europe/Berlin"), 60, 0 },
	{ DTZ(2025, 8, 4, 9, 0, 0, 120, "Europe/Nicosia"), 180, 1 },
	{ DTZ(2025, 8, 4, 9, 0, 0, 180, "Europe/Minsk"), 180, 0 },
	{ DTZ(2025, 7, 4, 9, 0, 0, -300, "America/Havana"), -240, 1 },
	{ DTZ(2025, 7, 4, 9, 0, 0, 360, "Asia/Thimphu"), 360, 0 },
	{ DTZ(2026, 1, 14, 9, 0, 0, 765, "Pacific/Chatham"), 825, 1 },
	/* Windows' names: the places say whose summer time */
	{ DTZ(2024, 6, 18, 5, 48, 0, 60, "(UTC+01:00) Amsterdam, Berlin, "
	    "Bern, Rome, Stockholm, Vienna"), 120, 1 },
	{ DTZ(2024, 2, 18, 5, 48, 0, 60, "(UTC+01:00) Amsterdam, Berlin, "
	    "Bern, Rome, Stockholm, Vienna"), 60, 0 },
	{ DTZ(2024, 7, 2, 14, 0, 0, 0, "(UTC+00:00) Dublin, Edinburgh, "
	    "Lisbon, London"), 60, 1 },
	{ DTZ(2024, 7, 2, 14, 0, 0, -300, "(UTC-05:00) Eastern Time (US & "
	    "Canada)"), -240, 1 },
	{ DTZ(2024, 12, 2, 14, 0, 0, -300, "(UTC-05:00) Eastern Time (US & "
	    "Canada)"), -300, 0 },
	{ DTZ(2024, 1, 9, 8, 0, 0, 600, "(UTC+10:00) Canberra, Melbourne, "
	    "Sydney"), 660, 1 },
	{ DTZ(2024, 1, 9, 8, 0, 0, 600, "(UTC+10:00) Brisbane"), 600, 0 },
	{ DTZ(2024, 1, 9, 8, 0, 0, 720, "(UTC+12:00) Auckland, Wellington"),
	    780, 1 },
	{ DTZ(2024, 7, 9, 8, 0, 0, 330, "(UTC+05:30) Chennai, Kolkata, "
	    "Mumbai, New Delhi"), 330, 0 },
	{ DTZ(2024, 7, 9, 8, 0, 0, -360, "(UTC-06:00) Central America"),
	    -360, 0 },
	/* south of the equator, summer is December */
	{ DTZ(2024, 1, 10, 9, 0, 0, 600, "Australia/Sydney"), 660, 1 },
	{ DTZ(2024, 7, 10, 9, 0, 0, 600, "Australia/Sydney"), 600, 0 },
	{ DTZ(2024, 4, 7, 2, 30, 0, 600, "Australia/Sydney"), 660, 1 },
	{ DTZ(2024, 4, 7, 3, 0, 0, 600, "Australia/Sydney"), 600, 0 },
	{ DTZ(2024, 10, 6, 2, 0, 0, 600, "Australia/Melbourne"), 660, 1 },
	{ DTZ(2024, 9, 30, 9, 0, 0, 720, "Pacific/Auckland"), 780, 1 },
	{ DTZ(2024, 9, 28, 9, 0, 0, 720, "Pacific/Auckland"), 720, 0 },
	{ DTZ(2024, 7, 10, 9, 0, 0, 600, "Australia/Brisbane"), 600, 0 },
	/* Chile: summer time from the first Sunday of September */
	{ DTZ(2026, 1, 9, 12, 35, 0, -240, "Santiago time"), -180, 1 },
	{ DTZ(2024, 7, 10, 9, 0, 0, -240, "Santiago time"), -240, 0 },
	{ DTZ(2024, 9, 9, 9, 0, 0, -240, "America/Santiago"), -180, 1 },
	{ DTZ(2024, 9, 7, 9, 0, 0, -240, "America/Santiago"), -240, 0 },
};

/* How the hour was written: the first point of the text, and the second
 * one of a range (-2 when there is none). */
static const struct {
	const char *in;
	int a, b;
} meridiems[] = {
	{ "2:20 PM", 1, -2 }, { "9 a.m.", 0, -2 }, { "14:20", -1, -2 },
	{ "2:20", -1, -2 }, { "noon", 1, -2 }, { "midnight", 0, -2 },
	{ "10:00 - 11:30 PM", 1, 1 }, { "10am-2pm", 0, 1 },
	{ "2-4 PM", 1, 1 }, { "from 2:20 to 3:45", -1, -1 },
	{ "noon to 1:30", 1, 1 }, { "March 5", -1, -2 },
};

/* pm_when_find: input, offset, length, fields (at -1: nothing found). */
static const struct {
	const char *in;
	long at, used;
	struct fields f;
} finds[] = {
	{ "Deployed v2.10 at 14:30 UTC", 18, 9, TZ(14, 30, 0, "UTC") },
	{ "Release 3.2.1 on 2024-08-15.", 17, 10, DATE(2024, 8, 15) },
	{ "Host 10.0.0.1 failed at 3 PM", 24, 4, TIME(15, 0, 0) },
	{ "Error rate 30% until noon", 21, 4, TIME(12, 0, 0) },
	{ "It began on Tuesday, 12 March 2024 and", 12, 22,
	    DATE(2024, 3, 12) },
	{ "around 10am EST we noticed", 7, 8, TZ(10, 0, -300, "EST") },
	{ "(10:00 UTC)", 1, 9, TZ(10, 0, 0, "UTC") },
	{ "Timeline:\n- 10:02 alert fired", 12, 5, TIME(10, 2, 0) },
	{ "May 5 release", 0, 5, DATE(0, 5, 5) },
	{ "at 2024-08-15T10:00:00Z.", 3, 20,
	    DTZ(2024, 8, 15, 10, 0, 0, 0, "Z") },
	{ "ratio 3/5/2024", 6, 8, DATE(2024, 3, 5) },
	{ "page at 9:41am, ack at 9:44am", 8, 6, TIME(9, 41, 0) },
	{ "In 2024 we saw 1430 errors", -1, 0, NONE },
	{ "we had 1.5 hours of downtime", -1, 0, NONE },
	{ "version 2.10.3", -1, 0, NONE },
	{ "ticket #1430", -1, 0, NONE },
	/* no weekday, no two-digit year: p50/p95/p99 of 5/10/15 ms */
	{ "latency 5/10/15 ms", -1, 0, NONE },
	{ "scored 9/18 on the quiz", -1, 0, NONE },
	{ "3/4 of users from 10:00", 18, 5, TIME(10, 0, 0) },
	{ "a 3/4 share", -1, 0, NONE },
	{ "Tue 05/03 in the afternoon", -1, 0, NONE },
	{ "took 45 min", -1, 0, NONE },
	{ "on Summary 5", -1, 0, NONE },
	{ "at 10:00.5", -1, 0, NONE },
	{ "x10am and v10:00", -1, 0, NONE },
	{ "sha 2024abc", -1, 0, NONE },
	{ "we may 2x it", -1, 0, NONE },
	{ "IP 192.168.1.10:8080", -1, 0, NONE },
	{ "build 20240815", -1, 0, NONE },
	{ "error 30% at 10", -1, 0, NONE },
	{ "v1.10:30", -1, 0, NONE },
	/* the months of other languages, between a day and a year only */
	{ "on 13 de marzo de 2026 we", 3, 19, DATE(2026, 3, 13) },
	{ "Am 5. M\xc3\xa4rz 2026 von", 3, 13, DATE(2026, 3, 5) },
	{ "le 25 juin 2025, de", 3, 12, DATE(2025, 6, 25) },
	{ "Gioved\xc3\xac 5 marzo 2026", 9, 12, DATE(2026, 3, 5) },
	{ "the mars rover", -1, 0, NONE }, { "en avril 2026", -1, 0, NONE },
	/* and cut short with a point; "mar." before one is a weekday */
	{ "le 14 janv. 2025 de", 3, 13, DATE(2025, 1, 14) },
	{ "em 3 de fev. de 2025", 3, 17, DATE(2025, 2, 3) },
	{ "mar. 14 janv. 2025", 5, 13, DATE(2025, 1, 14) },
	{ "(mar. 14 janv.)", -1, 0, NONE },
	{ "el 5 dic. 2024", 3, 11, DATE(2024, 12, 5) },
	{ "on 5 ja. 2024", -1, 0, NONE },
	{ "Senin, 10 Maret 2025 pukul", 7, 13, DATE(2025, 3, 10) },
	{ "3 Eyl\xc3\xbcl 2025", 0, 13, DATE(2025, 9, 3) },
	{ "pi\xc4\x85tek 14 lutego 2025", 8, 14, DATE(2025, 2, 14) },
	{ "the mart 2025 plan", -1, 0, NONE },
	/* a short name after a place's time closes the brackets, and may
	 * be restated as an offset after a slash */
	{ "at 14:05 (Kinshasa time, WAT / UTC+1) it", 3, 34,
	    TZ(14, 5, 60, "WAT") },
	/* other zones after four digits: a year, not a time */
	{ "In 2019 EST became our zone", -1, 0, NONE },
};

/* pm_when_find_range: input, start, end (start.y -2: no range). */
#define NORANGE { -2, 0, 0, -1, 0, 0, 0, 0, "" }
static const struct {
	const char *in;
	struct fields a, b;
} ranges[] = {
	{ "Duration: June 1, 2023, 10:00 AM - June 2, 2023, 2:00 AM (UTC)",
	    DTZ(2023, 6, 1, 10, 0, 0, 0, "UTC"),
	    DTZ(2023, 6, 2, 2, 0, 0, 0, "UTC") },
	{ "On March 5, 2024, from 10:00 AM to 12:45 PM EST",
	    DTZ(2024, 3, 5, 10, 0, 0, -300, "EST"),
	    DTZ(2024, 3, 5, 12, 45, 0, -300, "EST") },
	{ "between 3:00 PM and 5:00 PM EST",
	    TZ(15, 0, -300, "EST"), TZ(17, 0, -300, "EST") },
	/* "and" links after "between the hours of" as after "between" */
	{ "Between the hours of 13:00 and 17:35 UTC the page was down",
	    TZ(13, 0, 0, "UTC"), TZ(17, 35, 0, "UTC") },
	{ "from 14:30 to 17:45 UTC",
	    TZ(14, 30, 0, "UTC"), TZ(17, 45, 0, "UTC") },
	/* a range after GMT is no spaced offset */
	{ "10:00 GMT - 11:30 GMT",
	    TZ(10, 0, 0, "GMT"), TZ(11, 30, 0, "GMT") },
	/* the end's own "kl", "at" or "about"; the informal "til" */
	{ "kl 11:20 to kl 12:35 CET",
	    TZ(11, 20, 60, "CET"), TZ(12, 35, 60, "CET") },
	{ "fra kl. 11:20 til kl. 12:35 CET",
	    TZ(11, 20, 60, "CET"), TZ(12, 35, 60, "CET") },
	{ "from 15:05 to about 18:10 UTC",
	    TZ(15, 5, 0, "UTC"), TZ(18, 10, 0, "UTC") },
	{ "from 9:00 to ~11:00 UTC",
	    TZ(9, 0, 0, "UTC"), TZ(11, 0, 0, "UTC") },
	/* an arrow, as slides and chat write a range */
	{ "17:40 \xe2\x86\x92 20:15 KST",
	    TZ(17, 40, 540, "KST"), TZ(20, 15, 540, "KST") },
	{ "17:40 -> 20:15 KST",
	    TZ(17, 40, 540, "KST"), TZ(20, 15, 540, "KST") },
	{ "1405 to 1652 utc (2h47m) codes failed",
	    TZ(14, 5, 0, "utc"), TZ(16, 52, 0, "utc") },
	{ "rooms 1405 to 1652 were booked", NORANGE, NORANGE },
	/* weekdays two days apart: no date says how far */
	{ "from 19:10 on Thursday to 20:40 on Saturday", NORANGE, NORANGE },
	/* another zone in capitals ends two four-digit times too */
	{ "July 9, 2026, 0610 to 0945 AKDT.",
	    DTZ(2026, 7, 9, 6, 10, 0, -480, "AKDT"),
	    DTZ(2026, 7, 9, 9, 45, 0, -480, "AKDT") },
	{ "0610 to 0945 akdt", NORANGE, NORANGE },
	{ "14:30\xe2\x80\x93" "17:45 CET",
	    TZ(14, 30, 60, "CET"), TZ(17, 45, 60, "CET") },
	{ "14:00 \xe2\x80\x94 16:00 UTC",
	    TZ(14, 0, 0, "UTC"), TZ(16, 0, 0, "UTC") },
	{ "On 2024-03-05 from 23:00 to 01:30 UTC",
	    DTZ(2024, 3, 5, 23, 0, 0, 0, "UTC"),
	    DTZ(2024, 3, 6, 1, 30, 0, 0, "UTC") },
	{ "March 31, 2024, 22:00 - 02:00 PDT",
	    DTZ(2024, 3, 31, 22, 0, 0, -420, "PDT"),
	    DTZ(2024, 4, 1, 2, 0, 0, -420, "PDT") },
	{ "Dec 31, 2023 23:30 to 00:15 UTC",
	    DTZ(2023, 12, 31, 23, 30, 0, 0, "UTC"),
	    DTZ(2024, 1, 1, 0, 15, 0, 0, "UTC") },
	{ "Feb 28, 2024 23:00 - 01:00",
	    DT(2024, 2, 28, 23, 0, 0), DT(2024, 2, 29, 1, 0, 0) },
	{ "Feb 28, 2023 23:00 - 01:00",
	    DT(2023, 2, 28, 23, 0, 0), DT(2023, 3, 1, 1, 0, 0) },
	{ "10am-2pm", TIME(10, 0, 0), TIME(14, 0, 0) },
	{ "2-4 PM", TIME(14, 0, 0), TIME(16, 0, 0) },
	{ "from 2 to 4pm EST", TZ(14, 0, -300, "EST"),
	    TZ(16, 0, -300, "EST") },
	{ "between 11 and 1 PM", TIME(11, 0, 0), TIME(13, 0, 0) },
	{ "10:00 - 11:30 PM", TIME(22, 0, 0), TIME(23, 30, 0) },
	{ "9:00 - 5:00 PM", TIME(9, 0, 0), TIME(17, 0, 0) },
	{ "10 PM - 11:30", TIME(22, 0, 0), TIME(23, 30, 0) },
	{ "June 1 - June 3, 2024", DATE(2024, 6, 1), DATE(2024, 6, 3) },
	{ "December 30 - January 2, 2025",
	    DATE(2024, 12, 30), DATE(2025, 1, 2) },
	{ "2024-03-05 10:00 - 2024-03-06 02:00",
	    DT(2024, 3, 5, 10, 0, 0), DT(2024, 3, 6, 2, 0, 0) },
	{ "from 10:00 UTC until 11:15",
	    TZ(10, 0, 0, "UTC"), TZ(11, 15, 0, "UTC") },
	{ "10:00 AM EST to 3:00 PM UTC",
	    TZ(10, 0, -300, "EST"), TZ(15, 0, 0, "UTC") },
	{ "10:00 to 12:00 on March 5, 2024",
	    DT(2024, 3, 5, 10, 0, 0), DT(2024, 3, 5, 12, 0, 0) },
	{ "from 11 PM to 1 AM on 2024-03-05",
	    DT(2024, 3, 4, 23, 0, 0), DT(2024, 3, 5, 1, 0, 0) },
	{ "the outage lasted from 9:15 am through 10:40 am PT",
	    TZ(9, 15, -480, "PT"), TZ(10, 40, -480, "PT") },
	{ "Start: 14:00. Outage 14:05 - 15:10 UTC",
	    TZ(14, 5, 0, "UTC"), TZ(15, 10, 0, "UTC") },
	{ "between March 5 and March 7, 2024",
	    DATE(2024, 3, 5), DATE(2024, 3, 7) },
	{ "from 23:00 to 01:00", TIME(23, 0, 0), TIME(1, 0, 0) },
	{ "Mar 5 23:00 - 01:00",
	    DT(0, 3, 5, 23, 0, 0), DT(0, 3, 6, 1, 0, 0) },
	{ "from 8:00 AM \xe2\x80\x93 9:30 AM ET",
	    TZ(8, 0, -300, "ET"), TZ(9, 30, -300, "ET") },
	{ "2024-03-05T10:00:00-05:00 to 2024-03-05T12:00:00-05:00",
	    DTZ(2024, 3, 5, 10, 0, 0, -300, "-05:00"),
	    DTZ(2024, 3, 5, 12, 0, 0, -300, "-05:00") },
	{ "from 10:00 EST to 16:00 CET",
	    TZ(10, 0, -300, "EST"), TZ(16, 0, 60, "CET") },
	{ "Dec 31 2023 11 PM - Jan 1 2024 1 AM",
	    DT(2023, 12, 31, 23, 0, 0), DT(2024, 1, 1, 1, 0, 0) },
	{ "On Friday, 5 January 2024 the API failed from 10:00 till 10:45",
	    DT(2024, 1, 5, 10, 0, 0), DT(2024, 1, 5, 10, 45, 0) },
	{ "10:00--10:30", TIME(10, 0, 0), TIME(10, 30, 0) },
	{ "Impact: 2024-02-29 22:15 ~ 00:05 +0100",
	    DTZ(2024, 2, 29, 22, 15, 0, 60, "+0100"),
	    DTZ(2024, 3, 1, 0, 5, 0, 60, "+0100") },
	{ "from 10pm to midnight", TIME(22, 0, 0), TIME(0, 0, 0) },
	/* a comma before a word that links the ends */
	{ "From Wednesday 8 April 2026, 21:30 NPT, to Thursday 9 April, "
	    "01:10 NPT", DTZ(2026, 4, 8, 21, 30, 0, 345, "NPT"),
	    DTZ(2026, 4, 9, 1, 10, 0, 345, "NPT") },
	{ "from 14:05, until 15:20", TIME(14, 5, 0), TIME(15, 20, 0) },
	{ "at 10:00, to be safe", NORANGE, NORANGE },
	/* a twelve-hour clock with no am/pm ends in the afternoon; "02:15"
	 * and an evening start are a night's */
	{ "from 12:40 to 2:15", TIME(12, 40, 0), TIME(14, 15, 0) },
	{ "from 22:40 to 2:15", TIME(22, 40, 0), TIME(2, 15, 0) },
	{ "from 11:40 to 02:15", TIME(11, 40, 0), TIME(2, 15, 0) },
	/* the midnight that ends the day named dates the start too */
	{ "from noon until midnight on Monday 15 June 2026",
	    DT(2026, 6, 15, 12, 0, 0), DT(2026, 6, 16, 0, 0, 0) },
	/* the words of other languages, after their own "from" or
	 * "between" only ("a", "e" and "do" are English words too) */
	{ "das 17:20 \xc3\xa0s 19:05", TIME(17, 20, 0), TIME(19, 5, 0) },
	{ "de 11:05 \xc3\xa0 15:50 CEST", TZ(11, 5, 120, "CEST"),
	    TZ(15, 50, 120, "CEST") },
	{ "von 14:05 bis 16:40 Uhr", TIME(14, 5, 0), TIME(16, 40, 0) },
	{ "dalle 8:30 alle 11:10", TIME(8, 30, 0), TIME(11, 10, 0) },
	{ "entre 9:00 et 11:30", TIME(9, 0, 0), TIME(11, 30, 0) },
	{ "de las 10:00 a las 12:30", TIME(10, 0, 0), TIME(12, 30, 0) },
	{ "at 10:00 a 11:00 job ran", NORANGE, NORANGE },
	{ "from 9:00 e 10:00", NORANGE, NORANGE },
	{ "no times here", NORANGE, NORANGE },
	{ "10:00 only", NORANGE, NORANGE },
	{ "version 1.2 - 1.3", NORANGE, NORANGE },
	{ "2024 - 2025", NORANGE, NORANGE },
	{ "10:00 and 11:00", NORANGE, NORANGE },
	{ "Step 3 - 10:00 AM restart", NORANGE, NORANGE },
	{ "ran 3 to 4 PM jobs", NORANGE, NORANGE },
	{ "March 5, 2024 - 10:00", NORANGE, NORANGE },
	{ "10 to 11 am", NORANGE, NORANGE },
	{ "", NORANGE, NORANGE },
};

/* pm_when_find_duration: input, minutes (-1: none found). */
static const struct {
	const char *in;
	long minutes;
} durations[] = {
	{ "Duration: 3 hours 15 minutes", 195 },
	/* "0605 hrs" is a time of day, and "Outage: 0605 hrs to 0917 hrs
	 * (3h 12m)" states its length after it */
	{ "Outage: 0605 hrs to 0917 hrs (3h 12m)", 192 },
	{ "from 1400 hours", -1 },
	{ "2h 40m", 160 },
	/* pmsite's own display form, and its day variant */
	{ "(1 h 45 min)", 105 },
	{ "1 d 2 h 5 min", 1565 },
	/* a detached letter without a number after it is no unit */
	{ "about 45 m of cable", -1 },
	/* but the minutes after hours are ("2 h 30 m", an export's) */
	{ "| Duration | 2 h 30 m |", 150 },
	{ "5 h", -1 },
	{ "2h40m", 160 },
	{ "about 45 minutes", 45 },
	{ "1.5 hours", 90 },
	{ "90 min", 90 },
	{ "two hours", 120 },
	{ "a day", 1440 },
	{ "1 day 2 hours", 1560 },
	{ "45 min", 45 },
	{ "half an hour", 30 },
	{ "an hour and a half", 90 },
	{ "3 hours and 15 minutes", 195 },
	{ "1 hr 5 mins", 65 },
	{ "2 weeks", 20160 },
	{ "90 seconds", 2 },
	{ "20 seconds", 0 },
	{ "2.25 hours", 135 },
	{ "Fifteen minutes", 15 },
	{ "forty-five minutes", 45 },
	{ "a couple of hours", 120 },
	{ "3d", 4320 },
	{ "TTR: 4h", 240 },
	{ "1h 5m 30s", 66 },
	{ "5 Hours", 300 },
	{ "for 10 mins.", 10 },
	{ "3 hours, 20 minutes", 200 },
	{ "0.5h", 30 },
	{ "Outage from 10:00 to 12:00 (2 hours total)", 120 },
	{ "lasted 1 day, 3 hours and 5 minutes", 1625 },
	{ "an hour", 60 },
	{ "after 2-3 hours", 180 },
	{ "30%", -1 },
	{ "at 10:00 UTC", -1 },
	{ "3M users", -1 },
	{ "45 m", -1 },
	{ "version 2.10", -1 },
	{ "5 ms latency", -1 },
	{ "a few hours", -1 },
	{ "3 months", -1 },
	{ "hours of fun", -1 },
	{ "the day", -1 },
	{ "v2h", -1 },
	{ "10.0.0.1", -1 },
	{ "", -1 },
	{ "1.5", -1 },
	{ "June 1, 2023, 10:00 AM - June 2, 2023, 2:00 AM (UTC)", -1 },
};

/* pm_when_zone: input, offset (99999: unknown). */
#define BAD 99999
static const struct {
	const char *in;
	int off;
} zones[] = {
	{ "EST", -300 }, { "est", -300 }, { "UTC", 0 }, { "Z", 0 },
	{ "z", 0 }, { "GMT+1", 60 }, { "UTC+5:30", 330 },
	{ "UTC-05:00", -300 }, { "GMT-3", -180 }, { "+02:00", 120 },
	{ "+0200", 120 }, { "-0330", -210 }, { "(UTC)", 0 },
	{ " PST ", -480 }, { "Pacific Time", -480 },
	{ "pacific  time", -480 }, { "Eastern Time", -300 }, { "ET", -300 },
	{ "PT", -480 }, { "CST", -360 }, { "IST", 330 }, { "BST", 60 },
	{ "NZDT", 780 }, { "ACST", 570 }, { "UTC+14", 840 }, { "art", -180 },
	{ "UTC+0530", 330 }, { "( EDT )", -240 }, { "utc", 0 },
	/* central Mexico keeps UTC-6 all year, not the US Central's -5 */
	{ "central Mexico time", -360 },
	{ "XYZ", BAD }, { "", BAD }, { "UTC+15", BAD }, { "+25:00", BAD },
	{ "UTC+5:60", BAD }, { "ESTX", BAD }, { "EST EDT", BAD },
	{ "GMT+", BAD }, { "12:00", BAD }, { "UT", BAD }, { "()", BAD },
	{ "UTC+", BAD }, { "+2:3", BAD }, { "Eastern", -300 },
	{ "Pacific", -480 }, { "Central European Time", 60 },
	{ "Eastern European Time", 120 },
	/* the typographic minus (U+2212), never an en dash (U+2013) */
	{ "UTC\xe2\x88\x92" "5", -300 }, { "(GMT\xe2\x88\x92" "03:00)", -180 },
	{ "UTC\xe2\x80\x93" "5", BAD }, { "UTC\xe2\x88", BAD },
	{ "Zulu", 0 }, { "zulu time", 0 },
	/* a place's clock after "local" */
	{ "local (Berlin)", 60 }, { "local time (Warsaw)", 60 },
	{ "Local ( Sydney )", 600 }, { "local (Atlantis)", BAD },
	{ "local Berlin", BAD }, { "local (Berlin", BAD },
	/* a place's clock in the writer's language */
	{ "heure de Paris", 60 }, { "hor\xc3\xa1rio de Bras\xc3\xadlia", -180 },
	{ "hora de Lima", -300 },
	{ "heure de Atlantis", BAD },
};

/* pm_when_format: a point and its ISO 8601 text. */
static const struct {
	struct fields f;
	const char *out;
} formats[] = {
	{ DTZ(2024, 3, 5, 10, 0, 0, -300, "EST"), "2024-03-05T10:00:00-05:00" },
	{ DTZ(2024, 3, 5, 10, 0, 0, 0, "UTC"), "2024-03-05T10:00:00+00:00" },
	{ DTZ(2024, 3, 5, 9, 7, 5, 330, "IST"), "2024-03-05T09:07:05+05:30" },
	{ DT(2024, 3, 5, 10, 0, 0), "2024-03-05T10:00:00" },
	{ DATE(2024, 3, 5), "2024-03-05" },
	{ TIME(10, 0, 0), "10:00" },
	{ TIME(10, 0, 15), "10:00:15" },
	{ TZ(9, 0, 330, "IST"), "09:00+05:30" },
	{ DATE(0, 3, 5), "--03-05" },
	{ DT(0, 3, 5, 10, 0, 0), "--03-05T10:00:00" },
	{ NONE, "" },
	{ TZ(23, 59, -210, "NST"), "23:59-03:30" },
	{ DATE(999, 1, 1), "0999-01-01" },
	{ DTZ(2024, 12, 31, 23, 59, 59, 840, "UTC+14"),
	    "2024-12-31T23:59:59+14:00" },
};

/* pm_when_diff_minutes: from, to, minutes (BAD: not computable). */
static const struct {
	struct fields a, b;
	long minutes;
} diffs[] = {
	{ DT(2024, 3, 5, 10, 0, 0), DT(2024, 3, 5, 12, 45, 0), 165 },
	{ DT(2024, 3, 5, 23, 0, 0), DT(2024, 3, 6, 1, 30, 0), 150 },
	{ DTZ(2024, 3, 5, 10, 0, 0, -300, "EST"),
	    DTZ(2024, 3, 5, 15, 0, 0, 0, "UTC"), 0 },
	{ DTZ(2024, 3, 5, 10, 0, 0, 330, "IST"),
	    DTZ(2024, 3, 5, 10, 0, 0, -480, "PST"), 810 },
	{ DT(2024, 2, 28, 0, 0, 0), DT(2024, 3, 1, 0, 0, 0), 2880 },
	{ DT(2023, 2, 28, 0, 0, 0), DT(2023, 3, 1, 0, 0, 0), 1440 },
	{ DT(2023, 12, 31, 23, 0, 0), DT(2024, 1, 1, 1, 0, 0), 120 },
	{ DT(2024, 1, 1, 1, 0, 0), DT(2023, 12, 31, 23, 0, 0), -120 },
	{ DT(2000, 1, 1, 0, 0, 0), DT(2001, 1, 1, 0, 0, 0), 527040 },
	{ DT(1900, 2, 28, 0, 0, 0), DT(1900, 3, 1, 0, 0, 0), 1440 },
	{ DT(1970, 1, 1, 0, 0, 0), DT(2024, 3, 5, 0, 0, 0), 28493280 },
	{ DT(1969, 12, 31, 12, 0, 0), DT(1970, 1, 1, 12, 0, 0), 1440 },
	{ DT(2024, 3, 5, 10, 0, 30), DT(2024, 3, 5, 10, 1, 0), 0 },
	{ DTZ(2024, 3, 5, 10, 0, 0, -300, "EST"),
	    DT(2024, 3, 5, 11, 0, 0), 60 },
	{ DATE(2024, 3, 5), DT(2024, 3, 5, 11, 0, 0), BAD },
	{ DT(0, 3, 5, 10, 0, 0), DT(2024, 3, 5, 11, 0, 0), BAD },
	{ TIME(10, 0, 0), TIME(11, 0, 0), BAD },
	{ DT(2023, 2, 29, 10, 0, 0), DT(2023, 3, 1, 10, 0, 0), BAD },
};

/* pm_when_add_minutes: point, minutes, result. */
static const struct {
	struct fields f;
	long minutes;
	struct fields want;
} adds[] = {
	{ DT(2024, 2, 28, 23, 0, 0), 120, DT(2024, 2, 29, 1, 0, 0) },
	{ DT(2023, 2, 28, 23, 0, 0), 120, DT(2023, 3, 1, 1, 0, 0) },
	{ DT(2023, 12, 31, 23, 30, 0), 45, DT(2024, 1, 1, 0, 15, 0) },
	{ DT(2024, 3, 1, 0, 30, 0), -60, DT(2024, 2, 29, 23, 30, 0) },
	{ DT(2024, 1, 1, 0, 0, 0), -1, DT(2023, 12, 31, 23, 59, 0) },
	{ DT(2024, 1, 31, 12, 0, 0), 1440, DT(2024, 2, 1, 12, 0, 0) },
	{ DATE(2024, 4, 30), 1440, DATE(2024, 5, 1) },
	{ DATE(2024, 4, 30), 90, DT(2024, 4, 30, 1, 30, 0) },
	{ DATE(2024, 1, 1), -1440, DATE(2023, 12, 31) },
	{ TIME(23, 30, 0), 60, TIME(0, 30, 0) },
	{ TIME(0, 10, 0), -20, TIME(23, 50, 0) },
	{ TIME(12, 0, 0), 3 * 1440 + 5, TIME(12, 5, 0) },
	{ DT(0, 2, 28, 23, 0, 0), 120, DT(0, 3, 1, 1, 0, 0) },
	{ DATE(0, 2, 29), 1440, DATE(0, 3, 1) },
	{ DT(0, 12, 31, 23, 0, 0), 120, DT(0, 1, 1, 1, 0, 0) },
	{ DATE(2100, 2, 28), 1440, DATE(2100, 3, 1) },
	{ DATE(2000, 2, 28), 1440, DATE(2000, 2, 29) },
	{ DT(2023, 1, 1, 0, 0, 0), 525600, DT(2024, 1, 1, 0, 0, 0) },
	{ DT(2024, 1, 1, 0, 0, 0), 525600, DT(2024, 12, 31, 0, 0, 0) },
	{ DT(2024, 1, 1, 0, 0, 0), 527040, DT(2025, 1, 1, 0, 0, 0) },
	{ NONE, 60, NONE },
	{ DTZ(2024, 3, 10, 1, 30, 0, -300, "EST"), 60,
	    DTZ(2024, 3, 10, 2, 30, 0, -300, "EST") },
	{ DT(1970, 1, 1, 0, 0, 0), -1, DT(1969, 12, 31, 23, 59, 0) },
	{ DT(2024, 3, 5, 10, 0, 45), 1, DT(2024, 3, 5, 10, 1, 45) },
};

static void
test_parse(void **state)
{
	struct pm_when w;
	size_t i, n, want;
	int bad = 0;

	(void)state;
	for (i = 0; i < COUNT(parses); i++, ncases++) {
		pm_when_init(&w);
		n = pm_when_parse(&w, parses[i].in, strlen(parses[i].in));
		want = parses[i].used < 0 ? strlen(parses[i].in) :
		    (size_t)parses[i].used;
		if (n != want) {
			print_message("\"%s\": consumed %zu, want %zu\n",
			    parses[i].in, n, want);
			bad++;
		} else if (!same(parses[i].in, &w, &parses[i].f)) {
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_reject(void **state)
{
	struct pm_when w, before;
	size_t i, n;
	int bad = 0;

	(void)state;
	pm_when_init(&before);
	for (i = 0; i < COUNT(rejects); i++, ncases++) {
		w = before;
		n = pm_when_parse(&w, rejects[i], strlen(rejects[i]));
		if (n != 0 || memcmp(&w, &before, sizeof(w)) != 0) {
			print_message("\"%s\": read %zu bytes, want none\n",
			    rejects[i], n);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* The length bound is honoured: a prefix of a valid text reads as such. */
static void
test_length_bound(void **state)
{
	static const char text[] = "March 5, 2024 10:00 UTC";
	struct pm_when w;

	(void)state;
	ncases += 4;
	assert_int_equal(pm_when_parse(&w, text, 7), 7);
	assert_int_equal(w.month, 3);
	assert_int_equal(w.day, 5);
	assert_int_equal(w.year, 0);
	assert_int_equal(pm_when_parse(&w, text, 16), 13);
	assert_int_equal(w.hour, -1);
	assert_int_equal(pm_when_parse(&w, text, 19), 19);
	assert_int_equal(w.hour, 10);
	assert_int_equal(w.has_zone, 0);
	assert_int_equal(pm_when_parse(&w, "10:00 UTC", 7), 5);
	assert_int_equal(w.has_zone, 0);
}

/*
 * A clock in words is looked for only at the words that can start one
 * (when_spoken.c keeps them by length): every hour and every phrase of
 * minutes must still be read.
 */
static void
test_rewrite_every_clock_word(void **state)
{
	static const char *const hours[] = {
		"one", "two", "three", "four", "five", "six", "seven",
		"eight", "nine", "ten", "eleven", "twelve"
	};
	static const char *const minutes[] = {
		"half past", "quarter past", "a quarter to", "quarter to",
		"twenty-five past", "twenty five past", "twenty past",
		"ten past", "five past", "twenty-five to", "twenty five to",
		"twenty to", "ten to", "five to"
	};
	char text[96], out[96];

	(void)state;
	for (size_t i = 0; i < sizeof(hours) / sizeof(*hours); i++) {
		snprintf(text, sizeof(text), "at %s in the evening", hours[i]);
		if (!pm_when_rewrite(out, text, strlen(text)))
			fail_msg("%s: not read", text);
	}
	for (size_t i = 0; i < sizeof(minutes) / sizeof(*minutes); i++) {
		snprintf(text, sizeof(text), "at %s one in the evening",
		    minutes[i]);
		if (!pm_when_rewrite(out, text, strlen(text)))
			fail_msg("%s: not read", text);
	}
}

/*
 * The index by first letter (when_zone_index.c) is generated from the
 * table: each letter's entries are the table's names with that letter,
 * in table order, and nothing else.  When this fails, run
 * python3 generator/tools/zone_index.py > generator/when_zone_index.c
 */
static void
test_zone_index_matches_table(void **state)
{
	size_t j;

	(void)state;
	if (pm_when__zone_first[0] != 0 ||
	    pm_when__zone_first[26] != pm_when__nzones)
		fail_msg("zone index stale: %u entries for a table of %zu: "
		    "run generator/tools/zone_index.py",
		    (unsigned)pm_when__zone_first[26], pm_when__nzones);
	for (int c = 0; c < 26; c++) {
		j = pm_when__zone_first[c];
		for (size_t k = 0; k < pm_when__nzones; k++) {
			int first = pm_when__zones[k].name[0];

			if (first >= 'A' && first <= 'Z')
				first += 'a' - 'A';
			if (first != 'a' + c)
				continue;
			if (j >= pm_when__zone_first[c + 1] ||
			    pm_when__zone_by_letter[j] != k)
				fail_msg("zone index stale at %s: run "
				    "generator/tools/zone_index.py",
				    pm_when__zones[k].name);
			j++;
		}
		assert_int_equal(j, pm_when__zone_first[c + 1]);
	}
}

/* pm_when_find() tries only words that start with a letter of a month,
 * a weekday, noon or midnight: every such name, as text, is found. */
static void
test_find_every_name(void **state)
{
	static const char *const names[] = {
		"January", "Jan", "February", "Feb", "March", "Mar", "April",
		"Apr", "May", "June", "Jun", "July", "Jul", "August", "Aug",
		"September", "Sept", "Sep", "October", "Oct", "November",
		"Nov", "December", "Dec"
	};
	static const char *const days[] = {
		"Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
		"Saturday", "Sunday", "Mon", "Tue", "Wed", "Thu", "Fri",
		"Sat", "Sun"
	};
	struct pm_when w;
	size_t at, used;
	char text[96];

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		snprintf(text, sizeof(text), "it broke on %s 5, 2024.",
		    names[i]);
		if (!pm_when_find(&w, &at, &used, text, strlen(text)) ||
		    at != 12 || w.day != 5 || w.year != 2024)
			fail_msg("%s: not found", text);
	}
	for (size_t i = 0; i < sizeof(days) / sizeof(*days); i++) {
		snprintf(text, sizeof(text), "it broke %s 5 March 2024.",
		    days[i]);
		if (!pm_when_find(&w, &at, &used, text, strlen(text)) ||
		    at != 9 || w.month != 3)
			fail_msg("%s: not found", text);
	}
	snprintf(text, sizeof(text), "it broke at noon and midnight");
	assert_true(pm_when_find(&w, &at, &used, text, strlen(text)));
	assert_int_equal(w.hour, 12);
	assert_true(pm_when_find(&w, &at, &used, text + 17, strlen(text + 17)));
	assert_int_equal(w.hour, 0);
}

static void
test_find(void **state)
{
	struct pm_when w;
	size_t i, at = 0, used = 0;
	int bad = 0, found;

	(void)state;
	for (i = 0; i < COUNT(finds); i++, ncases++) {
		pm_when_init(&w);
		found = pm_when_find(&w, &at, &used, finds[i].in,
		    strlen(finds[i].in));
		if (finds[i].at < 0) {
			if (found) {
				print_message("\"%s\": found at %zu+%zu, want "
				    "none\n", finds[i].in, at, used);
				bad++;
			}
		} else if (!found || at != (size_t)finds[i].at ||
		    used != (size_t)finds[i].used) {
			print_message("\"%s\": found=%d at %zu+%zu, want "
			    "%ld+%ld\n", finds[i].in, found, at, used,
			    finds[i].at, finds[i].used);
			bad++;
		} else if (!same(finds[i].in, &w, &finds[i].f)) {
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_range(void **state)
{
	struct pm_when a, b;
	size_t i;
	int bad = 0, found;

	(void)state;
	for (i = 0; i < COUNT(ranges); i++, ncases++) {
		pm_when_init(&a);
		pm_when_init(&b);
		found = pm_when_find_range(&a, &b, ranges[i].in,
		    strlen(ranges[i].in));
		if (ranges[i].a.y == -2) {
			if (found) {
				print_message("\"%s\": found a range, want "
				    "none\n", ranges[i].in);
				bad++;
			}
		} else if (!found) {
			print_message("\"%s\": no range\n", ranges[i].in);
			bad++;
		} else if (!same(ranges[i].in, &a, &ranges[i].a) ||
		    !same(ranges[i].in, &b, &ranges[i].b)) {
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* A range of days before a range of times dates it, and is passed over
 * by pm_when_find_timed_range() only. */
static void
test_timed_range(void **state)
{
	static const struct {
		const char *in, *start, *end;
	} cases[] = {
		{ "the night of 31 October to 1 November 2024, from 23:50 on "
		    "31 October to 01:35 on 1 November",
		    "2024-10-31T23:50:00", "2024-11-01T01:35:00" },
		{ "from March 3 to March 5, 2024, between 23:50 and 01:35 UTC",
		    "2024-03-03T23:50:00+00:00", "2024-03-04T01:35:00+00:00" },
		{ "14:03\xe2\x80\x93" "14:21 ET (18 min).",
		    "14:03-05:00", "14:21-05:00" },
		{ "the night of Friday 28 February into Saturday 1 March "
		    "2025, from 22:40 to 01:15 EAT",
		    "2025-02-28T22:40:00+03:00", "2025-03-01T01:15:00+03:00" },
		{ "On the night of Saturday 8 March 2025 going into Sunday 9 "
		    "March, from 11:20 PM to 1:05 AM WAT",
		    "2025-03-08T23:20:00+01:00", "2025-03-09T01:05:00+01:00" },
		/* weekdays alone: the end on the next day runs backwards */
		{ "one window, from 19:10 on Thursday to 00:40 on Friday, 5 "
		    "hours", "19:10", "00:40" },
		{ "from 7:15 pm on Monday to 9:05 pm on Monday",
		    "19:15", "21:05" },
		/* a zone in brackets after each end's date, the night the
		 * clocks went back */
		{ "From 23:40 on Saturday 25 October 2025 (CEST) until 04:25 "
		    "on Sunday 26 October (CET), 433 appointments were lost",
		    "2025-10-25T23:40:00+02:00", "2025-10-26T04:25:00+01:00" },
		/* a clause between the ends, after a day right before the
		 * start or before the end's own day */
		{ "On Monday 9 March 2026 from 08:00, when the branches "
		    "opened, until 11:25, cashiers could not",
		    "2026-03-09T08:00", "2026-03-09T11:25" },
		{ "From 8:30 a.m., when the lifts opened, until 10:45 a.m. on "
		    "Saturday, January 17, 2026, the gates",
		    "2026-01-17T08:30", "2026-01-17T10:45" },
	};
	struct pm_when a, b;
	char fa[64], fb[64];

	(void)state;
	for (size_t i = 0; i < COUNT(cases); i++, ncases++) {
		assert_true(pm_when_find_timed_range(&a, &b, cases[i].in,
		    strlen(cases[i].in)));
		pm_when_format(fa, sizeof(fa), &a);
		pm_when_format(fb, sizeof(fb), &b);
		if (strncmp(fa, cases[i].start, strlen(cases[i].start)) != 0 ||
		    strncmp(fb, cases[i].end, strlen(cases[i].end)) != 0)
			fail_msg("\"%s\": %s .. %s", cases[i].in, fa, fb);
	}
	/* the first range of all is the one of days */
	assert_true(pm_when_find_range(&a, &b, cases[0].in,
	    strlen(cases[0].in)));
	assert_int_equal(a.hour, -1);
	assert_int_equal(b.day, 1);
}

static void
test_duration(void **state)
{
	size_t i;
	long m;
	int bad = 0, found;

	(void)state;
	for (i = 0; i < COUNT(durations); i++, ncases++) {
		m = -12345;
		found = pm_when_find_duration(&m, durations[i].in,
		    strlen(durations[i].in));
		if (durations[i].minutes < 0 ? found || m != -12345 :
		    !found || m != durations[i].minutes) {
			print_message("\"%s\": found=%d minutes=%ld, want "
			    "%ld\n", durations[i].in, found, m,
			    durations[i].minutes);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_zone(void **state)
{
	size_t i;
	int bad = 0, found, off;

	(void)state;
	for (i = 0; i < COUNT(zones); i++, ncases++) {
		off = -12345;
		found = pm_when_zone(&off, zones[i].in, strlen(zones[i].in));
		if (zones[i].off == BAD ? found || off != -12345 :
		    !found || off != zones[i].off) {
			print_message("\"%s\": found=%d offset=%d, want %d\n",
			    zones[i].in, found, off, zones[i].off);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* Which way round the people of a zone write slash dates. */
static void
test_zone_date_order(void **state)
{
	static const struct {
		const char *in;
		int order;
		size_t len;
	} cases[] = {
		{ "EST", 'M', 3 }, { "PDT today", 'M', 3 },
		{ "Pacific Time", 'M', 12 }, { "America/Chicago", 'M', 15 },
		{ "America/Phoenix", 'M', 15 }, { "CEST", 'D', 4 },
		{ "BRT,", 'D', 3 }, { "IST", 'D', 3 }, { "AEDT", 'D', 4 },
		{ "Finnish time", 'D', 12 }, { "America/Sao_Paulo", 'D', 17 },
		{ "UTC+5:30", 'D', 8 }, { "GMT+2", 'D', 5 },
		{ "UTC-05:00", 0, 9 }, { "UTC", 0, 0 }, { "est", 0, 0 },
		{ "ist", 0, 0 }, { "Eastern", 0, 0 }, { "ESTATE", 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < COUNT(cases); i++, ncases++) {
		size_t end = 0;
		int order = pm_when_zone_date_order(&end, cases[i].in,
		    strlen(cases[i].in));

		if (order != cases[i].order || end != cases[i].len)
			fail_msg("\"%s\": %d (%zu), want %d (%zu)",
			    cases[i].in, order, end, cases[i].order,
			    cases[i].len);
	}
}

static void
test_format(void **state)
{
	struct pm_when w;
	char out[64];
	size_t i, n;
	int bad = 0;

	(void)state;
	for (i = 0; i < COUNT(formats); i++, ncases++) {
		w = make(&formats[i].f);
		memset(out, 'x', sizeof(out));
		n = pm_when_format(out, sizeof(out), &w);
		if (strcmp(out, formats[i].out) != 0 ||
		    n != strlen(formats[i].out)) {
			print_message("format: got \"%s\" (%zu), want \"%s\"\n",
			    out, n, formats[i].out);
			bad++;
		}
	}
	assert_int_equal(bad, 0);

	/* truncation keeps the NUL inside the buffer */
	ncases += 2;
	w = make(&formats[0].f);
	memset(out, 'x', sizeof(out));
	assert_int_equal(pm_when_format(out, 5, &w), 4);
	assert_string_equal(out, "2024");
	assert_int_equal(out[5], 'x');
	assert_int_equal(pm_when_format(out, 0, &w), 0);
	assert_int_equal(out[0], '2');
}

/* What pm_when_find_range returns is what pm_when_format prints. */
static void
test_range_format(void **state)
{
	static const char text[] =
	    "Duration: June 1, 2023, 10:00 AM - June 2, 2023, 2:00 AM (UTC)";
	struct pm_when a, b;
	char out[64];
	long m;

	(void)state;
	ncases += 3;
	assert_int_equal(pm_when_find_range(&a, &b, text, strlen(text)), 1);
	pm_when_format(out, sizeof(out), &a);
	assert_string_equal(out, "2023-06-01T10:00:00+00:00");
	pm_when_format(out, sizeof(out), &b);
	assert_string_equal(out, "2023-06-02T02:00:00+00:00");
	assert_int_equal(pm_when_diff_minutes(&m, &a, &b), 1);
	assert_int_equal(m, 960);
}

static void
test_diff(void **state)
{
	struct pm_when a, b;
	size_t i;
	long m;
	int bad = 0, ok;

	(void)state;
	for (i = 0; i < COUNT(diffs); i++, ncases++) {
		a = make(&diffs[i].a);
		b = make(&diffs[i].b);
		m = -12345;
		ok = pm_when_diff_minutes(&m, &a, &b);
		if (diffs[i].minutes == BAD ? ok || m != -12345 :
		    !ok || m != diffs[i].minutes) {
			print_message("diff #%zu: ok=%d minutes=%ld, want "
			    "%ld\n", i, ok, m, diffs[i].minutes);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_add(void **state)
{
	struct pm_when w;
	char label[32];
	size_t i;
	int bad = 0;

	(void)state;
	for (i = 0; i < COUNT(adds); i++, ncases++) {
		w = make(&adds[i].f);
		pm_when_add_minutes(&w, adds[i].minutes);
		snprintf(label, sizeof(label), "add #%zu", i);
		if (!same(label, &w, &adds[i].want))
			bad++;
	}
	assert_int_equal(bad, 0);
}

/* Adding then subtracting is the identity across four centuries. */
static void
test_add_roundtrip(void **state)
{
	struct pm_when w, back;
	long step, m;

	(void)state;
	ncases++;
	pm_when_init(&w);
	w.year = 1999;
	w.month = 12;
	w.day = 31;
	w.hour = 23;
	w.minute = 59;
	for (step = 0; step < 400 * 366; step += 97) {
		back = w;
		pm_when_add_minutes(&back, step * 1440L + 7);
		assert_int_equal(pm_when_diff_minutes(&m, &w, &back), 1);
		assert_int_equal(m, step * 1440L + 7);
		pm_when_add_minutes(&back, -(step * 1440L + 7));
		assert_memory_equal(&back, &w, sizeof(w));
	}
}

static void
test_init(void **state)
{
	struct pm_when w;

	(void)state;
	ncases++;
	memset(&w, 0x5a, sizeof(w));
	pm_when_init(&w);
	assert_int_equal(w.year, 0);
	assert_int_equal(w.hour, -1);
	assert_int_equal(w.has_zone, 0);
	assert_string_equal(w.zone, "");
}

/* An empty buffer may be NULL: nothing is read from it. */
/* pm_when_read_ymd: the dates pmsite writes, and the general parser's
 * answer on every one it takes. */
static void
test_read_ymd(void **state)
{
	static const struct {
		const char *in;
		int ok, y, m, d;
	} cases[] = {
		{ "2024-03-05", 1, 2024, 3, 5 },
		{ "2024-02-29T10:00:00+01:00", 1, 2024, 2, 29 },
		{ "1999-12-31", 1, 1999, 12, 31 },
		{ "2023-02-29", 0, 0, 0, 0 }, { "2024-04-31", 0, 0, 0, 0 },
		{ "2024-13-01", 0, 0, 0, 0 }, { "2024-00-10", 0, 0, 0, 0 },
		{ "0000-01-01", 0, 0, 0, 0 }, { "2024-3-05", 0, 0, 0, 0 },
		{ "24-03-05", 0, 0, 0, 0 }, { "2024/03/05", 0, 0, 0, 0 },
		{ "2024-03-0", 0, 0, 0, 0 }, { "", 0, 0, 0, 0 },
	};
	struct pm_when w;
	int y, m, d;

	(void)state;
	assert_int_equal(pm_when_read_ymd(NULL, &y, &m, &d), 0);
	for (size_t i = 0; i < COUNT(cases); i++, ncases++) {
		int ok = pm_when_read_ymd(cases[i].in, &y, &m, &d);

		if (ok != cases[i].ok || (ok && (y != cases[i].y ||
		    m != cases[i].m || d != cases[i].d)))
			fail_msg("read_ymd \"%s\": %d %d-%d-%d", cases[i].in,
			    ok, y, m, d);
		pm_when_init(&w);
		if (ok && (pm_when_parse(&w, cases[i].in,
		    strlen(cases[i].in)) == 0 || w.year != y ||
		    w.month != m || w.day != d))
			fail_msg("read_ymd \"%s\": the parser differs",
			    cases[i].in);
	}
}

static void
test_empty(void **state)
{
	struct pm_when a, b;
	size_t at, used;
	long m;
	int off;

	(void)state;
	ncases += 5;
	assert_int_equal(pm_when_parse(&a, NULL, 0), 0);
	assert_int_equal(pm_when_find(&a, &at, &used, NULL, 0), 0);
	assert_int_equal(pm_when_find_range(&a, &b, NULL, 0), 0);
	assert_int_equal(pm_when_find_duration(&m, NULL, 0), 0);
	assert_int_equal(pm_when_zone(&off, NULL, 0), 0);
}

static void
test_rewrite(void **state)
{
	char out[64];
	size_t i, n;
	int bad = 0, changed;

	(void)state;
	for (i = 0; i < COUNT(rewrites); i++, ncases++) {
		const char *want = rewrites[i].out ? rewrites[i].out :
		    rewrites[i].in;

		n = strlen(rewrites[i].in);
		memset(out, 'x', sizeof(out));
		changed = pm_when_rewrite(out, rewrites[i].in, n);
		if (changed != (rewrites[i].out != NULL) ||
		    memcmp(out, want, n) != 0 || out[n] != 'x') {
			print_message("rewrite \"%s\": got \"%.*s\" (%d)\n",
			    rewrites[i].in, (int)n, out, changed);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

/* pm_when_windows_zone: a text, the zone it starts with (or NULL), the
 * offset. */
static const struct {
	const char *in, *zone;
	int off;
} windows_zones[] = {
	{ "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna",
	  "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", 60 },
	{ "(UTC-05:00) Eastern Time (US & Canada).  ",
	  "(UTC-05:00) Eastern Time (US & Canada)", -300 },
	{ "(GMT+05:30) Chennai, Kolkata", "(GMT+05:30) Chennai, Kolkata",
	  330 },
	{ "(UTC) Coordinated Universal Time",
	  "(UTC) Coordinated Universal Time", 0 },
	{ "(UTC+01:00)", NULL, 0 },
	{ "(UTC+01:00) all times", NULL, 0 },
	{ "UTC+01:00 Amsterdam", NULL, 0 },
	{ "(UTC+1) Amsterdam", NULL, 0 },
	{ "(PST) Pacific", NULL, 0 },
	/* longer than a zone holds: cut, the offset kept */
	{ "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna, and "
	  "every other place we run a depot in",
	  "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna, and "
	  "every other p", 60 },
};

/* pm_when_month_year: a text, the year and month it starts with (0 for
 * none). */
static const struct {
	const char *in;
	int y, m;
} month_years[] = {
	{ "May 2024", 2024, 5 }, { " November, 2024_", 2024, 11 },
	{ "Sept 2023 review", 2023, 9 }, { "dec. 2022", 2022, 12 },
	{ "May 7, 2024", 0, 0 }, { "May2024", 0, 0 }, { "May 202", 0, 0 },
	{ "Mayday 2024", 0, 0 }, { "May 20245", 0, 0 }, { "2024 May", 0, 0 },
	{ "", 0, 0 },
	/* the writer's language, written out, the year right after */
	{ "marzo 2025", 2025, 3 }, { "mar\xc3\xa7o de 2025", 2025, 3 },
	{ "lutego 2025", 2025, 2 }, { "janv. 2025", 0, 0 },
	{ "marzo", 0, 0 }, { "marzotto 2025", 0, 0 },
};

static void
test_month_year(void **state)
{
	size_t i;
	int bad = 0, y, m;

	(void)state;
	for (i = 0; i < COUNT(month_years); i++, ncases++) {
		const char *in = month_years[i].in;

		y = m = 0;
		if (!pm_when_month_year(&y, &m, in, strlen(in)))
			y = m = 0;
		if (y != month_years[i].y || m != month_years[i].m) {
			print_message("month year #%zu: %d-%d\n", i, y, m);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_windows_zone(void **state)
{
	struct pm_when w;
	size_t i, n;
	int bad = 0;

	(void)state;
	for (i = 0; i < COUNT(windows_zones); i++, ncases++) {
		const char *in = windows_zones[i].in;

		n = pm_when_windows_zone(&w, in, strlen(in));
		if (windows_zones[i].zone == NULL ? n != 0 : n == 0 ||
		    strcmp(w.zone, windows_zones[i].zone) != 0 ||
		    w.offset_minutes != windows_zones[i].off) {
			print_message("windows zone #%zu: %zu \"%s\" %d\n", i,
			    n, n ? w.zone : "", n ? w.offset_minutes : 0);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_settle_zone(void **state)
{
	struct pm_when w;
	size_t i;
	int bad = 0, changed;

	(void)state;
	for (i = 0; i < COUNT(settles); i++, ncases++) {
		w = make(&settles[i].f);
		changed = pm_when_settle_zone(&w);
		if (changed != settles[i].changed ||
		    w.offset_minutes != settles[i].off) {
			print_message("settle #%zu: changed=%d offset=%d\n", i,
			    changed, w.offset_minutes);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_meridiem(void **state)
{
	struct pm_when a, b;
	size_t i, at, used, n;
	int bad = 0, got_b;

	(void)state;
	for (i = 0; i < COUNT(meridiems); i++, ncases++) {
		n = strlen(meridiems[i].in);
		got_b = -2;
		if (pm_when_find_range(&a, &b, meridiems[i].in, n))
			got_b = b.meridiem;
		else if (!pm_when_find(&a, &at, &used, meridiems[i].in, n))
			a.meridiem = -3;
		if (a.meridiem != meridiems[i].a || got_b != meridiems[i].b) {
			print_message("meridiem \"%s\": %d %d\n",
			    meridiems[i].in, a.meridiem, got_b);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

static void
test_count(void **state)
{
	(void)state;
	print_message("%zu cases\n", ncases);
	assert_true(ncases >= 170);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_reject),
		cmocka_unit_test(test_length_bound),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_find_every_name),
		cmocka_unit_test(test_range),
		cmocka_unit_test(test_timed_range),
		cmocka_unit_test(test_range_format),
		cmocka_unit_test(test_duration),
		cmocka_unit_test(test_zone),
		cmocka_unit_test(test_zone_date_order),
		cmocka_unit_test(test_zone_index_matches_table),
		cmocka_unit_test(test_rewrite_every_clock_word),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_add_roundtrip),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_read_ymd),
		cmocka_unit_test(test_rewrite),
		cmocka_unit_test(test_settle_zone),
		cmocka_unit_test(test_windows_zone),
		cmocka_unit_test(test_month_year),
		cmocka_unit_test(test_meridiem),
		cmocka_unit_test(test_count),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
