/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Failed calls by (call, path, errno, comm); see fail_table.h.
 *
 * Entries sit in a dense array with an open-addressing hash over it, and
 * their paths in one pool of bytes allocated with the table: counting a
 * failure never allocates. Nothing is removed between ticks, so the hash
 * never needs tombstones and the pool only grows: a tick that forgets
 * entries compacts the array and the pool and rebuilds the hash, which
 * for a thousand keys costs less than drawing one frame. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "fail_table.h"
#include "path_calls.h"

struct fail_entry {
	struct tt_fail_row row;	/* row.path points at path */
	char *path;		/* in the table's pool */
	uint64_t hash;
	uint64_t prev_count;	/* count at the previous tick */
	bool hot;		/* make_room: kept for its rate */
};

/* A hash slot carries the top of its key's hash, so a probe that misses
 * (every new path of a storm) never touches the entries. */
struct fail_slot {
	int32_t at;		/* index into e, -1 empty */
	uint32_t tag;		/* hash >> 32 */
};

struct fail_table {
	struct fail_entry *e;	/* owned, n used of max */
	size_t n, max;
	struct fail_slot *slots;	/* owned: the hash over e */
	size_t nslots;		/* a power of two, at least 4 * max */
	struct tt_fail_row *rows;	/* owned: the last tick's rows */
	char *pool;		/* owned: every entry's path, NUL-terminated */
	size_t pool_used, pool_size;
	uint64_t next_id;
	uint64_t untracked;
};

struct fail_table *fail_table_new(size_t max_entries)
{
	struct fail_table *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->max = max_entries ? max_entries : FAIL_TABLE_DEFAULT;
	t->nslots = 16;
	while (t->nslots < 4 * t->max)
		t->nslots *= 2;
	t->e = calloc(t->max, sizeof(*t->e));
	t->slots = malloc(t->nslots * sizeof(*t->slots));
	t->rows = calloc(t->max, sizeof(*t->rows));
	t->pool_size = t->max * FAIL_TABLE_PATH_BYTES;
	t->pool = malloc(t->pool_size);
	if (!t->e || !t->slots || !t->rows || !t->pool) {
		fail_table_free(t);
		return NULL;
	}
	memset(t->slots, 0xff, t->nslots * sizeof(*t->slots));
	return t;
}

void fail_table_free(struct fail_table *t)
{
	if (!t)
		return;
	free(t->pool);
	free(t->e);
	free(t->slots);
	free(t->rows);
	free(t);
}

static uint64_t mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ull;
	return h ^ (h >> 32);
}

/* Eight bytes a step: paths of 4 KiB are common in a storm. */
static uint64_t hash_bytes(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t w;

	for (; n >= 8; n -= 8, b += 8) {
		memcpy(&w, b, 8);
		h = mix(h, w);
	}
	w = 0;
	memcpy(&w, b, n);
	return mix(h, w ^ (uint64_t)n << 56);
}

static uint64_t key_hash(const char *path, size_t plen, int err, const char *comm, uint8_t call)
{
	uint64_t h = 0x6a09e667f3bcc908ull;

	h = hash_bytes(h, path, plen);
	h = mix(h, (uint32_t)err | (uint64_t)call << 32);
	return hash_bytes(h, comm, strnlen(comm, TT_COMM_LEN));
}

static bool same_key(const struct fail_entry *e, const char *path, size_t plen, int err,
		     const char *comm, uint8_t call)
{
	return e->row.err == err && e->row.call == call && e->row.path_len == plen &&
	       !memcmp(e->path, path, plen) && !strcmp(e->row.comm, comm);
}

static size_t path_len(const struct tt_event *ev)
{
	size_t n = ev->path ? ev->path_len : 0;

	while (n && ev->path[n - 1] == '\0')
		n--;
	return n;
}

void fail_table_add(struct fail_table *t, const struct tt_event *ev)
{
	char comm[TT_COMM_LEN + 1];
	size_t plen, i;
	uint8_t call;
	uint64_t h;
	int err;

	if ((ev->type != TT_EVENT_OPEN && ev->type != TT_EVENT_PATH) || ev->ret >= 0)
		return;
	call = ev->type == TT_EVENT_OPEN ? FAIL_CALL_OPEN : ev->open_syscall;
	err = -ev->ret;
	plen = path_len(ev);
	memcpy(comm, ev->comm, sizeof(comm));
	comm[TT_COMM_LEN] = '\0';
	h = key_hash(ev->path ? ev->path : "", plen, err, comm, call);
	for (i = h & (t->nslots - 1); t->slots[i].at >= 0; i = (i + 1) & (t->nslots - 1)) {
		struct fail_entry *e;

		if (t->slots[i].tag != (uint32_t)(h >> 32))
			continue;
		e = &t->e[t->slots[i].at];
		if (e->hash == h && same_key(e, ev->path, plen, err, comm, call)) {
			e->row.count++;
			e->row.last_ns = ev->ts_ns;
			e->row.pid = ev->pid;
			e->row.uid = ev->uid;
			return;
		}
	}
	if (t->n == t->max || t->pool_size - t->pool_used < plen + 1) {
		t->untracked++;
		return;
	}
	{
		struct fail_entry *e = &t->e[t->n];
		char *p = t->pool + t->pool_used;

		t->pool_used += plen + 1;
		if (plen)
			memcpy(p, ev->path, plen);
		p[plen] = '\0';
		memset(e, 0, sizeof(*e));
		e->path = p;
		e->hash = h;
		e->row.id = ++t->next_id;
		e->row.path = p;
		e->row.path_len = plen;
		e->row.path_trunc = ev->flags & OPEN_F_PATH_TRUNC;
		e->row.err = err;
		e->row.call = call;
		memcpy(e->row.comm, comm, sizeof(comm));
		e->row.count = 1;
		e->row.last_ns = ev->ts_ns;
		e->row.pid = ev->pid;
		e->row.uid = ev->uid;
		t->slots[i] = (struct fail_slot){ (int32_t)t->n++, (uint32_t)(h >> 32) };
	}
}

