/* The syscalls pane: calls and errors per syscall, or (p) per process
 * with each process's busiest syscall. Sorting and held order come from
 * sort.c, the table drawing from widget_table.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format.h"
#include "role.h"
#include "sanitize.h"
#include "sort.h"
#include "view.h"
#include "widget_table.h"

/* Widths are those of the widest value format.c writes (a rate takes 5
 * columns, a count 6, a percentage 4) or of the title, so that every
 * column fits in the 43 columns the pane has on an 80-column screen.
 * Names stop growing at the longest syscall name (and comm) so that a
 * wide pane keeps the numbers next to them. */
static const struct table_col sc_cols[] = {
	{ "SYSCALL", SC_NAME, 0, 12, true, 0, 24 },
	{ "COUNT/s", SC_RATE, 7, 0, false, 0, 0 },
	{ "TOTAL", SC_TOTAL, 6, 0, false, 2, 0 },
	{ "ERR/s", SC_ERR_RATE, 5, 0, false, 0, 0 },
	{ "ERR%", SC_ERR_PCT, 4, 0, false, 1, 0 },
};

static const struct table_col pr_cols[] = {
	{ "PID", PR_PID, 7, 0, false, 0, 0 },
	{ "COMM", PR_COMM, 0, 8, true, 0, 16 },
	{ "SYSCALLS/s", PR_RATE, 10, 0, false, 0, 0 },
	{ "ERR/s", PR_ERR_RATE, 5, 0, false, 2, 0 },
	{ "TOTAL", PR_TOTAL, 6, 0, false, 3, 0 },
	{ "TOP SYSCALL", PR_TOP, 14, 0, true, 1, 0 },
};

struct rows {
	const struct tt_snapshot *snap;
	const size_t *idx;
};

static unsigned sc_cell(const void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct rows *rs = ctx;
	const struct tt_syscall_row *r = &rs->snap->syscalls[rs->idx[row]];

	switch (col) {
	case SC_NAME:
		if (r->name)
			snprintf(buf, len, "%s", r->name);
		else
			snprintf(buf, len, "syscall_%u", r->id);
		return ROLE_LABEL;
	case SC_RATE:
		fmt_rate(r->rate, buf, len);
		return r->rate > 0 ? ROLE_VALUE : ROLE_VALUE_ZERO;
	case SC_TOTAL:
		fmt_count(r->total, buf, len);
		return ROLE_VALUE;
	case SC_ERR_RATE:
		fmt_rate(r->err_rate, buf, len);
		return r->err_rate > 0 ? ROLE_VALUE_WARN : ROLE_VALUE_ZERO;
	default:
		if (!(r->rate > 0)) {
			snprintf(buf, len, "-");
			return ROLE_VALUE_ZERO;
		}
		fmt_percent(r->err_rate, r->rate, buf, len);
		return r->err_rate > 0 ? ROLE_VALUE_WARN : ROLE_VALUE_ZERO;
	}
}

static const char *syscall_name_in(const struct tt_snapshot *s, unsigned id, char *buf, size_t len)
{
	for (size_t i = 0; i < s->n_syscalls; i++)
		if (s->syscalls[i].id == id && s->syscalls[i].name)
			return s->syscalls[i].name;
	snprintf(buf, len, "syscall_%u", id);
	return buf;
}

static unsigned pr_cell(const void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct rows *rs = ctx;
	const struct tt_proc_row *r = &rs->snap->procs[rs->idx[row]];
	char tmp[32];

	switch (col) {
	case PR_PID:
		snprintf(buf, len, "%u", r->pid);
		return ROLE_VALUE;
	case PR_COMM:
		/* comm is whatever the process called itself: sanitise. */
		sanitize(buf, len, r->comm, strnlen(r->comm, sizeof(r->comm)));
		return ROLE_LABEL;
	case PR_RATE:
		fmt_rate(r->rate, buf, len);
		return r->rate > 0 ? ROLE_VALUE : ROLE_VALUE_ZERO;
	case PR_ERR_RATE:
		fmt_rate(r->err_rate, buf, len);
		return r->err_rate > 0 ? ROLE_VALUE_WARN : ROLE_VALUE_ZERO;
	case PR_TOTAL:
		fmt_count(r->total, buf, len);
		return ROLE_VALUE;
	default:
		snprintf(buf, len, "%s", syscall_name_in(rs->snap, r->top_id, tmp, sizeof(tmp)));
		return ROLE_LABEL;
	}
}

void view_syscalls(const struct view_ctx *vc, struct rect r, bool focused)
{
	struct ui_state *st = vc->st;
	const struct tt_snapshot *s = vc->snap;
	struct table_state *t = st->procs ? &st->pr : &st->sc;
	const struct table_col *cols = st->procs ? pr_cols : sc_cols;
	int ncols = st->procs ? (int)(sizeof(pr_cols) / sizeof(pr_cols[0])) : (int)(sizeof(sc_cols) / sizeof(sc_cols[0]));
	const char *title = st->procs ? "Syscalls by process" : "Syscalls";
	char info[64] = "";
	struct rows rs;
	size_t n, *idx;
	struct rect b;

	if (s && s->seq && s->src[TT_SRC_SYSCALL].state == TT_STATE_RUNNING)
		snprintf(info, sizeof(info), "%s%s", s->src[TT_SRC_SYSCALL].hook,
			 ui_state_held(st) ? ", held" : "");
	b = pane_frame(vc, r, focused, title, info);
	t->rows_shown = 0;
	if (pane_no_data(vc, b) || pane_source_down(vc, b, TT_SRC_SYSCALL))
		return;
	n = st->procs ? s->n_procs : s->n_syscalls;
	idx = malloc((n ? n : 1) * sizeof(*idx));
	if (!idx) {
		text_wrap(vc->cv, b, ROLE_VALUE_BAD, "out of memory");
		return;
	}
	if (st->procs)
		sort_procs(t, ui_state_held(st), s, idx);
	else
		sort_syscalls(t, ui_state_held(st), s, idx);
	rs = (struct rows){ s, idx };
	table_draw(vc->cv, b, cols, ncols, t, n, focused, st->procs ? pr_cell : sc_cell, &rs);
	if (!n && b.h > 1)
		canvas_puts(vc->cv, b.x + 1, b.y + 1, b.x + b.w, ROLE_VALUE_ZERO, "no syscalls counted yet");
	free(idx);
}
