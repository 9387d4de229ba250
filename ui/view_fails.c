/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The failing-calls screen (f): failed opens and path calls aggregated
 * by (call, path, errno, comm) with their count since start and rate over
 * the last interval, in a sortable table. Its rows are those the filter
 * (F4) and the table's own filter (/ here) let through, listed by the
 * prepare step. Enter on a row filters the event log on exactly that
 * call, path, errno and comm; ! adds a term to the filter that excludes
 * the row's path, D one that excludes its directory. For those the view
 * leaves, in the UI state, the expressions of the row under the cursor. Paths and comms come from
 * traced processes and are sanitised. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "event_format.h"
#include "fail_table.h"
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
	{ "CALL", FL_CALL, 10, 0, true, 3, 0 },
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
	case FL_CALL:
		snprintf(buf, len, "%s", fail_row_call_name(r));
		return ROLE_VALUE;
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

/* Quoted path, comm and the errno name of row r, for a filter. */
struct row_terms {
	char *path, *comm;
	char ebuf[16];
	const char *ename;
};

static int row_terms(const struct tt_fail_row *r, struct row_terms *t)
{
	size_t cn = strnlen(r->comm, sizeof(r->comm));
	size_t pn = filter_quote(NULL, 0, r->path, r->path_len);
	size_t qn = filter_quote(NULL, 0, r->comm, cn);

	t->ename = errno_name(r->err, t->ebuf, sizeof(t->ebuf));
	t->path = malloc(pn + 1);
	t->comm = malloc(qn + 1);
	if (!t->path || !t->comm || pn + qn + 64 > FILTER_EXPR_MAX) {
		free(t->path);
		free(t->comm);
		return -1;
	}
	filter_quote(t->path, pn + 1, r->path, r->path_len);
	filter_quote(t->comm, qn + 1, r->comm, cn);
	return 0;
}

/* The filter that shows exactly the failures of row r. */
static char *row_filter(const struct tt_fail_row *r)
{
	struct row_terms t;
	char *out;
	size_t len;

	if (row_terms(r, &t))
		return NULL;
	len = strlen(t.path) + strlen(t.comm) + 96;
	out = malloc(len);
	if (out && r->call == FAIL_CALL_OPEN)
		snprintf(out, len, "type:open errno:^%s$ comm:%s path:%s", t.ename, t.comm, t.path);
	else if (out)
		snprintf(out, len, "type:path syscall:^%s$ errno:^%s$ comm:%s path:%s",
			 fail_row_call_name(r), t.ename, t.comm, t.path);
	free(t.path);
	free(t.comm);
	return out;
}

/* The filter in force with one more term: not row r's path, or (dir) not
 * any path in its directory: the row's path up to its last '/', which
 * must not be the root. NULL when that cannot be. */
static char *row_drop(const struct filter *f, const struct tt_fail_row *r, bool dir)
{
	const char *cur = filter_expr(f);
	size_t n = r->path_len, qn, len;
	char *q, *out;

	if (dir) {
		while (n && r->path[n - 1] != '/')
			n--;
		if (n <= 1)
			return NULL;	/* no directory, or "/": everything */
	}
	qn = filter_quote(NULL, 0, r->path, n);
	q = malloc(qn + 1);
	if (!q)
		return NULL;
	filter_quote(q, qn + 1, r->path, n);
	if (dir)
		q[qn - 1] = '\0';	/* the prefix: without the closing $ */
	len = strlen(cur) + qn + 16;
	out = len <= FILTER_EXPR_MAX ? malloc(len) : NULL;
	if (out)
		snprintf(out, len, "%s%s!path:%s", cur, cur[0] ? " " : "", q);
	free(q);
	return out;
}

void view_fails(const struct view_ctx *vc, struct rect r)
{
	struct ui_state *st = vc->st;
	const struct tt_snapshot *s = vc->snap;
	struct table_state *t = &st->fl;
	bool prompt = st->prompt && st->prompt->kind == PROMPT_FAILS;
	char info[320] = "", rate[16];
	struct rows rs;
	size_t n = st->n_fl_vis, *idx;
	struct rect b;
	double total = 0;

	free(st->fl_pick);
	free(st->fl_drop);
	free(st->fl_drop_dir);
	st->fl_pick = st->fl_drop = st->fl_drop_dir = NULL;
	if (s && s->seq) {
		int k;

		for (size_t i = 0; i < n; i++)
			total += s->fails[st->fl_vis[i]].rate;
		k = snprintf(info, sizeof(info), "%zu of %zu kinds, %s/s%s", n, s->n_fails,
			     fmt_rate(total, rate, sizeof(rate)), ui_state_held(st) ? ", held" : "");
		if (filter_active(&st->filter) && k > 0 && (size_t)k < sizeof(info))
			k += snprintf(info + k, sizeof(info) - (size_t)k, "  filter on");
		if (filter_active(&st->fl_filter) && k > 0 && (size_t)k < sizeof(info))
			k += snprintf(info + k, sizeof(info) - (size_t)k, ", table filter on");
		if (k > 0 && (size_t)k < sizeof(info))
			snprintf(info + k, sizeof(info) - (size_t)k,
				 "  / narrows, ! excludes a path, D its directory, Enter filters the log");
	}
	b = pane_frame(vc, r, true, "Failing calls", info);
	t->rows_shown = 0;
	if (prompt && b.h > 1) {
		pane_prompt(vc, b);
		b.h--;
	}
	if (pane_no_data(vc, b) || pane_source_down(vc, b, TT_SRC_OPEN))
		return;
	if (s->fails_untracked && b.h > 2) {
		canvas_printf(vc->cv, b.x + 1, b.y + b.h - 1, b.x + b.w, ROLE_VALUE_WARN,
			      "%llu failed calls not counted: more kinds than the table holds",
			      (unsigned long long)s->fails_untracked);
		b.h--;
	}
	idx = malloc((n ? n : 1) * sizeof(*idx));
	if (!idx) {
		text_wrap(vc->cv, b, ROLE_VALUE_BAD, "out of memory");
		return;
	}
	sort_fails(t, ui_state_held(st), s, st->fl_vis, n, idx);
	rs = (struct rows){ s, idx };
	table_draw(vc->cv, b, fl_cols, (int)(sizeof(fl_cols) / sizeof(fl_cols[0])), t, n, true,
		   fl_cell, &rs);
	if (!n && b.h > 1)
		canvas_puts(vc->cv, b.x + 1, b.y + 1, b.x + b.w, ROLE_VALUE_ZERO,
			    s->n_fails ? "no failed call passes the filters" : "no failed call yet");
	else if (n && t->cursor >= 0 && (size_t)t->cursor < n) {
		st->fl_pick = row_filter(&s->fails[idx[t->cursor]]);
		st->fl_drop = row_drop(&st->filter, &s->fails[idx[t->cursor]], false);
		st->fl_drop_dir = row_drop(&st->filter, &s->fails[idx[t->cursor]], true);
	}
	free(idx);
}
