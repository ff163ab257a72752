/*
 * ingest_pool.c: the documents of a build handed out one at a time, through
 * an atomic counter, to a pool of threads (as render.c does with pages).
 *
 * Why a lock around the parse and not a parsing thread feeding the others:
 * the parse is under a tenth of the work of a document (0.6 s of 7.4 s of
 * ingest at 10,000 postmortems), so threads rarely wait on each other, and
 * a document stays on one thread from bytes to review, with no queue and
 * no hand-over of cmark trees between threads.
 */
#include "ingest_pool.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "check.h"
#include "extract.h"
#include "incident.h"
#include "ingest.h"
#include "itemhist.h"
#include "search.h"

/* As in render.c: beyond this, threads only wait on the locks. */
#define MAX_JOBS 64

struct pool {
	struct pm_ingest_task *tasks;
	size_t n;
	atomic_size_t next;
	const struct pm_source *src;
	const struct pm_config *cfg;
	const struct pm_taxonomy *tax;
	pthread_mutex_t parse_lock;
};

struct worker {
	pthread_t thread;
	struct pool *pool;
	struct pm_arena *arena;
};

/*
 * The document's bytes, its parse and the extractor's scratch are twice
 * the size of the incident they give; they go to an arena of the task's
 * own, and only a copy of the incident to the build's arena (at 10,000
 * postmortems, 80 MB less held through the rest of the build).
 */
static void
run_task(struct pool *pool, struct pm_ingest_task *t, struct pm_arena *arena)
{
	struct pm_arena *scratch = pm_arena_new();
	struct pm_extract_report rep;
	struct pm_incident inc;
	struct pm_buf entry = PM_BUF_INIT;
	const char *data;
	size_t len;

	pm_error_clear(&t->err);
	/* Read here, not at load: a build whose cache holds a document
	 * never reads it, and this thread inflates while others parse. */
	if (pm_source_doc_bytes(pool->src, t->doc, scratch, &data, &len,
	    &t->err) < 0 || pm_ingest_doc(&inc, &rep, scratch, t->doc, data,
	    len, pool->cfg, pool->tax, &pool->parse_lock, &t->warnings,
	    &t->err) < 0) {
		t->failed = 1;
		goto out;
	}
	/* Ages of action items are a nicety: an old version that cannot be
	 * read costs them, not the build. */
	if (pm_itemhist_apply(&inc, t->doc, data, len, pool->src,
	    &t->err) < 0) {
		pm_warnings_add(&t->warnings, t->doc->path, 0,
		    "action item history unavailable: %s", t->err.message);
		pm_error_clear(&t->err);
	}
	/* The review of `pmsite check`, so writers see it on every build;
	 * it never stops one. */
	pm_check_incident(&t->warnings, &inc, &rep, t->doc->path);
	/* Made here, on every thread, and kept by the cache, so that a
	 * rebuild cuts into words only the documents that changed. */
	pm_search_entry(&entry, &inc);
	inc.search_entry = pm_buf_cstr(&entry);
	inc.search_entry_len = entry.len;
	pm_incident_copy(&t->inc, &inc, arena);
out:
	pm_buf_free(&entry);
	pm_arena_free(scratch);
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct pool *pool = w->pool;
	size_t i;

	while ((i = atomic_fetch_add(&pool->next, 1)) < pool->n)
		run_task(pool, &pool->tasks[i], w->arena);
	return NULL;
}

void
pm_ingest_pool_run(struct pm_ingest_task *tasks, size_t n,
    struct pm_arena *arena, const struct pm_source *src,
    const struct pm_config *cfg, const struct pm_taxonomy *tax, int jobs)
{
	struct pool pool;
	struct worker *w;
	int i, started = 0;

	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	if ((size_t)jobs > n)
		jobs = (int)n;
	if (jobs < 1)
		jobs = 1;
	for (size_t k = 0; k < n; k++) {
		struct pm_warnings empty = PM_WARNINGS_INIT;

		tasks[k].warnings = empty;
		tasks[k].failed = 0;
		pm_error_clear(&tasks[k].err);
	}
	pool.tasks = tasks;
	pool.n = n;
	atomic_init(&pool.next, 0);
	pool.src = src;
	pool.cfg = cfg;
	pool.tax = tax;
	pthread_mutex_init(&pool.parse_lock, NULL);
	w = pm_xcalloc((size_t)jobs, sizeof(*w));
	for (i = 0; i < jobs; i++) {
		w[i].pool = &pool;
		/* The calling thread is worker 0 and uses arena itself. */
		w[i].arena = i ? pm_arena_new() : arena;
	}
	for (i = 1; i < jobs; i++) {
		if (pthread_create(&w[i].thread, NULL, work, &w[i]) != 0)
			break;
		started = i;
	}
	work(&w[0]);
	for (i = 1; i <= started; i++)
		pthread_join(w[i].thread, NULL);
	for (i = 1; i < jobs; i++)
		pm_arena_adopt(arena, w[i].arena);
	pthread_mutex_destroy(&pool.parse_lock);
	free(w);
}
