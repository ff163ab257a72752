/*
 * extract_items.c: the action items of a postmortem: GFM task list items
 * anywhere ("- [ ] add an alert", "- [x] ..."), and every item of a
 * section named TODO, Tasks, Action items, Follow-ups or Next steps,
 * written as bullets, numbered items, table rows, "•" or "(1)" lines,
 * "Owner — task" lines, or one item per line of a paragraph when the
 * section has no list; when
 * there is no such section, the listed items of the corrective measures.  An
 * item is done when it is ticked, struck through or marked done
 * ("(done)", "✅", a "Done" status column).  Closing prose after the
 * last item ("By implementing these measures ...", "In conclusion ...")
 * is not an item.
 */
#include "extract_int.h"

#include <stdlib.h>
#include <string.h>

/* Openings of the prose that follows a list of tasks. */
static const char *const closers[] = {
	"by implementing", "by taking", "by addressing", "by following",
	"by doing", "in conclusion", "in summary", "to conclude",
	"to summarize", "overall", "note", "this postmortem",
	"this post mortem", "this incident", "this document", "this report",
	"this outage", "these measures", "these actions", "these steps",
	"these tasks", "these corrective", "these changes", "we apolog*",
	"we are committed", "we're committed", "we believe", "we aim",
	"we take", "we will continue", "we remain", "we hope", "moving forward",
	"going forward", "thank*", "lessons", "finally", "through these",
	"with these", "together", "if you have", "for more", "please",
	"in the future", "our team", "with apolog*", "with respect",
	"regards", "kind regards", "best regards", "sincerely", "yours",
	"respectfully", NULL
};

/* Marks that say an item is done (extract.h). */
const char *const pm_extract_done_marks[] = {
	"(done)", "[done]", "(completed)", "[completed]", "(complete)",
	"(fixed)", "(resolved)", "(shipped)", "\xe2\x9c\x85", "\xe2\x9c\x94",
	"\xe2\x98\x91", NULL
};

struct items {
	struct xdoc *d;
	struct pm_action_item *v;
	size_t n, cap;
	struct pm_buf b;
};

static int
is_done_text(const char *s, size_t len)
{
	for (const char *const *m = pm_extract_done_marks; *m; m++) {
		size_t ml = strlen(*m), k;

		for (size_t i = 0; i + ml <= len; i++) {
			for (k = 0; k < ml && x_lower((unsigned char)s[i + k])
			    == x_lower((unsigned char)(*m)[k]); k++)
				;
			if (k == ml)
				return 1;
		}
	}
	/* "DONE: add the alert" */
	return len > 5 && x_phrase_at(s, len, 0, "done") &&
	    (s[4] == ':' || s[4] == ' ');
}

/* "☐ text", "☑ text", "☒ text", "✅ text": the boxes word processors and
 * note apps export a checklist with; 1 ticked, 0 open, -1 none. */
static int
ballot_box(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;

	if (len < 5 || u[0] != 0xe2 || s[3] != ' ')
		return -1;
	if (u[1] == 0x98 && u[2] >= 0x90 && u[2] <= 0x92)
		return u[2] != 0x90;
	return u[1] == 0x9c && u[2] == 0x85 ? 1 : -1;
}

static void
add_item(struct items *it, const char *s, size_t len, int done, int line)
{
	int ticked = -1;

	/* "[ ] text" and "[x] text" outside a list, and "[TODO] text",
	 * "[DONE] text" anywhere */
	if (len > 4 && s[0] == '[' && s[2] == ']' && (s[1] == ' ' ||
	    s[1] == 'x' || s[1] == 'X')) {
		ticked = s[1] != ' ';
		s += 3, len -= 3;
	} else if (len > 7 && (memcmp(s, "[TODO]", 6) == 0 ||
	    memcmp(s, "[DONE]", 6) == 0)) {
		ticked = s[1] == 'D';
		s += 6, len -= 6;
	} else if ((ticked = ballot_box(s, len)) >= 0) {
		s += 3, len -= 3;
	}
	while (len > 0 && (*s == ' ' || *s == '\t'))
		s++, len--;
	if (len == 0 || !x_has_letter(s, len))
		return;
	if (it->n == it->cap) {
		it->cap = it->cap ? it->cap * 2 : 16;
		it->v = pm_xrealloc(it->v, pm_xmul(it->cap, sizeof(*it->v)));
	}
	memset(&it->v[it->n], 0, sizeof(it->v[it->n]));
	it->v[it->n].text = x_strdup_trim(it->d, s, len);
	it->v[it->n].done = done || ticked == 1 || is_done_text(s, len);
	it->v[it->n].line = line;
	it->n++;
}

