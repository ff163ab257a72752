/*
 * source.c: listing and reading the Markdown files of the content path,
 * from the committed tree or from the working tree.  Finding the
 * repository and resolving the ref live in source_open.c, the history
 * walk in gitfacts.c.
 */
#include "source.h"
#include "source_int.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "arena.h"
#include "buf.h"
#include "gitfacts.h"

/* Directories nested deeper than this under the content path are refused:
 * a hostile tree could otherwise recurse until the stack runs out. */
#define MAX_DEPTH	64

#define CONFIG_NAME	"pmsite.yml"

/* The walk over a tree or a folder: names relative to the content path. */
struct lister {
	struct pm_source *src;
	struct pm_buf name;	/* relative to the content path */
	struct pm_buf fs;	/* worktree: the same entry on disk */
	struct pm_error *err;
};


/* C0, DEL and C1 controls: a name holding one can rewrite a terminal. */
static int
is_control(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp < 0xa0);
}

/* Why a name is refused, or NULL when it is fine. */
static const char *
name_problem(const char *name, size_t n)
{
	uint32_t cp;
	int control = 0;

	for (size_t i = 0, len; i < n; i += len) {
		if ((len = pm_utf8_decode(&cp, name + i, n - i)) == 0)
			return "name that is not valid UTF-8";
		control |= is_control(cp);
	}
	return control ? "name with control characters" : NULL;
}

/* The repository-relative path of name (relative to the content path). */
static const char *
doc_path(struct pm_source *src, const char *name, size_t len)
{
	size_t clen = strlen(src->content);
	char *path;

	if (clen == 0)
		return pm_arena_strndup(src->arena, name, len);
	path = pm_arena_alloc(src->arena, clen + 1 + len + 1);
	memcpy(path, src->content, clen);
	path[clen] = '/';
	memcpy(path + clen + 1, name, len);
	path[clen + 1 + len] = '\0';
	return path;
}

static void
warn(struct lister *l, const char *what)
{
	struct pm_source *src = l->src;
	const unsigned char *s = (const unsigned char *)l->name.ptr;
	struct pm_buf line = PM_BUF_INIT;
	uint32_t cp = 0;

	if (src->content[0]) {
		pm_buf_puts(&line, src->content);
		pm_buf_putc(&line, '/');
	}
	/* Print the name as far as it is printable UTF-8, and the rest as
	 * \xNN, so the warning itself cannot garble a terminal. */
	for (size_t i = 0, len; i < l->name.len; i += len) {
		len = pm_utf8_decode(&cp, l->name.ptr + i, l->name.len - i);
		if (len == 0 || is_control(cp)) {
			for (size_t k = 0; k < (len ? len : 1); k++)
				pm_buf_printf(&line, "\\x%02x", s[i + k]);
			len = len ? len : 1;
		} else {
			pm_buf_put(&line, s + i, len);
		}
	}
	pm_buf_printf(&line, ": warning: skipping %s", what);
	if (src->nwarnings == src->warnings_cap) {
		src->warnings_cap = src->warnings_cap ?
		    src->warnings_cap * 2 : 8;
		src->warnings = pm_xrealloc(src->warnings,
		    pm_xmul(src->warnings_cap, sizeof(*src->warnings)));
	}
	src->warnings[src->nwarnings++] = pm_arena_strndup(src->arena,
	    line.ptr, line.len);
	pm_buf_free(&line);
}

int
pm_source_is_markdown(const char *name)
{
	size_t len = strlen(name);

	return len > 3 && memcmp(name + len - 3, ".md", 3) == 0;
}

/* Add the file l->name as a document, or warn about its name. */
static void
add_doc(struct lister *l, const char *blob_hex)
{
	struct pm_source *src = l->src;
	const char *problem = name_problem(l->name.ptr, l->name.len);
	struct pm_doc *doc;

	if (problem) {
		warn(l, problem);
		return;
	}
	if (src->ndocs == src->docs_cap) {
		src->docs_cap = src->docs_cap ? src->docs_cap * 2 : 64;
		src->docs = pm_xrealloc(src->docs,
		    pm_xmul(src->docs_cap, sizeof(*src->docs)));
	}
	doc = &src->docs[src->ndocs++];
	memset(doc, 0, sizeof(*doc));
	doc->pack_key = UINT64_MAX;	/* until pm_source__pack_keys() */
	doc->name = pm_arena_strndup(src->arena, l->name.ptr, l->name.len);
	doc->path = doc_path(src, l->name.ptr, l->name.len);
	if (blob_hex)
		memcpy(doc->blob_id, blob_hex, sizeof(doc->blob_id));
}

