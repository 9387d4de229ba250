/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-process syscall counts, kernel side. Included once, by
 * syscalls.bpf.c: its sys_exit programs call count_proc(), its
 * sched_process_exec programs proc_exec(), its sched_process_exit
 * programs proc_exit().
 *
 * Calls and failures are kept per (tgid, syscall id) in "procs"; what a
 * process's entries share per tgid in "proc_info": its name, so that an
 * exec renames the process in one place, whatever entries it has, and
 * whether it exited.
 */
#ifndef TRACETOP_SYSCALLS_PROCS_BPF_H
#define TRACETOP_SYSCALLS_PROCS_BPF_H

#include "common.bpf.h"
#include "syscalls.h"

/*
 * Plain hashes, never an LRU: an LRU evicts by recency, so a live but
 * idle process would be pushed out by processes that come and go, and
 * come back counting from zero. Here nothing is evicted. User space
 * deletes a process's entries and info once the exit hook has marked it
 * exited and it has read them since (probe: syscall_procs.c). A full map
 * refuses new entries; the calls that cannot be kept are counted in
 * procs_lost, never dropped silently.
 */
struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);	/* sized for a crowd, used as needed */
	__uint(max_entries, SYSCALL_PROC_MAX);
	__type(key, struct syscall_proc_key);
	__type(value, struct syscall_proc);
} procs SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_HASH);
	__uint(map_flags, BPF_F_NO_PREALLOC);
	__uint(max_entries, SYSCALL_INFO_MAX);
	__type(key, __u32);
	__type(value, struct syscall_proc_info);
} proc_info SEC(".maps");

/* Calls counted per syscall that no process entry could keep (.bss, read
 * by user space as the source's lost). */
__u64 procs_lost;

/*
 * Per-process counts go through a per-CPU run: consecutive calls of one
 * syscall by one process on a CPU add to the run, and the shared entry
 * is only touched when the run ends (another process or syscall comes
 * along) or reaches PROC_RUN_MAX calls. A storm then costs an increment
 * per call instead of a hash lookup and two atomics; user space sees a
 * live process's counts at most PROC_RUN_MAX - 1 calls late per CPU (the
 * per-syscall totals are exact).
 *
 * A process that exits may leave runs behind, unfinished: on the CPU it
 * exits on, and on every CPU it left since its last call there, which
 * nothing may end for a long time (an idle CPU makes no calls). So its
 * last thread's exit hook takes them all, on every CPU, and adds them to
 * its entries before it marks the process exited: once user space sees
 * the mark, the process's entries hold all its calls (but a run another
 * CPU took just before the hook reached it, and adds just after: user
 * space reads once more before it deletes anything).
 *
 * Taking a run from another CPU races with that CPU ending it. A run's
 * counts and a sequence number therefore share one word, and whoever
 * takes them (the owning CPU, or the exit hook) swaps the word for one
 * with no counts and the next sequence number: one compare-and-swap, one
 * winner, and a taker that read the word before cannot take it again.
 * The owning CPU still adds to its run with plain stores: it adds only
 * to a run of its current task's process, and the exit hook takes only
 * runs of a process with no thread left to make a call.
 */
#define PROC_RUN_MAX 64
#define RUN_COUNT_MASK 0xffffULL	/* bits 0-15: calls; 16-31: failed; 32-63: sequence */
#define RUN_ERR_SHIFT 16
#define RUN_SEQ_SHIFT 32
#define RUN_COUNT(w) ((w) & RUN_COUNT_MASK)
#define RUN_ERRORS(w) (((w) >> RUN_ERR_SHIFT) & RUN_COUNT_MASK)
/* The word of a run whose counts were taken. */
#define RUN_TAKEN(w) ((((w) >> RUN_SEQ_SHIFT) + 1) << RUN_SEQ_SHIFT)

_Static_assert(PROC_RUN_MAX <= RUN_COUNT_MASK, "a run's counts fit their bits");

struct proc_run {
	__u64 word;	/* counts and sequence number, above; no calls: no run */
	__u32 tgid;
	__u32 id;
	char comm[TT_COMM_LEN];	/* the process's name when the run began */
};

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct proc_run);
} runs SEC(".maps");

/* Possible CPUs, set by user space before load: the runs the exit hook
 * looks at. */
const volatile __u32 nr_cpus = 1;

/*
 * The exit hook reaches other CPUs' runs with bpf_map_lookup_percpu_elem(),
 * added in Linux 5.19 ("bpf: add bpf_map_lookup_percpu_elem for percpu
 * map"), after bpf_loop() (5.17) and the atomic compare-and-swap (5.12).
 * Before, it takes the run of its own CPU only, and every other run of
 * the process stays there until that CPU's next call ends it; with no
 * taker but the owner, plain stores take a run. Resolved at load, so the
 * verifier drops the path not taken. The reference to bpf_loop()'s
 * callback still needs a kernel that knows callbacks (5.13, like
 * bpf_for_each_map_elem()) to load at all.
 */
