/*
 * classify_int.h: what classify.c shares with classify_ties.c and
 * classify_verdict.c: the text made for matching and the scoring of it.
 * Not a public interface.
 */
#ifndef PM_CLASSIFY_INT_H
#define PM_CLASSIFY_INT_H

#include "classify.h"
#include "phrase_index.h"

#include <stddef.h>

#define MIN_SCORE	4.0	/* below it, nothing fits: "other" */
#define ALSO_SHARE	0.45	/* of the best score, for categories[] */

/* A text made for matching (normalise() in classify.c): lowercase words and
 * single spaces, with the weight of each byte. */
struct ntext {
	char *s;
	float *w;
	unsigned char *brk;	/* 1: a clause starts here, 2: a sentence */
	unsigned char *quoted;	/* inside "double quotes" */
	size_t len;
};

static inline int
is_word(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80;
}

/* The phrase at s[i] on word boundaries ('*': a stem); its end or 0. */
static inline size_t
phrase_at(const char *s, size_t len, size_t i, const char *p)
{
	if (i > 0 && is_word((unsigned char)s[i - 1]))
		return 0;
	for (; *p && *p != '*'; p++, i++)
		if (i >= len || s[i] != *p)
			return 0;
	if (*p != '*' && i < len && is_word((unsigned char)s[i]))
		return 0;
	return i;
}

/*
 * One of an incident's texts (root cause, summary or title), made ready
 * for matching at most once a classification, and weighed at most once
 * for each way of weighing it.  The scores, the tie-breaks and the
 * verdicts all read the same three texts; when each made them again,
 * that was a third of the classifier's instructions.
 */
struct ctext {
	const char *src;	/* borrowed; may be NULL */
	struct ntext t;		/* valid once made */
	float *weighed[2];	/* t.w weighed, without and with decay */
	int made;
};

#define PM_CTEXT_INIT(src) { (src), { NULL, NULL, NULL, NULL, 0 }, \
	{ NULL, NULL }, 0 }

/* c's text made for matching (owned by c): lowercase words, single
 * spaces, each byte weighing 1, or a half inside double quotes; NULL
 * when c has no text. */
const struct ntext *pm_classify__made(struct ctext *c);

/* The weights of c's text (owned by c) once its clauses are weighed:
 * causes, effects, doubts (weigh() in classify.c); decay: the text
 * states its point first.  c must have a text. */
const float *pm_classify__weighed(struct ctext *c, int decay);

void pm_classify__ctext_free(struct ctext *c);

/* The first phrase of an index at a word start in s[from, len): where
 * it starts, with *end (may be NULL) set to its end; or (size_t)-1. */
size_t pm_classify__find_any(const char *s, size_t len, size_t from,
    const struct pm_phrase_index *x, size_t *end);

/*
 * Keywords are bucketed by their first two bytes, folded to five bits
 * each (the text is lowercase ASCII words, so letters stay apart); a
 * keyword whose second byte is a stem mark or its end, and so matches
 * whatever follows its first letter, goes to the bucket of its first
 * byte with 31 as its second.  Folding only puts more keywords in a
 * bucket: phrase_at() still decides.
 */
#define KEY_BUCKETS 1024
#define ANY_SECOND 31

/* The keywords of a taxonomy by bucket, numbered in taxonomy order:
 * category c's are base[c] to base[c + 1] - 1; bucket b's are
 * by_bucket[first[b]] to by_bucket[first[b + 1] - 1]. */
struct pm_keyword_index {
	size_t nkeys;
	size_t first[KEY_BUCKETS + 1];
	size_t *by_bucket;
	size_t *key_cat;	/* each keyword's category */
	size_t *base;
};

/* The index of tax's keywords, allocated in arena.  Built once with a
 * compiled taxonomy, shared read-only by the threads. */
const struct pm_keyword_index *pm_classify__index(
    const struct pm_taxonomy *tax, struct pm_arena *arena);

/* Add to scores (one per category of tax) what text says of each
 * category, times weight; decay: the text states its point first. */
void pm_classify__score(double *scores, const struct pm_taxonomy *tax,
    const char *text, double weight, int decay);

/* The category text names in a verdict ("the root cause was a
 * configuration error"): an index of tax, or tax->len.  root: text is
 * a root cause, whose first words alone may be the verdict ("config —
 * the CORS list", "the deploy. Backend v2.8 ..."). */
size_t pm_classify__verdict(const struct pm_taxonomy *tax,
    struct ctext *text, int root);

/* The category text files the incident under by its id or name in a
 * "Category:" label ("Root cause category: other."): an index of tax,
 * or tax->len. */
size_t pm_classify__stated(const struct pm_taxonomy *tax,
    struct ctext *text);

/* The category a root cause files itself under by opening with its id
 * or name as a clause of its own ("Root cause: capacity and traffic.
 * Booking requests reached six times ..."): an index of tax, or
 * tax->len. */
size_t pm_classify__opens(const struct pm_taxonomy *tax,
    struct ctext *text);

/* Does text name one of the NULL-terminated phrases in a clause that is
 * not doubted? */
int pm_classify__names_any(struct ctext *text, const char *const *phrases);

/* Apply the tie-breaks to scores (one per category of tax, in its
 * order): a rule lifts its first category just above the one it
 * beats when both fit and the texts name what decides. */
void pm_classify__tie_break(double *scores, const struct pm_taxonomy *tax,
    struct ctext *root_cause, struct ctext *summary, struct ctext *title);

#endif
