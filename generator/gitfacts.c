/*
 * gitfacts.c: one walk of the history that attributes every change under
 * the content path to its Markdown files, by comparing tree object ids.
 * What each commit changed is read by gitfacts_read.c, on several threads
 * when there are handles for them (gitfacts_visit.c); starting from an
 * earlier walk's state is gitfacts_history.c.
 */
#include "gitfacts.h"
#include "gitfacts_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "when.h"

int
pm_gitfacts__fail(struct pm_error *err, const char *what)
{
	const git_error *e = git_error_last();

	return pm_error_set(err, PM_ERROR, NULL, 0, 0, "history: %s: %s",
	    what, e && e->message ? e->message : "libgit2 error");
}

size_t
pm_gitfacts__fact(struct gf_walk *w, const char *name, size_t len)
{
	size_t d = pm_strmap_get(&w->files, name, len);
	struct gf_fact *f;

	if (d != SIZE_MAX)
		return d;
	if (w->nfacts == w->facts_cap) {
		w->facts_cap = w->facts_cap ? w->facts_cap * 2 : 64;
		w->facts = pm_xrealloc(w->facts,
		    pm_xmul(w->facts_cap, sizeof(*w->facts)));
		w->changed = pm_xrealloc(w->changed,
		    pm_xmul(w->facts_cap, sizeof(*w->changed)));
	}
	d = w->nfacts++;
	f = &w->facts[d];
	memset(f, 0, sizeof(*f));
	f->name = pm_arena_strndup(w->arena, name, len);
	f->len = len;
	pm_strmap_put(&w->files, f->name, len, d);
	return d;
}

/*
 * Parent k says file name, now blob, differs from it.  Only the first
 * parent makes a file known: a later one only confirms a change the
 * first parent saw, as a merge counts only when it differs from all.
 */
static void
mark(struct gf_walk *w, unsigned int k, const char *name, size_t len,
    const git_oid *blob)
{
	struct gf_fact *f;
	size_t d;

	if (k == 0) {
		d = pm_gitfacts__fact(w, name, len);
		f = &w->facts[d];
		f->seq = w->seq;
		f->hits = 1;
		git_oid_cpy(&f->blob, blob);
		w->changed[w->nchanged++] = d;
	} else if ((d = pm_strmap_get(&w->files, name, len)) != SIZE_MAX &&
	    w->facts[d].seq == w->seq) {
		w->facts[d].hits++;
	}
}

size_t
pm_gitfacts__intern(struct gf_walk *w, const char *name)
{
	size_t len = strlen(name);
	size_t id = pm_strmap_get(&w->names, name, len);

	if (id != SIZE_MAX)
		return id;
	if (w->nnames == w->names_cap) {
		w->names_cap = w->names_cap ? w->names_cap * 2 : 16;
		w->name_list = pm_xrealloc(w->name_list,
		    pm_xmul(w->names_cap, sizeof(*w->name_list)));
	}
	id = w->nnames++;
	w->name_list[id] = pm_arena_strndup(w->arena, name, len);
	pm_strmap_put(&w->names, w->name_list[id], len, id);
	return id;
}

static void
add_version(struct gf_fact *f, git_time when)
{
	if (f->nversions == f->vcap) {
		f->vcap = f->vcap ? f->vcap * 2 : 4;
		f->versions = pm_xrealloc(f->versions,
		    pm_xmul(f->vcap, sizeof(*f->versions)));
	}
	f->versions[f->nversions].when = when;
	git_oid_cpy(&f->versions[f->nversions].blob, &f->blob);
	f->nversions++;
}

/* Credit commit id with the changes it marked against all its parents. */
static void
record(struct gf_walk *w, const git_oid *id, const struct gf_found *found)
{
	const char *text = found->by->text.ptr;
	const char *sig_name = found->author == SIZE_MAX ? NULL :
	    text + found->author;
	const char *sig_email = found->email == SIZE_MAX ? NULL :
	    text + found->email;
	const char *name = NULL, *email = NULL;
	unsigned int parents = found->parents;
	size_t author = SIZE_MAX;

