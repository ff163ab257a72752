/* output.c: staging a site beside its target and swapping it in atomically. */
/* realpath() is an XSI extension that glibc hides from plain POSIX. */
#define _XOPEN_SOURCE 700

#include "output.h"
#include "output_int.h"
#include "arena.h"
#include "buf.h"
#include "fsutil.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MARKER_NAME ".pmsite"
#define MARKER_TEXT "pmsite site v1\n"
#define MARKER_PREFIX "pmsite site v"
#define STAMP_KEY "build "	/* the marker's second line, when stamped */
#define STAMP_MAX 200
#define STAMP_CHARS "0123456789abcdefghijklmnopqrstuvwxyz" \
	"ABCDEFGHIJKLMNOPQRSTUVWXYZ._-"
#define TMP_KIND "tmp"
#define OLD_KIND "old"
#define SUFFIX_LEN 6		/* the XXXXXX of mkdtemp */
#define COPY_MAX (256u << 20)	/* a larger theme asset is a mistake */
#define OPEN PM_OUTPUT_OPEN
#define COMMITTED PM_OUTPUT_COMMITTED
#define ABORTED PM_OUTPUT_ABORTED

int
pm_output__reserve(struct pm_output *o, const char *relpath, struct pm_error *err)
{
	struct pm_buf file = PM_BUF_INIT;
	const char *why;
	enum pm_output_state state;
	size_t at = 0;
	int rc;

	if ((why = pm_output__path_problem(relpath)) != NULL)
		return pm_output__path_error(err, relpath, why);
	pthread_mutex_lock(&o->lock);
	state = o->state;
	if (state == OPEN &&
	    (why = pm_output__conflict(o, relpath, &at)) == NULL)
		pm_output__claim(o, relpath);
	pthread_mutex_unlock(&o->lock);
	if (state != OPEN)
		return pm_error_set(err, PM_ERROR, o->display, 0, 0,
		    "output already %s", state == COMMITTED ? "committed" :
		    "aborted");
	if (why == NULL)
		return 0;
	pm_buf_printf(&file, "%s/%.*s", o->display, (int)at, relpath);
	rc = pm_error_set(err, PM_EEXISTS, file.ptr, 0, 0, "%s", why);
	pm_buf_free(&file);
	return rc;
}

void
pm_output__tally(struct pm_output *o, int kept, uint64_t len)
{
	pthread_mutex_lock(&o->lock);
	o->files++;
	o->kept += (size_t)kept;
	o->bytes += len;
	pthread_mutex_unlock(&o->lock);
}

int
pm_output_write(struct pm_output *o, const char *relpath, const void *data,
    size_t len, struct pm_error *err)
{
	int rc, kept;

	if ((rc = pm_output__reserve(o, relpath, err)) < 0)
		return rc;
	kept = o->old_fd >= 0 && pm_output__keep(o, relpath, data, len) == 0;
	/* A recycled tree may hold anything at relpath: make room first;
	 * if that fails, the write reports what is in the way. */
	if (!kept && o->recycled)
		(void)pm_output__clear(o, relpath);
	if (!kept && (rc = pm_fs_write(o->staging_fd, o->display, relpath,
	    data, len, err)) < 0)
		return rc;
	pm_output__tally(o, kept, len);
	return 0;
}

/* Is name `.BASE.pmsite-KIND-` followed by a mkdtemp suffix? */
static int
is_pmsite_dir(const char *name, const char *base, const char *kind)
{
	size_t blen = strlen(base), klen = strlen(kind);
	const char *p = name;

	if (*p++ != '.' || strncmp(p, base, blen) != 0)
		return 0;
	p += blen;
	if (strncmp(p, ".pmsite-", 8) != 0)
		return 0;
	p += 8;
	if (strncmp(p, kind, klen) != 0 || p[klen] != '-')
		return 0;
	p += klen + 1;
	if (strlen(p) != SUFFIX_LEN)
		return 0;
	for (; *p; p++)
		if (!isalnum((unsigned char)*p))
			return 0;
	return 1;
}

/*
 * Tidy what killed builds left beside out_dir.  If out_dir is missing and
 * an old tree exists, a build died between the two fallback renames: the
 * first such tree (in name order) becomes out_dir again.  Every other
 * staging or old directory is removed; removal errors are ignored since a
 * leftover only costs space and is retried next time.
 */
