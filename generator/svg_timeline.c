/*
 * svg_timeline.c: drawing the timeline of one incident from the layout
 * svg_layout.c computed, and the test hook that hands that layout out.
 *
 * Drawing order matters because there is no z-index in SVG: the outage
 * shade first, then the axis and the leader lines, then the labels (with a
 * halo of the page background, so a leader passing behind a label in an
 * inner lane is hidden by it), then the markers.
 */

#include <stdio.h>
#include <string.h>

#include "svg_int.h"

#define MARK_R	5.5
#define BR_MID	9.0	/* bracket line below the row's top */

/* <text class="..." x=".." y=".." [text-anchor]> without closing. */
static void
open_text(struct pm_buf *b, const char *cls, double x, double y,
    const char *anchor)
{
	pm_buf_puts(b, "<text class=\"");
	pm_buf_puts(b, cls);
	pm_buf_putc(b, '"');
	svg_num_attr(b, "x", x);
	svg_num_attr(b, "y", y);
	if (anchor != NULL && strcmp(anchor, "start") != 0) {
		pm_buf_puts(b, " text-anchor=\"");
		pm_buf_puts(b, anchor);
		pm_buf_putc(b, '"');
	}
	pm_buf_putc(b, '>');
}

/* <g class="{cls}{kind}">: a page draws some sixty of these. */
static void
open_group(struct pm_buf *b, const char *cls, int kind)
{
	pm_buf_puts(b, "<g class=\"");
	pm_buf_puts(b, cls);
	pm_buf_puts(b, svg_kind_name(kind));
	pm_buf_puts(b, "\">");
}

static void
put_title(struct pm_buf *b, const struct tl *tl, const struct tl_event *e)
{
	const struct pm_timeline_entry *te = &tl->inc->timeline[e->entry];
	char when[48];

	svg_tl_when(when, sizeof(when), tl, e->t, 1);
	pm_buf_puts(b, "<title>");
	svg_texts(b, when);
	pm_buf_puts(b, " (");
	pm_buf_puts(b, svg_kind_name(e->kind));
	pm_buf_puts(b, "): ");
	svg_texts(b, te->text);
	pm_buf_puts(b, "</title>");
}

static void
draw_marker(struct pm_buf *b, double x, double y, double r)
{
	pm_buf_puts(b, "<circle class=\"pm-mark\"");
	svg_num_attr(b, "cx", x);
	svg_num_attr(b, "cy", y);
	svg_num_attr(b, "r", r);
	pm_buf_puts(b, "/>");
}

static void
draw_brackets(struct pm_buf *b, const struct tl *tl)
{
	const struct tl_bracket *br;
	double mid;
	size_t i;

	for (i = 0; i < tl->nbr; i++) {
		br = &tl->br[i];
		mid = br->y + BR_MID;
		open_group(b, "pm-k-", br->kind);
		if (br->a >= 0) {
			/* Caps at both ends; the line stops short of a
			 * label written on it. */
			pm_buf_puts(b, "<path class=\"pm-br\" d=\"M");
			svg_num(b, br->a);
			pm_buf_putc(b, ' ');
			svg_num(b, mid - 5);
			pm_buf_puts(b, "v10m0 -5H");
			if (strcmp(br->anchor, "middle") == 0) {
				svg_num(b, br->box.x - 2);
				pm_buf_puts(b, "M");
				svg_num(b, br->box.x + br->box.w + 2);
				pm_buf_putc(b, ' ');
				svg_num(b, mid);
				pm_buf_puts(b, "H");
			}
			svg_num(b, br->b);
			pm_buf_puts(b, "m0 -5v10\"/>");
		}
		open_text(b, "pm-small pm-halo", br->text_x, br->y + 13,
		    br->anchor);
		svg_texts(b, br->text);
		pm_buf_puts(b, "</text></g>\n");
	}
}

