/*
 * check_commands.c: `pmsite inspect`, `pmsite check` and `pmsite new` end
 * to end: the real binary on real files and on git repositories made by
 * the test, and the golden cases of tests/regress/check (NAME.md gives
 * NAME.out, the standard output then the standard error of `pmsite check
 * NAME.md`; REBUILD=1 rewrites them and prints what changed).
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
#include <unistd.h>

#include "arena.h"
#include "check.h"
#include "value.h"
#include "yamltree.h"

#include "testutil.h"

#define REGRESS_DIR "tests/regress/check"

/* The incident record of DESIGN.md, field by field, in order. */
static const char *const record_fields[] = {
	"slug", "path", "title", "summary", "start", "end", "timezone",
	"duration_minutes", "impact_percent", "impact", "severity",
	"services", "root_cause", "category", "categories", "tags",
	"timeline", "time_to_detect_minutes", "time_to_resolve_minutes",
	"action_items", "sections", "word_count", "reading_minutes", "git",
	"related", "repeat_of", NULL
};

static const char pm_front[] =
    "---\n"
    "title: Orders database locked up\n"
    "severity: SEV2\n"
    "services: [orders, checkout]\n"
    "category: database-locking\n"
    "impact_percent: 30\n"
    "---\n"
    "# Ignored heading\n\n"
    "## Issue Summary\n\n"
    "Orders stalled from 10:00 to 10:40 UTC on 5 March 2024.\n\n"
    "## Timeline\n\n"
    "- 10:00 UTC - alert on lock waits\n"
    "- 10:40 UTC - resolved by killing the migration\n";

static const char pm_plain[] =
    "# Resolver outage\n\n"
    "Internal names stopped resolving for an hour.\n";

/* A postmortem with several problems and a known first warning. */
static const char pm_flawed[] =
    "# Cache flush\n\n"
    "## Issue Summary\n\n"
    "Duration: 2 hours. From 10:00 to 10:30 UTC on 5 March 2024 pages "
    "were slow.\n\n"
    "## Timeline\n\n"
    "- 10:00 UTC - Alice deleted the cache keys\n"
    "- 10:30 UTC - resolved\n";

/* ---------------------------------------------------------------- helpers */

struct dir {
	char *path;
};

static int
setup_dir(void **state)
{
	struct dir *d = calloc(1, sizeof(*d));

	git_libgit2_init();
	d->path = tu_tempdir();
	*state = d;
	return 0;
}

static int
teardown_dir(void **state)
{
	struct dir *d = *state;

	tu_rm_rf(d->path);
	free(d->path);
	free(d);
	git_libgit2_shutdown();
	return 0;
}

static void
assert_contains(const char *hay, const char *needle)
{
	if (hay == NULL || strstr(hay, needle) == NULL)
		fail_msg("expected to find \"%s\" in:\n%.3000s", needle,
		    hay ? hay : "(null)");
}

/* Run `cd DIR && [env] pmsite ARGS`; returns the exit status. */
static int
run_in(const char *dir, const char *env, const char *args, char **out,
    char **err)
{
	char cmd[4096];

	snprintf(cmd, sizeof(cmd), "cd '%s' && %s '%s' %s", dir,
	    env ? env : "", tu_pmsite(), args);
	return tu_run(cmd, out, err);
}

/* The JSON array inspect printed, parsed back. */
static struct pm_value *
parse_json(struct pm_arena *arena, const char *json)
{
	struct pm_value *v = NULL;
	struct pm_error err;

	pm_error_clear(&err);
	if (pm_yaml_parse(&v, arena, json, strlen(json), "stdout", 1,
	    &err) < 0)
		fail_msg("inspect output does not parse: %s\n%s", err.message,
		    json);
	assert_true(pm_value_is(v, PM_VALUE_LIST));
	return v;
}

