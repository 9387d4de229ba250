/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --metrics-by container: what the processes of each container did
 * since tracetop started, as counters that only go up. At each tick the
 * interval's counts of every process (tt_proc_row's deltas) go to its
 * container. The series count is bounded and no series ever goes down:
 * containers get a series of their own as they first do something (the
 * busiest first when several start in one interval), up to
 * --metrics-top of them, and keep it; everything else (the others, and
 * CONTAINER_UNKNOWN, never named) is summed as CONTAINER_OTHER. */
#ifndef TRACETOP_CONTAINER_TOTALS_H
#define TRACETOP_CONTAINER_TOTALS_H

#include <stddef.h>
#include <stdint.h>
#include "snapshot.h"

#define CONTAINER_TOP_DEFAULT 10
#define CONTAINER_TOP_MAX 1000
/* containers followed by name at once; more go straight to the others */
#define CONTAINER_NAMES_MAX 4096
/* names no cgroup can have (a short name holds no '/') */
#define CONTAINER_OTHER "/other"
#define CONTAINER_UNKNOWN "/unknown"	/* a process whose cgroup was not learnt */

struct container_total {
	char name[32];		/* raw bytes (cgroup_short_name), or the above */
	uint64_t syscalls;
	uint64_t ops[VFS_OP_MAX];	/* reads, writes, opens, fsyncs */
	uint64_t open_errors;
	uint64_t execs;		/* of its processes' children */
	uint64_t bio;		/* block I/O requests */
};

struct container_totals;

/* top: how many containers get their own series (1..CONTAINER_TOP_MAX). */
struct container_totals *container_totals_new(unsigned top);
void container_totals_free(struct container_totals *t);
/* Adds the interval of snapshot s. 0, or -ENOMEM: then a container seen
 * first is counted among the others. */
int container_totals_tick(struct container_totals *t, const struct tt_snapshot *s);
/* The named containers by name, then CONTAINER_OTHER (always there);
 * valid until the next tick. */
const struct container_total *container_totals_rows(const struct container_totals *t, size_t *n);

#endif
