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