static void
assert_record_fields(const struct pm_value *rec)
{
	size_t i;

	assert_true(pm_value_is(rec, PM_VALUE_MAP));
	for (i = 0; record_fields[i]; i++) {
		if (i >= rec->u.map.len)
			fail_msg("record has %zu fields, missing \"%s\"",
			    rec->u.map.len, record_fields[i]);
		assert_string_equal(rec->u.map.entries[i].key,
		    record_fields[i]);
	}
	assert_int_equal(rec->u.map.len, i);
}

static const char *
str_at(const struct pm_value *v, const char *path)
{
	return pm_value_str(pm_value_get_path(v, path));
}

/* Do two value trees hold the same data, map keys in the same order? */
static int
values_equal(const struct pm_value *a, const struct pm_value *b)
{
	size_t i;

	if (a->type != b->type)
		return 0;
	switch (a->type) {
	case PM_VALUE_NULL:
		return 1;
	case PM_VALUE_BOOL:
		return a->u.boolean == b->u.boolean;
	case PM_VALUE_NUMBER:
		return a->u.number == b->u.number;
	case PM_VALUE_STRING:
		return a->u.string.len == b->u.string.len &&
		    memcmp(a->u.string.ptr, b->u.string.ptr,
		    a->u.string.len) == 0;
	case PM_VALUE_LIST:
		if (a->u.list.len != b->u.list.len)
			return 0;
		for (i = 0; i < a->u.list.len; i++)
			if (!values_equal(a->u.list.items[i],
			    b->u.list.items[i]))
				return 0;
		return 1;
	case PM_VALUE_MAP:
		if (a->u.map.len != b->u.map.len)
			return 0;
		for (i = 0; i < a->u.map.len; i++)
			if (strcmp(a->u.map.entries[i].key,
			    b->u.map.entries[i].key) != 0 ||
			    !values_equal(a->u.map.entries[i].value,
			    b->u.map.entries[i].value))
				return 0;
		return 1;
	}
	return 0;
}

/* ---------------------------------------------------------------- inspect */

static void
test_inspect_files(void **state)
{
	struct dir *d = *state;
	struct pm_arena *arena = pm_arena_new();
	struct pm_value *list, *a, *b;
	char *out, *err;

	tu_write(d->path, "a.md", pm_front);
	tu_write(d->path, "notes/b.md", pm_plain);
	assert_int_equal(run_in(d->path, NULL, "inspect a.md notes/b.md",
	    &out, &err), 0);
	assert_string_equal(err, "");
	/* pretty-printed with two spaces, as incidents.json is read */
	assert_int_equal(strncmp(out, "[\n  {\n    \"slug\": ", 18), 0);
	list = parse_json(arena, out);
	assert_int_equal(pm_value_len(list), 2);
	a = list->u.list.items[0];
	b = list->u.list.items[1];
	assert_record_fields(a);
	assert_record_fields(b);
	/* argument order; front matter wins; files on disk have no git */
	assert_string_equal(str_at(a, "path"), "a.md");
	assert_string_equal(str_at(a, "title"), "Orders database locked up");
	assert_string_equal(str_at(a, "severity"), "SEV2");
	assert_string_equal(str_at(a, "category"), "database-locking");
	assert_string_equal(pm_value_str(pm_value_get_path(a, "services")->
	    u.list.items[1]), "checkout");
	assert_true(pm_value_get_path(a, "impact_percent")->u.number == 30);
	assert_true(pm_value_get_path(a, "duration_minutes")->u.number == 40);
	assert_string_equal(str_at(a, "start"), "2024-03-05T10:00:00+00:00");
	assert_true(pm_value_is(pm_value_get_path(a, "git.created"),
	    PM_VALUE_NULL));
	assert_true(pm_value_is(pm_value_get_path(a, "git.commit"),
	    PM_VALUE_NULL));
	assert_int_equal(pm_value_len(pm_value_get_path(a, "git.authors")),
	    0);
	assert_string_equal(str_at(b, "path"), "notes/b.md");
	assert_string_equal(str_at(b, "title"), "Resolver outage");
	free(out);
	free(err);
	pm_arena_free(arena);
}

