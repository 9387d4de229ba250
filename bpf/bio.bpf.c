// SPDX-License-Identifier: GPL-2.0-or-later
/* Block I/O latency: log2 histograms per disk, operation and phase.
 *
 * A request is timed from insert (handed to the I/O scheduler) to issue
 * (handed to the driver) to complete. issue -> complete is the device
 * latency, insert -> issue the time spent queued; requests that bypass
 * the scheduler have no insert and only count towards the device phase.
 *
 * The same helpers serve tp_btf and raw_tp programs: every pointer is
 * read with BPF_CORE_READ, which works whether the verifier trusts the
 * pointer (tp_btf) or not (raw_tp). User space autoloads one family.
 *
 * No pid/uid filter here: completion runs in interrupt context, in
 * whatever task happened to be current, and even issue often runs in a
 * kernel worker; a task filter would only drop arbitrary samples. The
 * task that makes a request (block_io_start, where the kernel has it;
 * else the task at insert, else at issue) is kept with its start, and
 * its process gets the request in "procs" at completion, as biotop
 * does: for writeback that is a flusher thread.
 *
 * A request that cannot be timed is counted as lost in `stats`: its
 * start could not be stored or was not seen (a second after attach:
 * before, it may have been in flight), or its histogram entry could not be made
 * (a map update can fail with EBUSY when this program interrupted
 * another update of the same map on this CPU). Program runs the kernel
 * skipped (one interrupting itself) are counted by the kernel in the
 * program's recursion_misses, which user space adds. Runs the kernel
 * skips without counting them (seen on 6.18 under load: completions the
 * tracepoint reports to tracefs but to no BPF program, ~0.5 % of them
 * with other tracing programs busy) are found by counting completions
 * per disk in "done", which user space holds against the disk's own
 * count (bio_unseen.c).
 */
#include "common.bpf.h"
#include "compat.bpf.h"
#include "bio.h"

char LICENSE[] SEC("license") = "GPL";

#define BIO_INFLIGHT_MAX 16384

TT_DECLARE_RING_STATS();

/* A request this CPU could not time. */
static __always_inline void bio_untimed(void)
{
	__u32 zero = 0;
	struct tt_ring_stats *st = bpf_map_lookup_elem(&stats, &zero);

	if (st)
		st->lost++;
}

_Static_assert((BIO_HIST_SLOTS & (BIO_HIST_SLOTS - 1)) == 0,
	       "the slot index is bounded with a mask");

/* Set by user space from the kernel's BTF: see tt_rq_arg() in compat. */
const volatile bool rq_queue_arg = false;
/* Set by user space when the block_io_start programs are loaded. */
const volatile bool io_start_seen = false;

struct rq_start {
	__u64 insert_ns;	/* 0 when the insert was not seen */
	__u64 issue_ns;		/* 0 until issued */
	__u32 tgid;		/* the task that handed it over, at insert or issue */
	char comm[16];
};

/* In-flight requests only: an entry lives from insert or issue to
 * complete. Keyed by the request's address. LRU: a request inserted and
 * then merged into another is freed without completing, and its entry
 * would otherwise stay until the map is full. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, BIO_INFLIGHT_MAX);
	__type(key, __u64);
	__type(value, struct rq_start);
} starts SEC(".maps");

/* Per issuing process (bio.h). LRU: the idle give way to the active. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, BIO_PROC_MAX);
	__type(key, __u32);
	__type(value, struct bio_proc);
} procs SEC(".maps");

/* Timed requests no per-process entry could take (.bss). */
__u64 procs_lost;
/* Set by user space once attached (mmapped .bss): a request completing
 * a second after that without a start seen had its start lost (a map
 * update refused, an entry evicted), and is counted as untimed; before,
 * it may simply have been in flight at attach. */
volatile __u64 attached_ns;

/* Cumulative histograms; entries are never deleted, user space diffs. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, 1024);
	__type(key, struct bio_hist_key);
	__type(value, struct bio_hist);
} hists SEC(".maps");

/* Completions per disk that the program ran for (bio.h). */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, BIO_DONE_DISKS);
	__type(key, __u32);
	__type(value, __u64);
} done SEC(".maps");

/* Who hands the request over: the current task, unless the filters
 * exclude it (its request still counts for the disk). */
static __always_inline void rq_owner(struct rq_start *s)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();

	if (!tt_wanted(pid_tgid)) {
		s->tgid = BIO_NO_PROC;
		return;
	}
	s->tgid = pid_tgid >> 32;
	bpf_get_current_comm(s->comm, sizeof(s->comm));
}

/* block_io_start (Linux 6.5+): the request is made from a bio, in the
 * task that submitted it. Its owner is known for sure here; at insert
 * or issue the current task may be a kernel worker (a busy queue
 * dispatches later from kblockd). Loaded only where the kernel has it. */
static __always_inline int rq_start(struct request *rq)
{
	struct rq_start s = {};
	__u64 key = (__u64)rq;

	rq_owner(&s);
	bpf_map_update_elem(&starts, &key, &s, BPF_ANY);
	return 0;
}

