/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers shared by every tracetop BPF program: the filter knobs set
 * between open and load, log2 bucketing, lost-event accounting and the
 * ring-buffer wake-up policy. Each *.bpf.c includes this once. */
#ifndef TRACETOP_COMMON_BPF_H
#define TRACETOP_COMMON_BPF_H

#include "vmlinux.h"
#include <bpf/bpf_helpers.h>
#include <bpf/bpf_core_read.h>
#include <bpf/bpf_tracing.h>
#include "events.h"

/* Filters (rodata: fixed at load, so the verifier prunes unused paths). */
const volatile __u32 targ_tgid = TT_ANY;	/* -p/--pid with one process */
const volatile bool targ_tgids = false;		/* -p with several: pid_filter */
const volatile __u32 targ_uid = TT_ANY;		/* -u/--uid with one user */
const volatile bool targ_uids = false;		/* -u with several: uid_filter */
const volatile __u32 self_tgid = 0;		/* tracetop itself: never traced */
const volatile bool targ_cgroup = false;	/* --cgroup: only tasks under cgroup_filter[0] */

/* -p and -u with several ids: the ids as keys, filled by user space
 * after load (bpf_support_filter_maps). One id is a constant above, with
 * no lookup. */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(max_entries, TT_FILTER_IDS_MAX);
	__type(key, __u32);
	__type(value, __u8);
} pid_filter SEC(".maps"), uid_filter SEC(".maps");

/* --cgroup: the directory's fd, put there by user space after load
 * (bpf_support_set_cgroup); "under" includes the cgroups below it. */
struct {
	__uint(type, BPF_MAP_TYPE_CGROUP_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u32);
} cgroup_filter SEC(".maps");
/* Forced wake-up mark of the ring: a quarter of it, at most
 * TT_RB_WAKEUP_BYTES, so that a small ring still wakes its consumer. */
const volatile __u64 wakeup_bytes = TT_RB_WAKEUP_BYTES;

/* Runtime knob (.bss, mmapped): user space flips it while running, with
 * no capability, when the user presses x. Failed calls only (-x). */
volatile bool targ_failed;

/* The kernel's error returns are -1 .. -MAX_ERRNO (include/linux/err.h);
 * anything below is a value (e.g. a high address), not a failure. */
#define TT_MAX_ERRNO 4095

/* True when process tgid passes -p (and is not tracetop). */
static __always_inline bool tt_tgid_wanted(__u32 tgid)
{
	if (tgid == self_tgid)
		return false;
	if (targ_tgid != TT_ANY && tgid != targ_tgid)
		return false;
	if (targ_tgids && !bpf_map_lookup_elem(&pid_filter, &tgid))
		return false;
	return true;
}

/* True when the task of pid_tgid (the current one) passes the
 * pid/uid/cgroup/self filters. */
static __always_inline bool tt_wanted(__u64 pid_tgid)
{
	__u32 uid;

	if (!tt_tgid_wanted(pid_tgid >> 32))
		return false;
	if (targ_uid != TT_ANY || targ_uids) {
		uid = (__u32)bpf_get_current_uid_gid();
		if (targ_uid != TT_ANY && uid != targ_uid)
			return false;
		if (targ_uids && !bpf_map_lookup_elem(&uid_filter, &uid))
			return false;
	}
	/* the cgroup or one below it */
	if (targ_cgroup && bpf_current_task_under_cgroup(&cgroup_filter, 0) != 1)
		return false;
	return true;
}

/* True when the current task passes the pid/uid/self filters. */
static __always_inline bool tt_task_wanted(void)
{
	return tt_wanted(bpf_get_current_pid_tgid());
}

/* The syscall id at exit: the one the task entered with, which the
 * architecture keeps apart from the return-value register. */
static __always_inline long tt_regs_syscall_id(struct pt_regs *regs)
{
#if defined(__TARGET_ARCH_x86)
	return BPF_CORE_READ(regs, orig_ax);
#elif defined(__TARGET_ARCH_arm64)
	return BPF_CORE_READ(regs, syscallno);
#else
#error "tracetop: syscall id at sys_exit not known for this architecture"
#endif
}

/* floor(log2(v)) for v > 0, 0 for v == 0. */
static __always_inline __u32 tt_log2(__u64 v)
{
	__u32 r = 0, shift;

	shift = (v > 0xffffffffULL) << 5; v >>= shift; r |= shift;
	shift = (v > 0xffff) << 4; v >>= shift; r |= shift;
	shift = (v > 0xff) << 3; v >>= shift; r |= shift;
	shift = (v > 0xf) << 2; v >>= shift; r |= shift;
	shift = (v > 0x3) << 1; v >>= shift; r |= shift;
	r |= (v >> 1);
	return r;
}

/* Declares the per-CPU "stats" map of a ring-buffer producer. */
#define TT_DECLARE_RING_STATS()						\
	struct {							\
		__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);		\
		__uint(max_entries, 1);					\
		__type(key, __u32);					\
		__type(value, struct tt_ring_stats);			\
	} stats SEC(".maps")

/* Writes size bytes of rec to ring rb and counts it as submitted or
 * lost. The consumer is woken only by a record that takes the data
 * waiting past a multiple of wakeup_bytes: while a busy consumer lags, a
 * wake-up per record would cost every traced call an interrupt and wake
 * nobody new. Every multiple, not just the first: two CPUs can each see
 * the data below a mark and together carry it past without either
 * waking, and with a single mark the consumer would then sleep through a
 * full ring until its drain timer (seen in the failing-open bench: 70 %
 * of a storm lost in one run of four). */
static __always_inline void tt_ring_output(void *rb, void *stats_map,
					   void *rec, __u64 size)
{
	__u32 zero = 0;
	struct tt_ring_stats *st = bpf_map_lookup_elem(stats_map, &zero);
	__u64 flags = BPF_RB_NO_WAKEUP;
	__u64 avail = bpf_ringbuf_query(rb, BPF_RB_AVAIL_DATA);

	if (tt_rb_wakes(avail, size, wakeup_bytes))
		flags = BPF_RB_FORCE_WAKEUP;
	if (bpf_ringbuf_output(rb, rec, size, flags) == 0) {
		if (st)
			st->submitted++;
	} else if (st) {
		st->lost++;
	}
}

#endif
