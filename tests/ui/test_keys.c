/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Keys, actions and the mouse (issue 3): every key reaches its action and
 * returns the right reaction; the help screen lists every bound key;
 * sort and scroll keys hold the row order still for HOLD_MS; mouse
 * clicks sort by a column header and focus panes; interval steps; every
 * column of the syscall tables at 80x24 and a compact table at 200x60;
 * histogram rows that account for every request. The probe report
 * screen, key i (issue 5): opens, scrolls, returns, quits. The settings
 * the keys change are the struct options W saves (issue 12). */
#include <limits.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "fixture.h"
#include "golden.h"
#include "keymap.h"
#include "ui.h"
#include "view.h"

struct env {
	struct fixture f;
	struct ui_state st;
	struct canvas *cv;
};

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));

	fixture_init(&e->f);
	ui_state_init(&e->st, NULL);
	e->st.now_ms = 100000;
	e->cv = canvas_new(80, 24);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;

	ui_state_fini(&e->st);
	fixture_fini(&e->f);
	canvas_free(e->cv);
	free(e);
	return 0;
}

static char *render(struct env *e)
{
	ui_render(&e->st, e->cv, &e->f.snap, &e->f.log, NULL);
	return canvas_dump(e->cv);
}

/* ? explains the focused pane, whichever it is, naming its hook; any
 * key returns and does nothing else. */
static void test_explain(void **state)
{
	struct env *e = *state;
	static const char *const first_words[PANE_MAX] = {
		[PANE_VFS] = "Reads, writes", [PANE_SYSCALLS] = "Every system call",
		[PANE_BIO] = "How long disk", [PANE_PROCS] = "One row per process",
		[PANE_LOG] = "Execs, opens",
	};

	e->cv = (canvas_free(e->cv), canvas_new(132, 43));
	for (int p = 0; p < PANE_MAX; p++) {
		char *text;

		e->st.set.focus = (enum ui_pane)p;
		assert_int_equal(keymap_dispatch(&e->st, '?'), UI_REDRAW);
		assert_true(e->st.explain);
		text = render(e);
		if (!strstr(text, first_words[p]))
			fail_msg("? on pane %d does not explain it:\n%s", p, text);
		assert_non_null(strstr(text, ", hook "));
		free(text);
		assert_int_equal(keymap_dispatch(&e->st, 'z'), UI_REDRAW);
		assert_false(e->st.explain);
		assert_false(e->st.zoom);	/* the key only closed it */
		assert_int_equal(e->st.set.focus, p);
	}
	/* a scroll key closes it too, and scrolls nothing */
	for (int key = 0; key < 3; key++) {
		int keys[] = { UK_DOWN, UK_PGDN, UK_END };
		struct ui_state before;

		keymap_dispatch(&e->st, '?');
		before = e->st;
		assert_int_equal(keymap_dispatch(&e->st, keys[key]), UI_REDRAW);
		assert_false(e->st.explain);
		assert_int_equal(e->st.detail_scroll, before.detail_scroll);
		assert_int_equal(e->st.sc.cursor, before.sc.cursor);
	}
	/* not over another screen (the failing calls): ? does nothing there */
	e->st.screen = SCREEN_FAILS;
	assert_int_equal(keymap_dispatch(&e->st, '?'), 0);
	assert_false(e->st.explain);
	e->st.screen = SCREEN_MAIN;
	e->st.set.focus = PANE_SYSCALLS;
}

