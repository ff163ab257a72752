/*
 * check_faults.c: a published site is never lost.  The real binary builds
 * a real repository while things go wrong around it: a full disk
 * (RLIMIT_FSIZE), SIGKILL in the middle of a build, a read-only parent, a
 * corrupt object, a missing or broken ref, and outputs it must refuse.
 * After each, the old site is compared file by file with what it was, and
 * the next build must succeed and leave no staging folder behind.  Also
 * here: builds are reproducible (two clones at different times, time
 * zones, mtimes and SOURCE_DATE_EPOCH give the same bytes).
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz/fuzz.h"
#include "output.h"
#include "testutil.h"

#include "adversarial/harness.c"
#include "fuzz/common.c"

#define NDOCS 240

struct fx {
	char *root;
	char repo[600], out[600], ref[600];
	char c1[41], c2[41];
};

static char *
doc_text(int i, int version)
{
	char *s = malloc(2048);

	snprintf(s, 2048,
	    "---\ntitle: Incident %d, version %d\nseverity: SEV%d\n"
	    "services: [svc-%d]\n---\n"
	    "# Incident %d\n\nThe service svc-%d was slow for %d minutes "
	    "after a deploy changed its connection pool.\n\n"
	    "## Timeline\n\n- 2024-%02d-%02d 10:00 UTC: alert fired\n"
	    "- 10:%02d UTC: rolled back\n\n## Root cause\n\nA pool of %d "
	    "connections was too small.\n\n## Action items\n\n"
	    "- [ ] alert on pool waits\n", i, version, i % 4 + 1, i % 7, i,
	    i % 7, 10 + i % 50, i % 12 + 1, i % 28 + 1, 10 + i % 49,
	    5 + i % 20);
	return s;
}

/* Commit NDOCS postmortems (all of version v) onto HEAD. */
static void
commit_docs(git_repository *repo, int version, char id[41])
{
	struct adv_entry *e = calloc(NDOCS + 1, sizeof(*e));
	char path[64];

	for (int i = 0; i < NDOCS; i++) {
		snprintf(path, sizeof(path),
		    "content/2024-%02d-%02d-inc-%03d.md", i % 12 + 1,
		    i % 28 + 1, i);
		e[i].path = strdup(path);
		e[i].data = doc_text(i, version);
		e[i].len = strlen(e[i].data);
		e[i].kind = ADV_FILE;
	}
	e[NDOCS] = (struct adv_entry){ "content/pmsite.yml",
	    "title: Faults\n", 14, ADV_FILE };
	adv_commit(repo, e, NDOCS + 1, 1709650000 + version * 1000, id);
	for (int i = 0; i < NDOCS; i++) {
		free((char *)e[i].path);
		free((char *)e[i].data);
	}
	free(e);
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	git_repository *repo;

	git_libgit2_init();
	f->root = tu_tempdir();
	snprintf(f->repo, sizeof(f->repo), "%s/repo", f->root);
	snprintf(f->out, sizeof(f->out), "%s/site", f->root);
	repo = adv_repo(f->repo);
	commit_docs(repo, 1, f->c1);
	commit_docs(repo, 2, f->c2);
	git_repository_free(repo);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	chmod(f->root, 0755);
	tu_rm_rf(f->root);
	free(f->root);
	free(f);
	git_libgit2_shutdown();
	return 0;
}

/* pmsite build --repo REPO --out OUT [--ref REF] [extra...] */
static void
build(struct adv_run *r, const struct fx *f, const char *out,
    const char *ref, const char *const *env, const char *more)
{
	const char *args[12] = { "build", "--repo", f->repo, "--out", out,
	    "-q" };
	size_t n = 6;

	if (ref) {
		args[n++] = "--ref";
		args[n++] = ref;
	}
	if (more)
		args[n++] = more;
	args[n] = NULL;
	/* These builds are big on purpose; the time limits are the
	 * adversarial tests' concern. */
	if (r->cpu_limit == 0)
		r->cpu_limit = 120;
	adv_run_pmsite(r, args, env);
}

static void
build_ok(const struct fx *f, const char *out, const char *ref)
{
	struct adv_run r = { 0 };

	build(&r, f, out, ref, NULL, NULL);
	if (r.status != 0)
		fail_msg("build of %s: exit %d: %s", ref ? ref : "HEAD",
		    r.status, r.err);
	adv_run_free(&r);
}

