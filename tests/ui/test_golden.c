/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Golden screens (issue 3): every view renders fixed, hand-built
 * snapshots into the canvas at 80x24 and 132x43 (the overview also at
 * 200x60 and on small screens), and the text must match the screens
 * checked in under tests/ui/golden/. The overview's colour roles, with
 * the styles of the default, light and mono themes, are checked the
 * same way at 80x24 and 200x60 (roles-*.txt). The probe report screen (key i) is
 * issue 5's. After a deliberate
 * change, regenerate them with
 *     TT_UPDATE_GOLDEN=1 make check TESTS=tests/ui/test_golden
 * and review the diff by eye before committing. */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <cmocka.h>
#include "fixture.h"
#include "golden.h"
#include "keymap.h"
#include "state.h"
#include "view.h"

enum screen {
	SCR_OVERVIEW,
	SCR_SYSCALLS,
	SCR_PROCS,
	SCR_BIO,
	SCR_LOG,
	SCR_HELP,
	SCR_FAILED,
	SCR_TOO_SMALL,
	SCR_FAILS,		/* top failing opens (f) */
	SCR_DETAIL,		/* Enter on an exec event: every field */
	SCR_DETAIL_OPEN,	/* the same on an open whose names hold escapes */
	SCR_FILTER,		/* a filtered log, a search, its prompt open */
	SCR_REPORT,		/* the probe report (i) */
	SCR_REPORT_END,		/* the same scrolled to its end */
	SCR_TREE,		/* the process tree (F5) */
	SCR_SYSCALL,		/* one syscall in detail (Enter on the syscall table) */
	SCR_EXPLAIN,		/* ? on the event log: what it shows */
	SCR_PROFILE,		/* P: the icicle, the cursor two frames down */
	SCR_PROFILE_ZOOM,	/* the same zoomed into deflate, as a flame graph, "read" found */
};

struct golden_case {
	const char *name;
	enum screen screen;
	int w, h;
};

static const struct golden_case cases[] = {
	{ "overview-80x24", SCR_OVERVIEW, 80, 24 },
	{ "overview-132x43", SCR_OVERVIEW, 132, 43 },
	{ "overview-60x20", SCR_OVERVIEW, 60, 20 },
	{ "syscalls-80x24", SCR_SYSCALLS, 80, 24 },
	{ "syscalls-132x43", SCR_SYSCALLS, 132, 43 },
	{ "procs-80x24", SCR_PROCS, 80, 24 },
	{ "procs-132x43", SCR_PROCS, 132, 43 },
	{ "bio-80x24", SCR_BIO, 80, 24 },
	{ "bio-132x43", SCR_BIO, 132, 43 },
	{ "log-80x24", SCR_LOG, 80, 24 },
	{ "log-132x43", SCR_LOG, 132, 43 },
	{ "help-80x24", SCR_HELP, 80, 24 },
	{ "help-132x43", SCR_HELP, 132, 43 },
	{ "explain-80x24", SCR_EXPLAIN, 80, 24 },
	{ "explain-132x43", SCR_EXPLAIN, 132, 43 },
	{ "failed-80x24", SCR_FAILED, 80, 24 },
	{ "failed-132x43", SCR_FAILED, 132, 43 },
	{ "too-small-39x9", SCR_TOO_SMALL, 39, 9 },
	{ "too-small-20x6", SCR_TOO_SMALL, 20, 6 },
	{ "fails-80x24", SCR_FAILS, 80, 24 },
	{ "fails-132x43", SCR_FAILS, 132, 43 },
	{ "detail-80x24", SCR_DETAIL, 80, 24 },
	{ "detail-132x43", SCR_DETAIL, 132, 43 },
	{ "detail-open-80x24", SCR_DETAIL_OPEN, 80, 24 },
	{ "filter-80x24", SCR_FILTER, 80, 24 },
	{ "filter-132x43", SCR_FILTER, 132, 43 },
	{ "report-80x24", SCR_REPORT, 80, 24 },
	{ "report-end-80x24", SCR_REPORT_END, 80, 24 },
	{ "report-132x43", SCR_REPORT, 132, 43 },
	{ "tree-80x24", SCR_TREE, 80, 24 },
	{ "tree-132x43", SCR_TREE, 132, 43 },
	{ "syscall-80x24", SCR_SYSCALL, 80, 24 },
	{ "syscall-132x43", SCR_SYSCALL, 132, 43 },
	{ "overview-200x60", SCR_OVERVIEW, 200, 60 },
	{ "procs-200x60", SCR_PROCS, 200, 60 },
	{ "overview-50x16", SCR_OVERVIEW, 50, 16 },
	{ "overview-40x10", SCR_OVERVIEW, 40, 10 },
	{ "profile-80x24", SCR_PROFILE, 80, 24 },
	{ "profile-132x43", SCR_PROFILE, 132, 43 },
	{ "profile-zoom-132x43", SCR_PROFILE_ZOOM, 132, 43 },
};

static void type(struct ui_state *st, const char *s)
{
	while (*s)
		keymap_dispatch(st, (unsigned char)*s++);
}

