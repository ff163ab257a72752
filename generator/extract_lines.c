/*
 * extract_lines.c: the document flattened into lines for the extractor:
 * paragraphs and headings cut at their line breaks, list items with their
 * depth and task state, table rows with their cells, code blocks of log
 * lines, and sections indented into code blocks parsed again as prose
 * (extract_code.c says which), each line with its file line, its block
 * and its emphasis.
 */
#include "extract_int.h"
#include "markdown.h"

#include <string.h>

#include <cmark-gfm-core-extensions.h>

#define MAX_DEPTH 32

/* Lines of one block being cut out of its inlines. */
struct cut {
	struct pm_buf b;
	int line, block, kind, level, task, first_done, quoted, caption;
	size_t strong;
	int soft;		/* the line ends at a soft line break */
	int lead_depth;		/* nesting of the leading emphasis, or -1 */
	int struck_lead;	/* a strikethrough opened the line */
	size_t struck_end;
	struct x_struck struck;	/* its struck spans */
	struct x_struck hints;	/* its italic spans, for template hints */
	int emph_open;		/* italics open at this point */
	int hint_carry;		/* an italic hint goes on past the line */
};

static struct xline *
push_line(struct xdoc *d)
{
	struct xline *l;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 64;
		d->v = pm_xrealloc(d->v, pm_xmul(d->cap, sizeof(*d->v)));
	}
	l = &d->v[d->n++];
	memset(l, 0, sizeof(*l));
	l->task = -1;
	return l;
}

struct xline *
x_line_add(struct xdoc *d, const struct xline *proto, const char *s,
    size_t len)
{
	struct xline *l = push_line(d);

	*l = *proto;
	l->s = pm_arena_strndup(d->arena, s, len);
	l->len = len;
	l->t = x_time_text(d, l->s, len);
	l->strong = proto->strong > len ? len : proto->strong;
	/* "**Timeline**:" is all label too */
	l->all_strong = l->strong > 0 && (l->strong == len ||
	    (len - l->strong <= 2 && s[l->strong] == ':'));
	return l;
}

/* Does s open with a date or a time, in brackets too ("[Aug 7, 2023]")? */
static int
opens_with_when(const char *s, size_t len)
{
	struct pm_when w;

	if (len > 0 && *s == '[')
		s++, len--;
	return len > 0 && *s != ' ' && pm_when_parse(&w, s, len) > 0;
}

