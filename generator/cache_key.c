/*
 * cache_key.c: the keys of the build cache (XXH3-128 of length-prefixed
 * fields), what goes into them from a theme, from pmsite itself and from
 * each document, and the checksum of cache files.
 */
#include "cache.h"
#include "cache_int.h"
#include "fsutil.h"
#include "workers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <xxhash.h>

#ifndef PM_VERSION
#define PM_VERSION "unknown"
#endif

#define THEME_FILE_MAX (256u << 20)	/* as output.c copies */

/* ------------------------------------------------------------------ keys */

void
pm_cache_key_init(struct pm_cache_key *k)
{
	pm_buf_init(&k->buf);
}

void
pm_cache_key_add(struct pm_cache_key *k, const char *name, const void *data,
    size_t len)
{
	/* "name -" or "name LEN:DATA", without printf: a build adds a dozen
	 * a document, and printf cost more than the hash. */
	pm_buf_puts(&k->buf, name);
	if (data == NULL) {
		pm_buf_puts(&k->buf, " -\n");
		return;
	}
	pm_buf_putc(&k->buf, ' ');
	pm_buf_put_int(&k->buf, (long)len, 0);
	pm_buf_putc(&k->buf, ':');
	pm_buf_put(&k->buf, data, len);
	pm_buf_putc(&k->buf, '\n');
}

void
pm_cache_key_add_str(struct pm_cache_key *k, const char *name, const char *s)
{
	pm_cache_key_add(k, name, s, s ? strlen(s) : 0);
}

/* A 128-bit hash in hex, the most significant byte first. */
static void
put_hex(char out[PM_CACHE_KEY_SIZE], XXH128_hash_t h)
{
	static const char hex[] = "0123456789abcdef";
	XXH128_canonical_t c;

	XXH128_canonicalFromHash(&c, h);
	for (size_t i = 0; i < sizeof(c.digest); i++) {
		out[2 * i] = hex[c.digest[i] >> 4];
		out[2 * i + 1] = hex[c.digest[i] & 15];
	}
	out[2 * sizeof(c.digest)] = '\0';
}

/*
 * XXH3-128, not SHA-1 as through the first cache formats: keys detect
 * change (cache.h), and libgit2's collision-detecting SHA-1 spent 26,000
 * instructions on each document's key and 100 million on the executable,
 * 8 % of a rebuild after one change.
 */
void
pm_cache_key_final(char out[PM_CACHE_KEY_SIZE], struct pm_cache_key *k)
{
	put_hex(out, XXH3_128bits(k->buf.ptr ? k->buf.ptr : "", k->buf.len));
	pm_buf_clear(&k->buf);
}

void
pm_cache_key_free(struct pm_cache_key *k)
{
	pm_buf_free(&k->buf);
}

/* The whole regular file name under dirfd, links followed, into b when
 * it is at most max bytes: 0, or -1. */
static int
read_whole(struct pm_buf *b, int dirfd, const char *name, uint64_t max)
{
	struct stat st;
	int fd, rc = -1;

	fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size > max)
		goto out;
	pm_buf_clear(b);
	pm_buf_grow(b, (size_t)st.st_size + 1);
	while (b->len < (size_t)st.st_size) {
		ssize_t n = read(fd, b->ptr + b->len,
		    (size_t)st.st_size - b->len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto out;
		b->len += (size_t)n;
	}
	b->ptr[b->len] = '\0';
	rc = 0;
out:
	close(fd);
	return rc;
}

/* The top of a theme folder as the template loader reads it: every
 * regular file not starting with '.', links followed, in name order. */
static int
add_theme_dir(struct pm_cache_key *k, const char *dir, struct pm_error *err)
{
	struct pm_buf b = PM_BUF_INIT;
	char **names = NULL;
	struct stat st;
	int fd, rc = PM_ERROR;

	pm_cache_key_add_str(k, "theme-dir", dir);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		pm_fs_error(err, dir, "open", errno);
		goto out;
	}
	if (pm_fs_list(&names, fd, dir, err) < 0)
		goto out;
	for (char **p = names; *p; p++) {
		if ((*p)[0] == '.' || fstatat(fd, *p, &st, 0) < 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		if (read_whole(&b, fd, *p, THEME_FILE_MAX) < 0) {
			pm_fs_error(err, dir, "read theme file", errno);
			goto out;
		}
		pm_cache_key_add_str(k, "name", *p);
		pm_cache_key_add(k, "bytes", b.ptr ? b.ptr : "", b.len);
	}
	rc = 0;
out:
	pm_fs_names_free(names);
	if (fd >= 0)
		close(fd);
	pm_buf_free(&b);
	return rc;
}

static int
add_asset(const struct pm_fs_entry *e, void *payload, struct pm_error *err)
{
	struct pm_cache_key *k = payload;

	(void)err;
	pm_cache_key_add_str(k, e->kind == PM_FS_DIR ? "dir" : "file",
	    e->rel);
	if (e->kind == PM_FS_FILE)
		pm_cache_key_add(k, "bytes", e->data, e->len);
	return 0;
}

