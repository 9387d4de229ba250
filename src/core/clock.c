/* SPDX-License-Identifier: GPL-2.0-or-later */
/* clock.h: the real clocks. Nothing else lives here (see clock.h). */
#include <time.h>
#include "clock.h"

static uint64_t read_ns(clockid_t id)
{
	struct timespec ts;

	if (clock_gettime(id, &ts))
		return 0;
	return (uint64_t)ts.tv_sec * CLOCK_NS_PER_S + (uint64_t)ts.tv_nsec;
}

uint64_t clock_mono_ns(void)
{
	return read_ns(CLOCK_MONOTONIC);
}

uint64_t clock_real_ns(void)
{
	return read_ns(CLOCK_REALTIME);
}
