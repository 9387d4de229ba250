/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The profile screen (P): the on-CPU profile's flame graph, drawn from
 * the tree the prepare step built (prof_prepare.c), and its top
 * functions.
 *
 * The graph is an icicle by default (the root, "all", on top, callees
 * below: it reads like the process tree) or a flame graph (v: the root at
 * the bottom). A frame's width is its share of the samples of the zoomed
 * frame; children start at their parent's left edge in name order, and
 * what a frame spent in itself is the gap on its right. Each frame starts
 * with a bar (the boundary when two frames of a kind touch) and holds its
 * name where it fits, cut with an ellipsis where it nearly does. Cells
 * are coloured by kind (flame-* roles); the selected frame is the cursor;
 * frames the search (/) matches, flame-match. Under the graph: the
 * selected frame's figures and, where the screen has the rows, the top
 * functions by self samples. Names come from binaries and perf maps of
 * traced processes and are sanitised. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "format.h"
#include "keymap.h"
#include "profile.h"
#include "role.h"
#include "sanitize.h"
#include "view.h"

#define FRAME_EDGE 0x258f	/* LEFT ONE EIGHTH BLOCK: a frame's left edge */
#define TOP_MIN_BODY 18		/* rows the body needs before the table is drawn */
#define TOP_ROWS_MAX 10

static unsigned kind_role(uint8_t kind)
{
	switch (kind) {
	case PROF_KIND_USER:
		return ROLE_FLAME_USER;
	case PROF_KIND_LIB:
		return ROLE_FLAME_LIB;
	case PROF_KIND_KERNEL:
		return ROLE_FLAME_KERNEL;
	case PROF_KIND_JIT:
		return ROLE_FLAME_JIT;
	default:
		return ROLE_FLAME_PROC;
	}
}

static const char *kind_name(uint8_t kind)
{
	switch (kind) {
	case PROF_KIND_USER:
		return "program";
	case PROF_KIND_LIB:
		return "library";
	case PROF_KIND_KERNEL:
		return "kernel";
	case PROF_KIND_JIT:
		return "JIT";
	default:
		return "process";
	}
}

/* The sanitised name of node n ("all" for the root). */
static void node_name(const struct tt_profile_view *v, const struct flame_node *n, char *buf,
		      size_t len)
{
	const char *name;

	if (n->frame == FLAME_NONE) {
		snprintf(buf, len, "all");
		return;
	}
	name = n->frame < v->n_frames ? v->frames[n->frame].name : "?";
	sanitize(buf, len, name, strlen(name));
}

struct graph {
	const struct view_ctx *vc;
	const struct tt_profile_view *v;
	const struct prof_state *p;
	struct rect r;		/* the graph's cells */
	double scale;		/* columns a sample */
	uint32_t depth0;	/* the zoomed frame's depth: the first row */
};

static int row_of(const struct graph *g, uint32_t depth)
{
	int d = (int)(depth - g->depth0);

	return g->p->flame_up ? g->r.y + g->r.h - 1 - d : g->r.y + d;
}

/* Frame n from column x0 (a fraction), then its children. */
static void draw_node(const struct graph *g, uint32_t n, double x0)
{
	const struct flame_node *nd = &g->p->flame.node[n];
	struct canvas *cv = g->vc->cv;
	int c0 = g->r.x + (int)floor(x0 + 0.5);
	int c1 = g->r.x + (int)floor(x0 + nd->value * g->scale + 0.5);
	int y, maxx = g->r.x + g->r.w;
	unsigned role;
	char name[512];
	double cx = x0;

	if (nd->depth - g->depth0 >= (uint32_t)g->r.h)
		return;
	if (c1 > maxx)
		c1 = maxx;
	if (c1 <= c0)
		return;	/* narrower than a column: and so is every callee */
	y = row_of(g, nd->depth);
	node_name(g->v, nd, name, sizeof(name));
	role = nd->frame == FLAME_NONE ? ROLE_FLAME_PROC :
	       kind_role(nd->frame < g->v->n_frames ? g->v->frames[nd->frame].kind : 0);
	if (g->p->find[0] && nd->frame != FLAME_NONE && nd->frame < g->v->n_frames &&
	    strstr(g->v->frames[nd->frame].name, g->p->find))
		role = ROLE_FLAME_MATCH;
	if (n == g->p->sel_node)
		role = ROLE_CURSOR;
	canvas_fill(cv, (struct rect){ c0, y, c1 - c0, 1 }, ' ', role);
	canvas_putc(cv, c0, y, c1, FRAME_EDGE, role);
	if (c1 - c0 >= 3)
		canvas_puts_fit(cv, c0 + 1, y, c1, role, name);
	for (uint32_t c = nd->child; c != FLAME_NONE; c = g->p->flame.node[c].next) {
		draw_node(g, c, cx);
		cx += g->p->flame.node[c].value * g->scale;
	}
}

