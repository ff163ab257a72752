/* site.c: ordering the incidents and checking what must be unique. */
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
	return rc;
}
