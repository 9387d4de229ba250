/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The event log pane before it is drawn: its indexes brought up to date
 * within a time budget, the row it stands on settled, and where its
 * parts go. The prepare step (prepare.c) runs log_prepare() once per
 * frame; view_log() then only reads the state and draws by the same
 * geometry, so drawing never changes what the keys act on. */
#ifndef TRACETOP_UI_LOG_PREPARE_H
#define TRACETOP_UI_LOG_PREPARE_H

#include <stdbool.h>
#include "canvas.h"
#include "event_log.h"
#include "snapshot.h"
#include "state.h"

/* Index work per frame: a costly filter over a full ring is built over
 * several frames, newest events first, instead of freezing the screen. */
#define LOG_FRAME_BUDGET_NS 30000000ull	/* 30 ms */

/* Where the log pane's parts go in its rectangle. */
struct log_geom {
	struct rect body;	/* below the title line */
	bool down;		/* no source and no event: body says why instead */
	int notes;		/* lines about a failed source at the top of body */
	bool prompt;		/* the filter/search prompt on body's last row */
	struct rect table;	/* the column header, then the events */
	int rows;		/* events shown: table.h - 1, or 0 without a table */
};

void log_geometry(const struct ui_state *st, const struct tt_snapshot *snap,
		  const struct event_log *log, struct rect r, struct log_geom *g);

/* Brings st's view and search indexes up to date with log (NULL: none),
 * moves a new search to its newest match, and settles the bottom row
 * (log_sel), the horizon and the range seen. shown: the pane's
 * rectangle this frame, or NULL when the log is not drawn (its rows
 * shown then stay as they were). */
void log_prepare(struct ui_state *st, const struct tt_snapshot *snap, const struct event_log *log,
		 const struct rect *shown);

#endif