/* The line under the graph: the selected frame, its share and self;
 * the search's share; the zoom. */
static void draw_status(const struct view_ctx *vc, const struct tt_profile_view *v,
			const struct prof_state *p, int y, struct rect b)
{
	const struct flame_node *sel = &p->flame.node[p->sel_node];
	const struct flame_node *zoom = &p->flame.node[p->zoom_node];
	const struct flame_node *root = &p->flame.node[0];
	struct canvas *cv = vc->cv;
	int x = b.x + 1, maxx = b.x + b.w;
	char name[512], buf[768], n1[24], n2[24];
	uint8_t kind = sel->frame < v->n_frames ? v->frames[sel->frame].kind : 0;

	node_name(v, sel, name, sizeof(name));
	x += canvas_puts(cv, x, y, maxx, ROLE_LABEL, "\u25b8 ");
	x += canvas_puts_fit(cv, x, y, maxx - 40 > x + 8 ? maxx - 40 : maxx, ROLE_VALUE, name);
	snprintf(buf, sizeof(buf), "  %s, %s samples (%.1f%% of all, %.1f%% of the zoom), "
		 "%s in itself", sel->frame == FLAME_NONE ? "all" : kind_name(kind),
		 fmt_count((uint64_t)llround(sel->value), n1, sizeof(n1)),
		 root->value > 0 ? 100 * sel->value / root->value : 0,
		 zoom->value > 0 ? 100 * sel->value / zoom->value : 0,
		 fmt_count((uint64_t)llround(sel->self), n2, sizeof(n2)));
	x += canvas_puts(cv, x, y, maxx, ROLE_VALUE_ZERO, buf);
	if (p->find[0] && x + 4 < maxx) {
		char find[4 * PROF_FIND_MAX + 1];

		sanitize(find, sizeof(find), p->find, strlen(p->find));
		snprintf(buf, sizeof(buf), "  /%s: %.1f%% of the zoom", find,
			 zoom->value > 0 ? 100 * p->find_value / zoom->value : 0);
		canvas_puts(cv, x, y, maxx, ROLE_FLAME_MATCH, buf);
	}
}

/* The functions with the most samples in themselves. */
static void draw_top(const struct view_ctx *vc, const struct tt_profile_view *v,
		     const struct prof_state *p, struct rect t)
{
	struct canvas *cv = vc->cv;
	double all = p->flame.node[0].value;
	char name[512], buf[64];

	canvas_fill(cv, (struct rect){ t.x, t.y, t.w, 1 }, ' ', ROLE_COLUMN);
	snprintf(buf, sizeof(buf), "  SELF%%  TOTAL%% KIND    FUNCTION (%zu)", p->n_fns);
	canvas_puts(cv, t.x, t.y, t.x + t.w, ROLE_COLUMN, buf);
	for (int k = 0; k + 1 < t.h && (size_t)k < p->n_top; k++) {	/* PROF_TOP_MAX at most */
		const struct flame_fn *fn = &p->top[k];
		const struct tt_prof_frame *f = fn->frame < v->n_frames ? &v->frames[fn->frame] : NULL;
		int y = t.y + 1 + k, x = t.x;

		snprintf(buf, sizeof(buf), "%6.1f %7.1f ", all > 0 ? 100 * fn->self / all : 0,
			 all > 0 ? 100 * fn->total / all : 0);
		x += canvas_puts(cv, x, y, t.x + t.w, ROLE_VALUE, buf);
		snprintf(buf, sizeof(buf), "%-8s", f ? kind_name(f->kind) : "?");
		x += canvas_puts(cv, x, y, t.x + t.w, ROLE_VALUE_ZERO, buf);
		sanitize(name, sizeof(name), f ? f->name : "?", f ? strlen(f->name) : 1);
		canvas_puts_fit(cv, x, y, t.x + t.w, f ? kind_role(f->kind) == ROLE_FLAME_KERNEL ?
				ROLE_LABEL : ROLE_VALUE : ROLE_VALUE, name);
	}
}

