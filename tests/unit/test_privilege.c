/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Unit tests of the privilege and kernel checks (src/privilege.c) and of
 * the probe report's facts (src/report.c), against fake roots built in a
 * temporary directory: each case is one sentence and one exit code. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "exit_codes.h"
#include "privilege.h"
#include "report.h"

#define ALL_CAPS "000001ffffffffff"
#define BPF_PERFMON "000000c000000000"	/* CAP_PERFMON (38) + CAP_BPF (39) */
#define SYS_ADMIN "0000000000200000"	/* CAP_SYS_ADMIN (21) only */
#define BPF_ONLY "0000008000000000"

static char root[64];

static void put(const char *rel, const char *text)
{
	char path[256], dir[256], *slash;
	FILE *f;

	snprintf(path, sizeof(path), "%s%s", root, rel);
	snprintf(dir, sizeof(dir), "%s", path);
	for (slash = dir + strlen(root) + 1; (slash = strchr(slash, '/')); slash++) {
		*slash = '\0';
		mkdir(dir, 0755);
		*slash = '/';
	}
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A root with the given CapEff, BTF or not, and a lockdown line or none. */
static void make_root(const char *caps, int btf, const char *lockdown)
{
	char status[256];
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(mkdir(root, 0755), 0);
	snprintf(status, sizeof(status), "Name:\ttracetop\nCapInh:\t0000000000000000\n"
		 "CapPrm:\t%s\nCapEff:\t%s\nCapBnd:\t%s\n", caps, caps, caps);
	put("/proc/self/status", status);
	put("/proc/mounts", "sysfs /sys sysfs rw 0 0\n"
	    "tracefs /sys/kernel/tracing tracefs rw 0 0\n");
	if (btf)
		put("/sys/kernel/btf/vmlinux", "BTF");
	if (lockdown)
		put("/sys/kernel/security/lockdown", lockdown);
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof(root), "/tmp/tt-priv-XXXXXX");
	return mkdtemp(root) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_caps_enough(void **state)
{
	(void)state;
	assert_true(privilege_caps_enough(strtoull(ALL_CAPS, NULL, 16)));
	assert_true(privilege_caps_enough(strtoull(BPF_PERFMON, NULL, 16)));
	assert_true(privilege_caps_enough(strtoull(SYS_ADMIN, NULL, 16)));
	assert_false(privilege_caps_enough(strtoull(BPF_ONLY, NULL, 16)));
	assert_false(privilege_caps_enough(0));
}

static void test_check_ok(void **state)
{
	char msg[256] = "";

	(void)state;
	make_root(ALL_CAPS, 1, "[none] integrity confidentiality\n");
	assert_int_equal(privilege_check(root, msg, sizeof(msg)), 0);
	make_root(BPF_PERFMON, 1, NULL);
	assert_int_equal(privilege_check(root, msg, sizeof(msg)), 0);
	/* integrity mode still allows tracing */
	make_root(ALL_CAPS, 1, "none [integrity] confidentiality\n");
	assert_int_equal(privilege_check(root, msg, sizeof(msg)), 0);
}

static void test_not_root(void **state)
{
	char msg[256] = "";

	(void)state;
	make_root("0000000000000000", 1, NULL);
	assert_int_equal(privilege_check(root, msg, sizeof(msg)), TT_EXIT_PRIVILEGE);
	assert_non_null(strstr(msg, "CAP_BPF and CAP_PERFMON"));
	assert_non_null(strstr(msg, "sudo"));
	make_root(BPF_ONLY, 1, NULL);
	assert_int_equal(privilege_check(root, msg, sizeof(msg)), TT_EXIT_PRIVILEGE);
}

static void test_no_btf(void **state)
{
	char msg[256] = "";

	(void)state;
	make_root(ALL_CAPS, 0, NULL);
	assert_int_equal(privilege_check(root, msg, sizeof(msg)), TT_EXIT_KERNEL);
	assert_non_null(strstr(msg, "CONFIG_DEBUG_INFO_BTF"));
}

static void test_lockdown(void **state)
{
	char msg[256] = "";

	(void)state;
	make_root(ALL_CAPS, 1, "none integrity [confidentiality]\n");
	assert_int_equal(privilege_check(root, msg, sizeof(msg)), TT_EXIT_KERNEL);
	assert_non_null(strstr(msg, "lockdown"));
}

/* An unreadable status file is no capability at all, never a crash. */
static void test_missing_status(void **state)
{
	char msg[256] = "";
	uint64_t caps = 1;

	(void)state;
	make_root(ALL_CAPS, 1, NULL);
	put("/proc/self/status", "Name:\tx\n");
	assert_int_equal(privilege_cap_eff(root, &caps), -ENOENT);
	assert_int_equal(privilege_check(root, msg, sizeof(msg)), TT_EXIT_PRIVILEGE);
}

static void test_report_facts(void **state)
{
	struct tt_source_status src[TT_SRC_MAX];
	struct report_facts f;
	struct diag log;
	char *text = NULL;
	size_t len = 0;
	FILE *out;

	(void)state;
	make_root(BPF_PERFMON, 1, "none [integrity] confidentiality\n");
	report_gather(&f, root);
	assert_int_equal(f.btf_bytes, 3);
	assert_string_equal(f.lockdown, "integrity");
	assert_true(f.cap_known);
	assert_string_equal(f.tracefs, "/sys/kernel/tracing");
	assert_string_equal(f.debugfs, "");

	memset(src, 0, sizeof(src));
	src[TT_SRC_VFS].state = TT_STATE_RUNNING;
	snprintf(src[TT_SRC_VFS].hook, sizeof(src[TT_SRC_VFS].hook), "tracepoint");
	src[TT_SRC_BIO].state = TT_STATE_FAILED;
	snprintf(src[TT_SRC_BIO].error, sizeof(src[TT_SRC_BIO].error), "bio: no hook");
	diag_init(&log);
	diag_printf(&log, MSG_INFO, "vfs: fentry hooks unavailable: EPERM");
	diag_printf(&log, MSG_INFO, "libbpf: noise");
	out = open_memstream(&text, &len);
	assert_non_null(out);
	report_print(out, &f, src, &log);
	fclose(out);
	assert_non_null(strstr(text, "CAP_BPF yes, CAP_PERFMON yes, CAP_SYS_ADMIN no"));
	assert_non_null(strstr(text, "lockdown      integrity"));
	assert_non_null(strstr(text, "debugfs       not mounted"));
	assert_non_null(strstr(text, "vfs       running  tracepoint"));
	assert_non_null(strstr(text, "bio       FAILED   -           bio: no hook"));
	assert_non_null(strstr(text, "vfs: fentry hooks unavailable: EPERM"));
	assert_null(strstr(text, "libbpf: noise"));
	free(text);
	diag_fini(&log);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_caps_enough),
		cmocka_unit_test(test_check_ok),
		cmocka_unit_test(test_not_root),
		cmocka_unit_test(test_no_btf),
		cmocka_unit_test(test_lockdown),
		cmocka_unit_test(test_missing_status),
		cmocka_unit_test(test_report_facts),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
