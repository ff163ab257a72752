/*
 * gitfacts.c: one walk of the history that attributes every change under
 * the content path to the files of interest, by comparing tree object ids.
 *
 * Why not git_diff: a diff loads and compares every entry of both trees and
 * builds delta records; comparing ids lets a commit that touches nothing
 * under the content path cost one id comparison, and one that touches a
 * file cost a merge of two sorted entry lists along the changed path only,
 * without reading a blob.
 */
#include "gitfacts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "when.h"

/*
 * Trees kept loaded between commits.  libgit2 caches only trees under 4 KiB,
 * and a content folder of a few hundred postmortems is larger, so without
 * this every commit would inflate its parent's tree a second time.
 */
#define TREE_CACHE	16

/* A set of byte strings with a value each; keys are borrowed. */
struct strset {
	struct strslot {
		const char *key;	/* NULL when free */
		size_t len;
		size_t val;
	} *slots;
	size_t mask, count;
};

/* What the walk remembers of each commit it has seen. */
struct memo {
	git_oid commit;
	git_oid root;		/* the commit's tree */
	git_oid content;	/* the content tree, zero when absent */
	int used;
};

/* One version of a document: the content a counted commit gave it. */
struct version {
	git_time when;
	git_oid blob;
};

/* The facts of one document while the walk runs. */
struct fact {
	int seen;
	git_time created, updated;
	git_oid last;
	size_t *authors;	/* ids into walk.name_list */
	size_t nauthors, cap;
	struct version *versions;	/* oldest first */
	size_t nversions, vcap;
	git_oid blob;		/* its blob in the commit being visited */
	size_t seq;		/* the commit that last marked it */
	unsigned int hits;	/* parents it differs from, in that commit */
};

struct cached_tree {
	git_tree *tree;		/* NULL when free */
	unsigned long used;
};

struct walk {
	git_repository *repo;
	const char *content;
	struct pm_doc *docs;
	size_t ndocs;
	struct strset files;	/* name -> document index */
	struct strset dirs;	/* directories that lead to a document */
	struct fact *facts;
	struct memo *memo;
	size_t memo_mask, memo_count;
	struct cached_tree cache[TREE_CACHE];
	unsigned long clock;
	git_mailmap *mailmap;
	struct strset names;	/* author name -> id */
	const char **name_list;
	size_t nnames, names_cap;
	size_t *changed;	/* documents the current commit marked */
	size_t nchanged;
	size_t seq;		/* number of the current commit */
	struct pm_buf path;	/* directory being compared */
	struct pm_arena *arena;
	struct pm_error *err;
};

static uint64_t
hash_bytes(const void *data, size_t len)
{
	const unsigned char *s = data;
	uint64_t h = 14695981039346656037u;

	for (size_t i = 0; i < len; i++) {
		h ^= s[i];
		h *= 1099511628211u;
	}
	return h;
}

static void
strset_init(struct strset *set, size_t expected)
{
	size_t size = 16;

	while (size < expected * 2)
		size *= 2;
	set->slots = pm_xcalloc(size, sizeof(*set->slots));
	set->mask = size - 1;
	set->count = 0;
}

/* The slot holding key, or the free slot where it belongs. */
static struct strslot *
strset_slot(const struct strset *set, const char *key, size_t len)
{
	size_t i = (size_t)hash_bytes(key, len) & set->mask;

	while (set->slots[i].key != NULL && (set->slots[i].len != len ||
	    memcmp(set->slots[i].key, key, len) != 0))
		i = (i + 1) & set->mask;
	return &set->slots[i];
}

/* The value of key, or SIZE_MAX when absent. */
static size_t
strset_get(const struct strset *set, const char *key, size_t len)
{
	const struct strslot *slot = strset_slot(set, key, len);

	return slot->key ? slot->val : SIZE_MAX;
}

/* Insert key unless present; key must outlive the set. */
static void
strset_put(struct strset *set, const char *key, size_t len, size_t val)
{
	struct strslot *slot;

	if ((set->count + 1) * 2 > set->mask + 1) {
		struct strset bigger;

		strset_init(&bigger, set->mask + 1);
		for (size_t i = 0; i <= set->mask; i++)
			if (set->slots[i].key)
				strset_put(&bigger, set->slots[i].key,
				    set->slots[i].len, set->slots[i].val);
		free(set->slots);
		*set = bigger;
	}
	slot = strset_slot(set, key, len);
	if (slot->key == NULL) {
		slot->key = key;
		slot->len = len;
		slot->val = val;
		set->count++;
	}
}

