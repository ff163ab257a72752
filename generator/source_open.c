/*
 * source_open.c: finding the repository (or the plain folder) a build
 * reads, normalising the content path and resolving the ref to a commit.
 */
#include "source.h"
#include "source_int.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "arena.h"
#include "buf.h"
#include "gitfacts.h"
#include "odbguard.h"

/*
 * "./content//x/" -> "content/x"; "" or "." -> "".  Absolute paths and
 * ".." are refused: the content path names a folder of the tree.
 */
static int
normalise_content(struct pm_source *src, const char *path,
    struct pm_error *err)
{
	struct pm_buf b = PM_BUF_INIT;
	const char *p = path ? path : "";
	int rc = 0;

	if (p[0] == '/') {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0, "content path "
		    "'%s' must be relative to the repository", p);
		goto out;
	}
	while (*p) {
		size_t len = strcspn(p, "/");

		if (len == 2 && memcmp(p, "..", 2) == 0) {
			rc = pm_error_set(err, PM_ERROR, NULL, 0, 0, "content "
			    "path '%s' leaves the repository", path);
			goto out;
		}
		if (len > 0 && !(len == 1 && p[0] == '.')) {
			if (b.len > 0)
				pm_buf_putc(&b, '/');
			pm_buf_put(&b, p, len);
		}
		p += len;
		while (*p == '/')
			p++;
	}
	src->content = pm_arena_strdup(src->arena, pm_buf_cstr(&b));
out:
	pm_buf_free(&b);
	return rc;
}

/* The working directory, kept without trailing slashes so that paths
 * made from it read the same whichever way it was found ("/" stays). */
static void
set_workdir(struct pm_source *src, const char *dir)
{
	size_t len = strlen(dir);

	while (len > 1 && dir[len - 1] == '/')
		len--;
	src->workdir = pm_arena_strndup(src->arena, dir, len);
}

/* A folder outside any repository, for worktree mode: made absolute, as
 * the working directory of a repository is. */
static int
open_folder(struct pm_source *src, const char *dir, struct pm_error *err)
{
	char cwd[PATH_MAX];
	struct stat st;
	const char *abs = dir;
	int rc = 0;

	if (stat(dir, &st) < 0) {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "repository: %s: %s", dir, strerror(errno));
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "repository: %s: not a directory", dir);
		goto out;
	}
	if (dir[0] != '/') {
		if (getcwd(cwd, sizeof(cwd)) == NULL) {
			rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
			    "repository: %s: %s", dir, strerror(errno));
			goto out;
		}
		abs = strcmp(dir, ".") == 0 ? pm_arena_strdup(src->arena, cwd) :
		    pm_arena_printf(src->arena, "%s/%s", cwd, dir);
	}
	set_workdir(src, abs);
out:
	return rc;
}

int
pm_source__reopen(const struct pm_source *src, git_repository **out)
{
	/* Discovery behaves as git does in a hook or a script: GIT_DIR and
	 * GIT_CEILING_DIRECTORIES apply.  An explicit folder is taken as
	 * given, whatever the environment says. */
	if (src->open_dir)
		return git_repository_open_ext(out, src->open_dir, 0, NULL);
	return git_repository_open_ext(out, NULL,
	    GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
}

static int
open_repository(struct pm_source *src, const char *dir, struct pm_error *err)
{
	char cwd[PATH_MAX];
	const char *workdir;
	int rc = 0, found;

	if (dir)
		src->where = pm_arena_strdup(src->arena, dir);
	else
		src->where = pm_arena_strdup(src->arena,
		    getcwd(cwd, sizeof(cwd)) ? cwd : ".");
	src->open_dir = dir ? src->where : NULL;
	found = pm_source__reopen(src, &src->repo);
	if (found == GIT_ENOTFOUND && src->worktree) {
		rc = open_folder(src, dir ? dir : ".", err);
		goto out;
	}
	if (found == GIT_ENOTFOUND) {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "repository: %s: could not find repository", src->where);
		goto out;
	}
	if (found < 0) {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "repository: %s: %s", src->where, git_message());
		goto out;
	}
	workdir = git_repository_workdir(src->repo);
	if (workdir == NULL && src->worktree) {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0, "repository: %s: "
		    "a bare repository has no working tree", src->where);
		goto out;
	}
	if (workdir)
		set_workdir(src, workdir);
	rc = pm_odbguard_attach(src->repo, err);
