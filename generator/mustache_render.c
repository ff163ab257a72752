/*
 * mustache_render.c: walking a compiled template against a value tree: the
 * context stack, the indentation of included templates, and the override
 * scopes of template inheritance.  Rendering only reads the template and
 * the set, so any number of renders may run at once.
 */
#include "mustache_int.h"

#include <stdlib.h>
#include <string.h>

/*
 * The overrides of one parent tag, chained to the scope the tag itself was
 * rendered in.  A block takes the outermost override of its name, and an
 * override's body renders in the scope of the tag it came with, so a
 * template's own blocks never leak into the components it uses.
 */
struct scope {
	const struct pm_template *tpl;
	const struct mt_op *parent;
	const struct scope *next;
};

struct render {
	struct pm_buf *out;
	const struct pm_template_set *set;
	struct pm_error *err;
	const struct pm_value **ctx;	/* the context stack, top last */
	size_t nctx;
	/* Indentation of the template being rendered: ind[ind_start,
	 * ind_end).  A standalone include appends its own, any other
	 * include starts an empty window past the end. */
	char *ind;
	size_t ind_start, ind_end, ind_cap;
	int suppress;		/* skip the next indentation: see block() */
	int depth;		/* render_ops calls open */
	int nesting;		/* partials and parents open */
	size_t steps;		/* taken: see PM_TEMPLATE_MAX_STEPS */
	size_t max_steps, max_bytes;	/* the set's budget */
	size_t out_start;	/* out->len on entry */
	/* Items of made lists reached by index ("list.0"), kept to the end
	 * of the render; NULL until the first. */
	struct pm_arena *made;
	const struct pm_template_sink *sink;	/* or NULL */
	size_t handed;		/* bytes given to the sink so far */
};

static int render_ops(struct render *r, const struct pm_template *t,
    uint32_t from, uint32_t to, const struct scope *sc);

/*
 * pm_buf_put, inlined for the common case of a buffer with room: most
 * writes are short runs of template text, and the call and growth check
 * cost more than the copy.  Keeps the NUL that buf.h promises.
 */
static inline void
put(struct pm_buf *b, const char *s, size_t n)
{
	if (n < b->cap - b->len) {
		memcpy(b->ptr + b->len, s, n);
		b->len += n;
		b->ptr[b->len] = '\0';
	} else {
		pm_buf_put(b, s, n);
	}
}

static void
indent(struct render *r)
{
	if (r->suppress)
		r->suppress = 0;
	else if (r->ind_end > r->ind_start)
		put(r->out, r->ind + r->ind_start, r->ind_end - r->ind_start);
}

static void
indent_push(struct render *r, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (r->ind_end + n > r->ind_cap) {
		r->ind_cap = (r->ind_end + n) * 2;
		if (r->ind_cap < 64)
			r->ind_cap = 64;
		r->ind = pm_xrealloc(r->ind, r->ind_cap);
	}
	memcpy(r->ind + r->ind_end, s, n);
	r->ind_end += n;
}

static int
limit(struct render *r, const struct pm_template *t, const struct mt_op *op,
    const char *what, int max)
{
	return pm_error_set(r->err, PM_ELIMIT, t->file, op->line, op->column,
	    "%s '%.*s' nested deeper than %d levels", what,
	    (int)(op->len > 64 ? 64 : op->len), op->str, max);
}

/* The budget (PM_TEMPLATE_MAX_STEPS), checked before each tag, so that the
 * error names one: in between, a render writes template text and at most
 * one value, whose sizes the template and the data bound. */
static int
too_much(struct render *r, const struct pm_template *t, const struct mt_op *op)
{
	if (r->steps <= r->max_steps &&
	    r->handed + r->out->len - r->out_start <= r->max_bytes)
		return 0;
	return pm_error_set(r->err, PM_ELIMIT, t->file, op->line, op->column,
	    "render too large at '%.*s': over %zu steps or %zu bytes",
	    (int)(op->len > 64 ? 64 : op->len), op->str, r->max_steps,
	    r->max_bytes);
}

/*
 * pm_value_map_getn with the name hashed once, when the template was
 * compiled: a context lookup misses in most maps it visits on its way
 * down the stack, and the hash each entry carries settles nearly every
 * miss without reading the key.  Lookups were a tenth of a rebuild.
 */
