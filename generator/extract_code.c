/*
 * extract_code.c: what a code block holds.  Writers put more than code in
 * them: a whole postmortem pasted into a fence, a log or a chat copied as
 * the timeline, and, since CommonMark makes any block indented four spaces
 * code, whole sections typed with a margin.  extract_lines.c asks these
 * questions of each block before it decides how to cut it.
 */
#include "extract_int.h"
#include "markdown.h"

#include <string.h>

/* How much a code block looks like a pasted postmortem: the number of
 * different sections its lines name. */
int
x_code_sections(const char *s)
{
	unsigned seen = 0;
	int score = 0, sec;

	while (*s) {
		size_t n = strcspn(s, "\n");

		if (n > 0 && n < 60 && (sec = x_section_of(s, n, 0)) !=
		    SEC_NONE && sec != SEC_OTHER && !(seen & (1u << sec))) {
			seen |= 1u << sec;
			score++;
		}
		s += n + (s[n] == '\n');
	}
	return score;
}

/* Does the line start with a time ("07:36:50", "2024-10-08T07:36:50Z",
 * "1340  text", "[9:06 AM] text")? */
int
x_starts_with_time(const char *s, size_t len)
{
	struct pm_when w;
	size_t n;

	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	/* "[8:40 AM] maya: sent!", a chat log */
	if (len > 0 && *s == '[')
		s++, len--;
	if (len == 0 || *s < '0' || *s > '9')
		return 0;
	n = pm_when_parse(&w, s, len);
	return (n > 0 && w.hour >= 0) || x_hhmm_at(s, len, &w) > 0;
}

/* How many lines of a code block start with a time. */
int
x_code_log_lines(const char *s)
{
	int n = 0;

	while (*s) {
		size_t len = strcspn(s, "\n");

		n += x_starts_with_time(s, len);
		s += len + (s[len] == '\n');
	}
	return n;
}

/* How many short lines of a code block hold a clock ("Dana  10:07"):
 * a cheap test before a block is cut to look for chat headers, which
 * SQL, configs and stack traces seldom pass. */
int
x_code_clock_lines(const char *s)
{
	int n = 0;

	while (*s) {
		size_t len = strcspn(s, "\n");
		const char *colon = memchr(s, ':', len);

		n += len < 60 && colon && colon > s && colon[-1] >= '0' &&
		    colon[-1] <= '9' && colon[1] >= '0' && colon[1] <= '9';
		s += len + (s[len] == '\n');
	}
	return n;
}

/* How many of the lines from the from-th on head a chat message
 * ("Marta Kowalska  09:48", the message under it), as a chat channel
 * copied into a code block has them. */
int
x_chat_headers_from(const struct xdoc *d, size_t from)
{
	struct pm_when w;
	int n = 0, mer;

	for (size_t i = from; i < d->n; i++)
		n += x_chat_header(&d->v[i], i + 1 < d->n ? &d->v[i + 1] :
		    NULL, &w, &mer);
	return n;
}

/*
 * How many list items or table rows that open with a time end right
 * before the line from-th, maybe under one paragraph that introduces
 * what follows: a chat or a log pasted under a timeline of such entries
 * is quoted for context ("For context only, not part of the timeline:
 * the first messages in the channel"), where one pasted alone is the
 * timeline, and one under a line that names a section ("Root cause:")
 * belongs to that section.
 */
int
x_timed_items_before(const struct xdoc *d, size_t from)
{
	int n = 0, intro = -1;

	while (from-- > 0) {
		const struct xline *l = &d->v[from];

		if (l->kind == XL_HEADING ||
		    x_section_of(l->s, l->len, 1) != SEC_NONE)
			break;
		if (l->kind == XL_PARA && n == 0 &&
		    (intro < 0 || intro == l->block)) {
			intro = l->block;
			continue;
		}
		if ((l->kind != XL_ITEM && l->kind != XL_ROW) ||
		    !x_starts_with_time(l->s, l->len))
			break;
		n++;
	}
	return n;
}

/* Runs of two letters or more: the words of a line, near enough. */
static int
word_count(const char *s, size_t n)
{
	int words = 0;
	size_t run = 0;

	for (size_t i = 0; i <= n; i++) {
		unsigned char c = i < n ? (unsigned char)s[i] : ' ';

		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
			run++;
			continue;
		}
		words += run >= 2;
		run = 0;
	}
	return words;
}

static int
opens_with(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && memcmp(s, prefix, k) == 0;
}

/* A line as code, configurations and shells write them: ending in a
 * brace or a semicolon, a prompt, a shebang, a tag or a comment first,
 * an assignment, a test or a call ("bar(Foo.java:42)") within. */
