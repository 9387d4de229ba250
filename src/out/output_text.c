/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Text snapshots for --batch: readable in a terminal or a log file, one
 * block per interval, like top -b. Kernel strings are sanitised. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "event_format.h"
#include "fail_table.h"
#include "output.h"
#include "sanitize.h"
#include "syscall_names.h"
#include "users.h"

#define TEXT_SYSCALL_ROWS 20
#define TEXT_PROC_ROWS 10
#define TEXT_BAR_WIDTH 30


static const char *state_word(const struct tt_source_status *st)
{
	switch (st->state) {
	case TT_STATE_RUNNING:
		return "running";
	case TT_STATE_FAILED:
		return "FAILED";
	default:
		return "off";
	}
}

static void text_sources(const struct output *o, const struct tt_snapshot *s, bool counts)
{
	int i;

	for (i = 0; i < TT_SRC_MAX; i++) {
		const struct tt_source_status *st = &s->src[i];

		fprintf(o->f, "  %-9s %-8s %-11s", tt_source_name(i), state_word(st),
			st->state == TT_STATE_RUNNING ? st->hook : "-");
		if (counts && st->state == TT_STATE_RUNNING)
			fprintf(o->f, " events %" PRIu64 " lost %" PRIu64 " (total lost %" PRIu64 ")",
				st->events_interval, st->lost_interval, st->lost_total);
		if (st->state == TT_STATE_FAILED)
			fprintf(o->f, " %s", st->error);
		else if (st->note[0])
			fprintf(o->f, " [%s]", st->note);
		fputc('\n', o->f);
	}
}

void output_text_start(const struct output *o, const struct tt_snapshot *s)
{
	fprintf(o->f, "tracetop %s on %s, Linux %s, interval %.2fs, pid %u\n",
		o->version, s->hostname, s->kernel, o->interval_s, o->self_pid);
	if (filter_active(o->filter)) {
		fputs("filter: ", o->f);
		sanitize_fputs(o->f, filter_expr(o->filter), strlen(filter_expr(o->filter)));
		fputc('\n', o->f);
	}
	fprintf(o->f, "sources:\n");
	text_sources(o, s, false);
	fputc('\n', o->f);
}

static void text_vfs(const struct output *o, const struct tt_snapshot *s)
{
	int i;

	if (s->src[TT_SRC_VFS].state != TT_STATE_RUNNING)
		return;
	fprintf(o->f, "VFS per second%s:", s->vfs.approximate ? " (syscall tracepoints, approximate)" : "");
	for (i = 0; i < VFS_OP_MAX; i++)
		fprintf(o->f, "  %s %.1f", tt_vfs_op_names[i], s->vfs.rate[i]);
	fputc('\n', o->f);
}

static void text_syscalls(const struct output *o, const struct tt_snapshot *s)
{
	size_t i;

	if (s->src[TT_SRC_SYSCALL].state != TT_STATE_RUNNING)
		return;
	fprintf(o->f, "%-22s %12s %12s %10s %6s\n", "SYSCALL", "COUNT/s", "TOTAL", "ERR/s", "ERR%");
	for (i = 0; i < s->n_syscalls && (o->whole || i < TEXT_SYSCALL_ROWS); i++) {
		const struct tt_syscall_row *r = &s->syscalls[i];
		double pct = r->rate > 0 ? 100.0 * r->err_rate / r->rate : 0.0;

		fprintf(o->f, "%-22s %12.1f %12" PRIu64 " %10.1f %6.1f\n",
			r->name, r->rate, r->total, r->err_rate, pct);
	}
}

/* The busiest processes: syscalls, the VFS operations among them, the
 * execs they started, the block I/O they handed over. */
