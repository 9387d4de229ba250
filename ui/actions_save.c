/* SPDX-License-Identifier: GPL-2.0-or-later */
/* w: save what the user looks at (src/out/save.h writes it). The key
 * picks the view from where the user is and asks for a file name; the
 * next frame, which has the snapshot shown, writes it: the rows in the
 * order the screen shows them, the events the log shows (its filter,
 * types, failed-only and scope, up to the pause), under the scope. A
 * name that exists is replaced only after y. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "clock.h"
#include "keymap.h"
#include "role.h"
#include "save.h"
#include "scope.h"
#include "sort.h"

int save_what_shown(const struct ui_state *st)
{
	if (st->help)
		return -1;
	if (st->screen == SCREEN_FAILS)
		return SAVE_FAILS;
	if (st->screen != SCREEN_MAIN)
		return -1;
	switch (st->set.focus) {
	case PANE_LOG:
		return SAVE_EVENTS;
	case PANE_SYSCALLS:
		return SAVE_SYSCALLS;
	case PANE_PROCS:
		return SAVE_PROCS;
	case PANE_VFS:
		return SAVE_VFS;
	case PANE_BIO:
		return SAVE_BIO;
	default:
		return -1;
	}
}

unsigned act_save_view(struct ui_state *st)
{
	int what = save_what_shown(st);
	struct prompt *p = st->prompt;
	time_t now = time(NULL);
	char stamp[32] = "now";
	struct tm tm;

	if (what < 0 || !p) {
		ui_state_message(st, ROLE_MSG_WARN, "w saves a pane, the event log or the failing "
				 "calls: go to one first");
		return UI_REDRAW;
	}
	st->save.what = what;
	prompt_open(st, PROMPT_SAVE);
	if (localtime_r(&now, &tm))
		strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	/* a name of its own in the current directory; Enter takes it */
	snprintf(p->text, sizeof(p->text), "tracetop-%s-%s.txt", save_what_name(what), stamp);
	p->len = strlen(p->text);
	return UI_REDRAW;
}

unsigned save_confirm_key(struct ui_state *st, int key)
{
	st->save.confirm = false;
	if (key == 'y' || key == 'Y') {
		st->save.pending = true;
		st->save.overwrite = true;
	} else {
		ui_state_message(st, ROLE_MSG_INFO, "not saved: the file is left as it was");
	}
	return UI_REDRAW;
}

/* The snapshot as shown: scoped, its rows in the order this frame
 * paints them (the same sort calls as the views, just before them). */
struct shown {
	struct tt_snapshot snap;
	struct scope_snap scope;
	void *rows;		/* owned: the reordered rows */
	size_t *idx;		/* owned */
};

static int order(struct ui_state *st, enum save_what what, const struct tt_snapshot *s,
		 struct shown *sh)
{
	size_t n = what == SAVE_SYSCALLS ? s->n_syscalls :
		   what == SAVE_PROCS ? s->n_procs : what == SAVE_FAILS ? st->n_fl_vis : 0;

	sh->snap = *s;
	if (what != SAVE_SYSCALLS && what != SAVE_PROCS && what != SAVE_FAILS)
		return 0;
	sh->idx = malloc((n ? n : 1) * sizeof(*sh->idx));
	if (!sh->idx)
		return -ENOMEM;
	if (what == SAVE_SYSCALLS) {
		struct tt_syscall_row *r = malloc((n ? n : 1) * sizeof(*r));

		if (!r)
			return -ENOMEM;
		sort_syscalls(&st->sc, ui_state_held(st), s, sh->idx);
		for (size_t i = 0; i < n; i++)
			r[i] = s->syscalls[sh->idx[i]];
		sh->rows = r;
		sh->snap.syscalls = r;
	} else if (what == SAVE_PROCS) {
		struct tt_proc_row *r = malloc((n ? n : 1) * sizeof(*r));

		if (!r)
			return -ENOMEM;
		/* folded by name or container, the rows saved are still the
		 * processes, by rate: the held order is the folded rows' */
		if (st->procs_fold == PROC_FOLD_NONE)
			sort_procs(&st->pr, ui_state_held(st), s, sh->idx);
		else
			for (size_t i = 0; i < n; i++)
				sh->idx[i] = i;
		for (size_t i = 0; i < n; i++)
			r[i] = s->procs[sh->idx[i]];
		sh->rows = r;
		sh->snap.procs = r;
	} else {
		struct tt_fail_row *r = malloc((n ? n : 1) * sizeof(*r));

		if (!r)
			return -ENOMEM;
		sort_fails(&st->fl, ui_state_held(st), s, st->fl_vis, n, sh->idx);
		for (size_t i = 0; i < n; i++)
			r[i] = s->fails[sh->idx[i]];
		sh->rows = r;
		sh->snap.fails = r;
		sh->snap.n_fails = n;
	}
	return 0;
}

