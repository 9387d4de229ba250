/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the event log ring (src/core/event_log.c): sequence
 * numbers, overwriting, copies of paths and NUL-separated argv, and the
 * text arena's byte budget (issue 12). */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "event_log.h"

static struct tt_event make_exec(uint32_t pid, const char *path, const char *args, size_t args_len)
{
	struct tt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = TT_EVENT_EXEC;
	ev.pid = pid;
	snprintf(ev.comm, sizeof(ev.comm), "proc%u", pid);
	ev.path = path;
	ev.path_len = strlen(path);
	ev.args = args;
	ev.args_len = args_len;
	return ev;
}

static void test_capacity_zero(void **state)
{
	struct event_log log;

	(void)state;
	assert_int_equal(event_log_init(&log, 0), -EINVAL);
	event_log_fini(&log);	/* safe after a failed init */
}

static void test_push_get(void **state)
{
	static const char args[] = "ls\0-l\0/tmp";	/* argv with inner NULs */
	char path[] = "/bin/ls";
	struct tt_event ev = make_exec(42, path, args, sizeof(args) - 1);
	const struct tt_event *got;
	struct event_log log;

	(void)state;
	assert_int_equal(event_log_init(&log, 4), 0);
	assert_int_equal(event_log_count(&log), 0);
	assert_null(event_log_get(&log, 0));
	assert_int_equal(event_log_push(&log, &ev), 0);
	/* the log keeps its own copy: changing the source changes nothing */
	path[1] = 'X';
	got = event_log_get(&log, 0);
	assert_non_null(got);
	assert_int_equal(got->pid, 42);
	assert_string_equal(got->comm, "proc42");
	assert_string_equal(got->path, "/bin/ls");
	assert_int_equal(got->path_len, 7);
	assert_int_equal(got->args_len, sizeof(args) - 1);
	assert_memory_equal(got->args, args, sizeof(args) - 1);
	assert_int_equal(got->args[got->args_len], '\0');
	assert_ptr_not_equal(got->path, path);
	assert_int_equal(event_log_first_seq(&log), 0);
	assert_int_equal(event_log_end_seq(&log), 1);
	assert_null(event_log_get(&log, 1));
	event_log_fini(&log);
}

static void test_path_not_terminated(void **state)
{
	/* decoder strings are bounded by length, not by a NUL */
	const char raw[8] = { 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h' };
	struct tt_event ev = make_exec(1, "", NULL, 0);
	const struct tt_event *got;
	struct event_log log;

	(void)state;
	ev.path = raw;
	ev.path_len = 3;
	assert_int_equal(event_log_init(&log, 2), 0);
	assert_int_equal(event_log_push(&log, &ev), 0);
	got = event_log_get(&log, 0);
	assert_string_equal(got->path, "abc");
	assert_int_equal(got->args_len, 0);
	assert_string_equal(got->args, "");
	/* a NULL path is stored as an empty string */
	ev.path = NULL;
	ev.path_len = 5;
	assert_int_equal(event_log_push(&log, &ev), 0);
	got = event_log_get(&log, 1);
	assert_string_equal(got->path, "");
	assert_int_equal(got->path_len, 0);
	event_log_fini(&log);
}

static void test_wraparound(void **state)
{
	struct event_log log;
	char path[64];
	uint64_t seq;
	unsigned i;

	(void)state;
	assert_int_equal(event_log_init(&log, 3), 0);
	for (i = 0; i < 10; i++) {
		struct tt_event ev;

		/* lengths vary so slot buffers have to grow and be reused */
		snprintf(path, sizeof(path), "/p/%0*u", (int)(i * 5 % 40 + 1), i);
		ev = make_exec(100 + i, path, NULL, 0);
		assert_int_equal(event_log_push(&log, &ev), 0);
	}
	assert_int_equal(event_log_count(&log), 3);
	assert_int_equal(event_log_first_seq(&log), 7);
	assert_int_equal(event_log_end_seq(&log), 10);
	assert_int_equal(log.overwritten, 7);
	assert_null(event_log_get(&log, 6));
	assert_null(event_log_get(&log, 10));
	for (seq = 7; seq < 10; seq++) {
		const struct tt_event *got = event_log_get(&log, seq);

		assert_non_null(got);
		assert_int_equal(got->pid, 100 + seq);
		snprintf(path, sizeof(path), "/p/%0*u", (int)(seq * 5 % 40 + 1), (unsigned)seq);
		assert_string_equal(got->path, path);
	}
	event_log_fini(&log);
}

static void test_long_args(void **state)
{
	static char args[16384];
	struct event_log log;
	struct tt_event ev;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(args); i++)
		args[i] = i % 100 == 99 ? '\0' : (char)('a' + i % 26);
	ev = make_exec(7, "/bin/sh", args, sizeof(args));
	assert_int_equal(event_log_init(&log, 2), 0);
	assert_int_equal(event_log_push(&log, &ev), 0);
	ev.args_len = 10;
	assert_int_equal(event_log_push(&log, &ev), 0);
	assert_int_equal(event_log_push(&log, &ev), 0);	/* drops the big one */
	assert_memory_equal(event_log_get(&log, 1)->args, args, 10);
	assert_int_equal(event_log_get(&log, 2)->args_len, 10);
	assert_true(event_log_text_used(&log) <= log.text_bytes);
	event_log_fini(&log);
}

