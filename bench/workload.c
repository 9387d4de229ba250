/* The bench's workloads: each storm makes an exact number of system
 * calls and prints how long the storm itself took, so bench/run times the
 * loop and not process start-up or tracer attach.
 *
 *   ttb-workload getppid N            N getppid calls
 *   ttb-workload failopen DIR MARK N  N openat(AT_FDCWD) of unique missing
 *                                     paths DIR/MARK-<i>
 *   ttb-workload exec MARK N          N fork + execve("/bin/true", MARK-<i>)
 *   ttb-workload rw FILE N            N one-byte writes, then N reads
 *   ttb-workload direct FILE N        N O_DIRECT 4 KiB writes over 4 MiB
 *
 * Output: one line "elapsed SECONDS cpu SECONDS best SECONDS": the wall
 * time of the storm, the CPU time (user + system, children included) it
 * used, and the time it would have taken at the pace of its fastest
 * chunk of calls. On a busy machine the last two are the steadier
 * measures: time spent waiting for a CPU is in neither, and a chunk that
 * ran undisturbed shows the cost of the calls themselves (BPF programs
 * included). Exit status 0 when every call did what it should (the opens
 * failing with ENOENT, the rest succeeding).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define DIRECT_BLOCK 4096
#define DIRECT_SPAN 1024	/* blocks written in turn: a 4 MiB file */

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* User + system time of this process and its reaped children. */
static double cpu_s(void)
{
	struct rusage self, kids;

	getrusage(RUSAGE_SELF, &self);
	getrusage(RUSAGE_CHILDREN, &kids);
	return (double)(self.ru_utime.tv_sec + self.ru_stime.tv_sec +
			kids.ru_utime.tv_sec + kids.ru_stime.tv_sec) +
	       (double)(self.ru_utime.tv_usec + self.ru_stime.tv_usec +
			kids.ru_utime.tv_usec + kids.ru_stime.tv_usec) / 1e6;
}

/* The fastest chunk of calls so far: chunk(i, size) at the top of each
 * iteration i of a storm of chunks of size calls. */
static double chunk_best = -1, chunk_t0;
static long chunk_size = 1;

static void chunk(long i, long size)
{
	double t;

	if (i % size)
		return;
	t = now_s();
	if (i && (chunk_best < 0 || t - chunk_t0 < chunk_best))
		chunk_best = t - chunk_t0;
	chunk_t0 = t;
	chunk_size = size;
}

static long count_arg(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0) {
		fprintf(stderr, "ttb-workload: bad count '%s'\n", s);
		exit(2);
	}
	return v;
}

static int storm_getppid(long n)
{
	long i;

	for (i = 0; i < n; i++) {
		chunk(i, 10000);
		syscall(SYS_getppid);
	}
	return 0;
}

static int storm_failopen(const char *dir, const char *mark, long n)
{
	char path[4096];
	long i;
	int fd;

	for (i = 0; i < n; i++) {
		chunk(i, 1000);
		snprintf(path, sizeof(path), "%s/%s-%ld", dir, mark, i);
		fd = openat(AT_FDCWD, path, O_RDONLY);
		if (fd >= 0 || errno != ENOENT) {
			fprintf(stderr, "ttb-workload: %s did not fail with ENOENT\n", path);
			return 1;
		}
	}
	return 0;
}

static int storm_exec(const char *mark, long n)
{
	char arg[256];
	long i;
	int status;
	pid_t pid;

	for (i = 0; i < n; i++) {
		chunk(i, 10);
		snprintf(arg, sizeof(arg), "%s-%ld", mark, i);
		pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0) {
			char *argv[] = { "/bin/true", arg, NULL };
			char *envp[] = { NULL };

			execve(argv[0], argv, envp);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0)
			return 1;
	}
	return 0;
}

static int storm_rw(const char *file, long n)
{
	char c = 'x';
	long i;
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		return 1;
	for (i = 0; i < n; i++) {
		chunk(i, 10000);
		if (write(fd, &c, 1) != 1)
			return 1;
	}
	if (lseek(fd, 0, SEEK_SET) != 0)
		return 1;
	for (i = 0; i < n; i++) {
		chunk(i, 10000);
		if (read(fd, &c, 1) != 1)
			return 1;
	}
	close(fd);
	return 0;
}

static int storm_direct(const char *file, long n)
{
	void *buf;
	long i;
	int fd = open(file, O_WRONLY | O_CREAT | O_DIRECT, 0600);

	if (fd < 0 || posix_memalign(&buf, DIRECT_BLOCK, DIRECT_BLOCK))
		return 1;
	memset(buf, 0x5a, DIRECT_BLOCK);
	for (i = 0; i < n; i++) {
		chunk(i, 100);
		if (pwrite(fd, buf, DIRECT_BLOCK,
			   (off_t)(i % DIRECT_SPAN) * DIRECT_BLOCK) != DIRECT_BLOCK)
			return 1;
	}
	fsync(fd);
	close(fd);
	free(buf);
	return 0;
}

/* Untimed: lays out the file so that the timed direct writes overwrite
 * allocated blocks instead of allocating. */
static int prepare_direct(const char *file)
{
	int rc = storm_direct(file, DIRECT_SPAN);

	chunk_best = -1;
	return rc;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	double t0, c0, best;
	long n = 0;
	int rc;

	if (!strcmp(cmd, "direct") && argc == 4 && prepare_direct(argv[2])) {
		perror("ttb-workload: direct");
		return 1;
	}
	t0 = now_s();
	c0 = cpu_s();
	if (!strcmp(cmd, "getppid") && argc == 3)
		rc = storm_getppid(n = count_arg(argv[2]));
	else if (!strcmp(cmd, "failopen") && argc == 5)
		rc = storm_failopen(argv[2], argv[3], n = count_arg(argv[4]));
	else if (!strcmp(cmd, "exec") && argc == 4)
		rc = storm_exec(argv[2], n = count_arg(argv[3]));
	else if (!strcmp(cmd, "rw") && argc == 4) {
		n = count_arg(argv[3]);
		rc = storm_rw(argv[2], n);
		n *= 2;	/* the writes, then as many reads */
	} else if (!strcmp(cmd, "direct") && argc == 4)
		rc = storm_direct(argv[2], n = count_arg(argv[3]));
	else {
		fprintf(stderr, "usage: ttb-workload getppid N | failopen DIR MARK N | "
			"exec MARK N | rw FILE N | direct FILE N\n");
		return 2;
	}
	if (rc) {
		fprintf(stderr, "ttb-workload: %s failed: %s\n", cmd, strerror(errno));
		return 1;
	}
	t0 = now_s() - t0;
	/* Too few chunks to choose from: the whole storm is the best. */
	best = chunk_best < 0 ? t0 : chunk_best * (double)n / (double)chunk_size;
	printf("elapsed %.6f cpu %.6f best %.6f\n", t0, cpu_s() - c0, best);
	return 0;
}
