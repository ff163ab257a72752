/*
 * extract_zone_offset.c: a zone written out as its distance from UTC,
 * "two hours ahead of UTC", "five and a half hours ahead of GMT", read
 * when nothing names the zone itself (extract_zone.c tries it last but
 * one).
 */
#include "extract_int.h"

#include <stdio.h>
#include <stdlib.h>

/* Offsets people write out: "two hours ahead of UTC". */
static const char *const offset_anchors[] = {
	"ahead of utc", "ahead of gmt", "behind utc", "behind gmt", NULL
};

static const char *const hour_words[] = {
	"zero", "one", "two", "three", "four", "five", "six", "seven",
	"eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
	NULL
};

/*
 * "Times are Cape Town time, two hours ahead of UTC", "we are 5 and a
 * half hours ahead of GMT", "three hours behind UTC": a zone stated as
 * its offset in words, named "UTC+2", "UTC+5:30", "UTC-3".
 */
int
x_zone_stated_offset(struct pm_when *z, const char *s, size_t len)
{
	size_t at, b, e, half = 0;
	const char *hit = x_find_any(s, len, offset_anchors, &at);
	int h = -1, ahead;

	if (hit == NULL)
		return 0;
	ahead = hit[0] == 'a';
	b = x_word_before(s, at, &e);
	if (!x_word_is(s, b, e, "hours") && !x_word_is(s, b, e, "hour"))
		return 0;
	b = x_word_before(s, b, &e);
	if (x_word_is(s, b, e, "half")) {
		/* "five and a half hours" */
		b = x_word_before(s, b, &e);
		if (!x_word_is(s, b, e, "a"))
			return 0;
		b = x_word_before(s, b, &e);
		if (!x_word_is(s, b, e, "and"))
			return 0;
		b = x_word_before(s, b, &e);
		half = 30;
	}
	if (e > b && e - b <= 2 && s[b] >= '0' && s[b] <= '9')
		h = atoi(s + b);
	for (int k = 0; h < 0 && hour_words[k]; k++)
		if (x_word_is(s, b, e, hour_words[k]))
			h = k;
	if (h < 0 || h > 14)
		return 0;
	pm_when_init(z);
	z->has_zone = 1;
	z->offset_minutes = (ahead ? 1 : -1) * (h * 60 + (int)half);
	snprintf(z->zone, sizeof(z->zone), half ? "UTC%c%d:30" : "UTC%c%d",
	    ahead ? '+' : '-', h);
	return 1;
}
