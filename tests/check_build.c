/*
 * check_build.c: `pmsite build` end to end.  Each test makes a real git
 * repository with several commits by different authors, runs the real
 * binary, and reads the files it wrote.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "value.h"
#include "yamltree.h"

/* Three postmortems in three commits by two authors. */
static const char pm_db[] =
    "---\n"
    "title: Orders database locked up\n"
    "severity: SEV2\n"
    "services: [orders]\n"
    "---\n"
    "# Ignored heading\n\n"
    "Orders stalled for forty minutes.\n\n"
    "## Task list\n\n- [x] add a lock timeout\n- [ ] alert on lock waits\n";
static const char pm_dns[] =
    "# Resolver outage\n\n"
    "Internal names stopped resolving for an hour.\n\n"
    "<script>alert(1)</script>\n";
static const char pm_dns_v2[] =
    "# Resolver outage, revised\n\n"
    "Internal names stopped resolving for an hour and ten minutes.\n";
static const char pm_cert[] =
    "Certificate expired\n===================\n\n"
    "The TLS certificate of the API expired at midnight.\n";
/* A repeat: one cause and one service, four months apart.  Front matter
 * states both, so the test does not depend on the extractor's guesses. */
static const char pm_pool[] =
    "---\n"
    "title: Billing API connection pool exhausted\n"
    "category: database-connections\n"
    "services: [billing-api]\n"
    "severity: SEV2\n"
    "---\n"
    "# Billing API connection pool exhausted\n\n"
    "Start: 2 January 2024, 07:50 CET. End: 2 January 2024, 09:35 CET.\n"
    "Roughly 18% of customers could not load invoices.\n\n"
    "## Root cause\n\n"
    "Invoice workers exhausted the connections of the billing "
    "database.\n\n"
    "## Timeline\n\n"
    "- **07:50** Errors start on billing-api.\n"
    "- **07:58** The connections alert pages the on-call engineer.\n"
    "- **08:15** On-call suspects a DDoS attack and blocks two networks."
    " No effect.\n"
    "- **09:35** Workers scaled to zero; error rate back to normal.\n\n"
    "## Action items\n\n"
    "- [ ] Route invoice workers through PgBouncer\n"
    "- [x] Cap the invoice workers\n";
static const char pm_pool_again[] =
    "---\n"
    "title: Billing API pool exhausted again\n"
    "category: database-connections\n"
    "services: [billing-api, invoices]\n"
    "---\n"
    "# Billing API pool exhausted again\n\n"
    "Start: 20 May 2024, 10:00 UTC. End: 20 May 2024, 10:40 UTC.\n"
    "About 5% of requests to the billing API failed.\n\n"
    "## Timeline\n\n"
    "- **10:00** Errors start on billing-api & invoices <again>.\n"
    "- **10:05** The connections alert pages the on-call engineer.\n"
    "- **10:12** On-call suspects a DDoS and rate-limits the edge. "
    "No effect.\n"
    "- **10:40** Pool resized; error rate back to normal.\n\n"
    "## Action items\n\n"
    "- [x] Resize the pool\n";

struct fixture {
	char *dir;		/* holds repo/ and out/ */
	char repo[512], out[512];
	char c1[41], c2[41], c3[41], c4[41];
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	git_repository *repo;
	const char *first[] = {
		"content/2024-03-05-orders-db-lock.md", pm_db,
		"content/pmsite.yml", "title: Test Postmortems\n"
		    "repo_url: https://example.com/acme/pm\n",
		"README.md", "not a postmortem\n", NULL
	};
	const char *second[] = {
		"content/dns/resolver-outage.md", pm_dns, NULL
	};
	const char *third[] = {
		"content/dns/resolver-outage.md", pm_dns_v2,
		"content/2023-01-10-cert-expired.md", pm_cert, NULL
	};
	const char *fourth[] = {
		"content/2024-01-02-billing-pool.md", pm_pool,
		"content/2024-05-20-billing-pool-again.md", pm_pool_again, NULL
	};

