/*
 * gitfacts_history.c: the walk's state as plain data (struct pm_history),
 * and a walk that starts from an earlier state instead of the first
 * commit.
 *
 * Why only a line of ordinary commits: the facts depend on the order in
 * which the walk credits commits (the first makes a file, authors in
 * order of first change).  A whole walk visits parents before children,
 * so commits that reach the earlier commit C by one parent each come
 * after C and all its ancestors, in the line's order, whatever C's
 * ancestors are: starting from C's facts and crediting the line gives
 * what the whole walk gives.  A merge can bring in commits that are not
 * C's descendants, and a whole walk may put those before some of C's
 * ancestors; rather than work out where, a merge means a whole walk.
 * The common case, a push of a few commits on main, is a line.
 */
#include "gitfacts_int.h"

#include <stdlib.h>
#include <string.h>

_Static_assert(sizeof(((git_oid *)0)->id) == 20,
    "struct pm_history stores SHA-1 ids");

/* Does prior hold what a walk could have made?  (It came off a disk.) */
static int
prior_sound(const struct pm_history *h)
{
	struct pm_strmap seen;
	int ok = h->content != NULL && (h->nauthors == 0 || h->authors) &&
	    (h->nfiles == 0 || h->files);

	pm_strmap_init(&seen, h->nauthors);
	for (size_t i = 0; ok && i < h->nauthors; i++) {
		const char *a = h->authors[i];

		/* Distinct, or interning them again would renumber them. */
		ok = a != NULL && pm_strmap_get(&seen, a, strlen(a)) ==
		    SIZE_MAX;
		if (ok)
			pm_strmap_put(&seen, a, strlen(a), i);
	}
	pm_strmap_free(&seen);
	for (size_t i = 0; ok && i < h->nfiles; i++) {
		const struct pm_history_file *f = &h->files[i];

		ok = f->name != NULL && f->nversions > 0 && f->versions &&
		    (f->nauthors == 0 || f->authors) &&
		    (i == 0 || strcmp(h->files[i - 1].name, f->name) < 0);
		for (size_t a = 0; ok && a < f->nauthors; a++)
			ok = f->authors[a] < h->nauthors;
	}
	return ok;
}

/*
 * The commits after base up to head, oldest first, into *chain (freed by
 * the caller) when each has exactly one parent and the first-parent line
 * from head reaches base: returns 1.  0 when it does not (a merge, a
 * root, base not an ancestor, a commit that cannot be read).
 */
static int
line_since(git_oid **chain, size_t *n, struct gf_walk *w,
    const git_oid *base, const git_oid *head)
{
	git_commit *commit = NULL;
	size_t cap = 0;
	git_oid id;
	int rc = 1;

	*chain = NULL;
	*n = 0;
	git_oid_cpy(&id, head);
	while (!git_oid_equal(&id, base)) {
		/* A commit that cannot be read (a shallow clone's missing
		 * parent) is for the whole walk to report, if it must. */
		if (git_commit_lookup(&commit, w->repo, &id) < 0) {
			git_error_clear();
			rc = 0;
			break;
		}
		if (git_commit_parentcount(commit) != 1) {
			rc = 0;
			break;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*chain = pm_xrealloc(*chain, pm_xmul(cap,
			    sizeof(**chain)));
		}
		git_oid_cpy(&(*chain)[(*n)++], &id);
		git_oid_cpy(&id, git_commit_parent_id(commit, 0));
		git_commit_free(commit);
		commit = NULL;
	}
	git_commit_free(commit);
	for (size_t i = 0; rc == 1 && i < *n / 2; i++) {
		git_oid t = (*chain)[i];

		(*chain)[i] = (*chain)[*n - 1 - i];
		(*chain)[*n - 1 - i] = t;
	}
	return rc;
}

