/* A workload with known, unique markers for the integration tests: each
 * subcommand makes an exact number of syscalls, failed opens, execs,
 * reads/writes or direct writes, so a test can check that exactly those
 * events reached tracetop's output.
 *
 *   workload getppid N
 *   workload failopen DIR MARKER M   M failed opens of DIR/MARKER-<i>, via
 *                                    open, openat(AT_FDCWD), openat(dirfd),
 *                                    openat2 and creat in turn
 *   workload failsame PATH M         M failed open(2)s of the same PATH
 *   workload exec MARKER K           K fork+exec of /bin/true MARKER <i>;
 *                                    odd i via execveat(dirfd of /bin)
 *   workload execargs MARKER N PATH  one fork+exec of PATH with argv
 *                                    MARKER a1-MARKER ... aN-MARKER
 *   workload execcold MARKER FILE PATH  one fork+exec of PATH with argv
 *                                    MARKER "" c2-MARKER c3-MARKER "", the
 *                                    c strings in pages of FILE mapped but
 *                                    never touched, so not in memory
 *   workload badfd MARKER            openat() of MARKER relative to a
 *                                    closed dirfd (EBADF)
 *   workload rw FILE R W             W one-byte writes then R one-byte reads
 *   workload direct FILE D           D O_DIRECT 4 KiB writes, then fsync;
 *                                    over FILE's blocks when it has D
 *   workload layout FILE D           D 4 KiB blocks written and synced
 *   workload execas PATH N ARG...    N getppid, then execv(PATH, PATH ARG...)
 *                                    (PATH a link to this program under
 *                                    another name: the name changes)
 *   workload burst N M               N getppid, then M getpid on each CPU it
 *                                    may run on in turn (moved there with
 *                                    sched_setaffinity), then exit: a burst
 *                                    shorter than a run left on every CPU
 *   workload idle N M                N getppid, one line, stops itself
 *                                    (SIGSTOP), then after SIGCONT M getppid
 *                                    and one line
 *   workload churn K USEC            K children one after the other, USEC
 *                                    apart, each making CHURN_CALLS distinct
 *                                    syscalls and exiting; prints their pids
 *
 * With TT_WL_STOP=1 in the environment it stops itself (SIGSTOP) once
 * started, before the subcommand: a tracer can then attach with --pid
 * and send SIGCONT, and see the subcommand's calls and nothing before.
 * Each subcommand ends by printing one line (one write(2): stdout is
 * line-buffered).
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <linux/openat2.h>

static long parse_count(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0) {
		fprintf(stderr, "workload: bad count '%s'\n", s);
		exit(2);
	}
	return v;
}

static int do_getppid(long n)
{
	long i;

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
	printf("getppid %ld\n", n);
	return 0;
}

static int do_failopen(const char *dir, const char *marker, long m)
{
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	char path[4096], name[256];
	long i, failed = 0;

	if (dfd < 0) {
		perror("workload: open dir");
		return 1;
	}
	for (i = 0; i < m; i++) {
		struct open_how how = { .flags = O_RDONLY };
		long fd;

		snprintf(name, sizeof(name), "%s-%ld", marker, i);
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		switch (i % 5) {
		case 0:
			fd = syscall(SYS_open, path, O_RDONLY);
			break;
		case 1:
			fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
			break;
		case 2:
			fd = syscall(SYS_openat, dfd, name, O_RDONLY);
			break;
		case 3:
			fd = syscall(SYS_openat2, dfd, name, &how, sizeof(how));
			break;
		default:
			/* creat in a directory that does not exist fails too */
			snprintf(path, sizeof(path), "%s/%s/missing", dir, name);
			fd = syscall(SYS_creat, path, 0600);
			break;
		}
		if (fd >= 0)
			close((int)fd);
		else
			failed++;
	}
	close(dfd);
	printf("failopen %ld failed %ld\n", m, failed);
	return failed == m ? 0 : 1;
}

static int do_failsame(const char *path, long m)
{
	long i, failed = 0;

	for (i = 0; i < m; i++) {
		int fd = open(path, O_RDONLY);

		if (fd >= 0)
			close(fd);
		else
			failed++;
	}
	printf("failsame %ld failed %ld\n", m, failed);
	return failed == m ? 0 : 1;
}

