/*
 * check_incremental.c: rebuilds with the build cache and incremental
 * output, end to end: the real binary on a real repository made by the
 * test, watching inodes, mtimes and the folder around the site; and the
 * output module's keeping of unchanged files, on its own.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "testutil.h"

/* ------------------------------------------------------------- content */

static const char pm_lock[] =
    "---\ntitle: Orders database locked up\nseverity: SEV2\n"
    "services: [orders]\ncategory: database-locking\n---\n"
    "# Orders database locked up\n\n"
    "Start: 5 March 2024, 10:00 UTC. End: 5 March 2024, 10:40 UTC.\n\n"
    "## Root cause\n\nA migration held a table lock.\n\n"
    "## Action items\n\n- [x] add a lock timeout\n";
static const char pm_lock_v2[] =
    "---\ntitle: Orders database locked up for good\nseverity: SEV1\n"
    "services: [orders]\ncategory: database-locking\n---\n"
    "# Orders database locked up\n\n"
    "Start: 5 March 2024, 10:00 UTC. End: 5 March 2024, 11:40 UTC.\n\n"
    "## Root cause\n\nA migration held a table lock.\n\n"
    "## Action items\n\n- [x] add a lock timeout\n- [ ] page on locks\n";
/* Its timeline tells steps without times: entries whose time is null
 * must come back from the cache as they went in. */
static const char pm_dns[] =
    "# Resolver outage\n\nInternal names stopped resolving for an hour.\n"
    "\n## Timeline\n\n- Lookups of internal names time out.\n"
    "- The resolver is restarted; lookups work again.\n"
    "\n## Root cause\n\nA DNS resolver ran out of memory.\n";
static const char pm_cert[] =
    "---\ncategory: security\n---\n"
    "# Certificate expired\n\nThe TLS certificate of the API expired.\n";
static const char pm_pool[] =
    "---\ntitle: Billing pool exhausted\ncategory: database-connections\n"
    "services: [billing]\n---\n# Billing pool exhausted\n\n"
    "Start: 2 January 2024, 07:50 CET. End: 2 January 2024, 09:35 CET.\n"
    "\n## Timeline\n\n- **07:50** Errors start.\n"
    "- **08:15** On-call suspects a DDoS. No effect.\n"
    "- **09:35** Workers scaled down.\n";
static const char pm_disk[] =
    "---\ntitle: Blob store disk slow\ncategory: hardware-infrastructure\n"
    "---\n# Blob store disk slow\n\nUploads were slow for a day.\n";
/* A theme of the repository's own, with a footer that shows no commit
 * id (the default theme's shows it on the home page). */
static const char quiet_footer[] =
    "<footer class=\"site-footer\"><p>{{site.description}}</p></footer>\n";

struct fixture {
	char *dir;		/* holds repo/, out/, fresh/ */
	char repo[512], out[512], fresh[512];
	git_repository *git;
	long long when;		/* the next commit's time */
};

static void
commit(struct fixture *f, const char *const *files, const char *msg)
{
	char id[41];

	f->when += 86400;
	tu_commit(f->git, "alice", f->when, files, msg, id);
}

/* The themes of the tree under test, copied into the repository's
 * working tree (searched before the binary's folder), so that edits
 * made to the tree while the tests run cannot change a build. */
static void
copy_themes(const struct fixture *f)
{
	char bin[600], cmd[4096], *slash;

	snprintf(bin, sizeof(bin), "%s", tu_pmsite());
	slash = strrchr(bin, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(bin, sizeof(bin), ".");
	snprintf(cmd, sizeof(cmd), "(mkdir -p '%s/themes' && for d in "
	    "'%s/themes/default' '%s/../themes/default' themes/default; do "
	    "[ -d \"$d\" ] && cp -R \"$d\" '%s/themes/' && exit 0; done; "
	    "exit 1)", f->repo, bin, bin, f->repo);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	tu_write(f->repo, "themes/quiet/footer.mustache", quiet_footer);
}

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	const char *first[] = {
		"content/pmsite.yml", "title: Test Postmortems\n"
		    "theme: quiet\n",
		"content/2024-03-05-orders-lock.md", pm_lock,
		"content/dns/resolver-outage.md", pm_dns,
		"content/2023-01-10-cert-expired.md", pm_cert,
		"content/2024-01-02-billing-pool.md", pm_pool,
		"content/2024-10-22-disk-slow.md", pm_disk, NULL
	};

	git_libgit2_init();
	f->dir = tu_tempdir();
	snprintf(f->repo, sizeof(f->repo), "%s/repo", f->dir);
	snprintf(f->out, sizeof(f->out), "%s/out", f->dir);
	snprintf(f->fresh, sizeof(f->fresh), "%s/fresh", f->dir);
	f->git = tu_repo_init(f->repo);
	f->when = 1709650000;
	commit(f, first, "first");
	copy_themes(f);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	git_repository_free(f->git);
	tu_rm_rf(f->dir);
	free(f->dir);
	free(f);
	git_libgit2_shutdown();
	return 0;
}

/* pmsite build into out, with PMSITE_THEME_PATH out of the way. */
static int
build_into(const struct fixture *f, const char *out, const char *extra,
    char **so, char **se)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), "env -u PMSITE_THEME_PATH %s build "
	    "--repo '%s' --out '%s' %s", tu_pmsite(), f->repo, out,
	    extra ? extra : "");
	return tu_run(cmd, so, se);
}

/* Build out and expect success; returns stdout (heap). */
static char *
build(const struct fixture *f, const char *extra)
{
	char *so = NULL, *se = NULL;
	int rc = build_into(f, f->out, extra, &so, &se);

	if (rc != 0)
		fail_msg("build failed (%d): %s", rc, se);
	free(se);
	return so;
}

/* The cached build equals a fresh one made without any cache, file for
 * file (the marker differs: only the cached one carries a stamp). */
static void
assert_same_as_fresh(const struct fixture *f, const char *extra)
{
	char cmd[2048], *se = NULL, *so = NULL;
	char opts[512];

	tu_rm_rf(f->fresh);
	snprintf(opts, sizeof(opts), "--no-cache %s", extra ? extra : "");
	if (build_into(f, f->fresh, opts, NULL, &se) != 0)
		fail_msg("fresh build failed: %s", se);
	free(se);
	snprintf(cmd, sizeof(cmd), "diff -r -x .pmsite '%s' '%s'", f->fresh,
	    f->out);
	if (tu_run(cmd, &so, NULL) != 0)
		fail_msg("cached build differs from a fresh one:\n%.2000s", so);
	free(so);
	tu_rm_rf(f->fresh);
}

/* ----------------------------------------------------------- snapshots */

struct entry {
	char *rel;
	ino_t ino;
	struct timespec mtime, ctime;
	char *data;		/* files only */
	size_t len;
};

struct snap {
	struct entry *e;
	size_t n, cap;
};

/* nftw has no payload pointer: one snapshot is filled at a time. */
static struct snap *filling;
static size_t filling_root;

static int
snap_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	struct entry *e;

	(void)flag;
	(void)ftw;
	if (filling->n == filling->cap) {
		filling->cap = filling->cap ? filling->cap * 2 : 64;
		filling->e = realloc(filling->e, filling->cap *
		    sizeof(*filling->e));
	}
	e = &filling->e[filling->n++];
	memset(e, 0, sizeof(*e));
	e->rel = strdup(path + filling_root);
	e->ino = st->st_ino;
	e->mtime = st->st_mtim;
	e->ctime = st->st_ctim;
	if (S_ISREG(st->st_mode))
		e->data = tu_read(path, &e->len);
	return 0;
}

