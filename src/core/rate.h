/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-second rates from monotonically growing counters.
 *
 * A counter that goes down (a map recreated, a probe restarted) is taken
 * as a reset: the new value is the delta since the reset. */
#ifndef TRACETOP_RATE_H
#define TRACETOP_RATE_H

#include <stdbool.h>
#include <stdint.h>

struct rate {
	uint64_t last;		/* counter at the previous update */
	uint64_t delta;		/* growth over the last interval */
	double per_sec;		/* delta / interval */
	bool primed;		/* last is valid */
};

void rate_init(struct rate *r);
/* Reset-safe difference of two samples of a counter. */
uint64_t counter_delta(uint64_t prev, uint64_t cur);
/* Feeds a new sample taken dt_s seconds after the previous one; returns
 * the rate. The first sample only primes (rate 0, delta 0) unless
 * from_zero is set, in which case the counter is taken to start at 0. */
double rate_update(struct rate *r, uint64_t counter, double dt_s, bool from_zero);

#endif
