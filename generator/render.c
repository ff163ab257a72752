/*
 * render.c: rendering pages on a pool of threads.  Work is handed out one
 * page at a time through an atomic counter, which balances big and small
 * pages with little planning: the pages that go through the whole site
 * go first, as the longest jobs (the record export of ten thousand
 * incidents was the tail of a rebuild when it started last).  Each
 * thread keeps one buffer for all the pages it renders.
 */
#include "render.h"
#include "workers.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pool {
	struct pm_output *out;
	const struct pm_pages *pages;
	const struct pm_template_set *set;
	struct pm_render_reuse *reuse;	/* or NULL */
	size_t *order;			/* the page of each turn */
	atomic_size_t next;		/* the next turn */
	/*
	 * The lowest turn of a page that failed.  Turns are handed out in
	 * order, so every page before it was already taken and will finish:
	 * the error reported is that of the first failing turn, whatever
	 * the timing.  Pages after it are not started.
	 */
	atomic_size_t stop_at;
	atomic_size_t pieces_reused;	/* copied by copy_piece() */
};

struct worker {
	struct pool *pool;
	struct pm_error err;
	size_t failed_at;	/* turn of err, when set */
	size_t reused;		/* pages kept by their key */
};

/*
 * Keep page i's published file when its key did not change: 1 when kept,
 * 0 when the page must be rendered, PM_ERROR.  The key's context is made
 * in an arena of its own, freed before the page is rendered.
 */
static int
reuse_one(struct pm_buf *b, const struct pool *pool, size_t i,
    struct pm_error *err)
{
	struct pm_render_reuse *r = pool->reuse;
	const struct pm_page *p = &pool->pages->items[i];
	struct pm_arena *arena = pm_arena_new();
	struct pm_output_stat st;
	struct pm_digest last;
	int rc;

	rc = pm_page_key(&r->keys[i], p, &r->env, arena, b, err);
	pm_arena_free(arena);
	if (rc <= 0)
		return rc;
	r->keyed[i] = 1;
	if (r->last == NULL || !r->last(&last, &st, p->path, r->arg) ||
	    !pm_digest_equal(&last, &r->keys[i]))
		return 0;
	return pm_output_keep(pool->out, p->path, &st, err);
}

static int
put_piece(void *stream, const char *data, size_t len, struct pm_error *err)
{
	return pm_output_stream_put(stream, data, len, err);
}

/* A piece's key as the state keeps it: the writer's key says what the
 * bytes are made from, env what made them (pmsite, theme, options). */
static void
salt(struct pm_digest *out, const struct pm_digest *env,
    const struct pm_digest *key)
{
	unsigned char both[2 * PM_DIGEST_SIZE];

	memcpy(both, env->bytes, PM_DIGEST_SIZE);
	memcpy(both + PM_DIGEST_SIZE, key->bytes, PM_DIGEST_SIZE);
	pm_digest_bytes(out, both, sizeof(both));
}

/* The last build's pieces of one file, by salted key: open addressing
 * over a power of two of slots, each the index of a piece plus one. */
struct last_file {
	const struct pm_render_reuse *r;
	const struct pm_page_piece *pieces;
	size_t *slots, mask, reused;
	uint64_t size;
	int fd;
};

static size_t
slot_of(const struct pm_digest *key, size_t mask)
{
	uint64_t h;

	memcpy(&h, key->bytes, sizeof(h));
	return (size_t)h & mask;
}

/* Pieces longer than this are made again rather than read (a damaged
 * state could name any length). */
#define PIECE_MAX (64u << 20)

/* pm_page_sink.reuse: the piece's bytes read from the last file. */
static int
copy_piece(void *arg, const struct pm_digest *key, struct pm_buf *buf)
{
	struct last_file *lf = arg;
	const struct pm_page_piece *pc = NULL;
	struct pm_digest k;
	size_t s, got = 0;

	salt(&k, &lf->r->env, key);
	for (s = slot_of(&k, lf->mask); lf->slots[s]; s = (s + 1) & lf->mask)
		if (pm_digest_equal(&lf->pieces[lf->slots[s] - 1].key, &k)) {
			pc = &lf->pieces[lf->slots[s] - 1];
			break;
		}
	if (pc == NULL || pc->len > PIECE_MAX || pc->off > lf->size ||
	    pc->len > lf->size - pc->off)
		return 0;
	pm_buf_grow(buf, (size_t)pc->len);
	while (got < pc->len) {
		ssize_t n = pread(lf->fd, buf->ptr + buf->len + got,
		    (size_t)pc->len - got, (off_t)(pc->off + got));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;	/* nothing appended: buf->len is as it was */
		got += (size_t)n;
	}
	buf->len += got;
	buf->ptr[buf->len] = '\0';
	lf->reused++;
	return 1;
}

