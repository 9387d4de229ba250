/* Failed opens by (path, errno, comm); see fail_table.h.
 *
 * Entries sit in a dense array with an open-addressing hash over it.
 * Nothing is removed between ticks, so the hash never needs tombstones:
 * a tick that forgets entries compacts the array and rebuilds the hash,
 * which for a thousand keys costs less than drawing one frame. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "fail_table.h"

struct fail_entry {
	struct tt_fail_row row;	/* row.path points at path */
	char *path;		/* owned */
	uint64_t hash;
	uint64_t prev_count;	/* count at the previous tick */
	bool hot;		/* make_room: kept for its rate */
};

struct fail_table {
	struct fail_entry *e;	/* owned, n used of max */
	size_t n, max;
	int32_t *slots;		/* owned: hash -> index into e, -1 empty */
	size_t nslots;		/* a power of two, at least 2 * max */
	struct tt_fail_row *rows;	/* owned: the last tick's rows */
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
	while (t->nslots < 2 * t->max)
		t->nslots *= 2;
	t->e = calloc(t->max, sizeof(*t->e));
	t->slots = malloc(t->nslots * sizeof(*t->slots));
	t->rows = calloc(t->max, sizeof(*t->rows));
	if (!t->e || !t->slots || !t->rows) {
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
	for (size_t i = 0; t->e && i < t->n; i++)
		free(t->e[i].path);
	free(t->e);
	free(t->slots);
	free(t->rows);
	free(t);
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3ull;
	return h;
}

static uint64_t key_hash(const char *path, size_t plen, int err, const char *comm)
{
	uint64_t h = 0xcbf29ce484222325ull;

	h = fnv(h, path, plen);
	h = fnv(h, &err, sizeof(err));
	return fnv(h, comm, strlen(comm));
}

static bool same_key(const struct fail_entry *e, const char *path, size_t plen, int err,
		     const char *comm)
{
	return e->row.err == err && e->row.path_len == plen && !memcmp(e->path, path, plen) &&
	       !strcmp(e->row.comm, comm);
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
	uint64_t h;
	int err;

	if (ev->type != TT_EVENT_OPEN || ev->ret >= 0)
		return;
	err = -ev->ret;
	plen = path_len(ev);
	memcpy(comm, ev->comm, sizeof(comm));
	comm[TT_COMM_LEN] = '\0';
	h = key_hash(ev->path ? ev->path : "", plen, err, comm);
	for (i = h & (t->nslots - 1); t->slots[i] >= 0; i = (i + 1) & (t->nslots - 1)) {
		struct fail_entry *e = &t->e[t->slots[i]];

		if (e->hash == h && same_key(e, ev->path, plen, err, comm)) {
			e->row.count++;
			e->row.last_ns = ev->ts_ns;
			return;
		}
	}
	if (t->n == t->max) {
		t->untracked++;
		return;
	}
	{
		struct fail_entry *e = &t->e[t->n];
		char *p = malloc(plen + 1);

		if (!p) {
			t->untracked++;
			return;
		}
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
		memcpy(e->row.comm, comm, sizeof(comm));
		e->row.count = 1;
		e->row.last_ns = ev->ts_ns;
		t->slots[i] = (int32_t)t->n++;
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

/* Keeps three quarters: half of them the keys failing fastest now, so
 * that a path that just started failing in earnest gets in; the rest
 * the keys that failed most in all, so that a big count is not pushed
 * out by a churn of paths that fail once each (a compiler probing
 * include directories). Recency breaks ties. */
static void make_room(struct fail_table *t)
{
	size_t keep = t->max - t->max / 4, hot = keep / 2;

	qsort(t->e, t->n, sizeof(*t->e), by_rate);
	for (size_t i = 0; i < t->n; i++)
		t->e[i].hot = i < hot && t->e[i].row.rate > 0;
	qsort(t->e, t->n, sizeof(*t->e), by_keep);
	for (size_t i = keep; i < t->n; i++)
		free(t->e[i].path);
	t->n = keep;
	memset(t->slots, 0xff, t->nslots * sizeof(*t->slots));
	for (size_t k = 0; k < t->n; k++) {
		size_t i = t->e[k].hash & (t->nslots - 1);

		t->e[k].hot = false;
		while (t->slots[i] >= 0)
			i = (i + 1) & (t->nslots - 1);
		t->slots[i] = (int32_t)k;
	}
}

size_t fail_table_tick(struct fail_table *t, double dt_s, const struct tt_fail_row **rows)
{
	for (size_t i = 0; i < t->n; i++) {
		struct fail_entry *e = &t->e[i];

		e->row.rate = dt_s > 0 ? (double)(e->row.count - e->prev_count) / dt_s : 0;
		e->prev_count = e->row.count;
	}
	if (t->n == t->max)
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
