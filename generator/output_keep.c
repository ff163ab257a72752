/*
 * output_keep.c: incremental output: keeping the files whose bytes did not
 * change, or that a caller knows did not (pm_output_keep()), and
 * recycling the tree a swap replaced, so a rebuild makes and removes only
 * what changed instead of every folder of the site.
 */
#include "output_int.h"
#include "buf.h"
#include "fsutil.h"
#include "output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIR_FLAGS (O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)

/*
 * The folder dir (relative, '/'-separated, "" for root itself) under root,
 * opened without following links: in one call where the system can
 * (pm_fs_open_beneath()), else one level at a time.  With create, the
 * missing levels are made, and a level that is not a folder is replaced:
 * writers claim their paths first (output.c), so in the staging tree such
 * a thing can only be a leftover of a recycled tree.  A level is opened
 * before it is made, since in a rebuild it nearly always exists already;
 * other writers may make the same levels at once, hence the tolerance of
 * EEXIST and ENOENT.  Returns a descriptor the caller closes, or -1.
 */
static int
open_dirs(const struct pm_output *o, int root, const char *dir, int create)
{
	char comp[PM_OUTPUT_NAME_MAX + 1];
	int fd = root, next;

	if (*dir == '\0')
		return dup(root);
	if (o->beneath) {
		fd = pm_fs_open_beneath(root, dir);
		/* A level missing, not a folder or a link: the walk
		 * would find the same, so it is needed only to make or
		 * replace the level.  Anything else (no openat2, a
		 * seccomp filter) is left to the walk. */
		if (fd >= 0 || (!create && (errno == ENOENT ||
		    errno == ENOTDIR || errno == ELOOP)))
			return fd;
		fd = root;
	}
	while (fd >= 0 && *dir) {
		size_t n = strcspn(dir, "/");

		memcpy(comp, dir, n);	/* output.c bounds n */
		comp[n] = '\0';
		dir += n + (dir[n] == '/');
		next = openat(fd, comp, DIR_FLAGS);
		if (next < 0 && create && errno == ENOENT) {
			if (mkdirat(fd, comp, 0755) == 0 || errno == EEXIST)
				next = openat(fd, comp, DIR_FLAGS);
		} else if (next < 0 && create && (errno == ENOTDIR ||
		    errno == ELOOP)) {
			(void)unlinkat(fd, comp, 0);
			(void)mkdirat(fd, comp, 0755);
			next = openat(fd, comp, DIR_FLAGS);
		}
		if (fd != root)
			close(fd);
		fd = next;
	}
	return fd;
}

/* Does name under dirfd hold exactly these len bytes?  A regular file
 * only, whose stat goes to *st; read in pieces, so a large page costs no
 * large buffer. */
static int
same_bytes(struct stat *st, int dirfd, const char *name, const char *data,
    size_t len)
{
	char piece[16384];
	size_t done = 0;
	int fd, same = 0;

	fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return 0;
	if (fstat(fd, st) < 0 || !S_ISREG(st->st_mode) ||
	    (uint64_t)st->st_size != (uint64_t)len)
		goto out;
	while (done < len) {
		size_t want = len - done < sizeof(piece) ? len - done :
		    sizeof(piece);
		ssize_t n = read(fd, piece, want);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || memcmp(piece, data + done, (size_t)n) != 0)
			goto out;
		done += (size_t)n;
	}
	same = 1;
out:
	close(fd);
	return same;
}

/* Split relpath into its folder (into dir, "" at the top) and name. */
static const char *
split(char dir[PM_OUTPUT_PATH_MAX + 1], const char *relpath)
{
	const char *slash = strrchr(relpath, '/');
	size_t n = slash ? (size_t)(slash - relpath) : 0;

	memcpy(dir, relpath, n);
	dir[n] = '\0';
	return slash ? slash + 1 : relpath;
}

/*
 * Make the staging tree's relpath (folder dir, file name) the replaced
 * site's file name under from, whose stat is *old: a hard link, or
 * nothing when a recycled tree holds that very file already.
 */
