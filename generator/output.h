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
 *    replaced unless opts->force is set.
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
	/* Reserved for builds that keep unchanged files; ignored for now. */
	int incremental;
};

#define PM_OUTPUT_OPTS_INIT { 0, NULL, 0 }

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
 * Write len bytes of data as the file relpath under the staging directory,
 * creating intermediate directories (mode 0755, file 0644, both subject to
 * the umask).  relpath must be relative, at most PM_OUTPUT_PATH_MAX bytes
 * and PM_OUTPUT_DEPTH_MAX components of at most PM_OUTPUT_NAME_MAX bytes,
 * made of [A-Za-z0-9._-] and '/', with
 * no empty, `.` or `..` component and no component starting with '.' except
 * a top-level `.nojekyll`; anything else is PM_ERROR and nothing is written.
 * A path already written (two pages claiming one URL) is PM_EEXISTS, and so
 * is a path that runs through a file written earlier.  A system error
 * (ENOSPC, EFBIG when the caller ignores SIGXFSZ under RLIMIT_FSIZE, ...) is
 * PM_ERROR naming the file.  After any error the output should be freed
 * without committing.  Thread-safe (see the contract).
 */
int pm_output_write(struct pm_output *o, const char *relpath,
    const void *data, size_t len, struct pm_error *err);

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
 * durable, and the old tree is removed without following symbolic links;
 * a failure to remove it is not an error (the next open removes the
 * leftover).  The target is checked again as in pm_output_open(), since it
 * may have changed during the build.  When commit fails before the swap the
 * old site is untouched and the output can only be freed.
 */
int pm_output_commit(struct pm_output *o, struct pm_error *err);

/* Remove the staging directory and everything in it; the old site is left
 * untouched.  Does nothing after a commit or a previous abort.  Accepts
 * NULL. */
void pm_output_abort(struct pm_output *o);

/* Abort unless committed, then release the output.  Accepts NULL. */
void pm_output_free(struct pm_output *o);

/* Files written through pm_output_write() (and copy_dir), not counting the
 * .pmsite marker. */
size_t pm_output_files(const struct pm_output *o);

/* Bytes written through pm_output_write() (and copy_dir). */
uint64_t pm_output_bytes(const struct pm_output *o);

/* The absolute path of out_dir after resolving its parent (and out_dir
 * itself when it is a symbolic link).  Lives as long as o. */
const char *pm_output_path(const struct pm_output *o);

/* For tests only: enable (the default) or disable the atomic exchange, so
 * the two-rename fallback can be exercised on systems that have it. */
void pm_output__set_exchange(struct pm_output *o, int enabled);

#endif
