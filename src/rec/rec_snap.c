/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Tick records of a recording; see rec_snap.h and doc/recording.md.
 *
 * A tick is a run of records, each a type byte, a varint length and its
 * payload: event records (at most REC_EVENTS_PER_RECORD events each),
 * then one snapshot record, which ends the tick. A reader skips a record
 * of a type it does not know, so a later version can add some. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rec_snap.h"
#include "rec_format.h"
#include "rec_profile.h"

#define REC_EVENTS_PER_RECORD 4096

/* Every field of these is visited below. A struct that grows fails here
 * until its new field is encoded (and REC_VERSION raised, or the field
 * added where an older reader skips it). Sizes on LP64 (x86_64, arm64). */
#define REC_SIZE(type, n) _Static_assert(sizeof(type) == (n), #type " changed: update rec_snap.c")
REC_SIZE(struct tt_snapshot, 5344);	/* the caption and the profile are records of their own */
REC_SIZE(struct tt_source_status, 424);
REC_SIZE(struct tt_vfs_view, 2496);
REC_SIZE(struct tt_selfcost, 80);
REC_SIZE(struct tt_syscall_row, 352);
REC_SIZE(struct tt_syscall_errno, 24);
REC_SIZE(struct tt_proc_row, 328);
REC_SIZE(struct tt_proc_call, 40);
REC_SIZE(struct bio_proc_row, 304);
REC_SIZE(struct tt_bio_disk, 5480);
REC_SIZE(struct tt_fail_row, 104);
REC_SIZE(struct tt_tree_row, 240);
REC_SIZE(struct tt_event, 192);

/* Bounds a decoded array's length by its kind's limit and by the bytes
 * left: each element takes min bytes at least (a byte a field, a
 * double's 8: a lower bound, never above what the encoder writes). A
 * row in memory is still up to ~20 times its encoding (a tree row's
 * command line, a disk's histograms), which the kinds' limits and the
 * tick's bound (rec_format.h) keep to some tens of MB for a hostile file. */
static void count_of(struct rec_io *io, size_t *n, size_t max, size_t min)
{
	rec_count(io, n, max);
	if (io->decode && *n > (size_t)(io->end - io->p) / min) {
		rec_io_fail(io, "a count is out of range");
		*n = 0;
	}
}

/* Makes room for n elements of size in *arr (decode only). */
static int room(struct rec_io *io, void *arr, size_t *cap, size_t n, size_t size)
{
	void **a = arr;
	void *p;

	if (!io->decode || n <= *cap)
		return 0;
	p = realloc(*a, n * size);
	if (!p) {
		rec_io_fail(io, "out of memory");
		return -1;
	}
	*a = p;
	*cap = n;
	return 0;
}

/* --- events ------------------------------------------------------------ */

/* One event of format version 1, which this version reads (its files,
 * tests/unit/fixtures/recording-v1.ttrec) and no longer writes. On
 * decode, its strings point into the input; prev_ts carries the previous
 * event's time, which each is encoded against. */
static void rec_event(struct rec_io *io, struct tt_event *ev, uint64_t *prev_ts)
{
	unsigned type, base;
	int64_t dts;
	const uint8_t *d;
	size_t n;
	bool raw;

	if (io->decode)
		memset(ev, 0, sizeof(*ev));
	type = ev->type;
	base = ev->path_base;
	dts = (int64_t)(ev->ts_ns - *prev_ts);
	raw = !io->decode && ev->raw_path && ev->raw_path != ev->path;
	rec_enum(io, &type, TT_EVENT_PATH + 1);	/* no PROC: never in the log */
	if (io->decode && type == 0)
		rec_io_fail(io, "an event of no type");
	rec_s64(io, &dts);
	if (io->decode) {
		ev->type = (enum tt_event_type)type;
		ev->ts_ns = *prev_ts + (uint64_t)dts;
	}
	*prev_ts = ev->ts_ns;
	rec_u64(io, &ev->duration_ns);
	rec_u32(io, &ev->pid);
	rec_u32(io, &ev->tid);
	rec_u32(io, &ev->ppid);
	rec_u32(io, &ev->uid);
	rec_s32(io, &ev->ret);
	rec_s32(io, &ev->dirfd);
	rec_u16(io, &ev->flags);
	rec_u16(io, &ev->argc);
	rec_u16(io, &ev->args_n);
	rec_u16(io, &ev->attempts);
	rec_u32(io, &ev->args_unread);
	rec_u8(io, &ev->open_syscall);
	rec_u32(io, &ev->mode);
	rec_u64(io, &ev->open_flags);
	rec_chars(io, ev->comm, sizeof(ev->comm));
	rec_chars(io, ev->pcomm, sizeof(ev->pcomm));
	rec_enum(io, &base, 256);
	if (io->decode)
		ev->path_base = (uint8_t)base;

	d = (const uint8_t *)ev->path;
	n = ev->path ? ev->path_len : 0;
	rec_bytes(io, &d, &n, REC_STRING_MAX);
	if (io->decode) {
		ev->path = (const char *)d;
		ev->path_len = n;
	}
	d = (const uint8_t *)ev->args;
	n = ev->args ? ev->args_len : 0;
	rec_bytes(io, &d, &n, REC_STRING_MAX);
	if (io->decode) {
		ev->args = (const char *)d;
		ev->args_len = n;
	}
	/* the argument as passed, only when it differs from path */
	rec_bool(io, &raw);
	if (raw) {
		d = (const uint8_t *)ev->raw_path;
		n = ev->raw_path_len;
		rec_bytes(io, &d, &n, REC_STRING_MAX);
		if (io->decode) {
			ev->raw_path = (const char *)d;
			ev->raw_path_len = n;
		}
	} else if (io->decode) {
		ev->raw_path = ev->path;
		ev->raw_path_len = ev->path_len;
	}
}

