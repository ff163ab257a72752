/* check_fsutil.c: listing, reading, writing and removing directory trees
 * through descriptors, on real files (and links) in a temporary directory. */
#define _XOPEN_SOURCE 700
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "fsutil.h"
#include "testutil.h"

struct fx {
	char *root;		/* a fresh temporary directory */
	int fd;			/* root, opened */
	struct pm_buf path;	/* scratch for at() */
};

static int
setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	fx->root = tu_tempdir();
	fx->fd = open(fx->root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	assert_true(fx->fd >= 0);
	*state = fx;
	return 0;
}

static int
teardown(void **state)
{
	struct fx *fx = *state;

	close(fx->fd);
	tu_rm_rf(fx->root);
	free(fx->root);
	pm_buf_free(&fx->path);
	free(fx);
	return 0;
}

/* root/rel; valid until the next call. */
static const char *
at(struct fx *fx, const char *rel)
{
	pm_buf_clear(&fx->path);
	pm_buf_printf(&fx->path, "%s/%s", fx->root, rel);
	return fx->path.ptr;
}

static void
link_at(struct fx *fx, const char *target, const char *rel)
{
	if (symlink(target, at(fx, rel)) != 0)
		fail_msg("symlink %s: %s", rel, strerror(errno));
}

/* Make n nested directories d/d/... under root/rel. */
static void
nest(struct fx *fx, const char *rel, int n)
{
	int fd, next;

	assert_int_equal(mkdir(at(fx, rel), 0755), 0);
	fd = open(at(fx, rel), O_RDONLY | O_DIRECTORY);
	assert_true(fd >= 0);
	for (int i = 0; i < n; i++) {
		assert_int_equal(mkdirat(fd, "d", 0755), 0);
		next = openat(fd, "d", O_RDONLY | O_DIRECTORY);
		assert_true(next >= 0);
		close(fd);
		fd = next;
	}
	close(fd);
}

static int
open_dir(struct fx *fx, const char *rel)
{
	int fd = open(at(fx, rel), O_RDONLY | O_DIRECTORY);

	assert_true(fd >= 0);
	return fd;
}

static void
test_list_sorted(void **state)
{
	struct fx *fx = *state;
	static const char *const want[] = { ".hidden", "B", "a", "a-b", "a.b",
	    "link", "sub", "z" };
	char **names = NULL;
	struct pm_error err = { 0 };
	size_t n;

	tu_write(fx->root, "z", "");
	tu_write(fx->root, "a.b", "");
	tu_write(fx->root, "B", "");
	tu_write(fx->root, "a-b", "");
	tu_write(fx->root, ".hidden", "");
	tu_write(fx->root, "a", "");
	tu_write(fx->root, "sub/inner", "");
	link_at(fx, "/", "link");
	/* Twice on one descriptor: the second listing is complete too. */
	for (int round = 0; round < 2; round++) {
		assert_int_equal(pm_fs_list(&names, fx->fd, fx->root, &err),
		    0);
		for (n = 0; names[n]; n++) {
			assert_true(n < sizeof(want) / sizeof(*want));
			assert_string_equal(names[n], want[n]);
		}
		assert_int_equal(n, sizeof(want) / sizeof(*want));
		pm_fs_names_free(names);
	}
	/* The descriptor is still the caller's and still open. */
	assert_int_not_equal(fcntl(fx->fd, F_GETFD), -1);
	pm_fs_names_free(NULL);
}

