/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of recordings (src/rec/): the byte codec, the tick record
 * (a snapshot with every array filled and events, encoded, decoded,
 * encoded again: the same bytes), and the file: written across several
 * zstd frames, read in order and by jumps, and read back cut short,
 * damaged, of another version, or not a recording at all. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "rec_codec.h"
#include "rec_format.h"
#include "rec_meta.h"
#include "rec_reader.h"
#include "rec_snap.h"
#include "rec_when.h"
#include "rec_writer.h"

static void test_codec(void **state)
{
	struct rec_buf b = { 0 };
	struct rec_io io;
	uint64_t u[] = { 0, 1, 127, 128, 16383, 16384, UINT32_MAX, UINT64_MAX };
	int64_t s[] = { 0, -1, 1, INT64_MIN, INT64_MAX, -64, 64 };
	double d[] = { 0.0, -0.0, 1.5, 1e300, 3.141592653589793 };
	char str[8] = "abc", back[8];
	struct hist h = { 0 }, h2;
	uint64_t v = 0;
	int64_t w = 0;
	double x;

	(void)state;
	hist_add(&h, 0);
	hist_add(&h, 1000);
	hist_add(&h, 1ull << 40);
	rec_io_encoder(&io, &b);
	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++)
		rec_u64(&io, &u[i]);
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		rec_s64(&io, &s[i]);
	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++)
		rec_f64(&io, &d[i]);
	rec_chars(&io, str, sizeof(str));
	rec_hist(&io, &h);
	assert_false(b.oom);
	/* one byte for small numbers: the point of varints */
	assert_int_equal(b.p[0], 0);
	assert_int_equal(b.p[1], 1);

	rec_io_decoder(&io, b.p, b.len);
	for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
		rec_u64(&io, &v);
		assert_true(v == u[i]);
	}
	for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
		rec_s64(&io, &w);
		assert_true(w == s[i]);
	}
	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		rec_f64(&io, &x);
		assert_memory_equal(&x, &d[i], sizeof(x));	/* the bits, -0.0 too */
	}
	rec_chars(&io, back, sizeof(back));
	assert_string_equal(back, "abc");
	rec_hist(&io, &h2);
	assert_memory_equal(&h, &h2, sizeof(h));
	assert_false(io.bad);
	assert_true(io.p == io.end);

	/* every cut of the input fails cleanly, with an offset inside it */
	for (size_t cut = 0; cut < b.len; cut++) {
		rec_io_decoder(&io, b.p, cut);
		for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++)
			rec_u64(&io, &v);
		for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++)
			rec_s64(&io, &w);
		for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++)
			rec_f64(&io, &x);
		rec_chars(&io, back, sizeof(back));
		rec_hist(&io, &h2);
		assert_true(io.bad);
		assert_true(io.bad_at <= cut);
		assert_non_null(io.why);
	}

	/* a value too wide for its field, a string too long for its array */
	{
		uint8_t big[] = { 0xff, 0xff, 0xff, 0xff, 0x1f };	/* > UINT32_MAX */
		uint8_t longstr[] = { 9, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i' };
		uint8_t ten[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f };
		uint32_t v32;

		rec_io_decoder(&io, big, sizeof(big));
		rec_u32(&io, &v32);
		assert_true(io.bad);
		rec_io_decoder(&io, longstr, sizeof(longstr));
		rec_chars(&io, back, sizeof(back));
		assert_true(io.bad);
		rec_io_decoder(&io, ten, sizeof(ten));	/* more than 64 bits */
		rec_u64(&io, &v);
		assert_true(io.bad);
	}
	rec_buf_free(&b);
}

/* A snapshot with something in every field and array. */
struct fixture {
	struct tt_snapshot s;
	struct tt_syscall_row rows[2];
	struct hist lat_total;
	struct tt_syscall_errno errnos[2];
	struct tt_proc_row procs[2];
	struct tt_proc_call calls[3];
	struct bio_proc_row bio[1];
	struct tt_bio_disk disks[1];
	struct tt_fail_row fails[2];
	struct tt_tree_row tree[2];
	uint64_t open_errs[TT_ERRNO_MAX];
	struct event_log log;
};

