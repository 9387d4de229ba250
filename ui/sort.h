/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Display order of table rows: sorted by the chosen column, or held
 * still (the previous order, new rows at the end) for a moment after the
 * user sorted or moved, so rows do not jump under the cursor. */
#ifndef TRACETOP_UI_SORT_H
#define TRACETOP_UI_SORT_H

#include <stdbool.h>
#include <stddef.h>
#include "snapshot.h"
#include "state.h"

/* Fill idx[0..n) with the order in which to show snap->syscalls (or
 * snap->procs); remembers it in t. Returns 0 or -ENOMEM (idx is then
 * the snapshot's own order). */
int sort_syscalls(struct table_state *t, bool held, const struct tt_snapshot *snap, size_t *idx);
int sort_procs(struct table_state *t, bool held, const struct tt_snapshot *snap, size_t *idx);
/* The same for the n rows of snap->fails listed in rows (the ones the
 * filters let through): idx gets row indexes. */
int sort_fails(struct table_state *t, bool held, const struct tt_snapshot *snap,
	       const size_t *rows, size_t n, size_t *idx);

#endif