#define RUNS_SHARED bpf_core_enum_value_exists(enum bpf_func_id, BPF_FUNC_map_lookup_percpu_elem)

/* Takes the counts of run r, whose word was w: true when this caller got
 * them and must add them to the process's entry. */
static __always_inline bool run_take(struct proc_run *r, __u64 w)
{
	if (!RUNS_SHARED) {
		r->word = RUN_TAKEN(w);
		return true;
	}
	return __sync_val_compare_and_swap(&r->word, w, RUN_TAKEN(w)) == w;
}

/* The proc_info entry of process tgid, made if need be from fresh
 * (NOEXIST: an exec or another CPU may have made it meanwhile); NULL
 * when there is none and none can be made. */
static __always_inline struct syscall_proc_info *proc_info_make(__u32 tgid,
								 struct syscall_proc_info *fresh)
{
	bpf_map_update_elem(&proc_info, &tgid, fresh, BPF_NOEXIST);
	return bpf_map_lookup_elem(&proc_info, &tgid);
}

/* The current task's process's entry (tgid), made if need be with the
 * name and cgroup the task has now. */
static __always_inline struct syscall_proc_info *proc_info_current(__u32 tgid)
{
	struct syscall_proc_info fresh = {}, *info = bpf_map_lookup_elem(&proc_info, &tgid);

	if (info)
		return info;
	bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
	fresh.cgroup_id = bpf_get_current_cgroup_id();
	return proc_info_make(tgid, &fresh);
}

/* Makes sure process tgid has its proc_info entry: named by the current
 * task when it is one of the process's (the name it has now), else by
 * run r's, taken when the run began. False when it has none and none can
 * be made. */
static __always_inline bool proc_info_ensure(struct proc_run *r, __u32 tgid, __u32 cur_tgid)
{
	struct syscall_proc_info fresh = {};

	if (tgid == cur_tgid)
		return proc_info_current(tgid) != NULL;
	if (bpf_map_lookup_elem(&proc_info, &tgid))
		return true;
	__builtin_memcpy(fresh.comm, r->comm, sizeof(fresh.comm));
	return proc_info_make(tgid, &fresh) != NULL;
}

/* Adds the counts of word w, taken from run r, to entry (tgid, id),
 * creating it if needed; cur_tgid is the current task's process. */
static __always_inline void proc_add(struct proc_run *r, __u32 tgid, __u32 id, __u64 w,
				     __u32 cur_tgid)
{
	struct syscall_proc_key key = { .tgid = tgid, .id = id };
	struct syscall_proc *p, fresh = {};

	p = bpf_map_lookup_elem(&procs, &key);
	if (!p) {
		/* NOEXIST: if another CPU won the race, add to its entry. */
		if (proc_info_ensure(r, tgid, cur_tgid))
			bpf_map_update_elem(&procs, &key, &fresh, BPF_NOEXIST);
		p = bpf_map_lookup_elem(&procs, &key);
		if (!p) {
			/* a map is full: the calls are lost, and counted */
			__sync_fetch_and_add(&procs_lost, RUN_COUNT(w));
			return;
		}
	}
	/* Runs of one process on several CPUs share the entry. */
	__sync_fetch_and_add(&p->count, RUN_COUNT(w));
	if (RUN_ERRORS(w))
		__sync_fetch_and_add(&p->errors, RUN_ERRORS(w));
}

static __always_inline void count_proc(__u32 tgid, __u32 id, __u32 failed)
{
	__u64 w, add = 1 + ((__u64)failed << RUN_ERR_SHIFT);
	__u32 zero = 0;
	struct proc_run *r = bpf_map_lookup_elem(&runs, &zero);

	if (!r)
		return;
	w = r->word;
	if (RUN_COUNT(w) && RUN_COUNT(w) < PROC_RUN_MAX && r->tgid == tgid && r->id == id) {
		r->word = w + add;
		return;
	}
	if (RUN_COUNT(w)) {
		if (run_take(r, w))
			proc_add(r, r->tgid, r->id, w, tgid);
		if (r->tgid != tgid)
			bpf_get_current_comm(r->comm, sizeof(r->comm));
		/* taken, by this CPU or by an exit hook: the same word */
		w = RUN_TAKEN(w);
	} else {
		bpf_get_current_comm(r->comm, sizeof(r->comm));
	}
	r->tgid = tgid;
	r->id = id;
	/* The new run's owner and syscall are in place before its counts
	 * show: an exit hook that reads counts reads whose they are. x86
	 * keeps stores, and loads, in program order; the compiler must too. */
	asm volatile("" ::: "memory");
	r->word = w + add;
}

