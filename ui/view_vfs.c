/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The VFS pane: reads, writes, opens, creates and fsyncs per second, each
 * with a sparkline of its recent rates. When the counts come from syscall
 * tracepoints rather than the VFS itself, the title says "approximate".
 * A pane shorter than the five operations shows them side by side. */
#include <stdio.h>
#include "format.h"
#include "role.h"
#include "view.h"
#include "widget_graph.h"


#define GRID_CELL_W 14	/* "create  18.2k" and a gap */

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

void view_vfs(const struct view_ctx *vc, struct rect r, bool focused)
{
	const struct tt_snapshot *s = vc->snap;
	const struct tt_source_status *src = s ? &s->src[TT_SRC_VFS] : NULL;
	struct rect b;
	char info[128] = "", num[16];
	bool wide;

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
	if (b.h < VFS_OP_MAX && b.h > 0) {
		vfs_grid(vc, b);
		return;
	}
	/* A zoomed or wide pane has room for the totals too. */
	wide = b.w >= 56;
	for (int op = 0; op < VFS_OP_MAX && op < b.h; op++) {
		int y = b.y + op, x = b.x + 1, maxx = b.x + b.w - 1;
		double rate = s->vfs.rate[op];

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
		/* The sparkline sits next to the numbers, as wide as its
		 * history at most, the newest sample at its right end. */
		if (maxx > x + TT_SPARK_LEN)
			maxx = x + TT_SPARK_LEN;
		if (x < maxx)
			spark_draw(vc->cv, x, y, maxx, s->vfs.spark[op],
				   s->vfs.spark_len < TT_SPARK_LEN ? s->vfs.spark_len : TT_SPARK_LEN, ROLE_SPARK);
	}
}
