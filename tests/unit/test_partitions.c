/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the /proc/partitions reader (src/partitions.c) against
 * fixture roots under tests/unit/fixtures/. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "partitions.h"

static void test_mkdev(void **state)
{
	(void)state;
	assert_int_equal(tt_mkdev(8, 0), 8u << 20);
	assert_int_equal(tt_mkdev(259, 3), (259u << 20) | 3);
	assert_int_equal(tt_mkdev(1, 0xfffff), (1u << 20) | 0xfffff);
}

static void test_basic(void **state)
{
	struct partitions p;

	(void)state;
	assert_int_equal(partitions_load(&p, TT_FIXTURES "/basic"), 0);
	assert_int_equal(p.n, 7);
	assert_string_equal(partitions_name(&p, tt_mkdev(259, 0)), "nvme0n1");
	assert_string_equal(partitions_name(&p, tt_mkdev(259, 2)), "nvme0n1p2");
	assert_string_equal(partitions_name(&p, tt_mkdev(8, 1)), "sda1");
	assert_string_equal(partitions_name(&p, tt_mkdev(253, 0)), "dm-0");
	assert_string_equal(partitions_name(&p, tt_mkdev(254, 16)), "vdb");
	assert_null(partitions_name(&p, tt_mkdev(8, 2)));
	/* 8:1 and 1:8 must not be confused */
	assert_null(partitions_name(&p, tt_mkdev(1, 8)));
	partitions_fini(&p);
	assert_int_equal(p.n, 0);
	assert_null(p.v);
}

static void test_malformed(void **state)
{
	struct partitions p;

	(void)state;
	assert_int_equal(partitions_load(&p, TT_FIXTURES "/malformed"), 0);
	/* only sda, sdb and the unterminated last line loop0 are good */
	assert_string_equal(partitions_name(&p, tt_mkdev(8, 0)), "sda");
	assert_string_equal(partitions_name(&p, tt_mkdev(8, 16)), "sdb");
	assert_string_equal(partitions_name(&p, tt_mkdev(7, 0)), "loop0");
	assert_int_equal(p.n, 3);
	assert_null(partitions_name(&p, tt_mkdev(8, 1)));	/* "-8 1" */
	assert_null(partitions_name(&p, tt_mkdev(8, 3)));	/* extra field */
	assert_null(partitions_name(&p, tt_mkdev(8, 4)));	/* name too long */
	assert_null(partitions_name(&p, tt_mkdev(8, 5)));	/* #blocks overflows */
	assert_null(partitions_name(&p, tt_mkdev(8, 9)));	/* tail of a too-long line */
	partitions_fini(&p);
}

static void test_missing(void **state)
{
	struct partitions p;

	(void)state;
	assert_int_equal(partitions_load(&p, TT_FIXTURES "/does-not-exist"), -ENOENT);
	assert_int_equal(p.n, 0);
	assert_null(partitions_name(&p, tt_mkdev(8, 0)));
	partitions_fini(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_mkdev),
		cmocka_unit_test(test_basic),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
