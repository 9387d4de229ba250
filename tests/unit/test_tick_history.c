/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the screen's tick history (src/core/tick_history.c):
 * columns found by seq, the sparkline's past filled in, a tick never
 * seen a gap, a newer tick taking its slot, disks and operations picked
 * and merged. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "tick_history.h"

/* A snapshot of tick seq whose read rate is seq * 10, with a sparkline
 * of spark_len samples ending at it whose earlier samples are seq * 10
 * + 1 for the tick seq (so that a sample taken for the wrong tick shows),
 * and one disk "vda" with n reads of 100-odd us (slot 6) and 1 write of
 * 5 ms (slot 12). */
static void snap_at(struct tt_snapshot *s, struct tt_bio_disk *d, uint64_t seq, unsigned spark_len,
		    uint64_t n)
{
	memset(s, 0, sizeof(*s));
	memset(d, 0, sizeof(*d));
	s->seq = seq;
	s->vfs.rate[VFS_READ] = (double)seq * 10;
	s->vfs.spark_len = spark_len;
	for (unsigned i = 0; i + 1 < spark_len; i++)
		s->vfs.spark[VFS_READ][i] = (double)(seq - (spark_len - 1 - i)) * 10 + 1;
	if (spark_len)
		s->vfs.spark[VFS_READ][spark_len - 1] = s->vfs.rate[VFS_READ];
	snprintf(d->name, sizeof(d->name), "vda");
	for (uint64_t i = 0; i < n; i++)
		hist_add(&d->interval[BIO_OP_READ][BIO_PH_DEVICE], 100);
	hist_add(&d->interval[BIO_OP_WRITE][BIO_PH_DEVICE], 5000);
	s->disks = d;
	s->n_disks = 1;
}

static void test_columns_by_seq(void **state)
{
	struct tick_history *h = tick_history_new();
	struct tt_snapshot s;
	struct tt_bio_disk d;
	struct hist out;
	double r = -1;

	(void)state;
	assert_non_null(h);
	snap_at(&s, &d, 100, 5, 7);
	assert_true(tick_history_note(h, &s));
	/* the tick itself from its rate, the four before from the sparkline */
	assert_true(tick_history_vfs(h, 100, VFS_READ, &r));
	assert_true(r == 1000);
	for (uint64_t seq = 96; seq < 100; seq++) {
		assert_true(tick_history_vfs(h, seq, VFS_READ, &r));
		assert_true(r == (double)seq * 10 + 1);
	}
	/* before the sparkline and after the tick: gaps */
	assert_false(tick_history_vfs(h, 95, VFS_READ, &r));
	assert_false(tick_history_vfs(h, 101, VFS_READ, &r));
	/* block I/O only for the tick noted, not for the sparkline's past */
	assert_int_equal(tick_history_bio(h, 100, "", -1, BIO_PH_DEVICE, &out), 0);
	assert_int_equal(out.count, 8);
	assert_int_equal(out.slots[6], 7);
	assert_int_equal(out.slots[12], 1);
	assert_int_equal(tick_history_bio(h, 99, "", -1, BIO_PH_DEVICE, &out), -1);
	assert_int_equal(out.count, 0);
	/* picked by operation, disk and phase */
	assert_int_equal(tick_history_bio(h, 100, "vda", BIO_OP_WRITE, BIO_PH_DEVICE, &out), 0);
	assert_int_equal(out.count, 1);
	assert_int_equal(tick_history_bio(h, 100, "vdb", -1, BIO_PH_DEVICE, &out), 0);
	assert_int_equal(out.count, 0);
	assert_int_equal(tick_history_bio(h, 100, NULL, -1, BIO_PH_QUEUE, &out), 0);
	assert_int_equal(out.count, 0);
	assert_int_equal(tick_history_bio(h, 100, NULL, -1, BIO_PH_MAX, &out), -1);
	assert_false(tick_history_vfs(h, 100, VFS_OP_MAX, &r));
	/* The next tick: its own rate; the ticks already known keep what
	 * their own snapshot said (100), not the sparkline's (1001). */
	snap_at(&s, &d, 101, 5, 7);
	tick_history_note(h, &s);
	assert_true(tick_history_vfs(h, 101, VFS_READ, &r));
	assert_true(r == 1010);
	assert_true(tick_history_vfs(h, 100, VFS_READ, &r));
	assert_true(r == 1000);
	tick_history_free(h);
}

