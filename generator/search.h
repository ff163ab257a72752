/*
 * search.h: what the search page needs: the index its script filters
 * (search.json and search-index.js) and the lists of causes and years it
 * shows without JavaScript.
 *
 * Contract
 *  - pm_search_index() appends to the buffers the caller owns (and frees);
 *    the site is borrowed for the call only and scratch memory is freed
 *    before it returns.  Entries are made one at a time, so memory does
 *    not grow with the site beyond the bytes written.
 *    pm_search_facets() builds its lists, strings included (copied), in
 *    the arena passed in.
 *  - Output depends only on the site, in site order (newest first), so it
 *    is byte-identical from one build to the next.
 *  - pm_search_index() cannot fail; pm_search_index_drained() fails only
 *    with its drain's error.
 */
#ifndef PM_SEARCH_H
#define PM_SEARCH_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "error.h"
#include "site.h"
#include "value.h"

/* The summary is cut, at a word, to at most this many bytes plus "…". */
#define PM_SEARCH_SUMMARY_MAX 300
/* Distinct words kept per incident, and the longest word kept (bytes):
 * longer runs are hashes and identifiers nobody types. */
#define PM_SEARCH_MAX_WORDS 300
#define PM_SEARCH_MAX_WORD 40

/*
 * The search index, one entry per incident in site order:
 *   slug, title, summary (cut to PM_SEARCH_SUMMARY_MAX), category (the
 *   primary root-cause id), year (a number), date ("YYYY-MM-DD" as the
 *   incident gives it, not shifted to UTC), services, tags, and words.
 * words is one string of distinct lowercase words separated by spaces, in
 * the order first met in the title, summary, root cause, timeline texts,
 * services, tags and category id, at most PM_SEARCH_MAX_WORDS of them.
 * A word is a run of ASCII letters and digits or of letters from U+00C0
 * up (general punctuation, symbols, CJK punctuation and characters beyond
 * U+FFFF separate words, as ASCII punctuation does); only ASCII is
 * lowercased here, search.js folds case and diacritics of both sides.
 * Unknown fields are null.
 *
 * json_out receives the array as compact JSON (search.json); js_out the
 * same array as a script, "window.PMSITE_SEARCH = [...];\n"
 * (search-index.js), for pages opened from disk, where fetching a local
 * file is refused but a script element is not.  Strings are written by
 * pm_buf_put_json, so no '<', '>' or '&' appears in either (a title
 * "</script>" cannot end a script element); in js_out, U+2028 and U+2029
 * are also escaped, as older JavaScript engines end a line at them.
 * Either buffer may be NULL: that file is not made.
 */
int pm_search_index(struct pm_buf *json_out, struct pm_buf *js_out,
    const struct pm_site *site, struct pm_error *err);

/*
 * The same, for a caller that hands the bytes on in pieces: after each
 * entry, drain(arg, err) may take what the buffers hold (and empty
 * them).  An error it returns stops the index and is returned.
 */
int pm_search_index_drained(struct pm_buf *json_out, struct pm_buf *js_out,
    const struct pm_site *site, int (*drain)(void *arg,
    struct pm_error *err), void *arg, struct pm_error *err);

/*
 * One incident's entry of that index, as compact JSON, appended to out.
 * It depends on the incident alone, so the build makes it where it
 * ingests the document and keeps it in the incident (search_entry) and
 * in the cache: a rebuild after one change cuts one incident into words,
 * not all of them.  pm_search_index() copies entries so kept and makes
 * the others, with the same bytes either way.
 */
void pm_search_entry(struct pm_buf *out, const struct pm_incident *inc);

/*
 * The lists the search page shows without JavaScript (and its <select>
 * options):
 *  - *causes_out: [{id, name, count}], one per primary category, counted
 *    by primary category, most incidents first, then by id.  name is the
 *    id: the caller replaces it with the taxonomy's name when it knows it.
 *  - *years_out: [{year, count, incidents: [{slug, title, date}]}], newest
 *    year first, the incidents of each in site order.
 * Incidents without a category, or without a year, are left out of the
 * list concerned.
 */
void pm_search_facets(struct pm_value **causes_out,
    struct pm_value **years_out, struct pm_arena *arena,
    const struct pm_site *site);

#endif
