/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The metrics exposition (src/out/metrics.c), the per-container totals
 * behind --metrics-by (src/core/container_totals.c) and --listen's
 * address syntax (src/app/http.c): both formats well-formed (the fuzz
 * targets' checker, tests/fuzz/check.c), exact values, hostile label
 * values escaped, durations exact. */
#include <errno.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <cmocka.h>
#include "container_totals.h"
#include "fuzz.h"
#include "http.h"
#include "metrics.h"

static struct tt_syscall_row rows[2];
static struct tt_syscall_errno errnos[1];
static struct tt_bio_disk disk;
static struct hist lat;
static uint64_t open_errs[TT_ERRNO_MAX];
static struct tt_snapshot snap;

static void fill(void)
{
	memset(&snap, 0, sizeof(snap));
	memset(rows, 0, sizeof(rows));
	memset(&disk, 0, sizeof(disk));
	memset(open_errs, 0, sizeof(open_errs));
	hist_clear(&lat);
	rows[0] = (struct tt_syscall_row){ .id = SYS_getppid, .name = "getppid", .total = 9007199254740993ull,
					   .errors = 0 };
	rows[1] = (struct tt_syscall_row){ .id = SYS_openat, .name = "openat", .total = 30, .errors = 7 };
	hist_add(&lat, 0);
	hist_add(&lat, 3);
	hist_add(&lat, 1000);
	hist_add(&lat, 1ull << 40);	/* 12.7 days: the kernel's last slot holds it */
	rows[1].lat_total = &lat;
	rows[1].lat_sum_ns = 1003123;
	snap.syscalls = rows;
	snap.n_syscalls = 2;
	errnos[0] = (struct tt_syscall_errno){ .id = SYS_openat, .err = ENOENT, .total = 7 };
	snap.errnos = errnos;
	snap.n_errnos = 1;
	/* a device name no kernel gives, but a file could */
	snprintf(disk.name, sizeof(disk.name), "v\"d\\a\n\x1b[31m");
	hist_add(&disk.total[BIO_OP_WRITE][BIO_PH_DEVICE], 100);
	hist_add(&disk.total[BIO_OP_WRITE][BIO_PH_DEVICE], 200);
	hist_add(&disk.total[BIO_OP_WRITE][BIO_PH_DEVICE], 5000000);
	disk.total[BIO_OP_WRITE][BIO_PH_DEVICE].sum = 5000300;
	snap.disks = &disk;
	snap.n_disks = 1;
	open_errs[ENOENT] = 60;
	open_errs[EACCES] = 2;
	snap.open_errors_by_errno = open_errs;
	snap.execs_ok = 5;
	snap.execs_failed = 11;
	snap.vfs.total[VFS_READ] = 1500;
	snap.self.cpu_ns = 1234567891;
	snap.self.rss_kb = 100;
	for (int i = 0; i < TT_SRC_MAX; i++)
		snap.src[i].state = TT_STATE_RUNNING;
	snprintf(snap.src[TT_SRC_VFS].hook, sizeof(snap.src[0].hook), "tracepoint");
	snprintf(snap.src[TT_SRC_EXEC].hook, sizeof(snap.src[0].hook), "a\\b\"c");
}

/* The value of the sample that starts with prefix (name and labels). */
static const char *value_of(const char *text, const char *prefix)
{
	const char *p = text;
	size_t n = strlen(prefix);

	while ((p = strstr(p, prefix)) != NULL) {
		if ((p == text || p[-1] == '\n') && p[n] == ' ')
			return p + n + 1;
		p += n;
	}
	fail_msg("no sample %s", prefix);
	return NULL;
}

static void test_formats(void **state)
{
	struct metrics_config c = { .version = "1.2.3", .start_time_s = 1700000000 };
	struct mbuf b = { 0 };

	(void)state;
	fill();
	for (int f = METRICS_PROMETHEUS; f <= METRICS_OPENMETRICS; f++) {
		assert_int_equal(metrics_render(&b, &snap, &c, f), 0);
		/* well-formed, histograms whole (aborts otherwise) */
		assert_int_equal(fuzz_check_exposition(b.p, b.len, f == METRICS_OPENMETRICS, "unit"), 2);
		assert_int_equal(strlen(b.p), b.len);
		/* integers whole, beyond a double's 2^53 */
		assert_int_equal(strncmp(value_of(b.p, "tracetop_syscalls_total{syscall=\"getppid\"}"),
					 "9007199254740993\n", 17), 0);
		assert_int_equal(strncmp(value_of(b.p, "tracetop_open_failures_total{errno=\"ENOENT\"}"),
					 "60\n", 3), 0);
		assert_int_equal(strncmp(value_of(b.p, "tracetop_execs_total{result=\"failed\"}"),
					 "11\n", 3), 0);
		assert_int_equal(strncmp(value_of(b.p, "tracetop_syscall_errnos_total{syscall=\"openat\","
						       "errno=\"ENOENT\"}"), "7\n", 2), 0);
		/* durations as exact decimals of seconds */
		assert_int_equal(strncmp(value_of(b.p, "process_cpu_seconds_total"), "1.234567891\n", 12), 0);
		assert_int_equal(strncmp(value_of(b.p, "tracetop_syscall_latency_seconds_sum{syscall=\"openat\"}"),
					 "0.001003123\n", 12), 0);
		/* the last slot is under +Inf alone: not under 2147.483648 s */
		assert_non_null(strstr(b.p, "tracetop_syscall_latency_seconds_bucket{syscall=\"openat\","
					    "le=\"2147.483648\"} 3\n"));
		assert_non_null(strstr(b.p, "tracetop_syscall_latency_seconds_bucket{syscall=\"openat\","
					    "le=\"+Inf\"} 4\n"));
		/* 100 and 200 us fall below 128 and 256 us; 5 s below 2^23 us */
		assert_non_null(strstr(b.p, "op=\"write\",phase=\"device\",le=\"0.000128\"} 1\n"));
		assert_non_null(strstr(b.p, "op=\"write\",phase=\"device\",le=\"0.000256\"} 2\n"));
		assert_non_null(strstr(b.p, "op=\"write\",phase=\"device\",le=\"4.194304\"} 2\n"));
		assert_non_null(strstr(b.p, "op=\"write\",phase=\"device\",le=\"8.388608\"} 3\n"));
		assert_non_null(strstr(b.p, "op=\"write\",phase=\"device\",le=\"+Inf\"} 3\n"));
		assert_non_null(strstr(b.p, "phase=\"device\"} 5.0003\n"));	/* _sum */
		assert_non_null(strstr(b.p, "phase=\"device\"} 3\n"));	/* _count */
		/* the hostile name: quote and backslash escaped, the control
		 * bytes made visible by the sanitiser first */
		assert_non_null(strstr(b.p, "disk=\"v\\\"d\\\\\\\\a\\\\n\\\\x1b[31m\""));
		assert_null(strchr(b.p, '\x1b'));
		/* printable ASCII: only the exposition's own escapes */
		assert_non_null(strstr(b.p, "hook=\"a\\\\b\\\"c\"}"));
		/* the last slot holds all the longer ones: +Inf alone bounds it */
		assert_null(strstr(b.p, "le=\"4294.967296\""));
		assert_non_null(strstr(b.p, "le=\"2147.483648\""));
		/* what no workload made is not invented */
		assert_null(strstr(b.p, "op=\"read\",phase"));
		assert_null(strstr(b.p, "tracetop_bpf_run_seconds"));
	}
	/* the family names of each format */
	assert_non_null(strstr(b.p, "# TYPE tracetop_syscalls counter\n"));
	assert_non_null(strstr(b.p, "# TYPE tracetop_build info\n"));
	assert_non_null(strstr(b.p, "# UNIT tracetop_block_io_latency_seconds seconds\n"));
	assert_int_equal(metrics_render(&b, &snap, &c, METRICS_PROMETHEUS), 0);
	assert_non_null(strstr(b.p, "# TYPE tracetop_syscalls_total counter\n"));
	assert_non_null(strstr(b.p, "# TYPE tracetop_build_info gauge\n"));
	assert_null(strstr(b.p, "# UNIT"));
	assert_null(strstr(b.p, "# EOF"));
	mbuf_fini(&b);
}

static void test_negotiate(void **state)
{
	(void)state;
	assert_int_equal(metrics_negotiate(NULL), METRICS_PROMETHEUS);
	assert_int_equal(metrics_negotiate("*/*"), METRICS_PROMETHEUS);
	assert_int_equal(metrics_negotiate("application/openmetrics-text;version=1.0.0,"
					   "text/plain;version=0.0.4;q=0.5,*/*;q=0.1"),
			 METRICS_OPENMETRICS);
	assert_int_equal(metrics_negotiate("application/openmetrics-text;q=0,text/plain"),
			 METRICS_PROMETHEUS);
	assert_int_equal(metrics_negotiate("application/openmetrics-text; q=0.000, */*"),
			 METRICS_PROMETHEUS);
	assert_int_equal(metrics_negotiate("application/openmetrics-text;q=0.5"), METRICS_OPENMETRICS);
	assert_non_null(strstr(metrics_content_type(METRICS_OPENMETRICS), "version=1.0.0"));
	assert_non_null(strstr(metrics_content_type(METRICS_PROMETHEUS), "version=0.0.4"));
}

static struct tt_proc_row prow(uint32_t pid, const char *container, uint64_t calls)
{
	struct tt_proc_row r;

	memset(&r, 0, sizeof(r));
	r.pid = pid;
	r.delta = calls;
	r.op_delta[VFS_READ] = calls / 2;
	snprintf(r.container, sizeof(r.container), "%s", container);
	return r;
}

static uint64_t calls_of(const struct container_totals *t, const char *name)
{
	size_t n;
	const struct container_total *r = container_totals_rows(t, &n);

	for (size_t i = 0; i < n; i++)
		if (!strcmp(r[i].name, name))
			return r[i].syscalls;
	return UINT64_MAX;	/* no series */
}

/* Every series only goes up, and together they hold every call. */
static void check_series(const struct container_totals *t, uint64_t *prev, size_t nprev,
			 uint64_t all)
{
	size_t n;
	const struct container_total *r = container_totals_rows(t, &n);
	uint64_t sum = 0;

	assert_string_equal(r[n - 1].name, CONTAINER_OTHER);
	for (size_t i = 0; i < n; i++) {
		sum += r[i].syscalls;
		for (size_t k = 0; k < nprev; k += 2)
			if (prev[k] == i)	/* same row index: same name (sorted, names stay) */
				assert_true(r[i].syscalls >= prev[k + 1]);
	}
	assert_int_equal(sum, all);
}

static void test_containers(void **state)
{
	struct container_totals *t = container_totals_new(2);
	struct tt_proc_row p[4];
	struct tt_snapshot s = { .procs = p };
	uint64_t seen[8];

	(void)state;
	assert_non_null(t);
	/* tick 1: db and web are the busiest, named with all they did */
	p[0] = prow(10, "web.service", 100);
	p[1] = prow(11, "web.service", 50);
	p[2] = prow(20, "db.service", 300);
	p[3] = prow(30, "", 7);
	s.n_procs = 4;
	assert_int_equal(container_totals_tick(t, &s), 0);
	assert_int_equal(calls_of(t, "db.service"), 300);
	assert_int_equal(calls_of(t, "web.service"), 150);
	assert_int_equal(calls_of(t, CONTAINER_OTHER), 7);	/* the unknown, past the top 2 */
	assert_int_equal(calls_of(t, CONTAINER_UNKNOWN), UINT64_MAX);
	check_series(t, NULL, 0, 457);
	seen[0] = 0, seen[1] = 300, seen[2] = 1, seen[3] = 150, seen[4] = 2, seen[5] = 7;
	/* tick 2: a container busier than both comes; the names stay (a
	 * series never goes down), it is summed with the others */
	p[0] = prow(10, "web.service", 60);
	p[1] = prow(40, "batch.scope", 10000);
	s.n_procs = 2;
	assert_int_equal(container_totals_tick(t, &s), 0);
	assert_int_equal(calls_of(t, "web.service"), 210);
	assert_int_equal(calls_of(t, "db.service"), 300);
	assert_int_equal(calls_of(t, "batch.scope"), UINT64_MAX);
	assert_int_equal(calls_of(t, CONTAINER_OTHER), 10007);
	check_series(t, seen, 6, 10517);
	/* an idle tick adds nothing */
	s.n_procs = 0;
	assert_int_equal(container_totals_tick(t, &s), 0);
	check_series(t, seen, 6, 10517);
	container_totals_free(t);

	/* room, but "x" came when none was left that interval: named at
	 * its next activity, its series holds what it did from then on and
	 * what it did before stays the others'; execs alone are activity;
	 * the unknown is never named */
	t = container_totals_new(2);
	assert_non_null(t);
	p[0] = prow(10, "a", 5);
	p[1] = prow(11, "b", 9);
	p[2] = prow(12, "x", 0);
	p[2].exec_delta = 3;
	p[3] = prow(13, "", 1000);
	s.n_procs = 4;
	assert_int_equal(container_totals_tick(t, &s), 0);
	assert_int_equal(calls_of(t, "a"), 5);
	assert_int_equal(calls_of(t, "b"), 9);
	assert_int_equal(calls_of(t, "x"), UINT64_MAX);	/* the two slots went to a and b */
	assert_int_equal(calls_of(t, CONTAINER_OTHER), 1000);
	container_totals_free(t);

	t = container_totals_new(3);
	assert_non_null(t);
	p[0] = prow(12, "x", 0);
	p[0].exec_delta = 3;
	p[1] = prow(13, "", 1000);
	s.n_procs = 2;
	assert_int_equal(container_totals_tick(t, &s), 0);	/* x named with its execs */
	{
		size_t n;
		const struct container_total *r = container_totals_rows(t, &n);

		assert_int_equal(n, 2);
		assert_string_equal(r[0].name, "x");
		assert_int_equal(r[0].execs, 3);
		assert_int_equal(r[1].syscalls, 1000);	/* /other: the unknown */
	}
	container_totals_free(t);

	t = container_totals_new(1);
	assert_non_null(t);
	p[0] = prow(10, "a", 5);
	s.n_procs = 1;
	assert_int_equal(container_totals_tick(t, &s), 0);
	p[0] = prow(12, "y", 7);
	assert_int_equal(container_totals_tick(t, &s), 0);	/* no room: y is the others' */
	p[0] = prow(12, "y", 11);
	assert_int_equal(container_totals_tick(t, &s), 0);
	assert_int_equal(calls_of(t, "a"), 5);
	assert_int_equal(calls_of(t, CONTAINER_OTHER), 18);
	container_totals_free(t);
}

static void test_listen_syntax(void **state)
{
	char host[64], err[256];
	uint16_t port;

	(void)state;
	assert_int_equal(http_parse_listen("9100", host, sizeof(host), &port, err, sizeof(err)), 0);
	assert_string_equal(host, "127.0.0.1");
	assert_int_equal(port, 9100);
	assert_int_equal(http_parse_listen("0.0.0.0:80", host, sizeof(host), &port, err, sizeof(err)), 0);
	assert_string_equal(host, "0.0.0.0");
	assert_int_equal(port, 80);
	assert_int_equal(http_parse_listen("[::1]:9", host, sizeof(host), &port, err, sizeof(err)), 0);
	assert_string_equal(host, "::1");
	assert_int_equal(http_parse_listen("localhost:0", host, sizeof(host), &port, err, sizeof(err)), 0);
	assert_int_equal(port, 0);
	static const char *const bad[] = { "", ":9100", "65536", "-1", "x", "1:2:3", "[::1]",
					   "[]:9", "host:", "9100 ", "+9" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		assert_int_equal(http_parse_listen(bad[i], host, sizeof(host), &port, err, sizeof(err)),
				 -EINVAL);
		assert_non_null(strstr(err, "--listen"));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_formats),
		cmocka_unit_test(test_negotiate),
		cmocka_unit_test(test_containers),
		cmocka_unit_test(test_listen_syntax),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