static int
is_closer(const struct xline *l)
{
	size_t words = 0, at;


	if (x_find_any(l->s, l->len, closers, &at) && at == 0)
		return 1;
	for (size_t i = 0; i < l->len; i++)
		words += l->s[i] != ' ' && (i == 0 || l->s[i - 1] == ' ');
	return words > 40;
}

/* The text of a list item: its lines, joined. */
static size_t
item_text(struct items *it, size_t i)
{
	const struct xdoc *d = it->d;
	size_t k = i + 1;

	pm_buf_clear(&it->b);
	pm_buf_put(&it->b, d->v[i].s, d->v[i].len);
	for (; k < d->n && d->v[k].block == d->v[i].block && !d->v[k].first;
	    k++) {
		pm_buf_putc(&it->b, ' ');
		pm_buf_put(&it->b, d->v[k].s, d->v[k].len);
	}
	return k;
}

/* Cell values of a status column that say an item is done. */
static const char *const done_status[] = {
	"done", "completed", "complete", "closed", "fixed", "shipped",
	"resolved", "finished", "merged", "deployed", "yes", NULL
};

/* A table row: the first cell with text is the item; a cell that says
 * done (a status column) marks it done. */
static void
add_row(struct items *it, const struct xline *l)
{
	const char *p = l->s, *end = l->s + l->len, *text = NULL;
	size_t tlen = 0;
	int done = 0;

	for (;;) {
		const char *q = memchr(p, '\t', (size_t)(end - p));
		size_t len = (size_t)((q ? q : end) - p);
		char n[32];

		x_norm(n, sizeof(n), p, len);
		for (const char *const *s = done_status; *s; s++)
			done |= strcmp(n, *s) == 0;
		done |= is_done_text(p, len) && len < 16;
		if (!text && x_has_letter(p, len))
			text = p, tlen = len;
		if (!q)
			break;
		p = q + 1;
	}
	if (text)
		add_item(it, text, tlen, done || l->struck, l->line);
}

/* A parent item that only introduces the ones under it ("Database:"). */
static int
introduces(const struct xdoc *d, size_t i, size_t next)
{
	const struct xline *l = &d->v[i];

	return l->s[l->len - 1] == ':' && next < d->n &&
	    d->v[next].kind == XL_ITEM && d->v[next].level > l->level;
}

/* "(1) Add a test", "(b) Keep a log", "(iv) ...": a list as typed where
 * Markdown sees paragraphs, as memos letter their measures; the length
 * of the marker and its blank, else 0. */
static size_t
paren_numbered(const struct xline *l)
{
	size_t k = 1;

	if (l->len < 4 || l->s[0] != '(')
		return 0;
	if (l->s[1] >= '0' && l->s[1] <= '9')
		while (k < l->len && k < 4 && l->s[k] >= '0' &&
		    l->s[k] <= '9')
			k++;
	else if (l->s[1] == 'i' || l->s[1] == 'v' || l->s[1] == 'x')
		while (k < l->len && k < 5 && (l->s[k] == 'i' ||
		    l->s[k] == 'v' || l->s[k] == 'x'))
			k++;
	else if ((l->s[1] | 0x20) >= 'a' && (l->s[1] | 0x20) <= 'z')
		k = 2;
	return k > 1 && k + 1 < l->len && l->s[k] == ')' &&
	    l->s[k + 1] == ' ' ? k + 2 : 0;
}

/* "R1. Upgrade the arrays", "A2: Alert on 429s", "AI-3) ...": one to
 * three capitals and a number open the line; the length of that label
 * and its blank, its letters into tag; else 0. */