static int
git_fail(struct walk *w, const char *what)
{
	const git_error *e = git_error_last();

	return pm_error_set(w->err, PM_ERROR, NULL, 0, 0, "history: %s: %s",
	    what, e && e->message ? e->message : "libgit2 error");
}

/* The memo slot of id: the one holding it or the free one for it. */
static struct memo *
memo_slot(const struct walk *w, const git_oid *id)
{
	size_t i;

	/* An object id is already a uniform hash. */
	memcpy(&i, id->id, sizeof(i));
	i &= w->memo_mask;
	while (w->memo[i].used && !git_oid_equal(&w->memo[i].commit, id))
		i = (i + 1) & w->memo_mask;
	return &w->memo[i];
}

static struct memo *
memo_put(struct walk *w, const git_oid *commit, const git_oid *root,
    const git_oid *content)
{
	struct memo *m;

	if ((w->memo_count + 1) * 2 > w->memo_mask + 1) {
		struct memo *old = w->memo;
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
tree_get(git_tree **out, struct walk *w, const git_oid *id)
{
	struct cached_tree *slot = &w->cache[0], *hit = NULL;
	git_tree *tree = NULL;
	int rc = 0;

	*out = NULL;
	w->clock++;
	for (size_t i = 0; i < TREE_CACHE && hit == NULL; i++) {
		struct cached_tree *c = &w->cache[i];

		if (c->tree && git_oid_equal(git_tree_id(c->tree), id))
			hit = c;
		else if (c->tree == NULL ||
		    (slot->tree && c->used < slot->used))
			slot = c;
	}
	if (hit == NULL) {
		if (git_tree_lookup(&tree, w->repo, id) < 0) {
			rc = git_fail(w, "tree");
			goto out;
		}
		git_tree_free(slot->tree);
		slot->tree = tree;
		hit = slot;
	}
	hit->used = w->clock;
	if (git_tree_dup(out, hit->tree) < 0)
		rc = git_fail(w, "tree");
out:
	return rc;
}

/* The content tree inside the tree root, zero when there is none. */
static int
content_tree_id(git_oid *out, struct walk *w, const git_oid *root)
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
		rc = git_fail(w, "tree");
		goto out;
	}
	found = git_tree_entry_bypath(&entry, tree, w->content);
	if (found == GIT_ENOTFOUND)
		goto out;
	if (found < 0) {
		rc = git_fail(w, w->content);
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
memo_commit(struct memo **out, struct walk *w, const git_commit *commit,
    const struct memo *parent)
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
memo_fetch(struct memo **out, struct walk *w, const git_oid *id)
{
	git_commit *commit = NULL;
	int rc = 0;

	*out = memo_slot(w, id);
	if ((*out)->used)
		goto out;
	if (git_commit_lookup(&commit, w->repo, id) < 0) {
		rc = git_fail(w, "commit");
		goto out;
	}
	rc = memo_commit(out, w, commit, NULL);
out:
	git_commit_free(commit);
	return rc;
}

/* Parent k says document d, now blob, differs from it. */
static void
mark(struct walk *w, size_t d, unsigned int k, const git_oid *blob)
{
	struct fact *f = &w->facts[d];

	if (k == 0) {
		f->seq = w->seq;
		f->hits = 1;
		git_oid_cpy(&f->blob, blob);
		w->changed[w->nchanged++] = d;
	} else if (f->seq == w->seq) {
		f->hits++;
	}
}

static int compare_trees(struct walk *, git_tree *, git_tree *,
    unsigned int);

/* Entry e of the new tree is absent from the old one (o NULL) or differs
 * from o. */
static int
compare_entry(struct walk *w, const git_tree_entry *e,
    const git_tree_entry *o, unsigned int k)
{
	size_t base = w->path.len;
	const char *name = git_tree_entry_name(e);
	git_filemode_t mode = git_tree_entry_filemode(e);
	git_tree *sub = NULL, *old = NULL;
	size_t d;
	int rc = 0;

	if (base > 0)
		pm_buf_putc(&w->path, '/');
	pm_buf_puts(&w->path, name);
	if (mode == GIT_FILEMODE_BLOB || mode == GIT_FILEMODE_BLOB_EXECUTABLE) {
		d = strset_get(&w->files, w->path.ptr, w->path.len);
		if (d != SIZE_MAX)
			mark(w, d, k, git_tree_entry_id(e));
	} else if (mode == GIT_FILEMODE_TREE &&
	    strset_get(&w->dirs, w->path.ptr, w->path.len) != SIZE_MAX) {
		if ((rc = tree_get(&sub, w, git_tree_entry_id(e))) < 0)
			goto out;
		if (o && git_tree_entry_filemode(o) == GIT_FILEMODE_TREE &&
		    (rc = tree_get(&old, w, git_tree_entry_id(o))) < 0)
			goto out;
		rc = compare_trees(w, sub, old, k);
	}
out:
	git_tree_free(old);
	git_tree_free(sub);
	pm_buf_truncate(&w->path, base);
	return rc;
}

/*
 * Mark the documents whose blob in tree differs from old (NULL: empty).
 * Both entry lists are in git's order, so one merge pass pairs them; an
 * entry that became a directory or stopped being one compares as two
 * names, as git orders "x/" apart from "x".  Deletions matter to no
 * document of the resolved commit, so they are passed over.
 */
static int
compare_trees(struct walk *w, git_tree *tree, git_tree *old, unsigned int k)
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
		rc = compare_entry(w, e, o, k);
	}
	return rc;
}