	if (git_mailmap_resolve(&name, &email, w->mailmap, sig_name,
	    sig_email) < 0)
		name = sig_name;
	/* Nameless commits happen with imported history. */
	if (name == NULL || name[0] == '\0')
		name = sig_email;
	if (name && name[0])
		author = pm_gitfacts__intern(w, name);
	for (size_t i = 0; i < w->nchanged; i++) {
		struct gf_fact *f = &w->facts[w->changed[i]];
		size_t a;

		if (f->hits < (parents ? parents : 1))
			continue;
		git_oid_cpy(&f->last, id);
		add_version(f, found->when);
		if (author == SIZE_MAX)
			continue;
		for (a = 0; a < f->nauthors && f->authors[a] != author; a++)
			;
		if (a < f->nauthors)
			continue;
		if (f->nauthors == f->cap) {
			f->cap = f->cap ? f->cap * 2 : 4;
			f->authors = pm_xrealloc(f->authors,
			    pm_xmul(f->cap, sizeof(*f->authors)));
		}
		f->authors[f->nauthors++] = author;
	}
}

void
pm_gitfacts__credit(struct gf_walk *w, const git_oid *id,
    const struct gf_found *found, const struct gf_mark *marks, size_t n)
{
	if (found->by == NULL)
		return;
	w->seq++;
	w->nchanged = 0;
	for (size_t i = 0; i < n; i++)
		mark(w, marks[i].parent, marks[i].name, marks[i].len,
		    marks[i].blob);
	record(w, id, found);
}

/* The .mailmap committed at the root of commit's tree, if any. */
static int
load_mailmap(struct gf_walk *w, const git_oid *commit_id)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int rc = 0, found;

	if (git_commit_lookup(&commit, w->repo, commit_id) < 0 ||
	    git_commit_tree(&tree, commit) < 0) {
		rc = pm_gitfacts__fail(w->err, "commit");
		goto out;
	}
	found = git_tree_entry_bypath(&entry, tree, ".mailmap");
	if (found == GIT_ENOTFOUND ||
	    (found == 0 && git_tree_entry_type(entry) != GIT_OBJECT_BLOB))
		goto out;
	if (found < 0 || git_blob_lookup(&blob, w->repo,
	    git_tree_entry_id(entry)) < 0) {
		rc = pm_gitfacts__fail(w->err, ".mailmap");
		goto out;
	}
	git_oid_cpy(&w->mailmap_id, git_tree_entry_id(entry));
	if (git_mailmap_from_buffer(&w->mailmap, git_blob_rawcontent(blob),
	    (size_t)git_blob_rawsize(blob)) < 0)
		rc = pm_gitfacts__fail(w->err, ".mailmap");
out:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

/* Every commit reachable from commit, unless run->prior spares them. */
static int
walk_history(struct gf_walk *w, const git_oid *commit,
    struct pm_gitfacts_run *run)
{
	git_revwalk *rw = NULL;
	git_oid *ids = NULL;
	size_t n = 0, cap = 0;
	int rc = 0, next;

	if ((rc = load_mailmap(w, commit)) < 0)
		goto out;
	run->resumed = 0;
	if (run->prior && ((rc = pm_gitfacts__resume(w, run->prior, commit,
	    &run->resumed)) < 0 || run->resumed))
		goto out;
	/* Parents come before children; among commits on different
	 * branches, the older commit time comes first. */
	if (git_revwalk_new(&rw, w->repo) < 0 ||
	    git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
	    GIT_SORT_REVERSE) < 0 || git_revwalk_push(rw, commit) < 0) {
		rc = pm_gitfacts__fail(w->err, "revision walk");
		goto out;
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 1024;
			ids = pm_xrealloc(ids, pm_xmul(cap, sizeof(*ids)));
		}
		if ((next = git_revwalk_next(&ids[n], rw)) != 0)
			break;
		n++;
	}
	if (next != GIT_ITEROVER)
		rc = pm_gitfacts__fail(w->err, "revision walk");
	else
		rc = pm_gitfacts__visit(w, ids, n);
out:
	free(ids);
	git_revwalk_free(rw);
	return rc;
}