static void
draw_legend(struct pm_buf *b, const struct tl *tl)
{
	const struct tl_legend *lg;
	size_t i;

	for (i = 0; i < tl->nleg; i++) {
		lg = &tl->leg[i];
		if (lg->kind == SVG_K_COUNT) {
			pm_buf_puts(b, "<rect class=\"pm-outage\"");
			svg_num_attr(b, "x", lg->x);
			svg_num_attr(b, "y", lg->y + 3);
			pm_buf_puts(b, " width=\"12\" height=\"10\" "
			    "rx=\"5\"/>");
		} else {
			open_group(b, "pm-k-", lg->kind);
			draw_marker(b, lg->x + 5, lg->y + 8, 5);
			pm_buf_puts(b, "</g>");
		}
		open_text(b, "pm-muted pm-small", lg->x + 16, lg->y + 12,
		    NULL);
		pm_buf_puts(b, lg->kind == SVG_K_COUNT ? "outage" :
		    svg_kind_name(lg->kind));
		pm_buf_puts(b, "</text>\n");
	}
}

static void
draw_horizontal(struct pm_buf *b, const struct tl *tl)
{
	const struct tl_event *e;
	const struct tl_tick *tk;
	const char *text;
	size_t i;

	/* The outage is a ribbon along the axis: labels never sit on it,
	 * so their halo (the page background) stays invisible. */
	if (tl->has_outage) {
		pm_buf_puts(b, "<rect class=\"pm-outage\"");
		svg_num_attr(b, "x", tl->out_a - 9);
		svg_num_attr(b, "y", tl->axis_y - 9);
		svg_num_attr(b, "width", tl->out_b - tl->out_a + 18);
		pm_buf_puts(b, " height=\"18\" rx=\"9\"/>\n");
	}
	pm_buf_puts(b, "<path class=\"pm-axis\" d=\"M");
	svg_num(b, tl->x0 - 8);
	pm_buf_putc(b, ' ');
	svg_num(b, tl->axis_y);
	pm_buf_puts(b, "H");
	svg_num(b, tl->x1 + 8);
	for (i = 0; i < tl->nticks; i++) {
		pm_buf_puts(b, "M");
		svg_num(b, tl->ticks[i].x);
		pm_buf_putc(b, ' ');
		svg_num(b, tl->axis_y);
		pm_buf_puts(b, "v5");
	}
	pm_buf_puts(b, "\"/>\n");
	for (i = 0; i < tl->nticks; i++) {
		tk = &tl->ticks[i];
		if (tk->label[0] != '\0') {
			open_text(b, "pm-muted pm-small", tk->label_x,
			    tl->axis_y + 19, "middle");
			svg_texts(b, tk->label);
			pm_buf_puts(b, "</text>\n");
		}
		if (tk->date[0] != '\0') {
			open_text(b, "pm-muted pm-small pm-strong",
			    tk->date_x, tl->axis_y + 34, "middle");
			svg_texts(b, tk->date);
			pm_buf_puts(b, "</text>\n");
		}
	}
	/* All leader lines in one path, under every label. */
	pm_buf_puts(b, "<path class=\"pm-leader\" d=\"");
	for (i = 0; i < tl->nev; i++) {
		e = &tl->ev[i];
		pm_buf_puts(b, "M");
		svg_num(b, e->pos);
		pm_buf_putc(b, ' ');
		svg_num(b, e->lane % 2 == 0 ? tl->axis_y - MARK_R :
		    tl->axis_y + MARK_R);
		pm_buf_puts(b, "V");
		svg_num(b, e->lane % 2 == 0 ? e->box.y + 2 :
		    e->box.y + e->box.h - 2);
	}
	pm_buf_puts(b, "\"/>\n");
	draw_brackets(b, tl);
	for (i = 0; i < tl->nev; i++) {
		e = &tl->ev[i];
		text = tl->inc->timeline[e->entry].text;
		open_group(b, "pm-ev pm-k-", e->kind);
		put_title(b, tl, e);
		open_text(b, "pm-halo", e->anchor_end ? e->pos - 5 :
		    e->pos + 5, e->box.y + 13, e->anchor_end ? "end" : NULL);
		svg_put_fit(b, text != NULL ? text : "", e->fit, e->cut);
		pm_buf_puts(b, "</text>");
		draw_marker(b, e->pos, tl->axis_y, MARK_R);
		pm_buf_puts(b, "</g>\n");
	}
	draw_legend(b, tl);
}

