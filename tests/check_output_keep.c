/*
 * check_output_keep.c: pm_output_keep(), keeping a published file by its
 * stat, on real trees in a temporary directory: into a recycled staging
 * tree whose folders exist already or hold leftovers in the way (a file,
 * a link, a folder where the file goes), never through a symbolic link
 * of either tree, and into a fresh one from two threads at once; and the
 * sweep of a recycled folder too wide for one thread.  The keeps run
 * twice: with folder paths opened in one openat2 call, and with the
 * walk of one level at a time that systems without openat2 get.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "error.h"
#include "output.h"
#include "testutil.h"

struct kfx {
	char *dir;		/* holds site/, spare/ and outside/ */
	char site[600], spare[600], outside[600];
};

static void
kfx_init(struct kfx *x)
{
	x->dir = tu_tempdir();
	snprintf(x->site, sizeof(x->site), "%s/site", x->dir);
	snprintf(x->spare, sizeof(x->spare), "%s/spare", x->dir);
	snprintf(x->outside, sizeof(x->outside), "%s/outside", x->dir);
}

static void
kfx_free(struct kfx *x)
{
	tu_rm_rf(x->dir);
	free(x->dir);
}

/* root/rel as a path, in buf. */
static const char *
at(char buf[800], const char *root, const char *rel)
{
	snprintf(buf, 800, "%s/%s", root, rel);
	return buf;
}

/* Open x->site for an incremental build, recycling the parked tree when
 * spare is set, folder paths opened with openat2 when beneath is. */
static struct pm_output *
open_site(struct kfx *x, int spare, int beneath)
{
	struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	struct pm_error err;

	opts.incremental = 1;
	opts.spare = spare ? x->spare : NULL;
	pm_error_clear(&err);
	assert_int_equal(pm_output_open(&o, x->site, &opts, &err), 0);
	pm_output__set_beneath(o, beneath);
	return o;
}

/* Publish files (path, bytes, ..., NULL) written whole. */
static void
publish(struct kfx *x, const char *const *files, int spare)
{
	struct pm_output *o = open_site(x, spare, 1);
	struct pm_error err;

	pm_error_clear(&err);
	for (size_t i = 0; files[i]; i += 2)
		assert_int_equal(pm_output_write(o, files[i], files[i + 1],
		    strlen(files[i + 1]), &err), 0);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);
}

/* The lstat of path, which must exist. */
static struct stat
lstat_of(const char *path)
{
	struct stat st;

	assert_int_equal(lstat(path, &st), 0);
	return st;
}

/* As the build cache records the published file root/rel. */
static struct pm_output_stat
kept_stat(const char *root, const char *rel)
{
	struct pm_output_stat s;
	struct stat st;
	char p[800];

	st = lstat_of(at(p, root, rel));
	pm_output_stat_of(&s, &st);
	return s;
}

/* Replace root/rel, whatever it is, with a symbolic link to target. */
static void
make_link(const char *root, const char *rel, const char *target)
{
	char p[800];

	tu_rm_rf(at(p, root, rel));
	assert_int_equal(symlink(target, p), 0);
}

static const char *const pages[] = {
	"top.html", "T", "d/e/a.html", "A", "f/b.html", "B",
	"g/c.html", "C", "i/j.html", "J", "k/l.html", "L",
	"n/o/p.html", "P", NULL
};

/*
 * A recycled tree mostly holds the very files already, in folders that
 * exist; whatever else stands at a kept path is replaced, and a link is
 * never followed, neither in the parked tree nor in the published one.
 */
