/*
 * check.h: the review rules behind `pmsite check`: what a postmortem in
 * the usual format (issue summary, timeline, root cause and resolution,
 * corrective and preventative measures with a task list, 400 to 600
 * words) is missing, what in it does not add up, and where its language
 * blames people instead of systems.
 *
 * Contract
 *  - The rules read an incident as ingest left it and the extractor's
 *    report of where each finding came from; they never change either and
 *    never fail.  Each rule lives in one static const table of
 *    {name, fn, description} (pm_check_rules()), in the order the rules
 *    are documented in pmsite(1).
 *  - pm_check_incident() appends one line per problem to out, in the
 *    format of every pmsite warning, with the rule's name at the end so a
 *    reader can look it up:
 *        file:line: warning: message [rule]
 *    line is where the problem is, or where the missing piece would go
 *    (the heading of its section), else 1.  The lines of one incident are
 *    sorted by line, then by rule order.  out owns the lines (warnings.h).
 *  - Nothing is kept between calls: rules may run on many incidents, from
 *    many threads, each with its own out.
 *  - Rules are conservative: a warning must be right far more often than
 *    not, since `--strict` turns them into a failing CI step.
 */
#ifndef PM_CHECK_H
#define PM_CHECK_H

#include <stddef.h>

#include "extract.h"
#include "incident.h"
#include "warnings.h"

/* What a rule is about; `pmsite new` writes a template whose only
 * warnings are of PM_CHECK_MISSING and PM_CHECK_PLACEHOLDER kinds. */
enum pm_check_kind {
	PM_CHECK_SECTION,	/* a section of the format is absent */
	PM_CHECK_MISSING,	/* a value the format asks for is absent */
	PM_CHECK_CONSISTENCY,	/* values that contradict each other */
	PM_CHECK_BLAMELESS,	/* language that blames people */
	PM_CHECK_PLACEHOLDER	/* template text left in */
};

/* The state of one check run; private to check.c. */
struct pm_check;

struct pm_check_rule {
	const char *name;	/* lowercase with dashes: "timeline-order" */
	void (*fn)(struct pm_check *c);
	const char *description;	/* one line, for pmsite(1) */
	enum pm_check_kind kind;
};

/*
 * The rules, in order; *n receives their number.  The table is static and
 * immutable.
 */
const struct pm_check_rule *pm_check_rules(size_t *n);

/* The rule called name, or NULL. */
const struct pm_check_rule *pm_check_rule_find(const char *name);

/*
 * Review inc against every rule and append the warnings to out.  rep is
 * the report pm_extract_run() filled for inc (NULL: rules that need it
 * take the incident alone: sections from inc->sections, lines 1).  file
 * names the postmortem in the lines; NULL means inc->path.  Returns the
 * number of lines appended (0 for a postmortem with nothing to say).
 */
int pm_check_incident(struct pm_warnings *out, const struct pm_incident *inc,
    const struct pm_extract_report *rep, const char *file);

#endif