/* Events of format version 2, each against the one before it in its
 * record (a storm's events differ in a few fields and in the end of a
 * path): a mask of the fields that differ, the time and duration, those
 * fields, then the path as the bytes it shares with the previous path
 * and the rest. The fields most events of a storm change take the mask's
 * first byte. */
enum {
	EV_RET = 1u << 0, EV_DIRFD = 1u << 1, EV_FLAGS = 1u << 2, EV_SYSCALL = 1u << 3,
	EV_OPEN_FLAGS = 1u << 4, EV_MODE = 1u << 5,
	EV_RAW = 1u << 6,	/* has a raw path (not the same as the path) */
	EV_PID = 1u << 7, EV_TID = 1u << 8, EV_UID = 1u << 9, EV_COMM = 1u << 10,
	EV_TYPE = 1u << 11, EV_PPID = 1u << 12, EV_PCOMM = 1u << 13, EV_ARGC = 1u << 14,
	EV_ARGS_N = 1u << 15, EV_ATTEMPTS = 1u << 16, EV_UNREAD = 1u << 17, EV_BASE = 1u << 18,
	EV_ARGS = 1u << 19,
	EV_ALL = (1u << 20) - 1,
};

static bool same_bytes(const char *a, size_t an, const char *b, size_t bn)
{
	return an == bn && (!an || memcmp(a, b, an) == 0);
}

