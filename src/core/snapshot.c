/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Names of the sources, shared by every writer of a snapshot. */
#include "snapshot.h"

const char *tt_source_name(enum tt_source s)
{
	static const char *const names[TT_SRC_MAX] = {
		[TT_SRC_EXEC] = "exec",
		[TT_SRC_OPEN] = "open",
		[TT_SRC_VFS] = "vfs",
		[TT_SRC_BIO] = "bio",
		[TT_SRC_SYSCALL] = "syscalls",
	};

	if ((unsigned)s >= TT_SRC_MAX)
		return "?";
	return names[s];
}

/* The names of the JSON output, the batch text and the metrics. */
const char *const tt_vfs_op_names[VFS_OP_MAX] = {
	[VFS_READ] = "read", [VFS_WRITE] = "write", [VFS_OPEN] = "open",
	[VFS_CREATE] = "create", [VFS_FSYNC] = "fsync",
};
const char *const tt_bio_op_names[BIO_OP_MAX] = {
	[BIO_OP_READ] = "read", [BIO_OP_WRITE] = "write", [BIO_OP_FLUSH] = "flush",
	[BIO_OP_DISCARD] = "discard", [BIO_OP_OTHER] = "other",
};
const char *const tt_bio_phase_names[BIO_PH_MAX] = {
	[BIO_PH_DEVICE] = "device", [BIO_PH_QUEUE] = "queue",
};
