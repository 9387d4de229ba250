/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Syscall latency and errors by errno, on the user-space side: the
 * kernel's cumulative per-syscall log2 histograms (enter -> exit) and
 * per-(syscall, errno) counts (syscalls.h: maps "lat" and "errnos"),
 * diffed each interval, reset-safe. Bounded: SYSCALL_ERRNO_MAX pairs. */
#ifndef TRACETOP_SYS_LAT_H
#define TRACETOP_SYS_LAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "snapshot.h"

struct sys_lat;

struct sys_lat *sys_lat_new(void);
void sys_lat_free(struct sys_lat *l);
/* Cumulative values of one syscall id (n <= HIST_SLOTS slots). */
void sys_lat_set(struct sys_lat *l, unsigned id, const uint64_t *slots, unsigned n,
		 uint64_t sum_ns);
/* Cumulative failed calls of (id, err); err positive. */
void sys_lat_errno_set(struct sys_lat *l, unsigned id, int err, uint64_t count);
/* Ends an interval of dt seconds: fills each row's timed (as given), lat
 * and busy (rows as model_tick made them), and returns the errno rows (valid
 * until the next call), by id then most failures first. */
const struct tt_syscall_errno *sys_lat_tick(struct sys_lat *l, double dt, bool timed,
					    struct tt_syscall_row *rows, size_t n_rows,
					    size_t *n_errnos);

#endif
