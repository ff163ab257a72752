/*
 * digest.h: 128-bit digests of bytes and of value trees (XXH3, libxxhash),
 * which tell a rebuild whether the inputs of a page changed.
 *
 * Contract
 *  - A digest detects change; it is no defence against someone crafting
 *    two inputs with one digest (whoever can write the content can change
 *    the site anyway).  The build cache's keys stay SHA-1 (cache.h).
 *  - pm_digest_value() encodes a tree without ambiguity before hashing:
 *    each node is a type tag followed by its payload, every string and
 *    every list or map is length-prefixed, map entries go in their order,
 *    numbers by their bits.  Two trees that a template could tell apart
 *    never share an encoding (a NULL pointer encodes as a null).
 *  - Shared subtrees (an incident's record sits in hundreds of contexts)
 *    are digested once: `known` may give the digest of any node, which
 *    then stands for the whole node in the encoding.  The caller must give
 *    the same answer for a node in every tree it compares.
 *  - Nothing is allocated beyond the buffer the caller passes, which is
 *    left holding the encoding; threads may digest at once.
 */
#ifndef PM_DIGEST_H
#define PM_DIGEST_H

#include <stddef.h>

#include "buf.h"
#include "value.h"

#define PM_DIGEST_SIZE 16

struct pm_digest {
	unsigned char bytes[PM_DIGEST_SIZE];
};

/* The digest of len bytes at data. */
void pm_digest_bytes(struct pm_digest *out, const void *data, size_t len);

/*
 * Gives the digest of v into *out and returns 1 when the caller knows it,
 * else 0 (v is then encoded node by node).
 */
typedef int (*pm_digest_known_fn)(struct pm_digest *out,
    const struct pm_value *v, const void *arg);

/* Append len bytes at s to b, length-prefixed as the encoding's
 * strings are, for callers that digest fields beside a tree. */
void pm_digest_encode_bytes(struct pm_buf *b, const char *s, size_t len);

/* Append the encoding of v to b (see the contract); known may be NULL. */
void pm_digest_encode(struct pm_buf *b, const struct pm_value *v,
    pm_digest_known_fn known, const void *arg);

/* The digest of the encoding of v, made in scratch (cleared first). */
void pm_digest_value(struct pm_digest *out, struct pm_buf *scratch,
    const struct pm_value *v, pm_digest_known_fn known, const void *arg);

/* Are a and b the same digest? */
int pm_digest_equal(const struct pm_digest *a, const struct pm_digest *b);

#endif
