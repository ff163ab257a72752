/*
 * extract_slash.c: which way round a document writes its slash dates.
 *
 * "12/03/2025" is 3 December in Chicago and 12 March in São Paulo, Paris
 * or Delhi.  The when module reads it month first unless the first number
 * is above 12 or a weekday next to it says otherwise; it cannot know more,
 * since it sees one line.  The document can: the zones it names say
 * where its writer is ("BRT", "CEST" against "EST", "Pacific Time"), and
 * failing those a slash date elsewhere in it whose first number is above
 * 12 ("21/03/2025") says day first, one whose second is ("3/21/2025")
 * month first.  The zone comes first because it is the writer's own (and
 * so are the words of his language: "quarta-feira", "Uhr"): a US
 * team's table of due dates may be filled in by a colleague abroad.  UTC
 * says nothing, and a document that says nothing keeps the month-first
 * reading.
 *
 * A document read day first has its ambiguous dates rewritten in its
 * lines' time texts to ISO order ("2025-03-12"), widths kept, so that
 * every reader after this one agrees.
 */
#include <string.h>

#include "arena.h"
#include "extract_int.h"

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int
is_alnum(int c)
{
	return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* One or two digits at s[i]: their count and value. */
static size_t
day_or_month(const char *s, size_t len, size_t i, int *v)
{
	size_t n = 0;

	*v = 0;
	while (i + n < len && is_digit((unsigned char)s[i + n]) && n < 3)
		*v = *v * 10 + (s[i + n++] - '0');
	return n >= 1 && n <= 2 ? n : 0;
}

/*
 * "A/B/YYYY" at s[i], on word boundaries, or "A/B" before a clock time
 * ("29/01 08:00", as when.c reads it): its length, with *a and *b set
 * and *year whether it has one.  0 when there is none.
 */
static size_t
slash_date_at(const char *s, size_t len, size_t i, int *a, int *b,
    int *year)
{
	size_t na, nb, j;

	if (i > 0 && (is_alnum((unsigned char)s[i - 1]) || s[i - 1] == '/' ||
	    s[i - 1] == '.'))
		return 0;
	if (!(na = day_or_month(s, len, i, a)) || i + na >= len ||
	    s[i + na] != '/' ||
	    !(nb = day_or_month(s, len, i + na + 1, b)))
		return 0;
	j = i + na + 1 + nb;
	*year = 0;
	if ((j >= len || s[j] != '/') && pm_when_clock_follows(s, len, j))
		return *a >= 1 && *a <= 31 && *b >= 1 && *b <= 31 ? j - i : 0;
	*year = 1;
	if (j + 5 > len || s[j] != '/' || !is_digit((unsigned char)s[j + 1]) ||
	    !is_digit((unsigned char)s[j + 2]) ||
	    !is_digit((unsigned char)s[j + 3]) ||
	    !is_digit((unsigned char)s[j + 4]) ||
	    (j + 5 < len && (is_alnum((unsigned char)s[j + 5]) ||
	    s[j + 5] == '/')))
		return 0;
	if (*a < 1 || *a > 31 || *b < 1 || *b > 31)
		return 0;
	return j + 5 - i;
}

struct votes {
	int ambiguous;		/* dates both ways could read */
	int day_first, month_first;
};

static void
count_dates(struct votes *v, const char *s, size_t len)
{
	const char *p = s;
	int a, b, year;
	size_t n;

	while ((p = memchr(p, '/', len - (size_t)(p - s))) != NULL) {
		/* back up to the first number of a date around this slash */
		size_t i = (size_t)(p - s);

		while (i > 0 && is_digit((unsigned char)s[i - 1]) &&
		    (size_t)(p - s) - i < 2)
			i--;
		if (i < (size_t)(p - s) &&
		    (n = slash_date_at(s, len, i, &a, &b, &year)) != 0) {
			if (a <= 12 && b <= 12)
				v->ambiguous += a != b;
			else if (a > 12 && b <= 12)
				v->day_first++;
			else if (b > 12 && a <= 12)
				v->month_first++;
			p = s + i + n;
		} else {
			p++;
		}
		if ((size_t)(p - s) >= len)
			break;
	}
}

/*
 * Words of the languages whose writers put the day first, as they slip
 * into an English postmortem: weekdays ("quarta-feira", "martes",
 * "mercredi", "Mittwoch", "mercoledì") and the names of the local clock
 * ("hora de Brasília", "Uhr").
 */
static const char *const day_first_words[] = {
	"segunda feira", "terca feira", "quarta feira", "quinta feira",
	"sexta feira", "lunes", "martes", "miercoles", "jueves", "viernes",
	"sabado", "lundi", "mardi", "mercredi", "jeudi", "vendredi",
	"samedi", "dimanche", "montag", "dienstag", "mittwoch", "donnerstag",
	"freitag", "samstag", "sonntag", "lunedi", "martedi", "mercoledi",
	"giovedi", "venerdi", "hora de", "horario de", "uhr", NULL
};

static void
count_zones(struct votes *v, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		int c = (unsigned char)s[i];
		size_t n;

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ||
		    (i > 0 && is_alnum((unsigned char)s[i - 1])))
			continue;
		if ((n = x_phrase_at_any(s, len, i, day_first_words)) != 0) {
			v->day_first++;
			i = n - 1;
			continue;
		}
		switch (pm_when_zone_date_order(&n, s + i, len - i)) {
		case 'D':
			v->day_first++;
			i += n - 1;
			break;
		case 'M':
			v->month_first++;
			i += n - 1;
			break;
		}
	}
}

