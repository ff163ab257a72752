/*
 * markdown.h: a postmortem body as a cmark-gfm tree, rendered to HTML with
 * linkable headings, and read back as plain text for the extractor.
 *
 * Contract
 *  - pm_markdown_init() registers cmark-gfm's core extensions.  cmark-gfm
 *    keeps them in process-wide state behind a plain flag, so main calls it
 *    once, before any thread exists; pm_markdown_parse() fails when it has
 *    not been called.  There is no matching shutdown: the registry stays
 *    reachable until exit.
 *  - pm_markdown_parse() allocates *out, which the caller owns and frees
 *    with pm_markdown_free().  The tree is allocated by cmark with its
 *    default allocator (malloc), not from an arena: cmark_mem has no
 *    context pointer, so it cannot reach a per-page arena.  Copy out what
 *    must outlive the parse, then free it.
 *  - Nodes returned by the getters (pm_markdown_root, first_heading,
 *    first_paragraph) are borrowed and live as long as the pm_markdown.
 *    Walk them with cmark_iter; do not change or free them.
 *  - Parsing is not thread-safe: while it runs, cmark-gfm edits a global
 *    table of special characters (see DESIGN.md, "Facts about the
 *    libraries").  Parse in one thread, or give every caller the same
 *    opts->parse_lock: the parse then runs with it held, so no two parses
 *    ever overlap, whatever thread asks.  A parsed document may be rendered
 *    or read from another thread, as long as only one thread uses a given
 *    document at a time (rendering rewrites the tree for its duration).
 *  - Lines reported by pm_markdown_node_line() are lines of the whole file:
 *    the body's first line is opts->first_line.
 *  - Safe by default: unless opts->unsafe_html is set, raw HTML becomes
 *    `<!-- raw HTML omitted -->` and links or images with javascript:,
 *    vbscript:, file: or data: URLs (data:image/png, gif, jpeg and webp
 *    excepted) get an empty URL.  With unsafe_html, raw HTML and every URL
 *    are kept, and only the tagfilter extension still defuses <script>,
 *    <iframe>, <style> and the like by escaping their `<`.
 *
 * Markdown accepted: CommonMark plus the GFM extensions table,
 * strikethrough, autolink, tasklist and tagfilter, footnotes, and smart
 * punctuation ("quotes", -- and --- dashes, ... ellipses).  Input that is
 * not valid UTF-8 is repaired with U+FFFD.
 */
#ifndef PM_MARKDOWN_H
#define PM_MARKDOWN_H

#include <pthread.h>
#include <stddef.h>

#include <cmark-gfm.h>

#include "buf.h"
#include "error.h"

struct pm_markdown;

struct pm_markdown_opts {
	const char *file;	/* for error messages; may be NULL */
	int first_line;		/* file line of the body's first line; 0 = 1 */
	int unsafe_html;	/* trust the content: keep raw HTML and URLs */
	pthread_mutex_t *parse_lock;	/* held for the parse; may be NULL */
};

/* Render flags for pm_markdown_render_html(). */
enum {
	/* Put a self-link, <a class="anchor" href="#id" aria-hidden="true"
	 * tabindex="-1">#</a>, at the end of each heading, for readers to
	 * copy a deep link; CSS decides whether it shows. */
	PM_MARKDOWN_ANCHORS = 1 << 0
};

/*
 * Register the GFM core extensions.  Call once from main before any thread
 * starts (and from each test program's main); later calls do nothing.
 */
void pm_markdown_init(void);

/*
 * Parse body (len bytes, no front matter; need not be NUL-terminated) into
 * *out.  opts may be NULL for the defaults (line 1, safe HTML).
 * Returns 0, or -1 when the extensions are not registered.
 */
int pm_markdown_parse(struct pm_markdown **out, const char *body,
    size_t len, const struct pm_markdown_opts *opts, struct pm_error *err);

/* Free the document and its whole tree.  Accepts NULL. */
void pm_markdown_free(struct pm_markdown *md);

/*
 * Append the document as HTML to out.
 *
 * Every heading gets an id for deep links, made by pm_markdown_slug() from
 * its text; an empty slug becomes "section", and a slug already used in
 * the document gets -1, -2... appended (as GitHub does), so ids are unique
 * within the document.  flags is 0 or PM_MARKDOWN_ANCHORS.
 *
 * The headings are swapped for custom blocks during the call and restored
 * before it returns, hence md is not const.
 */
void pm_markdown_render_html(struct pm_buf *out, struct pm_markdown *md,
    unsigned flags);

/*
 * Append the slug of text (len bytes of UTF-8) to out: ASCII letters and
 * digits lowercased, every run of anything else between them (spaces, ASCII
 * and common Unicode punctuation and symbols, emoji) one '-', no '-' at
 * either end.  Other non-ASCII characters (letters of any script) are kept
 * as they are, case included: pmsite has no Unicode case tables, and a
 * fragment identifier may hold UTF-8.  Writes nothing when nothing is left.
 */
void pm_markdown_slug(struct pm_buf *out, const char *text, size_t len);

/* The document node. */
cmark_node *pm_markdown_root(const struct pm_markdown *md);

/*
 * Append the plain text of node and its descendants to out: text, inline
 * code and code blocks, link text and image descriptions.  Soft line breaks
 * become a space, hard ones a newline; blocks are separated by a newline
 * (table cells too) and no newline ends the text.  Raw HTML and footnote
 * markers are left out.
 */
void pm_markdown_node_text(struct pm_buf *out, cmark_node *node);

/*
 * The file line where node starts (the body offset applied).  Nodes that
 * cmark gives no position (line breaks) report their parent's line.
 * 0 for NULL.
 */
int pm_markdown_node_line(cmark_node *node);

/*
 * The first heading of any level, in document order, with its text
 * appended to out (the title of a postmortem that has none in its front
 * matter).  NULL, and nothing appended, when there is no heading.
 */
cmark_node *pm_markdown_first_heading(struct pm_buf *out,
    const struct pm_markdown *md);

/*
 * The first top-level paragraph with some text, its text appended to out
 * (the summary).  Paragraphs inside lists, quotes and tables do not count:
 * they rarely stand alone.  NULL when there is none.
 */
cmark_node *pm_markdown_first_paragraph(struct pm_buf *out,
    const struct pm_markdown *md);

/*
 * Words of prose: runs between white space that hold at least one letter
 * or digit, counted over the plain text without code blocks.  ("don't" and
 * "2024-03-05" are one word each; a lone dash is none; text written
 * without spaces, as in Chinese, counts one word per run.)
 */
size_t pm_markdown_word_count(const struct pm_markdown *md);

#endif