/* Append a path component to b, with a slash unless b is empty. */
static void
push(struct pm_buf *b, const char *name)
{
	if (b->len > 0)
		pm_buf_putc(b, '/');
	pm_buf_puts(b, name);
}

static int
too_deep(struct lister *l, int depth)
{
	if (depth <= MAX_DEPTH)
		return 0;
	return pm_error_set(l->err, PM_ELIMIT, doc_path(l->src, l->name.ptr,
	    l->name.len), 0, 0, "path too deep (more than %d directories)",
	    MAX_DEPTH);
}

static int
list_tree(struct lister *l, git_tree *tree, int depth)
{
	struct pm_source *src = l->src;
	size_t n = git_tree_entrycount(tree);
	int rc = 0;

	for (size_t i = 0; i < n && rc == 0; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		size_t base = l->name.len;
		char hex[41];
		git_tree *sub = NULL;

		push(&l->name, name);
		switch (git_tree_entry_filemode(e)) {
		case GIT_FILEMODE_TREE:
			if ((rc = too_deep(l, depth + 1)) < 0)
				break;
			if (git_tree_lookup(&sub, src->repo,
			    git_tree_entry_id(e)) < 0)
				rc = pm_error_set(l->err, PM_ERROR,
				    doc_path(src, l->name.ptr, l->name.len),
				    0, 0, "%s", git_message());
			else
				rc = list_tree(l, sub, depth + 1);
			git_tree_free(sub);
			break;
		case GIT_FILEMODE_LINK:
			warn(l, "symbolic link");
			break;
		case GIT_FILEMODE_COMMIT:
			warn(l, "submodule");
			break;
		case GIT_FILEMODE_BLOB:
		case GIT_FILEMODE_BLOB_EXECUTABLE:
			if (depth == 0 && strcmp(name, CONFIG_NAME) == 0) {
				git_oid_cpy(&src->config_id,
				    git_tree_entry_id(e));
			} else if (pm_source_is_markdown(name)) {
				git_oid_tostr(hex, sizeof(hex),
				    git_tree_entry_id(e));
				add_doc(l, hex);
			}
			break;
		default:
			break;
		}
		pm_buf_truncate(&l->name, base);
	}
	return rc;
}

/* The content tree of the resolved commit, listed. */
static int
list_commit(struct lister *l)
{
	struct pm_source *src = l->src;
	git_commit *commit = NULL;
	git_tree *root = NULL, *content = NULL;
	git_tree_entry *entry = NULL;
	const char *shown = pm_arena_printf(src->arena, "%s/", src->content);
	int rc = 0, found;

	if (git_commit_lookup(&commit, src->repo, &src->commit) < 0 ||
	    git_commit_tree(&root, commit) < 0) {
		rc = pm_error_set(l->err, PM_ERROR, NULL, 0, 0, "commit %s: %s",
		    src->commit_hex, git_message());
		goto out;
	}
	if (src->content[0] == '\0') {
		rc = list_tree(l, root, 0);
		goto out;
	}
	found = git_tree_entry_bypath(&entry, root, src->content);
	if (found == GIT_ENOTFOUND) {
		rc = pm_error_set(l->err, PM_ENOTFOUND, shown, 0, 0,
		    "no such path in %s", src->ref);
		goto out;
	}
	if (found < 0 || git_tree_entry_type(entry) != GIT_OBJECT_TREE) {
		rc = pm_error_set(l->err, PM_ERROR, shown, 0, 0,
		    "not a directory in %s", src->ref);
		goto out;
	}
	if (git_tree_lookup(&content, src->repo,
	    git_tree_entry_id(entry)) < 0) {
		rc = pm_error_set(l->err, PM_ERROR, shown, 0, 0, "%s",
		    git_message());
		goto out;
	}
	rc = list_tree(l, content, 0);
out:
	git_tree_free(content);
	git_tree_entry_free(entry);
	git_tree_free(root);
	git_commit_free(commit);
	return rc;
}

/* A copy of blob id in arena, NUL-terminated. */
/* The bytes of the regular file at path, into the arena. */
static int
read_file(struct pm_source *src, const char *path, const char *shown,
    const char **data, size_t *len, struct pm_error *err)
{
	struct stat st;
	char *copy = NULL;
	size_t got = 0;
	int fd, rc = 0;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW)) < 0 ||
	    fstat(fd, &st) < 0) {
		rc = pm_error_set(err, PM_ERROR, shown, 0, 0, "%s",
		    strerror(errno));
		goto out;
	}
	/* Listed as a regular file, but it may have been swapped since. */
	if (!S_ISREG(st.st_mode)) {
		rc = pm_error_set(err, PM_ERROR, shown, 0, 0,
		    "not a regular file");
		goto out;
	}
	copy = pm_arena_alloc(src->arena, (size_t)st.st_size + 1);
	/* A file that grows meanwhile is read as long as it was. */
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, copy + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = pm_error_set(err, PM_ERROR, shown, 0, 0, "%s",
			    strerror(errno));
			goto out;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	copy[got] = '\0';
	*data = copy;
	*len = got;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

