/*
 * search.c: the search index of the site (search.json, search-index.js)
 * and the browse lists of the search page.
 */
#include "search.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "value.h"
#include "when.h"

/* Slots of a bag's hash set: a power of two, over twice the words. */
#define BAG_SLOTS 1024

/*
 * The distinct words of one incident, in the order first met.  A hash set
 * (keyed by pm_value_key_hash; any string hash would do) finds repeats:
 * comparing each word with every word kept before it made the index a
 * third of a rebuild's views stage.
 */
struct bag {
	struct pm_buf text;	/* "word word word" */
	size_t off[PM_SEARCH_MAX_WORDS], len[PM_SEARCH_MAX_WORDS];
	size_t n;
	unsigned short slot[BAG_SLOTS];	/* word index + 1, 0 when free */
};

_Static_assert(BAG_SLOTS >= 2 * PM_SEARCH_MAX_WORDS &&
    (BAG_SLOTS & (BAG_SLOTS - 1)) == 0 && PM_SEARCH_MAX_WORDS < 65535,
    "the set must stay under half full and its indexes fit a short");

static void
bag_clear(struct bag *bag)
{
	pm_buf_clear(&bag->text);
	bag->n = 0;
	memset(bag->slot, 0, sizeof(bag->slot));
}

/*
 * Does cp belong to a word?  search.js splits queries with the same
 * classes (its WORD pattern): keep the two in step, or typed words will
 * not meet indexed ones.  Characters beyond U+FFFF are separators because
 * JavaScript sees them as two surrogates.
 */
static int
is_word_char(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		    (cp >= 'A' && cp <= 'Z');
	if (cp < 0xc0 || cp == 0xd7 || cp == 0xf7)
		return 0;
	if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3000 &&
	    cp <= 0x303f) || (cp >= 0xfe00 && cp <= 0xfe0f) ||
	    cp == 0xfeff || cp > 0xffff)
		return 0;
	return 1;
}

static void
bag_add_word(struct bag *bag, const char *w, size_t len)
{
	size_t at = pm_value_key_hash(w, len) & (BAG_SLOTS - 1), i;

	if (bag->n == PM_SEARCH_MAX_WORDS)
		return;
	for (; bag->slot[at]; at = (at + 1) & (BAG_SLOTS - 1)) {
		i = bag->slot[at] - 1u;
		if (bag->len[i] == len && memcmp(bag->text.ptr + bag->off[i],
		    w, len) == 0)
			return;
	}
	bag->slot[at] = (unsigned short)(bag->n + 1);
	if (bag->n)
		pm_buf_putc(&bag->text, ' ');
	bag->off[bag->n] = bag->text.len;
	bag->len[bag->n] = len;
	pm_buf_put(&bag->text, w, len);
	bag->n++;
}

static void
bag_add_text(struct bag *bag, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	char word[PM_SEARCH_MAX_WORD];
	size_t len, i = 0, n, wl = 0, k;
	uint32_t cp = 0;
	int too_long = 0;

	if (s == NULL)
		return;
	len = strlen(s);
	while (i < len && bag->n < PM_SEARCH_MAX_WORDS) {
		/* ASCII, nearly every byte, needs no decoder call */
		if (u[i] < 0x80) {
			cp = u[i];
			n = 1;
		} else {
			n = pm_utf8_decode(&cp, s + i, len - i);
		}
		if (n && is_word_char(cp)) {
			if (wl + n > sizeof(word))
				too_long = 1;
			for (k = 0; k < n && !too_long; k++)
				word[wl++] = (char)(u[i + k] >= 'A' &&
				    u[i + k] <= 'Z' ? u[i + k] + 32 : u[i + k]);
			i += n;
			continue;
		}
		if (wl && !too_long)
			bag_add_word(bag, word, wl);
		wl = 0;
		too_long = 0;
		i += n ? n : 1;
	}
	if (wl && !too_long)
		bag_add_word(bag, word, wl);
}

static void
bag_add_list(struct bag *bag, const struct pm_strlist *l)
{
	for (size_t i = 0; i < l->len; i++)
		bag_add_text(bag, l->items[i]);
}

/* The summary on one line, cut at a word; see PM_SEARCH_SUMMARY_MAX. */
static const char *
short_summary(struct pm_arena *a, const char *s)
{
	struct pm_buf b = PM_BUF_INIT;
	const char *r;
	size_t cut, sp;

	for (; *s; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			if (b.len && b.ptr[b.len - 1] != ' ')
				pm_buf_putc(&b, ' ');
		} else {
			pm_buf_putc(&b, *s);
		}
	}
	if (b.len > PM_SEARCH_SUMMARY_MAX) {
		cut = PM_SEARCH_SUMMARY_MAX;
		while (cut > 0 && ((unsigned char)b.ptr[cut] & 0xc0) == 0x80)
			cut--;
		/* Back to the last blank, unless that loses half the text
		 * (one very long word). */
		for (sp = cut; sp > PM_SEARCH_SUMMARY_MAX / 2 &&
		    b.ptr[sp] != ' '; sp--)
			;
		if (b.ptr[sp] == ' ')
			cut = sp;
		while (cut > 0 && strchr(" ,;:.-", b.ptr[cut - 1]))
			cut--;
		pm_buf_truncate(&b, cut);
		pm_buf_puts(&b, "\xe2\x80\xa6");
	}
	while (b.len && b.ptr[b.len - 1] == ' ')
		pm_buf_truncate(&b, b.len - 1);
	r = pm_arena_strndup(a, pm_buf_cstr(&b), b.len);
	pm_buf_free(&b);
	return r;
}