static __always_inline int rq_insert(struct request *rq)
{
	struct rq_start fresh = {}, *s;
	__u64 key = (__u64)rq;
	__u64 now = bpf_ktime_get_ns();

	/* Seen at its start (its owner kept), or requeued (issued
	 * before). An entry inserted and never issued was left by a
	 * request merged away whose address is now reused, and without
	 * block_io_start any entry may be: start afresh. */
	s = io_start_seen ? bpf_map_lookup_elem(&starts, &key) : NULL;
	if (s && (!s->insert_ns || s->issue_ns)) {
		s->insert_ns = now;
		return 0;
	}
	fresh.insert_ns = now;
	rq_owner(&fresh);
	bpf_map_update_elem(&starts, &key, &fresh, BPF_ANY);
	return 0;
}

static __always_inline int rq_issue(struct request *rq)
{
	struct rq_start fresh = {}, *s;
	__u64 key = (__u64)rq;
	__u64 now = bpf_ktime_get_ns();

	s = bpf_map_lookup_elem(&starts, &key);
	if (s) {
		/* A requeued request is issued again: time the last try. */
		s->issue_ns = now;
		return 0;
	}
	fresh.issue_ns = now;
	rq_owner(&fresh);
	if (bpf_map_update_elem(&starts, &key, &fresh, BPF_ANY))
		bio_untimed();
	return 0;
}

static __always_inline __u8 rq_op(struct request *rq)
{
	__u32 op = BPF_CORE_READ(rq, cmd_flags) & TT_REQ_OP_MASK;

	switch (op) {
	case REQ_OP_READ:
		return BIO_OP_READ;
	case REQ_OP_WRITE:
		return BIO_OP_WRITE;
	case REQ_OP_FLUSH:
		return BIO_OP_FLUSH;
	case REQ_OP_DISCARD:
		return BIO_OP_DISCARD;
	default:
		return BIO_OP_OTHER;
	}
}

static __always_inline __u32 rq_dev(struct request *rq)
{
	struct gendisk *disk = tt_rq_disk(rq);

	if (!disk)
		return 0;
	return ((__u32)BPF_CORE_READ(disk, major) << 20) |
	       ((__u32)BPF_CORE_READ(disk, first_minor) & 0xfffff);
}

/* Slot of a latency in microseconds. */
static __always_inline __u32 us_slot(__u64 us)
{
	__u32 slot = tt_log2(us);

	if (slot >= BIO_HIST_SLOTS)
		slot = BIO_HIST_SLOTS - 1;
	/* clang folds the clamp into arithmetic the verifier cannot bound;
	 * a mask behind a compiler barrier is an index it can check. */
	barrier_var(slot);
	return slot & (BIO_HIST_SLOTS - 1);
}

static __always_inline void hist_add(struct bio_hist_key *key, __u64 delta_ns)
{
	struct bio_hist zero = {}, *h;
	__u64 us = delta_ns / 1000;

	h = bpf_map_lookup_elem(&hists, key);
	if (!h) {
		/* NOEXIST: a racing CPU may have created it; either way look
		 * it up again and add to whichever entry won. */
		bpf_map_update_elem(&hists, key, &zero, BPF_NOEXIST);
		h = bpf_map_lookup_elem(&hists, key);
		if (!h) {
			bio_untimed();
			return;
		}
	}
	__sync_fetch_and_add(&h->slots[us_slot(us)], 1);
	__sync_fetch_and_add(&h->sum_us, us);
}

/* Device latency of a request of process tgid, named comm when new. */
static __always_inline void proc_add(__u32 tgid, const char *comm, __u64 delta_ns)
{
	struct bio_proc *p, fresh = {};
	__u64 us = delta_ns / 1000;

	p = bpf_map_lookup_elem(&procs, &tgid);
	if (!p) {
		__builtin_memcpy(fresh.comm, comm, sizeof(fresh.comm));
		fresh.created_ns = bpf_ktime_get_ns();
		bpf_map_update_elem(&procs, &tgid, &fresh, BPF_NOEXIST);
		p = bpf_map_lookup_elem(&procs, &tgid);
		if (!p) {
			__sync_fetch_and_add(&procs_lost, 1);
			return;
		}
	}
	__sync_fetch_and_add(&p->slots[us_slot(us)], 1);
	__sync_fetch_and_add(&p->sum_us, us);
}

/* The request flags' bit numbers, an enum since Linux 6.8 (before,
 * macros the BTF does not hold). A local flavour of the type (libbpf
 * matches it by the name before "___"), so that it compiles against
 * kernel types with the enum or without it. */
enum rqf_flags___tt {
	__RQF_FLUSH_SEQ___tt = 1,
};

/* Whether a request is part of a flush sequence (a write with
 * PREFLUSH or FUA: its data part, and the kernel's flush request). On
 * a kernel without the enum this says no. */
static __always_inline bool rq_flush_seq(struct request *rq)
{
	if (!bpf_core_enum_value_exists(enum rqf_flags___tt, __RQF_FLUSH_SEQ___tt))
		return false;
	return BPF_CORE_READ(rq, rq_flags) &
	       (1U << bpf_core_enum_value(enum rqf_flags___tt, __RQF_FLUSH_SEQ___tt));
}