static size_t
letter_numbered(const struct xline *l, char tag[4])
{
	size_t k = 0, digits;

	while (k < 3 && k < l->len && l->s[k] >= 'A' && l->s[k] <= 'Z')
		k++;
	if (k == 0)
		return 0;
	memcpy(tag, l->s, k);
	tag[k] = '\0';
	if (k < l->len && l->s[k] == '-')
		k++;
	for (digits = k; k < l->len && k - digits < 3 && l->s[k] >= '0' &&
	    l->s[k] <= '9'; k++)
		;
	if (k == digits || k + 2 >= l->len || l->s[k + 1] != ' ' ||
	    (l->s[k] != '.' && l->s[k] != ':' && l->s[k] != ')'))
		return 0;
	return k + 2;
}

/*
 * The label of line i when it opens a paragraph of a list as typed in
 * formal reports, recommendations each a paragraph of its own ("R1.
 * ...", "R2. ..."): another paragraph of its section opens with a label
 * of the same letters.  "MI-77: closed" alone is no list.  Else 0.
 */
static size_t
letter_list(const struct xdoc *d, size_t i)
{
	const struct xline *l = &d->v[i];
	char tag[4], other[4];
	size_t n;

	if (l->kind != XL_PARA || !l->first || !(n = letter_numbered(l, tag)))
		return 0;
	for (size_t k = 0; k < d->n; k++)
		if (k != i && d->v[k].sec == l->sec &&
		    d->v[k].kind == XL_PARA && d->v[k].first &&
		    letter_numbered(&d->v[k], other) &&
		    strcmp(tag, other) == 0)
			return n;
	return 0;
}

/* The end of "Priya Raman — " at the start of l: one to four words, each
 * opening with a capital (or a letter beyond ASCII), then a dash between
 * blanks; else 0. */
static size_t
owner_lead(const struct xline *l)
{
	static const char *const joiners[] = { "and", "&", "with", NULL };
	static const char *const dashes[] = {
		" \xe2\x80\x94 ", " \xe2\x80\x93 ", " - ", " -- "
	};
	size_t i = 0;

	for (int words = 0; words < 4 && i < l->len; words++) {
		unsigned char c = (unsigned char)l->s[i];

		/* "Hamisi and Zuhura — ", "Priya & Tom — ", "The board — " */
		if (words > 0 && (x_phrase_at_any(l->s, l->len, i, joiners) ||
		    x_phrase_at(l->s, l->len, 0, "the")))
			c = 'A';
		if (!((c >= 'A' && c <= 'Z') || c >= 0x80))
			return 0;
		while (i < l->len && l->s[i] != ' ')
			i++;
		for (size_t k = 0; k < XCOUNT(dashes); k++) {
			size_t n = strlen(dashes[k]);

			if (i + n < l->len &&
			    memcmp(l->s + i, dashes[k], n) == 0)
				return i + n;
		}
		i++;
	}
	return 0;
}

/* Is line i one of two or more lines of its paragraph that each give a
 * task to someone ("Priya — rename the groups")?  A list as typed. */
static int
owner_lines(const struct xdoc *d, size_t i)
{
	const struct xline *l = &d->v[i];

	if (!owner_lead(l))
		return 0;
	return (i > 0 && d->v[i - 1].block == l->block &&
	    d->v[i - 1].kind == XL_PARA && owner_lead(&d->v[i - 1])) ||
	    (i + 1 < d->n && d->v[i + 1].block == l->block &&
	    d->v[i + 1].kind == XL_PARA && owner_lead(&d->v[i + 1]));
}

/* The shape of a task typed as a line of its own: "Hamisi — ..." 1,
 * "→ ..." 2, "Kabir: ..." 3, "... Responsible: Moussa." 4; else 0. */
static int
task_shape(const struct xline *l)
{
	static const char *const owners[] = {
		"responsible:", "owner:", "owners:", "lead:", NULL
	};

	if (owner_lead(l))
		return 1;
	if ((unsigned char)l->s[0] == 0xe2 || l->s[0] == '>' ||
	    l->s[0] == '*')
		return 2;
	if (l->label_len > 0 && l->content < l->len)
		return 3;
	return x_find_any(l->s, l->len, owners, NULL) ? 4 : 0;
}

