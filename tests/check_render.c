/*
 * check_render.c: pm_render_pages() into a real output folder.  A page
 * that outgrows one piece goes out in pieces (render.c); the file must
 * hold exactly what a render into one buffer gives, on one thread and on
 * several, and a second incremental build of the same bytes must keep
 * the published file, whether it was written whole or in pieces.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "arena.h"
#include "error.h"
#include "mustache.h"
#include "output.h"
#include "render.h"
#include "testutil.h"
#include "value.h"
#include "views.h"

/* Row i of a made list: {name, note}; note makes rows wide. */
static struct pm_value *
make_row(const void *arg, size_t i, struct pm_arena *a)
{
	struct pm_value *row = pm_value_new_map(a);

	(void)arg;
	pm_value_map_set_str(a, row, "name", pm_arena_printf(a, "row-%zu", i));
	pm_value_map_set_str(a, row, "note", "a <note> & some words to make "
	    "the page grow past a piece");
	return row;
}

struct rfx {
	char *dir;
	char site[600];
	struct pm_arena *arena;
	struct pm_template_set *set;
	struct pm_pages pages;
	struct pm_value_maker maker;
};

static struct pm_value *
rows(struct rfx *x, size_t n)
{
	struct pm_value *ctx = pm_value_new_map(x->arena);

	pm_value_map_set(x->arena, ctx, "rows",
	    pm_value_new_made_list(x->arena, n, &x->maker));
	return ctx;
}

static void
add_page(struct rfx *x, const char *path, const struct pm_value *ctx)
{
	struct pm_page p = { .path = path, .template = "list",
	    .context = ctx };

	x->pages.items[x->pages.len++] = p;
}

static void
rfx_init(struct rfx *x)
{
	const char *tpl = "<ul>\n{{#rows}}<li>{{name}}: {{note}}</li>\n"
	    "{{/rows}}</ul>\n";
	struct pm_error err;

	memset(x, 0, sizeof(*x));
	x->dir = tu_tempdir();
	snprintf(x->site, sizeof(x->site), "%s/site", x->dir);
	x->arena = pm_arena_new();
	x->maker.make = make_row;
	pm_template_set_new(&x->set);
	pm_error_clear(&err);
	assert_int_equal(pm_template_set_add(x->set, "list", tpl,
	    strlen(tpl), &err), 0);
	x->pages.cap = 8;
	x->pages.items = pm_arena_calloc(x->arena, x->pages.cap,
	    sizeof(*x->pages.items));
	/* Three pieces and more, one row, and a page between. */
	add_page(x, "big/index.html", rows(x, 20000));
	add_page(x, "small.html", rows(x, 1));
	add_page(x, "middle/index.html", rows(x, 3000));
	add_page(x, "big2/index.html", rows(x, 12000));
}

static void
rfx_free(struct rfx *x)
{
	pm_template_set_free(x->set);
	pm_arena_free(x->arena);
	tu_rm_rf(x->dir);
	free(x->dir);
}

static void
build(struct rfx *x, int jobs)
{
	struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	struct pm_error err;

	opts.incremental = 1;
	pm_error_clear(&err);
	assert_int_equal(pm_output_open(&o, x->site, &opts, &err), 0);
	assert_int_equal(pm_render_pages(o, &x->pages, x->set, jobs, NULL,
	    &err), 0);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);
}

/* Every page's file against the same page rendered into one buffer. */
static void
expect_files(struct rfx *x)
{
	for (size_t i = 0; i < x->pages.len; i++) {
		const struct pm_page *p = &x->pages.items[i];
		struct pm_buf want = PM_BUF_INIT;
		struct pm_error err;
		char path[800];
		size_t len;
		char *got;

		pm_error_clear(&err);
		assert_int_equal(pm_template_render(&want, pm_template_set_get(
		    x->set, "list"), x->set, p->context, &err), 0);
		snprintf(path, sizeof(path), "%s/%s", x->site, p->path);
		got = tu_read(path, &len);
		assert_non_null(got);
		assert_int_equal(len, want.len);
		assert_memory_equal(got, want.ptr, len);
		free(got);
		pm_buf_free(&want);
	}
}

static ino_t
inode_of(const struct rfx *x, const char *rel)
{
	struct stat st;
	char path[800];

	snprintf(path, sizeof(path), "%s/%s", x->site, rel);
	assert_int_equal(lstat(path, &st), 0);
	return st.st_ino;
}

static void
test_large_pages_in_pieces(void **state)
{
	struct rfx x;

	(void)state;
	rfx_init(&x);
	build(&x, 1);
	expect_files(&x);
	/* The big pages really are larger than one piece. */
	{
		char path[800];
		struct stat st;

		snprintf(path, sizeof(path), "%s/big/index.html", x.site);
		assert_int_equal(stat(path, &st), 0);
		assert_true((size_t)st.st_size > 3 * PM_PAGE_SINK_PIECE);
	}
	rfx_free(&x);
}

static void
test_pieces_on_threads_and_kept(void **state)
{
	struct rfx x;
	ino_t big, small;

	(void)state;
	rfx_init(&x);
	build(&x, 3);
	expect_files(&x);
	big = inode_of(&x, "big/index.html");
	small = inode_of(&x, "small.html");
	/* The same bytes again: both files are kept, not rewritten. */
	build(&x, 2);
	expect_files(&x);
	assert_int_equal(inode_of(&x, "big/index.html"), big);
	assert_int_equal(inode_of(&x, "small.html"), small);
	rfx_free(&x);
}

/*
 * The pages marked first are taken first (the longest jobs), so among
 * failing pages the one reported is the first marked, not the first in
 * the list, whatever the number of threads.
 */
static void
test_first_pages_first(void **state)
{
	struct rfx x;

	(void)state;
	for (int jobs = 1; jobs <= 3; jobs++) {
		struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
		struct pm_output *o = NULL;
		struct pm_error err;

		rfx_init(&x);
		x.pages.items[1].template = "absent-a";
		x.pages.items[3].template = "absent-b";
		x.pages.items[3].first = 1;
		pm_error_clear(&err);
		assert_int_equal(pm_output_open(&o, x.site, &opts, &err), 0);
		assert_true(pm_render_pages(o, &x.pages, x.set, jobs, NULL,
		    &err) < 0);
		assert_non_null(strstr(err.message, "absent-b"));
		assert_null(strstr(err.message, "absent-a"));
		pm_output_free(o);
		rfx_free(&x);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_large_pages_in_pieces),
		cmocka_unit_test(test_pieces_on_threads_and_kept),
		cmocka_unit_test(test_first_pages_first),
	};

	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
