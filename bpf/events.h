/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Types shared by the BPF programs and user space: plain C only.
 *
 * Everything that crosses the kernel/user boundary through a ring buffer
 * starts with struct tt_rec_hdr, so the consumer can validate a record's
 * type and size before it trusts any other field.
 */
#ifndef TRACETOP_BPF_EVENTS_H
#define TRACETOP_BPF_EVENTS_H

#define TT_COMM_LEN 16

/* Ring buffer record types. */
enum tt_rec_type {
	TT_REC_EXEC = 1,
	TT_REC_OPEN = 2,
	TT_REC_PATH = 3,	/* a failing path call: struct open_event's layout */
	TT_REC_PROC = 4,	/* a process forked or exited: struct tt_proc_event */
};

struct tt_rec_hdr {
	__u16 type;	/* enum tt_rec_type */
	__u16 size;	/* bytes of the whole record, header included */
};

/* Per-CPU counters kept by every ring-buffer producer (map "stats", one
 * entry). "lost" counts records that could not be written because the
 * ring was full; user space sums the CPUs and reports it. */
struct tt_ring_stats {
	__u64 submitted;
	__u64 lost;
};

/* Ring-buffer wake-up policy: the producer does not wake the consumer
 * for each record, only for one that takes the data waiting past a
 * multiple of the mark (at most this many bytes; a quarter of a smaller
 * ring). The consumer also drains on a short timer. */
#define TT_RB_WAKEUP_BYTES (64 * 1024)

/* Bytes a record of size bytes takes in a BPF ring buffer: an 8-byte
 * header, the whole rounded up to 8. */
#define TT_RB_FOOTPRINT(size) ((((__u64)(size)) + 8 + 7) & ~(__u64)7)

/* True when a record of size bytes, written while avail bytes wait,
 * takes them past a multiple of mark (> 0): the producer then forces a
 * wake-up. The record's whole footprint counts: with the payload alone,
 * a mark falling in its header or padding would be passed unseen.
 * Shared so that tests/unit/test_ring_wake.c checks the rule the BPF
 * programs run. */
static inline __attribute__((always_inline)) int
tt_rb_wakes(__u64 avail, __u64 size, __u64 mark)
{
	return avail / mark != (avail + TT_RB_FOOTPRINT(size)) / mark;
}

/* Any pid/uid filter value meaning "no filter". */
#define TT_ANY ((__u32)-1)
/* Most ids -p or -u take (options.h's TT_IDS_MAX is this). */
#define TT_FILTER_IDS_MAX 64

#endif
