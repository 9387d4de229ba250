/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The times a replay can be sent to (the j key): "start", "end", a
 * local clock time "HH:MM" or "HH:MM:SS" (the one nearest the time shown:
 * a recording may cross midnight), or an offset from the time shown,
 * "+30s", "-5m", "-1.5h", "+90" (seconds). */
#ifndef TRACETOP_REC_WHEN_H
#define TRACETOP_REC_WHEN_H

#include <stddef.h>
#include <stdint.h>

/* Parses s against now_ms (the time shown) and the recording's first and
 * last times (all wall-clock milliseconds); *out_ms is the time asked
 * for (not clamped). 0, or -1 with a sentence in why. */
int rec_parse_when(const char *s, int64_t now_ms, int64_t first_ms, int64_t last_ms,
		   int64_t *out_ms, char *why, size_t len);

#endif
