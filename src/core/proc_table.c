/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Per-process syscall counts: diffs the kernel's cumulative (tgid, id)
 * counters and sums them per process (see proc_table.h).
 *
 * Two open-addressing maps of entries alternate: begin() makes the older
 * one current and invalidates it by bumping its generation (no memset of
 * the whole table each interval); add() looks the pair up in the other,
 * previous map. What was not added this time is thereby forgotten. The
 * processes' infos alternate with them, and the per-process sums the
 * same way, so totals carry over from one interval to the next. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "proc_table.h"
#include "rate.h"
#include "syscall_class.h"

struct pt_entry {
	uint64_t key;		/* tgid << 32 | id */
	uint64_t count, errors;	/* cumulative, as the kernel gave them */
	uint64_t delta, err_delta;	/* not yet summed by proc_table_end() */
	bool final;		/* its process's last read: deleted from the kernel after */
};

struct pt_info {
	uint32_t tgid;
	char comm[TT_COMM_LEN];
	bool exited;
	bool ids;		/* ppid and uid set (proc_table_ids) */
	uint32_t ppid, uid;
	uint64_t busy_ns;	/* time in timed system calls, cumulative */
	uint64_t cgroup_id;	/* its cgroup's, as the kernel last had it; 0 unknown */
};

/*
 * The lookup tables: open addressing over small slots, each the index
 * of a dense array's element and the generation it was made in; a slot
 * of an older generation is free, so a table empties in one increment.
 * The slots start small and double as entries come (kept at most half
 * full); the dense arrays are allocated for the most there may be and
 * touched only as far as used. Memory follows the processes there are,
 * not the most there could be: hashed lookups land on every page of a
 * table, so a table sized for the most would be resident whole as soon
 * as a few thousand entries were in it.
 */
#define SLOTS_MIN 1024

struct pt_slot {
	uint32_t gen;
	uint32_t idx;
};

struct pt_map {
	struct pt_slot *slot;	/* owned, mask + 1 */
	size_t mask;
	uint32_t gen;
	struct pt_entry *ent;	/* owned, dense: used of max */
	size_t used, max;
};

struct pt_infos {
	struct pt_slot *slot;	/* owned, mask + 1 */
	size_t mask;
	uint32_t gen;
	struct pt_info *ent;	/* owned, dense: used of max */
	size_t used, max;
};

struct pt_procs {
	struct proc_stat *v;	/* owned, dense, max_procs slots */
	uint64_t *top_count;	/* owned, parallel to v: cumulative count of top_id */
	size_t n;
	int32_t *index;		/* owned, mask + 1 slots: tgid -> v index, -1 empty */
	size_t mask;
};

struct proc_table {
	size_t max_entries, max_procs;
	struct pt_map maps[2];
	struct pt_infos infos[2];
	unsigned cur;		/* maps[cur] and infos[cur] are being filled */
	bool handed;		/* a begin since the last end */
	struct tt_proc_call *calls;	/* owned, max_entries: the last end's entries */
	size_t n_calls;
	struct pt_procs procs[2];
	unsigned pcur;		/* procs[pcur] is the latest result */
	uint64_t lost_calls;	/* calls of entries or processes no table had room for */
};

static uint64_t pt_hash(uint64_t k)
{
	/* a 64-bit finaliser: tgids are dense, ids small; spread them */
	k ^= k >> 33;
	k *= 0xff51afd7ed558ccdULL;
	k ^= k >> 33;
	k *= 0xc4ceb9fe1a85ec53ULL;
	k ^= k >> 33;
	return k;
}

/* The slot of key in m: its entry's, or the free one where it belongs.
 * Never loops forever: tables are kept at most half full. */
static struct pt_slot *pt_map_slot(const struct pt_map *m, uint64_t key)
{
	size_t i = pt_hash(key) & m->mask;

	while (m->slot[i].gen == m->gen && m->ent[m->slot[i].idx].key != key)
		i = (i + 1) & m->mask;
	return &m->slot[i];
}

static const struct pt_entry *pt_map_find(const struct pt_map *m, uint64_t key)
{
	const struct pt_slot *sl = pt_map_slot(m, key);

	return sl->gen == m->gen ? &m->ent[sl->idx] : NULL;
}

