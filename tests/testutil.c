/* testutil.c: shared helpers of the test programs. */
#define _XOPEN_SOURCE 700
#include "testutil.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

char *
tu_tempdir(void)
{
	const char *tmp = getenv("TMPDIR");
	char *path;

	if (tmp == NULL || *tmp == '\0')
		tmp = "/tmp";
	path = malloc(strlen(tmp) + 32);
	assert_non_null(path);
	sprintf(path, "%s/pmsite-test-XXXXXX", tmp);
	assert_non_null(mkdtemp(path));
	return path;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		return rmdir(path);
	return unlink(path);
}

void
tu_rm_rf(const char *path)
{
	if (path)
		nftw(path, rm_one, 32, FTW_DEPTH | FTW_PHYS);
}

static void
mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			fail_msg("mkdir %s: %s", path, strerror(errno));
		*p = '/';
	}
}

void
tu_write(const char *dir, const char *rel, const char *data)
{
	char *path = malloc(strlen(dir) + strlen(rel) + 2);
	FILE *f;

	sprintf(path, "%s/%s", dir, rel);
	mkdirs(path);
	f = fopen(path, "wb");
	if (f == NULL)
		fail_msg("open %s: %s", path, strerror(errno));
	fputs(data, f);
	fclose(f);
	free(path);
}

char *
tu_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (f == NULL)
		return NULL;
	do {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		r = fread(buf + n, 1, 4096, f);
		n += r;
	} while (r > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

int
tu_exists(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0;
}

size_t
tu_count(const char *hay, const char *needle)
{
	size_t n = 0, len = strlen(needle);

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += len;
	}
	return n;
}

git_repository *
tu_repo_init(const char *dir)
{
	git_repository *repo = NULL;

	if (git_repository_init(&repo, dir, 0) != 0)
		fail_msg("git init %s: %s", dir, git_error_last()->message);
	return repo;
}

void
tu_commit(git_repository *repo, const char *name, long long when,
    const char *const *files, const char *message, char out[41])
{
	const char *workdir = git_repository_workdir(repo);
	git_index *index = NULL;
	git_oid tree_id, commit_id, parent_id;
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	git_signature *sig = NULL;
	char email[128];
	size_t i;

	assert_non_null(workdir);
	assert_int_equal(git_repository_index(&index, repo), 0);
	for (i = 0; files[i]; i += 2) {
		if (files[i + 1]) {
			tu_write(workdir, files[i], files[i + 1]);
			assert_int_equal(git_index_add_bypath(index, files[i]),
			    0);
		} else {
			char *p = malloc(strlen(workdir) + strlen(files[i]) +
			    1);

			sprintf(p, "%s%s", workdir, files[i]);
			unlink(p);
			free(p);
			assert_int_equal(git_index_remove_bypath(index,
			    files[i]), 0);
		}
	}
	assert_int_equal(git_index_write(index), 0);
	assert_int_equal(git_index_write_tree(&tree_id, index), 0);
	assert_int_equal(git_tree_lookup(&tree, repo, &tree_id), 0);
	snprintf(email, sizeof(email), "%s@example.com", name);
	assert_int_equal(git_signature_new(&sig, name, email, (git_time_t)when,
	    0), 0);
	if (git_reference_name_to_id(&parent_id, repo, "HEAD") == 0)
		assert_int_equal(git_commit_lookup(&parent, repo, &parent_id),
		    0);
	assert_int_equal(git_commit_create_v(&commit_id, repo, "HEAD", sig,
	    sig, NULL, message, tree, parent ? 1 : 0, parent), 0);
	git_oid_tostr(out, 41, &commit_id);
	git_commit_free(parent);
	git_signature_free(sig);
	git_tree_free(tree);
	git_index_free(index);
}

void
tu_git(int rc)
{
	if (rc < 0) {
		const git_error *e = git_error_last();

		fail_msg("libgit2: %s", e ? e->message : "?");
	}
}

