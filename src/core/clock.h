/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The one clock of user space: monotonic time for intervals, deadlines
 * and event ages, wall time for what a person reads. clock.c holds these
 * functions and nothing else, so a test that needs time under its control
 * defines both itself and the linker never pulls clock.o from libcore.a. */
#ifndef TRACETOP_CLOCK_H
#define TRACETOP_CLOCK_H

#include <stdint.h>

#define CLOCK_NS_PER_S 1000000000ull

/* CLOCK_MONOTONIC in nanoseconds: the time base of BPF's ktime too. */
uint64_t clock_mono_ns(void);
/* CLOCK_REALTIME in nanoseconds since the epoch. */
uint64_t clock_real_ns(void);

#endif
