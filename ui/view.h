/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The views: each draws one part of the screen from a snapshot into the
 * canvas, inside the rectangle layout.c gave it. Views read the snapshot
 * and the UI state, which the prepare step (prepare.h) brought up to
 * date; they never touch curses and do no model work. The only state
 * some write back is what the next key or click needs and only drawing
 * knows (a table's hit areas and the order it held still, a text's
 * scroll bound); the event log view writes nothing. */
#ifndef TRACETOP_UI_VIEW_H
#define TRACETOP_UI_VIEW_H

#include <stdbool.h>
#include "canvas.h"
#include "state.h"
#include "snapshot.h"
#include "event_log.h"
#include "diag.h"

struct view_ctx {
	struct canvas *cv;
	struct ui_state *st;
	const struct tt_snapshot *snap;	/* borrowed; NULL before the first tick */
	const struct event_log *log;	/* borrowed; may be NULL */
	const struct diag *msgs;	/* borrowed; may be NULL */
};

/* One frame: ui_prepare() for the canvas size, then ui_paint(). */
void ui_render(struct ui_state *st, struct canvas *cv, const struct tt_snapshot *snap,
	       const struct event_log *log, const struct diag *msgs);
/* Draws the frame the last ui_prepare() settled: header, panes or a
 * screen, footer. */
void ui_paint(struct ui_state *st, struct canvas *cv, const struct tt_snapshot *snap,
	      const struct event_log *log, const struct diag *msgs);

void view_header(const struct view_ctx *vc, struct rect r);
void view_footer(const struct view_ctx *vc, struct rect r);
void view_too_small(const struct view_ctx *vc);
void view_help(const struct view_ctx *vc, struct rect r);
/* ?: a few lines on the focused pane, over the bottom of its rect r. */
void view_explain(const struct view_ctx *vc, struct rect r);
void view_vfs(const struct view_ctx *vc, struct rect r, bool focused);
void view_syscalls(const struct view_ctx *vc, struct rect r, bool focused);
void view_procs(const struct view_ctx *vc, struct rect r, bool focused);
void view_bio(const struct view_ctx *vc, struct rect r, bool focused);
void view_log(const struct view_ctx *vc, struct rect r, bool focused);
void view_fails(const struct view_ctx *vc, struct rect r);
void view_detail(const struct view_ctx *vc, struct rect r);
void view_report(const struct view_ctx *vc, struct rect r);
void view_tree(const struct view_ctx *vc, struct rect r);
void view_syscall(const struct view_ctx *vc, struct rect r);
void view_profile(const struct view_ctx *vc, struct rect r);

/* The scope's name (view_scope.c). */
/* "pid 1234 nginx", "every nginx" for a name, "container docker:3f2a",
 * "names ~ PATTERN". */
void scope_label(const struct ui_state *st, char *buf, size_t len);

/* Pane helpers (pane.c). */
/* The rectangle of a pane below its title line. */
struct rect pane_body(struct rect r);
/* Draws the title line of a pane and returns pane_body(r). */
struct rect pane_frame(const struct view_ctx *vc, struct rect r, bool focused,
		       const char *title, const char *info);
/* When source s is not running, says why in body and returns true:
 * a failed source shows its reason, never numbers. */
bool pane_source_down(const struct view_ctx *vc, struct rect body, enum tt_source s);
/* True when there is no snapshot to draw yet; says so in body. */
bool pane_no_data(const struct view_ctx *vc, struct rect body);
/* The open prompt on the last row of b: "Filter: text" with a cursor
 * cell; a text too long for the row shows its end. */
void pane_prompt(const struct view_ctx *vc, struct rect b);
/* The local time HH:MM:SS of CLOCK_MONOTONIC ts_ns, by the snapshot's
 * pairing of the clocks (seconds since boot before the first one). */
void pane_clock(const struct tt_snapshot *s, uint64_t ts_ns, char *buf, size_t len);
/* Word-wraps text into r; returns the lines used. */
int text_wrap(struct canvas *cv, struct rect r, unsigned role, const char *text);

#endif
