/*
 * check_fuzz_regress.c: replays every input of the fuzz targets without
 * libFuzzer: the seed corpora (tests/fuzz/corpus/TARGET/) and the inputs
 * that once found a bug (tests/fuzz/regress/TARGET/), through the same
 * entry functions the fuzzer calls, so each finding stays fixed under the
 * ordinary test build, ASan/UBSan and valgrind.
 *
 * The target files are included rather than linked: the Makefile builds a
 * test from one source file plus testutil.c.  Run from the source tree
 * (make check does); FUZZ_ROOT overrides where tests/fuzz is.
 */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fuzz/fuzz.h"
#include "testutil.h"

#include "fuzz/common.c"
#include "fuzz/fuzz_frontmatter.c"
#include "fuzz/fuzz_ingest.c"
#include "fuzz/fuzz_mustache.c"
#include "fuzz/fuzz_page.c"
#include "fuzz/fuzz_when.c"
#include "fuzz/fuzz_yaml.c"

struct target {
	const char *name;
	int (*fn)(const uint8_t *data, size_t size);
};

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * One input in a child process under alarm(), so that an input that
 * hangs (a finding too) fails its test instead of the whole run, and a
 * crash names its file.  FUZZ_REPLAY_SECONDS sets the limit (30).
 */
static int
replay_one(const struct target *t, const uint8_t *data, size_t len,
    const char *path)
{
	const char *env = getenv("FUZZ_REPLAY_SECONDS");
	unsigned secs = env && atoi(env) > 0 ? (unsigned)atoi(env) : 30;
	pid_t pid;
	int st;

	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		alarm(secs);
		exit(t->fn(data, len) != 0 ? 1 : 0);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return 0;
	if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM)
		print_error("%s: still running after %u s\n", path, secs);
	else if (WIFSIGNALED(st))
		print_error("%s: killed by signal %d\n", path, WTERMSIG(st));
	else
		print_error("%s: property failed (exit %d)\n", path,
		    WEXITSTATUS(st));
	return 1;
}

