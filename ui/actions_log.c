/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the keys of the event log do: move through the events it shows,
 * choose which it shows (types, failed only, the filter), jump between
 * search matches, open an event's details, and filter on a failing open.
 *
 * The log shows the events of st->view_idx, which the log view keeps up
 * to date each frame; moving is done in ranks of that index, so a
 * filtered log scrolls by the rows it shows, not by hidden events. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "keymap.h"
#include "role.h"
#include "ui.h"

/* The rank of the bottom row in the view index, or -1 when empty. */
static long bottom_rank(const struct ui_state *st)
{
	size_t n = log_index_count(&st->view_idx);

	if (!n)
		return -1;
	if (st->log_follow)
		return (long)n - 1;
	if (st->log_has_sel)
		return (long)log_index_rank(&st->view_idx, st->log_sel);
	return (long)log_index_rank(&st->view_idx, st->log_anchor + 1) - 1;
}

unsigned log_scroll(struct ui_state *st, long delta)
{
	long n = (long)log_index_count(&st->view_idx), r = bottom_rank(st);
	long rows = st->log_rows_shown > 0 ? st->log_rows_shown : 1;

	if (n <= 0)
		return 0;
	if (delta == INT_MAX && !st->paused) {
		st->log_follow = true;
		return UI_REDRAW;
	}
	if (delta == INT_MAX)
		r = n - 1;	/* paused: the newest captured, held still */
	else if (delta == INT_MIN)
		r = 0;
	else if (delta < 0 && r > rows - 1 && r + delta < rows - 1)
		r = rows - 1;	/* the first page: then the cursor moves up it */
	else
		r += delta;
	if (r >= n - 1) {
		/* at the newest: follow again, unless paused */
		st->log_follow = !st->paused;
		r = n - 1;
	} else {
		st->log_follow = false;
	}
	if (r < 0)
		r = 0;
	st->log_anchor = log_index_at(&st->view_idx, (size_t)r);
	st->log_sel = st->log_anchor;
	return UI_REDRAW;
}

/* The conditions of the view changed: both indexes start over. */
static unsigned conditions_changed(struct ui_state *st)
{
	st->idx_stale = true;
	return UI_REDRAW;
}

int log_set_filter(struct ui_state *st, const char *expr)
{
	struct filter_error err;
	int rc = filter_set(&st->filter, expr, &err);

	if (rc == -EINVAL)
		ui_state_message(st, ROLE_MSG_ERROR, "filter: %s at offset %zu (the previous filter stays)",
				 err.msg, err.offset);
	else if (rc)
		ui_state_message(st, ROLE_MSG_ERROR, "filter: out of memory (the previous filter stays)");
	else
		conditions_changed(st);
	return rc;
}

unsigned act_filter(struct ui_state *st)
{
	prompt_open(st, PROMPT_FILTER);
	return UI_REDRAW;
}

unsigned act_search(struct ui_state *st)
{
	prompt_open(st, PROMPT_SEARCH);
	return UI_REDRAW;
}

static unsigned go_match(struct ui_state *st, bool older)
{
	uint64_t cur, seq;
	bool found;

	if (!filter_active(&st->search)) {
		ui_state_message(st, ROLE_MSG_INFO, "no search: F3 searches the event log");
		return UI_REDRAW;
	}
	st->screen = SCREEN_MAIN;
	st->set.focus = PANE_LOG;
	if (!st->log_has_sel)
		return UI_REDRAW;
	cur = st->log_sel;
	if (older)
		found = cur > 0 && log_index_floor(&st->search_idx, cur - 1, &seq);
	else
		found = log_index_ceil(&st->search_idx, cur + 1, &seq);
	if (!found) {
		ui_state_message(st, ROLE_MSG_INFO, "search: no %s match%s", older ? "older" : "newer",
				 log_index_complete(&st->search_idx) ? "" : " yet (still searching)");
		return UI_REDRAW;
	}
	st->log_follow = false;
	st->log_anchor = st->log_sel = seq;
	return UI_REDRAW;
}

unsigned act_match_next(struct ui_state *st)
{
	return go_match(st, true);
}

unsigned act_match_prev(struct ui_state *st)
{
	return go_match(st, false);
}

unsigned act_failed_only(struct ui_state *st)
{
	st->set.failed_only = !st->set.failed_only;
	ui_state_message(st, ROLE_MSG_INFO, "event log: %s",
			 st->set.failed_only ? "failed calls only" : "all calls");
	return conditions_changed(st) | UI_FAILED_ONLY;
}

static unsigned toggle_type(struct ui_state *st, unsigned bit, const char *name)
{
	st->log_mask ^= bit;
	ui_state_message(st, ROLE_MSG_INFO, "event log: %s events %s", name,
			 st->log_mask & bit ? "shown" : "hidden");
	return conditions_changed(st);
}

unsigned act_show_exec(struct ui_state *st)
{
	return toggle_type(st, LOG_SHOW_EXEC, "exec");
}

unsigned act_show_open(struct ui_state *st)
{
	return toggle_type(st, LOG_SHOW_OPEN, "open and path");
}

/* /, on the failing-calls screen: the table's own filter. */
unsigned act_fails_filter(struct ui_state *st)
{
	prompt_open(st, PROMPT_FAILS);
	return UI_REDRAW;
}

/* !, on the failing-calls screen: the filter gets a term that excludes
 * the row's path, so noise (locale probes) goes in one key, from the
 * table and from the log alike. */
static unsigned exclude(struct ui_state *st, const char *expr, const char *why_not)
{
	if (!expr) {
		ui_state_message(st, ROLE_MSG_WARN, "%s", why_not);
		return UI_REDRAW;
	}
	if (log_set_filter(st, expr))
		return UI_REDRAW;
	st->fl.cursor = 0;
	ui_state_message(st, ROLE_MSG_INFO, "filter: %s", filter_expr(&st->filter));
	return UI_REDRAW;
}

unsigned act_fails_exclude(struct ui_state *st)
{
	return exclude(st, st->fl_drop, "no row to exclude, or the filter would be too long");
}

/* D, there: the same for every path in the row's directory (all the
 * locale probes under /usr/lib/locale/ in one key); never the root. */
unsigned act_fails_exclude_dir(struct ui_state *st)
{
	return exclude(st, st->fl_drop_dir,
		       "no directory to exclude (the root would be every path), or the filter "
		       "would be too long");
}

/* Enter: the details of the selected event, or, on the failing-calls
 * screen, the log filtered on the row under the cursor. */
unsigned act_select(struct ui_state *st)
{
	if (st->screen == SCREEN_FAILS) {
		if (!st->fl_pick || log_set_filter(st, st->fl_pick))
			return UI_REDRAW;
		st->screen = SCREEN_MAIN;
		st->set.focus = PANE_LOG;
		st->log_follow = !st->paused;
		if (st->paused)
			st->log_anchor = st->log_end_seen ? st->log_end_seen - 1 : 0;
		return UI_REDRAW;
	}
	if (!st->log_has_sel)
		return 0;
	st->screen = SCREEN_DETAIL;
	st->detail_seq = st->log_sel;
	st->detail_want = true;
	st->detail_scroll = 0;
	return UI_REDRAW;
}
