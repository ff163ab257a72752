/*
 * svg_chart.c: the overview charts: stacked columns (incidents per month
 * by cause), horizontal bars (downtime by cause) and dots on a time axis
 * (the incidents of one cause, to see them recur).
 *
 * Scales are "nice": gridlines fall on 1, 2 or 5 times a power of ten
 * (or on whole minutes, hours and days for durations), so the numbers
 * read at a glance.  Labels that would collide are thinned out rather
 * than drawn over each other.
 */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svg_int.h"

#define C_W		920.0
#define C_PAD		16.0
#define C_FONT		12.0
#define C_PLOT_H	220.0
#define BAR_ROW		28.0
#define BAR_H		18.0
#define BAR_LABEL_MAX	260.0
#define DOT_LEVELS	12
#define DOT_LABELS	20	/* up to this many dots get a date */

static const long duration_steps[] = {
	1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440, 2880, 7200,
	14400, 43200
};

static void
put_rect(struct pm_buf *b, const char *cls, double x, double y, double w,
    double h)
{
	pm_buf_printf(b, "<rect class=\"%s\"", cls);
	svg_num_attr(b, "x", x);
	svg_num_attr(b, "y", y);
	svg_num_attr(b, "width", w);
	svg_num_attr(b, "height", h);
}

static void
put_text(struct pm_buf *b, const char *cls, double x, double y,
    const char *anchor, const char *s)
{
	pm_buf_printf(b, "<text class=\"%s\"", cls);
	svg_num_attr(b, "x", x);
	svg_num_attr(b, "y", y);
	if (anchor != NULL)
		pm_buf_printf(b, " text-anchor=\"%s\"", anchor);
	pm_buf_putc(b, '>');
	svg_texts(b, s);
	pm_buf_puts(b, "</text>\n");
}

static double
value_at(const struct pm_svg_series *s, size_t c, size_t k)
{
	double v = s->values[c * s->nseries + k];

	return isfinite(v) && v > 0 ? v : 0;
}

static double
total_at(const struct pm_svg_series *s, size_t c)
{
	double t = 0;
	size_t k;

	for (k = 0; k < s->nseries; k++)
		t += value_at(s, c, k);
	return t;
}

static const char *
cat_name(const struct pm_svg_series *s, size_t c)
{
	return s->categories[c] != NULL ? s->categories[c] : "";
}

static const char *
series_name(const struct pm_svg_series *s, size_t k)
{
	return s->names != NULL && s->names[k] != NULL ? s->names[k] : "";
}

static int
check_series(const struct pm_svg_series *s, struct pm_error *err)
{
	if (s == NULL || (s->ncategories > 0 && s->nseries > 0 &&
	    (s->values == NULL || s->categories == NULL)) ||
	    (s->nseries > 1 && s->names == NULL))
		return pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "svg chart: series without values, categories or names");
	return 0;
}

/* Is there anything above zero to draw? */
static int
has_data(const struct pm_svg_series *s)
{
	size_t c;

	for (c = 0; c < s->ncategories && s->nseries > 0; c++)
		if (total_at(s, c) > 0)
			return 1;
	return 0;
}

/* Swatches and series names in rows from y; returns the y below them. */
static double
draw_legend(struct pm_buf *b, const struct pm_svg_series *s, double y)
{
	double x = C_PAD, w;
	char cls[16];
	size_t k;

	if (s->nseries < 2)
		return y;
	for (k = 0; k < s->nseries; k++) {
		w = 18 + pm_svg__text_width(series_name(s, k),
		    strlen(series_name(s, k)), C_FONT);
		if (x > C_PAD && x + w > C_W - C_PAD)
			x = C_PAD, y += 20;
		snprintf(cls, sizeof(cls), "pm-b%zu", k % SVG_NCOLOURS + 1);
		put_rect(b, cls, x, y + 2, 12, 12);
		pm_buf_puts(b, " rx=\"2\"/>");
		put_text(b, "pm-small", x + 18, y + 12.5, NULL,
		    series_name(s, k));
		x += w + 18;
	}
	return y + 26;
}

