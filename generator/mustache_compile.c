/*
 * mustache_compile.c: Mustache source to the op array of mustache_int.h, in
 * one pass without recursion: tags and delimiter changes, standalone lines,
 * dotted names split once, parent bodies reduced to their override blocks,
 * and the indentation facts the renderer needs.
 *
 * Whitespace follows the spec, with the inheritance rules worked out in
 * mustache/spec#130, #131 and #206: a tag "clears" a side when only blanks
 * lie between it and the line's end on that side.  Most tags are standalone
 * when they clear both sides, and then take their line with them.  Inside a
 * parent tag text is ignored, so a side that faces the parent's body does
 * not need to clear: {{<p}} needs only the left, {{/p}} only the right (and
 * a standalone {{<p}}: the pair acts as one tag), an override's {{$b}} only
 * the right, and an override's {{/b}} only trims the blanks before it.
 * An override whose {{$b}} clears the right has an intrinsic
 * indentation, the blanks that open its first line, which is cut from
 * each of its lines so the block can be indented where it is expanded.
 */
#include "mustache_int.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum mode {
	MODE_EMIT,		/* body produces ops */
	MODE_PARENT,		/* parent body: only override blocks count */
	MODE_IGNORE		/* inside something a parent ignores */
};

struct open {
	int kind;		/* enum mt_kind */
	int dynamic;
	const char *name;	/* as written, after the sigil and any '*' */
	size_t name_len;
	size_t op;		/* index of its op, if emitted */
	int emitted;
	int override;		/* a block directly inside a parent */
	int standalone;		/* the opening tag took its line */
	int line, column;
	enum mode mode;		/* of the body */
	const char *outdent;	/* cut from the start of each body line */
	size_t outdent_len;
};

struct compiler {
	struct pm_arena *arena;
	const char *src;
	size_t len;
	const char *file;
	struct pm_error *err;
	const char *otag, *ctag;
	size_t olen, clen;
	size_t at;		/* position the line and column are for */
	int line, column;
	struct mt_op *ops;	/* heap while compiling */
	size_t nops, cap;
	struct open stack[PM_TEMPLATE_MAX_DEPTH + 1];	/* [0]: top level */
	int depth;
	int bol;		/* the next op starts a line */
};

/* What the text around one tag looks like. */
struct tag {
	size_t start, end;	/* the tag with its delimiters */
	int sigil;		/* 0 for a plain name */
	const char *name;	/* trimmed content after the sigil */
	size_t name_len;
	size_t line_start;	/* where the blanks before the tag begin */
	size_t eol;		/* after the blanks and newline that follow */
	int left, right;	/* clears that side */
};

static int
is_blank(int ch)
{
	return ch == ' ' || ch == '\t';
}

