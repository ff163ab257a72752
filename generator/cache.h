/*
 * cache.h: the build cache, which lets a rebuild skip what has not changed:
 * the whole build when no input changed, and the ingest (front matter,
 * Markdown, extraction, classification) of each postmortem whose inputs
 * did not change.
 *
 * Contract
 *  - Where: a folder `.NAME.pmsite-cache` beside the site `--out NAME`, in
 *    the same parent (like the staging folder), never inside the site, so
 *    it is not published.  It holds CACHEDIR.TAG (backup tools skip it), a
 *    `.gitignore` of `*` (git status does not list it when the site lives
 *    in a working tree), `state` (the last build), `history` (the
 *    history walk's state at the last build's commit), `pack` (the
 *    ingested postmortems, an entry each, back to back: cache_int.h)
 *    and `spare/` (the site the last build replaced, which the next one
 *    recycles: output.h).  Nothing is created until the first write.
 *    One build at a time per site, as for output.h.
 *  - Keys are XXH3-128 of the length-prefixed fields, in hex: change
 *    detection, not security (whoever can write the content or the cache
 *    folder can change the site anyway), and two orders of magnitude
 *    cheaper than libgit2's SHA-1.
 *  - The build key names everything a site is made of: pmsite's identity
 *    (the version and a hash of the running executable, so a rebuilt
 *    binary never trusts an older one's results), the resolved commit, the
 *    content path, the command-line options that change output (ref,
 *    base URL, theme), every file of the theme and of the default theme
 *    under it (names and bytes, and the folders they were found in), and
 *    in worktree mode pmsite.yml and every document's key.  The site
 *    carries it in its marker (output.h stamp), the cache in `state`.
 *  - A document's key names what its ingest reads: the environment
 *    (identity, pmsite.yml bytes, which hold the taxonomy, and the
 *    options), its path, its blob id (in worktree mode a hash of its bytes
 *    instead, since a worktree blob id is computed after git's line-ending
 *    filters) and its git facts (created, updated, commit, authors), so an
 *    entry is the finished incident, warnings included.
 *  - Every file and entry is checked before it is believed: magic,
 *    format version, kind, the key it was written for, lengths, a 64-bit
 *    checksum of the payload and the key, and every field decoded within
 *    bounds.  Anything wrong makes
 *    the entry a miss (the document is ingested again and the entry
 *    rewritten) or the state absent (a full build): a damaged or stale
 *    cache costs time, never a wrong page.
 *  - The state and the history are written to a temporary name and
 *    renamed in place.  Document entries are appended to the pack (a
 *    killed build may leave half of one at its end, which its length and
 *    checksum give away, and the next append cuts off); when more of the
 *    pack is entries no build looked up than entries it did, the used
 *    ones are copied to `pack.new`, renamed over it.  A failure to write
 *    disables the cache for the rest of the build with one warning: the
 *    site never depends on the cache being writable.
 *  - Ownership: pm_cache_open() allocates a struct pm_cache the caller
 *    frees with pm_cache_free().  Incidents and states read from the cache
 *    live in the arena the caller passes (their strings point into a copy
 *    of the file kept there).  Strings passed in are borrowed for the call.
 *  - Not thread-safe: one thread reads and writes the cache.
 *    pm_cache_get_all() reads entries on threads of its own.
 *  - Errors: only pm_cache_open() and the key functions report errors
 *    (PM_ERROR with a one-line message); reading never fails (a bad entry
 *    is a miss) and writing only warns.
 */
#ifndef PM_CACHE_H
#define PM_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "buf.h"
#include "digest.h"
#include "error.h"
#include "incident.h"
#include "output.h"
#include "source.h"
#include "theme.h"
#include "views.h"
#include "warnings.h"

/* Hex digits of a key, plus the NUL. */
#define PM_CACHE_KEY_SIZE 33

/* Bumped whenever the layout of a cache file changes. */
#define PM_CACHE_FORMAT 8

struct pm_cache;

/* A key being built: fields go in, a hash comes out. */
struct pm_cache_key {
	struct pm_buf buf;
};

void pm_cache_key_init(struct pm_cache_key *k);

/*
 * Add a named field.  data NULL means "absent", which differs from
 * empty; every field is length-prefixed, so no two field lists give the
 * same bytes.
 */
void pm_cache_key_add(struct pm_cache_key *k, const char *name,
    const void *data, size_t len);