static int
clean_stale(struct pm_output *o, struct pm_error *err)
{
	char **names = NULL;
	int missing, rc = PM_ERROR;
	struct stat st;

	if (pm_fs_list(&names, o->parent_fd, o->parent, err) < 0)
		goto out;
	missing = fstatat(o->parent_fd, o->base, &st, AT_SYMLINK_NOFOLLOW) <
	    0 && errno == ENOENT;
	for (char **p = names; *p; p++) {
		if (!pm_fs_is_dir(o->parent_fd, *p))
			continue;
		if (missing && is_pmsite_dir(*p, o->base, OLD_KIND)) {
			if (renameat(o->parent_fd, *p, o->parent_fd,
			    o->base) < 0) {
				pm_fs_error(err, o->display,
				    "restore interrupted swap", errno);
				goto out;
			}
			missing = 0;
			continue;
		}
		if (is_pmsite_dir(*p, o->base, TMP_KIND) ||
		    is_pmsite_dir(*p, o->base, OLD_KIND))
			(void)pm_fs_remove(o->parent_fd, o->parent, *p, NULL);
	}
	rc = 0;
out:
	pm_fs_names_free(names);
	return rc;
}

/* Does the directory dfd hold a .pmsite marker pmsite wrote? */
static int
has_marker(int dfd)
{
	char line[32];
	ssize_t n;
	int fd;

	fd = openat(dfd, MARKER_NAME, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, line, sizeof(line) - 1);
	close(fd);
	if (n < 0)
		return 0;
	line[n] = '\0';
	return strncmp(line, MARKER_PREFIX, strlen(MARKER_PREFIX)) == 0 &&
	    isdigit((unsigned char)line[strlen(MARKER_PREFIX)]);
}

/*
 * May the existing out_dir be replaced?  Sets *exists.  Used at open and
 * again at commit, because the target may change during a long build.
 */
static int
check_target(struct pm_output *o, int *exists, struct pm_error *err)
{
	struct stat st;
	char **names = NULL;
	int dfd = -1, rc = PM_ERROR;

	*exists = 0;
	if (fstatat(o->parent_fd, o->base, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		if (errno == ENOENT)
			rc = 0;
		else
			pm_fs_error(err, o->display, "stat", errno);
		goto out;
	}
	*exists = 1;
	if (!S_ISDIR(st.st_mode)) {
		rc = pm_error_set(err, PM_EEXISTS, o->display, 0, 0,
		    "exists and is not a directory; refusing to replace it");
		goto out;
	}
	dfd = openat(o->parent_fd, o->base, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);
	if (dfd < 0) {
		pm_fs_error(err, o->display, "open", errno);
		goto out;
	}
	if (has_marker(dfd) || o->force) {
		rc = 0;
		goto out;
	}
	if (pm_fs_list(&names, dfd, o->display, err) < 0)
		goto out;
	if (names[0] != NULL) {
		rc = pm_error_set(err, PM_EEXISTS, o->display, 0, 0,
		    "directory not made by pmsite (no %s marker) and not "
		    "empty; refusing to replace it without force", MARKER_NAME);
		goto out;
	}
	rc = 0;
out:
	pm_fs_names_free(names);
	if (dfd >= 0)
		close(dfd);
	return rc;
}

/* Is dir the same as path or one of its ancestors?  Both are absolute and
 * resolved. */
static int
covers(const char *dir, const char *path)
{
	size_t n = strlen(dir);

	if (strcmp(dir, "/") == 0)
		return 1;
	return strncmp(dir, path, n) == 0 &&
	    (path[n] == '\0' || path[n] == '/');
}

/* The path of the entry pre+name+post in out_dir's parent; free() it. */
static char *
in_parent(const struct pm_output *o, const char *pre, const char *name,
    const char *post)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_printf(&b, "%s/%s%s%s", strcmp(o->parent, "/") == 0 ? "" :
	    o->parent, pre, name, post);
	return pm_buf_detach(&b, NULL);
}

