/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The event loop's file descriptors: one epoll over a signalfd, the
 * sampling timerfd, a short drain timerfd for the ring buffers, the ring
 * buffers' own epoll fd, (under the UI) stdin and (with --listen) the
 * metrics server's epoll fd. Signals arrive as
 * ordinary readable events; nothing runs in a signal handler. */
#ifndef TRACETOP_LOOP_H
#define TRACETOP_LOOP_H

#include <signal.h>
#include <stdint.h>

enum loop_src {
	LOOP_SIGNAL = 0,
	LOOP_TICK,
	LOOP_DRAIN,
	LOOP_RING,
	LOOP_INPUT,
	LOOP_HTTP,	/* the metrics server's epoll fd (http.h) */
	LOOP_SRC_MAX,
};

struct loop {
	int epfd;
	int sigfd;
	int tickfd;
	int drainfd;
	sigset_t oldmask;	/* restored by loop_fini */
};

/* Blocks SIGINT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP, SIGCONT and routes
 * them to a signalfd; arms the tick timer every interval_s and the drain
 * timer every drain_s (0: none). 0 or -errno. */
int loop_init(struct loop *l, double interval_s, double drain_s);
void loop_fini(struct loop *l);
int loop_add(struct loop *l, int fd, enum loop_src src);
int loop_set_interval(struct loop *l, double interval_s);
/* Waits up to timeout_ms (-1: forever); returns a mask of 1 << enum
 * loop_src that are ready, 0 on timeout, or -errno. Timer expirations
 * are consumed. */
int loop_wait(struct loop *l, int timeout_ms);
/* Next pending signal number, or 0 when none is left. */
int loop_next_signal(struct loop *l);

#endif
