/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Diagnostic message ring; see diag.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "diag.h"
#include "regfile.h"

void diag_init(struct diag *l)
{
	memset(l, 0, sizeof(*l));
	l->fd = -1;
	l->echo_level = MSG_WARN;
}

int diag_open_file(struct diag *l, const char *path)
{
	int fd = regfile_open(path, O_WRONLY | O_APPEND | O_CREAT, 0600);
	FILE *f;

	if (fd < 0)
		return fd;
	diag_fini(l);
	l->fd = fd;
	f = sink_open(&l->sink, fd);
	if (!f) {
		int e = errno;

		close(fd);
		l->fd = -1;
		return -e;
	}
	l->file = f;
	setvbuf(f, NULL, _IOLBF, 0);
	return 0;
}

int diag_file_error(const struct diag *l)
{
	return l->file ? l->sink.err : 0;
}

void diag_fini(struct diag *l)
{
	if (l->file)
		fclose(l->file);
	l->file = NULL;
	if (l->fd >= 0)
		close(l->fd);
	l->fd = -1;
}

void diag_vprintf(struct diag *l, enum msg_level lvl, const char *fmt, va_list ap)
{
	static const char *const tags[] = { "debug", "info", "warning", "error" };
	char *line = l->lines[l->next % DIAG_LINES];
	size_t n;
	va_list full;

	/* The file gets the whole message (a verifier log runs to pages);
	 * the ring keeps a line of it. */
	if (l->file) {
		va_copy(full, ap);
		fprintf(l->file, "%s: ", tags[lvl]);
		vfprintf(l->file, fmt, full);
		if (!*fmt || fmt[strlen(fmt) - 1] != '\n')
			fputc('\n', l->file);
		va_end(full);
	}
	vsnprintf(line, DIAG_LINE_MAX, fmt, ap);
	n = strlen(line);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	l->levels[l->next % DIAG_LINES] = lvl;
	l->next++;
	if (l->echo && lvl >= l->echo_level)
		fprintf(l->echo, "tracetop: %s\n", line);
}

void diag_printf(struct diag *l, enum msg_level lvl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vprintf(l, lvl, fmt, ap);
	va_end(ap);
}

const char *diag_line(const struct diag *l, unsigned n, enum msg_level *lvl)
{
	unsigned long idx;

	if (n >= DIAG_LINES || n >= l->next)
		return NULL;
	idx = (l->next - 1 - n) % DIAG_LINES;
	if (lvl)
		*lvl = l->levels[idx];
	return l->lines[idx];
}
