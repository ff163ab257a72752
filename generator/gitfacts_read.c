/*
 * gitfacts_read.c: what each commit changed under the content path, read
 * by comparing tree object ids, one folder at a time (the order is
 * gitfacts_visit.c's).  A reader keeps what it needs between commits
 * (the content tree of each commit it has seen, the tree of the folder
 * it compared last) and writes its findings down, for gitfacts.c to
 * credit in the order of the walk.
 *
 * Why not git_diff: a diff loads and compares every entry of both trees and
 * builds delta records; comparing ids lets a commit that touches nothing
 * under the content path cost one id comparison, and one that touches a
 * file cost, along the changed path only and without reading a blob, the
 * comparison of two raw trees, where only the entries that differ are
 * paired (gitfacts_tree.c).
 */
#include "gitfacts_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* As source.c's listing refuses deeper folders, and it bounds the stack. */
#define MAX_DEPTH	64

/* s copied into the reader's text; its offset, SIZE_MAX for NULL. */
static size_t
put_text(struct gf_reader *r, const char *s, size_t len)
{
	size_t at = r->text.len;

	if (s == NULL)
		return SIZE_MAX;
	pm_buf_put(&r->text, s, len);
	pm_buf_putc(&r->text, '\0');
	return at;
}

/* The file at r->path, now blob, differs in the commit and parent of t. */
static void
note(struct gf_reader *r, const struct gf_task *t, const git_oid *blob)
{
	struct gf_change *c;

	if (r->nchanges == r->changes_cap) {
		r->changes_cap = r->changes_cap ? r->changes_cap * 2 : 64;
		r->changes = pm_xrealloc(r->changes,
		    pm_xmul(r->changes_cap, sizeof(*r->changes)));
	}
	c = &r->changes[r->nchanges++];
	c->len = r->path.len;
	c->name = put_text(r, r->path.ptr, r->path.len);
	git_oid_cpy(&c->blob, blob);
	c->commit = t->commit;
	c->parent = t->parent;
}

/* The folder at r->path, now tree (old: NULL if none), to compare. */
static void
add_task(struct gf_reader *r, size_t commit, unsigned int parent,
    const git_oid *tree, const git_oid *old)
{
	struct gf_task *t;

	if (r->ntasks == r->tasks_cap) {
		r->tasks_cap = r->tasks_cap ? r->tasks_cap * 2 : 64;
		r->tasks = pm_xrealloc(r->tasks,
		    pm_xmul(r->tasks_cap, sizeof(*r->tasks)));
	}
	t = &r->tasks[r->ntasks++];
	memset(t, 0, sizeof(*t));
	t->at = r->task_text.len;
	t->len = r->path.len;
	pm_buf_put(&r->task_text, r->path.len ? r->path.ptr : "",
	    r->path.len);
	pm_buf_putc(&r->task_text, '\0');
	t->commit = commit;
	t->parent = parent;
	git_oid_cpy(&t->tree, tree);
	if (old)
		git_oid_cpy(&t->old, old);
}

/* The memo slot of id: the one holding it or the free one for it. */
static struct gf_memo *
memo_slot(const struct gf_reader *r, const git_oid *id)
{
	size_t i;

	/* An object id is already a uniform hash. */
	memcpy(&i, id->id, sizeof(i));
	i &= r->memo_mask;
	while (r->memo[i].used && !git_oid_equal(&r->memo[i].commit, id))
		i = (i + 1) & r->memo_mask;
	return &r->memo[i];
}

static struct gf_memo *
memo_put(struct gf_reader *r, const git_oid *commit, const git_oid *root,
    const git_oid *content)
{
	struct gf_memo *m;

	if ((r->memo_count + 1) * 2 > r->memo_mask + 1) {
		struct gf_memo *old = r->memo;
		size_t old_size = r->memo_mask + 1;

		r->memo_mask = old_size * 2 - 1;
		r->memo = pm_xcalloc(old_size * 2, sizeof(*r->memo));
		for (size_t i = 0; i < old_size; i++)
			if (old[i].used)
				*memo_slot(r, &old[i].commit) = old[i];
		free(old);
	}
	m = memo_slot(r, commit);
	if (!m->used) {
		m->used = 1;
		git_oid_cpy(&m->commit, commit);
		r->memo_count++;
	}
	git_oid_cpy(&m->root, root);
	git_oid_cpy(&m->content, content);
	return m;
}

/* A new reference to the raw tree id: r->last when it is that tree,
 * else read. */