/* The staging folders of out left in its parent, as one string of names
 * ("" for none), in out (size bytes). */
static void
staging_names(char *out, size_t size, const struct fx *f)
{
	DIR *d = opendir(f->root);
	struct dirent *e;
	size_t n = 0;

	assert_non_null(d);
	out[0] = '\0';
	while ((e = readdir(d)) != NULL)
		if ((strncmp(e->d_name, ".site.pmsite-tmp-", 17) == 0 ||
		    strncmp(e->d_name, ".site.pmsite-old-", 17) == 0) &&
		    n + strlen(e->d_name) + 2 < size)
			n += (size_t)sprintf(out + n, "%s ", e->d_name);
	closedir(d);
}

/* Is a staging folder of out left in its parent? */
static int
staging_left(const struct fx *f)
{
	char names[1024];

	staging_names(names, sizeof(names), f);
	return names[0] != '\0';
}

static void
assert_diff_r(const char *a, const char *b)
{
	char cmd[2048], *out = NULL;

	snprintf(cmd, sizeof(cmd), "diff -r '%s' '%s'", a, b);
	if (tu_run(cmd, &out, NULL) != 0)
		fail_msg("%s and %s differ:\n%.2000s", a, b, out);
	free(out);
}

/* The old site, a full build of c1, is in f->out; a snapshot of it. */
static char *
old_site(struct fx *f)
{
	build_ok(f, f->out, f->c1);
	return adv_snapshot(f->out, NULL);
}

/* The first line of after that before lacks (both sorted). */
static const char *
first_new_line(const char *before, const char *after)
{
	static char line[512];
	const char *a = after;

	while (*a) {
		size_t n = strcspn(a, "\n");

		snprintf(line, sizeof(line), "%.*s", (int)n, a);
		if (strstr(before, line) == NULL)
			return line;
		a += n + (a[n] == '\n');
	}
	return "(none: something was removed)";
}

static int
same_tree(const char *dir, const char *before)
{
	char *now = adv_snapshot(dir, NULL);
	int same = strcmp(now, before) == 0;

	free(now);
	return same;
}

static void
assert_old_site(struct fx *f, const char *before, const char *what)
{
	char *now = adv_snapshot(f->out, NULL);

	adv_assert_same_tree(before, now, what);
	free(now);
}

/* After a failure: the next build succeeds, cleans up, and its site is
 * the one a fresh build gives. */
static void
assert_recovers(struct fx *f)
{
	char fresh[700];

	build_ok(f, f->out, f->c2);
	assert_false(staging_left(f));
	snprintf(fresh, sizeof(fresh), "%s/fresh", f->root);
	tu_rm_rf(fresh);
	build_ok(f, fresh, f->c2);
	assert_diff_r(fresh, f->out);
	tu_rm_rf(fresh);
}

static void
test_full_disk(void **state)
{
	struct fx *f = *state;
	static const long limits[] = { 1, 512, 4096, 16384, 65536 };
	char *before = old_site(f);

	for (size_t i = 0; i < sizeof(limits) / sizeof(*limits); i++) {
		struct adv_run r = { 0 };

		r.fsize = limits[i];
		build(&r, f, f->out, f->c2, NULL, NULL);
		if (r.status == 0)
			fail_msg("RLIMIT_FSIZE %ld: the build succeeded",
			    limits[i]);
		assert_int_equal(r.status, 1);
		assert_non_null(strstr(r.err, "pmsite: "));
		assert_old_site(f, before, "full disk");
		assert_false(staging_left(f));
		print_message("RLIMIT_FSIZE %6ld: exit 1: %.*s\n", limits[i],
		    (int)strcspn(r.err, "\n"), r.err);
		adv_run_free(&r);
	}
	free(before);
	assert_recovers(f);
}

