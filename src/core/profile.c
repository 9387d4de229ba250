/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The on-CPU profile's model; see profile.h.
 *
 * Three open-addressing tables, each found by a 64-bit hash and grown
 * by doubling up to its bound: the interval's raw stacks (cleared at
 * every tick), the folded stacks, and the interned frame names. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "profile.h"

#define RAW_MAX 4096		/* distinct raw stacks an interval */

struct raw {
	uint64_t hash;
	uint32_t tgid, pid;
	uint64_t cgroup;
	char comm[16];
	uint16_t nk, nu;
	uint64_t *ips;		/* kernel then user, innermost first; owned */
	uint64_t count;
};

struct folded {
	uint64_t hash;
	struct tt_prof_stack s;	/* s.frames owned */
};

struct name {
	uint64_t hash;
	uint32_t id;
};

struct profile {
	struct raw *raw;
	size_t n_raw, cap_raw;		/* cap a power of two */
	uint32_t *raw_slot;		/* index + 1 into raw, 0 empty */
	size_t raw_mask;

	struct folded *st;
	size_t n_st, cap_st;
	uint32_t *st_slot;
	size_t st_mask;
	struct tt_prof_stack *view;	/* the stacks as the view lends them */

	struct tt_prof_frame *fr;
	size_t n_fr, cap_fr;
	struct name *fr_slot;		/* id + 1, 0 empty */
	size_t fr_mask;

	uint64_t samples_total, samples_interval, pending;
	uint64_t untracked, truncated, shallow, evicted;
	/* the process with the most shallow user stacks */
	struct { uint32_t tgid; char comm[17]; uint64_t n; } shallow_top;
};

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
	h *= 0xff51afd7ed558ccdull;
	return h ^ (h >> 33);
}

static uint64_t hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ull;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
	return mix(h, n);
}

/* Grows an index table of uint32 slots (index + 1) to twice want; the
 * caller reinserts. */
static uint32_t *slots_new(size_t want, size_t *mask)
{
	size_t cap = 64;
	uint32_t *t;

	while (cap < want * 2)
		cap <<= 1;
	t = calloc(cap, sizeof(*t));
	if (t)
		*mask = cap - 1;
	return t;
}

struct profile *profile_new(void)
{
	struct profile *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->raw_slot = slots_new(64, &p->raw_mask);
	p->st_slot = slots_new(64, &p->st_mask);
	if (!p->raw_slot || !p->st_slot) {
		profile_free(p);
		return NULL;
	}
	return p;
}

static void raw_clear(struct profile *p)
{
	for (size_t i = 0; i < p->n_raw; i++)
		free(p->raw[i].ips);
	p->n_raw = 0;
	memset(p->raw_slot, 0, (p->raw_mask + 1) * sizeof(*p->raw_slot));
}

void profile_clear(struct profile *p)
{
	raw_clear(p);
	for (size_t i = 0; i < p->n_st; i++)
		free((void *)p->st[i].s.frames);
	p->n_st = 0;
	memset(p->st_slot, 0, (p->st_mask + 1) * sizeof(*p->st_slot));
	p->samples_total = p->samples_interval = p->pending = 0;
	p->untracked = p->truncated = p->shallow = p->evicted = 0;
	memset(&p->shallow_top, 0, sizeof(p->shallow_top));
}

void profile_free(struct profile *p)
{
	if (!p)
		return;
	profile_clear(p);
	free(p->raw);
	free(p->raw_slot);
	free(p->st);
	free(p->st_slot);
	free(p->view);
	for (size_t i = 0; i < p->n_fr; i++)
		free((void *)p->fr[i].name);
	free(p->fr);
	free(p->fr_slot);
	free(p);
}

static uint64_t raw_hash(const struct prof_sample *s, unsigned nk, unsigned nu)
{
	uint64_t h = mix(s->tgid, ((uint64_t)nk << 16) | nu);

	for (unsigned i = 0; i < nk; i++)
		h = mix(h, s->kips[i]);
	for (unsigned i = 0; i < nu; i++)
		h = mix(h, s->uips[i]);
	return mix(h, hash_bytes(s->comm, strnlen(s->comm, 16)));
}

static bool raw_same(const struct raw *r, const struct prof_sample *s, unsigned nk, unsigned nu)
{
	return r->tgid == s->tgid && r->nk == nk && r->nu == nu &&
	       strncmp(r->comm, s->comm, 16) == 0 &&
	       memcmp(r->ips, s->kips, nk * sizeof(*r->ips)) == 0 &&
	       memcmp(r->ips + nk, s->uips, nu * sizeof(*r->ips)) == 0;
}

