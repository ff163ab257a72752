/*
 * check_arena.c: unit tests of the region allocator and the allocation
 * wrappers that abort on exhaustion (generator/arena.h).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"

#define ALIGNMENT	(_Alignof(max_align_t))

static int
aligned(const void *p)
{
	return (uintptr_t)p % ALIGNMENT == 0;
}

/* Every size from 0 to 300, then the same again: each pointer is aligned
 * for any type and usable for all its bytes (ASan checks the bounds). */
static void
test_alignment(void **state)
{
	struct pm_arena *a = pm_arena_new();
	int round, size;

	(void)state;
	for (round = 0; round < 2; round++) {
		for (size = 0; size <= 300; size++) {
			unsigned char *p = pm_arena_alloc(a, (size_t)size);

			assert_non_null(p);
			assert_true(aligned(p));
			memset(p, 0x5a, (size_t)size);
		}
	}
	/* The other entry points share the rule. */
	assert_true(aligned(pm_arena_calloc(a, 3, 7)));
	assert_true(aligned(pm_arena_strdup(a, "odd")));
	assert_true(aligned(pm_arena_strndup(a, "odd", 1)));
	assert_true(aligned(pm_arena_printf(a, "%d", 12345)));
	/* A long double really can be stored at the returned address. */
	{
		long double *ld = pm_arena_alloc(a, sizeof(*ld));

		*ld = 1.5L;
		assert_true(*ld == 1.5L);
	}
	pm_arena_free(a);
}

/* Zero-byte requests still give distinct, usable pointers. */
static void
test_zero_size(void **state)
{
	struct pm_arena *a = pm_arena_new();
	void *p = pm_arena_alloc(a, 0), *q = pm_arena_alloc(a, 0);
	void *c = pm_arena_calloc(a, 0, 16), *d = pm_arena_calloc(a, 16, 0);

	(void)state;
	assert_non_null(p);
	assert_non_null(q);
	assert_ptr_not_equal(p, q);
	assert_non_null(c);
	assert_non_null(d);
	pm_arena_free(a);
}

static void
fill(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(seed + i * 31);
}

static int
check(const unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (unsigned char)(seed + i * 31))
			return 0;
	return 1;
}

/*
 * Allocations larger than a block (the blocks are at most a mebibyte), mixed
 * with small ones: nothing overlaps, every byte keeps what was written.
 */
static void
test_big(void **state)
{
	static const size_t sizes[] = {
		10, 3 << 20, 24, 5000, 17 << 10, 1, 2 << 20, 40, 1 << 20,
		(1 << 20) + 1, 64 << 10, 8,
	};
	enum { N = sizeof(sizes) / sizeof(sizes[0]) };
	struct pm_arena *a = pm_arena_new();
	unsigned char *p[N];
	size_t i, before;

	(void)state;
	for (i = 0; i < N; i++) {
		before = pm_arena_used(a);
		p[i] = pm_arena_alloc(a, sizes[i]);
		assert_true(aligned(p[i]));
		assert_true(pm_arena_used(a) >= before + sizes[i]);
		fill(p[i], sizes[i], (unsigned)i);
	}
	for (i = 0; i < N; i++)
		assert_true(check(p[i], sizes[i], (unsigned)i));
	pm_arena_free(a);
}

/* Enough small allocations to chain many blocks; all survive intact. */
static void
test_many_small(void **state)
{
	enum { N = 200000 };
	struct pm_arena *a = pm_arena_new();
	unsigned char **p = malloc(N * sizeof(*p));
	size_t i, total = 0;

	(void)state;
	assert_non_null(p);
	for (i = 0; i < N; i++) {
		size_t n = 1 + i % 61;

		p[i] = pm_arena_alloc(a, n);
		assert_true(aligned(p[i]));
		fill(p[i], n, (unsigned)i);
		total += n;
	}
	for (i = 0; i < N; i++)
		assert_true(check(p[i], 1 + i % 61, (unsigned)i));
	assert_true(pm_arena_used(a) >= total);
	/* Rounding to the alignment is the only overhead counted. */
	assert_true(pm_arena_used(a) <= (size_t)N * (60 + ALIGNMENT));
	free(p);
	pm_arena_free(a);
}