/* A folder stands for the Markdown files under it, in name order; hidden
 * folders and other files are left out. */
static void
test_inspect_folder(void **state)
{
	struct dir *d = *state;
	struct pm_arena *arena = pm_arena_new();
	struct pm_value *list;
	char *out, *err;

	tu_write(d->path, "pm/b.md", pm_plain);
	tu_write(d->path, "pm/2024/a.md", pm_front);
	tu_write(d->path, "pm/.drafts/c.md", pm_plain);
	tu_write(d->path, "pm/notes.txt", "not a postmortem\n");
	assert_int_equal(run_in(d->path, NULL, "inspect pm/", &out, &err),
	    0);
	assert_string_equal(err, "");
	list = parse_json(arena, out);
	assert_int_equal(pm_value_len(list), 2);
	assert_string_equal(str_at(list->u.list.items[0], "path"),
	    "pm/2024/a.md");
	assert_string_equal(str_at(list->u.list.items[1], "path"),
	    "pm/b.md");
	free(out);
	free(err);
	/* check reads a folder the same way */
	assert_int_equal(run_in(d->path, NULL, "check pm", &out, &err), 0);
	assert_non_null(strstr(out, "pmsite check: 2 files"));
	free(out);
	free(err);
	pm_arena_free(arena);
}

/* --config: the taxonomy of a pmsite.yml applies to files on disk. */
static void
test_inspect_config(void **state)
{
	struct dir *d = *state;
	char *out, *err;

	tu_write(d->path, "pm.yml", "taxonomy:\n  - id: cache-stampede\n"
	    "    name: Cache stampede\n    keywords: [stampede]\n");
	tu_write(d->path, "st.md", "# Product pages slow\n\n## Root Cause"
	    "\n\nA cache stampede: every request rebuilt the same page at "
	    "once.\n");
	assert_int_equal(run_in(d->path, NULL, "inspect st.md", &out, &err),
	    0);
	assert_contains(out, "\"category\": \"other\"");
	free(out);
	free(err);
	assert_int_equal(run_in(d->path, NULL, "inspect --config pm.yml st.md",
	    &out, &err), 0);
	assert_contains(out, "\"category\": \"cache-stampede\"");
	free(out);
	free(err);
	/* check reads it too: the category is known, not warned about */
	tu_write(d->path, "fm.md", "---\ncategory: cache-stampede\n---\n"
	    "Pages were slow.\n");
	assert_int_equal(run_in(d->path, NULL, "check fm.md", &out, &err), 0);
	assert_contains(out, "fm.md: warning: category 'cache-stampede' is "
	    "not a root cause of the taxonomy");
	free(out);
	free(err);
	assert_int_equal(run_in(d->path, NULL, "check --config pm.yml fm.md",
	    &out, &err), 0);
	assert_true(strstr(out, "not a root cause") == NULL);
	free(out);
	free(err);
	assert_int_equal(run_in(d->path, NULL, "inspect --config nope.yml "
	    "st.md", &out, &err), 1);
	assert_contains(err, "pmsite: nope.yml: open: no such file");
	assert_string_equal(out, "");
	free(out);
	free(err);
}

static void
test_inspect_broken_files(void **state)
{
	struct dir *d = *state;
	char *out, *err;

	tu_write(d->path, "good.md", pm_plain);
	tu_write(d->path, "bad.md", "---\ntitle: [unclosed\n---\nbody\n");
	assert_int_equal(run_in(d->path, NULL,
	    "inspect good.md missing.md bad.md", &out, &err), 1);
	/* nothing half printed; every broken file named */
	assert_string_equal(out, "");
	assert_contains(err, "pmsite: missing.md: open: no such file");
	assert_contains(err, "pmsite: bad.md:3:1: yaml:");
	assert_contains(err, "2 files with errors");
	free(out);
	free(err);
}

