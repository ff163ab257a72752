/*
 * gitfacts_read.c: what each commit changed under the content path, read
 * by comparing tree object ids.  A reader keeps what it needs between
 * commits (the content tree of each commit it has seen, the trees it
 * compared last) and writes its findings down, for gitfacts.c to credit
 * in the order of the walk.
 *
 * Why not git_diff: a diff loads and compares every entry of both trees and
 * builds delta records; comparing ids lets a commit that touches nothing
 * under the content path cost one id comparison, and one that touches a
 * file cost a merge of two sorted entry lists along the changed path only,
 * without reading a blob.
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

/* The file at r->path, now blob, differs from parent k. */
static void
note(struct gf_reader *r, unsigned int k, const git_oid *blob)
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
	c->parent = k;
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

/*
 * A new reference to the tree id (free it with git_tree_free), kept in
 * the cache too.  The cache holds its own reference, so evicting a tree
 * that a caller still uses only drops the cache's share.
 */
static int
tree_get(git_tree **out, struct gf_reader *r, const git_oid *id)
{
	struct gf_cached_tree *slot = &r->cache[0], *hit = NULL;
	git_tree *tree = NULL;
	int rc = 0;

	*out = NULL;
	r->clock++;
	for (size_t i = 0; i < GF_TREE_CACHE && hit == NULL; i++) {
		struct gf_cached_tree *c = &r->cache[i];

		if (c->tree && git_oid_equal(git_tree_id(c->tree), id))
			hit = c;
		else if (c->tree == NULL ||
		    (slot->tree && c->used < slot->used))
			slot = c;
	}
	if (hit == NULL) {
		if (git_tree_lookup(&tree, r->repo, id) < 0) {
			rc = pm_gitfacts__fail(&r->err, "tree");
			goto out;
		}
		git_tree_free(slot->tree);
		slot->tree = tree;
		hit = slot;
	}
	hit->used = r->clock;
	if (git_tree_dup(out, hit->tree) < 0)
		rc = pm_gitfacts__fail(&r->err, "tree");
out:
	return rc;
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


static int compare_trees(struct gf_reader *, git_tree *, git_tree *,
    unsigned int, int);

/* Entry e of the new tree is absent from the old one (o NULL) or differs
 * from o; depth is the number of folders above e. */
static int
compare_entry(struct gf_reader *r, const git_tree_entry *e,
    const git_tree_entry *o, unsigned int k, int depth)
{
	size_t base = r->path.len;
	const char *name = git_tree_entry_name(e);
	git_filemode_t mode = git_tree_entry_filemode(e);
	git_tree *sub = NULL, *old = NULL;
	int rc = 0;

	if (base > 0)
		pm_buf_putc(&r->path, '/');
	pm_buf_puts(&r->path, name);
	if ((mode == GIT_FILEMODE_BLOB ||
	    mode == GIT_FILEMODE_BLOB_EXECUTABLE) &&
	    pm_source_is_markdown(name)) {
		note(r, k, git_tree_entry_id(e));
	} else if (mode == GIT_FILEMODE_TREE && depth < MAX_DEPTH) {
		if ((rc = tree_get(&sub, r, git_tree_entry_id(e))) < 0)
			goto out;
		if (o && git_tree_entry_filemode(o) == GIT_FILEMODE_TREE &&
		    (rc = tree_get(&old, r, git_tree_entry_id(o))) < 0)
			goto out;
		rc = compare_trees(r, sub, old, k, depth + 1);
	}
out:
	git_tree_free(old);
	git_tree_free(sub);
	pm_buf_truncate(&r->path, base);
	return rc;
}

/*
 * Note the files whose blob in tree differs from old (NULL: empty).
 * Both entry lists are in git's order, so one merge pass pairs them; an
 * entry that became a directory or stopped being one compares as two
 * names, as git orders "x/" apart from "x".  Deleting a file is not
 * writing it, so deletions are passed over.
 */
static int
compare_trees(struct gf_reader *r, git_tree *tree, git_tree *old,
    unsigned int k, int depth)
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
		rc = compare_entry(r, e, o, k, depth);
	}
	return rc;
}

/* Note what differs between content trees id and old (zero: none). */
static int
compare_content(struct gf_reader *r, const git_oid *id, const git_oid *old,
    unsigned int k)
{
	git_tree *tree = NULL, *prev = NULL;
	int rc;

	if ((rc = tree_get(&tree, r, id)) < 0)
		goto out;
	if (!git_oid_is_zero(old) && (rc = tree_get(&prev, r, old)) < 0)
		goto out;
	pm_buf_truncate(&r->path, 0);
	rc = compare_trees(r, tree, prev, k, 0);
out:
	git_tree_free(prev);
	git_tree_free(tree);
	return rc;
}

int
pm_gitfacts__read(struct gf_reader *r, const git_oid *id,
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
	found->first = r->nchanges;
	if (parents == 0) {
		git_oid none;

		memset(&none, 0, sizeof(none));
		rc = compare_content(r, &content, &none, 0);
	}
	for (unsigned int k = 0; k < parents && rc == 0; k++) {
		git_oid old;

		if ((rc = memo_fetch(&parent, r,
		    git_commit_parent_id(commit, k))) < 0)
			goto out;
		git_oid_cpy(&old, &parent->content);
		rc = compare_content(r, &content, &old, k);
		/* Only the first parent makes a file known: when it saw no
		 * change, the others cannot add one. */
		if (r->nchanges == found->first)
			break;
	}
	if (rc < 0)
		goto out;
	sig = git_commit_author(commit);
	found->by = r;
	found->parents = parents;
	found->n = r->nchanges - found->first;
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
	r->memo_mask = 1023;
	r->memo = pm_xcalloc(r->memo_mask + 1, sizeof(*r->memo));
	pm_error_clear(&r->err);
}

void
pm_gitfacts__reader_free(struct gf_reader *r)
{
	for (size_t i = 0; i < GF_TREE_CACHE; i++)
		git_tree_free(r->cache[i].tree);
	free(r->memo);
	free(r->changes);
	pm_buf_free(&r->path);
	pm_buf_free(&r->text);
}
