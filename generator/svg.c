/*
 * svg.c: what every picture shares: the document frame and its style
 * sheet, text measure, escaping, wrapping and cutting, numbers and
 * durations written without the C locale's help.
 *
 * Text measure.  SVG cannot measure text before it is drawn, and the
 * pictures are drawn without a browser, so label widths are estimated:
 * the advance widths of Helvetica/Arial (in thousandths of an em, the
 * classic metrics every sans-serif fallback is close to) times the font
 * size, plus 15% so that wider faces (DejaVu Sans and Verdana run about
 * 10-14% wider; system-ui faces such as Segoe UI, Roboto and San Francisco
 * sit in between) still fit in the box.  Characters beyond ASCII count as
 * 0.6 em, wide scripts (CJK, Hangul, full-width forms, emoji) as 1 em.
 */

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "svg_int.h"

#define SVG_WIDTH_MARGIN 1.15

/* Advance widths of ' ' .. '~' in 1/1000 em. */
static const unsigned short ascii_width[95] = {
	278, 278, 355, 556, 556, 889, 667, 191,		/*  !"#$%&' */
	333, 333, 389, 584, 278, 333, 278, 278,		/* ()*+,-./ */
	556, 556, 556, 556, 556, 556, 556, 556,		/* 01234567 */
	556, 556, 278, 278, 584, 584, 584, 556,		/* 89:;<=>? */
	1015, 667, 667, 722, 722, 667, 611, 778,	/* @ABCDEFG */
	722, 278, 500, 667, 556, 833, 722, 778,		/* HIJKLMNO */
	667, 778, 722, 667, 611, 722, 667, 944,		/* PQRSTUVW */
	667, 667, 611, 278, 278, 278, 469, 556,		/* XYZ[\]^_ */
	333, 556, 556, 500, 556, 556, 278, 556,		/* `abcdefg */
	556, 222, 222, 500, 222, 833, 556, 556,		/* hijklmno */
	556, 556, 333, 500, 278, 556, 500, 722,		/* pqrstuvw */
	500, 500, 500, 334, 260, 334, 584		/* xyz{|}~ */
};

static const char *const kind_names[SVG_K_COUNT] = {
	"detected", "investigated", "misleading", "escalated", "mitigated",
	"resolved", "other"
};

static const char *const month_abbr[12] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
	"Nov", "Dec"
};

/*
 * The style sheet, in three parts: what every picture uses, what only
 * timelines use and what only charts use.  A picture carries the rules it
 * draws with and no others; a timeline page is written ten thousand times.
 * Colours are custom properties falling back to the default theme's
 * variables, then to fixed colours (svg.h lists them).  Markers and
 * brackets take their colour through `color` and currentColor, so one
 * class per kind serves fill and stroke.
 */
static const char sheet_common[] =
	".pm-svg{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,"
	"Helvetica,Arial,sans-serif}"
	".pm-svg text{fill:var(--pm-text,var(--fg,#1d1f21));font-size:13px}"
	".pm-svg .pm-muted{fill:var(--pm-muted,var(--muted,#5c6166))}"
	".pm-svg .pm-small{font-size:12px}"
	".pm-svg .pm-axis{stroke:var(--pm-axis,var(--muted,#5c6166));"
	"stroke-width:1.5px;fill:none}";

static const char sheet_timeline[] =
	".pm-svg .pm-big{font-size:14px}"
	".pm-svg .pm-strong{font-weight:600}"
	".pm-svg .pm-halo{paint-order:stroke;stroke:var(--pm-bg,var(--bg,"
	"#fff));stroke-width:4px;stroke-linejoin:round}"
	".pm-svg .pm-leader{stroke:var(--pm-muted,var(--muted,#5c6166));"
	"stroke-width:1px;stroke-opacity:.5;fill:none}"
	".pm-svg .pm-outage{fill:var(--pm-outage,#d93025);fill-opacity:.12}"
	".pm-svg .pm-mark{fill:currentColor;stroke:var(--pm-bg,var(--bg,"
	"#fff));stroke-width:2px}"
	".pm-svg .pm-br{stroke:currentColor;stroke-width:1.5px;fill:none}"
	".pm-svg .pm-k-detected{color:var(--pm-detected,#d93025)}"
	".pm-svg .pm-k-investigated{color:var(--pm-investigated,#1a73e8)}"
	".pm-svg .pm-k-misleading{color:var(--pm-misleading,#e37400)}"
	".pm-svg .pm-k-escalated{color:var(--pm-escalated,#9334e6)}"
	".pm-svg .pm-k-mitigated{color:var(--pm-mitigated,#12a4af)}"
	".pm-svg .pm-k-resolved{color:var(--pm-resolved,#188038)}"
	".pm-svg .pm-k-other{color:var(--pm-other,#80868b)}";

