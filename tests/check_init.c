/*
 * check_init.c: `pmsite init` end to end.  Each test runs the real binary
 * in a fresh temporary folder (a plain one, or a real git repository made
 * through libgit2), then reads back what it wrote: the workflow through
 * pmsite's own YAML reader, the site through a real `pmsite build`.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"
#include "error.h"
#include "value.h"
#include "yamltree.h"

#include "testutil.h"

#define CONFIG "content/pmsite.yml"
#define EXAMPLE "content/2024-05-14-example-login-timeouts.md"
#define WORKFLOW ".github/workflows/pmsite.yml"
#define EXAMPLE_SLUG "2024-05-14-example-login-timeouts"

struct fixture {
	char *tmp;		/* removed at teardown */
	char dir[512];		/* tmp/repo: where init runs */
	struct pm_arena *arena;
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	git_libgit2_init();
	f->tmp = tu_tempdir();
	snprintf(f->dir, sizeof(f->dir), "%s/repo", f->tmp);
	f->arena = pm_arena_new();
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tu_rm_rf(f->tmp);
	free(f->tmp);
	pm_arena_free(f->arena);
	free(f);
	git_libgit2_shutdown();
	return 0;
}

static void
assert_contains(const char *hay, const char *needle)
{
	if (hay == NULL || strstr(hay, needle) == NULL)
		fail_msg("expected to find \"%s\" in:\n%.3000s", needle,
		    hay ? hay : "(null)");
}

/* Run `pmsite init ARGS` (ARGS already quoted by the caller). */
static int
run_init(const char *args, char **out, char **err)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), "%s init %s", tu_pmsite(), args);
	return tu_run(cmd, out, err);
}

static char *
read_rel(const struct fixture *f, const char *rel)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", f->dir, rel);
	return tu_read(path, NULL);
}

/* A file written by init, parsed with pmsite's YAML reader. */
static struct pm_value *
parse_rel(const struct fixture *f, const char *rel)
{
	struct pm_value *v = NULL;
	struct pm_error err;
	char line[1024];
	size_t len;
	char path[1024], *src;

	snprintf(path, sizeof(path), "%s/%s", f->dir, rel);
	src = tu_read(path, &len);
	if (src == NULL)
		fail_msg("%s was not written", path);
	pm_error_clear(&err);
	if (pm_yaml_parse(&v, f->arena, src, len, rel, 1, &err) < 0)
		fail_msg("%s", pm_error_format(line, sizeof(line), &err));
	free(src);
	assert_true(pm_value_is(v, PM_VALUE_MAP));
	return v;
}

static void
assert_str_at(const struct pm_value *v, const char *path, const char *want)
{
	const char *got = pm_value_str(pm_value_get_path(v, path));

	if (got == NULL || strcmp(got, want) != 0)
		fail_msg("%s: expected \"%s\", found \"%s\"", path, want,
		    got ? got : "(not a string)");
}

/* The first step of steps whose `uses` starts with prefix, or NULL. */
static const struct pm_value *
step_using(const struct pm_value *steps, const char *prefix)
{
	size_t i;

	for (i = 0; i < pm_value_len(steps); i++) {
		const char *uses = pm_value_str(pm_value_map_get(
		    steps->u.list.items[i], "uses"));

		if (uses && strncmp(uses, prefix, strlen(prefix)) == 0)
			return steps->u.list.items[i];
	}
	return NULL;
}

/* The first step whose `run` script contains needle, or NULL. */
static const struct pm_value *
step_running(const struct pm_value *steps, const char *needle)
{
	size_t i;

	for (i = 0; i < pm_value_len(steps); i++) {
		const char *run = pm_value_str(pm_value_map_get(
		    steps->u.list.items[i], "run"));

		if (run && strstr(run, needle))
			return steps->u.list.items[i];
	}
	return NULL;
}

/* Index of step in steps, for order checks. */
static size_t
step_index(const struct pm_value *steps, const struct pm_value *step)
{
	size_t i;

	for (i = 0; i < pm_value_len(steps); i++)
		if (steps->u.list.items[i] == step)
			return i;
	fail_msg("step not in the list");
	return 0;
}

/*
 * The workflow a GitHub repository needs: triggers, permissions for Pages,
 * one deployment at a time, a build job that checks out all of history,
 * builds pmsite from source and the site with the Pages address, and a
 * deploy job.
 */
