/* SPDX-License-Identifier: GPL-2.0-or-later */
/* NDJSON snapshots for --json: one "start" object, then one "snapshot"
 * object per interval with the events of that interval inside. The
 * schema is documented in doc/json-schema.md; kernel strings are
 * JSON-escaped (control bytes and invalid UTF-8 never pass raw). */
#include <inttypes.h>
#include <stdlib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "event.h"
#include "event_format.h"
#include "output.h"
#include "folded.h"
#include "fail_table.h"
#include "sanitize.h"
#include "syscall_names.h"
#include "wbuf.h"


/* JSON has no NaN or infinity. */
static double fin(double v)
{
	return isfinite(v) ? v : 0.0;
}

static void json_str(FILE *f, const char *s)
{
	json_fputs(f, s, strlen(s));
}

/* A string, or null when there is none (an empty one). */
static void json_str_or_null(FILE *f, const char *s)
{
	if (s && *s)
		json_str(f, s);
	else
		fputs("null", f);
}

static void json_sources(const struct output *o, const struct tt_snapshot *s)
{
	static const char *const states[] = { "off", "running", "failed" };
	int i;

	fputs("\"sources\":{", o->f);
	for (i = 0; i < TT_SRC_MAX; i++) {
		const struct tt_source_status *st = &s->src[i];

		fprintf(o->f, "%s\"%s\":{\"state\":\"%s\",\"hook\":", i ? "," : "",
			tt_source_name(i), states[st->state <= TT_STATE_FAILED ? st->state : 0]);
		json_str_or_null(o->f, st->hook);
		fputs(",\"note\":", o->f);
		json_str_or_null(o->f, st->note);
		fputs(",\"error\":", o->f);
		json_str_or_null(o->f, st->error);
		fprintf(o->f, ",\"events\":%" PRIu64 ",\"lost\":%" PRIu64 ",\"events_total\":%" PRIu64
			",\"lost_total\":%" PRIu64 "}", st->events_interval, st->lost_interval,
			st->events_total, st->lost_total);
	}
	fputc('}', o->f);
}

void output_json_start(const struct output *o, const struct tt_snapshot *s)
{
	fprintf(o->f, "{\"type\":\"start\",\"version\":");
	json_str(o->f, o->version);
	fputs(",\"host\":", o->f);
	json_str(o->f, s->hostname);
	fputs(",\"kernel\":", o->f);
	json_str(o->f, s->kernel);
	fprintf(o->f, ",\"interval_s\":%.3f,\"pid\":%u,\"filter\":", o->interval_s, o->self_pid);
	if (filter_active(o->filter))
		json_str(o->f, filter_expr(o->filter));
	else
		fputs("null", o->f);
	fprintf(o->f, ",\"filter_jit\":%s,", o->filter && o->filter->jit ? "true" : "false");
	json_sources(o, s);
	fputs("}\n", o->f);
}

static void json_vfs(const struct output *o, const struct tt_snapshot *s)
{
	int i;

	fprintf(o->f, ",\"vfs\":{\"approximate\":%s,\"rate\":{", s->vfs.approximate ? "true" : "false");
	for (i = 0; i < VFS_OP_MAX; i++)
		fprintf(o->f, "%s\"%s\":%.3f", i ? "," : "", tt_vfs_op_names[i], fin(s->vfs.rate[i]));
	fputs("},\"total\":{", o->f);
	for (i = 0; i < VFS_OP_MAX; i++)
		fprintf(o->f, "%s\"%s\":%" PRIu64, i ? "," : "", tt_vfs_op_names[i], s->vfs.total[i]);
	fputs("}}", o->f);
}

static void json_hist(FILE *f, const struct hist *h);

