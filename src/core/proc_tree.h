/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The process tree of recent activity: every process seen forking or
 * exec'ing (from the exec source's fork, exec and exit records), with its
 * parent, its last command line and how it ended, as htop's tree shows
 * live processes; but this one also holds the short-lived ones no scan of
 * /proc would see. An exited process stays PROC_TREE_KEEP_NS, then goes.
 *
 * Bounded: PROC_TREE_MAX processes; a record of a new one beyond that is
 * counted as untracked until a tick makes room: the oldest exited go
 * first, then, in a tree still nearly full, the running ones nothing was
 * heard of for PROC_TREE_IDLE_NS (their exit may have been lost with a
 * full ring). Nodes only go away at a tick, so lookups between ticks
 * need no tombstones. */
#ifndef TRACETOP_PROC_TREE_H
#define TRACETOP_PROC_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "event.h"
#include "snapshot.h"

#define PROC_TREE_MAX 2048
#define PROC_TREE_KEEP_NS (60ull * 1000000000ull)
#define PROC_TREE_IDLE_NS (600ull * 1000000000ull)

struct proc_tree;

struct proc_tree *proc_tree_new(void);
void proc_tree_free(struct proc_tree *t);
/* Faults its memory in now (a megabyte), not at the first ticks. */
void proc_tree_populate(struct proc_tree *t);
/* Takes a fork or exit (TT_EVENT_PROC) or a successful exec; ignores
 * the rest. An exit of a process the tree never saw is ignored too: the
 * tree is of what happened since tracetop started. */
void proc_tree_event(struct proc_tree *t, const struct tt_event *ev);
/* At now_ns: forgets what exited more than PROC_TREE_KEEP_NS ago (and,
 * when full, the oldest exited), and returns the rows in tree order,
 * valid until the next call. */
size_t proc_tree_tick(struct proc_tree *t, uint64_t now_ns, const struct tt_tree_row **rows);
/* The parent of pid, when the tree holds it: false otherwise. */
bool proc_tree_parent(const struct proc_tree *t, uint32_t pid, uint32_t *ppid);
/* Fork and exec records of processes the full tree could not take. */
uint64_t proc_tree_untracked(const struct proc_tree *t);

#endif