/* Whether the disk counts this completion in its stat file, as the
 * programs count it in "done": not a part of a request that completes
 * in parts, not the data part of a flush sequence (the request is
 * counted when the sequence ends it), not a passthrough command. The
 * kernel's flush request is counted (as a flush). Where the programs
 * still count more (a kernel before 6.8, a queue with iostats off),
 * the comparison only finds fewer missed completions. */
static __always_inline bool disk_counts(struct request *rq, __u32 nr_bytes, __u32 op)
{
	if (op == REQ_OP_DRV_IN || op == REQ_OP_DRV_OUT)
		return false;
	if (nr_bytes < BPF_CORE_READ(rq, __data_len))
		return false;
	return op == REQ_OP_FLUSH || !rq_flush_seq(rq);
}

static __always_inline void count_done(__u32 dev)
{
	__u64 zero = 0, *n;

	n = bpf_map_lookup_elem(&done, &dev);
	if (!n) {
		/* NOEXIST then look up: a racing CPU's entry counts too */
		bpf_map_update_elem(&done, &dev, &zero, BPF_NOEXIST);
		n = bpf_map_lookup_elem(&done, &dev);
	}
	if (n)
		__sync_fetch_and_add(n, 1);
}

static __always_inline int rq_complete(struct request *rq, __u32 nr_bytes)
{
	struct bio_hist_key hkey = {};
	__u64 key = (__u64)rq;
	__u64 now = bpf_ktime_get_ns();
	struct rq_start *s;
	__u64 insert_ns, issue_ns;
	char comm[16];
	__u32 tgid, dev = rq_dev(rq);
	__u32 op = BPF_CORE_READ(rq, cmd_flags) & TT_REQ_OP_MASK;
	/* An empty write never reaches the device: an fsync's empty flush
	 * (the kernel sends a flush request of its own, which is timed),
	 * or the second completion of a data request a flush sequence
	 * ends. Neither is timed, and neither is lost. */
	bool empty_write = op == REQ_OP_WRITE && !nr_bytes;

	if (disk_counts(rq, nr_bytes, op))
		count_done(dev);
	s = bpf_map_lookup_elem(&starts, &key);
	if (!s) {
		if (!empty_write && attached_ns && now > attached_ns + 1000000000ull)
			bio_untimed();
		return 0;	/* else: started before tracetop attached */
	}
	insert_ns = s->insert_ns;
	issue_ns = s->issue_ns;
	tgid = s->tgid;
	__builtin_memcpy(comm, s->comm, sizeof(comm));
	bpf_map_delete_elem(&starts, &key);
	if (!issue_ns && empty_write)
		return 0;
	if (!issue_ns || now < issue_ns) {
		bio_untimed();	/* its issue was not seen */
		return 0;
	}

	hkey.dev = dev;
	hkey.op = rq_op(rq);
	hkey.phase = BIO_PH_DEVICE;
	hist_add(&hkey, now - issue_ns);
	if (tgid != BIO_NO_PROC)
		proc_add(tgid, comm, now - issue_ns);
	if (insert_ns && issue_ns >= insert_ns) {
		hkey.phase = BIO_PH_QUEUE;
		hist_add(&hkey, issue_ns - insert_ns);
	}
	return 0;
}

/* tp_btf: the verifier knows the argument types from the kernel's BTF. */
SEC("tp_btf/block_io_start")
int btf_io_start(__u64 *ctx)
{
	return rq_start((struct request *)ctx[0]);
}

SEC("tp_btf/block_rq_insert")
int btf_rq_insert(__u64 *ctx)
{
	return rq_insert(tt_rq_arg(ctx, rq_queue_arg));
}

SEC("tp_btf/block_rq_issue")
int btf_rq_issue(__u64 *ctx)
{
	return rq_issue(tt_rq_arg(ctx, rq_queue_arg));
}

/* block_rq_complete(struct request *rq, blk_status_t error, unsigned int nr_bytes) */
SEC("tp_btf/block_rq_complete")
int btf_rq_complete(__u64 *ctx)
{
	return rq_complete((struct request *)ctx[0], (__u32)ctx[2]);
}

/* raw_tp: the same arguments as an array of u64, untyped. */
SEC("raw_tp/block_io_start")
int raw_io_start(__u64 *ctx)
{
	return rq_start((struct request *)ctx[0]);
}

SEC("raw_tp/block_rq_insert")
int raw_rq_insert(__u64 *ctx)
{
	return rq_insert(tt_rq_arg(ctx, rq_queue_arg));
}

SEC("raw_tp/block_rq_issue")
int raw_rq_issue(__u64 *ctx)
{
	return rq_issue(tt_rq_arg(ctx, rq_queue_arg));
}

SEC("raw_tp/block_rq_complete")
int raw_rq_complete(__u64 *ctx)
{
	return rq_complete((struct request *)ctx[0], (__u32)ctx[2]);
}
