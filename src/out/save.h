/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Saving what the screen shows (the key w): the event log as filtered,
 * the failing-calls table, the syscall or processes table, the VFS rates
 * or the block I/O histograms, as text or NDJSON, to a file the user
 * names.
 *
 * It never clobbers: a new file is created exclusively (O_EXCL, so not
 * through a symbolic link either); an existing one is replaced only when
 * the caller says the user agreed, only when it is a regular file, and by
 * a temporary file renamed over it, so it is either the old file or the
 * whole new one. Every write is checked and the data is on the disk
 * (fsync) before success is said; on failure nothing is left behind. */
#ifndef TRACETOP_SAVE_H
#define TRACETOP_SAVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "event_log.h"
#include "log_index.h"
#include "output.h"
#include "snapshot.h"

enum save_what { SAVE_EVENTS = 0, SAVE_FAILS, SAVE_SYSCALLS, SAVE_PROCS, SAVE_VFS, SAVE_BIO };

/* "events", "failing-calls", "syscalls", "processes", "vfs", "block-io" */
const char *save_what_name(enum save_what what);

struct save_view {
	enum save_what what;
	const struct tt_snapshot *snap;	/* its rows in the order shown */
	const struct event_log *log;	/* SAVE_EVENTS: */
	const struct log_index *events;	/* the events shown (complete) */
	uint64_t events_end;		/* none from this seq on */
	const char *filter;		/* the expression the rows passed, for the header */
};

struct save_result {
	char path[4096];	/* where it went (absolute) */
	size_t rows;		/* events or rows written */
	const char *step;	/* on failure: what failed ("create", "write"...) */
	const char *why;	/* ... and why, when errno would not say it */
};

/* Whether a file name asks for NDJSON: .json, .ndjson or .jsonl. */
bool save_is_json(const char *path);

/* Writes v (o->json says the format; o->f is set here) to path, where a
 * leading ~/ is $HOME. 0; -EEXIST when path exists and overwrite is
 * false (nothing written); else -errno, with r->step saying what failed.
 * r->path is filled either way. */
int save_view_file(const char *path, bool overwrite, struct output *o, const struct save_view *v,
		   struct save_result *r);

#endif