/*
 * In a section whose tasks are typed as lines of one shape (task_shape),
 * a last paragraph of another shape is the writer signing off ("With
 * thanks to the drivers.", "Nothing else. Questions to Camilo."), not a
 * task.  Its block, or -1.
 */
/* Is line l, of section sec, one to read for sign_off_block()?  A
 * paragraph line, not an introduction ("Next steps:") and not a wrapped
 * line of a task before it; its task_shape() into *shape. */
static int
shaped_line(const struct xline *l, int sec, int *shape)
{
	if (l->sec != sec || l->head || l->kind != XL_PARA ||
	    l->s[l->len - 1] == ':')
		return 0;
	*shape = task_shape(l);
	return l->first || *shape != 0;
}

static int
sign_off_block(const struct xdoc *d, int sec)
{
	int shape = -1, last = -1, last_shape = 0, before = 0, k;

	for (size_t i = 0; i < d->n; i++)
		if (shaped_line(&d->v[i], sec, &k) && d->v[i].block != last) {
			last = d->v[i].block;
			last_shape = k;
		}
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].block != last && shaped_line(&d->v[i], sec, &k)) {
			shape = shape == -1 || shape == k ? k : 0;
			before++;
		}
	return before >= 2 && shape > 0 && last_shape != shape ? last : -1;
}

/*
 * Does the section that line i opens list its items twice, once as a
 * list and once as a table that tracks them (ticket, owner, due date),
 * row for item?  Then the rows are not more items.
 */
static int
table_mirrors_list(const struct xdoc *d, size_t i)
{
	size_t items = 0, rows = 0;

	for (size_t k = i + 1; k < d->n && !d->v[k].head; k++) {
		const struct xline *l = &d->v[k];

		if (l->kind == XL_ITEM && l->first && l->level == 1)
			items++;
		else if (l->kind == XL_ROW && !l->header_row && l->ncells > 0)
			rows++;
	}
	return items > 0 && items == rows;
}

/* Does the heading or label of l name lessons ("Lessons learned"), the
 * team's reflections rather than its tasks? */
static int
names_lessons(const struct xline *l)
{
	static const char *const lessons[] = { "lesson*", NULL };

	return x_find_any(l->s, l->label_len ? l->label_len : l->len,
	    lessons, NULL) != NULL;
}

/*
 * The items of the lines of section sec that are not task items.  lines:
 * every line of a paragraph is an item (a TODO list typed without
 * bullets); else only list items, "•" lines, "(1)" lines and table rows
 * are.  skip_lessons: leave out the sections that name lessons.
 */
static void
section_items(struct items *it, int sec, int lines, int skip_lessons)
{
	struct xdoc *d = it->d;
	size_t i = 0, next;
	int stopped_block = lines ? sign_off_block(d, sec) : -1;
	int mirror = 0, lessons = 0;

	while (i < d->n) {
		const struct xline *l = &d->v[i];
		size_t mark = 0;

		next = i + 1;
		if (l->head) {
			mirror = l->sec == sec && table_mirrors_list(d, i);
			lessons = skip_lessons && l->sec == sec &&
			    names_lessons(l);
		}
		if (l->sec != sec || l->task >= 0 || l->kind == XL_HEADING ||
		    l->block == stopped_block || lessons ||
		    (mirror && l->kind == XL_ROW)) {
			i = next;
			continue;
		}
		if (l->head) {
			/* "TODO: patch the load balancer" */
			if (l->content < l->len && sec == SEC_TASKS &&
			    x_section_of(l->s, l->label_len, 1) == SEC_TASKS)
				add_item(it, l->s + l->content,
				    l->len - l->content, l->struck, l->line);
		} else if (l->kind == XL_ROW) {
			if (!l->header_row && l->ncells > 0)
				add_row(it, l);
		} else if (l->kind == XL_ITEM && l->first) {
			next = item_text(it, i);
			if (!introduces(d, i, next) && !is_closer(l))
				add_item(it, it->b.ptr, it->b.len, l->struck,
				    l->line);
		} else if (l->kind == XL_PARA &&
		    ((mark = paren_numbered(l)) || (mark = letter_list(d, i)) ||
		    lines || l->bullet || owner_lines(d, i))) {
			/* one item a line; lines ending in ':' introduce */
			if (is_closer(l))
				stopped_block = l->block;
			else if (l->s[l->len - 1] != ':')
				add_item(it, l->s + mark, l->len - mark,
				    l->struck, l->line);
		}
		i = next;
	}
}