static int
list_folder(struct lister *l, int depth)
{
	struct pm_source *src = l->src;
	struct dirent *ent;
	struct stat st;
	DIR *dir;
	int rc = 0;

	if ((dir = opendir(l->fs.ptr)) == NULL)
		return pm_error_set(l->err, PM_ERROR, l->fs.ptr, 0, 0, "%s",
		    strerror(errno));
	while (rc == 0 && (ent = readdir(dir)) != NULL) {
		const char *name = ent->d_name;
		size_t base = l->name.len, fs_base = l->fs.len;

		if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
		    strcmp(name, ".git") == 0)
			continue;
		push(&l->name, name);
		push(&l->fs, name);
		if (lstat(l->fs.ptr, &st) < 0) {
			rc = pm_error_set(l->err, PM_ERROR, l->fs.ptr, 0, 0,
			    "%s", strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			warn(l, "symbolic link");
		} else if (S_ISDIR(st.st_mode)) {
			size_t len = l->fs.len;

			/* A folder with its own .git is a submodule or a
			 * nested repository, not content. */
			pm_buf_puts(&l->fs, "/.git");
			if (lstat(l->fs.ptr, &st) == 0) {
				warn(l, "submodule");
			} else {
				pm_buf_truncate(&l->fs, len);
				if ((rc = too_deep(l, depth + 1)) == 0)
					rc = list_folder(l, depth + 1);
			}
		} else if (S_ISREG(st.st_mode)) {
			if (depth == 0 && strcmp(name, CONFIG_NAME) == 0)
				rc = read_file(src, l->fs.ptr,
				    doc_path(src, name, strlen(name)),
				    &src->config, &src->config_len, l->err);
			else if (pm_source_is_markdown(name))
				add_doc(l, NULL);
		} else if (pm_source_is_markdown(name)) {
			warn(l, "special file");
		}
		pm_buf_truncate(&l->name, base);
		pm_buf_truncate(&l->fs, fs_base);
	}
	closedir(dir);
	return rc;
}

