/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the model (src/model.c): counters in, snapshot out. Ticks
 * are given explicit monotonic times so every rate has a known interval. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <cmocka.h>
#include "clock.h"
#include "model.h"
#include "partitions.h"
#include "proc_table.h"

#define SEC 1000000000ULL


static struct model *new_model(size_t log_capacity, const char *root)
{
	struct model_config cfg = { .log_capacity = log_capacity, .root = root };
	struct model *m = model_new(&cfg);

	assert_non_null(m);
	return m;
}

static void test_empty_and_host(void **state)
{
	struct model *m = new_model(16, TT_FIXTURES "/model");
	const struct tt_snapshot *s = model_snapshot(m);
	struct utsname u;

	(void)state;
	assert_int_equal(s->seq, 0);
	assert_int_equal(s->n_syscalls + s->n_procs + s->n_disks, 0);
	s = model_tick(m, clock_mono_ns() + SEC);
	assert_ptr_equal(s, model_snapshot(m));
	assert_int_equal(s->seq, 1);
	assert_int_equal(s->n_syscalls + s->n_procs + s->n_disks, 0);
	assert_int_equal(s->vfs.spark_len, 0);
	/* the first interval runs from model_new */
	assert_true(s->elapsed_s > 0.9 && s->elapsed_s < 60);
	assert_int_equal(uname(&u), 0);
	assert_string_equal(s->kernel, u.release);
	assert_string_equal(s->hostname, u.nodename);
	assert_true(s->wall_s > 1600000000);
	assert_int_equal(model_tick(m, clock_mono_ns() + 2 * SEC)->seq, 2);
	model_free(m);
	model_free(NULL);
}

static void test_elapsed(void **state)
{
	struct model *m = new_model(16, "");
	uint64_t t = clock_mono_ns() + SEC;
	const struct tt_snapshot *s;
	uint64_t v[VFS_OP_MAX] = { 10 };

	(void)state;
	model_tick(m, t);
	model_vfs_set(m, v, false);
	s = model_tick(m, t + 1500000000ULL);
	assert_float_equal(s->elapsed_s, 1.5, 1e-9);
	assert_int_equal(s->mono_ns, t + 1500000000ULL);
	/* time going backwards gives an empty interval, never a NaN */
	v[VFS_READ] = 20;
	model_vfs_set(m, v, false);
	s = model_tick(m, t);
	assert_true(s->elapsed_s == 0);
	assert_true(s->vfs.rate[VFS_READ] == 0);
	/* but the counts are not lost */
	assert_int_equal(s->vfs.total[VFS_READ], 20);
	model_free(m);
}

static void vfs_set(struct model *m, uint64_t rd, uint64_t wr, bool approx)
{
	uint64_t v[VFS_OP_MAX] = { [VFS_READ] = rd, [VFS_WRITE] = wr, [VFS_FSYNC] = 1 };

	model_vfs_set(m, v, approx);
}

static void test_vfs_rates(void **state)
{
	struct model *m = new_model(16, "");
	uint64_t t = clock_mono_ns() + SEC;
	const struct tt_snapshot *s;

	(void)state;
	vfs_set(m, 100, 40, true);
	s = model_tick(m, t);
	/* the maps start at 0 when loaded: the first sample counts */
	assert_int_equal(s->vfs.total[VFS_READ], 100);
	assert_true(s->vfs.rate[VFS_READ] > 0);
	assert_true(s->vfs.approximate);
	assert_int_equal(s->src[TT_SRC_VFS].events_total, 141);

	vfs_set(m, 300, 40, false);
	s = model_tick(m, t + 2 * SEC);
	assert_float_equal(s->vfs.rate[VFS_READ], 100.0, 1e-9);
	assert_float_equal(s->vfs.rate[VFS_WRITE], 0.0, 1e-9);
	assert_int_equal(s->vfs.total[VFS_READ], 300);
	assert_false(s->vfs.approximate);
	assert_int_equal(s->src[TT_SRC_VFS].events_interval, 200);

	/* a reset (map recreated): the new value is all new */
	vfs_set(m, 50, 40, false);
	s = model_tick(m, t + 4 * SEC);
	assert_float_equal(s->vfs.rate[VFS_READ], 25.0, 1e-9);
	assert_int_equal(s->vfs.total[VFS_READ], 350);

	/* an interval without a sample: no rate, and the next sample's
	 * delta is spread over both intervals */
	s = model_tick(m, t + 5 * SEC);
	assert_true(s->vfs.rate[VFS_READ] == 0);
	assert_int_equal(s->vfs.spark_len, 3);
	vfs_set(m, 250, 40, false);
	s = model_tick(m, t + 6 * SEC);
	assert_float_equal(s->vfs.rate[VFS_READ], 100.0, 1e-9);
	assert_int_equal(s->vfs.spark_len, 4);
	model_free(m);
}