static void
test_inspect_repo(void **state)
{
	struct dir *d = *state;
	struct pm_arena *arena = pm_arena_new();
	git_repository *repo;
	struct pm_value *list, *rec;
	char c1[41], c2[41], args[1024], *out, *err;
	const char *first[] = {
		"content/2024-03-05-orders.md", pm_front,
		"content/pmsite.yml", "title: Postmortems\n", NULL
	};
	const char *second[] = {
		"content/2024-03-05-orders.md", "---\ntitle: Orders database "
		    "locked up, revised\n---\nOrders stalled.\n",
		"content/dns/resolver.md", pm_plain, NULL
	};

	repo = tu_repo_init(d->path);
	tu_commit(repo, "alice", 1709650000, first, "first", c1);
	tu_commit(repo, "bob", 1710000000, second, "second", c2);
	git_repository_free(repo);

	snprintf(args, sizeof(args), "inspect --repo '%s' "
	    "content/2024-03-05-orders.md", d->path);
	assert_int_equal(run_in("/", NULL, args, &out, &err), 0);
	list = parse_json(arena, out);
	assert_int_equal(pm_value_len(list), 1);
	rec = list->u.list.items[0];
	assert_record_fields(rec);
	assert_string_equal(str_at(rec, "title"),
	    "Orders database locked up, revised");
	assert_string_equal(str_at(rec, "git.created"),
	    "2024-03-05T14:46:40+00:00");
	assert_string_equal(str_at(rec, "git.updated"),
	    "2024-03-09T16:00:00+00:00");
	assert_string_equal(str_at(rec, "git.commit"), c2);
	assert_int_equal(pm_value_len(pm_value_get_path(rec, "git.authors")),
	    2);
	assert_string_equal(pm_value_str(pm_value_get_path(rec,
	    "git.authors")->u.list.items[1]), "bob");
	free(out);
	free(err);

	/* an older ref, and a path under the content path */
	snprintf(args, sizeof(args), "inspect --repo '%s' --ref %s "
	    "2024-03-05-orders.md", d->path, c1);
	assert_int_equal(run_in("/", NULL, args, &out, &err), 0);
	list = parse_json(arena, out);
	rec = list->u.list.items[0];
	assert_string_equal(str_at(rec, "title"), "Orders database locked up");
	assert_string_equal(str_at(rec, "git.commit"), c1);
	free(out);
	free(err);

	/* the whole content path, in the order of incidents.json */
	snprintf(args, sizeof(args), "inspect --repo '%s' --content content",
	    d->path);
	assert_int_equal(run_in("/", NULL, args, &out, &err), 0);
	list = parse_json(arena, out);
	assert_int_equal(pm_value_len(list), 2);
	assert_string_equal(str_at(list->u.list.items[0], "path"),
	    "content/dns/resolver.md");

	/* the very records the site publishes */
	{
		struct pm_value *site;
		char path[1024], env[1200], cwd[1024], *json;

		/* the default theme of this tree, wherever the binary is */
		assert_non_null(getcwd(cwd, sizeof(cwd)));
		snprintf(env, sizeof(env), "PMSITE_THEME_PATH='%s/themes'",
		    cwd);
		snprintf(args, sizeof(args), "build --repo '%s' --out "
		    "'%s/site' -q", d->path, d->path);
		assert_int_equal(run_in("/", env, args, NULL, NULL), 0);
		snprintf(path, sizeof(path), "%s/site/incidents.json",
		    d->path);
		json = tu_read(path, NULL);
		assert_non_null(json);
		site = parse_json(arena, json);
		assert_true(values_equal(site, list));
		free(json);
	}
	free(out);
	free(err);

	/* a path that is no postmortem */
	snprintf(args, sizeof(args), "inspect --repo '%s' content/nope.md",
	    d->path);
	assert_int_equal(run_in("/", NULL, args, &out, &err), 1);
	assert_string_equal(out, "");
	assert_contains(err, "pmsite: content/nope.md: no postmortem at this "
	    "path under content/ at HEAD");
	free(out);
	free(err);
	pm_arena_free(arena);
}

