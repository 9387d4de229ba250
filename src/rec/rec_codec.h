/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The byte encoding of recordings (doc/recording.md): unsigned LEB128
 * varints, zigzag for signed values, doubles as their 8 IEEE bytes
 * (little-endian, so a replay prints exactly what the live run printed),
 * byte strings as a varint length and the bytes.
 *
 * One function per field type serves both directions: a struct rec_io
 * either appends the field's value to a growing buffer (encode) or reads
 * it back into the field (decode). Each record type is then written once,
 * as a list of fields (rec_snap.c), and cannot be encoded one way and
 * decoded another.
 *
 * Decoding trusts nothing: every read is bounded by the bytes left, every
 * value checked against the width of its field; the first problem sets
 * io->bad (and the offset where it was met) and every later read yields
 * zero, so a visitor runs to its end and the caller looks at bad once. */
#ifndef TRACETOP_REC_CODEC_H
#define TRACETOP_REC_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "hist.h"

/* A growing output buffer. oom is set once an allocation failed; what
 * was appended after that is dropped. */
struct rec_buf {
	uint8_t *p;
	size_t len, cap;
	bool oom;
};

void rec_buf_free(struct rec_buf *b);
/* Room for n more bytes: 0, or -1 (and oom set). */
int rec_buf_reserve(struct rec_buf *b, size_t n);
void rec_buf_put(struct rec_buf *b, const void *data, size_t n);
void rec_buf_u64(struct rec_buf *b, uint64_t v);

struct rec_io {
	bool decode;
	struct rec_buf *out;		/* encode */
	const uint8_t *p, *start, *end;	/* decode: the bytes left, and where they began */
	bool bad;			/* decode: damaged or hostile input */
	const char *why;		/* ... what was wrong (static text) */
	size_t bad_at;			/* ... its offset from start */
};

void rec_io_encoder(struct rec_io *io, struct rec_buf *out);
void rec_io_decoder(struct rec_io *io, const void *data, size_t n);
/* Marks the input bad (the first reason is kept). */
void rec_io_fail(struct rec_io *io, const char *why);

void rec_u64(struct rec_io *io, uint64_t *v);
void rec_u32(struct rec_io *io, uint32_t *v);
void rec_u16(struct rec_io *io, uint16_t *v);
void rec_u8(struct rec_io *io, uint8_t *v);
void rec_uint(struct rec_io *io, unsigned *v);
void rec_size(struct rec_io *io, size_t *v);
void rec_s64(struct rec_io *io, int64_t *v);
void rec_s32(struct rec_io *io, int32_t *v);
void rec_int(struct rec_io *io, int *v);
void rec_bool(struct rec_io *io, bool *v);
void rec_f64(struct rec_io *io, double *v);
/* An enum (or any unsigned field) below limit. */
void rec_enum(struct rec_io *io, unsigned *v, unsigned limit);
/* A NUL-terminated string in a char array of cap bytes: decoded, a
 * string that does not fit (with its NUL) is bad input. */
void rec_chars(struct rec_io *io, char *s, size_t cap);
/* Bytes: encoded from (data, n); decoded, *data points into the input
 * and *n is their length (at most max). */
void rec_bytes(struct rec_io *io, const uint8_t **data, size_t *n, size_t max);
/* Makes a string decoded from a file safe to print as it is: the
 * strings a live run takes from uname or its own tables (host, kernel,
 * hooks, syscall and disk names), all printable ASCII, which its writers
 * print unescaped: any other byte becomes '?' (so taming twice changes
 * nothing more). */
void rec_tame(char *s, size_t cap);
/* A histogram: the non-empty slots only, then count and sum; decoded,
 * a count that is not the slots' sum is bad input. */
void rec_hist(struct rec_io *io, struct hist *h);
/* An array length: encoded from *n; decoded, at most max, and no more
 * than the bytes left could hold (each element takes a byte at least). */
void rec_count(struct rec_io *io, size_t *n, size_t max);

#endif
