/*
 * extract_int.h: what the extract_*.c files share: the postmortem seen as
 * a list of lines with their sections, and the text helpers that read
 * them.  Private to generator/extract*.c; include extract.h for the API.
 *
 * Why lines: people write a postmortem's structure in many ways (headings,
 * bold labels, "Timeline:" lines, ALL CAPS), and cmark-gfm folds
 * "Timeline:\n10:00 AM: x\n10:05 AM: y" into one paragraph with soft
 * breaks.  So the tree is flattened once into lines, each knowing its
 * block, list item, table cells and file line, and every reader below works
 * line by line.
 *
 * Contract: every string here lives in the arena of the struct xdoc; line
 * texts are plain (markup removed but for the backticks around code spans),
 * NUL-terminated and trimmed.
 */
#ifndef PM_EXTRACT_INT_H
#define PM_EXTRACT_INT_H

#include <stddef.h>

#include "extract.h"
#include "phrase_index.h"
#include "when.h"

#define XCOUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Sections of a postmortem, as far as the extractor cares. */
enum xsec {
	SEC_NONE,		/* before any section: title, preamble */
	SEC_SUMMARY,
	SEC_IMPACT,
	SEC_TIMELINE,
	SEC_UPDATES,		/* a status page's updates: the timeline when
				 * no section is called one */
	SEC_ROOT,
	SEC_CORRECTIVE,
	SEC_TASKS,
	SEC_RESOLUTION,
	SEC_DEBUGGING,		/* "Debugging process": the timeline when no
				 * section is called one, else SEC_OTHER;
				 * assign_sections() leaves neither */
	SEC_OTHER,		/* a section the extractor does not read */
	SEC_COUNT
};

enum xkind {
	XL_HEADING,
	XL_PARA,		/* a line of a paragraph outside lists */
	XL_ITEM,		/* a line of a paragraph inside a list item */
	XL_ROW			/* a table row: cells separated by '\t' */
};

struct xline {
	const char *s;		/* plain text, trimmed */
	const char *t;		/* s, with dotted times and dates rewritten
				 * for the when module: same length */
	size_t len;
	int line;		/* file line */
	int kind;		/* enum xkind */
	int level;		/* heading level, or list depth (1 = top) */
	int block;		/* shared by the lines of a paragraph or item */
	int first;		/* first line of its block */
	int task;		/* -1: not a task item; 0 open; 1 ticked */
	int bullet;		/* a paragraph line that starts with "•" (1),
				 * or with a second level's "◦", "▪" or "o"
				 * (2) */
	int struck;		/* the whole line is struck through */
	int quoted;		/* inside a block quote ("> ...") */
	int caption;		/* a figure's caption (extract_lines.c) */
	int wrapped;		/* it went on past a soft line break */
	int header_row;		/* a table's header row */
	int ncells;
	size_t strong;		/* bytes of a leading bold or italic run */
	int all_strong;		/* the whole line is bold or italic */
	/* "Label: content" split; label_len 0 when the line has none.  A
	 * heading, a bold line or an ALL CAPS line is all label. */
	size_t label_len, content;
	int sec;		/* enum xsec the line belongs to */
	int head;		/* this line opened a section */
	int meeting;		/* enum x_meeting (extract_meeting.c) */
	int phase;		/* a phase of a timeline told by its phases
				 * ("Detection:", "Escalation:"): no section */
};

/* What a line says of the review meeting. */
enum x_meeting {
	X_MEETING_NONE,
	X_MEETING_LINE,		/* it is the meeting's: no field, no window */
	X_MEETING_DATES		/* its dates are the meeting's, its field
				 * its own ("Severity: S1 · Review held 18
				 * February 2025") */
};

/* A "label: value" pair, from a labelled line, a two-column table row or
 * a table whose header names fields. */
struct xfield {
	char label[48];		/* normalised (x_norm) */
	const char *v;		/* the value, not NUL-terminated */
	const char *tv;		/* the value with its times rewritten */
	size_t vlen;
	int line, sec;
};

