/*
 * check_int.h: what the files of the check module share: the state of one
 * run, the way a rule adds a warning, and the rules that read prose
 * (check_text.c).  Private to generator/check*.c; include check.h for the
 * API.
 *
 * Contract: a warning's text is copied; the strings a rule is given
 * (incident fields) are only read.
 */
#ifndef PM_CHECK_INT_H
#define PM_CHECK_INT_H

#include <stddef.h>

#include "check.h"

#define CK_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* One warning before it is sorted and written. */
struct finding {
	int line;
	size_t rule, seq;
	char *text;
};

/*
 * A passage a text rule already reported, as the sentence around the
 * finding cut at its start: the impact line is also a sentence of the
 * summary, and the same finding must not be reported from both.
 */
struct seen {
	size_t rule;
	char *before, *from;
};

struct pm_check {
	const struct pm_incident *inc;
	const struct pm_extract_report *rep;
	const char *file;
	size_t rule;		/* the rule running */
	struct finding *v;
	size_t n, cap;
	struct seen *seen;
	size_t nseen, seen_cap;
};

/* Add a warning of the running rule at line (0: line 1). */
void ck_add(struct pm_check *c, int line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* The line of a front matter key of the incident, 0 when absent. */
int ck_front_line(const struct pm_incident *inc, const char *key);

/* The first of the lines that is known (> 0), else c. */
int ck_first_known(int a, int b, int c);

/* check_text.c */

/* Does s (NULL-safe) hold one of the phrases of a NULL-terminated list,
 * on word boundaries, case-insensitively ("caus*" is a stem)? */
int ck_mentions(const char *s, const char *const *list);

/* Words of s: runs of letters and digits (any UTF-8 byte counts). */
size_t ck_count_words(const char *s);

void ck_rule_blame_person(struct pm_check *c);
void ck_rule_blame_human_error(struct pm_check *c);
void ck_rule_blame_hindsight(struct pm_check *c);
void ck_rule_blame_words(struct pm_check *c);
void ck_rule_placeholder(struct pm_check *c);

#endif
