/*
 * ingest.h: one postmortem from its bytes to an incident: front matter,
 * Markdown, what the prose says (extract), then what git says.
 *
 * Contract
 *  - pm_ingest_doc() fills *inc; every string of it lives in arena (the
 *    build arena), including the rendered HTML body.  The cmark tree is
 *    freed before it returns.  rep, when not NULL, receives where each
 *    finding was written (extract.h), for the review rules of check.h;
 *    the extractor's own doubts go there, not to warnings.
 *  - tax is the taxonomy compiled once per build (pm_taxonomy_compile);
 *    NULL means the built-in one.  It is only read.
 *  - Order of authority, per field: front matter, then the prose (extract),
 *    then the file name (a leading YYYY-MM-DD) and git (created date).
 *  - A postmortem is text a person wrote: one larger than
 *    PM_INGEST_MAX_BYTES is refused with an error (PM_ELIMIT) rather
 *    than handed to the parsers, whose memory grows with the input.
 *  - Errors (broken front matter, an invalid slug) return -1 with the file
 *    and line in err; problems that do not stop a build are added to
 *    warnings.
 *  - It parses Markdown, and cmark-gfm's parser edits process-wide state
 *    (DESIGN.md): pm_ingest_bytes*() must run on one thread at a time;
 *    pm_ingest_doc() may run on several when they all pass the same
 *    parse_lock, which it holds for each parse and nothing else.  arena
 *    and warnings are then each thread's own.
 */
#ifndef PM_INGEST_H
#define PM_INGEST_H

#include "arena.h"
#include "classify.h"
#include "config.h"
#include "error.h"
#include "extract.h"
#include "incident.h"
#include "source.h"
#include "warnings.h"

/* 4 MiB: the longest real postmortems are a few tens of kilobytes. */
#define PM_INGEST_MAX_BYTES	((size_t)4 * 1024 * 1024)

/*
 * Ingest doc, whose bytes are data (len bytes, NUL after the last): its
 * doc->data, or what pm_source_doc_bytes() read when the source was
 * loaded lazily.
 */
int pm_ingest_doc(struct pm_incident *inc, struct pm_extract_report *rep,
    struct pm_arena *arena, const struct pm_doc *doc, const char *data,
    size_t len, const struct pm_config *cfg, const struct pm_taxonomy *tax,
    pthread_mutex_t *parse_lock, struct pm_warnings *warnings,
    struct pm_error *err);

/*
 * The same for bytes that are not in a repository (`pmsite inspect FILE`):
 * path names the file, git facts stay null.
 */
int pm_ingest_bytes(struct pm_incident *inc, struct pm_arena *arena,
    const char *path, const char *data, size_t len,
    const struct pm_config *cfg, const struct pm_taxonomy *tax,
    struct pm_warnings *warnings, struct pm_error *err);

/*
 * pm_ingest_bytes(), also filling *rep when not NULL (caller-owned; its
 * strings are static or in arena) with where each finding was written, for the rules
 * of check.h.  The extractor's own warnings (end before start, duration
 * disagreeing, timeline out of order) are not added to warnings: the
 * report carries them and pm_check_incident() says them.  On error *rep
 * is left empty (lines 0, durations PM_UNKNOWN).
 */
struct pm_extract_report;
int pm_ingest_bytes_report(struct pm_incident *inc,
    struct pm_extract_report *rep, struct pm_arena *arena, const char *path,
    const char *data, size_t len, const struct pm_config *cfg,
    const struct pm_taxonomy *tax, struct pm_warnings *warnings,
    struct pm_error *err);

#endif