/* Pushes one event per entry of ts[], pid = 100 + index, path
 * "/p<index>". */
static void push_times(struct event_log *log, const uint64_t *ts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char path[16];
		struct tt_event ev;

		snprintf(path, sizeof(path), "/p%zu", i);
		ev = make_exec((uint32_t)(100 + i), path, "a", 1);
		ev.ts_ns = ts[i];
		assert_int_equal(event_log_push(log, &ev), 0);
	}
}

/* A drained batch arrives ring by ring (all execs, then all opens):
 * event_log_order puts it in time order, across the ring's wrap, moving
 * each event whole (its own text with it), keeping equal times in
 * arrival order and leaving older events alone. */
static void test_order_batch(void **state)
{
	static const uint64_t before[] = { 5, 1 };	/* seen already: stays */
	static const uint64_t batch[] = { 10, 30, 50, 20, 40, 30, 15 };
	static const unsigned want_pid[] = { 100, 106, 103, 101, 105, 104, 102 };
	struct event_log log;
	uint64_t from;

	(void)state;
	assert_int_equal(event_log_init(&log, 8), 0);
	push_times(&log, before, 2);
	from = event_log_end_seq(&log);
	push_times(&log, batch, 7);	/* seqs 2..8: 8 wraps to slot 0 */
	assert_int_equal(event_log_order(&log, from), 0);
	assert_int_equal(event_log_get(&log, 1)->ts_ns, 1);
	for (unsigned i = 0; i < 7; i++) {
		const struct tt_event *ev = event_log_get(&log, from + i);
		char path[16];

		assert_non_null(ev);
		assert_int_equal(ev->pid, want_pid[i]);
		snprintf(path, sizeof(path), "/p%u", want_pid[i] - 100);
		assert_string_equal(ev->path, path);
		if (i)
			assert_true(event_log_get(&log, from + i - 1)->ts_ns <= ev->ts_ns);
	}
	/* equal times (30): arrival order kept */
	assert_int_equal(event_log_get(&log, from + 3)->pid, 101);
	assert_int_equal(event_log_get(&log, from + 4)->pid, 105);
	/* a from older than the ring holds counts from the oldest held;
	 * in order already: nothing moves */
	assert_int_equal(event_log_order(&log, 0), 0);
	assert_int_equal(event_log_get(&log, from)->pid, 100);
	/* nothing new: nothing to do */
	assert_int_equal(event_log_order(&log, event_log_end_seq(&log)), 0);
	event_log_fini(&log);
}

/* An event whose path is `len` bytes of one letter derived from its pid,
 * so any held event can be checked against its own pid. */
static struct tt_event sized_event(uint32_t pid, size_t len, char *buf)
{
	struct tt_event ev;

	memset(buf, 'a' + pid % 26, len);
	ev = make_exec(pid, "", NULL, 0);
	ev.path = buf;
	ev.path_len = len;
	ev.args = buf;
	ev.args_len = len / 3;
	return ev;
}

/* Every held event still carries its own strings. */
static void check_intact(const struct event_log *log)
{
	for (uint64_t seq = event_log_first_seq(log); seq < event_log_end_seq(log); seq++) {
		const struct tt_event *ev = event_log_get(log, seq);
		char want = (char)('a' + ev->pid % 26);

		assert_non_null(ev);
		for (size_t i = 0; i < ev->path_len; i++)
			if (ev->path[i] != want)
				fail_msg("seq %llu: path byte %zu clobbered", (unsigned long long)seq, i);
		assert_int_equal(ev->path[ev->path_len], '\0');
		for (size_t i = 0; i < ev->args_len; i++)
			if (ev->args[i] != want)
				fail_msg("seq %llu: args byte %zu clobbered", (unsigned long long)seq, i);
	}
	assert_true(event_log_text_used(log) <= log->text_bytes);
}

