/*
 * classify_int.h: what classify.c shares with classify_ties.c.  Not a
 * public interface.
 */
#ifndef PM_CLASSIFY_INT_H
#define PM_CLASSIFY_INT_H

#include "classify.h"

#define MIN_SCORE	4.0	/* below it, nothing fits: "other" */
#define ALSO_SHARE	0.45	/* of the best score, for categories[] */

/* Does text (may be NULL) name one of the NULL-terminated phrases in a
 * clause that is not doubted? */
int pm_classify__names_any(const char *text, const char *const *phrases);

/* Apply the tie-breaks to scores (one per category of tax, in its
 * order): a rule lifts its first category just above the one it
 * beats when both fit and the texts name what decides. */
void pm_classify__tie_break(double *scores, const struct pm_taxonomy *tax,
    const char *root_cause, const char *summary, const char *title);

#endif
