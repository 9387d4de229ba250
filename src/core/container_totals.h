/* --metrics-by container: what the processes of each container did
 * since tracetop started, for counters that only go up. Each snapshot's
 * processes carry totals since they were first seen; what they add
 * from one snapshot to the next goes to their container. Bounded: the
 * top CONTAINER_TOP by system calls are kept by name and the rest summed
 * into "other", so no workload can make the series count grow. */
#ifndef TRACETOP_CONTAINER_TOTALS_H
#define TRACETOP_CONTAINER_TOTALS_H

#include <stddef.h>
#include <stdint.h>
#include "snapshot.h"

#define CONTAINER_TOP_DEFAULT 10
#define CONTAINER_TOP_MAX 1000
/* containers followed by name at once; more go straight to "other" */
#define CONTAINER_NAMES_MAX 4096

struct container_total {
	char name[32];		/* raw bytes (cgroup_short_name); "other" for the rest */
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
/* Adds what s's processes did since the previous call. 0 or -ENOMEM
 * (then nothing of s is counted: the next call counts it). */
int container_totals_tick(struct container_totals *t, const struct tt_snapshot *s);
/* The top containers by system calls (ties by name), then the rest as
 * one "other" row when there is any; valid until the next tick. */
const struct container_total *container_totals_rows(const struct container_totals *t, size_t *n);

#endif