static void
snap_take(struct snap *s, const char *dir)
{
	memset(s, 0, sizeof(*s));
	filling = s;
	filling_root = strlen(dir);
	assert_int_equal(nftw(dir, snap_one, 16, FTW_PHYS), 0);
	filling = NULL;
}

static void
snap_free(struct snap *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->e[i].rel);
		free(s->e[i].data);
	}
	free(s->e);
}

static const struct entry *
snap_find(const struct snap *s, const char *rel)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->e[i].rel, rel) == 0)
			return &s->e[i];
	return NULL;
}

static int
same_time(struct timespec a, struct timespec b)
{
	return a.tv_sec == b.tv_sec && a.tv_nsec == b.tv_nsec;
}

/* Nothing at all changed: names, inodes, times, bytes. */
static void
assert_untouched(const struct snap *a, const struct snap *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct entry *x = &a->e[i], *y = snap_find(b, x->rel);

		if (y == NULL)
			fail_msg("%s disappeared", x->rel);
		if (x->ino != y->ino || !same_time(x->mtime, y->mtime) ||
		    !same_time(x->ctime, y->ctime))
			fail_msg("%s was touched", x->rel[0] ? x->rel : "/");
		assert_int_equal(x->len, y->len);
		if (x->data)
			assert_memory_equal(x->data, y->data, x->len);
	}
}

/*
 * After a rebuild: every file whose bytes did not change kept its inode
 * and mtime, and every file whose bytes changed is new.  Returns how many
 * files were rewritten.
 */
static size_t
assert_only_changes_written(const struct snap *before,
    const struct snap *after)
{
	size_t written = 0;

	for (size_t i = 0; i < after->n; i++) {
		const struct entry *y = &after->e[i];
		const struct entry *x = snap_find(before, y->rel);
		int same;

		if (y->data == NULL || strcmp(y->rel, "/.pmsite") == 0)
			continue;
		same = x && x->data && x->len == y->len &&
		    memcmp(x->data, y->data, x->len) == 0;
		if (same && (x->ino != y->ino ||
		    !same_time(x->mtime, y->mtime)))
			fail_msg("%s is unchanged but was rewritten", y->rel);
		if (!same && x && x->ino == y->ino)
			fail_msg("%s changed in place", y->rel);
		written += !same;
	}
	return written;
}

/* "N written, M unchanged" of the summary line. */
static void
summary_counts(const char *out, size_t *written, size_t *kept)
{
	const char *p = strstr(out, " written, ");

	assert_non_null(p);
	while (p > out && p[-1] >= '0' && p[-1] <= '9')
		p--;
	assert_int_equal(sscanf(p, "%zu written, %zu unchanged", written,
	    kept), 2);
}

/* --------------------------------------------------------------- tests */

/* The second build of the same commit touches nothing: not the site,
 * not its files, not the folder around it (no staging folder comes and
 * goes), not the cache. */
static void
test_noop_writes_nothing(void **state)
{
	struct fixture *f = *state;
	struct snap parent1, parent2;
	char *out;
	size_t written, kept;

	out = build(f, NULL);
	summary_counts(out, &written, &kept);
	assert_int_equal(kept, 0);
	assert_true(written > 20);
	free(out);
	snap_take(&parent1, f->dir);
	out = build(f, NULL);
	assert_non_null(strstr(out, "pmsite: up to date, "));
	assert_non_null(strstr(out, " pages -> "));
	snap_take(&parent2, f->dir);
	assert_untouched(&parent1, &parent2);
	free(out);
	/* Twice more, and with -q: still nothing. */
	out = build(f, "-q");
	assert_string_equal(out, "");
	free(out);
	snap_free(&parent2);
	snap_take(&parent2, f->dir);
	assert_untouched(&parent1, &parent2);
	snap_free(&parent1);
	snap_free(&parent2);
}

/* The no-op repeats the warnings the build printed. */
static void
test_noop_repeats_warnings(void **state)
{
	struct fixture *f = *state;
	const char *files[] = { "content/pmsite.yml", "title: T\n"
	    "theme: quiet\nno_such_key: 1\n", NULL };
	char *so1 = NULL, *se1 = NULL, *so2 = NULL, *se2 = NULL;

	commit(f, files, "unknown key");
	assert_int_equal(build_into(f, f->out, NULL, &so1, &se1), 0);
	assert_non_null(strstr(se1, "no_such_key"));
	assert_int_equal(build_into(f, f->out, NULL, &so2, &se2), 0);
	assert_non_null(strstr(so2, "up to date"));
	assert_string_equal(se1, se2);
	free(so1);
	free(se1);
	free(so2);
	free(se2);
}

/* One postmortem changes: its page and the pages that list it are new,
 * every other file keeps its inode, and the site is what a fresh build
 * makes. */
static void
test_one_change_rewrites_only_changes(void **state)
{
	struct fixture *f = *state;
	const char *files[] = { "content/2024-03-05-orders-lock.md",
	    pm_lock_v2, NULL };
	struct snap before, after;
	char *out;
	size_t written, kept, n;
	const struct entry *a, *b;

	free(build(f, NULL));
	snap_take(&before, f->out);
	commit(f, files, "revise the lock postmortem");
	out = build(f, NULL);
	snap_take(&after, f->out);
	n = assert_only_changes_written(&before, &after);
	summary_counts(out, &written, &kept);
	assert_int_equal(written, n);
	assert_true(kept > 0);
	/* Its own page changed, an unrelated incident's did not. */
	a = snap_find(&before, "/incidents/2024-03-05-orders-lock/index.html");
	b = snap_find(&after, "/incidents/2024-03-05-orders-lock/index.html");
	assert_non_null(a);
	assert_non_null(b);
	assert_true(a->ino != b->ino);
	a = snap_find(&before, "/incidents/2024-10-22-disk-slow/index.html");
	b = snap_find(&after, "/incidents/2024-10-22-disk-slow/index.html");
	assert_non_null(b);
	assert_true(a->ino == b->ino);
	/* The lists that name it changed. */
	a = snap_find(&before, "/index.html");
	b = snap_find(&after, "/index.html");
	assert_true(a->ino != b->ino);
	a = snap_find(&before, "/causes/database-locking/index.html");
	b = snap_find(&after, "/causes/database-locking/index.html");
	assert_non_null(b);
	assert_true(a->ino != b->ino);
	a = snap_find(&before, "/incidents.json");
	b = snap_find(&after, "/incidents.json");
	assert_true(a->ino != b->ino);
	free(out);
	snap_free(&before);
	snap_free(&after);
	assert_same_as_fresh(f, NULL);
}

/* A postmortem deleted: its page goes, the rest is a fresh build's. */
static void
test_delete_removes_page(void **state)
{
	struct fixture *f = *state;
	const char *files[] = { "content/dns/resolver-outage.md", NULL, NULL };
	char page[700];

	free(build(f, NULL));
	snprintf(page, sizeof(page), "%s/incidents/resolver-outage/index.html",
	    f->out);
	assert_true(tu_exists(page));
	commit(f, files, "remove");
	free(build(f, NULL));
	assert_false(tu_exists(page));
	assert_same_as_fresh(f, NULL);
}

