// SPDX-License-Identifier: GPL-2.0-or-later
/* exec source, kernel side: one struct exec_event per execve/execveat
 * return, successful or failed.
 *
 * The enter tracepoint stashes what only exists before the exec (the
 * filename in the caller's memory, the argv pointer, dirfd, the time) in
 * a hash keyed by thread id. The exit tracepoint knows the outcome and
 * reads argv where it is sure to be present: from the new image
 * (mm->arg_start .. arg_end, just copied there by the kernel) when the
 * exec succeeded, from the caller's argv pointers, still mapped, when it
 * failed. A failed exec's strings may not be readable: an exec that fails
 * before the kernel copies argv (the file is missing or not executable:
 * since 6.8 the file is opened first) has not faulted their pages in, and
 * this program cannot fault them in itself. Such an entry keeps its place
 * as an empty string flagged in args_unread, so argc and the entries that
 * can be read are still right. The record is built in a per-CPU scratch
 * buffer and only the bytes used go to the ring.
 */
#include "common.bpf.h"
#include "exec.h"

char LICENSE[] SEC("license") = "GPL";

/* argv bytes kept per exec, set by user space (--args-cap). */
const volatile __u32 args_cap = EXEC_ARGS_DEFAULT;

/* Largest single string read of a failed exec's argv. A longer argument
 * is read in several pieces; the bound keeps the scratch buffer (and so
 * the per-CPU value) under the kernel's 32 KiB per-CPU limit, because the
 * verifier adds the largest offset to the largest read size. */
#define EXEC_ARG_READ_MAX 8192
#define EXEC_DATA_MAX (EXEC_FILENAME_MAX + EXEC_ARGS_MAX + EXEC_ARG_READ_MAX)
#define EXEC_PENDING_MAX 8192	/* execs in flight at once */

struct exec_pending {
	__u64 ts;
	__u64 filename;		/* user pointer: re-read at exit on a fault */
	__u64 argv;		/* user pointer: read at exit of a failed exec */
	__s32 dirfd;
	__u16 flags;		/* EXEC_F_EXECVEAT, EXEC_F_NAME_TRUNC */
	__u16 filename_len;	/* NUL included; 0 when the read faulted */
	char name[EXEC_FILENAME_MAX];
};

struct exec_scratch {
	__u8 bytes[sizeof(struct exec_event) + EXEC_DATA_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);	/* user space sets the real size */
} events SEC(".maps");

TT_DECLARE_RING_STATS();

/* LRU: a thread killed between enter and exit never reaches exit, and
 * its entry must not stay forever. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, EXEC_PENDING_MAX);
	__type(key, __u32);
	__type(value, struct exec_pending);
} pending SEC(".maps");

/* A thread other than the leader that execs successfully comes back from
 * the syscall with the leader's pid as its tid (de_thread() swaps them),
 * so its pending entry is found through the tgid. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, 1024);
	__type(key, __u32);	/* tgid */
	__type(value, __u32);	/* tid that entered exec */
} nonleader SEC(".maps");

/* Too big for the 512-byte stack: built here, then copied. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct exec_pending);
} enter_heap SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct exec_scratch);
} heap SEC(".maps");

/* The user byte at p, or -1 when it cannot be read. */
static __always_inline int user_byte(const char *p)
{
	unsigned char c;

	if (bpf_probe_read_user(&c, 1, p))
		return -1;
	return c;
}

/* Reads a NUL-terminated user string into dst[0..max); returns the bytes
 * stored with the NUL, or 0 on a fault. *trunc is set when the string
 * did not fit. */
static __always_inline __u32 read_name(char *dst, __u32 max, const char *src,
				       bool *trunc)
{
	long n = bpf_probe_read_user_str(dst, max, src);

	if (n <= 0)
		return 0;
	if (n == max && user_byte(src + max - 1) != 0)
		*trunc = true;
	return n;
}

static __always_inline int exec_enter(const char *filename, __u64 argv,
				      __s32 dirfd, __u16 flags)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)id, tgid = id >> 32, zero = 0;
	struct exec_pending *p;
	bool trunc = false;

	if (!tt_task_wanted())
		return 0;
	p = bpf_map_lookup_elem(&enter_heap, &zero);
	if (!p)
		return 0;
	p->ts = bpf_ktime_get_ns();
	p->filename = (__u64)filename;
	p->argv = argv;
	p->dirfd = dirfd;
	/* A fault here is retried at exit, when the kernel has touched the
	 * page (a string in a never-read page of a fresh process). */
	p->filename_len = read_name(p->name, sizeof(p->name), filename, &trunc);
	p->flags = flags | (trunc ? EXEC_F_NAME_TRUNC : 0);
	bpf_map_update_elem(&pending, &tid, p, BPF_ANY);
	if (tid != tgid)
		bpf_map_update_elem(&nonleader, &tgid, &tid, BPF_ANY);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_execve")
