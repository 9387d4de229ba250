/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Syscall latency and errors by errno (see sys_lat.h). */
#include <stdlib.h>
#include <string.h>
#include "sys_lat.h"

struct sl_id {
	struct hist cur, prev;	/* cumulative: latest, and at the last tick */
	uint64_t sum_ns, prev_sum_ns;
	bool seen;
};

struct sl_errno {
	uint32_t key;		/* SYSCALL_ERRNO_KEY */
	uint64_t cur, prev, total;
	double rate;
};

struct sys_lat {
	struct sl_id ids[SYSCALL_ID_MAX];
	bool any;
	struct sl_errno *errs;	/* owned, SYSCALL_ERRNO_MAX, sorted by key */
	size_t n_errs;
	struct tt_syscall_errno *rows;	/* owned, SYSCALL_ERRNO_MAX */
};

struct sys_lat *sys_lat_new(void)
{
	struct sys_lat *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->errs = calloc(SYSCALL_ERRNO_MAX, sizeof(*l->errs));
	l->rows = calloc(SYSCALL_ERRNO_MAX, sizeof(*l->rows));
	if (!l->errs || !l->rows) {
		sys_lat_free(l);
		return NULL;
	}
	return l;
}

void sys_lat_free(struct sys_lat *l)
{
	if (!l)
		return;
	free(l->errs);
	free(l->rows);
	free(l);
}

void sys_lat_set(struct sys_lat *l, unsigned id, const uint64_t *slots, unsigned n,
		 uint64_t sum_ns)
{
	if (id >= SYSCALL_ID_MAX)
		return;
	hist_set(&l->ids[id].cur, slots, n, 0);
	l->ids[id].sum_ns = sum_ns;
	l->ids[id].seen = true;
	l->any = true;
}

void sys_lat_errno_set(struct sys_lat *l, unsigned id, int err, uint64_t count)
{
	uint32_t key = SYSCALL_ERRNO_KEY(id, err);
	size_t lo = 0, hi = l->n_errs;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (l->errs[mid].key == key) {
			l->errs[mid].cur = count;
			return;
		}
		if (l->errs[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (l->n_errs >= SYSCALL_ERRNO_MAX)
		return;		/* the kernel's map has as many: cannot happen */
	memmove(&l->errs[lo + 1], &l->errs[lo], (l->n_errs - lo) * sizeof(*l->errs));
	memset(&l->errs[lo], 0, sizeof(*l->errs));
	l->errs[lo].key = key;
	l->errs[lo].cur = count;	/* first seen: all since tracetop loaded */
	l->n_errs++;
}

static int errno_row_cmp(const void *a, const void *b)
{
	const struct tt_syscall_errno *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return x->err < y->err ? -1 : x->err > y->err;
}

const struct tt_syscall_errno *sys_lat_tick(struct sys_lat *l, double dt, bool timed,
					    struct tt_syscall_row *rows, size_t n_rows,
					    size_t *n_errnos)
{
	size_t n = 0;

	for (size_t i = 0; i < n_rows; i++) {
		struct sl_id *s = rows[i].id < SYSCALL_ID_MAX ? &l->ids[rows[i].id] : NULL;
		uint64_t ns;

		rows[i].timed = timed;
		hist_clear(&rows[i].lat);
		rows[i].lat_total = NULL;
		rows[i].lat_sum_ns = 0;
		rows[i].busy = 0;
		if (!s || !s->seen)
			continue;
		rows[i].lat_total = &s->cur;
		rows[i].lat_sum_ns = s->sum_ns;
		hist_diff(&rows[i].lat, &s->cur, &s->prev);
		ns = s->sum_ns >= s->prev_sum_ns ? s->sum_ns - s->prev_sum_ns : s->sum_ns;
		rows[i].lat.sum = ns / 1000;
		rows[i].busy = dt > 0 ? (double)ns / 1e9 / dt : 0;
	}
	for (unsigned id = 0; id < SYSCALL_ID_MAX; id++) {
		l->ids[id].prev = l->ids[id].cur;
		l->ids[id].prev_sum_ns = l->ids[id].sum_ns;
	}
	for (size_t i = 0; i < l->n_errs; i++) {
		struct sl_errno *e = &l->errs[i];
		uint64_t d = e->cur >= e->prev ? e->cur - e->prev : e->cur;

		e->total += d;
		e->rate = dt > 0 ? (double)d / dt : 0;
		e->prev = e->cur;
		if (!e->total)
			continue;
		l->rows[n++] = (struct tt_syscall_errno){ e->key >> 16, (int)(e->key & 0xffff),
							  e->rate, e->total };
	}
	qsort(l->rows, n, sizeof(*l->rows), errno_row_cmp);
	*n_errnos = n;
	return l->rows;
}
