// SPDX-License-Identifier: GPL-2.0-or-later
/* open source, kernel side: one struct open_event per open, openat,
 * openat2 or creat return, with the path exactly as the caller passed it
 * and the fd or -errno.
 *
 * The enter tracepoint only keeps pointers and scalars, per thread: the
 * path is read at exit, when the kernel has copied it from the caller
 * (so its page is present, which it need not be at enter). openat2's
 * struct open_how is read at exit for the same reason.
 *
 * A relative path means nothing without its base directory, least of all
 * when the open failed (there is no fd to look at afterwards, and the
 * process may be gone by the time user space asks /proc). So for a
 * relative path the exit program also walks the base directory — the
 * working directory for AT_FDCWD, else the directory open on dirfd — up
 * to the task's root and appends its component names to the record.
 */
#include "common.bpf.h"
#include "open.h"
#include "syscalls.h"

char LICENSE[] SEC("license") = "GPL";

/* creat(2) is open(O_CREAT|O_WRONLY|O_TRUNC); values of the generic and
 * x86 ABIs (asm-generic/fcntl.h). */
#define TT_O_WRONLY 00000001
#define TT_O_CREAT 00000100
#define TT_O_TRUNC 00001000
#define TT_O_TMPFILE_BIT 020000000	/* __O_TMPFILE */
#define TT_AT_FDCWD -100

/* open and openat take a mode only when they may create: the kernel
 * ignores the register otherwise (build_open_how() in fs/open.c), and
 * callers that pass no mode leave whatever was in it. */
static __always_inline __u32 open_mode(__u64 flags, __u64 mode)
{
	return flags & (TT_O_CREAT | TT_O_TMPFILE_BIT) ? (__u32)mode : 0;
}

#define OPEN_PENDING_MAX 16384	/* opens in flight at once */

struct open_pending {
	__u64 ts;
	__u64 path;	/* user pointer */
	__u64 flags;	/* openat2: user pointer to struct open_how */
	__u32 mode;
	__s32 dirfd;
	__u32 syscall;	/* enum open_syscall */
};

/* Room for the masked write of one more name past the kept bytes. */
struct open_scratch {
	__u8 bytes[sizeof(struct open_event) + OPEN_PATH_MAX + OPEN_BASE_MAX + OPEN_NAME_MAX];
};

struct {
	__uint(type, BPF_MAP_TYPE_RINGBUF);
	__uint(max_entries, 1 << 20);	/* user space sets the real size */
} events SEC(".maps");

TT_DECLARE_RING_STATS();

/* LRU: a thread killed inside open() must not hold its entry forever. */
struct {
	__uint(type, BPF_MAP_TYPE_LRU_HASH);
	__uint(max_entries, OPEN_PENDING_MAX);
	__type(key, __u32);	/* tid */
	__type(value, struct open_pending);
} pending SEC(".maps");

/* The record is larger than the 512-byte stack. */
struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct open_scratch);
} heap SEC(".maps");

static __always_inline int open_enter(__u32 sc, __s32 dirfd, __u64 path,
				      __u64 flags, __u32 mode)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct open_pending p = {
		.path = path,
		.flags = flags,
		.mode = mode,
		.dirfd = dirfd,
		.syscall = sc,
	};

	if (!tt_task_wanted())
		return 0;
	p.ts = bpf_ktime_get_ns();
	bpf_map_update_elem(&pending, &tid, &p, BPF_ANY);
	return 0;
}

SEC("tracepoint/syscalls/sys_enter_open")
int open_enter_open(struct trace_event_raw_sys_enter *ctx)
{
	return open_enter(OPEN_SC_OPEN, TT_AT_FDCWD, ctx->args[0],
			  ctx->args[1], open_mode(ctx->args[1], ctx->args[2]));
}

SEC("tracepoint/syscalls/sys_enter_openat")
int open_enter_openat(struct trace_event_raw_sys_enter *ctx)
{
	return open_enter(OPEN_SC_OPENAT, ctx->args[0], ctx->args[1],
			  ctx->args[2], open_mode(ctx->args[2], ctx->args[3]));
}