/* A step of 1, 2 or 5 times a power of ten, or a round duration. */
static double
nice_step(double max, int ticks, enum pm_svg_unit unit)
{
	double raw = max / ticks, mag, f;
	size_t i;

	if (unit == PM_SVG_MINUTES) {
		for (i = 0; i < SVG_COUNT(duration_steps); i++)
			if (duration_steps[i] >= raw)
				return (double)duration_steps[i];
		return ceil(raw / 43200) * 43200;
	}
	mag = pow(10, floor(log10(raw)));
	f = raw / mag;
	f = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
	/* Counts are whole: no gridline at 0.2 incidents. */
	return fmax(f * mag, 1);
}

static void
axis_label(char *out, size_t size, double v, enum pm_svg_unit unit)
{
	if (unit == PM_SVG_MINUTES)
		svg_duration(out, size, lround(v));
	else
		svg_value(out, size, v, PM_SVG_COUNT, NULL, NULL);
}

static void
segment_title(struct pm_buf *b, const struct pm_svg_series *s, size_t c,
    size_t k)
{
	char val[64];

	svg_value(val, sizeof(val), value_at(s, c, k), s->unit, s->unit_one,
	    s->unit_many);
	pm_buf_puts(b, "><title>");
	svg_texts(b, cat_name(s, c));
	if (s->nseries > 1) {
		pm_buf_puts(b, " \xc2\xb7 ");
		svg_texts(b, series_name(s, k));
	}
	pm_buf_puts(b, ": ");
	svg_texts(b, val);
	pm_buf_puts(b, "</title></rect>\n");
}

static void
chart_id(char *id, size_t size, const char *given)
{
	svg_make_id(id, size, given != NULL ? given : "pm-chart", NULL,
	    NULL);
}

static void
default_desc(struct pm_buf *d, const char *shape,
    const struct pm_svg_series *s)
{
	pm_buf_printf(d, "%s of %zu categor%s", shape, s->ncategories,
	    s->ncategories == 1 ? "y" : "ies");
	if (s->nseries > 1)
		pm_buf_printf(d, " by %zu series", s->nseries);
	pm_buf_puts(d, ".");
}

/* The stacked columns of s (which has data) into body; returns the height
 * of the picture. */
static double
draw_stacked(struct pm_buf *body, const struct pm_svg_series *s)
{
	char label[64], cls[24];
	double max = 0, step, top, left, wmax = 0, band, colw, x, base, h;
	double plot_top, plot_bottom, lw = 0, w, last = -1e9;
	size_t c, k, every, n, nticks;
	int cut;

	for (c = 0; c < s->ncategories; c++) {
		max = fmax(max, total_at(s, c));
		lw = fmax(lw, pm_svg__text_width(cat_name(s, c),
		    strlen(cat_name(s, c)), C_FONT));
	}
	step = nice_step(max, 5, s->unit);
	top = ceil(max / step) * step;
	nticks = (size_t)lround(top / step);
	for (k = 0; k <= nticks; k++) {
		axis_label(label, sizeof(label), step * (double)k, s->unit);
		wmax = fmax(wmax, pm_svg__text_width(label, strlen(label),
		    C_FONT));
	}
	plot_top = draw_legend(body, s, 8) + 18;	/* room for totals */
	plot_bottom = plot_top + C_PLOT_H;
	left = C_PAD + wmax + 8;
	band = (C_W - C_PAD - left) / (double)s->ncategories;
	colw = fmin(band * 0.7, 56);
	for (k = 0; k <= nticks; k++) {
		h = plot_bottom - step * (double)k / top * C_PLOT_H;
		if (k > 0)
			svg_line(body, "pm-grid", left, h, 'H', C_W - C_PAD);
		axis_label(label, sizeof(label), step * (double)k, s->unit);
		put_text(body, "pm-muted pm-small", left - 8, h + 4, "end",
		    label);
	}
	/* Every category label gets the same room: thin out uniformly. */
	every = (size_t)ceil((fmin(lw, 120) + 8) / band);
	if (every < 1)
		every = 1;
	for (c = 0; c < s->ncategories; c++) {
		x = left + band * (double)c + (band - colw) / 2;
		base = plot_bottom;
		for (k = 0; k < s->nseries; k++) {
			h = value_at(s, c, k) / top * C_PLOT_H;
			if (h <= 0)
				continue;
			snprintf(cls, sizeof(cls), "pm-b%zu pm-seg",
			    k % SVG_NCOLOURS + 1);
			put_rect(body, cls, x, base - h, colw, h);
			segment_title(body, s, c, k);
			base -= h;
		}
		axis_label(label, sizeof(label), total_at(s, c), s->unit);
		if (total_at(s, c) > 0 && pm_svg__text_width(label,
		    strlen(label), C_FONT) + 4 <= band)
			put_text(body, "pm-muted pm-small", x + colw / 2,
			    base - 5, "middle", label);
		if (c % every != 0)
			continue;
		/* Kept inside the picture, and never over the one before. */
		n = svg_fit(cat_name(s, c), strlen(cat_name(s, c)), C_FONT,
		    band * (double)every - 8, 0, &cut);
		w = pm_svg__text_width(cat_name(s, c), n, C_FONT) +
		    (cut ? pm_svg__text_width("\xe2\x80\xa6", 3, C_FONT) : 0);
		x = fmin(fmax(x + colw / 2, 4 + w / 2), C_W - 4 - w / 2);
		if (x - w / 2 < last + 6)
			continue;
		last = x + w / 2;
		pm_buf_puts(body, "<text class=\"pm-muted pm-small\" "
		    "text-anchor=\"middle\"");
		svg_num_attr(body, "x", x);
		svg_num_attr(body, "y", plot_bottom + 17);
		pm_buf_putc(body, '>');
		svg_put_fit(body, cat_name(s, c), n, cut);
		pm_buf_puts(body, "</text>\n");
	}
	svg_line(body, "pm-axis", left, plot_bottom, 'H', C_W - C_PAD);
	pm_buf_putc(body, '\n');
	return plot_bottom + 28;
}

