/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A table with a header row, columns that give way on narrow panes,
 * a cursor and scrolling. The caller supplies the rows through a
 * callback, so the widget knows nothing about syscalls or processes. */
#ifndef TRACETOP_UI_WIDGET_TABLE_H
#define TRACETOP_UI_WIDGET_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include "canvas.h"
#include "state.h"

struct table_col {
	const char *title;
	int id;			/* column id the sort and the callback use */
	int width;		/* 0: flexible, takes what the others leave */
	int min;		/* flexible columns: never narrower */
	bool left;		/* left-aligned text; numbers are right-aligned */
	int drop;		/* 0: always shown; higher drops first when narrow */
	int max;		/* flexible columns: never wider (0: no limit); the
				 * room left over stays blank at the right */
};

/* Writes the text of (row, column id) into buf; returns its role. */
typedef unsigned (*table_cell_fn)(const void *ctx, size_t row, int col_id, char *buf, size_t len);

/* Draws the header at r.y and up to r.h - 1 rows. Clamps t->cursor and
 * t->scroll to nrows, and records the header's hit areas in t. */
void table_draw(struct canvas *cv, struct rect r, const struct table_col *cols, int ncols,
		struct table_state *t, size_t nrows, bool focused, table_cell_fn fn, const void *ctx);

#endif