/* Edit sequences, with a fresh build compared at every step.  Reverting
 * a file brings back an old blob id with new git facts, which must not
 * bring back the old entry. */
static void
test_edit_sequences_match_fresh_builds(void **state)
{
	struct fixture *f = *state;
	const char *steps[][7] = {
		{ "content/2024-03-05-orders-lock.md", pm_lock_v2, NULL },
		{ "content/2024-03-05-orders-lock.md", pm_lock, NULL },
		{ "content/new/2025-01-01-added.md", pm_disk,
		  "content/2024-10-22-disk-slow.md", NULL, NULL },
		{ "content/2023-01-10-cert-expired.md", pm_dns,
		  "content/dns/resolver-outage.md", pm_cert, NULL },
		{ "content/2024-01-02-billing-pool.md", NULL,
		  "content/2024-03-05-orders-lock.md", pm_pool, NULL },
	};
	char *out;

	free(build(f, NULL));
	for (size_t i = 0; i < sizeof(steps) / sizeof(*steps); i++) {
		commit(f, steps[i], "step");
		out = build(f, NULL);
		assert_null(strstr(out, "up to date"));
		free(out);
		assert_same_as_fresh(f, NULL);
		out = build(f, NULL);
		assert_non_null(strstr(out, "up to date"));
		free(out);
	}
}

/*
 * An incident page names its neighbours, related incidents, the incident
 * it repeats and the earlier ones of its cause by their records (views.h
 * pm_page.inputs).  Eleven incidents laid out so that each of those
 * links is, on some page, the only one to an incident: a new title for
 * that incident must reach the page through that link alone.  Newest
 * first: Y I H G F E D C B A Z, all "configuration" but C.
 *  - A is in the recurrence list of E, F and G and in no other link of
 *    theirs (related lists take the five newest of the cause);
 *  - I is in A's related list only;
 *  - Z, older than a year, is what Y repeats (the service they share);
 *  - B is C's previous incident only, C is B's next only (C has another
 *    cause and shares no service with B).
 * Last, a word of A's notes changes in the work tree, which changes its
 * body and nothing of its record.
 */
#define LINKED_DOC_MAX 512

static const char *
linked_doc(char out[LINKED_DOC_MAX], const char *title, const char *date,
    const char *category, const char *service, const char *note)
{
	snprintf(out, LINKED_DOC_MAX, "---\ntitle: %s\ndate: %s\n"
	    "category: %s\nservices: [%s]\n---\n# %s\n\nStart: %s 09:00 "
	    "UTC. End: %s 09:30 UTC.\n\n## Notes\n\nThe dashboard went "
	    "%s.\n", title, date, category, service, title, date, date, note);
	return out;
}

static void
test_incident_links_follow_edits(void **state)
{
	struct fixture *f = *state;
	static const struct {
		const char *name, *date, *category, *service;
	} set[] = {
		{ "z", "2022-06-01", "configuration", "ledger" },
		{ "a", "2024-01-05", "configuration", "gateway" },
		{ "b", "2024-02-05", "configuration", "mailer" },
		{ "c", "2024-03-05", "capacity-traffic", "gateway" },
		{ "d", "2024-04-05", "configuration", "gateway" },
		{ "e", "2024-05-05", "configuration", "search" },
		{ "f", "2024-06-05", "configuration", "gateway" },
		{ "g", "2024-07-05", "configuration", "search" },
		{ "h", "2024-08-05", "configuration", "gateway" },
		{ "i", "2024-09-05", "configuration", "mailer" },
		{ "y", "2024-10-01", "configuration", "ledger" },
	};
	enum { N = sizeof(set) / sizeof(*set) };
	static const char *const edits[] = { "a", "i", "z", "b", "c" };
	char path[N][64], doc[N][LINKED_DOC_MAX], edit[LINKED_DOC_MAX];
	char title[64];
	const char *files[2 * N + 1];
	char *out;
	size_t k, e;

	for (k = 0; k < N; k++) {
		snprintf(path[k], sizeof(path[k]), "content/links/%s.md",
		    set[k].name);
		snprintf(title, sizeof(title), "Incident %s", set[k].name);
		files[2 * k] = path[k];
		files[2 * k + 1] = linked_doc(doc[k], title, set[k].date,
		    set[k].category, set[k].service, "blue");
	}
	files[2 * N] = NULL;
	commit(f, files, "linked incidents");
	free(build(f, NULL));
	for (e = 0; e < sizeof(edits) / sizeof(*edits); e++) {
		for (k = 0; strcmp(set[k].name, edits[e]) != 0; k++)
			continue;
		snprintf(title, sizeof(title), "Incident %s, renamed",
		    set[k].name);
		commit(f, (const char *[]){ path[k], linked_doc(edit, title,
		    set[k].date, set[k].category, set[k].service, "blue"),
		    NULL }, "rename");
		free(build(f, NULL));
		assert_same_as_fresh(f, NULL);
	}
	/* In the work tree, where git's facts stay as they were. */
	free(build(f, "--worktree"));
	tu_write(f->repo, path[1], linked_doc(edit, "Incident a, renamed",
	    set[1].date, set[1].category, set[1].service, "grey"));
	out = build(f, "--worktree");
	assert_null(strstr(out, "up to date"));
	free(out);
	assert_same_as_fresh(f, "--worktree");
}

/* A changed template rebuilds every page, and right. */
static void
test_theme_change_rebuilds(void **state)
{
	struct fixture *f = *state;
	struct snap before, after;
	size_t n, html = 0;
	char *out;

	free(build(f, NULL));
	snap_take(&before, f->out);
	tu_write(f->repo, "themes/quiet/footer.mustache",
	    "<footer><p>Changed footer</p></footer>\n");
	out = build(f, NULL);
	assert_null(strstr(out, "up to date"));
	free(out);
	snap_take(&after, f->out);
	/* Every page has the footer: every page is new, the assets not. */
	n = assert_only_changes_written(&before, &after);
	for (size_t i = 0; i < after.n; i++) {
		const char *rel = after.e[i].rel;
		size_t len = strlen(rel);

		if (len > 5 && strcmp(rel + len - 5, ".html") == 0)
			html++;
	}
	assert_true(html > 10);
	assert_int_equal(n, html);
	{
		char p[700];

		snprintf(p, sizeof(p), "%s/index.html", f->out);
		out = tu_read(p, NULL);
		assert_non_null(strstr(out, "Changed footer"));
		free(out);
	}
	snap_free(&before);
	snap_free(&after);
	assert_same_as_fresh(f, NULL);
	/* A template of the default theme under it counts too, and so does
	 * an asset. */
	tu_write(f->repo, "themes/default/404.mustache", "{{<base}}"
	    "{{$main}}<p>Gone fishing</p>{{/main}}{{/base}}\n");
	out = build(f, NULL);
	assert_null(strstr(out, "up to date"));
	free(out);
	tu_write(f->repo, "themes/default/assets/extra.css", "p{}\n");
	out = build(f, NULL);
	assert_null(strstr(out, "up to date"));
	free(out);
	assert_same_as_fresh(f, NULL);
}

