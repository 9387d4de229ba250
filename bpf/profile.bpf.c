// SPDX-License-Identifier: GPL-2.0-or-later
/* The on-CPU profile: a perf_event program that user space attaches to
 * a timed software event (cpu-clock) on every CPU. Each run takes the
 * interrupted task's kernel and user stacks (walked by frame pointers:
 * bpf_get_stack) and hands them over whole in one ring record; user
 * space counts, symbolises and folds them. That costs less than keeping
 * stack-trace maps and counts tables right while they are read (a
 * record is 2 KB: about 100 KB a second a CPU at 49 Hz). Idle
 * (the swapper tasks) and tracetop itself are not sampled. */
#include "common.bpf.h"
#include "profile_sample.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 256 * 1024);	/* user space sizes it by the rate */
} samples SEC(".maps");

TT_DECLARE_RING_STATS();

/* Runtime knob (.bss, mmapped): counting off (key in the profile pane).
 * The perf events stay open either way. */
volatile bool profile_off;

SEC("perf_event")
int profile_sample(struct bpf_perf_event_data *ctx)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct tt_ring_stats *st;
	struct profile_sample *s;
	__u32 zero = 0;

	if (profile_off || (__u32)pid_tgid == 0)	/* idle */
		return 0;
	if (!tt_wanted(pid_tgid))
		return 0;
	st = bpf_map_lookup_elem(&stats, &zero);
	s = bpf_ringbuf_reserve(&samples, sizeof(*s), 0);
	if (!s) {
		if (st)
			st->lost++;
		return 0;
	}
	s->tgid = pid_tgid >> 32;
	s->pid = (__u32)pid_tgid;
	s->cgroup = bpf_get_current_cgroup_id();
	s->cpu = bpf_get_smp_processor_id();
	s->pad = 0;
	bpf_get_current_comm(s->comm, sizeof(s->comm));
	s->kbytes = bpf_get_stack(ctx, s->kips, sizeof(s->kips), 0);
	s->ubytes = bpf_get_stack(ctx, s->uips, sizeof(s->uips), BPF_F_USER_STACK);
	/* a wake-up only as the ring fills (a quarter at a time): the
	 * consumer's drain timer reads the rest a few records at a time */
	bpf_ringbuf_submit(s, tt_rb_wakes(bpf_ringbuf_query(&samples, BPF_RB_AVAIL_DATA),
					  sizeof(*s), wakeup_bytes) ?
			   BPF_RB_FORCE_WAKEUP : BPF_RB_NO_WAKEUP);
	if (st)
		st->submitted++;
	return 0;
}
