/* The open source: owns the open skeleton (open, openat, openat2 and
 * creat syscall tracepoints), registers its ring buffer with the shared
 * consumer, and turns each record into an event for the model. openat is
 * required; the others are skipped where the kernel has no such syscall
 * (open and creat are x86-only, openat2 came in 5.6), and the note says
 * so. With the syscalls source on, the exits come through its sys_exit
 * hub (probe.h) instead of the exit tracepoints. Loss is never silent:
 * records the kernel could not write and records that fail decoding both
 * end up in the source's lost count. */
#include <errno.h>
#include <stdbool.h>
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
#include "open.skel.h"


/* The open syscalls: tracepoint name, number (-1: none here). */
enum { OPEN_SC_N = 4 };

static const struct {
	const char *name;
	long nr;
} open_syscalls[OPEN_SC_N] = {
	{ "openat", SYS_openat },
#ifdef SYS_open
	{ "open", SYS_open },
#else
	{ "open", -1 },
#endif
#ifdef SYS_creat
	{ "creat", SYS_creat },
#else
	{ "creat", -1 },
#endif
#ifdef SYS_openat2
	{ "openat2", SYS_openat2 },
#else
	{ "openat2", -1 },
#endif
};

struct open_probe {
	struct open_bpf *skel;	/* owned */
	struct probe_ring ring;
};

/* Called by the shared consumer for every record of this ring. Never
 * stops the consumer: a bad record is counted and the next one read. */
static int open_record(void *ctx, void *data, size_t len)
{
	struct open_probe *p = ctx;
	/* room for a full base and a full path, plus separators */
	char abs[OPEN_BASE_MAX + OPEN_PATH_MAX + 2];
	struct tt_event ev;

	if (probe_ring_decode(&p->ring, data, len, &ev))
		return 0;
	event_resolve_path(&ev, abs, sizeof(abs));
	probe_ring_store(&p->ring, &ev);
	return 0;
}

/* Enables the enter/exit pair of one syscall only when both tracepoints
 * exist; returns whether it did. */
static bool open_select(struct bpf_program *enter, struct bpf_program *leave,
			const char *name)
{
	char tp_enter[48], tp_exit[48];
	bool ok;

	snprintf(tp_enter, sizeof(tp_enter), "sys_enter_%s", name);
	snprintf(tp_exit, sizeof(tp_exit), "sys_exit_%s", name);
	ok = bpf_support_tracepoint_exists("syscalls", tp_enter) &&
	     bpf_support_tracepoint_exists("syscalls", tp_exit);
	bpf_program__set_autoload(enter, ok);
	bpf_program__set_autoload(leave, ok);
	return ok;
}

/* Picks the syscalls this kernel has (want[] says which); writes the
 * missing ones to note. -ENOENT when openat itself is missing. */
static int open_select_all(struct open_bpf *skel, bool want[OPEN_SC_N], char *note, size_t len)
{
	struct bpf_program *const enter[OPEN_SC_N] = {
		skel->progs.open_enter_openat, skel->progs.open_enter_open,
		skel->progs.open_enter_creat, skel->progs.open_enter_openat2,
	};
	struct bpf_program *const leave[OPEN_SC_N] = {
		skel->progs.open_exit_openat, skel->progs.open_exit_open,
		skel->progs.open_exit_creat, skel->progs.open_exit_openat2,
	};
	size_t pos = 0;
	int i;

	note[0] = '\0';
	for (i = 0; i < OPEN_SC_N; i++) {
		want[i] = open_select(enter[i], leave[i], open_syscalls[i].name);
		if (!want[i] && i == 0)
			return -ENOENT;
		if (!want[i] && pos < len)
			pos += (size_t)snprintf(note + pos, len - pos, " %s", open_syscalls[i].name);
	}
	return 0;
}

/* With the hub, the exit tracepoints stay out of the kernel and the hub
 * tail-calls open_hub_exit instead. */
static void open_use_hub(struct open_probe *p, bool on)
{
	struct bpf_program *prog;

	bpf_object__for_each_program(prog, p->skel->obj) {
		const char *sec = bpf_program__section_name(prog);

		if (on && strncmp(sec, "tracepoint/syscalls/sys_exit_", 29) == 0)
			bpf_program__set_autoload(prog, false);
	}
	bpf_program__set_autoload(p->skel->progs.open_hub_exit, on);
	bpf_program__set_autoattach(p->skel->progs.open_hub_exit, false);
}

