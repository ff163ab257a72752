/*
 * cmd_init.c: `pmsite init`, which sets a repository up for pmsite: a
 * pmsite.yml, a first postmortem to copy from, and a GitHub Actions
 * workflow that publishes the site to GitHub Pages on every push.
 */
#include "buf.h"
#include "cmd.h"
#include "error.h"
#include "fsutil.h"

#include <git2.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct init_opts {
	const char *dir;
	const char *branch;	/* NULL: the repository's, else "main" */
	const char *source;	/* owner/name of pmsite's source on GitHub */
	int force;
};

/* What the repository in DIR tells about itself, when it is one. */
struct repo_facts {
	int is_repo;
	char branch[256];	/* the branch HEAD names, even unborn */
	char web_url[512];	/* https://github.com/owner/name, or "" */
};

static const char init_usage[] =
    "usage: pmsite init [--force] [--branch NAME] [--pmsite-repo OWNER/NAME] "
    "[DIR]\n";

#define SOURCE_PLACEHOLDER "YOUR-ORG/pmsite"

#define CONFIG_PATH "content/pmsite.yml"
#define EXAMPLE_PATH "content/2024-05-14-example-login-timeouts.md"
#define WORKFLOW_PATH ".github/workflows/pmsite.yml"

static const char example_md[] =
"---\n"
"# An example to copy from: replace it with your first real postmortem.\n"
"# Front matter is optional; pmsite reads the text below as well.\n"
"title: Logins timed out after a certificate rotation\n"
"date: 2024-05-14\n"
"severity: SEV2\n"
"services: [auth, web]\n"
"category: configuration\n"
"tags: [tls, example]\n"
"---\n"
"\n"
"# Logins timed out after a certificate rotation\n"
"\n"
"## Issue Summary\n"
"\n"
"From 09:12 to 10:03 UTC on 14 May 2024 (51 minutes), about 35% of "
"login attempts on the web site hung for 30 seconds and then failed. "
"People who were already signed in were not affected, and neither were "
"the mobile apps, which keep their sessions longer. The outage was "
"caused by a certificate rotation that reached only three of the five "
"instances of the auth service: the other two kept presenting the old "
"client certificate, which the session store had stopped accepting.\n"
"\n"
"## Timeline\n"
"\n"
"- 09:00 UTC - The scheduled rotation of the session-store client "
"certificate starts.\n"
"- 09:12 UTC - Login latency rises and the first timeouts appear in the "
"auth service logs.\n"
"- 09:19 UTC - The login error-rate alert fires and pages the on-call "
"engineer.\n"
"- 09:27 UTC - We suspect the web front end released that morning and "
"roll it back. Nothing changes.\n"
"- 09:41 UTC - The session store logs show handshakes refused with "
"\"certificate expired\" from two auth instances.\n"
"- 09:48 UTC - Escalated to the platform team, who own the rotation "
"job.\n"
"- 09:55 UTC - The two instances are restarted and pick up the new "
"certificate; errors drop at once.\n"
"- 10:03 UTC - The login success rate has been normal for five minutes; "
"incident resolved.\n"
"\n"
"## Root Cause and Resolution\n"
"\n"
"The rotation job writes the new certificate to disk and then sends "
"each auth instance a reload signal. Last month the certificate moved "
"to a new path. Three instances had been redeployed since then and read "
"the new path; two had been running for six weeks and still read the "
"old one. On the reload signal they read the old file again, so they "
"kept presenting a certificate that had just been revoked. The session "
"store refused every handshake from them, and logins routed to those "
"instances waited for the 30-second timeout before failing.\n"
"\n"
"Two things hid the problem. The rotation job reported success, because "
"it only checks that the file was written and the signal delivered, not "
"which certificate each instance presents afterwards. And the web "
"front end had been released the same morning, which made it the first "
"suspect and cost us about fifteen minutes.\n"
"\n"
"Restarting the two instances made them read the certificate from the "
"new path, and logins recovered within a minute.\n"
"\n"
"## Corrective and Preventative Measures\n"
"\n"
"The rotation worked as designed; the design did not check its own "
"result. These are the changes we agreed on:\n"
"\n"
"- [x] Restart every auth instance after a certificate rotation\n"
"- [ ] Make the rotation job check the certificate each instance "
"presents\n"
"- [ ] Alert two weeks before any client certificate expires\n"
"- [ ] Keep the certificate path in one configuration file shared by "
"the job and the service\n"
"- [ ] Show recent releases and rotations side by side on the on-call "
"dashboard\n";

