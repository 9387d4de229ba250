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

/* A varint: inline, as the encoders of events call it for every field
 * (bench/RESULTS.md: the recorder's cost on a storm). */
static inline void rec_buf_u64(struct rec_buf *b, uint64_t v)
{
	uint8_t *p;

	if (b->oom || (b->cap - b->len < 10 && rec_buf_reserve(b, 10)))
		return;
	p = b->p + b->len;
	while (v >= 0x80) {
		*p++ = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	*p++ = (uint8_t)v;
	b->len = (size_t)(p - b->p);
}

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

/* Decoding's half of the unsigned fields below: the next varint, at
 * most max. */
uint64_t rec_io_get(struct rec_io *io, uint64_t max);

/* An unsigned value of at most max, either way; the fields' functions
 * are inline (encoding is a store or two). Each stores only when
 * decoding: encoding never writes to what it encodes (the model's
 * snapshot, a stored event). */
static inline uint64_t rec_io_unsigned(struct rec_io *io, uint64_t v, uint64_t max)
{
	if (!io->decode) {
		rec_buf_u64(io->out, v);
		return v;
	}
	return rec_io_get(io, max);
}

#define REC_UNSIGNED(name, type, max)						\
	static inline void name(struct rec_io *io, type *v)			\
	{									\
		uint64_t x = rec_io_unsigned(io, io->decode ? 0 : (uint64_t)*v, max);	\
										\
		if (io->decode)							\
			*v = (type)x;						\
	}

REC_UNSIGNED(rec_u64, uint64_t, UINT64_MAX)
REC_UNSIGNED(rec_u32, uint32_t, UINT32_MAX)
REC_UNSIGNED(rec_u16, uint16_t, UINT16_MAX)
REC_UNSIGNED(rec_u8, uint8_t, UINT8_MAX)
REC_UNSIGNED(rec_uint, unsigned, UINT32_MAX)
REC_UNSIGNED(rec_size, size_t, SIZE_MAX)
#undef REC_UNSIGNED

static inline void rec_s64(struct rec_io *io, int64_t *v)
{
	/* zigzag: small magnitudes of either sign stay short */
	int64_t w = io->decode ? 0 : *v;
	uint64_t z = rec_io_unsigned(io, ((uint64_t)w << 1) ^ (uint64_t)(w >> 63), UINT64_MAX);

	if (io->decode)
		*v = (int64_t)(z >> 1) ^ -(int64_t)(z & 1);
}

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
