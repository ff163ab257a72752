/*
 * gitfacts.h: created, updated, authors and last commit of many files from
 * one walk of a repository's history; the engine behind source.h.
 *
 * Contract
 *  - pm_gitfacts_fill() walks every commit reachable from one commit once
 *    (or only those since run->prior), parents before children, and
 *    compares each commit's content tree with its parents' by object id,
 *    descending only into subtrees that differ.  The rules (which commits count,
 *    merges, author time, mailmap, renames) are the ones source.h states.
 *  - It writes the created, updated, authors, nauthors, commit_id and
 *    versions fields of the documents it is given, looking them up by
 *    name (the path relative to the content path).  A document the
 *    history never touches keeps NULL, 0 and "".  Strings and arrays go
 *    to the arena passed in.
 *  - It tracks every Markdown file the content path ever held, not only
 *    the documents, so that its state at the commit (run->history) lets a
 *    later call start from there (run->prior) and still give what a whole
 *    walk gives: source.h pm_source_resume() states when a prior is used.
 *    The walk does not descend more than 64 folders under the content
 *    path, as the listing refuses deeper ones.
 *  - It compares commits on one thread per handle (repo and those
 *    run->more gives) and credits them in the walk's order on the
 *    calling thread, so the facts do not depend on the number of
 *    threads.
 *  - It borrows repo, run->prior and run->more for the call only and
 *    keeps no state.
 *    Errors are PM_ERROR with libgit2's message, and the documents are
 *    then left as they were.
 */
#ifndef PM_GITFACTS_H
#define PM_GITFACTS_H

#include <stddef.h>

#include <git2.h>

#include "arena.h"
#include "error.h"
#include "source.h"

/* Where a walk starts, and what it did. */
struct pm_gitfacts_run {
	const struct pm_history *prior;	/* in: an earlier state, or NULL */
	const struct pm_history *history; /* out: the state at commit, in
					   * the arena; NULL on error */
	size_t walked;			/* out: commits compared */
	int resumed;			/* out: 1 when prior was used */
	/* in: up to nmore threads besides the caller's compare commits,
	 * each through a handle on the same repository that more() puts
	 * into out (at most want of them; it returns how many), asked only
	 * when there are commits enough to share.  Borrowed for the call;
	 * more NULL or nmore 0: the caller's thread alone. */
	size_t (*more)(void *ctx, git_repository **out, size_t want);
	void *more_ctx;
	size_t nmore;
};

/*
 * Fill the git facts of docs[0..ndocs) from the history of commit, for
 * files under content_path ("" for the root; normalised, no slashes at
 * either end).  The names of docs must be distinct.  run is in and out
 * as its fields say.
 */
int pm_gitfacts_fill(struct pm_doc *docs, size_t ndocs, git_repository *repo,
    const git_oid *commit, const char *content_path,
    struct pm_gitfacts_run *run, struct pm_arena *arena,
    struct pm_error *err);

/*
 * Format a git time as ISO 8601 with its offset, e.g.
 * 2024-03-05T10:00:00+01:00, into the arena.  offset is in minutes east
 * of UTC, as git stores it.
 */
const char *pm_gitfacts__iso8601(struct pm_arena *arena, git_time_t when,
    int offset);

#endif
