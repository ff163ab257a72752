/*
 * views_key.c: the keys of pages (views.h pm_page_key()).  A context is
 * mostly records that other contexts hold too: an incident's record sits
 * in its own page, in its neighbours', in every later page of its cause
 * and in the lists.  Each record is digested once, here, and stands in
 * every key by its digest; the cause each record holds is digested once
 * too.  An incident page is keyed by what its context is made from
 * (views.c incident_inputs()), so a key costs its body's digest and a
 * few records' digests.
 */
#include "views_int.h"
#include "workers.h"

#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Addresses are aligned, so their low bits say little: mix them. */
static size_t
slot_of(const struct pm_value *p, size_t mask)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15u;

	return (size_t)(h >> 32) & mask;
}

/* One thread's share of views_make_records(): records go to the
 * thread's own arena, which the views adopt once all are made. */
struct record_worker {
	struct views local;
	struct views *v;
	atomic_size_t *next;
	struct pm_buf scratch;
};

/* pm_digest_known_fn: the digest of a cause's map, which every record of
 * the cause holds. */
static int
known_cause(struct pm_digest *out, const struct pm_value *val,
    const void *arg)
{
	const struct views *v = arg;

	if (val->type != PM_VALUE_MAP)
		return 0;
	for (size_t i = 0; i < v->stats.ncauses; i++)
		if (v->causes[i] == val) {
			*out = v->cause_digests[i];
			return 1;
		}
	return 0;
}

static void *
make_records(void *arg)
{
	struct record_worker *w = arg;
	struct views *v = w->v;
	size_t i;

	while ((i = atomic_fetch_add(w->next, 1)) < v->site->len) {
		const struct pm_incident *inc = v->site->incidents[i];

		v->records[i] = views_incident_value(&w->local, inc);
		pm_digest_value(&v->digests[i], &w->scratch, v->records[i],
		    known_cause, v);
		if (inc->search_entry)
			pm_digest_bytes(&v->search_digests[i],
			    inc->search_entry, inc->search_entry_len);
	}
	return NULL;
}

void
views_make_records(struct views *v, int jobs)
{
	size_t n = v->site->len, cap = 16;
	struct pm_buf scratch;
	struct record_worker *w;
	atomic_size_t next;

	jobs = pm_workers_for(jobs, n);
	pm_buf_init(&scratch);
	pm_digest_value(&v->site_digest, &scratch, v->sitev, NULL, NULL);
	v->cause_digests = pm_arena_alloc(v->a, pm_xmul(v->stats.ncauses + 1,
	    sizeof(*v->cause_digests)));
	for (size_t i = 0; i < v->stats.ncauses; i++)
		pm_digest_value(&v->cause_digests[i], &scratch, v->causes[i],
		    NULL, NULL);
	pm_buf_free(&scratch);
	v->records = pm_arena_alloc(v->a, pm_xmul(n + 1, sizeof(*v->records)));
	v->digests = pm_arena_alloc(v->a, pm_xmul(n + 1, sizeof(*v->digests)));
	v->search_digests = pm_arena_alloc(v->a, pm_xmul(n + 1,
	    sizeof(*v->search_digests)));
	atomic_init(&next, 0);
	w = pm_xcalloc((size_t)jobs, sizeof(*w));
	for (int k = 0; k < jobs; k++) {
		w[k].local = *v;
		w[k].local.a = pm_arena_new();
		w[k].v = v;
		w[k].next = &next;
		pm_buf_init(&w[k].scratch);
	}
	pm_workers_run(jobs, make_records, w, sizeof(*w));
	for (int k = 0; k < jobs; k++) {
		pm_arena_adopt(v->a, w[k].local.a);
		pm_buf_free(&w[k].scratch);
	}
	free(w);

	while (cap < 2 * n)
		cap *= 2;
	v->known = pm_arena_calloc(v->a, cap, sizeof(*v->known));
	v->known_at = pm_arena_calloc(v->a, cap, sizeof(*v->known_at));
	v->known_mask = cap - 1;
	for (size_t i = 0; i < n; i++) {
		size_t s = slot_of(v->records[i], v->known_mask);

		while (v->known[s] != NULL)
			s = (s + 1) & v->known_mask;
		v->known[s] = v->records[i];
		v->known_at[s] = i;
	}
}

/* pm_digest_known_fn: the digest of a record of the site. */
static int
known_record(struct pm_digest *out, const struct pm_value *val,
    const void *arg)
{
	const struct views *v = arg;
	size_t s;

	if (val->type != PM_VALUE_MAP || v->known == NULL)
		return 0;
	for (s = slot_of(val, v->known_mask); v->known[s] != NULL;
	    s = (s + 1) & v->known_mask)
		if (v->known[s] == val) {
			*out = v->digests[v->known_at[s]];
			return 1;
		}
	return 0;
}

/*
 * What a data page reads of incident i.  The search index is made of the
 * entries the ingest cut (search.h), so it keys on them alone: an edit
 * that leaves every entry as it was (a new paragraph in a body, a later
 * "updated" date) keeps the index's 31 MB as they are.  Each entry is
 * digested once, with the records.  An incident without an entry has it
 * made from its record, which then stands in.
 */
static void
put_what_is_read(struct pm_digester *d, const struct views *v, size_t i,
    int reads)
{
	const struct pm_incident *inc = v->site->incidents[i];
	unsigned char tag = 0;

	if (reads == PM_PAGE_READS_SEARCH && inc->search_entry) {
		pm_digester_put(d, &tag, 1);
		pm_digester_put(d, v->search_digests[i].bytes,
		    PM_DIGEST_SIZE);
		return;
	}
	if (reads == PM_PAGE_READS_SEARCH) {
		tag = 1;
		pm_digester_put(d, &tag, 1);
	}
	pm_digester_put(d, v->digests[i].bytes, PM_DIGEST_SIZE);
}

int
pm_page_key(struct pm_digest *out, const struct pm_page *page,
    const struct pm_digest *env, struct pm_arena *arena,
    struct pm_buf *scratch, struct pm_error *err)
{
	const struct views *v = page->make_arg;
	const struct pm_value *ctx = page->context;
	struct pm_digester d;
	int rc;

	if (v == NULL || (page->template == NULL && page->write_reads == 0))
		return 0;
	if (page->make && page->inputs == NULL &&
	    (rc = page->make(&ctx, arena, page, 0, err)) < 0)
		return rc;
	pm_digester_start(&d, scratch);
	pm_digester_put(&d, env->bytes, sizeof(env->bytes));
	pm_digest_encode_bytes(&d, page->path, strlen(page->path));
	if (page->template && page->inputs) {
		pm_digest_encode_bytes(&d, page->template,
		    strlen(page->template));
		pm_digester_put(&d, "I", 1);
		page->inputs(&d, page);
	} else if (page->template) {
		pm_digest_encode_bytes(&d, page->template,
		    strlen(page->template));
		pm_digest_encode(&d, ctx, known_record, v);
	} else {
		unsigned char reads = (unsigned char)page->write_reads;

		pm_digester_put(&d, &reads, 1);
		for (size_t i = 0; i < v->site->len; i++)
			put_what_is_read(&d, v, i, page->write_reads);
	}
	pm_digester_finish(&d, out);
	return 1;
}
