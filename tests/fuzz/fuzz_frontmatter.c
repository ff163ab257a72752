/*
 * fuzz_frontmatter.c: fuzz target for the front matter splitter and its
 * YAML parse (pm_frontmatter_split, pm_frontmatter_parse).
 *
 * Properties: the split only points inside the input and counts lines
 * from 1; a successful parse gives a map; an error has a message and a
 * line inside the document.
 */
#include "fuzz.h"

#include "frontmatter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
fm_inside(const uint8_t *data, size_t size, const char *p, size_t len)
{
	const char *s = (const char *)data;

	return p >= s && p <= s + size && len <= (size_t)(s + size - p);
}

int
fuzz_frontmatter(const uint8_t *data, size_t size)
{
	struct pm_frontmatter split;
	struct pm_arena *arena = pm_arena_new();
	struct pm_value *front = NULL;
	struct pm_error err;
	int rc, bad = 0;
	size_t nlines = 1;

	for (size_t i = 0; i < size; i++)
		nlines += data[i] == '\n' || (data[i] == '\r' &&
		    (i + 1 == size || data[i + 1] != '\n'));
	pm_error_clear(&err);
	rc = pm_frontmatter_split(&split, (const char *)data, size, "fuzz.md",
	    &err);
	if (!fm_inside(data, size, split.body, split.body_len) ||
	    split.body_line < 1 || (size_t)split.body_line > nlines + 1 ||
	    (split.present && !fm_inside(data, size, split.yaml,
	    split.yaml_len))) {
		fprintf(stderr, "fuzz_frontmatter: split points outside the "
		    "input\n");
		bad = 1;
	}
	if (rc < 0 && !pm_error_is_set(&err)) {
		fprintf(stderr, "fuzz_frontmatter: split failed silently\n");
		bad = 1;
	}
	pm_error_clear(&err);
	rc = pm_frontmatter_parse(&front, &split, arena, (const char *)data,
	    size, "fuzz.md", &err);
	if (rc == 0 && (front == NULL || front->type != PM_VALUE_MAP)) {
		fprintf(stderr, "fuzz_frontmatter: success without a map\n");
		bad = 1;
	}
	if (rc < 0 && (front != NULL || err.message[0] == '\0' ||
	    err.line < 0 || (size_t)err.line > nlines + 1)) {
		fprintf(stderr, "fuzz_frontmatter: bad error: line %d of "
		    "%zu, '%s'\n", err.line, nlines, err.message);
		bad = 1;
	}
	pm_arena_free(arena);
	return bad;
}

#ifdef PM_FUZZER
FUZZ_ENTRY(fuzz_frontmatter)
#endif
