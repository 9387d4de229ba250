/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What each key does to the UI state (the functions behind keymap.c's
 * table), and what a mouse click or wheel turn does. Actions never draw:
 * they return reaction bits and the loop or ui.c acts on them. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include "ui.h"
#include "keymap.h"
#include "role.h"
#include "theme.h"
#include "bio.h"

#define WHEEL_ROWS 3

static struct table_state *active_table(struct ui_state *st)
{
	if (st->screen == SCREEN_FAILS)
		return &st->fl;
	return st->set.focus == PANE_PROCS ? &st->pr : &st->sc;
}

/* Sorting on the panes sorts the focused table, or the syscalls' when
 * the focus is on a pane without one. */
static void focus_a_table(struct ui_state *st)
{
	if (st->screen != SCREEN_FAILS && st->set.focus != PANE_PROCS)
		st->set.focus = PANE_SYSCALLS;
}

static unsigned act_help(struct ui_state *st)
{
	st->help = !st->help;
	st->help_scroll = 0;
	return UI_REDRAW;
}

static unsigned act_explain(struct ui_state *st)
{
	if (st->screen != SCREEN_MAIN)
		return 0;	/* the panes' explanations: not over another screen */
	st->explain = !st->explain;
	return UI_REDRAW;
}

static unsigned act_quit(struct ui_state *st)
{
	return UI_QUIT;
}

static unsigned act_focus_next(struct ui_state *st)
{
	st->set.focus = (enum ui_pane)((st->set.focus + 1) % PANE_MAX);
	return UI_REDRAW;
}

static unsigned act_focus_prev(struct ui_state *st)
{
	st->set.focus = (enum ui_pane)((st->set.focus + PANE_MAX - 1) % PANE_MAX);
	return UI_REDRAW;
}

static unsigned act_zoom(struct ui_state *st)
{
	st->zoom = !st->zoom;
	return UI_REDRAW;
}

static unsigned act_back(struct ui_state *st)
{
	if (ui_state_modal(st) || st->screen != SCREEN_MAIN)
		ui_state_leave_modal(st);
	else if (st->zoom)
		st->zoom = false;
	else if (!ui_scope_clear(st))
		return 0;
	return UI_REDRAW;
}

static unsigned sort_step(struct ui_state *st, int step)
{
	struct table_state *t;
	int n;

	focus_a_table(st);
	t = active_table(st);
	n = st->screen == SCREEN_FAILS ? FL_NCOLS : st->set.focus == PANE_PROCS ? PR_NCOLS : SC_NCOLS;
	t->sort_col = (t->sort_col + n + step) % n;
	t->invert = false;
	t->resort = true;
	ui_state_hold(st);
	return UI_REDRAW;
}

static unsigned act_sort_next(struct ui_state *st)
{
	return sort_step(st, 1);
}

static unsigned act_sort_prev(struct ui_state *st)
{
	return sort_step(st, -1);
}

static unsigned act_invert(struct ui_state *st)
{
	struct table_state *t;

	focus_a_table(st);
	t = active_table(st);
	t->invert = !t->invert;
	t->resort = true;
	ui_state_hold(st);
	return UI_REDRAW;
}

/* Moves the focused pane by delta rows (INT_MIN/INT_MAX: to either end). */
static unsigned scroll_by(struct ui_state *st, enum ui_pane pane, long delta)
{
	if (ui_state_modal(st)) {
		int *scroll = st->help ? &st->help_scroll :
			      st->screen == SCREEN_REPORT ? &st->report_scroll :
			      st->screen == SCREEN_TREE ? &st->tree_scroll : &st->detail_scroll;
		long s = *scroll + (delta == INT_MIN ? -100000 : delta == INT_MAX ? 100000 : delta);

		*scroll = s < 0 ? 0 : s > 100000 ? 100000 : (int)s;
		return UI_REDRAW;
	}
	if (pane == PANE_SYSCALLS || pane == PANE_PROCS || st->screen == SCREEN_FAILS) {
		struct table_state *t = active_table(st);
		long c = delta == INT_MIN ? 0 : delta == INT_MAX ? INT_MAX / 2 : t->cursor + delta;

		t->cursor = c < 0 ? 0 : c > INT_MAX / 2 ? INT_MAX / 2 : (int)c;
		ui_state_hold(st);
		return UI_REDRAW;
	}
	if (pane == PANE_LOG)
		return log_scroll(st, delta);
	return 0;
}

