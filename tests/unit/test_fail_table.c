/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of failed calls by (call, path, errno, comm) (src/core/fail_table.c),
 * issue 4: aggregation by the whole key, rates per interval, other
 * events ignored, bounded memory (untracked counts; at a tick the keys
 * kept are the fastest failing and the most failed, recency breaking
 * ties), and the model exposing it in the snapshot. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "fail_table.h"
#include "model.h"

static struct tt_event fail_ev(const char *path, int err, const char *comm, uint64_t ts)
{
	struct tt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = TT_EVENT_OPEN;
	ev.ret = -err;
	ev.ts_ns = ts;
	snprintf(ev.comm, sizeof(ev.comm), "%s", comm);
	ev.path = path;
	ev.path_len = strlen(path) + 1;	/* NUL included, as decoded */
	return ev;
}

static const struct tt_fail_row *find(const struct tt_fail_row *rows, size_t n, const char *path,
				      int err, const char *comm)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].err == err && !strcmp(rows[i].comm, comm) &&
		    rows[i].path_len == strlen(path) && !memcmp(rows[i].path, path, rows[i].path_len))
			return &rows[i];
	return NULL;
}

static void test_aggregate(void **state)
{
	struct fail_table *t = fail_table_new(16);
	const struct tt_fail_row *rows, *r;
	struct tt_event ev;
	size_t n;

	(void)state;
	for (int i = 0; i < 6; i++) {
		ev = fail_ev("/etc/x", 2, "cat", 100 + i);
		fail_table_add(t, &ev);
	}
	ev = fail_ev("/etc/x", 13, "cat", 200);	/* another errno */
	fail_table_add(t, &ev);
	ev = fail_ev("/etc/x", 2, "dog", 201);	/* another comm */
	fail_table_add(t, &ev);
	ev = fail_ev("/etc/x", 2, "cat", 202);
	ev.ret = 3;	/* a successful open: not counted */
	fail_table_add(t, &ev);
	ev.type = TT_EVENT_EXEC;	/* an exec: not counted */
	ev.ret = -2;
	fail_table_add(t, &ev);
	n = fail_table_tick(t, 2.0, &rows);
	assert_int_equal(n, 3);
	r = find(rows, n, "/etc/x", 2, "cat");
	assert_non_null(r);
	assert_int_equal(r->count, 6);
	assert_true(r->rate == 3.0);
	assert_int_equal(r->last_ns, 105);
	assert_non_null(find(rows, n, "/etc/x", 13, "cat"));
	assert_non_null(find(rows, n, "/etc/x", 2, "dog"));
	/* the next interval: the rate is of that interval only */
	ev = fail_ev("/etc/x", 2, "cat", 300);
	fail_table_add(t, &ev);
	n = fail_table_tick(t, 1.0, &rows);
	r = find(rows, n, "/etc/x", 2, "cat");
	assert_int_equal(r->count, 7);
	assert_true(r->rate == 1.0);
	assert_true(find(rows, n, "/etc/x", 2, "dog")->rate == 0.0);
	fail_table_free(t);
}

static void test_bounded(void **state)
{
	struct fail_table *t = fail_table_new(8);
	const struct tt_fail_row *rows;
	struct tt_event ev;
	char path[32];
	size_t n;

	(void)state;
	for (int i = 0; i < 10; i++) {
		snprintf(path, sizeof(path), "/f%d", i);
		ev = fail_ev(path, 2, "x", (uint64_t)i);
		fail_table_add(t, &ev);
	}
	assert_int_equal(fail_table_untracked(t), 2);
	/* /f0 is seen again: the most recent now */
	ev = fail_ev("/f0", 2, "x", 50);
	fail_table_add(t, &ev);
	n = fail_table_tick(t, 1.0, &rows);
	assert_int_equal(n, 6);	/* room made: three quarters kept */
	assert_non_null(find(rows, n, "/f0", 2, "x"));
	assert_null(find(rows, n, "/f1", 2, "x"));	/* equal otherwise: least recent forgotten */
	assert_non_null(find(rows, n, "/f7", 2, "x"));
	/* room again for new keys */
	ev = fail_ev("/new", 2, "x", 60);
	fail_table_add(t, &ev);
	fail_table_add(t, &ev);
	n = fail_table_tick(t, 1.0, &rows);
	assert_int_equal(find(rows, n, "/new", 2, "x")->count, 2);
	assert_int_equal(fail_table_untracked(t), 2);
	fail_table_free(t);
}

