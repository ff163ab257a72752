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

/* Fail the test with libgit2's message when rc < 0. */
void tu_git(int rc);

/* One entry to change in a commit made by tu_commit_changes(). */
struct tu_change {
	const char *path;
	const char *data;	/* content, link target or gitlink id */
	char kind;		/* f file, x executable, l link, m submodule,
				 * d delete */
};

#define TU_FILE(p, d) { (p), (d), 'f' }
#define TU_DELETE(p) { (p), NULL, 'd' }

/*
 * Commit the changes (at most 32) on top of parents[0] (an empty tree
 * when nparents is 0) with up to 4 parents, by author who
 * <who@example.com, spaces as dots> at when (offset in minutes east of
 * UTC), moving ref when it is not NULL.  Trees are built directly: no
 * work tree or index is touched, so bare repositories work too.
 */
void tu_commit_changes(git_repository *repo, git_oid *out, const char *ref,
    const git_oid *parents, size_t nparents, const char *who,
    git_time_t when, int offset, const struct tu_change *ch, size_t n);

/*
 * Run a shell command line; its standard output and error are captured
 * into *out and *err when not NULL.  Returns the exit status (128 + n for
 * a signal).
 */
int tu_run(const char *cmdline, char **out, char **err);

/* The pmsite binary under test: $PMSITE, else ./build/pmsite. */
const char *tu_pmsite(void);

#endif
