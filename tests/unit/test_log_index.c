/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the index of matching events (src/log_index.c), issue 4:
 * the unconditional view, type and failed-only conditions, a filter,
 * a bounded build (newest first), new and overwritten events, and the
 * navigation helpers the UI scrolls and searches with. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "log_index.h"

/* seq i: even i open, odd i exec; every third failed; paths "/p<i>". */
static void push_n(struct event_log *log, unsigned from, unsigned n)
{
	for (unsigned i = from; i < from + n; i++) {
		struct tt_event ev;
		char path[32];

		memset(&ev, 0, sizeof(ev));
		ev.type = i % 2 ? TT_EVENT_EXEC : TT_EVENT_OPEN;
		ev.pid = i;
		ev.ret = i % 3 == 0 ? -2 : 3;
		snprintf(ev.comm, sizeof(ev.comm), "c%u", i % 5);
		snprintf(path, sizeof(path), "/p%u", i);
		ev.path = path;
		ev.path_len = strlen(path);
		assert_int_equal(event_log_push(log, &ev), 0);
	}
}

static void test_all(void **state)
{
	struct event_log log;
	struct log_index x;
	uint64_t s;

	(void)state;
	event_log_init(&log, 10);
	push_n(&log, 0, 14);	/* 4 overwritten: 4..13 held */
	log_index_init(&x);
	assert_true(log_index_update(&x, &log, 1, 0));
	assert_int_equal(log_index_count(&x), 10);
	assert_int_equal(log_index_at(&x, 0), 4);
	assert_int_equal(log_index_rank(&x, 8), 4);
	assert_true(log_index_has(&x, 13));
	assert_false(log_index_has(&x, 3));
	assert_true(log_index_floor(&x, 100, &s));
	assert_int_equal(s, 13);
	assert_false(log_index_ceil(&x, 14, &s));
	log_index_fini(&x);
	event_log_fini(&log);
}

static void test_conditions(void **state)
{
	struct event_log log;
	struct log_index x;
	struct filter f;

	(void)state;
	event_log_init(&log, 100);
	push_n(&log, 0, 30);
	log_index_init(&x);
	log_index_reset(&x, LOG_SHOW_OPEN, NULL, NULL, NULL);
	assert_true(log_index_update(&x, &log, 1000, 0));
	assert_int_equal(log_index_count(&x), 15);	/* the even ones */
	for (size_t r = 0; r < 15; r++)
		assert_int_equal(log_index_at(&x, r), 2 * r);
	log_index_reset(&x, LOG_SHOW_ALL | LOG_FAILED_ONLY, NULL, NULL, NULL);
	log_index_update(&x, &log, 1000, 0);
	assert_int_equal(log_index_count(&x), 10);	/* 0, 3, ... 27 */
	assert_int_equal(log_index_at(&x, 9), 27);
	/* a filter, and a second one on top (the search) */
	filter_init(&f);
	assert_int_equal(filter_set(&f, "comm:^c1$", NULL), 0);	/* i % 5 == 1 */
	log_index_reset(&x, LOG_SHOW_EXEC, &f, NULL, NULL);
	log_index_update(&x, &log, 1000, 0);
	assert_int_equal(log_index_count(&x), 3);	/* 1, 11, 21 */
	assert_int_equal(log_index_at(&x, 1), 11);
	log_index_fini(&x);
	filter_fini(&f);
	event_log_fini(&log);
}

static void test_bounded_build_newest_first(void **state)
{
	struct event_log log;
	struct log_index x;
	uint64_t s;

	(void)state;
	event_log_init(&log, 1000);
	push_n(&log, 0, 1000);
	log_index_init(&x);
	log_index_reset(&x, LOG_SHOW_OPEN, NULL, NULL, NULL);
	assert_false(log_index_update(&x, &log, 100, 0));
	assert_false(log_index_complete(&x));
	/* the newest 100 events were examined: 50 opens, 900..998 */
	assert_int_equal(log_index_count(&x), 50);
	assert_int_equal(log_index_at(&x, 0), 900);
	/* new events come in at the back while the build goes on */
	push_n(&log, 1000, 10);	/* ten oldest overwritten */
	assert_false(log_index_update(&x, &log, 100, 0));
	assert_int_equal(log_index_at(&x, log_index_count(&x) - 1), 1008);
	while (!log_index_update(&x, &log, 100, 0))
		;
	assert_int_equal(log_index_count(&x), 500);
	assert_int_equal(log_index_at(&x, 0), 10);
	/* navigation */
	assert_true(log_index_floor(&x, 15, &s));
	assert_int_equal(s, 14);
	assert_true(log_index_ceil(&x, 15, &s));
	assert_int_equal(s, 16);
	assert_false(log_index_floor(&x, 9, &s));
	assert_int_equal(log_index_rank(&x, 16), 3);
	/* overwriting drops the oldest matches */
	push_n(&log, 1010, 500);
	log_index_update(&x, &log, 100000, 0);
	assert_int_equal(log_index_at(&x, 0), 510);
	assert_int_equal(log_index_count(&x), 500);
	log_index_fini(&x);
	event_log_fini(&log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all),
		cmocka_unit_test(test_conditions),
		cmocka_unit_test(test_bounded_build_newest_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
