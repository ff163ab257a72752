/*
 * cache_codec_state.c: the bytes of the cache's state (the last build:
 * its theme, its warnings, the site's files with their stats, page keys
 * and pieces) and of the history walk's state, and their decoding, with
 * the pieces of cache_codec_int.h.
 */
#include "cache_int.h"
#include "cache_codec_int.h"

#include <string.h>

/* --------------------------------------------------------------- state */

int
pm_cache__encode_state(struct pm_buf *out, const char *theme,
    const char *const *lines, size_t nlines,
    const struct pm_cache_stat *files, size_t nfiles)
{
	struct enc e = { out, 0 };
	size_t start = out->len;

	put_str(&e, theme);
	put_count(&e, nlines);
	for (size_t i = 0; i < nlines; i++)
		put_str(&e, lines[i]);
	put_count(&e, nfiles);
	for (size_t i = 0; i < nfiles; i++) {
		put_str(&e, files[i].path);
		const struct pm_output_stat *st = &files[i].st;

		put_u64(&e, st->size);
		put_u64(&e, st->ino);
		put_u64(&e, (uint64_t)st->mtime_s);
		put_u64(&e, (uint64_t)st->mtime_ns);
		put_u64(&e, (uint64_t)st->ctime_s);
		put_u64(&e, (uint64_t)st->ctime_ns);
		pm_buf_putc(out, files[i].keyed ? 1 : 0);
		pm_buf_put(out, files[i].key.bytes, PM_DIGEST_SIZE);
		put_count(&e, files[i].npieces);
		for (size_t k = 0; k < files[i].npieces; k++) {
			const struct pm_page_piece *pc = &files[i].pieces[k];

			pm_buf_put(out, pc->key.bytes, PM_DIGEST_SIZE);
			put_u64(&e, pc->off);
			put_u64(&e, pc->len);
		}
	}
	if (e.bad || theme == NULL) {
		pm_buf_truncate(out, start);
		return -1;
	}
	return 0;
}

static void
get_pieces(struct dec *d, struct pm_cache_stat *f)
{
	size_t n = get_count(d, PIECE_SIZE);
	struct pm_page_piece *p;

	if (d->bad || n == 0)
		return;
	p = pm_arena_calloc(d->arena, n, sizeof(*p));
	for (size_t k = 0; k < n && have(d, PM_DIGEST_SIZE); k++) {
		memcpy(p[k].key.bytes, d->p, PM_DIGEST_SIZE);
		d->p += PM_DIGEST_SIZE;
		p[k].off = get_u64(d);
		p[k].len = get_u64(d);
	}
	f->pieces = p;
	f->npieces = n;
}

int
pm_cache__decode_state(struct pm_cache_state *st, struct pm_arena *arena,
    const char *data, size_t len)
{
	struct dec d = { (const unsigned char *)data,
	    (const unsigned char *)data + len, arena, 0 };
	const char **lines = NULL;
	struct pm_cache_stat *files = NULL;
	size_t nlines, nfiles;

	st->theme = get_str(&d);
	nlines = get_count(&d, 5);
	if (!d.bad && nlines > 0)
		lines = pm_arena_calloc(arena, nlines, sizeof(*lines));
	for (size_t i = 0; i < nlines && !d.bad; i++)
		if ((lines[i] = get_str(&d)) == NULL)
			d.bad = 1;
	nfiles = get_count(&d, 53 + 1 + PM_DIGEST_SIZE + 4);
	if (!d.bad && nfiles > 0)
		files = pm_arena_calloc(arena, nfiles, sizeof(*files));
	for (size_t i = 0; i < nfiles && !d.bad; i++) {
		struct pm_output_stat *st = &files[i].st;

		files[i].path = get_str(&d);
		st->size = get_u64(&d);
		st->ino = get_u64(&d);
		st->mtime_s = (int64_t)get_u64(&d);
		st->mtime_ns = (int64_t)get_u64(&d);
		st->ctime_s = (int64_t)get_u64(&d);
		st->ctime_ns = (int64_t)get_u64(&d);
		if (have(&d, 1 + PM_DIGEST_SIZE)) {
			files[i].keyed = *d.p == 1;
			d.bad |= *d.p > 1;
			memcpy(files[i].key.bytes, d.p + 1, PM_DIGEST_SIZE);
			d.p += 1 + PM_DIGEST_SIZE;
		}
		get_pieces(&d, &files[i]);
		if (files[i].path == NULL)
			d.bad = 1;
	}
	if (d.bad || d.p != d.end || st->theme == NULL) {
		st->theme = NULL;
		st->warnings = NULL;
		st->nwarnings = 0;
		st->files = NULL;
		st->nfiles = 0;
		return -1;
	}
	st->warnings = lines;
	st->nwarnings = nlines;
	st->files = files;
	st->nfiles = nfiles;
	return 0;
}

