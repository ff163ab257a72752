/*
 * svg_layout.c: where everything of a timeline goes: the times of the
 * entries read and put in order, then the geometry of the horizontal
 * layout (axis, ticks, label lanes, brackets, legend) or of the vertical
 * one (one row per entry).  svg_timeline.c only draws what this decides,
 * and the test hook reads the same boxes, so the tests check the picture
 * that is drawn.
 *
 * Why lanes: labels are wider than the gaps between entries, so a label
 * goes in the first lane (above the axis, below it, two above, ...) whose
 * last label ends before this one starts.  Entries are taken in time
 * order, so comparing with each lane's right edge is enough.  When more
 * than PM_SVG_MAX_LANES lanes would be needed the picture would be a wall
 * of labels, and the vertical layout, where nothing can overlap, is used.
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svg_int.h"

/* Horizontal layout. */
#define H_W		920.0
#define H_PAD		16.0
#define H_AXIS_PAD	24.0
#define LABEL_FONT	13.0
#define LABEL_MAXW	300.0
#define LABEL_MAXCH	40
#define POLE_GAP	5.0	/* from the leader line to the text */
#define LANE		22.0
#define BOX_H		18.0
#define LANE_GAP	8.0	/* between two labels of one lane */
#define TICK_FONT	12.0
#define TICK_SPACING	80.0
#define SMALL_FONT	12.0
#define BR_ROW		24.0
#define LEG_ROW		20.0

/* Vertical layout. */
#define V_W		360.0
#define V_TIME_R	52.0	/* right edge of the time column */
#define V_AXIS		64.0
#define V_TEXT		78.0
#define V_FONT		14.0
#define V_LINE		19.0
#define V_ROW_GAP	9.0

static const long tick_steps[] = {
	1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 10080
};

static void
add_box(struct tl *tl, struct pm_svg_box box)
{
	struct pm_svg_box *bigger;

	if (tl->nboxes == tl->capboxes) {
		tl->capboxes = tl->capboxes ? tl->capboxes * 2 : 64;
		bigger = pm_arena_alloc(tl->arena,
		    pm_xmul(tl->capboxes, sizeof(*bigger)));
		if (tl->nboxes > 0)
			memcpy(bigger, tl->boxes,
			    tl->nboxes * sizeof(*bigger));
		tl->boxes = bigger;
	}
	tl->boxes[tl->nboxes++] = box;
}

static struct pm_svg_box
box_of(double x, double y, double w, double h, enum pm_svg_box_kind kind)
{
	struct pm_svg_box b;

	b.x = x, b.y = y, b.w = w, b.h = h, b.kind = kind;
	return b;
}

static double
width_of(const char *s, double font)
{
	return pm_svg__text_width(s, strlen(s), font);
}

static const char *
entry_text(const struct tl *tl, const struct tl_event *e)
{
	const char *s = tl->inc->timeline[e->entry].text;

	return s != NULL ? s : "";
}

/* Times. */

static int
is_full(const struct pm_when *w)
{
	return w->year > 0 && w->month > 0 && w->day > 0 && w->hour >= 0;
}

/* A point with a time of day, from an ISO string or "HH:MM". */
static int
read_point(struct pm_when *w, const char *s)
{
	pm_when_init(w);
	return s != NULL && pm_when_parse(w, s, strlen(s)) > 0 &&
	    w->hour >= 0;
}

/*
 * Minutes from the reference point to w.  A dated point is placed by its
 * date; a time of day follows the point before it (prev, when have_prev)
 * and wraps to the next day when earlier, or else lands within twelve
 * hours of the reference.
 */
static long
place(const struct tl *tl, const struct pm_when *w, int have_prev,
    long prev)
{
	long m, tod, ref_tod, local, day;

	if (tl->ref_dated && is_full(w) &&
	    pm_when_diff_minutes(&m, &tl->ref, w))
		return m;
	tod = w->hour * 60L + w->minute;
	if (w->has_zone && tl->ref.has_zone)
		tod += tl->ref.offset_minutes - w->offset_minutes;
	tod = (tod % 1440 + 1440) % 1440;
	ref_tod = tl->ref.hour * 60L + tl->ref.minute;
	if (have_prev) {
		local = ref_tod + prev;
		day = svg_floor_div(local, 1440) * 1440;
		m = day + tod;
		if (m < local)
			m += 1440;
		return m - ref_tod;
	}
	m = tod - ref_tod;
	if (m >= 720)
		m -= 1440;
	if (m < -720)
		m += 1440;
	return m;
}

