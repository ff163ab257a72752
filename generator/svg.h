/*
 * svg.h: the pictures of the site as SVG text: one timeline per incident
 * and the overview charts (incidents per month by cause, downtime by
 * cause, the incidents of one cause on one time axis).
 *
 * Contract
 *  - Every function appends one complete <svg> element to a caller-owned
 *    struct pm_buf and borrows its inputs only for the duration of the
 *    call; nothing is kept and nothing is global, so pictures may be drawn
 *    from several threads at once.  Scratch memory is taken and released
 *    inside each call; only the test hook allocates in the caller's arena.
 *  - Errors are found before anything is written: on error nothing is
 *    appended and err is filled.  The only errors are arguments that make
 *    no sense (NULL data, an unknown layout, several series without
 *    names): PM_ERROR.
 *  - Output is deterministic: no clock, no locale (numbers are written by
 *    hand with at most one decimal), the same input gives the same bytes.
 *  - Text from postmortems goes through the XML escaper after invalid
 *    UTF-8 is replaced by U+FFFD, so hostile text stays text.  No script,
 *    no link, no external reference: the pictures can be inlined in a page
 *    or saved as files.
 *
 * Accessibility: each picture has role="img" and aria-labelledby pointing
 * at its own <title> and <desc>.  The desc says in words what the picture
 * shows.  Element ids start with the given id prefix (the incident slug
 * for timelines), so two pictures inline in one page never share an id.
 *
 * Sizing: a viewBox and width="100%" with no fixed height, so the picture
 * scales with its column.  The horizontal timeline and the charts are 920
 * units wide (the default theme's 60rem column); the vertical timeline is
 * 360 units wide (a phone).  Text is sized in those units (12-14).
 *
 * Colours come only from CSS custom properties, set by the theme (light
 * and dark), each with a fallback to the default theme's own variable and
 * then to a fixed colour:
 *   --pm-text      labels (falls back to --fg)
 *   --pm-muted     ticks, leader lines, secondary text (--muted)
 *   --pm-axis      axis lines (--muted)
 *   --pm-grid      gridlines (--line)
 *   --pm-bg        the halo behind labels (--bg): set it to the page
 *                  background, or labels get a light outline in dark mode
 *   --pm-outage    the shaded outage window (drawn at 12% opacity)
 *   --pm-detected, --pm-investigated, --pm-misleading, --pm-escalated,
 *   --pm-mitigated, --pm-resolved, --pm-other
 *                  timeline markers by kind
 *   --pm-bar-1 … --pm-bar-12
 *                  chart series, reused in turn past the eighth
 * The rules live in a <style> element inside each <svg> whose selectors
 * all start with .pm-svg, so an inlined picture does not style the page.
 * A picture carries only the rules it draws with (a timeline has no bar
 * colours).  As a stand-alone file (<img src>) the page's variables do
 * not reach the picture and the fallbacks apply.
 */
#ifndef PM_SVG_H
#define PM_SVG_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "incident.h"

enum pm_svg_layout {
	PM_SVG_HORIZONTAL,	/* wide screens: time runs left to right */
	PM_SVG_VERTICAL		/* narrow screens: one entry per row */
};

/*
 * Whether a timeline carries its <style>.  A page that inlines both
 * layouts needs the rules once: a <style> inside an inline <svg> styles
 * the whole HTML document, also while its own picture is hidden by a
 * media query.  So the first picture of a page takes PM_SVG_OWN_STYLE and
 * the second PM_SVG_PAGE_STYLE, which saves a tenth of an incident page.
 * A picture saved as a file, or the only one of its page, needs its own.
 */
enum pm_svg_style {
	PM_SVG_OWN_STYLE,
	PM_SVG_PAGE_STYLE	/* no <style>: an earlier picture has it */
};

/*
 * Draw the timeline of inc.
 *
 * Entries whose time cannot be read (or has no time of day: a date alone)
 * are left out.  When no entry is left, nothing is written and 0 is
 * returned: an incident without a timeline gets no picture.
 *
 * Times: ISO 8601 entries are placed by their date, time and offset;
 * "HH:MM" entries follow the entry before them, and a time earlier than
 * the one before means the next day.  Everything is shown in the zone of
 * the reference point: inc->start when it has a date and a time, else the
 * first dated entry, else the first entry.  The axis covers the entries
 * and the outage window (inc->start to inc->end when known).
 *
 * PM_SVG_HORIZONTAL places labels in lanes above and below the axis; when
 * the labels would need more than PM_SVG_MAX_LANES lanes (dense or very
 * many entries) the vertical layout is drawn instead, so labels never
 * overlap.  Labels there are cut to about 40 characters with an ellipsis;
 * the vertical layout wraps the whole text.  Either way the whole text is
 * in the <title> (tooltip) of the entry's group.
 *
 * Ids start with "pm-tl-<slug>-h" or "-v" (the layout asked for), so both
 * layouts can be inlined in one page and shown by media queries.
 */
int pm_svg_timeline(struct pm_buf *out, const struct pm_incident *inc,
    enum pm_svg_layout layout, enum pm_svg_style style,
    struct pm_error *err);

