/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the escaper for kernel strings (src/sanitize.c). These
 * bytes come from processes tracetop does not trust: nothing here may
 * reach a terminal as a control sequence. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "sanitize.h"

/* sanitize() with a roomy buffer; checks the returned length too. */
static void check(const char *src, size_t len, const char *want)
{
	char buf[256];
	size_t n = sanitize(buf, sizeof(buf), src, len);

	assert_string_equal(buf, want);
	assert_int_equal(n, strlen(want));
}

#define CHECK(lit, want) check(lit, sizeof(lit) - 1, want)

static void test_plain(void **state)
{
	(void)state;
	CHECK("", "");
	CHECK("/usr/bin/ls -l", "/usr/bin/ls -l");
	CHECK("~!@#$%^&*()_+{}|:\"<>?`-=[];',./", "~!@#$%^&*()_+{}|:\"<>?`-=[];',./");
}

static void test_controls(void **state)
{
	(void)state;
	CHECK("\x1b[2J", "\\x1b[2J");	/* clear screen */
	CHECK("\x1b]0;owned\x07", "\\x1b]0;owned\\x07");	/* set title */
	CHECK("a\nb", "a\\nb");		/* newline in a file name */
	CHECK("\t\r", "\\t\\r");
	CHECK("\x7f", "\\x7f");
	CHECK("\x01\x1f", "\\x01\\x1f");
	check("a\0b", 3, "a\\x00b");	/* NUL counts by length */
}

static void test_backslash(void **state)
{
	(void)state;
	/* a real backslash must not be confused with an escape */
	CHECK("\\x1b", "\\\\x1b");
	CHECK("\\", "\\\\");
}

static void test_valid_utf8(void **state)
{
	(void)state;
	CHECK("caf\xc3\xa9", "caf\xc3\xa9");		/* é */
	CHECK("\xe2\x82\xac", "\xe2\x82\xac");		/* € */
	CHECK("\xf0\x9f\x98\x80.txt", "\xf0\x9f\x98\x80.txt");	/* 4-byte emoji */
	CHECK("\xc2\xa0", "\xc2\xa0");			/* U+00A0, first after C1 */
	CHECK("\xed\x9f\xbf", "\xed\x9f\xbf");		/* U+D7FF, before surrogates */
	CHECK("\xf4\x8f\xbf\xbf", "\xf4\x8f\xbf\xbf");	/* U+10FFFF */
}

static void test_c1_controls(void **state)
{
	(void)state;
	CHECK("\xc2\x9b" "2J", "\\xc2\\x9b2J");	/* one-byte CSI */
	CHECK("\xc2\x80", "\\xc2\\x80");
	CHECK("\xc2\x9f", "\\xc2\\x9f");
	CHECK("\x9b", "\\x9b");			/* raw C1 byte: invalid UTF-8 */
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	CHECK("\xff", "\\xff");
	CHECK("a\xffz", "a\\xffz");
	CHECK("\xc0\xaf", "\\xc0\\xaf");		/* overlong '/' */
	CHECK("\xe0\x80\xaf", "\\xe0\\x80\\xaf");	/* overlong, 3 bytes */
	CHECK("\xf0\x80\x80\xaf", "\\xf0\\x80\\x80\\xaf");	/* overlong, 4 bytes */
	CHECK("\xed\xa0\x80", "\\xed\\xa0\\x80");	/* surrogate U+D800 */
	CHECK("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");	/* U+110000 */
	CHECK("\xf5\x80\x80\x80", "\\xf5\\x80\\x80\\x80");
	CHECK("\x80", "\\x80");				/* lone continuation */
	/* truncated sequences: the ASCII after them survives */
	CHECK("\xe2\x82" "A", "\\xe2\\x82A");
	CHECK("\xf0\x9f\x98", "\\xf0\\x9f\\x98");
	CHECK("\xc3", "\\xc3");
	/* an escape byte inside a broken sequence is still escaped */
	CHECK("\xe2\x1b[2J", "\\xe2\\x1b[2J");
}

static void test_truncation(void **state)
{
	const char src[] = "ab\x1b" "cd\xf0\x9f\x98\x80";
	char buf[32];
	size_t n, full = strlen("ab\\x1bcd\xf0\x9f\x98\x80");

	(void)state;
	/* room for "ab" and part of the escape: the escape is left out */
	n = sanitize(buf, 5, src, sizeof(src) - 1);
	assert_int_equal(n, full);
	assert_string_equal(buf, "ab");
	n = sanitize(buf, 7, src, sizeof(src) - 1);
	assert_string_equal(buf, "ab\\x1b");
	/* the emoji needs 4 bytes: never half of it */
	n = sanitize(buf, 12, src, sizeof(src) - 1);
	assert_string_equal(buf, "ab\\x1bcd");
	n = sanitize(buf, full + 1, src, sizeof(src) - 1);
	assert_string_equal(buf, "ab\\x1bcd\xf0\x9f\x98\x80");
	/* a size of 0 writes nothing at all but still measures */
	buf[0] = 'Z';
	assert_int_equal(sanitize(buf, 0, src, sizeof(src) - 1), full);
	assert_int_equal(buf[0], 'Z');
	assert_int_equal(sanitize(buf, 1, src, sizeof(src) - 1), full);
	assert_string_equal(buf, "");
}

