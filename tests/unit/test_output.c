/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the batch writers' events (src/out/), issue 12: while a
 * long interval is written, the writers drain the rings (o->pump), and
 * what a drain pushes out of the log is counted as overwritten, never
 * written with another event's slot or strings; the final snapshot does
 * not drain. */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "event_log.h"
#include "output.h"

#define CAP (2 * OUTPUT_PUMP_EVERY)

struct pump {
	struct event_log *log;
	unsigned calls;
};

/* Event seq carries pid seq and path "/p<seq>". */
static void push(struct event_log *log)
{
	char path[32];
	struct tt_event ev;
	uint64_t seq = event_log_end_seq(log);

	memset(&ev, 0, sizeof(ev));
	ev.type = TT_EVENT_OPEN;
	ev.ret = -2;
	ev.pid = (uint32_t)seq;
	ev.ts_ns = 1000 + seq;
	snprintf(ev.comm, sizeof(ev.comm), "w");
	snprintf(path, sizeof(path), "/p%" PRIu64, seq);
	ev.path = ev.raw_path = path;
	ev.path_len = ev.raw_path_len = strlen(path);
	assert_int_equal(event_log_push(log, &ev), 0);
}

/* A drain that brings half a log of new events: the oldest half goes. */
static void pump(void *ctx)
{
	struct pump *p = ctx;

	p->calls++;
	for (int i = 0; i < OUTPUT_PUMP_EVERY; i++)
		push(p->log);
}

/* Writes the interval [0, CAP) of a full log; returns the text. */
static char *write_interval(bool json, bool final, struct pump *p, struct event_log *log)
{
	struct tt_snapshot snap;
	struct output o;
	char *text = NULL;
	size_t len = 0;

	memset(&snap, 0, sizeof(snap));
	snap.ev_begin = 0;
	snap.ev_end = CAP;
	memset(&o, 0, sizeof(o));
	o.f = open_memstream(&text, &len);
	assert_non_null(o.f);
	o.json = json;
	o.version = "test";
	o.pump = pump;
	o.pump_ctx = p;
	output_snapshot(&o, &snap, log, final);
	fclose(o.f);
	return text;
}

/* Every event written is the one its seq names, with its own path. */
static unsigned check_json_events(const char *text)
{
	const char *at = text;
	unsigned n = 0;

	while ((at = strstr(at, "{\"seq\":")) != NULL) {
		uint64_t seq = strtoull(at + 7, NULL, 10);
		const char *end = strchr(at, '}');
		char want[64];

		snprintf(want, sizeof(want), "\"pid\":%" PRIu64 ",", seq);
		assert_non_null(end);
		assert_non_null(strstr(at, want));
		assert_true(strstr(at, want) < end);
		snprintf(want, sizeof(want), "\"path\":\"/p%" PRIu64 "\"", seq);
		assert_true(strstr(at, want) && strstr(at, want) < end);
		n++;
		at = end;
	}
	return n;
}

static void test_json_pump(void **state)
{
	struct event_log log;
	struct pump p;
	char *text;
	unsigned n;

	(void)state;
	assert_int_equal(event_log_init(&log, CAP), 0);
	p = (struct pump){ &log, 0 };
	for (int i = 0; i < CAP; i++)
		push(&log);
	text = write_interval(true, false, &p, &log);
	/* the drain at seq 0 pushed out seqs 0 .. 4095 before they were
	 * written; the one at 4096 pushed out 4096 .. 8191 likewise */
	n = check_json_events(text);
	assert_int_equal(p.calls, 2);
	assert_int_equal(n, 0);
	assert_non_null(strstr(text, "\"events_overwritten\":8192,"));
	free(text);
	event_log_fini(&log);
}

/* The same log and interval, a drain that brings fewer: what stays is
 * written, whole and right. */
static void small_pump(void *ctx)
{
	struct pump *p = ctx;

	p->calls++;
	for (int i = 0; i < 100; i++)
		push(p->log);
}

static void test_json_small_pump(void **state)
{
	struct tt_snapshot snap;
	struct event_log log;
	struct output o;
	struct pump p;
	char *text = NULL;
	size_t len = 0;

	(void)state;
	assert_int_equal(event_log_init(&log, CAP), 0);
	p = (struct pump){ &log, 0 };
	for (int i = 0; i < CAP; i++)
		push(&log);
	memset(&snap, 0, sizeof(snap));
	snap.ev_end = CAP;
	memset(&o, 0, sizeof(o));
	o.f = open_memstream(&text, &len);
	o.json = true;
	o.version = "test";
	o.pump = small_pump;
	o.pump_ctx = &p;
	output_snapshot(&o, &snap, &log, false);
	fclose(o.f);
	/* seq 0 .. 99 went at the first drain, before they were written;
	 * the second drain took 100 .. 199, written by then */
	assert_int_equal(p.calls, 2);
	assert_int_equal(check_json_events(text), CAP - 100);
	assert_non_null(strstr(text, "\"events_overwritten\":100,"));
	free(text);
	event_log_fini(&log);
}

/* The final snapshot does not drain: every event of the interval is
 * written. Text output likewise. */
static void test_final_no_pump(void **state)
{
	struct event_log log;
	struct pump p;
	char *text;

	(void)state;
	assert_int_equal(event_log_init(&log, CAP), 0);
	p = (struct pump){ &log, 0 };
	for (int i = 0; i < CAP; i++)
		push(&log);
	text = write_interval(true, true, &p, &log);
	assert_int_equal(p.calls, 0);
	assert_int_equal(check_json_events(text), CAP);
	free(text);
	text = write_interval(false, true, &p, &log);
	assert_int_equal(p.calls, 0);
	assert_non_null(strstr(text, "/p8191"));
	free(text);
	text = write_interval(false, false, &p, &log);
	assert_int_equal(p.calls, 2);
	assert_non_null(strstr(text, "8192 events of this interval were overwritten"));
	assert_null(strstr(text, "/p0 "));
	free(text);
	event_log_fini(&log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_pump),
		cmocka_unit_test(test_json_small_pump),
		cmocka_unit_test(test_final_no_pump),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