/* End the line being cut; blank lines are dropped. */
static void
cut_flush(struct xdoc *d, struct cut *c)
{
	static const char *const glyphs[] = {
		"\xe2\x80\xa2", "\xc2\xb7", "\xe2\x97\xa6", "\xe2\x96\xaa",
		"\xe2\x80\xa3", "\xe2\x81\x83", "o"
	};
	size_t len, k;
	const char *s;
	struct xline *l;
	int bullet = 0;

	c->struck.moved[0] = &c->strong;
	c->struck.moved[1] = &c->struck_end;
	x_hints_drop(&c->b, &c->hints, &c->struck, &c->hint_carry);
	x_criticmarkup(&c->b, &c->struck);
	len = c->b.len;
	while (len > 0 && (c->b.ptr[len - 1] == ' ' ||
	    c->b.ptr[len - 1] == '\t'))
		len--;
	if (c->struck.n > 0 && !(c->struck_lead && c->struck_end + 1 >= len)) {
		x_struck_drop_values(&c->b, &c->struck);
		c->struck_lead = 0;
	}
	c->struck.n = 0;
	len = c->b.len;
	s = c->b.ptr;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	/* "• item" typed in a paragraph: a list item in all but syntax;
	 * and "o Add a provider", the bullet a word processor's second
	 * level exports as a letter, before a capital */
	for (size_t g = 0; g < XCOUNT(glyphs) && len > 0; g++) {
		size_t n = strlen(glyphs[g]);

		if (len > n && memcmp(s, glyphs[g], n) == 0 && s[n] == ' ' &&
		    (n > 1 || (len > 2 && s[2] >= 'A' && s[2] <= 'Z'))) {
			s += n + 1;
			len -= n + 1;
			bullet = g == 2 || g == 3 || g == 6 ? 2 : 1;
			c->strong = c->strong > n + 1 ? c->strong - n - 1 : 0;
			break;
		}
	}
	/* "- 11:00pm WAT: alert", indented under a line with no blank one
	 * between: Markdown keeps it in that paragraph, but its writer
	 * typed an item */
	if (!bullet && c->kind == XL_PARA && c->first_done && len > 2 &&
	    (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ' &&
	    s[2] != ' ') {
		s += 2;
		len -= 2;
		bullet = 1;
		c->strong = c->strong > 2 ? c->strong - 2 : 0;
	}
	/* "#Aug 1, 2023: sandboxes updated": a heading per entry typed
	 * without its space, which Markdown leaves a paragraph's line */
	if (c->kind == XL_PARA && (k = x_skip_unspaced_marks(s, len, 0)) > 0 &&
	    opens_with_when(s + k, len - k)) {
		s += k;
		len -= k;
		c->strong = c->strong > k ? c->strong - k : 0;
	}
	/* "▸ Timeline", a note app's toggle: a label, as a heading is */
	if (len > 4 && len < 80 && (unsigned char)s[0] == 0xe2 &&
	    (unsigned char)s[1] == 0x96 && ((unsigned char)s[2] == 0xb6 ||
	    (unsigned char)s[2] == 0xb8 || (unsigned char)s[2] == 0xbc ||
	    (unsigned char)s[2] == 0xbe) && s[3] == ' ') {
		s += 4;
		len -= 4;
		c->strong = len;
	}
	if (len > 0) {
		struct xline proto;

		memset(&proto, 0, sizeof(proto));
		proto.bullet = bullet;
		proto.line = c->line;
		proto.kind = c->kind;
		proto.level = c->level;
		proto.block = c->block;
		proto.first = !c->first_done;
		proto.task = c->first_done ? -1 : c->task;
		proto.strong = c->strong;
		proto.quoted = c->quoted;
		proto.caption = c->caption;
		l = x_line_add(d, &proto, s, len);
		l->struck = c->struck_lead && c->struck_end + 1 >= len;
		l->wrapped = c->soft;
		c->first_done = 1;
	}
	c->soft = 0;
	pm_buf_clear(&c->b);
	c->line = 0;
	c->strong = 0;
	c->lead_depth = -1;
	c->struck_lead = 0;
	c->struck_end = 0;
	/* an italic span that goes on opens the next line */
	if (c->emph_open > 0)
		x_struck_edge(&c->hints, 0, 1);
}

/*
 * Append text.  The parser's smart punctuation turned the writer's
 * straight quotes into curly ones; they go back to what was typed (plain
 * text, and quotes that compare equal with the writer's own).
 */
static void
cut_text(struct cut *c, const char *t)
{
	if (c->b.len == 0)
		t += strspn(t, " \t");
	for (; *t; t++) {
		const unsigned char *u = (const unsigned char *)t;

		if (u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x98 &&
		    u[2] <= 0x9d) {
			pm_buf_putc(&c->b, u[2] <= 0x9b ? '\'' : '"');
			t += 2;
		} else {
			pm_buf_putc(&c->b, *t);
		}
	}
}

/* Is an inline HTML tag a line break ("<br>", "<br/>", "<BR />")? */
static int
is_br(const char *t)
{
	return t && (t[0] == '<') && x_lower((unsigned char)t[1]) == 'b' &&
	    x_lower((unsigned char)t[2]) == 'r' && (t[3] == '>' ||
	    t[3] == '/' || t[3] == ' ');
}

/* The inlines of a paragraph or heading, cut at line breaks. */
static void
cut_block(struct xdoc *d, struct cut *c, cmark_node *block)
{
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	int depth = 0, breaks = 0, k;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		const char *name = cmark_node_get_type_string(n);
		int emph = t == CMARK_NODE_STRONG || t == CMARK_NODE_EMPH;
		int strike = strcmp(name, "strikethrough") == 0;

		if (n == block)
			continue;
		if (ev == CMARK_EVENT_EXIT) {
			depth--;
			if (emph && c->lead_depth == depth)
				c->strong = c->b.len, c->lead_depth = -2;
			if (strike && c->struck_lead == 1)
				c->struck_end = c->b.len, c->struck_lead = 2;
			if (strike)
				x_struck_edge(&c->struck, c->b.len, 0);
			if (t == CMARK_NODE_EMPH) {
				x_struck_edge(&c->hints, c->b.len, 0);
				c->emph_open--;
			}
			continue;
		}
		if (c->line == 0 && cmark_node_get_start_line(n) > 0)
			c->line = cmark_node_get_start_line(n);
		switch (t) {
		case CMARK_NODE_TEXT:
			cut_text(c, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_CODE:
			/* the backticks stay, so that readers can tell a log
			 * line ("`deadlock detected`") from prose; they are
			 * dropped from every text the extractor keeps */
			pm_buf_putc(&c->b, '`');
			pm_buf_puts(&c->b, cmark_node_get_literal(n));
			pm_buf_putc(&c->b, '`');
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			c->soft = t == CMARK_NODE_SOFTBREAK;
			cut_flush(d, c);
			breaks++;
			c->line = cmark_node_get_start_line(block) + breaks;
			break;
		case CMARK_NODE_HTML_INLINE:
			if (is_br(cmark_node_get_literal(n))) {
				cut_flush(d, c);
				c->line = cmark_node_get_start_line(block) +
				    breaks;
			} else if ((k = x_struck_tag(cmark_node_get_literal(
			    n)))) {
				x_struck_edge(&c->struck, c->b.len, k > 0);
			}
			break;
		case CMARK_NODE_IMAGE:
			/* alt text is not prose; skip the subtree */
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			break;
		default:
			break;
		}
		if (cmark_node_first_child(n) != NULL) {
			if (emph && c->b.len == 0 && c->lead_depth == -1)
				c->lead_depth = depth;
			if (strike && c->b.len == 0 && c->struck_lead == 0)
				c->struck_lead = 1;
			if (strike)
				x_struck_edge(&c->struck, c->b.len, 1);
			if (t == CMARK_NODE_EMPH) {
				x_struck_edge(&c->hints, c->b.len, 1);
				c->emph_open++;
			}
			depth++;
		}
	}
	cmark_iter_free(it);
	cut_flush(d, c);
}

/*
 * "- 21. 2. 2025, 21:24 — text": CommonMark reads "21." and "2." as two
 * ordered lists nested on one line, and leaves the paragraph only "2025,
 * 21:24 — text".  Two or more such lists (one is a numbered item) are
 * put back into b as the writer typed them, each its item's first block
 * and opened on the paragraph's line; its item must be its list's first,
 * as cmark keeps no other item's number.  The count of lists put back.
 */
static int
put_list_numbers(struct pm_buf *b, cmark_node *para)
{
	int nums[8], n = 0, line = cmark_node_get_start_line(para);
	cmark_node *block = para, *item, *list;
	char t[16];

	while (n < 8 && (item = cmark_node_parent(block)) != NULL &&
	    cmark_node_get_type(item) == CMARK_NODE_ITEM &&
	    cmark_node_first_child(item) == block &&
	    cmark_node_get_start_line(item) == line &&
	    (list = cmark_node_parent(item)) != NULL &&
	    cmark_node_get_list_type(list) == CMARK_ORDERED_LIST &&
	    cmark_node_get_list_delim(list) == CMARK_PERIOD_DELIM &&
	    cmark_node_first_child(list) == item) {
		nums[n++] = cmark_node_get_list_start(list);
		block = list;
	}
	if (n < 2)
		return 0;
	for (int i = n - 1; i >= 0; i--) {
		size_t k = pm_fmt_int(t, nums[i] % 10000, 1);

		t[k++] = '.';
		t[k++] = ' ';
		pm_buf_put(b, t, k);
	}
	return n;
}

static void
cut_row(struct xdoc *d, struct cut *c, cmark_node *row, int header)
{
	struct pm_buf cell = PM_BUF_INIT;
	struct xline *l;
	cmark_node *n;
	int ncells = 0;

	for (n = cmark_node_first_child(row); n; n = cmark_node_next(n)) {
		pm_buf_clear(&cell);
		pm_markdown_node_text(&cell, n);
		for (size_t i = 0; i < cell.len; i++)
			if (cell.ptr[i] == '\t' || cell.ptr[i] == '\n')
				cell.ptr[i] = ' ';
		if (ncells++)
			pm_buf_putc(&c->b, '\t');
		pm_buf_put(&c->b, cell.ptr ? cell.ptr : "", cell.len);
	}
	l = push_line(d);
	l->s = pm_arena_strndup(d->arena, pm_buf_cstr(&c->b), c->b.len);
	l->len = c->b.len;
	l->t = x_time_text(d, l->s, l->len);
	l->line = cmark_node_get_start_line(row);
	l->kind = XL_ROW;
	l->block = c->block;
	l->first = 1;
	l->header_row = header;
	l->ncells = ncells;
	pm_buf_clear(&c->b);
	pm_buf_free(&cell);
}

/*
 * A code block of log lines, the way people paste a timeline from a log
 * or a chat export: its lines become the lines of paragraphs, a blank
 * line starting the next, so the timeline reads them as it reads typed
 * ones.  *blocks numbers the paragraphs.
 */
static void
cut_code(struct xdoc *d, struct cut *c, cmark_node *code, int *blocks)
{
	const char *s = cmark_node_get_literal(code);
	int fence_len = 0, fence_offset = 0;
	char fence_char = 0;
	int line = cmark_node_get_start_line(code) +
	    (cmark_node_get_fenced(code, &fence_len, &fence_offset,
	    &fence_char) ? 1 : 0);

	c->kind = XL_PARA;
	c->level = 0;
	c->block = ++*blocks;
	c->first_done = 0;
	c->task = -1;
	while (*s) {
		size_t len = strcspn(s, "\n"), lead = strspn(s, " \t");

		pm_buf_clear(&c->b);
		if (lead < len) {
			pm_buf_put(&c->b, s + lead, len - lead);
		} else if (c->first_done) {
			c->block = ++*blocks;
			c->first_done = 0;
		}
		c->line = line++;
		cut_flush(d, c);
		s += len + (s[len] == '\n');
	}
}

/* -1 for an item that is not a task, else 1 when ticked. */
static int
task_state(cmark_node *item, const char *name)
{
	if (strcmp(name, "tasklist") != 0)
		return -1;
	return cmark_gfm_extensions_get_tasklist_item_checked(item) ? 1 : 0;
}

/*
 * Does l open the way a record does, where wrapped prose would go on:
 * with a time or a date, a list marker, a label ("Status: ..."), "TODO"
 * or a dash after its first words ("Priya — rename the groups", "09:30 -
 * restarted")?  Such lines stay lines of their own.
 */
static int
record_start(const struct xline *l)
{
	static const char *const dashes[] = {
		" - ", " \xe2\x80\x94", " \xe2\x80\x93", "|"
	};
	const char *s = l->s;
	size_t n = l->len, i;
	struct pm_when w;

	if (l->bullet || strchr("-*+([>|#~", s[0]) != NULL ||
	    pm_when_parse(&w, l->t, n) > 0 || x_phrase_at(s, n, 0, "todo"))
		return 1;
	for (i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i > 0 && i < n && (s[i] == '.' || s[i] == ')'))
		return 1;
	for (i = 0; i < n && i < 40; i++) {
		/* "Status: ...", not the colon of a clock */
		if (s[i] == ':' && i > 0 && !(s[i - 1] >= '0' &&
		    s[i - 1] <= '9') && (i + 1 == n || s[i + 1] == ' '))
			return 1;
		for (size_t k = 0; k < XCOUNT(dashes); k++)
			if (strncmp(s + i, dashes[k], strlen(dashes[k])) == 0)
				return 1;
	}
	return 0;
}

/* Does a sentence or a clause end at the end of l? */
static int
ends_clause(const struct xline *l)
{
	size_t n = l->len;

	while (n > 1 && (l->s[n - 1] == '"' || l->s[n - 1] == '\'' ||
	    l->s[n - 1] == ')' || l->s[n - 1] == '*' || l->s[n - 1] == '_'))
		n--;
	return strchr(".,;!?", l->s[n - 1]) != NULL;
}

/* May l go on the line prev, in the paragraph that first opens, as words
 * of one sentence or paragraph? */
static int
goes_on(const struct xline *first, const struct xline *prev,
    const struct xline *l)
{
	int sec = l->sec;

	if (!prev->wrapped || l->first || l->head || l->label_len ||
	    l->block != first->block || l->kind != first->kind ||
	    l->sec != first->sec ||
	    (l->kind != XL_PARA && l->kind != XL_ITEM) ||
	    sec == SEC_TIMELINE || sec == SEC_UPDATES || sec == SEC_TASKS ||
	    sec == SEC_CORRECTIVE)
		return 0;
	if (prev->len < 40 || prev->all_strong ||
	    prev->s[prev->len - 1] == ':' || record_start(l))
		return 0;
	/* "Add alert counters" over "Alert on packet loss": lines of a
	 * list typed without markers, each its own */
	return ends_clause(prev) || (l->s[0] >= 'a' && l->s[0] <= 'z');
}

/*
 * Paragraphs wrapped by the writer's editor ("The impact was from 11.20\n
 * to 13.15 TRT.") are read as the writer meant them, one line of prose,
 * so that a range or a sentence is not cut in two.  Only the prose of a
 * section is joined, not its timeline or its measures.  A soft line break
 * stays where the line before it is short (a label, a status, a chat
 * message's header), bold or ends in a colon, where the line after it
 * opens as a record does (record_start()), and where a line that ends
 * with no stop is followed by one that starts with a capital.  Each run
 * of lines is joined once, so a paragraph of any length costs its size.
 */
void
x_lines_join(struct xdoc *d)
{
	struct pm_buf b = PM_BUF_INIT;
	size_t w = 0, i = 0, k;

	while (i < d->n) {
		struct xline *first = &d->v[i];

		for (k = i + 1; k < d->n && goes_on(first, &d->v[k - 1],
		    &d->v[k]); k++)
			;
		if (k > i + 1) {
			int struck = 1;

			pm_buf_clear(&b);
			for (size_t j = i; j < k; j++) {
				if (j > i)
					pm_buf_putc(&b, ' ');
				pm_buf_put(&b, d->v[j].s, d->v[j].len);
				struck &= d->v[j].struck;
			}
			first->s = pm_arena_strndup(d->arena, b.ptr, b.len);
			first->len = b.len;
			first->t = x_time_text(d, first->s, first->len);
			first->struck = struck;
			first->wrapped = d->v[k - 1].wrapped;
		}
		d->v[w++] = *first;
		i = k;
	}
	d->n = w;
	pm_buf_free(&b);
}

/* Is node n only white space, or a line break? */
static int
is_blank(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	const char *lit = t == CMARK_NODE_TEXT ? cmark_node_get_literal(n) :
	    NULL;

	return t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK ||
	    (lit && lit[strspn(lit, " \t")] == '\0');
}

/* Is n an image, or a link around images only ("[![chart](c.png)](c)")? */
static int
is_picture(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);

	if (t == CMARK_NODE_IMAGE)
		return 1;
	if (t != CMARK_NODE_LINK || cmark_node_first_child(n) == NULL)
		return 0;
	for (n = cmark_node_first_child(n); n; n = cmark_node_next(n))
		if (!is_picture(n) && !is_blank(n))
			return 0;
	return 1;
}

