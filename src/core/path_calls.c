/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The list of path calls; see path_calls.h. The names are those of the
 * syscall table (syscall_names.c), so the syscall pane and the events
 * agree; the tracepoint names are the kernel's (stat is sys_newstat). */
#include "path_calls.h"

const struct path_call path_calls[] = {
	{ "stat", "newstat", 1, false },
	{ "lstat", "newlstat", 1, false },
	{ "newfstatat", "newfstatat", 2, true },
	{ "statx", "statx", 2, true },
	{ "access", "access", 1, false },
	{ "faccessat", "faccessat", 2, true },
	{ "faccessat2", "faccessat2", 2, true },
	{ "readlink", "readlink", 1, false },
	{ "readlinkat", "readlinkat", 2, true },
	{ "unlink", "unlink", 1, false },
	{ "unlinkat", "unlinkat", 2, true },
	{ "mkdir", "mkdir", 1, false },
	{ "mkdirat", "mkdirat", 2, true },
	{ "rmdir", "rmdir", 1, false },
	/* the source path: the one that must exist */
	{ "rename", "rename", 1, false },
	{ "renameat", "renameat", 2, true },
	{ "renameat2", "renameat2", 2, true },
	{ "link", "link", 1, false },
	{ "linkat", "linkat", 2, true },
	{ "chdir", "chdir", 1, false },
	{ "chmod", "chmod", 1, false },
	{ "fchmodat", "fchmodat", 2, true },
	{ "fchmodat2", "fchmodat2", 2, true },
	{ "chown", "chown", 1, false },
	{ "lchown", "lchown", 1, false },
	{ "fchownat", "fchownat", 2, true },
	{ "truncate", "truncate", 1, false },
};

const unsigned path_calls_n = sizeof(path_calls) / sizeof(path_calls[0]);

/* An index is a byte in records and rows, and 0xff is FAIL_CALL_OPEN */
_Static_assert(sizeof(path_calls) / sizeof(path_calls[0]) < 0xff, "path calls: too many");

const char *path_call_name(unsigned i)
{
	return i < path_calls_n ? path_calls[i].name : "path?";
}