/*
 * Are the measures of section sec typed one a line, with no list: a
 * paragraph of two lines or more, each a measure, as a report pasted as
 * plain text has them ("Corrective and Preventative Measures" over
 * "Add alerts for the pool" and "Create a runbook ...")?  The lines of
 * measures are not joined as wrapped prose is (x_lines_join), so a line
 * that opens in lower case says the block is a sentence wrapped by hand.
 */
static int
typed_lines(const struct xdoc *d, int sec)
{
	int typed = 0;

	for (size_t i = 0; i + 1 < d->n; i++) {
		const struct xline *l = &d->v[i + 1];

		if (d->v[i].sec != sec || d->v[i].kind != XL_PARA ||
		    d->v[i].head || l->block != d->v[i].block || l->head)
			continue;
		/* "a staging server,\nwhich we did not have": one sentence */
		if (l->s[0] >= 'a' && l->s[0] <= 'z')
			return 0;
		typed = 1;
	}
	return typed;
}

/* Does section sec hold a list, a table or "•" lines?  Then the
 * paragraphs around them are prose, not items. */
static int
has_list(const struct xdoc *d, int sec)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->v[i].sec == sec && !d->v[i].head &&
		    (d->v[i].kind == XL_ITEM || d->v[i].kind == XL_ROW ||
		    d->v[i].bullet || paren_numbered(&d->v[i]) ||
		    letter_list(d, i) || owner_lines(d, i)))
			return 1;
	return 0;
}

/* "TODO index review for every query": a line that opens with the word
 * in capitals is a task wherever it stands (in a task section the
 * section's own rules read it), as is one that opens with a box typed
 * without a list ("[TODO] Alert on 429s", "[ ] ...", "[DONE] ...",
 * "[x] ...", "☐ ...", which add_item() reads).  The length of "TODO " to skip,
 * 0 for a box, -1 for neither. */
static int
todo_line(const struct xline *l)
{
	static const char *const boxes[] = {
		"[TODO] ", "[DONE] ", "[ ] ", "[x] ", "[X] ", NULL
	};

	if (l->kind != XL_PARA || l->len < 7)
		return -1;
	if (memcmp(l->s, "TODO ", 5) == 0 && x_alnum((unsigned char)l->s[5]))
		return 5;
	for (const char *const *b = boxes; *b; b++)
		if (strncmp(l->s, *b, strlen(*b)) == 0)
			return 0;
	return ballot_box(l->s, l->len) >= 0 ? 0 : -1;
}

/* A template's own checklist, ticked as the report was written: "##
 * Before publishing", "## Template checklist (delete before
 * publishing)", "**Template sections**", an issue form's "###
 * Checklist".  Its boxes are no actions. */
static int
checklist_label(const struct xline *l)
{
	static const char *const words[] = {
		"checklist", "check list", "before publishing",
		"before you publish", NULL
	};
	/* "Checklist: Follow-ups (2/5)", a tracker's list of the actions */
	static const char *const actions[] = {
		"follow-up*", "follow up*", "followup*", "action*", "task*",
		"todo", "to do", "next step*", "corrective", "remediation*",
		NULL
	};

	return (x_find_any(l->s, l->len, words, NULL) != NULL ||
	    x_phrase_at(l->s, l->len, 0, "template")) &&
	    x_find_any(l->s, l->len, actions, NULL) == NULL;
}

/* Is the sentence of s that opens at i a promise of the team ("We will
 * open bookings hut by hut.")?  "We will continue to monitor" promises
 * nothing. */
