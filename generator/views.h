/*
 * views.h: the pages of the site, each as an output path, the theme
 * template that renders it and the context (a value tree) it renders with;
 * or, for data files (incidents.json, .nojekyll), the bytes themselves.
 *
 * Contract
 *  - pm_views_build() appends every page of the site to a struct pm_pages.
 *    Pages, paths and contexts live in the arena passed in; the contexts
 *    borrow strings of the incidents (build arena), so they must not
 *    outlive it.
 *  - Paths are relative to the output directory and use only the slug
 *    alphabet, so output never has to guess at them.
 *  - Links inside contexts are relative (`root` is "", "../" or "../../"),
 *    so the site works under any prefix and from disk (file://); absolute
 *    URLs (canonical, feeds) use base_url and are null when it is "".
 *  - Pages are in a fixed order; nothing depends on the clock.
 */
#ifndef PM_VIEWS_H
#define PM_VIEWS_H

#include <stddef.h>

#include "arena.h"
#include "error.h"
#include "site.h"
#include "value.h"

struct pm_page {
	const char *path;		/* "incidents/x/index.html" */
	const char *template;		/* theme template, NULL for data */
	const struct pm_value *context;	/* for template pages */
	const char *data;		/* for data pages */
	size_t len;
};

struct pm_pages {
	struct pm_page *items;
	size_t len, cap;
};

int pm_views_build(struct pm_pages *pages, struct pm_arena *arena,
    const struct pm_site *site, struct pm_error *err);

/* "2024-03-05…" as "5 March 2024"; NULL when s is not a date.  */
const char *pm_views_human_date(struct pm_arena *arena, const char *s);

/* 95 -> "1 h 35 min", 30 -> "30 min", 2000 -> "1 d 9 h 20 min". */
const char *pm_views_human_minutes(struct pm_arena *arena, long minutes);

#endif
