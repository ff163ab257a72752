/*
 * cmd.h: the subcommands of pmsite, one file each, dispatched by main.c
 * from a table.
 *
 * Contract: each takes the arguments after the global ones, argv[0] being
 * the subcommand's name, prints its own errors as one line on stderr
 * prefixed "pmsite: ", and returns a process exit code (PM_EXIT_*).
 */
#ifndef PM_CMD_H
#define PM_CMD_H

int pm_cmd_build(int argc, char **argv);
int pm_cmd_check(int argc, char **argv);
int pm_cmd_init(int argc, char **argv);
int pm_cmd_inspect(int argc, char **argv);
int pm_cmd_new(int argc, char **argv);
int pm_cmd_template(int argc, char **argv);

/* Print an error as the user sees it: "pmsite: file:line:col: message". */
struct pm_error;
void pm_cmd_print_error(const struct pm_error *err);

#endif
