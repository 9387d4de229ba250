/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The on-CPU profile source: one record per timed sample of a CPU, with
 * the kernel and user stacks of the task it interrupted. */
#ifndef TRACETOP_BPF_PROFILE_SAMPLE_H
#define TRACETOP_BPF_PROFILE_SAMPLE_H

#include "events.h"

/* Frames kept of each stack (the kernel's perf_event_max_stack is 127
 * by default; a deeper stack is cut and said so). */
#define PROFILE_DEPTH 127

struct profile_sample {
	__u32 tgid, pid;
	__u64 cgroup;		/* cgroup v2 id of the task */
	__s32 kbytes;		/* bytes of kips filled, or -errno */
	__s32 ubytes;		/* bytes of uips filled, or -errno; 0 for a kernel thread */
	__u32 cpu;
	__u32 pad;
	char comm[16];
	__u64 kips[PROFILE_DEPTH];	/* innermost first */
	__u64 uips[PROFILE_DEPTH];
};

/* Map "samples": BPF_MAP_TYPE_RINGBUF of struct profile_sample;
 * "stats": per-CPU struct tt_ring_stats. */

#endif
