/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The syscall counts source: owns the syscalls skeleton, picks the best
 * sys_exit hook at run time (tp_btf, raw_tp, then the raw_syscalls
 * tracepoint), and hands cumulative per-syscall counters to the model;
 * syscall_procs.c reads the per-process maps. Its tp_btf program is also
 * the sys_exit hub of the exec, open and vfs sources (probe.h):
 * whichever probe asks first loads it.
 *
 * Maps are read with one batched lookup each; kernels without batch
 * operations on these map types (before 5.6) are read key by key. The
 * buffers are sized once at start, so a tick allocates nothing. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "bpf_support.h"
#include "clock.h"
#include "probe.h"
#include "syscall_class.h"
#include "syscall_procs.h"
#include "syscalls.skel.h"

enum sc_family {
	FAM_TP_BTF = 0,
	FAM_RAW_TP,
	FAM_TRACEPOINT,
	FAM_MAX,
};

static const char *const family_hook[FAM_MAX] = {
	[FAM_TP_BTF] = "tp_btf",
	[FAM_RAW_TP] = "raw_tp",
	[FAM_TRACEPOINT] = "tracepoint",
};

struct syscall_probe {
	struct syscalls_bpf *skel;	/* owned, or the hub's */
	struct syscall_hub *hub;	/* a reference, or NULL */
	struct diag *diag;		/* borrowed */
	unsigned ncpu;			/* possible CPUs: per-CPU value count */
	bool no_batch;			/* the kernel refused a batch lookup */
	uint32_t *ids;			/* owned: SYSCALL_ID_MAX keys */
	struct syscall_stat *stats;	/* owned: SYSCALL_ID_MAX * ncpu values */
	struct syscall_procs *procs;	/* owned: the per-process maps' reader */
	uint32_t *lat_ids;		/* owned: SYSCALL_ID_MAX keys */
	struct syscall_lat *lats;	/* owned: SYSCALL_ID_MAX * ncpu values */
	uint32_t *err_keys;		/* owned: SYSCALL_ERRNO_MAX keys */
	uint64_t *err_vals;		/* owned: SYSCALL_ERRNO_MAX * ncpu values */
};

/* The kernel refused the sys_enter program (task storage is 5.11): the
 * hub loads again without it, and syscalls go untimed. */
static bool lat_refused;

/* The family's sys_exit program and its process hooks, nothing else;
 * with the tp_btf family and the syscalls source on, its sys_enter
 * program, loaded but attached only while timing is on (--latency, key
 * L: enter_attach). */
static void select_family(struct syscalls_bpf *skel, enum sc_family fam,
			  const struct probe_env *env)
{
	bool timed = fam == FAM_TP_BTF && !lat_refused &&
		     (env->opt->sources & (1u << TT_SRC_SYSCALL));

	bpf_program__set_autoload(skel->progs.btf_sys_enter, timed);
	bpf_program__set_autoattach(skel->progs.btf_sys_enter, false);
	bpf_program__set_autoload(skel->progs.btf_sys_exit, fam == FAM_TP_BTF);
	bpf_program__set_autoload(skel->progs.btf_proc_exec, fam == FAM_TP_BTF);
	bpf_program__set_autoload(skel->progs.btf_proc_exit, fam == FAM_TP_BTF);
	bpf_program__set_autoload(skel->progs.raw_sys_exit, fam == FAM_RAW_TP);
	bpf_program__set_autoload(skel->progs.raw_proc_exec, fam == FAM_RAW_TP);
	bpf_program__set_autoload(skel->progs.raw_proc_exit, fam == FAM_RAW_TP);
	bpf_program__set_autoload(skel->progs.tp_sys_exit, fam == FAM_TRACEPOINT);
	bpf_program__set_autoload(skel->progs.tp_proc_exec, fam == FAM_TRACEPOINT);
	bpf_program__set_autoload(skel->progs.tp_proc_exit, fam == FAM_TRACEPOINT);
}

/* The knobs every load of the object needs: the filters, and the
 * possible CPUs, whose runs the exit hook looks at. */
