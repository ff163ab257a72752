/*
 * gitfacts_visit.c: comparing the commits of a walk on every handle there
 * is, then crediting them in the walk's order on the caller's thread.
 *
 * The comparing runs in passes.  The first reads the commits, a block of
 * neighbours at a time, and makes for each the task of comparing its
 * content folder with its parents'.  Each further pass takes the tasks
 * of one depth, grouped by folder and in the walk's order within a
 * folder, a whole folder on one reader; comparing a folder makes the
 * tasks of its subfolders, for the next pass.
 *
 * Why by folder: libgit2 keeps at most 16 MiB of delta bases per pack
 * and empties the whole cache when it is full.  A folder of a thousand
 * postmortems is a 60 KB tree, stored as a chain of up to 50 deltas.
 * Read as the commits come, the versions of ten such folders took turns
 * and emptied the cache before a chain was used again: 10,000
 * postmortems over 20,000 commits, the 20,000 versions of the year
 * folders read in the walk's order took 1.89 s, and folder by folder
 * 0.12 s.
 */
#include "gitfacts_int.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "workers.h"

/* One pass: units (blocks of commits, or folders) handed out in order. */
struct pass {
	const git_oid *ids;		/* first pass: the commits */
	struct gf_found *found;
	size_t n;
	struct gf_task *tasks;		/* later passes: this depth's, */
	size_t *groups;			/* a folder's from groups[g] */
	size_t ngroups;			/* to groups[g + 1] */
	int depth;
	size_t units;
	atomic_size_t next;
	atomic_int stop;
};

struct pass_job {
	struct pass *pass;
	struct gf_reader reader;
	size_t failed;		/* the unit it failed in; SIZE_MAX: none */
};

/* Read commits [b * GF_BLOCK, ...) of the walk. */
static int
read_block(struct gf_reader *r, struct pass *p, size_t b)
{
	size_t end = p->n - b * GF_BLOCK > GF_BLOCK ? (b + 1) * GF_BLOCK :
	    p->n;

	for (size_t i = b * GF_BLOCK; i < end; i++)
		if (pm_gitfacts__read(r, i, &p->ids[i], &p->found[i]) < 0)
			return -1;
	return 0;
}

/* Compare the versions of folder g, in the walk's order. */
static int
compare_folder(struct gf_reader *r, struct pass *p, size_t g)
{
	for (size_t t = p->groups[g]; t < p->groups[g + 1]; t++)
		if (pm_gitfacts__compare(r, &p->tasks[t], p->depth) < 0)
			return -1;
	return 0;
}

static void *
run_units(void *arg)
{
	struct pass_job *j = arg;
	struct pass *p = j->pass;
	size_t u;

	while (!atomic_load(&p->stop) &&
	    (u = atomic_fetch_add(&p->next, 1)) < p->units) {
		int rc = p->tasks ? compare_folder(&j->reader, p, u) :
		    read_block(&j->reader, p, u);

		if (rc < 0) {
			j->failed = u;
			atomic_store(&p->stop, 1);
			break;
		}
	}
	return NULL;
}

/*
 * Run pass p on the jobs.  Units are handed out in order and a thread
 * finishes the unit it holds, so every unit before the one that failed
 * was run to its end: the error reported is the pass's first, whatever
 * the threads did.
 */
static int
run_pass(struct pass *p, struct pass_job *jobs, int threads,
    struct pm_error *err)
{
	size_t worst = SIZE_MAX;

	atomic_init(&p->next, 0);
	atomic_init(&p->stop, 0);
	for (int t = 0; t < threads; t++) {
		jobs[t].pass = p;
		jobs[t].failed = SIZE_MAX;
	}
	(void)pm_workers_run(threads, run_units, jobs, sizeof(*jobs));
	for (int t = 0; t < threads; t++)
		if (jobs[t].failed < worst) {
			worst = jobs[t].failed;
			*err = jobs[t].reader.err;
		}
	return worst == SIZE_MAX ? 0 : -1;
}

static int
task_order(const void *a, const void *b)
{
	const struct gf_task *x = a, *y = b;
	int c = strcmp(x->path, y->path);

	if (c != 0)
		return c;
	if (x->commit != y->commit)
		return x->commit < y->commit ? -1 : 1;
	return x->parent < y->parent ? -1 : x->parent > y->parent;
}

/*
 * The tasks the readers made, moved into p (paths into arena) and sorted
 * into folders; 0 when there are none.
 */
static size_t
gather_tasks(struct pass *p, struct pass_job *jobs, int threads,
    struct pm_arena *arena)
{
	size_t n = 0, k = 0;

