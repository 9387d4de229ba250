/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The probes of every source, in one table, and the ring consumer they
 * share: what the app starts, drains, samples and stops. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "bpf_support.h"
#include "clock.h"
#include "probe.h"
#include "probe_profile.h"
#include "probes.h"

struct probes {
	struct model *model;		/* borrowed */
	struct diag *diag;		/* borrowed */
	struct ring_buffer *rb;		/* owned: every probe's ring */
	void *state[TT_SRC_MAX];	/* owned by each probe */
	int stats_fd;			/* owned: keeps BPF run-time stats on, or -1 */
	struct profile_probe *profile;	/* owned, or NULL: no on-CPU profile */
};

static const struct probe_ops *const probe_table[TT_SRC_MAX] = {
	[TT_SRC_EXEC] = &probe_exec_ops,
	[TT_SRC_OPEN] = &probe_open_ops,
	[TT_SRC_VFS] = &probe_vfs_ops,
	[TT_SRC_BIO] = &probe_bio_ops,
	[TT_SRC_SYSCALL] = &probe_syscall_ops,
};

void probes_route_messages(struct diag *diag)
{
	bpf_support_route_libbpf(diag);
}

int probes_start(struct probes **out, const struct options *opt, struct model *m,
		 struct diag *diag, char *msg, size_t len)
{
	struct probes *p = calloc(1, sizeof(*p));
	struct probe_env env;
	int i, running = 0;
	size_t pos = 0;

	*out = NULL;
	if (!p)
		return -ENOMEM;
	p->model = m;
	p->diag = diag;
	p->stats_fd = -1;
	env = (struct probe_env){
		.opt = opt,
		.model = m,
		.diag = diag,
		.rb = &p->rb,
		.self_tgid = (uint32_t)getpid(),
	};
	if (len)
		msg[0] = '\0';
	for (i = 0; i < TT_SRC_MAX; i++) {
		struct tt_source_status *st = model_source(m, i);

		if (!(opt->sources & (1u << i))) {
			st->state = TT_STATE_OFF;
			continue;
		}
		if (probe_table[i]->start(&p->state[i], &env) == 0) {
			st->state = TT_STATE_RUNNING;
			running++;
			continue;
		}
		p->state[i] = NULL;
		if (st->state != TT_STATE_FAILED)
			bpf_support_fail(st, diag, "%s: could not start", tt_source_name(i));
		if (pos < len)
			pos += (size_t)snprintf(msg + pos, len - pos, "%s%s: %s",
						pos ? "; " : "", tt_source_name(i), st->error);
	}
	if (!running && !pos && len)
		snprintf(msg, len, "no source was requested");
	if (opt->profile_hz) {
		char why[200];

		/* its failure leaves the sources running: said in diag */
		if (profile_probe_start(&p->profile, &env, why, sizeof(why)) == -ENOMEM) {
			probes_stop(p);
			return -ENOMEM;
		}
	}
	/* one moment from which the hub's counters count, and the first
	 * interval with them */
	syscall_hub_count(diag);
	model_counting_started(m, clock_mono_ns());
	*out = p;
	return running;
}

int probes_enable_stats(struct probes *p)
{
	if (p->stats_fd < 0)
		p->stats_fd = bpf_support_enable_stats();
	return p->stats_fd < 0 ? p->stats_fd : 0;
}

bool probes_stats_on(const struct probes *p)
{
	return p && p->stats_fd >= 0;
}

int probes_ring_fd(const struct probes *p)
{
	return p && p->rb ? ring_buffer__epoll_fd(p->rb) : -1;
}

/* The consumer goes ring by ring, so a drain holds all new execs, then
 * all new opens: the model puts the drain in time order. */
int probes_drain(struct probes *p)
{
	uint64_t from;
	int n;

	if (!p || !p->rb)
		return 0;
	from = event_log_end_seq(model_log(p->model));
	n = ring_buffer__consume(p->rb);
	if (model_events_order(p->model, from))
		diag_printf(p->diag, MSG_DEBUG, "events of a drain left in ring order: "
			    "out of memory");
	return n;
}

void probes_sample(struct probes *p)
{
	int i;

	if (!p)
		return;
	probes_drain(p);
	for (i = 0; i < TT_SRC_MAX; i++) {
		if (!p->state[i])
			continue;
		if (probe_table[i]->sample(p->state[i], p->model))
			diag_printf(p->diag, MSG_DEBUG, "%s: sampling failed", tt_source_name(i));
	}
	profile_probe_sample(p->profile, p->model);
}

bool probes_profiling(const struct probes *p)
{
	return p && p->profile;
}

void probes_set_profiling(struct probes *p, bool on)
{
	if (p)
		profile_probe_count(p->profile, on);
}

void probes_set_failed_only(struct probes *p, bool on)
{
	int i;

	for (i = 0; p && i < TT_SRC_MAX; i++)
		if (p->state[i] && probe_table[i]->set_failed_only)
			probe_table[i]->set_failed_only(p->state[i], on);
}

void probes_set_latency(struct probes *p, bool on)
{
	for (int i = 0; p && i < TT_SRC_MAX; i++)
		if (p->state[i] && probe_table[i]->set_latency)
			probe_table[i]->set_latency(p->state[i], on);
}

void probes_stop(struct probes *p)
{
	int i;

	if (!p)
		return;
	if (p->stats_fd >= 0)
		close(p->stats_fd);
	/* The consumer maps the rings: release it before the maps go. */
	ring_buffer__free(p->rb);
	profile_probe_stop(p->profile);
	for (i = TT_SRC_MAX - 1; i >= 0; i--)
		if (p->state[i])
			probe_table[i]->stop(p->state[i]);
	free(p);
}
