/* SPDX-License-Identifier: GPL-2.0-or-later */
/* In-memory ring of diagnostic messages (libbpf output, probe failures),
 * optionally mirrored to a file. Never writes to the terminal itself:
 * while the UI owns the tty, the UI shows these messages; in batch mode
 * the app may flush warnings to stderr. */
#ifndef TRACETOP_DIAG_H
#define TRACETOP_DIAG_H

#include <stdarg.h>
#include <stdio.h>
#include "sink.h"

#define DIAG_LINES 256
#define DIAG_LINE_MAX 256

enum msg_level {
	MSG_DEBUG = 0,
	MSG_INFO,
	MSG_WARN,
	MSG_ERROR,
};

struct diag {
	char lines[DIAG_LINES][DIAG_LINE_MAX];
	enum msg_level levels[DIAG_LINES];
	unsigned long next;	/* index of the next line to write */
	FILE *file;		/* owned when set by diag_open_file */
	int fd;			/* owned: file's descriptor, or -1 */
	struct sink sink;	/* why a write to file failed */
	enum msg_level echo_level;	/* lines at or above go to echo */
	FILE *echo;		/* borrowed: stderr in batch mode, NULL under the UI */
};

void diag_init(struct diag *l);
/* Appends every message to path, a regular file (created 0600): 0 or
 * -errno (see regfile.h). */
int diag_open_file(struct diag *l, const char *path);
/* errno of the first write to that file that failed, or 0. */
int diag_file_error(const struct diag *l);
void diag_fini(struct diag *l);
void diag_printf(struct diag *l, enum msg_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_vprintf(struct diag *l, enum msg_level lvl, const char *fmt, va_list ap);
/* The n-th newest line (0 = newest), or NULL. */
const char *diag_line(const struct diag *l, unsigned n, enum msg_level *lvl);

#endif
