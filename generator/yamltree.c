/*
 * yamltree.c: libyaml events to the value tree.  The parse is iterative over an
 * explicit stack of open collections, so document depth costs heap, not C
 * stack, and is capped by PM_YAML_MAX_DEPTH anyway.
 */
#include "yamltree.h"

#include <yaml.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct anchor {
	const char *name;
	struct pm_value *value;
	size_t weight;		/* nodes in the value, aliases expanded */
};

struct frame {
	struct pm_value *coll;
	const char *anchor;	/* of the collection, registered on close */
	size_t weight;
	struct pm_value *key;	/* pending map key, or NULL */
};

struct state {
	struct pm_arena *arena;
	const char *file;
	int first_line;
	struct pm_error *err;
	struct frame stack[PM_YAML_MAX_DEPTH + 1];
	int depth;
	struct anchor *anchors;
	size_t nanchors, anchors_cap;
	size_t total;		/* expanded nodes so far */
	struct pm_value *root;
};

static int
fail_at(struct state *st, yaml_mark_t mark, const char *what)
{
	return pm_error_set(st->err, PM_ERROR, st->file,
	    (int)mark.line + st->first_line, (int)mark.column + 1,
	    "yaml: %s", what);
}

static int
is_int(const char *s)
{
	if (*s == '-' || *s == '+')
		s++;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'o') && s[2]) {
		const char *digits = s[1] == 'x' ? "0123456789abcdefABCDEF" :
		    "01234567";

		return strspn(s + 2, digits) == strlen(s + 2);
	}
	return *s && strspn(s, "0123456789") == strlen(s);
}

static int
is_float(const char *s)
{
	size_t digits = 0;

	if (*s == '-' || *s == '+')
		s++;
	while (*s >= '0' && *s <= '9')
		s++, digits++;
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9')
			s++, digits++;
	}
	if (digits == 0)
		return 0;
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '-' || *s == '+')
			s++;
		if (!(*s >= '0' && *s <= '9'))
			return 0;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

static struct pm_value *
plain_scalar(struct state *st, const char *s, size_t len)
{
	struct pm_arena *a = st->arena;

	if (len == 0 || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0)
		return pm_value_new_null(a);
	if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 ||
	    strcmp(s, "TRUE") == 0)
		return pm_value_new_bool(a, 1);
	if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 ||
	    strcmp(s, "FALSE") == 0)
		return pm_value_new_bool(a, 0);
	if (strlen(s) == len && is_int(s)) {
		const char *p = s + (*s == '-' || *s == '+');
		int base = p[0] == '0' && p[1] == 'x' ? 16 :
		    p[0] == '0' && p[1] == 'o' ? 8 : 10;
		double n = (double)strtoull(base == 10 ? p : p + 2, NULL, base);

		return pm_value_new_number(a, *s == '-' ? -n : n);
	}
	if (strlen(s) == len && is_float(s))
		return pm_value_new_number(a, strtod(s, NULL));
	if (strcmp(s, ".inf") == 0 || strcmp(s, "+.inf") == 0)
		return pm_value_new_number(a, HUGE_VAL);
	if (strcmp(s, "-.inf") == 0)
		return pm_value_new_number(a, -HUGE_VAL);
	if (strcmp(s, ".nan") == 0)
		return pm_value_new_number(a, NAN);
	return pm_value_new_string(a, s, len);
}

static void
anchor_add(struct state *st, const char *name, struct pm_value *v,
    size_t weight)
{
	if (st->nanchors == st->anchors_cap) {
		size_t cap = st->anchors_cap ? st->anchors_cap * 2 : 8;
		struct anchor *n = pm_arena_alloc(st->arena,
		    pm_xmul(cap, sizeof(*n)));

		if (st->nanchors)
			memcpy(n, st->anchors, st->nanchors * sizeof(*n));
		st->anchors = n;
		st->anchors_cap = cap;
	}
	st->anchors[st->nanchors].name = pm_arena_strdup(st->arena, name);
	st->anchors[st->nanchors].value = v;
	st->anchors[st->nanchors].weight = weight;
	st->nanchors++;
}

static const struct anchor *
anchor_find(const struct state *st, const char *name)
{
	/* Latest first: YAML lets an anchor be redefined. */
	for (size_t i = st->nanchors; i > 0; i--)
		if (strcmp(st->anchors[i - 1].name, name) == 0)
			return &st->anchors[i - 1];
	return NULL;
}

