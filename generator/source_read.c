/*
 * source_read.c: reading blobs, on as many threads as ask at once.
 *
 * A thread takes the first reader no other thread holds, so a build on
 * one thread opens nothing more than its repository, and a build on N
 * threads at most N handles (PM_SOURCE_READERS at most; past that,
 * threads queue on reader 0).  The handles share libgit2's mapped pack
 * files, which libgit2 keeps once per path for the whole process.
 */
#include "source.h"
#include "source_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "arena.h"
#include "buf.h"
#include "odbguard.h"
#include "packorder.h"

void
pm_source__readers_init(struct pm_source *src)
{
	src->readers = pm_xcalloc(PM_SOURCE_READERS, sizeof(*src->readers));
	for (size_t k = 0; k < PM_SOURCE_READERS; k++)
		pthread_mutex_init(&src->readers[k].lock, NULL);
}

void
pm_source__readers_close(struct pm_source *src)
{
	for (size_t k = 0; src->readers && k < PM_SOURCE_READERS; k++) {
		struct pm_source_reader *r = &src->readers[k];

		git_odb_free(r->odb);
		git_repository_free(r->repo);
		r->odb = NULL;
		r->repo = NULL;
	}
}

void
pm_source__readers_free(struct pm_source *src)
{
	if (src->readers == NULL)
		return;
	pm_source__readers_close(src);
	for (size_t k = 0; k < PM_SOURCE_READERS; k++)
		pthread_mutex_destroy(&src->readers[k].lock);
	free(src->readers);
	src->readers = NULL;
}

static struct pm_source_reader *
take_reader(const struct pm_source *src)
{
	for (size_t k = 0; k < PM_SOURCE_READERS; k++)
		if (pthread_mutex_trylock(&src->readers[k].lock) == 0)
			return &src->readers[k];
	pthread_mutex_lock(&src->readers[0].lock);
	return &src->readers[0];
}

/* Reader 0 reads through the source's own repository, the others through
 * one opened again, with the same guard against truncated objects. */
static int
open_reader(const struct pm_source *src, struct pm_source_reader *r,
    const char *path, struct pm_error *err)
{
	git_repository *repo = src->repo;

	if (r != &src->readers[0]) {
		if (pm_source__reopen(src, &r->repo) < 0)
			return pm_error_set(err, PM_ERROR, path, 0, 0,
			    "repository: %s: %s", src->where, git_message());
		if (pm_odbguard_attach(r->repo, err) < 0)
			return -1;
		repo = r->repo;
	}
	if (git_repository_odb(&r->odb, repo) < 0)
		return pm_error_set(err, PM_ERROR, path, 0, 0,
		    "repository: %s: %s", src->where, git_message());
	return 0;
}

size_t
pm_source__walk_handles(void *ctx, git_repository **out, size_t want)
{
	struct pm_source *src = ctx;
	struct pm_error ignored;
	size_t n = 0;

	if (src->repo == NULL)
		return 0;
	if (want > PM_SOURCE_READERS - 1)
		want = PM_SOURCE_READERS - 1;
	for (size_t k = 1; k <= want; k++) {
		struct pm_source_reader *r = &src->readers[k];

		if (r->odb == NULL && open_reader(src, r, "", &ignored) < 0) {
			git_repository_free(r->repo);
			r->repo = NULL;
			continue;
		}
		out[n++] = r->repo;
	}
	return n;
}

/* Blob id, read by a free reader, into *obj (the caller frees it). */
static int
read_blob(const struct pm_source *src, const git_oid *id, const char *path,
    git_odb_object **obj, struct pm_error *err)
{
	struct pm_source_reader *r;
	git_object_t type;
	int rc = 0;

	*obj = NULL;
	if (src->repo == NULL)
		return pm_error_set(err, PM_ERROR, path, 0, 0,
		    "no open repository to read it from");
	r = take_reader(src);
	if (r->odb == NULL && (rc = open_reader(src, r, path, err)) < 0)
		goto out;
	if (git_odb_read(obj, r->odb, id) < 0) {
		rc = pm_error_set(err, PM_ERROR, path, 0, 0, "%s",
		    git_message());
		goto out;
	}
	if ((type = git_odb_object_type(*obj)) != GIT_OBJECT_BLOB) {
		git_odb_object_free(*obj);
		*obj = NULL;
		rc = pm_error_set(err, PM_ERROR, path, 0, 0,
		    "%s is a %s, not a file", git_oid_tostr_s(id),
		    git_object_type2string(type));
	}
out:
	pthread_mutex_unlock(&r->lock);
	return rc;
}

