/*
 * render.h: every page of the site through its template and into the
 * output, on several threads.
 *
 * Contract
 *  - pm_render_pages() renders pages->items[i] with the template of the
 *    same name from set (data pages are written as they are) and writes
 *    each with pm_output_write().  jobs threads share the work (jobs <= 1:
 *    the calling thread alone); the bytes of every page are the same
 *    whatever jobs is, because each page is rendered on its own from
 *    read-only inputs: compiled templates, contexts and the site are
 *    never written during rendering.  A page made at render time
 *    (pm_page.make) gets an arena of its own, freed once it is written.
 *  - Pages are taken in turn: those marked first (pm_page.first), then
 *    the others, each group in list order.  On failure it returns the
 *    error of the page whose turn comes first among those that failed,
 *    so the message does not depend on thread timing; pages after a
 *    failure may or may not have been written (the caller aborts the
 *    output anyway).
 *  - Reuse (reuse not NULL): before a template page is rendered, its key
 *    (views.h pm_page_key()) is made; when the published site's file at
 *    that path was made from the same key and is still as that build
 *    left it, the file is kept as it is (pm_output_keep()) and the page
 *    is not rendered.  The key of every template page goes to
 *    reuse->keys for the next build.  A kept page has the bytes a
 *    render would give, so the output does not depend on reuse either.
 *  - Pieces (reuse not NULL): a data page that is not kept is written
 *    with its pieces (views.h pm_page_sink_piece()) recorded in
 *    reuse->pieces; a piece whose key, salted with env, the last build's
 *    file at that path also had is copied from that file, when the file
 *    is still as that build left it (pm_output_open_last()), instead of
 *    being made.  Copied pieces are the bytes a writer would give, as a
 *    kept page is.
 *  - Nothing it allocates outlives the call, except reuse->pieces.
 */
#ifndef PM_RENDER_H
#define PM_RENDER_H

#include "error.h"
#include "mustache.h"
#include "output.h"
#include "views.h"

struct pm_render_reuse {
	/* Mixed into every key: what all pages depend on beyond their
	 * contexts (pmsite, the theme, the configuration). */
	struct pm_digest env;
	/* The key the published file at path was made from, and the stat
	 * it had then: 1, or 0 when there is none.  Called from the
	 * rendering threads at once. */
	int (*last)(struct pm_digest *key, struct pm_output_stat *st,
	    const char *path, const void *arg);
	const void *arg;
	/*
	 * Optional: the pieces (views.h) of the published file at path as
	 * the last build wrote them, and the stat the file had then: 1, or
	 * 0 when there are none.  Called from the rendering threads at once.
	 */
	int (*last_pieces)(const struct pm_page_piece **pieces, size_t *n,
	    struct pm_output_stat *st, const char *path, const void *arg);
	/* Filled in: the key of each page (pages->len of each), keyed[i]
	 * set when page i has one (template pages), and how many pages were
	 * kept without rendering. */
	struct pm_digest *keys;
	unsigned char *keyed;
	size_t reused;
	/* When not NULL (pages->len of them, empty): filled in with the
	 * pieces of each data page written, their keys salted with env;
	 * the caller frees each with pm_page_pieces_free(). */
	struct pm_page_pieces *pieces;
	/* Filled in: pieces copied from the last build's files. */
	size_t pieces_reused;
};

/* The number of online processors, at least 1 (the default for -j). */
int pm_render_default_jobs(void);

int pm_render_pages(struct pm_output *out, const struct pm_pages *pages,
    const struct pm_template_set *set, int jobs,
    struct pm_render_reuse *reuse, struct pm_error *err);

#endif
