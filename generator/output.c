/* output.c: staging a site beside its target and swapping it in atomically. */
/* realpath() is an XSI extension that glibc hides from plain POSIX. */
#define _XOPEN_SOURCE 700

#include "output.h"
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
#define TMP_KIND "tmp"
#define OLD_KIND "old"
#define SUFFIX_LEN 6		/* the XXXXXX of mkdtemp */
#define COPY_MAX (256u << 20)	/* a larger theme asset is a mistake */

/* Dot-names a site may publish, only at the top: GitHub Pages reads
 * .nojekyll there to serve the tree as is. */
static const char *const dot_whitelist[] = { ".nojekyll" };

enum state { OPEN, COMMITTED, ABORTED };

struct pathset {
	const char **slots;	/* strings in the output's arena */
	size_t cap;		/* a power of two, or 0 */
	size_t count;
};

struct pm_output {
	char *display;		/* out_dir as given, for messages */
	char *path;		/* parent_real/base */
	char *parent;		/* realpath of the parent */
	char *base;		/* last component of path */
	char *staging;		/* staging directory's name in parent */
	int parent_fd;
	int staging_fd;
	mode_t dir_mode;	/* what mkdir(0755) gives under the umask */
	int force;
	int exchange;
	/* The lock guards the fields below it while writers run. */
	pthread_mutex_t lock;
	enum state state;
	struct pm_arena *arena;
	struct pathset written;
	size_t files;
	uint64_t bytes;
};

