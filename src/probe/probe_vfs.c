/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The VFS rates source: owns the vfs skeleton, picks at run time which of
 * its program families this kernel can run, and hands the summed per-CPU
 * counters to the model.
 *
 * Families, best first: fentry on the vfs_* functions, kprobes on the
 * same functions, and the syscall tracepoints (which count system calls,
 * so the model is told the rates are approximate). Each attempt opens a
 * fresh skeleton, autoloads only its own family, loads and attaches; a
 * failed attempt is destroyed whole before the next one, so nothing of
 * it stays in the kernel. --vfs-hook forces one family: if that fails,
 * the source fails with the reason instead of falling back.
 *
 * With the syscalls source on, the syscall family is counted by its
 * sys_exit hub (probe.h) from the syscall id, instead of by some 17
 * tracepoint programs of this object. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "bpf_support.h"
#include "probe.h"
#include "vfs.skel.h"

#define VFS_LINKS_MAX 32

enum vfs_family {
	FAM_FENTRY = 0,
	FAM_KPROBE,
	FAM_TRACEPOINT,
	FAM_MAX,
};

static const struct {
	const char *hook;	/* status hook name */
	const char *prefix;	/* section prefix of the family's programs */
} families[FAM_MAX] = {
	[FAM_FENTRY] = { "fentry", "fentry/" },
	[FAM_KPROBE] = { "kprobe", "kprobe/" },
	[FAM_TRACEPOINT] = { "tracepoint", "tracepoint/syscalls/" },
};

/* Without these a family would not measure what the pane shows
 * (vfs_create only where it stands in for CREATE_TARGET, below). The
 * others (vfs_readv, sys_enter_creat, ...) are counted when the kernel
 * has them and skipped otherwise. */
static const char *const required_targets[] = {
	"vfs_read", "vfs_write", "vfs_open", "vfs_create", "vfs_fsync_range",
	"sys_enter_read", "sys_enter_write", "sys_enter_openat", "sys_enter_fsync",
};

/* Creates are counted at security_inode_create, which sees creates by
 * open(O_CREAT) as well as by vfs_create; vfs_create is the stand-in
 * when the kernel has no such function. See vfs.bpf.c. */
#define CREATE_TARGET "security_inode_create"
#define CREATE_STANDIN "vfs_create"

struct vfs_probe {
	struct vfs_bpf *skel;			/* owned */
	struct syscall_hub *hub;		/* a reference, or NULL */
	int counts_fd;				/* skel's or the hub's counts */
	struct bpf_link *links[VFS_LINKS_MAX];	/* owned */
	unsigned n_links;
	bool approximate;			/* counting syscalls, not VFS calls */
	struct diag *diag;			/* borrowed */
};

static bool is_required(const char *target)
{
	size_t i;

	for (i = 0; i < sizeof(required_targets) / sizeof(required_targets[0]); i++)
		if (strcmp(target, required_targets[i]) == 0)
			return true;
	return false;
}

/* The function or tracepoint a program hooks: its section name after the
 * family prefix, or NULL when the program belongs to another family. */
static const char *prog_target(const struct bpf_program *prog, enum vfs_family fam)
{
	const char *sec = bpf_program__section_name(prog);
	size_t n = strlen(families[fam].prefix);

	if (!sec || strncmp(sec, families[fam].prefix, n) != 0)
		return NULL;
	return sec + n;
}

/* Whether this kernel has the hook target. fentry needs the function in
 * BTF; a kprobe needs it not inlined, which BTF also tells (only real
 * functions are listed). Without BTF a kprobe is simply tried. */
static bool target_exists(enum vfs_family fam, const char *target, const struct btf *btf)
{
	if (fam == FAM_TRACEPOINT)
		return bpf_support_tracepoint_exists("syscalls", target);
	if (!btf)
		return fam == FAM_KPROBE;
	return btf__find_by_name_kind(btf, target, BTF_KIND_FUNC) >= 0;
}

/* libbpf attaches kprobes through the perf kprobe PMU (Linux 4.17+) or,
 * failing that, tracefs kprobe_events. With neither (CONFIG_KPROBES off)
 * every attach would fail with a misleading "not found". */
