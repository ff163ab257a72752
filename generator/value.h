/*
 * value.h: the one data tree of pmsite (null, boolean, number, string, list,
 * map), used for front matter, configuration, the JSON exports and the
 * contexts that templates render.
 *
 * Contract
 *  - Every value, and every string, list and map inside it, lives in the
 *    arena passed to the constructor; freeing the arena frees the tree.
 *    Nothing here is freed one by one.
 *  - Strings carry a length and may hold any bytes; constructors copy them
 *    (pm_value_new_string) unless the name says _ref, in which case the
 *    bytes are borrowed and must outlive the value.  Copied strings are
 *    NUL-terminated.
 *  - Maps keep insertion order (output is deterministic and reads in the
 *    order it was written); setting an existing key replaces its value in
 *    place.
 *  - A finished tree is only read, so it can be shared between threads.
 *  - Getters return borrowed pointers that live as long as the arena.
 */
#ifndef PM_VALUE_H
#define PM_VALUE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"

enum pm_value_type {
	PM_VALUE_NULL,
	PM_VALUE_BOOL,
	PM_VALUE_NUMBER,
	PM_VALUE_STRING,
	PM_VALUE_LIST,
	PM_VALUE_MAP
};

struct pm_value;

struct pm_value_entry {
	const char *key;	/* NUL-terminated */
	struct pm_value *value;
	/* 32 bits, so that the hash costs no room: a site's contexts hold
	 * millions of entries.  Keys come from parsed documents, which are
	 * far smaller (PM_INGEST_MAX_BYTES); a longer key aborts. */
	uint32_t key_len;
	/* pm_value_key_hash(key, key_len): a lookup compares it before
	 * touching the key, so a miss costs no read outside the entries. */
	uint32_t hash;
};

struct pm_value {
	enum pm_value_type type;
	int line;		/* source line when parsed from a file, else 0 */
	union {
		int boolean;
		double number;
		struct {
			const char *ptr;
			size_t len;
		} string;
		struct {
			union {
				struct pm_value **items;
				/* a made list (cap PM_VALUE_MADE) */
				const struct pm_value_maker *maker;
			};
			size_t len, cap;
		} list;
		struct {
			struct pm_value_entry *entries;
			size_t len, cap;
		} map;
	} u;
};

struct pm_value *pm_value_new_null(struct pm_arena *arena);
struct pm_value *pm_value_new_bool(struct pm_arena *arena, int b);
struct pm_value *pm_value_new_number(struct pm_arena *arena, double n);
struct pm_value *pm_value_new_string(struct pm_arena *arena, const char *s,
    size_t len);
struct pm_value *pm_value_new_cstr(struct pm_arena *arena, const char *s);
struct pm_value *pm_value_new_string_ref(struct pm_arena *arena,
    const char *s, size_t len);
struct pm_value *pm_value_new_list(struct pm_arena *arena);
struct pm_value *pm_value_new_map(struct pm_arena *arena);

/*
 * A made list: a list whose items are made only when read, one at a time,
 * and freed by the reader when it is done with each.  Fifty thousand
 * action items held as values for one page that only walks through them
 * cost fifty megabytes; made, they cost one item at a time.
 *
 * make(arg, i, arena) returns item i (i < len), built in arena.  It must
 * give the same item each time, read nothing that changes while the tree
 * is read, and be safe to call from several threads at once; it may not
 * fail.  Readers see an ordinary PM_VALUE_LIST of len items:
 * pm_value_list_item(), the JSON writer, pm_value_copy(), the digest and
 * the template renderer make the items as they go.  Nothing may be pushed
 * onto a made list.
 */
struct pm_value_maker {
	struct pm_value *(*make)(const void *arg, size_t i,
	    struct pm_arena *arena);
	const void *arg;
	/*
	 * Optional, for a digest (digest.h) of the list: 16 bytes that
	 * stand for item i, a digest of everything make() reads for it,
	 * so that equal bytes mean equal items.  An item can cost far
	 * more to make than its inputs cost to name: a page key then
	 * names them instead.  NULL: the digest makes each item.
	 */
	void (*inputs)(const void *arg, size_t i, unsigned char out[16]);
};

