/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The probe descriptor: one per source (exec, open, vfs, bio, syscalls).
 *
 * A probe owns its BPF skeleton. start() opens it, sets the rodata knobs,
 * picks the best hook the kernel allows, loads and attaches, and records
 * the outcome in the source's status (hook in use, or the hooks tried and
 * why each failed). sample() reads the maps once per interval and hands
 * cumulative counters to the model. stop() destroys the skeleton, which
 * detaches every link. A probe that fails to start leaves the others
 * running. */
#ifndef TRACETOP_PROBE_H
#define TRACETOP_PROBE_H

#include <stdbool.h>
#include <stdint.h>
#include <bpf/libbpf.h>
#include "model.h"
#include "diag.h"
#include "options.h"

struct probe_env {
	const struct options *opt;	/* borrowed */
	struct model *model;		/* borrowed */
	struct diag *diag;		/* borrowed */
	struct ring_buffer **rb;	/* borrowed: the shared consumer of every ring */
	uint32_t self_tgid;		/* tracetop's own pid, never traced */
};

struct probe_ops {
	enum tt_source src;
	/* 0 on success with *state set; -errno when the source is unavailable
	 * (its status then says why). */
	int (*start)(void **state, const struct probe_env *env);
	/* Reads maps into the model; 0 or -errno (the model keeps going). */
	int (*sample)(void *state, struct model *m);
	/* Detaches and frees; state may be NULL. */
	void (*stop)(void *state);
	/* Failed calls only, switched while running (NULL: not an event
	 * source). */
	void (*set_failed_only)(void *state, bool on);
	/* Syscall timing on or off at run time (syscalls source only). */
	void (*set_latency)(void *state, bool on);
};

/*
 * The sys_exit hub (probe_syscall.c). With the syscalls source on, its
 * tp_btf program is the one program tracetop runs at sys_exit, and the
 * exec, open and vfs sources use it instead of their own exit hooks: a
 * second program there would cost every system call an indirect call.
 * Loaded by the first probe that asks, freed with the last reference.
 */
struct syscall_hub;

/* A reference to the hub, loaded and attached on first use; NULL when the
 * syscalls source is off or the hub cannot run on this kernel. */
struct syscall_hub *syscall_hub_get(const struct probe_env *env);
void syscall_hub_put(struct syscall_hub *h);
/* Tail-calls prog (a loaded, unattached tp_btf/sys_exit program) at the
 * exit of syscall nr; prog NULL stops it. 0 or -errno. */
int syscall_hub_route(struct syscall_hub *h, unsigned nr, const struct bpf_program *prog);
/* Turns VFS counting by syscall on or off; returns the fd of its per-CPU
 * counts (key enum vfs_op, value __u64). */
int syscall_hub_vfs(struct syscall_hub *h, bool on);
/* Every source has started: the hub, if loaded, counts syscalls and VFS
 * operations from now on (none before: see syscalls.bpf.c), and times
 * them with --latency; what fails is said in diag. */
void syscall_hub_count(struct diag *diag);

extern const struct probe_ops probe_exec_ops;
extern const struct probe_ops probe_open_ops;
extern const struct probe_ops probe_vfs_ops;
extern const struct probe_ops probe_bio_ops;
extern const struct probe_ops probe_syscall_ops;

#endif
