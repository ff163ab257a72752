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

int
pm_ingest_bytes(struct pm_incident *inc, struct pm_arena *arena,
    const char *path, const char *data, size_t len,
    const struct pm_config *cfg, const struct pm_taxonomy *tax,
    struct pm_warnings *warnings, struct pm_error *err)
{
	struct pm_frontmatter fm;
	struct pm_markdown_opts mopts;
	struct pm_markdown *md = NULL;
	struct pm_value *front = NULL;
	struct pm_buf html = PM_BUF_INIT;
	int rc = PM_ERROR;

	pm_incident_init(inc);
	inc->path = pm_arena_strdup(arena, path);
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
	if (pm_markdown_parse(&md, fm.body, fm.body_len, &mopts, err) < 0)
		goto out;
	pm_extract_incident(inc, arena, md, warnings);
	pm_classify_incident(inc, arena, tax ? tax : pm_taxonomy_default(),
	    warnings);
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
pm_ingest_doc(struct pm_incident *inc, struct pm_arena *arena,
    const struct pm_doc *doc, const struct pm_config *cfg,
    const struct pm_taxonomy *tax, struct pm_warnings *warnings,
    struct pm_error *err)
{
	if (pm_ingest_bytes(inc, arena, doc->path, doc->data, doc->len, cfg,
	    tax, warnings, err) < 0)
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