static struct pt_slot *pt_info_slot(const struct pt_infos *m, uint32_t tgid)
{
	size_t i = pt_hash(tgid) & m->mask;

	while (m->slot[i].gen == m->gen && m->ent[m->slot[i].idx].tgid != tgid)
		i = (i + 1) & m->mask;
	return &m->slot[i];
}

static const struct pt_info *pt_info_find(const struct pt_infos *m, uint32_t tgid)
{
	const struct pt_slot *sl = pt_info_slot(m, tgid);

	return sl->gen == m->gen ? &m->ent[sl->idx] : NULL;
}

/* Slots for a table of used elements plus one, twice as many at least:
 * the slots, doubled and filled again from the dense array (key(i) its
 * element i's hash), or unchanged. -ENOMEM leaves them as they were. */
static int slots_room(struct pt_slot **slot, size_t *mask, uint32_t gen, size_t used,
		      uint64_t (*key)(const void *ents, size_t i), const void *ents)
{
	size_t n = *mask + 1, want = n;
	struct pt_slot *v;

	while ((used + 1) * 2 > want)
		want *= 2;
	if (want == n)
		return 0;
	v = calloc(want, sizeof(*v));
	if (!v)
		return -ENOMEM;
	for (size_t j = 0; j < used; j++) {
		size_t i = pt_hash(key(ents, j)) & (want - 1);

		while (v[i].gen == gen)
			i = (i + 1) & (want - 1);
		v[i] = (struct pt_slot){ gen, (uint32_t)j };
	}
	free(*slot);
	*slot = v;
	*mask = want - 1;
	return 0;
}

static uint64_t entry_key(const void *ents, size_t i)
{
	return ((const struct pt_entry *)ents)[i].key;
}

static uint64_t info_key(const void *ents, size_t i)
{
	return ((const struct pt_info *)ents)[i].tgid;
}

/* The entry of key, made (zeroed but for the key) if need be; NULL when
 * the table is full. */
static struct pt_entry *pt_map_get(struct pt_map *m, uint64_t key)
{
	struct pt_slot *sl = pt_map_slot(m, key);
	struct pt_entry *e;

	if (sl->gen == m->gen)
		return &m->ent[sl->idx];
	if (m->used >= m->max ||
	    slots_room(&m->slot, &m->mask, m->gen, m->used, entry_key, m->ent))
		return NULL;
	sl = pt_map_slot(m, key);
	sl->gen = m->gen;
	sl->idx = (uint32_t)m->used;
	e = &m->ent[m->used++];
	memset(e, 0, sizeof(*e));
	e->key = key;
	return e;
}

static struct pt_info *pt_info_get(struct pt_infos *m, uint32_t tgid)
{
	struct pt_slot *sl = pt_info_slot(m, tgid);
	struct pt_info *e;

	if (sl->gen == m->gen)
		return &m->ent[sl->idx];
	if (m->used >= m->max ||
	    slots_room(&m->slot, &m->mask, m->gen, m->used, info_key, m->ent))
		return NULL;
	sl = pt_info_slot(m, tgid);
	sl->gen = m->gen;
	sl->idx = (uint32_t)m->used;
	e = &m->ent[m->used++];
	memset(e, 0, sizeof(*e));
	e->tgid = tgid;
	return e;
}

/* An index for rows rows at most, half full: grown, and emptied. */
static int procs_index_room(struct pt_procs *p, size_t rows)
{
	size_t n = p->mask + 1, want = n;

	while (rows * 2 > want)
		want *= 2;
	if (want != n) {
		int32_t *ix = malloc(want * sizeof(*ix));

		if (!ix)
			return -ENOMEM;
		free(p->index);
		p->index = ix;
		p->mask = want - 1;
	}
	memset(p->index, 0xff, (p->mask + 1) * sizeof(int32_t));
	return 0;
}

struct proc_table *proc_table_new(size_t max_entries, size_t max_procs)
{
	struct proc_table *t;
	unsigned i;

