/*
 * check_source.c: the source module against real repositories that each
 * test builds through libgit2 in a temporary folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "gitfacts.h"
#include "source.h"
#include "testutil.h"

/* Times with their offsets, and how ISO 8601 writes them. */
#define T1 1709629200
#define T2 1709906400
#define T3 1710493200
#define T4 1711357200
#define T5 1712221200
#define ISO1 "2024-03-05T10:00:00+01:00"	/* T1, +60 */
#define ISO2 "2024-03-08T09:00:00-05:00"	/* T2, -300 */
#define ISO3 "2024-03-15T09:00:00+00:00"	/* T3, 0 */
#define ISO4 "2024-03-25T14:30:00+05:30"	/* T4, +330 */
#define ISO5 "2024-04-04T10:00:00+01:00"	/* T5, +60 */

#define GITLINK "0123456789abcdef0123456789abcdef01234567"

#define FILE_(p, d) TU_FILE(p, d)
#define DELETE(p) TU_DELETE(p)
#define NCH(a) (sizeof(a) / sizeof((a)[0]))

struct fx {
	char *dir;		/* the temporary folder (heap) */
	char *repo_dir;		/* dir/repo (heap) */
	git_repository *repo;
	struct pm_source *src;
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	fx->dir = tu_tempdir();
	fx->repo_dir = malloc(strlen(fx->dir) + sizeof("/repo"));
	assert_non_null(fx->repo_dir);
	sprintf(fx->repo_dir, "%s/repo", fx->dir);
	if (git_repository_init(&fx->repo, fx->repo_dir, 0) < 0)
		return -1;
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	pm_source_free(fx->src);
	git_repository_free(fx->repo);
	tu_rm_rf(fx->dir);
	free(fx->repo_dir);
	free(fx->dir);
	free(fx);
	return 0;
}

/*
 * Commit changes on top of parents[0] (testutil.h tu_commit_changes()).
 */
static void
commit_to(struct fx *fx, git_oid *out, const char *ref,
    const git_oid *parents, size_t nparents, const char *who,
    git_time_t when, int offset, const struct tu_change *ch, size_t n)
{
	tu_commit_changes(fx->repo, out, ref, parents, nparents, who, when,
	    offset, ch, n);
}

/* Commit on top of HEAD (or as the first commit) and move HEAD. */
static void
commit(struct fx *fx, git_oid *out, const char *who, git_time_t when,
    int offset, const struct tu_change *ch, size_t n)
{
	git_oid head;
	int unborn = git_repository_head_unborn(fx->repo) == 1;

	if (!unborn)
		tu_git(git_reference_name_to_id(&head, fx->repo, "HEAD"));
	commit_to(fx, out, "HEAD", &head, unborn ? 0 : 1, who, when, offset,
	    ch, n);
}

/* Open and load, expecting success. */
static struct pm_source *
load(struct fx *fx, const char *repo_dir, const char *ref,
    const char *content, int worktree)
{
	struct pm_source_opts opts = { repo_dir, ref, content, worktree, 0, 1 };
	struct pm_error err;
	char line[1024];

	pm_error_clear(&err);
	pm_source_free(fx->src);
	fx->src = NULL;
	if (pm_source_open(&fx->src, &opts, &err) < 0 ||
	    pm_source_load(fx->src, &err) < 0)
		fail_msg("%s", pm_error_format(line, sizeof(line), &err));
	return fx->src;
}

/* Open and load, expecting code; the error line goes to line. */
static void
load_fails(const char *repo_dir, const char *ref, const char *content,
    int worktree, int code, char *line, size_t size)
{
	struct pm_source_opts opts = { repo_dir, ref, content, worktree, 0, 1 };
	struct pm_source *src = NULL;
	struct pm_error err;
	int rc;

	pm_error_clear(&err);
	rc = pm_source_open(&src, &opts, &err);
	if (rc == 0) {
		rc = pm_source_load(src, &err);
		assert_int_equal(pm_source_count(src), 0);
	} else {
		assert_null(src);
	}
	pm_source_free(src);
	assert_int_equal(rc, code);
	assert_int_equal(err.code, code);
	pm_error_format(line, size, &err);
}

static const struct pm_doc *
find(const struct pm_source *src, const char *name)
{
	for (size_t i = 0; i < pm_source_count(src); i++)
		if (strcmp(pm_source_doc(src, i)->name, name) == 0)
			return pm_source_doc(src, i);
	return NULL;
}

