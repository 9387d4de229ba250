/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The processes pane: one row per process (or, with g, per name or
 * container) with what every source knows of it: syscalls and their
 * failures, its time in them (while timed), the reads,
 * writes, opens and fsyncs among them, the execs it started, the block
 * I/O it handed to the disks and that I/O's p95 latency, its busiest
 * syscall. Exited processes stay dimmed until the model lets them go.
 * Rows come from the snapshot (proc_view.c joins them), sorting and held
 * order from sort.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "format.h"
#include "hist.h"
#include "proc_view.h"
#include "role.h"
#include "sanitize.h"
#include "sort.h"
#include "syscall_names.h"
#include "users.h"
#include "view.h"
#include "widget_table.h"

/* One flexible column (COMM): the table widget gives every flexible
 * column the same width. Drop order on narrow panes (higher first): who
 * it is, then the finer columns; PID, COMM and syscalls stay. */
static const struct table_col cols[] = {
	{ "PID", PR_PID, 7, 0, false, 0, 0 },
	{ "PPID", PR_PPID, 7, 0, false, 12, 0 },
	{ "USER", PR_USER, 8, 0, true, 11, 0 },
	{ "CONTAINER", PR_CONTAINER, 19, 0, true, 13, 0 },
	{ "COMM", PR_COMM, 0, 8, true, 0, 16 },
	{ "SYSC/s", PR_RATE, 6, 0, false, 0, 0 },
	{ "ERR/s", PR_ERR_RATE, 5, 0, false, 6, 0 },
	{ "SYS%", PR_BUSY, 5, 0, false, 14, 0 },
	{ "READ/s", PR_READ, 6, 0, false, 3, 0 },
	{ "WRIT/s", PR_WRITE, 6, 0, false, 2, 0 },
	{ "OPEN/s", PR_OPEN, 6, 0, false, 8, 0 },
	{ "OERR/s", PR_OPEN_ERR, 6, 0, false, 7, 0 },
	{ "FSYN/s", PR_FSYNC, 6, 0, false, 4, 0 },
	{ "EXEC/s", PR_EXEC, 6, 0, false, 9, 0 },
	{ "BIO/s", PR_BIO, 5, 0, false, 1, 0 },
	{ "BIO p95", PR_BIO_P95, 7, 0, false, 5, 0 },
	{ "TOP SYSCALL", PR_TOP, 16, 0, true, 10, 0 },
};

#define NCOLS ((int)(sizeof(cols) / sizeof(cols[0])))
_Static_assert(sizeof(cols) / sizeof(cols[0]) <= TABLE_COLS_MAX, "the table widget takes them all");

/* Folded, the same columns but those of one process (PPID, USER), with
 * the number of processes in place of the PID and the highest p95 in
 * place of one; by name without the container, by container with the
 * name of its busiest process. Returns the columns made. */
static int fold_columns(enum proc_fold by, struct table_col *out)
{
	int n = 0;

	for (int i = 0; i < NCOLS; i++) {
		struct table_col c = cols[i];

		if (c.id == PR_PPID || c.id == PR_USER ||
		    (by == PROC_FOLD_COMM && c.id == PR_CONTAINER))
			continue;
		if (c.id == PR_PID) {
			c.title = "PROCS";
			c.width = 6;
		} else if (c.id == PR_BIO_P95) {
			c.title = "MAX p95";
		} else if (c.id == PR_COMM && by == PROC_FOLD_CONTAINER) {
			c.title = "BUSIEST";
		} else if (c.id == PR_CONTAINER) {
			c.drop = 0;	/* what the rows are */
		}
		out[n++] = c;
	}
	return n;
}

struct rows {
	const struct tt_snapshot *snap;	/* procs: the rows drawn */
	const size_t *idx;
	bool folded;			/* rows by name or container: nprocs in place of the pid */
};

static unsigned rate_cell(double v, unsigned role, char *buf, size_t len)
{
	fmt_rate(v, buf, len);
	return v > 0 ? role : ROLE_VALUE_ZERO;
}

