/*
 * cache_pack.c: the document entries of the build cache, in one file
 * (cache_int.h).
 *
 * Why one file and not one per document: a rebuild reads the entry of
 * every postmortem, and each small file costs an open, a stat, a read and
 * a close, and where the system has dropped its cached pages (a machine
 * short of memory, or one that returns free memory to its host) a seek
 * on the disk as well.  Ten thousand entries read one by one took 0.4 to
 * 0.6 s of a one-change rebuild cold; the same bytes in one file are one
 * sequential read.  A first build writes one file instead of ten
 * thousand.
 *
 * Appending keeps a one-change rebuild from rewriting the whole file.
 * What it leaves behind (entries of documents that changed or went) is
 * reclaimed when it outweighs the rest, so the file stays under twice
 * the size of what is in use.
 */
#include "cache_int.h"
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#define PACK_NAME "pack"
#define NEW_NAME "pack.new"
/* Far above any site (ten thousand postmortems make 100 MB), and a
 * bound on what a damaged or foreign file can make us allocate. */
#define PACK_MAX ((uint64_t)1 << 36)
#define COPY_CHUNK ((size_t)1 << 20)

void
pm_cache__pack_init(struct pm_cache_pack *p)
{
	memset(p, 0, sizeof(*p));
	p->fd = p->out_fd = -1;
}

void
pm_cache__pack_free(struct pm_cache_pack *p)
{
	if (p->fd >= 0)
		close(p->fd);
	if (p->out_fd >= 0)
		close(p->out_fd);
	free(p->entries);
	pm_cache__pack_init(p);
}

/* Read exactly n bytes at off; 0, or -1 (an error, or the file ends
 * first). */
static int
read_at(int fd, void *buf, size_t n, uint64_t off)
{
	char *p = buf;

	while (n > 0) {
		ssize_t got = pread(fd, p, n, (off_t)off);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (got == 0)
				errno = EIO;	/* the file ends first */
			return -1;
		}
		p += got;
		n -= (size_t)got;
		off += (uint64_t)got;
	}
	return 0;
}

static void
add_entry(struct pm_cache_pack *p, const char *key, uint64_t off,
    uint64_t len, int fresh)
{
	struct pm_cache_pack_entry *e;

	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 256;
		p->entries = pm_xrealloc(p->entries, pm_xmul(p->cap,
		    sizeof(*p->entries)));
	}
	e = &p->entries[p->n++];
	memcpy(e->key, key, PM_CACHE_KEY_LEN);
	e->off = off;
	e->len = len;
	e->fresh = (unsigned char)fresh;
	e->used = (unsigned char)fresh;
	p->sorted = 0;
}

/*
 * Index the entries of the pack's bytes, up to the first that is not
 * whole or not an entry: appends only ever leave a torn tail, so what
 * follows a bad header is lost either way.  Checksums are checked when
 * an entry is read.
 */
static void
scan(struct pm_cache_pack *p, const unsigned char *bytes, uint64_t size)
{
	uint64_t at = 0;

	while (size - at >= PM_CACHE_HEADER_SIZE) {
		const unsigned char *h = bytes + at;
		uint64_t n = pm_cache__head_len(h);

		if (n > size - at - PM_CACHE_HEADER_SIZE ||
		    !pm_cache__head_ok(h, PM_CACHE_KIND_DOC, n, NULL))
			break;
		add_entry(p, (const char *)h + 32, at,
		    PM_CACHE_HEADER_SIZE + n, 0);
		at += PM_CACHE_HEADER_SIZE + n;
	}
	p->end = at;
}

/* Open the pack and read it into arena (a heap buffer when arena is
 * NULL, which the caller frees); NULL when there is none to read. */