static void test_sparkline(void **state)
{
	struct model *m = new_model(16, "");
	uint64_t t = clock_mono_ns() + SEC, total = 0;
	const struct tt_snapshot *s = NULL;
	unsigned i, n = TT_SPARK_LEN + 5;

	(void)state;
	/* the first rate would cover the time since model_new: leave it out */
	vfs_set(m, 0, 0, false);
	model_tick(m, t);
	/* tick i reads at i per second */
	for (i = 1; i <= n; i++) {
		total += i;
		vfs_set(m, total, 0, false);
		s = model_tick(m, t + i * SEC);
		if (i == 3) {
			assert_int_equal(s->vfs.spark_len, 4);
			assert_float_equal(s->vfs.spark[VFS_READ][0], 0.0, 1e-9);
			assert_float_equal(s->vfs.spark[VFS_READ][1], 1.0, 1e-9);
			assert_float_equal(s->vfs.spark[VFS_READ][3], 3.0, 1e-9);
		}
	}
	assert_int_equal(s->vfs.spark_len, TT_SPARK_LEN);
	/* oldest first: the priming sample and the next five scrolled out */
	assert_float_equal(s->vfs.spark[VFS_READ][0], 6.0, 1e-9);
	assert_float_equal(s->vfs.spark[VFS_READ][TT_SPARK_LEN - 1], (double)n, 1e-9);
	for (i = 1; i < TT_SPARK_LEN; i++)
		assert_true(s->vfs.spark[VFS_READ][i] > s->vfs.spark[VFS_READ][i - 1]);
	model_free(m);
}