	if (!max_entries || max_entries > INT32_MAX / 4 || !max_procs || max_procs > max_entries)
		return NULL;
	t = calloc(1, sizeof(*t));
	if (!t)
		return NULL;
	t->max_entries = max_entries;
	t->max_procs = max_procs;
	/* dense arrays: malloc'd, their pages touched only as used */
	t->calls = malloc(max_entries * sizeof(*t->calls));
	if (!t->calls) {
		free(t);
		return NULL;
	}
	for (i = 0; i < 2; i++) {
		/* zero-filled slots have generation 0, and the tables start at 1 */
		t->maps[i].slot = calloc(SLOTS_MIN, sizeof(struct pt_slot));
		t->maps[i].mask = SLOTS_MIN - 1;
		t->maps[i].gen = 1;
		t->maps[i].ent = malloc(max_entries * sizeof(struct pt_entry));
		t->maps[i].max = max_entries;
		t->infos[i].slot = calloc(SLOTS_MIN, sizeof(struct pt_slot));
		t->infos[i].mask = SLOTS_MIN - 1;
		t->infos[i].gen = 1;
		t->infos[i].ent = malloc(max_procs * sizeof(struct pt_info));
		t->infos[i].max = max_procs;
		t->procs[i].v = malloc(max_procs * sizeof(struct proc_stat));
		t->procs[i].top_count = malloc(max_procs * sizeof(uint64_t));
		t->procs[i].index = malloc(SLOTS_MIN * sizeof(int32_t));
		t->procs[i].mask = SLOTS_MIN - 1;
		if (!t->maps[i].slot || !t->maps[i].ent || !t->infos[i].slot || !t->infos[i].ent ||
		    !t->procs[i].v || !t->procs[i].top_count || !t->procs[i].index) {
			proc_table_free(t);
			return NULL;
		}
		memset(t->procs[i].index, 0xff, SLOTS_MIN * sizeof(int32_t));
	}
	return t;
}

void proc_table_free(struct proc_table *t)
{
	unsigned i;

	if (!t)
		return;
	free(t->calls);
	for (i = 0; i < 2; i++) {
		free(t->maps[i].slot);
		free(t->maps[i].ent);
		free(t->infos[i].slot);
		free(t->infos[i].ent);
		free(t->procs[i].v);
		free(t->procs[i].top_count);
		free(t->procs[i].index);
	}
	free(t);
}

uint64_t proc_table_lost_calls(const struct proc_table *t)
{
	return t->lost_calls;
}

void proc_table_begin(struct proc_table *t)
{
	struct pt_map *m;

	t->cur ^= 1;
	m = &t->maps[t->cur];
	m->gen++;
	m->used = 0;
	t->infos[t->cur].gen++;
	t->infos[t->cur].used = 0;
	t->handed = true;
}

/* Copies a name of at most TT_COMM_LEN bytes, up to a NUL: a kernel comm
 * may fill its array with no NUL, a caller's string may be shorter than
 * the array; read past neither. */
static void pt_comm_copy(char dst[TT_COMM_LEN], const char *src)
{
	size_t len = strnlen(src, TT_COMM_LEN);

	memcpy(dst, src, len);
	memset(dst + len, 0, TT_COMM_LEN - len);
}

int proc_table_info(struct proc_table *t, uint32_t tgid, const char *comm, bool exited,
		    uint64_t busy_ns, uint64_t cgroup_id)
{
	struct pt_info *e = pt_info_get(&t->infos[t->cur], tgid);

	if (!e)
		return -ENOSPC;	/* its entries' rows keep the name they had, if any */
	pt_comm_copy(e->comm, comm);
	e->exited = exited;
	e->ids = false;
	e->busy_ns = busy_ns;
	e->cgroup_id = cgroup_id;
	return 0;
}

void proc_table_ids(struct proc_table *t, uint32_t tgid, uint32_t ppid, uint32_t uid)
{
	struct pt_infos *m = &t->infos[t->cur];
	struct pt_slot *sl = pt_info_slot(m, tgid);
	struct pt_info *e;

	if (sl->gen != m->gen)
		return;
	e = &m->ent[sl->idx];
	e->ids = true;
	e->ppid = ppid;
	e->uid = uid;
}

