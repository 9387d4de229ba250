/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The interactive front end: the only code in tracetop that includes
 * curses. The event loop (src/app/loop.c) owns time and file descriptors and
 * calls into the UI; the UI never blocks and never reads the kernel.
 *
 * Frames: the loop calls ui_draw() at most once per loop pass, when the
 * model produced a new snapshot or ui_handle_input() asked for a redraw.
 * Views draw into an in-memory canvas; one flush writes the changed
 * cells to the terminal. */
#ifndef TRACETOP_UI_H
#define TRACETOP_UI_H

#include <stdbool.h>
#include <stddef.h>
#include "snapshot.h"
#include "event_log.h"
#include "diag.h"
#include "frontend.h"	/* enum ui_reaction */
#include "options.h"

struct ui;

/* Enters curses mode with the settings set (copied: the UI changes its
 * own). diag (borrowed) holds messages for the status line; report
 * (borrowed, may be NULL) is the probe report the key i shows; both must
 * outlive the UI. NULL with a message in err when the terminal cannot be
 * used (not a tty, unknown TERM; a bad theme or filter is NOT fatal). */
struct ui *ui_new(const struct options *set, const struct diag *diag, const char *report,
		  char *err, size_t errlen);
/* The settings in effect on screen (interval, theme, focus, sort,
 * filter, failed-only, mouse, and the rest as given to ui_new): what W
 * saves. Valid until the next ui_handle_input(). */
const struct options *ui_settings(struct ui *ui);
/* A one-line notice on the status line (error: shown as an error). */
void ui_notice(struct ui *ui, bool error, const char *text);
/* Leaves curses mode and restores the terminal; idempotent. */
void ui_free(struct ui *ui);
/* Restores the terminal without freeing (fatal paths, atexit). */
void ui_restore_terminal(struct ui *ui);

/* The fd to poll for input (stdin). */
int ui_input_fd(const struct ui *ui);
/* Consumes every pending key/mouse event; returns enum ui_reaction bits
 * (frontend.h). */
unsigned ui_handle_input(struct ui *ui);
/* The terminal changed size (SIGWINCH). */
void ui_resize(struct ui *ui);
/* SIGTSTP: leave curses mode; SIGCONT: come back and redraw everything. */
void ui_suspend(struct ui *ui);
void ui_resume(struct ui *ui);
/* Draws one frame of snap (and the event log) — one flush. */
void ui_draw(struct ui *ui, const struct tt_snapshot *snap, const struct event_log *log);
/* --replay: where the recording stands (before each draw), and the time
 * typed at j (after UI_JUMP; "" when none). */
void ui_set_replay(struct ui *ui, const struct fe_replay *pos);
const char *ui_jump_text(const struct ui *ui);
/* The intervals [ and ] asked for since the last call (] counts +1, [
 * -1), and the Spaces a replay took (play/stop toggles); both reset. A
 * batch of keys comes as one reaction: these say how many. */
void ui_travel(struct ui *ui, int *steps, unsigned *toggles);
/* Milliseconds until the UI wants a redraw on its own (e.g. a held
 * sort order expiring), or -1 for never. */
int ui_wake_ms(const struct ui *ui);

#endif
