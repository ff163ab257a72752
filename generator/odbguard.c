/*
 * odbguard.c: an object database backend that only ever says "corrupt" or
 * "not mine".  See odbguard.h for why it exists.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include <git2/sys/odb_backend.h>

#include "arena.h"
#include "odbguard.h"

/* Above the loose (1) and pack (2) backends libgit2 adds itself. */
#define GUARD_PRIORITY 10

/* Beyond this many loose objects the guard stops listing them and looks
 * for each object's file instead (2 MB of ids). */
#define LOOSE_LISTED_MAX 100000

struct guard {
	/* first: libgit2 hands this pointer back */
	git_odb_backend parent;
	char *objects;		/* the objects folder, with a final '/' */
	git_oid *loose;		/* the loose objects, sorted; NULL: too many
				 * to list, look for the file */
	size_t nloose;
};

enum stream_state { STREAM_WHOLE, STREAM_TRUNCATED, STREAM_BAD };

/*
 * Inflate the file into a scratch buffer until the stream says it ended.
 * Reading in chunks keeps memory flat whatever the object's size.
 */
static enum stream_state
check_stream(int fd)
{
	unsigned char in[16384], out[16384];
	z_stream zs;
	enum stream_state state = STREAM_TRUNCATED;
	size_t skip = 0;
	int first = 1, ret = Z_OK;
	ssize_t n;

	memset(&zs, 0, sizeof(zs));
	if (inflateInit(&zs) != Z_OK)
		return STREAM_BAD;
	while (ret != Z_STREAM_END) {
		n = read(fd, in, sizeof(in));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;	/* the file ended before the stream */
		skip = 0;
		if (first && n >= 2) {
			/* Loose objects written by git before 1.5.3 start
			 * with a pack-style type and size, then zlib. */
			unsigned hdr = (unsigned)in[0] << 8 | in[1];

			if ((in[0] & 0x8F) != 0x08 || hdr % 31 != 0)
				while (skip < (size_t)n && in[skip++] & 0x80)
					;
		}
		first = 0;
		zs.next_in = in + skip;
		zs.avail_in = (uInt)((size_t)n - skip);
		do {
			zs.next_out = out;
			zs.avail_out = sizeof(out);
			ret = inflate(&zs, Z_NO_FLUSH);
		} while (ret == Z_OK &&
		    (zs.avail_in > 0 || zs.avail_out == 0));
		if (ret == Z_STREAM_END) {
			state = STREAM_WHOLE;
		} else if (ret != Z_OK && ret != Z_BUF_ERROR) {
			state = STREAM_BAD;
			break;
		}
	}
	inflateEnd(&zs);
	return state;
}

