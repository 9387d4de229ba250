/* SPDX-License-Identifier: GPL-2.0-or-later */
/* One frame: the prepare step (prepare.c), then each view draws its part
 * of the layout it settled. Pure: the same state, snapshot and size
 * always give the same cells, which is what the golden-screen tests rely
 * on. */
#include "layout.h"
#include "prepare.h"
#include "role.h"
#include "view.h"

void ui_render(struct ui_state *st, struct canvas *cv, const struct tt_snapshot *snap,
	       const struct event_log *log, const struct diag *msgs)
{
	ui_prepare(st, cv->w, cv->h, snap, log);
	ui_paint(st, cv, snap, log, msgs);
}

void ui_paint(struct ui_state *st, struct canvas *cv, const struct tt_snapshot *snap,
	      const struct event_log *log, const struct diag *msgs)
{
	struct view_ctx vc = { cv, st, snap, log, msgs }, sc = vc;
	struct scope_snap scope;
	const struct layout *l = &st->lay;

	canvas_clear(cv, ROLE_DEFAULT);
	if (l->too_small) {
		view_too_small(&vc);
		return;
	}
	view_header(&vc, l->header);
	view_footer(&vc, l->footer);
	if (st->help) {
		view_help(&vc, l->body);
		return;
	}
	if (st->screen == SCREEN_FAILS) {
		view_fails(&vc, l->body);
		return;
	}
	if (st->screen == SCREEN_DETAIL) {
		view_detail(&vc, l->body);
		return;
	}
	if (st->screen == SCREEN_REPORT) {
		view_report(&vc, l->body);
		return;
	}
	if (st->screen == SCREEN_SYSCALL) {
		view_syscall(&vc, l->body);
		return;
	}
	if (st->screen == SCREEN_TREE) {
		view_tree(&vc, l->body);
		return;
	}
	if (st->screen == SCREEN_PROFILE) {
		view_profile(&vc, l->body);
		return;
	}
	/* the counter panes draw the scope's figures, when there is one */
	sc.snap = scope_snapshot(&st->scope, snap, true, &scope);
	if (l->shown[PANE_VFS])
		view_vfs(&sc, l->pane[PANE_VFS], st->set.focus == PANE_VFS);
	if (l->shown[PANE_SYSCALLS])
		view_syscalls(&sc, l->pane[PANE_SYSCALLS], st->set.focus == PANE_SYSCALLS);
	if (l->shown[PANE_PROCS])
		view_procs(&sc, l->pane[PANE_PROCS], st->set.focus == PANE_PROCS);
	scope_snapshot_free(&scope);
	if (l->shown[PANE_BIO])
		view_bio(&vc, l->pane[PANE_BIO], st->set.focus == PANE_BIO);
	if (l->shown[PANE_LOG])
		view_log(&vc, l->pane[PANE_LOG], st->set.focus == PANE_LOG);
	if (st->explain)
		view_explain(&vc, l->shown[st->set.focus] ? l->pane[st->set.focus] : l->body);
}