static void
test_used(void **state)
{
	struct pm_arena *a = pm_arena_new();
	size_t u0, u1, u2;

	(void)state;
	assert_int_equal(pm_arena_used(a), 0);
	pm_arena_alloc(a, 1);
	u0 = pm_arena_used(a);
	assert_true(u0 >= 1 && u0 <= ALIGNMENT);
	pm_arena_alloc(a, 100);
	u1 = pm_arena_used(a);
	assert_true(u1 >= u0 + 100 && u1 <= u0 + 100 + ALIGNMENT);
	pm_arena_strdup(a, "hello");
	u2 = pm_arena_used(a);
	assert_true(u2 >= u1 + 6);
	pm_arena_alloc(a, 4 << 20);
	assert_true(pm_arena_used(a) >= u2 + (4 << 20));
	pm_arena_free(a);
}

static void
test_strings(void **state)
{
	struct pm_arena *a = pm_arena_new();
	char src[] = "incident";
	char *s, *big;
	size_t i;

	(void)state;
	s = pm_arena_strdup(a, src);
	assert_string_equal(s, "incident");
	assert_ptr_not_equal(s, src);
	src[0] = 'X';			/* a copy, not a view */
	assert_string_equal(s, "incident");
	assert_string_equal(pm_arena_strdup(a, ""), "");
	assert_string_equal(pm_arena_strndup(a, "incident", 3), "inc");
	assert_string_equal(pm_arena_strndup(a, "incident", 0), "");
	/* Exactly len bytes are read: the source need not be terminated. */
	{
		char raw[4] = { 'a', 'b', 'c', 'd' };

		s = pm_arena_strndup(a, raw, sizeof(raw));
		assert_memory_equal(s, "abcd", 5);
	}
	assert_string_equal(pm_arena_printf(a, "%s:%d:%d: %s", "f.md", 3, 14,
	    "x"), "f.md:3:14: x");
	assert_string_equal(pm_arena_printf(a, "%s", ""), "");
	/* Longer than a block: the size is measured, not guessed. */
	big = pm_arena_printf(a, "<%0*d>", 3 << 20, 7);
	assert_int_equal(strlen(big), (3 << 20) + 2);
	assert_int_equal(big[0], '<');
	for (i = 1; i < 3 << 20; i++)
		if (big[i] != '0')
			break;
	assert_int_equal(i, 3 << 20);
	assert_int_equal(big[3 << 20], '7');
	assert_int_equal(big[(3 << 20) + 1], '>');
	pm_arena_free(a);
}

static char *
vformat(struct pm_arena *a, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = pm_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return s;
}

static void
test_vprintf(void **state)
{
	struct pm_arena *a = pm_arena_new();

	(void)state;
	assert_string_equal(vformat(a, "%s-%05.1f-%c", "a", 2.5, 'z'),
	    "a-002.5-z");
	pm_arena_free(a);
}

/*
 * calloc zeroes even memory that held data before: an arena freed after
 * being filled with 0xa5 hands its blocks back to malloc, which is likely to
 * give them to the next arena.
 */
static void
test_calloc_zeroes(void **state)
{
	struct pm_arena *a;
	size_t i, j;

	(void)state;
	for (int round = 0; round < 3; round++) {
		a = pm_arena_new();
		for (i = 0; i < 64; i++)
			memset(pm_arena_alloc(a, 4000), 0xa5, 4000);
		memset(pm_arena_alloc(a, 2 << 20), 0xa5, 2 << 20);
		pm_arena_free(a);
		a = pm_arena_new();
		for (i = 0; i < 64; i++) {
			unsigned char *p = pm_arena_calloc(a, 100, 40);

			for (j = 0; j < 4000; j++)
				assert_int_equal(p[j], 0);
		}
		{
			unsigned char *p = pm_arena_calloc(a, 2 << 20, 1);

			for (j = 0; j < 2 << 20; j++)
				if (p[j] != 0)
					break;
			assert_int_equal(j, 2 << 20);
		}
		pm_arena_free(a);
	}
}

static void
test_free_null(void **state)
{
	(void)state;
	pm_arena_free(NULL);
	/* An arena never used frees cleanly too. */
	pm_arena_free(pm_arena_new());
}

