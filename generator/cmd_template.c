/*
 * cmd_template.c: the `pmsite template` command: one template, its
 * partials directory and a data file in, the rendered bytes out.
 */
#include "cmd_template.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "mustache.h"
#include "value.h"
#include "yamltree.h"

#define USAGE "usage: pmsite template TEMPLATE_FILE [DATA_FILE] " \
	"[--partials DIR]"

static int
usage_error(const char *what, const char *arg)
{
	if (what != NULL)
		fprintf(stderr, "pmsite: %s%s; " USAGE "\n", what, arg);
	else
		fprintf(stderr, "pmsite: " USAGE "\n");
	return PM_EXIT_USAGE;
}

/* The whole of a file, or of standard input for "-". */
static int
read_data(struct pm_buf *b, const char *path, struct pm_error *err)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char chunk[16384];
	size_t n;
	int rc = 0;

	if (f == NULL)
		return pm_error_set(err, errno == ENOENT ? PM_ENOTFOUND :
		    PM_ERROR, path, 0, 0, "%s", errno == ENOENT ?
		    "no such file" : "cannot open");
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		pm_buf_put(b, chunk, n);
	if (ferror(f))
		rc = pm_error_set(err, PM_ERROR, path, 0, 0, "read error");
	if (f != stdin)
		fclose(f);
	return rc;
}

/* The template's name: the file name without directory and suffix. */
static const char *
template_name(struct pm_arena *arena, const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 9 && strcmp(base + len - 9, ".mustache") == 0)
		len -= 9;
	return pm_arena_strndup(arena, base, len);
}

static const char *
directory_of(struct pm_arena *arena, const char *path)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL)
		return ".";
	if (slash == path)
		return "/";
	return pm_arena_strndup(arena, path, (size_t)(slash - path));
}

int
pm_cmd_template(int argc, char **argv)
{
	const char *tpl_path = NULL, *data_path = NULL, *partials = NULL;
	struct pm_template_set *set = NULL;
	struct pm_arena *arena = NULL;
	struct pm_buf data = PM_BUF_INIT, out = PM_BUF_INIT;
	struct pm_value *ctx = NULL;
	struct pm_error err;
	const char *name;
	char line[1024];
	int i, rc = PM_EXIT_OK, options = 1;

	pm_error_clear(&err);
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (options && strcmp(a, "--") == 0) {
			options = 0;
		} else if (options && (strcmp(a, "-h") == 0 ||
		    strcmp(a, "--help") == 0)) {
			printf(USAGE "\n");
			goto out;
		} else if (options && strcmp(a, "--partials") == 0) {
			if (++i == argc) {
				rc = usage_error("--partials needs a directory",
				    "");
				goto out;
			}
			partials = argv[i];
		} else if (options && strncmp(a, "--partials=", 11) == 0) {
			partials = a + 11;
		} else if (options && a[0] == '-' && a[1] != '\0') {
			rc = usage_error("unknown option ", a);
			goto out;
		} else if (tpl_path == NULL) {
			tpl_path = a;
		} else if (data_path == NULL) {
			data_path = a;
		} else {
			rc = usage_error("unexpected argument ", a);
			goto out;
		}
	}
	if (tpl_path == NULL) {
		rc = usage_error(NULL, NULL);
		goto out;
	}

	arena = pm_arena_new();
	pm_template_set_new(&set);
	name = template_name(arena, tpl_path);
	if (pm_template_set_add_file(set, name, tpl_path, &err) != 0 ||
	    pm_template_set_add_dir(set, partials ? partials :
	    directory_of(arena, tpl_path), &err) != 0)
		goto fail;
	if (data_path == NULL) {
		ctx = pm_value_new_map(arena);
	} else if (read_data(&data, data_path, &err) != 0 ||
	    pm_yaml_parse(&ctx, arena, pm_buf_cstr(&data), data.len,
	    strcmp(data_path, "-") == 0 ? "<stdin>" : data_path, 1,
	    &err) != 0) {
		goto fail;
	}
	if (pm_template_render(&out, pm_template_set_get(set, name), set, ctx,
	    &err) != 0)
		goto fail;
	if (out.len > 0)
		fwrite(out.ptr, 1, out.len, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "pmsite: standard output: write error\n");
		rc = PM_EXIT_ERROR;
	}
	goto out;
fail:
	fprintf(stderr, "pmsite: %s\n", pm_error_format(line, sizeof(line),
	    &err));
	rc = PM_EXIT_ERROR;
out:
	pm_buf_free(&data);
	pm_buf_free(&out);
	pm_template_set_free(set);
	pm_arena_free(arena);
	return rc;
}
