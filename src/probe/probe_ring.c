/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ring-buffer and hub plumbing of the exec and open sources; see
 * probe_ring.h. */
#include <errno.h>
#include <string.h>
#include "bpf_support.h"
#include "probe_ring.h"

void probe_ring_init(struct probe_ring *r, enum tt_source src, enum tt_event_type type,
		     const struct probe_env *env)
{
	memset(r, 0, sizeof(*r));
	r->src = src;
	r->type = type;
	r->model = env->model;
	r->diag = env->diag;
	r->hub = syscall_hub_get(env);
}

void probe_ring_fini(struct probe_ring *r)
{
	probe_ring_unroute(r);
	syscall_hub_put(r->hub);
	r->hub = NULL;
}

int probe_ring_size(struct bpf_map *events, const struct probe_env *env, uint64_t *wakeup_bytes)
{
	uint32_t ring = bpf_support_ring_bytes(env->opt->ringbuf_kb);

	*wakeup_bytes = bpf_support_wakeup_bytes(ring);
	return bpf_map__set_max_entries(events, ring);
}

int probe_ring_decode(struct probe_ring *r, const void *data, size_t len, struct tt_event *ev)
{
	if (event_decode(data, len, ev) == 0 &&
	    (ev->type == r->type || (r->type2 && ev->type == r->type2)))
		return 0;
	if (!r->bad++)
		diag_printf(r->diag, MSG_WARN, "%s: dropped a malformed record of %zu bytes "
			      "(more are counted as lost)", tt_source_name(r->src), len);
	return -EINVAL;
}

void probe_ring_store(struct probe_ring *r, const struct tt_event *ev)
{
	if (model_event(r->model, ev))
		diag_printf(r->diag, MSG_DEBUG, "%s: event not stored: out of memory",
			      tt_source_name(r->src));
}

int probe_ring_route(struct probe_ring *r, unsigned nr, const struct bpf_program *prog)
{
	int err;

	if (!r->hub)
		return -ENOENT;
	if (r->n_routed >= PROBE_RING_NRS_MAX)
		return -E2BIG;
	err = syscall_hub_route(r->hub, nr, prog);
	if (!err)
		r->routed[r->n_routed++] = nr;
	return err;
}

void probe_ring_unroute(struct probe_ring *r)
{
	while (r->n_routed)
		syscall_hub_route(r->hub, r->routed[--r->n_routed], NULL);
}

int probe_ring_sample(struct probe_ring *r, struct bpf_map *stats, struct model *m)
{
	uint64_t submitted, lost;
	int err = bpf_support_ring_stats(stats, &submitted, &lost);

	if (err)
		return err;
	model_source(m, r->src)->lost_total = lost + r->bad;
	return 0;
}
