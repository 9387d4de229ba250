/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Picks the batch format and holds what the two formats share. */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "clock.h"
#include "fail_table.h"
#include "output.h"

struct tt_log_fill output_log_fill(const struct tt_snapshot *snap, const struct event_log *log)
{
	if (snap->log_fill.capacity)
		return snap->log_fill;
	return (struct tt_log_fill){
		.events = event_log_count(log), .capacity = log->capacity,
		.text_used = event_log_text_used(log), .text_bytes = log->text_bytes,
		.dropped = log->overwritten, .dropped_for_bytes = log->dropped_for_bytes,
	};
}

void output_start(const struct output *o, const struct tt_snapshot *snap)
{
	if (o->json)
		output_json_start(o, snap);
	else
		output_text_start(o, snap);
	fflush(o->f);
}

void output_snapshot(const struct output *o, const struct tt_snapshot *snap,
		     const struct event_log *log, bool final)
{
	struct scope_snap sv;
	const struct tt_snapshot *s = o->scope ? scope_snapshot(o->scope, snap, true, &sv) : snap;

	if (o->json)
		output_json_snapshot(o, s, log, final);
	else
		output_text_snapshot(o, s, log, final);
	if (o->scope)
		scope_snapshot_free(&sv);
	fflush(o->f);
}

void output_part(const struct output *o, const struct tt_snapshot *snap, enum output_part part)
{
	if (o->json)
		output_json_part(o, snap, part);
	else
		output_text_part(o, snap, part);
}

size_t output_events_of(const struct output *o, const struct event_log *log,
			const struct log_index *x, uint64_t end)
{
	return o->json ? output_json_events_of(o, log, x, end) : output_text_events_of(o, log, x, end);
}

uint64_t output_filter_deadline(const struct output *o)
{
	if (!o->filter_budget_ns || !filter_active(o->filter))
		return 0;
	return clock_mono_ns() + o->filter_budget_ns;
}

bool output_filter_spent(uint64_t deadline)
{
	return deadline && clock_mono_ns() >= deadline;
}

const struct tt_event *output_event(const struct output *o, const struct event_log *log,
				    uint64_t seq, bool final)
{
	if (o->pump && !final && seq % OUTPUT_PUMP_EVERY == 0)
		o->pump(o->pump_ctx);
	return event_log_get(log, seq);
}

void output_event_time(const struct output *o, uint64_t mono_ns, char *buf, size_t len)
{
	/* unsigned: a hostile or garbled stamp must not overflow */
	int64_t wall_ns = (int64_t)(mono_ns + (uint64_t)o->wall_offset_ns);
	time_t secs = (time_t)(wall_ns / 1000000000);
	struct tm tm;

	if (!localtime_r(&secs, &tm)) {
		snprintf(buf, len, "?");
		return;
	}
	snprintf(buf, len, "%02d:%02d:%02d.%03d", tm.tm_hour, tm.tm_min, tm.tm_sec,
		 (int)((wall_ns / 1000000) % 1000));
}

void output_event_time_run(const struct output *o, struct output_clock *c, uint64_t mono_ns,
			   char *buf)
{
	int64_t wall_ns = (int64_t)(mono_ns + (uint64_t)o->wall_offset_ns);
	int64_t sec = wall_ns / 1000000000;
	unsigned ms;

	if (wall_ns < 0) {
		output_event_time(o, mono_ns, buf, OUTPUT_TIME_LEN);
		return;
	}
	if (sec != c->sec) {
		time_t t = (time_t)sec;
		struct tm tm;

		if (!localtime_r(&t, &tm)) {
			snprintf(buf, OUTPUT_TIME_LEN, "?");
			return;
		}
		snprintf(c->hms, sizeof(c->hms), "%02d:%02d:%02d", tm.tm_hour, tm.tm_min,
			 tm.tm_sec);
		c->sec = sec;
	}
	ms = (unsigned)((wall_ns / 1000000) % 1000);
	memcpy(buf, c->hms, 8);
	buf[8] = '.';
	buf[9] = (char)('0' + ms / 100);
	buf[10] = (char)('0' + ms / 10 % 10);
	buf[11] = (char)('0' + ms % 10);
	buf[12] = '\0';
}

static int by_interval(const void *a, const void *b, void *ctx)
{
	const struct tt_fail_row *rows = ctx;
	const struct tt_fail_row *x = &rows[*(const size_t *)a], *y = &rows[*(const size_t *)b];

	if (x->interval != y->interval)
		return x->interval > y->interval ? -1 : 1;
	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

size_t output_fails(const struct output *o, const struct tt_snapshot *snap, size_t *rows)
{
	size_t n = 0;

	if (o->whole) {
		for (; n < snap->n_fails; n++)
			rows[n] = n;
		return n;
	}
	for (size_t i = 0; i < snap->n_fails; i++)
		if (snap->fails[i].interval && fail_row_match(o->filter, &snap->fails[i]))
			rows[n++] = i;
	qsort_r(rows, n, sizeof(*rows), by_interval, (void *)snap->fails);
	return n;
}
