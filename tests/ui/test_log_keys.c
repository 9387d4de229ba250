/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The event log's keys (issue 4), driven as a person would, without a
 * terminal: the filter prompt applied as it is typed, a bad pattern that
 * says why and keeps the rows, Esc and Enter; failed-only and the type
 * switches; search with n/N over events captured while paused; the
 * failing-calls screen, its own filter, ! and Enter on a row; the detail
 * view; a pattern
 * that hits the match limit. */
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
	assert_int_equal(ui_state_init(&e->st, NULL), 0);
	e->st.now_ms = 100000;
	e->cv = canvas_new(100, 30);
	e->st.set.focus = PANE_LOG;
	e->st.zoom = true;
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

static void type(struct env *e, const char *s)
{
	while (*s)
		keymap_dispatch(&e->st, (unsigned char)*s++);
}

static bool shows(struct env *e, const char *what)
{
	char *text = render(e);
	bool found = strstr(text, what) != NULL;

	free(text);
	return found;
}

/* The keys pause: the prompt's text goes in force at the next frame. */
static void pause_typing(struct env *e)
{
	e->st.now_ms += PROMPT_SETTLE_MS;
	free(render(e));
}

static void test_filter_prompt(void **state)
{
	struct env *e = *state;

	assert_true(shows(e, "/etc/ld.so.cache"));
	assert_int_equal(keymap_dispatch(&e->st, '/'), UI_REDRAW);
	assert_int_equal(e->st.prompt->kind, PROMPT_FILTER);
	/* nothing is compiled while the keys come (a paste is one compile)... */
	type(e, "path:fav");
	assert_false(filter_active(&e->st.filter));
	assert_true(shows(e, "Filter: path:fav"));
	/* ...and the log narrows once they pause */
	pause_typing(e);
	assert_string_equal(filter_expr(&e->st.filter), "path:fav");
	assert_true(shows(e, "favicon.ico"));
	assert_false(shows(e, "/etc/ld.so.cache"));
	/* a bad pattern: PCRE2's message and offset, the rows stay */
	type(e, "(");
	pause_typing(e);
	assert_non_null(strstr(e->st.msg, "missing closing parenthesis at offset 9"));
	assert_string_equal(filter_expr(&e->st.filter), "path:fav");
	assert_true(shows(e, "missing closing parenthesis"));
	assert_true(shows(e, "favicon.ico"));
	assert_false(shows(e, "/etc/ld.so.cache"));
	/* fixed again: the message goes */
	keymap_dispatch(&e->st, UK_BACKSPACE);
	pause_typing(e);
	assert_string_equal(e->st.msg, "");
	/* Esc: the filter in force before the prompt comes back */
	keymap_dispatch(&e->st, UK_ESC);
	assert_int_equal(e->st.prompt->kind, PROMPT_NONE);
	assert_false(filter_active(&e->st.filter));
	assert_true(shows(e, "/etc/ld.so.cache"));
	/* Enter puts the text in force at once, pause or not; the title
	 * shows it and its count */
	keymap_dispatch(&e->st, UK_F(4));
	type(e, "errno:ENOENT");
	keymap_dispatch(&e->st, UK_ENTER);
	assert_int_equal(e->st.prompt->kind, PROMPT_NONE);
	assert_true(shows(e, "filter (5 matching): errno:ENOENT"));
	assert_false(shows(e, "index.html"));
	/* Enter on a pattern that does not compile: not the last prefix
	 * that did (comm:py while typing comm:py[), but the filter in force
	 * when the prompt opened, and the message says so */
	keymap_dispatch(&e->st, UK_F(4));
	keymap_dispatch(&e->st, 0x15);	/* ^U */
	type(e, "comm:py");
	pause_typing(e);
	assert_string_equal(filter_expr(&e->st.filter), "comm:py");
	type(e, "[");
	keymap_dispatch(&e->st, UK_ENTER);
	assert_int_equal(e->st.prompt->kind, PROMPT_NONE);
	assert_string_equal(filter_expr(&e->st.filter), "errno:ENOENT");
	assert_non_null(strstr(e->st.msg, "missing terminating ]"));
	assert_non_null(strstr(e->st.msg, "kept the previous filter: errno:ENOENT"));
	assert_true(shows(e, "filter (5 matching): errno:ENOENT"));
	/* keys are keys again */
	assert_int_equal(keymap_dispatch(&e->st, 'q'), UI_QUIT);
}

