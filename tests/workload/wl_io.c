/* Workload subcommands of plain system calls and I/O: getppid, rw,
 * direct, layout (see workload.c). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
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
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char c = 'x';

	if (fd < 0) {
		perror("workload: open");
		return 1;
	}
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
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0) {
		perror("workload: open");
		return 1;
	}
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
