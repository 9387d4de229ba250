/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Errno and open(2) flag names; see event_format.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <asm/fcntl.h>	/* the kernel's open flags, not libc's */
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

/* The kernel's values for the architecture built for, from its uapi
 * <asm/fcntl.h> (arm64 moves O_DIRECTORY, O_NOFOLLOW, O_DIRECT and
 * O_LARGEFILE; x86_64 takes asm-generic's), not libc's: libc defines
 * O_LARGEFILE as 0 on 64-bit builds, yet the kernel sees it from 32-bit
 * callers. This file includes no libc <fcntl.h>, so the two never meet.
 * O_RDONLY/O_WRONLY/O_RDWR are a two-bit field, handled apart. O_SYNC
 * contains O_DSYNC and O_TMPFILE contains O_DIRECTORY, so the wider ones
 * come first and claim their bits. */
static const struct flag_name open_flag_names[] = {
	{ O_TMPFILE, "O_TMPFILE" },
	{ O_SYNC, "O_SYNC" },
	{ O_DSYNC, "O_DSYNC" },
	{ O_CREAT, "O_CREAT" },
	{ O_EXCL, "O_EXCL" },
	{ O_NOCTTY, "O_NOCTTY" },
	{ O_TRUNC, "O_TRUNC" },
	{ O_APPEND, "O_APPEND" },
	{ O_NONBLOCK, "O_NONBLOCK" },
	{ FASYNC, "O_ASYNC" },
	{ O_DIRECT, "O_DIRECT" },
	{ O_LARGEFILE, "O_LARGEFILE" },
	{ O_DIRECTORY, "O_DIRECTORY" },
	{ O_NOFOLLOW, "O_NOFOLLOW" },
	{ O_NOATIME, "O_NOATIME" },
	{ O_CLOEXEC, "O_CLOEXEC" },
	{ O_PATH, "O_PATH" },
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
