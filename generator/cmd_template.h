/*
 * cmd_template.h: `pmsite template`, which renders one Mustache template
 * with YAML or JSON data to standard output, for theme authors and the
 * golden tests.
 *
 * Contract
 *  - pm_cmd_template() takes the arguments after the global ones, argv[0]
 *    being "template", and returns the process exit code: PM_EXIT_OK,
 *    PM_EXIT_ERROR (a file, the data or a template is wrong; one line on
 *    standard error, prefixed "pmsite: ") or PM_EXIT_USAGE.
 *  - It owns everything it allocates and frees it before returning.
 */
#ifndef PM_CMD_TEMPLATE_H
#define PM_CMD_TEMPLATE_H

/*
 * pmsite template TEMPLATE_FILE [DATA_FILE] [--partials DIR]
 * DATA_FILE "-" reads standard input; without it the data is an empty map.
 * Partials and parents come from DIR/NAME.mustache, by default from the
 * template file's directory.
 */
int pm_cmd_template(int argc, char **argv);

#endif
