/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Workload subcommands of failing opens: failopen, openat, longopen,
 * failsame, badfd; and the failing-stat storm failstat (see
 * workload.c). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>
#include "wl.h"

#define LONG_PATH 4000

int wl_failopen(char **argv)
{
	const char *dir = argv[0], *marker = argv[1];
	long m = wl_count(argv[2]), failed = 0;
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	char path[4096], name[256];

	if (dfd < 0) {
		perror("workload: open dir");
		return 1;
	}
	wl_ready();
	for (long i = 0; i < m; i++) {
		struct open_how how = { .flags = O_RDONLY };
		long fd;

		snprintf(name, sizeof(name), "%s-%ld", marker, i);
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		switch (i % 5) {
		case 0:
#ifdef SYS_open
			fd = syscall(SYS_open, path, O_RDONLY);
#else	/* arm64 has no open(2): openat with an absolute path */
			fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY);
#endif
			break;
		case 1:
			fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
			break;
		case 2:
			/* two of the flags whose values differ by architecture */
			fd = syscall(SYS_openat, dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
			break;
		case 3:
			fd = syscall(SYS_openat2, dfd, name, &how, sizeof(how));
			break;
		default:
			/* creat in a directory that does not exist fails too */
			snprintf(path, sizeof(path), "%s/%s/missing", dir, name);
#ifdef SYS_creat
			fd = syscall(SYS_creat, path, 0600);
#else	/* nor creat(2): what libc's creat does there */
			fd = syscall(SYS_openat, AT_FDCWD, path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
#endif
			break;
		}
		if (fd >= 0)
			close((int)fd);
		else
			failed++;
	}
	close(dfd);
	printf("failopen %ld failed %ld\n", m, failed);
	/* the calls of #0 and #4, for a check that must know them */
#if defined(SYS_open) && defined(SYS_creat)
	printf("failopen-calls open creat\n");
#else
	printf("failopen-calls openat openat\n");
#endif
	return failed == m ? 0 : 1;
}

struct open_job {
	const char *dir, *marker;
	long first, count;	/* indices [first, first + count) */
	size_t pad;		/* bytes of filler path after the name */
	bool stat;		/* newfstatat instead of openat */
	long failed;
	pthread_barrier_t *go;	/* borrowed: released once all are ready */
	pthread_t thread;
};

static void *open_thread(void *arg)
{
	struct open_job *j = arg;
	char path[4096];

	if (j->go)
		pthread_barrier_wait(j->go);
	for (long i = j->first; i < j->first + j->count; i++) {
		int n = snprintf(path, sizeof(path), "%s/%s-%ld", j->dir, j->marker, i);

		/* a long path: components under the missing one */
		while (j->pad && n > 0 && (size_t)n < j->pad && n + 101 < (int)sizeof(path))
			n += snprintf(path + n, sizeof(path) - (size_t)n, "/%0100d", 0);
		if (!j->go)
			wl_chunk(1000);
		if (j->stat) {
			struct stat st;

			if (syscall(SYS_newfstatat, AT_FDCWD, path, &st, 0) < 0 && errno == ENOENT)
				j->failed++;
		} else if (syscall(SYS_openat, AT_FDCWD, path, O_RDONLY) < 0 && errno == ENOENT) {
			j->failed++;
		}
	}
	return NULL;
}

/* The threads are created before the stop and wait at a barrier, so
 * nothing after SIGCONT is anything but the counted opens. One thread:
 * the storm runs in the main thread, timed in chunks. */
static int open_storm(char **argv, size_t pad, bool stat, const char *what)
{
	long n = wl_count(argv[2]), failed = 0;
	int threads = wl_opts.threads;
	struct open_job jobs[16];
	pthread_barrier_t go;
	int t;

	if (threads == 1) {
		jobs[0] = (struct open_job){ .dir = argv[0], .marker = argv[1], .count = n,
					     .pad = pad, .stat = stat };
		wl_ready();
		open_thread(&jobs[0]);
		failed = jobs[0].failed;
	} else {
		pthread_barrier_init(&go, NULL, (unsigned)threads + 1);
		for (t = 0; t < threads; t++) {
			jobs[t] = (struct open_job){ .dir = argv[0], .marker = argv[1],
						     .first = n * t / threads,
						     .count = n * (t + 1) / threads - n * t / threads,
						     .pad = pad, .stat = stat, .go = &go };
			if (pthread_create(&jobs[t].thread, NULL, open_thread, &jobs[t])) {
				fprintf(stderr, "workload: cannot start a thread\n");
				return 1;
			}
		}
		wl_ready();
		pthread_barrier_wait(&go);
		for (t = 0; t < threads; t++) {
			pthread_join(jobs[t].thread, NULL);
			failed += jobs[t].failed;
		}
		pthread_barrier_destroy(&go);
	}
	printf("%s %ld failed %ld\n", what, n, failed);
	return failed == n ? 0 : 1;
}

int wl_openat(char **argv)
{
	return open_storm(argv, 0, false, "openat");
}

int wl_longopen(char **argv)
{
	return open_storm(argv, LONG_PATH, false, "longopen");
}

int wl_failstat(char **argv)
{
	return open_storm(argv, 0, true, "failstat");
}

int wl_failsame(char **argv)
{
	const char *path = argv[0];
	long m = wl_count(argv[1]), failed = 0;

	wl_ready();
	for (long i = 0; i < m; i++) {
		int fd = open(path, O_RDONLY);

		if (fd >= 0)
			close(fd);
		else
			failed++;
	}
	printf("failsame %ld failed %ld\n", m, failed);
	return failed == m ? 0 : 1;
}

int wl_badfd(char **argv)
{
	int fd = dup(0);
	long r;

	if (fd < 0)
		return 1;
	close(fd);	/* a descriptor that is surely closed */
	wl_ready();
	r = syscall(SYS_openat, fd, argv[0], O_RDONLY);
	printf("badfd %ld\n", r);
	return r < 0 ? 0 : 1;
}