static int page_rows(const struct ui_state *st)
{
	int rows = ui_state_modal(st) ?
		   st->screen_h - 4 :
		   st->screen == SCREEN_FAILS ? st->fl.rows_shown :
		   st->set.focus == PANE_LOG ? st->log_rows_shown :
		   st->set.focus == PANE_PROCS ? st->pr.rows_shown : st->sc.rows_shown;

	return rows > 1 ? rows - 1 : 1;
}

static unsigned act_up(struct ui_state *st)
{
	return scroll_by(st, st->set.focus, -1);
}

static unsigned act_down(struct ui_state *st)
{
	return scroll_by(st, st->set.focus, 1);
}

static unsigned act_pgup(struct ui_state *st)
{
	return scroll_by(st, st->set.focus, -page_rows(st));
}

static unsigned act_pgdn(struct ui_state *st)
{
	return scroll_by(st, st->set.focus, page_rows(st));
}

static unsigned act_home(struct ui_state *st)
{
	return scroll_by(st, st->set.focus, INT_MIN);
}

static unsigned act_end(struct ui_state *st)
{
	/* looking back while live: End is the way back */
	if (st->replay.on && st->replay.live)
		return UI_REDRAW | UI_LIVE;
	return scroll_by(st, st->set.focus, INT_MAX);
}

/* The log stops following while paused, on the newest event seen, and
 * keeps capturing underneath: scrolling and F3 reach what arrives. */
static unsigned act_pause(struct ui_state *st)
{
	/* a replay stops or plays (the app says which, in st->replay):
	 * nothing to freeze, [ and ] move it on; looking back, it is the
	 * way back to live */
	if (st->replay.on && st->replay.live)
		return UI_REDRAW | UI_LIVE;
	if (st->replay.on) {
		st->travel_toggles++;
		return UI_REDRAW | UI_PLAY;
	}
	st->paused = !st->paused;
	st->paused_new = 0;
	if (st->paused) {
		st->follow_before_pause = st->log_follow;
		if (st->log_follow && st->log_end_seen) {
			st->log_follow = false;
			st->log_anchor = st->log_end_seen - 1;
		}
	} else if (st->follow_before_pause) {
		st->log_follow = true;
	}
	return UI_REDRAW | REACT_PAUSE;
}

/* Time travel: through a --replay, or back from live (the app keeps
 * the last hour in memory); ] past the latest interval, End or Space go
 * back to live. */
static unsigned act_step_back(struct ui_state *st)
{
	st->travel_steps--;
	return UI_REDRAW | UI_STEP_BACK;
}

static unsigned act_step_fwd(struct ui_state *st)
{
	st->travel_steps++;
	return UI_REDRAW | UI_STEP_FWD;
}

static unsigned act_jump(struct ui_state *st)
{
	prompt_open(st, PROMPT_JUMP);
	return UI_REDRAW;
}

/* Intervals +/- step through; the options allow 0.1 s to an hour. */
static const double delay_steps[] = {
	0.1, 0.2, 0.5, 1, 2, 3, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600,
};
#define N_DELAY_STEPS (sizeof(delay_steps) / sizeof(delay_steps[0]))

static unsigned act_slower(struct ui_state *st)
{
	for (size_t i = 0; i < N_DELAY_STEPS; i++)
		if (delay_steps[i] > st->set.delay_s + 1e-9) {
			st->set.delay_s = delay_steps[i];
			return UI_REDRAW | UI_INTERVAL;
		}
	return 0;
}

static unsigned act_faster(struct ui_state *st)
{
	for (size_t i = N_DELAY_STEPS; i-- > 0;)
		if (delay_steps[i] < st->set.delay_s - 1e-9) {
			st->set.delay_s = delay_steps[i];
			return UI_REDRAW | UI_INTERVAL;
		}
	return 0;
}

static unsigned act_theme(struct ui_state *st)
{
	unsigned n = theme_builtin_count();

	st->theme_auto = false;
	st->theme_idx = (st->theme_idx + 1) % (n + st->n_user_themes);
	snprintf(st->theme_name, sizeof(st->theme_name), "%s",
		 st->theme_idx < n ? theme_names[st->theme_idx] : st->user_themes[st->theme_idx - n]);
	return UI_REDRAW | REACT_THEME;
}