/* pmsite.yml and --base-url change every page's inputs. */
static void
test_config_and_options_rebuild(void **state)
{
	struct fixture *f = *state;
	const char *files[] = { "content/pmsite.yml", "title: Renamed site\n"
	    "theme: quiet\n", NULL };
	char *out, *se = NULL;

	free(build(f, NULL));
	commit(f, files, "rename the site");
	out = build(f, "-v");
	free(out);
	assert_same_as_fresh(f, NULL);
	out = build(f, "--base-url https://example.org/pm/");
	assert_null(strstr(out, "up to date"));
	free(out);
	assert_same_as_fresh(f, "--base-url https://example.org/pm/");
	out = build(f, "--base-url https://example.org/pm/");
	assert_non_null(strstr(out, "up to date"));
	free(out);
	/* Back without the option: not up to date. */
	out = build(f, NULL);
	assert_null(strstr(out, "up to date"));
	free(out);
	assert_same_as_fresh(f, NULL);
	/* A pmsite.yml change means no document comes from the cache. */
	assert_int_equal(build_into(f, f->out, "-v --theme default", &out,
	    &se), 0);
	assert_non_null(strstr(se, "0 of 5 postmortems from the cache"));
	free(out);
	free(se);
	assert_int_equal(build_into(f, f->out, "-v --theme quiet "
	    "--base-url https://example.org/x/", &out, &se), 0);
	assert_non_null(strstr(se, "0 of 5 postmortems from the cache"));
	free(out);
	free(se);
}

/* Damage every way we can think of; each time the next build (of a
 * changed commit, so the cache is really read) is a fresh build's, and
 * the build after it is a no-op again. */
static void
test_corrupt_cache_gives_correct_build(void **state)
{
	struct fixture *f = *state;
	static const char *damage[] = {
		/* the pack cut in its first header's middle */
		"head -c 30 pack > t && mv t pack",
		/* the pack cut by one byte (a torn last entry) */
		"s=$(wc -c < pack); head -c $((s - 1)) pack > t && mv t pack",
		/* garbage of the right size */
		"s=$(wc -c < pack); head -c $s /dev/urandom > pack",
		/* another format version */
		"for e in pack state history; do printf '\\002' | "
		    "dd of=\"$e\" bs=1 seek=8 conv=notrunc 2>/dev/null; done",
		/* one payload byte flipped */
		"printf 'Z' | dd of=pack bs=1 seek=100 conv=notrunc 2>/dev/null",
		/* the history's payload damaged, then truncated */
		"printf 'Z' | dd of=history bs=1 seek=90 conv=notrunc "
		    "2>/dev/null",
		"head -c 100 history > t && mv t history",
		/* the history a folder */
		"rm -f history; mkdir -p history/x",
		/* the keys of the first two entries swapped (the length of
		 * the first is at byte 16, its key at 32) */
		"n=$(od -An -tu8 -j16 -N8 pack | tr -d ' '); b=$((64 + n + 32)); "
		    "dd if=pack of=k1 bs=1 skip=32 count=32 2>/dev/null; "
		    "dd if=pack of=k2 bs=1 skip=$b count=32 2>/dev/null; "
		    "dd if=k2 of=pack bs=1 seek=32 conv=notrunc 2>/dev/null; "
		    "dd if=k1 of=pack bs=1 seek=$b conv=notrunc 2>/dev/null",
		/* the state is garbage, the pack a folder */
		"echo garbage > state; rm -f pack; mkdir -p pack/x",
		/* the state a folder, the pack a link to a file */
		"rm -rf state pack; mkdir -p state/x; echo x > aim; "
		    "ln -s aim pack",
		/* empty files everywhere */
		"for e in pack state history; do : > \"$e\"; done",
		/* a folder of one file per document, as format 7 kept */
		"mkdir -p docs/x && echo old > docs/0123",
		/* the whole cache gone */
		"cd .. && rm -rf .out.pmsite-cache",
	};
	char cmd[4096], *out;

	free(build(f, NULL));
	for (size_t i = 0; i < sizeof(damage) / sizeof(*damage); i++) {
		const char *files[] = { "content/2024-10-22-disk-slow.md",
		    i % 2 ? pm_disk : pm_cert, NULL };

		/* In a subshell: tu_run() redirects what follows. */
		snprintf(cmd, sizeof(cmd), "(cd '%s/.out.pmsite-cache' && %s)",
		    f->dir, damage[i]);
		assert_int_equal(tu_run(cmd, NULL, NULL), 0);
		commit(f, files, "change");
		free(build(f, NULL));
		assert_same_as_fresh(f, NULL);
		out = build(f, NULL);
		assert_non_null(strstr(out, "up to date"));
		free(out);
		/* The old format's folder is reclaimed; a file a link
		 * named pack aimed at is not written through. */
		snprintf(cmd, sizeof(cmd), "%s/.out.pmsite-cache/%s", f->dir,
		    strstr(damage[i], "docs/") ? "docs" : "aim");
		if (strstr(damage[i], "docs/"))
			assert_false(tu_exists(cmd));
		if (strstr(damage[i], "ln -s aim")) {
			out = tu_read(cmd, NULL);
			assert_string_equal(out, "x\n");
			free(out);
		}
	}
}

/* Damage without a new commit: the state decides; a damaged state or a
 * changed site means a build, never a stale "up to date". */
static void
test_damaged_state_or_site_is_not_up_to_date(void **state)
{
	struct fixture *f = *state;
	char cmd[2048], path[700], *out, *page;

	free(build(f, NULL));
	snprintf(cmd, sizeof(cmd), "(cd '%s/.out.pmsite-cache' && "
	    "printf 'Z' | dd of=state bs=1 seek=80 conv=notrunc 2>/dev/null)",
	    f->dir);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	out = build(f, NULL);
	assert_null(strstr(out, "up to date"));
	free(out);
	/* A page edited by hand is put back. */
	snprintf(path, sizeof(path), "%s/index.html", f->out);
	page = tu_read(path, NULL);
	tu_write(f->out, "index.html", "defaced\n");
	out = build(f, NULL);
	assert_null(strstr(out, "up to date"));
	free(out);
	out = tu_read(path, NULL);
	assert_string_equal(out, page);
	free(out);
	/* A page removed is put back. */
	assert_int_equal(unlink(path), 0);
	out = build(f, NULL);
	assert_null(strstr(out, "up to date"));
	free(out);
	out = tu_read(path, NULL);
	assert_string_equal(out, page);
	free(out);
	free(page);
	assert_same_as_fresh(f, NULL);
}

/* --no-cache neither reads nor writes the cache (its entries and state;
 * the parked tree shares inodes with the site, whose link counts move),
 * and still keeps the unchanged files. */
static void
test_no_cache(void **state)
{
	struct fixture *f = *state;
	struct snap c1, c2;
	char cache[700], docs[800], *out, *st1, *st2;
	size_t written, kept, len1, len2;

	out = build(f, "--no-cache");
	free(out);
	snprintf(cache, sizeof(cache), "%s/.out.pmsite-cache", f->dir);
	assert_false(tu_exists(cache));
	free(build(f, NULL));
	snprintf(docs, sizeof(docs), "%s/pack", cache);
	snap_take(&c1, docs);
	snprintf(docs, sizeof(docs), "%s/state", cache);
	st1 = tu_read(docs, &len1);
	out = build(f, "--no-cache");
	assert_null(strstr(out, "up to date"));
	summary_counts(out, &written, &kept);
	assert_int_equal(written, 0);
	assert_true(kept > 20);
	free(out);
	st2 = tu_read(docs, &len2);
	assert_int_equal(len1, len2);
	assert_memory_equal(st1, st2, len1);
	free(st1);
	free(st2);
	snprintf(docs, sizeof(docs), "%s/pack", cache);
	snap_take(&c2, docs);
	assert_untouched(&c1, &c2);
	snap_free(&c1);
	snap_free(&c2);
	/* The cache's build after that is not fooled by the --no-cache
	 * site in between: it builds (the marker has no stamp). */
	out = build(f, NULL);
	assert_null(strstr(out, "up to date"));
	free(out);
	out = build(f, NULL);
	assert_non_null(strstr(out, "up to date"));
	free(out);
}

