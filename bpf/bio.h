/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Block I/O latency source: log2 histograms per disk, operation and phase. */
#ifndef TRACETOP_BPF_BIO_H
#define TRACETOP_BPF_BIO_H

#define BIO_HIST_SLOTS 32	/* slot i counts latencies in [2^i, 2^(i+1)) us; slot 0 also 0 us */

enum bio_op {
	BIO_OP_READ = 0,
	BIO_OP_WRITE,
	BIO_OP_FLUSH,
	BIO_OP_DISCARD,
	BIO_OP_OTHER,
	BIO_OP_MAX,
};

enum bio_phase {
	BIO_PH_DEVICE = 0,	/* issue -> complete */
	BIO_PH_QUEUE = 1,	/* insert -> issue */
	BIO_PH_MAX,
};

struct bio_hist_key {
	__u32 dev;		/* kernel dev_t: major << 20 | minor */
	__u8 op;		/* enum bio_op */
	__u8 phase;		/* enum bio_phase */
	__u16 pad;
};

/* Map "hists": BPF_MAP_TYPE_HASH, key struct bio_hist_key, value struct
 * bio_hist. Counters only grow; user space diffs them each interval. */
struct bio_hist {
	__u64 slots[BIO_HIST_SLOTS];
	__u64 sum_us;
};

/* Map "done": BPF_MAP_TYPE_HASH, key a disk's dev (as in bio_hist_key),
 * value a __u64: the completions the programs ran for, timed or not.
 * User space holds it against the disk's own count in /sys/dev/block:
 * a completion the kernel made without running the program is lost. */
#define BIO_DONE_DISKS 1024

/* Map "procs": BPF_MAP_TYPE_LRU_HASH, key the tgid of the task that
 * made the request (at block_io_start where the kernel has it, else at
 * insert, else at issue: for writeback a kernel flusher thread, not the
 * process that wrote), value
 * below. Counters only grow; an entry the LRU evicts comes back from
 * zero, which user space's diff takes as a reset. */
#define BIO_PROC_MAX 4096

struct bio_proc {
	__u64 slots[BIO_HIST_SLOTS];	/* device latency, all operations */
	__u64 sum_us;
	__u64 created_ns;		/* when the entry was made: a new one is a new count */
	char comm[16];			/* the issuing task's, at its first request */
};

/* The tgid of a request whose task the pid/uid/cgroup filters exclude:
 * timed for the disk, not counted for a process. */
#define BIO_NO_PROC 0xffffffffu

#endif
