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
#include "workers.h"

/* A version of a document to read for its action items. */
struct version_job {
	size_t task, v;
};

struct pool {
	struct pm_ingest_task *tasks;
	size_t *order;		/* tasks in the order their blobs are read */
	size_t n;
	struct pm_itemhist **hist;	/* per task, NULL: nothing to follow */
	struct version_job *jobs;	/* in the order of their blobs */
	size_t njobs;
	atomic_size_t next;
	const struct pm_source *src;
	const struct pm_config *cfg;
	const struct pm_taxonomy *tax;
	pthread_mutex_t parse_lock;
};

struct worker {
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
run_task(struct pool *pool, size_t i, struct pm_arena *arena)
{
	struct pm_ingest_task *t = &pool->tasks[i];
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
	/* The old versions are read later, all documents' together. */
	pool->hist[i] = pm_itemhist_new(&inc, t->doc, data, len);
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

/*
 * The tasks by where their blobs lie in the packs: the threads take them
 * in turn, so between them they read each chain of deltas front to back
 * (packorder.h).  Which thread works on which task never shows in the
 * results.
 */
static size_t *
read_order(const struct pm_ingest_task *tasks, size_t n)
{
	uint64_t *keys = pm_xcalloc(n + 1, sizeof(*keys));
	size_t *order = pm_xcalloc(n + 1, sizeof(*order));

	for (size_t k = 0; k < n; k++)
		keys[k] = tasks[k].doc->pack_key;
	pm_source_read_order(keys, n, order);
	free(keys);
	return order;
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct pool *pool = w->pool;
	size_t i;

	while ((i = atomic_fetch_add(&pool->next, 1)) < pool->n)
		run_task(pool, pool->order[i], w->arena);
	return NULL;
}

/*
 * The old versions of every document with action items, read in the
 * order of the packs: a document's versions usually lie in other chains
 * of deltas than its last one, so reading them with the document undid
 * most of what reading in pack order saves (packorder.h).
 */
static void
list_versions(struct pool *pool)
{
	uint64_t *keys;
	size_t *order, cap = 0;
	struct version_job *jobs = NULL;

	pool->njobs = 0;
	for (size_t i = 0; i < pool->n; i++)
		for (size_t v = 0; pool->hist[i] &&
		    v < pool->tasks[i].doc->nversions; v++) {
			if (!pm_itemhist_needs(pool->hist[i], v))
				continue;
			if (pool->njobs == cap) {
				cap = cap ? 2 * cap : 64;
				jobs = pm_xrealloc(jobs,
				    pm_xmul(cap, sizeof(*jobs)));
			}
			jobs[pool->njobs].task = i;
			jobs[pool->njobs++].v = v;
		}
	keys = pm_xcalloc(pool->njobs + 1, sizeof(*keys));
	order = pm_xcalloc(pool->njobs + 1, sizeof(*order));
	for (size_t k = 0; k < pool->njobs; k++)
		keys[k] = pool->tasks[jobs[k].task].doc->versions[jobs[k].v]
		    .pack_key;
	pm_source_read_order(keys, pool->njobs, order);
	pool->jobs = pm_xcalloc(pool->njobs + 1, sizeof(*pool->jobs));
	for (size_t k = 0; k < pool->njobs; k++)
		pool->jobs[k] = jobs[order[k]];
	free(jobs);
	free(keys);
	free(order);
}

static void *
read_versions(void *arg)
{
	struct worker *w = arg;
	struct pool *pool = w->pool;
	struct pm_buf old = PM_BUF_INIT;
	struct pm_error err;
	size_t k;

	while ((k = atomic_fetch_add(&pool->next, 1)) < pool->njobs) {
		const struct version_job *j = &pool->jobs[k];
		struct pm_itemhist *h = pool->hist[j->task];

		pm_error_clear(&err);
		if (pm_source_read_version(pool->src, pool->tasks[j->task].doc,
		    j->v, &old, &err) == 0)
			pm_itemhist_version(h, j->v, old.ptr, old.len);
		else
			pm_itemhist_failed(h, j->v, err.message);
	}
	pm_buf_free(&old);
	return NULL;
}

/* Run fn on every worker, the calling thread as worker 0. */
static void
run_workers(struct worker *w, int jobs, void *(*fn)(void *))
{
	atomic_store(&w[0].pool->next, 0);
	pm_workers_run(jobs, fn, w, sizeof(*w));
}

/* Ages of action items are a nicety: an old version that cannot be read
 * costs them, not the build. */
static void
finish_items(struct pool *pool, struct pm_arena *arena)
{
	for (size_t i = 0; i < pool->n; i++) {
		struct pm_ingest_task *t = &pool->tasks[i];
		struct pm_error err;

		if (pool->hist[i] == NULL)
			continue;
		pm_error_clear(&err);
		if (!t->failed && pm_itemhist_finish(pool->hist[i], &t->inc,
		    arena, &err) < 0)
			pm_warnings_add(&t->warnings, t->doc->path, 0,
			    "action item history unavailable: %s",
			    err.message);
		pm_itemhist_free(pool->hist[i]);
	}
}

void
pm_ingest_pool_run(struct pm_ingest_task *tasks, size_t n,
    struct pm_arena *arena, const struct pm_source *src,
    const struct pm_config *cfg, const struct pm_taxonomy *tax, int jobs)
{
	struct pool pool;
	struct worker *w;
	int i;

	jobs = pm_workers_for(jobs, n);
	for (size_t k = 0; k < n; k++) {
		struct pm_warnings empty = PM_WARNINGS_INIT;

		tasks[k].warnings = empty;
		tasks[k].failed = 0;
		pm_error_clear(&tasks[k].err);
	}
	pool.tasks = tasks;
	pool.order = read_order(tasks, n);
	pool.hist = pm_xcalloc(n + 1, sizeof(*pool.hist));
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
	run_workers(w, jobs, work);
	list_versions(&pool);
	run_workers(w, jobs, read_versions);
	for (i = 1; i < jobs; i++)
		pm_arena_adopt(arena, w[i].arena);
	finish_items(&pool, arena);
	pthread_mutex_destroy(&pool.parse_lock);
	free(pool.jobs);
	free(pool.hist);
	free(pool.order);
	free(w);
}