static int
link_into(struct pm_output *o, int from, const char *dir, const char *name,
    const struct stat *old)
{
	struct stat st;
	int to, rc = -1;

	to = open_dirs(o, o->staging_fd, dir, 1);
	if (to < 0)
		return -1;
	if (o->recycled &&
	    fstatat(to, name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (S_ISREG(st.st_mode) && st.st_ino == old->st_ino &&
		    st.st_dev == old->st_dev) {
			rc = 0;
			goto out;
		}
		if (pm_fs_remove(to, o->display, name, NULL) < 0)
			goto out;
	}
	if (linkat(from, name, to, name, 0) == 0)
		rc = 0;
out:
	close(to);
	return rc;
}

int
pm_output__keep(struct pm_output *o, const char *relpath, const void *data,
    size_t len)
{
	char dir[PM_OUTPUT_PATH_MAX + 1];
	const char *name = split(dir, relpath);
	struct stat old;
	int from, rc = -1;

	from = open_dirs(o, o->old_fd, dir, 0);
	if (from >= 0 && same_bytes(&old, from, name, data, len))
		rc = link_into(o, from, dir, name, &old);
	if (from >= 0)
		close(from);
	return rc;
}

/* Do the files a and b (descriptors) hold the same bytes?  Read in
 * pieces, as same_bytes() does. */
static int
same_files(int a, int b)
{
	char pa[16384], pb[sizeof(pa)];

	for (;;) {
		ssize_t na = read(a, pa, sizeof(pa)), nb;
		size_t got = 0;

		if (na < 0 && errno == EINTR)
			continue;
		if (na < 0)
			return 0;
		while (got < (size_t)na) {
			nb = read(b, pb + got, (size_t)na - got);
			if (nb < 0 && errno == EINTR)
				continue;
			if (nb <= 0)
				return 0;
			got += (size_t)nb;
		}
		if (na == 0)
			return read(b, pb, 1) == 0;
		if (memcmp(pa, pb, (size_t)na) != 0)
			return 0;
	}
}

int
pm_output__keep_written(struct pm_output *o, const char *relpath)
{
	char dir[PM_OUTPUT_PATH_MAX + 1];
	const char *name = split(dir, relpath);
	struct pm_buf tmp = PM_BUF_INIT;
	struct stat old, now;
	int from = -1, to = -1, a = -1, b = -1, rc = -1;

	if ((from = open_dirs(o, o->old_fd, dir, 0)) < 0 ||
	    (to = open_dirs(o, o->staging_fd, dir, 0)) < 0)
		goto out;
	a = openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	b = openat(to, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (a < 0 || b < 0 || fstat(a, &old) < 0 || fstat(b, &now) < 0 ||
	    !S_ISREG(old.st_mode) || old.st_size != now.st_size ||
	    !same_files(a, b))
		goto out;
	/* The old file takes the written one's place, keeping its inode
	 * and mtime: linked beside it under a name no page can have (a
	 * leading dot), then renamed over it, so that whatever fails, a
	 * file with these bytes stays at relpath. */
	pm_buf_printf(&tmp, ".%s.keep", name);
	if (linkat(from, name, to, tmp.ptr, 0) == 0) {
		if (renameat(to, tmp.ptr, to, name) == 0)
			rc = 0;
		else
			(void)unlinkat(to, tmp.ptr, 0);
	}
out:
	pm_buf_free(&tmp);
	if (a >= 0)
		close(a);
	if (b >= 0)
		close(b);
	if (to >= 0)
		close(to);
	if (from >= 0)
		close(from);
	return rc;
}

void
pm_output_stat_of(struct pm_output_stat *out, const struct stat *st)
{
	out->size = (uint64_t)st->st_size;
	out->ino = (uint64_t)st->st_ino;
	out->mtime_s = (int64_t)st->st_mtim.tv_sec;
	out->mtime_ns = (int64_t)st->st_mtim.tv_nsec;
	out->ctime_s = (int64_t)st->st_ctim.tv_sec;
	out->ctime_ns = (int64_t)st->st_ctim.tv_nsec;
}

int
pm_output_stat_equal(const struct pm_output_stat *a,
    const struct pm_output_stat *b)
{
	return a->size == b->size && a->ino == b->ino &&
	    a->mtime_s == b->mtime_s && a->mtime_ns == b->mtime_ns &&
	    a->ctime_s == b->ctime_s && a->ctime_ns == b->ctime_ns;
}

/* Is st a regular file, the one that expect describes? */
static int
same_stat(const struct stat *st, const struct pm_output_stat *expect)
{
	struct pm_output_stat now;

	pm_output_stat_of(&now, st);
	return S_ISREG(st->st_mode) && pm_output_stat_equal(&now, expect);
}

/* The folder of relpath in the replaced site, when its file name there
 * is the file expect describes; -1 otherwise.  *old gets its stat. */
static int
open_old(struct stat *old, struct pm_output *o, const char *dir,
    const char *name, const struct pm_output_stat *expect)
{
	int from = open_dirs(o, o->old_fd, dir, 0);

	if (from >= 0 && (fstatat(from, name, old, AT_SYMLINK_NOFOLLOW) < 0 ||
	    !same_stat(old, expect))) {
		close(from);
		from = -1;
	}
	return from;
}

/* The bytes of name under from appended to out, when it is still the
 * file expect describes: 0, or -1. */
static int
read_old(struct pm_buf *out, int from, const char *name,
    const struct pm_output_stat *expect)
{
	struct stat st;
	int fd, rc = -1;

	fd = openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !same_stat(&st, expect))
		goto out;
	pm_buf_grow(out, (size_t)expect->size);
	while (out->len < (size_t)expect->size) {
		ssize_t n = read(fd, out->ptr + out->len,
		    (size_t)expect->size - out->len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto out;
		out->len += (size_t)n;
	}
	if (out->ptr)
		out->ptr[out->len] = '\0';
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

int
pm_output__clear(struct pm_output *o, const char *relpath)
{
	char dir[PM_OUTPUT_PATH_MAX + 1];
	const char *name = split(dir, relpath);
	int to, rc = -1;

	to = open_dirs(o, o->staging_fd, dir, 1);
	if (to >= 0) {
		rc = pm_fs_remove(to, o->display, name, NULL) < 0 ? -1 : 0;
		close(to);
	}
	return rc;
}

/*
 * A recycled tree mostly holds the very file already: a page unchanged
 * for two builds was linked into both sites, and the tree of the one
 * before last is the staging tree now.  Then the stat of the staging
 * tree's entry is the one expect describes (a stat is the inode's), and
 * claiming the path is all there is to do: half the system calls of a
 * check in the replaced site and a link.  1 when kept, 0 when not (the
 * caller goes on), PM_ERROR.
 */
static int
kept_in_place(struct pm_output *o, const char *relpath, const char *dir,
    const char *name, const struct pm_output_stat *expect,
    struct pm_error *err)
{
	struct stat st;
	int to = open_dirs(o, o->staging_fd, dir, 0), same, rc;

	if (to < 0)
		return 0;
	same = fstatat(to, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    same_stat(&st, expect);
	close(to);
	if (!same)
		return 0;
	if ((rc = pm_output__reserve(o, relpath, err)) < 0)
		return rc;
	pm_output__tally(o, 1, expect->size);
	pm_output__know(o, relpath, expect);
	return 1;
}

/*
 * The replaced site's folder of relpath is opened once, and its
 * descriptor serves the check that the file is the one the caller knew,
 * the link and, when the link is refused, the read: a kept page is most
 * of a rebuild, and each open is a system call per folder level.  A
 * second check just before the link would not close the window in which
 * the file could be replaced, only narrow it.
 */
int
pm_output_keep(struct pm_output *o, const char *relpath,
    const struct pm_output_stat *expect, struct pm_error *err)
{
	char dir[PM_OUTPUT_PATH_MAX + 1];
	const char *name;
	struct pm_buf bytes = PM_BUF_INIT;
	struct stat old;
	int from, rc;

	/* The check bounds relpath for split(). */
	if (o->old_fd < 0 || pm_output__path_problem(relpath))
		return 0;
	name = split(dir, relpath);
	if (o->recycled && (rc = kept_in_place(o, relpath, dir, name, expect,
	    err)) != 0)
		return rc;
	if ((from = open_old(&old, o, dir, name, expect)) < 0)
		return 0;
	if ((rc = pm_output__reserve(o, relpath, err)) < 0)
		goto out;
	if (link_into(o, from, dir, name, &old) == 0) {
		pm_output__tally(o, 1, expect->size);
		rc = 1;
		goto out;
	}
	/* The file is the right one but cannot be linked (EXDEV, EMLINK):
	 * its bytes are as good. */
	if (read_old(&bytes, from, name, expect) < 0) {
		rc = pm_error_set(err, PM_ERROR, o->display, 0, 0,
		    "%s changed during the build", relpath);
		goto out;
	}
	if (o->recycled)
		(void)pm_output__clear(o, relpath);
	if ((rc = pm_fs_write(o->staging_fd, o->display, relpath,
	    bytes.ptr ? bytes.ptr : "", bytes.len, err)) < 0)
		goto out;
	pm_output__tally(o, 0, bytes.len);
	rc = 1;
out:
	pm_buf_free(&bytes);
	close(from);
	return rc;
}

int
pm_output__rewrite(struct pm_output *o, const char *relpath)
{
	char dir[PM_OUTPUT_PATH_MAX + 1];
	const char *name;
	struct stat st, now;
	int to, fd;

	if (!o->recycled || pm_output__path_problem(relpath))
		return -1;
	name = split(dir, relpath);
	if ((to = open_dirs(o, o->staging_fd, dir, 0)) < 0)
		return -1;
	/* Asked before the open, so that nothing but a regular file is
	 * ever opened for writing (a fifo would block, a device act). */
	fd = fstatat(to, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISREG(st.st_mode) && st.st_nlink == 1 ? openat(to, name,
	    O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC) : -1;
	close(to);
	if (fd >= 0 && (fstat(fd, &now) < 0 || now.st_ino != st.st_ino ||
	    now.st_dev != st.st_dev || now.st_nlink != 1)) {
		close(fd);
		fd = -1;
	}
	return fd;
}

int
pm_output_open_last(struct pm_output *o, const char *relpath,
    const struct pm_output_stat *expect)
{
	char dir[PM_OUTPUT_PATH_MAX + 1];
	const char *name;
	struct stat st;
	int from, fd;

	if (o->old_fd < 0 || pm_output__path_problem(relpath))
		return -1;
	name = split(dir, relpath);
	if ((from = open_dirs(o, o->old_fd, dir, 0)) < 0)
		return -1;
	fd = openat(from, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	close(from);
	if (fd >= 0 && (fstat(fd, &st) < 0 || !same_stat(&st, expect))) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Remove path (any kind of thing) when it exists; errors are ignored:
 * a leftover only costs space, and the next open tries again. */
static void
remove_path(const char *path)
{
	char *copy = pm_xstrdup(path), *slash = strrchr(copy, '/');
	const char *dir = slash == copy ? "/" : slash ? copy : ".";
	int fd;

	if (slash)
		*slash = '\0';
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		(void)pm_fs_remove(fd, dir, slash ? slash + 1 : copy, NULL);
		close(fd);
	}
	free(copy);
}

int
pm_output__recycle(struct pm_output *o, int use, struct pm_error *err)
{
	struct stat st;
	int found, fd;

	if (o->spare == NULL)
		return 0;
	found = lstat(o->spare, &st) == 0;
	/* rename() replaces the empty staging folder made by mkdtemp. */
	if (found && use && S_ISDIR(st.st_mode) &&
	    renameat(AT_FDCWD, o->spare, o->parent_fd, o->staging) == 0) {
		/* staging_fd still names the empty folder, now gone. */
		fd = openat(o->parent_fd, o->staging, O_RDONLY | O_DIRECTORY |
		    O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			return pm_fs_error(err, o->display, "staging directory",
			    errno);
		close(o->staging_fd);
		o->staging_fd = fd;
		o->recycled = 1;
		return 0;
	}
	if (found)
		remove_path(o->spare);
	/* Not recycling now means not parking for later either. */
	if (!use) {
		free(o->spare);
		o->spare = NULL;
	}
	return 0;
}

int
pm_output__park(struct pm_output *o, const char *old)
{
	if (o->spare == NULL)
		return -1;
	remove_path(o->spare);
	return renameat(o->parent_fd, old, AT_FDCWD, o->spare);
}

void
pm_output__set_beneath(struct pm_output *o, int enabled)
{
	o->beneath = enabled;
}

/* pm_output_list(): the claimed files, with the stats kept in place. */
static int
compare_files(const void *a, const void *b)
{
	return strcmp(((const struct pm_output_file *)a)->path,
	    ((const struct pm_output_file *)b)->path);
}

struct pm_output_file *
pm_output_list(const struct pm_output *o, size_t *count)
{
	struct pm_output_file *files = pm_xcalloc(o->written.count + 1,
	    sizeof(*files));
	struct pm_output_file *known = NULL;
	size_t n = 0, k = 0;

	for (size_t i = 0; i < o->written.cap; i++)
		if (o->written.slots[i])
			files[n++].path = o->written.slots[i];
	qsort(files, n, sizeof(*files), compare_files);
	if (o->nknown > 0) {
		known = pm_xcalloc(o->nknown, sizeof(*known));
		memcpy(known, o->known, o->nknown * sizeof(*known));
		qsort(known, o->nknown, sizeof(*known), compare_files);
	}
	/* Both sorted, and the known are among the listed: one merge. */
	for (size_t i = 0; i < n && k < o->nknown; i++)
		if (strcmp(files[i].path, known[k].path) == 0)
			files[i] = known[k++];
	free(known);
	*count = n;
	return files;
}

void
pm_output__know(struct pm_output *o, const char *relpath,
    const struct pm_output_stat *st)
{
	pthread_mutex_lock(&o->lock);
	if (o->nknown == o->known_cap) {
		o->known_cap = o->known_cap ? 2 * o->known_cap : 256;
		o->known = pm_xrealloc(o->known, pm_xmul(o->known_cap,
		    sizeof(*o->known)));
	}
	o->known[o->nknown++] = (struct pm_output_file){
		pm_arena_strdup(o->arena, relpath), 1, *st };
	pthread_mutex_unlock(&o->lock);
}
