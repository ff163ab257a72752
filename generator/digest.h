/*
 * digest.h: 128-bit digests of bytes and of value trees (XXH3, libxxhash),
 * which tell a rebuild whether the inputs of a page changed.
 *
 * Contract
 *  - A digest detects change; it is no defence against someone crafting
 *    two inputs with one digest (whoever can write the content can change
 *    the site anyway).  The build cache's keys are XXH3-128 too (cache.h).
 *  - pm_digest_value() encodes a tree without ambiguity before hashing:
 *    each node is a type tag followed by its payload, every string and
 *    every list or map is length-prefixed, map entries go in their order,
 *    numbers by their bits.  Two trees that a template could tell apart
 *    never share an encoding (a NULL pointer encodes as a null).
 *  - Shared subtrees (an incident's record sits in hundreds of contexts)
 *    are digested once: `known` may give the digest of any node, which
 *    then stands for the whole node in the encoding.  The caller must give
 *    the same answer for a node in every tree it compares.
 *  - Nothing is allocated beyond the buffer the caller passes (at most
 *    PM_DIGEST_PIECE and the largest string of the tree) and, for an
 *    encoding longer than that, a hash state freed by
 *    pm_digester_finish(); threads may digest at once.
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
 * A digest made in pieces: what is put goes to buf, which is hashed and
 * emptied each time it passes PM_DIGEST_PIECE bytes, so the key of a
 * page whose context is tens of megabytes (the action items of a large
 * site) costs no buffer that large.  The digest is that of all the bytes
 * put, as pm_digest_bytes() would give it.  pm_digester_start() clears
 * buf (the caller's, and freed by the caller); pm_digester_finish() gives
 * the digest and frees what the digester allocated.
 */
#define PM_DIGEST_PIECE (64u << 10)

struct pm_digester {
	struct pm_buf *buf;	/* the bytes put and not yet hashed */
	void *state;		/* the hash so far, once buf first filled */
};

void pm_digester_start(struct pm_digester *d, struct pm_buf *scratch);
void pm_digester_put(struct pm_digester *d, const void *data, size_t len);
void pm_digester_finish(struct pm_digester *d, struct pm_digest *out);

/*
 * Gives the digest of v into *out and returns 1 when the caller knows it,
 * else 0 (v is then encoded node by node).
 */
typedef int (*pm_digest_known_fn)(struct pm_digest *out,
    const struct pm_value *v, const void *arg);

/* Put len bytes at s, length-prefixed as the encoding's strings are, for
 * callers that digest fields beside a tree. */
void pm_digest_encode_bytes(struct pm_digester *d, const char *s,
    size_t len);

/* Put the encoding of v (see the contract); known may be NULL. */
void pm_digest_encode(struct pm_digester *d, const struct pm_value *v,
    pm_digest_known_fn known, const void *arg);

/* The digest of the encoding of v, made with scratch. */
void pm_digest_value(struct pm_digest *out, struct pm_buf *scratch,
    const struct pm_value *v, pm_digest_known_fn known, const void *arg);

/*
 * The digest of n strings, each a C string or NULL (told apart from ""),
 * length-prefixed so that no two lists share one: for the inputs of a
 * made list's items (value.h), without allocating for short ones.
 */
void pm_digest_strings(struct pm_digest *out, const char *const *s,
    size_t n);

/* Are a and b the same digest? */
int pm_digest_equal(const struct pm_digest *a, const struct pm_digest *b);

#endif