static int raw_grow(struct profile *p)
{
	size_t cap = p->cap_raw ? p->cap_raw * 2 : 64, mask;
	struct raw *r;
	uint32_t *slot;

	if (p->cap_raw >= RAW_MAX)
		return -1;
	r = realloc(p->raw, cap * sizeof(*r));
	if (!r)
		return -1;
	p->raw = r;
	p->cap_raw = cap;
	slot = slots_new(cap, &mask);
	if (!slot)
		return -1;
	free(p->raw_slot);
	p->raw_slot = slot;
	p->raw_mask = mask;
	for (size_t i = 0; i < p->n_raw; i++) {
		size_t j = p->raw[i].hash & mask;

		while (slot[j])
			j = (j + 1) & mask;
		slot[j] = (uint32_t)i + 1;
	}
	return 0;
}

int profile_add(struct profile *p, const struct prof_sample *s)
{
	unsigned nk = s->nk, nu = s->nu;
	uint64_t h;
	size_t j;
	struct raw *r;

	if (nk + nu > PROF_DEPTH_MAX - 1) {	/* room for the name */
		nk = nk < PROF_DEPTH_MAX / 2 ? nk : PROF_DEPTH_MAX / 2;
		nu = PROF_DEPTH_MAX - 1 - nk;
	}
	if (s->cut)
		p->truncated++;
	if (nu > 0 && nu <= 2)
		p->shallow++;
	h = raw_hash(s, nk, nu);
	for (j = h & p->raw_mask; p->raw_slot[j]; j = (j + 1) & p->raw_mask) {
		r = &p->raw[p->raw_slot[j] - 1];
		if (r->hash == h && raw_same(r, s, nk, nu)) {
			r->count++;
			p->pending++;
			return 0;
		}
	}
	if (p->n_raw == p->cap_raw) {
		if (raw_grow(p)) {
			p->untracked++;
			return -1;
		}
		for (j = h & p->raw_mask; p->raw_slot[j]; j = (j + 1) & p->raw_mask)
			;
	}
	r = &p->raw[p->n_raw];
	memset(r, 0, sizeof(*r));
	r->ips = malloc((nk + nu + 1) * sizeof(*r->ips));
	if (!r->ips) {
		p->untracked++;
		return -1;
	}
	memcpy(r->ips, s->kips, nk * sizeof(*r->ips));
	memcpy(r->ips + nk, s->uips, nu * sizeof(*r->ips));
	r->hash = h;
	r->tgid = s->tgid;
	r->pid = s->pid;
	r->cgroup = s->cgroup;
	memcpy(r->comm, s->comm, strnlen(s->comm, sizeof(r->comm)));
	r->nk = (uint16_t)nk;
	r->nu = (uint16_t)nu;
	r->count = 1;
	p->raw_slot[j] = (uint32_t)++p->n_raw;
	p->pending++;
	return 0;
}

/* --- frame names ------------------------------------------------------ */

static int names_grow(struct profile *p)
{
	size_t cap = p->cap_fr ? p->cap_fr * 2 : 256, scap = cap * 2;
	struct tt_prof_frame *fr;
	struct name *slot;

	if (p->cap_fr >= PROF_FRAMES_MAX)
		return -1;
	fr = realloc(p->fr, cap * sizeof(*fr));
	if (!fr)
		return -1;
	p->fr = fr;
	slot = calloc(scap, sizeof(*slot));
	if (!slot)
		return -1;
	p->cap_fr = cap;
	for (size_t i = 0; p->fr_slot && i <= p->fr_mask; i++) {
		size_t j;

		if (!p->fr_slot[i].id)
			continue;
		for (j = p->fr_slot[i].hash & (scap - 1); slot[j].id; j = (j + 1) & (scap - 1))
			;
		slot[j] = p->fr_slot[i];
	}
	free(p->fr_slot);
	p->fr_slot = slot;
	p->fr_mask = scap - 1;
	return 0;
}

uint32_t profile_frame_id(struct profile *p, const char *name, enum prof_kind kind)
{
	size_t len = strlen(name), j;
	uint64_t h = mix(hash_bytes(name, len), kind);
	char *copy;

	for (j = p->fr_slot ? h & p->fr_mask : 0; p->fr_slot && p->fr_slot[j].id;
	     j = (j + 1) & p->fr_mask) {
		const struct tt_prof_frame *f = &p->fr[p->fr_slot[j].id - 1];

		if (p->fr_slot[j].hash == h && f->kind == kind && strcmp(f->name, name) == 0)
			return p->fr_slot[j].id - 1;
	}
	if (p->n_fr == p->cap_fr) {
		if (names_grow(p))
			return UINT32_MAX;
		for (j = h & p->fr_mask; p->fr_slot[j].id; j = (j + 1) & p->fr_mask)
			;
	}
	copy = strdup(name);
	if (!copy)
		return UINT32_MAX;
	p->fr[p->n_fr].name = copy;
	p->fr[p->n_fr].kind = (uint8_t)kind;
	p->fr_slot[j].hash = h;
	p->fr_slot[j].id = (uint32_t)++p->n_fr;
	return (uint32_t)p->n_fr - 1;
}

