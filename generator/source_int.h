/*
 * source_int.h: the source's state, shared by source.c (listing and
 * reading) and source_open.c (finding the repository, resolving the ref).
 * Not part of the API: callers use source.h.
 */
#ifndef PM_SOURCE_INT_H
#define PM_SOURCE_INT_H

#include <git2.h>
#include <pthread.h>

#include "arena.h"
#include "packorder.h"
#include "source.h"

/*
 * A handle for reading blobs on one thread at a time.  libgit2's git_odb
 * is thread-safe because it takes a lock for the whole of each read, the
 * inflating included, so threads that share one take turns: at 10,000
 * postmortems on two cores, the ingest waited there for a fifth of its
 * time.  Each reader has a repository and object database of its own.
 */
#define PM_SOURCE_READERS	16

struct pm_source_reader {
	pthread_mutex_t lock;
	git_repository *repo;	/* opened at the first read; 0: src->repo */
	git_odb *odb;		/* NULL until then */
};

struct pm_source {
	struct pm_arena *arena;
	git_repository *repo;	/* NULL for a plain folder */
	const char *open_dir;	/* as given; NULL: found from the environment */
	/* PM_SOURCE_READERS of them, allocated so that a const source can
	 * take one (source_read.c). */
	struct pm_source_reader *readers;
	const char *where;	/* the repository or folder, for messages */
	const char *workdir;	/* NULL for a bare repository */
	const char *content;	/* normalised, "" for the root */
	const char *ref;	/* as given, for messages */
	int worktree;
	int lazy;		/* leave documents unread (source.h) */
	int threads;		/* for the history walk, at least 1 */
	int loaded;
	int has_commit;
	git_oid commit;
	char commit_hex[41];
	const char *commit_time;	/* ISO 8601, NULL without a commit */
	git_oid config_id;	/* committed mode: pmsite.yml, zero if none */
	const char *config;
	size_t config_len;
	struct pm_doc *docs;
	size_t ndocs, docs_cap;
	const struct pm_history *prior;	/* borrowed until the load */
	const struct pm_history *history;	/* after the load */
	size_t walked;		/* commits the walk compared */
	int resumed;		/* it started from prior */
	const char **warnings;
	size_t nwarnings, warnings_cap;
};

/* libgit2's last message, or a stand-in when it has none. */
static inline const char *
git_message(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "libgit2 error";
}

/*
 * The blob id into arena, NUL-terminated, read by a free reader.  PM_ERROR
 * naming path with libgit2's message when it cannot be read or is not a
 * blob.  Thread-safe.
 */
int pm_source__copy_blob(const struct pm_source *src, const git_oid *id,
    const char *path, struct pm_arena *arena, const char **data,
    size_t *len, struct pm_error *err);

/* Allocate the readers (none opened yet); close what they opened (they
 * open again if asked); free them all. */
void pm_source__readers_init(struct pm_source *src);
void pm_source__readers_close(struct pm_source *src);
void pm_source__readers_free(struct pm_source *src);

/* Where the blobs lie: NULL unless in committed mode with a repository
 * (free with pm_packorder_free()).  Set the pack_key of every document
 * and of the versions it has so far (UINT64_MAX when po is NULL). */
struct pm_packorder *pm_source__pack_order(const struct pm_source *src);
void pm_source__pack_keys(struct pm_source *src,
    const struct pm_packorder *po);

/*
 * Up to want more handles on the repository of the source ctx, for the
 * threads of the history walk (gitfacts.h), into out: those of readers 1
 * to want, opened now when they are not yet, and left open for the blobs
 * the build reads next.  During the load no other thread reads, so the
 * readers are not locked.  A handle that fails to open is left out
 * (fewer threads, not an error): returns how many there are.
 */
size_t pm_source__walk_handles(void *ctx, git_repository **out, size_t want);

/* Open the repository again, as pm_source_open() found it. */
int pm_source__reopen(const struct pm_source *src, git_repository **out);

#endif
