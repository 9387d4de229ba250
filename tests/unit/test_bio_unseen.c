/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the completions the bio programs missed
 * (src/core/bio_unseen.c): the disk's stat line, the baseline, a
 * shortfall that stays counted, and counts the disk does not keep. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "bio_unseen.h"

static void test_stat_line(void **state)
{
	uint64_t done = 0;

	(void)state;
	/* 17 fields (Linux 5.5+): reads 10, writes 20, discards 3, flushes 4 */
	assert_int_equal(bio_disk_stat_done("      10        1      80       5       20        2     160       7"
					    "        0       12       12        3        0       24        1"
					    "        4        2\n", &done), 0);
	assert_int_equal(done, 10 + 20 + 3 + 4);
	/* 15 fields (4.18 to 5.4): no flushes */
	assert_int_equal(bio_disk_stat_done("1 0 8 1 2 0 16 1 0 2 2 5 0 40 1", &done), 0);
	assert_int_equal(done, 1 + 2 + 5);
	/* 11 fields (before 4.18): reads and writes */
	assert_int_equal(bio_disk_stat_done("7 0 56 1 9 0 72 1 0 2 2\n", &done), 0);
	assert_int_equal(done, 16);
	/* counts past 2^32 */
	assert_int_equal(bio_disk_stat_done("5000000000 0 0 0 1 0 0 0 0 0 0", &done), 0);
	assert_true(done == 5000000001ULL);
}

static void test_stat_line_rejected(void **state)
{
	uint64_t done = 42;

	(void)state;
	assert_int_equal(bio_disk_stat_done(NULL, &done), -EINVAL);
	assert_int_equal(bio_disk_stat_done("", &done), -EINVAL);
	assert_int_equal(bio_disk_stat_done("1 2 3 4 5 6 7 8 9 10", &done), -EINVAL);	/* 10 fields */
	assert_int_equal(bio_disk_stat_done("1 2 3 4 x 6 7 8 9 10 11", &done), -EINVAL);
	assert_int_equal(bio_disk_stat_done("1 2 3 4 5- 6 7 8 9 10 11", &done), -EINVAL);
	assert_int_equal(bio_disk_stat_done("-1 2 3 4 5 6 7 8 9 10 11", &done), -EINVAL);
	assert_int_equal(bio_disk_stat_done("99999999999999999999 0 0 0 0 0 0 0 0 0 0", &done), -EINVAL);
	assert_int_equal(done, 42);
}

static void test_baseline_then_shortfall(void **state)
{
	struct bio_unseen u = { .n = 0 };

	(void)state;
	/* the first comparison is the baseline, whatever the counts */
	assert_false(bio_unseen_known(&u, 7));
	bio_unseen_update(&u, 7, 1000, 3);
	assert_true(bio_unseen_known(&u, 7));
	assert_false(bio_unseen_known(&u, 8));
	assert_int_equal(bio_unseen_total(&u), 0);
	/* 500 completions on the disk, 500 seen */
	bio_unseen_update(&u, 7, 1500, 503);
	assert_int_equal(bio_unseen_total(&u), 0);
	/* 100 more on the disk, 90 seen: 10 missed */
	bio_unseen_update(&u, 7, 1600, 593);
	assert_int_equal(bio_unseen_total(&u), 10);
	/* flush sequences the disk does not count: seen runs ahead; what
	 * was missed stays counted */
	bio_unseen_update(&u, 7, 1610, 620);
	assert_int_equal(bio_unseen_total(&u), 10);
	/* then 30 missed since the start in all */
	bio_unseen_update(&u, 7, 1700, 673);
	assert_int_equal(bio_unseen_total(&u), 30);
}

static void test_disks_apart(void **state)
{
	struct bio_unseen u = { .n = 0 };

	(void)state;
	bio_unseen_update(&u, 1, 0, 0);
	bio_unseen_update(&u, 2, 50, 0);
	bio_unseen_update(&u, 1, 10, 6);	/* 4 missed on disk 1 */
	bio_unseen_update(&u, 2, 60, 10);	/* none on disk 2 */
	assert_int_equal(bio_unseen_total(&u), 4);
	assert_int_equal(u.n, 2);
}

static void test_count_went_back(void **state)
{
	struct bio_unseen u = { .n = 0 };

	(void)state;
	bio_unseen_update(&u, 9, 100, 100);
	bio_unseen_update(&u, 9, 150, 140);	/* 10 missed */
	/* the disk went and another came under its number: its count
	 * restarted. What was missed stays; the next call is a baseline,
	 * to be read in the baseline's order. */
	bio_unseen_update(&u, 9, 5, 145);
	assert_int_equal(bio_unseen_total(&u), 10);
	assert_false(bio_unseen_known(&u, 9));
	bio_unseen_update(&u, 9, 25, 160);
	assert_true(bio_unseen_known(&u, 9));
	assert_int_equal(bio_unseen_total(&u), 10);
	bio_unseen_update(&u, 9, 45, 175);	/* 5 more missed */
	assert_int_equal(bio_unseen_total(&u), 15);
}

static void test_table_full(void **state)
{
	struct bio_unseen u = { .n = 0 };

	(void)state;
	for (uint32_t d = 0; d < BIO_UNSEEN_DISKS + 3; d++)
		bio_unseen_update(&u, d, 0, 0);
	assert_int_equal(u.n, BIO_UNSEEN_DISKS);
	/* a disk past the table is not compared: nothing is made up */
	bio_unseen_update(&u, BIO_UNSEEN_DISKS + 1, 1000, 0);
	assert_int_equal(bio_unseen_total(&u), 0);
	bio_unseen_update(&u, 0, 1000, 0);
	assert_int_equal(bio_unseen_total(&u), 1000);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stat_line),
		cmocka_unit_test(test_stat_line_rejected),
		cmocka_unit_test(test_baseline_then_shortfall),
		cmocka_unit_test(test_disks_apart),
		cmocka_unit_test(test_count_went_back),
		cmocka_unit_test(test_table_full),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