static int do_exec(const char *marker, long k)
{
	int bin = open("/bin", O_RDONLY | O_DIRECTORY);
	long i;

	if (bin < 0) {
		perror("workload: open /bin");
		return 1;
	}
	for (i = 0; i < k; i++) {
		char idx[32];
		char *argv[] = { "true", (char *)marker, idx, NULL };
		char *envp[] = { NULL };
		int status;
		pid_t pid;

		snprintf(idx, sizeof(idx), "%ld", i);
		pid = fork();
		if (pid < 0) {
			perror("workload: fork");
			return 1;
		}
		if (pid == 0) {
			if (i % 2)
				syscall(SYS_execveat, bin, "true", argv, envp, 0);
			else
				execve("/bin/true", argv, envp);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			fprintf(stderr, "workload: exec %ld failed\n", i);
			return 1;
		}
	}
	close(bin);
	printf("exec %ld\n", k);
	return 0;
}

/* fork + execve(path, argv, envp) + wait: the child's exit code, -1 when
 * it did not exit normally, -2 when fork or wait failed. */
static int spawn_wait(const char *path, char *const argv[], char *const envp[])
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -2;
	if (pid == 0) {
		execve(path, argv, envp);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -2;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int do_execargs(const char *marker, long n, const char *path)
{
	char **argv = calloc((size_t)n + 2, sizeof(*argv));
	char *envp[] = { NULL };
	int status;
	long i;

	if (!argv)
		return 1;
	argv[0] = (char *)marker;
	for (i = 1; i <= n; i++) {
		argv[i] = malloc(strlen(marker) + 32);
		if (!argv[i])
			return 1;
		sprintf(argv[i], "a%ld-%s", i, marker);
	}
	status = spawn_wait(path, argv, envp);
	if (status == -2)
		return 1;
	printf("execargs %ld status %d\n", n, status);
	for (i = 1; i <= n; i++)
		free(argv[i]);
	free(argv);
	return 0;
}

static int do_execcold(const char *marker, const char *file, const char *path)
{
	long pg = sysconf(_SC_PAGESIZE);
	char *buf = calloc(2, (size_t)pg), *map, *envp[] = { NULL };
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600), status;

	if (!buf || fd < 0)
		return 1;
	/* one string per page, written through the file, never through
	 * the mapping: its pages stay out of this process's page tables,
	 * and out of the child's (fork copies no such entries) */
	snprintf(buf, (size_t)pg, "c2-%s", marker);
	snprintf(buf + pg, (size_t)pg, "c3-%s", marker);
	if (write(fd, buf, 2 * (size_t)pg) != 2 * pg)
		return 1;
	map = mmap(NULL, 2 * (size_t)pg, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map == MAP_FAILED)
		return 1;
	{
		/* on the stack, which fork copies: a literal "" would sit in
		 * a page of this program the child has not touched either */
		char empty[1] = "";
		char *argv[] = { (char *)marker, empty, map, map + pg, empty, NULL };

		status = spawn_wait(path, argv, envp);
	}
	if (status == -2)
		return 1;
	printf("execcold status %d\n", status);
	munmap(map, 2 * (size_t)pg);
	close(fd);
	unlink(file);
	free(buf);
	return 0;
}

static int do_badfd(const char *marker)
{
	int fd = dup(0);
	long r;

	if (fd < 0)
		return 1;
	close(fd);	/* a descriptor that is surely closed */
	r = syscall(SYS_openat, fd, marker, O_RDONLY);
	printf("badfd %ld\n", r);
	return r < 0 ? 0 : 1;
}

static int do_rw(const char *file, long r, long w)
{
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char c = 'x';
	long i;

	if (fd < 0) {
		perror("workload: open");
		return 1;
	}
	for (i = 0; i < w; i++)
		if (write(fd, &c, 1) != 1)
			return 1;
	for (i = 0; i < r; i++)
		if (pread(fd, &c, 1, 0) != 1)
			return 1;
	close(fd);
	unlink(file);
	printf("rw reads %ld writes %ld\n", r, w);
	return 0;
}

/* D O_DIRECT 4 KiB writes to FILE, then fsync; FILE is removed after.
 * When FILE already holds D blocks (workload layout), the writes
 * overwrite them in place: allocated, written blocks, so each write is
 * one request to the disk, never a fallback to the page cache that the
 * file system may choose for a write that allocates. */
