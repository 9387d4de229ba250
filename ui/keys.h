/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Keys and mouse events as tracetop's UI sees them, independent of
 * curses: term.c translates curses key codes into these, so the key map,
 * the actions and their tests never include curses. Printable keys are
 * their Unicode code points; the rest live above the Unicode range. */
#ifndef TRACETOP_UI_KEYS_H
#define TRACETOP_UI_KEYS_H

enum {
	UK_NONE = -1,
	UK_TAB = '\t',
	UK_BASE = 0x110000,
	UK_UP = UK_BASE,
	UK_DOWN,
	UK_LEFT,
	UK_RIGHT,
	UK_PGUP,
	UK_PGDN,
	UK_HOME,
	UK_END,
	UK_BTAB,	/* shift-tab */
	UK_ENTER,
	UK_ESC,
	UK_BACKSPACE,
	UK_F1,		/* UK_F1 .. UK_F1 + 11 */
	UK_F12 = UK_F1 + 11,
};

#define UK_F(n) (UK_F1 + (n) - 1)

enum ui_mouse_kind {
	MOUSE_CLICK = 0,
	MOUSE_WHEEL_UP,
	MOUSE_WHEEL_DOWN,
};

struct ui_mouse {
	int x, y;
	enum ui_mouse_kind kind;
};

#endif
