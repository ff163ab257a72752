/*
 * cmd_build.c: `pmsite build`, the whole recipe from a git repository to a
 * published site: read the repository, understand each postmortem, lay out
 * the site, render every page through the theme, and swap the new site in
 * only when all of it succeeded.  With the build cache (cache.h), a build
 * whose inputs did not change stops before reading any postmortem, and a
 * postmortem whose inputs did not change is not ingested again.
 */
#include "cache.h"
#include "classify.h"
#include "cmd.h"
#include "config.h"
#include "error.h"
#include "ingest_pool.h"
#include "output.h"
#include "render.h"
#include "site.h"
#include "source.h"
#include "theme.h"
#include "views.h"
#include "warnings.h"

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

struct build_opts {
	const char *repo, *ref, *content, *out, *base_url, *theme;
	int worktree, force, quiet, verbose, jobs, no_cache;
};

static const char build_usage[] =
    "usage: pmsite build [--repo DIR] [--ref REF] [--content PATH] "
    "[--out DIR]\n"
    "                    [--worktree] [--base-url URL] [--theme NAME] "
    "[--force] [--no-cache]\n"
    "                    [-j N] [-q] [-v]\n";

static int
parse_opts(struct build_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "repo", required_argument, NULL, 'r' },
		{ "ref", required_argument, NULL, 'R' },
		{ "content", required_argument, NULL, 'c' },
		{ "out", required_argument, NULL, 'o' },
		{ "worktree", no_argument, NULL, 'w' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "theme", required_argument, NULL, 't' },
		{ "force", no_argument, NULL, 'f' },
		{ "no-cache", no_argument, NULL, 'N' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->ref = "HEAD";
	o->content = "content";
	o->out = "public";
	o->jobs = pm_render_default_jobs();
	optind = 1;
	while ((c = getopt_long(argc, argv, "j:qvh", longopts, NULL)) != -1) {
		switch (c) {
		case 'r': o->repo = optarg; break;
		case 'R': o->ref = optarg; break;
		case 'c': o->content = optarg; break;
		case 'o': o->out = optarg; break;
		case 'w': o->worktree = 1; break;
		case 'b': o->base_url = optarg; break;
		case 't': o->theme = optarg; break;
		case 'f': o->force = 1; break;
		case 'N': o->no_cache = 1; break;
		case 'q': o->quiet = 1; break;
		case 'v': o->verbose = 1; break;
		case 'j': {
			char *end;
			long n = strtol(optarg, &end, 10);

			if (*end || n < 1 || n > 1024) {
				fprintf(stderr, "pmsite: build: -j wants a "
				    "number of threads from 1 to 1024, not "
				    "'%s'\n", optarg);
				return -1;
			}
			o->jobs = (int)n;
			break;
		}
		case 'h':
			fputs(build_usage, stdout);
			return 1;
		default:
			fputs(build_usage, stderr);
			return -1;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "pmsite: build: unexpected argument '%s'\n",
		    argv[optind]);
		fputs(build_usage, stderr);
		return -1;
	}
	return 0;
}

