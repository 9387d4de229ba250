/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Test data for the UI tests (see fixture.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fixture.h"
#include "diag.h"
#include "report.h"

#define NS 1000000000ull
#define MONO_NS (273125ull * NS)	/* up 3 days, 3h52m05s */
#define WALL_S 1700000000		/* 2023-11-14 22:13:20 UTC */

static const struct {
	unsigned id;
	const char *name;
	double rate, err_rate;
	uint64_t total, errors;
} sc_data[] = {
	{ 0, "read", 18234.5, 12.0, 93811200, 41022 },
	{ 1, "write", 9120.2, 0, 47120333, 12 },
	{ 232, "epoll_wait", 7702.0, 0, 39882001, 0 },
	{ 202, "futex", 5210.7, 310.4, 27001876, 1603221 },
	{ 257, "openat", 2403.1, 812.6, 12420778, 4200117 },
	{ 3, "close", 2398.0, 0.5, 12399870, 2510 },
	{ 262, "newfstatat", 1904.3, 402.0, 9860022, 2081005 },
	{ 45, "recvfrom", 1500.0, 220.9, 7712004, 1140002 },
	{ 44, "sendto", 1499.8, 0, 7710980, 3 },
	{ 9, "mmap", 320.4, 0, 1650044, 0 },
	{ 16, "ioctl", 210.0, 210.0, 1082100, 1082100 },
	{ 217, "getdents64", 88.2, 0, 455120, 0 },
	{ 230, "clock_nanosleep", 40.0, 0, 206880, 0 },
	{ 59, "execve", 3.1, 0.4, 16044, 2080 },
	{ 74, "fsync", 1.0, 0, 5170, 0 },
	{ 435, "clone3", 0, 0, 8120, 0 },
};

static const struct {
	uint32_t pid;
	const char *comm;
	double rate, err_rate;
	uint64_t total;
	unsigned top;
	uint32_t ppid, uid;
	double read, write, open, open_err, fsync, exec, bio, bio_p95_us;
	bool exited;
} pr_data[] = {
	/* uids: root, www-data and nobody are the same on every Debian; 70000
	 * has no name there (shown as the number) */
	{ 2211, "nginx", 14022.0, 402.5, 72008121, 232, 1, 33, 5200, 3100, 420, 12, 0, 0, 14.0, 900, false },
	{ 2212, "nginx", 13877.4, 398.0, 71650330, 232, 1, 33, 5100, 3050, 410, 11, 0, 0, 12.0, 850, false },
	{ 1830, "postgres", 9012.7, 12.0, 46600211, 0, 1, 70000, 3000, 2400, 20, 0, 310, 0, 320.0, 2600, false },
	{ 1844, "postgres", 4410.0, 0, 22800100, 1, 1830, 70000, 1200, 800, 2, 0, 0, 0, 40.0, 1800, false },
	{ 3120, "python3", 2204.9, 803.0, 11400222, 257, 4410, 65534, 400, 90, 800, 790, 0, 3.0, 0, 0, false },
	{ 1, "systemd", 310.0, 40.1, 1602201, 232, 0, 0, 60, 10, 40, 5, 0, 1.0, 0, 0, false },
	{ 977, "journald", 122.3, 0, 632008, 1, 1, 0, 12, 60, 0, 0, 6, 0, 6.0, 4100, false },
	{ 4410, "bash", 12.0, 2.0, 62100, 262, 612, 65534, 4, 1, 2, 2, 0, 2.0, 0, 0, false },
	{ 4478, "evil\x1b[31mred", 9.0, 9.0, 46522, 257, 4410, 65534, 0, 0, 9, 9, 0, 0, 0, 0, true },
	{ 612, "sshd", 4.5, 0, 23330, 45, 1, 0, 2, 2, 0, 0, 0, 0, 0, 0, false },
};

static void disk_hist(struct hist *h, const uint64_t *slots, unsigned n)
{
	hist_clear(h);
	hist_set(h, slots, n, 0);
}

static void fill_disks(struct fixture *f)
{
	/* vda: reads mostly 128us..2ms, writes slower, a tail to 65ms. */
	static const uint64_t vda_read[] = { 0, 0, 0, 0, 0, 0, 3, 40, 220, 810, 1203, 622, 140, 31, 6, 2, 1 };
	static const uint64_t vda_write[] = { 0, 0, 0, 0, 0, 0, 0, 5, 60, 301, 530, 700, 412, 90, 22, 8, 3 };
	static const uint64_t vda_queue[] = { 4020, 880, 120, 31, 8, 2, 1 };
	static const uint64_t nvme_read[] = { 0, 0, 0, 0, 2, 80, 930, 2200, 410, 30, 4 };
	static const uint64_t nvme_write[] = { 0, 0, 0, 0, 0, 12, 300, 1820, 940, 70, 9, 1 };
	struct tt_bio_disk *d = f->disks;

	memset(d, 0, sizeof(f->disks));
	snprintf(d[0].name, sizeof(d[0].name), "nvme0n1");
	d[0].dev = 259u << 20;
	disk_hist(&d[0].interval[BIO_OP_READ][BIO_PH_DEVICE], nvme_read, 11);
	disk_hist(&d[0].interval[BIO_OP_WRITE][BIO_PH_DEVICE], nvme_write, 12);
	snprintf(d[1].name, sizeof(d[1].name), "vda");
	d[1].dev = 253u << 20;
	disk_hist(&d[1].interval[BIO_OP_READ][BIO_PH_DEVICE], vda_read, 17);
	disk_hist(&d[1].interval[BIO_OP_WRITE][BIO_PH_DEVICE], vda_write, 17);
	disk_hist(&d[1].interval[BIO_OP_READ][BIO_PH_QUEUE], vda_queue, 7);
	for (int i = 0; i < 2; i++)
		for (int op = 0; op < BIO_OP_MAX; op++)
			for (int ph = 0; ph < BIO_PH_MAX; ph++) {
				/* "since start" is 40 intervals like this one */
				struct hist *t = &d[i].total[op][ph];

				hist_clear(t);
				for (int k = 0; k < 40; k++)
					hist_merge(t, &d[i].interval[op][ph]);
			}
}

/* Failed opens by (path, errno, comm): a missing favicon hammered by
 * nginx, Python's import probing, and a name that tries to drive the
 * terminal. */
static void fill_fails(struct fixture *f)
{
	static const struct {
		const char *path, *comm;
		int err;
		uint64_t count;
		double rate;
		uint8_t call;	/* 0: an open (FAIL_CALL_OPEN) */
	} d[] = {
		{ "/var/www/html/favicon.ico", "nginx", 2, 48210, 31.0, 0 },
		{ "/srv/health/ready", "healthchk", 2, 10500, 84.0, 3 /* newfstatat + 1 */ },
		{ "/usr/lib/python3.11/site-packages/requests/__pycache__/adapters.cpython-311.pyc",
		  "python3", 2, 9120, 4.0, 0 },
		{ "/var/www/private/.htpasswd", "nginx", 13, 2210, 1.0, 0 },
		{ "/etc/ssl/certs/ca-certificates.crt", "curl", 2, 812, 0, 0 },
		{ "/var/log/journal/0f3c/system.journal", "journald", 24, 77, 0.5, 0 },
		{ "/tmp/\x1b[2J\x1b[Hgotcha\nline2", "evil\x1b[31mred", 2, 12, 0, 0 },
		{ "/home/deploy/.config/app/settings.local.yaml", "python3", 2, 4, 0, 0 },
	};

	for (size_t i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		struct tt_fail_row *r = &f->fails[i];

		memset(r, 0, sizeof(*r));
		r->id = i + 1;
		r->path = d[i].path;
		r->path_len = strlen(d[i].path);
		r->err = d[i].err;
		snprintf(r->comm, sizeof(r->comm), "%s", d[i].comm);
		r->count = d[i].count;
		r->rate = d[i].rate;
		r->interval = (uint64_t)d[i].rate;
		r->call = d[i].call ? (uint8_t)(d[i].call - 1) : FAIL_CALL_OPEN;
		r->pid = 4000 + (uint32_t)i;
		r->last_ns = MONO_NS - i * NS;
	}
	f->snap.fails = f->fails;
	f->snap.n_fails = sizeof(d) / sizeof(d[0]);
}

static void push_n(struct fixture *f, int type, unsigned ms_ago, uint32_t pid, const char *comm,
		   int ret, const char *path, const char *args, size_t args_len, uint16_t attempts)
{
	struct tt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.ts_ns = MONO_NS - (uint64_t)ms_ago * 1000000ull;
	ev.pid = ev.tid = pid;
	ev.ret = ret;
	ev.dirfd = -100;
	snprintf(ev.comm, sizeof(ev.comm), "%s", comm);
	if (type == TT_EVENT_EXEC)	/* spawned by a login shell */
		snprintf(ev.pcomm, sizeof(ev.pcomm), "bash");
	if (type == TT_EVENT_PATH)
		ev.open_syscall = 2;	/* newfstatat */
	ev.path = path;
	ev.path_len = strlen(path) + 1;	/* as the decoder hands it: NUL included */
	ev.args = args;
	ev.args_len = args_len;
	for (size_t i = 0; args && i < args_len; i++)
		ev.argc += args[i] == '\0';
	ev.args_n = ev.argc;
	ev.attempts = attempts;
	event_log_push(&f->log, &ev);
}

static void push(struct fixture *f, int type, unsigned ms_ago, uint32_t pid, const char *comm,
		 int ret, const char *path, const char *args, size_t args_len)
{
	push_n(f, type, ms_ago, pid, comm, ret, path, args, args_len, 1);
}

#define ARGS(s) s, sizeof(s)	/* NUL-separated argv, final NUL included */

static void fill_log(struct fixture *f)
{
	event_log_init(&f->log, 64);
	push(f, TT_EVENT_OPEN, 4100, 3120, "python3", 3, "/etc/ld.so.cache", NULL, 0);
	push(f, TT_EVENT_OPEN, 4090, 3120, "python3", -2, "/usr/lib/python3.11/site-packages/requests/__pycache__/adapters.cpython-311.pyc", NULL, 0);
	push(f, TT_EVENT_EXEC, 3900, 4410, "bash", 0, "/usr/bin/grep", ARGS("grep\0-r\0--color=auto\0TODO\0src/"));
	push(f, TT_EVENT_OPEN, 3850, 4411, "grep", 3, "src/main.c", NULL, 0);
	push(f, TT_EVENT_OPEN, 3700, 2211, "nginx", 14, "/var/www/html/index.html", NULL, 0);
	push(f, TT_EVENT_OPEN, 3650, 2212, "nginx", -2, "/var/www/html/favicon.ico", NULL, 0);
	push(f, TT_EVENT_EXEC, 3400, 1, "systemd", -13, "/usr/local/bin/backup.sh", ARGS("/usr/local/bin/backup.sh\0--full"));
	push(f, TT_EVENT_OPEN, 3100, 1830, "postgres", 22, "base/16384/2619", NULL, 0);
	push(f, TT_EVENT_OPEN, 2800, 4478, "evil\x1b[31mred", -2, "/tmp/\x1b[2J\x1b[Hgotcha\nline2", NULL, 0);
	push(f, TT_EVENT_EXEC, 2500, 4410, "bash", 0, "/usr/bin/ls", ARGS("ls\0-la\0/var/log"));
	push(f, TT_EVENT_OPEN, 2490, 4479, "ls", 3, "/var/log", NULL, 0);
	push(f, TT_EVENT_OPEN, 2200, 977, "journald", -24, "/var/log/journal/0f3c/system.journal", NULL, 0);
	push(f, TT_EVENT_OPEN, 1900, 3120, "python3", 5, "/home/deploy/app/config/settings.yaml", NULL, 0);
	push(f, TT_EVENT_EXEC, 1500, 612, "sshd", 0, "/usr/sbin/sshd", ARGS("sshd: deploy [priv]"));
	push(f, TT_EVENT_OPEN, 1200, 2211, "nginx", -13, "/var/www/private/.htpasswd", NULL, 0);
	push(f, TT_EVENT_EXEC, 900, 4410, "bash", -2, "/usr/bin/nonexistent-tool", ARGS("nonexistent-tool\0--help"));
	/* a PATH walk folded into its last attempt, and a failing stat */
	push_n(f, TT_EVENT_EXEC, 800, 5230, "report-gen", 0, "/usr/bin/report-gen",
	       ARGS("report-gen\0--daily"), 11);
	push(f, TT_EVENT_OPEN, 700, 1844, "postgres", 31, "pg_wal/000000010000000A000000F3", NULL, 0);
	push(f, TT_EVENT_PATH, 600, 5120, "healthchk", -2, "/srv/health/ready", NULL, 0);
	push(f, TT_EVENT_EXEC, 400, 4410, "bash", 0, "/usr/bin/python3",
	     ARGS("python3\0-c\0import sys; print(sys.argv)\0a very long argument list that goes on and on past the edge of the pane"));
	push(f, TT_EVENT_OPEN, 300, 4480, "python3", 3, "/usr/lib/python3.11/encodings/__init__.py", NULL, 0);
	push(f, TT_EVENT_OPEN, 100, 2212, "nginx", 15, "/var/www/html/caf\xc3\xa9/men\xc3\xba.html", NULL, 0);
}

static void tree_ev(struct fixture *f, int type, int kind, unsigned ms_ago, uint32_t pid,
		    uint32_t ppid, const char *comm, const char *pcomm, const char *args,
		    size_t args_len, int code)
{
	struct tt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.flags = (uint16_t)kind;
	ev.ts_ns = MONO_NS - (uint64_t)ms_ago * 1000000ull;
	ev.pid = ev.tid = pid;
	ev.ppid = ppid;
	ev.ret = code;
	snprintf(ev.comm, sizeof(ev.comm), "%s", comm);
	snprintf(ev.pcomm, sizeof(ev.pcomm), "%s", pcomm);
	ev.args = args;
	ev.args_len = args_len;
	for (size_t i = 0; args && i < args_len; i++)
		ev.argc += args[i] == '\0';
	ev.args_n = ev.argc;
	proc_tree_event(f->tree, &ev);
}

/* The process tree: a cron job's chain of short-lived processes (one
 * killed), a deploy shell with a running child, and a name with escapes. */
static void fill_tree(struct fixture *f)
{
	const struct tt_tree_row *rows;

	f->tree = proc_tree_new();
	if (!f->tree)
		return;
	tree_ev(f, TT_EVENT_PROC, TT_PROC_FORK, 5000, 7001, 880, "cron", "", NULL, 0, 0);
	tree_ev(f, TT_EVENT_EXEC, 0, 4990, 7001, 880, "sh", "cron", ARGS("/bin/sh\0-c\0/usr/local/bin/backup.sh --full"), 0);
	tree_ev(f, TT_EVENT_PROC, TT_PROC_FORK, 4980, 7002, 7001, "sh", "", NULL, 0, 0);
	tree_ev(f, TT_EVENT_EXEC, 0, 4970, 7002, 7001, "backup.sh", "sh", ARGS("/bin/bash\0/usr/local/bin/backup.sh\0--full"), 0);
	tree_ev(f, TT_EVENT_PROC, TT_PROC_FORK, 4000, 7003, 7002, "backup.sh", "", NULL, 0, 0);
	tree_ev(f, TT_EVENT_EXEC, 0, 3990, 7003, 7002, "tar", "backup.sh", ARGS("tar\0czf\0/backup/etc.tgz\0/etc"), 0);
	tree_ev(f, TT_EVENT_PROC, TT_PROC_FORK, 3000, 7004, 7002, "backup.sh", "", NULL, 0, 0);
	tree_ev(f, TT_EVENT_EXEC, 0, 2990, 7004, 7002, "gzip", "backup.sh", ARGS("gzip\0-9"), 0);
	tree_ev(f, TT_EVENT_PROC, TT_PROC_EXIT, 2500, 7003, 7002, "tar", "", NULL, 0, 0);
	tree_ev(f, TT_EVENT_PROC, TT_PROC_EXIT, 2400, 7004, 7002, "gzip", "", NULL, 0, 9);
	tree_ev(f, TT_EVENT_PROC, TT_PROC_EXIT, 2300, 7002, 7001, "backup.sh", "", NULL, 0, 1 << 8);
	tree_ev(f, TT_EVENT_PROC, TT_PROC_EXIT, 2200, 7001, 880, "sh", "", NULL, 0, 1 << 8);
	tree_ev(f, TT_EVENT_PROC, TT_PROC_FORK, 1500, 7100, 4410, "bash", "", NULL, 0, 0);
	tree_ev(f, TT_EVENT_EXEC, 0, 1490, 7100, 4410, "python3", "bash", ARGS("python3\0-m\0http.server"), 0);
	tree_ev(f, TT_EVENT_PROC, TT_PROC_FORK, 800, 7200, 4478, "evil\x1b[31mred", "", NULL, 0, 0);
	f->snap.n_tree = proc_tree_tick(f->tree, MONO_NS, &rows);
	f->snap.tree = rows;
}

/* One folded stack of the profile: "name;frame;..." with a kind letter
 * before each frame (u program, l library, k kernel, j JIT). */
static void prof_stack(struct fixture *f, uint32_t pid, const char *comm, const char *frames,
		       uint64_t total, uint64_t interval)
{
	uint32_t ids[32], n = 0;
	char buf[512], *save = NULL;

	snprintf(buf, sizeof(buf), "%s", frames);
	ids[n++] = profile_frame_id(f->prof, comm, PROF_KIND_PROC);
	for (char *t = strtok_r(buf, ";", &save); t && n < 32; t = strtok_r(NULL, ";", &save)) {
		enum prof_kind k = t[0] == 'l' ? PROF_KIND_LIB : t[0] == 'k' ? PROF_KIND_KERNEL :
				   t[0] == 'j' ? PROF_KIND_JIT : PROF_KIND_USER;

		ids[n++] = profile_frame_id(f->prof, t + 1, k);
	}
	profile_put(f->prof, pid, comm, 0, ids, n, total, interval, (double)total / 2);
}

/* The profile: a compression job busy in deflate, nginx waiting in
 * epoll, a JIT'd python frame, and a process whose name and frame hold
 * escape sequences. */
static void fill_profile(struct fixture *f)
{
	static const char gz[] = "u_start;l__libc_start_main;umain;uzip;";
	char path[256];

	f->prof = profile_new();
	if (!f->prof)
		return;

	snprintf(path, sizeof(path), "%sudeflate;ulongest_match", gz);
	prof_stack(f, 4242, "gzip", path, 6000, 61);
	snprintf(path, sizeof(path), "%sudeflate;ufill_window;lread;kentry_SYSCALL_64_after_hwframe;"
		 "kdo_syscall_64;kksys_read;kvfs_read;kfilemap_read", gz);
	prof_stack(f, 4242, "gzip", path, 1200, 12);
	snprintf(path, sizeof(path), "%sudeflate", gz);
	prof_stack(f, 4242, "gzip", path, 2000, 20);
	snprintf(path, sizeof(path), "%suupdcrc", gz);
	prof_stack(f, 4242, "gzip", path, 1500, 15);
	prof_stack(f, 1234, "nginx", "umain;ungx_worker_process_cycle;ungx_process_events_and_timers;"
		   "lepoll_wait;kentry_SYSCALL_64_after_hwframe;kdo_syscall_64;kdo_epoll_wait", 800, 8);
	prof_stack(f, 4711, "python3", "u_PyEval_EvalFrameDefault;jpy::compute:app.py", 500, 5);
	prof_stack(f, 666, "ev\x1b[31mil", "ux\x1b]0;upwn\x07", 300, 3);
	profile_view(f->prof, &f->prof_view);
	f->prof_view.running = f->prof_view.counting = true;
	f->prof_view.hz = 49;
	f->prof_view.samples_total = 12300;
	f->prof_view.samples_interval = 124;
	f->snap.profile = &f->prof_view;
}

void fixture_init(struct fixture *f)
{
	struct tt_snapshot *s = &f->snap;
	static const char *const hooks[TT_SRC_MAX] = {
		[TT_SRC_EXEC] = "tracepoint", [TT_SRC_OPEN] = "tracepoint",
		[TT_SRC_VFS] = "tracepoint", [TT_SRC_BIO] = "tp_btf", [TT_SRC_SYSCALL] = "tp_btf",
	};
	static const double vfs_rate[VFS_OP_MAX] = { 18234.5, 9120.2, 2403.1, 41.0, 1.0 };

	memset(f, 0, sizeof(*f));
	s->seq = 412;
	s->mono_ns = MONO_NS;
	s->wall_s = WALL_S;
	s->elapsed_s = 1.0;
	snprintf(s->hostname, sizeof(s->hostname), "fixture-web-01");
	snprintf(s->kernel, sizeof(s->kernel), "6.18.0-fixture");
	for (int i = 0; i < TT_SRC_MAX; i++) {
		s->src[i].state = TT_STATE_RUNNING;
		snprintf(s->src[i].hook, sizeof(s->src[i].hook), "%s", hooks[i]);
		s->src[i].events_total = 1000;
	}
	snprintf(s->src[TT_SRC_VFS].note, sizeof(s->src[TT_SRC_VFS].note), "syscall tracepoints, approximate");
	s->events_interval = 2436;
	s->lost_interval = 0;
	s->lost_total = 0;

	s->vfs.approximate = true;
	s->vfs.spark_len = TT_SPARK_LEN;
	for (int op = 0; op < VFS_OP_MAX; op++) {
		s->vfs.rate[op] = vfs_rate[op];
		s->vfs.total[op] = (uint64_t)(vfs_rate[op] * 5150);
		for (int k = 0; k < TT_SPARK_LEN; k++) {
			/* a slow wave plus a burst twenty samples ago */
			double wave = 0.6 + 0.4 * ((k * 7 + op * 3) % 17) / 16.0;

			s->vfs.spark[op][k] = vfs_rate[op] * wave * (k == 40 ? 2.0 : 1.0);
		}
	}
	for (size_t i = 0; i < sizeof(sc_data) / sizeof(sc_data[0]); i++) {
		struct tt_syscall_row *r = &f->syscalls[i];
		/* timed: most calls under a microsecond or two, a tail the
		 * further down the table the longer */
		uint64_t lat[12] = { (uint64_t)sc_data[i].rate, (uint64_t)sc_data[i].rate / 4, 9, 3 };

		memset(r, 0, sizeof(*r));
		r->id = sc_data[i].id;
		r->name = sc_data[i].name;
		r->rate = sc_data[i].rate;
		r->err_rate = sc_data[i].err_rate;
		r->total = sc_data[i].total;
		r->errors = sc_data[i].errors;
		r->timed = true;
		lat[4 + i % 8] = (uint64_t)(sc_data[i].rate / 8) + 2;
		hist_set(&r->lat, lat, 12, 0);
		r->busy = sc_data[i].rate * (1.5 + (double)(i % 5)) / 1e6;
	}
	s->timed = true;
	/* openat (257): its failures, and who calls it */
	f->errnos[0] = (struct tt_syscall_errno){ 257, 2, 700, 3605000 };
	f->errnos[1] = (struct tt_syscall_errno){ 257, 13, 113, 582000 };
	f->errnos[2] = (struct tt_syscall_errno){ 262, 2, 402, 2070000 };
	s->errnos = f->errnos;
	s->n_errnos = 3;
	f->calls[0] = (struct tt_proc_call){ 3120, 257, 800, 790, 4120000, 4068000 };
	f->calls[1] = (struct tt_proc_call){ 2211, 257, 420, 12, 2163000, 61800 };
	f->calls[2] = (struct tt_proc_call){ 4478, 257, 9, 9, 46300, 46300 };
	s->proc_calls = f->calls;
	s->n_proc_calls = 3;
	s->proc_calls_dt = 1.0;
	s->syscalls = f->syscalls;
	s->n_syscalls = sizeof(sc_data) / sizeof(sc_data[0]);
	for (size_t i = 0; i < sizeof(pr_data) / sizeof(pr_data[0]); i++) {
		struct tt_proc_row *p = &f->procs[i];

		p->pid = pr_data[i].pid;
		snprintf(p->comm, sizeof(p->comm), "%s", pr_data[i].comm);
		p->rate = pr_data[i].rate;
		p->err_rate = pr_data[i].err_rate;
		p->total = pr_data[i].total;
		p->top_id = pr_data[i].top;
		p->top_rate = pr_data[i].rate / 2;
		p->nprocs = 1;
		p->counted = true;
		p->ppid = pr_data[i].ppid;
		p->uid = pr_data[i].uid;
		p->ppid_known = p->uid_known = true;
		p->op_rate[VFS_READ] = pr_data[i].read;
		p->op_rate[VFS_WRITE] = pr_data[i].write;
		p->op_rate[VFS_OPEN] = pr_data[i].open;
		p->open_err_rate = pr_data[i].open_err;
		p->op_rate[VFS_FSYNC] = pr_data[i].fsync;
		p->exec_rate = pr_data[i].exec;
		p->bio_rate = pr_data[i].bio;
		p->bio_p95_us = pr_data[i].bio_p95_us;
		p->exited = pr_data[i].exited;
		/* what cgroup_short_name() makes of a unit, a container, a
		 * directory someone named with an escape, and the root */
		snprintf(p->container, sizeof(p->container), "%s",
			 pr_data[i].pid == 2211 || pr_data[i].pid == 2212 ? "nginx.service" :
			 pr_data[i].pid == 1830 || pr_data[i].pid == 1844 ? "docker:3f2a9c0d1e2b" :
			 pr_data[i].pid == 4478 ? "box\x1b]0;pwned\x07" : "-");
	}
	s->procs = f->procs;
	s->n_procs = sizeof(pr_data) / sizeof(pr_data[0]);
	fill_disks(f);
	s->disks = f->disks;
	s->n_disks = 2;
	fill_fails(f);
	fill_log(f);
	fill_tree(f);
	fill_profile(f);
	s->ev_begin = 0;
	s->ev_end = event_log_end_seq(&f->log);
}

void fixture_init_failed(struct fixture *f)
{
	struct tt_snapshot *s;

	fixture_init(f);
	s = &f->snap;
	s->src[TT_SRC_BIO].state = TT_STATE_FAILED;
	s->src[TT_SRC_BIO].hook[0] = '\0';
	snprintf(s->src[TT_SRC_BIO].error, sizeof(s->src[TT_SRC_BIO].error),
		 "tp_btf/block_rq_issue: load failed: Permission denied (EPERM); "
		 "raw_tp/block_rq_issue: attach failed: No such file or directory (ENOENT)");
	s->src[TT_SRC_SYSCALL].state = TT_STATE_FAILED;
	snprintf(s->src[TT_SRC_SYSCALL].error, sizeof(s->src[TT_SRC_SYSCALL].error),
		 "tp_btf/sys_exit, raw_tp/sys_exit and tracepoint raw_syscalls:sys_exit all failed: "
		 "tracefs is not mounted and could not be mounted (read-only /sys)");
	s->src[TT_SRC_OPEN].state = TT_STATE_OFF;
	/* the exec ring overflowed: the header and the log's title say so */
	s->src[TT_SRC_EXEC].lost_interval = 120;
	s->src[TT_SRC_EXEC].lost_total = 4410;
	s->lost_interval = 120;
	s->lost_total = 4410;
	s->n_syscalls = 0;
	s->n_procs = 0;
	s->n_disks = 0;
}

void fixture_push_open(struct fixture *f, const char *path, int ret)
{
	struct tt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = TT_EVENT_OPEN;
	ev.pid = ev.tid = 4411;
	ev.dirfd = -100;
	snprintf(ev.comm, sizeof(ev.comm), "grep");
	ev.path = path;
	ev.path_len = strlen(path);
	ev.ret = ret;
	event_log_push(&f->log, &ev);
}

void fixture_fini(struct fixture *f)
{
	event_log_fini(&f->log);
	proc_tree_free(f->tree);
	f->tree = NULL;
	profile_free(f->prof);
	f->prof = NULL;
}

char *fixture_report(const struct fixture *f)
{
	struct report_facts facts = {
		.kernel = "6.18.0-fixture",
		.machine = "x86_64",
		.btf_bytes = 5515852,
		.lockdown = "none",
		.cap_eff = 0x1ffffffffffull,
		.cap_known = true,
		.tracefs = "/sys/kernel/tracing",
		.debugfs = "",
		.bpf_stats_off = true,
		.drop = REPORT_DROP_DONE,
	};
	struct diag *log = malloc(sizeof(*log));
	char *text;

	if (!log)
		return NULL;
	diag_init(log);
	diag_printf(log, MSG_INFO, "vfs: fentry hooks unavailable: load: not permitted (EPERM)");
	diag_printf(log, MSG_INFO, "vfs: kprobe hooks unavailable: this kernel has no kprobes "
		      "(no kprobe PMU, no kprobe_events: CONFIG_KPROBES off?)");
	diag_printf(log, MSG_INFO, "vfs: using tracepoint hooks");
	diag_printf(log, MSG_DEBUG, "a debug line the report leaves out");
	diag_printf(log, MSG_WARN, "bio: disk name of \x1b[31mdev 259:7\x1b[0m unknown");
	text = report_text(&facts, f->snap.src, log);
	diag_fini(log);
	free(log);
	return text;
}

void fixture_note_past(const struct fixture *f, struct tick_history *h, unsigned n)
{
	struct tt_bio_disk disks[2];
	struct tt_snapshot s = f->snap;

	s.disks = disks;
	s.vfs.spark_len = 0;	/* each tick its own rate, the last ones the sparkline's */
	for (unsigned k = n; k >= 1; k--) {
		unsigned load = 1 + (k * 7) % 5;	/* 1..5 quarters of the present load */

		if (k == 50 || k >= f->snap.seq)
			continue;
		for (int op = 0; op < VFS_OP_MAX; op++)
			s.vfs.rate[op] = f->snap.vfs.spark[op][k < TT_SPARK_LEN ? TT_SPARK_LEN - 1 - k
										  : k % TT_SPARK_LEN];
		memcpy(disks, f->disks, sizeof(disks));
		for (int d = 0; d < 2; d++)
			for (int op = 0; op < BIO_OP_MAX; op++)
				for (int ph = 0; ph < BIO_PH_MAX; ph++) {
					struct hist *hh = &disks[d].interval[op][ph];
					uint64_t slots[HIST_SLOTS];

					for (int i = 0; i < HIST_SLOTS; i++)
						slots[i] = hh->slots[i] * load / 4;
					if (d == 1 && op == BIO_OP_READ && ph == BIO_PH_DEVICE && k >= 30 && k <= 35) {
						slots[14] += 400;	/* 16-32 ms */
						slots[15] += 90;	/* 32-64 ms */
					}
					hist_set(hh, slots, HIST_SLOTS, 0);
				}
		s.seq = f->snap.seq - k;
		tick_history_note(h, &s);
	}
}
