/*
 * views_int.h: what views.c shares with views_pages.c (the state of one
 * views build, the page list, the common context and the value helpers).
 * Not part of the public API: everyone else includes views.h.
 *
 * Everything is allocated in the arena of the build (v->a) and borrows the
 * site; nothing is freed on its own.
 */
#ifndef PM_VIEWS_INT_H
#define PM_VIEWS_INT_H

#include "classify.h"
#include "views.h"

struct views {
	struct pm_arena *a;
	const struct pm_site *site;
	const struct pm_taxonomy *tax;
	struct pm_site_stats stats;
	struct pm_value *sitev;		/* the `site` of every context */
	struct pm_value **records;	/* by site position, with displays */
	struct pm_value **causes;	/* by position in stats.causes */
	struct pm_pages *pages;
	/* pm_site_misleading(), made once: its page is made at render
	 * time, when the site's arena must not be touched. */
	struct pm_misleading_group *misleading;
	size_t nmisleading;
	/* views_key.c: the digest of each record and of each search entry
	 * (when the incident has one), and a table from record to site
	 * position (by address; empty slots NULL). */
	struct pm_digest *digests;
	struct pm_digest *search_digests;
	struct pm_digest site_digest;	/* of sitev */
	struct pm_digest *cause_digests;	/* of causes, in records */
	const struct pm_value **known;
	size_t *known_at;
	size_t known_mask;
};

/* The record with displays of an incident (views.c). */
struct pm_value *views_incident_value(struct views *v,
    const struct pm_incident *inc);

/*
 * Make and digest every record, on jobs threads (views_key.c).  The
 * causes must be finished: records hold them, and they are digested
 * with them.
 */
void views_make_records(struct views *v, int jobs);

void views_push_page(struct views *v, const struct pm_page *page);

/*
 * The `site` of every context; with_commit adds the commit, which only the
 * home page has: on every page it would change the inputs of every page
 * at every commit, and a rebuild could keep none (render.h).
 */
struct pm_value *views_site_value(const struct pm_site *site,
    struct pm_arena *a, int with_commit);

/*
 * The context every page starts from: site, page (title, path,
 * canonical), root, and section ({causes: true} for the nav's
 * aria-current; NULL section: none).
 */
struct pm_value *views_context(struct views *v, const char *path,
    const char *title, const char *root, const char *section);

/* Add a template page with ctx. */
void views_add(struct views *v, const char *path, const char *tpl,
    struct pm_value *ctx);

/*
 * A page whose context make builds at render time, in the rendering
 * thread's arena, and which is freed with the page: for contexts too big
 * to keep for the whole build (every action item of the site), so the
 * page is one of the first taken (pm_page.first).  make must read v
 * only through views_for_make(): it runs on any thread, so it may
 * allocate in nothing but the arena it is given.
 */
void views_add_made(struct views *v, const char *path, const char *tpl,
    int (*make)(const struct pm_value **, struct pm_arena *,
    const struct pm_page *, int, struct pm_error *));

/* The views as a make of page sees them: allocating in arena, adding no
 * page. */
void views_for_make(struct views *local, const struct pm_page *page,
    struct pm_arena *arena);

/* The record (with displays) of an incident of the site. */
struct pm_value *views_record(struct views *v, const struct pm_incident *inc);

/* Figures as a map of numbers and display strings. */
struct pm_value *views_figures(struct views *v, const struct pm_figures *f);

/* The name of category id: the taxonomy's, else the id itself. */
const char *views_cause_name(const struct views *v, const char *id);

/* The cause map of id ({id, slug, name, description, count, figures,
 * latest}), shared by every page; NULL when the site has no such cause. */
struct pm_value *views_cause(struct views *v, const char *id);

/* "once", "twice", "3 times"; "never" for 0. */
const char *views_times(struct views *v, size_t n);

/* The bytes of b as an arena string (NULL when b is empty); b is left
 * empty for the next picture. */
const char *views_take(struct views *v, struct pm_buf *b);

/* n in decimal at p, without printf (which costs more than the rest of
 * an action item's displays); returns the end.  p has room for 21. */
char *views_put_decimal(char *p, long n);

/* Add a data page holding a copy of b's bytes. */
void views_push_data(struct views *v, const char *path,
    const struct pm_buf *b);

/* Add the data files: incidents.json, search.json, search-index.js and
 * the feeds (views_data.c), all written at render time. */
void views_add_data(struct views *v);

/* views_pages.c: the pages beyond one incident. */
int views_add_home(struct views *v, struct pm_error *err);
void views_add_incident_list(struct views *v);
int views_add_causes(struct views *v, struct pm_error *err);
void views_add_actions(struct views *v);
void views_add_misleading(struct views *v);
void views_add_search(struct views *v);

#endif
