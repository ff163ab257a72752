/*
 * buf.h: the one growable byte buffer, the escapers for each output
 * context (HTML text and attributes, XML, JSON, URLs), and the one UTF-8
 * decoder they and every other module use.
 *
 * Contract
 *  - A struct pm_buf owns its bytes (heap); pm_buf_free() releases them and
 *    leaves an empty, reusable buffer.  PM_BUF_INIT or pm_buf_init() makes
 *    an empty one; no allocation happens until the first write.
 *  - Writers return void: growth goes through pm_xrealloc(), which aborts on
 *    exhaustion, so a write cannot fail and callers carry no error path for
 *    it.  The buffer grows in place: b->ptr may move, b itself never does.
 *  - b->ptr is NUL-terminated after every write (when non-NULL), so it can be
 *    handed to C string functions; b->len excludes the NUL.
 *  - The escapers take a length, so they escape embedded NUL bytes too
 *    (dropped in XML and HTML, \u0000 in JSON) instead of stopping at them.
 *  - pm_utf8_decode() allocates nothing and keeps no state.
 */
#ifndef PM_BUF_H
#define PM_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct pm_buf {
	char *ptr;
	size_t len;
	size_t cap;
};

#define PM_BUF_INIT { NULL, 0, 0 }

void pm_buf_init(struct pm_buf *b);
void pm_buf_free(struct pm_buf *b);

/* Forget the contents, keep the memory. */
void pm_buf_clear(struct pm_buf *b);

/* Make room for extra more bytes (plus the NUL). */
void pm_buf_grow(struct pm_buf *b, size_t extra);

/* Cut to len bytes (len <= b->len). */
void pm_buf_truncate(struct pm_buf *b, size_t len);

/* Take the bytes: the caller owns the returned string (free() it), the
 * buffer is left empty.  Never NULL. */
char *pm_buf_detach(struct pm_buf *b, size_t *len_out);

/* Always a NUL-terminated string, "" for an empty buffer. */
const char *pm_buf_cstr(const struct pm_buf *b);

/*
 * The writes of a few bytes are inline when they fit in the room left,
 * which is nearly always: the pages, the search index and the extractor's
 * lines are written a byte or a word at a time, and the call and the
 * growth check were a twentieth of a build.
 */
void pm_buf__put_grow(struct pm_buf *b, const void *data, size_t len);

static inline void
pm_buf_put(struct pm_buf *b, const void *data, size_t len)
{
	if (len != 0 && len < b->cap - b->len) {
		memcpy(b->ptr + b->len, data, len);
		b->len += len;
		b->ptr[b->len] = '\0';
	} else {
		pm_buf__put_grow(b, data, len);
	}
}

static inline void
pm_buf_puts(struct pm_buf *b, const char *s)
{
	pm_buf_put(b, s, strlen(s));
}

static inline void
pm_buf_putc(struct pm_buf *b, int c)
{
	char ch = (char)c;

	pm_buf_put(b, &ch, 1);
}
void pm_buf_printf(struct pm_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void pm_buf_vprintf(struct pm_buf *b, const char *fmt, va_list ap);

/* v in decimal, zero-padded to width digits and sign as printf's "%0*ld"
 * writes it, into out (room for PM_FMT_INT_MAX bytes with width up to 8),
 * NUL-terminated; returns its length.  Dates and clocks are written a
 * few hundred thousand times a build: snprintf cost ten times as much. */
#define PM_FMT_INT_MAX 24
size_t pm_fmt_int(char *out, long v, int width);

/* pm_fmt_int() appended to b. */
void pm_buf_put_int(struct pm_buf *b, long v, int width);

/* HTML text: & < > " ' become entities.  Safe in text and in quoted
 * attribute values alike (Mustache's {{name}} uses this). */
void pm_buf_put_html(struct pm_buf *b, const char *s, size_t len);

/* A quoted HTML attribute value: as pm_buf_put_html, plus ` and =, and
 * control characters other than tab, newline and carriage return
 * dropped. */
void pm_buf_put_attr(struct pm_buf *b, const char *s, size_t len);

/*
 * XML 1.0 text or attribute (Atom, sitemap, SVG), well-formed whatever the
 * input: & < > " ' escaped; the characters XML 1.0 forbids dropped (the C0
 * controls but tab, newline and carriage return, and U+FFFE and U+FFFF);
 * and every byte that does not start valid UTF-8 (see pm_utf8_decode)
 * replaced by U+FFFD, one per byte, so a Latin-1 name from a git author
 * cannot make a whole feed unreadable.
 */
void pm_buf_put_xml(struct pm_buf *b, const char *s, size_t len);

/* A JSON string literal including its quotes.  Besides the required escapes
 * it writes < > & as \u003c \u003e \u0026 so the JSON is also safe inside
 * an HTML <script> element.  Invalid UTF-8 becomes U+FFFD. */
void pm_buf_put_json(struct pm_buf *b, const char *s, size_t len);

/* Percent-encode for a URL path: unreserved characters and '/' are kept. */
void pm_buf_put_url(struct pm_buf *b, const char *s, size_t len);

/*
 * Decode the UTF-8 sequence at the start of s, reading no further than
 * s[len - 1].  Returns its length (1 to 4) and stores its code point in
 * *cp_out, which may be NULL when only the length matters.  Returns 0 and
 * leaves *cp_out alone when len is 0 or s does not start with a
 * well-formed sequence (RFC 3629): a continuation byte with no lead, a
 * sequence cut short by len or by a byte that does not continue it, an
 * overlong form (C0 80, E0 80 80...), a UTF-16 surrogate (U+D800 to
 * U+DFFF) or a value past U+10FFFF.  A NUL byte decodes as U+0000.
 * Callers that go on after a 0 skip one byte, which is how the escapers
 * count their U+FFFD replacements.
 */
size_t pm_utf8_decode(uint32_t *cp_out, const char *s, size_t len);

#endif