/* Feed every file of root/sub/name/ to fn; returns how many were read. */
static size_t
replay_dir(const struct target *t, const char *sub, int *failed)
{
	const char *root = getenv("FUZZ_ROOT");
	char dir[1024], path[2048];
	char **names = NULL;
	size_t n = 0, cap = 0, i;
	struct dirent *e;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/%s/%s", root && *root ? root :
	    "tests/fuzz", sub, t->name);
	if ((d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
			assert_non_null(names);
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (i = 0; i < n; i++) {
		size_t len = 0;
		char *data;
		uint8_t *exact;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		data = tu_read(path, &len);
		assert_non_null(data);
		/* An exact-size copy, as libFuzzer gives, so ASan sees any
		 * read past the end. */
		exact = malloc(len ? len : 1);
		assert_non_null(exact);
		memcpy(exact, data, len);
		if (replay_one(t, exact, len, path) != 0)
			(*failed)++;
		free(exact);
		free(data);
		free(names[i]);
	}
	free(names);
	return n;
}

static void
replay(void **state)
{
	const struct target *t = *state;
	int failed = 0;
	size_t n;

	n = replay_dir(t, "corpus", &failed);
	assert_true(n > 0);	/* every target has seeds */
	n += replay_dir(t, "regress", &failed);
	print_message("%s: %zu inputs\n", t->name, n);
	assert_int_equal(failed, 0);
}

/* The safety check itself must catch what it is there to catch. */
static void
test_html_check_catches(void **state)
{
	static const char *const bad[] = {
		"<script>alert(1)</script>",
		"<SCRIPT SRC=//x></SCRIPT>",
		"<img src=x onerror=alert(1)>",
		"<img src=\"x\"onerror=\"alert(1)\">",
		"<a href=\"javascript:alert(1)\">x</a>",
		"<a href=\" JaVaScRiPt:alert(1)\">x</a>",
		"<a href=\"java&#x09;script:alert(1)\">x</a>",
		"<a href=\"javascript&#58;alert(1)\">x</a>",
		"<a href=\"javascript&colon;alert(1)\">x</a>",
		"<a href=vbscript:msgbox>x</a>",
		"<a href=\"data:text/html;base64,PHNjcmlwdD4=\">x</a>",
		"<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
		"<iframe src=\"https://example.com\"></iframe>",
		"<svg><iframe src=x></iframe></svg>",
		"<p style=\"x\" onmouseover=\"alert(1)\">x</p>",
		"<object data=\"x.swf\"></object>",
		"<input type=\"text\" autofocus onfocus=alert(1)>",
		"<p title='x'><img src=x onerror=y></p>",
		"</script>",
		"<!--><img src=x onerror=alert(1)>-->",
		"<!---><img src=x onerror=alert(1)>-->",
		"<!-- x --!><img src=x onerror=alert(1)>-->",
	};
	static const char *const good[] = {
		"<p>plain &lt;script&gt; text</p>",
		"<a href=\"https://example.com/a?b=c&amp;d\">x</a>",
		"<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"\" />",
		"<!-- raw HTML omitted -->",
		"<ul>\n<li><input type=\"checkbox\" checked=\"\" disabled=\"\" "
		    "/> done</li>\n</ul>",
		"<h2 id=\"root-cause\">Root cause<a class=\"anchor\" "
		    "href=\"#root-cause\" aria-hidden=\"true\" tabindex=\"-1\">"
		    "#</a></h2>",
		"<p>a < b and c <3</p>",
		"<table>\n<thead>\n<tr>\n<th align=\"center\">x</th>\n</tr>\n"
		    "</thead>\n</table>",
	};
	size_t i, at;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (fz_html_problem(bad[i], strlen(bad[i]), FZ_BODY, &at) ==
		    NULL)
			fail_msg("not caught: %s", bad[i]);
	/* Pages allow the theme's script element, and count it instead;
	 * what content could add inside an allowed tag is still caught. */
	assert_non_null(fz_html_problem(bad[2], strlen(bad[2]), FZ_PAGE,
	    &at));
	assert_non_null(fz_html_problem(bad[5], strlen(bad[5]), FZ_PAGE,
	    &at));
	for (i = 0; i < sizeof(good) / sizeof(*good); i++) {
		const char *p = fz_html_problem(good[i], strlen(good[i]),
		    FZ_BODY, &at);

		if (p)
			fail_msg("%s at %zu: %s", p, at, good[i]);
	}
	/* A page's own tags are not a body's. */
	assert_non_null(fz_html_problem("<meta charset=\"utf-8\">", 22,
	    FZ_BODY, &at));
	assert_null(fz_html_problem("<meta charset=\"utf-8\">", 22, FZ_PAGE,
	    &at));
	assert_int_equal(fz_count_ci("<Script><SCRIPT", 15, "<script"), 2);
}

static const struct target targets[] = {
	{ "frontmatter", fuzz_frontmatter },
	{ "yaml", fuzz_yaml },
	{ "mustache", fuzz_mustache },
	{ "mustache_data", fuzz_mustache_data },
	{ "when", fuzz_when },
	{ "ingest", fuzz_ingest },
	{ "page", fuzz_page },
};

int
main(void)
{
	struct CMUnitTest tests[1 + sizeof(targets) / sizeof(*targets)];
	size_t i;
	int rc;

	if (fuzz_init() < 0)
		return 1;
	/* fuzz_page's baseline (the theme's own tags) is worked out on its
	 * first call: make that call here, before the children fork. */
	(void)fuzz_page((const uint8_t *)"", 0);
	memset(tests, 0, sizeof(tests));
	tests[0].name = "html_check_catches";
	tests[0].test_func = test_html_check_catches;
	for (i = 0; i < sizeof(targets) / sizeof(*targets); i++) {
		tests[i + 1].name = targets[i].name;
		tests[i + 1].test_func = replay;
		tests[i + 1].initial_state = (void *)&targets[i];
	}
	rc = _cmocka_run_group_tests("fuzz_regress", tests,
	    sizeof(tests) / sizeof(*tests), NULL, NULL);
	fuzz_fini();
	return rc;
}
