/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The recording file format, version 2 (doc/recording.md says it in
 * full):
 *
 *   file header   "TTREC\r\n\x1a", u32 version, u32 n, n bytes of
 *                 "key=value\n" lines (UTF-8), u32 CRC-32 of those bytes
 *   chunk*        one per interval:
 *                   u32 "TTCK", u32 payload length, u32 flags,
 *                   u32 CRC-32 of the payload, u64 tick number,
 *                   i64 wall-clock milliseconds, u64 CLOCK_MONOTONIC ns
 *                   of the tick, then the payload
 *
 * Integers in headers are little-endian. A chunk's payload is the zstd
 * output for its tick's records (rec_snap.h), flushed: the chunks of one
 * zstd frame decompress in order, and a chunk flagged REC_CHUNK_KEY
 * starts a new frame, so a reader seeks to any key chunk and decodes
 * from there. The chunk headers are the index: a reader hops from one to
 * the next by their lengths. */
#ifndef TRACETOP_REC_FORMAT_H
#define TRACETOP_REC_FORMAT_H

#include <stdint.h>

#define REC_MAGIC "TTREC\r\n\x1a"
#define REC_MAGIC_LEN 8
#define REC_VERSION 2		/* what this writer writes */
#define REC_VERSION_MIN 1	/* the oldest a reader still reads */
#define REC_HEADER_TEXT_MAX 16384

#define REC_CHUNK_MAGIC 0x4b435454u	/* "TTCK" read as a little-endian u32 */
#define REC_CHUNK_HEAD 40
#define REC_CHUNK_KEY 0x1u		/* starts a zstd frame */
#define REC_CHUNK_FINAL 0x2u		/* the partial interval written at exit */

/* Record types inside a tick (rec_snap.c). */
#define REC_T_EVENTS 1		/* version 1's events, each on its own */
#define REC_T_SNAPSHOT 2
#define REC_T_CAPTION 3	/* --demo's caption of the tick, before its snapshot */
#define REC_T_EVENTS_DELTA 4	/* version 2's: each event against the one before */
#define REC_T_PROFILE 5	/* the on-CPU profile (rec_profile.h), before the snapshot */

/* A new zstd frame at least this often (ticks), so that a seek
 * decompresses at most this many chunks. */
#define REC_KEY_EVERY 60
/* ... and as soon as a frame holds this many bytes of ticks before
 * compression, so that a seek decodes at most this much before the tick
 * it wants, however many events a second were recorded. */
#define REC_FRAME_RAW_MAX (4u << 20)
/* A flight recorder lets go whole pages of this size (fallocate rounds
 * to the file system's block; the rest reads as zeros either way). */
#define REC_PAGE 4096
/* zstd's window: the largest a reader takes (what it must hold to
 * decompress), and what the writer uses (1 MiB: zstd's buffer of input
 * is a window, so a small one stays in the cache and is paged in once;
 * the writer's fast level finds its matches close by anyway). */
#define REC_WINDOW_LOG 23
#define REC_WINDOW_LOG_WRITE 20

/* Limits a reader holds a file to, and the writer stays within. */
#define REC_TICK_EVENT_BYTES (16u << 20)	/* a tick's event records; then counted */
#define REC_TICK_MAX (24u << 20)		/* a tick, decompressed */
/* ... and the strings of its events, as stored (paths, arguments): an
 * event can take them from the one before it for a few bytes, so the
 * bytes of a tick do not bound them */
#define REC_TICK_TEXT_MAX (64ull << 20)
#define REC_CHUNK_MAX (24u << 20)		/* a chunk's payload */
#define REC_STRING_MAX 65536
#define REC_SYSCALL_ROWS_MAX 4096
#define REC_ROWS_MAX (1u << 18)
#define REC_TREE_ROWS_MAX (1u << 14)	/* the live tree holds 2048 */
#define REC_CALLS_MAX (1u << 20)
#define REC_DISKS_MAX 1024

struct rec_chunk_head {
	uint32_t len, flags, crc;
	uint64_t seq;
	int64_t wall_ms;
	uint64_t mono_ns;
};

static inline void rec_put_le(uint8_t *p, uint64_t v, int n)
{
	for (int i = 0; i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

static inline uint64_t rec_get_le(const uint8_t *p, int n)
{
	uint64_t v = 0;

	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static inline void rec_chunk_head_put(uint8_t b[REC_CHUNK_HEAD], const struct rec_chunk_head *h)
{
	rec_put_le(b, REC_CHUNK_MAGIC, 4);
	rec_put_le(b + 4, h->len, 4);
	rec_put_le(b + 8, h->flags, 4);
	rec_put_le(b + 12, h->crc, 4);
	rec_put_le(b + 16, h->seq, 8);
	rec_put_le(b + 24, (uint64_t)h->wall_ms, 8);
	rec_put_le(b + 32, h->mono_ns, 8);
}

/* 0, or -1 when b is not a chunk header. */
static inline int rec_chunk_head_get(const uint8_t b[REC_CHUNK_HEAD], struct rec_chunk_head *h)
{
	if (rec_get_le(b, 4) != REC_CHUNK_MAGIC)
		return -1;
	h->len = (uint32_t)rec_get_le(b + 4, 4);
	h->flags = (uint32_t)rec_get_le(b + 8, 4);
	h->crc = (uint32_t)rec_get_le(b + 12, 4);
	h->seq = rec_get_le(b + 16, 8);
	h->wall_ms = (int64_t)rec_get_le(b + 24, 8);
	h->mono_ns = rec_get_le(b + 32, 8);
	return 0;
}

#endif
