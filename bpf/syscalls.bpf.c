// SPDX-License-Identifier: GPL-2.0-or-later
/* Syscall counts: calls and failures per syscall id and per process,
 * and the sys_exit hub of the other syscall-based sources.
 *
 * Counted at syscall exit only, where the id and the return value are
 * both known, so one program runs per syscall instead of two. Three
 * flavours of the same hook, autoloaded one at a time by user space:
 * tp_btf/sys_exit (typed, cheapest, and the hub: see below),
 * raw_tp/sys_exit, and the raw_syscalls/sys_exit tracepoint (needs
 * tracefs). Counters only grow; user space sums the CPUs and diffs
 * ticks. Per-process counts: syscalls_procs.bpf.h, with its process
 * hooks below in the same three flavours.
 */
#include "common.bpf.h"
#include "syscalls.h"
#include "syscalls_procs.bpf.h"
#include "vfs.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SYSCALL_ID_MAX);
	__type(key, __u32);
	__type(value, struct syscall_stat);
} counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_HASH);
	__uint(max_entries, SYSCALL_ERRNO_MAX);
	__type(key, __u32);
	__type(value, __u64);
} errnos SEC(".maps");

/* Failed calls no errnos entry could take (.bss). */
__u64 errnos_lost;

/* Failed calls by (syscall, errno): per CPU, so plain increments. */
static __always_inline void count_errno(__u32 id, long ret)
{
	__u32 key = SYSCALL_ERRNO_KEY(id, -ret);
	__u64 one = 1, *c = bpf_map_lookup_elem(&errnos, &key);

	if (c) {
		(*c)++;
		return;
	}
	/* NOEXIST: made meanwhile (by this CPU's interrupted self) or not */
	if (bpf_map_update_elem(&errnos, &key, &one, BPF_NOEXIST)) {
		c = bpf_map_lookup_elem(&errnos, &key);
		if (c)
			(*c)++;
		else
			__sync_fetch_and_add(&errnos_lost, 1);
	}
}

/* Counts one syscall exit of the current task (pid_tgid); true when it
 * passed the filters. */
static __always_inline bool count_exit(long id, long ret, __u64 pid_tgid)
{
	struct syscall_stat *st;
	__u32 failed = ret < 0 && ret >= -TT_MAX_ERRNO;
	__u32 key;

	/* -1: not a syscall (e.g. a tracer cancelled it). */
	if (id < 0)
		return false;
	if (!tt_wanted(pid_tgid))
		return false;
	key = id < SYSCALL_ID_MAX ? (__u32)id : SYSCALL_ID_MAX - 1;
	st = bpf_map_lookup_elem(&counts, &key);
	/* Per-CPU value, one writer at a time: plain increments. */
	if (st) {
		st->count++;
		st->errors += failed;
	}
	if (failed)
		count_errno(key, ret);
	count_proc(pid_tgid >> 32, key, failed);
	return true;
}

/*
 * The hub. With the syscalls source on, the tp_btf program below is the
 * only program tracetop runs at sys_exit: every further program on that
 * tracepoint would cost every system call of the machine an indirect
 * call. It serves the other sources by syscall id:
 *  - vfs (syscall variant): counts reads, writes, opens, creates and
 *    fsyncs from the id, and O_CREAT from the arguments, which the
 *    registers still hold at exit;
 *  - exec and open: tail-calls their exit programs, which user space puts
 *    in exit_calls under the ids they handle.
 */
#define TT_O_CREAT 00000100	/* asm-generic/fcntl.h */

/* HUB_* by syscall id (syscalls.h): set by user space before load from
 * its syscall numbers, so no architecture's table is written here. */
const volatile __u8 hub_vfs_op[SYSCALL_ID_MAX];

/* Set by user space at run time (mmapped) while the vfs source counts
 * here. */
volatile bool hub_count_vfs;

/* Set by user space once every source has started: the hub counts
 * syscalls and VFS operations from that one moment. The hub is loaded by
 * the first source that asks (exec), the vfs source turns its counting on
 * later: counting from load would give the syscall table the calls of
 * those hundreds of milliseconds and the VFS rates none of them. */
volatile bool hub_counting;

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, VFS_OP_MAX);
	__type(key, __u32);
	__type(value, __u64);
} vfs_counts SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PROG_ARRAY);
	__uint(max_entries, SYSCALL_ID_MAX);
	__type(key, __u32);
	__type(value, __u32);
} exit_calls SEC(".maps");

static __always_inline void vfs_bump(__u32 op)
{
	__u64 *v = bpf_map_lookup_elem(&vfs_counts, &op);

	if (v)
		(*v)++;
}

static __always_inline void hub_vfs(__u32 id, struct pt_regs *regs)
{
	__u8 how = hub_vfs_op[id & (SYSCALL_ID_MAX - 1)];
	struct open_how *oh;
	__u64 flags = 0;

	if (!(how & HUB_OP_MASK))
		return;
	vfs_bump((how & HUB_OP_MASK) - 1);
	if (how & HUB_CREAT_ARG2) {
		flags = PT_REGS_PARM2_CORE_SYSCALL(regs);
	} else if (how & HUB_CREAT_ARG3) {
		flags = PT_REGS_PARM3_CORE_SYSCALL(regs);
	} else if (how & HUB_CREAT_HOW3) {
		/* The kernel copied it at entry: the page is present. */
		oh = (struct open_how *)PT_REGS_PARM3_CORE_SYSCALL(regs);
		if (bpf_probe_read_user(&flags, sizeof(flags), &oh->flags))
			flags = 0;
	}
	if (flags & TT_O_CREAT)
		vfs_bump(VFS_CREATE);
}

