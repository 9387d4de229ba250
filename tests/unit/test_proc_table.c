/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the per-process table (src/core/proc_table.c): kernel
 * entries and process infos in, one row per process out. Issue 12,
 * item 6: names follow exec, an exited process's row is whole, and its
 * entries go only once nothing more can reach them. */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "proc_table.h"

static const struct proc_stat *row(const struct proc_stat *ps, size_t n, uint32_t tgid)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ps[i].tgid == tgid)
			return &ps[i];
	return NULL;
}

/* The row is named by the process's info, whatever entries it has: an
 * exec renames the info, and with it every entry made before. */
static void test_name_follows_info(void **state)
{
	struct proc_table *t = proc_table_new(16, 16);
	const struct proc_stat *ps;
	size_t n;

	(void)state;
	assert_non_null(t);
	proc_table_begin(t);
	assert_int_equal(proc_table_add(t, 7, 39, 5000, 0), 0);
	assert_int_equal(proc_table_info(t, 7, "scA", false, 0, 0), 0);
	ps = proc_table_end(t, &n);
	assert_int_equal(n, 1);
	assert_string_equal(ps[0].comm, "scA");

	/* exec: the busiest entry is still one made before it */
	proc_table_begin(t);
	assert_int_equal(proc_table_add(t, 7, 39, 5000, 0), 0);
	assert_int_equal(proc_table_add(t, 7, 0, 3, 0), 0);
	assert_int_equal(proc_table_info(t, 7, "scB", false, 0, 0), 0);
	ps = proc_table_end(t, &n);
	assert_int_equal(n, 1);
	assert_string_equal(ps[0].comm, "scB");
	assert_int_equal(ps[0].total, 5003);
	assert_int_equal(ps[0].top_id, 0);
	proc_table_free(t);
}

/* A process handed over without its info keeps the name it had; one
 * never named has none. Infos of processes without entries make no
 * rows. */
static void test_name_kept_without_info(void **state)
{
	struct proc_table *t = proc_table_new(16, 16);
	const struct proc_stat *ps;
	size_t n;

	(void)state;
	assert_non_null(t);
	proc_table_begin(t);
	proc_table_add(t, 1, 0, 1, 0);
	proc_table_info(t, 1, "one", false, 0, 0);
	proc_table_add(t, 2, 0, 1, 0);
	proc_table_info(t, 3, "three", false, 0, 0);
	ps = proc_table_end(t, &n);
	assert_int_equal(n, 2);
	assert_string_equal(row(ps, n, 1)->comm, "one");
	assert_string_equal(row(ps, n, 2)->comm, "");
	assert_null(row(ps, n, 3));

	proc_table_begin(t);
	proc_table_add(t, 1, 0, 2, 0);
	proc_table_add(t, 2, 0, 2, 0);
	proc_table_info(t, 2, "two", false, 0, 0);
	ps = proc_table_end(t, &n);
	assert_string_equal(row(ps, n, 1)->comm, "one");
	assert_string_equal(row(ps, n, 2)->comm, "two");
	proc_table_free(t);
}

/* A kernel name fills its array without a NUL; a caller's is shorter:
 * neither is read past. */
static void test_name_bounds(void **state)
{
	struct proc_table *t = proc_table_new(4, 4);
	char full[TT_COMM_LEN + 8];
	const struct proc_stat *ps;
	size_t n;

	(void)state;
	memset(full, 'A', sizeof(full));
	proc_table_begin(t);
	proc_table_add(t, 9, 0, 1, 0);
	proc_table_info(t, 9, full, false, 0, 0);
	ps = proc_table_end(t, &n);
	assert_int_equal(strlen(ps[0].comm), TT_COMM_LEN);
	proc_table_begin(t);
	proc_table_add(t, 9, 0, 1, 0);
	proc_table_info(t, 9, "x", false, 0, 0);
	ps = proc_table_end(t, &n);
	assert_string_equal(ps[0].comm, "x");
	proc_table_free(t);
}

/* The kernel marks a process exited once all its calls are in its
 * entries: the row says so, with its total. */
static void test_exited(void **state)
{
	struct proc_table *t = proc_table_new(16, 16);
	const struct proc_stat *ps;
	size_t n;

	(void)state;
	proc_table_begin(t);
	proc_table_add(t, 4, 39, 1000, 0);
	proc_table_info(t, 4, "burst", false, 0, 0);
	ps = proc_table_end(t, &n);
	assert_false(ps[0].exited);

	proc_table_begin(t);
	proc_table_add(t, 4, 39, 1000, 0);
	proc_table_add(t, 4, 110, 61, 1);
	proc_table_info(t, 4, "burst", true, 0, 0);
	ps = proc_table_end(t, &n);
	assert_int_equal(n, 1);
	assert_true(ps[0].exited);
	assert_int_equal(ps[0].total, 1061);
	assert_int_equal(ps[0].errors, 1);
	proc_table_free(t);
}