static void fill(struct fixture *f, uint64_t seq)
{
	struct tt_event ev;

	memset(&f->s, 0, sizeof(f->s));
	f->s.seq = seq;
	f->s.mono_ns = 1000000000ull * seq + 17;
	f->s.wall_s = 1765000000 + (int64_t)seq;
	f->s.wall_ms = f->s.wall_s * 1000 + 123;
	f->s.elapsed_s = 1.0 / 3.0;
	snprintf(f->s.hostname, sizeof(f->s.hostname), "host\x1b[31m");
	snprintf(f->s.kernel, sizeof(f->s.kernel), "6.18.44");
	for (int i = 0; i < TT_SRC_MAX; i++) {
		f->s.src[i].state = TT_STATE_RUNNING;
		snprintf(f->s.src[i].hook, sizeof(f->s.src[i].hook), "tp_btf");
		f->s.src[i].events_total = 100 * seq + (uint64_t)i;
	}
	snprintf(f->s.src[TT_SRC_VFS].note, sizeof(f->s.src[0].note), "approximate");
	f->s.src[TT_SRC_BIO].state = TT_STATE_FAILED;
	snprintf(f->s.src[TT_SRC_BIO].error, sizeof(f->s.src[0].error), "no disk");
	f->s.events_interval = 11;
	f->s.lost_interval = 2;
	f->s.lost_total = 7;
	f->s.self = (struct tt_selfcost){ .stats_enabled = true, .cpu_pct = 0.25, .bpf_cpu_pct = 0.5,
					  .bpf_run_ns = 123456, .bpf_run_cnt = 77,
					  .bpf_runs_interval = 5, .n_progs = 9, .map_bytes = 1 << 20,
					  .rss_kb = 40000, .cpu_ns = 987654321 };
	f->s.privileges_dropped = true;
	f->s.execs_failed = 4;
	f->s.errnos_lost = 3;
	f->s.procs_bio_lost = 6;
	f->s.procs_execs_untracked = 8;
	f->s.vfs.approximate = true;
	f->s.vfs.spark_len = 3;
	for (int op = 0; op < VFS_OP_MAX; op++) {
		f->s.vfs.rate[op] = op * 1.5;
		f->s.vfs.total[op] = (uint64_t)op * seq;
		for (int i = 0; i < 3; i++)
			f->s.vfs.spark[op][i] = op + i * 0.5;
	}
	f->s.execs_ok = 3;
	memset(f->open_errs, 0, sizeof(f->open_errs));
	f->open_errs[ENOENT] = 40;
	f->open_errs[EACCES] = 2;
	f->s.open_errors_by_errno = f->open_errs;

	memset(f->rows, 0, sizeof(f->rows));
	f->rows[0] = (struct tt_syscall_row){ .id = 257, .name = "openat", .rate = 2.5, .total = 90,
					      .errors = 40, .timed = true, .lat_sum_ns = 999 };
	hist_add(&f->rows[0].lat, 3);
	hist_clear(&f->lat_total);
	hist_add(&f->lat_total, 3);
	hist_add(&f->lat_total, 70000);
	f->rows[0].lat_total = &f->lat_total;
	f->rows[1] = (struct tt_syscall_row){ .id = 511, .name = "syscall_511+", .total = 1 };
	f->s.syscalls = f->rows;
	f->s.n_syscalls = 2;
	f->s.timable = f->s.timed = true;
	f->errnos[0] = (struct tt_syscall_errno){ .id = 257, .err = ENOENT, .rate = 1, .total = 40 };
	f->errnos[1] = (struct tt_syscall_errno){ .id = 4, .err = 4095, .total = 1 };
	f->s.errnos = f->errnos;
	f->s.n_errnos = 2;
	memset(f->procs, 0, sizeof(f->procs));
	f->procs[0] = (struct tt_proc_row){ .pid = 42, .ppid = 1, .uid = 1000, .ppid_known = true,
					    .uid_known = true, .comm = "work\tload", .container = "web",
					    .rate = 9, .err_rate = 1.5, .total = 99, .top_id = 257,
					    .top_rate = 4, .op_rate = { 1, 2, 3, 4, 5 },
					    .open_err_rate = 0.5, .busy = 0.01, .op_total = { 6, 7, 8, 9, 10 },
					    .open_errors = 12, .exec_rate = 0.25, .execs = 3,
					    .bio_rate = 2, .bio_p95_us = 12.5, .bio_total = 13, .delta = 14,
					    .op_delta = { 1, 1, 2, 3, 5 }, .open_err_delta = 8,
					    .exec_delta = 1, .bio_delta = 2, .nprocs = 1, .counted = true };
	f->procs[1] = (struct tt_proc_row){ .pid = 43, .exited = true, .comm = "x" };
	f->s.procs = f->procs;
	f->s.n_procs = 2;
	f->calls[0] = (struct tt_proc_call){ .pid = 42, .id = 257, .delta = 5, .total = 90 };
	f->calls[1] = (struct tt_proc_call){ .pid = 42, .id = 0, .delta = 1, .total = 1 };
	f->calls[2] = (struct tt_proc_call){ .pid = 43, .id = 60, .total = 1, .errors = 1 };
	f->s.proc_calls = f->calls;
	f->s.n_proc_calls = 3;
	f->s.proc_calls_dt = 1.0;
	memset(f->bio, 0, sizeof(f->bio));
	f->bio[0].tgid = 42;
	snprintf(f->bio[0].comm, sizeof(f->bio[0].comm), "dd");
	hist_add(&f->bio[0].interval, 300);
	f->bio[0].total = 1;
	f->s.bio_procs = f->bio;
	f->s.n_bio_procs = 1;
	memset(f->disks, 0, sizeof(f->disks));
	f->disks[0].dev = 253u << 20;
	snprintf(f->disks[0].name, sizeof(f->disks[0].name), "vda");
	hist_add(&f->disks[0].interval[0][0], 64);
	hist_add(&f->disks[0].total[1][1], 1u << 20);
	f->s.disks = f->disks;
	f->s.n_disks = 1;
	memset(f->fails, 0, sizeof(f->fails));
	f->fails[0] = (struct tt_fail_row){ .id = 1, .call = FAIL_CALL_OPEN, .path = "/etc/missingXX",
					    .path_len = 12, .err = ENOENT, .comm = "cat", .count = 4,
					    .interval = 2, .rate = 4, .last_ns = 5555, .pid = 42, .uid = 1000 };
	f->fails[1] = (struct tt_fail_row){ .id = 2, .call = 0, .path = "", .path_len = 0,
					    .path_trunc = true, .err = EACCES, .comm = "ls" };
	f->s.fails = f->fails;
	f->s.n_fails = 2;
	memset(f->tree, 0, sizeof(f->tree));
	f->tree[0] = (struct tt_tree_row){ .pid = 1, .comm = "init", .cmd = "/sbin/init" };
	f->tree[1] = (struct tt_tree_row){ .pid = 42, .ppid = 1, .depth = 1, .exited = true,
					   .forked = true, .exit_code = 256, .execs = 2,
					   .start_ns = 1000, .exit_ns = 2000, .comm = "workload",
					   .pcomm = "sh" };
	f->s.tree = f->tree;
	f->s.n_tree = 2;
	f->s.tree_untracked = 1;
	f->s.fails_untracked = 2;
	f->s.log_fill = (struct tt_log_fill){ .events = 2, .capacity = 64, .text_used = 99,
					      .text_bytes = 4096, .dropped = 5,
					      .dropped_for_bytes = 1 };

	/* two events: an exec with argv, an open whose raw path differs */
	f->s.ev_begin = event_log_end_seq(&f->log);
	memset(&ev, 0, sizeof(ev));
	ev.type = TT_EVENT_EXEC;
	ev.ts_ns = f->s.mono_ns - 500;
	ev.pid = 42;
	ev.path = "/bin/true";
	ev.path_len = 9;
	ev.args = "true\0-x";
	ev.args_len = 7;
	ev.args_n = ev.argc = 2;
	snprintf(ev.comm, sizeof(ev.comm), "sh");
	assert_int_equal(event_log_push(&f->log, &ev), 0);
	memset(&ev, 0, sizeof(ev));
	ev.type = TT_EVENT_OPEN;
	ev.ts_ns = f->s.mono_ns - 1000;	/* earlier: deltas go both ways */
	ev.pid = 42;
	ev.ret = -ENOENT;
	ev.dirfd = -100;
	ev.open_flags = 0100;
	ev.path = "/tmp/a/missing";
	ev.path_len = 14;
	ev.raw_path = "missing";
	ev.raw_path_len = 7;
	assert_int_equal(event_log_push(&f->log, &ev), 0);
	f->s.ev_end = event_log_end_seq(&f->log);
}

