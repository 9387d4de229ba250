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

/* Ring-buffer wake-up policy: the producer never wakes the consumer for
 * a single record; it forces a wake-up once this many bytes wait. The
 * consumer also drains on a short timer. */
#define TT_RB_WAKEUP_BYTES (64 * 1024)

/* Any pid/uid filter value meaning "no filter". */
#define TT_ANY ((__u32)-1)

#endif
