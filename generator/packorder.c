/*
 * packorder.c: the pack indexes of a repository, read for the place of
 * each object (see packorder.h).  The layout of a version 2 index, from
 * git's Documentation/gitformat-pack.txt: a magic and a version, 256
 * counts (how many ids start with a byte up to each value), the sorted
 * ids, their CRCs, their 31-bit offsets (the high bit set: an index into
 * the table of 64-bit offsets that follows), then two checksums.
 */
#include "packorder.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

#define ID_SIZE		20
#define HEADER_SIZE	(8 + 256 * 4)
#define TRAILER_SIZE	(2 * ID_SIZE)
/* Per object: its id, its CRC and its 31-bit offset. */
#define ENTRY_SIZE	(ID_SIZE + 4 + 4)
/* Keys hold the pack's rank above 40 bits of offset (a terabyte). */
#define OFFSET_BITS	40
#define MAX_PACKS	((size_t)1 << (64 - OFFSET_BITS - 1))

struct pack_index {
	void *map;
	size_t size;
	const unsigned char *fanout, *ids, *offsets, *large;
	uint32_t n;
	size_t nlarge;
};

struct pm_packorder {
	struct pack_index *packs;
	size_t n;
};

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static uint64_t
be64(const unsigned char *p)
{
	return (uint64_t)be32(p) << 32 | be32(p + 4);
}

/* Whether the mapped file is an index this module can read. */
static int
parse_index(struct pack_index *ix)
{
	static const unsigned char magic[8] = { 0xff, 't', 'O', 'c',
	    0, 0, 0, 2 };
	const unsigned char *p = ix->map;
	uint64_t need;
	uint32_t prev = 0;

	if (ix->size < HEADER_SIZE + TRAILER_SIZE ||
	    memcmp(p, magic, sizeof(magic)) != 0)
		return 0;
	ix->fanout = p + 8;
	for (int b = 0; b < 256; b++) {
		uint32_t count = be32(ix->fanout + 4 * b);

		if (count < prev)
			return 0;
		prev = count;
	}
	ix->n = prev;
	need = HEADER_SIZE + (uint64_t)ix->n * ENTRY_SIZE + TRAILER_SIZE;
	if (need > ix->size)
		return 0;
	ix->ids = p + HEADER_SIZE;
	ix->offsets = ix->ids + (size_t)ix->n * (ID_SIZE + 4);
	ix->large = ix->offsets + (size_t)ix->n * 4;
	ix->nlarge = (ix->size - (size_t)need) / 8;
	return 1;
}

static int
map_index(struct pack_index *ix, const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY), ok = 0;

	if (fd < 0)
		return 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		ix->size = (size_t)st.st_size;
		ix->map = mmap(NULL, ix->size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (ix->map == MAP_FAILED)
			ix->map = NULL;
		ok = ix->map && parse_index(ix);
		if (ix->map && !ok)
			munmap(ix->map, ix->size);
	}
	close(fd);
	return ok;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of the folder's "*.idx" files, sorted; NULL-terminated. */
static char **
list_indexes(const char *dir, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char **names = NULL;
	size_t cap = 0;

	*n = 0;
	if (d == NULL)
		return NULL;
	while ((e = readdir(d)) != NULL && *n < MAX_PACKS) {
		size_t len = strlen(e->d_name);

		if (len < 5 || strcmp(e->d_name + len - 4, ".idx") != 0)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			names = pm_xrealloc(names, cap * sizeof(*names));
		}
		names[(*n)++] = pm_xstrdup(e->d_name);
	}
	closedir(d);
	if (*n > 1)
		qsort(names, *n, sizeof(*names), compare_names);
	return names;
}

struct pm_packorder *
pm_packorder_load(const char *objects_dir)
{
	struct pm_packorder *po = pm_xcalloc(1, sizeof(*po));
	size_t dlen = strlen(objects_dir), n;
	char *dir = pm_xmalloc(dlen + sizeof("/pack"));
	char **names;

	memcpy(dir, objects_dir, dlen);
	memcpy(dir + dlen, "/pack", sizeof("/pack"));
	names = list_indexes(dir, &n);
	po->packs = n ? pm_xcalloc(n, sizeof(*po->packs)) : NULL;
	for (size_t i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(names[i]) + 2;
		char *path = pm_xmalloc(len);

		snprintf(path, len, "%s/%s", dir, names[i]);
		if (map_index(&po->packs[po->n], path))
			po->n++;
		free(path);
		free(names[i]);
	}
	free(names);
	free(dir);
	return po;
}

/* Position of id in the index, or -1. */
static long long
find(const struct pack_index *ix, const unsigned char id[20])
{
	size_t lo = id[0] ? be32(ix->fanout + 4 * (id[0] - 1)) : 0;
	size_t hi = be32(ix->fanout + 4 * id[0]);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = memcmp(ix->ids + mid * ID_SIZE, id, ID_SIZE);

		if (c == 0)
			return (long long)mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

uint64_t
pm_packorder_key(const struct pm_packorder *po, const unsigned char id[20])
{
	for (size_t i = 0; po && i < po->n; i++) {
		const struct pack_index *ix = &po->packs[i];
		long long at = find(ix, id);
		uint64_t off;

		if (at < 0)
			continue;
		off = be32(ix->offsets + 4 * (size_t)at);
		if (off & 0x80000000u) {
			off &= 0x7fffffffu;
			if (off >= ix->nlarge)
				continue;
			off = be64(ix->large + 8 * off);
		}
		if (off >> OFFSET_BITS)
			continue;
		return (uint64_t)i << OFFSET_BITS | off;
	}
	return UINT64_MAX;
}

void
pm_packorder_free(struct pm_packorder *po)
{
	if (po == NULL)
		return;
	for (size_t i = 0; i < po->n; i++)
		munmap(po->packs[i].map, po->packs[i].size);
	free(po->packs);
	free(po);
}