static const struct pm_value *
map_get(const struct pm_value *map, const struct mt_seg *seg)
{
	const struct pm_value_entry *e = map->u.map.entries, *end;

	/* An empty map has no entries array: NULL + 0 is undefined. */
	if (map->u.map.len == 0)
		return NULL;
	for (end = e + map->u.map.len; e < end; e++)
		if (e->hash == seg->hash && e->key_len == seg->len &&
		    memcmp(e->key, seg->ptr, seg->len) == 0)
			return e->value;
	return NULL;
}

/* A part of a dotted name after the first: a key, or an index. */
static const struct pm_value *
child(struct render *r, const struct pm_value *v, const struct mt_seg *seg)
{
	if (v->type == PM_VALUE_MAP)
		return map_get(v, seg);
	if (v->type != PM_VALUE_LIST || seg->index >= v->u.list.len)
		return NULL;
	if (pm_value_is_made(v) && r->made == NULL)
		r->made = pm_arena_new();
	return pm_value_list_item(v, seg->index, r->made);
}

/*
 * The value of the op's name: the first part is looked up from the top of
 * the context stack down, the others only in what the first found.
 */
static const struct pm_value *
lookup(struct render *r, const struct mt_op *op)
{
	const struct pm_value *v = NULL;
	const struct mt_seg *seg = op->seg;
	size_t i;

	if (op->nseg == 0)
		return r->ctx[r->nctx - 1];
	for (i = r->nctx; i-- > 0;) {
		const struct pm_value *c = r->ctx[i];

		r->steps++;
		if (c != NULL && c->type == PM_VALUE_MAP &&
		    (v = map_get(c, seg)) != NULL)
			break;
	}
	for (i = 1; v != NULL && i < op->nseg; i++)
		v = child(r, v, &seg[i]);
	return v;
}

static int
truthy(const struct pm_value *v)
{
	if (v == NULL)
		return 0;
	switch (v->type) {
	case PM_VALUE_NULL:
		return 0;
	case PM_VALUE_BOOL:
		return v->u.boolean;
	case PM_VALUE_STRING:
		return v->u.string.len > 0;
	case PM_VALUE_LIST:
		return v->u.list.len > 0;
	default:
		return 1;
	}
}

/*
 * The bytes pm_value_put_number writes, without its printf and strtod for
 * the numbers pages are full of: integers, and numbers with one decimal
 * (minutes, percentages).  m / 10.0 is correctly rounded, as strtod is, so
 * when it gives n back the decimal m/10 reads back as n; no shorter
 * decimal can, since below 1e14 doubles are closer than 0.1 apart.
 */
void
pm__template_put_number(struct pm_buf *out, double n)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	double m = n * 10;
	uint64_t u;
	int neg = n < 0, tenths;

	if (!(n > -1e14 && n < 1e14) || m != (double)(int64_t)m ||
	    (double)(int64_t)m / 10.0 != n) {
		pm_value_put_number(out, n);
		return;
	}
	u = (uint64_t)(neg ? -(int64_t)m : (int64_t)m);
	tenths = (int)(u % 10);
	u /= 10;
	if (tenths) {
		*--p = (char)('0' + tenths);
		*--p = '.';
	}
	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (neg && (p[0] != '0' || tenths))
		*--p = '-';
	put(out, p, (size_t)(tmp + sizeof(tmp) - p));
}

static void
put_value(struct render *r, const struct pm_value *v, int escape)
{
	struct pm_buf tmp = PM_BUF_INIT;

	if (v == NULL)
		return;
	switch (v->type) {
	case PM_VALUE_STRING:
		if (escape)
			pm_buf_put_html(r->out, v->u.string.ptr,
			    v->u.string.len);
		else
			put(r->out, v->u.string.ptr, v->u.string.len);
		break;
	case PM_VALUE_NUMBER:
		pm__template_put_number(r->out, v->u.number);
		break;
	case PM_VALUE_BOOL:
		pm_buf_puts(r->out, v->u.boolean ? "true" : "false");
		break;
	case PM_VALUE_NULL:
		break;
	default:
		pm_value_write_json(&tmp, v, 0);
		if (escape)
			pm_buf_put_html(r->out, tmp.ptr, tmp.len);
		else
			pm_buf_put(r->out, tmp.ptr, tmp.len);
		pm_buf_free(&tmp);
		break;
	}
}

