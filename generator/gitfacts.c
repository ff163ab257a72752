/*
 * gitfacts.c: one walk of the history that attributes every change under
 * the content path to its Markdown files, by comparing tree object ids.
 * Starting from an earlier walk's state is gitfacts_history.c.
 *
 * Why not git_diff: a diff loads and compares every entry of both trees and
 * builds delta records; comparing ids lets a commit that touches nothing
 * under the content path cost one id comparison, and one that touches a
 * file cost a merge of two sorted entry lists along the changed path only,
 * without reading a blob.
 */
#include "gitfacts.h"
#include "gitfacts_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "when.h"

/* As source.c's listing refuses deeper folders, and it bounds the stack. */
#define MAX_DEPTH	64

int
pm_gitfacts__fail(struct gf_walk *w, const char *what)
{
	const git_error *e = git_error_last();

	return pm_error_set(w->err, PM_ERROR, NULL, 0, 0, "history: %s: %s",
	    what, e && e->message ? e->message : "libgit2 error");
}

/* The memo slot of id: the one holding it or the free one for it. */
static struct gf_memo *
memo_slot(const struct gf_walk *w, const git_oid *id)
{
	size_t i;

	/* An object id is already a uniform hash. */
	memcpy(&i, id->id, sizeof(i));
	i &= w->memo_mask;
	while (w->memo[i].used && !git_oid_equal(&w->memo[i].commit, id))
		i = (i + 1) & w->memo_mask;
	return &w->memo[i];
}

static struct gf_memo *
memo_put(struct gf_walk *w, const git_oid *commit, const git_oid *root,
    const git_oid *content)
{
	struct gf_memo *m;

	if ((w->memo_count + 1) * 2 > w->memo_mask + 1) {
		struct gf_memo *old = w->memo;
		size_t old_size = w->memo_mask + 1;

		w->memo_mask = old_size * 2 - 1;
		w->memo = pm_xcalloc(old_size * 2, sizeof(*w->memo));
		for (size_t i = 0; i < old_size; i++)
			if (old[i].used)
				*memo_slot(w, &old[i].commit) = old[i];
		free(old);
	}
	m = memo_slot(w, commit);
	if (!m->used) {
		m->used = 1;
		git_oid_cpy(&m->commit, commit);
		w->memo_count++;
	}
	git_oid_cpy(&m->root, root);
	git_oid_cpy(&m->content, content);
	return m;
}

/*
 * A new reference to the tree id (free it with git_tree_free), kept in
 * the cache too.  The cache holds its own reference, so evicting a tree
 * that a caller still uses only drops the cache's share.
 */
static int
tree_get(git_tree **out, struct gf_walk *w, const git_oid *id)
{
	struct gf_cached_tree *slot = &w->cache[0], *hit = NULL;
	git_tree *tree = NULL;
	int rc = 0;

	*out = NULL;
	w->clock++;
	for (size_t i = 0; i < GF_TREE_CACHE && hit == NULL; i++) {
		struct gf_cached_tree *c = &w->cache[i];

		if (c->tree && git_oid_equal(git_tree_id(c->tree), id))
			hit = c;
		else if (c->tree == NULL ||
		    (slot->tree && c->used < slot->used))
			slot = c;
	}
	if (hit == NULL) {
		if (git_tree_lookup(&tree, w->repo, id) < 0) {
			rc = pm_gitfacts__fail(w, "tree");
			goto out;
		}
		git_tree_free(slot->tree);
		slot->tree = tree;
		hit = slot;
	}
	hit->used = w->clock;
	if (git_tree_dup(out, hit->tree) < 0)
		rc = pm_gitfacts__fail(w, "tree");
out:
	return rc;
}