SEC("tracepoint/syscalls/sys_enter_openat2")
int open_enter_openat2(struct trace_event_raw_sys_enter *ctx)
{
	return open_enter(OPEN_SC_OPENAT2, ctx->args[0], ctx->args[1],
			  ctx->args[2], 0);
}

SEC("tracepoint/syscalls/sys_enter_creat")
int open_enter_creat(struct trace_event_raw_sys_enter *ctx)
{
	return open_enter(OPEN_SC_CREAT, TT_AT_FDCWD, ctx->args[0],
			  TT_O_WRONLY | TT_O_CREAT | TT_O_TRUNC, ctx->args[1]);
}

/* Reads the path into e->path; returns the bytes stored, NUL included. */
static __always_inline __u32 open_path(struct open_event *e, __u64 path)
{
	long n = bpf_probe_read_user_str(e->path, OPEN_PATH_MAX, (void *)path);
	char c = 0;

	if (n <= 0) {
		e->rflags |= OPEN_F_PATH_FAULT;
		return 0;
	}
	/* A full buffer is either an exact fit or a cut: the caller's byte
	 * where the NUL was stored tells. */
	if (n == OPEN_PATH_MAX &&
	    (bpf_probe_read_user(&c, 1, (void *)(path + OPEN_PATH_MAX - 1)) || c))
		e->rflags |= OPEN_F_PATH_TRUNC;
	return n;
}

/* The struct path a relative name is looked up from, or -1. */
static __always_inline int open_base_path(struct task_struct *task, __s32 dirfd,
					  struct path *base)
{
	struct file **fds, *file = NULL;
	struct fdtable *fdt;

	if (dirfd == TT_AT_FDCWD)
		return BPF_CORE_READ_INTO(base, task, fs, pwd) ? -1 : 0;
	fdt = BPF_CORE_READ(task, files, fdt);
	if (!fdt || dirfd < 0 || (__u32)dirfd >= BPF_CORE_READ(fdt, max_fds))
		return -1;
	fds = BPF_CORE_READ(fdt, fd);
	if (bpf_probe_read_kernel(&file, sizeof(file), fds + dirfd) || !file)
		return -1;
	return BPF_CORE_READ_INTO(base, file, f_path) ? -1 : 0;
}

/* State of one walk up the directory tree, shared with the bpf_loop
 * callback. bpf_loop lets the verifier check the step once instead of
 * once per level, which the 4 exit programs could not afford. */
struct base_walk {
	struct open_event *e;
	struct vfsmount *vm;
	struct mount *mnt;
	struct dentry *d;
	struct path root;
	__u64 mnt_off;		/* offsetof(struct mount, mnt) in this kernel */
	__u32 at;		/* where the components start in e->path */
	__u32 off;		/* bytes of components so far */
	bool done;
};

/* One level: cross a mount point or record one name. 1 stops the loop. */
static long base_step(__u32 i, struct base_walk *w)
{
	/* Locals: CO-RE reads must start from kernel types, not from
	 * this program's own struct. */
	struct open_event *e = w->e;
	struct vfsmount *vm = w->vm;
	struct mount *mnt = w->mnt;
	struct dentry *d = w->d, *parent;
	__u32 at = w->at, off = w->off, pos;
	long n;

	if (d == w->root.dentry && vm == w->root.mnt)
		goto done;
	if (d == BPF_CORE_READ(vm, mnt_root)) {
		struct mount *up = BPF_CORE_READ(mnt, mnt_parent);

		if (!up || up == mnt)
			goto done;	/* the top of the mount tree */
		w->d = BPF_CORE_READ(mnt, mnt_mountpoint);
		w->mnt = up;
		w->vm = (void *)up + w->mnt_off;
		return 0;
	}
	parent = BPF_CORE_READ(d, d_parent);
	if (!parent || parent == d)
		goto done;
	if (!e || at > OPEN_PATH_MAX || off > OPEN_BASE_MAX - OPEN_NAME_MAX)
		return 1;
	/* The checks above keep pos below the mask, but older verifiers
	 * (6.1) lose a bound the compiler checked on a register copy: the
	 * mask, kept by barrier_var, bounds the very register used. */
	pos = at + off;
	barrier_var(pos);
	pos &= OPEN_PATH_MAX + OPEN_BASE_MAX - 1;
	n = bpf_probe_read_kernel_str(e->path + pos, OPEN_NAME_MAX,
				      BPF_CORE_READ(d, d_name.name));
	if (n <= 0) {
		e->rflags |= OPEN_F_BASE_FAULT;
		goto done;
	}
	w->off = off + n;
	w->d = parent;
	return 0;
done:
	w->done = true;
	return 1;
}