static int
parse_opts(struct init_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "branch", required_argument, NULL, 'b' },
		{ "pmsite-repo", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->dir = ".";
	o->source = SOURCE_PLACEHOLDER;
	optind = 1;
	while ((c = getopt_long(argc, argv, "fh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f': o->force = 1; break;
		case 'b': o->branch = optarg; break;
		case 'p': o->source = optarg; break;
		case 'h':
			fputs(init_usage, stdout);
			return 1;
		default:
			fputs(init_usage, stderr);
			return -1;
		}
	}
	if (optind < argc)
		o->dir = argv[optind++];
	if (optind < argc) {
		fprintf(stderr, "pmsite: init: unexpected argument '%s'\n",
		    argv[optind]);
		fputs(init_usage, stderr);
		return -1;
	}
	return 0;
}

/*
 * Names end up in YAML (single-quoted, so "1.0" stays a string) and in a
 * URL, so they are held to characters that need no escaping in either.
 */
static int
valid_name(const char *s, const char *extra)
{
	if (*s == '\0' || *s == '-' || *s == '.')
		return 0;
	for (; *s; s++)
		if (!(*s >= 'a' && *s <= 'z') && !(*s >= 'A' && *s <= 'Z') &&
		    !(*s >= '0' && *s <= '9') && !strchr("-_.", *s) &&
		    !strchr(extra, *s))
			return 0;
	return 1;
}

static int
valid_source(const char *s)
{
	const char *slash = strchr(s, '/');

	return slash && slash != s && slash[1] && !strchr(slash + 1, '/') &&
	    valid_name(s, "/");
}

/*
 * "https://github.com/o/n(.git)", "git@github.com:o/n(.git)" and
 * "ssh://git@github.com/o/n" all give https://github.com/o/n; other hosts
 * give nothing, since pmsite's History and Edit links follow GitHub's URL
 * scheme.
 */
static void
github_web_url(char *out, size_t size, const char *remote)
{
	static const char *const prefixes[] = {
		"https://github.com/", "http://github.com/",
		"git@github.com:", "ssh://git@github.com/",
		"git://github.com/"
	};
	char path[256];
	size_t i, n, len;

	out[0] = '\0';
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		n = strlen(prefixes[i]);
		if (strncmp(remote, prefixes[i], n) == 0)
			break;
	}
	if (i == sizeof(prefixes) / sizeof(prefixes[0]))
		return;
	len = strlen(remote + n);
	if (len >= sizeof(path))
		return;
	memcpy(path, remote + n, len + 1);
	if (len > 0 && path[len - 1] == '/')
		path[--len] = '\0';
	if (len > 4 && strcmp(path + len - 4, ".git") == 0)
		path[len - 4] = '\0';
	if (valid_source(path))
		snprintf(out, size, "https://github.com/%s", path);
}

/*
 * Read the branch HEAD names and the origin remote, when DIR is the top of
 * a repository.  Anything missing is simply left empty: init works on a
 * plain folder too.
 */