	for (int t = 0; t < threads; t++)
		n += jobs[t].reader.ntasks;
	free(p->tasks);
	free(p->groups);
	p->tasks = NULL;
	p->groups = NULL;
	p->ngroups = 0;
	if (n == 0)
		return 0;
	p->tasks = pm_xcalloc(n, sizeof(*p->tasks));
	for (int t = 0; t < threads; t++) {
		struct gf_reader *r = &jobs[t].reader;

		for (size_t i = 0; i < r->ntasks; i++) {
			p->tasks[k] = r->tasks[i];
			p->tasks[k++].path = pm_arena_strndup(arena,
			    r->task_text.ptr + r->tasks[i].at,
			    r->tasks[i].len);
		}
		r->ntasks = 0;
		pm_buf_truncate(&r->task_text, 0);
	}
	qsort(p->tasks, n, sizeof(*p->tasks), task_order);
	p->groups = pm_xcalloc(n + 1, sizeof(*p->groups));
	for (size_t i = 0; i < n; i++)
		if (i == 0 || strcmp(p->tasks[i].path,
		    p->tasks[i - 1].path) != 0)
			p->groups[p->ngroups++] = i;
	p->groups[p->ngroups] = n;
	p->units = p->ngroups;
	return n;
}

static int
mark_order(const void *a, const void *b)
{
	const struct gf_mark *x = a, *y = b;

	if (x->commit != y->commit)
		return x->commit < y->commit ? -1 : 1;
	if (x->parent != y->parent)
		return x->parent < y->parent ? -1 : 1;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return memcmp(x->name, y->name, x->len);
}

/*
 * Every change the readers found, by commit and, within a commit, first
 * parent first (crediting needs the first parent's before the others').
 */
static struct gf_mark *
gather_marks(struct pass_job *jobs, int threads, size_t *count)
{
	struct gf_mark *marks;
	size_t n = 0, k = 0;

	for (int t = 0; t < threads; t++)
		n += jobs[t].reader.nchanges;
	marks = pm_xcalloc(n ? n : 1, sizeof(*marks));
	for (int t = 0; t < threads; t++) {
		const struct gf_reader *r = &jobs[t].reader;

		for (size_t i = 0; i < r->nchanges; i++) {
			const struct gf_change *c = &r->changes[i];

			marks[k].name = r->text.ptr + c->name;
			marks[k].len = c->len;
			marks[k].blob = &c->blob;
			marks[k].commit = c->commit;
			marks[k++].parent = c->parent;
		}
	}
	qsort(marks, n, sizeof(*marks), mark_order);
	*count = n;
	return marks;
}

/* Compare the commits on the jobs' readers: commits, then depth by depth. */
static int
compare_all(struct pass *p, struct pass_job *jobs, int threads,
    struct pm_error *err)
{
	struct pm_arena *arena = NULL, *next;
	size_t n;
	int rc;

	p->units = (p->n + GF_BLOCK - 1) / GF_BLOCK;
	if ((rc = run_pass(p, jobs, threads, err)) < 0)
		return rc;
	for (p->depth = 0; rc == 0; p->depth++) {
		/* the paths of a depth's tasks live until the next's */
		next = pm_arena_new();
		n = gather_tasks(p, jobs, threads, next);
		pm_arena_free(arena);
		arena = next;
		if (n == 0)
			break;
		rc = run_pass(p, jobs, threads, err);
	}
	pm_arena_free(arena);
	return rc;
}

int
pm_gitfacts__visit(struct gf_walk *w, const git_oid *ids, size_t n)
{
	struct pass p;
	struct pass_job *jobs;
	git_repository **handles;
	struct gf_mark *marks = NULL;
	size_t nmarks = 0, m = 0;
	int threads, rc;

	if (n == 0)
		return 0;
	memset(&p, 0, sizeof(p));
	p.ids = ids;
	p.n = n;
	p.found = pm_xcalloc(n, sizeof(*p.found));
	threads = pm_workers_for((int)w->nmore + 1, (n + GF_BLOCK - 1) /
	    GF_BLOCK);
	handles = pm_xcalloc((size_t)threads, sizeof(*handles));
	handles[0] = w->repo;
	if (threads > 1)
		threads = 1 + (int)w->more(w->more_ctx, handles + 1,
		    (size_t)threads - 1);
	jobs = pm_xcalloc((size_t)threads, sizeof(*jobs));
	for (int t = 0; t < threads; t++)
		pm_gitfacts__reader_init(&jobs[t].reader, handles[t],
		    w->content);
	if ((rc = compare_all(&p, jobs, threads, w->err)) == 0) {
		marks = gather_marks(jobs, threads, &nmarks);
		for (size_t i = 0; i < n; i++) {
			size_t first = m;

			while (m < nmarks && marks[m].commit == i)
				m++;
			pm_gitfacts__credit(w, &ids[i], &p.found[i],
			    marks + first, m - first);
		}
	}
	w->walked += n;
	for (int t = 0; t < threads; t++)
		pm_gitfacts__reader_free(&jobs[t].reader);
	free(marks);
	free(p.tasks);
	free(p.groups);
	free(jobs);
	free(handles);
	free(p.found);
	return rc;
}
