/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --demo (demo.h): the phases, the child that runs them, and the
 * caption the parent derives from the clock. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "build_tree.h"
#include "clock.h"
#include "demo.h"
#include "snapshot.h"

#define NS 1000000000ull
#define MS 1000000ull
#define PHASE_NS ((uint64_t)DEMO_PHASE_S * NS)
#define DEMO_UID 65534		/* nobody */
#define DIRECT_BYTES (8u << 20)	/* the direct I/O file */
#define SPIKE_BYTES (16u << 20)	/* ... and how far the spike writes */
#define BLOCK 4096u
#define BIG (1u << 20)
#define DEMO_EXIT_NOBODY 3	/* the child could not become nobody */

struct demo {
	pid_t pid;
	int lifeline;	/* the write end of the child's pipe */
	uint64_t t0;
	bool reaped;
	int status;	/* its wait status, once reaped */
	char caption[TT_CAPTION_LEN];
};

/* Where the files go: a directory on a disk if there is one, so that
 * direct I/O and fsync reach a block device. */
static const char *const dirs[] = { "/var/tmp", "/tmp" };

/* The child's end of a pipe whose other end only tracetop holds: when
 * tracetop is gone, for any reason, it reads as closed. */
#define LIFELINE_FD 3

/* Every pause of the child: it ends as soon as tracetop is gone (the
 * parent-death signal is asked for too, but comes only once tracetop's
 * exit is done, which tearing down its BPF objects makes slow). */
static void nap(uint64_t ns)
{
	struct pollfd p = { .fd = LIFELINE_FD, .events = POLLIN };
	int ms = (int)((ns + MS - 1) / MS);

	if (poll(&p, 1, ms) > 0)	/* closed: tracetop is gone */
		_exit(0);
}

/* A file that has no name, so nothing is left if the demo is killed. */
static int tmpfile_fd(int extra)
{
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		int fd = open(dirs[i], O_TMPFILE | O_RDWR | O_CLOEXEC | extra, 0600);

		if (fd >= 0)
			return fd;
	}
	return -1;
}

/* 1: a cron-like loop starting short processes. */
static void run_exec(uint64_t until)
{
	while (clock_mono_ns() < until) {
		pid_t p = fork();

		if (p == 0) {
			/* no environment: no locale files looked for */
			char *const argv[] = { "true", "tracetop-demo", NULL }, *const envp[] = { NULL };

			execve("/bin/true", argv, envp);
			_exit(127);
		}
		if (p > 0)
			waitpid(p, NULL, 0);
		nap(50 * MS);	/* 20 a second */
	}
}

/* 2: a service that keeps opening a configuration file that is not
 * there, and now and then one it may not read. */
static void run_service(uint64_t until)
{
	for (unsigned n = 0; clock_mono_ns() < until; n++) {
		int fd = open("/etc/tracetop-demo/service.conf", O_RDONLY | O_CLOEXEC);

		if (fd >= 0)
			close(fd);
		if (n % 10 == 0) {
			fd = open("/root/.tracetop-demo.key", O_RDONLY | O_CLOEXEC);
			if (fd >= 0)
				close(fd);
		}
		nap(5 * MS);	/* 200 a second, 20 of them refused */
	}
}

/* 3: reads of a cached file, then a logger's small writes and fsyncs. */
static void run_vfs(uint64_t until)
{
	static char buf[BLOCK];
	uint64_t half = until - PHASE_NS / 2;
	int fd = tmpfile_fd(0);

	if (fd < 0)
		return;
	memset(buf, 'x', sizeof(buf));
	for (unsigned i = 0; i < 256; i++)	/* 1 MiB to read back */
		if (pwrite(fd, buf, sizeof(buf), (off_t)i * BLOCK) < 0)
			break;
	for (unsigned n = 0; clock_mono_ns() < half; n++) {
		for (unsigned k = 0; k < 20; k++)
			if (pread(fd, buf, sizeof(buf), (off_t)((n * 20 + k) % 256) * BLOCK) < 0)
				break;
		nap(10 * MS);	/* 2 000 reads a second */
	}
	for (unsigned n = 0; clock_mono_ns() < until; n++) {
		if (pwrite(fd, buf, 256, (off_t)(n % 4096) * 256) >= 0)
			fsync(fd);
		nap(10 * MS);	/* 100 writes and fsyncs a second */
	}
	close(fd);
}

/* 4: small direct reads and writes, then large synced writes: the
 * block I/O histogram moves right. Buffered where the file system
 * refuses O_DIRECT (the writes still reach the disk at each fsync). */
