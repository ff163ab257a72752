/*
 * output_int.h: what output.c and the other output_*.c files share: the
 * state of an output and the sets of paths its writers have claimed.
 *
 * Contract: module-private.  The fields below `lock` are guarded by it
 * while writers run; the rest is set by open and commit, which do not
 * race with writers (output.h).
 */
#ifndef PM_OUTPUT_INT_H
#define PM_OUTPUT_INT_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "output.h"

enum pm_output_state {
	PM_OUTPUT_OPEN,
	PM_OUTPUT_COMMITTED,
	PM_OUTPUT_ABORTED
};

/* An open-addressing set of strings (in the output's arena). */
struct pm_output_pathset {
	const char **slots;
	size_t cap;		/* a power of two, or 0 */
	size_t count;
};

struct pm_output {
	char *display;		/* out_dir as given, for messages */
	char *path;		/* parent_real/base */
	char *parent;		/* realpath of the parent */
	char *base;		/* last component of path */
	char *staging;		/* staging directory's name in parent */
	int parent_fd;
	int staging_fd;
	int old_fd;		/* incremental: the replaced site, or -1 */
	char *stamp;		/* NULL, or the marker's "build" line */
	char *spare;		/* NULL, or where replaced sites go */
	int recycled;		/* staging began as the parked tree */
	mode_t dir_mode;	/* what mkdir(0755) gives under the umask */
	int force;
	int exchange;
	int beneath;		/* walk folders with openat2 (fsutil.h) */
	int jobs;		/* threads the sweep may run */
	pthread_mutex_t lock;
	enum pm_output_state state;
	struct pm_arena *arena;
	struct pm_output_pathset written;	/* files claimed */
	struct pm_output_pathset dirs;		/* folders they need */
	struct pm_output_file *known;	/* kept in place: path and stat */
	size_t nknown, known_cap;
	size_t files, kept;
	uint64_t bytes;
};

/* output_keep.c: relpath, just claimed, is a file whose stat is st (it was
 * kept in place, untouched), for pm_output_list().  Takes the lock. */
void pm_output__know(struct pm_output *o, const char *relpath,
    const struct pm_output_stat *st);

/*
 * output_path.c.  path_problem: NULL when relpath is a safe output path
 * (output.h pm_output_write()), else why not; path_error: the one-line
 * error for it, PM_ERROR.  conflict: why relpath cannot be claimed (a
 * duplicate, a folder of that name, a file in the way, *at set to the
 * length of the path concerned), or NULL; claim: take relpath and the
 * folders above it.  Both with the lock held.
 */
const char *pm_output__path_problem(const char *relpath);
int pm_output__path_error(struct pm_error *err, const char *relpath,
    const char *why);
const char *pm_output__conflict(const struct pm_output *o,
    const char *relpath, size_t *at);
void pm_output__claim(struct pm_output *o, const char *relpath);

/* Add the first len bytes of s; 1 when new, 0 when already there. */
int pm_output__pathset_add(struct pm_output_pathset *set,
    struct pm_arena *arena, const char *s, size_t len);

/* Are the first len bytes of s in the set? */
int pm_output__pathset_has(const struct pm_output_pathset *set,
    const char *s, size_t len);

/*
 * output_keep.c.
 *  keep: when the site being replaced holds relpath with exactly these
 *    bytes, make the staging tree's relpath that very file (a hard link);
 *    0 when done, -1 when the caller must write.
 *  clear: in a recycled staging tree, remove whatever stands at relpath
 *    or in the way of its folders (claims make sure it is stale); 0, or
 *    -1 leaving it to the write to report.
 *  recycle: at open, take the parked tree as the staging tree when use is
 *    set, else remove it and park nothing later; PM_ERROR only when the
 *    staging tree cannot be opened again.
 *  sweep (output_sweep.c): before commit, remove from a recycled tree
 *    what no writer claimed, on up to o->jobs threads.
 *  park: after the swap, move the replaced tree (named old in the parent)
 *    to the spare place; -1 when it must be removed instead.
 */
int pm_output__keep(struct pm_output *o, const char *relpath,
    const void *data, size_t len);

/*
 * keep_written: as keep, for a file already written whole into the
 * staging tree (a stream): when the replaced site's relpath holds the
 * same bytes, the written file is replaced by a link to it; 0 when done,
 * -1 when the written file stays.
 */
int pm_output__keep_written(struct pm_output *o, const char *relpath);

/*
 * rewrite: the recycled tree's relpath opened for writing over, when it
 * is a regular file that nothing else links to (a file kept by the last
 * build is also the published site's): a descriptor, or -1.  Writing
 * over a file's own pages costs a tenth of making a new file of tens of
 * megabytes on tmpfs, a third on ext4; the writer truncates at the end.
 */
int pm_output__rewrite(struct pm_output *o, const char *relpath);

/*
 * output.c, for both files.  reserve: claim relpath for one writer
 * (output.h: every path once, conflicts decided by the order of the calls
 * alone), or the error pm_output_write() gives.  tally: count a file
 * written or kept (len bytes), under the lock.
 */
int pm_output__reserve(struct pm_output *o, const char *relpath,
    struct pm_error *err);
void pm_output__tally(struct pm_output *o, int kept, uint64_t len);

/* output_keep.c: clear, recycle, sweep and park, described with keep. */
int pm_output__clear(struct pm_output *o, const char *relpath);
int pm_output__recycle(struct pm_output *o, int use,
    struct pm_error *err);
int pm_output__sweep(struct pm_output *o, struct pm_error *err);
int pm_output__park(struct pm_output *o, const char *old);

#endif