static unsigned cell(const void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct rows *rs = ctx;
	const struct tt_proc_row *r = &rs->snap->procs[rs->idx[row]];
	const char *top;
	unsigned role;

	switch (col) {
	case PR_PID:
		if (rs->folded)
			snprintf(buf, len, "%u", r->nprocs);
		else
			snprintf(buf, len, "%u", r->pid);
		role = ROLE_VALUE;
		break;
	case PR_PPID:
		if (r->ppid_known)
			snprintf(buf, len, "%u", r->ppid);
		else
			snprintf(buf, len, "-");
		role = ROLE_VALUE;
		break;
	case PR_USER:
		if (r->uid_known)
			user_name(r->uid, buf, len);
		else
			snprintf(buf, len, "-");
		role = ROLE_LABEL;
		break;
	case PR_CONTAINER:
		/* a cgroup's name is whoever made it chose: sanitise */
		if (r->container[0])
			sanitize(buf, len, r->container, strnlen(r->container, sizeof(r->container)));
		else
			snprintf(buf, len, "?");	/* not known ("-" is the root) */
		role = ROLE_LABEL;
		break;
	case PR_COMM:
		/* comm is whatever the process called itself: sanitise. */
		sanitize(buf, len, r->comm, strnlen(r->comm, sizeof(r->comm)));
		role = ROLE_LABEL;
		break;
	case PR_RATE: role = rate_cell(r->rate, ROLE_VALUE, buf, len); break;
	case PR_ERR_RATE: role = rate_cell(r->err_rate, ROLE_VALUE_WARN, buf, len); break;
	case PR_READ: role = rate_cell(r->op_rate[VFS_READ], ROLE_VALUE, buf, len); break;
	case PR_WRITE: role = rate_cell(r->op_rate[VFS_WRITE], ROLE_VALUE, buf, len); break;
	case PR_OPEN: role = rate_cell(r->op_rate[VFS_OPEN], ROLE_VALUE, buf, len); break;
	case PR_OPEN_ERR: role = rate_cell(r->open_err_rate, ROLE_VALUE_WARN, buf, len); break;
	case PR_FSYNC: role = rate_cell(r->op_rate[VFS_FSYNC], ROLE_VALUE, buf, len); break;
	case PR_EXEC: role = rate_cell(r->exec_rate, ROLE_VALUE, buf, len); break;
	case PR_BIO: role = rate_cell(r->bio_rate, ROLE_VALUE, buf, len); break;
	case PR_BUSY:
		/* time in system calls: only while they are timed */
		if (rs->snap->timed) {
			fmt_busy(r->busy, buf, len);
			role = r->busy > 0 ? ROLE_VALUE : ROLE_VALUE_ZERO;
		} else {
			snprintf(buf, len, "-");
			role = ROLE_VALUE_ZERO;
		}
		break;
	case PR_BIO_P95:
		if (r->bio_p95_us > 0) {
			hist_format_us(r->bio_p95_us, buf, len);
			role = ROLE_VALUE;
		} else {
			snprintf(buf, len, "-");
			role = ROLE_VALUE_ZERO;
		}
		break;
	default:
		top = r->counted ? syscall_name(r->top_id) : NULL;
		if (!r->counted)
			snprintf(buf, len, "(block I/O only)");
		else if (top)
			snprintf(buf, len, "%s", top);
		else
			snprintf(buf, len, "syscall_%u", r->top_id);
		role = ROLE_LABEL;
		break;
	}
	/* gone: dimmed, whatever the value */
	return r->exited ? ROLE_VALUE_ZERO : role;
}

static const char *const fold_info[] = {
	[PROC_FOLD_NONE] = "", [PROC_FOLD_COMM] = ", by name",
	[PROC_FOLD_CONTAINER] = ", by container",
};

void view_procs(const struct view_ctx *vc, struct rect r, bool focused)
{
	struct ui_state *st = vc->st;
	const struct tt_snapshot *s = vc->snap;
	enum proc_fold by = st->procs_fold;
	struct table_col shown[NCOLS];
	struct tt_snapshot folded;
	struct tt_proc_row *frows = NULL;
	char info[96] = "";
	size_t n = 0, *idx;
	struct rows rs;
	struct rect b;
	int ncols = NCOLS;

	if ((unsigned)by > PROC_FOLD_CONTAINER)
		by = PROC_FOLD_NONE;
	if (s && s->seq)
		snprintf(info, sizeof(info), "%zu process%s%s%s", s->n_procs,
			 s->n_procs == 1 ? "" : "es", fold_info[by], ui_state_held(st) ? ", held" : "");
	b = pane_frame(vc, r, focused, "Processes", info);
	st->pr.rows_shown = 0;
	st->pr_sel_valid = false;
	if (pane_no_data(vc, b))
		return;
	if (s->src[TT_SRC_SYSCALL].state != TT_STATE_RUNNING &&
	    s->src[TT_SRC_BIO].state != TT_STATE_RUNNING) {
		text_wrap(vc->cv, b, ROLE_VALUE_ZERO, "the processes pane needs the syscalls or "
			  "the bio source (--sources)");
		return;
	}
	if (by && s->n_procs) {
		frows = malloc(s->n_procs * sizeof(*frows));
		if (frows) {
			folded = *s;
			folded.procs = frows;
			folded.n_procs = proc_view_fold(s->procs, s->n_procs, by, frows);
			s = &folded;
		}
	}
	n = s->n_procs;
	idx = malloc((n ? n : 1) * sizeof(*idx));
	if (!idx || (by && n && (s == vc->snap || !s->n_procs))) {
		text_wrap(vc->cv, b, ROLE_VALUE_BAD, "out of memory");
		goto out;
	}
	sort_procs(&st->pr, ui_state_held(st), s, idx);
	rs = (struct rows){ s, idx, by != PROC_FOLD_NONE };
	if (by) {
		ncols = fold_columns(by, shown);
		table_draw(vc->cv, b, shown, ncols, &st->pr, n, focused, cell, &rs);
	} else {
		table_draw(vc->cv, b, cols, ncols, &st->pr, n, focused, cell, &rs);
	}
	/* what Enter scopes to */
	st->pr_sel_valid = n > 0;
	if (n) {
		const struct tt_proc_row *sel = &s->procs[idx[st->pr.cursor]];

		st->pr_sel_fold = by;
		st->pr_sel_pid = sel->pid;
		memcpy(st->pr_sel_comm, sel->comm, sizeof(st->pr_sel_comm));
		memcpy(st->pr_sel_container, sel->container, sizeof(st->pr_sel_container));
	}
	if (!n && b.h > 1)
		canvas_puts(vc->cv, b.x + 1, b.y + 1, b.x + b.w, ROLE_VALUE_ZERO,
			    "no process seen yet");
out:
	free(idx);
	free(frows);
}