static int do_direct(const char *file, long d)
{
	struct stat st;
	bool laid_out = stat(file, &st) == 0 && st.st_size >= (off_t)d * 4096;
	void *buf;
	long i;
	int fd;

	if (posix_memalign(&buf, 4096, 4096))
		return 1;
	memset(buf, 0xab, 4096);
	fd = open(file, O_WRONLY | O_CREAT | O_DIRECT | (laid_out ? 0 : O_TRUNC), 0600);
	if (fd < 0) {
		perror("workload: open O_DIRECT");
		return 1;
	}
	for (i = 0; i < d; i++) {
		if (pwrite(fd, buf, 4096, (off_t)i * 4096) != 4096) {
			perror("workload: pwrite");
			return 1;
		}
	}
	fsync(fd);
	close(fd);
	unlink(file);
	free(buf);
	printf("direct %ld%s\n", d, laid_out ? " (overwritten)" : "");
	return 0;
}

/* D 4 KiB blocks written to FILE through the page cache and synced:
 * the layout that workload direct then overwrites. */
static int do_layout(const char *file, long d)
{
	char buf[4096];
	long i;
	int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0) {
		perror("workload: open");
		return 1;
	}
	memset(buf, 0x5a, sizeof(buf));
	for (i = 0; i < d; i++)
		if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf))
			return 1;
	if (fsync(fd))
		return 1;
	close(fd);
	printf("layout %ld\n", d);
	return 0;
}

/* Getppid n times, calling into the kernel each time (no libc cache). */
static void getppid_n(long n)
{
	long i;

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);
}

static int do_execas(const char *path, long n, char **args)
{
	getppid_n(n);
	/* args is argv from ARG on, NULL-terminated; argv[0] is the link */
	args[-1] = (char *)path;
	execv(path, args - 1);
	perror("workload: execv");
	return 1;
}

/* N getppid, then M getpid on each allowed CPU in turn. sched_setaffinity
 * returns on the new CPU, so each burst stays behind, unfinished, on the
 * CPU the process leaves: what the tracer must still count at exit. */
static int do_burst(long n, long m)
{
	cpu_set_t all, one;
	int cpu;

	if (sched_getaffinity(0, sizeof(all), &all))
		return 1;
	getppid_n(n);
	printf("burst %ld %ld\n", n, m);
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		long i;

		if (!CPU_ISSET(cpu, &all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		if (sched_setaffinity(0, sizeof(one), &one))
			return 1;
		for (i = 0; i < m; i++)
			syscall(SYS_getpid);
	}
	/* no output here: the last calls must be the burst */
	_exit(0);
}

static int do_idle(long n, long m)
{
	getppid_n(n);
	printf("idle %d stopping\n", (int)getpid());
	raise(SIGSTOP);
	getppid_n(m);
	printf("idle %d done\n", (int)getpid());
	return 0;
}

/* Distinct syscalls a churn child makes, each once: cheap, harmless and
 * never answered by the vDSO (called through syscall()). */
#define CHURN_CALLS 30

static void churn_child(void)
{
	struct rlimit rl;
	struct rusage ru;
	struct timespec ts;
	struct timeval tv;
	struct tms tm;
	struct utsname un;
	struct itimerval it;
	char cwd[256];
	unsigned r1, r2, r3;
	int n = 0;

	n += syscall(SYS_getpid) >= 0;
	n += syscall(SYS_getppid) >= 0;
	n += syscall(SYS_getuid) >= 0;
	n += syscall(SYS_geteuid) >= 0;
	n += syscall(SYS_getgid) >= 0;
	n += syscall(SYS_getegid) >= 0;
	n += syscall(SYS_gettid) >= 0;
	n += syscall(SYS_getpgrp) >= 0;
	n += syscall(SYS_getsid, 0) >= 0;
	n += syscall(SYS_getpgid, 0) >= 0;
	n += syscall(SYS_sched_yield) >= 0;
	n += syscall(SYS_umask, 022) >= 0;
	n += syscall(SYS_getpriority, PRIO_PROCESS, 0) >= 0;
	n += syscall(SYS_getrlimit, RLIMIT_NOFILE, &rl) >= 0;
	n += syscall(SYS_getrusage, RUSAGE_SELF, &ru) >= 0;
	n += syscall(SYS_times, &tm) != -1;
	n += syscall(SYS_uname, &un) >= 0;
	n += syscall(SYS_getcwd, cwd, sizeof(cwd)) >= 0;
	n += syscall(SYS_getresuid, &r1, &r2, &r3) >= 0;
	n += syscall(SYS_getresgid, &r1, &r2, &r3) >= 0;
	n += syscall(SYS_getgroups, 0, NULL) >= 0;
	n += syscall(SYS_sched_getscheduler, 0) >= 0;
	n += syscall(SYS_personality, 0xffffffff) >= 0;
	n += syscall(SYS_prctl, PR_GET_DUMPABLE, 0, 0, 0, 0) >= 0;
	n += syscall(SYS_time, NULL) >= 0;
	n += syscall(SYS_gettimeofday, &tv, NULL) >= 0;
	n += syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) >= 0;
	n += syscall(SYS_getitimer, ITIMER_REAL, &it) >= 0;
	n += syscall(SYS_alarm, 0) >= 0;
	n += syscall(SYS_sched_get_priority_max, SCHED_OTHER) >= 0;
	/* exit_group never returns, so it is not counted at syscall exit */
	_exit(n == CHURN_CALLS ? 0 : 1);
}