static void test_help_lists_every_key(void **state)
{
	struct env *e = *state;
	char *text, *top, *mid, *end;

	e->cv = (canvas_free(e->cv), canvas_new(132, 43));
	assert_int_equal(keymap_dispatch(&e->st, UK_F(1)), UI_REDRAW);
	assert_true(e->st.help);
	/* longer than the screen: what it shows, then what End scrolls to;
	 * a marker says which way there is more */
	top = render(e);
	assert_non_null(strstr(top, "▼ more (PgDn)"));
	assert_null(strstr(top, "▲ more"));
	assert_int_equal(keymap_dispatch(&e->st, UK_PGDN), UI_REDRAW);	/* the middle */
	mid = render(e);
	assert_int_equal(keymap_dispatch(&e->st, UK_END), UI_REDRAW);
	assert_true(e->st.help);
	end = render(e);
	assert_non_null(strstr(end, "▲ more (PgUp)"));
	assert_null(strstr(end, "▼ more"));
	text = malloc(strlen(top) + strlen(mid) + strlen(end) + 1);
	assert_non_null(text);
	strcpy(text, top);
	strcat(text, mid);
	strcat(text, end);
	free(top);
	free(mid);
	free(end);
	for (size_t i = 0; i < ui_n_bindings; i++) {
		char buf[16];
		const char *name = key_name(ui_bindings[i].key, buf, sizeof(buf));

		if (!strstr(text, name))
			fail_msg("help does not list key %s", name);
	}
	for (int a = 0; a < ACT_MAX; a++)
		assert_non_null(strstr(text, ui_actions[a].help));
	free(text);
	/* any other key leaves help without doing anything else */
	assert_int_equal(keymap_dispatch(&e->st, 'p'), UI_REDRAW);
	assert_false(e->st.help);
	assert_int_equal(e->st.set.focus, PANE_SYSCALLS);
	/* F1 and h toggle it too; q in help only leaves help */
	keymap_dispatch(&e->st, UK_F(1));
	assert_true(e->st.help);
	assert_int_equal(keymap_dispatch(&e->st, 'q'), UI_REDRAW);
	assert_false(e->st.help);
	keymap_dispatch(&e->st, 'h');
	assert_true(e->st.help);
	assert_int_equal(keymap_dispatch(&e->st, UK_F(10)), UI_QUIT);
}

static void test_keys_reactions(void **state)
{
	struct env *e = *state;

	assert_int_equal(keymap_dispatch(&e->st, 'q'), UI_QUIT);
	assert_int_equal(keymap_dispatch(&e->st, UK_F(10)), UI_QUIT);
	assert_int_equal(keymap_dispatch(&e->st, 'J'), 0);	/* unbound */
	/* focus cycles through the four panes both ways */
	e->st.set.focus = PANE_VFS;
	keymap_dispatch(&e->st, UK_TAB);
	assert_int_equal(e->st.set.focus, PANE_SYSCALLS);
	keymap_dispatch(&e->st, UK_BTAB);
	keymap_dispatch(&e->st, UK_BTAB);
	assert_int_equal(e->st.set.focus, PANE_LOG);
	/* zoom and back; Enter zooms too, but in the event log it opens the
	 * selected event (issue 4) */
	keymap_dispatch(&e->st, 'z');
	assert_true(e->st.zoom);
	keymap_dispatch(&e->st, 'z');
	assert_false(e->st.zoom);
	e->st.set.focus = PANE_VFS;
	keymap_dispatch(&e->st, UK_ENTER);
	assert_true(e->st.zoom);
	keymap_dispatch(&e->st, UK_ENTER);
	assert_false(e->st.zoom);
	e->st.set.focus = PANE_LOG;
	keymap_dispatch(&e->st, 'z');
	keymap_dispatch(&e->st, UK_ESC);
	assert_false(e->st.zoom);
	/* pause and theme need ui.c: internal bits */
	assert_int_equal(keymap_dispatch(&e->st, ' '), UI_REDRAW | REACT_PAUSE);
	assert_true(e->st.paused);
	assert_int_equal(keymap_dispatch(&e->st, 'Z'), UI_REDRAW | REACT_PAUSE);
	assert_false(e->st.paused);
	assert_int_equal(keymap_dispatch(&e->st, 't'), UI_REDRAW | REACT_THEME);
	assert_string_equal(e->st.theme_name, "light");
	/* block I/O selection */
	e->st.n_disks_seen = 2;
	strcpy(e->st.disks_seen[0], "nvme0n1");
	strcpy(e->st.disks_seen[1], "vda");
	keymap_dispatch(&e->st, 'd');
	assert_string_equal(e->st.bio_disk, "nvme0n1");
	assert_int_equal(e->st.set.focus, PANE_BIO);
	keymap_dispatch(&e->st, 'd');
	assert_string_equal(e->st.bio_disk, "vda");
	keymap_dispatch(&e->st, 'd');
	assert_string_equal(e->st.bio_disk, "");
	keymap_dispatch(&e->st, 'o');
	assert_int_equal(e->st.bio_op, BIO_OP_READ);
	keymap_dispatch(&e->st, 'o');
	assert_int_equal(e->st.bio_op, BIO_OP_WRITE);
	keymap_dispatch(&e->st, 'o');
	assert_int_equal(e->st.bio_op, BIO_OP_FLUSH);
	keymap_dispatch(&e->st, 'o');
	assert_int_equal(e->st.bio_op, BIO_OP_DISCARD);
	keymap_dispatch(&e->st, 'o');
	assert_int_equal(e->st.bio_op, BIO_OP_OTHER);
	keymap_dispatch(&e->st, 'o');
	assert_int_equal(e->st.bio_op, -1);
	keymap_dispatch(&e->st, 'Q');
	assert_int_equal(e->st.bio_phase, BIO_PH_QUEUE);
	keymap_dispatch(&e->st, 'c');
	assert_true(e->st.bio_cumulative);
	keymap_dispatch(&e->st, 'p');
	assert_int_equal(e->st.set.focus, PANE_PROCS);
	/* g folds the processes by name, and keeps the focus there; again,
	 * by container; a third time, one row per process again */
	keymap_dispatch(&e->st, 'g');
	assert_int_equal(e->st.procs_fold, PROC_FOLD_COMM);
	assert_int_equal(e->st.set.focus, PANE_PROCS);
	keymap_dispatch(&e->st, 'g');
	assert_int_equal(e->st.procs_fold, PROC_FOLD_CONTAINER);
	keymap_dispatch(&e->st, 'g');
	assert_int_equal(e->st.procs_fold, PROC_FOLD_NONE);
	keymap_dispatch(&e->st, 'g');
	assert_int_equal(e->st.procs_fold, PROC_FOLD_COMM);
	/* sorting sorts the processes while they have the focus */
	keymap_dispatch(&e->st, '>');
	assert_int_equal(e->st.pr.sort_col, PR_ERR_RATE);
	assert_int_equal(e->st.set.focus, PANE_PROCS);
	keymap_dispatch(&e->st, 'p');
	assert_int_equal(e->st.set.focus, PANE_SYSCALLS);
}

