/* buf.c: the growable byte buffer, its context escapers, and UTF-8. */
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

/* The slow path of pm_buf_put() (buf.h): the buffer must grow first. */
void
pm_buf__put_grow(struct pm_buf *b, const void *data, size_t len)
{
	if (len == 0)
		return;
	pm_buf_grow(b, len);
	memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

size_t
pm_fmt_int(char *out, long v, int width)
{
	char digits[PM_FMT_INT_MAX];
	unsigned long u = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	size_t nd = 0, n = 0;

	do {
		digits[nd++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0) {
		out[n++] = '-';
		width--;
	}
	for (; width > (int)nd && width > 0; width--)
		out[n++] = '0';
	while (nd)
		out[n++] = digits[--nd];
	out[n] = '\0';
	return n;
}

void
pm_buf_put_int(struct pm_buf *b, long v, int width)
{
	char tmp[PM_FMT_INT_MAX];

	pm_buf_put(b, tmp, pm_fmt_int(tmp, v, width));
}

void
pm_buf_vprintf(struct pm_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	size_t room = b->cap - b->len;
	int n;

	/*
	 * One pass when the text fits in the room left, which is nearly
	 * always once the buffer exists: formatting twice (measure, then
	 * write) cost a seventh of a rebuild's CPU time, all in vfprintf.
	 * An empty buffer measures first, so that an empty text allocates
	 * nothing.
	 */
	va_copy(copy, ap);
	if (room > 1)
		n = vsnprintf(b->ptr + b->len, room, fmt, copy);
	else
		n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n <= 0) {
		if (b->ptr)
			b->ptr[b->len] = '\0';
		return;
	}
	if ((size_t)n >= room) {
		pm_buf_grow(b, (size_t)n);
		vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	}
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
 * by these loops.  An entry of "" drops the byte.  A table that marks the
 * bytes from 0x80 up as CHECK_UTF8 has each sequence they start decoded:
 * a valid one is kept, U+FFFE and U+FFFF are dropped, and a byte that
 * starts nothing valid becomes U+FFFD.
 */
enum { ENTITY = 1, CHECK_UTF8 = 2 };

struct entity {
	const char *text;
	unsigned char len;
	unsigned char special;	/* 0 for a byte copied as it is */
};

static void
put_escaped(struct pm_buf *b, const char *s, size_t len,
    const struct entity table[256])
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n, start = 0;

	pm_buf_grow(b, len);
	for (i = 0; i < len; i += n) {
		const struct entity *e;
		const char *text;
		size_t text_len;
		uint32_t cp = 0;

		/* Skip safe bytes four at a time: the usual case. */
		while (i + 4 <= len && !(table[u[i]].special |
		    table[u[i + 1]].special | table[u[i + 2]].special |
		    table[u[i + 3]].special))
			i += 4;
		n = 1;
		if (i >= len)
			break;
		e = &table[u[i]];
		if (!e->special)
			continue;
		text = e->text;
		text_len = e->len;
		if (e->special == CHECK_UTF8) {
			n = pm_utf8_decode(&cp, s + i, len - i);
			if (n != 0 && cp != 0xfffe && cp != 0xffff)
				continue;
			text = n == 0 ? "\xef\xbf\xbd" : "";
			text_len = n == 0 ? 3 : 0;
			n = n == 0 ? 1 : n;
		}
		pm_buf_grow(b, i - start + text_len);
		memcpy(b->ptr + b->len, s + start, i - start);
		b->len += i - start;
		memcpy(b->ptr + b->len, text, text_len);
		b->len += text_len;
		start = i + n;
	}
	pm_buf_put(b, s + start, len - start);
	if (b->ptr)
		b->ptr[b->len] = '\0';
}

#define E(s) { s, sizeof(s) - 1, ENTITY }
#define CTRL_DROP \
	[0] = E(""), [1] = E(""), [2] = E(""), [3] = E(""), [4] = E(""), \
	[5] = E(""), [6] = E(""), [7] = E(""), [8] = E(""), [11] = E(""), \
	[12] = E(""), [14] = E(""), [15] = E(""), [16] = E(""), \
	[17] = E(""), [18] = E(""), [19] = E(""), [20] = E(""), \
	[21] = E(""), [22] = E(""), [23] = E(""), [24] = E(""), \
	[25] = E(""), [26] = E(""), [27] = E(""), [28] = E(""), \
	[29] = E(""), [30] = E(""), [31] = E("")
/* 0x80 to 0xff: each initializer after [0x80] takes the next index. */
#define U8 { NULL, 0, CHECK_UTF8 }
#define U8_8 U8, U8, U8, U8, U8, U8, U8, U8
#define U8_HIGH [0x80] = U8_8, U8_8, U8_8, U8_8, U8_8, U8_8, U8_8, U8_8, \
	U8_8, U8_8, U8_8, U8_8, U8_8, U8_8, U8_8, U8_8

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
	['"'] = E("&quot;"), ['\''] = E("&apos;"), U8_HIGH
};

#undef E
#undef U8
#undef U8_8
#undef U8_HIGH

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

size_t
pm_utf8_decode(uint32_t *cp_out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char lo = 0x80, hi = 0xbf;
	uint32_t cp;
	size_t n, i;

	if (len == 0 || (u[0] >= 0x80 && u[0] < 0xc2) || u[0] > 0xf4)
		return 0;
	if (u[0] < 0x80) {
		if (cp_out)
			*cp_out = u[0];
		return 1;
	}
	n = u[0] < 0xe0 ? 2 : u[0] < 0xf0 ? 3 : 4;
	/* Bounding the second byte rules out the overlong forms of three and
	 * four bytes (C0 and C1 already went), the surrogates, and the code
	 * points past U+10FFFF. */
	if (u[0] == 0xe0)
		lo = 0xa0;
	else if (u[0] == 0xed)
		hi = 0x9f;
	else if (u[0] == 0xf0)
		lo = 0x90;
	else if (u[0] == 0xf4)
		hi = 0x8f;
	if (n > len || u[1] < lo || u[1] > hi)
		return 0;
	cp = u[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (u[i] & 0x3f);
	}
	if (cp_out)
		*cp_out = cp;
	return n;
}

/* 1 for the bytes a JSON string holds as they are: ASCII but the
 * controls, the quote, the backslash, and < > & (so that the text is
 * safe inside <script>).  A table, as the export runs to 60 MB. */
static const unsigned char json_plain[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	1, 1, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

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

		/* Most of the text is plain ASCII, passed over in one go. */
		if (json_plain[c]) {
			while (++i < len && json_plain[u[i]])
				;
			continue;
		}
		if (c >= 0x80) {
			n = pm_utf8_decode(NULL, s + i, len - i);
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
		} else {
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
