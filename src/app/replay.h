/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --replay FILE with -b or --json: the recording printed as the live run
 * printed it (the same writers, over the recorded snapshots and events).
 * Needs no root, no BPF and no BTF, and loads nothing into a kernel. */
#ifndef TRACETOP_REPLAY_H
#define TRACETOP_REPLAY_H

#include <stddef.h>
#include "options.h"

/* Prints the recording opt->replay to standard output. Returns an exit
 * code (exit_codes.h): a file that cannot be read at all is a usage
 * error; damage found on the way is said (file and offset) on standard
 * error, what could be read is printed, and the exit status is 1. */
int replay_batch(const struct options *opt);

#endif
