/* buf.c: the growable byte buffer and its context escapers. */
#include "buf.h"
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
pm_buf_init(struct pm_buf *b)
{
	b->ptr = NULL;
	b->len = 0;
	b->cap = 0;
}

void
pm_buf_free(struct pm_buf *b)
{
	free(b->ptr);
	pm_buf_init(b);
}

void
pm_buf_clear(struct pm_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void
pm_buf_grow(struct pm_buf *b, size_t extra)
{
	size_t need, cap;

	if (extra > SIZE_MAX - b->len - 1)
		pm_xmul(SIZE_MAX, 2);	/* aborts: no buffer is that large */
	need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	b->ptr = pm_xrealloc(b->ptr, cap);
	b->cap = cap;
	/* The contract: ptr is a string as soon as it exists. */
	b->ptr[b->len] = '\0';
}

void
pm_buf_truncate(struct pm_buf *b, size_t len)
{
	if (len < b->len) {
		b->len = len;
		b->ptr[len] = '\0';
	}
}

char *
pm_buf_detach(struct pm_buf *b, size_t *len_out)
{
	char *p;

	if (b->ptr == NULL)
		pm_buf_grow(b, 0);
	b->ptr[b->len] = '\0';
	p = b->ptr;
	if (len_out)
		*len_out = b->len;
	pm_buf_init(b);
	return p;
}

const char *
pm_buf_cstr(const struct pm_buf *b)
{
	return b->ptr ? b->ptr : "";
}

void
pm_buf_put(struct pm_buf *b, const void *data, size_t len)
{
	if (len == 0)
		return;
	pm_buf_grow(b, len);
	memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void
pm_buf_puts(struct pm_buf *b, const char *s)
{
	pm_buf_put(b, s, strlen(s));
}

void
pm_buf_putc(struct pm_buf *b, int c)
{
	pm_buf_grow(b, 1);
	b->ptr[b->len++] = (char)c;
	b->ptr[b->len] = '\0';
}

void
pm_buf_vprintf(struct pm_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	int n;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n <= 0)
		return;
	pm_buf_grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
pm_buf_printf(struct pm_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pm_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/*
 * The escapers copy runs of safe bytes with one memcpy and each entity
 * with another, into room reserved up front for the common case: most
 * text has no special character at all, and rendering pages is dominated
 * by these loops.  An entry of "" drops the byte.
 */
struct entity {
	const char *text;
	unsigned char len;
	unsigned char special;	/* 1 for every entry that is set */
};

static void
put_escaped(struct pm_buf *b, const char *s, size_t len,
    const struct entity table[256])
{
	size_t i, start = 0;

	pm_buf_grow(b, len);
	for (i = 0; i < len; i++) {
		const unsigned char *u = (const unsigned char *)s;
		const struct entity *e;

		/* Skip safe bytes four at a time: the usual case. */
		while (i + 4 <= len && !(table[u[i]].special |
		    table[u[i + 1]].special | table[u[i + 2]].special |
		    table[u[i + 3]].special))
			i += 4;
		if (i >= len)
			break;
		e = &table[u[i]];
		if (!e->special)
			continue;
		pm_buf_grow(b, i - start + e->len);
		memcpy(b->ptr + b->len, s + start, i - start);
		b->len += i - start;
		memcpy(b->ptr + b->len, e->text, e->len);
		b->len += e->len;
		start = i + 1;
	}
	pm_buf_put(b, s + start, len - start);
	if (b->ptr)
		b->ptr[b->len] = '\0';
}

#define E(s) { s, sizeof(s) - 1, 1 }
#define CTRL_DROP \
	[0] = E(""), [1] = E(""), [2] = E(""), [3] = E(""), [4] = E(""), \
	[5] = E(""), [6] = E(""), [7] = E(""), [8] = E(""), [11] = E(""), \
	[12] = E(""), [14] = E(""), [15] = E(""), [16] = E(""), \
	[17] = E(""), [18] = E(""), [19] = E(""), [20] = E(""), \
	[21] = E(""), [22] = E(""), [23] = E(""), [24] = E(""), \
	[25] = E(""), [26] = E(""), [27] = E(""), [28] = E(""), \
	[29] = E(""), [30] = E(""), [31] = E("")

static const struct entity html_table[256] = {
	[0] = E(""), ['&'] = E("&amp;"), ['<'] = E("&lt;"), ['>'] = E("&gt;"),
	['"'] = E("&quot;"), ['\''] = E("&#39;"),
};

static const struct entity attr_table[256] = {
	CTRL_DROP, ['&'] = E("&amp;"), ['<'] = E("&lt;"), ['>'] = E("&gt;"),
	['"'] = E("&quot;"), ['\''] = E("&#39;"), ['`'] = E("&#96;"),
	['='] = E("&#61;"),
};

static const struct entity xml_table[256] = {
	CTRL_DROP, ['&'] = E("&amp;"), ['<'] = E("&lt;"), ['>'] = E("&gt;"),
	['"'] = E("&quot;"), ['\''] = E("&apos;"),
};

#undef E

void
pm_buf_put_html(struct pm_buf *b, const char *s, size_t len)
{
	put_escaped(b, s, len, html_table);
}

void
pm_buf_put_attr(struct pm_buf *b, const char *s, size_t len)
{
	put_escaped(b, s, len, attr_table);
}

void
pm_buf_put_xml(struct pm_buf *b, const char *s, size_t len)
{
	put_escaped(b, s, len, xml_table);
}

/* Length of the valid UTF-8 sequence at s, or 0 when it is not valid. */
static size_t
utf8_valid_len(const unsigned char *s, size_t len)
{
	unsigned c = s[0];
	size_t n, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void
pm_buf_put_json(struct pm_buf *b, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start = 0;

	pm_buf_grow(b, len + 2);
	pm_buf_putc(b, '"');
	while (i < len) {
		unsigned char c = u[i];
		const char *rep = NULL;
		char tmp[8];
		size_t n = 1;

		if (c >= 0x80) {
			n = utf8_valid_len(u + i, len - i);
			if (n == 0) {
				rep = "\\ufffd";
				n = 1;
			}
		} else if (c == '"') {
			rep = "\\\"";
		} else if (c == '\\') {
			rep = "\\\\";
		} else if (c == '\n') {
			rep = "\\n";
		} else if (c == '\r') {
			rep = "\\r";
		} else if (c == '\t') {
			rep = "\\t";
		} else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
			snprintf(tmp, sizeof(tmp), "\\u%04x", c);
			rep = tmp;
		}
		if (rep) {
			pm_buf_put(b, s + start, i - start);
			pm_buf_puts(b, rep);
			start = i + n;
		}
		i += n;
	}
	pm_buf_put(b, s + start, len - start);
	pm_buf_putc(b, '"');
}

void
pm_buf_put_url(struct pm_buf *b, const char *s, size_t len)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		    c == '.' || c == '~' || c == '/') {
			pm_buf_putc(b, c);
		} else {
			pm_buf_putc(b, '%');
			pm_buf_putc(b, hex[c >> 4]);
			pm_buf_putc(b, hex[c & 15]);
		}
	}
}