static void
check_workflow(const struct fixture *f, const char *branch,
    const char *source)
{
	const struct pm_value *wf = parse_rel(f, WORKFLOW), *branches, *steps,
	    *checkout, *pmsrc, *apt, *make, *pages, *build, *upload, *deploy;
	const char *pkgs[] = { "libgit2-dev", "libcmark-gfm-dev",
	    "libcmark-gfm-extensions-dev", "libyaml-dev", "libxxhash-dev" };
	const char *run;
	size_t i;

	/* YAML 1.2 keeps `on` a string, as GitHub reads it. */
	branches = pm_value_get_path(wf, "on.push.branches");
	assert_int_equal(pm_value_len(branches), 1);
	assert_string_equal(pm_value_str(branches->u.list.items[0]), branch);
	assert_str_at(wf, "permissions.pages", "write");
	assert_str_at(wf, "permissions.id-token", "write");
	assert_str_at(wf, "concurrency.group", "pages");
	assert_str_at(wf, "env.PMSITE_REPO", source);

	steps = pm_value_get_path(wf, "jobs.build.steps");
	assert_true(pm_value_is(steps, PM_VALUE_LIST));
	checkout = steps->u.list.items[0];
	assert_str_at(checkout, "uses", "actions/checkout@v4");
	/* fetch-depth 0: the whole history, for dates and authors. */
	assert_true(pm_value_is(pm_value_get_path(checkout,
	    "with.fetch-depth"), PM_VALUE_NUMBER));
	assert_true(pm_value_get_path(checkout, "with.fetch-depth")->u.number
	    == 0);

	pmsrc = NULL;
	for (i = 1; i < pm_value_len(steps); i++)
		if (pm_value_get_path(steps->u.list.items[i],
		    "with.repository"))
			pmsrc = steps->u.list.items[i];
	assert_non_null(pmsrc);
	assert_str_at(pmsrc, "uses", "actions/checkout@v4");
	assert_str_at(pmsrc, "with.repository", "${{ env.PMSITE_REPO }}");

	apt = step_running(steps, "apt-get install");
	assert_non_null(apt);
	run = pm_value_str(pm_value_map_get(apt, "run"));
	for (i = 0; i < sizeof(pkgs) / sizeof(pkgs[0]); i++)
		assert_contains(run, pkgs[i]);
	make = step_running(steps, "make");
	assert_non_null(make);
	pages = step_using(steps, "actions/configure-pages@");
	assert_non_null(pages);
	assert_str_at(pages, "id", "pages");
	build = step_running(steps, "pmsite build");
	assert_non_null(build);
	run = pm_value_str(pm_value_map_get(build, "run"));
	assert_contains(run, "--base-url \"${{ steps.pages.outputs.base_url "
	    "}}/\"");
	upload = step_using(steps, "actions/upload-pages-artifact@");
	assert_non_null(upload);
	assert_str_at(upload, "with.path", "public");
	/* Each step needs what the one before it made. */
	assert_true(step_index(steps, pmsrc) < step_index(steps, make));
	assert_true(step_index(steps, apt) < step_index(steps, make));
	assert_true(step_index(steps, make) < step_index(steps, build));
	assert_true(step_index(steps, pages) < step_index(steps, build));
	assert_true(step_index(steps, build) < step_index(steps, upload));

	assert_str_at(wf, "jobs.deploy.needs", "build");
	assert_str_at(wf, "jobs.deploy.environment.name", "github-pages");
	steps = pm_value_get_path(wf, "jobs.deploy.steps");
	deploy = step_using(steps, "actions/deploy-pages@");
	assert_non_null(deploy);
	/* The environment's url reads the output of this very step. */
	assert_str_at(deploy, "id", "deployment");
	assert_str_at(wf, "jobs.deploy.environment.url",
	    "${{ steps.deployment.outputs.page_url }}");
}

static void
test_plain_folder(void **state)
{
	struct fixture *f = *state;
	struct pm_value *cfg;
	char args[1024], *out, *err, *md;

	/* DIR does not exist yet: init makes it. */
	snprintf(args, sizeof(args), "'%s'", f->dir);
	assert_int_equal(run_init(args, &out, &err), 0);
	assert_string_equal(err, "");
	assert_contains(out, "wrote");
	assert_contains(out, CONFIG);
	assert_contains(out, EXAMPLE);
	assert_contains(out, WORKFLOW);
	assert_contains(out, "Next steps");
	/* Not a git repository: the first step says to make one. */
	assert_contains(out, "git init");
	assert_contains(out, "PMSITE_REPO");
	free(out);
	free(err);

	cfg = parse_rel(f, CONFIG);
	assert_non_null(pm_value_str(pm_value_map_get(cfg, "title")));
	assert_null(pm_value_map_get(cfg, "repo_url"));
	md = read_rel(f, EXAMPLE);
	assert_non_null(md);
	assert_true(strncmp(md, "---\n", 4) == 0);
	assert_contains(md, "## Timeline");
	free(md);
	check_workflow(f, "main", "YOUR-ORG/pmsite");
}

