/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Terminal size -> rectangles for the header, the panes and the footer.
 *
 * Pure arithmetic, so every size from 1x1 up can be tested. Below
 * LAYOUT_MIN_W x LAYOUT_MIN_H the screen only says it is too small. */
#ifndef TRACETOP_UI_LAYOUT_H
#define TRACETOP_UI_LAYOUT_H

#include <stdbool.h>
#include "canvas.h"
#include "options.h"	/* enum ui_pane */

#define LAYOUT_MIN_W 40
#define LAYOUT_MIN_H 10

struct layout {
	bool too_small;
	struct rect header, body, footer;
	struct rect pane[PANE_MAX];
	bool shown[PANE_MAX];
};

/* The rows a pane's content would fill, its title included; 0: as many
 * as it gets. Only the processes band sizes itself to it today: what it
 * does not use goes to the event log. */
struct layout_want {
	int rows[PANE_MAX];
};

/* Lays out a w x h screen; zoom gives the focused pane the whole body.
 * want may be NULL (every pane as big as it may be). */
void layout_compute(struct layout *l, int w, int h, bool zoom, enum ui_pane focus,
		    const struct layout_want *want);

#endif
