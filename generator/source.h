/*
 * source.h: the postmortem Markdown files of a content path, read from a
 * git repository at a ref (or from the working tree), with the git facts
 * of each file.
 *
 * Contract
 *  - pm_source_open() allocates a struct pm_source that the caller frees
 *    with pm_source_free().  It owns the repository handle and one arena;
 *    every string, array and document returned by a getter lives in that
 *    arena and stays valid until pm_source_free().  Nothing returned is
 *    freed by the caller.
 *  - Committed mode (the default) reads the tree of the commit a ref names
 *    (any branch, tag, commit id or revision expression; default HEAD),
 *    never the files on disk, so a build is exactly what was pushed.  Bare
 *    repositories work.
 *  - Worktree mode reads the files on disk under the working directory
 *    (for previewing drafts).  Git facts still come from the history of
 *    the ref (default HEAD): a file that exists there gets its facts, an
 *    untracked one gets none, and an uncommitted edit does not move
 *    "updated".  A repository without commits gives no facts at all.  A
 *    bare repository is an error.  When the directory is not inside any
 *    repository, worktree mode reads it as a plain folder, with no git
 *    facts and an empty commit id.  Ignore rules are not applied: what is
 *    on disk is what is previewed.
 *  - Documents are every regular file whose name ends in ".md" under the
 *    content path, recursively, in byte order of their path.  Skipped with
 *    a warning `path: warning: skipping …` (the path escaped as \xNN where
 *    it is not printable UTF-8), which the caller prints: every symbolic
 *    link and submodule (in worktree mode, every folder holding a .git),
 *    since either may hide Markdown, and the Markdown files whose path is
 *    not valid UTF-8 or holds control characters.  Other files are
 *    ignored silently; pmsite.yml at the root of the content path is
 *    returned apart.
 *  - Git facts come from one walk over every commit reachable from the
 *    resolved commit, parents before children (topological order, commit
 *    time between unrelated commits).  A commit counts for a file when it
 *    gives the file content none of its parents had: an ordinary commit
 *    when the blob differs from its parent's (or the file is new), a merge
 *    only when the blob differs from every parent (a conflict resolution),
 *    so whoever merges a branch is not credited with its files.  Deleting
 *    a file is not writing it.  created is the author time of the first
 *    such commit, updated the author time of the last, authors the
 *    distinct author names (mapped through the .mailmap committed at the
 *    resolved commit) in order of first change, commit_id the last such
 *    commit, versions the blob each such commit wrote, oldest first.  Unlike
 *    `git log -- PATH`, a change that a later merge threw
 *    away still counts (its author did write a version of the file), and
 *    renames are not followed: a moved file starts a new history.
 *  - Not thread-safe; a finished source is only read, so its documents
 *    may be shared between threads once pm_source_load() has returned.
 *  - Errors are one line: `repository: DIR: could not find repository`,
 *    `unknown ref 'v9'` (PM_ENOTFOUND), `content/: no such path in HEAD`
 *    (PM_ENOTFOUND), `PATH: path too deep` (PM_ELIMIT); anything else is
 *    PM_ERROR.  libgit2's own message is appended where it says more.
 *  - The caller calls git_libgit2_init() before pm_source_open() and
 *    git_libgit2_shutdown() after pm_source_free().
 */
#ifndef PM_SOURCE_H
#define PM_SOURCE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "error.h"

/* A version of a file in the history: what one counted commit wrote. */
struct pm_doc_version {
	const char *when;	/* the commit's author time, ISO 8601 */
	long long time;		/* the same, in seconds since the epoch */
	char blob_id[41];	/* hex */
	uint64_t pack_key;	/* as pm_doc's */
};

/* One Markdown file.  Every pointer lives as long as its source. */
struct pm_doc {
	const char *path;	/* repository-relative: content/2024-x.md */
	const char *name;	/* relative to the content path: 2024-x.md */
	char blob_id[41];	/* hex; in worktree mode the id git would
				 * give the file if it were added now */
	const char *data;	/* the bytes, with a NUL after the last;
				 * NULL when loaded lazily */
	size_t len;
	const char *created;	/* ISO 8601 with offset, or NULL */
	const char *updated;	/* ISO 8601 with offset, or NULL */
	const char *const *authors;	/* nauthors names; NULL when none */
	size_t nauthors;
	char commit_id[41];	/* last commit that changed it, or "" */
	const struct pm_doc_version *versions;	/* oldest first; NULL */
	size_t nversions;			/* when there is no history */
	uint64_t pack_key;	/* where its blob lies in the pack files
				 * (packorder.h); UINT64_MAX: unknown */
};

