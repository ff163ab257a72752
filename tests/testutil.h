/*
 * testutil.h: what the tests share: temporary folders, real git
 * repositories made through libgit2, running the pmsite binary, reading
 * files.
 *
 * Contract: helpers abort the test (cmocka fail) on unexpected trouble, so
 * tests read as the steps they take.  Strings returned are heap strings
 * the caller frees.
 */
#ifndef PM_TESTUTIL_H
#define PM_TESTUTIL_H

#include <stddef.h>

#include <git2.h>

/* A new empty folder under $TMPDIR (heap string). */
char *tu_tempdir(void);

/* Remove a folder and everything in it; symbolic links are not followed. */
void tu_rm_rf(const char *path);

/* Write data to dir/rel, making folders. */
void tu_write(const char *dir, const char *rel, const char *data);

/* The bytes of a file, NUL-terminated, or NULL when it cannot be read. */
char *tu_read(const char *path, size_t *len);

/* Does path exist? */
int tu_exists(const char *path);

/* How many times needle stands in hay, not overlapping (needle not ""). */
size_t tu_count(const char *hay, const char *needle);

/* A new non-bare repository in dir. */
git_repository *tu_repo_init(const char *dir);

/*
 * Commit onto HEAD: files is a NULL-terminated list of path, content pairs
 * (content NULL removes the file), written in the work tree and staged.
 * The author (and committer) is name <name@example.com> at time when
 * (seconds since the epoch, UTC).  Returns the commit id (hex, static
 * storage of the caller: out must hold 41 bytes).
 */
void tu_commit(git_repository *repo, const char *name, long long when,
    const char *const *files, const char *message, char out[41]);

/*
 * Run a shell command line; its standard output and error are captured
 * into *out and *err when not NULL.  Returns the exit status (128 + n for
 * a signal).
 */
int tu_run(const char *cmdline, char **out, char **err);

/* The pmsite binary under test: $PMSITE, else ./build/pmsite. */
const char *tu_pmsite(void);

#endif