static unsigned char *
load(struct pm_cache_pack *p, int dirfd, struct pm_arena *arena,
    uint64_t *size)
{
	struct stat st;
	unsigned char *bytes;

	*size = 0;
	if (p->fd < 0 && !p->indexed) {
		p->fd = openat(dirfd, PACK_NAME, O_RDONLY | O_CLOEXEC |
		    O_NOFOLLOW);
		if (p->fd >= 0 && (fstat(p->fd, &st) < 0 ||
		    !S_ISREG(st.st_mode) || (uint64_t)st.st_size > PACK_MAX)) {
			close(p->fd);
			p->fd = -1;
		}
	}
	if (p->fd < 0)
		return NULL;
	/* Once indexed, only the entries are wanted again. */
	if (p->indexed)
		*size = p->end;
	else if (fstat(p->fd, &st) == 0)
		*size = (uint64_t)st.st_size;
	if (*size == 0)
		return NULL;
#ifdef POSIX_FADV_SEQUENTIAL
	(void)posix_fadvise(p->fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
	bytes = arena ? pm_arena_alloc(arena, (size_t)*size) :
	    pm_xmalloc((size_t)*size);
	if (read_at(p->fd, bytes, (size_t)*size, 0) == 0)
		return bytes;
	/* It shrank under us: nothing in it is trusted. */
	if (arena == NULL)
		free(bytes);
	close(p->fd);
	p->fd = -1;
	p->n = 0;
	p->end = *size = 0;
	return NULL;
}

const unsigned char *
pm_cache__pack_read(struct pm_cache_pack *p, int dirfd,
    struct pm_arena *arena, size_t *len)
{
	uint64_t size;
	unsigned char *bytes = load(p, dirfd, arena, &size);

	if (!p->indexed && bytes)
		scan(p, bytes, size);
	p->indexed = 1;
	*len = bytes ? (size_t)p->end : 0;
	return bytes;
}

void
pm_cache__pack_index(struct pm_cache_pack *p, int dirfd)
{
	uint64_t size;
	unsigned char *bytes;

	if (p->indexed)
		return;
	bytes = load(p, dirfd, NULL, &size);
	if (bytes)
		scan(p, bytes, size);
	p->indexed = 1;
	free(bytes);
}

/* By key; of one key, this build's entry first, then the latest. */
static int
compare_entries(const void *a, const void *b)
{
	const struct pm_cache_pack_entry *x = a, *y = b;
	int c = memcmp(x->key, y->key, PM_CACHE_KEY_LEN);

	if (c != 0)
		return c;
	if (x->fresh != y->fresh)
		return x->fresh ? -1 : 1;
	return x->off > y->off ? -1 : x->off < y->off;
}

struct pm_cache_pack_entry *
pm_cache__pack_find(struct pm_cache_pack *p, const char *key)
{
	size_t lo = 0, hi;

	if (!p->sorted && p->n > 1)
		qsort(p->entries, p->n, sizeof(*p->entries), compare_entries);
	p->sorted = 1;
	/* The first of the key's entries. */
	hi = p->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (memcmp(p->entries[mid].key, key, PM_CACHE_KEY_LEN) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < p->n && memcmp(p->entries[lo].key, key,
	    PM_CACHE_KEY_LEN) == 0)
		return &p->entries[lo];
	return NULL;
}

const char *
pm_cache__pack_payload(const struct pm_cache_pack *p,
    const struct pm_cache_pack_entry *e, const unsigned char *bytes,
    size_t len, struct pm_arena *arena, size_t *n)
{
	const unsigned char *h;
	uint64_t size = e->len - PM_CACHE_HEADER_SIZE;

	*n = 0;
	if (!e->fresh && bytes && e->off <= len && e->len <= len - e->off) {
		h = bytes + e->off;
	} else {
		unsigned char *copy = pm_arena_alloc(arena, (size_t)e->len);
		int fd = e->fresh ? p->out_fd : p->fd;

		if (fd < 0 || read_at(fd, copy, (size_t)e->len, e->off) < 0)
			return NULL;
		h = copy;
	}
	if (!pm_cache__head_ok(h, PM_CACHE_KIND_DOC, size, e->key) ||
	    !pm_cache__head_sum_ok(h, h + PM_CACHE_HEADER_SIZE, (size_t)size))
		return NULL;
	*n = (size_t)size;
	return (const char *)h + PM_CACHE_HEADER_SIZE;
}

/* Bytes of the pack's entries this build looked up. */
static uint64_t
live_bytes(const struct pm_cache_pack *p)
{
	uint64_t live = 0;

	for (size_t i = 0; i < p->n; i++)
		if (p->entries[i].used && !p->entries[i].fresh)
			live += p->entries[i].len;
	return live;
}

/* Create name under dirfd afresh: what stands there is ours and stale. */
static int
create(int dirfd, const char *name)
{
	int flags = O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
	int fd = openat(dirfd, name, flags, 0644);

	if (fd < 0 && errno == EEXIST &&
	    pm_fs_remove(dirfd, name, name, NULL) == 0)
		fd = openat(dirfd, name, flags, 0644);
	return fd;
}

/*
 * Where this build's entries go: after the pack's last whole entry
 * (cutting a torn tail), or, when there is no pack, into a new one; but
 * when less than half the pack is in use, into pack.new, so that a
 * build of mostly new entries does not first grow the pack and then
 * copy it.
 */
static int
start_writing(struct pm_cache_pack *p, int dirfd, const char **what)
{
	struct stat a, b;

	pm_cache__pack_index(p, dirfd);
	*what = PACK_NAME;
	if (p->fd < 0) {
		p->out_fd = create(dirfd, PACK_NAME);
		p->out_end = 0;
		return p->out_fd < 0 ? -1 : 0;
	}
	if (live_bytes(p) * 2 < p->end) {
		*what = NEW_NAME;
		p->out_fd = create(dirfd, NEW_NAME);
		p->out_end = 0;
		p->rewriting = 1;
		return p->out_fd < 0 ? -1 : 0;
	}
	p->out_fd = openat(dirfd, PACK_NAME, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
	if (p->out_fd < 0)
		return -1;
	/* The very file indexed, else offsets would mean nothing. */
	if (fstat(p->fd, &a) < 0 || fstat(p->out_fd, &b) < 0 ||
	    a.st_dev != b.st_dev || a.st_ino != b.st_ino) {
		errno = ESTALE;
		return -1;
	}
	if (ftruncate(p->out_fd, (off_t)p->end) < 0 ||
	    lseek(p->out_fd, (off_t)p->end, SEEK_SET) < 0)
		return -1;
	p->out_end = p->end;
	return 0;
}

int
pm_cache__pack_put(struct pm_cache_pack *p, int dirfd, const char *key,
    const struct pm_buf *payload, const char **what)
{
	unsigned char head[PM_CACHE_HEADER_SIZE];
	struct iovec v[2];

	*what = p->rewriting ? NEW_NAME : PACK_NAME;
	if (p->out_fd < 0 && start_writing(p, dirfd, what) < 0)
		return -1;
	pm_cache__head_make(head, PM_CACHE_KIND_DOC, key, payload->ptr,
	    payload->len);
	v[0] = (struct iovec){ head, sizeof(head) };
	v[1] = (struct iovec){ payload->ptr, payload->len };
	if (pm_cache__io_all(p->out_fd, v, 2, 1) < 0)
		return -1;
	add_entry(p, key, p->out_end, sizeof(head) + payload->len, 1);
	p->out_end += sizeof(head) + payload->len;
	return 0;
}

/* Copy len bytes at off of from to the end of p->out_fd. */
static int
copy_range(struct pm_cache_pack *p, int from, uint64_t off, uint64_t len,
    char *buf)
{
	while (len > 0) {
		size_t n = len < COPY_CHUNK ? (size_t)len : COPY_CHUNK;
		struct iovec v = { buf, n };

		if (read_at(from, buf, n, off) < 0 ||
		    pm_cache__io_all(p->out_fd, &v, 1, 1) < 0)
			return -1;
		off += n;
		len -= n;
		p->out_end += n;
	}
	return 0;
}

static int
compare_offsets(const void *a, const void *b)
{
	const struct pm_cache_pack_entry *x = a, *y = b;

	return x->off > y->off ? 1 : -(x->off < y->off);
}

/* The pack's entries in use, in file order, into out_fd (pack.new);
 * neighbours are copied together. */
static int
copy_used(struct pm_cache_pack *p, int from)
{
	char *buf = pm_xmalloc(COPY_CHUNK);
	uint64_t off = 0, len = 0;
	int rc = 0;

	qsort(p->entries, p->n, sizeof(*p->entries), compare_offsets);
	p->sorted = 0;
	for (size_t i = 0; i < p->n && rc == 0; i++) {
		const struct pm_cache_pack_entry *e = &p->entries[i];

		/* In append mode this build's entries are in the pack
		 * too; when rewriting they are in pack.new already. */
		if (!e->used || (e->fresh && p->rewriting))
			continue;
		if (len > 0 && off + len == e->off) {
			len += e->len;
			continue;
		}
		if (len > 0)
			rc = copy_range(p, from, off, len, buf);
		off = e->off;
		len = e->len;
	}
	if (rc == 0 && len > 0)
		rc = copy_range(p, from, off, len, buf);
	free(buf);
	return rc;
}

int
pm_cache__pack_finish(struct pm_cache_pack *p, int dirfd, const char **what)
{
	int rc;

	pm_cache__pack_index(p, dirfd);
	*what = NEW_NAME;
	if (!p->rewriting) {
		if (p->fd < 0 || live_bytes(p) * 2 >= p->end) {
			pm_cache__pack_free(p);
			return 0;
		}
		/* The entries appended by this build are in the pack, at
		 * their offsets: from here on they are the pack's. */
		for (size_t i = 0; i < p->n; i++)
			p->entries[i].fresh = 0;
		if (p->out_fd >= 0)
			close(p->out_fd);
		if ((p->out_fd = create(dirfd, NEW_NAME)) < 0)
			return -1;
		p->out_end = 0;
		p->rewriting = 1;
	}
	rc = copy_used(p, p->fd);
	if (rc == 0 && renameat(dirfd, NEW_NAME, dirfd, PACK_NAME) < 0)
		rc = -1;
	if (rc < 0)
		(void)unlinkat(dirfd, NEW_NAME, 0);
	/* The index described the files as they were: a later reader
	 * starts again from the pack now in place. */
	pm_cache__pack_free(p);
	return rc;
}
