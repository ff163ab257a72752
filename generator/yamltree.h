/*
 * yamltree.h: YAML (and so JSON, which libyaml reads as YAML flow style) into
 * the value tree, through libyaml's event parser.
 *
 * Contract
 *  - pm_yaml_parse() builds the first document of src into *out, allocated
 *    in arena.  An empty document gives a null value.
 *  - Scalars follow the YAML 1.2 core schema: plain null, ~ and the empty
 *    scalar are null; true/false are booleans; decimal, 0x and 0o integers,
 *    floats, .inf and .nan are numbers; everything else, and every quoted
 *    scalar or one tagged !!str, is a string.  ("yes", "on" and "2024-03-05"
 *    stay strings: the YAML 1.1 readings surprise people.)
 *  - Anchors and aliases work; an alias shares its anchor's value rather than
 *    copying it.  So that a "billion laughs" document cannot blow up the
 *    renderers that walk the tree, the parse fails when the tree, with every
 *    alias expanded, would exceed PM_YAML_MAX_NODES nodes, or when nesting
 *    exceeds PM_YAML_MAX_DEPTH.
 *  - On error returns -1 and fills err with file, line and column (1-based,
 *    shifted by first_line - 1 so front matter reports lines of the whole
 *    file) and libyaml's description of the problem.
 */
#ifndef PM_YAMLTREE_H
#define PM_YAMLTREE_H

#include <stddef.h>

#include "arena.h"
#include "error.h"
#include "value.h"

#define PM_YAML_MAX_DEPTH	200
#define PM_YAML_MAX_NODES	1000000

int pm_yaml_parse(struct pm_value **out, struct pm_arena *arena,
    const char *src, size_t len, const char *file, int first_line,
    struct pm_error *err);

#endif
