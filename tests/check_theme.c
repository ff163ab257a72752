/*
 * check_theme.c: unit tests of theme lookup along the search path, template
 * override over the default theme, the assets fallback and the errors, on
 * real folders made in a temporary directory (generator/theme.h).
 */
#define _XOPEN_SOURCE 700	/* realpath() */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"
#include "theme.h"

#ifndef PM_DATADIR
#define PM_DATADIR "/usr/local/share/pmsite"
#endif

struct fx {
	char *root;		/* the temporary folder */
	char path[6][1024];	/* scratch paths, see at() */
	struct pm_theme *theme;
	struct pm_error err;
	char msg[2048];
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	fx->root = tu_tempdir();
	pm_error_clear(&fx->err);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	pm_theme_free(fx->theme);
	tu_rm_rf(fx->root);
	free(fx->root);
	free(fx);
	return 0;
}

/* root/rel in scratch slot n (valid until the slot is reused). */
static const char *
at(struct fx *fx, int n, const char *rel)
{
	snprintf(fx->path[n], sizeof(fx->path[n]), "%s/%s", fx->root, rel);
	return fx->path[n];
}

/* A theme folder with one template, index.mustache, saying who it is. */
static void
make_theme(struct fx *fx, const char *dir, const char *who)
{
	char rel[512], text[256];

	snprintf(rel, sizeof(rel), "%s/index.mustache", dir);
	snprintf(text, sizeof(text), "%s {{x}}", who);
	tu_write(fx->root, rel, text);
}

static int
load(struct fx *fx, const char *name, const char *env, const char *workdir,
    const char *exe_dir)
{
	int rc;

	pm_theme_free(fx->theme);
	fx->theme = NULL;
	pm_error_clear(&fx->err);
	rc = pm_theme_load(&fx->theme, name, env, workdir, exe_dir,
	    &fx->err);
	pm_error_format(fx->msg, sizeof(fx->msg), &fx->err);
	return rc;
}

static void
load_ok(struct fx *fx, const char *name, const char *env,
    const char *workdir, const char *exe_dir)
{
	if (load(fx, name, env, workdir, exe_dir) != 0)
		fail_msg("theme %s: %s", name, fx->msg);
	assert_non_null(fx->theme);
}

/* Render template name of the loaded theme with {x: "1"}. */
static char *
render(struct fx *fx, const char *name)
{
	const struct pm_template *t = pm_template_set_get(
	    fx->theme->templates, name);
	struct pm_arena *a = pm_arena_new();
	struct pm_value *ctx = pm_value_new_map(a);
	struct pm_buf b = PM_BUF_INIT;
	struct pm_error err;
	char *s;

	if (t == NULL)
		fail_msg("no template %s", name);
	pm_value_map_set_str(a, ctx, "x", "1");
	pm_error_clear(&err);
	assert_int_equal(pm_template_render(&b, t, fx->theme->templates, ctx,
	    &err), 0);
	s = pm_buf_detach(&b, NULL);
	pm_arena_free(a);
	return s;
}

static void
expect_render(struct fx *fx, const char *name, const char *want)
{
	char *got = render(fx, name);

	if (strcmp(got, want) != 0) {
		print_error("%s rendered \"%s\", want \"%s\"\n", name, got,
		    want);
		free(got);
		fail();
	}
	free(got);
}

/* Each place of the search path, in order, first match wins. */
static void
test_lookup_order(void **state)
{
	struct fx *fx = *state;
	const char *exe = at(fx, 0, "bin");
	const char *work = at(fx, 1, "repo");
	char *env = NULL;

	make_theme(fx, "share/pmsite/themes/t", "datadir");
	tu_write(fx->root, "bin/pmsite", "");	/* bin/.. must resolve */
	/* exe_dir/../share/pmsite/themes: the installed layout. */
	load_ok(fx, "t", NULL, work, exe);
	expect_render(fx, "index", "datadir 1");
	assert_string_equal(fx->theme->dir,
	    at(fx, 2, "bin/../share/pmsite/themes/t"));
	assert_string_equal(fx->theme->name, "t");
	/* exe_dir/themes: a build tree. */
	make_theme(fx, "bin/themes/t", "exe");
	load_ok(fx, "t", NULL, work, exe);
	expect_render(fx, "index", "exe 1");
	assert_string_equal(fx->theme->dir, at(fx, 2, "bin/themes/t"));
	/* workdir/themes: the content repository. */
	make_theme(fx, "repo/themes/t", "work");
	load_ok(fx, "t", NULL, work, exe);
	expect_render(fx, "index", "work 1");
	assert_string_equal(fx->theme->dir, at(fx, 2, "repo/themes/t"));
	/* PMSITE_THEME_PATH first of all, its folders in order; empty
	 * entries are skipped. */
	make_theme(fx, "env2/t", "env2");
	env = malloc(4096);
	snprintf(env, 4096, "::%s:%s::%s", at(fx, 3, "env1"),
	    at(fx, 4, "missing"), at(fx, 5, "env2"));
	load_ok(fx, "t", env, work, exe);
	expect_render(fx, "index", "env2 1");
	make_theme(fx, "env1/t", "env1");
	load_ok(fx, "t", env, work, exe);
	expect_render(fx, "index", "env1 1");
	assert_string_equal(fx->theme->dir, at(fx, 2, "env1/t"));
	/* Without workdir (bare repository) and exe_dir. */
	load_ok(fx, "t", env, NULL, NULL);
	expect_render(fx, "index", "env1 1");
	load_ok(fx, "t", "", NULL, exe);
	expect_render(fx, "index", "exe 1");
	free(env);
}