/* Memory of an adopted arena stays readable until the adopter is freed,
 * the adopter keeps allocating in its current block, and the counts add
 * up; ASan and valgrind see any block lost or freed twice. */
static void
test_adopt(void **state)
{
	struct pm_arena *a = pm_arena_new(), *b = pm_arena_new();
	struct pm_arena *empty = pm_arena_new();
	char *kept[64];
	char *before, *after;
	size_t used;

	(void)state;
	before = pm_arena_strdup(a, "before");
	for (int i = 0; i < 64; i++)
		kept[i] = pm_arena_printf(b, "from b %d", i);
	/* a big allocation in b: a block of its own */
	memset(pm_arena_alloc(b, 1 << 20), 'x', 1 << 20);
	used = pm_arena_used(a) + pm_arena_used(b);
	pm_arena_adopt(a, b);
	pm_arena_adopt(a, empty);
	pm_arena_adopt(a, NULL);
	assert_int_equal(pm_arena_used(a), used);
	after = pm_arena_strdup(a, "after");
	/* still in a's first block, right behind "before" */
	assert_true(after > before && after - before < 64);
	for (int i = 0; i < 64; i++) {
		char want[32];

		snprintf(want, sizeof(want), "from b %d", i);
		assert_string_equal(kept[i], want);
	}
	/* an empty arena adopts a whole one */
	empty = pm_arena_new();
	b = pm_arena_new();
	before = pm_arena_strdup(b, "kept");
	pm_arena_adopt(empty, b);
	assert_string_equal(before, "kept");
	pm_arena_free(empty);
	pm_arena_free(a);
}

static void
test_x_wrappers(void **state)
{
	char *s, *p;

	(void)state;
	p = pm_xmalloc(0);
	assert_non_null(p);
	free(p);
	p = pm_xcalloc(0, 0);
	assert_non_null(p);
	free(p);
	p = pm_xcalloc(4, 8);
	for (int i = 0; i < 32; i++)
		assert_int_equal(p[i], 0);
	p = pm_xrealloc(p, 1 << 16);
	p[(1 << 16) - 1] = 'x';
	free(p);
	s = pm_xstrdup("abc");
	assert_string_equal(s, "abc");
	free(s);
	s = pm_xstrndup("abcdef", 2);
	assert_string_equal(s, "ab");
	free(s);
	assert_int_equal(pm_xmul(0, SIZE_MAX), 0);
	assert_int_equal(pm_xmul(SIZE_MAX, 1), SIZE_MAX);
	assert_int_equal(pm_xmul(1000, 1000), 1000000);
}

/* Run fn(arena) in a child; did it end by SIGABRT?  The arena is made
 * here, so the child's memory checker sees it still referenced. */
static int
aborts(void (*fn)(struct pm_arena *))
{
	struct pm_arena *a = pm_arena_new();
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		/* The message is expected; keep the test output clean. */
		if (freopen("/dev/null", "w", stderr) == NULL)
			_exit(3);
		fn(a);
		_exit(0);
	}
	pm_arena_free(a);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void
mul_overflow(struct pm_arena *a)
{
	volatile size_t n = pm_xmul(SIZE_MAX / 2 + 1, 2);

	(void)a;
	(void)n;
}

static void
arena_huge(struct pm_arena *a)
{
	pm_arena_alloc(a, SIZE_MAX - 3);
}

static void
arena_calloc_overflow(struct pm_arena *a)
{
	pm_arena_calloc(a, SIZE_MAX / 8 + 1, 16);
}

/* Exhaustion and overflow end the process instead of returning NULL. */
static void
test_overflow_aborts(void **state)
{
	(void)state;
	assert_true(aborts(mul_overflow));
	assert_true(aborts(arena_huge));
	assert_true(aborts(arena_calloc_overflow));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alignment),
		cmocka_unit_test(test_zero_size),
		cmocka_unit_test(test_big),
		cmocka_unit_test(test_many_small),
		cmocka_unit_test(test_used),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_vprintf),
		cmocka_unit_test(test_calloc_zeroes),
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_x_wrappers),
		cmocka_unit_test(test_adopt),
		cmocka_unit_test(test_overflow_aborts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
