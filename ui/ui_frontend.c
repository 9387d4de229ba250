/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Adapts the interactive UI (ui/ui.h) to the loop's front-end interface,
 * so app.c never depends on curses. */
#include <stdio.h>
#include "ui_frontend.h"
#include "ui.h"

static unsigned fe_input(void *ctx)
{
	return ui_handle_input(ctx);
}

static const struct options *fe_settings(void *ctx)
{
	return ui_settings(ctx);
}

static void fe_notice(void *ctx, bool error, const char *text)
{
	ui_notice(ctx, error, text);
}

static void fe_resize(void *ctx)
{
	ui_resize(ctx);
}

static void fe_suspend(void *ctx)
{
	ui_suspend(ctx);
}

static void fe_resume(void *ctx)
{
	ui_resume(ctx);
}

static void fe_draw(void *ctx, const struct tt_snapshot *snap, const struct event_log *log)
{
	ui_draw(ctx, snap, log);
}

static int fe_wake_ms(void *ctx)
{
	return ui_wake_ms(ctx);
}

static void fe_replay(void *ctx, const struct fe_replay *pos)
{
	ui_set_replay(ctx, pos);
}

static const char *fe_jump_text(void *ctx)
{
	return ui_jump_text(ctx);
}

static void fe_travel(void *ctx, int *steps, unsigned *toggles)
{
	ui_travel(ctx, steps, toggles);
}

int ui_frontend_open(struct ui_frontend *u, const struct options *opt, const struct diag *diag,
		const char *report, char *err, size_t errlen)
{
	u->ui = ui_new(opt, diag, report, err, errlen);
	if (!u->ui)
		return -1;
	u->fe = (struct frontend){
		.ctx = u->ui,
		.input_fd = ui_input_fd(u->ui),
		.input = fe_input,
		.resize = fe_resize,
		.suspend = fe_suspend,
		.resume = fe_resume,
		.replay = fe_replay,
		.jump_text = fe_jump_text,
		.travel = fe_travel,
		.draw = fe_draw,
		.wake_ms = fe_wake_ms,
		.settings = fe_settings,
		.notice = fe_notice,
	};
	return 0;
}

void ui_frontend_close(struct ui_frontend *u)
{
	if (u->ui)
		ui_free(u->ui);
	u->ui = NULL;
}