/* pm_cache_key_add() of a NUL-terminated string, or absent when NULL. */
void pm_cache_key_add_str(struct pm_cache_key *k, const char *name,
    const char *s);

/*
 * Add what the theme is made of: its folder and the default theme's
 * (default_dir, NULL when the theme is the default), the names and bytes
 * of the regular files at the top of each (templates; links followed, as
 * the template loader does), and every file of theme->assets_dir as
 * pm_output_copy_dir() would copy it.  PM_ERROR when a file cannot be
 * read.
 */
int pm_cache_key_add_theme(struct pm_cache_key *k,
    const struct pm_theme *theme, const char *default_dir,
    struct pm_error *err);

/* The key in hex, NUL-terminated; k is emptied and may be reused. */
void pm_cache_key_final(char out[PM_CACHE_KEY_SIZE], struct pm_cache_key *k);

/* Release a key without finishing it.  Accepts an initialised key. */
void pm_cache_key_free(struct pm_cache_key *k);

/*
 * pmsite's identity: PM_VERSION and a hash of the running executable
 * (/proc/self/exe), in hex.  Returns -1 when the executable cannot be
 * read: the caller then builds without a cache, since results of another
 * binary cannot be told apart.
 */
int pm_cache_identity(char out[PM_CACHE_KEY_SIZE]);

/*
 * Open the cache of the site out_dir (as given to --out) for pmsite
 * identity.  Nothing is read or created yet.  PM_ERROR when out_dir
 * cannot be resolved (output.h pm_output_resolve()).
 */
int pm_cache_open(struct pm_cache **out, const char *out_dir,
    const char *identity, struct pm_error *err);

void pm_cache_free(struct pm_cache *c);

/* The cache folder and the resolved site folder (live as long as c). */
const char *pm_cache_dir(const struct pm_cache *c);
const char *pm_cache_site(const struct pm_cache *c);

/* The identity given to pm_cache_open(). */
const char *pm_cache_identity_of(const struct pm_cache *c);

/*
 * From now on, read only: nothing is created or written (pm_cache_put(),
 * pm_cache_spare() and pm_cache_finish() do nothing and warn about
 * nothing).  For a build whose output would be refused: a refused build
 * changes nothing on disk, the cache beside the site included.
 */
void pm_cache_freeze(struct pm_cache *c);

/*
 * Where the output parks the site it replaces, for the next build to
 * recycle (output.h, opts->spare): `spare` in the cache folder, which is
 * created for it.  NULL when the folder cannot be made.  Lives as long as
 * c.
 */
const char *pm_cache_spare(struct pm_cache *c);

/*
 * The environment of every document key: what the ingest of any document
 * depends on besides the document (identity, pmsite.yml, options).  Set
 * before pm_cache_doc_key().
 */
void pm_cache_set_env(struct pm_cache *c, const char env[PM_CACHE_KEY_SIZE]);

/* The key of doc (see the contract); worktree: hash its bytes. */
void pm_cache_doc_key(char out[PM_CACHE_KEY_SIZE], const struct pm_cache *c,
    const struct pm_doc *doc, int worktree);

/* The key of every document of src, keys[i] for document i, made on
 * jobs threads (ten thousand hashes were a serial step of every
 * rebuild); the same keys as pm_cache_doc_key() one by one. */
void pm_cache_doc_keys(char (*keys)[PM_CACHE_KEY_SIZE],
    const struct pm_cache *c, const struct pm_source *src, int worktree,
    int jobs);

/*
 * The incident stored under key, into *inc (strings in arena), and its
 * warnings appended to warnings.  Returns 1 on a hit, 0 on a miss (no
 * entry, or one that fails a check: nothing is then added anywhere).
 * Either way the key counts as used, so pm_cache_finish() keeps it.
 */
int pm_cache_get(struct pm_incident *inc, struct pm_warnings *warnings,
    struct pm_cache *c, const char key[PM_CACHE_KEY_SIZE],
    struct pm_arena *arena);

/* One lookup of pm_cache_get_all(). */
struct pm_cache_get_task {
	const char *key;		/* in: PM_CACHE_KEY_SIZE bytes */
	struct pm_incident *inc;	/* out, on a hit */
	struct pm_warnings *warnings;	/* out: appended to, on a hit */
	int *hit;			/* out: 1 on a hit, else 0 */
};