/* The content tree inside the tree root, zero when there is none. */
static int
content_tree_id(git_oid *out, struct gf_walk *w, const git_oid *root)
{
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	int rc = 0, found;

	memset(out, 0, sizeof(*out));
	if (w->content[0] == '\0') {
		git_oid_cpy(out, root);
		goto out;
	}
	if (git_tree_lookup(&tree, w->repo, root) < 0) {
		rc = pm_gitfacts__fail(w, "tree");
		goto out;
	}
	found = git_tree_entry_bypath(&entry, tree, w->content);
	if (found == GIT_ENOTFOUND)
		goto out;
	if (found < 0) {
		rc = pm_gitfacts__fail(w, w->content);
		goto out;
	}
	if (git_tree_entry_type(entry) == GIT_OBJECT_TREE)
		git_oid_cpy(out, git_tree_entry_id(entry));
out:
	git_tree_entry_free(entry);
	git_tree_free(tree);
	return rc;
}

/*
 * The memo of commit id, computed now when the walk has not been there
 * (only when a parent lies outside the walk, which a complete repository
 * never has).  parent, when given, is the commit's first parent: an
 * unchanged root tree then spares the lookup of the content tree.
 */
static int
memo_commit(struct gf_memo **out, struct gf_walk *w, const git_commit *commit,
    const struct gf_memo *parent)
{
	const git_oid *root = git_commit_tree_id(commit);
	git_oid content;
	int rc = 0;

	if (parent && git_oid_equal(&parent->root, root))
		git_oid_cpy(&content, &parent->content);
	else if ((rc = content_tree_id(&content, w, root)) < 0)
		goto out;
	*out = memo_put(w, git_commit_id(commit), root, &content);
out:
	return rc;
}

static int
memo_fetch(struct gf_memo **out, struct gf_walk *w, const git_oid *id)
{
	git_commit *commit = NULL;
	int rc = 0;

	*out = memo_slot(w, id);
	if ((*out)->used)
		goto out;
	if (git_commit_lookup(&commit, w->repo, id) < 0) {
		rc = pm_gitfacts__fail(w, "commit");
		goto out;
	}
	rc = memo_commit(out, w, commit, NULL);
out:
	git_commit_free(commit);
	return rc;
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
 * Parent k says the file at w->path, now blob, differs from it.  Only the
 * first parent makes a file known: a later one only confirms a change the
 * first parent saw, as a merge counts only when it differs from all.
 */
static void
mark(struct gf_walk *w, unsigned int k, const git_oid *blob)
{
	struct gf_fact *f;
	size_t d;

	if (k == 0) {
		d = pm_gitfacts__fact(w, w->path.ptr, w->path.len);
		f = &w->facts[d];
		f->seq = w->seq;
		f->hits = 1;
		git_oid_cpy(&f->blob, blob);
		w->changed[w->nchanged++] = d;
	} else if ((d = pm_strmap_get(&w->files, w->path.ptr,
	    w->path.len)) != SIZE_MAX && w->facts[d].seq == w->seq) {
		w->facts[d].hits++;
	}
}

static int compare_trees(struct gf_walk *, git_tree *, git_tree *,
    unsigned int, int);

/* Entry e of the new tree is absent from the old one (o NULL) or differs
 * from o; depth is the number of folders above e. */
static int
compare_entry(struct gf_walk *w, const git_tree_entry *e,
    const git_tree_entry *o, unsigned int k, int depth)
{
	size_t base = w->path.len;
	const char *name = git_tree_entry_name(e);
	git_filemode_t mode = git_tree_entry_filemode(e);
	git_tree *sub = NULL, *old = NULL;
	int rc = 0;

	if (base > 0)
		pm_buf_putc(&w->path, '/');
	pm_buf_puts(&w->path, name);
	if ((mode == GIT_FILEMODE_BLOB ||
	    mode == GIT_FILEMODE_BLOB_EXECUTABLE) && pm_source_is_markdown(name)) {
		mark(w, k, git_tree_entry_id(e));
	} else if (mode == GIT_FILEMODE_TREE && depth < MAX_DEPTH) {
		if ((rc = tree_get(&sub, w, git_tree_entry_id(e))) < 0)
			goto out;
		if (o && git_tree_entry_filemode(o) == GIT_FILEMODE_TREE &&
		    (rc = tree_get(&old, w, git_tree_entry_id(o))) < 0)
			goto out;
		rc = compare_trees(w, sub, old, k, depth + 1);
	}
out:
	git_tree_free(old);
	git_tree_free(sub);
	pm_buf_truncate(&w->path, base);
	return rc;
}

/*
 * Mark the files whose blob in tree differs from old (NULL: empty).
 * Both entry lists are in git's order, so one merge pass pairs them; an
 * entry that became a directory or stopped being one compares as two
 * names, as git orders "x/" apart from "x".  Deleting a file is not
 * writing it, so deletions are passed over.
 */
static int
compare_trees(struct gf_walk *w, git_tree *tree, git_tree *old, unsigned int k,
    int depth)
{
	size_t n = git_tree_entrycount(tree);
	size_t m = old ? git_tree_entrycount(old) : 0;
	size_t i = 0, j = 0;
	int rc = 0;

	while (i < n && rc == 0) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const git_tree_entry *o = NULL;
		int cmp = -1;

		if (j < m) {
			o = git_tree_entry_byindex(old, j);
			/* Nearly every pair is the same entry: the same id
			 * and name are cheaper to see than git's order. */
			if (git_oid_equal(git_tree_entry_id(e),
			    git_tree_entry_id(o)) &&
			    strcmp(git_tree_entry_name(e),
			    git_tree_entry_name(o)) == 0) {
				i++;
				j++;
				continue;
			}
			cmp = git_tree_entry_cmp(e, o);
		}
		if (cmp > 0) {
			j++;
			continue;
		}
		i++;
		if (cmp == 0) {
			j++;
			if (git_oid_equal(git_tree_entry_id(e),
			    git_tree_entry_id(o)))
				continue;
		} else {
			o = NULL;
		}
		rc = compare_entry(w, e, o, k, depth);
	}
	return rc;
}