/* Per-process maps allocated as used (BPF_F_NO_PREALLOC) need the
 * kernel's BPF memory allocator (Linux 6.1) to be safe in tracing
 * programs: before, the verifier warns (a kernel WARN, fatal with
 * panic_on_warn) or refuses. There they are preallocated, smaller. */
#define OLD_PROC_MAX 16384
#define OLD_INFO_MAX 8192

static bool kernel_allocates_as_used(void)
{
	struct utsname u;
	int major = 0, minor = 0;

	if (uname(&u) || sscanf(u.release, "%d.%d", &major, &minor) != 2)
		return false;
	return major > 6 || (major == 6 && minor >= 1);
}

static void set_rodata(struct syscalls_bpf *skel, const struct probe_env *env)
{
	int ncpu = libbpf_num_possible_cpus();

	BPF_SUPPORT_SET_FILTERS(skel->rodata, env);
	skel->rodata->nr_cpus = ncpu > 0 ? (uint32_t)ncpu : 1;
	if (!kernel_allocates_as_used()) {
		bpf_map__set_map_flags(skel->maps.procs, 0);
		bpf_map__set_max_entries(skel->maps.procs, OLD_PROC_MAX);
		bpf_map__set_map_flags(skel->maps.proc_info, 0);
		bpf_map__set_max_entries(skel->maps.proc_info, OLD_INFO_MAX);
	}
}

/* One attempt: fresh skeleton, one program, load, attach; torn down on
 * failure with why saying which step failed. */
static int try_family(struct syscall_probe *p, enum sc_family fam,
		      const struct probe_env *env, char *why, size_t len)
{
	const char *step = "open";
	char ebuf[64];
	int err;

	if (fam == FAM_TRACEPOINT) {
		err = bpf_support_tracefs(why, len);
		if (err)
			return err;
	}
	p->skel = syscalls_bpf__open();
	if (!p->skel) {
		err = -errno;
		goto fail;
	}
	set_rodata(p->skel, env);
	select_family(p->skel, fam, env);
	step = "load";
	err = syscalls_bpf__load(p->skel);
	if (!err) {
		step = "filters";
		err = bpf_support_filter_maps(p->skel->obj, env->opt);
	}
	if (err)
		goto fail;
	step = "attach";
	err = syscalls_bpf__attach(p->skel);
	if (err)
		goto fail;
	return 0;
fail:
	snprintf(why, len, "%s: %s", step, bpf_support_strerror(err, ebuf, sizeof(ebuf)));
	syscalls_bpf__destroy(p->skel);
	p->skel = NULL;
	return err;
}

/*
 * The hub. There is one per process, shared by probes that otherwise
 * know nothing of each other, and the probes start in a fixed order
 * (exec, open and vfs before syscalls): hence this one piece of state,
 * loaded by whichever probe asks first.
 */
struct syscall_hub {
	struct syscalls_bpf *skel;	/* owned */
	unsigned refs;
	bool failed;			/* tried once and could not load */
	bool lat_start;			/* --latency: timing on from the start */
};

static struct syscall_hub hub;

/* Opens, loads and attaches the hub's object once. */
static int hub_try(const struct probe_env *env)
{
	const struct syscall_vfs *ids;
	size_t i, n;
	int err;

	hub.skel = syscalls_bpf__open();
	if (!hub.skel)
		return -errno;
	set_rodata(hub.skel, env);
	ids = syscall_vfs_ids(&n);
	for (i = 0; i < n; i++)
		if (ids[i].nr < SYSCALL_ID_MAX)
			hub.skel->rodata->hub_vfs_op[ids[i].nr] = ids[i].how;
	select_family(hub.skel, FAM_TP_BTF, env);
	err = syscalls_bpf__load(hub.skel);
	if (!err)
		err = bpf_support_filter_maps(hub.skel->obj, env->opt);
	if (!err)
		err = syscalls_bpf__attach(hub.skel);
	if (err) {
		syscalls_bpf__destroy(hub.skel);
		hub.skel = NULL;
	}
	return err;
}

