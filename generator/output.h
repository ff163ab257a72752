/*
 * output.h: writing a whole site into a staging directory beside the target
 * and swapping it in atomically, so a reader never sees a half-built site and
 * a failed build leaves the old one untouched.
 *
 * Contract
 *  - pm_output_open() allocates a struct pm_output owned by the caller, who
 *    ends it with pm_output_commit() (publish) and then pm_output_free(), or
 *    with pm_output_free() alone (discard).  Freeing an output that was not
 *    committed aborts it: the staging directory and everything in it is
 *    removed and the old site stays as it was.
 *  - The staging directory is created in the same parent as out_dir and is
 *    named `.NAME.pmsite-tmp-XXXXXX` (NAME = the last component of out_dir),
 *    so the final rename never crosses a filesystem.  Directories matching
 *    that pattern, and `.NAME.pmsite-old-XXXXXX` left by the fallback swap,
 *    belong to pmsite: pm_output_open() removes the ones a killed build left
 *    behind, judging by the name alone.  Two builds into the same out_dir at
 *    once are therefore not supported: the second removes the first's
 *    staging directory and the first then fails cleanly at its next write or
 *    at commit, without touching the published site.
 *  - A published site carries a marker file, `.pmsite`, whose first line is
 *    `pmsite site v1`.  An existing non-empty directory without it is not
 *    replaced unless opts->force is set.  When opts->stamp is set, a second
 *    line `build STAMP` follows, which pm_output_read_stamp() gives back:
 *    since the marker is swapped in with the site, the stamp describes
 *    exactly the site it sits in (the build cache keeps its key there).
 *  - Incremental output (opts->incremental): a file whose bytes equal
 *    those of the same path in the site being replaced is hard-linked
 *    from it into the staging directory instead of written, so it keeps
 *    its inode and mtime: rsync, deploy tools and backups see only the
 *    files that really changed.  The staging tree
 *    is complete on its own either way, so the swap stays atomic, and the
 *    replaced tree goes as before (its unchanged files live on in the
 *    new one).  Only a site carrying the marker is used.  A link the
 *    filesystem refuses (EXDEV, EPERM, EMLINK) or an old file that cannot
 *    be read falls back to writing.  Files are never modified in place,
 *    so trees sharing an inode is safe.
 *  - Recycling (opts->spare): making and removing every folder of a large
 *    site costs more than the pages that changed.  With a spare path, the
 *    tree a commit replaces is parked there instead of removed, and the
 *    next incremental open takes it as its staging tree: pages equal to
 *    the published ones are usually already there (the same inodes),
 *    what differs is replaced, and before the swap everything no writer
 *    claimed is swept away, so the published tree holds exactly what was
 *    written, as with a fresh staging folder.  The parked tree is trusted
 *    for nothing: whatever stands at a claimed path and is not the
 *    published file itself is replaced.  A non-incremental open removes
 *    the spare; a killed build loses it (the next build starts afresh).
 *    The spare must be on out_dir's filesystem, else it is simply removed.
 *  - pm_output_write() and pm_output_copy_dir() may be called from several
 *    threads at once on one output: only the bookkeeping (claimed paths,
 *    counters) is serialised, file writes proceed in parallel.  open,
 *    commit, abort, free and the counters must not race with writes; call
 *    them before the writer threads start or after they have joined.
 *  - Nothing time-dependent is written: the same calls give the same bytes.
 *  - Strings passed in are borrowed for the duration of the call only.
 *  - Errors: PM_EEXISTS for a refusal to replace something (the root, the
 *    home directory, the repository, a file, a foreign directory, a path
 *    written twice), PM_ELIMIT for a source file too large to copy, PM_ERROR
 *    for everything else (invalid output paths, system errors).  Messages
 *    name the file and are one line.
 */
#ifndef PM_OUTPUT_H
#define PM_OUTPUT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Longest relative output path accepted by pm_output_write(), in bytes. */
#define PM_OUTPUT_PATH_MAX 1024

/* Most components (directories plus the file) in one output path. */
#define PM_OUTPUT_DEPTH_MAX 64

/* Longest component: what common filesystems allow (NAME_MAX). */
#define PM_OUTPUT_NAME_MAX 255

struct pm_output;

struct pm_output_opts {
	/* Replace an existing non-empty directory that has no .pmsite
	 * marker.  Never overrides the refusals of /, $HOME, the repository
	 * or a non-directory. */
	int force;
	/* The content repository's root, or NULL.  The site is never written
	 * over it, over one of its ancestors, or into its .git directory. */
	const char *repo_root;
	/* Link files whose bytes did not change from the site being
	 * replaced instead of writing them (see the contract). */
	int incremental;
	/* NULL, or up to 200 characters of [A-Za-z0-9._-] for the marker's
	 * `build` line; anything else is refused by pm_output_open(). */
	const char *stamp;
	/* NULL, or where to park the replaced site for the next build to
	 * recycle (see the contract); its parent must exist. */
	const char *spare;
	/* Threads pm_output_commit() may use to sweep a recycled tree;
	 * 0 means one. */
	int jobs;
};

