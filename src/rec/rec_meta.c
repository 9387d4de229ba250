/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A recording's header lines; see rec_meta.h. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "rec_meta.h"

static void put_value(struct rec_buf *out, const char *key, const char *v)
{
	static const char hex[] = "0123456789abcdef";

	rec_buf_put(out, key, strlen(key));
	rec_buf_put(out, "=", 1);
	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;

		if (c < 0x20 || c == 0x7f || c == '%') {
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };

			rec_buf_put(out, esc, 3);
		} else {
			rec_buf_put(out, v, 1);
		}
	}
	rec_buf_put(out, "\n", 1);
}

void rec_meta_format(const struct rec_meta *m, struct rec_buf *out)
{
	char num[64];

	put_value(out, "tracetop", m->version);
	put_value(out, "host", m->host);
	put_value(out, "kernel", m->kernel);
	put_value(out, "arch", m->arch);
	snprintf(num, sizeof(num), "%.17g", m->interval_s);
	put_value(out, "interval", num);
	snprintf(num, sizeof(num), "%" PRIu32, m->pid);
	put_value(out, "pid", num);
	snprintf(num, sizeof(num), "%" PRId64, m->wall_offset_ns);
	put_value(out, "wall-offset-ns", num);
	snprintf(num, sizeof(num), "%" PRId64, m->started_ms);
	put_value(out, "started-ms", num);
	snprintf(num, sizeof(num), "%" PRIu64, m->log_capacity);
	put_value(out, "events", num);
	snprintf(num, sizeof(num), "%" PRIu64, m->log_text_bytes);
	put_value(out, "events-text-bytes", num);
	if (m->keep) {
		snprintf(num, sizeof(num), "%" PRIu64, m->keep);
		put_value(out, "keep", num);
	}
	if (m->file_no) {
		snprintf(num, sizeof(num), "%" PRIu32, m->file_no);
		put_value(out, "file", num);
	}
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes value (n bytes) into dst (cap bytes). 0, or -1. */
static int get_value(char *dst, size_t cap, const char *v, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < n; i++) {
		char c = v[i];

		if (c == '%') {
			int hi, lo;

			if (i + 2 >= n)
				return -1;
			hi = hexval(v[i + 1]);
			lo = hexval(v[i + 2]);
			if (hi < 0 || lo < 0)
				return -1;
			c = (char)(hi << 4 | lo);
			i += 2;
		}
		if (c == '\0' || o + 1 >= cap)
			return -1;
		dst[o++] = c;
	}
	dst[o] = '\0';
	return 0;
}

/* val, already decoded, into dst: 0, or -1 when it does not fit. */
static int copy_value(char *dst, size_t cap, const char *val)
{
	size_t n = strlen(val);

	if (n >= cap)
		return -1;
	memcpy(dst, val, n + 1);
	return 0;
}

static int get_int(const char *s, long long min, long long max, long long *out)
{
	char *end;

	errno = 0;
	*out = strtoll(s, &end, 10);
	return errno || end == s || *end || *out < min || *out > max ? -1 : 0;
}

static const char *const known_keys[] = {
	"tracetop", "host", "kernel", "arch", "interval", "pid", "wall-offset-ns", "started-ms",
	"events", "events-text-bytes", "keep", "file", NULL,
};

int rec_meta_parse(struct rec_meta *m, const char *text, size_t n, char *why, size_t len)
{
	const char *p = text, *end = text + n;
	bool have_interval = false;

	memset(m, 0, sizeof(*m));
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eq;
		char val[256], key[32];
		size_t klen;
		long long v;
		int bad = 0;
		bool known;

		if (!nl) {
			snprintf(why, len, "the header's last line is not ended");
			return -1;
		}
		eq = memchr(p, '=', (size_t)(nl - p));
		klen = eq ? (size_t)(eq - p) : 0;
		if (!eq || !klen || klen >= sizeof(key)) {
			snprintf(why, len, "a header line is not key=value");
			return -1;
		}
		memcpy(key, p, klen);
		key[klen] = '\0';
		p = nl + 1;
		known = false;
		for (const char *const *k = known_keys; *k; k++)
			known |= !strcmp(key, *k);
		if (!known)	/* a later version's: its value is not read */
			continue;
		if (get_value(val, sizeof(val), eq + 1, (size_t)(nl - eq - 1))) {
			snprintf(why, len, "the header's %s value is damaged", key);
			return -1;
		}
		if (!strcmp(key, "tracetop"))
			bad = copy_value(m->version, sizeof(m->version), val);
		else if (!strcmp(key, "host"))
			bad = copy_value(m->host, sizeof(m->host), val);
		else if (!strcmp(key, "kernel"))
			bad = copy_value(m->kernel, sizeof(m->kernel), val);
		else if (!strcmp(key, "arch"))
			bad = copy_value(m->arch, sizeof(m->arch), val);
		else if (!strcmp(key, "interval")) {
			char *e;

			m->interval_s = strtod(val, &e);
			bad = e == val || *e || !(m->interval_s > 0 && m->interval_s <= 86400);
			have_interval = !bad;
		} else if (!strcmp(key, "pid")) {
			bad = get_int(val, 0, UINT32_MAX, &v);
			m->pid = (uint32_t)v;
		} else if (!strcmp(key, "wall-offset-ns")) {
			bad = get_int(val, INT64_MIN, INT64_MAX, &v);
			m->wall_offset_ns = v;
		} else if (!strcmp(key, "started-ms")) {
			bad = get_int(val, INT64_MIN, INT64_MAX, &v);
			m->started_ms = v;
		} else if (!strcmp(key, "events")) {
			bad = get_int(val, 0, INT64_MAX, &v);
			m->log_capacity = v < REC_META_EVENTS_MAX ? (uint64_t)v : REC_META_EVENTS_MAX;
		} else if (!strcmp(key, "keep")) {
			bad = get_int(val, 0, INT64_MAX, &v);
			m->keep = (uint64_t)v;
		} else if (!strcmp(key, "file")) {
			bad = get_int(val, 0, UINT32_MAX, &v);
			m->file_no = (uint32_t)v;
		} else if (!strcmp(key, "events-text-bytes")) {
			bad = get_int(val, 0, INT64_MAX, &v);
			m->log_text_bytes = (uint64_t)v < REC_META_TEXT_MAX ? (uint64_t)v : REC_META_TEXT_MAX;
		}
		if (bad) {
			snprintf(why, len, "the header's %s value is not valid", key);
			return -1;
		}
	}
	if (!have_interval) {
		snprintf(why, len, "the header has no interval");
		return -1;
	}
	rec_tame(m->version, sizeof(m->version));
	rec_tame(m->host, sizeof(m->host));
	rec_tame(m->kernel, sizeof(m->kernel));
	rec_tame(m->arch, sizeof(m->arch));
	return 0;
}
