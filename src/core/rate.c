/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-second rates from the kernel's cumulative counters. Probes never
 * reset kernel counters (resetting loses counts), so every rate is a
 * difference of two samples; a counter that went down means the map was
 * recreated and its current value is all new. */
#include <math.h>
#include "rate.h"

void rate_init(struct rate *r)
{
	r->last = 0;
	r->delta = 0;
	r->per_sec = 0;
	r->primed = false;
}

uint64_t counter_delta(uint64_t prev, uint64_t cur)
{
	return cur >= prev ? cur - prev : cur;
}

double rate_update(struct rate *r, uint64_t counter, double dt_s, bool from_zero)
{
	if (!r->primed && !from_zero) {
		/* nothing to compare with yet: the counter may hold counts
		 * from before tracetop looked */
		r->delta = 0;
	} else {
		r->delta = counter_delta(r->primed ? r->last : 0, counter);
	}
	r->last = counter;
	r->primed = true;
	/* a non-positive, NaN or infinite interval gives no rate at all */
	if (!(dt_s > 0) || !isfinite(dt_s))
		r->per_sec = 0;
	else
		r->per_sec = (double)r->delta / dt_s;
	return r->per_sec;
}