/* The horizontal bars of s (which has data) into body; returns the height
 * of the picture. */
static double
draw_bars(struct pm_buf *body, const struct pm_svg_series *s)
{
	char val[64], cls[16];
	double max = 0, labw = 0, valw = 0, x0, x1, y, x, w, top;
	size_t c, k, n;
	int cut;

	for (c = 0; c < s->ncategories; c++) {
		max = fmax(max, total_at(s, c));
		labw = fmax(labw, fmin(BAR_LABEL_MAX, pm_svg__text_width(
		    cat_name(s, c), strlen(cat_name(s, c)), C_FONT + 1)));
		svg_value(val, sizeof(val), total_at(s, c), s->unit,
		    s->unit_one, s->unit_many);
		valw = fmax(valw, pm_svg__text_width(val, strlen(val),
		    C_FONT));
	}
	y = top = draw_legend(body, s, 8);
	x0 = C_PAD + labw + 12;
	x1 = C_W - C_PAD - valw - 8;
	for (c = 0; c < s->ncategories; c++, y += BAR_ROW) {
		n = svg_fit(cat_name(s, c), strlen(cat_name(s, c)),
		    C_FONT + 1, BAR_LABEL_MAX, 0, &cut);
		pm_buf_puts(body, "<text text-anchor=\"end\"");
		svg_num_attr(body, "x", x0 - 10);
		svg_num_attr(body, "y", y + 14);
		pm_buf_putc(body, '>');
		svg_put_fit(body, cat_name(s, c), n, cut);
		pm_buf_puts(body, "</text>\n");
		for (k = 0, x = x0; k < s->nseries; k++) {
			w = value_at(s, c, k) / max * (x1 - x0);
			if (w <= 0)
				continue;
			snprintf(cls, sizeof(cls), "pm-b%zu pm-seg",
			    k % SVG_NCOLOURS + 1);
			put_rect(body, cls, x, y + 1, w, BAR_H);
			segment_title(body, s, c, k);
			x += w;
		}
		svg_value(val, sizeof(val), total_at(s, c), s->unit,
		    s->unit_one, s->unit_many);
		put_text(body, "pm-muted pm-small", x + 6, y + 14, NULL, val);
	}
	svg_line(body, "pm-axis", x0, top - 4, 'V', y);
	pm_buf_putc(body, '\n');
	return y + 6;
}

/*
 * What both series charts share: check the input, draw "No data" when
 * nothing is above zero, else frame what draw puts in a body of its own
 * (the height is known only once it is drawn).  shape names the chart in
 * the description written when desc is NULL.
 */
static int
series_chart(struct pm_buf *out, const struct pm_svg_series *s,
    const char *title, const char *desc, const char *shape,
    double (*draw)(struct pm_buf *, const struct pm_svg_series *),
    struct pm_error *err)
{
	struct pm_buf d = PM_BUF_INIT, body = PM_BUF_INIT;
	char id[128];
	double height;
	int rc;