	git_libgit2_init();
	f->dir = tu_tempdir();
	snprintf(f->repo, sizeof(f->repo), "%s/repo", f->dir);
	snprintf(f->out, sizeof(f->out), "%s/out", f->dir);
	repo = tu_repo_init(f->repo);
	tu_commit(repo, "alice", 1709650000, first, "first", f->c1);
	tu_commit(repo, "bob", 1710000000, second, "second", f->c2);
	tu_commit(repo, "carol", 1710500000, third, "third", f->c3);
	tu_commit(repo, "carol", 1716300000, fourth, "fourth", f->c4);
	git_repository_free(repo);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	tu_rm_rf(f->dir);
	free(f->dir);
	free(f);
	git_libgit2_shutdown();
	return 0;
}

static int
build(const struct fixture *f, const char *extra, char **out, char **err)
{
	char cmd[2048];

	snprintf(cmd, sizeof(cmd), "%s build --repo '%s' --out '%s' %s",
	    tu_pmsite(), f->repo, f->out, extra ? extra : "");
	return tu_run(cmd, out, err);
}

static char *
site_file(const struct fixture *f, const char *rel)
{
	char path[1024];

	snprintf(path, sizeof(path), "%s/%s", f->out, rel);
	return tu_read(path, NULL);
}

static void
assert_contains(const char *hay, const char *needle)
{
	if (hay == NULL || strstr(hay, needle) == NULL)
		fail_msg("expected to find \"%s\" in:\n%.2000s", needle,
		    hay ? hay : "(null)");
}

static void
assert_lacks(const char *hay, const char *needle)
{
	if (hay && strstr(hay, needle))
		fail_msg("did not expect \"%s\" in:\n%.2000s", needle, hay);
}

/* Every href and src of every HTML page must name a file of the site. */
static const char *links_root;
static int links_checked;

static void
check_links_in(const char *page_path)
{
	char *html = tu_read(page_path, NULL);
	const char *p = html;
	char dir[1024];

	snprintf(dir, sizeof(dir), "%s", page_path);
	*strrchr(dir, '/') = '\0';
	while ((p = strstr(p, "=\"")) != NULL) {
		const char *attr = p - 4, *end;
		char target[2048], url[1024];
		size_t n;

		p += 2;
		if (!(attr >= html && (strncmp(attr, "href", 4) == 0 ||
		    strncmp(attr + 1, "src", 3) == 0)))
			continue;
		end = strchr(p, '"');
		n = (size_t)(end - p);
		if (n == 0 || n >= sizeof(url) || p[0] == '#' ||
		    strncmp(p, "http", 4) == 0 || strncmp(p, "mailto:", 7) == 0)
			continue;
		memcpy(url, p, n);
		url[n] = '\0';
		url[strcspn(url, "#?")] = '\0';
		snprintf(target, sizeof(target), "%s/%s", dir, url);
		if (!tu_exists(target))
			fail_msg("%s links to %s, which does not exist",
			    page_path + strlen(links_root), url);
		links_checked++;
	}
	free(html);
}

static int
visit(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	size_t n = strlen(path);

	(void)st;
	(void)ftw;
	if (flag == FTW_F && n > 5 && strcmp(path + n - 5, ".html") == 0)
		check_links_in(path);
	return 0;
}

static void
test_build_writes_every_page(void **state)
{
	struct fixture *f = *state;
	char *out, *err, *s;

	assert_int_equal(build(f, NULL, &out, &err), 0);
	assert_contains(out, "5 incidents");
	free(out);
	free(err);

	s = site_file(f, "index.html");
	assert_contains(s, "Test Postmortems");
	assert_contains(s, "incidents/2024-03-05-orders-db-lock/index.html");
	/* Newest first: March 2024 before January 2023. */
	assert_true(strstr(s, "2024-03-05-orders-db-lock") < strstr(s, "cert-expired"));
	free(s);
	s = site_file(f, "incidents/2024-03-05-orders-db-lock/index.html");
	assert_contains(s, "<h1>Orders database locked up</h1>");
	assert_contains(s, "SEV2");
	assert_contains(s, "id=\"task-list\"");
	assert_contains(s, "https://example.com/acme/pm/edit/main/content/"
	    "2024-03-05-orders-db-lock.md");
	free(s);
	s = site_file(f, "incidents/resolver-outage/index.html");
	assert_contains(s, "Resolver outage, revised");
	/* Raw HTML is omitted without unsafe_html. */
	assert_lacks(s, "<script>alert");
	free(s);
	s = site_file(f, "incidents/2023-01-10-cert-expired/index.html");
	assert_contains(s, "Certificate expired");
	free(s);
	assert_true(tu_exists(f->out));
	s = site_file(f, ".nojekyll");
	assert_non_null(s);
	free(s);
	s = site_file(f, "assets/style.css");
	assert_non_null(s);
	free(s);
	s = site_file(f, "404.html");
	assert_non_null(s);
	free(s);
	/* README.md is outside the content path. */
	s = site_file(f, "incidents/readme/index.html");
	assert_null(s);

	links_root = f->out;
	links_checked = 0;
	nftw(f->out, visit, 16, FTW_PHYS);
	assert_true(links_checked > 10);
}

