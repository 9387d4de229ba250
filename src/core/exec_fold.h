/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Folding the failed attempts of one spawn: a shell or execvp() walking
 * PATH calls execve once per directory, each failing with ENOENT (or
 * EACCES, ENOTDIR) until one runs, and the log would hold a row per
 * directory. A failed exec is held back here; the next exec of the same
 * thread with the same argv takes its place and counts it (attempts),
 * so the log shows one row with the final outcome and "×N". Held events
 * are released as they are at the end of each drain of the rings (an
 * execvp() walks PATH in microseconds, within one drain) and at a tick:
 * a failed exec is delayed, never dropped.
 *
 * At most EXEC_FOLD_HELD threads are held at once; one more releases the
 * oldest. Allocates per held event (a copy of its strings). */
#ifndef TRACETOP_EXEC_FOLD_H
#define TRACETOP_EXEC_FOLD_H

#include "event.h"

#define EXEC_FOLD_HELD 16
#define EXEC_FOLD_WINDOW_NS 1000000000ull	/* attempts further apart are two spawns */

struct exec_fold;

/* Where released events go: 0 or an error (the event is still gone). */
typedef int (*exec_fold_push_fn)(void *ctx, const struct tt_event *ev);

struct exec_fold *exec_fold_new(void);
void exec_fold_free(struct exec_fold *f);
/* Takes ev (its attempts may be raised). Returns 1 when it was held (the
 * caller stores nothing), 0 when the caller stores it now. An event it
 * folds or displaces is handled here: a displaced one goes to push. */
int exec_fold_event(struct exec_fold *f, struct tt_event *ev, exec_fold_push_fn push, void *ctx);
/* Releases every held event, oldest first, to push. */
void exec_fold_flush(struct exec_fold *f, exec_fold_push_fn push, void *ctx);

#endif
