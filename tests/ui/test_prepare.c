/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The prepare step (issue 12): ui_prepare() alone brings the event log's
 * indexes up to date and settles the row the log stands on, the search's
 * jump and the rows the pane shows; drawing afterwards changes nothing in
 * the state, and drawing without it does none of that work. */
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
#include "prepare.h"
#include "ui.h"
#include "view.h"

#define W 100
#define H 30

struct env {
	struct fixture f;
	struct ui_state st;
	struct canvas *cv;
};

static int setup(void **state)
{
	struct env *e = calloc(1, sizeof(*e));

	fixture_init(&e->f);
	assert_int_equal(ui_state_init(&e->st, NULL), 0);
	e->st.now_ms = 100000;
	e->st.set.focus = PANE_LOG;
	e->st.zoom = true;
	e->cv = canvas_new(W, H);
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

static void prepare(struct env *e)
{
	ui_prepare(&e->st, W, H, &e->f.snap, &e->f.log);
}

/* The events of the log that failed with errno err, counted directly. */
static size_t failed_with(const struct event_log *log, int err, uint64_t *newest)
{
	size_t n = 0;

	for (uint64_t s = event_log_first_seq(log); s < event_log_end_seq(log); s++) {
		const struct tt_event *ev = event_log_get(log, s);

		if (ev && ev->ret == -err) {
			n++;
			*newest = s;
		}
	}
	return n;
}

static void test_prepare_alone_builds_the_index(void **state)
{
	struct env *e = *state;
	uint64_t newest = 0;
	size_t want;

	assert_int_equal(log_set_filter(&e->st, "errno:ENOENT"), 0);
	assert_true(e->st.idx_stale);
	prepare(e);
	want = failed_with(&e->f.log, 2, &newest);
	assert_true(want > 0);
	assert_false(e->st.idx_stale);
	assert_true(log_index_complete(&e->st.view_idx));
	assert_int_equal(log_index_count(&e->st.view_idx), want);
	assert_true(e->st.log_follow && e->st.log_has_sel);
	assert_int_equal(e->st.log_sel, newest);
	/* the zoomed pane: its title and column header above the rows */
	assert_int_equal(e->st.log_rows_shown, e->st.lay.pane[PANE_LOG].h - 2);

	/* new events: the next prepare follows them, nothing drawn between */
	fixture_push_open(&e->f, "/new/missing/1", -2);
	fixture_push_open(&e->f, "/new/found", 3);
	fixture_push_open(&e->f, "/new/missing/2", -2);
	prepare(e);
	assert_int_equal(log_index_count(&e->st.view_idx), want + 2);
	assert_int_equal(e->st.log_sel, event_log_end_seq(&e->f.log) - 1);
	assert_int_equal(e->st.log_end_seen, event_log_end_seq(&e->f.log));
}

static void type(struct env *e, const char *s)
{
	while (*s)
		keymap_dispatch(&e->st, (unsigned char)*s++);
}

/* A new search goes to its newest match in the prepare step. */
static void test_prepare_jumps_to_the_search(void **state)
{
	struct env *e = *state;
	size_t n;

	prepare(e);
	keymap_dispatch(&e->st, UK_F(3));
	type(e, "python");
	keymap_dispatch(&e->st, UK_ENTER);
	assert_true(e->st.log_follow);
	prepare(e);
	n = log_index_count(&e->st.search_idx);
	assert_true(n > 0);
	assert_false(e->st.log_follow);
	assert_false(e->st.search_jump);
	assert_int_equal(e->st.log_sel, log_index_at(&e->st.search_idx, n - 1));
}

/* Everything a draw could change: the state's bytes and the indexes'
 * contents. */
struct copy {
	struct ui_state st;
	uint64_t view[256], search[256];
	size_t n_view, n_search;
};

static void take(const struct ui_state *st, struct copy *c)
{
	memcpy(&c->st, st, sizeof(*st));
	c->n_view = log_index_count(&st->view_idx);
	c->n_search = log_index_count(&st->search_idx);
	assert_true(c->n_view <= 256 && c->n_search <= 256);
	for (size_t i = 0; i < c->n_view; i++)
		c->view[i] = log_index_at(&st->view_idx, i);
	for (size_t i = 0; i < c->n_search; i++)
		c->search[i] = log_index_at(&st->search_idx, i);
}

static void assert_unchanged(const struct ui_state *st, const struct copy *before)
{
	struct copy after;

	take(st, &after);
	assert_memory_equal(&after.st, &before->st, sizeof(*st));
	assert_int_equal(after.n_view, before->n_view);
	assert_int_equal(after.n_search, before->n_search);
	assert_memory_equal(after.view, before->view, after.n_view * sizeof(uint64_t));
	assert_memory_equal(after.search, before->search, after.n_search * sizeof(uint64_t));
}

/* Prepared, then drawn: the draw leaves the state as it found it. */
static void paint_changes_nothing(struct env *e)
{
	struct copy before;

	prepare(e);
	take(&e->st, &before);
	ui_paint(&e->st, e->cv, &e->f.snap, &e->f.log, NULL);
	assert_unchanged(&e->st, &before);
	/* and a second frame draws the same cells */
	{
		char *a = canvas_dump(e->cv), *b;

		ui_paint(&e->st, e->cv, &e->f.snap, &e->f.log, NULL);
		b = canvas_dump(e->cv);
		assert_string_equal(a, b);
		free(a);
		free(b);
	}
}

static void test_draw_changes_nothing(void **state)
{
	struct env *e = *state;

	paint_changes_nothing(e);		/* following */
	keymap_dispatch(&e->st, UK_UP);
	keymap_dispatch(&e->st, UK_UP);
	paint_changes_nothing(e);		/* scrolled up */
	keymap_dispatch(&e->st, UK_F(4));
	type(e, "errno:ENOENT");
	paint_changes_nothing(e);		/* filtered, prompt open */
	keymap_dispatch(&e->st, UK_ENTER);
	keymap_dispatch(&e->st, UK_F(3));
	type(e, "grep|python");
	keymap_dispatch(&e->st, UK_ENTER);
	paint_changes_nothing(e);		/* searching */
	keymap_dispatch(&e->st, ' ');
	fixture_push_open(&e->f, "/after/the/pause", -2);
	paint_changes_nothing(e);		/* paused, events past the horizon */
}

/* On the main screen, where the tables also draw (and keep their hit
 * areas for the mouse), the log view itself changes nothing. */
static void test_log_view_changes_nothing(void **state)
{
	struct env *e = *state;
	struct view_ctx vc = { e->cv, &e->st, &e->f.snap, &e->f.log, NULL };
	struct copy before;

	e->st.zoom = false;
	assert_int_equal(log_set_filter(&e->st, "!comm:^nginx"), 0);
	ui_render(&e->st, e->cv, &e->f.snap, &e->f.log, NULL);
	keymap_dispatch(&e->st, UK_UP);
	prepare(e);
	assert_true(e->st.lay.shown[PANE_LOG]);
	take(&e->st, &before);
	view_log(&vc, e->st.lay.pane[PANE_LOG], true);
	assert_unchanged(&e->st, &before);
}

/* Without the prepare step a draw does no model work: a new filter's
 * index stays unbuilt, the row the log stands on stays where it was. */
static void test_draw_alone_builds_nothing(void **state)
{
	struct env *e = *state;
	struct copy before;

	prepare(e);
	assert_int_equal(log_set_filter(&e->st, "errno:ENOENT"), 0);
	fixture_push_open(&e->f, "/unseen", -2);
	take(&e->st, &before);
	ui_paint(&e->st, e->cv, &e->f.snap, &e->f.log, NULL);
	assert_unchanged(&e->st, &before);
	assert_true(e->st.idx_stale);
	assert_int_not_equal(e->st.log_end_seen, event_log_end_seq(&e->f.log));
}

/* The processes band at 200x60 holds the rows the pane draws: the ten
 * processes, eight names folded by name, one process scoped; a tick with
 * fewer processes keeps the band for UI_WANT_TICKS ticks, and a new scope
 * starts afresh. */
static void test_procs_band_rows(void **state)
{
	struct env *e = *state;
	struct ui_state *st = &e->st;
	size_t all = e->f.snap.n_procs;

	st->zoom = false;
	st->set.focus = PANE_SYSCALLS;
	ui_prepare(st, 200, 60, &e->f.snap, &e->f.log);
	assert_int_equal(st->lay.pane[PANE_PROCS].h, (int)all + 2);
	st->procs_fold = PROC_FOLD_COMM;
	ui_prepare(st, 200, 60, &e->f.snap, &e->f.log);
	assert_int_equal(st->lay.pane[PANE_PROCS].h, 8 + 2);
	st->procs_fold = PROC_FOLD_NONE;
	scope_set_pid(&st->scope, e->f.snap.procs[0].pid, e->f.snap.procs[0].comm);
	st->scope_gen++;
	ui_prepare(st, 200, 60, &e->f.snap, &e->f.log);
	assert_int_equal(st->lay.pane[PANE_PROCS].h, 4);	/* one row, but never under four */
	scope_clear(&st->scope);
	st->scope_gen++;
	/* two processes gone at the next tick: the band keeps its rows ... */
	ui_prepare(st, 200, 60, &e->f.snap, &e->f.log);
	e->f.snap.seq++;
	e->f.snap.n_procs = all - 2;
	ui_prepare(st, 200, 60, &e->f.snap, &e->f.log);
	assert_int_equal(st->lay.pane[PANE_PROCS].h, (int)all + 2);
	/* ... for UI_WANT_TICKS ticks */
	e->f.snap.seq += UI_WANT_TICKS;
	ui_prepare(st, 200, 60, &e->f.snap, &e->f.log);
	assert_int_equal(st->lay.pane[PANE_PROCS].h, (int)all);
	e->f.snap.n_procs = all;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_prepare_alone_builds_the_index, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_prepare_jumps_to_the_search, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draw_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_log_view_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_draw_alone_builds_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_procs_band_rows, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
