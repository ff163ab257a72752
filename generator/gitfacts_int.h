/*
 * gitfacts_int.h: the state of one history walk, shared by gitfacts.c
 * (comparing trees, crediting commits) and gitfacts_history.c (starting
 * from an earlier walk's state, and saving this one's).  Not part of the
 * API: callers use gitfacts.h.
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
 * Trees kept loaded between commits.  libgit2 caches only trees under 4 KiB,
 * and a content folder of a few hundred postmortems is larger, so without
 * this every commit would inflate its parent's tree a second time.
 */
#define GF_TREE_CACHE	16

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

struct gf_cached_tree {
	git_tree *tree;		/* NULL when free */
	unsigned long used;
};

struct gf_walk {
	git_repository *repo;
	const char *content;
	struct pm_arena *arena;	/* the caller's: names, results */
	struct pm_error *err;
	struct pm_strmap files;	/* file name -> index into facts */
	struct gf_fact *facts;
	size_t nfacts, facts_cap;
	size_t *changed;	/* facts the current commit marked; */
	size_t nchanged;	/* room for facts_cap */
	struct gf_memo *memo;
	size_t memo_mask, memo_count;
	struct gf_cached_tree cache[GF_TREE_CACHE];
	unsigned long clock;
	git_mailmap *mailmap;
	git_oid mailmap_id;	/* zero when there is none */
	struct pm_strmap names;	/* author name -> id */
	const char **name_list;
	size_t nnames, names_cap;
	size_t seq;		/* number of the current commit */
	size_t walked;		/* commits compared */
	struct pm_buf path;	/* directory being compared */
};

/* PM_ERROR "history: what: libgit2's message"; returns -1. */
int pm_gitfacts__fail(struct gf_walk *w, const char *what);

/* The index of the fact of file name, made empty when new. */
size_t pm_gitfacts__fact(struct gf_walk *w, const char *name, size_t len);

/* The id of an author name, interned in the arena. */
size_t pm_gitfacts__intern(struct gf_walk *w, const char *name);

/* Compare commit id with its parents and credit what it changed. */
int pm_gitfacts__visit(struct gf_walk *w, const git_oid *id);

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
