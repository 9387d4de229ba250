/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Canvas tests (issue 3): clipping and wide glyphs, the frame diff that
 * decides what flush.c writes (only changed cells, whole glyphs), and
 * every screen at every size down to 1x1 without a crash or a write
 * outside the canvas. */
#include <locale.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "diff.h"
#include "fixture.h"
#include "golden.h"
#include "keymap.h"
#include "layout.h"
#include "role.h"
#include "state.h"
#include "view.h"
#include "widget_graph.h"

static void test_puts_clips(void **state)
{
	struct canvas *cv = canvas_new(10, 2);
	char row[64];

	assert_int_equal(canvas_puts(cv, 7, 0, 100, ROLE_VALUE, "abcdef"), 3);
	canvas_row_text(cv, 0, row, sizeof(row));
	assert_string_equal(row, "       abc");
	canvas_puts(cv, -1, 1, 10, ROLE_VALUE, "xy");
	canvas_puts(cv, 0, 5, 10, ROLE_VALUE, "x");
	canvas_row_text(cv, 1, row, sizeof(row));
	assert_string_equal(row, "y         ");
	/* a number too wide for its cell is cut with an ellipsis, never to
	 * another number; one that fits is right-aligned */
	canvas_clear(cv, ROLE_DEFAULT);
	canvas_puts_right_fit(cv, 10, 0, 6, ROLE_VALUE, "123456");
	canvas_row_text(cv, 0, row, sizeof(row));
	assert_string_equal(row, "      123\xe2\x80\xa6");
	canvas_puts_right_fit(cv, 5, 0, 0, ROLE_VALUE, "42");
	canvas_row_text(cv, 0, row, sizeof(row));
	assert_string_equal(row, "   42 123\xe2\x80\xa6");
	/* control characters never reach a cell */
	canvas_puts(cv, 0, 1, 10, ROLE_VALUE, "a\x1b[2Jb");
	canvas_row_text(cv, 1, row, sizeof(row));
	assert_string_equal(row, "a?[2Jb    ");
	canvas_free(cv);
}

static void test_wide_glyphs(void **state)
{
	struct canvas *cv = canvas_new(5, 1);
	char row[64];

	/* U+4E2D is two columns: it does not fit in the last column */
	assert_int_equal(canvas_puts(cv, 0, 0, 5, ROLE_VALUE, "ab\xe4\xb8\xad\xe4\xb8\xad"), 4);
	canvas_row_text(cv, 0, row, sizeof(row));
	assert_string_equal(row, "ab\xe4\xb8\xad ");
	assert_int_equal(canvas_cell(cv, 3, 0)->ch, UI_CELL_CONT);
	/* overwriting the right half blanks the left half */
	canvas_putc(cv, 3, 0, 5, 'x', ROLE_VALUE);
	canvas_row_text(cv, 0, row, sizeof(row));
	assert_string_equal(row, "ab x ");
	assert_int_equal(text_width("a\xe4\xb8\xad"), 3);
	canvas_free(cv);
}

struct runs {
	int n;
	int x[16], y[16], len[16];
};

static void collect(void *ctx, int x, int y, int len)
{
	struct runs *r = ctx;

	if (r->n < 16) {
		r->x[r->n] = x;
		r->y[r->n] = y;
		r->len[r->n] = len;
	}
	r->n++;
}

