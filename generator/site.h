/*
 * site.h: the whole knowledge base once every postmortem is read: incidents
 * in their published order, and what is derived across them: related
 * incidents, repeats and recurrences (site_links.c), figures, the
 * incidents of each cause and the misleading first guesses (site_stats.c).
 *
 * Contract
 *  - A struct pm_site borrows the incidents added to it (they live in the
 *    build arena), the configuration and the taxonomy; its own arrays live
 *    in the arena given to pm_site_init(); there is nothing to free on its
 *    own.  Every result below is allocated in that arena too (except where
 *    a function takes an arena of its own), and borrows the incidents.
 *  - Once finished, a site is only read: any number of threads may query
 *    it at once.
 *  - pm_site_finish() orders incidents newest first (date, then slug, so the
 *    order is total and output deterministic) and refuses two incidents
 *    with one slug, naming both files; every such clash is listed in err's
 *    message (first two files) and in the warnings (all of them).  It then
 *    fills each incident's related[] and repeat_of (pm_site_link), so
 *    incidents.json carries them.
 *  - Everything here is computed from the incidents alone, in site order:
 *    never the clock, never hash order.  "This year" is the year of the
 *    newest dated incident, so rebuilding an old commit next year gives
 *    the same bytes.
 *  - Nothing fails but pm_site_finish() (PM_ERROR on a duplicate slug).
 */
#ifndef PM_SITE_H
#define PM_SITE_H

#include <stddef.h>

#include "arena.h"
#include "classify.h"
#include "config.h"
#include "error.h"
#include "incident.h"
#include "warnings.h"

/* Incidents shown as related to one, at most. */
#define PM_SITE_RELATED_MAX 5
/* The window of a recurrence badge ("3rd in 12 months"). */
#define PM_SITE_RECURRENCE_MONTHS 12

struct pm_site {
	const struct pm_config *config;
	struct pm_arena *arena;
	struct pm_incident **incidents;
	size_t len, cap;
	const char *commit;	/* commit built, "" for a plain folder */
	/* The author time of that commit (ISO 8601), the "now" of ages on
	 * the pages; NULL when there is none. */
	const char *as_of;
	/* Categories for names and descriptions; NULL: the built-in one.
	 * Borrowed: it must outlive the site. */
	const struct pm_taxonomy *taxonomy;
	/* After pm_site_finish(): site positions ordered by slug, and by
	 * primary category then position (pm_site_link). */
	size_t *by_slug, *by_cause;
	/* Also set by pm_site_link, for pm_site_recurrence(), which runs
	 * for every incident page: per slot of by_cause, the slot after the
	 * last of its category; per position, the date as the number
	 * YYYYMMDD (0 when undated). */
	size_t *cause_end;
	long *ymd;
};

void pm_site_init(struct pm_site *site, struct pm_arena *arena,
    const struct pm_config *config);

void pm_site_add(struct pm_site *site, struct pm_incident *inc);

int pm_site_finish(struct pm_site *site, struct pm_warnings *warnings,
    struct pm_error *err);

/* The taxonomy in force: site->taxonomy, else the built-in one. */
const struct pm_taxonomy *pm_site_taxonomy(const struct pm_site *site);

/*
 * The site position of the incident with slug, or site->len when there is
 * none (or pm_site_finish() has not run).
 */
size_t pm_site_position(const struct pm_site *site, const char *slug);

/* The incident with slug, or NULL. */
struct pm_incident *pm_site_find(const struct pm_site *site,
    const char *slug);

/* The year of an incident's date ("2024-…" -> 2024), 0 when undated. */
int pm_site_year(const struct pm_incident *inc);

/*
 * Shared by site*.c: sort site positions with a comparator that sees the
 * site (a stable merge sort; qsort has no context argument).
 */
typedef int (*pm_site__cmp)(const struct pm_site *site, size_t a, size_t b);

void pm_site__sort(size_t *pos, size_t n, const struct pm_site *site,
    pm_site__cmp cmp);

/* site_links.c ---------------------------------------------------------- */

/*
 * Fill inc->related and inc->repeat_of of every incident (called by
 * pm_site_finish(); calling it again gives the same result).
 *  - related: up to PM_SITE_RELATED_MAX slugs; first the incidents of the
 *    same primary category, then those sharing a service, then those
 *    sharing a tag; newest first within each tier.
 *  - repeat_of: the newest earlier incident (later in site order) with the
 *    same primary category and at least one service in common; NULL when
 *    there is none or the incident has no category or no service.
 */
void pm_site_link(struct pm_site *site);