static void test_interval_steps(void **state)
{
	struct env *e = *state;

	assert_int_equal(keymap_dispatch(&e->st, '+'), UI_REDRAW | UI_INTERVAL);
	assert_true(e->st.set.delay_s == 2.0);
	keymap_dispatch(&e->st, '-');
	keymap_dispatch(&e->st, '-');
	assert_true(e->st.set.delay_s == 0.5);
	keymap_dispatch(&e->st, '-');
	keymap_dispatch(&e->st, '-');
	assert_true(e->st.set.delay_s == 0.1);
	assert_int_equal(keymap_dispatch(&e->st, '-'), 0);	/* floor */
	e->st.set.delay_s = 3600;
	assert_int_equal(keymap_dispatch(&e->st, '+'), 0);	/* ceiling */
	e->st.set.delay_s = 1.5;	/* from -d: snaps to the next step */
	keymap_dispatch(&e->st, '+');
	assert_true(e->st.set.delay_s == 2.0);
}

/* The first row of the syscall table as text. */
static void first_row(struct env *e, char *buf, size_t len)
{
	char *text = render(e), *line = text;

	/* header (2 lines), pane title, column titles, then the first row */
	for (int i = 0; i < 4; i++)
		line = strchr(line, '\n') + 1;
	snprintf(buf, len, "%.*s", (int)(strchr(line, '\n') - line), line);
	free(text);
}

static void test_sort_and_hold(void **state)
{
	struct env *e = *state;
	char row[512];

	e->st.zoom = true;	/* the syscall table alone on screen */
	first_row(e, row, sizeof(row));
	assert_non_null(strstr(row, "read"));
	/* sort by the next column (TOTAL) takes effect at once... */
	keymap_dispatch(&e->st, '>');
	assert_int_equal(e->st.sc.sort_col, SC_TOTAL);
	first_row(e, row, sizeof(row));
	assert_non_null(strstr(row, "read"));
	/* ...then rows hold still while the data changes under them */
	e->f.syscalls[15].total = 999999999;	/* clone3 becomes the biggest */
	e->st.now_ms += HOLD_MS / 2;
	first_row(e, row, sizeof(row));
	assert_non_null(strstr(row, "read"));
	assert_int_equal(ui_state_held(&e->st), true);
	/* once the hold expires the new order shows */
	e->st.now_ms += HOLD_MS;
	first_row(e, row, sizeof(row));
	assert_non_null(strstr(row, "clone3"));
	/* invert: smallest first */
	keymap_dispatch(&e->st, 'I');
	first_row(e, row, sizeof(row));
	assert_non_null(strstr(row, "fsync"));
	/* sort by name with < from the first column wraps around */
	keymap_dispatch(&e->st, '<');
	keymap_dispatch(&e->st, '<');
	assert_int_equal(e->st.sc.sort_col, SC_NAME);
	first_row(e, row, sizeof(row));
	if (!strstr(row, "clock_nanosleep"))
		fail_msg("first row: %s", row);
}