static void
recycled(int beneath)
{
	struct pm_output_stat expect[16], q;
	struct pm_output *o;
	struct pm_error err;
	struct kfx x;
	struct stat st;
	ino_t outside_a, outside_l;
	char p[800], target[800];
	size_t n = 0;

	kfx_init(&x);
	publish(&x, pages, 1);
	publish(&x, pages, 1);	/* the first tree is parked */
	/* Leftovers in the parked tree: a folder level that is a link to
	 * a folder outside holding a file of that name, a level that is a
	 * file, a folder where a file goes, the same bytes in another
	 * file, a link to a file outside, levels gone. */
	tu_write(x.outside, "e/a.html", "A");
	tu_write(x.outside, "l.html", "L");
	outside_a = lstat_of(at(p, x.outside, "e/a.html")).st_ino;
	outside_l = lstat_of(at(p, x.outside, "l.html")).st_ino;
	make_link(x.spare, "d/e", at(target, x.outside, "e"));
	tu_rm_rf(at(p, x.spare, "f"));
	tu_write(x.spare, "f", "a file where a folder goes");
	tu_rm_rf(at(p, x.spare, "g/c.html"));
	tu_write(x.spare, "g/c.html/inside", "C");
	assert_int_equal(unlink(at(p, x.spare, "i/j.html")), 0);
	tu_write(x.spare, "i/j.html", "J");
	make_link(x.spare, "k/l.html", at(target, x.outside, "l.html"));
	tu_rm_rf(at(p, x.spare, "n"));
	/* In the published site, a folder that is a link to one outside
	 * holding the file the caller knew. */
	tu_write(x.outside, "q/q.html", "Q");
	q = kept_stat(x.outside, "q/q.html");
	make_link(x.site, "q", at(target, x.outside, "q"));
	/* The parked files are the published ones, so unlinking them
	 * above changed their change time: what the caller knows now. */
	for (size_t i = 0; pages[i]; i += 2)
		expect[n++] = kept_stat(x.site, pages[i]);

	o = open_site(&x, 1, beneath);
	pm_error_clear(&err);
	n = 0;
	for (size_t i = 0; pages[i]; i += 2)
		assert_int_equal(pm_output_keep(o, pages[i], &expect[n++],
		    &err), 1);
	assert_int_equal(pm_output_keep(o, "q/q.html", &q, &err), 0);
	assert_int_equal(pm_output_kept(o), n);
	assert_int_equal(pm_output_files(o), n);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);

	/* Every page is the published file, in real folders. */
	n = 0;
	for (size_t i = 0; pages[i]; i += 2) {
		st = lstat_of(at(p, x.site, pages[i]));
		assert_true(S_ISREG(st.st_mode));
		assert_true(st.st_ino == (ino_t)expect[n++].ino);
	}
	assert_true(S_ISDIR(lstat_of(at(p, x.site, "d/e")).st_mode));
	assert_true(S_ISDIR(lstat_of(at(p, x.site, "f")).st_mode));
	assert_false(tu_exists(at(p, x.site, "q")));
	/* Nothing outside was linked, replaced or removed. */
	st = lstat_of(at(p, x.outside, "e/a.html"));
	assert_true(st.st_ino == outside_a);
	assert_int_equal(st.st_nlink, 1);
	st = lstat_of(at(p, x.outside, "l.html"));
	assert_true(st.st_ino == outside_l);
	assert_int_equal(st.st_nlink, 1);
	assert_int_equal(lstat_of(at(p, x.outside, "q/q.html")).st_nlink, 1);
	kfx_free(&x);
}

static void
test_recycled_openat2(void **state)
{
	(void)state;
	recycled(1);
}

static void
test_recycled_walk(void **state)
{
	(void)state;
	recycled(0);
}

/*
 * In a steady rebuild the recycled tree holds the published files
 * themselves, linked into both sites: each is kept where it stands.  One
 * changed in place since the caller recorded it changed in both trees,
 * and is not kept.
 */