/* A process's entries may go once it was seen exited and read once
 * more: not at the first read that says exited, whose entries a run
 * ended just before the exit may still reach. */
static void test_final_one_read_later(void **state)
{
	struct proc_table *t = proc_table_new(16, 16);
	const struct proc_stat *ps;
	size_t n;

	(void)state;
	proc_table_begin(t);
	proc_table_add(t, 4, 39, 1000, 0);
	proc_table_info(t, 4, "burst", false, 0, 0);
	assert_false(proc_table_final(t, 4));
	proc_table_end(t, &n);

	proc_table_begin(t);
	proc_table_add(t, 4, 39, 1060, 0);
	proc_table_info(t, 4, "burst", true, 0, 0);
	assert_false(proc_table_final(t, 4));
	ps = proc_table_end(t, &n);
	assert_true(ps[0].exited);
	assert_false(ps[0].final);

	/* a late run: still counted */
	proc_table_begin(t);
	proc_table_add(t, 4, 39, 1061, 0);
	proc_table_info(t, 4, "burst", true, 0, 0);
	assert_true(proc_table_final(t, 4));
	assert_false(proc_table_final(t, 5));
	ps = proc_table_end(t, &n);
	assert_int_equal(n, 1);
	assert_int_equal(ps[0].total, 1061);
	assert_true(ps[0].final);

	/* the caller deleted them: the process is gone from the table */
	proc_table_begin(t);
	ps = proc_table_end(t, &n);
	assert_int_equal(n, 0);
	proc_table_free(t);
}

/* Entries of a process whose info went with its final read were added
 * after that read: they go too. A process never seen exited never goes. */
static void test_final_leftovers(void **state)
{
	struct proc_table *t = proc_table_new(16, 16);
	size_t n;

	(void)state;
	proc_table_begin(t);
	proc_table_add(t, 4, 39, 10, 0);
	proc_table_info(t, 4, "a", true, 0, 0);
	proc_table_add(t, 6, 39, 10, 0);
	proc_table_end(t, &n);
	proc_table_begin(t);
	proc_table_add(t, 4, 39, 10, 0);
	proc_table_info(t, 4, "a", true, 0, 0);
	proc_table_add(t, 6, 39, 10, 0);
	assert_true(proc_table_final(t, 4));
	assert_false(proc_table_final(t, 6));
	proc_table_end(t, &n);

	proc_table_begin(t);
	proc_table_add(t, 4, 0, 1, 0);
	assert_true(proc_table_final(t, 4));
	proc_table_end(t, &n);
	proc_table_begin(t);
	assert_false(proc_table_final(t, 4));
	proc_table_free(t);
}

/* A tgid whose entries went belongs to another process when it comes
 * back: its total starts from its own calls. Ends without a read in
 * between keep what they had. */
static void test_final_tgid_reused(void **state)
{
	struct proc_table *t = proc_table_new(16, 16);
	const struct proc_stat *ps;
	size_t n;

	(void)state;
	proc_table_begin(t);
	proc_table_add(t, 4, 39, 500, 0);
	proc_table_info(t, 4, "old", true, 0, 0);
	proc_table_end(t, &n);
	proc_table_begin(t);
	proc_table_add(t, 4, 39, 500, 0);
	proc_table_info(t, 4, "old", true, 0, 0);
	ps = proc_table_end(t, &n);
	assert_true(ps[0].final);
	ps = proc_table_end(t, &n);
	assert_int_equal(n, 1);
	assert_int_equal(ps[0].total, 500);

	/* the same syscall too: its entry counts from zero */
	proc_table_begin(t);
	proc_table_add(t, 4, 0, 7, 0);
	proc_table_add(t, 4, 39, 600, 0);
	proc_table_info(t, 4, "new", false, 0, 0);
	ps = proc_table_end(t, &n);
	assert_int_equal(n, 1);
	assert_int_equal(ps[0].total, 607);
	assert_string_equal(ps[0].comm, "new");
	assert_false(ps[0].exited);
	proc_table_free(t);
}

