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

static inline void
assert_str(const char *got, const char *want)
{
	if (want == NULL && got == NULL)
		return;
	if (want == NULL || got == NULL || strcmp(got, want) != 0)
		fail_msg("got \"%s\", want \"%s\"", got ? got : "(null)",
		    want ? want : "(null)");
}

#endif
