/*
 * extract_hints.c: what a template left in the text.  Teams write
 * postmortems from templates and keep the template's instructions beside
 * their answers: "**Impact:** _Describe the share of users affected,
 * e.g. ~30% of users._ 2,150 of the 11,600 customers ...", "Root cause:
 * [One sentence] The name the app uses ...", "- [ ] [Action] — [Owner]".
 * The examples in them are no facts of the incident, so the reader cuts
 * them out before reading the line.
 */
#include "extract_int.h"

#include <string.h>

/* Words that mark a span as the template's example. */
static const char *const example_marks[] = {
	"e.g.", "e.g,", "for example", "for instance", NULL
};

/* How a template's instruction opens. */
static const char *const instructions[] = {
	"template:", "fill in", "describe", "give", "add", "list", "explain",
	"state", "summarise", "summarize", "include", "replace", "delete",
	"remove", "write", "enter", "provide", "keep", "pick", "choose",
	"link to", "use", "one sentence", "one paragraph", "one line",
	"optional:", NULL
};

/* What only a template's example line says of itself. */
static const char *const leftovers[] = {
	"delete me", "delete this example", "example entry", "example row",
	NULL
};

/* An italic span that is an instruction or an example: "_Describe the
 * share ..._", "_(e.g. 1 h 15 min)_"; one word is emphasis. */
static int
italic_hint(const char *s, size_t len)
{
	size_t i;

	while (len > 0 && (*s == '(' || *s == ' ')) {
		s++;
		len--;
	}
	for (i = 0; example_marks[i]; i++)
		if (x_find(s, len, example_marks[i]) != (size_t)-1)
			return 1;
	if (memchr(s, ' ', len) == NULL)
		return 0;
	for (i = 0; instructions[i]; i++)
		if (x_phrase_at(s, len, 0, instructions[i]))
			return 1;
	return 0;
}

/* Cut [a, b) and a space after it, or before it at the end of the line. */
static void
cut_span(struct pm_buf *b, struct x_struck *adjust, size_t a, size_t e)
{
	if (e < b->len && b->ptr[e] == ' ')
		e++;
	else if (e == b->len && a > 0 && b->ptr[a - 1] == ' ')
		a--;
	x_struck_cut(b, adjust, a, e);
}

/* The fields a template's task line names. */
static const char *const prompt_words[] = {
	"action", "owner", "due date", "date", "name", "team", "link",
	"service", "ticket", NULL
};

/* A prompt's text: an instruction ("Describe the timeline here", "One
 * sentence"), a question or sentence ("How many users were affected?",
 * "Category and one sentence."), a field to fill ("Owner"), or what a
 * share asks for ("Share of users affected").  Not a tag: "[Postmortem]
 * Title", "[Dev] Convert the tables", "[TODO] Rate limit", "[FIRING]". */
static int
prompt(const char *s, size_t len)
{
	size_t i;

	if (memchr(s, '?', len) || memchr(s, ':', len) || s[len - 1] == '.')
		return 1;
	for (i = 0; prompt_words[i]; i++)
		if (x_phrase_at(s, len, 0, prompt_words[i]) == len)
			return 1;
	if (x_phrase_at(s, len, 0, "share of") ||
	    x_phrase_at(s, len, 0, "number of"))
		return 1;
	for (i = 0; instructions[i]; i++)
		if (x_phrase_at(s, len, 0, instructions[i]))
			return 1;
	return 0;
}

/*
 * "[One sentence]", "[Link to dashboard]", "[Owner]": a prompt after a
 * capital, no digit inside (a footnote, "[1]"), short, and neither a
 * link (cmark has made links of those already) nor a span with
 * attributes ("[text]{.underline}", as pandoc writes them).
 */
#define PROMPT_MAX 120

static void
cut_prompts(struct pm_buf *b, struct x_struck *adjust)
{
	size_t i = 0;

	while (i < b->len) {
		char *open = memchr(b->ptr + i, '[', b->len - i);
		size_t at, end;

		if (open == NULL)
			return;
		at = (size_t)(open - b->ptr);
		end = at + 1;
		while (end < b->len && b->ptr[end] != ']' &&
		    b->ptr[end] != '[' &&
		    !(b->ptr[end] >= '0' && b->ptr[end] <= '9'))
			end++;
		if (end < b->len && b->ptr[end] == ']' && end > at + 2 &&
		    b->ptr[at + 1] >= 'A' && b->ptr[at + 1] <= 'Z' &&
		    end - at <= PROMPT_MAX && (end + 1 == b->len ||
		    (b->ptr[end + 1] != '(' && b->ptr[end + 1] != '{')) &&
		    prompt(b->ptr + at + 1, end - at - 1)) {
			cut_span(b, adjust, at, end + 1);
			i = at;
		} else {
			i = at + 1;
		}
	}
}

void
x_hints_drop(struct pm_buf *b, struct x_struck *hints,
    struct x_struck *adjust, int *carry)
{
	int carried = *carry;

	*carry = 0;
	for (size_t k = hints->n; k-- > 0;) {
		size_t a = hints->spans[k].start, e = hints->spans[k].end;
		int open = e == 0;

		if (open)
			e = b->len;
		if (e <= a || e > b->len)
			continue;
		if ((k == 0 && a == 0 && carried) ||
		    italic_hint(b->ptr + a, e - a)) {
			cut_span(b, adjust, a, e);
			if (open)
				*carry = 1;
		}
	}
	hints->n = 0;
	cut_prompts(b, adjust);
	/* a template's example line: "- 00:00 — example entry, delete me";
	 * strstr() asks every line cheaply first (b is NUL-terminated) */
	if (b->ptr == NULL || (strstr(b->ptr, "elete") == NULL &&
	    strstr(b->ptr, "xample") == NULL))
		return;
	if (x_find_any(b->ptr, b->len, leftovers, NULL))
		x_struck_cut(b, adjust, 0, b->len);
}
