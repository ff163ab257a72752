/*
 * extract_bignum.c: the big number of a slide.  A deck shows a figure as
 * a heading and says what it counts on the line under it:
 *
 *     # 2,340
 *     of the 9,100 riders who tried to top up were refused
 *
 * The two are one sentence.  Read apart, the heading is a section with
 * no name and the line a sentence with no subject, and the share they
 * state together is lost.  So the heading becomes the start of the line
 * under it, before sections are assigned: the figure opens no section.
 */
#include "extract_int.h"
#include "extract_share.h"

#include <string.h>

/* Words a figure may be written with besides numbers: "2 out of every
 * 5", "three quarters", "one in four". */
static const char *const figure_words[] = {
	"in", "out", "of", "every", "quarter", "quarters", "third",
	"thirds", "fifth", "fifths", "half", "about", "nearly", "over",
	"almost", "around", NULL
};

/* Is the heading s[0, len) a figure and nothing else?  Not a clock or a
 * date ("14:05", "3 May"), whose line under it is an entry, nor a year,
 * nor a step ("2.", "3)"). */
static int
is_figure(struct xdoc *d, const char *s, size_t len)
{
	struct pm_when w;
	size_t i = 0, e, k, words = 0;
	double v;
	int numbers = 0;

	if (len == 0 || len > 40 || memchr(s, ':', len) ||
	    s[len - 1] == '.' || s[len - 1] == ')' ||
	    pm_when_parse(&w, x_time_text(d, s, len), len) > 0)
		return 0;
	while (i < len) {
		/* "≈ 25.7%", "~1,200" */
		if (len - i >= 3 && memcmp(s + i, "\xe2\x89\x88", 3) == 0)
			i += 3;
		else if (s[i] == '~' || s[i] == ' ')
			i++;
		else if ((e = x_number_at(s, len, i, &v)) != 0) {
			if (v >= 1900 && v <= 2100 && e - i == 4)
				return 0;
			numbers++, words++;
			i = (k = x_percent_after(s, len, i, e)) ? k : e;
		} else if ((e = x_phrase_at_any(s, len, i, figure_words))) {
			words++;
			i = e;
		} else {
			return 0;
		}
	}
	return numbers > 0 && words <= 5;
}

void
x_big_numbers(struct xdoc *d)
{
	struct pm_buf b = PM_BUF_INIT;
	size_t w = 0;

	for (size_t i = 0; i < d->n; i++) {
		struct xline *h = &d->v[i], *l = i + 1 < d->n ? h + 1 : NULL;

		if (l && h->kind == XL_HEADING && l->kind == XL_PARA &&
		    l->first && l->len > 0 && l->s[0] >= 'a' &&
		    l->s[0] <= 'z' && is_figure(d, h->s, h->len)) {
			pm_buf_clear(&b);
			pm_buf_put(&b, h->s, h->len);
			pm_buf_putc(&b, ' ');
			pm_buf_put(&b, l->s, l->len);
			l->s = pm_arena_strndup(d->arena, b.ptr, b.len);
			l->len = b.len;
			l->t = x_time_text(d, l->s, l->len);
			l->line = h->line;
			l->strong = l->all_strong = 0;
			l->label_len = l->content = 0;
			continue;
		}
		d->v[w++] = *h;
	}
	d->n = w;
	pm_buf_free(&b);
}
