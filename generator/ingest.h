/*
 * ingest.h: one postmortem from its bytes to an incident: front matter,
 * Markdown, what the prose says (extract), then what git says.
 *
 * Contract
 *  - pm_ingest_doc() fills *inc; every string of it lives in arena (the
 *    build arena), including the rendered HTML body.  The cmark tree is
 *    freed before it returns.
 *  - tax is the taxonomy compiled once per build (pm_taxonomy_compile);
 *    NULL means the built-in one.  It is only read.
 *  - Order of authority, per field: front matter, then the prose (extract),
 *    then the file name (a leading YYYY-MM-DD) and git (created date).
 *  - Errors (broken front matter, an invalid slug) return -1 with the file
 *    and line in err; problems that do not stop a build are added to
 *    warnings.
 *  - Not thread-safe: it parses Markdown (DESIGN.md: cmark-gfm's parser
 *    edits process-wide state).
 */
#ifndef PM_INGEST_H
#define PM_INGEST_H

#include "arena.h"
#include "classify.h"
#include "config.h"
#include "error.h"
#include "incident.h"
#include "source.h"
#include "warnings.h"

int pm_ingest_doc(struct pm_incident *inc, struct pm_arena *arena,
    const struct pm_doc *doc, const struct pm_config *cfg,
    const struct pm_taxonomy *tax, struct pm_warnings *warnings,
    struct pm_error *err);

/*
 * The same for bytes that are not in a repository (`pmsite inspect FILE`):
 * path names the file, git facts stay null.
 */
int pm_ingest_bytes(struct pm_incident *inc, struct pm_arena *arena,
    const char *path, const char *data, size_t len,
    const struct pm_config *cfg, const struct pm_taxonomy *tax,
    struct pm_warnings *warnings, struct pm_error *err);

#endif
