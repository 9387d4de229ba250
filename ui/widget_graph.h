/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Small graphics made of block characters: sparklines of recent rates
 * and horizontal histogram bars. */
#ifndef TRACETOP_UI_WIDGET_GRAPH_H
#define TRACETOP_UI_WIDGET_GRAPH_H

#include "canvas.h"
#include "hist.h"

/* The newest samples of v[0..n) (oldest first) that fit between x and
 * maxx, scaled to their own maximum; newest at the right edge. */
void spark_draw(struct canvas *cv, int x, int y, int maxx, const double *v, unsigned n, unsigned role);
/* A bar of value/max of the width w, in eighths of a cell. */
void bar_draw(struct canvas *cv, int x, int y, int w, double value, double max, unsigned role);
/* A log2 latency histogram in r: one row per slot (label, count, bar).
 * When not all fit it shows the slots with the most counts, and the
 * hidden ones summed in a row below ("<128us") and above (">=4ms"). */
void hist_draw(struct canvas *cv, struct rect r, const struct hist *h);

#endif
