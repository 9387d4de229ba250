/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The profile screen's prepare step: the flame graph of the snapshot's
 * stacks in the scope, by the chosen count; the zoom and the selection
 * found again in it by their paths (a frame gone from the graph takes
 * the user to the nearest one still there); the search's share; the top
 * functions. Nothing of this runs while another screen is shown. */
#include <string.h>
#include "prepare.h"
#include "profile.h"

struct keep_ctx {
	const struct ui_state *st;
	const struct tt_snapshot *snap;
};

/* The container of process tgid, from the snapshot's process rows. */
static const char *container_of(const struct tt_snapshot *s, uint32_t tgid)
{
	for (size_t i = 0; s && i < s->n_procs; i++)
		if (s->procs[i].pid == tgid)
			return s->procs[i].container;
	return "";
}

static bool in_scope(void *ctx, const struct tt_prof_stack *s)
{
	const struct keep_ctx *k = ctx;
	char comm[sizeof(s->comm)];

	memcpy(comm, s->comm, sizeof(comm));
	comm[sizeof(comm) - 1] = '\0';
	return scope_match(&k->st->scope, s->tgid, comm, container_of(k->snap, s->tgid));
}

/* The node at the end of path (frame ids from under the root), cutting
 * *n to the part of it the graph still holds. */
static uint32_t follow(const struct flame *f, const uint32_t *path, unsigned *n)
{
	uint32_t at = 0;

	for (unsigned i = 0; i < *n; i++) {
		uint32_t c = flame_child(f, at, path[i]);

		if (c == FLAME_NONE) {
			*n = i;
			break;
		}
		at = c;
	}
	return at;
}

/* Samples under the frames whose name holds the text, in the subtree of
 * node at (a match under a match counted once). */
static double find_value(const struct flame *f, const struct tt_profile_view *v, uint32_t at,
			 const char *text)
{
	const struct flame_node *n = &f->node[at];
	double sum = 0;

	if (n->frame != FLAME_NONE && n->frame < v->n_frames && strstr(v->frames[n->frame].name, text))
		return n->value;
	for (uint32_t c = n->child; c != FLAME_NONE; c = f->node[c].next)
		sum += find_value(f, v, c, text);
	return sum;
}

void prof_prepare(struct ui_state *st, const struct tt_snapshot *snap)
{
	struct prof_state *p = &st->prof;
	const struct tt_profile_view *v = snap ? snap->profile : NULL;
	struct keep_ctx k = { st, snap };

	if (st->screen != SCREEN_PROFILE)
		return;
	flame_build(&p->flame, v, (enum flame_mode)p->mode, scope_on(&st->scope) ? in_scope : NULL, &k);
	if (!p->flame.count) {	/* out of memory: nothing to show */
		p->zoom_node = p->sel_node = FLAME_NONE;
		p->n_top = p->n_fns = 0;
		p->find_value = 0;
		return;
	}
	p->zoom_node = follow(&p->flame, p->zoom, &p->n_zoom);
	/* the selection lies in the zoom */
	if (p->n_sel < p->n_zoom || memcmp(p->sel, p->zoom, p->n_zoom * sizeof(*p->sel))) {
		memcpy(p->sel, p->zoom, p->n_zoom * sizeof(*p->sel));
		p->n_sel = p->n_zoom;
	}
	p->sel_node = follow(&p->flame, p->sel, &p->n_sel);
	p->find_value = p->find[0] && v ? find_value(&p->flame, v, p->zoom_node, p->find) : 0;
	p->n_fns = flame_top(&p->flame, p->top, PROF_TOP_MAX);
	p->n_top = p->n_fns < PROF_TOP_MAX ? p->n_fns : PROF_TOP_MAX;
}
