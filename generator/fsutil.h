/*
 * fsutil.h: directory trees handled through open directory descriptors,
 * never following a symbolic link: listing a directory, reading a tree,
 * writing a file with the directories above it, removing a tree, and the
 * two platform calls (atomic exchange, filesystem flush) a safe publish
 * needs.
 *
 * Contract
 *  - Every operation names its starting directory by a descriptor (dirfd)
 *    that stays the caller's: it is borrowed for the call and never closed.
 *    Below dirfd, each level is opened with openat(O_NOFOLLOW) relative to
 *    the one above and examined with fstatat(AT_SYMLINK_NOFOLLOW), so no
 *    symbolic link met inside the tree is followed and no entry can lead
 *    outside it: links are listed as names, skipped when reading, removed
 *    (as links) when removing, and refused when writing.  dirfd itself may
 *    have been opened through a link; that was the caller's choice.
 *  - `display` names dirfd in error messages (a path as the user gave it);
 *    messages name display/relative/path of the entry concerned.  display
 *    and every other string argument are borrowed for the call only.
 *  - Allocation: pm_fs_list() returns a heap array the caller frees with
 *    pm_fs_names_free().  Nothing else returns memory; the data handed to a
 *    pm_fs_read_tree() visitor is owned by the walk and lives until the
 *    visitor returns.
 *  - Errors: functions taking a struct pm_error return 0 or a negative
 *    PM_E* code and fill err (NULL err drops the message, keeping the code):
 *    PM_ELIMIT for a limit (tree depth, file size), PM_EEXISTS for a write
 *    that would replace something, PM_ERROR for system errors, which read
 *    `display/path: what: strerror text` with the text lowercased.
 *    pm_fs_exchange() and pm_fs_sync() stand in for system calls and
 *    answer like them: 0, or -1 with errno set.
 *  - Thread-safety: no shared state; calls on different descriptors run in
 *    parallel.  Listing reads through a duplicate of dirfd, which shares
 *    its file offset, so one descriptor must not be listed (nor read as a
 *    tree) by two threads at once; the *at() calls themselves are safe.
 */
#ifndef PM_FSUTIL_H
#define PM_FSUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* Deepest directory level pm_fs_read_tree() and pm_fs_remove() descend
 * to: each level holds one descriptor open, so the depth is bounded. */
#define PM_FS_DEPTH_MAX 256

/*
 * Record errnum as a system error against file (which may be NULL):
 * `what: text`, the strerror text starting lowercase.  Returns PM_ERROR.
 */
int pm_fs_error(struct pm_error *err, const char *file, const char *what,
    int errnum);

/*
 * List the directory open as dirfd: every entry except `.` and `..`,
 * symbolic links and dot-names included, sorted bytewise (strcmp), so
 * callers walk it in the same order everywhere.  The listing starts from
 * the beginning whatever dirfd's offset.  On success *out is a
 * NULL-terminated array of heap strings, freed with pm_fs_names_free().
 * On failure *out is NULL and the error names display ("read directory").
 */
int pm_fs_list(char ***out, int dirfd, const char *display,
    struct pm_error *err);

/* Free an array from pm_fs_list() and its strings.  Accepts NULL. */
void pm_fs_names_free(char **names);

/* Is name under dirfd a directory (a link to one does not count)? */
int pm_fs_is_dir(int dirfd, const char *name);

/*
 * Remove name under dirfd and, when it is a directory, everything in it,
 * depth first.  Symbolic links are removed, never followed.  Each
 * directory is listed before anything in it is removed, because unlinking
 * while readdir() runs may skip entries on some filesystems.  An entry
 * that has already gone (ENOENT) is not an error, so a missing name is a
 * success.  A directory deeper than PM_FS_DEPTH_MAX below name is
 * PM_ELIMIT; a system error is PM_ERROR.  The first failure stops the
 * removal and leaves the rest in place.
 */
int pm_fs_remove(int dirfd, const char *display, const char *name,
    struct pm_error *err);

/*
 * Create the regular file relpath under dirfd holding len bytes of data,
 * making the missing directories on the way (mode 0755, file 0644, both
 * subject to the umask).  relpath is relative and '/'-separated, without
 * empty, `.` or `..` components: the caller validates it.  The file is
 * created with O_EXCL, so nothing existing is overwritten.  PM_EEXISTS
 * when a directory on the way is something else (a file, a link) or when
 * relpath already exists; PM_ERROR for a system error (ENOSPC, EFBIG, an
 * error reported only by close() on NFS...).  A failed write may leave a
 * partial file and the directories made; the caller discards the tree.
 */
