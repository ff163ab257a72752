/*
 * extract.c: the extractor's driver: the sections of the lines
 * (extract_lines.c flattens the document into them) and the summary.
 * The title is read by extract_title.c, the other fields by
 * extract_facts.c, extract_timeline.c and extract_items.c over the same
 * lines.
 */
#include "extract_int.h"

#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>

/* Reading speed used for reading_minutes: a common figure for technical
 * prose, rounded so a 400-word write-up reads in two minutes. */
#define WORDS_PER_MINUTE 200

/* Is s one bracketed remark, blanks and a final colon aside? */
static int
bracketed_rest(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] == ' ')
		i++;
	while (len > i && (s[len - 1] == ' ' || s[len - 1] == ':'))
		len--;
	return len - i >= 2 && s[i] == '(' && s[len - 1] == ')' &&
	    memchr(s + i + 1, ')', len - i - 2) == NULL;
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
	/* little else may be written around it: "Day 2 -", "(day 1)", or
	 * a remark in brackets ("Sunday 26 October (CEST until 03:00, CET
	 * afterwards)") */
	if (at > 12 || (len - (at + n) > 16 && !bracketed_rest(s + at + n,
	    len - at - n)))
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
	    sec == SEC_UPDATES ||
	    sec == SEC_TASKS || sec == SEC_CORRECTIVE ||
	    sec == SEC_RESOLUTION;
}

/*
 * A line that reads as a heading without markup: a few words, no final
 * punctuation, in title case ("Corrective and Preventative Measures") or
 * exactly a section's name ("Timeline").  Alone in its paragraph, as a
 * report pasted as plain text sets its headings, sentence case will do
 * ("Corrective and preventative measures").
 */
static int
plain_heading(const struct xline *l, const struct xline *next)
{
	const char *s = l->s, *br;
	size_t len = l->len, i, words = 0;
	int c = (unsigned char)s[len - 1], lower = 0;

	if (len > 60 || c == '.' || c == ',' || c == ';' || c == '!' ||
	    c == '?')
		return 0;
	/* "##Corrective and Preventative Measures" */
	i = x_skip_unspaced_marks(s, len, 0);
	s += i;
	len -= i;
	if (x_section_of(s, len, 1) != SEC_NONE)
		return 1;	/* "todo", "Timeline" */
	/* "Timeline (all hours, Pacific time)": a note in brackets */
	br = c == ')' && s[0] >= 'A' && s[0] <= 'Z' ? memchr(s, '(', len) :
	    NULL;
	if (br && br > s && x_section_of(s, (size_t)(br - s), 1) != SEC_NONE)
		return 1;
	/* "5. Corrective actions": the number is not a word */
	i = x_numbering_end(s, len);
	if (i >= len || !(s[i] >= 'A' && s[i] <= 'Z'))
		return 0;
	for (; i < len; i++) {
		size_t k;

		if (s[i] == ' ' || (i > 0 && s[i - 1] != ' '))
			continue;
		words++;
		for (k = i; k < len && s[k] != ' '; k++)
			;
		if (k - i >= 4 && !(s[i] >= 'A' && s[i] <= 'Z'))
			lower = 1;
	}
	if (lower && !(l->first && (next == NULL || next->block != l->block)))
		return 0;
	return words <= 6;
}

/*
 * A line of a list item after its first, when the item is a single
 * paragraph: a report typed without blank lines runs on from its first
 * bullet ("- Impact: ...", then "Root Cause:" on the next line), and
 * Markdown keeps every later line in that item.  Such a line may still
 * be the heading it was typed as.
 */
static int
lazy_line(const struct xline *l)
{
	return l->kind == XL_ITEM && !l->first;
}

/*
 * "### Duration:" over "The outage occurred on October 5, 2023, from 9:00
 * AM to 10:00 AM (GMT).": a heading that names the window opens a part of
 * the summary, where the window is looked for, not a section nobody reads.
 */
static int
window_heading(const struct xline *l)
{
	char n[48];

	return x_norm(n, sizeof(n), l->s, l->len) > 0 &&
	    x_in_list(n, x_window_labels);
}

/*
 * A list item that is a section's heading: a short line alone in its
 * item whose words are a section's name ("1. Summary", "4. Root cause").
 * When the document numbers its sections so (numbered), or the item ends
 * with a colon, a few words that name a section count too ("5. Corrective
 * actions").  Sets *sec.
 */
