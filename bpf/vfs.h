/* SPDX-License-Identifier: GPL-2.0-or-later */
/* VFS rates source: per-CPU counters of VFS operations. */
#ifndef TRACETOP_BPF_VFS_H
#define TRACETOP_BPF_VFS_H

enum vfs_op {
	VFS_READ = 0,
	VFS_WRITE,
	VFS_OPEN,
	VFS_CREATE,
	VFS_FSYNC,
	VFS_OP_MAX,
};

/* Map "counts": BPF_MAP_TYPE_PERCPU_ARRAY, key enum vfs_op, value __u64. */

#endif