/* Every pair of byte values, followed by a raw CSI byte: the output
 * never holds a byte below 0x20, 0x7f, or a C1 control. */
static void test_no_control_escapes(void **state)
{
	unsigned a, b;

	(void)state;
	for (a = 0; a < 256; a++) {
		for (b = 0; b < 256; b++) {
			char src[3] = { (char)a, (char)b, '\x9b' };
			char out[64];
			size_t i, n = sanitize(out, sizeof(out), src, sizeof(src));

			assert_true(n < sizeof(out));
			for (i = 0; i < n; i++) {
				unsigned char c = (unsigned char)out[i];

				assert_false(c < 0x20 || c == 0x7f);
				if (c == 0xc2)
					assert_false((unsigned char)out[i + 1] <= 0x9f);
			}
		}
	}
}

static char *capture(void (*fn)(FILE *, const char *, size_t), const char *src, size_t len)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *f = open_memstream(&buf, &size);

	assert_non_null(f);
	fn(f, src, len);
	fclose(f);
	return buf;
}

static void test_fputs(void **state)
{
	char *s;

	(void)state;
	s = capture(sanitize_fputs, "x\x1b[2Jy\xff\\", 8);
	assert_string_equal(s, "x\\x1b[2Jy\\xff\\\\");
	free(s);
}

static void check_json(const char *src, size_t len, const char *want)
{
	char *s = capture(json_fputs, src, len);

	assert_string_equal(s, want);
	free(s);
}

#define CHECK_JSON(lit, want) check_json(lit, sizeof(lit) - 1, want)

static void test_json(void **state)
{
	(void)state;
	CHECK_JSON("", "\"\"");
	CHECK_JSON("/etc/passwd", "\"/etc/passwd\"");
	CHECK_JSON("say \"hi\"", "\"say \\\"hi\\\"\"");
	CHECK_JSON("a\\b", "\"a\\\\b\"");
	CHECK_JSON("a\nb\x1b[2J", "\"a\\u000ab\\u001b[2J\"");
	CHECK_JSON("\x7f", "\"\\u007f\"");
	check_json("a\0b", 3, "\"a\\u0000b\"");
	CHECK_JSON("caf\xc3\xa9 \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
	CHECK_JSON("\xc2\x9b", "\"\\u009b\"");		/* C1 as a code point */
	/* an invalid byte: the lone surrogate U+DC80 + (byte - 0x80), which
	 * no text decodes to; the text "\xff" stays text */
	CHECK_JSON("\xff", "\"\\udcff\"");
	CHECK_JSON("\\xff", "\"\\\\xff\"");
	CHECK_JSON("\xed\xa0\x80", "\"\\udced\\udca0\\udc80\"");
	CHECK_JSON("a\x80" "b", "\"a\\udc80b\"");
	/* invisible formatting characters: escaped, astral ones as a pair */
	CHECK_JSON("bidi-\xe2\x80\xae" "exe.gnp", "\"bidi-\\u202eexe.gnp\"");
	CHECK_JSON("\xef\xbb\xbf" "\xe2\x80\x8b", "\"\\ufeff\\u200b\"");
	CHECK_JSON("\xf3\xa0\x81\x81", "\"\\udb40\\udc41\"");	/* U+E0041, a tag */
}

/* Characters that show nothing but change how text reads: a visible
 * escape each, in every output; their neighbours and ordinary non-ASCII
 * text stay as they are. */
static void test_format_chars(void **state)
{
	char buf[128];

	(void)state;
	sanitize(buf, sizeof(buf), "bidi-\xe2\x80\xae" "exe.gnp\xe2\x80\xac", 18);
	assert_string_equal(buf, "bidi-\\u202eexe.gnp\\u202c");
	sanitize(buf, sizeof(buf), "a\xe2\x80\x8b" "b\xef\xbb\xbf" "c\xc2\xad", 11);
	assert_string_equal(buf, "a\\u200bb\\ufeffc\\u00ad");
	sanitize(buf, sizeof(buf), "\xe2\x81\xa6" "x\xe2\x81\xa9\xe2\x80\xa8", 10);
	assert_string_equal(buf, "\\u2066x\\u2069\\u2028");
	sanitize(buf, sizeof(buf), "\xf3\xa0\x81\x81", 4);
	assert_string_equal(buf, "\\u{e0041}");
	/* not format characters: kept */
	sanitize(buf, sizeof(buf), "caf\xc3\xa9 \xe2\x80\x94 \xe2\x82\xac", 13);
	assert_string_equal(buf, "caf\xc3\xa9 \xe2\x80\x94 \xe2\x82\xac");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_backslash),
		cmocka_unit_test(test_valid_utf8),
		cmocka_unit_test(test_c1_controls),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_no_control_escapes),
		cmocka_unit_test(test_fputs),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_format_chars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
