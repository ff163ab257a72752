/*
 * feeds.h: the site as feeds for readers and crawlers: feed.xml (Atom,
 * RFC 4287), feed.json (JSON Feed 1.1) and sitemap.xml (sitemaps.org).
 *
 * Contract
 *  - Each function appends one whole document to out, a buffer the caller
 *    owns (and frees).  The site, its incidents and its configuration are
 *    borrowed for the call only; scratch memory is freed before returning.
 *    Nothing is kept between calls, so feeds of several sites may be
 *    written from several threads at once.
 *  - Output depends only on the site: never on the wall clock.  Where a
 *    time stamp is needed and no incident gives one (an empty site, an
 *    undated incident), SOURCE_DATE_EPOCH is used when it holds a number
 *    of seconds between 0 and the end of year 9999, else
 *    1970-01-01T00:00:00Z (reproducible-builds.org's convention).
 *  - Time stamps are written in UTC ("2024-03-05T15:00:00Z").  They come
 *    from the git facts and the incident date, read with when.h: a time
 *    without a zone is taken as UTC, a date without a time as 00:00 UTC.
 *  - Feeds list the PM_FEEDS_MAX_ENTRIES newest incidents (site order):
 *    a feed says what is new, incidents.json holds everything.
 *  - Links and ids.  With a base_url, links are absolute and ids are the
 *    pages' canonical URLs (folder form, without "index.html").  With
 *    base_url "" (a site meant to be opened from disk), links are relative
 *    to the feed's own location, which RFC 4287 allows (an IRI reference
 *    resolved against the document), and ids, which must be absolute, are
 *    "urn:pmsite:feed" and "urn:pmsite:incident:<slug>": stable and valid,
 *    though a feed is only worth subscribing to once the site has a URL.
 *  - The functions cannot fail today (a buffer write aborts on exhaustion
 *    instead); they return int and take err so that future limits can
 *    report through the usual path.  They return 0.
 */
#ifndef PM_FEEDS_H
#define PM_FEEDS_H

#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "site.h"

#define PM_FEEDS_MAX_ENTRIES 50

/*
 * feed.xml: an Atom 1.0 feed.  The feed's updated is the latest updated of
 * its entries.  Each entry has id, title, link to the page, published
 * (git.created, else the incident date), updated (git.updated, else the
 * incident date), its git authors (else the site title, which is also the
 * feed's author, as RFC 4287 requires an author for every entry), a
 * category per root-cause category and tag, the summary as text, and the
 * rendered postmortem as HTML content whose xml:base is the page, so that
 * its relative links resolve in readers.  Text that is not valid UTF-8 is
 * replaced with U+FFFD so the document stays well-formed.
 */
int pm_feeds_atom(struct pm_buf *out, const struct pm_site *site,
    struct pm_error *err);

/*
 * feed.json: a JSON Feed 1.1 (https://jsonfeed.org/version/1.1) with the
 * same entries as the Atom feed: id, url, title, summary, content_html (or
 * content_text, the summary or title, when the body is empty),
 * date_published, date_modified, authors and tags (categories then tags).
 * Keys whose value is unknown are left out rather than written as null, as
 * the format asks; home_page_url and feed_url are left out without a
 * base_url.  Pretty-printed with two spaces, ending in a newline.
 */
int pm_feeds_json(struct pm_buf *out, const struct pm_site *site,
    struct pm_error *err);

/*
 * sitemap.xml: one <url> per HTML page among paths[0..npaths) (paths
 * relative to the site's root, as views writes them), in that order; other
 * files and the root's 404.html are skipped.  <loc> is base_url plus the
 * path, with a final "index.html" dropped to give the folder URL hosts
 * serve.  <lastmod> (YYYY-MM-DD, UTC) is given where it is known: an
 * incident page's updated date, and for the home page the latest of them.
 *
 * Sitemaps must hold absolute URLs, so with base_url "" nothing is written
 * (out is left as it was) and 0 is returned: the caller then publishes no
 * sitemap.xml.
 */
int pm_feeds_sitemap(struct pm_buf *out, const struct pm_site *site,
    const char *const *paths, size_t npaths, struct pm_error *err);

#endif
