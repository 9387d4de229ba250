/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The metrics' rendering time: a snapshot the size of a busy machine's
 * with syscalls timed (every syscall the build names, 40 of them called
 * and timed with latency histograms, their errnos, three disks with
 * every operation and phase, failed opens by a dozen errnos) rendered
 * into the exposition again and again, in both formats; prints the
 * series and the median and p99 time of one rendering. What a scrape
 * costs beyond it (accepting, parsing, sending) is bench/run's metrics
 * step's.
 *
 *   ttb-metrics [RENDERS]   (default 2000) */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "clock.h"
#include "metrics.h"
#include "syscall_names.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	static struct tt_syscall_row rows[40];
	static struct hist lat[40];
	static struct tt_syscall_errno errnos[40];
	static struct tt_bio_disk disks[3];
	static uint64_t open_errs[TT_ERRNO_MAX];
	struct tt_snapshot s = { 0 };
	struct metrics_config c = { .version = "bench", .start_time_s = 1 };
	struct mbuf b = { 0 };
	int n = argc > 1 ? atoi(argv[1]) : 2000;
	double *t = calloc((size_t)(n > 0 ? n : 1), sizeof(*t));
	size_t series = 0;

	if (!t || n < 1)
		return 1;
	for (unsigned i = 0, id = 0; i < 40; id++) {
		const char *name = syscall_name(id);

		if (!name)
			continue;
		rows[i] = (struct tt_syscall_row){ .id = id, .name = name, .total = 1000003 * id,
						   .errors = id, .lat_total = &lat[i],
						   .lat_sum_ns = 123456789 };
		for (unsigned k = 0; k < 12; k++)
			hist_add(&lat[i], (uint64_t)1 << k);
		errnos[i] = (struct tt_syscall_errno){ id, ENOENT + (int)(i % 5), 1.0, 77 };
		i++;
	}
	s.syscalls = rows;
	s.n_syscalls = 40;
	s.errnos = errnos;
	s.n_errnos = 40;
	for (unsigned d = 0; d < 3; d++) {
		snprintf(disks[d].name, sizeof(disks[d].name), "vd%c", 'a' + d);
		for (int op = 0; op < BIO_OP_MAX; op++)
			for (int ph = 0; ph < BIO_PH_MAX; ph++)
				for (unsigned k = 3; k < 15; k++)
					hist_add(&disks[d].total[op][ph], (uint64_t)1 << k);
	}
	s.disks = disks;
	s.n_disks = 3;
	for (int e = 1; e < 13; e++)
		open_errs[e] = 1000u * (unsigned)e;
	s.open_errors_by_errno = open_errs;
	for (int i = 0; i < TT_SRC_MAX; i++) {
		s.src[i].state = TT_STATE_RUNNING;
		snprintf(s.src[i].hook, sizeof(s.src[i].hook), "tp_btf");
	}
	for (int i = 0; i < n; i++) {
		uint64_t t0 = clock_mono_ns();

		if (metrics_render(&b, &s, &c, i % 2 ? METRICS_OPENMETRICS : METRICS_PROMETHEUS))
			return 1;
		t[i] = (double)(clock_mono_ns() - t0) / 1e6;
	}
	for (size_t i = 0; i < b.len; i++)
		series += b.p[i] == '\n' && i + 1 < b.len && b.p[i + 1] != '#';
	qsort(t, (size_t)n, sizeof(*t), cmp_double);
	printf("rendering %zu series (%zu bytes): median %.3f ms, p99 %.3f ms over %d renders\n",
	       series, b.len, t[n / 2], t[n * 99 / 100], n);
	mbuf_fini(&b);
	free(t);
	return 0;
}