out:
	return rc;
}

/*
 * The commit src->ref names.  A repository without commits is an error in
 * committed mode; in worktree mode it only means there are no facts.
 */
static int
resolve_ref(struct pm_source *src, struct pm_error *err)
{
	git_object *obj = NULL, *commit = NULL;
	int rc = 0, found;

	if (strcmp(src->ref, "HEAD") == 0 &&
	    git_repository_head_unborn(src->repo) == 1) {
		if (!src->worktree)
			rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
			    "repository: %s: no commits yet", src->where);
		goto out;
	}
	found = git_revparse_single(&obj, src->repo, src->ref);
	if (found == GIT_ENOTFOUND) {
		rc = pm_error_set(err, PM_ENOTFOUND, NULL, 0, 0,
		    "unknown ref '%s'", src->ref);
		goto out;
	}
	if (found == GIT_EAMBIGUOUS) {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "ambiguous ref '%s'", src->ref);
		goto out;
	}
	if (found < 0) {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0, "ref '%s': %s",
		    src->ref, git_message());
		goto out;
	}
	if (git_object_peel(&commit, obj, GIT_OBJECT_COMMIT) < 0) {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "ref '%s' names a %s, not a commit", src->ref,
		    git_object_type2string(git_object_type(obj)));
		goto out;
	}
	git_oid_cpy(&src->commit, git_object_id(commit));
	git_oid_tostr(src->commit_hex, sizeof(src->commit_hex), &src->commit);
	{
		const git_signature *sig = git_commit_author(
		    (const git_commit *)commit);

		src->commit_time = pm_gitfacts__iso8601(src->arena,
		    sig->when.time, sig->when.offset);
	}
	src->has_commit = 1;
out:
	git_object_free(commit);
	git_object_free(obj);
	return rc;
}

void
pm_source_init_libgit2(void)
{
	git_libgit2_init();
	/*
	 * libgit2 re-hashes every object it reads to check its SHA-1; on the
	 * history walk that is most of the time (10,000 files over 20,000
	 * commits: 5.2 s of CPU with it, 1.9 s without).  Damaged objects are
	 * still refused: zlib checks every inflated object and packs carry
	 * their own checksums.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/*
	 * libgit2 keeps small trees and commits it has read, up to 256 MB,
	 * for a second read.  The walk reads each commit once and compares a
	 * tree with the next commit's, and keeps what it needs itself: the
	 * cache only held memory (78 MB of a 10,000-postmortem build's
	 * 682 MB peak) without making the walk faster.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_CACHING, 0);
}

int
pm_source_open(struct pm_source **out, const struct pm_source_opts *opts,
    struct pm_error *err)
{
	struct pm_source *src = pm_xcalloc(1, sizeof(*src));
	int rc;

	*out = NULL;
	src->arena = pm_arena_new();
	pm_source__readers_init(src);
	src->worktree = opts->worktree;
	/* Worktree documents are hashed from their bytes: read them all. */
	src->lazy = opts->lazy && !opts->worktree;
	src->threads = opts->threads > 1 ? opts->threads : 1;
	src->ref = pm_arena_strdup(src->arena,
	    opts->ref && opts->ref[0] ? opts->ref : "HEAD");
	if ((rc = normalise_content(src, opts->content_path, err)) < 0 ||
	    (rc = open_repository(src, opts->repo_dir, err)) < 0)
		goto out;
	if (src->repo && (rc = resolve_ref(src, err)) < 0)
		goto out;
	*out = src;
	src = NULL;
out:
	pm_source_free(src);
	return rc;
}

