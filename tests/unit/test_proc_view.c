/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the processes table (issue 13): src/core/proc_view.c,
 * bio_procs.c and syscall_class.c. A process's syscalls split into
 * reads, writes, opens (creat included), failed opens and fsyncs; its
 * block I/O requests come from the per-process histograms, diffed and
 * reset-safe; a process known to the block layer only has a row while it
 * has requests; execs are credited to the parent and add up over ticks;
 * folding by name sums rates, counts the processes, keeps the highest
 * p95 and the busiest member's top syscall. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <cmocka.h>
#include "bio_procs.h"
#include "cgroup.h"
#include "proc_table.h"
#include "proc_view.h"
#include "syscall_class.h"

static void test_classes(void **state)
{
	(void)state;
	assert_int_equal(syscall_vfs_op(SYS_read), VFS_READ);
	assert_int_equal(syscall_vfs_op(SYS_pwritev), VFS_WRITE);
	assert_int_equal(syscall_vfs_op(SYS_openat), VFS_OPEN);
#ifdef SYS_creat	/* not on arm64 */
	assert_int_equal(syscall_vfs_op(SYS_creat), VFS_OPEN);	/* a create opens */
#endif
	assert_int_equal(syscall_vfs_op(SYS_fdatasync), VFS_FSYNC);
	assert_int_equal(syscall_vfs_op(SYS_getppid), -1);
	assert_int_equal(syscall_vfs_op(100000), -1);
	assert_true(syscall_is_exec(SYS_execveat));
	assert_false(syscall_is_exec(SYS_clone));
#ifdef SYS_fork	/* not on arm64 */
	assert_false(syscall_is_exec(SYS_fork));
#endif
}

static const struct tt_proc_row *find(const struct tt_proc_row *rows, size_t n, uint32_t pid)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].pid == pid)
			return &rows[i];
	return NULL;
}

static void slots_of(uint64_t *slots, unsigned slot, uint64_t count)
{
	memset(slots, 0, HIST_SLOTS * sizeof(*slots));
	slots[slot] = count;
}