static void text_procs(const struct output *o, const struct tt_snapshot *s)
{
	char comm[80], ppid[16], p95[16], user[32], container[80], sys[16];

	if (!s->n_procs)
		return;
	fprintf(o->f, "%-8s %-8s %-10s %-14s %-16s %10s %8s %8s %8s %8s %8s %8s %7s %7s %8s %5s  %s\n",
		"PID", "PPID", "USER", "CONTAINER", "COMM", "SYSCALLS/s", "ERR/s", "READ/s", "WRITE/s",
		"OPEN/s", "OPENERR/s", "FSYNC/s", "EXEC/s", "BIO/s", "BIO p95", "SYS%", "TOP SYSCALL");
	for (size_t i = 0; i < s->n_procs && (o->whole || i < TEXT_PROC_ROWS); i++) {
		const struct tt_proc_row *p = &s->procs[i];
		const char *top = syscall_name(p->top_id);

		sanitize(comm, sizeof(comm), p->comm, strnlen(p->comm, sizeof(p->comm)));
		if (p->ppid_known)
			snprintf(ppid, sizeof(ppid), "%u", p->ppid);
		else
			snprintf(ppid, sizeof(ppid), "-");
		if (p->bio_p95_us > 0)
			hist_format_us(p->bio_p95_us, p95, sizeof(p95));
		else
			snprintf(p95, sizeof(p95), "-");
		if (p->uid_known)
			user_name(p->uid, user, sizeof(user));
		else
			snprintf(user, sizeof(user), "-");
		/* a cgroup's name is whoever made it chose */
		if (p->container[0])
			sanitize(container, sizeof(container), p->container,
				 strnlen(p->container, sizeof(p->container)));
		else
			snprintf(container, sizeof(container), "?");
		/* wall time in system calls, while they are timed */
		if (s->timed)
			snprintf(sys, sizeof(sys), "%.1f", 100 * p->busy);
		else
			snprintf(sys, sizeof(sys), "-");
		fprintf(o->f, "%-8u %-8s %-10s %-14s %-16s %10.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f "
			"%7.1f %7.1f %8s %5s  %s%s\n", p->pid, ppid, user, container, comm, p->rate,
			p->err_rate,
			p->op_rate[VFS_READ], p->op_rate[VFS_WRITE], p->op_rate[VFS_OPEN],
			p->open_err_rate, p->op_rate[VFS_FSYNC], p->exec_rate, p->bio_rate, p95, sys,
			!p->counted ? "(block I/O only)" : top ? top : "?", p->exited ? " (exited)" : "");
	}
}

static void text_hist(const struct output *o, const struct tt_bio_disk *d,
		      unsigned op, unsigned ph)
{
	const struct hist *h = &d->interval[op][ph];
	uint64_t peak = 0;
	char p50[16], p95[16], p99[16], label[32];
	int i, lo = -1, hi;

	hi = hist_max_slot(h);
	if (!h->count || hi < 0)	/* a recording's histogram is checked, but */
		return;
	for (i = 0; i <= hi; i++) {
		if (h->slots[i] && lo < 0)
			lo = i;
		if (h->slots[i] > peak)
			peak = h->slots[i];
	}
	hist_format_us(hist_percentile(h, 50), p50, sizeof(p50));
	hist_format_us(hist_percentile(h, 95), p95, sizeof(p95));
	hist_format_us(hist_percentile(h, 99), p99, sizeof(p99));
	fprintf(o->f, "BIO %s %s %s: count %" PRIu64 " p50 %s p95 %s p99 %s\n",
		d->name, tt_bio_op_names[op], tt_bio_phase_names[ph], h->count, p50, p95, p99);
	for (i = lo; i <= hi; i++) {
		int w = (int)(h->slots[i] * TEXT_BAR_WIDTH / peak);

		hist_slot_label((unsigned)i, label, sizeof(label));
		fprintf(o->f, "  %14s |%-*.*s| %" PRIu64 "\n", label, TEXT_BAR_WIDTH, w,
			"##############################", h->slots[i]);
	}
}

/* --comm: what the counters above are narrowed to, and the scoped
 * processes' block I/O (the disks below are the machine's). */
static void text_scope(const struct output *o, const struct tt_snapshot *s)
{
	char name[200], p95[32] = "-";
	struct hist h;

	if (!o->scope || !scope_on(o->scope))
		return;
	sanitize(name, sizeof(name), o->scope->name, strnlen(o->scope->name, sizeof(o->scope->name)));
	scope_bio_hist(o->scope, s, &h);
	if (h.count)
		hist_format_us(hist_percentile(&h, 95), p95, sizeof(p95));
	fprintf(o->f, "scope: processes named ~ %s (%zu); their block I/O: %" PRIu64
		" requests, p95 %s\n", name, s->n_procs, h.count, p95);
}

static void text_bio(const struct output *o, const struct tt_snapshot *s)
{
	size_t d;
	unsigned op, ph;

	if (s->src[TT_SRC_BIO].state != TT_STATE_RUNNING)
		return;
	for (d = 0; d < s->n_disks; d++)
		for (op = 0; op < BIO_OP_MAX; op++)
			for (ph = 0; ph < BIO_PH_MAX; ph++)
				text_hist(o, &s->disks[d], op, ph);
}

static void text_args(const struct output *o, const struct tt_event *ev)
{
	size_t off = 0, n;
	const char *a;

	for (unsigned i = 0; (a = event_arg(ev, i, &off, &n)); i++) {
		fputc(' ', o->f);
		sanitize_fputs(o->f, a, n);
		if (event_arg_unread(ev, i))
			fputs(EVENT_ARG_UNREAD, o->f);
	}
	if (ev->flags & EXEC_F_ARGS_TRUNC)
		fputs(" \xe2\x80\xa6", o->f);
}