static void test_switches(void **state)
{
	struct env *e = *state;

	assert_int_equal(keymap_dispatch(&e->st, 'x'), UI_REDRAW | UI_FAILED_ONLY);
	assert_true(shows(e, "Events (exec, open, path, failed only)"));
	assert_false(shows(e, "index.html"));
	assert_true(shows(e, "favicon.ico"));
	keymap_dispatch(&e->st, 'x');
	/* e hides exec events anywhere; o hides opens in the log... */
	keymap_dispatch(&e->st, 'e');
	assert_true(shows(e, "Events (open, path)"));
	assert_false(shows(e, "grep -r"));
	keymap_dispatch(&e->st, 'e');
	keymap_dispatch(&e->st, 'o');
	assert_true(shows(e, "Events (exec)"));
	assert_false(shows(e, "index.html"));
	keymap_dispatch(&e->st, 'o');
	/* ...and picks the block I/O operation elsewhere */
	e->st.zoom = false;
	e->st.set.focus = PANE_BIO;
	keymap_dispatch(&e->st, 'o');
	assert_int_equal(e->st.bio_op, 0);
	assert_int_equal(e->st.log_mask, LOG_SHOW_ALL);
}

static void test_search_while_paused(void **state)
{
	struct env *e = *state;
	uint64_t end = event_log_end_seq(&e->f.log);

	free(render(e));
	assert_int_equal(keymap_dispatch(&e->st, ' '), UI_REDRAW | REACT_PAUSE);
	assert_false(e->st.log_follow);
	/* capture goes on; the paused log holds still */
	fixture_push_open(&e->f, "/captured/while/paused/1", -2);
	for (int i = 0; i < 5; i++)
		fixture_push_open(&e->f, "/noise", 3);
	fixture_push_open(&e->f, "/captured/while/paused/2", -2);
	assert_false(shows(e, "/captured/while"));
	/* F3 finds them: the newest match first */
	keymap_dispatch(&e->st, UK_F(3));
	type(e, "path:paused");
	keymap_dispatch(&e->st, UK_ENTER);
	assert_true(shows(e, "/captured/while/paused/2"));
	assert_int_equal(e->st.log_sel, end + 6);
	assert_true(shows(e, "search (2/2): path:paused"));
	/* n: the older match; again: none */
	keymap_dispatch(&e->st, 'n');
	free(render(e));
	assert_int_equal(e->st.log_sel, end);
	assert_true(shows(e, "search (1/2): path:paused"));
	keymap_dispatch(&e->st, 'n');
	assert_non_null(strstr(e->st.msg, "no older match"));
	/* N: back to the newer one */
	keymap_dispatch(&e->st, 'N');
	free(render(e));
	assert_int_equal(e->st.log_sel, end + 6);
	/* End goes to the newest captured, still paused */
	keymap_dispatch(&e->st, UK_END);
	free(render(e));
	assert_false(e->st.log_follow);
	assert_int_equal(e->st.log_sel, end + 6);
	keymap_dispatch(&e->st, ' ');
	assert_true(e->st.log_follow);
}

/* Home while paused: the oldest page whole, not the oldest row alone,
 * and still nothing that arrived after the pause. */
static void test_paused_home(void **state)
{
	struct env *e = *state;

	free(render(e));
	keymap_dispatch(&e->st, ' ');
	fixture_push_open(&e->f, "/arrived/after/the/pause", -2);
	keymap_dispatch(&e->st, UK_HOME);
	assert_true(shows(e, "grep -r --color=auto TODO src/"));	/* the oldest */
	assert_true(shows(e, "/usr/local/bin/backup.sh --full"));
	assert_true(shows(e, "nonexistent-tool --help"));	/* the newest before the pause */
	assert_false(shows(e, "/arrived/after"));
	/* End goes there */
	keymap_dispatch(&e->st, UK_END);
	assert_true(shows(e, "/arrived/after/the/pause"));
	/* and Home again shows it too now, on the first page */
	keymap_dispatch(&e->st, UK_HOME);
	assert_true(shows(e, "/arrived/after/the/pause"));
	assert_true(e->st.paused);
}

