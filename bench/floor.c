/*
 * floor.c: the least work any generator of this site has to do, as the
 * reference cost of the benchmarks: read every Markdown blob under the
 * content path of HEAD with libgit2, convert it to HTML with cmark-gfm and
 * the GFM extensions pmsite attaches, and write one HTML file per page
 * (OUT/<name>/index.html, the shape of pmsite's incident pages), on one
 * thread, with no template, no front matter parsing beyond skipping it,
 * no git history and no fsync.
 *
 * usage: floor REPO OUT [CONTENT]	(CONTENT defaults to "content")
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <git2.h>

/* The extensions and options of pmsite's generator/markdown.c. */
static const char *const extension_names[] = {
	"table", "strikethrough", "autolink", "tasklist", "tagfilter"
};

#define OPTIONS (CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | \
	CMARK_OPT_VALIDATE_UTF8)

struct walk {
	git_repository *repo;
	const char *out;
	size_t pages;
	int failed;
};

static const char *
git_message(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "error";
}

/* The body after a leading YAML block, which is not Markdown. */
static const char *
skip_front_matter(const char *p, size_t *len)
{
	const char *end = NULL;

	if (*len >= 4 && memcmp(p, "---\n", 4) == 0)
		end = strstr(p + 3, "\n---\n");
	if (end) {
		end += 5;
		*len -= (size_t)(end - p);
		p = end;
	}
	return p;
}

static char *
to_html(const char *md, size_t len)
{
	cmark_parser *parser = cmark_parser_new(OPTIONS);
	cmark_node *doc = NULL;
	char *html = NULL;
	size_t i;

	for (i = 0; i < sizeof(extension_names) / sizeof(*extension_names);
	    i++) {
		cmark_syntax_extension *ext =
		    cmark_find_syntax_extension(extension_names[i]);

		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	cmark_parser_feed(parser, md, len);
	doc = cmark_parser_finish(parser);
	if (doc)
		html = cmark_render_html(doc, OPTIONS,
		    cmark_parser_get_syntax_extensions(parser));
	cmark_node_free(doc);
	cmark_parser_free(parser);
	return html;
}

static int
write_page(const char *out, const char *name, const char *html)
{
	char path[4096];
	size_t stem = strlen(name) - 3;
	FILE *f = NULL;
	int rc = -1;

	snprintf(path, sizeof(path), "%s/%.*s", out, (int)stem, name);
	if (mkdir(path, 0777) < 0 && errno != EEXIST)
		goto out;
	snprintf(path, sizeof(path), "%s/%.*s/index.html", out, (int)stem,
	    name);
	f = fopen(path, "w");
	if (!f)
		goto out;
	fprintf(f, "<!doctype html>\n<meta charset=\"utf-8\">\n"
	    "<title>%.*s</title>\n<main>\n", (int)stem, name);
	fputs(html, f);
	fputs("</main>\n", f);
	rc = ferror(f) ? -1 : 0;
out:
	if (f && fclose(f) != 0)
		rc = -1;
	if (rc < 0)
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
	return rc;
}

static int
visit(const char *root, const git_tree_entry *entry, void *payload)
{
	struct walk *w = payload;
	const char *name = git_tree_entry_name(entry);
	size_t n = strlen(name), len;
	git_blob *blob = NULL;
	const char *md;
	char *html = NULL;
	int rc = 0;

	(void)root;
	if (git_tree_entry_type(entry) != GIT_OBJECT_BLOB || n < 4 ||
	    strcmp(name + n - 3, ".md") != 0)
		goto out;
	if (git_blob_lookup(&blob, w->repo, git_tree_entry_id(entry)) < 0) {
		fprintf(stderr, "floor: %s%s: %s\n", root, name,
		    git_message());
		goto fail;
	}
	len = (size_t)git_blob_rawsize(blob);
	md = skip_front_matter(git_blob_rawcontent(blob), &len);
	html = to_html(md, len);
	if (!html || write_page(w->out, name, html) < 0)
		goto fail;
	w->pages++;
	goto out;
fail:
	w->failed = 1;
	rc = -1;
out:
	free(html);
	git_blob_free(blob);
	return rc;
}

int
main(int argc, char **argv)
{
	struct walk w = { NULL, NULL, 0, 0 };
	git_object *tree = NULL;
	git_tree *content = NULL;
	struct timespec t0, t1;
	char spec[4096];
	int rc = 1;

	if (argc < 3 || argc > 4) {
		fputs("usage: floor REPO OUT [CONTENT]\n", stderr);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	git_libgit2_init();
	cmark_gfm_core_extensions_ensure_registered();
	w.out = argv[2];
	if (mkdir(w.out, 0777) < 0) {
		fprintf(stderr, "floor: %s: %s\n", w.out, strerror(errno));
		goto out;
	}
	snprintf(spec, sizeof(spec), "HEAD:%s", argc > 3 ? argv[3] :
	    "content");
	if (git_repository_open(&w.repo, argv[1]) < 0 ||
	    git_revparse_single(&tree, w.repo, spec) < 0 ||
	    git_object_peel((git_object **)&content, tree,
	    GIT_OBJECT_TREE) < 0) {
		fprintf(stderr, "floor: %s: %s\n", argv[1],
		    git_message());
		goto out;
	}
	if (git_tree_walk(content, GIT_TREEWALK_PRE, visit, &w) < 0 ||
	    w.failed)
		goto out;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("floor: %zu pages, %.2f s -> %s\n", w.pages,
	    (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, w.out);
	rc = 0;
out:
	git_tree_free(content);
	git_object_free(tree);
	git_repository_free(w.repo);
	git_libgit2_shutdown();
	return rc;
}