/* Mark what differs between content trees id and old (zero: none). */
static int
compare_content(struct walk *w, const git_oid *id, const git_oid *old,
    unsigned int k)
{
	git_tree *tree = NULL, *prev = NULL;
	int rc;

	if ((rc = tree_get(&tree, w, id)) < 0)
		goto out;
	if (!git_oid_is_zero(old) && (rc = tree_get(&prev, w, old)) < 0)
		goto out;
	pm_buf_truncate(&w->path, 0);
	rc = compare_trees(w, tree, prev, k);
out:
	git_tree_free(prev);
	git_tree_free(tree);
	return rc;
}

/* The id of an author name, interned in the arena. */
static size_t
intern(struct walk *w, const char *name)
{
	size_t len = strlen(name);
	size_t id = strset_get(&w->names, name, len);

	if (id != SIZE_MAX)
		return id;
	if (w->nnames == w->names_cap) {
		w->names_cap = w->names_cap ? w->names_cap * 2 : 16;
		w->name_list = pm_xrealloc(w->name_list,
		    pm_xmul(w->names_cap, sizeof(*w->name_list)));
	}
	id = w->nnames++;
	w->name_list[id] = pm_arena_strndup(w->arena, name, len);
	strset_put(&w->names, w->name_list[id], len, id);
	return id;
}

