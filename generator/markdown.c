/*
 * markdown.c: cmark-gfm behind a small interface: parse with the GFM
 * extensions, render HTML whose headings carry ids, and flatten nodes to
 * plain text for titles, summaries, slugs and word counts.
 */
#include "markdown.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

#include "arena.h"

struct pm_markdown {
	cmark_node *root;
	cmark_llist *extensions;	/* for the renderer; cmark-allocated */
	int options;			/* CMARK_OPT_*, parse and render */
};

/* Attached by name, as cmark-gfm's own tools do. */
static const char *const extension_names[] = {
	"table", "strikethrough", "autolink", "tasklist", "tagfilter"
};

/* ---------------------------------------------------------------- text */

enum char_kind { KIND_SPACE, KIND_PUNCT, KIND_WORD };

/*
 * Non-ASCII code points that separate words in slugs and do not make a
 * word on their own: Latin-1 punctuation and symbols, the general
 * punctuation, symbol, arrow and dingbat blocks, CJK and fullwidth
 * punctuation, variation selectors, specials (U+FFFD) and emoji.  Anything
 * else outside ASCII is taken for a letter: a coarse rule, but one that
 * needs no Unicode tables.
 */
static const struct {
	uint32_t lo, hi;
} punct_ranges[] = {
	{ 0x80, 0xbf }, { 0xd7, 0xd7 }, { 0xf7, 0xf7 },
	{ 0x2000, 0x2bff }, { 0x2e00, 0x2e7f }, { 0x3000, 0x303f },
	{ 0xfe00, 0xfe1f }, { 0xfe30, 0xfe6f }, { 0xff01, 0xff0f },
	{ 0xff1a, 0xff20 }, { 0xff3b, 0xff40 }, { 0xff5b, 0xff65 },
	{ 0xfff0, 0xffff }, { 0x1f000, 0x1faff }, { 0xe0000, 0xe007f }
};

static const uint32_t space_points[] = {
	0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
	0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
	0x205f, 0x3000
};

/*
 * The character at s (n > 0 bytes available) into *cp, and its length.  A
 * byte that starts no valid UTF-8 is one character of its own, with *cp =
 * UINT32_MAX, which char_kind() takes for punctuation: broken bytes part
 * words and never join a slug.
 */
static size_t
next_char(uint32_t *cp, const char *s, size_t n)
{
	size_t len;

	/* nearly every byte of a report: no decoder call for it */
	if ((unsigned char)*s < 0x80) {
		*cp = (unsigned char)*s;
		return 1;
	}
	if ((len = pm_utf8_decode(cp, s, n)) == 0) {
		*cp = UINT32_MAX;
		len = 1;
	}
	return len;
}

static enum char_kind
wide_char_kind(uint32_t cp)
{
	for (size_t i = 0; i < sizeof(space_points) / sizeof(*space_points);
	    i++)
		if (cp == space_points[i])
			return KIND_SPACE;
	for (size_t i = 0; i < sizeof(punct_ranges) / sizeof(*punct_ranges);
	    i++)
		if (cp >= punct_ranges[i].lo && cp <= punct_ranges[i].hi)
			return KIND_PUNCT;
	return cp == UINT32_MAX ? KIND_PUNCT : KIND_WORD;
}

/* Inline for ASCII: it runs for every character of every report. */
static inline enum char_kind
char_kind(uint32_t cp)
{
	if (cp < 0x80) {
		if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9'))
			return KIND_WORD;
		return cp == ' ' || (cp >= '\t' && cp <= '\r') ? KIND_SPACE :
		    KIND_PUNCT;
	}
	return wide_char_kind(cp);
}

static int
is_block(cmark_node *node)
{
	return ((unsigned)cmark_node_get_type(node) & CMARK_NODE_TYPE_MASK) ==
	    CMARK_NODE_TYPE_BLOCK;
}

/* The plain text of node; code blocks only when with_code is set. */
static void
put_text(struct pm_buf *out, cmark_node *node, int with_code)
{
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	size_t start = out->len;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER)
			continue;
		if (is_block(n) && out->len > start &&
		    out->ptr[out->len - 1] != '\n')
			pm_buf_putc(out, '\n');
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			pm_buf_puts(out, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_CODE_BLOCK:
			if (with_code)
				pm_buf_puts(out, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
			pm_buf_putc(out, ' ');
			break;
		case CMARK_NODE_LINEBREAK:
			pm_buf_putc(out, '\n');
			break;
		default:
			/* Raw HTML, footnote markers, custom nodes: markup,
			 * not prose. */
			break;
		}
	}
	cmark_iter_free(it);
	while (out->len > start && out->ptr[out->len - 1] == '\n')
		pm_buf_truncate(out, out->len - 1);
}