static int
is_space(int ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

/* First occurrence of needle in src[from, len), or len. */
static size_t
find(const char *src, size_t from, size_t len, const char *needle,
    size_t nlen)
{
	const char *p = src + from, *end = src + len;

	while ((size_t)(end - p) >= nlen) {
		p = memchr(p, needle[0], (size_t)(end - p) - nlen + 1);
		if (p == NULL)
			break;
		if (memcmp(p, needle, nlen) == 0)
			return (size_t)(p - src);
		p++;
	}
	return len;
}

/* Move the line and column counters forward to pos (never back). */
static void
advance(struct compiler *c, size_t pos)
{
	for (; c->at < pos; c->at++) {
		unsigned char ch = (unsigned char)c->src[c->at];

		if (ch == '\n') {
			c->line++;
			c->column = 1;
		} else if ((ch & 0xc0) != 0x80) {
			c->column++;
		}
	}
}

/* Quote at most 64 bytes of a name, so an error stays one short line. */
#define Q(n)	((int)((n) > 64 ? 64 : (n)))

/* An error at the tag starting at pos. */
static int
fail(struct compiler *c, size_t pos, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static int
fail(struct compiler *c, size_t pos, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	advance(c, pos);
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return pm_error_set(c->err, PM_ERROR, c->file, c->line, c->column,
	    "%s", msg);
}

static struct mt_op *
new_op(struct compiler *c, int kind, const struct tag *t)
{
	struct mt_op *op;

	if (c->nops == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->ops = pm_xrealloc(c->ops, pm_xmul(c->cap, sizeof(*op)));
	}
	op = &c->ops[c->nops++];
	memset(op, 0, sizeof(*op));
	op->kind = (unsigned char)kind;
	if (t) {
		advance(c, t->start);
		op->line = c->line;
		op->column = c->column;
	}
	return op;
}

/* ws with the part it shares with the current outdent removed: indents
 * recorded inside an override are relative to the override. */
static void
relative(const struct compiler *c, const char *ws, size_t n,
    const char **out, size_t *out_len)
{
	const struct open *in = &c->stack[c->depth];
	size_t k = 0;

	while (k < n && k < in->outdent_len && ws[k] == in->outdent[k])
		k++;
	*out = ws + k;
	*out_len = n - k;
}

/* Copy text with up to the outdent's blanks cut from each line start. */
static const char *
cut_outdent(struct compiler *c, const char *p, size_t n, size_t *out_len)
{
	const struct open *in = &c->stack[c->depth];
	char *dst = pm_arena_alloc(c->arena, n + 1);
	size_t i = 0, k = 0, m;
	int bol = c->bol;

	while (i < n) {
		if (bol) {
			for (m = 0; m < in->outdent_len && i < n &&
			    p[i] == in->outdent[m]; m++)
				i++;
			bol = 0;
			continue;
		}
		dst[k] = p[i++];
		bol = dst[k++] == '\n';
	}
	*out_len = k;
	return dst;
}

static void
emit_text(struct compiler *c, size_t a, size_t b)
{
	const struct open *in = &c->stack[c->depth];
	const char *p = c->src + a;
	size_t n = b - a;
	struct mt_op *op;

	if (n == 0 || in->mode != MODE_EMIT)
		return;
	if (in->outdent_len > 0) {
		p = cut_outdent(c, p, n, &n);
		if (n == 0)
			return;
	}
	op = new_op(c, MT_TEXT, NULL);
	op->str = p;
	op->len = n;
	if (c->bol)
		op->flags |= MT_LINE_START;
	if (n > 1 && memchr(p, '\n', n - 1) != NULL)
		op->flags |= MT_MULTILINE;
	c->bol = p[n - 1] == '\n';
}

/* "12" indexes a list; anything else, or a number too long to be an
 * index, is only a key. */
static size_t
list_index(const char *p, size_t n)
{
	size_t i, v = 0;

	if (n == 0 || n > 9)
		return SIZE_MAX;
	for (i = 0; i < n; i++) {
		if (p[i] < '0' || p[i] > '9')
			return SIZE_MAX;
		v = v * 10 + (size_t)(p[i] - '0');
	}
	return v;
}

/* A name looked up in the context: "." or dot-separated parts. */
static int
context_name(struct compiler *c, const struct tag *t, const char *p,
    size_t n, struct mt_op *op)
{
	struct mt_seg *seg;
	size_t i, start, nseg = 1;

	op->str = p;
	op->len = n;
	if (n == 1 && p[0] == '.')
		return 0;
	for (i = 0; i < n; i++)
		if (p[i] == '.')
			nseg++;
	if (nseg > 255)
		return fail(c, t->start, "name '%.*s' has too many parts",
		    Q(n), p);
	seg = pm_arena_alloc(c->arena, nseg * sizeof(*seg));
	op->seg = seg;
	op->nseg = (unsigned short)nseg;
	for (i = 0, start = 0; i <= n; i++) {
		if (i < n && p[i] != '.')
			continue;
		if (i == start)
			return fail(c, t->start, "invalid dotted name '%.*s'",
			    Q(n), p);
		seg->ptr = p + start;
		seg->len = i - start;
		seg->index = list_index(seg->ptr, seg->len);
		seg->hash = pm_value_key_hash(seg->ptr, seg->len);
		seg++;
		start = i + 1;
	}
	return 0;
}

/* Checks every name shares: not empty, no blanks inside. */
static int
plain_name(struct compiler *c, const char *p, size_t n, const struct tag *t)
{
	size_t i;

	if (n == 0)
		return fail(c, t->start, "empty tag name");
	for (i = 0; i < n; i++)
		if (is_space((unsigned char)p[i]))
			return fail(c, t->start,
			    "tag name '%.*s' contains whitespace", Q(n), p);
	return 0;
}

/* A sigil character where a name should start is a typo (a space before
 * the sigil), an unsupported feature, or a dynamic name out of place. */
static int
name_start(struct compiler *c, const struct tag *t)
{
	int ch = (unsigned char)t->name[0];

	if (ch == '*')
		return fail(c, t->start, "dynamic name '%.*s' outside a "
		    "partial or parent tag", Q(t->name_len), t->name);
	if (ch == '%')
		return fail(c, t->start, "unknown sigil '%%' in tag '%.*s'",
		    Q(t->name_len), t->name);
	if (ch != '\0' && strchr("#^/!=<>&{}$", ch) != NULL)
		return fail(c, t->start, "misplaced sigil in tag name '%.*s': "
		    "write it right after '%.*s'", Q(t->name_len), t->name,
		    Q(c->olen), c->otag);
	return 0;
}

/* A partial or parent name: static, or '*' and a context name. */
static int
target_name(struct compiler *c, const struct tag *t, struct mt_op *op)
{
	const char *p = t->name;
	size_t n = t->name_len;
	int rc;

	if (n > 0 && p[0] == '*') {
		p++, n--;
		while (n > 0 && is_space((unsigned char)*p))
			p++, n--;
		op->flags |= MT_DYNAMIC;
		if ((rc = plain_name(c, p, n, t)) != 0)
			return rc;
		return context_name(c, t, p, n, op);
	}
	if ((rc = plain_name(c, p, n, t)) != 0)
		return rc;
	op->str = p;
	op->len = n;
	op->hash = pm_value_key_hash(p, n);
	return 0;
}

static int
set_delimiters(struct compiler *c, const struct tag *t)
{
	const char *p = t->name, *end = t->name + t->name_len;
	const char *tok[3];
	size_t len[3];
	int n = 0;

	while (p < end && n < 3) {
		while (p < end && is_space((unsigned char)*p))
			p++;
		if (p == end)
			break;
		tok[n] = p;
		while (p < end && !is_space((unsigned char)*p))
			p++;
		len[n] = (size_t)(p - tok[n]);
		n++;
	}
	if (n != 2)
		return fail(c, t->start, "bad delimiter change '%.*s': "
		    "expected two delimiters separated by a space",
		    Q(t->name_len), t->name);
	c->otag = tok[0];
	c->olen = len[0];
	c->ctag = tok[1];
	c->clen = len[1];
	return 0;
}

/* Find the tag that starts at start: its sigil, content and end, and how
 * the line around it looks. */
static int
scan_tag(struct compiler *c, size_t text_start, size_t start, struct tag *t)
{
	const char *s = c->src;
	size_t p = start + c->olen, q, content_end;
	int pre = 0;

	memset(t, 0, sizeof(*t));
	t->start = start;
	if (p < c->len && s[p] != '\0' && strchr("#^/!=<>&{$", s[p]))
		t->sigil = (unsigned char)s[p++];
	if (t->sigil == '{')
		pre = '}';
	else if (t->sigil == '=')
		pre = '=';
	for (q = p;; q++) {
		q = find(s, q, c->len, c->ctag, c->clen);
		if (q == c->len)
			return fail(c, start,
			    "unclosed tag: no '%s%.*s' after it",
			    pre == '}' ? "}" : pre == '=' ? "=" : "",
			    Q(c->clen), c->ctag);
		if (!pre || (q > p && s[q - 1] == pre))
			break;
	}
	content_end = pre ? q - 1 : q;
	t->end = q + c->clen;
	while (p < content_end && is_space((unsigned char)s[p]))
		p++;
	while (content_end > p && is_space((unsigned char)s[content_end - 1]))
		content_end--;
	t->name = s + p;
	t->name_len = content_end - p;

	t->line_start = start;
	while (t->line_start > text_start && is_blank(s[t->line_start - 1]))
		t->line_start--;
	t->left = t->line_start == 0 || s[t->line_start - 1] == '\n';
	q = t->end;
	while (q < c->len && is_blank(s[q]))
		q++;
	if (q == c->len)
		t->eol = q;
	else if (s[q] == '\n')
		t->eol = q + 1;
	else if (s[q] == '\r' && q + 1 < c->len && s[q + 1] == '\n')
		t->eol = q + 2;
	t->right = t->eol != 0;
	return 0;
}

/* Blanks at the start of the line that begins at pos. */
static size_t
blanks_at(const struct compiler *c, size_t pos)
{
	size_t q = pos;

	while (q < c->len && is_blank(c->src[q]))
		q++;
	return q - pos;
}

static const char *const kind_name[] = {
	[MT_SECTION] = "section", [MT_INVERTED] = "inverted section",
	[MT_PARENT] = "parent", [MT_BLOCK] = "block",
};

static int
open_container(struct compiler *c, const struct tag *t, int kind,
    int standalone, struct mt_op *op)
{
	struct open *in = &c->stack[c->depth], *o;

	if (c->depth == PM_TEMPLATE_MAX_DEPTH)
		return fail(c, t->start, "sections nested deeper than %d",
		    PM_TEMPLATE_MAX_DEPTH);
	o = &c->stack[++c->depth];
	memset(o, 0, sizeof(*o));
	advance(c, t->start);
	o->kind = kind;
	o->standalone = standalone;
	o->line = c->line;
	o->column = c->column;
	o->name = op ? op->str : t->name;
	o->name_len = op ? op->len : t->name_len;
	o->dynamic = op && (op->flags & MT_DYNAMIC);
	o->outdent = in->outdent;
	o->outdent_len = in->outdent_len;
	if (in->mode == MODE_EMIT) {
		o->mode = kind == MT_PARENT ? MODE_PARENT : MODE_EMIT;
	} else if (in->mode == MODE_PARENT && kind == MT_BLOCK) {
		o->mode = MODE_EMIT;
		o->override = 1;
	} else {
		o->mode = MODE_IGNORE;
	}
	if (op && o->mode != MODE_IGNORE) {
		o->emitted = 1;
		o->op = (size_t)(op - c->ops);
		if (!standalone && c->bol && !(op->flags & MT_STANDALONE))
			op->flags |= MT_LINE_START;
	} else if (op) {
		c->nops--;	/* dropped: the parent ignores it */
	}
	return 0;
}

/* {{$name}}: a block in the flow, or an override inside a parent. */
static int
open_block(struct compiler *c, const struct tag *t)
{
	struct open *in = &c->stack[c->depth];
	struct mt_op *op;
	int rc, override = in->mode == MODE_PARENT;
	size_t n;

	if ((rc = plain_name(c, t->name, t->name_len, t)) != 0)
		return rc;
	if (t->name[0] == '*')
		return fail(c, t->start, "dynamic name '%.*s' outside a "
		    "partial or parent tag", Q(t->name_len), t->name);
	if (in->mode == MODE_IGNORE)
		return open_container(c, t, MT_BLOCK, 0, NULL);
	op = new_op(c, MT_BLOCK, t);
	op->str = t->name;
	op->len = t->name_len;
	if (override) {
		/* The override's own indentation, when it has one, is cut;
		 * inside another override the longer cut wins. */
		const char *od = in->outdent;
		size_t odlen = in->outdent_len;

		if (t->right) {
			n = blanks_at(c, t->eol);
			if (n > odlen) {
				od = c->src + t->eol;
				odlen = n;
			}
		}
		if ((rc = open_container(c, t, MT_BLOCK, 1, op)) != 0)
			return rc;
		c->stack[c->depth].outdent = od;
		c->stack[c->depth].outdent_len = odlen;
		return 0;
	}
	if (t->left && t->right) {
		/* Standalone: an override takes the indentation of the
		 * block's default content (its first line). */
		relative(c, c->src + t->eol, blanks_at(c, t->eol), &op->indent,
		    &op->indent_len);
	} else if (t->left) {
		relative(c, c->src + t->line_start, t->start - t->line_start,
		    &op->indent, &op->indent_len);
		op->flags |= MT_INDENT_REST;
	}
	return open_container(c, t, MT_BLOCK, t->left && t->right, op);
}

static int
close_container(struct compiler *c, const struct tag *t, int standalone)
{
	struct open *o = &c->stack[c->depth];
	const char *p = t->name;
	size_t n = t->name_len;
	int dynamic = 0;

	if (n > 0 && p[0] == '*') {
		p++, n--, dynamic = 1;
		while (n > 0 && is_space((unsigned char)*p))
			p++, n--;
	}
	if (c->depth == 0)
		return fail(c, t->start, "closing tag '%.*s' has no open "
		    "section", Q(t->name_len), t->name);
	if (dynamic != o->dynamic || n != o->name_len ||
	    memcmp(p, o->name, n) != 0) {
		return fail(c, t->start, "closing tag '%.*s' does not match "
		    "open %s '%s%.*s' (%d:%d)", Q(t->name_len), t->name,
		    kind_name[o->kind], o->dynamic ? "*" : "",
		    Q(o->name_len), o->name, o->line, o->column);
	}
	if (o->emitted) {
		struct mt_op *op = &c->ops[o->op];

		op->end = (uint32_t)c->nops;
		if (!standalone && c->bol && o->kind != MT_PARENT &&
		    !o->override)
			op->flags |= MT_END_LINE_START;
	}
	c->depth--;
	return 0;
}

/* A tag that produces an op in the flow (a name, partial or parent). */
static int
leaf(struct compiler *c, const struct tag *t, int kind, int standalone)
{
	struct open *in = &c->stack[c->depth];
	struct mt_op *op;
	int rc;

	if (kind != MT_PARTIAL && kind != MT_PARENT &&
	    ((rc = plain_name(c, t->name, t->name_len, t)) != 0 ||
	    (rc = name_start(c, t)) != 0))
		return rc;
	op = new_op(c, kind, t);
	if (kind == MT_PARTIAL || kind == MT_PARENT)
		rc = target_name(c, t, op);
	else
		rc = context_name(c, t, t->name, t->name_len, op);
	if (rc != 0)
		return rc;
	if (standalone) {
		op->flags |= MT_STANDALONE;
		relative(c, c->src + t->line_start, t->start - t->line_start,
		    &op->indent, &op->indent_len);
	}
	if (kind == MT_SECTION || kind == MT_INVERTED || kind == MT_PARENT)
		return open_container(c, t, kind, standalone, op);
	if (in->mode != MODE_EMIT) {
		c->nops--;
		return 0;
	}
	if (!standalone && c->bol)
		op->flags |= MT_LINE_START;
	c->bol = 0;
	return 0;
}

/* One tag at start; text_start is where the text before it begins.
 * Sets *next to where the text after it begins. */
static int
tag(struct compiler *c, size_t text_start, size_t start, size_t *next)
{
	const struct open *in = &c->stack[c->depth];
	struct tag t;
	int rc, standalone = 0, cut_left = 0, cut_right = 0, was_bol;

	if ((rc = scan_tag(c, text_start, start, &t)) != 0)
		return rc;
	switch (t.sigil) {
	case '<':
		cut_left = standalone = t.left;
		break;
	case '/':
		if (c->depth > 0 && in->kind == MT_PARENT)
			cut_right = t.right && in->standalone;
		else if (c->depth > 0 && in->override)
			cut_left = t.left;
		else
			cut_left = cut_right = standalone = t.left && t.right;
		break;
	case '$':
		if (in->mode == MODE_PARENT)
			cut_right = t.right;
		else
			cut_left = cut_right = standalone = t.left && t.right;
		break;
	case '#': case '^': case '!': case '=': case '>':
		cut_left = cut_right = standalone = t.left && t.right;
		break;
	}
	emit_text(c, text_start, cut_left ? t.line_start : start);
	was_bol = c->bol;
	switch (t.sigil) {
	case '!':
		break;
	case '=':
		rc = set_delimiters(c, &t);
		break;
	case '#':
		rc = leaf(c, &t, MT_SECTION, standalone);
		break;
	case '^':
		rc = leaf(c, &t, MT_INVERTED, standalone);
		break;
	case '>':
		rc = leaf(c, &t, MT_PARTIAL, standalone);
		break;
	case '<':
		rc = leaf(c, &t, MT_PARENT, standalone);
		break;
	case '$':
		rc = open_block(c, &t);
		break;
	case '/':
		rc = close_container(c, &t, standalone);
		break;
	case '{': case '&':
		rc = leaf(c, &t, MT_RAW, 0);
		break;
	default:
		rc = leaf(c, &t, MT_VAR, 0);
		break;
	}
	if (rc != 0)
		return rc;
	/* Tags that emit nothing leave the line where it was. */
	if (t.sigil == '!' || t.sigil == '=')
		c->bol = was_bol;
	else if (t.sigil == '/' || t.sigil == '<' || t.sigil == '#' ||
	    t.sigil == '^' || t.sigil == '$')
		c->bol = 0;
	if (cut_right) {
		c->bol = 1;
		*next = t.eol;
	} else {
		*next = t.end;
	}
	return 0;
}

int
pm__template_compile(struct pm_template **out, struct pm_arena *arena,
    const char *name, const char *file, const char *src, size_t len,
    struct pm_error *err)
{
	struct compiler *c = pm_xcalloc(1, sizeof(*c));
	struct pm_template *tpl;
	struct mt_op *ops;
	size_t pos = 0, start;
	int rc = 0;

	*out = NULL;
	c->arena = arena;
	c->src = src;
	c->len = len;
	c->file = file;
	c->err = err;
	c->otag = "{{";
	c->ctag = "}}";
	c->olen = c->clen = 2;
	c->line = c->column = 1;
	c->bol = 1;
	if (len >= UINT32_MAX) {
		rc = pm_error_set(err, PM_ERROR, file, 0, 0,
		    "template larger than 4 GiB");
		goto out;
	}
	while (pos < len) {
		start = find(src, pos, len, c->otag, c->olen);
		if (start == len) {
			emit_text(c, pos, len);
			break;
		}
		if ((rc = tag(c, pos, start, &pos)) != 0)
			goto out;
	}
	if (c->depth > 0) {
		const struct open *o = &c->stack[c->depth];

		rc = pm_error_set(err, PM_ERROR, file, o->line, o->column,
		    "unclosed %s '%s%.*s'", kind_name[o->kind],
		    o->dynamic ? "*" : "",
		    (int)(o->name_len > 64 ? 64 : o->name_len), o->name);
		goto out;
	}
	tpl = pm_arena_calloc(arena, 1, sizeof(*tpl));
	ops = pm_arena_alloc(arena, pm_xmul(c->nops ? c->nops : 1,
	    sizeof(*ops)));
	if (c->nops)
		memcpy(ops, c->ops, c->nops * sizeof(*ops));
	tpl->name = name;
	tpl->name_len = strlen(name);
	tpl->hash = pm_value_key_hash(name, tpl->name_len);
	tpl->file = file;
	tpl->ops = ops;
	tpl->nops = (uint32_t)c->nops;
	*out = tpl;
out:
	free(c->ops);
	free(c);
	return rc;
}
