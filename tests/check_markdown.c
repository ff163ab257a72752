/*
 * check_markdown.c: Markdown through the real cmark-gfm: GFM extensions,
 * safe and unsafe HTML, heading ids, plain text and line numbers, and the
 * golden files of tests/regress/md (CASE.md rendered must equal CASE.html;
 * REBUILD=1 rewrites the .html files and prints what changed).
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <cmark-gfm-core-extensions.h>

#include "frontmatter.h"
#include "markdown.h"
#include "testutil.h"

static struct pm_markdown *
parse(const char *src, int first_line, int unsafe)
{
	struct pm_markdown_opts opts = { "t.md", first_line, unsafe, NULL };
	struct pm_markdown *md = NULL;
	struct pm_error err;

	pm_error_clear(&err);
	assert_int_equal(pm_markdown_parse(&md, src, strlen(src), &opts,
	    &err), 0);
	assert_non_null(md);
	return md;
}

/* src rendered; free() the result. */
static char *
render(const char *src, int unsafe, unsigned flags)
{
	struct pm_markdown *md = parse(src, 1, unsafe);
	struct pm_buf out = PM_BUF_INIT;

	pm_markdown_render_html(&out, md, flags);
	pm_markdown_free(md);
	return pm_buf_detach(&out, NULL);
}

static void
assert_html(const char *src, int unsafe, const char *want)
{
	char *got = render(src, unsafe, 0);

	assert_string_equal(got, want);
	free(got);
}

static void
assert_buf(const struct pm_buf *b, const char *want)
{
	assert_string_equal(pm_buf_cstr(b), want);
}

/* What cmark itself renders for md's tree, with pmsite's options. */
static char *
render_native(struct pm_markdown *md, int unsafe)
{
	static const char *const names[] = {
		"table", "strikethrough", "autolink", "tasklist", "tagfilter"
	};
	cmark_mem *mem = cmark_get_default_mem_allocator();
	cmark_llist *exts = NULL;
	char *html;

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		exts = cmark_llist_append(mem, exts,
		    cmark_find_syntax_extension(names[i]));
	html = cmark_render_html(pm_markdown_root(md), CMARK_OPT_SMART |
	    CMARK_OPT_FOOTNOTES | (unsafe ? CMARK_OPT_UNSAFE : 0), exts);
	cmark_llist_free(mem, exts);
	return html;
}

