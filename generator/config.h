/*
 * config.h: the site's settings, read from pmsite.yml at the root of the
 * content path.
 *
 * Contract
 *  - pm_config_parse() fills a struct pm_config whose strings live in the
 *    arena passed in.  Missing keys keep the defaults of
 *    pm_config_defaults(); unknown keys are warned about, not fatal.
 *  - base_url is either "" (links stay relative, the site works from any
 *    folder) or an http(s) URL normalised to end in '/'.  repo_url must be
 *    an http(s) URL: it reaches href attributes, so nothing else (no
 *    javascript:) is accepted.
 *  - Errors (broken YAML, a value of the wrong type, a bad URL) return -1
 *    with file:line in err.
 */
#ifndef PM_CONFIG_H
#define PM_CONFIG_H

#include <stddef.h>

#include "arena.h"
#include "error.h"
#include "value.h"
#include "warnings.h"

struct pm_config {
	const char *title;
	const char *description;
	const char *base_url;	/* "" or "https://…/" */
	const char *theme;	/* theme folder name, "default" */
	const char *repo_url;	/* NULL or "https://github.com/org/repo" */
	const char *repo_branch;	/* for "edit" links; NULL: the ref */
	const char *cname;	/* GitHub Pages custom domain, or NULL */
	const char *language;	/* html lang, "en" */
	int unsafe_html;
	/* taxonomy: as written, read by classify; NULL when absent.
	 * taxonomy_replace: 1 when the default set is replaced. */
	const struct pm_value *taxonomy;
	int taxonomy_replace;
};

void pm_config_defaults(struct pm_config *cfg);

int pm_config_parse(struct pm_config *cfg, struct pm_arena *arena,
    const char *src, size_t len, const char *file,
    struct pm_warnings *warnings, struct pm_error *err);

/* Set and normalise base_url (used for --base-url). */
int pm_config_set_base_url(struct pm_config *cfg, struct pm_arena *arena,
    const char *url, const char *file, int line, struct pm_error *err);

#endif
