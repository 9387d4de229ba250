/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The prepare step (prepare.h): what used to happen inside the views
 * while they drew, done once per frame before any of them runs. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "fail_table.h"
#include "keymap.h"
#include "log_prepare.h"
#include "prepare.h"

/* Whether the body shows the panes (not help or another screen). */
static bool panes_shown(const struct ui_state *st)
{
	return !st->lay.too_small && !st->help && st->screen == SCREEN_MAIN;
}

/* Enter on an event asked for its details: copy it out of the ring now,
 * so it stays whole however fast the ring turns while it is shown. */
static void take_detail(struct ui_state *st, const struct event_log *log)
{
	const struct tt_event *src;

	if (!st->detail_want)
		return;
	src = log ? event_log_get(log, st->detail_seq) : NULL;
	st->detail_want = false;
	st->detail_gone = !src || event_log_push(&st->detail, src);
}

/* The failing-calls screen: the snapshot's rows that pass the filter and
 * the table's own; none when it is not shown (or out of memory). */
static void fails_prepare(struct ui_state *st, const struct tt_snapshot *snap)
{
	size_t n = snap && snap->seq ? snap->n_fails : 0;

	st->n_fl_vis = 0;
	if (st->screen != SCREEN_FAILS || !n)
		return;
	if (n > st->cap_fl_vis) {
		size_t *v = realloc(st->fl_vis, n * sizeof(*v));

		if (!v)
			return;
		st->fl_vis = v;
		st->cap_fl_vis = n;
	}
	for (size_t i = 0; i < n; i++)
		if (fail_row_match(&st->filter, &snap->fails[i]) &&
		    fail_row_match(&st->scope_fail_filter, &snap->fails[i]) &&
		    fail_row_match(&st->fl_filter, &snap->fails[i]))
			st->fl_vis[st->n_fl_vis++] = i;
}

/* The rows the processes pane draws of snap: its processes in the
 * scope, folded by name or container as the pane folds them (as many as
 * snap has when short of memory). */
static size_t procs_drawn(const struct ui_state *st, const struct tt_snapshot *snap)
{
	bool scoped = scope_on(&st->scope);
	enum proc_fold by = (unsigned)st->procs_fold <= PROC_FOLD_CONTAINER ? st->procs_fold : PROC_FOLD_NONE;
	const struct tt_proc_row *rows = snap->procs;
	struct tt_proc_row *in = NULL, *out;
	size_t k = 0, n = snap->n_procs;

	if ((!scoped && by == PROC_FOLD_NONE) || !n)
		return n;
	if (scoped) {
		/* counted; copied only to be folded */
		if (by && !(in = malloc(n * sizeof(*in))))
			return n;
		for (size_t i = 0; i < snap->n_procs; i++) {
			const struct tt_proc_row *p = &snap->procs[i];

			if (!scope_match(&st->scope, p->pid, p->comm, p->container))
				continue;
			if (in)
				in[k] = *p;
			k++;
		}
		if (!by || !k) {
			free(in);
			return k;
		}
		rows = in;
		n = k;
	}
	out = malloc(n * sizeof(*out));
	k = out ? proc_view_fold(rows, n, by, out) : 0;
	free(in);
	free(out);
	return k ? k : n;	/* out of memory: what there is */
}

/* The rows the processes band wants: its title, the column heads and a
 * row for each of the rows the pane draws, the most of the last
 * UI_WANT_TICKS ticks, so that it does not shrink and grow back with
 * every short-lived process. */
static int procs_want(struct ui_state *st, const struct tt_snapshot *snap)
{
	int most = 0, slot;
	size_t n;

	if (!snap || !snap->seq)
		return 0;
	slot = (int)(snap->seq % UI_WANT_TICKS);
	/* another fold or scope: the past ticks' rows say nothing of it */
	if (st->procs_rows_fold != st->procs_fold || st->procs_rows_scope != scope_on(&st->scope) ||
	    st->procs_rows_scope_gen != st->scope_gen) {
		memset(st->procs_rows_seq, 0, sizeof(st->procs_rows_seq));
		st->procs_rows_fold = st->procs_fold;
		st->procs_rows_scope = scope_on(&st->scope);
		st->procs_rows_scope_gen = st->scope_gen;
	}
	/* counted once per tick */
	if (st->procs_rows_seq[slot] != snap->seq) {
		n = procs_drawn(st, snap);
		st->procs_rows[slot] = n > (size_t)INT_MAX - 2 ? INT_MAX : (int)n + 2;
		st->procs_rows_seq[slot] = snap->seq;
	}
	for (int i = 0; i < UI_WANT_TICKS; i++)
		if (st->procs_rows_seq[i] + UI_WANT_TICKS > snap->seq && st->procs_rows_seq[i] <= snap->seq &&
		    st->procs_rows[i] > most)
			most = st->procs_rows[i];
	return most;
}

void ui_prepare(struct ui_state *st, int w, int h, const struct tt_snapshot *snap,
		const struct event_log *log)
{
	struct layout_want want = { { 0 } };
	bool shown;

	st->screen_w = w;
	st->screen_h = h;
	tick_history_note(st->ticks, snap);
	want.rows[PANE_PROCS] = procs_want(st, snap);
	layout_compute(&st->lay, w, h, st->zoom || st->help || st->screen != SCREEN_MAIN,
		       st->set.focus, &want);
	shown = panes_shown(st) && st->lay.shown[PANE_LOG];
	prompt_settle(st);
	if (snap && snap->seq && snap->seq != st->timed_seq) {
		st->timed_seen = snap->timed;
		st->timed_seq = snap->seq;
	}
	ui_scope_refresh(st, snap);
	log_prepare(st, snap, log, shown ? &st->lay.pane[PANE_LOG] : NULL);
	take_detail(st, log);
	fails_prepare(st, snap);
	prof_prepare(st, snap);
}
