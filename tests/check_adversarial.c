/*
 * check_adversarial.c: hostile postmortems through the real binary.  Each
 * case is a real git repository made here, built by `pmsite build` in a
 * child process under limits, and judged on what a reader and the machine
 * would suffer: the exit code and message, the time taken, no file
 * written outside the output folder, and no active content (script,
 * event handler, script URL) in any file of the site beyond what the
 * theme itself writes (tests/adversarial/harness.c).
 *
 * Cases are tests/adversarial/NAME.md (committed as content/NAME.md) with
 * NAME.expect beside it, one `key: value` per line:
 *   exit: 0|1|any          the exit status (any: 0 or 1, never a crash)
 *   stderr: TEXT           standard error holds TEXT (repeatable)
 *   absent: TEXT           no output file holds TEXT (repeatable)
 *   present: PATH: TEXT    the output file PATH holds TEXT (repeatable)
 *   path: REL              commit the document as REL instead
 *   config: LINE           a line of content/pmsite.yml (repeatable)
 * The cases no text file can hold well (symbolic links, submodules, names
 * that are not UTF-8, 50 MB, nesting 100,000 deep) are built below.
 *
 * Limits: the build must end within 2 s of wall time; the child runs with
 * RLIMIT_CPU of 2 s and RLIMIT_AS of 512 MiB.  Under a sanitizer build
 * (detected at compile time) times are multiplied by 5 and RLIMIT_AS is
 * not set, since ASan reserves terabytes of address space; PM_TIME_SCALE
 * sets the factor.  ADV_CASES=NAME,NAME runs only those cases.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz.h"
#include "testutil.h"

#include "adversarial/harness.c"
#include "fuzz/common.c"

#define ADV_MAX 16

struct adv_case {
	char name[128];
	struct adv_entry docs[8];	/* heap data, freed after the run */
	size_t ndocs;
	char *config;			/* pmsite.yml, or NULL */
	int exit_code;			/* -1: 0 or 1 */
	char *stderr_has[ADV_MAX], *absent[ADV_MAX + 1];
	char *present[ADV_MAX][2];
	size_t nstderr, nabsent, npresent;
	void (*build)(struct adv_case *c);	/* programmatic cases */
	/* The run, freed by the test's teardown even when it failed. */
	char *root, *before, *after;
	struct adv_run run;
};