/*
 * A paragraph of pictures alone (0), or one whose words are all in one
 * italic span after its pictures or under a paragraph of them, or that
 * names itself a figure: a caption (1).  Anything else is -1.  Blogs put
 * a caption under every chart, and it reads like an entry ("*Queue depth
 * peaked at 63 at 08:30*"); it says what the picture shows, not what
 * happened next.
 */
static int
caption_kind(cmark_node *para, int after_pictures)
{
	static const char *const figure[] = { "figure", "fig.", "fig",
	    "chart", "graph", "diagram" };
	cmark_node *n = cmark_node_first_child(para), *emph = NULL;
	struct pm_buf b = PM_BUF_INIT;
	int pictures = 0, named = 0;

	for (; n; n = cmark_node_next(n)) {
		if (is_picture(n))
			pictures = 1;
		else if (cmark_node_get_type(n) == CMARK_NODE_EMPH &&
		    emph == NULL)
			emph = n;
		else if (!is_blank(n))
			return -1;
	}
	if (emph == NULL)
		return pictures ? 0 : -1;
	pm_markdown_node_text(&b, emph);
	/* "Figure 2: ...", "Fig. 3 -" */
	for (size_t i = 0; i < XCOUNT(figure) && !named; i++) {
		size_t e = x_phrase_at(b.ptr ? b.ptr : "", b.len, 0,
		    figure[i]);

		while (e > 0 && e < b.len && b.ptr[e] == ' ')
			e++;
		named = e > 0 && e < b.len && b.ptr[e] >= '0' &&
		    b.ptr[e] <= '9';
	}
	pm_buf_free(&b);
	return pictures || after_pictures || named ? 1 : -1;
}

