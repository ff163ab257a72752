/*
 * site_links.c: how incidents point at each other: related incidents,
 * the earlier incident one repeats, and how often a cause came back.
 *
 * Everything works on site positions (newest first), so "earlier" is
 * "later in site order" and ties are already broken by the site's order.
 * Lookups go through sorted indexes (by cause, by service, by tag) so that
 * a site of ten thousand incidents is not compared pair by pair.
 */
#include "site.h"
#include "when.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A service or tag of the incident at pos. */
struct key_pos {
	const char *key;
	size_t pos;
};

struct key_index {
	struct key_pos *items;
	size_t len;
};

/* "other" says nothing in common: it is where the unclassified go. */
static int
has_cause(const struct pm_incident *inc)
{
	return inc->category && *inc->category &&
	    strcmp(inc->category, PM_CATEGORY_OTHER) != 0;
}

static int
same_cause(const struct pm_incident *a, const struct pm_incident *b)
{
	return has_cause(a) && has_cause(b) &&
	    strcmp(a->category, b->category) == 0;
}

/* Services and tags are compared without case: "Postgres" is "postgres". */
static int
share(const struct pm_strlist *a, const struct pm_strlist *b)
{
	for (size_t i = 0; i < a->len; i++)
		for (size_t j = 0; j < b->len; j++)
			if (strcasecmp(a->items[i], b->items[j]) == 0)
				return 1;
	return 0;
}

enum pm_relation
pm_site_relation(const struct pm_incident *a, const struct pm_incident *b)
{
	if (same_cause(a, b))
		return PM_RELATION_CAUSE;
	if (share(&a->services, &b->services))
		return PM_RELATION_SERVICE;
	if (share(&a->tags, &b->tags))
		return PM_RELATION_TAG;
	return PM_RELATION_NONE;
}

/* Primary category, then position; incidents without a cause last. */
static int
cause_order(const struct pm_site *site, size_t a, size_t b)
{
	const struct pm_incident *x = site->incidents[a];
	const struct pm_incident *y = site->incidents[b];
	int c;

	if (has_cause(x) != has_cause(y))
		return has_cause(x) ? -1 : 1;
	if (has_cause(x) && (c = strcmp(x->category, y->category)) != 0)
		return c;
	return a < b ? -1 : a > b;
}

static int
key_pos_cmp(const void *pa, const void *pb)
{
	const struct key_pos *a = pa, *b = pb;
	int c = strcasecmp(a->key, b->key);

	/* Equal keys tie only within one incident ("DB" and "db"), where
	 * either order gives the same positions. */
	return c ? c : (a->pos < b->pos ? -1 : a->pos > b->pos);
}

/* Every (service or tag, position) pair, sorted; freed by the caller. */
static void
key_index_build(struct key_index *out, const struct pm_site *site,
    int tags)
{
	size_t n = 0, i, k;

	for (i = 0; i < site->len; i++)
		n += tags ? site->incidents[i]->tags.len :
		    site->incidents[i]->services.len;
	out->items = pm_xmalloc(pm_xmul(n + 1, sizeof(*out->items)));
	out->len = 0;
	for (i = 0; i < site->len; i++) {
		const struct pm_strlist *l = tags ? &site->incidents[i]->tags :
		    &site->incidents[i]->services;

		for (k = 0; k < l->len; k++) {
			out->items[out->len].key = l->items[k];
			out->items[out->len++].pos = i;
		}
	}
	qsort(out->items, out->len, sizeof(*out->items), key_pos_cmp);
}

/* The first pair whose key equals key (without case) and whose position
 * is at least pos; idx->len when none. */