#define PM_OUTPUT_OPTS_INIT { 0, NULL, 0, NULL, NULL, 0 }

/*
 * Validate out_dir and create the staging directory beside it.  out_dir
 * need not exist, but its parent must.  A symbolic link out_dir is
 * followed: the site replaces the directory it names and the link stays.
 * Refused with PM_EEXISTS: `/`, $HOME or an ancestor of it, opts->repo_root
 * or an ancestor of it or its .git directory, an existing non-directory,
 * and an existing non-empty directory without the .pmsite marker unless
 * opts->force.  Before creating the staging directory, leftovers of killed
 * builds beside out_dir are removed (see the contract above); when out_dir is
 * missing but a `.NAME.pmsite-old-*` directory exists, a build died in the
 * middle of the fallback swap and that directory is renamed back first.
 * opts may be NULL for the defaults.  On success *out is set; on failure it
 * is NULL and nothing on disk has changed except stale staging directories.
 */
int pm_output_open(struct pm_output **out, const char *out_dir,
    const struct pm_output_opts *opts, struct pm_error *err);

/*
 * Would pm_output_open() refuse out_dir?  The same checks (except the
 * removal of stale leftovers, which this does not do), and nothing on disk
 * is created or changed, so a caller can learn early whether a build may
 * write anything beside the site.  Returns 0 or the error open would give.
 */
int pm_output_check(const char *out_dir, const struct pm_output_opts *opts,
    struct pm_error *err);

/*
 * Write len bytes of data as the file relpath under the staging directory,
 * creating intermediate directories (mode 0755, file 0644, both subject to
 * the umask).  relpath must be relative, at most PM_OUTPUT_PATH_MAX bytes
 * and PM_OUTPUT_DEPTH_MAX components of at most PM_OUTPUT_NAME_MAX bytes,
 * made of [A-Za-z0-9._-] and '/', with
 * no empty, `.` or `..` component and no component starting with '.' except
 * a top-level `.nojekyll`; anything else is PM_ERROR and nothing is written.
 * A path already written (two pages claiming one URL) is PM_EEXISTS, and so
 * are a path that runs through a file written earlier and a file named
 * like a folder written earlier: paths are claimed before anything is
 * written, so which of two such calls fails does not depend on the
 * filesystem, only on their order.  A system error
 * (ENOSPC, EFBIG when the caller ignores SIGXFSZ under RLIMIT_FSIZE, ...) is
 * PM_ERROR naming the file.  After any error the output should be freed
 * without committing.  Thread-safe (see the contract).
 */
int pm_output_write(struct pm_output *o, const char *relpath,
    const void *data, size_t len, struct pm_error *err);

/*
 * A file written in pieces, for a page too large to hold whole (the
 * record export of a big site is tens of megabytes).
 * pm_output_stream_open() claims relpath as pm_output_write() does and
 * creates the file; pm_output_stream_put() appends to it;
 * pm_output_stream_close() finishes it and frees the stream, and must be
 * called once for every stream opened, after an error too.  With ok set
 * and incremental output, a finished file whose bytes equal the replaced
 * site's relpath gives way to a link to that file, as pm_output_write()
 * keeps files.  With ok clear (the caller gave up), close only releases
 * the stream: the output is to be freed without committing.  Errors are
 * those of pm_output_write(); open sets *s to NULL on failure.  One
 * stream belongs to one thread; streams of several threads may run at
 * once, beside pm_output_write() calls.
 */
struct pm_output_stream;

int pm_output_stream_open(struct pm_output_stream **s, struct pm_output *o,
    const char *relpath, struct pm_error *err);
int pm_output_stream_put(struct pm_output_stream *s, const void *data,
    size_t len, struct pm_error *err);
int pm_output_stream_close(struct pm_output_stream *s, int ok,
    struct pm_error *err);

/*
 * What a file's stat was: size, inode, modification and change times.  A
 * file that still shows all of them is the very file (a write, a rename
 * over it or a new link changes the change time at least).
 */
struct pm_output_stat {
	uint64_t size, ino;
	int64_t mtime_s, mtime_ns, ctime_s, ctime_ns;
};

struct stat;

/* The four of st into *out. */
void pm_output_stat_of(struct pm_output_stat *out, const struct stat *st);

/* Are a and b the same file (all four equal)? */
int pm_output_stat_equal(const struct pm_output_stat *a,
    const struct pm_output_stat *b);

/*
 * Keep the file relpath of the site being replaced without its bytes: for
 * a caller who knows from elsewhere that the page would come out the same
 * (the build cache's page keys), and that expect is the stat that file
 * had when it was written.  When the replaced site holds relpath as that
 * very file, relpath is claimed as by pm_output_write() and the file
 * hard-linked (or, when the link is refused, copied) into the staging
 * tree: returns 1.  When it does not (no incremental output, the file
 * edited, replaced or gone), returns 0 and claims nothing: the caller
 * writes the page.  Errors are those of pm_output_write().  Thread-safe.
 */
