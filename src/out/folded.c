/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Folded stacks; see folded.h. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "folded.h"
#include "regfile.h"

struct order_ctx {
	const struct tt_profile_view *v;
	enum folded_count which;
};

static struct order_ctx order_ctx;	/* qsort has no context argument */

static uint64_t count_of(const struct tt_prof_stack *s, enum folded_count which)
{
	return which == FOLDED_TOTAL ? s->total : s->interval;
}

static int by_count(const void *a, const void *b)
{
	const struct tt_prof_stack *x = &order_ctx.v->stacks[*(const size_t *)a];
	const struct tt_prof_stack *y = &order_ctx.v->stacks[*(const size_t *)b];
	uint64_t cx = count_of(x, order_ctx.which), cy = count_of(y, order_ctx.which);

	if (cx != cy)
		return cx > cy ? -1 : 1;
	if (x->tgid != y->tgid)
		return x->tgid < y->tgid ? -1 : 1;
	/* then by the frames' names, never their ids: a replay numbers the
	 * names in another order, and must print the same */
	for (uint32_t k = 0; k < x->n && k < y->n; k++) {
		const struct tt_prof_frame *fx = &order_ctx.v->frames[x->frames[k]];
		const struct tt_prof_frame *fy = &order_ctx.v->frames[y->frames[k]];
		int c = strcmp(fx->name, fy->name);

		if (c)
			return c;
		if (fx->kind != fy->kind)
			return fx->kind < fy->kind ? -1 : 1;
	}
	return x->n < y->n ? -1 : x->n > y->n;
}

size_t *folded_order(const struct tt_profile_view *v, enum folded_count which, size_t *n)
{
	size_t *rows, k = 0;

	*n = 0;
	if (!v || !v->n_stacks)
		return NULL;
	rows = malloc(v->n_stacks * sizeof(*rows));
	if (!rows)
		return NULL;
	for (size_t i = 0; i < v->n_stacks; i++)
		if (count_of(&v->stacks[i], which))
			rows[k++] = i;
	order_ctx = (struct order_ctx){ v, which };
	qsort(rows, k, sizeof(*rows), by_count);
	*n = k;
	return rows;
}

int folded_write(int fd, const struct tt_profile_view *v)
{
	size_t n, *rows = folded_order(v, FOLDED_TOTAL, &n), cap = 4096;
	char *line = malloc(cap);
	int err = 0;

	if (!line || (v && v->n_stacks && !rows)) {	/* rows is NULL only then */
		free(rows);
		free(line);
		return -ENOMEM;
	}
	for (size_t k = 0; k < n && !err; k++) {
		const struct tt_prof_stack *s = &v->stacks[rows[k]];
		size_t need = profile_folded(v, s, line, cap) + 32;

		if (need > cap) {
			char *l = realloc(line, need);

			if (!l) {
				err = -ENOMEM;
				break;
			}
			line = l;
			cap = need;
			profile_folded(v, s, line, cap);
		}
		need = strlen(line);
		need += (size_t)snprintf(line + need, cap - need, " %" PRIu64 "\n", s->total);
		err = regfile_write_all(fd, line, need);
	}
	free(rows);
	free(line);
	return err;
}
