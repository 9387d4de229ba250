/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The VFS pane: reads, writes, opens, creates and fsyncs per second, each
 * with a sparkline of its recent rates; a pane with two rows or more per
 * operation draws each as a graph that many rows high with its scale.
 * When the counts come from syscall tracepoints rather than the VFS
 * itself, the title says "approximate". A pane shorter than the five
 * operations shows them side by side. */
#include <math.h>
#include <stdio.h>
#include "format.h"
#include "role.h"
#include "view.h"
#include "widget_graph.h"


#define GRID_CELL_W 14	/* "create  18.2k" and a gap */
#define VFS_LABEL_W 15	/* "create   18.2k" in front of a graph */
/* The least a graph's or sparkline's top stands for, in operations per
 * second: one event in a quiet second is a low bar, not a full one. */
#define VFS_SCALE_FLOOR 10.0

/* A pane too short for a row per operation (stacked panes on a small
 * screen): the five rates side by side, in as many rows as there are. */
static void vfs_grid(const struct view_ctx *vc, struct rect b)
{
	const struct tt_snapshot *s = vc->snap;
	int per_row = (VFS_OP_MAX + b.h - 1) / b.h, cell_w = (b.w - 1) / per_row;
	char num[16];

	if (cell_w < GRID_CELL_W)
		cell_w = GRID_CELL_W;	/* what does not fit is left out */
	for (int op = 0; op < VFS_OP_MAX; op++) {
		int x = b.x + 1 + op % per_row * cell_w, y = b.y + op / per_row;
		int maxx = x + cell_w - 1;
		double rate = s->vfs.rate[op];

		if (maxx > b.x + b.w)
			continue;

		canvas_puts(vc->cv, x, y, maxx, ROLE_LABEL, tt_vfs_op_names[op]);
		fmt_rate(rate, num, sizeof(num));
		canvas_puts_right(vc->cv, maxx, y, x + 7, rate > 0 ? ROLE_VALUE : ROLE_VALUE_ZERO, num);
	}
}

/* The rates of op for the n ticks up to the snapshot's, oldest first,
 * NAN where a tick is not known: from the screen's tick history, or
 * the snapshot's own sparkline when scoped (its rates are the scope's,
 * with no past) or when there is no history. */
static void vfs_series(const struct view_ctx *vc, int op, double *out, unsigned n)
{
	const struct tt_snapshot *s = vc->snap;
	unsigned len = s->vfs.spark_len < TT_SPARK_LEN ? s->vfs.spark_len : TT_SPARK_LEN;
	bool own = scope_on(&vc->st->scope) || !vc->st->ticks;

	for (unsigned i = 0; i < n; i++) {
		unsigned back = n - 1 - i;	/* ticks before the snapshot's */

		out[i] = NAN;
		if (own) {
			if (back < len)
				out[i] = s->vfs.spark[op][len - 1 - back];
		} else if (back < s->seq) {
			tick_history_vfs(vc->st->ticks, s->seq - back, op, &out[i]);
		}
	}
	if (own && !len && n)
		out[n - 1] = s->vfs.rate[op];
}

/* One row per operation: name, rate, the total when wide, and a
 * sparkline of as many past ticks as the rest of the row holds. */
static void vfs_rows(const struct view_ctx *vc, struct rect b)
{
	const struct tt_snapshot *s = vc->snap;
	bool wide = b.w >= 56;	/* a zoomed or wide pane has room for the totals too */
	double v[TICK_HISTORY_COLS];
	char num[16];

	for (int op = 0; op < VFS_OP_MAX && op < b.h; op++) {
		int y = b.y + op, x = b.x + 1, maxx = b.x + b.w - 1;
		double rate = s->vfs.rate[op];
		unsigned n;

		canvas_puts(vc->cv, x, y, maxx, ROLE_LABEL, tt_vfs_op_names[op]);
		x += 7;
		fmt_rate(rate, num, sizeof(num));
		canvas_puts_right(vc->cv, x + 7, y, x, rate > 0 ? ROLE_VALUE : ROLE_VALUE_ZERO, num);
		x += 8;
		if (wide) {
			fmt_count(s->vfs.total[op], num, sizeof(num));
			canvas_puts(vc->cv, x, y, maxx, ROLE_LABEL, "total");
			canvas_puts_right(vc->cv, x + 14, y, x + 6, ROLE_VALUE, num);
			x += 15;
		}
		if (x >= maxx)
			continue;
		n = (unsigned)(maxx - x) < TICK_HISTORY_COLS ? (unsigned)(maxx - x) : TICK_HISTORY_COLS;
		vfs_series(vc, op, v, n);
		spark_draw(vc->cv, x, y, maxx, v, n, VFS_SCALE_FLOOR, ROLE_SPARK);
	}
}

