/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The workload generator: options, the table of subcommands, timing.
 *
 *   workload [-t] [-s] [-j THREADS] SUBCOMMAND ARGS...
 *
 *   getppid N                 N getppid calls
 *   rw FILE R W [SPAN]        W one-byte writes, then R one-byte reads
 *                             (pread at offset 0); FILE removed after
 *   direct FILE D [SPAN]      D O_DIRECT 4 KiB writes over the first SPAN
 *                             blocks of FILE (default D) in turn, then
 *                             fsync; over blocks FILE already has when
 *                             laid out (layout), so each is one request
 *   layout FILE D             D 4 KiB blocks written and synced
 *   fsyncs FILE K             K one-byte writes, each followed by fsync
 *   procmix FILE N M K F D    one child making exactly N reads, M writes,
 *                             K fsyncs, F failed openat()s and D O_DIRECT
 *                             writes over FILE's laid-out blocks; prints
 *                             "procmix <child pid>"
 *   sleeps MS N               N nanosleep()s of MS milliseconds
 *   errnos FILE E A           E openat()s failing ENOENT (FILE.missing),
 *                             then A of FILE, failing EACCES when run by
 *                             a user who may not read it
 *   failopen DIR MARK M       M failed opens of DIR/MARK-<i>, via open,
 *                             openat(AT_FDCWD), openat(dirfd), openat2
 *                             and creat in turn
 *   openat DIR MARK N         N failed openat(AT_FDCWD, DIR/MARK-<i>),
 *                             split over -j threads (default 1)
 *   longopen DIR MARK N       N failed openat of 4 000-byte paths under
 *                             DIR/MARK-<i>/ (each a missing directory)
 *   failsame PATH M           M failed open(2)s of the same PATH
 *   failstat DIR MARK N       N failed newfstatat(AT_FDCWD, DIR/MARK-<i>),
 *                             split over -j threads (default 1)
 *   failpath DIR MARK M       M failed path calls of DIR/MARK-<i>, each
 *                             path call of this machine in turn (list
 *                             in wl_path.c); prints "<call> <i>" for
 *                             each, then the count
 *   badfd MARK                openat() of MARK relative to a closed fd
 *   exec MARK K               K fork + exec of /bin/true MARK <i>; odd i
 *                             via execveat(dirfd of /bin)
 *   execve MARK K             K fork + execve("/bin/true", MARK-<i>)
 *   execlong MARK K           K fork + execve of /bin/true with MARK-<i>
 *                             and an argument of 4 000 bytes
 *   execargs MARK N PATH      one fork + exec of PATH with argv MARK
 *                             a1-MARK ... aN-MARK
 *   execcold MARK FILE PATH   one fork + exec of PATH with argv MARK ""
 *                             c2-MARK c3-MARK "", the c strings in pages
 *                             of FILE mapped but never touched
 *   pathwalk MARK K           one fork + execvp("true", [true, MARK]) over
 *                             a PATH of K missing directories, then
 *                             /usr/bin:/bin: K failed execs, one that runs
 *   spawnchain MARK           three short-lived processes, each the
 *                             child of the one before: sh -c (MARK 1),
 *                             sh -c (MARK 2), /bin/true MARK 3
 *   execas PATH N ARG...      N getppid, then execv(PATH, PATH ARG...)
 *                             (PATH a link to this program under another
 *                             name: the process's name changes)
 *   burst N M                 N getppid, then M getpid on each CPU it may
 *                             run on in turn, then exit: a burst shorter
 *                             than a run left behind on every CPU
 *   idle N M                  N getppid, one line, stops itself; after
 *                             SIGCONT, M getppid and one line
 *   churn K USEC              K children one after the other, USEC apart,
 *                             each making 30 distinct syscalls; prints
 *                             their pids
 *   crowd N SECONDS           N live children at once, 3 getppid each,
 *                             for SECONDS; "crowd N ready" once made
 *
 * -s (or TT_WL_STOP=1 in the environment): stop (SIGSTOP) before the
 * subcommand does anything; openat, longopen and failstat first start their -j
 * threads, which then wait, so their opens are all that follows. -t: also print "elapsed S cpu S best S":
 * the wall time of the counted calls, the CPU time (user + system,
 * children included) they took, and the time at the pace of their
 * fastest chunk, which a busy machine disturbs least. Each subcommand
 * prints one line (one write: stdout is line-buffered) and exits 0 when
 * every call did what it should.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "wl.h"

#define THREADS_MAX 16

struct wl_opts wl_opts = { .threads = 1 };

struct subcommand {
	const char *name;
	int min_args, max_args;
	int (*run)(char **argv);
	bool stops_itself;	/* -s stops in wl_ready (after setting up
				 * threads), not before the subcommand */
};

static const struct subcommand subcommands[] = {
	{ "getppid", 1, 1, wl_getppid, false },
	{ "rw", 3, 3, wl_rw, false },
	{ "direct", 2, 3, wl_direct, false },
	{ "layout", 2, 2, wl_layout, false },
	{ "fsyncs", 2, 2, wl_fsyncs, false },
	{ "procmix", 6, 6, wl_procmix, false },
	{ "sleeps", 2, 2, wl_sleeps, false },
	{ "errnos", 3, 3, wl_errnos, false },
	{ "failopen", 3, 3, wl_failopen, false },
	{ "openat", 3, 3, wl_openat, true },
	{ "longopen", 3, 3, wl_longopen, true },
	{ "failsame", 2, 2, wl_failsame, false },
	{ "failstat", 3, 3, wl_failstat, true },
	{ "failpath", 3, 3, wl_failpath, false },
	{ "badfd", 1, 1, wl_badfd, false },
	{ "exec", 2, 2, wl_exec, false },
	{ "execve", 2, 2, wl_execve, false },
	{ "execlong", 2, 2, wl_execlong, false },
	{ "execargs", 3, 3, wl_execargs, false },
	{ "execcold", 3, 3, wl_execcold, false },
	{ "pathwalk", 2, 2, wl_pathwalk, false },
	{ "spawnchain", 1, 1, wl_spawnchain, false },
	{ "execas", 3, 1000, wl_execas, false },
	{ "burst", 2, 2, wl_burst, false },
	{ "idle", 2, 2, wl_idle, false },
	{ "churn", 2, 2, wl_churn, false },
	{ "crowd", 2, 2, wl_crowd, false },
};

/* Timing (-t): when the counted calls started, and their fastest chunk. */
static struct {
	double t0, c0, chunk_t0, best;
	long chunk_size, calls;
} timing = { .best = -1, .chunk_size = 1 };

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

void wl_ready(void)
{
	if (wl_opts.stop_in_ready)
		raise(SIGSTOP);
	timing.t0 = timing.chunk_t0 = now_s();
	timing.c0 = cpu_s();
}

void wl_chunk(long size)
{
	long i = timing.calls++;
	double t;

	if (i % size)
		return;
	t = now_s();
	if (i && (timing.best < 0 || t - timing.chunk_t0 < timing.best))
		timing.best = t - timing.chunk_t0;
	timing.chunk_t0 = t;
	timing.chunk_size = size;
}

int wl_new_file(const char *file)
{
	int fd = open(file, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		fprintf(stderr, "workload: open %s: %s\n", file, strerror(errno));
	return fd;
}

long wl_count(const char *s)
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

int wl_spawn_wait(const char *path, char *const argv[], char *const envp[])
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

static void usage(void)
{
	fprintf(stderr, "usage: workload [-t] [-s] [-j THREADS] SUBCOMMAND ARGS (see workload.c):");
	for (size_t i = 0; i < sizeof(subcommands) / sizeof(subcommands[0]); i++)
		fprintf(stderr, " %s", subcommands[i].name);
	fputc('\n', stderr);
}

int main(int argc, char **argv)
{
	const char *env = getenv("TT_WL_STOP");
	bool timed = false;
	double elapsed;
	int c, rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	wl_opts.stop = env && !strcmp(env, "1");
	while ((c = getopt(argc, argv, "+tsj:")) != -1) {
		if (c == 't') {
			timed = true;
		} else if (c == 's') {
			wl_opts.stop = true;
		} else if (c == 'j') {
			wl_opts.threads = (int)wl_count(optarg);
			if (wl_opts.threads < 1 || wl_opts.threads > THREADS_MAX) {
				fprintf(stderr, "workload: -j takes 1 to %d\n", THREADS_MAX);
				return 2;
			}
		} else {
			usage();
			return 2;
		}
	}
	argc -= optind;
	argv += optind;
	for (size_t i = 0; argc > 0 && i < sizeof(subcommands) / sizeof(subcommands[0]); i++) {
		const struct subcommand *s = &subcommands[i];

		if (strcmp(argv[0], s->name))
			continue;
		if (argc - 1 < s->min_args || argc - 1 > s->max_args)
			break;
		/* before anything the subcommand does, as a test expects of
		 * -s, unless it must set up first */
		if (wl_opts.stop && !s->stops_itself)
			raise(SIGSTOP);
		wl_opts.stop_in_ready = wl_opts.stop && s->stops_itself;
		rc = s->run(argv + 1);
		if (rc || !timed)
			return rc;
		elapsed = now_s() - timing.t0;
		/* too few chunks to choose from: the whole storm is the best */
		printf("elapsed %.6f cpu %.6f best %.6f\n", elapsed, cpu_s() - timing.c0,
		       timing.best < 0 ? elapsed :
		       timing.best * (double)timing.calls / (double)timing.chunk_size);
		return 0;
	}
	usage();
	return 2;
}
