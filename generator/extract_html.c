/*
 * extract_html.c: the lines of an HTML block, as the Markdown it stands
 * for would give them.  Wikis, word processors and incident tools export
 * their tables, lists and definition lists as HTML, which Markdown keeps
 * as it is: "<tr><td>10:20</td><td>Impact begins.</td></tr>" is a table
 * row to the reader, and must be one to the extractor.
 *
 * Why by hand: no HTML parser is a dependency, and the extractor needs
 * only where lines, items, rows and cells begin and end, and the text.
 * The reader is one pass over the bytes, with no recursion and no state
 * that grows with nesting but two counters, so any input costs its size.
 * Tags it does not know are dropped with their brackets; text is kept.
 */
#include "extract_int.h"

#include <string.h>

struct html {
	struct xdoc *d;
	int *blocks;
	struct pm_buf text;	/* the line or the cell being read */
	struct pm_buf row;	/* the cells of the row so far */
	struct xline proto;	/* kind, level and task of the line */
	int line, text_line;	/* file line here, and of the text's start */
	int lists;		/* open <ul> and <ol> */
	int item, item_done;	/* the block of the open <li>, 0 for none;
				 * its first line was written */
	int in_row, in_cell, cells, th, td;
	int lead_emph;		/* bold or italic opened the line */
	size_t strong;
};