static int
promise_at(const char *s, size_t len, size_t i)
{
	static const char *const opens[] = {
		"we will", "we'll", "we\xe2\x80\x99ll", "we are going to",
		"we're going to", "we\xe2\x80\x99re going to", NULL
	};
	static const char *const idle[] = {
		"we will continue", "we will keep monitoring",
		"we will monitor", NULL
	};

	return s[i] == 'W' && x_phrase_at_any(s, len, i, opens) &&
	    !x_phrase_at_any(s, len, i, idle);
}

/* The promises of the paragraph in it->b: how many, each an item of
 * the given line with add. */
static size_t
promises(struct items *it, int line, int add)
{
	size_t p, e, n = 0;

	for (p = 0; p < it->b.len; p = e) {
		e = x_sentence_end(it->b.ptr, it->b.len, p);
		if (e <= p)
			e = p + 1;
		if (promise_at(it->b.ptr, it->b.len, p)) {
			n++;
			if (add)
				add_item(it, it->b.ptr + p, e - p, 0, line);
		}
		while (e < it->b.len && it->b.ptr[e] == ' ')
			e++;
	}
	return n;
}

/*
 * "We will open bookings hut by hut over one week. We will pay for the
 * larger plan.": a story gives its actions as sentences of a paragraph,
 * each opening "We will".  Two or more in one paragraph are its items;
 * one alone is a promise made in passing ("We will publish the full
 * report").  Each item has the line its paragraph starts on.
 */
static void
promise_items(struct items *it)
{
	struct xdoc *d = it->d;

	for (size_t i = 0; i < d->n; i++) {
		size_t k;

		if (d->v[i].kind != XL_PARA || !d->v[i].first ||
		    d->v[i].sec == SEC_TIMELINE)
			continue;
		k = item_text(it, i);
		if (promises(it, d->v[i].line, 0) >= 2)
			promises(it, d->v[i].line, 1);
		i = k - 1;
	}
}

static int
by_line(const void *a, const void *b)
{
	const struct pm_action_item *x = a, *y = b;

	return (x->line > y->line) - (x->line < y->line);
}

void
x_action_items(struct xdoc *d)
{
	struct items it;
	int checklist = 0;

	memset(&it, 0, sizeof(it));
	it.d = d;
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];
		int n;

		if (l->kind == XL_HEADING || (l->kind == XL_PARA &&
		    l->strong + 1 >= l->len && l->len < 80))
			checklist = checklist_label(l);
		if (l->task >= 0 && checklist)
			continue;
		if (l->task >= 0) {
			item_text(&it, i);
			add_item(&it, it.b.ptr, it.b.len, l->task == 1 ||
			    l->struck, l->line);
		} else if (l->sec != SEC_TASKS && (n = todo_line(l)) >= 0) {
			add_item(&it, l->s + n, l->len - (size_t)n, l->struck,
			    l->line);
		}
	}
	section_items(&it, SEC_TASKS, !has_list(d, SEC_TASKS), 0);
	/* no task list: the corrective measures are the actions, and the
	 * lessons learned only when nothing else lists any */
	if (it.n == 0)
		section_items(&it, SEC_CORRECTIVE, 0, 1);
	if (it.n == 0)
		section_items(&it, SEC_CORRECTIVE, 0, 0);
	if (it.n == 0 && typed_lines(d, SEC_CORRECTIVE)) {
		section_items(&it, SEC_CORRECTIVE, 1, 1);
		if (it.n < 2)
			it.n = 0;	/* one line is a sentence, not a list */
	}
	if (it.n == 0)
		promise_items(&it);
	/* task list items anywhere and section items: document order */
	if (it.n > 1)
		qsort(it.v, it.n, sizeof(*it.v), by_line);
	if (it.n > 0) {
		d->inc->action_items = pm_arena_alloc(d->arena,
		    pm_xmul(it.n, sizeof(*it.v)));
		memcpy(d->inc->action_items, it.v, it.n * sizeof(*it.v));
	}
	d->inc->naction_items = it.n;
	free(it.v);
	pm_buf_free(&it.b);
}