/* Why there is nothing to draw, or NULL. */
static const char *why_empty(const struct view_ctx *vc)
{
	const struct tt_profile_view *v = vc->snap ? vc->snap->profile : NULL;

	if (!v)
		return vc->st->set.profile_hz ? "no on-CPU profile: it could not start here, or this "
						"recording holds none (i: the probe report; --log)" :
		       "the on-CPU profile is off (--profile-hz 0)";
	if (!vc->st->prof.flame.count || vc->st->prof.flame.node[0].value <= 0)
		return !v->counting ? "the sampling is stopped: k starts it" :
		       vc->st->prof.mode == FLAME_INTERVAL ? "no samples in the last interval" :
		       scope_on(&vc->st->scope) ? "no samples of the scope's processes yet" :
		       "no samples yet";
	return NULL;
}

void view_profile(const struct view_ctx *vc, struct rect r)
{
	struct ui_state *st = vc->st;
	const struct prof_state *p = &st->prof;
	const struct tt_profile_view *v = vc->snap ? vc->snap->profile : NULL;
	char info[256] = "", n1[24], n2[24], scope[96] = "";
	const char *why;
	struct rect b;
	int top_h = 0;
	struct graph g;

	if (v) {
		if (scope_on(&st->scope)) {
			char label[80];

			scope_label(st, label, sizeof(label));
			snprintf(scope, sizeof(scope), ", %s", label);
		}
		snprintf(info, sizeof(info), "%u Hz, %s samples (%s in the last interval)%s; %s%s%s",
			 v->hz, fmt_count(v->samples_total, n1, sizeof(n1)),
			 fmt_count(v->samples_interval, n2, sizeof(n2)), scope,
			 prof_mode_name(p->mode), v->counting ? "" : "; STOPPED (k)",
			 v->lost_total || v->untracked ? "; some samples not counted" : "");
	}
	b = pane_frame(vc, r, true, p->flame_up ? "Profile (flame graph)" : "Profile (icicle)", info);
	if (st->prompt && st->prompt->kind == PROMPT_PROFILE) {	/* typed on its last row */
		pane_prompt(vc, b);
		b.h--;
	}
	if (pane_no_data(vc, b))
		return;
	why = why_empty(vc);
	if (why) {
		text_wrap(vc->cv, (struct rect){ b.x + 1, b.y, b.w - 2, b.h }, ROLE_VALUE_ZERO, why);
		return;
	}
	if (b.h < 3 || b.w < 10)
		return;
	g = (struct graph){
		.vc = vc, .v = v, .p = p,
		.depth0 = p->flame.node[p->zoom_node].depth,
	};
	/* the graph as deep as the zoom goes; the table gets its rows at
	 * least, and what the graph does not need */
	if (b.h >= TOP_MIN_BODY)
		top_h = b.h / 3 < TOP_ROWS_MAX + 1 ? b.h / 3 : TOP_ROWS_MAX + 1;
	g.r = (struct rect){ b.x, b.y, b.w, b.h - 1 - top_h };
	if (top_h && (int)(p->flame.max_depth - g.depth0) + 1 < g.r.h) {
		g.r.h = (int)(p->flame.max_depth - g.depth0) + 1;
		top_h = b.h - 1 - g.r.h;
	}
	g.scale = p->flame.node[p->zoom_node].value > 0 ?
		  (double)g.r.w / p->flame.node[p->zoom_node].value : 0;
	draw_node(&g, p->zoom_node, 0);
	draw_status(vc, v, p, b.y + g.r.h, b);
	if ((int)(p->flame.max_depth - g.depth0) >= g.r.h) {	/* say what the rows cut */
		char deeper[64];
		uint32_t more = p->flame.max_depth - g.depth0 + 1 - (uint32_t)g.r.h;

		snprintf(deeper, sizeof(deeper), " %u deeper level%s: Enter zooms ", more,
			 more == 1 ? "" : "s");
		canvas_puts_right_fit(vc->cv, b.x + b.w, p->flame_up ? b.y : b.y + g.r.h - 1, b.x,
				      ROLE_BADGE, deeper);
	}
	if (top_h)
		draw_top(vc, v, p, (struct rect){ b.x, b.y + g.r.h + 1, b.w, top_h });
	/* the figure is the machine's: not said under a scope */
	if (v->shallow * 10 > v->samples_total && v->samples_total >= 100 && g.r.h > 2 &&
	    !scope_on(&st->scope)) {
		char comm[4 * 17 + 1], line[160];

		sanitize(comm, sizeof(comm), v->shallow_comm, strnlen(v->shallow_comm, 16));
		snprintf(line, sizeof(line), " %.0f%% of user stacks are 1 or 2 frames deep (most: %s):"
			 " a binary without frame pointers? ", 100.0 * (double)v->shallow /
			 (double)v->samples_total, comm);
		canvas_puts_right_fit(vc->cv, b.x + b.w, p->flame_up ? b.y : b.y + g.r.h - 1, b.x,
				      ROLE_MSG_WARN, line);
	}
}
