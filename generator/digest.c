/*
 * digest.c: XXH3-128 over an unambiguous encoding of value trees.  The
 * tree is encoded into a buffer and hashed in one call: XXH3's streaming
 * interface costs more per call than the small fields of a context take
 * to hash.
 */
#include "digest.h"

#include <stdint.h>
#include <string.h>
#include <xxhash.h>

void
pm_digest_bytes(struct pm_digest *out, const void *data, size_t len)
{
	XXH128_canonical_t c;

	XXH128_canonicalFromHash(&c, XXH3_128bits(data, len));
	memcpy(out->bytes, c.digest, PM_DIGEST_SIZE);
}

/* Little-endian, so an encoding means the same on every machine. */
static void
put_u64(struct pm_buf *b, uint64_t n)
{
	unsigned char w[8];

	for (int i = 0; i < 8; i++)
		w[i] = (unsigned char)(n >> (8 * i));
	pm_buf_put(b, w, sizeof(w));
}

void
pm_digest_encode_bytes(struct pm_buf *b, const char *s, size_t len)
{
	put_u64(b, len);
	if (len > 0)
		pm_buf_put(b, s, len);
}

void
pm_digest_encode(struct pm_buf *b, const struct pm_value *v,
    pm_digest_known_fn known, const void *arg)
{
	struct pm_digest d;
	uint64_t bits;

	if (v == NULL) {
		pm_buf_putc(b, 'n');
		return;
	}
	if (known && known(&d, v, arg)) {
		pm_buf_putc(b, 'k');
		pm_buf_put(b, d.bytes, sizeof(d.bytes));
		return;
	}
	switch (v->type) {
	case PM_VALUE_NULL:
		pm_buf_putc(b, 'n');
		break;
	case PM_VALUE_BOOL:
		pm_buf_putc(b, v->u.boolean ? 't' : 'f');
		break;
	case PM_VALUE_NUMBER:
		memcpy(&bits, &v->u.number, sizeof(bits));
		pm_buf_putc(b, 'd');
		put_u64(b, bits);
		break;
	case PM_VALUE_STRING:
		pm_buf_putc(b, 's');
		pm_digest_encode_bytes(b, v->u.string.ptr, v->u.string.len);
		break;
	case PM_VALUE_LIST:
		pm_buf_putc(b, 'l');
		put_u64(b, v->u.list.len);
		for (size_t i = 0; i < v->u.list.len; i++)
			pm_digest_encode(b, v->u.list.items[i], known, arg);
		break;
	case PM_VALUE_MAP:
		pm_buf_putc(b, 'm');
		put_u64(b, v->u.map.len);
		for (size_t i = 0; i < v->u.map.len; i++) {
			const struct pm_value_entry *e = &v->u.map.entries[i];

			pm_digest_encode_bytes(b, e->key, e->key_len);
			pm_digest_encode(b, e->value, known, arg);
		}
		break;
	}
}

void
pm_digest_value(struct pm_digest *out, struct pm_buf *scratch,
    const struct pm_value *v, pm_digest_known_fn known, const void *arg)
{
	pm_buf_clear(scratch);
	pm_digest_encode(scratch, v, known, arg);
	pm_digest_bytes(out, scratch->ptr ? scratch->ptr : "", scratch->len);
}

int
pm_digest_equal(const struct pm_digest *a, const struct pm_digest *b)
{
	return memcmp(a->bytes, b->bytes, PM_DIGEST_SIZE) == 0;
}
