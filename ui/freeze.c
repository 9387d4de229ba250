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
	}
	if (!err && log) {
		uint64_t end = event_log_end_seq(log), first = event_log_first_seq(log);

		if (end - first > FREEZE_EVENTS)
			first = end - FREEZE_EVENTS;
		f->live_base = first;
		f->live_end = end;
		err = event_log_init(&f->log, end - first ? (size_t)(end - first) : 1);
		if (!err) {
			for (uint64_t seq = first; seq < end && !err; seq++) {
				const struct tt_event *ev = event_log_get(log, seq);

				if (ev)
					err = event_log_push(&f->log, ev);
			}
			if (err)
				event_log_fini(&f->log);
		}
	} else if (!err) {
		err = event_log_init(&f->log, 1);
	}
	if (err) {
		free(f->snap.syscalls);
		free(f->snap.procs);
		free(f->snap.disks);
		memset(f, 0, sizeof(*f));
		return err;
	}
	f->taken = true;
	return 0;
}

void frozen_release(struct frozen *f)
{
	if (!f->taken)
		return;
	free(f->snap.syscalls);
	free(f->snap.procs);
	free(f->snap.disks);
	event_log_fini(&f->log);
	memset(f, 0, sizeof(*f));
}
