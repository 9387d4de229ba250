/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Saving what the screen shows (the key w): the event log as filtered,
 * the failing-calls table, the syscall or processes table, the VFS rates
 * or the block I/O histograms, as text or NDJSON, to a file the user
 * names.
 *
 * It never clobbers: the file is written under a temporary name beside
 * the one asked for, synced, then put in place, so the name holds either
 * what was there or the whole new file, whatever happens; a new name is
 * taken only if it is still free (RENAME_NOREPLACE, or a hard link), an
 * existing one is replaced only when the caller says the user agreed,
 * and only when it is a regular file (a symbolic link is never written
 * through). A replaced file keeps its mode and owner (when the owner
 * cannot be kept, it is the saver's and 0600-like); a new one is 0600.
 * Every write is checked (the first error is the one said); on failure
 * nothing is left behind.
 */
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
	const char *note;	/* on success: what the user should know, or NULL */
};

/* Whether a file name asks for NDJSON: .json, .ndjson or .jsonl. */
bool save_is_json(const char *path);

/* Writes v (o->json says the format; o->f is set here) to path, where a
 * leading ~/ is $HOME. 0; -EEXIST when a regular file is there and
 * overwrite is false (nothing written: ask, then call again with
 * overwrite); else -errno, with r->step (and r->why where errno would
 * not say it) saying what failed. r->path is filled either way. */
int save_view_file(const char *path, bool overwrite, struct output *o, const struct save_view *v,
		   struct save_result *r);

#endif
