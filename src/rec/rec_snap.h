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
#include "profile.h"

/* What an event is encoded against (rec_event_delta): the previous
 * event of its record, the last raw path; decoded, the buffers the
 * strings are built in. Reset at the start of each record. */
struct rec_ev_ctx {
	const struct tt_event *last;	/* the previous event: prev, or the log's */
	struct tt_event prev;
	const char *raw;
	size_t raw_len;
	struct rec_buf path, raw_buf;
};

void rec_ev_ctx_reset(struct rec_ev_ctx *c);
void rec_ev_ctx_fini(struct rec_ev_ctx *c);

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
	struct rec_ev_ctx ev;		/* the events' decoder */
	struct profile *prof;		/* the profile's record, decoded (made at the first) */
	struct tt_profile_view prof_view;	/* s.profile points here: a copy of the
						 * struct must point its own at its own */
};

void rec_snap_fini(struct rec_snap *rs);

/* Where a tick's records go, in order: put takes the next n bytes (0,
 * or an errno). len counts the bytes taken; err keeps the first failure,
 * after which nothing more is put. */
struct rec_sink {
	int (*put)(void *ctx, const void *data, size_t n);
	void *ctx;
	size_t len;
	int err;
};

/* The encoder's buffers, kept from tick to tick (no allocation, no page
 * faults once they have grown to a tick's record). */
struct rec_tick_enc {
	struct rec_buf body;	/* a record being encoded */
	struct rec_buf snap;	/* the tick's snapshot record */
	struct rec_ev_ctx ev;
};

void rec_tick_enc_fini(struct rec_tick_enc *enc);

/* Puts the tick record of snap and of the events of log in
 * [snap->ev_begin, snap->ev_end) into sink, a record (at most
 * REC_EVENTS_PER_RECORD events) at a time, so that no buffer holds a
 * whole interval. *unrecorded counts the events of that range the log no
 * longer held, or that a tick had no room for (rec_format.h's limits).
 * pump (NULL: none) is called after each record of events, so that a
 * long interval being encoded does not leave the ring buffers to fill.
 * 0, or the sink's errno (ENOMEM, EFBIG: a snapshot alone too large). */
int rec_tick_encode_to(struct rec_tick_enc *enc, struct rec_sink *sink,
		       const struct tt_snapshot *snap, const struct event_log *log,
		       uint64_t *unrecorded, void (*pump)(void *ctx), void *pump_ctx);
/* The same appended to out (the tests, the fuzzer). */
void rec_tick_encode(struct rec_buf *out, const struct tt_snapshot *snap,
		     const struct event_log *log, uint64_t *unrecorded);

/* Decodes one tick record of n bytes: its events are pushed into log (the
 * snapshot's ev_begin and ev_end then name them there), its snapshot
 * lands in rs->s. 0, or -1 with io's why and bad_at set (what was pushed
 * stays). *unrecorded: the events the recorder could not keep. */
int rec_tick_decode(struct rec_snap *rs, struct event_log *log, const void *data, size_t n,
		    uint64_t *unrecorded, struct rec_io *io);

/* One event of version 2, either way: against c (reset at the start of
 * a record). On decode, its strings point into c or the input. */
void rec_event_delta(struct rec_io *io, struct tt_event *ev, struct rec_ev_ctx *c);

#endif
