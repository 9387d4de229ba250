/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the event filter (src/filter.c), issue 4: parsing and
 * its errors (PCRE2's message and offset, the old filter kept), smart
 * case, negation, every field, AND, numbers and errno names, matching on
 * raw bytes, the match limit (reported once, counted as no match) and
 * the quoting that builds an exact pattern. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>
#include "clock.h"
#include "filter.h"

static struct tt_event ev_open(uint32_t pid, const char *comm, int ret, const char *path)
{
	struct tt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = TT_EVENT_OPEN;
	ev.pid = ev.tid = pid;
	ev.uid = 1000;
	ev.ret = ret;
	ev.dirfd = -100;
	snprintf(ev.comm, sizeof(ev.comm), "%s", comm);
	ev.path = path;
	ev.path_len = strlen(path) + 1;	/* the decoder's NUL included */
	return ev;
}

static struct tt_event ev_exec(uint32_t pid, const char *comm, int ret, const char *path,
			       const char *args, size_t args_len)
{
	struct tt_event ev = ev_open(pid, comm, ret, path);

	ev.type = TT_EVENT_EXEC;
	ev.args = args;
	ev.args_len = args_len;
	for (size_t i = 0; i < args_len; i++)
		ev.args_n += args[i] == '\0';	/* the decoder's count */
	return ev;
}

static bool match(const char *expr, const struct tt_event *ev)
{
	struct filter f;
	struct filter_error err;
	bool m;

	filter_init(&f);
	if (filter_set(&f, expr, &err))
		fail_msg("'%s' does not compile: %s at %zu", expr, err.msg, err.offset);
	m = filter_match(&f, ev);
	filter_fini(&f);
	return m;
}

static void test_empty_matches_all(void **state)
{
	struct tt_event ev = ev_open(1, "a", 3, "/x");
	struct filter f;

	(void)state;
	filter_init(&f);
	assert_false(filter_active(&f));
	assert_true(filter_match(&f, &ev));
	assert_int_equal(filter_set(&f, "   ", NULL), 0);
	assert_false(filter_active(&f));
	assert_string_equal(filter_expr(&f), "");
	assert_true(filter_match(NULL, &ev));
	filter_fini(&f);
}

static void test_invalid_keeps_old(void **state)
{
	struct tt_event etc = ev_open(1, "cat", -2, "/etc/passwd");
	struct tt_event tmp = ev_open(1, "cat", -2, "/tmp/x");
	struct filter f;
	struct filter_error err;

	(void)state;
	filter_init(&f);
	assert_int_equal(filter_set(&f, "path:^/etc/", &err), 0);
	assert_true(filter_match(&f, &etc));
	assert_false(filter_match(&f, &tmp));
	/* "path:(" : the error is PCRE2's, at the end of the pattern */
	assert_int_equal(filter_set(&f, "errno:ENOENT path:(", &err), -EINVAL);
	assert_non_null(strstr(err.msg, "missing closing parenthesis"));
	assert_int_equal(err.offset, strlen("errno:ENOENT path:("));
	/* the old filter still stands */
	assert_string_equal(filter_expr(&f), "path:^/etc/");
	assert_true(filter_match(&f, &etc));
	assert_false(filter_match(&f, &tmp));
	/* an error inside the pattern: offset into the whole expression */
	assert_int_equal(filter_set(&f, "comm:a path:x{2,1}", &err), -EINVAL);
	assert_true(err.offset > strlen("comm:a path:"));
	assert_true(err.offset <= strlen("comm:a path:x{2,1}"));
	assert_true(err.msg[0] != '\0');
	/* a term without a pattern */
	assert_int_equal(filter_set(&f, "path:", &err), -EINVAL);
	assert_int_equal(err.offset, 5);
	assert_int_equal(filter_set(&f, "!", &err), -EINVAL);
	assert_int_equal(filter_check("[", &err), -EINVAL);
	assert_int_equal(err.offset, 1);
	assert_string_equal(filter_expr(&f), "path:^/etc/");
	filter_fini(&f);
}

static void test_smart_case(void **state)
{
	struct tt_event ev = ev_open(1, "Xorg", 3, "/home/Ann/Notes.txt");

	(void)state;
	assert_true(match("path:notes", &ev));	/* lower case: any case */
	assert_true(match("path:Notes", &ev));
	assert_false(match("path:NOTES", &ev));	/* an uppercase letter: exact */
	assert_true(match("comm:xorg", &ev));
	assert_false(match("comm:XORG", &ev));
	/* escapes and hex digits are not letters of the pattern */
	assert_true(match("path:ann\\S", &ev));
	assert_true(match("path:\\x4eotes", &ev));	/* \x4e is 'N' */
	assert_true(match("path:\\x{6E}otes", &ev));	/* 'n', caseless */
	assert_true(match("path:(?-i)Notes", &ev));
}

static void test_negation_and(void **state)
{
	struct tt_event a = ev_open(1, "systemd", -2, "/etc/foo");
	struct tt_event b = ev_open(2, "bash", -2, "/etc/foo");
	struct tt_event c = ev_open(3, "bash", -13, "/etc/foo");
	struct tt_event d = ev_open(4, "bash", -2, "/usr/foo");
	const char *expr = "path:^/etc/ errno:ENOENT !comm:^systemd";

	(void)state;
	assert_false(match(expr, &a));
	assert_true(match(expr, &b));
	assert_false(match(expr, &c));
	assert_false(match(expr, &d));
	assert_true(match("!path:^/usr", &a));
	assert_false(match("!path:^/usr", &d));
	assert_true(match("  path:foo\t!comm:zsh  ", &b));	/* blanks around terms */
}

static void test_fields(void **state)
{
	static const char args[] = "make\0-j8\0all";
	struct tt_event ex = ev_exec(4242, "bash", 0, "/usr/bin/make", args, sizeof(args));
	struct tt_event op = ev_open(77, "cc1", 5, "src/main.c");

	(void)state;
	ex.uid = 0;
	assert_true(match("type:exec", &ex));
	assert_false(match("type:open", &ex));
	assert_true(match("type:open", &op));
	assert_true(match("type:exec|open", &op));
	assert_true(match("!type:exec", &op));
	assert_true(match("args:^make\\ -j8\\ all$", &ex));	/* argv joined by spaces */
	assert_true(match("args:-j\\d", &ex));
	assert_false(match("args:.", &op));
	assert_true(match("path:/make$", &ex));	/* the final NUL is not matched */
	assert_true(match("pid:4242", &ex));	/* digits: a number */
	assert_false(match("pid:424", &ex));
	assert_true(match("pid:^42", &ex));	/* otherwise a pattern */
	assert_true(match("uid:0", &ex));
	assert_false(match("uid:1000", &ex));
	assert_true(match("uid:1000", &op));
	assert_true(match("comm:^cc1$", &op));
	/* a bare term: the whole line "TYPE PID COMM RESULT PATH ARGV" */
	assert_true(match("^exec\\ 4242\\ bash\\ ok\\ /usr/bin/make\\ make\\ -j8\\ all$", &ex));
	assert_true(match("^open\\ 77\\ cc1\\ fd\\ 5\\ src/main\\.c$", &op));
	assert_true(match("main", &op));
	/* an unknown prefix is part of a bare pattern */
	assert_false(match("foo:bar", &op));
	/* empty entries count, the last one too: echo "" x "" */
	{
		static const char empty[] = "echo\0\0x\0";
		struct tt_event e2 = ev_exec(1, "sh", 0, "/bin/echo", empty, sizeof(empty));

		assert_int_equal(e2.args_n, 4);
		assert_true(match("args:^echo\\ \\ x\\ $", &e2));
		assert_true(match("^exec\\ 1\\ sh\\ ok\\ /bin/echo\\ echo\\ \\ x\\ $", &e2));
	}
}

static void test_errno(void **state)
{
	struct tt_event noent = ev_open(1, "ls", -2, "/nope");
	struct tt_event acces = ev_open(1, "ls", -13, "/root/x");
	struct tt_event ok = ev_open(1, "ls", 3, "/etc/hosts");

	(void)state;
	assert_true(match("errno:ENOENT", &noent));
	assert_true(match("errno:enoent", &noent));	/* smart case */
	assert_false(match("errno:ENOENT", &acces));
	assert_true(match("errno:EACCES|ENOENT", &acces));
	assert_true(match("errno:2", &noent));	/* digits: the number */
	assert_false(match("errno:2", &acces));
	assert_false(match("errno:0", &ok));	/* success has no errno */
	assert_false(match("errno:.", &ok));
	assert_true(match("!errno:.", &ok));
	assert_true(match("ENOENT", &noent));	/* RESULT in the line */
}

static void test_raw_bytes(void **state)
{
	/* an escape sequence and a byte that is not UTF-8 in a path */
	struct tt_event ev = ev_open(1, "evil\x1b[31m", -2, "/tmp/\x1b[2J\xff\xfe");

	(void)state;
	assert_true(match("path:\\x1b\\[2J", &ev));
	assert_true(match("path:\\xff\\xfe$", &ev));
	assert_true(match("comm:^evil\\e", &ev));
	assert_false(match("path:\\\\x1b", &ev));	/* not the escaped display text */
}

static void test_limit_reported_once(void **state)
{
	char path[4097];
	struct tt_event ev;
	struct filter f;
	uint64_t t0, t1;
	double secs;

	(void)state;
	memset(path, 'a', sizeof(path) - 2);
	path[sizeof(path) - 2] = '!';
	path[sizeof(path) - 1] = '\0';
	ev = ev_open(1, "x", -2, path);
	filter_init(&f);
	assert_int_equal(filter_set(&f, "path:(a+)+$", NULL), 0);
	assert_false(filter_take_limit_report(&f));
	t0 = clock_mono_ns();
	assert_false(filter_match(&f, &ev));	/* the limit: no match */
	assert_false(filter_match(&f, &ev));
	t1 = clock_mono_ns();
	assert_int_equal(f.limit_hits, 2);
	assert_true(filter_take_limit_report(&f));
	assert_false(filter_take_limit_report(&f));	/* once */
	assert_false(filter_match(&f, &ev));
	assert_false(filter_take_limit_report(&f));
	/* a negated term does not let such an event through either */
	assert_int_equal(filter_set(&f, "!path:(a+)+$", NULL), 0);
	assert_false(filter_match(&f, &ev));
	assert_true(filter_take_limit_report(&f));	/* a new filter reports anew */
	filter_fini(&f);
	secs = (double)(t1 - t0) / 1e9;
	/* generous: the point is that it is not seconds or hours */
	assert_true(secs < 1.0);
}

static void test_quote(void **state)
{
	static const char raw[] = "/srv/a b/(x)+[1].c\x1b\xc3\xa9";
	struct tt_event ev = ev_open(1, "x", -2, raw);
	struct tt_event other = ev_open(1, "x", -2, "/srv/a b/(x)+[1].cc");
	struct tt_event upper = ev_open(1, "x", -2, "/SRV/A B/(X)+[1].C\x1b\xc3\xa9");
	char pat[512], expr[600];
	size_t n;

	(void)state;
	n = filter_quote(pat, sizeof(pat), raw, strlen(raw));
	assert_int_equal(n, strlen(pat));
	assert_null(strchr(pat, ' '));	/* blanks would split the term */
	snprintf(expr, sizeof(expr), "path:%s", pat);
	assert_true(match(expr, &ev));
	assert_false(match(expr, &other));
	assert_false(match(expr, &upper));	/* exact case */
	/* cut short, it still says how much room it needs */
	assert_int_equal(filter_quote(pat, 8, raw, strlen(raw)), n);
	assert_int_equal(strlen(pat), 7);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_matches_all),
		cmocka_unit_test(test_invalid_keeps_old),
		cmocka_unit_test(test_smart_case),
		cmocka_unit_test(test_negation_and),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_errno),
		cmocka_unit_test(test_raw_bytes),
		cmocka_unit_test(test_limit_reported_once),
		cmocka_unit_test(test_quote),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