/* The content folder of the working tree (or plain folder), listed. */
static int
list_worktree(struct lister *l)
{
	struct pm_source *src = l->src;
	const char *shown = pm_arena_printf(src->arena, "%s/", src->content);
	struct stat st;
	int rc;

	pm_buf_puts(&l->fs, src->workdir);
	if (src->content[0])
		push(&l->fs, src->content);
	/* stat, not lstat: a content folder given by a symbolic link is
	 * the user's explicit choice. */
	if (stat(l->fs.ptr, &st) < 0)
		rc = pm_error_set(l->err, errno == ENOENT ? PM_ENOTFOUND :
		    PM_ERROR, shown, 0, 0, "%s in the working tree",
		    errno == ENOENT ? "no such path" : strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		rc = pm_error_set(l->err, PM_ERROR, shown, 0, 0,
		    "not a directory in the working tree");
	else
		rc = list_folder(l, 0);
	return rc;
}

/* Read the listed documents (and the committed pmsite.yml); blobs in the
 * order of the packs, which is several times faster than by path. */
static int
read_docs(struct pm_source *src, struct pm_error *err)
{
	size_t *order = NULL;
	uint64_t *keys;
	int rc = 0;

	if (src->lazy)
		goto config;
	if (!src->worktree) {
		/* The walk has not run yet: the keys of the tips only. */
		struct pm_packorder *po = pm_source__pack_order(src);

		pm_source__pack_keys(src, po);
		pm_packorder_free(po);
		keys = pm_xcalloc(src->ndocs + 1, sizeof(*keys));
		order = pm_xcalloc(src->ndocs + 1, sizeof(*order));
		for (size_t i = 0; i < src->ndocs; i++)
			keys[i] = src->docs[i].pack_key;
		pm_source_read_order(keys, src->ndocs, order);
		free(keys);
	}
	for (size_t i = 0; i < src->ndocs && rc == 0; i++) {
		struct pm_doc *doc = &src->docs[order ? order[i] : i];
		git_oid id;

		if (!src->worktree) {
			if (git_oid_fromstr(&id, doc->blob_id) < 0)
				rc = pm_error_set(err, PM_ERROR, doc->path, 0,
				    0, "%s", git_message());
			else
				rc = pm_source__copy_blob(src, &id, doc->path,
				    src->arena, &doc->data, &doc->len, err);
			continue;
		}
		rc = read_file(src, pm_arena_printf(src->arena, "%s/%s",
		    src->workdir, doc->path), doc->path, &doc->data, &doc->len,
		    err);
		if (rc < 0)
			break;
		/* With a repository its filters (line endings) apply, so an
		 * unchanged file keeps the id of its committed blob. */
		if ((src->repo ? git_repository_hashfile(&id, src->repo,
		    doc->path, GIT_OBJECT_BLOB, NULL) : git_odb_hash(&id,
		    doc->data, doc->len, GIT_OBJECT_BLOB)) < 0)
			rc = pm_error_set(err, PM_ERROR, doc->path, 0, 0, "%s",
			    git_message());
		else
			git_oid_tostr(doc->blob_id, sizeof(doc->blob_id), &id);
	}
	free(order);
config:
	if (rc == 0 && !src->worktree && !git_oid_is_zero(&src->config_id))
		rc = pm_source__copy_blob(src, &src->config_id, CONFIG_NAME,
		    src->arena, &src->config, &src->config_len, err);
	return rc;
}

static int
doc_cmp(const void *a, const void *b)
{
	return strcmp(((const struct pm_doc *)a)->path,
	    ((const struct pm_doc *)b)->path);
}

int
pm_source_load(struct pm_source *src, struct pm_error *err)
{
	struct pm_packorder *po;
	struct lister l;
	int rc;

	if (src->loaded)
		return 0;
	memset(&l, 0, sizeof(l));
	l.src = src;
	l.err = err;
	pm_buf_init(&l.name);
	pm_buf_init(&l.fs);
	rc = src->worktree ? list_worktree(&l) : list_commit(&l);
	if (rc == 0 && src->ndocs > 1)
		qsort(src->docs, src->ndocs, sizeof(*src->docs), doc_cmp);
	if (rc == 0)
		rc = read_docs(src, err);
	if (rc == 0 && src->has_commit) {
		struct pm_gitfacts_run run = { .prior = src->prior };

		run.more = pm_source__walk_handles;
		run.more_ctx = src;
		run.nmore = (size_t)src->threads - 1;
		rc = pm_gitfacts_fill(src->docs, src->ndocs, src->repo,
		    &src->commit, src->content, &run, src->arena, err);
		src->history = run.history;
		src->walked = run.walked;
		src->resumed = run.resumed;
		/* Every document's and version's key, for the readers
		 * (and again for a document read above: a few lookups).
		 * Not kept open through the walk: the indexes count in
		 * its peak. */
		po = pm_source__pack_order(src);
		pm_source__pack_keys(src, po);
		pm_packorder_free(po);
	}
	src->prior = NULL;
	if (rc < 0) {
		src->ndocs = 0;
		src->config = NULL;
		src->config_len = 0;
	}
	src->loaded = rc == 0;
	pm_buf_free(&l.name);
	pm_buf_free(&l.fs);
	return rc;
}

void
pm_source_resume(struct pm_source *src, const struct pm_history *prior)
{
	src->prior = prior;
}

const struct pm_history *
pm_source_history(const struct pm_source *src)
{
	return src->history;
}

size_t
pm_source_walked(const struct pm_source *src, int *resumed)
{
	if (resumed)
		*resumed = src->resumed;
	return src->walked;
}

size_t
pm_source_count(const struct pm_source *src)
{
	return src->ndocs;
}

const struct pm_doc *
pm_source_doc(const struct pm_source *src, size_t i)
{
	return i < src->ndocs ? &src->docs[i] : NULL;
}

const char *
pm_source_config(const struct pm_source *src, size_t *len)
{
	if (len)
		*len = src->config ? src->config_len : 0;
	return src->config;
}

const char *
pm_source_workdir(const struct pm_source *src)
{
	return src->workdir;
}

const char *
pm_source_commit(const struct pm_source *src)
{
	return src->commit_hex;
}

const char *
pm_source_commit_time(const struct pm_source *src)
{
	return src->commit_time;
}

const char *
pm_source_content_path(const struct pm_source *src)
{
	return src->content;
}

size_t
pm_source_warning_count(const struct pm_source *src)
{
	return src->nwarnings;
}

const char *
pm_source_warning(const struct pm_source *src, size_t i)
{
	return i < src->nwarnings ? src->warnings[i] : NULL;
}

void
pm_source_release(struct pm_source *src)
{
	pm_source__readers_close(src);
	git_repository_free(src->repo);
	src->repo = NULL;
}

void
pm_source_free(struct pm_source *src)
{
	if (src == NULL)
		return;
	pm_source__readers_free(src);
	git_repository_free(src->repo);
	free(src->docs);
	free(src->warnings);
	pm_arena_free(src->arena);
	free(src);
}