static double
seconds_since(const struct timespec *t0)
{
	struct timespec t1;

	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Where the last stage ended: wall clock and the process's CPU time. */
struct stage_clock {
	struct timespec wall;
	double cpu;
};

/* -v: how long each stage took, on stderr, for people and benchmarks. */
static void
stage_done(const struct build_opts *o, struct stage_clock *t,
    const char *what, size_t count)
{
	struct timespec now;
	struct rusage ru;
	double cpu;

	if (!o->verbose)
		return;
	clock_gettime(CLOCK_MONOTONIC, &now);
	/* The peak so far tells which stage makes the memory high-water;
	 * CPU time against wall time, how busy the threads were. */
	getrusage(RUSAGE_SELF, &ru);
	cpu = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
	    (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
	fprintf(stderr, "pmsite: %-10s %6zu  %8.3f s  cpu %7.3f s  peak %6ld "
	    "MB\n", what, count, (double)(now.tv_sec - t->wall.tv_sec) +
	    (double)(now.tv_nsec - t->wall.tv_nsec) / 1e9, cpu - t->cpu,
	    ru.ru_maxrss / 1024);
	t->wall = now;
	t->cpu = cpu;
}

static int
load_config(struct pm_config *cfg, struct pm_arena *arena,
    const struct pm_source *src, const struct build_opts *o,
    struct pm_warnings *warnings, struct pm_error *err)
{
	const char *yml;
	size_t len;
	char *file;
	int rc = 0;

	pm_config_defaults(cfg);
	yml = pm_source_config(src, &len);
	if (yml) {
		file = pm_arena_printf(arena, "%s/pmsite.yml", o->content);
		rc = pm_config_parse(cfg, arena, yml, len, file, warnings,
		    err);
	}
	if (rc == 0 && o->base_url)
		rc = pm_config_set_base_url(cfg, arena, o->base_url,
		    "--base-url", 0, err);
	if (rc == 0 && o->theme)
		cfg->theme = o->theme;
	return rc;
}

/* Append a document's warnings to the build's, and free them. */
static void
take_warnings(struct pm_warnings *into, struct pm_warnings *from)
{
	for (size_t i = 0; i < from->len; i++)
		pm_warnings_add_line(into, from->lines[i]);
	pm_warnings_free(from);
}

/*
 * Every postmortem into an incident: those the cache has, then the others,
 * each on jobs threads (cache.h, ingest_pool.h); results are taken in
 * document order, so warnings, errors and the cache do not depend on the
 * threads.  A broken file does not stop the others: the user gets the
 * whole list of what to fix at once.
 */
static int
read_incidents(struct pm_site *site, struct pm_arena *arena,
    const struct pm_source *src, const struct pm_config *cfg,
    struct pm_cache *cache, char (*keys)[PM_CACHE_KEY_SIZE], int jobs,
    struct pm_warnings *warnings)
{
	size_t n = pm_source_count(src), ntodo = 0, k = 0, broken = 0;
	struct pm_incident *cached = pm_arena_calloc(arena, n + 1,
	    sizeof(*cached));
	int *hit = pm_arena_calloc(arena, n + 1, sizeof(*hit));
	struct pm_cache_get_task *gets = pm_arena_calloc(arena, n + 1,
	    sizeof(*gets));
	struct pm_ingest_task *todo = pm_arena_calloc(arena, n + 1,
	    sizeof(*todo));
	struct pm_warnings *cache_warnings = pm_xcalloc(n + 1,
	    sizeof(*cache_warnings));

	for (size_t i = 0; i < n; i++)
		gets[i] = (struct pm_cache_get_task){ keys[i], &cached[i],
		    &cache_warnings[i], &hit[i] };
	if (cache)
		(void)pm_cache_get_all(cache, gets, n, arena, jobs);
	for (size_t i = 0; i < n; i++)
		if (!hit[i])
			todo[ntodo++].doc = pm_source_doc(src, i);
	pm_ingest_pool_run(todo, ntodo, arena, src, cfg, site->taxonomy,
	    jobs);
	for (size_t i = 0; i < n; i++) {
		struct pm_ingest_task *t;
		size_t first = warnings->len;

		if (hit[i]) {
			take_warnings(warnings, &cache_warnings[i]);
			pm_site_add(site, &cached[i]);
			continue;
		}
		t = &todo[k++];
		take_warnings(warnings, &t->warnings);
		if (t->failed) {
			pm_cmd_print_error(&t->err);
			broken++;
			continue;
		}
		if (cache)
			pm_cache_put(cache, keys[i], &t->inc, warnings, first);
		pm_site_add(site, &t->inc);
	}
	free(cache_warnings);
	return broken ? (int)broken : 0;
}

/*
 * The build key (cache.h): everything the site is made of.  In committed
 * mode the commit stands for every document and pmsite.yml, so the key
 * can be made before anything is read; in worktree mode it needs the
 * documents' keys (keys, after pm_source_load()).
 */
/* What both the documents' and the pages' keys depend on: pmsite,
 * pmsite.yml and the options that shape output. */
static void
add_env(struct pm_cache_key *k, const struct build_opts *o,
    const struct pm_source *src, const struct pm_cache *cache)
{
	const char *yml;
	size_t len;

	yml = pm_source_config(src, &len);
	pm_cache_key_add_str(k, "identity", pm_cache_identity_of(cache));
	pm_cache_key_add(k, "pmsite.yml", yml, len);
	pm_cache_key_add_str(k, "base-url", o->base_url);
	pm_cache_key_add_str(k, "theme-option", o->theme);
}

/* The theme's files into k: its own, and the default theme's, from which
 * come the templates it leaves out. */
static int
add_theme(struct pm_cache_key *k, const struct pm_source *src,
    const struct pm_theme *theme, const char *exe_dir, struct pm_error *err)
{
	struct pm_theme *def = NULL;
	int rc = 0;

	if (strcmp(theme->name, "default") != 0 && (rc = pm_theme_load(&def,
	    "default", getenv("PMSITE_THEME_PATH"), pm_source_workdir(src),
	    exe_dir, err)) < 0 && rc != PM_ENOTFOUND)
		return rc;
	rc = pm_cache_key_add_theme(k, theme, def ? def->dir : NULL, err);
	pm_theme_free(def);
	return rc < 0 ? rc : 0;
}

static int
build_key(char key[PM_CACHE_KEY_SIZE], const struct build_opts *o,
    const struct pm_source *src, const struct pm_theme *theme,
    const char *exe_dir, const struct pm_cache *cache,
    char (*keys)[PM_CACHE_KEY_SIZE], struct pm_error *err)
{
	struct pm_cache_key k;
	const char *yml;
	size_t len;
	int rc = 0;

	pm_cache_key_init(&k);
	pm_cache_key_add_str(&k, "identity", pm_cache_identity_of(cache));
	pm_cache_key_add_str(&k, "mode", o->worktree ? "worktree" : "commit");
	pm_cache_key_add_str(&k, "commit", pm_source_commit(src));
	pm_cache_key_add_str(&k, "content", pm_source_content_path(src));
	pm_cache_key_add_str(&k, "ref", o->ref);
	pm_cache_key_add_str(&k, "base-url", o->base_url);
	pm_cache_key_add_str(&k, "theme-option", o->theme);
	if ((rc = add_theme(&k, src, theme, exe_dir, err)) < 0)
		goto out;
	if (o->worktree) {
		yml = pm_source_config(src, &len);
		pm_cache_key_add(&k, "pmsite.yml", yml, len);
		for (size_t i = 0; i < pm_source_count(src); i++)
			pm_cache_key_add_str(&k, "doc", keys[i]);
	}
	pm_cache_key_final(key, &k);
out:
	pm_cache_key_free(&k);
	return rc;
}

/*
 * What every page depends on beyond its context (render.h reuse->env):
 * pmsite, the theme and, to be safe, pmsite.yml and the options, though
 * what they change reaches the contexts.  Not the commit: that a page's
 * context did not change is what its key is for.
 */
static int
page_env(struct pm_digest *env, const struct build_opts *o,
    const struct pm_source *src, const struct pm_theme *theme,
    const char *exe_dir, const struct pm_cache *cache, struct pm_error *err)
{
	char key[PM_CACHE_KEY_SIZE];
	struct pm_cache_key k;
	int rc;

	pm_cache_key_init(&k);
	add_env(&k, o, src, cache);
	if ((rc = add_theme(&k, src, theme, exe_dir, err)) == 0) {
		pm_cache_key_final(key, &k);
		pm_digest_bytes(env, key, strlen(key));
	}
	pm_cache_key_free(&k);
	return rc;
}

/* render.h reuse->last, from the state of the last build. */
static int
last_page(struct pm_digest *key, struct pm_output_stat *st,
    const char *path, const void *arg)
{
	const struct pm_cache_stat *f = pm_cache_state_file(arg, path);

	if (f == NULL || !f->keyed)
		return 0;
	*key = f->key;
	*st = f->st;
	return 1;
}

/* render.h reuse->last_pieces, from the state of the last build. */
static int
last_pieces(const struct pm_page_piece **pieces, size_t *n,
    struct pm_output_stat *st, const char *path, const void *arg)
{
	const struct pm_cache_stat *f = pm_cache_state_file(arg, path);

	if (f == NULL || f->npieces == 0)
		return 0;
	*pieces = f->pieces;
	*n = f->npieces;
	*st = f->st;
	return 1;
}

/* Page reuse for this build (NULL without a cache, or without the
 * theme's bytes), in arena; close_reuse() frees its pieces. */
static struct pm_render_reuse *
open_reuse(const struct build_opts *o, const struct pm_source *src,
    const struct pm_theme *theme, const char *exe_dir,
    struct pm_cache *cache, size_t npages, struct pm_arena *arena)
{
	struct pm_render_reuse *r;
	struct pm_cache_state *last;
	struct pm_error err;

	pm_error_clear(&err);
	if (cache == NULL)
		return NULL;
	r = pm_arena_calloc(arena, 1, sizeof(*r));
	if (page_env(&r->env, o, src, theme, exe_dir, cache, &err) < 0)
		return NULL;
	last = pm_arena_calloc(arena, 1, sizeof(*last));
	if (pm_cache_state_load(last, cache, arena) &&
	    pm_cache_state_published(cache, last)) {
		r->last = last_page;
		r->last_pieces = last_pieces;
		r->arg = last;
	}
	r->keys = pm_arena_calloc(arena, npages + 1, sizeof(*r->keys));
	r->pieces = pm_arena_calloc(arena, npages + 1, sizeof(*r->pieces));
	r->keyed = pm_arena_calloc(arena, npages + 1, sizeof(*r->keyed));
	return r;
}

/* The keys reuse made, for pm_cache_finish(), in arena. */
static struct pm_cache_page_key *
page_keys(size_t *n, const struct pm_render_reuse *r,
    const struct pm_pages *pages, struct pm_arena *arena)
{
	struct pm_cache_page_key *keys;

	*n = 0;
	if (r == NULL)
		return NULL;
	keys = pm_arena_calloc(arena, pages->len + 1, sizeof(*keys));
	for (size_t i = 0; i < pages->len; i++)
		if (r->keyed[i]) {
			keys[*n].path = pages->items[i].path;
			keys[*n].pieces = r->pieces[i].items;
			keys[*n].npieces = r->pieces[i].len;
			keys[(*n)++].key = r->keys[i];
		}
	return keys;
}

static void
close_reuse(struct pm_render_reuse *r, size_t npages)
{
	for (size_t i = 0; r && i < npages; i++)
		pm_page_pieces_free(&r->pieces[i]);
}

/*
 * What every document's ingest depends on besides the document, then each
 * document's key into keys, in source order (cache.h).
 */
static void
doc_keys(char (*keys)[PM_CACHE_KEY_SIZE], struct pm_cache *cache,
    const struct build_opts *o, const struct pm_source *src)
{
	char env[PM_CACHE_KEY_SIZE];
	struct pm_cache_key k;

	pm_cache_key_init(&k);
	add_env(&k, o, src, cache);
	pm_cache_key_add_str(&k, "content", pm_source_content_path(src));
	pm_cache_key_final(env, &k);
	pm_cache_key_free(&k);
	pm_cache_set_env(cache, env);
	pm_cache_doc_keys(keys, cache, src, o->worktree, o->jobs);
}

/* The cache of this site, or NULL when there is none to use. */
static struct pm_cache *
open_cache(const struct build_opts *o)
{
	struct pm_cache *cache = NULL;
	char identity[PM_CACHE_KEY_SIZE];
	struct pm_error err;

	pm_error_clear(&err);
	if (o->no_cache)
		return NULL;
	/* Without knowing which binary wrote an entry, none can be trusted;
	 * an unresolvable --out is reported when the output opens. */
	if (pm_cache_identity(identity) < 0 ||
	    pm_cache_open(&cache, o->out, identity, &err) < 0) {
		if (o->verbose)
			fprintf(stderr, "pmsite: building without a cache\n");
		return NULL;
	}
	return cache;
}

/* A no-op build: say what the last one said, and touch nothing. */
static void
print_up_to_date(const struct build_opts *o, const struct pm_cache_state *st)
{
	if (o->quiet)
		return;
	for (size_t i = 0; i < st->nwarnings; i++)
		fprintf(stderr, "%s\n", st->warnings[i]);
	printf("pmsite: up to date, %zu pages -> %s/\n", st->nfiles, o->out);
}

/*
 * Committed mode, before the repository is read: is the published site
 * what this build would publish?  The commit fixes pmsite.yml, so the
 * theme is the one the last build used unless --theme names one.  Any
 * problem means "no": the full build then reports it properly.
 */
static int
up_to_date_early(const struct build_opts *o, struct pm_cache *cache,
    const struct pm_source *src, const char *exe_dir,
    struct pm_arena *arena)
{
	struct pm_cache_state st;
	struct pm_theme *theme = NULL;
	char key[PM_CACHE_KEY_SIZE];
	struct pm_error err;
	int yes = 0;

	pm_error_clear(&err);
	if (!pm_cache_state_load(&st, cache, arena) ||
	    pm_theme_load(&theme, o->theme ? o->theme : st.theme,
	    getenv("PMSITE_THEME_PATH"), pm_source_workdir(src), exe_dir,
	    &err) < 0 ||
	    build_key(key, o, src, theme, exe_dir, cache, NULL, &err) < 0)
		goto out;
	if ((yes = pm_cache_up_to_date(cache, &st, key)))
		print_up_to_date(o, &st);
out:
	pm_theme_free(theme);
	return yes;
}

int
pm_cmd_build(int argc, char **argv)
{
	struct build_opts o;
	struct pm_source_opts so;
	struct pm_output_opts oo;
	struct pm_source *src = NULL;
	struct pm_theme *theme = NULL;
	struct pm_output *out = NULL;
	struct pm_arena *arena = NULL;
	struct pm_cache *cache = NULL;
	const struct pm_taxonomy *tax = NULL;
	struct pm_warnings warnings = PM_WARNINGS_INIT;
	struct pm_warnings cache_problems = PM_WARNINGS_INIT;
	struct pm_cache_state st;
	struct pm_config cfg;
	struct pm_site site;
	struct pm_pages pages = { 0 };
	struct pm_error err;
	struct timespec t0;
	struct stage_clock ts = { { 0, 0 }, 0 };
	char key[PM_CACHE_KEY_SIZE];
	char (*keys)[PM_CACHE_KEY_SIZE] = NULL;
	struct pm_render_reuse *reuse = NULL;
	struct pm_cache_page_key *pkeys;
	struct pm_output_file *files = NULL;
	char *exe_dir = NULL;
	size_t nfiles, nkeys, walked;
	int rc = PM_EXIT_ERROR, broken, resumed;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	ts.wall = t0;
	pm_error_clear(&err);
	switch (parse_opts(&o, argc, argv)) {
	case 1:
		return PM_EXIT_OK;
	case -1:
		return PM_EXIT_USAGE;
	}
	/* A full disk under RLIMIT_FSIZE must be an error, not a signal. */
	signal(SIGXFSZ, SIG_IGN);
	arena = pm_arena_new();

	memset(&so, 0, sizeof(so));
	so.repo_dir = o.repo;
	so.ref = o.ref;
	so.content_path = o.content;
	so.worktree = o.worktree;
	so.threads = o.jobs;
	/* Only the documents the cache does not hold are read. */
	so.lazy = 1;
	if (pm_source_open(&src, &so, &err) < 0)
		goto fail;
	exe_dir = pm_theme_exe_dir();
	cache = open_cache(&o);
	/* Before the history walk, the costly part of reading. */
	if (cache && !o.worktree &&
	    up_to_date_early(&o, cache, src, exe_dir, arena)) {
		rc = PM_EXIT_OK;
		goto out;
	}
	if (cache)
		pm_source_resume(src, pm_cache_history_get(cache, arena));
	if (pm_source_load(src, &err) < 0)
		goto fail;
	stage_done(&o, &ts, "read", pm_source_count(src));
	walked = pm_source_walked(src, &resumed);
	if (o.verbose)
		fprintf(stderr, "pmsite: history: %zu commit%s walked%s\n",
		    walked, walked == 1 ? "" : "s", resumed ?
		    ", resumed from the last build" : "");
	for (size_t i = 0; i < pm_source_warning_count(src); i++)
		pm_warnings_add_line(&warnings, pm_source_warning(src, i));
	if (load_config(&cfg, arena, src, &o, &warnings, &err) < 0)
		goto fail;
	if (pm_theme_load(&theme, cfg.theme, getenv("PMSITE_THEME_PATH"),
	    pm_source_workdir(src), exe_dir, &err) < 0)
		goto fail;
	if (o.verbose)
		fprintf(stderr, "pmsite: theme %s from %s\n", cfg.theme,
		    theme->dir);
	stage_done(&o, &ts, "theme", 1);
	memset(&oo, 0, sizeof(oo));
	oo.force = o.force;
	oo.repo_root = pm_source_workdir(src);
	oo.incremental = 1;
	oo.jobs = o.jobs;
	/* A build the output will refuse must leave no cache beside the
	 * site either; the refusal itself is reported when the output
	 * opens, after the content's own errors. */
	if (cache && pm_output_check(o.out, &oo, &err) < 0) {
		pm_error_clear(&err);
		pm_cache_freeze(cache);
	}
	if (cache && !(resumed && walked == 0))
		pm_cache_history_put(cache, pm_source_history(src));
	if (cache) {
		keys = pm_arena_calloc(arena, pm_source_count(src) + 1,
		    sizeof(*keys));
		doc_keys(keys, cache, &o, src);
		/* A theme that cannot be read for the key fails below. */
		if (build_key(key, &o, src, theme, exe_dir, cache, keys,
		    &err) < 0) {
			pm_error_clear(&err);
			pm_cache_free(cache);
			cache = NULL;
		} else if (o.worktree && pm_cache_state_load(&st, cache,
		    arena) && pm_cache_up_to_date(cache, &st, key)) {
			print_up_to_date(&o, &st);
			rc = PM_EXIT_OK;
			goto out;
		}
		stage_done(&o, &ts, "key", 1);
	}

	/* Once per build: the pages name causes from it. */
	if (pm_taxonomy_compile(&tax, cfg.taxonomy, cfg.taxonomy_replace,
	    pm_arena_printf(arena, "%s/pmsite.yml", o.content), &err) < 0)
		goto fail;
	pm_site_init(&site, arena, &cfg);
	site.commit = pm_source_commit(src);
	site.as_of = pm_source_commit_time(src);
	site.taxonomy = tax;
	broken = read_incidents(&site, arena, src, &cfg, cache, keys, o.jobs,
	    &warnings);
	/* Read through: the packs' maps would stay in memory to the end. */
	pm_source_release(src);
	stage_done(&o, &ts, "ingest", site.len);
	if (cache && o.verbose)
		fprintf(stderr, "pmsite: %zu of %zu postmortems from the cache "
		    "%s\n", pm_cache_hits(cache), pm_cache_lookups(cache),
		    pm_cache_dir(cache));
	if (broken) {
		if (!o.quiet)
			pm_warnings_print(&warnings, stderr);
		fprintf(stderr, "pmsite: %d file%s with errors; %s was not "
		    "changed\n", broken, broken == 1 ? "" : "s", o.out);
		goto out;
	}
	if (pm_site_finish(&site, &warnings, &err) < 0 ||
	    pm_views_build(&pages, arena, &site, o.jobs, &err) < 0)
		goto fail;
	stage_done(&o, &ts, "views", pages.len);

	oo.stamp = cache ? key : NULL;
	oo.spare = cache ? pm_cache_spare(cache) : NULL;
	reuse = open_reuse(&o, src, theme, exe_dir, cache, pages.len, arena);
	if (pm_output_open(&out, o.out, &oo, &err) < 0 ||
	    pm_render_pages(out, &pages, theme->templates, o.jobs, reuse,
	    &err) < 0 ||
	    (theme->assets_dir && pm_output_copy_dir(out, theme->assets_dir,
	    "assets", &err) < 0))
		goto fail;
	stage_done(&o, &ts, "render", pm_output_files(out));
	if (reuse && o.verbose)
		fprintf(stderr, "pmsite: %zu pages kept without rendering, "
		    "their inputs unchanged; %zu pieces of data pages "
		    "copied\n", reuse->reused, reuse->pieces_reused);
	if (pm_output_commit(out, &err) < 0)
		goto fail;
	stage_done(&o, &ts, "commit", 1);
	if (cache) {
		files = pm_output_list(out, &nfiles);
		pkeys = page_keys(&nkeys, reuse, &pages, arena);
		pm_cache_finish(cache, key, cfg.theme, &warnings, files,
		    nfiles, pkeys, nkeys, &cache_problems);
		stage_done(&o, &ts, "cache", nfiles);
	}

	if (!o.quiet) {
		pm_warnings_print(&warnings, stderr);
		pm_warnings_print(&cache_problems, stderr);
		printf("pmsite: %zu pages, %zu incidents, %zu written, %zu "
		    "unchanged, %.2f s -> %s/\n", pm_output_files(out),
		    site.len, pm_output_files(out) - pm_output_kept(out),
		    pm_output_kept(out), seconds_since(&t0), o.out);
	}
	rc = PM_EXIT_OK;
	goto out;
fail:
	if (!o.quiet)
		pm_warnings_print(&warnings, stderr);
	pm_cmd_print_error(&err);
	fprintf(stderr, "pmsite: %s was not changed\n", o.out);
out:
	close_reuse(reuse, pages.len);
	pm_output_free(out);
	pm_cache_free(cache);
	pm_warnings_free(&cache_problems);
	free(files);
	pm_theme_free(theme);
	pm_taxonomy_free(tax);
	pm_source_free(src);
	pm_warnings_free(&warnings);
	pm_arena_free(arena);
	free(exe_dir);
	return rc;
}
