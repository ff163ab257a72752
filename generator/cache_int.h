/*
 * cache_int.h: what cache.c and cache_codec.c share, and the tests see: the
 * payloads of the cache's files and their checked decoding.
 *
 * Contract
 *  - Encoders append to out and return 0, or -1 (out unchanged) when a
 *    value cannot be stored (a string or count of 4 GiB or more, a tree
 *    deeper than yamltree makes, a NULL inside a string list).
 *  - Decoders trust nothing: every length and count is checked against
 *    the bytes there are, every string must end with its NUL and hold
 *    none inside (except HTML and front matter strings, which carry their
 *    length), and the payload must end exactly where the last field does.
 *    They return 0, or -1 with every output reset.  Decoded strings point
 *    into data, which must outlive them; arrays and trees go to arena.
 */
#ifndef PM_CACHE_INT_H
#define PM_CACHE_INT_H

#include <stdint.h>

#include "cache.h"

/* A document entry: the incident and the warning lines of its ingest. */
int pm_cache__encode(struct pm_buf *out, const struct pm_incident *inc,
    const char *const *lines, size_t nlines);
int pm_cache__decode(struct pm_incident *inc, const char ***lines,
    size_t *nlines, struct pm_arena *arena, const char *data, size_t len);

/* The bytes of a piece in the state: its key, offset and length. */
#define PIECE_SIZE (PM_DIGEST_SIZE + 8 + 8)

/* The state: the theme name, the warnings printed, the site's files,
 * each with its stat, its page key and its pieces. */
int pm_cache__encode_state(struct pm_buf *out, const char *theme,
    const char *const *lines, size_t nlines,
    const struct pm_cache_stat *files, size_t nfiles);
int pm_cache__decode_state(struct pm_cache_state *st, struct pm_arena *arena,
    const char *data, size_t len);

/* The history walk's state (source.h struct pm_history). */
int pm_cache__encode_history(struct pm_buf *out, const struct pm_history *h);
int pm_cache__decode_history(struct pm_history *h, struct pm_arena *arena,
    const char *data, size_t len);

/* The environment of document keys (pm_cache_set_env()). */
const char *pm_cache__env(const struct pm_cache *c);

/*
 * The checksum of cache files: XXH3's 64 bits (libxxhash, which the
 * page digests use too), to catch a torn or damaged file; not
 * cryptographic.  It is read for every cached postmortem of a rebuild,
 * so it must cost less than reading the file did.
 */
uint64_t pm_cache__checksum(const void *data, size_t len);

#endif