static void
assert_authors(const struct pm_doc *doc, size_t n, ...)
{
	va_list ap;

	assert_int_equal(doc->nauthors, n);
	va_start(ap, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(doc->authors[i], va_arg(ap, const char *));
	va_end(ap);
}

static void
hex(char out[41], const git_oid *id)
{
	git_oid_tostr(out, 41, id);
}

/*
 * The history every facts test starts from:
 *   c1 alice T1   adds content/a.md, content/b.md, README.txt
 *   c2 bob T2     edits content/a.md
 *   c3 carol T3   edits README.txt only
 *   c4 alice T4   edits content/b.md, adds content/c.md
 */
static void
base_history(struct fx *fx, git_oid c[4])
{
	const struct tu_change one[] = {
		FILE_("content/a.md", "# A\n"),
		FILE_("content/b.md", "# B\n"),
		FILE_("README.txt", "readme\n"),
	};
	const struct tu_change two[] = { FILE_("content/a.md", "# A, fixed\n") };
	const struct tu_change three[] = { FILE_("README.txt", "more\n") };
	const struct tu_change four[] = {
		FILE_("content/b.md", "# B, longer\n"),
		FILE_("content/c.md", "# C\n"),
	};

	commit(fx, &c[0], "Alice", T1, 60, one, NCH(one));
	commit(fx, &c[1], "Bob", T2, -300, two, NCH(two));
	commit(fx, &c[2], "Carol", T3, 0, three, NCH(three));
	commit(fx, &c[3], "Alice", T4, 330, four, NCH(four));
}

static void
test_facts_from_one_walk(void **state)
{
	struct fx *fx = *state;
	struct pm_source *src;
	const struct pm_doc *a, *b, *c;
	char h[4][41];
	git_oid id[4];

	base_history(fx, id);
	for (int i = 0; i < 4; i++)
		hex(h[i], &id[i]);
	src = load(fx, fx->repo_dir, NULL, "content", 0);
	assert_int_equal(pm_source_count(src), 3);
	assert_string_equal(pm_source_commit(src), h[3]);
	a = pm_source_doc(src, 0);
	b = pm_source_doc(src, 1);
	c = pm_source_doc(src, 2);
	assert_string_equal(a->path, "content/a.md");
	assert_string_equal(a->name, "a.md");
	assert_string_equal(a->data, "# A, fixed\n");
	assert_int_equal(a->len, strlen("# A, fixed\n"));
	assert_string_equal(a->created, ISO1);
	assert_string_equal(a->updated, ISO2);
	assert_authors(a, 2, "Alice", "Bob");
	assert_string_equal(a->commit_id, h[1]);
	assert_string_equal(b->created, ISO1);
	assert_string_equal(b->updated, ISO4);
	assert_authors(b, 1, "Alice");
	assert_string_equal(b->commit_id, h[3]);
	assert_string_equal(c->name, "c.md");
	assert_string_equal(c->created, ISO4);
	assert_string_equal(c->updated, ISO4);
	assert_authors(c, 1, "Alice");
	assert_int_equal(pm_source_warning_count(src), 0);
	assert_null(pm_source_config(src, NULL));
	assert_null(pm_source_doc(src, 3));
}

static void
test_blob_id_is_the_git_id(void **state)
{
	struct fx *fx = *state;
	struct pm_source *src;
	git_oid c[4], blob;
	char want[41];

	base_history(fx, c);
	src = load(fx, fx->repo_dir, NULL, "content", 0);
	tu_git(git_odb_hash(&blob, "# C\n", 4, GIT_OBJECT_BLOB));
	hex(want, &blob);
	assert_string_equal(find(src, "c.md")->blob_id, want);
}

static void
test_later_change_moves_updated(void **state)
{
	struct fx *fx = *state;
	const struct tu_change five[] = { FILE_("content/a.md", "# A, again\n") };
	const struct pm_doc *a;
	git_oid c[5];
	char h5[41];

	base_history(fx, c);
	commit(fx, &c[4], "Dave", T5, 60, five, NCH(five));
	hex(h5, &c[4]);
	a = find(load(fx, fx->repo_dir, NULL, "content", 0), "a.md");
	assert_string_equal(a->created, ISO1);
	assert_string_equal(a->updated, ISO5);
	assert_string_equal(a->commit_id, h5);
	assert_authors(a, 3, "Alice", "Bob", "Dave");
	/* b.md did not change: its facts stay. */
	assert_string_equal(find(fx->src, "b.md")->updated, ISO4);
}

static void
test_subdirectories(void **state)
{
	struct fx *fx = *state;
	const struct tu_change one[] = {
		FILE_("content/2023/x.md", "x\n"),
		FILE_("content/2024/q1/y.md", "y\n"),
		FILE_("content/2024/q1/notes.txt", "n\n"),
	};
	const struct tu_change two[] = {
		FILE_("content/2024/q1/y.md", "y2\n"),
		FILE_("content/2024/q1/notes.txt", "n2\n"),
	};
	const struct tu_change three[] = { FILE_("content/2024/q1/notes.txt",
	    "n3\n") };
	struct pm_source *src;
	const struct pm_doc *x, *y;
	git_oid c[3];

	commit(fx, &c[0], "Alice", T1, 60, one, NCH(one));
	commit(fx, &c[1], "Bob", T2, -300, two, NCH(two));
	commit(fx, &c[2], "Carol", T3, 0, three, NCH(three));
	src = load(fx, fx->repo_dir, NULL, "content", 0);
	assert_int_equal(pm_source_count(src), 2);
	x = pm_source_doc(src, 0);
	y = pm_source_doc(src, 1);
	assert_string_equal(x->path, "content/2023/x.md");
	assert_string_equal(x->name, "2023/x.md");
	assert_string_equal(x->updated, ISO1);
	assert_authors(x, 1, "Alice");
	assert_string_equal(y->name, "2024/q1/y.md");
	assert_string_equal(y->data, "y2\n");
	assert_string_equal(y->updated, ISO2);
	assert_authors(y, 2, "Alice", "Bob");
}

/* Thirty folders two deep changed in one commit: a task each per depth. */
static void
test_many_folders(void **state)
{
	struct fx *fx = *state;
	struct tu_change ch[30];
	char paths[30][32], data[30][16];
	struct pm_source *src;
	git_oid c[3];

	for (int round = 0; round < 2; round++) {
		for (int i = 0; i < 30; i++) {
			snprintf(paths[i], sizeof(paths[i]),
			    "content/d%02d/e/f.md", i);
			snprintf(data[i], sizeof(data[i]), "%d.%d\n", round, i);
			ch[i].path = paths[i];
			ch[i].data = data[i];
			ch[i].kind = 'f';
		}
		commit(fx, &c[round], round ? "Bob" : "Alice",
		    round ? T2 : T1, round ? -300 : 60, ch, 30);
	}
	src = load(fx, fx->repo_dir, NULL, "content", 0);
	assert_int_equal(pm_source_count(src), 30);
	for (size_t i = 0; i < 30; i++) {
		assert_string_equal(pm_source_doc(src, i)->created, ISO1);
		assert_string_equal(pm_source_doc(src, i)->updated, ISO2);
		assert_authors(pm_source_doc(src, i), 2, "Alice", "Bob");
	}
}

/*
 * Files in six folders two deep, written in turn by 48 commits: the walk
 * compares a folder's versions together, whatever commits lie between,
 * and on 1 or 3 threads credits each file with exactly its own writes.
 */
static void
test_folders_in_turn(void **state)
{
	static const char *const who[] = { "Ada", "Ben", "Cy" };
	struct fx *fx = *state;
	char path[48][40], data[48][24];
	git_oid c;

	for (int i = 0; i < 48; i++) {
		struct tu_change ch = { path[i], data[i], 'f' };

		snprintf(path[i], sizeof(path[i]), "content/y%d/m%d/f%d.md",
		    i % 3, i % 2, i % 4);
		snprintf(data[i], sizeof(data[i]), "# F\n\nrev %d\n", i);
		commit(fx, &c, who[i / 3 % 3], (git_time_t)T1 + i * 3600, 0,
		    &ch, 1);
	}
	for (int threads = 1; threads <= 3; threads += 2) {
		struct pm_source_opts opts = { fx->repo_dir, NULL, "content",
		    0, 0, threads };
		struct pm_error err;

		pm_source_free(fx->src);
		assert_int_equal(pm_source_open(&fx->src, &opts, &err), 0);
		assert_int_equal(pm_source_load(fx->src, &err), 0);
		assert_int_equal(pm_source_count(fx->src), 12);
		for (int f = 0; f < 12; f++) {
			/* File f: written by commits f, f + 12, f + 24, f + 36. */
			char name[32], first[32], last[32];
			const struct pm_doc *d;
			time_t t0 = T1 + f * 3600, t3 = T1 + (f + 36) * 3600;

			snprintf(name, sizeof(name), "y%d/m%d/f%d.md", f % 3,
			    f % 2, f % 4);
			d = find(fx->src, name);
			assert_non_null(d);
			strftime(first, sizeof(first), "%Y-%m-%dT%H:%M:%S+00:00",
			    gmtime(&t0));
			strftime(last, sizeof(last), "%Y-%m-%dT%H:%M:%S+00:00",
			    gmtime(&t3));
			assert_int_equal(d->nversions, 4);
			assert_string_equal(d->created, first);
			assert_string_equal(d->updated, last);
			assert_string_equal(d->data, data[f + 36]);
			assert_authors(d, 3, who[f / 3 % 3],
			    who[(f + 12) / 3 % 3], who[(f + 24) / 3 % 3]);
		}
	}
}

/* A commit with its parent's tree, then one that changes another file:
 * neither touches a.md. */
static void
test_empty_commit(void **state)
{
	struct fx *fx = *state;
	const struct tu_change one[] = {
		FILE_("content/a.md", "a\n"),
		FILE_("content/b.md", "b\n"),
	};
	const struct tu_change three[] = { FILE_("content/b.md", "b2\n") };
	git_oid c[3];

	commit(fx, &c[0], "Alice", T1, 60, one, NCH(one));
	commit(fx, &c[1], "Carol", T2, -300, NULL, 0);
	commit(fx, &c[2], "Bob", T3, 0, three, NCH(three));
	load(fx, fx->repo_dir, NULL, "content", 0);
	assert_authors(find(fx->src, "a.md"), 1, "Alice");
	assert_string_equal(find(fx->src, "a.md")->updated, ISO1);
	assert_authors(find(fx->src, "b.md"), 2, "Alice", "Bob");
}

static void
test_older_ref(void **state)
{
	struct fx *fx = *state;
	struct pm_source *src;
	git_oid c[4];
	char h[41];

	base_history(fx, c);
	hex(h, &c[1]);
	src = load(fx, fx->repo_dir, h, "content", 0);
	assert_string_equal(pm_source_commit(src), h);
	assert_int_equal(pm_source_count(src), 2);
	assert_string_equal(find(src, "b.md")->data, "# B\n");
	assert_string_equal(find(src, "b.md")->updated, ISO1);
	assert_null(find(src, "c.md"));
	assert_string_equal(find(src, "a.md")->updated, ISO2);
	/* The same commit through other spellings of a ref. */
	assert_string_equal(pm_source_commit(load(fx, fx->repo_dir, "HEAD~2",
	    "content", 0)), h);
	h[7] = '\0';
	assert_int_equal(pm_source_count(load(fx, fx->repo_dir, h, "content",
	    0)), 2);
}

static void
test_branch_and_tags(void **state)
{
	struct fx *fx = *state;
	git_reference *ref = NULL;
	git_commit *commit1 = NULL;
	git_signature *sig = NULL;
	git_oid c[4], tag;
	char h[41];

	base_history(fx, c);
	hex(h, &c[0]);
	tu_git(git_commit_lookup(&commit1, fx->repo, &c[0]));
	tu_git(git_branch_create(&ref, fx->repo, "release", commit1, 0));
	git_reference_free(ref);
	tu_git(git_reference_create(&ref, fx->repo, "refs/tags/light",
	    &c[0], 0, NULL));
	git_reference_free(ref);
	tu_git(git_signature_new(&sig, "Tagger", "t@example.com", T5, 0));
	tu_git(git_tag_create(&tag, fx->repo, "v1", (git_object *)commit1,
	    sig, "release\n", 0));
	assert_string_equal(pm_source_commit(load(fx, fx->repo_dir, "release",
	    "content", 0)), h);
	assert_string_equal(pm_source_commit(load(fx, fx->repo_dir, "light",
	    "content", 0)), h);
	/* An annotated tag peels to its commit. */
	assert_string_equal(pm_source_commit(load(fx, fx->repo_dir, "v1",
	    "content", 0)), h);
	assert_int_equal(pm_source_count(fx->src), 2);
	git_signature_free(sig);
	git_commit_free(commit1);
}

static void
test_ref_errors(void **state)
{
	struct fx *fx = *state;
	git_oid c[4];
	char line[1024];

	base_history(fx, c);
	load_fails(fx->repo_dir, "v9", "content", 0, PM_ENOTFOUND, line,
	    sizeof(line));
	assert_string_equal(line, "unknown ref 'v9'");
	load_fails(fx->repo_dir, "HEAD^{tree}", "content", 0, PM_ERROR,
	    line, sizeof(line));
	assert_string_equal(line, "ref 'HEAD^{tree}' names a tree, not a "
	    "commit");
}

static void
test_content_path_errors(void **state)
{
	struct fx *fx = *state;
	git_oid c[4];
	char line[1024];

	base_history(fx, c);
	load_fails(fx->repo_dir, NULL, "nope", 0, PM_ENOTFOUND, line,
	    sizeof(line));
	assert_string_equal(line, "nope/: no such path in HEAD");
	load_fails(fx->repo_dir, "v0", "nope", 0, PM_ENOTFOUND, line,
	    sizeof(line));
	assert_string_equal(line, "unknown ref 'v0'");
	load_fails(fx->repo_dir, NULL, "README.txt", 0, PM_ERROR, line,
	    sizeof(line));
	assert_string_equal(line, "README.txt/: not a directory in HEAD");
	load_fails(fx->repo_dir, NULL, "../x", 0, PM_ERROR, line,
	    sizeof(line));
	assert_string_equal(line, "content path '../x' leaves the repository");
	load_fails(fx->repo_dir, NULL, "/etc", 0, PM_ERROR, line,
	    sizeof(line));
	assert_string_equal(line, "content path '/etc' must be relative to the "
	    "repository");
	load_fails(fx->repo_dir, NULL, "nope", 1, PM_ENOTFOUND, line,
	    sizeof(line));
	assert_string_equal(line, "nope/: no such path in the working tree");
}

static void
test_content_path_forms(void **state)
{
	struct fx *fx = *state;
	const struct tu_change one[] = {
		FILE_("top.md", "top\n"),
		FILE_("pmsite.yml", "title: root\n"),
		FILE_("content/a.md", "a\n"),
	};
	struct pm_source *src;
	git_oid c;

	commit(fx, &c, "Alice", T1, 60, one, NCH(one));
	src = load(fx, fx->repo_dir, NULL, "./content//", 0);
	assert_string_equal(pm_source_content_path(src), "content");
	assert_int_equal(pm_source_count(src), 1);
	assert_string_equal(pm_source_doc(src, 0)->path, "content/a.md");
	assert_null(pm_source_config(src, NULL));
	src = load(fx, fx->repo_dir, NULL, ".", 0);
	assert_string_equal(pm_source_content_path(src), "");
	assert_int_equal(pm_source_count(src), 2);
	assert_string_equal(pm_source_doc(src, 0)->path, "content/a.md");
	assert_string_equal(pm_source_doc(src, 0)->name, "content/a.md");
	assert_string_equal(pm_source_doc(src, 0)->created, ISO1);
	assert_string_equal(pm_source_doc(src, 1)->path, "top.md");
	assert_string_equal(pm_source_config(src, NULL), "title: root\n");
}

struct odb_pair {
	git_odb *from, *to;
};

static int
copy_object(const git_oid *id, void *payload)
{
	struct odb_pair *p = payload;
	git_odb_object *obj = NULL;
	git_oid copied;
	int rc;

	if ((rc = git_odb_read(&obj, p->from, id)) == 0)
		rc = git_odb_write(&copied, p->to, git_odb_object_data(obj),
		    git_odb_object_size(obj), git_odb_object_type(obj));
	git_odb_object_free(obj);
	return rc;
}

/*
 * A bare copy of the repository: every object and the current branch.
 * Not git_clone: Debian's libgit2 1.5.1 leaks pcre2 match data while
 * creating the remote (libgit2/libgit2#6382, fixed after 1.5).
 */
static void
bare_copy(struct fx *fx, const char *dir)
{
	git_repository *bare = NULL;
	git_reference *head = NULL, *ref = NULL;
	struct odb_pair p = { NULL, NULL };

	tu_git(git_repository_init(&bare, dir, 1));
	tu_git(git_repository_odb(&p.from, fx->repo));
	tu_git(git_repository_odb(&p.to, bare));
	tu_git(git_odb_foreach(p.from, copy_object, &p));
	tu_git(git_repository_head(&head, fx->repo));
	tu_git(git_reference_create(&ref, bare, git_reference_name(head),
	    git_reference_target(head), 0, NULL));
	tu_git(git_repository_set_head(bare, git_reference_name(head)));
	git_reference_free(ref);
	git_reference_free(head);
	git_odb_free(p.to);
	git_odb_free(p.from);
	git_repository_free(bare);
}

static void
test_bare_copy_is_identical(void **state)
{
	struct fx *fx = *state;
	struct pm_source *work, *src;
	char bare_dir[128];
	git_oid c[4];
	size_t n;

	base_history(fx, c);
	snprintf(bare_dir, sizeof(bare_dir), "%s/bare.git", fx->dir);
	bare_copy(fx, bare_dir);
	/* Keep the working repository's documents open alongside. */
	work = load(fx, fx->repo_dir, NULL, "content", 0);
	fx->src = NULL;
	src = load(fx, bare_dir, NULL, "content", 0);
	assert_null(pm_source_workdir(src));
	assert_string_equal(pm_source_commit(src), pm_source_commit(work));
	n = pm_source_count(src);
	assert_int_equal(n, 3);
	assert_int_equal(n, pm_source_count(work));
	for (size_t i = 0; i < n; i++) {
		const struct pm_doc *x = pm_source_doc(src, i);
		const struct pm_doc *y = pm_source_doc(work, i);

		assert_string_equal(x->path, y->path);
		assert_string_equal(x->blob_id, y->blob_id);
		assert_int_equal(x->len, y->len);
		assert_memory_equal(x->data, y->data, x->len);
		assert_string_equal(x->created, y->created);
		assert_string_equal(x->updated, y->updated);
		assert_string_equal(x->commit_id, y->commit_id);
		assert_int_equal(x->nauthors, y->nauthors);
		for (size_t a = 0; a < x->nauthors; a++)
			assert_string_equal(x->authors[a], y->authors[a]);
	}
	pm_source_free(work);
}

static void
test_bare_worktree_is_an_error(void **state)
{
	struct fx *fx = *state;
	git_repository *bare = NULL;
	char dir[128], line[1024], want[256];

	snprintf(dir, sizeof(dir), "%s/bare.git", fx->dir);
	tu_git(git_repository_init(&bare, dir, 1));
	git_repository_free(bare);
	load_fails(dir, NULL, "content", 1, PM_ERROR, line, sizeof(line));
	snprintf(want, sizeof(want), "repository: %s: a bare repository has no "
	    "working tree", dir);
	assert_string_equal(line, want);
	load_fails(dir, NULL, "content", 0, PM_ERROR, line, sizeof(line));
	snprintf(want, sizeof(want), "repository: %s: no commits yet", dir);
	assert_string_equal(line, want);
}

static void
test_worktree_sees_drafts(void **state)
{
	struct fx *fx = *state;
	const struct pm_doc *a, *b, *d;
	struct pm_source *committed, *src;
	git_oid c[4];
	char head[41];

	base_history(fx, c);
	hex(head, &c[3]);
	/* The working tree as checked out, then edited. */
	tu_write(fx->repo_dir, "content/a.md", "# A, draft\n");
	tu_write(fx->repo_dir, "content/b.md", "# B, longer\n");
	tu_write(fx->repo_dir, "content/c.md", "# C\n");
	tu_write(fx->repo_dir, "content/new.md", "# New\n");
	tu_write(fx->repo_dir, "content/pmsite.yml", "title: drafts\n");
	committed = load(fx, fx->repo_dir, NULL, "content", 0);
	fx->src = NULL;
	src = load(fx, fx->repo_dir, NULL, "content", 1);
	assert_non_null(pm_source_workdir(src));
	assert_non_null(strstr(pm_source_workdir(src), fx->repo_dir +
	    strlen("/tmp")));
	assert_string_equal(pm_source_commit(src), head);
	assert_int_equal(pm_source_count(src), 4);
	a = find(src, "a.md");
	assert_string_equal(a->data, "# A, draft\n");
	assert_string_not_equal(a->blob_id, find(committed, "a.md")->blob_id);
	/* Facts come from the history; the draft does not move them. */
	assert_string_equal(a->updated, ISO2);
	assert_authors(a, 2, "Alice", "Bob");
	b = find(src, "b.md");
	assert_string_equal(b->blob_id, find(committed, "b.md")->blob_id);
	assert_string_equal(b->updated, ISO4);
	d = find(src, "new.md");
	assert_string_equal(d->path, "content/new.md");
	assert_string_equal(d->data, "# New\n");
	assert_null(d->created);
	assert_null(d->updated);
	assert_int_equal(d->nauthors, 0);
	assert_string_equal(d->commit_id, "");
	assert_string_equal(pm_source_config(src, NULL), "title: drafts\n");
	pm_source_free(committed);
}

static void
test_plain_folder(void **state)
{
	struct fx *fx = *state;
	struct pm_source *src;
	char dir[128], line[1024], want[256];
	git_oid id;
	size_t len;

	snprintf(dir, sizeof(dir), "%s/folder", fx->dir);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/folder/posts", fx->dir);
	mkdir(dir, 0755);
	snprintf(dir, sizeof(dir), "%s/folder/posts/one.md", fx->dir);
	fclose(fopen(dir, "w"));
	snprintf(dir, sizeof(dir), "%s/folder/pmsite.yml", fx->dir);
	fclose(fopen(dir, "w"));
	snprintf(dir, sizeof(dir), "%s/folder", fx->dir);
	src = load(fx, dir, NULL, NULL, 1);
	assert_string_equal(pm_source_workdir(src), dir);
	assert_string_equal(pm_source_commit(src), "");
	assert_int_equal(pm_source_count(src), 1);
	assert_string_equal(pm_source_doc(src, 0)->path, "posts/one.md");
	assert_int_equal(pm_source_doc(src, 0)->len, 0);
	assert_null(pm_source_doc(src, 0)->created);
	tu_git(git_odb_hash(&id, "", 0, GIT_OBJECT_BLOB));
	assert_string_equal(pm_source_doc(src, 0)->blob_id,
	    git_oid_tostr_s(&id));
	assert_string_equal(pm_source_config(src, &len), "");
	assert_int_equal(len, 0);
	/* Without worktree mode a folder is not a repository. */
	load_fails(dir, NULL, NULL, 0, PM_ERROR, line, sizeof(line));
	snprintf(want, sizeof(want), "repository: %s: could not find "
	    "repository", dir);
	assert_string_equal(line, want);
	snprintf(dir, sizeof(dir), "%s/absent", fx->dir);
	load_fails(dir, NULL, NULL, 1, PM_ERROR, line, sizeof(line));
	snprintf(want, sizeof(want), "repository: %s: %s", dir,
	    strerror(ENOENT));
	assert_string_equal(line, want);
}

static void
test_empty_repository(void **state)
{
	struct fx *fx = *state;
	struct pm_source *src;
	char line[1024], want[256];

	load_fails(fx->repo_dir, NULL, "content", 0, PM_ERROR, line,
	    sizeof(line));
	snprintf(want, sizeof(want), "repository: %s: no commits yet",
	    fx->repo_dir);
	assert_string_equal(line, want);
	/* A draft in a repository without commits has no facts. */
	tu_write(fx->repo_dir, "content/first.md", "first\n");
	src = load(fx, fx->repo_dir, NULL, "content", 1);
	assert_string_equal(pm_source_commit(src), "");
	assert_int_equal(pm_source_count(src), 1);
	assert_null(pm_source_doc(src, 0)->created);
}

static void
test_symlink_and_submodule_skipped(void **state)
{
	struct fx *fx = *state;
	const struct tu_change one[] = {
		FILE_("content/a.md", "a\n"),
		{ "content/link.md", "a.md", 'l' },
		{ "content/vendor", GITLINK, 'm' },
		{ "content/run.md", "exec\n", 'x' },
	};
	struct pm_source *src;
	char path[PATH_MAX];
	git_oid c;

	commit(fx, &c, "Alice", T1, 60, one, NCH(one));
	src = load(fx, fx->repo_dir, NULL, "content", 0);
	assert_int_equal(pm_source_count(src), 2);
	assert_string_equal(pm_source_doc(src, 0)->name, "a.md");
	/* An executable file is still a regular file. */
	assert_string_equal(pm_source_doc(src, 1)->name, "run.md");
	assert_int_equal(pm_source_warning_count(src), 2);
	assert_string_equal(pm_source_warning(src, 0),
	    "content/link.md: warning: skipping symbolic link");
	assert_string_equal(pm_source_warning(src, 1),
	    "content/vendor: warning: skipping submodule");
	assert_null(pm_source_warning(src, 2));
	/* The same on disk: a real link and a nested repository. */
	tu_write(fx->repo_dir, "content/a.md", "a\n");
	tu_write(fx->repo_dir, "content/vendor/.git",
	    "gitdir: ../.git/modules/v\n");
	tu_write(fx->repo_dir, "content/vendor/inside.md", "no\n");
	snprintf(path, sizeof(path), "%s/content/link.md", fx->repo_dir);
	assert_int_equal(symlink("a.md", path), 0);
	src = load(fx, fx->repo_dir, NULL, "content", 1);
	assert_int_equal(pm_source_count(src), 1);
	assert_int_equal(pm_source_warning_count(src), 2);
	assert_true((strcmp(pm_source_warning(src, 0),
	    "content/link.md: warning: skipping symbolic link") == 0 &&
	    strcmp(pm_source_warning(src, 1),
	    "content/vendor: warning: skipping submodule") == 0) ||
	    (strcmp(pm_source_warning(src, 1),
	    "content/link.md: warning: skipping symbolic link") == 0 &&
	    strcmp(pm_source_warning(src, 0),
	    "content/vendor: warning: skipping submodule") == 0));
}

static void
test_bad_names_skipped(void **state)
{
	struct fx *fx = *state;
	const struct tu_change one[] = {
		FILE_("content/ok-\xc3\xa9.md", "fine\n"),
		FILE_("content/bad\xff.md", "latin-1\n"),
		FILE_("content/tab\there.md", "tab\n"),
		FILE_("content/sub\xc0\xaf/x.md", "overlong\n"),
		FILE_("content/c1\xc2\x9b.md", "csi\n"),
		FILE_("content/ov\xe0\x80\xaf.md", "overlong\n"),
		FILE_("content/sur\xed\xa0\x80.md", "surrogate\n"),
		FILE_("content/bad\xff.png", "not markdown\n"),
	};
	struct pm_source *src;
	git_oid c;

	commit(fx, &c, "Alice", T1, 60, one, NCH(one));
	src = load(fx, fx->repo_dir, NULL, "content", 0);
	assert_int_equal(pm_source_count(src), 1);
	assert_string_equal(pm_source_doc(src, 0)->name, "ok-\xc3\xa9.md");
	assert_int_equal(pm_source_warning_count(src), 6);
	assert_string_equal(pm_source_warning(src, 0), "content/bad\\xff.md: "
	    "warning: skipping name that is not valid UTF-8");
	assert_string_equal(pm_source_warning(src, 1), "content/c1\\xc2\\x9b.md"
	    ": warning: skipping name with control characters");
	assert_string_equal(pm_source_warning(src, 2), "content/ov\\xe0\\x80"
	    "\\xaf.md: warning: skipping name that is not valid UTF-8");
	assert_string_equal(pm_source_warning(src, 3), "content/sub\\xc0\\xaf/"
	    "x.md: warning: skipping name that is not valid UTF-8");
	assert_string_equal(pm_source_warning(src, 4), "content/sur\\xed\\xa0"
	    "\\x80.md: warning: skipping name that is not valid UTF-8");
	assert_string_equal(pm_source_warning(src, 5), "content/tab\\x09here.md"
	    ": warning: skipping name with control characters");
	/* On disk too. */
	tu_write(fx->repo_dir, "content/bad\xff.md", "latin-1\n");
	tu_write(fx->repo_dir, "content/fine.md", "fine\n");
	src = load(fx, fx->repo_dir, NULL, "content", 1);
	assert_int_equal(pm_source_count(src), 1);
	assert_int_equal(pm_source_warning_count(src), 1);
	assert_string_equal(pm_source_warning(src, 0), "content/bad\\xff.md: "
	    "warning: skipping name that is not valid UTF-8");
}

static void
test_only_markdown_and_config(void **state)
{
	struct fx *fx = *state;
	const struct tu_change one[] = {
		FILE_("content/a.md", "a\n"),
		FILE_("content/a.markdown", "no\n"),
		FILE_("content/b.MD", "no\n"),
		FILE_("content/.md", "no\n"),
		FILE_("content/img/diagram.svg", "<svg/>\n"),
		FILE_("content/pmsite.yml", "title: Postmortems\n"),
		FILE_("content/sub/pmsite.yml", "title: not config\n"),
		FILE_("content/sub/pmsite.yml.md", "yes\n"),
	};
	struct pm_source *src;
	size_t len = 0;
	git_oid c;

	commit(fx, &c, "Alice", T1, 60, one, NCH(one));
	src = load(fx, fx->repo_dir, NULL, "content", 0);
	assert_int_equal(pm_source_count(src), 2);
	assert_string_equal(pm_source_doc(src, 0)->name, "a.md");
	assert_string_equal(pm_source_doc(src, 1)->name, "sub/pmsite.yml.md");
	assert_string_equal(pm_source_config(src, &len),
	    "title: Postmortems\n");
	assert_int_equal(len, strlen("title: Postmortems\n"));
	assert_int_equal(pm_source_warning_count(src), 0);
}

static void
test_byte_order(void **state)
{
	struct fx *fx = *state;
	static const char *const want[] = {
		"B.md", "Z.md", "a-b.md", "a.md", "a/b.md", "a0.md", "b.md",
		"\xc3\xa9.md",
	};
	const struct tu_change one[] = {
		FILE_("content/\xc3\xa9.md", "1\n"),
		FILE_("content/b.md", "2\n"),
		FILE_("content/a0.md", "3\n"),
		FILE_("content/a/b.md", "4\n"),
		FILE_("content/a.md", "5\n"),
		FILE_("content/a-b.md", "6\n"),
		FILE_("content/Z.md", "7\n"),
		FILE_("content/B.md", "8\n"),
	};
	struct pm_source *src;
	char path[64];
	git_oid c;

	commit(fx, &c, "Alice", T1, 60, one, NCH(one));
	for (size_t i = 0; i < NCH(one); i++)
		tu_write(fx->repo_dir, one[i].path, one[i].data);
	for (int worktree = 0; worktree < 2; worktree++) {
		src = load(fx, fx->repo_dir, NULL, "content", worktree);
		assert_int_equal(pm_source_count(src), NCH(want));
		for (size_t i = 0; i < NCH(want); i++) {
			snprintf(path, sizeof(path), "content/%s", want[i]);
			assert_string_equal(pm_source_doc(src, i)->name,
			    want[i]);
			assert_string_equal(pm_source_doc(src, i)->path, path);
			assert_string_equal(pm_source_doc(src, i)->created,
			    ISO1);
		}
	}
}

/*
 *   c1 Alice T1: a.md, x.txt          (main)
 *   s1 Bob T2:   adds s.md            (side, from c1)
 *   c2 Dave T3:  edits x.txt          (main)
 *   m  Carol T4: merges side into main; takes s.md as it is, and edits
 *                a.md in the merge itself (differs from both parents)
 */
static void
test_merges(void **state)
{
	struct fx *fx = *state;
	const struct tu_change one[] = {
		FILE_("content/a.md", "a\n"),
		FILE_("content/x.txt", "x\n"),
	};
	const struct tu_change side[] = { FILE_("content/s.md", "s\n") };
	const struct tu_change two[] = { FILE_("content/x.txt", "x2\n") };
	const struct tu_change merge[] = {
		FILE_("content/s.md", "s\n"),
		FILE_("content/a.md", "a, resolved\n"),
	};
	const struct pm_doc *a, *s;
	git_oid c1, s1, c2, m, parents[2];
	char hs[41], hm[41];

	commit(fx, &c1, "Alice", T1, 60, one, NCH(one));
	commit_to(fx, &s1, "refs/heads/side", &c1, 1, "Bob", T2, -300, side,
	    NCH(side));
	commit(fx, &c2, "Dave", T3, 0, two, NCH(two));
	parents[0] = c2;
	parents[1] = s1;
	commit_to(fx, &m, "HEAD", parents, 2, "Carol", T4, 330, merge,
	    NCH(merge));
	hex(hs, &s1);
	hex(hm, &m);
	load(fx, fx->repo_dir, NULL, "content", 0);
	s = find(fx->src, "s.md");
	assert_string_equal(s->created, ISO2);
	assert_string_equal(s->updated, ISO2);
	assert_string_equal(s->commit_id, hs);
	assert_authors(s, 1, "Bob");
	a = find(fx->src, "a.md");
	assert_string_equal(a->created, ISO1);
	assert_string_equal(a->updated, ISO4);
	assert_string_equal(a->commit_id, hm);
	assert_authors(a, 2, "Alice", "Carol");
}

static void
test_delete_and_readd(void **state)
{
	struct fx *fx = *state;
	const struct tu_change one[] = {
		FILE_("content/a.md", "a\n"),
		FILE_("content/gone.md", "g\n"),
	};
	const struct tu_change two[] = {
		DELETE("content/a.md"),
		DELETE("content/gone.md"),
		FILE_("content/keep.md", "k\n"),
	};
	const struct tu_change three[] = { FILE_("content/a.md", "a\n") };
	const struct pm_doc *a;
	git_oid c[3];

	commit(fx, &c[0], "Alice", T1, 60, one, NCH(one));
	commit(fx, &c[1], "Bob", T2, -300, two, NCH(two));
	commit(fx, &c[2], "Carol", T3, 0, three, NCH(three));
	load(fx, fx->repo_dir, NULL, "content", 0);
	assert_int_equal(pm_source_count(fx->src), 2);
	assert_null(find(fx->src, "gone.md"));
	a = find(fx->src, "a.md");
	/* Bob only deleted it: deleting is not writing. */
	assert_string_equal(a->created, ISO1);
	assert_string_equal(a->updated, ISO3);
	assert_authors(a, 2, "Alice", "Carol");
}

static void
test_content_moved_in(void **state)
{
	struct fx *fx = *state;
	const struct tu_change one[] = { FILE_("other/a.md", "a\n") };
	const struct tu_change two[] = {
		DELETE("other/a.md"),
		FILE_("content/a.md", "a\n"),
	};
	git_oid c[2];

	commit(fx, &c[0], "Alice", T1, 60, one, NCH(one));
	commit(fx, &c[1], "Bob", T2, -300, two, NCH(two));
	load(fx, fx->repo_dir, NULL, "content", 0);
	/* Renames are not followed: the move starts the history. */
	assert_string_equal(find(fx->src, "a.md")->created, ISO2);
	assert_authors(find(fx->src, "a.md"), 1, "Bob");
}

static void
test_mailmap(void **state)
{
	struct fx *fx = *state;
	const struct tu_change one[] = {
		FILE_(".mailmap", "Alice Real <alice@example.com>\n"),
		FILE_("content/a.md", "a\n"),
	};
	const struct tu_change two[] = { FILE_("content/a.md", "a2\n") };
	git_oid c[2];

	commit(fx, &c[0], "alice", T1, 60, one, NCH(one));
	commit(fx, &c[1], "Bob", T2, -300, two, NCH(two));
	load(fx, fx->repo_dir, NULL, "content", 0);
	assert_authors(find(fx->src, "a.md"), 2, "Alice Real", "Bob");
}

static void
test_discovery_from_cwd(void **state)
{
	struct fx *fx = *state;
	char cwd[PATH_MAX], sub[PATH_MAX];
	struct pm_source *src;
	git_oid c[4];

	base_history(fx, c);
	tu_write(fx->repo_dir, "content/a.md", "on disk\n");
	assert_non_null(getcwd(cwd, sizeof(cwd)));
	snprintf(sub, sizeof(sub), "%s/content", fx->repo_dir);
	assert_int_equal(chdir(sub), 0);
	src = load(fx, NULL, NULL, "content", 0);
	assert_int_equal(chdir(cwd), 0);
	assert_int_equal(pm_source_count(src), 3);
	assert_string_equal(find(src, "a.md")->data, "# A, fixed\n");
}

static void
test_too_deep(void **state)
{
	struct fx *fx = *state;
	char path[512], line[1024];
	struct tu_change one[1];
	size_t len = 0;
	git_oid c;

	len += (size_t)snprintf(path, sizeof(path), "content");
	for (int i = 0; i < 70; i++)
		len += (size_t)snprintf(path + len, sizeof(path) - len, "/d");
	snprintf(path + len, sizeof(path) - len, "/x.md");
	one[0].path = path;
	one[0].data = "deep\n";
	one[0].kind = 'f';
	commit(fx, &c, "Alice", T1, 60, one, 1);
	load_fails(fx->repo_dir, NULL, "content", 0, PM_ELIMIT, line,
	    sizeof(line));
	assert_non_null(strstr(line, ": path too deep (more than 64 "
	    "directories)"));
	assert_true(strncmp(line, "content/d/d/", 12) == 0);
}

static void
test_load_twice(void **state)
{
	struct fx *fx = *state;
	struct pm_error err;
	git_oid c[4];

	base_history(fx, c);
	load(fx, fx->repo_dir, NULL, "content", 0);
	pm_error_clear(&err);
	assert_int_equal(pm_source_load(fx->src, &err), 0);
	assert_int_equal(pm_source_count(fx->src), 3);
	assert_false(pm_error_is_set(&err));
}

static void
test_iso8601(void **state)
{
	struct pm_arena *arena = pm_arena_new();

	(void)state;
	assert_string_equal(pm_gitfacts__iso8601(arena, 0, 0),
	    "1970-01-01T00:00:00+00:00");
	assert_string_equal(pm_gitfacts__iso8601(arena, -1, 0),
	    "1969-12-31T23:59:59+00:00");
	assert_string_equal(pm_gitfacts__iso8601(arena, 951782400, 330),
	    "2000-02-29T05:30:00+05:30");
	assert_string_equal(pm_gitfacts__iso8601(arena, 951782400, -570),
	    "2000-02-28T14:30:00-09:30");
	assert_string_equal(pm_gitfacts__iso8601(arena, T2, -300), ISO2);
	/* The last second of four-digit years and beyond it either way: a
	 * commit may claim any date. */
	assert_string_equal(pm_gitfacts__iso8601(arena, 253402300799, 0),
	    "9999-12-31T23:59:59+00:00");
	assert_string_equal(pm_gitfacts__iso8601(arena, 253402300800, 0),
	    "10000-01-01T00:00:00+00:00");
	assert_string_equal(pm_gitfacts__iso8601(arena, -62167219200, 0),
	    "0000-01-01T00:00:00+00:00");
	assert_string_equal(pm_gitfacts__iso8601(arena, -62167219201, 0),
	    "-001-12-31T23:59:59+00:00");
	assert_string_equal(pm_gitfacts__iso8601(arena, 0, 6000),
	    "1970-01-05T04:00:00+100:00");
	pm_arena_free(arena);
}

static int
group_setup(void **state)
{
	(void)state;
	return git_libgit2_init() > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	git_libgit2_shutdown();
	return 0;
}

/*
 * After pm_source_release() the facts, the history and the commit stay;
 * only reading blobs fails, with a message that says why.
 */
static void
test_release_keeps_facts(void **state)
{
	struct fx *fx = *state;
	struct pm_source_opts opts = { fx->repo_dir, NULL, "content", 0, 1,
	    1 };
	const struct pm_doc *a;
	struct pm_arena *arena = pm_arena_new();
	struct pm_buf old = PM_BUF_INIT;
	struct pm_error err;
	char commit[41], line[1024];
	const char *data;
	size_t len;
	git_oid c[4];

	base_history(fx, c);
	pm_error_clear(&err);
	assert_int_equal(pm_source_open(&fx->src, &opts, &err), 0);
	assert_int_equal(pm_source_load(fx->src, &err), 0);
	a = find(fx->src, "a.md");
	assert_non_null(a);
	assert_null(a->data);
	assert_int_equal(pm_source_doc_bytes(fx->src, a, arena, &data, &len,
	    &err), 0);
	assert_string_equal(data, "# A, fixed\n");
	assert_int_equal(pm_source_read_version(fx->src, a, 0, &old, &err),
	    0);
	assert_string_equal(old.ptr, "# A\n");

	pm_source_release(fx->src);
	hex(commit, &c[3]);
	assert_string_equal(pm_source_commit(fx->src), commit);
	assert_non_null(pm_source_history(fx->src));
	assert_int_equal(a->nversions, 2);
	assert_authors(a, 2, "Alice", "Bob");
	assert_int_equal(pm_source_doc_bytes(fx->src, a, arena, &data, &len,
	    &err), PM_ERROR);
	pm_error_format(line, sizeof(line), &err);
	assert_non_null(strstr(line, "content/a.md"));
	assert_non_null(strstr(line, "no open repository"));
	pm_error_clear(&err);
	assert_int_equal(pm_source_read_version(fx->src, a, 0, &old, &err),
	    PM_ERROR);
	assert_int_equal(old.len, 0);
	pm_buf_free(&old);
	pm_arena_free(arena);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_facts_from_one_walk),
		T(test_blob_id_is_the_git_id),
		T(test_later_change_moves_updated),
		T(test_subdirectories),
		T(test_many_folders),
		T(test_folders_in_turn),
		T(test_empty_commit),
		T(test_older_ref),
		T(test_branch_and_tags),
		T(test_ref_errors),
		T(test_content_path_errors),
		T(test_content_path_forms),
		T(test_bare_copy_is_identical),
		T(test_bare_worktree_is_an_error),
		T(test_worktree_sees_drafts),
		T(test_plain_folder),
		T(test_empty_repository),
		T(test_symlink_and_submodule_skipped),
		T(test_bad_names_skipped),
		T(test_only_markdown_and_config),
		T(test_byte_order),
		T(test_merges),
		T(test_delete_and_readd),
		T(test_content_moved_in),
		T(test_mailmap),
		T(test_discovery_from_cwd),
		T(test_too_deep),
		T(test_load_twice),
		T(test_release_keeps_facts),
		cmocka_unit_test(test_iso8601),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
