/*
 * common.c: the parts of the fuzz harness every target shares: one-time
 * setup (cmark's extensions, the default theme) and the checks that say
 * whether generated HTML could run anything in a reader's browser.
 */
#include "fuzz.h"

#include "mustache.h"
#include "markdown.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The harness's only state: the theme loaded once per process, which
 * libFuzzer's model (an init hook, then one call per input) requires.
 */
static struct pm_template_set *theme_set;

const struct pm_template_set *
fuzz_theme(void)
{
	return theme_set;
}

int
fuzz_init(void)
{
	const char *dir = getenv("FUZZ_THEME_DIR");
	struct pm_error err;

	pm_markdown_init();
	if (theme_set)
		return 0;
	pm_error_clear(&err);
	pm_template_set_new(&theme_set);
	if (pm_template_set_add_dir(theme_set, dir && *dir ? dir :
	    "themes/default", &err) < 0) {
		char line[1024];

		fprintf(stderr, "fuzz: theme: %s\n", pm_error_format(line,
		    sizeof(line), &err));
		pm_template_set_free(theme_set);
		theme_set = NULL;
		return -1;
	}
	return 0;
}

void
fuzz_fini(void)
{
	pm_template_set_free(theme_set);
	theme_set = NULL;
}

/* ------------------------------------------------------------ checks */

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static int
starts_ci(const char *s, size_t len, const char *prefix)
{
	size_t i;

	for (i = 0; prefix[i]; i++)
		if (i >= len || lower((unsigned char)s[i]) != prefix[i])
			return 0;
	return 1;
}

int
fz_has_ci(const char *s, size_t len, const char *needle)
{
	return fz_count_ci(s, len, needle) > 0;
}

size_t
fz_count_ci(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), count = 0, i;

	for (i = 0; n && i + n <= len; i++)
		if (starts_ci(s + i, len - i, needle))
			count++;
	return count;
}

/* Tags cmark-gfm writes for a body (extensions included). */
static const char *const body_tags[] = {
	"a", "abbr", "b", "blockquote", "br", "caption", "cite", "code",
	"dd", "del", "details", "div", "dl", "dt", "em", "figcaption",
	"figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
	"input", "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s",
	"samp", "section", "small", "span", "strong", "sub", "summary",
	"sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u",
	"ul", NULL
};

/*
 * What a theme adds around it: the document, landmarks, inline SVG, the
 * search form and its script.  Tags that could carry content's script
 * (script, form, meta, link, style...) are allowed here only because
 * fuzz_page and the adversarial tests also count them against what the
 * theme itself writes.
 */
static const char *const page_tags[] = {
	"article", "aside", "body", "button", "circle", "clippath", "defs",
	"desc", "ellipse", "fieldset", "footer", "form", "g", "head",
	"header", "html", "label", "legend", "line", "lineargradient",
	"link", "main", "meta", "nav", "noscript", "optgroup", "option",
	"output", "path", "polygon", "polyline", "radialgradient", "rect",
	"script", "select", "stop", "style", "svg", "symbol", "text",
	"time", "title", "tspan", NULL
};

/* Elements that run or embed something, refused even in XML. */
static const char *const active_tags[] = {
	"applet", "base", "embed", "foreignobject", "form", "frame",
	"frameset", "iframe", "object", "script", NULL
};

/* Attributes that hold a URL a browser may follow or load. */
static const char *const url_attrs[] = {
	"action", "background", "cite", "codebase", "data", "dynsrc",
	"href", "longdesc", "lowsrc", "manifest", "ping", "poster", "src",
	"srcset", "usemap", "xlink:href", NULL
};

