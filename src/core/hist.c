/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Log2 histograms: the user-space side of the kernel's bio latency
 * histograms. The kernel only ever adds to its slots, so tracetop keeps
 * the cumulative copy and diffs it each interval (hist_diff) to get the
 * latencies of that interval alone. The label format is documented with
 * hist_slot_label() in hist.h. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "hist.h"

void hist_clear(struct hist *h)
{
	memset(h, 0, sizeof(*h));
}

unsigned hist_slot(uint64_t value)
{
	unsigned slot = 0;

	/* floor(log2(value)); 0 and 1 both land in slot 0 */
	while (value > 1 && slot < HIST_SLOTS - 1) {
		value >>= 1;
		slot++;
	}
	return slot;
}

void hist_add(struct hist *h, uint64_t value)
{
	h->slots[hist_slot(value)]++;
	h->count++;
	h->sum += value;
}

static void hist_recount(struct hist *h)
{
	unsigned i;

	h->count = 0;
	for (i = 0; i < HIST_SLOTS; i++)
		h->count += h->slots[i];
}

void hist_set(struct hist *h, const uint64_t *slots, unsigned n, uint64_t sum)
{
	if (n > HIST_SLOTS)
		n = HIST_SLOTS;
	memset(h->slots, 0, sizeof(h->slots));
	if (n)
		memcpy(h->slots, slots, n * sizeof(slots[0]));
	h->sum = sum;
	hist_recount(h);
}

void hist_diff(struct hist *out, const struct hist *cur, const struct hist *prev)
{
	unsigned i;

	for (i = 0; i < HIST_SLOTS; i++) {
		/* A slot that shrank means the kernel map was recreated: all
		 * of its current content is new. */
		if (cur->slots[i] >= prev->slots[i])
			out->slots[i] = cur->slots[i] - prev->slots[i];
		else
			out->slots[i] = cur->slots[i];
	}
	out->sum = cur->sum >= prev->sum ? cur->sum - prev->sum : cur->sum;
	hist_recount(out);
}

void hist_merge(struct hist *dst, const struct hist *src)
{
	unsigned i;

	for (i = 0; i < HIST_SLOTS; i++)
		dst->slots[i] += src->slots[i];
	dst->count += src->count;
	dst->sum += src->sum;
}

uint64_t hist_slot_low(unsigned i)
{
	if (i == 0)
		return 0;
	if (i >= 64)
		return UINT64_MAX;
	return (uint64_t)1 << i;
}

uint64_t hist_slot_high(unsigned i)
{
	if (i + 1 >= 64)
		return UINT64_MAX;
	return (uint64_t)1 << (i + 1);
}

double hist_percentile(const struct hist *h, double p)
{
	double rank, below = 0, lo, hi;
	unsigned i;

	if (!h->count || !(p > 0))
		return 0;
	if (p > 100)
		p = 100;
	/* rank is the position (1..count) of the wanted sample; find the
	 * slot holding it and place it proportionally inside that slot. */
	rank = p / 100.0 * (double)h->count;
	for (i = 0; i < HIST_SLOTS; i++) {
		double n = (double)h->slots[i];

		if (n > 0 && below + n >= rank) {
			lo = (double)hist_slot_low(i);
			hi = (double)hist_slot_high(i);
			return lo + (hi - lo) * ((rank - below) / n);
		}
		below += n;
	}
	/* rounding left rank just above the total (or count disagrees with
	 * the slots): the top of the last slot in use */
	if (hist_max_slot(h) < 0)
		return 0;
	return (double)hist_slot_high((unsigned)hist_max_slot(h));
}

int hist_max_slot(const struct hist *h)
{
	int i;

	for (i = HIST_SLOTS - 1; i >= 0; i--)
		if (h->slots[i])
			return i;
	return -1;
}

int hist_slot_label(unsigned i, char *buf, size_t len)
{
	static const char *const units[] = { "us", "ms", "s" };
	uint64_t lo, hi;
	unsigned u = 0;

	if (i >= HIST_SLOTS)
		return snprintf(buf, len, "?");
	lo = hist_slot_low(i);
	hi = hist_slot_high(i);
	if (lo < 1000)
		return snprintf(buf, len, "%llu-%lluus", (unsigned long long)lo,
				(unsigned long long)(hi - 1));
	/* 1024 us is shown as 1 ms: labels are bucket names, not exact
	 * bounds, and binary steps read better than 1.024 */
	while (lo >= 1000 && u < 2) {
		lo >>= 10;
		hi >>= 10;
		u++;
	}
	return snprintf(buf, len, "%llu-%llu%s", (unsigned long long)lo,
			(unsigned long long)hi, units[u]);
}

int hist_format_us(double us, char *buf, size_t len)
{
	if (!isfinite(us) || us < 0)
		us = 0;
	/* switch units where rounding would print "1000us" or "1000.0ms" */
	if (us < 999.5)
		return snprintf(buf, len, "%.0fus", us);
	if (us < 999950)
		return snprintf(buf, len, "%.1fms", us / 1000);
	return snprintf(buf, len, "%.1fs", us / 1000000);
}