/* Appends the names of the directories from base up to the task's root
 * (innermost first) at e->path + at; returns their bytes. Mount points
 * are crossed through the parent mount. */
static __always_inline __u32 open_base_walk(struct open_event *e, __u32 at,
					    struct task_struct *task, const struct path *base)
{
	struct base_walk w = {
		.e = e,
		.vm = base->mnt,
		.d = base->dentry,
		.mnt_off = bpf_core_field_offset(struct mount, mnt),
		.at = at,
	};

	w.mnt = (void *)w.vm - w.mnt_off;
	BPF_CORE_READ_INTO(&w.root, task, fs, root);
	bpf_loop(OPEN_BASE_DEPTH, base_step, &w, 0);
	if (!w.done)
		e->rflags |= OPEN_F_BASE_TRUNC;
	return w.off;
}

/* For a relative path: which base, and its components after the path. */
static __always_inline __u32 open_base(struct open_event *e, __u32 path_len, __s32 dirfd)
{
	struct task_struct *task = (void *)bpf_get_current_task();
	struct path base = {};
	__u32 at = path_len;

	if (!path_len || e->path[0] == '/')
		return 0;
	if (open_base_path(task, dirfd, &base) || !base.dentry || !base.mnt) {
		e->rflags |= OPEN_F_BASE_FAULT;
		return 0;
	}
	if (at > OPEN_PATH_MAX)
		return 0;
	e->base_kind = dirfd == TT_AT_FDCWD ? OPEN_BASE_CWD : OPEN_BASE_DIRFD;
	return open_base_walk(e, at, task, &base);
}

/* What a record says about its call, apart from what the task gives. */
struct call_info {
	__u64 path;	/* user pointer */
	__u64 flags;
	__u64 t_enter;	/* 0: not measured */
	__u32 mode;
	__s32 dirfd;
	__u16 type;	/* TT_REC_OPEN or TT_REC_PATH */
	__u8 syscall;
};

static __always_inline void call_emit(const struct call_info *c, long ret)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct open_event *e;
	__u32 zero = 0;
	__u64 size;

	e = bpf_map_lookup_elem(&heap, &zero);
	if (!e)
		return;
	e->hdr.type = c->type;
	e->syscall = c->syscall;
	e->rflags = 0;
	e->base_kind = OPEN_BASE_NONE;
	e->base_len = 0;
	e->pid = id >> 32;
	e->tid = (__u32)id;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->dirfd = c->dirfd;
	e->ret = ret;
	e->flags = c->flags;
	e->mode = c->mode;
	e->ts_ns = bpf_ktime_get_ns();
	e->duration_ns = c->t_enter ? e->ts_ns - c->t_enter : 0;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	e->path_len = open_path(e, c->path);
	e->base_len = open_base(e, e->path_len, c->dirfd);
	size = sizeof(*e) + e->path_len + e->base_len;
	barrier_var(size);
	if (size > sizeof(*e) + OPEN_PATH_MAX + OPEN_BASE_MAX)
		return;
	e->hdr.size = size;
	tt_ring_output(&events, &stats, e, size);
}

static __always_inline void open_emit(const struct open_pending *p, long ret)
{
	struct call_info c = {
		.path = p->path,
		.flags = p->flags,
		.t_enter = p->ts,
		.mode = p->mode,
		.dirfd = p->dirfd,
		.type = TT_REC_OPEN,
		.syscall = p->syscall,
	};
	struct open_how how = {};

	if (p->syscall == OPEN_SC_OPENAT2) {
		/* The kernel copied the struct at enter: it is present. */
		bpf_probe_read_user(&how, sizeof(how.flags) + sizeof(how.mode),
				    (void *)p->flags);
		c.flags = how.flags;
		c.mode = how.mode;
	}
	call_emit(&c, ret);
}

