/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the two event sources, exec and open, share: a ring buffer of
 * event records from their exit programs, decoded and stored in the
 * model, with every record that could not be written or decoded counted
 * as lost; and, with the syscalls source on, their syscalls' exits routed
 * through the sys_exit hub (probe.h). Each source keeps its own skeleton;
 * this is the part of its state that does not depend on it. */
#ifndef TRACETOP_PROBE_RING_H
#define TRACETOP_PROBE_RING_H

#include <stdbool.h>
#include <stdint.h>
#include <bpf/libbpf.h>
#include "event.h"
#include "probe.h"

#define PROBE_RING_NRS_MAX 48	/* syscalls one source routes */

struct probe_ring {
	enum tt_source src;
	enum tt_event_type type;	/* records of another type are malformed */
	enum tt_event_type type2;	/* ... or of this one, when not 0 */
	struct model *model;		/* borrowed */
	struct diag *diag;		/* borrowed */
	struct syscall_hub *hub;	/* a reference, or NULL */
	unsigned routed[PROBE_RING_NRS_MAX];	/* ids whose exits the hub sends here */
	unsigned n_routed;
	uint64_t bad;			/* records that failed decoding */
};

/* Sets up r for source src and takes a hub reference (NULL when there is
 * none: the source attaches its own exit programs). */
void probe_ring_init(struct probe_ring *r, enum tt_source src, enum tt_event_type type,
		     const struct probe_env *env);
/* Drops the routes and the hub reference. */
void probe_ring_fini(struct probe_ring *r);

/* Between open and load: sizes the ring map (--ringbuf-size) and
 * returns the wake-up mark for the object's rodata. */
int probe_ring_size(struct bpf_map *events, const struct probe_env *env, uint64_t *wakeup_bytes);

/* Decodes one record of the ring into ev: 0, or -EINVAL for a malformed
 * one, which is counted (and reported once). */
int probe_ring_decode(struct probe_ring *r, const void *data, size_t len, struct tt_event *ev);
/* Stores a decoded event in the model. */
void probe_ring_store(struct probe_ring *r, const struct tt_event *ev);

/* After load: the hub tail-calls prog at the exit of syscall nr. */
int probe_ring_route(struct probe_ring *r, unsigned nr, const struct bpf_program *prog);
/* Every route of r removed. */
void probe_ring_unroute(struct probe_ring *r);

/* Each tick: the source's lost count, from the object's per-CPU stats
 * map plus the malformed records. */
int probe_ring_sample(struct probe_ring *r, struct bpf_map *stats, struct model *m);

#endif