/* --- folded stacks ---------------------------------------------------- */

static uint64_t st_hash(uint32_t tgid, const uint32_t *frames, uint32_t n)
{
	uint64_t h = mix(tgid, n);

	for (uint32_t i = 0; i < n; i++)
		h = mix(h, frames[i]);
	return h;
}

static int st_grow(struct profile *p)
{
	size_t cap = p->cap_st ? p->cap_st * 2 : 256, mask;
	struct folded *st;
	uint32_t *slot;

	if (p->cap_st >= PROF_STACKS_MAX)
		return -1;
	st = realloc(p->st, cap * sizeof(*st));
	if (!st)
		return -1;
	p->st = st;
	slot = slots_new(cap, &mask);
	if (!slot)
		return -1;
	p->cap_st = cap;
	free(p->st_slot);
	p->st_slot = slot;
	p->st_mask = mask;
	for (size_t i = 0; i < p->n_st; i++) {
		size_t j;

		for (j = p->st[i].hash & mask; slot[j]; j = (j + 1) & mask)
			;
		slot[j] = (uint32_t)i + 1;
	}
	return 0;
}

/* A stack under this decaying count, not sampled in the interval, is
 * let go when the table is full: none of its samples in the last few
 * half-lives (PROF_HALF_LIFE_S). */
#define EVICT_BELOW 1.0

/* The full table lets go of its stale stacks (EVICT_BELOW), their
 * samples since start counted in evicted, and indexes the rest again;
 * how many went. The stacks' addresses change. */
static size_t st_evict(struct profile *p)
{
	size_t k = 0, gone;

	for (size_t i = 0; i < p->n_st; i++) {
		struct folded *f = &p->st[i];

		if (!f->s.interval && f->s.decayed < EVICT_BELOW) {
			p->evicted += f->s.total;
			free((void *)f->s.frames);
			continue;
		}
		p->st[k++] = *f;
	}
	gone = p->n_st - k;
	if (!gone)
		return 0;
	p->n_st = k;
	memset(p->st_slot, 0, (p->st_mask + 1) * sizeof(*p->st_slot));
	for (size_t i = 0; i < p->n_st; i++) {
		size_t j;

		for (j = p->st[i].hash & p->st_mask; p->st_slot[j]; j = (j + 1) & p->st_mask)
			;
		p->st_slot[j] = (uint32_t)i + 1;
	}
	return gone;
}

/* The folded stack (tgid, frames), made when new (in a full table, in
 * the room its stale stacks leave); NULL when there is none. */
static struct tt_prof_stack *st_find(struct profile *p, uint32_t tgid, const char *comm,
				     uint64_t cgroup, const uint32_t *frames, uint32_t n)
{
	uint64_t h = st_hash(tgid, frames, n);
	struct tt_prof_stack *s;
	uint32_t *copy;
	size_t j;

	for (j = h & p->st_mask; p->st_slot[j]; j = (j + 1) & p->st_mask) {
		s = &p->st[p->st_slot[j] - 1].s;
		if (p->st[p->st_slot[j] - 1].hash == h && s->tgid == tgid && s->n == n &&
		    memcmp(s->frames, frames, n * sizeof(*frames)) == 0)
			return s;
	}
	if (p->n_st == p->cap_st) {
		if (st_grow(p) && !st_evict(p))
			return NULL;
		for (j = h & p->st_mask; p->st_slot[j]; j = (j + 1) & p->st_mask)
			;
	}
	copy = malloc(n * sizeof(*copy));
	if (!copy)
		return NULL;
	memcpy(copy, frames, n * sizeof(*copy));
	p->st[p->n_st].hash = h;
	s = &p->st[p->n_st].s;
	memset(s, 0, sizeof(*s));
	s->tgid = tgid;
	strncpy(s->comm, comm, sizeof(s->comm) - 1);
	s->cgroup = cgroup;
	s->n = n;
	s->frames = copy;
	p->st_slot[j] = (uint32_t)++p->n_st;
	return s;
}

int profile_put(struct profile *p, uint32_t tgid, const char *comm, uint64_t cgroup,
		const uint32_t *frames, uint32_t n, uint64_t total, uint64_t interval,
		double decayed)
{
	struct tt_prof_stack *s = st_find(p, tgid, comm, cgroup, frames, n);

	if (!s) {
		p->untracked += interval;
		return -1;
	}
	s->total += total;
	s->interval += interval;
	s->decayed += decayed;
	return 0;
}