const char *
pm_gitfacts__iso8601(struct pm_arena *arena, git_time_t when, int offset)
{
	int64_t local = (int64_t)when + (int64_t)offset * 60;
	int64_t days = local / 86400, secs = local % 86400;
	long long year;
	int month, day, off = offset < 0 ? -offset : offset;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	pm_when_date_from_days(&year, &month, &day, days);
	/* Twice a version: printf cost eight times the rest of the walk's
	 * share, and pm_when_format() writes the same by hand.  A year
	 * outside its four digits (a commit can claim any date) is left to
	 * printf. */
	if (year >= 1 && year <= 9999 && off < 100 * 60) {
		struct pm_when w;
		char out[64];

		pm_when_init(&w);
		w.year = (int)year;
		w.month = month;
		w.day = day;
		w.hour = (int)(secs / 3600);
		w.minute = (int)(secs / 60 % 60);
		w.second = (int)(secs % 60);
		w.has_zone = 1;
		w.offset_minutes = offset;
		return pm_arena_strndup(arena, out,
		    pm_when_format(out, sizeof(out), &w));
	}
	return pm_arena_printf(arena,
	    "%04lld-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", year,
	    month, day, (int)(secs / 3600), (int)(secs / 60 % 60),
	    (int)(secs % 60), offset < 0 ? '-' : '+', off / 60, off % 60);
}

static void
publish_versions(struct gf_walk *w, const struct gf_fact *f,
    struct pm_doc *doc)
{
	struct pm_doc_version *v = pm_arena_alloc(w->arena,
	    pm_xmul(f->nversions, sizeof(*v)));

	for (size_t i = 0; i < f->nversions; i++) {
		v[i].when = pm_gitfacts__iso8601(w->arena,
		    f->versions[i].when.time, f->versions[i].when.offset);
		v[i].time = (long long)f->versions[i].when.time;
		git_oid_tostr(v[i].blob_id, sizeof(v[i].blob_id),
		    &f->versions[i].blob);
		v[i].pack_key = UINT64_MAX;	/* the source's to find */
	}
	doc->versions = v;
	doc->nversions = f->nversions;
}

/* Move the facts into the documents, now that nothing can fail. */
static void
publish(struct gf_walk *w, struct pm_doc *docs, size_t ndocs)
{
	for (size_t i = 0; i < ndocs; i++) {
		struct pm_doc *doc = &docs[i];
		size_t d = pm_strmap_get(&w->files, doc->name,
		    strlen(doc->name));
		const struct gf_fact *f;
		const char **authors;

		if (d == SIZE_MAX || w->facts[d].nversions == 0)
			continue;
		f = &w->facts[d];
		publish_versions(w, f, doc);
		/* Versions are the counted commits: the first made the
		 * file, the last updated it. */
		doc->created = doc->versions[0].when;
		doc->updated = doc->versions[f->nversions - 1].when;
		git_oid_tostr(doc->commit_id, sizeof(doc->commit_id), &f->last);
		doc->nauthors = f->nauthors;
		doc->authors = NULL;
		if (f->nauthors == 0)
			continue;
		authors = pm_arena_alloc(w->arena,
		    pm_xmul(f->nauthors, sizeof(*authors)));
		for (size_t a = 0; a < f->nauthors; a++)
			authors[a] = w->name_list[f->authors[a]];
		doc->authors = authors;
	}
}

int
pm_gitfacts_fill(struct pm_doc *docs, size_t ndocs, git_repository *repo,
    const git_oid *commit, const char *content_path,
    struct pm_gitfacts_run *run, struct pm_arena *arena,
    struct pm_error *err)
{
	struct gf_walk w;
	int rc = 0;

	run->history = NULL;
	run->walked = 0;
	run->resumed = 0;
	if (ndocs == 0)
		return 0;
	memset(&w, 0, sizeof(w));
	w.repo = repo;
	w.more = run->more;
	w.more_ctx = run->more_ctx;
	w.nmore = run->more ? run->nmore : 0;
	w.content = content_path;
	w.arena = arena;
	w.err = err;
	pm_strmap_init(&w.files, ndocs);
	pm_strmap_init(&w.names, 16);
	if ((rc = walk_history(&w, commit, run)) == 0) {
		publish(&w, docs, ndocs);
		run->history = pm_gitfacts__history(&w, commit);
	}
	run->walked = w.walked;
	for (size_t i = 0; i < w.nfacts; i++) {
		free(w.facts[i].authors);
		free(w.facts[i].versions);
	}
	git_mailmap_free(w.mailmap);
	free(w.facts);
	free(w.changed);
	free(w.name_list);
	pm_strmap_free(&w.files);
	pm_strmap_free(&w.names);
	return rc;
}
