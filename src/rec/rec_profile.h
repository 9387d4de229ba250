/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The on-CPU profile in a recording: a record of its own in each tick
 * that has one (REC_T_PROFILE, before the snapshot's), which a reader of
 * an older version skips. It holds the whole profile as at the tick
 * (every stack sampled since start, with its counts), so that a replay
 * shows it from any interval it jumps to; zstd keeps what repeats from
 * one tick to the next to a few bytes. */
#ifndef TRACETOP_REC_PROFILE_H
#define TRACETOP_REC_PROFILE_H

#include "profile.h"
#include "rec_codec.h"

/* The record's payload for v into body (appended). */
void rec_profile_encode(struct rec_buf *body, const struct tt_profile_view *v);
/* Decodes a payload into p (cleared first) and v (its arrays p's);
 * io->bad says what was wrong with it. */
void rec_profile_decode(struct rec_io *io, struct profile *p, struct tt_profile_view *v);

#endif
