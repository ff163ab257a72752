/*
 * fuzz_when.c: fuzz target for the date and time reader (pm_when_parse,
 * _find, _find_range, _find_duration, _zone) and its arithmetic
 * (_format, _diff_minutes, _add_minutes).
 *
 * The input is copied into a buffer of exactly its size, so ASan sees any
 * read past s[len].  Properties: matches lie inside the input; fields stay
 * in range; formatting is NUL-terminated and fits; adding minutes then
 * taking the difference gives them back for full dates.
 */
#include "fuzz.h"

#include "when.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
wh_fields_ok(const struct pm_when *w)
{
	return w->month >= 0 && w->month <= 12 && w->day >= 0 &&
	    w->day <= 31 && w->hour >= -1 && w->hour <= 24 &&
	    w->minute >= 0 && w->minute <= 59 && w->second >= 0 &&
	    w->second <= 60 && memchr(w->zone, '\0', sizeof(w->zone)) &&
	    w->offset_minutes > -24 * 60 && w->offset_minutes < 24 * 60;
}

static int
wh_format_ok(const struct pm_when *w)
{
	char small[8], out[64];
	size_t n;

	memset(out, 'x', sizeof(out));
	n = pm_when_format(out, sizeof(out), w);
	if (n >= sizeof(out) || out[n] != '\0' || strlen(out) != n)
		return 0;
	memset(small, 'x', sizeof(small));
	n = pm_when_format(small, sizeof(small), w);
	return memchr(small, '\0', sizeof(small)) != NULL;
}

static int
wh_full(const struct pm_when *w)
{
	return w->year > 0 && w->month > 0 && w->day > 0 && w->hour >= 0;
}

static int
wh_check_point(const struct pm_when *w, const char *what)
{
	struct pm_when later = *w;
	long back = 0;

	if (!wh_fields_ok(w) || !wh_format_ok(w)) {
		fprintf(stderr, "fuzz_when: %s: field out of range or bad "
		    "format (%d-%d-%d %d:%d:%d %s)\n", what, w->year,
		    w->month, w->day, w->hour, w->minute, w->second, w->zone);
		return 1;
	}
	if (wh_full(w) && w->year > 1 && w->year < 9000 && w->hour < 24) {
		pm_when_add_minutes(&later, 3 * 1440 + 61);
		if (!pm_when_diff_minutes(&back, w, &later) ||
		    back != 3 * 1440 + 61) {
			fprintf(stderr, "fuzz_when: %s: add then diff gave "
			    "%ld\n", what, back);
			return 1;
		}
	}
	pm_when_add_minutes(&later, -123456);
	if (later.year > 0 && !wh_fields_ok(&later)) {
		fprintf(stderr, "fuzz_when: %s: adding minutes left %d-%d-%d "
		    "%d:%d\n", what, later.year, later.month, later.day,
		    later.hour, later.minute);
		return 1;
	}
	return 0;
}

int
fuzz_when(const uint8_t *data, size_t size)
{
	char *s = malloc(size ? size : 1);
	struct pm_when a, b;
	size_t n, at = 0, used = 0;
	long minutes;
	int off, bad = 0;

	memcpy(s, data, size);
	pm_when_init(&a);
	n = pm_when_parse(&a, s, size);
	if (n > size) {
		fprintf(stderr, "fuzz_when: parse consumed %zu of %zu\n", n,
		    size);
		bad = 1;
	}
	if (n)
		bad |= wh_check_point(&a, "parse");
	pm_when_init(&a);
	if (pm_when_find(&a, &at, &used, s, size)) {
		if (at > size || used == 0 || used > size - at) {
			fprintf(stderr, "fuzz_when: find at %zu+%zu of %zu\n",
			    at, used, size);
			bad = 1;
		}
		bad |= wh_check_point(&a, "find");
	}
	pm_when_init(&a);
	pm_when_init(&b);
	if (pm_when_find_range(&a, &b, s, size)) {
		bad |= wh_check_point(&a, "range start");
		bad |= wh_check_point(&b, "range end");
		if (pm_when_diff_minutes(&minutes, &a, &b))
			(void)minutes;
	}
	if (pm_when_find_duration(&minutes, s, size) && minutes < 0) {
		fprintf(stderr, "fuzz_when: negative duration %ld\n", minutes);
		bad = 1;
	}
	if (pm_when_zone(&off, s, size) && (off <= -24 * 60 ||
	    off >= 24 * 60)) {
		fprintf(stderr, "fuzz_when: zone offset %d\n", off);
		bad = 1;
	}
	free(s);
	return bad;
}

#ifdef PM_FUZZER
FUZZ_ENTRY(fuzz_when)
#endif
