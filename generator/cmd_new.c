/*
 * cmd_new.c: `pmsite new "Title"`, a new postmortem in the content path
 * from a template with every section of the format to fill in.
 */
#include "buf.h"
#include "cmd.h"
#include "error.h"
#include "fsutil.h"
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Longest slug in a file name; a longer title is cut at a word. */
#define SLUG_MAX 60

struct new_opts {
	const char *repo, *content, *title;
};

static const char new_usage[] =
    "usage: pmsite new [--repo DIR] [--content PATH] \"Title\"\n";

/*
 * The template.  Every "[fill in: ...]" is what `pmsite check` reports as
 * a placeholder; the placeholders hold no numbers or times, so that the
 * extractor takes none of them for a duration or a share of users, and
 * check says those are missing until they are written.  The optional
 * front matter keys are comments: an empty `services:` would be an error.
 */
static const char template_head[] =
    "# Fill in what the text below does not already say, or delete:\n"
    "# severity: SEV2\n"
    "# services: [checkout]\n"
    "# category: database-locking\n"
    "# tags: [postgres]\n"
    "---\n";

static const char template_body[] =
    "\n"
    "## Issue Summary\n"
    "\n"
    "Duration: [fill in: how long the outage lasted]\n"
    "\n"
    "Start: [fill in: day, time and time zone]\n"
    "End: [fill in: day, time and time zone]\n"
    "\n"
    "Impact: [fill in: which service was down or slow, what users saw, "
    "and the share of users affected]\n"
    "\n"
    "Root cause: [fill in: the cause, in one sentence]\n"
    "\n"
    "## Timeline\n"
    "\n"
    "- HH:MM TZ - [fill in: how the issue was detected: an alert, an "
    "engineer, a customer]\n"
    "- HH:MM TZ - [fill in: what was investigated, and what the team "
    "assumed]\n"
    "- HH:MM TZ - [fill in: a misleading path that was followed, and "
    "why]\n"
    "- HH:MM TZ - [fill in: whom the incident was escalated to]\n"
    "- HH:MM TZ - [fill in: how the incident was resolved]\n"
    "\n"
    "## Root Cause and Resolution\n"
    "\n"
    "[fill in: what caused the issue, in detail]\n"
    "\n"
    "[fill in: how it was fixed, in detail]\n"
    "\n"
    "## Corrective and Preventative Measures\n"
    "\n"
    "[fill in: what can be improved or fixed, broadly]\n"
    "\n"
    "### Task list\n"
    "\n"
    "- [ ] [fill in: a concrete task, such as adding an alert on database "
    "load]\n"
    "- [ ] [fill in: another task, such as adding a missing index]\n";

static int
parse_opts(struct new_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, 'r' },
		{ "content", required_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *t;
	int c;

	memset(o, 0, sizeof(*o));
	o->content = "content";
	optind = 1;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': o->repo = optarg; break;
		case 'c': o->content = optarg; break;
		case 'h':
			fputs(new_usage, stdout);
			return 1;
		default:
			fputs(new_usage, stderr);
			return -1;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "pmsite: new: %s\n", argc - optind ? "one "
		    "title only (quote it: pmsite new \"Disk full on db-1\")" :
		    "no title given");
		fputs(new_usage, stderr);
		return -1;
	}
	o->title = argv[optind];
	for (t = o->title; *t == ' ' || *t == '\t'; t++)
		;
	if (*t == '\0') {
		fprintf(stderr, "pmsite: new: the title is empty\n");
		return -1;
	}
	for (t = o->title; *t; t++)
		if ((unsigned char)*t < 0x20 || *t == 0x7f) {
			fprintf(stderr, "pmsite: new: the title holds a "
			    "control character (one line, please)\n");
			return -1;
		}
	return 0;
}

/*
 * Today, "YYYY-MM-DD": the local date, or the UTC date of
 * SOURCE_DATE_EPOCH when it is set (as the reproducible-builds convention
 * has it), so that tests and scripted runs are repeatable.
 */
