/* SPDX-License-Identifier: GPL-2.0-or-later */
/* sink.h: a stream that keeps the errno of its first failed write. */
#include <errno.h>
#include <stdio.h>
#include <unistd.h>
#include "sink.h"

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
	struct sink *s = cookie;
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(s->fd, buf + done, n - done);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			if (!s->err)
				s->err = w < 0 ? errno : EIO;
			/* what went out; fopencookie takes a short count (0
			 * for nothing) as the error, and marks the stream */
			return (ssize_t)done;
		}
		done += (size_t)w;
	}
	return (ssize_t)done;
}

/* The descriptor is not ours: closing the stream leaves it open. */
static int sink_close(void *cookie)
{
	(void)cookie;
	return 0;
}

FILE *sink_open(struct sink *s, int fd)
{
	cookie_io_functions_t io = { .write = sink_write, .close = sink_close };
	FILE *f;

	s->fd = fd;
	s->err = 0;
	f = fopencookie(s, "w", io);
	if (f)
		setvbuf(f, NULL, _IOFBF, 1 << 16);
	return f;
}