/* Most failures per second in the last interval first, then the most
 * recent. */
static int by_rate(const void *a, const void *b)
{
	const struct fail_entry *x = a, *y = b;

	if (x->row.rate != y->row.rate)
		return x->row.rate > y->row.rate ? -1 : 1;
	return x->row.last_ns > y->row.last_ns ? -1 : x->row.last_ns < y->row.last_ns;
}

/* The hot ones first, then the most failures in all, then the most
 * recent. */
static int by_keep(const void *a, const void *b)
{
	const struct fail_entry *x = a, *y = b;

	if (x->hot != y->hot)
		return x->hot ? -1 : 1;
	if (x->row.count != y->row.count)
		return x->row.count > y->row.count ? -1 : 1;
	return x->row.last_ns > y->row.last_ns ? -1 : x->row.last_ns < y->row.last_ns;
}

static int by_path(const void *a, const void *b)
{
	const struct fail_entry *x = a, *y = b;

	return x->path < y->path ? -1 : x->path > y->path;
}

/* Moves the kept entries' paths to the front of the pool, in pool order
 * so that each moves down over free bytes only. */
static void pool_compact(struct fail_table *t)
{
	size_t at = 0;

	qsort(t->e, t->n, sizeof(*t->e), by_path);
	for (size_t k = 0; k < t->n; k++) {
		struct fail_entry *e = &t->e[k];
		size_t len = e->row.path_len + 1;

		memmove(t->pool + at, e->path, len);
		e->path = t->pool + at;
		e->row.path = e->path;
		at += len;
	}
	t->pool_used = at;
}

/* Keeps three quarters of the keys and of the pool: half of them the
 * keys failing fastest now, so that a path that just started failing
 * in earnest gets in; the rest the keys that failed most in all, so that
 * a big count is not pushed out by a churn of paths that fail once each
 * (a compiler probing include directories). Recency breaks ties. */
static void make_room(struct fail_table *t)
{
	size_t keep = t->max - t->max / 4, hot = keep / 2, bytes = 0, n;

	qsort(t->e, t->n, sizeof(*t->e), by_rate);
	for (size_t i = 0; i < t->n; i++)
		t->e[i].hot = i < hot && t->e[i].row.rate > 0;
	qsort(t->e, t->n, sizeof(*t->e), by_keep);
	for (n = 0; n < t->n && n < keep; n++) {
		bytes += t->e[n].row.path_len + 1;
		if (bytes > t->pool_size - t->pool_size / 4)
			break;
	}
	t->n = n;
	pool_compact(t);
	memset(t->slots, 0xff, t->nslots * sizeof(*t->slots));
	for (size_t k = 0; k < t->n; k++) {
		size_t i = t->e[k].hash & (t->nslots - 1);

		t->e[k].hot = false;
		while (t->slots[i].at >= 0)
			i = (i + 1) & (t->nslots - 1);
		t->slots[i] = (struct fail_slot){ (int32_t)k, (uint32_t)(t->e[k].hash >> 32) };
	}
}

size_t fail_table_tick(struct fail_table *t, double dt_s, const struct tt_fail_row **rows)
{
	for (size_t i = 0; i < t->n; i++) {
		struct fail_entry *e = &t->e[i];

		e->row.interval = e->row.count - e->prev_count;
		e->row.rate = dt_s > 0 ? (double)e->row.interval / dt_s : 0;
		e->prev_count = e->row.count;
	}
	if (t->n == t->max || t->pool_used > t->pool_size - t->pool_size / 4)
		make_room(t);
	for (size_t i = 0; i < t->n; i++)
		t->rows[i] = t->e[i].row;
	*rows = t->rows;
	return t->n;
}

uint64_t fail_table_untracked(const struct fail_table *t)
{
	return t->untracked;
}

const char *fail_row_call_name(const struct tt_fail_row *r)
{
	return r->call == FAIL_CALL_OPEN ? "open" : path_call_name(r->call);
}

void fail_row_event(const struct tt_fail_row *r, struct tt_event *ev)
{
	memset(ev, 0, sizeof(*ev));
	ev->type = r->call == FAIL_CALL_OPEN ? TT_EVENT_OPEN : TT_EVENT_PATH;
	/* an open row stands for every open syscall: it is "open", as the
	 * CALL column says */
	ev->open_syscall = r->call == FAIL_CALL_OPEN ? OPEN_SC_OPEN : r->call;
	ev->ts_ns = r->last_ns;
	ev->pid = r->pid;
	ev->tid = r->pid;
	ev->uid = r->uid;
	ev->ret = -r->err;
	ev->dirfd = -100;
	memcpy(ev->comm, r->comm, sizeof(ev->comm));
	ev->path = r->path;
	ev->path_len = r->path_len;
	ev->raw_path = r->path;
	ev->raw_path_len = r->path_len;
}

bool fail_row_match(struct filter *f, const struct tt_fail_row *r)
{
	struct tt_event ev;

	if (!filter_active(f))
		return true;
	fail_row_event(r, &ev);
	return filter_match(f, &ev);
}