static void json_syscalls(const struct output *o, const struct tt_snapshot *s)
{
	size_t i;

	fputs(",\"syscalls\":[", o->f);
	for (i = 0; i < s->n_syscalls; i++) {
		const struct tt_syscall_row *r = &s->syscalls[i];

		fprintf(o->f, "%s{\"id\":%u,\"name\":", i ? "," : "", r->id);
		json_str(o->f, r->name);
		fprintf(o->f, ",\"rate\":%.3f,\"err_rate\":%.3f,\"total\":%" PRIu64 ",\"errors\":%" PRIu64,
			fin(r->rate), fin(r->err_rate), r->total, r->errors);
		if (r->timed) {
			fprintf(o->f, ",\"busy\":%.6f,\"latency\":", fin(r->busy));
			json_hist(o->f, &r->lat);
		} else {
			fputs(",\"busy\":null,\"latency\":null", o->f);
		}
		fputc('}', o->f);
	}
	fputs("],\"errnos\":[", o->f);
	for (i = 0; i < s->n_errnos; i++) {
		const struct tt_syscall_errno *e = &s->errnos[i];
		const char *name = syscall_name(e->id);
		char en[32];

		fprintf(o->f, "%s{\"syscall\":", i ? "," : "");
		json_str(o->f, name ? name : "");
		fputs(",\"errno\":", o->f);
		json_str(o->f, errno_name(e->err, en, sizeof(en)));
		fprintf(o->f, ",\"rate\":%.3f,\"total\":%" PRIu64 "}", fin(e->rate), e->total);
	}
	fprintf(o->f, "],\"errnos_lost\":%" PRIu64 ",\"timed\":%s,\"timable\":%s",
		s->errnos_lost, s->timed ? "true" : "false", s->timable ? "true" : "false");
}

/* Per-process figures: null where a value is not known. */
static void json_procs(const struct output *o, const struct tt_snapshot *s)
{
	fputs(",\"procs\":[", o->f);
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct tt_proc_row *p = &s->procs[i];
		const char *top = syscall_name(p->top_id);

		fprintf(o->f, "%s{\"pid\":%u,\"ppid\":", i ? "," : "", p->pid);
		if (p->ppid_known)
			fprintf(o->f, "%u", p->ppid);
		else
			fputs("null", o->f);
		fputs(",\"uid\":", o->f);
		if (p->uid_known)
			fprintf(o->f, "%u", p->uid);
		else
			fputs("null", o->f);
		fputs(",\"container\":", o->f);
		if (p->container[0] && strcmp(p->container, "?"))
			json_fputs(o->f, p->container, strnlen(p->container, sizeof(p->container)));
		else
			fputs("null", o->f);
		fputs(",\"comm\":", o->f);
		json_fputs(o->f, p->comm, strnlen(p->comm, sizeof(p->comm)));
		fprintf(o->f, ",\"counted\":%s,\"rate\":%.3f,\"err_rate\":%.3f,\"total\":%" PRIu64
			",\"top\":", p->counted ? "true" : "false", fin(p->rate), fin(p->err_rate),
			p->total);
		json_str(o->f, p->counted && top ? top : "");
		/* time in system calls: only while they are timed */
		if (s->timed)
			fprintf(o->f, ",\"busy\":%.4f", fin(p->busy));
		else
			fputs(",\"busy\":null", o->f);
		fprintf(o->f, ",\"top_rate\":%.3f,\"read_rate\":%.3f,\"write_rate\":%.3f,"
			"\"open_rate\":%.3f,\"open_err_rate\":%.3f,\"fsync_rate\":%.3f,"
			"\"reads\":%" PRIu64 ",\"writes\":%" PRIu64 ",\"opens\":%" PRIu64
			",\"open_errors\":%" PRIu64 ",\"fsyncs\":%" PRIu64 ","
			"\"exec_rate\":%.3f,\"execs\":%" PRIu64 ",\"bio_rate\":%.3f,"
			"\"bio_p95_us\":%.1f,\"bio_total\":%" PRIu64 ",\"exited\":%s}",
			fin(p->top_rate), fin(p->op_rate[VFS_READ]), fin(p->op_rate[VFS_WRITE]),
			fin(p->op_rate[VFS_OPEN]), fin(p->open_err_rate), fin(p->op_rate[VFS_FSYNC]),
			p->op_total[VFS_READ], p->op_total[VFS_WRITE], p->op_total[VFS_OPEN],
			p->open_errors, p->op_total[VFS_FSYNC],
			fin(p->exec_rate), p->execs, fin(p->bio_rate), fin(p->bio_p95_us),
			p->bio_total, p->exited ? "true" : "false");
	}
	fprintf(o->f, "],\"procs_bio_lost\":%" PRIu64 ",\"procs_execs_untracked\":%" PRIu64,
		s->procs_bio_lost, s->procs_execs_untracked);
}