static int
item_heading(const struct xline *l, const struct xline *next, int numbered,
    int *sec)
{
	size_t words = 0;

	/* "3. Root cause and resolution:" runs on into the text typed
	 * under it with no blank line; its colon still makes it a head */
	if (l->kind != XL_ITEM || !l->first || l->task >= 0 ||
	    l->level != 1 || l->len > 40 || (next && next->block == l->block &&
	    l->s[l->len - 1] != ':'))
		return 0;
	for (size_t i = 0; i < l->len; i++)
		words += l->s[i] != ' ' && (i == 0 || l->s[i - 1] == ' ');
	*sec = x_section_of(l->s, l->len, 1);
	/* so does a colon: "3. Root cause and resolution:" */
	if (*sec == SEC_NONE && (numbered || l->s[l->len - 1] == ':') &&
	    words <= 5 && l->s[0] >= 'A' && l->s[0] <= 'Z')
		*sec = x_section_of(l->s, l->len, 0);
	return *sec != SEC_NONE && *sec != SEC_OTHER;
}

/*
 * "**Detection**" over "- 9:15 a.m. — ...": inside a timeline, a label
 * alone whose next line is a timed entry names a phase of the incident,
 * as "### Detection" would, and does not end the timeline.
 */
static int
phase_label(int cur, const struct xline *l, const struct xline *next)
{
	struct pm_when w;
	size_t text;
	int mer;

	return (cur == SEC_TIMELINE || cur == SEC_UPDATES) && next &&
	    next->block != l->block && next->kind != XL_HEADING &&
	    x_entry_at(next->t, next->len, &w, &mer, &text) && w.hour >= 0;
}

/*
 * "Timeline:" over "- **Detection:**", "- **Actions taken:**" and
 * "- **Escalation:**", each over its own items or lines: a timeline told
 * by the phases the format lists, its first line one of them.  Every
 * later label of the same make (an item of that depth, a paragraph line,
 * a heading of that level) is a phase of it too, even "Resolution:" or
 * one the list does not know ("Detection method:"), unless it names
 * another section of the report ("Root cause:").  A label of another
 * make ends the timeline as before.
 */
struct told_by_phases {
	int on, kind, level;
};

static int
phase_of_timeline(const struct told_by_phases *p, int cur,
    const struct xline *l)
{
	int s;

	if (cur != SEC_TIMELINE || !p->on || l->kind != p->kind ||
	    l->level != p->level || l->label_len == 0 ||
	    (l->kind == XL_ITEM && !l->first))
		return 0;
	if (x_phase_label(l))
		return 1;
	s = x_section_of(l->s, l->label_len, 0);
	return s == SEC_NONE || s == SEC_OTHER;
}

/* "*Kept for the record. Its times were wrong; see the revised summary
 * below.*": a note in italics, two sentences, names no section ("1.
 * Summary" and "A. Summary" are no sentences). */
static int
sentences(const char *s, size_t len)
{
	for (size_t i = 1; i + 2 < len; i++)
		if (s[i] == '.' && s[i + 1] == ' ' && s[i + 2] >= 'A' &&
		    s[i + 2] <= 'Z' && s[i - 1] >= 'a' && s[i - 1] <= 'z')
			return 1;
	return 0;
}

/* "*Priya Raghavan, CTO, Rasika Tickets · published 6 November 2025 · 8
 * min read*": a blog post's byline, set apart in italics as a label is,
 * names no section, whatever words its company's name holds. */
static int
byline(const char *s, size_t len)
{
	static const char *const words[] = {
		"published", "posted", "min read", "minute read", NULL
	};

	size_t i = 0;

	while (i < len && !(s[i] >= '0' && s[i] <= '9'))
		i++;
	return i < len && x_find_any(s, len, words, NULL) != NULL;
}

/*
 * "Next steps, agreed at Wednesday's meeting:": a line alone in its
 * paragraph that introduces what follows, its opening words before a
 * comma a section's name.  The section, or SEC_NONE.
 */
static int
intro_section(const struct xline *l, const struct xline *next)
{
	size_t comma;

	if (l->kind != XL_PARA || l->label_len || !l->first || l->len < 8 ||
	    l->s[l->len - 1] != ':' || (next && next->block == l->block))
		return SEC_NONE;
	for (comma = 0; comma < l->len && comma < 40 && l->s[comma] != ','; comma++)
		;
	if (comma == l->len || comma == 40)
		return SEC_NONE;
	return x_section_of(l->s, comma, 1);
}

/* Root cause headings that as often head the story of the outage. */
static const char *const loose_root_heads[] = { "what went wrong", NULL };

