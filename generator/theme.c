/* theme.c: theme lookup along the search path and template compilation. */
#include "theme.h"
#include "arena.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef PM_DATADIR
#define PM_DATADIR "/usr/local/share/pmsite"
#endif

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Append each folder of the search path, in order, to dirs. */
static void
search_path(struct pm_buf *dirs, const char *env_path, const char *workdir,
    const char *exe_dir)
{
	if (env_path && *env_path) {
		pm_buf_puts(dirs, env_path);
		pm_buf_putc(dirs, ':');
	}
	if (workdir && *workdir)
		pm_buf_printf(dirs, "%s/themes:", workdir);
	if (exe_dir && *exe_dir)
		pm_buf_printf(dirs, "%s/themes:%s/../share/pmsite/themes:",
		    exe_dir, exe_dir);
	pm_buf_puts(dirs, PM_DATADIR "/themes");
}

/* The first <dir>/<name> that is a folder, as a heap string, or NULL. */
static char *
find_theme(const char *dirs, const char *name)
{
	const char *p = dirs;
	struct pm_buf b = PM_BUF_INIT;

	while (*p) {
		size_t n = strcspn(p, ":");

		if (n > 0) {
			pm_buf_clear(&b);
			pm_buf_printf(&b, "%.*s/%s", (int)n, p, name);
			if (is_dir(b.ptr))
				return pm_buf_detach(&b, NULL);
		}
		p += n + (p[n] == ':');
	}
	pm_buf_free(&b);
	return NULL;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

char *
pm_theme_exe_dir(void)
{
	char path[4096];
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	char *slash;

	if (n <= 0)
		return NULL;
	path[n] = '\0';
	slash = strrchr(path, '/');
	if (slash == NULL)
		return NULL;
	*slash = '\0';
	/* Tests run the binary from build/, build-san/ or build-tsan/; the
	 * themes of the tree are one folder up. */
	if (ends_with(path, "/build") || ends_with(path, "/build-san") ||
	    ends_with(path, "/build-tsan"))
		*strrchr(path, '/') = '\0';
	return pm_xstrdup(path);
}

int
pm_theme_load(struct pm_theme **out, const char *name, const char *env_path,
    const char *workdir, const char *exe_dir, struct pm_error *err)
{
	struct pm_theme *t = pm_xcalloc(1, sizeof(*t));
	struct pm_buf dirs = PM_BUF_INIT, assets = PM_BUF_INIT;
	char *def = NULL;
	int rc = PM_ERROR;

	*out = NULL;
	search_path(&dirs, env_path, workdir, exe_dir);
	t->name = pm_xstrdup(name);
	t->dir = find_theme(dirs.ptr, name);
	if (t->dir == NULL) {
		rc = pm_error_set(err, PM_ENOTFOUND, NULL, 0, 0,
		    "theme '%s' not found in %s", name, dirs.ptr);
		goto out;
	}
	def = strcmp(name, "default") == 0 ? NULL :
	    find_theme(dirs.ptr, "default");
	if (pm_template_set_new(&t->templates) < 0 ||
	    pm_template_set_add_dir(t->templates, t->dir, err) < 0 ||
	    (def && pm_template_set_add_dir(t->templates, def, err) < 0))
		goto out;
	pm_buf_printf(&assets, "%s/assets", t->dir);
	if (!is_dir(assets.ptr) && def) {
		pm_buf_clear(&assets);
		pm_buf_printf(&assets, "%s/assets", def);
	}
	if (is_dir(assets.ptr))
		t->assets_dir = pm_buf_detach(&assets, NULL);
	*out = t;
	t = NULL;
	rc = 0;
out:
	pm_theme_free(t);
	free(def);
	pm_buf_free(&dirs);
	pm_buf_free(&assets);
	return rc;
}

void
pm_theme_free(struct pm_theme *theme)
{
	if (theme == NULL)
		return;
	pm_template_set_free(theme->templates);
	free(theme->name);
	free(theme->dir);
	free(theme->assets_dir);
	free(theme);
}
