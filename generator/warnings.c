/* warnings.c: collecting and printing non-fatal diagnostics. */
#include "warnings.h"
#include "arena.h"
#include "buf.h"

#include <stdarg.h>
#include <stdlib.h>

void
pm_warnings_add_line(struct pm_warnings *w, const char *line)
{
	if (w == NULL)
		return;
	if (w->len == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 8;
		w->lines = pm_xrealloc(w->lines, pm_xmul(w->cap,
		    sizeof(*w->lines)));
	}
	w->lines[w->len++] = pm_xstrdup(line);
}

void
pm_warnings_add(struct pm_warnings *w, const char *file, int line,
    const char *fmt, ...)
{
	struct pm_buf b = PM_BUF_INIT;
	va_list ap;

	if (w == NULL)
		return;
	if (file && *file && line > 0)
		pm_buf_printf(&b, "%s:%d: warning: ", file, line);
	else if (file && *file)
		pm_buf_printf(&b, "%s: warning: ", file);
	else
		pm_buf_puts(&b, "warning: ");
	va_start(ap, fmt);
	pm_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	pm_warnings_add_line(w, pm_buf_cstr(&b));
	pm_buf_free(&b);
}

void
pm_warnings_print(const struct pm_warnings *w, FILE *f)
{
	for (size_t i = 0; i < w->len; i++)
		fprintf(f, "%s\n", w->lines[i]);
}

void
pm_warnings_free(struct pm_warnings *w)
{
	for (size_t i = 0; i < w->len; i++)
		free(w->lines[i]);
	free(w->lines);
	w->lines = NULL;
	w->len = w->cap = 0;
}
