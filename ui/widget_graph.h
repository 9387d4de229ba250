/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small graphics made of block characters: sparklines of recent rates
 * and horizontal histogram bars. */
#ifndef TRACETOP_UI_WIDGET_GRAPH_H
#define TRACETOP_UI_WIDGET_GRAPH_H

#include <stdbool.h>
#include "canvas.h"
#include "hist.h"

/* The newest samples of v[0..n) (oldest first) that fit between x and
 * maxx, scaled to their own maximum but never to less than least (so a
 * single event is not a full bar); newest at the right edge. */
void spark_draw(struct canvas *cv, int x, int y, int maxx, const double *v, unsigned n,
		double least, unsigned role);
/* The top of a graph of v[0..n): their largest finite value (never less
 * than least, never more than 1e15) rounded up to 1, 1.5, 2, 3, 4, 5, 6
 * or 8 times a power of ten, so that its label reads plainly and the
 * graph fills two thirds of its height at least. */
double graph_scale(const double *v, unsigned n, double least);
/* A bar graph r.h rows high of the newest samples of v[0..n) (oldest
 * first; NAN for a tick not known, drawn blank) that fit in r, scaled
 * to max, in eighths of a row; newest at the right edge. */
void graph_draw(struct canvas *cv, struct rect r, const double *v, unsigned n, double max,
		unsigned role);
/* A latency heatmap in r: time across (cols[0..n), oldest first, the
 * newest at the right edge; known[i] false for a tick not seen), log2
 * latency slots up, shaded by count (░▒▓█, heat-1..4) on a log scale of
 * the busiest cell. The bottom row is the axis: how far back the left
 * edge is (interval_s seconds per column) and from what count of
 * requests in an interval each shade is drawn. */
void heat_draw(struct canvas *cv, struct rect r, const struct hist *cols, const bool *known,
	       unsigned n, double interval_s);
/* A bar of value/max of the width w, in eighths of a cell. */
void bar_draw(struct canvas *cv, int x, int y, int w, double value, double max, unsigned role);
/* A log2 latency histogram in r: one row per slot (label, count, bar).
 * When not all fit it shows the slots with the most counts, and the
 * hidden ones summed in a row below ("<128us") and above (">=4ms"). */
void hist_draw(struct canvas *cv, struct rect r, const struct hist *h);

#endif
