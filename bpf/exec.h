/* SPDX-License-Identifier: GPL-2.0-or-later */
/* exec source: one record per execve/execveat return, successful or not. */
#ifndef TRACETOP_BPF_EXEC_H
#define TRACETOP_BPF_EXEC_H

#include "events.h"

#define EXEC_FILENAME_MAX 512	/* bytes kept of the filename, NUL included */
#define EXEC_ARGS_MAX 16384	/* compile-time ceiling of the argv byte cap */
#define EXEC_ARGS_DEFAULT 4096	/* default argv byte cap (knob args_cap) */
/* Most argv entries read one by one from a failed exec: each takes at
 * least its NUL, so the byte cap bounds them anyway. */
#define EXEC_ARGC_MAX EXEC_ARGS_MAX

/* exec_event.flags */
#define EXEC_F_ARGS_TRUNC 0x1	/* argv was longer than the byte cap */
#define EXEC_F_NAME_TRUNC 0x2	/* filename was longer than EXEC_FILENAME_MAX */
#define EXEC_F_EXECVEAT 0x4	/* came from execveat(2) */
#define EXEC_F_ARGS_MM 0x8	/* argv read from the new image (mm->arg_start) */
#define EXEC_F_ARGS_FAULT 0x10	/* some argv entry could not be read */

/* argv entries whose string could not be read are kept as empty strings
 * holding their place, and flagged in exec_event.args_unread (bit i for
 * argv[i]); only the first EXEC_UNREAD_BITS can be flagged: the walk
 * stops at an unreadable entry past them. */
#define EXEC_UNREAD_BITS 32

struct exec_event {
	struct tt_rec_hdr hdr;	/* type TT_REC_EXEC */
	__u16 filename_len;	/* bytes of filename in data[], NUL included */
	__u16 args_len;		/* bytes of argv in data[] after filename */
	__u16 argc;		/* argv entries in args (NUL-separated) */
	__u16 flags;		/* EXEC_F_* */
	__u32 pid;		/* tgid */
	__u32 tid;
	__u32 ppid;
	__u32 uid;
	__s32 ret;		/* 0 or -errno */
	__s32 dirfd;		/* execveat dirfd, else -100 (AT_FDCWD) */
	__u32 args_unread;	/* argv[i] could not be read: bit i (see above) */
	__u64 ts_ns;		/* bpf_ktime_get_ns() at syscall exit */
	__u64 duration_ns;	/* enter to exit */
	char comm[TT_COMM_LEN];
	char pcomm[TT_COMM_LEN];	/* the parent's comm at the exit of the exec */
	char data[];		/* filename (NUL-terminated), then argv strings */
};

/* The exec source's process records, for the process tree: each new
 * process (not thread) and each process that ended. */
enum tt_proc_kind {
	TT_PROC_FORK = 1,
	TT_PROC_EXIT = 2,
};

struct tt_proc_event {
	struct tt_rec_hdr hdr;	/* type TT_REC_PROC */
	__u8 kind;		/* enum tt_proc_kind */
	__u8 pad[3];
	__u32 pid;		/* the new process, or the one that ended */
	__u32 ppid;		/* its parent */
	__s32 code;		/* exit: the wait status (exit code << 8 | signal) */
	__u32 pad2;		/* named, so that it is zeroed: no stack bytes leave */
	__u64 ts_ns;		/* bpf_ktime_get_ns() */
	char comm[TT_COMM_LEN];	/* fork: the parent's (the child's is the same); exit: its own */
};

#endif