static void
draw_vertical(struct pm_buf *b, const struct tl *tl)
{
	const struct tl_event *e;
	const char *text;
	char when[32];
	size_t i, j;

	draw_brackets(b, tl);
	if (tl->has_outage) {
		pm_buf_puts(b, "<rect class=\"pm-outage\"");
		svg_num_attr(b, "x", tl->axis_y - 7);
		svg_num_attr(b, "y", tl->out_a);
		pm_buf_puts(b, " width=\"14\"");
		svg_num_attr(b, "height", tl->out_b - tl->out_a);
		pm_buf_puts(b, " rx=\"7\"/>\n");
	}
	svg_line(b, "pm-axis", tl->axis_y, tl->ev[0].pos, 'V',
	    tl->ev[tl->nev - 1].pos);
	pm_buf_putc(b, '\n');
	for (i = 0; i < tl->nev; i++) {
		e = &tl->ev[i];
		text = tl->inc->timeline[e->entry].text;
		if (e->day[0] != '\0') {
			open_text(b, "pm-muted pm-small pm-strong", 78,
			    e->day_y + 13, NULL);
			svg_texts(b, e->day);
			pm_buf_puts(b, "</text>\n");
		}
		open_group(b, "pm-ev pm-k-", e->kind);
		put_title(b, tl, e);
		svg_tl_when(when, sizeof(when), tl, e->t, 0);
		open_text(b, "pm-muted", e->time_x, e->box.y + 14, "end");
		svg_texts(b, when);
		pm_buf_puts(b, "</text>");
		draw_marker(b, tl->axis_y, e->pos, MARK_R);
		open_text(b, "pm-big", e->box.x, e->box.y + 14, NULL);
		for (j = 0; j < e->nlines; j++) {
			pm_buf_puts(b, "<tspan");
			svg_num_attr(b, "x", e->box.x);
			svg_num_attr(b, "y", e->box.y + 14 + 19.0 * j);
			pm_buf_putc(b, '>');
			pm_buf_put_xml(b, text + e->lines[j].off,
			    e->lines[j].len);
			pm_buf_puts(b, "</tspan>");
		}
		pm_buf_puts(b, "</text></g>\n");
	}
	draw_legend(b, tl);
}

/* "Timeline of 9 events from 10:00 to 12:45; detected after 5 min; ..." */
static void
write_desc(struct pm_buf *d, const struct tl *tl)
{
	const struct tl_event *first = &tl->ev[0];
	const struct tl_event *last = &tl->ev[tl->nev - 1];
	long tod = tl->ref.hour * 60L + tl->ref.minute, days;
	char a[48], z[48];
	int cross;
	size_t i;

	days = svg_floor_div(tod + last->t, 1440) -
	    svg_floor_div(tod + first->t, 1440);
	cross = days != 0;
	svg_tl_when(a, sizeof(a), tl, first->t, cross);
	svg_tl_when(z, sizeof(z), tl, last->t, cross);
	pm_buf_printf(d, "Timeline of %zu event%s", tl->nev,
	    tl->nev == 1 ? "" : "s");
	if (tl->nev == 1)
		pm_buf_printf(d, " at %s", a);
	else
		pm_buf_printf(d, " from %s to %s", a, z);
	if (cross && !tl->ref_dated && days == 1)
		pm_buf_puts(d, " the next day");
	else if (cross && !tl->ref_dated)
		pm_buf_printf(d, " %ld days later", days);
	for (i = 0; i < tl->nbr; i++)
		pm_buf_printf(d, "; %s", tl->br[i].text);
	pm_buf_puts(d, ".");
	if (tl->layout != tl->asked)
		pm_buf_puts(d, " Shown one event per row: too many to fit "
		    "on one line.");
}