static int
oid_cmp(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

static int
guard_read(void **data, size_t *len, git_object_t *type,
    git_odb_backend *backend, const git_oid *id)
{
	struct guard *g = (struct guard *)backend;
	char hex[GIT_OID_HEXSZ + 1], path[PATH_MAX], msg[160];
	enum stream_state state;
	int fd;

	(void)data;
	(void)len;
	(void)type;
	/* a packed object costs a binary search, not a failed open() */
	if (g->loose && bsearch(id, g->loose, g->nloose, sizeof(*g->loose),
	    oid_cmp) == NULL)
		return GIT_PASSTHROUGH;
	git_oid_tostr(hex, sizeof(hex), id);
	if ((size_t)snprintf(path, sizeof(path), "%s%.2s/%s", g->objects, hex,
	    hex + 2) >= sizeof(path))
		return GIT_PASSTHROUGH;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return GIT_PASSTHROUGH;	/* packed, or somewhere else */
	state = check_stream(fd);
	close(fd);
	if (state == STREAM_WHOLE)
		return GIT_PASSTHROUGH;
	snprintf(msg, sizeof(msg), "object %s: corrupt loose object (%s)", hex,
	    state == STREAM_TRUNCATED ? "truncated" : "not a zlib stream");
	git_error_set_str(GIT_ERROR_ODB, msg);
	return GIT_ERROR;
}

/* libgit2 1.5 calls every backend's foreach unchecked; the guard holds
 * no objects of its own to list. */
static int
guard_foreach(git_odb_backend *backend, git_odb_foreach_cb cb, void *payload)
{
	(void)backend;
	(void)cb;
	(void)payload;
	return 0;
}

static void
guard_free(git_odb_backend *backend)
{
	struct guard *g = (struct guard *)backend;

	free(g->objects);
	free(g->loose);
	free(g);
}

/*
 * The loose objects of objects/00 … objects/ff into g, sorted: how many
 * files there are (names that are no object id count, and are never
 * read).  Past LOOSE_LISTED_MAX, g->loose stays NULL and the count is
 * only known to be above 0.  Objects written later (a fetch while the
 * build runs) are not listed; the build reads the commit it resolved
 * first, whose objects were all there.
 */
static size_t
list_loose(struct guard *g)
{
	char path[PATH_MAX], hex[GIT_OID_HEXSZ + 1];
	struct dirent *de;
	size_t files = 0, cap = 0;
	DIR *dir;

	for (int i = 0; i < 256; i++) {
		int n = snprintf(path, sizeof(path), "%s%02x", g->objects, i);

		if (n < 0 || (size_t)n >= sizeof(path) ||
		    (dir = opendir(path)) == NULL)
			continue;
		while ((de = readdir(dir)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			files++;
			if (files > LOOSE_LISTED_MAX) {
				free(g->loose);
				g->loose = NULL;
				closedir(dir);
				return files;
			}
			snprintf(hex, sizeof(hex), "%02x%.38s", i, de->d_name);
			if (strlen(de->d_name) != GIT_OID_HEXSZ - 2)
				continue;
			if (g->nloose == cap) {
				cap = cap ? cap * 2 : 64;
				g->loose = pm_xrealloc(g->loose,
				    pm_xmul(cap, sizeof(*g->loose)));
			}
			if (git_oid_fromstr(&g->loose[g->nloose], hex) == 0)
				g->nloose++;
		}
		closedir(dir);
	}
	if (g->nloose > 1)
		qsort(g->loose, g->nloose, sizeof(*g->loose), oid_cmp);
	return files;
}

int
pm_odbguard_attach(git_repository *repo, struct pm_error *err)
{
	git_buf objects = GIT_BUF_INIT;
	struct guard *g = NULL;
	git_odb *odb = NULL;
	char *dir = NULL;
	size_t n;
	int rc = 0;

	if (git_repository_item_path(&objects, repo,
	    GIT_REPOSITORY_ITEM_OBJECTS) < 0 ||
	    git_repository_odb(&odb, repo) < 0) {
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "repository: %s", git_error_last() ?
		    git_error_last()->message : "no object database");
		goto out;
	}
	n = strlen(objects.ptr);
	dir = pm_xmalloc(n + 2);
	memcpy(dir, objects.ptr, n);
	if (n == 0 || dir[n - 1] != '/')
		dir[n++] = '/';
	dir[n] = '\0';
	g = pm_xcalloc(1, sizeof(*g));
	g->objects = dir;
	dir = NULL;
	if (list_loose(g) == 0) {
		guard_free(&g->parent);
		goto out;
	}
	git_odb_init_backend(&g->parent, GIT_ODB_BACKEND_VERSION);
	g->parent.read = guard_read;
	g->parent.foreach = guard_foreach;
	g->parent.free = guard_free;
	if (git_odb_add_backend(odb, &g->parent, GUARD_PRIORITY) < 0) {
		guard_free(&g->parent);
		rc = pm_error_set(err, PM_ERROR, NULL, 0, 0,
		    "repository: %s", git_error_last() ?
		    git_error_last()->message : "cannot guard objects");
	}
out:
	free(dir);
	git_odb_free(odb);
	git_buf_dispose(&objects);
	return rc;
}
