/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A bounded ring of recent exec/open events.
 *
 * Every event gets a sequence number. The ring keeps the newest events,
 * up to `capacity` of them *and* up to `text_bytes` of their strings
 * (paths, argv), whichever limit is reached first; older ones are
 * dropped and counted. The strings live in one arena allocated at init,
 * written in push order as a byte ring, so storing an event allocates
 * nothing and, once the arena has been round once, touches no new page. */
#ifndef TRACETOP_EVENT_LOG_H
#define TRACETOP_EVENT_LOG_H

#include <stddef.h>
#include <stdint.h>
#include "event.h"

/* Text bytes per event the default budget allows for: a short path or a
 * short command line with its NULs. 100 000 events: 16 MiB. */
#define EVENT_LOG_BYTES_PER_EVENT 160
/* The arena holds at least the largest single event (path, argv, the
 * path as passed, each with its NUL). */
#define EVENT_LOG_TEXT_MIN 65536

struct event_log_slot {
	struct tt_event ev;	/* path, args and raw_path point into the arena */
	uint64_t at;		/* arena position of its text (positions only grow) */
	uint64_t floor;		/* lowest position of its text and of every
				 * later event's (differs from at only after
				 * event_log_order moved slots) */
};

struct event_log_key;

struct event_log {
	struct event_log_slot *slots;	/* owned, capacity entries */
	size_t capacity;
	uint64_t first_seq;	/* oldest event still held */
	uint64_t next_seq;	/* sequence number of the next push */
	uint64_t overwritten;	/* events dropped for newer ones, for either limit */
	uint64_t dropped_for_bytes;	/* of those, dropped because the text was full */
	char *arena;		/* owned: text_bytes, a ring of event strings */
	size_t text_bytes;
	uint64_t head;		/* arena position of the next string */
	struct event_log_key *keys;	/* owned: event_log_order's scratch,
					 * capacity entries */
};

/* A ring of capacity events and the default text budget for it
 * (capacity * EVENT_LOG_BYTES_PER_EVENT, at least EVENT_LOG_TEXT_MIN). */
int event_log_init(struct event_log *log, size_t capacity);
/* The same with text_bytes of strings (0: the default; raised to
 * EVENT_LOG_TEXT_MIN). 0, -EINVAL (capacity 0) or -ENOMEM. */
int event_log_init_bytes(struct event_log *log, size_t capacity, size_t text_bytes);
void event_log_fini(struct event_log *log);
/* Faults in the slots and the arena now (see bigmem.h). */
void event_log_populate(struct event_log *log);
/* Copies ev (and its strings) into the ring, dropping the oldest events
 * as either limit requires. 0, or -E2BIG for an event whose strings do
 * not fit the whole arena (nothing stored). */
int event_log_push(struct event_log *log, const struct tt_event *ev);
/* Puts the events from seq `from` to the newest in time order (ts_ns;
 * equal times keep their order). For a batch just received from several
 * ring buffers, which arrive one ring after the other: sequence numbers
 * then follow time. Only events no reader has seen may be reordered.
 * Allocates nothing: 0. */
int event_log_order(struct event_log *log, uint64_t from);
/* Oldest sequence number still held, and one past the newest. */
/* Drops every event; sequence numbers go on from where they were, so a
 * reader's notion of "seen up to" stays valid (a replay's jump). */
void event_log_clear(struct event_log *log);
/* Drops every event and goes on at sequence number seq (> the end): a
 * replay's log takes the numbers the events had live. */
void event_log_skip_to(struct event_log *log, uint64_t seq);
/* Empty, as new: sequence numbers start again at 0 (for a log no reader
 * has indexes on: a fresh decode). */
void event_log_reset(struct event_log *log);
uint64_t event_log_first_seq(const struct event_log *log);
uint64_t event_log_end_seq(const struct event_log *log);
size_t event_log_count(const struct event_log *log);
/* Bytes of the arena the held events' strings take (gaps included). */
size_t event_log_text_used(const struct event_log *log);
/* The event with sequence number seq, or NULL when it is not held. The
 * pointer and its strings stay valid while the event is held: a push may
 * drop it. Its path and args are NUL-terminated. */
const struct tt_event *event_log_get(const struct event_log *log, uint64_t seq);

#endif
