/*
 * mustache_fixture.h: what the template engine's tests share: a set, an
 * arena for data, an output buffer and a temporary folder, with helpers
 * to add a template, parse YAML data and render.  Include after cmocka.h.
 */
#ifndef PM_MUSTACHE_FIXTURE_H
#define PM_MUSTACHE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "mustache.h"
#include "yamltree.h"

/* A fixture: a set, an arena for data, an output buffer, a temp dir. */
struct fx {
	struct pm_template_set *set;
	struct pm_arena *arena;
	struct pm_buf out;
	struct pm_error err;
	char dir[64];
};

static inline int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	pm_template_set_new(&fx->set);
	fx->arena = pm_arena_new();
	snprintf(fx->dir, sizeof(fx->dir), "/tmp/check_mustache.XXXXXX");
	assert_non_null(mkdtemp(fx->dir));
	*state = fx;
	return 0;
}

static inline void
remove_tree(const char *dir)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

static inline int
teardown(void **state)
{
	struct fx *fx = *state;

	remove_tree(fx->dir);
	pm_buf_free(&fx->out);
	pm_template_set_free(fx->set);
	pm_arena_free(fx->arena);
	free(fx);
	return 0;
}

static inline void
add(struct fx *fx, const char *name, const char *src)
{
	pm_error_clear(&fx->err);
	assert_int_equal(pm_template_set_add(fx->set, name, src, strlen(src),
	    &fx->err), 0);
}

static inline struct pm_value *
yaml(struct fx *fx, const char *text)
{
	struct pm_value *v = NULL;

	pm_error_clear(&fx->err);
	assert_int_equal(pm_yaml_parse(&v, fx->arena, text, strlen(text),
	    "data", 1, &fx->err), 0);
	return v;
}

/* Render the template called name with ctx; returns the output. */
static inline const char *
render(struct fx *fx, const char *name, const struct pm_value *ctx)
{
	const struct pm_template *t = pm_template_set_get(fx->set, name);

	assert_non_null(t);
	pm_buf_clear(&fx->out);
	pm_error_clear(&fx->err);
	assert_int_equal(pm_template_render(&fx->out, t, fx->set, ctx,
	    &fx->err), 0);
	return pm_buf_cstr(&fx->out);
}

#endif
