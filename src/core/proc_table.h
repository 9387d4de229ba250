/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-process syscall counts on the user-space side.
 *
 * The kernel keeps cumulative (tgid, syscall id) counters in one map and
 * what a process's entries share (its name, whether it exited) per tgid
 * in another. Each interval the syscall probe hands both over (begin,
 * then add per entry and info per process); the table diffs the
 * counters against the previous interval, reset-safe, and
 * proc_table_end() sums the differences per process and names each from
 * its info. Entries and processes not handed over in an interval are
 * forgotten: the process is gone and its entries were deleted
 * (proc_table_final). A new entry counts from zero, since the kernel map
 * starts empty when tracetop loads it. Bounded: at most max_entries
 * (tgid, id) pairs and as many processes' infos are tracked. */
#ifndef TRACETOP_PROC_TABLE_H
#define TRACETOP_PROC_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>
#include "events.h"
#include "snapshot.h"
#include "vfs.h"

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
	/* This interval's calls by VFS operation (syscall_class.h: creat
	 * counts as an open), and its failed opens. */
	uint64_t op_delta[VFS_OP_MAX];
	uint64_t open_err_delta;
	uint64_t op_total[VFS_OP_MAX];	/* the same since first seen */
	uint64_t open_err_total;
	/* Who it is, once the caller found out (proc_table_set_ids): kept
	 * from one end to the next like the totals. */
	uint32_t ppid, uid;
	bool ppid_known, uid_known;
	char container[32];	/* cgroup_short_name() of its cgroup; "" unknown */
	bool ids_tried;		/* the caller looked them up once (set_ids) */
	bool exited;		/* gone: total holds every call it made */
	bool final;		/* exited, read once more: its entries go now */
	uint64_t busy_ns;	/* time in timed system calls, as the kernel has it */
	uint64_t busy_delta;	/* of which since the previous proc_table_end() */
	uint64_t cgroup_id;	/* its cgroup (v2) id, as the kernel had it; 0 unknown */
};

/* A table of at most max_entries (tgid, id) pairs of at most max_procs
 * processes (max_procs <= max_entries); NULL on ENOMEM or bad sizes. */
struct proc_table *proc_table_new(size_t max_entries, size_t max_procs);
void proc_table_free(struct proc_table *t);
/* Calls of entries, or of processes, no table had room for, since start
 * (none while the kernel's maps are no bigger than the table). */
uint64_t proc_table_lost_calls(const struct proc_table *t);
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
 * busy_ns: its time in timed system calls, cumulative; cgroup_id: its
 * cgroup's (0 unknown). 0, or -ENOSPC when full. */
int proc_table_info(struct proc_table *t, uint32_t tgid, const char *comm, bool exited,
		    uint64_t busy_ns, uint64_t cgroup_id);
/* The parent and owner of process tgid, which the kernel tells once it
 * exited; call after proc_table_info. */
void proc_table_ids(struct proc_table *t, uint32_t tgid, uint32_t ppid, uint32_t uid);
/* True when what was handed over of tgid since begin is the last of it:
 * it was exited already at the previous handover, and has been read
 * again since. The kernel's exit hook marks a process exited only after
 * adding its last runs, but a run another CPU ended just before may be
 * added just after; one handover later nothing more can come, and the
 * caller deletes the process's kernel entries and info. Also true for a
 * process with no info left, whose info said exited at the previous
 * handover: entries still seen were added after that read. */
bool proc_table_final(const struct proc_table *t, uint32_t tgid);
/* Ends the interval: sums per process what was added since the last
 * end. Calling it again without new adds gives zero deltas. Returns the
 * processes, in no particular order, valid until the next call; *n is
 * set to their number. */
const struct proc_stat *proc_table_end(struct proc_table *t, size_t *n);
/* One (process, syscall) entry of the last end: its calls and failures
 * in that interval, and as the kernel counts them (since its entry was
 * made, at the process's first such call since tracetop loaded). */
/* The entries of the last end (pid, syscall, this interval's calls and
 * failures, and since first seen), grouped by process in no particular
 * order; valid until the next end. */
const struct tt_proc_call *proc_table_calls(const struct proc_table *t, size_t *n);
/* Sets the parent and owner of row i of the last end's result (either
 * may be unknown); later ends keep them while the process is seen. */
void proc_table_set_ids(struct proc_table *t, size_t i, bool ppid_known, uint32_t ppid,
			bool uid_known, uint32_t uid, const char *container);

#endif
