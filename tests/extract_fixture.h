/*
 * extract_fixture.h: what the extractor's tests share: one document
 * through the real pipeline, or its body alone through pm_extract_run,
 * and a string comparison that names both sides.  Include after cmocka.h.
 */
#ifndef PM_EXTRACT_FIXTURE_H
#define PM_EXTRACT_FIXTURE_H

#include <string.h>

#include "config.h"
#include "extract.h"
#include "ingest.h"
#include "markdown.h"

/* One document through the real pipeline (front matter, Markdown,
 * extract, classify) with the default configuration. */
static inline void
ingest(struct pm_incident *inc, struct pm_arena *a, struct pm_warnings *w,
    const char *path, const char *text)
{
	struct pm_config cfg;
	struct pm_error err;

	pm_config_defaults(&cfg);
	pm_error_clear(&err);
	if (pm_ingest_bytes(inc, a, path, text, strlen(text), &cfg, NULL, w,
	    &err) < 0) {
		char line[1024];

		fail_msg("%s", pm_error_format(line, sizeof(line), &err));
	}
}

/* The share of users one document gives through the real pipeline;
 * NAN for none. */
static inline double
share_of(const char *doc)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;
	double v;

	ingest(&inc, a, &w, "share.md", doc);
	v = inc.impact_percent;
	pm_warnings_free(&w);
	pm_arena_free(a);
	return v;
}

/* The body alone through pm_extract_run, for the report. */
static inline void
run(struct pm_incident *inc, struct pm_extract_report *rep,
    struct pm_arena *a, struct pm_warnings *w, const char *text)
{
	struct pm_markdown *md = NULL;
	struct pm_error err;

	pm_error_clear(&err);
	pm_incident_init(inc);
	inc->path = "t.md";
	assert_int_equal(pm_markdown_parse(&md, text, strlen(text), NULL,
	    &err), 0);
	pm_extract_run(rep, inc, a, md, NULL, w);
	pm_markdown_free(md);
}

static inline int
same_str(const char *got, const char *want)
{
	return got && want && strcmp(got, want) == 0;
}

static inline void
assert_str(const char *got, const char *want)
{
	if (want == NULL && got == NULL)
		return;
	if (want == NULL || got == NULL || strcmp(got, want) != 0)
		fail_msg("got \"%s\", want \"%s\"", got ? got : "(null)",
		    want ? want : "(null)");
}

/*
 * The window and zone read from doc through the real pipeline: each of
 * start, end and zone that is not NULL must match.  what names the case
 * in a failure.
 */
static inline void
expect_window(const char *what, const char *doc, const char *start,
    const char *end, const char *zone)
{
	struct pm_arena *a = pm_arena_new();
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_incident inc;

	ingest(&inc, a, &w, "t.md", doc);
	if ((start && !same_str(inc.start, start)) ||
	    (end && !same_str(inc.end, end)) ||
	    (zone && !same_str(inc.timezone, zone)))
		fail_msg("%s: %s to %s in %s; want %s to %s in %s", what,
		    inc.start ? inc.start : "(null)",
		    inc.end ? inc.end : "(null)",
		    inc.timezone ? inc.timezone : "(null)",
		    start ? start : "-", end ? end : "-", zone ? zone : "-");
	pm_warnings_free(&w);
	pm_arena_free(a);
}

#endif
