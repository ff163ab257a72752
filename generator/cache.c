/*
 * cache.c: the build cache folder beside the site: document entries, the
 * state of the last build, and the removal of entries no longer used (the
 * keys are in cache_key.c).
 */
#include "cache.h"
#include "cache_int.h"
#include "fsutil.h"
#include "output.h"
#include "workers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <git2.h>

#define MAGIC "pmsiteC\n"	/* 8 bytes */
#define KEY_LEN (PM_CACHE_KEY_SIZE - 1)
#define HEADER_SIZE (8 + 4 + 4 + 8 + 8 + KEY_LEN)
#define KIND_DOC 1
#define KIND_STATE 2
#define KIND_HISTORY 3
#define STATE_NAME "state"
#define HISTORY_NAME "history"
#define DOCS_NAME "docs"
#define SPARE_NAME "spare"
#define TMP_PREFIX "tmp-"
#define FILE_MAX (1u << 30)	/* no cache file is near this */

static const char cachedir_tag[] =
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This folder is the build cache of pmsite; it can be removed.\n";

struct pm_cache {
	char *site;		/* the resolved site folder */
	char *dir;		/* the cache folder beside it */
	char *spare;		/* dir/spare, once asked for */
	char identity[PM_CACHE_KEY_SIZE];
	char env[PM_CACHE_KEY_SIZE];
	int dir_fd, docs_fd;	/* -1 until opened */
	int absent;		/* no folder yet: reads need not look */
	int frozen;		/* reads only: make nothing on disk */
	int broken;		/* a write failed: no more writes */
	char *problem;		/* why, for the one warning */
	char (*used)[PM_CACHE_KEY_SIZE];
	size_t nused, cap_used;
	size_t hits, lookups;
};

static int open_folder(struct pm_cache *c, int create);

/* --------------------------------------------------------------- folder */

int
pm_cache_open(struct pm_cache **out, const char *out_dir,
    const char *identity, struct pm_error *err)
{
	struct pm_cache *c = pm_xcalloc(1, sizeof(*c));
	struct pm_buf dir = PM_BUF_INIT;
	const char *slash;
	int rc;

	*out = NULL;
	c->dir_fd = c->docs_fd = -1;
	if ((rc = pm_output_resolve(&c->site, out_dir, err)) < 0) {
		pm_cache_free(c);
		return rc;
	}
	slash = strrchr(c->site, '/');
	pm_buf_printf(&dir, "%.*s/.%s.pmsite-cache", (int)(slash - c->site),
	    c->site, slash + 1);
	c->dir = pm_buf_detach(&dir, NULL);
	snprintf(c->identity, sizeof(c->identity), "%s", identity);
	*out = c;
	return 0;
}

void
pm_cache_free(struct pm_cache *c)
{
	if (c == NULL)
		return;
	if (c->docs_fd >= 0)
		close(c->docs_fd);
	if (c->dir_fd >= 0)
		close(c->dir_fd);
	free(c->used);
	free(c->problem);
	free(c->site);
	free(c->dir);
	free(c->spare);
	free(c);
}

const char *
pm_cache_dir(const struct pm_cache *c)
{
	return c->dir;
}

const char *
pm_cache_site(const struct pm_cache *c)
{
	return c->site;
}

const char *
pm_cache_identity_of(const struct pm_cache *c)
{
	return c->identity;
}

void
pm_cache_freeze(struct pm_cache *c)
{
	c->frozen = 1;
}

const char *
pm_cache_spare(struct pm_cache *c)
{
	if (c->spare == NULL && open_folder(c, 1) == 0) {
		struct pm_buf b = PM_BUF_INIT;

		pm_buf_printf(&b, "%s/" SPARE_NAME, c->dir);
		c->spare = pm_buf_detach(&b, NULL);
	}
	return c->spare;
}

/* Remember the first reason writing stopped; later ones follow from it. */
static void
give_up(struct pm_cache *c, const char *what, int errnum)
{
	struct pm_buf b = PM_BUF_INIT;

	if (!c->broken) {
		pm_buf_printf(&b, "%s: warning: cache not updated: %s: %s",
		    c->dir, what, strerror(errnum));
		c->problem = pm_buf_detach(&b, NULL);
	}
	c->broken = 1;
}