static void test_tick_round_trip(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct rec_snap rs = { 0 };
	struct event_log log2;
	struct rec_buf a = { 0 }, b = { 0 };
	struct rec_io io;
	uint64_t unrec = 0, unrec2 = 5;
	const struct tt_event *ev;

	(void)state;
	assert_non_null(f);
	assert_int_equal(event_log_init(&f->log, 64), 0);
	assert_int_equal(event_log_init(&log2, 64), 0);
	fill(f, 3);
	/* --demo's caption, a record of its own; a hostile byte in a file
	 * comes back tamed */
	snprintf(f->s.caption, sizeof(f->s.caption), "DEMO 1/5: \x1b[31mred");
	rec_tick_encode(&a, &f->s, &f->log, &unrec);
	assert_false(a.oom);
	assert_int_equal(unrec, 0);
	assert_int_equal(rec_tick_decode(&rs, &log2, a.p, a.len, &unrec2, &io), 0);
	assert_int_equal(unrec2, 0);
	assert_string_equal(rs.s.caption, "DEMO 1/5: ?[31mred");

	/* the fields a pane shows */
	assert_int_equal(rs.s.seq, 3);
	/* the strings a live run prints unescaped come back tamed */
	assert_string_equal(rs.s.hostname, "host?[31m");
	assert_int_equal(rs.s.src[TT_SRC_BIO].state, TT_STATE_FAILED);
	assert_string_equal(rs.s.src[TT_SRC_BIO].error, "no disk");
	assert_true(rs.s.elapsed_s == 1.0 / 3.0);
	assert_int_equal(rs.s.n_syscalls, 2);
	assert_string_equal(rs.s.syscalls[0].name, "openat");
	assert_non_null(rs.s.syscalls[0].lat_total);
	assert_memory_equal(rs.s.syscalls[0].lat_total, &f->lat_total, sizeof(struct hist));
	assert_null(rs.s.syscalls[1].lat_total);
	assert_string_equal(rs.s.syscalls[1].name, "syscall_511+");
	assert_int_equal(rs.s.open_errors_by_errno[ENOENT], 40);
	assert_int_equal(rs.s.errnos[1].err, 4095);
	assert_string_equal(rs.s.procs[0].comm, "work\tload");
	assert_string_equal(rs.s.procs[0].container, "web");
	assert_true(rs.s.procs[1].exited);
	assert_int_equal(rs.s.n_proc_calls, 3);
	assert_int_equal(rs.s.disks[0].total[1][1].count, 1);
	assert_int_equal(rs.s.fails[0].path_len, 12);
	assert_memory_equal(rs.s.fails[0].path, "/etc/missing", 12);
	assert_true(rs.s.fails[1].path_trunc);
	assert_string_equal(rs.s.tree[0].cmd, "/sbin/init");
	assert_int_equal(rs.s.tree[1].exit_code, 256);
	/* the self-cost, counters and rows in full (one field of each kind) */
	assert_memory_equal(&rs.s.self, &f->s.self, sizeof(rs.s.self));
	assert_int_equal(rs.s.execs_failed, 4);
	assert_int_equal(rs.s.errnos_lost, 3);
	assert_int_equal(rs.s.procs_execs_untracked, 8);
	assert_int_equal(rs.s.tree_untracked, 1);
	assert_int_equal(rs.s.fails_untracked, 2);
	assert_int_equal(rs.s.procs[0].op_delta[4], 5);
	assert_int_equal(rs.s.procs[0].op_total[2], 8);
	assert_true(rs.s.procs[0].uid_known);
	assert_true(rs.s.procs[0].busy == 0.01);
	assert_int_equal(rs.s.tree[1].exit_ns, 2000);
	assert_string_equal(rs.s.tree[1].pcomm, "sh");
	assert_int_equal(rs.s.fails[0].last_ns, 5555);
	assert_int_equal(rs.s.fails[0].uid, 1000);
	assert_memory_equal(&rs.s.log_fill, &f->s.log_fill, sizeof(rs.s.log_fill));
	/* the events, in the replay's log */
	assert_int_equal(rs.s.ev_end - rs.s.ev_begin, 2);
	ev = event_log_get(&log2, rs.s.ev_begin);
	assert_non_null(ev);
	assert_int_equal(ev->type, TT_EVENT_EXEC);
	assert_int_equal(ev->args_len, 7);
	assert_memory_equal(ev->args, "true\0-x", 7);
	ev = event_log_get(&log2, rs.s.ev_begin + 1);
	assert_int_equal(ev->ret, -ENOENT);
	assert_int_equal(ev->ts_ns, f->s.mono_ns - 1000);
	assert_memory_equal(ev->raw_path, "missing", 7);
	assert_memory_equal(ev->path, "/tmp/a/missing", 14);

	/* encoded again from what was decoded, decoded, encoded: the same
	 * bytes (the first decode tamed the hostile host name, so the
	 * fixed point is reached from there) */
	rec_tick_encode(&b, &rs.s, &log2, &unrec);
	{
		struct rec_snap rs2 = { 0 };
		struct rec_buf c = { 0 };
		uint64_t u2 = 0;

		/* decoded where the first decode was: the events keep
		 * their numbers */
		event_log_reset(&log2);
		assert_int_equal(rec_tick_decode(&rs2, &log2, b.p, b.len, &u2, &io), 0);
		rec_tick_encode(&c, &rs2.s, &log2, &u2);
		assert_int_equal(c.len, b.len);
		assert_memory_equal(c.p, b.p, b.len);
		rec_buf_free(&c);
		rec_snap_fini(&rs2);
	}

	/* a tick without a caption has none, whatever the one before had */
	{
		struct rec_buf d = { 0 };
		struct event_log log4;
		uint64_t u4 = 0;

		assert_int_equal(event_log_init(&log4, 64), 0);
		f->s.caption[0] = '\0';
		rec_tick_encode(&d, &f->s, &f->log, &u4);
		assert_int_equal(rec_tick_decode(&rs, &log4, d.p, d.len, &u4, &io), 0);
		assert_string_equal(rs.s.caption, "");
		snprintf(f->s.caption, sizeof(f->s.caption), "DEMO 1/5: \x1b[31mred");
		rec_buf_free(&d);
		event_log_fini(&log4);
	}

	/* every cut of the record is refused, never read past */
	for (size_t cut = 0; cut < a.len; cut++) {
		struct event_log log3;

		assert_int_equal(event_log_init(&log3, 8), 0);
		assert_int_equal(rec_tick_decode(&rs, &log3, a.p, cut, &unrec2, &io), -1);
		assert_non_null(io.why);
		event_log_fini(&log3);
	}
	rec_buf_free(&a);
	rec_buf_free(&b);
	rec_snap_fini(&rs);
	event_log_fini(&log2);
	event_log_fini(&f->log);
	free(f);
}

/* Every field of a stored event against what was recorded. */
static void assert_same_event(const struct tt_event *a, const struct tt_event *b)
{
	assert_int_equal(a->type, b->type);
	assert_int_equal(a->ts_ns, b->ts_ns);
	assert_int_equal(a->duration_ns, b->duration_ns);
	assert_int_equal(a->pid, b->pid);
	assert_int_equal(a->tid, b->tid);
	assert_int_equal(a->ppid, b->ppid);
	assert_int_equal(a->uid, b->uid);
	assert_int_equal(a->ret, b->ret);
	assert_int_equal(a->dirfd, b->dirfd);
	assert_int_equal(a->flags, b->flags);
	assert_int_equal(a->argc, b->argc);
	assert_int_equal(a->args_n, b->args_n);
	assert_int_equal(a->attempts, b->attempts);
	assert_int_equal(a->args_unread, b->args_unread);
	assert_int_equal(a->open_syscall, b->open_syscall);
	assert_int_equal(a->mode, b->mode);
	assert_int_equal(a->open_flags, b->open_flags);
	assert_string_equal(a->comm, b->comm);
	assert_string_equal(a->pcomm, b->pcomm);
	assert_int_equal(a->path_base, b->path_base);
	assert_int_equal(a->path_len, b->path_len);
	assert_memory_equal(a->path, b->path, a->path_len);
	assert_int_equal(a->args_len, b->args_len);
	if (a->args_len)
		assert_memory_equal(a->args, b->args, a->args_len);
	assert_int_equal(a->raw_path_len, b->raw_path_len);
	assert_memory_equal(a->raw_path, b->raw_path, a->raw_path_len);
}

/* Version 2's events, each against the one before: every field that
 * changes (and those that do not) comes back, paths that grow, shrink,
 * share nothing or everything, raw paths now and then; a storm's event
 * takes a few bytes; hostile records are refused. */
