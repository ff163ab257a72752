/*
 * ingest.c: one document through front matter, Markdown and extraction,
 * with the fallbacks for what neither states.
 */
#include "ingest.h"
#include "classify.h"
#include "extract.h"
#include "frontmatter.h"
#include "markdown.h"

#include <string.h>

/* "2024-03-05-db-lock.md" -> "2024-03-05": the common naming habit. */
static const char *
date_from_name(struct pm_arena *arena, const char *name)
{
	const char *base = strrchr(name, '/');
	int i;

	base = base ? base + 1 : name;
	for (i = 0; i < 10; i++) {
		int digit = base[i] >= '0' && base[i] <= '9';

		if ((i == 4 || i == 7) ? base[i] != '-' : !digit)
			return NULL;
	}
	return pm_arena_strndup(arena, base, 10);
}

/*
 * Writers link one postmortem to another by its file ("see
 * [the first time](2023-06-01-db.md#timeline)"), which works on GitHub;
 * on the site that file is the page incidents/<slug>/index.html, a
 * sibling of the page the link is on.  The slug is the one the file name
 * gives: a target whose front matter overrides its slug is not followed.
 * Links with a scheme, absolute paths and anything but .md are left as
 * they are.
 */
static void
link_md_to_pages(struct pm_markdown *md, struct pm_arena *arena)
{
	cmark_iter *it = cmark_iter_new(pm_markdown_root(md));
	cmark_event_type ev;
	struct pm_buf b = PM_BUF_INIT;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		const char *url, *frag;
		char *file, *slug;
		size_t n;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(node) != CMARK_NODE_LINK)
			continue;
		url = cmark_node_get_url(node);
		if (url == NULL || *url == '/' || *url == '#' ||
		    strchr(url, ':') != NULL)
			continue;
		frag = strchr(url, '#');
		n = frag ? (size_t)(frag - url) : strlen(url);
		if (n < 4 || strncmp(url + n - 3, ".md", 3) != 0 ||
		    memchr(url, '?', n) != NULL)
			continue;
		file = pm_arena_strndup(arena, url, n);
		slug = pm_slug_from_name(arena, file);
		if (slug == NULL)
			continue;
		pm_buf_clear(&b);
		pm_buf_printf(&b, "../%s/index.html%s", slug, frag ? frag : "");
		cmark_node_set_url(node, pm_buf_cstr(&b));
	}
	cmark_iter_free(it);
	pm_buf_free(&b);
}

/* Whatever the writer stated or not, an incident needs a title. */
static const char *
title_from_slug(struct pm_arena *arena, const char *slug)
{
	char *t = pm_arena_strdup(arena, slug);

	for (char *p = t; *p; p++)
		if (*p == '-')
			*p = ' ';
	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	return t;
}

/*
 * The one path every caller takes.  The extractor's own warnings are
 * dropped: what it would warn about (an end before the start, a duration
 * that disagrees, a timeline out of order) is in the report, and
 * pm_check_incident() says it with its rule names, so it is not said
 * twice.
 */
static int
ingest(struct pm_incident *inc, struct pm_extract_report *rep,
    struct pm_arena *arena, const char *path, const char *data, size_t len,
    const char *created, const struct pm_config *cfg,
    const struct pm_taxonomy *tax, pthread_mutex_t *parse_lock,
    struct pm_warnings *warnings, struct pm_error *err)
{
	struct pm_extract_opts xopts;
	struct pm_frontmatter fm;
	struct pm_markdown_opts mopts;
	struct pm_markdown *md = NULL;
	struct pm_value *front = NULL;
	struct pm_buf html = PM_BUF_INIT;
	struct pm_extract_report scratch;
	int rc = PM_ERROR;

