// SPDX-License-Identifier: GPL-2.0-or-later
/* The bench's floor: programs that do nothing, one per hook tracetop
 * uses. bench/floor.c loads the few a workload needs, so the bench can
 * tell the cost of running any BPF program on a hook from the cost of
 * tracetop's own work there. Nothing here reads kernel types. */
#include "vmlinux.h"
#include <bpf/bpf_helpers.h>

char LICENSE[] SEC("license") = "GPL";

#define FLOOR(sec, name)			\
	SEC(sec)				\
	int name(void *ctx)			\
	{					\
		return 0;			\
	}

FLOOR("tp_btf/sys_enter", sys_enter)
FLOOR("tp_btf/sys_exit", sys_exit)
FLOOR("tracepoint/syscalls/sys_enter_openat", enter_openat)
FLOOR("tracepoint/syscalls/sys_exit_openat", exit_openat)
FLOOR("tracepoint/syscalls/sys_exit_newfstatat", exit_newfstatat)
FLOOR("tracepoint/syscalls/sys_enter_execve", enter_execve)
FLOOR("tracepoint/syscalls/sys_exit_execve", exit_execve)
FLOOR("tp_btf/block_rq_insert", rq_insert)
FLOOR("tp_btf/block_rq_issue", rq_issue)
FLOOR("tp_btf/block_rq_complete", rq_complete)