static int
tree_get(git_odb_object **out, struct gf_reader *r, const git_oid *id)
{
	if (r->last && git_oid_equal(git_odb_object_id(r->last), id))
		return git_odb_object_dup(out, r->last) < 0 ?
		    pm_gitfacts__fail(&r->err, "tree") : 0;
	if ((r->odb == NULL && git_repository_odb(&r->odb, r->repo) < 0) ||
	    git_odb_read(out, r->odb, id) < 0)
		return pm_gitfacts__fail(&r->err, "tree");
	if (git_odb_object_type(*out) != GIT_OBJECT_TREE) {
		char hex[GIT_OID_HEXSZ + 1];

		git_odb_object_free(*out);
		*out = NULL;
		return pm_error_set(&r->err, PM_ERROR, NULL, 0, 0,
		    "history: %s is not a tree", git_oid_tostr(hex,
		    sizeof(hex), id));
	}
	return 0;
}

/*
 * The raw trees of a folder: id in this commit and old (NULL: none) in
 * the parent.  A folder's tasks come together in the walk's order (oldest
 * first), so the tree a commit gives the folder is the parent's tree in
 * the next task: keeping the last tree read, every version of a folder
 * is read once.
 */
static int
folder_trees(git_odb_object **tree, git_odb_object **prev,
    struct gf_reader *r, const git_oid *id, const git_oid *old)
{
	int rc;

	*tree = *prev = NULL;
	if ((rc = tree_get(tree, r, id)) < 0 ||
	    (old && (rc = tree_get(prev, r, old)) < 0))
		return rc;
	git_odb_object_free(r->last);
	if (git_odb_object_dup(&r->last, *tree) < 0) {
		r->last = NULL;
		return pm_gitfacts__fail(&r->err, "tree");
	}
	return 0;
}

