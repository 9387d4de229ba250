/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The per-process syscall counts, user-space side of the kernel's maps
 * "procs" and "proc_info" (bpf/syscalls_procs.bpf.h): reads both at
 * each sample and hands them to the model. Part of the syscalls source
 * (probe_syscall.c), which owns the skeleton. */
#ifndef TRACETOP_SYSCALL_PROCS_H
#define TRACETOP_SYSCALL_PROCS_H

#include "diag.h"
#include "model.h"

struct syscall_procs;
struct syscalls_bpf;

/* Buffers for a whole read of both maps, allocated once; NULL on ENOMEM.
 * diag is borrowed. */
struct syscall_procs *syscall_procs_new(struct diag *diag);
void syscall_procs_free(struct syscall_procs *sp);
/* Reads skel's per-process maps into the model. 0 or -errno. */
int syscall_procs_sample(struct syscall_procs *sp, struct syscalls_bpf *skel, struct model *m);

#endif
