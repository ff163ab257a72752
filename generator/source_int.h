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
#include "source.h"

struct pm_source {
	struct pm_arena *arena;
	git_repository *repo;	/* NULL for a plain folder */
	/* Held by pm_source_read_version(), the one reader that runs while
	 * other threads work: a git_repository is not to be used by two
	 * threads at once (DESIGN.md).  Allocated, so a const source can
	 * take it. */
	pthread_mutex_t *read_lock;
	const char *where;	/* the repository or folder, for messages */
	const char *workdir;	/* NULL for a bare repository */
	const char *content;	/* normalised, "" for the root */
	const char *ref;	/* as given, for messages */
	int worktree;
	int lazy;		/* leave documents unread (source.h) */
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

#endif
