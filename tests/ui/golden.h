/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers of the UI tests: render a state into a canvas and turn it into
 * text, compare text with a checked-in screen under tests/ui/golden/. */
#ifndef TRACETOP_TESTS_UI_GOLDEN_H
#define TRACETOP_TESTS_UI_GOLDEN_H

#include <stddef.h>
#include "canvas.h"
#include "theme.h"

/* The canvas as text: one line per row, trailing blanks dropped.
 * Returns a malloc'd string. */
char *canvas_dump(const struct canvas *cv);
/* The canvas's colour roles: a letter per role in each cell (blank for
 * the default role), then one line per role used: its letter, its name
 * and its style in theme th. Returns a malloc'd string. */
char *canvas_dump_roles(const struct canvas *cv, const struct theme *th);
/* Compares text with golden/NAME.txt; with TT_UPDATE_GOLDEN=1 in the
 * environment, (re)writes the file instead. 0 when equal (or written),
 * -1 with the first difference on stderr. */
int golden_check(const char *name, const char *text);

#endif
