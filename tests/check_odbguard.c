/*
 * check_odbguard.c: the guard against truncated loose objects, on real
 * repositories: loose, packed, and damaged ones.  libgit2 1.5 alone loops
 * forever on a truncated loose object, so every test runs under an alarm
 * that kills it (a failure, not a hang) should the guard ever let one by.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>
#include <git2.h>

#include "error.h"
#include "odbguard.h"
#include "testutil.h"

struct fx {
	char *dir;
	git_repository *repo;
	char c1[41];
	char c2[41];
};

static int
setup(void **state)
{
	static const char *const v1[] = {
		"content/a.md", "# A\n\nFirst version of a longer text.\n",
		"content/b.md", "# B\n\nAnother one.\n", NULL };
	static const char *const v2[] = {
		"content/a.md", "# A\n\nSecond version, a little longer.\n",
		NULL };
	struct fx *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->dir = tu_tempdir();
	f->repo = tu_repo_init(f->dir);
	tu_commit(f->repo, "Ada", 1700000000, v1, "first", f->c1);
	tu_commit(f->repo, "Grace", 1700003600, v2, "second", f->c2);
	alarm(20);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	alarm(0);
	git_repository_free(f->repo);
	tu_rm_rf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/* The loose file of an object. */
static void
loose_path(char *out, size_t size, const struct fx *f, const git_oid *id)
{
	char hex[41];

	git_oid_tostr(hex, sizeof(hex), id);
	snprintf(out, size, "%s/.git/objects/%.2s/%s", f->dir, hex, hex + 2);
}

/* Cut a file to half its length. */
static void
truncate_half(const char *path)
{
	size_t len = 0;
	char *data = tu_read(path, &len);
	FILE *fp;

	assert_non_null(data);
	assert_true(len > 4);
	chmod(path, 0644);	/* git writes objects read-only */
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len / 2, fp), len / 2);
	fclose(fp);
	free(data);
}

static git_repository *
reopen_guarded(const struct fx *f)
{
	struct pm_error err = { 0 };
	git_repository *repo = NULL;

	assert_int_equal(git_repository_open(&repo, f->dir), 0);
	assert_int_equal(pm_odbguard_attach(repo, &err), 0);
	return repo;
}

static size_t
backends(git_repository *repo)
{
	git_odb *odb = NULL;
	size_t n;

	assert_int_equal(git_repository_odb(&odb, repo), 0);
	n = git_odb_num_backends(odb);
	git_odb_free(odb);
	return n;
}

struct read_all {
	git_odb *odb;
	size_t n, failed;
};

static int
read_one(const git_oid *id, void *payload)
{
	struct read_all *ra = payload;
	git_odb_object *obj = NULL;

	if (git_odb_read(&obj, ra->odb, id) < 0)
		ra->failed++;
	git_odb_object_free(obj);
	ra->n++;
	return 0;
}

/* Every object of a sound repository reads as before. */
static void
test_sound_objects_pass(void **state)
{
	struct fx *f = *state;
	git_repository *plain = NULL, *repo = reopen_guarded(f);
	struct read_all ra = { 0 };

	assert_int_equal(git_repository_open(&plain, f->dir), 0);
	assert_int_equal(backends(repo), backends(plain) + 1);
	assert_int_equal(git_repository_odb(&ra.odb, repo), 0);
	assert_int_equal(git_odb_foreach(ra.odb, read_one, &ra), 0);
	/* 2 commits, 2 + 2 trees, 3 blobs. */
	assert_true(ra.n >= 9);
	assert_int_equal(ra.failed, 0);
	git_odb_free(ra.odb);
	git_repository_free(plain);
	git_repository_free(repo);
}

/* A truncated blob is an error naming it, at once. */
static void
test_truncated_blob(void **state)
{
	struct fx *f = *state;
	git_repository *repo;
	git_object *blob = NULL;
	git_odb_object *obj = NULL;
	git_odb *odb = NULL;
	char spec[80], path[1024], hex[41];

	snprintf(spec, sizeof(spec), "%s:content/a.md", f->c2);
	assert_int_equal(git_revparse_single(&blob, f->repo, spec), 0);
	loose_path(path, sizeof(path), f, git_object_id(blob));
	git_oid_tostr(hex, sizeof(hex), git_object_id(blob));
	truncate_half(path);
	repo = reopen_guarded(f);
	assert_int_equal(git_repository_odb(&odb, repo), 0);
	assert_true(git_odb_read(&obj, odb, git_object_id(blob)) < 0);
	assert_non_null(strstr(git_error_last()->message, hex));
	assert_non_null(strstr(git_error_last()->message,
	    "corrupt loose object (truncated)"));
	git_odb_free(odb);
	git_object_free(blob);
	git_repository_free(repo);
}

