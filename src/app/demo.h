/* SPDX-License-Identifier: GPL-2.0-or-later */
/* --demo: a built-in workload that makes every pane come alive, in
 * phases (exec churn, a misconfigured service failing its opens, VFS
 * reads then a logger's writes and fsyncs, direct I/O with a latency
 * spike, a health check whose calls fail), each named by a caption.
 *
 * It runs in a child process of its own, as nobody (uid 65534), with
 * rates bounded (some hundreds of calls a second, at most 16 MiB on
 * disk), and leaves nothing behind: its files are O_TMPFILE (never
 * named, gone with their last descriptor) and it ends with tracetop (a
 * pipe only tracetop writes to closes: it sees that at every pause). The parent only reads
 * the clock to know the phase: the schedule is the same table on both
 * sides.
 */
#ifndef TRACETOP_DEMO_H
#define TRACETOP_DEMO_H

#include <stddef.h>
#include <stdint.h>

struct demo;

/* Forks the workload (to be called as root, before the capabilities
 * are dropped: it drops them itself, for good). NULL with msg filled on
 * failure. */
struct demo *demo_start(char *msg, size_t len);
/* The caption at now_ns (CLOCK_MONOTONIC): the phase and its seconds
 * left, or that the demo is over. Also reaps the child once it ended. */
const char *demo_caption(struct demo *d, uint64_t now_ns);
/* Ends the child (if it still runs) and frees d; NULL is fine. */
void demo_stop(struct demo *d);

/* The recorded demo --demo replays without root: the source tree's
 * for a binary run from its build directory, else the installed one;
 * NULL when neither can be read. */
const char *demo_recording(void);

/* The phases, for the tests and the documentation. */
#define DEMO_PHASES 5
#define DEMO_PHASE_S 12
/* The phase's name ("exec churn", ...); NULL past the last. */
const char *demo_phase_name(unsigned i);

#endif