static void test_diff_only_changes(void **state)
{
	struct canvas *a = canvas_new(20, 3), *b = canvas_new(20, 3);
	struct runs r = { 0 };

	canvas_puts(a, 0, 0, 20, ROLE_VALUE, "read 12.0k");
	canvas_puts(b, 0, 0, 20, ROLE_VALUE, "read 12.0k");
	/* identical frames: nothing to write */
	assert_int_equal(canvas_diff(a, b, collect, &r), 0);
	assert_int_equal(r.n, 0);
	/* one value changes: exactly those cells */
	canvas_puts(b, 5, 0, 20, ROLE_VALUE, "13.1k");
	assert_int_equal(canvas_diff(a, b, collect, &r), 2);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.x[0], 6);
	assert_int_equal(r.len[0], 1);
	assert_int_equal(r.x[1], 8);
	assert_int_equal(r.len[1], 1);
	canvas_puts(b, 12, 0, 20, ROLE_VALUE, "/s");
	memset(&r, 0, sizeof(r));
	assert_int_equal(canvas_diff(a, b, collect, &r), 4);
	assert_int_equal(r.x[2], 12);
	assert_int_equal(r.len[2], 2);
	/* a role change alone is a change (colour) */
	memset(&r, 0, sizeof(r));
	canvas_set_role(b, (struct rect){ 0, 2, 4, 1 }, ROLE_CURSOR);
	canvas_diff(a, b, collect, &r);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.y[3], 2);
	assert_int_equal(r.x[3], 0);
	assert_int_equal(r.len[3], 4);
	/* no previous frame or another size: every cell */
	memset(&r, 0, sizeof(r));
	assert_int_equal(canvas_diff(NULL, b, collect, &r), 60);
	assert_int_equal(r.n, 3);
	canvas_resize(a, 10, 3);
	assert_int_equal(canvas_diff(a, b, collect, &r), 60);
	canvas_free(a);
	canvas_free(b);
}

static void test_diff_whole_glyphs(void **state)
{
	struct canvas *a = canvas_new(6, 1), *b = canvas_new(6, 1);
	struct runs r = { 0 };

	canvas_puts(a, 0, 0, 6, ROLE_VALUE, "a\xe4\xb8\xad" "b");
	canvas_puts(b, 0, 0, 6, ROLE_VALUE, "a\xe4\xb8\xad" "b");
	/* only the right half's role changed: the run starts at the glyph */
	canvas_cell(b, 2, 0)->role = ROLE_CURSOR;
	canvas_diff(a, b, collect, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.x[0], 1);
	assert_int_equal(r.len[0], 2);
	canvas_free(a);
	canvas_free(b);
}

/* A frame drawn twice from the same data must diff to nothing: idle
 * screens cost no terminal output. */
static void test_redraw_is_idle(void **state)
{
	struct fixture f;
	struct ui_state st;
	struct canvas *a = canvas_new(120, 40), *b = canvas_new(120, 40);
	struct runs r = { 0 };

	fixture_init(&f);
	ui_state_init(&st, NULL);
	st.now_ms = 1000;
	ui_render(&st, a, &f.snap, &f.log, NULL);
	ui_render(&st, b, &f.snap, &f.log, NULL);
	assert_int_equal(canvas_diff(a, b, collect, &r), 0);
	ui_state_fini(&st);
	fixture_fini(&f);
	canvas_free(a);
	canvas_free(b);
}

/* Every size from 1x1 up, every screen: nothing may crash or write out of
 * bounds (run under ASan in CI), and a too small screen says so. */
static void test_all_sizes(void **state)
{
	struct fixture f, ff;

	fixture_init(&f);
	fixture_init_failed(&ff);
	for (int h = 1; h <= 85; h += (h < 12 ? 1 : h < 45 ? 5 : 8))
		for (int w = 1; w <= 260; w += (w < 45 ? 1 : w < 140 ? 7 : 40))
			for (int v = 0; v < 10; v++) {
				struct canvas *cv = canvas_new(w, h);
				struct ui_state st;

				ui_state_init(&st, NULL);
				fixture_note_past(&f, st.ticks, h > 20 ? 200 : 3);	/* heatmaps and graphs */
				st.now_ms = 1000;
				st.zoom = v >= 1 && v <= 4;
				st.set.focus = v == 1 ? PANE_PROCS : v == 2 ? PANE_BIO : v == 3 ? PANE_LOG :
					       v == 4 ? PANE_VFS : PANE_SYSCALLS;
				st.help = v == 5;
				st.paused = v == 6;
				/* issue 4: failing opens, an event's details, the prompt */
				st.screen = v == 7 ? SCREEN_FAILS : v == 8 ? SCREEN_DETAIL : SCREEN_MAIN;
				st.detail_seq = 17;
				st.detail_want = v == 8;
				if (v == 9) {
					keymap_dispatch(&st, '/');
					for (int k = 0; k < 300; k++)
						keymap_dispatch(&st, k % 7 ? 'a' + k % 26 : 0xe9);
				}
				ui_render(&st, cv, &f.snap, &f.log, NULL);
				ui_render(&st, cv, v == 6 ? &ff.snap : NULL, v == 6 ? &ff.log : NULL, NULL);
				if (w < LAYOUT_MIN_W || h < LAYOUT_MIN_H) {
					char *text = canvas_dump(cv);

					if (w >= 18 && h >= 3)
						assert_non_null(strstr(text, "terminal too small"));
					free(text);
				}
				ui_state_fini(&st);
				canvas_free(cv);
			}
	fixture_fini(&f);
	fixture_fini(&ff);
}