int exec_enter_execve(struct trace_event_raw_sys_enter *ctx)
{
	return exec_enter((const char *)ctx->args[0], ctx->args[1], -100, 0);
}

SEC("tracepoint/syscalls/sys_enter_execveat")
int exec_enter_execveat(struct trace_event_raw_sys_enter *ctx)
{
	return exec_enter((const char *)ctx->args[1], ctx->args[2],
			  (__s32)ctx->args[0], EXEC_F_EXECVEAT);
}

/* Copies the filename stashed at enter into data[]. When that read
 * faulted, the page is present by now: a failed exec still has the
 * caller's memory; a successful one has the kernel's copy of the
 * filename on the new stack, right after the environment strings (for
 * execveat of a relative path that copy reads "/dev/fd/N/name"). */
static __always_inline __u32 exec_filename(struct exec_event *e,
					   const struct exec_pending *p,
					   struct task_struct *task, long ret)
{
	__u32 flen = p->filename_len;
	const char *src;
	bool trunc = false;

	if (flen > EXEC_FILENAME_MAX)
		flen = EXEC_FILENAME_MAX;
	if (flen) {
		bpf_probe_read_kernel(e->data, flen, p->name);
		return flen;
	}
	if (ret == 0)
		src = (const char *)BPF_CORE_READ(task, mm, env_end);
	else
		src = (const char *)p->filename;
	flen = read_name((char *)e->data, EXEC_FILENAME_MAX, src, &trunc);
	if (trunc)
		e->flags |= EXEC_F_NAME_TRUNC;
	return flen;
}

/* argv of a successful exec: the strings the kernel laid out in the new
 * image, all at once, and argc from the top of the new stack. Returns
 * the bytes stored after the filename. */
static __always_inline __u32 args_from_mm(struct exec_event *e,
					  struct task_struct *task,
					  __u32 flen, __u32 cap)
{
	struct mm_struct *mm = BPF_CORE_READ(task, mm);
	__u64 start = BPF_CORE_READ(mm, arg_start);
	__u64 end = BPF_CORE_READ(mm, arg_end);
	__u64 sp = BPF_CORE_READ(mm, start_stack);
	__u64 len = end - start;
	long argc = 0;

	e->flags |= EXEC_F_ARGS_MM;
	if (end <= start)
		return 0;
	/* argc and argv come together or not at all, so they agree. */
	if (bpf_probe_read_user(&argc, sizeof(argc), (void *)sp) || argc <= 0) {
		e->flags |= EXEC_F_ARGS_FAULT;
		return 0;
	}
	e->argc = argc > 0xffff ? 0xffff : argc;
	if (len > cap) {
		len = cap;
		e->flags |= EXEC_F_ARGS_TRUNC;
	}
	/* Restated bounds for the verifier. */
	if (len > EXEC_ARGS_MAX)
		len = EXEC_ARGS_MAX;
	if (flen > EXEC_FILENAME_MAX)
		flen = EXEC_FILENAME_MAX;
	if (!len)
		return 0;
	if (bpf_probe_read_user(e->data + flen, len, (void *)start)) {
		e->flags |= EXEC_F_ARGS_FAULT;
		e->argc = 0;
		return 0;
	}
	/* A cut string still ends in a NUL. */
	if (e->flags & EXEC_F_ARGS_TRUNC)
		e->data[flen + len - 1] = 0;
	return len;
}

/* State of the walk over a failed exec's argv pointers, one bpf_loop()
 * step per string or piece of a long string. */
struct argv_walk {
	__u64 argv;	/* user array of string pointers */
	__u64 cur;	/* string being read; 0 between strings */
	__u32 base;	/* offset of argv in data[]: the filename length */
	__u32 off;	/* argv bytes stored so far */
	__u32 cap;
	__u32 idx;	/* next argv entry to fetch */
	__u32 unread;	/* exec_event.args_unread */
	__u16 argc;
	__u16 flags;
	bool partial;	/* cur points into a string already partly stored */
};