static void run_direct(uint64_t until)
{
	uint64_t spike = until - PHASE_NS / 3;
	void *buf = NULL;
	int fd = tmpfile_fd(O_DIRECT);

	if (fd < 0)
		fd = tmpfile_fd(0);
	if (fd < 0 || posix_memalign(&buf, BLOCK, BIG)) {
		if (fd >= 0)
			close(fd);
		return;
	}
	memset(buf, 'd', BIG);
	for (unsigned off = 0; off < DIRECT_BYTES; off += BIG)
		if (pwrite(fd, buf, BIG, off) < 0)
			break;
	fsync(fd);
	for (unsigned n = 0; clock_mono_ns() < spike; n++) {
		unsigned w = (n * 7919u) % (DIRECT_BYTES / BLOCK), r = (n * 104729u) % (DIRECT_BYTES / BLOCK);

		if (pwrite(fd, buf, BLOCK, (off_t)w * BLOCK) < 0 ||
		    pread(fd, buf, BLOCK, (off_t)r * BLOCK) < 0)
			break;
		if (n % 50 == 49)
			fsync(fd);
		nap(5 * MS);	/* 200 of each a second */
	}
	for (unsigned n = 0; clock_mono_ns() < until; n++) {
		if (pwrite(fd, buf, BIG, (off_t)(n % (SPIKE_BYTES / BIG)) * BIG) < 0)
			break;
		fdatasync(fd);
		nap(10 * MS);	/* at most 100 MiB a second */
	}
	free(buf);
	close(fd);
}

/* 5: a health check whose calls fail: stat and access of files that
 * are not there, a signal to a pid that does not exist, a connection to
 * a port nobody listens on. */
static void run_health(uint64_t until)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(1),
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	struct stat sb;

	while (clock_mono_ns() < until) {
		int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

		(void)!stat("/var/lib/tracetop-demo/healthy", &sb);
		(void)!access("/run/tracetop-demo.pid", R_OK);
		kill(INT_MAX, 0);	/* above any pid_max: ESRCH */
		if (s >= 0) {
			(void)!connect(s, (struct sockaddr *)&sin, sizeof(sin));
			close(s);
		}
		nap(10 * MS);	/* 100 rounds a second */
	}
}

static const struct phase {
	const char *name;
	const char *what;	/* the caption (printable ASCII: it is recorded) */
	const char *comm;	/* the process's name meanwhile */
	void (*run)(uint64_t until);
} phases[DEMO_PHASES] = {
	{ "exec churn", "exec churn: a cron-like loop starts 20 short processes a second "
	  "(Events; F5: the process tree)", "demo-cron", run_exec },
	{ "a misconfigured service", "a misconfigured service opens a missing config file 200 "
	  "times a second (ENOENT), and a key it may not read (EACCES): press f", "demo-service",
	  run_service },
	{ "VFS phases", "VFS: a reader does 2000 reads a second, then a logger writes and fsyncs "
	  "100 times a second (VFS ops/s)", "demo-vfs", run_vfs },
	{ "direct I/O", "direct I/O: 4 KiB O_DIRECT reads and writes, then a latency spike of "
	  "1 MiB synced writes (Block I/O)", "demo-db", run_direct },
	{ "failing syscalls", "a health check: stat and access of missing files, kill of a gone "
	  "pid, connect to a closed port (Syscalls ERR/s)", "demo-health", run_health },
};

#ifndef TT_DEMO_RECORDING
#define TT_DEMO_RECORDING "/usr/share/tracetop/demo.ttrec"
#endif
#ifndef TT_SRC_DEMO
#define TT_SRC_DEMO ""
#endif
#ifndef TT_BUILDDIR
#define TT_BUILDDIR ""
#endif

const char *demo_recording(void)
{
	if (TT_SRC_DEMO[0] && build_tree_running(TT_BUILDDIR) && !access(TT_SRC_DEMO, R_OK))
		return TT_SRC_DEMO;
	return access(TT_DEMO_RECORDING, R_OK) ? NULL : TT_DEMO_RECORDING;
}

const char *demo_phase_name(unsigned i)
{
	return i < DEMO_PHASES ? phases[i].name : NULL;
}

/* The child: nobody, nothing open but /dev/null and its lifeline, dies
 * with tracetop. */