/* The clock a document is written in (extract_clock.c). */
struct xclock {
	int h24;		/* a 24-hour time was written */
	unsigned pm_hours;	/* bit h: h o'clock written with pm (1-11) */
	unsigned am_hours;	/* bit h: written with am */
	int afternoon, evening, morning;	/* what the context says */
	int twelve;		/* 12:xx written without am/pm */
};

struct xdoc {
	struct xline *v;
	size_t n, cap;
	struct pm_arena *arena;
	struct pm_incident *inc;
	struct pm_extract_report *rep;
	struct pm_warnings *warnings;
	const char *file;

	/* Shared between the facts and the timeline readers. */
	struct pm_when date;	/* the incident's day, when known */
	int has_date;
	int date_ends;		/* the date is written as the early hours
				 * of a night ("after midnight on March 4") */
	int date_begins;	/* or as the evening before one ("the night
				 * of Friday 15 November") */
	struct pm_when fallback;	/* pm_extract_opts's fallback_date */
	int has_fallback;	/* 0 none, 1 for years, 2 the day itself */
	struct pm_when zone;	/* the zone written for the document */
	int has_zone;
	int zone_defined;	/* the document says what zone.zone means */
	/* Other ambiguous abbreviations, their definitions looked up when
	 * a time first uses them (x_zone_settle()); written through the
	 * pointer by readers that hold the document const. */
	struct x_zone_defs {
		struct {
			char abbrev[8];
			int off, found;
		} v[4];
		size_t n;
	} *zone_defs;
	const char *zone_place;	/* "local time": the zone table's name of
				 * the place whose clock it is */
	int zone_line;
	int day_first;		/* slash dates are day/month/year */
	struct pm_when start, end;	/* as read, before formatting */
	int has_start, has_end;
	int start_from_timeline, end_from_timeline;
	int tl_story;		/* the timeline is a story's events, read
				 * from its paragraphs (extract_timeline.c) */
	int times_from_story;	/* the start is a time the summary's
				 * sentences tell, not a range */
	long stated_minutes;	/* PM_UNKNOWN when none */
	struct pm_when plan_a, plan_b;	/* a change's planned window */
	int has_plan, skip_plan;	/* skip: not the incident's */
	struct pm_when detect;	/* a "Detected:" label */
	int has_detect;
	long ttd_stated, ttr_stated;	/* "Time to detect: 5 min" */
	struct xclock clock;

	struct xfield *fields;	/* heap, freed by the driver */
	size_t nfields, fields_cap;

	cmark_node *code;	/* a code block that holds a postmortem */
	int code_score;
	pthread_mutex_t *parse_lock;	/* pm_extract_opts's, for the
					 * blocks parsed again */

	/* Timeline entries as points, parallel to inc->timeline. */
	struct pm_when *tl_when;
	int *tl_kind;
};

/* Timeline kinds, in the order of enum values used by tl_kind. */
enum xtkind {
	TK_DETECTED,
	TK_INVESTIGATED,
	TK_MISLEADING,
	TK_ESCALATED,
	TK_MITIGATED,
	TK_RESOLVED,
	TK_OTHER
};

/* extract_lines.c: the flattened document; once the lines have their
 * sections, the lines of prose its writer's editor wrapped joined. */
void x_lines_build(struct xdoc *d, cmark_node *root);
/* Append a line like proto with the text s[0..len) (copied to the arena,
 * with its time text and its label made); returns it, valid until the
 * next line is added. */
struct xline *x_line_add(struct xdoc *d, const struct xline *proto,
    const char *s, size_t len);
/*
 * extract_struck.c: what a line being cut takes back.  Its struck spans
 * ("~~...~~", <del>, <s>, <strike>) are noted as [start, end) offsets
 * into the line's buffer while it is cut; the cuts below move them, and
 * the offsets `moved` points to (the caller's, NULL for none), with the
 * bytes.
 */
