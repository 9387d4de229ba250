/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Control groups (v2) as tracetop names them: where the v2 hierarchy is
 * mounted, a --cgroup path resolved to the id and level the kernel
 * filters on, a process's cgroup from /proc, and a short readable name
 * for a cgroup path (what the CONTAINER column shows). No BPF, no
 * curses; root is a prefix for /proc and the mount table ("" live). */
#ifndef TRACETOP_CGROUP_H
#define TRACETOP_CGROUP_H

#include <stddef.h>
#include <stdint.h>

/* The v2 hierarchy's mount point (e.g. /sys/fs/cgroup, or
 * /sys/fs/cgroup/unified on a hybrid system): 0, or -ENOENT. */
int cgroup2_mount(const char *root, char *out, size_t len);
/* Opens PATH as --cgroup takes it (absolute, or relative to the v2
 * mount) once it is sure it is a directory of the v2 hierarchy: *fd for
 * the kernel's cgroup array. 0, or -errno with why written to err. */
int cgroup_open(const char *root, const char *path, int *fd, char *err, size_t len);
/* The v2 cgroup path of process pid ("/system.slice/nginx.service"): 0,
 * or -errno (gone, or no v2 line). */
int cgroup_of_pid(const char *root, uint32_t pid, char *out, size_t len);
/* A short name for a cgroup path: "-" for the root; docker:, podman:,
 * containerd: and the first 12 digits of a container id; a systemd unit
 * as it is ("nginx.service"); else the last component. Raw bytes (the
 * caller sanitises). */
void cgroup_short_name(const char *path, char *out, size_t len);

#endif