static void
test_inspect_usage(void **state)
{
	struct dir *d = *state;
	char *out, *err;

	assert_int_equal(run_in(d->path, NULL, "inspect", &out, &err), 2);
	assert_contains(err, "no file given");
	free(out);
	free(err);
	assert_int_equal(run_in(d->path, NULL, "inspect --repo . --config "
	    "x.yml", &out, &err), 2);
	free(out);
	free(err);
	assert_int_equal(run_in(d->path, NULL, "inspect --bogus a.md", &out,
	    &err), 2);
	assert_contains(err, "usage: pmsite inspect");
	free(out);
	free(err);
}

/* ------------------------------------------------------------------ check */

static void
test_check_exit_codes(void **state)
{
	struct dir *d = *state;
	char *out, *err, *good = tu_read(REGRESS_DIR "/complete.md", NULL);

	assert_non_null(good);
	tu_write(d->path, "flawed.md", pm_flawed);
	tu_write(d->path, "good.md", good);

	assert_int_equal(run_in(d->path, NULL, "check flawed.md", &out, &err),
	    0);
	assert_string_equal(err, "");
	assert_contains(out, "flawed.md:5: warning: the stated duration (2 h) "
	    "disagrees with the start and end (30 min) [duration-matches]\n");
	assert_contains(out, "flawed.md:9: warning: \"Alice deleted\" names a "
	    "person as the cause");
	assert_contains(out, "\npmsite check: 1 file, ");
	free(out);
	free(err);
	assert_int_equal(run_in(d->path, NULL, "check --strict flawed.md",
	    &out, &err), 1);
	free(out);
	free(err);

	/* a complete postmortem: nothing to say, even with --strict */
	assert_int_equal(run_in(d->path, NULL, "check --strict good.md", &out,
	    &err), 0);
	assert_string_equal(out, "pmsite check: 1 file, 0 warnings\n");
	assert_string_equal(err, "");
	free(out);
	free(err);

	/* files in path order, per-file counts with -v */
	assert_int_equal(run_in(d->path, NULL, "check -v good.md flawed.md",
	    &out, &err), 0);
	assert_int_equal(strncmp(out, "flawed.md:", 10), 0);
	assert_contains(out, "pmsite check: good.md: 0 warnings\n");
	assert_contains(out, "pmsite check: 2 files, ");
	free(out);
	free(err);

	/* an unreadable file is an error, the others are still checked */
	assert_int_equal(run_in(d->path, NULL, "check good.md gone.md", &out,
	    &err), 1);
	assert_contains(err, "pmsite: gone.md: open: no such file");
	assert_string_equal(out, "pmsite check: 2 files, 0 warnings, 1 with "
	    "errors\n");
	free(out);
	free(err);
	free(good);
}

static void
test_check_repo(void **state)
{
	struct dir *d = *state;
	git_repository *repo;
	char c1[41], args[1024], *out, *err;
	const char *files[] = {
		"content/2024-03-05-flawed.md", pm_flawed,
		"content/pmsite.yml", "title: Postmortems\n", NULL
	};

	repo = tu_repo_init(d->path);
	tu_commit(repo, "alice", 1709650000, files, "first", c1);
	git_repository_free(repo);
	/* an uncommitted fix: the committed file is what is checked */
	tu_write(d->path, "content/2024-03-05-flawed.md", pm_plain);

	snprintf(args, sizeof(args), "check --repo '%s'", d->path);
	assert_int_equal(run_in("/", NULL, args, &out, &err), 0);
	assert_contains(out, "content/2024-03-05-flawed.md:9: warning: "
	    "\"Alice deleted\"");
	free(out);
	free(err);
	snprintf(args, sizeof(args), "check --repo '%s' --worktree", d->path);
	assert_int_equal(run_in("/", NULL, args, &out, &err), 0);
	assert_true(strstr(out, "Alice deleted") == NULL);
	assert_contains(out, "content/2024-03-05-flawed.md:1: warning: no "
	    "\"Issue Summary\" section");
	free(out);
	free(err);
	/* from inside the repository, without --repo */
	assert_int_equal(run_in(d->path, NULL, "check --strict", &out, &err),
	    1);
	assert_contains(out, "pmsite check: 1 file, ");
	free(out);
	free(err);
}

