/* The interactive front end: the only code in tracetop that includes
 * curses. The event loop (src/loop.c) owns time and file descriptors and
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

struct ui;

struct ui_config {
	const char *theme;		/* name or path; NULL for the default */
	bool mouse;			/* --no-mouse clears it */
	double delay_s;			/* current sampling interval */
	const struct diag *diag;	/* borrowed: messages for the status bar */
	const char *filter;		/* event log filter at start (filter.h), or NULL */
	bool failed_only;		/* -x: the log starts with failed calls only */
	int focus;			/* enum ui_pane (--focus) */
	int sort;			/* enum sc_col (--sort) */
	const char *report;		/* borrowed, may be NULL: the probe report (key i),
					 * valid as long as the UI */
};

/* Reaction flags returned by ui_handle_input(). */
enum ui_reaction {
	UI_REDRAW = 1 << 0,	/* draw again with the current snapshot */
	UI_QUIT = 1 << 1,
	UI_INTERVAL = 1 << 2,	/* ui_delay() changed: rearm the timer */
	UI_FAILED_ONLY = 1 << 3,	/* ui_failed_only() changed (key x) */
	UI_SAVE_CONFIG = 1 << 4,	/* W: save the settings in effect (ui_get_settings) */
};

/* What the user set on screen, for the configuration file (key W). */
struct ui_settings {
	double delay_s;
	char theme[64];
	int focus;			/* enum ui_pane */
	int sort;			/* enum sc_col */
	char filter[1024];		/* the event log filter, "" for none */
	bool failed_only;
};

/* Enters curses mode. NULL with a message in err when the terminal
 * cannot be used (not a tty, unknown TERM, bad theme is NOT fatal). */
struct ui *ui_new(const struct ui_config *cfg, char *err, size_t errlen);
void ui_get_settings(const struct ui *ui, struct ui_settings *s);
/* A one-line notice on the status line (error: shown as an error). */
void ui_notice(struct ui *ui, bool error, const char *text);
/* Leaves curses mode and restores the terminal; idempotent. */
void ui_free(struct ui *ui);
/* Restores the terminal without freeing (fatal paths, atexit). */
void ui_restore_terminal(struct ui *ui);

/* The fd to poll for input (stdin). */
int ui_input_fd(const struct ui *ui);
/* Consumes every pending key/mouse event; returns enum ui_reaction bits. */
unsigned ui_handle_input(struct ui *ui);
/* The terminal changed size (SIGWINCH). */
void ui_resize(struct ui *ui);
/* SIGTSTP: leave curses mode; SIGCONT: come back and redraw everything. */
void ui_suspend(struct ui *ui);
void ui_resume(struct ui *ui);
/* Draws one frame of snap (and the event log) — one flush. */
void ui_draw(struct ui *ui, const struct tt_snapshot *snap, const struct event_log *log);
/* The sampling interval the user asked for with +/-. */
double ui_delay(const struct ui *ui);
/* Whether the user wants failed exec/open calls only (x). The event log
 * view applies it itself; the kernel may drop the rest at the source. */
bool ui_failed_only(const struct ui *ui);
/* Milliseconds until the UI wants a redraw on its own (e.g. a held
 * sort order expiring), or -1 for never. */
int ui_wake_ms(const struct ui *ui);

#endif