/* A build the output refuses leaves nothing beside the site, no cache
 * folder included, and says why after reading the content. */
static void
test_refused_build_makes_no_cache(void **state)
{
	struct fixture *f = *state;
	char cache[700], *so = NULL, *se = NULL;
	struct pm_error err;

	tu_write(f->out, "mine.txt", "not a site\n");
	pm_error_clear(&err);
	assert_int_equal(pm_output_check(f->out, NULL, &err), PM_EEXISTS);
	assert_int_equal(build_into(f, f->out, NULL, &so, &se), 1);
	assert_non_null(strstr(se, "refusing to replace it"));
	snprintf(cache, sizeof(cache), "%s/.out.pmsite-cache", f->dir);
	assert_false(tu_exists(cache));
	free(so);
	free(se);
	/* With --force it is replaced, and the cache made. */
	free(build(f, "--force"));
	assert_true(tu_exists(cache));
	pm_error_clear(&err);
	assert_int_equal(pm_output_check(f->out, NULL, &err), 0);
}

/* --worktree: files on disk count, committed or not. */
static void
test_worktree(void **state)
{
	struct fixture *f = *state;
	char *out;

	free(build(f, "--worktree"));
	out = build(f, "--worktree");
	assert_non_null(strstr(out, "up to date"));
	free(out);
	tu_write(f->repo, "content/2024-10-22-disk-slow.md", pm_lock_v2);
	out = build(f, "--worktree");
	assert_null(strstr(out, "up to date"));
	free(out);
	assert_same_as_fresh(f, "--worktree");
	/* The same bytes with CRLF line ends: git's filters may give the
	 * same blob id, the bytes differ, and so may the page. */
	tu_write(f->repo, "content/2024-10-22-disk-slow.md",
	    "---\r\ntitle: CRLF\r\n---\r\n# CRLF\r\n\r\nText.\r\n");
	free(build(f, "--worktree"));
	assert_same_as_fresh(f, "--worktree");
	tu_write(f->repo, "content/2024-10-22-disk-slow.md",
	    "---\ntitle: CRLF\n---\n# CRLF\n\nText.\n");
	free(build(f, "--worktree"));
	assert_same_as_fresh(f, "--worktree");
	/* Committed mode after worktree mode: another key. */
	out = build(f, NULL);
	assert_null(strstr(out, "up to date"));
	free(out);
	assert_same_as_fresh(f, NULL);
}

/* Build out with -v and expect success; returns the number that the
 * -v output (stderr) gives before what ("N pages kept without
 * rendering", "N pieces of data pages copied"). */
static size_t
build_counting(const struct fixture *f, const char *what)
{
	char *so = NULL, *se = NULL;
	const char *p;
	size_t n;

	if (build_into(f, f->out, "-v", &so, &se) != 0)
		fail_msg("build failed: %s", se);
	p = strstr(se, what);
	assert_non_null(p);
	while (p > se && p[-1] >= '0' && p[-1] <= '9')
		p--;
	assert_int_equal(sscanf(p, "%zu", &n), 1);
	free(so);
	free(se);
	return n;
}

/* The pages a build kept by their key. */
static size_t
build_counting_reuse(const struct fixture *f)
{
	return build_counting(f, " pages kept without rendering");
}

/*
 * Pages whose inputs did not change are kept without being rendered; the
 * others (the edited incident's page, its neighbours and the lists that
 * show its new title) are rendered again, and the site is a fresh
 * build's.
 */
static void
test_unchanged_pages_are_not_rendered(void **state)
{
	struct fixture *f = *state;
	const char *files[] = { "content/2024-03-05-orders-lock.md",
	    pm_lock_v2, NULL };
	const char *other[] = { "content/2023-01-10-cert-expired.md",
	    "---\ncategory: security\n---\n# Certificate expired\n\n"
	    "The TLS certificate of the API expired on a Sunday.\n", NULL };
	struct snap before, after;
	const struct entry *a, *b;
	size_t first, second;

	/* Nothing to reuse the first time. */
	assert_int_equal(build_counting_reuse(f), 0);
	snap_take(&before, f->out);
	commit(f, files, "revise the lock postmortem");
	first = build_counting_reuse(f);
	snap_take(&after, f->out);
	assert_true(first > 0);
	a = snap_find(&before, "/incidents/2024-10-22-disk-slow/index.html");
	b = snap_find(&after, "/incidents/2024-10-22-disk-slow/index.html");
	assert_true(a->ino == b->ino);
	/* Its neighbour in time shows the new title. */
	b = snap_find(&after, "/incidents/2024-01-02-billing-pool/index.html");
	assert_non_null(strstr(b->data, "locked up for good"));
	snap_free(&before);
	snap_free(&after);
	assert_same_as_fresh(f, NULL);
	/* A second edit elsewhere: the first's pages are kept this time. */
	commit(f, other, "add a detail");
	second = build_counting_reuse(f);
	assert_true(second > 0);
	assert_same_as_fresh(f, NULL);
}

/* A page edited by hand in the published site, in place or replaced, is
 * rendered again at the next build even though its inputs did not
 * change: the state's stat of it no longer holds. */
static void
test_hand_edited_page_is_rendered_again(void **state)
{
	struct fixture *f = *state;
	const char *files[] = { "content/2024-03-05-orders-lock.md",
	    pm_lock_v2, NULL };
	const char *back[] = { "content/2024-03-05-orders-lock.md",
	    pm_lock, NULL };
	char page[700], other[700], *text;
	FILE *fp;

	free(build(f, NULL));
	snprintf(page, sizeof(page), "%s/incidents/2024-10-22-disk-slow/"
	    "index.html", f->out);
	snprintf(other, sizeof(other), "%s/incidents/resolver-outage/"
	    "index.html", f->out);
	/* Same size, same inode: only the times tell. */
	fp = fopen(page, "r+");
	assert_non_null(fp);
	assert_int_equal(fputs("<!-- hand -->", fp) >= 0, 1);
	fclose(fp);
	/* A new file under the same name. */
	assert_int_equal(unlink(other), 0);
	tu_write(f->out, "incidents/resolver-outage/index.html", "edited\n");
	commit(f, files, "revise");
	free(build(f, NULL));
	text = tu_read(page, NULL);
	assert_null(strstr(text, "<!-- hand -->"));
	free(text);
	text = tu_read(other, NULL);
	assert_null(strstr(text, "edited"));
	free(text);
	assert_same_as_fresh(f, NULL);
	/* Back to the first version: keys already seen come back. */
	commit(f, back, "revert");
	free(build(f, NULL));
	assert_same_as_fresh(f, NULL);
}

/* The records incidents.json copied from the last build's. */
static size_t
pieces_copied(const struct fixture *f)
{
	return build_counting(f, " pieces of data pages copied");
}

