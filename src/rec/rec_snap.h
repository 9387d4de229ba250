/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A recording's tick record: the events an interval added to the event
 * log and the snapshot that ended it, every field a pane or a writer can
 * show (doc/recording.md). Encoded and decoded by one visitor per type
 * (rec_codec.h), so the two directions cannot disagree. */
#ifndef TRACETOP_REC_SNAP_H
#define TRACETOP_REC_SNAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "event.h"
#include "event_log.h"
#include "rec_codec.h"
#include "snapshot.h"

/* A snapshot decoded from a recording, with the arrays it points into
 * (reused from one decode to the next). */
struct rec_snap {
	struct tt_snapshot s;
	uint64_t open_errs[TT_ERRNO_MAX];
	struct tt_syscall_row *syscalls;
	struct hist *lat_totals;	/* the rows' lat_total, when they have one */
	char (*names)[48];		/* the rows' names, as recorded */
	size_t cap_syscalls;
	struct tt_syscall_errno *errnos;
	size_t cap_errnos;
	struct tt_proc_row *procs;
	size_t cap_procs;
	struct tt_proc_call *calls;
	size_t cap_calls;
	struct bio_proc_row *bio_procs;
	size_t cap_bio_procs;
	struct tt_bio_disk *disks;
	size_t cap_disks;
	struct tt_fail_row *fails;
	size_t cap_fails;
	struct tt_tree_row *tree;
	size_t cap_tree;
	struct rec_buf paths;		/* the failing calls' paths */
};

void rec_snap_fini(struct rec_snap *rs);

/* Appends the tick record of snap and of the events of log in
 * [snap->ev_begin, snap->ev_end) to out. *unrecorded counts the events
 * of that range the log no longer held. */
void rec_tick_encode(struct rec_buf *out, const struct tt_snapshot *snap,
		     const struct event_log *log, uint64_t *unrecorded);
/* The same with a scratch buffer the caller keeps from tick to tick;
 * pump (NULL: none) is called after each record of events (at most
 * REC_EVENTS_PER_RECORD of them), so that a long interval being encoded
 * does not leave the ring buffers to fill. */
void rec_tick_encode_in(struct rec_buf *out, struct rec_buf *scratch,
			const struct tt_snapshot *snap, const struct event_log *log,
			uint64_t *unrecorded, void (*pump)(void *ctx), void *pump_ctx);

/* Decodes one tick record of n bytes: its events are pushed into log (the
 * snapshot's ev_begin and ev_end then name them there), its snapshot
 * lands in rs->s. 0, or -1 with io's why and bad_at set (what was pushed
 * stays). *unrecorded: the events the recorder could not keep. */
int rec_tick_decode(struct rec_snap *rs, struct event_log *log, const void *data, size_t n,
		    uint64_t *unrecorded, struct rec_io *io);

/* One event, either way (exposed for the fuzzer and the tests). On
 * decode, its strings point into the input. prev_ts carries the previous
 * event's time, which each is encoded against. */
void rec_event(struct rec_io *io, struct tt_event *ev, uint64_t *prev_ts);

#endif
