/*
 * cmd_check.c: `pmsite check`, the review of postmortems before a person
 * reviews them: one `file:line: warning: message [rule]` line per problem
 * the rules of check.h find, then a count.
 */
#include "check.h"
#include "cmd.h"
#include "cmd_docs.h"
#include "error.h"
#include "ingest.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct check_opts {
	struct pm_cmd_docs_opts docs;
	int strict, verbose;
	char **files;
	size_t nfiles;
};

static const char check_usage[] =
    "usage: pmsite check [--strict] [-v] [--config FILE] FILE|DIR...\n"
    "       pmsite check [--strict] [-v] [--repo DIR] [--ref REF] "
    "[--content PATH]\n"
    "                    [--worktree]\n";

static int
parse_opts(struct check_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, 'r' },
		{ "ref", required_argument, NULL, 'R' },
		{ "content", required_argument, NULL, 'c' },
		{ "worktree", no_argument, NULL, 'w' },
		{ "config", required_argument, NULL, 'C' },
		{ "strict", no_argument, NULL, 's' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c, repo_mode = 0;

	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((c = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': o->docs.repo = optarg; repo_mode = 1; break;
		case 'R': o->docs.ref = optarg; repo_mode = 1; break;
		case 'c': o->docs.content = optarg; repo_mode = 1; break;
		case 'w': o->docs.worktree = 1; repo_mode = 1; break;
		case 'C': o->docs.config = optarg; break;
		case 's': o->strict = 1; break;
		case 'v': o->verbose = 1; break;
		case 'h':
			fputs(check_usage, stdout);
			return 1;
		default:
			fputs(check_usage, stderr);
			return -1;
		}
	}
	o->files = argv + optind;
	o->nfiles = (size_t)(argc - optind);
	if (repo_mode && o->nfiles > 0) {
		fprintf(stderr, "pmsite: check: FILE arguments are read from "
		    "disk; --repo, --ref, --content and --worktree check a "
		    "repository's content path instead\n");
		fputs(check_usage, stderr);
		return -1;
	}
	if (o->nfiles == 0 && o->docs.config) {
		fprintf(stderr, "pmsite: check: --config is for files on "
		    "disk; a repository's pmsite.yml is read from its content "
		    "path\n");
		fputs(check_usage, stderr);
		return -1;
	}
	return 0;
}

static int
path_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *
plural(size_t n)
{
	return n == 1 ? "" : "s";
}

/*
 * Review one postmortem: what ingest warns about it (an unknown
 * category), then the rules.  Returns the number of warnings printed, or
 * -1 when it cannot be read (the error is printed).
 */
static long
check_doc(const struct pm_doc *doc, const struct pm_cmd_docs *docs,
    struct pm_arena *arena)
{
	struct pm_incident inc;
	struct pm_extract_report rep;
	struct pm_warnings w = PM_WARNINGS_INIT;
	struct pm_error err;
	long n = -1;

	pm_error_clear(&err);
	if (pm_ingest_bytes_report(&inc, &rep, arena, doc->path, doc->data,
	    doc->len, &docs->cfg, docs->tax, &w, &err) < 0) {
		pm_cmd_print_error(&err);
		goto out;
	}
	pm_check_incident(&w, &inc, &rep, doc->path);
	pm_warnings_print(&w, stdout);
	n = (long)w.len;
out:
	pm_warnings_free(&w);
	return n;
}

int
pm_cmd_check(int argc, char **argv)
{
	struct check_opts o;
	struct pm_cmd_docs docs;
	struct pm_arena *arena = NULL;
	struct pm_error err;
	size_t i, warned = 0, broken = 0, files;
	int rc = PM_EXIT_ERROR, r;

	memset(&docs, 0, sizeof(docs));
	pm_error_clear(&err);
	switch (parse_opts(&o, argc, argv)) {
	case 1:
		return PM_EXIT_OK;
	case -1:
		return PM_EXIT_USAGE;
	}
	arena = pm_arena_new();
	/* sorted, so that the output is sorted by file, then line */
	qsort(o.files, o.nfiles, sizeof(*o.files), path_cmp);
	r = o.nfiles ? pm_cmd_docs_files(&docs, arena, &o.docs, o.files,
	    o.nfiles, &err) : pm_cmd_docs_repo(&docs, arena, &o.docs, &err);
	pm_warnings_print(&docs.warnings, stderr);
	if (r < 0) {
		pm_cmd_print_error(&err);
		goto out;
	}
	broken = docs.unreadable;
	for (i = 0; i < docs.len; i++) {
		long n = check_doc(docs.docs[i], &docs, arena);

		if (n < 0) {
			broken++;
			continue;
		}
		warned += (size_t)n;
		if (o.verbose)
			printf("pmsite check: %s: %ld warning%s\n",
			    docs.docs[i]->path, n, plural((size_t)n));
	}
	files = docs.len + docs.unreadable;
	printf("pmsite check: %zu file%s, %zu warning%s", files,
	    plural(files), warned, plural(warned));
	if (broken)
		printf(", %zu with errors", broken);
	printf("\n");
	rc = broken || (o.strict && warned) ? PM_EXIT_ERROR : PM_EXIT_OK;
out:
	fflush(stdout);
	pm_cmd_docs_close(&docs);
	pm_arena_free(arena);
	return rc;
}
