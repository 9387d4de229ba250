/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: the escapers for kernel strings, sanitize() (terminal)
 * and json_fputs() (JSON). The first input byte picks a destination size
 * for the truncated case; the rest is the string, as a traced process
 * could name a file.
 *
 * Properties: the output is terminal-safe (no C0/C1 control, no 0x7f,
 * well-formed UTF-8, not even a newline); it unescapes to exactly the
 * input (nothing lost, nothing ambiguous); the return value is the full
 * length; a truncated result is a prefix that ends between whole units
 * and is as long as it can be; sanitize_fputs() writes the same bytes;
 * json_fputs() writes one valid JSON string that decodes to the input,
 * whatever the input (an invalid byte as a lone surrogate U+DC80..DCFF,
 * the surrogateescape form). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "sanitize.h"

/* Length of the escaped unit at the start of s (see sanitize.h). */
static size_t unit_len(const char *s, size_t len)
{
	size_t n;

	if (s[0] == '\\') {
		if (len >= 3 && s[1] == 'u')
			return s[2] == '{' ? 9 : 6;	/* \u{XXXXX}, \uXXXX */
		return len >= 2 && s[1] == 'x' ? 4 : 2;
	}
	n = fuzz_utf8_char((const unsigned char *)s, len);
	return n ? n : 1;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static void put_utf8(unsigned cp, char *out, size_t *o)
{
	if (cp < 0x80) {
		out[(*o)++] = (char)cp;
	} else if (cp < 0x800) {
		out[(*o)++] = (char)(0xc0 | cp >> 6);
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		out[(*o)++] = (char)(0xe0 | cp >> 12);
		out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		out[(*o)++] = (char)(0xf0 | cp >> 18);
		out[(*o)++] = (char)(0x80 | ((cp >> 12) & 0x3f));
		out[(*o)++] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	}
}

/* The k hex digits at s, or -1. */
static long hexn(const char *s, size_t k)
{
	long v = 0;

	for (size_t i = 0; i < k; i++) {
		if (hexval(s[i]) < 0)
			return -1;
		v = v << 4 | hexval(s[i]);
	}
	return v;
}

/* Undoes sanitize(); -1 when out is not a well-formed escaped text. */
static long unescape(const char *s, size_t len, char *out)
{
	size_t i = 0, o = 0;

	while (i < len) {
		if (s[i] != '\\') {
			out[o++] = s[i++];
			continue;
		}
		if (i + 1 >= len)
			return -1;
		switch (s[i + 1]) {
		case '\\': out[o++] = '\\'; i += 2; break;
		case 'n': out[o++] = '\n'; i += 2; break;
		case 't': out[o++] = '\t'; i += 2; break;
		case 'r': out[o++] = '\r'; i += 2; break;
		case 'x':
			if (i + 3 >= len || hexval(s[i + 2]) < 0 || hexval(s[i + 3]) < 0)
				return -1;
			out[o++] = (char)(hexval(s[i + 2]) << 4 | hexval(s[i + 3]));
			i += 4;
			break;
		case 'u': {
			/* a format character: \uXXXX, or \u{XXXXX} above U+FFFF */
			long cp;

			if (i + 2 < len && s[i + 2] == '{') {
				if (i + 8 >= len || s[i + 8] != '}' || (cp = hexn(s + i + 3, 5)) < 0)
					return -1;
				i += 9;
			} else {
				if (i + 5 >= len || (cp = hexn(s + i + 2, 4)) < 0)
					return -1;
				i += 6;
			}
			put_utf8((unsigned)cp, out, &o);
			break;
		}
		default:
			return -1;
		}
	}
	return (long)o;
}

/* Decodes a JSON string literal (already checked to be valid JSON). */
static size_t json_decode(const char *s, size_t len, char *out)
{
	size_t i = 1, o = 0;

	while (i < len - 1) {
		if (s[i] != '\\') {
			out[o++] = s[i++];
			continue;
		}
		if (s[i + 1] == 'u') {
			unsigned cp = (unsigned)hexn(s + i + 2, 4);

			i += 6;
			if (cp >= 0xdc80 && cp <= 0xdcff) {
				out[o++] = (char)(cp & 0xff);	/* an invalid byte */
				continue;
			}
			if (cp >= 0xd800 && cp <= 0xdbff && i + 6 <= len && s[i] == '\\' &&
			    s[i + 1] == 'u') {
				unsigned lo = (unsigned)hexn(s + i + 2, 4);

				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				i += 6;
			}
			put_utf8(cp, out, &o);
			continue;
		}
		switch (s[i + 1]) {
		case 'n': out[o++] = '\n'; break;
		case 't': out[o++] = '\t'; break;
		case 'r': out[o++] = '\r'; break;
		case 'b': out[o++] = '\b'; break;
		case 'f': out[o++] = '\f'; break;
		default: out[o++] = s[i + 1]; break;
		}
		i += 2;
	}
	return o;
}

static void check_sanitize(const char *src, size_t len, size_t small)
{
	char guard = 'g', *full, *cut, *back, *mem = NULL;
	size_t need, need2, pos, memlen = 0;
	FILE *f;
	long n;

	need = sanitize(&guard, 0, src, len);
	if (guard != 'g')
		fuzz_fail("sanitize wrote to a buffer of size 0", src, len);
	full = malloc(need + 1);
	if (sanitize(full, need + 1, src, len) != need || strlen(full) != need)
		fuzz_fail("sanitize: returned length differs from what it wrote", src, len);
	fuzz_check_terminal_safe(full, need, 0, "sanitize");
	back = malloc(len + 1);
	n = unescape(full, need, back);
	if (n != (long)len || memcmp(back, src, len))
		fuzz_fail("sanitize: output does not unescape to the input", src, len);

	/* an exact-size buffer, so ASan sees any write past dstlen */
	cut = malloc(small);
	need2 = sanitize(cut, small, src, len);
	if (need2 != need)
		fuzz_fail("sanitize: truncated call returned another length", src, len);
	if (small) {
		pos = strlen(cut);
		if (pos >= small || memcmp(cut, full, pos))
			fuzz_fail("sanitize: truncated output is not a prefix of the full one", src, len);
		if (unescape(cut, pos, back) < 0)
			fuzz_fail("sanitize: truncated output ends inside an escape", src, len);
		if (pos < need && pos + unit_len(full + pos, need - pos) < small)
			fuzz_fail("sanitize: truncated output stops short of a unit that fits", src, len);
	}

	f = open_memstream(&mem, &memlen);
	sanitize_fputs(f, src, len);
	fclose(f);
	if (memlen != need || memcmp(mem, full, need))
		fuzz_fail("sanitize_fputs differs from sanitize", src, len);
	free(mem);
	free(cut);
	free(back);
	free(full);
}

static void check_json(const char *src, size_t len)
{
	char *mem = NULL, *back;
	size_t memlen = 0, n;
	FILE *f = open_memstream(&mem, &memlen);

	json_fputs(f, src, len);
	fclose(f);
	fuzz_check_terminal_safe(mem, memlen, 0, "json_fputs");
	fuzz_check_json(mem, memlen, "json_fputs");
	if (memlen < 2 || mem[0] != '"' || mem[memlen - 1] != '"')
		fuzz_fail("json_fputs: not a string literal", mem, memlen);
	back = malloc(memlen);
	n = json_decode(mem, memlen, back);
	if (n != len || memcmp(back, src, len))
		fuzz_fail("json_fputs: the string does not decode back to the input", src, len);
	free(back);
	free(mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	check_sanitize((const char *)data + 1, size - 1, data[0] % 64);
	check_json((const char *)data + 1, size - 1);
	return 0;
}
