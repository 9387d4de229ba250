// SPDX-License-Identifier: GPL-2.0-or-later
/* VFS rates: per-CPU counters of reads, writes, opens, creates and fsyncs.
 *
 * One object carries three ways to count the same operations, because no
 * single hook works on every kernel tracetop runs on: fentry on the vfs_*
 * functions (cheapest, needs BTF and trampolines), kprobes on the same
 * functions (needs CONFIG_KPROBES), and the syscall tracepoints (always
 * there, but they count system calls, not VFS operations: an
 * approximation). User space autoloads exactly one family and leaves the
 * rest out of the kernel. Counters only grow; user space sums the CPUs
 * and diffs ticks.
 */
#include "common.bpf.h"
#include "vfs.h"

char LICENSE[] SEC("license") = "GPL";

struct {
	__uint(type, BPF_MAP_TYPE_PERCPU_ARRAY);
	__uint(max_entries, VFS_OP_MAX);
	__type(key, __u32);
	__type(value, __u64);
} counts SEC(".maps");

/* O_CREAT as the generic and x86 ABIs define it (asm-generic/fcntl.h). */
#define TT_O_CREAT 00000100

static __always_inline int vfs_count(__u32 op)
{
	__u64 *v;

	if (!tt_task_wanted())
		return 0;
	v = bpf_map_lookup_elem(&counts, &op);
	/* A per-CPU slot has one writer at a time: no atomic needed. */
	if (v)
		(*v)++;
	return 0;
}

/*
 * fentry and kprobe on the VFS functions. The arguments are not needed:
 * entering the function is the operation. vfs_iter_read/write also count
 * kernel-internal I/O (loop devices, overlay and backing files, nfsd):
 * at the VFS layer those are operations too.
 */
#define VFS_FUNC(fn, op)						\
	SEC("fentry/" #fn)						\
	int fentry_##fn(void *ctx)					\
	{								\
		return vfs_count(op);					\
	}								\
	SEC("kprobe/" #fn)						\
	int kprobe_##fn(void *ctx)					\
	{								\
		return vfs_count(op);					\
	}

VFS_FUNC(vfs_read, VFS_READ)
VFS_FUNC(vfs_readv, VFS_READ)
VFS_FUNC(vfs_iter_read, VFS_READ)
VFS_FUNC(vfs_write, VFS_WRITE)
VFS_FUNC(vfs_writev, VFS_WRITE)
VFS_FUNC(vfs_iter_write, VFS_WRITE)
VFS_FUNC(vfs_open, VFS_OPEN)
/* open(O_CREAT) that creates a file calls the filesystem's ->create
 * directly (fs/namei.c, lookup_open), never vfs_create, while both paths
 * pass security_inode_create. User space uses that hook where the kernel
 * has it, and vfs_create only where it does not (CONFIG_SECURITY off
 * makes it an inline stub), never both, so no create counts twice. */
VFS_FUNC(vfs_create, VFS_CREATE)
VFS_FUNC(security_inode_create, VFS_CREATE)
VFS_FUNC(vfs_fsync_range, VFS_FSYNC)

/*
 * Syscall tracepoints: the fallback. One system call is counted as one
 * operation; an open with O_CREAT counts as a create too, whether or not
 * it created anything.
 */
#define VFS_SYSCALL(sc, op)						\
	SEC("tracepoint/syscalls/sys_enter_" #sc)			\
	int tp_##sc(struct trace_event_raw_sys_enter *ctx)		\
	{								\
		return vfs_count(op);					\
	}

VFS_SYSCALL(read, VFS_READ)
VFS_SYSCALL(readv, VFS_READ)
VFS_SYSCALL(pread64, VFS_READ)
VFS_SYSCALL(preadv, VFS_READ)
VFS_SYSCALL(preadv2, VFS_READ)
VFS_SYSCALL(write, VFS_WRITE)
VFS_SYSCALL(writev, VFS_WRITE)
VFS_SYSCALL(pwrite64, VFS_WRITE)
VFS_SYSCALL(pwritev, VFS_WRITE)
VFS_SYSCALL(pwritev2, VFS_WRITE)
VFS_SYSCALL(creat, VFS_CREATE)
VFS_SYSCALL(fsync, VFS_FSYNC)
VFS_SYSCALL(fdatasync, VFS_FSYNC)
VFS_SYSCALL(sync_file_range, VFS_FSYNC)

static __always_inline int vfs_count_open(__u64 flags)
{
	vfs_count(VFS_OPEN);
	if (flags & TT_O_CREAT)
		vfs_count(VFS_CREATE);
	return 0;
}

/* open(filename, flags, mode) */
SEC("tracepoint/syscalls/sys_enter_open")
int tp_open(struct trace_event_raw_sys_enter *ctx)
{
	return vfs_count_open(ctx->args[1]);
}

/* openat(dfd, filename, flags, mode) */
SEC("tracepoint/syscalls/sys_enter_openat")
int tp_openat(struct trace_event_raw_sys_enter *ctx)
{
	return vfs_count_open(ctx->args[2]);
}

/* openat2(dfd, filename, struct open_how *how, size): flags live in user
 * memory; if they cannot be read the call still counts as an open. */
SEC("tracepoint/syscalls/sys_enter_openat2")
int tp_openat2(struct trace_event_raw_sys_enter *ctx)
{
	struct open_how *how = (struct open_how *)ctx->args[2];
	__u64 flags = 0;

	if (bpf_probe_read_user(&flags, sizeof(flags), &how->flags))
		flags = 0;
	return vfs_count_open(flags);
}
