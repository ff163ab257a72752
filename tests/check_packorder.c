/*
 * check_packorder.c: where objects lie in pack files, against what git
 * itself says (`git show-index`) for packs git wrote, and hostile index
 * files that must give "unknown" and nothing worse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <git2.h>

#include "packorder.h"
#include "source.h"
#include "testutil.h"

#define UNKNOWN UINT64_MAX
#define OFFSET_MASK ((1ULL << 40) - 1)

struct fx {
	char *dir;
	char objects[1024];
};

/* A postmortem-like text; similar ones become chains of deltas. */
static char *
text(int n, int version)
{
	char *s = malloc(4096);
	int len = 0;

	assert_non_null(s);
	len += snprintf(s + len, 4096 - len, "# Incident %d\n\n", n);
	for (int p = 0; p < 12; p++)
		len += snprintf(s + len, 4096 - len, "Paragraph %d of the "
		    "report on the queue that backed up, version %d.\n\n",
		    p, version);
	return s;
}

static void
commit_all(git_repository *repo, int version, long long when)
{
	const char *files[2 * 10 + 1];
	char *texts[10], path[10][32], id[41];

	for (int i = 0; i < 10; i++) {
		snprintf(path[i], sizeof(path[i]), "content/pm-%02d.md", i);
		texts[i] = text(i, version);
		files[2 * i] = path[i];
		files[2 * i + 1] = texts[i];
	}
	files[20] = NULL;
	tu_commit(repo, "Ada", when, files, "edit", id);
	for (int i = 0; i < 10; i++)
		free(texts[i]);
}

static int
setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	git_repository *repo;
	char cmd[1200];

	assert_non_null(f);
	f->dir = tu_tempdir();
	repo = tu_repo_init(f->dir);
	commit_all(repo, 1, 1700000000);
	commit_all(repo, 2, 1700086400);
	git_repository_free(repo);
	snprintf(cmd, sizeof(cmd), "git -C '%s' gc -q", f->dir);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	snprintf(f->objects, sizeof(f->objects), "%s/.git/objects", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	tu_rm_rf(f->dir);
	free(f->dir);
	free(f);
	return 0;
}

/*
 * Check every object of every pack against `git show-index`; returns how
 * many were checked.  rank is the pack's place in name order.
 */
static size_t
check_against_git(const struct fx *f, const struct pm_packorder *po)
{
	char cmd[1400], *out = NULL, *names = NULL, *line, *save;
	size_t checked = 0;
	int rank = 0;

	/* ls sorts by name, bytewise in the C locale, as packorder.c does. */
	snprintf(cmd, sizeof(cmd), "LC_ALL=C ls '%s'/pack/*.idx", f->objects);
	assert_int_equal(tu_run(cmd, &names, NULL), 0);
	for (line = strtok_r(names, "\n", &save); line;
	    line = strtok_r(NULL, "\n", &save), rank++) {
		char *p, *next;

		/* Braces: tu_run() sends /dev/null to the whole line. */
		snprintf(cmd, sizeof(cmd), "{ git show-index < '%s'; }", line);
		assert_int_equal(tu_run(cmd, &out, NULL), 0);
		for (p = out; *p; p = next) {
			unsigned long long offset;
			char hex[41];
			git_oid id;
			uint64_t key;

			next = strchr(p, '\n');
			next = next ? next + 1 : p + strlen(p);
			assert_int_equal(sscanf(p, "%llu %40s", &offset, hex),
			    2);
			assert_int_equal(git_oid_fromstr(&id, hex), 0);
			key = pm_packorder_key(po, id.id);
			assert_true(key != UNKNOWN);
			assert_int_equal(key & OFFSET_MASK, offset);
			assert_int_equal(key >> 40, rank);
			checked++;
		}
		free(out);
	}
	free(names);
	return checked;
}

/* Every object of a pack git wrote, at the offset git gives it. */
static void
test_offsets_as_git_says(void **state)
{
	struct fx *f = *state;
	struct pm_packorder *po = pm_packorder_load(f->objects);
	unsigned char absent[20];

	/* 20 blobs, 4 trees and 2 commits at least. */
	assert_true(check_against_git(f, po) >= 26);
	memset(absent, 0xab, sizeof(absent));
	assert_true(pm_packorder_key(po, absent) == UNKNOWN);
	memset(absent, 0, sizeof(absent));
	assert_true(pm_packorder_key(po, absent) == UNKNOWN);
	memset(absent, 0xff, sizeof(absent));
	assert_true(pm_packorder_key(po, absent) == UNKNOWN);
	pm_packorder_free(po);
}

/* Two packs: each object has its own pack's rank; loose ones none. */
static void
test_two_packs_and_loose(void **state)
{
	struct fx *f = *state;
	struct pm_packorder *po;
	git_repository *repo;
	git_oid loose;
	char cmd[1200];
	static const char note[] = "written after the last pack\n";

	assert_int_equal(git_repository_open(&repo, f->dir), 0);
	commit_all(repo, 3, 1700172800);
	snprintf(cmd, sizeof(cmd), "git -C '%s' repack -q", f->dir);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	assert_int_equal(git_blob_create_from_buffer(&loose, repo, note,
	    sizeof(note) - 1), 0);
	git_repository_free(repo);
	po = pm_packorder_load(f->objects);
	assert_true(check_against_git(f, po) >= 26 + 13);
	assert_true(pm_packorder_key(po, loose.id) == UNKNOWN);
	pm_packorder_free(po);
}

