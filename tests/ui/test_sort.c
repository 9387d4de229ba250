/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Table order (ui/sort.c), checked against the rule the panes promise
 * rather than against the code: by the chosen column (numbers biggest
 * first, text A first; I inverts the column only), then by total (count
 * for failing calls) biggest first, then by id. Random rows with many
 * ties, every column, both directions, for the processes, syscalls and
 * failing-calls tables; numeric and text columns take different paths
 * in sort.c and both must keep the rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "fail_table.h"
#include "sort.h"
#include "state.h"
#include "syscall_names.h"

#define N 3000

static uint32_t rnd_state = 12345;

static uint32_t rnd(uint32_t mod)
{
	rnd_state = rnd_state * 1103515245u + 12345u;
	return (rnd_state >> 8) % mod;
}

/* -1, 0, 1: a before b by value (numbers biggest first). */
static int big_first(double a, double b)
{
	return a > b ? -1 : a < b;
}

static int small_first(uint64_t a, uint64_t b)
{
	return a < b ? -1 : a > b;
}

static int text(const char *a, const char *b)
{
	int r = strcmp(a, b);

	return r < 0 ? -1 : r > 0;
}

/* The rule for two process rows under column col. */
static int proc_rule(const struct tt_proc_row *x, const struct tt_proc_row *y, int col, bool inv)
{
	int r;

	switch (col) {
	case PR_PID: r = x->nprocs != y->nprocs ? big_first(x->nprocs, y->nprocs)
			: small_first(x->pid, y->pid); break;
	case PR_PPID: r = small_first(x->ppid_known ? x->ppid : UINT32_MAX,
				      y->ppid_known ? y->ppid : UINT32_MAX); break;
	case PR_USER: r = small_first(x->uid_known ? x->uid : UINT32_MAX,
				      y->uid_known ? y->uid : UINT32_MAX); break;
	case PR_CONTAINER: r = text(x->container, y->container); break;
	case PR_COMM: r = text(x->comm, y->comm); break;
	case PR_ERR_RATE: r = big_first(x->err_rate, y->err_rate); break;
	case PR_READ: r = big_first(x->op_rate[VFS_READ], y->op_rate[VFS_READ]); break;
	case PR_WRITE: r = big_first(x->op_rate[VFS_WRITE], y->op_rate[VFS_WRITE]); break;
	case PR_OPEN: r = big_first(x->op_rate[VFS_OPEN], y->op_rate[VFS_OPEN]); break;
	case PR_OPEN_ERR: r = big_first(x->open_err_rate, y->open_err_rate); break;
	case PR_FSYNC: r = big_first(x->op_rate[VFS_FSYNC], y->op_rate[VFS_FSYNC]); break;
	case PR_EXEC: r = big_first(x->exec_rate, y->exec_rate); break;
	case PR_BIO: r = big_first(x->bio_rate, y->bio_rate); break;
	case PR_BIO_P95: r = big_first(x->bio_p95_us, y->bio_p95_us); break;
	case PR_BUSY: r = big_first(x->busy, y->busy); break;
	case PR_TOP: r = text(syscall_name(x->top_id) ? syscall_name(x->top_id) : "",
			      syscall_name(y->top_id) ? syscall_name(y->top_id) : ""); break;
	default: r = big_first(x->rate, y->rate); break;
	}
	if (inv)
		r = -r;
	if (!r)
		r = big_first((double)x->total, (double)y->total);
	return r ? r : small_first(x->pid, y->pid);
}

/* A small set of values, so that many rows tie. */
static double few(void)
{
	static const double v[] = { 0, 0, 0.5, 1, 2, 2, 10, 1e6 };

	return v[rnd(8)];
}

static void fill_procs(struct tt_proc_row *rows, size_t n)
{
	static const char *comms[] = { "bash", "cron", "Xorg", "sleep", "" };
	static const char *conts[] = { "-", "docker:3f2a", "nginx.service", "" };

	memset(rows, 0, n * sizeof(*rows));
	for (size_t i = 0; i < n; i++) {
		struct tt_proc_row *r = &rows[i];

		/* distinct pids, in no order */
		r->pid = (uint32_t)((i * 7919 + 13) % 100003);
		r->ppid = rnd(5);
		r->ppid_known = rnd(4) != 0;
		r->uid = rnd(3) * 1000;
		r->uid_known = rnd(5) != 0;
		r->nprocs = 1 + rnd(3);
		snprintf(r->comm, sizeof(r->comm), "%s", comms[rnd(5)]);
		snprintf(r->container, sizeof(r->container), "%s", conts[rnd(4)]);
		r->rate = few();
		r->err_rate = few();
		for (int op = 0; op < VFS_OP_MAX; op++)
			r->op_rate[op] = few();
		r->open_err_rate = few();
		r->exec_rate = few();
		r->bio_rate = few();
		r->bio_p95_us = few();
		r->busy = few();
		r->total = rnd(4);
		r->top_id = rnd(4);
	}
}

