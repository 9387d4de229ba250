/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Syscall classes (see syscall_class.h). */
#include <sys/syscall.h>
#include "syscall_class.h"

static const struct syscall_vfs vfs_ids[] = {
	{ SYS_read, SYSCALL_HUB_OP(VFS_READ) },
	{ SYS_readv, SYSCALL_HUB_OP(VFS_READ) },
	{ SYS_pread64, SYSCALL_HUB_OP(VFS_READ) },
	{ SYS_preadv, SYSCALL_HUB_OP(VFS_READ) },
	{ SYS_write, SYSCALL_HUB_OP(VFS_WRITE) },
	{ SYS_writev, SYSCALL_HUB_OP(VFS_WRITE) },
	{ SYS_pwrite64, SYSCALL_HUB_OP(VFS_WRITE) },
	{ SYS_pwritev, SYSCALL_HUB_OP(VFS_WRITE) },
#ifdef SYS_preadv2
	{ SYS_preadv2, SYSCALL_HUB_OP(VFS_READ) },
	{ SYS_pwritev2, SYSCALL_HUB_OP(VFS_WRITE) },
#endif
#ifdef SYS_open
	{ SYS_open, SYSCALL_HUB_OP(VFS_OPEN) | HUB_CREAT_ARG2 },
#endif
#ifdef SYS_creat
	{ SYS_creat, SYSCALL_HUB_OP(VFS_CREATE) },
#endif
	{ SYS_openat, SYSCALL_HUB_OP(VFS_OPEN) | HUB_CREAT_ARG3 },
#ifdef SYS_openat2
	{ SYS_openat2, SYSCALL_HUB_OP(VFS_OPEN) | HUB_CREAT_HOW3 },
#endif
	{ SYS_fsync, SYSCALL_HUB_OP(VFS_FSYNC) },
	{ SYS_fdatasync, SYSCALL_HUB_OP(VFS_FSYNC) },
	{ SYS_sync_file_range, SYSCALL_HUB_OP(VFS_FSYNC) },
};

const struct syscall_vfs *syscall_vfs_ids(size_t *n)
{
	*n = sizeof(vfs_ids) / sizeof(vfs_ids[0]);
	return vfs_ids;
}

/* enum vfs_op + 1 by syscall id, 0 for none: made at the first call
 * (the process table asks for every entry every interval). */
static uint8_t op_of[SYSCALL_ID_MAX];
static bool op_of_made;

int syscall_vfs_op(unsigned id)
{
	if (!op_of_made) {
		for (size_t i = 0; i < sizeof(vfs_ids) / sizeof(vfs_ids[0]); i++) {
			int op = (vfs_ids[i].how & HUB_OP_MASK) - 1;

			/* creat() opens a file too: the process table's open column */
			if (op == VFS_CREATE)
				op = VFS_OPEN;
			if (vfs_ids[i].nr >= 0 && vfs_ids[i].nr < SYSCALL_ID_MAX)
				op_of[vfs_ids[i].nr] = (uint8_t)(op + 1);
		}
		op_of_made = true;
	}
	return id < SYSCALL_ID_MAX ? (int)op_of[id] - 1 : -1;
}

bool syscall_is_exec(unsigned id)
{
	return id == SYS_execve || id == SYS_execveat;
}
