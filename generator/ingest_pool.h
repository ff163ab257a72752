/*
 * ingest_pool.h: every postmortem of a build from its bytes to a reviewed
 * incident, on several threads: ingest (ingest.h), the ages of its action
 * items (itemhist.h), the review of `pmsite check` (check.h) and its entry
 * of the search index (search.h), which the cache keeps with it.
 *
 * Contract
 *  - pm_ingest_pool_run() fills tasks[0 .. n-1]; each task is worked on by
 *    one thread from start to end, so a task's results are those a
 *    single-threaded run gives, whatever jobs is and however the threads
 *    are scheduled.
 *  - Markdown is parsed under one lock the pool owns (DESIGN.md: cmark-gfm
 *    edits process-wide state while it parses).  Everything else runs in
 *    parallel on read-only inputs: src, cfg and tax are never written.
 *  - Blobs are read in the order they lie in the pack files (packorder.h):
 *    the documents first, then, once all are ingested, the older versions
 *    of those with action items, for their ages (itemhist.h).  The order
 *    of the work never shows in the results.
 *  - Strings of the incidents live in arena when the call returns (each
 *    thread allocates from an arena of its own, adopted by arena at the
 *    end).  A task's warnings (heap) are the caller's to merge and free,
 *    in task order, which keeps the build's output deterministic.
 *  - A task whose file cannot be ingested has failed set and err filled;
 *    the others are not affected.  The pool itself cannot fail: a thread
 *    that cannot be started only means less parallelism.
 */
#ifndef PM_INGEST_POOL_H
#define PM_INGEST_POOL_H

#include <stddef.h>

#include "arena.h"
#include "classify.h"
#include "config.h"
#include "error.h"
#include "incident.h"
#include "source.h"
#include "warnings.h"

struct pm_ingest_task {
	const struct pm_doc *doc;	/* in */
	struct pm_incident inc;		/* out */
	struct pm_warnings warnings;	/* out: this document's, in order */
	struct pm_error err;		/* out, when failed */
	int failed;
};

void pm_ingest_pool_run(struct pm_ingest_task *tasks, size_t n,
    struct pm_arena *arena, const struct pm_source *src,
    const struct pm_config *cfg, const struct pm_taxonomy *tax, int jobs);

#endif
