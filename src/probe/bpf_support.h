/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libbpf plumbing shared by the probes: message routing, per-CPU map
 * sums, ring buffer registration, tracefs, and turning errno values into
 * sentences a user can act on. */
#ifndef TRACETOP_BPF_SUPPORT_H
#define TRACETOP_BPF_SUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <bpf/libbpf.h>
#include "diag.h"
#include "probe.h"
#include "snapshot.h"

/* Routes libbpf's messages into diag (debug level unless they are
 * warnings). Pass NULL to silence libbpf. */
void bpf_support_route_libbpf(struct diag *diag);

/* Adds a ring buffer map to the shared consumer, creating it on first use. */
int bpf_support_ring_add(const struct probe_env *env, struct bpf_map *map,
			 ring_buffer_sample_fn fn, void *ctx);

/* Sums the per-CPU "stats" map (struct tt_ring_stats) of a producer. */
int bpf_support_ring_stats(struct bpf_map *stats, uint64_t *submitted, uint64_t *lost);

/* Reads key of a per-CPU array map whose value is n_u64 __u64 fields and
 * adds each field over every possible CPU into out[0..n_u64). */
int bpf_support_percpu_sum(int map_fd, uint32_t key, uint64_t *out, unsigned n_u64);

/* Reads up to cap entries of hash or array map fd with batched lookups
 * into keys and vals (each entry key_size and val_size bytes; per-CPU
 * values take val_size for all CPUs); *n says how many. 0 or -errno,
 * e.g. -EINVAL when the kernel has no batch operations for the map's
 * type (before 5.6): read it key by key then. */
int bpf_support_read_batch(int fd, void *keys, size_t key_size, void *vals, size_t val_size,
			   uint32_t cap, uint32_t *n);

/* A whole map (up to cap entries) into keys and vals: batched while the
 * kernel takes it, else key by key (*no_batch then stays set, so later
 * reads go straight there). A key by key walk restarts from the first
 * key when its entry goes under it, so it is bounded by cap. Keys of at
 * most 16 bytes. The number of entries read. */
uint32_t bpf_support_read_map(int fd, void *keys, size_t key_size, void *vals, size_t val_size,
			      uint32_t cap, bool *no_batch);

/* Makes sure tracefs is mounted (mounting it at /sys/kernel/tracing when
 * root and missing). 0 or -errno; reason explains a failure. */
int bpf_support_tracefs(char *reason, size_t len);

/* True when the tracepoint category/name exists in tracefs. */
bool bpf_support_tracepoint_exists(const char *category, const char *name);
/* Why that tracepoint cannot be found: tracefs not accessible to this
 * user, or the kernel lacks it. */
void bpf_support_tracepoint_why(const char *category, const char *name, char *why,
				 size_t len);

/* Turns on the kernel's BPF run-time statistics for as long as the
 * returned fd stays open (the kernel counts holders and restores the
 * previous setting when the last one closes). fd or -errno. */
int bpf_support_enable_stats(void);

/* Short human description of a libbpf/kernel error for a status line,
 * e.g. "permission denied (EPERM)". */
const char *bpf_support_strerror(int err, char *buf, size_t len);

/* A hook of source src (for the diag: "vfs", "bio") could not be used:
 * logs why and appends "hook: why" to tried (NUL-terminated, len bytes;
 * "; " between entries, cut when full). */
void bpf_support_hook_failed(struct diag *diag, const char *src, const char *hook,
			     const char *why, char *tried, size_t len);

/* Marks a source failed with a formatted reason and logs it. */
void bpf_support_fail(struct tt_source_status *st, struct diag *diag,
		      const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Sets the rodata filter knobs every tracetop object has (common.bpf.h:
 * one pid or uid as a constant, several in a map; self_tgid). rodata is
 * the skeleton's rodata. The failed-only switch lives in .bss, see
 * BPF_SUPPORT_SET_FAILED. */
#define BPF_SUPPORT_SET_FILTERS(rodata, env)					\
	do {									\
		const struct options *o_ = (env)->opt;				\
		(rodata)->targ_tgid = o_->pids.n == 1 ? o_->pids.v[0] : TT_ANY;	\
		(rodata)->targ_tgids = o_->pids.n > 1;				\
		(rodata)->targ_uid = o_->uids.n == 1 ? o_->uids.v[0] : TT_ANY;	\
		(rodata)->targ_uids = o_->uids.n > 1;				\
		(rodata)->targ_cgroup = o_->cgroup_open;			\
		(rodata)->self_tgid = (env)->self_tgid;				\
	} while (0)

/* After load, before attach: several -p or -u ids into the object's
 * pid_filter and uid_filter maps, --cgroup's directory into its
 * cgroup_filter (every object has them: common.bpf.h). 0 or -errno. */
int bpf_support_filter_maps(struct bpf_object *obj, const struct options *opt);

/* The failed-only switch of an exec or open object: its .bss is mmapped
 * once loaded, so this takes effect at once and needs no capability. */
#define BPF_SUPPORT_SET_FAILED(bss, on)	((bss)->targ_failed = (on))

/* Ring buffer size in bytes for --ringbuf-size kb (0: the default):
 * a power of two, at least a page. */
uint32_t bpf_support_ring_bytes(unsigned kb);
/* The forced wake-up mark for a ring of that size. */
uint64_t bpf_support_wakeup_bytes(uint32_t ring_bytes);

#endif
