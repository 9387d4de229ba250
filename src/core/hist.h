/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Log2 histograms: the user-space mirror of the kernel's bio histograms.
 *
 * Slot i counts values in [2^i, 2^(i+1)); slot 0 also holds 0. Values are
 * in microseconds wherever tracetop uses them. Pure arithmetic, no I/O.
 */
#ifndef TRACETOP_HIST_H
#define TRACETOP_HIST_H

#include <stddef.h>
#include <stdint.h>

#define HIST_SLOTS 32

struct hist {
	uint64_t slots[HIST_SLOTS];
	uint64_t count;		/* sum of slots */
	uint64_t sum;		/* sum of values (us), 0 when unknown */
};

void hist_clear(struct hist *h);
unsigned hist_slot(uint64_t value);
void hist_add(struct hist *h, uint64_t value);
/* Replaces the slots with n (<= HIST_SLOTS) kernel counters; recounts. */
void hist_set(struct hist *h, const uint64_t *slots, unsigned n, uint64_t sum);
/* out = cur - prev, slot by slot; a slot that went down (counter reset)
 * contributes its current value. out may alias neither input. */
void hist_diff(struct hist *out, const struct hist *cur, const struct hist *prev);
void hist_merge(struct hist *dst, const struct hist *src);
/* Lowest value of slot i, and the lowest value of slot i + 1. */
uint64_t hist_slot_low(unsigned i);
uint64_t hist_slot_high(unsigned i);
/* Estimate of the p-th percentile (0 < p <= 100), interpolated linearly
 * inside the slot that holds it; 0 for an empty histogram. */
double hist_percentile(const struct hist *h, double p);
/* Index of the highest non-empty slot, or -1 when empty. */
int hist_max_slot(const struct hist *h);
/* Human label of slot i: "0-1us", "2-3us", "4-7us", ... "512-1023us"
 * (inclusive integer bounds); from slot 10 on, bounds are divided by 1024
 * per unit step and written half-open: "1-2ms", ... "512-1024ms", "1-2s",
 * "2-4s", ... "2048-4096s". Returns what snprintf returns. */
int hist_slot_label(unsigned i, char *buf, size_t len);
/* A microsecond duration in a short human form: "850us", "1.2ms", "3.0s". */
int hist_format_us(double us, char *buf, size_t len);

#endif
