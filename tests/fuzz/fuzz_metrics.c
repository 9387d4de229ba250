/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: the metrics exposition (src/out/metrics.c) and the
 * per-container totals behind it (src/core/container_totals.c). The
 * input builds a snapshot: syscall rows (ids in and beyond the table,
 * counts up to 2^64 - 1, cumulative latency slots), errnos (any value),
 * disks with names a file could give (control bytes, quotes, broken
 * UTF-8) and histogram slots, failed opens by errno, source hooks, and
 * processes in containers with hostile names over two ticks.
 *
 * Properties: both formats render; each is a well-formed exposition
 * (fuzz_check_exposition: safe UTF-8, every sample parses, histograms
 * cumulative with +Inf equal to _count, # EOF in OpenMetrics only) with
 * one histogram per timed syscall and per non-empty disk histogram; no
 * container but the top N and "other" has series. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz.h"
#include "container_totals.h"
#include "metrics.h"

struct in {
	const uint8_t *p;
	size_t n;
};

static uint64_t take(struct in *in, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++) {
		v = v << 8 | (in->n ? *in->p : 0);
		if (in->n) {
			in->p++;
			in->n--;
		}
	}
	return v;
}

static void take_str(struct in *in, char *out, size_t cap)
{
	size_t len = (size_t)take(in, 1) % cap, i;

	for (i = 0; i < len && in->n; i++)
		out[i] = (char)take(in, 1);
	out[i] = '\0';
}

static void take_hist(struct in *in, struct hist *h)
{
	unsigned k = (unsigned)take(in, 1) % 4;
	uint64_t slots[HIST_SLOTS] = { 0 };

	for (unsigned i = 0; i < k; i++)
		slots[take(in, 1) % HIST_SLOTS] += take(in, 2);
	hist_set(h, slots, HIST_SLOTS, take(in, 4));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tt_syscall_row rows[8];
	static struct hist lat[8];
	static struct tt_syscall_errno errnos[4];
	static struct tt_bio_disk disks[3];
	static uint64_t open_errs[TT_ERRNO_MAX];
	static struct tt_proc_row procs[6];
	static char names[8][32];
	struct in in = { data, size };
	struct tt_snapshot s;
	struct metrics_config c = { .version = "fuzz", .start_time_s = 1 };
	struct container_totals *ct;
	struct mbuf b = { 0 };
	int want = 0;

	memset(&s, 0, sizeof(s));
	memset(rows, 0, sizeof(rows));
	memset(disks, 0, sizeof(disks));
	memset(open_errs, 0, sizeof(open_errs));
	s.n_syscalls = (size_t)take(&in, 1) % 9;
	for (size_t i = 0; i < s.n_syscalls; i++) {
		rows[i].id = (unsigned)take(&in, 2) % 600;
		snprintf(names[i], sizeof(names[i]), "syscall_%u", rows[i].id);
		rows[i].name = names[i];
		rows[i].total = take(&in, 8);
		rows[i].errors = take(&in, 8);
		if (take(&in, 1) & 1) {
			take_hist(&in, &lat[i]);
			rows[i].lat_total = &lat[i];
			rows[i].lat_sum_ns = take(&in, 8);
			want++;
		}
	}
	s.syscalls = rows;
	s.n_errnos = (size_t)take(&in, 1) % 5;
	for (size_t i = 0; i < s.n_errnos; i++)
		errnos[i] = (struct tt_syscall_errno){ (unsigned)take(&in, 2) % 600,
						       (int)(take(&in, 2) % 5000), 0, take(&in, 8) };
	s.errnos = errnos;
	s.n_disks = (size_t)take(&in, 1) % 4;
	for (size_t d = 0; d < s.n_disks; d++) {
		take_str(&in, disks[d].name, sizeof(disks[d].name));
		for (int k = (int)take(&in, 1) % 3; k > 0; k--) {
			struct hist *h = &disks[d].total[take(&in, 1) % BIO_OP_MAX][take(&in, 1) % BIO_PH_MAX];

			take_hist(&in, h);
		}
		for (int op = 0; op < BIO_OP_MAX; op++)
			for (int ph = 0; ph < BIO_PH_MAX; ph++)
				want += disks[d].total[op][ph].count > 0;
	}
	s.disks = disks;
	for (int k = 0; k < 4; k++)
		open_errs[take(&in, 1) % TT_ERRNO_MAX] += take(&in, 4);
	s.open_errors_by_errno = open_errs;
	s.execs_ok = take(&in, 8);
	s.execs_failed = take(&in, 8);
	for (int i = 0; i < TT_SRC_MAX; i++) {
		s.src[i].state = (enum tt_source_state)(take(&in, 1) % 3);
		take_str(&in, s.src[i].hook, sizeof(s.src[i].hook));
		s.src[i].events_total = take(&in, 8);
	}
	s.self.cpu_ns = take(&in, 8);
	s.self.stats_enabled = take(&in, 1) & 1;
	s.self.bpf_run_ns = take(&in, 8);

	ct = container_totals_new((unsigned)take(&in, 1) % 5);
	if (!ct)
		return 0;
	s.procs = procs;
	for (int tick = 0; tick < 2; tick++) {
		s.n_procs = (size_t)take(&in, 1) % 7;
		for (size_t i = 0; i < s.n_procs; i++) {
			memset(&procs[i], 0, sizeof(procs[i]));
			procs[i].pid = (uint32_t)take(&in, 1) % 8;
			take_str(&in, procs[i].container, sizeof(procs[i].container));
			procs[i].delta = take(&in, 4);
			procs[i].op_delta[VFS_READ] = take(&in, 4);
			procs[i].bio_delta = take(&in, 2);
			procs[i].exec_delta = take(&in, 1);
		}
		container_totals_tick(ct, &s);
	}
	c.containers = ct;
	for (int f = METRICS_PROMETHEUS; f <= METRICS_OPENMETRICS; f++) {
		size_t n;

		if (metrics_render(&b, &s, &c, (enum metrics_format)f))
			fuzz_fail("metrics_render failed", data, size);
		if (fuzz_check_exposition(b.p, b.len, f == METRICS_OPENMETRICS, "metrics") != want)
			fuzz_fail("metrics: histograms missing or invented", b.p, b.len);
		container_totals_rows(ct, &n);
		{
			size_t seen = 0;
			const char *p = b.p;

			while ((p = strstr(p, "\ntracetop_container_syscalls_total{")) != NULL) {
				seen++;
				p++;
			}
			if (seen != n || n > 5 || !n)
				fuzz_fail("metrics: container series beyond the top and other", b.p, b.len);
		}
	}
	mbuf_fini(&b);
	container_totals_free(ct);
	return 0;
}
