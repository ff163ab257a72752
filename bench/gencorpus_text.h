/*
 * gencorpus_text.h: the text of one synthetic postmortem for gencorpus: a
 * plan drawn from (seed, index) and the Markdown written from it.
 *
 * Contract
 *  - Everything is a pure function of its arguments: the same seed, index,
 *    time and revision give the same bytes on every machine.
 *  - gen_buf grows with realloc and aborts on out-of-memory (a benchmark
 *    generator has nothing better to do); the caller frees b->p.
 *  - gen_doc_plan() fills a struct by value, nothing to free.
 */
#ifndef GENCORPUS_TEXT_H
#define GENCORPUS_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* splitmix64: small, fast, and good enough for text. */
struct gen_rng {
	uint64_t s;
};

void gen_rng_seed(struct gen_rng *r, uint64_t seed, uint64_t a, uint64_t b);
uint64_t gen_rng_next(struct gen_rng *r);
/* Uniform in [0, n); n > 0. */
uint32_t gen_rng_below(struct gen_rng *r, uint32_t n);

struct gen_buf {
	char *p;
	size_t len, cap;
};

void gen_buf_put(struct gen_buf *b, const char *s, size_t len);
void gen_buf_puts(struct gen_buf *b, const char *s);
void gen_buf_printf(struct gen_buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The choices that do not change between revisions of one file. */
struct gen_doc {
	uint64_t seed;
	size_t index;
	int64_t start;		/* incident start, seconds since the epoch */
	int minutes;		/* how long it lasted */
	int zone;		/* index into the zone table */
	int clock24;		/* 24-hour times, else 12-hour */
	int front;		/* YAML front matter */
	int heads;		/* heading style: ATX, setext, bold, label */
	int tlstyle;		/* timeline: bullets, table, bold times */
	int durstyle;		/* how the duration line is written */
	int cause;		/* index into the cause table */
	int sev;		/* 1..4 */
	int svc[3];		/* services, nsvc of them */
	int nsvc;
	char title[160];
	char name[192];		/* file name: 2019-03-05-x-00042.md */
	char path[224];		/* content/2019/[03/]<name> */
};

/*
 * Plan file index of the corpus of seed.  added is the time of the commit
 * that adds it; the incident happened one to ten days before.  The file
 * goes to content/YYYY/, or content/YYYY/MM/ when monthly.
 */
void gen_doc_plan(struct gen_doc *d, uint64_t seed, size_t index,
    int64_t added, int monthly);

/* Write revision rev of the file into out (emptied first). */
void gen_doc_write(struct gen_buf *out, const struct gen_doc *d,
    unsigned rev);

#endif