/* Text, indented after each of its newlines when it is included by a
 * standalone tag. */
static void
put_text(struct render *r, const struct mt_op *op)
{
	const char *p = op->str, *end = p + op->len, *nl;

	if (!(op->flags & MT_MULTILINE) || r->ind_end == r->ind_start) {
		put(r->out, p, op->len);
		return;
	}
	while ((nl = memchr(p, '\n', (size_t)(end - p))) != NULL &&
	    nl + 1 < end) {
		put(r->out, p, (size_t)(nl + 1 - p));
		indent(r);
		p = nl + 1;
	}
	put(r->out, p, (size_t)(end - p));
}

/* The body of the container at index i, once. */
static int
body(struct render *r, const struct pm_template *t, uint32_t i,
    const struct scope *sc)
{
	const struct mt_op *op = &t->ops[i];
	int rc;

	if (r->depth >= PM_TEMPLATE_MAX_RENDER_DEPTH)
		return limit(r, t, op, "section", PM_TEMPLATE_MAX_RENDER_DEPTH);
	if (r->sink && r->out->len - r->out_start >= r->sink->piece) {
		rc = r->sink->flush(r->sink->arg, r->out->ptr + r->out_start,
		    r->out->len - r->out_start, r->err);
		if (rc < 0)
			return rc;
		r->handed += r->out->len - r->out_start;
		pm_buf_truncate(r->out, r->out_start);
	}
	rc = render_ops(r, t, i + 1, op->end, sc);
	if (rc == 0 && (op->flags & MT_END_LINE_START))
		indent(r);
	return rc;
}

static int
section(struct render *r, const struct pm_template *t, uint32_t i,
    const struct scope *sc)
{
	const struct pm_value *v = lookup(r, &t->ops[i]);
	size_t k;
	int rc = 0;

	if (v != NULL && v->type == PM_VALUE_LIST) {
		for (k = 0; k < v->u.list.len && rc == 0; k++) {
			/* A made item lives as long as its body. */
			struct pm_arena *a = pm_value_is_made(v) ?
			    pm_arena_new() : NULL;

			r->ctx[r->nctx++] = pm_value_list_item(v, k, a);
			rc = body(r, t, i, sc);
			r->nctx--;
			pm_arena_free(a);
		}
	} else if (truthy(v)) {
		r->ctx[r->nctx++] = v;
		rc = body(r, t, i, sc);
		r->nctx--;
	}
	return rc;
}

/* A partial, or a parent when frame is not NULL. */
static int
include(struct render *r, const struct pm_template *t,
    const struct mt_op *op, const struct scope *sc, struct scope *frame)
{
	const struct pm_template *inc;
	const char *name = op->str;
	size_t len = op->len, start = r->ind_start, end = r->ind_end;
	uint32_t hash = op->hash;
	int rc;

	if (op->flags & MT_DYNAMIC) {
		const struct pm_value *v = lookup(r, op);

		if (v == NULL || v->type != PM_VALUE_STRING)
			return 0;
		name = v->u.string.ptr;
		len = v->u.string.len;
		hash = pm_value_key_hash(name, len);
	}
	inc = pm__template_set_find(r->set, name, len, hash);
	if (inc == NULL)
		return 0;
	if (r->nesting >= PM_TEMPLATE_MAX_NESTING)
		return limit(r, t, op, frame ? "parent" : "partial",
		    PM_TEMPLATE_MAX_NESTING);
	if (r->depth >= PM_TEMPLATE_MAX_RENDER_DEPTH)
		return limit(r, t, op, frame ? "parent" : "partial",
		    PM_TEMPLATE_MAX_RENDER_DEPTH);
	if (op->flags & MT_STANDALONE)
		indent_push(r, op->indent, op->indent_len);
	else
		r->ind_start = r->ind_end;
	if (frame) {
		frame->tpl = t;
		frame->parent = op;
		frame->next = sc;
		sc = frame;
	}
	r->nesting++;
	rc = render_ops(r, inc, 0, inc->nops, sc);
	r->nesting--;
	r->ind_start = start;
	r->ind_end = end;
	return rc;
}