static void
test_repository_branch_and_origin(void **state)
{
	struct fixture *f = *state;
	git_repository *repo = tu_repo_init(f->dir);
	git_config *cfg = NULL;
	struct pm_value *config;
	char args[1024], *out;

	/* An unborn branch still names the branch the first push makes. */
	assert_int_equal(git_repository_set_head(repo, "refs/heads/trunk"),
	    0);
	/* The key git remote add writes; not git_remote_create(), which
	 * leaks in Debian's libgit2 1.5.1. */
	assert_int_equal(git_repository_config(&cfg, repo), 0);
	assert_int_equal(git_config_set_string(cfg, "remote.origin.url",
	    "git@github.com:acme/postmortems.git"), 0);
	git_config_free(cfg);
	git_repository_free(repo);

	snprintf(args, sizeof(args), "--pmsite-repo acme/pmsite '%s'",
	    f->dir);
	assert_int_equal(run_init(args, &out, NULL), 0);
	assert_contains(out, "push to trunk");
	assert_true(strstr(out, "git init") == NULL);
	free(out);
	check_workflow(f, "trunk", "acme/pmsite");
	config = parse_rel(f, CONFIG);
	assert_str_at(config, "repo_url",
	    "https://github.com/acme/postmortems");
	assert_str_at(config, "repo_branch", "trunk");

	/* --branch wins over the repository's own; a name YAML would read
	 * as a number stays a string. */
	snprintf(args, sizeof(args), "--force --branch 2.0 '%s'", f->dir);
	assert_int_equal(run_init(args, NULL, NULL), 0);
	check_workflow(f, "2.0", "YOUR-ORG/pmsite");
	config = parse_rel(f, CONFIG);
	assert_str_at(config, "repo_branch", "2.0");
}

/* Commit what init wrote, as the user would before pushing. */
static void
commit_init_files(const struct fixture *f)
{
	git_repository *repo = tu_repo_init(f->dir);
	char *cfg = read_rel(f, CONFIG), *md = read_rel(f, EXAMPLE),
	    *wf = read_rel(f, WORKFLOW), id[41];
	const char *files[] = { CONFIG, cfg, EXAMPLE, md, WORKFLOW, wf, NULL };

	assert_non_null(cfg);
	assert_non_null(md);
	assert_non_null(wf);
	tu_commit(repo, "alice", 1715680000, files, "pmsite init", id);
	git_repository_free(repo);
	free(cfg);
	free(md);
	free(wf);
}

static void
test_site_builds(void **state)
{
	struct fixture *f = *state;
	char cmd[2048], args[1024], path[1024], *out, *err, *s;

	snprintf(args, sizeof(args), "'%s'", f->dir);
	assert_int_equal(run_init(args, NULL, NULL), 0);

	/* The example is one to copy: pmsite's own review finds nothing. */
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s check --strict --worktree",
	    f->dir, tu_pmsite());
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	assert_contains(out, "0 warnings");
	free(out);
	free(err);

	/* The preview the next steps suggest: the files on disk. */
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s build --worktree --out "
	    "'%s/preview'", f->dir, tu_pmsite(), f->tmp);
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	assert_contains(out, "1 incidents");
	/* The example is clean: no warning about it. */
	assert_string_equal(err, "");
	free(out);
	free(err);
	snprintf(path, sizeof(path), "%s/preview/incidents/" EXAMPLE_SLUG
	    "/index.html", f->tmp);
	s = tu_read(path, NULL);
	assert_contains(s, "Logins timed out after a certificate rotation");
	free(s);
	/* Its prose is understood: times, cause and a timeline to draw. */
	snprintf(path, sizeof(path), "%s/preview/incidents.json", f->tmp);
	s = tu_read(path, NULL);
	assert_contains(s, "\"category\": \"configuration\"");
	assert_contains(s, "\"duration_minutes\": 51");
	assert_contains(s, "\"kind\": \"resolved\"");
	free(s);

	/* What the workflow runs: the committed tree, with a base URL. */
	commit_init_files(f);
	snprintf(cmd, sizeof(cmd), "cd '%s' && %s build --out '%s/pages' "
	    "--base-url https://acme.github.io/postmortems/", f->dir,
	    tu_pmsite(), f->tmp);
	assert_int_equal(tu_run(cmd, &out, &err), 0);
	assert_contains(out, "1 incidents");
	free(out);
	free(err);
	snprintf(path, sizeof(path), "%s/pages/feed.xml", f->tmp);
	s = tu_read(path, NULL);
	assert_contains(s, "https://acme.github.io/postmortems/incidents/"
	    EXAMPLE_SLUG "/");
	free(s);
}

