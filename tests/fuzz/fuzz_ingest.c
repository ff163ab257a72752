/*
 * fuzz_ingest.c: fuzz target for one whole document through
 * pm_ingest_bytes: front matter, Markdown, the extractor and the rendered
 * body.
 *
 * Properties: success gives a valid slug and a title; the body HTML holds
 * no active content (fz_html_problem, FZ_BODY), since pmsite's default is
 * to omit raw HTML and drop script URLs; the record's JSON holds no raw
 * '<' (it is published and may be inlined in a page); failure carries a
 * message.
 */
#include "fuzz.h"

#include "config.h"
#include "ingest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
ig_show(const char *what, const char *s, size_t len, size_t at)
{
	size_t from = at > 60 ? at - 60 : 0;
	int n = (int)(len - from < 160 ? len - from : 160);

	fprintf(stderr, "%s at byte %zu: ...%.*s...\n", what, at, n,
	    s + from);
}

int
fuzz_ingest(const uint8_t *data, size_t size)
{
	struct pm_arena *arena = pm_arena_new();
	struct pm_warnings warnings = PM_WARNINGS_INIT;
	struct pm_incident inc;
	struct pm_config cfg;
	struct pm_buf json = PM_BUF_INIT;
	struct pm_error err;
	const char *problem;
	size_t at = 0;
	int bad = 0;

	pm_config_defaults(&cfg);
	pm_error_clear(&err);
	if (pm_ingest_bytes(&inc, arena, "content/2024-03-05-fuzz.md",
	    (const char *)data, size, &cfg, NULL, &warnings, &err) < 0) {
		if (err.message[0] == '\0') {
			fprintf(stderr, "fuzz_ingest: error without a "
			    "message\n");
			bad = 1;
		}
		goto out;
	}
	if (inc.slug == NULL || !pm_slug_valid(inc.slug) ||
	    inc.title == NULL) {
		fprintf(stderr, "fuzz_ingest: slug '%s' or title missing\n",
		    inc.slug ? inc.slug : "(null)");
		bad = 1;
	}
	if (inc.html && (problem = fz_html_problem(inc.html, inc.html_len,
	    FZ_BODY, &at)) != NULL) {
		ig_show(problem, inc.html, inc.html_len, at);
		bad = 1;
	}
	pm_value_write_json(&json, pm_incident_to_value(&inc, arena), 2);
	if (json.ptr && memchr(json.ptr, '<', json.len)) {
		fprintf(stderr, "fuzz_ingest: raw '<' in the record's JSON\n");
		bad = 1;
	}
out:
	pm_buf_free(&json);
	pm_warnings_free(&warnings);
	pm_arena_free(arena);
	return bad;
}

#ifdef PM_FUZZER
FUZZ_ENTRY(fuzz_ingest)
#endif
