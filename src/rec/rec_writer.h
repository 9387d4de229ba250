/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Writes a recording (--record FILE): a header, then one chunk per tick
 * with the tick's events and snapshot, zstd-compressed and flushed, so a
 * writer that is killed loses the tick it was writing at most
 * (rec_format.h, doc/recording.md).
 *
 * Never over an existing file; an existing character device (/dev/null)
 * is written as it is, a pipe or a block device refused. A write that
 * fails, or a tick that cannot be compressed, stops the recording for
 * good (the rest of
 * tracetop goes on): the error stays in rec_writer_error, and the file
 * is cut back to its last whole chunk when it can be. */
#ifndef TRACETOP_REC_WRITER_H
#define TRACETOP_REC_WRITER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "event_log.h"
#include "rec_meta.h"
#include "snapshot.h"

struct rec_writer;

/* Whether path can take a new recording without writing over anything:
 * 0, or -1 with a sentence in msg (it exists as a file, a directory or a
 * link). Checked again when it is created. */
int rec_writer_check(const char *path, char *msg, size_t len);
/* Creates path and writes its header. NULL with a sentence in msg. */
struct rec_writer *rec_writer_open(const char *path, const struct rec_meta *meta, char *msg,
				   size_t len);
/* The same on fd (owned: closed by rec_writer_close), named name in
 * messages: an anonymous memory file for looking back while live. */
struct rec_writer *rec_writer_open_fd(int fd, const char *name, const struct rec_meta *meta,
				      char *msg, size_t len);
/* A flight recorder is asked for in the header (meta->keep, so that a
 * reader knows the front may be gone): once the chunks pass that many
 * bytes, the oldest frames are let go (their pages punched out of the
 * file: it keeps its length, with a hole at the front a reader skips).
 * The frame being written and the header always stay. */
/* Bytes of chunks let go so far (their pages freed). */
uint64_t rec_writer_let_go(const struct rec_writer *w);
/* 0, or why the file system would not punch holes (EOPNOTSUPP...): then
 * nothing is let go, the file grows. */
int rec_writer_punch_error(const struct rec_writer *w);
/* Appends the tick of snap: its snapshot and the events of log in
 * [snap->ev_begin, snap->ev_end); final marks the partial interval
 * written at exit. The first tick written should be the snapshot before
 * the first interval (seq 0, the sources as they started). 0, or the
 * errno that stopped the recording (then and at every later call). */
int rec_writer_tick(struct rec_writer *w, const struct tt_snapshot *snap,
		    const struct event_log *log, bool final);
/* Called while a long interval is encoded and compressed, so that the
 * ring buffers are drained meanwhile (NULL: never). */
void rec_writer_set_pump(struct rec_writer *w, void (*pump)(void *ctx), void *ctx);
/* Closes the file. 0, or the errno of the first failure (the file's
 * close included). NULL is allowed. */
int rec_writer_close(struct rec_writer *w);
/* Closes and removes the file (a regular one): a run that never got to
 * its first tick. NULL is allowed. */
void rec_writer_discard(struct rec_writer *w);

/* 0 while recording; the errno that stopped it. */
int rec_writer_error(const struct rec_writer *w);
const char *rec_writer_path(const struct rec_writer *w);
/* Whether a series of files (--record-files) of path can start without
 * coming to a name that exists: 0, or -1 with a sentence in msg naming
 * the first path.N found. */
int rec_writer_check_series(const char *path, char *msg, size_t len);
/* Makes w (from rec_writer_open, not a flight recorder) a series of
 * files: once a file holds file_bytes, the next tick goes into a new
 * one, FILE.1, FILE.2, ... (created as the first was: never over a file;
 * a name that is taken stops the recording), each a whole recording
 * whose first tick starts a frame; only the newest files are kept, the
 * oldest removed when it is still the file this writer made (else it
 * stays, and rec_writer_remove_error says so). 0, or EINVAL/ENOMEM. */
int rec_writer_rotate(struct rec_writer *w, uint64_t file_bytes, unsigned files);
/* Of a series: the oldest file kept (the only one otherwise), how many,
 * and why an old one stayed (0: none did). */
const char *rec_writer_oldest(const struct rec_writer *w);
size_t rec_writer_files(const struct rec_writer *w);
int rec_writer_remove_error(const struct rec_writer *w);
/* Bytes written into all the files of the recording. */
uint64_t rec_writer_bytes_total(const struct rec_writer *w);

/* Bytes in the file, ticks written, and events the recording could not
 * keep (gone from the log before the tick, or past a tick's size limit). */
uint64_t rec_writer_bytes(const struct rec_writer *w);
uint64_t rec_writer_ticks(const struct rec_writer *w);
uint64_t rec_writer_unrecorded(const struct rec_writer *w);

#endif
