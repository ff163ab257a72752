/*
 * cmd_inspect.c: `pmsite inspect`, the incident records of some
 * postmortems as one JSON array: exactly what the site publishes in
 * incidents.json, for debugging a write-up and for other tools.
 */
#include "cmd.h"
#include "cmd_docs.h"
#include "error.h"
#include "ingest.h"
#include "itemhist.h"
#include "site.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct inspect_opts {
	struct pm_cmd_docs_opts docs;
	int repo_mode, quiet;
	char **paths;
	size_t npaths;
};

static const char inspect_usage[] =
    "usage: pmsite inspect [--config FILE] [-q] FILE|DIR...\n"
    "       pmsite inspect [--repo DIR] [--ref REF] [--content PATH] "
    "[--worktree] [-q]\n"
    "                      [PATH...]\n";

static int
parse_opts(struct inspect_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, 'r' },
		{ "ref", required_argument, NULL, 'R' },
		{ "content", required_argument, NULL, 'c' },
		{ "worktree", no_argument, NULL, 'w' },
		{ "config", required_argument, NULL, 'C' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof(*o));
	optind = 1;
	while ((c = getopt_long(argc, argv, "qh", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': o->docs.repo = optarg; o->repo_mode = 1; break;
		case 'R': o->docs.ref = optarg; o->repo_mode = 1; break;
		case 'c': o->docs.content = optarg; o->repo_mode = 1; break;
		case 'w': o->docs.worktree = 1; o->repo_mode = 1; break;
		case 'C': o->docs.config = optarg; break;
		case 'q': o->quiet = 1; break;
		case 'h':
			fputs(inspect_usage, stdout);
			return 1;
		default:
			fputs(inspect_usage, stderr);
			return -1;
		}
	}
	o->paths = argv + optind;
	o->npaths = (size_t)(argc - optind);
	if (o->repo_mode && o->docs.config) {
		fprintf(stderr, "pmsite: inspect: --config is for files on "
		    "disk; a repository's pmsite.yml is read from its content "
		    "path\n");
		fputs(inspect_usage, stderr);
		return -1;
	}
	if (!o->repo_mode && o->npaths == 0) {
		fprintf(stderr, "pmsite: inspect: no file given\n");
		fputs(inspect_usage, stderr);
		return -1;
	}
	return 0;
}

/* The document a PATH argument names: its path in the repository, or
 * its path under the content path. */
static size_t
find_doc(const struct pm_cmd_docs *d, const char *path)
{
	size_t i;

	while (strncmp(path, "./", 2) == 0)
		path += 2;
	for (i = 0; i < d->len; i++)
		if (strcmp(d->docs[i]->path, path) == 0 ||
		    strcmp(d->docs[i]->name, path) == 0)
			break;
	return i;
}

/*
 * Which documents to print, as indexes into d->docs: the named ones in
 * the order named, or every one (NULL, *n = d->len).  A name that is no
 * document is printed as an error and counted in *missing.
 */
static size_t *
select_docs(size_t *n, size_t *missing, const struct inspect_opts *o,
    const struct pm_cmd_docs *d, struct pm_arena *arena)
{
	size_t *pick, i, k;

	*missing = 0;
	if (!o->repo_mode || o->npaths == 0) {
		*n = d->len;
		return NULL;
	}
	pick = pm_arena_calloc(arena, o->npaths, sizeof(*pick));
	*n = 0;
	for (i = 0; i < o->npaths; i++) {
		struct pm_error err;

		k = find_doc(d, o->paths[i]);
		if (k < d->len) {
			pick[(*n)++] = k;
			continue;
		}
		pm_error_clear(&err);
		pm_error_set(&err, PM_ENOTFOUND, o->paths[i], 0, 0, "no "
		    "postmortem at this path under %s/ %s %s",
		    pm_source_content_path(d->src), o->docs.worktree ?
		    "in the working tree of" : "at", o->docs.worktree ?
		    "the repository" : o->docs.ref ? o->docs.ref : "HEAD");
		pm_cmd_print_error(&err);
		(*missing)++;
	}
	return pick;
}

