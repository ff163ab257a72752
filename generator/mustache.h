/*
 * mustache.h: the template engine of the themes: Mustache templates compiled
 * once into an immutable op array and rendered many times against a value
 * tree, with partials, template inheritance (parents and blocks) and
 * dynamic names.
 *
 * Contract
 *  - A struct pm_template_set owns every template added to it, their names
 *    and a copy of their source, in one arena; pm_template_set_free() frees
 *    them all.  A const struct pm_template * returned by the set lives as
 *    long as the set.
 *  - Adding to a set is not thread-safe.  Once the set is complete it is
 *    only read: any number of threads may render its templates at once,
 *    each with its own output buffer and error.
 *  - Templates are compiled when added; rendering never parses.  Partials,
 *    parents and dynamic names are looked up by name in the set at render
 *    time; a missing one renders as the empty string, as the spec says.
 *  - Compile errors carry `file:line:column` (1-based; the column counts
 *    UTF-8 characters) of the offending tag and return PM_ERROR; the set is
 *    left as it was (the failed compile may leave unused bytes in its
 *    arena).  Render errors are the nesting limits (PM_ELIMIT) with the
 *    position of the tag that went too deep.
 *  - Sources may hold any bytes, NUL and invalid UTF-8 included: nothing
 *    reads past a length.
 *
 * Language: the Mustache spec (1.4) with its optional ~inheritance and
 * ~dynamic-names parts; lambdas are left out, since contexts are data.
 *  - Falsy values are a missing key, null, false, the empty list and the
 *    empty string (as mustache.js, so {{#summary}} skips an empty summary).
 *    Numbers, 0 included, and maps, {} included, are truthy.
 *  - In a dotted name, a part of digits after the first indexes a list
 *    ({{items.0.title}}), as in mustache.js.
 *  - {{name}} escapes & < > " ' with pm_buf_put_html; {{{name}}} and
 *    {{&name}} do not.  Numbers print with pm_value_put_number, booleans as
 *    true/false, lists and maps as compact JSON.
 *  - Indentation of standalone partials and parents is prepended to each
 *    line of the included template's own text (not to lines inside an
 *    interpolated value), every line except the empty one after a final
 *    newline.
 *  - Inside {{<parent}}...{{/parent}} only {{$block}} tags directly in the
 *    parent tag count; other text and tags there are parsed and ignored.
 *    The outermost override of a block wins; an override's body renders in
 *    the context stack of the place it is expanded, with the overrides in
 *    force where it was written.
 */
#ifndef PM_MUSTACHE_H
#define PM_MUSTACHE_H

#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "value.h"

/* Sections, inverted sections, blocks and parents open at once in one
 * template; deeper is a compile error. */
#define PM_TEMPLATE_MAX_DEPTH		100

/* Partials and parents rendering inside each other (recursion included);
 * deeper is a render error (PM_ELIMIT). */
#define PM_TEMPLATE_MAX_NESTING		100

/* Every level of rendering at once (sections, blocks, partials, parents),
 * which bounds the C stack a render uses (about 300 bytes a level, so
 * under 0.5 MB, sanitizers included); deeper is PM_ELIMIT. */
#define PM_TEMPLATE_MAX_RENDER_DEPTH	1000

/*
 * The work one render may do, unless pm_template_set_budget() says
 * otherwise: steps taken, and bytes written.  A step is one op of a
 * template run, or one context level or override a name was looked for
 * in.  Sections nested over lists multiply (sixteen levels over three
 * items are 43 million bodies), and a body whose tags write nothing (a
 * missing name, a false inverted section) costs as much as one that
 * writes, so steps count the work that bytes miss: without the budget a
 * small template could keep a build busy for hours.  The largest page of
 * 10,000 incidents (actions.html) takes 1.7 million steps and 15 MiB; a
 * hundred million steps take under half a second.  Reaching either is
 * a PM_ELIMIT error.
 */
