/* Sparklines and histogram bars drawn with Unicode block elements
 * (flush.c swaps them for ASCII on terminals without UTF-8). */
#include <stdio.h>
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

void hist_draw(struct canvas *cv, struct rect r, const struct hist *h)
{
	int hi = hist_max_slot(h), lo = 0, n, best_lo, label_w = 0;
	uint64_t max = 0, best = 0;
	char label[32], num[16];

	if (hi < 0 || r.h <= 0)
		return;
	while (lo < hi && !h->slots[lo])
		lo++;
	n = hi - lo + 1;
	best_lo = lo;
	if (n > r.h) {
		/* Keep the window of r.h slots that holds the most I/O. */
		for (int s = lo; s + r.h - 1 <= hi; s++) {
			uint64_t sum = 0;

			for (int k = s; k < s + r.h; k++)
				sum += h->slots[k];
			if (sum > best) {
				best = sum;
				best_lo = s;
			}
		}
		lo = best_lo;
		n = r.h;
	}
	for (int i = lo; i < lo + n; i++) {
		int w;

		if (h->slots[i] > max)
			max = h->slots[i];
		hist_slot_label((unsigned)i, label, sizeof(label));
		w = text_width(label);
		if (w > label_w)
			label_w = w;
	}
	for (int k = 0; k < n; k++) {
		int i = lo + k, y = r.y + k, x = r.x, count_w = 7;

		hist_slot_label((unsigned)i, label, sizeof(label));
		canvas_puts_right(cv, x + label_w, y, x, ROLE_HIST_LABEL, label);
		x += label_w + 1;
		fmt_count(h->slots[i], num, sizeof(num));
		canvas_puts_right(cv, x + count_w, y, x, h->slots[i] ? ROLE_VALUE : ROLE_VALUE_ZERO, num);
		x += count_w + 1;
		bar_draw(cv, x, y, r.x + r.w - x, (double)h->slots[i], (double)max, ROLE_HIST_BAR);
	}
}
