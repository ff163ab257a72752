/* check_output.c: the staging directory, the atomic swap and its refusals,
 * on real files in a temporary directory. */
#define _XOPEN_SOURCE 700	/* realpath() */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <git2.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "output.h"

struct fx {
	char *root;		/* resolved temporary directory */
	char *home;		/* $HOME before the test, or NULL */
	struct pm_arena *arena;	/* strings made by the helpers */
};

struct file {
	const char *path;
	const char *text;
};

static const char *
at(struct fx *fx, const char *rel)
{
	return pm_arena_printf(fx->arena, "%s/%s", fx->root, rel);
}

static void
rm_rf(const char *path)
{
	struct stat st;
	struct dirent **list;
	int n;

	if (lstat(path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	n = scandir(path, &list, NULL, alphasort);
	for (int i = 0; i < n; i++) {
		if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name,
		    "..")) {
			char *sub = malloc(strlen(path) +
			    strlen(list[i]->d_name) + 2);

			sprintf(sub, "%s/%s", path, list[i]->d_name);
			rm_rf(sub);
			free(sub);
		}
		free(list[i]);
	}
	if (n >= 0)
		free(list);
	rmdir(path);
}

static void
mkdir_p(const char *path)
{
	char tmp[PATH_MAX];

	snprintf(tmp, sizeof(tmp), "%s", path);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		mkdir(tmp, 0755);
		*p = '/';
	}
	mkdir(tmp, 0755);
}

static void
put_file(const char *path, const char *text)
{
	char dir[PATH_MAX];
	FILE *f;

	snprintf(dir, sizeof(dir), "%s", path);
	*strrchr(dir, '/') = '\0';
	mkdir_p(dir);
	f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The file's contents, or NULL when it cannot be read. */
static char *
slurp(struct fx *fx, const char *path)
{
	struct pm_buf b = PM_BUF_INIT;
	char chunk[4096], *s;
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		pm_buf_put(&b, chunk, n);
	fclose(f);
	s = pm_arena_strdup(fx->arena, pm_buf_cstr(&b));
	pm_buf_free(&b);
	return s;
}

static int
exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

static void
walk(struct pm_buf *out, const char *dir, const char *rel)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort);

	assert_true(n >= 0);
	for (int i = 0; i < n; i++) {
		const char *name = list[i]->d_name;
		char path[PATH_MAX], sub[PATH_MAX], target[PATH_MAX];
		struct stat st;

		if (strcmp(name, ".") && strcmp(name, "..")) {
			snprintf(path, sizeof(path), "%s/%s", dir, name);
			snprintf(sub, sizeof(sub), "%s%s%s", rel,
			    rel[0] ? "/" : "", name);
			assert_int_equal(lstat(path, &st), 0);
			pm_buf_printf(out, "%s %o ", sub,
			    (unsigned)st.st_mode);
			if (S_ISDIR(st.st_mode)) {
				pm_buf_puts(out, "dir\n");
				walk(out, path, sub);
			} else if (S_ISLNK(st.st_mode)) {
				ssize_t k = readlink(path, target,
				    sizeof(target) - 1);

				assert_true(k >= 0);
				target[k] = '\0';
				pm_buf_printf(out, "-> %s\n", target);
			} else {
				FILE *f = fopen(path, "rb");
				int c;

				assert_non_null(f);
				while ((c = fgetc(f)) != EOF)
					pm_buf_putc(out, c);
				fclose(f);
				pm_buf_putc(out, '\n');
			}
		}
		free(list[i]);
	}
	free(list);
}

/* Every name, mode and byte under dir, for byte-identical comparisons. */
static char *
snapshot(struct fx *fx, const char *dir)
{
	struct pm_buf b = PM_BUF_INIT;
	char *s;

	walk(&b, dir, "");
	s = pm_arena_strdup(fx->arena, pm_buf_cstr(&b));
	pm_buf_free(&b);
	return s;
}

/* Entries of dir that belong to pmsite's staging machinery. */
static int
leftovers(const char *dir)
{
	struct dirent **list;
	int n = scandir(dir, &list, NULL, alphasort), count = 0;

	assert_true(n >= 0);
	for (int i = 0; i < n; i++) {
		if (strstr(list[i]->d_name, ".pmsite-"))
			count++;
		free(list[i]);
	}
	free(list);
	return count;
}

