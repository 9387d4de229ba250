/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The open source: owns the open skeleton (open, openat, openat2 and
 * creat syscall tracepoints, and the exits of the path calls: stat,
 * access, unlink... see path_calls.h), registers its ring buffer with the
 * shared consumer, and turns each record into an event for the model.
 * openat is required; the others are skipped where the kernel has no
 * such syscall (open and creat are x86-only, openat2 came in 5.6), and
 * the note says so. With the syscalls source on, the exits come through
 * its sys_exit hub (probe.h) instead of the exit tracepoints. Path calls
 * are optional: when their program cannot load, opens go on without them
 * and the note says why. Loss is never silent: records the kernel could
 * not write and records that fail decoding both end up in the source's
 * lost count. */
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
#include "path_calls.h"
#include "syscall_names.h"
#include "syscalls.h"


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

/* Path calls hooked at most: the list's length. */
#define PATH_LINKS_MAX 48

struct open_probe {
	struct open_bpf *skel;	/* owned */
	struct probe_ring ring;
	struct bpf_link *path_links[PATH_LINKS_MAX];	/* owned; without the hub */
	unsigned n_path_links;
	unsigned path_ids[PATH_LINKS_MAX];	/* syscall ids of the path calls hooked */
	unsigned path_idx[PATH_LINKS_MAX];	/* ... and their index in path_calls[] */
	unsigned n_paths;
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

#define TP_NAME_MAX 48

/* "sys_exit_<name>", the exit tracepoint of a syscall, in buf. */
static const char *exit_tp(const char *name, char buf[TP_NAME_MAX])
{
	snprintf(buf, TP_NAME_MAX, "sys_exit_%s", name);
	return buf;
}

/* Enables the enter/exit pair of one syscall only when both tracepoints
 * exist; returns whether it did. */
static bool open_select(struct bpf_program *enter, struct bpf_program *leave,
			const char *name)
{
	char tp_enter[TP_NAME_MAX], tp_exit[TP_NAME_MAX];
	bool ok;

	snprintf(tp_enter, sizeof(tp_enter), "sys_enter_%s", name);
	ok = bpf_support_tracepoint_exists("syscalls", tp_enter) &&
	     bpf_support_tracepoint_exists("syscalls", exit_tp(name, tp_exit));
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

/* Before load: the path calls this kernel has go in the program's table
 * (and p->path_ids); none when they are off. */
static void path_select(struct open_probe *p, enum path_calls_mode mode)
{
	char tp[TP_NAME_MAX];

	p->n_paths = 0;
	for (unsigned i = 0; mode != PATH_CALLS_OFF && i < path_calls_n; i++) {
		const struct path_call *c = &path_calls[i];
		int id = syscall_id(c->name);

		if (id < 0 || id >= SYSCALL_ID_MAX || p->n_paths >= PATH_LINKS_MAX)
			continue;
		if (!bpf_support_tracepoint_exists("syscalls", exit_tp(c->tracepoint, tp)))
			continue;
		p->skel->rodata->path_calls[id] = (uint16_t)((i + 1) |
			(c->path_arg == 2 ? PATH_HOW_ARG2 : 0) | (c->dirfd ? PATH_HOW_DIRFD : 0));
		p->path_idx[p->n_paths] = i;
		p->path_ids[p->n_paths++] = (unsigned)id;
	}
	p->skel->rodata->path_all = mode == PATH_CALLS_ALL;
	bpf_program__set_autoload(p->skel->progs.path_exit_tp, p->n_paths && !p->ring.hub);
	bpf_program__set_autoattach(p->skel->progs.path_exit_tp, false);
	bpf_program__set_autoload(p->skel->progs.path_hub_exit, p->n_paths && p->ring.hub);
	bpf_program__set_autoattach(p->skel->progs.path_hub_exit, false);
}

/* After load: one program on every path call's exit tracepoint, or the
 * hub's routes to its twin. */
static int path_attach(struct open_probe *p)
{
	char tp[TP_NAME_MAX];
	int err;

	for (unsigned k = 0; k < p->n_paths; k++) {
		struct bpf_link *l;

		if (p->ring.hub) {
			err = probe_ring_route(&p->ring, p->path_ids[k], p->skel->progs.path_hub_exit);
			if (err)
				return err;
			continue;
		}
		l = bpf_program__attach_tracepoint(p->skel->progs.path_exit_tp, "syscalls",
						   exit_tp(path_calls[p->path_idx[k]].tracepoint, tp));
		if (!l)
			return -errno;
		p->path_links[p->n_path_links++] = l;
	}
	return 0;
}

static void path_detach(struct open_probe *p)
{
	while (p->n_path_links)
		bpf_link__destroy(p->path_links[--p->n_path_links]);
}

/* open -> knobs -> hooks -> ring size -> load -> attach -> register. */
static int open_load(struct open_probe *p, const struct probe_env *env, enum path_calls_mode paths,
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
	path_select(p, paths);
	BPF_SUPPORT_SET_FAILED(p->skel->bss, env->opt->failed_only);
	step = "ring size";
	err = probe_ring_size(p->skel->maps.events, env, &wakeup);
	if (err)
		goto fail;
	p->skel->rodata->wakeup_bytes = wakeup;
	step = "load";
	err = open_bpf__load(p->skel);
	if (!err) {
		step = "filters";
		err = bpf_support_filter_maps(p->skel->obj, env->opt);
	}
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
	step = "path calls";
	err = path_attach(p);
	if (err)
		goto fail;
	step = "ring buffer";
	err = bpf_support_ring_add(env, p->skel->maps.events, open_record, p);
	if (err)
		goto fail;
	return 0;
fail:
	snprintf(why, len, "%s: %s", step, bpf_support_strerror(err, ebuf, sizeof(ebuf)));
out:
	path_detach(p);
	probe_ring_unroute(&p->ring);
	open_bpf__destroy(p->skel);
	p->skel = NULL;
	return err;
}

static int open_start(void **state, const struct probe_env *env)
{
	struct tt_source_status *st = model_source(env->model, TT_SRC_OPEN);
	char why[200], missing[64], path_why[200] = "";
	enum path_calls_mode paths = env->opt->path_calls;
	struct open_probe *p;
	size_t n;
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
	p->ring.type2 = TT_EVENT_PATH;
	err = open_load(p, env, paths, missing, sizeof(missing), why, sizeof(why));
	if (err && paths != PATH_CALLS_OFF) {
		/* opens without the path calls, and the reason kept */
		snprintf(path_why, sizeof(path_why), "%s", why);
		err = open_load(p, env, PATH_CALLS_OFF, missing, sizeof(missing), why, sizeof(why));
	}
	if (err) {
		bpf_support_fail(st, env->diag, "open: tracepoint %s", why);
		probe_ring_fini(&p->ring);
		free(p);
		return err;
	}
	st->state = TT_STATE_RUNNING;
	snprintf(st->hook, sizeof(st->hook), "tracepoint");
	n = (size_t)snprintf(st->note, sizeof(st->note), "%s",
			     p->ring.hub ? "exits via the syscalls hub" : "");
	if (missing[0] && n < sizeof(st->note))
		n += (size_t)snprintf(st->note + n, sizeof(st->note) - n, "%sno such syscall here:%s",
				      n ? "; " : "", missing);
	if (path_why[0] && n < sizeof(st->note))
		snprintf(st->note + n, sizeof(st->note) - n, "%spath calls off: %s",
			 n ? "; " : "", path_why);
	else if (p->n_paths && n < sizeof(st->note))
		snprintf(st->note + n, sizeof(st->note) - n, "%spath calls: %u syscalls, %s",
			 n ? "; " : "", p->n_paths,
			 paths == PATH_CALLS_ALL ? "every call" : "failures only");
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
	path_detach(p);
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