static void render_canvas(const struct golden_case *c, struct canvas **out)
{
	struct fixture f;
	struct ui_state st;
	struct canvas *cv = canvas_new(c->w, c->h);
	char *report = NULL;

	assert_non_null(cv);
	if (c->screen == SCR_FAILED)
		fixture_init_failed(&f);
	else
		fixture_init(&f);
	ui_state_init(&st, NULL);
	st.now_ms = 1000000;
	switch (c->screen) {
	case SCR_SYSCALLS:
		st.zoom = true;
		break;
	case SCR_PROCS:
		st.zoom = true;
		st.set.focus = PANE_PROCS;
		break;
	case SCR_BIO:
		st.zoom = true;
		st.set.focus = PANE_BIO;
		break;
	case SCR_LOG:
		st.zoom = true;
		st.set.focus = PANE_LOG;
		break;
	case SCR_HELP:
		st.help = true;
		break;
	case SCR_EXPLAIN:
		st.explain = true;
		st.set.focus = PANE_LOG;
		break;
	case SCR_FAILED:
		st.paused = true;
		st.paused_new = 37;
		break;
	case SCR_SYSCALL:
		/* as Enter on the table's openat row leaves it */
		st.screen = SCREEN_SYSCALL;
		st.sc_sel_valid = true;
		st.sc_sel_id = 257;
		snprintf(st.sc_sel_name, sizeof(st.sc_sel_name), "openat");
		break;
	case SCR_TREE:
		keymap_dispatch(&st, UK_F(5));
		break;
	case SCR_PROFILE:
	case SCR_PROFILE_ZOOM:
		/* keys act on the graph a frame drew */
		keymap_dispatch(&st, 'P');
		ui_render(&st, cv, &f.snap, &f.log, NULL);
		/* from all: gzip, _start, __libc_start_main, main, zip */
		for (int i = 0; i < 5; i++)
			keymap_dispatch(&st, UK_DOWN);
		if (c->screen == SCR_PROFILE)
			break;
		keymap_dispatch(&st, UK_DOWN);	/* deflate */
		keymap_dispatch(&st, UK_ENTER);
		ui_render(&st, cv, &f.snap, &f.log, NULL);
		keymap_dispatch(&st, 'v');
		keymap_dispatch(&st, '/');
		type(&st, "read");
		keymap_dispatch(&st, UK_ENTER);
		break;
	case SCR_FAILS:
		keymap_dispatch(&st, 'f');
		keymap_dispatch(&st, UK_DOWN);	/* the cursor on the second row */
		break;
	case SCR_DETAIL:
	case SCR_DETAIL_OPEN:
		st.screen = SCREEN_DETAIL;
		st.detail_seq = c->screen == SCR_DETAIL ? 19 : 8;	/* python3's exec, evil's open */
		st.detail_want = true;
		break;
	case SCR_FILTER:
		st.zoom = true;
		st.set.focus = PANE_LOG;
		keymap_dispatch(&st, '/');
		type(&st, "errno:ENOENT !comm:^py");
		keymap_dispatch(&st, UK_ENTER);
		keymap_dispatch(&st, UK_F(3));
		type(&st, "nginx|grep");
		st.now_ms += PROMPT_SETTLE_MS;	/* as seen once the keys pause */
		break;
	case SCR_REPORT:
	case SCR_REPORT_END:
		report = fixture_report(&f);
		assert_non_null(report);
		st.report = report;
		keymap_dispatch(&st, 'i');
		if (c->screen == SCR_REPORT_END)
			keymap_dispatch(&st, UK_END);
		break;
	default:
		break;
	}
	fixture_note_past(&f, st.ticks, 120);
	ui_render(&st, cv, &f.snap, &f.log, NULL);
	*out = cv;
	ui_state_fini(&st);
	fixture_fini(&f);
	free(report);
}

static void render_case(const struct golden_case *c, char **text)
{
	struct canvas *cv;

	render_canvas(c, &cv);
	*text = canvas_dump(cv);
	assert_non_null(*text);
	canvas_free(cv);
}

/* The colour roles of the overview, with the styles of a theme. */
struct roles_case {
	const char *name, *theme;
	int w, h;
};

static const struct roles_case roles_cases[] = {
	{ "roles-overview-80x24-default", "default", 80, 24 },
	{ "roles-overview-80x24-light", "light", 80, 24 },
	{ "roles-overview-80x24-mono", "mono", 80, 24 },
	{ "roles-overview-200x60-default", "default", 200, 60 },
	{ "roles-overview-200x60-light", "light", 200, 60 },
	{ "roles-overview-200x60-mono", "mono", 200, 60 },
};

static void test_roles(void **state)
{
	const struct roles_case *c = *state;
	const struct golden_case g = { c->name, SCR_OVERVIEW, c->w, c->h };
	const char *const dirs[] = { TT_SRC_THEMES, NULL };
	struct theme th;
	struct canvas *cv;
	char *text, err[256];

	assert_int_equal(theme_load(&th, c->theme, dirs, err, sizeof(err)), 0);
	render_canvas(&g, &cv);
	text = canvas_dump_roles(cv, &th);
	assert_non_null(text);
	assert_int_equal(golden_check(c->name, text), 0);
	free(text);
	canvas_free(cv);
}

static void test_screen(void **state)
{
	const struct golden_case *c = *state;
	char *text;

	render_case(c, &text);
	assert_int_equal(golden_check(c->name, text), 0);
	free(text);
}

int main(void)
{
	const size_t n = sizeof(cases) / sizeof(cases[0]), nr = sizeof(roles_cases) / sizeof(roles_cases[0]);
	struct CMUnitTest tests[sizeof(cases) / sizeof(cases[0]) + sizeof(roles_cases) / sizeof(roles_cases[0])];

	/* Screens are rendered in UTF-8 and clock times in UTC, whatever
	 * the machine running the tests uses. */
	setenv("TZ", "UTC", 1);
	tzset();
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	for (size_t i = 0; i < n; i++)
		tests[i] = (struct CMUnitTest){ cases[i].name, test_screen, NULL, NULL, (void *)&cases[i] };
	for (size_t i = 0; i < nr; i++)
		tests[n + i] = (struct CMUnitTest){ roles_cases[i].name, test_roles, NULL, NULL,
						    (void *)&roles_cases[i] };
	return cmocka_run_group_tests(tests, NULL, NULL);
}