static void check_order_is_permutation(const size_t *idx, size_t n)
{
	char *seen = calloc(n ? n : 1, 1);

	assert_non_null(seen);
	for (size_t i = 0; i < n; i++) {
		assert_true(idx[i] < n);
		assert_false(seen[idx[i]]);
		seen[idx[i]] = 1;
	}
	free(seen);
}

static void test_procs_every_column(void **state)
{
	struct tt_proc_row *rows = calloc(N, sizeof(*rows));
	size_t *idx = calloc(N, sizeof(*idx));
	struct tt_snapshot snap = { 0 };
	struct table_state t = { 0 };

	(void)state;
	assert_non_null(rows);
	assert_non_null(idx);
	fill_procs(rows, N);
	snap.procs = rows;
	snap.n_procs = N;
	for (int col = 0; col < PR_NCOLS; col++) {
		for (int inv = 0; inv < 2; inv++) {
			t.sort_col = col;
			t.invert = inv;
			assert_int_equal(sort_procs(&t, false, &snap, idx), 0);
			check_order_is_permutation(idx, N);
			for (size_t i = 1; i < N; i++) {
				if (proc_rule(&rows[idx[i - 1]], &rows[idx[i]], col, inv) >= 0)
					fail_msg("column %d%s: row %zu (pid %u) before pid %u", col,
						 inv ? " inverted" : "", i - 1, rows[idx[i - 1]].pid,
						 rows[idx[i]].pid);
			}
		}
	}
	table_state_fini(&t);
	free(rows);
	free(idx);
}

static void test_procs_empty_and_one(void **state)
{
	struct tt_proc_row row = { .pid = 7 };
	struct tt_snapshot snap = { 0 };
	struct table_state t = { 0 };
	size_t idx[1] = { 99 };

	(void)state;
	assert_int_equal(sort_procs(&t, false, &snap, idx), 0);
	assert_int_equal(idx[0], 99);
	snap.procs = &row;
	snap.n_procs = 1;
	assert_int_equal(sort_procs(&t, false, &snap, idx), 0);
	assert_int_equal(idx[0], 0);
	table_state_fini(&t);
}

static int syscall_rule(const struct tt_syscall_row *x, const struct tt_syscall_row *y, int col,
			bool inv)
{
	int r;

	switch (col) {
	case SC_NAME: r = text(x->name, y->name); break;
	case SC_TOTAL: r = big_first((double)x->total, (double)y->total); break;
	case SC_ERR_RATE: r = big_first(x->err_rate, y->err_rate); break;
	case SC_ERR_PCT: r = big_first(x->rate > 0 ? x->err_rate / x->rate : -1,
				       y->rate > 0 ? y->err_rate / y->rate : -1); break;
	case SC_BUSY: r = big_first(x->busy, y->busy); break;
	case SC_P95: r = big_first(x->lat.count ? hist_percentile(&x->lat, 95) : -1,
				   y->lat.count ? hist_percentile(&y->lat, 95) : -1); break;
	default: r = big_first(x->rate, y->rate); break;
	}
	if (inv)
		r = -r;
	if (!r)
		r = big_first((double)x->total, (double)y->total);
	return r ? r : small_first(x->id, y->id);
}

static void test_syscalls_every_column(void **state)
{
	static const char *names[] = { "read", "write", "openat", "close" };
	enum { NS = 400 };
	struct tt_syscall_row *rows = calloc(NS, sizeof(*rows));
	size_t idx[NS];
	struct tt_snapshot snap = { 0 };
	struct table_state t = { 0 };

	(void)state;
	assert_non_null(rows);
	for (size_t i = 0; i < NS; i++) {
		rows[i].id = (unsigned)((i * 37) % 1009);
		rows[i].name = names[rnd(4)];
		rows[i].rate = few();
		rows[i].err_rate = few();
		rows[i].busy = few();
		rows[i].total = rnd(3);
		hist_clear(&rows[i].lat);
		for (unsigned k = rnd(3); k; k--)
			hist_add(&rows[i].lat, rnd(4) * 1000);
	}
	snap.syscalls = rows;
	snap.n_syscalls = NS;
	for (int col = 0; col < SC_NCOLS; col++) {
		for (int inv = 0; inv < 2; inv++) {
			t.sort_col = col;
			t.invert = inv;
			assert_int_equal(sort_syscalls(&t, false, &snap, idx), 0);
			check_order_is_permutation(idx, NS);
			for (size_t i = 1; i < NS; i++)
				if (syscall_rule(&rows[idx[i - 1]], &rows[idx[i]], col, inv) >= 0)
					fail_msg("syscall column %d%s: position %zu", col,
						 inv ? " inverted" : "", i);
		}
	}
	table_state_fini(&t);
	free(rows);
}

