/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Whether the terminal can take the full-screen view, asked before
 * anything starts; on its own because <term.h> defines a macro for
 * every terminfo capability. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "ui_frontend.h"
/* last: its macros (lines, columns...) would rename the fields above */
#include <curses.h>
#include <ncursesw/term.h>	/* not ui/term.h */

int ui_terminal_check(char *err, size_t errlen)
{
	const char *name = getenv("TERM");
	TERMINAL *before;
	const char *cup;
	bool can_move;
	int errret = 0;

	if (!name || !*name) {
		snprintf(err, errlen, "TERM is not set, which the full-screen view needs "
			 "(use --batch or --json)");
		return -1;
	}
	before = cur_term;
	if (setupterm(NULL, STDOUT_FILENO, &errret) != OK) {
		snprintf(err, errlen, "the terminal type '%s' is not known here, which the "
			 "full-screen view needs (use --batch or --json)", name);
		return -1;
	}
	/* a terminal that cannot put the cursor where it is told (TERM=dumb,
	 * a printing terminal) would show the screens one after the other
	 * as garbage */
	cup = tigetstr("cup");
	can_move = cup && cup != (const char *)-1;	/* before its table is freed */
	del_curterm(set_curterm(before));
	if (!can_move) {
		snprintf(err, errlen, "the terminal type '%s' cannot move the cursor, which the "
			 "full-screen view needs (use --batch or --json)", name);
		return -1;
	}
	return 0;
}
