/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The scope (src/core/scope.c): which processes it holds, the filter
 * expressions the event log and the failing calls get, and the figures
 * the counter panes draw under it, summed from a snapshot's per-process
 * rows. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "scope.h"

static struct tt_proc_row proc(uint32_t pid, const char *comm, const char *container, double reads)
{
	struct tt_proc_row r;

	memset(&r, 0, sizeof(r));
	r.pid = pid;
	r.nprocs = 1;
	snprintf(r.comm, sizeof(r.comm), "%s", comm);
	snprintf(r.container, sizeof(r.container), "%s", container);
	r.op_rate[VFS_READ] = reads;
	r.op_total[VFS_READ] = (uint64_t)reads * 10;
	return r;
}

static void test_match(void **state)
{
	struct tt_scope sc;
	struct filter_error err;

	(void)state;
	scope_init(&sc);
	assert_false(scope_on(&sc));
	assert_true(scope_match(&sc, 1, "a", "-"));
	scope_set_pid(&sc, 42, "nginx");
	assert_true(scope_match(&sc, 42, "other", "-"));
	assert_false(scope_match(&sc, 43, "nginx", "-"));
	scope_set_comm(&sc, "nginx");
	assert_true(scope_match(&sc, 43, "nginx", "-"));
	assert_false(scope_match(&sc, 43, "Nginx", "-"));	/* exactly */
	scope_set_container(&sc, "docker:3f2a");
	assert_true(scope_match(&sc, 1, "x", "docker:3f2a"));
	assert_false(scope_match(&sc, 1, "x", "docker:3f2b"));
	/* a pattern: smart case, as comm: in a filter */
	assert_int_equal(scope_set_comm_re(&sc, "^php fpm|ngin", &err), 0);
	assert_true(scope_match(&sc, 1, "NGINX", "-"));
	assert_true(scope_match(&sc, 1, "php fpm", "-"));
	assert_false(scope_match(&sc, 1, "phpfpm", "-"));
	assert_int_equal(scope_set_comm_re(&sc, "^Nginx", &err), 0);
	assert_false(scope_match(&sc, 1, "nginx", "-"));
	/* a bad one: said where in the pattern, the scope unchanged */
	assert_int_equal(scope_set_comm_re(&sc, "a b(", &err), -EINVAL);
	assert_int_equal(err.offset, 4);
	assert_string_equal(sc.name, "^Nginx");
	assert_int_not_equal(scope_set_comm_re(&sc, "0123456789012345678901234567890123456789"
					       "012345678901234567890123", &err), 0);
	scope_clear(&sc);
	assert_false(scope_on(&sc));
	scope_fini(&sc);
}

static void test_event_expr(void **state)
{
	struct tt_proc_row rows[] = {
		proc(10, "web-1", "docker:3f2a", 0), proc(11, "we b", "docker:3f2a", 0),
		proc(12, "cron", "cron.service", 0), proc(13, "web-1", "docker:3f2a", 0),
	};
	struct tt_snapshot s = { .seq = 1, .procs = rows, .n_procs = 4 };
	char expr[256], fail[256];
	struct tt_scope sc;
	struct filter_error err;

	(void)state;
	scope_init(&sc);
	scope_set_pid(&sc, 42, "a.b");
	assert_int_equal(scope_event_expr(&sc, &s, expr, fail, sizeof(expr)), 0);
	assert_string_equal(expr, "pid:42");
	assert_string_equal(fail, "comm:(?-i)^a\\x{2e}b$");
	scope_set_comm(&sc, "we b");
	scope_event_expr(&sc, &s, expr, fail, sizeof(expr));
	assert_string_equal(expr, "comm:(?-i)^we\\x{20}b$");
	assert_string_equal(fail, expr);
	assert_int_equal(scope_set_comm_re(&sc, "^we b", &err), 0);
	scope_event_expr(&sc, &s, expr, fail, sizeof(expr));
	assert_string_equal(expr, "comm:^we\\ b");
	/* a blank escaped already, as the filter language writes it, stays
	 * as it is; one after an escaped backslash is escaped */
	assert_int_equal(scope_set_comm_re(&sc, "^we\\ b", &err), 0);
	scope_event_expr(&sc, &s, expr, fail, sizeof(expr));
	assert_string_equal(expr, "comm:^we\\ b");
	assert_true(scope_match(&sc, 11, "we b", "-"));
	assert_int_equal(scope_set_comm_re(&sc, "a\\\\ b", &err), 0);
	scope_event_expr(&sc, &s, expr, fail, sizeof(expr));
	assert_string_equal(expr, "comm:a\\\\\\ b");
	/* a container: its processes now, by pid and by name */
	scope_set_container(&sc, "docker:3f2a");
	assert_int_equal(scope_event_expr(&sc, &s, expr, fail, sizeof(expr)), 0);
	assert_string_equal(expr, "pid:^(10|11|13)$");	/* each name once below */
	assert_string_equal(fail, "comm:(?-i)^(we\\x{20}b|web\\x{2d}1)$");
	/* every expression compiles */
	assert_int_equal(filter_check(expr, &err), 0);
	assert_int_equal(filter_check(fail, &err), 0);
	/* none of its processes left: nothing selected, still valid */
	scope_set_container(&sc, "gone.service");
	scope_event_expr(&sc, &s, expr, fail, sizeof(expr));
	assert_int_equal(filter_check(expr, &err), 0);
	assert_int_equal(filter_check(fail, &err), 0);
	/* too many for the room: said, and what fits still compiles */
	scope_set_container(&sc, "docker:3f2a");
	assert_int_equal(scope_event_expr(&sc, &s, expr, fail, 40), -ENOSPC);
	assert_int_equal(filter_check(expr, &err), 0);
	scope_fini(&sc);
}