void
tu_commit_changes(git_repository *repo, git_oid *out, const char *ref,
    const git_oid *parents, size_t nparents, const char *who,
    git_time_t when, int offset, const struct tu_change *ch, size_t n)
{
	git_tree_update up[32];
	const git_commit *pc[4];
	git_commit *owned[4] = { NULL, NULL, NULL, NULL };
	git_tree *base = NULL, *tree = NULL;
	git_treebuilder *tb = NULL;
	git_signature *sig = NULL;
	git_oid id, tree_id;
	char email[64];

	assert_true(n <= 32 && nparents <= 4);
	for (size_t i = 0; i < nparents; i++) {
		tu_git(git_commit_lookup(&owned[i], repo, &parents[i]));
		pc[i] = owned[i];
	}
	if (nparents > 0) {
		tu_git(git_commit_tree(&base, owned[0]));
	} else {
		tu_git(git_treebuilder_new(&tb, repo, NULL));
		tu_git(git_treebuilder_write(&id, tb));
		tu_git(git_tree_lookup(&base, repo, &id));
	}
	for (size_t i = 0; i < n; i++) {
		memset(&up[i], 0, sizeof(up[i]));
		up[i].path = ch[i].path;
		up[i].action = GIT_TREE_UPDATE_UPSERT;
		switch (ch[i].kind) {
		case 'd':
			up[i].action = GIT_TREE_UPDATE_REMOVE;
			break;
		case 'm':
			up[i].filemode = GIT_FILEMODE_COMMIT;
			tu_git(git_oid_fromstr(&up[i].id, ch[i].data));
			break;
		default:
			up[i].filemode = ch[i].kind == 'l' ? GIT_FILEMODE_LINK :
			    ch[i].kind == 'x' ? GIT_FILEMODE_BLOB_EXECUTABLE :
			    GIT_FILEMODE_BLOB;
			tu_git(git_blob_create_from_buffer(&up[i].id,
			    repo, ch[i].data, strlen(ch[i].data)));
			break;
		}
	}
	tu_git(git_tree_create_updated(&tree_id, repo, base, n, up));
	tu_git(git_tree_lookup(&tree, repo, &tree_id));
	snprintf(email, sizeof(email), "%s@example.com", who);
	for (char *p = email; *p; p++)
		if (*p == ' ')
			*p = '.';
	tu_git(git_signature_new(&sig, who, email, when, offset));
	tu_git(git_commit_create(out, repo, ref, sig, sig, NULL,
	    "change\n", tree, nparents, pc));
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	git_treebuilder_free(tb);
	for (size_t i = 0; i < nparents; i++)
		git_commit_free(owned[i]);
}

static char *
slurp_and_remove(const char *path)
{
	char *s = tu_read(path, NULL);

	unlink(path);
	return s ? s : calloc(1, 1);
}

int
tu_run(const char *cmdline, char **out, char **err)
{
	char *dir = tu_tempdir();
	char *full = malloc(strlen(cmdline) + 2 * strlen(dir) + 64);
	char *outp = malloc(strlen(dir) + 8), *errp = malloc(strlen(dir) + 8);
	int st;

	sprintf(outp, "%s/out", dir);
	sprintf(errp, "%s/err", dir);
	sprintf(full, "%s >'%s' 2>'%s' </dev/null", cmdline, outp, errp);
	st = system(full);
	if (out)
		*out = slurp_and_remove(outp);
	if (err)
		*err = slurp_and_remove(errp);
	tu_rm_rf(dir);
	free(full);
	free(outp);
	free(errp);
	free(dir);
	if (st == -1)
		fail_msg("cannot run %s", cmdline);
	if (WIFSIGNALED(st))
		return 128 + WTERMSIG(st);
	return WEXITSTATUS(st);
}

const char *
tu_pmsite(void)
{
	const char *p = getenv("PMSITE");

	return p && *p ? p : "./build/pmsite";
}
