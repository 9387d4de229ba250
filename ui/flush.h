/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writing a canvas to the terminal: only the cells that changed since
 * the previous frame, then one doupdate(). */
#ifndef TRACETOP_UI_FLUSH_H
#define TRACETOP_UI_FLUSH_H

#include <stddef.h>
#include "canvas.h"
#include "term.h"

struct flush;

struct flush *flush_new(void);
void flush_free(struct flush *f);
/* The next frame rewrites every cell (resize, resume, new theme). */
void flush_invalidate(struct flush *f);
/* Writes cv's changed cells through t's role attributes; returns how
 * many cells were written. */
size_t flush_frame(struct flush *f, struct term *t, const struct canvas *cv);

#endif
