/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Sparklines and histogram bars drawn with Unicode block elements
 * (flush.c swaps them for ASCII on terminals without UTF-8). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "format.h"
#include "role.h"
#include "widget_graph.h"

#define SPARK_BASE 0x2581	/* LOWER ONE EIGHTH BLOCK .. 0x2588 FULL BLOCK */
#define FULL_BLOCK 0x2588
/* LEFT ONE EIGHTH .. LEFT SEVEN EIGHTHS BLOCK, by eighths */
static const uint32_t left_eighths[8] = { 0, 0x258f, 0x258e, 0x258d, 0x258c, 0x258b, 0x258a, 0x2589 };

void spark_draw(struct canvas *cv, int x, int y, int maxx, const double *v, unsigned n, unsigned role)
{
	unsigned shown, first;
	double max = 0;

	if (maxx <= x || !n)
		return;
	shown = (unsigned)(maxx - x) < n ? (unsigned)(maxx - x) : n;
	first = n - shown;
	for (unsigned i = first; i < n; i++)
		if (v[i] > max)
			max = v[i];
	/* Right-aligned so the newest sample always sits in the same column. */
	x = maxx - (int)shown;
	for (unsigned i = first; i < n; i++) {
		uint32_t ch = ' ';

		if (v[i] > 0 && max > 0) {
			int level = (int)(v[i] / max * 7.0 + 0.5);

			ch = SPARK_BASE + (uint32_t)(level < 0 ? 0 : level > 7 ? 7 : level);
		}
		canvas_putc(cv, x++, y, maxx, ch, role);
	}
}

void bar_draw(struct canvas *cv, int x, int y, int w, double value, double max, unsigned role)
{
	long eighths;

	if (w <= 0 || !(max > 0) || !(value > 0))
		return;
	eighths = (long)(value / max * w * 8 + 0.5);
	if (eighths < 1)
		eighths = 1;	/* a non-empty slot never looks empty */
	if (eighths > (long)w * 8)
		eighths = (long)w * 8;
	for (long i = 0; i < eighths / 8; i++, x++)
		canvas_putc(cv, x, y, x + 1, FULL_BLOCK, role);
	if (eighths % 8)
		canvas_putc(cv, x, y, x + 1, left_eighths[eighths % 8], role);
}

/* "<128us" for the slots below slot i, ">=4ms" for slot i and above. */
static void tail_label(unsigned i, bool below, char *buf, size_t len)
{
	char label[32];
	const char *dash, *unit;

	hist_slot_label(i, label, sizeof(label));
	dash = strchr(label, '-');
	if (!dash) {
		snprintf(buf, len, "%s", label);
		return;
	}
	for (unit = dash + 1; *unit >= '0' && *unit <= '9'; unit++)
		;
	snprintf(buf, len, "%s%.*s%s", below ? "<" : ">=", (int)(dash - label), label, unit);
}

/* When the rows are fewer than the slots, picks the slots [*a, *b] that
 * hold the most I/O in the rows left after one summary row on each side
 * that has hidden slots. */
static void hist_window(const struct hist *h, int lo, int hi, int rows, int *a, int *b)
{
	int k = rows >= 3 ? rows - 2 : rows, best_s = lo, used;
	uint64_t best = 0;

	for (int s = lo; s + k - 1 <= hi; s++) {
		uint64_t sum = 0;

		for (int i = s; i < s + k; i++)
			sum += h->slots[i];
		if (sum > best) {
			best = sum;
			best_s = s;
		}
	}
	*a = best_s;
	*b = best_s + k - 1;
	if (rows < 3)
		return;
	/* A window at an end needs no summary row there: give the row to
	 * the slots. */
	used = *b - *a + 1 + (*a > lo) + (*b < hi);
	while (used < rows) {
		if (*b < hi)
			(*b)++;
		else if (*a > lo)
			(*a)--;
		else
			break;
		used = *b - *a + 1 + (*a > lo) + (*b < hi);
	}
}

