/*
 * mustache_int.h: the compiled form of a template, shared by the compiler
 * (mustache_compile.c), the renderer (mustache_render.c) and the set
 * (mustache.c).  Not part of the public API.
 *
 * A template is a flat array of ops.  A container op (section, inverted
 * section, block, parent) is followed by its body, and its `end` is the
 * index of the op after the body, so the renderer walks bodies as index
 * ranges and skips them in one step.  A parent's body holds only its
 * override blocks.  Every pointer in an op points into the set's arena.
 */
#ifndef PM_MUSTACHE_INT_H
#define PM_MUSTACHE_INT_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"
#include "mustache.h"
#include "value.h"

enum mt_kind {
	MT_TEXT,
	MT_VAR,			/* {{name}}: HTML-escaped */
	MT_RAW,			/* {{{name}}}, {{&name}} */
	MT_SECTION,		/* {{#name}} */
	MT_INVERTED,		/* {{^name}} */
	MT_PARTIAL,		/* {{>name}} */
	MT_PARENT,		/* {{<name}} */
	MT_BLOCK		/* {{$name}} */
};

enum mt_flag {
	/* The op starts a line of the template: the indentation of an
	 * including standalone tag goes before it. */
	MT_LINE_START = 1 << 0,
	/* Container whose closing tag starts a line: indent after each pass
	 * over the body. */
	MT_END_LINE_START = 1 << 1,
	/* Partial or parent alone on its line: its leading whitespace is the
	 * op's indent, added to every line of the included template. */
	MT_STANDALONE = 1 << 2,
	/* Partial or parent whose name is looked up in the context. */
	MT_DYNAMIC = 1 << 3,
	/* Block whose tag follows only whitespace on a line it shares with
	 * other content: an override's first line is not indented (the
	 * whitespace is already there), the following lines are. */
	MT_INDENT_REST = 1 << 4,
	/* Text with a newline before its last byte. */
	MT_MULTILINE = 1 << 5
};

/* One part of a dotted name. */
struct mt_seg {
	const char *ptr;
	size_t len;
	size_t index;		/* all digits: the list index; else SIZE_MAX */
	uint32_t hash;		/* pm_value_key_hash(ptr, len) */
};

struct mt_op {
	unsigned char kind;	/* enum mt_kind */
	unsigned char flags;	/* enum mt_flag */
	unsigned short nseg;	/* 0 in a context name: the implicit "." */
	uint32_t end;		/* containers: index after the body */
	uint32_t hash;		/* partial, parent: hash of a static name */
	int line, column;	/* of the tag, for render errors */
	const char *str;	/* text bytes, or the name as written */
	size_t len;
	const struct mt_seg *seg;	/* context name, split at dots */
	const char *indent;	/* partial, parent, block: see the flags */
	size_t indent_len;
};

struct pm_template {
	const char *name;	/* NUL-terminated */
	size_t name_len;
	uint32_t hash;
	const char *file;	/* for errors: the name or the file's path */
	const struct mt_op *ops;
	uint32_t nops;
};

/* Compile src (which must outlive the template: the set passes its arena
 * copy) into *out, allocated in arena.  Errors name file. */
int pm__template_compile(struct pm_template **out, struct pm_arena *arena,
    const char *name, const char *file, const char *src, size_t len,
    struct pm_error *err);

/* pm_value_put_number, byte for byte, faster for the common numbers. */
void pm__template_put_number(struct pm_buf *out, double n);

/* The budget of a render with set (which may be NULL: the defaults). */
void pm__template_set_limits(const struct pm_template_set *set,
    size_t *steps, size_t *bytes);

/* The template called name (len bytes, hash pm_value_key_hash), or NULL;
 * set may be NULL. */
const struct pm_template *pm__template_set_find(
    const struct pm_template_set *set, const char *name, size_t len,
    uint32_t hash);

#endif