/* Why two incidents are related, the strongest reason first. */
enum pm_relation {
	PM_RELATION_CAUSE,	/* same primary category */
	PM_RELATION_SERVICE,	/* a service in common */
	PM_RELATION_TAG,	/* a tag in common */
	PM_RELATION_NONE
};

enum pm_relation pm_site_relation(const struct pm_incident *a,
    const struct pm_incident *b);

/*
 * The recurrence of the incident at site position i: the earlier
 * incidents (later in site order) of the same primary category dated
 * within `months` months before it (a day exactly `months` months earlier
 * is outside), newest first.  ordinal counts the incident itself: 1 when
 * none is earlier, 3 for "3rd in 12 months".  Undated or uncategorised
 * incidents have ordinal 1 and no earlier ones.  earlier holds site
 * positions (site->incidents[earlier[k]]) and points into the site, which
 * is only read: pages made on several threads can ask at once, and a
 * page's context takes each record by position instead of by slug.
 */
struct pm_recurrence {
	size_t ordinal;
	const size_t *earlier;		/* positions, borrowed from site */
	size_t nearlier;
};

void pm_site_recurrence(struct pm_recurrence *out, const struct pm_site *site,
    size_t i, int months);

/* site_stats.c ---------------------------------------------------------- */

/*
 * Figures over a set of incidents.  Sums and means cover only the
 * incidents where the number is known; *_known say how many that is, so
 * pages can say "mean over 7 of 10".  Means are rounded to the minute and
 * are PM_UNKNOWN when nothing is known.
 */
struct pm_figures {
	size_t count;
	long downtime_minutes;		/* known durations summed, or 0 */
	size_t downtime_known;
	long mean_detect_minutes;
	size_t detect_known;
	long mean_resolve_minutes;
	size_t resolve_known;
	const struct pm_incident *latest;	/* first in site order */
};

void pm_site_figures(struct pm_figures *out,
    struct pm_incident *const *incidents, size_t n);

/*
 * The incidents of one primary category.  id is the category as the
 * incidents give it (NULL categories count as "other"); slug is the name
 * of its page folder: the id itself when it is a valid slug, else a slug
 * made from it, made unique with "-2", "-3"…
 */
struct pm_cause {
	const char *id, *slug;
	struct pm_incident **incidents;	/* newest first */
	size_t len;
	struct pm_figures figures;
};

/*
 * Everything the home page sums up.  year is the year of the newest dated
 * incident (0 when none is dated); this_year and last_year cover that year
 * and the one before.  causes are ordered by incident count, then by the
 * date of their latest incident (newest first), then by id.
 */
struct pm_site_stats {
	struct pm_figures all, this_year, last_year;
	int year;
	struct pm_cause *causes;
	size_t ncauses;
};

void pm_site_stats(struct pm_site_stats *out, const struct pm_site *site);

/* The cause of category id in stats (NULL id: "other"), or NULL. */
const struct pm_cause *pm_site_cause(const struct pm_site_stats *stats,
    const char *id);

/*
 * A common first guess: what on-call suspected before the real cause was
 * found.  words are lowercase phrases matched on word boundaries, a
 * trailing '*' making a stem; category is the taxonomy id it would be
 * (a trailing '*' matches a prefix: "database-*"), or NULL when no single
 * category says it.
 */
struct pm_guess {
	const char *key, *label;
	const char *const *words;
	const char *category;
};

/* The table of guesses, in a fixed order. */
const struct pm_guess *pm_site_guesses(size_t *n);

/*
 * The guess a misleading timeline entry is about: the first guess named
 * after a word of suspicion ("suspects", "thought", "assumed"…), else the
 * first named anywhere; ties go to table order.  Returns its index in the
 * table, or -1 when the text names none.
 */
int pm_site_guess_of(const char *text);

/* Does category id fall under the guess's category? */
int pm_site_guess_matches(const struct pm_guess *g, const char *id);

struct pm_misleading_entry {
	const struct pm_incident *incident;
	const struct pm_timeline_entry *entry;
};

/*
 * The misleading entries of one guess (guess NULL: "other first
 * guesses").  incidents counts the distinct incidents with such an
 * entry; confirmed how many of those had the guess's category as their
 * primary category (0 when the guess has none).
 */
struct pm_misleading_group {
	const struct pm_guess *guess;
	/* In site order, then timeline order. */
	struct pm_misleading_entry *entries;
	size_t len;
	size_t incidents, confirmed;
};

/*
 * Every misleading entry of every timeline, grouped by guess: groups with
 * entries only, the most incidents first, then table order; the "other"
 * group, when it has entries, is last.
 */
void pm_site_misleading(struct pm_misleading_group **out, size_t *n,
    const struct pm_site *site);

#endif
