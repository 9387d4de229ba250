/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The path calls whose failures the open source reports besides opens:
 * the syscalls that take a path and look it up (stat, access, readlink,
 * unlink, mkdir, rmdir, rename, link, chdir, chmod, chown, truncate and
 * their *at forms). One list, read by the probe (which syscall ids to
 * hook and where their path is) and by everything that names an event's
 * call. An event of type TT_EVENT_PATH carries its call's index here. */
#ifndef TRACETOP_PATH_CALLS_H
#define TRACETOP_PATH_CALLS_H

#include <stdbool.h>
#include <stdint.h>

struct path_call {
	const char *name;	/* as the syscall table names it: "stat", "newfstatat" */
	const char *tracepoint;	/* syscalls/sys_exit_<tracepoint> */
	uint8_t path_arg;	/* the path is argument 1 or 2 */
	bool dirfd;		/* argument 1 is the directory a relative path starts at */
};

extern const struct path_call path_calls[];
extern const unsigned path_calls_n;

/* Name of call i, or "path?" for an index outside the list. */
const char *path_call_name(unsigned i);

#endif
