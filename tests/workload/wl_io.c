/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Workload subcommands of plain system calls and I/O: getppid, rw,
 * direct, layout, procmix, sleeps, errnos (see workload.c). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "wl.h"

#define BLOCK 4096

int wl_getppid(char **argv)
{
	long n = wl_count(argv[0]);

	wl_ready();
	for (long i = 0; i < n; i++) {
		wl_chunk(10000);
		syscall(SYS_getppid);
	}
	printf("getppid %ld\n", n);
	return 0;
}

int wl_rw(char **argv)
{
	const char *file = argv[0];
	long r = wl_count(argv[1]), w = wl_count(argv[2]);
	int fd = wl_new_file(file);
	char c = 'x';

	if (fd < 0)
		return 1;
	wl_ready();
	for (long i = 0; i < w; i++) {
		wl_chunk(10000);
		if (write(fd, &c, 1) != 1)
			return 1;
	}
	for (long i = 0; i < r; i++) {
		wl_chunk(10000);
		if (pread(fd, &c, 1, 0) != 1)
			return 1;
	}
	close(fd);
	unlink(file);
	printf("rw reads %ld writes %ld\n", r, w);
	return 0;
}

/* When FILE already holds the blocks (workload layout), the writes
 * overwrite them in place: allocated, written blocks, so each write is
 * one request to the disk, never a fallback to the page cache that the
 * file system may choose for a write that allocates. FILE is removed
 * after, unless it was laid out for more runs (a SPAN was given). */
int wl_direct(char **argv)
{
	const char *file = argv[0];
	long d = wl_count(argv[1]), span = argv[2] ? wl_count(argv[2]) : d;
	struct stat st;
	bool laid_out;
	void *buf;
	int fd;

	if (span < 1)
		span = 1;
	laid_out = stat(file, &st) == 0 && st.st_size >= (off_t)span * BLOCK;
	if (posix_memalign(&buf, BLOCK, BLOCK))
		return 1;
	memset(buf, 0xab, BLOCK);
	fd = open(file, O_WRONLY | O_CREAT | O_DIRECT | (laid_out ? 0 : O_TRUNC), 0600);
	if (fd < 0) {
		perror("workload: open O_DIRECT");
		return 1;
	}
	wl_ready();
	for (long i = 0; i < d; i++) {
		wl_chunk(100);
		if (pwrite(fd, buf, BLOCK, (off_t)(i % span) * BLOCK) != BLOCK) {
			perror("workload: pwrite");
			return 1;
		}
	}
	fsync(fd);
	close(fd);
	if (!argv[2])
		unlink(file);
	free(buf);
	printf("direct %ld%s\n", d, laid_out ? " (overwritten)" : "");
	return 0;
}

int wl_layout(char **argv)
{
	const char *file = argv[0];
	long d = wl_count(argv[1]);
	char buf[BLOCK];
	int fd = wl_new_file(file);

	if (fd < 0)
		return 1;
	memset(buf, 0x5a, sizeof(buf));
	wl_ready();
	for (long i = 0; i < d; i++)
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			return 1;
	if (fsync(fd))
		return 1;
	close(fd);
	printf("layout %ld\n", d);
	return 0;
}

/* K one-byte writes to FILE, each followed by fsync: on a disk with a
 * volatile cache, K empty flushes (the kernel sends a flush request of
 * its own for each). FILE is removed after. */
int wl_fsyncs(char **argv)
{
	const char *file = argv[0];
	long k = wl_count(argv[1]);
	int fd = wl_new_file(file);
	char c = 'f';

	if (fd < 0)
		return 1;
	wl_ready();
	for (long i = 0; i < k; i++)
		if (write(fd, &c, 1) != 1 || fsync(fd))
			return 1;
	close(fd);
	unlink(file);
	printf("fsyncs %ld\n", k);
	return 0;
}

/* One child that makes exactly N reads (of /dev/zero), M writes (to
 * /dev/null), K fsyncs (of a file on /dev/shm: no disk I/O), F failed
 * openat()s (FILE.missing-<i>) and D O_DIRECT 4 KiB writes over the D
 * blocks FILE already has (layout): one disk request each. The files are
 * opened before the fork, so the child's calls are these and nothing
 * else but its exit. Prints "procmix PID" once the child is gone. */
int wl_procmix(char **argv)
{
	const char *file = argv[0];
	long n = wl_count(argv[1]), m = wl_count(argv[2]), k = wl_count(argv[3]);
	long f = wl_count(argv[4]), d = wl_count(argv[5]);
	char shm[] = "/dev/shm/tracetop-procmix.XXXXXX", missing[4200], c;
	int zero, null, sync_fd, direct, status;
	void *buf;
	pid_t pid;

	if (posix_memalign(&buf, BLOCK, BLOCK))
		return 1;
	memset(buf, 0xcd, BLOCK);
	zero = open("/dev/zero", O_RDONLY);
	null = open("/dev/null", O_WRONLY);
	sync_fd = mkstemp(shm);
	direct = open(file, O_WRONLY | O_DIRECT);
	if (zero < 0 || null < 0 || sync_fd < 0 || direct < 0) {
		perror("workload: procmix open");
		return 1;
	}
	unlink(shm);
	fflush(stdout);
	wl_ready();
	pid = fork();
	if (pid < 0) {
		perror("workload: fork");
		return 1;
	}
	if (pid == 0) {
		for (long i = 0; i < n; i++)
			if (read(zero, &c, 1) != 1)
				_exit(2);
		for (long i = 0; i < m; i++)
			if (write(null, &c, 1) != 1)
				_exit(3);
		for (long i = 0; i < k; i++)
			if (fsync(sync_fd))
				_exit(4);
		for (long i = 0; i < f; i++) {
			snprintf(missing, sizeof(missing), "%s.missing-%ld", file, i);
			if (openat(AT_FDCWD, missing, O_RDONLY) >= 0)
				_exit(5);
		}
		for (long i = 0; i < d; i++)
			if (pwrite(direct, buf, BLOCK, (off_t)i * BLOCK) != BLOCK)
				_exit(6);
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "workload: procmix child failed (%d)\n", status);
		return 1;
	}
	free(buf);
	printf("procmix %d\n", (int)pid);
	return 0;
}

/* N nanosleep()s of MS milliseconds each. */
int wl_sleeps(char **argv)
{
	long ms = wl_count(argv[0]), n = wl_count(argv[1]);
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	wl_ready();
	for (long i = 0; i < n; i++)
		nanosleep(&ts, NULL);
	printf("sleeps %ld\n", n);
	return 0;
}

/* E failed openat()s of FILE.missing (ENOENT), then A of FILE itself,
 * which fail with EACCES when the caller may not read it (the test runs
 * this as another user). Prints "errnos E A" when every call failed as
 * said. */
int wl_errnos(char **argv)
{
	const char *file = argv[0];
	long e = wl_count(argv[1]), a = wl_count(argv[2]), bad = 0;
	char missing[4200];

	snprintf(missing, sizeof(missing), "%s.missing", file);
	wl_ready();
	for (long i = 0; i < e; i++)
		bad += !(openat(AT_FDCWD, missing, O_RDONLY) < 0 && errno == ENOENT);
	for (long i = 0; i < a; i++)
		bad += !(openat(AT_FDCWD, file, O_RDONLY) < 0 && errno == EACCES);
	if (bad) {
		fprintf(stderr, "workload: errnos: %ld calls did not fail as expected\n", bad);
		return 1;
	}
	printf("errnos %ld %ld\n", e, a);
	return 0;
}