static void
build(const char *out, const struct file *files, size_t n, int force)
{
	struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };

	opts.force = force;
	assert_int_equal(pm_output_open(&o, out, &opts, &err), 0);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(pm_output_write(o, files[i].path,
		    files[i].text, strlen(files[i].text), &err), 0);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);
}

static const struct file site_v1[] = {
	{ "index.html", "<h1>home v1</h1>\n" },
	{ "incidents/db-outage/index.html", "<p>db</p>\n" },
	{ "incidents/old-one/index.html", "<p>only in v1</p>\n" },
	{ ".nojekyll", "" },
	{ "assets/site.css", "body{}\n" },
};

static const struct file site_v2[] = {
	{ "index.html", "<h1>home v2</h1>\n" },
	{ "incidents/db-outage/index.html", "<p>db, revised</p>\n" },
	{ "feed.xml", "<feed/>\n" },
};

#define NFILES(a) (sizeof(a) / sizeof((a)[0]))

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));
	const char *tmp = getenv("TMPDIR");
	char tmpl[PATH_MAX];

	snprintf(tmpl, sizeof(tmpl), "%s/pmsite-output-XXXXXX",
	    tmp && tmp[0] ? tmp : "/tmp");
	if (fx == NULL || mkdtemp(tmpl) == NULL)
		return -1;
	fx->root = realpath(tmpl, NULL);
	fx->home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
	fx->arena = pm_arena_new();
	*state = fx;
	return fx->root ? 0 : -1;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	if (fx->home)
		setenv("HOME", fx->home, 1);
	else
		unsetenv("HOME");
	rm_rf(fx->root);
	free(fx->root);
	free(fx->home);
	pm_arena_free(fx->arena);
	free(fx);
	return 0;
}