	if ((rc = check_series(s, err)) < 0 || out == NULL) {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "svg chart: no buffer or series");
		goto out;
	}
	chart_id(id, sizeof(id), s->id);
	if (!has_data(s)) {
		svg_no_data(out, id, title, desc);
		goto out;
	}
	height = draw(&body, s);
	if (desc == NULL) {
		default_desc(&d, shape, s);
		desc = pm_buf_cstr(&d);
	}
	svg_begin(out, id, C_W, height, title, desc, SVG_SHEET_CHART);
	pm_buf_put(out, body.ptr, body.len);
	svg_end(out);
out:
	pm_buf_free(&body);
	pm_buf_free(&d);
	return rc;
}

int
pm_svg_chart_stacked(struct pm_buf *out, const struct pm_svg_series *s,
    const char *title, const char *desc, struct pm_error *err)
{
	return series_chart(out, s, title, desc, "Stacked columns",
	    draw_stacked, err);
}

int
pm_svg_chart_bars(struct pm_buf *out, const struct pm_svg_series *s,
    const char *title, const char *desc, struct pm_error *err)
{
	return series_chart(out, s, title, desc, "Bars", draw_bars, err);
}

/* Dots on a time axis. */

struct dot {
	double minute, x, r, label_x;
	size_t item;
	int level, labelled;
	struct pm_when when;
};

static int
cmp_dot(const void *a, const void *b)
{
	const struct dot *x = a, *y = b;

	if (x->minute != y->minute)
		return x->minute < y->minute ? -1 : 1;
	return x->item < y->item ? -1 : x->item > y->item;
}

/* A date, at midnight when no time is given, without its zone: dots are
 * placed by the day written, whatever the zone. */
static int
read_date(struct pm_when *w, const char *s)
{
	pm_when_init(w);
	if (s == NULL || pm_when_parse(w, s, strlen(s)) == 0 ||
	    w->year <= 0 || w->month <= 0 || w->day <= 0)
		return 0;
	if (w->hour < 0)
		w->hour = 0, w->minute = 0, w->second = 0;
	w->has_zone = 0, w->offset_minutes = 0, w->zone[0] = '\0';
	return 1;
}

struct dot_axis {
	struct pm_when ref;	/* midnight of the first date read */
	double lo, hi, x0, x1;
};

static double
minutes_to(const struct dot_axis *ax, int y, int m, int d)
{
	struct pm_when w;
	long min = 0;

	pm_when_init(&w);
	w.year = y, w.month = m, w.day = d, w.hour = 0, w.minute = 0;
	pm_when_diff_minutes(&min, &ax->ref, &w);
	return (double)min;
}

static double
dot_x(const struct dot_axis *ax, double minute)
{
	return ax->x0 + (minute - ax->lo) / (ax->hi - ax->lo) *
	    (ax->x1 - ax->x0);
}

/* The step: days (positive) or months (negative), for about one tick per
 * 90 units. */
static int
date_step(const struct dot_axis *ax)
{
	static const int steps[] = {
		1, 2, 7, 14, -1, -2, -3, -6, -12, -24, -60, -120
	};
	double days = (ax->hi - ax->lo) / 1440, max = (ax->x1 - ax->x0) / 90;
	size_t i;

	for (i = 0; i < SVG_COUNT(steps); i++)
		if (days / (steps[i] > 0 ? steps[i] : -30.44 * steps[i]) <=
		    max)
			return steps[i];
	return -120;
}

/* The next tick after (*y, *m, *d); 0 when past the axis. */
static int
next_tick(const struct dot_axis *ax, int step, int *y, int *m, int *d,
    double *pos)
{
	struct pm_when w = ax->ref;
	int months = -step;

	if (step > 0) {
		/* Days: multiples of the step from the reference. */
		*pos = *pos < ax->lo ? ceil(ax->lo / (1440.0 * step)) *
		    1440.0 * step : *pos + 1440.0 * step;
		pm_when_add_minutes(&w, (long)*pos);
		*y = w.year, *m = w.month, *d = w.day;
	} else {
		/* Months: first days aligned to the step (quarters,
		 * years, decades), each after the one before. */
		do {
			if (++*m > 12)
				*m = 1, ++*y;
		} while (months <= 12 ? (*m - 1) % months != 0 :
		    *m != 1 || *y % (months / 12) != 0);
		*d = 1;
		*pos = minutes_to(ax, *y, *m, 1);
	}
	return *pos <= ax->hi;
}

