/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The event log: a bounded ring of the newest exec/open events, each
 * with a sequence number so views and writers can say "everything since
 * seq N" without copying.
 *
 * Slots and strings are allocated at init and faulted in once, when the
 * app calls event_log_populate. Strings go to one arena used as a byte
 * ring. Arena positions only
 * grow (the byte is at position % text_bytes); an event's strings are
 * one contiguous block, never split at the arena's end: a block that
 * would cross it starts again at the front, and the bytes skipped count
 * as used until the events before them go. Events leave in sequence
 * order, so the space in use is one range from the oldest event's block
 * to the head; making room is dropping the oldest events until the new
 * block fits. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "bigmem.h"
#include "event_log.h"

struct event_log_key {
	uint64_t ts;
	size_t at;	/* offset of the event in the batch */
};

int event_log_init(struct event_log *log, size_t capacity)
{
	return event_log_init_bytes(log, capacity, 0);
}

int event_log_init_bytes(struct event_log *log, size_t capacity, size_t text_bytes)
{
	memset(log, 0, sizeof(*log));
	if (!capacity)
		return -EINVAL;
	if (!text_bytes)
		text_bytes = capacity > SIZE_MAX / EVENT_LOG_BYTES_PER_EVENT ?
			     SIZE_MAX : capacity * EVENT_LOG_BYTES_PER_EVENT;
	if (text_bytes < EVENT_LOG_TEXT_MIN)
		text_bytes = EVENT_LOG_TEXT_MIN;
	if (capacity > SIZE_MAX / sizeof(log->slots[0]))
		return -ENOMEM;
	log->capacity = capacity;
	log->text_bytes = text_bytes;
	log->slots = bigmem_alloc(capacity * sizeof(log->slots[0]));
	log->arena = bigmem_alloc(text_bytes);
	/* event_log_order's scratch: room for a drain as large as the log,
	 * mapped now, its pages taken only if drains out of order need them */
	log->keys = bigmem_alloc(capacity * sizeof(log->keys[0]));
	if (!log->slots || !log->arena || !log->keys) {
		event_log_fini(log);
		return -ENOMEM;
	}
	return 0;
}

void event_log_fini(struct event_log *log)
{
	bigmem_free(log->slots, log->capacity * sizeof(log->slots[0]));
	bigmem_free(log->arena, log->text_bytes);
	bigmem_free(log->keys, log->capacity * sizeof(log->keys[0]));
	memset(log, 0, sizeof(*log));
}

void event_log_populate(struct event_log *log)
{
	bigmem_populate(log->slots, log->capacity * sizeof(log->slots[0]));
	bigmem_populate(log->arena, log->text_bytes);
}

static struct event_log_slot *slot_of(const struct event_log *log, uint64_t seq)
{
	return &log->slots[seq % log->capacity];
}

/* Drops the oldest event. */
static void drop_oldest(struct event_log *log, bool for_bytes)
{
	log->first_seq++;
	log->overwritten++;
	if (for_bytes)
		log->dropped_for_bytes++;
}

/* The arena position for a block of need bytes, after dropping what it
 * must; need <= text_bytes. */
static uint64_t text_reserve(struct event_log *log, size_t need)
{
	uint64_t at = log->head;
	size_t off = (size_t)(at % log->text_bytes);

	if (off + need > log->text_bytes)
		at += log->text_bytes - off;	/* start again at the front */
	while (log->first_seq < log->next_seq &&
	       at + need - slot_of(log, log->first_seq)->floor > log->text_bytes)
		drop_oldest(log, true);
	log->head = at + need;
	return at;
}

