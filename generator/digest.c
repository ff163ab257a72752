/*
 * digest.c: XXH3-128 over an unambiguous encoding of value trees.  The
 * tree is encoded into a buffer, which is hashed in pieces of 64 KB:
 * XXH3's streaming interface costs more per call than the small fields of
 * a context take to hash, so it is called per piece, not per field, and
 * not at all for an encoding shorter than a piece.
 */
#include "digest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "arena.h"

void
pm_digest_bytes(struct pm_digest *out, const void *data, size_t len)
{
	XXH128_canonical_t c;

	XXH128_canonicalFromHash(&c, XXH3_128bits(data, len));
	memcpy(out->bytes, c.digest, PM_DIGEST_SIZE);
}

void
pm_digest_strings(struct pm_digest *out, const char *const *s, size_t n)
{
	unsigned char stack[1024], *p;
	size_t len = 0, at = 0, k;
	struct pm_buf heap = PM_BUF_INIT;

	for (size_t i = 0; i < n; i++)
		len += 9 + (s[i] ? strlen(s[i]) : 0);
	if (len <= sizeof(stack)) {
		p = stack;
	} else {
		pm_buf_grow(&heap, len);
		p = (unsigned char *)heap.ptr;
	}
	for (size_t i = 0; i < n; i++) {
		size_t sl = s[i] ? strlen(s[i]) : 0;

		p[at++] = s[i] ? 's' : 'n';
		for (k = 0; k < 8; k++)
			p[at++] = (unsigned char)((uint64_t)sl >> (8 * k));
		if (sl)
			memcpy(p + at, s[i], sl);
		at += sl;
	}
	pm_digest_bytes(out, p, at);
	pm_buf_free(&heap);
}

void
pm_digester_start(struct pm_digester *d, struct pm_buf *scratch)
{
	d->buf = scratch;
	d->state = NULL;
	pm_buf_clear(scratch);
}

/* Hash what buf holds once it passes a piece. */
static void
drain(struct pm_digester *d)
{
	if (d->buf->len < PM_DIGEST_PIECE)
		return;
	if (d->state == NULL) {
		if ((d->state = XXH3_createState()) == NULL)
			pm_xalloc_failed(1);	/* the state is about 600 bytes */
		XXH3_128bits_reset(d->state);
	}
	XXH3_128bits_update(d->state, d->buf->ptr, d->buf->len);
	pm_buf_clear(d->buf);
}

void
pm_digester_put(struct pm_digester *d, const void *data, size_t len)
{
	pm_buf_put(d->buf, data, len);
	drain(d);
}

void
pm_digester_finish(struct pm_digester *d, struct pm_digest *out)
{
	XXH128_canonical_t c;
	const char *rest = d->buf->ptr ? d->buf->ptr : "";

	if (d->state == NULL) {
		pm_digest_bytes(out, rest, d->buf->len);
		return;
	}
	XXH3_128bits_update(d->state, rest, d->buf->len);
	XXH128_canonicalFromHash(&c, XXH3_128bits_digest(d->state));
	memcpy(out->bytes, c.digest, PM_DIGEST_SIZE);
	XXH3_freeState(d->state);
	d->state = NULL;
	pm_buf_clear(d->buf);
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
pm_digest_encode_bytes(struct pm_digester *d, const char *s, size_t len)
{
	put_u64(d->buf, len);
	if (len > 0)
		pm_buf_put(d->buf, s, len);
	drain(d);
}

/* A made list whose maker names each item's inputs: 'i' keeps it apart
 * from the list of those items, which it is not byte for byte. */
static void
encode_inputs(struct pm_digester *d, const struct pm_value *v)
{
	const struct pm_value_maker *m = v->u.list.maker;
	unsigned char in[16];

	pm_buf_putc(d->buf, 'i');
	put_u64(d->buf, v->u.list.len);
	for (size_t i = 0; i < v->u.list.len; i++) {
		m->inputs(m->arg, i, in);
		pm_buf_put(d->buf, in, sizeof(in));
		drain(d);
	}
}

void
pm_digest_encode(struct pm_digester *d, const struct pm_value *v,
    pm_digest_known_fn known, const void *arg)
{
	struct pm_buf *b = d->buf;
	struct pm_digest k;
	uint64_t bits;

	if (v == NULL) {
		pm_buf_putc(b, 'n');
		return;
	}
	if (known && known(&k, v, arg)) {
		pm_buf_putc(b, 'k');
		pm_buf_put(b, k.bytes, sizeof(k.bytes));
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
		pm_digest_encode_bytes(d, v->u.string.ptr, v->u.string.len);
		break;
	case PM_VALUE_LIST:
		if (pm_value_is_made(v) && v->u.list.maker->inputs) {
			encode_inputs(d, v);
			break;
		}
		pm_buf_putc(b, 'l');
		put_u64(b, v->u.list.len);
		for (size_t i = 0; i < v->u.list.len; i++) {
			/* A made item is digested as the item it makes. */
			struct pm_arena *a = pm_value_is_made(v) ?
			    pm_arena_new() : NULL;

			pm_digest_encode(d, pm_value_list_item(v, i, a), known,
			    arg);
			pm_arena_free(a);
		}
		break;
	case PM_VALUE_MAP:
		pm_buf_putc(b, 'm');
		put_u64(b, v->u.map.len);
		for (size_t i = 0; i < v->u.map.len; i++) {
			const struct pm_value_entry *e = &v->u.map.entries[i];

			pm_digest_encode_bytes(d, e->key, e->key_len);
			pm_digest_encode(d, e->value, known, arg);
		}
		break;
	}
}

void
pm_digest_value(struct pm_digest *out, struct pm_buf *scratch,
    const struct pm_value *v, pm_digest_known_fn known, const void *arg)
{
	struct pm_digester d;

	pm_digester_start(&d, scratch);
	pm_digest_encode(&d, v, known, arg);
	pm_digester_finish(&d, out);
}

int
pm_digest_equal(const struct pm_digest *a, const struct pm_digest *b)
{
	return memcmp(a->bytes, b->bytes, PM_DIGEST_SIZE) == 0;
}