static void test_fails_screen(void **state)
{
	struct env *e = *state;
	char *text;

	keymap_dispatch(&e->st, 'f');
	assert_int_equal(e->st.screen, SCREEN_FAILS);
	text = render(e);
	assert_non_null(strstr(text, "Failing calls"));
	assert_non_null(strstr(text, "8 of 8 kinds"));
	assert_non_null(strstr(text, "newfstatat"));
	assert_non_null(strstr(text, "evil\\x1b[31mred"));	/* sanitised */
	assert_null(strchr(text, '\x1b'));
	free(text);
	/* sorted by count: the third row is Python's import probe */
	keymap_dispatch(&e->st, UK_DOWN);
	keymap_dispatch(&e->st, UK_DOWN);
	free(render(e));
	assert_non_null(e->st.fl_pick);
	assert_int_equal(keymap_dispatch(&e->st, UK_ENTER), UI_REDRAW);
	assert_int_equal(e->st.screen, SCREEN_MAIN);
	assert_int_equal(e->st.set.focus, PANE_LOG);
	assert_non_null(strstr(filter_expr(&e->st.filter), "errno:^ENOENT$ comm:(?-i)^python3$"));
	assert_true(shows(e, "filter (1 matching): type:open errno:^ENOENT$"));
	assert_true(shows(e, "adapters.cpython-311.pyc"));
	/* the table follows the filter: one row left */
	keymap_dispatch(&e->st, 'f');
	assert_true(shows(e, "1 of 8 kinds"));
	assert_false(shows(e, "favicon.ico"));
	/* sorting keys work on that screen */
	log_set_filter(&e->st, "");
	keymap_dispatch(&e->st, '>');
	assert_int_equal(e->st.fl.sort_col, FL_RATE);
	assert_int_equal(e->st.screen, SCREEN_FAILS);
	keymap_dispatch(&e->st, UK_ESC);
	assert_int_equal(e->st.screen, SCREEN_MAIN);
}

/* The failing-calls table's own filter (/ there) narrows it without
 * touching the log's; ! excludes the row's path through the filter; Enter
 * on a path call filters the log on its syscall. */
static void test_fails_narrow(void **state)
{
	struct env *e = *state;

	keymap_dispatch(&e->st, 'f');
	free(render(e));
	keymap_dispatch(&e->st, '/');
	assert_int_equal(e->st.prompt->kind, PROMPT_FAILS);
	assert_int_equal(e->st.screen, SCREEN_FAILS);
	type(e, "comm:nginx");
	pause_typing(e);
	assert_true(shows(e, "2 of 8 kinds"));
	assert_true(shows(e, "Table filter: comm:nginx"));
	keymap_dispatch(&e->st, UK_ENTER);
	assert_string_equal(filter_expr(&e->st.fl_filter), "comm:nginx");
	assert_false(filter_active(&e->st.filter));
	/* ! on the top row (favicon): gone from the table, a term in the filter */
	free(render(e));
	keymap_dispatch(&e->st, '!');
	assert_string_equal(filter_expr(&e->st.filter), "!path:(?-i)^/var/www/html/favicon\\.ico$");
	assert_true(shows(e, "1 of 8 kinds"));
	assert_false(shows(e, "favicon.ico"));
	assert_true(shows(e, ".htpasswd"));
	/* D on the row left (.htpasswd): its directory goes */
	keymap_dispatch(&e->st, 'D');
	assert_string_equal(filter_expr(&e->st.filter),
			    "!path:(?-i)^/var/www/html/favicon\\.ico$ !path:(?-i)^/var/www/private/");
	assert_true(shows(e, "0 of 8 kinds"));
	log_set_filter(&e->st, "!path:(?-i)^/var/www/html/favicon\\.ico$");
	/* a bad table filter keeps the one in force */
	keymap_dispatch(&e->st, '/');
	type(e, " [");
	keymap_dispatch(&e->st, UK_ENTER);
	assert_string_equal(filter_expr(&e->st.fl_filter), "comm:nginx");
	/* Esc puts back the table's filter as it was at open */
	keymap_dispatch(&e->st, '/');
	type(e, " comm:zzz");
	pause_typing(e);
	assert_true(shows(e, "0 of 8 kinds"));
	keymap_dispatch(&e->st, UK_ESC);
	assert_string_equal(filter_expr(&e->st.fl_filter), "comm:nginx");
	assert_int_equal(e->st.screen, SCREEN_FAILS);
	assert_true(shows(e, "1 of 8 kinds"));
	/* Enter on the health check's stat */
	keymap_dispatch(&e->st, '/');
	keymap_dispatch(&e->st, 0x15);	/* ^U */
	type(e, "syscall:stat");
	keymap_dispatch(&e->st, UK_ENTER);
	assert_true(shows(e, "/srv/health/ready"));
	assert_int_equal(keymap_dispatch(&e->st, UK_ENTER), UI_REDRAW);
	assert_non_null(strstr(filter_expr(&e->st.filter),
			       "type:path syscall:^newfstatat$ errno:^ENOENT$ comm:(?-i)^healthchk$"));
}

