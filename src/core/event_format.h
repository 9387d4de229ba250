/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Decoding of event fields into words a person reads: errno names,
 * open(2) flag names, the syscall an open came from. Shared by the
 * batch/JSON writers and the UI. */
#ifndef TRACETOP_EVENT_FORMAT_H
#define TRACETOP_EVENT_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* "ENOENT" for 2 (sign ignored); "E<n>" for numbers without a name. */
const char *errno_name(int err, char *buf, size_t len);
/* "O_RDONLY|O_CREAT|O_CLOEXEC"; unknown bits as a trailing hex value.
 * Returns the length needed, like snprintf. */
size_t open_flags_format(uint64_t flags, char *buf, size_t len);
/* "open", "openat", "openat2", "creat" for enum open_syscall. */
const char *open_syscall_name(unsigned sc);

struct tt_event;
/* "exec", "open" or "path": the type: field and the JSON "type". */
const char *event_type_name(const struct tt_event *ev);
/* The syscall an event came from: "execve", "openat", "newfstatat"... */
const char *event_syscall_name(const struct tt_event *ev);

/* Written after an argv entry that could not be read (event_arg_unread):
 * its page was not in memory when the exec failed. */
#define EVENT_ARG_UNREAD "<unreadable>"

#endif
