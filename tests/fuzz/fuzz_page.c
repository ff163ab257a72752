/*
 * fuzz_page.c: fuzz target for one document through the whole pipeline to
 * its pages: pm_ingest_bytes, a site of that one incident, the views, and
 * every page rendered with the default theme (loaded once by fuzz_init).
 *
 * Properties: every page holds no more <script, <iframe, <object, <embed,
 * <form, <base, <meta, <link or <style than the same page of a plain
 * postmortem (the theme's own), and no active content at all
 * (fz_html_problem, FZ_PAGE); data pages (incidents.json) hold no raw
 * '<'; rendering never fails.
 */
#include "fuzz.h"

#include "config.h"
#include "ingest.h"
#include "mustache.h"
#include "site.h"
#include "views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const pg_tags[] = {
	"<script", "<iframe", "<object", "<embed", "<form", "<base",
	"<meta", "<link", "<style"
};

#define PG_NTAGS (sizeof(pg_tags) / sizeof(*pg_tags))
#define PG_MAXPAGES 64

/* Tag counts per page of a plain postmortem: what the theme writes. */
struct pg_baseline {
	int ready;
	size_t npages;
	char template[PG_MAXPAGES][32];
	size_t count[PG_MAXPAGES][PG_NTAGS];
};

static const char pg_plain[] =
    "---\ntitle: Plain\nseverity: SEV2\n---\n# Plain\n\nA summary.\n\n"
    "## Timeline\n\n- 10:00 UTC detected\n";

static void
pg_config(struct pm_config *cfg)
{
	pm_config_defaults(cfg);
	cfg->base_url = "https://example.org/pm/";
	cfg->repo_url = "https://example.com/org/repo";
}

/*
 * Ingest data and render every page.  page_cb sees each one; returns 1
 * when a property failed, -1 when the document was rejected.
 */
typedef int (*pg_page_fn)(void *payload, const char *path,
    const char *template, const char *s, size_t len);

static int
pg_pipeline(const char *data, size_t size, pg_page_fn fn, void *payload)
{
	const struct pm_template_set *set = fuzz_theme();
	struct pm_arena *arena = pm_arena_new();
	struct pm_warnings warnings = PM_WARNINGS_INIT;
	struct pm_incident *inc = pm_arena_calloc(arena, 1, sizeof(*inc));
	struct pm_config cfg;
	struct pm_site site;
	struct pm_pages pages = { 0 };
	struct pm_buf b = PM_BUF_INIT;
	struct pm_error err;
	int rc = -1;

	pg_config(&cfg);
	pm_error_clear(&err);
	if (set == NULL) {
		fprintf(stderr, "fuzz_page: no theme (fuzz_init failed)\n");
		rc = 1;
		goto out;
	}
	if (pm_ingest_bytes(inc, arena, "content/2024-03-05-fuzz.md", data,
	    size, &cfg, NULL, &warnings, &err) < 0)
		goto out;
	pm_site_init(&site, arena, &cfg);
	pm_site_add(&site, inc);
	rc = 1;
	if (pm_site_finish(&site, &warnings, &err) < 0 ||
	    pm_views_build(&pages, arena, &site, 1, &err) < 0) {
		fprintf(stderr, "fuzz_page: site or views: %s\n",
		    err.message);
		goto out;
	}
	for (size_t i = 0; i < pages.len; i++) {
		const struct pm_page *p = &pages.items[i];
		const struct pm_template *tpl;
		const struct pm_value *ctx;

		if (p->template == NULL) {
			pm_buf_clear(&b);
			if (pm_page_data(&b, p, &err) < 0 || fn(payload,
			    p->path, NULL, pm_buf_cstr(&b), b.len))
				goto out;
			continue;
		}
		tpl = pm_template_set_get(set, p->template);
		pm_buf_clear(&b);
		if (tpl == NULL || pm_page_context(&ctx, p, arena, &err) < 0 ||
		    pm_template_render(&b, tpl, set, ctx, &err) < 0) {
			fprintf(stderr, "fuzz_page: %s: cannot render: %s\n",
			    p->path, err.message);
			goto out;
		}
		if (fn(payload, p->path, p->template, pm_buf_cstr(&b), b.len))
			goto out;
	}
	rc = 0;
out:
	pm_buf_free(&b);
	pm_warnings_free(&warnings);
	pm_arena_free(arena);
	return rc;
}

static int
pg_record(void *payload, const char *path, const char *template,
    const char *s, size_t len)
{
	struct pg_baseline *base = payload;
	size_t n;

	(void)path;
	if (template == NULL)
		return 0;
	/* Pages of one template (one per cause, say) share a baseline:
	 * the most the theme writes in any of them. */
	for (n = 0; n < base->npages; n++)
		if (strcmp(base->template[n], template) == 0)
			break;
	if (n == PG_MAXPAGES)
		return 0;
	if (n == base->npages) {
		snprintf(base->template[n], sizeof(base->template[n]), "%s",
		    template);
		base->npages++;
	}
	for (size_t t = 0; t < PG_NTAGS; t++) {
		size_t c = fz_count_ci(s, len, pg_tags[t]);

		if (c > base->count[n][t])
			base->count[n][t] = c;
	}
	return 0;
}

static int
pg_check(void *payload, const char *path, const char *template,
    const char *s, size_t len)
{
	const struct pg_baseline *base = payload;
	const char *problem;
	size_t at = 0, i;

	if (template == NULL) {
		if (strstr(path, ".json") && memchr(s, '<', len)) {
			fprintf(stderr, "fuzz_page: %s: raw '<'\n", path);
			return 1;
		}
		return 0;
	}
	for (i = 0; i < base->npages; i++)
		if (strcmp(base->template[i], template) == 0)
			break;
	if (i == base->npages) {
		fprintf(stderr, "fuzz_page: %s: no baseline for %s\n", path,
		    template);
		return 1;
	}
	for (size_t t = 0; t < PG_NTAGS; t++) {
		size_t n = fz_count_ci(s, len, pg_tags[t]);

		if (n > base->count[i][t]) {
			fprintf(stderr, "fuzz_page: %s: %zu %s where the theme "
			    "writes %zu\n", path, n, pg_tags[t],
			    base->count[i][t]);
			return 1;
		}
	}
	if ((problem = fz_html_problem(s, len, FZ_PAGE, &at)) != NULL) {
		size_t from = at > 60 ? at - 60 : 0;

		fprintf(stderr, "fuzz_page: %s: %s at byte %zu: ...%.*s...\n",
		    path, problem, at, (int)(len - from < 160 ? len - from :
		    160), s + from);
		return 1;
	}
	return 0;
}

int
fuzz_page(const uint8_t *data, size_t size)
{
	static struct pg_baseline base;

	if (!base.ready) {
		if (pg_pipeline(pg_plain, strlen(pg_plain), pg_record,
		    &base) != 0) {
			fprintf(stderr, "fuzz_page: the plain postmortem does "
			    "not render\n");
			return 1;
		}
		base.ready = 1;
	}
	return pg_pipeline((const char *)data, size, pg_check, &base) == 1;
}

#ifdef PM_FUZZER
FUZZ_ENTRY(fuzz_page)
#endif
