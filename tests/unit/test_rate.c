/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of per-second rates (src/rate.c): priming, counters that
 * reset, and intervals that would divide by zero. */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include "rate.h"

static void test_counter_delta(void **state)
{
	(void)state;
	assert_int_equal(counter_delta(10, 25), 15);
	assert_int_equal(counter_delta(7, 7), 0);
	/* went down: a reset, the new value is all new */
	assert_int_equal(counter_delta(100, 30), 30);
	assert_int_equal(counter_delta(UINT64_MAX - 1, UINT64_MAX), 1);
}

static void test_first_sample_primes(void **state)
{
	struct rate r;

	(void)state;
	rate_init(&r);
	assert_false(r.primed);
	assert_true(rate_update(&r, 1000, 1.0, false) == 0);
	assert_int_equal(r.delta, 0);
	assert_true(r.primed);
	assert_float_equal(rate_update(&r, 1500, 2.0, false), 250.0, 1e-9);
	assert_int_equal(r.delta, 500);
	assert_int_equal(r.last, 1500);
}

static void test_from_zero(void **state)
{
	struct rate r;

	(void)state;
	rate_init(&r);
	assert_float_equal(rate_update(&r, 300, 0.5, true), 600.0, 1e-9);
	assert_int_equal(r.delta, 300);
	/* from_zero only matters for the first sample */
	assert_float_equal(rate_update(&r, 400, 0.5, true), 200.0, 1e-9);
}

static void test_reset(void **state)
{
	struct rate r;

	(void)state;
	rate_init(&r);
	rate_update(&r, 5000, 1.0, false);
	assert_float_equal(rate_update(&r, 40, 1.0, false), 40.0, 1e-9);
	assert_int_equal(r.delta, 40);
	assert_float_equal(rate_update(&r, 100, 1.0, false), 60.0, 1e-9);
}

static void test_bad_intervals(void **state)
{
	struct rate r;
	double v;

	(void)state;
	rate_init(&r);
	rate_update(&r, 0, 1.0, false);
	v = rate_update(&r, 100, 0.0, false);
	assert_true(v == 0 && isfinite(v));
	/* the delta is still taken, so the counts are not counted twice */
	assert_int_equal(r.delta, 100);
	assert_int_equal(r.last, 100);
	assert_true(rate_update(&r, 200, -1.0, false) == 0);
	assert_true(rate_update(&r, 300, NAN, false) == 0);
	assert_true(rate_update(&r, 400, INFINITY, false) == 0);
	assert_float_equal(rate_update(&r, 500, 0.25, false), 400.0, 1e-9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counter_delta),
		cmocka_unit_test(test_first_sample_primes),
		cmocka_unit_test(test_from_zero),
		cmocka_unit_test(test_reset),
		cmocka_unit_test(test_bad_intervals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
