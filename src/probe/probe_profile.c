/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The on-CPU profile source; see probe_profile.h. */
#include <errno.h>
#include <inttypes.h>
#include <linux/perf_event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <bpf/libbpf.h>
#include "bpf_support.h"
#include "clock.h"
#include "ksyms.h"
#include "probe_profile.h"
#include "profile.h"
#include "profile_sample.h"
#include "usyms.h"
#include "profile.skel.h"

struct profile_probe {
	struct profile_bpf *skel;	/* owned */
	struct bpf_link **links;	/* one per CPU with an event */
	int *fds;
	int n_cpus;
	struct profile *prof;		/* the model's, borrowed */
	struct model *model;		/* borrowed */
	struct ksyms *ksyms;		/* owned, NULL: kernel frames unnamed */
	struct usyms *usyms;		/* owned */
	unsigned hz;
	uint64_t last_ns;
	uint64_t bad;			/* records of the wrong size */
};

static int profile_record(void *ctx, void *data, size_t len)
{
	struct profile_probe *p = ctx;
	const struct profile_sample *r = data;
	struct prof_sample s;
	char comm[17];

	if (len < sizeof(*r)) {
		p->bad++;
		return 0;
	}
	memcpy(comm, r->comm, 16);
	comm[16] = '\0';
	s = (struct prof_sample){
		.tgid = r->tgid, .pid = r->pid, .cgroup = r->cgroup, .comm = comm,
		.kips = (const uint64_t *)r->kips, .uips = (const uint64_t *)r->uips,
		.nk = r->kbytes > 0 ? (unsigned)r->kbytes / 8 : 0,
		.nu = r->ubytes > 0 ? (unsigned)r->ubytes / 8 : 0,
	};
	if (s.nk > PROFILE_DEPTH)
		s.nk = PROFILE_DEPTH;
	if (s.nu > PROFILE_DEPTH)
		s.nu = PROFILE_DEPTH;
	s.cut = s.nk == PROFILE_DEPTH || s.nu == PROFILE_DEPTH;
	/* its mappings now: it may be gone by the tick */
	if (s.nu)
		usyms_note(p->usyms, r->tgid);
	profile_add(p->prof, &s);
	return 0;
}

static enum prof_kind profile_name(void *ctx, uint32_t tgid, uint64_t ip, bool kernel,
				   char *buf, size_t len)
{
	struct profile_probe *p = ctx;
	const char *name = NULL, *module = NULL;
	uint64_t off = 0;

	if (!kernel)
		return usyms_find(p->usyms, tgid, ip, buf, len);
	if (p->ksyms)
		name = ksyms_find(p->ksyms, ip, &off, &module);
	if (name)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "[kernel]+0x%" PRIx64, ip);
	return PROF_KIND_KERNEL;
}

/* The ring holds a second of samples of every CPU, so that the drain
 * timer (a few times a second) keeps well ahead of it: a power of two
 * from 256 KiB to 64 MiB. */
static uint32_t profile_ring_bytes(const struct profile_probe *p)
{
	uint64_t want = (uint64_t)p->hz * (uint64_t)p->n_cpus * TT_RB_FOOTPRINT(sizeof(struct profile_sample));
	uint32_t bytes = 256u << 10;

	while (bytes < want && bytes < (64u << 20))
		bytes <<= 1;
	return bytes;
}

/* cpu-clock counts nanoseconds: a fixed period of them. In frequency
 * mode the kernel would tune the period to the rate it sees, and a CPU
 * that idles between bursts of work would be sampled less than its
 * share (a thread on a third of a CPU came out 15 % short). */
