/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The key -> action table and the actions' descriptions.
 *
 * One table says which key does what; the help screen is generated from
 * it, so it always lists every key. Actions change struct ui_state and
 * return reaction bits (enum ui_reaction, plus the REACT_* bits below
 * that ui.c handles itself) instead of drawing. */
#ifndef TRACETOP_UI_KEYMAP_H
#define TRACETOP_UI_KEYMAP_H

#include <stddef.h>
#include "keys.h"
#include "state.h"

/* Reactions only ui.c acts on; never returned from ui_handle_input(). */
#define REACT_THEME (1u << 8)	/* load the theme st->theme_name */
#define REACT_PAUSE (1u << 9)	/* st->paused flipped: freeze or thaw */
#define REACT_INTERNAL (REACT_THEME | REACT_PAUSE)

enum ui_action {
	ACT_HELP = 0,
	ACT_EXPLAIN,
	ACT_QUIT,
	ACT_FOCUS_NEXT,
	ACT_FOCUS_PREV,
	ACT_ZOOM,
	ACT_BACK,
	ACT_SORT_NEXT,
	ACT_SORT_PREV,
	ACT_INVERT,
	ACT_UP,
	ACT_DOWN,
	ACT_PGUP,
	ACT_PGDN,
	ACT_HOME,
	ACT_END,
	ACT_PAUSE,
	ACT_SLOWER,
	ACT_FASTER,
	ACT_THEME,
	ACT_PROCS,
	ACT_PROCS_FOLD,
	ACT_SCOPE,
	ACT_SYSCALL,
	ACT_LATENCY,
	ACT_DISK,
	ACT_OP,
	ACT_CUMULATIVE,
	ACT_PHASE,
	ACT_FILTER,
	ACT_SEARCH,
	ACT_MATCH_NEXT,
	ACT_MATCH_PREV,
	ACT_FAILED_ONLY,
	ACT_SHOW_EXEC,
	ACT_SHOW_OPEN,
	ACT_FAILS,
	ACT_FAILS_FILTER,
	ACT_FAILS_EXCLUDE,
	ACT_FAILS_EXCLUDE_DIR,
	ACT_SELECT,
	ACT_SAVE,
	ACT_REPORT,
	ACT_TREE,
	ACT_STEP_BACK,
	ACT_STEP_FWD,
	ACT_JUMP,
	ACT_SAVE_VIEW,
	ACT_PROFILE,
	ACT_PROF_UP,
	ACT_PROF_DOWN,
	ACT_PROF_LEFT,
	ACT_PROF_RIGHT,
	ACT_PROF_ZOOM,
	ACT_PROF_OUT,
	ACT_PROF_MODE,
	ACT_PROF_FLIP,
	ACT_PROF_FIND,
	ACT_PROF_COUNT,
	ACT_MAX,
};

/* Where an action applies. A key bound to several actions runs the
 * first one, in table order, that applies where the user is: Enter
 * shows an event's details in the log and zooms elsewhere. */
#define WHERE_ANY 0u
#define WHERE_LOG (1u << 0)	/* the panes, with the event log focused */
#define WHERE_FAILS (1u << 1)	/* the failing-calls screen */
#define WHERE_PROCS (1u << 2)	/* the panes, with the processes pane focused */
#define WHERE_SYSCALLS (1u << 3)	/* the panes, with the syscall table focused */
#define WHERE_PROFILE (1u << 4)	/* the profile screen */

struct ui_action_desc {
	const char *help;	/* one line for the help screen */
	unsigned (*fn)(struct ui_state *st);
	unsigned where;		/* WHERE_* bits; WHERE_ANY: everywhere */
};

struct ui_binding {
	int key;
	enum ui_action act;
};

extern const struct ui_action_desc ui_actions[ACT_MAX];
extern const struct ui_binding ui_bindings[];
extern const size_t ui_n_bindings;

