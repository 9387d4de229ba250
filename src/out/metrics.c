/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Prometheus and OpenMetrics exposition of a snapshot (metrics.h). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE	/* strerrorname_np */
#endif
#include <errno.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "event_format.h"
#include "metrics.h"
#include "sanitize.h"
#include "syscall_names.h"
#include "syscalls.h"
#include "wbuf.h"

#define METRICS_TEXT_MAX (64u << 20)	/* a bug, not a machine, makes more */

void mbuf_fini(struct mbuf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

static bool mbuf_room(struct mbuf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 16384;
	char *p;

	if (b->oom)
		return false;
	if (b->len + n + 1 <= b->cap)
		return true;
	while (cap < b->len + n + 1)
		cap *= 2;
	if (cap > METRICS_TEXT_MAX || !(p = realloc(b->p, cap))) {
		b->oom = true;
		return false;
	}
	b->p = p;
	b->cap = cap;
	return true;
}

static void put(struct mbuf *b, const char *s, size_t n)
{
	if (!mbuf_room(b, n))
		return;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

/* An integer without printf: the hot path of a scrape. */
static void put_u64v(struct mbuf *b, uint64_t v)
{
	if (!mbuf_room(b, WBUF_NUM_MAX))
		return;
	b->len = (size_t)(put_u64(b->p + b->len, v) - b->p);
	b->p[b->len] = '\0';
}

static void puts_(struct mbuf *b, const char *s)
{
	put(b, s, strlen(s));
}

__attribute__((format(printf, 2, 3)))
static void putf(struct mbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (!mbuf_room(b, 256))
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		if (!mbuf_room(b, (size_t)n))
			return;
		va_start(ap, fmt);
		vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

/* A label value. Printable ASCII goes as it is, escaped as the
 * exposition formats want (backslash, double quote); anything else
 * (control bytes, broken UTF-8: what a process or a file names) is first
 * made visible by the sanitiser (sanitize.h), whose escapes then escape
 * in turn. */
static void put_value(struct mbuf *b, const char *s, size_t n)
{
	char clean[256];
	size_t len = strnlen(s, n), i, from = 0;
	bool plain = true;

	for (i = 0; i < len && plain; i++)
		plain = (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] <= 0x7e;
	if (!plain) {
		len = sanitize(clean, sizeof(clean), s, len);
		if (len >= sizeof(clean))
			len = strlen(clean);
		s = clean;
	}
	put(b, "\"", 1);
	for (i = 0; i < len; i++)
		if (s[i] == '\\' || s[i] == '"') {
			put(b, s + from, i - from);
			put(b, "\\", 1);
			from = i;
		}
	put(b, s + from, len - from);
	put(b, "\"", 1);
}

static void put_label(struct mbuf *b, bool first, const char *name, const char *value)
{
	put(b, first ? "{" : ",", 1);
	puts_(b, name);
	put(b, "=", 1);
	put_value(b, value, strlen(value));
}

/* n / 10^digits as an exact decimal into buf: "0.000512", "3", "1.5". */
static void fmt_fixed(char *buf, size_t len, uint64_t n, unsigned digits)
{
	uint64_t scale = 1;
	int k;

	for (unsigned i = 0; i < digits; i++)
		scale *= 10;
	k = snprintf(buf, len, "%llu.%0*llu", (unsigned long long)(n / scale), (int)digits,
		     (unsigned long long)(n % scale));
	while (k > 0 && buf[k - 1] == '0')
		buf[--k] = '\0';
	if (k > 0 && buf[k - 1] == '.')
		buf[--k] = '\0';
}

static void put_fixed(struct mbuf *b, uint64_t n, unsigned digits)
{
	char buf[48];

	fmt_fixed(buf, sizeof(buf), n, digits);
	puts_(b, buf);
}

enum family_type { FAM_COUNTER, FAM_GAUGE, FAM_HISTOGRAM, FAM_INFO };

/* The metadata of a family. name is the family's: a counter's samples
 * add _total, an info's _info. unit: the base unit the name ends in, or
 * NULL. */
static void family(struct mbuf *b, enum metrics_format f, const char *name, enum family_type t,
		   const char *unit, const char *help)
{
	static const char *const types[] = { "counter", "gauge", "histogram", "info" };
	const char *suffix = "";

	if (f == METRICS_PROMETHEUS) {
		/* 0.0.4 names the samples and knows no info type */
		suffix = t == FAM_COUNTER ? "_total" : t == FAM_INFO ? "_info" : "";
		putf(b, "# HELP %s%s %s\n# TYPE %s%s %s\n", name, suffix, help, name, suffix,
		     t == FAM_INFO ? "gauge" : types[t]);
		return;
	}
	putf(b, "# TYPE %s %s\n", name, types[t]);
	if (unit)
		putf(b, "# UNIT %s %s\n", name, unit);
	putf(b, "# HELP %s %s\n", name, help);
}

/* labels: "{k=\"v\"," as labels_prefix makes it, closed: "{k=\"v\"}",
 * or nothing for "{". */
static void put_closed(struct mbuf *b, const char *labels)
{
	size_t n = strlen(labels);

	if (n > 1) {
		put(b, labels, n - 1);
		put(b, "}", 1);
	}
}

/* The le value of slot i, "0.000002" ... "2147.483648": made once. */
static const char *le_of(unsigned i)
{
	static char le[HIST_SLOTS][24];
	static bool made;

	if (!made) {
		for (unsigned k = 0; k < HIST_SLOTS; k++)
			fmt_fixed(le[k], sizeof(le[k]), hist_slot_high(k), 6);
		made = true;
	}
	return le[i];
}

/* name_bucket{labels le="le"} cum */
static void bucket(struct mbuf *b, const char *name, size_t nl, const char *labels, size_t ll,
		   const char *le, uint64_t cum)
{
	put(b, name, nl);
	put(b, "_bucket", 7);
	put(b, labels, ll);
	put(b, "le=\"", 4);
	puts_(b, le);
	put(b, "\"} ", 3);
	put_u64v(b, cum);
	put(b, "\n", 1);
}

/* name_SUFFIX{labels} and a space: _sum and _count */
static void closed_sample(struct mbuf *b, const char *name, size_t nl, const char *suffix,
			  const char *labels)
{
	put(b, name, nl);
	puts_(b, suffix);
	put_closed(b, labels);
	put(b, " ", 1);
}

/* One cumulative histogram in seconds from log2 microsecond slots: slot
 * i holds durations below 2^(i+1) us, but the last, which holds all the
 * longer ones too (the kernel's programs clamp there): it has no bound
 * but +Inf. sum: in units of 10^-sum_digits s. */
static void histogram(struct mbuf *b, const char *name, const char *labels, const struct hist *h,
		      uint64_t sum, unsigned sum_digits)
{
	size_t nl = strlen(name), ll = strlen(labels);
	uint64_t cum = 0;

	for (unsigned i = 0; i + 1 < HIST_SLOTS; i++) {
		cum += h->slots[i];
		bucket(b, name, nl, labels, ll, le_of(i), cum);
	}
	cum += h->slots[HIST_SLOTS - 1];
	bucket(b, name, nl, labels, ll, "+Inf", cum);
	closed_sample(b, name, nl, "_sum", labels);
	put_fixed(b, sum, sum_digits);
	put(b, "\n", 1);
	closed_sample(b, name, nl, "_count", labels);
	put_u64v(b, cum);
	put(b, "\n", 1);
}

/* A labels prefix "{k=\"v\",k2=\"v2\"," for histogram(), in out. */
static void labels_prefix(struct mbuf *out, const char *const *kv, size_t n)
{
	out->len = 0;
	for (size_t i = 0; i + 1 < n; i += 2)
		put_label(out, i == 0, kv[i], kv[i + 1]);
	put(out, n ? "," : "{", 1);
}

static void sample_u64(struct mbuf *b, const char *name, const char *lname, const char *lvalue,
		       uint64_t v)
{
	puts_(b, name);
	if (lname) {
		put_label(b, true, lname, lvalue);
		put(b, "}", 1);
	}
	put(b, " ", 1);
	put_u64v(b, v);
	put(b, "\n", 1);
}

/* A sample with n / 2 labels, given as name, value, name, value... */
static void sample_kv(struct mbuf *b, const char *name, const char *const *kv, size_t n,
		      uint64_t v)
{
	puts_(b, name);
	for (size_t i = 0; i + 1 < n; i += 2)
		put_label(b, i == 0, kv[i], kv[i + 1]);
	put(b, n ? "} " : " ", n ? 2 : 1);
	put_u64v(b, v);
	put(b, "\n", 1);
}

static void build_and_sources(struct mbuf *b, const struct tt_snapshot *s,
			      const struct metrics_config *c, enum metrics_format f)
{
	family(b, f, "tracetop_build", FAM_INFO, NULL, "tracetop's version.");
	sample_u64(b, "tracetop_build_info", "version", c->version ? c->version : "", 1);

	family(b, f, "tracetop_source", FAM_INFO, NULL,
	       "Each source: its state (running, failed, off) and the kernel hook it uses.");
	for (int i = 0; i < TT_SRC_MAX; i++) {
		const struct tt_source_status *st = &s->src[i];
		const char *state = st->state == TT_STATE_RUNNING ? "running" :
				    st->state == TT_STATE_FAILED ? "failed" : "off";

		const char *kv[] = { "source", tt_source_name(i), "state", state, "hook", st->hook };

		sample_kv(b, "tracetop_source_info", kv, 6, 1);
	}
	family(b, f, "tracetop_events", FAM_COUNTER, NULL,
	       "Events received (exec, open) or counted (vfs, bio, syscalls), by source.");
	for (int i = 0; i < TT_SRC_MAX; i++)
		sample_u64(b, "tracetop_events_total", "source", tt_source_name(i),
			   s->src[i].events_total);
	family(b, f, "tracetop_events_lost", FAM_COUNTER, NULL,
	       "Events the kernel could not hand over, by source.");
	for (int i = 0; i < TT_SRC_MAX; i++)
		sample_u64(b, "tracetop_events_lost_total", "source", tt_source_name(i),
			   s->src[i].lost_total);
}

static void syscalls(struct mbuf *b, const struct tt_snapshot *s, enum metrics_format f,
		     struct mbuf *lab)
{
	char ebuf[32];
	bool any_lat = false;

	/* Every syscall the table names has its series from the first
	 * scrape, at 0 when not called yet: a series that appears with its
	 * first calls already counted would hide them from increase() and
	 * rate(). Ids the table does not name follow when called. */
	const struct tt_syscall_row *by_id[SYSCALL_ID_MAX] = { 0 };
	unsigned known = syscall_table_size();

	for (size_t i = 0; i < s->n_syscalls; i++)
		if (s->syscalls[i].id < SYSCALL_ID_MAX)
			by_id[s->syscalls[i].id] = &s->syscalls[i];
	for (int errors = 0; errors <= 1; errors++) {
		const char *name = errors ? "tracetop_syscall_errors_total" : "tracetop_syscalls_total";

		if (errors)
			family(b, f, "tracetop_syscall_errors", FAM_COUNTER, NULL,
			       "System calls that returned an error, by syscall.");
		else
			family(b, f, "tracetop_syscalls", FAM_COUNTER, NULL, "System calls, by syscall.");
		for (unsigned id = 0; id < SYSCALL_ID_MAX; id++) {
			const struct tt_syscall_row *r = by_id[id];
			const char *sname = id < known && id < SYSCALL_ID_MAX - 1 ? syscall_name(id) : NULL;

			if (!r && !sname)
				continue;
			sample_u64(b, name, "syscall", r ? r->name : sname,
				   r ? (errors ? r->errors : r->total) : 0);
		}
	}
	family(b, f, "tracetop_syscall_errnos", FAM_COUNTER, NULL,
	       "Failed system calls, by syscall and errno.");
	for (size_t i = 0; i < s->n_errnos; i++) {
		const struct tt_syscall_errno *e = &s->errnos[i];

		char sbuf[24];
		const char *kv[] = { "syscall", syscall_label(e->id, sbuf, sizeof(sbuf)),
				     "errno", errno_name(e->err, ebuf, sizeof(ebuf)) };

		sample_kv(b, "tracetop_syscall_errnos_total", kv, 4, e->total);
	}
	for (size_t i = 0; i < s->n_syscalls; i++)
		any_lat = any_lat || s->syscalls[i].lat_total;
	if (!any_lat)
		return;
	family(b, f, "tracetop_syscall_latency_seconds", FAM_HISTOGRAM, "seconds",
	       "Time from entry to exit of system calls while they were timed, by syscall.");
	for (size_t i = 0; i < s->n_syscalls; i++) {
		const char *kv[] = { "syscall", s->syscalls[i].name };

		if (!s->syscalls[i].lat_total)
			continue;
		labels_prefix(lab, kv, 2);
		histogram(b, "tracetop_syscall_latency_seconds", lab->p, s->syscalls[i].lat_total,
			  s->syscalls[i].lat_sum_ns, 9);
	}
}

/* Whether err has a name (errno_name writes others as numbers). */
static bool errno_known(int err)
{
	return err < TT_ERRNO_MAX - 1 && strerrorname_np(err) != NULL;
}

static void files(struct mbuf *b, const struct tt_snapshot *s, enum metrics_format f)
{
	char ebuf[32];

	family(b, f, "tracetop_vfs_operations", FAM_COUNTER, NULL,
	       "VFS operations, by operation (counted at the system calls when the source's hook says so).");
	for (int op = 0; op < VFS_OP_MAX; op++)
		sample_u64(b, "tracetop_vfs_operations_total", "op", tt_vfs_op_names[op],
			   s->vfs.total[op]);
	family(b, f, "tracetop_execs", FAM_COUNTER, NULL,
	       "exec calls, by result (ok, failed).");
	sample_u64(b, "tracetop_execs_total", "result", "ok", s->execs_ok);
	sample_u64(b, "tracetop_execs_total", "result", "failed", s->execs_failed);
	family(b, f, "tracetop_open_failures", FAM_COUNTER, NULL, "Failed opens, by errno.");
	/* each errno with a name from the start (see the syscalls), the
	 * rest once they happen */
	for (int e = 1; s->open_errors_by_errno && e < TT_ERRNO_MAX; e++)
		if (s->open_errors_by_errno[e] || errno_known(e))
			sample_u64(b, "tracetop_open_failures_total", "errno",
				   e == TT_ERRNO_MAX - 1 ? "other" : errno_name(e, ebuf, sizeof(ebuf)),
				   s->open_errors_by_errno[e]);
}

static void block_io(struct mbuf *b, const struct tt_snapshot *s, enum metrics_format f,
		     struct mbuf *lab)
{
	family(b, f, "tracetop_block_io_latency_seconds", FAM_HISTOGRAM, "seconds",
	       "Block I/O latency, by disk, operation and phase (device: issue to completion; "
	       "queue: insert to issue).");
	for (size_t d = 0; d < s->n_disks; d++)
		for (int op = 0; op < BIO_OP_MAX; op++)
			for (int ph = 0; ph < BIO_PH_MAX; ph++) {
				const struct hist *h = &s->disks[d].total[op][ph];
				const char *kv[] = { "disk", s->disks[d].name, "op", tt_bio_op_names[op],
						     "phase", tt_bio_phase_names[ph] };

				if (!h->count)
					continue;
				labels_prefix(lab, kv, 6);
				histogram(b, "tracetop_block_io_latency_seconds", lab->p, h, h->sum, 6);
			}
}

static void self(struct mbuf *b, const struct tt_snapshot *s, const struct metrics_config *c,
		 enum metrics_format f)
{
	family(b, f, "process_cpu_seconds", FAM_COUNTER, "seconds",
	       "tracetop's own CPU time, user and system.");
	puts_(b, "process_cpu_seconds_total ");
	put_fixed(b, s->self.cpu_ns, 9);
	put(b, "\n", 1);
	family(b, f, "process_resident_memory_bytes", FAM_GAUGE, "bytes",
	       "tracetop's resident memory.");
	putf(b, "process_resident_memory_bytes %llu\n", (unsigned long long)s->self.rss_kb * 1024);
	family(b, f, "process_start_time_seconds", FAM_GAUGE, "seconds",
	       "When tracetop started, in seconds since the epoch.");
	putf(b, "process_start_time_seconds %lld\n", (long long)c->start_time_s);
	family(b, f, "tracetop_bpf_map_bytes", FAM_GAUGE, "bytes",
	       "Kernel memory of tracetop's BPF maps.");
	putf(b, "tracetop_bpf_map_bytes %llu\n", (unsigned long long)s->self.map_bytes);
	family(b, f, "tracetop_http_requests", FAM_COUNTER, NULL,
	       "Requests to this endpoint, by result (served, refused: 4xx and 5xx).");
	sample_u64(b, "tracetop_http_requests_total", "result", "served", c->http_served);
	sample_u64(b, "tracetop_http_requests_total", "result", "refused", c->http_refused);
	family(b, f, "tracetop_http_connections_cut", FAM_COUNTER, NULL,
	       "Connections to this endpoint shut at their deadline, 5 s after they opened.");
	putf(b, "tracetop_http_connections_cut_total %llu\n", (unsigned long long)c->http_cut);
	if (!s->self.stats_enabled)
		return;
	family(b, f, "tracetop_bpf_run_seconds", FAM_COUNTER, "seconds",
	       "Run time of tracetop's BPF programs (with --bpf-stats).");
	puts_(b, "tracetop_bpf_run_seconds_total ");
	put_fixed(b, s->self.bpf_run_ns, 9);
	put(b, "\n", 1);
	family(b, f, "tracetop_bpf_runs", FAM_COUNTER, NULL,
	       "Runs of tracetop's BPF programs (with --bpf-stats).");
	putf(b, "tracetop_bpf_runs_total %llu\n", (unsigned long long)s->self.bpf_run_cnt);
}

static void containers(struct mbuf *b, const struct container_totals *ct, enum metrics_format f)
{
	static const struct {
		const char *name, *help;
		size_t off;
	} fams[] = {
		{ "tracetop_container_syscalls", "System calls of each container's processes.",
		  offsetof(struct container_total, syscalls) },
		{ "tracetop_container_open_failures", "Failed opens of each container's processes.",
		  offsetof(struct container_total, open_errors) },
		{ "tracetop_container_execs", "Successful execs of each container's processes' children.",
		  offsetof(struct container_total, execs) },
		{ "tracetop_container_block_io_requests",
		  "Block I/O requests each container's processes handed to the disks.",
		  offsetof(struct container_total, bio) },
	};
	size_t n;
	const struct container_total *rows = container_totals_rows(ct, &n);
	char name[96];

	for (size_t k = 0; k < sizeof(fams) / sizeof(fams[0]); k++) {
		family(b, f, fams[k].name, FAM_COUNTER, NULL, fams[k].help);
		snprintf(name, sizeof(name), "%s_total", fams[k].name);
		for (size_t i = 0; i < n; i++)
			sample_u64(b, name, "container", rows[i].name,
				   *(const uint64_t *)((const char *)&rows[i] + fams[k].off));
	}
	family(b, f, "tracetop_container_vfs_operations", FAM_COUNTER, NULL,
	       "VFS operations of each container's processes, by operation.");
	for (size_t i = 0; i < n; i++)
		for (int op = 0; op < VFS_OP_MAX; op++) {
			if (op == VFS_CREATE)	/* per process, creates count as opens */
				continue;
			const char *kv[] = { "container", rows[i].name, "op", tt_vfs_op_names[op] };

			sample_kv(b, "tracetop_container_vfs_operations_total", kv, 4, rows[i].ops[op]);
		}
}

int metrics_render(struct mbuf *b, const struct tt_snapshot *s, const struct metrics_config *c,
		   enum metrics_format f)
{
	struct mbuf lab = { 0 };

	b->len = 0;
	b->oom = false;
	build_and_sources(b, s, c, f);
	syscalls(b, s, f, &lab);
	files(b, s, f);
	block_io(b, s, f, &lab);
	self(b, s, c, f);
	if (c->containers)
		containers(b, c->containers, f);
	if (f == METRICS_OPENMETRICS)
		puts_(b, "# EOF\n");
	b->oom = b->oom || lab.oom;
	mbuf_fini(&lab);
	return b->oom ? -ENOMEM : 0;
}

enum metrics_format metrics_negotiate(const char *accept)
{
	/* Prometheus asks for OpenMetrics first and the text format second;
	 * a client that names OpenMetrics gets it, unless with q=0 */
	const char *p = accept ? strstr(accept, "application/openmetrics-text") : NULL;
	const char *end, *q;

	if (!p)
		return METRICS_PROMETHEUS;
	end = strchr(p, ',');
	end = end ? end : p + strlen(p);
	for (q = p; (q = strstr(q, "q=")) != NULL && q < end; q += 2) {
		const char *d = q + 2;

		if (q[-1] != ';' && q[-1] != ' ')
			continue;
		if (*d++ != '0')
			break;
		if (*d == '.')
			d++;
		while (*d == '0')
			d++;
		if (d >= end || *d == ';' || *d == ' ' || *d == ',' || !*d)
			return METRICS_PROMETHEUS;	/* q=0: not acceptable */
		break;
	}
	return METRICS_OPENMETRICS;
}

const char *metrics_content_type(enum metrics_format f)
{
	return f == METRICS_OPENMETRICS ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
					: "text/plain; version=0.0.4; charset=utf-8";
}
