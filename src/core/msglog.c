/* Diagnostic message ring; see msglog.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "msglog.h"

void msglog_init(struct msglog *l)
{
	memset(l, 0, sizeof(*l));
	l->echo_level = MSG_WARN;
}

int msglog_open_file(struct msglog *l, const char *path)
{
	FILE *f = fopen(path, "ae");

	if (!f)
		return -errno;
	if (l->file)
		fclose(l->file);
	l->file = f;
	setvbuf(f, NULL, _IOLBF, 0);
	return 0;
}

void msglog_fini(struct msglog *l)
{
	if (l->file)
		fclose(l->file);
	l->file = NULL;
}

void msglog_vprintf(struct msglog *l, enum msg_level lvl, const char *fmt, va_list ap)
{
	static const char *const tags[] = { "debug", "info", "warning", "error" };
	char *line = l->lines[l->next % MSGLOG_LINES];
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
	vsnprintf(line, MSGLOG_LINE_MAX, fmt, ap);
	n = strlen(line);
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	l->levels[l->next % MSGLOG_LINES] = lvl;
	l->next++;
	if (l->echo && lvl >= l->echo_level)
		fprintf(l->echo, "tracetop: %s\n", line);
}

void msglog_printf(struct msglog *l, enum msg_level lvl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	msglog_vprintf(l, lvl, fmt, ap);
	va_end(ap);
}

const char *msglog_line(const struct msglog *l, unsigned n, enum msg_level *lvl)
{
	unsigned long idx;

	if (n >= MSGLOG_LINES || n >= l->next)
		return NULL;
	idx = (l->next - 1 - n) % MSGLOG_LINES;
	if (lvl)
		*lvl = l->levels[idx];
	return l->lines[idx];
}
