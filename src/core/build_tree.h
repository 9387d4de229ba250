/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Whether this binary runs from its own build directory. Data files
 * (themes, the recorded demo) are then read from the source tree; an
 * installed tracetop, which runs as root, must never read them from a
 * build path that may lie in a world-writable place such as /tmp. */
#ifndef TRACETOP_BUILD_TREE_H
#define TRACETOP_BUILD_TREE_H

#include <stdbool.h>

/* True when /proc/self/exe lies in builddir itself ("" or NULL: never). */
bool build_tree_running(const char *builddir);

#endif