static int
is_picked(const size_t *pick, size_t n, size_t i)
{
	if (pick == NULL)
		return 1;
	for (size_t k = 0; k < n; k++)
		if (pick[k] == i)
			return 1;
	return 0;
}

int
pm_cmd_inspect(int argc, char **argv)
{
	struct inspect_opts o;
	struct pm_cmd_docs docs;
	struct pm_arena *arena = NULL;
	struct pm_warnings warnings = PM_WARNINGS_INIT;
	struct pm_incident **incs = NULL;
	struct pm_value *list;
	struct pm_buf json = PM_BUF_INIT;
	struct pm_site site;
	struct pm_error err;
	size_t *pick = NULL, npick = 0, i, broken = 0;
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
	r = o.repo_mode ? pm_cmd_docs_repo(&docs, arena, &o.docs, &err) :
	    pm_cmd_docs_files(&docs, arena, &o.docs, o.paths, o.npaths, &err);
	if (r < 0)
		goto fail;
	pick = select_docs(&npick, &broken, &o, &docs, arena);
	broken += docs.unreadable;

	/*
	 * Every document of the repository is read, not only those asked
	 * about: related incidents and repeats are found across all of
	 * them, as the site finds them.  One that cannot be read only
	 * matters when it was asked about.
	 */
	incs = pm_xcalloc(docs.len ? docs.len : 1, sizeof(*incs));
	pm_site_init(&site, arena, &docs.cfg);
	site.taxonomy = docs.tax;
	site.commit = docs.src ? pm_source_commit(docs.src) : "";
	site.as_of = docs.src ? pm_source_commit_time(docs.src) : NULL;
	for (i = 0; i < docs.len; i++) {
		struct pm_incident *inc = pm_arena_alloc(arena, sizeof(*inc));
		struct pm_error ierr;

		pm_error_clear(&ierr);
		if (pm_ingest_doc(inc, NULL, arena, docs.docs[i],
		    docs.docs[i]->data, docs.docs[i]->len, &docs.cfg,
		    docs.tax, NULL, &warnings, &ierr) < 0) {
			if (is_picked(pick, npick, i)) {
				pm_cmd_print_error(&ierr);
				broken++;
			}
			continue;
		}
		if (docs.src && pm_itemhist_apply(inc, docs.docs[i],
		    docs.docs[i]->data, docs.docs[i]->len, docs.src,
		    &ierr) < 0)
			pm_warnings_add(&warnings, docs.docs[i]->path, 0,
			    "action item history unavailable: %s",
			    ierr.message);
		incs[i] = inc;
		pm_site_add(&site, inc);
	}
	if (broken) {
		fprintf(stderr, "pmsite: inspect: %zu file%s with errors\n",
		    broken, broken == 1 ? "" : "s");
		goto out;
	}
	if (pm_site_finish(&site, &warnings, &err) < 0)
		goto fail;

	list = pm_value_new_list(arena);
	if (pick == NULL && o.repo_mode) {
		/* the whole content path: in the order of incidents.json */
		for (i = 0; i < site.len; i++)
			pm_value_list_push(arena, list, pm_incident_to_value(
			    site.incidents[i], arena));
	} else {
		for (i = 0; i < npick; i++)
			pm_value_list_push(arena, list, pm_incident_to_value(
			    incs[pick ? pick[i] : i], arena));
	}
	pm_value_write_json(&json, list, 2);
	fwrite(json.ptr, 1, json.len, stdout);
	rc = PM_EXIT_OK;
	goto out;
fail:
	pm_cmd_print_error(&err);
out:
	if (!o.quiet) {
		pm_warnings_print(&docs.warnings, stderr);
		pm_warnings_print(&warnings, stderr);
	}
	free(incs);
	pm_buf_free(&json);
	pm_warnings_free(&warnings);
	pm_cmd_docs_close(&docs);
	pm_arena_free(arena);
	return rc;
}
