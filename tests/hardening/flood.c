/* Load generator for tracetop's hardening tests: exact numbers of failing
 * opens, execs and cheap syscalls, with nothing else on the side, so a
 * test can check that what tracetop captured plus what it reported lost
 * equals what was done.
 *
 *   flood [-s] [-t THREADS] opens DIR MARKER N
 *       N failed openat(AT_FDCWD, "DIR/MARKER-<i>") calls, split over
 *       THREADS threads (default 2, so both CPUs' counters are used).
 *       -s: stop (SIGSTOP) once set up, before the first open: the tracer
 *       attaches with --pid and sends SIGCONT; no other open happens
 *       after that point.
 *   flood execs N            N fork + execve("/bin/true") in a row
 *   flood syscalls N         N getppid() calls
 *
 * Prints one line, "opens N failed F" etc., and exits 0 when every call
 * did what it should. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define THREADS_MAX 16

struct opens_job {
	const char *dir, *marker;
	long first, count;	/* indices [first, first + count) */
	long failed;
	pthread_barrier_t *go;	/* borrowed: released after the stop */
	pthread_t thread;
};

static long parse_count(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0) {
		fprintf(stderr, "flood: bad count '%s'\n", s);
		exit(2);
	}
	return v;
}

static void *opens_thread(void *arg)
{
	struct opens_job *j = arg;
	char path[4096];
	long i;

	pthread_barrier_wait(j->go);
	for (i = j->first; i < j->first + j->count; i++) {
		snprintf(path, sizeof(path), "%s/%s-%ld", j->dir, j->marker, i);
		if (syscall(SYS_openat, AT_FDCWD, path, O_RDONLY) < 0)
			j->failed++;
	}
	return NULL;
}

/* The threads are created before the stop and wait at a barrier, so
 * nothing after SIGCONT is anything but the counted opens. */
static int do_opens(const char *dir, const char *marker, long n, int threads, int stop)
{
	struct opens_job jobs[THREADS_MAX];
	pthread_barrier_t go;
	long failed = 0;
	int t;

	pthread_barrier_init(&go, NULL, (unsigned)threads + 1);
	for (t = 0; t < threads; t++) {
		jobs[t] = (struct opens_job){ .dir = dir, .marker = marker,
					      .first = n * t / threads,
					      .count = n * (t + 1) / threads - n * t / threads,
					      .go = &go };
		if (pthread_create(&jobs[t].thread, NULL, opens_thread, &jobs[t])) {
			fprintf(stderr, "flood: cannot start a thread\n");
			return 1;
		}
	}
	if (stop)
		raise(SIGSTOP);
	pthread_barrier_wait(&go);
	for (t = 0; t < threads; t++) {
		pthread_join(jobs[t].thread, NULL);
		failed += jobs[t].failed;
	}
	pthread_barrier_destroy(&go);
	printf("opens %ld failed %ld\n", n, failed);
	return failed == n ? 0 : 1;
}

static int do_execs(long n)
{
	long i;

	for (i = 0; i < n; i++) {
		char *argv[] = { "true", NULL };
		int status;
		pid_t pid = fork();

		if (pid < 0)
			return 1;
		if (pid == 0) {
			execv("/bin/true", argv);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status))
			return 1;
	}
	printf("execs %ld\n", n);
	return 0;
}

static int do_syscalls(long n)
{
	long i;

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	printf("syscalls %ld\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	int stop = 0, threads = 2, c;

	setvbuf(stdout, NULL, _IOLBF, 0);
	while ((c = getopt(argc, argv, "+st:")) != -1) {
		if (c == 's') {
			stop = 1;
		} else if (c == 't') {
			threads = (int)parse_count(optarg);
			if (threads < 1 || threads > THREADS_MAX)
				threads = 0;
		} else {
			threads = 0;
		}
		if (!threads)
			break;
	}
	argc -= optind;
	argv += optind;
	if (threads && argc == 4 && !strcmp(argv[0], "opens"))
		return do_opens(argv[1], argv[2], parse_count(argv[3]), threads, stop);
	if (threads && argc == 2 && !strcmp(argv[0], "execs"))
		return do_execs(parse_count(argv[1]));
	if (threads && argc == 2 && !strcmp(argv[0], "syscalls"))
		return do_syscalls(parse_count(argv[1]));
	fprintf(stderr, "usage: flood [-s] [-t THREADS] opens DIR MARKER N | execs N | syscalls N\n");
	return 2;
}
