/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The ring-buffer wake-up rule of the BPF producers (tt_rb_wakes() in
 * bpf/events.h): the consumer sleeps until a record takes the data
 * waiting past a multiple of the mark. Simulated here without a kernel:
 * "avail" is what bpf_ringbuf_query(BPF_RB_AVAIL_DATA) returns, records
 * take their footprint (header and padding) of the ring. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <linux/types.h>

#include "../../bpf/events.h"

#define RING (1024 * 1024)
#define MARK (64 * 1024)

/* Payload sizes of exec/open records vary with paths and argv. */
static __u64 next_size(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return 24 + (*seed >> 8) % 4000;
}

/* A record whose header or padding holds the mark wakes: the payload
 * alone stops 8 bytes short of it. */
static void test_footprint_counts(void **state)
{
	(void)state;
	assert_int_equal(TT_RB_FOOTPRINT(200), 208);
	assert_int_equal(TT_RB_FOOTPRINT(201), 216);
	assert_true(tt_rb_wakes(MARK - 208, 200, MARK));
	assert_true(tt_rb_wakes(MARK - 8, 1, MARK));
	assert_false(tt_rb_wakes(MARK - 216, 200, MARK));
	assert_false(tt_rb_wakes(0, 200, MARK));
	assert_true(tt_rb_wakes(3 * MARK - 8, 100, MARK));
}

/* One producer, consumer asleep: the ring never holds a mark's worth
 * without a wake-up, and there is one wake-up per mark passed, not per
 * record. */
static void test_one_producer_every_mark(void **state)
{
	uint32_t seed = 7;
	__u64 avail = 0, woke_at = 0;
	unsigned wakes = 0, records = 0;

	(void)state;
	for (;;) {
		__u64 size = next_size(&seed);

		if (avail + TT_RB_FOOTPRINT(size) > RING)
			break;	/* full: the record would be lost */
		if (tt_rb_wakes(avail, size, MARK)) {
			wakes++;
			woke_at = avail + TT_RB_FOOTPRINT(size);
		}
		avail += TT_RB_FOOTPRINT(size);
		records++;
		/* Never a mark's worth past the last wake-up. */
		assert_true(avail - woke_at < MARK || avail < MARK);
	}
	assert_int_equal(wakes, avail / MARK);
	assert_true(records > 10 * wakes);
}

/* Two CPUs each read the data below the first mark and together take it
 * past with neither waking. The next mark still wakes the consumer:
 * with a single mark it would sleep through a full ring. */
static void test_two_cpus_miss_one_mark_only(void **state)
{
	__u64 avail = MARK - 300, a = 200, b = 150;
	unsigned wakes = 0;

	(void)state;
	/* Both query before either writes. */
	assert_false(tt_rb_wakes(avail, a, MARK));
	assert_false(tt_rb_wakes(avail, b, MARK));
	avail += TT_RB_FOOTPRINT(a) + TT_RB_FOOTPRINT(b);
	assert_true(avail > MARK);	/* passed, unseen */
	while (avail + TT_RB_FOOTPRINT(a) <= RING && !wakes) {
		if (tt_rb_wakes(avail, a, MARK))
			wakes++;
		avail += TT_RB_FOOTPRINT(a);
	}
	assert_int_equal(wakes, 1);
	assert_true(avail <= 2 * MARK + TT_RB_FOOTPRINT(a));
}

/* A consumer that is awake but lags (the data waiting swings between one
 * and three marks) gets a wake-up per mark of data, not one per record. */
static void test_lagging_consumer_few_wakes(void **state)
{
	uint32_t seed = 11;
	__u64 avail = MARK + MARK / 2, written = 0;
	unsigned wakes = 0, records = 0;

	(void)state;
	while (records < 100000) {
		__u64 size = next_size(&seed);

		if (tt_rb_wakes(avail, size, MARK))
			wakes++;
		avail += TT_RB_FOOTPRINT(size);
		written += TT_RB_FOOTPRINT(size);
		records++;
		if (avail > 3 * MARK)
			avail -= MARK + MARK / 3;	/* the consumer drains some */
	}
	assert_true(wakes > 0);
	assert_true(wakes <= written / MARK * 2 + 1);
	assert_true(records / wakes > 10);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_footprint_counts),
		cmocka_unit_test(test_one_producer_every_mark),
		cmocka_unit_test(test_two_cpus_miss_one_mark_only),
		cmocka_unit_test(test_lagging_consumer_few_wakes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
