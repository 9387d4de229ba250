/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Frame-to-frame comparison of canvases (see diff.h). */
#include <stdbool.h>
#include "diff.h"

static bool same(const struct ui_cell *a, const struct ui_cell *b)
{
	return a->ch == b->ch && a->role == b->role;
}

size_t canvas_diff(const struct canvas *prev, const struct canvas *cur, diff_fn fn, void *ctx)
{
	bool all = !prev || prev->w != cur->w || prev->h != cur->h;
	size_t total = 0;

	for (int y = 0; y < cur->h; y++) {
		const struct ui_cell *c = canvas_cell_const(cur, 0, y);
		const struct ui_cell *p = all ? NULL : canvas_cell_const(prev, 0, y);
		int x = 0;

		while (x < cur->w) {
			int start, end;

			if (!all && same(&c[x], &p[x])) {
				x++;
				continue;
			}
			start = x;
			while (x < cur->w && (all || !same(&c[x], &p[x])))
				x++;
			end = x;
			/* Whole glyphs only: a changed right half takes its left
			 * half along, and a wide glyph its right half. */
			if (c[start].ch == UI_CELL_CONT && start > 0)
				start--;
			if (end < cur->w && c[end].ch == UI_CELL_CONT)
				end++;
			x = end;
			total += (size_t)(end - start);
			fn(ctx, start, y, end - start);
		}
	}
	return total;
}