/* The cap of a made list: no list of items has this one. */
#define PM_VALUE_MADE SIZE_MAX

/* maker is borrowed and must outlive the list. */
struct pm_value *pm_value_new_made_list(struct pm_arena *arena, size_t len,
    const struct pm_value_maker *maker);

static inline int
pm_value_is_made(const struct pm_value *v)
{
	return v->type == PM_VALUE_LIST && v->u.list.cap == PM_VALUE_MADE;
}

/*
 * Item i of list (i < pm_value_len(list)): borrowed from the list, or for
 * a made list made now in arena.
 */
struct pm_value *pm_value_list_item(const struct pm_value *list, size_t i,
    struct pm_arena *arena);

/* Append item to list (a PM_VALUE_LIST, not made). */
void pm_value_list_push(struct pm_arena *arena, struct pm_value *list,
    struct pm_value *item);

/*
 * Set key to value in map (a PM_VALUE_MAP); replaces an existing entry in
 * place.  value NULL stores a null.
 *
 * pm_value_map_set() and its shorthands borrow key: it must live as long
 * as the map (a string literal, as nearly every caller's is, or a string
 * in the map's arena).  A site's contexts hold millions of entries, and
 * copying "title" into each cost a tenth of the records' memory.
 * pm_value_map_setn() copies key, for keys read from a file.
 */
void pm_value_map_set(struct pm_arena *arena, struct pm_value *map,
    const char *key, struct pm_value *value);
void pm_value_map_setn(struct pm_arena *arena, struct pm_value *map,
    const char *key, size_t key_len, struct pm_value *value);

/* Make room for n entries in map at once, so that a map whose size is
 * known costs one array instead of every doubling on the way. */
void pm_value_map_reserve(struct pm_arena *arena, struct pm_value *map,
    size_t n);

/* Shorthands (key borrowed, as above): a NULL string stores null. */
void pm_value_map_set_str(struct pm_arena *arena, struct pm_value *map,
    const char *key, const char *s);
void pm_value_map_set_num(struct pm_arena *arena, struct pm_value *map,
    const char *key, double n);
void pm_value_map_set_bool(struct pm_arena *arena, struct pm_value *map,
    const char *key, int b);

/* The hash that map entries carry (FNV-1a), for callers that look the
 * same key up many times and hash it once. */
uint32_t pm_value_key_hash(const char *key, size_t key_len);

/* The value under key, or NULL when map is not a map or has no such key. */
struct pm_value *pm_value_map_get(const struct pm_value *map,
    const char *key);
struct pm_value *pm_value_map_getn(const struct pm_value *map,
    const char *key, size_t key_len);

/* Follow a dotted path ("git.created") through maps; NULL when absent. */
struct pm_value *pm_value_get_path(const struct pm_value *v,
    const char *path);

/* The string of v (NUL-terminated), or NULL when v is not a string. */
const char *pm_value_str(const struct pm_value *v);

/* Is v a string, a number, ...?  NULL-safe. */
int pm_value_is(const struct pm_value *v, enum pm_value_type type);

/* Number of items of a list or entries of a map; 0 otherwise. */
size_t pm_value_len(const struct pm_value *v);

/*
 * Write a number the shortest way that reads back to the same double
 * ("85", "1.21", "-0.5"), as JSON and Mustache expect; non-finite numbers
 * are written as "null".
 */
void pm_value_put_number(struct pm_buf *out, double n);

/*
 * Serialise v as JSON.  indent 0 writes compact JSON; a positive indent
 * pretty-prints with that many spaces per level and a final newline.
 * NULL is written as null.
 */
void pm_value_write_json(struct pm_buf *out, const struct pm_value *v,
    int indent);

/*
 * v as pm_value_write_json() writes it when v stands depth levels deep in
 * a larger document, without the final newline: for writing a long list
 * one element at a time, each built and freed in turn.
 */
void pm_value_write_json_nested(struct pm_buf *out, const struct pm_value *v,
    int indent, int depth);

/* A deep copy of v into arena. */
struct pm_value *pm_value_copy(struct pm_arena *arena,
    const struct pm_value *v);

#endif
