/*
 * warnings.h: the list of non-fatal diagnostics a command collects and
 * prints, such as a skipped file or an unknown configuration key.
 *
 * Contract
 *  - A struct pm_warnings owns its lines (heap); pm_warnings_free() frees
 *    them.  PM_WARNINGS_INIT makes an empty list.
 *  - Lines read `file:line: warning: message` (line left out when 0), the
 *    format editors and CI annotate.
 *  - The adders accept a NULL list and drop the line: a caller that does
 *    not want warnings passes NULL.
 *  - Not thread-safe: one list per thread, merged by the caller.
 */
#ifndef PM_WARNINGS_H
#define PM_WARNINGS_H

#include <stddef.h>
#include <stdio.h>

struct pm_warnings {
	char **lines;
	size_t len, cap;
};

#define PM_WARNINGS_INIT { NULL, 0, 0 }

void pm_warnings_add(struct pm_warnings *w, const char *file, int line,
    const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Append a line that is already formatted. */
void pm_warnings_add_line(struct pm_warnings *w, const char *line);

/* Print every line to f, one per line. */
void pm_warnings_print(const struct pm_warnings *w, FILE *f);

void pm_warnings_free(struct pm_warnings *w);

#endif
