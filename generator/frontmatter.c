/*
 * frontmatter.c: finding the fences of the leading YAML block and handing
 * what lies between them to the YAML reader.
 */
#include "frontmatter.h"

#include <string.h>

#include "yamltree.h"

/*
 * The line starting at p: returns where its text ends (before the line
 * break) and sets *next to the start of the following line, or to end.
 */
static const char *
line_end(const char *p, const char *end, const char **next)
{
	while (p < end && *p != '\n' && *p != '\r')
		p++;
	*next = p;
	if (p < end) {
		*next = p + 1;
		if (*p == '\r' && *next < end && **next == '\n')
			(*next)++;
	}
	return p;
}

/* Is [p, e) the fence, give or take trailing blanks? */
static int
is_fence(const char *p, const char *e, const char *fence)
{
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return (size_t)(e - p) == strlen(fence) &&
	    memcmp(p, fence, strlen(fence)) == 0;
}

int
pm_frontmatter_split(struct pm_frontmatter *out, const char *src,
    size_t len, const char *file, struct pm_error *err)
{
	const char *p = src, *end = src + len, *yaml, *next, *e;
	int line = 2, rc = 0;

	if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	memset(out, 0, sizeof(*out));
	out->body = p;
	out->body_len = (size_t)(end - p);
	out->body_line = 1;
	e = line_end(p, end, &yaml);
	if (!is_fence(p, e, "---"))
		goto out;
	for (const char *q = yaml; q < end; q = next, line++) {
		e = line_end(q, end, &next);
		if (is_fence(q, e, "---") || is_fence(q, e, "...")) {
			out->present = 1;
			out->yaml = yaml;
			out->yaml_len = (size_t)(q - yaml);
			out->yaml_line = 2;
			out->body = next;
			out->body_len = (size_t)(end - next);
			out->body_line = line + 1;
			goto out;
		}
	}
	rc = pm_error_set(err, PM_ERROR, file, 1, 1,
	    "front matter is not closed");
out:
	return rc;
}

int
pm_frontmatter_parse(struct pm_value **out,
    struct pm_frontmatter *split_out, struct pm_arena *arena,
    const char *src, size_t len, const char *file, struct pm_error *err)
{
	struct pm_frontmatter fm;
	struct pm_value *v = NULL;
	int rc;

	*out = NULL;
	rc = pm_frontmatter_split(&fm, src, len, file, err);
	if (rc != 0 || !fm.present)
		goto out;
	rc = pm_yaml_parse(&v, arena, fm.yaml, fm.yaml_len, file,
	    fm.yaml_line, err);
	if (rc != 0)
		goto out;
	if (v->type != PM_VALUE_MAP && v->type != PM_VALUE_NULL)
		rc = pm_error_set(err, PM_ERROR, file,
		    v->line > 0 ? v->line : fm.yaml_line, 0,
		    "front matter must be a mapping");
out:
	if (rc == 0) {
		/* Absent and empty blocks read as an empty mapping, so that
		 * callers never need to test for NULL. */
		if (v == NULL || v->type == PM_VALUE_NULL) {
			v = pm_value_new_map(arena);
			v->line = fm.present ? fm.yaml_line : 0;
		}
		*out = v;
	}
	if (split_out)
		*split_out = fm;
	return rc;
}