static void
test_write_commit_creates_tree(void **state)
{
	struct fx *fx = *state;
	const char *out = at(fx, "public");
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };
	struct stat st;
	mode_t old_mask = umask(022);
	size_t bytes = 0;

	assert_int_equal(pm_output_open(&o, out, NULL, &err), 0);
	assert_string_equal(pm_output_path(o), out);
	/* Nothing is visible under out_dir until the commit. */
	assert_false(exists(out));
	assert_int_equal(leftovers(fx->root), 1);
	for (size_t i = 0; i < NFILES(site_v1); i++) {
		assert_int_equal(pm_output_write(o, site_v1[i].path,
		    site_v1[i].text, strlen(site_v1[i].text), &err), 0);
		bytes += strlen(site_v1[i].text);
	}
	assert_false(exists(out));
	assert_int_equal(pm_output_files(o), NFILES(site_v1));
	assert_int_equal(pm_output_bytes(o), bytes);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);
	umask(old_mask);

	for (size_t i = 0; i < NFILES(site_v1); i++)
		assert_string_equal(slurp(fx, at(fx, pm_arena_printf(
		    fx->arena, "public/%s", site_v1[i].path))),
		    site_v1[i].text);
	assert_string_equal(slurp(fx, at(fx, "public/.pmsite")),
	    "pmsite site v1\n");
	assert_int_equal(leftovers(fx->root), 0);
	assert_int_equal(stat(out, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	assert_int_equal(stat(at(fx, "public/incidents/db-outage"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0755);
	assert_int_equal(stat(at(fx, "public/index.html"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
}

static void
test_umask_applies(void **state)
{
	struct fx *fx = *state;
	struct stat st;
	mode_t old_mask = umask(027);

	build(at(fx, "public"), site_v1, NFILES(site_v1), 0);
	umask(old_mask);
	assert_int_equal(stat(at(fx, "public"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0750);
	assert_int_equal(stat(at(fx, "public/assets"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0750);
	assert_int_equal(stat(at(fx, "public/assets/site.css"), &st), 0);
	assert_int_equal(st.st_mode & 07777, 0640);
}

static void
check_second_build(struct fx *fx, int exchange)
{
	const char *out = at(fx, "public");
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };

	build(out, site_v1, NFILES(site_v1), 0);
	assert_int_equal(pm_output_open(&o, out, NULL, &err), 0);
	pm_output__set_exchange(o, exchange);
	for (size_t i = 0; i < NFILES(site_v2); i++)
		assert_int_equal(pm_output_write(o, site_v2[i].path,
		    site_v2[i].text, strlen(site_v2[i].text), &err), 0);
	/* Until the commit, readers still see the whole first build. */
	assert_string_equal(slurp(fx, at(fx, "public/index.html")),
	    "<h1>home v1</h1>\n");
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);

	assert_string_equal(slurp(fx, at(fx, "public/index.html")),
	    "<h1>home v2</h1>\n");
	assert_string_equal(slurp(fx,
	    at(fx, "public/incidents/db-outage/index.html")),
	    "<p>db, revised</p>\n");
	assert_string_equal(slurp(fx, at(fx, "public/feed.xml")),
	    "<feed/>\n");
	assert_false(exists(at(fx, "public/incidents/old-one")));
	assert_false(exists(at(fx, "public/assets")));
	assert_false(exists(at(fx, "public/.nojekyll")));
	assert_true(exists(at(fx, "public/.pmsite")));
	assert_int_equal(leftovers(fx->root), 0);
}

static void
test_second_build_replaces_first(void **state)
{
	check_second_build(*state, 1);
}

static void
test_second_build_without_exchange(void **state)
{
	check_second_build(*state, 0);
}

static void
test_abort_keeps_old_site(void **state)
{
	struct fx *fx = *state;
	const char *out = at(fx, "public");
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };
	char *before;

	build(out, site_v1, NFILES(site_v1), 0);
	before = snapshot(fx, out);

	/* An explicit abort. */
	assert_int_equal(pm_output_open(&o, out, NULL, &err), 0);
	for (size_t i = 0; i < NFILES(site_v2); i++)
		assert_int_equal(pm_output_write(o, site_v2[i].path,
		    site_v2[i].text, strlen(site_v2[i].text), &err), 0);
	pm_output_abort(o);
	assert_int_equal(leftovers(fx->root), 0);
	assert_int_equal(pm_output_write(o, "late.html", "x", 1, &err),
	    PM_ERROR);
	assert_int_equal(pm_output_commit(o, &err), PM_ERROR);
	pm_output_free(o);
	assert_string_equal(snapshot(fx, out), before);

	/* Freeing without a commit, after a failed write. */
	assert_int_equal(pm_output_open(&o, out, NULL, &err), 0);
	assert_int_equal(pm_output_write(o, "index.html", "new", 3, &err), 0);
	assert_int_equal(pm_output_write(o, "../escape", "x", 1, &err),
	    PM_ERROR);
	pm_output_free(o);
	assert_string_equal(snapshot(fx, out), before);
	assert_int_equal(leftovers(fx->root), 0);
}

static void
test_target_changed_during_build(void **state)
{
	struct fx *fx = *state;
	const char *out = at(fx, "public");
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };

	assert_int_equal(pm_output_open(&o, out, NULL, &err), 0);
	assert_int_equal(pm_output_write(o, "index.html", "new", 3, &err), 0);
	put_file(out, "someone else's file\n");
	assert_int_equal(pm_output_commit(o, &err), PM_EEXISTS);
	assert_non_null(strstr(err.message, "not a directory"));
	pm_output_free(o);
	assert_string_equal(slurp(fx, out), "someone else's file\n");
	assert_int_equal(leftovers(fx->root), 0);
}

static void
test_bad_paths_refused(void **state)
{
	struct fx *fx = *state;
	char long_path[PM_OUTPUT_PATH_MAX + 8], deep[PM_OUTPUT_PATH_MAX];
	char long_name[PM_OUTPUT_NAME_MAX + 2];
	const char *abs = at(fx, "abs-target");
	const struct file bad[] = {	/* path, then why it is refused */
		{ "../x", "'..' component" },
		{ "a/../../b", "'..' component" },
		{ "..", "'..' component" },
		{ abs, "absolute path" },
		{ "/abs", "absolute path" },
		{ ".git/x", "hidden component" },
		{ "a/.git/x", "hidden component" },
		{ ".pmsite", "hidden component" },
		{ "x/.nojekyll", "hidden component" },
		{ ".htaccess", "hidden component" },
		{ "a\\b", "backslash" },
		{ "", "empty path" },
		{ "a//b", "empty path component" },
		{ "a/", "empty path component" },
		{ "./a", "'.' component" },
		{ "a/./b", "'.' component" },
		{ ".", "'.' component" },
		{ "a b", "character other than" },
		{ "a\nb", "character other than" },
		{ "caf\xc3\xa9.html", "character other than" },
		{ "a:b", "character other than" },
		{ "a?b", "character other than" },
		{ long_path, "longer than 1024 bytes" },
		{ long_name, "component longer than 255" },
		{ deep, "too many directory levels" },
	};
	const char *before, *out = at(fx, "sandbox/public");
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };
	size_t n = 0;

	/* Components of 127 bytes, so only the total is too long. */
	memset(long_path, 'a', PM_OUTPUT_PATH_MAX + 1);
	for (int i = 127; i < PM_OUTPUT_PATH_MAX - 1; i += 128)
		long_path[i] = '/';
	long_path[PM_OUTPUT_PATH_MAX + 1] = '\0';
	memset(long_name, 'n', PM_OUTPUT_NAME_MAX + 1);
	long_name[PM_OUTPUT_NAME_MAX + 1] = '\0';
	for (int i = 0; i <= PM_OUTPUT_DEPTH_MAX; i++)
		n += (size_t)sprintf(deep + n, "%sd", i ? "/" : "");
	mkdir_p(at(fx, "sandbox"));
	before = snapshot(fx, fx->root);
	assert_int_equal(pm_output_open(&o, out, NULL, &err), 0);
	for (size_t i = 0; i < NFILES(bad); i++) {
		pm_error_clear(&err);
		assert_int_equal(pm_output_write(o, bad[i].path, "x", 1,
		    &err), PM_ERROR);
		assert_non_null(strstr(err.message, "invalid output path"));
		if (strstr(err.message, bad[i].text) == NULL)
			fail_msg("%s: %s", bad[i].path, err.message);
		assert_null(strchr(err.message, '\n'));
	}
	assert_int_equal(pm_output_write(o, NULL, "x", 1, &err), PM_ERROR);
	assert_int_equal(pm_output_files(o), 0);
	assert_false(exists(at(fx, "x")));
	assert_false(exists(at(fx, "sandbox/x")));
	assert_false(exists(at(fx, "b")));
	assert_false(exists(at(fx, "sandbox/b")));
	assert_false(exists(abs));
	assert_false(exists("/abs"));
	/* A path at the limits is fine. */
	long_path[PM_OUTPUT_PATH_MAX] = '\0';
	long_name[PM_OUTPUT_NAME_MAX] = '\0';
	n = 0;
	for (int i = 0; i < PM_OUTPUT_DEPTH_MAX; i++)
		n += (size_t)sprintf(deep + n, "%sd", i ? "/" : "");
	assert_int_equal(pm_output_write(o, long_path, "x", 1, &err), 0);
	assert_int_equal(pm_output_write(o, long_name, "x", 1, &err), 0);
	assert_int_equal(pm_output_write(o, deep, "x", 1, &err), 0);
	assert_int_equal(pm_output_write(o, "a-b_c.d/E9.html", "x", 1, &err),
	    0);
	pm_output_free(o);
	/* Nothing appeared anywhere, inside the sandbox or around it. */
	assert_string_equal(snapshot(fx, fx->root), before);
}

static void
test_refuses_root(void **state)
{
	const char *roots[] = { "/", "//", "/tmp/..", "/./" };
	struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };

	(void)state;
	opts.force = 1;
	for (size_t i = 0; i < NFILES(roots); i++) {
		pm_error_clear(&err);
		assert_int_equal(pm_output_open(&o, roots[i], &opts, &err),
		    PM_EEXISTS);
		assert_null(o);
		assert_non_null(strstr(err.message, "over /"));
	}
}

static void
test_refuses_home(void **state)
{
	struct fx *fx = *state;
	struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };
	const char *home = at(fx, "home/user");

	put_file(at(fx, "home/user/.profile"), "x\n");
	setenv("HOME", home, 1);
	opts.force = 1;
	assert_int_equal(pm_output_open(&o, home, &opts, &err), PM_EEXISTS);
	assert_non_null(strstr(err.message, "home directory"));
	pm_error_clear(&err);
	assert_int_equal(pm_output_open(&o, at(fx, "home/user/"), &opts,
	    &err), PM_EEXISTS);
	pm_error_clear(&err);
	assert_int_equal(pm_output_open(&o, at(fx, "home"), &opts, &err),
	    PM_EEXISTS);
	assert_non_null(strstr(err.message, "ancestor of the home"));
	pm_error_clear(&err);
	assert_int_equal(pm_output_open(&o, fx->root, &opts, &err),
	    PM_EEXISTS);
	assert_null(o);
	assert_int_equal(leftovers(at(fx, "home")), 0);
	assert_int_equal(leftovers(fx->root), 0);
	assert_string_equal(slurp(fx, at(fx, "home/user/.profile")), "x\n");

	/* A site inside the home directory is what people usually want. */
	build(at(fx, "home/user/site"), site_v2, NFILES(site_v2), 0);
	assert_true(exists(at(fx, "home/user/site/feed.xml")));
}

static void
test_refuses_repo(void **state)
{
	struct fx *fx = *state;
	struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };
	git_repository *repo = NULL;
	const char *root = at(fx, "work/repo");
	const char *refused[] = {
		root, at(fx, "work"), at(fx, "work/repo/.git"),
		at(fx, "work/repo/.git/public"), at(fx, "work/repo/sub/.."),
	};
	char *before;

	mkdir_p(at(fx, "work"));
	assert_int_equal(git_repository_init(&repo, root, 0), 0);
	put_file(at(fx, "work/repo/README.md"), "# postmortems\n");
	before = snapshot(fx, fx->root);
	mkdir_p(at(fx, "work/repo/sub"));
	opts.repo_root = git_repository_workdir(repo);
	opts.force = 1;
	for (size_t i = 0; i < NFILES(refused); i++) {
		pm_error_clear(&err);
		assert_int_equal(pm_output_open(&o, refused[i], &opts, &err),
		    PM_EEXISTS);
		assert_null(o);
		assert_non_null(strstr(err.message, "repository"));
	}
	rmdir(at(fx, "work/repo/sub"));
	assert_string_equal(snapshot(fx, fx->root), before);

	/* The usual layout: the site in a folder of the repository. */
	assert_int_equal(pm_output_open(&o, at(fx, "work/repo/public"), &opts,
	    &err), 0);
	assert_int_equal(pm_output_write(o, "index.html", "hi", 2, &err), 0);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);
	assert_string_equal(slurp(fx, at(fx, "work/repo/public/index.html")),
	    "hi");
	git_repository_free(repo);
}

static void
test_refuses_foreign_dir(void **state)
{
	struct fx *fx = *state;
	const char *out = at(fx, "docs");
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };
	char *before;

	put_file(at(fx, "docs/notes/keep.txt"), "precious\n");
	before = snapshot(fx, fx->root);
	assert_int_equal(pm_output_open(&o, out, NULL, &err), PM_EEXISTS);
	assert_null(o);
	assert_non_null(strstr(err.message, "not made by pmsite"));
	assert_string_equal(err.file, out);
	assert_string_equal(snapshot(fx, fx->root), before);

	/* A marker that is not pmsite's does not count. */
	put_file(at(fx, "docs/.pmsite"), "something else\n");
	pm_error_clear(&err);
	assert_int_equal(pm_output_open(&o, out, NULL, &err), PM_EEXISTS);
	unlink(at(fx, "docs/.pmsite"));

	build(out, site_v2, NFILES(site_v2), 1);
	assert_false(exists(at(fx, "docs/notes")));
	assert_string_equal(slurp(fx, at(fx, "docs/feed.xml")), "<feed/>\n");
	/* Now it carries the marker: no force needed any more. */
	build(out, site_v1, NFILES(site_v1), 0);
	assert_false(exists(at(fx, "docs/feed.xml")));
	assert_int_equal(leftovers(fx->root), 0);
}

