/*
 * site.c: ordering the incidents, checking what must be unique, and
 * finding an incident by slug.
 */
#include "site.h"

#include <stdlib.h>
#include <string.h>

void
pm_site_init(struct pm_site *site, struct pm_arena *arena,
    const struct pm_config *config)
{
	memset(site, 0, sizeof(*site));
	site->arena = arena;
	site->config = config;
	site->commit = "";
}

void
pm_site_add(struct pm_site *site, struct pm_incident *inc)
{
	if (site->len == site->cap) {
		size_t cap = site->cap ? site->cap * 2 : 64;
		struct pm_incident **n = pm_arena_alloc(site->arena,
		    pm_xmul(cap, sizeof(*n)));

		if (site->len)
			memcpy(n, site->incidents,
			    site->len * sizeof(*n));
		site->incidents = n;
		site->cap = cap;
	}
	site->incidents[site->len++] = inc;
}

/* Newest first; undated last; then by slug so the order is total. */
static int
newest_first(const void *pa, const void *pb)
{
	const struct pm_incident *a = *(struct pm_incident *const *)pa;
	const struct pm_incident *b = *(struct pm_incident *const *)pb;
	int c;

	if (a->date && b->date) {
		c = strcmp(b->date, a->date);
		if (c)
			return c;
	} else if (a->date || b->date) {
		return a->date ? -1 : 1;
	}
	return strcmp(a->slug, b->slug);
}

static int
by_slug(const void *pa, const void *pb)
{
	const struct pm_incident *a = *(struct pm_incident *const *)pa;
	const struct pm_incident *b = *(struct pm_incident *const *)pb;
	int c = strcmp(a->slug, b->slug);

	return c ? c : strcmp(a->path, b->path);
}

void
pm_site__sort(size_t *pos, size_t n, const struct pm_site *site,
    pm_site__cmp cmp)
{
	size_t *tmp, width, i;

	if (n < 2)
		return;
	tmp = pm_xmalloc(pm_xmul(n, sizeof(*tmp)));
	for (width = 1; width < n; width *= 2) {
		for (i = 0; i < n; i += 2 * width) {
			size_t mid = i + width < n ? i + width : n;
			size_t end = i + 2 * width < n ? i + 2 * width : n;
			size_t a = i, b = mid, k = i;

			while (a < mid && b < end)
				tmp[k++] = cmp(site, pos[a], pos[b]) <= 0 ?
				    pos[a++] : pos[b++];
			while (a < mid)
				tmp[k++] = pos[a++];
			while (b < end)
				tmp[k++] = pos[b++];
		}
		memcpy(pos, tmp, n * sizeof(*pos));
	}
	free(tmp);
}

static int
slug_order(const struct pm_site *site, size_t a, size_t b)
{
	return strcmp(site->incidents[a]->slug, site->incidents[b]->slug);
}

int
pm_site_finish(struct pm_site *site, struct pm_warnings *warnings,
    struct pm_error *err)
{
	struct pm_incident **inc = site->incidents;
	size_t i;
	int rc = 0;

	if (site->len == 0)
		return 0;
	qsort(inc, site->len, sizeof(*inc), by_slug);
	for (i = 1; i < site->len; i++) {
		if (strcmp(inc[i - 1]->slug, inc[i]->slug) != 0)
			continue;
		pm_warnings_add(warnings, inc[i]->path, 0,
		    "slug '%s' is also the slug of %s", inc[i]->slug,
		    inc[i - 1]->path);
		rc = pm_error_set(err, PM_ERROR, inc[i]->path, 0, 0,
		    "slug '%s' is also the slug of %s (set 'slug' in the "
		    "front matter of one)", inc[i]->slug, inc[i - 1]->path);
	}
	qsort(inc, site->len, sizeof(*inc), newest_first);
	site->by_slug = pm_arena_alloc(site->arena, pm_xmul(site->len,
	    sizeof(*site->by_slug)));
	for (i = 0; i < site->len; i++)
		site->by_slug[i] = i;
	pm_site__sort(site->by_slug, site->len, site, slug_order);
	pm_site_link(site);
	return rc;
}

const struct pm_taxonomy *
pm_site_taxonomy(const struct pm_site *site)
{
	return site->taxonomy ? site->taxonomy : pm_taxonomy_default();
}

size_t
pm_site_position(const struct pm_site *site, const char *slug)
{
	size_t lo = 0, hi = site->by_slug ? site->len : 0;

	while (slug && lo < hi) {
		size_t mid = lo + (hi - lo) / 2, at = site->by_slug[mid];
		int c = strcmp(slug, site->incidents[at]->slug);

		if (c == 0)
			return at;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return site->len;
}

struct pm_incident *
pm_site_find(const struct pm_site *site, const char *slug)
{
	size_t at = pm_site_position(site, slug);

	return at < site->len ? site->incidents[at] : NULL;
}

int
pm_site_year(const struct pm_incident *inc)
{
	const char *d = inc->date;
	int y = 0;

	for (int k = 0; d && k < 4; k++) {
		if (d[k] < '0' || d[k] > '9')
			return 0;
		y = y * 10 + (d[k] - '0');
	}
	return d && d[4] == '-' ? y : 0;
}
