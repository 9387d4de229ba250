/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The profile tests' program: known stacks, walked by frame pointers.
 *
 *   spin hot SECS    main -> middle -> leaf_hot, on the CPU for SECS
 *   spin both SECS   the same, and a second thread in leaf_cold that
 *                    takes one third of the CPU time the first takes
 *                    (their CPU clocks compared, whatever the load)
 *   spin sys SECS    main -> sys_loop: getppid(2) and a read of /dev/zero
 *                    in a tight loop, so that most samples are in the
 *                    kernel under the syscall entry
 *
 * Built with -fno-omit-frame-pointer and without inlining (its
 * makefile): the names are what the tests look for. */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile unsigned long sink;
static volatile int stop;
static clockid_t hot_clock;

static double cpu_s(clockid_t c)
{
	struct timespec t;

	clock_gettime(c, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double now_s(void)
{
	return cpu_s(CLOCK_MONOTONIC);
}

/* Each leaf keeps a local in its frame: a leaf that needs no stack gets
 * no frame pointer from the compiler even when asked, and a sample in it
 * would then skip its caller. */
__attribute__((noinline)) static void leaf_hot(void)
{
	volatile unsigned long acc = 0;

	for (int i = 0; i < 100000; i++)
		acc += (unsigned long)i * 2654435761u;
	sink += acc;
}

__attribute__((noinline)) static void leaf_cold(void)
{
	volatile unsigned long acc = 0;

	for (int i = 0; i < 100000; i++)
		acc ^= (unsigned long)i * 40503u;
	sink ^= acc;
}

__attribute__((noinline)) static void middle(double secs)
{
	double end = now_s() + secs;

	while (now_s() < end)
		leaf_hot();
}

__attribute__((noinline)) static void *cold_thread(void *arg)
{
	unsigned seed = 1;

	(void)arg;
	/* Bursts of some 10 ms of leaf_cold between the clocks' reads
	 * (system calls) and naps of 5 to 25 ms, so that leaf_cold holds
	 * nearly all of this thread's time and few wake-ups are paid for.
	 * The naps are of random length: naps of a fixed length would beat
	 * against the sampling timer and be sampled out of proportion. */
	while (!stop) {
		if (cpu_s(CLOCK_THREAD_CPUTIME_ID) * 3 < cpu_s(hot_clock)) {
			for (int i = 0; i < 100; i++)
				leaf_cold();
		} else {
			struct timespec nap = { 0, 5000000 + (long)(rand_r(&seed) % 20000000) };

			nanosleep(&nap, NULL);
		}
	}
	return NULL;
}

__attribute__((noinline)) static void sys_loop(double secs)
{
	double end = now_s() + secs;
	static char buf[65536];
	int fd = open("/dev/zero", O_RDONLY);

	while (now_s() < end) {
		for (int i = 0; i < 64; i++)
			sink += (unsigned long)getppid();
		if (fd >= 0 && read(fd, buf, sizeof(buf)) < 0)
			break;
	}
	if (fd >= 0)
		close(fd);
}

int main(int argc, char **argv)
{
	double secs = argc > 2 ? atof(argv[2]) : 0;
	pthread_t t;

	if (argc != 3 || secs <= 0) {
		fprintf(stderr, "usage: spin hot|both|sys SECONDS\n");
		return 2;
	}
	if (!strcmp(argv[1], "sys")) {
		sys_loop(secs);
		return 0;
	}
	if (strcmp(argv[1], "hot") && strcmp(argv[1], "both"))
		return 2;
	if (!strcmp(argv[1], "both")) {
		if (pthread_getcpuclockid(pthread_self(), &hot_clock) ||
		    pthread_create(&t, NULL, cold_thread, NULL))
			return 1;
	}
	middle(secs);
	if (!strcmp(argv[1], "both")) {
		stop = 1;
		pthread_join(t, NULL);
	}
	return 0;
}
