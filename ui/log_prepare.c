/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The event log pane's work before a frame (log_prepare.h): the model
 * work view_log() used to do while drawing. The indexes follow the ring
 * under a deadline; the row the pane stands on follows the newest event
 * or stays on its anchor; and the pane's geometry is computed once, in
 * the same terms as the view draws it, so the keys page by the rows the
 * screen shows. */
#include <stdint.h>
#include <time.h>
#include "clock.h"
#include "log_prepare.h"
#include "role.h"
#include "view.h"

/* A source's failure is said on a line of its own above the events, so
 * one failed source never hides the other's events. */
static int failed_sources(const struct tt_snapshot *s, int room)
{
	int n = 0;

	for (int src = TT_SRC_EXEC; src <= TT_SRC_OPEN && n < room; src++)
		if (s->src[src].state == TT_STATE_FAILED)
			n++;
	return n;
}

void log_geometry(const struct ui_state *st, const struct tt_snapshot *snap,
		  const struct event_log *log, struct rect r, struct log_geom *g)
{
	uint64_t first = log ? event_log_first_seq(log) : 0, end = log ? event_log_end_seq(log) : 0;
	struct rect b = pane_body(r);

	*g = (struct log_geom){ .body = b };
	if (snap && snap->seq && snap->src[TT_SRC_EXEC].state != TT_STATE_RUNNING &&
	    snap->src[TT_SRC_OPEN].state != TT_STATE_RUNNING && end == first) {
		g->down = true;
		return;
	}
	if (snap && snap->seq)
		g->notes = failed_sources(snap, b.h);
	b.y += g->notes;
	b.h -= g->notes;
	if (st->prompt && st->prompt->kind != PROMPT_NONE && st->prompt->kind != PROMPT_SAVE &&
	    b.h >= 1) {
		g->prompt = true;
		b.h--;
	}
	if (b.h < 2)
		return;
	g->table = b;
	g->rows = b.h - 1;
}

/* Starts the indexes over when their conditions changed, then lets them
 * examine events until the frame's deadline. */
static void update_indexes(struct ui_state *st, const struct event_log *log)
{
	uint64_t deadline;
	bool searching = filter_active(&st->search);

	if (st->idx_log != log) {
		st->idx_log = log;
		st->idx_stale = true;
	}
	if (st->idx_stale) {
		log_index_reset(&st->view_idx, ui_state_log_mask(st), &st->filter, &st->scope_filter,
				NULL);
		st->idx_stale = false;
		st->search_stale = true;
	}
	if (st->search_stale) {
		log_index_reset(&st->search_idx, ui_state_log_mask(st), &st->filter, &st->scope_filter,
				&st->search);
		st->search_stale = false;
	}
	if (!log)
		return;
	deadline = clock_mono_ns() + LOG_FRAME_BUDGET_NS;
	log_index_update(&st->view_idx, log, SIZE_MAX, deadline);
	if (searching)
		log_index_update(&st->search_idx, log, SIZE_MAX, deadline);
	if (filter_take_limit_report(&st->filter) || (searching && filter_take_limit_report(&st->search)))
		ui_state_message(st, ROLE_MSG_WARN, "a pattern hit PCRE2's match limit on an event, "
				 "which counts as not matching");
}

/* A new search shows its newest match, once there is one. */
static void jump_to_search(struct ui_state *st)
{
	size_t n = log_index_count(&st->search_idx);

	if (!filter_active(&st->search) || !st->search_jump)
		return;
	if (n) {
		st->log_follow = false;
		st->log_anchor = log_index_at(&st->search_idx, n - 1);
		st->search_jump = false;
	} else if (log_index_complete(&st->search_idx)) {
		st->search_jump = false;
	}
}

/* The bottom row: the newest shown when following, else the newest at
 * or before the anchor (the oldest shown if none is). Paused, the
 * horizon moves only as far as the user went. */
static void settle_bottom(struct ui_state *st, const struct event_log *log)
{
	const struct log_index *x = &st->view_idx;
	size_t n = log ? log_index_count(x) : 0, bot, below_anchor;

	st->log_has_sel = n > 0;
	if (!n)
		return;
	below_anchor = log_index_rank(x, st->log_anchor + 1);
	bot = st->log_follow ? n - 1 : below_anchor ? below_anchor - 1 : 0;
	st->log_sel = log_index_at(x, bot);
	if (st->log_sel >= st->log_horizon)
		st->log_horizon = st->log_sel + 1;
}

void log_prepare(struct ui_state *st, const struct tt_snapshot *snap, const struct event_log *log,
		 const struct rect *shown)
{
	struct log_geom g;

	st->log_first_seen = log ? event_log_first_seq(log) : 0;
	st->log_end_seen = log ? event_log_end_seq(log) : 0;
	if (!st->paused)
		st->log_horizon = st->log_end_seen;
	update_indexes(st, log);
	jump_to_search(st);
	settle_bottom(st, log);
	if (shown) {
		log_geometry(st, snap, log, *shown, &g);
		st->log_rows_shown = g.rows;
	}
}