/*
 * What the history walk knows at one commit: the versions of every
 * Markdown file the content path ever held in the history of that commit,
 * deleted ones included (a file deleted and added again keeps its first
 * date).  A later load that is given it (pm_source_resume()) walks only
 * the commits added since.  Plain data, so that the build cache can store
 * it (cache.h); the source does not trust it: see pm_source_resume().
 */
struct pm_history_version {
	long long time;			/* author time, seconds since 1970 */
	int offset;			/* its offset, minutes east of UTC */
	unsigned char blob[20];		/* what the commit wrote */
};

struct pm_history_file {
	const char *name;		/* relative to the content path */
	unsigned char last[20];		/* the last commit that wrote it */
	const size_t *authors;		/* indexes into pm_history.authors, */
	size_t nauthors;		/* in order of first change */
	const struct pm_history_version *versions;	/* oldest first, */
	size_t nversions;				/* at least one */
};

struct pm_history {
	unsigned char commit[20];	/* the commit it describes */
	unsigned char mailmap[20];	/* its .mailmap blob; zero: none */
	const char *content;		/* the content path, normalised */
	const char *const *authors;	/* names after the mailmap */
	size_t nauthors;
	const struct pm_history_file *files;	/* in byte order of name, */
	size_t nfiles;				/* no name twice */
};

struct pm_source_opts {
	const char *repo_dir;	/* NULL: discover from the current folder */
	const char *ref;	/* NULL: HEAD */
	const char *content_path;	/* relative to the repository root;
				 * NULL or "" for the root itself */
	int worktree;		/* read the files on disk, not the commit */
	int lazy;		/* committed mode: leave data NULL for
				 * pm_source_doc_bytes() to read */
	int threads;		/* the history walk compares commits on
				 * this many threads (0: 1); the facts are
				 * the same whatever the number */
};

struct pm_source;

/*
 * Set libgit2 up the way the source reads: git_libgit2_init() and the
 * process-wide options (why each, in source_open.c).  Call once, before
 * any thread exists, and git_libgit2_shutdown() at the end.
 */
void pm_source_init_libgit2(void);

/*
 * Open the repository (repo_dir, or the one holding the current directory,
 * searching parent directories as git does and honouring GIT_DIR and
 * GIT_CEILING_DIRECTORIES when repo_dir is NULL) and resolve the ref to a
 * commit.  Nothing is listed or read yet.  On success *out is a source the
 * caller frees with pm_source_free(); on failure *out is NULL and err says
 * why: no repository, an unknown ref (PM_ENOTFOUND), a ref that names no
 * commit, a repository without commits, a bare repository in worktree
 * mode, a content path that leaves the repository.  opts is only read
 * during the call.
 */
int pm_source_open(struct pm_source **out, const struct pm_source_opts *opts,
    struct pm_error *err);

/*
 * List the documents, read their bytes and pmsite.yml, and compute the git
 * facts.  PM_ENOTFOUND when the content path does not exist (in the commit,
 * or on disk in worktree mode); PM_ERROR when it is not a directory or a
 * read fails; PM_ELIMIT when directories nest deeper than 64.  A second
 * call does nothing and returns 0.  After a failure the source holds no
 * documents.
 */
int pm_source_load(struct pm_source *src, struct pm_error *err);

/*
 * Before pm_source_load(): the history state an earlier load returned
 * (pm_source_history()), borrowed until pm_source_load() returns.  The
 * load then walks only the commits since prior->commit, when they are a
 * line of ordinary commits (one parent each) leading from it to the
 * resolved commit, for the same content path and the same .mailmap;
 * otherwise it walks the whole history, as without it.  Either way the
 * facts are the ones a whole walk gives (tests/check_history.c holds the
 * two walks to that).  A prior whose author indexes are out of range,
 * whose files are out of order or without versions, is not used.
 */