/* Infos are bounded like entries; an info updated is not a new one. */
static void test_infos_bounded(void **state)
{
	struct proc_table *t = proc_table_new(2, 2);

	(void)state;
	proc_table_begin(t);
	assert_int_equal(proc_table_info(t, 1, "a", false, 0, 0), 0);
	assert_int_equal(proc_table_info(t, 2, "b", false, 0, 0), 0);
	assert_int_equal(proc_table_info(t, 3, "c", false, 0, 0), -ENOSPC);
	assert_int_equal(proc_table_info(t, 1, "A", false, 0, 0), 0);
	proc_table_begin(t);
	assert_int_equal(proc_table_info(t, 3, "c", false, 0, 0), 0);
	proc_table_free(t);
}

/* Time in system calls: the kernel's cumulative figure per process, the
 * row's share of it since the previous end; a tick without the info
 * adds nothing; a figure that went down (the entry made again) counts
 * whole. */
static void test_busy(void **state)
{
	static const uint64_t in[] = { 0, 5000000000ull, 7000000000ull, 7000000000ull, 1000000000ull };
	static const uint64_t want[] = { 0, 5000000000ull, 2000000000ull, 0, 1000000000ull };
	struct proc_table *t = proc_table_new(16, 16);
	const struct proc_stat *ps;
	size_t n;

	(void)state;
	assert_non_null(t);
	for (unsigned i = 0; i < 5; i++) {
		proc_table_begin(t);
		assert_int_equal(proc_table_add(t, 7, 35, 10 + i, 0), 0);
		if (i != 3)
			assert_int_equal(proc_table_info(t, 7, "sleeper", false, in[i], 0), 0);
		ps = proc_table_end(t, &n);
		assert_int_equal(n, 1);
		assert_int_equal(ps[0].busy_ns, in[i]);
		assert_int_equal(ps[0].busy_delta, want[i]);
	}
	proc_table_free(t);
}

/* Entries and processes have limits of their own: a third process in a
 * table of two has no row, and its calls are counted as lost. */
static void test_process_limit(void **state)
{
	struct proc_table *t = proc_table_new(8, 2);
	const struct proc_stat *ps;
	size_t n;

	(void)state;
	assert_null(proc_table_new(4, 8));
	assert_non_null(t);
	proc_table_begin(t);
	assert_int_equal(proc_table_info(t, 1, "a", false, 0, 0), 0);
	assert_int_equal(proc_table_info(t, 2, "b", false, 0, 0), 0);
	assert_int_equal(proc_table_info(t, 3, "c", false, 0, 0), -ENOSPC);
	assert_int_equal(proc_table_add(t, 1, 0, 5, 0), 0);
	assert_int_equal(proc_table_add(t, 1, 1, 5, 0), 0);
	assert_int_equal(proc_table_add(t, 2, 0, 5, 0), 0);
	assert_int_equal(proc_table_add(t, 3, 0, 5, 0), 0);
	ps = proc_table_end(t, &n);
	assert_int_equal(n, 2);
	assert_non_null(row(ps, n, 1));
	assert_non_null(row(ps, n, 2));
	assert_int_equal(row(ps, n, 1)->total, 10);
	/* the calls of 3, which has no row; once, not again each tick */
	assert_int_equal(proc_table_lost_calls(t), 5);
	proc_table_begin(t);
	assert_int_equal(proc_table_add(t, 1, 0, 5, 0), 0);
	assert_int_equal(proc_table_add(t, 2, 0, 5, 0), 0);
	assert_int_equal(proc_table_add(t, 3, 0, 7, 0), 0);
	ps = proc_table_end(t, &n);
	assert_int_equal(n, 2);
	assert_int_equal(proc_table_lost_calls(t), 7);
	/* a full table of entries: the new entry's calls */
	proc_table_begin(t);
	for (unsigned id = 0; id < 8; id++)
		assert_int_equal(proc_table_add(t, 1, id, 1, 0), 0);
	assert_int_equal(proc_table_add(t, 2, 9, 4, 0), -ENOSPC);
	proc_table_end(t, &n);
	assert_int_equal(proc_table_lost_calls(t), 11);
	proc_table_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_follows_info),
		cmocka_unit_test(test_busy),
		cmocka_unit_test(test_process_limit),
		cmocka_unit_test(test_name_kept_without_info),
		cmocka_unit_test(test_name_bounds),
		cmocka_unit_test(test_exited),
		cmocka_unit_test(test_final_one_read_later),
		cmocka_unit_test(test_final_leftovers),
		cmocka_unit_test(test_final_tgid_reused),
		cmocka_unit_test(test_infos_bounded),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