static int
write_small(int dirfd, const char *name, const char *text)
{
	int fd, rc;

	fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	rc = write(fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : -1;
	return close(fd) < 0 ? -1 : rc;
}

/*
 * Open the cache folder and its docs/ (creating them when create is set).
 * Returns 0, or -1 when there is none (or, creating, it cannot be made).
 * Neither may be a symbolic link: a link could aim the writes elsewhere.
 */
static int
open_folder(struct pm_cache *c, int create)
{
	int made = 0;

	if (c->docs_fd >= 0)
		return 0;
	if (c->broken || (c->absent && !create) || (c->frozen && create))
		return -1;
	if (c->dir_fd < 0) {
		if (create && mkdir(c->dir, 0755) == 0)
			made = 1;
		else if (create && errno != EEXIST)
			goto fail;
		c->dir_fd = open(c->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
		    O_CLOEXEC);
		if (c->dir_fd < 0)
			goto fail;
	}
	if (made && (write_small(c->dir_fd, "CACHEDIR.TAG",
	    cachedir_tag) < 0 || write_small(c->dir_fd, ".gitignore",
	    "*\n") < 0))
		goto fail;
	if (create && mkdirat(c->dir_fd, DOCS_NAME, 0755) < 0 &&
	    errno != EEXIST)
		goto fail;
	c->docs_fd = openat(c->dir_fd, DOCS_NAME, O_RDONLY | O_DIRECTORY |
	    O_NOFOLLOW | O_CLOEXEC);
	/* Inside our own folder, something else named docs is damage:
	 * replace it. */
	if (c->docs_fd < 0 && create && (errno == ENOTDIR || errno == ELOOP) &&
	    unlinkat(c->dir_fd, DOCS_NAME, 0) == 0 &&
	    mkdirat(c->dir_fd, DOCS_NAME, 0755) == 0)
		c->docs_fd = openat(c->dir_fd, DOCS_NAME, O_RDONLY |
		    O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (c->docs_fd < 0)
		goto fail;
	return 0;
fail:
	if (create)
		give_up(c, "create", errno);
	else
		c->absent = 1;
	return -1;
}

/*
 * Write a cache file: header (magic, format, kind, payload length,
 * checksum, key) and payload.  The state goes to a temporary name renamed
 * in place, so a reader finds the old state or the new one.  A document
 * entry is created under its own name (fresh: what stands there is first
 * removed, never truncated, in case it has other links): a rename per
 * entry costs a first build seconds on a slow disk, and a half-written
 * entry is caught by its length and checksum anyway.
 */
/* The header, then the payload, in one system call where the system
 * takes them whole (a document's entry is a few kilobytes, and a first
 * build writes ten thousand of them); 0, or -1 with errno. */
static int
write_entry(int fd, const unsigned char head[HEADER_SIZE],
    const struct pm_buf *payload)
{
	struct iovec v[2] = {
		{ (void *)head, HEADER_SIZE },
		{ payload->ptr, payload->len },
	};
	size_t total = HEADER_SIZE + payload->len, done = 0;

	while (done < total) {
		ssize_t n = writev(fd, v, 2);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		done += (size_t)n;
		/* a short write: go on from where it stopped */
		for (int i = 0; i < 2 && n > 0; i++) {
			size_t k = (size_t)n < v[i].iov_len ? (size_t)n :
			    v[i].iov_len;

			v[i].iov_base = (char *)v[i].iov_base + k;
			v[i].iov_len -= k;
			n -= (ssize_t)k;
		}
	}
	return 0;
}

static int
store(struct pm_cache *c, int dirfd, const char *name, int kind,
    const char key[PM_CACHE_KEY_SIZE], const struct pm_buf *payload)
{
	int direct = kind == KIND_DOC;	/* the others are renamed in */
	struct pm_buf tmp = PM_BUF_INIT;
	uint64_t sum = pm_cache__checksum(payload->ptr, payload->len);
	unsigned char head[HEADER_SIZE], *h = head;
	int fd = -1, rc = -1;

	/* The header apart from the payload (write_entry()): the state is
	 * megabytes, not worth copying behind a header. */
	memcpy(h, MAGIC, 8);
	h += 8;
	for (int i = 0; i < 4; i++)
		*h++ = (unsigned char)((uint32_t)PM_CACHE_FORMAT >> (8 * i));
	for (int i = 0; i < 4; i++)
		*h++ = (unsigned char)((uint32_t)kind >> (8 * i));
	for (int i = 0; i < 8; i++)
		*h++ = (unsigned char)((uint64_t)payload->len >> (8 * i));
	for (int i = 0; i < 8; i++)
		*h++ = (unsigned char)(sum >> (8 * i));
	memcpy(h, key, KEY_LEN);
	pm_buf_printf(&tmp, "%s%s", direct ? "" : TMP_PREFIX, name);
	fd = openat(dirfd, tmp.ptr, O_WRONLY | O_CREAT | O_EXCL |
	    O_NOFOLLOW | O_CLOEXEC, 0644);
	/* Whatever is in the way (a damaged entry, a leftover temporary, a
	 * folder) is ours and stale. */
	if (fd < 0 && errno == EEXIST &&
	    pm_fs_remove(dirfd, c->dir, tmp.ptr, NULL) == 0)
		fd = openat(dirfd, tmp.ptr, O_WRONLY | O_CREAT | O_EXCL |
		    O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0) {
		give_up(c, tmp.ptr, errno);
		goto out;
	}
	if (write_entry(fd, head, payload) < 0) {
		give_up(c, tmp.ptr, errno);
		goto out;
	}
	if (close(fd) < 0) {
		fd = -1;
		give_up(c, tmp.ptr, errno);
		goto out;
	}
	fd = -1;
	/* A folder in the way is damage in our own folder: remove it. */
	if (!direct && renameat(dirfd, tmp.ptr, dirfd, name) < 0 &&
	    (errno != EISDIR || pm_fs_remove(dirfd, c->dir, name, NULL) < 0 ||
	    renameat(dirfd, tmp.ptr, dirfd, name) < 0)) {
		give_up(c, name, errno);
		goto out;
	}
	rc = 0;
out:
	if (fd >= 0)
		close(fd);
	if (rc < 0)
		(void)unlinkat(dirfd, tmp.ptr, 0);
	pm_buf_free(&tmp);
	return rc;
}

static uint64_t
le(const unsigned char *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/*
 * Read exactly the iovecs' bytes from fd, resuming after short reads;
 * -1 on an error or an early end of file.
 */
static int
read_exact(int fd, struct iovec *iov, int niov)
{
	while (niov > 0) {
		ssize_t n = readv(fd, iov, niov);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		for (; niov > 0 && (size_t)n >= iov->iov_len; iov++, niov--)
			n -= (ssize_t)iov->iov_len;
		if (niov > 0) {
			iov->iov_base = (char *)iov->iov_base + n;
			iov->iov_len -= (size_t)n;
		}
	}
	return 0;
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
static const char *
load(int dirfd, const char *name, int kind, const char *key,
    char key_out[PM_CACHE_KEY_SIZE], size_t *len, struct pm_arena *arena)
{
	unsigned char h[HEADER_SIZE + 1];	/* NUL-ended for strspn() */
	struct iovec iov[2];
	struct stat st;
	char *copy = NULL;
	uint64_t n;
	int fd;

	h[HEADER_SIZE] = '\0';
	if ((fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) ||
	    st.st_size < HEADER_SIZE || (uint64_t)st.st_size > FILE_MAX)
		goto out;
	n = (uint64_t)st.st_size - HEADER_SIZE;
	copy = pm_arena_alloc(arena, (size_t)n + 1);
	iov[0] = (struct iovec){ h, HEADER_SIZE };
	iov[1] = (struct iovec){ copy, (size_t)n };
	if (read_exact(fd, iov, 2) < 0 ||
	    memcmp(h, MAGIC, 8) != 0 || le(h + 8, 4) != PM_CACHE_FORMAT ||
	    le(h + 12, 4) != (uint64_t)kind || le(h + 16, 8) != n ||
	    (key && memcmp(h + 32, key, KEY_LEN) != 0) ||
	    strspn((const char *)h + 32, "0123456789abcdef") < KEY_LEN ||
	    le(h + 24, 8) != pm_cache__checksum((unsigned char *)copy,
	    (size_t)n)) {
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

/* ------------------------------------------------------------ documents */

void
pm_cache_set_env(struct pm_cache *c, const char env[PM_CACHE_KEY_SIZE])
{
	snprintf(c->env, sizeof(c->env), "%s", env);
}

const char *
pm_cache__env(const struct pm_cache *c)
{
	return c->env;
}

static void
mark_used(struct pm_cache *c, const char key[PM_CACHE_KEY_SIZE])
{
	if (c->nused == c->cap_used) {
		c->cap_used = c->cap_used ? c->cap_used * 2 : 256;
		c->used = pm_xrealloc(c->used, pm_xmul(c->cap_used,
		    sizeof(*c->used)));
	}
	memcpy(c->used[c->nused++], key, PM_CACHE_KEY_SIZE);
}

/* One document's entry: thread-safe once the folder is open, as it
 * reads c only. */
static int
get_doc(struct pm_incident *inc, struct pm_warnings *warnings,
    const struct pm_cache *c, const char key[PM_CACHE_KEY_SIZE],
    struct pm_arena *arena)
{
	const char *data, **lines;
	size_t len, nlines;

	if ((data = load(c->docs_fd, key, KIND_DOC, key, NULL, &len,
	    arena)) == NULL ||
	    pm_cache__decode(inc, &lines, &nlines, arena, data, len) < 0)
		return 0;
	for (size_t i = 0; i < nlines; i++)
		pm_warnings_add_line(warnings, lines[i]);
	return 1;
}

int
pm_cache_get(struct pm_incident *inc, struct pm_warnings *warnings,
    struct pm_cache *c, const char key[PM_CACHE_KEY_SIZE],
    struct pm_arena *arena)
{
	c->lookups++;
	mark_used(c, key);
	if (open_folder(c, 0) < 0 ||
	    !get_doc(inc, warnings, c, key, arena))
		return 0;
	c->hits++;
	return 1;
}

/* One thread's share of pm_cache_get_all(). */
struct get_worker {
	const struct pm_cache *c;
	const struct pm_cache_get_task *tasks;
	size_t n;
	atomic_size_t *next;
	struct pm_arena *arena;
};

static void *
get_some(void *arg)
{
	struct get_worker *w = arg;
	size_t i;

	while ((i = atomic_fetch_add(w->next, 1)) < w->n) {
		const struct pm_cache_get_task *t = &w->tasks[i];

		*t->hit = get_doc(t->inc, t->warnings, w->c, t->key,
		    w->arena);
	}
	return NULL;
}

size_t
pm_cache_get_all(struct pm_cache *c, const struct pm_cache_get_task *tasks,
    size_t n, struct pm_arena *arena, int jobs)
{
	struct get_worker *w;
	atomic_size_t next;
	size_t hits = 0;

	for (size_t i = 0; i < n; i++) {
		c->lookups++;
		mark_used(c, tasks[i].key);
		*tasks[i].hit = 0;
	}
	if (n == 0 || open_folder(c, 0) < 0)
		return 0;
	jobs = pm_workers_for(jobs, n);
	atomic_init(&next, 0);
	w = pm_xcalloc((size_t)jobs, sizeof(*w));
	for (int k = 0; k < jobs; k++) {
		w[k].c = c;
		w[k].tasks = tasks;
		w[k].n = n;
		w[k].next = &next;
		w[k].arena = pm_arena_new();
	}
	pm_workers_run(jobs, get_some, w, sizeof(*w));
	for (int k = 0; k < jobs; k++) {
		pm_arena_adopt(arena, w[k].arena);
	}
	free(w);
	for (size_t i = 0; i < n; i++)
		hits += *tasks[i].hit;
	c->hits += hits;
	return hits;
}

void
pm_cache_put(struct pm_cache *c, const char key[PM_CACHE_KEY_SIZE],
    const struct pm_incident *inc, const struct pm_warnings *warnings,
    size_t first_warning)
{
	struct pm_buf payload = PM_BUF_INIT;
	size_t n = warnings->len > first_warning ?
	    warnings->len - first_warning : 0;

	if (open_folder(c, 1) < 0 ||
	    pm_cache__encode(&payload, inc, (const char *const *)
	    (n ? warnings->lines + first_warning : NULL), n) < 0)
		goto out;
	(void)store(c, c->docs_fd, key, KIND_DOC, key, &payload);
out:
	pm_buf_free(&payload);
}

size_t
pm_cache_hits(const struct pm_cache *c)
{
	return c->hits;
}

size_t
pm_cache_lookups(const struct pm_cache *c)
{
	return c->lookups;
}

/* -------------------------------------------------------------- history */

/*
 * The history is keyed by the identity alone: it depends on the
 * repository, which pm_source_resume() checks itself, and on how this
 * pmsite walks, which the identity names.
 */
const struct pm_history *
pm_cache_history_get(struct pm_cache *c, struct pm_arena *arena)
{
	struct pm_history *h = pm_arena_calloc(arena, 1, sizeof(*h));
	const char *data;
	size_t len;

	if (open_folder(c, 0) < 0 || (data = load(c->dir_fd,
	    HISTORY_NAME, KIND_HISTORY, c->identity, NULL, &len,
	    arena)) == NULL ||
	    pm_cache__decode_history(h, arena, data, len) < 0)
		return NULL;
	return h;
}

void
pm_cache_history_put(struct pm_cache *c, const struct pm_history *h)
{
	struct pm_buf payload = PM_BUF_INIT;

	if (h && open_folder(c, 1) == 0 &&
	    pm_cache__encode_history(&payload, h) == 0)
		(void)store(c, c->dir_fd, HISTORY_NAME, KIND_HISTORY,
		    c->identity, &payload);
	pm_buf_free(&payload);
}

/* ---------------------------------------------------------------- state */

int
pm_cache_state_load(struct pm_cache_state *st, struct pm_cache *c,
    struct pm_arena *arena)
{
	const char *data;
	size_t len;

	memset(st, 0, sizeof(*st));
	if (open_folder(c, 0) < 0 || (data = load(c->dir_fd,
	    STATE_NAME, KIND_STATE, NULL, st->key, &len, arena)) == NULL ||
	    pm_cache__decode_state(st, arena, data, len) < 0) {
		memset(st, 0, sizeof(*st));
		return 0;
	}
	return 1;
}

int
pm_cache_state_published(const struct pm_cache *c,
    const struct pm_cache_state *st)
{
	char *stamp;
	int same;

	if (st->theme == NULL)
		return 0;
	stamp = pm_output_read_stamp(c->site);
	same = stamp != NULL && strcmp(stamp, st->key) == 0;
	free(stamp);
	return same;
}

static int
compare_path_of_file(const void *key, const void *f)
{
	return strcmp(key, ((const struct pm_cache_stat *)f)->path);
}

const struct pm_cache_stat *
pm_cache_state_file(const struct pm_cache_state *st, const char *path)
{
	if (st->nfiles == 0)
		return NULL;
	return bsearch(path, st->files, st->nfiles, sizeof(*st->files),
	    compare_path_of_file);
}

int
pm_cache_up_to_date(struct pm_cache *c, const struct pm_cache_state *st,
    const char key[PM_CACHE_KEY_SIZE])
{
	char *stamp = NULL;
	struct pm_output_stat now;
	struct stat sb;
	int fd = -1, same = 0;

	if (st->theme == NULL || strcmp(st->key, key) != 0 ||
	    !pm_cache_state_published(c, st))
		goto out;
	fd = open(c->site, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		goto out;
	for (size_t i = 0; i < st->nfiles; i++) {
		const struct pm_cache_stat *f = &st->files[i];

		if (fstatat(fd, f->path, &sb, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(sb.st_mode))
			goto out;
		pm_output_stat_of(&now, &sb);
		if (!pm_output_stat_equal(&now, &f->st))
			goto out;
	}
	same = 1;
out:
	if (fd >= 0)
		close(fd);
	free(stamp);
	return same;
}

static int
compare_keys(const void *a, const void *b)
{
	return strcmp(a, b);
}

static int
compare_page_keys(const void *a, const void *b)
{
	return strcmp(((const struct pm_cache_page_key *)a)->path,
	    ((const struct pm_cache_page_key *)b)->path);
}

static int
compare_path_of_key(const void *path, const void *k)
{
	return strcmp(path, ((const struct pm_cache_page_key *)k)->path);
}

/* Remove every document entry (and leftover temporary) not used. */
static void
collect(struct pm_cache *c)
{
	char **names = NULL;

	if (c->nused > 1)
		qsort(c->used, c->nused, sizeof(*c->used), compare_keys);
	if (pm_fs_list(&names, c->docs_fd, c->dir, NULL) < 0)
		return;
	/* pm_fs_remove: whatever it is, it is not an entry in use. */
	for (char **p = names; *p; p++)
		if ((c->nused == 0 || bsearch(*p, c->used, c->nused,
		    sizeof(*c->used), compare_keys) == NULL) &&
		    pm_fs_remove(c->docs_fd, c->dir, *p, NULL) < 0)
			give_up(c, *p, errno);
	pm_fs_names_free(names);
}

/* Room for the state's encoding (cache_codec.c: a string is a length,
 * its bytes and a NUL; a file also has six numbers, a flag, a key and
 * its pieces),
 * so that megabytes are not copied again each time the buffer doubles. */
static void
reserve_state(struct pm_buf *out, const char *theme,
    const struct pm_warnings *warnings, const struct pm_cache_stat *files,
    size_t nfiles)
{
	size_t n = 16 + (theme ? strlen(theme) : 0);

	for (size_t i = 0; i < warnings->len; i++)
		n += 5 + (warnings->lines[i] ? strlen(warnings->lines[i]) : 0);
	for (size_t i = 0; i < nfiles; i++)
		n += 5 + (files[i].path ? strlen(files[i].path) : 0) + 6 * 8 +
		    1 + PM_DIGEST_SIZE + 4 + files[i].npieces * PIECE_SIZE;
	pm_buf_grow(out, n);
}

void
pm_cache_finish(struct pm_cache *c, const char key[PM_CACHE_KEY_SIZE],
    const char *theme, const struct pm_warnings *warnings,
    const struct pm_output_file *files, size_t nfiles,
    const struct pm_cache_page_key *keys, size_t nkeys,
    struct pm_warnings *problems)
{
	struct pm_cache_stat *stats = NULL;
	struct pm_cache_page_key *sorted = NULL;
	const struct pm_cache_page_key *k;
	struct pm_buf payload = PM_BUF_INIT;
	struct stat sb;
	int fd = -1;

	if (open_folder(c, 1) < 0)
		goto out;
	fd = open(c->site, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		give_up(c, c->site, errno);
		goto out;
	}
	sorted = pm_xcalloc(nkeys + 1, sizeof(*sorted));
	if (nkeys > 0)
		memcpy(sorted, keys, nkeys * sizeof(*keys));
	qsort(sorted, nkeys, sizeof(*sorted), compare_page_keys);
	stats = pm_xcalloc(nfiles + 1, sizeof(*stats));
	for (size_t i = 0; i < nfiles; i++) {
		stats[i].path = files[i].path;
		if (files[i].stat_known) {
			stats[i].st = files[i].st;
		} else if (fstatat(fd, files[i].path, &sb,
		    AT_SYMLINK_NOFOLLOW) == 0) {
			pm_output_stat_of(&stats[i].st, &sb);
		} else {
			give_up(c, files[i].path, errno);
			goto out;
		}
		k = bsearch(files[i].path, sorted, nkeys, sizeof(*sorted),
		    compare_path_of_key);
		if (k != NULL) {
			stats[i].keyed = 1;
			stats[i].key = k->key;
			stats[i].pieces = k->pieces;
			stats[i].npieces = k->npieces;
		}
	}
	reserve_state(&payload, theme, warnings, stats, nfiles);
	if (pm_cache__encode_state(&payload, theme, (const char *const *)
	    warnings->lines, warnings->len, stats, nfiles) < 0 ||
	    store(c, c->dir_fd, STATE_NAME, KIND_STATE, key, &payload) < 0)
		goto out;
	collect(c);
out:
	if (c->broken && c->problem)
		pm_warnings_add_line(problems, c->problem);
	if (fd >= 0)
		close(fd);
	free(stats);
	free(sorted);
	pm_buf_free(&payload);
}