void pm_source_resume(struct pm_source *src, const struct pm_history *prior);

/*
 * After pm_source_load(): the history state at the resolved commit, for a
 * later load's pm_source_resume(); NULL when there is no commit or no
 * document.  Lives as long as src.
 */
const struct pm_history *pm_source_history(const struct pm_source *src);

/*
 * After pm_source_load(): how many commits the history walk compared, and
 * whether it resumed from a prior state (1) or walked everything (0).
 */
size_t pm_source_walked(const struct pm_source *src, int *resumed);

/* Documents loaded, 0 before pm_source_load(). */
size_t pm_source_count(const struct pm_source *src);

/* Document i (i < pm_source_count()), in byte order of path. */
const struct pm_doc *pm_source_doc(const struct pm_source *src, size_t i);

/*
 * The bytes of doc (NUL-terminated) in *data and *len: doc->data when the
 * load read them, else its blob, read now into arena.  PM_ERROR with
 * libgit2's message when the blob cannot be read.  Thread-safe, as
 * pm_source_read_version() is (arena must be the calling thread's): a
 * lazy source's documents are read by the threads that ingest them.
 */
int pm_source_doc_bytes(const struct pm_source *src, const struct pm_doc *doc,
    struct pm_arena *arena, const char **data, size_t *len,
    struct pm_error *err);

/*
 * The bytes of pmsite.yml at the root of the content path (NUL-terminated)
 * and their length in *len (len may be NULL), or NULL when there is none.
 */
const char *pm_source_config(const struct pm_source *src, size_t *len);

/*
 * The working directory, absolute and without a trailing slash; the folder
 * itself for a plain folder; NULL for a bare repository.
 */
const char *pm_source_workdir(const struct pm_source *src);

/*
 * The resolved commit id in hex, which the facts come from; "" in a plain
 * folder and in a repository without commits (worktree mode).
 */
const char *pm_source_commit(const struct pm_source *src);

/*
 * The author time of the resolved commit, ISO 8601 with its offset: the
 * "now" of a site built from it, so that ages on its pages depend on the
 * commit only.  NULL when there is no commit.
 */
const char *pm_source_commit_time(const struct pm_source *src);

/*
 * Fill order[0 .. n-1] with 0 .. n-1 sorted by keys[] (pm_doc.pack_key),
 * equal keys in index order: reading blobs in this order is several times
 * faster (packorder.h).  keys and order may not overlap.
 */
void pm_source_read_order(const uint64_t *keys, size_t n, size_t *order);

/*
 * Read version i (i < doc->nversions) of a document of this source into
 * out, replacing what out held; NUL-terminated.  PM_ERROR with libgit2's
 * message when the blob cannot be read, "version N: " before it.
 * Thread-safe, with pm_source_doc_bytes() the only functions of a source
 * that may run on several threads at once; each thread reads through a
 * repository handle of its own (source_int.h).
 */
int pm_source_read_version(const struct pm_source *src,
    const struct pm_doc *doc, size_t i, struct pm_buf *out,
    struct pm_error *err);

/*
 * The content path as normalised ("content" for "./content/", "" for the
 * root).
 */
const char *pm_source_content_path(const struct pm_source *src);

/* Warnings collected by pm_source_load(), one line each, in order. */
size_t pm_source_warning_count(const struct pm_source *src);
const char *pm_source_warning(const struct pm_source *src, size_t i);

/* Whether a file name (its last component) names a document: "*.md". */
int pm_source_is_markdown(const char *name);

/*
 * Close the repository once every document and version has been read
 * (after the ingest): an open repository keeps its pack files mapped, and
 * those count in the process's memory, as much as the packs' size, for
 * the rest of the build.  Everything else the source returned stays
 * valid; pm_source_doc_bytes() and pm_source_read_version() fail from
 * then on.  Not thread-safe: no reader may be running.
 */
void pm_source_release(struct pm_source *src);

/* Free the source and everything it returned.  Accepts NULL. */
void pm_source_free(struct pm_source *src);

#endif
