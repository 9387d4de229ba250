/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the log2 histogram (src/hist.c): slot boundaries,
 * reset-safe diffs, percentiles and the human labels the views print. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "hist.h"

static void test_slot_boundaries(void **state)
{
	(void)state;
	assert_int_equal(hist_slot(0), 0);
	assert_int_equal(hist_slot(1), 0);
	assert_int_equal(hist_slot(2), 1);
	assert_int_equal(hist_slot(3), 1);
	assert_int_equal(hist_slot(4), 2);
	assert_int_equal(hist_slot(7), 2);
	assert_int_equal(hist_slot(8), 3);
	assert_int_equal(hist_slot(1023), 9);
	assert_int_equal(hist_slot(1024), 10);
	/* huge values land in the last slot instead of past the array */
	assert_int_equal(hist_slot(UINT64_MAX), HIST_SLOTS - 1);
	assert_int_equal(hist_slot((uint64_t)1 << 40), HIST_SLOTS - 1);
}

static void test_slot_low_high(void **state)
{
	unsigned i;

	(void)state;
	assert_int_equal(hist_slot_low(0), 0);
	assert_int_equal(hist_slot_high(0), 2);
	assert_int_equal(hist_slot_low(3), 8);
	assert_int_equal(hist_slot_high(3), 16);
	/* every slot's low value maps back into that slot */
	for (i = 1; i < HIST_SLOTS; i++) {
		assert_int_equal(hist_slot(hist_slot_low(i)), i);
		assert_int_equal(hist_slot(hist_slot_high(i) - 1), i);
	}
}

static void test_add_and_set(void **state)
{
	uint64_t k[40];
	struct hist h;
	unsigned i;

	(void)state;
	hist_clear(&h);
	hist_add(&h, 0);
	hist_add(&h, 5);
	hist_add(&h, 6);
	assert_int_equal(h.count, 3);
	assert_int_equal(h.sum, 11);
	assert_int_equal(h.slots[0], 1);
	assert_int_equal(h.slots[2], 2);

	for (i = 0; i < 40; i++)
		k[i] = i + 1;
	/* a short kernel array: the other slots are cleared, count recomputed */
	hist_set(&h, k, 3, 99);
	assert_int_equal(h.slots[0], 1);
	assert_int_equal(h.slots[2], 3);
	assert_int_equal(h.slots[3], 0);
	assert_int_equal(h.count, 6);
	assert_int_equal(h.sum, 99);
	/* more slots than fit are ignored, not written past the end */
	hist_set(&h, k, 40, 0);
	assert_int_equal(h.slots[HIST_SLOTS - 1], HIST_SLOTS);
	assert_int_equal(h.count, HIST_SLOTS * (HIST_SLOTS + 1) / 2);
}

static void test_diff_and_reset(void **state)
{
	struct hist prev, cur, out;

	(void)state;
	hist_clear(&prev);
	hist_clear(&cur);
	prev.slots[1] = 10;
	prev.slots[4] = 7;
	prev.sum = 500;
	cur.slots[1] = 15;
	cur.slots[4] = 2;	/* went down: the map was recreated */
	cur.slots[6] = 3;
	cur.sum = 600;
	hist_diff(&out, &cur, &prev);
	assert_int_equal(out.slots[1], 5);
	assert_int_equal(out.slots[4], 2);
	assert_int_equal(out.slots[6], 3);
	assert_int_equal(out.count, 10);
	assert_int_equal(out.sum, 100);

	/* a sum that went down is taken as all new too */
	cur.sum = 40;
	hist_diff(&out, &cur, &prev);
	assert_int_equal(out.sum, 40);
}

static void test_merge(void **state)
{
	struct hist a, b;

	(void)state;
	hist_clear(&a);
	hist_clear(&b);
	hist_add(&a, 3);
	hist_add(&b, 3);
	hist_add(&b, 100);
	hist_merge(&a, &b);
	assert_int_equal(a.slots[1], 2);
	assert_int_equal(a.slots[6], 1);
	assert_int_equal(a.count, 3);
	assert_int_equal(a.sum, 106);
}

static void test_percentile(void **state)
{
	struct hist h;

	(void)state;
	hist_clear(&h);
	assert_true(hist_percentile(&h, 50) == 0);
	/* ten samples in [4, 8): linear inside the slot */
	h.slots[2] = 10;
	h.count = 10;
	assert_float_equal(hist_percentile(&h, 50), 6.0, 1e-9);
	assert_float_equal(hist_percentile(&h, 10), 4.4, 1e-9);
	assert_float_equal(hist_percentile(&h, 100), 8.0, 1e-9);
	assert_float_equal(hist_percentile(&h, 250), 8.0, 1e-9);
	assert_true(hist_percentile(&h, 0) == 0);
	assert_true(hist_percentile(&h, -3) == 0);

	/* half fast [0, 2), half around 1 ms [1024, 2048) */
	hist_clear(&h);
	h.slots[0] = 50;
	h.slots[10] = 50;
	h.count = 100;
	assert_float_equal(hist_percentile(&h, 50), 2.0, 1e-9);
	assert_float_equal(hist_percentile(&h, 75), 1536.0, 1e-9);
	assert_float_equal(hist_percentile(&h, 99), 1024.0 + 1024.0 * 49 / 50, 1e-9);
	/* empty slots between the two never hold a percentile */
	assert_true(hist_percentile(&h, 51) > 1024.0);
}

static void test_max_slot(void **state)
{
	struct hist h;

	(void)state;
	hist_clear(&h);
	assert_int_equal(hist_max_slot(&h), -1);
	hist_add(&h, 0);
	assert_int_equal(hist_max_slot(&h), 0);
	hist_add(&h, 5000);
	assert_int_equal(hist_max_slot(&h), 12);
}

static void check_label(unsigned slot, const char *want)
{
	char buf[32];
	int n = hist_slot_label(slot, buf, sizeof(buf));

	assert_string_equal(buf, want);
	assert_int_equal(n, (int)strlen(want));
}

static void test_labels(void **state)
{
	char small[4];

	(void)state;
	check_label(0, "0-1us");
	check_label(1, "2-3us");
	check_label(2, "4-7us");
	check_label(9, "512-1023us");
	check_label(10, "1-2ms");
	check_label(11, "2-4ms");
	check_label(19, "512-1024ms");
	check_label(20, "1-2s");
	check_label(21, "2-4s");
	check_label(31, "2048-4096s");
	/* truncates like snprintf and says how much it needed */
	assert_int_equal(hist_slot_label(9, small, sizeof(small)), 10);
	assert_string_equal(small, "512");
}

static void check_us(double us, const char *want)
{
	char buf[32];

	hist_format_us(us, buf, sizeof(buf));
	assert_string_equal(buf, want);
}

static void test_format_us(void **state)
{
	(void)state;
	check_us(0, "0us");
	check_us(850, "850us");
	check_us(999.4, "999us");
	check_us(999.7, "1.0ms");	/* never "1000us" */
	check_us(1200, "1.2ms");
	check_us(999960, "1.0s");	/* never "1000.0ms" */
	check_us(3e6, "3.0s");
	check_us(-5, "0us");
	check_us(0.0 / 0.0, "0us");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slot_boundaries),
		cmocka_unit_test(test_slot_low_high),
		cmocka_unit_test(test_add_and_set),
		cmocka_unit_test(test_diff_and_reset),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_percentile),
		cmocka_unit_test(test_max_slot),
		cmocka_unit_test(test_labels),
		cmocka_unit_test(test_format_us),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