static size_t
key_index_seek(const struct key_index *idx, const char *key, size_t pos)
{
	size_t lo = 0, hi = idx->len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcasecmp(idx->items[mid].key, key);

		if (c < 0 || (c == 0 && idx->items[mid].pos < pos))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
picked(const size_t *picks, size_t n, size_t pos)
{
	for (size_t i = 0; i < n; i++)
		if (picks[i] == pos)
			return 1;
	return 0;
}

static int
size_cmp(const void *pa, const void *pb)
{
	size_t a = *(const size_t *)pa, b = *(const size_t *)pb;

	return a < b ? -1 : a > b;
}

/*
 * Add to picks the newest incidents sharing one of keys through idx, until
 * there are PM_SITE_RELATED_MAX.  Per key, the newest few are enough: no
 * more than max + picks + 1 of them can be skipped.
 */
static size_t
pick_shared(size_t *picks, size_t npicks, const struct key_index *idx,
    const struct pm_strlist *keys, size_t self)
{
	size_t cand[PM_SITE_RELATED_MAX * 8], ncand = 0, want, k, at, taken;

	if (npicks >= PM_SITE_RELATED_MAX)
		return npicks;
	want = PM_SITE_RELATED_MAX - npicks;
	for (k = 0; k < keys->len; k++) {
		at = key_index_seek(idx, keys->items[k], 0);
		for (taken = 0; at < idx->len && taken < want &&
		    strcasecmp(idx->items[at].key, keys->items[k]) == 0; at++) {
			size_t pos = idx->items[at].pos;

			if (pos == self || picked(picks, npicks, pos) ||
			    picked(cand, ncand, pos))
				continue;
			if (ncand == sizeof(cand) / sizeof(cand[0])) {
				/* Keep the newest: sort and cut to want. */
				qsort(cand, ncand, sizeof(*cand), size_cmp);
				ncand = want;
			}
			cand[ncand++] = pos;
			taken++;
		}
	}
	qsort(cand, ncand, sizeof(*cand), size_cmp);
	for (k = 0; k < ncand && npicks < PM_SITE_RELATED_MAX; k++)
		picks[npicks++] = cand[k];
	return npicks;
}

/* The first slot of site->by_cause holding category cat. */
static size_t
cause_run(const struct pm_site *site, const char *cat)
{
	size_t lo = 0, hi = site->len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct pm_incident *x =
		    site->incidents[site->by_cause[mid]];

		if (has_cause(x) && strcmp(x->category, cat) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Where the incident at pos is in site->by_cause. */
static size_t
cause_slot(const struct pm_site *site, size_t pos)
{
	size_t lo = 0, hi = site->len;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cause_order(site, site->by_cause[mid], pos) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void
link_one(struct pm_site *site, size_t i, const struct key_index *svc,
    const struct key_index *tag)
{
	struct pm_incident *inc = site->incidents[i];
	size_t picks[PM_SITE_RELATED_MAX], n = 0, at, k, best = site->len;

	if (has_cause(inc)) {
		for (at = cause_run(site, inc->category); at < site->len &&
		    n < PM_SITE_RELATED_MAX && same_cause(site->incidents[
		    site->by_cause[at]], inc); at++)
			if (site->by_cause[at] != i)
				picks[n++] = site->by_cause[at];
	}
	n = pick_shared(picks, n, svc, &inc->services, i);
	n = pick_shared(picks, n, tag, &inc->tags, i);
	memset(&inc->related, 0, sizeof(inc->related));
	for (k = 0; k < n; k++)
		pm_strlist_push(&inc->related, site->arena,
		    site->incidents[picks[k]]->slug);

	/* The newest earlier incident of this cause on one of its services. */
	inc->repeat_of = NULL;
	for (k = 0; has_cause(inc) && k < inc->services.len; k++) {
		for (at = key_index_seek(svc, inc->services.items[k], i + 1);
		    at < svc->len && strcasecmp(svc->items[at].key,
		    inc->services.items[k]) == 0; at++) {
			size_t pos = svc->items[at].pos;

			if (pos >= best)
				break;
			if (pos > i && same_cause(site->incidents[pos], inc)) {
				best = pos;
				break;
			}
		}
	}
	if (best < site->len)
		inc->repeat_of = site->incidents[best]->slug;
}

/* cause_order() on (category, position) pairs, the category NULL when
 * the incident has no cause. */
static int
cause_key_cmp(const void *pa, const void *pb)
{
	const struct key_pos *a = pa, *b = pb;
	int c;

	if (a->key != b->key) {
		if (a->key == NULL || b->key == NULL)
			return a->key == NULL ? 1 : -1;
		if ((c = strcmp(a->key, b->key)) != 0)
			return c;
	}
	return a->pos < b->pos ? -1 : a->pos > b->pos;
}

/* site->by_cause, in cause_order(): each incident's cause is looked at
 * once, not at each of the comparisons of the sort. */
static void
sort_by_cause(struct pm_site *site)
{
	struct key_pos *kp = pm_xmalloc(pm_xmul(site->len + 1, sizeof(*kp)));
	size_t i;

	for (i = 0; i < site->len; i++) {
		const struct pm_incident *inc = site->incidents[i];

		kp[i].key = has_cause(inc) ? inc->category : NULL;
		kp[i].pos = i;
	}
	qsort(kp, site->len, sizeof(*kp), cause_key_cmp);
	site->by_cause = pm_arena_alloc(site->arena, pm_xmul(site->len + 1,
	    sizeof(*site->by_cause)));
	for (i = 0; i < site->len; i++)
		site->by_cause[i] = kp[i].pos;
	free(kp);
}

void
pm_site_link(struct pm_site *site)
{
	struct key_index svc, tag;
	size_t i;

	sort_by_cause(site);
	site->cause_end = pm_arena_alloc(site->arena, pm_xmul(site->len + 1,
	    sizeof(*site->cause_end)));
	site->ymd = pm_arena_alloc(site->arena, pm_xmul(site->len + 1,
	    sizeof(*site->ymd)));
	for (i = site->len; i-- > 0;) {
		int y, m, d;

		site->ymd[i] = pm_when_read_ymd(site->incidents[i]->date,
		    &y, &m, &d) ? y * 10000L + m * 100 + d : 0;
		site->cause_end[i] = i + 1 < site->len && same_cause(
		    site->incidents[site->by_cause[i]],
		    site->incidents[site->by_cause[i + 1]]) ?
		    site->cause_end[i + 1] : i + 1;
	}
	key_index_build(&svc, site, 0);
	key_index_build(&tag, site, 1);
	for (i = 0; i < site->len; i++)
		link_one(site, i, &svc, &tag);
	free(svc.items);
	free(tag.items);
}

void
pm_site_recurrence(struct pm_recurrence *out, const struct pm_site *site,
    size_t i, int months)
{
	long from;
	int total;
	size_t at, first, end;

	memset(out, 0, sizeof(*out));
	out->ordinal = 1;
	if (i >= site->len || site->by_cause == NULL)
		return;
	if (!has_cause(site->incidents[i]) || site->ymd[i] == 0 || months < 0)
		return;
	/* The window starts after the same day `months` months before;
	 * "2024-02-31" is fine as a bound, as dates compare as numbers. */
	total = (int)(site->ymd[i] / 10000) * 12 +
	    (int)(site->ymd[i] / 100 % 100) - 1 - months;
	from = total < 0 ? -1 : (total / 12) * 10000L + (total % 12 + 1) * 100 +
	    site->ymd[i] % 100;
	/* Site order is by date, so the first one outside ends the walk. */
	first = cause_slot(site, i) + 1;
	end = site->cause_end[first - 1];
	for (at = first; at < end; at++) {
		long day = site->ymd[site->by_cause[at]];

		if (day == 0 || day <= from)
			break;
	}
	out->nearlier = at - first;
	out->earlier = site->by_cause + first;
	out->ordinal = out->nearlier + 1;
}
