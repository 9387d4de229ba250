/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Syscall counts source: per syscall id and per process. */
#ifndef TRACETOP_BPF_SYSCALLS_H
#define TRACETOP_BPF_SYSCALLS_H

#include "events.h"

#define SYSCALL_ID_MAX 512	/* ids >= this are counted in slot SYSCALL_ID_MAX - 1 */
/* Room for a crowded machine (20 000 live processes, a dozen syscalls
 * each): the maps take kernel memory as entries come (BPF_F_NO_PREALLOC),
 * user space as far as its dense tables are used (proc_table.c). */
#define SYSCALL_PROC_MAX 262144	/* (process, syscall) entries of map "procs" */
#define SYSCALL_INFO_MAX 65536	/* processes of map "proc_info" */

/* Map "counts": BPF_MAP_TYPE_PERCPU_ARRAY, key syscall id, value below. */
struct syscall_stat {
	__u64 count;
	__u64 errors;		/* returns < 0 */
};

/* Map "procs": BPF_MAP_TYPE_HASH, key below, value struct syscall_proc.
 * Never evicted: user space deletes a process's entries once it has read
 * them after the process exited. */
struct syscall_proc_key {
	__u32 tgid;
	__u32 id;
};

struct syscall_proc {
	__u64 count;
	__u64 errors;
};

/* Map "proc_info": BPF_MAP_TYPE_HASH, key tgid (__u32), value below: what
 * the entries of one process share. Made with its first entry (an entry
 * is made only once its process has one), replaced at each exec, marked
 * at exit; deleted by user space with the entries. */
struct syscall_proc_info {
	char comm[TT_COMM_LEN];	/* the name of the program it runs now */
	__u32 exited;		/* 1: gone, and every count of it is in its entries */
	__u32 pad;
	/* Set by the exit hook with exited (the exiting task is the
	 * process's own), for processes too short-lived for user space to
	 * look them up: the real parent's tgid and the real uid. */
	__u32 ppid;
	__u32 uid;
	/* Time its threads spent in system calls, while they are timed
	 * (--latency, key L): nanoseconds since its first timed call. */
	__u64 busy_ns;
	/* Its cgroup (v2) id: set when the entry is made by one of its own
	 * tasks, at exec and at exit; 0 unknown. What names the container
	 * of a process gone before user space could read /proc. */
	__u64 cgroup_id;
};

/* Map "lat": BPF_MAP_TYPE_PERCPU_ARRAY, key syscall id, value below: the
 * time from sys_enter to sys_exit, log2 microsecond slots (slot i:
 * [2^i, 2^(i+1)) us, slot 0 also 0), and its sum in nanoseconds. Counted
 * while the tp_btf hub runs with its enter program and lat_on is set. */
#define SYSCALL_LAT_SLOTS 32

struct syscall_lat {
	__u64 slots[SYSCALL_LAT_SLOTS];
	__u64 sum_ns;
};

/* Map "errnos": BPF_MAP_TYPE_PERCPU_HASH, key id << 16 | errno, value the
 * failed calls (__u64). A full map counts in .bss errnos_lost. */
#define SYSCALL_ERRNO_MAX 4096
#define SYSCALL_ERRNO_KEY(id, err) ((__u32)(id) << 16 | ((__u32)(err) & 0xffff))

/* The sys_exit hub's table "hub_vfs_op" (rodata, by syscall id): how the
 * syscall counts for the vfs source. */
#define HUB_OP_MASK 0x0f	/* enum vfs_op + 1; 0: not a VFS syscall */
#define HUB_CREAT_ARG2 0x10	/* O_CREAT also counts a create: flags in arg 2 (open) */
#define HUB_CREAT_ARG3 0x20	/* ... flags in arg 3 (openat) */
#define HUB_CREAT_HOW3 0x40	/* ... struct open_how * in arg 3 (openat2) */

#endif