static void add_n(struct fail_table *t, const char *path, int n, uint64_t *ts)
{
	for (int i = 0; i < n; i++) {
		struct tt_event ev = fail_ev(path, 2, "x", ++*ts);

		fail_table_add(t, &ev);
	}
}

/* A churn of paths failing once each (a compiler probing include
 * directories) must not push out a path that failed a hundred times a
 * little earlier; and a path that just started failing fast must get in
 * even when older keys have bigger counts. */
static void test_churn(void **state)
{
	struct fail_table *t = fail_table_new(8);	/* keeps 6, 3 of them hot */
	const struct tt_fail_row *rows;
	uint64_t ts = 0;
	char path[32];
	size_t n;

	(void)state;
	add_n(t, "/big", 100, &ts);
	fail_table_tick(t, 1.0, &rows);
	for (int i = 0; i < 7; i++) {
		snprintf(path, sizeof(path), "/c%d", i);
		add_n(t, path, 1, &ts);
	}
	n = fail_table_tick(t, 1.0, &rows);
	assert_int_equal(n, 6);
	assert_non_null(find(rows, n, "/big", 2, "x"));
	assert_int_equal(find(rows, n, "/big", 2, "x")->count, 100);
	assert_non_null(find(rows, n, "/c6", 2, "x"));
	assert_null(find(rows, n, "/c0", 2, "x"));
	fail_table_free(t);

	t = fail_table_new(8);
	ts = 0;
	for (int i = 0; i < 7; i++) {
		snprintf(path, sizeof(path), "/d%d", i);
		add_n(t, path, 50, &ts);
	}
	fail_table_tick(t, 1.0, &rows);	/* 7 of 8: nothing forgotten */
	add_n(t, "/hot", 20, &ts);
	n = fail_table_tick(t, 1.0, &rows);
	assert_int_equal(n, 6);
	assert_non_null(find(rows, n, "/hot", 2, "x"));
	assert_int_equal(find(rows, n, "/hot", 2, "x")->count, 20);
	fail_table_free(t);
}

/* Long paths fill the pool before the key limit: new keys are counted
 * as untracked, never allocated; a tick compacts the pool, every kept
 * row keeps its own path and count, and new keys fit again. */
static void test_pool(void **state)
{
	struct fail_table *t = fail_table_new(64);	/* 64 * 512 = 32 KiB of paths */
	const struct tt_fail_row *rows;
	static char path[3000];
	struct tt_event ev;
	size_t n, i;

	(void)state;
	for (i = 0; i < 20; i++) {
		memset(path, 'a' + (int)i, sizeof(path) - 1);
		ev = fail_ev(path, 2, "long", 100 + i);
		for (size_t k = 0; k <= i; k++)	/* key i fails i + 1 times */
			fail_table_add(t, &ev);
	}
	/* 10 paths of 3000 bytes fit in 32 KiB, the 11th does not */
	assert_int_equal(fail_table_untracked(t), 11 + 12 + 13 + 14 + 15 + 16 + 17 + 18 + 19 + 20);
	n = fail_table_tick(t, 1.0, &rows);
	assert_true(n > 0 && n <= 8);	/* kept within three quarters of the pool */
	for (i = 0; i < n; i++) {
		char want = rows[i].path[0];

		assert_int_equal(rows[i].path_len, sizeof(path) - 1);
		for (size_t k = 0; k < rows[i].path_len; k++)
			assert_int_equal(rows[i].path[k], want);
		assert_int_equal(rows[i].path[rows[i].path_len], '\0');
		assert_int_equal(rows[i].count, (uint64_t)(want - 'a') + 1);
	}
	ev = fail_ev("/short/new", 2, "short", 500);
	fail_table_add(t, &ev);
	n = fail_table_tick(t, 1.0, &rows);
	assert_non_null(find(rows, n, "/short/new", 2, "short"));
	fail_table_free(t);
}