static void build(struct xdoc *d, cmark_node *root, int *blocks,
    int nested);

/* The lines of text parsed a second time (inner, which this frees;
 * NULL when the parse failed), not read again within itself. */
static void
build_again(struct xdoc *d, struct pm_markdown *inner, int *blocks)
{
	if (inner == NULL)
		return;
	build(d, pm_markdown_root(inner), blocks, 1);
	pm_markdown_free(inner);
}

/*
 * A section its writer indented four spaces, which CommonMark makes a
 * code block: its text parsed as the Markdown it is, its lines cut in
 * place.  One level only, so hostile nesting costs one more parse.
 */
static void
read_indented(struct xdoc *d, cmark_node *code, int *blocks)
{
	build_again(d, x_code_parse(d, code), blocks);
}

/* An HTML block, and the Markdown its writer typed after its tags
 * (x_html_markdown_at()); not again inside text parsed a second time. */
static void
read_html(struct xdoc *d, cmark_node *n, int *blocks, int nested)
{
	const char *lit = cmark_node_get_literal(n), *p;
	int line = cmark_node_get_start_line(n);
	size_t at;

	if (lit == NULL)
		return;
	at = nested ? 0 : x_html_markdown_at(lit);
	if (at == 0) {
		x_html_lines(d, lit, strlen(lit), line, blocks);
		return;
	}
	x_html_lines(d, lit, at, line, blocks);
	for (p = lit; p < lit + at; p++)
		line += *p == '\n';
	build_again(d, x_parse_text(d, lit + at, strlen(lit + at), line),
	    blocks);
}