static void say(struct ui_state *st, int err, const struct save_result *r)
{
	static const char *const units[] = {
		[SAVE_EVENTS] = "events", [SAVE_FAILS] = "failing calls", [SAVE_SYSCALLS] = "syscalls",
		[SAVE_PROCS] = "processes", [SAVE_VFS] = "rates", [SAVE_BIO] = "disks",
	};

	if (!err) {
		if (st->save.what == SAVE_VFS)
			ui_state_message(st, ROLE_MSG_INFO, "saved the VFS rates to %s%s%s", r->path,
					 r->note ? "; " : "", r->note ? r->note : "");
		else
			ui_state_message(st, ROLE_MSG_INFO, "saved %zu %s to %s%s%s", r->rows,
					 units[st->save.what], r->path, r->note ? "; " : "",
					 r->note ? r->note : "");
	} else if (err == -EEXIST) {
		/* the footer asks until answered (view_footer.c) */
		st->save.confirm = true;
		snprintf(st->save.path, sizeof(st->save.path), "%s", r->path);
	} else {
		ui_state_message(st, ROLE_MSG_ERROR, "not saved: cannot %s %s: %s", r->step, r->path,
				 r->why ? r->why : strerror(-err));
	}
}

void ui_save_run(struct ui_state *st, const struct tt_snapshot *snap, const struct event_log *log)
{
	struct shown sh = { 0 };
	struct save_result res = { .path = "" };
	struct output o = { 0 };
	struct save_view v = { 0 };
	const struct tt_snapshot *s;
	int err;

	if (!st->save.pending)
		return;
	st->save.pending = false;
	/* before the first interval only the event log holds anything */
	if (!snap || (!snap->seq && st->save.what != SAVE_EVENTS)) {
		ui_state_message(st, ROLE_MSG_WARN, "not saved: nothing to save before the first interval");
		return;
	}
	/* the counter panes show the scope's figures; the log and the
	 * failing calls are narrowed by its filters already */
	s = st->save.what == SAVE_EVENTS || st->save.what == SAVE_FAILS ? snap :
	    scope_snapshot(&st->scope, snap, true, &sh.scope);
	err = order(st, st->save.what, s, &sh);
	if (err) {
		ui_state_message(st, ROLE_MSG_ERROR, "not saved: out of memory");
		goto out;
	}
	v.what = st->save.what;
	v.snap = &sh.snap;
	if (v.what == SAVE_EVENTS) {
		if (!log) {
			ui_state_message(st, ROLE_MSG_WARN, "not saved: no event log");
			goto out;
		}
		/* every event the log shows, not only those indexed so far */
		while (!log_index_update(&st->view_idx, log, (size_t)-1, 0))
			;
		v.log = log;
		v.events = &st->view_idx;
		v.events_end = st->paused ? st->log_horizon : UINT64_MAX;
		v.filter = filter_expr(&st->filter);
	} else if (v.what == SAVE_FAILS) {
		v.filter = filter_active(&st->fl_filter) ? filter_expr(&st->fl_filter) :
			   filter_expr(&st->filter);
	}
	o.json = save_is_json(st->save.path);
	/* events are dated as the log dates them: from the snapshot's pair
	 * of clocks (a replay's are the recording's), or now's */
	o.wall_offset_ns = snap->seq ? snap->wall_ms * 1000000 - (int64_t)snap->mono_ns :
		(int64_t)(clock_real_ns() - clock_mono_ns());
	o.interval_s = snap->elapsed_s;
	o.version = PACKAGE_VERSION;
	o.scope = st->save.what == SAVE_BIO ? &st->scope : NULL;
	err = save_view_file(st->save.path, st->save.overwrite, &o, &v, &res);
	say(st, err, &res);
out:
	scope_snapshot_free(&sh.scope);	/* zeroed when not taken */
	free(sh.rows);
	free(sh.idx);
}
