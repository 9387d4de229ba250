/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Everything the user has chosen on screen: focus, zoom, sort, scroll,
 * pause, block-I/O selection, interval, theme, status message.
 *
 * The settings among them (the ones a configuration file keeps) are a
 * struct options, set: the focused pane, the interval, failed-only and
 * the mouse are kept there and nowhere else; the sort column, the filter
 * and the theme live where the UI uses them (the syscall table, the
 * compiled filter, the theme loaded) and ui_state_settings() points set
 * at them when the settings are read.
 *
 * Plain data, no curses: keys and mouse clicks change it (actions.c),
 * views read it (render.c). Tests drive both without a terminal. The
 * last frame's layout and hit areas are kept here so a mouse click can be
 * mapped back to what was under it. */
#ifndef TRACETOP_UI_STATE_H
#define TRACETOP_UI_STATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "event_log.h"
#include "filter.h"
#include "flame.h"
#include "frontend.h"	/* struct fe_replay */
#include "layout.h"
#include "log_index.h"
#include "options.h"
#include "proc_view.h"
#include "scope.h"
#include "tick_history.h"

#define HOLD_MS 1500		/* rows keep their order this long after a sort/scroll key */
#define MSG_MS 5000		/* status messages show this long */
#define TABLE_COLS_MAX 24
#define UI_USER_THEMES_MAX 32	/* the user's themes `t` cycles through */

/* The syscall table's columns are enum sc_col (options.h), which --sort
 * names; the per-process and failing-opens tables have their own. */
enum pr_col {
	PR_PID = 0, PR_PPID, PR_USER, PR_CONTAINER, PR_COMM, PR_RATE, PR_ERR_RATE, PR_READ, PR_WRITE, PR_OPEN,
	PR_OPEN_ERR, PR_FSYNC, PR_EXEC, PR_BIO, PR_BIO_P95, PR_BUSY, PR_TOP, PR_NCOLS
};
enum fl_col { FL_COUNT = 0, FL_RATE, FL_ERRNO, FL_CALL, FL_COMM, FL_PATH, FL_NCOLS };

/* What the body of the screen shows. */
enum ui_screen {
	SCREEN_MAIN = 0,	/* the panes */
	SCREEN_FAILS,		/* top failing opens (f) */
	SCREEN_DETAIL,		/* every field of one event (Enter in the log) */
	SCREEN_REPORT,		/* the probe report (i) */
	SCREEN_TREE,		/* the process tree (F5) */
	SCREEN_SYSCALL,		/* one syscall in detail (Enter on the syscall table) */
	SCREEN_PROFILE,		/* the on-CPU profile's flame graph (P) */
};

/* PROMPT_FAILS: the failing-calls table's own filter; PROMPT_JUMP: a
 * replay's time to go to. */
enum prompt_kind {
	PROMPT_NONE = 0, PROMPT_FILTER, PROMPT_SEARCH, PROMPT_FAILS, PROMPT_JUMP,
	PROMPT_SAVE,	/* the file name to save the view to (w) */
	PROMPT_PROFILE,	/* the text the profile's frames are searched for (/ there) */
};

/* w: what is being saved, where, and where that stands. The file is
 * written at the next frame (it needs the snapshot shown); a name that
 * exists asks first (confirm: y replaces it, any other key keeps it). */
struct save_ask {
	bool pending;		/* write at the next frame */
	bool overwrite;		/* the user said y */
	bool confirm;		/* waiting for y */
	int what;		/* enum save_what */
	char path[4097];
};

/* The line the user types a filter or a search into. Its text goes in
 * force once typing pauses (settle_ms) and at Enter; Esc, or Enter on a
 * pattern that does not compile, puts back what was in force when it
 * opened. */
struct prompt {
	enum prompt_kind kind;
	char text[FILTER_EXPR_MAX + 1];
	size_t len;
	char saved[FILTER_EXPR_MAX + 1];	/* expression in force at open */
	bool saved_follow;
	uint64_t saved_anchor;
	bool error_shown;	/* the status line holds this prompt's error */
	uint64_t settle_ms;	/* now_ms when the text typed goes in force; 0: it is */
};

/* Typing puts the text in force once the keys pause this long: a pasted
 * 10 KB pattern is compiled once, not once per character. */
#define PROMPT_SETTLE_MS 150

