/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Block I/O per process (see bio_procs.h). Two arrays of rows alternate:
 * the one being filled and the previous handover's, which an index by
 * tgid (open addressing, at most half full) makes searchable. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "bio_procs.h"

struct bp_rows {
	struct bio_proc_row *v;	/* owned, max */
	struct hist *cum;	/* owned, max: the kernel's cumulative counts */
	uint64_t *created;	/* owned, max: the kernel entry's creation time */
	size_t n;
	int32_t *index;		/* owned, mask + 1 slots: tgid -> v index, -1 empty */
};

struct bio_procs {
	size_t max, mask;
	struct bp_rows rows[2];
	unsigned cur;		/* rows[cur] is being filled, or the latest */
};

static size_t bp_hash(uint32_t tgid, size_t mask)
{
	return ((uint64_t)tgid * 0x9e3779b97f4a7c15ULL >> 32) & mask;
}

struct bio_procs *bio_procs_new(size_t max)
{
	struct bio_procs *b;
	size_t slots = 16;

	if (!max || max > INT32_MAX / 4)
		return NULL;
	while (slots < max * 2)
		slots *= 2;
	b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	b->max = max;
	b->mask = slots - 1;
	for (unsigned i = 0; i < 2; i++) {
		b->rows[i].v = calloc(max, sizeof(*b->rows[i].v));
		b->rows[i].cum = calloc(max, sizeof(*b->rows[i].cum));
		b->rows[i].created = calloc(max, sizeof(*b->rows[i].created));
		b->rows[i].index = malloc(slots * sizeof(int32_t));
		if (!b->rows[i].v || !b->rows[i].cum || !b->rows[i].created || !b->rows[i].index) {
			bio_procs_free(b);
			return NULL;
		}
		memset(b->rows[i].index, 0xff, slots * sizeof(int32_t));
	}
	return b;
}

void bio_procs_free(struct bio_procs *b)
{
	if (!b)
		return;
	for (unsigned i = 0; i < 2; i++) {
		free(b->rows[i].v);
		free(b->rows[i].cum);
		free(b->rows[i].created);
		free(b->rows[i].index);
	}
	free(b);
}

static int32_t bp_find(const struct bio_procs *b, const struct bp_rows *r, uint32_t tgid)
{
	size_t i = bp_hash(tgid, b->mask);

	while (r->index[i] >= 0) {
		if (r->v[r->index[i]].tgid == tgid)
			return r->index[i];
		i = (i + 1) & b->mask;
	}
	return -1;
}

void bio_procs_begin(struct bio_procs *b)
{
	struct bp_rows *r;

	b->cur ^= 1;
	r = &b->rows[b->cur];
	memset(r->index, 0xff, (b->mask + 1) * sizeof(int32_t));
	r->n = 0;
}

int bio_procs_add(struct bio_procs *b, uint32_t tgid, const char *comm, const uint64_t *slots,
		  unsigned nslots, uint64_t sum_us, uint64_t created_ns)
{
	struct bp_rows *r = &b->rows[b->cur], *old = &b->rows[b->cur ^ 1];
	struct bio_proc_row *row;
	int32_t o;
	size_t i, len;

	if (bp_find(b, r, tgid) >= 0)
		return 0;	/* a key seen twice in one walk: the first stands */
	if (r->n >= b->max)
		return -ENOSPC;
	row = &r->v[r->n];
	memset(row, 0, sizeof(*row));
	row->tgid = tgid;
	len = strnlen(comm, TT_COMM_LEN);
	memcpy(row->comm, comm, len);
	hist_set(&r->cum[r->n], slots, nslots, sum_us);
	r->created[r->n] = created_ns;
	o = bp_find(b, old, tgid);
	if (o >= 0 && old->created[o] != created_ns) {
		/* made again (evicted, or its process gone and the pid taken
		 * again): every request in it is new; the total goes on */
		row->interval = r->cum[r->n];
		row->total = old->v[o].total + row->interval.count;
	} else if (o >= 0) {
		hist_diff(&row->interval, &r->cum[r->n], &old->cum[o]);
		row->total = old->v[o].total + row->interval.count;
	} else {
		/* first seen: its counts are all since tracetop attached */
		row->interval = r->cum[r->n];
		row->total = row->interval.count;
	}
	i = bp_hash(tgid, b->mask);
	while (r->index[i] >= 0)
		i = (i + 1) & b->mask;
	r->index[i] = (int32_t)r->n++;
	return 0;
}

const struct bio_proc_row *bio_procs_end(struct bio_procs *b, size_t *n)
{
	*n = b->rows[b->cur].n;
	return b->rows[b->cur].v;
}

const struct bio_proc_row *bio_procs_find(const struct bio_procs *b, uint32_t tgid)
{
	int32_t i = bp_find(b, &b->rows[b->cur], tgid);

	return i >= 0 ? &b->rows[b->cur].v[i] : NULL;
}