static void hist_row(struct canvas *cv, struct rect r, int y, int label_w, const char *label,
		     uint64_t count, uint64_t max, unsigned bar_role)
{
	int x = r.x, count_w = 7;
	char num[16];

	canvas_puts_right(cv, x + label_w, y, x, ROLE_HIST_LABEL, label);
	x += label_w + 1;
	fmt_count(count, num, sizeof(num));
	canvas_puts_right(cv, x + count_w, y, x, count ? ROLE_VALUE : ROLE_VALUE_ZERO, num);
	x += count_w + 1;
	bar_draw(cv, x, y, r.x + r.w - x, (double)count, (double)max, bar_role);
}

/* Two rows for more slots: every request below the median's slot, and
 * every one from it up ("<256us", ">=256us"), so the rows still account
 * for all of them. */
static void hist_halves(struct canvas *cv, struct rect r, const struct hist *h, int lo, int hi)
{
	uint64_t total = 0, below = 0, max;
	char lbelow[32], labove[32];
	int s = lo + 1, w;

	for (int i = lo; i <= hi; i++)
		total += h->slots[i];
	for (int i = lo; i <= hi; i++) {
		if (2 * (below + h->slots[i]) >= total) {
			s = i > lo ? i : lo + 1;
			break;
		}
		below += h->slots[i];
	}
	below = 0;
	for (int i = lo; i < s; i++)
		below += h->slots[i];
	tail_label((unsigned)s, true, lbelow, sizeof(lbelow));
	tail_label((unsigned)s, false, labove, sizeof(labove));
	w = text_width(lbelow) > text_width(labove) ? text_width(lbelow) : text_width(labove);
	max = below > total - below ? below : total - below;
	hist_row(cv, r, r.y, w, lbelow, below, max, ROLE_HIST_BAR);
	hist_row(cv, r, r.y + 1, w, labove, total - below, max, ROLE_HIST_BAR);
}

void hist_draw(struct canvas *cv, struct rect r, const struct hist *h)
{
	int hi = hist_max_slot(h), lo = 0, a, b, label_w = 0, y;
	uint64_t max = 0, below = 0, above = 0;
	char label[32], lbelow[32] = "", labove[32] = "";

	if (hi < 0 || r.h <= 0)
		return;
	while (lo < hi && !h->slots[lo])
		lo++;
	a = lo;
	b = hi;
	if (r.h == 2 && hi - lo + 1 > 2) {
		hist_halves(cv, r, h, lo, hi);
		return;
	}
	if (hi - lo + 1 > r.h)
		hist_window(h, lo, hi, r.h, &a, &b);
	/* The hidden slots: summed into one row per side when there is
	 * room, so the rows always account for every request. */
	for (int i = lo; i < a; i++)
		below += h->slots[i];
	for (int i = b + 1; i <= hi; i++)
		above += h->slots[i];
	if (r.h >= 3 && a > lo)
		tail_label((unsigned)a, true, lbelow, sizeof(lbelow));
	if (r.h >= 3 && b < hi)
		tail_label((unsigned)b + 1, false, labove, sizeof(labove));
	for (int i = a; i <= b; i++) {
		if (h->slots[i] > max)
			max = h->slots[i];
		hist_slot_label((unsigned)i, label, sizeof(label));
		if (text_width(label) > label_w)
			label_w = text_width(label);
	}
	if (lbelow[0] && below > max)
		max = below;
	if (labove[0] && above > max)
		max = above;
	if (text_width(lbelow) > label_w)
		label_w = text_width(lbelow);
	if (text_width(labove) > label_w)
		label_w = text_width(labove);
	y = r.y;
	if (lbelow[0])
		hist_row(cv, r, y++, label_w, lbelow, below, max, ROLE_VALUE_ZERO);
	for (int i = a; i <= b; i++) {
		hist_slot_label((unsigned)i, label, sizeof(label));
		hist_row(cv, r, y++, label_w, label, h->slots[i], max, ROLE_HIST_BAR);
	}
	if (labove[0])
		hist_row(cv, r, y, label_w, labove, above, max, ROLE_VALUE_ZERO);
}