/* One sortable, scrollable table and the row order it showed last. */
struct table_state {
	int sort_col;
	bool invert;
	int cursor;		/* selected row (display index) */
	int scroll;		/* first row shown */
	uint64_t *order;	/* owned: keys (syscall id or pid) in shown order */
	size_t n_order, cap_order;
	/* Hit areas of the header row, for mouse sorting. */
	int hdr_y;
	int col_x0[TABLE_COLS_MAX], col_x1[TABLE_COLS_MAX];
	int col_id[TABLE_COLS_MAX];
	int ncols_shown;
	int rows_shown;
	bool resort;		/* sort afresh on the next frame, even when held */
	void *scratch;		/* owned: sort.c's sort keys, kept from frame to frame */
	size_t cap_scratch;	/* bytes */
	uint64_t *row_keys;	/* owned: sort.c's row keys, likewise */
	size_t cap_row_keys;
};

#define UI_WANT_TICKS 5

#define PROF_FIND_MAX 64
#define PROF_TOP_MAX 32

/* The profile screen (P): the flame graph the prepare step builds from
 * the snapshot's stacks in the scope, by the chosen count; the zoom and
 * the selected frame as paths of frame ids from the root, so that they
 * hold from one snapshot to the next; the search's text. */
struct prof_state {
	struct flame flame;		/* owned */
	int mode;			/* enum flame_mode */
	bool flame_up;			/* the root at the bottom (else an icicle) */
	uint32_t zoom[PROF_DEPTH_MAX];	/* the zoomed frame's path */
	unsigned n_zoom;
	uint32_t sel[PROF_DEPTH_MAX];	/* the selected frame's path */
	unsigned n_sel;
	uint32_t zoom_node, sel_node;	/* ... in flame, as the prepare step found them */
	char find[PROF_FIND_MAX];	/* "" for none */
	double find_value;		/* samples under the frames it matches, in the zoom */
	struct flame_fn top[PROF_TOP_MAX];	/* the functions, most self first */
	size_t n_top, n_fns;
};

struct ui_state {
	struct options set;	/* the settings in effect on screen (see above) */
	bool zoom, help;
	bool explain;		/* ?: the focused pane explained (modal) */
	enum proc_fold procs_fold;	/* the processes pane: per process, name or container */
	/* The processes pane's cursor row, as the last frame drew it: what
	 * Enter scopes to. */
	bool sc_sel_valid;	/* the syscall table's cursor row, likewise */
	unsigned sc_sel_id;
	char sc_sel_name[32];
	bool pr_sel_valid;
	enum proc_fold pr_sel_fold;
	uint32_t pr_sel_pid;
	char pr_sel_comm[TT_COMM_LEN + 1];
	char pr_sel_container[32];
	/* The scope (Enter on a process, a name or a container; --comm):
	 * every pane shows those processes' figures; Esc widens again. The
	 * event log and the failing calls go through scope_filter. */
	struct tt_scope scope;		/* owned */
	struct filter scope_filter;	/* owned */
	/* the failing calls, whose rows are by name (each keeps the pid of
	 * its latest failure only): the scope's names */
	struct filter scope_fail_filter;	/* owned */
	bool scope_stale;		/* its filters are still to be made (prepare.c) */
	bool scope_warned;		/* said that its log filter could not hold it all */
	bool timed_seen;		/* syscalls timed, as the snapshot of seq timed_seq said */
	uint64_t timed_seq;
	uint64_t scope_seq;		/* the snapshot they were made from */
	bool paused;
	/* --replay: where it stands (the app says), and the time typed at
	 * j (PROMPT_JUMP). Space stops or plays it (the app keeps which);
	 * it never sets paused: a replay freezes nothing, [ and ] move it. */
	struct fe_replay replay;
	char jump_text[64];
	struct save_ask save;
	int travel_steps;		/* ] +1, [ -1, since the app last asked */
	unsigned travel_toggles;	/* Spaces of a replay, likewise */

	struct table_state sc, pr;

	/* Event log: the bottom row shows the newest event shown at or
	 * before seq log_anchor, unless following the newest. That row is
	 * the selected one (Enter shows its details). */
	bool log_follow;
	uint64_t log_anchor;
	int log_rows_shown;
	uint64_t log_first_seen, log_end_seen;	/* range of the last frame's log */
	/* Paused, the log shows no event from this seq on: what arrived
	 * after the pause, until the user goes there (End, a search). */
	uint64_t log_horizon;
	bool log_has_sel;
	uint64_t log_sel;		/* seq of the last frame's bottom row */
	bool follow_before_pause;
	int help_scroll;

	/* What the event log shows: types (LOG_SHOW_* bits), failed only
	 * (set.failed_only), the filter (F4), and the search (F3) whose
	 * matches are highlighted. */
	unsigned log_mask;
	struct filter filter;		/* owned */
	struct filter search;		/* owned */
	struct log_index view_idx;	/* owned: events the log shows */
	struct log_index search_idx;	/* owned: of those, the search's matches */
	bool idx_stale;			/* conditions changed: rebuild both */
	bool search_stale;		/* the search changed: rebuild its index */
	const void *idx_log;		/* the log the indexes were built on */
	bool search_jump;		/* go to the newest match once found */
	struct prompt *prompt;		/* owned; kind NONE when closed */

