/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the completions the bio programs missed
 * (src/core/bio_unseen.c): the disk's stat line, the baseline, a
 * shortfall that stays counted, and counts the disk does not keep. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>
#include "bio_unseen.h"
#include "partitions.h"

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

/* Writes <root>/<rel>, making its directories. */
static void put(const char *root, const char *rel, const char *text)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", root, rel);
	for (char *p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	if (text) {
		f = fopen(path, "w");
		assert_non_null(f);
		fputs(text, f);
		fclose(f);
	} else {
		mkdir(path, 0755);
	}
}

/* A fake sysfs: vda (blk-mq, 17 fields), nvme0n1 (blk-mq, minor past
 * 255, 15 fields), dm-0 (bio-based: no mq), sdz (a dev file that is not
 * one). Sysfs paths hold colons, which make's file lists cannot: the
 * tree is made here, not shipped. */
static void test_sysfs(void **state)
{
	char root[] = "/tmp/tracetop-test-bio-unseen.XXXXXX";
	struct bio_unseen u = { .n = 0 };
	uint64_t done = 0;
	char cmd[600];

	(void)state;
	assert_non_null(mkdtemp(root));
	put(root, "sys/block/vda/dev", "254:0\n");
	put(root, "sys/block/vda/mq/0", NULL);
	put(root, "sys/dev/block/254:0/stat",
	    "     100        0     800       10      200        0     1600       20        0"
	    "       30       30        3        0       24        1        7        2\n");
	put(root, "sys/block/nvme0n1/dev", "259:300\n");
	put(root, "sys/block/nvme0n1/mq/0", NULL);
	put(root, "sys/dev/block/259:300/stat", " 1 0 8 1 2 0 16 1 0 2 2 5 0 40 1\n");
	put(root, "sys/block/dm-0/dev", "253:0\n");
	put(root, "sys/dev/block/253:0/stat", "5000 0 40000 100 6000 0 48000 100 0 200 200\n");
	put(root, "sys/block/sdz/dev", "not a number\n");
	put(root, "sys/block/sdz/mq/0", NULL);

	assert_int_equal(bio_disk_done(root, tt_mkdev(254, 0), &done), 0);
	assert_int_equal(done, 100 + 200 + 3 + 7);
	assert_int_equal(bio_disk_done(root, tt_mkdev(259, 300), &done), 0);
	assert_int_equal(done, 1 + 2 + 5);
	assert_int_equal(bio_disk_done(root, tt_mkdev(8, 0), &done), -ENOENT);

	/* the two blk-mq disks with a dev and a stat file, not dm-0 nor sdz */
	assert_int_equal(bio_unseen_baseline_all(&u, root), 2);
	assert_true(bio_unseen_known(&u, tt_mkdev(254, 0)));
	assert_true(bio_unseen_known(&u, tt_mkdev(259, 300)));
	assert_false(bio_unseen_known(&u, tt_mkdev(253, 0)));
	/* taken with the programs at 0: 20 more on the disk, 15 seen */
	bio_unseen_update(&u, tt_mkdev(254, 0), 330, 15);
	assert_int_equal(bio_unseen_total(&u), 5);
	/* a second pass takes no disk twice */
	assert_int_equal(bio_unseen_baseline_all(&u, root), 0);
	assert_int_equal(bio_unseen_baseline_all(&u, "/nonexistent"), 0);

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
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
		cmocka_unit_test(test_sysfs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
