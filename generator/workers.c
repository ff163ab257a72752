/*
 * workers.c: the threads of pm_workers_run() (workers.h).
 */
#include "workers.h"

#include <pthread.h>
#include <stdlib.h>

#include "arena.h"

int
pm_workers_run(int jobs, void *(*fn)(void *), void *args, size_t size)
{
	char *block = args;
	pthread_t *threads;
	int i, started = 0;

	if (jobs < 1)
		jobs = 1;
	threads = pm_xcalloc((size_t)jobs, sizeof(*threads));
	for (i = 1; i < jobs; i++) {
		if (pthread_create(&threads[i], NULL, fn,
		    block + (size_t)i * size) != 0)
			break;
		started = i;
	}
	fn(block);
	for (i = 1; i <= started; i++)
		pthread_join(threads[i], NULL);
	free(threads);
	return started + 1;
}

int
pm_workers_for(int jobs, size_t work)
{
	if (jobs > PM_WORKERS_MAX)
		jobs = PM_WORKERS_MAX;
	if (jobs > 0 && (size_t)jobs > work)
		jobs = (int)work;
	return jobs < 1 ? 1 : jobs;
}
