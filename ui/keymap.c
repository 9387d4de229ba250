/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which key runs which action, and the names of keys for the help
 * screen. Changing a binding means changing one line of ui_bindings. */
#include <stdio.h>
#include <string.h>
#include "ui.h"
#include "keymap.h"

const struct ui_binding ui_bindings[] = {
	/* the profile screen's own first: they win there */
	{ UK_UP, ACT_PROF_UP },
	{ UK_DOWN, ACT_PROF_DOWN },
	{ UK_LEFT, ACT_PROF_LEFT },
	{ UK_RIGHT, ACT_PROF_RIGHT },
	{ UK_ENTER, ACT_PROF_ZOOM },
	{ UK_ESC, ACT_PROF_OUT },
	{ UK_BACKSPACE, ACT_PROF_OUT },
	{ '/', ACT_PROF_FIND },
	{ 'm', ACT_PROF_MODE },
	{ 'v', ACT_PROF_FLIP },
	{ 'k', ACT_PROF_COUNT },
	{ UK_F(1), ACT_HELP },
	{ '?', ACT_EXPLAIN },
	{ 'h', ACT_HELP },
	{ 'q', ACT_QUIT },
	{ UK_F(10), ACT_QUIT },
	{ UK_TAB, ACT_FOCUS_NEXT },
	{ UK_BTAB, ACT_FOCUS_PREV },
	{ 'z', ACT_ZOOM },
	{ UK_ENTER, ACT_SELECT },
	{ UK_ENTER, ACT_SCOPE },
	{ UK_ENTER, ACT_SYSCALL },
	{ UK_ENTER, ACT_ZOOM },
	{ UK_ESC, ACT_BACK },
	{ UK_BACKSPACE, ACT_BACK },
	{ UK_F(6), ACT_SORT_NEXT },
	{ '>', ACT_SORT_NEXT },
	{ '<', ACT_SORT_PREV },
	{ 'I', ACT_INVERT },
	{ UK_UP, ACT_UP },
	{ UK_DOWN, ACT_DOWN },
	{ UK_PGUP, ACT_PGUP },
	{ UK_PGDN, ACT_PGDN },
	{ UK_HOME, ACT_HOME },
	{ UK_END, ACT_END },
	{ ' ', ACT_PAUSE },
	{ 'Z', ACT_PAUSE },
	{ '+', ACT_SLOWER },
	{ '-', ACT_FASTER },
	{ 't', ACT_THEME },
	{ 'p', ACT_PROCS },
	{ 'g', ACT_PROCS_FOLD },
	{ 'L', ACT_LATENCY },
	{ 'd', ACT_DISK },
	{ 'o', ACT_SHOW_OPEN },
	{ 'o', ACT_OP },
	{ 'c', ACT_CUMULATIVE },
	{ 'Q', ACT_PHASE },
	{ UK_F(4), ACT_FILTER },
	{ '/', ACT_FAILS_FILTER },
	{ '/', ACT_FILTER },
	{ '!', ACT_FAILS_EXCLUDE },
	{ 'D', ACT_FAILS_EXCLUDE_DIR },
	{ UK_F(3), ACT_SEARCH },
	{ 'n', ACT_MATCH_NEXT },
	{ 'N', ACT_MATCH_PREV },
	{ 'x', ACT_FAILED_ONLY },
	{ 'e', ACT_SHOW_EXEC },
	{ 'f', ACT_FAILS },
	{ 'W', ACT_SAVE },
	{ 'i', ACT_REPORT },
	{ UK_F(5), ACT_TREE },
	{ '[', ACT_STEP_BACK },
	{ ']', ACT_STEP_FWD },
	{ 'j', ACT_JUMP },
	{ 'w', ACT_SAVE_VIEW },
	{ 'P', ACT_PROFILE },
};

const size_t ui_n_bindings = sizeof(ui_bindings) / sizeof(ui_bindings[0]);

