/* Per-process syscall counts on the user-space side.
 *
 * The kernel keeps cumulative (tgid, syscall id) counters in one map and
 * what a process's entries share (its name) per tgid in another. Each
 * interval the syscall probe hands both over (begin, then add per entry
 * and info per process); the table diffs the counters against the
 * previous interval, reset-safe, and proc_table_end() sums the
 * differences per process and names each from its info (which also says
 * whether the process exited). Entries and
 * processes not handed over in an interval are forgotten: the kernel
 * evicted them, or the process is gone. A new entry counts from zero,
 * since the kernel map starts empty when tracetop loads it. Bounded: at
 * most max_entries (tgid, id) pairs and as many processes' infos are
 * tracked. */
#ifndef TRACETOP_PROC_TABLE_H
#define TRACETOP_PROC_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>
#include "events.h"

struct proc_table;

struct proc_stat {
	uint32_t tgid;
	char comm[TT_COMM_LEN + 1];	/* raw kernel bytes, NUL-terminated */
	uint64_t delta;		/* calls since the previous proc_table_end() */
	uint64_t err_delta;	/* failed calls, same interval */
	uint64_t total;		/* calls since first seen */
	uint64_t errors;	/* failed calls since first seen */
	unsigned top_id;	/* most calls this interval (overall when idle) */
	uint64_t top_delta;	/* calls of top_id this interval */
	bool exited;		/* gone: total holds every call it made */
};

/* A table of at most max_entries (tgid, id) pairs; NULL on ENOMEM or
 * when max_entries is 0. */
struct proc_table *proc_table_new(size_t max_entries);
void proc_table_free(struct proc_table *t);
/* Starts handing over a fresh read of the kernel map. */
void proc_table_begin(struct proc_table *t);
/* One kernel entry (cumulative counts). 0, or -ENOSPC when full (the
 * entry is then ignored). */
int proc_table_add(struct proc_table *t, uint32_t tgid, unsigned id, uint64_t count,
		   uint64_t errors);
/* What the kernel knows of process tgid: its name (at most TT_COMM_LEN
 * bytes are read, up to a NUL) and whether it exited, which the kernel
 * says only once every call of it is in its entries. A process handed
 * over with no info keeps the name it had at the previous end, if any.
 * 0, or -ENOSPC when full. */
int proc_table_info(struct proc_table *t, uint32_t tgid, const char *comm, bool exited);
/* Ends the interval: sums per process what was added since the last
 * end. Calling it again without new adds gives zero deltas. Returns the
 * processes, in no particular order, valid until the next call; *n is
 * set to their number. */
const struct proc_stat *proc_table_end(struct proc_table *t, size_t *n);

#endif