static void
test_list_empty_and_errors(void **state)
{
	struct fx *fx = *state;
	char *sentinel[] = { NULL };
	char **names = NULL;
	struct pm_error err = { 0 };
	int fd;

	assert_int_equal(mkdir(at(fx, "empty"), 0755), 0);
	fd = open_dir(fx, "empty");
	assert_int_equal(pm_fs_list(&names, fd, "empty", &err), 0);
	assert_null(names[0]);
	pm_fs_names_free(names);
	close(fd);

	tu_write(fx->root, "file", "x");
	fd = open(at(fx, "file"), O_RDONLY);
	assert_true(fd >= 0);
	names = sentinel;	/* a failure must reset it */
	assert_int_equal(pm_fs_list(&names, fd, "shown/file", &err),
	    PM_ERROR);
	assert_null(names);
	assert_string_equal(err.file, "shown/file");
	assert_string_equal(err.message, "read directory: not a directory");
	close(fd);

	pm_error_clear(&err);
	assert_int_equal(pm_fs_list(&names, -1, "gone", &err), PM_ERROR);
	assert_string_equal(err.message,
	    "read directory: bad file descriptor");
}

/* More entries than one read of the folder returns (the sweep of a large
 * site lists ten thousand page folders under one parent). */
static void
test_list_many(void **state)
{
	struct fx *fx = *state;
	struct pm_error err = { 0 };
	char **names = NULL, name[80];
	size_t n;
	int fd;

	assert_int_equal(mkdir(at(fx, "many"), 0755), 0);
	fd = open_dir(fx, "many");
	for (int i = 0; i < 3000; i++) {
		snprintf(name, sizeof(name), "%04d-a-page-folder-with-a-"
		    "name-long-enough-to-fill-reads", 2999 - i);
		assert_int_equal(mkdirat(fd, name, 0755), 0);
	}
	assert_int_equal(pm_fs_list(&names, fd, "many", &err), 0);
	for (n = 0; names[n]; n++) {
		snprintf(name, sizeof(name), "%04zu-a-page-folder-with-a-"
		    "name-long-enough-to-fill-reads", n);
		assert_string_equal(names[n], name);
	}
	assert_int_equal(n, 3000);
	pm_fs_names_free(names);
	close(fd);
}

static void
test_is_dir(void **state)
{
	struct fx *fx = *state;

	tu_write(fx->root, "sub/file", "x");
	link_at(fx, "sub", "link");
	assert_true(pm_fs_is_dir(fx->fd, "sub"));
	assert_false(pm_fs_is_dir(fx->fd, "sub/file"));
	assert_false(pm_fs_is_dir(fx->fd, "link"));
	assert_false(pm_fs_is_dir(fx->fd, "missing"));
}

static void
test_remove_does_not_follow_links(void **state)
{
	struct fx *fx = *state;
	struct pm_error err = { 0 };

	tu_write(fx->root, "keep/precious.txt", "mine\n");
	tu_write(fx->root, "keep/sub/deep.txt", "mine too\n");
	tu_write(fx->root, "site/index.html", "<p>\n");
	tu_write(fx->root, "site/a/b/c/page.html", "<p>\n");
	tu_write(fx->root, "site/.hidden", "dot\n");
	link_at(fx, "../keep", "site/to-dir");
	link_at(fx, "../keep/precious.txt", "site/a/to-file");
	link_at(fx, "/nonexistent", "site/dangling");
	assert_int_equal(mkfifo(at(fx, "site/a/fifo"), 0644), 0);
	link_at(fx, "keep", "top-link");

	assert_int_equal(pm_fs_remove(fx->fd, fx->root, "site", &err), 0);
	assert_false(tu_exists(at(fx, "site")));
	/* A link named directly is removed as a link, too. */
	assert_int_equal(pm_fs_remove(fx->fd, fx->root, "top-link", &err), 0);
	assert_false(tu_exists(at(fx, "top-link")));
	assert_true(tu_exists(at(fx, "keep/precious.txt")));
	assert_true(tu_exists(at(fx, "keep/sub/deep.txt")));
	assert_false(pm_error_is_set(&err));
}

static void
test_remove_missing_and_errors(void **state)
{
	struct fx *fx = *state;
	struct pm_error err = { 0 };

	assert_int_equal(pm_fs_remove(fx->fd, fx->root, "missing", &err), 0);
	assert_false(pm_error_is_set(&err));

	assert_int_equal(pm_fs_remove(-1, "shown", "x", &err), PM_ERROR);
	assert_string_equal(err.file, "shown/x");
	assert_string_equal(err.message, "stat: bad file descriptor");
	/* NULL err: the code alone. */
	assert_int_equal(pm_fs_remove(-1, "shown", "x", NULL), PM_ERROR);
}