static void test_rows(void **state)
{
	struct proc_table *pt = proc_table_new(64, 64);
	struct bio_procs *bp = bio_procs_new(16);
	struct proc_view *v = proc_view_new("/nonexistent-root");
	struct tt_proc_row *rows = NULL;
	const struct tt_proc_row *r;
	struct proc_view_in in = { .dt = 2, .bio_dt = 2, .ev_dt = 2 };
	uint64_t slots[HIST_SLOTS];
	size_t cap = 0, n;

	(void)state;
	assert_non_null(pt);
	assert_non_null(bp);
	assert_non_null(v);
	in.table = pt;
	/* tick 1: the baseline */
	proc_table_begin(pt);
	proc_table_info(pt, 10, "logger", false, 0, 0);
	proc_table_add(pt, 10, SYS_write, 100, 0);
	proc_table_add(pt, 10, SYS_openat, 10, 2);
	bio_procs_begin(bp);
	slots_of(slots, 5, 40);
	bio_procs_add(bp, 10, "logger", slots, HIST_SLOTS, 40 * 40, 1);
	in.ps = proc_table_end(pt, &in.n_ps);
	in.bio = bio_procs_end(bp, &in.n_bio);
	n = proc_view_build(v, &in, &rows, &cap);
	/* tick 2: 20 writes, 8 reads, 6 opens of which 4 fail, 2 fsyncs,
	 * 10 block requests; a flusher with 4 requests of its own; logger
	 * started 3 execs */
	proc_table_begin(pt);
	proc_table_info(pt, 10, "logger", false, 0, 0);
	proc_table_add(pt, 10, SYS_write, 120, 0);
	proc_table_add(pt, 10, SYS_read, 8, 0);
	proc_table_add(pt, 10, SYS_openat, 16, 6);
	proc_table_add(pt, 10, SYS_fsync, 2, 0);
	in.ps = proc_table_end(pt, &in.n_ps);
	bio_procs_begin(bp);
	slots_of(slots, 5, 50);
	bio_procs_add(bp, 10, "logger", slots, HIST_SLOTS, 50 * 40, 1);
	slots_of(slots, 9, 4);
	bio_procs_add(bp, 77, "kworker/u4:1", slots, HIST_SLOTS, 4 * 600, 1);
	in.bio = bio_procs_end(bp, &in.n_bio);
	for (int i = 0; i < 3; i++)
		proc_view_exec(v, 10);
	proc_view_exec(v, 999);	/* a parent with no row: nobody gets it */
	n = proc_view_build(v, &in, &rows, &cap);
	assert_int_equal(n, 2);
	r = find(rows, n, 10);
	assert_non_null(r);
	assert_true(r->counted);
	assert_true(r->op_rate[VFS_WRITE] == 10.0);
	assert_true(r->op_rate[VFS_READ] == 4.0);
	assert_true(r->op_rate[VFS_OPEN] == 3.0);
	assert_true(r->open_err_rate == 2.0);
	assert_true(r->op_rate[VFS_FSYNC] == 1.0);
	/* totals since the entries were made: the kernel's map starts empty
	 * when tracetop loads it */
	assert_int_equal(r->op_total[VFS_WRITE], 120);
	assert_int_equal(r->open_errors, 6);
	assert_true(r->bio_rate == 5.0);
	assert_int_equal(r->bio_total, 50);
	assert_true(r->bio_p95_us >= 32 && r->bio_p95_us < 64);
	assert_true(r->exec_rate == 1.5);
	assert_int_equal(r->execs, 3);
	r = find(rows, n, 77);
	assert_non_null(r);
	assert_false(r->counted);
	assert_true(r->bio_rate == 2.0);
	assert_string_equal(r->comm, "kworker/u4:1");
	/* tick 3: the flusher idle (its LRU entry still there): no row; the
	 * logger's entry evicted and made again with 3 requests: a reset,
	 * counted as 3; one more exec, 4 in all */
	proc_table_begin(pt);
	proc_table_info(pt, 10, "logger", false, 0, 0);
	proc_table_add(pt, 10, SYS_write, 120, 0);
	in.ps = proc_table_end(pt, &in.n_ps);
	bio_procs_begin(bp);
	slots_of(slots, 5, 3);
	bio_procs_add(bp, 10, "logger", slots, HIST_SLOTS, 3 * 40, 2);
	slots_of(slots, 9, 4);
	bio_procs_add(bp, 77, "kworker/u4:1", slots, HIST_SLOTS, 4 * 600, 1);
	in.bio = bio_procs_end(bp, &in.n_bio);
	proc_view_exec(v, 10);
	n = proc_view_build(v, &in, &rows, &cap);
	assert_int_equal(n, 1);
	r = find(rows, n, 10);
	assert_int_equal(r->bio_total, 53);
	assert_true(r->bio_rate == 1.5);
	assert_int_equal(r->execs, 4);
	assert_null(find(rows, n, 77));
	free(rows);
	proc_view_free(v);
	bio_procs_free(bp);
	proc_table_free(pt);
}

static void test_ids(void **state)
{
	struct proc_table *pt = proc_table_new(16, 16);
	struct proc_view *v = proc_view_new("/nonexistent-root");
	struct tt_proc_row *rows = NULL;
	struct proc_view_in in = { .dt = 1, .ev_dt = 1 };
	size_t cap = 0, n;

	(void)state;
	in.table = pt;
	/* exited: the kernel's exit hook said who it was */
	proc_table_begin(pt);
	proc_table_info(pt, 5, "short", true, 0, 0);
	proc_table_ids(pt, 5, 4, 1000);
	proc_table_add(pt, 5, SYS_getppid, 3, 0);
	in.ps = proc_table_end(pt, &in.n_ps);
	n = proc_view_build(v, &in, &rows, &cap);
	assert_int_equal(n, 1);
	assert_true(rows[0].ppid_known && rows[0].uid_known);
	assert_int_equal(rows[0].ppid, 4);
	assert_int_equal(rows[0].uid, 1000);
	assert_true(rows[0].exited);
	free(rows);
	proc_view_free(v);
	proc_table_free(pt);
}

static struct tt_proc_row row(uint32_t pid, const char *comm, double rate, double p95,
			      bool exited)
{
	struct tt_proc_row r;

	memset(&r, 0, sizeof(r));
	r.pid = pid;
	r.nprocs = 1;
	r.counted = true;
	snprintf(r.comm, sizeof(r.comm), "%s", comm);
	r.rate = rate;
	r.top_rate = rate;
	r.top_id = pid;		/* stands for its busiest syscall */
	r.bio_p95_us = p95;
	r.bio_total = 2;
	r.exited = exited;
	return r;
}

