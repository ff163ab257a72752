/*
 * phrase_index.c: chaining a phrase list by first letter.  See
 * phrase_index.h.
 */
#include "phrase_index.h"

#include <string.h>

void
pm_phrase_index_init(struct pm_phrase_index *x, const char *const *list)
{
	size_t n;

	x->list = list;
	x->plain = 0;
	for (n = 0; list[n]; n++) {
		int c = (unsigned char)list[n][0];

		if (n >= PM_PHRASE_INDEX_MAX || c == ' ' || c == '*' ||
		    c == '\0') {
			x->plain = 1;
			return;
		}
	}
	/* chained from the end, each phrase before the ones after it */
	memset(x->head, 0, sizeof(x->head));
	while (n-- > 0) {
		int c = (unsigned char)list[n][0];

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		x->next[n] = x->head[c];
		x->head[c] = (unsigned short)(n + 1);
	}
}
