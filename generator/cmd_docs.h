/*
 * cmd_docs.h: the postmortems a command was asked about, for `pmsite
 * inspect` and `pmsite check`: files on disk, or every Markdown document
 * of a repository's content path, with the pmsite.yml and the taxonomy
 * that apply to them.
 *
 * Contract
 *  - pm_cmd_docs_files() and pm_cmd_docs_repo() fill a struct
 *    pm_cmd_docs that pm_cmd_docs_close() releases (it owns the source
 *    and the taxonomy).  Documents, their bytes and the configuration's
 *    strings live in the arena the caller passes, or in the source; both
 *    outlive the struct's use by the caller, who frees the arena after
 *    pm_cmd_docs_close().
 *  - Files on disk become documents whose path and name are the argument
 *    as given, with no git facts.  A file that cannot be read does not
 *    stop the others: its error is printed (`pmsite: FILE: open: ...`)
 *    and counted in `unreadable`.
 *  - Problems with the repository or pmsite.yml return PM_ERROR (or the
 *    source's PM_ENOTFOUND) with err filled; nothing is printed.
 *  - Warnings that are not about one postmortem (a skipped symbolic link,
 *    an unknown key of pmsite.yml) are collected in `warnings`.
 */
#ifndef PM_CMD_DOCS_H
#define PM_CMD_DOCS_H

#include <stddef.h>

#include "arena.h"
#include "classify.h"
#include "config.h"
#include "error.h"
#include "source.h"
#include "warnings.h"

/* The options of the commands that read postmortems. */
struct pm_cmd_docs_opts {
	const char *repo;	/* NULL: the repository of the current folder */
	const char *ref;	/* NULL: HEAD */
	const char *content;	/* NULL: "content" */
	const char *config;	/* a pmsite.yml for files on disk, or NULL */
	int worktree;
};

struct pm_cmd_docs {
	struct pm_source *src;	/* NULL for files on disk */
	struct pm_config cfg;
	const struct pm_taxonomy *tax;
	const struct pm_doc **docs;	/* in the arena */
	size_t len;
	size_t unreadable;	/* files whose error was printed */
	struct pm_warnings warnings;
};

/*
 * The files of argv (n of them), read from disk, in the order given, and
 * the pmsite.yml of opts->config when set (else the defaults).
 */
int pm_cmd_docs_files(struct pm_cmd_docs *out, struct pm_arena *arena,
    const struct pm_cmd_docs_opts *opts, char *const *argv, size_t n,
    struct pm_error *err);

/*
 * Every document of the content path of the repository at the ref (or of
 * its working tree), in byte order of path, and the content path's
 * pmsite.yml.
 */
int pm_cmd_docs_repo(struct pm_cmd_docs *out, struct pm_arena *arena,
    const struct pm_cmd_docs_opts *opts, struct pm_error *err);

/* Release the source and the taxonomy.  Accepts a zeroed struct. */
void pm_cmd_docs_close(struct pm_cmd_docs *d);

#endif
