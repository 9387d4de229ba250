/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The index of events that pass a condition (see log_index.h). Matches
 * live in a ring of sequence numbers, ascending: new matches go on at
 * the back, matches found by the backward scan at the front, and
 * overwritten events fall off the front. It never holds more entries
 * than the event log holds events. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "clock.h"
#include "log_index.h"

#define CHECK_CLOCK_EVERY 64	/* events between two looks at the clock */

void log_index_init(struct log_index *x)
{
	memset(x, 0, sizeof(*x));
	x->mask = LOG_SHOW_ALL;
	x->all = true;
}

void log_index_fini(struct log_index *x)
{
	free(x->ring);
	memset(x, 0, sizeof(*x));
}

void log_index_reset(struct log_index *x, unsigned mask, struct filter *a, struct filter *b,
		     struct filter *c)
{
	x->mask = mask;
	x->filter[0] = a;
	x->filter[1] = b;
	x->filter[2] = c;
	x->all = (mask & LOG_SHOW_ALL) == LOG_SHOW_ALL && !(mask & LOG_FAILED_ONLY) &&
		 !filter_active(a) && !filter_active(b) && !filter_active(c);
	x->head = x->n = 0;
	x->first = x->end = 0;
	x->started = false;
}

static uint64_t *slot(const struct log_index *x, size_t i)
{
	return &x->ring[(x->head + i) % x->cap];
}

static int grow(struct log_index *x)
{
	size_t cap = x->cap ? x->cap * 2 : 256;
	uint64_t *r = malloc(cap * sizeof(*r));

	if (!r)
		return -ENOMEM;
	for (size_t i = 0; i < x->n; i++)
		r[i] = *slot(x, i);
	free(x->ring);
	x->ring = r;
	x->cap = cap;
	x->head = 0;
	return 0;
}

static int push_back(struct log_index *x, uint64_t seq)
{
	if (x->n == x->cap && grow(x))
		return -ENOMEM;
	*slot(x, x->n++) = seq;
	return 0;
}

static int push_front(struct log_index *x, uint64_t seq)
{
	if (x->n == x->cap && grow(x))
		return -ENOMEM;
	x->head = (x->head + x->cap - 1) % x->cap;
	x->ring[x->head] = seq;
	x->n++;
	return 0;
}

static bool passes(struct log_index *x, const struct tt_event *ev)
{
	if (ev->type == TT_EVENT_EXEC && !(x->mask & LOG_SHOW_EXEC))
		return false;
	if (ev->type != TT_EVENT_EXEC && !(x->mask & LOG_SHOW_OPEN))
		return false;
	if ((x->mask & LOG_FAILED_ONLY) && ev->ret >= 0)
		return false;
	return filter_match(x->filter[0], ev) && filter_match(x->filter[1], ev) &&
	       filter_match(x->filter[2], ev);
}

/* True when the budget is spent after one more event. */
static bool spent(size_t *done, size_t max_events, uint64_t deadline_ns)
{
	++*done;
	if (*done >= max_events)
		return true;
	return deadline_ns && *done % CHECK_CLOCK_EVERY == 0 && clock_mono_ns() >= deadline_ns;
}

bool log_index_update(struct log_index *x, const struct event_log *log, size_t max_events,
		      uint64_t deadline_ns)
{
	uint64_t first = event_log_first_seq(log), end = event_log_end_seq(log);
	size_t done = 0;

	x->first = first;
	x->end = end;
	if (x->all) {
		x->lo = first;
		x->hi = end;
		return true;
	}
	if (!x->started) {
		x->lo = x->hi = end;
		x->started = true;
	}
	while (x->n && *slot(x, 0) < first) {
		x->head = (x->head + 1) % x->cap;
		x->n--;
	}
	if (x->lo < first)
		x->lo = first;
	if (x->hi < x->lo)
		x->hi = x->lo;
	/* new events first: they are what a following view shows */
	while (x->hi < end) {
		const struct tt_event *ev = event_log_get(log, x->hi);

		if (ev && passes(x, ev) && push_back(x, x->hi))
			return false;
		x->hi++;
		if (spent(&done, max_events, deadline_ns))
			return log_index_complete(x);
	}
	while (x->lo > first) {
		const struct tt_event *ev = event_log_get(log, x->lo - 1);

		if (ev && passes(x, ev) && push_front(x, x->lo - 1))
			return false;
		x->lo--;
		if (spent(&done, max_events, deadline_ns))
			break;
	}
	return log_index_complete(x);
}

bool log_index_complete(const struct log_index *x)
{
	return x->all || (x->lo <= x->first && x->hi >= x->end);
}

size_t log_index_count(const struct log_index *x)
{
	return x->all ? (size_t)(x->end - x->first) : x->n;
}

uint64_t log_index_at(const struct log_index *x, size_t r)
{
	return x->all ? x->first + r : *slot(x, r);
}

size_t log_index_rank(const struct log_index *x, uint64_t seq)
{
	size_t lo = 0, hi;

	if (x->all)
		return seq <= x->first ? 0 : seq >= x->end ? (size_t)(x->end - x->first) :
						       (size_t)(seq - x->first);
	hi = x->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (*slot(x, mid) < seq)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool log_index_has(const struct log_index *x, uint64_t seq)
{
	size_t r = log_index_rank(x, seq);

	return r < log_index_count(x) && log_index_at(x, r) == seq;
}

bool log_index_floor(const struct log_index *x, uint64_t seq, uint64_t *out)
{
	size_t r = log_index_rank(x, seq + 1);

	if (!r)
		return false;
	*out = log_index_at(x, r - 1);
	return true;
}

bool log_index_ceil(const struct log_index *x, uint64_t seq, uint64_t *out)
{
	size_t r = log_index_rank(x, seq);

	if (r >= log_index_count(x))
		return false;
	*out = log_index_at(x, r);
	return true;
}