static void json_hist(FILE *f, const struct hist *h)
{
	int i, hi = hist_max_slot(h);

	fprintf(f, "{\"count\":%" PRIu64 ",\"sum_us\":%" PRIu64 ",\"p50_us\":%.1f,\"p95_us\":%.1f,"
		"\"p99_us\":%.1f,\"slots\":[", h->count, h->sum, fin(hist_percentile(h, 50)),
		fin(hist_percentile(h, 95)), fin(hist_percentile(h, 99)));
	for (i = 0; i <= hi; i++)
		fprintf(f, "%s%" PRIu64, i ? "," : "", h->slots[i]);
	fputs("]}", f);
}

/* --comm: what the counters above are narrowed to, and the scoped
 * processes' block I/O (the disks below are the machine's). */
static void json_scope(const struct output *o, const struct tt_snapshot *s)
{
	struct hist h;

	if (!o->scope || !scope_on(o->scope))
		return;
	fputs(",\"scope\":{\"comm\":", o->f);
	json_fputs(o->f, o->scope->name, strnlen(o->scope->name, sizeof(o->scope->name)));
	scope_bio_hist(o->scope, s, &h);
	fputs(",\"bio\":", o->f);
	json_hist(o->f, &h);
	fputc('}', o->f);
}

static void json_bio(const struct output *o, const struct tt_snapshot *s)
{
	size_t d;
	unsigned op, ph;

	fputs(",\"bio\":[", o->f);
	for (d = 0; d < s->n_disks; d++) {
		const struct tt_bio_disk *disk = &s->disks[d];

		fprintf(o->f, "%s{\"disk\":", d ? "," : "");
		json_str(o->f, disk->name);
		fprintf(o->f, ",\"dev\":\"%u:%u\",\"ops\":{", disk->dev >> 20, disk->dev & 0xfffff);
		for (op = 0; op < BIO_OP_MAX; op++) {
			fprintf(o->f, "%s\"%s\":{", op ? "," : "", tt_bio_op_names[op]);
			for (ph = 0; ph < BIO_PH_MAX; ph++) {
				fprintf(o->f, "%s\"%s\":{\"interval\":", ph ? "," : "", tt_bio_phase_names[ph]);
				json_hist(o->f, &disk->interval[op][ph]);
				fputs(",\"total\":", o->f);
				json_hist(o->f, &disk->total[op][ph]);
				fputc('}', o->f);
			}
			fputc('}', o->f);
		}
		fputs("}}", o->f);
	}
	fputc(']', o->f);
}

static void json_args(struct wbuf *b, const struct tt_event *ev)
{
	size_t off = 0, n;
	const char *a;

	wbuf_char(b, '[');
	for (unsigned i = 0; (a = event_arg(ev, i, &off, &n)); i++) {
		if (i)
			wbuf_char(b, ',');
		wbuf_json(b, a, n);
	}
	wbuf_char(b, ']');
}

static char *put_bool(char *p, bool v)
{
	if (v)
		return PUT_LIT(p, "true");
	return PUT_LIT(p, "false");
}

/* The most bytes one run of fields between two strings of an event
 * takes: numbers, literals, the flags text. */
#define JSON_RUN_MAX 512

/* A short name known to be plain (a table's), quotes not included. */
static char *put_name(char *p, const char *s)
{
	size_t n = strlen(s);

	memcpy(p, s, n);
	return p + n;
}