static void text_event(const struct output *o, struct output_clock *clk,
		       const struct tt_event *ev)
{
	char when[OUTPUT_TIME_LEN], res[32], comm[80], flags[160], ebuf[16];

	output_event_time_run(o, clk, ev->ts_ns, when);
	sanitize(comm, sizeof(comm), ev->comm, strlen(ev->comm));
	if (ev->ret < 0)
		snprintf(res, sizeof(res), "%s", errno_name(ev->ret, ebuf, sizeof(ebuf)));
	else
		snprintf(res, sizeof(res), "%d", ev->ret);
	fprintf(o->f, "%s %-4s %-7u %-5u %-16s %-8s ", when,
		event_type_name(ev), ev->pid, ev->uid, comm, res);
	sanitize_fputs(o->f, ev->path, ev->path_len);
	if (ev->type == TT_EVENT_EXEC) {
		char pcomm[80];

		sanitize(pcomm, sizeof(pcomm), ev->pcomm, strnlen(ev->pcomm, sizeof(ev->pcomm)));
		fprintf(o->f, " ppid %u (%s)", ev->ppid, pcomm);
		if (ev->attempts > 1)
			fprintf(o->f, " attempts %u", ev->attempts);
		fputs(" args:", o->f);
		text_args(o, ev);
	} else if (ev->type == TT_EVENT_PATH) {
		fprintf(o->f, " %s", event_syscall_name(ev));
	} else {
		open_flags_format(ev->open_flags, flags, sizeof(flags));
		fprintf(o->f, " %s %s", open_syscall_name(ev->open_syscall), flags);
	}
	if (ev->type != TT_EVENT_EXEC) {
		if (ev->dirfd != -100)
			fprintf(o->f, " dirfd %d", ev->dirfd);
		/* a resolved relative path: say from where, keep the argument */
		if (ev->path_base != OPEN_BASE_NONE && ev->raw_path) {
			fprintf(o->f, " (%s-relative: ", event_path_base_name(ev));
			sanitize_fputs(o->f, ev->raw_path, ev->raw_path_len);
			fputc(')', o->f);
		} else if (ev->path_len && ev->path[0] != '/') {
			/* relative, and its base could not be had */
			fputs(" (raw: not resolved)", o->f);
		}
	}
	fputc('\n', o->f);
}

static void text_columns(const struct output *o)
{
	fprintf(o->f, "%-12s %-4s %-7s %-5s %-16s %-8s %s\n", "TIME", "TYPE", "PID", "UID",
		"COMM", "RESULT", "PATH / FILENAME");
}

/* The events of the interval. With --filter only the matching ones,
 * under a header written at the first match, and a count after them. */
static void text_events(const struct output *o, const struct tt_snapshot *s,
			const struct event_log *log, bool final)
{
	struct output_clock clk = OUTPUT_CLOCK_INIT;
	uint64_t seq, first = event_log_first_seq(log), matched = 0, gone = 0, unexamined = 0;
	const char *lost = s->ev_begin < first ? " (oldest overwritten)" : "";
	bool filtered = filter_active(o->filter);
	uint64_t deadline = output_filter_deadline(o);

	if (s->ev_end == s->ev_begin)
		return;
	if (!filtered) {
		fprintf(o->f, "EVENTS %" PRIu64 "%s\n", s->ev_end - s->ev_begin, lost);
		text_columns(o);
	}
	for (seq = s->ev_begin; seq < s->ev_end; seq++) {
		const struct tt_event *ev = output_event(o, log, seq, final);

		if (!ev) {
			gone++;
			continue;
		}
		if (output_filter_spent(deadline)) {
			unexamined = s->ev_end - seq;
			break;
		}
		if (!filter_match(o->filter, ev))
			continue;
		if (filtered && !matched) {
			fprintf(o->f, "EVENTS matching the filter%s\n", lost);
			text_columns(o);
		}
		matched++;
		text_event(o, &clk, ev);
	}
	/* pushed out while the ones before them were written (or before) */
	if (gone > (s->ev_begin < first ? first - s->ev_begin : 0))
		fprintf(o->f, "(%" PRIu64 " events of this interval were overwritten before they "
			"could be written)\n", gone);
	if (filtered && matched)
		fprintf(o->f, "(%" PRIu64 " of %" PRIu64 " events matched)\n", matched,
			s->ev_end - s->ev_begin);
	if (unexamined)
		fprintf(o->f, "(%" PRIu64 " events not examined: matching them against the filter "
			"took its %.2f s for this interval)\n", unexamined,
			(double)o->filter_budget_ns / 1e9);
	if (filtered && filter_take_limit_report(o->filter))
		fprintf(o->f, "note: the filter hit PCRE2's match limit on an event, "
			"which counts as not matching\n");
}