static void
recycled_in_place(int beneath)
{
	struct pm_output_stat expect[16];
	struct pm_output *o;
	struct pm_error err;
	struct kfx x;
	struct stat st;
	char p[800];
	size_t n = 0;
	FILE *fp;

	kfx_init(&x);
	publish(&x, pages, 1);
	publish(&x, pages, 1);
	o = open_site(&x, 1, 1);
	pm_error_clear(&err);
	for (size_t i = 0; pages[i]; i += 2) {
		expect[n] = kept_stat(x.site, pages[i]);
		assert_int_equal(pm_output_keep(o, pages[i], &expect[n++],
		    &err), 1);
	}
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);
	/* Both trees hold every page now. */
	n = 0;
	for (size_t i = 0; pages[i]; i += 2) {
		assert_true(lstat_of(at(p, x.site, pages[i])).st_ino ==
		    (ino_t)expect[n].ino);
		assert_true(lstat_of(at(p, x.spare, pages[i])).st_ino ==
		    (ino_t)expect[n++].ino);
	}
	fp = fopen(at(p, x.site, "f/b.html"), "a");
	assert_non_null(fp);
	fputs("changed", fp);
	fclose(fp);

	o = open_site(&x, 1, beneath);
	n = 0;
	for (size_t i = 0; pages[i]; i += 2) {
		int want = strcmp(pages[i], "f/b.html") != 0;

		assert_int_equal(pm_output_keep(o, pages[i], &expect[n++],
		    &err), want);
		if (!want)
			assert_int_equal(pm_output_write(o, pages[i],
			    pages[i + 1], strlen(pages[i + 1]), &err), 0);
	}
	assert_int_equal(pm_output_kept(o), n - 1);
	assert_int_equal(pm_output_commit(o, &err), 0);
	n = 0;
	for (size_t i = 0; pages[i]; i += 2) {
		char *got = tu_read(at(p, x.site, pages[i]), NULL);

		st = lstat_of(p);
		assert_string_equal(got, pages[i + 1]);
		free(got);
		if (strcmp(pages[i], "f/b.html") != 0)
			assert_true(st.st_ino == (ino_t)expect[n].ino);
		n++;
	}
	/* The listing knows the stat of each page kept in place, and it is
	 * the published file's; the rewritten page's it leaves unknown. */
	{
		size_t count;
		struct pm_output_file *files = pm_output_list(o, &count);
		struct pm_output_stat now;

		assert_int_equal(count, n);
		for (size_t i = 0; i < count; i++) {
			int rewritten = strcmp(files[i].path, "f/b.html") == 0;

			assert_int_equal(files[i].stat_known, !rewritten);
			st = lstat_of(at(p, x.site, files[i].path));
			pm_output_stat_of(&now, &st);
			if (!rewritten)
				assert_true(pm_output_stat_equal(&files[i].st,
				    &now));
		}
		free(files);
	}
	pm_output_free(o);
	kfx_free(&x);
}

static void
test_recycled_in_place_openat2(void **state)
{
	(void)state;
	recycled_in_place(1);
}

static void
test_recycled_in_place_walk(void **state)
{
	(void)state;
	recycled_in_place(0);
}

#define NPAGES 200

/* One of two threads keeping every other page. */
struct keeper {
	struct pm_output *o;
	const struct pm_output_stat *expect;
	int first;
	int kept;		/* pm_output_keep() gave 1 */
	struct pm_error err;
};

static void
page_path(char buf[64], int i)
{
	/* Pages share folder levels with the other thread's. */
	if (i % 4 < 2)
		snprintf(buf, 64, "s/%03d/index.html", i);
	else
		snprintf(buf, 64, "t/u/%03d.html", i);
}

static void *
keep_run(void *arg)
{
	struct keeper *k = arg;
	char rel[64];

	pm_error_clear(&k->err);
	for (int i = k->first; i < NPAGES; i += 2) {
		page_path(rel, i);
		k->kept += pm_output_keep(k->o, rel, &k->expect[i],
		    &k->err) == 1;
	}
	return NULL;
}

/* In a fresh staging tree every folder is made by a kept page, two
 * threads making the shared ones at once. */
