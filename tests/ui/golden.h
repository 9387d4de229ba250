/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Helpers of the UI tests: render a state into a canvas and turn it into
 * text, compare text with a checked-in screen under tests/ui/golden/. */
#ifndef TRACETOP_TESTS_UI_GOLDEN_H
#define TRACETOP_TESTS_UI_GOLDEN_H

#include <stddef.h>
#include "canvas.h"

/* The canvas as text: one line per row, trailing blanks dropped.
 * Returns a malloc'd string. */
char *canvas_dump(const struct canvas *cv);
/* Compares text with golden/NAME.txt; with TT_UPDATE_GOLDEN=1 in the
 * environment, (re)writes the file instead. 0 when equal (or written),
 * -1 with the first difference on stderr. */
int golden_check(const char *name, const char *text);

#endif