static void test_event_delta(void **state)
{
	static char long_path[REC_STRING_MAX / 2];
	struct event_log log, back;
	struct tt_snapshot snap;
	struct rec_snap rs = { 0 };
	struct rec_buf out = { 0 };
	struct rec_io io;
	uint64_t unrec = 0, first;
	char path[64], raw[32];

	(void)state;
	assert_int_equal(event_log_init_bytes(&log, 256, 4 * REC_STRING_MAX), 0);
	assert_int_equal(event_log_init_bytes(&back, 256, 4 * REC_STRING_MAX), 0);
	memset(long_path, 'x', sizeof(long_path) - 1);
	long_path[0] = '/';
	first = event_log_end_seq(&log);
	for (int i = 0; i < 40; i++) {
		struct tt_event ev = { 0 };

		ev.type = i % 7 == 3 ? TT_EVENT_EXEC : i % 5 == 4 ? TT_EVENT_PATH : TT_EVENT_OPEN;
		ev.ts_ns = 5000000000ull + (uint64_t)(i * 997) - (i == 9 ? 4000 : 0);
		ev.duration_ns = (uint64_t)i * 31;
		ev.pid = i < 20 ? 4242 : 99 + (uint32_t)i;
		ev.tid = ev.pid + (i % 3 == 0);
		ev.ppid = ev.type == TT_EVENT_EXEC ? 1 : 0;
		ev.uid = i == 17 ? 0 : 1000;
		ev.ret = i % 4 == 0 ? 3 : -ENOENT;
		ev.dirfd = i % 5 == 2 ? 7 : -100;
		ev.flags = (uint16_t)(i % 3);
		ev.open_syscall = (uint8_t)(i % 5);
		ev.mode = i == 11 ? 0600 : 0;
		ev.open_flags = i % 5 == 1 ? 02000000 : 0;
		ev.path_base = (uint8_t)(i % 5 == 2 ? 1 : 0);
		snprintf(ev.comm, sizeof(ev.comm), "%s", i < 25 ? "storm" : i < 30 ? "x" : "");
		if (ev.type == TT_EVENT_EXEC) {
			snprintf(ev.pcomm, sizeof(ev.pcomm), "bash");
			ev.args = i == 10 ? "a\0b\0c" : "true";
			ev.args_len = i == 10 ? 5 : 4;
			ev.argc = ev.args_n = i == 10 ? 3 : 1;
			ev.attempts = (uint16_t)(i == 24 ? 4 : 1);
			ev.args_unread = i == 24 ? 2 : 0;
		}
		if (i == 13) {
			ev.path = long_path;	/* longest, then back to short */
			ev.path_len = sizeof(long_path) - 1;
		} else if (i == 14) {
			ev.path = NULL;	/* none at all */
		} else if (i == 15 || i == 16) {
			ev.path = "/tmp/m-1";	/* the same path twice */
			ev.path_len = 8;
		} else {
			ev.path_len = (size_t)snprintf(path, sizeof(path), "%s/mark-%d%s",
						       i % 9 == 8 ? "/var" : "/tmp/storm", i * 7,
						       i % 5 == 4 ? "/missing" : "");
			ev.path = path;
		}
		if (ev.dirfd == 7 || i == 33) {
			ev.raw_path_len = (size_t)snprintf(raw, sizeof(raw), "mark-%d", i * 7);
			ev.raw_path = raw;
		}
		assert_int_equal(event_log_push(&log, &ev), 0);
	}
	memset(&snap, 0, sizeof(snap));
	snap.ev_begin = first;
	snap.ev_end = event_log_end_seq(&log);
	rec_tick_encode(&out, &snap, &log, &unrec);
	assert_false(out.oom);
	assert_int_equal(rec_tick_decode(&rs, &back, out.p, out.len, &unrec, &io), 0);
	assert_int_equal(unrec, 0);
	assert_int_equal(rs.s.ev_end - rs.s.ev_begin, 40);
	for (uint64_t k = 0; k < 40; k++) {
		const struct tt_event *a = event_log_get(&log, first + k);
		const struct tt_event *b = event_log_get(&back, rs.s.ev_begin + k);

		assert_non_null(b);
		assert_same_event(a, b);
	}

	/* a storm's events: a few bytes each once the first is known (a
	 * regression would show here before it shows in the bench) */
	for (int i = 0; i < 100; i++) {
		struct tt_event ev = { .type = TT_EVENT_OPEN, .pid = 777, .tid = 777, .uid = 1000,
				       .ret = -ENOENT, .dirfd = -100, .comm = "storm" };

		ev.ts_ns = 9000000000ull + (uint64_t)i * 850;
		ev.duration_ns = 1200 + (uint64_t)(i % 7);
		ev.path_len = (size_t)snprintf(path, sizeof(path), "/var/tmp/work/ttb-%d", 100000 + i);
		ev.path = path;
		assert_int_equal(event_log_push(&log, &ev), 0);
	}
	snap.ev_begin = event_log_end_seq(&log) - 100;
	snap.ev_end = event_log_end_seq(&log);
	out.len = 0;
	rec_tick_encode(&out, &snap, &log, &unrec);
	{
		struct rec_buf empty = { 0 };

		snap.ev_begin = snap.ev_end;
		rec_tick_encode(&empty, &snap, &log, &unrec);
		/* the first event in full (~40 bytes), then at most 9 each
		 * (mask 1, time 2, duration 2, path 4: 8.6 today; version
		 * 1 took 60) */
		assert_true(out.len - empty.len <= 40 + 99 * 9);
		rec_buf_free(&empty);
	}

	/* hostile records: a path sharing more than the previous one has, a
	 * mask of a later version */
	{
		/* one event (first number 0): the mask says its type only
		 * (bit 11: 0x80 0x10), time and duration 0, type 2 (an open),
		 * then a path of 5 shared bytes and 0 more */
		uint8_t rec1[] = { REC_T_EVENTS_DELTA, 9, 1, 0, 0x80, 0x10, 0, 0, 2, 5, 0 };
		/* a mask with bit 20 */
		uint8_t rec2[] = { REC_T_EVENTS_DELTA, 9, 1, 0, 0x80, 0x80, 0x40, 0, 0, 0, 0 };

		assert_int_equal(rec_tick_decode(&rs, &back, rec1, sizeof(rec1), &unrec, &io), -1);
		assert_string_equal(io.why, "a path shares more than the one before it has");
		assert_int_equal(rec_tick_decode(&rs, &back, rec2, sizeof(rec2), &unrec, &io), -1);
		assert_string_equal(io.why, "an event of a later version");
	}
	/* a few bytes an event that each take the whole 60 000-byte path of
	 * the one before: the tick's strings are bounded, not its bytes */
	{
		struct rec_buf body = { 0 }, rec = { 0 };
		static char big[60000];
		const uint8_t one[] = { 0x80, 0x10, 0, 0, 2, 0 };	/* an open, no shared bytes */

		memset(big, 'p', sizeof(big));
		rec_buf_u64(&body, 4000);	/* events */
		rec_buf_u64(&body, 0);		/* the first's number */
		rec_buf_put(&body, one, sizeof(one));
		rec_buf_u64(&body, sizeof(big));
		rec_buf_put(&body, big, sizeof(big));
		for (int i = 1; i < 4000; i++) {
			rec_buf_put(&body, (uint8_t[]){ 0, 0, 0 }, 3);	/* mask, time, duration */
			rec_buf_u64(&body, sizeof(big));		/* all of it shared */
			rec_buf_u64(&body, 0);
		}
		rec_buf_put(&rec, (uint8_t[]){ REC_T_EVENTS_DELTA }, 1);
		rec_buf_u64(&rec, body.len);
		rec_buf_put(&rec, body.p, body.len);
		assert_false(rec.oom);
		assert_int_equal(rec_tick_decode(&rs, &back, rec.p, rec.len, &unrec, &io), -1);
		assert_string_equal(io.why, "a tick's events hold more strings than a recording may");
		rec_buf_free(&body);
		rec_buf_free(&rec);
	}
	rec_buf_free(&out);
	rec_snap_fini(&rs);
	event_log_fini(&log);
	event_log_fini(&back);
}

