/*
 * placeholder.c: a template's unfilled field (placeholder.h).  The forms
 * are those of real templates: incident tools, wiki pages and the
 * "postmortem template" files teams copy.
 */
#include "placeholder.h"

#include <string.h>
#include <strings.h>

static int
is_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' &&
	    (c | 0x20) <= 'z');
}

/* Words a template leaves where a value goes. */
static const char *const gap_words[] = {
	"tbd", "tbc", "tba", "todo", "fixme", "n/a", "n.a.", "na", "none",
	"nil", "pending", "unset", "to be determined", "to be confirmed",
	"to be added", "fill in", "fill me in", "change me", "changeme",
	"xxx", "xx", "x", NULL
};

/* Openings of a template's hint in place of the value. */
static const char *const hints[] = {
	"e.g.", "e.g ", "eg.", "eg ", "eg:", "for example", "example:",
	"i.e.", NULL
};

static int
starts_with(const char *s, size_t len, const char *word, size_t *n)
{
	*n = strlen(word);
	return len >= *n && strncasecmp(s, word, *n) == 0;
}

/* A gap word, alone or before a note ("TBD (after the count)", "TODO:
 * confirm") or a percent sign ("XX%"); not the first word of a phrase
 * ("none of the above"). */
static int
gap_word(const char *s, size_t len)
{
	size_t n;

	for (const char *const *w = gap_words; *w; w++) {
		if (!starts_with(s, len, *w, &n) ||
		    (n < len && is_alnum((unsigned char)s[n])))
			continue;
		size_t word = n;

		while (n < len && is_space((unsigned char)s[n]))
			n++;
		/* a note opens with a bracket, or with a colon or a dash
		 * after a space ("x-ray" and "n/a-ish" are no gaps) */
		if (n == len || s[n] == '(' || s[n] == '%' || s[n] == ':' ||
		    (n > word && (s[n] == '-' ||
		    (unsigned char)s[n] == 0xe2)))
			return 1;
	}
	return 0;
}

/* Nothing but dashes, question marks, dots, stars or underscores. */
static int
marks_only(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (strchr("-?._* ", s[i]) && s[i] != '\0')
			i++;
		else if (len - i >= 3 && memcmp(s + i, "\xe2\x80", 2) == 0 &&
		    s[i + 2] != '\0' &&
		    strchr("\x93\x94\xa6", s[i + 2]))	/* – — … */
			i += 3;
		else
			return 0;
	}
	return 1;
}

/* "YYYY-MM-DD", "HH:MM", "dd/mm/yyyy", "XX.X%": mask letters and
 * separators only, with a letter doubled as masks double them. */
static int
mask(const char *s, size_t len)
{
	static const char letters[] = "YyMmDdHhSsXx";
	int doubled = 0;

	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\0' || !strchr("YyMmDdHhSsXxTtZz:-/ .,+%", s[i]))
			return 0;
		if (i > 0 && strchr(letters, s[i]) &&
		    (s[i] | 0x20) == (s[i - 1] | 0x20))
			doubled = 1;
	}
	return doubled;
}

/* <...> that reads as HTML ("<script>x</script>", "<img src=x>",
 * "<b>"): a bracket, an attribute or a slash inside, or a tag's name
 * alone.  Those stay values, to be shown as the text they are. */
static int
markup(const char *s, size_t len)
{
	const char *in = s + 1;
	size_t n = len - 2, i;

	if (memchr(in, '<', n) || memchr(in, '>', n) || memchr(in, '=', n) ||
	    memchr(in, '/', n))
		return 1;
	for (i = 0; i < n && (is_alnum((unsigned char)in[i]) || in[i] == '-');
	    i++)
		;
	return i == n;
}

int
pm_placeholder(const char *s, size_t len)
{
	size_t n;

	while (len > 0 && is_space((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && is_space((unsigned char)s[len - 1]))
		len--;
	if (len == 0)
		return 1;
	/* Brackets and hints may hold an example: "<SEV1|SEV2>", "e.g.
	 * 14:30 UTC". */
	if (len >= 2 && ((s[0] == '<' && s[len - 1] == '>' && !markup(s,
	    len)) ||
	    (s[0] == '[' && s[len - 1] == ']') ||
	    (len >= 4 && memcmp(s, "{{", 2) == 0 &&
	    memcmp(s + len - 2, "}}", 2) == 0)))
		return 1;
	for (const char *const *h = hints; *h; h++)
		if (starts_with(s, len, *h, &n))
			return 1;
	for (size_t i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return 0;
	return gap_word(s, len) || marks_only(s, len) || mask(s, len);
}