/* No pack folder at all, or no objects folder: everything unknown. */
static void
test_no_packs(void **state)
{
	struct fx *f = *state;
	char path[1100];
	struct pm_packorder *po;
	unsigned char id[20] = { 1 };

	snprintf(path, sizeof(path), "%s/nowhere", f->dir);
	po = pm_packorder_load(path);
	assert_non_null(po);
	assert_true(pm_packorder_key(po, id) == UNKNOWN);
	pm_packorder_free(po);
	assert_true(pm_packorder_key(NULL, id) == UNKNOWN);
	pm_packorder_free(NULL);
}

static void
put32(unsigned char *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/*
 * A version 2 index of one object, id all 0x42, whose offset entry is
 * off32, followed by nlarge 64-bit offsets of value large.
 */
static size_t
one_object_index(unsigned char *buf, uint32_t off32, int nlarge,
    uint64_t large)
{
	size_t n = 0;

	memcpy(buf, "\377tOc\0\0\0\2", 8);
	n = 8;
	for (int b = 0; b < 256; b++, n += 4)
		put32(buf + n, b >= 0x42 ? 1 : 0);
	memset(buf + n, 0x42, 20);
	n += 20;
	put32(buf + n, 0);		/* CRC */
	n += 4;
	put32(buf + n, off32);
	n += 4;
	for (int i = 0; i < nlarge; i++, n += 8) {
		put32(buf + n, (uint32_t)(large >> 32));
		put32(buf + n + 4, (uint32_t)large);
	}
	memset(buf + n, 0, 40);		/* the two checksums */
	return n + 40;
}

static void
write_index(const char *pack, const char *name, const unsigned char *data,
    size_t len)
{
	char path[1200];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", pack, name);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

/*
 * Crafted and damaged indexes: the sound ones give their offset, the
 * others give nothing, and none is read past its end (ASan watches).
 */
static void
test_hostile_indexes(void **state)
{
	struct fx *f = *state;
	unsigned char buf[2048], id[20];
	char objects[1100], pack[1200];
	struct pm_packorder *po;
	size_t len;

	snprintf(objects, sizeof(objects), "%s/fake", f->dir);
	snprintf(pack, sizeof(pack), "%s/pack", objects);
	tu_write(pack, "keep", "");
	memset(id, 0x42, sizeof(id));

	/* Sound, with a 64-bit offset: found, in pack rank 0. */
	len = one_object_index(buf, 0x80000000u, 1, 0x123456789ULL);
	write_index(pack, "a.idx", buf, len);
	po = pm_packorder_load(objects);
	assert_true(pm_packorder_key(po, id) == 0x123456789ULL);
	pm_packorder_free(po);

	/* The same pointing past its table of large offsets: unknown. */
	len = one_object_index(buf, 0x80000001u, 1, 7);
	write_index(pack, "a.idx", buf, len);
	po = pm_packorder_load(objects);
	assert_true(pm_packorder_key(po, id) == UNKNOWN);
	pm_packorder_free(po);

	/* An offset beyond 40 bits: unknown rather than a wrong key. */
	len = one_object_index(buf, 0x80000000u, 1, 1ULL << 41);
	write_index(pack, "a.idx", buf, len);
	po = pm_packorder_load(objects);
	assert_true(pm_packorder_key(po, id) == UNKNOWN);
	pm_packorder_free(po);

	/* Truncated: the counts promise more ids than the file holds. */
	len = one_object_index(buf, 12, 0, 0);
	write_index(pack, "a.idx", buf, len - 60);
	po = pm_packorder_load(objects);
	assert_true(pm_packorder_key(po, id) == UNKNOWN);
	pm_packorder_free(po);

	/* Counts that go down, a wrong magic, an empty file, a folder. */
	len = one_object_index(buf, 12, 0, 0);
	put32(buf + 8 + 4 * 0x50, 0);
	write_index(pack, "a.idx", buf, len);
	len = one_object_index(buf, 12, 0, 0);
	buf[1] = 'x';
	write_index(pack, "b.idx", buf, len);
	write_index(pack, "c.idx", buf, 0);
	tu_write(pack, "d.idx/inside", "");
	po = pm_packorder_load(objects);
	assert_true(pm_packorder_key(po, id) == UNKNOWN);
	pm_packorder_free(po);

	/* A sound index after the broken ones counts as the first pack. */
	len = one_object_index(buf, 12, 0, 0);
	write_index(pack, "e.idx", buf, len);
	po = pm_packorder_load(objects);
	assert_true(pm_packorder_key(po, id) == 12);
	pm_packorder_free(po);
}

/* By key, unknown last, ties in the order given. */
static void
test_read_order(void **state)
{
	const uint64_t keys[] = { 5, UNKNOWN, 1, 5, 0, UNKNOWN };
	const size_t want[] = { 4, 2, 0, 3, 1, 5 };
	size_t order[6];

	(void)state;
	pm_source_read_order(keys, 6, order);
	for (size_t i = 0; i < 6; i++)
		assert_int_equal(order[i], want[i]);
	pm_source_read_order(keys, 0, order);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_offsets_as_git_says,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_packs_and_loose,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_packs,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_hostile_indexes,
		    setup, teardown),
		cmocka_unit_test(test_read_order),
	};
	int rc;

	git_libgit2_init();
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return rc;
}
