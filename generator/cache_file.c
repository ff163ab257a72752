/*
 * cache_file.c: the header every cache file and pack entry starts with,
 * and the files written whole (the state, the history): a temporary name
 * renamed in place, so a reader finds the old file or the new one, and
 * read back with every part of the header checked.
 */
#include "cache_int.h"
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define KEY_LEN PM_CACHE_KEY_LEN
#define HEADER_SIZE PM_CACHE_HEADER_SIZE
#define TMP_PREFIX "tmp-"
#define FILE_MAX (1u << 30)	/* no state or history is near this */

/* ------------------------------------------------------------- headers */

static uint64_t
le(const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static unsigned char *
put_le(unsigned char *h, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		*h++ = (unsigned char)(v >> (8 * i));
	return h;
}

/* The payload's checksum, mixed with the key's: an entry moved under
 * another key's header fails it, as a damaged one does. */
static uint64_t
keyed_sum(const void *key, const void *payload, size_t len)
{
	return pm_cache__checksum(payload, len) ^
	    pm_cache__checksum(key, KEY_LEN);
}

void
pm_cache__head_make(unsigned char head[PM_CACHE_HEADER_SIZE], int kind,
    const char *key, const void *payload, size_t len)
{
	unsigned char *h = head;

	memcpy(h, PM_CACHE_MAGIC, 8);
	h = put_le(h + 8, PM_CACHE_FORMAT, 4);
	h = put_le(h, (uint64_t)kind, 4);
	h = put_le(h, len, 8);
	h = put_le(h, keyed_sum(key, payload, len), 8);
	memcpy(h, key, KEY_LEN);
}

uint64_t
pm_cache__head_len(const unsigned char *h)
{
	return le(h + 16, 8);
}

int
pm_cache__head_ok(const unsigned char *h, int kind, uint64_t n,
    const char *key)
{
	for (int i = 0; i < KEY_LEN; i++)
		if (!((h[32 + i] >= '0' && h[32 + i] <= '9') ||
		    (h[32 + i] >= 'a' && h[32 + i] <= 'f')))
			return 0;
	return memcmp(h, PM_CACHE_MAGIC, 8) == 0 &&
	    le(h + 8, 4) == PM_CACHE_FORMAT && le(h + 12, 4) ==
	    (uint64_t)kind && le(h + 16, 8) == n &&
	    (key == NULL || memcmp(h + 32, key, KEY_LEN) == 0);
}

int
pm_cache__head_sum_ok(const unsigned char *h, const void *payload, size_t n)
{
	return le(h + 24, 8) == keyed_sum(h + 32, payload, n);
}

/* ---------------------------------------------------- files written whole */

int
pm_cache__io_all(int fd, struct iovec *iov, int niov, int writing)
{
	while (niov > 0) {
		ssize_t n = writing ? writev(fd, iov, niov) :
		    readv(fd, iov, niov);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;	/* the file ended first */
			return -1;
		}
		/* a short transfer: go on from where it stopped */
		for (; niov > 0 && (size_t)n >= iov->iov_len; iov++, niov--)
			n -= (ssize_t)iov->iov_len;
		if (niov > 0) {
			iov->iov_base = (char *)iov->iov_base + n;
			iov->iov_len -= (size_t)n;
		}
	}
	return 0;
}

int
pm_cache__store(int dirfd, const char *display, const char *name, int kind,
    const char key[PM_CACHE_KEY_SIZE], const struct pm_buf *payload,
    const char **what)
{
	struct pm_buf tmp = PM_BUF_INIT;
	unsigned char head[HEADER_SIZE];
	struct iovec v[2];
	int fd = -1, rc = -1, saved;

	/* The header apart from the payload: the state is megabytes, not
	 * worth copying behind a header. */
	pm_cache__head_make(head, kind, key, payload->ptr, payload->len);
	pm_buf_printf(&tmp, TMP_PREFIX "%s", name);
	*what = name;
	fd = openat(dirfd, tmp.ptr, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0644);
	/* Whatever is in the way (a leftover temporary, a folder) is ours
	 * and stale. */
	if (fd < 0 && errno == EEXIST &&
	    pm_fs_remove(dirfd, display, tmp.ptr, NULL) == 0)
		fd = openat(dirfd, tmp.ptr, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0644);
	/* The header, then the payload, in one system call where the
	 * system takes them whole. */
	v[0] = (struct iovec){ head, HEADER_SIZE };
	v[1] = (struct iovec){ payload->ptr, payload->len };
	if (fd < 0 || pm_cache__io_all(fd, v, 2, 1) < 0)
		goto out;
	rc = close(fd);
	fd = -1;
	if (rc < 0)
		goto out;
	/* A folder in the way is damage in our own folder: remove it. */
	rc = renameat(dirfd, tmp.ptr, dirfd, name);
	if (rc < 0 && errno == EISDIR &&
	    pm_fs_remove(dirfd, display, name, NULL) == 0)
		rc = renameat(dirfd, tmp.ptr, dirfd, name);
out:
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		(void)unlinkat(dirfd, tmp.ptr, 0);
	pm_buf_free(&tmp);
	errno = saved;
	return rc;
}

/*
 * Read the cache file name into arena and check its header against kind
 * and key (key NULL: copy the key found into key_out).  Returns the
 * payload, NUL-terminated, or NULL when there is no such file or it fails
 * a check.  The payload is read straight into the arena, where decoded
 * strings point: a rebuild reads ten thousand entries, and copying each
 * from a scratch buffer cost as much as reading it.  A bad file wastes
 * its size in the arena, which is rare and freed with the build.
 */
const char *
pm_cache__load(int dirfd, const char *name, int kind, const char *key,
    char key_out[PM_CACHE_KEY_SIZE], size_t *len, struct pm_arena *arena)
{
	unsigned char h[HEADER_SIZE];
	struct iovec iov[2];
	struct stat st;
	char *copy = NULL;
	uint64_t n;
	int fd;

	if ((fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < HEADER_SIZE || (uint64_t)st.st_size > FILE_MAX)
		goto out;
	n = (uint64_t)st.st_size - HEADER_SIZE;
	copy = pm_arena_alloc(arena, (size_t)n + 1);
	iov[0] = (struct iovec){ h, HEADER_SIZE };
	iov[1] = (struct iovec){ copy, (size_t)n };
	if (pm_cache__io_all(fd, iov, 2, 0) < 0 ||
	    !pm_cache__head_ok(h, kind, n, key) ||
	    !pm_cache__head_sum_ok(h, copy, (size_t)n)) {
		copy = NULL;
		goto out;
	}
	if (key_out) {
		memcpy(key_out, h + 32, KEY_LEN);
		key_out[KEY_LEN] = '\0';
	}
	copy[n] = '\0';
	*len = (size_t)n;
out:
	close(fd);
	return copy;
}

