/*
 * output_folders.c: which folders of a recycled tree the sweep need not
 * list (output_int.h pm_output__folder_trusted()).
 *
 * A one-change rebuild of a large site spends most of its sweep listing
 * the ten thousand page folders of the recycled tree, each holding
 * exactly the page the build kept there.  When a sweep has listed a
 * folder, it knows what the folder then held: the names claimed in it.
 * A folder's stat (inode, size, modification and change times) moves
 * whenever an entry is added, removed or renamed, so a folder that shows
 * the same stat two builds later, when its tree is recycled, holds the
 * same names.  If this build claims as many names in it, and nothing
 * below it, they are the same names (a claim that made an entry would
 * have moved the stat), and there is nothing to sweep.
 *
 * The stats live in two small files beside the parked tree: SPARE.folders
 * for the parked tree, SPARE.folders-live for the published one; a commit
 * that parks the published tree moves its file along.  Nothing in them is
 * trusted but the stats themselves: a missing, stale or damaged file, or
 * one that belongs to another tree, only means folders are listed.
 *
 * A stat read in the same tick of the file system's clock as the last
 * change to the folder proves nothing (a second change in that tick would
 * leave it as it was): such folders are not recorded, as git does not
 * trust an index entry as new as the index ("racily clean").
 */
#include "output_int.h"
#include "buf.h"
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* How much older than the sweep a folder's change must be for its stat
 * to be recorded: ample for the coarse clocks of file systems (a jiffy
 * on Linux, two seconds on FAT). */
#define SETTLE_NS	(2 * 1000000000LL)

/* A records file larger than this is not read: ten thousand folders take
 * under a megabyte. */
#define RECORDS_MAX	(64u << 20)

static char *
records_path(const struct pm_output *o, const char *suffix)
{
	struct pm_buf b = PM_BUF_INIT;

	pm_buf_puts(&b, o->spare);
	pm_buf_puts(&b, suffix);
	return pm_buf_detach(&b, NULL);
}

/* One line: "ino size mtime_s mtime_ns ctime_s ctime_ns entries path". */
static int
parse_record(struct pm_output_folder *f, char *line, struct pm_arena *a)
{
	long long v[7];
	char *p = line, *end;

	for (int i = 0; i < 7; i++) {
		errno = 0;
		v[i] = strtoll(p, &end, 10);
		if (end == p || *end != ' ' || errno || v[i] < 0)
			return -1;
		p = end + 1;
	}
	if (*p == '\0' || pm_output__path_problem(p) != NULL)
		return -1;
	f->path = pm_arena_strdup(a, p);
	f->st.ino = (uint64_t)v[0];
	f->st.size = (uint64_t)v[1];
	f->st.mtime_s = v[2];
	f->st.mtime_ns = v[3];
	f->st.ctime_s = v[4];
	f->st.ctime_ns = v[5];
	f->entries = (size_t)v[6];
	return 0;
}

static void
load_records(struct pm_output *o, const char *path)
{
	FILE *fp = fopen(path, "re");
	char *line = NULL;
	size_t cap = 0, n = 0;
	ssize_t len;
	struct stat st;

	if (fp == NULL)
		return;
	if (fstat(fileno(fp), &st) < 0 || !S_ISREG(st.st_mode) ||
	    (uint64_t)st.st_size > RECORDS_MAX) {
		fclose(fp);
		return;
	}
	while ((len = getline(&line, &cap, fp)) > 0) {
		struct pm_output_folder f;

		if (line[len - 1] != '\n')
			break;	/* cut short: the rest is lost */
		line[len - 1] = '\0';
		if (parse_record(&f, line, o->arena) < 0)
			continue;
		if (n == o->ntrusted_cap) {
			o->ntrusted_cap = n ? 2 * n : 256;
			o->trusted = pm_xrealloc(o->trusted, pm_xmul(
			    o->ntrusted_cap, sizeof(*o->trusted)));
		}
		o->trusted[n++] = f;
	}
	free(line);
	fclose(fp);
	o->ntrusted = n;
	pm_strmap_init(&o->trusted_at, n);
	for (size_t i = 0; i < n; i++)
		pm_strmap_put(&o->trusted_at, o->trusted[i].path,
		    strlen(o->trusted[i].path), i);
}

void
pm_output__folders_open(struct pm_output *o)
{
	char *path;

	o->settle_ns = SETTLE_NS;
	if (o->spare == NULL)
		return;
	path = records_path(o, ".folders");
	if (o->recycled)
		load_records(o, path);
	else
		(void)unlink(path);	/* no parked tree to describe */
	free(path);
}

/* Count the claim path under its parent folder (dir: a folder's). */
static void
count_under(struct pm_strmap *at, struct pm_output_claims **v, size_t *n,
    const char *path, int dir)
{
	const char *slash = strrchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) : 0, i;

	if ((i = pm_strmap_get(at, path, len)) == SIZE_MAX) {
		i = (*n)++;
		(*v)[i] = (struct pm_output_claims){ 0, 0 };
		pm_strmap_put(at, path, len, i);
	}
	if (dir)
		(*v)[i].dirs++;
	else
		(*v)[i].files++;
}

