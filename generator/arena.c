/*
 * arena.c: a bump allocator over a list of blocks.  Blocks grow
 * geometrically up to a cap, and a request larger than a block gets a block
 * of its own, so one huge string does not waste the rest of a block.
 */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_MIN	(16 * 1024)
#define BLOCK_MAX	(1024 * 1024)
#define ALIGN		(_Alignof(max_align_t))

struct block {
	struct block *next;
	size_t size;	/* usable bytes after the header */
	size_t used;
	max_align_t data[];
};

struct pm_arena {
	struct block *head;
	size_t next_size;
	size_t total;
};

void
pm_xalloc_failed(size_t size)
{
	fprintf(stderr, "pmsite: out of memory (%zu bytes)\n", size);
	abort();
}

void *
pm_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		pm_xalloc_failed(size);
	return p;
}

void *
pm_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);

	if (p == NULL)
		pm_xalloc_failed(size);
	return p;
}

void *
pm_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		pm_xalloc_failed(size);
	return p;
}

char *
pm_xstrndup(const char *s, size_t len)
{
	char *p = pm_xmalloc(len + 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
pm_xstrdup(const char *s)
{
	return pm_xstrndup(s, strlen(s));
}

size_t
pm_xmul(size_t count, size_t size)
{
	if (size != 0 && count > SIZE_MAX / size)
		pm_xalloc_failed(SIZE_MAX);
	return count * size;
}

struct pm_arena *
pm_arena_new(void)
{
	struct pm_arena *a = pm_xcalloc(1, sizeof(*a));

	a->next_size = BLOCK_MIN;
	return a;
}

void
pm_arena_free(struct pm_arena *arena)
{
	struct block *b, *next;

	if (arena == NULL)
		return;
	for (b = arena->head; b; b = next) {
		next = b->next;
		free(b);
	}
	free(arena);
}

static struct block *
block_new(size_t size)
{
	struct block *b;

	if (size > SIZE_MAX - sizeof(*b))
		pm_xalloc_failed(size);
	b = pm_xmalloc(sizeof(*b) + size);
	b->size = size;
	b->used = 0;
	b->next = NULL;
	return b;
}

void *
pm_arena_alloc(struct pm_arena *arena, size_t size)
{
	struct block *b = arena->head;
	size_t need;

	if (size > SIZE_MAX - ALIGN)
		pm_xalloc_failed(size);
	need = (size + ALIGN - 1) & ~(ALIGN - 1);
	if (need == 0)
		need = ALIGN;
	arena->total += need;
	if (b && b->size - b->used >= need) {
		void *p = (char *)b->data + b->used;

		b->used += need;
		return p;
	}
	if (need > arena->next_size / 4) {
		/* Big: its own block, linked behind the current one so the
		 * space left in the current block stays usable. */
		struct block *big = block_new(need);

		big->used = need;
		if (b) {
			big->next = b->next;
			b->next = big;
		} else {
			arena->head = big;
		}
		return big->data;
	}
	b = block_new(arena->next_size);
	if (arena->next_size < BLOCK_MAX)
		arena->next_size *= 2;
	b->next = arena->head;
	arena->head = b;
	b->used = need;
	return b->data;
}

void
pm_arena_adopt(struct pm_arena *arena, struct pm_arena *from)
{
	struct block *last;

	if (from == NULL)
		return;
	/* Behind the current block, like a big allocation, so the space
	 * left in arena's current block stays usable. */
	if (from->head) {
		for (last = from->head; last->next; last = last->next)
			;
		if (arena->head) {
			last->next = arena->head->next;
			arena->head->next = from->head;
		} else {
			arena->head = from->head;
		}
	}
	arena->total += from->total;
	free(from);
}

void *
pm_arena_calloc(struct pm_arena *arena, size_t count, size_t size)
{
	size_t n = pm_xmul(count, size);
	void *p = pm_arena_alloc(arena, n);

	memset(p, 0, n);
	return p;
}

char *
pm_arena_strndup(struct pm_arena *arena, const char *s, size_t len)
{
	char *p = pm_arena_alloc(arena, len + 1);

	if (len)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
pm_arena_strdup(struct pm_arena *arena, const char *s)
{
	return pm_arena_strndup(arena, s, strlen(s));
}

char *
pm_arena_vprintf(struct pm_arena *arena, const char *fmt, va_list ap)
{
	va_list copy;
	int n;
	char *p;

	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		n = 0;
	p = pm_arena_alloc(arena, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
pm_arena_printf(struct pm_arena *arena, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = pm_arena_vprintf(arena, fmt, ap);
	va_end(ap);
	return p;
}

size_t
pm_arena_used(const struct pm_arena *arena)
{
	return arena->total;
}
