/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Hand-built snapshots and event logs for the UI tests: realistic values
 * from an imaginary busy web server, clearly test data (host
 * "fixture-web-01"). Nothing here comes from a kernel. */
#ifndef TRACETOP_TESTS_UI_FIXTURE_H
#define TRACETOP_TESTS_UI_FIXTURE_H

#include "snapshot.h"
#include "profile.h"
#include "event_log.h"
#include "proc_tree.h"
#include "tick_history.h"

struct fixture {
	struct tt_snapshot snap;
	struct tt_syscall_row syscalls[16];
	struct tt_proc_row procs[10];
	struct tt_bio_disk disks[2];
	struct tt_fail_row fails[8];
	struct tt_syscall_errno errnos[3];
	struct tt_proc_call calls[3];
	struct event_log log;
	struct proc_tree *tree;		/* owned: the snapshot's process tree */
	struct profile *prof;		/* owned: the snapshot's on-CPU profile */
	struct tt_profile_view prof_view;
};

/* Fills f with the busy-server snapshot and ~30 events. */
void fixture_init(struct fixture *f);
/* The same, with the block I/O and syscall sources FAILED. */
void fixture_init_failed(struct fixture *f);
/* A new open by grep (pid 4411) at the log's end: ret < 0 is -errno. */
void fixture_push_open(struct fixture *f, const char *path, int ret);
void fixture_fini(struct fixture *f);
/* Notes into h the n ticks before the snapshot's: its disks' histograms
 * at a load that rises and falls, with a latency spike (a burst of
 * 16-64 ms requests on vda) 30 to 35 ticks back, and no tick at all 50
 * back (a gap). */
void fixture_note_past(const struct fixture *f, struct tick_history *h, unsigned n);
/* The probe report (key i) of the fixture's machine, as report.c writes
 * it, with a libbpf-style message holding an escape sequence among the
 * hooks tried. malloc'd; NULL when out of memory. */
char *fixture_report(const struct fixture *f);

#endif
