/*
 * strmap.h: a map from byte strings to size_t values, open addressing
 * with linear probing; for the history walk's names, where a lookup per
 * changed file must cost one hash.
 *
 * Contract
 *  - Keys are borrowed: each must stay valid and unchanged as long as the
 *    map holds it.  Values are whatever the caller stores; SIZE_MAX is
 *    reserved for "absent".
 *  - pm_strmap_init() allocates (aborting on exhaustion, as pm_xcalloc
 *    does); pm_strmap_free() releases the table, never the keys.
 *  - Not thread-safe.
 */
#ifndef PM_STRMAP_H
#define PM_STRMAP_H

#include <stddef.h>

struct pm_strmap {
	struct pm_strmap_slot {
		const char *key;	/* NULL when free */
		size_t len;
		size_t val;
	} *slots;
	size_t mask, count;
};

/* An empty map sized for about expected keys. */
void pm_strmap_init(struct pm_strmap *map, size_t expected);

void pm_strmap_free(struct pm_strmap *map);

/* The value of key, or SIZE_MAX when absent. */
size_t pm_strmap_get(const struct pm_strmap *map, const char *key,
    size_t len);

/* Insert key with val unless key is present (its value is then kept). */
void pm_strmap_put(struct pm_strmap *map, const char *key, size_t len,
    size_t val);

#endif
