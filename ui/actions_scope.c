/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Enter on the tables: the syscall detail (act_syscall), and the scope
 * (Enter on the processes pane): every pane narrows to one process, or
 * to every process of one name or one container when the pane is folded
 * so; --comm starts with one. Esc or Backspace widens again. The panes
 * drawn from counters read the scoped rows of the snapshot (scope.c);
 * the event log and the failing calls go through a filter on the pid or
 * the name, which the user's own filter (F4) still narrows. */
#include <stdio.h>
#include <string.h>
#include "keymap.h"
#include "role.h"
#include "ui.h"

/* The scope's event and failing-call filters from snapshot s (a
 * container's processes come and go: made again at each new snapshot). */
static int scope_filters(struct ui_state *st, const struct tt_snapshot *s)
{
	static char expr[FILTER_EXPR_MAX + 1], fail_expr[FILTER_EXPR_MAX + 1];
	struct filter_error err;
	bool full = scope_event_expr(&st->scope, s, expr, fail_expr, sizeof(expr)) != 0;

	if (strcmp(expr, filter_expr(&st->scope_filter)) == 0 &&
	    strcmp(fail_expr, filter_expr(&st->scope_fail_filter)) == 0)
		return 0;
	if (filter_set(&st->scope_filter, expr, &err) ||
	    filter_set(&st->scope_fail_filter, fail_expr, &err)) {
		ui_state_message(st, ROLE_MSG_ERROR, "scope: %s", err.msg[0] ? err.msg : "out of memory");
		return -1;
	}
	if (full && !st->scope_warned)
		ui_state_message(st, ROLE_MSG_WARN, "scope: the container has too many processes "
				 "for the log's filter: the log shows some of them");
	st->scope_warned |= full;
	st->idx_stale = true;
	return 0;
}

/* The scope just set: its filters are made by the prepare step, from
 * the snapshot (ui_scope_refresh). */
static unsigned scope_start(struct ui_state *st, const char *what)
{
	st->scope_gen++;
	st->scope_stale = true;
	st->scope_warned = false;
	st->zoom = false;	/* the point is to see every pane narrowed */
	st->sc.resort = true;
	if (what)
		ui_state_message(st, ROLE_MSG_INFO, "every pane shows %s only; Esc widens again",
				 what);
	return UI_REDRAW;
}

unsigned act_scope(struct ui_state *st)
{
	if (!st->pr_sel_valid)
		return 0;
	switch (st->pr_sel_fold) {
	case PROC_FOLD_COMM:
		scope_set_comm(&st->scope, st->pr_sel_comm);
		return scope_start(st, "this name");
	case PROC_FOLD_CONTAINER:
		scope_set_container(&st->scope, st->pr_sel_container);
		return scope_start(st, "this container");
	default:
		scope_set_pid(&st->scope, st->pr_sel_pid, st->pr_sel_comm);
		return scope_start(st, "this process");
	}
}

int ui_scope_comm_re(struct ui_state *st, const char *pattern, char *msg, size_t len)
{
	struct filter_error err;

	if (scope_set_comm_re(&st->scope, pattern, &err)) {
		scope_comm_re_error(msg, len, pattern, &err);
		return -1;
	}
	scope_start(st, NULL);
	return 0;
}

void ui_scope_refresh(struct ui_state *st, const struct tt_snapshot *s)
{
	uint64_t seq = s ? s->seq : 0;

	if (!scope_on(&st->scope) ||
	    (!st->scope_stale && (st->scope.kind != SCOPE_CONTAINER || seq == st->scope_seq)))
		return;
	st->scope_stale = false;
	st->scope_seq = seq;
	if (scope_filters(st, s))
		ui_scope_clear(st);
}

/* Enter on the syscall table: that syscall in detail. */
unsigned act_syscall(struct ui_state *st)
{
	if (!st->sc_sel_valid)
		return 0;
	st->screen = SCREEN_SYSCALL;
	return UI_REDRAW;
}

bool ui_scope_clear(struct ui_state *st)
{
	if (!scope_on(&st->scope))
		return false;
	scope_clear(&st->scope);
	st->scope_gen++;
	filter_set(&st->scope_filter, "", NULL);
	filter_set(&st->scope_fail_filter, "", NULL);
	st->idx_stale = true;
	st->sc.resort = true;
	return true;
}