/* html without the id attributes of its <h1>...<h6> tags, in place. */
static char *
strip_heading_ids(char *html)
{
	char *r = html, *w = html;

	while (*r) {
		if (r[0] == '<' && r[1] == 'h' && r[2] >= '1' && r[2] <= '6' &&
		    strncmp(r + 3, " id=\"", 5) == 0) {
			memcpy(w, r, 3);
			w += 3;
			r = strchr(r + 8, '"') + 1;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return html;
}

/* ------------------------------------------------------------ parsing */

static void
test_parse_before_init(void **state)
{
	struct pm_markdown_opts opts = { "post.md", 1, 0, NULL };
	struct pm_markdown *md = (struct pm_markdown *)&opts;
	struct pm_error err;

	pm_error_clear(&err);
	assert_int_equal(pm_markdown_parse(&md, "x", 1, &opts, &err),
	    PM_ERROR);
	assert_null(md);
	assert_string_equal(err.file, "post.md");
	assert_string_equal(err.message, "markdown: extension table is not "
	    "registered (pm_markdown_init was not called)");
}

static void
test_free_null(void **state)
{
	pm_markdown_free(NULL);
}

static void
test_table(void **state)
{
	assert_html("| a | b | c |\n| :-- | --: | :-: |\n"
	    "| 1 | *2* | 3 \\| 4 |\n", 0,
	    "<table>\n<thead>\n<tr>\n"
	    "<th align=\"left\">a</th>\n"
	    "<th align=\"right\">b</th>\n"
	    "<th align=\"center\">c</th>\n"
	    "</tr>\n</thead>\n<tbody>\n<tr>\n"
	    "<td align=\"left\">1</td>\n"
	    "<td align=\"right\"><em>2</em></td>\n"
	    "<td align=\"center\">3 | 4</td>\n"
	    "</tr>\n</tbody>\n</table>\n");
}

static void
test_strikethrough(void **state)
{
	assert_html("~~gone~~ and ~gone~\n", 0,
	    "<p><del>gone</del> and <del>gone</del></p>\n");
}

static void
test_autolink(void **state)
{
	assert_html("See www.example.com and https://x.example/a. "
	    "Mail sre@example.com.\n", 0,
	    "<p>See <a href=\"http://www.example.com\">www.example.com</a> "
	    "and <a href=\"https://x.example/a\">https://x.example/a</a>. "
	    "Mail <a href=\"mailto:sre@example.com\">sre@example.com</a>."
	    "</p>\n");
}

static void
test_tasklist(void **state)
{
	const char *src = "- [ ] open\n- [x] done\n";
	struct pm_markdown *md;
	cmark_node *item;

	assert_html(src, 0, "<ul>\n"
	    "<li><input type=\"checkbox\" disabled=\"\" /> open</li>\n"
	    "<li><input type=\"checkbox\" checked=\"\" disabled=\"\" /> "
	    "done</li>\n</ul>\n");

	/* The extractor reads the state from the tree. */
	md = parse(src, 1, 0);
	item = cmark_node_first_child(cmark_node_first_child(
	    pm_markdown_root(md)));
	assert_string_equal(cmark_node_get_type_string(item), "tasklist");
	assert_false(cmark_gfm_extensions_get_tasklist_item_checked(item));
	item = cmark_node_next(item);
	assert_true(cmark_gfm_extensions_get_tasklist_item_checked(item));
	pm_markdown_free(md);
}

static void
test_tagfilter_unsafe(void **state)
{
	/* Trusted HTML stays, but the tag filter still defuses <script>,
	 * <iframe>, <style>... by escaping their opening bracket. */
	assert_html("Run <script>alert(1)</script> <b>ok</b> "
	    "<iframe src=x></iframe>\n", 1,
	    "<p>Run &lt;script>alert(1)&lt;/script> <b>ok</b> "
	    "&lt;iframe src=x>&lt;/iframe></p>\n");
	assert_html("<style>\np { color: red }\n</style>\n", 1,
	    "&lt;style>\np { color: red }\n&lt;/style>\n");
}

static void
test_raw_html(void **state)
{
	const char *src = "A <b>bold</b> word.\n\n<div>\nblock\n</div>\n";

	assert_html(src, 0,
	    "<p>A <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> "
	    "word.</p>\n<!-- raw HTML omitted -->\n");
	assert_html(src, 1, "<p>A <b>bold</b> word.</p>\n"
	    "<div>\nblock\n</div>\n");
	/* Text that merely looks like HTML is escaped, in both modes. */
	assert_html("a < b & `<i>`\n", 0,
	    "<p>a &lt; b &amp; <code>&lt;i&gt;</code></p>\n");
}

static void
test_dangerous_urls(void **state)
{
	const char *src = "[a](javascript:alert(1)) [b](JaVaScRiPt:x) "
	    "[c](vbscript:x) [d](file:///etc/passwd) "
	    "[e](data:text/html,x) ![f](data:image/png;base64,AA) "
	    "[g](https://ok.example/)\n";

	assert_html(src, 0, "<p><a href=\"\">a</a> <a href=\"\">b</a> "
	    "<a href=\"\">c</a> <a href=\"\">d</a> <a href=\"\">e</a> "
	    "<img src=\"data:image/png;base64,AA\" alt=\"f\" /> "
	    "<a href=\"https://ok.example/\">g</a></p>\n");
	/* Unsafe mode trusts the author with every scheme. */
	assert_html("[a](javascript:alert(1))\n", 1,
	    "<p><a href=\"javascript:alert(1)\">a</a></p>\n");
}

static void
test_smart_punctuation(void **state)
{
	assert_html("\"Yes,\" she said, 'it's 10--20 min --- or more...'\n",
	    0, "<p>\xe2\x80\x9cYes,\xe2\x80\x9d she said, \xe2\x80\x98it"
	    "\xe2\x80\x99s 10\xe2\x80\x93" "20 min \xe2\x80\x94 or more"
	    "\xe2\x80\xa6\xe2\x80\x99</p>\n");
	/* Code keeps its ASCII. */
	assert_html("`\"a\" -- ...`\n", 0,
	    "<p><code>&quot;a&quot; -- ...</code></p>\n");
}

static void
test_footnotes(void **state)
{
	assert_html("Peak[^p].\n\n[^p]: At 23:48.\n", 0,
	    "<p>Peak<sup class=\"footnote-ref\"><a href=\"#fn-p\" "
	    "id=\"fnref-p\" data-footnote-ref>1</a></sup>.</p>\n"
	    "<section class=\"footnotes\" data-footnotes>\n<ol>\n"
	    "<li id=\"fn-p\">\n<p>At 23:48. <a href=\"#fnref-p\" "
	    "class=\"footnote-backref\" data-footnote-backref "
	    "aria-label=\"Back to content\">\xe2\x86\xa9</a></p>\n"
	    "</li>\n</ol>\n</section>\n");
}

static void
test_invalid_utf8_and_bom(void **state)
{
	/* Broken bytes become U+FFFD.  A byte order mark at the
	 * start is not text. */
	const char src[] = "\xef\xbb\xbf# T\n\nbad \xff\xfe byte\n";

	assert_html(src, 0, "<h1 id=\"t\">T</h1>\n"
	    "<p>bad \xef\xbf\xbd\xef\xbf\xbd byte</p>\n");
}

/* ----------------------------------------------------------- headings */

static void
test_heading_ids(void **state)
{
	assert_html(
	    "# Root Cause and Resolution\n"
	    "## What went *well* --- and what didn't?\n"
	    "## `max_connections` (again)\n"
	    "## Timeline\n"
	    "## Timeline\n"
	    "## Timeline 1\n"
	    "## Timeline\n"
	    "### R\xc3\xa9sum\xc3\xa9 \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac "
	    "\xf0\x9f\x9a\x80\n"
	    "#### \xc3\x9c" "ber\n"
	    "#\n"
	    "## ...\n"
	    "Setext  --  Title\n=====\n", 0,
	    "<h1 id=\"root-cause-and-resolution\">Root Cause and Resolution"
	    "</h1>\n"
	    "<h2 id=\"what-went-well-and-what-didn-t\">What went <em>well"
	    "</em> \xe2\x80\x94 and what didn\xe2\x80\x99t?</h2>\n"
	    "<h2 id=\"max-connections-again\"><code>max_connections</code> "
	    "(again)</h2>\n"
	    "<h2 id=\"timeline\">Timeline</h2>\n"
	    "<h2 id=\"timeline-1\">Timeline</h2>\n"
	    "<h2 id=\"timeline-1-1\">Timeline 1</h2>\n"
	    "<h2 id=\"timeline-2\">Timeline</h2>\n"
	    "<h3 id=\"r\xc3\xa9sum\xc3\xa9-\xe6\x97\xa5\xe6\x9c\xac\">"
	    "R\xc3\xa9sum\xc3\xa9 \xe2\x80\x94 \xe6\x97\xa5\xe6\x9c\xac "
	    "\xf0\x9f\x9a\x80</h3>\n"
	    "<h4 id=\"\xc3\x9c" "ber\">\xc3\x9c" "ber</h4>\n"
	    "<h1 id=\"section\"></h1>\n"
	    "<h2 id=\"section-1\">\xe2\x80\xa6</h2>\n"
	    "<h1 id=\"setext-title\">Setext  \xe2\x80\x93  Title</h1>\n");
}

static void
test_heading_anchors(void **state)
{
	char *got = render("## Issue Summary\n\n> ### Issue Summary\n", 0,
	    PM_MARKDOWN_ANCHORS);

	assert_string_equal(got,
	    "<h2 id=\"issue-summary\">Issue Summary<a class=\"anchor\" "
	    "href=\"#issue-summary\" aria-hidden=\"true\" tabindex=\"-1\">#"
	    "</a></h2>\n<blockquote>\n"
	    "<h3 id=\"issue-summary-1\">Issue Summary<a class=\"anchor\" "
	    "href=\"#issue-summary-1\" aria-hidden=\"true\" tabindex=\"-1\">"
	    "#</a></h3>\n</blockquote>\n");
	free(got);
}

static void
test_render_restores_tree(void **state)
{
	const char *src = "# One\n\n- ## Two *em*\n\n> ### Three\n\n"
	    "Text[^n].\n\n[^n]: ## Four\n";
	struct pm_markdown *md = parse(src, 1, 0);
	struct pm_buf a = PM_BUF_INIT, b = PM_BUF_INIT;
	char *before, *after;
	cmark_node *h;

	before = cmark_render_xml(pm_markdown_root(md), 0);
	pm_markdown_render_html(&a, md, 0);
	after = cmark_render_xml(pm_markdown_root(md), 0);
	/* The same tree, node for node, and the same HTML next time. */
	assert_string_equal(after, before);
	pm_markdown_render_html(&b, md, 0);
	assert_string_equal(pm_buf_cstr(&b), pm_buf_cstr(&a));
	pm_buf_clear(&b);
	h = pm_markdown_first_heading(&b, md);
	assert_int_equal(cmark_node_get_type(h), CMARK_NODE_HEADING);
	assert_buf(&b, "One");
	free(before);
	free(after);
	pm_buf_free(&a);
	pm_buf_free(&b);
	pm_markdown_free(md);
}

static void
test_render_matches_cmark(void **state)
{
	/* Apart from the ids, the output is exactly cmark's own. */
	const char *src = "Title\n=====\n\n- # In *a* list\n- [x] task\n\n"
	    "> ## Quoted `code`\n\n| h |\n| - |\n| c |\n\n"
	    "<b>raw</b>\n\nNote[^1].\n\n[^1]: ### In a note\n";

	for (int unsafe = 0; unsafe <= 1; unsafe++) {
		struct pm_markdown *md = parse(src, 1, unsafe);
		struct pm_buf ours = PM_BUF_INIT;
		char *native = render_native(md, unsafe);

		pm_markdown_render_html(&ours, md, 0);
		assert_non_null(strstr(ours.ptr, "<h1 id=\"in-a-list\">"));
		assert_string_equal(strip_heading_ids(ours.ptr), native);
		free(native);
		pm_buf_free(&ours);
		pm_markdown_free(md);
	}
}

static void
test_slug(void **state)
{
	static const struct {
		const char *text, *slug;
	} cases[] = {
		{ "Issue Summary", "issue-summary" },
		{ "  --Root  Cause!--  ", "root-cause" },
		{ "2024-03-05 10:00 UTC", "2024-03-05-10-00-utc" },
		{ "A_B.C/D", "a-b-c-d" },
		{ "caf\xc3\xa9 \xc3\x89t\xc3\xa9",
		  "caf\xc3\xa9-\xc3\x89t\xc3\xa9" },
		{ "\xd0\x9e\xd1\x82\xd0\xba\xd0\xb0\xd0\xb7",
		  "\xd0\x9e\xd1\x82\xd0\xba\xd0\xb0\xd0\xb7" },
		{ "a\xc2\xa0" "b\xe3\x80\x82" "c", "a-b-c" },
		{ "\xe2\x80\x9cquoted\xe2\x80\x9d", "quoted" },
		{ "bad\xff" "byte", "bad-byte" },
		{ "\xf0\x9f\x94\xa5\xf0\x9f\x94\xa5", "" },
		{ "", "" },
	};
	struct pm_buf b = PM_BUF_INIT;

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		pm_buf_clear(&b);
		pm_markdown_slug(&b, cases[i].text, strlen(cases[i].text));
		assert_buf(&b, cases[i].slug);
	}
	/* Appends, and a NUL byte is a separator like any control. */
	pm_buf_clear(&b);
	pm_buf_puts(&b, "x:");
	pm_markdown_slug(&b, "A\0B", 3);
	assert_buf(&b, "x:a-b");
	pm_buf_free(&b);
}

/* -------------------------------------------------------- plain text */

static void
test_node_text(void **state)
{
	struct pm_markdown *md = parse("Soft\nbreak, hard  \nbreak, `code`, "
	    "[link *text*](https://x.example), ![alt](a.png), <b>html</b>"
	    "[^1].\n\n- one\n- two\n\n```\ncode block\n```\n\n"
	    "[^1]: Note.\n", 1, 0);
	struct pm_buf b = PM_BUF_INIT;

	pm_markdown_node_text(&b, cmark_node_first_child(
	    pm_markdown_root(md)));
	assert_buf(&b, "Soft break, hard\nbreak, code, link text, alt, "
	    "html.");
	pm_buf_clear(&b);
	pm_markdown_node_text(&b, pm_markdown_root(md));
	assert_buf(&b, "Soft break, hard\nbreak, code, link text, alt, "
	    "html.\none\ntwo\ncode block\nNote.");
	pm_buf_clear(&b);
	pm_markdown_node_text(&b, NULL);
	assert_int_equal(b.len, 0);
	pm_buf_free(&b);
	pm_markdown_free(md);
}

static void
test_first_heading_and_paragraph(void **state)
{
	struct pm_markdown *md = parse("- a list paragraph\n\n"
	    "> a quoted one\n\n#\n\n## **Disk** full\n\n"
	    "<!-- a comment -->\n\nThe disk\nfilled up.\n\n# Later\n\n"
	    "Second.\n", 1, 0);
	struct pm_buf b = PM_BUF_INIT;
	cmark_node *n;

	/* An empty heading is no title. */
	n = pm_markdown_first_heading(&b, md);
	assert_buf(&b, "Disk full");
	assert_int_equal(cmark_node_get_heading_level(n), 2);
	assert_int_equal(pm_markdown_node_line(n), 7);
	pm_buf_clear(&b);
	/* Lists and quotes hold no summary. */
	n = pm_markdown_first_paragraph(&b, md);
	assert_buf(&b, "The disk filled up.");
	assert_int_equal(pm_markdown_node_line(n), 11);
	pm_buf_free(&b);
	pm_markdown_free(md);

	md = parse("```\nonly code\n```\n", 1, 0);
	pm_buf_puts(&b, "kept");
	assert_null(pm_markdown_first_heading(&b, md));
	assert_null(pm_markdown_first_paragraph(&b, md));
	assert_buf(&b, "kept");
	pm_buf_free(&b);
	pm_markdown_free(md);
}

static void
test_word_count(void **state)
{
	struct pm_markdown *md = parse("# Disk full\n\n"
	    "On 2024-03-05 the *disk* didn't\nfill \xe2\x80\x94 it was "
	    "`logs` -- really.\n\n- [x] rotate logs\n\n"
	    "| a | b |\n| - | - |\n| one | two |\n\n"
	    "```\nnot counted here\n```\n\n"
	    "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e \xf0\x9f\x9a\x80 !!\n", 1,
	    0);

	/* Disk full (2), On 2024-03-05 the disk didn't fill it was logs
	 * really. (10), rotate logs (2), a b one two (4), the Japanese
	 * run (1); the dashes, the rocket and "!!" are no words. */
	assert_int_equal(pm_markdown_word_count(md), 19);
	pm_markdown_free(md);
	md = parse("", 1, 0);
	assert_int_equal(pm_markdown_word_count(md), 0);
	pm_markdown_free(md);
}

static void
test_node_line_offset(void **state)
{
	const char *src = "---\ntitle: x\nservices:\n  - db\n---\n"
	    "\n# Title\n\nFirst line\nsecond *line*\n\n- item\n";
	struct pm_frontmatter fm;
	struct pm_markdown *md;
	struct pm_error err;
	cmark_node *h, *p, *em, *item;

	pm_error_clear(&err);
	assert_int_equal(pm_frontmatter_split(&fm, src, strlen(src), "t.md",
	    &err), 0);
	assert_int_equal(fm.body_line, 6);
	md = parse(fm.body, fm.body_line, 0);
	h = cmark_node_first_child(pm_markdown_root(md));
	assert_int_equal(cmark_node_get_type(h), CMARK_NODE_HEADING);
	assert_int_equal(pm_markdown_node_line(h), 7);
	p = cmark_node_next(h);
	assert_int_equal(pm_markdown_node_line(p), 9);
	/* Inline nodes have lines too; a soft break takes its parent's. */
	em = cmark_node_last_child(p);
	assert_int_equal(cmark_node_get_type(em), CMARK_NODE_EMPH);
	assert_int_equal(pm_markdown_node_line(em), 10);
	assert_int_equal(pm_markdown_node_line(cmark_node_next(
	    cmark_node_first_child(p))), 9);
	item = cmark_node_first_child(cmark_node_next(p));
	assert_int_equal(pm_markdown_node_line(item), 12);
	assert_int_equal(pm_markdown_node_line(NULL), 0);
	pm_markdown_free(md);

	/* The padding is only blank lines: a body opening with indented
	 * code stays code, a first-line setext heading stays a heading. */
	md = parse("    code\n", 40, 0);
	h = cmark_node_first_child(pm_markdown_root(md));
	assert_int_equal(cmark_node_get_type(h), CMARK_NODE_CODE_BLOCK);
	assert_int_equal(pm_markdown_node_line(h), 40);
	pm_markdown_free(md);
	md = parse("Title\n---\n", 3, 0);
	h = cmark_node_first_child(pm_markdown_root(md));
	assert_int_equal(cmark_node_get_type(h), CMARK_NODE_HEADING);
	assert_int_equal(pm_markdown_node_line(h), 3);
	pm_markdown_free(md);
}

/* ------------------------------------------------------- golden files */

/* A diff-like note: the first few lines that differ, as -old +new. */
static void
print_diff(const char *name, const char *old, const char *new)
{
	int line = 1, shown = 0;

	fprintf(stderr, "--- %s\n+++ %s (rendered)\n", name, name);
	while ((*old || *new) && shown < 5) {
		size_t lo = strcspn(old, "\n"), ln = strcspn(new, "\n");

		if (lo != ln || memcmp(old, new, lo) != 0) {
			fprintf(stderr, "@@ line %d\n-%.*s\n+%.*s\n", line,
			    (int)lo, old, (int)ln, new);
			shown++;
		}
		old += lo + (old[lo] == '\n');
		new += ln + (new[ln] == '\n');
		line++;
	}
}

/* Render one case as the site does: front matter off, body lines kept;
 * "unsafe-" cases trust raw HTML, "anchors-" cases add self-links. */
static char *
render_case(const char *name, const char *src, size_t len, char **native)
{
	int unsafe = strncmp(name, "unsafe-", 7) == 0;
	unsigned flags = strncmp(name, "anchors-", 8) == 0 ?
	    PM_MARKDOWN_ANCHORS : 0;
	struct pm_markdown_opts opts = { name, 1, unsafe, NULL };
	struct pm_frontmatter fm;
	struct pm_markdown *md = NULL;
	struct pm_buf out = PM_BUF_INIT;
	struct pm_error err;

	pm_error_clear(&err);
	assert_int_equal(pm_frontmatter_split(&fm, src, len, name, &err), 0);
	opts.first_line = fm.body_line;
	assert_int_equal(pm_markdown_parse(&md, fm.body, fm.body_len, &opts,
	    &err), 0);
	pm_markdown_render_html(&out, md, flags);
	*native = render_native(md, unsafe);
	pm_markdown_free(md);
	return pm_buf_detach(&out, NULL);
}

static int
is_case(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return n > 3 && strcmp(d->d_name + n - 3, ".md") == 0;
}

static void
test_regress(void **state)
{
	const char *dir = getenv("REGRESS_MD_DIR");
	const char *rebuild = getenv("REBUILD");
	struct dirent **names = NULL;
	int n, failed = 0;

	if (dir == NULL)
		dir = "tests/regress/md";
	n = scandir(dir, &names, is_case, alphasort);
	if (n < 0)
		fail_msg("%s: cannot list the golden files (run from the "
		    "top of the tree or set REGRESS_MD_DIR)", dir);
	assert_true(n >= 10);
	for (int i = 0; i < n; i++) {
		char md_path[1024], html_path[1024], *src, *want, *got,
		    *native;
		size_t len, nlen = strlen(names[i]->d_name) - 3;

		snprintf(md_path, sizeof(md_path), "%s/%s", dir,
		    names[i]->d_name);
		snprintf(html_path, sizeof(html_path), "%s/%.*s.html", dir,
		    (int)nlen, names[i]->d_name);
		src = tu_read(md_path, &len);
		assert_non_null(src);
		got = render_case(names[i]->d_name, src, len, &native);
		/* Whatever the golden file says, ids must be the only
		 * change to cmark's own rendering. */
		if (strncmp(names[i]->d_name, "anchors-", 8) != 0) {
			char *copy = strdup(got);

			assert_string_equal(strip_heading_ids(copy), native);
			free(copy);
		}
		want = tu_read(html_path, NULL);
		if (want == NULL || strcmp(want, got) != 0) {
			print_diff(html_path, want ? want : "", got);
			if (rebuild && strcmp(rebuild, "1") == 0) {
				FILE *f = fopen(html_path, "wb");

				assert_non_null(f);
				fputs(got, f);
				assert_int_equal(fclose(f), 0);
				fprintf(stderr, "rewrote %s\n", html_path);
			} else {
				failed++;
			}
		}
		free(want);
		free(native);
		free(got);
		free(src);
		free(names[i]);
	}
	free(names);
	if (failed)
		fail_msg("%d golden file(s) differ; REBUILD=1 rewrites them",
		    failed);
}

int
main(void)
{
	const struct CMUnitTest before_init[] = {
		cmocka_unit_test(test_parse_before_init),
	};
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_free_null),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_strikethrough),
		cmocka_unit_test(test_autolink),
		cmocka_unit_test(test_tasklist),
		cmocka_unit_test(test_tagfilter_unsafe),
		cmocka_unit_test(test_raw_html),
		cmocka_unit_test(test_dangerous_urls),
		cmocka_unit_test(test_smart_punctuation),
		cmocka_unit_test(test_footnotes),
		cmocka_unit_test(test_invalid_utf8_and_bom),
		cmocka_unit_test(test_heading_ids),
		cmocka_unit_test(test_heading_anchors),
		cmocka_unit_test(test_render_restores_tree),
		cmocka_unit_test(test_render_matches_cmark),
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_node_text),
		cmocka_unit_test(test_first_heading_and_paragraph),
		cmocka_unit_test(test_word_count),
		cmocka_unit_test(test_node_line_offset),
		cmocka_unit_test(test_regress),
	};
	int failed;

	/* The extensions are process-wide: check the missing-init error
	 * first, then register them once, as main does. */
	failed = cmocka_run_group_tests_name("markdown before init",
	    before_init, NULL, NULL);
	pm_markdown_init();
	failed += cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
	return failed;
}