int proc_table_add(struct proc_table *t, uint32_t tgid, unsigned id, uint64_t count,
		   uint64_t errors)
{
	struct pt_map *m = &t->maps[t->cur];
	const struct pt_entry *prev;
	uint64_t key = (uint64_t)tgid << 32 | id;
	struct pt_entry *e;

	prev = pt_map_find(&t->maps[t->cur ^ 1], key);
	/* the kernel deleted that one: this is another process's */
	if (prev && prev->final)
		prev = NULL;
	e = pt_map_get(m, key);
	if (!e) {
		t->lost_calls += counter_delta(prev ? prev->count : 0, count);
		return -ENOSPC;
	}
	/* Deltas not yet summed (two reads between ticks) carry over; an
	 * entry first seen counts from zero. */
	e->delta = counter_delta(prev ? prev->count : 0, count) + (prev ? prev->delta : 0);
	e->err_delta = counter_delta(prev ? prev->errors : 0, errors) +
		       (prev ? prev->err_delta : 0);
	e->count = count;
	e->errors = errors;
	e->final = false;
	return 0;
}

/* Index of the row for tgid in p, or -1. With create, a missing row is
 * added (zeroed) and *created set. */
static int32_t pt_procs_find(struct pt_procs *p, uint32_t tgid, bool create, bool *created,
			     size_t cap)
{
	size_t i = pt_hash(tgid) & p->mask;

	while (p->index[i] >= 0) {
		if (p->v[p->index[i]].tgid == tgid)
			return p->index[i];
		i = (i + 1) & p->mask;
	}
	/* more processes in the entries than max_procs: the rest dropped */
	if (!create || p->n >= cap)
		return -1;
	p->index[i] = (int32_t)p->n;
	memset(&p->v[p->n], 0, sizeof(p->v[0]));
	p->v[p->n].tgid = tgid;
	p->top_count[p->n] = 0;
	*created = true;
	return (int32_t)p->n++;
}

/* Folds one entry into row r; the busiest entry this interval (the
 * largest cumulative one when all are idle) names the top syscall. */
static void pt_fold(struct pt_procs *p, int32_t r, const struct pt_entry *e, bool created)
{
	struct proc_stat *s = &p->v[r];
	int op = syscall_vfs_op((unsigned)(e->key & 0xffffffffu));

	s->delta += e->delta;
	s->err_delta += e->err_delta;
	if (op >= 0) {
		s->op_delta[op] += e->delta;
		if (op == VFS_OPEN)
			s->open_err_delta += e->err_delta;
	}
	if (created || e->delta > s->top_delta ||
	    (e->delta == s->top_delta && e->count > p->top_count[r])) {
		s->top_id = (unsigned)(e->key & 0xffffffffu);
		s->top_delta = e->delta;
		p->top_count[r] = e->count;
	}
}

bool proc_table_final(const struct proc_table *t, uint32_t tgid)
{
	const struct pt_info *now = pt_info_find(&t->infos[t->cur], tgid);
	const struct pt_info *before = pt_info_find(&t->infos[t->cur ^ 1], tgid);

	if (now && !now->exited)
		return false;
	return before && before->exited;
}