static void
test_accepts_empty_dir(void **state)
{
	struct fx *fx = *state;

	mkdir_p(at(fx, "public"));
	build(at(fx, "public/"), site_v2, NFILES(site_v2), 0);
	assert_string_equal(slurp(fx, at(fx, "public/feed.xml")), "<feed/>\n");
	assert_int_equal(leftovers(fx->root), 0);
}

static void
test_refuses_regular_file(void **state)
{
	struct fx *fx = *state;
	struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };
	char *before;

	put_file(at(fx, "public"), "not a site\n");
	before = snapshot(fx, fx->root);
	for (opts.force = 0; opts.force <= 1; opts.force++) {
		pm_error_clear(&err);
		assert_int_equal(pm_output_open(&o, at(fx, "public"), &opts,
		    &err), PM_EEXISTS);
		assert_null(o);
		assert_non_null(strstr(err.message, "not a directory"));
	}
	assert_string_equal(snapshot(fx, fx->root), before);
}

static void
test_missing_parent(void **state)
{
	struct fx *fx = *state;
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };

	assert_int_equal(pm_output_open(&o, at(fx, "no/such/public"), NULL,
	    &err), PM_ERROR);
	assert_null(o);
	assert_non_null(strstr(err.message, "parent directory"));
	assert_false(exists(at(fx, "no")));
	pm_error_clear(&err);
	assert_int_equal(pm_output_open(&o, "", NULL, &err), PM_ERROR);
	assert_null(o);
}

