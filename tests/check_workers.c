/*
 * check_workers.c: workers.h, the threads of a stage: how many a stage
 * runs for its work, and that every block is run once, the first on the
 * calling thread.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>

#include "workers.h"

static void
test_workers_for(void **state)
{
	(void)state;
	assert_int_equal(pm_workers_for(0, 10), 1);
	assert_int_equal(pm_workers_for(-3, 10), 1);
	assert_int_equal(pm_workers_for(4, 0), 1);
	assert_int_equal(pm_workers_for(4, 2), 2);
	assert_int_equal(pm_workers_for(4, 10), 4);
	assert_int_equal(pm_workers_for(1000, 100000), PM_WORKERS_MAX);
	assert_int_equal(pm_workers_for(1000, 3), 3);
}

struct block {
	pthread_t self;
	int runs;
};

static void *
mark(void *arg)
{
	struct block *b = arg;

	b->self = pthread_self();
	b->runs++;
	return NULL;
}

static void
test_workers_run(void **state)
{
	struct block b[5] = { 0 };
	int ran;

	(void)state;
	ran = pm_workers_run(5, mark, b, sizeof(*b));
	assert_true(ran >= 1 && ran <= 5);
	assert_true(pthread_equal(b[0].self, pthread_self()));
	for (int i = 0; i < 5; i++)
		assert_int_equal(b[i].runs, i < ran ? 1 : 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_workers_for),
		cmocka_unit_test(test_workers_run),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
