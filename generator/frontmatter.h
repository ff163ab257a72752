/*
 * frontmatter.h: the optional YAML block at the top of a postmortem, split
 * off the Markdown body and parsed into a value tree.
 *
 * The block
 *  - opens on the document's first line with `---` (a UTF-8 byte order
 *    mark before it, trailing blanks after it and a CRLF ending are
 *    tolerated), and
 *  - closes at the next line that is `---` or `...` (again with trailing
 *    blanks allowed).  The YAML is the text between the two lines; the
 *    body is everything after the closing line.
 *  - A document whose first line is `---` but that has no closing line is
 *    an error, "front matter is not closed", at line 1: a forgotten
 *    closing line is far more common than a postmortem that opens with a
 *    thematic break, and silently publishing the YAML as prose would hide
 *    the mistake.
 *  - Lines end at \n, \r\n or a lone \r, as they do for cmark, so the body
 *    line numbers computed here agree with the ones cmark counts.
 *
 * Contract
 *  - Nothing here allocates except pm_frontmatter_parse(), whose tree lives
 *    in the caller's arena.
 *  - struct pm_frontmatter only points into the caller's source text: its
 *    pointers are borrowed and valid as long as that text is.
 *  - Line numbers are 1-based lines of the whole file, so that errors and
 *    later warnings about the body point at the line a person sees in the
 *    editor.  The byte order mark is never part of the body.
 *  - Errors (-1, PM_ERROR) are `file:line:col: message`; YAML errors carry
 *    the file line (YAML line + the lines above it).
 */
#ifndef PM_FRONTMATTER_H
#define PM_FRONTMATTER_H

#include <stddef.h>

#include "arena.h"
#include "error.h"
#include "value.h"

struct pm_frontmatter {
	int present;		/* 1 when the document opens with a block */
	const char *yaml;	/* between the fences; NULL when absent */
	size_t yaml_len;
	int yaml_line;		/* file line of the YAML's first line (2) */
	const char *body;	/* the Markdown; never NULL */
	size_t body_len;
	int body_line;		/* file line of the body's first line */
};

/*
 * Find the front matter of src (len bytes; need not be NUL-terminated) and
 * fill *out.  Without a block, out->present is 0 and the body is the whole
 * document (minus a byte order mark) starting at line 1.  file names the
 * document in error messages and may be NULL.
 *
 * Returns 0, or -1 when the block is not closed; *out then still describes
 * the whole document as body (present 0), so a caller that wants to go on
 * reporting problems can.
 */
int pm_frontmatter_split(struct pm_frontmatter *out, const char *src,
    size_t len, const char *file, struct pm_error *err);

/*
 * Split src as pm_frontmatter_split() does and parse the YAML with
 * pm_yaml_parse() into *out, allocated in arena.
 *
 *  - *out is always a map on success: an empty block (or one holding only
 *    comments or a lone null) and a document without front matter both
 *    give an empty map, so callers look keys up without a NULL check.
 *    split_out->present tells the two apart.
 *  - A block that holds something other than a mapping (a list, a scalar)
 *    is an error, "front matter must be a mapping", at the value's line.
 *  - split_out may be NULL.  When it is not, it is filled even on error
 *    (as pm_frontmatter_split() fills it, whatever the YAML holds), so a
 *    caller can still render or check the body.
 *
 * Returns 0, or -1 with err filled; *out is NULL on error.
 */
int pm_frontmatter_parse(struct pm_value **out,
    struct pm_frontmatter *split_out, struct pm_arena *arena,
    const char *src, size_t len, const char *file, struct pm_error *err);

#endif
