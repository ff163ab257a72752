/*
 * fuzz_yaml.c: fuzz target for the YAML reader (pm_yaml_parse), which
 * reads front matter, pmsite.yml and template data.
 *
 * Properties: success gives a tree whose JSON is safe inside HTML (no
 * raw '<') and survives a deep copy; failure carries a message; the
 * alias and depth limits keep every input cheap (the timeout catches a
 * "billion laughs" that gets through).
 */
#include "fuzz.h"

#include "yamltree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
fuzz_yaml(const uint8_t *data, size_t size)
{
	struct pm_arena *arena = pm_arena_new();
	struct pm_value *v = NULL;
	struct pm_buf json = PM_BUF_INIT, again = PM_BUF_INIT;
	struct pm_error err;
	int bad = 0;

	pm_error_clear(&err);
	if (pm_yaml_parse(&v, arena, (const char *)data, size, "fuzz.yml", 1,
	    &err) < 0) {
		if (err.message[0] == '\0') {
			fprintf(stderr, "fuzz_yaml: error without a message\n");
			bad = 1;
		}
		goto out;
	}
	if (v == NULL) {
		fprintf(stderr, "fuzz_yaml: success without a value\n");
		bad = 1;
		goto out;
	}
	pm_value_write_json(&json, v, 0);
	if (memchr(json.ptr, '<', json.len) != NULL) {
		fprintf(stderr, "fuzz_yaml: raw '<' in JSON\n");
		bad = 1;
	}
	pm_value_write_json(&again, pm_value_copy(arena, v), 0);
	if (again.len != json.len || memcmp(again.ptr, json.ptr,
	    json.len) != 0) {
		fprintf(stderr, "fuzz_yaml: a copy writes different JSON\n");
		bad = 1;
	}
out:
	pm_buf_free(&json);
	pm_buf_free(&again);
	pm_arena_free(arena);
	return bad;
}

#ifdef PM_FUZZER
FUZZ_ENTRY(fuzz_yaml)
#endif
