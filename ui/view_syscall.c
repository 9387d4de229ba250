/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One syscall in detail (Enter on the syscall table): its rates and
 * latency percentiles, its latency histogram of the last interval, its
 * failures by errno, and the processes that call it most. Follows the
 * live snapshot (or the held one, paused); any key returns. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "event_format.h"
#include "format.h"
#include "role.h"
#include "sanitize.h"
#include "view.h"
#include "widget_graph.h"

#define TOP_PROCS 10

static const struct tt_syscall_row *find_row(const struct tt_snapshot *s, unsigned id)
{
	for (size_t i = 0; i < s->n_syscalls; i++)
		if (s->syscalls[i].id == id)
			return &s->syscalls[i];
	return NULL;
}

static const char *comm_of(const struct tt_snapshot *s, uint32_t pid)
{
	for (size_t i = 0; i < s->n_procs; i++)
		if (s->procs[i].pid == pid)
			return s->procs[i].comm;
	return "";
}

static int by_rate(const void *a, const void *b)
{
	const struct tt_proc_call *x = *(const struct tt_proc_call *const *)a;
	const struct tt_proc_call *y = *(const struct tt_proc_call *const *)b;

	/* one interval for all: by calls in it */
	if (x->delta != y->delta)
		return x->delta > y->delta ? -1 : 1;
	return x->total > y->total ? -1 : x->total < y->total;
}

/* The errnos, then the busiest processes, in column r. */
static void right_side(const struct view_ctx *vc, struct rect r, unsigned id)
{
	const struct tt_snapshot *s = vc->snap;
	const struct tt_proc_call **top;
	char buf[160], en[32], rate[16], total[16], comm[80];
	int y = r.y, n = 0;

	canvas_puts(vc->cv, r.x, y++, r.x + r.w, ROLE_COLUMN, "ERRNO              ERR/s    TOTAL");
	for (size_t i = 0; i < s->n_errnos && y < r.y + r.h / 2; i++) {
		const struct tt_syscall_errno *e = &s->errnos[i];

		if (e->id != id)
			continue;
		snprintf(buf, sizeof(buf), "%-16s %7s %8s", errno_name(e->err, en, sizeof(en)),
			 fmt_rate(e->rate, rate, sizeof(rate)), fmt_count(e->total, total, sizeof(total)));
		canvas_puts(vc->cv, r.x, y++, r.x + r.w, e->rate > 0 ? ROLE_VALUE_WARN : ROLE_VALUE, buf);
		n++;
	}
	if (!n)
		canvas_puts(vc->cv, r.x, y++, r.x + r.w, ROLE_VALUE_ZERO, "no failure seen");
	y++;
	canvas_puts(vc->cv, r.x, y++, r.x + r.w, ROLE_COLUMN, "    PID COMM               CALLS/s  ERR/s");
	top = malloc((s->n_proc_calls ? s->n_proc_calls : 1) * sizeof(*top));
	if (!top)
		return;
	n = 0;
	for (size_t i = 0; i < s->n_proc_calls; i++)
		if (s->proc_calls[i].id == id && s->proc_calls[i].total)
			top[n++] = &s->proc_calls[i];
	qsort(top, (size_t)n, sizeof(*top), by_rate);
	for (int i = 0; i < n && i < TOP_PROCS && y < r.y + r.h; i++) {
		const char *c = comm_of(s, top[i]->pid);
		char er[16];

		sanitize(comm, sizeof(comm), c, strnlen(c, TT_COMM_LEN));
		snprintf(buf, sizeof(buf), "%7u %-16s %9s %6s", top[i]->pid, comm,
			 fmt_rate(tt_call_rate(s, top[i]->delta), rate, sizeof(rate)),
			 fmt_rate(tt_call_rate(s, top[i]->err_delta), er, sizeof(er)));
		canvas_puts(vc->cv, r.x, y++, r.x + r.w, top[i]->delta ? ROLE_VALUE : ROLE_VALUE_ZERO, buf);
	}
	if (!n)
		canvas_puts(vc->cv, r.x, y, r.x + r.w, ROLE_VALUE_ZERO,
			    "no process counted (the per-process counts lag by up to 63 calls a CPU)");
	free(top);
}

void view_syscall(const struct view_ctx *vc, struct rect r)
{
	const struct tt_snapshot *s = vc->snap;
	const struct tt_syscall_row *row;
	char title[64], line[200], a[16], b[16], c[16], d[16];
	struct rect body;
	int split;

	snprintf(title, sizeof(title), "Syscall %s", vc->st->sc_sel_name);
	body = pane_frame(vc, r, true, title, "any key returns");
	if (pane_no_data(vc, body))
		return;
	row = find_row(s, vc->st->sc_sel_id);
	if (!row) {
		text_wrap(vc->cv, body, ROLE_VALUE_ZERO, "not called since tracetop started");
		return;
	}
	snprintf(line, sizeof(line), "%s calls/s  %s failed/s  %s calls since start", fmt_rate(row->rate, a, sizeof(a)),
		 fmt_rate(row->err_rate, b, sizeof(b)), fmt_count(row->total, c, sizeof(c)));
	canvas_puts(vc->cv, body.x + 1, body.y, body.x + body.w, ROLE_VALUE, line);
	if (row->timed && row->lat.count) {
		hist_format_us(hist_percentile(&row->lat, 50), a, sizeof(a));
		hist_format_us(hist_percentile(&row->lat, 95), b, sizeof(b));
		hist_format_us(hist_percentile(&row->lat, 99), c, sizeof(c));
		snprintf(d, sizeof(d), "%.3f", row->busy);
		snprintf(line, sizeof(line), "latency p50 %s  p95 %s  p99 %s  time in it %s s/s", a, b, c, d);
	} else {
		snprintf(line, sizeof(line), "%s", row->timed ? "no call ended in this interval" :
			 s->timable ? "not timed: L times system calls (it costs every call a little)" :
			 "not timed: this hook has no sys_enter program");
	}
	canvas_puts(vc->cv, body.x + 1, body.y + 1, body.x + body.w, ROLE_LABEL, line);
	split = body.w >= 100 ? body.w / 2 : body.w;
	if (row->timed && row->lat.count)
		hist_draw(vc->cv, (struct rect){ body.x + 1, body.y + 3, split - 2,
						 split == body.w ? (body.h - 3) / 2 : body.h - 3 }, &row->lat);
	if (split == body.w)
		right_side(vc, (struct rect){ body.x + 1, body.y + 3 + (body.h - 3) / 2, body.w - 2,
					      body.h - 3 - (body.h - 3) / 2 }, row->id);
	else
		right_side(vc, (struct rect){ body.x + split + 1, body.y + 3, body.w - split - 2,
					      body.h - 3 }, row->id);
}
