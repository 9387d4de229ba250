/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The escaper for every string traced processes control (file names,
 * argv, comm) before it reaches a terminal or a JSON document.
 *
 * tracetop runs as root on a terminal an attacker can write file names
 * to. A name holding ESC [ 2 J, or the one-byte CSI U+009B, or broken
 * UTF-8 that a terminal resynchronises on, could drive that terminal, so
 * anything but printable ASCII and well-formed, non-control UTF-8 comes
 * out as visible escapes. The input is split into units (one ASCII byte,
 * one whole UTF-8 sequence, or one rejected byte); each unit is written
 * whole or not at all, so a cut never splits an escape or a character. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include "sanitize.h"

#define UNIT_MAX 16	/* longest unit text: a JSON surrogate pair, 12 */

/* Length (2..4) of the well-formed UTF-8 sequence at s, or 0. Rejects
 * overlong forms, UTF-16 surrogates (U+D800..DFFF), code points above
 * U+10FFFF and sequences cut short by the end of the input. */
static size_t utf8_seq_len(const unsigned char *s, size_t len)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (c >= 0xc2 && c <= 0xdf)
		n = 2;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4;
	else
		return 0;	/* ASCII, a continuation byte, 0xc0/0xc1, 0xf5.. */
	/* the second byte's range is what rules out the bad forms */
	if (c == 0xe0)
		lo = 0xa0;	/* overlong 3-byte */
	else if (c == 0xed)
		hi = 0x9f;	/* surrogates */
	else if (c == 0xf0)
		lo = 0x90;	/* overlong 4-byte */
	else if (c == 0xf4)
		hi = 0x8f;	/* above U+10FFFF */
	if (len < n || s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if (s[i] < 0x80 || s[i] > 0xbf)
			return 0;
	return n;
}

/* True for U+0080..U+009F, encoded c2 80..c2 9f: C1 controls, which
 * some terminals obey (c2 9b is CSI). */
static int is_c1(const unsigned char *s, size_t n)
{
	return n == 2 && s[0] == 0xc2 && s[1] <= 0x9f;
}

static const char hexdig[] = "0123456789abcdef";

/* The code point of the well-formed n-byte sequence at s. */
static uint32_t utf8_cp(const unsigned char *s, size_t n)
{
	uint32_t cp = s[0] & (n == 2 ? 0x1f : n == 3 ? 0x0f : 0x07);

	for (size_t i = 1; i < n; i++)
		cp = cp << 6 | (s[i] & 0x3f);
	return cp;
}

/* Characters that show nothing but change how the text around them
 * reads: bidirectional overrides and isolates (U+202E makes
 * "bidi-\u202eexe.gnp" read "bidi-png.exe"), zero-width spaces and
 * joiners, the byte order mark, line and paragraph separators, the soft
 * hyphen, invisible operators and tag characters. Shown as escapes. */
static int is_format(uint32_t cp)
{
	return cp == 0xad || (cp >= 0x600 && cp <= 0x605) || cp == 0x61c || cp == 0x6dd ||
	       cp == 0x70f || cp == 0x180e || (cp >= 0x200b && cp <= 0x200f) ||
	       (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) ||
	       cp == 0xfeff || (cp >= 0xfff9 && cp <= 0xfffb) || (cp >= 0xe0000 && cp <= 0xe007f);
}

/* "\uXXXX" (four hex digits) at out; returns 6. */
static size_t put_u4(char *out, uint32_t v)
{
	out[0] = '\\';
	out[1] = 'u';
	for (int i = 0; i < 4; i++)
		out[2 + i] = hexdig[(v >> (12 - 4 * i)) & 0xf];
	return 6;
}

/* The text of the well-formed, non-C1 n-byte character at s: itself,
 * or for a format character an escape, "\uXXXX" (above U+FFFF
 * "\u{XXXXX}" as text, a surrogate pair in JSON). */
static size_t utf8_unit(const unsigned char *s, size_t n, char *out, bool json)
{
	uint32_t cp = utf8_cp(s, n);

	if (!is_format(cp)) {
		memcpy(out, s, n);
		return n;
	}
	if (cp <= 0xffff)
		return put_u4(out, cp);
	if (json) {
		cp -= 0x10000;
		put_u4(out, 0xd800 | cp >> 10);
		return 6 + put_u4(out + 6, 0xdc00 | (cp & 0x3ff));
	}
	memcpy(out, "\\u{", 3);
	for (int i = 0; i < 5; i++)
		out[3 + i] = hexdig[(cp >> (16 - 4 * i)) & 0xf];
	out[8] = '}';
	return 9;
}

/* The terminal-safe text of the unit at s; returns its length and sets
 * *used to the input bytes it stands for. */
static size_t unit_text(const unsigned char *s, size_t len, char *out, size_t *used)
{
	unsigned char c = s[0];
	size_t n;

	*used = 1;
	if (c == '\\') {
		out[0] = '\\';
		out[1] = '\\';
		return 2;
	}
	if (c >= 0x20 && c < 0x7f) {
		out[0] = (char)c;
		return 1;
	}
	if (c == '\n' || c == '\t' || c == '\r') {
		out[0] = '\\';
		out[1] = c == '\n' ? 'n' : c == '\t' ? 't' : 'r';
		return 2;
	}
	n = c >= 0x80 ? utf8_seq_len(s, len) : 0;
	if (n && !is_c1(s, n)) {
		*used = n;
		return utf8_unit(s, n, out, false);
	}
	/* controls, 0x7f, C1 and every byte of malformed UTF-8: one at a
	 * time, so whatever follows a bad byte is judged on its own */
	out[0] = '\\';
	out[1] = 'x';
	out[2] = hexdig[c >> 4];
	out[3] = hexdig[c & 0xf];
	return 4;
}

size_t sanitize(char *dst, size_t dstlen, const char *src, size_t len)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t need = 0, pos = 0, i = 0;
	int full = dstlen == 0;

	while (i < len) {
		char unit[UNIT_MAX];
		size_t used, n = unit_text(s + i, len - i, unit, &used);

		/* once a unit does not fit, nothing after it is written either */
		if (!full && pos + n < dstlen) {
			memcpy(dst + pos, unit, n);
			pos += n;
		} else {
			full = 1;
		}
		need += n;
		i += used;
	}
	if (dstlen)
		dst[pos] = '\0';
	return need;
}