/* Mark what differs between content trees id and old (zero: none). */
static int
compare_content(struct gf_walk *w, const git_oid *id, const git_oid *old,
    unsigned int k)
{
	git_tree *tree = NULL, *prev = NULL;
	int rc;

	if ((rc = tree_get(&tree, w, id)) < 0)
		goto out;
	if (!git_oid_is_zero(old) && (rc = tree_get(&prev, w, old)) < 0)
		goto out;
	pm_buf_truncate(&w->path, 0);
	rc = compare_trees(w, tree, prev, k, 0);
out:
	git_tree_free(prev);
	git_tree_free(tree);
	return rc;
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

/* Credit commit with the changes it marked against all its parents. */
static void
record(struct gf_walk *w, const git_commit *commit, unsigned int parents)
{
	const git_signature *sig = git_commit_author(commit);
	const char *name = NULL, *email = NULL;
	size_t author = SIZE_MAX;

	if (git_mailmap_resolve(&name, &email, w->mailmap, sig->name,
	    sig->email) < 0)
		name = sig->name;
	/* Nameless commits happen with imported history. */
	if (name == NULL || name[0] == '\0')
		name = sig->email;
	if (name && name[0])
		author = pm_gitfacts__intern(w, name);
	for (size_t i = 0; i < w->nchanged; i++) {
		struct gf_fact *f = &w->facts[w->changed[i]];
		size_t a;

		if (f->hits < (parents ? parents : 1))
			continue;
		git_oid_cpy(&f->last, git_commit_id(commit));
		add_version(f, sig->when);
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

int
pm_gitfacts__visit(struct gf_walk *w, const git_oid *id)
{
	git_commit *commit = NULL;
	struct gf_memo *self, *first = NULL, *parent;
	unsigned int parents;
	git_oid content;
	int rc = 0;

	if (git_commit_lookup(&commit, w->repo, id) < 0) {
		rc = pm_gitfacts__fail(w, "commit");
		goto out;
	}
	w->walked++;
	parents = git_commit_parentcount(commit);
	if (parents > 0 && (rc = memo_fetch(&first, w, git_commit_parent_id(
	    commit, 0))) < 0)
		goto out;
	if ((rc = memo_commit(&self, w, commit, first)) < 0)
		goto out;
	/* self may move when the memo grows: keep the id, not the slot. */
	git_oid_cpy(&content, &self->content);
	if (git_oid_is_zero(&content))
		goto out;
	w->seq++;
	w->nchanged = 0;
	/* A commit whose content equals a parent's changed nothing. */
	for (unsigned int k = 0; k < parents; k++) {
		if ((rc = memo_fetch(&parent, w,
		    git_commit_parent_id(commit, k))) < 0)
			goto out;
		if (git_oid_equal(&parent->content, &content))
			goto out;
	}
	if (parents == 0) {
		git_oid none;

		memset(&none, 0, sizeof(none));
		rc = compare_content(w, &content, &none, 0);
	}
	for (unsigned int k = 0; k < parents && rc == 0; k++) {
		git_oid old;

		if ((rc = memo_fetch(&parent, w,
		    git_commit_parent_id(commit, k))) < 0)
			goto out;
		git_oid_cpy(&old, &parent->content);
		rc = compare_content(w, &content, &old, k);
		if (w->nchanged == 0)
			break;
	}
	if (rc == 0)
		record(w, commit, parents);
out:
	git_commit_free(commit);
	return rc;
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
		rc = pm_gitfacts__fail(w, "commit");
		goto out;
	}
	found = git_tree_entry_bypath(&entry, tree, ".mailmap");
	if (found == GIT_ENOTFOUND ||
	    (found == 0 && git_tree_entry_type(entry) != GIT_OBJECT_BLOB))
		goto out;
	if (found < 0 || git_blob_lookup(&blob, w->repo,
	    git_tree_entry_id(entry)) < 0) {
		rc = pm_gitfacts__fail(w, ".mailmap");
		goto out;
	}
	git_oid_cpy(&w->mailmap_id, git_tree_entry_id(entry));
	if (git_mailmap_from_buffer(&w->mailmap, git_blob_rawcontent(blob),
	    (size_t)git_blob_rawsize(blob)) < 0)
		rc = pm_gitfacts__fail(w, ".mailmap");
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
	git_oid id;
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
		rc = pm_gitfacts__fail(w, "revision walk");
		goto out;
	}
	while ((next = git_revwalk_next(&id, rw)) == 0)
		if ((rc = pm_gitfacts__visit(w, &id)) < 0)
			goto out;
	if (next != GIT_ITEROVER)
		rc = pm_gitfacts__fail(w, "revision walk");
out:
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
	w.content = content_path;
	w.arena = arena;
	w.err = err;
	pm_buf_init(&w.path);
	pm_strmap_init(&w.files, ndocs);
	pm_strmap_init(&w.names, 16);
	w.memo_mask = 1023;
	w.memo = pm_xcalloc(w.memo_mask + 1, sizeof(*w.memo));
	if ((rc = walk_history(&w, commit, run)) == 0) {
		publish(&w, docs, ndocs);
		run->history = pm_gitfacts__history(&w, commit);
	}
	run->walked = w.walked;
	for (size_t i = 0; i < w.nfacts; i++) {
		free(w.facts[i].authors);
		free(w.facts[i].versions);
	}
	for (size_t i = 0; i < GF_TREE_CACHE; i++)
		git_tree_free(w.cache[i].tree);
	git_mailmap_free(w.mailmap);
	free(w.facts);
	free(w.changed);
	free(w.memo);
	free(w.name_list);
	pm_strmap_free(&w.files);
	pm_strmap_free(&w.names);
	pm_buf_free(&w.path);
	return rc;
}