static int hub_load(const struct probe_env *env)
{
	char ebuf[64];
	int err = hub_try(env);

	hub.lat_start = env->opt->latency;

	/* again without the sys_enter program, if it was the one refused */
	if (err && !lat_refused) {
		lat_refused = true;
		if (!hub_try(env)) {
			diag_printf(env->diag, MSG_INFO, "syscalls: system calls are not timed: "
				      "the sys_enter program was refused (%s)",
				      bpf_support_strerror(err, ebuf, sizeof(ebuf)));
			return 0;
		}
	}
	if (err) {
		diag_printf(env->diag, MSG_INFO, "syscalls: no sys_exit hub, each source "
			      "uses its own exit hooks: %s",
			      bpf_support_strerror(err, ebuf, sizeof(ebuf)));
	}
	return err;
}

struct syscall_hub *syscall_hub_get(const struct probe_env *env)
{
	enum syscalls_hook forced = env->opt->syscalls_hook;

	/* the hub is the tp_btf variant: no hub when another is forced */
	if (!(env->opt->sources & (1u << TT_SRC_SYSCALL)) || hub.failed ||
	    (forced != SYSCALLS_HOOK_AUTO && forced != SYSCALLS_HOOK_TP_BTF))
		return NULL;
	if (!hub.refs && hub_load(env)) {
		hub.failed = true;
		return NULL;
	}
	hub.refs++;
	return &hub;
}

void syscall_hub_put(struct syscall_hub *h)
{
	if (!h || !h->refs || --h->refs)
		return;
	syscalls_bpf__destroy(h->skel);
	h->skel = NULL;
}

int syscall_hub_route(struct syscall_hub *h, unsigned nr, const struct bpf_program *prog)
{
	int map = bpf_map__fd(h->skel->maps.exit_calls), fd;

	if (nr >= SYSCALL_ID_MAX)
		return -ERANGE;
	if (!prog)
		return bpf_map_delete_elem(map, &nr) ? -errno : 0;
	fd = bpf_program__fd(prog);
	if (fd < 0)
		return fd;
	return bpf_map_update_elem(map, &nr, &fd, BPF_ANY) ? -errno : 0;
}

/*
 * Timing on or off: the enter program attached, or not at all. Turned on,
 * it is attached before the hub adds up latencies, and stamps older than
 * the moment are ignored; turned off, the hub stops first. Attaching a
 * loaded program needed no capability on 6.18 (ui-latency.test), so the
 * key works after tracetop dropped its own; a kernel that refuses gets
 * the failure said (start with --latency there).
 */
static void enter_attach(struct syscalls_bpf *skel, bool on, struct diag *diag)
{
	struct bpf_program *prog = skel->progs.btf_sys_enter;
	char ebuf[64];
	int err;

	if (bpf_program__fd(prog) < 0)
		return;
	if (!on) {
		skel->bss->lat_on = false;
		bpf_link__destroy(skel->links.btf_sys_enter);
		skel->links.btf_sys_enter = NULL;
		return;
	}
	if (!skel->links.btf_sys_enter) {
		skel->links.btf_sys_enter = bpf_program__attach(prog);
		err = libbpf_get_error(skel->links.btf_sys_enter);
		if (err) {
			skel->links.btf_sys_enter = NULL;
			diag_printf(diag, MSG_WARN, "syscalls: timing could not start: %s",
				    bpf_support_strerror(err, ebuf, sizeof(ebuf)));
			return;
		}
	}
	skel->bss->lat_since = clock_mono_ns();
	/* lat_since is in place before the hub sees timing on */
	__atomic_store_n(&skel->bss->lat_on, true, __ATOMIC_RELEASE);
}

void syscall_hub_count(struct diag *diag)
{
	if (!hub.refs || !hub.skel)
		return;
	hub.skel->bss->hub_counting = true;
	/* timed from the same moment, if asked */
	if (hub.lat_start)
		enter_attach(hub.skel, true, diag);
}

int syscall_hub_vfs(struct syscall_hub *h, bool on)
{
	h->skel->bss->hub_count_vfs = on;
	return bpf_map__fd(h->skel->maps.vfs_counts);
}