static void
test_sigkill_mid_build(void **state)
{
	struct fx *f = *state;
	char *before, ref[700], left_before[1024], left_after[1024];
	struct adv_run r = { 0 };
	int midway = 0, tries;
	double lo = 0, hi, at;

	snprintf(ref, sizeof(ref), "%s/reference", f->root);
	build_ok(f, ref, f->c2);
	/* Time the build the kills interrupt: the old site of c1 replaced
	 * by c2, with the cache as warm as it will be in the loop. */
	build_ok(f, f->out, f->c2);
	before = old_site(f);
	build(&r, f, f->out, f->c2, NULL, NULL);
	assert_int_equal(r.status, 0);
	hi = r.seconds;
	adv_run_free(&r);
	free(before);
	before = old_site(f);
	/*
	 * Bisect for a moment when the site is being written: killed with
	 * nothing on disk yet means later, finished means earlier.  Every
	 * kill must leave the old site exactly as it was.
	 */
	for (tries = 0; tries < 40 && midway < 2; tries++) {
		at = tries == 0 ? 0.05 : (lo + hi) / 2;
		staging_names(left_before, sizeof(left_before), f);
		memset(&r, 0, sizeof(r));
		r.kill_after_ms = (int)(at * 1000) > 0 ? (int)(at * 1000) : 1;
		build(&r, f, f->out, f->c2, NULL, NULL);
		if (r.status == 0) {
			hi = at;
			adv_run_free(&r);
			free(before);
			before = old_site(f);
			continue;
		}
		assert_int_equal(r.status, 128 + 9);
		if (!same_tree(f->out, before)) {
			/* Killed after the swap (removing the old tree,
			 * writing the cache): the new site must be whole. */
			assert_diff_r(ref, f->out);
			hi = at;
			adv_run_free(&r);
			free(before);
			before = old_site(f);
			continue;
		}
		staging_names(left_after, sizeof(left_after), f);
		if (left_after[0] && strcmp(left_after, left_before) != 0) {
			/* A staging folder of this very build. */
			midway++;
			/* Look for another moment, a little earlier. */
			hi = at;
		} else {
			lo = at;
		}
		adv_run_free(&r);
	}
	print_message("build %.3f s; %d tries, %d killed while writing\n",
	    r.seconds, tries, midway);
	assert_true(midway >= 1);
	free(before);
	assert_recovers(f);
}

static void
test_read_only_parent(void **state)
{
	struct fx *f = *state;
	char parent[700], out[800], *before;
	struct adv_run r = { 0 };

	if (geteuid() == 0) {
		/* root writes through mode bits: nothing to test. */
		print_message("skipped: running as root, which ignores "
		    "directory permissions\n");
		skip();
	}
	snprintf(parent, sizeof(parent), "%s/ro", f->root);
	snprintf(out, sizeof(out), "%s/site", parent);
	mkdir(parent, 0755);
	build_ok(f, out, f->c1);
	before = adv_snapshot(parent, NULL);
	assert_int_equal(chmod(parent, 0555), 0);
	build(&r, f, out, f->c2, NULL, NULL);
	chmod(parent, 0755);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, parent));
	{
		char *after = adv_snapshot(parent, NULL);

		adv_assert_same_tree(before, after, "read-only parent");
		free(after);
	}
	adv_run_free(&r);
	free(before);
}

/* The loose object file of the blob at path in commit. */
static void
object_path(char *out, size_t size, const struct fx *f, const char *path)
{
	git_repository *repo = NULL;
	git_object *obj = NULL;
	char spec[128], hex[41];

	assert_int_equal(git_repository_open(&repo, f->repo), 0);
	snprintf(spec, sizeof(spec), "%s:%s", f->c2, path);
	assert_int_equal(git_revparse_single(&obj, repo, spec), 0);
	git_oid_tostr(hex, sizeof(hex), git_object_id(obj));
	snprintf(out, size, "%s/.git/objects/%.2s/%s", f->repo, hex, hex + 2);
	git_object_free(obj);
	git_repository_free(repo);
}

