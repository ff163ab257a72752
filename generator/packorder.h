/*
 * packorder.h: where each object lies in a repository's pack files, so
 * that blobs can be read in that order.
 *
 * Why: git stores similar files as chains of deltas (up to 50 deep by
 * default), and writes each chain's objects next to each other, the base
 * first.  libgit2 keeps the objects it has rebuilt in a small cache, so
 * reading blobs in the order of the pack applies one delta per blob, while
 * reading them in path order rebuilds most of a chain for every blob.  At
 * 10,000 postmortems over 20,000 versions: the files of the tip in 1.67 s
 * in path order, 0.33 s in pack order; all 20,000 versions in 5.9 s
 * against 0.42 s.
 *
 * libgit2 has no call that tells where an object lies, so this module
 * reads the pack indexes (objects/pack/pack-*.idx, version 2, the only one
 * git has written since 2007) itself.  The order is a hint and nothing
 * more: an index that is missing, of another version, truncated or
 * hostile gives "unknown" for its objects, never an error, and the blobs
 * are still read through libgit2, which checks everything.
 *
 * Contract
 *  - pm_packorder_load() maps the indexes of objects_dir/pack; it never
 *    fails (a folder without packs gives an order where everything is
 *    unknown).  Free with pm_packorder_free(), which accepts NULL.
 *  - pm_packorder_key() is the place of a SHA-1 object id (20 bytes): the
 *    pack's rank in name order above its offset in the pack, so sorting
 *    by key reads pack by pack, front to back.  UINT64_MAX when unknown.
 *  - Read-only once loaded: keys may be asked from several threads.
 */
#ifndef PM_PACKORDER_H
#define PM_PACKORDER_H

#include <stdint.h>

struct pm_packorder;

struct pm_packorder *pm_packorder_load(const char *objects_dir);

uint64_t pm_packorder_key(const struct pm_packorder *po,
    const unsigned char id[20]);

void pm_packorder_free(struct pm_packorder *po);

#endif