/* Bytes that are not zlib at all are refused too. */
static void
test_garbage_object(void **state)
{
	struct fx *f = *state;
	git_repository *repo;
	git_object *blob = NULL;
	git_odb_object *obj = NULL;
	git_odb *odb = NULL;
	char spec[80], path[1024];
	FILE *fp;

	snprintf(spec, sizeof(spec), "%s:content/b.md", f->c1);
	assert_int_equal(git_revparse_single(&blob, f->repo, spec), 0);
	loose_path(path, sizeof(path), f, git_object_id(blob));
	chmod(path, 0644);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	fputs("x\x9c this is not deflate data at all", fp);
	fclose(fp);
	repo = reopen_guarded(f);
	assert_int_equal(git_repository_odb(&odb, repo), 0);
	assert_true(git_odb_read(&obj, odb, git_object_id(blob)) < 0);
	assert_non_null(strstr(git_error_last()->message,
	    "corrupt loose object"));
	git_odb_free(odb);
	git_object_free(blob);
	git_repository_free(repo);
}

/* A truncated commit stops the history walk of a whole build. */
static void
test_truncated_commit_build(void **state)
{
	struct fx *f = *state;
	char path[1024], cmd[2048], *err = NULL;
	git_oid c1;

	assert_int_equal(git_oid_fromstr(&c1, f->c1), 0);
	loose_path(path, sizeof(path), f, &c1);
	truncate_half(path);
	snprintf(cmd, sizeof(cmd), "cd '%s' && '%s' build -q --out '%s/site'",
	    f->dir, tu_pmsite(), f->dir);
	assert_int_equal(tu_run(cmd, NULL, &err), 1);
	assert_non_null(strstr(err, "corrupt loose object (truncated)"));
	snprintf(path, sizeof(path), "%s/site", f->dir);
	assert_false(tu_exists(path));
	free(err);
}

static int
pack_everything(const struct fx *f)
{
	git_packbuilder *pb = NULL;
	git_revwalk *walk = NULL;
	char objects[1024], cmd[1200];
	int rc;

	assert_int_equal(git_revwalk_new(&walk, f->repo), 0);
	assert_int_equal(git_revwalk_push_head(walk), 0);
	assert_int_equal(git_packbuilder_new(&pb, f->repo), 0);
	assert_int_equal(git_packbuilder_insert_walk(pb, walk), 0);
	snprintf(objects, sizeof(objects), "%s/.git/objects/pack", f->dir);
	rc = git_packbuilder_write(pb, objects, 0, NULL, NULL);
	git_packbuilder_free(pb);
	git_revwalk_free(walk);
	/* Only the loose objects go; info/ and pack/ stay. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'/.git/objects/[0-9a-f][0-9a-f]",
	    f->dir);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	return rc;
}

/* A packed repository gets no guard, and reads as ever. */
static void
test_packed_unguarded(void **state)
{
	struct fx *f = *state;
	git_repository *plain = NULL, *repo;
	struct read_all ra = { 0 };

	assert_int_equal(pack_everything(f), 0);
	repo = reopen_guarded(f);
	assert_int_equal(git_repository_open(&plain, f->dir), 0);
	assert_int_equal(backends(repo), backends(plain));
	assert_int_equal(git_repository_odb(&ra.odb, repo), 0);
	assert_int_equal(git_odb_foreach(ra.odb, read_one, &ra), 0);
	assert_true(ra.n >= 9);
	assert_int_equal(ra.failed, 0);
	git_odb_free(ra.odb);
	git_repository_free(plain);
	git_repository_free(repo);
}

/* Packed objects next to a few loose ones: the loose ones are still
 * checked, the packed ones read as ever. */
static void
test_packed_and_loose(void **state)
{
	struct fx *f = *state;
	git_repository *repo;
	git_odb_object *obj = NULL;
	git_odb *odb = NULL;
	git_oid loose, packed;
	char path[1024];
	static const char text[] = "a postmortem written after the pack\n";

	assert_int_equal(pack_everything(f), 0);
	assert_int_equal(git_oid_fromstr(&packed, f->c1), 0);
	assert_int_equal(git_blob_create_from_buffer(&loose, f->repo, text,
	    sizeof(text) - 1), 0);
	loose_path(path, sizeof(path), f, &loose);
	truncate_half(path);
	repo = reopen_guarded(f);
	assert_int_equal(git_repository_odb(&odb, repo), 0);
	assert_true(git_odb_read(&obj, odb, &loose) < 0);
	assert_non_null(strstr(git_error_last()->message,
	    "corrupt loose object (truncated)"));
	assert_int_equal(git_odb_read(&obj, odb, &packed), 0);
	assert_int_equal(git_odb_object_type(obj), GIT_OBJECT_COMMIT);
	git_odb_object_free(obj);
	git_odb_free(odb);
	git_repository_free(repo);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sound_objects_pass,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_blob,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_garbage_object,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_truncated_commit_build,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_packed_unguarded,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_packed_and_loose,
		    setup, teardown),
	};
	int rc;

	git_libgit2_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return rc;
}
