/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The flame graph of a profile view; see flame.h. */
#include <stdlib.h>
#include <string.h>
#include "flame.h"

static double count_of(const struct tt_prof_stack *s, enum flame_mode mode)
{
	switch (mode) {
	case FLAME_INTERVAL:
		return (double)s->interval;
	case FLAME_DECAY:
		return s->decayed;
	default:
		return (double)s->total;
	}
}

static uint32_t node_new(struct flame *f, uint32_t parent, uint32_t frame)
{
	struct flame_node *n;

	if (f->count == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 256;

		if (cap > FLAME_NONE || !(n = realloc(f->node, cap * sizeof(*n))))
			return FLAME_NONE;
		f->node = n;
		f->cap = cap;
	}
	n = &f->node[f->count];
	memset(n, 0, sizeof(*n));
	n->frame = frame;
	n->parent = parent;
	n->child = n->next = FLAME_NONE;
	n->depth = parent == FLAME_NONE ? 0 : f->node[parent].depth + 1;
	if (n->depth > f->max_depth)
		f->max_depth = n->depth;
	return (uint32_t)f->count++;
}

uint32_t flame_child(const struct flame *f, uint32_t from, uint32_t frame)
{
	if (from >= f->count)
		return FLAME_NONE;
	for (uint32_t c = f->node[from].child; c != FLAME_NONE; c = f->node[c].next)
		if (f->node[c].frame == frame)
			return c;
	return FLAME_NONE;
}

/* The child of parent for frame, made (in name order) when new. */
static uint32_t child_get(struct flame *f, const struct tt_profile_view *v, uint32_t parent,
			  uint32_t frame)
{
	uint32_t c = flame_child(f, parent, frame), prev = FLAME_NONE, at, n;
	const char *name = frame < v->n_frames ? v->frames[frame].name : "";

	if (c != FLAME_NONE)
		return c;
	n = node_new(f, parent, frame);
	if (n == FLAME_NONE)
		return n;
	for (at = f->node[parent].child; at != FLAME_NONE; prev = at, at = f->node[at].next) {
		uint32_t af = f->node[at].frame;
		const char *an = af < v->n_frames ? v->frames[af].name : "";
		int cmp = strcmp(an, name);

		if (cmp > 0 || (cmp == 0 && af > frame))
			break;
	}
	f->node[n].next = at;
	if (prev == FLAME_NONE)
		f->node[parent].child = n;
	else
		f->node[prev].next = n;
	return n;
}

int flame_build(struct flame *f, const struct tt_profile_view *v, enum flame_mode mode,
		flame_keep_fn keep, void *ctx)
{
	f->count = 0;
	f->max_depth = 0;
	if (node_new(f, FLAME_NONE, FLAME_NONE) == FLAME_NONE)
		return -1;
	for (size_t i = 0; v && i < v->n_stacks; i++) {
		const struct tt_prof_stack *s = &v->stacks[i];
		double c = count_of(s, mode);
		uint32_t at = 0;

		if (c <= 0 || (keep && !keep(ctx, s)))
			continue;
		f->node[0].value += c;
		for (uint32_t k = 0; k < s->n; k++) {
			at = child_get(f, v, at, s->frames[k]);
			if (at == FLAME_NONE)
				return -1;
			f->node[at].value += c;
		}
		f->node[at].self += c;
	}
	return 0;
}

void flame_free(struct flame *f)
{
	free(f->node);
	memset(f, 0, sizeof(*f));
}

/* Whether frame is on the path above node n (recursion: its total is
 * counted at the outermost). */
static bool above(const struct flame *f, uint32_t n, uint32_t frame)
{
	for (uint32_t p = f->node[n].parent; p != FLAME_NONE && p != 0; p = f->node[p].parent)
		if (f->node[p].frame == frame)
			return true;
	return false;
}

static int by_self(const void *a, const void *b)
{
	const struct flame_fn *x = a, *y = b;

	if (x->self != y->self)
		return x->self > y->self ? -1 : 1;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return x->frame < y->frame ? -1 : x->frame > y->frame;
}

static int by_frame(const void *a, const void *b)
{
	const struct flame_fn *x = a, *y = b;

	return x->frame < y->frame ? -1 : x->frame > y->frame;
}

size_t flame_top(const struct flame *f, struct flame_fn *out, size_t max)
{
	struct flame_fn *all;
	size_t n = 0, k = 0;

	if (f->count < 2)
		return 0;
	all = malloc((f->count - 1) * sizeof(*all));
	if (!all)
		return 0;
	for (size_t i = 1; i < f->count; i++)
		all[n++] = (struct flame_fn){ .frame = f->node[i].frame, .self = f->node[i].self,
					      .total = above(f, (uint32_t)i, f->node[i].frame) ?
						       0 : f->node[i].value };
	qsort(all, n, sizeof(*all), by_frame);
	for (size_t i = 0; i < n; i++) {	/* one row a frame */
		if (k && all[k - 1].frame == all[i].frame) {
			all[k - 1].self += all[i].self;
			all[k - 1].total += all[i].total;
		} else {
			all[k++] = all[i];
		}
	}
	qsort(all, k, sizeof(*all), by_self);
	memcpy(out, all, (k < max ? k : max) * sizeof(*out));
	free(all);
	return k;
}