static void
test_symlinked_out_dir(void **state)
{
	struct fx *fx = *state;

	build(at(fx, "real"), site_v1, NFILES(site_v1), 0);
	assert_int_equal(symlink("real", at(fx, "public")), 0);
	build(at(fx, "public"), site_v2, NFILES(site_v2), 0);
	assert_string_equal(slurp(fx, at(fx, "real/feed.xml")), "<feed/>\n");
	assert_false(exists(at(fx, "real/assets")));
	assert_string_equal(slurp(fx, at(fx, "public/feed.xml")), "<feed/>\n");
	assert_int_equal(leftovers(fx->root), 0);
}

static void
test_write_twice_refused(void **state)
{
	struct fx *fx = *state;
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };

	assert_int_equal(pm_output_open(&o, at(fx, "public"), NULL, &err), 0);
	assert_int_equal(pm_output_write(o, "a/index.html", "first", 5, &err),
	    0);
	assert_int_equal(pm_output_write(o, "a/index.html", "second", 6,
	    &err), PM_EEXISTS);
	assert_non_null(strstr(err.message, "written twice"));
	assert_string_equal(err.file, pm_arena_printf(fx->arena,
	    "%s/a/index.html", at(fx, "public")));
	/* A file and a directory cannot share a name either way round. */
	pm_error_clear(&err);
	assert_int_equal(pm_output_write(o, "a/index.html/x", "y", 1, &err),
	    PM_EEXISTS);
	pm_error_clear(&err);
	assert_int_equal(pm_output_write(o, "a", "y", 1, &err), PM_EEXISTS);
	assert_int_equal(pm_output_files(o), 1);
	assert_int_equal(pm_output_bytes(o), 5);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_error_clear(&err);
	assert_int_equal(pm_output_commit(o, &err), PM_ERROR);
	assert_non_null(strstr(err.message, "already committed"));
	pm_output_free(o);
	assert_string_equal(slurp(fx, at(fx, "public/a/index.html")),
	    "first");
}

