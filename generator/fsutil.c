/* fsutil.c: directory trees through descriptors, never following a link. */
#if defined(__linux__) && !defined(_GNU_SOURCE)
/* syscall() for renameat2, openat2 and syncfs(): the atomic exchange, the
 * one-call walk beneath a folder and the one-call flush exist only on
 * Linux, and glibc hides them behind _GNU_SOURCE. */
#define _GNU_SOURCE
#endif

#include "fsutil.h"
#include "arena.h"
#include "buf.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/syscall.h>
#if defined(SYS_openat2)
#include <linux/openat2.h>
#endif
#endif

#ifndef RENAME_EXCHANGE
#define RENAME_EXCHANGE (1 << 1)
#endif

#define READ_CHUNK 65536

/* One walk of pm_fs_read_tree(); the buffers are reused at every level. */
struct walk {
	pm_fs_visit_fn visit;
	void *payload;
	uint64_t max_size;
	struct pm_buf path;	/* display/rel of the current entry */
	struct pm_buf rel;
	struct pm_buf data;	/* the current file's bytes */
};

int
pm_fs_error(struct pm_error *err, const char *file, const char *what,
    int errnum)
{
	char text[128];

	snprintf(text, sizeof(text), "%s", strerror(errnum));
	/* House style: messages are lowercase, strerror() is not. */
	text[0] = (char)tolower((unsigned char)text[0]);
	return pm_error_set(err, PM_ERROR, file, 0, 0, "%s: %s", what, text);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
pm_fs_names_free(char **names)
{
	if (names == NULL)
		return;
	for (char **p = names; *p; p++)
		free(*p);
	free(names);
}

/* Append a copy of name to the NULL-terminated *names (n so far). */
static void
names_push(char ***names, size_t *n, size_t *cap, const char *name)
{
	if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return;
	if (*n + 1 >= *cap) {
		*cap *= 2;
		*names = pm_xrealloc(*names, pm_xmul(*cap, sizeof(**names)));
	}
	(*names)[(*n)++] = pm_xstrdup(name);
	(*names)[*n] = NULL;
}

#if defined(__linux__) && defined(SYS_getdents64)
/*
 * The entries of dirfd straight from the kernel.  opendir() on a
 * borrowed descriptor costs a dup(), an fstat(), two fcntl() calls, a
 * rewind and two closes around the reads; a sweep of ten thousand page
 * folders spent most of its time there.  Here a listing is a rewind and
 * the reads.  The record layout is the kernel's struct linux_dirent64.
 */
struct dirent64_head {
	uint64_t ino;
	int64_t off;
	unsigned short reclen;
	unsigned char type;
	char name[];
};

static int
list_entries(char ***names, size_t *n, size_t *cap, int dirfd)
{
	char buf[32768];
	long got;

	if (lseek(dirfd, 0, SEEK_SET) < 0)
		return -1;
	while ((got = syscall(SYS_getdents64, dirfd, buf,
	    sizeof(buf))) > 0) {
		for (long at = 0; at < got;) {
			unsigned short reclen;

			/* Fields by memcpy: the bytes are chars to C. */
			memcpy(&reclen, buf + at +
			    offsetof(struct dirent64_head, reclen),
			    sizeof(reclen));
			names_push(names, n, cap, buf + at +
			    offsetof(struct dirent64_head, name));
			at += reclen;
		}
	}
	return got < 0 ? -1 : 0;
}
#else
static int
list_entries(char ***names, size_t *n, size_t *cap, int dirfd)
{
	DIR *d;
	struct dirent *e;
	int fd, saved;

	/* closedir() closes the descriptor it reads, and dirfd is not ours. */
	if ((fd = dup(dirfd)) < 0)
		return -1;
	if ((d = fdopendir(fd)) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	rewinddir(d);
	for (errno = 0; (e = readdir(d)) != NULL; errno = 0)
		names_push(names, n, cap, e->d_name);
	saved = errno;
	closedir(d);
	errno = saved;
	return saved != 0 ? -1 : 0;
}
#endif

int
pm_fs_list(char ***out, int dirfd, const char *display,
    struct pm_error *err)
{
	size_t n = 0, cap = 8;
	char **names = pm_xcalloc(cap, sizeof(*names));

	*out = NULL;
	if (list_entries(&names, &n, &cap, dirfd) < 0) {
		pm_fs_error(err, display, "read directory", errno);
		pm_fs_names_free(names);
		return PM_ERROR;
	}
	qsort(names, n, sizeof(*names), cmp_names);
	*out = names;
	return 0;
}

int
pm_fs_is_dir(int dirfd, const char *name)
{
	struct stat st;

	return fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISDIR(st.st_mode);
}

/* path names the entry name of dirfd; depth counts levels below the top. */
static int
remove_at(int dirfd, const char *name, struct pm_buf *path, int depth,
    struct pm_error *err)
{
	struct stat st;
	char **names = NULL;
	size_t len = path->len;
	int fd = -1, rc = PM_ERROR;

	if (fstatat(dirfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
		/* Gone already: what removal wanted. */
		rc = errno == ENOENT ? 0 : pm_fs_error(err, path->ptr, "stat",
		    errno);
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		if (unlinkat(dirfd, name, 0) < 0 && errno != ENOENT) {
			pm_fs_error(err, path->ptr, "remove", errno);
			goto out;
		}
		rc = 0;
		goto out;
	}
	if (depth > PM_FS_DEPTH_MAX) {
		rc = pm_error_set(err, PM_ELIMIT, path->ptr, 0, 0,
		    "too many directory levels");
		goto out;
	}
	fd = openat(dirfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd < 0) {
		pm_fs_error(err, path->ptr, "open", errno);
		goto out;
	}
	if ((rc = pm_fs_list(&names, fd, path->ptr, err)) < 0)
		goto out;
	for (char **p = names; *p; p++) {
		pm_buf_printf(path, "/%s", *p);
		rc = remove_at(fd, *p, path, depth + 1, err);
		pm_buf_truncate(path, len);
		if (rc < 0)
			goto out;
	}
	rc = PM_ERROR;
	if (unlinkat(dirfd, name, AT_REMOVEDIR) < 0 && errno != ENOENT) {
		pm_fs_error(err, path->ptr, "remove", errno);
		goto out;
	}
	rc = 0;
out:
	pm_fs_names_free(names);
	if (fd >= 0)
		close(fd);
	return rc;
}

int
pm_fs_remove(int dirfd, const char *display, const char *name,
    struct pm_error *err)
{
	struct pm_buf path = PM_BUF_INIT;
	int rc;

	pm_buf_printf(&path, "%s/%s", display, name);
	rc = remove_at(dirfd, name, &path, 0, err);
	pm_buf_free(&path);
	return rc;
}

static int
write_all(int fd, const void *data, size_t len)
{
	const char *p = data;

	while (len > 0) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

int
pm_fs_write_all(int fd, const void *data, size_t len)
{
	return write_all(fd, data, len);
}

int
pm_fs_create(int *fd_out, int dirfd, const char *display,
    const char *relpath, struct pm_error *err)
{
	struct pm_buf file = PM_BUF_INIT;
	char *comps = NULL, *comp, *slash;
	int dfd = dirfd, fd = -1, rc = PM_ERROR, e;

	*fd_out = -1;
	pm_buf_printf(&file, "%s/%s", display, relpath);
	comps = pm_xstrdup(relpath);
	for (comp = comps; (slash = strchr(comp, '/')) != NULL;
	    comp = slash + 1) {
		int next;

		*slash = '\0';
		if (mkdirat(dfd, comp, 0755) < 0 && errno != EEXIST) {
			pm_fs_error(err, file.ptr, "mkdir", errno);
			goto out;
		}
		next = openat(dfd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		e = errno;
		if (dfd != dirfd)
			close(dfd);
		dfd = next;
		if (dfd < 0 && (e == ENOTDIR || e == ELOOP)) {
			rc = pm_error_set(err, PM_EEXISTS, file.ptr, 0, 0,
			    "\"%s\" was already written as a file", comp);
			goto out;
		}
		if (dfd < 0) {
			pm_fs_error(err, file.ptr, "open directory", e);
			goto out;
		}
	}
	fd = openat(dfd, comp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (fd < 0 && errno == EEXIST) {
		rc = pm_error_set(err, PM_EEXISTS, file.ptr, 0, 0,
		    "already exists (a directory of the same name was "
		    "written)");
		goto out;
	}
	if (fd < 0) {
		pm_fs_error(err, file.ptr, "create", errno);
		goto out;
	}
	*fd_out = fd;
	rc = 0;
out:
	if (dfd >= 0 && dfd != dirfd)
		close(dfd);
	free(comps);
	pm_buf_free(&file);
	return rc;
}

int
pm_fs_write(int dirfd, const char *display, const char *relpath,
    const void *data, size_t len, struct pm_error *err)
{
	struct pm_buf file = PM_BUF_INIT;
	int fd, rc;

	if ((rc = pm_fs_create(&fd, dirfd, display, relpath, err)) < 0)
		return rc;
	pm_buf_printf(&file, "%s/%s", display, relpath);
	if (write_all(fd, data, len) < 0) {
		rc = pm_fs_error(err, file.ptr, "write", errno);
		(void)close(fd);
	} else if (close(fd) < 0) {
		/* Delayed write errors (NFS, quota) surface here. */
		rc = pm_fs_error(err, file.ptr, "close", errno);
	}
	pm_buf_free(&file);
	return rc;
}

/* Read the regular file name of dfd, whole, into w->data. */
static int
read_file(struct walk *w, int dfd, const char *name, struct pm_error *err)
{
	int fd, rc = PM_ERROR;

	pm_buf_clear(&w->data);
	fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		pm_fs_error(err, w->path.ptr, "open", errno);
		goto out;
	}
	for (;;) {
		ssize_t n;

		pm_buf_grow(&w->data, READ_CHUNK);
		n = read(fd, w->data.ptr + w->data.len, READ_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			pm_fs_error(err, w->path.ptr, "read", errno);
			goto out;
		}
		if (n == 0)
			break;
		w->data.len += (size_t)n;
	}
	w->data.ptr[w->data.len] = '\0';
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

static int
visit_entry(struct walk *w, enum pm_fs_kind kind, int depth,
    struct pm_error *err)
{
	struct pm_fs_entry e;

	memset(&e, 0, sizeof(e));
	e.kind = kind;
	e.path = w->path.ptr;
	e.rel = w->rel.ptr;
	e.depth = depth;
	if (kind == PM_FS_FILE) {
		e.data = w->data.ptr;
		e.len = w->data.len;
	}
	return w->visit(&e, w->payload, err);
}

/* The limit in MiB when it is a whole number of them, the common case. */
static int
too_large(const struct walk *w, struct pm_error *err)
{
	uint64_t mib = w->max_size >> 20;

	if (mib << 20 == w->max_size)
		return pm_error_set(err, PM_ELIMIT, w->path.ptr, 0, 0,
		    "larger than %llu MiB", (unsigned long long)mib);
	return pm_error_set(err, PM_ELIMIT, w->path.ptr, 0, 0,
	    "larger than %llu bytes", (unsigned long long)w->max_size);
}

/* Visit the entries of dfd, which sits depth levels below the top. */
static int
walk_dir(struct walk *w, int dfd, int depth, struct pm_error *err)
{
	char **names = NULL;
	size_t path_len = w->path.len, rel_len = w->rel.len;
	int fd = -1, rc;

	if ((rc = pm_fs_list(&names, dfd, w->path.ptr, err)) < 0)
		goto out;
	for (char **p = names; *p; p++) {
		struct stat st;

		pm_buf_truncate(&w->path, path_len);
		pm_buf_truncate(&w->rel, rel_len);
		/* Dot-names are editor and OS litter (.DS_Store, .git). */
		if ((*p)[0] == '.')
			continue;
		pm_buf_printf(&w->path, "/%s", *p);
		pm_buf_printf(&w->rel, "%s%s", rel_len ? "/" : "", *p);
		rc = PM_ERROR;
		if (fstatat(dfd, *p, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			pm_fs_error(err, w->path.ptr, "stat", errno);
			goto out;
		}
		if (S_ISDIR(st.st_mode)) {
			if (depth + 1 > PM_FS_DEPTH_MAX) {
				rc = pm_error_set(err, PM_ELIMIT, w->path.ptr,
				    0, 0, "too many directory levels");
				goto out;
			}
			fd = openat(dfd, *p, O_RDONLY | O_DIRECTORY |
			    O_NOFOLLOW | O_CLOEXEC);
			if (fd < 0) {
				pm_fs_error(err, w->path.ptr, "open", errno);
				goto out;
			}
			if ((rc = visit_entry(w, PM_FS_DIR, depth + 1,
			    err)) < 0 ||
			    (rc = walk_dir(w, fd, depth + 1, err)) < 0)
				goto out;
			close(fd);
			fd = -1;
			continue;
		}
		if (!S_ISREG(st.st_mode))
			continue;
		if ((uint64_t)st.st_size > w->max_size) {
			rc = too_large(w, err);
			goto out;
		}
		if ((rc = read_file(w, dfd, *p, err)) < 0 ||
		    (rc = visit_entry(w, PM_FS_FILE, depth + 1, err)) < 0)
			goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	pm_fs_names_free(names);
	pm_buf_truncate(&w->path, path_len);
	pm_buf_truncate(&w->rel, rel_len);
	return rc;
}

int
pm_fs_read_tree(int dirfd, const char *display, uint64_t max_size,
    pm_fs_visit_fn visit, void *payload, struct pm_error *err)
{
	struct walk w = { visit, payload, max_size, PM_BUF_INIT,
	    PM_BUF_INIT, PM_BUF_INIT };
	int rc;

	pm_buf_puts(&w.path, display);
	rc = walk_dir(&w, dirfd, 0, err);
	pm_buf_free(&w.path);
	pm_buf_free(&w.rel);
	pm_buf_free(&w.data);
	return rc;
}

int
pm_fs_exchange(int dirfd, const char *a, const char *b)
{
#if defined(__linux__) && defined(SYS_renameat2)
	/* Through syscall(): glibc before 2.28 has no renameat2 wrapper. */
	return (int)syscall(SYS_renameat2, dirfd, a, dirfd, b,
	    RENAME_EXCHANGE);
#else
	(void)dirfd;
	(void)a;
	(void)b;
	errno = ENOSYS;
	return -1;
#endif
}

int
pm_fs_open_beneath(int dirfd, const char *path)
{
#if defined(__linux__) && defined(SYS_openat2)
	struct open_how how;

	memset(&how, 0, sizeof(how));
	how.flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
	how.resolve = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS;
	/* Through syscall(): glibc has no openat2 wrapper. */
	return (int)syscall(SYS_openat2, dirfd, path, &how, sizeof(how));
#else
	(void)dirfd;
	(void)path;
	errno = ENOSYS;
	return -1;
#endif
}

int
pm_fs_sync(int fd)
{
#if defined(__linux__)
	return syncfs(fd);
#else
	return fsync(fd);
#endif
}