static int
code_line(const char *s, size_t n)
{
	char last = s[n - 1];

	if (last == '{' || last == '}' || last == ';')
		return 1;
	if (opens_with(s, n, "$ ") || opens_with(s, n, "#!") ||
	    opens_with(s, n, "<") || opens_with(s, n, "sudo ") ||
	    opens_with(s, n, "//") || opens_with(s, n, "/*"))
		return 1;
	for (size_t i = 1; i + 1 < n; i++) {
		if ((s[i] == '=' && (s[i - 1] == ' ' || s[i - 1] == '=' ||
		    s[i + 1] == '>')) || (s[i] == '&' && s[i + 1] == '&'))
			return 1;
		if (s[i] == '(' && s[i - 1] != ' ' && s[i - 1] != '(' &&
		    memchr(s + i, ')', n - i) != NULL &&
		    ((s[i - 1] | 0x20) >= 'a' && (s[i - 1] | 0x20) <= 'z'))
			return 1;
	}
	return 0;
}

/*
 * Is s, an indented code block's text, Markdown that its writer indented
 * rather than code?  Prose is words: most of its lines hold three or
 * more, hardly any reads as code, and its lines do not open with times
 * as a log's do (a log is cut line by line, not parsed); or it is one
 * line that names a section.
 */
int
x_code_is_prose(const char *s)
{
	int lines = 0, wordy = 0, code = 0, timed = 0;
	const char *first = NULL;
	size_t first_len = 0;

	while (*s) {
		size_t len = strcspn(s, "\n"), lead = strspn(s, " \t");
		size_t n = len;

		while (n > lead && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
		    s[n - 1] == '\r'))
			n--;
		if (n > lead) {
			lines++;
			wordy += word_count(s + lead, n - lead) >= 3;
			code += code_line(s + lead, n - lead);
			timed += x_starts_with_time(s + lead, n - lead);
			if (first == NULL) {
				first = s + lead;
				first_len = n - lead;
			}
		}
		s += len + (s[len] == '\n');
	}
	/* "\t\tTimeline", a heading set in on a line of its own */
	if (lines == 1 && x_section_of(first, first_len, 1) != SEC_NONE)
		return 1;
	return lines > 0 && wordy * 2 >= lines && code * 10 <= lines &&
	    timed * 2 < lines;
}

/*
 * The text of a code block parsed as Markdown, its lines numbered as the
 * file's (a fence's text starts on the line after it).  The caller frees
 * it with pm_markdown_free(); NULL when it cannot be parsed.
 */
struct pm_markdown *
x_parse_text(const struct xdoc *d, const char *s, size_t len, int first_line)
{
	struct pm_markdown_opts o;
	struct pm_markdown *md = NULL;

	memset(&o, 0, sizeof(o));
	o.file = d->file;
	o.first_line = first_line;
	o.parse_lock = d->parse_lock;
	return pm_markdown_parse(&md, s, len, &o, NULL) < 0 ? NULL : md;
}

/* The blanks (spaces or tabs) that open every line of s that is not
 * blank. */
static size_t
common_indent(const char *s)
{
	size_t min = (size_t)-1;

	while (*s) {
		size_t len = strcspn(s, "\n"), lead = strspn(s, " \t");

		if (lead < len && s[lead] != '\r' && lead < min)
			min = lead;
		s += len + (s[len] == '\n');
	}
	return min == (size_t)-1 ? 0 : min;
}

/*
 * s without the first cut blanks of each line, in the arena: a heading
 * centred with forty spaces ("      Root cause and resolution"), or set
 * in with two tabs, is a code block still after the four columns that
 * made it one are gone.
 */
static const char *
dedent(const struct xdoc *d, const char *s, size_t cut, size_t *len)
{
	char *out = pm_arena_alloc(d->arena, strlen(s) + 1), *o = out;

	while (*s) {
		size_t n = strcspn(s, "\n"), lead = strspn(s, " \t");

		lead = lead < cut ? lead : cut;
		memcpy(o, s + lead, n - lead);
		o += n - lead;
		s += n;
		if (*s == '\n')
			*o++ = *s++;
	}
	*o = '\0';
	*len = (size_t)(o - out);
	return out;
}

struct pm_markdown *
x_code_parse(const struct xdoc *d, cmark_node *code)
{
	const char *lit = cmark_node_get_literal(code);
	int fl = 0, fo = 0;
	char fc = 0;
	size_t len, cut;

	if (lit == NULL)
		return NULL;
	len = strlen(lit);
	if ((cut = common_indent(lit)) > 0)
		lit = dedent(d, lit, cut, &len);
	return x_parse_text(d, lit, len, cmark_node_get_start_line(code) +
	    (cmark_node_get_fenced(code, &fl, &fo, &fc) ? 1 : 0));
}