static int
loose_root_head(const struct xline *l)
{
	size_t at;

	size_t n = l->label_len ? l->label_len : l->len;

	/* "**Q. What went wrong?**" asks it in a Q&A */
	return x_find_any(l->s, n, loose_root_heads, &at) &&
	    at == x_qa_mark(l->s, n, 'q');
}

/*
 * "What went wrong" heads the cause in some reports and the story of the
 * outage in others.  Followed by a plain root cause heading ("Why",
 * "Root cause"), it is the story: the summary, when there is no other.
 */
static void
story_before_cause(struct xdoc *d)
{
	size_t i, k;
	int summary = 0;

	for (i = 0; i < d->n; i++) {
		summary |= d->v[i].sec == SEC_SUMMARY;
		if (d->v[i].head && d->v[i].sec == SEC_ROOT)
			break;
	}
	if (i == d->n || !loose_root_head(&d->v[i]))
		return;
	for (k = i + 1; k < d->n; k++)
		if (d->v[k].head && d->v[k].sec == SEC_ROOT &&
		    !loose_root_head(&d->v[k]))
			break;
	if (k == d->n)
		return;
	for (; i < k && d->v[i].sec == SEC_ROOT; i++)
		d->v[i].sec = summary ? SEC_OTHER : SEC_SUMMARY;
}

/*
 * Give every line its section.  A heading always ends the section before
 * it, except a deeper heading the extractor does not know (a subsection)
 * and a day heading inside the timeline.  A label alone on its line
 * ("Timeline:", "**Root cause**", "ACTION ITEMS") opens the section it
 * names; a label with text after it ("Root Cause: a query ...") does so
 * only for its usual names, and the text belongs to the new section.
 */
/*
 * "## Debugging process" over the steps of the hunt ("1. Checked running
 * processes with ps aux"): what a first postmortem has for a timeline.
 * It is the timeline when no section is called one, and a section
 * nobody reads when one is.
 */
static void
debugging_told(struct xdoc *d)
{
	int to = SEC_TIMELINE;

	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sec == SEC_TIMELINE || d->v[i].sec == SEC_UPDATES)
			to = SEC_OTHER;
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sec == SEC_DEBUGGING)
			d->v[i].sec = to;
}

