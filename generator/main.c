/*
 * main.c: the command line.  Global options, then a table of subcommands;
 * each subcommand lives in its own cmd_*.c and returns the exit code.
 */
#include "cmd.h"
#include "error.h"
#include "markdown.h"
#include "source.h"

#include <git2.h>

#include <stdio.h>
#include <string.h>

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
	const char *summary;
};

static const struct command commands[] = {
	{ "build", pm_cmd_build,
	  "build [--repo DIR] [--ref REF] [--content PATH] [--out DIR]\n"
	  "             [--worktree] [--base-url URL] [--theme NAME] "
	  "[--force] [-q] [-v]",
	  "publish the postmortems of a git repository as a static site" },
	{ "check", pm_cmd_check,
	  "check [--strict] [-v] [--repo DIR] [--ref REF] [--content PATH]\n"
	  "             [--worktree] [--config FILE] [FILE...]",
	  "review postmortems: missing sections, contradictions, blame" },
	{ "init", pm_cmd_init,
	  "init [--force] [--branch NAME] [--pmsite-repo OWNER/NAME] [DIR]",
	  "set a repository up: pmsite.yml, an example, a Pages workflow" },
	{ "inspect", pm_cmd_inspect,
	  "inspect [--repo DIR] [--ref REF] [--content PATH] [--worktree]\n"
	  "               [--config FILE] [-q] FILE | PATH...",
	  "print the incident records of postmortems as JSON" },
	{ "new", pm_cmd_new,
	  "new [--repo DIR] [--content PATH] \"Title\"",
	  "write a new postmortem from the template" },
	{ "template", pm_cmd_template,
	  "template TEMPLATE_FILE [DATA_FILE] [--partials DIR]",
	  "render one Mustache template with YAML or JSON data" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: pmsite COMMAND [OPTIONS]\n"
	    "       pmsite --help | --version\n\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-10s %s\n", commands[i].name,
		    commands[i].summary);
	fprintf(f, "\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "pmsite %s\n", commands[i].usage);
	fprintf(f, "\nSee pmsite(1) and README.md.\n");
}

void
pm_cmd_print_error(const struct pm_error *err)
{
	char line[1024];

	fprintf(stderr, "pmsite: %s\n", pm_error_format(line, sizeof(line),
	    err));
}

int
main(int argc, char **argv)
{
	size_t i;
	int rc;

	if (argc < 2) {
		usage(stderr);
		return PM_EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return PM_EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("pmsite %s\n", PM_VERSION);
		return PM_EXIT_OK;
	}
	for (i = 0; i < NCOMMANDS; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			break;
	if (i == NCOMMANDS) {
		fprintf(stderr, "pmsite: unknown command '%s'\n", argv[1]);
		usage(stderr);
		return PM_EXIT_USAGE;
	}
	/* Both libraries keep process-wide state that must be set up once,
	 * before any thread exists (DESIGN.md, "Facts about the libraries"). */
	pm_source_init_libgit2();
	pm_markdown_init();
	rc = commands[i].run(argc - 1, argv + 1);
	git_libgit2_shutdown();
	return rc;
}
