/* The event log: a bounded ring of the newest exec/open events, each
 * with a sequence number so views and writers can say "everything since
 * seq N" without copying. A slot's text buffer only grows, so once the
 * ring is full and warm, storing an event allocates nothing. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "event_log.h"

int event_log_init(struct event_log *log, size_t capacity)
{
	memset(log, 0, sizeof(*log));
	if (!capacity)
		return -EINVAL;
	log->slots = calloc(capacity, sizeof(log->slots[0]));
	if (!log->slots)
		return -ENOMEM;
	log->capacity = capacity;
	return 0;
}

void event_log_fini(struct event_log *log)
{
	size_t i;

	if (log->slots)
		for (i = 0; i < log->capacity; i++)
			free(log->slots[i].text);
	free(log->slots);
	free(log->keys);
	memset(log, 0, sizeof(*log));
}

static int slot_reserve(struct event_log_slot *s, size_t need)
{
	size_t cap;
	char *p;

	if (need <= s->text_cap)
		return 0;
	/* round up so paths of similar length do not regrow every time */
	cap = s->text_cap ? s->text_cap : 64;
	while (cap < need)
		cap *= 2;
	p = realloc(s->text, cap);
	if (!p)
		return -ENOMEM;
	s->text = p;
	s->text_cap = cap;
	return 0;
}

int event_log_push(struct event_log *log, const struct tt_event *ev)
{
	struct event_log_slot *s;
	size_t plen = ev->path ? ev->path_len : 0;
	size_t alen = ev->args ? ev->args_len : 0;
	/* the argument as passed, kept only when it differs from path */
	bool raw = ev->raw_path && ev->raw_path != ev->path;
	size_t rlen = raw ? ev->raw_path_len : 0;
	char *text;

	if (!log->capacity)
		return -EINVAL;
	s = &log->slots[log->next_seq % log->capacity];
	if (slot_reserve(s, plen + 1 + alen + 1 + rlen + 1))
		return -ENOMEM;
	text = s->text;
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

	s->ev = *ev;
	s->ev.comm[sizeof(s->ev.comm) - 1] = '\0';
	s->ev.path = text;
	s->ev.path_len = plen;
	s->ev.args = text + plen + 1;
	s->ev.args_len = alen;
	s->ev.raw_path = raw ? text + plen + 1 + alen + 1 : s->ev.path;
	s->ev.raw_path_len = raw ? rlen : plen;
	s->ev.base = NULL;	/* pointed into the ring record */
	s->ev.base_len = 0;

	if (log->next_seq >= log->capacity)
		log->overwritten++;
	log->next_seq++;
	return 0;
}

uint64_t event_log_first_seq(const struct event_log *log)
{
	if (log->next_seq <= log->capacity)
		return 0;
	return log->next_seq - log->capacity;
}

uint64_t event_log_end_seq(const struct event_log *log)
{
	return log->next_seq;
}

size_t event_log_count(const struct event_log *log)
{
	return (size_t)(log->next_seq - event_log_first_seq(log));
}

const struct tt_event *event_log_get(const struct event_log *log, uint64_t seq)
{
	if (seq < event_log_first_seq(log) || seq >= log->next_seq)
		return NULL;
	return &log->slots[seq % log->capacity].ev;
}

struct event_log_key {
	uint64_t ts;
	size_t at;	/* offset of the event in the batch */
};

static int key_cmp(const void *a, const void *b)
{
	const struct event_log_key *x = a, *y = b;

	if (x->ts != y->ts)
		return x->ts < y->ts ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

int event_log_order(struct event_log *log, uint64_t from)
{
	uint64_t first = event_log_first_seq(log);
	size_t n, i;
	bool sorted = true;

	if (from < first)
		from = first;
	if (from >= log->next_seq)
		return 0;
	n = (size_t)(log->next_seq - from);
	/* the common case, one source or a quiet spell: already in order */
	for (i = 1; i < n && sorted; i++)
		sorted = log->slots[(from + i - 1) % log->capacity].ev.ts_ns <=
			 log->slots[(from + i) % log->capacity].ev.ts_ns;
	if (sorted)
		return 0;
	if (n > log->keys_cap) {
		struct event_log_key *k = realloc(log->keys, n * sizeof(*k));

		if (!k)
			return -ENOMEM;
		log->keys = k;
		log->keys_cap = n;
	}
	for (i = 0; i < n; i++)
		log->keys[i] = (struct event_log_key){
			log->slots[(from + i) % log->capacity].ev.ts_ns, i };
	qsort(log->keys, n, sizeof(log->keys[0]), key_cmp);
	/* Position i takes the event at keys[i].at: follow each cycle of
	 * that permutation with one slot in hand; a done position points
	 * at itself. Slots move whole, their text buffers with them. */
	for (i = 0; i < n; i++) {
		struct event_log_slot hand;
		size_t j = i;

		if (log->keys[i].at == i)
			continue;
		hand = log->slots[(from + i) % log->capacity];
		for (;;) {
			size_t k = log->keys[j].at;

			log->keys[j].at = j;
			if (k == i) {
				log->slots[(from + j) % log->capacity] = hand;
				break;
			}
			log->slots[(from + j) % log->capacity] = log->slots[(from + k) % log->capacity];
			j = k;
		}
	}
	return 0;
}
