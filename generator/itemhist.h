/*
 * itemhist.h: when each action item of a postmortem was written down and
 * when it was ticked, from the versions of the file in git.
 *
 * An item is followed through the history by its words: the line it
 * stands on, without list marker, checkbox, strike-through or done mark,
 * lowercased, with everything but letters and digits folded to single
 * spaces.  Rewording an item therefore starts it again, and two items
 * with the same words share one history; both are rare in task lists and
 * the alternative, running the whole extractor on every old version,
 * would cost a Markdown parse per version.
 *
 * Contract
 *  - pm_itemhist_apply() sets added and done_at of the items of inc (the
 *    incident ingested from doc, whose bytes are data and len): added is
 *    the author time of the first version holding the item, done_at, for
 *    an item done now, the time of the version from which on it stayed
 *    done.  Both are ISO 8601 strings
 *    borrowed from the source (they live as long as it).  Items without
 *    history (a file on disk only, an item that appears in no version,
 *    an item done only in the working tree) keep NULL.
 *  - It reads the old versions through pm_source_read_version(); the
 *    newest version is data itself when doc's blob matches, and a file with a
 *    single version needs no read at all.
 *  - Returns 0, or PM_ERROR with err set when a version cannot be read;
 *    the items are then left without history.
 *
 * In steps, for a build that reads the versions of all its documents in
 * the order of the pack files (packorder.h), on several threads:
 *  - pm_itemhist_new() takes the items of inc and the document's bytes,
 *    which it also uses for the versions with the same blob; NULL when
 *    there is nothing to follow (no items, no versions).  It keeps doc.
 *  - pm_itemhist_needs() says whether version v must still be read;
 *    pm_itemhist_version() takes its bytes, pm_itemhist_failed() the
 *    reason it could not be read (copied).  Each v once, in any order;
 *    calls for different v may run on different threads at once.
 *  - pm_itemhist_finish() sets added and done_at as pm_itemhist_apply()
 *    does, copied into arena (borrowed from the source when arena is
 *    NULL), or fails as it does, with the first version that failed.
 *  - pm_itemhist_free() accepts NULL.
 */
#ifndef PM_ITEMHIST_H
#define PM_ITEMHIST_H

#include "arena.h"
#include "error.h"
#include "incident.h"
#include "source.h"

struct pm_itemhist;

struct pm_itemhist *pm_itemhist_new(const struct pm_incident *inc,
    const struct pm_doc *doc, const char *data, size_t len);
int pm_itemhist_needs(const struct pm_itemhist *h, size_t v);
void pm_itemhist_version(struct pm_itemhist *h, size_t v, const char *data,
    size_t len);
void pm_itemhist_failed(struct pm_itemhist *h, size_t v, const char *why);
int pm_itemhist_finish(struct pm_itemhist *h, struct pm_incident *inc,
    struct pm_arena *arena, struct pm_error *err);
void pm_itemhist_free(struct pm_itemhist *h);

int pm_itemhist_apply(struct pm_incident *inc, const struct pm_doc *doc,
    const char *data, size_t len, const struct pm_source *src,
    struct pm_error *err);

#endif
