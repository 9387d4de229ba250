/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Errno and open(2) flag names; see event_format.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "event.h"
#include "event_format.h"
#include "path_calls.h"

const char *errno_name(int err, char *buf, size_t len)
{
	/* unsigned: -INT_MIN does not exist */
	unsigned int e = err < 0 ? 0u - (unsigned int)err : (unsigned int)err;
	const char *name = e <= 4095 ? strerrorname_np((int)e) : NULL;

	if (name)
		return name;
	snprintf(buf, len, "E%u", e);
	return buf;
}

struct flag_name {
	uint64_t bit;
	const char *name;
};

/* Kernel values (asm-generic/fcntl.h, as used on x86_64), not libc's:
 * libc defines O_LARGEFILE as 0 on 64-bit builds, yet the kernel sees
 * 0100000 from 32-bit callers. O_RDONLY/O_WRONLY/O_RDWR are a two-bit
 * field, handled apart. O_SYNC contains O_DSYNC and O_TMPFILE contains
 * O_DIRECTORY, so the wider ones come first and claim their bits. */
static const struct flag_name open_flag_names[] = {
	{ 020200000, "O_TMPFILE" },
	{ 04010000, "O_SYNC" },
	{ 010000, "O_DSYNC" },
	{ 0100, "O_CREAT" },
	{ 0200, "O_EXCL" },
	{ 0400, "O_NOCTTY" },
	{ 01000, "O_TRUNC" },
	{ 02000, "O_APPEND" },
	{ 04000, "O_NONBLOCK" },
	{ 020000, "O_ASYNC" },
	{ 040000, "O_DIRECT" },
	{ 0100000, "O_LARGEFILE" },
	{ 0200000, "O_DIRECTORY" },
	{ 0400000, "O_NOFOLLOW" },
	{ 01000000, "O_NOATIME" },
	{ 02000000, "O_CLOEXEC" },
	{ 010000000, "O_PATH" },
};

/* snprintf's contract (cut, always terminated, the full length
 * returned) without its cost: this runs for every open event written. */
static size_t append(char *buf, size_t len, size_t pos, const char *s)
{
	size_t n = strlen(s);

	if (pos < len) {
		size_t room = len - pos - 1, k = n < room ? n : room;

		memcpy(buf + pos, s, k);
		buf[pos + k] = '\0';
	}
	return pos + n;
}

size_t open_flags_format(uint64_t flags, char *buf, size_t len)
{
	static const char *const access[] = { "O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE" };
	uint64_t rest = flags & ~(uint64_t)3;
	size_t pos = 0, i;
	char hex[24];

	if (len)
		buf[0] = '\0';
	pos = append(buf, len, pos, access[flags & 3]);
	for (i = 0; i < sizeof(open_flag_names) / sizeof(open_flag_names[0]); i++) {
		uint64_t bit = open_flag_names[i].bit;

		if ((rest & bit) == bit) {
			pos = append(buf, len, pos, "|");
			pos = append(buf, len, pos, open_flag_names[i].name);
			rest &= ~bit;
		}
	}
	if (rest) {
		snprintf(hex, sizeof(hex), "|0x%llx", (unsigned long long)rest);
		pos = append(buf, len, pos, hex);
	}
	return pos;
}

const char *open_syscall_name(unsigned sc)
{
	static const char *const names[] = { "open", "openat", "openat2", "creat" };

	return sc < sizeof(names) / sizeof(names[0]) ? names[sc] : "open?";
}

const char *event_type_name(const struct tt_event *ev)
{
	switch (ev->type) {
	case TT_EVENT_EXEC:
		return "exec";
	case TT_EVENT_OPEN:
		return "open";
	case TT_EVENT_PATH:
		return "path";
	case TT_EVENT_PROC:
		return "proc";
	}
	return "?";
}

const char *event_syscall_name(const struct tt_event *ev)
{
	switch (ev->type) {
	case TT_EVENT_EXEC:
		return ev->flags & EXEC_F_EXECVEAT ? "execveat" : "execve";
	case TT_EVENT_OPEN:
		return open_syscall_name(ev->open_syscall);
	case TT_EVENT_PATH:
		return path_call_name(ev->open_syscall);
	case TT_EVENT_PROC:
		return ev->flags == TT_PROC_FORK ? "fork" : "exit";
	}
	return "?";
}
