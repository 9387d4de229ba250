/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The on-CPU profile source (bpf/profile.bpf.c): a timed perf event on
 * every CPU, each sample's stacks handed to the model's profile, and
 * symbolised once a tick (kernel: /proc/kallsyms; user: sym/usyms.c).
 * Not one of the tracing sources of enum tt_source: it counts nothing
 * of theirs, and an older recording or scrape knows nothing of it. */
#ifndef TRACETOP_PROBE_PROFILE_H
#define TRACETOP_PROBE_PROFILE_H

#include <stdbool.h>
#include "probe.h"

struct profile_probe;

/* Opens the perf events (before capabilities are dropped) and attaches;
 * 0, or -errno with the reason in diag and in why. */
int profile_probe_start(struct profile_probe **out, const struct probe_env *env,
			char *why, size_t len);
/* Each tick: lost samples, symbolisation, the model's profile. */
void profile_probe_sample(struct profile_probe *p, struct model *m);
/* Counting on or off (the perf events stay open). */
void profile_probe_count(struct profile_probe *p, bool on);
void profile_probe_stop(struct profile_probe *p);

#endif
