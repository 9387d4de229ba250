/* SPDX-License-Identifier: GPL-2.0-or-later */
/* struct term's insides, shared by term.c and flush.c only: the two
 * files allowed to include curses. */
#ifndef TRACETOP_UI_TERM_PRIV_H
#define TRACETOP_UI_TERM_PRIV_H

#include <curses.h>
#include "role.h"
#include "term.h"

struct term {
	SCREEN *scr;		/* owned */
	bool active;		/* in curses mode */
	bool mouse;
	bool colour;		/* allowed by the caller and offered by the tty */
	bool utf8;		/* locale can show the block and arrow glyphs */
	int colours;
	bool default_colours;	/* use_default_colors() worked */
	attr_t attr[ROLE_MAX];
	short pair[ROLE_MAX];
};

#endif