int
pm_cache_key_add_theme(struct pm_cache_key *k, const struct pm_theme *theme,
    const char *default_dir, struct pm_error *err)
{
	int fd = -1, rc;

	pm_cache_key_add_str(k, "theme", theme->name);
	if ((rc = add_theme_dir(k, theme->dir, err)) < 0 ||
	    (default_dir && (rc = add_theme_dir(k, default_dir, err)) < 0))
		goto out;
	pm_cache_key_add_str(k, "assets", theme->assets_dir);
	if (theme->assets_dir == NULL)
		goto out;
	/* Read the way pm_output_copy_dir() copies. */
	fd = open(theme->assets_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		rc = pm_fs_error(err, theme->assets_dir, "open", errno);
		goto out;
	}
	rc = pm_fs_read_tree(fd, theme->assets_dir, THEME_FILE_MAX, add_asset,
	    k, err);
out:
	if (fd >= 0)
		close(fd);
	return rc;
}

int
pm_cache_identity(char out[PM_CACHE_KEY_SIZE])
{
	struct pm_cache_key k;
	char exe[PM_CACHE_KEY_SIZE];
	XXH3_state_t *state;
	char piece[65536];
	ssize_t n;
	int fd, rc = -1;

	out[0] = '\0';
	if ((fd = open("/proc/self/exe", O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if ((state = XXH3_createState()) == NULL)
		goto out;
	XXH3_128bits_reset(state);
	while ((n = read(fd, piece, sizeof(piece))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto out;
		XXH3_128bits_update(state, piece, (size_t)n);
	}
	put_hex(exe, XXH3_128bits_digest(state));
	rc = 0;
out:
	XXH3_freeState(state);
	close(fd);
	if (rc < 0)
		return rc;
	pm_cache_key_init(&k);
	pm_cache_key_add_str(&k, "pmsite", PM_VERSION);
	pm_cache_key_add_str(&k, "executable", exe);
	pm_cache_key_final(out, &k);
	pm_cache_key_free(&k);
	return 0;
}

/* ------------------------------------------------------------ checksum */

uint64_t
pm_cache__checksum(const void *data, size_t len)
{
	return (uint64_t)XXH3_64bits(data, len);
}

void
pm_cache_doc_key(char out[PM_CACHE_KEY_SIZE], const struct pm_cache *c,
    const struct pm_doc *doc, int worktree)
{
	struct pm_cache_key k;
	char bytes[PM_CACHE_KEY_SIZE];

	pm_cache_key_init(&k);
	pm_cache_key_add_str(&k, "env", pm_cache__env(c));
	pm_cache_key_add_str(&k, "path", doc->path);
	pm_cache_key_add_str(&k, "blob", doc->blob_id);
	if (worktree) {
		put_hex(bytes, XXH3_128bits(doc->data, doc->len));
		pm_cache_key_add_str(&k, "bytes", bytes);
	}
	pm_cache_key_add_str(&k, "created", doc->created);
	pm_cache_key_add_str(&k, "updated", doc->updated);
	pm_cache_key_add_str(&k, "commit", doc->commit_id);
	for (size_t i = 0; i < doc->nauthors; i++)
		pm_cache_key_add_str(&k, "author", doc->authors[i]);
	/* The ages of action items come from every version. */
	for (size_t i = 0; i < doc->nversions; i++) {
		pm_cache_key_add_str(&k, "version", doc->versions[i].blob_id);
		pm_cache_key_add_str(&k, "version-time",
		    doc->versions[i].when);
	}
	pm_cache_key_final(out, &k);
	pm_cache_key_free(&k);
}

/* One thread's share of pm_cache_doc_keys(). */
struct key_worker {
	char (*keys)[PM_CACHE_KEY_SIZE];
	const struct pm_cache *c;
	const struct pm_source *src;
	int worktree;
	atomic_size_t *next;
};

static void *
make_keys(void *arg)
{
	struct key_worker *w = arg;
	size_t n = pm_source_count(w->src), i;

	while ((i = atomic_fetch_add(w->next, 1)) < n)
		pm_cache_doc_key(w->keys[i], w->c, pm_source_doc(w->src, i),
		    w->worktree);
	return NULL;
}

void
pm_cache_doc_keys(char (*keys)[PM_CACHE_KEY_SIZE],
    const struct pm_cache *c, const struct pm_source *src, int worktree,
    int jobs)
{
	struct key_worker *w;
	atomic_size_t next;

	jobs = pm_workers_for(jobs, pm_source_count(src));
	atomic_init(&next, 0);
	w = pm_xcalloc((size_t)jobs, sizeof(*w));
	for (int k = 0; k < jobs; k++)
		w[k] = (struct key_worker){ keys, c, src, worktree, &next };
	pm_workers_run(jobs, make_keys, w, sizeof(*w));
	free(w);
}
