/*
 * workers.h: running one function on a few threads at once, the calling
 * thread among them.  The stages that use it (the ingest, the views, the
 * render) hand out their work through an atomic counter of their own, so
 * a thread that cannot be started only means less parallelism: the
 * others take its share.
 *
 * Contract
 *  - pm_workers_run() calls fn on each of the jobs argument blocks at
 *    args, size bytes apart: the first on the calling thread, the others
 *    on threads it starts and joins before it returns.  Nothing else is
 *    shared or allocated beyond the threads' handles.
 *  - fn's return value is ignored; results go through the blocks.
 *  - It returns how many blocks were run (1 to jobs): a block whose
 *    thread could not be started is not run at all.
 */
#ifndef PM_WORKERS_H
#define PM_WORKERS_H

#include <stddef.h>

/* The most threads a stage runs: beyond this they only add contention
 * (on the output's lock, on the parse lock). */
#define PM_WORKERS_MAX 64

int pm_workers_run(int jobs, void *(*fn)(void *), void *args, size_t size);

/* The threads a stage runs for work items when asked for jobs: at least
 * 1, at most PM_WORKERS_MAX, and no more than the items. */
int pm_workers_for(int jobs, size_t work);

#endif
