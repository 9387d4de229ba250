/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The terminal: entering and leaving curses mode, colours for the theme,
 * the screen size, and reading keys and mouse events. One of the two
 * files (with flush.c) that include curses; this header does not, so the
 * rest of ui/ stays free of it. */
#ifndef TRACETOP_UI_TERM_H
#define TRACETOP_UI_TERM_H

#include <stdbool.h>
#include <stddef.h>
#include "keys.h"
#include "theme.h"

struct term;

enum term_event_kind {
	TEV_KEY = 1,
	TEV_MOUSE,
	TEV_REPAINT,	/* ^L: the user wants the whole screen written again */
};

struct term_event {
	enum term_event_kind kind;
	int key;		/* TEV_KEY: a code point or UK_* */
	struct ui_mouse mouse;	/* TEV_MOUSE */
};

/* Enters curses mode on stdin/stdout. NULL with a sentence in err when
 * they are not a usable terminal. colour false: attributes only. */
struct term *term_new(bool mouse, bool colour, char *err, size_t errlen);
/* Restores the terminal and frees; NULL is fine. */
void term_free(struct term *t);
/* Leaves curses mode (suspend, fatal paths); idempotent. */
void term_restore(struct term *t);
/* Comes back after term_restore(). */
void term_resume(struct term *t);
/* The next doupdate() repaints the whole screen (^L, garbage on it). */
void term_repaint(struct term *t);
/* Takes the size from the tty after SIGWINCH. */
void term_update_size(struct term *t);
void term_size(const struct term *t, int *w, int *h);
/* 1 and *ev for each pending event, 0 when none is left. */
int term_read(struct term *t, struct term_event *ev);
/* Colours the terminal can show: 0 (none, or NO_COLOR), 8, 16, 256... */
int term_colours(const struct term *t);
/* Maps every role to attributes and a colour pair fitted to the terminal. */
void term_apply_theme(struct term *t, const struct theme *th);

#endif