	if (rep == NULL)
		rep = &scratch;
	memset(rep, 0, sizeof(*rep));
	rep->stated_duration_minutes = PM_UNKNOWN;
	rep->computed_duration_minutes = PM_UNKNOWN;
	pm_incident_init(inc);
	inc->path = pm_arena_strdup(arena, path);
	if (len > PM_INGEST_MAX_BYTES) {
		pm_error_set(err, PM_ELIMIT, path, 0, 0, "%zu bytes: a "
		    "postmortem may be at most %zu MiB", len,
		    PM_INGEST_MAX_BYTES >> 20);
		goto out;
	}
	if (pm_frontmatter_parse(&front, &fm, arena, data, len, path,
	    err) < 0 ||
	    pm_incident_apply_front(inc, arena, fm.present ? front : NULL,
	    path, err) < 0)
		goto out;
	inc->body_line = fm.body_line;
	if (!inc->fixed.slug) {
		inc->slug = pm_slug_from_name(arena, path);
		if (inc->slug == NULL) {
			pm_error_set(err, PM_ERROR, path, 0, 0, "no slug can "
			    "be made from the file name; set 'slug' in the "
			    "front matter");
			goto out;
		}
	}
	memset(&mopts, 0, sizeof(mopts));
	mopts.file = path;
	mopts.first_line = fm.body_line;
	mopts.unsafe_html = cfg->unsafe_html;
	mopts.parse_lock = parse_lock;
	if (pm_markdown_parse(&md, fm.body, fm.body_len, &mopts, err) < 0)
		goto out;
	/* a date written without a year takes the file name's, else the
	 * year the file entered the repository */
	memset(&xopts, 0, sizeof(xopts));
	xopts.fallback_date = date_from_name(arena, path);
	xopts.fallback_is_day = xopts.fallback_date != NULL;
	xopts.parse_lock = parse_lock;
	if (xopts.fallback_date == NULL)
		xopts.fallback_date = created;
	pm_extract_run(rep, inc, arena, md, &xopts, NULL);
	pm_classify_incident(inc, arena, tax ? tax : pm_taxonomy_default(),
	    warnings);
	link_md_to_pages(md, arena);
	pm_markdown_render_html(&html, md, PM_MARKDOWN_ANCHORS);
	inc->html = pm_arena_strndup(arena, pm_buf_cstr(&html), html.len);
	inc->html_len = html.len;
	if (inc->date == NULL)
		inc->date = inc->start;
	if (inc->date == NULL)
		inc->date = date_from_name(arena, path);
	if (inc->title == NULL)
		inc->title = title_from_slug(arena, inc->slug);
	rc = 0;
out:
	pm_markdown_free(md);
	pm_buf_free(&html);
	return rc;
}

int
pm_ingest_bytes_report(struct pm_incident *inc,
    struct pm_extract_report *rep, struct pm_arena *arena, const char *path,
    const char *data, size_t len, const struct pm_config *cfg,
    const struct pm_taxonomy *tax, struct pm_warnings *warnings,
    struct pm_error *err)
{
	return ingest(inc, rep, arena, path, data, len, NULL, cfg, tax, NULL,
	    warnings, err);
}

int
pm_ingest_bytes(struct pm_incident *inc, struct pm_arena *arena,
    const char *path, const char *data, size_t len,
    const struct pm_config *cfg, const struct pm_taxonomy *tax,
    struct pm_warnings *warnings, struct pm_error *err)
{
	return pm_ingest_bytes_report(inc, NULL, arena, path, data, len, cfg,
	    tax, warnings, err);
}

int
pm_ingest_doc(struct pm_incident *inc, struct pm_extract_report *rep,
    struct pm_arena *arena, const struct pm_doc *doc, const char *data,
    size_t len, const struct pm_config *cfg, const struct pm_taxonomy *tax,
    pthread_mutex_t *parse_lock, struct pm_warnings *warnings,
    struct pm_error *err)
{
	if (ingest(inc, rep, arena, doc->path, data, len,
	    doc->created, cfg, tax, parse_lock, warnings, err) < 0)
		return PM_ERROR;
	inc->blob_id = doc->blob_id;
	inc->git.created = doc->created;
	inc->git.updated = doc->updated;
	inc->git.commit = doc->commit_id[0] ? doc->commit_id : NULL;
	inc->git.authors.items = (const char **)doc->authors;
	inc->git.authors.len = doc->nauthors;
	/* Last resort for ordering: when the file entered the repository. */
	if (inc->date == NULL && doc->created)
		inc->date = doc->created;
	return 0;
}
