/* SPDX-License-Identifier: GPL-2.0-or-later */
/* A stdio stream over a file descriptor that remembers why a write
 * failed. stdio keeps only an error flag, and errno has long been
 * overwritten by the time a writer looks: the writers need the reason
 * to tell a reader that went away (EPIPE, a quiet exit) from a full disk
 * or a closed descriptor (an error, said and exited with 1). */
#ifndef TRACETOP_SINK_H
#define TRACETOP_SINK_H

#include <stdio.h>

struct sink {
	int fd;		/* borrowed */
	int err;	/* errno of the first failed write, 0 if none */
};

/* A fully buffered stream writing to s->fd (s must outlive it), or NULL
 * with errno set. fclose() it; the descriptor stays open. */
FILE *sink_open(struct sink *s, int fd);

#endif
