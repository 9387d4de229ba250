/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which cells changed between two frames: the runs flush.c must write.
 * Pure, so the "write only what changed" promise is tested without a
 * terminal. */
#ifndef TRACETOP_UI_DIFF_H
#define TRACETOP_UI_DIFF_H

#include <stddef.h>
#include "canvas.h"

/* Called for each run of changed cells [x, x + len) on row y. */
typedef void (*diff_fn)(void *ctx, int x, int y, int len);

/* Compares cur with prev (NULL or another size: everything changed) and
 * reports runs left to right, top to bottom. A run never splits a wide
 * glyph. Returns the number of cells in all runs. */
size_t canvas_diff(const struct canvas *prev, const struct canvas *cur, diff_fn fn, void *ctx);

#endif
