/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The per-tick view of the model that the UI and the batch/JSON writers
 * draw. Built by model_tick(); every pointer in it is owned by the model
 * and stays valid until the next tick. Nothing here touches a terminal. */
#ifndef TRACETOP_SNAPSHOT_H
#define TRACETOP_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>
#include "hist.h"
#include "events.h"
#include "vfs.h"
#include "bio.h"
#include "syscalls.h"
#include "bio_procs.h"

#define TT_SPARK_LEN 60
/* errnos counted one by one; a larger one counts as TT_ERRNO_MAX - 1 */
#define TT_ERRNO_MAX 256		/* samples of VFS history kept for sparklines */

enum tt_source {
	TT_SRC_EXEC = 0,
	TT_SRC_OPEN,
	TT_SRC_VFS,
	TT_SRC_BIO,
	TT_SRC_SYSCALL,
	TT_SRC_MAX,
};

enum tt_source_state {
	TT_STATE_OFF = 0,	/* not requested */
	TT_STATE_RUNNING,
	TT_STATE_FAILED,	/* could not load or attach: see error */
};

struct tt_source_status {
	enum tt_source_state state;
	char hook[32];		/* hook in use: tracepoint, fentry, kprobe, tp_btf, raw_tp */
	char note[96];		/* e.g. "syscall tracepoints, approximate" */
	char error[256];	/* when FAILED: the hooks tried and why each failed */
	uint64_t events_total;	/* events received (exec/open) or counted */
	uint64_t lost_total;	/* events the kernel could not hand over */
	uint64_t events_interval;
	uint64_t lost_interval;
};

struct tt_vfs_view {
	bool approximate;	/* counted at syscalls, not in the VFS */
	double rate[VFS_OP_MAX];	/* per second over the last interval */
	uint64_t total[VFS_OP_MAX];	/* since tracetop started */
	double spark[VFS_OP_MAX][TT_SPARK_LEN];	/* past rates, oldest first */
	unsigned spark_len;		/* valid samples in spark[op] */
};

struct tt_syscall_row {
	unsigned id;
	const char *name;	/* static; "syscall_N" style for unknown ids */
	double rate;		/* calls per second */
	double err_rate;	/* failed calls per second */
	uint64_t total;		/* calls since start */
	uint64_t errors;	/* failed calls since start */
	bool timed;		/* latency below is measured (snapshot.timed) */
	struct hist lat;	/* enter -> exit, microseconds, this interval */
	/* the same since tracetop started (counted only while timed), and
	 * its sum in nanoseconds; NULL when never timed */
	const struct hist *lat_total;
	uint64_t lat_sum_ns;
	double busy;		/* seconds spent in it per second (1.0: a CPU's worth) */
};

/* Failed calls of one syscall with one errno. */
struct tt_syscall_errno {
	unsigned id;
	int err;		/* positive */
	double rate;		/* per second over the interval */
	uint64_t total;		/* since start */
};

/* One process of the processes table: its syscalls (from the syscalls
 * source's per-process counts), what of them are VFS operations, the
 * execs of its children, and the block I/O it handed to the disks. */
struct tt_proc_row {
	uint32_t pid;
	uint32_t ppid, uid;	/* valid when ppid_known, uid_known */
	bool ppid_known, uid_known;
	char container[32];	/* its cgroup's short name (cgroup.h); "" unknown */
	char comm[TT_COMM_LEN + 1];	/* raw bytes from the kernel: sanitise before display */
	double rate;		/* syscalls per second */
	double err_rate;
	uint64_t total;		/* syscalls since first seen */
	unsigned top_id;	/* syscall with most calls this interval (or overall) */
	double top_rate;
	double op_rate[VFS_OP_MAX];	/* reads, writes, opens (creat included), fsyncs
					 * per second; [VFS_CREATE] stays 0 */
	double open_err_rate;	/* failed opens per second */
	double busy;		/* seconds in system calls per second (1: one thread
				 * always in one), while they are timed (snapshot.timed) */
	uint64_t op_total[VFS_OP_MAX];	/* the same since first seen */
	uint64_t open_errors;
	double exec_rate;	/* successful execs of its children per second */
	uint64_t execs;		/* ... since tracetop started */
	double bio_rate;	/* block I/O requests it handed over, per second */
	double bio_p95_us;	/* their device latency's p95 this interval; 0: none */
	uint64_t bio_total;	/* requests since first seen */
	/* this interval's counts, which the rates above divide: sums that
	 * only go up are made of these (container_totals.h) */
	uint64_t delta, op_delta[VFS_OP_MAX], open_err_delta, exec_delta, bio_delta;
	uint32_t nprocs;	/* 1; rows folded by name (proc_view_fold): its processes */
	bool counted;		/* the syscalls source counts it (else block I/O only) */
	bool exited;		/* gone: total is final */
};

