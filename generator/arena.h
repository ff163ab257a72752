/*
 * arena.h: region memory for everything whose lifetime is a build or a page,
 * and the allocation wrappers that abort on exhaustion.
 *
 * Contract
 *  - pm_xmalloc() and friends never return NULL: running out of memory ends
 *    the process with a message (as cmark's xcalloc and redis's zmalloc do),
 *    so callers need no NULL checks and no error path for allocation.
 *  - An arena hands out memory that lives until pm_arena_free() frees it all
 *    at once.  There is no per-object free.  Every pointer returned by a
 *    pm_arena_* function belongs to the arena.
 *  - An arena is not thread-safe: one arena per thread (per page when pages
 *    render in parallel).  Memory from a finished arena may be read from any
 *    thread.
 */
#ifndef PM_ARENA_H
#define PM_ARENA_H

#include <stdarg.h>
#include <stddef.h>

void *pm_xmalloc(size_t size);
void *pm_xcalloc(size_t count, size_t size);
void *pm_xrealloc(void *ptr, size_t size);
char *pm_xstrdup(const char *s);
char *pm_xstrndup(const char *s, size_t len);

/* End the process as the wrappers above do when size bytes could not be
 * had: for memory a library allocates (an xxHash state). */
#if defined(__GNUC__)
__attribute__((noreturn))
#endif
void pm_xalloc_failed(size_t size);

/* Multiply with an overflow check; aborts when count * size overflows. */
size_t pm_xmul(size_t count, size_t size);

struct pm_arena;

/* A new empty arena; free it with pm_arena_free(). */
struct pm_arena *pm_arena_new(void);

/* Free the arena and everything allocated from it.  Accepts NULL. */
void pm_arena_free(struct pm_arena *arena);

/*
 * Hand everything of from over to arena and free from itself: its memory
 * now lives as long as arena's.  For the arenas of worker threads, whose
 * allocations must outlive the threads.  from may be NULL.
 */
void pm_arena_adopt(struct pm_arena *arena, struct pm_arena *from);

/* size bytes, aligned for any type, uninitialised. */
void *pm_arena_alloc(struct pm_arena *arena, size_t size);

/* size bytes, aligned for any type, zeroed. */
void *pm_arena_calloc(struct pm_arena *arena, size_t count, size_t size);

/* A NUL-terminated copy of s (or of its first len bytes). */
char *pm_arena_strdup(struct pm_arena *arena, const char *s);
char *pm_arena_strndup(struct pm_arena *arena, const char *s, size_t len);

/* A formatted string. */
char *pm_arena_printf(struct pm_arena *arena, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
char *pm_arena_vprintf(struct pm_arena *arena, const char *fmt, va_list ap);

/* Bytes handed out so far (for benchmarks and limits). */
size_t pm_arena_used(const struct pm_arena *arena);

#endif
