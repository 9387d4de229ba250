/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What tracetop itself costs: the run time of its BPF programs in the
 * kernel (from the fdinfo of its own program fds, filled while BPF run
 * time statistics are enabled), the memory of its maps, and its own CPU
 * time and RSS. Reads only this process's /proc entries, under a root
 * directory parameter so tests can use fixtures. */
#ifndef TRACETOP_SELFCOST_H
#define TRACETOP_SELFCOST_H

#include <stdint.h>
#include "snapshot.h"

struct selfcost_sample {
	uint64_t bpf_run_ns;	/* summed run_time_ns of our programs */
	uint64_t bpf_run_cnt;	/* summed run_cnt */
	unsigned n_progs;
	uint64_t map_bytes;	/* summed memlock of our maps */
	uint64_t cpu_ns;	/* our user + system time */
	uint64_t rss_kb;
};

/* Scans <root>/proc/self/{fd,fdinfo,status}; cpu_ns comes from
 * CLOCK_PROCESS_CPUTIME_ID. 0 or -errno. */
int selfcost_read(const char *root, struct selfcost_sample *out);
/* The same without the scan of the fds, whose programs and maps are
 * those of prev: they do not change once every source has started, and
 * without BPF run-time statistics their run counters stay at zero. The
 * scan costs some hundred system calls; this, two. 0 or -errno. */
int selfcost_read_process(const char *root, struct selfcost_sample *out,
			  const struct selfcost_sample *prev);
/* Fills c from two samples dt_s seconds apart (percentages of one core). */
void selfcost_update(struct tt_selfcost *c, const struct selfcost_sample *prev,
		     const struct selfcost_sample *cur, double dt_s);

#endif