static __always_inline int open_exit(long ret)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct open_pending *p;

	p = bpf_map_lookup_elem(&pending, &tid);
	if (!p)
		return 0;
	if (!targ_failed || ret < 0)
		open_emit(p, ret);
	bpf_map_delete_elem(&pending, &tid);
	return 0;
}

SEC("tracepoint/syscalls/sys_exit_open")
int open_exit_open(struct trace_event_raw_sys_exit *ctx)
{
	return open_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_openat")
int open_exit_openat(struct trace_event_raw_sys_exit *ctx)
{
	return open_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_openat2")
int open_exit_openat2(struct trace_event_raw_sys_exit *ctx)
{
	return open_exit(ctx->ret);
}

SEC("tracepoint/syscalls/sys_exit_creat")
int open_exit_creat(struct trace_event_raw_sys_exit *ctx)
{
	return open_exit(ctx->ret);
}

/* With the syscalls source on, the exits come from its sys_exit hub
 * instead (syscalls.bpf.c): a tail call for the open syscalls' ids. This
 * program is loaded but never attached. */
SEC("tp_btf/sys_exit")
int BPF_PROG(open_hub_exit, struct pt_regs *regs, long ret)
{
	return open_exit(ret);
}

/*
 * Failing path calls: stat, access, readlink, unlink, mkdir, rmdir,
 * rename, chdir, chmod, chown, truncate and their *at forms. Only their
 * exits are hooked: the arguments are still in the registers the task
 * entered with (its pt_regs), and the path was copied by the kernel, so
 * its page is present. A call that succeeds costs one table load and a
 * compare; it stays a counter of the syscalls source.
 */

/* PATH_HOW_* by syscall id (open.h), set by user space before load. */
const volatile __u16 path_calls[SYSCALL_ID_MAX];
/* Successes too (--path-calls all); else failures only. */
const volatile bool path_all;

/* The PATH_HOW_* of a syscall exit worth a record, or 0: a table load
 * and compares, before any helper runs. */
static __always_inline __u16 path_wanted(long id, long ret)
{
	__u16 how;

	if (id < 0 || id >= SYSCALL_ID_MAX)
		return 0;
	how = path_calls[id];
	if (!(how & PATH_HOW_CALL))
		return 0;
	if (!path_all && (ret >= 0 || ret < -TT_MAX_ERRNO))
		return 0;
	return tt_task_wanted() ? how : 0;
}

static __always_inline int path_emit(__u16 how, long ret, struct pt_regs *regs)
{
	struct call_info c = { .type = TT_REC_PATH, .dirfd = TT_AT_FDCWD };

	if (!regs)
		return 0;
	c.syscall = (how & PATH_HOW_CALL) - 1;
	if (how & PATH_HOW_ARG2)
		c.path = PT_REGS_PARM2_CORE_SYSCALL(regs);
	else
		c.path = PT_REGS_PARM1_CORE_SYSCALL(regs);
	if (how & PATH_HOW_DIRFD)
		c.dirfd = (__s32)PT_REGS_PARM1_CORE_SYSCALL(regs);
	call_emit(&c, ret);
	return 0;
}

/* The syscalls/sys_exit_* tracepoints' record. */
struct syscalls_exit_args {
	__u64 common;
	int nr;
	long ret;
};

/* Attached by user space to the exit tracepoint of every path call this
 * kernel has (one program, verified once). */
SEC("tracepoint/syscalls/sys_exit_unlink")
int path_exit_tp(struct syscalls_exit_args *ctx)
{
	__u16 how = path_wanted(ctx->nr, ctx->ret);

	if (!how)
		return 0;
	return path_emit(how, ctx->ret,
			 (struct pt_regs *)bpf_task_pt_regs(bpf_get_current_task_btf()));
}

/* With the syscalls source on: tail-called by its sys_exit hub. */
SEC("tp_btf/sys_exit")
int BPF_PROG(path_hub_exit, struct pt_regs *regs, long ret)
{
	__u16 how = path_wanted(tt_regs_syscall_id(regs), ret);

	return how ? path_emit(how, ret, regs) : 0;
}
