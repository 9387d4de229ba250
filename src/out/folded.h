/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The profile as folded stacks, one line each: "a;b;c count", the
 * format flamegraph.pl, speedscope and inferno read (--profile-folded,
 * and the JSON snapshots' "profile"). */
#ifndef TRACETOP_FOLDED_H
#define TRACETOP_FOLDED_H

#include <stddef.h>
#include "profile.h"

enum folded_count { FOLDED_TOTAL, FOLDED_INTERVAL };

/* The stacks of v with a count of the given kind, most samples first
 * (then by their text): indexes into v->stacks, malloc'd, *n of them;
 * NULL with *n 0 when there are none or memory is short. */
size_t *folded_order(const struct tt_profile_view *v, enum folded_count which, size_t *n);
/* Writes every stack with samples since start to fd; 0, or -errno of
 * the write that failed (the file is then incomplete: say so). */
int folded_write(int fd, const struct tt_profile_view *v);

#endif