/* Does [s, s + len) hold anything but white space? */
static int
has_text(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && (s[i] < '\t' || s[i] > '\r'))
			return 1;
	return 0;
}

void
pm_markdown_slug(struct pm_buf *out, const char *text, size_t len)
{
	size_t start = out->len, n;
	int dash = 0;
	uint32_t cp;

	for (size_t i = 0; i < len; i += n) {
		n = next_char(&cp, text + i, len - i);
		if (char_kind(cp) != KIND_WORD) {
			dash = 1;
			continue;
		}
		if (dash && out->len > start)
			pm_buf_putc(out, '-');
		dash = 0;
		if (cp >= 'A' && cp <= 'Z')
			pm_buf_putc(out, (int)(cp - 'A' + 'a'));
		else
			pm_buf_put(out, text + i, n);
	}
}

void
pm_markdown_node_text(struct pm_buf *out, cmark_node *node)
{
	if (node)
		put_text(out, node, 1);
}

int
pm_markdown_node_line(cmark_node *node)
{
	while (node && cmark_node_get_start_line(node) == 0)
		node = cmark_node_parent(node);
	return node ? cmark_node_get_start_line(node) : 0;
}

/* The first node of type (a block) under root whose text is not blank and,
 * when top_level is set, whose parent is root; its text goes to out. */
static cmark_node *
first_with_text(struct pm_buf *out, cmark_node *root, cmark_node_type type,
    int top_level)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	cmark_node *found = NULL;
	size_t start = out->len;

	while (found == NULL && (ev = cmark_iter_next(it)) !=
	    CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != type ||
		    (top_level && cmark_node_parent(n) != root))
			continue;
		put_text(out, n, 1);
		if (has_text(out->ptr + start, out->len - start))
			found = n;
		else
			pm_buf_truncate(out, start);
	}
	cmark_iter_free(it);
	return found;
}

cmark_node *
pm_markdown_first_heading(struct pm_buf *out, const struct pm_markdown *md)
{
	return first_with_text(out, md->root, CMARK_NODE_HEADING, 0);
}

cmark_node *
pm_markdown_first_paragraph(struct pm_buf *out, const struct pm_markdown *md)
{
	return first_with_text(out, md->root, CMARK_NODE_PARAGRAPH, 1);
}

size_t
pm_markdown_word_count(const struct pm_markdown *md)
{
	struct pm_buf text = PM_BUF_INIT;
	size_t words = 0, n;
	int in_word = 0;
	uint32_t cp;

	put_text(&text, md->root, 0);
	for (size_t i = 0; i < text.len; i += n) {
		enum char_kind kind;

		n = next_char(&cp, text.ptr + i, text.len - i);
		kind = char_kind(cp);
		if (kind == KIND_SPACE) {
			words += in_word;
			in_word = 0;
		} else if (kind == KIND_WORD) {
			in_word = 1;
		}
	}
	words += in_word;
	pm_buf_free(&text);
	return words;
}

/* --------------------------------------------------------------- parse */

void
pm_markdown_init(void)
{
	cmark_gfm_core_extensions_ensure_registered();
}