static void json_exec_fields(struct wbuf *b, const struct tt_event *ev)
{
	char *p = wbuf_room(b, JSON_RUN_MAX);

	PUT_LIT(p, ",\"syscall\":\"");
	p = put_name(p, event_syscall_name(ev));
	PUT_LIT(p, "\",\"ppid\":");
	p = put_u64(p, ev->ppid);
	PUT_LIT(p, ",\"attempts\":");
	p = put_u64(p, ev->attempts > 1 ? ev->attempts : 1);
	PUT_LIT(p, ",\"parent_comm\":");
	wbuf_end(b, p);
	wbuf_json(b, ev->pcomm, strnlen(ev->pcomm, sizeof(ev->pcomm)));
	p = wbuf_room(b, JSON_RUN_MAX);
	PUT_LIT(p, ",\"execveat\":");
	p = put_bool(p, ev->flags & EXEC_F_EXECVEAT);
	PUT_LIT(p, ",\"dirfd\":");
	p = put_i64(p, ev->dirfd);
	PUT_LIT(p, ",\"filename\":");
	wbuf_end(b, p);
	wbuf_json(b, ev->path, ev->path_len);
	p = wbuf_room(b, JSON_RUN_MAX);
	PUT_LIT(p, ",\"argc\":");
	p = put_u64(p, ev->argc);
	PUT_LIT(p, ",\"args\":");
	wbuf_end(b, p);
	json_args(b, ev);
	p = wbuf_room(b, JSON_RUN_MAX);
	PUT_LIT(p, ",\"args_truncated\":");
	p = put_bool(p, ev->flags & EXEC_F_ARGS_TRUNC);
	PUT_LIT(p, ",\"args_unread\":[");
	for (unsigned i = 0, k = 0; i < EXEC_UNREAD_BITS; i++)
		if (event_arg_unread(ev, i)) {
			if (k++)
				*p++ = ',';
			p = put_u64(p, i);
		}
	*p++ = ']';
	wbuf_end(b, p);
}

/* What consecutive events of a storm share, kept for the run of one
 * snapshot's events: the local time of the second, the last open flags
 * and errno as text. */
struct json_run {
	struct output_clock clk;
	uint64_t flags;
	size_t flen;		/* 0: no flags yet */
	char flags_str[160];
	int err;		/* 0: no errno yet */
	size_t elen;
	char ename[24];
};

static char *put_flags(char *p, struct json_run *r, uint64_t flags)
{
	if (!r->flen || r->flags != flags) {
		size_t n = open_flags_format(flags, r->flags_str, sizeof(r->flags_str));

		r->flen = n < sizeof(r->flags_str) ? n : strlen(r->flags_str);
		r->flags = flags;
	}
	memcpy(p, r->flags_str, r->flen);
	return p + r->flen;
}

static char *put_errno(char *p, struct json_run *r, int ret)
{
	if (r->err != ret) {
		char ebuf[16];

		snprintf(r->ename, sizeof(r->ename), "%s", errno_name(ret, ebuf, sizeof(ebuf)));
		r->elen = strlen(r->ename);
		r->err = ret;
	}
	*p++ = '"';
	memcpy(p, r->ename, r->elen);
	p += r->elen;
	*p++ = '"';
	return p;
}

static bool same_bytes(const char *a, size_t an, const char *b, size_t bn)
{
	return a == b || (an == bn && !memcmp(a, b, an));
}

/* An open's fields, or a path call's (the same, without flags and mode). */
static void json_open_fields(struct wbuf *b, struct json_run *r, const struct tt_event *ev)
{
	uint64_t flushes;
	size_t p0, p1;
	char *p = wbuf_room(b, JSON_RUN_MAX);

	PUT_LIT(p, ",\"syscall\":\"");
	p = put_name(p, event_syscall_name(ev));
	PUT_LIT(p, "\",\"dirfd\":");
	p = put_i64(p, ev->dirfd);
	PUT_LIT(p, ",\"path\":");
	wbuf_end(b, p);
	flushes = b->flushes;
	p0 = b->len;
	wbuf_json(b, ev->path, ev->path_len);
	p1 = b->len;
	WBUF_LIT(b, ",\"path_raw\":");
	/* an absolute path is its own argument: its JSON, still in the
	 * buffer, is copied rather than scanned again */
	if ((!ev->raw_path || same_bytes(ev->raw_path, ev->raw_path_len, ev->path, ev->path_len)) &&
	    b->flushes == flushes && b->cap - b->len >= p1 - p0)
		wbuf_put(b, b->p + p0, p1 - p0);
	else if (ev->raw_path)
		wbuf_json(b, ev->raw_path, ev->raw_path_len);
	else
		wbuf_json(b, ev->path, ev->path_len);
	p = wbuf_room(b, JSON_RUN_MAX);
	PUT_LIT(p, ",\"resolved\":\"");
	p = put_name(p, event_path_base_name(ev));
	PUT_LIT(p, "\",\"path_truncated\":");
	p = put_bool(p, ev->flags & OPEN_F_PATH_TRUNC);
	if (ev->type == TT_EVENT_PATH) {
		wbuf_end(b, p);
		return;
	}
	PUT_LIT(p, ",\"flags\":");
	p = put_u64(p, ev->open_flags);
	PUT_LIT(p, ",\"flags_str\":\"");
	p = put_flags(p, r, ev->open_flags);
	PUT_LIT(p, "\",\"mode\":");
	p = put_u64(p, ev->mode);
	wbuf_end(b, p);
}