static void
fresh_two_threads(int beneath)
{
	struct pm_output_stat expect[NPAGES];
	struct keeper k[2];
	pthread_t t[2];
	struct pm_output *o;
	struct pm_error err;
	struct kfx x;
	char rel[64], p[800];
	const char *files[2 * NPAGES + 1];
	char *names[NPAGES];

	kfx_init(&x);
	for (int i = 0; i < NPAGES; i++) {
		page_path(rel, i);
		names[i] = strdup(rel);
		files[2 * i] = names[i];
		files[2 * i + 1] = "page";
	}
	files[2 * NPAGES] = NULL;
	publish(&x, files, 0);
	for (int i = 0; i < NPAGES; i++)
		expect[i] = kept_stat(x.site, names[i]);
	o = open_site(&x, 0, beneath);
	for (int i = 0; i < 2; i++) {
		k[i] = (struct keeper){ o, expect, i, 0, { 0 } };
		assert_int_equal(pthread_create(&t[i], NULL, keep_run, &k[i]),
		    0);
	}
	for (int i = 0; i < 2; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(k[0].kept + k[1].kept, NPAGES);
	assert_int_equal(pm_output_kept(o), NPAGES);
	pm_error_clear(&err);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);
	for (int i = 0; i < NPAGES; i++) {
		assert_true(lstat_of(at(p, x.site, names[i])).st_ino ==
		    (ino_t)expect[i].ino);
		free(names[i]);
	}
	kfx_free(&x);
}

static void
test_fresh_two_threads_openat2(void **state)
{
	(void)state;
	fresh_two_threads(1);
}

static void
test_fresh_two_threads_walk(void **state)
{
	(void)state;
	fresh_two_threads(0);
}

#define WIDE 600

/* Entries of the folder path, which must exist. */
static int
entries(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* Publish WIDE pages w/NNN/index.html but the one numbered skip, the
 * parked tree recycled, its sweep on jobs threads. */
static void
publish_wide(struct kfx *x, int skip, int jobs)
{
	struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	struct pm_error err;
	char rel[64];

	opts.incremental = 1;
	opts.spare = x->spare;
	opts.jobs = jobs;
	pm_error_clear(&err);
	assert_int_equal(pm_output_open(&o, x->site, &opts, &err), 0);
	for (int i = 0; i < WIDE; i++) {
		if (i == skip)
			continue;
		snprintf(rel, sizeof(rel), "w/%03d/index.html", i);
		assert_int_equal(pm_output_write(o, rel, rel, strlen(rel),
		    &err), 0);
	}
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);
}

/*
 * A folder holding more page folders than one thread sweeps is swept on
 * several: what no page claimed goes from every one of them, links are
 * removed and not followed, and what was claimed stays.
 */
static void
test_sweep_wide(void **state)
{
	struct kfx x;
	char p[800], target[800];

	(void)state;
	kfx_init(&x);
	publish_wide(&x, -1, 3);
	publish_wide(&x, -1, 3);	/* the first tree is parked */
	tu_write(x.spare, "w/007/extra.html", "stale");
	tu_write(x.spare, "w/123/sub/deep.html", "stale");
	tu_write(x.spare, "w/stray/index.html", "stale");
	tu_write(x.outside, "kept/file.html", "outside");
	assert_int_equal(symlink(at(target, x.outside, "kept"),
	    at(p, x.spare, "w/321/link")), 0);

	publish_wide(&x, 5, 3);
	assert_int_equal(entries(at(p, x.site, "w")), WIDE - 1);
	assert_false(tu_exists(at(p, x.site, "w/005")));
	assert_int_equal(entries(at(p, x.site, "w/007")), 1);
	assert_int_equal(entries(at(p, x.site, "w/123")), 1);
	assert_int_equal(entries(at(p, x.site, "w/321")), 1);
	assert_true(tu_exists(at(p, x.site, "w/599/index.html")));
	assert_true(tu_exists(at(p, x.outside, "kept/file.html")));
	kfx_free(&x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_recycled_openat2),
		cmocka_unit_test(test_recycled_walk),
		cmocka_unit_test(test_recycled_in_place_openat2),
		cmocka_unit_test(test_recycled_in_place_walk),
		cmocka_unit_test(test_fresh_two_threads_openat2),
		cmocka_unit_test(test_fresh_two_threads_walk),
		cmocka_unit_test(test_sweep_wide),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
