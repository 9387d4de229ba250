/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Workload subcommands of execs: exec, execve, execlong, execargs,
 * execcold (see workload.c). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include "wl.h"

#define LONG_ARG 4000

enum exec_how {
	EXEC_ALTERNATE,	/* execve, then execveat relative to /bin, in turn */
	EXEC_PLAIN,	/* execve only (what the bench's floor hooks see) */
	EXEC_LONG,	/* execve with an argument of LONG_ARG bytes */
};

/* K fork + exec + wait of /bin/true; 0, or 1 at the first failure. */
static int exec_storm(const char *marker, long k, enum exec_how how)
{
	int bin = open("/bin", O_RDONLY | O_DIRECTORY);
	static char filler[LONG_ARG + 1];
	char idx[32], tagged[300];

	if (bin < 0) {
		perror("workload: open /bin");
		return 1;
	}
	memset(filler, 'x', LONG_ARG);
	wl_ready();
	for (long i = 0; i < k; i++) {
		char *argv[4] = { "true", (char *)marker, idx, NULL };
		char *envp[] = { NULL };
		int status;
		pid_t pid;

		wl_chunk(10);
		snprintf(idx, sizeof(idx), "%ld", i);
		if (how != EXEC_ALTERNATE) {
			snprintf(tagged, sizeof(tagged), "%s-%ld", marker, i);
			argv[0] = "/bin/true";
			argv[1] = tagged;
			argv[2] = how == EXEC_LONG ? filler : NULL;
		}
		pid = fork();
		if (pid < 0) {
			perror("workload: fork");
			return 1;
		}
		if (pid == 0) {
			if (how == EXEC_ALTERNATE && i % 2)
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
	return 0;
}

int wl_exec(char **argv)
{
	long k = wl_count(argv[1]);

	if (exec_storm(argv[0], k, EXEC_ALTERNATE))
		return 1;
	printf("exec %ld\n", k);
	return 0;
}

int wl_execve(char **argv)
{
	long k = wl_count(argv[1]);

	if (exec_storm(argv[0], k, EXEC_PLAIN))
		return 1;
	printf("execve %ld\n", k);
	return 0;
}

int wl_execlong(char **argv)
{
	long k = wl_count(argv[1]);

	if (exec_storm(argv[0], k, EXEC_LONG))
		return 1;
	printf("execlong %ld\n", k);
	return 0;
}

int wl_execargs(char **argv)
{
	const char *marker = argv[0], *path = argv[2];
	long n = wl_count(argv[1]);
	char **args = calloc((size_t)n + 2, sizeof(*args));
	char *envp[] = { NULL };
	int status;

	if (!args)
		return 1;
	args[0] = (char *)marker;
	for (long i = 1; i <= n; i++) {
		args[i] = malloc(strlen(marker) + 32);
		if (!args[i])
			return 1;
		sprintf(args[i], "a%ld-%s", i, marker);
	}
	wl_ready();
	status = wl_spawn_wait(path, args, envp);
	if (status == -2)
		return 1;
	printf("execargs %ld status %d\n", n, status);
	for (long i = 1; i <= n; i++)
		free(args[i]);
	free(args);
	return 0;
}

int wl_execcold(char **argv)
{
	const char *marker = argv[0], *file = argv[1], *path = argv[2];
	long pg = sysconf(_SC_PAGESIZE);
	char *buf = calloc(2, (size_t)pg), *map, *envp[] = { NULL };
	int fd = wl_new_file(file), status;

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
	wl_ready();
	{
		/* on the stack, which fork copies: a literal "" would sit in
		 * a page of this program the child has not touched either */
		char empty[1] = "";
		char *args[] = { (char *)marker, empty, map, map + pg, empty, NULL };

		status = wl_spawn_wait(path, args, envp);
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

/* One fork; the child walks a PATH of K directories that do not exist,
 * then /usr/bin and /bin, with execvp("true", ["true", MARK]): K failed
 * execs (ENOENT) and the one that runs, from one thread. */
int wl_pathwalk(char **argv)
{
	const char *marker = argv[0];
	long k = wl_count(argv[1]);
	size_t len = (size_t)k * (strlen(marker) + 32) + 32, used = 0;
	char *path = malloc(len);
	int status;
	pid_t pid;

	if (!path)
		return 1;
	path[0] = '\0';
	for (long i = 0; i < k; i++)
		used += (size_t)snprintf(path + used, len - used, "/nonexistent-%s-%ld:", marker, i);
	snprintf(path + used, len - used, "/usr/bin:/bin");
	wl_ready();
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		char *const args[] = { "true", (char *)marker, NULL };

		setenv("PATH", path, 1);
		execvp("true", args);
		_exit(127);
	}
	free(path);
	if (waitpid(pid, &status, 0) != pid)
		return 1;
	printf("pathwalk %ld exit %d\n", k, WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}

/* A chain of three short-lived processes: this one forks A, A forks B,
 * B forks C; each execs /bin/sh or /bin/true with MARK and its level
 * ("sh -c ..." for the first two, "true MARK 3" for the last), and each
 * waits for its child. */
int wl_spawnchain(char **argv)
{
	/* A: sh -c 'B' MARK 1; B: sh -c 'C' MARK 2; C: true MARK 3. The
	 * shells fork before they exec ("&" then wait), so each level is
	 * its own process. */
	static const char cmd[] = "/bin/sh -c '/bin/true \"$0\" 3 & wait $!' \"$0\" 2 & wait $!";
	const char *marker = argv[0];
	int status;
	pid_t pid;

	wl_ready();
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, marker, "1", (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid)
		return 1;
	printf("spawnchain exit %d\n", WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : 1;
}