/* One event: the hot path of --json, built in b without printf, a run
 * of fields at a time. */
static void json_event(const struct output *o, struct wbuf *b, struct json_run *r,
		       const struct tt_event *ev, uint64_t seq)
{
	char when[OUTPUT_TIME_LEN];
	bool exec = ev->type == TT_EVENT_EXEC;
	char *p;

	output_event_time_run(o, &r->clk, ev->ts_ns, when);
	p = wbuf_room(b, JSON_RUN_MAX);
	PUT_LIT(p, "{\"seq\":");
	p = put_u64(p, seq);
	PUT_LIT(p, ",\"type\":\"");
	p = put_name(p, event_type_name(ev));
	PUT_LIT(p, "\",\"time\":\"");
	p = put_name(p, when);
	PUT_LIT(p, "\",\"ts_ns\":");
	p = put_u64(p, ev->ts_ns);
	PUT_LIT(p, ",\"pid\":");
	p = put_u64(p, ev->pid);
	PUT_LIT(p, ",\"tid\":");
	p = put_u64(p, ev->tid);
	PUT_LIT(p, ",\"uid\":");
	p = put_u64(p, ev->uid);
	PUT_LIT(p, ",\"comm\":");
	wbuf_end(b, p);
	wbuf_json(b, ev->comm, strnlen(ev->comm, sizeof(ev->comm)));
	p = wbuf_room(b, JSON_RUN_MAX);
	PUT_LIT(p, ",\"ret\":");
	p = put_i64(p, ev->ret);
	PUT_LIT(p, ",\"errno\":");
	if (ev->ret < 0)
		p = put_errno(p, r, ev->ret);
	else
		PUT_LIT(p, "null");
	PUT_LIT(p, ",\"duration_ns\":");
	if (ev->type == TT_EVENT_PATH)
		PUT_LIT(p, "null");	/* not measured */
	else
		p = put_u64(p, ev->duration_ns);
	wbuf_end(b, p);
	if (exec)
		json_exec_fields(b, ev);
	else
		json_open_fields(b, r, ev);
	wbuf_char(b, '}');
}

/* How full the scrollback is, and what it dropped: by count or because
 * its text budget was full. */
static void json_scrollback(const struct output *o, const struct tt_snapshot *s,
			    const struct event_log *log)
{
	struct tt_log_fill f = output_log_fill(s, log);

	fprintf(o->f, ",\"scrollback\":{\"events\":%" PRIu64 ",\"capacity\":%" PRIu64
		",\"text_used\":%" PRIu64 ",\"text_bytes\":%" PRIu64 ",\"dropped\":%" PRIu64
		",\"dropped_for_bytes\":%" PRIu64 "}", f.events, f.capacity, f.text_used, f.text_bytes,
		f.dropped, f.dropped_for_bytes);
}

/* Writes the events [from, to) that pass --filter: joined by commas
 * (inside an array), or each on a line of its own; adds to c what became
 * of them. The rings are drained every OUTPUT_PUMP_EVERY sequence
 * numbers (o->pump), so a long interval being written never leaves them
 * full; the filter stops at deadline (0: never). */
static void json_event_run(const struct output *o, const struct event_log *log, uint64_t from,
			   uint64_t to, bool final, bool lines, uint64_t deadline,
			   struct output_counts *c)
{
	char area[65536];
	struct wbuf b = WBUF_INIT(area, o->f);
	struct json_run run = { .clk = OUTPUT_CLOCK_INIT };
	uint64_t seq;
	bool first = true;

	for (seq = from; seq < to; seq++) {
		const struct tt_event *ev = output_event(o, log, seq, final);

		if (!ev) {
			c->overwritten++;
			continue;
		}
		if (output_filter_spent(deadline)) {
			c->unexamined += to - seq;
			break;
		}
		c->examined++;
		if (!filter_match(o->filter, ev))
			continue;
		c->matched++;
		if (!lines && !first)
			wbuf_char(&b, ',');
		first = false;
		json_event(o, &b, &run, ev, seq);
		if (lines)
			wbuf_char(&b, '\n');
	}
	wbuf_flush(&b);
}