/* The year, month and day the incident's date gives; 0 when none.  The
 * dates pmsite writes are read without the general parser, which took a
 * fifth of the views of a one-file rebuild. */
static int
incident_day(const struct pm_incident *inc, int *y, int *m, int *d)
{
	struct pm_when w;

	if (inc->date == NULL)
		return 0;
	if (pm_when_read_ymd(inc->date, y, m, d))
		return 1;
	pm_when_init(&w);
	if (pm_when_parse(&w, inc->date, strlen(inc->date)) == 0 ||
	    w.year == 0 || w.month == 0 || w.day == 0)
		return 0;
	*y = w.year;
	*m = w.month;
	*d = w.day;
	return 1;
}

/* "YYYY-MM-DD", by pm_when_format(): printf cost more than the entry. */
static const char *
day_string(struct pm_arena *a, int y, int m, int d)
{
	struct pm_when w;
	char out[64];

	pm_when_init(&w);
	w.year = y;
	w.month = m;
	w.day = d;
	return pm_arena_strndup(a, out, pm_when_format(out, sizeof(out), &w));
}

static struct pm_value *
index_entry(struct pm_arena *a, const struct pm_incident *inc,
    struct bag *bag)
{
	struct pm_value *e = pm_value_new_map(a);
	int y, m, d;
	size_t i;

	pm_value_map_set_str(a, e, "slug", inc->slug);
	pm_value_map_set_str(a, e, "title", inc->title ? inc->title :
	    inc->slug);
	pm_value_map_set_str(a, e, "summary", inc->summary ?
	    short_summary(a, inc->summary) : NULL);
	pm_value_map_set_str(a, e, "category", inc->category);
	if (incident_day(inc, &y, &m, &d)) {
		pm_value_map_set_num(a, e, "year", y);
		pm_value_map_set_str(a, e, "date", day_string(a, y, m, d));
	} else {
		pm_value_map_set(a, e, "year", NULL);
		pm_value_map_set(a, e, "date", NULL);
	}
	pm_value_map_set(a, e, "services", pm_strlist_to_value(&inc->services,
	    a));
	pm_value_map_set(a, e, "tags", pm_strlist_to_value(&inc->tags, a));

	bag_clear(bag);
	bag_add_text(bag, inc->title);
	bag_add_text(bag, inc->summary);
	bag_add_text(bag, inc->root_cause);
	for (i = 0; i < inc->ntimeline; i++)
		bag_add_text(bag, inc->timeline[i].text);
	bag_add_list(bag, &inc->services);
	bag_add_list(bag, &inc->tags);
	bag_add_text(bag, inc->category);
	pm_value_map_set(a, e, "words", pm_value_new_string(a,
	    pm_buf_cstr(&bag->text), bag->text.len));
	return e;
}

/* Copy json into out, escaping the two line terminators JavaScript
 * before ES2019 refused inside strings (JSON's structure is ASCII, so
 * these bytes can only be inside strings). */
static void
put_script_safe(struct pm_buf *out, const char *s, size_t len)
{
	size_t i, start = 0;

	for (i = 0; i + 2 < len; i++) {
		if ((unsigned char)s[i] != 0xe2 || (unsigned char)s[i + 1] !=
		    0x80 || ((unsigned char)s[i + 2] & 0xfe) != 0xa8)
			continue;
		pm_buf_put(out, s + start, i - start);
		pm_buf_puts(out, (unsigned char)s[i + 2] == 0xa8 ? "\\u2028" :
		    "\\u2029");
		i += 2;
		start = i + 1;
	}
	pm_buf_put(out, s + start, len - start);
}

/* Append inc's entry to out, cut into words with bag (scratch). */
static void
put_entry(struct pm_buf *out, const struct pm_incident *inc,
    struct bag *bag)
{
	struct pm_arena *a = pm_arena_new();

	pm_value_write_json(out, index_entry(a, inc, bag), 0);
	pm_arena_free(a);
}

void
pm_search_entry(struct pm_buf *out, const struct pm_incident *inc)
{
	struct bag *bag = pm_xcalloc(1, sizeof(*bag));

	put_entry(out, inc, bag);
	pm_buf_free(&bag->text);
	free(bag);
}

int
pm_search_index(struct pm_buf *json_out, struct pm_buf *js_out,
    const struct pm_site *site, struct pm_error *err)
{
	return pm_search_index_drained(json_out, js_out, site, NULL, NULL,
	    err);
}

