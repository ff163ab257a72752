/*
 * gitfacts_int.h: the state of one history walk, shared by gitfacts.c
 * (crediting commits, in order), gitfacts_read.c (comparing trees, on
 * the readers' threads) and gitfacts_history.c (starting from an earlier
 * walk's state, and saving this one's).  Not part of the API: callers
 * use gitfacts.h.
 */
#ifndef PM_GITFACTS_INT_H
#define PM_GITFACTS_INT_H

#include <stddef.h>

#include <git2.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "source.h"
#include "strmap.h"

/*
 * Commits a reader takes at once, to read each commit and its content
 * folder's id (the folders themselves are compared later, folder by
 * folder: gitfacts_visit.c).  Small, because the readers' handles share
 * libgit2's cache of delta bases for each pack: two threads reading
 * far-apart stretches of the history evict each other's bases.
 */
#define GF_BLOCK	16

/* What the walk remembers of each commit it has seen. */
struct gf_memo {
	git_oid commit;
	git_oid root;		/* the commit's tree */
	git_oid content;	/* the content tree, zero when absent */
	int used;
};

/* One version of a file: the content a counted commit gave it. */
struct gf_version {
	git_time when;
	git_oid blob;
};

/* The facts of one Markdown file while the walk runs. */
struct gf_fact {
	const char *name;	/* relative to the content path, in arena */
	size_t len;
	git_oid last;		/* the last commit counted for it */
	size_t *authors;	/* ids into walk.name_list */
	size_t nauthors, cap;
	struct gf_version *versions;	/* oldest first */
	size_t nversions, vcap;
	git_oid blob;		/* its blob in the commit being visited */
	size_t seq;		/* the commit that last marked it */
	unsigned int hits;	/* parents it differs from, in that commit */
};


/* A Markdown file a commit wrote, as a reader found it. */
struct gf_change {
	size_t name;		/* offset of its name in the reader's text */
	size_t len;
	git_oid blob;
	size_t commit;		/* its index in the walk */
	unsigned int parent;	/* the parent it differs from */
};

/* A change gathered from its reader, for crediting. */
struct gf_mark {
	const char *name;
	size_t len;
	const git_oid *blob;
	size_t commit;
	unsigned int parent;
};

/*
 * A folder to compare: its tree in commit number commit of the walk, and
 * in that commit's parent number parent (old zero: none).  Reading a
 * commit makes the task of the content folder; comparing a folder makes
 * those of its subfolders that changed.
 */
struct gf_task {
	size_t at, len;		/* its path in the maker's task_text */
	const char *path;	/* the same, once gathered (see visit) */
	size_t commit;
	unsigned int parent;
	git_oid tree, old;
};

/*
 * What a reader found in one commit, for the walk to credit in its turn.
 * by is NULL when there is nothing to credit: no content tree, or one
 * equal to a parent's.
 */
struct gf_found {
	const struct gf_reader *by;
	unsigned int parents;
	git_time when;
	size_t author, email;	/* offsets in by->text */
};

/*
 * Reading trees, on one thread: the repository handle it reads through
 * and what it keeps between commits.  Readers share nothing, so a walk
 * can read commits on several threads and credit them in order after.
 */
struct gf_reader {
	git_repository *repo;	/* borrowed */
	const char *content;
	struct gf_memo *memo;
	size_t memo_mask, memo_count;
	git_odb *odb;		/* repo's, taken at the first folder */
	git_odb_object *last;	/* the raw tree of the last folder compared */
	struct pm_buf path;	/* directory being compared */
	struct pm_buf text;	/* file and author names, NUL-terminated */
	struct gf_change *changes;
	size_t nchanges, changes_cap;
	struct gf_task *tasks;	/* folders to compare next */
	size_t ntasks, tasks_cap;
	struct pm_buf task_text;	/* their paths */
	struct pm_error err;
};