static unsigned act_save(struct ui_state *st)
{
	(void)st;
	return UI_REDRAW | UI_SAVE_CONFIG;
}

/* L: syscall timing on or off (the app tells the kernel). */
static unsigned act_latency(struct ui_state *st)
{
	/* from what the kernel does, not what was last asked: an attach
	 * that failed (said by the probe) leaves syscalls untimed */
	st->set.latency = !st->timed_seen;
	st->timed_seen = st->set.latency;	/* until the next snapshot says */
	ui_state_message(st, ROLE_MSG_INFO, "system calls %stimed%s", st->set.latency ? "" : "not ",
			 st->set.latency ? " (work at every call's entry and exit)" : "");
	return UI_REDRAW | UI_LATENCY;
}

/* To the processes pane and back to the syscalls. */
static unsigned act_procs(struct ui_state *st)
{
	st->set.focus = st->set.focus == PANE_PROCS ? PANE_SYSCALLS : PANE_PROCS;
	return UI_REDRAW;
}

/* g: by process, by name, by container, by process again. */
static unsigned act_procs_fold(struct ui_state *st)
{
	st->procs_fold = st->procs_fold == PROC_FOLD_NONE ? PROC_FOLD_COMM
		       : st->procs_fold == PROC_FOLD_COMM ? PROC_FOLD_CONTAINER : PROC_FOLD_NONE;
	st->set.focus = PANE_PROCS;
	st->pr.resort = true;
	st->pr.cursor = st->pr.scroll = 0;
	return UI_REDRAW;
}

static unsigned act_disk(struct ui_state *st)
{
	int cur = -1;

	st->set.focus = PANE_BIO;
	for (int i = 0; i < st->n_disks_seen; i++)
		if (!strcmp(st->disks_seen[i], st->bio_disk))
			cur = i;
	if (!st->bio_disk[0] || cur >= 0)
		cur++;
	else
		cur = 0;	/* the chosen disk went away: start over */
	if (cur < st->n_disks_seen)
		snprintf(st->bio_disk, sizeof(st->bio_disk), "%s", st->disks_seen[cur]);
	else
		st->bio_disk[0] = '\0';
	return UI_REDRAW;
}

static unsigned act_fails(struct ui_state *st)
{
	st->screen = st->screen == SCREEN_FAILS ? SCREEN_MAIN : SCREEN_FAILS;
	st->fl.resort = true;
	return UI_REDRAW;
}

/* The process tree; leaving it is the overlay's business (keymap.c). */
static unsigned act_tree(struct ui_state *st)
{
	st->screen = SCREEN_TREE;
	st->tree_scroll = 0;
	return UI_REDRAW;
}

/* The probe report; leaving it is the overlay's business (keymap.c). */
static unsigned act_report(struct ui_state *st)
{
	st->screen = SCREEN_REPORT;
	st->report_scroll = 0;
	return UI_REDRAW;
}

static unsigned act_op(struct ui_state *st)
{
	/* all, then every operation the source splits, then all again */
	st->set.focus = PANE_BIO;
	st->bio_op = st->bio_op + 1 >= BIO_OP_MAX ? -1 : st->bio_op + 1;
	return UI_REDRAW;
}

static unsigned act_cumulative(struct ui_state *st)
{
	st->set.focus = PANE_BIO;
	st->bio_cumulative = !st->bio_cumulative;
	return UI_REDRAW;
}

static unsigned act_phase(struct ui_state *st)
{
	st->set.focus = PANE_BIO;
	st->bio_phase = st->bio_phase == BIO_PH_DEVICE ? BIO_PH_QUEUE : BIO_PH_DEVICE;
	return UI_REDRAW;
}

