/* error.c: recording and formatting the explicit error struct. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void
pm_error_clear(struct pm_error *err)
{
	if (err)
		memset(err, 0, sizeof(*err));
}

int
pm_error_is_set(const struct pm_error *err)
{
	return err && err->code != 0;
}

int
pm_error_set(struct pm_error *err, int code, const char *file, int line,
    int column, const char *fmt, ...)
{
	va_list ap;

	if (code == 0)
		code = PM_ERROR;
	if (err == NULL || err->code != 0)
		return code;
	err->code = code;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->column = column;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	/* One line, always: a message quoting input must not break it. */
	for (char *p = err->message; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	return code;
}

char *
pm_error_format(char *out, size_t size, const struct pm_error *err)
{
	if (size == 0)
		return out;
	if (err->file[0] && err->line > 0 && err->column > 0)
		snprintf(out, size, "%s:%d:%d: %s", err->file, err->line,
		    err->column, err->message);
	else if (err->file[0] && err->line > 0)
		snprintf(out, size, "%s:%d: %s", err->file, err->line,
		    err->message);
	else if (err->file[0])
		snprintf(out, size, "%s: %s", err->file, err->message);
	else
		snprintf(out, size, "%s", err->message);
	return out;
}
