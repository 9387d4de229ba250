/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The processes table of a snapshot: one row per process, joined from
 * what each source knows of it.
 *
 *  - the syscalls source's per-process counts (proc_table): calls,
 *    failures, the busiest syscall, and by syscall class (syscall_class.h)
 *    reads, writes, opens, failed opens and fsyncs;
 *  - the bio source's per-process requests (bio_procs): rate and p95 of
 *    the device latency; a process known only there (a flusher thread)
 *    gets a row of its own;
 *  - the exec events of the interval, counted for the parent (execs it
 *    started);
 *  - who it is: the parent from the process tree, else, like the owner,
 *    from /proc/PID/status, read once per process and at most
 *    PROC_VIEW_READS_MAX processes per tick (a first tick over 20 000
 *    processes must not stall the loop; the rest are read at later ticks).
 *
 * No I/O but /proc, no curses, no libbpf. */
#ifndef TRACETOP_PROC_VIEW_H
#define TRACETOP_PROC_VIEW_H

#include <stddef.h>
#include <stdint.h>
#include "bio_procs.h"
#include "proc_table.h"
#include "proc_tree.h"
#include "snapshot.h"

#define PROC_VIEW_READS_MAX 2048
#define PROC_VIEW_EXECS_MAX 65536	/* execs remembered per interval */

struct proc_view;

/* root: prefix for /proc ("" for the live system). */
struct proc_view *proc_view_new(const char *root);
void proc_view_free(struct proc_view *v);
/* A successful exec by a child of ppid, in the interval being counted. */
void proc_view_exec(struct proc_view *v, uint32_t ppid);

struct proc_view_in {
	const struct proc_stat *ps;	/* proc_table_end()'s result */
	size_t n_ps;
	struct proc_table *table;	/* to remember the ids found */
	const struct bio_proc_row *bio;	/* bio_procs_end()'s result, or NULL */
	size_t n_bio;
	const struct proc_tree *tree;
	double dt, bio_dt;		/* seconds of the syscalls' and bio's intervals */
	double ev_dt;			/* seconds since the previous build (execs) */
};

/* Execs not counted for lack of room (PROC_VIEW_EXECS_MAX in one
 * interval), since start. */
uint64_t proc_view_execs_untracked(const struct proc_view *v);
/* Builds the rows into *rows (grown as needed, capacity *cap), by
 * syscall rate; the number of rows. Ends the exec interval. */
size_t proc_view_build(struct proc_view *v, const struct proc_view_in *in,
		       struct tt_proc_row **rows, size_t *cap);

/* How the processes pane folds its rows. */
enum proc_fold {
	PROC_FOLD_NONE = 0,
	PROC_FOLD_COMM,		/* one row per name */
	PROC_FOLD_CONTAINER,	/* one row per container (cgroup.h's name) */
};

/* Folds rows by name or by container: one row per name (container), its
 * rates and totals summed, its block I/O p95 the highest of its
 * processes' (a bound, not the group's own percentile), exited when all
 * of them are, nprocs its processes; pid is a hash of the name
 * (container), stable from frame to frame. By container, comm is the
 * name of its busiest process; by name, container is empty. out holds n
 * rows; returns the rows made (0 also when out of memory). */
size_t proc_view_fold(const struct tt_proc_row *rows, size_t n, enum proc_fold by,
		      struct tt_proc_row *out);

#endif
