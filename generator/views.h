/*
 * views.h: the pages of the site, each as an output path, the theme
 * template that renders it and the context (a value tree) it renders with;
 * or, for data files (incidents.json, .nojekyll), the bytes themselves.
 *
 * Contract
 *  - pm_views_build() appends every page of the site to a struct pm_pages.
 *    Pages, paths and contexts live in the arena passed in; the contexts
 *    borrow strings of the incidents (build arena), so they must not
 *    outlive it.  The site must have been through pm_site_finish(); its
 *    taxonomy (site->taxonomy, NULL for the built-in one) names the causes.
 *  - Paths are relative to the output directory and use only the slug
 *    alphabet, so output never has to guess at them.
 *  - Links inside contexts are relative (`root` is "", "../" or "../../"),
 *    so the site works under any prefix and from disk (file://); absolute
 *    URLs (canonical, feeds) use base_url and are null when it is "".
 *  - An incident page's context is made only when the page is rendered
 *    (pm_page.make), in an arena of the rendering thread that is freed
 *    with the page: the site never holds ten thousand contexts at once.
 *    make reads the site and the views' shared records, which are never
 *    written after pm_views_build() returns, so pages may be made on
 *    several threads at once.  It needs a, the arena given to
 *    pm_views_build(), alive.  The same goes for the data files
 *    (pm_page.write): incidents.json and the search index are written
 *    one record at a time, each built and freed in turn, and so are the
 *    feeds.
 *  - Pages are in a fixed order; nothing depends on the clock ("this year"
 *    on the home page is the year of the newest incident).
 *  - Text reaches templates as strings for {{ }} (escaped); only the SVG
 *    pictures and the postmortem body are meant for {{{ }}}.
 *  - Errors: only those of the feeds, the search index and the SVG
 *    drawers, passed on unchanged.
 *
 * The context keys of each template are listed in README.md ("Template
 * variables").
 */
#ifndef PM_VIEWS_H
#define PM_VIEWS_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "digest.h"
#include "error.h"
#include "site.h"
#include "value.h"

/* Incidents listed under "latest" on the home page. */
#define PM_VIEWS_LATEST 10
/* The summary and root-cause texts of an incident's summary box are cut
 * to this many bytes (at a word, with "…"); the whole text is in the
 * body. */
#define PM_VIEWS_CAUSE_SHORT 320

/*
 * Where a data page's writer puts its bytes: into buf, which the writer
 * hands on in pieces with pm_page_sink_drain() so that a large page (the
 * record export is 6 KB an incident) is never held whole.  flush gives
 * the pieces on (0, or an error); NULL keeps them all in buf.
 */
struct pm_page_sink {
	struct pm_buf *buf;
	int (*flush)(void *arg, const char *data, size_t len,
	    struct pm_error *err);
	void *arg;
	/* Bytes flush has taken: buf's first byte is at this offset of
	 * the page.  Kept by pm_page_sink_drain(). */
	uint64_t flushed;
	/*
	 * Optional, for pm_page_sink_piece(): appends to buf the bytes of
	 * the piece named key as the last build wrote them and returns 1,
	 * or returns 0 (nothing appended) when it knows none.  Set by the
	 * renderer (render.h), which vouches for the bytes.
	 */
	int (*reuse)(void *arg, const struct pm_digest *key,
	    struct pm_buf *buf);
	void *reuse_arg;
	/* Optional: each piece put is recorded here, for the next build. */
	struct pm_page_pieces *pieces;
};

/*
 * A piece of a data page: bytes that are a function of key alone (a
 * record of incidents.json is one of the digest of its record), and
 * where they sit in the page.
 */
struct pm_page_piece {
	struct pm_digest key;
	uint64_t off, len;
};

/* A growing list of pieces, malloc()ed; pm_page_pieces_free() empties
 * it. */
struct pm_page_pieces {
	struct pm_page_piece *items;
	size_t len, cap;
};

void pm_page_pieces_free(struct pm_page_pieces *p);

/*
 * Put one piece whose bytes are a function of key: those the sink's
 * reuse gives for key, else those put(arg) appends to the buf it is
 * given; recorded in the sink's pieces, then drained.  A writer whose
 * page is made of such pieces has most of it copied instead of made
 * when only a few pieces changed.  0, or the error of the drain.
 */
int pm_page_sink_piece(struct pm_page_sink *out, const struct pm_digest *key,
    void (*put)(struct pm_buf *buf, const void *arg), const void *arg,
    struct pm_error *err);

/* buf passes this many bytes before a drain hands them on. */
#define PM_PAGE_SINK_PIECE (256u << 10)

/* Hand the bytes of out->buf on once they pass PM_PAGE_SINK_PIECE (all
 * of them when at_end), leaving it empty: 0 or the flush's error. */
int pm_page_sink_drain(struct pm_page_sink *out, int at_end,
    struct pm_error *err);

