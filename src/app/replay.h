/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --replay FILE: a recording as the source of what is shown, instead of
 * the kernel. Needs no root, no BPF and no BTF, and loads nothing into a
 * kernel.
 *
 * A struct replay_src holds the reader, the interval shown (its snapshot)
 * and an event log of its own; the interactive loop (app.c) moves it on
 * at the pace asked for, and back, and jumps. With -b or --json,
 * replay_batch() prints every interval as the live run printed it (the
 * same writers over the recorded snapshots and events). */
#ifndef TRACETOP_REPLAY_H
#define TRACETOP_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include "event_log.h"
#include "frontend.h"
#include "options.h"
#include "rec_meta.h"
#include "snapshot.h"

struct replay_src;

/* Opens opt->replay. Its event log is opt's (--events: a replay on the
 * screen takes the memory a live run would), or with as_recorded (to
 * print exactly what was printed) the recording run's if larger. NULL
 * with a sentence in msg. */
struct replay_src *replay_src_open(const struct options *opt, bool as_recorded, char *msg,
				   size_t len);
/* The same over fd (owned), a recording still being written (looking
 * back while live), named name in messages. */
struct replay_src *replay_src_open_fd(int fd, const char *name, const struct options *opt,
				      char *msg, size_t len);
/* Indexes the recording again as it is now (it grew; its front may be
 * gone); the interval shown keeps its place. 0, or -1 with msg. */
int replay_src_refresh(struct replay_src *r, char *msg, size_t len);
void replay_src_free(struct replay_src *r);

const struct rec_meta *replay_src_meta(const struct replay_src *r);
/* Why the recording is read only up to somewhere, or NULL. */
const char *replay_src_warning(const struct replay_src *r);
size_t replay_src_count(const struct replay_src *r);
/* The interval shown: its index (0: the start) and whether one is. */
size_t replay_src_at(const struct replay_src *r);
bool replay_src_shown(const struct replay_src *r);
/* Shows interval i: its snapshot and, in the log, its events (a jump
 * clears the log and fills it from the frame before i). 0, or -1 with a
 * sentence naming the file and offset in msg (the last interval shown
 * stays). *unrecorded: events the recorder could not keep there. */
int replay_src_go(struct replay_src *r, size_t i, uint64_t *unrecorded, char *msg, size_t len);
const struct tt_snapshot *replay_src_snapshot(const struct replay_src *r);
const struct event_log *replay_src_log(const struct replay_src *r);
/* Whether interval i starts a frame (where reading resumes after damage). */
bool replay_src_key(const struct replay_src *r, size_t i);
/* The index of the interval at or after wall-clock time ms. */
size_t replay_src_find(const struct replay_src *r, int64_t ms);
/* Where it stands, for the header. */
void replay_src_position(const struct replay_src *r, bool playing, struct fe_replay *out);

/* Prints the recording opt->replay to standard output (-b or --json).
 * Returns an exit code (exit_codes.h): a file that cannot be read at all
 * is a usage error; damage found on the way is said (file and offset) on
 * standard error, what could be read is printed, and the exit status is
 * 1. */
int replay_batch(const struct options *opt);

#endif
