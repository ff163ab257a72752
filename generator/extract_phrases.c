/*
 * extract_phrases.c: finding one of a list of phrases in a text.
 *
 * The extractor's scanners try long lists of words ("restored", "rolled
 * back", ...) at every word of every sentence.  Trying each phrase in turn
 * cost a fifth of a build's CPU, nearly all of it spent refusing phrases
 * whose first letter is not the one in the text.  So a scan first chains
 * the list's phrases by their first letter (on the stack, once per scan)
 * and at each word tries only the chain of that word's letter, in list
 * order, which keeps every result the same as the plain loop's.
 */
#include "extract_int.h"

#include <string.h>

void
x_index_init(struct x_index *x, const char *const *list)
{
	unsigned short last[256] = { 0 };
	size_t n;

	x->list = list;
	x->plain = 0;
	memset(x->head, 0, sizeof(x->head));
	for (n = 0; list[n]; n++) {
		int c = (unsigned char)list[n][0];

		/* a phrase that starts with a blank or a stem mark matches
		 * any letter: such a list is tried whole */
		if (n >= X_INDEX_MAX || c == ' ' || c == '*' || c == '\0') {
			x->plain = 1;
			return;
		}
		c = x_lower(c);
		if (last[c])
			x->next[last[c] - 1] = (unsigned short)(n + 1);
		else
			x->head[c] = (unsigned short)(n + 1);
		x->next[n] = 0;
		last[c] = (unsigned short)(n + 1);
	}
}

const char *
x_index_at(const struct x_index *x, const char *s, size_t len, size_t i,
    size_t *end)
{
	size_t e;

	for (size_t k = x_index_head(x, s, len, i); k; k = x_index_next(x, k))
		if ((e = x_phrase_at(s, len, i, x->list[k - 1])) != 0) {
			if (end)
				*end = e;
			return x->list[k - 1];
		}
	return NULL;
}

const char *
x_find_any(const char *s, size_t len, const char *const *phrases,
    size_t *at)
{
	struct x_index x;

	x_index_init(&x, phrases);
	for (size_t i = 0; i < len; i++) {
		const char *p;

		if (i > 0 && x_alnum((unsigned char)s[i - 1]))
			continue;
		if ((p = x_index_at(&x, s, len, i, NULL)) != NULL) {
			if (at)
				*at = i;
			return p;
		}
	}
	return NULL;
}