struct pm_page {
	const char *path;		/* "incidents/x/index.html" */
	const char *template;		/* theme template, NULL for data */
	const struct pm_value *context;	/* for template pages */
	const char *data;		/* for data pages */
	size_t len;
	/*
	 * When not NULL (context is then NULL): makes the context in arena
	 * at render time; without pictures, for pm_page_key() only.  Errors
	 * are those of the SVG drawers.
	 */
	int (*make)(const struct pm_value **context, struct pm_arena *arena,
	    const struct pm_page *page, int pictures, struct pm_error *err);
	/*
	 * When not NULL (beside make): puts into d what make's context is
	 * made from, beyond env, the path and the template, for
	 * pm_page_key() to name instead of making and encoding the context
	 * (the digests of the records it holds, of the body).  It must name
	 * everything the context depends on: a read it misses keeps a page
	 * stale.
	 */
	void (*inputs)(struct pm_digester *d, const struct pm_page *page);
	/*
	 * When not NULL (a data page, data NULL): writes the bytes to out
	 * at render time.  Errors are those of the feeds and of out.
	 */
	int (*write)(struct pm_page_sink *out, const struct pm_page *page,
	    struct pm_error *err);
	/*
	 * For a page made by write, what pm_page_key() may take its bytes
	 * to depend on: PM_PAGE_READS_RECORDS, the incident records, in
	 * order; PM_PAGE_READS_SEARCH, the incidents' search entries
	 * (search.h), in order; 0, more than that (the page has no key).
	 */
	int write_reads;
	/*
	 * Set on the pages that go through the whole site (the lists, the
	 * export, the search index): the longest jobs of a build, which
	 * the renderer takes first (render.h) so none of them is left for
	 * the end while the other threads wait.
	 */
	unsigned char first;
	/* The views (for make, write and pm_page_key()). */
	const void *make_arg;
	size_t make_index;		/* for make: the site position */
};

#define PM_PAGE_READS_RECORDS 1
#define PM_PAGE_READS_SEARCH 2

struct pm_pages {
	struct pm_page *items;
	size_t len, cap;
};

/* The records of the incidents are made on jobs threads (1 or less:
 * the calling thread alone); the pages do not depend on it. */
int pm_views_build(struct pm_pages *pages, struct pm_arena *arena,
    const struct pm_site *site, int jobs, struct pm_error *err);

/*
 * The context of a template page: page->context, or the one page->make
 * makes in arena (which the caller frees when the page is written).
 * Errors: those of make.
 */
int pm_page_context(const struct pm_value **out, const struct pm_page *page,
    struct pm_arena *arena, struct pm_error *err);

/*
 * The key of a page: a digest of env (what every page depends on beyond
 * its inputs: pmsite, the theme, the configuration), the page's path and
 * its inputs.  Those of a template page are its template's name and its
 * context, or what page->inputs names in its place; an incident page's
 * timeline pictures are left out, being drawn from the incident's record
 * in that same context.  Those of a data page are what its write_reads
 * says.  Pages with equal keys come out as equal bytes, so a rebuild may
 * keep the file of a page whose key did not change (render.h).  The
 * records that many contexts share are digested once, by
 * pm_views_build().  scratch is the caller's, for the encoding; a context
 * made for the key lives in arena, which the caller frees.  Returns 1
 * with the key, 0 for a page that has none, or the errors of make.
 */
int pm_page_key(struct pm_digest *out, const struct pm_page *page,
    const struct pm_digest *env, struct pm_arena *arena,
    struct pm_buf *scratch, struct pm_error *err);

/*
 * Append the bytes of a data page (template NULL) to out: page->data, or
 * what page->write writes.  Errors: those of write.
 */
int pm_page_data(struct pm_buf *out, const struct pm_page *page,
    struct pm_error *err);

/* The same, into a sink that may hand them on in pieces; whatever is
 * left in its buf at the end is the caller's to pass on.  Errors: those
 * of write and of the sink. */
int pm_page_data_to(struct pm_page_sink *out, const struct pm_page *page,
    struct pm_error *err);

/* "2024-03-05…" as "5 March 2024"; NULL when s is not a date (a day the
 * month does not have included: "2023-02-29"). */
const char *pm_views_human_date(struct pm_arena *arena, const char *s);

/* 95 -> "1 h 35 min", 30 -> "30 min", 2000 -> "1 d 9 h 20 min",
 * 1440 -> "1 d"; parts that are zero are left out.  NULL when negative. */
const char *pm_views_human_minutes(struct pm_arena *arena, long minutes);

/* 1 -> "1st", 2 -> "2nd", 3 -> "3rd", 11 -> "11th", 22 -> "22nd". */
const char *pm_views_ordinal(struct pm_arena *arena, size_t n);

/*
 * When an incident happened, for people, in the zone it was written in:
 * "5 March 2024, 10:00 – 12:45 EST", "22 October 2024, 16:50 –
 * 23 October 2024, 03:10 UTC-05:00".  start and end are ISO 8601 as in
 * the record (end may be NULL); timezone is the zone as written, else the
 * offset of start is shown.  NULL when start is NULL or unreadable.
 */
const char *pm_views_human_span(struct pm_arena *arena, const char *start,
    const char *end, const char *timezone);

#endif
