/* What the event loop needs from an interactive front end. The loop
 * (app.c) stays free of curses; ui/ provides one of these (ui/ui_frontend.c). */
#ifndef TRACETOP_FRONTEND_H
#define TRACETOP_FRONTEND_H

#include <stdbool.h>
#include "event_log.h"
#include "options.h"
#include "snapshot.h"

enum fe_reaction {
	FE_REDRAW = 1 << 0,
	FE_QUIT = 1 << 1,
	FE_INTERVAL = 1 << 2,
	FE_FAILED_ONLY = 1 << 3,	/* failed_only() changed */
	FE_SAVE_CONFIG = 1 << 4,	/* save the settings (settings()) */
};

struct frontend {
	void *ctx;
	int input_fd;
	unsigned (*input)(void *ctx);	/* enum fe_reaction bits */
	void (*resize)(void *ctx);
	void (*suspend)(void *ctx);
	void (*resume)(void *ctx);
	void (*draw)(void *ctx, const struct tt_snapshot *snap, const struct event_log *log);
	double (*delay)(void *ctx);
	int (*wake_ms)(void *ctx);	/* -1: no timed redraw wanted */
	bool (*failed_only)(void *ctx);	/* the user wants failed calls only */
	/* Writes what the user set on screen (interval, theme, focus, sort,
	 * filter, failed-only) over o; strings stay valid until the next call. */
	void (*settings)(void *ctx, struct options *o);
	void (*notice)(void *ctx, bool error, const char *text);
};

#endif