#define X_STRUCK_MAX 8
struct x_struck {
	struct { size_t start, end; } spans[X_STRUCK_MAX];	/* end 0: open */
	size_t n;
	size_t *moved[2];
};
/* A span opens (open) or the last open one closes at offset at. */
void x_struck_edge(struct x_struck *s, size_t at, int open);
/* 1 for an HTML tag that opens struck text, -1 for one that closes it,
 * 0 for any other. */
int x_struck_tag(const char *tag);
/* CriticMarkup's marks applied to the line in b: "{--38%--}" cut out,
 * "{++9.3%++}" and "{==x==}" kept without their marks, "{>>x<<}" cut. */
void x_criticmarkup(struct pm_buf *b, struct x_struck *s);
/* The struck spans of a line that goes on past them, when they hold a
 * digit, cut out of b with a space beside them: "~~20:10~~ 19:52" is
 * "19:52"; "{~~11:40~>11:10~~}" is "11:10".  Empties the spans. */
void x_struck_drop_values(struct pm_buf *b, struct x_struck *s);
/* Bytes [a, b) cut out of buf; s's spans and the offsets it moves
 * follow. */
void x_struck_cut(struct pm_buf *buf, struct x_struck *s, size_t a,
    size_t b);
/*
 * extract_hints.c: what a template left in a line.  Its italic spans
 * (noted in hints as struck spans are, end 0 for one still open at the
 * end of the line) that are the template's instructions ("_Describe the
 * share of users affected, e.g. ~30% of users._") and its bracketed
 * prompts ("[One sentence]", "[Owner]") are cut out of b; adjust's spans
 * and offsets follow.  *carry says an italic hint went on from the line
 * before (read and set here).  Empties hints.
 */
void x_hints_drop(struct pm_buf *b, struct x_struck *hints,
    struct x_struck *adjust, int *carry);

/* extract_html.c: the lines of an HTML block (s[0..len) of its literal,
 * which starts on file line line) as the Markdown it stands for: "<tr>"
 * rows with their cells, "<li>" items with their depth, a line at each
 * "<p>", "<br>" or heading, "<dt>Start</dt><dd>...</dd>" as
 * "Start: ...", a "<summary>" as a label.  *blocks numbers the new
 * blocks. */
void x_html_lines(struct xdoc *d, const char *s, size_t len, int line,
    int *blocks);
/* Where Markdown resumes in the HTML block s: CommonMark ends a block
 * opened by a tag alone on its line only at a blank line, so an "<img>"
 * typed right above a timeline swallows the timeline, which a browser
 * then runs into one line; its writer meant Markdown.  The offset of the
 * first line after the leading lines of tags alone, when no later line
 * opens with a tag (a "<p>" ... "</p>" block is HTML throughout) and one
 * has text; else 0. */
size_t x_html_markdown_at(const char *s);
void x_lines_join(struct xdoc *d);

/* extract_code.c: what a code block's text s holds.  The number of
 * different sections its short lines name (a pasted postmortem); how many
 * lines open with a time (a log), or hold a clock near their start (a
 * chat's headers); whether it is prose its writer indented four spaces. */
int x_code_sections(const char *s);
int x_code_log_lines(const char *s);
int x_code_clock_lines(const char *s);
int x_code_is_prose(const char *s);
/* A code block's text parsed as Markdown, lines numbered as the file's;
 * the caller frees it (pm_markdown_free()); NULL on failure.  x_parse_text
 * parses s[0..len), whose first line is file line first_line. */
struct pm_markdown *x_code_parse(const struct xdoc *d, cmark_node *code);
struct pm_markdown *x_parse_text(const struct xdoc *d, const char *s,
    size_t len, int first_line);
/* Does s[0..len) open with a time ("07:36:50", "[9:06 AM] text")? */
int x_starts_with_time(const char *s, size_t len);
/* Of the lines already cut: how many from the from-th on head a chat
 * message; how many timed items or rows end right before the from-th,
 * under at most one introducing paragraph. */
