/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What a system call counts as beyond its own name: a VFS operation (the
 * vfs source's syscall variant and the process table's read, write, open
 * and fsync columns) or an exec. By the C library's numbers for the build
 * architecture, so no table of numbers is written twice. */
#ifndef TRACETOP_SYSCALL_CLASS_H
#define TRACETOP_SYSCALL_CLASS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>
#include "syscalls.h"
#include "vfs.h"

/* Byte `how` of a VFS syscall: the sys_exit hub's HUB_* bits (syscalls.h),
 * HUB_OP_MASK holding enum vfs_op + 1. */
#define SYSCALL_HUB_OP(op) ((uint8_t)((op) + 1))

struct syscall_vfs {
	long nr;
	uint8_t how;
};

/* Every VFS syscall of this architecture; n is set to their number. */
const struct syscall_vfs *syscall_vfs_ids(size_t *n);
/* The VFS operation syscall id counts as (enum vfs_op), or -1. An open
 * with O_CREAT counts as an open here: only the hub sees the flags. */
int syscall_vfs_op(unsigned id);
/* True for execve and execveat. */
bool syscall_is_exec(unsigned id);

#endif
