/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The on-CPU profile's model: stacks sampled by the profile source,
 * symbolised once a tick and counted as folded stacks (process name,
 * then the user frames from the outermost, then the kernel's).
 *
 * A sample is added as it arrives, with its raw addresses; the tick
 * turns each distinct raw stack of the interval into frames through the
 * symboliser it is given (sym/, which the core does not link), and adds
 * its count to the folded stack's interval, total and decaying counts.
 * Frame names are interned: a stack is an array of frame ids. Both
 * tables are bounded; what they cannot hold is counted, never dropped
 * silently. No libbpf, no curses, no root: unit tests drive it with
 * their own symboliser. */
#ifndef TRACETOP_PROFILE_H
#define TRACETOP_PROFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum prof_kind {
	PROF_KIND_PROC = 0,	/* the process name at a stack's root */
	PROF_KIND_USER,		/* the program's own code */
	PROF_KIND_LIB,		/* a shared library, the vDSO */
	PROF_KIND_KERNEL,
	PROF_KIND_JIT,		/* from a perf map (/tmp/perf-PID.map) */
	PROF_KIND_MAX,
};

struct tt_prof_frame {
	const char *name;	/* raw bytes (a symbol, module+0xoff): sanitise to show */
	uint8_t kind;		/* enum prof_kind */
};

struct tt_prof_stack {
	uint32_t tgid;
	char comm[17];		/* raw bytes */
	uint64_t cgroup;
	uint32_t n;		/* frames, root (the process name) first */
	const uint32_t *frames;	/* ids into the frame table */
	uint64_t total;		/* samples since start */
	uint64_t interval;	/* ... in the last interval */
	double decayed;		/* halved every PROF_HALF_LIFE_S seconds */
};

#define PROF_HALF_LIFE_S 10.0
#define PROF_STACKS_MAX 16384	/* then stale stacks give way (evicted) */
#define PROF_FRAMES_MAX 65536
#define PROF_DEPTH_MAX 256	/* kernel and user frames together, and the name */

/* The profile as the snapshot carries it. */
struct tt_profile_view {
	bool running;		/* the source runs */
	bool counting;		/* ... and counts (key in the pane) */
	unsigned hz;		/* samples a second a CPU */
	uint64_t samples_total, samples_interval;
	uint64_t lost_total;	/* samples the kernel could not hand over */
	uint64_t untracked;	/* samples no stack entry could take */
	uint64_t evicted;	/* samples of stale stacks let go for room, since start */
	uint64_t truncated;	/* samples whose stack was cut at the depth kept */
	const struct tt_prof_stack *stacks;	/* in no particular order */
	size_t n_stacks;
	const struct tt_prof_frame *frames;	/* by id */
	size_t n_frames;
	/* user stacks of at most two frames, since start: most often a
	 * binary built without frame pointers; shallow_comm the process
	 * with the most of them (raw bytes) */
	uint64_t shallow;
	char shallow_comm[17];
};

/* A raw sample: addresses innermost first, as the kernel walks them. */
struct prof_sample {
	uint32_t tgid, pid;
	uint64_t cgroup;
	const char *comm;	/* up to 16 bytes */
	const uint64_t *kips, *uips;
	unsigned nk, nu;
	bool cut;		/* a stack filled the depth kept */
};

/* Names an address: writes its name into buf and returns its kind. */
typedef enum prof_kind (*prof_symbolise_fn)(void *ctx, uint32_t tgid, uint64_t ip,
					    bool kernel, char *buf, size_t len);

struct profile;

struct profile *profile_new(void);
void profile_free(struct profile *p);
/* 0, or -1 when the interval's table of raw stacks is full (counted). */
int profile_add(struct profile *p, const struct prof_sample *s);
/* Ends the interval of dt seconds: symbolises its raw stacks through fn
 * and folds them in. */
void profile_tick(struct profile *p, double dt, prof_symbolise_fn fn, void *ctx);
/* Fills v's arrays and counts (borrowed until the next tick). */
void profile_view(const struct profile *p, struct tt_profile_view *v);
/* Interns name (a frame of the given kind); its id, or UINT32_MAX when
 * the table is full. For a recording's reader and the tests. */
uint32_t profile_frame_id(struct profile *p, const char *name, enum prof_kind kind);
/* Adds count samples to the folded stack (ids from profile_frame_id),
 * as a replay does; 0 or -1 when the table is full. */
int profile_put(struct profile *p, uint32_t tgid, const char *comm, uint64_t cgroup,
		const uint32_t *frames, uint32_t n, uint64_t total, uint64_t interval,
		double decayed);
/* Forgets every stack (a replay's jump). */
void profile_clear(struct profile *p);

/* "name;name;name" of a stack, kernel frames marked "_[k]" (the folded
 * format flamegraph.pl and speedscope read), written into buf; the
 * length needed, like snprintf. Names are written as they are. */
size_t profile_folded(const struct tt_profile_view *v, const struct tt_prof_stack *s,
		      char *buf, size_t len);

#endif