/* Open page i's last file for copy_piece(): 1, or 0 when it has no
 * pieces to give. */
static int
open_last(struct last_file *lf, const struct pool *pool,
    const struct pm_page *p)
{
	const struct pm_render_reuse *r = pool->reuse;
	struct pm_output_stat st;
	size_t n, cap = 16;

	*lf = (struct last_file){ .r = r, .fd = -1 };
	if (r->last_pieces == NULL ||
	    !r->last_pieces(&lf->pieces, &n, &st, p->path, r->arg) || n == 0 ||
	    (lf->fd = pm_output_open_last(pool->out, p->path, &st)) < 0)
		return 0;
	lf->size = st.size;
	while (cap < 2 * n)
		cap *= 2;
	lf->slots = pm_xcalloc(cap, sizeof(*lf->slots));
	lf->mask = cap - 1;
	for (size_t i = 0; i < n; i++) {
		size_t s = slot_of(&lf->pieces[i].key, lf->mask);

		while (lf->slots[s])
			s = (s + 1) & lf->mask;
		lf->slots[s] = i + 1;
	}
	return 1;
}

/*
 * A data page goes out in pieces as its writer makes them: the record
 * export of ten thousand incidents is 60 MB that need not be held.  With
 * reuse, the pieces its writer names are recorded, and those the last
 * build wrote are copied from its file.
 */
static int
stream_page(struct pm_buf *b, struct pool *pool, size_t i,
    struct pm_error *err)
{
	const struct pm_page *p = &pool->pages->items[i];
	struct pm_render_reuse *r = pool->reuse;
	struct pm_output_stream *s;
	struct pm_page_sink sink = { .buf = b, .flush = put_piece };
	struct last_file lf = { .fd = -1 };
	int rc, closed;

	if ((rc = pm_output_stream_open(&s, pool->out, p->path, err)) < 0)
		return rc;
	sink.arg = s;
	if (r && open_last(&lf, pool, p)) {
		sink.reuse = copy_piece;
		sink.reuse_arg = &lf;
	}
	if (r && r->pieces)
		sink.pieces = &r->pieces[i];
	pm_buf_clear(b);
	rc = pm_page_data_to(&sink, p, err);
	if (rc == 0)
		rc = pm_page_sink_drain(&sink, 1, err);
	pm_buf_clear(b);
	closed = pm_output_stream_close(s, rc == 0, err);
	for (size_t k = 0; sink.pieces && k < sink.pieces->len; k++)
		salt(&sink.pieces->items[k].key, &r->env,
		    &sink.pieces->items[k].key);
	atomic_fetch_add(&pool->pieces_reused, lf.reused);
	free(lf.slots);
	if (lf.fd >= 0)
		close(lf.fd);
	return rc < 0 ? rc : closed;
}

/*
 * A template page is written whole, as most pages are small; one that
 * outgrows a piece (the lists of every incident or action item run to
 * megabytes) goes out in pieces, its file opened at the first.
 */
struct page_stream {
	const struct pool *pool;
	const char *path;
	struct pm_output_stream *s;
};

static int
put_page_piece(void *arg, const char *data, size_t len,
    struct pm_error *err)
{
	struct page_stream *ps = arg;
	int rc;

	if (ps->s == NULL && (rc = pm_output_stream_open(&ps->s,
	    ps->pool->out, ps->path, err)) < 0)
		return rc;
	return pm_output_stream_put(ps->s, data, len, err);
}

