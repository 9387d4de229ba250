/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Batch writers: the same snapshot the UI draws, printed as text (like
 * top -b) or as NDJSON (one object per line). Every string that came from
 * the kernel goes through the sanitiser (text) or the JSON escaper. */
#ifndef TRACETOP_OUTPUT_H
#define TRACETOP_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "event_log.h"
#include "filter.h"
#include "log_index.h"
#include "scope.h"
#include "snapshot.h"

struct output {
	FILE *f;		/* borrowed */
	bool json;
	int64_t wall_offset_ns;	/* CLOCK_REALTIME - CLOCK_MONOTONIC, to date events */
	double interval_s;
	uint32_t self_pid;
	const char *version;
	struct filter *filter;	/* borrowed: --filter, or NULL; only matching events print */
	/* borrowed: --comm's scope, or NULL: the counters printed are the
	 * scoped processes' (scope.h), and --filter holds its comm term */
	const struct tt_scope *scope;
	/* Called every OUTPUT_PUMP_EVERY sequence numbers of the events
	 * being written (but in the final snapshot), so that a long
	 * interval being printed does not leave the ring buffers to fill
	 * (the app drains them); NULL: never. */
	void (*pump)(void *ctx);
	void *pump_ctx;
	/* The time matching the events of one interval against the filter
	 * may take; the events not examined by then are counted and
	 * reported, not written (so no pattern stalls the output or
	 * delays a signal for long). 0: no limit. */
	uint64_t filter_budget_ns;
	struct output_stream *stream;	/* borrowed; NULL: events inside the snapshot */
	/* A saved view (save.h): every row of a table, in the snapshot's
	 * order (the order the screen showed), every failing call given;
	 * else the batch's top rows and the interval's failing calls. */
	bool whole;
};

/* What the writers did with the events of an interval (or, streaming,
 * since the last snapshot). */
struct output_counts {
	uint64_t overwritten;	/* gone from the log before they could be written */
	uint64_t examined;	/* looked at by the filter */
	uint64_t matched;	/* written */
	uint64_t unexamined;	/* left when the filter's time was spent */
};

/* --json --stream: events go out one per line as they are drained; the
 * snapshot then carries the counts since the previous one instead of an
 * events array. */
struct output_stream {
	uint64_t next;		/* first sequence number not written yet */
	struct output_counts counts;
	uint64_t deadline;	/* the filter's time for this interval, shared by
				 * its drains; 0: not started yet */
};

/* The filter's time per interval: this share of the interval. */
#define OUTPUT_FILTER_SHARE 0.5

#define OUTPUT_PUMP_EVERY 4096

/* Once, after the probes started: which sources run and how. */
void output_start(const struct output *o, const struct tt_snapshot *snap);
/* --stream: writes the events drained since the last call, each on a
 * line of its own (the JSON of an event in a snapshot's array). */
void output_stream_events(const struct output *o, const struct event_log *log, bool final);
/* Once per interval; final marks the partial interval written at exit. */
void output_snapshot(const struct output *o, const struct tt_snapshot *snap,
		     const struct event_log *log, bool final);

/* The two formats (output.c dispatches). */
void output_text_start(const struct output *o, const struct tt_snapshot *snap);
void output_text_snapshot(const struct output *o, const struct tt_snapshot *snap,
			  const struct event_log *log, bool final);
void output_json_start(const struct output *o, const struct tt_snapshot *snap);
void output_json_snapshot(const struct output *o, const struct tt_snapshot *snap,
			  const struct event_log *log, bool final);

/* The parts of a snapshot a saved view writes on its own. */
enum output_part { OUTPUT_VFS, OUTPUT_SYSCALLS, OUTPUT_PROCS, OUTPUT_BIO, OUTPUT_FAILS };

/* One part as the snapshot writers print it: in text its block, in JSON
 * its members, each led by a comma (inside an object the caller opens). */
void output_part(const struct output *o, const struct tt_snapshot *snap, enum output_part part);
void output_text_part(const struct output *o, const struct tt_snapshot *snap, enum output_part part);
void output_json_part(const struct output *o, const struct tt_snapshot *snap, enum output_part part);

/* The events x lists (it must be complete) with a seq below end, one per
 * line: in text under a column header, in JSON each an object as
 * --stream writes it. Returns how many were written (an event
 * overwritten meanwhile is not). */
size_t output_events_of(const struct output *o, const struct event_log *log,
			const struct log_index *x, uint64_t end);
size_t output_text_events_of(const struct output *o, const struct event_log *log,
			     const struct log_index *x, uint64_t end);
size_t output_json_events_of(const struct output *o, const struct event_log *log,
			     const struct log_index *x, uint64_t end);

/* When the filter's time for the interval being written ends, 0 for
 * never (no filter in force, or no budget). */
uint64_t output_filter_deadline(const struct output *o);
/* Whether that time is over. */
bool output_filter_spent(uint64_t deadline);
/* Shared by both: event seq of the interval being written, or NULL once
 * it is no longer held. Every OUTPUT_PUMP_EVERY sequence numbers, but in
 * the final snapshot (where a drain would only push out what it is about
 * to write), it drains the rings first: a drain may push the event out,
 * so the event is fetched after it. */
const struct tt_event *output_event(const struct output *o, const struct event_log *log,
				    uint64_t seq, bool final);

/* The failing-calls rows a snapshot writes: those that failed in its
 * interval and pass --filter, most failures in the interval first (then
 * most in all); o->whole: all of them, in their order. Fills rows (room for snap->n_fails) with indexes into
 * snap->fails; returns how many. */
size_t output_fails(const struct output *o, const struct tt_snapshot *snap, size_t *rows);
/* Rows the text output lists at most (JSON lists them all). */
#define OUTPUT_FAILS_TEXT_MAX 20

/* How full the event log was: the snapshot's figures (at its tick; a
 * replay's are the recorded ones), or the log's when it has none. */
struct tt_log_fill output_log_fill(const struct tt_snapshot *snap, const struct event_log *log);

/* Shared by both: "HH:MM:SS.mmm" local time of a CLOCK_MONOTONIC stamp. */
void output_event_time(const struct output *o, uint64_t mono_ns, char *buf, size_t len);

/* The same for a run of events: the local time of the last second seen
 * is kept, so most events cost no time zone conversion. Start with
 * OUTPUT_CLOCK_INIT; buf holds at least OUTPUT_TIME_LEN bytes. */
struct output_clock {
	int64_t sec;
	char hms[12];
};
#define OUTPUT_CLOCK_INIT { INT64_MIN, "" }
#define OUTPUT_TIME_LEN 32
void output_event_time_run(const struct output *o, struct output_clock *c, uint64_t mono_ns,
			   char *buf);

#endif
