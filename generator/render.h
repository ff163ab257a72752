/*
 * render.h: every page of the site through its template and into the
 * output, on several threads.
 *
 * Contract
 *  - pm_render_pages() renders pages->items[i] with the template of the
 *    same name from set (data pages are written as they are) and writes
 *    each with pm_output_write().  jobs threads share the work (jobs <= 1:
 *    the calling thread alone); the bytes of every page are the same
 *    whatever jobs is, because each page is rendered on its own from
 *    read-only inputs: compiled templates, contexts and the site are
 *    never written during rendering.  A page made at render time
 *    (pm_page.make) gets an arena of its own, freed once it is written.
 *  - On failure it returns the error of the page that comes first in the
 *    list among those that failed, so the message does not depend on
 *    thread timing; pages after a failure may or may not have been
 *    written (the caller aborts the output anyway).
 *  - Nothing it allocates outlives the call.
 */
#ifndef PM_RENDER_H
#define PM_RENDER_H

#include "error.h"
#include "mustache.h"
#include "output.h"
#include "views.h"

/* The number of online processors, at least 1 (the default for -j). */
int pm_render_default_jobs(void);

int pm_render_pages(struct pm_output *out, const struct pm_pages *pages,
    const struct pm_template_set *set, int jobs, struct pm_error *err);

#endif
