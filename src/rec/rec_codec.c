/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The byte encoding of recordings; see rec_codec.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rec_codec.h"

void rec_buf_free(struct rec_buf *b)
{
	free(b->p);
	*b = (struct rec_buf){ 0 };
}

int rec_buf_reserve(struct rec_buf *b, size_t n)
{
	if (b->oom)
		return -1;
	if (b->cap - b->len < n) {
		size_t cap = b->cap ? b->cap : 4096;
		uint8_t *p;

		while (cap - b->len < n)
			cap *= 2;
		p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return -1;
		}
		b->p = p;
		b->cap = cap;
	}
	return 0;
}

void rec_buf_put(struct rec_buf *b, const void *data, size_t n)
{
	if (!n || rec_buf_reserve(b, n))
		return;
	memcpy(b->p + b->len, data, n);
	b->len += n;
}

void rec_io_encoder(struct rec_io *io, struct rec_buf *out)
{
	*io = (struct rec_io){ .decode = false, .out = out };
}

void rec_io_decoder(struct rec_io *io, const void *data, size_t n)
{
	*io = (struct rec_io){ .decode = true, .p = data, .start = data,
			       .end = (const uint8_t *)data + n };
}

void rec_io_fail(struct rec_io *io, const char *why)
{
	if (io->bad)
		return;
	io->bad = true;
	io->why = why;
	io->bad_at = (size_t)(io->p - io->start);
	io->p = io->end;	/* every later read finds nothing */
}

static uint64_t get_varint(struct rec_io *io)
{
	uint64_t v = 0;
	unsigned shift = 0;

	while (!io->bad) {
		uint8_t byte;

		if (io->p >= io->end) {
			rec_io_fail(io, "a record ends early");
			break;
		}
		byte = *io->p++;
		if (shift == 63 && byte > 1) {
			rec_io_fail(io, "a number is too large");
			break;
		}
		v |= (uint64_t)(byte & 0x7f) << shift;
		if (!(byte & 0x80))
			return v;
		shift += 7;
	}
	return 0;
}

uint64_t rec_io_get(struct rec_io *io, uint64_t max)
{
	uint64_t v = get_varint(io);

	if (v > max) {
		rec_io_fail(io, "a value is out of range");
		v = 0;
	}
	return v;
}

void rec_enum(struct rec_io *io, unsigned *v, unsigned limit)
{
	uint64_t x = rec_io_unsigned(io, io->decode ? 0 : *v, limit ? limit - 1 : 0);

	if (io->decode)
		*v = (unsigned)x;
}

void rec_bool(struct rec_io *io, bool *v)
{
	uint64_t x = rec_io_unsigned(io, io->decode ? 0 : *v, 1);

	if (io->decode)
		*v = x != 0;
}

void rec_s32(struct rec_io *io, int32_t *v)
{
	int64_t w = io->decode ? 0 : *v;

	rec_s64(io, &w);
	if (!io->decode)
		return;
	if (w < INT32_MIN || w > INT32_MAX) {
		rec_io_fail(io, "a value is out of range");
		w = 0;
	}
	*v = (int32_t)w;
}

void rec_int(struct rec_io *io, int *v)
{
	int32_t w = io->decode ? 0 : *v;

	rec_s32(io, &w);
	if (io->decode)
		*v = w;
}

void rec_f64(struct rec_io *io, double *v)
{
	uint8_t b[8];
	uint64_t bits;

	if (!io->decode) {
		memcpy(&bits, v, sizeof(bits));
		for (int i = 0; i < 8; i++)
			b[i] = (uint8_t)(bits >> (8 * i));
		rec_buf_put(io->out, b, sizeof(b));
		return;
	}
	if (io->end - io->p < 8) {
		rec_io_fail(io, "a record ends early");
		*v = 0;
		return;
	}
	bits = 0;
	for (int i = 0; i < 8; i++)
		bits |= (uint64_t)io->p[i] << (8 * i);
	io->p += 8;
	memcpy(v, &bits, sizeof(bits));
}

void rec_bytes(struct rec_io *io, const uint8_t **data, size_t *n, size_t max)
{
	if (!io->decode) {
		rec_buf_u64(io->out, *n);
		rec_buf_put(io->out, *data, *n);
		return;
	}
	*n = (size_t)rec_io_unsigned(io, 0, max);
	if ((size_t)(io->end - io->p) < *n) {
		rec_io_fail(io, "a record ends early");
		*n = 0;
	}
	*data = io->p;
	io->p += *n;
}

void rec_chars(struct rec_io *io, char *s, size_t cap)
{
	const uint8_t *d = (const uint8_t *)s;
	size_t n = io->decode || !cap ? 0 : strnlen(s, cap - 1);

	rec_bytes(io, &d, &n, cap ? cap - 1 : 0);
	if (!io->decode || !cap)
		return;
	memcpy(s, d, n);
	s[n] = '\0';
}

void rec_tame(char *s, size_t cap)
{
	for (size_t i = 0; i < cap && s[i]; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c >= 0x7f)
			s[i] = '?';
	}
}

void rec_hist(struct rec_io *io, struct hist *h)
{
	uint32_t mask = 0;
	unsigned i;

	if (!io->decode)
		for (i = 0; i < HIST_SLOTS; i++)
			if (h->slots[i])
				mask |= 1u << i;
	rec_u32(io, &mask);
	for (i = 0; i < HIST_SLOTS; i++) {
		if (mask & (1u << i))
			rec_u64(io, &h->slots[i]);
		else if (io->decode)
			h->slots[i] = 0;
	}
	rec_u64(io, &h->count);
	rec_u64(io, &h->sum);
	if (io->decode && !io->bad) {
		/* the count is the slots' sum (hist.h): writers divide by it */
		uint64_t sum = 0;

		for (i = 0; i < HIST_SLOTS; i++)
			if (__builtin_add_overflow(sum, h->slots[i], &sum))
				break;
		if (i < HIST_SLOTS || sum != h->count)
			rec_io_fail(io, "a histogram's count is not its slots' sum");
	}
}

void rec_count(struct rec_io *io, size_t *n, size_t max)
{
	size_t v = io->decode ? 0 : *n;

	rec_size(io, &v);
	if (!io->decode)
		return;
	if (v > max || v > (size_t)(io->end - io->p)) {
		rec_io_fail(io, "a count is out of range");
		v = 0;
	}
	*n = v;
}
