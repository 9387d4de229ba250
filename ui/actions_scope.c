/* Enter on the tables: the syscall detail (act_syscall), and the scope
 * (Enter on the processes pane): every pane narrows to one
 * process, or to every process of one name when the pane is folded by
 * name; Esc or Backspace widens again. The panes drawn from counters
 * read the scoped rows of the snapshot (view_scope.c); the event log and
 * the failing calls go through a filter on the pid or the name, which
 * the user's own filter (F4) still narrows. */
#include <stdio.h>
#include <string.h>
#include "keymap.h"
#include "role.h"
#include "ui.h"

/* "comm:(?-i)^NAME$" with every byte but letters and digits written
 * \x{hh}: a process names itself, and its name may hold any pattern
 * syntax; and the name exactly, whatever its case (an all-lowercase
 * pattern would otherwise ignore case). */
static void comm_term(const char *comm, char *buf, size_t len)
{
	size_t at = (size_t)snprintf(buf, len, "comm:(?-i)^");

	for (const unsigned char *c = (const unsigned char *)comm; *c && at + 8 < len; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))
			buf[at++] = (char)*c;
		else
			at += (size_t)snprintf(buf + at, len - at, "\\x{%02x}", *c);
	}
	snprintf(buf + at, len - at, "$");
}

unsigned act_scope(struct ui_state *st)
{
	char expr[200], by_name[200];
	struct filter_error err;

	if (!st->pr_sel_valid)
		return 0;
	st->scope.by_comm = st->pr_sel_fold;
	st->scope.pid = st->pr_sel_pid;
	snprintf(st->scope.comm, sizeof(st->scope.comm), "%s", st->pr_sel_comm);
	comm_term(st->scope.comm, by_name, sizeof(by_name));
	if (st->scope.by_comm)
		snprintf(expr, sizeof(expr), "%s", by_name);
	else
		snprintf(expr, sizeof(expr), "pid:%u", st->scope.pid);
	if (filter_set(&st->scope_filter, expr, &err) ||
	    filter_set(&st->scope_fail_filter, by_name, &err)) {
		ui_state_message(st, ROLE_MSG_ERROR, "scope: %s", err.msg[0] ? err.msg : "out of memory");
		return UI_REDRAW;
	}
	st->scope.on = true;
	st->zoom = false;	/* the point is to see every pane narrowed */
	st->idx_stale = true;
	st->sc.resort = true;
	ui_state_message(st, ROLE_MSG_INFO, "every pane shows %s only; Esc widens again",
			 st->scope.by_comm ? "this name" : "this process");
	return UI_REDRAW;
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
	if (!st->scope.on)
		return false;
	st->scope.on = false;
	filter_set(&st->scope_filter, "", NULL);
	filter_set(&st->scope_fail_filter, "", NULL);
	st->idx_stale = true;
	st->sc.resort = true;
	return true;
}