static size_t shared_prefix(const char *a, size_t an, const char *b, size_t bn)
{
	size_t n = an < bn ? an : bn, i = 0;

	/* eight bytes at a time: a storm's paths share tens */
	for (; i + 8 <= n; i += 8) {
		uint64_t x, y;

		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			break;
	}
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* A string as the bytes it shares with prev (the previous one of its
 * kind) and the rest; decoded, it is built in buf, where prev is (the
 * shared bytes stay in place). Encoding reads *s and *len only. */
static void front_coded(struct rec_io *io, const char **s, size_t *len, const char *prev,
			size_t prev_len, struct rec_buf *buf)
{
	const char *str = io->decode || !*s ? "" : *s;
	size_t slen = io->decode || !*s ? 0 : *len;
	size_t keep = shared_prefix(str, slen, prev, prev_len);
	const uint8_t *rest = (const uint8_t *)str + keep;
	size_t n = slen - keep;

	rec_size(io, &keep);
	rec_bytes(io, &rest, &n, REC_STRING_MAX);
	if (!io->decode)
		return;
	if (!io->bad && keep > prev_len)
		rec_io_fail(io, "a path shares more than the one before it has");
	if (!io->bad && keep + n > REC_STRING_MAX)
		rec_io_fail(io, "a path is too long");
	if (!io->bad) {
		buf->len = keep;
		rec_buf_put(buf, rest, n);
		if (buf->oom)
			rec_io_fail(io, "out of memory");
	}
	*s = io->bad ? "" : (const char *)buf->p;
	*len = io->bad ? 0 : keep + n;
}

void rec_ev_ctx_reset(struct rec_ev_ctx *c)
{
	memset(&c->prev, 0, sizeof(c->prev));
	c->prev.path = c->raw = "";
	c->prev.path_len = c->raw_len = 0;
	c->last = &c->prev;
	c->path.oom = c->raw_buf.oom = false;	/* a failure is the record's, not the reader's */
}

void rec_ev_ctx_fini(struct rec_ev_ctx *c)
{
	rec_buf_free(&c->path);
	rec_buf_free(&c->raw_buf);
}

#define EV_FIELD(bit, fn, field)						\
	do {									\
		if (mask & (bit))						\
			fn(io, &ev->field);					\
		else if (io->decode)						\
			ev->field = p->field;					\
	} while (0)

void rec_event_delta(struct rec_io *io, struct tt_event *ev, struct rec_ev_ctx *c)
{
	const struct tt_event *p = c->last;
	uint32_t mask = 0;
	int64_t dts;
	unsigned u;
	bool raw;

	if (io->decode) {
		memset(ev, 0, sizeof(*ev));
	} else {
		raw = ev->raw_path && ev->raw_path != ev->path &&
		      !same_bytes(ev->raw_path, ev->raw_path_len, ev->path, ev->path_len);
		mask = (ev->ret != p->ret ? EV_RET : 0) | (ev->dirfd != p->dirfd ? EV_DIRFD : 0) |
		       (ev->flags != p->flags ? EV_FLAGS : 0) |
		       (ev->open_syscall != p->open_syscall ? EV_SYSCALL : 0) |
		       (ev->open_flags != p->open_flags ? EV_OPEN_FLAGS : 0) |
		       (ev->mode != p->mode ? EV_MODE : 0) | (raw ? EV_RAW : 0) |
		       (ev->pid != p->pid ? EV_PID : 0) | (ev->tid != p->tid ? EV_TID : 0) |
		       (ev->uid != p->uid ? EV_UID : 0) |
		       /* whole arrays (the kernel pads a comm with NULs): a
			* difference past the NUL costs bytes, never a wrong name */
		       (memcmp(ev->comm, p->comm, sizeof(ev->comm)) ? EV_COMM : 0) |
		       (ev->type != p->type ? EV_TYPE : 0) | (ev->ppid != p->ppid ? EV_PPID : 0) |
		       (memcmp(ev->pcomm, p->pcomm, sizeof(ev->pcomm)) ? EV_PCOMM : 0) |
		       (ev->argc != p->argc ? EV_ARGC : 0) |
		       (ev->args_n != p->args_n ? EV_ARGS_N : 0) |
		       (ev->attempts != p->attempts ? EV_ATTEMPTS : 0) |
		       (ev->args_unread != p->args_unread ? EV_UNREAD : 0) |
		       (ev->path_base != p->path_base ? EV_BASE : 0) |
		       (!same_bytes(ev->args, ev->args ? ev->args_len : 0, p->args,
				    p->args ? p->args_len : 0) ? EV_ARGS : 0);
	}
	rec_u32(io, &mask);
	if (io->decode && mask & ~(uint32_t)EV_ALL)
		rec_io_fail(io, "an event of a later version");
	dts = (int64_t)(ev->ts_ns - p->ts_ns);
	rec_s64(io, &dts);
	if (io->decode)
		ev->ts_ns = p->ts_ns + (uint64_t)dts;
	rec_u64(io, &ev->duration_ns);
	EV_FIELD(EV_RET, rec_s32, ret);
	EV_FIELD(EV_DIRFD, rec_s32, dirfd);
	EV_FIELD(EV_FLAGS, rec_u16, flags);
	EV_FIELD(EV_SYSCALL, rec_u8, open_syscall);
	EV_FIELD(EV_OPEN_FLAGS, rec_u64, open_flags);
	EV_FIELD(EV_MODE, rec_u32, mode);
	EV_FIELD(EV_PID, rec_u32, pid);
	EV_FIELD(EV_TID, rec_u32, tid);
	EV_FIELD(EV_UID, rec_u32, uid);
	EV_FIELD(EV_PPID, rec_u32, ppid);
	EV_FIELD(EV_ARGC, rec_u16, argc);
	EV_FIELD(EV_ARGS_N, rec_u16, args_n);
	EV_FIELD(EV_ATTEMPTS, rec_u16, attempts);
	EV_FIELD(EV_UNREAD, rec_u32, args_unread);
	u = ev->type;
	if (mask & EV_TYPE)
		rec_enum(io, &u, TT_EVENT_PATH + 1);	/* no PROC: never in the log */
	else
		u = p->type;
	if (io->decode)
		ev->type = (enum tt_event_type)u;
	if (io->decode && ev->type == 0)
		rec_io_fail(io, "an event of no type");
	u = ev->path_base;
	if (mask & EV_BASE)
		rec_enum(io, &u, 256);
	else
		u = p->path_base;
	if (io->decode)
		ev->path_base = (uint8_t)u;
	if (mask & EV_COMM)
		rec_chars(io, ev->comm, sizeof(ev->comm));
	else if (io->decode)
		memcpy(ev->comm, p->comm, sizeof(ev->comm));
	if (mask & EV_PCOMM)
		rec_chars(io, ev->pcomm, sizeof(ev->pcomm));
	else if (io->decode)
		memcpy(ev->pcomm, p->pcomm, sizeof(ev->pcomm));
	if (mask & EV_ARGS) {
		const uint8_t *d = (const uint8_t *)ev->args;
		size_t n = ev->args ? ev->args_len : 0;

		rec_bytes(io, &d, &n, REC_STRING_MAX);
		if (io->decode) {
			ev->args = (const char *)d;	/* into the input */
			ev->args_len = n;
		}
	} else if (io->decode) {
		ev->args = p->args;
		ev->args_len = p->args_len;
	}
	front_coded(io, &ev->path, &ev->path_len, p->path, p->path_len, &c->path);
	if (mask & EV_RAW) {
		front_coded(io, &ev->raw_path, &ev->raw_path_len, c->raw, c->raw_len, &c->raw_buf);
		c->raw = ev->raw_path;
		c->raw_len = ev->raw_path_len;
	} else if (io->decode) {
		ev->raw_path = ev->path;
		ev->raw_path_len = ev->path_len;
	}
	/* the next one's previous: encoded, the event itself (in the log,
	 * which stays as it is while a record is encoded); decoded, a copy
	 * (its strings in c's buffers or the input) */
	if (io->decode) {
		c->prev = *ev;
		c->last = &c->prev;
	} else {
		c->last = ev;
	}
}

/* --- the snapshot ------------------------------------------------------ */

static void io_source(struct rec_io *io, struct tt_source_status *st)
{
	unsigned state = st->state;

	rec_enum(io, &state, TT_STATE_FAILED + 1);
	if (io->decode)
		st->state = (enum tt_source_state)state;
	rec_chars(io, st->hook, sizeof(st->hook));
	rec_chars(io, st->note, sizeof(st->note));
	rec_chars(io, st->error, sizeof(st->error));
	if (io->decode) {
		rec_tame(st->hook, sizeof(st->hook));
		rec_tame(st->note, sizeof(st->note));
		rec_tame(st->error, sizeof(st->error));
	}
	rec_u64(io, &st->events_total);
	rec_u64(io, &st->lost_total);
	rec_u64(io, &st->events_interval);
	rec_u64(io, &st->lost_interval);
}

static void io_self(struct rec_io *io, struct tt_selfcost *c)
{
	rec_bool(io, &c->stats_enabled);
	rec_f64(io, &c->cpu_pct);
	rec_f64(io, &c->bpf_cpu_pct);
	rec_u64(io, &c->bpf_run_ns);
	rec_u64(io, &c->bpf_run_cnt);
	rec_u64(io, &c->bpf_runs_interval);
	rec_uint(io, &c->n_progs);
	rec_u64(io, &c->map_bytes);
	rec_u64(io, &c->rss_kb);
	rec_u64(io, &c->cpu_ns);
}

static void io_vfs(struct rec_io *io, struct tt_vfs_view *v)
{
	rec_bool(io, &v->approximate);
	for (int op = 0; op < VFS_OP_MAX; op++) {
		rec_f64(io, &v->rate[op]);
		rec_u64(io, &v->total[op]);
	}
	rec_enum(io, &v->spark_len, TT_SPARK_LEN + 1);
	for (int op = 0; op < VFS_OP_MAX; op++)
		for (unsigned i = 0; i < v->spark_len; i++)
			rec_f64(io, &v->spark[op][i]);
}

static void io_syscalls(struct rec_io *io, struct tt_snapshot *s, struct rec_snap *rs)
{
	count_of(io, &s->n_syscalls, REC_SYSCALL_ROWS_MAX, 34);
	if (room(io, &rs->syscalls, &rs->cap_syscalls, s->n_syscalls, sizeof(*rs->syscalls)))
		return;
	if (io->decode) {
		size_t cap = rs->cap_syscalls;

		/* the parallel arrays follow the rows' capacity */
		if (!(rs->lat_totals = realloc(rs->lat_totals, cap * sizeof(*rs->lat_totals) + 1)) ||
		    !(rs->names = realloc(rs->names, cap * sizeof(*rs->names) + 1))) {
			rs->cap_syscalls = 0;
			rec_io_fail(io, "out of memory");
			return;
		}
		s->syscalls = rs->syscalls;
	}
	for (size_t i = 0; i < s->n_syscalls && !io->bad; i++) {
		struct tt_syscall_row *r = &s->syscalls[i];
		bool has_total = !io->decode && r->lat_total;

		if (io->decode) {
			memset(r, 0, sizeof(*r));
			r->name = rs->names[i];
			rec_chars(io, rs->names[i], sizeof(rs->names[i]));
			rec_tame(rs->names[i], sizeof(rs->names[i]));
		} else {
			char name[48];

			snprintf(name, sizeof(name), "%s", r->name ? r->name : "");
			rec_chars(io, name, sizeof(name));
		}
		rec_uint(io, &r->id);
		rec_f64(io, &r->rate);
		rec_f64(io, &r->err_rate);
		rec_u64(io, &r->total);
		rec_u64(io, &r->errors);
		rec_bool(io, &r->timed);
		rec_hist(io, &r->lat);
		rec_bool(io, &has_total);
		if (has_total) {
			if (io->decode)
				r->lat_total = &rs->lat_totals[i];
			rec_hist(io, (struct hist *)r->lat_total);
		}
		rec_u64(io, &r->lat_sum_ns);
		rec_f64(io, &r->busy);
	}
}

static void io_errnos(struct rec_io *io, struct tt_snapshot *s, struct rec_snap *rs)
{
	count_of(io, &s->n_errnos, REC_ROWS_MAX, 11);
	if (room(io, &rs->errnos, &rs->cap_errnos, s->n_errnos, sizeof(*rs->errnos)))
		return;
	if (io->decode)
		s->errnos = rs->errnos;
	for (size_t i = 0; i < s->n_errnos && !io->bad; i++) {
		struct tt_syscall_errno *e = (struct tt_syscall_errno *)&s->errnos[i];

		rec_uint(io, &e->id);
		rec_int(io, &e->err);
		rec_f64(io, &e->rate);
		rec_u64(io, &e->total);
	}
}

static void io_procs(struct rec_io *io, struct tt_snapshot *s, struct rec_snap *rs)
{
	count_of(io, &s->n_procs, REC_ROWS_MAX, 130);
	if (room(io, &rs->procs, &rs->cap_procs, s->n_procs, sizeof(*rs->procs)))
		return;
	if (io->decode)
		s->procs = rs->procs;
	for (size_t i = 0; i < s->n_procs && !io->bad; i++) {
		struct tt_proc_row *p = &s->procs[i];

		if (io->decode)
			memset(p, 0, sizeof(*p));
		rec_u32(io, &p->pid);
		rec_u32(io, &p->ppid);
		rec_u32(io, &p->uid);
		rec_bool(io, &p->ppid_known);
		rec_bool(io, &p->uid_known);
		rec_chars(io, p->container, sizeof(p->container));
		rec_chars(io, p->comm, sizeof(p->comm));
		rec_f64(io, &p->rate);
		rec_f64(io, &p->err_rate);
		rec_u64(io, &p->total);
		rec_uint(io, &p->top_id);
		rec_f64(io, &p->top_rate);
		for (int op = 0; op < VFS_OP_MAX; op++) {
			rec_f64(io, &p->op_rate[op]);
			rec_u64(io, &p->op_total[op]);
			rec_u64(io, &p->op_delta[op]);
		}
		rec_f64(io, &p->open_err_rate);
		rec_f64(io, &p->busy);
		rec_u64(io, &p->open_errors);
		rec_f64(io, &p->exec_rate);
		rec_u64(io, &p->execs);
		rec_f64(io, &p->bio_rate);
		rec_f64(io, &p->bio_p95_us);
		rec_u64(io, &p->bio_total);
		rec_u64(io, &p->delta);
		rec_u64(io, &p->open_err_delta);
		rec_u64(io, &p->exec_delta);
		rec_u64(io, &p->bio_delta);
		rec_u32(io, &p->nprocs);
		rec_bool(io, &p->counted);
		rec_bool(io, &p->exited);
	}
}

static void io_calls(struct rec_io *io, struct tt_snapshot *s, struct rec_snap *rs)
{
	count_of(io, &s->n_proc_calls, REC_CALLS_MAX, 6);
	if (room(io, &rs->calls, &rs->cap_calls, s->n_proc_calls, sizeof(*rs->calls)))
		return;
	if (io->decode)
		s->proc_calls = rs->calls;
	for (size_t i = 0; i < s->n_proc_calls && !io->bad; i++) {
		struct tt_proc_call *c = (struct tt_proc_call *)&s->proc_calls[i];

		rec_u32(io, &c->pid);
		rec_uint(io, &c->id);
		rec_u64(io, &c->delta);
		rec_u64(io, &c->err_delta);
		rec_u64(io, &c->total);
		rec_u64(io, &c->errors);
	}
	rec_f64(io, &s->proc_calls_dt);
}

static void io_bio_procs(struct rec_io *io, struct tt_snapshot *s, struct rec_snap *rs)
{
	count_of(io, &s->n_bio_procs, REC_ROWS_MAX, 6);
	if (room(io, &rs->bio_procs, &rs->cap_bio_procs, s->n_bio_procs, sizeof(*rs->bio_procs)))
		return;
	if (io->decode)
		s->bio_procs = rs->bio_procs;
	for (size_t i = 0; i < s->n_bio_procs && !io->bad; i++) {
		struct bio_proc_row *b = (struct bio_proc_row *)&s->bio_procs[i];

		rec_u32(io, &b->tgid);
		rec_chars(io, b->comm, sizeof(b->comm));
		rec_hist(io, &b->interval);
		rec_u64(io, &b->total);
	}
}

static void io_disks(struct rec_io *io, struct tt_snapshot *s, struct rec_snap *rs)
{
	count_of(io, &s->n_disks, REC_DISKS_MAX, 2 + 2 * BIO_OP_MAX * BIO_PH_MAX * 3);
	if (room(io, &rs->disks, &rs->cap_disks, s->n_disks, sizeof(*rs->disks)))
		return;
	if (io->decode)
		s->disks = rs->disks;
	for (size_t i = 0; i < s->n_disks && !io->bad; i++) {
		struct tt_bio_disk *d = &s->disks[i];

		rec_u32(io, &d->dev);
		rec_chars(io, d->name, sizeof(d->name));
		if (io->decode)
			rec_tame(d->name, sizeof(d->name));
		for (int op = 0; op < BIO_OP_MAX; op++)
			for (int ph = 0; ph < BIO_PH_MAX; ph++) {
				rec_hist(io, &d->interval[op][ph]);
				rec_hist(io, &d->total[op][ph]);
			}
	}
}

static void io_fails(struct rec_io *io, struct tt_snapshot *s, struct rec_snap *rs)
{
	count_of(io, &s->n_fails, REC_ROWS_MAX, 19);
	if (room(io, &rs->fails, &rs->cap_fails, s->n_fails, sizeof(*rs->fails)))
		return;
	if (io->decode) {
		s->fails = rs->fails;
		rs->paths.len = 0;
		rs->paths.oom = false;
	}
	for (size_t i = 0; i < s->n_fails && !io->bad; i++) {
		struct tt_fail_row *f = (struct tt_fail_row *)&s->fails[i];
		const uint8_t *d = (const uint8_t *)f->path;
		size_t n = f->path ? f->path_len : 0;

		rec_u64(io, &f->id);
		rec_u8(io, &f->call);
		rec_bytes(io, &d, &n, REC_STRING_MAX);
		if (io->decode) {
			/* an offset now, a pointer once every path is in */
			f->path = (const char *)(uintptr_t)rs->paths.len;
			f->path_len = n;
			rec_buf_put(&rs->paths, d, n);
			if (rs->paths.oom)
				rec_io_fail(io, "out of memory");
		}
		rec_bool(io, &f->path_trunc);
		rec_int(io, &f->err);
		rec_chars(io, f->comm, sizeof(f->comm));
		rec_u64(io, &f->count);
		rec_u64(io, &f->interval);
		rec_f64(io, &f->rate);
		rec_u64(io, &f->last_ns);
		rec_u32(io, &f->pid);
		rec_u32(io, &f->uid);
	}
	if (io->decode && !io->bad)
		for (size_t i = 0; i < s->n_fails; i++) {
			struct tt_fail_row *f = &rs->fails[i];

			f->path = rs->paths.p ? (const char *)rs->paths.p + (uintptr_t)f->path : "";
		}
	rec_u64(io, &s->fails_untracked);
}

static void io_tree(struct rec_io *io, struct tt_snapshot *s, struct rec_snap *rs)
{
	count_of(io, &s->n_tree, REC_TREE_ROWS_MAX, 12);
	if (room(io, &rs->tree, &rs->cap_tree, s->n_tree, sizeof(*rs->tree)))
		return;
	if (io->decode)
		s->tree = rs->tree;
	for (size_t i = 0; i < s->n_tree && !io->bad; i++) {
		struct tt_tree_row *t = (struct tt_tree_row *)&s->tree[i];

		rec_u32(io, &t->pid);
		rec_u32(io, &t->ppid);
		rec_u16(io, &t->depth);
		rec_bool(io, &t->exited);
		rec_bool(io, &t->forked);
		rec_s32(io, &t->exit_code);
		rec_u16(io, &t->execs);
		rec_u64(io, &t->start_ns);
		rec_u64(io, &t->exit_ns);
		rec_chars(io, t->comm, sizeof(t->comm));
		rec_chars(io, t->pcomm, sizeof(t->pcomm));
		rec_chars(io, t->cmd, sizeof(t->cmd));
	}
	rec_u64(io, &s->tree_untracked);
}

/* Failed opens by errno: the non-zero ones, as (errno, count) pairs. */
static void io_open_errs(struct rec_io *io, struct tt_snapshot *s, struct rec_snap *rs)
{
	size_t n = 0;

	if (!io->decode && s->open_errors_by_errno)
		for (int e = 0; e < TT_ERRNO_MAX; e++)
			n += s->open_errors_by_errno[e] != 0;
	count_of(io, &n, TT_ERRNO_MAX, 2);
	if (io->decode) {
		memset(rs->open_errs, 0, sizeof(rs->open_errs));
		s->open_errors_by_errno = rs->open_errs;
		for (size_t i = 0; i < n && !io->bad; i++) {
			unsigned e = 0;

			rec_enum(io, &e, TT_ERRNO_MAX);
			rec_u64(io, &rs->open_errs[e]);
		}
		return;
	}
	for (unsigned e = 0; n && e < TT_ERRNO_MAX; e++) {
		uint64_t v = s->open_errors_by_errno[e];

		if (!v)
			continue;
		rec_enum(io, &e, TT_ERRNO_MAX);
		rec_u64(io, &v);
	}
}

static void io_snapshot(struct rec_io *io, struct tt_snapshot *s, struct rec_snap *rs)
{
	rec_u64(io, &s->seq);
	rec_u64(io, &s->mono_ns);
	rec_s64(io, &s->wall_s);
	rec_s64(io, &s->wall_ms);
	if (io->decode && (s->wall_s < 0 || s->wall_ms < 0))
		rec_io_fail(io, "a time before 1970");
	rec_f64(io, &s->elapsed_s);
	rec_chars(io, s->hostname, sizeof(s->hostname));
	rec_chars(io, s->kernel, sizeof(s->kernel));
	if (io->decode) {
		rec_tame(s->hostname, sizeof(s->hostname));
		rec_tame(s->kernel, sizeof(s->kernel));
	}
	for (int i = 0; i < TT_SRC_MAX; i++)
		io_source(io, &s->src[i]);
	rec_u64(io, &s->events_interval);
	rec_u64(io, &s->lost_interval);
	rec_u64(io, &s->lost_total);
	io_self(io, &s->self);
	rec_bool(io, &s->privileges_dropped);
	io_vfs(io, &s->vfs);
	rec_u64(io, &s->execs_ok);
	rec_u64(io, &s->execs_failed);
	io_open_errs(io, s, rs);
	io_syscalls(io, s, rs);
	rec_bool(io, &s->timable);
	rec_bool(io, &s->timed);
	io_errnos(io, s, rs);
	rec_u64(io, &s->errnos_lost);
	io_procs(io, s, rs);
	rec_u64(io, &s->procs_bio_lost);
	rec_u64(io, &s->procs_execs_untracked);
	io_calls(io, s, rs);
	io_bio_procs(io, s, rs);
	io_disks(io, s, rs);
	io_fails(io, s, rs);
	io_tree(io, s, rs);
	rec_u64(io, &s->log_fill.events);
	rec_u64(io, &s->log_fill.capacity);
	rec_u64(io, &s->log_fill.text_used);
	rec_u64(io, &s->log_fill.text_bytes);
	rec_u64(io, &s->log_fill.dropped);
	rec_u64(io, &s->log_fill.dropped_for_bytes);
	/* the live log's numbers of the interval's events (a replay whose
	 * log has the same numbers takes them: the writers' counts of what
	 * was overwritten come out the same) */
	rec_u64(io, &s->ev_begin);
	rec_u64(io, &s->ev_end);
}

/* --- records ----------------------------------------------------------- */

/* The bytes of an event's strings, as a reader stores them. */
static uint64_t event_text(const struct tt_event *ev)
{
	return (ev->path ? ev->path_len : 0) + (ev->args ? ev->args_len : 0) +
	       (ev->raw_path && ev->raw_path != ev->path ? ev->raw_path_len : 0);
}

static int sink_put(struct rec_sink *sink, const void *data, size_t n)
{
	int err;

	if (sink->err || !n)
		return sink->err;
	if ((err = sink->put(sink->ctx, data, n)) != 0)
		sink->err = err;
	else
		sink->len += n;
	return err;
}

/* Puts a record of type: its length, then up to two varints of head,
 * then body. */
static void put_record(struct rec_sink *sink, unsigned type, unsigned heads, const uint64_t *head,
		       const struct rec_buf *body)
{
	uint8_t hv[2 * 10], hd[1 + 10 + sizeof(hv)];
	/* fixed buffers, large enough: never grown */
	struct rec_buf heads_buf = { .p = hv, .cap = sizeof(hv) };
	struct rec_buf head_buf = { .p = hd, .cap = sizeof(hd) };

	for (unsigned i = 0; i < heads && i < 2; i++)
		rec_buf_u64(&heads_buf, head[i]);
	hd[0] = (uint8_t)type;
	head_buf.len = 1;
	rec_buf_u64(&head_buf, heads_buf.len + body->len);
	rec_buf_put(&head_buf, hv, heads_buf.len);
	if (body->oom && !sink->err)
		sink->err = ENOMEM;
	sink_put(sink, hd, head_buf.len);
	sink_put(sink, body->p, body->len);
}

/* An events record: the count and the live event log's sequence number
 * of the first (the others follow it one by one), then the events
 * encoded in body. */
static void put_events(struct rec_sink *sink, size_t n, uint64_t first, const struct rec_buf *body)
{
	const uint64_t head[2] = { n, first };

	put_record(sink, REC_T_EVENTS_DELTA, 2, head, body);
}

static int put_buf(void *ctx, const void *data, size_t n)
{
	struct rec_buf *b = ctx;

	rec_buf_put(b, data, n);
	return b->oom ? ENOMEM : 0;
}

void rec_tick_encode(struct rec_buf *out, const struct tt_snapshot *snap,
		     const struct event_log *log, uint64_t *unrecorded)
{
	struct rec_tick_enc enc = { 0 };
	struct rec_sink sink = { .put = put_buf, .ctx = out };

	rec_tick_encode_to(&enc, &sink, snap, log, unrecorded, NULL, NULL);
	rec_tick_enc_fini(&enc);
}

void rec_tick_enc_fini(struct rec_tick_enc *enc)
{
	rec_buf_free(&enc->body);
	rec_buf_free(&enc->snap);
	rec_ev_ctx_fini(&enc->ev);
}

int rec_tick_encode_to(struct rec_tick_enc *enc, struct rec_sink *sink,
		       const struct tt_snapshot *snap, const struct event_log *log,
		       uint64_t *unrecorded, void (*pump)(void *ctx), void *pump_ctx)
{
	struct rec_buf *body = &enc->body, *sb = &enc->snap;
	struct rec_snap unused = { 0 };	/* the visitors' storage, for decoding only */
	struct rec_io io;
	uint64_t seq = snap->ev_begin, held = event_log_first_seq(log);
	uint64_t end = snap->ev_end < event_log_end_seq(log) ? snap->ev_end : event_log_end_seq(log);
	size_t start = sink->len, fixed, limit;
	uint64_t text = 0;	/* the strings of the events put (rec_format.h) */

	/* The snapshot first, where the sink does not see it yet: its size
	 * bounds the events a tick has room for (a reader refuses a tick
	 * past REC_TICK_MAX; a megabyte is left for the records' heads and
	 * the one event that may pass the limit). The caption goes in
	 * front of it, in body until the events are put. */
	sb->len = 0;
	sb->oom = false;
	rec_io_encoder(&io, sb);
	io_snapshot(&io, (struct tt_snapshot *)snap, &unused);
	fixed = sb->len + sizeof(snap->caption) + 32;
	if (sb->oom)
		return sink->err = ENOMEM;
	if (fixed > REC_TICK_MAX - (1u << 20))
		return sink->err = EFBIG;
	limit = REC_TICK_MAX - (1u << 20) - fixed;
	if (limit > REC_TICK_EVENT_BYTES)
		limit = REC_TICK_EVENT_BYTES;

	if (seq < held) {
		*unrecorded += held - seq;
		seq = held;
	}
	while (seq < end && !sink->err) {
		uint64_t first;
		size_t n = 0;

		/* a record holds consecutive events: one the log no longer
		 * has is counted, and the next record starts after it */
		while (seq < end && !event_log_get(log, seq)) {
			(*unrecorded)++;
			seq++;
		}
		body->len = 0;
		body->oom = false;
		rec_io_encoder(&io, body);
		rec_ev_ctx_reset(&enc->ev);
		first = seq;
		while (seq < end && n < REC_EVENTS_PER_RECORD) {
			const struct tt_event *ev = event_log_get(log, seq);

			/* a tick past its size limit keeps its snapshot, and
			 * counts the events it has no room for */
			if (sink->len - start + body->len >= limit ||
			    (ev && (text += event_text(ev)) > REC_TICK_TEXT_MAX)) {
				*unrecorded += end - seq;
				seq = end;
				break;
			}
			if (!ev)
				break;
			rec_event_delta(&io, (struct tt_event *)ev, &enc->ev);
			seq++;
			n++;
		}
		if (n)
			put_events(sink, n, first, body);
		if (pump)
			pump(pump_ctx);
	}
	if (snap->caption[0]) {
		body->len = 0;
		rec_io_encoder(&io, body);
		rec_chars(&io, (char *)snap->caption, sizeof(snap->caption));
		put_record(sink, REC_T_CAPTION, 0, NULL, body);
	}
	if (snap->profile) {
		body->len = 0;
		rec_profile_encode(body, snap->profile);
		put_record(sink, REC_T_PROFILE, 0, NULL, body);
	}
	/* what could not be kept, known now, leads the snapshot's record */
	put_record(sink, REC_T_SNAPSHOT, 1, unrecorded, sb);
	body->len = 0;
	return sink->err;
}

void rec_snap_fini(struct rec_snap *rs)
{
	free(rs->syscalls);
	free(rs->lat_totals);
	free(rs->names);
	free(rs->errnos);
	free(rs->procs);
	free(rs->calls);
	free(rs->bio_procs);
	free(rs->disks);
	free(rs->fails);
	free(rs->tree);
	rec_buf_free(&rs->paths);
	rec_ev_ctx_fini(&rs->ev);
	profile_free(rs->prof);
	memset(rs, 0, sizeof(*rs));
}

/* The events of a record into log; *dropped counts those too large
 * for the whole of the log's text (a smaller log than the recording
 * run's). */
static int decode_events(struct event_log *log, struct rec_io *io, struct rec_ev_ctx *delta,
			 uint64_t *text, uint64_t *dropped, uint64_t *decoded)
{
	size_t n = 0;
	uint64_t prev_ts = 0, first = 0;

	/* the fewest bytes an event takes: 24 in version 1 (a byte a
	 * field), 5 against the one before (mask, time, duration, path) */
	count_of(io, &n, REC_EVENTS_PER_RECORD, delta ? 5 : 24);
	if (!io->bad && !n)
		rec_io_fail(io, "an events record without events");
	rec_u64(io, &first);
	if (first > (1ull << 62))	/* a million a second for 146 000 years */
		rec_io_fail(io, "an event number out of range");
	/* the live log's numbers: a log that is behind them (a replay that
	 * starts mid-recording, a gap of events not kept) moves on to them,
	 * so that each event has the number it had live */
	if (!io->bad && first > event_log_end_seq(log))
		event_log_skip_to(log, first);
	if (delta)
		rec_ev_ctx_reset(delta);
	for (size_t i = 0; i < n && !io->bad; i++) {
		struct tt_event ev;
		int rc;

		/* each zeroes ev first */
		if (delta)
			rec_event_delta(io, &ev, delta);
		else
			rec_event(io, &ev, &prev_ts);
		if (io->bad)
			break;
		/* an event of version 2 can take its strings from the one
		 * before for a few bytes: a tick's strings are bounded as
		 * the writer bounds them, whatever the file */
		if ((*text += event_text(&ev)) > REC_TICK_TEXT_MAX) {
			rec_io_fail(io, "a tick's events hold more strings than a recording may");
			break;
		}
		rc = event_log_push(log, &ev);
		if (rc == -ENOMEM)
			rec_io_fail(io, "out of memory");
		else if (rc)
			(*dropped)++;
		(*decoded)++;
	}
	return io->bad ? -1 : 0;
}

int rec_tick_decode(struct rec_snap *rs, struct event_log *log, const void *data, size_t n,
		    uint64_t *unrecorded, struct rec_io *io)
{
	uint64_t ev_begin = event_log_end_seq(log), dropped = 0, decoded = 0, text = 0, rb, re;
	bool have_snap = false;

	rec_io_decoder(io, data, n);
	rs->s.caption[0] = '\0';	/* a tick without one has none */
	rs->s.profile = NULL;		/* likewise */
	while (io->p < io->end && !io->bad && !have_snap) {
		uint8_t type = *io->p++;
		uint64_t len = 0;
		struct rec_io sub;

		rec_u64(io, &len);
		if (io->bad)
			break;
		if (len > (uint64_t)(io->end - io->p)) {
			rec_io_fail(io, "a record ends early");
			break;
		}
		rec_io_decoder(&sub, io->p, (size_t)len);
		switch (type) {
		case REC_T_EVENTS:
			decode_events(log, &sub, NULL, &text, &dropped, &decoded);
			break;
		case REC_T_EVENTS_DELTA:
			decode_events(log, &sub, &rs->ev, &text, &dropped, &decoded);
			break;
		case REC_T_CAPTION:
			rec_chars(&sub, rs->s.caption, sizeof(rs->s.caption));
			rec_tame(rs->s.caption, sizeof(rs->s.caption));
			break;
		case REC_T_PROFILE:
			if (!rs->prof && !(rs->prof = profile_new())) {
				rec_io_fail(&sub, "out of memory");
				break;
			}
			rec_profile_decode(&sub, rs->prof, &rs->prof_view);
			rs->s.profile = sub.bad ? NULL : &rs->prof_view;
			break;
		case REC_T_SNAPSHOT:
			rec_u64(&sub, unrecorded);
			io_snapshot(&sub, &rs->s, rs);
			have_snap = true;
			break;
		default:	/* a later version's: skipped */
			break;
		}
		if (sub.bad) {
			io->why = sub.why;
			io->bad = true;
			io->bad_at = (size_t)(io->p - io->start) + sub.bad_at;
			break;
		}
		io->p += len;
	}
	if (!io->bad && !have_snap)
		rec_io_fail(io, "a tick without its snapshot");
	if (io->bad)
		return -1;
	*unrecorded += dropped;
	/* the recorded numbers where this log has them (their range no
	 * wider than the events decoded and those counted lost), else the
	 * log's own */
	rb = rs->s.ev_begin;
	re = rs->s.ev_end;
	if (re != event_log_end_seq(log) || rb > re ||
	    re - rb > decoded + (*unrecorded < (1u << 24) ? *unrecorded : (1u << 24)))
		rb = ev_begin, re = event_log_end_seq(log);
	rs->s.ev_begin = rb;
	rs->s.ev_end = re;
	return 0;
}