/* The content tree inside the tree root, zero when there is none. */
static int
content_tree_id(git_oid *out, struct gf_reader *r, const git_oid *root)
{
	git_tree *tree = NULL;
	git_tree_entry *entry = NULL;
	int rc = 0, found;

	memset(out, 0, sizeof(*out));
	if (r->content[0] == '\0') {
		git_oid_cpy(out, root);
		goto out;
	}
	if (git_tree_lookup(&tree, r->repo, root) < 0) {
		rc = pm_gitfacts__fail(&r->err, "tree");
		goto out;
	}
	found = git_tree_entry_bypath(&entry, tree, r->content);
	if (found == GIT_ENOTFOUND)
		goto out;
	if (found < 0) {
		rc = pm_gitfacts__fail(&r->err, r->content);
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
memo_commit(struct gf_memo **out, struct gf_reader *r,
    const git_commit *commit, const struct gf_memo *parent)
{
	const git_oid *root = git_commit_tree_id(commit);
	git_oid content;
	int rc = 0;

	if (parent && git_oid_equal(&parent->root, root))
		git_oid_cpy(&content, &parent->content);
	else if ((rc = content_tree_id(&content, r, root)) < 0)
		goto out;
	*out = memo_put(r, git_commit_id(commit), root, &content);
out:
	return rc;
}

static int
memo_fetch(struct gf_memo **out, struct gf_reader *r, const git_oid *id)
{
	git_commit *commit = NULL;
	int rc = 0;

	*out = memo_slot(r, id);
	if ((*out)->used)
		goto out;
	if (git_commit_lookup(&commit, r->repo, id) < 0) {
		rc = pm_gitfacts__fail(&r->err, "commit");
		goto out;
	}
	rc = memo_commit(out, r, commit, NULL);
out:
	git_commit_free(commit);
	return rc;
}


/* What one folder's comparison needs in the callback of
 * pm_gitfacts__tree_diff. */
struct folder {
	struct gf_reader *r;
	const struct gf_task *t;
	int depth;		/* folders above the entries */
};

/*
 * Entry e of the new tree is absent from the old one (o NULL) or differs
 * from o.  Deleting a file is not writing it, so deletions never come
 * here; an entry that became a folder or stopped being one comes as two
 * names, as git orders "x/" apart from "x".
 */
static void
changed(void *ctx, const struct gf_entry *e, const struct gf_entry *o)
{
	struct folder *f = ctx;
	struct gf_reader *r = f->r;
	size_t base = r->path.len;
	git_oid id, old;

	git_oid_fromraw(&id, e->id);
	if (base > 0)
		pm_buf_putc(&r->path, '/');
	pm_buf_put(&r->path, e->name, e->len);
	if (pm_gitfacts__is_blob(e) &&
	    pm_source_is_markdown(pm_buf_cstr(&r->path) + base + (base > 0)))
		note(r, f->t, &id);
	else if (pm_gitfacts__is_tree(e) && f->depth < MAX_DEPTH) {
		if (o && pm_gitfacts__is_tree(o))
			git_oid_fromraw(&old, o->id);
		add_task(r, f->t->commit, f->t->parent, &id,
		    o && pm_gitfacts__is_tree(o) ? &old : NULL);
	}
	pm_buf_truncate(&r->path, base);
}

int
pm_gitfacts__compare(struct gf_reader *r, const struct gf_task *t,
    int depth)
{
	git_odb_object *tree = NULL, *prev = NULL;
	struct folder f = { r, t, depth };
	int rc;

	pm_buf_truncate(&r->path, 0);
	pm_buf_put(&r->path, t->path, t->len);
	if ((rc = folder_trees(&tree, &prev, r, &t->tree,
	    git_oid_is_zero(&t->old) ? NULL : &t->old)) == 0 &&
	    pm_gitfacts__tree_diff(git_odb_object_data(tree),
	    git_odb_object_size(tree), prev ? git_odb_object_data(prev) :
	    NULL, prev ? git_odb_object_size(prev) : 0, changed, &f) < 0) {
		rc = pm_error_set(&r->err, PM_ERROR, NULL, 0, 0,
		    "history: folder \"%s\": a malformed tree entry",
		    t->len ? t->path : r->content);
	}
	git_odb_object_free(prev);
	git_odb_object_free(tree);
	return rc;
}

int
pm_gitfacts__read(struct gf_reader *r, size_t i, const git_oid *id,
    struct gf_found *found)
{
	git_commit *commit = NULL;
	struct gf_memo *self, *first = NULL, *parent;
	const git_signature *sig;
	unsigned int parents;
	git_oid content;
	int rc = 0;

	memset(found, 0, sizeof(*found));
	if (git_commit_lookup(&commit, r->repo, id) < 0) {
		rc = pm_gitfacts__fail(&r->err, "commit");
		goto out;
	}
	parents = git_commit_parentcount(commit);
	if (parents > 0 && (rc = memo_fetch(&first, r, git_commit_parent_id(
	    commit, 0))) < 0)
		goto out;
	if ((rc = memo_commit(&self, r, commit, first)) < 0)
		goto out;
	/* self may move when the memo grows: keep the id, not the slot. */
	git_oid_cpy(&content, &self->content);
	if (git_oid_is_zero(&content))
		goto out;
	/* A commit whose content equals a parent's changed nothing. */
	for (unsigned int k = 0; k < parents; k++) {
		if ((rc = memo_fetch(&parent, r,
		    git_commit_parent_id(commit, k))) < 0)
			goto out;
		if (git_oid_equal(&parent->content, &content))
			goto out;
	}
	/*
	 * The content folder, against each parent.  A merge is compared
	 * with all its parents even when the first shows no Markdown file
	 * changed (the crediting then finds nothing to confirm): what the
	 * first shows is known only once its subfolders are compared.
	 */
	pm_buf_truncate(&r->path, 0);
	if (parents == 0)
		add_task(r, i, 0, &content, NULL);
	for (unsigned int k = 0; k < parents; k++) {
		if ((rc = memo_fetch(&parent, r,
		    git_commit_parent_id(commit, k))) < 0)
			goto out;
		add_task(r, i, k, &content, git_oid_is_zero(&parent->content) ?
		    NULL : &parent->content);
	}
	sig = git_commit_author(commit);
	found->by = r;
	found->parents = parents;
	found->when = sig->when;
	found->author = put_text(r, sig->name, sig->name ?
	    strlen(sig->name) : 0);
	found->email = put_text(r, sig->email, sig->email ?
	    strlen(sig->email) : 0);
out:
	git_commit_free(commit);
	return rc;
}

void
pm_gitfacts__reader_init(struct gf_reader *r, git_repository *repo,
    const char *content)
{
	memset(r, 0, sizeof(*r));
	r->repo = repo;
	r->content = content;
	pm_buf_init(&r->path);
	pm_buf_init(&r->text);
	pm_buf_init(&r->task_text);
	r->memo_mask = 1023;
	r->memo = pm_xcalloc(r->memo_mask + 1, sizeof(*r->memo));
	pm_error_clear(&r->err);
}

void
pm_gitfacts__reader_free(struct gf_reader *r)
{
	git_odb_object_free(r->last);
	git_odb_free(r->odb);
	free(r->memo);
	free(r->changes);
	free(r->tasks);
	pm_buf_free(&r->task_text);
	pm_buf_free(&r->path);
	pm_buf_free(&r->text);
}