static const char sheet_chart[] =
	".pm-svg .pm-grid{stroke:var(--pm-grid,var(--line,#d9dcdf));"
	"stroke-width:1px;fill:none}"
	".pm-svg .pm-seg{stroke:var(--pm-bg,var(--bg,#fff));"
	"stroke-width:1px}"
	".pm-svg .pm-dot{fill-opacity:.8;stroke:var(--pm-bg,var(--bg,#fff));"
	"stroke-width:1.5px}"
	".pm-svg .pm-b1{fill:var(--pm-bar-1,#3b6fb6)}"
	".pm-svg .pm-b2{fill:var(--pm-bar-2,#e8833a)}"
	".pm-svg .pm-b3{fill:var(--pm-bar-3,#d64550)}"
	".pm-svg .pm-b4{fill:var(--pm-bar-4,#4aa8a0)}"
	".pm-svg .pm-b5{fill:var(--pm-bar-5,#5a9e4b)}"
	".pm-svg .pm-b6{fill:var(--pm-bar-6,#d9b13b)}"
	".pm-svg .pm-b7{fill:var(--pm-bar-7,#9b6bb0)}"
	".pm-svg .pm-b8{fill:var(--pm-bar-8,#8c6d4f)}"
	".pm-svg .pm-b9{fill:var(--pm-bar-9,#c44e9a)}"
	".pm-svg .pm-b10{fill:var(--pm-bar-10,#6b7f2a)}"
	".pm-svg .pm-b11{fill:var(--pm-bar-11,#2e6f8e)}"
	".pm-svg .pm-b12{fill:var(--pm-bar-12,#7a7a7a)}";

int
svg_kind_of(const char *kind)
{
	int k;

	for (k = 0; kind != NULL && k < SVG_K_COUNT; k++)
		if (strcmp(kind, kind_names[k]) == 0)
			return k;
	return SVG_K_OTHER;
}

const char *
svg_kind_name(int kind)
{
	return kind >= 0 && kind < SVG_K_COUNT ? kind_names[kind] : "other";
}

void
svg_make_id(char *out, size_t size, const char *a, const char *b,
    const char *c)
{
	const char *parts[3];
	size_t n = 0, i;
	const char *p;
	int ch;

	parts[0] = a, parts[1] = b, parts[2] = c;
	for (i = 0; i < 3; i++) {
		if (parts[i] == NULL || parts[i][0] == '\0')
			continue;
		if (n > 0 && n + 1 < size)
			out[n++] = '-';
		for (p = parts[i]; *p != '\0' && n + 1 < size; p++) {
			ch = (unsigned char)*p;
			if (ch >= 'A' && ch <= 'Z')
				ch += 'a' - 'A';
			if ((ch >= 'a' && ch <= 'z') ||
			    (ch >= '0' && ch <= '9') || ch == '-')
				out[n++] = (char)ch;
		}
	}
	if (n == 0 && size > 3)
		memcpy(out, "pm", 2), n = 2;
	out[n] = '\0';
}

/*
 * Numbers have at most one decimal and no trailing ".0": "12", "-3.5".
 * Written by hand rather than with snprintf: a page's two pictures hold
 * about a thousand numbers, and snprintf was most of their cost.
 */
#define NUM_MAX 24	/* "-1000000000000000.5" and its NUL, with room */

