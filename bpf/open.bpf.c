// SPDX-License-Identifier: GPL-2.0
/* open source, kernel side: one struct open_event per open, openat,
 * openat2 or creat return, with the path exactly as the caller passed it
 * and the fd or -errno.
 *
 * The enter tracepoint only keeps pointers and scalars, per thread: the
 * path is read at exit, when the kernel has copied it from the caller
 * (so its page is present, which it need not be at enter). openat2's
 * struct open_how is read at exit for the same reason.
 */
#include "common.bpf.h"
#include "open.h"

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

struct open_scratch {
	__u8 bytes[sizeof(struct open_event) + OPEN_PATH_MAX];
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

static __always_inline void open_emit(const struct open_pending *p, long ret)
{
	__u64 id = bpf_get_current_pid_tgid();
	struct open_how how = {};
	struct open_event *e;
	__u32 zero = 0;
	__u64 size;

	e = bpf_map_lookup_elem(&heap, &zero);
	if (!e)
		return;
	e->hdr.type = TT_REC_OPEN;
	e->syscall = p->syscall;
	e->rflags = 0;
	e->pid = id >> 32;
	e->tid = (__u32)id;
	e->uid = (__u32)bpf_get_current_uid_gid();
	e->dirfd = p->dirfd;
	e->ret = ret;
	e->flags = p->flags;
	e->mode = p->mode;
	if (p->syscall == OPEN_SC_OPENAT2) {
		/* The kernel copied the struct at enter: it is present. */
		bpf_probe_read_user(&how, sizeof(how.flags) + sizeof(how.mode),
				    (void *)p->flags);
		e->flags = how.flags;
		e->mode = how.mode;
	}
	e->ts_ns = bpf_ktime_get_ns();
	e->duration_ns = e->ts_ns - p->ts;
	bpf_get_current_comm(e->comm, sizeof(e->comm));
	e->path_len = open_path(e, p->path);
	size = sizeof(*e) + e->path_len;
	barrier_var(size);
	if (size > sizeof(*e) + OPEN_PATH_MAX)
		return;
	e->hdr.size = size;
	tt_ring_output(&events, &stats, e, size);
}

static __always_inline int open_exit(struct trace_event_raw_sys_exit *ctx)
{
	__u32 tid = (__u32)bpf_get_current_pid_tgid();
	struct open_pending *p;
	long ret = ctx->ret;

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
	return open_exit(ctx);
}

SEC("tracepoint/syscalls/sys_exit_openat")
int open_exit_openat(struct trace_event_raw_sys_exit *ctx)
{
	return open_exit(ctx);
}

SEC("tracepoint/syscalls/sys_exit_openat2")
int open_exit_openat2(struct trace_event_raw_sys_exit *ctx)
{
	return open_exit(ctx);
}

SEC("tracepoint/syscalls/sys_exit_creat")
int open_exit_creat(struct trace_event_raw_sys_exit *ctx)
{
	return open_exit(ctx);
}