int
pm_markdown_parse(struct pm_markdown **out, const char *body, size_t len,
    const struct pm_markdown_opts *opts, struct pm_error *err)
{
	static const char newlines[] = "\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n";
	cmark_mem *mem = cmark_get_default_mem_allocator();
	struct pm_markdown *md;
	cmark_parser *parser = NULL;
	const char *file = opts ? opts->file : NULL;
	int pad = opts && opts->first_line > 1 ? opts->first_line - 1 : 0;
	pthread_mutex_t *lock = opts ? opts->parse_lock : NULL;
	int rc = 0;

	*out = NULL;
	md = pm_xcalloc(1, sizeof(*md));
	md->options = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES |
	    CMARK_OPT_VALIDATE_UTF8;
	if (opts && opts->unsafe_html)
		md->options |= CMARK_OPT_UNSAFE;
	if (lock)
		pthread_mutex_lock(lock);
	parser = cmark_parser_new(md->options);
	for (size_t i = 0; i < sizeof(extension_names) /
	    sizeof(*extension_names); i++) {
		cmark_syntax_extension *ext =
		    cmark_find_syntax_extension(extension_names[i]);

		if (ext == NULL) {
			rc = pm_error_set(err, PM_ERROR, file, 0, 0,
			    "markdown: extension %s is not registered "
			    "(pm_markdown_init was not called)",
			    extension_names[i]);
			goto out;
		}
		cmark_parser_attach_syntax_extension(parser, ext);
		md->extensions = cmark_llist_append(mem, md->extensions, ext);
	}
	/*
	 * Blank lines before the first block mean nothing to CommonMark, so
	 * feeding one per line above the body makes cmark count file lines
	 * itself: every node's start line is already the file line, with no
	 * offset to carry around and add back.
	 */
	while (pad > 0) {
		int n = pad < (int)sizeof(newlines) - 1 ? pad :
		    (int)sizeof(newlines) - 1;

		cmark_parser_feed(parser, newlines, (size_t)n);
		pad -= n;
	}
	/* The front matter splitter drops a byte order mark; so must we,
	 * since cmark skips one only on the first line it sees. */
	if (len >= 3 && memcmp(body, "\xef\xbb\xbf", 3) == 0) {
		body += 3;
		len -= 3;
	}
	if (len > 0)
		cmark_parser_feed(parser, body, len);
	md->root = cmark_parser_finish(parser);
out:
	if (parser)
		cmark_parser_free(parser);
	if (lock)
		pthread_mutex_unlock(lock);
	if (rc == 0)
		*out = md;
	else
		pm_markdown_free(md);
	return rc;
}

void
pm_markdown_free(struct pm_markdown *md)
{
	if (md == NULL)
		return;
	if (md->root)
		cmark_node_free(md->root);
	cmark_llist_free(cmark_get_default_mem_allocator(), md->extensions);
	free(md);
}

cmark_node *
pm_markdown_root(const struct pm_markdown *md)
{
	return md->root;
}

/* -------------------------------------------------------------- render */

/* Slugs handed out so far in one document, for uniqueness. */
struct slug_entry {
	char *slug;		/* heap; NULL for an empty slot */
	size_t next;		/* next suffix to try when slug repeats */
};

struct slug_set {
	struct slug_entry *tab;
	size_t cap, len;	/* cap is 0 or a power of two */
};

static size_t
hash_str(const char *s)
{
	uint64_t h = 14695981039346656037u;	/* FNV-1a */

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211u;
	return (size_t)h;
}

/* The entry of s, or the empty slot where it would go (cap > 0). */
static struct slug_entry *
slug_slot(const struct slug_set *set, const char *s)
{
	size_t i = hash_str(s) & (set->cap - 1);

	while (set->tab[i].slug && strcmp(set->tab[i].slug, s) != 0)
		i = (i + 1) & (set->cap - 1);
	return &set->tab[i];
}

/* Add s (heap, now owned by set), which is not in set yet. */
static void
slug_add(struct slug_set *set, char *s)
{
	if (2 * (set->len + 1) > set->cap) {
		struct slug_set bigger = { NULL, set->cap ? 2 * set->cap : 16,
		    set->len };

		bigger.tab = pm_xcalloc(bigger.cap, sizeof(*bigger.tab));
		for (size_t i = 0; i < set->cap; i++)
			if (set->tab[i].slug)
				*slug_slot(&bigger, set->tab[i].slug) =
				    set->tab[i];
		free(set->tab);
		*set = bigger;
	}
	slug_slot(set, s)->slug = s;
	set->len++;
}

static void
slug_set_free(struct slug_set *set)
{
	for (size_t i = 0; i < set->cap; i++)
		free(set->tab[i].slug);
	free(set->tab);
}

/*
 * The unique form of base: base itself the first time, then base-1,
 * base-2... skipping any taken by other headings (a heading may literally
 * read "Timeline 1").  Remembering the next suffix per base keeps many
 * equal headings linear.  The result is owned by set.
 */
static const char *
slug_unique(struct slug_set *set, const char *base)
{
	struct pm_buf cand = PM_BUF_INIT;
	struct slug_entry *e;
	char *s;
	size_t n;

	if (set->cap == 0 || slug_slot(set, base)->slug == NULL) {
		pm_buf_puts(&cand, base);
	} else {
		e = slug_slot(set, base);
		n = e->next ? e->next : 1;
		do {
			pm_buf_clear(&cand);
			pm_buf_printf(&cand, "%s-%zu", base, n++);
		} while (slug_slot(set, cand.ptr)->slug != NULL);
		e->next = n;
	}
	s = pm_buf_detach(&cand, NULL);
	slug_add(set, s);
	return s;
}

