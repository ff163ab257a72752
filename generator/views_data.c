/*
 * views_data.c: the data files of the site: the record export
 * (incidents.json), the search index and the feeds.  The export and the
 * feeds are written at render time (pm_page.write), the export one record
 * at a time, so the whole of it is never held as a tree.
 */
#include "views_int.h"

#include "feeds.h"
#include "search.h"

/* incidents.json, one record at a time, each built and freed in turn: as
 * pm_value_write_json() writes the whole list, byte for byte. */
static int
write_records(struct pm_buf *out, const struct pm_page *page,
    struct pm_error *err)
{
	const struct pm_site *site = ((const struct views *)
	    page->make_arg)->site;

	(void)err;
	pm_buf_putc(out, '[');
	for (size_t i = 0; i < site->len; i++) {
		struct pm_arena *a = pm_arena_new();

		pm_buf_puts(out, i ? ",\n  " : "\n  ");
		pm_value_write_json_nested(out, pm_incident_to_value(
		    site->incidents[i], a), 2, 1);
		pm_arena_free(a);
	}
	pm_buf_puts(out, site->len ? "\n]\n" : "]\n");
	return 0;
}

static int
write_atom(struct pm_buf *out, const struct pm_page *page,
    struct pm_error *err)
{
	return pm_feeds_atom(out, ((const struct views *)
	    page->make_arg)->site, err);
}

static int
write_json_feed(struct pm_buf *out, const struct pm_page *page,
    struct pm_error *err)
{
	return pm_feeds_json(out, ((const struct views *)
	    page->make_arg)->site, err);
}

static void
push_writer(struct views *v, const char *path,
    int (*write)(struct pm_buf *, const struct pm_page *, struct pm_error *))
{
	struct pm_page page = { .path = path, .write = write,
	    .make_arg = v };

	views_push_page(v, &page);
}

int
views_add_data(struct views *v, struct pm_error *err)
{
	struct pm_buf b = PM_BUF_INIT, js = PM_BUF_INIT;
	int rc = PM_ERROR;

	push_writer(v, "incidents.json", write_records);
	if (pm_search_index(&b, &js, v->site, err) < 0)
		goto out;
	views_push_data(v, "search.json", &b);
	views_push_data(v, "search-index.js", &js);
	push_writer(v, "feed.xml", write_atom);
	push_writer(v, "feed.json", write_json_feed);
	rc = 0;
out:
	pm_buf_free(&b);
	pm_buf_free(&js);
	return rc;
}

int
pm_page_data(struct pm_buf *out, const struct pm_page *page,
    struct pm_error *err)
{
	if (page->write)
		return page->write(out, page, err);
	pm_buf_put(out, page->data, page->len);
	return 0;
}
