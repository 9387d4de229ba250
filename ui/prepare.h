/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The prepare step: the work a frame needs before anything is drawn.
 *
 * ui_render() runs it, then lets the views draw. It lays the screen out
 * for the canvas size, brings the event log's indexes up to date within
 * a frame's budget and settles the row the log stands on (log_prepare.c),
 * and copies the event the detail screen is about to show out of the
 * ring. Views then read the state and the snapshot and draw; the log
 * view changes nothing, so a frame drawn twice is the same frame, and
 * what the keys act on is what the last prepare settled. */
#ifndef TRACETOP_UI_PREPARE_H
#define TRACETOP_UI_PREPARE_H

#include "event_log.h"
#include "snapshot.h"
#include "state.h"

/* For a w x h screen showing snap (NULL before the first tick) and log
 * (may be NULL). */
void ui_prepare(struct ui_state *st, int w, int h, const struct tt_snapshot *snap,
		const struct event_log *log);
/* The profile screen's part of it (prof_prepare.c). */
void prof_prepare(struct ui_state *st, const struct tt_snapshot *snap);

#endif