/* A graph's scale is a plain number, at least its floor; a single
 * event under the floor is a low bar, never a full one; a tick not known
 * is blank. */
static void test_graph(void **state)
{
	const double one[] = { 1.0 }, busy[] = { 18200, NAN, 3100 }, small[] = { 31 };
	const double gap[] = { 5, NAN, 10 };
	struct canvas *cv = canvas_new(3, 4);
	const struct ui_cell *c;

	(void)state;
	assert_true(graph_scale(one, 1, 10) == 10);
	assert_true(graph_scale(busy, 3, 10) == 20000);
	assert_true(graph_scale(small, 1, 10) == 40);
	assert_true(graph_scale(NULL, 0, 10) == 10);
	/* one event a second on a floor of ten: 3.2 eighths of the bottom row */
	graph_draw(cv, (struct rect){ 0, 0, 1, 4 }, one, 1, graph_scale(one, 1, 10), ROLE_SPARK);
	assert_int_equal(canvas_cell_const(cv, 0, 3)->ch, 0x2583);
	for (int y = 0; y < 3; y++)
		assert_int_equal(canvas_cell_const(cv, 0, y)->ch, ' ');
	canvas_clear(cv, ROLE_DEFAULT);
	/* newest at the right: 10 of 10 fills every row, 5 two rows, NAN none */
	graph_draw(cv, (struct rect){ 0, 0, 3, 4 }, gap, 3, 10, ROLE_SPARK);
	for (int y = 0; y < 4; y++) {
		assert_int_equal(canvas_cell_const(cv, 2, y)->ch, 0x2588);
		assert_int_equal(canvas_cell_const(cv, 1, y)->ch, ' ');
		assert_int_equal(canvas_cell_const(cv, 0, y)->ch, y >= 2 ? 0x2588 : ' ');
	}
	c = canvas_cell_const(cv, 2, 0);
	assert_int_equal(c->role, ROLE_SPARK);
	canvas_free(cv);
}

/* The row of the heatmap labelled label, or -1. */
static int heat_row(const struct canvas *cv, const char *label)
{
	char row[1024];

	for (int y = 0; y < cv->h; y++) {
		canvas_row_text(cv, y, row, sizeof(row));
		if (strstr(row, label) && strstr(row, label) - row <= 12)
			return y;
	}
	return -1;
}

/* Three ticks: one request of ~100 us, a tick never seen, a hundred of
 * ~1.5 ms. Each lands in its slot's row and its tick's column, the
 * busiest darkest, the gap blank; the axis says how far back and what
 * each shade counts. */