static void
test_corrupt_object(void **state)
{
	struct fx *f = *state;
	char obj[800], *saved, *before = old_site(f);
	struct adv_run r = { 0 };
	size_t len = 0;

	object_path(obj, sizeof(obj), f, "content/2024-01-01-inc-000.md");
	saved = tu_read(obj, &len);
	assert_non_null(saved);
	chmod(obj, 0644);
	tu_write("/", obj + 1, "garbage, not a zlib stream\n");
	build(&r, f, f->out, f->c2, NULL, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "pmsite: "));
	assert_old_site(f, before, "corrupt object");
	assert_false(staging_left(f));
	print_message("corrupt blob: %.*s\n", (int)strcspn(r.err, "\n"),
	    r.err);
	adv_run_free(&r);
	/* A truncated object (a copy cut in half) is no better. */
	{
		FILE *fp = fopen(obj, "wb");

		assert_non_null(fp);
		fwrite(saved, 1, len / 2, fp);
		fclose(fp);
	}
	memset(&r, 0, sizeof(r));
	/* libgit2 1.5 alone would inflate this forever (libgit2#7342); the
	 * CPU limit turns a regression of the guard into a failure, not a
	 * hung test. */
	r.cpu_limit = 10 * adv_time_scale();
	build(&r, f, f->out, f->c2, NULL, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "corrupt loose object (truncated)"));
	print_message("truncated blob: %.*s\n", (int)strcspn(r.err, "\n"),
	    r.err);
	assert_old_site(f, before, "truncated object");
	adv_run_free(&r);
	{
		FILE *fp = fopen(obj, "wb");

		fwrite(saved, 1, len, fp);
		fclose(fp);
	}
	free(saved);
	free(before);
	assert_recovers(f);
}

static void
test_missing_and_broken_refs(void **state)
{
	struct fx *f = *state;
	char *before = old_site(f), path[800], *head;
	struct adv_run r = { 0 };

	build(&r, f, f->out, "refs/heads/no-such-branch", NULL, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "no-such-branch"));
	assert_old_site(f, before, "missing ref");
	adv_run_free(&r);

	build(&r, f, f->out, "0123456789abcdef0123456789abcdef01234567",
	    NULL, NULL);
	assert_int_equal(r.status, 1);
	assert_old_site(f, before, "unknown commit id");
	adv_run_free(&r);

	/* HEAD names a branch whose ref file holds garbage. */
	snprintf(path, sizeof(path), "%s/.git/refs/heads/broken", f->repo);
	tu_write("/", path + 1, "not an object id\n");
	build(&r, f, f->out, "broken", NULL, NULL);
	assert_int_equal(r.status, 1);
	assert_old_site(f, before, "broken ref");
	adv_run_free(&r);
	unlink(path);

	/* An unborn HEAD. */
	snprintf(path, sizeof(path), "%s/.git/HEAD", f->repo);
	head = tu_read(path, NULL);
	assert_non_null(head);
	tu_write("/", path + 1, "ref: refs/heads/unborn\n");
	build(&r, f, f->out, NULL, NULL, NULL);
	assert_int_equal(r.status, 1);
	assert_non_null(strstr(r.err, "pmsite: "));
	assert_old_site(f, before, "unborn HEAD");
	adv_run_free(&r);
	tu_write("/", path + 1, head);
	free(head);
	free(before);
	assert_recovers(f);
}

/*
 * Each refusal: exit 1, a message, nothing changed anywhere under the
 * test's folder.  Judged after everything is freed, so a failure leaks
 * nothing (ASan would count it).
 */
static void
refused(struct fx *f, const char *out, const char *const *env, int force)
{
	struct adv_run r = { 0 };
	char *before = adv_snapshot(f->root, NULL), *after, why[1200];

	build(&r, f, out, f->c1, env, force ? "--force" : NULL);
	after = adv_snapshot(f->root, NULL);
	why[0] = '\0';
	if (r.status != 1 || strstr(r.err, "pmsite: ") == NULL)
		snprintf(why, sizeof(why), "--out %s%s: exit %d: %.900s", out,
		    force ? " --force" : "", r.status, r.err);
	else if (strcmp(before, after) != 0)
		snprintf(why, sizeof(why), "--out %s: refused, but the tree "
		    "changed (first new entry: %.400s)", out,
		    first_new_line(before, after));
	else
		print_message("--out %s: %.*s\n", out,
		    (int)strcspn(r.err, "\n"), r.err);
	free(before);
	free(after);
	adv_run_free(&r);
	if (why[0])
		fail_msg("%s", why);
}

static void
test_refuse_root(void **state)
{
	struct fx *f = *state;
	struct pm_output *o = NULL;
	struct pm_error err;

	/* In-process first: should the refusal of "/" ever break, this
	 * fails here instead of letting the binary try to replace it. */
	pm_error_clear(&err);
	assert_int_equal(pm_output_open(&o, "/", NULL, &err), PM_EEXISTS);
	assert_null(o);
	refused(f, "/", NULL, 1);
}