static void
test_stale_staging_removed(void **state)
{
	struct fx *fx = *state;
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };

	build(at(fx, "public"), site_v1, NFILES(site_v1), 0);
	put_file(at(fx, ".public.pmsite-tmp-Ab12Cd/incidents/x/index.html"),
	    "half\n");
	put_file(at(fx, ".public.pmsite-old-zz99QQ/index.html"), "older\n");
	/* Not ours, or not this site's: left alone. */
	put_file(at(fx, ".other.pmsite-tmp-Ab12Cd/keep"), "k\n");
	put_file(at(fx, ".public.pmsite-tmp-toolong7/keep"), "k\n");
	put_file(at(fx, ".public.pmsite-tmp-abcdef"), "a file\n");
	put_file(at(fx, "public.pmsite-tmp-abcdef/keep"), "k\n");

	assert_int_equal(pm_output_open(&o, at(fx, "public"), NULL, &err), 0);
	assert_false(exists(at(fx, ".public.pmsite-tmp-Ab12Cd")));
	assert_false(exists(at(fx, ".public.pmsite-old-zz99QQ")));
	assert_true(exists(at(fx, ".other.pmsite-tmp-Ab12Cd/keep")));
	assert_true(exists(at(fx, ".public.pmsite-tmp-toolong7/keep")));
	assert_true(exists(at(fx, ".public.pmsite-tmp-abcdef")));
	assert_true(exists(at(fx, "public.pmsite-tmp-abcdef/keep")));
	pm_output_free(o);
	assert_string_equal(slurp(fx, at(fx, "public/index.html")),
	    "<h1>home v1</h1>\n");
}

