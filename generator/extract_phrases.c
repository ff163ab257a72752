/*
 * extract_phrases.c: finding one of a list of phrases in a text, trying
 * at each word only the phrases that start with its letter
 * (phrase_index.h).
 */
#include "extract_int.h"

const char *
x_index_at(const struct pm_phrase_index *x, const char *s, size_t len,
    size_t i, size_t *end)
{
	size_t e;

	if (i >= len)
		return NULL;
	for (size_t k = pm_phrase_index_head(x, (unsigned char)s[i]); k;
	    k = pm_phrase_index_next(x, k))
		if ((e = x_phrase_at(s, len, i, x->list[k - 1])) != 0) {
			if (end)
				*end = e;
			return x->list[k - 1];
		}
	return NULL;
}

const char *
x_index_find(const struct pm_phrase_index *x, const char *s, size_t len,
    size_t *at)
{
	for (size_t i = 0; i < len; i++) {
		const char *p;

		if (i > 0 && x_alnum((unsigned char)s[i - 1]))
			continue;
		if ((p = x_index_at(x, s, len, i, NULL)) != NULL) {
			if (at)
				*at = i;
			return p;
		}
	}
	return NULL;
}

const char *
x_find_any(const char *s, size_t len, const char *const *phrases,
    size_t *at)
{
	struct pm_phrase_index x;

	pm_phrase_index_init(&x, phrases);
	return x_index_find(&x, s, len, at);
}