static void
draw_date_ticks(struct pm_buf *b, const struct dot_axis *ax, double axis_y)
{
	int step = date_step(ax), y, m, d, k, shown = 0, last_year = 0;
	double pos = -1e18, w, x, last = -1e9;
	struct pm_when at = ax->ref, tmp;
	char label[32];

	pm_when_add_minutes(&at, (long)floor(ax->lo));
	y = at.year, m = at.month, d = at.day;
	for (k = 0; k < 500 && next_tick(ax, step, &y, &m, &d, &pos); k++) {
		if (pos < ax->lo)
			continue;
		pm_when_init(&tmp);
		tmp.year = y, tmp.month = m, tmp.day = d;
		if (step <= -12)
			snprintf(label, sizeof(label), "%d", y);
		else if (step < 0 && (m == 1 || !shown))
			snprintf(label, sizeof(label), "%s %d",
			    svg_month_abbr(m), y);
		else if (step < 0)
			snprintf(label, sizeof(label), "%s", svg_month_abbr(m));
		else
			svg_date_label(label, sizeof(label), &tmp,
			    !shown || y != last_year);
		x = dot_x(ax, pos);
		svg_line(b, "pm-axis", x, axis_y, 'v', 5);
		w = pm_svg__text_width(label, strlen(label), C_FONT);
		x = fmin(fmax(x, 4 + w / 2), C_W - 4 - w / 2);
		if (x - w / 2 < last + 8)
			continue;
		put_text(b, "pm-muted pm-small", x, axis_y + 19, "middle",
		    label);
		last = x + w / 2;
		last_year = y;
		shown = 1;
	}
}

static void
dot_title(struct pm_buf *b, const struct pm_svg_dots *d,
    const struct dot *dot)
{
	char date[32], dur[48];

	svg_date_label(date, sizeof(date), &dot->when, 1);
	pm_buf_puts(b, "><title>");
	svg_texts(b, d->titles != NULL && d->titles[dot->item] != NULL ?
	    d->titles[dot->item] : "Incident");
	pm_buf_printf(b, " \xe2\x80\x94 %s", date);
	if (d->minutes != NULL && d->minutes[dot->item] >= 0) {
		svg_duration(dur, sizeof(dur), d->minutes[dot->item]);
		pm_buf_printf(b, ", %s", dur);
	}
	pm_buf_puts(b, "</title></circle>\n");
}

/* Sizes from durations, then levels: each dot on the lowest level where
 * it does not touch the dot before it. */
static size_t
stack_dots(struct dot *dots, size_t n, const struct pm_svg_dots *d,
    const struct dot_axis *ax, double *rmax)
{
	double right[DOT_LEVELS], dmax = 0, m;
	size_t i, nlevels = 1;
	int l, best;

	for (i = 0; d->minutes != NULL && i < n; i++)
		dmax = fmax(dmax, (double)d->minutes[dots[i].item]);
	for (l = 0; l < DOT_LEVELS; l++)
		right[l] = -1e9;
	*rmax = 0;
	for (i = 0; i < n; i++) {
		m = d->minutes != NULL ? (double)d->minutes[dots[i].item] : -1;
		dots[i].r = dmax <= 0 ? 6 : m < 0 ? 4 :
		    4 + 8 * sqrt(m / dmax);
		dots[i].x = dot_x(ax, dots[i].minute);
		*rmax = fmax(*rmax, dots[i].r);
		best = 0;
		for (l = 0; l < DOT_LEVELS; l++) {
			if (dots[i].x - dots[i].r >= right[l] + 2)
				break;
			if (right[l] < right[best])
				best = l;
		}
		/* Past the last level dots may overlap: they are marks,
		 * not text, and each keeps its tooltip. */
		dots[i].level = l < DOT_LEVELS ? l : best;
		right[dots[i].level] = dots[i].x + dots[i].r;
		if ((size_t)dots[i].level + 1 > nlevels)
			nlevels = (size_t)dots[i].level + 1;
	}
	return nlevels;
}