/* The failing calls of the interval, the most frequent first. */
static void text_fails(const struct output *o, const struct tt_snapshot *s)
{
	size_t *rows = malloc((s->n_fails ? s->n_fails : 1) * sizeof(*rows));
	size_t n = rows ? output_fails(o, s, rows) : 0;
	char comm[80], ebuf[16];

	size_t max = o->whole ? n : OUTPUT_FAILS_TEXT_MAX;

	if (n) {
		fprintf(o->f, "FAILING CALLS %zu%s\n", n,
			!o->whole && filter_active(o->filter) ? " matching the filter" : "");
		fprintf(o->f, "%8s %8s %10s %-10s %-10s %-16s %s\n", "COUNT", "INTERVAL", "RATE/s",
			"ERRNO", "CALL", "COMM", "PATH");
	}
	for (size_t k = 0; k < n && k < max; k++) {
		const struct tt_fail_row *r = &s->fails[rows[k]];

		sanitize(comm, sizeof(comm), r->comm, strnlen(r->comm, sizeof(r->comm)));
		fprintf(o->f, "%8" PRIu64 " %8" PRIu64 " %10.1f %-10s %-10s %-16s ", r->count,
			r->interval, r->rate, errno_name(r->err, ebuf, sizeof(ebuf)),
			fail_row_call_name(r), comm);
		sanitize_fputs(o->f, r->path, r->path_len);
		fputs(r->path_trunc ? " \xe2\x80\xa6\n" : "\n", o->f);
	}
	if (n > max)
		fprintf(o->f, "(%zu more failing calls in this interval)\n", n - max);
	if (s->fails_untracked)
		fprintf(o->f, "(%" PRIu64 " failed calls not counted: more kinds than the table holds)\n",
			s->fails_untracked);
	free(rows);
}

void output_text_part(const struct output *o, const struct tt_snapshot *s, enum output_part part)
{
	switch (part) {
	case OUTPUT_VFS:
		text_vfs(o, s);
		break;
	case OUTPUT_SYSCALLS:
		text_syscalls(o, s);
		break;
	case OUTPUT_PROCS:
		text_procs(o, s);
		break;
	case OUTPUT_BIO:
		text_scope(o, s);
		text_bio(o, s);
		break;
	case OUTPUT_FAILS:
		text_fails(o, s);
		break;
	}
}

size_t output_text_events_of(const struct output *o, const struct event_log *log,
			     const struct log_index *x, uint64_t end)
{
	struct output_clock clk = OUTPUT_CLOCK_INIT;
	size_t n = log_index_count(x), written = 0;

	text_columns(o);
	for (size_t r = 0; r < n; r++) {
		uint64_t seq = log_index_at(x, r);
		const struct tt_event *ev = seq < end ? event_log_get(log, seq) : NULL;

		if (!ev)
			continue;
		text_event(o, &clk, ev);
		written++;
	}
	return written;
}

void output_text_snapshot(const struct output *o, const struct tt_snapshot *s,
			  const struct event_log *log, bool final)
{
	time_t now = (time_t)s->wall_s;
	struct tm tm;
	char stamp[32] = "?";

	if (localtime_r(&now, &tm))
		strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(o->f, "=== tracetop %s snapshot %" PRIu64 "%s, %.2fs, events %" PRIu64
		"/interval, lost %" PRIu64 " (total %" PRIu64 ") ===\n",
		stamp, s->seq, final ? " (final)" : "", s->elapsed_s,
		s->events_interval, s->lost_interval, s->lost_total);
	if (s->caption[0]) {	/* --demo */
		fputs("demo: ", o->f);
		sanitize_fputs(o->f, s->caption, strnlen(s->caption, sizeof(s->caption)));
		fputc('\n', o->f);
	}
	text_sources(o, s, true);
	fprintf(o->f, "tracetop itself: cpu %.1f%%", s->self.cpu_pct);
	if (s->self.stats_enabled)
		fprintf(o->f, ", its %u BPF programs %.2f%% of a core (%" PRIu64 " runs)",
			s->self.n_progs, s->self.bpf_cpu_pct, s->self.bpf_runs_interval);
	fprintf(o->f, ", maps %" PRIu64 " KiB, rss %" PRIu64 " KiB%s\n", s->self.map_bytes / 1024,
		s->self.rss_kb, s->privileges_dropped ? ", capabilities dropped" : "");
	text_vfs(o, s);
	text_syscalls(o, s);
	text_procs(o, s);
	text_scope(o, s);
	text_bio(o, s);
	/* the text budget, not --events, bounds the scrollback: say so */
	{
		struct tt_log_fill f = output_log_fill(s, log);

		if (f.dropped_for_bytes)
			fprintf(o->f, "scrollback: %" PRIu64 " events of %" PRIu64 ", its %" PRIu64
				" KiB of text full (%" PRIu64 " events dropped for it)\n", f.events,
				f.capacity, f.text_bytes / 1024, f.dropped_for_bytes);
	}
	text_fails(o, s);
	text_events(o, s, log, final);
	fputc('\n', o->f);
}