static int
today(char out[11], struct pm_error *err)
{
	const char *env = getenv("SOURCE_DATE_EPOCH");
	struct tm tm;
	time_t now;

	if (env && *env) {
		char *end;
		long long secs = strtoll(env, &end, 10);

		if (*end || secs < 0)
			return pm_error_set(err, PM_ERROR, NULL, 0, 0,
			    "SOURCE_DATE_EPOCH: not a number of seconds: "
			    "'%s'", env);
		now = (time_t)secs;
		if (gmtime_r(&now, &tm) == NULL)
			return pm_error_set(err, PM_ERROR, NULL, 0, 0,
			    "SOURCE_DATE_EPOCH: out of range: '%s'", env);
	} else {
		now = time(NULL);
		localtime_r(&now, &tm);
	}
	if (strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		return pm_error_set(err, PM_ERROR, NULL, 0, 0, "the date is "
		    "out of range");
	return 0;
}

/* ASCII letters and digits, one dash between runs, cut at a dash after
 * SLUG_MAX; "incident" when the title has none (a title in Greek). */
static void
slug(struct pm_buf *out, const char *title)
{
	size_t start = out->len;

	for (const char *p = title; *p; p++) {
		int c = (unsigned char)*p;

		if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			pm_buf_putc(out, c);
		else if (out->len > start && out->ptr[out->len - 1] != '-')
			pm_buf_putc(out, '-');
	}
	if (out->len - start > SLUG_MAX) {
		size_t cut = start + SLUG_MAX;

		while (cut > start && out->ptr[cut] != '-')
			cut--;
		pm_buf_truncate(out, cut > start ? cut : start + SLUG_MAX);
	}
	while (out->len > start && out->ptr[out->len - 1] == '-')
		pm_buf_truncate(out, out->len - 1);
	if (out->len == start)
		pm_buf_puts(out, "incident");
}

/* A YAML double-quoted scalar: any title reads back as itself. */
static void
put_yaml_string(struct pm_buf *out, const char *s)
{
	pm_buf_putc(out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			pm_buf_putc(out, '\\');
		pm_buf_putc(out, *s);
	}
	pm_buf_putc(out, '"');
}

static void
render(struct pm_buf *out, const char *title, const char *date)
{
	const char *t = title;

	while (*t == ' ' || *t == '\t')
		t++;
	pm_buf_puts(out, "---\ntitle: ");
	put_yaml_string(out, t);
	pm_buf_printf(out, "\ndate: %s\n", date);
	pm_buf_puts(out, template_head);
	pm_buf_printf(out, "# %s\n", t);
	pm_buf_puts(out, template_body);
}

int
pm_cmd_new(int argc, char **argv)
{
	struct new_opts o;
	struct pm_source_opts so;
	struct pm_source *src = NULL;
	struct pm_buf rel = PM_BUF_INIT, text = PM_BUF_INIT;
	struct pm_error err;
	struct stat st;
	const char *workdir, *content;
	char date[11];
	int rc = PM_EXIT_ERROR, dirfd = -1;

	pm_error_clear(&err);
	switch (parse_opts(&o, argc, argv)) {
	case 1:
		return PM_EXIT_OK;
	case -1:
		return PM_EXIT_USAGE;
	}
	if (today(date, &err) < 0)
		goto fail;
	/* The working tree of the repository, found as `build --worktree`
	 * finds it; a folder outside any repository is used as it is. */
	memset(&so, 0, sizeof(so));
	so.repo_dir = o.repo;
	so.content_path = o.content;
	so.worktree = 1;
	if (pm_source_open(&src, &so, &err) < 0)
		goto fail;
	workdir = pm_source_workdir(src);
	content = pm_source_content_path(src);
	if (*content)
		pm_buf_printf(&rel, "%s/", content);
	pm_buf_printf(&rel, "%s-", date);
	slug(&rel, o.title);
	pm_buf_puts(&rel, ".md");

	if ((dirfd = open(workdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		pm_fs_error(&err, workdir, "open", errno);
		goto fail;
	}
	if (fstatat(dirfd, rel.ptr, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		pm_error_set(&err, PM_EEXISTS, NULL, 0, 0, "%s/%s: already "
		    "exists; edit it, or choose another title", workdir,
		    rel.ptr);
		goto fail;
	}
	render(&text, o.title, date);
	if (pm_fs_write(dirfd, workdir, rel.ptr, text.ptr, text.len,
	    &err) < 0)
		goto fail;
	printf("%s/%s\n", workdir, rel.ptr);
	rc = PM_EXIT_OK;
	goto out;
fail:
	pm_cmd_print_error(&err);
out:
	if (dirfd >= 0)
		close(dirfd);
	pm_source_free(src);
	pm_buf_free(&rel);
	pm_buf_free(&text);
	return rc;
}