static void
test_git_facts(void **state)
{
	struct fixture *f = *state;
	char *json;

	assert_int_equal(build(f, "-q", NULL, NULL), 0);
	json = site_file(f, "incidents.json");
	assert_non_null(json);
	/* resolver-outage: added by bob, changed by carol. */
	assert_contains(json, "\"created\": \"2024-03-09T16:00:00+00:00\"");
	assert_contains(json, "\"updated\": \"2024-03-15T10:53:20+00:00\"");
	assert_contains(json, "\"authors\": [\n        \"bob\",\n"
	    "        \"carol\"\n      ]");
	assert_contains(json, "\"slug\": \"2024-03-05-orders-db-lock\"");
	assert_contains(json, "\"title\": \"Orders database locked up\"");
	assert_contains(json, "\"services\": [\n      \"orders\"\n    ]");
	assert_contains(json, "\"text\": \"alert on lock waits\",\n"
	    "        \"done\": false");
	assert_contains(json, "\"root_cause\": null");
	free(json);
}

static void
test_older_ref(void **state)
{
	struct fixture *f = *state;
	char extra[128], *s;

	snprintf(extra, sizeof(extra), "-q --ref %s", f->c2);
	assert_int_equal(build(f, extra, NULL, NULL), 0);
	s = site_file(f, "incidents/resolver-outage/index.html");
	assert_contains(s, "Resolver outage</h1>");
	assert_lacks(s, "revised");
	free(s);
	assert_null(site_file(f, "incidents/2023-01-10-cert-expired/index.html"));
}

static void
test_bare_clone_builds_the_same_site(void **state)
{
	struct fixture *f = *state;
	char bare_dir[600], cmd[2048], first[600];

	assert_int_equal(build(f, "-q", NULL, NULL), 0);
	snprintf(first, sizeof(first), "%s/first", f->dir);
	assert_int_equal(rename(f->out, first), 0);

	snprintf(bare_dir, sizeof(bare_dir), "%s/bare.git", f->dir);
	/* The git command rather than git_clone(): libgit2 1.5.1 leaks in
	 * git_remote_create (fixed upstream after 1.5), which ASan reports. */
	snprintf(cmd, sizeof(cmd), "git clone -q --bare '%s' '%s'", f->repo,
	    bare_dir);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	snprintf(cmd, sizeof(cmd), "%s build -q --repo '%s' --out '%s'",
	    tu_pmsite(), bare_dir, f->out);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	snprintf(cmd, sizeof(cmd), "diff -r '%s' '%s'", first, f->out);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	tu_rm_rf(first);
}

static void
test_worktree_shows_uncommitted_edit(void **state)
{
	struct fixture *f = *state;
	char *s;

	tu_write(f->repo, "content/2023-01-10-cert-expired.md",
	    "# Certificate expired (draft edit)\n\nStill writing.\n");
	assert_int_equal(build(f, "-q --worktree", NULL, NULL), 0);
	s = site_file(f, "incidents/2023-01-10-cert-expired/index.html");
	assert_contains(s, "draft edit");
	free(s);
	/* Without --worktree the committed text wins. */
	assert_int_equal(build(f, "-q", NULL, NULL), 0);
	s = site_file(f, "incidents/2023-01-10-cert-expired/index.html");
	assert_lacks(s, "draft edit");
	free(s);
	tu_write(f->repo, "content/2023-01-10-cert-expired.md", pm_cert);
}

