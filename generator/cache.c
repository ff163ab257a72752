/*
 * cache.c: the build cache folder beside the site: the lookups of
 * document entries (the pack that holds them is in cache_pack.c), the
 * state of the last build and the history (their files in cache_file.c,
 * their encoding in cache_codec_state.c), and the keys in cache_key.c.
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
#include <unistd.h>

#define KIND_STATE PM_CACHE_KIND_STATE
#define KIND_HISTORY PM_CACHE_KIND_HISTORY
#define STATE_NAME "state"
#define HISTORY_NAME "history"
/* Where cache format 7 and older kept a file per document. */
#define OLD_DOCS_NAME "docs"
#define SPARE_NAME "spare"

static const char cachedir_tag[] =
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This folder is the build cache of pmsite; it can be removed.\n";

struct pm_cache {
	char *site;		/* the resolved site folder */
	char *dir;		/* the cache folder beside it */
	char *spare;		/* dir/spare, once asked for */
	char identity[PM_CACHE_KEY_SIZE];
	char env[PM_CACHE_KEY_SIZE];
	int dir_fd;		/* -1 until opened */
	int absent;		/* no folder yet: reads need not look */
	int frozen;		/* reads only: make nothing on disk */
	int broken;		/* a write failed: no more writes */
	char *problem;		/* why, for the one warning */
	struct pm_cache_pack pack;	/* the documents */
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
	c->dir_fd = -1;
	pm_cache__pack_init(&c->pack);
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
	pm_cache__pack_free(&c->pack);
	if (c->dir_fd >= 0)
		close(c->dir_fd);
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
 * Open the cache folder (creating it when create is set).  Returns 0, or
 * -1 when there is none (or, creating, it cannot be made).  It may not be
 * a symbolic link: a link could aim the writes elsewhere.
 */
static int
open_folder(struct pm_cache *c, int create)
{
	int made = 0;

	if (c->dir_fd >= 0)
		return 0;
	if (c->broken || (c->absent && !create) || (c->frozen && create))
		return -1;
	if (create && mkdir(c->dir, 0755) == 0)
		made = 1;
	else if (create && errno != EEXIST)
		goto fail;
	c->dir_fd = open(c->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (c->dir_fd < 0)
		goto fail;
	if (made && (write_small(c->dir_fd, "CACHEDIR.TAG",
	    cachedir_tag) < 0 || write_small(c->dir_fd, ".gitignore",
	    "*\n") < 0))
		goto fail;
	return 0;
fail:
	if (create)
		give_up(c, "create", errno);
	else
		c->absent = 1;
	return -1;
}

/* The state or the history, in place of the last. */
static int
save(struct pm_cache *c, const char *name, int kind,
    const char key[PM_CACHE_KEY_SIZE], const struct pm_buf *payload)
{
	const char *what;

	if (pm_cache__store(c->dir_fd, c->dir, name, kind, key, payload,
	    &what) == 0)
		return 0;
	give_up(c, what, errno);
	return -1;
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

/* One task's entry, looked up (and marked used) on the calling thread. */
static struct pm_cache_pack_entry *
lookup(struct pm_cache *c, const char key[PM_CACHE_KEY_SIZE])
{
	struct pm_cache_pack_entry *e;

	c->lookups++;
	if ((e = pm_cache__pack_find(&c->pack, key)) != NULL)
		e->used = 1;
	return e;
}

/* One document's entry: thread-safe for distinct entries.  A damaged
 * one is no longer counted as used, so the pack does not keep it. */
static int
get_doc(struct pm_incident *inc, struct pm_warnings *warnings,
    const struct pm_cache *c, struct pm_cache_pack_entry *e,
    const unsigned char *bytes, size_t len, struct pm_arena *arena)
{
	const char *data, **lines;
	size_t n, nlines;

	if (e == NULL)
		return 0;
	if ((data = pm_cache__pack_payload(&c->pack, e, bytes, len, arena,
	    &n)) == NULL ||
	    pm_cache__decode(inc, &lines, &nlines, arena, data, n) < 0) {
		e->used = 0;
		return 0;
	}
	for (size_t i = 0; i < nlines; i++)
		pm_warnings_add_line(warnings, lines[i]);
	return 1;
}

int
pm_cache_get(struct pm_incident *inc, struct pm_warnings *warnings,
    struct pm_cache *c, const char key[PM_CACHE_KEY_SIZE],
    struct pm_arena *arena)
{
	struct pm_cache_pack_entry *e;

	if (open_folder(c, 0) == 0)
		pm_cache__pack_index(&c->pack, c->dir_fd);
	e = lookup(c, key);
	if (!get_doc(inc, warnings, c, e, NULL, 0, arena))
		return 0;
	c->hits++;
	return 1;
}

/* One thread's share of pm_cache_get_all(). */
struct get_worker {
	const struct pm_cache *c;
	const struct pm_cache_get_task *tasks;
	struct pm_cache_pack_entry **entries;
	const unsigned char *bytes;
	size_t len, n;
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

		*t->hit = get_doc(t->inc, t->warnings, w->c, w->entries[i],
		    w->bytes, w->len, w->arena);
	}
	return NULL;
}

/*
 * The pack is read whole, once, into arena: the entries of a rebuild are
 * nearly all of it, and one sequential read is what a cold disk does
 * best.  The entries are found on this thread and decoded on jobs.
 */
size_t
pm_cache_get_all(struct pm_cache *c, const struct pm_cache_get_task *tasks,
    size_t n, struct pm_arena *arena, int jobs)
{
	struct pm_cache_pack_entry **entries;
	const unsigned char *bytes = NULL;
	struct get_worker *w;
	atomic_size_t next;
	size_t hits = 0, len = 0;

	for (size_t i = 0; i < n; i++)
		*tasks[i].hit = 0;
	if (n > 0 && open_folder(c, 0) == 0)
		bytes = pm_cache__pack_read(&c->pack, c->dir_fd, arena, &len);
	entries = pm_xcalloc(n + 1, sizeof(*entries));
	for (size_t i = 0; i < n; i++)
		entries[i] = lookup(c, tasks[i].key);
	jobs = pm_workers_for(jobs, n);
	atomic_init(&next, 0);
	w = pm_xcalloc((size_t)jobs, sizeof(*w));
	for (int k = 0; k < jobs; k++)
		w[k] = (struct get_worker){ c, tasks, entries, bytes, len, n,
		    &next, pm_arena_new() };
	if (n > 0)
		pm_workers_run(jobs, get_some, w, sizeof(*w));
	for (int k = 0; k < jobs; k++)
		pm_arena_adopt(arena, w[k].arena);
	free(w);
	free(entries);
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
	const char *what;

	if (open_folder(c, 1) < 0 ||
	    pm_cache__encode(&payload, inc, (const char *const *)
	    (n ? warnings->lines + first_warning : NULL), n) < 0)
		goto out;
	if (pm_cache__pack_put(&c->pack, c->dir_fd, key, &payload,
	    &what) < 0)
		give_up(c, what, errno);
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

	if (open_folder(c, 0) < 0 || (data = pm_cache__load(c->dir_fd,
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
		save(c, HISTORY_NAME, KIND_HISTORY, c->identity, &payload);
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
	if (open_folder(c, 0) < 0 || (data = pm_cache__load(c->dir_fd,
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

/*
 * Reclaim what no build will look up again: the pack's unused entries
 * (when they outweigh the rest) and the folder of one file per document
 * that caches of format 7 and older kept.
 */
static void
collect(struct pm_cache *c)
{
	struct stat sb;
	const char *what;

	if (pm_cache__pack_finish(&c->pack, c->dir_fd, &what) < 0)
		give_up(c, what, errno);
	if (fstatat(c->dir_fd, OLD_DOCS_NAME, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    pm_fs_remove(c->dir_fd, c->dir, OLD_DOCS_NAME, NULL) < 0)
		give_up(c, OLD_DOCS_NAME, errno);
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
	    save(c, STATE_NAME, KIND_STATE, key, &payload) < 0)
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