/* Linux's PF_KTHREAD (include/linux/sched.h), a macro BTF does not carry. */
#define TT_PF_KTHREAD 0x00200000

/* Takes run r if it holds counts of exiting process tgid (the current
 * task's) and adds them to its entries. */
static __always_inline void exit_take(struct proc_run *r, __u32 tgid)
{
	__u64 w = *(volatile __u64 *)&r->word;
	__u32 id;

	/* Read after the word, checked by the swap: if the owner ended the
	 * run meanwhile, the swap fails. */
	if (!RUN_COUNT(w) || *(volatile __u32 *)&r->tgid != tgid)
		return;
	id = *(volatile __u32 *)&r->id;
	if (run_take(r, w))
		proc_add(r, tgid, id, w, tgid);
}

static long exit_take_cpu(__u32 cpu, void *ctx)
{
	__u32 zero = 0, *tgid = ctx;
	struct proc_run *r = bpf_map_lookup_percpu_elem(&runs, &zero, cpu);

	/* NULL: a hole in the possible CPUs (nr_cpus is the highest + 1) */
	if (r)
		exit_take(r, *tgid);
	return 0;
}

/* At sched_process_exit of a process's last thread: takes the process's
 * runs on every CPU into its entries, then marks it exited. */
static __always_inline void proc_exit(void)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct syscall_proc_info *info, fresh = { .exited = 1 };
	__u32 tgid = pid_tgid >> 32, zero = 0;
	struct proc_run *r;

	if (!tt_tgid_wanted(tgid))
		return;
	if (BPF_CORE_READ(task, flags) & TT_PF_KTHREAD)
		return;
	/* Another thread is still to exit (do_exit() counts this one out of
	 * signal->live before the tracepoint): the last one takes the runs. */
	if (BPF_CORE_READ(task, signal, live.counter))
		return;
	if (RUNS_SHARED) {
		bpf_loop(nr_cpus, exit_take_cpu, &tgid, 0);
	} else {
		r = bpf_map_lookup_elem(&runs, &zero);
		if (r)
			exit_take(r, tgid);
	}
	fresh.ppid = BPF_CORE_READ(task, real_parent, tgid);
	fresh.uid = (__u32)bpf_get_current_uid_gid();
	fresh.cgroup_id = bpf_get_current_cgroup_id();
	info = bpf_map_lookup_elem(&proc_info, &tgid);
	if (!info) {
		/* Made here if need be: a run another CPU took just before
		 * the loop above reached it is added after, and must find its
		 * process marked. Filtered-out processes have no runs. */
		if (!tt_wanted(pid_tgid))
			return;
		bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
		bpf_map_update_elem(&proc_info, &tgid, &fresh, BPF_NOEXIST);
		info = bpf_map_lookup_elem(&proc_info, &tgid);
		if (!info)
			return;
	}
	info->ppid = fresh.ppid;
	info->uid = fresh.uid;
	info->cgroup_id = fresh.cgroup_id;
	info->exited = 1;
}

/* At sched_process_exec, where the current task already has its new
 * name: the process's entry takes it. Replaced whole, never written in
 * place, so user space never reads half of one name and half of the
 * other. */
static __always_inline void proc_exec(void)
{
	__u64 pid_tgid = bpf_get_current_pid_tgid();
	struct syscall_proc_info fresh = {}, *old;
	__u32 tgid = pid_tgid >> 32;

	if (!tt_wanted(pid_tgid))
		return;
	/* its time in system calls so far stays its own (exec has ended
	 * every other thread: nothing adds to it meanwhile) */
	old = bpf_map_lookup_elem(&proc_info, &tgid);
	if (old)
		fresh.busy_ns = old->busy_ns;
	bpf_get_current_comm(fresh.comm, sizeof(fresh.comm));
	fresh.cgroup_id = bpf_get_current_cgroup_id();
	bpf_map_update_elem(&proc_info, &tgid, &fresh, BPF_ANY);
}

/* Time in system calls that no proc_info entry could keep (.bss). */
__u64 busy_lost_ns;

/* Adds ns of a timed system call to the current process's time in
 * system calls, making its proc_info entry if need be (named as the
 * current task is). */
static __always_inline void proc_busy_add(__u32 tgid, __u64 ns)
{
	struct syscall_proc_info *info = proc_info_current(tgid);

	if (info)
		__sync_fetch_and_add(&info->busy_ns, ns);
	else
		__sync_fetch_and_add(&busy_lost_ns, ns);
}

#endif
