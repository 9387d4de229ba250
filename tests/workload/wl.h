/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The workload generator shared by the integration tests, the hardening
 * tests and the benchmark: each subcommand makes an exact number of
 * system calls of one kind, with markers no other process makes, so a
 * test can check that exactly those reached tracetop and the bench can
 * time them. Subcommands live in wl_open.c, wl_path.c, wl_exec.c, wl_io.c
 * and wl_proc.c; the
 * options and the table of subcommands in workload.c. */
#ifndef TT_WORKLOAD_H
#define TT_WORKLOAD_H

#include <stdbool.h>

/* Options of the whole run (workload.c). */
struct wl_opts {
	int threads;	/* -j: threads of the openat storm */
	bool stop;	/* -s or TT_WL_STOP=1: SIGSTOP before the subcommand */
	bool stop_in_ready;	/* the stop waits for wl_ready (see workload.c) */
};
extern struct wl_opts wl_opts;

/* A subcommand calls this once set up, right before its counted calls:
 * their timing starts here; for a subcommand that stops itself, -s stops
 * the process here, so a tracer can attach with --pid and send SIGCONT
 * and see those calls and nothing before. */
void wl_ready(void);
/* Marks one counted call, at the top of each iteration, of a storm timed
 * in chunks of size calls (-t): the fastest chunk is reported as the
 * storm's best pace. */
void wl_chunk(long size);
/* A count argument, or exit 2 with a message. */
long wl_count(const char *s);
/* FILE created or emptied, open for reading and writing; -1 after a
 * message when it cannot be. */
int wl_new_file(const char *file);
/* fork + execve(path, argv, envp) + wait: the child's exit code, -1 when
 * it did not exit normally, -2 when fork or wait failed. */
int wl_spawn_wait(const char *path, char *const argv[], char *const envp[]);

/* Subcommands: argv[0] is the subcommand's first argument. Each prints
 * one line saying what it did and returns the exit code. */
int wl_getppid(char **argv);
int wl_rw(char **argv);
int wl_direct(char **argv);
int wl_layout(char **argv);
int wl_fsyncs(char **argv);
int wl_procmix(char **argv);
int wl_sleeps(char **argv);
int wl_errnos(char **argv);
int wl_failopen(char **argv);
int wl_openat(char **argv);
int wl_longopen(char **argv);
int wl_failsame(char **argv);
int wl_failstat(char **argv);
int wl_failpath(char **argv);
int wl_badfd(char **argv);
int wl_exec(char **argv);
int wl_execve(char **argv);
int wl_execlong(char **argv);
int wl_execargs(char **argv);
int wl_execcold(char **argv);
int wl_pathwalk(char **argv);
int wl_spawnchain(char **argv);
int wl_execas(char **argv);
int wl_burst(char **argv);
int wl_idle(char **argv);
int wl_crowd(char **argv);
int wl_churn(char **argv);

#endif
