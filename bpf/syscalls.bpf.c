// SPDX-License-Identifier: GPL-2.0
/* Syscall counts: calls and failures per syscall id and per process,
 * and the sys_exit hub of the other syscall-based sources.
 *
 * Counted at syscall exit only, where the id and the return value are
 * both known, so one program runs per syscall instead of two. Three
 * flavours of the same hook, autoloaded one at a time by user space:
 * tp_btf/sys_exit (typed, cheapest, and the hub: see below),
 * raw_tp/sys_exit, and the raw_syscalls/sys_exit tracepoint (needs
 * tracefs). Counters only grow; user space sums the CPUs and diffs
 * ticks.
 */
#include "common.bpf.h"
#include "syscalls.h"
#include "vfs.h"

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

/*
 * Per-process counts go through a per-CPU run: consecutive calls of one
 * syscall by one process on a CPU add to the run, and the shared LRU
 * entry is only touched when the run ends (another process or syscall
 * comes along) or reaches PROC_RUN_MAX calls. A storm then costs an
 * increment per call instead of a hash lookup and two atomics; user
 * space sees per-process counts at most PROC_RUN_MAX - 1 calls late per
 * CPU (the per-syscall totals above are exact).
 */
#define PROC_RUN_MAX 64

struct proc_run {
	__u32 tgid;
	__u32 id;
	__u32 count;	/* 0: no run */
	__u32 errors;
	char comm[TT_COMM_LEN];
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct proc_run);
} runs SEC(".maps");

/* Adds a finished run to its process's entry, creating it if needed:
 * named by the current task when the run is its own (the name it has
 * now, after any exec), else by the name taken when the run began. */
static __always_inline void run_flush(struct proc_run *r, __u32 tgid)
{
	struct syscall_proc_key key = { .tgid = r->tgid, .id = r->id };
	struct syscall_proc *p, fresh = {};

	p = bpf_map_lookup_elem(&procs, &key);
	if (!p) {
		if (tgid == r->tgid)
			bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
		else
			__builtin_memcpy(fresh.comm, r->comm, sizeof(fresh.comm));
		/* NOEXIST: if another CPU won the race, add to its entry. */
		bpf_map_update_elem(&procs, &key, &fresh, BPF_NOEXIST);
		p = bpf_map_lookup_elem(&procs, &key);
		if (!p)
			return;
	}
	/* Runs of one process on several CPUs share the entry. */
	__sync_fetch_and_add(&p->count, r->count);
	if (r->errors)
		__sync_fetch_and_add(&p->errors, r->errors);
}

static __always_inline void count_proc(__u32 tgid, __u32 id, __u32 failed)
{
	__u32 zero = 0;
	struct proc_run *r = bpf_map_lookup_elem(&runs, &zero);

	if (!r)
		return;
	/* The run's slot belongs to this CPU: plain increments. */
	if (r->count && r->tgid == tgid && r->id == id && r->count < PROC_RUN_MAX) {
		r->count++;
		r->errors += failed;
		return;
	}
	if (r->count)
		run_flush(r, tgid);
	if (r->tgid != tgid || !r->count)
		bpf_get_current_comm(r->comm, sizeof(r->comm));
	r->tgid = tgid;
	r->id = id;
	r->count = 1;
	r->errors = failed;
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
	count_proc(pid_tgid >> 32, key, failed);
	return true;
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

/* sys_exit(struct pt_regs *regs, long ret). tp_btf hands a typed
 * pt_regs: read directly, without a helper call. */
SEC("tp_btf/sys_exit")
int BPF_PROG(btf_sys_exit, struct pt_regs *regs, long ret)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
#if defined(__TARGET_ARCH_x86)
	long id = regs->orig_ax;
#else
	long id = regs_syscall_id(regs);
#endif

	if (count_exit(id, ret, pid_tgid) && hub_count_vfs && id < SYSCALL_ID_MAX)
		hub_vfs(id, regs);
	/* Sources filter their own events: an empty slot costs a load. */
	if (id >= 0 && id < SYSCALL_ID_MAX)
		bpf_tail_call(ctx, &exit_calls, (__u32)id);
	return 0;
}

SEC("raw_tp/sys_exit")
int BPF_PROG(raw_sys_exit, struct pt_regs *regs, long ret)
{
	count_exit(regs_syscall_id(regs), ret, bpf_get_current_pid_tgid());
	return 0;
}

/* The tracefs tracepoint has the id and return value as plain fields. */
SEC("tracepoint/raw_syscalls/sys_exit")
int tp_sys_exit(struct trace_event_raw_sys_exit *ctx)
{
	count_exit(ctx->id, ctx->ret, bpf_get_current_pid_tgid());
	return 0;
}