static void
test_interrupted_swap_restored(void **state)
{
	struct fx *fx = *state;
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };
	char *before;

	/* A build killed between the two fallback renames leaves no
	 * out_dir, the old site aside and the new one in staging. */
	build(at(fx, "public"), site_v1, NFILES(site_v1), 0);
	before = snapshot(fx, at(fx, "public"));
	assert_int_equal(rename(at(fx, "public"),
	    at(fx, ".public.pmsite-old-Q1w2E3")), 0);
	put_file(at(fx, ".public.pmsite-tmp-R4t5Y6/index.html"), "new\n");

	assert_int_equal(pm_output_open(&o, at(fx, "public"), NULL, &err), 0);
	pm_output_free(o);
	assert_string_equal(snapshot(fx, at(fx, "public")), before);
	assert_int_equal(leftovers(fx->root), 0);
}

static void
test_copy_dir(void **state)
{
	struct fx *fx = *state;
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };

	put_file(at(fx, "theme/assets/site.css"), "body{color:#222}\n");
	put_file(at(fx, "theme/assets/js/search.js"), "search();\n");
	put_file(at(fx, "theme/assets/img/icons/fire.svg"), "<svg/>\n");
	put_file(at(fx, "theme/assets/.DS_Store"), "junk");
	put_file(at(fx, "secret.txt"), "do not publish\n");
	assert_int_equal(symlink("../../secret.txt",
	    at(fx, "theme/assets/leak.txt")), 0);
	assert_int_equal(symlink("../..", at(fx, "theme/assets/up")), 0);

	assert_int_equal(pm_output_open(&o, at(fx, "public"), NULL, &err), 0);
	assert_int_equal(pm_output_copy_dir(o, at(fx, "theme/assets"),
	    "assets", &err), 0);
	assert_int_equal(pm_output_copy_dir(o, at(fx, "theme/assets/js"), "",
	    &err), 0);
	assert_int_equal(pm_output_files(o), 4);
	pm_error_clear(&err);
	assert_int_equal(pm_output_copy_dir(o, at(fx, "theme/none"), "x",
	    &err), PM_ERROR);
	assert_non_null(strstr(err.file, "theme/none"));
	pm_error_clear(&err);
	assert_int_equal(pm_output_copy_dir(o, at(fx, "theme/assets"), "../x",
	    &err), PM_ERROR);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);

	assert_string_equal(slurp(fx, at(fx, "public/assets/site.css")),
	    "body{color:#222}\n");
	assert_string_equal(slurp(fx, at(fx, "public/assets/js/search.js")),
	    "search();\n");
	assert_string_equal(slurp(fx,
	    at(fx, "public/assets/img/icons/fire.svg")), "<svg/>\n");
	assert_string_equal(slurp(fx, at(fx, "public/search.js")),
	    "search();\n");
	assert_false(exists(at(fx, "public/assets/leak.txt")));
	assert_false(exists(at(fx, "public/assets/up")));
	assert_false(exists(at(fx, "public/assets/.DS_Store")));
}

static void
test_copy_dir_bad_name(void **state)
{
	struct fx *fx = *state;
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };

	put_file(at(fx, "theme/assets/my logo.png"), "png");
	assert_int_equal(pm_output_open(&o, at(fx, "public"), NULL, &err), 0);
	assert_int_equal(pm_output_copy_dir(o, at(fx, "theme/assets"),
	    "assets", &err), PM_ERROR);
	assert_non_null(strstr(err.message, "assets/my logo.png"));
	pm_output_free(o);
	assert_int_equal(leftovers(fx->root), 0);
	assert_false(exists(at(fx, "public")));
}

