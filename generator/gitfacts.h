/*
 * gitfacts.h: created, updated, authors and last commit of many files from
 * one walk of a repository's history; the engine behind source.h.
 *
 * Contract
 *  - pm_gitfacts_fill() walks every commit reachable from one commit once,
 *    parents before children, and compares each commit's content tree with
 *    its parents' by object id, descending only into subtrees that differ
 *    and that hold a file of interest.  The rules (which commits count,
 *    merges, author time, mailmap, renames) are the ones source.h states.
 *  - It writes the created, updated, authors, nauthors and commit_id
 *    fields of the documents it is given, looking them up by name (the path
 *    relative to the content path).  A document the history never touches
 *    keeps NULL, 0 and "".  Strings and arrays go to the arena passed in.
 *  - It borrows repo for the call only and keeps no state.  Errors are
 *    PM_ERROR with libgit2's message, and the documents are then left as
 *    they were.
 */
#ifndef PM_GITFACTS_H
#define PM_GITFACTS_H

#include <stddef.h>

#include <git2.h>

#include "arena.h"
#include "error.h"
#include "source.h"

/*
 * Fill the git facts of docs[0..ndocs) from the history of commit, for
 * files under content_path ("" for the root; normalised, no slashes at
 * either end).  The names of docs must be distinct.
 */
int pm_gitfacts_fill(struct pm_doc *docs, size_t ndocs, git_repository *repo,
    const git_oid *commit, const char *content_path, struct pm_arena *arena,
    struct pm_error *err);

/*
 * Format a git time as ISO 8601 with its offset, e.g.
 * 2024-03-05T10:00:00+01:00, into the arena.  offset is in minutes east
 * of UTC, as git stores it.
 */
const char *pm_gitfacts__iso8601(struct pm_arena *arena, git_time_t when,
    int offset);

#endif
