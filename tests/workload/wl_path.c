/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Workload subcommand failpath: every path call of this machine, failing
 * (see workload.c). Each call looks up a path under DIR that does not
 * exist, so each fails with ENOENT; the *at forms take it relative to a
 * directory fd of DIR, the others as an absolute path. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "wl.h"

/* One failing call: abs is DIR/NAME, rel is NAME, dfd an fd of DIR. */
typedef long (*path_fn)(const char *abs, const char *rel, int dfd);

static char other[4096];	/* a second path, for rename and link */
static struct stat st;

#ifdef SYS_stat
static long c_stat(const char *a, const char *r, int d) { (void)r; (void)d; return syscall(SYS_stat, a, &st); }
#endif
#ifdef SYS_lstat
static long c_lstat(const char *a, const char *r, int d) { (void)r; (void)d; return syscall(SYS_lstat, a, &st); }
#endif
static long c_newfstatat(const char *a, const char *r, int d) { (void)a; return syscall(SYS_newfstatat, d, r, &st, 0); }
static long c_statx(const char *a, const char *r, int d) { char b[256]; (void)a; return syscall(SYS_statx, d, r, 0, 0x7ff, b); }
#ifdef SYS_access
static long c_access(const char *a, const char *r, int d) { (void)r; (void)d; return syscall(SYS_access, a, F_OK); }
#endif
static long c_faccessat(const char *a, const char *r, int d) { (void)a; return syscall(SYS_faccessat, d, r, F_OK); }
static long c_faccessat2(const char *a, const char *r, int d) { (void)a; return syscall(SYS_faccessat2, d, r, F_OK, 0); }
#ifdef SYS_readlink
static long c_readlink(const char *a, const char *r, int d) { char b[64]; (void)r; (void)d; return syscall(SYS_readlink, a, b, sizeof(b)); }
#endif
static long c_readlinkat(const char *a, const char *r, int d) { char b[64]; (void)a; return syscall(SYS_readlinkat, d, r, b, sizeof(b)); }
#ifdef SYS_unlink
static long c_unlink(const char *a, const char *r, int d) { (void)r; (void)d; return syscall(SYS_unlink, a); }
#endif
static long c_unlinkat(const char *a, const char *r, int d) { (void)a; return syscall(SYS_unlinkat, d, r, 0); }
/* mkdir fails when the parent is missing: NAME/sub */
#ifdef SYS_mkdir
static long c_mkdir(const char *a, const char *r, int d) { (void)r; (void)d; snprintf(other, sizeof(other), "%s/sub", a); return syscall(SYS_mkdir, other, 0700); }
#endif
static long c_mkdirat(const char *a, const char *r, int d) { (void)a; snprintf(other, sizeof(other), "%s/sub", r); return syscall(SYS_mkdirat, d, other, 0700); }
#ifdef SYS_rmdir
static long c_rmdir(const char *a, const char *r, int d) { (void)r; (void)d; return syscall(SYS_rmdir, a); }
#endif
#ifdef SYS_rename
static long c_rename(const char *a, const char *r, int d) { (void)r; (void)d; snprintf(other, sizeof(other), "%s.to", a); return syscall(SYS_rename, a, other); }
#endif
#ifdef SYS_renameat
static long c_renameat(const char *a, const char *r, int d) { (void)a; return syscall(SYS_renameat, d, r, d, "to"); }
#endif
static long c_renameat2(const char *a, const char *r, int d) { (void)a; return syscall(SYS_renameat2, d, r, d, "to", 0); }
#ifdef SYS_link
static long c_link(const char *a, const char *r, int d) { (void)r; (void)d; snprintf(other, sizeof(other), "%s.to", a); return syscall(SYS_link, a, other); }
#endif
static long c_linkat(const char *a, const char *r, int d) { (void)a; return syscall(SYS_linkat, d, r, d, "to", 0); }
static long c_chdir(const char *a, const char *r, int d) { (void)r; (void)d; return syscall(SYS_chdir, a); }
#ifdef SYS_chmod
static long c_chmod(const char *a, const char *r, int d) { (void)r; (void)d; return syscall(SYS_chmod, a, 0600); }
#endif
static long c_fchmodat(const char *a, const char *r, int d) { (void)a; return syscall(SYS_fchmodat, d, r, 0600); }
#ifdef SYS_fchmodat2
static long c_fchmodat2(const char *a, const char *r, int d) { (void)a; return syscall(SYS_fchmodat2, d, r, 0600, 0); }
#endif
#ifdef SYS_chown
static long c_chown(const char *a, const char *r, int d) { (void)r; (void)d; return syscall(SYS_chown, a, -1, -1); }
#endif
#ifdef SYS_lchown
static long c_lchown(const char *a, const char *r, int d) { (void)r; (void)d; return syscall(SYS_lchown, a, -1, -1); }
#endif
static long c_fchownat(const char *a, const char *r, int d) { (void)a; return syscall(SYS_fchownat, d, r, -1, -1, 0); }
static long c_truncate(const char *a, const char *r, int d) { (void)r; (void)d; return syscall(SYS_truncate, a, 0); }