static void
add_version(struct fact *f, git_time when)
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
record(struct walk *w, const git_commit *commit, unsigned int parents)
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
		author = intern(w, name);
	for (size_t i = 0; i < w->nchanged; i++) {
		struct fact *f = &w->facts[w->changed[i]];
		size_t a;

		if (f->hits < (parents ? parents : 1))
			continue;
		if (!f->seen)
			f->created = sig->when;
		f->seen = 1;
		f->updated = sig->when;
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

/* Compare one commit with its parents and credit what it changed. */
static int
visit(struct walk *w, const git_oid *id)
{
	git_commit *commit = NULL;
	struct memo *self, *first = NULL, *parent;
	unsigned int parents;
	git_oid content;
	int rc = 0;

	if (git_commit_lookup(&commit, w->repo, id) < 0) {
		rc = git_fail(w, "commit");
		goto out;
	}
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
load_mailmap(struct walk *w, const git_oid *commit_id)
{
	git_commit *commit = NULL;
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	git_blob *blob = NULL;
	int rc = 0, found;

	if (git_commit_lookup(&commit, w->repo, commit_id) < 0 ||
	    git_commit_tree(&tree, commit) < 0) {
		rc = git_fail(w, "commit");
		goto out;
	}
	found = git_tree_entry_bypath(&entry, tree, ".mailmap");
	if (found == GIT_ENOTFOUND ||
	    (found == 0 && git_tree_entry_type(entry) != GIT_OBJECT_BLOB))
		goto out;
	if (found < 0 || git_blob_lookup(&blob, w->repo,
	    git_tree_entry_id(entry)) < 0) {
		rc = git_fail(w, ".mailmap");
		goto out;
	}
	if (git_mailmap_from_buffer(&w->mailmap, git_blob_rawcontent(blob),
	    (size_t)git_blob_rawsize(blob)) < 0)
		rc = git_fail(w, ".mailmap");
out:
	git_blob_free(blob);
	git_tree_entry_free(entry);
	git_tree_free(tree);
	git_commit_free(commit);
	return rc;
}

static int
walk_history(struct walk *w, const git_oid *commit)
{
	git_revwalk *rw = NULL;
	git_oid id;
	int rc = 0, next;

	if ((rc = load_mailmap(w, commit)) < 0)
		goto out;
	/* Parents come before children; among commits on different
	 * branches, the older commit time comes first. */
	if (git_revwalk_new(&rw, w->repo) < 0 ||
	    git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME |
	    GIT_SORT_REVERSE) < 0 || git_revwalk_push(rw, commit) < 0) {
		rc = git_fail(w, "revision walk");
		goto out;
	}
	while ((next = git_revwalk_next(&id, rw)) == 0)
		if ((rc = visit(w, &id)) < 0)
			goto out;
	if (next != GIT_ITEROVER)
		rc = git_fail(w, "revision walk");
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
publish_versions(struct walk *w, const struct fact *f, struct pm_doc *doc)
{
	struct pm_doc_version *v = pm_arena_alloc(w->arena,
	    pm_xmul(f->nversions, sizeof(*v)));

	for (size_t i = 0; i < f->nversions; i++) {
		v[i].when = pm_gitfacts__iso8601(w->arena,
		    f->versions[i].when.time, f->versions[i].when.offset);
		v[i].time = (long long)f->versions[i].when.time;
		git_oid_tostr(v[i].blob_id, sizeof(v[i].blob_id),
		    &f->versions[i].blob);
	}
	doc->versions = v;
	doc->nversions = f->nversions;
}

/* Move the facts into the documents, now that nothing can fail. */
static void
publish(struct walk *w)
{
	for (size_t i = 0; i < w->ndocs; i++) {
		struct fact *f = &w->facts[i];
		struct pm_doc *doc = &w->docs[i];
		const char **authors;

		if (!f->seen)
			continue;
		doc->created = pm_gitfacts__iso8601(w->arena, f->created.time,
		    f->created.offset);
		doc->updated = pm_gitfacts__iso8601(w->arena, f->updated.time,
		    f->updated.offset);
		git_oid_tostr(doc->commit_id, sizeof(doc->commit_id), &f->last);
		publish_versions(w, f, doc);
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
    const git_oid *commit, const char *content_path, struct pm_arena *arena,
    struct pm_error *err)
{
	struct walk w;
	int rc = 0;

	if (ndocs == 0)
		return 0;
	memset(&w, 0, sizeof(w));
	w.repo = repo;
	w.content = content_path;
	w.docs = docs;
	w.ndocs = ndocs;
	w.arena = arena;
	w.err = err;
	pm_buf_init(&w.path);
	strset_init(&w.files, ndocs);
	strset_init(&w.dirs, 16);
	strset_init(&w.names, 16);
	w.facts = pm_xcalloc(ndocs, sizeof(*w.facts));
	w.changed = pm_xcalloc(ndocs, sizeof(*w.changed));
	w.memo_mask = 1023;
	w.memo = pm_xcalloc(w.memo_mask + 1, sizeof(*w.memo));
	for (size_t i = 0; i < ndocs; i++) {
		const char *name = docs[i].name;

		strset_put(&w.files, name, strlen(name), i);
		for (const char *p = name; *p; p++)
			if (*p == '/')
				strset_put(&w.dirs, name,
				    (size_t)(p - name), 0);
	}
	if ((rc = walk_history(&w, commit)) == 0)
		publish(&w);
	for (size_t i = 0; i < ndocs; i++) {
		free(w.facts[i].authors);
		free(w.facts[i].versions);
	}
	for (size_t i = 0; i < TREE_CACHE; i++)
		git_tree_free(w.cache[i].tree);
	git_mailmap_free(w.mailmap);
	free(w.facts);
	free(w.changed);
	free(w.memo);
	free(w.name_list);
	free(w.files.slots);
	free(w.dirs.slots);
	free(w.names.slots);
	pm_buf_free(&w.path);
	return rc;
}