static void test_syscall_rows(void **state)
{
	struct model *m = new_model(16, "");
	uint64_t t = clock_mono_ns() + SEC;
	const struct tt_snapshot *s;
	const char *name400;

	(void)state;
	model_syscall_set(m, SYS_read, 100, 0);	/* read */
	model_syscall_set(m, SYS_openat, 500, 20);	/* openat */
	model_syscall_set(m, 400, 10, 3);	/* a hole in the table */
	model_syscall_set(m, SYSCALL_ID_MAX - 1, 1, 0);	/* the overflow slot */
	model_syscall_set(m, SYS_close, 0, 0);	/* never called: no row */
	s = model_tick(m, t);
	assert_int_equal(s->n_syscalls, 4);

	model_syscall_set(m, SYS_read, 400, 0);
	model_syscall_set(m, SYS_openat, 550, 30);
	model_syscall_set(m, 400, 10, 3);
	model_syscall_set(m, SYS_write, 50, 50);	/* write: same rate as openat */
	s = model_tick(m, t + SEC);
	assert_int_equal(s->n_syscalls, 5);
	/* by rate, then by total */
	assert_int_equal(s->syscalls[0].id, SYS_read);
	assert_string_equal(s->syscalls[0].name, "read");
	assert_float_equal(s->syscalls[0].rate, 300.0, 1e-9);
	assert_int_equal(s->syscalls[0].total, 400);
	assert_int_equal(s->syscalls[1].id, SYS_openat);
	assert_string_equal(s->syscalls[1].name, "openat");
	assert_float_equal(s->syscalls[1].rate, 50.0, 1e-9);
	assert_float_equal(s->syscalls[1].err_rate, 10.0, 1e-9);
	assert_int_equal(s->syscalls[1].errors, 30);
	assert_int_equal(s->syscalls[2].id, SYS_write);
	assert_string_equal(s->syscalls[2].name, "write");
	assert_float_equal(s->syscalls[2].err_rate, 50.0, 1e-9);
	assert_int_equal(s->syscalls[3].id, 400);
	assert_string_equal(s->syscalls[3].name, "syscall_400");
	assert_int_equal(s->syscalls[4].id, SYSCALL_ID_MAX - 1);
	assert_string_equal(s->syscalls[4].name, "syscall_511+");
	assert_int_equal(s->src[TT_SRC_SYSCALL].events_total, 400 + 550 + 10 + 1 + 50);
	assert_int_equal(s->src[TT_SRC_SYSCALL].events_interval, 300 + 50 + 50);

	/* names stay valid and unchanged across ticks */
	name400 = s->syscalls[3].name;
	model_syscall_set(m, 400, 12, 3);
	s = model_tick(m, t + 2 * SEC);
	assert_string_equal(name400, "syscall_400");
	/* a reset counter: the new value is counted, the total keeps growing */
	model_syscall_set(m, SYS_read, 30, 0);
	s = model_tick(m, t + 3 * SEC);
	assert_int_equal(s->syscalls[0].id, SYS_read);
	assert_float_equal(s->syscalls[0].rate, 30.0, 1e-9);
	assert_int_equal(s->syscalls[0].total, 430);
	model_free(m);
}

static const struct tt_proc_row *find_proc(const struct tt_snapshot *s, uint32_t pid)
{
	size_t i;

	for (i = 0; i < s->n_procs; i++)
		if (s->procs[i].pid == pid)
			return &s->procs[i];
	return NULL;
}

static void test_procs(void **state)
{
	struct model *m = new_model(16, "");
	uint64_t t = clock_mono_ns() + SEC;
	const struct tt_snapshot *s;
	const struct tt_proc_row *p;

	(void)state;
	model_procs_begin(m);
	model_procs_add(m, 100, 0, 10, 0);
	model_procs_add(m, 100, 1, 5, 0);
	model_procs_info(m, 100, "cat", false, 0, 0);
	model_procs_add(m, 200, 257, 50, 5);
	model_procs_info(m, 200, "find", false, 0, 0);
	model_procs_add(m, 300, 3, 7, 0);
	model_procs_add(m, 300, 4, 9, 0);
	model_procs_info(m, 300, "idle", false, 0, 0);
	s = model_tick(m, t);
	assert_int_equal(s->n_procs, 3);
	p = find_proc(s, 100);
	assert_non_null(p);
	assert_int_equal(p->total, 15);
	assert_string_equal(p->comm, "cat");

	model_procs_begin(m);
	model_procs_add(m, 100, 0, 40, 0);
	model_procs_add(m, 100, 1, 105, 2);
	model_procs_info(m, 100, "cat", false, 0, 0);
	model_procs_add(m, 200, 257, 60, 7);
	model_procs_info(m, 200, "find", false, 0, 0);
	model_procs_add(m, 300, 3, 7, 0);
	model_procs_add(m, 300, 4, 9, 0);
	model_procs_info(m, 300, "idle", false, 0, 0);
	s = model_tick(m, t + 2 * SEC);
	assert_int_equal(s->n_procs, 3);
	/* by rate */
	assert_int_equal(s->procs[0].pid, 100);
	assert_int_equal(s->procs[1].pid, 200);
	assert_int_equal(s->procs[2].pid, 300);
	p = &s->procs[0];
	assert_float_equal(p->rate, 65.0, 1e-9);	/* (30 + 100) / 2 s */
	assert_float_equal(p->err_rate, 1.0, 1e-9);
	assert_int_equal(p->total, 145);
	assert_int_equal(p->top_id, 1);
	assert_float_equal(p->top_rate, 50.0, 1e-9);
	p = &s->procs[1];
	assert_float_equal(p->rate, 5.0, 1e-9);
	assert_float_equal(p->err_rate, 1.0, 1e-9);
	assert_int_equal(p->total, 60);
	assert_string_equal(p->comm, "find");
	/* idle this interval: the top syscall is the busiest overall */
	p = &s->procs[2];
	assert_true(p->rate == 0);
	assert_int_equal(p->top_id, 4);
	assert_false(p->exited);

	/* 100 left the kernel map: forgotten; 200's entry was reset */
	model_procs_begin(m);
	model_procs_add(m, 200, 257, 4, 0);
	model_procs_info(m, 200, "find", false, 0, 0);
	s = model_tick(m, t + 3 * SEC);
	assert_int_equal(s->n_procs, 1);
	assert_null(find_proc(s, 100));
	p = find_proc(s, 200);
	assert_float_equal(p->rate, 4.0, 1e-9);
	assert_int_equal(p->total, 64);
	assert_false(p->exited);

	/* 200 exited: its row says so */
	model_procs_begin(m);
	model_procs_add(m, 200, 257, 4, 0);
	model_procs_info(m, 200, "find", true, 0, 0);
	s = model_tick(m, t + 3 * SEC + SEC / 2);
	p = find_proc(s, 200);
	assert_true(p->exited);
	assert_int_equal(p->total, 64);

	/* no read at all this interval: rows stay, rates drop to 0 */
	s = model_tick(m, t + 4 * SEC);
	assert_int_equal(s->n_procs, 1);
	assert_true(s->procs[0].rate == 0);
	assert_int_equal(s->procs[0].total, 64);
	model_free(m);
}