int event_log_push(struct event_log *log, const struct tt_event *ev)
{
	struct event_log_slot *s;
	size_t plen = ev->path ? ev->path_len : 0;
	size_t alen = ev->args ? ev->args_len : 0;
	/* the argument as passed, kept only when it differs from path */
	bool raw = ev->raw_path && ev->raw_path != ev->path;
	size_t rlen = raw ? ev->raw_path_len : 0;
	size_t need = plen + 1 + alen + 1 + rlen + 1;
	uint64_t at;
	char *text;

	if (!log->capacity)
		return -EINVAL;
	if (need > log->text_bytes)
		return -E2BIG;
	if (log->next_seq - log->first_seq == log->capacity)
		drop_oldest(log, false);
	at = text_reserve(log, need);
	text = log->arena + at % log->text_bytes;
	/* args hold NUL-separated argv strings: copy by length, not strcpy */
	if (plen)
		memcpy(text, ev->path, plen);
	text[plen] = '\0';
	if (alen)
		memcpy(text + plen + 1, ev->args, alen);
	text[plen + 1 + alen] = '\0';
	if (rlen)
		memcpy(text + plen + 1 + alen + 1, ev->raw_path, rlen);
	text[plen + 1 + alen + 1 + rlen] = '\0';

	s = slot_of(log, log->next_seq);
	s->ev = *ev;
	s->ev.comm[sizeof(s->ev.comm) - 1] = '\0';
	s->ev.pcomm[sizeof(s->ev.pcomm) - 1] = '\0';
	s->ev.path = text;
	s->ev.path_len = plen;
	s->ev.args = text + plen + 1;
	s->ev.args_len = alen;
	s->ev.raw_path = raw ? text + plen + 1 + alen + 1 : s->ev.path;
	s->ev.raw_path_len = raw ? rlen : plen;
	s->ev.base = NULL;	/* pointed into the ring record */
	s->ev.base_len = 0;
	s->at = s->floor = at;
	log->next_seq++;
	return 0;
}

void event_log_clear(struct event_log *log)
{
	log->first_seq = log->next_seq;
}

void event_log_reset(struct event_log *log)
{
	log->first_seq = log->next_seq = 0;
	log->head = 0;
	log->overwritten = log->dropped_for_bytes = 0;
}

void event_log_skip_to(struct event_log *log, uint64_t seq)
{
	if (seq > log->next_seq)
		log->first_seq = log->next_seq = seq;
}

uint64_t event_log_first_seq(const struct event_log *log)
{
	return log->first_seq;
}

uint64_t event_log_end_seq(const struct event_log *log)
{
	return log->next_seq;
}

size_t event_log_count(const struct event_log *log)
{
	return (size_t)(log->next_seq - log->first_seq);
}

size_t event_log_text_used(const struct event_log *log)
{
	if (log->first_seq == log->next_seq)
		return 0;
	return (size_t)(log->head - slot_of(log, log->first_seq)->floor);
}

const struct tt_event *event_log_get(const struct event_log *log, uint64_t seq)
{
	if (seq < log->first_seq || seq >= log->next_seq)
		return NULL;
	return &slot_of(log, seq)->ev;
}


static int key_cmp(const void *a, const void *b)
{
	const struct event_log_key *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

/* Position i takes the event at keys[i].at: follow each cycle of that
 * permutation with one slot in hand; a done position points at itself.
 * Slots move whole; their strings stay where they are in the arena. */
static void permute(struct event_log *log, uint64_t from, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct event_log_slot hand;
		size_t j = i;

		if (log->keys[i].at == i)
			continue;
		hand = *slot_of(log, from + i);
		for (;;) {
			size_t k = log->keys[j].at;

			log->keys[j].at = j;
			if (k == i) {
				*slot_of(log, from + j) = hand;
				break;
			}
			*slot_of(log, from + j) = *slot_of(log, from + k);
			j = k;
		}
	}
}

int event_log_order(struct event_log *log, uint64_t from)
{
	uint64_t floor;
	size_t n, i;
	bool sorted = true;

	if (from < log->first_seq)
		from = log->first_seq;
	if (from >= log->next_seq)
		return 0;
	n = (size_t)(log->next_seq - from);
	/* the common case, one source or a quiet spell: already in order */
	for (i = 1; i < n && sorted; i++)
		sorted = slot_of(log, from + i - 1)->ev.ts_ns <= slot_of(log, from + i)->ev.ts_ns;
	if (sorted)
		return 0;
	for (i = 0; i < n; i++)
		log->keys[i] = (struct event_log_key){ slot_of(log, from + i)->ev.ts_ns, i };
	qsort(log->keys, n, sizeof(log->keys[0]), key_cmp);
	permute(log, from, n);
	/* Strings of the batch are no longer in sequence order: an event's
	 * floor is the lowest position of its block and of every later one,
	 * so dropping the oldest never frees a block still held. */
	floor = UINT64_MAX;
	for (i = n; i-- > 0;) {
		struct event_log_slot *s = slot_of(log, from + i);

		if (s->at < floor)
			floor = s->at;
		s->floor = floor;
	}
	return 0;
}