static void test_detail(void **state)
{
	struct env *e = *state;
	char *text;

	free(render(e));
	keymap_dispatch(&e->st, UK_UP);
	keymap_dispatch(&e->st, UK_UP);	/* the python3 exec */
	free(render(e));
	assert_int_equal(keymap_dispatch(&e->st, UK_ENTER), UI_REDRAW);
	assert_int_equal(e->st.screen, SCREEN_DETAIL);
	text = render(e);
	assert_non_null(strstr(text, "argv[2]     import sys; print(sys.argv)"));
	assert_non_null(strstr(text, "argc        4"));
	free(text);
	/* the event stays whole while the ring overwrites it */
	for (int i = 0; i < 70; i++)
		fixture_push_open(&e->f, "/noise", 3);
	assert_true(shows(e, "/usr/bin/python3"));
	/* q leaves the view, it does not quit */
	assert_int_equal(keymap_dispatch(&e->st, 'q'), UI_REDRAW);
	assert_int_equal(e->st.screen, SCREEN_MAIN);
}

/* What the kernel could not give says so: argv entries not in memory
 * when the exec failed, an empty last argument, a relative path whose
 * base could not be read. */
static void test_detail_unreadable(void **state)
{
	static const char args[] = "tool\0\0\0";	/* tool <unreadable> "" */
	struct env *e = *state;
	struct tt_event ev;
	char *text;

	memset(&ev, 0, sizeof(ev));
	ev.type = TT_EVENT_EXEC;
	ev.pid = ev.tid = 4412;
	ev.ret = -2;
	ev.dirfd = -100;
	snprintf(ev.comm, sizeof(ev.comm), "make");
	ev.path = "/opt/tool";
	ev.path_len = strlen(ev.path);
	ev.args = args;
	ev.args_len = sizeof(args) - 2;	/* as the decoder hands it */
	ev.argc = ev.args_n = 3;
	ev.flags = EXEC_F_ARGS_FAULT;
	ev.args_unread = 1u << 1;
	event_log_push(&e->f.log, &ev);
	/* the row shows the file it tried; argv[0] names it, so it is not
	 * repeated */
	assert_true(shows(e, "ENOENT  /opt/tool <unreadable>"));
	keymap_dispatch(&e->st, UK_ENTER);	/* on the newest */
	text = render(e);
	assert_non_null(strstr(text, "argc        3"));
	assert_non_null(strstr(text, "argv[0]     tool"));
	assert_non_null(strstr(text, "argv[1]     (could not be read: not in memory when the exec failed)"));
	assert_non_null(strstr(text, " argv[2]"));
	assert_null(strstr(text, " argv[3]"));
	free(text);
	keymap_dispatch(&e->st, UK_ESC);

	memset(&ev, 0, sizeof(ev));
	ev.type = TT_EVENT_OPEN;
	ev.pid = ev.tid = 4413;
	ev.ret = -9;
	ev.dirfd = 9;
	snprintf(ev.comm, sizeof(ev.comm), "make");
	ev.path = ev.raw_path = "conf.d/x";
	ev.path_len = ev.raw_path_len = strlen(ev.path);
	ev.flags = OPEN_F_BASE_FAULT;
	event_log_push(&e->f.log, &ev);
	free(render(e));
	keymap_dispatch(&e->st, UK_ENTER);
	text = render(e);
	assert_non_null(strstr(text, "path        conf.d/x"));
	assert_non_null(strstr(text, "resolved    raw: relative as passed; its base directory could not be read"));
	free(text);
}

static void test_limit_reported(void **state)
{
	struct env *e = *state;
	static char path[4097];

	memset(path, 'a', sizeof(path) - 2);
	path[sizeof(path) - 2] = '!';
	fixture_push_open(&e->f, path, -2);
	assert_int_equal(log_set_filter(&e->st, "path:(a+)+$"), 0);
	assert_true(shows(e, "no event matches"));
	assert_non_null(strstr(e->st.msg, "match limit"));
	e->st.msg[0] = '\0';
	free(render(e));
	assert_string_equal(e->st.msg, "");	/* once */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_filter_prompt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_switches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_search_while_paused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paused_home, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fails_screen, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fails_narrow, setup, teardown),
		cmocka_unit_test_setup_teardown(test_detail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_detail_unreadable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_limit_reported, setup, teardown),
	};

	setenv("TZ", "UTC", 1);
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
