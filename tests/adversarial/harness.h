/*
 * harness.h: what the adversarial and fault tests share: repositories
 * with any bytes and any kind of tree entry, the pmsite binary run in a
 * child under resource limits, snapshots of a folder tree, and the checks
 * every file of a published site must pass.
 *
 * Contract: included as source by tests/check_adversarial.c and
 * tests/check_faults.c (the Makefile builds a test from one file plus
 * testutil.c).  Helpers fail the running cmocka test on unexpected
 * trouble.  Strings returned are heap strings the caller frees.
 */
#ifndef PM_ADV_HARNESS_H
#define PM_ADV_HARNESS_H

#include <stddef.h>

#include <git2.h>

/* Seconds a build may take: 2, times adv_time_scale(). */
#define ADV_SECONDS 2.0

/* 5 under a sanitizer build, else 1; PM_TIME_SCALE overrides. */
double adv_time_scale(void);

/* Was this program (and so, with make's O=, the binary) sanitized? */
int adv_sanitized(void);

enum adv_kind {
	ADV_FILE,	/* a regular file of len bytes */
	ADV_LINK,	/* a symbolic link to data */
	ADV_GITLINK,	/* a submodule entry; data is a commit id in hex */
	ADV_DELETE	/* remove path */
};

struct adv_entry {
	const char *path;
	const char *data;
	size_t len;
	enum adv_kind kind;
};

/* A new repository at dir with one commit of n entries (or more commits
 * with adv_commit); returns the commit id in out. */
git_repository *adv_repo(const char *dir);
void adv_commit(git_repository *repo, const struct adv_entry *e, size_t n,
    long long when, char out[41]);

struct adv_run {
	/* Set by the caller (zero for none) before adv_run_pmsite(): */
	int kill_after_ms;	/* SIGKILL the child that long after start */
	long fsize;		/* RLIMIT_FSIZE in bytes (a full disk) */
	double cpu_limit;	/* RLIMIT_CPU in s; 0: ADV_SECONDS * scale */
	/* Set by adv_run_pmsite(): */
	int status;		/* exit code, or 128 + signal */
	double seconds;		/* wall time */
	double cpu;		/* user + system time of the child */
	char *out, *err;	/* what it printed */
};

/*
 * Run the pmsite binary with args (NULL-terminated, without argv[0]) in a
 * child: standard input /dev/null, output and error read through pipes
 * (so RLIMIT_FSIZE cannot swallow the message), RLIMIT_CPU of 2 s times
 * the scale (or r->cpu_limit) and, unless sanitized, RLIMIT_AS of
 * 512 MiB; extra (NULL or
 * NULL-terminated "NAME=value" strings) is added to the environment.
 */
void adv_run_pmsite(struct adv_run *r, const char *const *args,
    const char *const *extra);
void adv_run_free(struct adv_run *r);

/*
 * Every entry under root, sorted, one line each: path, type, size, mode,
 * modification time and, for files, a hash of the bytes; entries under
 * root/skip (a name directly under root) and under root/.skip.pmsite-cache
 * (the build cache pmsite keeps beside the site, cache.h) are left out.
 */
char *adv_snapshot(const char *root, const char *skip);

/* Fail the test with the first line that differs between two snapshots. */
void adv_assert_same_tree(const char *before, const char *after,
    const char *what);

/* What the theme writes on its own, per kind of page. */
void adv_baseline_build(void);

/*
 * Check every file under out_dir: HTML against fz_html_problem(FZ_PAGE)
 * and the theme's counts of script, iframe, form, meta... tags; XML and
 * SVG against FZ_XML; JSON and generated JavaScript hold no '<'; symbolic
 * links are refused.  absent (NULL-terminated, may be NULL) are byte
 * strings no file may hold.  Returns the number of files checked.
 */
size_t adv_check_site(const char *out_dir, const char *const *absent);

/* A file of the site, or NULL. */
char *adv_site_file(const char *out_dir, const char *rel, size_t *len);

#endif
