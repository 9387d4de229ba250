/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The terminal's background colour, asked with OSC 11 (see term_bg.h). */
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include "term_bg.h"

#define ANSWER_MAX 256

/* One component, "c0c0" or "ff" or "f": its value in 0..1; -1 if not hex. */
static double component(const char *s, size_t n)
{
	unsigned long v = 0, max = 0;

	if (n < 1 || n > 4)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (d < 0)
			return -1;
		v = v * 16 + (unsigned long)d;
		max = max * 16 + 15;
	}
	return (double)v / (double)max;
}

int term_bg_parse(const char *buf, size_t len)
{
	static const char head[] = "\033]11;rgb:";
	const size_t hl = sizeof(head) - 1;
	double rgb[3];

	for (size_t at = 0; at + hl <= len; at++) {
		const char *p = buf + at + hl, *end = buf + len;
		int k = 0;

		if (memcmp(buf + at, head, hl))
			continue;
		while (k < 3) {
			const char *q = p;

			while (q < end && *q != '/' && *q != '\a' && *q != '\033')
				q++;
			rgb[k] = component(p, (size_t)(q - p));
			if (rgb[k] < 0 || q >= end || (k < 2 && *q != '/') || (k == 2 && *q == '/'))
				break;
			p = q + 1;
			k++;
		}
		if (k == 3)
			return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] > 0.5;
	}
	return -1;
}

/* Whether buf ends a DA1 answer: ESC [ ? ... c. */
static int da1_seen(const char *buf, size_t len)
{
	for (size_t i = 0; i + 2 < len; i++) {
		if (buf[i] != '\033' || buf[i + 1] != '[' || buf[i + 2] != '?')
			continue;
		for (size_t j = i + 3; j < len; j++) {
			if (buf[j] == 'c')
				return 1;
			if (!((buf[j] >= '0' && buf[j] <= '9') || buf[j] == ';'))
				break;
		}
	}
	return 0;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

int term_bg_query(int fd, int out, int ms)
{
	static const char ask[] = "\033]11;?\033\\\033[c";
	struct termios old, raw;
	sigset_t hold, was;
	struct timespec t0;
	char buf[ANSWER_MAX];
	size_t len = 0;
	if (!isatty(fd) || !isatty(out) || tcgetattr(fd, &old))
		return -1;
	/* no signal may end tracetop while the tty is raw: ^C and ^Z are
	 * plain bytes meanwhile, the others wait until it is put back */
	sigemptyset(&hold);
	sigaddset(&hold, SIGINT);
	sigaddset(&hold, SIGQUIT);
	sigaddset(&hold, SIGTERM);
	sigaddset(&hold, SIGHUP);
	sigaddset(&hold, SIGTSTP);
	sigprocmask(SIG_BLOCK, &hold, &was);
	raw = old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &raw)) {
		sigprocmask(SIG_SETMASK, &was, NULL);
		return -1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (write(out, ask, sizeof(ask) - 1) == (ssize_t)(sizeof(ask) - 1)) {
		while (len < sizeof(buf) && !da1_seen(buf, len)) {
			long left = ms - ms_since(&t0);
			struct pollfd p = { .fd = fd, .events = POLLIN };
			ssize_t n;

			if (left <= 0 || poll(&p, 1, (int)left) <= 0)
				break;
			n = read(fd, buf + len, sizeof(buf) - len);
			if (n <= 0)
				break;
			len += (size_t)n;
		}
	}
	/* an answer still on its way must not reach the keys */
	if (!da1_seen(buf, len))
		tcflush(fd, TCIFLUSH);
	tcsetattr(fd, TCSANOW, &old);
	sigprocmask(SIG_SETMASK, &was, NULL);
	return term_bg_parse(buf, len);
}