int
pm_svg_chart_dots(struct pm_buf *out, const struct pm_svg_dots *d,
    const char *title, const char *desc, struct pm_error *err)
{
	struct pm_buf dd = PM_BUF_INIT;
	struct dot *dots = NULL;
	struct dot_axis ax;
	struct pm_when w;
	double rmax, pitch, axis_y, mid, height, x, w_label, last = -1e9;
	char id[128], a[32], z[32];
	size_t i, n = 0, nlevels;
	long min;
	int rc = 0, labels, sized = 0;

	if (out == NULL || d == NULL || (d->n > 0 && d->dates == NULL)) {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "svg chart: no buffer or dates");
		goto out;
	}
	chart_id(id, sizeof(id), d->id);
	dots = pm_xcalloc(d->n + 1, sizeof(*dots));
	pm_when_init(&ax.ref);
	for (i = 0; i < d->n; i++) {
		if (!read_date(&w, d->dates[i]))
			continue;
		if (n == 0) {
			ax.ref = w;
			ax.ref.hour = ax.ref.minute = ax.ref.second = 0;
		}
		min = 0;
		pm_when_diff_minutes(&min, &ax.ref, &w);
		dots[n].minute = (double)min;
		dots[n].item = i;
		dots[n].when = w;
		n++;
	}
	if (n == 0) {
		svg_no_data(out, id, title, desc);
		goto out;
	}
	qsort(dots, n, sizeof(*dots), cmp_dot);
	ax.lo = dots[0].minute, ax.hi = dots[n - 1].minute;
	if (ax.hi - ax.lo < 7 * 1440) {
		mid = (ax.lo + ax.hi) / 2;
		ax.lo = mid - 3.5 * 1440, ax.hi = mid + 3.5 * 1440;
	}
	mid = (ax.hi - ax.lo) * 0.04;
	ax.lo -= mid, ax.hi += mid;
	ax.x0 = C_PAD + 8, ax.x1 = C_W - C_PAD - 8;
	nlevels = stack_dots(dots, n, d, &ax, &rmax);
	pitch = 2 * rmax + 3;
	labels = n <= DOT_LABELS;
	axis_y = (labels ? 30 : 10) + (double)nlevels * pitch + 6;
	for (i = 0; d->minutes != NULL && i < n; i++)
		sized |= d->minutes[dots[i].item] > 0;
	height = axis_y + 30 + (sized ? 20 : 0);

	if (desc == NULL) {
		svg_date_label(a, sizeof(a), &dots[0].when, 1);
		svg_date_label(z, sizeof(z), &dots[n - 1].when, 1);
		pm_buf_printf(&dd, "%zu incident%s", n, n == 1 ? "" : "s");
		if (n == 1)
			pm_buf_printf(&dd, " on %s.", a);
		else
			pm_buf_printf(&dd, " from %s to %s.", a, z);
	}
	svg_begin(out, id, C_W, height, title,
	    desc != NULL ? desc : pm_buf_cstr(&dd), SVG_SHEET_CHART);
	svg_line(out, "pm-axis", C_PAD, axis_y, 'H', C_W - C_PAD);
	pm_buf_putc(out, '\n');
	draw_date_ticks(out, &ax, axis_y);
	/* A few dots also get their date written above them, on a stem. */
	for (i = 0; labels && i < n; i++) {
		svg_date_label(a, sizeof(a), &dots[i].when, 0);
		w_label = pm_svg__text_width(a, strlen(a), C_FONT);
		x = fmin(fmax(dots[i].x, 4 + w_label / 2),
		    C_W - 4 - w_label / 2);
		if (x - w_label / 2 < last + 8)
			continue;
		dots[i].labelled = 1;
		dots[i].label_x = x;
		last = x + w_label / 2;
		svg_line(out, "pm-grid", dots[i].x, 28, 'V', axis_y);
	}
	for (i = 0; i < n; i++) {
		pm_buf_puts(out, "<circle class=\"pm-dot pm-b1\"");
		svg_num_attr(out, "cx", dots[i].x);
		svg_num_attr(out, "cy", axis_y - 6 - rmax -
		    (double)dots[i].level * pitch);
		svg_num_attr(out, "r", dots[i].r);
		dot_title(out, d, &dots[i]);
	}
	for (i = 0; i < n; i++) {
		if (!dots[i].labelled)
			continue;
		svg_date_label(a, sizeof(a), &dots[i].when, 0);
		put_text(out, "pm-muted pm-small", dots[i].label_x, 22,
		    "middle", a);
	}
	if (sized)
		put_text(out, "pm-muted pm-small", C_PAD, height - 8, NULL,
		    "Larger dots: longer incidents.");
	svg_end(out);
out:
	free(dots);
	pm_buf_free(&dd);
	return rc;
}
