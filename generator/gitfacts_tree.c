/*
 * gitfacts_tree.c: two versions of a folder compared as git stores them,
 * the raw bytes of two tree objects.
 *
 * Why not git_tree_lookup: a commit of the walk changes one file of a
 * folder that may hold thousands, and parsing both versions entry by
 * entry, then pairing every entry by name, cost more than reading them.
 * In the raw bytes, what did not change is a common prefix and a common
 * suffix that memcmp finds at memory speed; only the entries between are
 * paired.
 *
 * A tree object is a run of entries "<octal mode> <name>\0<raw id>",
 * sorted in git's order (a folder's name compares as if it ended in '/').
 * Entries come from the repository, which may be hostile: every length is
 * checked, and a malformed entry ends the comparison with an error.
 */
#include "gitfacts_int.h"

#include <string.h>

/* Octal digits of the longest mode git writes ("100644"), and a margin. */
#define MAX_MODE_DIGITS	7

/* The entry at *pos, and *pos past it; 0, or -1 when it is malformed. */
int
pm_gitfacts__entry(struct gf_entry *e, const unsigned char *buf,
    size_t size, size_t *pos)
{
	size_t i = *pos, digits = 0;
	const unsigned char *nul;

	e->mode = 0;
	while (i < size && buf[i] >= '0' && buf[i] <= '7' &&
	    digits < MAX_MODE_DIGITS) {
		e->mode = e->mode * 8 + (unsigned int)(buf[i++] - '0');
		digits++;
	}
	if (digits == 0 || i >= size || buf[i++] != ' ')
		return -1;
	if ((nul = memchr(buf + i, '\0', size - i)) == NULL || nul ==
	    buf + i)
		return -1;
	e->name = (const char *)buf + i;
	e->len = (size_t)(nul - (buf + i));
	i += e->len + 1;
	if (size - i < GIT_OID_RAWSZ)
		return -1;
	e->id = buf + i;
	*pos = i + GIT_OID_RAWSZ;
	return 0;
}

int
pm_gitfacts__is_tree(const struct gf_entry *e)
{
	return (e->mode & 0170000) == 0040000;
}

int
pm_gitfacts__is_blob(const struct gf_entry *e)
{
	return (e->mode & 0170000) == 0100000;
}

/* git_tree_entry_cmp's order: "x" as a folder compares as "x/". */
static int
entry_cmp(const struct gf_entry *a, const struct gf_entry *b)
{
	size_t n = a->len < b->len ? a->len : b->len;
	int cmp = memcmp(a->name, b->name, n);
	unsigned char ca, cb;

	if (cmp != 0)
		return cmp;
	ca = a->len > n ? (unsigned char)a->name[n] :
	    pm_gitfacts__is_tree(a) ? '/' : '\0';
	cb = b->len > n ? (unsigned char)b->name[n] :
	    pm_gitfacts__is_tree(b) ? '/' : '\0';
	return ca < cb ? -1 : ca > cb;
}

static size_t
common_prefix(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t i = 0;

	/* halving: memcmp runs far faster than a loop over bytes */
	while (n - i > 64) {
		size_t half = (n - i) / 2;

		if (memcmp(a + i, b + i, half) == 0)
			i += half;
		else
			n = i + half;
	}
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

static size_t
common_suffix(const unsigned char *a, size_t an, const unsigned char *b,
    size_t bn)
{
	size_t n = an < bn ? an : bn, k = 0;

	while (n - k > 64) {
		size_t half = (n - k) / 2;

		if (memcmp(a + an - k - half, b + bn - k - half, half) == 0)
			k += half;
		else
			n = k + half;
	}
	while (k < n && a[an - k - 1] == b[bn - k - 1])
		k++;
	return k;
}

int
pm_gitfacts__tree_diff(const unsigned char *a, size_t an,
    const unsigned char *b, size_t bn,
    void (*changed)(void *ctx, const struct gf_entry *e,
    const struct gf_entry *old), void *ctx)
{
	size_t pre = common_prefix(a, b, an < bn ? an : bn);
	size_t suf = common_suffix(a, an, b, bn);
	size_t i = 0, j, next;
	struct gf_entry e, o;

	/* Entries wholly inside the common prefix are the same in both. */
	while (i < an) {
		next = i;
		if (pm_gitfacts__entry(&e, a, an, &next) < 0)
			return -1;
		if (next > pre)
			break;
		i = next;
	}
	j = i;
	while (i < an) {
		size_t oj = j;
		int cmp = -1;

		/* The rest of both is one common suffix: the same entries. */
		if (an - i == bn - j && an - i <= suf)
			break;
		next = i;
		if (pm_gitfacts__entry(&e, a, an, &next) < 0)
			return -1;
		if (j < bn) {
			if (pm_gitfacts__entry(&o, b, bn, &oj) < 0)
				return -1;
			cmp = entry_cmp(&e, &o);
		}
		if (cmp > 0) {		/* gone from the new version */
			j = oj;
			continue;
		}
		i = next;
		if (cmp == 0) {
			j = oj;
			if (memcmp(e.id, o.id, GIT_OID_RAWSZ) == 0)
				continue;
		}
		changed(ctx, &e, cmp == 0 ? &o : NULL);
	}
	return 0;
}