static void test_scroll_holds(void **state)
{
	struct env *e = *state;

	free(render(e));
	e->st.set.focus = PANE_SYSCALLS;
	keymap_dispatch(&e->st, UK_DOWN);
	keymap_dispatch(&e->st, UK_DOWN);
	assert_int_equal(e->st.sc.cursor, 2);
	assert_true(ui_state_held(&e->st));
	keymap_dispatch(&e->st, UK_END);
	free(render(e));
	assert_int_equal(e->st.sc.cursor, 15);
	assert_true(e->st.sc.scroll > 0);
	keymap_dispatch(&e->st, UK_HOME);
	free(render(e));
	assert_int_equal(e->st.sc.cursor, 0);
	assert_int_equal(e->st.sc.scroll, 0);
}

static void test_log_follow(void **state)
{
	struct env *e = *state;
	char *text;

	e->st.set.focus = PANE_LOG;
	free(render(e));
	assert_true(e->st.log_follow);
	keymap_dispatch(&e->st, UK_UP);
	assert_false(e->st.log_follow);
	text = render(e);
	assert_non_null(strstr(text, "1 newer below"));
	free(text);
	/* new events do not move a scrolled log */
	{
		uint64_t anchor = e->st.log_anchor;
		struct tt_event ev = *event_log_get(&e->f.log, 3);

		event_log_push(&e->f.log, &ev);
		free(render(e));
		assert_int_equal(e->st.log_anchor, anchor);
	}
	keymap_dispatch(&e->st, UK_END);
	assert_true(e->st.log_follow);
	keymap_dispatch(&e->st, UK_HOME);
	assert_false(e->st.log_follow);
	text = render(e);
	assert_non_null(strstr(text, "/etc/ld.so.cache"));	/* the oldest event */
	free(text);
}

static void test_mouse(void **state)
{
	struct env *e = *state;
	struct ui_mouse m;

	free(render(e));
	/* a click on the COUNT/s ... ERR/s header sorts; again inverts */
	for (int i = 0; i < e->st.sc.ncols_shown; i++)
		if (e->st.sc.col_id[i] == SC_ERR_RATE)
			m = (struct ui_mouse){ e->st.sc.col_x0[i], e->st.sc.hdr_y, MOUSE_CLICK };
	assert_int_equal(mouse_dispatch(&e->st, &m), UI_REDRAW);
	assert_int_equal(e->st.sc.sort_col, SC_ERR_RATE);
	assert_false(e->st.sc.invert);
	mouse_dispatch(&e->st, &m);
	assert_true(e->st.sc.invert);
	/* a click in the log focuses it; the wheel scrolls it */
	m = (struct ui_mouse){ 5, e->st.lay.pane[PANE_LOG].y + 2, MOUSE_CLICK };
	mouse_dispatch(&e->st, &m);
	assert_int_equal(e->st.set.focus, PANE_LOG);
	m.kind = MOUSE_WHEEL_UP;
	mouse_dispatch(&e->st, &m);
	assert_false(e->st.log_follow);
	/* --no-mouse: ignored */
	e->st.set.mouse = false;
	m = (struct ui_mouse){ 1, e->st.lay.pane[PANE_VFS].y + 1, MOUSE_CLICK };
	assert_int_equal(mouse_dispatch(&e->st, &m), 0);
	assert_int_equal(e->st.set.focus, PANE_LOG);
}