static size_t
hash_str(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Insert s; returns 1 when it was new, 0 when already present. */
static int
pathset_add(struct pathset *set, struct pm_arena *arena, const char *s)
{
	size_t i;

	if ((set->count + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 64;
		const char **slots = pm_xcalloc(cap, sizeof(*slots));

		for (size_t k = 0; k < set->cap; k++) {
			if (set->slots[k] == NULL)
				continue;
			i = hash_str(set->slots[k]) & (cap - 1);
			while (slots[i])
				i = (i + 1) & (cap - 1);
			slots[i] = set->slots[k];
		}
		free(set->slots);
		set->slots = slots;
		set->cap = cap;
	}
	i = hash_str(s) & (set->cap - 1);
	for (; set->slots[i]; i = (i + 1) & (set->cap - 1))
		if (strcmp(set->slots[i], s) == 0)
			return 0;
	set->slots[i] = pm_arena_strdup(arena, s);
	set->count++;
	return 1;
}

static int
is_whitelisted(const char *comp, size_t len)
{
	for (size_t i = 0; i < sizeof(dot_whitelist) / sizeof(*dot_whitelist);
	    i++)
		if (strlen(dot_whitelist[i]) == len &&
		    memcmp(dot_whitelist[i], comp, len) == 0)
			return 1;
	return 0;
}

/* NULL when relpath is a safe output path, else why not. */
static const char *
path_problem(const char *relpath)
{
	size_t len, depth = 0;
	const char *p, *comp;

	if (relpath == NULL || relpath[0] == '\0')
		return "empty path";
	len = strnlen(relpath, PM_OUTPUT_PATH_MAX + 1);
	if (len > PM_OUTPUT_PATH_MAX)
		return "longer than 1024 bytes";
	if (relpath[0] == '/')
		return "absolute path";
	for (p = relpath; *p; p++) {
		if (*p == '\\')
			return "backslash in path";
		if (!isalnum((unsigned char)*p) && !strchr("._-/", *p))
			return "character other than A-Z a-z 0-9 . _ - /";
	}
	for (comp = relpath;; comp = p + 1) {
		size_t n;

		p = strchr(comp, '/');
		n = p ? (size_t)(p - comp) : strlen(comp);
		if (++depth > PM_OUTPUT_DEPTH_MAX)
			return "too many directory levels";
		if (n == 0)
			return "empty path component";
		if (n > PM_OUTPUT_NAME_MAX)
			return "path component longer than 255 bytes";
		if (n == 2 && comp[0] == '.' && comp[1] == '.')
			return "'..' component";
		if (n == 1 && comp[0] == '.')
			return "'.' component";
		if (comp[0] == '.' && !(depth == 1 && p == NULL &&
		    is_whitelisted(comp, n)))
			return "hidden component (starts with '.')";
		if (p == NULL)
			break;
	}
	return NULL;
}

static int
path_error(struct pm_error *err, const char *relpath, const char *why)
{
	char shown[84];
	size_t i = 0;

	/* Quote at most 80 bytes, printable only: the path came from
	 * content and must not break the one-line message. */
	for (const char *p = relpath ? relpath : ""; *p && i < 80; p++)
		shown[i++] = isprint((unsigned char)*p) ? *p : '?';
	if (relpath && strlen(relpath) > 80) {
		memcpy(shown + i, "...", 3);
		i += 3;
	}
	shown[i] = '\0';
	return pm_error_set(err, PM_ERROR, NULL, 0, 0,
	    "invalid output path \"%s\": %s", shown, why);
}

int
pm_output_write(struct pm_output *o, const char *relpath, const void *data,
    size_t len, struct pm_error *err)
{
	struct pm_buf file = PM_BUF_INIT;
	const char *why;
	int rc = PM_ERROR, fresh = 0;
	enum state state;

	why = path_problem(relpath);
	if (why) {
		rc = path_error(err, relpath, why);
		goto out;
	}
	pthread_mutex_lock(&o->lock);
	state = o->state;
	if (state == OPEN)
		fresh = pathset_add(&o->written, o->arena, relpath);
	pthread_mutex_unlock(&o->lock);
	if (state != OPEN) {
		rc = pm_error_set(err, PM_ERROR, o->display, 0, 0,
		    "output already %s", state == COMMITTED ? "committed" :
		    "aborted");
		goto out;
	}
	if (!fresh) {
		pm_buf_printf(&file, "%s/%s", o->display, relpath);
		rc = pm_error_set(err, PM_EEXISTS, file.ptr, 0, 0,
		    "written twice (two pages claim one output path)");
		goto out;
	}
	rc = pm_fs_write(o->staging_fd, o->display, relpath, data, len, err);
	if (rc < 0)
		goto out;
	pthread_mutex_lock(&o->lock);
	o->files++;
	o->bytes += len;
	pthread_mutex_unlock(&o->lock);
out:
	pm_buf_free(&file);
	return rc;
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

int
pm_output_open(struct pm_output **out, const char *out_dir,
    const struct pm_output_opts *opts, struct pm_error *err)
{
	static const struct pm_output_opts defaults = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o;
	int exists, rc = PM_ERROR;

	*out = NULL;
	if (opts == NULL)
		opts = &defaults;
	o = pm_xcalloc(1, sizeof(*o));
	o->display = pm_xstrdup(out_dir ? out_dir : "");
	o->parent_fd = -1;
	o->staging_fd = -1;
	o->force = opts->force;
	o->exchange = 1;
	o->state = ABORTED;	/* nothing to remove until staging exists */
	o->arena = pm_arena_new();
	pthread_mutex_init(&o->lock, NULL);
	if ((rc = resolve(o, out_dir, err)) < 0 ||
	    (rc = refuse_precious(o, opts->repo_root, err)) < 0)
		goto out;
	o->parent_fd = open(o->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->parent_fd < 0) {
		rc = pm_fs_error(err, o->display, "parent directory", errno);
		goto out;
	}
	if ((rc = clean_stale(o, err)) < 0 ||
	    (rc = check_target(o, &exists, err)) < 0)
		goto out;
	o->state = OPEN;
	if ((rc = make_staging(o, err)) < 0)
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
		return e->depth >= PM_OUTPUT_DEPTH_MAX ? path_error(err,
		    c->dest.ptr, "too many directory levels") : 0;
	return pm_output_write(c->o, c->dest.ptr, e->data, e->len, err);
}

int
pm_output_copy_dir(struct pm_output *o, const char *src_dir,
    const char *dest_rel, struct pm_error *err)
{
	struct copy c = { o, dest_rel ? dest_rel : "", PM_BUF_INIT };
	const char *why;
	int fd = -1, rc = PM_ERROR;

	if (c.dest_rel[0] && (why = path_problem(c.dest_rel))) {
		rc = path_error(err, c.dest_rel, why);
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
	char *old = NULL;
	int exists, rc = PM_ERROR;

	if (o->state != OPEN) {
		rc = pm_error_set(err, PM_ERROR, o->display, 0, 0,
		    "output already %s", o->state == COMMITTED ?
		    "committed" : "aborted");
		goto out;
	}
	if ((rc = pm_fs_write(o->staging_fd, o->display, MARKER_NAME,
	    MARKER_TEXT, strlen(MARKER_TEXT), err)) < 0)
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
	if (fsync(o->parent_fd) < 0) {
		rc = pm_fs_error(err, o->parent, "fsync", errno);
		goto out;
	}
	rc = 0;
out:
	if (old)
		(void)pm_fs_remove(o->parent_fd, o->parent, old, NULL);
	free(old);
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
	pthread_mutex_destroy(&o->lock);
	free(o->written.slots);
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