static void test_fold(void **state)
{
	struct tt_proc_row in[] = {
		row(1, "sleep", 1, 0, true), row(2, "nginx", 100, 800, false),
		row(3, "sleep", 2, 0, true), row(4, "nginx", 300, 200, false),
		row(5, "sleep", 3, 0, false),
	};
	struct tt_proc_row out[5];
	size_t n;

	(void)state;
	n = proc_view_fold(in, 5, PROC_FOLD_COMM, out);
	assert_int_equal(n, 2);
	/* by rate: nginx first */
	assert_string_equal(out[0].comm, "nginx");
	assert_int_equal(out[0].nprocs, 2);
	assert_true(out[0].rate == 400);
	assert_true(out[0].bio_p95_us == 800);	/* the highest */
	assert_int_equal(out[0].bio_total, 4);
	assert_int_equal(out[0].top_id, 4);	/* the busier member's */
	assert_false(out[0].exited);
	assert_false(out[0].ppid_known);
	assert_string_equal(out[1].comm, "sleep");
	assert_int_equal(out[1].nprocs, 3);
	assert_true(out[1].rate == 6);
	assert_false(out[1].exited);		/* one of them lives */
	/* the key stays the same from frame to frame */
	{
		struct tt_proc_row again[5];

		proc_view_fold(in + 1, 4, PROC_FOLD_COMM, again);
		assert_int_equal(again[1].pid, out[1].pid);
	}
}

/* By container: one row per container, named by its busiest process. */
static void test_fold_container(void **state)
{
	struct tt_proc_row in[] = {
		row(1, "sleep", 1, 0, true), row(2, "nginx", 100, 800, false),
		row(3, "sleep", 4, 0, true), row(4, "worker", 300, 200, false),
		row(5, "bash", 3, 0, false),
	};
	struct tt_proc_row out[5];
	size_t n;

	(void)state;
	snprintf(in[0].container, sizeof(in[0].container), "cron.service");
	snprintf(in[1].container, sizeof(in[1].container), "docker:3f2a");
	snprintf(in[2].container, sizeof(in[2].container), "cron.service");
	snprintf(in[3].container, sizeof(in[3].container), "docker:3f2a");
	snprintf(in[4].container, sizeof(in[4].container), "-");
	n = proc_view_fold(in, 5, PROC_FOLD_CONTAINER, out);
	assert_int_equal(n, 3);
	assert_string_equal(out[0].container, "docker:3f2a");
	assert_string_equal(out[0].comm, "worker");	/* the busiest */
	assert_int_equal(out[0].nprocs, 2);
	assert_true(out[0].rate == 400);
	assert_string_equal(out[1].container, "cron.service");
	assert_int_equal(out[1].nprocs, 2);
	assert_true(out[1].exited);			/* both gone */
	assert_string_equal(out[2].container, "-");
	assert_int_equal(out[2].nprocs, 1);
}

static void name_is(const char *path, const char *want)
{
	char out[32];

	cgroup_short_name(path, out, sizeof(out));
	assert_string_equal(out, want);
}

static void test_container_names(void **state)
{
	(void)state;
	name_is("/", "-");
	name_is("/system.slice/nginx.service", "nginx.service");
	name_is("/user.slice/user-1000.slice/session-3.scope", "session-3.scope");
	name_is("/system.slice/docker-3f2a9c0d1e2b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d0c1b2a3f4e5d6c7b8a9f.scope",
		"docker:3f2a9c0d1e2b");
	name_is("/machine.slice/libpod-0123456789abcdef0123.scope", "podman:0123456789ab");
	name_is("/kubepods.slice/kubepods-pod1.slice/cri-containerd-abcdefabcdef12.scope",
		"containerd:abcdefabcdef");
	name_is("/docker/0123456789abcdef0123456789abcdef", "docker:0123456789ab");
	name_is("/tt-test-1a2b3c", "tt-test-1a2b3c");
	/* not a container id: too short, or not hex */
	name_is("/system.slice/docker-xyz.scope", "docker-xyz.scope");
	name_is("/docker/notanid", "notanid");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classes),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_fold_container),
		cmocka_unit_test(test_container_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
