/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reads a recording (--replay FILE): the header, then an index of its
 * ticks made by hopping from chunk header to chunk header, then any tick
 * on request, in order (cheap) or by a jump (decompressed from the key
 * chunk before it, at most REC_KEY_EVERY chunks).
 *
 * Nothing in the file is trusted. A file that ends inside a chunk (its
 * writer was killed) or whose chunks stop making sense somewhere is
 * read up to there, with a warning naming the offset; a chunk that
 * fails its checksum or does not decompress is an error for that tick,
 * naming the file and the offset, and the ticks after the next key chunk
 * still read. */
#ifndef TRACETOP_REC_READER_H
#define TRACETOP_REC_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "event_log.h"
#include "rec_meta.h"
#include "rec_snap.h"

struct rec_reader;

struct rec_tick_info {
	uint64_t off;		/* of the chunk header */
	uint64_t seq;
	int64_t wall_ms;
	uint64_t mono_ns;
	uint32_t len, flags, crc;
};

/* Opens path and indexes it. NULL with a sentence in msg (a file that
 * is not a recording, of another version, or without one whole tick). */
struct rec_reader *rec_reader_open(const char *path, char *msg, size_t len);
/* The same on fd (owned), named name in messages. */
struct rec_reader *rec_reader_open_fd(int fd, const char *name, char *msg, size_t len);
void rec_reader_close(struct rec_reader *r);
/* Indexes the file again as it is now: a recording still being written
 * (looking back while live), whose front a flight recorder may have let
 * go since. 0, or -1 with msg (then no tick is indexed). */
int rec_reader_refresh(struct rec_reader *r, char *msg, size_t len);
/* Bytes at the front a flight recorder let go (meta keep=): the
 * ticks start after them. */
uint64_t rec_reader_let_go(const struct rec_reader *r);

const struct rec_meta *rec_reader_meta(const struct rec_reader *r);
size_t rec_reader_ticks(const struct rec_reader *r);
const struct rec_tick_info *rec_reader_tick(const struct rec_reader *r, size_t i);
/* Why the index stops before the end of the file, or NULL. */
const char *rec_reader_warning(const struct rec_reader *r);

/* The tick at or after wall-clock time ms (the last tick if none). */
size_t rec_reader_find_wall(const struct rec_reader *r, int64_t ms);

/* Whether reading tick i goes on from the last one read (it, or a key
 * chunk): else the ticks from its frame's key chunk are read first. */
bool rec_reader_sequential(const struct rec_reader *r, size_t i);
/* Decodes tick i: its events are pushed into log and its snapshot lands
 * in rs->s (rs->s.ev_begin and ev_end name the events in log). A jump
 * (i not the tick after the last one read) decodes the ticks from the
 * key chunk before i too, their events pushed as well. 0, or -1 with a
 * sentence naming the file and offset in msg. *unrecorded: events the
 * recorder could not keep in that tick. */
int rec_reader_read(struct rec_reader *r, size_t i, struct rec_snap *rs, struct event_log *log,
		    uint64_t *unrecorded, char *msg, size_t len);

#endif
