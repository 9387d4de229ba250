/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the writers' block buffer (src/out/wbuf.c), issue 12:
 * numbers as printf prints them, and JSON strings byte for byte what
 * the one escaper (json_fputs) writes, whichever path a string takes,
 * across buffer flushes. */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "sanitize.h"
#include "wbuf.h"

struct mem {
	char *text;
	size_t len;
	FILE *f;
};

static void mem_open(struct mem *m)
{
	m->text = NULL;
	m->len = 0;
	m->f = open_memstream(&m->text, &m->len);
	assert_non_null(m->f);
}

static void mem_close(struct mem *m)
{
	fclose(m->f);
}

/* The numbers of test_numbers through a buffer of cap bytes: the
 * in-place path (room for the longest number) and the copied one. */
static void numbers_through(size_t cap)
{
	static const uint64_t u[] = { 0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 9999, 10000,
				      99999, 100000, 123456789, 4294967295u,
				      9999999999999999999ull, 10000000000000000000ull, UINT64_MAX };
	static const int64_t s[] = { 0, -1, -9, -10, -100, 42, INT64_MIN + 1, INT64_MIN,
				     INT64_MAX };
	char *area = malloc(cap), want[1024];
	struct mem m;
	size_t pos = 0;

	assert_non_null(area);
	mem_open(&m);
	{
		struct wbuf b = { area, 0, cap, m.f, 0 };

		for (size_t i = 0; i < sizeof(u) / sizeof(u[0]); i++) {
			wbuf_u64(&b, u[i]);
			wbuf_char(&b, ' ');
			pos += (size_t)snprintf(want + pos, sizeof(want) - pos, "%" PRIu64 " ", u[i]);
		}
		for (size_t i = 0; i < sizeof(s) / sizeof(s[0]); i++) {
			wbuf_i64(&b, s[i]);
			WBUF_LIT(&b, ";");
			pos += (size_t)snprintf(want + pos, sizeof(want) - pos, "%" PRId64 ";", s[i]);
		}
		wbuf_flush(&b);
	}
	mem_close(&m);
	assert_string_equal(m.text, want);
	free(m.text);
	free(area);
}

static void test_numbers(void **state)
{
	(void)state;
	numbers_through(7);	/* tiny: every number crosses a flush */
	numbers_through(21);	/* room for one number, often not for two */
	numbers_through(4096);	/* in place */
}

/* A run of fields stored into wbuf_room: what printf would print,
 * across flushes. */
static void test_room(void **state)
{
	char area[64], want[4096];
	struct mem m;
	size_t pos = 0;

	(void)state;
	mem_open(&m);
	{
		struct wbuf b = WBUF_INIT(area, m.f);

		for (int64_t i = -50; i < 50; i++) {
			char *p = wbuf_room(&b, 2 * WBUF_NUM_MAX + 8);

			PUT_LIT(p, "{\"a\":");
			p = put_i64(p, i * 987654321);
			*p++ = ',';
			p = put_u64(p, (uint64_t)(i + 50) * 1000003u);
			*p++ = '}';
			wbuf_end(&b, p);
			pos += (size_t)snprintf(want + pos, sizeof(want) - pos, "{\"a\":%" PRId64 ",%" PRIu64 "}",
						i * 987654321, (uint64_t)(i + 50) * 1000003u);
		}
		wbuf_flush(&b);
	}
	mem_close(&m);
	assert_string_equal(m.text, want);
	free(m.text);
}

/* The JSON of n bytes at s through wbuf (buffer cap bytes) and through
 * json_fputs must be equal. */
static void same_json(const char *s, size_t n, size_t cap)
{
	char *area = malloc(cap);
	struct mem a, b;

	assert_non_null(area);
	mem_open(&a);
	{
		struct wbuf w = { area, 0, cap, a.f, 0 };

		WBUF_LIT(&w, "[");
		wbuf_json(&w, s, n);
		WBUF_LIT(&w, "]");
		wbuf_flush(&w);
	}
	mem_close(&a);
	mem_open(&b);
	fputc('[', b.f);
	json_fputs(b.f, s, n);
	fputc(']', b.f);
	mem_close(&b);
	if (a.len != b.len || memcmp(a.text, b.text, a.len))
		fail_msg("wbuf wrote %s, json_fputs %s", a.text, b.text);
	free(a.text);
	free(b.text);
	free(area);
}

static void test_json_every_byte(void **state)
{
	char s[40];

	(void)state;
	/* each byte value alone, and at every place of a longer plain
	 * string (where the eight-byte scan meets it) */
	for (int c = 0; c < 256; c++) {
		s[0] = (char)c;
		same_json(s, 1, 64);
		for (size_t at = 0; at < sizeof(s); at += 3) {
			memset(s, 'p', sizeof(s));
			s[at] = (char)c;
			same_json(s, sizeof(s), 64);
			same_json(s, sizeof(s), 9);
		}
	}
}

static void test_json_texts(void **state)
{
	static const char *const texts[] = {
		"", "/etc/passwd", "quote\"d", "back\\slash", "tab\there", "\x1b[31mred",
		"caf\xc3\xa9", "\xe2\x80\xa6 ellipsis", "c1 \xc2\x9b csi", "bad \xff byte",
		"cut \xe2\x80", "del \x7f", "/usr/lib/x86_64-linux-gnu/locale/C.UTF-8/LC_MESSAGES",
	};
	static char big[70000];

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		same_json(texts[i], strlen(texts[i]), 4096);
		same_json(texts[i], strlen(texts[i]), 3);
	}
	/* larger than the buffer: written through */
	memset(big, 'x', sizeof(big));
	same_json(big, sizeof(big), 4096);
	big[sizeof(big) / 2] = '\n';
	same_json(big, sizeof(big), 4096);
	/* NULs inside are data, not ends */
	same_json("a\0b", 3, 16);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_room),
		cmocka_unit_test(test_json_every_byte),
		cmocka_unit_test(test_json_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