int x_chat_headers_from(const struct xdoc *d, size_t from);
int x_timed_items_before(const struct xdoc *d, size_t from);

/* extract_markup.c, run by x_lines_build() over the lines it cut: a
 * Pandoc grid table's paragraph made table rows (*blocks numbers them);
 * Jira's "h2. " lines made headings, and "# " items after them. */
void x_grid_tables(struct xdoc *d, int *blocks);
void x_jira_markup(struct xdoc *d);

/* Does the line only name a day ("Tuesday 12 March", "March 5, 2024:")?
 * Sets *out (may be NULL) to it. */
int x_day_line(const struct xline *l, struct pm_when *out);

/* extract_text.c: reading helpers. */

/* ASCII lowercase of c.  Inline: the scanners call these for every byte
 * of every phrase they try. */
static inline int
x_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Is c an ASCII letter or digit? */
static inline int
x_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/*
 * Does phrase occur in s at i, case-insensitively, starting on a word
 * boundary?  A space in phrase matches one or more blanks or dashes; a
 * trailing '*' makes it a stem ("escalat*"); otherwise it must end on a
 * word boundary.  Returns the end, or 0.
 */
size_t x_phrase_at_full(const char *s, size_t len, size_t i,
    const char *phrase);

/* Most tries fail on the first two bytes (on the second where a phrase
 * index chose the phrase by its first): those tests are inlined, the rest
 * is x_phrase_at_full(). */
static inline size_t
x_phrase_at(const char *s, size_t len, size_t i, const char *phrase)
{
	int p0 = (unsigned char)phrase[0], p1;

	if (p0 == ' ' || p0 == '*' || p0 == '\0')
		return x_phrase_at_full(s, len, i, phrase);
	if (i >= len || x_lower((unsigned char)s[i]) != x_lower(p0))
		return 0;
	p1 = (unsigned char)phrase[1];
	if (p1 != ' ' && p1 != '*' && p1 != '\0' && (i + 1 >= len ||
	    x_lower((unsigned char)s[i + 1]) != x_lower(p1)))
		return 0;
	return x_phrase_at_full(s, len, i, phrase);
}

/* The first place phrase occurs in s (x_phrase_at rules): its offset, or
 * (size_t)-1. */
size_t x_find(const char *s, size_t len, const char *phrase);

/* The word of s that ends at e, blanks before e skipped: its start, and
 * in *end its end; x_word_is: is s[b, e) the word w, in any case? */
size_t x_word_before(const char *s, size_t e, size_t *end);
int x_word_is(const char *s, size_t b, size_t e, const char *w);

/* Does one of a NULL-terminated list of phrases occur in s at i
 * (x_phrase_at rules)?  Its end, or 0. */
size_t x_phrase_at_any(const char *s, size_t len, size_t i,
    const char *const *phrases);

/* extract_phrases.c: one of a list of phrases, tried by first letter
 * (phrase_index.h). */

/* The first phrase of the list (in its order) at s[i] (x_phrase_at
 * rules), with *end (may be NULL) set to its end; or NULL. */
const char *x_index_at(const struct pm_phrase_index *x, const char *s,
    size_t len, size_t i, size_t *end);

/* The first of a NULL-terminated list of phrases found in s, or NULL;
 * *at (may be NULL) is set to where it starts. */
const char *x_find_any(const char *s, size_t len,
    const char *const *phrases, size_t *at);

/* x_find_any() of an index the caller built: a scan of every line of a
 * report builds its list's index once, not once a line. */
const char *x_index_find(const struct pm_phrase_index *x, const char *s,
    size_t len, size_t *at);

/* Where the text of a numbered line starts ("5. Corrective actions",
 * "IV) Timeline", "5.1 Set the policy"), or 0 when it is not numbered. */
size_t x_numbering_end(const char *s, size_t len);

/* Lowercase words of s, ASCII letters and digits only, single spaces,
 * leading numbering ("1.", "0x19.", "IV.") removed.  Written to out
 * (size bytes, NUL-terminated); returns its length. */
