/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The scope: a set of processes every pane narrows to. One process (by
 * pid), every process of one name, of one container, or whose name
 * matches a pattern (--comm). The counter panes are drawn from the
 * snapshot's per-process rows (scope_snapshot); the event log and the
 * failing calls go through a filter on the pid or the name
 * (scope_event_expr). The interface sets one with Enter on the processes
 * pane; --comm sets one from the start, for batch and JSON output too.
 * No terminal, no kernel: unit-tested in tests/unit/test_scope.c. */
#ifndef TRACETOP_SCOPE_H
#define TRACETOP_SCOPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "filter.h"
#include "snapshot.h"

enum scope_kind {
	SCOPE_NONE = 0,
	SCOPE_PID,		/* one process */
	SCOPE_COMM,		/* every process of one name, exactly */
	SCOPE_CONTAINER,	/* every process of one container (cgroup.h's name) */
	SCOPE_COMM_RE,		/* every process whose name matches a pattern */
};

struct tt_scope {
	enum scope_kind kind;
	uint32_t pid;		/* SCOPE_PID */
	char name[64];		/* the name, the container or the pattern: raw bytes */
	struct filter re;	/* owned: SCOPE_COMM_RE's "comm:" term */
};

void scope_init(struct tt_scope *sc);
void scope_fini(struct tt_scope *sc);
/* Back to no scope. */
void scope_clear(struct tt_scope *sc);
bool scope_on(const struct tt_scope *sc);

void scope_set_pid(struct tt_scope *sc, uint32_t pid, const char *comm);
void scope_set_comm(struct tt_scope *sc, const char *comm);
void scope_set_container(struct tt_scope *sc, const char *container);
/* A pattern of the filter language's comm: field (filter.h: PCRE2,
 * smart case). 0, or -EINVAL with err filled and the scope unchanged. */
int scope_set_comm_re(struct tt_scope *sc, const char *pattern, struct filter_error *err);
/* What scope_set_comm_re() said, for a person: "--comm: MESSAGE at
 * offset N in 'PATTERN'" (the pattern sanitised for a terminal). */
void scope_comm_re_error(char *buf, size_t len, const char *pattern,
			 const struct filter_error *err);
/* The filter expression of a pattern for --comm: "comm:" and the
 * pattern, its blanks escaped. Returns what snprintf returns. */
int scope_comm_re_expr(char *buf, size_t len, const char *pattern);

/* Whether a process is in the scope (true without one). */
bool scope_match(const struct tt_scope *sc, uint32_t pid, const char *comm, const char *container);

/* The event filter expression that selects the scope's events ("" for
 * none): the pid, the exact name, the pattern, or for a container the
 * pids of its processes in snapshot s now (events carry no container).
 * fail_expr gets the one for the failing calls, whose rows are by name:
 * the name, or the names of the container's processes. Returns -ENOSPC
 * when a container has too many processes for the expression (then it
 * selects the first of them only). */
int scope_event_expr(const struct tt_scope *sc, const struct tt_snapshot *s, char *expr,
		     char *fail_expr, size_t len);

/* A scoped view of a snapshot: a copy whose syscall rows and VFS rates
 * are the scoped processes' (from the per-process rows), and, with
 * procs_too, whose process rows are only theirs. */
struct scope_snap {
	struct tt_snapshot snap;
	struct tt_syscall_row *rows;	/* owned */
	struct tt_proc_row *procs;	/* owned, procs_too only */
};

/* s itself without a scope, else &sv->snap. */
const struct tt_snapshot *scope_snapshot(const struct tt_scope *sc, const struct tt_snapshot *s,
					 bool procs_too, struct scope_snap *sv);
void scope_snapshot_free(struct scope_snap *sv);
/* The scoped processes' block I/O of the interval, merged into h; false
 * (h empty) without a scope. */
bool scope_bio_hist(const struct tt_scope *sc, const struct tt_snapshot *s, struct hist *h);

#endif