/* Attach a finished value to the open collection, or make it the root. */
static int
attach(struct state *st, struct pm_value *v, size_t weight, yaml_mark_t mark)
{
	struct frame *f;

	if (weight > PM_YAML_MAX_NODES - st->total)
		return fail_at(st, mark,
		    "document too large once aliases are expanded");
	st->total += weight;
	if (st->depth == 0) {
		if (st->root == NULL)
			st->root = v;
		return 0;
	}
	f = &st->stack[st->depth - 1];
	f->weight += weight;
	if (f->coll->type == PM_VALUE_LIST) {
		pm_value_list_push(st->arena, f->coll, v);
	} else if (f->key == NULL) {
		if (v->type != PM_VALUE_STRING && v->type != PM_VALUE_NUMBER &&
		    v->type != PM_VALUE_BOOL && v->type != PM_VALUE_NULL)
			return fail_at(st, mark, "a mapping key must be a "
			    "scalar");
		f->key = v;
	} else {
		struct pm_buf key = PM_BUF_INIT;

		/* Non-string keys (numbers, booleans) become their text. */
		if (f->key->type == PM_VALUE_STRING)
			pm_value_map_setn(st->arena, f->coll,
			    f->key->u.string.ptr, f->key->u.string.len, v);
		else {
			if (f->key->type == PM_VALUE_NUMBER)
				pm_value_put_number(&key, f->key->u.number);
			else if (f->key->type == PM_VALUE_BOOL)
				pm_buf_puts(&key, f->key->u.boolean ?
				    "true" : "false");
			else
				pm_buf_puts(&key, "null");
			pm_value_map_setn(st->arena, f->coll,
			    pm_buf_cstr(&key), key.len, v);
			pm_buf_free(&key);
		}
		f->key = NULL;
	}
	return 0;
}

static int
open_collection(struct state *st, struct pm_value *coll,
    const yaml_char_t *anchor, yaml_mark_t mark)
{
	struct frame *f;

	if (st->depth >= PM_YAML_MAX_DEPTH)
		return fail_at(st, mark, "nesting deeper than 200 levels");
	coll->line = (int)mark.line + st->first_line;
	f = &st->stack[st->depth++];
	f->coll = coll;
	f->anchor = anchor ? pm_arena_strdup(st->arena,
	    (const char *)anchor) : NULL;
	f->weight = 1;
	f->key = NULL;
	return 0;
}

static int
close_collection(struct state *st, yaml_mark_t mark)
{
	struct frame f = st->stack[--st->depth];

	if (f.anchor)
		anchor_add(st, f.anchor, f.coll, f.weight);
	/* The collection's own nodes were counted as they were attached;
	 * only its frame node is new. */
	st->total -= f.weight - 1;
	return attach(st, f.coll, f.weight, mark);
}

static int
on_event(struct state *st, yaml_event_t *ev, int *done)
{
	struct pm_value *v;
	const struct anchor *an;

	switch (ev->type) {
	case YAML_SCALAR_EVENT: {
		const char *s = (const char *)ev->data.scalar.value;
		size_t len = ev->data.scalar.length;
		const char *tag = (const char *)ev->data.scalar.tag;

		if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
		    (tag && strcmp(tag, YAML_STR_TAG) == 0))
			v = pm_value_new_string(st->arena, s, len);
		else
			v = plain_scalar(st, s, len);
		v->line = (int)ev->start_mark.line + st->first_line;
		if (ev->data.scalar.anchor)
			anchor_add(st, (const char *)ev->data.scalar.anchor,
			    v, 1);
		return attach(st, v, 1, ev->start_mark);
	}
	case YAML_SEQUENCE_START_EVENT:
		return open_collection(st, pm_value_new_list(st->arena),
		    ev->data.sequence_start.anchor, ev->start_mark);
	case YAML_MAPPING_START_EVENT:
		return open_collection(st, pm_value_new_map(st->arena),
		    ev->data.mapping_start.anchor, ev->start_mark);
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		return close_collection(st, ev->start_mark);
	case YAML_ALIAS_EVENT:
		an = anchor_find(st, (const char *)ev->data.alias.anchor);
		if (an == NULL)
			return fail_at(st, ev->start_mark, "unknown alias");
		return attach(st, an->value, an->weight, ev->start_mark);
	case YAML_DOCUMENT_END_EVENT:
	case YAML_STREAM_END_EVENT:
		*done = 1;
		return 0;
	default:
		return 0;
	}
}

int
pm_yaml_parse(struct pm_value **out, struct pm_arena *arena,
    const char *src, size_t len, const char *file, int first_line,
    struct pm_error *err)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct state *st;
	int done = 0, rc = 0;

	*out = NULL;
	/* The frame stack is large; keep it off the C stack. */
	st = pm_xcalloc(1, sizeof(*st));
	st->arena = arena;
	st->file = file;
	st->first_line = first_line > 0 ? first_line : 1;
	st->err = err;
	if (!yaml_parser_initialize(&parser)) {
		free(st);
		return pm_error_set(err, PM_ERROR, file, 0, 0,
		    "yaml: cannot initialise the parser");
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)src, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = fail_at(st, parser.problem_mark,
			    parser.problem ? parser.problem : "syntax error");
			break;
		}
		rc = on_event(st, &ev, &done);
		yaml_event_delete(&ev);
		if (rc)
			break;
	}
	yaml_parser_delete(&parser);
	if (rc == 0)
		*out = st->root ? st->root : pm_value_new_null(arena);
	free(st);
	return rc;
}
