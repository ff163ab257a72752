/*
 * cmd_docs.c: gathering the postmortems `inspect` and `check` work on,
 * from disk or from a repository, with their configuration.
 */
#include "cmd_docs.h"
#include "buf.h"
#include "cmd.h"
#include "fsutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest.h"

/* The whole file into the arena, NUL-terminated. */
static int
read_file(const char **data, size_t *len, struct pm_arena *arena,
    const char *path, struct pm_error *err)
{
	struct pm_buf b = PM_BUF_INIT;
	char chunk[8192];
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = PM_ERROR;

	if (f == NULL) {
		pm_fs_error(err, path, "open", errno);
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		pm_buf_put(&b, chunk, n);
	if (ferror(f)) {
		/* a folder opens, and fails here with EISDIR */
		pm_fs_error(err, path, "read", errno);
		goto out;
	}
	*data = pm_arena_strndup(arena, pm_buf_cstr(&b), b.len);
	*len = b.len;
	rc = 0;
out:
	if (f)
		fclose(f);
	pm_buf_free(&b);
	return rc;
}

static int
parse_config(struct pm_cmd_docs *d, struct pm_arena *arena,
    const char *yml, size_t len, const char *file, struct pm_error *err)
{
	pm_config_defaults(&d->cfg);
	if (yml && pm_config_parse(&d->cfg, arena, yml, len, file,
	    &d->warnings, err) < 0)
		return PM_ERROR;
	return pm_taxonomy_compile(&d->tax, d->cfg.taxonomy,
	    d->cfg.taxonomy_replace, file, err);
}

/* The documents being gathered from disk, growing in the arena. */
struct gather {
	struct pm_cmd_docs *out;
	struct pm_arena *arena;
	size_t cap;
};

static void
gather_add(struct gather *g, const char *path, const char *data,
    size_t len)
{
	struct pm_doc *doc = pm_arena_calloc(g->arena, 1, sizeof(*doc));

	if (g->out->len == g->cap) {
		const struct pm_doc **n;

		g->cap = g->cap ? g->cap * 2 : 16;
		n = pm_arena_alloc(g->arena, pm_xmul(g->cap, sizeof(*n)));
		if (g->out->len)
			memcpy(n, g->out->docs, g->out->len * sizeof(*n));
		g->out->docs = n;
	}
	doc->path = doc->name = path;
	doc->data = data;
	doc->len = len;
	g->out->docs[g->out->len++] = doc;
}

/* pm_fs_read_tree's visitor: the Markdown files of a folder. */
static int
gather_md(const struct pm_fs_entry *e, void *payload, struct pm_error *err)
{
	struct gather *g = payload;
	size_t n = strlen(e->rel);

	(void)err;
	if (e->kind == PM_FS_FILE && n > 3 &&
	    strcmp(e->rel + n - 3, ".md") == 0)
		gather_add(g, pm_arena_strdup(g->arena, e->path),
		    pm_arena_strndup(g->arena, e->data, e->len), e->len);
	return 0;
}

/* Every Markdown file under the folder dir, in name order, as the
 * repository's content path is read (hidden names and links skipped). */
static int
gather_dir(struct gather *g, const char *dir, struct pm_error *err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;
	size_t n = strlen(dir);

	if (fd < 0)
		return pm_fs_error(err, dir, "open", errno);
	/* "content/" names its files "content/x.md" */
	while (n > 1 && dir[n - 1] == '/')
		n--;
	/* larger files stop the walk; ingest refuses those over its own,
	 * smaller, limit one by one */
	rc = pm_fs_read_tree(fd, pm_arena_strndup(g->arena, dir, n),
	    (uint64_t)4 * PM_INGEST_MAX_BYTES, gather_md, g, err);
	close(fd);
	return rc;
}

int
pm_cmd_docs_files(struct pm_cmd_docs *out, struct pm_arena *arena,
    const struct pm_cmd_docs_opts *opts, char *const *argv, size_t n,
    struct pm_error *err)
{
	struct gather g = { out, arena, 0 };
	const char *yml = NULL;
	size_t len = 0, i;

	memset(out, 0, sizeof(*out));
	if (opts->config && read_file(&yml, &len, arena, opts->config,
	    err) < 0)
		return PM_ERROR;
	if (parse_config(out, arena, yml, len, opts->config ? opts->config :
	    "pmsite.yml", err) < 0)
		return PM_ERROR;
	for (i = 0; i < n; i++) {
		struct pm_error ferr;
		struct stat st;
		const char *data;
		size_t dlen;

		pm_error_clear(&ferr);
		if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (gather_dir(&g, argv[i], &ferr) < 0) {
				pm_cmd_print_error(&ferr);
				out->unreadable++;
			}
			continue;
		}
		if (read_file(&data, &dlen, arena, argv[i], &ferr) < 0) {
			pm_cmd_print_error(&ferr);
			out->unreadable++;
			continue;
		}
		gather_add(&g, argv[i], data, dlen);
	}
	if (out->docs == NULL)
		out->docs = pm_arena_calloc(arena, 1, sizeof(*out->docs));
	return 0;
}

int
pm_cmd_docs_repo(struct pm_cmd_docs *out, struct pm_arena *arena,
    const struct pm_cmd_docs_opts *opts, struct pm_error *err)
{
	struct pm_source_opts so;
	const char *yml, *content, *file;
	size_t len, i;

	memset(out, 0, sizeof(*out));
	memset(&so, 0, sizeof(so));
	so.repo_dir = opts->repo;
	so.ref = opts->ref;
	so.content_path = opts->content ? opts->content : "content";
	so.worktree = opts->worktree;
	if (pm_source_open(&out->src, &so, err) < 0 ||
	    pm_source_load(out->src, err) < 0)
		return err->code ? err->code : PM_ERROR;
	for (i = 0; i < pm_source_warning_count(out->src); i++)
		pm_warnings_add_line(&out->warnings,
		    pm_source_warning(out->src, i));
	content = pm_source_content_path(out->src);
	file = *content ? pm_arena_printf(arena, "%s/pmsite.yml", content) :
	    "pmsite.yml";
	yml = pm_source_config(out->src, &len);
	if (parse_config(out, arena, yml, len, file, err) < 0)
		return PM_ERROR;
	out->len = pm_source_count(out->src);
	out->docs = pm_arena_calloc(arena, out->len ? out->len : 1,
	    sizeof(*out->docs));
	for (i = 0; i < out->len; i++)
		out->docs[i] = pm_source_doc(out->src, i);
	return 0;
}

void
pm_cmd_docs_close(struct pm_cmd_docs *d)
{
	pm_source_free(d->src);
	pm_taxonomy_free(d->tax);
	pm_warnings_free(&d->warnings);
	d->src = NULL;
	d->tax = NULL;
}
