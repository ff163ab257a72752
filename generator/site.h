/*
 * site.h: the whole knowledge base once every postmortem is read: incidents
 * in their published order, and what is derived across them.
 *
 * Contract
 *  - A struct pm_site borrows the incidents added to it (they live in the
 *    build arena) and the configuration; its own arrays live in the arena
 *    given to pm_site_init(); there is nothing to free on its own.
 *  - pm_site_finish() orders incidents newest first (date, then slug, so the
 *    order is total and output deterministic) and refuses two incidents
 *    with one slug, naming both files; every such clash is listed in err's
 *    message (first two files) and in the warnings (all of them).
 */
#ifndef PM_SITE_H
#define PM_SITE_H

#include <stddef.h>

#include "arena.h"
#include "config.h"
#include "error.h"
#include "incident.h"
#include "warnings.h"

struct pm_site {
	const struct pm_config *config;
	struct pm_arena *arena;
	struct pm_incident **incidents;
	size_t len, cap;
	const char *commit;	/* commit built, "" for a plain folder */
};

void pm_site_init(struct pm_site *site, struct pm_arena *arena,
    const struct pm_config *config);

void pm_site_add(struct pm_site *site, struct pm_incident *inc);

int pm_site_finish(struct pm_site *site, struct pm_warnings *warnings,
    struct pm_error *err);

#endif