#define PM_TEMPLATE_MAX_STEPS		100000000
#define PM_TEMPLATE_MAX_OUTPUT		((size_t)512 * 1024 * 1024)

struct pm_template;
struct pm_template_set;

/* A new empty set in *out (owned by the caller: pm_template_set_free()).
 * Returns 0. */
int pm_template_set_new(struct pm_template_set **out);

/* Free the set and every template in it.  Accepts NULL. */
void pm_template_set_free(struct pm_template_set *set);

/*
 * Compile len bytes of src as the template called name (both copied).
 * Errors name the template `name:line:col`.  Returns 0, PM_EEXISTS when
 * the set already has a template of that name, or PM_ERROR when src is
 * malformed.
 */
int pm_template_set_add(struct pm_template_set *set, const char *name,
    const char *src, size_t len, struct pm_error *err);

/*
 * Read the file at path and add it as the template called name, unless
 * the set already has one (then nothing happens and 0 is returned, the
 * rule that lets a theme override the default one template at a time).
 * Errors name the file `path:line:col`.  Returns 0, PM_ENOTFOUND when the
 * file does not exist, or PM_ERROR.
 */
int pm_template_set_add_file(struct pm_template_set *set, const char *name,
    const char *path, struct pm_error *err);

/*
 * Add every regular file NAME.mustache of dir (not recursive, hidden files
 * skipped) whose NAME is not in the set yet, in byte order of the names so
 * that errors are deterministic.  Adding themes/custom then themes/default
 * gives the custom theme's templates and the default's for the rest.
 * Returns 0, PM_ENOTFOUND when dir does not exist, or PM_ERROR (not a
 * directory, unreadable, or a template that does not compile: the
 * templates before it stay added).
 */
int pm_template_set_add_dir(struct pm_template_set *set, const char *dir,
    struct pm_error *err);

/*
 * Set the work each render with set may do (see PM_TEMPLATE_MAX_STEPS);
 * 0 leaves a limit as it is.  The fuzz targets lower both, so that a run
 * ends in a fraction of a second and work the steps do not count shows.
 */
void pm_template_set_budget(struct pm_template_set *set, size_t steps,
    size_t bytes);

/* The template called name, or NULL.  Borrowed from the set. */
const struct pm_template *pm_template_set_get(
    const struct pm_template_set *set, const char *name);

/* The name the template was added under.  Borrowed from its set. */
const char *pm_template_name(const struct pm_template *tpl);

/*
 * Render tpl with the context ctx (NULL renders like an empty map) and
 * append the bytes to out.  Partials, parents and dynamic names resolve in
 * set, which may be NULL (none resolve).  Returns 0, or PM_ELIMIT when a
 * nesting limit or the set's budget (PM_TEMPLATE_MAX_STEPS) is reached;
 * out is then cut back to its length on entry, so a failed render
 * appends nothing.
 */
int pm_template_render(struct pm_buf *out, const struct pm_template *tpl,
    const struct pm_template_set *set, const struct pm_value *ctx,
    struct pm_error *err);

/*
 * Where pm_template_render_to() hands its bytes on while it renders, so
 * that a page of many megabytes (the list of every incident) is never
 * held whole.  flush receives each piece once out holds at least piece
 * bytes of this render (checked as each section body begins) and returns
 * 0 or an error, which ends the render with it.
 */
struct pm_template_sink {
	int (*flush)(void *arg, const char *data, size_t len,
	    struct pm_error *err);
	void *arg;
	size_t piece;
};

/*
 * pm_template_render(), handing pieces on to sink (NULL: none) as it goes.
 * The bytes not yet handed on are in out when it returns; after a failure
 * pieces may already have been handed on, and the caller discards them.
 * PM_TEMPLATE_MAX_OUTPUT counts every byte, handed on or not.
 */
int pm_template_render_to(struct pm_buf *out,
    const struct pm_template_sink *sink, const struct pm_template *tpl,
    const struct pm_template_set *set, const struct pm_value *ctx,
    struct pm_error *err);

#endif