#define PM_SVG_MAX_LANES 8

/*
 * Chart data: ncategories columns (bars) by nseries stacked series.
 *
 *  - categories[c] labels column c ("2024-03"); names[s] names series s
 *    ("Database"), shown in the legend (left out when nseries is 1).
 *  - values[c * nseries + s] is the value of series s in category c;
 *    negative values and NaN count as 0.
 *  - unit says how a value is written: PM_SVG_COUNT as a number ("3",
 *    "2.5"), PM_SVG_MINUTES as a duration ("3 h 20 min").
 *  - unit_one and unit_many (may be NULL) follow a count in tooltips and
 *    value labels: "1 incident", "3 incidents".
 *  - id prefixes the element ids; NULL gives "pm-chart".
 * Everything is borrowed for the duration of the call.
 */
enum pm_svg_unit {
	PM_SVG_COUNT,
	PM_SVG_MINUTES
};

struct pm_svg_series {
	const char *const *categories;
	size_t ncategories;
	const char *const *names;
	size_t nseries;
	const double *values;
	enum pm_svg_unit unit;
	const char *unit_one, *unit_many;
	const char *id;
};

/*
 * Columns, one per category, stacked by series, with a y axis, horizontal
 * gridlines, the total above each column, a legend and a tooltip per
 * segment.  Category labels are thinned out when they would overlap.
 * With no category, or only zeros, a small "No data" picture is drawn.
 * title is the picture's <title>; desc its <desc> (NULL: one is written
 * from the data: "Stacked columns of 3 series over 12 categories; ...").
 */
int pm_svg_chart_stacked(struct pm_buf *out, const struct pm_svg_series *s,
    const char *title, const char *desc, struct pm_error *err);

/*
 * Horizontal bars, one per category in the given order, stacked by series,
 * with the label on the left and the total written after the bar ("3 h
 * 20 min" for minutes).  Empty data: the "No data" picture.
 */
int pm_svg_chart_bars(struct pm_buf *out, const struct pm_svg_series *s,
    const char *title, const char *desc, struct pm_error *err);

/*
 * Incidents on one time axis (recurrence of one cause).
 *  - dates[i]: ISO 8601 date or date-time ("2024-03-05",
 *    "2024-03-05T10:00:00-05:00"); an item whose date cannot be read
 *    is left out.
 *  - titles[i]: the incident title, shown in the dot's tooltip.
 *  - minutes: NULL, or the duration of each incident (PM_UNKNOWN when not
 *    known): dots are then sized by duration (area grows with it).
 * Dots on the same day or close by are stacked, not drawn over each other.
 * Nothing readable: the "No data" picture.
 */
struct pm_svg_dots {
	const char *const *dates;
	const char *const *titles;
	const long *minutes;
	size_t n;
	const char *id;
};

int pm_svg_chart_dots(struct pm_buf *out, const struct pm_svg_dots *d,
    const char *title, const char *desc, struct pm_error *err);

/*
 * Test hook: the timeline layout that pm_svg_timeline() draws, so tests
 * can check that no two boxes intersect.  Boxes are in viewBox units:
 * every piece of text drawn (entry labels, tick labels, bracket labels,
 * legend items, times and dates of the vertical layout), each with what it
 * is.  axis is the band the axis occupies (line, markers and, in the
 * horizontal layout, tick labels).  minutes[i] is entry i's time in
 * minutes from the reference point (see pm_svg_timeline), pos[i] its
 * position along the axis (x, or y in the vertical layout), for the timed
 * entries in the incident's order; nentries counts them.  Arrays live in
 * arena.  Returns 0; nentries is 0 when nothing would be drawn.
 */
enum pm_svg_box_kind {
	PM_SVG_BOX_LABEL,	/* an entry's text */
	PM_SVG_BOX_TIME,	/* an entry's time (vertical layout) */
	PM_SVG_BOX_TICK,	/* an axis tick or day label */
	PM_SVG_BOX_BRACKET,	/* "detected after …" */
	PM_SVG_BOX_LEGEND	/* a legend item */
};

struct pm_svg_box {
	double x, y, w, h;
	enum pm_svg_box_kind kind;
};

struct pm_svg__layout {
	enum pm_svg_layout layout;	/* the one drawn (after fallback) */
	double width, height;		/* the viewBox */
	struct pm_svg_box axis;
	struct pm_svg_box *boxes;
	size_t nboxes;
	size_t nlanes;			/* horizontal: lanes used */
	long *minutes;
	double *pos;
	size_t nentries;
};

int pm_svg__timeline_layout(struct pm_svg__layout *out,
    struct pm_arena *arena, const struct pm_incident *inc,
    enum pm_svg_layout layout, struct pm_error *err);

/*
 * Estimated advance width of s (len bytes of UTF-8) in a sans-serif font
 * of the given size, in the same units; see svg.c for the table and the
 * margin.  Exposed for tests.
 */
double pm_svg__text_width(const char *s, size_t len, double font_size);

#endif
