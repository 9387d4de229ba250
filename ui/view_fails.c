/* The top failing opens screen (f): failed opens aggregated by (path,
 * errno, comm) with their count since start and rate over the last
 * interval, in a sortable table. Enter on a row filters the event log on
 * exactly that path, errno and comm; for that the view leaves, in the UI
 * state, the filter expression of the row under the cursor. Paths and
 * comms come from traced processes and are sanitised. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "event_format.h"
#include "format.h"
#include "role.h"
#include "sanitize.h"
#include "sort.h"
#include "view.h"
#include "widget_table.h"

static const struct table_col fl_cols[] = {
	{ "COUNT", FL_COUNT, 7, 0, false, 0, 0 },
	{ "RATE/s", FL_RATE, 7, 0, false, 1, 0 },
	{ "ERRNO", FL_ERRNO, 8, 0, true, 0, 0 },
	{ "COMM", FL_COMM, 16, 0, true, 2, 0 },
	{ "PATH", FL_PATH, 0, 12, true, 0, 0 },
};

struct rows {
	const struct tt_snapshot *snap;
	const size_t *idx;
};

static unsigned fl_cell(const void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct rows *rs = ctx;
	const struct tt_fail_row *r = &rs->snap->fails[rs->idx[row]];
	char ebuf[16];
	size_t n;

	switch (col) {
	case FL_COUNT:
		fmt_count(r->count, buf, len);
		return ROLE_VALUE;
	case FL_RATE:
		fmt_rate(r->rate, buf, len);
		return r->rate > 0 ? ROLE_VALUE_WARN : ROLE_VALUE_ZERO;
	case FL_ERRNO:
		snprintf(buf, len, "%s", errno_name(r->err, ebuf, sizeof(ebuf)));
		return ROLE_EV_FAIL;
	case FL_COMM:
		sanitize(buf, len, r->comm, strnlen(r->comm, sizeof(r->comm)));
		return ROLE_LABEL;
	default:
		n = sanitize(buf, len, r->path, r->path_len);
		if (r->path_trunc && n + 4 < len)
			snprintf(buf + n, len - n, "\u2026");
		return ROLE_DEFAULT;
	}
}

/* The filter that shows exactly the failed opens of row r. */
static char *row_filter(const struct tt_fail_row *r)
{
	char ebuf[16];
	const char *ename = errno_name(r->err, ebuf, sizeof(ebuf));
	size_t cn = strnlen(r->comm, sizeof(r->comm));
	size_t pn = filter_quote(NULL, 0, r->path, r->path_len);
	size_t qn = filter_quote(NULL, 0, r->comm, cn);
	size_t len = pn + qn + strlen(ename) + 64;
	char *out = malloc(len), *pq, *cq;

	pq = malloc(pn + 1);
	cq = malloc(qn + 1);
	if (!out || !pq || !cq || pn + qn + strlen(ename) + 40 > FILTER_EXPR_MAX) {
		free(out);
		free(pq);
		free(cq);
		return NULL;
	}
	filter_quote(pq, pn + 1, r->path, r->path_len);
	filter_quote(cq, qn + 1, r->comm, cn);
	snprintf(out, len, "type:open errno:^%s$ comm:%s path:%s", ename, cq, pq);
	free(pq);
	free(cq);
	return out;
}

void view_fails(const struct view_ctx *vc, struct rect r)
{
	struct ui_state *st = vc->st;
	const struct tt_snapshot *s = vc->snap;
	struct table_state *t = &st->fl;
	char info[160] = "", rate[16];
	struct rows rs;
	size_t n, *idx;
	struct rect b;
	double total = 0;

	free(st->fl_pick);
	st->fl_pick = NULL;
	if (s && s->seq) {
		for (size_t i = 0; i < s->n_fails; i++)
			total += s->fails[i].rate;
		snprintf(info, sizeof(info), "%zu kinds, %s/s%s  Enter filters the log on a row, Esc returns",
			 s->n_fails, fmt_rate(total, rate, sizeof(rate)), ui_state_held(st) ? ", held" : "");
	}
	b = pane_frame(vc, r, true, "Top failing opens", info);
	t->rows_shown = 0;
	if (pane_no_data(vc, b) || pane_source_down(vc, b, TT_SRC_OPEN))
		return;
	if (s->fails_untracked && b.h > 2) {
		canvas_printf(vc->cv, b.x + 1, b.y + b.h - 1, b.x + b.w, ROLE_VALUE_WARN,
			      "%llu failed opens not counted: more kinds than the table holds",
			      (unsigned long long)s->fails_untracked);
		b.h--;
	}
	n = s->n_fails;
	idx = malloc((n ? n : 1) * sizeof(*idx));
	if (!idx) {
		text_wrap(vc->cv, b, ROLE_VALUE_BAD, "out of memory");
		return;
	}
	sort_fails(t, ui_state_held(st), s, idx);
	rs = (struct rows){ s, idx };
	table_draw(vc->cv, b, fl_cols, (int)(sizeof(fl_cols) / sizeof(fl_cols[0])), t, n, true,
		   fl_cell, &rs);
	if (!n && b.h > 1)
		canvas_puts(vc->cv, b.x + 1, b.y + 1, b.x + b.w, ROLE_VALUE_ZERO, "no failed open yet");
	else if (n && t->cursor >= 0 && (size_t)t->cursor < n)
		st->fl_pick = row_filter(&s->fails[idx[t->cursor]]);
	free(idx);
}
