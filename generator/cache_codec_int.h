/*
 * cache_codec_int.h: the pieces every cache file is encoded with
 * (cache_codec.c, cache_codec_state.c), which trust no length or count
 * they read: little-endian integers; a string is a u32 length
 * (0xffffffff for NULL), its bytes and a NUL, so decoded strings point
 * into the file's copy without being copied; a list is a u32 count and
 * its items.  An encoder that meets what it cannot encode sets bad; a
 * decoder that meets what it cannot trust sets bad, and from then on
 * every read gives zero.
 */
#ifndef PM_CACHE_CODEC_INT_H
#define PM_CACHE_CODEC_INT_H

#include <limits.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "buf.h"

#define NONE 0xffffffffu

struct enc {
	struct pm_buf *out;
	int bad;		/* something cannot be encoded */
};

static inline void
put_u32(struct enc *e, uint32_t v)
{
	unsigned char b[4];

	for (int i = 0; i < 4; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	pm_buf_put(e->out, b, sizeof(b));
}

static inline void
put_u64(struct enc *e, uint64_t v)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	pm_buf_put(e->out, b, sizeof(b));
}

static inline void
put_long(struct enc *e, long v)
{
	put_u64(e, (uint64_t)(int64_t)v);
}

static inline void
put_int(struct enc *e, int v)
{
	put_u32(e, (uint32_t)(int32_t)v);
}

/* The bits, so NAN and -0.0 come back as they were. */
static inline void
put_double(struct enc *e, double v)
{
	uint64_t bits;

	memcpy(&bits, &v, sizeof(bits));
	put_u64(e, bits);
}

static inline void
put_bytes(struct enc *e, const char *s, size_t len)
{
	if (s == NULL) {
		put_u32(e, NONE);
		return;
	}
	if (len >= NONE) {
		e->bad = 1;
		return;
	}
	put_u32(e, (uint32_t)len);
	pm_buf_put(e->out, s, len);
	pm_buf_putc(e->out, '\0');
}

static inline void
put_str(struct enc *e, const char *s)
{
	put_bytes(e, s, s ? strlen(s) : 0);
}

static inline void
put_count(struct enc *e, size_t n)
{
	if (n >= NONE)
		e->bad = 1;
	else
		put_u32(e, (uint32_t)n);
}


struct dec {
	const unsigned char *p, *end;
	struct pm_arena *arena;
	int bad;		/* once set, every read gives zero */
};

static inline int
have(struct dec *d, size_t n)
{
	if (!d->bad && (size_t)(d->end - d->p) >= n)
		return 1;
	d->bad = 1;
	return 0;
}

static inline uint32_t
get_u32(struct dec *d)
{
	uint32_t v = 0;

	if (!have(d, 4))
		return 0;
	for (int i = 0; i < 4; i++)
		v |= (uint32_t)d->p[i] << (8 * i);
	d->p += 4;
	return v;
}

static inline uint64_t
get_u64(struct dec *d)
{
	uint64_t v = 0;

	if (!have(d, 8))
		return 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)d->p[i] << (8 * i);
	d->p += 8;
	return v;
}

static inline long
get_long(struct dec *d)
{
	int64_t v = (int64_t)get_u64(d);

#if LONG_MAX < INT64_MAX
	/* A long that would not fit here was not written here. */
	if (v < LONG_MIN || v > LONG_MAX)
		d->bad = 1;
#endif
	return (long)v;
}

static inline int
get_int(struct dec *d)
{
	return (int)(int32_t)get_u32(d);
}

static inline double
get_double(struct dec *d)
{
	uint64_t bits = get_u64(d);
	double v;

	memcpy(&v, &bits, sizeof(v));
	return v;
}

/* A string of *len bytes followed by a NUL, pointing into the payload;
 * NULL for an absent one (and after an error). */
static inline const char *
get_bytes(struct dec *d, size_t *len)
{
	uint32_t n = get_u32(d);
	const char *s;

	*len = 0;
	if (d->bad || n == NONE)
		return NULL;
	if (!have(d, (size_t)n + 1) || d->p[n] != '\0') {
		d->bad = 1;
		return NULL;
	}
	s = (const char *)d->p;
	d->p += (size_t)n + 1;
	*len = n;
	return s;
}

/* A C string: no NUL inside, or strlen() would not give back its length. */
static inline const char *
get_str(struct dec *d)
{
	size_t len;
	const char *s = get_bytes(d, &len);

	if (s && memchr(s, '\0', len) != NULL) {
		d->bad = 1;
		return NULL;
	}
	return s;
}

/* A count of items at least min_size bytes each: never more than the
 * bytes left could hold, so a damaged count cannot ask for gigabytes. */
static inline size_t
get_count(struct dec *d, size_t min_size)
{
	uint32_t n = get_u32(d);

	if (d->bad || n > (size_t)(d->end - d->p) / min_size) {
		d->bad = 1;
		return 0;
	}
	return n;
}

#endif
