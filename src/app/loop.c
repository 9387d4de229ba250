/* SPDX-License-Identifier: GPL-2.0-or-later */
/* epoll + signalfd + timerfd plumbing; see loop.h. */
#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <unistd.h>
#include "loop.h"

static int arm(int fd, double secs)
{
	struct itimerspec its;

	memset(&its, 0, sizeof(its));
	if (secs > 0) {
		its.it_interval.tv_sec = (time_t)secs;
		its.it_interval.tv_nsec = (long)((secs - floor(secs)) * 1e9);
		if (its.it_interval.tv_sec == 0 && its.it_interval.tv_nsec == 0)
			its.it_interval.tv_nsec = 1;
		its.it_value = its.it_interval;
	}
	return timerfd_settime(fd, 0, &its, NULL) ? -errno : 0;
}

int loop_add(struct loop *l, int fd, enum loop_src src)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = src };

	return epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) ? -errno : 0;
}

int loop_init(struct loop *l, double interval_s, double drain_s)
{
	sigset_t mask;
	int err;

	l->epfd = l->sigfd = l->tickfd = l->drainfd = -1;
	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGWINCH);
	sigaddset(&mask, SIGTSTP);
	sigaddset(&mask, SIGCONT);
	if (sigprocmask(SIG_BLOCK, &mask, &l->oldmask))
		return -errno;
	l->epfd = epoll_create1(EPOLL_CLOEXEC);
	l->sigfd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
	l->tickfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	l->drainfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
	if (l->epfd < 0 || l->sigfd < 0 || l->tickfd < 0 || l->drainfd < 0)
		return -errno;
	if ((err = loop_add(l, l->sigfd, LOOP_SIGNAL)) ||
	    (err = loop_add(l, l->tickfd, LOOP_TICK)) ||
	    (err = loop_add(l, l->drainfd, LOOP_DRAIN)) ||
	    (err = arm(l->tickfd, interval_s)) ||
	    (err = arm(l->drainfd, drain_s)))
		return err;
	return 0;
}

void loop_fini(struct loop *l)
{
	int *fds[] = { &l->epfd, &l->sigfd, &l->tickfd, &l->drainfd };
	size_t i;

	for (i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		if (*fds[i] >= 0)
			close(*fds[i]);
		*fds[i] = -1;
	}
	sigprocmask(SIG_SETMASK, &l->oldmask, NULL);
}

int loop_set_interval(struct loop *l, double interval_s)
{
	return arm(l->tickfd, interval_s);
}

static void drain_timer(int fd)
{
	uint64_t expirations;

	while (read(fd, &expirations, sizeof(expirations)) == sizeof(expirations))
		;
}

int loop_wait(struct loop *l, int timeout_ms)
{
	struct epoll_event evs[LOOP_SRC_MAX * 2];
	int n, i, mask = 0;

	n = epoll_wait(l->epfd, evs, (int)(sizeof(evs) / sizeof(evs[0])), timeout_ms);
	if (n < 0)
		return errno == EINTR ? 0 : -errno;
	for (i = 0; i < n; i++)
		mask |= 1 << evs[i].data.u32;
	if (mask & (1 << LOOP_TICK))
		drain_timer(l->tickfd);
	if (mask & (1 << LOOP_DRAIN))
		drain_timer(l->drainfd);
	return mask;
}

int loop_next_signal(struct loop *l)
{
	struct signalfd_siginfo si;

	if (read(l->sigfd, &si, sizeof(si)) != sizeof(si))
		return 0;
	return (int)si.ssi_signo;
}