/*
 * "A/B/YYYY" to "YYYY-B-A" in t, widths kept ("7/5/2024" "2024-5-7"), and
 * "A/B" without a year to "B/A", which when.c reads month first.
 */
static void
swap_dates(char *t, size_t len)
{
	int a, b, has_year;

	for (size_t i = 0; i < len; i++) {
		size_t n = slash_date_at(t, len, i, &a, &b, &has_year), na = 0,
		    nb;
		char day[2], month[2], year[4];

		if (n == 0 || a > 12 || b > 12)
			continue;
		while (t[i + na] != '/')
			na++;
		nb = n - na - (has_year ? 6 : 1);
		memcpy(day, t + i, na);
		memcpy(month, t + i + na + 1, nb);
		if (!has_year) {
			memcpy(t + i, month, nb);
			t[i + nb] = '/';
			memcpy(t + i + nb + 1, day, na);
			i += n - 1;
			continue;
		}
		memcpy(year, t + i + n - 4, 4);
		memcpy(t + i, year, 4);
		t[i + 4] = '-';
		memcpy(t + i + 5, month, nb);
		t[i + 5 + nb] = '-';
		memcpy(t + i + 6 + nb, day, na);
		i += n - 1;
	}
}

const char *
x_slash_day_first(struct xdoc *d, const char *t, size_t len)
{
	char *out;

	if (!d->day_first || memchr(t, '/', len) == NULL)
		return t;
	out = pm_arena_strndup(d->arena, t, len);
	swap_dates(out, len);
	return memcmp(out, t, len) == 0 ? t : out;
}

void
x_slash_order(struct xdoc *d)
{
	struct votes v = { 0, 0, 0 }, dates;

	for (size_t i = 0; i < d->n; i++)
		count_dates(&v, d->v[i].t, d->v[i].len);
	if (v.ambiguous == 0)
		return;
	dates = v;
	v.day_first = v.month_first = 0;
	for (size_t i = 0; i < d->n; i++)
		count_zones(&v, d->v[i].s, d->v[i].len);
	if (v.day_first == v.month_first)
		v = dates;
	d->day_first = v.day_first > v.month_first;
	for (size_t i = 0; d->day_first && i < d->n; i++)
		d->v[i].t = x_slash_day_first(d, d->v[i].t, d->v[i].len);
}
