/*
 * extract_question.c: postmortems written as questions and answers.  An
 * FAQ sets its questions as headings, which assign_sections() reads as
 * any other; a Q&A sets them as lines: "Q: What are we changing?",
 * "**Q. What are you changing?**", "Q3 — Why did it happen?", or as the
 * items of a numbered list, the answers in paragraphs between them.
 * Read as plain paragraphs, such a question opens nothing, and its
 * answer runs on in the section of the question before it: "Should I
 * tell customers anything?" answered below a task list adds its lines to
 * the tasks.
 */
#include "extract_int.h"

#include <string.h>

static int
letter_is(int c, int want)
{
	return c == want || c == want - 'a' + 'A';
}

/* The length of the separator at s[i], blanks after it included, or 0:
 * ":", ".", ")", or a dash after a blank ("Q — ..."). */
static size_t
separator(const char *s, size_t len, size_t i)
{
	size_t e = i;

	while (e < len && s[e] == ' ')
		e++;
	if (e < len && (s[e] == ':' || s[e] == '.' || s[e] == ')' ||
	    (s[e] == '-' && e > i)))
		e++;
	else if (e > i && e + 2 < len && (unsigned char)s[e] == 0xe2 &&
	    (unsigned char)s[e + 1] == 0x80 &&
	    ((unsigned char)s[e + 2] == 0x93 ||
	    (unsigned char)s[e + 2] == 0x94))
		e += 3;	/* "–", "—" */
	else
		return 0;
	while (e < len && s[e] == ' ')
		e++;
	return e < len ? e - i : 0;
}

size_t
x_qa_mark(const char *s, size_t len, int letter)
{
	size_t i = 0, sep;

	if (len == 0 || !letter_is((unsigned char)s[0], letter))
		return 0;
	/* "Question 3:", "Answer:" spelt out */
	if ((i = x_phrase_at(s, len, 0, letter == 'q' ? "question" :
	    "answer")) != 0) {
		if (i + 1 < len && s[i] == ' ' && s[i + 1] >= '0' &&
		    s[i + 1] <= '9')
			i++;
	} else {
		i = 1;
	}
	while (i < len && s[i] >= '0' && s[i] <= '9')	/* "Q12:" */
		i++;
	sep = separator(s, len, i);
	return sep ? i + sep : 0;
}

/* Does the line end a question ("...?", "...?**" already unwrapped)? */
static int
asks(const struct xline *l)
{
	return l->len > 0 && l->s[l->len - 1] == '?';
}

/*
 * "* what was the root cause:" over its answer on the next line of the
 * item: a form's questions typed as bullets with a colon.  The section
 * the question names, when it is one the extractor reads; else
 * SEC_NONE ("when was the issue detected:" in the timeline is a step).
 */
static int
form_question(const struct xline *l, const struct xline *next)
{
	static const char *const wh[] = {
		"what", "how", "when", "why", "who", "where", NULL
	};
	size_t at;
	int sec;

	if (!l->first || l->len < 8 || l->len > 80 || l->label_len ||
	    l->s[l->len - 1] != ':' || next == NULL ||
	    next->block != l->block || next->label_len ||
	    !x_phrase_at_any(l->s, l->len, 0, wh))
		return SEC_NONE;
	/* what is asked after its last "the": "the impact" */
	for (at = l->len - 1; at > 4 && !x_phrase_at(l->s, l->len, at - 4,
	    "the"); at--)
		;
	sec = x_section_of(l->s + at, l->len - 1 - at, 1);
	if (sec == SEC_NONE)
		sec = x_section_of(l->s, l->len - 1, 0);
	return sec == SEC_OTHER ? SEC_NONE : sec;
}

int
x_question_section(const struct xline *l, const struct xline *next,
    int numbered)
{
	struct pm_when w;
	size_t q, text;
	int mer, sec;

	if ((sec = form_question(l, next)) != SEC_NONE)
		return sec;
	if (!asks(l) || !l->first || l->len > 160)
		return SEC_NONE;
	if (l->kind == XL_PARA) {
		/* alone in its paragraph, or over its "A:" line */
		if ((q = x_qa_mark(l->s, l->len, 'q')) == 0 ||
		    (next && next->block == l->block &&
		    x_qa_mark(next->s, next->len, 'a') == 0))
			return SEC_NONE;
	} else if (l->kind == XL_ITEM) {
		/* "8. Was this the same as the problem in March?" among
		 * numbered sections, its answer in the paragraph below */
		if (!numbered || l->level != 1 || l->task >= 0 ||
		    (next && (next->block == l->block ||
		    next->kind == XL_ITEM)))
			return SEC_NONE;
		q = 0;
	} else {
		return SEC_NONE;
	}
	/* "10:05 — is it the DNS?" is a timeline entry */
	if (x_entry_at(l->t + q, l->len - q, &w, &mer, &text) && w.hour >= 0)
		return SEC_NONE;
	sec = x_section_of(l->s + q, l->len - q, 0);
	return sec == SEC_NONE ? SEC_OTHER : sec;
}

void
x_answer_unmark(struct xline *l)
{
	size_t a;

	if (l->kind != XL_PARA || !l->first ||
	    (a = x_qa_mark(l->s, l->len, 'a')) == 0)
		return;
	/* "**A:** text": the bold run was the mark's */
	l->strong = l->strong > a ? l->strong - a : 0;
	l->s += a;
	l->t += a;
	l->len -= a;
}
