/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The process tree screen (F5): the processes seen forking or exec'ing
 * since tracetop started, each under its parent, siblings in start order
 * (proc_tree.h), as htop's tree shows live ones; the short-lived ones no
 * /proc scan would see included, with how each ended. A root's parent is
 * named after it ("← bash 812"). Names and command lines come from traced
 * processes and are sanitised. The screen scrolls. */
#include <stdio.h>
#include <string.h>
#include "role.h"
#include "sanitize.h"
#include "view.h"

#define TREE_INDENT_MAX 24	/* levels drawn; deeper ones keep that indent */

/* Whether a row after i sits at depth d before any row shallower than d:
 * the branch at depth d goes on below row i. */
static bool more_at(const struct tt_tree_row *rows, size_t n, size_t i, unsigned d)
{
	for (size_t j = i + 1; j < n && rows[j].depth >= d; j++)
		if (rows[j].depth == d)
			return true;
	return false;
}

static void status_text(const struct tt_tree_row *r, char *buf, size_t len)
{
	int sig = r->exit_code & 0x7f;

	if (!r->exited)
		snprintf(buf, len, "running");
	else if (sig)
		snprintf(buf, len, "signal %d", sig);
	else
		snprintf(buf, len, "exit %d", (r->exit_code >> 8) & 0xff);
}

static void draw_row(const struct view_ctx *vc, const struct tt_tree_row *rows, size_t n, size_t i,
		     int y, struct rect b)
{
	const struct tt_tree_row *r = &rows[i];
	struct canvas *cv = vc->cv;
	int x = b.x + 1, maxx = b.x + b.w;
	char buf[4 * TT_TREE_CMD_LEN + 64];
	unsigned levels = r->depth < TREE_INDENT_MAX ? r->depth : TREE_INDENT_MAX;

	pane_clock(vc->snap, r->start_ns, buf, sizeof(buf));
	x += canvas_puts(cv, x, y, maxx, ROLE_VALUE, buf) + 1;
	snprintf(buf, sizeof(buf), "%7u", r->pid);
	x += canvas_puts(cv, x, y, maxx, ROLE_VALUE, buf) + 1;
	status_text(r, buf, sizeof(buf));
	canvas_puts(cv, x, y, maxx, r->exited ? ROLE_VALUE_ZERO : ROLE_VALUE, buf);
	x += 11;
	for (unsigned d = 1; d <= levels && x < maxx; d++) {
		const char *s = d < levels ? (more_at(rows, n, i, d) ? "\u2502  " : "   ") :
				more_at(rows, n, i, d) ? "\u251c\u2500 " : "\u2514\u2500 ";

		x += canvas_puts(cv, x, y, maxx, ROLE_VALUE_ZERO, s);
	}
	sanitize(buf, sizeof(buf), r->comm, strnlen(r->comm, sizeof(r->comm)));
	x += canvas_puts(cv, x, y, maxx, r->exited ? ROLE_VALUE_ZERO : ROLE_LABEL, buf);
	if (r->cmd[0] && x + 1 < maxx) {
		sanitize(buf, sizeof(buf), r->cmd, strnlen(r->cmd, sizeof(r->cmd)));
		x += 1 + canvas_puts(cv, x + 1, y, maxx, ROLE_DEFAULT, buf);
	}
	if (!r->depth && x + 1 < maxx) {
		char pcomm[4 * TT_COMM_LEN + 1];

		sanitize(pcomm, sizeof(pcomm), r->pcomm, strnlen(r->pcomm, sizeof(r->pcomm)));
		snprintf(buf, sizeof(buf), "\u2190 %s %u", pcomm[0] ? pcomm : "?", r->ppid);
		canvas_puts(cv, x + 1, y, maxx, ROLE_VALUE_ZERO, buf);
	}
}

void view_tree(const struct view_ctx *vc, struct rect r)
{
	struct ui_state *st = vc->st;
	const struct tt_snapshot *s = vc->snap;
	char info[160] = "";
	struct rect b;
	size_t n;
	int max_scroll;

	if (s && s->seq)
		snprintf(info, sizeof(info), "%zu processes seen forking or exec'ing (the exited kept "
			 "60 s)%s, Up/Down scroll, Esc returns", s->n_tree,
			 s->tree_untracked ? ", some not held: the tree was full" : "");
	b = pane_frame(vc, r, true, "Process tree", info);
	if (pane_no_data(vc, b) || pane_source_down(vc, b, TT_SRC_EXEC))
		return;
	n = s->n_tree;
	if (b.h < 2)
		return;
	canvas_fill(vc->cv, (struct rect){ b.x, b.y, b.w, 1 }, ' ', ROLE_COLUMN);
	canvas_puts(vc->cv, b.x + 1, b.y, b.x + b.w, ROLE_COLUMN,
		    "STARTED      PID STATUS     COMMAND");
	b.y++, b.h--;
	if (!n) {
		canvas_puts(vc->cv, b.x + 1, b.y, b.x + b.w, ROLE_VALUE_ZERO,
			    "no process has forked or exec'd yet");
		return;
	}
	max_scroll = (int)n > b.h ? (int)n - b.h : 0;
	if (st->tree_scroll > max_scroll)
		st->tree_scroll = max_scroll;
	for (int k = 0; k < b.h && (size_t)(st->tree_scroll + k) < n; k++)
		draw_row(vc, s->tree, n, (size_t)(st->tree_scroll + k), b.y + k, b);
}
