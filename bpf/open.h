/* SPDX-License-Identifier: GPL-2.0-or-later */
/* open source: one record per open/openat/openat2/creat return, and one
 * per failing path call (stat, access, unlink, mkdir, rename, ...). */
#ifndef TRACETOP_BPF_OPEN_H
#define TRACETOP_BPF_OPEN_H

#include "events.h"

#define OPEN_PATH_MAX 4096	/* bytes kept of the path, NUL included */
#define OPEN_BASE_MAX 4096	/* bytes kept of the base directory's components */
#define OPEN_BASE_DEPTH 64	/* directory levels walked up from the base */
#define OPEN_NAME_MAX 256	/* one component, NUL included (NAME_MAX + 1) */

/* Where a relative path was resolved from (open_event.base_kind). */
enum open_base {
	OPEN_BASE_NONE = 0,	/* absolute path, or the base could not be read */
	OPEN_BASE_CWD = 1,	/* the caller's working directory (AT_FDCWD) */
	OPEN_BASE_DIRFD = 2,	/* the directory open on dirfd */
};

enum open_syscall {
	OPEN_SC_OPEN = 0,
	OPEN_SC_OPENAT = 1,
	OPEN_SC_OPENAT2 = 2,
	OPEN_SC_CREAT = 3,
};

/* The path calls' table "path_calls" (rodata, by syscall id), set by user
 * space from its own list (src/core/path_calls.c): which syscalls are
 * path calls and where their arguments are. A record of type
 * TT_REC_PATH carries the call's index in that list in .syscall. */
#define PATH_HOW_CALL 0x00ff	/* index + 1; 0: not a path call */
#define PATH_HOW_ARG2 0x0100	/* the path is argument 2 (else 1) */
#define PATH_HOW_DIRFD 0x0200	/* argument 1 is the directory fd (else AT_FDCWD) */

/* open_event.rflags */
#define OPEN_F_PATH_TRUNC 0x1	/* path longer than OPEN_PATH_MAX */
#define OPEN_F_PATH_FAULT 0x2	/* path could not be read */
#define OPEN_F_BASE_TRUNC 0x4	/* base deeper or longer than kept */
#define OPEN_F_BASE_FAULT 0x8	/* base directory could not be read */

struct open_event {
	struct tt_rec_hdr hdr;	/* type TT_REC_OPEN, or TT_REC_PATH */
	__u16 path_len;		/* bytes of path in path[], NUL included */
	__u8 syscall;		/* enum open_syscall; path: index of the call */
	__u8 rflags;		/* OPEN_F_* */
	__u16 base_len;		/* bytes of base components after path[] */
	__u8 base_kind;		/* enum open_base */
	__u8 pad;
	__u32 pid;		/* tgid */
	__u32 tid;
	__u32 uid;
	__s32 dirfd;		/* -100 (AT_FDCWD) for open/creat */
	__s32 ret;		/* fd or -errno */
	__u32 mode;
	__u64 flags;		/* open flags as passed (creat: O_CREAT|O_WRONLY|O_TRUNC) */
	__u64 ts_ns;		/* bpf_ktime_get_ns() at syscall exit */
	__u64 duration_ns;	/* path calls: 0, not measured (no enter hook) */
	char comm[TT_COMM_LEN];
	/* path as passed by the caller, NUL-terminated (path_len bytes),
	 * then, for a relative path, the base directory's components from
	 * the innermost up, each NUL-terminated (base_len bytes): "b\0a\0"
	 * is /a/b; base_len 0 with a base_kind is the root itself. */
	char path[];
};

#endif