/* The same commit gives the same bytes, whatever the number of threads. */
static void
test_deterministic(void **state)
{
	struct fixture *f = *state;
	char first[600], cmd[2048];

	assert_int_equal(build(f, "-q -j 1", NULL, NULL), 0);
	snprintf(first, sizeof(first), "%s/first", f->dir);
	snprintf(cmd, sizeof(cmd), "cp -R '%s' '%s'", f->out, first);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	assert_int_equal(build(f, "-q -j 4", NULL, NULL), 0);
	snprintf(cmd, sizeof(cmd), "diff -r '%s' '%s'", first, f->out);
	assert_int_equal(tu_run(cmd, NULL, NULL), 0);
	tu_rm_rf(first);
}

static void
test_broken_files_keep_the_old_site(void **state)
{
	struct fixture *f = *state;
	git_repository *repo;
	char id[41], *err, *before, *after;
	const char *bad[] = {
		"content/broken-one.md", "---\ntitle: [unclosed\n---\nx\n",
		"content/broken-two.md", "---\nfine: yes\n  bad: indent\n"
		    "---\ny\n",
		NULL
	};
	const char *undo[] = {
		"content/broken-one.md", NULL, "content/broken-two.md", NULL,
		NULL
	};

	assert_int_equal(build(f, "-q", NULL, NULL), 0);
	before = site_file(f, "index.html");
	assert_int_equal(git_repository_open(&repo, f->repo), 0);
	tu_commit(repo, "dave", 1710600000, bad, "broken", id);

	assert_int_equal(build(f, NULL, NULL, &err), 1);
	assert_contains(err, "content/broken-one.md:3:");
	assert_contains(err, "content/broken-two.md:3:");
	assert_contains(err, "2 files with errors");
	after = site_file(f, "index.html");
	assert_string_equal(before, after);
	free(err);
	free(before);
	free(after);
	tu_commit(repo, "dave", 1710700000, undo, "fix", id);
	git_repository_free(repo);
}

static void
test_duplicate_slug(void **state)
{
	struct fixture *f = *state;
	git_repository *repo;
	char id[41], *err;
	const char *dup[] = {
		"content/other/2024-03-05-orders-db-lock.md", "# Same slug\n", NULL
	};
	const char *undo[] = { "content/other/2024-03-05-orders-db-lock.md", NULL, NULL };

	assert_int_equal(git_repository_open(&repo, f->repo), 0);
	tu_commit(repo, "erin", 1710800000, dup, "dup", id);
	assert_int_equal(build(f, NULL, NULL, &err), 1);
	assert_contains(err, "slug '2024-03-05-orders-db-lock'");
	assert_contains(err, "content/2024-03-05-orders-db-lock.md");
	assert_contains(err, "content/other/2024-03-05-orders-db-lock.md");
	free(err);
	tu_commit(repo, "erin", 1710900000, undo, "undo", id);
	git_repository_free(repo);
}

static void
test_errors_and_usage(void **state)
{
	struct fixture *f = *state;
	char *out, *err, cmd[1024];

	assert_int_equal(build(f, "--ref no-such-ref", NULL, &err), 1);
	assert_contains(err, "no-such-ref");
	free(err);
	assert_int_equal(build(f, "--content nowhere", NULL, &err), 1);
	assert_contains(err, "nowhere");
	free(err);
	assert_int_equal(build(f, "--no-such-flag", NULL, &err), 2);
	free(err);
	snprintf(cmd, sizeof(cmd), "%s --version", tu_pmsite());
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_contains(out, "pmsite ");
	free(out);
	snprintf(cmd, sizeof(cmd), "%s --help", tu_pmsite());
	assert_int_equal(tu_run(cmd, &out, NULL), 0);
	assert_contains(out, "build");
	free(out);
	snprintf(cmd, sizeof(cmd), "%s frobnicate", tu_pmsite());
	assert_int_equal(tu_run(cmd, NULL, NULL), 2);
}

static void
test_foreign_output_needs_force(void **state)
{
	struct fixture *f = *state;
	char *err;

	tu_rm_rf(f->out);
	tu_write(f->out, "precious.txt", "mine\n");
	assert_int_equal(build(f, NULL, NULL, &err), 1);
	assert_contains(err, f->out);
	free(err);
	assert_true(tu_exists(f->out));
	assert_int_equal(build(f, "-q --force", NULL, NULL), 0);
	assert_null(site_file(f, "precious.txt"));
}