static void syscall_free(struct syscall_probe *p)
{
	if (p->hub)
		syscall_hub_put(p->hub);
	else
		syscalls_bpf__destroy(p->skel);
	free(p->ids);
	free(p->stats);
	free(p->lat_ids);
	free(p->lats);
	free(p->err_keys);
	free(p->err_vals);
	syscall_procs_free(p->procs);
	free(p);
}

static struct syscall_probe *syscall_alloc(struct diag *diag)
{
	struct syscall_probe *p = calloc(1, sizeof(*p));
	int ncpu = libbpf_num_possible_cpus();

	if (!p || ncpu <= 0) {
		free(p);
		return NULL;
	}
	p->diag = diag;
	p->ncpu = (unsigned)ncpu;
	p->ids = calloc(SYSCALL_ID_MAX, sizeof(*p->ids));
	p->stats = calloc((size_t)SYSCALL_ID_MAX * p->ncpu, sizeof(*p->stats));
	p->procs = syscall_procs_new(diag);
	p->lat_ids = calloc(SYSCALL_ID_MAX, sizeof(*p->lat_ids));
	p->lats = calloc((size_t)SYSCALL_ID_MAX * p->ncpu, sizeof(*p->lats));
	p->err_keys = calloc(SYSCALL_ERRNO_MAX, sizeof(*p->err_keys));
	p->err_vals = calloc((size_t)SYSCALL_ERRNO_MAX * p->ncpu, sizeof(*p->err_vals));
	if (!p->ids || !p->stats || !p->procs || !p->lat_ids || !p->lats || !p->err_keys ||
	    !p->err_vals) {
		syscall_free(p);
		return NULL;
	}
	return p;
}

static int syscall_start(void **state, const struct probe_env *env)
{
	struct tt_source_status *st = model_source(env->model, TT_SRC_SYSCALL);
	char tried[sizeof(st->error)] = "", why[160];
	struct syscall_probe *p;
	enum sc_family fam, first, last;
	int err = -ENOENT;

	p = syscall_alloc(env->diag);
	if (!p) {
		bpf_support_fail(st, env->diag, "syscalls: out of memory");
		return -ENOMEM;
	}
	/* The hub is this source's tp_btf variant, maybe loaded already. */
	p->hub = syscall_hub_get(env);
	if (p->hub) {
		p->skel = p->hub->skel;
		err = 0;
	}
	/* --syscalls-hook: enum syscalls_hook's values past auto follow
	 * the families */
	first = FAM_TP_BTF, last = FAM_TRACEPOINT;
	if (env->opt->syscalls_hook != SYSCALLS_HOOK_AUTO)
		first = last = (enum sc_family)(env->opt->syscalls_hook - SYSCALLS_HOOK_TP_BTF);
	for (fam = first; !p->hub && fam <= last; fam++) {
		err = try_family(p, fam, env, why, sizeof(why));
		if (!err)
			break;
		bpf_support_hook_failed(env->diag, "syscalls", family_hook[fam], why, tried, sizeof(tried));
	}
	if (err) {
		if (first == last)
			bpf_support_fail(st, env->diag, "syscalls: --syscalls-hook=%s failed: %s",
					 family_hook[first], tried);
		else
			bpf_support_fail(st, env->diag, "syscalls: no sys_exit hook could be "
					 "attached (%s)", tried);
		syscall_free(p);
		return err;
	}
	st->state = TT_STATE_RUNNING;
	snprintf(st->hook, sizeof(st->hook), "%s", family_hook[fam]);
	snprintf(st->note, sizeof(st->note), "%s", tried);
	*state = p;
	return 0;
}

/* The per-CPU counts of every id, key by key. */
static int read_ids_each(struct syscall_probe *p, int fd, uint32_t *n)
{
	uint32_t id;

	for (id = 0; id < SYSCALL_ID_MAX; id++) {
		p->ids[id] = id;
		if (bpf_map_lookup_elem(fd, &id, &p->stats[(size_t)id * p->ncpu]))
			return -errno;
	}
	*n = SYSCALL_ID_MAX;
	return 0;
}