static void test_procs_comm_untrusted(void **state)
{
	struct model *m = new_model(16, "");
	char comm[TT_COMM_LEN];
	const struct tt_snapshot *s;

	(void)state;
	/* a comm that fills the field without a NUL */
	memset(comm, 'A', sizeof(comm));
	model_procs_begin(m);
	model_procs_add(m, 9, 0, 1, 0);
	model_procs_info(m, 9, comm, false, 0, 0);
	s = model_tick(m, clock_mono_ns() + SEC);
	assert_int_equal(s->n_procs, 1);
	assert_int_equal(strlen(s->procs[0].comm), TT_COMM_LEN);
	model_free(m);
}

/* Idle processes name their busiest syscall overall, wherever it sits
 * in the table. Several processes with the largest count in different
 * places, so the answer cannot come from the table's order. */
static void test_procs_idle_top(void **state)
{
	static const uint64_t counts[3] = { 9, 3, 7 };
	struct model *m = new_model(16, "");
	uint64_t t = clock_mono_ns() + SEC;
	const struct tt_snapshot *s;
	unsigned round, pid, k;

	(void)state;
	for (round = 0; round < 2; round++) {
		model_procs_begin(m);
		for (pid = 0; pid < 6; pid++)
			for (k = 0; k < 3; k++)
				model_procs_add(m, 1000 + pid, 10 + k, counts[(k + pid) % 3], 0);
		s = model_tick(m, t + round * SEC);
	}
	assert_int_equal(s->n_procs, 6);
	for (k = 0; k < s->n_procs; k++) {
		pid = s->procs[k].pid - 1000;
		assert_true(s->procs[k].rate == 0);
		/* counts[(j + pid) % 3] == 9 when j == (3 - pid % 3) % 3 */
		assert_int_equal(s->procs[k].top_id, 10 + (3 - pid % 3) % 3);
	}
	model_free(m);
}