/* Fill o->path, o->parent and o->base from out_dir. */
static int
resolve(struct pm_output *o, const char *out_dir, struct pm_error *err)
{
	char *copy = NULL, *real = NULL, *slash;
	const char *base, *parent;
	size_t len;
	struct stat st;
	int rc = PM_ERROR;

	if (out_dir == NULL || out_dir[0] == '\0') {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "empty output directory");
		goto out;
	}
	copy = pm_xstrdup(out_dir);
	len = strlen(copy);
	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	slash = strrchr(copy, '/');
	base = slash ? slash + 1 : copy;
	if (strcmp(base, ".") == 0 || strcmp(base, "..") == 0 ||
	    strcmp(copy, "/") == 0 ||
	    (lstat(copy, &st) == 0 && S_ISLNK(st.st_mode))) {
		/* Nothing to split: resolve the whole path, which must
		 * therefore exist. */
		real = realpath(copy, NULL);
		if (real == NULL) {
			pm_fs_error(err, o->display, "resolve", errno);
			goto out;
		}
		if (strcmp(real, "/") == 0) {
			rc = pm_error_set(err, PM_EEXISTS, o->display, 0, 0,
			    "refusing to write the site over /");
			goto out;
		}
		slash = strrchr(real, '/');
		*slash = '\0';
		o->parent = pm_xstrdup(slash == real ? "/" : real);
		o->base = pm_xstrdup(slash + 1);
	} else {
		if (slash == copy)
			parent = "/";
		else if (slash) {
			*slash = '\0';
			parent = copy;
		} else
			parent = ".";
		o->parent = realpath(parent, NULL);
		if (o->parent == NULL) {
			pm_fs_error(err, o->display, "parent directory", errno);
			goto out;
		}
		o->base = pm_xstrdup(base);
	}
	o->path = in_parent(o, "", o->base, "");
	rc = 0;
out:
	free(real);
	free(copy);
	return rc;
}

/* The refusals no option overrides: $HOME, the repository and the
 * ancestors of either ("/" is the ancestor of everything). */
static int
refuse_precious(struct pm_output *o, const char *repo_root,
    struct pm_error *err)
{
	const char *home = getenv("HOME");
	struct pm_buf git = PM_BUF_INIT;
	char *real = NULL;
	int rc = PM_EEXISTS;

	if (home && home[0] && (real = realpath(home, NULL)) != NULL &&
	    covers(o->path, real)) {
		pm_error_set(err, rc, o->display, 0, 0,
		    "refusing to write the site over %s",
		    strcmp(o->path, real) == 0 ? "the home directory" :
		    "an ancestor of the home directory");
		goto out;
	}
	free(real);
	real = NULL;
	if (repo_root) {
		real = realpath(repo_root, NULL);
		if (real == NULL) {
			rc = pm_fs_error(err, repo_root, "repository root",
			    errno);
			goto out;
		}
		if (covers(o->path, real)) {
			pm_error_set(err, rc, o->display, 0, 0,
			    "refusing to write the site over %s",
			    strcmp(o->path, real) == 0 ?
			    "the repository root" :
			    "an ancestor of the repository root");
			goto out;
		}
		pm_buf_printf(&git, "%s/.git", real);
		if (covers(git.ptr, o->path)) {
			pm_error_set(err, rc, o->display, 0, 0,
			    "refusing to write the site into the repository's "
			    ".git directory");
			goto out;
		}
	}
	rc = 0;
out:
	pm_buf_free(&git);
	free(real);
	return rc;
}

/* Create the staging directory and learn the umask's effect without
 * calling umask(), which would change process state other threads see. */
