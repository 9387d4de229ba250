/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The syscalls pane: calls and errors per syscall (per process: the
 * processes pane, view_procs.c). Sorting and held order come from
 * sort.c, the table drawing from widget_table.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format.h"
#include "hist.h"
#include "role.h"
#include "sanitize.h"
#include "sort.h"
#include "view.h"
#include "widget_table.h"

/* Widths are those of the widest value format.c writes (a rate takes 5
 * columns, a count 6, a percentage 4) or of the title, so that every
 * column fits in the 43 columns the pane has on an 80-column screen.
 * Names stop growing at the longest syscall name so that a
 * wide pane keeps the numbers next to them. */
static const struct table_col sc_cols[] = {
	{ "SYSCALL", SC_NAME, 0, 12, true, 0, 24 },
	{ "COUNT/s", SC_RATE, 7, 0, false, 0, 0 },
	{ "TOTAL", SC_TOTAL, 6, 0, false, 2, 0 },
	{ "ERR/s", SC_ERR_RATE, 5, 0, false, 0, 0 },
	{ "ERR%", SC_ERR_PCT, 4, 0, false, 1, 0 },
	{ "p95", SC_P95, 7, 0, false, 4, 0 },
	{ "TIME%", SC_BUSY, 5, 0, false, 3, 0 },
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
	case SC_P95:
		/* untimed, or no call ended this interval */
		if (!r->timed || !r->lat.count) {
			snprintf(buf, len, "-");
			return ROLE_VALUE_ZERO;
		}
		hist_format_us(hist_percentile(&r->lat, 95), buf, len);
		return ROLE_VALUE;
	case SC_BUSY:
		if (!r->timed) {
			snprintf(buf, len, "-");
			return ROLE_VALUE_ZERO;
		}
		fmt_busy(r->busy, buf, len);
		return r->busy > 0 ? ROLE_VALUE : ROLE_VALUE_ZERO;
	default:
		if (!(r->rate > 0)) {
			snprintf(buf, len, "-");
			return ROLE_VALUE_ZERO;
		}
		fmt_percent(r->err_rate, r->rate, buf, len);
		return r->err_rate > 0 ? ROLE_VALUE_WARN : ROLE_VALUE_ZERO;
	}
}

void view_syscalls(const struct view_ctx *vc, struct rect r, bool focused)
{
	struct ui_state *st = vc->st;
	const struct tt_snapshot *s = vc->snap;
	struct table_state *t = &st->sc;
	int ncols = (int)(sizeof(sc_cols) / sizeof(sc_cols[0]));
	char info[128] = "";
	struct rows rs;
	size_t n, *idx;
	struct rect b;

	if (scope_on(&st->scope)) {
		char who[96];

		scope_label(st, who, sizeof(who));
		snprintf(info, sizeof(info), "%s%s", who, ui_state_held(st) ? ", held" : "");
	} else if (s && s->seq && s->src[TT_SRC_SYSCALL].state == TT_STATE_RUNNING) {
		snprintf(info, sizeof(info), "%s%s%s", s->src[TT_SRC_SYSCALL].hook,
			 s->timed ? ", timed" : s->timable ? ", untimed (L times them)" : "",
			 ui_state_held(st) ? ", held" : "");
	}
	b = pane_frame(vc, r, focused, "Syscalls", info);
	t->rows_shown = 0;
	if (pane_no_data(vc, b) || pane_source_down(vc, b, TT_SRC_SYSCALL))
		return;
	n = s->n_syscalls;
	idx = malloc((n ? n : 1) * sizeof(*idx));
	if (!idx) {
		text_wrap(vc->cv, b, ROLE_VALUE_BAD, "out of memory");
		return;
	}
	sort_syscalls(t, ui_state_held(st), s, idx);
	rs = (struct rows){ s, idx };
	table_draw(vc->cv, b, sc_cols, ncols, t, n, focused, sc_cell, &rs);
	/* what Enter opens (not under a scope: the detail is machine-wide) */
	st->sc_sel_valid = n > 0 && !scope_on(&st->scope);
	if (st->sc_sel_valid) {
		const struct tt_syscall_row *sel = &s->syscalls[idx[t->cursor]];

		st->sc_sel_id = sel->id;
		snprintf(st->sc_sel_name, sizeof(st->sc_sel_name), "%s",
			 sel->name ? sel->name : "?");
	}
	if (!n && b.h > 1)
		canvas_puts(vc->cv, b.x + 1, b.y + 1, b.x + b.w, ROLE_VALUE_ZERO, "no syscalls counted yet");
	free(idx);
}
