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
	ACT_DISK,
	ACT_OP,
	ACT_CUMULATIVE,
	ACT_PHASE,
	ACT_MAX,
};

struct ui_action_desc {
	const char *help;	/* one line for the help screen */
	unsigned (*fn)(struct ui_state *st);
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

/* A mouse event against the last frame's layout. */
unsigned mouse_dispatch(struct ui_state *st, const struct ui_mouse *m);

#endif