/* One process's calls of one syscall, for panes scoped to a process:
 * the per-process table's own rows (proc_table.h), not a copy; rates
 * are deltas / the snapshot's proc_calls_dt (tt_call_rate). */
struct tt_proc_call {
	uint32_t pid;
	unsigned id;
	uint64_t delta, err_delta;	/* over the interval */
	uint64_t total, errors;	/* since its first such call */
};

struct tt_bio_disk {
	uint32_t dev;		/* kernel dev_t: major << 20 | minor */
	char name[32];		/* "vda", or "253:0" when unknown */
	struct hist interval[BIO_OP_MAX][BIO_PH_MAX];	/* last interval */
	struct hist total[BIO_OP_MAX][BIO_PH_MAX];	/* since start */
};

/* One process of the process tree (proc_tree.h), in tree order: each
 * after its parent, siblings by start time. */
#define TT_TREE_CMD_LEN 160
struct tt_tree_row {
	uint32_t pid, ppid;
	uint16_t depth;		/* 0: its parent is not in the tree */
	bool exited;
	bool forked;		/* seen forking (else first seen at an exec) */
	int32_t exit_code;	/* wait status, when exited */
	uint16_t execs;		/* successful execs seen */
	uint64_t start_ns, exit_ns;	/* CLOCK_MONOTONIC */
	char comm[TT_COMM_LEN + 1];	/* raw bytes: sanitise before display */
	char pcomm[TT_COMM_LEN + 1];	/* the parent's, at the fork or exec */
	char cmd[TT_TREE_CMD_LEN];	/* argv of its last exec, joined by blanks,
					 * raw; "" when it never exec'd */
};

/* Failed calls of one (call, path, errno, comm) (fail_table.c).
 * tt_fail_row.call of a failed open: any of the open syscalls. */
#define FAIL_CALL_OPEN 0xff

struct tt_fail_row {
	uint64_t id;		/* stable while the key is tracked */
	uint8_t call;		/* index in path_calls[], or FAIL_CALL_OPEN */
	const char *path;	/* borrowed from the table: raw bytes, path_len of them */
	size_t path_len;
	bool path_trunc;	/* the kernel cut the path */
	int err;		/* errno, positive */
	char comm[TT_COMM_LEN + 1];	/* raw bytes: sanitise before display */
	uint64_t count;		/* since start */
	uint64_t interval;	/* in the last interval */
	double rate;		/* per second over the last interval */
	uint64_t last_ns;	/* CLOCK_MONOTONIC of the latest */
	uint32_t pid, uid;	/* of the latest */
};

/* How full the event log was at the tick (what the writers print of
 * it): a replay prints the recorded figures, not its own log's. */
struct tt_log_fill {
	uint64_t events, capacity;	/* held, and at most (--events) */
	uint64_t text_used, text_bytes;	/* bytes of their strings, and at most */
	uint64_t dropped;		/* let go for newer ones, since start */
	uint64_t dropped_for_bytes;	/* ... of them because the text was full */
};

/* What tracetop itself costs (selfcost.c). */
struct tt_selfcost {
	bool stats_enabled;	/* BPF run-time statistics are on */
	double cpu_pct;		/* tracetop's own CPU, % of one core */
	double bpf_cpu_pct;	/* its BPF programs' run time, % of one core */
	uint64_t bpf_run_ns;	/* since start */
	uint64_t bpf_run_cnt;
	uint64_t bpf_runs_interval;
	unsigned n_progs;
	uint64_t map_bytes;	/* kernel memory of its maps */
	uint64_t rss_kb;
	uint64_t cpu_ns;	/* tracetop's own CPU (user + system) since start */
};

