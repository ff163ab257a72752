/*
 * extract.c: the extractor's driver: the document flattened into lines,
 * the sections those lines belong to, the title and the summary; the
 * other fields are read by extract_facts.c, extract_timeline.c and
 * extract_items.c over the same lines.
 */
#include "extract_int.h"

#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

/* Reading speed used for reading_minutes: a common figure for technical
 * prose, rounded so a 400-word write-up reads in two minutes. */
#define WORDS_PER_MINUTE 200

#define MAX_DEPTH 32

/* Lines of one block being cut out of its inlines. */
struct cut {
	struct pm_buf b;
	int line, block, kind, level, task, first_done;
	size_t strong;
	int lead_depth;		/* nesting of the leading emphasis, or -1 */
	int struck_lead;	/* a strikethrough opened the line */
	size_t struck_end;
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

/* End the line being cut; blank lines are dropped. */
static void
cut_flush(struct xdoc *d, struct cut *c)
{
	static const char *const glyphs[] = {
		"\xe2\x80\xa2", "\xc2\xb7", "\xe2\x97\xa6", "\xe2\x96\xaa",
		"\xe2\x80\xa3", "\xe2\x81\x83"
	};
	size_t len = c->b.len;
	const char *s = c->b.ptr;
	struct xline *l;
	int bullet = 0;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	/* "• item" typed in a paragraph: a list item in all but syntax */
	for (size_t g = 0; g < XCOUNT(glyphs) && len > 0; g++) {
		size_t n = strlen(glyphs[g]);

		if (len > n && memcmp(s, glyphs[g], n) == 0 && s[n] == ' ') {
			s += n + 1;
			len -= n + 1;
			bullet = 1;
			c->strong = c->strong > n + 1 ? c->strong - n - 1 : 0;
			break;
		}
	}
	if (len > 0) {
		l = push_line(d);
		l->bullet = bullet;
		l->s = pm_arena_strndup(d->arena, s, len);
		l->len = len;
		l->t = x_time_text(d, l->s, len);
		l->line = c->line;
		l->kind = c->kind;
		l->level = c->level;
		l->block = c->block;
		l->first = !c->first_done;
		l->task = c->first_done ? -1 : c->task;
		l->strong = c->strong > len ? len : c->strong;
		/* "**Timeline**:" is all label too */
		l->all_strong = l->strong > 0 && (l->strong == len ||
		    (len - l->strong <= 2 && s[l->strong] == ':'));
		l->struck = c->struck_lead && c->struck_end + 1 >= len;
		c->first_done = 1;
	}
	pm_buf_clear(&c->b);
	c->line = 0;
	c->strong = 0;
	c->lead_depth = -1;
	c->struck_lead = 0;
	c->struck_end = 0;
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
	int depth = 0, breaks = 0;

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
			cut_flush(d, c);
			breaks++;
			c->line = cmark_node_get_start_line(block) + breaks;
			break;
		case CMARK_NODE_HTML_INLINE:
			if (is_br(cmark_node_get_literal(n))) {
				cut_flush(d, c);
				c->line = cmark_node_get_start_line(block) +
				    breaks;
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
			depth++;
		}
	}
	cmark_iter_free(it);
	cut_flush(d, c);
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

/* How much a code block looks like a pasted postmortem: the number of
 * different sections its lines name. */
static int
code_sections(const char *s)
{
	unsigned seen = 0;
	int score = 0, sec;

	while (*s) {
		size_t n = strcspn(s, "\n");

		if (n > 0 && n < 60 && (sec = x_section_of(s, n, 0)) !=
		    SEC_NONE && sec != SEC_OTHER && !(seen & (1u << sec))) {
			seen |= 1u << sec;
			score++;
		}
		s += n + (s[n] == '\n');
	}
	return score;
}

/* Does the line start with a time ("07:36:50", "2024-10-08T07:36:50Z",
 * "1340  text")? */
static int
starts_with_time(const char *s, size_t len)
{
	struct pm_when w;
	size_t n;

	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	if (len == 0 || *s < '0' || *s > '9')
		return 0;
	n = pm_when_parse(&w, s, len);
	return (n > 0 && w.hour >= 0) || x_hhmm_at(s, len, &w) > 0;
}

/* How many lines of a code block start with a time. */
static int
log_lines(const char *s)
{
	int n = 0;

	while (*s) {
		size_t len = strcspn(s, "\n");

		n += starts_with_time(s, len);
		s += len + (s[len] == '\n');
	}
	return n;
}

/*
 * A code block of log lines, the way people paste a timeline from a log
 * or a chat export: its lines become the lines of one paragraph, so the
 * timeline reads them as it reads typed ones.
 */
static void
cut_code(struct xdoc *d, struct cut *c, cmark_node *code, int block)
{
	const char *s = cmark_node_get_literal(code);
	int fence_len = 0, fence_offset = 0;
	char fence_char = 0;
	int line = cmark_node_get_start_line(code) +
	    (cmark_node_get_fenced(code, &fence_len, &fence_offset,
	    &fence_char) ? 1 : 0);

	c->kind = XL_PARA;
	c->level = 0;
	c->block = block;
	c->first_done = 0;
	c->task = -1;
	while (*s) {
		size_t len = strcspn(s, "\n"), lead = strspn(s, " \t");

		pm_buf_clear(&c->b);
		if (lead < len)
			pm_buf_put(&c->b, s + lead, len - lead);
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

void
x_lines_build(struct xdoc *d, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	struct cut c;
	int items[MAX_DEPTH], tasks[MAX_DEPTH], item_depth = 0, list_depth = 0;
	int blocks = 0, top;

	memset(&c, 0, sizeof(c));
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		const char *name = cmark_node_get_type_string(n);

		if (t == CMARK_NODE_LIST) {
			list_depth += ev == CMARK_EVENT_ENTER ? 1 : -1;
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
				items[top] = ++blocks;
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
		c.strong = 0;
		top = (item_depth < MAX_DEPTH ? item_depth : MAX_DEPTH) - 1;
		if (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_HEADING) {
			int in_item = item_depth > 0 && list_depth > 0;

			c.kind = t == CMARK_NODE_HEADING ? XL_HEADING :
			    in_item ? XL_ITEM : XL_PARA;
			c.level = t == CMARK_NODE_HEADING ?
			    cmark_node_get_heading_level(n) : list_depth;
			c.block = in_item ? items[top] : ++blocks;
			/* a later paragraph of an item continues it */
			c.first_done = in_item &&
			    cmark_node_previous(n) != NULL;
			c.task = in_item ? tasks[top] : -1;
			cut_block(d, &c, n);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (strcmp(name, "table_row") == 0 ||
		    strcmp(name, "table_header") == 0) {
			c.block = ++blocks;
			cut_row(d, &c, n, name[6] == 'h');
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
		} else if (t == CMARK_NODE_CODE_BLOCK) {
			const char *lit = cmark_node_get_literal(n);
			int score = lit ? code_sections(lit) : 0;

			if (score >= 2 && score > d->code_score) {
				d->code = n;
				d->code_score = score;
			} else if (lit && log_lines(lit) >= 3) {
				cut_code(d, &c, n, ++blocks);
			}
		}
	}
	cmark_iter_free(it);
	pm_buf_free(&c.b);
}

/* Is the line only a day ("Tuesday 12 March", "March 5, 2024:",
 * "Day 2 - March 6")? */
int
x_day_line(const struct xline *l, struct pm_when *out)
{
	const char *s = l->t;
	size_t len = l->len, at, n;
	struct pm_when w;

	if (l->kind == XL_ROW || len > 60 || !pm_when_find(&w, &at, &n, s,
	    len) || w.day == 0 || w.hour >= 0)
		return 0;
	/* little else may be written around it: "Day 2 -", "(day 1)" */
	if (at > 12 || len - (at + n) > 16)
		return 0;
	if (out)
		*out = w;
	return 1;
}

static const char *const single_task[] = { "task", NULL };

static int
opens_with_content(int sec)
{
	return sec == SEC_SUMMARY || sec == SEC_ROOT || sec == SEC_TIMELINE ||
	    sec == SEC_TASKS || sec == SEC_CORRECTIVE ||
	    sec == SEC_RESOLUTION;
}

/*
 * A line that reads as a heading without markup: a few words, no final
 * punctuation, in title case ("Corrective and Preventative Measures") or
 * exactly a section's name ("Timeline").
 */
static int
plain_heading(const struct xline *l)
{
	size_t i, words = 0;
	int c = (unsigned char)l->s[l->len - 1];

	if (l->len > 60 || c == '.' || c == ',' || c == ';' || c == '!' ||
	    c == '?')
		return 0;
	if (x_section_of(l->s, l->len, 1) != SEC_NONE)
		return 1;	/* "todo", "Timeline" */
	/* "5. Corrective actions": the number is not a word */
	i = x_numbering_end(l->s, l->len);
	if (i >= l->len || !(l->s[i] >= 'A' && l->s[i] <= 'Z'))
		return 0;
	for (; i < l->len; i++) {
		size_t k;

		if (l->s[i] == ' ' || (i > 0 && l->s[i - 1] != ' '))
			continue;
		words++;
		for (k = i; k < l->len && l->s[k] != ' '; k++)
			;
		if (k - i >= 4 && !(l->s[i] >= 'A' && l->s[i] <= 'Z'))
			return 0;
	}
	return words <= 6;
}

/*
 * A first-level heading that opens the document and says more than a
 * section's name ("What happened to sign-ins on Sunday morning",
 * "Timeline of the payment outage") is the title, not a section.
 */
static int
title_heading(const struct xline *l)
{
	size_t words = 0;

	for (size_t i = 0; i < l->len; i++)
		words += l->s[i] != ' ' && (i == 0 || l->s[i - 1] == ' ');
	return words >= 5;
}

/*
 * A list item that is a section's heading: a short line alone in its
 * item whose words are a section's name ("1. Summary", "4. Root cause").
 * When the document numbers its sections so (numbered), a few words that
 * name a section count too ("5. Corrective actions").  Sets *sec.
 */
static int
item_heading(const struct xline *l, const struct xline *next, int numbered,
    int *sec)
{
	size_t words = 0;

	if (l->kind != XL_ITEM || !l->first || l->task >= 0 ||
	    l->level != 1 || l->len > 40 || (next && next->block == l->block))
		return 0;
	for (size_t i = 0; i < l->len; i++)
		words += l->s[i] != ' ' && (i == 0 || l->s[i - 1] == ' ');
	*sec = x_section_of(l->s, l->len, 1);
	if (*sec == SEC_NONE && numbered && words <= 4 && l->s[0] >= 'A' &&
	    l->s[0] <= 'Z')
		*sec = x_section_of(l->s, l->len, 0);
	return *sec != SEC_NONE && *sec != SEC_OTHER;
}

/*
 * Give every line its section.  A heading always ends the section before
 * it, except a deeper heading the extractor does not know (a subsection)
 * and a day heading inside the timeline.  A label alone on its line
 * ("Timeline:", "**Root cause**", "ACTION ITEMS") opens the section it
 * names; a label with text after it ("Root Cause: a query ...") does so
 * only for its usual names, and the text belongs to the new section.
 */
static void
assign_sections(struct xdoc *d)
{
	int cur = SEC_NONE, cur_level = 0, s, numbered = 0;

	/* "1. Summary", "2. Impact": sections numbered as list items */
	for (size_t i = 0; i < d->n; i++)
		numbered += item_heading(&d->v[i], i + 1 < d->n ? &d->v[i + 1] :
		    NULL, 0, &s);
	numbered = numbered >= 2;

	for (size_t i = 0; i < d->n; i++) {
		struct xline *l = &d->v[i];

		x_label_split(l);
		if (l->kind == XL_HEADING && l->level == 1 && i == 0 &&
		    title_heading(l)) {
			/* "# What happened to sign-ins on Sunday": a title */
		} else if (l->kind == XL_HEADING) {
			s = x_section_of(l->s, l->label_len, 0);
			if (s != SEC_NONE) {
				cur = s;
				cur_level = l->level;
				l->head = 1;
			} else if (cur == SEC_TIMELINE && x_day_line(l, NULL)) {
				/* "### Tuesday 12 March" dates the entries */
			} else if (cur != SEC_NONE && cur_level > 0 &&
			    l->level > cur_level) {
				/* a subsection of the current section */
			} else if (cur != SEC_NONE) {
				cur = SEC_OTHER;
				cur_level = l->level;
				l->head = 1;
			}
		} else if (item_heading(l, i + 1 < d->n ? &d->v[i + 1] : NULL,
		    numbered, &s)) {
			/* "5. Corrective actions" typed as a list item */
			cur = s;
			cur_level = 0;
			l->head = 1;
			l->label_len = l->len;
			l->content = l->len;
		} else if (l->kind == XL_PARA && l->label_len == 0 &&
		    plain_heading(l) && (s = x_section_of(l->s, l->len, 0)) !=
		    SEC_NONE) {
			/* "Root Cause and Resolution" on a line of its own */
			cur = s;
			cur_level = 0;
			l->head = 1;
			l->label_len = l->len;
		} else if (l->label_len && (l->kind == XL_PARA ||
		    (l->kind == XL_ITEM && l->all_strong))) {
			if (l->content >= l->len) {
				s = x_section_of(l->s, l->label_len, 0);
			} else {
				s = x_section_of(l->s, l->label_len, 1);
				/* "Task: 0x19. Postmortem" names an exercise */
				if (!opens_with_content(s) || (s == SEC_TASKS &&
				    x_label_is(l, single_task)))
					s = SEC_NONE;
			}
			if (s != SEC_NONE) {
				cur = s;
				cur_level = 0;
				l->head = 1;
			}
		}
		l->sec = cur;
	}
}

/* Lines of section sec joined: ' ' inside a block, '\n' between blocks
 * and before a label.  Returns the first line used, 0 for none. */
static int
section_text(struct pm_buf *out, const struct xdoc *d, int sec)
{
	int first = 0, prev_block = -1;

	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];
		size_t from = 0;

		if (l->sec != sec || l->kind == XL_ROW)
			continue;
		if (l->head) {
			if (l->content >= l->len)
				continue;
			from = l->content;
		}
		if (out->len)
			pm_buf_putc(out, l->block == prev_block &&
			    !l->label_len ? ' ' : '\n');
		pm_buf_put(out, l->s + from, l->len - from);
		prev_block = l->block;
		if (!first)
			first = l->line;
		if (out->len > 4000)
			break;	/* a summary, not the whole text */
	}
	return first;
}

static const char *const title_labels[] = {
	"title", "topic", "subject", "incident title", "postmortem title",
	"incident name", NULL
};

/* Labels a title line may start with ("Postmortem: Web outage"). */
static const char *const title_prefixes[] = {
	"postmortem", "post mortem", "incident", "incident report",
	"incident postmortem", "outage", "rca", NULL
};

/* Labels of fields that are not titles. */
static const char *const field_labels[] = {
	"date", "duration", "severity", "status", "author", "authors",
	"owner", "impact", "start", "end", "when", "time", "summary", "id",
	"incident id", "priority", "task", "reporter", "reported by",
	"written by", "team", "service", "services", "version", "draft",
	NULL
};

/* A first line on its own that reads like a title: a few words, no final
 * period, and not a field ("Date: ..."). */
static int
reads_like_title(const struct xdoc *d)
{
	const struct xline *l = &d->v[0];
	size_t words = 0;

	if (l->kind != XL_PARA || !l->first || l->len > 120 ||
	    l->s[l->len - 1] == '.' || l->s[l->len - 1] == ':' ||
	    !x_has_letter(l->s, l->len))
		return 0;
	if (l->label_len && l->content < l->len &&
	    !x_label_is(l, title_prefixes) && (x_label_is(l, field_labels) ||
	    x_section_of(l->s, l->label_len, 0) != SEC_NONE ||
	    (d->n > 1 && d->v[1].block == l->block)))
		return 0;
	for (size_t i = 0; i < l->len; i++)
		words += l->s[i] != ' ' && (i == 0 || l->s[i - 1] == ' ');
	return words <= 15;
}

static void
find_title(struct xdoc *d)
{
	struct pm_incident *inc = d->inc;
	const struct xline *pick = NULL;
	size_t i, from = 0;

	for (i = 0; i < d->n && !pick; i++)
		if (x_label_is(&d->v[i], title_labels) &&
		    d->v[i].content < d->v[i].len)
			pick = &d->v[i], from = d->v[i].content;
	for (i = 0; i < d->n && !pick; i++)
		if (d->v[i].kind == XL_HEADING && d->v[i].sec == SEC_NONE)
			pick = &d->v[i];
	if (!pick && d->n > 0 && reads_like_title(d))
		pick = &d->v[0];
	if (pick) {
		/* "🔥 Uploads failing": the emoji decorates, it is not the
		 * title's first word */
		from = x_skip_symbols(pick->s, pick->len, from);
		inc->title = x_strdup_trim(d, pick->s + from,
		    pick->len - from);
		d->rep->title_line = pick->line;
	}
}

static void
find_summary(struct xdoc *d, const struct pm_markdown *md)
{
	struct pm_buf b = PM_BUF_INIT;
	int line = section_text(&b, d, SEC_SUMMARY);

	/* else the first paragraph of the preamble that is prose */
	for (size_t i = 0; i < d->n && !line; i++) {
		const struct xline *l = &d->v[i];
		size_t j;

		if (l->sec != SEC_NONE || l->kind != XL_PARA || !l->first ||
		    l->line == d->rep->title_line || l->content < l->len)
			continue;
		for (j = i; j < d->n && d->v[j].block == l->block; j++) {
			if (b.len)
				pm_buf_putc(&b, ' ');
			pm_buf_put(&b, d->v[j].s, d->v[j].len);
		}
		if (b.len >= 60)
			line = l->line;
		else
			pm_buf_clear(&b);
	}
	if (!line) {
		cmark_node *n = pm_markdown_first_paragraph(&b, md);

		line = pm_markdown_node_line(n);
	}
	if (b.len) {
		d->inc->summary = x_strdup_trim(d, b.ptr, b.len);
		d->rep->summary_line = line;
	}
	pm_buf_free(&b);
}

static void
note_sections(struct xdoc *d)
{
	struct pm_extract_report *r = d->rep;

	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];
		int *slot = NULL;

		switch (l->head ? l->sec : l->task >= 0 ? SEC_TASKS :
		    SEC_NONE) {
		case SEC_SUMMARY:
			slot = &r->sections.issue_summary;
			break;
		case SEC_TIMELINE:
			slot = &r->sections.timeline;
			break;
		case SEC_ROOT:
			slot = &r->sections.root_cause;
			break;
		case SEC_CORRECTIVE:
			slot = &r->sections.corrective_measures;
			break;
		case SEC_TASKS:
			slot = &r->sections.task_list;
			break;
		}
		if (slot && !*slot)
			*slot = l->line;
	}
	d->inc->sections.issue_summary = r->sections.issue_summary != 0;
	d->inc->sections.timeline = r->sections.timeline != 0;
	d->inc->sections.root_cause = r->sections.root_cause != 0;
	d->inc->sections.corrective_measures =
	    r->sections.corrective_measures != 0;
	d->inc->sections.task_list = r->sections.task_list != 0;
}