/*
 * After one postmortem changed, incidents.json copies the other four
 * records from the last build's file instead of writing them again, and
 * comes out as a fresh build's.  Once that file is edited by hand (same
 * size, same inode), nothing is copied from it.
 */
static void
test_export_copies_unchanged_records(void **state)
{
	struct fixture *f = *state;
	const char *files[] = { "content/2024-03-05-orders-lock.md",
	    pm_lock_v2, NULL };
	const char *back[] = { "content/2024-03-05-orders-lock.md",
	    pm_lock, NULL };
	char path[700];
	FILE *fp;

	assert_int_equal(pieces_copied(f), 0);
	commit(f, files, "revise the lock postmortem");
	assert_int_equal(pieces_copied(f), 4);
	assert_same_as_fresh(f, NULL);
	snprintf(path, sizeof(path), "%s/incidents.json", f->out);
	fp = fopen(path, "r+");
	assert_non_null(fp);
	assert_int_equal(fseek(fp, 10, SEEK_SET), 0);
	assert_int_equal(fputs("XXXX", fp) >= 0, 1);
	fclose(fp);
	commit(f, back, "revert");
	assert_int_equal(pieces_copied(f), 0);
	assert_same_as_fresh(f, NULL);
}

/*
 * A large data page is written over the recycled tree's own file, never
 * over one that the published site shares: the second build below keeps
 * incidents.json by linking it, so when the third recycles the first
 * site, that tree's incidents.json is the published one.  A link the
 * test holds to it must keep its bytes.
 */
static void
test_rewrite_spares_published_file(void **state)
{
	struct fixture *f = *state;
	const char *note[] = { "notes.txt", "not a postmortem\n", NULL };
	const char *files[] = { "content/2024-03-05-orders-lock.md",
	    pm_lock_v2, NULL };
	char path[700], held[700], *before, *after;
	struct stat st;

	free(build(f, NULL));
	commit(f, note, "a file outside the content");
	free(build(f, NULL));
	snprintf(path, sizeof(path), "%s/incidents.json", f->out);
	snprintf(held, sizeof(held), "%s/held.json", f->dir);
	assert_int_equal(stat(path, &st), 0);
	assert_true(st.st_nlink >= 2);	/* shared with the parked site */
	assert_int_equal(link(path, held), 0);
	before = tu_read(held, NULL);
	commit(f, files, "revise the lock postmortem");
	free(build(f, NULL));
	after = tu_read(held, NULL);
	assert_string_equal(before, after);
	free(after);
	after = tu_read(path, NULL);
	assert_non_null(strstr(after, "locked up for good"));
	assert_null(strstr(before, "locked up for good"));
	free(after);
	free(before);
	assert_same_as_fresh(f, NULL);
}

/* ------------------------------------- the output module on its own */

struct ofx {
	char *dir;
	char site[600];
	char spare[700];	/* "" for none */
};

static void
publish(struct ofx *x, const char *const *files, int incremental)
{
	struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	struct pm_error err;

	opts.incremental = incremental;
	opts.stamp = "abc123";
	opts.spare = x->spare[0] ? x->spare : NULL;
	pm_error_clear(&err);
	assert_int_equal(pm_output_open(&o, x->site, &opts, &err), 0);
	for (size_t i = 0; files[i]; i += 2)
		assert_int_equal(pm_output_write(o, files[i], files[i + 1],
		    strlen(files[i + 1]), &err), 0);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);
}

static ino_t
inode(const struct ofx *x, const char *rel)
{
	char p[700];
	struct stat st;

	snprintf(p, sizeof(p), "%s/%s", x->site, rel);
	assert_int_equal(lstat(p, &st), 0);
	return st.st_ino;
}

static void
test_output_keeps_same_bytes(void **state)
{
	struct ofx x;
	const char *v1[] = { "a.html", "A", "d/e/b.html", "B", "c.html", "C",
	    "empty", "", NULL };
	const char *v2[] = { "a.html", "A", "d/e/b.html", "B", "c.html", "C2",
	    "empty", "", "new.html", "N", NULL };
	struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	struct pm_error err;
	ino_t a, b, c, e;
	char *stamp;

	(void)state;
	x.dir = tu_tempdir();
	snprintf(x.site, sizeof(x.site), "%s/site", x.dir);
	x.spare[0] = '\0';
	publish(&x, v1, 1);
	a = inode(&x, "a.html");
	b = inode(&x, "d/e/b.html");
	c = inode(&x, "c.html");
	e = inode(&x, "empty");
	publish(&x, v2, 1);
	assert_true(inode(&x, "a.html") == a);
	assert_true(inode(&x, "d/e/b.html") == b);
	assert_true(inode(&x, "empty") == e);
	assert_true(inode(&x, "c.html") != c);
	stamp = pm_output_read_stamp(x.site);
	assert_string_equal(stamp, "abc123");
	free(stamp);
	/* Not incremental: everything new. */
	publish(&x, v2, 0);
	assert_true(inode(&x, "a.html") != a);
	/* Counters. */
	opts.incremental = 1;
	pm_error_clear(&err);
	assert_int_equal(pm_output_open(&o, x.site, &opts, &err), 0);
	assert_int_equal(pm_output_write(o, "a.html", "A", 1, &err), 0);
	assert_int_equal(pm_output_write(o, "c.html", "C3", 2, &err), 0);
	assert_int_equal(pm_output_write(o, "a.html", "A", 1, &err),
	    PM_EEXISTS);
	assert_int_equal(pm_output_files(o), 2);
	assert_int_equal(pm_output_kept(o), 1);
	pm_output_free(o);
	tu_rm_rf(x.dir);
	free(x.dir);
}

/* The stat of rel under x->site, as the build cache records it. */
static struct pm_output_stat
stat_of(const struct ofx *x, const char *rel)
{
	struct pm_output_stat s;
	struct stat st;
	char p[700];

	snprintf(p, sizeof(p), "%s/%s", x->site, rel);
	assert_int_equal(lstat(p, &st), 0);
	s.size = (uint64_t)st.st_size;
	s.ino = (uint64_t)st.st_ino;
	s.mtime_s = st.st_mtim.tv_sec;
	s.mtime_ns = st.st_mtim.tv_nsec;
	s.ctime_s = st.st_ctim.tv_sec;
	s.ctime_ns = st.st_ctim.tv_nsec;
	return s;
}

/* pm_output_keep(): the very file is linked; anything else is left to
 * the caller, with nothing claimed. */