/*
 * A block: the outermost override of its name, else its own body.  An
 * override is indented by the block's indent; when the block's line
 * already shows that indent (MT_INDENT_REST), the override's first line
 * must not get it again, hence suppress.
 */
static int
block(struct render *r, const struct pm_template *t, uint32_t i,
    const struct scope *sc)
{
	const struct mt_op *op = &t->ops[i], *found = NULL, *b, *e;
	const struct scope *f, *where = NULL;
	size_t start = r->ind_start, end = r->ind_end;
	int rc;

	for (f = sc; f != NULL; f = f->next) {
		b = f->parent + 1;
		e = f->tpl->ops + f->parent->end;
		for (; b < e; b = f->tpl->ops + b->end) {
			r->steps++;
			if (b->len == op->len &&
			    memcmp(b->str, op->str, op->len) == 0) {
				found = b;
				where = f;
				break;
			}
		}
	}
	if (found == NULL)
		return body(r, t, i, sc);
	if (r->depth >= PM_TEMPLATE_MAX_RENDER_DEPTH)
		return limit(r, t, op, "block", PM_TEMPLATE_MAX_RENDER_DEPTH);
	indent_push(r, op->indent, op->indent_len);
	if (op->flags & MT_INDENT_REST)
		r->suppress = 1;
	rc = render_ops(r, where->tpl, (uint32_t)(found - where->tpl->ops) + 1,
	    found->end, where->next);
	r->suppress = 0;
	r->ind_start = start;
	r->ind_end = end;
	return rc;
}

static int
render_ops(struct render *r, const struct pm_template *t, uint32_t i,
    uint32_t to, const struct scope *sc)
{
	struct scope frame;
	int rc = 0;

	r->depth++;
	while (i < to && rc == 0) {
		const struct mt_op *op = &t->ops[i];

		r->steps++;
		if (op->kind != MT_TEXT && (rc = too_much(r, t, op)) != 0)
			break;
		if (op->flags & MT_LINE_START)
			indent(r);
		else if (r->suppress && (op->kind <= MT_RAW ||
		    ((op->kind == MT_PARTIAL || op->kind == MT_PARENT) &&
		    !(op->flags & MT_STANDALONE))))
			r->suppress = 0;	/* the first line has begun */
		switch (op->kind) {
		case MT_TEXT:
			put_text(r, op);
			break;
		case MT_VAR:
			put_value(r, lookup(r, op), 1);
			break;
		case MT_RAW:
			put_value(r, lookup(r, op), 0);
			break;
		case MT_SECTION:
			rc = section(r, t, i, sc);
			i = op->end;
			continue;
		case MT_INVERTED:
			if (!truthy(lookup(r, op)))
				rc = body(r, t, i, sc);
			i = op->end;
			continue;
		case MT_PARTIAL:
			rc = include(r, t, op, sc, NULL);
			break;
		case MT_PARENT:
			rc = include(r, t, op, sc, &frame);
			i = op->end;
			continue;
		case MT_BLOCK:
			rc = block(r, t, i, sc);
			i = op->end;
			continue;
		}
		i++;
	}
	r->depth--;
	return rc;
}

int
pm_template_render(struct pm_buf *out, const struct pm_template *tpl,
    const struct pm_template_set *set, const struct pm_value *ctx,
    struct pm_error *err)
{
	return pm_template_render_to(out, NULL, tpl, set, ctx, err);
}

int
pm_template_render_to(struct pm_buf *out, const struct pm_template_sink *sink,
    const struct pm_template *tpl, const struct pm_template_set *set,
    const struct pm_value *ctx, struct pm_error *err)
{
	/* Each section level pushes at most one value and is one render
	 * level, so the stack can never hold more than this. */
	const struct pm_value *stack[PM_TEMPLATE_MAX_RENDER_DEPTH + 2];
	struct render r;
	size_t len = out->len;
	int rc;

	memset(&r, 0, sizeof(r));
	r.out = out;
	r.out_start = len;
	r.sink = sink;
	r.set = set;
	pm__template_set_limits(set, &r.max_steps, &r.max_bytes);
	r.err = err;
	r.ctx = stack;
	stack[r.nctx++] = ctx;
	rc = render_ops(&r, tpl, 0, tpl->nops, NULL);
	free(r.ind);
	pm_arena_free(r.made);
	if (rc != 0)
		pm_buf_truncate(out, len);
	return rc;
}