/* Long paths fill the text budget long before the event count: the log
 * holds what fits, the newest, and counts what it dropped for bytes. */
static void test_byte_budget(void **state)
{
	static char buf[4096];
	struct event_log log;
	struct tt_event ev;
	uint32_t i;

	(void)state;
	assert_int_equal(event_log_init_bytes(&log, 1000, EVENT_LOG_TEXT_MIN), 0);
	assert_int_equal(log.text_bytes, EVENT_LOG_TEXT_MIN);
	for (i = 0; i < 100; i++) {
		ev = sized_event(i, 4000, buf);
		assert_int_equal(event_log_push(&log, &ev), 0);
		check_intact(&log);
	}
	/* 4000 + 1333 + 3 bytes each: 12 fit in 64 KiB */
	assert_int_equal(event_log_count(&log), EVENT_LOG_TEXT_MIN / 5336);
	assert_int_equal(event_log_end_seq(&log), 100);
	assert_int_equal(log.dropped_for_bytes, 100 - event_log_count(&log));
	assert_int_equal(log.overwritten, log.dropped_for_bytes);
	assert_int_equal(event_log_get(&log, 99)->pid, 99);
	/* short events after long ones: the count limit rules again */
	for (i = 0; i < 3000; i++) {
		ev = sized_event(i, 10, buf);
		assert_int_equal(event_log_push(&log, &ev), 0);
	}
	check_intact(&log);
	assert_int_equal(event_log_count(&log), 1000);
	event_log_fini(&log);
}

/* The default budget follows the capacity; a budget below the largest
 * event is raised; an event larger than the arena is refused whole. */
static void test_budget_limits(void **state)
{
	static char buf[EVENT_LOG_TEXT_MIN * 2];
	struct event_log log;
	struct tt_event ev;

	(void)state;
	assert_int_equal(event_log_init(&log, 100000), 0);
	assert_int_equal(log.text_bytes, 100000 * EVENT_LOG_BYTES_PER_EVENT);
	event_log_populate(&log);	/* resident now; still empty */
	assert_int_equal(event_log_count(&log), 0);
	assert_int_equal(log.slots[99999].at, 0);
	assert_int_equal(log.arena[log.text_bytes - 1], 0);
	event_log_fini(&log);
	assert_int_equal(event_log_init_bytes(&log, 4, 100), 0);
	assert_int_equal(log.text_bytes, EVENT_LOG_TEXT_MIN);
	ev = sized_event(1, sizeof(buf) / 2, buf);	/* path + args > arena */
	assert_int_equal(event_log_push(&log, &ev), -E2BIG);
	assert_int_equal(event_log_end_seq(&log), 0);
	event_log_fini(&log);
}

/* Random sizes, batches put in time order, drops reaching into reordered
 * batches: no held event ever loses a byte of its strings. */
static void test_arena_random(void **state)
{
	static char buf[6000];
	struct event_log log;
	uint64_t rnd = 0x9e3779b97f4a7c15ull, from;
	uint32_t pid = 0;

	(void)state;
	assert_int_equal(event_log_init_bytes(&log, 64, EVENT_LOG_TEXT_MIN), 0);
	for (int round = 0; round < 400; round++) {
		unsigned batch = (unsigned)(rnd >> 60) + 1;

		from = event_log_end_seq(&log);
		for (unsigned i = 0; i < batch; i++) {
			struct tt_event ev;

			rnd = rnd * 6364136223846793005ull + 1442695040888963407ull;
			/* mostly short, one in eight long: both limits act */
			ev = sized_event(pid++, (size_t)(rnd >> 33) %
					 ((rnd >> 29 & 7) ? 64 : sizeof(buf)), buf);
			ev.ts_ns = rnd >> 40;	/* out of order within the batch */
			assert_int_equal(event_log_push(&log, &ev), 0);
		}
		assert_int_equal(event_log_order(&log, from), 0);
		check_intact(&log);
	}
	assert_true(log.dropped_for_bytes > 0);
	assert_true(log.overwritten > log.dropped_for_bytes);
	event_log_fini(&log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_capacity_zero),
		cmocka_unit_test(test_push_get),
		cmocka_unit_test(test_path_not_terminated),
		cmocka_unit_test(test_wraparound),
		cmocka_unit_test(test_long_args),
		cmocka_unit_test(test_order_batch),
		cmocka_unit_test(test_byte_budget),
		cmocka_unit_test(test_budget_limits),
		cmocka_unit_test(test_arena_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