static void
test_theme_overrides_one_template(void **state)
{
	struct fixture *f = *state;
	git_repository *repo;
	char id[41], *s, *err;
	const char *theme[] = {
		"themes/plain/incident-card.mustache",
		"<li class=\"plain-card\">{{title}}</li>\n", NULL
	};

	assert_int_equal(git_repository_open(&repo, f->repo), 0);
	tu_commit(repo, "frank", 1711000000, theme, "theme", id);
	git_repository_free(repo);
	assert_int_equal(build(f, "-q --theme plain", NULL, NULL), 0);
	s = site_file(f, "index.html");
	/* The override is used, the rest comes from the default theme. */
	assert_contains(s, "<li class=\"plain-card\">Orders database locked "
	    "up</li>");
	assert_contains(s, "assets/style.css");
	free(s);
	assert_int_equal(build(f, "--theme missing", NULL, &err), 1);
	assert_contains(err, "theme 'missing' not found");
	free(err);
}

static void
test_base_url(void **state)
{
	struct fixture *f = *state;
	char *s, *err;

	assert_int_equal(build(f, "-q --base-url https://org.github.io/pm",
	    NULL, NULL), 0);
	s = site_file(f, "incidents/2024-03-05-orders-db-lock/index.html");
	assert_contains(s, "<link rel=\"canonical\" href=\"https://org.github"
	    ".io/pm/incidents/2024-03-05-orders-db-lock/\">");
	/* Links between pages stay relative. */
	assert_contains(s, "href=\"../../index.html\"");
	free(s);
	assert_int_equal(build(f, "--base-url 'javascript:alert(1)'", NULL,
	    &err), 1);
	assert_contains(err, "base_url must be an http(s) URL");
	free(err);
}

/* How many times needle occurs in hay. */
static int
count_of(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *p = hay; p && (p = strstr(p, needle)) != NULL;
	    p += strlen(needle))
		n++;
	return n;
}

static void
assert_before(const char *hay, const char *first, const char *second)
{
	const char *a, *b;

	assert_contains(hay, first);
	assert_contains(hay, second);
	a = strstr(hay, first);
	b = strstr(hay, second);
	if (a >= b)
		fail_msg("expected \"%s\" before \"%s\"", first, second);
}

/* A cause page for every primary category present, listing exactly the
 * incidents incidents.json gives that category. */
static void
test_cause_pages(void **state)
{
	struct fixture *f = *state;
	struct pm_arena *arena = pm_arena_new();
	struct pm_value *list = NULL;
	struct pm_error err;
	char *json, *index, *page, rel[512];
	size_t i, k;

	assert_int_equal(build(f, "-q", NULL, NULL), 0);
	json = site_file(f, "incidents.json");
	pm_error_clear(&err);
	assert_int_equal(pm_yaml_parse(&list, arena, json, strlen(json),
	    "incidents.json", 1, &err), 0);
	assert_int_equal(pm_value_len(list), 5);
	index = site_file(f, "causes/index.html");
	assert_contains(index, "<h1>Causes</h1>");
	for (i = 0; i < pm_value_len(list); i++) {
		const char *cat = pm_value_str(pm_value_map_get(
		    list->u.list.items[i], "category"));
		int want = 0;

		assert_non_null(cat);
		for (k = 0; k < pm_value_len(list); k++)
			want += strcmp(cat, pm_value_str(pm_value_map_get(
			    list->u.list.items[k], "category"))) == 0;
		snprintf(rel, sizeof(rel), "causes/%s/index.html", cat);
		page = site_file(f, rel);
		if (page == NULL)
			fail_msg("no page %s", rel);
		/* Each incident is one card on its cause's page. */
		assert_int_equal(count_of(page, "<li class=\"card\">"), want);
		snprintf(rel, sizeof(rel), "href=\"../../incidents/%s/"
		    "index.html\"", pm_value_str(pm_value_map_get(
		    list->u.list.items[i], "slug")));
		assert_contains(page, rel);
		snprintf(rel, sizeof(rel), "href=\"../causes/%s/index.html\"",
		    cat);
		assert_contains(index, rel);
		free(page);
	}
	page = site_file(f, "causes/database-connections/index.html");
	assert_contains(page, "<h1>Database connections</h1>");
	assert_contains(page, "<span class=\"count\">(2)</span>");
	assert_contains(page, "id=\"pm-chart-cause-database-connections-"
	    "title\"");
	assert_contains(page, "Mean time to detect");
	/* Newest first. */
	assert_before(page, ">Billing API pool exhausted again</a></h3>",
	    ">Billing API connection pool exhausted</a></h3>");
	free(page);
	/* Categories without incidents are listed, without a page. */
	assert_contains(index, "No incidents yet");
	assert_contains(index, "<strong>Security</strong>");
	assert_null(site_file(f, "causes/security/index.html"));
	free(index);
	free(json);
	pm_arena_free(arena);
}