static int fail_rule(const struct tt_fail_row *x, const struct tt_fail_row *y, int col, bool inv)
{
	int r;

	switch (col) {
	case FL_RATE: r = big_first(x->rate, y->rate); break;
	case FL_COMM: r = text(x->comm, y->comm); break;
	case FL_COUNT: r = big_first((double)x->count, (double)y->count); break;
	default: return 0;	/* ERRNO, CALL, PATH: their text is not built here */
	}
	if (inv)
		r = -r;
	if (!r)
		r = big_first((double)x->count, (double)y->count);
	return r ? r : small_first(x->id, y->id);
}

/* Failing calls: a subset of the rows (what the filters let through),
 * idx holding row indexes of the snapshot. */
static void test_fails_subset(void **state)
{
	enum { NF = 500 };
	struct tt_fail_row *rows = calloc(NF, sizeof(*rows));
	size_t vis[NF], idx[NF], n = 0;
	struct tt_snapshot snap = { 0 };
	struct table_state t = { 0 };
	int cols[] = { FL_COUNT, FL_RATE, FL_COMM };

	(void)state;
	assert_non_null(rows);
	for (size_t i = 0; i < NF; i++) {
		rows[i].id = (i * 31) % 1013;
		rows[i].count = rnd(5);
		rows[i].rate = few();
		snprintf(rows[i].comm, sizeof(rows[i].comm), "%s", rnd(2) ? "myappd" : "cron");
		if (i % 3)
			vis[n++] = i;
	}
	snap.fails = rows;
	snap.n_fails = NF;
	for (size_t c = 0; c < sizeof(cols) / sizeof(cols[0]); c++) {
		for (int inv = 0; inv < 2; inv++) {
			t.sort_col = cols[c];
			t.invert = inv;
			assert_int_equal(sort_fails(&t, false, &snap, vis, n, idx), 0);
			for (size_t i = 0; i < n; i++)
				assert_true(idx[i] % 3 != 0 && idx[i] < NF);
			for (size_t i = 1; i < n; i++)
				if (fail_rule(&rows[idx[i - 1]], &rows[idx[i]], cols[c], inv) >= 0)
					fail_msg("failing-call column %d%s: position %zu", cols[c],
						 inv ? " inverted" : "", i);
		}
	}
	table_state_fini(&t);
	free(rows);
}

/* Held: the rows shown before keep their places whatever their values
 * now; a row that went is skipped; new rows follow, in sorted order.
 * resort sorts afresh. */
static void test_procs_held(void **state)
{
	struct tt_proc_row *rows = calloc(N + 2, sizeof(*rows));
	size_t *idx = calloc(N + 2, sizeof(*idx)), *first = calloc(N, sizeof(*first));
	uint32_t *pids = calloc(N, sizeof(*pids));
	struct tt_snapshot snap = { 0 };
	struct table_state t = { .sort_col = PR_RATE };
	size_t o = 0;

	(void)state;
	assert_non_null(rows);
	assert_non_null(idx);
	assert_non_null(first);
	assert_non_null(pids);
	fill_procs(rows, N);
	snap.procs = rows;
	snap.n_procs = N;
	assert_int_equal(sort_procs(&t, false, &snap, first), 0);
	for (size_t i = 0; i < N; i++)
		pids[i] = rows[first[i]].pid;
	/* the next tick: new values, row 0 gone (the last row moves into
	 * its place), two new processes */
	for (size_t i = 0; i < N; i++)
		rows[i].rate = few();
	rows[0] = rows[N - 1];
	rows[N - 1] = (struct tt_proc_row){ .pid = 200001, .rate = 1 };
	rows[N] = (struct tt_proc_row){ .pid = 200002, .rate = 5 };
	snap.n_procs = N + 1;
	assert_int_equal(sort_procs(&t, true, &snap, idx), 0);
	check_order_is_permutation(idx, N + 1);
	for (size_t i = 0; i < N; i++) {
		if (pids[i] == rows[N - 1].pid || pids[i] == rows[N].pid)
			fail_msg("a new pid was held");
		/* the gone row's pid is skipped */
		if (o < N - 1 && rows[idx[o]].pid == pids[i])
			o++;
	}
	assert_int_equal(o, N - 1);
	assert_int_equal(rows[idx[N - 1]].pid, 200002);
	assert_int_equal(rows[idx[N]].pid, 200001);
	/* resort: the rule again */
	t.resort = true;
	assert_int_equal(sort_procs(&t, true, &snap, idx), 0);
	for (size_t i = 1; i < N + 1; i++)
		assert_true(proc_rule(&rows[idx[i - 1]], &rows[idx[i]], PR_RATE, false) < 0);
	table_state_fini(&t);
	free(rows);
	free(idx);
	free(first);
	free(pids);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_procs_every_column),
		cmocka_unit_test(test_procs_empty_and_one),
		cmocka_unit_test(test_procs_held),
		cmocka_unit_test(test_syscalls_every_column),
		cmocka_unit_test(test_fails_subset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
