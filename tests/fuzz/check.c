/* Output properties checked by tracetop's fuzz targets: terminal safety
 * (UTF-8 well-formedness, no C0/C1 controls) and JSON syntax. Written
 * from the specifications, independently of src/sanitize.c, so that a
 * mistake in the escaper is not repeated by the check. */
#include <stdio.h>
#include <stdlib.h>
#include "fuzz.h"

void fuzz_fail(const char *what, const void *buf, size_t len)
{
	const unsigned char *b = buf;
	size_t i;

	fprintf(stderr, "fuzz: %s\nfuzz: offending bytes (%zu):", what, len);
	for (i = 0; i < len && i < 512; i++)
		fprintf(stderr, "%s%02x", i % 32 ? " " : "\n  ", b[i]);
	fputc('\n', stderr);
	abort();
}

size_t fuzz_utf8_char(const unsigned char *s, size_t len)
{
	unsigned char c = s[0], lo = 0x80, hi = 0xbf;
	size_t n, i;

	if (c < 0x80)
		return 1;
	if (c < 0xc2 || c > 0xf4)
		return 0;
	n = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	if (len < n)
		return 0;
	switch (c) {
	case 0xe0: lo = 0xa0; break;
	case 0xed: hi = 0x9f; break;
	case 0xf0: lo = 0x90; break;
	case 0xf4: hi = 0x8f; break;
	}
	if (s[1] < lo || s[1] > hi)
		return 0;
	for (i = 2; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	return n;
}

void fuzz_check_terminal_safe(const char *buf, size_t len, int newlines, const char *what)
{
	const unsigned char *s = (const unsigned char *)buf;
	size_t i = 0, n;
	char msg[160];

	while (i < len) {
		n = fuzz_utf8_char(s + i, len - i);
		if (!n) {
			snprintf(msg, sizeof(msg), "%s: invalid UTF-8 at offset %zu", what, i);
			fuzz_fail(msg, buf, len);
		}
		if ((n == 1 && (s[i] < 0x20 || s[i] == 0x7f) && !(newlines && s[i] == '\n')) ||
		    (n == 2 && s[i] == 0xc2 && s[i + 1] < 0xa0)) {
			snprintf(msg, sizeof(msg), "%s: control character at offset %zu", what, i);
			fuzz_fail(msg, buf, len);
		}
		i += n;
	}
}

/* A recursive-descent JSON checker. Depth is bounded: tracetop's
 * documents nest a handful of levels. */
struct json {
	const char *s;
	size_t len, pos;
};

static int json_value(struct json *j, int depth);

static void json_blank(struct json *j)
{
	while (j->pos < j->len && (j->s[j->pos] == ' ' || j->s[j->pos] == '\t' ||
				   j->s[j->pos] == '\n' || j->s[j->pos] == '\r'))
		j->pos++;
}

static int json_peek(const struct json *j)
{
	return j->pos < j->len ? (unsigned char)j->s[j->pos] : -1;
}

static int json_hex(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int json_string(struct json *j)
{
	const unsigned char *s = (const unsigned char *)j->s;
	size_t n, k;

	if (json_peek(j) != '"')
		return -1;
	j->pos++;
	while (j->pos < j->len) {
		unsigned char c = s[j->pos];

		if (c == '"') {
			j->pos++;
			return 0;
		}
		if (c < 0x20)
			return -1;	/* raw control characters are not JSON */
		if (c == '\\') {
			if (++j->pos >= j->len)
				return -1;
			c = s[j->pos];
			if (c == 'u') {
				for (k = 1; k <= 4; k++)
					if (j->pos + k >= j->len || !json_hex(s[j->pos + k]))
						return -1;
				j->pos += 5;
			} else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' ||
				   c == 'n' || c == 'r' || c == 't') {
				j->pos++;
			} else {
				return -1;
			}
			continue;
		}
		n = fuzz_utf8_char(s + j->pos, j->len - j->pos);
		if (!n)
			return -1;	/* JSON text is UTF-8 */
		j->pos += n;
	}
	return -1;
}

static int json_digits(struct json *j)
{
	size_t start = j->pos;

	while (json_peek(j) >= '0' && json_peek(j) <= '9')
		j->pos++;
	return j->pos > start ? 0 : -1;
}

static int json_number(struct json *j)
{
	if (json_peek(j) == '-')
		j->pos++;
	if (json_peek(j) == '0')
		j->pos++;
	else if (json_digits(j))
		return -1;
	if (json_peek(j) == '.') {
		j->pos++;
		if (json_digits(j))
			return -1;
	}
	if (json_peek(j) == 'e' || json_peek(j) == 'E') {
		j->pos++;
		if (json_peek(j) == '+' || json_peek(j) == '-')
			j->pos++;
		if (json_digits(j))
			return -1;
	}
	return 0;
}

static int json_word(struct json *j, const char *w)
{
	for (; *w; w++, j->pos++)
		if (json_peek(j) != *w)
			return -1;
	return 0;
}

/* Members of an object (pairs) or elements of an array, after the
 * opening bracket. */
static int json_list(struct json *j, int depth, int close, int pairs)
{
	json_blank(j);
	if (json_peek(j) == close) {
		j->pos++;
		return 0;
	}
	for (;;) {
		if (pairs) {
			json_blank(j);
			if (json_string(j))
				return -1;
			json_blank(j);
			if (json_peek(j) != ':')
				return -1;
			j->pos++;
		}
		if (json_value(j, depth + 1))
			return -1;
		json_blank(j);
		if (json_peek(j) == close) {
			j->pos++;
			return 0;
		}
		if (json_peek(j) != ',')
			return -1;
		j->pos++;
	}
}

static int json_value(struct json *j, int depth)
{
	int c;

	if (depth > 64)
		return -1;
	json_blank(j);
	c = json_peek(j);
	switch (c) {
	case '{':
		j->pos++;
		return json_list(j, depth, '}', 1);
	case '[':
		j->pos++;
		return json_list(j, depth, ']', 0);
	case '"':
		return json_string(j);
	case 't':
		return json_word(j, "true");
	case 'f':
		return json_word(j, "false");
	case 'n':
		return json_word(j, "null");
	default:
		return c == '-' || (c >= '0' && c <= '9') ? json_number(j) : -1;
	}
}

void fuzz_check_json(const char *buf, size_t len, const char *what)
{
	struct json j = { buf, len, 0 };
	char msg[160];

	if (json_value(&j, 0) == 0) {
		json_blank(&j);
		if (j.pos == len)
			return;
	}
	snprintf(msg, sizeof(msg), "%s: not one JSON value (error near offset %zu)", what, j.pos);
	fuzz_fail(msg, buf, len);
}
