/* Adapts the interactive UI (ui/ui.h) to the loop's front-end interface,
 * so app.c never depends on curses. */
#include <stdio.h>
#include "ui_frontend.h"
#include "ui.h"

static unsigned fe_input(void *ctx)
{
	unsigned r = ui_handle_input(ctx), out = 0;

	if (r & UI_REDRAW)
		out |= FE_REDRAW;
	if (r & UI_QUIT)
		out |= FE_QUIT;
	if (r & UI_INTERVAL)
		out |= FE_INTERVAL | FE_REDRAW;
	if (r & UI_FAILED_ONLY)
		out |= FE_FAILED_ONLY | FE_REDRAW;
	if (r & UI_SAVE_CONFIG)
		out |= FE_SAVE_CONFIG | FE_REDRAW;
	return out;
}

/* The UI's settings; the strings live here until the next call. */
static void fe_settings(void *ctx, struct options *o)
{
	static struct ui_settings s;

	ui_get_settings(ctx, &s);
	o->delay_s = s.delay_s;
	o->theme = s.theme[0] ? s.theme : o->theme;
	o->focus = s.focus;
	o->sort = s.sort;
	o->filter = s.filter[0] ? s.filter : NULL;
	o->failed_only = s.failed_only;
}

static void fe_notice(void *ctx, bool error, const char *text)
{
	ui_notice(ctx, error, text);
}

static bool fe_failed_only(void *ctx)
{
	return ui_failed_only(ctx);
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

static double fe_delay(void *ctx)
{
	return ui_delay(ctx);
}

static int fe_wake_ms(void *ctx)
{
	return ui_wake_ms(ctx);
}

int ui_frontend_open(struct ui_frontend *u, const struct options *opt, const struct diag *diag,
		const char *report, char *err, size_t errlen)
{
	struct ui_config cfg = {
		.theme = opt->theme,
		.mouse = opt->mouse,
		.delay_s = opt->delay_s,
		.diag = diag,
		.filter = opt->filter,
		.failed_only = opt->failed_only,
		.focus = opt->focus,
		.sort = opt->sort,
		.report = report,
	};

	u->ui = ui_new(&cfg, err, errlen);
	if (!u->ui)
		return -1;
	u->fe = (struct frontend){
		.ctx = u->ui,
		.input_fd = ui_input_fd(u->ui),
		.input = fe_input,
		.resize = fe_resize,
		.suspend = fe_suspend,
		.resume = fe_resume,
		.draw = fe_draw,
		.delay = fe_delay,
		.wake_ms = fe_wake_ms,
		.failed_only = fe_failed_only,
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
