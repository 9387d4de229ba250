/* SPDX-License-Identifier: GPL-2.0-or-later */
/* wbuf.h: the writers' block buffer. */
#include <string.h>
#include "sanitize.h"
#include "wbuf.h"

void wbuf_flush(struct wbuf *b)
{
	if (b->len)
		fwrite(b->p, 1, b->len, b->f);
	b->len = 0;
	b->flushes++;
}

void wbuf_put_slow(struct wbuf *b, const void *s, size_t n)
{
	wbuf_flush(b);
	if (n > b->cap) {
		fwrite(s, 1, n, b->f);
		return;
	}
	memcpy(b->p, s, n);
	b->len = n;
}

void wbuf_str(struct wbuf *b, const char *s)
{
	wbuf_put(b, s, strlen(s));
}

/* "00" to "99": two digits per division. */
const char wbuf_digit_pairs[201] =
	"00010203040506070809101112131415161718192021222324252627282930313233343536373839"
	"40414243444546474849505152535455565758596061626364656667686970717273747576777879"
	"8081828384858687888990919293949596979899";

void wbuf_u64(struct wbuf *b, uint64_t v)
{
	char d[WBUF_NUM_MAX];

	if (b->cap - b->len >= WBUF_NUM_MAX)
		wbuf_end(b, put_u64(b->p + b->len, v));
	else	/* short of room: through a copy, which flushes */
		wbuf_put(b, d, (size_t)(put_u64(d, v) - d));
}

void wbuf_i64(struct wbuf *b, int64_t v)
{
	if (v < 0) {
		wbuf_char(b, '-');
		/* unsigned: -INT64_MIN does not exist */
		wbuf_u64(b, 0 - (uint64_t)v);
		return;
	}
	wbuf_u64(b, (uint64_t)v);
}

/* Bytes JSON must escape or that need the careful path: controls, the
 * quote, the backslash, DEL and everything above ASCII. */
#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Whether a byte of w is below n (n <= 128), or equal to v. */
static uint64_t has_below(uint64_t w, uint64_t n)
{
	return (w - ONES * n) & ~w & HIGHS;
}

static uint64_t has_byte(uint64_t w, uint64_t v)
{
	return has_below(w ^ (ONES * v), 1);
}

static size_t plain_run(const unsigned char *s, size_t n)
{
	size_t i = 0;
	uint64_t w;

	/* eight bytes a step while all are plain */
	for (; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		if ((w & HIGHS) || has_below(w, 0x20) || has_byte(w, '"') ||
		    has_byte(w, '\\') || has_byte(w, 0x7f))
			break;
	}
	while (i < n && s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' && s[i] != '\\')
		i++;
	return i;
}

void wbuf_json(struct wbuf *b, const char *s, size_t n)
{
	size_t run = plain_run((const unsigned char *)s, n);

	if (run == n && n + 2 <= b->cap) {
		char *p = wbuf_room(b, n + 2);

		*p++ = '"';
		memcpy(p, s, n);
		p[n] = '"';
		wbuf_end(b, p + n + 1);
		return;
	}
	if (run == n) {
		wbuf_char(b, '"');
		wbuf_put(b, s, n);
		wbuf_char(b, '"');
		return;
	}
	/* rare: one escaper for every string that needs one */
	wbuf_flush(b);
	json_fputs(b->f, s, n);
}
