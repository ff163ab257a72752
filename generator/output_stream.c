/*
 * output_stream.c: a file of the site written in pieces, so that a large
 * page is never held whole; kept as pm_output_write() keeps files, by
 * comparing what was written with the replaced site's file.
 */
#include "output_int.h"
#include "fsutil.h"
#include "output.h"
#include "arena.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct pm_output_stream {
	struct pm_output *o;
	char *relpath;
	char *display;		/* the file, for messages */
	int fd;
	int over;		/* writing over a recycled file */
	uint64_t len;
};

int
pm_output_stream_open(struct pm_output_stream **sp, struct pm_output *o,
    const char *relpath, struct pm_error *err)
{
	struct pm_output_stream *s;
	struct pm_buf display = PM_BUF_INIT;
	int fd, rc, over;

	*sp = NULL;
	if ((rc = pm_output__reserve(o, relpath, err)) < 0)
		return rc;
	/* A recycled tree may hold anything at relpath: its own file is
	 * written over, anything else is cleared away first; if that
	 * fails, the create reports what is in the way. */
	over = (fd = pm_output__rewrite(o, relpath)) >= 0;
	if (!over) {
		if (o->recycled)
			(void)pm_output__clear(o, relpath);
		if ((rc = pm_fs_create(&fd, o->staging_fd, o->display,
		    relpath, err)) < 0)
			return rc;
	}
	pm_buf_printf(&display, "%s/%s", o->display, relpath);
	s = pm_xcalloc(1, sizeof(*s));
	s->o = o;
	s->relpath = pm_xstrdup(relpath);
	s->display = pm_buf_detach(&display, NULL);
	s->fd = fd;
	s->over = over;
	*sp = s;
	return 0;
}

int
pm_output_stream_put(struct pm_output_stream *s, const void *data,
    size_t len, struct pm_error *err)
{
	if (pm_fs_write_all(s->fd, data, len) < 0)
		return pm_fs_error(err, s->display, "write", errno);
	s->len += len;
	return 0;
}

int
pm_output_stream_close(struct pm_output_stream *s, int ok,
    struct pm_error *err)
{
	int rc = 0, kept = 0;

	if (s == NULL)
		return 0;
	/* What an old file held past the new end goes. */
	if (s->over && ok && ftruncate(s->fd, (off_t)s->len) < 0)
		rc = pm_fs_error(err, s->display, "truncate", errno);
	/* Delayed write errors (NFS, quota) surface at close. */
	if (close(s->fd) < 0 && ok && rc == 0)
		rc = pm_fs_error(err, s->display, "close", errno);
	if (ok && rc == 0) {
		kept = s->o->old_fd >= 0 &&
		    pm_output__keep_written(s->o, s->relpath) == 0;
		pm_output__tally(s->o, kept, s->len);
	}
	free(s->relpath);
	free(s->display);
	free(s);
	return rc;
}