static size_t
fmt_num(char out[NUM_MAX], double v)
{
	char tmp[NUM_MAX];
	size_t n = sizeof(tmp);
	unsigned long long u, tenths;
	long long r;

	if (!isfinite(v))
		v = 0;
	if (v > 1e15)
		v = 1e15;
	if (v < -1e15)
		v = -1e15;
	r = llround(v * 10);
	u = r < 0 ? 0ULL - (unsigned long long)r : (unsigned long long)r;
	tenths = u % 10;
	u /= 10;
	tmp[--n] = '\0';
	if (tenths) {
		tmp[--n] = (char)('0' + tenths);
		tmp[--n] = '.';
	}
	do {
		tmp[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (r < 0)
		tmp[--n] = '-';
	memcpy(out, tmp + n, sizeof(tmp) - n);
	return sizeof(tmp) - n - 1;
}

void
svg_num(struct pm_buf *b, double v)
{
	char tmp[NUM_MAX];

	pm_buf_put(b, tmp, fmt_num(tmp, v));
}

void
svg_num_attr(struct pm_buf *b, const char *name, double v)
{
	pm_buf_putc(b, ' ');
	pm_buf_puts(b, name);
	pm_buf_put(b, "=\"", 2);
	svg_num(b, v);
	pm_buf_putc(b, '"');
}

void
svg_line(struct pm_buf *b, const char *cls, double x, double y, char cmd,
    double to)
{
	pm_buf_puts(b, "<path class=\"");
	pm_buf_puts(b, cls);
	pm_buf_puts(b, "\" d=\"M");
	svg_num(b, x);
	pm_buf_putc(b, ' ');
	svg_num(b, y);
	pm_buf_putc(b, cmd);
	svg_num(b, to);
	pm_buf_puts(b, "\"/>");
}

size_t
svg_utf8_next(const char *s, size_t len, size_t i)
{
	size_t n;

	if (i >= len)
		return len;
	n = pm_utf8_decode(NULL, s + i, len - i);
	return i + (n == 0 ? 1 : n);
}

void
svg_texts(struct pm_buf *b, const char *s)
{
	if (s != NULL)
		pm_buf_put_xml(b, s, strlen(s));
}

static int
is_wide(uint32_t cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) ||
	    (cp >= 0x2e80 && cp <= 0xa4cf) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) ||
	    (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) ||
	    (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) ||
	    (cp >= 0x1f000 && cp <= 0x1faff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd);
}

/* Width of the character at s[i] in 1/1000 em; *next is past it. */
static unsigned
char_width(const char *s, size_t len, size_t i, size_t *next)
{
	uint32_t cp = (unsigned char)s[i];
	size_t n;

	/* nearly every byte is ASCII: decoding each was a third of the
	 * cost of measuring a label */
	if (cp < 0x80) {
		*next = i + 1;
		if (cp == '\t' || cp == '\n' || cp == '\r')
			cp = ' ';
		return cp < 0x20 || cp == 0x7f ? 0 : ascii_width[cp - 0x20];
	}
	n = pm_utf8_decode(&cp, s + i, len - i);
	if (n == 0) {
		*next = i + 1;
		return 1000;	/* drawn as U+FFFD */
	}
	*next = i + n;
	if (cp == '\t' || cp == '\n' || cp == '\r')
		cp = ' ';
	if (cp < 0x20 || cp == 0x7f)
		return 0;
	if (cp < 0x7f)
		return ascii_width[cp - 0x20];
	if (cp == 0x2026 || cp == 0x2014)	/* ellipsis, em dash */
		return 1000;
	return is_wide(cp) ? 1000 : 600;
}

double
pm_svg__text_width(const char *s, size_t len, double font_size)
{
	unsigned long total = 0;
	size_t i = 0;

	while (i < len)
		total += char_width(s, len, i, &i);
	return (double)total * font_size * SVG_WIDTH_MARGIN / 1000.0;
}