void
pm_output__folders_start(struct pm_output *o)
{
	size_t total = o->written.count + o->dirs.count, n = 0;
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	o->settled_before = (int64_t)now.tv_sec * 1000000000LL + now.tv_nsec -
	    o->settle_ns;
	if (o->ntrusted == 0 && o->spare == NULL)
		return;
	o->claims = pm_xcalloc(total + 1, sizeof(*o->claims));
	pm_strmap_init(&o->claims_at, total);
	for (size_t i = 0; i < o->written.cap; i++)
		if (o->written.slots[i])
			count_under(&o->claims_at, &o->claims, &n,
			    o->written.slots[i], 0);
	for (size_t i = 0; i < o->dirs.cap; i++)
		if (o->dirs.slots[i])
			count_under(&o->claims_at, &o->claims, &n,
			    o->dirs.slots[i], 1);
}

/* The files claimed in folder rel when nothing below it is claimed;
 * SIZE_MAX when a folder is. */
static size_t
claimed_files(const struct pm_output *o, const char *rel, size_t len)
{
	size_t i;

	if (o->claims == NULL ||
	    (i = pm_strmap_get(&o->claims_at, rel, len)) == SIZE_MAX)
		return 0;
	return o->claims[i].dirs ? SIZE_MAX : o->claims[i].files;
}

void
pm_output__folder_swept(struct pm_output *o, const char *rel, size_t len,
    const struct stat *st, size_t entries)
{
	struct pm_output_stat s;

	if (o->spare == NULL || len == 0 || claimed_files(o, rel, len) !=
	    entries || (int64_t)st->st_ctim.tv_sec * 1000000000LL +
	    st->st_ctim.tv_nsec >= o->settled_before ||
	    (int64_t)st->st_mtim.tv_sec * 1000000000LL +
	    st->st_mtim.tv_nsec >= o->settled_before)
		return;
	pm_output_stat_of(&s, st);
	pthread_mutex_lock(&o->lock);
	if (o->nswept == o->swept_cap) {
		o->swept_cap = o->swept_cap ? 2 * o->swept_cap : 256;
		o->swept = pm_xrealloc(o->swept, pm_xmul(o->swept_cap,
		    sizeof(*o->swept)));
	}
	o->swept[o->nswept++] = (struct pm_output_folder){
		pm_arena_strndup(o->arena, rel, len), s, entries };
	pthread_mutex_unlock(&o->lock);
}

int
pm_output__folder_trusted(struct pm_output *o, int dfd, const char *name,
    const char *rel, size_t len)
{
	const struct pm_output_folder *f;
	struct pm_output_stat now;
	struct stat st;
	size_t i, files;

	if (o->ntrusted == 0 ||
	    (i = pm_strmap_get(&o->trusted_at, rel, len)) == SIZE_MAX)
		return 0;
	f = &o->trusted[i];
	if ((files = claimed_files(o, rel, len)) == SIZE_MAX ||
	    files != f->entries ||
	    fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 ||
	    !S_ISDIR(st.st_mode))
		return 0;
	pm_output_stat_of(&now, &st);
	if (!pm_output_stat_equal(&now, &f->st))
		return 0;
	pm_output__folder_swept(o, rel, len, &st, files);
	atomic_fetch_add(&o->trusted_hits, 1);
	return 1;
}

/* Write the records of this sweep to path through path.new. */
static void
save_records(const struct pm_output *o, const char *path)
{
	struct pm_buf b = PM_BUF_INIT, tmp = PM_BUF_INIT;
	int fd;

	for (size_t i = 0; i < o->nswept; i++) {
		const struct pm_output_folder *f = &o->swept[i];

		pm_buf_printf(&b, "%" PRIu64 " %" PRIu64 " %" PRId64 " %"
		    PRId64 " %" PRId64 " %" PRId64 " %zu %s\n", f->st.ino,
		    f->st.size, f->st.mtime_s, f->st.mtime_ns, f->st.ctime_s,
		    f->st.ctime_ns, f->entries, f->path);
	}
	pm_buf_printf(&tmp, "%s.new", path);
	fd = open(tmp.ptr, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW |
	    O_CLOEXEC, 0644);
	if (fd >= 0) {
		int ok = pm_fs_write_all(fd, b.ptr ? b.ptr : "", b.len) == 0;

		if (close(fd) == 0 && ok && rename(tmp.ptr, path) == 0)
			goto out;
	}
	(void)unlink(tmp.ptr);
	(void)unlink(path);
out:
	pm_buf_free(&tmp);
	pm_buf_free(&b);
}

void
pm_output__folders_commit(struct pm_output *o, int parked)
{
	char *live, *spare;

	if (o->spare == NULL)
		return;
	live = records_path(o, ".folders-live");
	spare = records_path(o, ".folders");
	/* The published tree's records follow it to the spare place. */
	if (!parked || rename(live, spare) < 0)
		(void)unlink(spare);
	if (o->recycled && o->nswept > 0)
		save_records(o, live);
	else
		(void)unlink(live);
	free(spare);
	free(live);
}

void
pm_output__folders_free(struct pm_output *o)
{
	free(o->trusted);
	free(o->swept);
	free(o->claims);
	if (o->ntrusted)
		pm_strmap_free(&o->trusted_at);
	if (o->claims)
		pm_strmap_free(&o->claims_at);
}

void
pm_output_swept(const struct pm_output *o, size_t *listed, size_t *trusted)
{
	*listed = atomic_load(&o->listed);
	*trusted = atomic_load(&o->trusted_hits);
}

void
pm_output__set_settle(struct pm_output *o, long long ns)
{
	o->settle_ns = ns;
}
