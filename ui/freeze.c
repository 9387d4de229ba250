/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Deep copies for pause (see freeze.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "freeze.h"

static void *dup_array(const void *src, size_t n, size_t size, int *err)
{
	void *p;

	if (!n || !src)
		return NULL;
	p = malloc(n * size);
	if (!p) {
		*err = -ENOMEM;
		return NULL;
	}
	memcpy(p, src, n * size);
	return p;
}

/* The failing-opens rows point into the model's table, which forgets
 * keys at a tick: their paths move into one block of the copy. */
static int copy_fail_paths(struct frozen *f)
{
	struct tt_fail_row *rows = (struct tt_fail_row *)f->snap.fails;
	size_t total = 0, at = 0;

	for (size_t i = 0; i < f->snap.n_fails; i++)
		total += rows[i].path_len + 1;
	if (!total)
		return 0;
	f->fail_paths = malloc(total);
	if (!f->fail_paths)
		return -ENOMEM;
	for (size_t i = 0; i < f->snap.n_fails; i++) {
		memcpy(f->fail_paths + at, rows[i].path, rows[i].path_len);
		f->fail_paths[at + rows[i].path_len] = '\0';
		rows[i].path = f->fail_paths + at;
		at += rows[i].path_len + 1;
	}
	return 0;
}

static void free_copies(struct frozen *f)
{
	free(f->snap.syscalls);
	free(f->snap.procs);
	free((void *)f->snap.proc_calls);
	free((void *)f->snap.bio_procs);
	free(f->snap.disks);
	free((void *)f->snap.fails);
	free(f->fail_paths);
	memset(f, 0, sizeof(*f));
}

int frozen_take(struct frozen *f, const struct tt_snapshot *s, const struct event_log *log)
{
	int err = 0;

	frozen_release(f);
	memset(f, 0, sizeof(*f));
	if (s) {
		f->snap = *s;
		/* Syscall names point at static strings: copying the rows is
		 * a deep copy. Proc comms are arrays inside the rows. */
		f->snap.syscalls = dup_array(s->syscalls, s->n_syscalls, sizeof(*s->syscalls), &err);
		f->snap.procs = dup_array(s->procs, s->n_procs, sizeof(*s->procs), &err);
		f->snap.disks = dup_array(s->disks, s->n_disks, sizeof(*s->disks), &err);
		f->snap.proc_calls = dup_array(s->proc_calls, s->n_proc_calls,
					       sizeof(*s->proc_calls), &err);
		f->snap.bio_procs = dup_array(s->bio_procs, s->n_bio_procs, sizeof(*s->bio_procs),
					      &err);
		f->snap.fails = dup_array(s->fails, s->n_fails, sizeof(*s->fails), &err);
		if (!err)
			err = copy_fail_paths(f);
	}
	if (err) {
		free_copies(f);
		return err;
	}
	f->live_end = log ? event_log_end_seq(log) : 0;
	f->taken = true;
	return 0;
}

void frozen_release(struct frozen *f)
{
	if (f->taken)
		free_copies(f);
}