static void test_heatmap(void **state)
{
	struct canvas *cv = canvas_new(40, 10);
	struct hist cols[3];
	const bool known[3] = { true, false, true };
	int y_us, y_ms, right = 39;
	char row[1024];

	(void)state;
	hist_clear(&cols[0]);
	hist_clear(&cols[1]);
	hist_clear(&cols[2]);
	hist_add(&cols[0], 100);
	hist_add(&cols[1], 100);	/* not known: never drawn */
	for (int i = 0; i < 100; i++)
		hist_add(&cols[2], 1500);
	heat_draw(cv, (struct rect){ 0, 0, 40, 10 }, cols, known, 3, 2.0);
	y_us = heat_row(cv, "64-127us");
	y_ms = heat_row(cv, "1-2ms");
	assert_true(y_us >= 0 && y_ms >= 0 && y_ms < y_us);	/* slower is higher */
	assert_int_equal(canvas_cell_const(cv, right, y_ms)->ch, 0x2588);
	assert_int_equal(canvas_cell_const(cv, right, y_ms)->role, ROLE_HEAT_4);
	assert_int_equal(canvas_cell_const(cv, right - 2, y_us)->ch, 0x2591);
	assert_int_equal(canvas_cell_const(cv, right - 2, y_us)->role, ROLE_HEAT_1);
	for (int y = 0; y < 9; y++) {
		assert_int_equal(canvas_cell_const(cv, right - 1, y)->ch, ' ');
		if (y != y_ms)
			assert_int_equal(canvas_cell_const(cv, right, y)->ch, ' ');
	}
	canvas_row_text(cv, 9, row, sizeof(row));
	assert_non_null(strstr(row, "-6s"));
	assert_non_null(strstr(row, "now"));
	canvas_free(cv);
	/* wide enough for the legend: the shades and the counts they start at */
	cv = canvas_new(80, 10);
	heat_draw(cv, (struct rect){ 0, 0, 80, 10 }, cols, known, 3, 1.0);
	canvas_row_text(cv, 9, row, sizeof(row));
	assert_non_null(strstr(row, "requests per interval:"));
	assert_non_null(strstr(row, "\xe2\x96\x91" "1+"));	/* light shade: 1 */
	assert_non_null(strstr(row, "\xe2\x96\x88" "100+"));	/* full block: 100 */
	canvas_free(cv);
}

/* Rows of r in which nothing is drawn. */
static int blank_rows(const struct canvas *cv, struct rect r)
{
	int n = 0;

	for (int y = r.y; y < r.y + r.h; y++) {
		bool blank = true;

		for (int x = r.x; x < r.x + r.w && blank; x++)
			blank = canvas_cell_const(cv, x, y)->ch == ' ';
		n += blank;
	}
	return n;
}

/* Issue 18: from 80x24 to 250x80, with the busy fixture and two minutes
 * of its past, the panes on the left (the VFS rates, block I/O) and the
 * processes band leave no blank row that another pane could use: at most
 * one in VFS and block I/O (the heatmap's rounding), none in the band. */
static void test_space_used(void **state)
{
	static const int ws[] = { 80, 100, 120, 132, 160, 200, 250 };
	static const int hs[] = { 24, 30, 40, 43, 50, 60, 70, 80 };
	struct fixture f;

	(void)state;
	fixture_init(&f);
	for (size_t i = 0; i < sizeof(ws) / sizeof(ws[0]); i++)
		for (size_t j = 0; j < sizeof(hs) / sizeof(hs[0]); j++) {
			struct canvas *cv = canvas_new(ws[i], hs[j]);
			struct ui_state st;

			assert_int_equal(ui_state_init(&st, NULL), 0);
			fixture_note_past(&f, st.ticks, 120);
			ui_render(&st, cv, &f.snap, &f.log, NULL);
			for (int p = 0; p < PANE_MAX; p++) {
				int blank, most = p == PANE_PROCS ? 0 : 1;

				if (!st.lay.shown[p] || p == PANE_LOG || p == PANE_SYSCALLS)
					continue;
				blank = blank_rows(cv, st.lay.pane[p]);
				if (blank > most) {
					char *text = canvas_dump(cv);

					print_error("%dx%d pane %d: %d blank rows\n%s", ws[i], hs[j], p, blank,
						    text ? text : "");
					free(text);
				}
				assert_true(blank <= most);
			}
			ui_state_fini(&st);
			canvas_free(cv);
		}
	fixture_fini(&f);
}

