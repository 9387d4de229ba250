/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Cgroup ids to names: the kernel tells a process's cgroup by id
 * (bpf_get_current_cgroup_id(), the inode number of its directory in the
 * v2 hierarchy), which is all that is left of a process that exited
 * before /proc could be read. This cache maps ids to the short names
 * cgroup_short_name() gives, by walking the hierarchy: once at the first
 * unknown id of a tick at most, and never past CGROUP_NAMES_MAX
 * directories or CGROUP_NAMES_DEPTH levels. No BPF, no curses. */
#ifndef TRACETOP_CGROUP_NAMES_H
#define TRACETOP_CGROUP_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CGROUP_NAMES_MAX 8192
#define CGROUP_NAMES_DEPTH 16

struct cgroup_names;

/* root: a prefix for /proc and the mount table ("" live). NULL when out
 * of memory. */
struct cgroup_names *cgroup_names_new(const char *root);
void cgroup_names_free(struct cgroup_names *cn);
/* A new tick: the next unknown id may walk the hierarchy again. */
void cgroup_names_tick(struct cgroup_names *cn);
/* The short name of cgroup id into out: true, or false when it is not
 * (or no longer) in the hierarchy. */
bool cgroup_names_get(struct cgroup_names *cn, uint64_t id, char *out, size_t len);
/* Directories seen by the last walk, and walks since start (tests). */
size_t cgroup_names_count(const struct cgroup_names *cn);
unsigned cgroup_names_walks(const struct cgroup_names *cn);

#endif
