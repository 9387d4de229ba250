/* A bounded ring of recent exec/open events.
 *
 * Every event gets a sequence number; the ring keeps the newest
 * `capacity` of them and overwrites the oldest. Each slot owns a text
 * buffer that is reused when the slot is overwritten, so a full ring
 * allocates nothing per event. */
#ifndef TRACETOP_EVENT_LOG_H
#define TRACETOP_EVENT_LOG_H

#include <stddef.h>
#include <stdint.h>
#include "event.h"

struct event_log_slot {
	struct tt_event ev;	/* path/args point into text */
	char *text;		/* owned: path NUL args NUL */
	size_t text_cap;
};

struct event_log_key;

struct event_log {
	struct event_log_slot *slots;	/* owned, capacity entries */
	size_t capacity;
	uint64_t next_seq;	/* sequence number of the next push */
	uint64_t overwritten;	/* events pushed out by newer ones */
	struct event_log_key *keys;	/* owned: event_log_order's scratch */
	size_t keys_cap;
};

int event_log_init(struct event_log *log, size_t capacity);
void event_log_fini(struct event_log *log);
/* Copies ev (and its strings) into the ring. 0 or -ENOMEM. */
int event_log_push(struct event_log *log, const struct tt_event *ev);
/* Puts the events from seq `from` to the newest in time order (ts_ns;
 * equal times keep their order). For a batch just received from several
 * ring buffers, which arrive one ring after the other: sequence numbers
 * then follow time. Only events no reader has seen may be reordered.
 * 0, or -ENOMEM (the order is left as it was). */
int event_log_order(struct event_log *log, uint64_t from);
/* Oldest sequence number still held, and one past the newest. */
uint64_t event_log_first_seq(const struct event_log *log);
uint64_t event_log_end_seq(const struct event_log *log);
size_t event_log_count(const struct event_log *log);
/* The event with sequence number seq, or NULL when it is not held. The
 * pointer stays valid until the slot is overwritten. Its path and args
 * are NUL-terminated. */
const struct tt_event *event_log_get(const struct event_log *log, uint64_t seq);

#endif
