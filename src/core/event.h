/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Decoded exec/open/path-call events and the decoder of raw ring-buffer records.
 *
 * event_decode() trusts nothing in a record: sizes and lengths are checked
 * against the bytes actually received, strings are bounded by their
 * lengths (never by a NUL that may be missing). */
#ifndef TRACETOP_EVENT_H
#define TRACETOP_EVENT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>
#include "events.h"
#include "exec.h"
#include "open.h"

enum tt_event_type {
	TT_EVENT_EXEC = TT_REC_EXEC,
	TT_EVENT_OPEN = TT_REC_OPEN,
	TT_EVENT_PATH = TT_REC_PATH,	/* a path call (stat, unlink, ...): open's fields */
	TT_EVENT_PROC = TT_REC_PROC,	/* a fork or an exit (flags: enum tt_proc_kind), for
					 * the process tree, never in the event log */
};

struct tt_event {
	enum tt_event_type type;
	uint64_t ts_ns;		/* CLOCK_MONOTONIC at syscall exit */
	uint64_t duration_ns;
	uint32_t pid, tid, ppid, uid;	/* ppid: exec only */
	int32_t ret;		/* exec: 0 or -errno; open: fd or -errno */
	int32_t dirfd;		/* AT_FDCWD (-100) when not relative */
	uint16_t flags;		/* EXEC_F_* or OPEN_F_* */
	uint16_t argc;		/* exec */
	uint16_t args_n;	/* exec: argv entries kept in args */
	uint16_t attempts;	/* exec: calls of this spawn, the failed ones of a
				 * PATH walk folded into this one (exec_fold.h);
				 * 0 or 1: this call alone */
	uint32_t args_unread;	/* exec: argv[i] could not be read, bit i */
	uint8_t open_syscall;	/* enum open_syscall; path: index in path_calls[] */
	uint32_t mode;		/* open */
	uint64_t open_flags;	/* open */
	char comm[TT_COMM_LEN + 1];
	char pcomm[TT_COMM_LEN + 1];	/* exec: the parent's comm */
	/* Borrowed: point into the decoded record (or into the event log's
	 * slot once stored). Not NUL-terminated when they come from the
	 * decoder; use the lengths. */
	const char *path;	/* exec: filename; open, path: path as passed */
	size_t path_len;
	const char *args;	/* exec: argv strings separated by NUL */
	size_t args_len;
	/* open: the path exactly as the caller passed it; path itself is
	 * made absolute by event_resolve_path() when the kernel sent the
	 * base directory of a relative path. */
	const char *raw_path;
	size_t raw_path_len;
	uint8_t path_base;	/* enum open_base the path was resolved from */
	/* Decoder only: the base directory's components, innermost first,
	 * each NUL-terminated (see bpf/open.h). */
	const char *base;
	size_t base_len;
};

/* Decodes one record of len bytes. Returns 0, or -EINVAL for a record
 * that is too short, of an unknown type, or whose lengths do not fit. */
int event_decode(const void *rec, size_t len, struct tt_event *out);

/* The argv entries an exec event kept, one by one, the last one too when
 * it is empty:
 *   size_t off = 0, n;
 *   for (unsigned i = 0; (a = event_arg(ev, i, &off, &n)); i++) ...
 * Returns entry i, n bytes long (use n: the entry need not end in a
 * NUL), or NULL after the last. */
const char *event_arg(const struct tt_event *ev, unsigned i, size_t *off, size_t *n);

/* Whether an exec's argv[0] names the file it ran: the same path, or its
 * last component (a command found through PATH). When it does not
 * (execv("/tmp/x/evil", ["/usr/sbin/sshd", ...])), a row must say so:
 * argv[0] is whatever the caller chose. True when either is unknown. */
bool event_argv0_names_file(const struct tt_event *ev);

/* Whether argv[i] of an exec could not be read (kept as what was read of
 * it, usually nothing). */
static inline bool event_arg_unread(const struct tt_event *ev, unsigned i)
{
	return i < EXEC_UNREAD_BITS && (ev->args_unread >> i & 1);
}

/* For an open of a relative path whose base the kernel sent, writes the
 * absolute path (base components outermost first, then the path) into
 * buf and points ev->path at it; otherwise leaves ev->path as passed
 * (path_base OPEN_BASE_NONE). ev->raw_path always keeps the argument.
 * Returns 0, or -ENAMETOOLONG when buf is too small (path left raw). */
int event_resolve_path(struct tt_event *ev, char *buf, size_t len);
/* "cwd", "dirfd", "absolute" or "raw" for a decoded open event. */
const char *event_path_base_name(const struct tt_event *ev);

#endif