/* Runs the action bound to key; 0 when the key is not bound. */
unsigned keymap_dispatch(struct ui_state *st, int key);
/* "F1", "Tab", "Space", "q"... */
const char *key_name(int key, char *buf, size_t len);
/* Every key bound to act, separated by spaces ("F1 ? h"). */
size_t keymap_keys_of(enum ui_action act, char *buf, size_t len);

/* The event log's actions (actions_log.c). */
unsigned act_filter(struct ui_state *st);
unsigned act_search(struct ui_state *st);
unsigned act_match_next(struct ui_state *st);
unsigned act_match_prev(struct ui_state *st);
unsigned act_failed_only(struct ui_state *st);
unsigned act_show_exec(struct ui_state *st);
unsigned act_show_open(struct ui_state *st);
unsigned act_select(struct ui_state *st);
unsigned act_scope(struct ui_state *st);
unsigned act_syscall(struct ui_state *st);
/* Ends the scope; false when there was none. */
bool ui_scope_clear(struct ui_state *st);
/* --comm: every pane narrowed to the processes whose name matches
 * pattern, from the start. 0, or -1 with msg filled. */
int ui_scope_comm_re(struct ui_state *st, const char *pattern, char *msg, size_t len);
/* The prepare step: the scope's event and failing-call filters, made
 * when the scope was set, and for a container at each new snapshot. */
void ui_scope_refresh(struct ui_state *st, const struct tt_snapshot *s);
unsigned act_fails_filter(struct ui_state *st);
unsigned act_fails_exclude(struct ui_state *st);
unsigned act_fails_exclude_dir(struct ui_state *st);
/* Moves the log by delta shown rows (INT_MIN/INT_MAX: to either end). */
unsigned log_scroll(struct ui_state *st, long delta);
/* w: what the user looks at, as an enum save_what, or -1 (actions_save.c). */
int save_what_shown(const struct ui_state *st);
unsigned act_save_view(struct ui_state *st);
/* The profile screen (actions_profile.c). */
unsigned act_profile(struct ui_state *st);
unsigned act_prof_up(struct ui_state *st);
unsigned act_prof_down(struct ui_state *st);
unsigned act_prof_left(struct ui_state *st);
unsigned act_prof_right(struct ui_state *st);
unsigned act_prof_zoom(struct ui_state *st);
unsigned act_prof_out(struct ui_state *st);
unsigned act_prof_mode(struct ui_state *st);
unsigned act_prof_flip(struct ui_state *st);
unsigned act_prof_find(struct ui_state *st);
unsigned act_prof_count(struct ui_state *st);
/* "since start", "last interval", "decaying (...)" for enum flame_mode. */
const char *prof_mode_name(int mode);
/* The frame after w named a file: writes the view of snap and log
 * (the snapshot and log shown, the prepare step done) and says how it
 * went on the status line. */
void ui_save_run(struct ui_state *st, const struct tt_snapshot *snap, const struct event_log *log);
/* A key while a save waits for y (replace the file) or anything else. */
unsigned save_confirm_key(struct ui_state *st, int key);
/* A key while the prompt is open (prompt.c). */
unsigned prompt_key(struct ui_state *st, int key);
/* Opens the prompt on the filter or the search. */
void prompt_open(struct ui_state *st, enum prompt_kind kind);
/* Puts the typed text in force once st->now_ms reached its settle time
 * (the prepare step calls it before each frame). */
void prompt_settle(struct ui_state *st);
/* now_ms at which the typed text goes in force, 0 for none pending. */
uint64_t prompt_settle_at(const struct ui_state *st);
/* Puts expr in force as the log's filter; on a bad pattern the status
 * line says why and the old filter stays. 0 or -EINVAL/-ENOMEM. */
int log_set_filter(struct ui_state *st, const char *expr);

/* A mouse event against the last frame's layout. */
unsigned mouse_dispatch(struct ui_state *st, const struct ui_mouse *m);

#endif
