/*
 * extract_cause.c: the root cause as written: the root cause section up
 * to the first sentence about the fix, else a "Root cause:" field, else
 * the sentence of the summary that names the cause.  The category is read
 * from it by classify.c.
 */
#include "extract_int.h"

#include <string.h>

/* Labels of a "Root cause:" field. */
static const char *const root_labels[] = {
	"root cause", "root causes", "cause", "causes", "root cause analysis",
	"underlying cause", "rca",
	/* "Blame: the shipping-rate app", "Root cause / fix: ..." */
	"blame", "root cause fix", "root cause and fix", "cause and fix",
	NULL
};

/* Fields of the record a summary lists beside "Root cause:" ("Severity:
 * SEV2" on the next line): a value, never part of the cause. */
static const char *const other_fields[] = {
	"severity", "sev", "priority", "status", "duration", "start",
	"end", "start time", "end time", "date", "time", "time zone",
	"timezone", "services", "affected services", "service",
	"detected", "detection", "author", "authors", "owner",
	"incident commander", "time to detect", "time to resolve",
	"written by", "prepared by", "reviewed by", "reported by", NULL
};

/* Sentences that open the fix, not the cause. */
static const char *const resolution_openers[] = {
	"to resolve", "to fix", "to mitigate", "the resolution",
	"the fix", "we fixed", "we resolved", "resolution", "to address",
	"the issue was resolved", "the team resolved", "we mitigated",
	"the immediate fix", "to restore", NULL
};

/* Words that introduce a cause. */
static const char *const causal[] = {
	"root cause*", "caused by", "due to", "because", "result of",
	"triggered by", "stemmed from", "traced to", "was caused",
	"the cause was", "the cause is", "was the cause", "the culprit",
	NULL
};

/* A writer's verdict on the cause, after the story of the hunt for it:
 * "So the cause was hardware", "That was the cause: ...". */
static const char *const verdicts[] = {
	"the cause was", "the cause is", "was the cause", "the real cause",
	"the actual cause", "the cause turned out", "the cause:",
	"the root of it", "so the problem was", "so it was not",
	"so what went wrong", "so what caused", "in plain words",
	/* "This is a bug in our code.": the writer's own filing, after a
	 * story that names a partner's system first */
	"this is a bug", "this was a bug", "it is a bug in", "it was a bug in",
	"the bug was ours", "the bug is ours", NULL
};

/* The same, and the verbs whose subject is a cause ("the partition caused
 * the failover"). */
static const char *const causal_any[] = {
	"root cause*", "caused by", "due to", "because", "result of",
	"triggered by", "stemmed from", "traced to", "was caused", "caused",
	"led to", "resulted in", "triggered", "the cause was", "the cause is",
	"was the cause", "the culprit", NULL
};

/* The first sentence with one of words: in the summary and the preamble,
 * or (anywhere) in any prose but the timeline and the lists of actions.
 * Appends it to b; returns its line or 0. */
static int
causal_sentence(struct pm_buf *b, const struct xdoc *d,
    const char *const *words, int anywhere)
{
	struct pm_phrase_index x;

	pm_phrase_index_init(&x, words);
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];
		size_t s0, e;

		if (anywhere ? l->sec == SEC_TIMELINE ||
		    l->sec == SEC_UPDATES || l->sec == SEC_TASKS ||
		    l->sec == SEC_CORRECTIVE || l->kind == XL_ROW :
		    l->sec != SEC_SUMMARY && l->sec != SEC_NONE)
			continue;
		if (l->line == d->rep->title_line)
			continue;
		for (s0 = l->head ? l->content : 0; s0 < l->len; s0 = e) {
			e = x_sentence_end(l->s, l->len, s0);
			if (e == s0)
				break;
			if (x_index_find(&x, l->s + s0, e - s0, NULL)) {
				pm_buf_put(b, l->s + s0, e - s0);
				return l->line;
			}
		}
	}
	return 0;
}

/*
 * A story names its cause once it has told the hunt for it, after a
 * first suspect ruled out: "So the cause was a wrong configuration on the
 * website."  The first such verdict in the prose (not the timeline, not
 * the actions) into b; when it only rules out ("So the cause was not the
 * booking company."), with the sentence after it, which names the cause.
 * Its line, or 0.
 */
static int
verdict_sentence(struct pm_buf *b, const struct xdoc *d)
{
	static const char *const negations[] = { "not", "n't", "no", NULL };
	struct pm_phrase_index x;

	pm_phrase_index_init(&x, verdicts);
	for (size_t i = 0; i < d->n; i++) {
		const struct xline *l = &d->v[i];
		size_t s0, e, at, end;

		if (l->sec == SEC_TIMELINE || l->sec == SEC_UPDATES ||
		    l->sec == SEC_TASKS || l->sec == SEC_CORRECTIVE ||
		    l->kind != XL_PARA || l->line == d->rep->title_line)
			continue;
		for (s0 = 0; s0 < l->len; s0 = e) {
			const char *found;

			e = x_sentence_end(l->s, l->len, s0);
			if (e == s0)
				break;
			if (!(found = x_index_find(&x, l->s + s0, e - s0, &at)))
				continue;
			end = s0 + at + strlen(found);
			while (end < e && l->s[end] == ' ')
				end++;
			/* "So what went wrong?" is answered after it */
			if (x_phrase_at_any(l->s, e, end, negations) ||
			    strstr(found, " not") ||
			    (e > s0 && l->s[e - 1] == '?'))
				e = x_sentence_end(l->s, l->len, e);
			pm_buf_put(b, l->s + s0, e - s0);
			return l->line;
		}
	}
	return 0;
}

