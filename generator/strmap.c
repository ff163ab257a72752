/*
 * strmap.c: see strmap.h.  FNV-1a hashes the keys: names in a content
 * folder are short and alike, which it spreads well enough, and the table
 * stays at most half full, so probes stay short.
 */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

static uint64_t
hash_bytes(const void *data, size_t len)
{
	const unsigned char *s = data;
	uint64_t h = 14695981039346656037u;

	for (size_t i = 0; i < len; i++) {
		h ^= s[i];
		h *= 1099511628211u;
	}
	return h;
}

void
pm_strmap_init(struct pm_strmap *map, size_t expected)
{
	size_t size = 16;

	while (size < expected * 2)
		size *= 2;
	map->slots = pm_xcalloc(size, sizeof(*map->slots));
	map->mask = size - 1;
	map->count = 0;
}

void
pm_strmap_free(struct pm_strmap *map)
{
	free(map->slots);
	map->slots = NULL;
	map->mask = map->count = 0;
}

/* The slot holding key, or the free slot where it belongs. */
static struct pm_strmap_slot *
slot_of(const struct pm_strmap *map, const char *key, size_t len)
{
	size_t i = (size_t)hash_bytes(key, len) & map->mask;

	while (map->slots[i].key != NULL && (map->slots[i].len != len ||
	    memcmp(map->slots[i].key, key, len) != 0))
		i = (i + 1) & map->mask;
	return &map->slots[i];
}

size_t
pm_strmap_get(const struct pm_strmap *map, const char *key, size_t len)
{
	const struct pm_strmap_slot *slot = slot_of(map, key, len);

	return slot->key ? slot->val : SIZE_MAX;
}

void
pm_strmap_put(struct pm_strmap *map, const char *key, size_t len, size_t val)
{
	struct pm_strmap_slot *slot;

	if ((map->count + 1) * 2 > map->mask + 1) {
		struct pm_strmap bigger;

		pm_strmap_init(&bigger, map->mask + 1);
		for (size_t i = 0; i <= map->mask; i++)
			if (map->slots[i].key)
				pm_strmap_put(&bigger, map->slots[i].key,
				    map->slots[i].len, map->slots[i].val);
		free(map->slots);
		*map = bigger;
	}
	slot = slot_of(map, key, len);
	if (slot->key == NULL) {
		slot->key = key;
		slot->len = len;
		slot->val = val;
		map->count++;
	}
}
