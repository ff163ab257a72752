/*
 * svg_int.h: what svg.c shares with svg_timeline.c, svg_layout.c and
 * svg_chart.c (the document frame, text measure and escaping, numbers,
 * durations, event kinds).  Not part of the public API: everyone else
 * includes svg.h.
 */
#ifndef PM_SVG_INT_H
#define PM_SVG_INT_H

#include <stddef.h>

#include "svg.h"
#include "when.h"

/* Series colours (--pm-bar-1 to --pm-bar-12): one per default cause but
 * "other", which is rarely charted beside all twelve. */
#define SVG_NCOLOURS 12

#define SVG_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Event kinds, in legend order; anything unknown is SVG_K_OTHER. */
enum svg_kind {
	SVG_K_DETECTED,
	SVG_K_INVESTIGATED,
	SVG_K_MISLEADING,
	SVG_K_ESCALATED,
	SVG_K_MITIGATED,
	SVG_K_RESOLVED,
	SVG_K_OTHER,
	SVG_K_COUNT
};

int svg_kind_of(const char *kind);
const char *svg_kind_name(int kind);

/* Which rules a picture's <style> holds (svg.c has the sheets). */
enum svg_sheet {
	SVG_SHEET_NONE,		/* no <style>: the page has one */
	SVG_SHEET_TIMELINE,
	SVG_SHEET_CHART
};

/*
 * The <svg> start tag, its <title> and <desc> (ids "<id>-title" and
 * "<id>-desc") and the <style> of sheet.  id must already be safe (see
 * svg_make_id).  desc may be NULL (then the title is repeated).
 */
void svg_begin(struct pm_buf *b, const char *id, double width, double height,
    const char *title, const char *desc, enum svg_sheet sheet);
void svg_end(struct pm_buf *b);

/* The "No data" picture of the charts. */
void svg_no_data(struct pm_buf *b, const char *id, const char *title,
    const char *desc);

/*
 * An id from parts joined by '-': only [a-z0-9-] kept (letters lowered),
 * others dropped; NULL parts skipped.  out holds size bytes (>= 16).
 */
void svg_make_id(char *out, size_t size, const char *a, const char *b,
    const char *c);

/* A number with at most one decimal ("12", "12.5", "-3"), locale-free. */
void svg_num(struct pm_buf *b, double v);

/* ` name="v"`: a numeric attribute, v written by svg_num. */
void svg_num_attr(struct pm_buf *b, const char *name, double v);

/*
 * `<path class="cls" d="Mx yCto"/>`, no newline: a straight line from
 * (x, y), where cmd is 'H' or 'V' to an absolute x or y, or 'h' or 'v' by
 * a length.  cls must already be safe (it is not escaped).
 */
void svg_line(struct pm_buf *b, const char *cls, double x, double y, char cmd,
    double to);

/* Text or attribute content from a C string (NULL writes nothing), through
 * pm_buf_put_xml, which makes any bytes well-formed.  A length-bounded
 * piece of text goes to pm_buf_put_xml directly. */
void svg_texts(struct pm_buf *b, const char *s);

/* "45 min", "2 h", "2 h 45 min", "1 d 3 h 5 min"; 0 is "0 min". */
void svg_duration(char *out, size_t size, long minutes);

/* A value in its unit: "3", "2.5" or a duration, then the unit words. */
void svg_value(char *out, size_t size, double v, enum pm_svg_unit unit,
    const char *unit_one, const char *unit_many);

/* The byte after the UTF-8 character at s[i] (at most len). */
size_t svg_utf8_next(const char *s, size_t len, size_t i);

/*
 * How many bytes of s fit in maxw at font size and in max_chars characters
 * (0: no limit): the whole when it fits (*cut = 0); otherwise a prefix,
 * cut at a blank when one is near, that leaves room for an ellipsis
 * (*cut = 1).
 */
size_t svg_fit(const char *s, size_t len, double font, double maxw,
    size_t max_chars, int *cut);

/* Write s[0..n) and, when cut, an ellipsis. */
void svg_put_fit(struct pm_buf *b, const char *s, size_t n, int cut);

/*
 * Greedy word wrap into lines of at most maxw (a word longer than a line
 * is broken between characters).  Lines are byte ranges of s without the
 * blanks around them; the array lives in arena.  Returns the count, at
 * least 1 (one empty line for empty text).
 */
struct svg_line {
	size_t off, len;
	double w;
};

size_t svg_wrap(struct svg_line **out, struct pm_arena *arena, const char *s,
    size_t len, double font, double maxw);

/* Floor division for negative minutes. */
long svg_floor_div(long a, long b);

/* "Jan" … "Dec" for 1 … 12, "?" otherwise. */
const char *svg_month_abbr(int month);

/* "Mar 5" from a dated point; with_year adds ", 2024". */
void svg_date_label(char *out, size_t size, const struct pm_when *w,
    int with_year);

/*
 * The timeline as svg_layout.c computes it and svg_timeline.c draws it.
 * Times are minutes from the reference point (svg.h); everything lives in
 * the arena.
 */
struct tl_event {
	size_t entry;		/* index in inc->timeline */
	long t;
	int kind;
	double pos;		/* marker x (horizontal) or y (vertical) */
	int lane;
	int anchor_end;		/* horizontal: label left of its pole */
	struct pm_svg_box box;	/* the label */
	size_t fit;		/* horizontal: bytes of text shown */
	int cut;
	struct svg_line *lines;	/* vertical: wrapped text */
	size_t nlines;
	double time_x, time_w;	/* vertical: the time column */
	char day[32];		/* vertical: day heading above the row */
	double day_y;
};

struct tl_tick {
	double x, label_x, date_x;
	char label[32];
	char date[32];
};

struct tl_bracket {
	int kind;		/* SVG_K_DETECTED or SVG_K_RESOLVED */
	long minutes;
	double a, b, y;		/* from x a to x b at y; a < 0: none */
	double text_x;
	const char *anchor;	/* "start", "middle" or "end" */
	char text[64];
	struct pm_svg_box box;
};

struct tl_legend {
	int kind;		/* SVG_K_COUNT for the outage swatch */
	double x, y;
	struct pm_svg_box box;
};

struct tl {
	struct pm_arena *arena;
	const struct pm_incident *inc;
	enum pm_svg_layout asked, layout;
	struct pm_when ref;
	int ref_dated;
	struct tl_event *ev;	/* sorted by time, then entry */
	size_t nev;
	int has_start, has_end;
	long t_start, t_end, ttd, ttr;	/* ttd, ttr: -1 when unknown */
	double lo, hi;		/* the axis domain */
	double width, height;
	double axis_y, x0, x1;	/* vertical layout: axis_y is its x */
	double out_a, out_b;	/* outage: x range, or y range */
	int has_outage;
	struct pm_svg_box axis;
	struct tl_tick *ticks;
	size_t nticks;
	size_t nlanes;
	struct tl_bracket br[2];
	size_t nbr;
	struct tl_legend leg[SVG_K_COUNT + 1];
	size_t nleg;
	struct pm_svg_box *boxes;
	size_t nboxes, capboxes;
};

/* Read the times and lay out; 0 when there is nothing to draw. */
size_t svg_tl_build(struct tl *tl, struct pm_arena *arena,
    const struct pm_incident *inc, enum pm_svg_layout layout);

/* The local date and time of minute t, "10:05" or "Mar 5 10:05". */
void svg_tl_when(char *out, size_t size, const struct tl *tl, long t,
    int with_date);

#endif