static void
draw(struct pm_buf *out, const struct tl *tl, enum pm_svg_style style)
{
	const struct pm_incident *inc = tl->inc;
	struct pm_buf title = PM_BUF_INIT, desc = PM_BUF_INIT;
	char id[128];

	svg_make_id(id, sizeof(id), "pm-tl",
	    inc->slug != NULL ? inc->slug : "incident",
	    tl->asked == PM_SVG_HORIZONTAL ? "h" : "v");
	if (inc->title != NULL)
		pm_buf_printf(&title, "Timeline: %s", inc->title);
	else
		pm_buf_puts(&title, "Incident timeline");
	write_desc(&desc, tl);
	svg_begin(out, id, tl->width, tl->height, pm_buf_cstr(&title),
	    pm_buf_cstr(&desc), style == PM_SVG_OWN_STYLE ?
	    SVG_SHEET_TIMELINE : SVG_SHEET_NONE);
	if (tl->layout == PM_SVG_HORIZONTAL)
		draw_horizontal(out, tl);
	else
		draw_vertical(out, tl);
	svg_end(out);
	pm_buf_free(&title);
	pm_buf_free(&desc);
}

int
pm_svg_timeline(struct pm_buf *out, const struct pm_incident *inc,
    enum pm_svg_layout layout, enum pm_svg_style style,
    struct pm_error *err)
{
	struct pm_arena *arena = NULL;
	struct tl tl;
	int rc = 0;

	if (out == NULL || inc == NULL || (layout != PM_SVG_HORIZONTAL &&
	    layout != PM_SVG_VERTICAL)) {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "svg timeline: no incident, buffer or layout");
		goto out;
	}
	arena = pm_arena_new();
	if (svg_tl_build(&tl, arena, inc, layout) > 0)
		draw(out, &tl, style);
out:
	pm_arena_free(arena);
	return rc;
}

int
pm_svg__timeline_layout(struct pm_svg__layout *out, struct pm_arena *arena,
    const struct pm_incident *inc, enum pm_svg_layout layout,
    struct pm_error *err)
{
	struct tl tl;
	size_t i, *rank;
	int rc = 0;

	memset(out, 0, sizeof(*out));
	if (arena == NULL || inc == NULL || (layout != PM_SVG_HORIZONTAL &&
	    layout != PM_SVG_VERTICAL)) {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "svg timeline: no incident, arena or layout");
		goto out;
	}
	out->layout = layout;
	if (svg_tl_build(&tl, arena, inc, layout) == 0)
		goto out;
	out->layout = tl.layout;
	out->width = tl.width;
	out->height = tl.height;
	out->axis = tl.axis;
	out->boxes = tl.boxes;
	out->nboxes = tl.nboxes;
	out->nlanes = tl.nlanes;
	out->nentries = tl.nev;
	out->minutes = pm_arena_calloc(arena, tl.nev, sizeof(long));
	out->pos = pm_arena_calloc(arena, tl.nev, sizeof(double));
	/* Events are in time order; the hook answers in incident order. */
	rank = pm_arena_calloc(arena, inc->ntimeline, sizeof(size_t));
	for (i = 0; i < tl.nev; i++)
		rank[tl.ev[i].entry] = 1;
	for (i = 1; i < inc->ntimeline; i++)
		rank[i] += rank[i - 1];
	for (i = 0; i < tl.nev; i++) {
		out->minutes[rank[tl.ev[i].entry] - 1] = tl.ev[i].t;
		out->pos[rank[tl.ev[i].entry] - 1] = tl.ev[i].pos;
	}
out:
	return rc;
}