/* Two reads of the kernel map in one interval: both deltas count. */
static void test_procs_two_reads(void **state)
{
	struct model *m = new_model(16, "");
	uint64_t t = clock_mono_ns() + SEC;
	const struct tt_snapshot *s;

	(void)state;
	model_procs_begin(m);
	model_procs_add(m, 5, 0, 10, 1);
	model_procs_info(m, 5, "a", false, 0, 0);
	model_procs_begin(m);
	model_procs_add(m, 5, 0, 30, 4);
	model_procs_info(m, 5, "a", false, 0, 0);
	model_tick(m, t);
	model_procs_begin(m);
	model_procs_add(m, 5, 0, 40, 4);
	model_procs_info(m, 5, "a", false, 0, 0);
	model_procs_begin(m);
	model_procs_add(m, 5, 0, 70, 6);
	model_procs_info(m, 5, "a", false, 0, 0);
	s = model_tick(m, t + SEC);
	assert_int_equal(s->n_procs, 1);
	assert_float_equal(s->procs[0].rate, 40.0, 1e-9);
	assert_float_equal(s->procs[0].err_rate, 2.0, 1e-9);
	assert_int_equal(s->procs[0].total, 70);
	model_free(m);
}

static void test_proc_table_bounded(void **state)
{
	struct proc_table *t = proc_table_new(4, 4);
	const struct proc_stat *ps;
	size_t n;
	unsigned i;

	(void)state;
	assert_null(proc_table_new(0, 0));
	assert_non_null(t);
	proc_table_begin(t);
	for (i = 0; i < 4; i++)
		assert_int_equal(proc_table_add(t, 1 + i % 2, i, 10, 0), 0);
	assert_int_equal(proc_table_add(t, 3, 0, 10, 0), -ENOSPC);
	/* updating an entry already held is not a new one */
	assert_int_equal(proc_table_add(t, 1, 0, 12, 0), 0);
	ps = proc_table_end(t, &n);
	assert_int_equal(n, 2);
	assert_int_equal(ps[0].total + ps[1].total, 42);
	assert_string_equal(ps[0].comm, "");
	/* the next read starts empty: room again */
	proc_table_begin(t);
	assert_int_equal(proc_table_add(t, 3, 0, 10, 0), 0);
	assert_int_equal(proc_table_info(t, 3, "x", false, 0, 0), 0);
	ps = proc_table_end(t, &n);
	assert_int_equal(n, 1);
	assert_int_equal(ps[0].tgid, 3);
	assert_string_equal(ps[0].comm, "x");
	proc_table_free(t);
	proc_table_free(NULL);
}

static void bio_set(struct model *m, uint32_t dev, unsigned op, unsigned ph, unsigned slot,
		    uint64_t n)
{
	uint64_t slots[BIO_HIST_SLOTS] = { 0 };

	slots[slot] = n;
	model_bio_set(m, dev, op, ph, slots, BIO_HIST_SLOTS, n * 10);
}

static const struct tt_bio_disk *find_disk(const struct tt_snapshot *s, const char *name)
{
	size_t i;

	for (i = 0; i < s->n_disks; i++)
		if (!strcmp(s->disks[i].name, name))
			return &s->disks[i];
	return NULL;
}

