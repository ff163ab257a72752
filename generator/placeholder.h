/*
 * placeholder.h: telling a template's unfilled field from a value.
 *
 * Contract
 *  - Teams write postmortems from templates and leave some fields as the
 *    template had them: "TBD", "N/A", "<short incident title>",
 *    "YYYY-MM-DDTHH:MM", "XX%", "e.g. AEST", "[fill in]".  Such a field
 *    states nothing, so the front matter reader takes it as not written
 *    and the value is read from the body instead (incident.h).
 *  - A value with a digit in it is a placeholder only when bracketed
 *    or a hint ("<SEV1|SEV2>", "e.g. 14:30 UTC"): dates, times and
 *    shares carry digits, and a real name or zone ("MST", "none of the
 *    above") is not one of the forms below.
 *  - Pure: no allocation, no state; s need not be NUL-terminated.
 */
#ifndef PM_PLACEHOLDER_H
#define PM_PLACEHOLDER_H

#include <stddef.h>

/*
 * 1 when the len bytes at s, spaces around them aside, are a template's
 * gap: empty; wholly inside <...>, [...] or {{...}}; a word templates
 * leave (TBD, TBC, TBA, TODO, FIXME, N/A, n.a., none, pending, "to be
 * determined", "fill in", ...), alone or before a note ("TBD (after the
 * count)") or a percent sign ("XX%"); dashes, question marks or dots
 * alone; a hint ("e.g. AEST", "for example 30%"); or a mask of a date,
 * a time or a number ("YYYY-MM-DD", "HH:MM", "dd/mm/yyyy", "XX.X").
 * Otherwise 0.
 */
int pm_placeholder(const char *s, size_t len);

#endif
