/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Which events of the event log pass a condition (event types, failed
 * only, up to three filters): their sequence numbers, in order, kept up to
 * date as the log fills and overwrites.
 *
 * The UI shows the log through one of these (the filtered view) and
 * finds search matches through another. Building it over a full ring of
 * 100 000 events can take a while with a costly pattern, so it is built
 * a bounded piece at a time: new events first, then older ones, newest
 * first, so the rows a view shows first are found first. Without any
 * condition nothing is stored: every held event matches. */
#ifndef TRACETOP_LOG_INDEX_H
#define TRACETOP_LOG_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "event_log.h"
#include "filter.h"

/* Conditions on the event itself (bits of mask). */
#define LOG_SHOW_EXEC 0x1u
#define LOG_SHOW_OPEN 0x2u	/* opens and path calls: the open source's events */
#define LOG_FAILED_ONLY 0x4u
#define LOG_SHOW_ALL (LOG_SHOW_EXEC | LOG_SHOW_OPEN)

struct log_index {
	unsigned mask;
	struct filter *filter[3];	/* borrowed; NULL or inactive: no condition */
	bool all;		/* no condition at all: nothing stored */
	uint64_t *ring;		/* owned: matching seqs, ascending, from head */
	size_t cap, head, n;
	bool started;		/* lo and hi set since the last reset */
	uint64_t lo, hi;	/* seqs examined: [lo, hi) */
	uint64_t first, end;	/* the log's range at the last update */
};

void log_index_init(struct log_index *x);
void log_index_fini(struct log_index *x);
/* Starts over with new conditions (filters borrowed until the next
 * reset; they must not change without one). */
void log_index_reset(struct log_index *x, unsigned mask, struct filter *a, struct filter *b,
		     struct filter *c);
/* Follows log: forgets overwritten events, examines new ones, then older
 * ones not examined yet, until max_events were examined or deadline_ns
 * (CLOCK_MONOTONIC; 0: none) passed. Returns true when every held event
 * has been examined. */
bool log_index_update(struct log_index *x, const struct event_log *log, size_t max_events,
		      uint64_t deadline_ns);
bool log_index_complete(const struct log_index *x);

/* Matches known so far. */
size_t log_index_count(const struct log_index *x);
/* The seq of the match of rank r (0: the oldest); r < count. */
uint64_t log_index_at(const struct log_index *x, size_t r);
/* Matches with a seq below seq. */
size_t log_index_rank(const struct log_index *x, uint64_t seq);
bool log_index_has(const struct log_index *x, uint64_t seq);
/* The newest match at or below seq / the oldest at or above it; false
 * when there is none. */
bool log_index_floor(const struct log_index *x, uint64_t seq, uint64_t *out);
bool log_index_ceil(const struct log_index *x, uint64_t seq, uint64_t *out);

#endif
