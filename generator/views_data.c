/*
 * views_data.c: the data files of the site: the record export
 * (incidents.json), the search index and the feeds.  All are written at
 * render time (pm_page.write), the export and the index one record at a
 * time, so neither is ever held as a tree.
 */
#include "views_int.h"

#include <stdlib.h>

#include "feeds.h"
#include "search.h"

/* A record is the first entries of the map the views already made for
 * its incident (incident.h), which the displays follow: seen through a
 * copy of the map that stops before them, it is written without being
 * made a second time. */
static void
put_record(struct pm_buf *buf, const void *arg)
{
	struct pm_value record = *(const struct pm_value *)arg;

	record.u.map.len = PM_INCIDENT_FIELDS;
	pm_value_write_json_nested(buf, &record, 2, 1);
}

/*
 * incidents.json, one record at a time: as pm_value_write_json() writes
 * the whole list, byte for byte.  Each record is a piece named by the
 * digest of its map, so a rebuild copies the records that did not change
 * from the last export rather than writing 60 MB of JSON again.
 */
static int
write_records(struct pm_page_sink *out, const struct pm_page *page,
    struct pm_error *err)
{
	const struct views *v = page->make_arg;

	pm_buf_putc(out->buf, '[');
	for (size_t i = 0; i < v->site->len; i++) {
		pm_buf_puts(out->buf, i ? ",\n  " : "\n  ");
		if (pm_page_sink_piece(out, &v->digests[i], put_record,
		    v->records[i], err) < 0)
			return PM_ERROR;
	}
	pm_buf_puts(out->buf, v->site->len ? "\n]\n" : "]\n");
	return 0;
}

static int
write_atom(struct pm_page_sink *out, const struct pm_page *page,
    struct pm_error *err)
{
	return pm_feeds_atom(out->buf, ((const struct views *)
	    page->make_arg)->site, err);
}

static int
write_json_feed(struct pm_page_sink *out, const struct pm_page *page,
    struct pm_error *err)
{
	return pm_feeds_json(out->buf, ((const struct views *)
	    page->make_arg)->site, err);
}

static int
drain_sink(void *sink, struct pm_error *err)
{
	return pm_page_sink_drain(sink, 0, err);
}

/* The search index: two pages, made at render time one entry at a time
 * and handed on in pieces, so neither is ever held whole.  Each copies
 * the entries the ingest made. */
static int
write_search_json(struct pm_page_sink *out, const struct pm_page *page,
    struct pm_error *err)
{
	return pm_search_index_drained(out->buf, NULL, ((const struct views *)
	    page->make_arg)->site, drain_sink, out, err);
}

static int
write_search_script(struct pm_page_sink *out, const struct pm_page *page,
    struct pm_error *err)
{
	return pm_search_index_drained(NULL, out->buf, ((const struct views *)
	    page->make_arg)->site, drain_sink, out, err);
}

static void
push_writer(struct views *v, const char *path,
    int (*write)(struct pm_page_sink *, const struct pm_page *,
    struct pm_error *),
    int reads)
{
	struct pm_page page = { .path = path, .write = write,
	    .write_reads = reads, .first = reads != 0, .make_arg = v };

	views_push_page(v, &page);
}

void
views_add_data(struct views *v)
{
	/* The export is the records without their displays; the index is
	 * the incidents' search entries.  The feeds read the configuration
	 * and the dates of the build: never kept by key, they are small. */
	push_writer(v, "incidents.json", write_records,
	    PM_PAGE_READS_RECORDS);
	push_writer(v, "search.json", write_search_json,
	    PM_PAGE_READS_SEARCH);
	push_writer(v, "search-index.js", write_search_script,
	    PM_PAGE_READS_SEARCH);
	push_writer(v, "feed.xml", write_atom, 0);
	push_writer(v, "feed.json", write_json_feed, 0);
}

int
pm_page_sink_drain(struct pm_page_sink *out, int at_end,
    struct pm_error *err)
{
	struct pm_buf *b = out->buf;
	int rc;

	if (out->flush == NULL || b->len == 0 ||
	    (!at_end && b->len < PM_PAGE_SINK_PIECE))
		return 0;
	rc = out->flush(out->arg, b->ptr, b->len, err);
	out->flushed += b->len;
	pm_buf_clear(b);
	return rc;
}

int
pm_page_sink_piece(struct pm_page_sink *out, const struct pm_digest *key,
    void (*put)(struct pm_buf *buf, const void *arg), const void *arg,
    struct pm_error *err)
{
	struct pm_page_pieces *p = out->pieces;
	uint64_t at = out->flushed + out->buf->len;

	if (out->reuse == NULL || !out->reuse(out->reuse_arg, key, out->buf))
		put(out->buf, arg);
	if (p) {
		if (p->len == p->cap) {
			p->cap = p->cap ? 2 * p->cap : 64;
			p->items = pm_xrealloc(p->items, pm_xmul(p->cap,
			    sizeof(*p->items)));
		}
		p->items[p->len++] = (struct pm_page_piece){ *key, at,
		    out->flushed + out->buf->len - at };
	}
	return pm_page_sink_drain(out, 0, err);
}

void
pm_page_pieces_free(struct pm_page_pieces *p)
{
	free(p->items);
	*p = (struct pm_page_pieces){ 0 };
}

int
pm_page_data_to(struct pm_page_sink *out, const struct pm_page *page,
    struct pm_error *err)
{
	if (page->write)
		return page->write(out, page, err);
	pm_buf_put(out->buf, page->data, page->len);
	return 0;
}

int
pm_page_data(struct pm_buf *out, const struct pm_page *page,
    struct pm_error *err)
{
	struct pm_page_sink sink = { .buf = out };

	return pm_page_data_to(&sink, page, err);
}