static void child(uint64_t t0, pid_t parent, int lifeline)
{
	sigset_t all;
	int null = open("/dev/null", O_RDWR);

	if (null < 0 || dup2(lifeline, LIFELINE_FD) != LIFELINE_FD)
		_exit(1);
	fcntl(LIFELINE_FD, F_SETFD, FD_CLOEXEC);	/* not the processes it starts */
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	if (close_range(LIFELINE_FD + 1, ~0u, 0))	/* a kernel without it */
		for (int fd = LIFELINE_FD + 1; fd < 65536; fd++)
			close(fd);
	sigfillset(&all);
	sigprocmask(SIG_UNBLOCK, &all, NULL);
	for (int s = 1; s < NSIG; s++)
		if (s != SIGKILL && s != SIGSTOP)
			signal(s, SIG_DFL);
	if (setgroups(0, NULL) || setresgid(DEMO_UID, DEMO_UID, DEMO_UID) ||
	    setresuid(DEMO_UID, DEMO_UID, DEMO_UID))
		_exit(DEMO_EXIT_NOBODY);
	/* after the change of credentials, which clears it */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
		_exit(0);
	prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
	for (unsigned i = 0; i < DEMO_PHASES; i++) {
		uint64_t until = t0 + (i + 1) * PHASE_NS;

		if (clock_mono_ns() >= until)
			continue;
		prctl(PR_SET_NAME, phases[i].comm, 0, 0, 0);
		phases[i].run(until);
		/* a phase that could not run (no file could be made, the
		 * disk full) still takes its time: the captions follow the
		 * clock */
		while (clock_mono_ns() < until)
			nap(50 * MS);
	}
	_exit(0);
}

static void nap_parent(uint64_t ns)
{
	struct timespec ts = { (time_t)(ns / NS), (long)(ns % NS) };

	nanosleep(&ts, NULL);
}

struct demo *demo_start(char *msg, size_t len)
{
	struct demo *d = calloc(1, sizeof(*d));
	pid_t parent = getpid();
	int fds[2];

	if (!d) {
		snprintf(msg, len, "--demo: out of memory");
		return NULL;
	}
	if (pipe2(fds, O_CLOEXEC)) {
		snprintf(msg, len, "--demo: cannot start its workload: %s", strerror(errno));
		free(d);
		return NULL;
	}
	d->t0 = clock_mono_ns();
	fflush(NULL);	/* nothing buffered is written twice */
	d->pid = fork();
	if (d->pid < 0) {
		snprintf(msg, len, "--demo: cannot start its workload: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		free(d);
		return NULL;
	}
	if (d->pid == 0) {
		close(fds[1]);
		child(d->t0, parent, fds[0]);
	}
	close(fds[0]);
	d->lifeline = fds[1];
	return d;
}

const char *demo_caption(struct demo *d, uint64_t now_ns)
{
	uint64_t t = now_ns > d->t0 ? now_ns - d->t0 : 0;
	unsigned i = (unsigned)(t / PHASE_NS);

	if (!d->reaped && waitpid(d->pid, &d->status, WNOHANG) == d->pid)
		d->reaped = true;
	/* a workload that failed says so, not what it would have done
	 * (it ends well only after its last phase) */
	if (d->reaped && !(WIFEXITED(d->status) && WEXITSTATUS(d->status) == 0)) {
		snprintf(d->caption, sizeof(d->caption), "DEMO stopped: its workload %s",
			 WIFEXITED(d->status) && WEXITSTATUS(d->status) == DEMO_EXIT_NOBODY ?
			 "could not run as nobody (uid 65534): no CAP_SETUID, or no such user here" :
			 WIFSIGNALED(d->status) ? "was killed" : "ended early");
		return d->caption;
	}
	if (i >= DEMO_PHASES) {
		snprintf(d->caption, sizeof(d->caption), "DEMO over: q quits; [ and j look back at "
			 "it, w saves what you look at");
		return d->caption;
	}
	snprintf(d->caption, sizeof(d->caption), "DEMO %u/%u, %2us left: %s", i + 1, DEMO_PHASES,
		 (unsigned)((PHASE_NS - t % PHASE_NS + NS - 1) / NS), phases[i].what);
	return d->caption;
}

void demo_stop(struct demo *d)
{
	if (!d)
		return;
	/* its lifeline closes: it ends at its next pause. No signal: with
	 * the capabilities dropped, tracetop may not signal nobody's
	 * processes. Waited for a while only, so that nothing (a slow
	 * fsync, a child stopped by another of nobody's processes) holds
	 * tracetop's exit; one still there ends when it next looks. */
	close(d->lifeline);
	if (!d->reaped)	/* (a reaped pid may be another process's now) */
		kill(d->pid, SIGKILL);	/* where tracetop still may */
	for (int i = 0; !d->reaped && i < 50; i++) {
		if (waitpid(d->pid, NULL, WNOHANG) == d->pid)
			d->reaped = true;
		else
			nap_parent(10 * MS);
	}
	free(d);
}
