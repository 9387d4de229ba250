/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The profile screen's keys: P opens it (and again, back to the panes);
 * the arrows move the selected frame (to its caller, its callee with the
 * most samples, its neighbours); Enter zooms into it, Esc out one level
 * (out of the screen when not zoomed); m the count (since start, last
 * interval, decaying), v the graph's way up, / the search, k the
 * sampling on or off. They act on the graph the last frame drew. */
#include <string.h>
#include "keymap.h"
#include "role.h"
#include "ui.h"

static const char *const mode_names[FLAME_MODE_MAX] = {
	[FLAME_TOTAL] = "since start",
	[FLAME_INTERVAL] = "last interval",
	[FLAME_DECAY] = "decaying (half-life 10 s)",
};

const char *prof_mode_name(int mode)
{
	return mode >= 0 && mode < FLAME_MODE_MAX ? mode_names[mode] : "";
}

/* P: the screen, and back. Opening it starts the counting (off until
 * then but with --profile: it costs memory for every process it names). */
unsigned act_profile(struct ui_state *st)
{
	if (st->screen == SCREEN_PROFILE) {
		st->screen = SCREEN_MAIN;
		return UI_REDRAW;
	}
	st->screen = SCREEN_PROFILE;
	if (!st->set.profile_off || !st->set.profile_hz)
		return UI_REDRAW;
	st->set.profile_off = false;
	ui_state_message(st, ROLE_MSG_INFO, "profile: sampling on (k stops it)");
	return UI_REDRAW | UI_PROFILE;
}

/* The path of node n into path (frame ids under the root). */
static unsigned path_of(const struct flame *f, uint32_t n, uint32_t *path)
{
	unsigned depth = n < f->count ? f->node[n].depth : 0, d = depth;

	for (uint32_t at = n; d > 0 && at != FLAME_NONE; at = f->node[at].parent)
		path[--d] = f->node[at].frame;
	return depth;
}

static unsigned select_node(struct ui_state *st, uint32_t n)
{
	struct prof_state *p = &st->prof;

	if (n == FLAME_NONE || n >= p->flame.count)
		return 0;
	p->n_sel = path_of(&p->flame, n, p->sel);
	p->sel_node = n;
	return UI_REDRAW;
}

static bool usable(const struct prof_state *p)
{
	return p->flame.count && p->sel_node < p->flame.count && p->zoom_node < p->flame.count;
}

/* Toward the root, never above the zoom. */
static unsigned to_caller(struct ui_state *st)
{
	struct prof_state *p = &st->prof;

	if (!usable(p) || p->sel_node == p->zoom_node)
		return 0;
	return select_node(st, p->flame.node[p->sel_node].parent);
}

/* Away from the root: the callee with the most samples. */
static unsigned to_callee(struct ui_state *st)
{
	struct prof_state *p = &st->prof;
	uint32_t best = FLAME_NONE;

	if (!usable(p))
		return 0;
	for (uint32_t c = p->flame.node[p->sel_node].child; c != FLAME_NONE; c = p->flame.node[c].next)
		if (best == FLAME_NONE || p->flame.node[c].value > p->flame.node[best].value)
			best = c;
	return select_node(st, best);
}

unsigned act_prof_up(struct ui_state *st)
{
	return st->prof.flame_up ? to_callee(st) : to_caller(st);
}

unsigned act_prof_down(struct ui_state *st)
{
	return st->prof.flame_up ? to_caller(st) : to_callee(st);
}

/* The node after n in a walk of the tree under top, parents before their
 * children, children in drawing order; FLAME_NONE at the end. */
static uint32_t walk_next(const struct flame *f, uint32_t top, uint32_t n)
{
	if (f->node[n].child != FLAME_NONE)
		return f->node[n].child;
	for (; n != top; n = f->node[n].parent)
		if (f->node[n].next != FLAME_NONE)
			return f->node[n].next;
	return FLAME_NONE;
}

/* The neighbour on the left (dir -1) or right (+1) at the same depth:
 * a sibling, or else the nearest frame of that depth under another
 * caller, within the zoom. */
static unsigned sideways(struct ui_state *st, int dir)
{
	struct prof_state *p = &st->prof;
	const struct flame *f = &p->flame;
	uint32_t prev = FLAME_NONE, depth;

	if (!usable(p) || p->sel_node == p->zoom_node)
		return 0;
	depth = f->node[p->sel_node].depth;
	for (uint32_t n = p->zoom_node; n != FLAME_NONE; n = walk_next(f, p->zoom_node, n)) {
		if (f->node[n].depth != depth)
			continue;
		if (n == p->sel_node) {
			if (dir < 0)
				return select_node(st, prev);
			prev = n;
			continue;
		}
		if (dir > 0 && prev == p->sel_node)
			return select_node(st, n);
		prev = n;
	}
	return 0;
}

unsigned act_prof_left(struct ui_state *st)
{
	return sideways(st, -1);
}

unsigned act_prof_right(struct ui_state *st)
{
	return sideways(st, 1);
}

unsigned act_prof_zoom(struct ui_state *st)
{
	struct prof_state *p = &st->prof;

	if (!usable(p))
		return 0;
	memcpy(p->zoom, p->sel, p->n_sel * sizeof(*p->zoom));
	p->n_zoom = p->n_sel;
	p->zoom_node = p->sel_node;
	return UI_REDRAW;
}

/* Out one level (the selection stays where it was); when not zoomed,
 * back to the panes. */
unsigned act_prof_out(struct ui_state *st)
{
	struct prof_state *p = &st->prof;

	if (!p->n_zoom) {
		st->screen = SCREEN_MAIN;
		return UI_REDRAW;
	}
	p->n_zoom--;
	if (usable(p))
		p->zoom_node = p->flame.node[p->zoom_node].parent;
	return UI_REDRAW;
}

unsigned act_prof_mode(struct ui_state *st)
{
	st->prof.mode = (st->prof.mode + 1) % FLAME_MODE_MAX;
	ui_state_message(st, ROLE_MSG_INFO, "profile: samples %s", prof_mode_name(st->prof.mode));
	return UI_REDRAW;
}

unsigned act_prof_flip(struct ui_state *st)
{
	st->prof.flame_up = !st->prof.flame_up;
	return UI_REDRAW;
}

unsigned act_prof_find(struct ui_state *st)
{
	prompt_open(st, PROMPT_PROFILE);
	return UI_REDRAW;
}

/* k: the app turns the counting in the kernel on or off. */
unsigned act_prof_count(struct ui_state *st)
{
	if (st->replay.on && !st->replay.live) {
		ui_state_message(st, ROLE_MSG_WARN, "profile: a replay shows what was recorded "
				 "(k samples a live run)");
		return UI_REDRAW;
	}
	if (!st->set.profile_hz) {
		ui_state_message(st, ROLE_MSG_WARN, "profile: off (--profile-hz 0)");
		return UI_REDRAW;
	}
	st->set.profile_off = !st->set.profile_off;
	ui_state_message(st, ROLE_MSG_INFO, "profile: sampling %s", st->set.profile_off ?
			 "stopped (k starts it again)" : "on (k stops it)");
	return UI_REDRAW | UI_PROFILE;
}
