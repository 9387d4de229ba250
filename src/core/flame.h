/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The flame graph of a profile view: its folded stacks merged into one
 * tree, a node per distinct path from the root, each with the samples
 * under it and those in it alone. The profile pane draws it (ui/), the
 * top-functions table sums it by name. Built from the stacks a caller
 * keeps (its scope) and by one of three counts. */
#ifndef TRACETOP_FLAME_H
#define TRACETOP_FLAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "profile.h"

#define FLAME_NONE UINT32_MAX

enum flame_mode {
	FLAME_TOTAL,		/* samples since start */
	FLAME_INTERVAL,		/* the last interval's */
	FLAME_DECAY,		/* halved every PROF_HALF_LIFE_S */
	FLAME_MODE_MAX,
};

struct flame_node {
	uint32_t frame;		/* id in the view's frames; FLAME_NONE for the root */
	uint32_t parent;	/* FLAME_NONE for the root */
	uint32_t child;		/* first child (children by name), or FLAME_NONE */
	uint32_t next;		/* next sibling, or FLAME_NONE */
	uint32_t depth;		/* the root 0 */
	double value;		/* samples in it and under it */
	double self;		/* samples in it alone (the stacks ending there) */
};

struct flame {
	struct flame_node *node;	/* node[0] the root, when count > 0 */
	size_t count, cap;
	uint32_t max_depth;
};

/* Whether stack s is part of the graph (a scope); NULL keeps all. */
typedef bool (*flame_keep_fn)(void *ctx, const struct tt_prof_stack *s);

/* (Re)builds f from v; 0, or -1 when memory ran short (f then holds
 * what was built). */
int flame_build(struct flame *f, const struct tt_profile_view *v, enum flame_mode mode,
		flame_keep_fn keep, void *ctx);
void flame_free(struct flame *f);

/* A function's share, summed over the nodes of its name and kind: self
 * where it was on the CPU, total where it was on the stack (counted once
 * a path when it recurses). */
struct flame_fn {
	uint32_t frame;
	double self, total;
};
/* The functions of f, most self samples first (then most total): at
 * most max written to out; how many there are. */
size_t flame_top(const struct flame *f, struct flame_fn *out, size_t max);

/* The node under node `from` (in the graph, or its root) that holds
 * frame id frame among its children; FLAME_NONE when none does. */
uint32_t flame_child(const struct flame *f, uint32_t from, uint32_t frame);

#endif