static int
render_template(struct pm_buf *b, const struct pool *pool,
    const struct pm_page *p, const struct pm_template *tpl,
    const struct pm_value *ctx, struct pm_error *err)
{
	struct page_stream ps = { pool, p->path, NULL };
	struct pm_template_sink sink = { put_page_piece, &ps,
	    PM_PAGE_SINK_PIECE };
	int rc, closed;

	pm_buf_clear(b);
	rc = pm_template_render_to(b, &sink, tpl, pool->set, ctx, err);
	if (ps.s == NULL)
		return rc < 0 ? rc : pm_output_write(pool->out, p->path,
		    b->ptr ? b->ptr : "", b->len, err);
	if (rc == 0 && b->len)
		rc = pm_output_stream_put(ps.s, b->ptr, b->len, err);
	pm_buf_clear(b);
	closed = pm_output_stream_close(ps.s, rc == 0, err);
	return rc < 0 ? rc : closed;
}

static int
render_one(struct pm_buf *b, struct pool *pool, size_t i,
    size_t *reused, struct pm_error *err)
{
	const struct pm_page *p = &pool->pages->items[i];
	const struct pm_template *tpl = NULL;
	const struct pm_value *ctx;
	struct pm_arena *arena = NULL;
	int rc;

	if (p->template == NULL && p->write == NULL)
		return pm_output_write(pool->out, p->path, p->data, p->len,
		    err);
	if (p->template &&
	    (tpl = pm_template_set_get(pool->set, p->template)) == NULL)
		return pm_error_set(err, PM_ENOTFOUND, NULL, 0, 0,
		    "theme has no template '%s.mustache' (for %s)",
		    p->template, p->path);
	if (pool->reuse && (rc = reuse_one(b, pool, i, err)) != 0) {
		*reused += rc == 1;
		return rc < 0 ? rc : 0;
	}
	if (p->template == NULL)
		return stream_page(b, pool, i, err);
	rc = PM_ERROR;
	/* A context made for this page lives only as long as the page. */
	if (p->make)
		arena = pm_arena_new();
	if (pm_page_context(&ctx, p, arena, err) == 0)
		rc = render_template(b, pool, p, tpl, ctx, err);
	pm_arena_free(arena);
	return rc;
}

static void *
work(void *arg)
{
	struct worker *w = arg;
	struct pool *pool = w->pool;
	struct pm_buf b = PM_BUF_INIT;
	size_t t;

	for (;;) {
		t = atomic_fetch_add(&pool->next, 1);
		if (t >= pool->pages->len || t >= atomic_load(&pool->stop_at))
			break;
		if (render_one(&b, pool, pool->order[t], &w->reused,
		    &w->err) < 0) {
			size_t cur = atomic_load(&pool->stop_at);

			w->failed_at = t;
			while (t < cur && !atomic_compare_exchange_weak(
			    &pool->stop_at, &cur, t))
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

	return n < 1 ? 1 : n > PM_WORKERS_MAX ? PM_WORKERS_MAX :
	    (int)n;
}

/* The turns: the pages marked first, then the others, each in page
 * order. */
static size_t *
turns(const struct pm_pages *pages)
{
	size_t *order = pm_xmalloc(pm_xmul(pages->len + 1, sizeof(*order)));
	size_t n = 0, i;

	for (i = 0; i < pages->len; i++)
		if (pages->items[i].first)
			order[n++] = i;
	for (i = 0; i < pages->len; i++)
		if (!pages->items[i].first)
			order[n++] = i;
	return order;
}

int
pm_render_pages(struct pm_output *out, const struct pm_pages *pages,
    const struct pm_template_set *set, int jobs,
    struct pm_render_reuse *reuse, struct pm_error *err)
{
	struct pool pool;
	struct worker *w;
	const struct worker *first = NULL;
	int i, rc = 0;

	jobs = pm_workers_for(jobs, pages->len);
	pool.out = out;
	pool.pages = pages;
	pool.set = set;
	pool.reuse = reuse;
	pool.order = turns(pages);
	if (reuse)
		reuse->reused = 0;
	atomic_init(&pool.next, 0);
	atomic_init(&pool.stop_at, SIZE_MAX);
	atomic_init(&pool.pieces_reused, 0);
	w = pm_xcalloc((size_t)jobs, sizeof(*w));
	for (i = 0; i < jobs; i++) {
		w[i].pool = &pool;
		pm_error_clear(&w[i].err);
	}
	pm_workers_run(jobs, work, w, sizeof(*w));
	for (i = 0; i < jobs && reuse; i++)
		reuse->reused += w[i].reused;
	if (reuse)
		reuse->pieces_reused = atomic_load(&pool.pieces_reused);
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
	free(pool.order);
	return rc;
}