static void
read_repo_facts(struct repo_facts *f, const char *dir)
{
	git_repository *repo = NULL;
	git_reference *head = NULL;
	git_config *cfg = NULL;
	const char *target, *url;

	memset(f, 0, sizeof(*f));
	if (git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH,
	    NULL) != 0)
		goto out;
	f->is_repo = 1;
	/* HEAD of a repository without commits is unborn, but it still names
	 * its branch, which is the one the first push creates. */
	if (git_reference_lookup(&head, repo, "HEAD") == 0 &&
	    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC &&
	    (target = git_reference_symbolic_target(head)) != NULL &&
	    strncmp(target, "refs/heads/", 11) == 0 &&
	    valid_name(target + 11, "/") &&
	    strlen(target + 11) < sizeof(f->branch))
		strcpy(f->branch, target + 11);
	/* The configuration key rather than git_remote_lookup(), which leaks
	 * pcre2 match data in Debian's libgit2 1.5.1 (fixed after 1.5). */
	if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_string(&url, cfg, "remote.origin.url") == 0)
		github_web_url(f->web_url, sizeof(f->web_url), url);
out:
	git_config_free(cfg);
	git_reference_free(head);
	git_repository_free(repo);
}

static void
render_config(struct pm_buf *b, const struct repo_facts *f,
    const char *branch)
{
	pm_buf_puts(b,
	    "# pmsite.yml: settings of the postmortem site (see pmsite's "
	    "README.md,\n"
	    "# \"Configuration\").  pmsite reads every *.md file in this "
	    "folder.\n"
	    "title: Postmortems\n"
	    "description: What broke, why, and what we changed afterwards.\n"
	    "# base_url is left to the workflow, which passes the GitHub Pages "
	    "address\n"
	    "# with --base-url; set it here for another host.\n"
	    "# base_url: https://example.org/postmortems/\n");
	if (f->web_url[0])
		pm_buf_printf(b, "repo_url: %s\nrepo_branch: '%s'\n",
		    f->web_url, branch);
	else
		pm_buf_printf(b, "# repo_url adds History and Edit links to "
		    "each incident:\n"
		    "# repo_url: https://github.com/OWNER/NAME\n"
		    "# repo_branch: '%s'\n", branch);
	pm_buf_puts(b, "theme: default\nlanguage: en\n");
}

static void
render_workflow(struct pm_buf *b, const char *branch, const char *source)
{
	pm_buf_printf(b,
"# Publish the postmortems under content/ to GitHub Pages with pmsite on\n"
"# every push to %s.  Written by `pmsite init`.\n"
"#\n"
"# Before the first push: set PMSITE_REPO below to the GitHub repository\n"
"# of pmsite's source (owner/name), and choose \"GitHub Actions\" as the\n"
"# source in the repository's Settings > Pages.\n"
"name: pmsite\n"
"\n"
"on:\n"
"  push:\n"
"    branches: ['%s']\n"
"  workflow_dispatch:\n"
"\n"
"permissions:\n"
"  contents: read\n"
"  pages: write\n"
"  id-token: write\n"
"\n"
"# One deployment at a time; a deployment in progress is not cancelled.\n"
"concurrency:\n"
"  group: pages\n"
"  cancel-in-progress: false\n"
"\n"
"env:\n"
"  PMSITE_REPO: %s\n"
"  PMSITE_REF: main\n"
"\n"
"jobs:\n"
"  build:\n"
"    runs-on: ubuntu-latest\n"
"    steps:\n"
"      # The whole history: pmsite dates each postmortem and names its\n"
"      # authors from the commits.\n"
"      - name: Check out the postmortems\n"
"        uses: actions/checkout@v4\n"
"        with:\n"
"          fetch-depth: 0\n"
"      - name: Check out pmsite\n"
"        uses: actions/checkout@v4\n"
"        with:\n"
"          repository: ${{ env.PMSITE_REPO }}\n"
"          ref: ${{ env.PMSITE_REF }}\n"
"          path: .pmsite\n"
"      - name: Install the libraries pmsite needs\n"
"        run: |\n"
"          sudo apt-get update\n"
"          sudo apt-get install -y libgit2-dev libcmark-gfm-dev \\\n"
"            libcmark-gfm-extensions-dev libyaml-dev libxxhash-dev\n"
"      - name: Build pmsite\n"
"        run: make -C .pmsite pmsite\n"
"      - name: Configure GitHub Pages\n"
"        id: pages\n"
"        uses: actions/configure-pages@v5\n"
"      - name: Build the site\n"
"        run: >-\n"
"          .pmsite/pmsite build --out public\n"
"          --base-url \"${{ steps.pages.outputs.base_url }}/\"\n"
"      - name: Upload the site\n"
"        uses: actions/upload-pages-artifact@v3\n"
"        with:\n"
"          path: public\n"
"  deploy:\n"
"    needs: build\n"
"    runs-on: ubuntu-latest\n"
"    environment:\n"
"      name: github-pages\n"
"      url: ${{ steps.deployment.outputs.page_url }}\n"
"    steps:\n"
"      - name: Deploy to GitHub Pages\n"
"        id: deployment\n"
"        uses: actions/deploy-pages@v4\n", branch, branch, source);
}

