/*
 * extract_markup.c: tables and headings typed in markup other than
 * CommonMark, which cmark-gfm hands over as plain paragraphs: Pandoc's
 * grid tables and the headings of Jira's wiki markup.  Both run over the
 * lines x_lines_build() has cut, and rewrite them in place.
 */
#include "extract_int.h"

#include <string.h>

/* A grid table's border: "+----+-----+", or "+====+=====+" under its
 * header (*header set).  Smart punctuation made its dashes en and em
 * dashes. */
static int
grid_border(const struct xline *l, int *header)
{
	size_t i;

	if (l->kind != XL_PARA || l->len < 3 || l->s[0] != '+' ||
	    l->s[l->len - 1] != '+')
		return 0;
	*header = 0;
	for (i = 1; i < l->len; i++) {
		if (l->s[i] == '=')
			*header = 1;
		else if (i + 2 < l->len && memcmp(l->s + i, "\xe2\x80", 2) ==
		    0 && (l->s[i + 2] == '\x93' || l->s[i + 2] == '\x94'))
			i += 2;
		else if (l->s[i] != '-' && l->s[i] != '+' && l->s[i] != ':')
			return 0;
	}
	return 1;
}

/* A grid table's text line: "| 10:58 | Stream goes live |". */
static int
grid_text(const struct xline *l)
{
	return l->kind == XL_PARA && l->len >= 2 && l->s[0] == '|' &&
	    l->s[l->len - 1] == '|';
}

/*
 * One row of a grid table from its text lines v[0..n): the cells, each
 * joined across the lines it wraps over ("| 11:06 | First message |" and
 * "|       | from Toronto. |"), become one table row as the table
 * extension gives it.  Cells are cut at the bars, not at the border's
 * columns, since the inlines were parsed and escapes no longer line up.
 */
static void
grid_row(struct xdoc *d, struct pm_buf *b, const struct xline *v, size_t n,
    struct xline *out, int header, int block)
{
	int ncells = 0;

	pm_buf_clear(b);
	for (;; ncells++) {
		int any = 0;

		for (size_t k = 0; k < n; k++) {
			const char *p = v[k].s + 1, *end = v[k].s + v[k].len;
			const char *q;

			for (int c = 0; c < ncells && p < end; c++)
				p = (q = memchr(p, '|', (size_t)(end - p))) ?
				    q + 1 : end;
			if (p >= end - 1)
				continue;
			q = memchr(p, '|', (size_t)(end - p));
			while (p < q && *p == ' ')
				p++;
			while (q > p && q[-1] == ' ')
				q--;
			if (!any && ncells > 0)
				pm_buf_putc(b, '\t');
			if (any && q > p)
				pm_buf_putc(b, ' ');
			pm_buf_put(b, p, (size_t)(q - p));
			any = 1;
		}
		if (!any)
			break;
	}
	memset(out, 0, sizeof(*out));
	out->task = -1;
	out->s = pm_arena_strndup(d->arena, pm_buf_cstr(b), b->len);
	out->len = b->len;
	out->t = x_time_text(d, out->s, out->len);
	out->line = v[0].line;
	out->kind = XL_ROW;
	out->block = block;
	out->first = 1;
	out->header_row = header;
	out->ncells = ncells;
}

/*
 * Pandoc writes a table whose cells wrap as a grid table, which no
 * Markdown parser reads: it comes through as a paragraph of "+---+"
 * borders and "| ... |" lines.  Each such paragraph becomes the table
 * rows it draws, the rows above a "+===+" border its header.  *blocks
 * numbers the new rows' blocks.
 */
void
x_grid_tables(struct xdoc *d, int *blocks)
{
	struct pm_buf b = PM_BUF_INIT;
	size_t r = 0, w = 0, e, k, from;
	int header;

	while (r < d->n) {
		if (!grid_border(&d->v[r], &header)) {
			d->v[w++] = d->v[r++];
			continue;
		}
		for (e = r + 1; e < d->n && d->v[e].block == d->v[r].block &&
		    (grid_text(&d->v[e]) || grid_border(&d->v[e], &header));
		    e++)
			;
		if (e < d->n && d->v[e].block == d->v[r].block) {
			d->v[w++] = d->v[r++];	/* not all grid: prose */
			continue;
		}
		/* the rows, written over the lines they came from */
		for (k = from = r + 1; k < e; k++) {
			if (!grid_border(&d->v[k], &header))
				continue;
			if (k > from)
				grid_row(d, &b, &d->v[from], k - from,
				    &d->v[w++], header, ++*blocks);
			from = k + 1;
		}
		r = e;
	}
	d->n = w;
	pm_buf_free(&b);
}

/* "h2. Timeline": a heading of Jira's wiki markup; the level, or 0. */
static int
jira_heading(const struct xline *l)
{
	if (l->kind != XL_PARA || !l->first || l->len < 5 || l->s[0] != 'h' ||
	    l->s[1] < '1' || l->s[1] > '6' || l->s[2] != '.' || l->s[3] != ' ')
		return 0;
	return l->s[1] - '0';
}

/*
 * A Jira ticket exported to Markdown keeps its wiki markup: "h2. Timeline"
 * is a heading, and "# Run EXPLAIN in CI", a heading to Markdown, is an
 * item of a numbered list.  Read so after a document's first "h2. "
 * line, so that a Markdown title above it stays the title.
 */
void
x_jira_markup(struct xdoc *d)
{
	int seen = 0, level;

	for (size_t i = 0; i < d->n; i++) {
		struct xline *l = &d->v[i];

		if ((level = jira_heading(l)) != 0) {
			seen = 1;
			l->kind = XL_HEADING;
			l->level = level;
			l->s += 4;
			l->t += 4;
			l->len -= 4;
			l->strong = 0;
			l->all_strong = 0;
		} else if (seen && l->kind == XL_HEADING && l->level == 1) {
			l->kind = XL_ITEM;
			l->task = -1;
		}
	}
}