/* A file with the theme's name is not a theme folder. */
static void
test_lookup_skips_files(void **state)
{
	struct fx *fx = *state;

	tu_write(fx->root, "a/t", "not a folder");
	make_theme(fx, "b/t", "b");
	{
		char env[2100];

		snprintf(env, sizeof(env), "%s:%s", at(fx, 0, "a"),
		    at(fx, 1, "b"));
		load_ok(fx, "t", env, NULL, NULL);
	}
	expect_render(fx, "index", "b 1");
}

/* A theme overrides the default one template at a time. */
static void
test_override_over_default(void **state)
{
	struct fx *fx = *state;
	const char *exe = at(fx, 0, "bin");
	const char *work = at(fx, 1, "repo");

	tu_write(fx->root, "bin/themes/default/base.mustache",
	    "[default base {{$main}}none{{/main}}]");
	tu_write(fx->root, "bin/themes/default/index.mustache",
	    "{{<base}}{{$main}}default index {{x}}{{/main}}{{/base}}");
	tu_write(fx->root, "bin/themes/default/incident.mustache",
	    "default incident {{>footer}}");
	tu_write(fx->root, "bin/themes/default/footer.mustache",
	    "default footer");
	tu_write(fx->root, "repo/themes/acme/index.mustache",
	    "{{<base}}{{$main}}acme index {{x}}{{/main}}{{/base}}");
	tu_write(fx->root, "repo/themes/acme/footer.mustache",
	    "acme footer");
	tu_write(fx->root, "repo/themes/acme/extra.mustache", "acme only");
	load_ok(fx, "acme", NULL, work, exe);
	/* Its own index, inheriting the default base. */
	expect_render(fx, "index", "[default base acme index 1]");
	/* The default incident page, with the theme's partial. */
	expect_render(fx, "incident", "default incident acme footer");
	expect_render(fx, "base", "[default base none]");
	expect_render(fx, "extra", "acme only");
	assert_string_equal(fx->theme->dir, at(fx, 2, "repo/themes/acme"));
	/* The default theme alone. */
	load_ok(fx, "default", NULL, work, exe);
	expect_render(fx, "index", "[default base default index 1]");
	expect_render(fx, "incident", "default incident default footer");
	assert_null(pm_template_set_get(fx->theme->templates, "extra"));
}

/* The default underneath is found along the same path: the first
 * "default" folder, wherever the theme itself came from. */
static void
test_default_from_search_path(void **state)
{
	struct fx *fx = *state;
	char env[1100];

	tu_write(fx->root, "repo/themes/acme/index.mustache", "acme");
	tu_write(fx->root, "env/default/page.mustache", "env default");
	tu_write(fx->root, "bin/themes/default/page.mustache", "exe default");
	snprintf(env, sizeof(env), "%s", at(fx, 0, "env"));
	load_ok(fx, "acme", env, at(fx, 1, "repo"), at(fx, 2, "bin"));
	expect_render(fx, "page", "env default");
	expect_render(fx, "index", "acme");
	load_ok(fx, "acme", NULL, at(fx, 1, "repo"), at(fx, 2, "bin"));
	expect_render(fx, "page", "exe default");
	/* No default anywhere: the theme alone. */
	load_ok(fx, "acme", NULL, at(fx, 1, "repo"), NULL);
	expect_render(fx, "index", "acme");
	assert_null(pm_template_set_get(fx->theme->templates, "page"));
}

