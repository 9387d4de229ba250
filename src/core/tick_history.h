/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the screen remembers of past ticks, for graphs wider than the
 * snapshot's own sparklines and for the block I/O latency heatmap.
 *
 * A column per tick, found by its seq: slot seq % TICK_HISTORY_COLS,
 * so the newest tick looked at takes the slot of the one that many
 * ticks before it. Stepping back in a replay or the look-back history
 * keeps working (each snapshot shown is noted), and a tick never seen
 * is a gap, drawn blank, never made up. A tick's VFS rates are its
 * snapshot's; those of the ticks before a snapshot, where not known yet,
 * come from its sparkline. The disks' histograms come only from the
 * snapshots themselves: of each tick, the disks that had I/O in it.
 *
 * Pure memory, no I/O, no curses. */
#ifndef TRACETOP_TICK_HISTORY_H
#define TRACETOP_TICK_HISTORY_H

#include <stdbool.h>
#include <stdint.h>
#include "hist.h"
#include "snapshot.h"

#define TICK_HISTORY_COLS 512	/* ticks remembered; a power of two */
#define TICK_HISTORY_DISKS 64	/* disks with I/O kept per tick; more are left out, and counted */

struct tick_history;

struct tick_history *tick_history_new(void);
void tick_history_free(struct tick_history *h);
/* Notes snapshot s (seq 0: nothing). Returns false when out of memory:
 * its block I/O column is then a gap. */
bool tick_history_note(struct tick_history *h, const struct tt_snapshot *s);
/* The VFS rate of op at tick seq; false when that tick is not known. */
bool tick_history_vfs(const struct tick_history *h, uint64_t seq, int op, double *rate);
/* The interval histogram of tick seq for a disk ("" or NULL: all), an
 * operation (-1: all) and a phase, merged into *out (cleared first).
 * -1 when the tick's block I/O is not known (or the disk named was left
 * out of it); else how many of its disks with I/O were left out (more
 * than TICK_HISTORY_DISKS), 0 normally. */
int tick_history_bio(const struct tick_history *h, uint64_t seq, const char *disk, int op,
		     int phase, struct hist *out);

#endif