static char tmpdir[] = "/tmp/tracetop-test-rec.XXXXXX";

static int setup_dir(void **state)
{
	(void)state;
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown_dir(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

#define TICKS 130	/* three zstd frames: 60 + 60 + 10 */

/* Writes a recording of TICKS ticks (the first the start, seq 0) to
 * path; returns its size. */
/* Writes a recording of n ticks of fill() (the first the start, seq 0,
 * the last final) to path: 0, or -1 (a message on stderr). */
static int write_ticks(const char *path, uint64_t n)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct rec_meta meta = { .version = "0.1.0", .host = "h\nx%", .interval_s = 1,
				 .pid = 7, .wall_offset_ns = -5, .log_capacity = 64 };
	struct rec_writer *w;
	char msg[256];
	int rc = 0;

	if (!f || event_log_init(&f->log, 1024))
		return -1;
	w = rec_writer_open(path, &meta, msg, sizeof(msg));
	if (!w) {
		fprintf(stderr, "%s\n", msg);
		rc = -1;
	}
	for (uint64_t i = 0; w && !rc && i < n; i++) {
		fill(f, i);
		rc = rec_writer_tick(w, &f->s, &f->log, i == n - 1) ? -1 : 0;
	}
	if (w && (rec_writer_ticks(w) != n || rec_writer_close(w)))
		rc = -1;
	event_log_fini(&f->log);
	free(f);
	return rc;
}

/* A recording of TICKS ticks at path; returns its size. */
static off_t write_recording(const char *path)
{
	struct stat st;

	assert_int_equal(write_ticks(path, TICKS), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);	/* every path seen is in it */
	return st.st_size;
}

static void test_file(void **state)
{
	char path[256], msg[512];
	struct rec_reader *r;
	struct rec_snap rs = { 0 };
	struct event_log log;
	uint64_t unrec;
	off_t size;

	(void)state;
	snprintf(path, sizeof(path), "%s/a.ttrec", tmpdir);
	size = write_recording(path);
	assert_true(size > 0);
	/* never over a file that exists */
	assert_null(rec_writer_open(path, &(struct rec_meta){ .interval_s = 1 }, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "exists"));
	assert_int_equal(rec_writer_check(path, msg, sizeof(msg)), -1);

	r = rec_reader_open(path, msg, sizeof(msg));
	assert_non_null(r);
	assert_null(rec_reader_warning(r));
	assert_int_equal(rec_reader_ticks(r), TICKS);
	assert_string_equal(rec_reader_meta(r)->host, "h?x%");	/* tamed */
	assert_int_equal(rec_reader_meta(r)->wall_offset_ns, -5);
	assert_int_equal(rec_reader_meta(r)->log_capacity, 64);
	assert_true(rec_reader_tick(r, 0)->flags & REC_CHUNK_KEY);
	assert_true(rec_reader_tick(r, 60)->flags & REC_CHUNK_KEY);
	assert_false(rec_reader_tick(r, 61)->flags & REC_CHUNK_KEY);
	assert_true(rec_reader_tick(r, TICKS - 1)->flags & REC_CHUNK_FINAL);
	assert_int_equal(event_log_init(&log, 4096), 0);
	/* in order */
	for (size_t i = 0; i < TICKS; i++) {
		assert_int_equal(rec_reader_read(r, i, &rs, &log, &unrec, msg, sizeof(msg)), 0);
		assert_int_equal(rs.s.seq, i);
		assert_int_equal(rs.s.ev_end - rs.s.ev_begin, 2);
	}
	/* jumps, back and forth */
	assert_int_equal(rec_reader_read(r, 100, &rs, &log, &unrec, msg, sizeof(msg)), 0);
	assert_int_equal(rs.s.seq, 100);
	assert_int_equal(rec_reader_read(r, 5, &rs, &log, &unrec, msg, sizeof(msg)), 0);
	assert_int_equal(rs.s.seq, 5);
	assert_int_equal(rec_reader_read(r, 6, &rs, &log, &unrec, msg, sizeof(msg)), 0);
	assert_int_equal(rs.s.seq, 6);
	assert_int_equal(rec_reader_find_wall(r, (1765000000 + 70) * 1000LL), 70);
	assert_int_equal(rec_reader_find_wall(r, 0), 0);
	assert_int_equal(rec_reader_find_wall(r, INT64_MAX), TICKS - 1);
	rec_reader_close(r);

	/* cut inside the last chunk (a killed writer): the rest reads */
	assert_int_equal(truncate(path, size - 3), 0);
	r = rec_reader_open(path, msg, sizeof(msg));
	assert_non_null(r);
	assert_non_null(rec_reader_warning(r));
	assert_non_null(strstr(rec_reader_warning(r), "ends inside the chunk at offset"));
	assert_int_equal(rec_reader_ticks(r), TICKS - 1);
	assert_int_equal(rec_reader_read(r, TICKS - 2, &rs, &log, &unrec, msg, sizeof(msg)), 0);
	rec_reader_close(r);

	/* one byte flipped in a chunk's payload: that tick and the rest of
	 * its frame fail, naming the offset; the next frame reads */
	{
		struct rec_reader *q = rec_reader_open(path, msg, sizeof(msg));
		uint64_t off = rec_reader_tick(q, 30)->off + REC_CHUNK_HEAD + 2;
		char want[64];
		int fd = open(path, O_RDWR);
		uint8_t byte;

		rec_reader_close(q);
		assert_true(fd >= 0);
		assert_int_equal(pread(fd, &byte, 1, (off_t)off), 1);
		byte ^= 0x5a;
		assert_int_equal(pwrite(fd, &byte, 1, (off_t)off), 1);
		close(fd);
		r = rec_reader_open(path, msg, sizeof(msg));
		assert_non_null(r);
		assert_int_equal(rec_reader_read(r, 30, &rs, &log, &unrec, msg, sizeof(msg)), -1);
		snprintf(want, sizeof(want), "offset %llu", (unsigned long long)(off - REC_CHUNK_HEAD - 2));
		assert_non_null(strstr(msg, want));
		assert_non_null(strstr(msg, "checksum"));
		assert_int_equal(rec_reader_read(r, 31, &rs, &log, &unrec, msg, sizeof(msg)), -1);
		assert_int_equal(rec_reader_read(r, 29, &rs, &log, &unrec, msg, sizeof(msg)), 0);
		assert_int_equal(rec_reader_read(r, 60, &rs, &log, &unrec, msg, sizeof(msg)), 0);
		assert_int_equal(rs.s.seq, 60);
		rec_reader_close(r);
	}
	rec_snap_fini(&rs);
	event_log_fini(&log);
}

/* Writes bytes to a file of the test directory and tries to open it. */
static struct rec_reader *open_bytes(const void *data, size_t n, char *msg, size_t len)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/bytes.ttrec", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return rec_reader_open(path, msg, len);
}