/* Fetches the next argv pointer into w->cur; false to stop the walk. */
static __always_inline bool argv_next(struct argv_walk *w)
{
	if (bpf_probe_read_user(&w->cur, sizeof(w->cur),
				(void *)(w->argv + (__u64)w->idx * sizeof(__u64)))) {
		/* the entries from here on are missing: a cut */
		w->flags |= EXEC_F_ARGS_FAULT | EXEC_F_ARGS_TRUNC;
		return false;
	}
	if (!w->cur)
		return false;
	if (w->idx >= EXEC_ARGC_MAX || w->off >= w->cap) {
		w->flags |= EXEC_F_ARGS_TRUNC;
		return false;
	}
	w->idx++;
	return true;
}

static long argv_step(__u32 i, void *ctx)
{
	struct argv_walk *w = ctx;
	struct exec_event *e;
	__u32 zero = 0, base = w->base, off = w->off;
	__u64 size;
	long n;
	int c;

	if (!w->cur && !argv_next(w))
		return 1;
	e = bpf_map_lookup_elem(&heap, &zero);
	if (!e || base > EXEC_FILENAME_MAX || off >= EXEC_ARGS_MAX || off >= w->cap)
		return 1;
	/* 64-bit, so the clamp holds on the whole register passed. */
	size = (__u64)w->cap - off;
	if (size > EXEC_ARG_READ_MAX)
		size = EXEC_ARG_READ_MAX;
	n = bpf_probe_read_user_str(e->data + base + off, size, (void *)w->cur);
	if (n <= 0) {
		/* Its page is not in memory. The helper zeroed the buffer,
		 * so the entry ends here: empty, or the pieces read so far
		 * then a NUL. It keeps its place, flagged, and the walk goes
		 * on, unless it can no longer be flagged. */
		w->flags |= EXEC_F_ARGS_FAULT;
		if (w->argc >= EXEC_UNREAD_BITS) {
			w->flags |= EXEC_F_ARGS_TRUNC;
			return 1;
		}
		w->unread |= 1u << w->argc;
		w->off = off + 1;
		w->argc++;
		w->cur = 0;
		w->partial = false;
		return 0;
	}
	c = n == size ? user_byte((const char *)w->cur + n - 1) : 0;
	if (c != 0 && off + n < w->cap) {
		/* Longer than one read: the next piece overwrites this NUL. */
		w->off = off + n - 1;
		w->cur += n - 1;
		w->partial = true;
		return 0;
	}
	w->off = off + n;
	w->argc++;
	w->cur = 0;
	w->partial = false;
	if (c != 0) {
		w->flags |= EXEC_F_ARGS_TRUNC;
		return 1;
	}
	return 0;
}

/* argv of a failed exec: the caller's memory is still current. The
 * pointer array is present (the caller wrote it), the strings may not
 * be (see the top of this file). */
static __always_inline __u32 args_from_user(struct exec_event *e, __u64 argv,
					    __u32 flen, __u32 cap)
{
	struct argv_walk w = {
		.argv = argv,
		.base = flen,
		.cap = cap,
	};

	if (!argv)
		return 0;
	bpf_loop(EXEC_ARGC_MAX + EXEC_ARGS_MAX / EXEC_ARG_READ_MAX + 2,
		 argv_step, &w, 0);
	e->argc = w.argc;
	e->flags |= w.flags;
	e->args_unread = w.unread;
	return w.off;
}