struct gf_walk {
	git_repository *repo;
	const char *content;
	struct pm_arena *arena;	/* the caller's: names, results */
	struct pm_error *err;
	/* more handles, for more threads: gitfacts.h pm_gitfacts_run */
	size_t (*more)(void *ctx, git_repository **out, size_t want);
	void *more_ctx;
	size_t nmore;
	struct pm_strmap files;	/* file name -> index into facts */
	struct gf_fact *facts;
	size_t nfacts, facts_cap;
	size_t *changed;	/* facts the current commit marked; */
	size_t nchanged;	/* room for facts_cap */
	git_mailmap *mailmap;
	git_oid mailmap_id;	/* zero when there is none */
	struct pm_strmap names;	/* author name -> id */
	const char **name_list;
	size_t nnames, names_cap;
	size_t seq;		/* number of the current commit */
	size_t walked;		/* commits compared */
};

/* One entry of a raw tree object, pointing into the object's bytes. */
struct gf_entry {
	const char *name;	/* not NUL-terminated within len */
	size_t len;
	unsigned int mode;	/* as written: 100644, 40000, ... */
	const unsigned char *id;	/* GIT_OID_RAWSZ bytes */
};

/*
 * The entry of the raw tree buf[0..size) at *pos, and *pos moved past
 * it: 0, or -1 when the bytes there are not an entry (hostile or broken
 * repository).  gitfacts_tree.c.
 */
int pm_gitfacts__entry(struct gf_entry *e, const unsigned char *buf,
    size_t size, size_t *pos);
int pm_gitfacts__is_tree(const struct gf_entry *e);
int pm_gitfacts__is_blob(const struct gf_entry *e);

/*
 * Call changed for each entry of the raw tree a whose id differs from
 * the entry of the same name in the raw tree b (old: that entry), or
 * that b lacks (old: NULL), in a's order.  Entries only b has are passed
 * over.  b may be empty (bn 0).  0, or -1 on a malformed entry, which
 * may come after some calls.  gitfacts_tree.c.
 */
int pm_gitfacts__tree_diff(const unsigned char *a, size_t an,
    const unsigned char *b, size_t bn,
    void (*changed)(void *ctx, const struct gf_entry *e,
    const struct gf_entry *old), void *ctx);

/* PM_ERROR "history: what: libgit2's message" into err; returns -1. */
int pm_gitfacts__fail(struct pm_error *err, const char *what);

/* A reader of repo for files under content ("" for the root). */
void pm_gitfacts__reader_init(struct gf_reader *r, git_repository *repo,
    const char *content);
void pm_gitfacts__reader_free(struct gf_reader *r);

/*
 * Read commit id, number i of the walk, into *found (names kept in r),
 * and add to r->tasks the comparisons of its content folder with its
 * parents'.  -1 with r->err set on a libgit2 error.
 */
int pm_gitfacts__read(struct gf_reader *r, size_t i, const git_oid *id,
    struct gf_found *found);

/*
 * Compare the folder of task t, depth folders below the content folder:
 * the Markdown files that differ go to r->changes, the subfolders that
 * differ to r->tasks.  Tasks of one folder must come in the walk's
 * order, on one reader, for each version of it to be read once.  -1 with
 * r->err set on a libgit2 error.
 */
int pm_gitfacts__compare(struct gf_reader *r, const struct gf_task *t,
    int depth);

/* Credit commit id with what found says of it and its changes. */
void pm_gitfacts__credit(struct gf_walk *w, const git_oid *id,
    const struct gf_found *found, const struct gf_mark *marks, size_t n);

/* The index of the fact of file name, made empty when new. */
size_t pm_gitfacts__fact(struct gf_walk *w, const char *name, size_t len);

/* The id of an author name, interned in the arena. */
size_t pm_gitfacts__intern(struct gf_walk *w, const char *name);

/*
 * Compare the commits ids[0..n), each after its parents, and credit what
 * each changed, in that order.  The comparing runs on 1 + w->nmore
 * threads; the crediting on the caller's.
 */
int pm_gitfacts__visit(struct gf_walk *w, const git_oid *ids, size_t n);

/*
 * Set the walk's facts to prior's and compare the commits from there to
 * head, when prior applies (see pm_source_resume()): *resumed is then 1.
 * Otherwise nothing changes and *resumed is 0.  -1 on a libgit2 error.
 */
int pm_gitfacts__resume(struct gf_walk *w, const struct pm_history *prior,
    const git_oid *head, int *resumed);

/* The walk's facts as a history state at head, in the arena. */
const struct pm_history *pm_gitfacts__history(struct gf_walk *w,
    const git_oid *head);

#endif