static void test_not_recordings(void **state)
{
	char path[256], msg[512];
	uint8_t head[64];
	FILE *f;
	size_t n;

	(void)state;
	assert_null(open_bytes("", 0, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "not a tracetop recording"));
	assert_null(open_bytes("{\"type\":\"start\"}\n", 17, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "not a tracetop recording"));
	assert_null(rec_reader_open("/nonexistent/x.ttrec", msg, sizeof(msg)));
	assert_non_null(strstr(msg, "No such file"));
	assert_null(rec_reader_open("/dev/null", msg, sizeof(msg)));
	assert_non_null(strstr(msg, "not a regular file"));

	/* the header of a real one, with another version */
	snprintf(path, sizeof(path), "%s/b.ttrec", tmpdir);
	write_recording(path);
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(head, 1, sizeof(head), f);
	fclose(f);
	assert_int_equal(n, sizeof(head));
	head[REC_MAGIC_LEN] = 9;
	assert_null(open_bytes(head, sizeof(head), msg, sizeof(msg)));
	assert_non_null(strstr(msg, "format version 9"));
	head[REC_MAGIC_LEN] = REC_VERSION;
	/* a header only, cut: no whole tick */
	assert_null(open_bytes(head, REC_MAGIC_LEN + 8, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "ends inside its header"));
}

/* A flight recorder keeps its newest frames: the front is let go (a
 * hole), the reader starts at the first frame kept, on a file and on an
 * anonymous memory file indexed again as it grows. */
