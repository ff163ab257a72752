/*
 * error.h: the explicit error that travels up every fallible call, and the
 * process exit codes.
 *
 * Contract
 *  - A fallible function returns 0 on success and a negative PM_E* code on
 *    failure, and fills the caller's struct pm_error.  There is no global
 *    last-error: the error is whatever the caller passed in.
 *  - The first error wins: pm_error_set() does nothing when the error is
 *    already set, so a failure deep down is reported as it happened and is
 *    never masked by a vaguer message from a caller ("propagate, don't
 *    mask").
 *  - struct pm_error owns no heap memory; it can be copied, reset with
 *    pm_error_clear() and lives wherever the caller puts it.
 *  - Messages are one line, lowercase, without "failed to"; the user sees
 *    them as `file:line:col: message`.
 */
#ifndef PM_ERROR_H
#define PM_ERROR_H

#include <stddef.h>

/* Process exit codes (pmsite(1) documents them). */
enum {
	PM_EXIT_OK = 0,
	PM_EXIT_ERROR = 1,	/* content or environment is wrong */
	PM_EXIT_USAGE = 2	/* bad command line */
};

/* Return codes.  Callers branch on the named ones; anything else is -1. */
enum {
	PM_OK = 0,
	PM_ERROR = -1,
	PM_ENOTFOUND = -3,	/* a ref, path, partial or key that is absent */
	PM_EEXISTS = -4,	/* refusing to replace something */
	PM_ELIMIT = -5		/* a hard limit (depth, size) was reached */
};

struct pm_error {
	int code;		/* 0 while unset */
	char file[256];		/* "" when no file applies */
	int line;		/* 1-based; 0 when unknown */
	int column;		/* 1-based; 0 when unknown */
	char message[512];
};

/* Reset to "no error". */
void pm_error_clear(struct pm_error *err);

/* Is an error recorded? */
int pm_error_is_set(const struct pm_error *err);

/*
 * Record an error unless one is already set.  file may be NULL; line and
 * column 0 mean unknown.  Returns code, so a caller can write
 * `return pm_error_set(err, PM_ERROR, ...)`.  err may be NULL (the error is
 * then dropped), which suits callers that only want the return code.
 */
int pm_error_set(struct pm_error *err, int code, const char *file, int line,
    int column, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;

/*
 * Write the error as one line, `file:line:col: message`, leaving out the
 * parts that are unknown, into out (always NUL-terminated).  Returns out.
 */
char *pm_error_format(char *out, size_t size, const struct pm_error *err);

#endif