/*
 * The stand-in for heading during a render: a custom block holding one
 * custom inline, whose on_enter and on_exit are the <hN id=...> and </hN>
 * tags and which borrows the heading's inline children.  The tags sit on
 * the inline because cmark puts line breaks around a custom block's own
 * tags, which would land inside the heading; the block, with empty tags,
 * only gives the inline a place among the blocks.
 */
static cmark_node *
heading_block(cmark_node *heading, const char *id, unsigned flags)
{
	cmark_node *block = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK);
	cmark_node *inl = cmark_node_new(CMARK_NODE_CUSTOM_INLINE);
	struct pm_buf tag = PM_BUF_INIT;
	int level = cmark_node_get_heading_level(heading);
	cmark_node *child;

	cmark_node_append_child(block, inl);
	pm_buf_printf(&tag, "<h%d id=\"", level);
	pm_buf_put_attr(&tag, id, strlen(id));
	pm_buf_puts(&tag, "\">");
	cmark_node_set_on_enter(inl, tag.ptr);
	pm_buf_clear(&tag);
	if (flags & PM_MARKDOWN_ANCHORS) {
		pm_buf_puts(&tag, "<a class=\"anchor\" href=\"#");
		pm_buf_put_attr(&tag, id, strlen(id));
		pm_buf_puts(&tag, "\" aria-hidden=\"true\" tabindex=\"-1\">"
		    "#</a>");
	}
	pm_buf_printf(&tag, "</h%d>", level);
	cmark_node_set_on_exit(inl, tag.ptr);
	pm_buf_free(&tag);
	if (!cmark_node_replace(heading, block)) {
		cmark_node_free(block);
		return NULL;
	}
	while ((child = cmark_node_first_child(heading)) != NULL)
		cmark_node_append_child(inl, child);
	return block;
}

/* Undo heading_block(): children back, heading back, stand-in freed. */
static void
heading_restore(cmark_node *heading, cmark_node *block)
{
	cmark_node *inl = cmark_node_first_child(block), *child;

	while ((child = cmark_node_first_child(inl)) != NULL)
		cmark_node_append_child(heading, child);
	cmark_node_replace(block, heading);
	cmark_node_free(block);
}

/*
 * cmark's HTML renderer writes <hN> without attributes and offers no hook
 * for them.  Post-editing its output would mistake raw HTML for headings,
 * and rendering headings outside cmark would mean re-implementing its
 * containers, lists and footnotes.  So each heading is swapped, for the
 * length of one cmark_render_html() call, for custom nodes: cmark writes a
 * custom node's on_enter and on_exit verbatim, in safe mode too (they come
 * from us, not from the author), and renders the children between them
 * exactly as it would inside the heading.  Then the tree is put back, so
 * the extractor keeps seeing real heading nodes.
 */
void
pm_markdown_render_html(struct pm_buf *out, struct pm_markdown *md,
    unsigned flags)
{
	cmark_mem *mem = cmark_get_default_mem_allocator();
	struct slug_set slugs = { NULL, 0, 0 };
	struct pm_buf text = PM_BUF_INIT, slug = PM_BUF_INIT;
	cmark_node **heads = NULL, **blocks = NULL;
	size_t nheads = 0, cap = 0;
	cmark_iter *it;
	cmark_event_type ev;
	char *html;

	/* Collect first: the iterator must not see the tree change. */
	it = cmark_iter_new(md->root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_EXIT ||
		    cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		if (nheads == cap) {
			cap = cap ? 2 * cap : 16;
			heads = pm_xrealloc(heads, pm_xmul(cap,
			    sizeof(*heads)));
		}
		heads[nheads++] = n;
	}
	cmark_iter_free(it);
	if (nheads)
		blocks = pm_xcalloc(nheads, sizeof(*blocks));
	for (size_t i = 0; i < nheads; i++) {
		pm_buf_clear(&text);
		pm_buf_clear(&slug);
		put_text(&text, heads[i], 1);
		pm_markdown_slug(&slug, text.ptr ? text.ptr : "", text.len);
		blocks[i] = heading_block(heads[i], slug_unique(&slugs,
		    slug.len ? slug.ptr : "section"), flags);
	}
	html = cmark_render_html(md->root, md->options, md->extensions);
	pm_buf_puts(out, html);
	mem->free(html);
	for (size_t i = 0; i < nheads; i++)
		if (blocks[i])
			heading_restore(heads[i], blocks[i]);
	free(blocks);
	free(heads);
	slug_set_free(&slugs);
	pm_buf_free(&slug);
	pm_buf_free(&text);
}