static int
is_blank(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

size_t
svg_fit(const char *s, size_t len, double font, double maxw,
    size_t max_chars, int *cut)
{
	double unit = font * SVG_WIDTH_MARGIN / 1000.0;
	double room = maxw - 1000 * unit;	/* the ellipsis */
	double w = 0;
	size_t i = 0, next, fit = 0, chars = 0, j;

	*cut = 0;
	for (i = 0; i < len; i = svg_utf8_next(s, len, i))
		chars++;
	if ((max_chars == 0 || chars <= max_chars) &&
	    pm_svg__text_width(s, len, font) <= maxw)
		return len;
	*cut = 1;
	i = 0, chars = 0;
	while (i < len && (max_chars == 0 || chars + 1 < max_chars)) {
		w += char_width(s, len, i, &next) * unit;
		if (w > room)
			break;
		i = next, chars++;
		fit = i;
	}
	/* Prefer a word boundary within the last third. */
	for (j = fit; j > fit * 2 / 3; j--)
		if (is_blank((unsigned char)s[j - 1])) {
			fit = j - 1;
			break;
		}
	while (fit > 0 && (is_blank((unsigned char)s[fit - 1]) ||
	    s[fit - 1] == ',' || s[fit - 1] == ';' || s[fit - 1] == ':'))
		fit--;
	return fit;
}

void
svg_put_fit(struct pm_buf *b, const char *s, size_t n, int cut)
{
	pm_buf_put_xml(b, s, n);
	if (cut)
		pm_buf_puts(b, "\xe2\x80\xa6");
}

static void
push_line(struct svg_line **lines, size_t *n, size_t *cap,
    struct pm_arena *arena, size_t off, size_t len, double w)
{
	struct svg_line *bigger;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 4;
		bigger = pm_arena_alloc(arena, pm_xmul(*cap, sizeof(*bigger)));
		if (*n > 0)
			memcpy(bigger, *lines, *n * sizeof(*bigger));
		*lines = bigger;
	}
	(*lines)[*n].off = off;
	(*lines)[*n].len = len;
	(*lines)[*n].w = w;
	(*n)++;
}

size_t
svg_wrap(struct svg_line **out, struct pm_arena *arena, const char *s,
    size_t len, double font, double maxw)
{
	struct svg_line *lines = NULL;
	size_t n = 0, cap = 0, i = 0, ws, we, ls = 0, le = 0, k, next;
	double space = pm_svg__text_width(" ", 1, font), lw = 0, ww, cw;

	while (i < len) {
		while (i < len && is_blank((unsigned char)s[i]))
			i++;
		if (i == len)
			break;
		ws = i;
		while (i < len && !is_blank((unsigned char)s[i]))
			i++;
		we = i;
		ww = pm_svg__text_width(s + ws, we - ws, font);
		if (le > ls && lw + space + ww <= maxw) {
			le = we, lw += space + ww;
			continue;
		}
		if (le > ls)
			push_line(&lines, &n, &cap, arena, ls, le - ls, lw);
		ls = ws, le = ws, lw = 0;
		/* A word wider than a line is broken where it must. */
		for (k = ws; k < we; k = next) {
			cw = pm_svg__text_width(s + k,
			    svg_utf8_next(s, len, k) - k, font);
			next = svg_utf8_next(s, len, k);
			if (lw + cw > maxw && le > ls) {
				push_line(&lines, &n, &cap, arena, ls, le - ls,
				    lw);
				ls = k, lw = 0;
			}
			le = next, lw += cw;
		}
	}
	if (le > ls || n == 0)
		push_line(&lines, &n, &cap, arena, ls, le - ls, lw);
	*out = lines;
	return n;
}

void
svg_duration(char *out, size_t size, long minutes)
{
	long d, h, m;
	size_t n = 0;

	if (minutes < 0)
		minutes = 0;
	d = minutes / 1440;
	h = minutes % 1440 / 60;
	m = minutes % 60;
	out[0] = '\0';
	if (d > 0)
		n += (size_t)snprintf(out + n, size - n, "%ld d", d);
	if (h > 0 && n < size)
		n += (size_t)snprintf(out + n, size - n, "%s%ld h",
		    n ? " " : "", h);
	if ((m > 0 || minutes == 0) && n < size)
		snprintf(out + n, size - n, "%s%ld min", n ? " " : "", m);
}

