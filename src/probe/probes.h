/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The set of running probes as the app sees it: every source's probe,
 * the one ring buffer consumer they share, and the kernel's BPF run-time
 * statistics. The only way into libbpf from src/app/, so that the app
 * never includes a libbpf header. */
#ifndef TRACETOP_PROBES_H
#define TRACETOP_PROBES_H

#include <stdbool.h>
#include <stddef.h>
#include "diag.h"
#include "model.h"
#include "options.h"

struct probes;

/* Routes libbpf's own messages into diag (NULL silences them). */
void probes_route_messages(struct diag *diag);

/* Starts every source opt asks for; a source that cannot start is marked
 * failed in the model with its reason and the others go on. Returns the
 * number running (0: msg says why each failed) or -ENOMEM; *out is set
 * whenever the return is >= 0 and must be freed with probes_stop. */
int probes_start(struct probes **out, const struct options *opt, struct model *m,
		 struct diag *diag, char *msg, size_t len);

/* Keeps the kernel's BPF run-time statistics on until probes_stop.
 * 0 or -errno. Needs CAP_SYS_ADMIN or CAP_BPF: call before the drop. */
int probes_enable_stats(struct probes *p);
bool probes_stats_on(const struct probes *p);

/* The epoll fd that is readable when a ring holds records, or -1. */
int probes_ring_fd(const struct probes *p);
/* Reads every ring to the end into the model, the records of this drain
 * in time order; returns the records read or -errno. */
int probes_drain(struct probes *p);
/* Drains, then has every running probe read its maps into the model. */
void probes_sample(struct probes *p);
/* Failed calls only, in the exec and open programs (no capability). */
void probes_set_failed_only(struct probes *p, bool on);
/* Syscall timing on or off (key L); the programs stay attached. */
void probes_set_latency(struct probes *p, bool on);

/* The on-CPU profile runs (--profile-hz); counting on or off (key in
 * the profile pane: the perf events stay open). */
bool probes_profiling(const struct probes *p);
void probes_set_profiling(struct probes *p, bool on);

/* Detaches every program and frees everything; p may be NULL. */
void probes_stop(struct probes *p);

#endif