/* "DIR/rel" as the user should read it: just rel for the current folder. */
static void
display_path(char *out, size_t size, const char *dir, const char *rel)
{
	if (strcmp(dir, ".") == 0)
		snprintf(out, size, "%s", rel);
	else
		snprintf(out, size, "%s%s%s", dir,
		    dir[strlen(dir) - 1] == '/' ? "" : "/", rel);
}

/* Make the folders above rel under dirfd. */
static int
make_parents(int dirfd, const char *dir, const char *rel,
    struct pm_error *err)
{
	char path[256], shown[1024];
	char *p;
	int rc = 0;

	snprintf(path, sizeof(path), "%s", rel);
	for (p = strchr(path, '/'); p; p = strchr(p + 1, '/')) {
		*p = '\0';
		if (mkdirat(dirfd, path, 0755) != 0 && errno != EEXIST) {
			display_path(shown, sizeof(shown), dir, path);
			rc = pm_fs_error(err, shown, "mkdir", errno);
			break;
		}
		*p = '/';
	}
	return rc;
}

/*
 * Write one file.  Without force it is created exclusively, so a file that
 * appeared since the check is still not replaced; a symbolic link in its
 * place is never followed either way.
 */
static int
write_file(int dirfd, const char *dir, const char *rel,
    const struct pm_buf *data, int force, struct pm_error *err)
{
	char shown[1024];
	int fd = -1, rc = 0, flags;
	size_t off = 0;
	ssize_t n;

	display_path(shown, sizeof(shown), dir, rel);
	if ((rc = make_parents(dirfd, dir, rel, err)) < 0)
		goto out;
	flags = O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC |
	    (force ? O_TRUNC : O_EXCL);
	fd = openat(dirfd, rel, flags, 0644);
	if (fd < 0) {
		rc = pm_fs_error(err, shown, "open", errno);
		goto out;
	}
	while (off < data->len) {
		n = write(fd, data->ptr + off, data->len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = pm_fs_error(err, shown, "write", errno);
			goto out;
		}
		off += (size_t)n;
	}
out:
	if (fd >= 0 && close(fd) != 0 && rc == 0)
		rc = pm_fs_error(err, shown, "close", errno);
	return rc;
}

static void
print_next_steps(const struct init_opts *o, const struct repo_facts *f,
    const char *branch)
{
	int step = 1;

	printf("\nNext steps:\n");
	if (!f->is_repo)
		printf("  %d. Make it a git repository: git init -b %s %s\n",
		    step++, branch, o->dir);
	if (strcmp(o->dir, ".") == 0)
		printf("  %d. Preview the site: pmsite build --worktree, then "
		    "open public/index.html\n", step++);
	else
		printf("  %d. Preview the site: cd %s && pmsite build "
		    "--worktree,\n     then open public/index.html\n", step++,
		    o->dir);
	printf("  %d. Edit %s (title, description) and replace\n"
	    "     %s with your first postmortem.\n", step++, CONFIG_PATH,
	    EXAMPLE_PATH);
	if (strcmp(o->source, SOURCE_PLACEHOLDER) == 0)
		printf("  %d. In %s, set PMSITE_REPO to the\n"
		    "     GitHub repository of pmsite's source (owner/name)."
		    "\n", step++, WORKFLOW_PATH);
	printf("  %d. On GitHub: Settings > Pages > Build and deployment > "
	    "Source:\n     \"GitHub Actions\".\n", step++);
	printf("  %d. Commit and push to %s; the site is published at the "
	    "address\n     the workflow's deploy job shows.\n", step, branch);
}