static void test_report_screen(void **state)
{
	struct env *e = *state;
	char *report = fixture_report(&e->f), *text;
	struct ui_mouse click = { 10, 10, MOUSE_CLICK };
	int scroll;

	assert_non_null(report);
	e->st.report = report;
	assert_int_equal(keymap_dispatch(&e->st, 'i'), UI_REDRAW);
	assert_int_equal(e->st.screen, SCREEN_REPORT);
	text = render(e);
	assert_non_null(strstr(text, "tracetop probe report"));
	assert_non_null(strstr(text, "CapEff 000001ffffffffff"));
	assert_non_null(strstr(text, "every capability dropped"));
	assert_non_null(strstr(text, "Up/DnScroll"));
	assert_null(strstr(text, "SYSCALL"));	/* no pane underneath */
	free(text);
	/* it scrolls, no further than its end */
	keymap_dispatch(&e->st, UK_DOWN);
	assert_int_equal(e->st.report_scroll, 1);
	keymap_dispatch(&e->st, UK_END);
	free(render(e));
	scroll = e->st.report_scroll;
	assert_true(scroll > 0 && scroll < 20);
	text = render(e);
	assert_non_null(strstr(text, "vfs: using tracepoint hooks"));
	assert_null(strstr(text, "a debug line"));
	assert_non_null(strstr(text, "disk name of \\x1b[31mdev"));	/* escaped, visible */
	assert_null(strchr(text, 0x1b));
	free(text);
	keymap_dispatch(&e->st, UK_PGUP);
	keymap_dispatch(&e->st, UK_HOME);
	assert_int_equal(e->st.report_scroll, 0);
	/* i again, Esc, q or a click return; F10 quits */
	keymap_dispatch(&e->st, 'i');
	assert_int_equal(e->st.screen, SCREEN_MAIN);
	keymap_dispatch(&e->st, 'i');
	assert_int_equal(keymap_dispatch(&e->st, UK_ESC), UI_REDRAW);
	assert_int_equal(e->st.screen, SCREEN_MAIN);
	keymap_dispatch(&e->st, 'i');
	assert_int_equal(keymap_dispatch(&e->st, 'q'), UI_REDRAW);
	assert_int_equal(e->st.screen, SCREEN_MAIN);
	keymap_dispatch(&e->st, 'i');
	free(render(e));
	assert_int_equal(mouse_dispatch(&e->st, &click), UI_REDRAW);
	assert_int_equal(e->st.screen, SCREEN_MAIN);
	keymap_dispatch(&e->st, 'i');
	assert_int_equal(keymap_dispatch(&e->st, UK_F(10)), UI_QUIT);
	/* no report at all: the screen says so */
	e->st.report = NULL;
	text = render(e);
	assert_non_null(strstr(text, "no probe report"));
	free(text);
	free(report);
}

/* The text of row y of the last frame. */
static void row_text(struct env *e, int y, char *buf, size_t len)
{
	canvas_row_text(e->cv, y, buf, len);
}

static void test_syscall_columns(void **state)
{
	struct env *e = *state;
	char row[1024], *name, *count;

	/* 80x24: every column of both tables */
	free(render(e));
	row_text(e, e->st.sc.hdr_y, row, sizeof(row));
	assert_non_null(strstr(row, "SYSCALL"));
	assert_non_null(strstr(row, "COUNT/s"));
	assert_non_null(strstr(row, "TOTAL"));
	assert_non_null(strstr(row, "ERR/s"));
	assert_non_null(strstr(row, "ERR%"));
	keymap_dispatch(&e->st, 'p');
	free(render(e));
	row_text(e, e->st.pr.hdr_y, row, sizeof(row));
	assert_non_null(strstr(row, "PID"));
	assert_non_null(strstr(row, "COMM"));
	assert_non_null(strstr(row, "SYSC/s"));
	assert_non_null(strstr(row, "BIO/s"));
	row_text(e, e->st.pr.hdr_y + 1, row, sizeof(row));
	assert_non_null(strstr(row, "nginx"));	/* the busiest */
	/* 200x60: the names do not push the numbers across the screen */
	keymap_dispatch(&e->st, 'p');
	e->cv = (canvas_free(e->cv), canvas_new(200, 60));
	free(render(e));
	row_text(e, e->st.sc.hdr_y, row, sizeof(row));
	name = strstr(row, "SYSCALL");
	count = strstr(row, "COUNT/s");
	assert_non_null(name);
	assert_non_null(count);
	assert_true(count - name <= 24 + 2 + 7 + 2);
	assert_true(e->st.lay.pane[PANE_SYSCALLS].w <= 70);
	assert_true(e->st.lay.pane[PANE_VFS].w >= 120);
}

