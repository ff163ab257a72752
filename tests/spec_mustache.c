/*
 * spec_mustache.c: runs the official Mustache spec (the YAML files of
 * tests/mustache-spec, lambdas left out) against the template engine and
 * prints a count per file.
 *
 * usage: spec_mustache [DIR]	(default tests/mustache-spec)
 * Exit status 0 when every test passes, 1 otherwise.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "mustache.h"
#include "value.h"
#include "yamltree.h"

static int
read_file(struct pm_buf *b, const char *path)
{
	char chunk[8192];
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = 0;

	if (f == NULL)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		pm_buf_put(b, chunk, n);
	if (ferror(f))
		rc = -1;
	fclose(f);
	return rc;
}

static void
show(const char *label, const char *s, size_t len)
{
	printf("  %s: \"", label);
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\r')
			fputs("\\r", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c == '"' || c == '\\')
			printf("\\%c", c);
		else if (c < 0x20)
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	fputs("\"\n", stdout);
}

/* Run one test; 1 when it passes. */
static int
run_test(const char *file, const struct pm_value *test)
{
	const struct pm_value *name = pm_value_map_get(test, "name");
	const struct pm_value *tpl = pm_value_map_get(test, "template");
	const struct pm_value *expected = pm_value_map_get(test, "expected");
	const struct pm_value *partials = pm_value_map_get(test, "partials");
	const struct pm_value *data = pm_value_map_get(test, "data");
	struct pm_template_set *set = NULL;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_error err;
	char msg[1024];
	size_t i;
	int ok = 0;

	pm_error_clear(&err);
	pm_template_set_new(&set);
	if (!pm_value_is(tpl, PM_VALUE_STRING) ||
	    !pm_value_is(expected, PM_VALUE_STRING)) {
		snprintf(msg, sizeof(msg), "malformed test");
		goto out;
	}
	for (i = 0; i < pm_value_len(partials); i++) {
		const struct pm_value_entry *e = &partials->u.map.entries[i];

		if (e->value->type == PM_VALUE_STRING &&
		    pm_template_set_add(set, e->key, e->value->u.string.ptr,
		    e->value->u.string.len, &err) != 0)
			goto fail;
	}
	/* A name no partial of the spec uses. */
	if (pm_template_set_add(set, "(spec template)", tpl->u.string.ptr,
	    tpl->u.string.len, &err) != 0)
		goto fail;
	if (pm_template_render(&out, pm_template_set_get(set,
	    "(spec template)"), set, data, &err) != 0)
		goto fail;
	ok = out.len == expected->u.string.len && (out.len == 0 ||
	    memcmp(out.ptr, expected->u.string.ptr, out.len) == 0);
	msg[0] = '\0';
	goto out;
fail:
	pm_error_format(msg, sizeof(msg), &err);
out:
	if (!ok) {
		printf("FAIL %s: %s\n", file, pm_value_str(name) ?
		    pm_value_str(name) : "?");
		if (msg[0])
			printf("  error: %s\n", msg);
		if (pm_value_is(tpl, PM_VALUE_STRING))
			show("template", tpl->u.string.ptr, tpl->u.string.len);
		if (pm_value_is(expected, PM_VALUE_STRING))
			show("expected", expected->u.string.ptr,
			    expected->u.string.len);
		show("actual  ", pm_buf_cstr(&out), out.len);
	}
	pm_buf_free(&out);
	pm_template_set_free(set);
	return ok;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/mustache-spec";
	char **names = NULL, path[4096];
	size_t n = 0, i, k;
	int passed = 0, failed = 0;
	struct dirent *de;
	DIR *d;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "spec_mustache: %s: cannot open\n", dir);
		return 2;
	}
	while ((de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);

		if (len < 5 || strcmp(de->d_name + len - 4, ".yml") != 0 ||
		    strstr(de->d_name, "lambdas") != NULL)
			continue;
		names = pm_xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = pm_xstrdup(de->d_name);
	}
	closedir(d);
	if (n == 0) {
		fprintf(stderr, "spec_mustache: %s: no spec files\n", dir);
		return 2;
	}
	qsort(names, n, sizeof(*names), compare_names);
	for (i = 0; i < n; i++) {
		struct pm_arena *arena = pm_arena_new();
		struct pm_buf src = PM_BUF_INIT;
		struct pm_value *doc = NULL;
		const struct pm_value *tests;
		struct pm_error err;
		char msg[1024];
		int file_pass = 0, file_total = 0;

		pm_error_clear(&err);
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (read_file(&src, path) != 0 ||
		    pm_yaml_parse(&doc, arena, pm_buf_cstr(&src), src.len,
		    path, 1, &err) != 0) {
			printf("spec %s: cannot load: %s\n", names[i],
			    pm_error_format(msg, sizeof(msg), &err));
			failed++;
		} else {
			tests = pm_value_map_get(doc, "tests");
			for (k = 0; k < pm_value_len(tests); k++) {
				file_total++;
				if (run_test(names[i], tests->u.list.items[k]))
					file_pass++;
			}
			printf("spec %s: %d/%d passed\n", names[i], file_pass,
			    file_total);
			passed += file_pass;
			failed += file_total - file_pass;
		}
		pm_buf_free(&src);
		pm_arena_free(arena);
		free(names[i]);
	}
	free(names);
	printf("mustache spec: %d passed, %d failed\n", passed, failed);
	return failed == 0 ? 0 : 1;
}
