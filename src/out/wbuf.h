/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A write buffer for the writers' hot path: events are built here with
 * plain stores (no printf, no stdio lock per field) and handed to the
 * stream in large blocks. Borrowed memory, so a writer keeps it on its
 * stack: nothing is allocated per event. */
#ifndef TRACETOP_WBUF_H
#define TRACETOP_WBUF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct wbuf {
	char *p;		/* borrowed: cap bytes */
	size_t len, cap;
	FILE *f;		/* borrowed: where full blocks go */
	uint64_t flushes;	/* so a writer knows its bytes are still in p */
};

#define WBUF_INIT(area, stream) { (area), 0, sizeof(area), (stream), 0 }

/* Writes what is buffered to the stream (stream errors stay in its
 * ferror flag, as for any stdio write). */
void wbuf_flush(struct wbuf *b);
/* The slow path of wbuf_put: flushes, then buffers or writes through. */
void wbuf_put_slow(struct wbuf *b, const void *s, size_t n);

/* Inline: most calls copy a few bytes whose length the compiler knows. */
static inline void wbuf_put(struct wbuf *b, const void *s, size_t n)
{
	if (b->cap - b->len >= n) {
		memcpy(b->p + b->len, s, n);
		b->len += n;
		return;
	}
	wbuf_put_slow(b, s, n);
}

static inline void wbuf_char(struct wbuf *b, char c)
{
	if (b->len == b->cap)
		wbuf_flush(b);
	b->p[b->len++] = c;
}

/* Room for up to n bytes (n <= cap) at the end of b, flushing first if
 * short: the caller stores there with plain stores and says where it
 * stopped with wbuf_end. A run of fields then costs one check, not one
 * per field. */
static inline char *wbuf_room(struct wbuf *b, size_t n)
{
	if (b->cap - b->len < n)
		wbuf_flush(b);
	return b->p + b->len;
}

static inline void wbuf_end(struct wbuf *b, const char *end)
{
	b->len = (size_t)(end - b->p);
}

/* Stores into room p and advances it: a literal, a number (at most
 * WBUF_NUM_MAX bytes). */
#define PUT_LIT(p, lit) ((p) = (char *)memcpy((p), "" lit, sizeof(lit) - 1) + sizeof(lit) - 1)
#define WBUF_NUM_MAX 20

extern const char wbuf_digit_pairs[201];

static inline unsigned wbuf_digits(uint64_t v)
{
	unsigned n = 1;

	for (;;) {
		if (v < 10)
			return n;
		if (v < 100)
			return n + 1;
		if (v < 1000)
			return n + 2;
		if (v < 10000)
			return n + 3;
		v /= 10000;
		n += 4;
	}
}

static inline char *put_u64(char *p, uint64_t v)
{
	char *end = p + wbuf_digits(v), *q = end;

	while (v >= 100) {
		unsigned r = (unsigned)(v % 100);

		v /= 100;
		q -= 2;
		memcpy(q, wbuf_digit_pairs + 2 * r, 2);
	}
	if (v >= 10)
		memcpy(q - 2, wbuf_digit_pairs + 2 * v, 2);
	else
		q[-1] = (char)('0' + v);
	return end;
}

static inline char *put_i64(char *p, int64_t v)
{
	if (v >= 0)
		return put_u64(p, (uint64_t)v);
	*p = '-';
	/* unsigned: -INT64_MIN does not exist; 19 digits at most */
	return put_u64(p + 1, 0 - (uint64_t)v);
}

void wbuf_str(struct wbuf *b, const char *s);
/* A string literal, its length known when compiling. */
#define WBUF_LIT(b, lit) wbuf_put((b), "" lit, sizeof(lit) - 1)
void wbuf_u64(struct wbuf *b, uint64_t v);
void wbuf_i64(struct wbuf *b, int64_t v);
/* s (n bytes, any content) as a JSON string, quotes included: plain
 * printable ASCII and valid UTF-8 are copied as they are, the rest
 * escaped exactly as json_fputs does. */
void wbuf_json(struct wbuf *b, const char *s, size_t n);

#endif
