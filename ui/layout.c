/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Where each pane goes for a given terminal size (see layout.h).
 *
 * Wide screens (70 columns and more) get two columns: VFS over block I/O
 * on the left, syscalls on the right, the event log across the bottom.
 * Tall ones (a body from which two fifths for the log leave PROCS_AT
 * rows) put the processes pane across the screen between the two
 * columns and the log, as high as its rows need up to a third of what a
 * quarter for the log leaves, the log taking what it does not use; on the others it takes the syscalls pane's
 * place while it has the focus. The higher the columns, the more rows
 * each VFS operation's graph gets (one, two or three); block I/O keeps
 * the rest for its histogram and heatmap.
 * The syscalls column gets a little more than half at 80 columns, where
 * its table needs 43 to show every column, and never more than its
 * widest table uses: beyond that the graphs on the left get the room.
 * Narrow ones stack the panes; when even that leaves a pane without a
 * data row, only the focused pane is shown, as if zoomed. */
#include <string.h>
#include "layout.h"
#include "vfs.h"

#define PANE_MIN_H 2	/* title + one line */
#define VFS_H 6		/* title + five operations */
#define VFS_ROWS_MAX 3	/* graph rows per operation, at most */
#define BIO_KEEP 16	/* rows block I/O keeps (histogram and heatmap) before VFS graphs grow */
#define PROCS_MIN 4	/* title, column heads, two rows */
#define RIGHT_MAX_W 70	/* the syscall table at its widest, and a margin */
#define PROCS_AT 28	/* top rows from which the processes pane has its own band */
#define UPPER_MIN 20	/* rows the two columns keep above it (VFS, 14 of block I/O) */

static struct rect rect_make(int x, int y, int w, int h)
{
	return (struct rect){ x, y, w, h };
}

static void show(struct layout *l, enum ui_pane p, struct rect r)
{
	l->pane[p] = r;
	l->shown[p] = r.w > 0 && r.h >= PANE_MIN_H;
}

/* The VFS pane's rows in a column top_h high: a title and a row per
 * operation; on a tall screen (graphs) two or three rows per operation
 * when block I/O still keeps BIO_KEEP. A column too short for two panes
 * of VFS_H gives each half. */
static int vfs_rows(int top_h, bool graphs)
{
	int k = (top_h - 1 - BIO_KEEP) / VFS_OP_MAX;

	if (top_h < 2 * VFS_H)
		return top_h / 2;
	if (!graphs || k < 2)
		return VFS_H;
	return 1 + VFS_OP_MAX * (k > VFS_ROWS_MAX ? VFS_ROWS_MAX : k);
}

static void two_columns(struct layout *l, struct rect b, enum ui_pane focus,
			const struct layout_want *want)
{
	int log_h = b.h * 2 / 5, top_h, left_w = b.w * 9 / 20, vfs_h, procs_h = 0;
	int log_min = b.h / 4 > 3 ? b.h / 4 : 3;
	enum ui_pane right = PANE_SYSCALLS;

	if (b.w - left_w - 1 > RIGHT_MAX_W)
		left_w = b.w - RIGHT_MAX_W - 1;
	if (log_h < 3)
		log_h = 3;
	top_h = b.h - log_h;
	if (top_h >= PROCS_AT) {
		int rest = b.h - log_min, cap;

		top_h = rest * 2 / 3 > UPPER_MIN ? rest * 2 / 3 : UPPER_MIN;
		procs_h = cap = rest - top_h;
		if (want && want->rows[PANE_PROCS] > 0 && want->rows[PANE_PROCS] < cap)
			procs_h = want->rows[PANE_PROCS] > PROCS_MIN ? want->rows[PANE_PROCS] : PROCS_MIN;
		log_h = b.h - top_h - procs_h;
		show(l, PANE_PROCS, rect_make(b.x, b.y + top_h, b.w, procs_h));
	} else if (focus == PANE_PROCS) {
		right = PANE_PROCS;
	}
	vfs_h = vfs_rows(top_h, procs_h > 0);	/* graphs only where the band is: they grow with the screen */
	show(l, PANE_VFS, rect_make(b.x, b.y, left_w, vfs_h));
	show(l, PANE_BIO, rect_make(b.x, b.y + vfs_h, left_w, top_h - vfs_h));
	show(l, right, rect_make(b.x + left_w + 1, b.y, b.w - left_w - 1, top_h));
	show(l, PANE_LOG, rect_make(b.x, b.y + top_h + procs_h, b.w, log_h));
}

/* One pane over the other: VFS, syscalls (or processes, while focused),
 * block I/O, the log. The VFS pane takes its five rows when each pane
 * can have as many, else three (it then shows the rates side by side);
 * the others share the rest. */
static void stacked(struct layout *l, struct rect b, enum ui_pane focus)
{
	const enum ui_pane order[] = {
		PANE_VFS, focus == PANE_PROCS ? PANE_PROCS : PANE_SYSCALLS, PANE_BIO, PANE_LOG,
	};
	int n = (int)(sizeof(order) / sizeof(order[0]));
	int each = b.h / n, y = b.y, vfs_h, rest;

	if (each < 3) {
		show(l, focus, b);
		return;
	}
	vfs_h = each >= VFS_H ? VFS_H : 3;
	rest = (b.h - vfs_h) / (n - 1);
	for (int i = 0; i < n; i++) {
		int h = order[i] == PANE_VFS ? vfs_h : i == n - 1 ? b.y + b.h - y : rest;

		show(l, order[i], rect_make(b.x, y, b.w, h));
		y += h;
	}
}

void layout_compute(struct layout *l, int w, int h, bool zoom, enum ui_pane focus,
		    const struct layout_want *want)
{
	memset(l, 0, sizeof(*l));
	if (w < LAYOUT_MIN_W || h < LAYOUT_MIN_H) {
		l->too_small = true;
		return;
	}
	l->header = rect_make(0, 0, w, 2);
	l->footer = rect_make(0, h - 1, w, 1);
	l->body = rect_make(0, 2, w, h - 3);
	if (zoom)
		show(l, focus, l->body);
	else if (w >= 70)
		two_columns(l, l->body, focus, want);
	else
		stacked(l, l->body, focus);
}