size_t x_norm(char *out, size_t size, const char *s, size_t len);

/* The section a heading or label names, or SEC_NONE.  strict: only
 * labels that are a section's usual name ("Root cause", "Summary"), as
 * for "Label: content" lines. */
int x_section_of(const char *s, size_t len, int strict);

/* Fill l->label_len and l->content. */
void x_label_split(struct xline *l);

/* Is the label of l (normalised) one of names (a NULL-terminated list)? */
int x_label_is(const struct xline *l, const char *const *names);

/* Is s exactly one of list (NULL-terminated)? */
int x_in_list(const char *s, const char *const *list);
/* The labels of a field or heading that gives the window: "Duration",
 * "When", "Outage window" (normalised, as x_norm writes them). */
extern const char *const x_window_labels[];

/* End of the sentence that starts at i (the index after its final
 * punctuation, or len). */
size_t x_sentence_end(const char *s, size_t len, size_t i);

/* extract_title.c: is the i-th line a heading that opens the document
 * and is its title, not a section? */
int x_title_heading_at(const struct xdoc *d, size_t i);

/* extract_title.c: the title, when the front matter gives none. */
void x_find_title(struct xdoc *d);

/* extract_bignum.c: a slide's figure in a heading ("# 2,340") joined to
 * the line under it that says what it counts ("of the 9,100 riders
 * ..."), before the sections are assigned. */
void x_big_numbers(struct xdoc *d);

/* extract_story.c ---------------------------------------------------- */

/* Does the line start with a time, as a timeline entry does? */
int x_time_led(const struct xline *l);

/* Take a and b as the incident's start and end, from line: 0 when they
 * are the planned window's, passed over (x_plan_is). */
int x_take_range(struct xdoc *d, const struct pm_when *a,
    const struct pm_when *b, int line, const char *source);
/* extract_plan.c: the window a change was planned for (has_plan), and is
 * a to b that window (a, b NULL: an end of it) while the ranges and the
 * summary's times pass it over (skip_plan)? */
void x_plan_find(struct xdoc *d);
int x_plan_is(const struct xdoc *d, const struct pm_when *a,
    const struct pm_when *b);

/* extract_facts.c: the minutes from a to b, times without a day taken
 * on the same day; PM_UNKNOWN when either is not a time. */
long x_minutes_between(const struct pm_when *a, const struct pm_when *b);

/* A range in the lines of section sec (or of the title line): 1 when
 * one was taken. */
int x_range_in(struct xdoc *d, int sec, int title, const char *source);

/* The window a sentence gives the customer impact ("Customer impact
 * began at 19:02 and ended at 21:31", "the impact for players is from
 * 14h32 to 16h05"), in the summary, the preamble or the impact section,
 * unless the stated duration says the summary's range is it instead:
 * 1 when one was taken. */
int x_impact_window(struct xdoc *d);

/*
 * The start and end the sentences of section sec name: the first time
 * is the start, a later one in a sentence that says the impact ended
 * ("restored", "until") the end.  An end found in the paragraph of the
 * start is not replaced by a later paragraph's ("at 6:05 they restored
 * the previous key" in the story after "fully restored at 6:40").
 */
void x_summary_points(struct xdoc *d, int sec);

/* The start a writer settles on after giving it roughly ("from a little
 * after noon ... We put the start at 12:05"; "The start lies between
 * 10:05 and 10:10; we take 10:05"), within 90 minutes of d->start; or a
 * log's exact time in brackets after it ("shortly after the 10:30 sale
 * began (10:34 CDT by the bid log)"), up to 30 minutes later. */
void x_settled_start(struct xdoc *d);

/* extract_correct.c: the start and end as corrections later in the report
 * restate them, after the window was read (x_corrections_apply()). */
void x_corrections_apply(struct xdoc *d, int start, int end);