void
svg_value(char *out, size_t size, double v, enum pm_svg_unit unit,
    const char *unit_one, const char *unit_many)
{
	char num[NUM_MAX];
	const char *word;

	if (!isfinite(v) || v < 0)
		v = 0;
	if (unit == PM_SVG_MINUTES) {
		svg_duration(out, size, lround(v));
		return;
	}
	fmt_num(num, v);
	word = strcmp(num, "1") == 0 && unit_one != NULL ? unit_one :
	    unit_many != NULL ? unit_many : unit_one;
	snprintf(out, size, "%s%s%s", num, word ? " " : "", word ? word : "");
}

long
svg_floor_div(long a, long b)
{
	long q = a / b;

	return a % b != 0 && (a < 0) != (b < 0) ? q - 1 : q;
}

const char *
svg_month_abbr(int month)
{
	return month >= 1 && month <= 12 ? month_abbr[month - 1] : "?";
}

void
svg_date_label(char *out, size_t size, const struct pm_when *w,
    int with_year)
{
	const char *mon = svg_month_abbr(w->month);
	char tmp[16 + 2 * PM_FMT_INT_MAX];
	size_t n = strlen(mon) < 16 ? strlen(mon) : 15;

	if (size == 0)
		return;
	memcpy(tmp, mon, n);
	tmp[n++] = ' ';
	n += pm_fmt_int(tmp + n, w->day, 0);
	if (with_year && w->year > 0) {
		tmp[n++] = ',';
		tmp[n++] = ' ';
		n += pm_fmt_int(tmp + n, w->year, 0);
	}
	if (n >= size)
		n = size - 1;
	memcpy(out, tmp, n);
	out[n] = '\0';
}

void
svg_begin(struct pm_buf *b, const char *id, double width, double height,
    const char *title, const char *desc, enum svg_sheet sheet)
{
	pm_buf_puts(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "class=\"pm-svg\" width=\"100%\" viewBox=\"0 0 ");
	svg_num(b, width);
	pm_buf_putc(b, ' ');
	svg_num(b, height);
	/* Pieces, not one printf: a page has two of these, and formatting
	 * the style sheet through %s was a tenth of drawing them. */
	pm_buf_puts(b, "\" role=\"img\" aria-labelledby=\"");
	pm_buf_puts(b, id);
	pm_buf_puts(b, "-title ");
	pm_buf_puts(b, id);
	pm_buf_puts(b, "-desc\">\n<title id=\"");
	pm_buf_puts(b, id);
	pm_buf_puts(b, "-title\">");
	if (title == NULL)
		title = "Chart";
	svg_texts(b, title);
	pm_buf_puts(b, "</title>\n<desc id=\"");
	pm_buf_puts(b, id);
	pm_buf_puts(b, "-desc\">");
	svg_texts(b, desc != NULL ? desc : title);
	pm_buf_puts(b, "</desc>\n");
	if (sheet == SVG_SHEET_NONE)
		return;
	pm_buf_puts(b, "<style>");
	pm_buf_put(b, sheet_common, sizeof(sheet_common) - 1);
	if (sheet == SVG_SHEET_TIMELINE)
		pm_buf_put(b, sheet_timeline, sizeof(sheet_timeline) - 1);
	else
		pm_buf_put(b, sheet_chart, sizeof(sheet_chart) - 1);
	pm_buf_puts(b, "</style>\n");
}

void
svg_end(struct pm_buf *b)
{
	pm_buf_puts(b, "</svg>\n");
}

void
svg_no_data(struct pm_buf *b, const char *id, const char *title,
    const char *desc)
{
	svg_begin(b, id, 320, 48, title, desc != NULL ? desc : "No data.",
	    SVG_SHEET_CHART);
	pm_buf_puts(b, "<rect class=\"pm-grid\" x=\"0.5\" y=\"0.5\" "
	    "width=\"319\" height=\"47\" rx=\"6\"/>\n"
	    "<text class=\"pm-muted\" x=\"160\" y=\"28.5\" "
	    "text-anchor=\"middle\">No data</text>\n");
	svg_end(b);
}