static int do_churn(long k, long usec)
{
	struct timespec gap = { usec / 1000000, usec % 1000000 * 1000 };
	long i;
	pid_t *pids = calloc((size_t)k + 1, sizeof(*pids));

	if (!pids)
		return 1;
	for (i = 0; i < k; i++) {
		int status;

		pids[i] = fork();
		if (pids[i] < 0) {
			perror("workload: fork");
			return 1;
		}
		if (pids[i] == 0)
			churn_child();
		if (waitpid(pids[i], &status, 0) < 0 || !WIFEXITED(status) ||
		    WEXITSTATUS(status) != 0) {
			fprintf(stderr, "workload: churn child %ld failed\n", i);
			return 1;
		}
		if (usec)
			nanosleep(&gap, NULL);
	}
	/* one line: the tracer sees this process make one write */
	for (i = 0; i < k; i++)
		printf("%s%d", i ? " " : "churn ", (int)pids[i]);
	printf("\n");
	free(pids);
	return 0;
}

int main(int argc, char **argv)
{
	const char *stop = getenv("TT_WL_STOP");

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (stop && !strcmp(stop, "1"))
		raise(SIGSTOP);
	if (argc == 3 && !strcmp(argv[1], "getppid"))
		return do_getppid(parse_count(argv[2]));
	if (argc == 5 && !strcmp(argv[1], "failopen"))
		return do_failopen(argv[2], argv[3], parse_count(argv[4]));
	if (argc == 4 && !strcmp(argv[1], "failsame"))
		return do_failsame(argv[2], parse_count(argv[3]));
	if (argc == 5 && !strcmp(argv[1], "execargs"))
		return do_execargs(argv[2], parse_count(argv[3]), argv[4]);
	if (argc == 5 && !strcmp(argv[1], "execcold"))
		return do_execcold(argv[2], argv[3], argv[4]);
	if (argc == 3 && !strcmp(argv[1], "badfd"))
		return do_badfd(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "exec"))
		return do_exec(argv[2], parse_count(argv[3]));
	if (argc == 5 && !strcmp(argv[1], "rw"))
		return do_rw(argv[2], parse_count(argv[3]), parse_count(argv[4]));
	if (argc == 4 && !strcmp(argv[1], "direct"))
		return do_direct(argv[2], parse_count(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "layout"))
		return do_layout(argv[2], parse_count(argv[3]));
	if (argc >= 5 && !strcmp(argv[1], "execas"))
		return do_execas(argv[2], parse_count(argv[3]), argv + 4);
	if (argc == 4 && !strcmp(argv[1], "burst"))
		return do_burst(parse_count(argv[2]), parse_count(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "idle"))
		return do_idle(parse_count(argv[2]), parse_count(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "churn"))
		return do_churn(parse_count(argv[2]), parse_count(argv[3]));
	fprintf(stderr, "usage: workload getppid N | failopen DIR MARKER M | failsame PATH M |"
		" execargs MARKER N PATH | execcold MARKER FILE PATH | badfd MARKER |"
		" exec MARKER K | rw FILE R W | direct FILE D | layout FILE D |"
		" execas PATH N ARG... | burst N M | idle N M | churn K USEC\n");
	return 2;
}