/* The incident page: summary box, both timeline pictures, the repeat,
 * the recurrence badge and related incidents. */
static void
test_incident_page(void **state)
{
	struct fixture *f = *state;
	char *s, *json;

	assert_int_equal(build(f, "-q", NULL, NULL), 0);
	s = site_file(f, "incidents/2024-05-20-billing-pool-again/index.html");
	assert_contains(s, "<section class=\"summary-box\"");
	assert_contains(s, "20 May 2024, 10:00 \xe2\x80\x93 10:40 UTC");
	assert_contains(s, "40 min");
	assert_contains(s, "5%");
	assert_contains(s, "<a class=\"chip\" href=\"../../causes/"
	    "database-connections/index.html\">Database connections</a>");
	/* The summary box comes first, then the picture, then the text. */
	assert_before(s, "summary-box", "id=\"pm-tl-2024-05-20-billing-pool-"
	    "again-h");
	assert_before(s, "id=\"pm-tl-2024-05-20-billing-pool-again-h",
	    "id=\"pm-tl-2024-05-20-billing-pool-again-v");
	assert_before(s, "id=\"pm-tl-2024-05-20-billing-pool-again-v",
	    "<div class=\"body\">");
	assert_contains(s, "Repeat of an earlier incident");
	assert_contains(s, "<a href=\"../../incidents/2024-01-02-billing-pool/"
	    "index.html\">Billing API connection pool exhausted</a>");
	assert_contains(s, "2nd in 12 months");
	assert_contains(s, "Related incidents");
	assert_contains(s, "same cause");
	/* Text from the postmortem stays text. */
	assert_lacks(s, "<again>");
	free(s);
	s = site_file(f, "incidents/2024-01-02-billing-pool/index.html");
	assert_lacks(s, "Repeat of an earlier incident");
	assert_lacks(s, "in 12 months</");
	assert_contains(s, "2 January 2024, 07:50 \xe2\x80\x93 09:35 CET");
	free(s);
	json = site_file(f, "incidents.json");
	assert_contains(json, "\"repeat_of\": \"2024-01-02-billing-pool\"");
	assert_contains(json, "\"related\": [\n      "
	    "\"2024-01-02-billing-pool\"");
	free(json);
}

/* Home: figures, both charts, the latest incidents, the causes. */
static void
test_home_page(void **state)
{
	struct fixture *f = *state;
	char *s;

	assert_int_equal(build(f, "-q", NULL, NULL), 0);
	s = site_file(f, "index.html");
	assert_contains(s, "<dl class=\"figures\">");
	assert_contains(s, "<dt>Incidents</dt><dd>5</dd>");
	assert_contains(s, "Total downtime");
	assert_contains(s, "Mean time to detect");
	assert_contains(s, "Mean time to resolve");
	/* The newest incident is from 2024: it sets "this year". */
	assert_contains(s, "2024 against 2023");
	assert_contains(s, "id=\"pm-chart-incidents-title\"");
	assert_contains(s, "id=\"pm-chart-downtime-title\"");
	assert_int_equal(count_of(s, "<svg"), 2);
	assert_contains(s, "href=\"incidents/index.html\"");
	assert_contains(s, "href=\"causes/database-connections/index.html\"");
	free(s);
	s = site_file(f, "incidents/index.html");
	assert_int_equal(count_of(s, "<li class=\"card\">"), 5);
	assert_before(s, "id=\"year-2024\"", "id=\"year-2023\"");
	free(s);
	/* The nav links every section, from every depth. */
	s = site_file(f, "causes/database-connections/index.html");
	assert_contains(s, "href=\"../../misleading/index.html\"");
	assert_contains(s, "href=\"../../causes/index.html\" "
	    "aria-current=\"page\"");
	free(s);
}

