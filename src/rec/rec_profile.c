/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The profile's record; see rec_profile.h and doc/recording.md.
 *
 *   u32 hz, bool counting, u64 samples_total, samples_interval,
 *   lost_total, untracked, evicted, truncated, shallow, chars shallow_comm,
 *   count of names, each: u8 kind, bytes name;
 *   count of stacks, each: u32 tgid, chars comm, u64 cgroup, count of
 *   frames, each a u32 index into the names; u64 total, u64 interval,
 *   f64 decayed.
 *
 * Only the names the stacks use are written, numbered in the order of
 * first use. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "rec_format.h"
#include "rec_profile.h"

#define NAME_MAX_BYTES 4096

static void status(struct rec_io *io, struct tt_profile_view *v)
{
	uint32_t hz = v->hz;

	rec_u32(io, &hz);
	v->hz = hz;
	rec_bool(io, &v->counting);
	rec_u64(io, &v->samples_total);
	rec_u64(io, &v->samples_interval);
	rec_u64(io, &v->lost_total);
	rec_u64(io, &v->untracked);
	rec_u64(io, &v->evicted);
	rec_u64(io, &v->truncated);
	rec_u64(io, &v->shallow);
	rec_chars(io, v->shallow_comm, sizeof(v->shallow_comm));
}

void rec_profile_encode(struct rec_buf *body, const struct tt_profile_view *cv)
{
	struct tt_profile_view v = *cv;
	uint32_t *map = calloc(v.n_frames ? v.n_frames : 1, sizeof(*map));	/* index + 1 */
	uint32_t *order = malloc((v.n_frames ? v.n_frames : 1) * sizeof(*order));
	size_t n_names = 0, n_stacks = 0;
	struct rec_io io;

	rec_io_encoder(&io, body);
	status(&io, &v);
	if (!map || !order) {	/* no names and no stacks: the counts say the rest */
		rec_count(&io, &n_names, PROF_FRAMES_MAX);
		rec_count(&io, &n_stacks, PROF_STACKS_MAX);
		free(map);
		free(order);
		return;
	}
	for (size_t i = 0; i < v.n_stacks; i++) {
		if (!v.stacks[i].total)
			continue;
		n_stacks++;
		for (uint32_t k = 0; k < v.stacks[i].n; k++) {
			uint32_t f = v.stacks[i].frames[k];

			if (f < v.n_frames && !map[f]) {
				order[n_names] = f;
				map[f] = (uint32_t)++n_names;
			}
		}
	}
	rec_count(&io, &n_names, PROF_FRAMES_MAX);
	for (size_t i = 0; i < n_names; i++) {
		const struct tt_prof_frame *f = &v.frames[order[i]];
		const uint8_t *d = (const uint8_t *)f->name;
		size_t n = strlen(f->name);
		uint8_t kind = f->kind;

		if (n > NAME_MAX_BYTES)
			n = NAME_MAX_BYTES;
		rec_u8(&io, &kind);
		rec_bytes(&io, &d, &n, NAME_MAX_BYTES);
	}
	rec_count(&io, &n_stacks, PROF_STACKS_MAX);
	for (size_t i = 0; i < v.n_stacks; i++) {
		struct tt_prof_stack s = v.stacks[i];
		size_t n = s.n;

		if (!s.total)
			continue;
		rec_u32(&io, &s.tgid);
		rec_chars(&io, s.comm, sizeof(s.comm));
		rec_u64(&io, &s.cgroup);
		rec_count(&io, &n, PROF_DEPTH_MAX);
		for (uint32_t k = 0; k < s.n; k++) {
			uint32_t f = s.frames[k] < v.n_frames ? map[s.frames[k]] - 1 : 0;

			rec_u32(&io, &f);
		}
		rec_u64(&io, &s.total);
		rec_u64(&io, &s.interval);
		rec_f64(&io, &s.decayed);
	}
	free(map);
	free(order);
}

void rec_profile_decode(struct rec_io *io, struct profile *p, struct tt_profile_view *v)
{
	size_t n_names = 0, n_stacks = 0;
	uint32_t *ids = NULL, frames[PROF_DEPTH_MAX];
	char name[NAME_MAX_BYTES + 1];

	profile_clear(p);
	memset(v, 0, sizeof(*v));
	status(io, v);
	rec_count(io, &n_names, PROF_FRAMES_MAX);
	if (io->bad)
		return;
	ids = malloc((n_names ? n_names : 1) * sizeof(*ids));
	if (!ids) {
		rec_io_fail(io, "out of memory");
		return;
	}
	for (size_t i = 0; i < n_names && !io->bad; i++) {
		const uint8_t *d = NULL;
		size_t n = 0;
		uint8_t kind = 0;

		rec_u8(io, &kind);
		rec_bytes(io, &d, &n, NAME_MAX_BYTES);
		if (io->bad)
			break;
		if (kind >= PROF_KIND_MAX || memchr(d, '\0', n)) {
			rec_io_fail(io, "a profile frame of no kind, or with a NUL");
			break;
		}
		if (n)
			memcpy(name, d, n);
		name[n] = '\0';
		ids[i] = profile_frame_id(p, name, (enum prof_kind)kind);
		if (ids[i] == UINT32_MAX)
			rec_io_fail(io, "out of memory");
	}
	rec_count(io, &n_stacks, PROF_STACKS_MAX);
	for (size_t i = 0; i < n_stacks && !io->bad; i++) {
		struct tt_prof_stack s = { 0 };
		size_t n = 0;

		rec_u32(io, &s.tgid);
		rec_chars(io, s.comm, sizeof(s.comm));
		rec_u64(io, &s.cgroup);
		rec_count(io, &n, PROF_DEPTH_MAX);
		for (size_t k = 0; k < n && !io->bad; k++) {
			uint32_t f = 0;

			rec_u32(io, &f);
			if (f >= n_names)
				rec_io_fail(io, "a profile frame out of range");
			else
				frames[k] = ids[f];
		}
		rec_u64(io, &s.total);
		rec_u64(io, &s.interval);
		rec_f64(io, &s.decayed);
		if (!io->bad && !(s.decayed >= 0 && s.decayed <= 1e18))	/* NaN too */
			rec_io_fail(io, "a profile count out of range");
		if (!io->bad && profile_put(p, s.tgid, s.comm, s.cgroup, frames, (uint32_t)n, s.total,
					    s.interval, s.decayed))
			rec_io_fail(io, "more profile stacks than a profile holds");
	}
	free(ids);
	if (!io->bad) {
		struct tt_profile_view st = *v;

		profile_view(p, v);
		/* the recorded figures, not the rebuilt table's */
		v->samples_total = st.samples_total;
		v->samples_interval = st.samples_interval;
		v->untracked = st.untracked;
		v->evicted = st.evicted;
		v->truncated = st.truncated;
		v->shallow = st.shallow;
		memcpy(v->shallow_comm, st.shallow_comm, sizeof(v->shallow_comm));
		v->hz = st.hz;
		v->counting = st.counting;
		v->lost_total = st.lost_total;
		v->running = true;
	}
}
