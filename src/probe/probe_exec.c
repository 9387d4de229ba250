/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The exec source: owns the exec skeleton (execve/execveat syscall
 * tracepoints, and the sched_process_fork/exit tp_btf programs of the
 * process tree), registers its ring buffer with the shared consumer, and
 * turns each record into an event for the model. With the syscalls source
 * on, the exits come through its sys_exit hub (probe.h) instead of the
 * exit tracepoints. Forks and exits are optional: where their programs
 * cannot load, execs go on without them and the note says why. Loss is
 * never silent:
 * records the kernel could not write and records that fail decoding both
 * end up in the source's lost count. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "bpf_support.h"
#include "event.h"
#include "probe.h"
#include "probe_ring.h"
#include "exec.skel.h"


static const char *const exec_tracepoints[] = {
	"sys_enter_execve", "sys_exit_execve",
	"sys_enter_execveat", "sys_exit_execveat",
};

static const unsigned exec_nrs[] = { SYS_execve, SYS_execveat };

struct exec_probe {
	struct exec_bpf *skel;	/* owned */
	struct probe_ring ring;
};

/* Called by the shared consumer for every record of this ring. Never
 * stops the consumer: a bad record is counted and the next one read. */
static int exec_record(void *ctx, void *data, size_t len)
{
	struct exec_probe *p = ctx;
	struct tt_event ev;

	if (probe_ring_decode(&p->ring, data, len, &ev) == 0)
		probe_ring_store(&p->ring, &ev);
	return 0;
}

/* Why the tracepoints cannot be used, or 0. */
static int exec_check_tracefs(char *why, size_t len)
{
	size_t i;
	int err;

	err = bpf_support_tracefs(why, len);
	if (err)
		return err;
	for (i = 0; i < sizeof(exec_tracepoints) / sizeof(exec_tracepoints[0]); i++) {
		if (!bpf_support_tracepoint_exists("syscalls", exec_tracepoints[i])) {
			bpf_support_tracepoint_why("syscalls", exec_tracepoints[i], why, len);
			return -ENOENT;
		}
	}
	return 0;
}

static unsigned exec_args_cap(const struct probe_env *env)
{
	unsigned cap = env->opt->args_cap ? env->opt->args_cap : EXEC_ARGS_DEFAULT;

	if (cap > EXEC_ARGS_MAX) {
		diag_printf(env->diag, MSG_INFO, "exec: argv cap %u lowered to %u bytes",
			      cap, EXEC_ARGS_MAX);
		cap = EXEC_ARGS_MAX;
	}
	return cap;
}

/* With the hub, the exit tracepoints stay out of the kernel and the hub
 * tail-calls exec_hub_exit instead. */
static void exec_use_hub(struct exec_probe *p, bool on)
{
	bpf_program__set_autoload(p->skel->progs.exec_exit_execve, !on);
	bpf_program__set_autoload(p->skel->progs.exec_exit_execveat, !on);
	bpf_program__set_autoload(p->skel->progs.exec_hub_exit, on);
	bpf_program__set_autoattach(p->skel->progs.exec_hub_exit, false);
}

static int exec_route(struct exec_probe *p)
{
	size_t i;
	int err;

	for (i = 0; i < sizeof(exec_nrs) / sizeof(exec_nrs[0]); i++) {
		err = probe_ring_route(&p->ring, exec_nrs[i], p->skel->progs.exec_hub_exit);
		if (err)
			return err;
	}
	return 0;
}

/* open -> knobs -> ring size -> load -> attach -> register the ring. */
static int exec_load(struct exec_probe *p, const struct probe_env *env,
		     unsigned cap, bool procs, char *why, size_t len)
{
	const char *step = "open";
	char ebuf[64];
	uint64_t wakeup;
	int err;

	p->skel = exec_bpf__open();
	if (!p->skel) {
		err = -errno;
		goto fail;
	}
	BPF_SUPPORT_SET_FILTERS(p->skel->rodata, env);
	p->skel->rodata->args_cap = cap;
	exec_use_hub(p, p->ring.hub != NULL);
	bpf_program__set_autoload(p->skel->progs.proc_fork, procs);
	bpf_program__set_autoload(p->skel->progs.proc_exit, procs);
	BPF_SUPPORT_SET_FAILED(p->skel->bss, env->opt->failed_only);
	step = "ring size";
	err = probe_ring_size(p->skel->maps.events, env, &wakeup);
	if (err)
		goto fail;
	p->skel->rodata->wakeup_bytes = wakeup;
	step = "load";
	err = exec_bpf__load(p->skel);
	if (!err) {
		step = "filters";
		err = bpf_support_filter_maps(p->skel->obj, env->opt);
	}
	if (err)
		goto fail;
	step = "attach";
	err = exec_bpf__attach(p->skel);
	if (err)
		goto fail;
	step = "hub";
	if (p->ring.hub) {
		err = exec_route(p);
		if (err)
			goto fail;
	}
	step = "ring buffer";
	err = bpf_support_ring_add(env, p->skel->maps.events, exec_record, p);
	if (err)
		goto fail;
	return 0;
fail:
	snprintf(why, len, "%s: %s", step, bpf_support_strerror(err, ebuf, sizeof(ebuf)));
	probe_ring_unroute(&p->ring);
	exec_bpf__destroy(p->skel);
	p->skel = NULL;
	return err;
}

static int exec_start(void **state, const struct probe_env *env)
{
	struct tt_source_status *st = model_source(env->model, TT_SRC_EXEC);
	struct exec_probe *p;
	char why[200], proc_why[200] = "";
	unsigned cap;
	int err;

	err = exec_check_tracefs(why, sizeof(why));
	if (err) {
		bpf_support_fail(st, env->diag, "exec: tracepoints unavailable: %s", why);
		return err;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	cap = exec_args_cap(env);
	probe_ring_init(&p->ring, TT_SRC_EXEC, TT_EVENT_EXEC, env);
	p->ring.type2 = TT_EVENT_PROC;
	err = exec_load(p, env, cap, true, why, sizeof(why));
	if (err) {
		/* execs without the process tree's forks and exits */
		snprintf(proc_why, sizeof(proc_why), "%s", why);
		err = exec_load(p, env, cap, false, why, sizeof(why));
	}
	if (err) {
		bpf_support_fail(st, env->diag, "exec: tracepoint %s", why);
		probe_ring_fini(&p->ring);
		free(p);
		return err;
	}
	st->state = TT_STATE_RUNNING;
	snprintf(st->hook, sizeof(st->hook), "tracepoint");
	snprintf(st->note, sizeof(st->note), "argv up to %u bytes%s%s%s", cap,
		 p->ring.hub ? "; exits via the syscalls hub" : "",
		 proc_why[0] ? "; process tree without forks and exits: " : "", proc_why);
	*state = p;
	return 0;
}

static int exec_sample(void *state, struct model *m)
{
	struct exec_probe *p = state;

	return probe_ring_sample(&p->ring, p->skel->maps.stats, m);
}

static void exec_stop(void *state)
{
	struct exec_probe *p = state;

	if (!p)
		return;
	probe_ring_fini(&p->ring);
	exec_bpf__destroy(p->skel);
	free(p);
}

static void exec_set_failed_only(void *state, bool on)
{
	struct exec_probe *p = state;

	/* the mmapped .bss: the next exit program run sees it */
	BPF_SUPPORT_SET_FAILED(p->skel->bss, on);
}

const struct probe_ops probe_exec_ops = {
	.src = TT_SRC_EXEC,
	.start = exec_start,
	.sample = exec_sample,
	.stop = exec_stop,
	.set_failed_only = exec_set_failed_only,
};
