/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the process tree (src/core/proc_tree.c), issue 15: a
 * chain of three short-lived processes from forks, execs and exits comes
 * out each under its parent, siblings in start order, with how each
 * ended; a root names its parent; an exit of a process never seen is
 * ignored; a pid used again is a new process; the exited go after
 * PROC_TREE_KEEP_NS; a full tree counts what it could not hold. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "proc_tree.h"

#define S 1000000000ull

static struct tt_event proc_ev(int kind, uint32_t pid, uint32_t ppid, const char *comm,
			       uint64_t ts, int code)
{
	struct tt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = TT_EVENT_PROC;
	ev.flags = (uint16_t)kind;
	ev.pid = ev.tid = pid;
	ev.ppid = ppid;
	ev.ret = code;
	ev.ts_ns = ts;
	snprintf(ev.comm, sizeof(ev.comm), "%s", comm);
	return ev;
}

static struct tt_event exec_ev(uint32_t pid, uint32_t ppid, const char *comm, const char *pcomm,
			       const char *args, size_t args_len, uint64_t ts)
{
	struct tt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = TT_EVENT_EXEC;
	ev.pid = ev.tid = pid;
	ev.ppid = ppid;
	ev.ts_ns = ts;
	snprintf(ev.comm, sizeof(ev.comm), "%s", comm);
	snprintf(ev.pcomm, sizeof(ev.pcomm), "%s", pcomm);
	ev.args = args;
	ev.args_len = args_len;
	for (size_t i = 0; i < args_len; i++)
		ev.argc += args[i] == '\0';
	ev.args_n = ev.argc;
	return ev;
}

static void add(struct proc_tree *t, struct tt_event ev)
{
	proc_tree_event(t, &ev);
}

static void test_chain(void **state)
{
	struct proc_tree *t = proc_tree_new();
	const struct tt_tree_row *r;
	size_t n;

	(void)state;
	/* 100 (bash, already running) forks 200, which runs sh, which forks
	 * 300 running sh, which forks 400 running true; and 100 forks 250
	 * later, which runs ls. */
	add(t, proc_ev(TT_PROC_FORK, 200, 100, "bash", 10, 0));
	add(t, exec_ev(200, 100, "sh", "bash", "sh\0-c\0x", 8, 11));
	add(t, proc_ev(TT_PROC_FORK, 300, 200, "sh", 12, 0));
	add(t, exec_ev(300, 200, "sh", "sh", "sh\0-c\0y", 8, 13));
	add(t, proc_ev(TT_PROC_FORK, 400, 300, "sh", 14, 0));
	add(t, exec_ev(400, 300, "true", "sh", "true\0mark\0003", 12, 15));
	add(t, proc_ev(TT_PROC_FORK, 250, 100, "bash", 20, 0));
	add(t, exec_ev(250, 100, "ls", "bash", "ls\0-l", 6, 21));
	add(t, proc_ev(TT_PROC_EXIT, 400, 300, "true", 16, 0));
	add(t, proc_ev(TT_PROC_EXIT, 300, 200, "sh", 17, 1 << 8));
	add(t, proc_ev(TT_PROC_EXIT, 200, 100, "sh", 18, 9));	/* killed */
	add(t, proc_ev(TT_PROC_EXIT, 999, 1, "old", 19, 0));	/* never seen: ignored */
	n = proc_tree_tick(t, 30, &r);
	assert_int_equal(n, 4);
	assert_int_equal(r[0].pid, 200);
	assert_int_equal(r[0].depth, 0);
	assert_string_equal(r[0].pcomm, "bash");
	assert_int_equal(r[0].ppid, 100);
	assert_true(r[0].exited);
	assert_int_equal(r[0].exit_code, 9);
	assert_int_equal(r[1].pid, 300);
	assert_int_equal(r[1].depth, 1);
	assert_int_equal(r[1].exit_code, 1 << 8);
	assert_int_equal(r[2].pid, 400);
	assert_int_equal(r[2].depth, 2);
	assert_string_equal(r[2].comm, "true");
	assert_string_equal(r[2].cmd, "true mark 3");
	assert_int_equal(r[2].execs, 1);
	assert_true(r[2].forked);
	assert_int_equal(r[3].pid, 250);	/* a later sibling of 200, a root too */
	assert_int_equal(r[3].depth, 0);
	assert_false(r[3].exited);
	proc_tree_free(t);
}