const struct proc_stat *proc_table_end(struct proc_table *t, size_t *n)
{
	struct pt_map *m = &t->maps[t->cur];
	struct pt_procs *old = &t->procs[t->pcur];
	struct pt_procs *p = &t->procs[t->pcur ^ 1];
	size_t i;

	/* rows <= processes of the live entries <= both bounds */
	if (procs_index_room(p, m->used < t->max_procs ? m->used : t->max_procs)) {
		/* no room to index them: this tick's calls are kept for the next */
		*n = 0;
		return NULL;
	}
	p->n = 0;
	t->n_calls = 0;
	/* the live entries only, not every slot of the table */
	for (i = 0; i < m->used; i++) {
		struct pt_entry *e = &m->ent[i];
		bool created = false;
		int32_t r;

		r = pt_procs_find(p, (uint32_t)(e->key >> 32), true, &created, t->max_procs);
		if (r < 0) {
			/* no row for its process: its calls are lost, once */
			t->lost_calls += e->delta;
			e->delta = 0;
			e->err_delta = 0;
			continue;
		}
		/* once per process, not per (process, syscall) entry */
		if (created)
			p->v[r].final = proc_table_final(t, p->v[r].tgid);
		pt_fold(p, r, e, created);
		t->calls[t->n_calls++] = (struct tt_proc_call){
			(uint32_t)(e->key >> 32), (unsigned)(e->key & 0xffffffffu),
			e->delta, e->err_delta, e->count, e->errors,
		};
		e->final = p->v[r].final;
		e->delta = 0;
		e->err_delta = 0;
	}
	/* totals carry over from the previous end for processes still
	 * seen, but not from a process whose entries went after that end
	 * (the tgid is another's now); names come from the infos, else
	 * stay as they were */
	for (i = 0; i < p->n; i++) {
		int32_t o = pt_procs_find(old, p->v[i].tgid, false, NULL, 0);
		uint64_t busy_before;
		const struct pt_info *info = pt_info_find(&t->infos[t->cur], p->v[i].tgid);

		if (o >= 0 && old->v[o].final && t->handed)
			o = -1;

		p->v[i].total = (o >= 0 ? old->v[o].total : 0) + p->v[i].delta;
		p->v[i].errors = (o >= 0 ? old->v[o].errors : 0) + p->v[i].err_delta;
		for (unsigned op = 0; op < VFS_OP_MAX; op++)
			p->v[i].op_total[op] = (o >= 0 ? old->v[o].op_total[op] : 0) +
					       p->v[i].op_delta[op];
		p->v[i].open_err_total = (o >= 0 ? old->v[o].open_err_total : 0) +
					 p->v[i].open_err_delta;
		if (o >= 0) {
			p->v[i].ppid = old->v[o].ppid;
			p->v[i].uid = old->v[o].uid;
			p->v[i].ppid_known = old->v[o].ppid_known;
			p->v[i].uid_known = old->v[o].uid_known;
			memcpy(p->v[i].container, old->v[o].container, sizeof(p->v[i].container));
			p->v[i].ids_tried = old->v[o].ids_tried;
		}
		if (info && info->ids) {
			p->v[i].ppid = info->ppid;
			p->v[i].uid = info->uid;
			p->v[i].ppid_known = p->v[i].uid_known = true;
		}
		if (info) {
			memcpy(p->v[i].comm, info->comm, TT_COMM_LEN);
			p->v[i].exited = info->exited;
			p->v[i].busy_ns = info->busy_ns;
			p->v[i].cgroup_id = info->cgroup_id;
		} else if (o >= 0) {
			memcpy(p->v[i].comm, old->v[o].comm, TT_COMM_LEN);
			p->v[i].exited = old->v[o].exited;
			p->v[i].busy_ns = old->v[o].busy_ns;
			p->v[i].cgroup_id = old->v[o].cgroup_id;
		}
		/* a counter that went down was made again: all of it is new */
		busy_before = o >= 0 ? old->v[o].busy_ns : 0;
		p->v[i].busy_delta = p->v[i].busy_ns >= busy_before ?
				     p->v[i].busy_ns - busy_before : p->v[i].busy_ns;
	}
	t->handed = false;
	t->pcur ^= 1;
	*n = p->n;
	return p->v;
}

void proc_table_set_ids(struct proc_table *t, size_t i, bool ppid_known, uint32_t ppid,
			bool uid_known, uint32_t uid, const char *container)
{
	struct pt_procs *p = &t->procs[t->pcur];

	if (i >= p->n)
		return;
	p->v[i].ppid_known = ppid_known;
	p->v[i].ppid = ppid;
	p->v[i].uid_known = uid_known;
	p->v[i].uid = uid;
	snprintf(p->v[i].container, sizeof(p->v[i].container), "%s", container);
	p->v[i].ids_tried = true;
}

const struct tt_proc_call *proc_table_calls(const struct proc_table *t, size_t *n)
{
	*n = t->n_calls;
	return t->calls;
}