/* The number of different sections the document's headings name. */
static int
head_sections(const struct xdoc *d)
{
	unsigned seen = 0;
	int n = 0;

	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].head && d->v[i].sec != SEC_OTHER &&
		    !(seen & (1u << d->v[i].sec))) {
			seen |= 1u << d->v[i].sec;
			n++;
		}
	return n;
}

/*
 * A postmortem pasted whole into a code fence (it happens with templates
 * copied from course pages): when a code block names three sections or
 * more, and two more than the prose around it, read that block as the
 * document.
 */
static void
read_fenced(struct xdoc *d, pthread_mutex_t *parse_lock)
{
	struct pm_markdown_opts o;
	struct pm_markdown *inner = NULL;
	const char *lit = cmark_node_get_literal(d->code);

	memset(&o, 0, sizeof(o));
	o.file = d->file;
	o.first_line = cmark_node_get_start_line(d->code) + 1;
	o.parse_lock = parse_lock;
	if (pm_markdown_parse(&inner, lit, strlen(lit), &o, NULL) < 0)
		return;
	d->n = 0;
	d->code = NULL;
	x_lines_build(d, pm_markdown_root(inner));
	assign_sections(d);
	pm_markdown_free(inner);
}

void
pm_extract_run(struct pm_extract_report *out, struct pm_incident *inc,
    struct pm_arena *arena, const struct pm_markdown *md,
    const struct pm_extract_opts *opts, struct pm_warnings *warnings)
{
	struct xdoc d;
	size_t words;

	memset(out, 0, sizeof(*out));
	out->stated_duration_minutes = PM_UNKNOWN;
	out->computed_duration_minutes = PM_UNKNOWN;
	memset(&d, 0, sizeof(d));
	d.arena = arena;
	d.inc = inc;
	d.rep = out;
	d.warnings = warnings;
	d.file = inc->path ? inc->path : "";
	d.stated_minutes = PM_UNKNOWN;
	d.ttd_stated = d.ttr_stated = PM_UNKNOWN;
	if (opts && opts->fallback_date) {
		size_t n = strlen(opts->fallback_date);

		/* "2024-03-05" and "2024-03-05T10:00:00+01:00" alike */
		if (pm_when_parse(&d.fallback, opts->fallback_date, n < 10 ?
		    n : 10) == 10 && d.fallback.year)
			d.has_fallback = opts->fallback_is_day ? 2 : 1;
	}

	x_lines_build(&d, pm_markdown_root(md));
	assign_sections(&d);
	if (d.code && d.code_score >= 3 &&
	    d.code_score >= head_sections(&d) + 2)
		read_fenced(&d, opts ? opts->parse_lock : NULL);
	note_sections(&d);
	if (!inc->fixed.title)
		find_title(&d);
	if (!inc->fixed.summary)
		find_summary(&d, md);
	words = pm_markdown_word_count(md);
	inc->word_count = (long)words;
	inc->reading_minutes = words ? (long)((words + WORDS_PER_MINUTE - 1) /
	    WORDS_PER_MINUTE) : 0;

	x_clock_read(&d);
	x_facts_context(&d);
	if (!inc->fixed.timeline)
		x_timeline(&d);
	x_facts_finish(&d);
	x_facts_other(&d);
	if (!inc->fixed.action_items)
		x_action_items(&d);
	free(d.v);
	free(d.fields);
}

void
pm_extract_incident(struct pm_incident *inc, struct pm_arena *arena,
    const struct pm_markdown *md, struct pm_warnings *warnings)
{
	struct pm_extract_report r;

	pm_extract_run(&r, inc, arena, md, NULL, warnings);
}
