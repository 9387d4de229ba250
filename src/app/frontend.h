/* SPDX-License-Identifier: GPL-2.0-or-later */
/* What the event loop needs from an interactive front end. The loop
 * (app.c) stays free of curses; ui/ provides one of these (ui/ui_frontend.c). */
#ifndef TRACETOP_FRONTEND_H
#define TRACETOP_FRONTEND_H

#include <stdbool.h>
#include "event_log.h"
#include "options.h"
#include "snapshot.h"

/* What an input asks of the loop; ui/ actions return these bits, which
 * reach the loop unchanged through input(). */
enum ui_reaction {
	UI_REDRAW = 1 << 0,	/* draw again with the current snapshot */
	UI_QUIT = 1 << 1,
	UI_INTERVAL = 1 << 2,	/* settings()->delay_s changed: rearm the timer */
	UI_FAILED_ONLY = 1 << 3,	/* settings()->failed_only changed (key x) */
	UI_SAVE_CONFIG = 1 << 4,	/* W: save settings() to the configuration file */
	UI_LATENCY = 1 << 5,	/* settings()->latency changed (key L) */
	/* --replay (bits 8 and 9 are the UI's own) */
	UI_PLAY = 1 << 6,	/* space: pause or play on */
	UI_STEP_BACK = 1 << 7,	/* [: one interval back */
	UI_STEP_FWD = 1 << 10,	/* ]: one interval on */
	UI_JUMP = 1 << 11,	/* j: to jump_text() */
	UI_LIVE = 1 << 12,	/* looking back: End or Space, back to live */
	UI_PROFILE = 1 << 13,	/* settings()->profile_off changed (k on the profile) */
};

/* Where a replay stands, for the header (--replay, or looking back). */
struct fe_replay {
	bool on;
	bool live;		/* looking back while live (else --replay) */
	int64_t live_ms;	/* looking back: the time of the live interval */
	bool playing;
	size_t i, n;		/* the interval shown (0: the start), of n */
	int64_t wall_ms;	/* its time */
	int64_t first_ms, last_ms;	/* the recording's first and last */
	double recorded_s;	/* the recording's interval */
};

struct frontend {
	void *ctx;
	int input_fd;
	unsigned (*input)(void *ctx);	/* enum ui_reaction bits */
	void (*resize)(void *ctx);
	void (*suspend)(void *ctx);
	void (*resume)(void *ctx);
	void (*draw)(void *ctx, const struct tt_snapshot *snap, const struct event_log *log);
	int (*wake_ms)(void *ctx);	/* -1: no timed redraw wanted */
	/* The settings in effect on screen: the options the front end was
	 * opened with, as the user changed them (interval, theme, focus,
	 * sort, filter, failed-only). Valid until the next input(). */
	const struct options *(*settings)(void *ctx);
	void (*notice)(void *ctx, bool error, const char *text);
	/* --replay: where it stands, before each draw; and the time the
	 * user asked to jump to (UI_JUMP), valid until the next input(). */
	void (*replay)(void *ctx, const struct fe_replay *pos);
	const char *(*jump_text)(void *ctx);
	/* How many intervals the keys asked to move (] +1, [ -1) and how
	 * many times Space toggled a replay, since the last call: a batch
	 * of keys is one input() (UI_STEP_*, UI_PLAY say that some did). */
	void (*travel)(void *ctx, int *steps, unsigned *toggles);
};

#endif