static bool kprobes_supported(void)
{
	return access("/sys/bus/event_source/devices/kprobe/type", F_OK) == 0 ||
	       access("/sys/kernel/tracing/kprobe_events", F_OK) == 0 ||
	       access("/sys/kernel/debug/tracing/kprobe_events", F_OK) == 0;
}

static void vfs_release(struct vfs_probe *p)
{
	while (p->n_links)
		bpf_link__destroy(p->links[--p->n_links]);
	vfs_bpf__destroy(p->skel);
	p->skel = NULL;
	if (p->hub) {
		syscall_hub_vfs(p->hub, false);
		syscall_hub_put(p->hub);
		p->hub = NULL;
	}
}

/* Autoloads the family's programs whose target exists, and nothing else. */
static int select_programs(struct vfs_probe *p, enum vfs_family fam,
			   const struct btf *btf, char *why, size_t len)
{
	struct bpf_program *prog;
	unsigned n = 0;

	bpf_object__for_each_program(prog, p->skel->obj) {
		const char *target = prog_target(prog, fam);
		bool use = target && target_exists(fam, target, btf);

		if (target && strcmp(target, CREATE_STANDIN) == 0 &&
		    target_exists(fam, CREATE_TARGET, btf)) {
			bpf_program__set_autoload(prog, false);
			continue;
		}
		if (target && !use && is_required(target)) {
			snprintf(why, len, "%s is not in this kernel", target);
			return -ENOENT;
		}
		if (target && !use)
			diag_printf(p->diag, MSG_DEBUG, "vfs: %s: %s is not in this kernel, "
				      "not counted", families[fam].hook, target);
		bpf_program__set_autoload(prog, use);
		n += use;
	}
	if (!n) {
		snprintf(why, len, "no hook target found");
		return -ENOENT;
	}
	return 0;
}

/* Attaches the loaded programs one by one so that an optional target the
 * kernel refuses is skipped rather than failing the family. */
static int attach_programs(struct vfs_probe *p, enum vfs_family fam, char *why, size_t len)
{
	struct bpf_program *prog;
	char ebuf[64];

	bpf_object__for_each_program(prog, p->skel->obj) {
		const char *target = prog_target(prog, fam);
		struct bpf_link *link;
		int err;

		if (!target || !bpf_program__autoload(prog))
			continue;
		if (p->n_links == VFS_LINKS_MAX)
			return -E2BIG;
		link = bpf_program__attach(prog);
		if (link) {
			p->links[p->n_links++] = link;
			continue;
		}
		err = -errno;
		bpf_support_strerror(err, ebuf, sizeof(ebuf));
		if (is_required(target)) {
			snprintf(why, len, "attach %s: %s", target, ebuf);
			return err;
		}
		diag_printf(p->diag, MSG_INFO, "vfs: %s: %s skipped: %s",
			      families[fam].hook, target, ebuf);
	}
	return 0;
}

/* One attempt: fresh skeleton, one family, load, attach. On failure
 * everything is torn down and why says what went wrong. */
static int try_family(struct vfs_probe *p, enum vfs_family fam, const struct btf *btf,
		      const struct probe_env *env, char *why, size_t len)
{
	char ebuf[64];
	int err;

	if (fam == FAM_TRACEPOINT) {
		p->hub = syscall_hub_get(env);
		if (p->hub) {
			p->counts_fd = syscall_hub_vfs(p->hub, true);
			return 0;
		}
		err = bpf_support_tracefs(why, len);
		if (err)
			return err;
	}
	if (fam == FAM_KPROBE && !kprobes_supported()) {
		snprintf(why, len, "this kernel has no kprobes (no kprobe PMU, "
			 "no kprobe_events: CONFIG_KPROBES off?)");
		return -EOPNOTSUPP;
	}
	if (fam == FAM_FENTRY && !btf) {
		snprintf(why, len, "no kernel BTF (/sys/kernel/btf/vmlinux)");
		return -ENOENT;
	}
	p->skel = vfs_bpf__open();
	if (!p->skel) {
		err = -errno;
		snprintf(why, len, "open: %s", bpf_support_strerror(err, ebuf, sizeof(ebuf)));
		return err;
	}
	BPF_SUPPORT_SET_FILTERS(p->skel->rodata, env);
	err = select_programs(p, fam, btf, why, len);
	if (!err) {
		err = vfs_bpf__load(p->skel);
		if (!err)
			err = bpf_support_filter_maps(p->skel->obj, env->opt);
		if (err)
			snprintf(why, len, "load: %s", bpf_support_strerror(err, ebuf, sizeof(ebuf)));
	}
	if (!err)
		err = attach_programs(p, fam, why, len);
	if (err)
		vfs_release(p);
	else
		p->counts_fd = bpf_map__fd(p->skel->maps.counts);
	return err;
}