static void
test_remove_depth_limit(void **state)
{
	struct fx *fx = *state;
	struct pm_error err = { 0 };

	/* The top plus PM_FS_DEPTH_MAX levels below it is the most. */
	nest(fx, "ok", PM_FS_DEPTH_MAX);
	assert_int_equal(pm_fs_remove(fx->fd, "", "ok", &err), 0);
	assert_false(tu_exists(at(fx, "ok")));

	nest(fx, "deep", PM_FS_DEPTH_MAX + 1);
	assert_int_equal(pm_fs_remove(fx->fd, "", "deep", &err), PM_ELIMIT);
	assert_string_equal(err.message, "too many directory levels");
	assert_non_null(strstr(err.file, "/deep/d/d/"));
	/* The first failure stops the removal: the tree is all there. */
	assert_true(tu_exists(at(fx, "deep/d/d/d")));
}

/* Records what a walk visits, one line per entry. */
struct trace {
	struct pm_buf log;
	const char *stop_at;	/* rel to fail on, or NULL */
	int calls;
};

static int
record(const struct pm_fs_entry *e, void *payload, struct pm_error *err)
{
	struct trace *t = payload;

	t->calls++;
	if (e->kind == PM_FS_DIR) {
		assert_null(e->data);
		pm_buf_printf(&t->log, "D %d %s\n", e->depth, e->rel);
	} else {
		assert_int_equal(e->data[e->len], '\0');
		assert_int_equal(strlen(e->data), e->len);
		pm_buf_printf(&t->log, "F %d %s=%s", e->depth, e->rel,
		    e->data);
	}
	/* path is display/rel. */
	assert_string_equal(e->path + strlen("shown/"), e->rel);
	assert_memory_equal(e->path, "shown/", 6);
	if (t->stop_at && strcmp(e->rel, t->stop_at) == 0)
		return pm_error_set(err, PM_EEXISTS, e->path, 0, 0, "stop");
	return 0;
}

static void
test_read_tree_order_and_skips(void **state)
{
	struct fx *fx = *state;
	struct trace t = { PM_BUF_INIT, NULL, 0 };
	struct pm_error err = { 0 };
	int fd;

	tu_write(fx->root, "secret.txt", "do not publish\n");
	tu_write(fx->root, "tree/b.txt", "b\n");
	tu_write(fx->root, "tree/a.css", "a\n");
	tu_write(fx->root, "tree/empty", "");
	tu_write(fx->root, "tree/img/icons/fire.svg", "<svg/>\n");
	tu_write(fx->root, "tree/img/logo.png", "png\n");
	tu_write(fx->root, "tree/.DS_Store", "junk");
	tu_write(fx->root, "tree/.git/config", "[core]\n");
	tu_write(fx->root, "tree/img/.cache/x", "x");
	link_at(fx, "../secret.txt", "tree/leak.txt");
	link_at(fx, "..", "tree/up");
	assert_int_equal(mkfifo(at(fx, "tree/fifo"), 0644), 0);

	fd = open_dir(fx, "tree");
	assert_int_equal(pm_fs_read_tree(fd, "shown", 1 << 20, record, &t,
	    &err), 0);
	close(fd);
	assert_string_equal(t.log.ptr,
	    "F 1 a.css=a\n"
	    "F 1 b.txt=b\n"
	    "F 1 empty="
	    "D 1 img\n"
	    "D 2 img/icons\n"
	    "F 3 img/icons/fire.svg=<svg/>\n"
	    "F 2 img/logo.png=png\n");
	assert_false(pm_error_is_set(&err));
	pm_buf_free(&t.log);
}

