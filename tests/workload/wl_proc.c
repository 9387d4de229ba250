/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Workload subcommands for the per-process accounting: execas, burst,
 * idle, churn, crowd (see workload.c). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "wl.h"

/* Getppid n times, calling into the kernel each time (no libc cache). */
static void getppid_n(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
}

/* PATH N ARG...: N getppid, then execv(PATH, PATH ARG...), PATH a link
 * to this program under another name: the process's name changes. */
int wl_execas(char **argv)
{
	const char *path = argv[0];

	getppid_n(wl_count(argv[1]));
	/* argv from ARG on is NULL-terminated; its slot before becomes
	 * argv[0] of the new image, the link */
	argv[1] = (char *)path;
	execv(path, argv + 1);
	perror("workload: execv");
	return 1;
}

/* N M: N getppid, then M getpid on each allowed CPU in turn, then exit.
 * sched_setaffinity returns on the new CPU, so each burst stays behind,
 * unfinished, on the CPU the process leaves: what the tracer must still
 * count at exit. */
int wl_burst(char **argv)
{
	long n = wl_count(argv[0]), m = wl_count(argv[1]);
	cpu_set_t all, one;

	if (sched_getaffinity(0, sizeof(all), &all))
		return 1;
	getppid_n(n);
	printf("burst %ld %ld\n", n, m);
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &all))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		if (sched_setaffinity(0, sizeof(one), &one))
			return 1;
		for (long i = 0; i < m; i++)
			syscall(SYS_getpid);
	}
	/* no output here: the last calls must be the burst */
	_exit(0);
}

/* N M: N getppid, one line, stop (SIGSTOP); after SIGCONT, M getppid
 * and one line. */
int wl_idle(char **argv)
{
	long n = wl_count(argv[0]), m = wl_count(argv[1]);

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
#ifndef SYS_time
	unsigned cpu;
#endif
#ifndef SYS_alarm
	struct sysinfo si;
#endif
	int n = 0;

	n += syscall(SYS_getpid) >= 0;
	n += syscall(SYS_getppid) >= 0;
	n += syscall(SYS_getuid) >= 0;
	n += syscall(SYS_geteuid) >= 0;
	n += syscall(SYS_getgid) >= 0;
	n += syscall(SYS_getegid) >= 0;
	n += syscall(SYS_gettid) >= 0;
#ifdef SYS_getpgrp
	n += syscall(SYS_getpgrp) >= 0;
#else	/* arm64 lacks getpgrp, time and alarm: three others it has */
	n += syscall(SYS_sched_get_priority_min, SCHED_OTHER) >= 0;
#endif
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
#ifdef SYS_time
	n += syscall(SYS_time, NULL) >= 0;
#else
	n += syscall(SYS_getcpu, &cpu, NULL, NULL) >= 0;
#endif
	n += syscall(SYS_gettimeofday, &tv, NULL) >= 0;
	n += syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts) >= 0;
	n += syscall(SYS_getitimer, ITIMER_REAL, &it) >= 0;
#ifdef SYS_alarm
	n += syscall(SYS_alarm, 0) >= 0;
#else
	n += syscall(SYS_sysinfo, &si) >= 0;
#endif
	n += syscall(SYS_sched_get_priority_max, SCHED_OTHER) >= 0;
	/* exit_group never returns, so it is not counted at syscall exit */
	_exit(n == CHURN_CALLS ? 0 : 1);
}

/* K USEC: K children one after the other, USEC apart, each making
 * CHURN_CALLS distinct syscalls and exiting; prints their pids. */
int wl_churn(char **argv)
{
	long k = wl_count(argv[0]), usec = wl_count(argv[1]);
	struct timespec gap = { usec / 1000000, usec % 1000000 * 1000 };
	pid_t *pids = calloc((size_t)k + 1, sizeof(*pids));

	if (!pids)
		return 1;
	for (long i = 0; i < k; i++) {
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
	for (long i = 0; i < k; i++)
		printf("%s%d", i ? " " : "churn ", (int)pids[i]);
	printf("\n");
	free(pids);
	return 0;
}

/* N SECONDS: N live processes at once (children that each make a few
 * getppid calls and wait), for SECONDS once all are made, then all gone:
 * a machine with a crowded process table. Prints "crowd N ready" once
 * all of them made their calls. */
int wl_crowd(char **argv)
{
	long n = wl_count(argv[0]), secs = wl_count(argv[1]);
	pid_t *kids = calloc((size_t)(n ? n : 1), sizeof(*kids));
	int ready[2];
	long made = 0;
	char c;

	if (!kids || pipe(ready))
		return 1;
	for (long i = 0; i < n; i++) {
		pid_t p = fork();

		if (p < 0)
			break;
		if (p == 0) {
			close(ready[0]);
			prctl(PR_SET_PDEATHSIG, SIGKILL);
			getppid_n(3);
			if (write(ready[1], "x", 1) != 1)
				_exit(1);
			close(ready[1]);
			/* until the parent ends it (or dies: PDEATHSIG) */
			for (;;)
				pause();
		}
		kids[made++] = p;
	}
	close(ready[1]);
	for (long i = 0; i < made; i++)
		if (read(ready[0], &c, 1) != 1)
			break;
	printf("crowd %ld ready\n", made);
	fflush(stdout);
	sleep((unsigned)secs);
	for (long i = 0; i < made; i++)
		kill(kids[i], SIGKILL);
	while (wait(NULL) > 0)
		;
	free(kids);
	return made == n ? 0 : 1;
}