int
pm_search_index_drained(struct pm_buf *json_out, struct pm_buf *js_out,
    const struct pm_site *site, int (*drain)(void *arg,
    struct pm_error *err), void *arg, struct pm_error *err)
{
	struct pm_buf entry = PM_BUF_INIT;
	struct bag *bag = NULL;
	size_t i;
	int rc = 0;

	/* One entry at a time, each written and dropped in turn: the index
	 * of ten thousand incidents is never held as a tree.  Entries the
	 * build made at ingest (and the cache kept) are copied as they are. */
	if (json_out)
		pm_buf_putc(json_out, '[');
	if (js_out)
		pm_buf_puts(js_out, "window.PMSITE_SEARCH = [");
	for (i = 0; i < site->len; i++) {
		const struct pm_incident *inc = site->incidents[i];
		const char *s = inc->search_entry;
		size_t len = inc->search_entry_len;

		pm_buf_clear(&entry);
		if (i)
			pm_buf_putc(&entry, ',');
		if (s) {
			pm_buf_put(&entry, s, len);
		} else {
			if (bag == NULL)
				bag = pm_xcalloc(1, sizeof(*bag));
			put_entry(&entry, inc, bag);
		}
		if (json_out)
			pm_buf_put(json_out, entry.ptr, entry.len);
		if (js_out)
			put_script_safe(js_out, entry.ptr, entry.len);
		if (drain && (rc = drain(arg, err)) < 0)
			break;
	}
	if (rc == 0 && json_out)
		pm_buf_puts(json_out, "]\n");
	if (rc == 0 && js_out)
		pm_buf_puts(js_out, "];\n");
	pm_buf_free(&entry);
	if (bag) {
		pm_buf_free(&bag->text);
		free(bag);
	}
	return rc;
}

struct tally {
	const char *id;		/* category id */
	int year;
	size_t count;
};

static int
most_first(const void *pa, const void *pb)
{
	const struct tally *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count < b->count ? 1 : -1;
	return strcmp(a->id, b->id);
}

static int
newest_year_first(const void *pa, const void *pb)
{
	const struct tally *a = pa, *b = pb;

	return (a->year < b->year) - (a->year > b->year);
}

/* Count key (a category id, or a year when id is NULL) in t[0..*n). */
static void
tally_add(struct tally *t, size_t *n, const char *id, int year)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (id ? strcmp(t[i].id, id) == 0 : t[i].year == year)
			break;
	if (i == *n) {
		t[i].id = id;
		t[i].year = year;
		t[i].count = 0;
		(*n)++;
	}
	t[i].count++;
}

void
pm_search_facets(struct pm_value **causes_out, struct pm_value **years_out,
    struct pm_arena *a, const struct pm_site *site)
{
	size_t ncause = 0, nyear = 0, i, k;
	struct tally *causes, *years;
	struct pm_value *v, *list;
	/* Each incident's day, read once: the lists of the years below go
	 * through the site once per year. */
	int *day = pm_arena_alloc(a, pm_xmul(site->len + 1, 3 * sizeof(*day)));

	causes = pm_arena_alloc(a, pm_xmul(site->len + 1, sizeof(*causes)));
	years = pm_arena_alloc(a, pm_xmul(site->len + 1, sizeof(*years)));
	for (i = 0; i < site->len; i++) {
		const struct pm_incident *inc = site->incidents[i];
		int *ymd = &day[3 * i];

		if (inc->category && *inc->category)
			tally_add(causes, &ncause, inc->category, 0);
		if (!incident_day(inc, &ymd[0], &ymd[1], &ymd[2]))
			ymd[0] = 0;
		else
			tally_add(years, &nyear, NULL, ymd[0]);
	}
	qsort(causes, ncause, sizeof(*causes), most_first);
	qsort(years, nyear, sizeof(*years), newest_year_first);

	*causes_out = pm_value_new_list(a);
	for (i = 0; i < ncause; i++) {
		v = pm_value_new_map(a);
		pm_value_map_set_str(a, v, "id", causes[i].id);
		pm_value_map_set_str(a, v, "name", causes[i].id);
		pm_value_map_set_num(a, v, "count", (double)causes[i].count);
		pm_value_list_push(a, *causes_out, v);
	}
	*years_out = pm_value_new_list(a);
	for (i = 0; i < nyear; i++) {
		v = pm_value_new_map(a);
		pm_value_map_set_num(a, v, "year", years[i].year);
		pm_value_map_set_num(a, v, "count", (double)years[i].count);
		list = pm_value_new_list(a);
		for (k = 0; k < site->len; k++) {
			const struct pm_incident *inc = site->incidents[k];
			const int *ymd = &day[3 * k];
			struct pm_value *e;

			if (ymd[0] != years[i].year)
				continue;
			e = pm_value_new_map(a);
			pm_value_map_set_str(a, e, "slug", inc->slug);
			pm_value_map_set_str(a, e, "title", inc->title ?
			    inc->title : inc->slug);
			pm_value_map_set_str(a, e, "date", day_string(a, ymd[0],
			    ymd[1], ymd[2]));
			pm_value_list_push(a, list, e);
		}
		pm_value_map_set(a, v, "incidents", list);
		pm_value_list_push(a, *years_out, v);
	}
}
