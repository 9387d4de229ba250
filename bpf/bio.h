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

#endif