static bool applies(const struct ui_state *st, enum ui_action act)
{
	unsigned w = ui_actions[act].where;

	if (w == WHERE_ANY)
		return true;
	if ((w & WHERE_FAILS) && st->screen == SCREEN_FAILS)
		return true;
	/* (not under help or an explanation: they scroll with the arrows) */
	if ((w & WHERE_PROFILE) && st->screen == SCREEN_PROFILE && !ui_state_modal(st))
		return true;
	if ((w & WHERE_PROCS) && st->screen == SCREEN_MAIN && st->set.focus == PANE_PROCS)
		return true;
	if ((w & WHERE_SYSCALLS) && st->screen == SCREEN_MAIN && st->set.focus == PANE_SYSCALLS &&
	    st->sc_sel_valid)
		return true;
	return (w & WHERE_LOG) && st->screen == SCREEN_MAIN && st->set.focus == PANE_LOG;
}

/* Leaves the help screen or the detail view, whichever is on top. */
static unsigned leave_overlay(struct ui_state *st)
{
	ui_state_leave_modal(st);
	return UI_REDRAW;
}

unsigned keymap_dispatch(struct ui_state *st, int key)
{
	bool overlay = ui_state_modal(st);

	if (st->save.confirm)
		return save_confirm_key(st, key);
	if (st->prompt && st->prompt->kind != PROMPT_NONE)
		return prompt_key(st, key);
	/* the explanation goes with any key but the one that quits: it
	 * scrolls nothing */
	if (st->explain && !(key == UK_F(10))) {
		st->explain = false;
		return UI_REDRAW;
	}
	for (size_t i = 0; i < ui_n_bindings; i++) {
		enum ui_action act = ui_bindings[i].act;

		if (ui_bindings[i].key != key || !applies(st, act))
			continue;
		/* Help, the detail view and the probe report are modal:
		 * they scroll, F10
		 * still quits, and any other key goes back to where the
		 * user was. */
		if (overlay && act != ACT_QUIT && act != ACT_UP && act != ACT_DOWN &&
		    act != ACT_PGUP && act != ACT_PGDN && act != ACT_HOME && act != ACT_END)
			return leave_overlay(st);
		if (overlay && act == ACT_QUIT && key == 'q')
			return leave_overlay(st);
		return ui_actions[act].fn(st);
	}
	if (overlay)
		return leave_overlay(st);
	return 0;
}

const char *key_name(int key, char *buf, size_t len)
{
	switch (key) {
	case UK_TAB: return "Tab";
	case UK_BTAB: return "S-Tab";
	case UK_ENTER: return "Enter";
	case UK_ESC: return "Esc";
	case UK_BACKSPACE: return "Backspace";
	case UK_UP: return "Up";
	case UK_DOWN: return "Down";
	case UK_LEFT: return "Left";
	case UK_RIGHT: return "Right";
	case UK_PGUP: return "PgUp";
	case UK_PGDN: return "PgDn";
	case UK_HOME: return "Home";
	case UK_END: return "End";
	case ' ': return "Space";
	}
	if (key >= UK_F(1) && key <= UK_F12)
		snprintf(buf, len, "F%d", key - UK_F1 + 1);
	else if (key > ' ' && key < 0x7f)
		snprintf(buf, len, "%c", key);
	else
		snprintf(buf, len, "#%x", (unsigned)key);
	return buf;
}

size_t keymap_keys_of(enum ui_action act, char *buf, size_t len)
{
	size_t used = 0;

	if (len)
		buf[0] = '\0';
	for (size_t i = 0; i < ui_n_bindings; i++) {
		char tmp[16];
		int n;

		if (ui_bindings[i].act != act)
			continue;
		n = snprintf(buf + used, used < len ? len - used : 0, "%s%s", used ? " " : "",
			     key_name(ui_bindings[i].key, tmp, sizeof(tmp)));
		used += (size_t)n;
		if (used >= len)
			used = len ? len - 1 : 0;
	}
	return used;
}
