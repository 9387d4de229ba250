/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of folding a PATH walk's failed execs (src/core/exec_fold.c),
 * issue 15: ten ENOENT tries then the one that runs are one event with
 * attempts 11 and the last one's outcome; a walk that fails everywhere is
 * one failed event, released at the flush; another thread, another
 * argv, a try too late, a failure no walk goes on after are not folded;
 * no more than EXEC_FOLD_HELD are held, and the oldest goes first. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "exec_fold.h"

/* What the store would keep: the events, and copies of their strings
 * (a released event's strings go with it). */
struct sink {
	struct tt_event ev[64];
	char path[64][64];
	char args[64][64];
	size_t n;
};

static int collect(void *ctx, const struct tt_event *ev)
{
	struct sink *s = ctx;

	assert_true(s->n < 64);
	s->ev[s->n] = *ev;
	snprintf(s->path[s->n], sizeof(s->path[0]), "%s", ev->path);
	assert_true(ev->args_len <= sizeof(s->args[0]));
	memcpy(s->args[s->n], ev->args, ev->args_len);
	s->ev[s->n].path = s->path[s->n];
	s->ev[s->n].args = s->args[s->n];
	s->n++;
	return 0;
}

static struct tt_event exec_ev(uint32_t tid, int ret, const char *path, const char *args,
			       size_t args_len, uint64_t ts)
{
	struct tt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = TT_EVENT_EXEC;
	ev.pid = ev.tid = tid;
	ev.ret = ret;
	ev.ts_ns = ts;
	ev.path = path;
	ev.path_len = strlen(path);
	ev.args = args;
	ev.args_len = args_len;
	ev.argc = ev.args_n = 2;
	return ev;
}

static const char argv_a[] = "jobrunner\0--now";	/* two entries, NUL-separated */
static const char argv_b[] = "jobrunner\0--later";

/* The caller's side: store what is not held. */
static void feed(struct exec_fold *f, struct sink *s, struct tt_event ev)
{
	if (!exec_fold_event(f, &ev, collect, s))
		collect(s, &ev);
}

static void test_walk_then_run(void **state)
{
	struct exec_fold *f = exec_fold_new();
	struct sink s = { .n = 0 };
	char path[64];

	(void)state;
	for (int i = 0; i < 10; i++) {
		snprintf(path, sizeof(path), "/opt/d%d/jobrunner", i);
		feed(f, &s, exec_ev(77, -ENOENT, path, argv_a, sizeof(argv_a), 1000 + i));
	}
	assert_int_equal(s.n, 0);	/* all held, one at a time */
	feed(f, &s, exec_ev(77, 0, "/usr/bin/jobrunner", argv_a, sizeof(argv_a), 1020));
	exec_fold_flush(f, collect, &s);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.ev[0].attempts, 11);
	assert_int_equal(s.ev[0].ret, 0);
	assert_string_equal(s.path[0], "/usr/bin/jobrunner");
	exec_fold_free(f);
}

static void test_walk_fails(void **state)
{
	struct exec_fold *f = exec_fold_new();
	struct sink s = { .n = 0 };

	char path[16], args[sizeof(argv_a)];

	(void)state;
	feed(f, &s, exec_ev(77, -ENOENT, "/a/x", argv_a, sizeof(argv_a), 10));
	feed(f, &s, exec_ev(77, -EACCES, "/b/x", argv_a, sizeof(argv_a), 11));
	/* the last one from buffers that change after: as a ring record is */
	snprintf(path, sizeof(path), "/c/x");
	memcpy(args, argv_a, sizeof(args));
	feed(f, &s, exec_ev(77, -ENOENT, path, args, sizeof(args), 12));
	memset(path, 'Z', sizeof(path) - 1);
	memset(args, 'Z', sizeof(args));
	assert_int_equal(s.n, 0);
	exec_fold_flush(f, collect, &s);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.ev[0].attempts, 3);
	assert_int_equal(s.ev[0].ret, -ENOENT);
	assert_string_equal(s.path[0], "/c/x");	/* a copy: the input is gone */
	assert_memory_equal(s.ev[0].args, argv_a, sizeof(argv_a));
	exec_fold_flush(f, collect, &s);
	assert_int_equal(s.n, 1);
	exec_fold_free(f);
}

static void test_not_folded(void **state)
{
	struct exec_fold *f = exec_fold_new();
	struct sink s = { .n = 0 };

	(void)state;
	/* another thread */
	feed(f, &s, exec_ev(1, -ENOENT, "/a/x", argv_a, sizeof(argv_a), 10));
	feed(f, &s, exec_ev(2, 0, "/b/x", argv_a, sizeof(argv_a), 11));
	assert_int_equal(s.n, 1);
	assert_int_equal(s.ev[0].tid, 2);
	assert_int_equal(s.ev[0].attempts, 1);
	/* the same thread, another argv: the held one goes first */
	feed(f, &s, exec_ev(1, 0, "/b/x", argv_b, sizeof(argv_b), 12));
	assert_int_equal(s.n, 3);
	assert_int_equal(s.ev[1].ret, -ENOENT);
	assert_int_equal(s.ev[1].attempts, 1);
	assert_int_equal(s.ev[2].attempts, 1);
	/* more than a second later: another spawn */
	feed(f, &s, exec_ev(3, -ENOENT, "/a/x", argv_a, sizeof(argv_a), 100));
	feed(f, &s, exec_ev(3, 0, "/b/x", argv_a, sizeof(argv_a), 100 + EXEC_FOLD_WINDOW_NS));
	assert_int_equal(s.n, 5);
	assert_int_equal(s.ev[4].attempts, 1);
	/* E2BIG is no PATH walk: stored at once */
	feed(f, &s, exec_ev(4, -E2BIG, "/a/x", argv_a, sizeof(argv_a), 200));
	assert_int_equal(s.n, 6);
	/* opens pass */
	{
		struct tt_event ev = exec_ev(5, -ENOENT, "/a/x", NULL, 0, 300);

		ev.type = TT_EVENT_OPEN;
		assert_int_equal(exec_fold_event(f, &ev, collect, &s), 0);
	}
	exec_fold_free(f);
}

static void test_bounded(void **state)
{
	struct exec_fold *f = exec_fold_new();
	struct sink s = { .n = 0 };

	(void)state;
	for (uint32_t t = 0; t < EXEC_FOLD_HELD + 2; t++)
		feed(f, &s, exec_ev(100 + t, -ENOENT, "/a/x", argv_a, sizeof(argv_a), 10 + t));
	assert_int_equal(s.n, 2);	/* the two oldest, released */
	assert_int_equal(s.ev[0].tid, 100);
	assert_int_equal(s.ev[1].tid, 101);
	exec_fold_flush(f, collect, &s);
	assert_int_equal(s.n, EXEC_FOLD_HELD + 2);
	for (size_t i = 1; i < s.n; i++)
		assert_true(s.ev[i].ts_ns > s.ev[i - 1].ts_ns);	/* oldest first */
	exec_fold_free(f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_walk_then_run),
		cmocka_unit_test(test_walk_fails),
		cmocka_unit_test(test_not_folded),
		cmocka_unit_test(test_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