static void
test_read_tree_visitor_stops(void **state)
{
	struct fx *fx = *state;
	struct trace t = { PM_BUF_INIT, "b", 0 };
	struct pm_error err = { 0 };
	int fd;

	tu_write(fx->root, "tree/a", "a");
	tu_write(fx->root, "tree/b/inside", "never read");
	tu_write(fx->root, "tree/c", "never read");
	fd = open_dir(fx, "tree");
	assert_int_equal(pm_fs_read_tree(fd, "shown", 100, record, &t, &err),
	    PM_EEXISTS);
	close(fd);
	/* The directory is visited before its contents, and the walk ends
	 * at the visitor's error, whose code and message come back. */
	assert_int_equal(t.calls, 2);
	assert_string_equal(t.log.ptr, "F 1 a=aD 1 b\n");
	assert_string_equal(err.file, "shown/b");
	assert_string_equal(err.message, "stop");
	pm_buf_free(&t.log);
}

static void
test_read_tree_limits(void **state)
{
	struct fx *fx = *state;
	struct trace t = { PM_BUF_INIT, NULL, 0 };
	struct pm_error err = { 0 };
	char *big = malloc((1u << 20) + 2);
	int fd;

	assert_non_null(big);
	memset(big, 'x', (1u << 20) + 1);
	big[(1u << 20) + 1] = '\0';
	tu_write(fx->root, "tree/big", big);
	big[1u << 20] = '\0';
	tu_write(fx->root, "tree/fits", big);
	free(big);
	fd = open_dir(fx, "tree");
	assert_int_equal(pm_fs_read_tree(fd, "shown", 1u << 20, record, &t,
	    &err), PM_ELIMIT);
	assert_string_equal(err.file, "shown/big");
	assert_string_equal(err.message, "larger than 1 MiB");
	assert_int_equal(t.calls, 0);

	/* Exactly the limit is fine; a limit in bytes is said in bytes. */
	tu_write(fx->root, "small/ten", "0123456789");
	tu_write(fx->root, "small/eleven", "0123456789A");
	close(fd);
	fd = open_dir(fx, "small");
	pm_error_clear(&err);
	assert_int_equal(pm_fs_read_tree(fd, "shown", 10, record, &t, &err),
	    PM_ELIMIT);
	assert_string_equal(err.message, "larger than 10 bytes");
	assert_string_equal(err.file, "shown/eleven");
	pm_error_clear(&err);
	assert_int_equal(unlinkat(fd, "eleven", 0), 0);
	assert_int_equal(pm_fs_read_tree(fd, "shown", 10, record, &t, &err),
	    0);
	assert_string_equal(t.log.ptr, "F 1 ten=0123456789");
	close(fd);
	pm_buf_free(&t.log);
}

static int
count_dirs(const struct pm_fs_entry *e, void *payload, struct pm_error *err)
{
	(void)err;
	if (e->kind == PM_FS_DIR)
		*(int *)payload = e->depth;
	return 0;
}

static void
test_read_tree_depth_limit(void **state)
{
	struct fx *fx = *state;
	struct pm_error err = { 0 };
	int fd, deepest = 0;

	nest(fx, "ok", PM_FS_DEPTH_MAX);
	fd = open_dir(fx, "ok");
	assert_int_equal(pm_fs_read_tree(fd, "ok", 1, count_dirs, &deepest,
	    &err), 0);
	assert_int_equal(deepest, PM_FS_DEPTH_MAX);
	close(fd);

	nest(fx, "deep", PM_FS_DEPTH_MAX + 1);
	fd = open_dir(fx, "deep");
	assert_int_equal(pm_fs_read_tree(fd, "deep", 1, count_dirs, &deepest,
	    &err), PM_ELIMIT);
	assert_string_equal(err.message, "too many directory levels");
	close(fd);
}