/* A thousands separator at s[j]: "1,200", "41,000", not "3, 4" or "1,5". */
int x_thousands_at(const char *s, size_t len, size_t j);

/* A number written in digits or words at s[i] (extract_number.c): its
 * end, with *v set; or 0. */
size_t x_number_at_full(const char *s, size_t len, size_t i, double *v);

/* The share scanners try this at every byte of a sentence; most bytes
 * are inside a word or start none of the number words (e to z), and
 * are turned away here without a call. */
static inline size_t
x_number_at(const char *s, size_t len, size_t i, double *v)
{
	int c;

	if (i >= len || (i > 0 && x_alnum((unsigned char)s[i - 1])))
		return 0;
	c = x_lower((unsigned char)s[i]);
	if (!(c >= '0' && c <= '9') && !(c >= 'e' && c <= 'z'))
		return 0;
	return x_number_at_full(s, len, i, v);
}

/* s as the when module can read it (pm_when_rewrite()): in the arena and
 * of the same length, so that offsets stay valid; s itself when nothing
 * changed. */
const char *x_time_text(struct xdoc *d, const char *s, size_t len);

/* Copy len bytes of s into the arena, blanks at both ends trimmed and
 * the backticks of code spans dropped; NULL when nothing is left. */
const char *x_strdup_trim(struct xdoc *d, const char *s, size_t len);

/* The index after the emoji and symbols ("🔥 ", "✅ ", "↩️ ") at s[i] and
 * the blanks after them: they decorate a line, they do not start it. */
size_t x_skip_symbols(const char *s, size_t len, size_t i);
/* The index after the marks of a heading typed without the space
 * Markdown wants after them ("#Postmortem", "##Timeline (EAT)") at
 * s[i], which CommonMark keeps as text; i when there are none. */
size_t x_skip_unspaced_marks(const char *s, size_t len, size_t i);

/* extract_slash.c: which way round the slash dates are. */

/* Decide from the whole document whether its ambiguous slash dates
 * ("12/03/2025") are day first, and if so rewrite them in every line's
 * time text. */
void x_slash_order(struct xdoc *d);

/* t (len bytes, a time text) with its ambiguous slash dates in ISO order
 * when the document writes the day first; t itself otherwise. */
const char *x_slash_day_first(struct xdoc *d, const char *t, size_t len);

/* extract_entry.c: where a timeline entry starts. */

/* "T+0", "T+7m", "T+1h25m", "T-6 min" at s[i]: the end, with *minutes
 * the offset from T0; 0 when there is none. */
size_t x_relative_at(const char *s, size_t len, size_t i, long *minutes);

/* "+2m", "+5 min", "40 mins later", "~10 min later" at s[i]: the end,
 * with *minutes the offset from the entry before; 0 when there is
 * none. */
size_t x_later_at(const char *s, size_t len, size_t i, long *minutes);

/* Was am or pm (or noon, midnight) written in s? */
int x_has_meridiem(const char *s, size_t len);

/* A dash, colon, bar or arrow between a time and its text at s[i]:
 * sets *end past it. */
int x_is_dash(const char *s, size_t len, size_t i, size_t *end);

/* i moved past spaces and tabs. */
size_t x_skip_blanks(const char *s, size_t len, size_t i);

/* "?", "??", "???" at the start of s: a time the writer does not know.
 * How many marks, or 0. */
size_t x_unknown_time(const char *s, size_t len);

/* A timeline entry at the start of s: its point, whether am/pm was
 * written, and where its text starts; 0 when s does not start with a time
 * (or a day) followed by some text. */
int x_entry_at(const char *s, size_t len, struct pm_when *w, int *mer,
    size_t *text);

/* Does a table header cell name a time or a date column? */
int x_time_column(const char *cell, size_t len);

/* A cell of a time column holding "0914" or "0914Z". */
int x_hhmm_cell(const char *p, size_t len, struct pm_when *w);

/* "Wes Abernathy  [2:05 PM]", "Kirra Doyle  9:48 AM": the header line
 * of a pasted chat message, next the line after it or NULL.  Sets *w and
 * *mer; 1 or 0. */