_Static_assert((SYSCALL_ID_MAX & (SYSCALL_ID_MAX - 1)) == 0,
	       "hub_vfs_op is indexed with a mask");

/*
 * Latency: the enter program below stamps the task's sys_enter time in
 * its task storage; the hub reads it at sys_exit and adds the difference
 * to the syscall's histogram. Task storage, not a hash by thread id: no
 * lookup of a shared table on every call. The enter program is loaded
 * with the syscalls source and attached only while timing is on
 * (--latency, key L): attached and idle, it cost every syscall of the
 * machine as much as an empty program (bench/RESULTS.md). lat_on
 * (mmapped) says whether the hub adds up latencies; lat_since is when
 * timing last began (bpf_ktime_get_ns clock): an older stamp is one left
 * by a call that began in an earlier timed period, or before, and never
 * counted.
 */
volatile bool lat_on;
volatile __u64 lat_since;

struct {
	__uint(type, BPF_MAP_TYPE_TASK_STORAGE);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__type(key, int);
	__type(value, __u64);
} enter_ns SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, SYSCALL_ID_MAX);
	__type(key, __u32);
	__type(value, struct syscall_lat);
} lat SEC(".maps");

/* sys_enter(struct pt_regs *regs, long id) */
SEC("tp_btf/sys_enter")
int BPF_PROG(btf_sys_enter, struct pt_regs *regs, long id)
{
	__u64 *ts;

	if (!lat_on || !hub_counting || !tt_wanted(bpf_get_current_pid_tgid()))
		return 0;
	ts = bpf_task_storage_get(&enter_ns, bpf_get_current_task_btf(), 0,
				  BPF_LOCAL_STORAGE_GET_F_CREATE);
	if (ts)
		*ts = bpf_ktime_get_ns();
	return 0;
}

/* At sys_exit of syscall id (counted already) by process tgid: its time
 * since sys_enter, in the syscall's histogram and the process's time in
 * system calls. */
static __always_inline void count_latency(long id, __u32 tgid)
{
	__u64 *ts = bpf_task_storage_get(&enter_ns, bpf_get_current_task_btf(), 0, 0);
	__u64 now = bpf_ktime_get_ns(), us;
	struct syscall_lat *l;
	__u32 key = id < SYSCALL_ID_MAX ? (__u32)id : SYSCALL_ID_MAX - 1, slot;

	/* no stamp, or a stale one: the call began before timing did, or
	 * is not traced */
	if (!ts || !*ts || *ts < lat_since || now < *ts)
		return;
	us = (now - *ts) / 1000;
	l = bpf_map_lookup_elem(&lat, &key);
	if (l) {
		slot = tt_log2(us);
		if (slot >= SYSCALL_LAT_SLOTS)
			slot = SYSCALL_LAT_SLOTS - 1;
		barrier_var(slot);
		slot &= SYSCALL_LAT_SLOTS - 1;
		l->slots[slot]++;
		l->sum_ns += now - *ts;
	}
	proc_busy_add(tgid, now - *ts);
	*ts = 0;
}

/* sys_exit(struct pt_regs *regs, long ret). tp_btf hands a typed
 * pt_regs: read directly, without a helper call. */
SEC("tp_btf/sys_exit")
int BPF_PROG(btf_sys_exit, struct pt_regs *regs, long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
#if defined(__TARGET_ARCH_x86)
	long id = regs->orig_ax;
#else
	long id = tt_regs_syscall_id(regs);
#endif

	if (hub_counting && count_exit(id, ret, pid_tgid)) {
		if (lat_on)
			count_latency(id, pid_tgid >> 32);
		if (hub_count_vfs && id < SYSCALL_ID_MAX)
			hub_vfs(id, regs);
	}
	/* Sources filter their own events: an empty slot costs a load. */
	if (id >= 0 && id < SYSCALL_ID_MAX)
		bpf_tail_call(ctx, &exit_calls, (__u32)id);
	return 0;
}

SEC("raw_tp/sys_exit")
int BPF_PROG(raw_sys_exit, struct pt_regs *regs, long ret)
{
	count_exit(tt_regs_syscall_id(regs), ret, bpf_get_current_pid_tgid());
	return 0;
}

/* The tracefs tracepoint has the id and return value as plain fields. */
SEC("tracepoint/raw_syscalls/sys_exit")
int tp_sys_exit(struct trace_event_raw_sys_exit *ctx)
{
	count_exit(ctx->id, ctx->ret, bpf_get_current_pid_tgid());
	return 0;
}

/* The process hooks of the per-process counts (syscalls_procs.bpf.h),
 * in the same three flavours as sys_exit, loaded with it. None uses its
 * arguments: the task is the current one. */
SEC("tp_btf/sched_process_exec")
int BPF_PROG(btf_proc_exec)
{
	proc_exec();
	return 0;
}

SEC("raw_tp/sched_process_exec")
int BPF_PROG(raw_proc_exec)
{
	proc_exec();
	return 0;
}

SEC("tracepoint/sched/sched_process_exec")
int tp_proc_exec(void *ctx)
{
	proc_exec();
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(btf_proc_exit)
{
	proc_exit();
	return 0;
}

SEC("raw_tp/sched_process_exit")
int BPF_PROG(raw_proc_exit)
{
	proc_exit();
	return 0;
}

SEC("tracepoint/sched/sched_process_exit")
int tp_proc_exit(void *ctx)
{
	proc_exit();
	return 0;
}
