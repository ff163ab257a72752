/*
 * incident.h: the incident record of DESIGN.md as a typed struct, filled
 * from front matter here, from prose by extract, from git by the build, and
 * written out as one value tree (incidents.json, `pmsite inspect`, page
 * contexts).
 *
 * Contract
 *  - Every string and array of a struct pm_incident lives in the arena given
 *    to pm_incident_init(); nothing in it is freed on its own.
 *  - Unknown fields are NULL (strings), PM_UNKNOWN (counts and minutes) or
 *    NAN (impact_percent); they are written as JSON null.
 *  - pm_incident_apply_front() is where "front matter always wins" lives: it
 *    sets the fields the writer stated and marks them in `fixed`, so the
 *    prose extractor only fills what is still unknown.
 */
#ifndef PM_INCIDENT_H
#define PM_INCIDENT_H

#include <stddef.h>

#include "arena.h"
#include "error.h"
#include "value.h"
#include "warnings.h"

#define PM_UNKNOWN (-1L)

struct pm_strlist {
	const char **items;
	size_t len;
};

struct pm_timeline_entry {
	const char *time;	/* ISO 8601, or HH:MM when no date is known */
	const char *text;
	const char *kind;	/* detected, investigated, misleading, … */
	int line;		/* in the source file */
};

struct pm_action_item {
	const char *text;
	int done;
	int line;
	/* From git (itemhist.h), ISO 8601 or NULL: when the item was
	 * written down, and when it was ticked for good. */
	const char *added, *done_at;
};

struct pm_incident {
	/* The record, in DESIGN.md order. */
	const char *slug, *path, *title, *summary;
	const char *start, *end, *timezone;
	long duration_minutes;
	double impact_percent;
	const char *impact, *severity;
	struct pm_strlist services;
	const char *root_cause;
	const char *category;
	struct pm_strlist categories;
	struct pm_strlist tags;
	struct pm_timeline_entry *timeline;
	size_t ntimeline;
	long time_to_detect_minutes, time_to_resolve_minutes;
	struct pm_action_item *action_items;
	size_t naction_items;
	struct {
		int issue_summary, timeline, root_cause,
		    corrective_measures, task_list;
	} sections;
	long word_count, reading_minutes;
	struct {
		const char *created, *updated, *commit;
		struct pm_strlist authors;
	} git;
	struct pm_strlist related;
	const char *repeat_of;

	/* Not part of the record. */
	const char *date;	/* sort key, YYYY-MM-DD…: start, date, git */
	const char *blob_id;
	const char *html;	/* the rendered body */
	size_t html_len;
	/* Its entry of the search index (search.h pm_search_entry()), made
	 * where the build ingests the document and kept by the cache, so a
	 * rebuild does not cut every incident into words again; NULL when
	 * not made (inspect, check): the index then makes it itself. */
	const char *search_entry;
	size_t search_entry_len;
	int body_line;		/* file line where the Markdown body starts */
	const struct pm_value *front;	/* front matter map or NULL */
	struct {
		unsigned title : 1, summary : 1, start : 1, end : 1,
		    timezone : 1, duration : 1, impact : 1,
		    impact_percent : 1, severity : 1, services : 1,
		    root_cause : 1, category : 1, tags : 1, slug : 1,
		    date : 1, timeline : 1, action_items : 1;
	} fixed;
};

/* All fields unknown. */
void pm_incident_init(struct pm_incident *inc);

/*
 * Copy src into dst with everything it points to, strings, lists, entries
 * and front matter, allocated in arena: dst depends on nothing of src's.
 * Ingest reads and extracts in an arena of its own and keeps only this
 * copy, so the build does not hold every document's bytes and scratch.
 */
void pm_incident_copy(struct pm_incident *dst, const struct pm_incident *src,
    struct pm_arena *arena);

/*
 * Take what the front matter states.  Known keys: title, slug, date,
 * summary, start, end, timezone, duration_minutes, impact, impact_percent,
 * severity, services, root_cause, category, categories, tags.  A value of
 * the wrong type is an error naming the file and line; unknown keys are
 * kept in inc->front for themes and not warned about (teams add their own).
 */
int pm_incident_apply_front(struct pm_incident *inc, struct pm_arena *arena,
    const struct pm_value *front, const char *file, struct pm_error *err);

/*
 * The record as a map with DESIGN.md's field names, in DESIGN.md's order:
 * PM_INCIDENT_FIELDS entries, null for an unknown field.  Allocated in
 * arena.
 */
#define PM_INCIDENT_FIELDS 26
struct pm_value *pm_incident_to_value(const struct pm_incident *inc,
    struct pm_arena *arena);

/*
 * The same record with timeline and action_items as made lists (value.h),
 * whose items are made from inc each time they are read: for the records
 * a site holds through the whole build, where the two lists were 40 % of
 * their memory.  inc is borrowed, must outlive the value and must not
 * change.  room: entries the caller will add, reserved with the rest;
 * added after the record's, they leave its PM_INCIDENT_FIELDS entries
 * first and in order, so those are the record still (incidents.json is
 * written from them).
 */
struct pm_value *pm_incident_to_value_made(const struct pm_incident *inc,
    size_t room, struct pm_arena *a);

/* A list of strings as a value list (in arena). */
struct pm_value *pm_strlist_to_value(const struct pm_strlist *l,
    struct pm_arena *arena);

/* Append s to l, growing in arena. */
void pm_strlist_push(struct pm_strlist *l, struct pm_arena *arena,
    const char *s);

/* Is a string one of l? */
int pm_strlist_has(const struct pm_strlist *l, const char *s);

/*
 * A slug from a file name: lowercase ASCII letters, digits and single
 * dashes, without the .md extension and the folders; NULL when nothing is
 * left (a name of only punctuation).
 */
char *pm_slug_from_name(struct pm_arena *arena, const char *name);

/* Is s a valid slug (the same alphabet, 1 to 100 characters)? */
int pm_slug_valid(const char *s);

#endif