static void test_flight_recorder(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct rec_snap rs = { 0 };
	struct event_log log;
	struct rec_writer *w;
	struct rec_reader *r;
	char path[256], msg[512];
	uint64_t unrec;
	struct stat st;
	int mfd;

	(void)state;
	assert_non_null(f);
	assert_int_equal(event_log_init(&f->log, 1024), 0);
	assert_int_equal(event_log_init(&log, 4096), 0);
	snprintf(path, sizeof(path), "%s/flight.ttrec", tmpdir);
	/* about two frames of fill()'s ticks */
	w = rec_writer_open(path, &(struct rec_meta){ .interval_s = 1, .keep = 10000 }, msg,
			    sizeof(msg));
	assert_non_null(w);
	for (uint64_t i = 0; i < 600; i++) {
		fill(f, i);
		assert_int_equal(rec_writer_tick(w, &f->s, &f->log, false), 0);
	}
	assert_true(rec_writer_let_go(w) > 0);
	assert_int_equal(rec_writer_close(w), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_true((uint64_t)st.st_blocks * 512 < (uint64_t)st.st_size);	/* a hole */
	r = rec_reader_open(path, msg, sizeof(msg));
	assert_non_null(r);
	assert_null(rec_reader_warning(r));
	assert_true(rec_reader_let_go(r) > 0);
	assert_true(rec_reader_tick(r, 0)->seq > 0);	/* the start is gone */
	assert_true(rec_reader_tick(r, 0)->seq % 60 == 0);	/* a frame's first */
	assert_int_equal(rec_reader_tick(r, rec_reader_ticks(r) - 1)->seq, 599);
	for (size_t i = 0; i < rec_reader_ticks(r); i++)
		assert_int_equal(rec_reader_read(r, i, &rs, &log, &unrec, msg, sizeof(msg)), 0);
	assert_int_equal(rs.s.seq, 599);
	rec_reader_close(r);

	/* in memory, read while it is written */
	mfd = memfd_create("tracetop-lookback", MFD_CLOEXEC);
	assert_true(mfd >= 0);
	w = rec_writer_open_fd(dup(mfd), "look-back",
			       &(struct rec_meta){ .interval_s = 1, .keep = 10000 }, msg, sizeof(msg));
	assert_non_null(w);
	fill(f, 0);
	assert_int_equal(rec_writer_tick(w, &f->s, &f->log, false), 0);
	r = rec_reader_open_fd(dup(mfd), "look-back", msg, sizeof(msg));
	assert_non_null(r);
	assert_int_equal(rec_reader_ticks(r), 1);
	for (uint64_t i = 1; i < 300; i++) {
		fill(f, i);
		assert_int_equal(rec_writer_tick(w, &f->s, &f->log, false), 0);
	}
	assert_int_equal(rec_reader_refresh(r, msg, sizeof(msg)), 0);
	assert_true(rec_reader_tick(r, 0)->seq > 0);
	assert_int_equal(rec_reader_tick(r, rec_reader_ticks(r) - 1)->seq, 299);
	assert_int_equal(rec_reader_read(r, rec_reader_ticks(r) - 2, &rs, &log, &unrec, msg,
					 sizeof(msg)), 0);
	assert_int_equal(rs.s.seq, 298);
	/* written on after the reader looked (it shares the file: its
	 * seeks must not move where the writer writes) */
	for (uint64_t i = 300; i < 500; i++) {
		fill(f, i);
		assert_int_equal(rec_writer_tick(w, &f->s, &f->log, false), 0);
	}
	assert_int_equal(rec_reader_refresh(r, msg, sizeof(msg)), 0);
	assert_null(rec_reader_warning(r));
	assert_int_equal(rec_reader_tick(r, rec_reader_ticks(r) - 1)->seq, 499);
	assert_int_equal(rec_reader_read(r, rec_reader_ticks(r) - 1, &rs, &log, &unrec, msg,
					 sizeof(msg)), 0);
	assert_int_equal(rs.s.seq, 499);
	rec_reader_close(r);
	assert_int_equal(rec_writer_close(w), 0);
	close(mfd);
	rec_snap_fini(&rs);
	event_log_fini(&log);
	event_log_fini(&f->log);
	free(f);
}

/* Events the log no longer held are counted in their own tick, once. */
/* --record-files: a series of files, each a whole recording that opens
 * on its own, the ticks continuing from one to the next; the newest kept;
 * a file put in an old one's place is never removed; a taken name stops
 * the recording. */
static void test_series(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct rec_snap rs = { 0 };
	struct event_log log;
	struct rec_writer *w;
	struct rec_reader *r;
	char path[256], name[300], mine[300], line[64], msg[512];
	uint64_t unrec, next = 0;
	struct stat st;
	FILE *foreign;

	(void)state;
	assert_non_null(f);
	assert_int_equal(event_log_init(&f->log, 1024), 0);
	assert_int_equal(event_log_init(&log, 4096), 0);
	snprintf(path, sizeof(path), "%s/series.ttrec", tmpdir);
	w = rec_writer_open(path, &(struct rec_meta){ .interval_s = 1 }, msg, sizeof(msg));
	assert_non_null(w);
	/* a series keeps 2 files at least */
	assert_int_equal(rec_writer_rotate(w, 1, 1), EINVAL);
	/* a byte a file: each tick in a file of its own */
	assert_int_equal(rec_writer_rotate(w, 1, 3), 0);
	for (uint64_t i = 0; i < 40; i++) {
		fill(f, i);
		assert_int_equal(rec_writer_tick(w, &f->s, &f->log, i == 39), 0);
		if (i == 20) {
			/* the oldest file kept now gives way to another file of
			 * the same name: it must stay when its turn comes */
			snprintf(mine, sizeof(mine), "%s", rec_writer_oldest(w));
			assert_int_equal(unlink(mine), 0);
			foreign = fopen(mine, "w");
			assert_non_null(foreign);
			fputs("not tracetop's\n", foreign);
			assert_int_equal(fclose(foreign), 0);
		}
	}
	assert_true(rec_writer_files(w) == 3);
	assert_int_equal(rec_writer_remove_error(w), ESTALE);
	assert_true(rec_writer_bytes_total(w) > 40 * (uint64_t)rec_writer_bytes(w) / 2);
	snprintf(name, sizeof(name), "%s", rec_writer_oldest(w));
	assert_int_equal(rec_writer_close(w), 0);
	assert_int_equal(stat(path, &st), -1);	/* the first went */
	/* the foreign file stayed, untouched */
	foreign = fopen(mine, "r");
	assert_non_null(foreign);
	assert_non_null(fgets(line, sizeof(line), foreign));
	assert_string_equal(line, "not tracetop's\n");
	fclose(foreign);
	/* the files kept: each opens alone, in order, the ticks following on */
	{
		const char *dot = strrchr(name, '.');
		unsigned first = (unsigned)atoi(dot + 1);

		for (unsigned k = first; k < first + 3; k++) {
			snprintf(name, sizeof(name), "%s.%u", path, k);
			r = rec_reader_open(name, msg, sizeof(msg));
			assert_non_null(r);
			assert_null(rec_reader_warning(r));
			assert_int_equal(rec_reader_meta(r)->file_no, k);
			assert_true(rec_reader_tick(r, 0)->flags & REC_CHUNK_KEY);
			if (next)
				assert_int_equal(rec_reader_tick(r, 0)->seq, next);
			for (size_t i = 0; i < rec_reader_ticks(r); i++)
				assert_int_equal(rec_reader_read(r, i, &rs, &log, &unrec, msg,
								 sizeof(msg)), 0);
			next = rs.s.seq + 1;
			rec_reader_close(r);
		}
		assert_int_equal(next, 40);
	}

	/* a taken name stops the recording, the files before it whole */
	snprintf(path, sizeof(path), "%s/taken.ttrec", tmpdir);
	snprintf(name, sizeof(name), "%s.2", path);
	foreign = fopen(name, "w");
	assert_non_null(foreign);
	assert_int_equal(fclose(foreign), 0);
	w = rec_writer_open(path, &(struct rec_meta){ .interval_s = 1 }, msg, sizeof(msg));
	assert_non_null(w);
	assert_int_equal(rec_writer_rotate(w, 3000, 5), 0);
	for (uint64_t i = 0; i < 40 && !rec_writer_error(w); i++) {
		fill(f, i);
		rec_writer_tick(w, &f->s, &f->log, false);
	}
	assert_int_equal(rec_writer_error(w), EEXIST);
	/* said under the name that was taken */
	assert_string_equal(rec_writer_path(w), name);
	assert_int_equal(stat(name, &st), 0);
	assert_int_equal(st.st_size, 0);	/* never written */
	assert_int_equal(rec_writer_close(w), EEXIST);
	snprintf(name, sizeof(name), "%s.1", path);
	r = rec_reader_open(name, msg, sizeof(msg));
	assert_non_null(r);
	assert_null(rec_reader_warning(r));
	rec_reader_close(r);
	/* which a check before the start says, naming the file */
	assert_int_equal(rec_writer_check_series(path, msg, sizeof(msg)), -1);
	assert_non_null(strstr(msg, "taken.ttrec."));
	snprintf(name, sizeof(name), "%s/fresh.ttrec", tmpdir);
	assert_int_equal(rec_writer_check_series(name, msg, sizeof(msg)), 0);

	/* a flight recorder is not a series; an old file the user removed
	 * already is gone, not a file left alone */
	snprintf(path, sizeof(path), "%s/flight-series.ttrec", tmpdir);
	w = rec_writer_open(path, &(struct rec_meta){ .interval_s = 1, .keep = 1 << 20 }, msg,
			    sizeof(msg));
	assert_non_null(w);
	assert_int_equal(rec_writer_rotate(w, 1, 3), EINVAL);
	rec_writer_discard(w);
	snprintf(path, sizeof(path), "%s/gone.ttrec", tmpdir);
	w = rec_writer_open(path, &(struct rec_meta){ .interval_s = 1 }, msg, sizeof(msg));
	assert_non_null(w);
	assert_int_equal(rec_writer_rotate(w, 1, 2), 0);
	for (uint64_t i = 0; i < 6; i++) {
		fill(f, i);
		assert_int_equal(rec_writer_tick(w, &f->s, &f->log, false), 0);
		if (i == 2)
			assert_int_equal(unlink(rec_writer_oldest(w)), 0);
	}
	assert_int_equal(rec_writer_remove_error(w), 0);
	assert_int_equal(rec_writer_close(w), 0);

	rec_snap_fini(&rs);
	event_log_fini(&log);
	event_log_fini(&f->log);
	free(f);
}

static void test_unrecorded(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct rec_writer *w;
	struct rec_reader *r;
	struct rec_snap rs = { 0 };
	struct event_log log;
	char path[256], msg[512];
	uint64_t unrec;

	(void)state;
	assert_non_null(f);
	assert_int_equal(event_log_init(&f->log, 2), 0);	/* each fill() pushes 2 */
	snprintf(path, sizeof(path), "%s/lost.ttrec", tmpdir);
	w = rec_writer_open(path, &(struct rec_meta){ .interval_s = 1 }, msg, sizeof(msg));
	assert_non_null(w);
	for (uint64_t i = 0; i < 4; i++) {
		fill(f, i);
		if (i == 2)
			f->s.ev_begin -= 3;	/* three more than the log holds */
		assert_int_equal(rec_writer_tick(w, &f->s, &f->log, false), 0);
	}
	assert_int_equal(rec_writer_unrecorded(w), 3);
	assert_int_equal(rec_writer_close(w), 0);
	r = rec_reader_open(path, msg, sizeof(msg));
	assert_non_null(r);
	assert_int_equal(event_log_init(&log, 64), 0);
	for (size_t i = 0; i < 4; i++) {
		assert_int_equal(rec_reader_read(r, i, &rs, &log, &unrec, msg, sizeof(msg)), 0);
		assert_int_equal(unrec, i == 2 ? 3 : 0);
	}
	rec_reader_close(r);
	rec_snap_fini(&rs);
	event_log_fini(&log);
	event_log_fini(&f->log);
	free(f);
}

static void test_full_device(void **state)
{
	char msg[512], fifo[256];
	struct rec_writer *w;

	(void)state;
	/* a pipe is never written (as root, another user's pipe would get
	 * everything), nor waited on */
	snprintf(fifo, sizeof(fifo), "%s/fifo", tmpdir);
	assert_int_equal(mkfifo(fifo, 0666), 0);
	assert_null(rec_writer_open(fifo, &(struct rec_meta){ .interval_s = 1 }, msg, sizeof(msg)));
	assert_true(strstr(msg, "not a character device") || strstr(msg, "No such device"));
	assert_null(rec_reader_open(fifo, msg, sizeof(msg)));
	assert_non_null(strstr(msg, "not a regular file"));
	/* an existing device is written as it is; /dev/full refuses */
	w = rec_writer_open("/dev/full", &(struct rec_meta){ .interval_s = 1 }, msg, sizeof(msg));
	assert_null(w);
	assert_non_null(strstr(msg, "No space left on device"));
	/* /dev/null takes it */
	w = rec_writer_open("/dev/null", &(struct rec_meta){ .interval_s = 1 }, msg, sizeof(msg));
	assert_non_null(w);
	assert_int_equal(rec_writer_close(w), 0);
}

static void test_meta(void **state)
{
	struct rec_meta m = { .version = "1", .host = "a%b\x01", .interval_s = 0.5, .pid = 3,
			      .started_ms = -1 }, back;
	struct rec_buf b = { 0 };
	char why[128];

	(void)state;
	rec_meta_format(&m, &b);
	assert_int_equal(rec_meta_parse(&back, (const char *)b.p, b.len, why, sizeof(why)), 0);
	assert_string_equal(back.host, "a%b?");	/* tamed: printed as it is */
	assert_true(back.interval_s == 0.5);
	assert_int_equal(back.started_ms, -1);
	assert_int_equal(rec_meta_parse(&back, "host=x\n", 7, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "no interval"));
	assert_int_equal(rec_meta_parse(&back, "interval=1\nhost=%zz\n", 20, why, sizeof(why)), -1);
	assert_int_equal(rec_meta_parse(&back, "interval=1", 10, why, sizeof(why)), -1);
	assert_int_equal(rec_meta_parse(&back, "interval=-1\n", 12, why, sizeof(why)), -1);
	assert_int_equal(rec_meta_parse(&back, "interval=1\nlater=ok\n", 20, why, sizeof(why)), 0);
	rec_buf_free(&b);
}

static void test_when(void **state)
{
	/* 2026-12-07 10:42:05 UTC, and a recording from 10:00 to 11:00 */
	const int64_t now = 1796640125000LL, first = now - 2525000, last = first + 3600000;
	char why[160];
	int64_t t;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	assert_int_equal(rec_parse_when("start", now, first, last, &t, why, sizeof(why)), 0);
	assert_true(t == first);
	assert_int_equal(rec_parse_when(" end", now, first, last, &t, why, sizeof(why)), 0);
	assert_true(t == last);
	assert_int_equal(rec_parse_when("-5m", now, first, last, &t, why, sizeof(why)), 0);
	assert_true(t == now - 300000);
	assert_int_equal(rec_parse_when("+30s", now, first, last, &t, why, sizeof(why)), 0);
	assert_true(t == now + 30000);
	assert_int_equal(rec_parse_when("-1.5h", now, first, last, &t, why, sizeof(why)), 0);
	assert_true(t == now - 5400000);
	assert_int_equal(rec_parse_when("+90", now, first, last, &t, why, sizeof(why)), 0);
	assert_true(t == now + 90000);
	assert_int_equal(rec_parse_when("10:30:00", now, first, last, &t, why, sizeof(why)), 0);
	assert_true(t == now - 725000);
	assert_int_equal(rec_parse_when("10:43", now, first, last, &t, why, sizeof(why)), 0);
	assert_true(t == now + 55000);
	/* just after midnight, 23:59:50 is ten seconds ago, not tomorrow */
	assert_int_equal(rec_parse_when("23:59:50", 1796688005000LL, 0, 0, &t, why, sizeof(why)), 0);
	assert_true(t == 1796687990000LL);
	for (const char *const *bad = (const char *const[]){ "", "yesterday", "25:00", "10:61",
							      "10:42:05x", "-", "+5d", "-x", "1:2:3:4",
							      "+1e300", NULL };
	     *bad; bad++) {
		assert_int_equal(rec_parse_when(*bad, now, first, last, &t, why, sizeof(why)), -1);
		assert_non_null(strstr(why, "not a time"));
	}
}

/* A recording of each format version, kept in the tree: every later
 * version must still open it and find what that one wrote. Made by
 * TT_REC_MAKE_FIXTURES=DIR tests/unit/test_rec (below), with the seeds
 * of the recording fuzz target. */
static void check_fixture(const char *name)
{
	char msg[512];
	struct rec_reader *r = rec_reader_open(name, msg, sizeof(msg));
	struct rec_snap rs = { 0 };
	struct event_log log;
	const struct tt_event *ev;
	uint64_t unrec;

	assert_non_null(r);
	assert_null(rec_reader_warning(r));
	assert_int_equal(rec_reader_ticks(r), 3);
	assert_string_equal(rec_reader_meta(r)->version, "0.1.0");
	assert_string_equal(rec_reader_meta(r)->host, "h?x%");
	assert_int_equal(event_log_init(&log, 64), 0);
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(rec_reader_read(r, i, &rs, &log, &unrec, msg, sizeof(msg)), 0);
		assert_int_equal(rs.s.seq, i);
	}
	assert_true(rec_reader_tick(r, 2)->flags & REC_CHUNK_FINAL);
	assert_string_equal(rs.s.hostname, "host?[31m");
	assert_string_equal(rs.s.syscalls[0].name, "openat");
	assert_int_equal(rs.s.syscalls[0].lat_total->count, 2);
	assert_int_equal(rs.s.vfs.total[2], 4);
	assert_string_equal(rs.s.procs[0].container, "web");
	assert_memory_equal(rs.s.fails[0].path, "/etc/missing", 12);
	assert_int_equal(rs.s.tree[1].exit_code, 256);
	ev = event_log_get(&log, rs.s.ev_begin);
	assert_memory_equal(ev->args, "true\0-x", 7);
	ev = event_log_get(&log, rs.s.ev_begin + 1);
	assert_memory_equal(ev->raw_path, "missing", 7);
	rec_snap_fini(&rs);
	event_log_fini(&log);
	rec_reader_close(r);
}