static __always_inline void exec_emit(const struct exec_pending *p, long ret)
{
	struct task_struct *task = (struct task_struct *)bpf_get_current_task();
	__u64 id = bpf_get_current_pid_tgid();
	__u32 zero = 0, cap = args_cap, flen, alen;
	struct exec_event *e;
	__u64 size;

	e = bpf_map_lookup_elem(&heap, &zero);
	if (!e)
		return;
	e->hdr.type = TT_REC_EXEC;
	e->flags = p->flags;
	e->argc = 0;
	e->args_unread = 0;
	e->pid = id >> 32;
	e->tid = (__u32)id;
	e->ppid = BPF_CORE_READ(task, real_parent, tgid);
	/* the parent's name now: who spawns the churn */
	BPF_CORE_READ_STR_INTO(&e->pcomm, task, real_parent, comm);
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->ret = ret;
	e->dirfd = p->dirfd;
	e->ts_ns = bpf_ktime_get_ns();
	e->duration_ns = e->ts_ns - p->ts;
	bpf_get_current_comm(e->comm, sizeof(e->comm));

	flen = exec_filename(e, p, task, ret);
	if (cap > EXEC_ARGS_MAX)
		cap = EXEC_ARGS_MAX;
	if (ret == 0)
		alen = args_from_mm(e, task, flen, cap);
	else
		alen = args_from_user(e, p->argv, flen, cap);
	e->filename_len = flen;
	e->args_len = alen;
	size = sizeof(*e) + flen + alen;
	/* Both parts are bounded already; say so on the very register the
	 * helper gets, which the compiler may not clamp otherwise. */
	barrier_var(size);
	if (size > sizeof(*e) + EXEC_FILENAME_MAX + EXEC_ARGS_MAX)
		return;
	e->hdr.size = size;
	tt_ring_output(&events, &stats, e, size);
}

static __always_inline int exec_exit(long ret)
{
	__u64 id = bpf_get_current_pid_tgid();
	__u32 tid = (__u32)id, tgid = id >> 32, key = tid, *old;
	struct exec_pending *p;

	p = bpf_map_lookup_elem(&pending, &key);
	if (!p && ret == 0 && tid == tgid) {
		old = bpf_map_lookup_elem(&nonleader, &tgid);
		if (old) {
			key = *old;
			p = bpf_map_lookup_elem(&pending, &key);
		}
	}
	if (!p)
		return 0;
	if (!targ_failed || ret < 0)
		exec_emit(p, ret);
	bpf_map_delete_elem(&pending, &key);
	if (key != tgid) {
		old = bpf_map_lookup_elem(&nonleader, &tgid);
		if (old && *old == key)
			bpf_map_delete_elem(&nonleader, &tgid);
	}
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_execve")
int exec_exit_execve(struct trace_event_raw_sys_exit *ctx)
{
	return exec_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_execveat")
int exec_exit_execveat(struct trace_event_raw_sys_exit *ctx)
{
	return exec_exit(ctx->ret);
}

/* With the syscalls source on, the exits come from its sys_exit hub
 * instead (syscalls.bpf.c): a tail call for execve and execveat. This
 * program is loaded but never attached. */
SEC("tp_btf/sys_exit")
int BPF_PROG(exec_hub_exit, struct pt_regs *regs, long ret)
{
	return exec_exit(ret);
}

/*
 * Forks and exits of processes, for the process tree: a record each, in
 * the same ring. Threads are left out: a fork that makes a thread (its pid
 * is not its tgid), and every exit but the last thread's, which ends the
 * process. A fork is filtered like the execs (-p, -u: by its parent);
 * an exit is not, so that a child that changed uid, or a filtered
 * process's child, still ends: user space keeps only the exits of
 * processes it saw start. Off unless user space enables them (autoload).
 */
#define TT_PF_KTHREAD 0x00200000	/* include/linux/sched.h */
static __always_inline void proc_emit(__u8 kind, struct task_struct *t, __u32 ppid, __s32 code)
{
	struct tt_proc_event e = {
		.hdr = { .type = TT_REC_PROC, .size = sizeof(e) },
		.kind = kind,
	};

	e.pid = BPF_CORE_READ(t, tgid);
	e.ppid = ppid;
	e.code = code;
	e.ts_ns = bpf_ktime_get_ns();
	BPF_CORE_READ_STR_INTO(&e.comm, t, comm);
	tt_ring_output(&events, &stats, &e, sizeof(e));
}

SEC("tp_btf/sched_process_fork")
int BPF_PROG(proc_fork, struct task_struct *parent, struct task_struct *child)
{
	if (child->pid != child->tgid || !tt_task_wanted())
		return 0;
	proc_emit(TT_PROC_FORK, child, parent->tgid, 0);
	return 0;
}

SEC("tp_btf/sched_process_exit")
int BPF_PROG(proc_exit, struct task_struct *t)
{
	/* do_exit() counts the thread out of signal->live before the
	 * tracepoint: 0 is the last one */
	if ((t->flags & TT_PF_KTHREAD) || BPF_CORE_READ(t, signal, live.counter) ||
	    t->tgid == self_tgid)
		return 0;
	proc_emit(TT_PROC_EXIT, t, BPF_CORE_READ(t, real_parent, tgid), t->exit_code);
	return 0;
}