static int perf_open(int cpu, unsigned hz)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.config = PERF_COUNT_SW_CPU_CLOCK,
		.size = sizeof(attr),
		.sample_period = 1000000000ull / hz,
	};
	int fd = (int)syscall(SYS_perf_event_open, &attr, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

static void profile_close(struct profile_probe *p)
{
	for (int i = 0; i < p->n_cpus; i++) {
		if (p->links && p->links[i])
			bpf_link__destroy(p->links[i]);
		if (p->fds && p->fds[i] >= 0)
			close(p->fds[i]);
	}
	free(p->links);
	free(p->fds);
	p->links = NULL;
	p->fds = NULL;
	profile_bpf__destroy(p->skel);
	p->skel = NULL;
}

/* A perf event and the program on every CPU that has one; the number
 * attached, or -errno of the first failure when none. */
static int profile_attach(struct profile_probe *p, char *why, size_t len)
{
	int attached = 0, first = 0;
	char ebuf[64];

	p->links = calloc((size_t)p->n_cpus, sizeof(*p->links));
	p->fds = malloc((size_t)p->n_cpus * sizeof(*p->fds));
	if (!p->links || !p->fds) {
		free(p->fds);
		p->fds = NULL;
		snprintf(why, len, "perf events: out of memory");
		return -ENOMEM;
	}
	for (int i = 0; i < p->n_cpus; i++)
		p->fds[i] = -1;
	for (int i = 0; i < p->n_cpus; i++) {
		int fd = perf_open(i, p->hz);

		p->fds[i] = fd;
		if (fd < 0) {
			if (fd != -ENODEV && !first)	/* ENODEV: an offline CPU */
				first = fd;
			continue;
		}
		p->links[i] = bpf_program__attach_perf_event(p->skel->progs.profile_sample, fd);
		if (!p->links[i]) {
			if (!first)
				first = -errno;
			continue;
		}
		p->fds[i] = -1;	/* the link owns it now: it closes it */
		attached++;
	}
	if (!attached) {
		snprintf(why, len, "perf event: %s",
			 bpf_support_strerror(first ? first : -ENODEV, ebuf, sizeof(ebuf)));
		return first ? first : -ENODEV;
	}
	return attached;
}

int profile_probe_start(struct profile_probe **out, const struct probe_env *env,
			char *why, size_t len)
{
	struct profile_probe *p = calloc(1, sizeof(*p));
	const char *step = "open";
	char ebuf[64];
	int err;

	*out = NULL;
	if (!p)
		return -ENOMEM;
	p->model = env->model;
	p->prof = model_profile(env->model);
	p->hz = env->opt->profile_hz;
	p->usyms = usyms_new();
	p->n_cpus = libbpf_num_possible_cpus();
	if (!p->prof || !p->usyms || p->n_cpus <= 0) {
		err = -ENOMEM;
		goto fail;
	}
	p->skel = profile_bpf__open();
	if (!p->skel) {
		err = -errno;
		goto fail;
	}
	BPF_SUPPORT_SET_FILTERS(p->skel->rodata, env);
	p->skel->bss->profile_off = env->opt->profile_off;
	step = "ring size";
	err = bpf_map__set_max_entries(p->skel->maps.samples, profile_ring_bytes(p));
	if (err)
		goto fail;
	p->skel->rodata->wakeup_bytes = profile_ring_bytes(p) / 4;
	step = "load";
	err = profile_bpf__load(p->skel);
	if (!err) {
		step = "filters";
		err = bpf_support_filter_maps(p->skel->obj, env->opt);
	}
	if (err)
		goto fail;
	step = "attach";
	err = profile_attach(p, why, len);
	if (err < 0)
		goto out;
	step = "ring buffer";
	err = bpf_support_ring_add(env, p->skel->maps.samples, profile_record, p);
	if (err)
		goto fail;
	/* while the addresses can still be read (the opener's credentials) */
	p->ksyms = ksyms_open(NULL);
	if (!p->ksyms)
		diag_printf(env->diag, MSG_WARN, "profile: /proc/kallsyms: %s: kernel frames "
			    "shown as addresses", strerror(errno));
	p->last_ns = clock_mono_ns();
	model_profile_status(env->model, true, !env->opt->profile_off, p->hz, 0);
	*out = p;
	return 0;
fail:
	snprintf(why, len, "%s: %s", step, bpf_support_strerror(err, ebuf, sizeof(ebuf)));
out:
	diag_printf(env->diag, MSG_WARN, "profile: %s", why);
	profile_close(p);
	usyms_free(p->usyms);
	free(p);
	return err;
}

void profile_probe_sample(struct profile_probe *p, struct model *m)
{
	uint64_t now = clock_mono_ns(), submitted = 0, lost = 0;

	if (!p)
		return;
	bpf_support_ring_stats(p->skel->maps.stats, &submitted, &lost);
	profile_tick(p->prof, (double)(now - p->last_ns) / 1e9, profile_name, p);
	usyms_tick(p->usyms);
	p->last_ns = now;
	model_profile_status(m, true, !p->skel->bss->profile_off, p->hz, lost + p->bad);
}

void profile_probe_count(struct profile_probe *p, bool on)
{
	if (p)
		p->skel->bss->profile_off = !on;	/* mmapped: the next sample sees it */
}

void profile_probe_stop(struct profile_probe *p)
{
	if (!p)
		return;
	profile_close(p);
	ksyms_free(p->ksyms);
	usyms_free(p->usyms);
	free(p);
}