	enum ui_screen screen;
	/* The failing-calls table: its rows follow the filter (F4) and its
	 * own (/ on that screen); the prepare step lists the snapshot rows
	 * that pass both. */
	struct table_state fl;
	struct filter fl_filter;	/* owned */
	size_t *fl_vis;			/* owned: indexes into snap->fails */
	size_t n_fl_vis, cap_fl_vis;
	char *fl_pick;			/* owned: filter for its cursor row, or NULL */
	char *fl_drop;			/* owned: the filter excluding that row's path, or NULL */
	char *fl_drop_dir;		/* owned: ... excluding its directory, or NULL */
	struct event_log detail;	/* owned: a copy of the event shown in detail */
	uint64_t detail_seq;
	bool detail_want;		/* copy detail_seq from the log at the next frame */
	bool detail_gone;		/* it was overwritten before it could be copied */
	int detail_scroll;
	const char *report;		/* borrowed: the probe report text, or NULL */
	int report_scroll;
	int tree_scroll;

	/* Block I/O selection. */
	char bio_disk[32];	/* "" = all disks */
	int bio_op;		/* -1 = all, else enum bio_op */
	int bio_phase;		/* enum bio_phase */
	bool bio_cumulative;
	char disks_seen[16][32];	/* disk names of the last frame, for `d` */
	int n_disks_seen;

	uint64_t now_ms;		/* monotonic, set before each render/key */
	uint64_t hold_until_ms;

	unsigned theme_idx;	/* index into theme_names then user_themes, for `t` */
	/* the user's themes (~/.config/tracetop/themes/NAME.theme) that are
	 * not built-in names, in `t`'s cycle after those */
	char user_themes[UI_USER_THEMES_MAX][64];	/* THEME_NAME_MAX */
	bool theme_auto;	/* theme_name picked by tracetop (COLORFGBG), not saved */
	unsigned n_user_themes;
	char theme_name[64];	/* the theme in use (set.theme when read) */

	char msg[256];
	int msg_role;
	uint64_t msg_until_ms;

	uint64_t paused_new;	/* events since the pause (badge) */

	struct layout lay;	/* of the last frame */
	int screen_w, screen_h;
	/* The ticks the screen has shown: the VFS graphs' and the block
	 * I/O heatmap's past (tick_history.h). */
	struct tick_history *ticks;
	/* The processes band's rows wanted by the last UI_WANT_TICKS ticks
	 * (slot seq % UI_WANT_TICKS): it takes the most of them, so it grows
	 * at once and shrinks only once the rows have stayed gone a while. */
	int procs_rows[UI_WANT_TICKS];
	uint64_t procs_rows_seq[UI_WANT_TICKS];
	/* ... counted under this fold and scope (scope_gen: bumped at every
	 * change of scope); another starts them again */
	enum proc_fold procs_rows_fold;
	bool procs_rows_scope;
	unsigned procs_rows_scope_gen, scope_gen;

	struct prof_state prof;
};

/* Help, the explanation of a pane, an event's details, the probe report
 * and the process tree are modal: they scroll, and any other key (or a click) goes back. */
static inline bool ui_state_modal(const struct ui_state *st)
{
	return st->help || st->explain || st->screen == SCREEN_DETAIL || st->screen == SCREEN_REPORT ||
	       st->screen == SCREEN_TREE || st->screen == SCREEN_SYSCALL;
}

/* Leaves whichever modal view is on top. */
static inline void ui_state_leave_modal(struct ui_state *st)
{
	if (st->help)
		st->help = false;
	else if (st->explain)
		st->explain = false;
	else
		st->screen = SCREEN_MAIN;
}

/* Starts with the settings set (NULL: the defaults). 0, or -ENOMEM
 * (then st holds nothing to free). The filter of set is not applied:
 * log_set_filter() does that, with a message when it does not compile. */
int ui_state_init(struct ui_state *st, const struct options *set);
/* Frees what a table's order and sorting own (ui_state_fini does it for
 * the state's tables). */
void table_state_fini(struct table_state *t);
void ui_state_fini(struct ui_state *st);
/* The settings in effect on screen; valid as long as st and until the
 * filter or the theme change. */
const struct options *ui_state_settings(struct ui_state *st);
/* The event log's conditions as log_index takes them: the types shown,
 * and failed only. */
unsigned ui_state_log_mask(const struct ui_state *st);
/* Shows a status message for MSG_MS (role: ROLE_MSG_*). */
void ui_state_message(struct ui_state *st, int role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Rows stay in their order until now + HOLD_MS. */
void ui_state_hold(struct ui_state *st);
bool ui_state_held(const struct ui_state *st);

#endif