/* The frames of raw stack r, root first: its name, the user frames from
 * the outermost, then the kernel's. */
static uint32_t raw_frames(struct profile *p, const struct raw *r, uint32_t *out,
			   prof_symbolise_fn fn, void *ctx)
{
	char comm[17], buf[256];
	uint32_t n = 0, id;

	memcpy(comm, r->comm, 16);
	comm[16] = '\0';
	id = profile_frame_id(p, comm, PROF_KIND_PROC);
	out[n++] = id;
	for (unsigned i = r->nu; i-- > 0;) {
		enum prof_kind k = fn(ctx, r->tgid, r->ips[r->nk + i], false, buf, sizeof(buf));

		out[n++] = profile_frame_id(p, buf, k);
	}
	for (unsigned i = r->nk; i-- > 0;) {
		enum prof_kind k = fn(ctx, r->tgid, r->ips[i], true, buf, sizeof(buf));

		out[n++] = profile_frame_id(p, buf, k);
	}
	for (uint32_t i = 0; i < n; i++)
		if (out[i] == UINT32_MAX)
			return 0;
	return n;
}

void profile_tick(struct profile *p, double dt, prof_symbolise_fn fn, void *ctx)
{
	double keep = dt > 0 ? exp2(-dt / PROF_HALF_LIFE_S) : 1;
	uint32_t frames[PROF_DEPTH_MAX];

	for (size_t i = 0; i < p->n_st; i++) {
		p->st[i].s.interval = 0;
		p->st[i].s.decayed *= keep;
	}
	for (size_t i = 0; i < p->n_raw; i++) {
		const struct raw *r = &p->raw[i];
		uint32_t n = raw_frames(p, r, frames, fn, ctx);
		struct tt_prof_stack *s = n ? st_find(p, r->tgid, r->comm, r->cgroup, frames, n) : NULL;

		if (!s) {
			p->untracked += r->count;
			continue;
		}
		s->total += r->count;
		s->interval += r->count;
		s->decayed += (double)r->count;
		if (r->nu > 0 && r->nu <= 2 && r->count > 0) {
			if (p->shallow_top.tgid == r->tgid || r->count > p->shallow_top.n) {
				if (p->shallow_top.tgid != r->tgid)
					p->shallow_top.n = 0;
				p->shallow_top.tgid = r->tgid;
				memcpy(p->shallow_top.comm, r->comm, 16);
				p->shallow_top.n += r->count;
			}
		}
	}
	p->samples_interval = p->pending;
	p->samples_total += p->pending;
	p->pending = 0;
	raw_clear(p);
}

void profile_view(const struct profile *cp, struct tt_profile_view *v)
{
	struct profile *p = (struct profile *)cp;	/* the view's array is a cache */
	struct tt_prof_stack *view = realloc(p->view, (p->n_st ? p->n_st : 1) * sizeof(*view));

	if (view) {
		p->view = view;
		for (size_t i = 0; i < p->n_st; i++)
			view[i] = p->st[i].s;
	}
	v->stacks = view ? view : NULL;
	v->n_stacks = view ? p->n_st : 0;
	v->frames = p->fr;
	v->n_frames = p->n_fr;
	v->samples_total = p->samples_total;
	v->samples_interval = p->samples_interval;
	v->untracked = p->untracked;
	v->evicted = p->evicted;
	v->truncated = p->truncated;
	v->shallow = p->shallow;
	memcpy(v->shallow_comm, p->shallow_top.comm, sizeof(v->shallow_comm));
}

/* A byte of a name as the folded format can hold it: ';' separates
 * frames and a line is a stack, so neither may come from a name. */
static char fold_byte(char c)
{
	if (c == ';')
		return ':';
	return (unsigned char)c < 0x20 || c == 0x7f ? '?' : c;
}

size_t profile_folded(const struct tt_profile_view *v, const struct tt_prof_stack *s,
		      char *buf, size_t len)
{
	size_t need = 0;

	for (uint32_t i = 0; i < s->n; i++) {
		const struct tt_prof_frame *f = s->frames[i] < v->n_frames ?
						&v->frames[s->frames[i]] : NULL;
		const char *name = f ? f->name : "[?]";
		size_t n = strlen(name);

		if (i > 0) {
			if (need + 1 < len)
				buf[need] = ';';
			need++;
		}
		for (size_t k = 0; k < n; k++, need++)
			if (need + 1 < len)
				buf[need] = fold_byte(name[k]);
		if (f && f->kind == PROF_KIND_KERNEL) {
			for (const char *m = "_[k]"; *m; m++, need++)
				if (need + 1 < len)
					buf[need] = *m;
		}
	}
	if (len > 0)
		buf[need < len ? need : len - 1] = '\0';
	return need;
}