static void
test_check_usage(void **state)
{
	struct dir *d = *state;
	char *out, *err;

	assert_int_equal(run_in(d->path, NULL, "check --repo . a.md", &out,
	    &err), 2);
	assert_contains(err, "usage: pmsite check");
	free(out);
	free(err);
	assert_int_equal(run_in(d->path, NULL, "check --nope", &out, &err), 2);
	free(out);
	free(err);
	assert_int_equal(run_in(d->path, NULL, "check --config x.yml", &out,
	    &err), 2);
	free(out);
	free(err);
}

/* -------------------------------------------------------------------- new */

static void
test_new(void **state)
{
	struct dir *d = *state;
	git_repository *repo;
	char c1[41], path[1200], want[1024], *out, *err, *text, *again;
	const char *files[] = { "README.md", "postmortems\n", NULL };

	repo = tu_repo_init(d->path);
	tu_commit(repo, "alice", 1709650000, files, "first", c1);
	git_repository_free(repo);

	/* from a folder inside the repository: content/ at its root */
	tu_write(d->path, "docs/keep", "");
	snprintf(path, sizeof(path), "%s/docs", d->path);
	assert_int_equal(run_in(path, "SOURCE_DATE_EPOCH=1718150400",
	    "new 'Search: empty \"results\" page'", &out, &err), 0);
	snprintf(want, sizeof(want), "%s/content/2024-06-12-search-empty-"
	    "results-page.md\n", d->path);
	assert_string_equal(out, want);
	assert_string_equal(err, "");
	want[strlen(want) - 1] = '\0';
	text = tu_read(want, NULL);
	assert_non_null(text);
	assert_contains(text, "title: \"Search: empty \\\"results\\\" "
	    "page\"\ndate: 2024-06-12\n");
	assert_contains(text, "\n# Search: empty \"results\" page\n");
	assert_contains(text, "\n## Issue Summary\n");
	assert_contains(text, "\n- [ ] [fill in:");
	free(out);
	free(err);

	/* never overwrites */
	assert_int_equal(run_in(path, "SOURCE_DATE_EPOCH=1718150400",
	    "new 'Search: empty \"results\" page'", &out, &err), 1);
	assert_contains(err, "already exists");
	again = tu_read(want, NULL);
	assert_string_equal(again, text);
	free(again);
	free(out);
	free(err);

	/* the title reads back through the front matter */
	snprintf(path, sizeof(path), "inspect '%s'", want);
	assert_int_equal(run_in(d->path, NULL, path, &out, &err), 0);
	assert_contains(out, "\"title\": \"Search: empty \\\"results\\\" "
	    "page\"");
	free(out);
	free(err);
	free(text);
}

/*
 * The template passes check but for what is left to fill in: every
 * warning is a placeholder or a missing value (no section is missing, no
 * blame, nothing inconsistent), and the placeholders in the fields the
 * extractor reads are each reported.
 */