void
x_lines_build(struct xdoc *d, cmark_node *root)
{
	int blocks = 0;

	build(d, root, &blocks, 0);
	x_grid_tables(d, &blocks);
	x_jira_markup(d);
}

static void
build(struct xdoc *d, cmark_node *root, int *blocks, int nested)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	struct cut c;
	int items[MAX_DEPTH], tasks[MAX_DEPTH], item_depth = 0, list_depth = 0;
	int top, k, quotes = 0, pictures = 0, caption;

	memset(&c, 0, sizeof(c));
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		const char *name = cmark_node_get_type_string(n);

		if (t == CMARK_NODE_LIST) {
			list_depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
			continue;
		}
		if (t == CMARK_NODE_BLOCK_QUOTE) {
			quotes += ev == CMARK_EVENT_ENTER ? 1 : -1;
			continue;
		}
		if (t == CMARK_NODE_ITEM) {
			/* items nested deeper than MAX_DEPTH share the
			 * deepest slot */
			if (ev == CMARK_EVENT_EXIT) {
				item_depth--;
			} else {
				top = item_depth < MAX_DEPTH ? item_depth :
				    MAX_DEPTH - 1;
				items[top] = ++*blocks;
				tasks[top] = task_state(n, name);
				item_depth++;
			}
			continue;
		}
		if (ev != CMARK_EVENT_ENTER)
			continue;
		pm_buf_clear(&c.b);
		c.line = 0;
		c.lead_depth = -1;
		c.struck_lead = 0;
		c.struck.n = 0;
		c.hints.n = 0;
		c.emph_open = 0;
		c.hint_carry = 0;
		c.strong = 0;
		c.quoted = quotes > 0;
		c.caption = 0;
		top = (item_depth < MAX_DEPTH ? item_depth : MAX_DEPTH) - 1;
		caption = t == CMARK_NODE_PARAGRAPH ? caption_kind(n,
		    pictures) : -1;
		pictures = caption == 0;
		if (caption == 0) {
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (t == CMARK_NODE_PARAGRAPH ||
		    t == CMARK_NODE_HEADING) {
			int in_item = item_depth > 0 && list_depth > 0;

			c.kind = t == CMARK_NODE_HEADING ? XL_HEADING :
			    in_item ? XL_ITEM : XL_PARA;
			c.level = t == CMARK_NODE_HEADING ?
			    cmark_node_get_heading_level(n) : list_depth;
			c.block = in_item ? items[top] : ++*blocks;
			/* a later paragraph of an item continues it */
			c.first_done = in_item &&
			    cmark_node_previous(n) != NULL;
			c.task = in_item ? tasks[top] : -1;
			/* the lists put back were never nesting */
			if (in_item && (k = put_list_numbers(&c.b, n)) != 0)
				c.level = c.level > k ? c.level - k : 1;
			c.caption = caption == 1;
			cut_block(d, &c, n);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (strcmp(name, "table_row") == 0 ||
		    strcmp(name, "table_header") == 0) {
			c.block = ++*blocks;
			cut_row(d, &c, n, name[6] == 'h');
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (t == CMARK_NODE_HTML_BLOCK) {
			read_html(d, n, blocks, nested);
		} else if (t == CMARK_NODE_CODE_BLOCK) {
			const char *lit = cmark_node_get_literal(n);
			int score = lit ? x_code_sections(lit) : 0;
			int fl = 0, fo = 0;
			char fc = 0;

			if (!lit)
				continue;
			if (!nested && !cmark_node_get_fenced(n, &fl, &fo,
			    &fc) && x_code_is_prose(lit)) {
				read_indented(d, n, blocks);
			} else if (score >= 2 && score > d->code_score) {
				/* the node outlives only the outer parse */
				if (!nested) {
					d->code = n;
					d->code_score = score;
				}
			} else if (x_code_log_lines(lit) >= 3) {
				if (x_timed_items_before(d, d->n) < 3)
					cut_code(d, &c, n, blocks);
			} else if (x_code_clock_lines(lit) >= 3) {
				size_t before = d->n;

				/* a chat, or code whose lines name times */
				cut_code(d, &c, n, blocks);
				if (x_chat_headers_from(d, before) < 3 ||
				    x_timed_items_before(d, before) >= 3)
					d->n = before;
			}
		}
	}
	cmark_iter_free(it);
	pm_buf_free(&c.b);
}