static int
cmp_event(const void *a, const void *b)
{
	const struct tl_event *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/* The reference point: start, else the first dated entry, else the first. */
static int
pick_ref(struct tl *tl)
{
	const struct pm_incident *inc = tl->inc;
	struct pm_when w;
	size_t i;

	if (read_point(&w, inc->start) && is_full(&w)) {
		tl->ref = w, tl->ref_dated = 1;
		return 1;
	}
	for (i = 0; i < inc->ntimeline; i++)
		if (read_point(&w, inc->timeline[i].time) && is_full(&w)) {
			tl->ref = w, tl->ref_dated = 1;
			return 1;
		}
	for (i = 0; i < inc->ntimeline; i++)
		if (read_point(&w, inc->timeline[i].time)) {
			w.year = w.month = w.day = 0;
			tl->ref = w;
			return 1;
		}
	return 0;
}

static void
read_times(struct tl *tl)
{
	const struct pm_incident *inc = tl->inc;
	struct pm_when w;
	long prev = 0, t;
	size_t i;
	int have_prev = 0;

	tl->ev = pm_arena_calloc(tl->arena, inc->ntimeline + 1,
	    sizeof(*tl->ev));
	for (i = 0; i < inc->ntimeline; i++) {
		if (!read_point(&w, inc->timeline[i].time))
			continue;
		t = place(tl, &w, have_prev, prev);
		tl->ev[tl->nev].entry = i;
		tl->ev[tl->nev].t = t;
		tl->ev[tl->nev].kind = svg_kind_of(inc->timeline[i].kind);
		tl->nev++;
		prev = t, have_prev = 1;
	}
	if (read_point(&w, inc->start)) {
		tl->t_start = place(tl, &w, 0, 0);
		tl->has_start = 1;
	}
	if (read_point(&w, inc->end)) {
		tl->t_end = place(tl, &w, tl->has_start, tl->t_start);
		tl->has_end = !tl->has_start || tl->t_end >= tl->t_start;
	}
	qsort(tl->ev, tl->nev, sizeof(*tl->ev), cmp_event);
}

static void
derive_spans(struct tl *tl)
{
	const struct pm_incident *inc = tl->inc;
	long detect = -1, resolve = -1;
	size_t i;
	int found_detect = 0, found_resolve = 0;

	for (i = 0; i < tl->nev; i++) {
		if (tl->ev[i].kind == SVG_K_DETECTED && !found_detect)
			detect = tl->ev[i].t, found_detect = 1;
		if (tl->ev[i].kind == SVG_K_RESOLVED)
			resolve = tl->ev[i].t, found_resolve = 1;
	}
	if (!found_resolve && tl->has_end)
		resolve = tl->t_end, found_resolve = 1;
	tl->ttd = inc->time_to_detect_minutes >= 0 ?
	    inc->time_to_detect_minutes :
	    tl->has_start && found_detect && detect >= tl->t_start ?
	    detect - tl->t_start : -1;
	tl->ttr = inc->time_to_resolve_minutes >= 0 ?
	    inc->time_to_resolve_minutes :
	    tl->has_start && found_resolve && resolve >= tl->t_start ?
	    resolve - tl->t_start : -1;
}

void
svg_tl_when(char *out, size_t size, const struct tl *tl, long t,
    int with_date)
{
	struct pm_when w = tl->ref;
	char tmp[32 + 2 * PM_FMT_INT_MAX];
	size_t n = 0;

	if (size == 0)
		return;
	pm_when_add_minutes(&w, t);
	if (with_date && tl->ref_dated) {
		svg_date_label(tmp, 32, &w, 0);
		n = strlen(tmp);
		tmp[n++] = ' ';
	}
	n += pm_fmt_int(tmp + n, w.hour, 2);
	tmp[n++] = ':';
	n += pm_fmt_int(tmp + n, w.minute, 2);
	if (n >= size)
		n = size - 1;
	memcpy(out, tmp, n);
	out[n] = '\0';
}

/* Day number of minute t, counted from the reference point's day. */
static long
day_of(const struct tl *tl, long t)
{
	return svg_floor_div(tl->ref.hour * 60L + tl->ref.minute + t, 1440);
}

/* "Mar 6" for a dated timeline, "day 2" otherwise. */
static void
day_label(char *out, size_t size, const struct tl *tl, long t, int first)
{
	struct pm_when w = tl->ref;

	if (tl->ref_dated) {
		pm_when_add_minutes(&w, t);
		svg_date_label(out, size, &w, first);
	} else {
		snprintf(out, size, "day %ld", day_of(tl, t) + 1);
	}
}

/* Horizontal layout. */

static double
x_of(const struct tl *tl, double t)
{
	return tl->x0 + (t - tl->lo) / (tl->hi - tl->lo) * (tl->x1 - tl->x0);
}

static void
set_domain(struct tl *tl)
{
	double lo = (double)tl->ev[0].t, hi = (double)tl->ev[tl->nev - 1].t;
	double mid;

	if (tl->has_start) {
		lo = fmin(lo, (double)tl->t_start);
		hi = fmax(hi, (double)tl->t_start);
		if (tl->ttd >= 0)
			hi = fmax(hi, (double)(tl->t_start + tl->ttd));
		if (tl->ttr >= 0)
			hi = fmax(hi, (double)(tl->t_start + tl->ttr));
	}
	if (tl->has_end) {
		lo = fmin(lo, (double)tl->t_end);
		hi = fmax(hi, (double)tl->t_end);
	}
	if (hi - lo < 10) {
		mid = (lo + hi) / 2;
		lo = mid - 5, hi = mid + 5;
	}
	tl->lo = lo, tl->hi = hi;
}

static int
assign_lanes(struct tl *tl)
{
	double right[PM_SVG_MAX_LANES], ell, tw, bx, bw;
	const char *text;
	struct tl_event *e;
	size_t i;
	int lane;

	ell = width_of("\xe2\x80\xa6", LABEL_FONT);
	for (lane = 0; lane < PM_SVG_MAX_LANES; lane++)
		right[lane] = -1e9;
	tl->nlanes = 0;
	for (i = 0; i < tl->nev; i++) {
		e = &tl->ev[i];
		text = entry_text(tl, e);
		e->fit = svg_fit(text, strlen(text), LABEL_FONT, LABEL_MAXW,
		    LABEL_MAXCH, &e->cut);
		tw = pm_svg__text_width(text, e->fit, LABEL_FONT) +
		    (e->cut ? ell : 0);
		e->anchor_end = e->pos + POLE_GAP + tw + 2 > H_W - H_PAD;
		bx = e->anchor_end ? e->pos - POLE_GAP - tw - 2 : e->pos - 1;
		bw = POLE_GAP + tw + 3;
		for (lane = 0; lane < PM_SVG_MAX_LANES; lane++)
			if (bx >= right[lane] + LANE_GAP)
				break;
		if (lane == PM_SVG_MAX_LANES)
			return -1;
		right[lane] = bx + bw;
		e->lane = lane;
		e->box = box_of(bx, 0, bw, BOX_H, PM_SVG_BOX_LABEL);
		if ((size_t)lane + 1 > tl->nlanes)
			tl->nlanes = (size_t)lane + 1;
	}
	return 0;
}

/* Ticks every step minutes on the local clock; labels that would touch
 * the one before are left out. */
static void
make_ticks(struct tl *tl)
{
	long step = tick_steps[0], k, k0, k1, ref_tod, prev_day = 0, t;
	double max_ticks = (tl->x1 - tl->x0) / TICK_SPACING, w;
	double last_label = -1e9, last_date = -1e9;
	struct tl_tick *tk;
	size_t i, n;
	int first = 1;

	for (i = 0; i < SVG_COUNT(tick_steps); i++) {
		step = tick_steps[i];
		if ((tl->hi - tl->lo) / (double)step <= max_ticks)
			break;
	}
	while ((tl->hi - tl->lo) / (double)step > max_ticks)
		step += 10080;
	ref_tod = tl->ref.hour * 60L + tl->ref.minute;
	k0 = (long)ceil((ref_tod + tl->lo) / (double)step);
	k1 = (long)floor((ref_tod + tl->hi) / (double)step);
	n = k1 >= k0 ? (size_t)(k1 - k0 + 1) : 0;
	tl->ticks = pm_arena_calloc(tl->arena, n + 1, sizeof(*tl->ticks));
	for (k = k0; k <= k1; k++) {
		tk = &tl->ticks[tl->nticks++];
		t = k * step - ref_tod;
		tk->x = x_of(tl, (double)t);
		if (step >= 1440)
			day_label(tk->label, sizeof(tk->label), tl, t, first);
		else
			svg_tl_when(tk->label, sizeof(tk->label), tl, t, 0);
		if (step < 1440 && (first ? tl->ref_dated :
		    day_of(tl, t) != prev_day))
			day_label(tk->date, sizeof(tk->date), tl, t, first);
		prev_day = day_of(tl, t);
		first = 0;
		w = width_of(tk->label, TICK_FONT);
		tk->label_x = fmin(fmax(tk->x, 4 + w / 2), H_W - 4 - w / 2);
		if (tk->label_x - w / 2 < last_label + 6)
			tk->label[0] = '\0';
		else
			last_label = tk->label_x + w / 2;
		w = width_of(tk->date, TICK_FONT);
		tk->date_x = fmin(fmax(tk->x, 4 + w / 2), H_W - 4 - w / 2);
		if (tk->date[0] != '\0' && tk->date_x - w / 2 < last_date + 6)
			tk->date[0] = '\0';
		else if (tk->date[0] != '\0')
			last_date = tk->date_x + w / 2;
	}
}

static void
make_bracket(struct tl *tl, int kind, long minutes, double y)
{
	struct tl_bracket *br = &tl->br[tl->nbr++];
	char dur[48];
	double w, mid;

	br->kind = kind;
	br->minutes = minutes;
	br->y = y;
	svg_duration(dur, sizeof(dur), minutes);
	snprintf(br->text, sizeof(br->text), "%s after %s",
	    kind == SVG_K_DETECTED ? "detected" : "resolved", dur);
	w = width_of(br->text, SMALL_FONT);
	if (tl->layout == PM_SVG_VERTICAL || !tl->has_start) {
		/* No time axis (vertical: a bracket sign and the words
		 * at the top) or no start to hang the bracket on (the
		 * words alone). */
		br->a = br->b = -1;
		if (tl->layout == PM_SVG_VERTICAL)
			br->a = 8, br->b = 26;
		br->text_x = br->a < 0 ? H_PAD : 34;
		br->anchor = "start";
		br->box = box_of(br->text_x, y, w, BOX_H, PM_SVG_BOX_BRACKET);
		return;
	}
	br->a = x_of(tl, (double)tl->t_start);
	br->b = x_of(tl, (double)(tl->t_start + minutes));
	mid = (br->a + br->b) / 2;
	if (w + 24 <= br->b - br->a) {
		br->anchor = "middle", br->text_x = mid;
		br->box = box_of(mid - w / 2 - 2, y, w + 4, BOX_H,
		    PM_SVG_BOX_BRACKET);
	} else if (br->b + 6 + w <= H_W - 4) {
		br->anchor = "start", br->text_x = br->b + 6;
		br->box = box_of(br->b + 4, y, w + 4, BOX_H,
		    PM_SVG_BOX_BRACKET);
	} else {
		br->anchor = "end", br->text_x = fmax(br->a - 6, w + 4);
		br->box = box_of(br->text_x - w - 2, y, w + 4, BOX_H,
		    PM_SVG_BOX_BRACKET);
	}
}

/* Legend items in rows from y; returns the y below them. */
static double
make_legend(struct tl *tl, double y, double width)
{
	static const char outage[] = "outage";
	unsigned present = 0;
	double x = H_PAD, w;
	size_t i;
	int k;

	for (i = 0; i < tl->nev; i++)
		present |= 1u << tl->ev[i].kind;
	if (tl->has_outage)
		present |= 1u << SVG_K_COUNT;
	for (k = 0; k <= SVG_K_COUNT; k++) {
		if (!(present & (1u << k)))
			continue;
		w = 16 + width_of(k == SVG_K_COUNT ? outage : svg_kind_name(k),
		    SMALL_FONT);
		if (x > H_PAD && x + w > width - H_PAD)
			x = H_PAD, y += LEG_ROW;
		tl->leg[tl->nleg].kind = k;
		tl->leg[tl->nleg].x = x;
		tl->leg[tl->nleg].y = y;
		tl->leg[tl->nleg].box = box_of(x, y, w, 16,
		    PM_SVG_BOX_LEGEND);
		add_box(tl, tl->leg[tl->nleg].box);
		tl->nleg++;
		x += w + 16;
	}
	return tl->nleg > 0 ? y + LEG_ROW : y;
}

static int
layout_horizontal(struct tl *tl)
{
	size_t i, above = 0, below = 0, r;
	double y, band_top, band_bottom, w;
	int day_line = 0;

	tl->width = H_W;
	tl->x0 = H_AXIS_PAD, tl->x1 = H_W - H_AXIS_PAD;
	set_domain(tl);
	for (i = 0; i < tl->nev; i++)
		tl->ev[i].pos = x_of(tl, (double)tl->ev[i].t);
	if (assign_lanes(tl) < 0)
		return -1;
	for (i = 0; i < tl->nev; i++) {
		r = (size_t)tl->ev[i].lane / 2 + 1;
		if (tl->ev[i].lane % 2 == 0 && r > above)
			above = r;
		if (tl->ev[i].lane % 2 == 1 && r > below)
			below = r;
	}
	make_ticks(tl);
	for (i = 0; i < tl->nticks; i++)
		day_line |= tl->ticks[i].date[0] != '\0';

	band_top = 8 + (double)above * LANE + (above > 0 ? 6 : 0);
	tl->axis_y = band_top + 10;
	band_bottom = tl->axis_y + (day_line ? 38 : 23);
	tl->axis = box_of(0, band_top, H_W, band_bottom - band_top,
	    PM_SVG_BOX_TICK);
	for (i = 0; i < tl->nev; i++) {
		r = (size_t)tl->ev[i].lane / 2;
		tl->ev[i].box.y = tl->ev[i].lane % 2 == 0 ?
		    band_top - 6 - (double)r * LANE - BOX_H :
		    band_bottom + 6 + (double)r * LANE;
		add_box(tl, tl->ev[i].box);
	}
	for (i = 0; i < tl->nticks; i++) {
		w = width_of(tl->ticks[i].label, TICK_FONT);
		if (w > 0)
			add_box(tl, box_of(tl->ticks[i].label_x - w / 2,
			    tl->axis_y + 8, w, 14, PM_SVG_BOX_TICK));
		w = width_of(tl->ticks[i].date, TICK_FONT);
		if (w > 0)
			add_box(tl, box_of(tl->ticks[i].date_x - w / 2,
			    tl->axis_y + 23, w, 14, PM_SVG_BOX_TICK));
	}
	y = band_bottom + (below > 0 ? 6 + (double)below * LANE : 0);
	tl->out_a = tl->out_b = 0;
	if (tl->has_start && tl->has_end) {
		tl->has_outage = 1;
		tl->out_a = x_of(tl, (double)tl->t_start);
		tl->out_b = x_of(tl, (double)tl->t_end);
	}
	if (tl->ttd >= 0 || tl->ttr >= 0)
		y += 8;
	if (tl->ttd >= 0)
		make_bracket(tl, SVG_K_DETECTED, tl->ttd, y), y += BR_ROW;
	if (tl->ttr >= 0)
		make_bracket(tl, SVG_K_RESOLVED, tl->ttr, y), y += BR_ROW;
	for (i = 0; i < tl->nbr; i++)
		add_box(tl, tl->br[i].box);
	y = make_legend(tl, y + 10, H_W);
	tl->height = y + 6;
	return 0;
}

/* Vertical layout. */

static void
layout_vertical(struct tl *tl)
{
	struct tl_event *e;
	const char *text;
	double y = 10, w, first_y = 0, last_y = 0;
	long prev_day = 0;
	size_t i, j;

	tl->width = V_W;
	tl->nboxes = 0, tl->nbr = 0, tl->nleg = 0, tl->nlanes = 0;
	tl->nticks = 0, tl->has_outage = 0;
	if (tl->ttd >= 0)
		make_bracket(tl, SVG_K_DETECTED, tl->ttd, y), y += 22;
	if (tl->ttr >= 0)
		make_bracket(tl, SVG_K_RESOLVED, tl->ttr, y), y += 22;
	for (i = 0; i < tl->nbr; i++)
		add_box(tl, tl->br[i].box);
	if (tl->nbr > 0)
		y += 8;
	for (i = 0; i < tl->nev; i++) {
		e = &tl->ev[i];
		e->day[0] = '\0';
		if (i == 0 ? tl->ref_dated : day_of(tl, e->t) != prev_day) {
			day_label(e->day, sizeof(e->day), tl, e->t, i == 0);
			e->day_y = y;
			add_box(tl, box_of(V_TEXT, y, width_of(e->day,
			    SMALL_FONT), BOX_H, PM_SVG_BOX_TICK));
			y += 24;
		}
		prev_day = day_of(tl, e->t);
		text = entry_text(tl, e);
		e->nlines = svg_wrap(&e->lines, tl->arena, text, strlen(text),
		    V_FONT, V_W - V_TEXT - 8);
		for (j = 0, w = 0; j < e->nlines; j++)
			w = fmax(w, e->lines[j].w);
		e->box = box_of(V_TEXT, y, w, (double)e->nlines * V_LINE,
		    PM_SVG_BOX_LABEL);
		add_box(tl, e->box);
		e->time_x = V_TIME_R;
		e->time_w = width_of("00:00", LABEL_FONT);
		add_box(tl, box_of(V_TIME_R - e->time_w, y, e->time_w, BOX_H,
		    PM_SVG_BOX_TIME));
		e->pos = y + 9;
		if (i == 0)
			first_y = e->pos;
		last_y = e->pos;
		y += (double)e->nlines * V_LINE + V_ROW_GAP;
	}
	tl->axis_y = V_AXIS;
	tl->axis = box_of(V_AXIS - 7, first_y - 7, 14, last_y - first_y + 14,
	    PM_SVG_BOX_TICK);
	if (tl->has_start && tl->has_end) {
		for (i = 0; i < tl->nev && tl->ev[i].t < tl->t_start; i++)
			;
		for (j = tl->nev; j > i && tl->ev[j - 1].t > tl->t_end; j--)
			;
		if (j > i) {
			tl->has_outage = 1;
			tl->out_a = tl->ev[i].pos - 9;
			tl->out_b = tl->ev[j - 1].pos + 9;
		}
	}
	y = make_legend(tl, y + 4, V_W);
	tl->height = y + 6;
}

size_t
svg_tl_build(struct tl *tl, struct pm_arena *arena,
    const struct pm_incident *inc, enum pm_svg_layout layout)
{
	memset(tl, 0, sizeof(*tl));
	tl->arena = arena;
	tl->inc = inc;
	tl->asked = tl->layout = layout;
	tl->ttd = tl->ttr = -1;
	if (inc->ntimeline == 0 || !pick_ref(tl))
		return 0;
	read_times(tl);
	if (tl->nev == 0)
		return 0;
	derive_spans(tl);
	if (layout == PM_SVG_HORIZONTAL && layout_horizontal(tl) == 0)
		return tl->nev;
	tl->layout = PM_SVG_VERTICAL;
	layout_vertical(tl);
	return tl->nev;
}
