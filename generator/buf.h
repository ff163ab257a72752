/*
 * buf.h: the one growable byte buffer, and the escapers for each output
 * context (HTML text and attributes, XML, JSON, URLs).
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
 */
#ifndef PM_BUF_H
#define PM_BUF_H

#include <stdarg.h>
#include <stddef.h>

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

void pm_buf_put(struct pm_buf *b, const void *data, size_t len);
void pm_buf_puts(struct pm_buf *b, const char *s);
void pm_buf_putc(struct pm_buf *b, int c);
void pm_buf_printf(struct pm_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void pm_buf_vprintf(struct pm_buf *b, const char *fmt, va_list ap);

/* HTML text: & < > " ' become entities.  Safe in text and in quoted
 * attribute values alike (Mustache's {{name}} uses this). */
void pm_buf_put_html(struct pm_buf *b, const char *s, size_t len);

/* A quoted HTML attribute value: as pm_buf_put_html, plus ` and =, and
 * control characters other than tab, newline and carriage return
 * dropped. */
void pm_buf_put_attr(struct pm_buf *b, const char *s, size_t len);

/* XML 1.0 text or attribute (Atom, sitemap, SVG): & < > " ' escaped, and
 * the characters XML forbids (C0 controls but tab, newline and carriage
 * return) dropped so the document stays well-formed. */
void pm_buf_put_xml(struct pm_buf *b, const char *s, size_t len);

/* A JSON string literal including its quotes.  Besides the required escapes
 * it writes < > & as \u003c \u003e \u0026 so the JSON is also safe inside
 * an HTML <script> element.  Invalid UTF-8 becomes U+FFFD. */
void pm_buf_put_json(struct pm_buf *b, const char *s, size_t len);

/* Percent-encode for a URL path: unreserved characters and '/' are kept. */
void pm_buf_put_url(struct pm_buf *b, const char *s, size_t len);

#endif