static void test_bio(void **state)
{
	struct model *m = new_model(16, TT_FIXTURES "/model");
	uint32_t sdb = tt_mkdev(8, 0), nvme = tt_mkdev(259, 0), unk = tt_mkdev(253, 7);
	uint64_t t = clock_mono_ns() + SEC;
	const struct tt_snapshot *s;
	const struct tt_bio_disk *d;

	(void)state;
	bio_set(m, sdb, BIO_OP_READ, BIO_PH_DEVICE, 3, 5);
	bio_set(m, nvme, BIO_OP_WRITE, BIO_PH_QUEUE, 1, 2);
	bio_set(m, unk, BIO_OP_FLUSH, BIO_PH_DEVICE, 0, 1);
	bio_set(m, tt_mkdev(8, 16), BIO_OP_READ, BIO_PH_DEVICE, 0, 0);	/* no I/O yet */
	bio_set(m, sdb, BIO_OP_MAX, BIO_PH_DEVICE, 0, 99);	/* out of range: ignored */
	s = model_tick(m, t);
	/* sorted by name; unknown devices as MAJ:MIN; idle disks left out */
	assert_int_equal(s->n_disks, 3);
	assert_string_equal(s->disks[0].name, "253:7");
	assert_string_equal(s->disks[1].name, "nvme0n1");
	assert_string_equal(s->disks[2].name, "sdb");
	assert_int_equal(s->disks[2].dev, sdb);
	d = find_disk(s, "sdb");
	assert_int_equal(d->interval[BIO_OP_READ][BIO_PH_DEVICE].slots[3], 5);
	assert_int_equal(d->total[BIO_OP_READ][BIO_PH_DEVICE].slots[3], 5);
	assert_int_equal(d->total[BIO_OP_READ][BIO_PH_DEVICE].count, 5);
	assert_int_equal(d->total[BIO_OP_WRITE][BIO_PH_DEVICE].count, 0);
	assert_int_equal(s->src[TT_SRC_BIO].events_total, 6);	/* device phase only */

	bio_set(m, sdb, BIO_OP_READ, BIO_PH_DEVICE, 3, 8);
	s = model_tick(m, t + SEC);
	d = find_disk(s, "sdb");
	assert_int_equal(d->interval[BIO_OP_READ][BIO_PH_DEVICE].slots[3], 3);
	assert_int_equal(d->interval[BIO_OP_READ][BIO_PH_DEVICE].count, 3);
	assert_int_equal(d->interval[BIO_OP_READ][BIO_PH_DEVICE].sum, 30);
	assert_int_equal(d->total[BIO_OP_READ][BIO_PH_DEVICE].slots[3], 8);
	/* the other disks were quiet this interval but keep their totals */
	d = find_disk(s, "nvme0n1");
	assert_int_equal(d->interval[BIO_OP_WRITE][BIO_PH_QUEUE].count, 0);
	assert_int_equal(d->total[BIO_OP_WRITE][BIO_PH_QUEUE].slots[1], 2);

	/* a reset: slot 3 went down to 1, which is one new I/O */
	bio_set(m, sdb, BIO_OP_READ, BIO_PH_DEVICE, 3, 1);
	s = model_tick(m, t + 2 * SEC);
	d = find_disk(s, "sdb");
	assert_int_equal(d->interval[BIO_OP_READ][BIO_PH_DEVICE].slots[3], 1);
	assert_int_equal(d->total[BIO_OP_READ][BIO_PH_DEVICE].slots[3], 9);
	model_free(m);
}

/* A disk that appears after start is named from a fresh read of the
 * partition table. */
static void test_bio_reload_names(void **state)
{
	char root[] = "/tmp/tt-model-XXXXXX", path[256];
	uint64_t t = clock_mono_ns() + SEC;
	const struct tt_snapshot *s;
	struct model *m;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(root));
	snprintf(path, sizeof(path), "%s/proc", root);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/proc/partitions", root);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "major minor  #blocks  name\n\n   8  0  100 sda\n");
	fclose(f);

	m = new_model(16, root);
	bio_set(m, tt_mkdev(8, 0), BIO_OP_READ, BIO_PH_DEVICE, 2, 1);
	s = model_tick(m, t);
	assert_string_equal(s->disks[0].name, "sda");

	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "major minor  #blocks  name\n\n   8  0  100 sda\n 8 16 100 sdb\n");
	fclose(f);
	bio_set(m, tt_mkdev(8, 16), BIO_OP_READ, BIO_PH_DEVICE, 2, 1);
	s = model_tick(m, t + SEC);
	assert_int_equal(s->n_disks, 2);
	assert_string_equal(s->disks[1].name, "sdb");
	model_free(m);

	unlink(path);
	snprintf(path, sizeof(path), "%s/proc", root);
	rmdir(path);
	rmdir(root);
}

static struct tt_event make_event(enum tt_event_type type, uint32_t pid, const char *path)
{
	struct tt_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.type = type;
	ev.pid = pid;
	ev.path = path;
	ev.path_len = strlen(path);
	return ev;
}

