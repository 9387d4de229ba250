/* The VFS pane: reads, writes, opens, creates and fsyncs per second, each
 * with a sparkline of its recent rates. When the counts come from syscall
 * tracepoints rather than the VFS itself, the title says "approximate". */
#include <stdio.h>
#include "format.h"
#include "role.h"
#include "view.h"
#include "widget_graph.h"

static const char *const op_names[VFS_OP_MAX] = {
	[VFS_READ] = "read", [VFS_WRITE] = "write", [VFS_OPEN] = "open",
	[VFS_CREATE] = "create", [VFS_FSYNC] = "fsync",
};

void view_vfs(const struct view_ctx *vc, struct rect r, bool focused)
{
	const struct tt_snapshot *s = vc->snap;
	const struct tt_source_status *src = s ? &s->src[TT_SRC_VFS] : NULL;
	struct rect b;
	char info[128] = "", num[16];
	bool wide;

	if (s && src->state == TT_STATE_RUNNING)
		snprintf(info, sizeof(info), "%s%s", src->hook, s->vfs.approximate ? ", approximate" : "");
	b = pane_frame(vc, r, focused, "VFS ops/s", info);
	if (pane_no_data(vc, b) || pane_source_down(vc, b, TT_SRC_VFS))
		return;
	/* A zoomed or wide pane has room for the totals too. */
	wide = b.w >= 60;
	for (int op = 0; op < VFS_OP_MAX && op < b.h; op++) {
		int y = b.y + op, x = b.x + 1, maxx = b.x + b.w;
		double rate = s->vfs.rate[op];

		canvas_puts(vc->cv, x, y, maxx, ROLE_LABEL, op_names[op]);
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
		if (x < maxx - 1)
			spark_draw(vc->cv, x, y, maxx - 1, s->vfs.spark[op],
				   s->vfs.spark_len < TT_SPARK_LEN ? s->vfs.spark_len : TT_SPARK_LEN, ROLE_SPARK);
	}
}