static char *
adv_dup(const char *s, size_t len)
{
	char *d = malloc(len + 1);

	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

static void
adv_add_doc(struct adv_case *c, const char *path, char *data, size_t len,
    enum adv_kind kind)
{
	assert_true(c->ndocs < 8);
	c->docs[c->ndocs].path = strdup(path);
	c->docs[c->ndocs].data = data;
	c->docs[c->ndocs].len = len;
	c->docs[c->ndocs].kind = kind;
	c->ndocs++;
}

/* Read NAME.expect into c. */
static void
adv_parse_expect(struct adv_case *c, const char *text, char **doc_path)
{
	const char *p = text;
	size_t cfg_len = 0;

	c->exit_code = 0;
	while (*p) {
		size_t n = strcspn(p, "\n");
		char *line = adv_dup(p, n), *v = strchr(line, ':');

		p += n + (p[n] == '\n');
		if (v == NULL || line[0] == '#') {
			free(line);
			continue;
		}
		*v++ = '\0';
		if (*v == ' ')
			v++;
		if (strcmp(line, "exit") == 0) {
			c->exit_code = strcmp(v, "any") == 0 ? -1 : atoi(v);
		} else if (strcmp(line, "stderr") == 0 &&
		    c->nstderr < ADV_MAX) {
			c->stderr_has[c->nstderr++] = strdup(v);
		} else if (strcmp(line, "absent") == 0 &&
		    c->nabsent < ADV_MAX) {
			c->absent[c->nabsent++] = strdup(v);
		} else if (strcmp(line, "present") == 0 &&
		    c->npresent < ADV_MAX && strstr(v, ": ")) {
			char *t = strstr(v, ": ");

			c->present[c->npresent][0] = adv_dup(v,
			    (size_t)(t - v));
			c->present[c->npresent++][1] = strdup(t + 2);
		} else if (strcmp(line, "path") == 0) {
			free(*doc_path);
			*doc_path = strdup(v);
		} else if (strcmp(line, "config") == 0) {
			size_t k = strlen(v);

			c->config = realloc(c->config, cfg_len + k + 2);
			memcpy(c->config + cfg_len, v, k);
			cfg_len += k;
			c->config[cfg_len++] = '\n';
			c->config[cfg_len] = '\0';
		} else {
			fail_msg("%s.expect: unknown key '%s'", c->name, line);
		}
		free(line);
	}
}

static void
adv_load_file_case(struct adv_case *c)
{
	char path[1024], *doc_path = NULL, *expect, *md;
	size_t len = 0;

	snprintf(path, sizeof(path), "tests/adversarial/%s.expect", c->name);
	expect = tu_read(path, NULL);
	if (expect == NULL)
		fail_msg("%s: missing", path);
	adv_parse_expect(c, expect, &doc_path);
	free(expect);
	snprintf(path, sizeof(path), "tests/adversarial/%s.md", c->name);
	md = tu_read(path, &len);
	assert_non_null(md);
	snprintf(path, sizeof(path), "content/%s.md", c->name);
	adv_add_doc(c, doc_path ? doc_path : path, md, len, ADV_FILE);
	free(doc_path);
}

static void
adv_case_free(struct adv_case *c)
{
	size_t i;

	adv_run_free(&c->run);
	free(c->before);
	free(c->after);
	if (c->root) {
		tu_rm_rf(c->root);
		free(c->root);
	}

	for (i = 0; i < c->ndocs; i++) {
		free((char *)c->docs[i].path);
		free((char *)c->docs[i].data);
	}
	for (i = 0; i < c->nstderr; i++)
		free(c->stderr_has[i]);
	for (i = 0; i < c->nabsent; i++)
		free(c->absent[i]);
	for (i = 0; i < c->npresent; i++) {
		free(c->present[i][0]);
		free(c->present[i][1]);
	}
	free(c->config);
}

/* Run the build of the case's repository, under the limits. */
static void
adv_build_once(struct adv_case *c, const char *out)
{
	char repo_dir[600];
	const char *args[] = { "build", "--repo", repo_dir, "--out", out,
	    NULL };

	snprintf(repo_dir, sizeof(repo_dir), "%s/repo", c->root);
	adv_run_free(&c->run);
	free(c->before);
	free(c->after);
	c->before = adv_snapshot(c->root, "out");
	memset(&c->run, 0, sizeof(c->run));
	adv_run_pmsite(&c->run, args, NULL);
	c->after = adv_snapshot(c->root, "out");
}

/* Build the case's repository, run pmsite, judge the outcome. */
static void
adv_run_case(struct adv_case *c)
{
	char repo_dir[600], out[600], cache[700], id[41];
	struct adv_entry all[10];
	double limit = ADV_SECONDS * adv_time_scale();
	struct adv_run *r = &c->run;
	git_repository *repo;
	size_t n = 0, i, files;

	c->root = tu_tempdir();
	snprintf(repo_dir, sizeof(repo_dir), "%s/repo", c->root);
	snprintf(out, sizeof(out), "%s/out", c->root);
	snprintf(cache, sizeof(cache), "%s/.out.pmsite-cache", c->root);
	repo = adv_repo(repo_dir);
	for (i = 0; i < c->ndocs; i++)
		all[n++] = c->docs[i];
	if (c->config)
		all[n++] = (struct adv_entry){ "content/pmsite.yml",
		    c->config, strlen(c->config), ADV_FILE };
	adv_commit(repo, all, n, 1709650000, id);
	git_repository_free(repo);

	adv_build_once(c, out);
	if (r->seconds > limit && r->cpu < limit && r->status < 128) {
		/* Slow on the clock but not on the CPU: a busy machine.
		 * Try once more from scratch before calling it slow. */
		print_message("%s: %.2f s (cpu %.2f s), trying again\n",
		    c->name, r->seconds, r->cpu);
		tu_rm_rf(out);
		tu_rm_rf(cache);
		adv_build_once(c, out);
	}
	if (r->status != 0 && r->status != 1)
		fail_msg("%s: exit %d (a crash or a limit):\n%.3000s",
		    c->name, r->status, r->err);
	if (c->exit_code >= 0 && r->status != c->exit_code)
		fail_msg("%s: exit %d, expected %d:\n%.3000s", c->name,
		    r->status, c->exit_code, r->err);
	if (r->seconds > limit)
		fail_msg("%s: took %.2f s (cpu %.2f s), more than %.1f s",
		    c->name, r->seconds, r->cpu, limit);
	for (i = 0; i < c->nstderr; i++)
		if (strstr(r->err, c->stderr_has[i]) == NULL)
			fail_msg("%s: stderr lacks \"%s\":\n%.3000s",
			    c->name, c->stderr_has[i], r->err);
	if (r->status != 0 && strchr(r->err, '\n') == NULL)
		fail_msg("%s: exit %d without a message", c->name, r->status);
	/* Nothing outside out/ changed: no stray files, no staging
	 * folder left behind, the repository untouched. */
	adv_assert_same_tree(c->before, c->after, c->name);
	if (r->status == 0) {
		files = adv_check_site(out, (const char *const *)c->absent);
		assert_true(files > 0);
	} else {
		assert_false(tu_exists(out));
	}
	for (i = 0; i < c->npresent; i++) {
		char *p = adv_site_file(out, c->present[i][0], NULL);
		int ok = p && strstr(p, c->present[i][1]);

		free(p);
		if (!ok)
			fail_msg("%s: %s lacks \"%s\"", c->name,
			    c->present[i][0], c->present[i][1]);
	}
	print_message("%-32s exit %d  %.2f s (cpu %.2f s)\n", c->name,
	    r->status, r->seconds, r->cpu);
}

/* -------------------------------------------- cases built in code */

static char *
adv_repeat(const char *head, const char *unit, size_t times,
    const char *tail, size_t *len)
{
	size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
	char *s = malloc(hl + ul * times + tl + 1), *p = s;

	memcpy(p, head, hl);
	p += hl;
	for (size_t i = 0; i < times; i++, p += ul)
		memcpy(p, unit, ul);
	memcpy(p, tail, tl + 1);
	*len = (size_t)(p - s) + tl;
	return s;
}

static void
adv_present(struct adv_case *c, const char *path, const char *text)
{
	c->present[c->npresent][0] = strdup(path);
	c->present[c->npresent++][1] = strdup(text);
}

static void
adv_plain_doc(struct adv_case *c)
{
	static const char doc[] = "# A plain incident\n\nNothing odd.\n";

	adv_add_doc(c, "content/2024-01-01-plain.md", adv_dup(doc,
	    sizeof(doc) - 1), sizeof(doc) - 1, ADV_FILE);
}

static void
gen_symlink(struct adv_case *c)
{
	adv_plain_doc(c);
	adv_add_doc(c, "content/passwd.md", strdup("../../../../../../../../"
	    "etc/passwd"), 0, ADV_LINK);
	adv_add_doc(c, "content/etc", strdup("/etc"), 0, ADV_LINK);
	c->stderr_has[c->nstderr++] = strdup("skipping");
	c->absent[c->nabsent++] = strdup("root:x:0:0");
	adv_present(c, "incidents/2024-01-01-plain/index.html",
	    "A plain incident");
}

static void
gen_submodule(struct adv_case *c)
{
	adv_plain_doc(c);
	adv_add_doc(c, "content/vendored", strdup("1234567890123456789012345"
	    "678901234567890"), 0, ADV_GITLINK);
	adv_add_doc(c, "content/sub.md", strdup("0123456789012345678901234567"
	    "890123456789"), 0, ADV_GITLINK);
	c->stderr_has[c->nstderr++] = strdup("skipping");
	adv_present(c, "incidents/2024-01-01-plain/index.html",
	    "A plain incident");
}

static void
gen_non_utf8_name(struct adv_case *c)
{
	static const char doc[] = "# Latin-1 name\n\nBody.\n";

	adv_plain_doc(c);
	adv_add_doc(c, "content/caf\xe9-\xff\xfe.md", adv_dup(doc,
	    sizeof(doc) - 1), sizeof(doc) - 1, ADV_FILE);
	adv_add_doc(c, "content/ctl-\x1b[31m-\x01.md", adv_dup(doc,
	    sizeof(doc) - 1), sizeof(doc) - 1, ADV_FILE);
	c->stderr_has[c->nstderr++] = strdup("skipping");
	c->absent[c->nabsent++] = strdup("\x1b[31m");
}

static void
gen_dotdot_names(struct adv_case *c)
{
	static const char doc[] = "# Dots\n\nA name full of dots.\n";

	adv_add_doc(c, "content/..evil..md", adv_dup(doc, sizeof(doc) - 1),
	    sizeof(doc) - 1, ADV_FILE);
	adv_add_doc(c, "content/a/..b/..%2e%2e%2fx.md", adv_dup(doc,
	    sizeof(doc) - 1), sizeof(doc) - 1, ADV_FILE);
	adv_add_doc(c, "content/..\\..\\win.md", adv_dup(doc,
	    sizeof(doc) - 1), sizeof(doc) - 1, ADV_FILE);
	c->exit_code = 0;
}

static void
gen_big_file(struct adv_case *c)
{
	static const char para[] = "The orders database stalled at 10:00 "
	    "UTC when a migration took a lock; checkout failed for 40 "
	    "minutes and the on-call engineer rolled it back.\n\n";
	size_t len;
	char *s = adv_repeat("# Fifty megabytes\n\n", para,
	    (50u << 20) / (sizeof(para) - 1), "", &len);

	adv_add_doc(c, "content/2024-01-02-big.md", s, len, ADV_FILE);
	c->exit_code = -1;
}

static void
gen_long_line(struct adv_case *c)
{
	size_t len;
	char *s = adv_repeat("# One long line\n\n", "word ", (1u << 20) / 5,
	    "\n", &len);

	adv_add_doc(c, "content/2024-01-03-line.md", s, len, ADV_FILE);
	c->exit_code = -1;
}

static void
gen_deep_quote(struct adv_case *c)
{
	size_t len;
	char *s = adv_repeat("# Quotes\n\n", ">", 100000, " deep\n", &len);

	adv_add_doc(c, "content/2024-01-04-quotes.md", s, len, ADV_FILE);
	c->exit_code = 0;
	adv_present(c, "incidents/2024-01-04-quotes/index.html", "Quotes</h1>");
}

static void
gen_deep_list(struct adv_case *c)
{
	size_t len;
	char *s = adv_repeat("# Lists\n\n", "- ", 100000, "deep\n", &len);

	adv_add_doc(c, "content/2024-01-05-lists.md", s, len, ADV_FILE);
	c->exit_code = 0;
	adv_present(c, "incidents/2024-01-05-lists/index.html", "Lists</h1>");
}

static void
gen_deep_brackets(struct adv_case *c)
{
	size_t len;
	char *s = adv_repeat("# Brackets\n\n", "[", 100000, "x](y)\n", &len);

	adv_add_doc(c, "content/2024-01-06-brackets.md", s, len, ADV_FILE);
	c->exit_code = 0;
	adv_present(c, "incidents/2024-01-06-brackets/index.html",
	    "Brackets</h1>");
}

static void
gen_deep_yaml(struct adv_case *c)
{
	size_t len;
	char *s = adv_repeat("---\ntags: ", "[", 100000, "\n---\n# x\n", &len);

	adv_add_doc(c, "content/2024-01-07-yaml.md", s, len, ADV_FILE);
	c->exit_code = 1;
	c->stderr_has[c->nstderr++] = strdup("content/2024-01-07-yaml.md");
}

static void
gen_deep_yaml_maps(struct adv_case *c)
{
	size_t len;
	char *s = adv_repeat("---\nx: ", "{a: ", 100000, "\n---\n# x\n", &len);

	adv_add_doc(c, "content/2024-01-08-yaml.md", s, len, ADV_FILE);
	c->exit_code = 1;
	c->stderr_has[c->nstderr++] = strdup("content/2024-01-08-yaml.md");
}

static void
gen_timeline(struct adv_case *c)
{
	char *s = malloc(64 + 10000 * 64), *p = s;

	p += sprintf(p, "# Ten thousand steps\n\n## Timeline\n\n");
	for (int i = 0; i < 10000; i++)
		p += sprintf(p, "- %02d:%02d UTC step %d </text><script>"
		    "alert(1)</script>\n", i / 60 % 24, i % 60, i);
	adv_add_doc(c, "content/2024-01-09-timeline.md", s, (size_t)(p - s),
	    ADV_FILE);
	c->exit_code = 0;
	c->absent[c->nabsent++] = strdup("<script>alert");
	adv_present(c, "incidents/2024-01-09-timeline/index.html", "step 9999");
}

static void
gen_binary(struct adv_case *c)
{
	size_t len = 200000;
	char *s = malloc(len);
	unsigned x = 2463534242u;

	/* A PNG signature, then xorshift noise: what a mistaken `git add
	 * screenshot.png` renamed to .md looks like. */
	for (size_t i = 0; i < len; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		s[i] = (char)(x >> 24);
	}
	memcpy(s, "\x89PNG\r\n\x1a\n", 8);
	adv_add_doc(c, "content/2024-01-10-screenshot.md", s, len, ADV_FILE);
	c->exit_code = 0;
}

static void
gen_nul_bytes(struct adv_case *c)
{
	static const char doc[] = "---\ntitle: \"nul\\0inside\"\n---\n"
	    "# Title\0<script>alert(1)</script>\n\nBody \0 with \0 NULs "
	    "<img src=x onerror=alert(1)>\0\n";

	adv_add_doc(c, "content/2024-01-11-nul.md", adv_dup(doc,
	    sizeof(doc) - 1), sizeof(doc) - 1, ADV_FILE);
	c->exit_code = 0;
	c->absent[c->nabsent++] = strdup("<script>alert");
	c->absent[c->nabsent++] = strdup("<img src=x");
}

static const struct {
	const char *name;
	void (*build)(struct adv_case *c);
} adv_generated[] = {
	{ "gen-symlink-blob", gen_symlink },
	{ "gen-submodule", gen_submodule },
	{ "gen-non-utf8-name", gen_non_utf8_name },
	{ "gen-dotdot-names", gen_dotdot_names },
	{ "gen-50mb-file", gen_big_file },
	{ "gen-1mb-line", gen_long_line },
	{ "gen-quotes-100k-deep", gen_deep_quote },
	{ "gen-lists-100k-deep", gen_deep_list },
	{ "gen-brackets-100k-deep", gen_deep_brackets },
	{ "gen-yaml-100k-deep", gen_deep_yaml },
	{ "gen-yaml-maps-100k-deep", gen_deep_yaml_maps },
	{ "gen-timeline-10k", gen_timeline },
	{ "gen-binary-md", gen_binary },
	{ "gen-nul-bytes", gen_nul_bytes },
};

#define ADV_NGEN (sizeof(adv_generated) / sizeof(*adv_generated))

/*
 * The checks must bite: with unsafe_html (the writer trusts the content)
 * the same hostile markup reaches the page, and the harness sees it.
 */
static void
test_checks_catch_unsafe_html(void **state)
{
	static const char doc[] = "# Trusted\n\n<img src=x onerror=alert(1)>"
	    "\n\n[x](javascript:alert(1))\n";
	char *root = tu_tempdir(), repo_dir[600], out[600], id[41], *page;
	const char *args[] = { "build", "--repo", repo_dir, "--out", out,
	    "-q", NULL };
	const struct adv_entry files[] = {
		{ "content/trusted.md", doc, sizeof(doc) - 1, ADV_FILE },
		{ "content/pmsite.yml", "unsafe_html: true\n", 18, ADV_FILE },
	};
	struct adv_run r;
	git_repository *repo;
	size_t len = 0, at = 0;

	(void)state;
	snprintf(repo_dir, sizeof(repo_dir), "%s/repo", root);
	snprintf(out, sizeof(out), "%s/out", root);
	repo = adv_repo(repo_dir);
	adv_commit(repo, files, 2, 1709650000, id);
	git_repository_free(repo);
	memset(&r, 0, sizeof(r));
	adv_run_pmsite(&r, args, NULL);
	assert_int_equal(r.status, 0);
	page = adv_site_file(out, "incidents/trusted/index.html", &len);
	assert_non_null(page);
	assert_non_null(fz_html_problem(page, len, FZ_PAGE, &at));
	assert_non_null(strstr(page + at, "onerror"));
	free(page);
	adv_run_free(&r);
	tu_rm_rf(root);
	free(root);
}

/* ---------------------------------------------------------- driver */

static void
test_case(void **state)
{
	struct adv_case *c = *state;

	if (c->build)
		c->build(c);
	else
		adv_load_file_case(c);
	adv_run_case(c);
}

/* Frees the case and its folders whether the test passed or not. */
static int
case_teardown(void **state)
{
	adv_case_free(*state);
	return 0;
}

static int
adv_wanted(const char *name)
{
	const char *only = getenv("ADV_CASES");
	size_t n = strlen(name);

	if (only == NULL || *only == '\0')
		return 1;
	for (const char *p = only; *p; p += strcspn(p, ",") + (p[strcspn(p,
	    ",")] == ',')) {
		if (strncmp(p, name, n) == 0 && (p[n] == ',' || p[n] == '\0'))
			return 1;
	}
	return 0;
}

static int
by_case_name(const void *a, const void *b)
{
	return strcmp(((const struct adv_case *)a)->name,
	    ((const struct adv_case *)b)->name);
}

static int
group_setup(void **state)
{
	(void)state;
	git_libgit2_init();
	adv_baseline_build();
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	git_libgit2_shutdown();
	return 0;
}

int
main(void)
{
	struct adv_case *cases = calloc(256, sizeof(*cases));
	struct CMUnitTest *tests = calloc(256, sizeof(*tests));
	size_t n = 0, i;
	struct dirent *e;
	DIR *d = opendir("tests/adversarial");
	int rc;

	if (d == NULL) {
		fprintf(stderr, "check_adversarial: run from the source tree "
		    "(tests/adversarial not found)\n");
		return 1;
	}
	while ((e = readdir(d)) != NULL && n < 200) {
		size_t len = strlen(e->d_name);

		if (len < 8 || strcmp(e->d_name + len - 7, ".expect") != 0)
			continue;
		snprintf(cases[n].name, sizeof(cases[n].name), "%.*s",
		    (int)(len - 7), e->d_name);
		if (adv_wanted(cases[n].name))
			n++;
	}
	closedir(d);
	for (i = 0; i < ADV_NGEN; i++) {
		if (!adv_wanted(adv_generated[i].name))
			continue;
		snprintf(cases[n].name, sizeof(cases[n].name), "%s",
		    adv_generated[i].name);
		cases[n++].build = adv_generated[i].build;
	}
	qsort(cases, n, sizeof(*cases), by_case_name);
	for (i = 0; i < n; i++) {
		tests[i].name = cases[i].name;
		tests[i].test_func = test_case;
		tests[i].teardown_func = case_teardown;
		tests[i].initial_state = &cases[i];
	}
	if (adv_wanted("checks-catch-unsafe-html")) {
		tests[n].name = "checks-catch-unsafe-html";
		tests[n++].test_func = test_checks_catch_unsafe_html;
	}
	rc = _cmocka_run_group_tests("adversarial", tests, n, group_setup,
	    group_teardown);
	free(tests);
	free(cases);
	return rc;
}
