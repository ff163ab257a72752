/*
 * theme.h: finding a theme's folder and compiling its templates, with the
 * default theme underneath so a theme can override one template at a time.
 *
 * Contract
 *  - Themes are looked up by name in a list of folders, first match wins:
 *    PMSITE_THEME_PATH (colon-separated, from the environment the caller
 *    passes in), `themes/` in the content repository's working tree, the
 *    `themes/` folder beside the pmsite executable (a build tree), and
 *    PM_DATADIR/themes (the installed default).
 *  - pm_theme_load() compiles every template of the theme and of the
 *    default theme once; the result is immutable and may be rendered from
 *    several threads.  pm_theme_free() frees it (NULL is fine).
 *  - The theme's assets/ folder is copied as a whole; when a theme has none,
 *    the default theme's is used.
 *  - Errors: an unknown theme lists where it was looked for; a template that
 *    does not compile reports template:line:column.
 */
#ifndef PM_THEME_H
#define PM_THEME_H

#include "error.h"
#include "mustache.h"

struct pm_theme {
	char *name;
	char *dir;		/* the theme's own folder */
	char *assets_dir;	/* NULL when neither theme has assets */
	struct pm_template_set *templates;
};

/*
 * Load theme name.  env_path is PMSITE_THEME_PATH or NULL; workdir is the
 * repository's working tree or NULL (bare); exe_dir is the folder of the
 * running executable or NULL.
 */
int pm_theme_load(struct pm_theme **out, const char *name,
    const char *env_path, const char *workdir, const char *exe_dir,
    struct pm_error *err);

void pm_theme_free(struct pm_theme *theme);

/* The folder that holds the pmsite executable (heap string), or NULL. */
char *pm_theme_exe_dir(void);

#endif