static void
test_output_keep_by_stat(void **state)
{
	struct ofx x;
	const char *v1[] = { "a.html", "A", "d/b.html", "B", "c.html", "C",
	    NULL };
	struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	struct pm_output_stat a, b, c;
	struct pm_error err;
	char *text;
	ino_t ia;

	(void)state;
	x.dir = tu_tempdir();
	snprintf(x.site, sizeof(x.site), "%s/site", x.dir);
	x.spare[0] = '\0';
	publish(&x, v1, 1);
	a = stat_of(&x, "a.html");
	b = stat_of(&x, "d/b.html");
	c = stat_of(&x, "c.html");
	ia = inode(&x, "a.html");
	c.mtime_ns ^= 1;	/* not the file the caller knew */
	opts.incremental = 1;
	pm_error_clear(&err);
	assert_int_equal(pm_output_open(&o, x.site, &opts, &err), 0);
	assert_int_equal(pm_output_keep(o, "a.html", &a, &err), 1);
	/* The new link changed the file's change time: a second page at
	 * the same path is no longer that file's, and the write that
	 * follows reports the duplicate. */
	assert_int_equal(pm_output_keep(o, "a.html", &a, &err), 0);
	assert_int_equal(pm_output_write(o, "a.html", "A", 1, &err),
	    PM_EEXISTS);
	assert_int_equal(pm_output_keep(o, "d/b.html", &b, &err), 1);
	assert_int_equal(pm_output_keep(o, "c.html", &c, &err), 0);
	assert_int_equal(pm_output_keep(o, "gone.html", &c, &err), 0);
	/* Nothing was claimed: the caller writes them. */
	assert_int_equal(pm_output_write(o, "c.html", "C2", 2, &err), 0);
	assert_int_equal(pm_output_keep(o, "../x", &a, &err), 0);
	assert_int_equal(pm_output_files(o), 3);
	assert_int_equal(pm_output_kept(o), 2);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);
	assert_true(inode(&x, "a.html") == ia);
	{
		char p[700];

		snprintf(p, sizeof(p), "%s/c.html", x.site);
		text = tu_read(p, NULL);
		assert_string_equal(text, "C2");
		free(text);
	}
	/* Not incremental: nothing to keep from. */
	a = stat_of(&x, "a.html");
	opts.incremental = 0;
	assert_int_equal(pm_output_open(&o, x.site, &opts, &err), 0);
	assert_int_equal(pm_output_keep(o, "a.html", &a, &err), 0);
	pm_output_free(o);
	tu_rm_rf(x.dir);
	free(x.dir);
}

/* Never kept: a file reached through a link planted in the old site, a
 * path that was a directory, a foreign folder replaced with force. */
static void
test_output_keeps_only_own_files(void **state)
{
	struct ofx x;
	const char *v1[] = { "d/b.html", "B", "f.html", "F", NULL };
	struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
	struct pm_output *o = NULL;
	struct pm_error err;
	char p[700], q[1024];
	struct stat st;
	ino_t outside;

	(void)state;
	x.dir = tu_tempdir();
	snprintf(x.site, sizeof(x.site), "%s/site", x.dir);
	x.spare[0] = '\0';
	publish(&x, v1, 1);
	/* d/ becomes a link to a folder outside with the same bytes. */
	tu_write(x.dir, "outside/b.html", "B");
	snprintf(p, sizeof(p), "%s/d", x.site);
	tu_rm_rf(p);
	snprintf(q, sizeof(q), "%s/outside", x.dir);
	assert_int_equal(symlink(q, p), 0);
	snprintf(q, sizeof(q), "%s/outside/b.html", x.dir);
	assert_int_equal(stat(q, &st), 0);
	outside = st.st_ino;
	publish(&x, v1, 1);
	assert_true(inode(&x, "d/b.html") != outside);
	assert_int_equal(stat(q, &st), 0);
	assert_int_equal(st.st_nlink, 1);
	/* A foreign folder (no marker) is not a source. */
	snprintf(p, sizeof(p), "%s/foreign", x.dir);
	tu_write(p, "f.html", "F");
	snprintf(q, sizeof(q), "%s/f.html", p);
	assert_int_equal(stat(q, &st), 0);
	outside = st.st_ino;
	opts.incremental = 1;
	opts.force = 1;
	pm_error_clear(&err);
	assert_int_equal(pm_output_open(&o, p, &opts, &err), 0);
	assert_int_equal(pm_output_write(o, "f.html", "F", 1, &err), 0);
	assert_int_equal(pm_output_kept(o), 0);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);
	assert_int_equal(stat(q, &st), 0);
	assert_true(st.st_ino != outside);
	/* A bad stamp is refused. */
	opts.stamp = "two\nlines";
	assert_int_equal(pm_output_open(&o, p, &opts, &err), PM_ERROR);
	assert_null(o);
	tu_rm_rf(x.dir);
	free(x.dir);
}

/* The files of the site (not the marker), "path=bytes" sorted, one a
 * line, so a whole tree compares as one string. */
static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *
listing(const struct ofx *x)
{
	struct snap s;
	char **lines, *out = calloc(1, 1);
	size_t len = 0, n = 0;

	snap_take(&s, x->site);
	lines = calloc(s.n + 1, sizeof(*lines));
	for (size_t i = 0; i < s.n; i++) {
		const struct entry *e = &s.e[i];

		if (e->data == NULL || strcmp(e->rel, "/.pmsite") == 0)
			continue;
		lines[n] = malloc(strlen(e->rel) + e->len + 3);
		sprintf(lines[n++], "%s=%.*s\n", e->rel, (int)e->len,
		    e->data);
	}
	qsort(lines, n, sizeof(*lines), by_name);
	for (size_t i = 0; i < n; i++) {
		out = realloc(out, len + strlen(lines[i]) + 1);
		strcpy(out + len, lines[i]);
		len += strlen(lines[i]);
		free(lines[i]);
	}
	free(lines);
	snap_free(&s);
	return out;
}

/* A parked tree is recycled: unchanged files are the published ones,
 * what went away goes, and junk in the parked tree never survives. */
static void
test_output_recycles_parked_tree(void **state)
{
	struct ofx x;
	const char *v1[] = { "a.html", "A", "d/e/b.html", "B", "c.html", "C",
	    "gone/x.html", "X", "f/g.html", "G", NULL };
	const char *v2[] = { "a.html", "A", "d/e/b.html", "B2", "c.html", "C",
	    "f", "F is a file now", "n/new.html", "N", NULL };
	const char *v3[] = { "a.html", "A", "d/e/b.html", "B", "f/g.html",
	    "G", NULL };
	char p[800], elsewhere[700], *got;
	struct stat st;
	ino_t a;

	(void)state;
	x.dir = tu_tempdir();
	snprintf(x.site, sizeof(x.site), "%s/site", x.dir);
	snprintf(x.spare, sizeof(x.spare), "%s/spare", x.dir);
	publish(&x, v1, 1);
	assert_false(tu_exists(x.spare));	/* nothing replaced yet */
	a = inode(&x, "a.html");
	publish(&x, v2, 1);
	assert_true(tu_exists(x.spare));	/* v1, parked */
	assert_true(inode(&x, "a.html") == a);
	got = listing(&x);
	assert_string_equal(got, "/a.html=A\n/c.html=C\n/d/e/b.html=B2\n"
	    "/f=F is a file now\n/n/new.html=N\n");
	free(got);
	/* Junk in the parked tree (v1): a link where a folder goes, a
	 * folder where a file goes, a stray file, a stale marker. */
	snprintf(elsewhere, sizeof(elsewhere), "%s/elsewhere", x.dir);
	tu_write(elsewhere, "g.html", "G");
	snprintf(p, sizeof(p), "%s/f", x.spare);
	tu_rm_rf(p);
	assert_int_equal(symlink(elsewhere, p), 0);
	snprintf(p, sizeof(p), "%s/a.html", x.spare);
	assert_int_equal(unlink(p), 0);
	tu_write(x.spare, "a.html/inside", "junk");
	tu_write(x.spare, "stray.html", "S");
	tu_write(x.spare, "deep/1/2/3/4.html", "D");
	publish(&x, v3, 1);
	got = listing(&x);
	assert_string_equal(got, "/a.html=A\n/d/e/b.html=B\n/f/g.html=G\n");
	free(got);
	snprintf(p, sizeof(p), "%s/f", x.site);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISDIR(st.st_mode));
	snprintf(p, sizeof(p), "%s/g.html", elsewhere);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_nlink, 1);	/* not linked, not touched */
	/* Claims still refuse a file and a folder of one name. */
	{
		struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
		struct pm_output *o = NULL;
		struct pm_error err;

		opts.incremental = 1;
		opts.spare = x.spare;
		pm_error_clear(&err);
		assert_int_equal(pm_output_open(&o, x.site, &opts, &err), 0);
		assert_int_equal(pm_output_write(o, "d/e/b.html", "B", 1,
		    &err), 0);
		assert_int_equal(pm_output_write(o, "d/e", "x", 1, &err),
		    PM_EEXISTS);
		assert_int_equal(pm_output_write(o, "d/e/b.html/z", "x", 1,
		    &err), PM_EEXISTS);
		pm_output_free(o);
	}
	/* A non-incremental open removes the parked tree. */
	publish(&x, v3, 0);
	assert_false(tu_exists(x.spare));
	tu_rm_rf(x.dir);
	free(x.dir);
}