static void test_reuse_and_keep(void **state)
{
	struct proc_tree *t = proc_tree_new();
	const struct tt_tree_row *r;
	size_t n;

	(void)state;
	add(t, proc_ev(TT_PROC_FORK, 500, 1, "init", 1 * S, 0));
	add(t, proc_ev(TT_PROC_EXIT, 500, 1, "init", 2 * S, 0));
	/* the pid again: another process, living */
	add(t, proc_ev(TT_PROC_FORK, 500, 7, "cron", 3 * S, 0));
	n = proc_tree_tick(t, 4 * S, &r);
	assert_int_equal(n, 1);
	assert_int_equal(r[0].ppid, 7);
	assert_false(r[0].exited);
	/* an exec first seen without its fork: a node of its own */
	add(t, exec_ev(600, 500, "job", "cron", "job", 4, 5 * S));
	add(t, proc_ev(TT_PROC_EXIT, 600, 500, "job", 6 * S, 0));
	add(t, proc_ev(TT_PROC_EXIT, 500, 7, "cron", 6 * S, 0));
	n = proc_tree_tick(t, 7 * S, &r);
	assert_int_equal(n, 2);
	assert_int_equal(r[1].pid, 600);
	assert_int_equal(r[1].depth, 1);
	assert_false(r[1].forked);
	/* gone PROC_TREE_KEEP_NS after they exited */
	n = proc_tree_tick(t, 6 * S + PROC_TREE_KEEP_NS + 1, &r);
	assert_int_equal(n, 0);
	proc_tree_free(t);
}

/* Siblings in start order under one parent, each with its subtree, and
 * lookups that still find their node after a tick compacted the tree. */
static void test_siblings_after_forget(void **state)
{
	struct proc_tree *t = proc_tree_new();
	const struct tt_tree_row *r;
	size_t n;

	(void)state;
	add(t, proc_ev(TT_PROC_FORK, 10, 1, "init", 1 * S, 0));
	add(t, proc_ev(TT_PROC_FORK, 20, 10, "a", 2 * S, 0));	/* exits, is forgotten */
	add(t, proc_ev(TT_PROC_FORK, 30, 10, "a", 3 * S, 0));
	add(t, proc_ev(TT_PROC_FORK, 40, 10, "a", 4 * S, 0));
	add(t, proc_ev(TT_PROC_FORK, 31, 30, "b", 5 * S, 0));
	add(t, proc_ev(TT_PROC_FORK, 41, 40, "c", 6 * S, 0));
	add(t, proc_ev(TT_PROC_EXIT, 20, 10, "a", 7 * S, 0));
	n = proc_tree_tick(t, 7 * S + PROC_TREE_KEEP_NS + 1, &r);
	assert_int_equal(n, 5);
	/* 10, 30, 31, 40, 41: depth first, the earlier sibling first */
	assert_int_equal(r[0].pid, 10);
	assert_int_equal(r[1].pid, 30);
	assert_int_equal(r[1].depth, 1);
	assert_int_equal(r[2].pid, 31);
	assert_int_equal(r[2].depth, 2);
	assert_int_equal(r[3].pid, 40);
	assert_int_equal(r[3].depth, 1);
	assert_int_equal(r[4].pid, 41);
	assert_int_equal(r[4].depth, 2);
	/* after the compaction: an exit and an exec find their nodes */
	add(t, proc_ev(TT_PROC_EXIT, 41, 40, "c", 8 * S, 3 << 8));
	add(t, exec_ev(31, 30, "ls", "b", "ls", 3, 9 * S));
	n = proc_tree_tick(t, 10 * S, &r);
	assert_int_equal(n, 5);
	assert_true(r[4].exited);
	assert_int_equal(r[4].exit_code, 3 << 8);
	assert_string_equal(r[2].comm, "ls");
	proc_tree_free(t);
}

static void test_full(void **state)
{
	struct proc_tree *t = proc_tree_new();
	const struct tt_tree_row *r;
	size_t n;

	(void)state;
	for (uint32_t i = 0; i < PROC_TREE_MAX + 10; i++)
		add(t, proc_ev(TT_PROC_FORK, 1000 + i, 1, "x", i, 0));
	assert_int_equal(proc_tree_untracked(t), 10);
	for (uint32_t i = 0; i < PROC_TREE_MAX / 2; i++)
		add(t, proc_ev(TT_PROC_EXIT, 1000 + i, 1, "x", PROC_TREE_MAX + i, 0));
	n = proc_tree_tick(t, PROC_TREE_MAX * 2, &r);
	/* room made: the oldest exited went, the living all stay */
	assert_true(n <= PROC_TREE_MAX - PROC_TREE_MAX / 4);
	assert_true(n >= PROC_TREE_MAX / 2);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(r[i].depth, 0);
	add(t, proc_ev(TT_PROC_FORK, 99999, 1, "y", PROC_TREE_MAX * 3, 0));
	assert_int_equal(proc_tree_untracked(t), 10);
	proc_tree_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chain),
		cmocka_unit_test(test_reuse_and_keep),
		cmocka_unit_test(test_siblings_after_forget),
		cmocka_unit_test(test_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