int x_chat_header(const struct xline *l, const struct xline *next,
    struct pm_when *w, int *mer);

/* "Mar 10, 13:52 SGT" alone on a line: when a status page's update was
 * posted, written under it.  Sets *w and *mer (am/pm written); 1 or 0. */
int x_post_stamp(const struct xline *l, struct pm_when *w, int *mer);

/* Does s hold any letter? */
int x_has_letter(const char *s, size_t len);
/* Words: runs of anything but blanks. */
size_t x_count_words(const char *s, size_t len);

/*
 * "1340", "0400 hrs", "0914Z" at the start of s: a 24-hour time written
 * without a colon, as logs and military-style notes do.  A bare 2000 to
 * 2059 could be a year, so it counts only with a suffix or followed by a
 * tab or two spaces (a log's column).  Sets the hour and minute of *w;
 * returns the bytes read, 0 when s does not start with one.
 */
size_t x_hhmm_at(const char *s, size_t len, struct pm_when *w);

/* Collect d->fields from the lines (after the sections are known);
 * lines that date the review meeting give none. */
void x_fields_build(struct xdoc *d);

/* extract_day.c: does l open with a label of the document's own date
 * ("**Doc last updated:** ...", "Published"), or date the review meeting
 * (extract_meeting.c)?  Its date and time are no part of the incident. */
int x_dates_the_document(const struct xline *l);

/* extract_question.c: x_qa_mark(): the length of the mark that opens a
 * Q&A's question (letter 'q': "Q:", "Q3.", "Q —", "Question 2:") or
 * answer ('a': "A:", "Answer:"), blanks after it included, or 0.
 * x_question_section(): the section that l, a question set as a line of
 * its own (a "Q:" paragraph, or with numbered set, an item of a list of
 * numbered sections), heads: the one its words name, SEC_OTHER for one
 * they do not ("Should I tell customers?"), SEC_NONE when l is no such
 * question.  next is the line after l, or NULL. */
size_t x_qa_mark(const char *s, size_t len, int letter);
int x_question_section(const struct xline *l, const struct xline *next,
    int numbered);

/* Drop the "A:" ("**A.**", "Answer:") that opens l, the first line of
 * the paragraph under a question, as markup: the answer is the text. */
void x_answer_unmark(struct xline *l);

/* extract_meeting.c: set `meeting` on the lines that date the review
 * meeting (after the sections are known); x_meeting_remark(): is l, in
 * a timeline, the note-taker's remark on the meeting's own business
 * rather than an entry? */
void x_mark_meeting(struct xdoc *d);
int x_meeting_remark(const struct xline *l);

/* The first field whose label is one of names, or NULL. */
const struct xfield *x_field(const struct xdoc *d, const char *const *names);

/* extract_clock.c: read the document's clock (after the sections and
 * the title are known); x_clock_pm() makes w pm when the clock says so
 * and returns 1, else leaves it and returns 0. */
void x_clock_read(struct xdoc *d);
int x_clock_pm(const struct xdoc *d, struct pm_when *w);

/* extract_zone.c: d->zone, d->has_zone, d->zone_line (after the
 * fields are built). */
void x_find_zone(struct xdoc *d);

/* extract_zone_offset.c: "two hours ahead of UTC" in s, as "UTC+2". */
int x_zone_stated_offset(struct pm_when *z, const char *s, size_t len);

/* Settle w's offset: the document's meaning of its zone when it defines
 * it ("CST (China Standard Time)"), else pm_when_settle_zone(). */
void x_zone_settle(const struct xdoc *d, struct pm_when *w);

/* extract_day.c */
/* The year that puts month/day nearest to ref's day (ref->year when ref
 * has no full date). */
int x_nearest_year(int month, int day, const struct pm_when *ref);

/* The first point in s with a day (want_day) or a time of day; its
 * offset in *at when at is not NULL.  0 when there is none. */
