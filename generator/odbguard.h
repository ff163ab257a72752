/*
 * odbguard.h: refuse truncated loose objects before libgit2 reads them.
 *
 * libgit2 up to 1.9 (Debian 12 ships 1.5.1) inflates a loose object whose
 * zlib stream was cut short in an endless loop: inflate() reports
 * Z_BUF_ERROR, which libgit2 takes as "try again", with no input left to
 * try with (libgit2#7342, fixed by libgit2#7346).  A repository anyone can
 * push to, or a disk that filled up during a fetch, must not hang a build,
 * so this module puts an object database backend in front of the others
 * that checks the stream of a loose object before the loose backend reads
 * it.
 *
 * Contract
 *  - pm_odbguard_attach() adds the guard to the object database of repo,
 *    which then owns it (freed with the repository).  It is only added
 *    when the repository has loose objects at all: a packed repository
 *    pays nothing.
 *  - For every full object read, the guard looks for the loose file of
 *    the id in the repository's own objects folder (alternates are not
 *    guarded).  No such file, or a zlib stream that runs to its end: the
 *    guard steps aside (GIT_PASSTHROUGH) and the usual backends read the
 *    object, so libgit2 still parses and checks everything.  A stream that
 *    ends early or is not zlib: the read fails with "object ID: corrupt
 *    loose object (truncated)" (or "(not a zlib stream)") as libgit2's
 *    error message, which callers report like any other libgit2 error.
 *  - The cost is a second inflate of each loose object read, into a small
 *    scratch buffer.  The loose objects are listed once when the guard is
 *    added, so a packed object costs a binary search, not a failed open()
 *    (125,000 of them, about 2.5 s of system time, in a build of 10,000
 *    postmortems next to a few loose objects).  Past 100,000 loose
 *    objects the guard looks for each object's file instead.  Objects
 *    written after the guard was added are not checked.
 *  - Returns 0, or -1 with err set when the backend cannot be added.
 *  - Thread safety is libgit2's: the guard keeps no state but its path.
 */
#ifndef PM_ODBGUARD_H
#define PM_ODBGUARD_H

#include <git2.h>

#include "error.h"

int pm_odbguard_attach(git_repository *repo, struct pm_error *err);

#endif
