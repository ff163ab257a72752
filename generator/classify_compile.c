/*
 * classify_compile.c: the taxonomy of a site, compiled from the built-in
 * one (classify_taxonomy.c) and the `taxonomy` of pmsite.yml: categories
 * extended with keywords, or replaced, with errors naming the file.
 */
#include "classify.h"
#include "classify_int.h"

#include <string.h>

/* A category being built: its keywords grow. */
struct draft {
	const char *id, *name, *description;
	struct pm_keyword *kw;
	size_t nkw, cap;
	int defined;		/* by the configuration */
};

struct build {
	struct pm_arena *arena;
	struct draft *v;
	size_t n, cap;
	const char *file;
	struct pm_error *err;
};

static int
fail(struct build *b, const struct pm_value *v, const char *msg,
    const char *arg)
{
	return pm_error_set(b->err, PM_ERROR, b->file, v ? v->line : 0, 0,
	    "taxonomy: %s%s%s%s", msg, arg ? " '" : "", arg ? arg : "",
	    arg ? "'" : "");
}

static int
valid_id(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n > 64 || s[0] == '-' || s[n - 1] == '-')
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

static void
add_keyword(struct build *b, struct draft *d, const char *phrase,
    double weight)
{
	struct pm_buf nb = PM_BUF_INIT;
	int space = 0;

	/* normalised as the text will be: lowercase words, one space */
	for (const char *p = phrase; *p; p++) {
		int c = (unsigned char)*p;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c >= 0x80 || (c == '*' && p[1] == '\0')) {
			if (space && nb.len)
				pm_buf_putc(&nb, ' ');
			pm_buf_putc(&nb, c);
			space = 0;
		} else {
			space = 1;
		}
	}
	if (nb.len && !(nb.len == 1 && nb.ptr[0] == '*')) {
		if (d->nkw == d->cap) {
			struct pm_keyword *n;

			d->cap = d->cap ? d->cap * 2 : 16;
			n = pm_arena_alloc(b->arena, pm_xmul(d->cap,
			    sizeof(*n)));
			if (d->nkw)
				memcpy(n, d->kw, d->nkw * sizeof(*n));
			d->kw = n;
		}
		d->kw[d->nkw].phrase = pm_arena_strndup(b->arena, nb.ptr,
		    nb.len);
		d->kw[d->nkw].weight = weight;
		d->nkw++;
	}
	pm_buf_free(&nb);
}

static struct draft *
draft_find(struct build *b, const char *id)
{
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->v[i].id, id) == 0)
			return &b->v[i];
	return NULL;
}

static struct draft *
draft_add(struct build *b, const char *id)
{
	struct draft *d;

	if (b->n == b->cap) {
		struct draft *n;

		b->cap = b->cap ? b->cap * 2 : 16;
		n = pm_arena_alloc(b->arena, pm_xmul(b->cap, sizeof(*n)));
		if (b->n)
			memcpy(n, b->v, b->n * sizeof(*n));
		b->v = n;
	}
	d = &b->v[b->n++];
	memset(d, 0, sizeof(*d));
	d->id = pm_arena_strdup(b->arena, id);
	d->name = d->id;
	d->description = "";
	return d;
}

static int
string_of(const char **out, struct build *b, const struct pm_value *v,
    const char *key)
{
	if (v == NULL || v->type == PM_VALUE_NULL)
		return 0;
	if (v->type != PM_VALUE_STRING)
		return fail(b, v, key, NULL);
	*out = pm_arena_strdup(b->arena, v->u.string.ptr);
	return 0;
}

static int
keywords_of(struct build *b, struct draft *d, const struct pm_value *v)
{
	if (v == NULL || v->type == PM_VALUE_NULL)
		return 0;
	if (v->type != PM_VALUE_LIST)
		return fail(b, v, "keywords must be a list", NULL);
	for (size_t i = 0; i < v->u.list.len; i++) {
		const struct pm_value *k = v->u.list.items[i], *w, *p;
		double weight = 3;

		if (k->type == PM_VALUE_STRING) {
			add_keyword(b, d, k->u.string.ptr, weight);
			continue;
		}
		p = pm_value_map_get(k, "keyword");
		w = pm_value_map_get(k, "weight");
		if (k->type != PM_VALUE_MAP || !pm_value_is(p, PM_VALUE_STRING))
			return fail(b, k, "a keyword is a string or a map with "
			    "'keyword' and 'weight'", NULL);
		if (w && (w->type != PM_VALUE_NUMBER || !(w->u.number > 0) ||
		    w->u.number > 100))
			return fail(b, w, "a keyword weight is a number "
			    "between 0 and 100", NULL);
		add_keyword(b, d, p->u.string.ptr, w ? w->u.number : weight);
	}
	return 0;
}