static const struct {
	const char *name;	/* as tracetop names it */
	path_fn fn;
} calls[] = {
#ifdef SYS_stat
	{ "stat", c_stat },
#endif
#ifdef SYS_lstat
	{ "lstat", c_lstat },
#endif
	{ "newfstatat", c_newfstatat }, { "statx", c_statx },
#ifdef SYS_access
	{ "access", c_access },
#endif
	{ "faccessat", c_faccessat }, { "faccessat2", c_faccessat2 },
#ifdef SYS_readlink
	{ "readlink", c_readlink },
#endif
	{ "readlinkat", c_readlinkat },
#ifdef SYS_unlink
	{ "unlink", c_unlink },
#endif
	{ "unlinkat", c_unlinkat },
#ifdef SYS_mkdir
	{ "mkdir", c_mkdir },
#endif
	{ "mkdirat", c_mkdirat },
#ifdef SYS_rmdir
	{ "rmdir", c_rmdir },
#endif
#ifdef SYS_rename
	{ "rename", c_rename },
#endif
#ifdef SYS_renameat
	{ "renameat", c_renameat },
#endif
	{ "renameat2", c_renameat2 },
#ifdef SYS_link
	{ "link", c_link },
#endif
	{ "linkat", c_linkat }, { "chdir", c_chdir },
#ifdef SYS_chmod
	{ "chmod", c_chmod },
#endif
	{ "fchmodat", c_fchmodat },
#ifdef SYS_fchmodat2
	{ "fchmodat2", c_fchmodat2 },
#endif
#ifdef SYS_chown
	{ "chown", c_chown },
#endif
#ifdef SYS_lchown
	{ "lchown", c_lchown },
#endif
	{ "fchownat", c_fchownat }, { "truncate", c_truncate },
};

#define N_CALLS (sizeof(calls) / sizeof(calls[0]))

int wl_failpath(char **argv)
{
	const char *dir = argv[0], *marker = argv[1];
	long m = wl_count(argv[2]), failed = 0, nosys = 0, enoent[N_CALLS] = { 0 };
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	char abs[4096], rel[256], line[4096];
	size_t used;

	if (dfd < 0) {
		perror("workload: open dir");
		return 1;
	}
	wl_ready();
	for (long i = 0; i < m; i++) {
		size_t k = (size_t)i % N_CALLS;

		snprintf(rel, sizeof(rel), "%s-%ld", marker, i);
		snprintf(abs, sizeof(abs), "%s/%s", dir, rel);
		if (calls[k].fn(abs, rel, dfd) >= 0)
			continue;
		if (errno == ENOENT) {
			enoent[k]++;
			failed++;
		} else if (errno == ENOSYS) {
			nosys++;	/* a call this kernel does not have */
		}
	}
	close(dfd);
	used = (size_t)snprintf(line, sizeof(line), "failpath %ld failed %ld", m, failed);
	for (size_t k = 0; k < N_CALLS && used < sizeof(line); k++)
		used += (size_t)snprintf(line + used, sizeof(line) - used, " %s=%ld",
					 calls[k].name, enoent[k]);
	printf("%s\n", line);
	return failed + nosys == m ? 0 : 1;
}