static int
make_staging(struct pm_output *o, struct pm_error *err)
{
	char *tmpl = NULL;
	struct stat st;
	int rc = PM_ERROR;

	tmpl = in_parent(o, ".", o->base, ".pmsite-" TMP_KIND "-XXXXXX");
	if (mkdtemp(tmpl) == NULL) {
		pm_fs_error(err, o->display, "create staging directory", errno);
		goto out;
	}
	o->staging = pm_xstrdup(strrchr(tmpl, '/') + 1);
	o->staging_fd = openat(o->parent_fd, o->staging, O_RDONLY |
	    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (o->staging_fd < 0 ||
	    mkdirat(o->staging_fd, "probe", 0755) < 0 ||
	    fstatat(o->staging_fd, "probe", &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    unlinkat(o->staging_fd, "probe", AT_REMOVEDIR) < 0) {
		pm_fs_error(err, o->display, "staging directory", errno);
		goto out;
	}
	o->dir_mode = st.st_mode & 07777;
	rc = 0;
out:
	free(tmpl);
	return rc;
}

/*
 * A new output for out_dir, validated as far as nothing on disk changes:
 * options, the path, the refusals, the parent opened.  *o is set either
 * way (to free).
 */
static int
prepare(struct pm_output **op, const char *out_dir,
    const struct pm_output_opts *opts, struct pm_error *err)
{
	struct pm_output *o = pm_xcalloc(1, sizeof(*o));
	int rc = PM_ERROR;

	*op = o;
	o->display = pm_xstrdup(out_dir ? out_dir : "");
	o->parent_fd = -1;
	o->staging_fd = -1;
	o->old_fd = -1;
	o->force = opts->force;
	o->jobs = opts->jobs;
	o->exchange = 1;
	o->beneath = 1;
	o->state = ABORTED;	/* nothing to remove until staging exists */
	o->arena = pm_arena_new();
	pthread_mutex_init(&o->lock, NULL);
	if (opts->stamp && (strlen(opts->stamp) > STAMP_MAX ||
	    strspn(opts->stamp, STAMP_CHARS) != strlen(opts->stamp))) {
		rc = pm_error_set(err, PM_ERROR, o->display, 0, 0,
		    "invalid marker stamp");
		goto out;
	}
	if (opts->stamp)
		o->stamp = pm_xstrdup(opts->stamp);
	if (opts->spare)
		o->spare = pm_xstrdup(opts->spare);
	if ((rc = resolve(o, out_dir, err)) < 0 ||
	    (rc = refuse_precious(o, opts->repo_root, err)) < 0)
		goto out;
	o->parent_fd = open(o->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->parent_fd < 0)
		rc = pm_fs_error(err, o->display, "parent directory", errno);
out:
	return rc;
}

int
pm_output_check(const char *out_dir, const struct pm_output_opts *opts,
    struct pm_error *err)
{
	static const struct pm_output_opts defaults = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	int exists, rc;

	if ((rc = prepare(&o, out_dir, opts ? opts : &defaults, err)) == 0)
		rc = check_target(o, &exists, err);
	pm_output_free(o);
	return rc;
}

int
pm_output_open(struct pm_output **out, const char *out_dir,
    const struct pm_output_opts *opts, struct pm_error *err)
{
	static const struct pm_output_opts defaults = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	int exists, rc = PM_ERROR;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	if ((rc = prepare(&o, out_dir, opts, err)) < 0 ||
	    (rc = clean_stale(o, err)) < 0 ||
	    (rc = check_target(o, &exists, err)) < 0)
		goto out;
	/* Only a site pmsite made is a source of files to keep: a foreign
	 * folder replaced with force is left alone. */
	if (opts->incremental && exists) {
		o->old_fd = openat(o->parent_fd, o->base, O_RDONLY |
		    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (o->old_fd >= 0 && !has_marker(o->old_fd)) {
			close(o->old_fd);
			o->old_fd = -1;
		}
	}
	o->state = OPEN;
	if ((rc = make_staging(o, err)) < 0 ||
	    (rc = pm_output__recycle(o, opts->incremental, err)) < 0)
		goto out;
	*out = o;
	o = NULL;
out:
	pm_output_free(o);
	return rc;
}

/* Where a pm_output_copy_dir() walk puts what it reads. */
struct copy {
	struct pm_output *o;
	const char *dest_rel;	/* "" for the top of the site */
	struct pm_buf dest;	/* the entry's output path */
};

static int
copy_entry(const struct pm_fs_entry *e, void *payload, struct pm_error *err)
{
	struct copy *c = payload;

	pm_buf_clear(&c->dest);
	pm_buf_printf(&c->dest, "%s%s%s", c->dest_rel,
	    c->dest_rel[0] ? "/" : "", e->rel);
	/* Stop before a directory whose files could only be refused. */
	if (e->kind == PM_FS_DIR)
		return e->depth >= PM_OUTPUT_DEPTH_MAX ?
		    pm_output__path_error(err, c->dest.ptr,
		    "too many directory levels") : 0;
	return pm_output_write(c->o, c->dest.ptr, e->data, e->len, err);
}

int
pm_output_copy_dir(struct pm_output *o, const char *src_dir,
    const char *dest_rel, struct pm_error *err)
{
	struct copy c = { o, dest_rel ? dest_rel : "", PM_BUF_INIT };
	const char *why;
	int fd = -1, rc = PM_ERROR;

	if (c.dest_rel[0] && (why = pm_output__path_problem(c.dest_rel))) {
		rc = pm_output__path_error(err, c.dest_rel, why);
		goto out;
	}
	/* Opened by name, so a src_dir that is a link is followed: the
	 * theme names it; links inside it are not (pm_fs_read_tree). */
	fd = open(src_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		rc = pm_fs_error(err, src_dir, "open", errno);
		goto out;
	}
	rc = pm_fs_read_tree(fd, src_dir, COPY_MAX, copy_entry, &c, err);
out:
	if (fd >= 0)
		close(fd);
	pm_buf_free(&c.dest);
	return rc;
}

/*
 * Put the staging tree at out_dir when out_dir exists.  On success *old_out
 * names (in the parent) the directory now holding the old site.
 */
static int
swap_in(struct pm_output *o, char **old_out, struct pm_error *err)
{
	char *tmpl = NULL;
	int rc = PM_ERROR;

	*old_out = NULL;
	if (o->exchange &&
	    pm_fs_exchange(o->parent_fd, o->staging, o->base) == 0) {
		*old_out = pm_xstrdup(o->staging);
		rc = 0;
		goto out;
	}
	if (o->exchange && errno != ENOSYS && errno != EINVAL &&
	    errno != ENOTSUP && errno != EOPNOTSUPP) {
		rc = pm_fs_error(err, o->display, "swap", errno);
		goto out;
	}
	/* Two renames: a reader may briefly find out_dir missing, and a
	 * crash in between is repaired by the next open (clean_stale).
	 * mkdtemp reserves a unique name; rename() replaces that empty
	 * directory atomically. */
	tmpl = in_parent(o, ".", o->base, ".pmsite-" OLD_KIND "-XXXXXX");
	if (mkdtemp(tmpl) == NULL) {
		rc = pm_fs_error(err, o->display, "reserve old name", errno);
		goto out;
	}
	*old_out = pm_xstrdup(strrchr(tmpl, '/') + 1);
	if (renameat(o->parent_fd, o->base, o->parent_fd, *old_out) < 0) {
		rc = pm_fs_error(err, o->display, "move old site aside", errno);
		unlinkat(o->parent_fd, *old_out, AT_REMOVEDIR);
		goto out;
	}
	if (renameat(o->parent_fd, o->staging, o->parent_fd, o->base) < 0) {
		rc = pm_fs_error(err, o->display, "rename", errno);
		(void)renameat(o->parent_fd, *old_out, o->parent_fd, o->base);
		goto out;
	}
	rc = 0;
out:
	if (rc < 0) {
		free(*old_out);
		*old_out = NULL;
	}
	free(tmpl);
	return rc;
}

int
pm_output_commit(struct pm_output *o, struct pm_error *err)
{
	struct pm_buf marker = PM_BUF_INIT;
	char *old = NULL;
	int exists, rc = PM_ERROR;

	if (o->state != OPEN) {
		rc = pm_error_set(err, PM_ERROR, o->display, 0, 0,
		    "output already %s", o->state == COMMITTED ?
		    "committed" : "aborted");
		goto out;
	}
	if ((rc = pm_output__sweep(o, err)) < 0)
		goto out;
	pm_buf_puts(&marker, MARKER_TEXT);
	if (o->stamp)
		pm_buf_printf(&marker, STAMP_KEY "%s\n", o->stamp);
	if ((rc = pm_fs_write(o->staging_fd, o->display, MARKER_NAME,
	    marker.ptr, marker.len, err)) < 0)
		goto out;
	if (pm_fs_sync(o->staging_fd) < 0 ||
	    fchmod(o->staging_fd, o->dir_mode) < 0) {
		rc = pm_fs_error(err, o->display, "staging directory", errno);
		goto out;
	}
	if ((rc = check_target(o, &exists, err)) < 0)
		goto out;
	if (!exists && renameat(o->parent_fd, o->staging, o->parent_fd,
	    o->base) < 0) {
		rc = pm_fs_error(err, o->display, "rename", errno);
		goto out;
	}
	if (exists && (rc = swap_in(o, &old, err)) < 0)
		goto out;
	o->state = COMMITTED;
	close(o->staging_fd);
	o->staging_fd = -1;
	if (o->old_fd >= 0)
		close(o->old_fd);
	o->old_fd = -1;
	if (fsync(o->parent_fd) < 0) {
		rc = pm_fs_error(err, o->parent, "fsync", errno);
		goto out;
	}
	rc = 0;
out:
	/* Parked, the replaced tree saves the next build from making every
	 * folder again (output_keep.c); else it goes. */
	if (old && pm_output__park(o, old) < 0)
		(void)pm_fs_remove(o->parent_fd, o->parent, old, NULL);
	free(old);
	pm_buf_free(&marker);
	return rc;
}

void
pm_output_abort(struct pm_output *o)
{
	if (o == NULL || o->state != OPEN)
		return;
	if (o->staging_fd >= 0)
		close(o->staging_fd);
	o->staging_fd = -1;
	if (o->staging)
		(void)pm_fs_remove(o->parent_fd, o->parent, o->staging,
		    NULL);
	o->state = ABORTED;
}

void
pm_output_free(struct pm_output *o)
{
	if (o == NULL)
		return;
	pm_output_abort(o);
	if (o->parent_fd >= 0)
		close(o->parent_fd);
	if (o->old_fd >= 0)
		close(o->old_fd);
	pthread_mutex_destroy(&o->lock);
	free(o->stamp);
	free(o->spare);
	free(o->dirs.slots);
	free(o->written.slots);
	free(o->known);
	pm_arena_free(o->arena);
	free(o->staging);
	free(o->path);
	free(o->parent);
	free(o->base);
	free(o->display);
	free(o);
}

size_t
pm_output_files(const struct pm_output *o)
{
	return o->files;
}

size_t
pm_output_kept(const struct pm_output *o)
{
	return o->kept;
}

int
pm_output_resolve(char **path_out, const char *out_dir,
    struct pm_error *err)
{
	struct pm_output o;
	int rc;

	memset(&o, 0, sizeof(o));
	o.display = (char *)(out_dir ? out_dir : "");
	*path_out = NULL;
	if ((rc = resolve(&o, out_dir, err)) == 0) {
		*path_out = o.path;
		o.path = NULL;
	}
	free(o.path);
	free(o.parent);
	free(o.base);
	return rc;
}

char *
pm_output_read_stamp(const char *site_dir)
{
	char text[sizeof(MARKER_TEXT) + sizeof(STAMP_KEY) + STAMP_MAX + 2];
	const char *p, *end;
	ssize_t n = -1;
	int dfd, fd = -1;

	dfd = open(site_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0)
		fd = openat(dfd, MARKER_NAME, O_RDONLY | O_NOFOLLOW |
		    O_CLOEXEC);
	if (fd >= 0)
		n = read(fd, text, sizeof(text) - 1);
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		close(dfd);
	if (n < 0)
		return NULL;
	text[n] = '\0';
	/* Exactly what commit writes, else nothing: a damaged marker is no
	 * promise about the site. */
	if (strncmp(text, MARKER_TEXT, strlen(MARKER_TEXT)) != 0)
		return NULL;
	p = text + strlen(MARKER_TEXT);
	if (strncmp(p, STAMP_KEY, strlen(STAMP_KEY)) != 0)
		return NULL;
	p += strlen(STAMP_KEY);
	end = strchr(p, '\n');
	if (end == NULL || end[1] != '\0' || end == p ||
	    strspn(p, STAMP_CHARS) != (size_t)(end - p))
		return NULL;
	return pm_xstrndup(p, (size_t)(end - p));
}

uint64_t
pm_output_bytes(const struct pm_output *o)
{
	return o->bytes;
}

const char *
pm_output_path(const struct pm_output *o)
{
	return o->path;
}

void
pm_output__set_exchange(struct pm_output *o, int enabled)
{
	o->exchange = enabled;
}