static void test_snapshot(void **state)
{
	struct tt_proc_row rows[] = {
		proc(10, "web", "docker:3f2a", 5), proc(11, "web", "docker:3f2a", 7),
		proc(12, "cron", "cron.service", 100),
	};
	struct tt_proc_call calls[] = {
		{ .pid = 10, .id = 0, .delta = 10, .total = 50 },
		{ .pid = 11, .id = 0, .delta = 14, .total = 70, .errors = 1, .err_delta = 2 },
		{ .pid = 12, .id = 0, .delta = 200, .total = 1000 },
		{ .pid = 12, .id = 39, .delta = 6, .total = 30 },
	};
	struct bio_proc_row bio[3];
	struct tt_snapshot s = { .seq = 1, .procs = rows, .n_procs = 3, .proc_calls = calls,
				 .n_proc_calls = 4, .proc_calls_dt = 2.0, .bio_procs = bio,
				 .n_bio_procs = 3 };
	const struct tt_snapshot *v;
	struct scope_snap sv;
	struct tt_scope sc;
	struct hist h;

	(void)state;
	memset(bio, 0, sizeof(bio));
	bio[0].tgid = 10;
	hist_add(&bio[0].interval, 100);
	bio[1].tgid = 12;
	hist_add(&bio[1].interval, 5000);
	/* gone from the table: by the name of its first request */
	bio[2].tgid = 99;
	snprintf(bio[2].comm, sizeof(bio[2].comm), "web");
	hist_add(&bio[2].interval, 300);
	scope_init(&sc);
	v = scope_snapshot(&sc, &s, true, &sv);
	assert_ptr_equal(v, &s);	/* no scope: the snapshot itself */
	scope_set_comm(&sc, "web");
	v = scope_snapshot(&sc, &s, true, &sv);
	assert_int_equal(v->n_syscalls, 1);
	assert_int_equal(v->syscalls[0].id, 0);
	assert_int_equal(v->syscalls[0].total, 120);
	assert_true(v->syscalls[0].rate == 12);
	assert_int_equal(v->syscalls[0].errors, 1);
	assert_true(v->vfs.rate[VFS_READ] == 12);
	assert_int_equal(v->vfs.total[VFS_READ], 120);
	assert_int_equal(v->n_procs, 2);
	assert_int_equal(v->procs[0].pid, 10);
	assert_int_equal(v->procs[1].pid, 11);
	scope_snapshot_free(&sv);
	/* procs_too false: every process row stays */
	v = scope_snapshot(&sc, &s, false, &sv);
	assert_int_equal(v->n_procs, 3);
	scope_snapshot_free(&sv);
	assert_true(scope_bio_hist(&sc, &s, &h));
	assert_int_equal(h.count, 2);	/* 10's and the gone web's, not cron's */
	scope_set_container(&sc, "cron.service");
	assert_true(scope_bio_hist(&sc, &s, &h));
	assert_int_equal(h.count, 1);
	scope_clear(&sc);
	assert_false(scope_bio_hist(&sc, &s, &h));
	scope_fini(&sc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_match),
		cmocka_unit_test(test_event_expr),
		cmocka_unit_test(test_snapshot),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
