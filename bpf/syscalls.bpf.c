// SPDX-License-Identifier: GPL-2.0
/* Syscall counts: calls and failures per syscall id and per process.
 *
 * Counted at syscall exit only, where the id and the return value are
 * both known, so one program runs per syscall instead of two. Three
 * flavours of the same hook, autoloaded one at a time by user space:
 * tp_btf/sys_exit (typed, cheapest), raw_tp/sys_exit, and the
 * raw_syscalls/sys_exit tracepoint (needs tracefs). Counters only grow;
 * user space sums the CPUs and diffs ticks.
 */
#include "common.bpf.h"
#include "syscalls.h"

char LICENSE[] SEC("license") = "GPL";

/* The kernel's error returns are -1 .. -MAX_ERRNO (include/linux/err.h);
 * anything below is a value (e.g. a high address), not a failure. */
#define TT_MAX_ERRNO 4095

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SYSCALL_ID_MAX);
	__type(key, __u32);
	__type(value, struct syscall_stat);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, SYSCALL_PROC_MAX);
	__type(key, struct syscall_proc_key);
	__type(value, struct syscall_proc);
} procs SEC(".maps");

static __always_inline void count_proc(__u32 tgid, __u32 id, __u64 failed)
{
	struct syscall_proc_key key = { .tgid = tgid, .id = id };
	struct syscall_proc *p, fresh = {};

	p = bpf_map_lookup_elem(&procs, &key);
	if (!p) {
		bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
		/* NOEXIST: if another thread of the process won the race,
		 * add to its entry. */
		bpf_map_update_elem(&procs, &key, &fresh, BPF_NOEXIST);
		p = bpf_map_lookup_elem(&procs, &key);
		if (!p)
			return;
	}
	/* Threads of one process share the entry across CPUs. */
	__sync_fetch_and_add(&p->count, 1);
	if (failed)
		__sync_fetch_and_add(&p->errors, 1);
}

static __always_inline int count_exit(long id, long ret)
{
	struct syscall_stat *st;
	__u64 failed = ret < 0 && ret >= -TT_MAX_ERRNO;
	__u32 key;

	/* -1: not a syscall (e.g. a tracer cancelled it). */
	if (id < 0)
		return 0;
	if (!tt_task_wanted())
		return 0;
	key = id < SYSCALL_ID_MAX ? (__u32)id : SYSCALL_ID_MAX - 1;
	st = bpf_map_lookup_elem(&counts, &key);
	/* Per-CPU value, one writer at a time: plain increments. */
	if (st) {
		st->count++;
		st->errors += failed;
	}
	count_proc(bpf_get_current_pid_tgid() >> 32, key, failed);
	return 0;
}

/*
 * The syscall id at exit is the one the task entered with, which the
 * architecture keeps apart from the return-value register.
 */
static __always_inline long regs_syscall_id(struct pt_regs *regs)
{
#if defined(__TARGET_ARCH_x86)
	return BPF_CORE_READ(regs, orig_ax);
#else
#error "tracetop: syscall id at sys_exit not known for this architecture"
#endif
}

/* sys_exit(struct pt_regs *regs, long ret) */
SEC("tp_btf/sys_exit")
int BPF_PROG(btf_sys_exit, struct pt_regs *regs, long ret)
{
	return count_exit(regs_syscall_id(regs), ret);
}

SEC("raw_tp/sys_exit")
int BPF_PROG(raw_sys_exit, struct pt_regs *regs, long ret)
{
	return count_exit(regs_syscall_id(regs), ret);
}

/* The tracefs tracepoint has the id and return value as plain fields. */
SEC("tracepoint/raw_syscalls/sys_exit")
int tp_sys_exit(struct trace_event_raw_sys_exit *ctx)
{
	return count_exit(ctx->id, ctx->ret);
}
