/*
 * classify.h: root-cause categories: the taxonomy (built in, extended or
 * replaced by pmsite.yml) and the classification of each incident from the
 * words of its root cause, summary and title.
 *
 * Contract
 *  - pm_taxonomy_default() is the built-in taxonomy: static, immutable,
 *    never freed (pm_taxonomy_free() ignores it).
 *  - pm_taxonomy_compile() builds the taxonomy of a site from the
 *    `taxonomy` value of pmsite.yml (borrowed for the call only).  *out
 *    is owned by the caller and freed with pm_taxonomy_free(); with a NULL
 *    value it has the default's categories.  It carries the index of its
 *    keywords, which the default has not: a build classifies with a
 *    compiled taxonomy (a tenth of classifying each incident was making
 *    that index again).  A compiled taxonomy is never changed
 *    afterwards, so one per build can be shared by threads.  Errors (a
 *    value of the wrong shape, a category without an id, an id that is not
 *    lowercase letters, digits and dashes) return PM_ERROR with the
 *    pmsite.yml line in err.
 *  - Category and keyword pointers returned by the getters live as long as
 *    the taxonomy.
 *  - pm_classify_incident() sets inc->category and inc->categories
 *    (allocated in arena) unless the front matter fixed them; it never
 *    fails.  Every incident gets a category: "other" when nothing fits.
 *
 * Keywords are phrases matched on word boundaries, case-insensitively,
 * with punctuation ignored ("max_connections" matches "max connections",
 * "N+1" matches "n 1"); a trailing '*' makes a stem ("deadlock*").
 */
#ifndef PM_CLASSIFY_H
#define PM_CLASSIFY_H

#include <stddef.h>

#include "arena.h"
#include "error.h"
#include "incident.h"
#include "value.h"
#include "warnings.h"

/* The category given when none fits; every taxonomy has it. */
#define PM_CATEGORY_OTHER "other"

struct pm_keyword {
	const char *phrase;	/* lowercase, normalised, maybe ending '*' */
	double weight;		/* how much one mention says (1 to 8) */
};

struct pm_category {
	const char *id;		/* lowercase letters, digits, dashes */
	const char *name;
	const char *description;	/* one line */
	const struct pm_keyword *keywords;
	size_t nkeywords;
};

struct pm_keyword_index;

struct pm_taxonomy {
	const struct pm_category *categories;
	size_t len;
	struct pm_arena *arena;	/* NULL for the built-in taxonomy */
	/* the keywords by first letters (classify_int.h); NULL: made
	 * again for each text */
	const struct pm_keyword_index *index;
};

/* The built-in taxonomy (DESIGN.md). */
const struct pm_taxonomy *pm_taxonomy_default(void);

/*
 * The taxonomy of a site.  taxonomy is pmsite.yml's value or NULL:
 *  - a list of categories ({id, name, description, keywords}): a new id
 *    is added (before "other"); an existing id keeps its keywords, gains
 *    the new ones and takes the name and description given;
 *  - a map {replace: true|false, categories: [...]}: with replace the
 *    built-in categories are dropped ("other" is kept as the fallback).
 * replace (pm_config's taxonomy_replace) drops them too, whatever the
 * shape of the value.
 * A keyword is a string (weight 3) or a map {keyword: "...", weight: N}.
 * file names pmsite.yml in error messages.
 */
int pm_taxonomy_compile(const struct pm_taxonomy **out,
    const struct pm_value *taxonomy, int replace, const char *file,
    struct pm_error *err);

/* Free a compiled taxonomy.  Accepts NULL and the default. */
void pm_taxonomy_free(const struct pm_taxonomy *tax);

/* The category with id, or NULL. */
const struct pm_category *pm_taxonomy_find(const struct pm_taxonomy *tax,
    const char *id);

/*
 * Classify a cause: the ids of the categories that apply, the best first,
 * written to ids (at most max; they live as long as tax).  Returns how
 * many were written, at least 1 when max >= 1 ("other" when nothing fits).
 * Any text may be NULL.  The root cause weighs most, then the title, then
 * the summary; words after "caused by", "due to", "because" weigh more
 * than the symptoms before them, and words in a doubted or denied clause
 * ("initially suspected a DDoS", "the database was fine") count nothing.
 * When one story names both the mechanism that failed and the load that
 * made it fail, the tie-breaks listed in classify.c put the mechanism
 * first (a connection pool exhausted by more traffic is
 * database-connections).  A verdict in so many words ("the root cause
 * was a configuration error", in the root cause or else the summary)
 * puts the category it names first.
 */
size_t pm_classify_text(const char **ids, size_t max,
    const struct pm_taxonomy *tax, const char *root_cause,
    const char *summary, const char *title);

/*
 * Set inc->category and inc->categories.  Front matter wins: a fixed
 * category is kept (and warned about when tax does not know it); a front
 * matter `categories` list without `category` gives the primary.
 */
void pm_classify_incident(struct pm_incident *inc, struct pm_arena *arena,
    const struct pm_taxonomy *tax, struct pm_warnings *warnings);

#endif