static void
test_read_tree_unreadable(void **state)
{
	struct pm_error err = { 0 };
	int deepest = 0;

	/* A descriptor that is no directory: the listing fails, named. */
	assert_int_equal(pm_fs_read_tree(-1, "shown", 1, count_dirs,
	    &deepest, &err), PM_ERROR);
	assert_string_equal(err.file, "shown");
	assert_string_equal(err.message,
	    "read directory: bad file descriptor");
	(void)state;
}

static void
test_write_creates_and_refuses(void **state)
{
	struct fx *fx = *state;
	struct pm_error err = { 0 };
	char *got;
	struct stat st;
	int fd;

	tu_write(fx->root, "outside/victim", "untouched");
	assert_int_equal(mkdir(at(fx, "site"), 0755), 0);
	link_at(fx, "../outside", "site/link");
	fd = open_dir(fx, "site");

	assert_int_equal(pm_fs_write(fd, "shown", "a/b/c.html", "<p>\n", 4,
	    &err), 0);
	assert_int_equal(pm_fs_write(fd, "shown", "top.txt", "", 0, &err), 0);
	got = tu_read(at(fx, "site/a/b/c.html"), NULL);
	assert_string_equal(got, "<p>\n");
	free(got);
	assert_int_equal(lstat(at(fx, "site/top.txt"), &st), 0);
	assert_true(S_ISREG(st.st_mode));
	assert_int_equal(st.st_size, 0);
	assert_false(pm_error_is_set(&err));

	/* Nothing is overwritten. */
	assert_int_equal(pm_fs_write(fd, "shown", "a/b/c.html", "x", 1, &err),
	    PM_EEXISTS);
	assert_string_equal(err.file, "shown/a/b/c.html");
	assert_non_null(strstr(err.message, "already exists"));
	got = tu_read(at(fx, "site/a/b/c.html"), NULL);
	assert_string_equal(got, "<p>\n");
	free(got);

	/* A file on the way is not a directory. */
	pm_error_clear(&err);
	assert_int_equal(pm_fs_write(fd, "shown", "top.txt/x", "x", 1, &err),
	    PM_EEXISTS);
	assert_string_equal(err.message,
	    "\"top.txt\" was already written as a file");

	/* Nor is a link, even to a directory: nothing lands outside. */
	pm_error_clear(&err);
	assert_int_equal(pm_fs_write(fd, "shown", "link/victim", "x", 1,
	    &err), PM_EEXISTS);
	assert_int_equal(pm_fs_write(fd, "shown", "link/new", "x", 1, &err),
	    PM_EEXISTS);
	assert_false(tu_exists(at(fx, "outside/new")));
	got = tu_read(at(fx, "outside/victim"), NULL);
	assert_string_equal(got, "untouched");
	free(got);
	/* A link as the file itself is not written through either. */
	pm_error_clear(&err);
	assert_int_equal(pm_fs_write(fd, "shown", "link", "x", 1, &err),
	    PM_EEXISTS);
	close(fd);

	/* System errors name the file and the step. */
	pm_error_clear(&err);
	assert_int_equal(pm_fs_write(-1, "shown", "a/x", "x", 1, &err),
	    PM_ERROR);
	assert_string_equal(err.file, "shown/a/x");
	assert_string_equal(err.message, "mkdir: bad file descriptor");
	pm_error_clear(&err);
	assert_int_equal(pm_fs_write(-1, "shown", "x", "x", 1, &err),
	    PM_ERROR);
	assert_string_equal(err.message, "create: bad file descriptor");
}

static void
test_exchange(void **state)
{
	struct fx *fx = *state;
	char *got;

	tu_write(fx->root, "a/which", "a");
	tu_write(fx->root, "b/which", "b");
	if (pm_fs_exchange(fx->fd, "a", "b") != 0) {
		if (errno == ENOSYS || errno == EINVAL || errno == ENOTSUP ||
		    errno == EOPNOTSUPP)
			skip();	/* no exchange here: the fallback's case */
		fail_msg("exchange: %s", strerror(errno));
	}
	got = tu_read(at(fx, "a/which"), NULL);
	assert_string_equal(got, "b");
	free(got);
	got = tu_read(at(fx, "b/which"), NULL);
	assert_string_equal(got, "a");
	free(got);
	assert_int_equal(pm_fs_exchange(fx->fd, "a", "missing"), -1);
	assert_int_equal(errno, ENOENT);
}