void output_stream_events(const struct output *o, const struct event_log *log, bool final)
{
	uint64_t end = event_log_end_seq(log);

	if (!o->stream || o->stream->next >= end)
		return;
	/* one budget for all the drains of an interval, not one each */
	if (!o->stream->deadline)
		o->stream->deadline = output_filter_deadline(o);
	json_event_run(o, log, o->stream->next, end, final, true, o->stream->deadline,
		       &o->stream->counts);
	o->stream->next = end;
	fflush(o->f);
}

/* The events of the interval that pass --filter (none when they are
 * streamed), then how many did out of how many were examined. */
static void json_events(const struct output *o, const struct tt_snapshot *s,
			const struct event_log *log, bool final)
{
	struct output_counts c = { 0 };

	if (o->stream) {
		/* written already, line by line: what became of them since the
		 * previous snapshot */
		c = o->stream->counts;
		memset(&o->stream->counts, 0, sizeof(o->stream->counts));
		o->stream->deadline = 0;	/* the next interval's starts */
		fputs(",\"events_streamed\":true", o->f);
	} else {
		fputs(",\"events\":[", o->f);
		json_event_run(o, log, s->ev_begin, s->ev_end, final, false,
			       output_filter_deadline(o), &c);
		fputc(']', o->f);
	}
	fprintf(o->f, ",\"events_overwritten\":%" PRIu64 ",\"events_examined\":%" PRIu64
		",\"events_matched\":%" PRIu64 ",\"events_unexamined\":%" PRIu64
		",\"filter_limit_hits\":%" PRIu64, c.overwritten, c.examined, c.matched,
		c.unexamined, o->filter ? o->filter->limit_hits : 0);
	json_scrollback(o, s, log);
}

/* The failing calls of the interval (output_fails). */
static void json_fails(const struct output *o, const struct tt_snapshot *s)
{
	size_t *rows = malloc((s->n_fails ? s->n_fails : 1) * sizeof(*rows));
	size_t n = rows ? output_fails(o, s, rows) : 0;
	char ebuf[16];

	fprintf(o->f, ",\"fails\":[");
	for (size_t k = 0; k < n; k++) {
		const struct tt_fail_row *r = &s->fails[rows[k]];

		fprintf(o->f, "%s{\"call\":\"%s\",\"errno\":\"%s\",\"comm\":", k ? "," : "",
			fail_row_call_name(r), errno_name(r->err, ebuf, sizeof(ebuf)));
		json_fputs(o->f, r->comm, strnlen(r->comm, sizeof(r->comm)));
		fputs(",\"path\":", o->f);
		json_fputs(o->f, r->path, r->path_len);
		fprintf(o->f, ",\"path_truncated\":%s,\"interval\":%" PRIu64 ",\"rate\":%.2f,"
			"\"count\":%" PRIu64 ",\"pid\":%u,\"uid\":%u}",
			r->path_trunc ? "true" : "false", r->interval, fin(r->rate), r->count,
			r->pid, r->uid);
	}
	fprintf(o->f, "],\"fails_kinds\":%zu,\"fails_untracked\":%" PRIu64, s->n_fails,
		s->fails_untracked);
	free(rows);
}

/* The profile's stacks of the interval, most samples first, each as
 * its folded text (folded.h). */
static void json_profile(const struct output *o, const struct tt_snapshot *s)
{
	const struct tt_profile_view *v = s->profile;
	size_t n, *rows, cap = 4096;
	char *line;

	if (!v)
		return;
	fprintf(o->f, ",\"profile\":{\"hz\":%u,\"counting\":%s,\"samples\":%" PRIu64
		",\"samples_total\":%" PRIu64 ",\"lost_total\":%" PRIu64 ",\"untracked\":%" PRIu64
		",\"evicted\":%" PRIu64
		",\"truncated\":%" PRIu64 ",\"stacks\":[", v->hz, v->counting ? "true" : "false",
		v->samples_interval, v->samples_total, v->lost_total, v->untracked, v->evicted,
		v->truncated);
	rows = folded_order(v, FOLDED_INTERVAL, &n);
	line = malloc(cap);
	for (size_t k = 0; line && k < n; k++) {
		const struct tt_prof_stack *st = &v->stacks[rows[k]];
		size_t need = profile_folded(v, st, line, cap) + 1;

		if (need > cap) {
			char *l = realloc(line, need);

			if (!l)
				break;
			line = l;
			cap = need;
			profile_folded(v, st, line, cap);
		}
		fprintf(o->f, "%s{\"pid\":%" PRIu32 ",\"comm\":", k ? "," : "", st->tgid);
		json_fputs(o->f, st->comm, strnlen(st->comm, sizeof(st->comm)));
		fputs(",\"stack\":", o->f);
		json_fputs(o->f, line, strlen(line));
		fprintf(o->f, ",\"count\":%" PRIu64 ",\"total\":%" PRIu64 "}", st->interval,
			st->total);
	}
	fputs("]}", o->f);
	free(line);
	free(rows);
}