static int sample_ids(struct syscall_probe *p, struct model *m)
{
	int fd = bpf_map__fd(p->skel->maps.counts);
	uint32_t n = 0, i, c;
	int err = -EOPNOTSUPP;

	if (!p->no_batch) {
		err = bpf_support_read_batch(fd, p->ids, sizeof(*p->ids), p->stats,
					     sizeof(*p->stats) * p->ncpu, SYSCALL_ID_MAX, &n);
		if (err) {
			diag_printf(p->diag, MSG_DEBUG, "syscalls: batch lookup failed "
				      "(%d), reading key by key", err);
			p->no_batch = true;
		}
	}
	if (err) {
		err = read_ids_each(p, fd, &n);
		if (err)
			return err;
	}
	for (i = 0; i < n; i++) {
		const struct syscall_stat *v = &p->stats[(size_t)i * p->ncpu];
		uint64_t count = 0, errors = 0;

		for (c = 0; c < p->ncpu; c++) {
			count += v[c].count;
			errors += v[c].errors;
		}
		if (count)
			model_syscall_set(m, p->ids[i], count, errors);
	}
	return 0;
}

/* Latency per syscall and failures per (syscall, errno), CPUs summed. */
static void sample_lat(struct syscall_probe *p, struct model *m)
{
	bool can = bpf_program__fd(p->skel->progs.btf_sys_enter) >= 0;
	uint64_t slots[SYSCALL_LAT_SLOTS];
	uint32_t n, i, c;

	model_syscall_timing(m, can, can && p->skel->bss->lat_on);
	if (can) {
		n = bpf_support_read_map(bpf_map__fd(p->skel->maps.lat), p->lat_ids,
					 sizeof(*p->lat_ids), p->lats, sizeof(*p->lats) * p->ncpu,
					 SYSCALL_ID_MAX, &p->no_batch);
		for (i = 0; i < n; i++) {
			const struct syscall_lat *v = &p->lats[(size_t)i * p->ncpu];
			uint64_t sum = 0, any = 0;

			memset(slots, 0, sizeof(slots));
			for (c = 0; c < p->ncpu; c++) {
				for (unsigned s = 0; s < SYSCALL_LAT_SLOTS; s++)
					slots[s] += v[c].slots[s];
				sum += v[c].sum_ns;
			}
			for (unsigned s = 0; s < SYSCALL_LAT_SLOTS; s++)
				any |= slots[s];
			if (any)
				model_syscall_lat(m, p->lat_ids[i], slots, SYSCALL_LAT_SLOTS, sum);
		}
	}
	n = bpf_support_read_map(bpf_map__fd(p->skel->maps.errnos), p->err_keys,
				 sizeof(*p->err_keys), p->err_vals, sizeof(*p->err_vals) * p->ncpu,
				 SYSCALL_ERRNO_MAX, &p->no_batch);
	for (i = 0; i < n; i++) {
		uint64_t count = 0;

		for (c = 0; c < p->ncpu; c++)
			count += p->err_vals[(size_t)i * p->ncpu + c];
		model_syscall_errno(m, p->err_keys[i] >> 16, (int)(p->err_keys[i] & 0xffff), count);
	}
	model_syscall_errnos_lost(m, p->skel->bss->errnos_lost);
}

static int syscall_sample(void *state, struct model *m)
{
	struct syscall_probe *p = state;
	int err;

	err = sample_ids(p, m);
	if (err)
		return err;
	sample_lat(p, m);
	return syscall_procs_sample(p->procs, p->skel, m);
}

/* Key L. */
static void syscall_set_latency(void *state, bool on)
{
	struct syscall_probe *p = state;

	enter_attach(p->skel, on, p->diag);
}

static void syscall_stop(void *state)
{
	if (state)
		syscall_free(state);
}

const struct probe_ops probe_syscall_ops = {
	.src = TT_SRC_SYSCALL,
	.start = syscall_start,
	.sample = syscall_sample,
	.set_latency = syscall_set_latency,
	.stop = syscall_stop,
};