/* Named entities that exports use; numeric ones are read as numbers. */
static const struct {
	const char *name, *utf8;
} entities[] = {
	{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
	{ "apos", "'" }, { "nbsp", " " }, { "ndash", "\xe2\x80\x93" },
	{ "mdash", "\xe2\x80\x94" }, { "hellip", "\xe2\x80\xa6" },
	{ "lsquo", "'" }, { "rsquo", "'" }, { "ldquo", "\"" },
	{ "rdquo", "\"" }, { "middot", "\xc2\xb7" }, { "bull", "\xe2\x80\xa2" },
	{ "times", "\xc3\x97" }, { "deg", "\xc2\xb0" }, { "euro", "\xe2\x82\xac" },
	{ "rarr", "\xe2\x86\x92" }, { "ge", "\xe2\x89\xa5" }, { "le", "\xe2\x89\xa4" },
	{ "emsp", " " }, { "ensp", " " }, { "thinsp", " " },
};

/* Code point cp as UTF-8 into b; what is not a character is dropped. */
static void
put_utf8(struct pm_buf *b, unsigned long cp)
{
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return;
	if (cp < 0x80) {
		pm_buf_putc(b, (int)cp);
	} else if (cp < 0x800) {
		pm_buf_putc(b, (int)(0xc0 | (cp >> 6)));
		pm_buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		pm_buf_putc(b, (int)(0xe0 | (cp >> 12)));
		pm_buf_putc(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		pm_buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	} else {
		pm_buf_putc(b, (int)(0xf0 | (cp >> 18)));
		pm_buf_putc(b, (int)(0x80 | ((cp >> 12) & 0x3f)));
		pm_buf_putc(b, (int)(0x80 | ((cp >> 6) & 0x3f)));
		pm_buf_putc(b, (int)(0x80 | (cp & 0x3f)));
	}
}

/* The text, one blank for any run of white space; a new line's start is
 * remembered, and curly quotes are typed straight, as cut_text() does. */
static void
put_text(struct html *h, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (h->text.len == 0)
		h->text_line = h->line;
	if (len >= 3 && u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0x98 &&
	    u[2] <= 0x9d) {
		pm_buf_putc(&h->text, u[2] <= 0x9b ? '\'' : '"');
		return;
	}
	pm_buf_put(&h->text, s, len);
}

static void
put_blank(struct html *h)
{
	if (h->text.len > 0 && h->text.ptr[h->text.len - 1] != ' ')
		pm_buf_putc(&h->text, ' ');
}

/* "&amp;" or "&#8212;" at s[0]: its length, its text put; 0 if none. */
static size_t
entity(struct html *h, const char *s, size_t len)
{
	struct pm_buf *b = &h->text;
	size_t n = 1, start = b->len;
	unsigned long cp = 0;

	if (len > 2 && s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';

		for (n = hex ? 3 : 2; n < len && n < 12 && s[n] != ';'; n++) {
			int c = x_lower((unsigned char)s[n]), v;

			v = c >= '0' && c <= '9' ? c - '0' : hex && c >= 'a' &&
			    c <= 'f' ? c - 'a' + 10 : -1;
			if (v < 0)
				return 0;
			cp = cp * (hex ? 16 : 10) + (unsigned long)v;
		}
		if (n >= len || s[n] != ';' || n == (hex ? 3u : 2u))
			return 0;
		if (b->len == 0)
			h->text_line = h->line;
		/* a no-break space is a blank, curly quotes are typed
		 * straight, as put_text() has them */
		put_utf8(b, cp == 0xa0 ? ' ' : cp >= 0x2018 && cp <= 0x201b ?
		    '\'' : cp >= 0x201c && cp <= 0x201f ? '"' : cp);
		return b->len > start || cp == 0 ? n + 1 : 0;
	}
	while (n < len && n < 10 && x_alnum((unsigned char)s[n]))
		n++;
	if (n >= len || s[n] != ';')
		return 0;
	for (size_t i = 0; i < XCOUNT(entities); i++)
		if (strlen(entities[i].name) == n - 1 &&
		    memcmp(entities[i].name, s + 1, n - 1) == 0) {
			put_text(h, entities[i].utf8,
			    strlen(entities[i].utf8));
			return n + 1;
		}
	return 0;
}

static void
trim(struct pm_buf *b)
{
	while (b->len > 0 && b->ptr[b->len - 1] == ' ')
		b->len--;
}

/* End the line being read: a paragraph, a heading, or a line of the
 * open list item. */
static void
flush(struct html *h)
{
	struct xline *l;

	if (h->in_row)
		return;		/* text between cells is not a line */
	trim(&h->text);
	if (h->text.len > 0) {
		if (h->item && h->proto.kind != XL_HEADING) {
			h->proto.kind = XL_ITEM;
			h->proto.block = h->item;
			h->proto.first = !h->item_done;
			h->item_done = 1;
		} else {
			h->proto.block = ++*h->blocks;
			h->proto.first = 1;
		}
		h->proto.line = h->text_line;
		h->proto.strong = h->strong;
		l = x_line_add(h->d, &h->proto, h->text.ptr, h->text.len);
		if (!l->first)
			l->task = -1;
	}
	pm_buf_clear(&h->text);
	h->strong = 0;
	h->lead_emph = 0;
}

static void
end_cell(struct html *h)
{
	if (!h->in_cell)
		return;
	trim(&h->text);
	if (h->cells++ > 0)
		pm_buf_putc(&h->row, '\t');
	for (size_t i = 0; i < h->text.len; i++)
		pm_buf_putc(&h->row, h->text.ptr[i] == '\t' ? ' ' :
		    h->text.ptr[i]);
	pm_buf_clear(&h->text);
	h->in_cell = 0;
}

static void
end_row(struct html *h)
{
	struct xline row;

	if (!h->in_row)
		return;
	end_cell(h);
	h->in_row = 0;
	if (h->cells > 0) {
		memset(&row, 0, sizeof(row));
		row.kind = XL_ROW;
		row.block = ++*h->blocks;
		row.first = 1;
		row.task = -1;
		row.line = h->text_line;
		row.header_row = h->th > 0 && h->td == 0;
		row.ncells = h->cells;
		x_line_add(h->d, &row, h->row.ptr ? h->row.ptr : "",
		    h->row.len);
	}
	pm_buf_clear(&h->row);
}

/* Does the tag name at s[0..n) equal word? */
static int
is(const char *s, size_t n, const char *word)
{
	size_t i;

	for (i = 0; i < n && word[i]; i++)
		if (x_lower((unsigned char)s[i]) != word[i])
			return 0;
	return i == n && word[i] == '\0';
}

static int
is_any(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++)
		if (is(s, n, *words))
			return 1;
	return 0;
}

/* Does the tag's text hold word (its attributes: "checked")? */
static int
has_word(const char *s, size_t len, const char *word)
{
	size_t n = strlen(word);

	for (size_t i = 0; i + n <= len; i++)
		if (x_lower((unsigned char)s[i]) == word[0] &&
		    x_phrase_at(s, len, i, word))
			return 1;
	return 0;
}

/* Where text (two or three bytes) first occurs in s[from..len), or len. */
static size_t
find(const char *s, size_t len, size_t from, const char *text)
{
	size_t n = strlen(text);

	for (size_t i = from; i + n <= len; i++)
		if (memcmp(s + i, text, n) == 0)
			return i;
	return len;
}

/* Does s[0..len) open with the tag name name[0..n), in any case? */
static int
same_name(const char *s, size_t len, const char *name, size_t n)
{
	if (len < n || (len > n && x_alnum((unsigned char)s[n])))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (x_lower((unsigned char)s[i]) !=
		    x_lower((unsigned char)name[i]))
			return 0;
	return 1;
}

/* One tag: name s[0..n), closing or not, with its whole text in tag. */
static void
on_tag(struct html *h, const char *s, size_t n, int closing,
    const char *tag, size_t tag_len)
{
	static const char *const breaks[] = {
		"p", "div", "section", "article", "blockquote", "details",
		"table", "thead", "tbody", "tfoot", "pre", "hr", "figure",
		"figcaption", "header", "footer", "center", NULL
	};
	static const char *const emphasis[] = {
		"b", "strong", "i", "em", NULL
	};

	if (is(s, n, "br")) {
		if (h->in_row)
			put_blank(h);
		else
			flush(h);
	} else if (is(s, n, "tr")) {
		end_row(h);
		if (!closing) {
			flush(h);
			h->in_row = 1;
			h->cells = h->th = h->td = 0;
			h->text_line = h->line;
		}
	} else if (is(s, n, "td") || is(s, n, "th")) {
		if (!h->in_row && !closing) {
			flush(h);
			h->in_row = 1;
			h->cells = h->th = h->td = 0;
			h->text_line = h->line;
		}
		end_cell(h);
		if (!closing && h->in_row) {
			h->in_cell = 1;
			*(x_lower((unsigned char)s[1]) == 'h' ? &h->th :
			    &h->td) += 1;
		}
	} else if (h->in_row) {
		if (is(s, n, "table"))
			end_row(h);
		else if (is(s, n, "code"))
			pm_buf_putc(&h->text, '`');
	} else if (is(s, n, "li")) {
		flush(h);
		h->item = closing ? 0 : ++*h->blocks;
		h->item_done = 0;
		h->proto.kind = closing ? XL_PARA : XL_ITEM;
		h->proto.level = h->lists > 0 ? h->lists : 1;
		h->proto.task = -1;
	} else if (is(s, n, "ul") || is(s, n, "ol")) {
		flush(h);
		h->lists += closing ? (h->lists > 0 ? -1 : 0) : 1;
	} else if (n == 2 && x_lower((unsigned char)s[0]) == 'h' &&
	    s[1] >= '1' && s[1] <= '6') {
		flush(h);
		h->proto.kind = closing ? (h->item ? XL_ITEM : XL_PARA) :
		    XL_HEADING;
		h->proto.level = closing ? h->lists : s[1] - '0';
	} else if (is(s, n, "summary") || is(s, n, "dt")) {
		/* a toggle's title is its label; "<dt>Start</dt><dd>...":
		 * "Start: ..." */
		if (!closing) {
			flush(h);
		} else if (is(s, n, "summary")) {
			trim(&h->text);
			h->strong = h->text.len;
			flush(h);
		} else {
			trim(&h->text);
			if (h->text.len > 0)
				pm_buf_puts(&h->text, ": ");
		}
	} else if (is(s, n, "dd")) {
		if (closing)
			flush(h);
	} else if (is_any(s, n, breaks)) {
		flush(h);
	} else if (is_any(s, n, emphasis)) {
		if (!closing && h->text.len == 0)
			h->lead_emph = 1;
		else if (closing && h->lead_emph && h->strong == 0)
			h->strong = h->text.len;
	} else if (is(s, n, "code")) {
		put_text(h, "`", 1);
	} else if (is(s, n, "input") && h->item && h->text.len == 0 &&
	    has_word(tag, tag_len, "checkbox")) {
		h->proto.task = has_word(tag, tag_len, "checked");
	}
}

/* The end of a tag, comment or skipped element that starts at s[i]
 * ('<'), its tag handled; or i when s[i] is not one (a '<' in text). */
static size_t
tag_at(struct html *h, const char *s, size_t len, size_t i)
{
	size_t j = i + 1, name, e;
	int closing = 0;
	const char *end;

	if (len - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
		e = find(s, len, i + 4, "-->");
		return e < len ? e + 3 : len;
	}
	if (j < len && s[j] == '/')
		closing = 1, j++;
	for (name = j; j < len && x_alnum((unsigned char)s[j]); j++)
		;
	if (j == name || (j < len && s[j] != '>' && s[j] != ' ' &&
	    s[j] != '/' && s[j] != '\n' && s[j] != '\t'))
		return i;
	end = memchr(s + j, '>', len - j);
	if (end == NULL)
		return i;
	e = (size_t)(end - s) + 1;
	/* a script or a style is no text */
	if (!closing && (is(s + name, j - name, "script") ||
	    is(s + name, j - name, "style"))) {
		size_t k = find(s, len, e, "</");

		while (k < len && !same_name(s + k + 2, len - k - 2, s + name,
		    j - name))
			k = find(s, len, k + 2, "</");
		end = k < len ? memchr(s + k, '>', len - k) : NULL;
		e = end ? (size_t)(end - s) + 1 : len;
	} else {
		on_tag(h, s + name, j - name, closing, s + i, e - i);
	}
	for (size_t k = i; k < e; k++)
		h->line += s[k] == '\n';
	return e;
}

void
x_html_lines(struct xdoc *d, const char *s, size_t len, int line,
    int *blocks)
{
	struct html h;
	size_t i = 0, n;

	memset(&h, 0, sizeof(h));
	h.d = d;
	h.blocks = blocks;
	h.line = h.text_line = line;
	h.proto.kind = XL_PARA;
	h.proto.task = -1;
	while (i < len) {
		unsigned char c = (unsigned char)s[i];

		if (c == '<' && (n = tag_at(&h, s, len, i)) > i) {
			i = n;
		} else if (c == '&' && (n = entity(&h, s + i, len - i)) > 0) {
			i += n;
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			put_blank(&h);
			h.line += c == '\n';
			i++;
		} else {
			n = c >= 0xe0 && i + 2 < len ? 3 : 1;
			put_text(&h, s + i, n);
			i += n;
		}
	}
	end_row(&h);
	flush(&h);
	pm_buf_free(&h.text);
	pm_buf_free(&h.row);
}

/* Is s[0..len) one or more tags and nothing else but blanks? */
static int
tags_only(const char *s, size_t len)
{
	size_t i = 0;
	int tags = 0;

	while (i < len) {
		if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
			i++;
			continue;
		}
		if (s[i] != '<' || i + 1 >= len || !(s[i + 1] == '/' ||
		    ((s[i + 1] | 0x20) >= 'a' && (s[i + 1] | 0x20) <= 'z')))
			return 0;
		while (i < len && s[i] != '>')
			i++;
		if (i == len)
			return 0;
		i++;
		tags++;
	}
	return tags > 0;
}

size_t
x_html_markdown_at(const char *s)
{
	const char *p = s, *nl;
	size_t at = 0, len;
	int text = 0;

	for (; *p != '\0'; p = nl + (*nl != '\0')) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		len = (size_t)(nl - p);
		if (at == 0 && tags_only(p, len))
			continue;
		if (at == 0)
			at = (size_t)(p - s);
		p += strspn(p, " \t");
		if (*p == '<')
			return 0;
		text |= p < nl;
	}
	return at > 0 && text ? at : 0;
}