/*
 * A root cause section told as a story (the first suspect, the hunt,
 * then "So the cause was a change, pushed to every laptop at once")
 * starts, for the classifier, at the story's conclusion: its first
 * sentence counts most.  Drops what comes before the sentence of the
 * first conclusion in b.  A section that states its cause first and
 * weighs others after it ("The real cause is the query", "the cause was
 * not the network") keeps its opening.
 */
static void
from_verdict(struct pm_buf *b)
{
	static const char *const conclusions[] = {
		"so the cause was", "so the cause is", "so the problem was",
		NULL
	};
	struct pm_phrase_index x;
	size_t at, s0, end;
	const char *found;

	pm_phrase_index_init(&x, conclusions);
	if (!(found = x_index_find(&x, b->ptr, b->len, &at)) || at == 0)
		return;
	/* a sentence of its own, not "..., so the problem was never seen" */
	s0 = at;
	if (s0 < 2 || b->ptr[s0 - 1] != ' ' || (b->ptr[s0 - 2] != '.' &&
	    b->ptr[s0 - 2] != '?' && b->ptr[s0 - 2] != '!'))
		return;
	end = at + strlen(found) + 1;
	if (end < b->len && x_phrase_at(b->ptr, b->len, end, "not"))
		return;
	memmove(b->ptr, b->ptr + s0, b->len - s0);
	b->len -= s0;
	b->ptr[b->len] = '\0';
}

/* Does a "Root cause:" line state the cause, rather than point at the
 * section that does? */
static int
states_cause(const char *s, size_t len)
{
	static const char *const pointers[] = {
		"below", "see", "tbd", "todo", "pending", "under investigation",
		"to be determined", "section", "fill in", "xxx", NULL
	};
	size_t words = 0;

	for (size_t i = 0; i < len; i++)
		words += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
	/* "[fill in: the cause]", "<cause here>": a template's blank */
	return words >= 6 && !x_find_any(s, len, pointers, NULL) &&
	    !memchr(s, '[', len) && !memchr(s, '<', len);
}

/* The cause, not the symptoms: the root cause section up to the first
 * sentence about the fix, else a "Root cause:" field, else the summary's
 * sentence that names the cause. */
void
x_find_root_cause(struct xdoc *d)
{
	struct pm_buf b = PM_BUF_INIT;
	struct pm_phrase_index openers;
	const struct xfield *f;
	int line = 0, stop = 0, sections = 0;

	pm_phrase_index_init(&openers, resolution_openers);

	for (size_t i = 0; i < d->n && !stop; i++) {
		const struct xline *l = &d->v[i];
		size_t from = 0, e, at;

		if (l->sec != SEC_ROOT || l->kind == XL_ROW)
			continue;
		/* a section under its own heading beats a "Root cause:"
		 * line of the summary that only points at it ("see
		 * below"); a line that states the cause opens it */
		if (l->head && l->content >= l->len && sections++ == 0 &&
		    b.len && (l->kind == XL_HEADING || l->all_strong ||
		    l->label_len)) {
			if (!states_cause(b.ptr, b.len)) {
				pm_buf_clear(&b);
				line = 0;
			}
		} else if (l->head && l->content >= l->len) {
			if (b.len)
				stop = 1;
			continue;
		}
		if (l->head) {
			from = l->content;
		} else if (l->label_len && l->content < l->len &&
		    x_section_of(l->s, l->label_len, 1) == SEC_ROOT) {
			from = l->content;	/* "Cause: ..." */
		} else if (l->label_len && l->content < l->len &&
		    x_section_of(l->s, l->label_len, 0) != SEC_NONE &&
		    x_section_of(l->s, l->label_len, 0) != SEC_ROOT) {
			/* "Trigger: ...", "Resolution: ...": another field */
			if (b.len)
				stop = 1;
			continue;
		} else if (l->label_len && l->content < l->len &&
		    x_label_is(l, other_fields)) {
			continue;
		}
		for (; from < l->len && !stop; from = e) {
			e = x_sentence_end(l->s, l->len, from);
			while (from < e && l->s[from] == ' ')
				from++;
			if (x_index_find(&openers, l->s + from, e - from,
			    &at) && at == 0) {
				stop = b.len > 0;
				break;
			}
			if (b.len)
				pm_buf_putc(&b, ' ');
			pm_buf_put(&b, l->s + from, e - from);
			if (!line)
				line = l->line;
		}
		if (b.len > 1500)
			break;
	}
	if (b.len > 0)
		from_verdict(&b);
	if (b.len == 0 && (f = x_field(d, root_labels)) != NULL) {
		pm_buf_put(&b, f->v, f->vlen);
		line = f->line;
	}
	/* the story's verdict; else the summary's sentence that names the
	 * cause; else, last, any sentence of the prose that says what
	 * caused what */
	if (b.len == 0)
		line = verdict_sentence(&b, d);
	if (b.len == 0)
		line = causal_sentence(&b, d, causal, 0);
	for (int pass = 1; pass < 2 && b.len == 0; pass++)
		line = causal_sentence(&b, d, pass ? causal_any : causal,
		    pass);
	if (b.len) {
		d->inc->root_cause = x_strdup_trim(d, b.ptr, b.len);
		d->rep->root_cause_line = line;
	}
	pm_buf_free(&b);
}
