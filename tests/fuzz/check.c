/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Output properties checked by tracetop's fuzz targets: terminal safety
 * (UTF-8 well-formedness, no C0/C1 controls) and JSON syntax. Written
 * from the specifications, independently of src/sanitize.c, so that a
 * mistake in the escaper is not repeated by the check. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* One sample line "name{k="v",...} value": 0, with the name, the labels
 * (without le) and le copied out, or -1. */
static int expo_sample(const char *line, size_t n, char *name, size_t nlen, char *labels,
		       size_t llen, char *le, size_t lelen, double *value)
{
	size_t i = 0, o = 0, start;
	char num[64], *end;

	le[0] = '\0';
#define NAMECH(c) (((c) >= 'a' && (c) <= 'z') || ((c) >= 'A' && (c) <= 'Z') || (c) == '_' || (c) == ':')
	if (!n || !NAMECH(line[0]))
		return -1;
	while (i < n && (NAMECH(line[i]) || (line[i] >= '0' && line[i] <= '9')))
		i++;
	if (i >= nlen)
		return -1;
	memcpy(name, line, i);
	name[i] = '\0';
	if (i < n && line[i] == '{') {
		i++;
		for (;;) {
			size_t k = i, v;
			int is_le;

			while (i < n && ((line[i] >= 'a' && line[i] <= 'z') || line[i] == '_'))
				i++;
			if (i == k || i + 1 >= n || line[i] != '=' || line[i + 1] != '"')
				return -1;
			is_le = i - k == 2 && !memcmp(line + k, "le", 2);
			i += 2;
			v = i;
			while (i < n && line[i] != '"') {
				if (line[i] == '\\') {
					if (i + 1 >= n || (line[i + 1] != '\\' && line[i + 1] != '"' &&
							   line[i + 1] != 'n'))
						return -1;
					i++;
				}
				i++;
			}
			if (i >= n)
				return -1;
			if (is_le) {
				if (i - v >= lelen)
					return -1;
				memcpy(le, line + v, i - v);
				le[i - v] = '\0';
			} else {
				if (o + (i + 1 - k) + 1 >= llen)
					return -1;
				memcpy(labels + o, line + k, i + 1 - k);
				o += i + 1 - k;
				labels[o++] = ',';
			}
			i++;
			if (i < n && line[i] == ',') {
				i++;
				continue;
			}
			if (i >= n || line[i] != '}')
				return -1;
			i++;
			break;
		}
	}
	labels[o] = '\0';
	if (i >= n || line[i] != ' ')
		return -1;
	start = ++i;
	if (n - start == 0 || n - start >= sizeof(num))
		return -1;
	memcpy(num, line + start, n - start);
	num[n - start] = '\0';
	*value = strtod(num, &end);
	return end != num && *end == '\0' && *value == *value ? 0 : -1;
#undef NAMECH
}

int fuzz_check_exposition(const char *buf, size_t len, int openmetrics, const char *what)
{
	char name[160], labels[1024], le[40], hname[160] = "", hlabels[1024] = "", msg[256];
	double value, last_le = -1, cum = -1, inf = -1;
	int histograms = 0, counted = 0, eof = 0, in_hist = 0;
	size_t i = 0;

	fuzz_check_terminal_safe(buf, len, 1, what);
	if (len && buf[len - 1] != '\n')
		fuzz_fail("exposition: the last line has no newline", buf, len);
	while (i < len) {
		const char *line = buf + i, *nl = memchr(line, '\n', len - i);
		size_t n = (size_t)(nl - line);

		i += n + 1;
		if (eof)
			fuzz_fail("exposition: a line after # EOF", line, n);
		if (n == 5 && !memcmp(line, "# EOF", 5)) {
			eof = 1;
			continue;
		}
		if (n && line[0] == '#') {
			if (n < 8 || (memcmp(line, "# HELP ", 7) && memcmp(line, "# TYPE ", 7) &&
				      (!openmetrics || memcmp(line, "# UNIT ", 7))))
				fuzz_fail("exposition: a comment that is no HELP, TYPE or UNIT", line, n);
			continue;
		}
		if (expo_sample(line, n, name, sizeof(name), labels, sizeof(labels), le, sizeof(le),
				&value))
			fuzz_fail("exposition: a malformed sample", line, n);
		n = strlen(name);
		if (n > 7 && !strcmp(name + n - 7, "_bucket")) {
			if (!le[0])
				fuzz_fail("exposition: a bucket without le", line, n);
			if (!in_hist || strcmp(name, hname) || strcmp(labels, hlabels)) {
				if (in_hist)
					fuzz_fail("exposition: a histogram ended without +Inf", line, n);
				snprintf(hname, sizeof(hname), "%s", name);
				snprintf(hlabels, sizeof(hlabels), "%s", labels);
				in_hist = 1;
				last_le = -1;
				cum = -1;
				histograms++;
			}
			if (value < cum)
				fuzz_fail("exposition: buckets not cumulative", line, n);
			cum = value;
			if (!strcmp(le, "+Inf")) {
				inf = value;
				in_hist = 0;
				continue;
			}
			if (strtod(le, NULL) <= last_le)
				fuzz_fail("exposition: le not rising", line, n);
			last_le = strtod(le, NULL);
			continue;
		}
		if (in_hist)
			fuzz_fail("exposition: a histogram ended without +Inf", line, n);
		if (n > 6 && !strcmp(name + n - 6, "_count") && histograms > counted &&
		    !strncmp(name, hname, n - 6) && hname[n - 6] == '_') {
			if (value != inf) {
				snprintf(msg, sizeof(msg), "exposition: _count %.0f, +Inf %.0f", value, inf);
				fuzz_fail(msg, line, n);
			}
			counted++;
		}
	}
	if (openmetrics != eof)
		fuzz_fail(openmetrics ? "exposition: OpenMetrics without # EOF" :
					"exposition: # EOF in the text format", buf, len);
	if (counted != histograms)
		fuzz_fail("exposition: a histogram without _count", buf, len);
	return histograms;
}
