/*
 * extract_struck.c: values a writer took back without deleting them.
 * Postmortems are corrected after review, and the correction often keeps
 * the old value beside the new: "~~20:10~~ 19:52", "<del>15:30</del>
 * <ins>16:10</ins>", or CriticMarkup's tracked changes, "{~~11:40~>11:10~~}"
 * and "{--38%--}{++9.3%++}".  The reader wants the new value alone.
 */
#include "extract_int.h"

#include <string.h>
#include <strings.h>

void
x_struck_edge(struct x_struck *s, size_t at, int open)
{
	if (open && s->n < X_STRUCK_MAX) {
		s->spans[s->n].start = at;
		s->spans[s->n++].end = 0;
	} else if (!open && s->n > 0 && s->spans[s->n - 1].end == 0) {
		s->spans[s->n - 1].end = at;
	}
}

int
x_struck_tag(const char *t)
{
	static const char *const names[] = { "del", "s", "strike" };
	int close = t[0] == '<' && t[1] == '/';
	const char *p = t + 1 + close;

	if (t[0] != '<')
		return 0;
	for (size_t i = 0; i < XCOUNT(names); i++) {
		size_t n = strlen(names[i]);

		if (strncasecmp(p, names[i], n) == 0 &&
		    (p[n] == '>' || (!close && p[n] == ' ')))
			return close ? -1 : 1;
	}
	return 0;
}

/* An offset into the line once bytes [a, b) are cut out. */
static size_t
after_cut(size_t at, size_t a, size_t b)
{
	return at >= b ? at - (b - a) : at > a ? a : at;
}

void
x_struck_cut(struct pm_buf *buf, struct x_struck *s, size_t a, size_t b)
{
	memmove(buf->ptr + a, buf->ptr + b, buf->len - b + 1);
	buf->len -= b - a;
	for (size_t k = 0; k < XCOUNT(s->moved); k++)
		if (s->moved[k])
			*s->moved[k] = after_cut(*s->moved[k], a, b);
	for (size_t k = 0; k < s->n; k++) {
		s->spans[k].start = after_cut(s->spans[k].start, a, b);
		if (s->spans[k].end)
			s->spans[k].end = after_cut(s->spans[k].end, a, b);
	}
}

/* cmark's smart punctuation has made "--" an en dash, so "{--" comes in
 * two spellings.  A mark not closed on its line is text. */
void
x_criticmarkup(struct pm_buf *b, struct x_struck *s)
{
	static const struct {
		const char *open, *close;
		int keep;
	} marks[] = {
		{ "{--", "--}", 0 }, { "{\xe2\x80\x93", "\xe2\x80\x93}", 0 },
		{ "{++", "++}", 1 }, { "{==", "==}", 1 }, { "{>>", "<<}", 0 },
	};
	size_t i = 0;

	if (b->len == 0 || memchr(b->ptr, '{', b->len) == NULL)
		return;
	while (i + 3 <= b->len) {
		size_t m, j = 0, no = 0, nc = 0;

		for (m = 0; b->ptr[i] == '{' && m < XCOUNT(marks); m++) {
			no = strlen(marks[m].open);
			nc = strlen(marks[m].close);
			if (i + no > b->len ||
			    memcmp(b->ptr + i, marks[m].open, no) != 0)
				continue;
			for (j = i + no; j + nc <= b->len &&
			    memcmp(b->ptr + j, marks[m].close, nc) != 0; j++)
				;
			break;
		}
		if (b->ptr[i] != '{' || m == XCOUNT(marks) ||
		    j + nc > b->len) {
			i++;
			continue;
		}
		/* what moves into i is read again */
		if (marks[m].keep) {
			x_struck_cut(b, s, j, j + nc);
			x_struck_cut(b, s, i, i + no);
		} else {
			x_struck_cut(b, s, i, j + nc);
		}
	}
}

void
x_struck_drop_values(struct pm_buf *buf, struct x_struck *s)
{
	for (size_t k = s->n; k-- > 0;) {
		size_t a = s->spans[k].start, b = s->spans[k].end, to = a;

		if (b <= a || b > buf->len)
			continue;
		/* "{~~old~>new~~}", which cmark read as a strikethrough
		 * between braces: the new value stays */
		while (to + 1 < b && !(buf->ptr[to] == '~' &&
		    buf->ptr[to + 1] == '>'))
			to++;
		if (to + 1 < b && b < buf->len && a > 0 &&
		    buf->ptr[a - 1] == '{' && buf->ptr[b] == '}') {
			x_struck_cut(buf, s, b, b + 1);
			x_struck_cut(buf, s, a - 1, to + 2);
			continue;
		}
		/* words struck stay: "~~Rotate the keys~~ (done)" is an
		 * item's text */
		if (strcspn(buf->ptr + a, "0123456789") >= b - a)
			continue;
		if (b < buf->len && buf->ptr[b] == ' ' &&
		    (a == 0 || buf->ptr[a - 1] == ' '))
			b++;
		x_struck_cut(buf, s, a, b);
	}
	s->n = 0;
}