static int open_route(struct open_probe *p, const bool want[OPEN_SC_N])
{
	int i, err;

	for (i = 0; i < OPEN_SC_N; i++) {
		if (!want[i] || open_syscalls[i].nr < 0)
			continue;
		err = probe_ring_route(&p->ring, (unsigned)open_syscalls[i].nr,
				       p->skel->progs.open_hub_exit);
		if (err)
			return err;
	}
	return 0;
}

/* open -> knobs -> hooks -> ring size -> load -> attach -> register. */
static int open_load(struct open_probe *p, const struct probe_env *env,
		     char *missing, size_t mlen, char *why, size_t len)
{
	const char *step = "open";
	bool want[OPEN_SC_N];
	char ebuf[64];
	uint64_t wakeup;
	int err;

	p->skel = open_bpf__open();
	if (!p->skel) {
		err = -errno;
		goto fail;
	}
	BPF_SUPPORT_SET_FILTERS(p->skel->rodata, env);
	err = open_select_all(p->skel, want, missing, mlen);
	if (err) {
		bpf_support_tracepoint_why("syscalls", "sys_enter_openat", why, len);
		goto out;
	}
	open_use_hub(p, p->ring.hub != NULL);
	BPF_SUPPORT_SET_FAILED(p->skel->bss, env->opt->failed_only);
	step = "ring size";
	err = probe_ring_size(p->skel->maps.events, env, &wakeup);
	if (err)
		goto fail;
	p->skel->rodata->wakeup_bytes = wakeup;
	step = "load";
	err = open_bpf__load(p->skel);
	if (err)
		goto fail;
	step = "attach";
	err = open_bpf__attach(p->skel);
	if (err)
		goto fail;
	step = "hub";
	if (p->ring.hub) {
		err = open_route(p, want);
		if (err)
			goto fail;
	}
	step = "ring buffer";
	err = bpf_support_ring_add(env, p->skel->maps.events, open_record, p);
	if (err)
		goto fail;
	return 0;
fail:
	snprintf(why, len, "%s: %s", step, bpf_support_strerror(err, ebuf, sizeof(ebuf)));
out:
	probe_ring_unroute(&p->ring);
	open_bpf__destroy(p->skel);
	p->skel = NULL;
	return err;
}

static int open_start(void **state, const struct probe_env *env)
{
	struct tt_source_status *st = model_source(env->model, TT_SRC_OPEN);
	char why[200], missing[64];
	struct open_probe *p;
	int err;

	err = bpf_support_tracefs(why, sizeof(why));
	if (err) {
		bpf_support_fail(st, env->diag, "open: tracepoints unavailable: %s", why);
		return err;
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	probe_ring_init(&p->ring, TT_SRC_OPEN, TT_EVENT_OPEN, env);
	err = open_load(p, env, missing, sizeof(missing), why, sizeof(why));
	if (err) {
		bpf_support_fail(st, env->diag, "open: tracepoint %s", why);
		probe_ring_fini(&p->ring);
		free(p);
		return err;
	}
	st->state = TT_STATE_RUNNING;
	snprintf(st->hook, sizeof(st->hook), "tracepoint");
	if (missing[0])
		snprintf(st->note, sizeof(st->note), "%sno such syscall here:%s",
			 p->ring.hub ? "exits via the syscalls hub; " : "", missing);
	else if (p->ring.hub)
		snprintf(st->note, sizeof(st->note), "exits via the syscalls hub");
	*state = p;
	return 0;
}

static int open_sample(void *state, struct model *m)
{
	struct open_probe *p = state;

	return probe_ring_sample(&p->ring, p->skel->maps.stats, m);
}

static void open_stop(void *state)
{
	struct open_probe *p = state;

	if (!p)
		return;
	probe_ring_fini(&p->ring);
	open_bpf__destroy(p->skel);
	free(p);
}

static void open_set_failed_only(void *state, bool on)
{
	struct open_probe *p = state;

	/* the mmapped .bss: the next exit program run sees it */
	BPF_SUPPORT_SET_FAILED(p->skel->bss, on);
}

const struct probe_ops probe_open_ops = {
	.src = TT_SRC_OPEN,
	.start = open_start,
	.sample = open_sample,
	.stop = open_stop,
	.set_failed_only = open_set_failed_only,
};