static int
category_of(struct build *b, const struct pm_value *c)
{
	const struct pm_value *id = pm_value_map_get(c, "id");
	struct draft *d;
	size_t i;

	if (c->type != PM_VALUE_MAP)
		return fail(b, c, "each category must be a map with an 'id'",
		    NULL);
	if (id == NULL || id->type != PM_VALUE_STRING)
		return fail(b, id ? id : c, "category without an 'id'", NULL);
	if (!valid_id(id->u.string.ptr))
		return fail(b, id, "category id must be lowercase letters, "
		    "digits and dashes:", id->u.string.ptr);
	for (i = 0; i < c->u.map.len; i++) {
		const char *k = c->u.map.entries[i].key;

		if (strcmp(k, "id") && strcmp(k, "name") &&
		    strcmp(k, "description") && strcmp(k, "keywords"))
			return fail(b, c->u.map.entries[i].value,
			    "unknown category key", k);
	}
	d = draft_find(b, id->u.string.ptr);
	if (d && d->defined)
		return fail(b, id, "category defined twice:",
		    id->u.string.ptr);
	if (d == NULL)
		d = draft_add(b, id->u.string.ptr);
	d->defined = 1;
	if (string_of(&d->name, b, pm_value_map_get(c, "name"),
	    "name must be text") < 0 ||
	    string_of(&d->description, b, pm_value_map_get(c,
	    "description"), "description must be text") < 0)
		return PM_ERROR;
	return keywords_of(b, d, pm_value_map_get(c, "keywords"));
}

int
pm_taxonomy_compile(const struct pm_taxonomy **out,
    const struct pm_value *taxonomy, int replace, const char *file,
    struct pm_error *err)
{
	struct build b;
	const struct pm_value *list = taxonomy, *rep = NULL;
	/* its last category is "other" */
	const struct pm_taxonomy *builtin = pm_taxonomy_default();
	struct pm_taxonomy *tax;
	struct pm_category *cats;
	size_t i, k, o;
	int rc = PM_ERROR;

	*out = builtin;
	memset(&b, 0, sizeof(b));
	b.arena = pm_arena_new();
	if (taxonomy == NULL || taxonomy->type == PM_VALUE_NULL) {
		/* the default's categories, with the index it lacks */
		tax = pm_arena_alloc(b.arena, sizeof(*tax));
		*tax = *builtin;
		tax->arena = b.arena;
		tax->index = pm_classify__index(tax, b.arena);
		*out = tax;
		return 0;
	}
	b.file = file;
	b.err = err;
	if (taxonomy->type == PM_VALUE_MAP) {
		for (i = 0; i < taxonomy->u.map.len; i++) {
			const char *key = taxonomy->u.map.entries[i].key;

			if (strcmp(key, "replace") &&
			    strcmp(key, "categories")) {
				fail(&b, taxonomy->u.map.entries[i].value,
				    "unknown key", key);
				goto out;
			}
		}
		rep = pm_value_map_get(taxonomy, "replace");
		list = pm_value_map_get(taxonomy, "categories");
		if (rep && rep->type != PM_VALUE_BOOL) {
			fail(&b, rep, "replace must be true or false", NULL);
			goto out;
		}
		replace |= rep && rep->u.boolean;
	}
	if (list == NULL || list->type != PM_VALUE_LIST) {
		fail(&b, list ? list : taxonomy, "must be a list of "
		    "categories or a map with 'replace' and 'categories'",
		    NULL);
		goto out;
	}
	for (i = 0; !replace && i < builtin->len; i++) {
		const struct pm_category *c = &builtin->categories[i];
		struct draft *d = draft_add(&b, c->id);

		d->name = c->name;
		d->description = c->description;
		for (k = 0; k < c->nkeywords; k++)
			add_keyword(&b, d, c->keywords[k].phrase,
			    c->keywords[k].weight);
	}
	for (i = 0; i < list->u.list.len; i++)
		if (category_of(&b, list->u.list.items[i]) < 0)
			goto out;
	if (!draft_find(&b, PM_CATEGORY_OTHER)) {
		struct draft *d = draft_add(&b, PM_CATEGORY_OTHER);

		d->name = "Other";
		d->description = builtin->categories[builtin->len -
		    1].description;
	}
	/* "other" stays last: it is the fallback, not a peer */
	tax = pm_arena_alloc(b.arena, sizeof(*tax));
	cats = pm_arena_alloc(b.arena, pm_xmul(b.n, sizeof(*cats)));
	for (i = 0, o = 0; i < b.n; i++)
		if (strcmp(b.v[i].id, PM_CATEGORY_OTHER) != 0)
			cats[o++] = (struct pm_category){ b.v[i].id,
			    b.v[i].name, b.v[i].description, b.v[i].kw,
			    b.v[i].nkw };
	for (i = 0; i < b.n; i++)
		if (strcmp(b.v[i].id, PM_CATEGORY_OTHER) == 0)
			cats[o++] = (struct pm_category){ b.v[i].id,
			    b.v[i].name, b.v[i].description, b.v[i].kw,
			    b.v[i].nkw };
	tax->categories = cats;
	tax->len = o;
	tax->arena = b.arena;
	tax->index = pm_classify__index(tax, b.arena);
	*out = tax;
	b.arena = NULL;
	rc = 0;
out:
	pm_arena_free(b.arena);
	return rc;
}

void
pm_taxonomy_free(const struct pm_taxonomy *tax)
{
	/* the taxonomy lives in its own arena, the struct included */
	if (tax && tax->arena)
		pm_arena_free(tax->arena);
}
