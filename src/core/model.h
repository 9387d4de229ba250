/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The model: everything tracetop knows, fed by the probes and turned into
 * a snapshot once per interval.
 *
 * Probes hand over *cumulative* kernel counters (never deltas); the model
 * keeps the previous values and computes per-interval deltas and rates
 * itself, reset-safe. Links without libbpf, curses or root. */
#ifndef TRACETOP_MODEL_H
#define TRACETOP_MODEL_H

#include <stdbool.h>
#include <stdint.h>
#include "snapshot.h"
#include "event.h"
#include "event_log.h"

struct model;

struct model_config {
	size_t log_capacity;	/* events kept in the event log */
	size_t log_text_bytes;	/* and the bytes of their strings; 0: the default */
	const char *root;	/* prefix for /proc/partitions ("" or "/" for the live system) */
	size_t procs_max;	/* (process, syscall) entries and processes kept; 0: as
				 * many as the kernel's maps */
	size_t fails_max;	/* failing-open keys kept; 0: the default */
};

struct model *model_new(const struct model_config *cfg);
void model_free(struct model *m);
/* Takes the event log's memory now (event_log_populate): the app calls
 * it once the probes are loaded. */
void model_populate(struct model *m);

/* Status of a source, for the probe that owns it to fill in. */
struct tt_source_status *model_source(struct model *m, enum tt_source s);

/* Cumulative counters, summed over CPUs, as read from the kernel. */
void model_vfs_set(struct model *m, const uint64_t totals[VFS_OP_MAX], bool approximate);
void model_syscall_set(struct model *m, unsigned id, uint64_t count, uint64_t errors);
/* Per-process counts: call begin, then add once per (tgid, id) entry of
 * the kernel's map and info once per process of its info map (the
 * process's name, whether it exited). Entries not added since begin are
 * forgotten. */
void model_procs_begin(struct model *m);
void model_procs_add(struct model *m, uint32_t tgid, unsigned id, uint64_t count,
		     uint64_t errors);
void model_procs_info(struct model *m, uint32_t tgid, const char *comm, bool exited,
		      uint64_t busy_ns, uint64_t cgroup_id);
/* The parent and owner of an exited process, from its info. */
void model_procs_ids(struct model *m, uint32_t tgid, uint32_t ppid, uint32_t uid);
/* Calls the per-process table had no room for (proc_table.h). */
uint64_t model_procs_lost_calls(const struct model *m);
/* After a handover: true when the model now holds process tgid's counts
 * for good (proc_table_final), so its kernel entries are to be deleted. */
bool model_procs_final(const struct model *m, uint32_t tgid);
void model_bio_set(struct model *m, uint32_t dev, unsigned op, unsigned phase,
		   const uint64_t *slots, unsigned nslots, uint64_t sum_us);

/* Syscall latency (cumulative log2 microsecond slots and the sum in
 * nanoseconds) of one id, and failed calls of (id, errno): cumulative. */
void model_syscall_lat(struct model *m, unsigned id, const uint64_t *slots, unsigned nslots,
		       uint64_t sum_ns);
void model_syscall_errno(struct model *m, unsigned id, int err, uint64_t count);
/* Whether syscalls can be timed (the sys_enter program runs), and are. */
void model_syscall_timing(struct model *m, bool can, bool on);
void model_syscall_errnos_lost(struct model *m, uint64_t lost);
/* Block I/O per issuing process: begin, then one call per entry of the
 * kernel's map (cumulative device-latency slots), and the requests no
 * entry could take. */
void model_bio_procs_begin(struct model *m);
void model_bio_proc(struct model *m, uint32_t tgid, const char *comm, const uint64_t *slots,
		    unsigned nslots, uint64_t sum_us, uint64_t created_ns);
void model_bio_procs_lost(struct model *m, uint64_t lost);

/* The on-CPU profile (profile.h), made on the first call; NULL when out
 * of memory. The profile source adds its samples and ticks it; the
 * snapshot carries its view from then on. */
struct profile *model_profile(struct model *m);
/* The profile source's figures for the view: lost_total cumulative. */
void model_profile_status(struct model *m, bool running, bool counting, unsigned hz,
			  uint64_t lost_total);

/* Stores an event in the log and counts it for its source. 0 or -ENOMEM. */
int model_event(struct model *m, const struct tt_event *ev);
/* Every source has started (the syscalls hub counts from mono_ns): the
 * first interval starts there, not when the model was made. Sources that
 * count from their own attach (bio, the syscall variants without the
 * hub) may hold a little more in their first interval. */
void model_counting_started(struct model *m, uint64_t mono_ns);

/* Ends an interval at mono_ns (CLOCK_MONOTONIC): computes rates and
 * deltas and returns the snapshot, valid until the next call. */
const struct tt_snapshot *model_tick(struct model *m, uint64_t mono_ns);
/* Facts about tracetop itself, copied into the current snapshot. */
void model_set_self(struct model *m, const struct tt_selfcost *c, bool privileges_dropped);
/* The caption of the snapshot (--demo), until set again; NULL or "": none. */
void model_set_caption(struct model *m, const char *caption);
/* The latest snapshot (empty before the first tick). */
const struct tt_snapshot *model_snapshot(const struct model *m);
const struct event_log *model_log(const struct model *m);
/* Puts the events received since sequence number `from` in time order
 * (event_log_order): call after each drain of the ring buffers. */
int model_events_order(struct model *m, uint64_t from);

#endif