int pm_output_keep(struct pm_output *o, const char *relpath,
    const struct pm_output_stat *expect, struct pm_error *err);

/*
 * The file relpath of the site being replaced, opened for reading, when
 * it is still the file expect describes (as for pm_output_keep()): a
 * descriptor the caller closes, or -1 (no incremental output, the file
 * edited, replaced or gone).  For a writer that copies the parts of its
 * last version that did not change; the file is checked once, when
 * opened, as pm_output_keep() checks it.  Thread-safe.
 */
int pm_output_open_last(struct pm_output *o, const char *relpath,
    const struct pm_output_stat *expect);

/*
 * Copy the regular files under src_dir, recursively, to dest_rel in the
 * output (dest_rel NULL or "" means the top of the site), as with
 * pm_output_write() for each file.  Symbolic links, special files and
 * entries whose name starts with '.' (editor and OS litter such as
 * .DS_Store) are skipped, so a theme cannot publish what its folder merely
 * points at.  A name that is not a valid output path is an error.  Files
 * are copied in name order, so errors are reported deterministically.
 */
int pm_output_copy_dir(struct pm_output *o, const char *src_dir,
    const char *dest_rel, struct pm_error *err);

/*
 * Publish the staging directory as out_dir.  Writes the .pmsite marker,
 * makes the staging tree durable (Linux: one syncfs() of its filesystem,
 * cheaper than an fsync per file and covering every file and directory;
 * elsewhere an fsync of the staging directory only), gives it the mode a
 * new 0755 directory gets under the umask, then swaps: a plain rename when
 * out_dir is missing, else an atomic exchange (Linux renameat2
 * RENAME_EXCHANGE) or, where that is unsupported, two renames (out_dir to
 * `.NAME.pmsite-old-XXXXXX`, staging to out_dir, undone if the second
 * fails).  The parent directory is then fsynced so the swap itself is
 * durable, and the old tree is parked (opts->spare) or removed without
 * following symbolic links; a failure to remove it is not an error (the
 * next open removes the leftover).  A recycled staging tree is first
 * swept of everything no writer claimed.  The target is checked again as
 * in pm_output_open(), since it may have changed during the build.  When
 * commit fails before the swap the old site is untouched and the output
 * can only be freed.
 */
int pm_output_commit(struct pm_output *o, struct pm_error *err);

/* Remove the staging directory and everything in it; the old site is left
 * untouched.  Does nothing after a commit or a previous abort.  Accepts
 * NULL. */
void pm_output_abort(struct pm_output *o);

/* Abort unless committed, then release the output.  Accepts NULL. */
void pm_output_free(struct pm_output *o);

/* Files written through pm_output_write() (and copy_dir), not counting the
 * .pmsite marker, whether written or kept. */
size_t pm_output_files(const struct pm_output *o);

/* Of those, the files kept from the old site (hard-linked, unchanged); the
 * others were written. */
size_t pm_output_kept(const struct pm_output *o);

/* Bytes of those files, written or kept. */
uint64_t pm_output_bytes(const struct pm_output *o);

/* A file of pm_output_list(). */
struct pm_output_file {
	const char *path;	/* relative; lives as long as the output */
	/* Set when the output knows the file's stat without asking the
	 * system: a file kept in place (pm_output_keep()) is untouched, so
	 * it has the stat the caller expected, and a commit moves only its
	 * folder.  A listing of ten thousand kept pages saves as many
	 * stat calls. */
	int stat_known;
	struct pm_output_stat st;
};

/*
 * Every file written or kept so far, sorted bytewise by path, in a heap
 * array the caller frees with free(); *count is set to their number.  Not
 * to be called while writers run.
 */
struct pm_output_file *pm_output_list(const struct pm_output *o,
    size_t *count);

/*
 * Where pm_output_open() would put the site, without checking or
 * creating anything: the absolute path of out_dir once its parent (and
 * out_dir itself when it is a symbolic link) is resolved.  The parent
 * must exist.  On success *path_out is a heap string the caller frees.
 */
int pm_output_resolve(char **path_out, const char *out_dir,
    struct pm_error *err);

/*
 * The stamp of the site at site_dir (a resolved path, as from
 * pm_output_resolve()): a heap string the caller frees, or NULL when
 * there is no site, no marker, no stamp, or a marker other than exactly
 * what pm_output_commit() writes.
 */
char *pm_output_read_stamp(const char *site_dir);

/* The absolute path of out_dir after resolving its parent (and out_dir
 * itself when it is a symbolic link).  Lives as long as o. */
const char *pm_output_path(const struct pm_output *o);

/* For tests only: enable (the default) or disable the atomic exchange, so
 * the two-rename fallback can be exercised on systems that have it. */
void pm_output__set_exchange(struct pm_output *o, int enabled);

/* For tests only: enable (the default) or disable opening folder paths in
 * one openat2 call, so the walk of one level at a time that replaces it
 * where the system has no openat2 can be exercised where it has.  Call it
 * before any write. */
void pm_output__set_beneath(struct pm_output *o, int enabled);

#endif
