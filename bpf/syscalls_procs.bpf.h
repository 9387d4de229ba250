/* Per-process syscall counts, kernel side. Included once, by
 * syscalls.bpf.c: its sys_exit programs call count_proc(), its
 * sched_process_exec programs proc_exec().
 *
 * Calls and failures are kept per (tgid, syscall id) in "procs"; what a
 * process's entries share, its name, per tgid in "proc_info", so that an
 * exec renames the process in one place, whatever entries it has.
 */
#ifndef TRACETOP_SYSCALLS_PROCS_BPF_H
#define TRACETOP_SYSCALLS_PROCS_BPF_H

#include "common.bpf.h"
#include "syscalls.h"

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, SYSCALL_PROC_MAX);
	__type(key, struct syscall_proc_key);
	__type(value, struct syscall_proc);
} procs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, SYSCALL_INFO_MAX);
	__type(key, __u32);
	__type(value, struct syscall_proc_info);
} proc_info SEC(".maps");

/*
 * Per-process counts go through a per-CPU run: consecutive calls of one
 * syscall by one process on a CPU add to the run, and the shared entry
 * is only touched when the run ends (another process or syscall comes
 * along) or reaches PROC_RUN_MAX calls. A storm then costs an increment
 * per call instead of a hash lookup and two atomics; user space sees
 * per-process counts at most PROC_RUN_MAX - 1 calls late per CPU (the
 * per-syscall totals are exact).
 */
#define PROC_RUN_MAX 64

struct proc_run {
	__u32 tgid;
	__u32 id;
	__u32 count;	/* 0: no run */
	__u32 errors;
	char comm[TT_COMM_LEN];	/* the process's name when the run began */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct proc_run);
} runs SEC(".maps");

/* Makes sure the process of a run has its proc_info entry: named by the
 * current task when the run is its own (the name it has now), else by
 * the name taken when the run began. False when it has none and none
 * can be made. */
static __always_inline bool proc_info_ensure(struct proc_run *r, __u32 tgid)
{
	struct syscall_proc_info fresh = {};

	if (bpf_map_lookup_elem(&proc_info, &r->tgid))
		return true;
	if (tgid == r->tgid)
		bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
	else
		__builtin_memcpy(fresh.comm, r->comm, sizeof(fresh.comm));
	/* NOEXIST: an exec or another CPU may have made it meanwhile. */
	bpf_map_update_elem(&proc_info, &r->tgid, &fresh, BPF_NOEXIST);
	return bpf_map_lookup_elem(&proc_info, &r->tgid) != NULL;
}

/* Adds a finished run to its process's entry, creating it if needed;
 * tgid is the current task's. */
static __always_inline void run_flush(struct proc_run *r, __u32 tgid)
{
	struct syscall_proc_key key = { .tgid = r->tgid, .id = r->id };
	struct syscall_proc *p, fresh = {};

	p = bpf_map_lookup_elem(&procs, &key);
	if (!p) {
		if (!proc_info_ensure(r, tgid))
			return;
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

/* At sched_process_exec, where the current task already has its new
 * name: the process's entry takes it. Replaced whole, never written in
 * place, so user space never reads half of one name and half of the
 * other. */
static __always_inline void proc_exec(void)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct syscall_proc_info fresh = {};
	__u32 tgid = pid_tgid >> 32;

	if (!tt_wanted(pid_tgid))
		return;
	bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
	bpf_map_update_elem(&proc_info, &tgid, &fresh, BPF_ANY);
}

#endif
