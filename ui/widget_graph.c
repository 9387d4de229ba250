/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Sparklines and histogram bars drawn with Unicode block elements
 * (flush.c swaps them for ASCII on terminals without UTF-8). */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "format.h"
#include "role.h"
#include "widget_graph.h"

#define SPARK_BASE 0x2581	/* LOWER ONE EIGHTH BLOCK .. 0x2588 FULL BLOCK */
#define FULL_BLOCK 0x2588
#define GRAPH_SCALE_MAX 1e15	/* no rate is higher: a scale of it stays a number */
/* LEFT ONE EIGHTH .. LEFT SEVEN EIGHTHS BLOCK, by eighths */
static const uint32_t left_eighths[8] = { 0, 0x258f, 0x258e, 0x258d, 0x258c, 0x258b, 0x258a, 0x2589 };

void spark_draw(struct canvas *cv, int x, int y, int maxx, const double *v, unsigned n,
		double least, unsigned role)
{
	unsigned shown, first;
	double max = least;

	if (maxx <= x || !n)
		return;
	shown = (unsigned)(maxx - x) < n ? (unsigned)(maxx - x) : n;
	first = n - shown;
	for (unsigned i = first; i < n; i++)
		if (isfinite(v[i]) && v[i] > max)
			max = v[i];
	/* Right-aligned so the newest sample always sits in the same column. */
	x = maxx - (int)shown;
	for (unsigned i = first; i < n; i++) {
		uint32_t ch = ' ';

		if (v[i] > 0 && max > 0) {	/* false for NAN */
			int level = (int)(fmin(v[i] / max, 1.0) * 7.0 + 0.5);

			ch = SPARK_BASE + (uint32_t)(level < 0 ? 0 : level > 7 ? 7 : level);
		}
		canvas_putc(cv, x++, y, maxx, ch, role);
	}
}