int x_find_point(struct pm_when *out, size_t *at, const char *s, size_t len,
    int want_day);

/* Set d->date (has_date, date_ends) to the incident's day, where the
 * document gives one. */
void x_find_day(struct xdoc *d);

/* extract_facts.c */
void x_facts_context(struct xdoc *d);	/* zone, day, start and end */
void x_facts_finish(struct xdoc *d);	/* after the timeline */
/* extract_tl_window.c: the start and end the timeline gives, where no
 * other reader found them (step 6 of extract_facts.c). */
void x_times_from_timeline(struct xdoc *d);

/* extract_impact.c: impact, then severity and services (below) and the
 * root cause through x_find_root_cause(). */
void x_facts_other(struct xdoc *d);

/* extract_share.h: the share of users (extract_share*.c). */

/* extract_nouns.c: NULL-terminated phrase lists (x_phrase_at rules). */
extern const char *const x_impact_words[];	/* make a sentence about impact */
extern const char *const x_people[];	/* nouns a share of is an impact */
extern const char *const x_persons[];	/* the people among them */

/* A plural of people the lists do not hold, known by its ending
 * ("claimants", "couriers", "retailers", "trainees") at s[i]: its end,
 * or 0. */
size_t x_agent_noun_at(const char *s, size_t len, size_t i);

/* The same in the singular, followed by "who", for "every applicant
 * who tried": its end, or 0. */
size_t x_agent_one_at(const char *s, size_t len, size_t i);

/* extract_severity.c: the severity and the affected services, unless the
 * front matter set them. */
void x_find_severity(struct xdoc *d);
void x_find_services(struct xdoc *d);

/* extract_cause.c: inc->root_cause and its line. */
void x_find_root_cause(struct xdoc *d);

/* extract_timeline.c: the timeline (its readers: extract_tl.h). */
void x_timeline(struct xdoc *d);
/* extract_said.c, for assign_sections(): does l's label name a phase a
 * timeline covers ("Detection:", "Actions taken:", "Escalation:")?  A
 * labelled item among timed ones is such a phase (x_tl_phase). */
int x_phase_label(const struct xline *l);
/* Is l, alone in its paragraph (next is the line after it, or NULL), one
 * of the format's questions for a phase ("when was the issue detected",
 * "how the incident was resolved")?  Then it is made all label. */
int x_phase_prompt(struct xline *l, const struct xline *next);

/* extract_kind.c */
#define XK_DETECTED_BEFORE 1	/* an entry before it was a detection */
#define XK_NOT_RESPONDING 2	/* nobody responds yet: neither
				 * mitigation nor investigation */
#define XK_ROWS 11		/* the rows of words tried in turn */

#define XK_ROW_WORDS 96		/* the words of a row and its NULL */
#define XK_WORDS (XK_ROWS * XK_ROW_WORDS)
#define XK_BUCKETS 1024		/* first two bytes, five bits each */

/*
 * The words of every row, made once for all the entries of a report and
 * bucketed by their first two bytes (a word whose second byte is a blank,
 * a stem mark or its end is in the bucket of its first with 31 as its
 * second).  One scan of an entry tries at each word only the words that
 * begin with its two bytes: a scan per row walked its bytes eleven
 * times, and chains by first letter tried a score of words at each.
 * Bucket b's words are by_bucket[first[b]] to by_bucket[first[b + 1] - 1],
 * in row order.
 */
struct xkinds {
	const char *words[XK_WORDS];
	unsigned char row_of[XK_WORDS];
	unsigned short first[XK_BUCKETS + 1];
	unsigned short by_bucket[XK_WORDS];
};

void x_kinds_init(struct xkinds *k);
/* The kind of an entry's text (enum xtkind); flags are XK_*. */
int x_timeline_kind(const struct xkinds *k, const char *s, size_t len,
    int flags);
const char *x_timeline_kind_name(int kind);

/* extract_items.c */
void x_action_items(struct xdoc *d);

#endif