static void
test_assets(void **state)
{
	struct fx *fx = *state;
	const char *exe = at(fx, 0, "bin");

	tu_write(fx->root, "bin/themes/default/index.mustache", "d");
	tu_write(fx->root, "bin/themes/default/assets/style.css", "body{}");
	make_theme(fx, "bin/themes/bare", "bare");
	tu_write(fx->root, "bin/themes/own/index.mustache", "own");
	tu_write(fx->root, "bin/themes/own/assets/own.css", "p{}");
	/* No assets of its own: the default's. */
	load_ok(fx, "bare", NULL, NULL, exe);
	assert_non_null(fx->theme->assets_dir);
	assert_string_equal(fx->theme->assets_dir,
	    at(fx, 1, "bin/themes/default/assets"));
	/* Its own assets, as a whole. */
	load_ok(fx, "own", NULL, NULL, exe);
	assert_string_equal(fx->theme->assets_dir,
	    at(fx, 1, "bin/themes/own/assets"));
	load_ok(fx, "default", NULL, NULL, exe);
	assert_string_equal(fx->theme->assets_dir,
	    at(fx, 1, "bin/themes/default/assets"));
	/* Neither has assets: NULL. */
	tu_rm_rf(at(fx, 1, "bin/themes/default/assets"));
	load_ok(fx, "bare", NULL, NULL, exe);
	assert_null(fx->theme->assets_dir);
	/* A file called assets is not an assets folder. */
	tu_write(fx->root, "bin/themes/bare/assets", "file");
	tu_write(fx->root, "bin/themes/default/assets/x.css", "x");
	load_ok(fx, "bare", NULL, NULL, exe);
	assert_string_equal(fx->theme->assets_dir,
	    at(fx, 1, "bin/themes/default/assets"));
}

static void
test_unknown_theme(void **state)
{
	struct fx *fx = *state;
	char want[4096];

	/* The code in err says "not found"; the return is negative (it is
	 * PM_ERROR today: callers only test < 0). */
	assert_true(load(fx, "nope", "/e1:/e2", "/work", "/opt/bin") < 0);
	assert_null(fx->theme);
	snprintf(want, sizeof(want), "theme 'nope' not found in /e1:/e2:"
	    "/work/themes:/opt/bin/themes:/opt/bin/../share/pmsite/themes:"
	    "%s/themes", PM_DATADIR);
	assert_string_equal(fx->msg, want);
	assert_int_equal(fx->err.code, PM_ENOTFOUND);
	/* Only what was given is listed. */
	assert_true(load(fx, "nope", NULL, NULL, NULL) < 0);
	snprintf(want, sizeof(want), "theme 'nope' not found in %s/themes",
	    PM_DATADIR);
	assert_string_equal(fx->msg, want);
}

/* A template that does not compile: template:line:col of the tag. */
static void
test_broken_template(void **state)
{
	struct fx *fx = *state;
	const char *exe = at(fx, 0, "bin");
	char want[2048];

	tu_write(fx->root, "bin/themes/default/index.mustache", "ok");
	tu_write(fx->root, "bin/themes/bad/index.mustache",
	    "<p>\n  {{#items}}\n</p>\n");
	assert_int_equal(load(fx, "bad", NULL, NULL, exe), PM_ERROR);
	assert_null(fx->theme);
	snprintf(want, sizeof(want), "%s:2:3: unclosed section 'items'",
	    at(fx, 1, "bin/themes/bad/index.mustache"));
	assert_string_equal(fx->msg, want);
	/* In the default theme, where the theme does not override it. */
	tu_write(fx->root, "bin/themes/default/page.mustache",
	    "a\nb {{/nope}}");
	tu_write(fx->root, "bin/themes/bad/index.mustache", "fixed");
	assert_int_equal(load(fx, "bad", NULL, NULL, exe), PM_ERROR);
	snprintf(want, sizeof(want), "%s:2:3: closing tag 'nope' has no "
	    "open section", at(fx, 1, "bin/themes/default/page.mustache"));
	assert_string_equal(fx->msg, want);
	/* Overridden, the broken default template is never compiled. */
	tu_write(fx->root, "bin/themes/bad/page.mustache", "mine");
	load_ok(fx, "bad", NULL, NULL, exe);
	expect_render(fx, "page", "mine");
}

/* The folder of the running test program, from /proc/self/exe. */
static void
test_exe_dir(void **state)
{
	char *dir = pm_theme_exe_dir();
	char self[PATH_MAX];
	struct stat st;

	(void)state;
	assert_non_null(dir);
	assert_int_equal(dir[0], '/');
	assert_int_equal(stat(dir, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	assert_non_null(realpath("/proc/self/exe", self));
	/* A prefix of the program's own path. */
	assert_int_equal(strncmp(self, dir, strlen(dir)), 0);
	assert_int_equal(self[strlen(dir)], '/');
	free(dir);
	pm_theme_free(NULL);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_lookup_order),
		T(test_lookup_skips_files),
		T(test_override_over_default),
		T(test_default_from_search_path),
		T(test_assets),
		T(test_unknown_theme),
		T(test_broken_template),
		cmocka_unit_test(test_exe_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