/* ------------------------------------------------------------- history */

/* A SHA-1 id, raw. */
#define ID_SIZE 20

int
pm_cache__encode_history(struct pm_buf *out, const struct pm_history *h)
{
	struct enc e = { out, 0 };
	size_t start = out->len;

	pm_buf_put(out, h->commit, ID_SIZE);
	pm_buf_put(out, h->mailmap, ID_SIZE);
	put_str(&e, h->content);
	put_count(&e, h->nauthors);
	for (size_t i = 0; i < h->nauthors; i++)
		put_str(&e, h->authors[i]);
	put_count(&e, h->nfiles);
	for (size_t i = 0; i < h->nfiles; i++) {
		const struct pm_history_file *f = &h->files[i];

		put_str(&e, f->name);
		pm_buf_put(out, f->last, ID_SIZE);
		put_count(&e, f->nauthors);
		for (size_t a = 0; a < f->nauthors; a++)
			put_count(&e, f->authors[a]);
		put_count(&e, f->nversions);
		for (size_t v = 0; v < f->nversions; v++) {
			put_u64(&e, (uint64_t)(int64_t)f->versions[v].time);
			put_int(&e, f->versions[v].offset);
			pm_buf_put(out, f->versions[v].blob, ID_SIZE);
		}
	}
	if (e.bad) {
		pm_buf_truncate(out, start);
		return -1;
	}
	return 0;
}

static void
get_id(struct dec *d, unsigned char out[ID_SIZE])
{
	memset(out, 0, ID_SIZE);
	if (!have(d, ID_SIZE))
		return;
	memcpy(out, d->p, ID_SIZE);
	d->p += ID_SIZE;
}

/* The files of a history; NULL (and d->bad) when they do not decode. */
static struct pm_history_file *
get_history_files(struct dec *d, size_t n)
{
	struct pm_history_file *files = pm_arena_calloc(d->arena, n + 1,
	    sizeof(*files));

	for (size_t i = 0; i < n && !d->bad; i++) {
		struct pm_history_file *f = &files[i];
		struct pm_history_version *v;
		size_t *a;

		if ((f->name = get_str(d)) == NULL)
			d->bad = 1;
		get_id(d, f->last);
		f->nauthors = get_count(d, 4);
		a = pm_arena_calloc(d->arena, f->nauthors + 1, sizeof(*a));
		for (size_t k = 0; k < f->nauthors && !d->bad; k++)
			a[k] = get_u32(d);
		f->authors = a;
		f->nversions = get_count(d, 8 + 4 + ID_SIZE);
		v = pm_arena_calloc(d->arena, f->nversions + 1, sizeof(*v));
		for (size_t k = 0; k < f->nversions && !d->bad; k++) {
			v[k].time = (long long)(int64_t)get_u64(d);
			v[k].offset = get_int(d);
			get_id(d, v[k].blob);
		}
		f->versions = v;
	}
	return d->bad ? NULL : files;
}

int
pm_cache__decode_history(struct pm_history *h, struct pm_arena *arena,
    const char *data, size_t len)
{
	struct dec d = { (const unsigned char *)data,
	    (const unsigned char *)data + len, arena, 0 };
	const char **authors;
	struct pm_history_file *files = NULL;
	size_t n;

	memset(h, 0, sizeof(*h));
	get_id(&d, h->commit);
	get_id(&d, h->mailmap);
	h->content = get_str(&d);
	n = get_count(&d, 5);
	authors = pm_arena_calloc(arena, n + 1, sizeof(*authors));
	for (size_t i = 0; i < n && !d.bad; i++)
		if ((authors[i] = get_str(&d)) == NULL)
			d.bad = 1;
	h->authors = authors;
	h->nauthors = n;
	n = get_count(&d, 5 + ID_SIZE + 4 + 4);
	if (!d.bad)
		files = get_history_files(&d, n);
	if (d.bad || d.p != d.end || h->content == NULL) {
		memset(h, 0, sizeof(*h));
		return -1;
	}
	h->files = files;
	h->nfiles = n;
	return 0;
}
