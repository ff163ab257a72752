/*
 * extract_tl.h: the timeline as it is being read (struct xtl), and the
 * readers of its lines in extract_timeline.c, extract_rows.c,
 * extract_offset.c, extract_said.c and extract_narrative.c.  Internal to
 * the extract stage, like extract_int.h, with its rules: lines are
 * borrowed from the xdoc, entries' texts live in its arena, the arrays
 * of struct xtl are the reader's own and freed by x_timeline().
 */
#ifndef PM_EXTRACT_TL_H
#define PM_EXTRACT_TL_H

#include "extract_int.h"

struct xtl {
	struct xdoc *d;
	struct pm_timeline_entry *e;
	struct pm_when *w;
	int *mer, *kind, *block;
	const char **raw;	/* the text with its code spans, for the kind */
	size_t n, cap;
	struct pm_buf text;
	int cols[8];		/* time and date columns of the table */
	int ncols;
	size_t awaiting;	/* 1 + the entry of a time heading that waits
				 * for its text, or 0 */
	struct pm_when t0;	/* when "T+0" was, for "T+7m" entries */
	int has_t0;
	int t0_assumed;		/* T0 is the start the summary gives, not
				 * one the timeline states: "+7m" then
				 * counts from the entry before */
	int para_led;		/* every paragraph opens with its time (1)
				 * or its bold time (2): a sentence holds
				 * one entry at most (1) or a paragraph
				 * one (2) */
	int listed_block;	/* 1 + the block last asked about by
				 * tl_listed(), or 0 */
	int listed;		/* and the answer */
};

/* Add an entry at w read from l (mer: am/pm written) with text. */
void x_tl_push(struct xtl *t, const struct xline *l, const struct pm_when *w,
    int mer, const char *text, size_t len);
/* Append s to the text of entry i. */
void x_tl_append(struct xtl *t, size_t i, const char *s, size_t len);

/* extract_rows.c: a table's header row, whose cells name the time and
 * date columns (t->cols), and a row under it: an entry when its time
 * cells hold a time. */
void x_tl_header(struct xtl *t, const struct xline *l);
void x_tl_row(struct xtl *t, const struct xline *l);

/* extract_offset.c: when T0 was (t->t0, t->has_t0), for a timeline in
 * offsets from it. */
void x_tl_t0(struct xtl *t);
/* An offset from T0 at s[i] ("T+7m", "H+0:20", and "+00:12" when T0 is
 * stated): its end with *minutes, or 0. */
size_t x_t0_offset_at(const struct xtl *t, const char *s, size_t len,
    size_t i, long *minutes);
/* "T+7m — Alert fires": an entry at T0 and the offset from l; 1 when
 * made, else 0. */
int x_tl_relative(struct xtl *t, const struct xline *l);
/* "+2m - pings me", "10 min later: rollback done": an entry at an offset
 * from the entry before; 1 when made, else 0. */
int x_tl_later(struct xtl *t, const struct xline *l);

/* extract_said.c: items that do not open with their time, each 1 when it
 * made an entry, else 0: "Alert fires (09:20)", the time last in
 * brackets; */
int x_tl_time_last(struct xtl *t, const struct xline *l);
/* "Errors climb at 11:35 am.", the one time said after "at" or "by"; */
int x_tl_time_said(struct xtl *t, const struct xline *l);
/* "Quarter to midnight (11:45 p.m.) — text", "Next morning, 7:00 a.m. —
 * text": a few words, then the clock time; */
int x_tl_time_aside(struct xtl *t, const struct xline *l);
/* "Later that evening — text", no time: at the time of the entry before. */
int x_tl_untimed(struct xtl *t, const struct xline *l);
/* "Outage Began: April 29, 2024, 6:00 AM EAT": an entry at the label's
 * value, the label its text; 1 when l is one. */
int x_tl_valued(struct xtl *t, const struct xline *l);
/* Is l, a line of the timeline section's paragraph after the entry
 * above, a step of its own (a sentence after one that ended) rather
 * than more words of that entry?  Then it is pushed, and 1 returned. */
int x_tl_step_line(struct xtl *t, const struct xline *l);
size_t x_tl_steps(struct xtl *t);
int x_tl_phase(struct xtl *t, const struct xline *l);
/* A timeline told by its phases, the lines under each label its entries
 * (x_tl_phases, extract_said.c): the entries made, 0 when the section
 * has fewer than two phases or no more than beat (the entries the
 * timeline's times gave, which then stand). */
size_t x_tl_phases(struct xtl *t, size_t beat);
/* A report that tells its timeline again further down "for fun", with
 * the same clock times: the second telling's entries are dropped. */
void x_tl_drop_retelling(struct xtl *t);

/* extract_narrative.c: the entries of line l from offset from on, the
 * one that starts there and each later sentence that starts with a time;
 * returns how many. */
int x_tl_sentences(struct xtl *t, const struct xline *l, size_t from);
/* A paragraph of a narrative timeline cut into an entry at each time an
 * event happened (per_sentence: one at most in each sentence); returns
 * how many. */
int x_tl_narrative(struct xtl *t, const struct xline *l, size_t from,
    int per_sentence);
/* A story's events, read from its paragraphs where no timeline section
 * and no run of time-led lines gave entries; lines opening with one of
 * notes are none.  How many entries it made. */
size_t x_tl_story(struct xtl *t, const char *const *notes);

/* How many paragraphs the entries of t come from. */
int x_tl_paragraphs(const struct xtl *t);

#endif
