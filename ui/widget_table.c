/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Column tables (see widget_table.h): which columns fit, where they go,
 * which rows are visible around the cursor, and drawing them. */
#include <string.h>
#include "role.h"
#include "widget_table.h"

/* Marks the columns that fit in width w, dropping the most expendable
 * first; returns the width left for the flexible column. */
static int fit_columns(const struct table_col *cols, int ncols, int w, bool *shown)
{
	for (;;) {
		int need = 0, n = 0, worst = -1;

		for (int i = 0; i < ncols; i++) {
			if (!shown[i])
				continue;
			need += cols[i].width ? cols[i].width : cols[i].min;
			n++;
			if (cols[i].drop && (worst < 0 || cols[i].drop > cols[worst].drop))
				worst = i;
		}
		need += n > 0 ? n - 1 : 0;
		if (need <= w || worst < 0) {
			int flex = w - need;

			for (int i = 0; i < ncols; i++) {
				if (!shown[i] || cols[i].width)
					continue;
				flex += cols[i].min;
				return cols[i].max && flex > cols[i].max ? cols[i].max : flex;
			}
			return 0;
		}
		shown[worst] = false;
	}
}

/* Columns a fixed-width column may grow by when the flexible one has
 * reached its maximum and room is left: numbers spaced a little apart
 * read better than numbers packed next to a blank margin. */
static int spare_pad(const struct table_col *cols, int ncols, const bool *shown, int flex, int w)
{
	int used = 0, n = 0, fixed = 0, pad;

	for (int i = 0; i < ncols; i++) {
		if (!shown[i])
			continue;
		used += cols[i].width ? cols[i].width : flex;
		fixed += cols[i].width != 0;
		n++;
	}
	used += n > 0 ? n - 1 : 0;
	if (!fixed || used >= w)
		return 0;
	pad = (w - used) / fixed;
	return pad > 2 ? 2 : pad;
}

static void clamp_view(struct table_state *t, size_t nrows, int rows)
{
	int n = nrows > (size_t)(1 << 30) ? 1 << 30 : (int)nrows;

	if (t->cursor >= n)
		t->cursor = n - 1;
	if (t->cursor < 0)
		t->cursor = 0;
	if (rows <= 0)
		return;
	if (t->cursor < t->scroll)
		t->scroll = t->cursor;
	if (t->cursor >= t->scroll + rows)
		t->scroll = t->cursor - rows + 1;
	if (t->scroll > n - rows)
		t->scroll = n - rows;
	if (t->scroll < 0)
		t->scroll = 0;
}

void table_draw(struct canvas *cv, struct rect r, const struct table_col *cols, int ncols,
		struct table_state *t, size_t nrows, bool focused, table_cell_fn fn, const void *ctx)
{
	bool shown[TABLE_COLS_MAX];
	int x0[TABLE_COLS_MAX], x1[TABLE_COLS_MAX], flex, pad, x, rows = r.h - 1;
	char buf[256];

	if (ncols > TABLE_COLS_MAX)
		ncols = TABLE_COLS_MAX;
	t->ncols_shown = 0;
	t->rows_shown = rows > 0 ? rows : 0;
	t->hdr_y = r.y;
	if (r.h <= 0 || r.w <= 0)
		return;
	for (int i = 0; i < ncols; i++)
		shown[i] = true;
	flex = fit_columns(cols, ncols, r.w, shown);
	pad = spare_pad(cols, ncols, shown, flex, r.w);
	x = r.x;
	for (int i = 0; i < ncols; i++) {
		int w = cols[i].width ? cols[i].width + pad : flex;

		if (!shown[i])
			continue;
		x0[i] = x;
		x1[i] = x + w < r.x + r.w ? x + w : r.x + r.w;
		x = x1[i] + 1;
		t->col_x0[t->ncols_shown] = x0[i];
		t->col_x1[t->ncols_shown] = x1[i] + 1;	/* the gap counts as the column */
		t->col_id[t->ncols_shown++] = cols[i].id;
	}

	canvas_fill(cv, (struct rect){ r.x, r.y, r.w, 1 }, ' ', ROLE_COLUMN);
	for (int i = 0; i < ncols; i++) {
		unsigned role = cols[i].id == t->sort_col ? ROLE_COLUMN_SORT : ROLE_COLUMN;

		if (!shown[i])
			continue;
		canvas_fill(cv, (struct rect){ x0[i], r.y, x1[i] - x0[i], 1 }, ' ', role);
		if (cols[i].left)
			canvas_puts(cv, x0[i], r.y, x1[i], role, cols[i].title);
		else
			canvas_puts_right(cv, x1[i], r.y, x0[i], role, cols[i].title);
	}

	clamp_view(t, nrows, rows);
	for (int k = 0; k < rows && (size_t)(t->scroll + k) < nrows; k++) {
		size_t row = (size_t)(t->scroll + k);
		int y = r.y + 1 + k;

		for (int i = 0; i < ncols; i++) {
			unsigned role;

			if (!shown[i])
				continue;
			buf[0] = '\0';
			role = fn(ctx, row, cols[i].id, buf, sizeof(buf));
			/* a value cut short ends in an ellipsis */
			if (cols[i].left)
				canvas_puts_fit(cv, x0[i], y, x1[i], role, buf);
			else
				canvas_puts_right_fit(cv, x1[i], y, x0[i], role, buf);
		}
		if (focused && (int)row == t->cursor)
			canvas_set_role(cv, (struct rect){ r.x, y, r.w, 1 }, ROLE_CURSOR);
	}
}
