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
#include "buf.h"

/*
 * Every cache file, and every entry of the pack, starts with a header:
 * magic, format, kind, payload length, the payload's checksum, and the
 * key the payload was written for (hex, no NUL), little-endian.
 */
#define PM_CACHE_MAGIC "pmsiteC\n"	/* 8 bytes */
#define PM_CACHE_KEY_LEN (PM_CACHE_KEY_SIZE - 1)
#define PM_CACHE_HEADER_SIZE (8 + 4 + 4 + 8 + 8 + PM_CACHE_KEY_LEN)
#define PM_CACHE_KIND_DOC 1
#define PM_CACHE_KIND_STATE 2
#define PM_CACHE_KIND_HISTORY 3

/* The header of a payload of len bytes. */
void pm_cache__head_make(unsigned char head[PM_CACHE_HEADER_SIZE], int kind,
    const char *key, const void *payload, size_t len);

/*
 * Is h a header of kind for a payload of n bytes, with a key of hex
 * digits (equal to key unless key is NULL)?  The checksum is left to
 * pm_cache__head_sum_ok(), once the payload is there.
 */
int pm_cache__head_ok(const unsigned char *h, int kind, uint64_t n,
    const char *key);

/* The payload length h declares. */
uint64_t pm_cache__head_len(const unsigned char *h);

/* Does the checksum in h match the n bytes of payload and h's key? */
int pm_cache__head_sum_ok(const unsigned char *h, const void *payload,
    size_t n);

/* Read (writing 0) or write every byte of the iovecs at fd's offset,
 * resuming after short transfers: 0, or -1 with errno (EIO when the
 * file ends first).  The iovecs are used up. */
struct iovec;
int pm_cache__io_all(int fd, struct iovec *iov, int niov, int writing);

/*
 * Write payload as the file name under dirfd (display names dirfd in
 * messages), through a temporary name renamed in place.  0, or -1 with
 * errno and *what naming the file.
 */
int pm_cache__store(int dirfd, const char *display, const char *name,
    int kind, const char key[PM_CACHE_KEY_SIZE], const struct pm_buf *payload,
    const char **what);

/*
 * The file name under dirfd read into arena, its header checked against
 * kind and key (key NULL: any key, copied to key_out): the payload,
 * NUL-terminated, with its length in *len; NULL when there is no such
 * file or it fails a check.
 */
const char *pm_cache__load(int dirfd, const char *name, int kind,
    const char *key, char key_out[PM_CACHE_KEY_SIZE], size_t *len,
    struct pm_arena *arena);

/*
 * The pack (cache_pack.c): every document entry in one file, `pack`,
 * each a header and its payload, back to back.  A build appends what it
 * ingested; when more of the file is entries no build looked up than
 * entries it did, the file is rewritten with the used ones (as
 * `pack.new`, renamed over it).  The index of entries is in memory,
 * made by reading the file once.  Nothing here is thread-safe except
 * pm_cache__pack_payload() on distinct entries.
 */
struct pm_cache_pack_entry {
	char key[PM_CACHE_KEY_LEN];	/* hex, no NUL */
	uint64_t off, len;		/* of its header; header and payload */
	unsigned char fresh;		/* written by this build, to out_fd */
	unsigned char used;		/* looked up or written by this build */
};

struct pm_cache_pack {
	int indexed;		/* the pack was read and indexed */
	int fd;			/* the pack as it was, read-only; or -1 */
	uint64_t end;		/* where its last whole entry ends */
	int out_fd;		/* this build's entries go there, at its
				 * offset, which is out_end; or -1 */
	int rewriting;		/* out_fd is pack.new, not the pack */
	uint64_t out_end;
	struct pm_cache_pack_entry *entries;
	size_t n, cap;
	int sorted;
};

void pm_cache__pack_init(struct pm_cache_pack *p);
void pm_cache__pack_free(struct pm_cache_pack *p);

/*
 * The pack under dirfd, read whole into arena (and indexed, the first
 * time): its first *len bytes hold its entries.  NULL (and *len 0) when
 * there is no pack or it cannot be read.  The bytes serve
 * pm_cache__pack_payload() as long as arena lives.
 */
const unsigned char *pm_cache__pack_read(struct pm_cache_pack *p, int dirfd,
    struct pm_arena *arena, size_t *len);

/* Index the pack under dirfd, if not done yet, without keeping it. */
void pm_cache__pack_index(struct pm_cache_pack *p, int dirfd);

/* The newest entry for key, or NULL. */
struct pm_cache_pack_entry *pm_cache__pack_find(struct pm_cache_pack *p,
    const char *key);

/*
 * The payload of e, checked (header and checksum): inside bytes (from
 * pm_cache__pack_read(), len bytes; NULL for none) when it is there,
 * else read into arena.  NULL when damaged or unreadable.  Thread-safe
 * for distinct entries.
 */
const char *pm_cache__pack_payload(const struct pm_cache_pack *p,
    const struct pm_cache_pack_entry *e, const unsigned char *bytes,
    size_t len, struct pm_arena *arena, size_t *n);

/*
 * Append payload under key (to the pack, or to pack.new when the pack
 * is mostly unused: decided at the first call, by the entries looked up
 * so far).  0, or -1 with errno and *what naming the file.
 */
int pm_cache__pack_put(struct pm_cache_pack *p, int dirfd, const char *key,
    const struct pm_buf *payload, const char **what);

/*
 * End the build's use of the pack: when rewriting, or when more of the
 * pack is unused than used, the used entries go to pack.new, which then
 * replaces the pack; p is then as if new (a later read indexes the pack
 * anew).  0, or -1 with errno and *what naming the file.
 */
int pm_cache__pack_finish(struct pm_cache_pack *p, int dirfd,
    const char **what);

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