int
pm_source__copy_blob(const struct pm_source *src, const git_oid *id,
    const char *path, struct pm_arena *arena, const char **data,
    size_t *len, struct pm_error *err)
{
	git_odb_object *obj;
	char *copy;
	int rc;

	if ((rc = read_blob(src, id, path, &obj, err)) < 0)
		return rc;
	*len = git_odb_object_size(obj);
	copy = pm_arena_alloc(arena, *len + 1);
	memcpy(copy, git_odb_object_data(obj), *len);
	copy[*len] = '\0';
	*data = copy;
	git_odb_object_free(obj);
	return 0;
}

int
pm_source_read_version(const struct pm_source *src, const struct pm_doc *doc,
    size_t i, struct pm_buf *out, struct pm_error *err)
{
	git_odb_object *obj;
	git_oid id;
	int rc;

	pm_buf_clear(out);
	if (i >= doc->nversions ||
	    git_oid_fromstr(&id, doc->versions[i].blob_id) < 0)
		return pm_error_set(err, PM_ERROR, doc->path, 0, 0,
		    "version %zu: no such version", i + 1);
	if ((rc = read_blob(src, &id, doc->path, &obj, err)) < 0) {
		char why[sizeof(err->message)];

		snprintf(why, sizeof(why), "%s", err->message);
		pm_error_clear(err);
		return pm_error_set(err, rc, doc->path, 0, 0,
		    "version %zu: %s", i + 1, why);
	}
	pm_buf_put(out, git_odb_object_data(obj), git_odb_object_size(obj));
	pm_buf_grow(out, 1);
	out->ptr[out->len] = '\0';
	git_odb_object_free(obj);
	return 0;
}

int
pm_source_doc_bytes(const struct pm_source *src, const struct pm_doc *doc,
    struct pm_arena *arena, const char **data, size_t *len,
    struct pm_error *err)
{
	git_oid id;

	*data = doc->data;
	*len = doc->len;
	if (doc->data)
		return 0;
	if (git_oid_fromstr(&id, doc->blob_id) < 0)
		return pm_error_set(err, PM_ERROR, doc->path, 0, 0, "%s",
		    git_message());
	return pm_source__copy_blob(src, &id, doc->path, arena, data, len,
	    err);
}

struct pm_packorder *
pm_source__pack_order(const struct pm_source *src)
{
	git_buf objects = GIT_BUF_INIT;
	struct pm_packorder *po = NULL;

	if (src->repo && !src->worktree && git_repository_item_path(&objects,
	    src->repo, GIT_REPOSITORY_ITEM_OBJECTS) == 0)
		po = pm_packorder_load(objects.ptr);
	git_buf_dispose(&objects);
	return po;
}

static uint64_t
key_of(const struct pm_packorder *po, const char *hex)
{
	git_oid id;

	if (po == NULL || git_oid_fromstr(&id, hex) < 0)
		return UINT64_MAX;
	return pm_packorder_key(po, id.id);
}

void
pm_source__pack_keys(struct pm_source *src, const struct pm_packorder *po)
{
	for (size_t i = 0; i < src->ndocs; i++) {
		struct pm_doc *doc = &src->docs[i];
		/* The source's own, allocated by the walk in its arena. */
		struct pm_doc_version *v = (struct pm_doc_version *)
		    doc->versions;

		doc->pack_key = key_of(po, doc->blob_id);
		for (size_t k = 0; k < doc->nversions; k++)
			v[k].pack_key = key_of(po, v[k].blob_id);
	}
}

struct keyed {
	uint64_t key;
	size_t i;
};

static int
compare_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

void
pm_source_read_order(const uint64_t *keys, size_t n, size_t *order)
{
	struct keyed *k = pm_xcalloc(n ? n : 1, sizeof(*k));

	for (size_t i = 0; i < n; i++) {
		k[i].key = keys[i];
		k[i].i = i;
	}
	qsort(k, n, sizeof(*k), compare_keyed);
	for (size_t i = 0; i < n; i++)
		order[i] = k[i].i;
	free(k);
}