static int
in_list(const char *const *list, const char *name)
{
	for (; *list; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

/*
 * The URL as a browser sees it: character references decoded (&#58;,
 * &#x3a;, &colon; all make ':'), blanks and control characters dropped
 * (browsers ignore them inside a scheme), lowercased; at most size - 1
 * bytes, which is enough to read a scheme.
 */
static void
decode_url(char *out, size_t size, const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len && n + 1 < size) {
		int c = (unsigned char)s[i++];

		if (c == '&' && i < len && s[i] == '#') {
			int hex = i + 1 < len && lower((unsigned char)s[i +
			    1]) == 'x';
			long v = 0;

			i += hex ? 2 : 1;
			while (i < len && (hex ? strchr("0123456789abcdef",
			    lower((unsigned char)s[i])) != NULL :
			    s[i] >= '0' && s[i] <= '9') && v < 0x110000) {
				int d = lower((unsigned char)s[i]);

				v = v * (hex ? 16 : 10) + (d <= '9' ? d - '0' :
				    d - 'a' + 10);
				i++;
			}
			if (i < len && s[i] == ';')
				i++;
			c = v > 0 && v < 128 ? (int)v : '?';
		} else if (c == '&') {
			static const struct { const char *name; int c; }
			    named[] = { { "colon;", ':' }, { "tab;", '\t' },
			    { "newline;", '\n' }, { "amp;", '&' },
			    { "sol;", '/' }, { "lpar;", '(' } };

			for (size_t k = 0; k < sizeof(named) /
			    sizeof(*named); k++)
				if (starts_ci(s + i, len - i, named[k].name)) {
					i += strlen(named[k].name);
					c = named[k].c;
					break;
				}
		}
		if (c <= 0x20 || c == 0x7f)
			continue;
		out[n++] = (char)lower(c);
	}
	out[n] = '\0';
}

static const char *
url_problem(const char *tag, const char *attr, const char *v, size_t len)
{
	char url[64];

	decode_url(url, sizeof(url), v, len);
	if (strncmp(url, "javascript:", 11) == 0 ||
	    strncmp(url, "vbscript:", 9) == 0)
		return "script URL in an attribute";
	if (strncmp(url, "file:", 5) == 0)
		return "file: URL in an attribute";
	if (strncmp(url, "data:", 5) == 0) {
		int image = strncmp(url, "data:image/png", 14) == 0 ||
		    strncmp(url, "data:image/gif", 14) == 0 ||
		    strncmp(url, "data:image/jpeg", 15) == 0 ||
		    strncmp(url, "data:image/webp", 15) == 0;

		if (!image || strcmp(tag, "img") != 0 ||
		    strcmp(attr, "src") != 0)
			return "data: URL in an attribute";
	}
	return NULL;
}

/* Read a name ([^ \t\n/>=]+) at s[i], lowercased into out. */
static size_t
read_name(char *out, size_t size, const char *s, size_t len, size_t i)
{
	size_t n = 0;

	while (i < len && !is_space((unsigned char)s[i]) && s[i] != '/' &&
	    s[i] != '>' && s[i] != '=' && !(n > 0 && s[i] == '<')) {
		if (n + 1 < size)
			out[n++] = (char)lower((unsigned char)s[i]);
		i++;
	}
	out[n] = '\0';
	return i;
}

/* Skip the text of a raw-text element up to its end tag. */
static size_t
skip_raw_text(const char *s, size_t len, size_t i, const char *tag)
{
	char end[40];

	snprintf(end, sizeof(end), "</%s", tag);
	for (; i < len; i++)
		if (s[i] == '<' && starts_ci(s + i, len - i, end))
			return i;
	return len;
}

/*
 * One start or end tag at s[i] ('<' then a letter or '/').  Returns the
 * index after it, or sets *problem.
 */
static size_t
check_tag(const char *s, size_t len, size_t i, enum fz_mode mode,
    const char **problem)
{
	char tag[32], attr[64];
	int closing = s[i + 1] == '/', checkbox = 0, is_input;

	i = read_name(tag, sizeof(tag), s, len, i + 1 + (size_t)closing);
	if (mode == FZ_XML ? in_list(active_tags, tag) :
	    !in_list(body_tags, tag) && !(mode == FZ_PAGE &&
	    in_list(page_tags, tag))) {
		*problem = "tag not allowed";
		return i;
	}
	is_input = strcmp(tag, "input") == 0;
	for (;;) {
		size_t vstart = 0, vlen = 0;

		while (i < len && (is_space((unsigned char)s[i]) ||
		    s[i] == '/'))
			i++;
		if (i >= len) {
			*problem = "tag not closed";
			return i;
		}
		if (s[i] == '>') {
			i++;
			break;
		}
		i = read_name(attr, sizeof(attr), s, len, i);
		if (attr[0] == '\0') {
			*problem = "malformed attribute";
			return i;
		}
		while (i < len && is_space((unsigned char)s[i]))
			i++;
		if (i < len && s[i] == '=') {
			i++;
			while (i < len && is_space((unsigned char)s[i]))
				i++;
			if (i < len && (s[i] == '"' || s[i] == '\'')) {
				const char *q = memchr(s + i + 1, s[i],
				    len - i - 1);

				if (q == NULL) {
					*problem = "attribute not closed";
					return i;
				}
				vstart = i + 1;
				vlen = (size_t)(q - s) - vstart;
				i = (size_t)(q - s) + 1;
			} else {
				vstart = i;
				while (i < len && !is_space((unsigned
				    char)s[i]) && s[i] != '>')
					i++;
				vlen = i - vstart;
			}
		}
		if (closing) {
			*problem = "attribute on an end tag";
			return i;
		}
		if (strncmp(attr, "on", 2) == 0 ||
		    strcmp(attr, "srcdoc") == 0 ||
		    strcmp(attr, "formaction") == 0) {
			*problem = "event handler or active attribute";
			return i;
		}
		if (in_list(url_attrs, attr) && (*problem = url_problem(tag,
		    attr, s + vstart, vlen)) != NULL)
			return i;
		if (is_input && strcmp(attr, "type") == 0)
			checkbox = vlen == 8 && starts_ci(s + vstart, vlen,
			    "checkbox");
	}
	if (is_input && !closing && !checkbox && mode != FZ_PAGE) {
		*problem = "input that is not a task list checkbox";
		return i;
	}
	if (!closing && mode != FZ_XML && (strcmp(tag, "style") == 0 ||
	    strcmp(tag, "title") == 0 || strcmp(tag, "script") == 0))
		i = skip_raw_text(s, len, i, tag);
	return i;
}

const char *
fz_html_problem(const char *s, size_t len, enum fz_mode mode, size_t *at)
{
	const char *problem = NULL;
	size_t i = 0;

	while (i < len && problem == NULL) {
		const char *lt = memchr(s + i, '<', len - i);
		int c;

		if (lt == NULL)
			break;
		i = (size_t)(lt - s);
		*at = i;
		c = i + 1 < len ? (unsigned char)s[i + 1] : 0;
		if (starts_ci(s + i, len - i, "<!--")) {
			/* As browsers end comments: "<!-->" and "<!--->" are
			 * whole, else the first "-->" or "--!>". */
			size_t j = i + 4, end = len;

			if (j < len && s[j] == '>')
				end = j + 1;
			else if (j + 1 < len && s[j] == '-' && s[j + 1] == '>')
				end = j + 2;
			for (; end == len && j + 3 <= len; j++)
				if (memcmp(s + j, "-->", 3) == 0)
					end = j + 3;
				else if (j + 4 <= len &&
				    memcmp(s + j, "--!>", 4) == 0)
					end = j + 4;
			i = end;
		} else if (starts_ci(s + i, len - i, "<![cdata[")) {
			const char *end = NULL;

			for (size_t j = i + 9; j + 3 <= len; j++)
				if (memcmp(s + j, "]]>", 3) == 0) {
					end = s + j;
					break;
				}
			i = end ? (size_t)(end - s) + 3 : len;
		} else if (c == '!' || c == '?') {
			const char *end = memchr(s + i, '>', len - i);

			i = end ? (size_t)(end - s) + 1 : len;
		} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    c == '/') {
			i = check_tag(s, len, i, mode, &problem);
		} else {
			i++;	/* a lone '<' is text to a browser */
		}
	}
	return problem;
}