const struct ui_action_desc ui_actions[ACT_MAX] = {
	[ACT_HELP] = { "show or leave this help", act_help },
	[ACT_EXPLAIN] = { "what the focused pane shows, from which hook, how to read it",
			  act_explain },
	[ACT_QUIT] = { "quit", act_quit },
	[ACT_FOCUS_NEXT] = { "focus the next pane", act_focus_next },
	[ACT_FOCUS_PREV] = { "focus the previous pane", act_focus_prev },
	[ACT_ZOOM] = { "zoom the focused pane to full screen, and back", act_zoom },
	[ACT_BACK] = { "leave help, a screen (f, i, details) or zoom", act_back },
	[ACT_SORT_NEXT] = { "sort the syscall/process table by the next column", act_sort_next },
	[ACT_SORT_PREV] = { "sort by the previous column", act_sort_prev },
	[ACT_INVERT] = { "invert the sort order", act_invert },
	[ACT_UP] = { "move up one row (table cursor, event log)", act_up },
	[ACT_DOWN] = { "move down one row", act_down },
	[ACT_PGUP] = { "page up", act_pgup },
	[ACT_PGDN] = { "page down", act_pgdn },
	[ACT_HOME] = { "go to the first row (oldest event)", act_home },
	[ACT_END] = { "go to the last row; the event log follows new events", act_end },
	[ACT_PAUSE] = { "pause the display or resume (a replay: stop or play)",
			act_pause },
	[ACT_SLOWER] = { "longer sampling interval (a replay: slower)", act_slower },
	[ACT_FASTER] = { "shorter sampling interval (a replay: faster)", act_faster },
	[ACT_THEME] = { "next colour theme", act_theme },
	[ACT_PROCS] = { "processes pane (again: back to the syscalls)", act_procs },
	[ACT_PROCS_FOLD] = { "processes: one row per name, per container, or per process",
			     act_procs_fold },
	[ACT_LATENCY] = { "syscalls: time them (p95, TIME%), or stop (off by default: it costs)",
			  act_latency, WHERE_ANY },
	[ACT_SYSCALL] = { "syscalls: the selected syscall's latency, errnos and callers",
			  act_syscall, WHERE_SYSCALLS },
	[ACT_SCOPE] = { "processes: every pane shows only the selected process (name, container); "
			"Esc widens",
			act_scope, WHERE_PROCS },
	[ACT_DISK] = { "block I/O: all disks, then each disk", act_disk },
	[ACT_OP] = { "block I/O: all operations, then each (read, write, flush, discard, other)", act_op },
	[ACT_CUMULATIVE] = { "block I/O: last interval, or since start", act_cumulative },
	[ACT_PHASE] = { "block I/O: device time, or queue time", act_phase },
	[ACT_FILTER] = { "filter the event log (PCRE2 terms; Esc cancels)", act_filter, WHERE_ANY },
	[ACT_SEARCH] = { "search the captured events (F3 again, n, N)", act_search, WHERE_ANY },
	[ACT_MATCH_NEXT] = { "next search match (older)", act_match_next, WHERE_ANY },
	[ACT_MATCH_PREV] = { "previous search match (newer)", act_match_prev, WHERE_ANY },
	[ACT_FAILED_ONLY] = { "event log: failed calls only, or all", act_failed_only, WHERE_ANY },
	[ACT_SHOW_EXEC] = { "event log: show or hide exec events", act_show_exec, WHERE_ANY },
	[ACT_SHOW_OPEN] = { "event log: show or hide open events (in the log)", act_show_open,
			    WHERE_LOG },
	[ACT_FAILS] = { "failing calls (opens, stat, access, unlink...), and back", act_fails,
			WHERE_ANY },
	[ACT_FAILS_FILTER] = { "failing calls: narrow the table (PCRE2 terms)", act_fails_filter,
			       WHERE_FAILS },
	[ACT_FAILS_EXCLUDE] = { "failing calls: exclude the row's path (adds !path: to the filter)",
				act_fails_exclude, WHERE_FAILS },
	[ACT_FAILS_EXCLUDE_DIR] = { "failing calls: exclude every path in the row's directory",
				    act_fails_exclude_dir, WHERE_FAILS },
	[ACT_SELECT] = { "event details; on a failing call: filter the log on it", act_select,
			 WHERE_LOG | WHERE_FAILS },
	[ACT_SAVE] = { "write these settings to the configuration file", act_save, WHERE_ANY },
	[ACT_REPORT] = { "probe report: kernel, privileges, each source's hook and why", act_report,
			 WHERE_ANY },
	[ACT_TREE] = { "process tree of recent forks and execs, short-lived ones included",
		       act_tree, WHERE_ANY },
	[ACT_STEP_BACK] = { "one interval back: look back while live, or in a replay",
			    act_step_back, WHERE_ANY },
	[ACT_STEP_FWD] = { "one interval on (past the latest: live again)", act_step_fwd,
			   WHERE_ANY },
	[ACT_JUMP] = { "go to a time (10:42:05, -5m, +30s, start, end)", act_jump, WHERE_ANY },
	[ACT_SAVE_VIEW] = { "save what the focused pane or screen shows to a file (text; "
			    ".json: NDJSON)", act_save_view, WHERE_ANY },
	[ACT_PROFILE] = { "on-CPU profile: flame graph and top functions, and back", act_profile,
			  WHERE_ANY },
	[ACT_PROF_UP] = { "profile: the frame above", act_prof_up, WHERE_PROFILE },
	[ACT_PROF_DOWN] = { "profile: the frame below (a callee: the one with most samples)",
			    act_prof_down, WHERE_PROFILE },
	[ACT_PROF_LEFT] = { "profile: the frame to the left", act_prof_left, WHERE_PROFILE },
	[ACT_PROF_RIGHT] = { "profile: the frame to the right", act_prof_right, WHERE_PROFILE },
	[ACT_PROF_ZOOM] = { "profile: zoom into the selected frame", act_prof_zoom, WHERE_PROFILE },
	[ACT_PROF_OUT] = { "profile: zoom out one level (not zoomed: back to the panes)",
			   act_prof_out, WHERE_PROFILE },
	[ACT_PROF_MODE] = { "profile: samples since start, of the last interval, or decaying",
			    act_prof_mode, WHERE_PROFILE },
	[ACT_PROF_FLIP] = { "profile: icicle (callers on top) or flame graph (callers below)",
			    act_prof_flip, WHERE_PROFILE },
	[ACT_PROF_FIND] = { "profile: highlight the frames whose name holds a text, and their share",
			    act_prof_find, WHERE_PROFILE },
	[ACT_PROF_COUNT] = { "profile: stop sampling, or start again", act_prof_count, WHERE_PROFILE },
};

