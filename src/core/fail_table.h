/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Failed path calls, opens included, aggregated by (call, path, errno,
 * comm): how often each failed since tracetop started and how often per
 * second over the last interval. All the open syscalls are one call,
 * "open"; each other path call (stat, unlink...) is its own. This is
 * what the UI's failing-calls table, its filter-on-a-row action and the
 * batch and JSON "fails" show.
 *
 * Memory is bounded and allocated once: at most max_entries keys, their
 * paths in a pool of max_entries * FAIL_TABLE_PATH_BYTES bytes. Between
 * two ticks a full table (keys or pool) counts new keys as untracked;
 * at a tick it forgets a quarter to make room again, keeping the keys
 * failing fastest in the last interval and those with the most failures
 * in all (see make_room).
 * Entries only go away at a tick, so the rows of the last tick stay
 * valid until the next one. */
#ifndef TRACETOP_FAIL_TABLE_H
#define TRACETOP_FAIL_TABLE_H

#include <stddef.h>
#include <stdint.h>
#include "event.h"
#include "filter.h"
#include "snapshot.h"

#define FAIL_TABLE_DEFAULT 1024
/* Pool bytes per key: room for typical paths, and a run of 4 KiB ones. */
#define FAIL_TABLE_PATH_BYTES 512

struct fail_table;

struct fail_table *fail_table_new(size_t max_entries);
void fail_table_free(struct fail_table *t);
/* Counts ev if it is a failed open or path call; other events are
 * ignored. */
void fail_table_add(struct fail_table *t, const struct tt_event *ev);
/* Ends an interval of dt_s seconds at mono_ns: computes each key's rate,
 * makes room when the table is full, and returns the rows (in no
 * particular order) through rows, valid until the next tick. Returns
 * the number of rows. */
size_t fail_table_tick(struct fail_table *t, double dt_s, const struct tt_fail_row **rows);
/* Failures not counted under any key because the table was full. */
uint64_t fail_table_untracked(const struct fail_table *t);

/* "open" or the path call's name ("newfstatat") of a row. */
const char *fail_row_call_name(const struct tt_fail_row *r);
/* Whether row r passes filter f (NULL or empty: every row). The row
 * stands for its latest failure: its type (open or path), call (syscall:
 * "open" for every open), comm, path, errno, and the pid and uid of the
 * latest; args: match nothing. */
bool fail_row_match(struct filter *f, const struct tt_fail_row *r);
/* The event a row stands for, as fail_row_match sees it; its path is
 * borrowed from the row. */
void fail_row_event(const struct tt_fail_row *r, struct tt_event *ev);

#endif