static void
test_new_template_checks(void **state)
{
	struct dir *d = *state;
	char *out, *err, *p;
	int placeholders = 0;

	assert_int_equal(run_in(d->path, "SOURCE_DATE_EPOCH=0",
	    "new --repo . --content pm 'Disk full'", &out, &err), 0);
	assert_contains(out, "/pm/1970-01-01-disk-full.md\n");
	free(out);
	free(err);
	assert_int_equal(run_in(d->path, NULL, "check "
	    "pm/1970-01-01-disk-full.md", &out, &err), 0);
	for (p = out; (p = strstr(p, " [")) != NULL; p++) {
		char name[64];
		const struct pm_check_rule *r;

		if (sscanf(p, " [%63[a-z-]]", name) != 1)
			continue;
		r = pm_check_rule_find(name);
		if (r == NULL)
			continue;
		if (r->kind != PM_CHECK_MISSING &&
		    r->kind != PM_CHECK_PLACEHOLDER)
			fail_msg("template: unexpected [%s]:\n%s", name, out);
		placeholders += r->kind == PM_CHECK_PLACEHOLDER;
	}
	assert_int_equal(placeholders, 8);
	assert_contains(out, "[duration]");
	assert_contains(out, "[timeline-entries]");
	assert_contains(out, "pmsite check: 1 file, 14 warnings\n");
	free(out);
	free(err);
}

static void
test_new_usage(void **state)
{
	struct dir *d = *state;
	char *out, *err;

	assert_int_equal(run_in(d->path, NULL, "new", &out, &err), 2);
	assert_contains(err, "no title given");
	free(out);
	free(err);
	assert_int_equal(run_in(d->path, NULL, "new a b", &out, &err), 2);
	free(out);
	free(err);
	assert_int_equal(run_in(d->path, NULL, "new '  '", &out, &err), 2);
	free(out);
	free(err);
	assert_int_equal(run_in(d->path, "SOURCE_DATE_EPOCH=soon",
	    "new --content . Outage", &out, &err), 1);
	assert_contains(err, "SOURCE_DATE_EPOCH: not a number of seconds");
	free(out);
	free(err);
}

/* ---------------------------------------------------------------- regress */

static int
is_case(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 3 && strcmp(e->d_name + n - 3, ".md") == 0;
}

static void
test_regress(void **state)
{
	struct dirent **names = NULL;
	int n, i, failed = 0, rebuild = getenv("REBUILD") != NULL;

	(void)state;
	n = scandir(REGRESS_DIR, &names, is_case, alphasort);
	if (n < 1)
		fail_msg("no cases in %s (run from the top of the tree)",
		    REGRESS_DIR);
	for (i = 0; i < n; i++) {
		char args[512], want_path[512], *out, *err, *got, *want;

		snprintf(args, sizeof(args), "check '%s'", names[i]->d_name);
		run_in(REGRESS_DIR, NULL, args, &out, &err);
		got = malloc(strlen(out) + strlen(err) + 1);
		sprintf(got, "%s%s", out, err);
		snprintf(want_path, sizeof(want_path), "%s/%.*s.out",
		    REGRESS_DIR, (int)strlen(names[i]->d_name) - 3,
		    names[i]->d_name);
		want = tu_read(want_path, NULL);
		if (rebuild && (want == NULL || strcmp(want, got) != 0)) {
			FILE *f = fopen(want_path, "wb");

			assert_non_null(f);
			fputs(got, f);
			fclose(f);
			printf("rebuilt %s\n--- before\n%s+++ after\n%s",
			    want_path, want ? want : "", got);
		} else if (!rebuild && (want == NULL ||
		    strcmp(want, got) != 0)) {
			printf("FAIL %s\n--- expected\n%s+++ got\n%s",
			    names[i]->d_name, want ? want : "(no .out)\n",
			    got);
			failed++;
		}
		free(want);
		free(got);
		free(out);
		free(err);
		free(names[i]);
	}
	free(names);
	assert_int_equal(failed, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_inspect_files,
		    setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_inspect_folder,
		    setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_inspect_config,
		    setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_inspect_broken_files,
		    setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_inspect_repo,
		    setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_inspect_usage,
		    setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_check_exit_codes,
		    setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_check_repo,
		    setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_check_usage,
		    setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_new,
		    setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_new_template_checks,
		    setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_new_usage,
		    setup_dir, teardown_dir),
		cmocka_unit_test(test_regress),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