double graph_scale(const double *v, unsigned n, double least)
{
	/* steps of at most 1.5 times, so a graph fills two thirds of its
	 * height at least */
	static const double steps[] = { 1, 1.5, 2, 3, 4, 5, 6, 8, 10 };
	double m = least > 0 ? least : 1, p;

	for (unsigned i = 0; i < n; i++)
		if (isfinite(v[i]) && v[i] > m)
			m = v[i];
	if (m > GRAPH_SCALE_MAX)
		m = GRAPH_SCALE_MAX;	/* a hostile recording's rates */
	p = pow(10, floor(log10(m)));
	for (unsigned i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (steps[i] * p >= m * (1 - 1e-12))
			return steps[i] * p;
	return 10 * p;
}

void graph_draw(struct canvas *cv, struct rect r, const double *v, unsigned n, double max,
		unsigned role)
{
	unsigned shown = r.w > 0 && (unsigned)r.w < n ? (unsigned)r.w : n;
	int x;

	if (r.w <= 0 || r.h <= 0 || !(max > 0))
		return;
	x = r.x + r.w - (int)shown;
	for (unsigned i = n - shown; i < n; i++, x++) {
		long eighths;

		if (!(v[i] > 0))	/* nothing, or not known */
			continue;
		eighths = lround(fmin(v[i] / max, 1.0) * r.h * 8);
		if (eighths < 1)
			eighths = 1;	/* a tick with events never looks empty */
		for (int row = 0; row < r.h && eighths > 0; row++, eighths -= 8)
			canvas_putc(cv, x, r.y + r.h - 1 - row, x + 1,
				    eighths >= 8 ? FULL_BLOCK : SPARK_BASE + (uint32_t)(eighths - 1), role);
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

/* Slot i's label "lo-hiunit" ("512-1023us", "1-2ms") in parts: the low
 * bound and the text after the high bound (the unit) into lo, the high
 * bound and its unit into hi. False when the label has no such form. */
static bool slot_bounds(unsigned i, char *lo, char *hi, size_t len)
{
	char label[32];
	const char *dash, *unit;

	hist_slot_label(i, label, sizeof(label));
	dash = strchr(label, '-');
	if (!dash)
		return false;
	for (unit = dash + 1; *unit >= '0' && *unit <= '9'; unit++)
		;
	snprintf(lo, len, "%.*s%.4s", (int)(dash - label), label, unit);
	snprintf(hi, len, "%.12s", dash + 1);
	return true;
}

/* "<128us" for the slots below slot i, ">=4ms" for slot i and above. */
static void tail_label(unsigned i, bool below, char *buf, size_t len)
{
	char lo[32], hi[32];

	if (!slot_bounds(i, lo, hi, sizeof(lo)))
		hist_slot_label(i, buf, len);
	else
		snprintf(buf, len, "%s%.16s", below ? "<" : ">=", lo);
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

#define SHADE_LIGHT 0x2591	/* LIGHT SHADE; MEDIUM 0x2592, DARK 0x2593, then FULL BLOCK */

static const unsigned heat_roles[4] = { ROLE_HEAT_1, ROLE_HEAT_2, ROLE_HEAT_3, ROLE_HEAT_4 };

/* 1..4 for count c of the busiest cell's m, on a log scale: 1 for a
 * single request, 4 for the busiest; 0 for none. */
static int heat_level(uint64_t c, uint64_t m)
{
	int l;

	if (!c)
		return 0;
	if (c >= m)
		return 4;
	l = 1 + (int)floor(3.0 * log((double)c) / log((double)m));
	return l < 1 ? 1 : l > 4 ? 4 : l;
}

static uint32_t heat_glyph(int level)
{
	return level >= 4 ? FULL_BLOCK : SHADE_LIGHT + (uint32_t)(level - 1);
}

/* "-90s", "-15m", "-2h" for the span of n columns. */
static void span_label(unsigned n, double interval_s, char *buf, size_t len)
{
	double s = n * interval_s;

	if (s < 120)
		snprintf(buf, len, "-%.0fs", s);
	else if (s < 7200)
		snprintf(buf, len, "-%.0fm", s / 60);
	else
		snprintf(buf, len, "-%.0fh", s / 3600);
}

/* The axis row: the span at the left, "now" at the right, and the
 * lowest count of each shade between them when they fit. */
static void heat_axis(struct canvas *cv, int x, int y, int maxx, unsigned shown, double interval_s,
		      uint64_t m)
{
	const char *legend = "requests per interval:";
	char span[16], num[16];

	span_label(shown, interval_s, span, sizeof(span));
	x += canvas_puts(cv, x, y, maxx, ROLE_LABEL, span);
	canvas_puts_right(cv, maxx, y, x, ROLE_LABEL, "now");
	if (!m)
		return;
	x += 2;
	if (x + text_width(legend) + 8 + 4 > maxx)	/* the words, one shade and "now" */
		return;
	x += canvas_puts(cv, x, y, maxx, ROLE_LABEL, legend);
	for (int l = 1; l <= 4; l++) {
		/* the lowest count drawn at level l, if any is */
		uint64_t c = l == 1 ? 1 : (uint64_t)floor(pow((double)m, (l - 1) / 3.0));

		while (c > 1 && heat_level(c - 1, m) >= l)
			c--;
		while (c <= m && heat_level(c, m) < l)
			c++;
		if (c > m || heat_level(c, m) != l)
			continue;
		fmt_count(c, num, sizeof(num));
		if (x + 4 + text_width(num) + 4 > maxx)
			break;
		x++;
		canvas_putc(cv, x++, y, maxx, heat_glyph(l), heat_roles[l - 1]);
		x += canvas_puts(cv, x, y, maxx, ROLE_LABEL, num);
		x += canvas_puts(cv, x, y, maxx, ROLE_LABEL, "+");
	}
}

/* The label of slots a..b: "128-255us" for one, "16-64ms", "512us-2ms"
 * for more (the low bound of a, the high bound of b). */
static void group_label(unsigned a, unsigned b, char *buf, size_t len)
{
	char alo[32], ahi[32], blo[32], bhi[32];
	size_t n;

	if (a == b || !slot_bounds(a, alo, ahi, sizeof(alo)) || !slot_bounds(b, blo, bhi, sizeof(blo))) {
		hist_slot_label(a, buf, len);
		return;
	}
	/* one unit for both ends: written once, after the high bound */
	n = strspn(alo, "0123456789");
	if (!strcmp(alo + n, bhi + strspn(bhi, "0123456789")))
		snprintf(buf, len, "%.*s-%.12s", (int)(n < 12 ? n : 12), alo, bhi);
	else
		snprintf(buf, len, "%.12s-%.12s", alo, bhi);
}

void heat_draw(struct canvas *cv, struct rect r, const struct hist *cols, const bool *known,
	       unsigned n, double interval_s)
{
	int lo = HIST_SLOTS, hi = -1, rows = r.h - 1, label_w = 0, range, group, per, gx, gw;
	unsigned shown, first;
	uint64_t m = 0;
	char label[32];

	if (r.h < 2 || r.w < 20 || !n)
		return;
	/* the labels take what the widest of them needs; the rest is time */
	for (int i = 0; i < HIST_SLOTS; i++) {
		hist_slot_label((unsigned)i, label, sizeof(label));
		if (text_width(label) > label_w)
			label_w = text_width(label);
	}
	gx = r.x + label_w + 1;
	gw = r.x + r.w - gx;
	shown = (unsigned)gw < n ? (unsigned)gw : n;
	first = n - shown;
	for (unsigned i = first; i < n; i++) {
		if (!known[i])
			continue;
		for (int s = 0; s < HIST_SLOTS; s++)
			if (cols[i].slots[s]) {
				if (s < lo)
					lo = s;
				if (s > hi)
					hi = s;
			}
	}
	if (hi < 0) {
		heat_axis(cv, gx, r.y + r.h - 1, r.x + r.w, shown, interval_s, 0);
		canvas_puts(cv, gx, r.y + r.h - 2, r.x + r.w, ROLE_VALUE_ZERO, "no block I/O in this time");
		return;
	}
	/* Two slots of context on each side when there is room; then as
	 * many rows per slot as fit, and more context for the rows left. */
	for (int k = 0; k < 2 && hi - lo + 1 < rows; k++) {
		if (lo > 0)
			lo--;
		if (hi - lo + 1 < rows && hi < HIST_SLOTS - 1)
			hi++;
	}
	range = hi - lo + 1;
	group = (range + rows - 1) / rows;	/* slots per row when they outnumber the rows */
	per = group > 1 ? 1 : rows / range;
	while ((group == 1 ? (range + 1) * per <= rows : (range + group) / group <= rows) &&
	       (lo > 0 || hi < HIST_SLOTS - 1)) {
		if (lo > 0 && (hi == HIST_SLOTS - 1 || (hi - lo) % 2))
			lo--;
		else
			hi++;
		range++;
	}
	/* a row of several slots has a longer label ("512us-2ms"): the time
	 * gives up the columns it needs */
	for (int g = 0; group > 1 && g * group < range; g++) {
		int a = lo + g * group, b = a + group - 1 < hi ? a + group - 1 : hi, wd;

		group_label((unsigned)a, (unsigned)b, label, sizeof(label));
		wd = text_width(label);
		if (wd > label_w && wd - label_w < gw) {
			gx += wd - label_w;
			gw -= wd - label_w;
			label_w = wd;
			shown = (unsigned)gw < n ? (unsigned)gw : n;
			first = n - shown;
		}
	}
	for (int g = 0; g * group < range; g++) {
		int a = lo + g * group, b = a + group - 1 < hi ? a + group - 1 : hi;

		for (unsigned i = first; i < n; i++) {
			uint64_t c = 0;

			if (!known[i])
				continue;
			for (int s = a; s <= b; s++)
				c += cols[i].slots[s];
			if (c > m)
				m = c;
		}
	}
	for (int g = 0; g * group < range; g++) {
		int a = lo + g * group, b = a + group - 1 < hi ? a + group - 1 : hi;
		int ybot = r.y + rows - 1 - g * per, x = gx + (int)(gw - (int)shown);

		group_label((unsigned)a, (unsigned)b, label, sizeof(label));
		canvas_puts_right(cv, r.x + label_w, ybot - (per - 1) / 2, r.x, ROLE_HIST_LABEL, label);
		for (unsigned i = first; i < n; i++, x++) {
			uint64_t c = 0;
			int level;

			if (!known[i])
				continue;
			for (int s = a; s <= b; s++)
				c += cols[i].slots[s];
			level = heat_level(c, m);
			for (int k = 0; level && k < per; k++)
				canvas_putc(cv, x, ybot - k, x + 1, heat_glyph(level), heat_roles[level - 1]);
		}
	}
	heat_axis(cv, gx, r.y + r.h - 1, r.x + r.w, shown, interval_s, m);
}