/* The histogram has fewer rows than slots: the hidden slots are summed
 * in a row on each side, so the rows add up to every request (12017 in
 * the fixture), and p99's slot is accounted for. */
static void hist_tails_at(struct env *e, int w, int h)
{
	struct rect b;
	unsigned long long sum = 0;
	bool below = false, above = false;

	e->cv = (canvas_free(e->cv), canvas_new(w, h));
	free(render(e));
	b = e->st.lay.pane[PANE_BIO];
	for (int y = b.y + 2; y < b.y + b.h; y++) {
		char row[1024], label[32];
		unsigned long long n;

		row_text(e, y, row, sizeof(row));
		if (sscanf(row, "%31s %llu", label, &n) != 2)
			continue;
		sum += n;
		below |= label[0] == '<';
		above |= label[0] == '>' && label[1] == '=';
	}
	assert_true(below);
	assert_true(above);
	assert_int_equal(sum, 12017);
}

/* Five rows at 80x24; two at 60x20, where the two rows split the
 * requests at the median's slot. */
static void test_hist_tails(void **state)
{
	struct env *e = *state;

	hist_tails_at(e, 80, 24);
	hist_tails_at(e, 60, 20);
}

static void test_paused_badge(void **state)
{
	struct env *e = *state;
	char *text;

	e->st.paused = true;
	e->st.paused_new = 1234;
	text = render(e);
	assert_non_null(strstr(text, "PAUSED +1234 new"));
	assert_non_null(strstr(text, "Resume"));
	free(text);
}

/* What the keys set is a struct options: the values W saves, read back
 * by the option table as the command line would give them. Issue 12. */
static void test_keys_change_the_settings(void **state)
{
	struct env *e = *state;
	const struct options *set;
	struct options start;
	char buf[64];

	options_defaults(&start);
	start.focus = PANE_VFS;
	start.sort = SC_TOTAL;
	start.mouse = false;
	ui_state_fini(&e->st);
	assert_int_equal(ui_state_init(&e->st, &start), 0);
	/* the start settings are in force as given */
	assert_int_equal(e->st.set.focus, PANE_VFS);
	assert_int_equal(e->st.sc.sort_col, SC_TOTAL);
	assert_int_equal(e->st.pr.sort_col, PR_RATE);
	assert_false(e->st.set.mouse);
	keymap_dispatch(&e->st, '+');		/* 1 s -> 2 s */
	keymap_dispatch(&e->st, 't');		/* default -> light */
	keymap_dispatch(&e->st, UK_TAB);	/* vfs -> syscalls */
	keymap_dispatch(&e->st, UK_TAB);	/* -> bio */
	keymap_dispatch(&e->st, '>');		/* total -> errors, focus syscalls */
	assert_int_equal(keymap_dispatch(&e->st, 'x'), UI_REDRAW | UI_FAILED_ONLY);
	assert_int_equal(keymap_dispatch(&e->st, 'W'), UI_REDRAW | UI_SAVE_CONFIG);
	assert_int_equal(log_set_filter(&e->st, "errno:ENOENT"), 0);
	set = ui_state_settings(&e->st);
	assert_int_equal(options_get(set, "delay", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "2");
	assert_int_equal(options_get(set, "theme", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "light");
	assert_int_equal(options_get(set, "focus", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "syscalls");
	assert_int_equal(options_get(set, "sort", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "errors");
	assert_int_equal(options_get(set, "failed", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "yes");
	assert_int_equal(options_get(set, "no-mouse", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "yes");
	assert_int_equal(options_get(set, "filter", buf, sizeof(buf)), 0);
	assert_string_equal(buf, "errno:ENOENT");
	/* the rest is what the UI was started with */
	assert_int_equal(set->log_capacity, start.log_capacity);
	assert_int_equal(set->sources, start.sources);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_explain, setup, teardown),
		cmocka_unit_test_setup_teardown(test_help_lists_every_key, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keys_reactions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_interval_steps, setup, teardown),
		cmocka_unit_test_setup_teardown(test_sort_and_hold, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scroll_holds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_follow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mouse, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paused_badge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_screen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_syscall_columns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_hist_tails, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keys_change_the_settings, setup, teardown),
	};

	setenv("TZ", "UTC", 1);
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
