/*
 * phrase_index.h: a list of phrases chained by first letter, so that a
 * scan trying the whole list at every word tries only the phrases that
 * can start there.
 *
 * The extractor and the classifier try lists of tens of phrases at every
 * word of every sentence; trying each phrase in turn cost a fifth of a
 * build's CPU, nearly all of it refusing phrases on their first letter.
 * An index is built for one scan (on the caller's stack: no allocation,
 * nothing shared between threads) and walked in list order, so a scan
 * that takes the first phrase that matches finds the one the plain loop
 * found.
 *
 * Contract
 *  - The list is NULL-terminated and borrowed: it must outlive the index.
 *  - First letters are folded to lowercase (ASCII), as the matchers do.
 *  - A list longer than PM_PHRASE_INDEX_MAX, or with a phrase that starts
 *    with a blank, a '*' or nothing (which match whatever letter is
 *    there), is walked whole: the index is then only slower, never
 *    wrong.
 */
#ifndef PM_PHRASE_INDEX_H
#define PM_PHRASE_INDEX_H

#include <stddef.h>

#define PM_PHRASE_INDEX_MAX 512

struct pm_phrase_index {
	const char *const *list;
	int plain;				/* walk the whole list */
	unsigned short head[256];		/* 1 + first phrase, or 0 */
	unsigned short next[PM_PHRASE_INDEX_MAX]; /* 1 + next one, or 0 */
};

void pm_phrase_index_init(struct pm_phrase_index *x,
    const char *const *list);

/* The first phrase (1-based; 0: none) that may start with byte c; walk
 * on with pm_phrase_index_next() while the index is not 0. */
static inline size_t
pm_phrase_index_head(const struct pm_phrase_index *x, int c)
{
	if (x->plain)
		return x->list[0] ? 1 : 0;
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	return x->head[(unsigned char)c];
}

static inline size_t
pm_phrase_index_next(const struct pm_phrase_index *x, size_t k)
{
	if (x->plain)
		return x->list[k] ? k + 1 : 0;
	return x->next[k - 1];
}

#endif