/* Escaped text goes out through a small buffer: one fwrite per unit
 * (a lock and a call per byte) made the JSON writer tracetop's hottest
 * code in an event storm. */
struct outbuf {
	FILE *f;
	size_t n;
	char b[1024];
};

static void ob_flush(struct outbuf *o)
{
	if (o->n)
		fwrite(o->b, 1, o->n, o->f);
	o->n = 0;
}

static void ob_put(struct outbuf *o, const char *s, size_t n)
{
	if (o->n + n > sizeof(o->b))
		ob_flush(o);
	if (n > sizeof(o->b)) {
		fwrite(s, 1, n, o->f);
		return;
	}
	memcpy(o->b + o->n, s, n);
	o->n += n;
}

/* Length of the run at s of printable ASCII that needs no escape in
 * either form (quote and backslash excluded). */
static size_t plain_run(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len && s[i] >= 0x20 && s[i] < 0x7f && s[i] != '"' && s[i] != '\\')
		i++;
	return i;
}

typedef size_t (*unit_fn)(const unsigned char *s, size_t len, char *out, size_t *used);

/* Writes src through the buffer: plain runs as they are, the rest unit
 * by unit in the escaped form unit() gives. */
static void put_escaped(struct outbuf *o, const char *src, size_t len, unit_fn unit)
{
	const unsigned char *s = (const unsigned char *)src;
	size_t i = 0;

	while (i < len) {
		char text[UNIT_MAX];
		size_t used, n = plain_run(s + i, len - i);

		if (n) {
			ob_put(o, (const char *)s + i, n);
			i += n;
			continue;
		}
		n = unit(s + i, len - i, text, &used);
		ob_put(o, text, n);
		i += used;
	}
}

void sanitize_fputs(FILE *f, const char *src, size_t len)
{
	struct outbuf o = { .f = f };

	put_escaped(&o, src, len, unit_text);
	ob_flush(&o);
}

/* The JSON text of the unit at s (see json_fputs). */
static size_t json_unit(const unsigned char *s, size_t len, char *out, size_t *used)
{
	unsigned char c = s[0];
	size_t n;

	*used = 1;
	if (c == '"' || c == '\\') {
		out[0] = '\\';
		out[1] = (char)c;
		return 2;
	}
	if (c >= 0x20 && c < 0x7f) {
		out[0] = (char)c;
		return 1;
	}
	n = c >= 0x80 ? utf8_seq_len(s, len) : 0;
	if (n && !is_c1(s, n)) {
		*used = n;
		return utf8_unit(s, n, out, true);
	}
	if (n) {
		/* C1: a valid code point, escaped so a terminal never sees it */
		c = s[1];
		*used = 2;
	} else if (c >= 0x80) {
		/* JSON cannot carry a raw invalid byte. It becomes the lone
		 * surrogate U+DC80 + (byte - 0x80), as Python's
		 * "surrogateescape" spells it: no valid UTF-8 text decodes to
		 * a lone surrogate, so this cannot be mistaken for text, and
		 * the bytes come back exactly (os.fsencode, or
		 * s.encode("utf-8", "surrogateescape")). */
		return put_u4(out, 0xdc00 | c);
	}
	memcpy(out, "\\u00", 4);
	out[4] = hexdig[c >> 4];
	out[5] = hexdig[c & 0xf];
	return 6;
}

void json_fputs(FILE *f, const char *src, size_t len)
{
	struct outbuf o = { .f = f };

	ob_put(&o, "\"", 1);
	put_escaped(&o, src, len, json_unit);
	ob_put(&o, "\"", 1);
	ob_flush(&o);
}