static void test_layout(void **state)
{
	struct layout l;

	layout_compute(&l, 80, 24, false, PANE_SYSCALLS, NULL);
	assert_false(l.too_small);
	/* no room for the processes' band: they show in the syscalls'
	 * place while focused */
	assert_false(l.shown[PANE_PROCS]);
	for (int p = 0; p < PANE_MAX; p++) {
		if (p == PANE_PROCS)
			continue;
		assert_true(l.shown[p]);
		assert_true(l.pane[p].x + l.pane[p].w <= 80);
		assert_true(l.pane[p].y >= 2 && l.pane[p].y + l.pane[p].h <= 23);
	}
	layout_compute(&l, 80, 24, false, PANE_PROCS, NULL);
	assert_true(l.shown[PANE_PROCS]);
	assert_false(l.shown[PANE_SYSCALLS]);
	layout_compute(&l, 60, 24, false, PANE_PROCS, NULL);
	assert_true(l.shown[PANE_PROCS]);
	assert_false(l.shown[PANE_SYSCALLS]);
	/* 200x60: a band across the screen, between the columns and the log */
	layout_compute(&l, 200, 60, false, PANE_SYSCALLS, NULL);
	assert_true(l.shown[PANE_PROCS] && l.shown[PANE_SYSCALLS]);
	assert_int_equal(l.pane[PANE_PROCS].w, 200);
	assert_true(l.pane[PANE_PROCS].h >= 10);
	assert_int_equal(l.pane[PANE_PROCS].y, l.pane[PANE_SYSCALLS].y + l.pane[PANE_SYSCALLS].h);
	assert_int_equal(l.pane[PANE_LOG].y, l.pane[PANE_PROCS].y + l.pane[PANE_PROCS].h);
	/* ... where the VFS operations get two rows each for their graphs */
	assert_int_equal(l.pane[PANE_VFS].h, 11);
	assert_true(l.pane[PANE_BIO].h >= 13);
	/* Two processes: the band takes their rows, the log the rest; the
	 * columns above stay where they were. */
	{
		struct layout full = l;
		struct layout_want want = { { 0 } };

		want.rows[PANE_PROCS] = 4;
		layout_compute(&l, 200, 60, false, PANE_SYSCALLS, &want);
		assert_int_equal(l.pane[PANE_PROCS].h, 4);
		assert_int_equal(l.pane[PANE_LOG].h, full.pane[PANE_LOG].h + full.pane[PANE_PROCS].h - 4);
		assert_int_equal(l.pane[PANE_LOG].y + l.pane[PANE_LOG].h, 59);
		assert_int_equal(l.pane[PANE_SYSCALLS].h, full.pane[PANE_SYSCALLS].h);
		/* one process still gets a band of PROCS_MIN; many, no more than before */
		want.rows[PANE_PROCS] = 3;
		layout_compute(&l, 200, 60, false, PANE_SYSCALLS, &want);
		assert_int_equal(l.pane[PANE_PROCS].h, 4);
		want.rows[PANE_PROCS] = 5000;
		layout_compute(&l, 200, 60, false, PANE_SYSCALLS, &want);
		assert_int_equal(l.pane[PANE_PROCS].h, full.pane[PANE_PROCS].h);
	}
	/* 250x80: three rows per operation */
	layout_compute(&l, 250, 80, false, PANE_SYSCALLS, NULL);
	assert_int_equal(l.pane[PANE_VFS].h, 16);
	/* 80x24: one row per operation */
	layout_compute(&l, 80, 24, false, PANE_SYSCALLS, NULL);
	assert_int_equal(l.pane[PANE_VFS].h, 6);
	layout_compute(&l, 80, 24, true, PANE_LOG, NULL);
	assert_true(l.shown[PANE_LOG]);
	assert_false(l.shown[PANE_VFS]);
	assert_int_equal(l.pane[PANE_LOG].h, 21);
	layout_compute(&l, 39, 24, false, PANE_LOG, NULL);
	assert_true(l.too_small);
	layout_compute(&l, 40, 10, false, PANE_BIO, NULL);
	assert_false(l.too_small);
	assert_true(l.shown[PANE_BIO]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_puts_clips),
		cmocka_unit_test(test_graph),
		cmocka_unit_test(test_heatmap),
		cmocka_unit_test(test_space_used),
		cmocka_unit_test(test_wide_glyphs),
		cmocka_unit_test(test_diff_only_changes),
		cmocka_unit_test(test_diff_whole_glyphs),
		cmocka_unit_test(test_redraw_is_idle),
		cmocka_unit_test(test_all_sizes),
		cmocka_unit_test(test_layout),
	};

	setenv("TZ", "UTC", 1);
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