static void test_events(void **state)
{
	struct model *m = new_model(4, "");
	struct tt_event ex = make_event(TT_EVENT_EXEC, 1, "/bin/true");
	struct tt_event op = make_event(TT_EVENT_OPEN, 2, "/etc/hosts");
	uint64_t t = clock_mono_ns() + SEC;
	const struct tt_snapshot *s;

	(void)state;
	assert_int_equal(model_event(m, &ex), 0);
	assert_int_equal(model_event(m, &op), 0);
	assert_int_equal(model_event(m, &op), 0);
	model_source(m, TT_SRC_OPEN)->lost_total = 4;
	s = model_tick(m, t);
	assert_int_equal(s->ev_begin, 0);
	assert_int_equal(s->ev_end, 3);
	assert_int_equal(s->src[TT_SRC_EXEC].events_total, 1);
	assert_int_equal(s->src[TT_SRC_OPEN].events_total, 2);
	assert_int_equal(s->events_interval, 3);
	assert_int_equal(s->lost_interval, 4);
	assert_int_equal(s->lost_total, 4);
	assert_string_equal(event_log_get(model_log(m), 1)->path, "/etc/hosts");

	/* nothing this interval: an empty range at the end */
	s = model_tick(m, t + SEC);
	assert_int_equal(s->ev_begin, 3);
	assert_int_equal(s->ev_end, 3);
	assert_int_equal(s->events_interval, 0);
	assert_int_equal(s->lost_interval, 0);
	assert_int_equal(s->lost_total, 4);

	/* more events than the log holds: the range still says what came */
	for (int i = 0; i < 6; i++)
		assert_int_equal(model_event(m, &ex), 0);
	model_source(m, TT_SRC_OPEN)->lost_total = 10;
	model_source(m, TT_SRC_EXEC)->lost_total = 1;
	s = model_tick(m, t + 2 * SEC);
	assert_int_equal(s->ev_begin, 3);
	assert_int_equal(s->ev_end, 9);
	assert_int_equal(s->src[TT_SRC_EXEC].events_interval, 6);
	assert_int_equal(s->src[TT_SRC_OPEN].events_interval, 0);
	assert_int_equal(s->src[TT_SRC_OPEN].lost_interval, 6);
	assert_int_equal(s->lost_interval, 7);
	assert_int_equal(s->lost_total, 11);
	assert_int_equal(event_log_first_seq(model_log(m)), 5);
	assert_null(event_log_get(model_log(m), s->ev_begin));
	model_free(m);
}

static void test_source_status(void **state)
{
	struct model *m = new_model(0, NULL);	/* 0: the default log size */
	struct tt_source_status *st = model_source(m, TT_SRC_BIO);
	const struct tt_snapshot *s;

	(void)state;
	assert_non_null(st);
	assert_null(model_source(m, TT_SRC_MAX));
	st->state = TT_STATE_FAILED;
	snprintf(st->error, sizeof(st->error), "tp_btf: EPERM; raw_tp: EPERM");
	s = model_tick(m, clock_mono_ns() + SEC);
	assert_int_equal(s->src[TT_SRC_BIO].state, TT_STATE_FAILED);
	assert_string_equal(s->src[TT_SRC_BIO].error, "tp_btf: EPERM; raw_tp: EPERM");
	assert_int_equal(model_log(m)->capacity, 100000);
	model_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty_and_host),
		cmocka_unit_test(test_elapsed),
		cmocka_unit_test(test_vfs_rates),
		cmocka_unit_test(test_sparkline),
		cmocka_unit_test(test_syscall_rows),
		cmocka_unit_test(test_procs),
		cmocka_unit_test(test_procs_comm_untrusted),
		cmocka_unit_test(test_procs_idle_top),
		cmocka_unit_test(test_procs_two_reads),
		cmocka_unit_test(test_proc_table_bounded),
		cmocka_unit_test(test_bio),
		cmocka_unit_test(test_bio_reload_names),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_source_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