static void
assign_sections(struct xdoc *d)
{
	int cur = SEC_NONE, cur_level = 0, s, numbered = 0, prose = 0;
	int record = -1;
	int after_head = 0;
	struct told_by_phases told = { 0, 0, 0 };

	/* "1. Summary", "2. Impact": sections numbered as list items */
	for (size_t i = 0; i < d->n; i++)
		numbered += item_heading(&d->v[i], i + 1 < d->n ? &d->v[i + 1] :
		    NULL, 0, &s);
	numbered = numbered >= 2;

	for (size_t i = 0; i < d->n; i++) {
		struct xline *l = &d->v[i];

		if (i > 0 && d->v[i - 1].head && d->v[i - 1].len > 0 &&
		    d->v[i - 1].s[d->v[i - 1].len - 1] == '?')
			x_answer_unmark(l);	/* "Q: ...?" over "A: ..." */
		x_label_split(l);
		if (cur == SEC_TIMELINE)
			x_phase_prompt(l, i + 1 < d->n ? &d->v[i + 1] : NULL);
		/* the first line under "Timeline", or later a phase with its
		 * text ("Escalation: paged the DBA") between timed lines;
		 * "## Actions" there is the next section */
		if (!told.on && cur == SEC_TIMELINE && x_phase_label(l) &&
		    l->kind != XL_ROW && (l->kind != XL_ITEM || l->first) &&
		    (after_head || (l->kind != XL_HEADING &&
		    l->content < l->len))) {
			told.on = 1;
			told.kind = l->kind;
			told.level = l->level;
		}
		after_head = 0;
		if (phase_of_timeline(&told, cur, l)) {
			l->phase = 1;
		} else if (x_title_heading_at(d, i)) {
			/* "# What happened to sign-ins on Sunday": a title */
		} else if (l->kind == XL_HEADING) {
			s = x_section_of(l->s, l->label_len, 0);
			if (s != SEC_NONE) {
				cur = s;
				cur_level = l->level;
				l->head = 1;
			} else if ((cur == SEC_TIMELINE || cur == SEC_UPDATES) &&
			    x_day_line(l, NULL)) {
				/* "### Tuesday 12 March" dates the entries */
			} else if (cur != SEC_NONE && cur_level > 0 &&
			    l->level > cur_level) {
				/* a subsection of the current section */
			} else if (cur != SEC_NONE && cur_level == 0 &&
			    !prose) {
				/* "**Transit app — incident summary**" over
				 * fields only was the document's byline: what
				 * follows is still the preamble */
				cur = SEC_NONE;
			} else if (cur != SEC_NONE) {
				cur = window_heading(l) ? SEC_SUMMARY :
				    SEC_OTHER;
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
		} else if ((s = x_question_section(l, i + 1 < d->n ?
		    &d->v[i + 1] : NULL, numbered)) != SEC_NONE) {
			/* "Q: What are we changing?" heads its answer; a
			 * question that names no section ends the one
			 * before, as an unknown heading does */
			cur = s == SEC_OTHER ? SEC_NONE : s;
			cur_level = 0;
			l->head = 1;
			l->label_len = l->len;
			l->content = l->len;
		} else if ((s = intro_section(l, i + 1 < d->n ? &d->v[i + 1] :
		    NULL)) != SEC_NONE && s != SEC_OTHER) {
			/* "Next steps, as agreed with the owner:" */
			cur = s;
			cur_level = 0;
			l->head = 1;
			l->label_len = l->len;
			l->content = l->len;
		} else if ((l->kind == XL_PARA || lazy_line(l)) &&
		    l->label_len == 0 &&
		    plain_heading(l, i + 1 < d->n ? &d->v[i + 1] : NULL) &&
		    (s = x_section_of(l->s, l->len, 0)) !=
		    SEC_NONE) {
			/* "Root Cause and Resolution" on a line of its own */
			cur = s;
			cur_level = 0;
			l->head = 1;
			l->label_len = l->len;
		} else if (l->label_len && (l->kind == XL_PARA ||
		    (l->kind == XL_ITEM && l->all_strong) ||
		    (lazy_line(l) && l->content >= l->len))) {
			if (l->content >= l->len) {
				s = x_section_of(l->s, l->label_len, 0);
				/* "ROOT CAUSE" over "At 8:29 AM a change
				 * was released" is the next section */
				if ((phase_label(cur, l, i + 1 < d->n ?
				    &d->v[i + 1] : NULL) && s != SEC_ROOT &&
				    s != SEC_CORRECTIVE && s != SEC_TASKS) ||
				    sentences(l->s, l->label_len) ||
				    byline(l->s, l->label_len))
					s = SEC_NONE;
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
		if (l->head) {
			after_head = l->content >= l->len;
			told.on = 0;
		}
		/* anything but "Label: value" fields: text, items, rows */
		if (l->head)
			prose = l->content < l->len;	/* "Summary: text" */
		else if (l->kind != XL_HEADING && l->label_len == 0)
			prose = 1;
		l->sec = cur;
		/* "For the record, the site could not sell from 07:20 to
		 * 10:05": a story states its window where it has got to,
		 * under "The cause" as well; that paragraph is its summary */
		if (l->kind == XL_PARA && l->first)
			record = x_phrase_at(l->s, l->len, 0,
			    "for the record") ? l->block : -1;
		if (l->block == record && (cur == SEC_ROOT || cur == SEC_OTHER))
			l->sec = SEC_SUMMARY;
	}
	debugging_told(d);
	story_before_cause(d);
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
		case SEC_UPDATES:
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
read_fenced(struct xdoc *d)
{
	struct pm_markdown *inner = x_code_parse(d, d->code);

	if (inner == NULL)
		return;
	d->n = 0;
	d->code = NULL;
	x_lines_build(d, pm_markdown_root(inner));
	x_big_numbers(d);
	assign_sections(d);
	x_lines_join(d);
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
	d.parse_lock = opts ? opts->parse_lock : NULL;
	d.ttd_stated = d.ttr_stated = PM_UNKNOWN;
	if (opts && opts->fallback_date) {
		size_t n = strlen(opts->fallback_date);

		/* "2024-03-05" and "2024-03-05T10:00:00+01:00" alike */
		if (pm_when_parse(&d.fallback, opts->fallback_date, n < 10 ?
		    n : 10) == 10 && d.fallback.year)
			d.has_fallback = opts->fallback_is_day ? 2 : 1;
	}

	x_lines_build(&d, pm_markdown_root(md));
	x_big_numbers(&d);
	assign_sections(&d);
	x_lines_join(&d);
	if (d.code && d.code_score >= 3 &&
	    d.code_score >= head_sections(&d) + 2)
		read_fenced(&d);
	x_slash_order(&d);
	note_sections(&d);
	x_mark_meeting(&d);
	if (!inc->fixed.title)
		x_find_title(&d);
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