int
pm_cmd_init(int argc, char **argv)
{
	static const char *const paths[] = {
		CONFIG_PATH, EXAMPLE_PATH, WORKFLOW_PATH
	};
	enum { NFILES = sizeof(paths) / sizeof(paths[0]) };
	struct pm_buf data[NFILES] = { PM_BUF_INIT, PM_BUF_INIT, PM_BUF_INIT };
	struct init_opts o;
	struct repo_facts facts;
	struct pm_error err;
	struct stat st;
	const char *branch;
	char shown[1024];
	int dirfd = -1, rc = PM_EXIT_ERROR, existing = 0;
	size_t i;

	pm_error_clear(&err);
	switch (parse_opts(&o, argc, argv)) {
	case 1:
		return PM_EXIT_OK;
	case -1:
		return PM_EXIT_USAGE;
	}
	if (!valid_source(o.source)) {
		fprintf(stderr, "pmsite: init: --pmsite-repo wants OWNER/NAME "
		    "of a GitHub repository, not '%s'\n", o.source);
		return PM_EXIT_USAGE;
	}
	if (o.branch && !valid_name(o.branch, "/")) {
		fprintf(stderr, "pmsite: init: '%s' is not a branch name "
		    "pmsite can put in a workflow\n", o.branch);
		return PM_EXIT_USAGE;
	}
	if (mkdir(o.dir, 0755) != 0 && errno != EEXIST) {
		pm_fs_error(&err, o.dir, "mkdir", errno);
		goto fail;
	}
	dirfd = open(o.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		pm_fs_error(&err, o.dir, "open", errno);
		goto fail;
	}

	/* Refuse before writing anything, naming every file in the way, so
	 * the user decides once with the whole picture. */
	for (i = 0; i < NFILES; i++) {
		if (fstatat(dirfd, paths[i], &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		display_path(shown, sizeof(shown), o.dir, paths[i]);
		if (!o.force || !S_ISREG(st.st_mode)) {
			fprintf(stderr, "pmsite: init: %s already exists%s\n",
			    shown, S_ISREG(st.st_mode) ? "" :
			    " and is not a file");
			existing++;
		}
	}
	if (existing) {
		fprintf(stderr, "pmsite: init: nothing was written; %s\n",
		    o.force ? "move those out of the way" :
		    "pass --force to replace those files");
		goto out;
	}

	read_repo_facts(&facts, o.dir);
	branch = o.branch ? o.branch : facts.branch[0] ? facts.branch :
	    "main";
	render_config(&data[0], &facts, branch);
	pm_buf_puts(&data[1], example_md);
	render_workflow(&data[2], branch, o.source);
	for (i = 0; i < NFILES; i++) {
		if (write_file(dirfd, o.dir, paths[i], &data[i], o.force,
		    &err) < 0)
			goto fail;
		display_path(shown, sizeof(shown), o.dir, paths[i]);
		printf("pmsite: wrote %s\n", shown);
	}
	print_next_steps(&o, &facts, branch);
	rc = PM_EXIT_OK;
	goto out;
fail:
	pm_cmd_print_error(&err);
out:
	if (dirfd >= 0)
		close(dirfd);
	for (i = 0; i < NFILES; i++)
		pm_buf_free(&data[i]);
	return rc;
}