/* Does pm_fs_open_beneath(fd, path) fail with errno e or also (or is
 * there no openat2 here, and the caller walks)? */
static int
beneath_fails(int fd, const char *path, int e, int also)
{
	int got = pm_fs_open_beneath(fd, path);

	if (got >= 0)
		close(got);
	return got < 0 && (errno == e || errno == also || errno == ENOSYS);
}

static void
test_open_beneath(void **state)
{
	struct fx *fx = *state;
	struct stat st, want;
	int fd;

	tu_write(fx->root, "a/b/c/f", "x");
	tu_write(fx->root, "outside/c/f", "y");
	link_at(fx, at(fx, "outside"), "a/up");
	link_at(fx, "b", "a/same");
	fd = pm_fs_open_beneath(fx->fd, "a/b/c");
	if (fd < 0 && errno == ENOSYS)
		skip();		/* no openat2: the walk's case */
	assert_true(fd >= 0);
	assert_int_equal(fstat(fd, &st), 0);
	assert_int_equal(stat(at(fx, "a/b/c"), &want), 0);
	assert_true(st.st_ino == want.st_ino);
	close(fd);
	/* No link is followed, on the way or at the end (ENOTDIR there,
	 * as O_NOFOLLOW | O_DIRECTORY gives), even one that stays inside;
	 * a missing level and a file fail as a walk would. */
	assert_true(beneath_fails(fx->fd, "a/up/c", ELOOP, ELOOP));
	assert_true(beneath_fails(fx->fd, "a/same/c", ELOOP, ELOOP));
	assert_true(beneath_fails(fx->fd, "a/up", ELOOP, ENOTDIR));
	assert_true(beneath_fails(fx->fd, "a/none/c", ENOENT, ENOENT));
	assert_true(beneath_fails(fx->fd, "a/b/c/f", ENOTDIR, ENOTDIR));
	assert_true(beneath_fails(fx->fd, "a/b/c/f/g", ENOTDIR, ENOTDIR));
	/* Nothing outside fd, by `..` or an absolute path. */
	assert_true(beneath_fails(fx->fd, "a/../..", EXDEV, EXDEV));
	assert_true(beneath_fails(fx->fd, at(fx, "a"), EXDEV, EXDEV));
}

static void
test_sync_and_error(void **state)
{
	struct fx *fx = *state;
	struct pm_error err = { 0 };

	assert_int_equal(pm_fs_sync(fx->fd), 0);
	assert_int_equal(pm_fs_sync(-1), -1);
	assert_int_equal(errno, EBADF);

	assert_int_equal(pm_fs_error(&err, "f.txt", "open", ENOENT),
	    PM_ERROR);
	assert_string_equal(err.file, "f.txt");
	assert_string_equal(err.message, "open: no such file or directory");
	/* The first error wins, and NULL err is allowed. */
	assert_int_equal(pm_fs_error(&err, "g", "read", EIO), PM_ERROR);
	assert_string_equal(err.file, "f.txt");
	assert_int_equal(pm_fs_error(NULL, "g", "read", EIO), PM_ERROR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(test_list_sorted),
		T(test_list_empty_and_errors),
		T(test_list_many),
		T(test_is_dir),
		T(test_remove_does_not_follow_links),
		T(test_remove_missing_and_errors),
		T(test_remove_depth_limit),
		T(test_read_tree_order_and_skips),
		T(test_read_tree_visitor_stops),
		T(test_read_tree_limits),
		T(test_read_tree_depth_limit),
		T(test_read_tree_unreadable),
		T(test_write_creates_and_refuses),
		T(test_exchange),
		T(test_open_beneath),
		T(test_sync_and_error),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
