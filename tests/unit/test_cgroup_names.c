/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Cgroup ids to names (src/core/cgroup_names.c) over a hierarchy made in
 * a temporary directory: a root whose proc/self/mounts says where the v2
 * hierarchy is, and directories below it whose inode numbers stand for
 * the kernel's cgroup ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include "cgroup_names.h"

static char root[64];

static uint64_t ino(const char *rel)
{
	char path[256];
	struct stat st;

	snprintf(path, sizeof(path), "%s/cg%s", root, rel);
	assert_int_equal(stat(path, &st), 0);
	return (uint64_t)st.st_ino;
}

static void dir(const char *rel)
{
	char path[256];

	snprintf(path, sizeof(path), "%s%s", root, rel);
	assert_int_equal(mkdir(path, 0755), 0);
}

static int setup(void **state)
{
	char path[128];
	FILE *f;

	(void)state;
	snprintf(root, sizeof(root), "/tmp/tt-cgn.XXXXXX");
	assert_non_null(mkdtemp(root));
	dir("/proc");
	dir("/proc/self");
	snprintf(path, sizeof(path), "%s/proc/self/mounts", root);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "proc /proc proc rw 0 0\ncgroup2 /cg cgroup2 rw 0 0\n");
	fclose(f);
	dir("/cg");
	dir("/cg/system.slice");
	dir("/cg/system.slice/nginx.service");
	dir("/cg/system.slice/docker-3f2a9c0d1e2b4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b.scope");
	dir("/cg/tt-test-1");
	return 0;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	return system(cmd) == 0 ? 0 : -1;
}

static void test_names(void **state)
{
	struct cgroup_names *cn = cgroup_names_new(root);
	char out[32];

	(void)state;
	assert_non_null(cn);
	assert_true(cgroup_names_get(cn, ino("/system.slice/nginx.service"), out, sizeof(out)));
	assert_string_equal(out, "nginx.service");
	assert_int_equal(cgroup_names_walks(cn), 1);
	assert_int_equal(cgroup_names_count(cn), 5);
	/* known ones need no walk */
	assert_true(cgroup_names_get(cn, ino("/tt-test-1"), out, sizeof(out)));
	assert_string_equal(out, "tt-test-1");
	assert_true(cgroup_names_get(cn, ino(""), out, sizeof(out)));
	assert_string_equal(out, "-");
	assert_true(cgroup_names_get(cn, ino("/system.slice/docker-3f2a9c0d1e2b4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b.scope"),
				     out, sizeof(out)));
	assert_string_equal(out, "docker:3f2a9c0d1e2b");
	assert_int_equal(cgroup_names_walks(cn), 1);
	assert_false(cgroup_names_get(cn, 0, out, sizeof(out)));

	/* a cgroup made since: found at the next tick's walk, not before */
	dir("/cg/late");
	assert_false(cgroup_names_get(cn, ino("/late"), out, sizeof(out)));
	assert_int_equal(cgroup_names_walks(cn), 1);
	cgroup_names_tick(cn);
	assert_true(cgroup_names_get(cn, ino("/late"), out, sizeof(out)));
	assert_string_equal(out, "late");
	assert_int_equal(cgroup_names_walks(cn), 2);
	/* an id in no cgroup: one walk, then remembered as unknown, also
	 * across the walk another unknown id starts */
	cgroup_names_tick(cn);
	assert_false(cgroup_names_get(cn, 1, out, sizeof(out)));
	cgroup_names_tick(cn);
	assert_false(cgroup_names_get(cn, 1, out, sizeof(out)));
	assert_int_equal(cgroup_names_walks(cn), 3);
	cgroup_names_tick(cn);
	assert_false(cgroup_names_get(cn, 2, out, sizeof(out)));
	assert_int_equal(cgroup_names_walks(cn), 4);
	cgroup_names_tick(cn);
	assert_false(cgroup_names_get(cn, 1, out, sizeof(out)));
	assert_false(cgroup_names_get(cn, 2, out, sizeof(out)));
	assert_int_equal(cgroup_names_walks(cn), 4);
	/* and a known one is still found */
	assert_true(cgroup_names_get(cn, ino("/late"), out, sizeof(out)));
	cgroup_names_free(cn);
}

/* No v2 hierarchy: nothing found, nothing breaks. */
static void test_no_hierarchy(void **state)
{
	struct cgroup_names *cn = cgroup_names_new("/nonexistent-root");
	char out[32];

	(void)state;
	assert_non_null(cn);
	assert_false(cgroup_names_get(cn, 42, out, sizeof(out)));
	cgroup_names_free(cn);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_no_hierarchy),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
