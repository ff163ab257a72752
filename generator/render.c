/*
 * render.c: rendering pages on a pool of threads.  Work is handed out one
 * page at a time through an atomic counter, which balances big and small
 * pages without any planning; each thread keeps one buffer for all the
 * pages it renders.
 */
#include "render.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Beyond this, threads only add contention on the output's lock. */
#define MAX_JOBS 64

struct pool {
	struct pm_output *out;
	const struct pm_pages *pages;
	const struct pm_template_set *set;
	atomic_size_t next;
	/*
	 * The lowest index of a page that failed.  Pages are handed out in
	 * order, so every page before it was already taken and will finish:
	 * the error reported is that of the first failing page, whatever
	 * the timing.  Pages after it are not started.
	 */
	atomic_size_t stop_at;
};

struct worker {
	pthread_t thread;
	struct pool *pool;
	struct pm_error err;
	size_t failed_at;	/* page index of err, when set */
};

static int
render_one(struct pm_buf *b, const struct pool *pool, size_t i,
    struct pm_error *err)
{
	const struct pm_page *p = &pool->pages->items[i];
	const struct pm_template *tpl;
	const struct pm_value *ctx;
	struct pm_arena *arena = NULL;
	int rc = PM_ERROR;

	if (p->template == NULL && p->write == NULL)
		return pm_output_write(pool->out, p->path, p->data, p->len,
		    err);
	if (p->template == NULL) {
		pm_buf_clear(b);
		if (pm_page_data(b, p, err) < 0)
			return PM_ERROR;
		return pm_output_write(pool->out, p->path, b->ptr ? b->ptr :
		    "", b->len, err);
	}
	tpl = pm_template_set_get(pool->set, p->template);
	if (tpl == NULL)
		return pm_error_set(err, PM_ENOTFOUND, NULL, 0, 0,
		    "theme has no template '%s.mustache' (for %s)",
		    p->template, p->path);
	/* A context made for this page lives only as long as the page. */
	if (p->make)
		arena = pm_arena_new();
	pm_buf_clear(b);
	if (pm_page_context(&ctx, p, arena, err) == 0 &&
	    pm_template_render(b, tpl, pool->set, ctx, err) == 0)
		rc = pm_output_write(pool->out, p->path, b->ptr ? b->ptr : "",
		    b->len, err);
	pm_arena_free(arena);
	return rc;
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct pool *pool = w->pool;
	struct pm_buf b = PM_BUF_INIT;
	size_t i;

	for (;;) {
		i = atomic_fetch_add(&pool->next, 1);
		if (i >= pool->pages->len || i >= atomic_load(&pool->stop_at))
			break;
		if (render_one(&b, pool, i, &w->err) < 0) {
			size_t cur = atomic_load(&pool->stop_at);

			w->failed_at = i;
			while (i < cur && !atomic_compare_exchange_weak(
			    &pool->stop_at, &cur, i))
				;
			break;
		}
	}
	pm_buf_free(&b);
	return NULL;
}

int
pm_render_default_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > MAX_JOBS ? MAX_JOBS : (int)n;
}

int
pm_render_pages(struct pm_output *out, const struct pm_pages *pages,
    const struct pm_template_set *set, int jobs, struct pm_error *err)
{
	struct pool pool;
	struct worker *w;
	const struct worker *first = NULL;
	int i, started = 0, rc = 0;

	if (jobs < 1)
		jobs = 1;
	if (jobs > MAX_JOBS)
		jobs = MAX_JOBS;
	if ((size_t)jobs > pages->len)
		jobs = pages->len ? (int)pages->len : 1;
	pool.out = out;
	pool.pages = pages;
	pool.set = set;
	atomic_init(&pool.next, 0);
	atomic_init(&pool.stop_at, SIZE_MAX);
	w = pm_xcalloc((size_t)jobs, sizeof(*w));
	for (i = 0; i < jobs; i++) {
		w[i].pool = &pool;
		pm_error_clear(&w[i].err);
	}
	/* The calling thread is worker 0; a thread that cannot be started
	 * only means less parallelism. */
	for (i = 1; i < jobs; i++) {
		if (pthread_create(&w[i].thread, NULL, work, &w[i]) != 0)
			break;
		started = i;
	}
	work(&w[0]);
	for (i = 1; i <= started; i++)
		pthread_join(w[i].thread, NULL);
	for (i = 0; i < jobs; i++)
		if (pm_error_is_set(&w[i].err) &&
		    (first == NULL || w[i].failed_at < first->failed_at))
			first = &w[i];
	if (first) {
		if (err && !pm_error_is_set(err))
			*err = first->err;
		rc = first->err.code;
	}
	free(w);
	return rc;
}
