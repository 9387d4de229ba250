/* In-memory ring of diagnostic messages (libbpf output, probe failures),
 * optionally mirrored to a file. Never writes to the terminal itself:
 * while the UI owns the tty, the UI shows these messages; in batch mode
 * the app may flush warnings to stderr. */
#ifndef TRACETOP_MSGLOG_H
#define TRACETOP_MSGLOG_H

#include <stdarg.h>
#include <stdio.h>

#define MSGLOG_LINES 256
#define MSGLOG_LINE_MAX 256

enum msg_level {
	MSG_DEBUG = 0,
	MSG_INFO,
	MSG_WARN,
	MSG_ERROR,
};

struct msglog {
	char lines[MSGLOG_LINES][MSGLOG_LINE_MAX];
	enum msg_level levels[MSGLOG_LINES];
	unsigned long next;	/* index of the next line to write */
	FILE *file;		/* owned when set by msglog_open_file */
	enum msg_level echo_level;	/* lines at or above go to echo */
	FILE *echo;		/* borrowed: stderr in batch mode, NULL under the UI */
};

void msglog_init(struct msglog *l);
int msglog_open_file(struct msglog *l, const char *path);
void msglog_fini(struct msglog *l);
void msglog_printf(struct msglog *l, enum msg_level lvl, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void msglog_vprintf(struct msglog *l, enum msg_level lvl, const char *fmt, va_list ap);
/* The n-th newest line (0 = newest), or NULL. */
const char *msglog_line(const struct msglog *l, unsigned n, enum msg_level *lvl);

#endif
