/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The UI state's own functions (state.h): its life, its status message,
 * the hold on table orders, and the settings it carries for the
 * configuration file. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/types.h>
#include "bio.h"
#include "state.h"

/* The processes table's column of the meaning --sort names (it has no
 * total: its rate, whose ties go by total). */
static const int pr_sort_col[SC_NCOLS] = {
	[SC_NAME] = PR_COMM, [SC_RATE] = PR_RATE, [SC_TOTAL] = PR_RATE,
	[SC_ERR_RATE] = PR_ERR_RATE, [SC_ERR_PCT] = PR_ERR_RATE,
	[SC_P95] = PR_RATE, [SC_BUSY] = PR_RATE,
};

int ui_state_init(struct ui_state *st, const struct options *set)
{
	memset(st, 0, sizeof(*st));
	if (set)
		st->set = *set;
	else
		options_defaults(&st->set);
	if (!(st->set.delay_s > 0))
		st->set.delay_s = 1.0;
	if ((unsigned)st->set.focus >= PANE_MAX)
		st->set.focus = PANE_SYSCALLS;
	if ((unsigned)st->set.sort >= SC_NCOLS)
		st->set.sort = SC_RATE;
	st->sc.sort_col = st->set.sort;
	st->pr.sort_col = pr_sort_col[st->set.sort];
	st->fl.sort_col = FL_COUNT;
	st->sc.resort = st->pr.resort = st->fl.resort = true;
	st->log_follow = true;
	st->bio_op = -1;
	st->bio_phase = BIO_PH_DEVICE;
	snprintf(st->theme_name, sizeof(st->theme_name), "default");
	st->log_mask = LOG_SHOW_ALL;
	filter_init(&st->filter);
	filter_init(&st->search);
	filter_init(&st->fl_filter);
	filter_init(&st->scope_filter);
	filter_init(&st->scope_fail_filter);
	scope_init(&st->scope);
	log_index_init(&st->view_idx);
	log_index_init(&st->search_idx);
	st->idx_stale = true;
	st->prompt = calloc(1, sizeof(*st->prompt));
	st->ticks = tick_history_new();
	if (!st->prompt || !st->ticks || event_log_init(&st->detail, 1)) {
		ui_state_fini(st);
		return -ENOMEM;
	}
	return 0;
}

void table_state_fini(struct table_state *t)
{
	free(t->order);
	free(t->scratch);
	free(t->row_keys);
	t->order = NULL;
	t->scratch = NULL;
	t->row_keys = NULL;
	t->n_order = t->cap_order = t->cap_scratch = t->cap_row_keys = 0;
}

void ui_state_fini(struct ui_state *st)
{
	table_state_fini(&st->sc);
	table_state_fini(&st->pr);
	table_state_fini(&st->fl);
	log_index_fini(&st->view_idx);
	log_index_fini(&st->search_idx);
	filter_fini(&st->filter);
	filter_fini(&st->search);
	filter_fini(&st->fl_filter);
	filter_fini(&st->scope_filter);
	filter_fini(&st->scope_fail_filter);
	scope_fini(&st->scope);
	tick_history_free(st->ticks);
	st->ticks = NULL;
	flame_free(&st->prof.flame);
	free(st->fl_vis);
	st->fl_vis = NULL;
	free(st->fl_drop);
	free(st->fl_drop_dir);
	st->fl_drop = st->fl_drop_dir = NULL;
	free(st->prompt);
	st->prompt = NULL;
	free(st->fl_pick);
	st->fl_pick = NULL;
	event_log_fini(&st->detail);
}

const struct options *ui_state_settings(struct ui_state *st)
{
	const char *f = filter_expr(&st->filter);

	st->set.sort = (enum sc_col)st->sc.sort_col;
	st->set.filter = *f ? f : NULL;
	st->set.theme = st->theme_name[0] && !st->theme_auto ? st->theme_name : st->set.theme;
	return &st->set;
}

unsigned ui_state_log_mask(const struct ui_state *st)
{
	return st->log_mask | (st->set.failed_only ? LOG_FAILED_ONLY : 0);
}

void ui_state_message(struct ui_state *st, int role, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->msg, sizeof(st->msg), fmt, ap);
	va_end(ap);
	st->msg_role = role;
	st->msg_until_ms = st->now_ms + MSG_MS;
}

void ui_state_hold(struct ui_state *st)
{
	st->hold_until_ms = st->now_ms + HOLD_MS;
}

bool ui_state_held(const struct ui_state *st)
{
	return st->now_ms < st->hold_until_ms;
}