static void test_newest_takes_the_slot(void **state)
{
	struct tick_history *h = tick_history_new();
	struct tt_snapshot s;
	struct tt_bio_disk d;
	struct hist out;
	double r;

	(void)state;
	snap_at(&s, &d, 3, 0, 2);
	tick_history_note(h, &s);
	snap_at(&s, &d, 3 + TICK_HISTORY_COLS, 0, 9);
	tick_history_note(h, &s);
	assert_int_equal(tick_history_bio(h, 3, "", -1, BIO_PH_DEVICE, &out), -1);
	assert_false(tick_history_vfs(h, 3, VFS_READ, &r));
	assert_int_equal(tick_history_bio(h, 3 + TICK_HISTORY_COLS, "", BIO_OP_READ, BIO_PH_DEVICE, &out), 0);
	assert_int_equal(out.count, 9);
	/* stepping back to tick 3 (a replay) takes the slot back */
	snap_at(&s, &d, 3, 0, 2);
	tick_history_note(h, &s);
	assert_int_equal(tick_history_bio(h, 3, "", BIO_OP_READ, BIO_PH_DEVICE, &out), 0);
	assert_int_equal(out.count, 2);
	assert_true(tick_history_vfs(h, 3, VFS_READ, &r));
	assert_true(r == 30);
	/* seq 0 (no tick yet) notes nothing */
	s.seq = 0;
	assert_true(tick_history_note(h, &s));
	assert_false(tick_history_vfs(h, 0, VFS_READ, &r));
	tick_history_free(h);
}

/* Of a tick's disks, those without I/O in it take no room; beyond
 * TICK_HISTORY_DISKS busy ones, the rest are left out and said. */
static void test_disks_kept(void **state)
{
	enum { N = TICK_HISTORY_DISKS + 3 };
	struct tick_history *h = tick_history_new();
	struct tt_bio_disk disks[N + 1];
	struct tt_snapshot s;
	struct hist out;

	(void)state;
	snap_at(&s, &disks[0], 7, 0, 1);
	for (unsigned i = 0; i < N + 1; i++) {
		disks[i] = disks[0];
		snprintf(disks[i].name, sizeof(disks[i].name), "sd%03u", i);
	}
	/* the first disk idle in this interval */
	memset(disks[0].interval, 0, sizeof(disks[0].interval));
	s.disks = disks;
	s.n_disks = N + 1;
	assert_true(tick_history_note(h, &s));
	assert_int_equal(tick_history_bio(h, 7, "", BIO_OP_READ, BIO_PH_DEVICE, &out), 3);
	assert_int_equal(out.count, TICK_HISTORY_DISKS);
	/* the idle one took no room: the first busy one and the last kept are there */
	assert_int_equal(tick_history_bio(h, 7, "sd001", BIO_OP_READ, BIO_PH_DEVICE, &out), 3);
	assert_int_equal(out.count, 1);
	assert_int_equal(tick_history_bio(h, 7, "sd064", BIO_OP_READ, BIO_PH_DEVICE, &out), 3);
	assert_int_equal(out.count, 1);
	/* one left out is not known, not idle */
	assert_int_equal(tick_history_bio(h, 7, "sd065", BIO_OP_READ, BIO_PH_DEVICE, &out), -1);
	tick_history_free(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_columns_by_seq),
		cmocka_unit_test(test_newest_takes_the_slot),
		cmocka_unit_test(test_disks_kept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