static void
test_refuse_home(void **state)
{
	struct fx *f = *state;
	char home[700], homeenv[800];
	const char *env[] = { homeenv, NULL };

	snprintf(home, sizeof(home), "%s/home", f->root);
	tu_write(home, "notes.txt", "mine\n");
	snprintf(homeenv, sizeof(homeenv), "HOME=%s", home);
	refused(f, home, env, 0);
	refused(f, home, env, 1);
}

static void
test_refuse_repository(void **state)
{
	struct fx *f = *state;
	char dotgit[700];

	refused(f, f->repo, NULL, 1);
	snprintf(dotgit, sizeof(dotgit), "%s/.git", f->repo);
	refused(f, dotgit, NULL, 1);
}

static void
test_refuse_foreign(void **state)
{
	struct fx *f = *state;
	char foreign[700];

	snprintf(foreign, sizeof(foreign), "%s/foreign", f->root);
	tu_write(foreign, "precious.txt", "do not delete\n");
	refused(f, foreign, NULL, 0);
	/* A file where the site would go, even with --force. */
	tu_write(f->root, "afile", "x\n");
	snprintf(foreign, sizeof(foreign), "%s/afile", f->root);
	refused(f, foreign, NULL, 1);
}

static void
test_reproducible(void **state)
{
	struct fx *f = *state;
	char a[700], b[700], sa[700], sb[700], cmd[2400];
	const char *env_a[] = { "TZ=Pacific/Kiritimati", "LC_ALL=C",
	    "SOURCE_DATE_EPOCH=0", NULL };
	const char *env_b[] = { "TZ=America/Adak", "LANG=C.UTF-8", NULL };
	struct adv_run r = { 0 };
	const char *args_a[] = { "build", "--repo", a, "--out", sa, "-q",
	    NULL };
	const char *args_b[] = { "build", "--repo", b, "--out", sb, "-q",
	    NULL };

	snprintf(a, sizeof(a), "%s/clone-a", f->root);
	snprintf(b, sizeof(b), "%s/clone-b", f->root);
	snprintf(sa, sizeof(sa), "%s/site-a", f->root);
	snprintf(sb, sizeof(sb), "%s/site-b", f->root);
	/* The git command, not git_clone(): libgit2 1.5.1 leaks there. */
	snprintf(cmd, sizeof(cmd), "git clone -q '%s' '%s' && "
	    "find '%s' -exec touch -h -d '2001-02-03 04:05:06' {} +",
	    f->repo, a, a);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	adv_run_pmsite(&r, args_a, env_a);
	assert_int_equal(r.status, 0);
	adv_run_free(&r);
	sleep(1);
	snprintf(cmd, sizeof(cmd), "git clone -q '%s' '%s'", f->repo, b);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	adv_run_pmsite(&r, args_b, env_b);
	assert_int_equal(r.status, 0);
	adv_run_free(&r);
	assert_diff_r(sa, sb);

	/* --worktree reads files on disk: their mtimes must not matter. */
	snprintf(cmd, sizeof(cmd), "find '%s/content' -exec touch -d "
	    "'2030-01-01' {} +", b);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	{
		const char *wa[] = { "build", "--worktree", "--repo", a,
		    "--out", sa, "-q", NULL };
		const char *wb[] = { "build", "--worktree", "--repo", b,
		    "--out", sb, "-q", NULL };

		memset(&r, 0, sizeof(r));
		adv_run_pmsite(&r, wa, env_a);
		assert_int_equal(r.status, 0);
		adv_run_free(&r);
		memset(&r, 0, sizeof(r));
		adv_run_pmsite(&r, wb, env_b);
		assert_int_equal(r.status, 0);
		adv_run_free(&r);
	}
	assert_diff_r(sa, sb);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_full_disk, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_sigkill_mid_build, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_read_only_parent, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_object, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_missing_and_broken_refs,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_refuse_root, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refuse_home, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refuse_repository, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_refuse_foreign, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_reproducible, setup,
		    teardown),
	};

	/* FAULTS_ONLY=test_full_disk runs one test (a glob). */
	if (getenv("FAULTS_ONLY"))
		cmocka_set_test_filter(getenv("FAULTS_ONLY"));
	return cmocka_run_group_tests_name("faults", tests, NULL, NULL);
}