int pm_fs_write(int dirfd, const char *display, const char *relpath,
    const void *data, size_t len, struct pm_error *err);

/*
 * As pm_fs_write(), for a file written in pieces: create relpath (and
 * the directories on the way) with O_EXCL and set *fd_out to it, open
 * for writing; the caller writes (pm_fs_write_all()) and closes it.  On
 * failure *fd_out is -1; errors as pm_fs_write()'s.
 */
int pm_fs_create(int *fd_out, int dirfd, const char *display,
    const char *relpath, struct pm_error *err);

/* Write all len bytes to fd, retrying after EINTR and short writes: 0,
 * or -1 with errno set. */
int pm_fs_write_all(int fd, const void *data, size_t len);

enum pm_fs_kind {
	PM_FS_DIR,		/* a directory, about to be walked */
	PM_FS_FILE		/* a regular file, read whole */
};

/* What pm_fs_read_tree() hands its visitor; valid during the call only. */
struct pm_fs_entry {
	enum pm_fs_kind kind;
	const char *path;	/* display/rel, for messages */
	const char *rel;	/* relative to dirfd, '/'-separated */
	int depth;		/* components in rel: 1 directly under dirfd */
	const char *data;	/* PM_FS_FILE: the bytes, NUL-terminated */
	size_t len;		/* PM_FS_FILE: their number, without the NUL */
};

/*
 * Called for each entry of a walk.  Returns 0 to go on (into a directory's
 * contents, for PM_FS_DIR), or a negative PM_E* code, having filled err,
 * to stop the walk, which then returns that code.
 */
typedef int (*pm_fs_visit_fn)(const struct pm_fs_entry *entry,
    void *payload, struct pm_error *err);

/*
 * Walk the tree under dirfd in name order (pm_fs_list()), depth first,
 * calling visit for each directory (before its contents) and for each
 * regular file (with its contents).  Entries whose name starts with '.'
 * are skipped with everything under them, as are symbolic links and
 * special files (devices, sockets, FIFOs): the walk reads what the tree
 * holds, never what it points at.  A file larger than max_size bytes is
 * PM_ELIMIT (`larger than N MiB`, or bytes when max_size is not a whole
 * number of MiB), and so is a directory deeper than PM_FS_DEPTH_MAX; a
 * system error is PM_ERROR naming the entry.  Returns 0 when every entry
 * was visited.
 */
int pm_fs_read_tree(int dirfd, const char *display, uint64_t max_size,
    pm_fs_visit_fn visit, void *payload, struct pm_error *err);

/*
 * Swap the entries a and b of dirfd atomically (Linux renameat2 with
 * RENAME_EXCHANGE), so no reader ever finds either name missing.  Returns
 * 0, or -1 with errno: ENOSYS, EINVAL, ENOTSUP or EOPNOTSUPP where the
 * system or the filesystem cannot exchange (the caller then falls back to
 * renames), anything else for a real failure.
 */
int pm_fs_exchange(int dirfd, const char *a, const char *b);

/*
 * Open the directory path (relative, '/'-separated, without empty, `.`
 * or `..` components) under dirfd in one call, as a walk of one openat
 * with O_NOFOLLOW per level would, but without a descriptor per level:
 * Linux openat2 with RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS, so no
 * symbolic link is followed anywhere on the way and nothing outside
 * dirfd is reached.  Returns a descriptor the caller closes, or -1 with
 * errno: ENOENT, ENOTDIR or ELOOP when a level is missing, not a
 * directory or a link, as the walk would find; ENOSYS, EPERM (a seccomp
 * filter), EINVAL or another error where the system cannot resolve that
 * way, and the caller then walks the levels itself.
 */
int pm_fs_open_beneath(int dirfd, const char *path);

/*
 * Make everything written to the filesystem holding fd durable: Linux
 * syncfs(), one call covering every file and directory and cheaper than
 * an fsync per file; elsewhere an fsync() of fd only.  Returns 0, or -1
 * with errno.
 */
int pm_fs_sync(int fd);

#endif
