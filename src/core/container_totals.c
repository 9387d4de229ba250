/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-container totals from per-process interval counts
 * (container_totals.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "container_totals.h"

#define HASH_SLOTS (2 * CONTAINER_NAMES_MAX)	/* a power of two, half full at most */

struct ct_group {
	struct container_total all;	/* since first seen */
	struct container_total tick;	/* this interval's, before it is added */
	bool named;
};

struct container_totals {
	unsigned top, n_named;
	struct ct_group *groups;	/* in order of first sight */
	size_t n_groups, cap_groups;
	uint32_t hash[HASH_SLOTS];	/* group index + 1, 0: free */
	struct container_total beyond;	/* containers past CONTAINER_NAMES_MAX */
	struct container_total *rows;	/* container_totals_rows */
	size_t n_rows;
	size_t *order;			/* scratch: candidates to be named */
};

struct container_totals *container_totals_new(unsigned top)
{
	struct container_totals *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->top = top < 1 ? 1 : top > CONTAINER_TOP_MAX ? CONTAINER_TOP_MAX : top;
	t->rows = calloc(t->top + 1, sizeof(*t->rows));
	if (!t->rows) {
		free(t);
		return NULL;
	}
	return t;
}

void container_totals_free(struct container_totals *t)
{
	if (!t)
		return;
	free(t->groups);
	free(t->rows);
	free(t->order);
	free(t);
}

static uint32_t name_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n && s[i]; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The group of a name, made when first seen; NULL past the bound. */
static struct ct_group *group_of(struct container_totals *t, const char *name)
{
	size_t len = sizeof(((struct container_total *)0)->name);
	uint32_t at = name_hash(name, len) & (HASH_SLOTS - 1);
	struct ct_group *g;

	while (t->hash[at]) {
		g = &t->groups[t->hash[at] - 1];
		if (!strncmp(g->all.name, name, len - 1))
			return g;
		at = (at + 1) & (HASH_SLOTS - 1);
	}
	if (t->n_groups >= CONTAINER_NAMES_MAX)
		return NULL;
	if (t->n_groups == t->cap_groups) {
		size_t cap = t->cap_groups ? t->cap_groups * 2 : 64;
		struct ct_group *p = realloc(t->groups, cap * sizeof(*p));
		size_t *o = realloc(t->order, cap * sizeof(*o));

		if (o)
			t->order = o;
		if (!p || !o) {
			if (p)
				t->groups = p;
			return NULL;
		}
		t->groups = p;
		t->cap_groups = cap;
	}
	g = &t->groups[t->n_groups];
	memset(g, 0, sizeof(*g));
	snprintf(g->all.name, sizeof(g->all.name), "%s", name);
	t->hash[at] = (uint32_t)++t->n_groups;
	return g;
}

static void add(struct container_total *to, const struct container_total *x)
{
	to->syscalls += x->syscalls;
	to->open_errors += x->open_errors;
	to->execs += x->execs;
	to->bio += x->bio;
	for (unsigned op = 0; op < VFS_OP_MAX; op++)
		to->ops[op] += x->ops[op];
}

/* A process row's interval as a container total (its name unset). */
static struct container_total of_row(const struct tt_proc_row *r)
{
	struct container_total x = { .syscalls = r->delta, .open_errors = r->open_err_delta,
				     .execs = r->exec_delta, .bio = r->bio_delta };

	for (unsigned op = 0; op < VFS_OP_MAX; op++)
		x.ops[op] = r->op_delta[op];
	return x;
}

static const struct container_totals *sort_ctx;

/* Candidates to be named: the busiest first (by calls since first seen
 * and this interval's), ties by name. */
static int by_calls(const void *a, const void *b)
{
	const struct ct_group *x = &sort_ctx->groups[*(const size_t *)a];
	const struct ct_group *y = &sort_ctx->groups[*(const size_t *)b];
	uint64_t cx = x->all.syscalls + x->tick.syscalls, cy = y->all.syscalls + y->tick.syscalls;

	if (cx != cy)
		return cx > cy ? -1 : 1;
	return strncmp(x->all.name, y->all.name, sizeof(x->all.name));
}

static int by_name(const void *a, const void *b)
{
	const struct container_total *x = a, *y = b;

	return strncmp(x->name, y->name, sizeof(x->name));
}

int container_totals_tick(struct container_totals *t, const struct tt_snapshot *s)
{
	size_t i, n = 0;
	int err = 0;

	for (i = 0; i < s->n_procs; i++) {
		const struct tt_proc_row *r = &s->procs[i];
		const char *name = r->container[0] && strcmp(r->container, "?") ? r->container :
										    CONTAINER_UNKNOWN;
		struct container_total x = of_row(r);
		uint64_t any = x.syscalls | x.open_errors | x.execs | x.bio;
		struct ct_group *g;

		for (unsigned op = 0; op < VFS_OP_MAX; op++)
			any |= x.ops[op];
		if (!any)
			continue;	/* idle: its container need not exist */
		g = group_of(t, name);
		if (g) {
			add(&g->tick, &x);
		} else {
			add(&t->beyond, &x);
			err = t->n_groups < CONTAINER_NAMES_MAX ? -ENOMEM : 0;
		}
	}
	/* name the new ones while there is room, busiest first (a group
	 * exists once it did something, so one left out found no room, and
	 * none will come); processes not placed yet stay the others' */
	if (t->n_named < t->top) {
		for (i = 0; i < t->n_groups; i++)
			if (!t->groups[i].named && strcmp(t->groups[i].all.name, CONTAINER_UNKNOWN))
				t->order[n++] = i;
		sort_ctx = t;
		if (n > 1)
			qsort(t->order, n, sizeof(*t->order), by_calls);
		for (i = 0; i < n && t->n_named < t->top; i++) {
			struct ct_group *g = &t->groups[t->order[i]];

			g->named = true;
			t->n_named++;
		}
	}
	/* the interval goes in; the rows are made again */
	t->n_rows = 0;
	{
		struct container_total other = t->beyond;

		for (i = 0; i < t->n_groups; i++) {
			struct ct_group *g = &t->groups[i];

			add(&g->all, &g->tick);
			memset(&g->tick, 0, sizeof(g->tick));
			if (g->named)
				t->rows[t->n_rows++] = g->all;
			else
				add(&other, &g->all);
		}
		if (t->n_rows > 1)
			qsort(t->rows, t->n_rows, sizeof(*t->rows), by_name);
		snprintf(other.name, sizeof(other.name), "%s", CONTAINER_OTHER);
		t->rows[t->n_rows++] = other;
	}
	return err;
}

const struct container_total *container_totals_rows(const struct container_totals *t, size_t *n)
{
	*n = t->n_rows;
	return t->rows;
}