/* k rows per operation: its name and rate, the top of its graph's scale
 * ("max"), its total when there is a third row, and a graph k rows high
 * (a row less, to keep the graphs apart, from three) of as many past
 * ticks as the pane is wide. */
static void vfs_graphs(const struct view_ctx *vc, struct rect b, int k)
{
	const struct tt_snapshot *s = vc->snap;
	int gh = k >= 3 ? k - 1 : k, gx = b.x + VFS_LABEL_W + 1, gw = b.x + b.w - 1 - gx;
	double v[TICK_HISTORY_COLS];
	char num[16], top[24];

	for (int op = 0; op < VFS_OP_MAX; op++) {
		int y = b.y + op * k, x = b.x + 1, maxx = b.x + VFS_LABEL_W;
		double rate = s->vfs.rate[op], max;
		unsigned n = gw > 0 ? ((unsigned)gw < TICK_HISTORY_COLS ? (unsigned)gw : TICK_HISTORY_COLS) : 0;

		canvas_puts(vc->cv, x, y, maxx, ROLE_LABEL, tt_vfs_op_names[op]);
		fmt_rate(rate, num, sizeof(num));
		canvas_puts_right(vc->cv, maxx, y, x + 7, rate > 0 ? ROLE_VALUE : ROLE_VALUE_ZERO, num);
		vfs_series(vc, op, v, n);
		max = graph_scale(v, n, VFS_SCALE_FLOOR);
		fmt_rate(max, top, sizeof(top));
		canvas_puts(vc->cv, x + 1, y + 1, maxx, ROLE_VALUE_ZERO, "max");
		canvas_puts_right(vc->cv, maxx, y + 1, x + 5, ROLE_VALUE_ZERO, top);
		if (k >= 3) {
			fmt_count(s->vfs.total[op], num, sizeof(num));
			canvas_puts(vc->cv, x + 1, y + 2, maxx, ROLE_VALUE_ZERO, "total");
			canvas_puts_right(vc->cv, maxx, y + 2, x + 7, ROLE_VALUE_ZERO, num);
		}
		if (n)
			graph_draw(vc->cv, (struct rect){ gx, y, gw, gh }, v, n, max, ROLE_SPARK);
	}
}

void view_vfs(const struct view_ctx *vc, struct rect r, bool focused)
{
	const struct tt_snapshot *s = vc->snap;
	const struct tt_source_status *src = s ? &s->src[TT_SRC_VFS] : NULL;
	struct rect b;
	char info[128] = "";

	if (scope_on(&vc->st->scope)) {
		char who[96];

		scope_label(vc->st, who, sizeof(who));
		snprintf(info, sizeof(info), "%s: from its syscalls", who);
	} else if (s && src->state == TT_STATE_RUNNING) {
		snprintf(info, sizeof(info), "%s%s", src->hook, s->vfs.approximate ? ", approximate" : "");
	}
	b = pane_frame(vc, r, focused, "VFS ops/s", info);
	if (pane_no_data(vc, b) || pane_source_down(vc, b, TT_SRC_VFS))
		return;
	if (b.h < VFS_OP_MAX && b.h > 0)
		vfs_grid(vc, b);
	else if (b.h >= 2 * VFS_OP_MAX && b.w >= VFS_LABEL_W + 12)
		vfs_graphs(vc, b, b.h / VFS_OP_MAX > 3 ? 3 : b.h / VFS_OP_MAX);
	else
		vfs_rows(vc, b);
}