static void vfs_running(struct vfs_probe *p, struct tt_source_status *st,
			enum vfs_family fam, const char *skipped)
{
	st->state = TT_STATE_RUNNING;
	snprintf(st->hook, sizeof(st->hook), "%s", families[fam].hook);
	p->approximate = fam == FAM_TRACEPOINT;
	if (p->hub)
		snprintf(st->note, sizeof(st->note), "syscalls, counted by the syscalls "
			 "hub at sys_exit (approximate)");
	else if (p->approximate)
		snprintf(st->note, sizeof(st->note), "syscall tracepoints (approximate)");
	else
		snprintf(st->note, sizeof(st->note), "%s", skipped);
	if (*skipped)
		diag_printf(p->diag, MSG_INFO, "vfs: using %s hooks; %s",
			      families[fam].hook, skipped);
}

static int vfs_start(void **state, const struct probe_env *env)
{
	struct tt_source_status *st = model_source(env->model, TT_SRC_VFS);
	enum vfs_family first = FAM_FENTRY, last = FAM_TRACEPOINT, fam;
	char tried[sizeof(st->error)] = "", why[160];
	struct vfs_probe *p;
	struct btf *btf;
	int err = -ENOENT;

	if (env->opt->vfs_hook != VFS_HOOK_AUTO) {
		first = last = (enum vfs_family)(env->opt->vfs_hook - VFS_HOOK_FENTRY);
		if (first >= FAM_MAX) {
			bpf_support_fail(st, env->diag, "vfs: unknown --vfs-hook value");
			return -EINVAL;
		}
	}
	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->diag = env->diag;
	btf = btf__load_vmlinux_btf();	/* NULL without kernel BTF */
	for (fam = first; fam <= last; fam++) {
		why[0] = '\0';
		err = try_family(p, fam, btf, env, why, sizeof(why));
		if (!err)
			break;
		bpf_support_hook_failed(env->diag, "vfs", families[fam].hook, why, tried, sizeof(tried));
	}
	btf__free(btf);
	if (err) {
		if (first == last)
			bpf_support_fail(st, env->diag, "vfs: --vfs-hook=%s failed: %s",
					 families[first].hook, tried);
		else
			bpf_support_fail(st, env->diag, "vfs: no hook could be attached "
					 "(%s)", tried);
		free(p);
		return err;
	}
	vfs_running(p, st, fam, tried);
	*state = p;
	return 0;
}

static int vfs_sample(void *state, struct model *m)
{
	struct vfs_probe *p = state;
	uint64_t totals[VFS_OP_MAX];
	int fd = p->counts_fd;
	uint32_t op;
	int err;

	for (op = 0; op < VFS_OP_MAX; op++) {
		err = bpf_support_percpu_sum(fd, op, &totals[op], 1);
		if (err)
			return err;
	}
	model_vfs_set(m, totals, p->approximate);
	return 0;
}

static void vfs_stop(void *state)
{
	struct vfs_probe *p = state;

	if (!p)
		return;
	vfs_release(p);
	free(p);
}

const struct probe_ops probe_vfs_ops = {
	.src = TT_SRC_VFS,
	.start = vfs_start,
	.sample = vfs_sample,
	.stop = vfs_stop,
};