struct tt_profile_view;

#define TT_CAPTION_LEN 160

struct tt_snapshot {
	uint64_t seq;		/* tick number, 1 for the first */
	uint64_t mono_ns;	/* CLOCK_MONOTONIC at the tick */
	int64_t wall_s;		/* CLOCK_REALTIME seconds at the tick */
	int64_t wall_ms;	/* the same in milliseconds */
	double elapsed_s;	/* length of the interval just ended */
	char hostname[65];
	char kernel[65];	/* uname -r */

	struct tt_source_status src[TT_SRC_MAX];
	uint64_t events_interval;	/* exec + open events received this interval */
	uint64_t lost_interval;		/* all sources */
	uint64_t lost_total;

	struct tt_selfcost self;	/* set by the app each tick */
	bool privileges_dropped;	/* capabilities gone after attach */
	/* --demo: what the demo does now, one line ("" for none); set by
	 * the app each tick, recorded in a record of its own */
	char caption[TT_CAPTION_LEN];

	struct tt_vfs_view vfs;

	/* Since tracetop started, from the events received: execs that
	 * succeeded and exec calls that failed (the failed attempts of a
	 * PATH walk each count), and failed opens by errno. */
	uint64_t execs_ok, execs_failed;
	const uint64_t *open_errors_by_errno;	/* TT_ERRNO_MAX entries, as at the tick */

	struct tt_syscall_row *syscalls;	/* rows with calls, by rate then total */
	size_t n_syscalls;
	bool timable;			/* system calls can be timed (key L, --latency) */
	bool timed;			/* ... and are */
	const struct tt_syscall_errno *errnos;	/* by syscall id, then most first */
	size_t n_errnos;
	uint64_t errnos_lost;		/* failed calls no (syscall, errno) entry took */
	struct tt_proc_row *procs;	/* processes seen, by rate */
	size_t n_procs;
	uint64_t procs_bio_lost;	/* timed requests no process entry could take */
	uint64_t procs_execs_untracked;	/* execs not counted for their parent */
	const struct tt_proc_call *proc_calls;	/* every (process, syscall) of procs */
	size_t n_proc_calls;
	double proc_calls_dt;		/* their interval, seconds */
	const struct bio_proc_row *bio_procs;	/* processes' block I/O this interval */
	size_t n_bio_procs;
	struct tt_bio_disk *disks;	/* disks with I/O, by name */
	size_t n_disks;

	/* Failed opens by (path, errno, comm), in no particular order. */
	const struct tt_fail_row *fails;
	size_t n_fails;
	uint64_t fails_untracked;	/* failed calls the full table could not count */

	/* The process tree of recent forks and execs. */
	const struct tt_tree_row *tree;
	size_t n_tree;
	uint64_t tree_untracked;	/* processes the full tree could not hold */

	/* Events received during this interval: event log sequence numbers
	 * [ev_begin, ev_end). Some may already be overwritten. */
	uint64_t ev_begin, ev_end;
	struct tt_log_fill log_fill;	/* capacity 0: not known (read the log) */

	/* The on-CPU profile (profile.h); NULL when it is not sampled. */
	const struct tt_profile_view *profile;
};

const char *tt_source_name(enum tt_source s);	/* "exec", "open", "vfs", "bio", "syscalls" */
extern const char *const tt_vfs_op_names[VFS_OP_MAX];	/* "read", ... "fsync" */
extern const char *const tt_bio_op_names[BIO_OP_MAX];	/* "read", ... "other" */
extern const char *const tt_bio_phase_names[BIO_PH_MAX];	/* "device", "queue" */

/* A per-second rate of n over snapshot s's per-process calls' interval. */
static inline double tt_call_rate(const struct tt_snapshot *s, uint64_t n)
{
	return s->proc_calls_dt > 0 ? (double)n / s->proc_calls_dt : 0;
}

#endif