static void test_in_snapshot(void **state)
{
	struct model_config mc = { .log_capacity = 16, .root = "/nonexistent" };
	struct model *m = model_new(&mc);
	const struct tt_snapshot *s;
	struct tt_event ev = fail_ev("/run/missing.sock", 111, "client", 1);

	(void)state;
	assert_non_null(m);
	model_event(m, &ev);
	model_event(m, &ev);
	s = model_tick(m, 2000000000ull);
	assert_int_equal(s->n_fails, 1);
	assert_int_equal(s->fails[0].count, 2);
	assert_int_equal(s->fails[0].err, 111);
	assert_int_equal(s->fails[0].path_len, strlen("/run/missing.sock"));
	model_free(m);
}

/* Path calls count by their call too (a failing stat and a failing
 * unlink of one path are two rows; every open syscall is the one call
 * "open"); a row stands for its latest failure under a filter: call,
 * comm, path, errno, pid. */
static void test_path_calls(void **state)
{
	struct fail_table *t = fail_table_new(16);
	const struct tt_fail_row *rows;
	struct filter f;
	struct tt_event ev;
	size_t n, i;
	int stat_row = -1;

	(void)state;
	for (i = 0; i < 4; i++) {
		ev = fail_ev("/srv/ready", 2, "healthchk", 10 + i);
		ev.type = TT_EVENT_PATH;
		ev.open_syscall = 2;	/* newfstatat */
		ev.pid = 700 + (uint32_t)i;
		fail_table_add(t, &ev);
	}
	ev = fail_ev("/srv/ready", 2, "healthchk", 20);
	ev.type = TT_EVENT_PATH;
	ev.open_syscall = 10;	/* unlinkat */
	fail_table_add(t, &ev);
	ev = fail_ev("/srv/ready", 2, "healthchk", 21);
	ev.open_syscall = OPEN_SC_OPENAT;
	fail_table_add(t, &ev);
	ev.open_syscall = OPEN_SC_CREAT;
	fail_table_add(t, &ev);
	n = fail_table_tick(t, 1.0, &rows);
	assert_int_equal(n, 3);
	for (i = 0; i < n; i++) {
		if (!strcmp(fail_row_call_name(&rows[i]), "newfstatat"))
			stat_row = (int)i;
		if (!strcmp(fail_row_call_name(&rows[i]), "open"))
			assert_int_equal(rows[i].count, 2);
		else if (!strcmp(fail_row_call_name(&rows[i]), "unlinkat"))
			assert_int_equal(rows[i].count, 1);
	}
	assert_true(stat_row >= 0);
	assert_int_equal(rows[stat_row].count, 4);
	assert_int_equal(rows[stat_row].interval, 4);
	assert_int_equal(rows[stat_row].pid, 703);
	filter_init(&f);
	assert_true(fail_row_match(&f, &rows[stat_row]));	/* no filter */
	assert_int_equal(filter_set(&f, "type:path syscall:^newfstatat$ comm:health errno:ENOENT pid:703", NULL), 0);
	assert_true(fail_row_match(&f, &rows[stat_row]));
	assert_int_equal(filter_set(&f, "pid:700", NULL), 0);
	assert_false(fail_row_match(&f, &rows[stat_row]));
	assert_int_equal(filter_set(&f, "!path:^/srv/ready$", NULL), 0);
	for (i = 0; i < n; i++)
		assert_false(fail_row_match(&f, &rows[i]));
	assert_int_equal(filter_set(&f, "type:open", NULL), 0);
	for (i = 0; i < n; i++)
		assert_true(fail_row_match(&f, &rows[i]) == !strcmp(fail_row_call_name(&rows[i]), "open"));
	filter_fini(&f);
	fail_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aggregate),
		cmocka_unit_test(test_bounded),
		cmocka_unit_test(test_churn),
		cmocka_unit_test(test_pool),
		cmocka_unit_test(test_in_snapshot),
		cmocka_unit_test(test_path_calls),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