/* In a child: the failing write must report EFBIG on the right file. */
static int
child_hits_file_limit(const char *out)
{
	struct rlimit lim = { 4096, 4096 };
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };
	char big[10000], want[128];
	int ok;

	memset(big, 'x', sizeof(big));
	snprintf(want, sizeof(want), "write: %s", strerror(EFBIG));
	want[7] = (char)tolower((unsigned char)want[7]);
	if (signal(SIGXFSZ, SIG_IGN) == SIG_ERR ||
	    setrlimit(RLIMIT_FSIZE, &lim) < 0 ||
	    pm_output_open(&o, out, NULL, &err) < 0)
		return 2;
	ok = pm_output_write(o, "small.html", big, 100, &err) == 0 &&
	    pm_output_write(o, "incidents/big/index.html", big, sizeof(big),
	    &err) == PM_ERROR &&
	    strstr(err.file, "incidents/big/index.html") != NULL &&
	    strcmp(err.message, want) == 0;
	pm_output_free(o);
	return ok ? 0 : 1;
}

static void
test_file_limit_keeps_old_site(void **state)
{
	struct fx *fx = *state;
	const char *out = at(fx, "public");
	char *before, verdict = '?';
	int fds[2], status;
	pid_t pid;

	build(out, site_v1, NFILES(site_v1), 0);
	before = snapshot(fx, out);
	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* The verdict goes through a pipe, not the exit status,
		 * which a memory checker may claim for the heap the child
		 * inherited. */
		verdict = (char)('0' + child_hits_file_limit(out));
		close(fds[0]);
		if (write(fds[1], &verdict, 1) != 1)
			_exit(3);
		_exit(0);
	}
	close(fds[1]);
	assert_int_equal(read(fds[0], &verdict, 1), 1);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(verdict, '0');
	assert_string_equal(snapshot(fx, out), before);
	assert_int_equal(leftovers(fx->root), 0);
}

struct writer {
	struct pm_output *o;
	int ok, dup;
};

static void *
writer_run(void *arg)
{
	struct writer *w = arg;
	char path[32], text[32];

	for (int i = 0; i < 50; i++) {
		struct pm_error err = { 0 };
		int rc;

		snprintf(path, sizeof(path), "p/%02d/index.html", i);
		snprintf(text, sizeof(text), "page %d\n", i);
		rc = pm_output_write(w->o, path, text, strlen(text), &err);
		w->ok += rc == 0;
		w->dup += rc == PM_EEXISTS;
	}
	return NULL;
}

static void
test_parallel_writers(void **state)
{
	struct fx *fx = *state;
	struct pm_output *o = NULL;
	struct pm_error err = { 0 };
	struct writer w[4];
	pthread_t t[4];
	int ok = 0, dup = 0;

	assert_int_equal(pm_output_open(&o, at(fx, "public"), NULL, &err), 0);
	for (int i = 0; i < 4; i++) {
		w[i] = (struct writer){ o, 0, 0 };
		assert_int_equal(pthread_create(&t[i], NULL, writer_run,
		    &w[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		assert_int_equal(pthread_join(t[i], NULL), 0);
		ok += w[i].ok;
		dup += w[i].dup;
	}
	/* Each path is claimed by exactly one thread. */
	assert_int_equal(ok, 50);
	assert_int_equal(dup, 150);
	assert_int_equal(pm_output_files(o), 50);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);
	assert_string_equal(slurp(fx, at(fx, "public/p/07/index.html")),
	    "page 7\n");
	assert_string_equal(slurp(fx, at(fx, "public/p/49/index.html")),
	    "page 49\n");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_write_commit_creates_tree),
		T(test_umask_applies),
		T(test_second_build_replaces_first),
		T(test_second_build_without_exchange),
		T(test_abort_keeps_old_site),
		T(test_target_changed_during_build),
		T(test_bad_paths_refused),
		T(test_refuses_root),
		T(test_refuses_home),
		T(test_refuses_repo),
		T(test_refuses_foreign_dir),
		T(test_accepts_empty_dir),
		T(test_refuses_regular_file),
		T(test_missing_parent),
		T(test_symlinked_out_dir),
		T(test_write_twice_refused),
		T(test_stale_staging_removed),
		T(test_interrupted_swap_restored),
		T(test_copy_dir),
		T(test_copy_dir_bad_name),
		T(test_file_limit_keeps_old_site),
		T(test_parallel_writers),
#undef T
	};
	int failed;

	git_libgit2_init();
	failed = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return failed;
}