static void
test_refuses_to_overwrite(void **state)
{
	struct fixture *f = *state;
	char args[1024], path[1024], *err, *s, *generated;

	snprintf(args, sizeof(args), "'%s'", f->dir);
	assert_int_equal(run_init(args, NULL, NULL), 0);
	generated = read_rel(f, CONFIG);
	tu_write(f->dir, CONFIG, "title: Ours\n");
	snprintf(path, sizeof(path), "%s/" EXAMPLE, f->dir);
	assert_int_equal(unlink(path), 0);

	/* Two files in the way: both named, nothing written, not even the
	 * missing example. */
	assert_int_equal(run_init(args, NULL, &err), 1);
	assert_contains(err, CONFIG " already exists");
	assert_contains(err, WORKFLOW " already exists");
	assert_contains(err, "--force");
	assert_true(strstr(err, EXAMPLE) == NULL);
	free(err);
	s = read_rel(f, CONFIG);
	assert_string_equal(s, "title: Ours\n");
	free(s);
	assert_false(tu_exists(path));

	/* --force replaces them. */
	snprintf(args, sizeof(args), "--force '%s'", f->dir);
	assert_int_equal(run_init(args, NULL, NULL), 0);
	s = read_rel(f, CONFIG);
	assert_string_equal(s, generated);
	free(s);
	assert_true(tu_exists(path));
	free(generated);
}

static void
test_force_never_follows_a_link(void **state)
{
	struct fixture *f = *state;
	char args[1024], link[1024], target[1024], *err, *s;

	snprintf(args, sizeof(args), "'%s'", f->dir);
	assert_int_equal(run_init(args, NULL, NULL), 0);
	snprintf(link, sizeof(link), "%s/" WORKFLOW, f->dir);
	snprintf(target, sizeof(target), "%s/elsewhere.yml", f->tmp);
	tu_write(f->tmp, "elsewhere.yml", "precious: true\n");
	assert_int_equal(unlink(link), 0);
	assert_int_equal(symlink(target, link), 0);

	snprintf(args, sizeof(args), "--force '%s'", f->dir);
	assert_int_equal(run_init(args, NULL, &err), 1);
	assert_contains(err, WORKFLOW " already exists and is not a file");
	free(err);
	s = tu_read(target, NULL);
	assert_string_equal(s, "precious: true\n");
	free(s);
}

static void
test_usage(void **state)
{
	struct fixture *f = *state;
	char args[1024], *err, *out;

	snprintf(args, sizeof(args), "--pmsite-repo 'not a repo' '%s'",
	    f->dir);
	assert_int_equal(run_init(args, NULL, &err), 2);
	assert_contains(err, "OWNER/NAME");
	free(err);
	snprintf(args, sizeof(args), "--branch 'x: y' '%s'", f->dir);
	assert_int_equal(run_init(args, NULL, NULL), 2);
	snprintf(args, sizeof(args), "'%s' second", f->dir);
	assert_int_equal(run_init(args, NULL, &err), 2);
	assert_contains(err, "unexpected argument 'second'");
	free(err);
	/* Nothing was written by the refused commands. */
	assert_false(tu_exists(f->dir));
	snprintf(args, sizeof(args), "'%s/no/such/parent'", f->dir);
	assert_int_equal(run_init(args, NULL, &err), 1);
	assert_contains(err, "mkdir: no such file or directory");
	free(err);
	assert_int_equal(run_init("--help", &out, NULL), 0);
	assert_contains(out, "usage: pmsite init");
	free(out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_plain_folder, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(
		    test_repository_branch_and_origin, setup, teardown),
		cmocka_unit_test_setup_teardown(test_site_builds, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refuses_to_overwrite,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_force_never_follows_a_link, setup, teardown),
		cmocka_unit_test_setup_teardown(test_usage, setup, teardown),
	};

	return cmocka_run_group_tests_name("init", tests, NULL, NULL);
}
