/*
 * mustache.c: the template set: named compiled templates in one arena, a
 * hash table to find them by name at render time, and loading them from
 * files and theme directories.
 */
#include "mustache_int.h"

#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SUFFIX		".mustache"
#define SUFFIX_LEN	(sizeof(SUFFIX) - 1)

struct slot {
	uint32_t hash;
	const struct pm_template *tpl;	/* NULL: free */
};

struct pm_template_set {
	struct pm_arena *arena;
	struct slot *slots;	/* open addressing, power-of-two size */
	size_t cap, count;
	size_t max_steps, max_bytes;	/* pm_template_set_budget() */
};

int
pm_template_set_new(struct pm_template_set **out)
{
	struct pm_template_set *set = pm_xcalloc(1, sizeof(*set));

	set->arena = pm_arena_new();
	set->max_steps = PM_TEMPLATE_MAX_STEPS;
	set->max_bytes = PM_TEMPLATE_MAX_OUTPUT;
	*out = set;
	return 0;
}

void
pm_template_set_free(struct pm_template_set *set)
{
	if (set == NULL)
		return;
	pm_arena_free(set->arena);
	free(set->slots);
	free(set);
}

void
pm_template_set_budget(struct pm_template_set *set, size_t steps,
    size_t bytes)
{
	if (steps)
		set->max_steps = steps;
	if (bytes)
		set->max_bytes = bytes;
}

void
pm__template_set_limits(const struct pm_template_set *set, size_t *steps,
    size_t *bytes)
{
	*steps = set ? set->max_steps : PM_TEMPLATE_MAX_STEPS;
	*bytes = set ? set->max_bytes : PM_TEMPLATE_MAX_OUTPUT;
}

const struct pm_template *
pm__template_set_find(const struct pm_template_set *set, const char *name,
    size_t len, uint32_t hash)
{
	size_t i;

	if (set == NULL || set->count == 0)
		return NULL;
	for (i = hash & (set->cap - 1); set->slots[i].tpl != NULL;
	    i = (i + 1) & (set->cap - 1)) {
		const struct pm_template *t = set->slots[i].tpl;

		if (set->slots[i].hash == hash && t->name_len == len &&
		    memcmp(t->name, name, len) == 0)
			return t;
	}
	return NULL;
}

const struct pm_template *
pm_template_set_get(const struct pm_template_set *set, const char *name)
{
	size_t len = strlen(name);

	return pm__template_set_find(set, name, len,
	    pm_value_key_hash(name, len));
}

const char *
pm_template_name(const struct pm_template *tpl)
{
	return tpl->name;
}

static void
insert(struct slot *slots, size_t cap, const struct pm_template *tpl)
{
	size_t i = tpl->hash & (cap - 1);

	while (slots[i].tpl != NULL)
		i = (i + 1) & (cap - 1);
	slots[i].hash = tpl->hash;
	slots[i].tpl = tpl;
}

/* Kept at most half full, so probes stay short. */
static void
set_insert(struct pm_template_set *set, const struct pm_template *tpl)
{
	if ((set->count + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 16, i;
		struct slot *slots = pm_xcalloc(cap, sizeof(*slots));

		for (i = 0; i < set->cap; i++)
			if (set->slots[i].tpl != NULL)
				insert(slots, cap, set->slots[i].tpl);
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	insert(set->slots, set->cap, tpl);
	set->count++;
}

/* Compile and insert; file names the template in errors. */
static int
add(struct pm_template_set *set, const char *name, const char *file,
    const char *src, size_t len, struct pm_error *err)
{
	struct pm_template *tpl;
	const char *copy;
	int rc;

	if (pm_template_set_get(set, name) != NULL)
		return pm_error_set(err, PM_EEXISTS, file, 0, 0,
		    "template '%s' is already defined", name);
	copy = pm_arena_strndup(set->arena, src, len);
	rc = pm__template_compile(&tpl, set->arena,
	    pm_arena_strdup(set->arena, name), pm_arena_strdup(set->arena,
	    file), copy, len, err);
	if (rc == 0)
		set_insert(set, tpl);
	return rc;
}

int
pm_template_set_add(struct pm_template_set *set, const char *name,
    const char *src, size_t len, struct pm_error *err)
{
	return add(set, name, name, src, len, err);
}

/* strerror, lowercased to match the other messages. */
static int
system_error(struct pm_error *err, int code, const char *path, int errnum)
{
	char msg[128];

	snprintf(msg, sizeof(msg), "%s", strerror(errnum));
	msg[0] = (char)tolower((unsigned char)msg[0]);
	return pm_error_set(err, code, path, 0, 0, "%s", msg);
}

int
pm_template_set_add_file(struct pm_template_set *set, const char *name,
    const char *path, struct pm_error *err)
{
	struct pm_buf b = PM_BUF_INIT;
	char chunk[16384];
	FILE *f = NULL;
	size_t n;
	int rc = 0;

	if (pm_template_set_get(set, name) != NULL)
		goto out;
	if ((f = fopen(path, "rb")) == NULL) {
		rc = system_error(err, errno == ENOENT ? PM_ENOTFOUND :
		    PM_ERROR, path, errno);
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		pm_buf_put(&b, chunk, n);
	if (ferror(f)) {
		rc = system_error(err, PM_ERROR, path, errno);
		goto out;
	}
	rc = add(set, name, path, b.ptr ? b.ptr : "", b.len, err);
out:
	if (f != NULL)
		fclose(f);
	pm_buf_free(&b);
	return rc;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is name "STEM.mustache" with a stem that is neither empty nor hidden? */
static int
is_template_file(const char *name)
{
	size_t len = strlen(name);

	return len > SUFFIX_LEN && name[0] != '.' &&
	    strcmp(name + len - SUFFIX_LEN, SUFFIX) == 0;
}

int
pm_template_set_add_dir(struct pm_template_set *set, const char *dir,
    struct pm_error *err)
{
	struct pm_buf path = PM_BUF_INIT;
	struct dirent *de;
	struct stat st;
	char **names = NULL, *stem;
	size_t n = 0, cap = 0, i;
	DIR *d;
	int rc = 0;

	if ((d = opendir(dir)) == NULL) {
		rc = system_error(err, errno == ENOENT ? PM_ENOTFOUND :
		    PM_ERROR, dir, errno);
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		if (!is_template_file(de->d_name))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			names = pm_xrealloc(names, pm_xmul(cap,
			    sizeof(*names)));
		}
		names[n++] = pm_xstrdup(de->d_name);
	}
	closedir(d);
	if (n > 0)
		qsort(names, n, sizeof(*names), compare_names);
	for (i = 0; i < n && rc == 0; i++) {
		/* "x.mustache", not "./x.mustache", in errors. */
		pm_buf_clear(&path);
		if (strcmp(dir, ".") != 0) {
			pm_buf_puts(&path, dir);
			if (path.len > 0 && path.ptr[path.len - 1] != '/')
				pm_buf_putc(&path, '/');
		}
		pm_buf_puts(&path, names[i]);
		stem = names[i];
		stem[strlen(stem) - SUFFIX_LEN] = '\0';
		if (pm_template_set_get(set, stem) != NULL)
			continue;
		if (stat(path.ptr, &st) != 0 || !S_ISREG(st.st_mode))
			continue;	/* a directory or dangling link */
		rc = pm_template_set_add_file(set, stem, path.ptr, err);
	}
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	pm_buf_free(&path);
	return rc;
}