/* The walk's facts become prior's; the walk is fresh. */
static void
load(struct gf_walk *w, const struct pm_history *prior)
{
	for (size_t i = 0; i < prior->nauthors; i++)
		(void)pm_gitfacts__intern(w, prior->authors[i]);
	for (size_t i = 0; i < prior->nfiles; i++) {
		const struct pm_history_file *pf = &prior->files[i];
		/* Apart: the call may move w->facts. */
		size_t d = pm_gitfacts__fact(w, pf->name, strlen(pf->name));
		struct gf_fact *f = &w->facts[d];

		git_oid_fromraw(&f->last, pf->last);
		f->nversions = f->vcap = pf->nversions;
		f->versions = pm_xcalloc(pf->nversions, sizeof(*f->versions));
		for (size_t v = 0; v < pf->nversions; v++) {
			const struct pm_history_version *pv =
			    &pf->versions[v];

			f->versions[v].when.time = (git_time_t)pv->time;
			f->versions[v].when.offset = pv->offset;
			f->versions[v].when.sign = pv->offset < 0 ? '-' : '+';
			git_oid_fromraw(&f->versions[v].blob, pv->blob);
		}
		f->nauthors = f->cap = pf->nauthors;
		f->authors = pm_xcalloc(pf->nauthors + 1, sizeof(*f->authors));
		if (pf->nauthors)
			memcpy(f->authors, pf->authors,
			    pf->nauthors * sizeof(*f->authors));
	}
}

int
pm_gitfacts__resume(struct gf_walk *w, const struct pm_history *prior,
    const git_oid *head, int *resumed)
{
	git_oid base, *chain = NULL;
	size_t n = 0;
	int rc = 0;

	*resumed = 0;
	if (w->nfacts != 0 || !prior_sound(prior) ||
	    strcmp(prior->content, w->content) != 0 ||
	    memcmp(prior->mailmap, w->mailmap_id.id, 20) != 0)
		goto out;
	git_oid_fromraw(&base, prior->commit);
	if (line_since(&chain, &n, w, &base, head) == 0)
		goto out;
	load(w, prior);
	rc = pm_gitfacts__visit(w, chain, n);
	*resumed = rc == 0;
out:
	free(chain);
	return rc;
}

static int
by_name(const void *a, const void *b)
{
	const struct gf_fact *const *x = a, *const *y = b;

	return strcmp((*x)->name, (*y)->name);
}

const struct pm_history *
pm_gitfacts__history(struct gf_walk *w, const git_oid *head)
{
	struct pm_history *h = pm_arena_calloc(w->arena, 1, sizeof(*h));
	struct pm_history_file *files;
	const struct gf_fact **order;
	const char **authors;
	size_t n = 0;

	memcpy(h->commit, head->id, 20);
	memcpy(h->mailmap, w->mailmap_id.id, 20);
	h->content = pm_arena_strdup(w->arena, w->content);
	authors = pm_arena_calloc(w->arena, w->nnames + 1, sizeof(*authors));
	for (size_t i = 0; i < w->nnames; i++)
		authors[i] = w->name_list[i];
	h->authors = authors;
	h->nauthors = w->nnames;
	order = pm_xcalloc(w->nfacts + 1, sizeof(*order));
	for (size_t i = 0; i < w->nfacts; i++)
		if (w->facts[i].nversions > 0)
			order[n++] = &w->facts[i];
	qsort(order, n, sizeof(*order), by_name);
	files = pm_arena_calloc(w->arena, n + 1, sizeof(*files));
	for (size_t i = 0; i < n; i++) {
		const struct gf_fact *f = order[i];
		struct pm_history_version *v = pm_arena_calloc(w->arena,
		    f->nversions, sizeof(*v));
		size_t *a = pm_arena_calloc(w->arena, f->nauthors + 1,
		    sizeof(*a));

		files[i].name = f->name;
		memcpy(files[i].last, f->last.id, 20);
		for (size_t k = 0; k < f->nversions; k++) {
			v[k].time = (long long)f->versions[k].when.time;
			v[k].offset = f->versions[k].when.offset;
			memcpy(v[k].blob, f->versions[k].blob.id, 20);
		}
		files[i].versions = v;
		files[i].nversions = f->nversions;
		if (f->nauthors)
			memcpy(a, f->authors, f->nauthors * sizeof(*a));
		files[i].authors = a;
		files[i].nauthors = f->nauthors;
	}
	free(order);
	h->files = files;
	h->nfiles = n;
	return h;
}
