/* The prepare step (prepare.h): what used to happen inside the views
 * while they drew, done once per frame before any of them runs. */
#include "keymap.h"
#include "log_prepare.h"
#include "prepare.h"

/* Whether the body shows the panes (not help or another screen). */
static bool panes_shown(const struct ui_state *st)
{
	return !st->lay.too_small && !st->help && st->screen == SCREEN_MAIN;
}

/* Enter on an event asked for its details: copy it out of the ring now,
 * so it stays whole however fast the ring turns while it is shown. */
static void take_detail(struct ui_state *st, const struct event_log *log)
{
	const struct tt_event *src;

	if (!st->detail_want)
		return;
	src = log ? event_log_get(log, st->detail_seq) : NULL;
	st->detail_want = false;
	st->detail_gone = !src || event_log_push(&st->detail, src);
}

void ui_prepare(struct ui_state *st, int w, int h, const struct tt_snapshot *snap,
		const struct event_log *log)
{
	bool shown;

	st->screen_w = w;
	st->screen_h = h;
	layout_compute(&st->lay, w, h, st->zoom || st->help || st->screen != SCREEN_MAIN,
		       st->set.focus);
	shown = panes_shown(st) && st->lay.shown[PANE_LOG];
	prompt_settle(st);
	log_prepare(st, snap, log, shown ? &st->lay.pane[PANE_LOG] : NULL);
	take_detail(st, log);
}