/* Which pane, if any, holds the point (x, y) in the last frame. */
static int pane_at(const struct ui_state *st, int x, int y)
{
	for (int p = 0; p < PANE_MAX; p++) {
		const struct rect *r = &st->lay.pane[p];

		if (st->lay.shown[p] && x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h)
			return p;
	}
	return -1;
}

static unsigned table_click(struct ui_state *st, int x, int y)
{
	struct table_state *t = active_table(st);

	if (y == t->hdr_y) {
		for (int i = 0; i < t->ncols_shown; i++) {
			if (x < t->col_x0[i] || x >= t->col_x1[i])
				continue;
			if (t->sort_col == t->col_id[i])
				t->invert = !t->invert;
			else
				t->sort_col = t->col_id[i], t->invert = false;
			t->resort = true;
			ui_state_hold(st);
			return UI_REDRAW;
		}
		return UI_REDRAW;
	}
	if (y > t->hdr_y && y <= t->hdr_y + t->rows_shown) {
		t->cursor = t->scroll + (y - t->hdr_y - 1);
		ui_state_hold(st);
	}
	return UI_REDRAW;
}

unsigned mouse_dispatch(struct ui_state *st, const struct ui_mouse *m)
{
	int pane;

	if (!st->set.mouse)
		return 0;
	if (ui_state_modal(st)) {
		if (m->kind == MOUSE_CLICK || st->explain) {
			ui_state_leave_modal(st);
			return UI_REDRAW;
		}
		return scroll_by(st, st->set.focus, m->kind == MOUSE_WHEEL_UP ? -WHEEL_ROWS : WHEEL_ROWS);
	}
	if (st->screen == SCREEN_FAILS) {
		if (m->kind != MOUSE_CLICK)
			return scroll_by(st, st->set.focus, m->kind == MOUSE_WHEEL_UP ? -WHEEL_ROWS : WHEEL_ROWS);
		return table_click(st, m->x, m->y);
	}
	pane = pane_at(st, m->x, m->y);
	if (pane < 0)
		return 0;
	if (m->kind != MOUSE_CLICK)
		return scroll_by(st, (enum ui_pane)pane, m->kind == MOUSE_WHEEL_UP ? -WHEEL_ROWS : WHEEL_ROWS);
	st->set.focus = (enum ui_pane)pane;
	if (pane == PANE_SYSCALLS)
		return table_click(st, m->x, m->y);
	return UI_REDRAW;
}
