/*
 * output_path.c: which relative paths a site may hold, and the claims on
 * them: who wrote which file, and which folders those files need.
 */
#include "output.h"
#include "output_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* Dot-names a site may publish, only at the top: GitHub Pages reads
 * .nojekyll there to serve the tree as is. */
static const char *const dot_whitelist[] = { ".nojekyll" };

static size_t
hash_str(const char *s, size_t len)
{
	size_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static const char **
pathset_find(const struct pm_output_pathset *set, const char *s, size_t len)
{
	size_t i = hash_str(s, len) & (set->cap - 1);

	for (; set->slots[i]; i = (i + 1) & (set->cap - 1))
		if (strncmp(set->slots[i], s, len) == 0 &&
		    set->slots[i][len] == '\0')
			break;
	return &set->slots[i];
}

int
pm_output__pathset_has(const struct pm_output_pathset *set, const char *s,
    size_t len)
{
	return set->cap > 0 && *pathset_find(set, s, len) != NULL;
}

int
pm_output__pathset_add(struct pm_output_pathset *set, struct pm_arena *arena,
    const char *s, size_t len)
{
	const char **slot;

	if ((set->count + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		struct pm_output_pathset grown = { NULL, cap, 0 };

		grown.slots = pm_xcalloc(cap, sizeof(*grown.slots));
		for (size_t k = 0; k < set->cap; k++)
			if (set->slots[k])
				*pathset_find(&grown, set->slots[k],
				    strlen(set->slots[k])) = set->slots[k];
		free(set->slots);
		set->slots = grown.slots;
		set->cap = cap;
	}
	slot = pathset_find(set, s, len);
	if (*slot)
		return 0;
	*slot = pm_arena_strndup(arena, s, len);
	set->count++;
	return 1;
}

static int
is_whitelisted(const char *comp, size_t len)
{
	for (size_t i = 0; i < sizeof(dot_whitelist) / sizeof(*dot_whitelist);
	    i++)
		if (strlen(dot_whitelist[i]) == len &&
		    memcmp(dot_whitelist[i], comp, len) == 0)
			return 1;
	return 0;
}

/* NULL when relpath is a safe output path, else why not. */
const char *
pm_output__path_problem(const char *relpath)
{
	size_t len, depth = 0;
	const char *p, *comp;

	if (relpath == NULL || relpath[0] == '\0')
		return "empty path";
	len = strnlen(relpath, PM_OUTPUT_PATH_MAX + 1);
	if (len > PM_OUTPUT_PATH_MAX)
		return "longer than 1024 bytes";
	if (relpath[0] == '/')
		return "absolute path";
	for (p = relpath; *p; p++) {
		if (*p == '\\')
			return "backslash in path";
		if (!isalnum((unsigned char)*p) && !strchr("._-/", *p))
			return "character other than A-Z a-z 0-9 . _ - /";
	}
	for (comp = relpath;; comp = p + 1) {
		size_t n;

		p = strchr(comp, '/');
		n = p ? (size_t)(p - comp) : strlen(comp);
		if (++depth > PM_OUTPUT_DEPTH_MAX)
			return "too many directory levels";
		if (n == 0)
			return "empty path component";
		if (n > PM_OUTPUT_NAME_MAX)
			return "path component longer than 255 bytes";
		if (n == 2 && comp[0] == '.' && comp[1] == '.')
			return "'..' component";
		if (n == 1 && comp[0] == '.')
			return "'.' component";
		if (comp[0] == '.' && !(depth == 1 && p == NULL &&
		    is_whitelisted(comp, n)))
			return "hidden component (starts with '.')";
		if (p == NULL)
			break;
	}
	return NULL;
}

int
pm_output__path_error(struct pm_error *err, const char *relpath,
    const char *why)
{
	char shown[84];
	size_t i = 0;

	/* Quote at most 80 bytes, printable only: the path came from
	 * content and must not break the one-line message. */
	for (const char *p = relpath ? relpath : ""; *p && i < 80; p++)
		shown[i++] = isprint((unsigned char)*p) ? *p : '?';
	if (relpath && strlen(relpath) > 80) {
		memcpy(shown + i, "...", 3);
		i += 3;
	}
	shown[i] = '\0';
	return pm_error_set(err, PM_ERROR, NULL, 0, 0,
	    "invalid output path \"%s\": %s", shown, why);
}

const char *
pm_output__conflict(const struct pm_output *o, const char *relpath,
    size_t *at)
{
	*at = strlen(relpath);
	if (pm_output__pathset_has(&o->written, relpath, *at))
		return "written twice (two pages claim one output path)";
	if (pm_output__pathset_has(&o->dirs, relpath, *at))
		return "already exists (a directory of the same name was "
		    "written)";
	for (const char *p = relpath; (p = strchr(p, '/')) != NULL; p++)
		if (pm_output__pathset_has(&o->written, relpath,
		    (size_t)(p - relpath))) {
			*at = (size_t)(p - relpath);
			return "was already written as a file";
		}
	return NULL;
}

/*
 * Claim relpath and the folders above it, all or nothing, so that two
 * writers can never make a file and a folder of one name whatever their
 * timing, and whatever stands in the way in the staging tree that no one
 * claimed is a leftover that may go.  The lock is held.
 */
void
pm_output__claim(struct pm_output *o, const char *relpath)
{
	(void)pm_output__pathset_add(&o->written, o->arena, relpath,
	    strlen(relpath));
	for (const char *p = relpath; (p = strchr(p, '/')) != NULL; p++)
		(void)pm_output__pathset_add(&o->dirs, o->arena, relpath,
		    (size_t)(p - relpath));
}