/*
 * pm_cache_get() for each of n tasks, on up to jobs threads: reading ten
 * thousand entries is most of a rebuild's ingest.  Each thread decodes
 * into an arena of its own, which arena adopts before the call returns.
 * Returns the number of hits; each task's result is the one
 * pm_cache_get() would give.
 */
size_t pm_cache_get_all(struct pm_cache *c,
    const struct pm_cache_get_task *tasks, size_t n, struct pm_arena *arena,
    int jobs);

/*
 * Store inc under key with the warnings its ingest added: lines
 * first_warning .. warnings->len - 1.  An incident that cannot be encoded
 * (a field over 4 GiB, a front matter deeper than yamltree allows) is not
 * stored.
 */
void pm_cache_put(struct pm_cache *c, const char key[PM_CACHE_KEY_SIZE],
    const struct pm_incident *inc, const struct pm_warnings *warnings,
    size_t first_warning);

/*
 * The history walk's state the last build saved (source.h struct
 * pm_history), decoded into arena; NULL when there is none or it fails a
 * check.  pm_source_resume() checks whether it applies.
 */
const struct pm_history *pm_cache_history_get(struct pm_cache *c,
    struct pm_arena *arena);

/* Save h (NULL: nothing) for the next build, in place of the last. */
void pm_cache_history_put(struct pm_cache *c, const struct pm_history *h);

/* Hits, and lookups, since pm_cache_open(). */
size_t pm_cache_hits(const struct pm_cache *c);
size_t pm_cache_lookups(const struct pm_cache *c);

/* One file of a published site, as stat saw it after the build. */
struct pm_cache_stat {
	const char *path;	/* relative to the site */
	struct pm_output_stat st;
	/* A page's key (render.h), when it had one: a page made from the
	 * same key comes out the same, so the file can be kept as it is. */
	int keyed;
	struct pm_digest key;
	/* A data page's pieces (views.h), with keys salted (render.h). */
	const struct pm_page_piece *pieces;
	size_t npieces;
};

/* What the last successful build recorded; strings in the caller's arena. */
struct pm_cache_state {
	char key[PM_CACHE_KEY_SIZE];	/* its build key */
	const char *theme;		/* the theme name it used */
	const char **warnings;		/* what it printed, in order */
	size_t nwarnings;
	const struct pm_cache_stat *files;	/* the site's files */
	size_t nfiles;
};

/*
 * Read the state into *st.  Returns 1 when there is a valid one, 0 when
 * not (none, damaged, another format).
 */
int pm_cache_state_load(struct pm_cache_state *st, struct pm_cache *c,
    struct pm_arena *arena);

/*
 * Does st describe the published site, the one its files' stats and
 * page keys are about?  Yes when the site's marker stamp is st's key.
 */
int pm_cache_state_published(const struct pm_cache *c,
    const struct pm_cache_state *st);

/* The file st lists at path (relative to the site), or NULL. */
const struct pm_cache_stat *pm_cache_state_file(
    const struct pm_cache_state *st, const char *path);

/*
 * Is the published site exactly what a build with key would publish?
 * Yes when the state's key and the site's marker stamp both equal key and
 * every file the state lists is still there with the size, inode, mtime
 * and ctime it had after that build (a hand edit or removal in the site
 * is noticed; an added file is not, and does no harm).
 */
int pm_cache_up_to_date(struct pm_cache *c, const struct pm_cache_state *st,
    const char key[PM_CACHE_KEY_SIZE]);

/* A page's key (render.h), and its pieces if any, for the state. */
struct pm_cache_page_key {
	const char *path;	/* relative to the site */
	struct pm_digest key;
	const struct pm_page_piece *pieces;
	size_t npieces;
};

/*
 * After a successful commit: record key, the theme name, the warnings and
 * the stat of each of the nfiles site files (output.h pm_output_list():
 * paths relative to the site, the stat taken from there unless known),
 * with its page key and pieces when keys (nkeys, in any order) has one,
 * as the new
 * state, then reclaim the document entries this build did not look up
 * when they outweigh the rest (see the contract).
 * Problems become one warning line in warnings.
 */
void pm_cache_finish(struct pm_cache *c, const char key[PM_CACHE_KEY_SIZE],
    const char *theme, const struct pm_warnings *warnings,
    const struct pm_output_file *files, size_t nfiles,
    const struct pm_cache_page_key *keys, size_t nkeys,
    struct pm_warnings *problems);

#endif