static void
test_actions_page(void **state)
{
	struct fixture *f = *state;
	char *s;

	assert_int_equal(build(f, "-q", NULL, NULL), 0);
	s = site_file(f, "actions/index.html");
	/* orders-db-lock and billing-pool have one open item each. */
	assert_contains(s, "<strong>2</strong> open, <strong>3</strong> done");
	assert_before(s, "id=\"open-items\"", "id=\"done-items\"");
	assert_before(s, "Route invoice workers through PgBouncer",
	    "id=\"done-items\"");
	assert_before(s, "alert on lock waits", "id=\"done-items\"");
	assert_before(s, "id=\"done-items\"", "Cap the invoice workers");
	assert_before(s, "id=\"done-items\"", "Resize the pool");
	assert_int_equal(count_of(s, "<li class=\"action-open\">"), 2);
	assert_int_equal(count_of(s, "<li class=\"action-done\">"), 3);
	free(s);
}

static void
test_misleading_page(void **state)
{
	struct fixture *f = *state;
	char *s;

	assert_int_equal(build(f, "-q", NULL, NULL), 0);
	s = site_file(f, "misleading/index.html");
	assert_contains(s, "<h2 id=\"guess-ddos\">Suspected a DDoS or an "
	    "attack</h2>");
	assert_contains(s, "Suspected <strong>twice</strong>; it never "
	    "was.");
	assert_contains(s, "href=\"../incidents/2024-01-02-billing-pool/"
	    "index.html\"");
	assert_contains(s, "href=\"../incidents/2024-05-20-billing-pool-"
	    "again/index.html\"");
	assert_contains(s, "2 January 2024, 08:15");
	free(s);
}

/* Every inline <svg> of every page, and every .svg file, is well-formed
 * XML (xmllint). */
static char *svg_dir;
static int svg_checked;

static void
xmllint(const char *path)
{
	char cmd[2048], *err = NULL;

	snprintf(cmd, sizeof(cmd), "xmllint --noout '%s'", path);
	if (tu_run(cmd, NULL, &err) != 0)
		fail_msg("%s is not well-formed: %s", path, err);
	free(err);
	svg_checked++;
}

static int
visit_svg(const char *path, const struct stat *st, int flag,
    struct FTW *ftw)
{
	size_t n = strlen(path);
	char *html, *p, *end, name[64];

	(void)st;
	(void)ftw;
	if (flag != FTW_F)
		return 0;
	if (n > 4 && strcmp(path + n - 4, ".svg") == 0) {
		xmllint(path);
		return 0;
	}
	if (n < 5 || strcmp(path + n - 5, ".html") != 0)
		return 0;
	html = tu_read(path, NULL);
	for (p = html; (p = strstr(p, "<svg")) != NULL; p = end) {
		end = strstr(p, "</svg>");
		if (end == NULL)
			fail_msg("%s: <svg> without </svg>", path);
		end += 6;
		snprintf(name, sizeof(name), "%d.svg", svg_checked);
		*end = '\0';
		tu_write(svg_dir, name, p);
		*end = '\n';
		snprintf(name, sizeof(name), "%s/%d.svg", svg_dir,
		    svg_checked);
		xmllint(name);
	}
	free(html);
	return 0;
}

static void
test_svg_well_formed(void **state)
{
	struct fixture *f = *state;
	char dir[600];

	assert_int_equal(build(f, "-q", NULL, NULL), 0);
	snprintf(dir, sizeof(dir), "%s/svg", f->dir);
	svg_dir = dir;
	svg_checked = 0;
	nftw(f->out, visit_svg, 16, FTW_PHYS);
	/* 2 on the home page, 2 per timed incident, 1 per cause page,
	 * the icon. */
	assert_true(svg_checked >= 2 + 4 + 3 + 1);
	svg_dir = NULL;
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_build_writes_every_page),
		T(test_git_facts),
		T(test_older_ref),
		T(test_bare_clone_builds_the_same_site),
		T(test_worktree_shows_uncommitted_edit),
		T(test_deterministic),
		T(test_broken_files_keep_the_old_site),
		T(test_duplicate_slug),
		T(test_errors_and_usage),
		T(test_foreign_output_needs_force),
		T(test_theme_overrides_one_template),
		T(test_base_url),
		T(test_cause_pages),
		T(test_incident_page),
		T(test_home_page),
		T(test_actions_page),
		T(test_misleading_page),
		T(test_svg_well_formed),
	};

	return cmocka_run_group_tests_name("build", tests, NULL, NULL);
}