void output_json_part(const struct output *o, const struct tt_snapshot *s, enum output_part part)
{
	switch (part) {
	case OUTPUT_VFS:
		json_vfs(o, s);
		break;
	case OUTPUT_SYSCALLS:
		json_syscalls(o, s);
		break;
	case OUTPUT_PROCS:
		json_procs(o, s);
		break;
	case OUTPUT_BIO:
		json_scope(o, s);
		json_bio(o, s);
		break;
	case OUTPUT_FAILS:
		json_fails(o, s);
		break;
	}
}

size_t output_json_events_of(const struct output *o, const struct event_log *log,
			     const struct log_index *x, uint64_t end)
{
	char area[65536];
	struct wbuf b = WBUF_INIT(area, o->f);
	struct json_run run = { .clk = OUTPUT_CLOCK_INIT };
	size_t n = log_index_count(x), written = 0;

	for (size_t r = 0; r < n; r++) {
		uint64_t seq = log_index_at(x, r);
		const struct tt_event *ev = seq < end ? event_log_get(log, seq) : NULL;

		if (!ev)
			continue;
		json_event(o, &b, &run, ev, seq);
		wbuf_char(&b, '\n');
		written++;
	}
	wbuf_flush(&b);
	return written;
}

void output_json_snapshot(const struct output *o, const struct tt_snapshot *s,
			  const struct event_log *log, bool final)
{
	/* time: Unix seconds to the millisecond (two snapshots at -d 0.25
	 * must not carry the same value) */
	fprintf(o->f, "{\"type\":\"snapshot\",\"seq\":%" PRIu64 ",\"final\":%s,\"time\":%" PRId64
		".%03" PRId64 ",\"mono_ns\":%" PRIu64 ",\"elapsed_s\":%.3f,\"event_count\":%" PRIu64
		",\"lost\":%" PRIu64 ",\"lost_total\":%" PRIu64 ",",
		s->seq, final ? "true" : "false", s->wall_ms / 1000, s->wall_ms % 1000, s->mono_ns,
		fin(s->elapsed_s), s->events_interval, s->lost_interval, s->lost_total);
	if (s->caption[0]) {	/* --demo */
		fputs("\"caption\":", o->f);
		json_fputs(o->f, s->caption, strnlen(s->caption, sizeof(s->caption)));
		fputc(',', o->f);
	}
	json_sources(o, s);
	fprintf(o->f, ",\"self\":{\"cpu_pct\":%.2f,\"bpf_stats\":%s,\"bpf_cpu_pct\":%.2f,"
		"\"bpf_run_ns\":%" PRIu64 ",\"bpf_run_cnt\":%" PRIu64 ",\"bpf_progs\":%u,"
		"\"map_bytes\":%" PRIu64 ",\"rss_kb\":%" PRIu64 ",\"privileges_dropped\":%s}",
		fin(s->self.cpu_pct), s->self.stats_enabled ? "true" : "false",
		fin(s->self.bpf_cpu_pct), s->self.bpf_run_ns, s->self.bpf_run_cnt, s->self.n_progs,
		s->self.map_bytes, s->self.rss_kb, s->privileges_dropped ? "true" : "false");
	json_vfs(o, s);
	json_syscalls(o, s);
	json_procs(o, s);
	json_scope(o, s);
	json_bio(o, s);
	json_fails(o, s);
	json_profile(o, s);
	json_events(o, s, log, final);
	fputs("}\n", o->f);
}