/* The bytes of rel under x->site (free() them). */
static char *
site_file(const struct ofx *x, const char *rel)
{
	char p[800];
	char *data;

	snprintf(p, sizeof(p), "%s/%s", x->site, rel);
	data = tu_read(p, NULL);
	assert_non_null(data);
	return data;
}

/* Write data as rel through a stream, in pieces of step bytes. */
static void
stream(struct pm_output *o, const char *rel, const char *data, size_t step)
{
	struct pm_output_stream *s = NULL;
	struct pm_error err;
	size_t len = strlen(data);

	pm_error_clear(&err);
	assert_int_equal(pm_output_stream_open(&s, o, rel, &err), 0);
	assert_non_null(s);
	for (size_t at = 0; at < len; at += step)
		assert_int_equal(pm_output_stream_put(s, data + at,
		    len - at < step ? len - at : step, &err), 0);
	assert_int_equal(pm_output_stream_close(s, 1, &err), 0);
}

/* A file written in pieces is kept like one written whole: the same
 * bytes keep the published inode, anything else (a byte changed, one
 * more or one fewer) is written; claims and counters are those of
 * pm_output_write(); a stream given up leaves the old site alone. */
static void
test_output_stream(void **state)
{
	struct ofx x;
	size_t big = 200000;
	char *a = malloc(big + 1), *a2, *shorter;
	const char *v1[] = { "a.json", NULL, "b.json", "B", "c.json", "CC",
	    "d.json", "D", NULL };
	struct pm_output_opts opts = PM_OUTPUT_OPTS_INIT;
	struct pm_output_stream *s = (void *)1;
	struct pm_output *o = NULL;
	struct pm_error err;
	ino_t ia, ib, ic, id;
	char *got;

	(void)state;
	for (size_t i = 0; i < big; i++)
		a[i] = (char)('a' + i % 23);
	a[big] = '\0';
	a2 = strdup(a);
	a2[big - 1] = '!';
	shorter = strndup(a, big - 1);
	v1[1] = a;
	x.dir = tu_tempdir();
	snprintf(x.site, sizeof(x.site), "%s/site", x.dir);
	snprintf(x.spare, sizeof(x.spare), "%s/spare", x.dir);
	publish(&x, v1, 1);
	ia = inode(&x, "a.json");
	ib = inode(&x, "b.json");
	ic = inode(&x, "c.json");
	id = inode(&x, "d.json");
	for (int round = 0; round < 2; round++) {
		/* the second round runs on the recycled, parked tree */
		opts.incremental = 1;
		opts.spare = x.spare;
		pm_error_clear(&err);
		assert_int_equal(pm_output_open(&o, x.site, &opts, &err), 0);
		stream(o, "a.json", a, 4096 + 7);
		stream(o, "b.json", "B", 1);
		stream(o, "c.json", "CCC", 1);
		stream(o, "d.json", "", 1);
		stream(o, "n/new.json", "N", 1);
		assert_int_equal(pm_output_stream_open(&s, o, "b.json", &err),
		    PM_EEXISTS);
		assert_null(s);
		assert_int_equal(pm_output_files(o), 5);
		assert_int_equal(pm_output_kept(o), 2);
		assert_int_equal(pm_output_commit(o, &err), 0);
		pm_output_free(o);
		assert_true(inode(&x, "a.json") == ia);
		assert_true(inode(&x, "b.json") == ib);
		assert_true(inode(&x, "c.json") != ic);
		assert_true(inode(&x, "d.json") != id);
		publish(&x, v1, 1);	/* back to v1: c and d written again */
		assert_true(inode(&x, "a.json") == ia);
		ic = inode(&x, "c.json");
		id = inode(&x, "d.json");
	}
	/* One byte changed, one fewer: written, and what was written is
	 * there. */
	opts.spare = NULL;
	assert_int_equal(pm_output_open(&o, x.site, &opts, &err), 0);
	stream(o, "a.json", a2, 65536);
	stream(o, "b.json", "B", 1);
	assert_int_equal(pm_output_kept(o), 1);
	assert_int_equal(pm_output_commit(o, &err), 0);
	pm_output_free(o);
	assert_true(inode(&x, "a.json") != ia);
	assert_true(inode(&x, "b.json") == ib);
	got = site_file(&x, "a.json");
	assert_string_equal(got, a2);
	free(got);
	ia = inode(&x, "a.json");
	assert_int_equal(pm_output_open(&o, x.site, &opts, &err), 0);
	stream(o, "a.json", shorter, 100000);
	assert_int_equal(pm_output_kept(o), 0);
	/* A stream given up, then the output freed: the site stays. */
	assert_int_equal(pm_output_stream_open(&s, o, "b.json", &err), 0);
	assert_int_equal(pm_output_stream_put(s, "X", 1, &err), 0);
	assert_int_equal(pm_output_stream_close(s, 0, &err), 0);
	pm_output_free(o);
	assert_true(inode(&x, "a.json") == ia);
	got = site_file(&x, "b.json");
	assert_string_equal(got, "B");
	free(got);
	free(a);
	free(a2);
	free(shorter);
	tu_rm_rf(x.dir);
	free(x.dir);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_noop_writes_nothing),
		T(test_noop_repeats_warnings),
		T(test_one_change_rewrites_only_changes),
		T(test_delete_removes_page),
		T(test_edit_sequences_match_fresh_builds),
	T(test_incident_links_follow_edits),
		T(test_theme_change_rebuilds),
		T(test_config_and_options_rebuild),
		T(test_corrupt_cache_gives_correct_build),
		T(test_damaged_state_or_site_is_not_up_to_date),
		T(test_no_cache),
		T(test_refused_build_makes_no_cache),
		T(test_worktree),
		T(test_unchanged_pages_are_not_rendered),
		T(test_hand_edited_page_is_rendered_again),
		T(test_export_copies_unchanged_records),
		T(test_rewrite_spares_published_file),
		cmocka_unit_test(test_output_keeps_same_bytes),
		cmocka_unit_test(test_output_keep_by_stat),
		cmocka_unit_test(test_output_keeps_only_own_files),
		cmocka_unit_test(test_output_recycles_parked_tree),
		cmocka_unit_test(test_output_stream),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