static void test_fixture_v1(void **state)
{
	(void)state;
	check_fixture(TT_FIXTURES "/recording-v1.ttrec");
}

static void test_fixture_v2(void **state)
{
	(void)state;
	check_fixture(TT_FIXTURES "/recording-v2.ttrec");
}

/* Writes the fixture above and the fuzz seeds into dir (a maintainer's
 * step: the output is checked in). */
static int make_fixtures(const char *dir)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct rec_buf tick = { 0 };
	char path[4096];
	uint64_t unrec = 0;
	FILE *out, *in;
	int c;

	if (!f || event_log_init(&f->log, 64))
		return 1;
	snprintf(path, sizeof(path), "%s/recording-v%d.ttrec", dir, REC_VERSION);
	if (write_ticks(path, 3))
		return 1;
	fill(f, 2);
	/* seeds: 0 and one tick record; 1 and the whole file */
	rec_tick_encode(&tick, &f->s, &f->log, &unrec);
	snprintf(path, sizeof(path), "%s/seed-tick-v%d", dir, REC_VERSION);
	out = fopen(path, "w");
	if (!out || fputc(0, out) == EOF || fwrite(tick.p, 1, tick.len, out) != tick.len ||
	    fclose(out))
		return 1;
	snprintf(path, sizeof(path), "%s/recording-v%d.ttrec", dir, REC_VERSION);
	in = fopen(path, "r");
	snprintf(path, sizeof(path), "%s/seed-file-v%d", dir, REC_VERSION);
	out = fopen(path, "w");
	if (!in || !out || fputc(1, out) == EOF)
		return 1;
	while ((c = fgetc(in)) != EOF)
		fputc(c, out);
	if (fclose(in) || fclose(out))
		return 1;
	rec_buf_free(&tick);
	event_log_fini(&f->log);
	free(f);
	printf("fixtures written in %s\n", dir);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codec),
		cmocka_unit_test(test_tick_round_trip),
		cmocka_unit_test(test_meta),
		cmocka_unit_test(test_file),
		cmocka_unit_test(test_not_recordings),
		cmocka_unit_test(test_unrecorded),
		cmocka_unit_test(test_event_delta),
		cmocka_unit_test(test_series),
		cmocka_unit_test(test_flight_recorder),
		cmocka_unit_test(test_full_device),
		cmocka_unit_test(test_fixture_v1),
		cmocka_unit_test(test_fixture_v2),
		cmocka_unit_test(test_when),
	};

	if (getenv("TT_REC_MAKE_FIXTURES"))
		return make_fixtures(getenv("TT_REC_MAKE_FIXTURES"));

	return cmocka_run_group_tests(tests, setup_dir, teardown_dir);
}
