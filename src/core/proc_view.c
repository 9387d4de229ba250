/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The processes table (see proc_view.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cgroup.h"
#include "cgroup_names.h"
#include "proc_view.h"

struct pv_execs {
	uint32_t pid;
	uint64_t execs;
};

struct proc_view {
	char root[256];
	uint32_t *execs;	/* owned: parents of this interval's execs */
	size_t n_execs, cap_execs;
	uint64_t execs_dropped;	/* beyond PROC_VIEW_EXECS_MAX in one interval */
	/* rows by pid, rebuilt each tick: open addressing, half full */
	int32_t *index;
	size_t mask;
	/* execs since start of each parent that started any, by pid */
	struct pv_execs *prev;
	size_t n_prev, cap_prev;
	struct cgroup_names *cgn;	/* owned: cgroup ids to names */
};

struct proc_view *proc_view_new(const char *root)
{
	struct proc_view *v = calloc(1, sizeof(*v));

	if (!v)
		return NULL;
	snprintf(v->root, sizeof(v->root), "%s", root ? root : "");
	v->cgn = cgroup_names_new(v->root);
	if (!v->cgn) {
		free(v);
		return NULL;
	}
	return v;
}

void proc_view_free(struct proc_view *v)
{
	if (!v)
		return;
	free(v->execs);
	free(v->index);
	free(v->prev);
	cgroup_names_free(v->cgn);
	free(v);
}

void proc_view_exec(struct proc_view *v, uint32_t ppid)
{
	if (v->n_execs == v->cap_execs) {
		size_t cap = v->cap_execs ? v->cap_execs * 2 : 256;
		uint32_t *e;

		if (cap > PROC_VIEW_EXECS_MAX || !(e = realloc(v->execs, cap * sizeof(*e)))) {
			v->execs_dropped++;
			return;
		}
		v->execs = e;
		v->cap_execs = cap;
	}
	v->execs[v->n_execs++] = ppid;
}

uint64_t proc_view_execs_untracked(const struct proc_view *v)
{
	return v->execs_dropped;
}

static size_t pv_hash(uint32_t pid, size_t mask)
{
	return ((uint64_t)pid * 0x9e3779b97f4a7c15ULL >> 40) & mask;
}

/* Makes the index hold n rows; -ENOMEM. */
static int index_reset(struct proc_view *v, size_t n)
{
	size_t slots = 64;

	while (slots < n * 2)
		slots *= 2;
	if (slots - 1 != v->mask || !v->index) {
		int32_t *ix = malloc(slots * sizeof(*ix));

		if (!ix)
			return -ENOMEM;
		free(v->index);
		v->index = ix;
		v->mask = slots - 1;
	}
	memset(v->index, 0xff, slots * sizeof(*v->index));
	return 0;
}

static int32_t index_find(const struct proc_view *v, const struct tt_proc_row *rows, uint32_t pid)
{
	for (size_t i = pv_hash(pid, v->mask); v->index[i] >= 0; i = (i + 1) & v->mask)
		if (rows[v->index[i]].pid == pid)
			return v->index[i];
	return -1;
}

static void index_put(struct proc_view *v, uint32_t pid, int32_t row)
{
	size_t i = pv_hash(pid, v->mask);

	while (v->index[i] >= 0)
		i = (i + 1) & v->mask;
	v->index[i] = row;
}

/* PPid and Uid of a live process from /proc/PID/status, its cgroup
 * from /proc/PID/cgroup. */
static void read_status(const struct proc_view *v, uint32_t pid, struct tt_proc_row *r)
{
	char path[320], line[256], cg[4096];
	unsigned long a;
	FILE *f;

	/* no v2 line (a v1-only system), or gone: left to the caller */
	if (!r->container[0] && cgroup_of_pid(v->root, pid, cg, sizeof(cg)) == 0)
		cgroup_short_name(cg, r->container, sizeof(r->container));
	snprintf(path, sizeof(path), "%s/proc/%u/status", v->root, pid);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		if (!r->ppid_known && sscanf(line, "PPid: %lu", &a) == 1) {
			r->ppid = (uint32_t)a;
			r->ppid_known = true;
		} else if (sscanf(line, "Uid: %lu", &a) == 1) {
			r->uid = (uint32_t)a;
			r->uid_known = true;
			break;	/* Uid comes after PPid */
		}
	}
	fclose(f);
}

static int rows_room(struct tt_proc_row **rows, size_t *cap, size_t n)
{
	struct tt_proc_row *r;

	if (n <= *cap)
		return 0;
	r = realloc(*rows, n * sizeof(*r));
	if (!r)
		return -ENOMEM;
	*rows = r;
	*cap = n;
	return 0;
}

static int row_cmp(const void *a, const void *b)
{
	const struct tt_proc_row *x = a, *y = b;

	if (x->rate != y->rate)
		return x->rate > y->rate ? -1 : 1;
	if (x->bio_rate != y->bio_rate)
		return x->bio_rate > y->bio_rate ? -1 : 1;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

/* The execs of each parent since start, carried from the last build. */
static uint64_t prev_execs(struct proc_view *v, uint32_t pid)
{
	/* prev is sorted by pid: see the end of proc_view_build */
	size_t lo = 0, hi = v->n_prev;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (v->prev[mid].pid == pid)
			return v->prev[mid].execs;
		if (v->prev[mid].pid < pid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static int pid_cmp(const void *a, const void *b)
{
	const struct pv_execs *x = a, *y = b;

	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

/* Keeps the execs since start of the rows that have any, by pid, for
 * the next build; a row gone from the table takes its count along. */
static void remember_execs(struct proc_view *v, const struct tt_proc_row *rows, size_t n)
{
	size_t k = 0, i;

	for (i = 0; i < n; i++)
		k += rows[i].execs > 0;
	if (k > v->cap_prev) {
		struct pv_execs *p = realloc(v->prev, k * sizeof(*p));

		if (!p)
			k = v->cap_prev;	/* the counts of some start again */
		else {
			v->prev = p;
			v->cap_prev = k;
		}
	}
	v->n_prev = 0;
	for (i = 0; i < n && v->n_prev < k; i++)
		if (rows[i].execs)
			v->prev[v->n_prev++] = (struct pv_execs){ rows[i].pid, rows[i].execs };
	if (v->n_prev > 1)	/* (qsort of a NULL array is undefined, even of none) */
		qsort(v->prev, v->n_prev, sizeof(*v->prev), pid_cmp);
}

size_t proc_view_build(struct proc_view *v, const struct proc_view_in *in,
		       struct tt_proc_row **rows, size_t *cap)
{
	double dt = in->dt > 0 ? in->dt : 0, bdt = in->bio_dt > 0 ? in->bio_dt : 0;
	size_t n = 0, reads = 0, i;
	struct tt_proc_row *r;

	cgroup_names_tick(v->cgn);
	if (rows_room(rows, cap, in->n_ps + in->n_bio) || index_reset(v, in->n_ps + in->n_bio)) {
		/* keep what fits rather than fail the tick */
		v->n_execs = 0;
		return 0;
	}
	for (i = 0; i < in->n_ps; i++) {
		const struct proc_stat *p = &in->ps[i];

		r = &(*rows)[n];
		memset(r, 0, sizeof(*r));
		r->pid = p->tgid;
		r->nprocs = 1;
		memcpy(r->comm, p->comm, sizeof(r->comm));
		r->counted = true;
		r->rate = dt ? (double)p->delta / dt : 0;
		r->err_rate = dt ? (double)p->err_delta / dt : 0;
		/* counted in this interval only when sampled in it */
		r->delta = dt ? p->delta : 0;
		r->open_err_delta = dt ? p->open_err_delta : 0;
		for (unsigned op = 0; op < VFS_OP_MAX; op++)
			r->op_delta[op] = dt ? p->op_delta[op] : 0;
		r->total = p->total;
		r->top_id = p->top_id;
		r->top_rate = dt ? (double)p->top_delta / dt : 0;
		for (unsigned op = 0; op < VFS_OP_MAX; op++)
			r->op_rate[op] = dt ? (double)p->op_delta[op] / dt : 0;
		r->open_err_rate = dt ? (double)p->open_err_delta / dt : 0;
		r->busy = dt ? (double)p->busy_delta / 1e9 / dt : 0;
		memcpy(r->op_total, p->op_total, sizeof(r->op_total));
		r->open_errors = p->open_err_total;
		r->exited = p->exited;
		r->ppid = p->ppid;
		r->ppid_known = p->ppid_known;
		r->uid = p->uid;
		r->uid_known = p->uid_known;
		memcpy(r->container, p->container, sizeof(r->container));
		if (!r->ppid_known && in->tree)
			r->ppid_known = proc_tree_parent(in->tree, r->pid, &r->ppid);
		/* once per process: a read that fails (gone, another pid
		 * namespace) is not tried again every tick */
		if (!p->ids_tried && !r->exited && reads < PROC_VIEW_READS_MAX) {
			reads++;
			read_status(v, r->pid, r);
			/* gone meanwhile: the cgroup the kernel told, else "?" */
			if (!r->container[0] &&
			    !cgroup_names_get(v->cgn, p->cgroup_id, r->container, sizeof(r->container)))
				snprintf(r->container, sizeof(r->container), "?");
			if (in->table)
				proc_table_set_ids(in->table, i, r->ppid_known, r->ppid,
						   r->uid_known, r->uid, r->container);
		} else if (r->exited && !p->ids_tried && !r->container[0] && p->cgroup_id &&
			   cgroup_names_get(v->cgn, p->cgroup_id, r->container, sizeof(r->container))) {
			/* exited before /proc was read: the kernel's cgroup id
			 * (a live one waits for its turn to be read: its uid
			 * and parent come with it) */
			if (in->table)
				proc_table_set_ids(in->table, i, r->ppid_known, r->ppid,
						   r->uid_known, r->uid, r->container);
		}
		index_put(v, r->pid, (int32_t)n);
		n++;
	}
	for (i = 0; i < in->n_bio; i++) {
		const struct bio_proc_row *b = &in->bio[i];
		int32_t at = index_find(v, *rows, b->tgid);

		if (at < 0 && !b->interval.count)
			continue;	/* gone, or idle: the kernel's LRU keeps it */
		if (at < 0) {
			/* known to the block layer alone: a kernel thread, or a
			 * process the syscalls source does not count; shown
			 * while it has requests */
			r = &(*rows)[n];
			memset(r, 0, sizeof(*r));
			r->pid = b->tgid;
			r->nprocs = 1;
			memcpy(r->comm, b->comm, sizeof(r->comm));
			index_put(v, r->pid, (int32_t)n);
			at = (int32_t)n++;
		}
		r = &(*rows)[at];
		r->bio_rate = bdt ? (double)b->interval.count / bdt : 0;
		r->bio_delta = bdt ? b->interval.count : 0;
		r->bio_p95_us = b->interval.count ? hist_percentile(&b->interval, 95) : 0;
		r->bio_total = b->total;
	}
	/* this interval's execs first counted in execs, then made a rate */
	for (i = 0; i < v->n_execs; i++) {
		int32_t at = index_find(v, *rows, v->execs[i]);

		if (at >= 0)
			(*rows)[at].execs++;
	}
	v->n_execs = 0;
	for (i = 0; i < n; i++) {
		r = &(*rows)[i];
		r->exec_rate = in->ev_dt > 0 ? (double)r->execs / in->ev_dt : 0;
		r->exec_delta = r->execs;
		r->execs += prev_execs(v, r->pid);
	}
	remember_execs(v, *rows, n);
	if (n > 1)
		qsort(*rows, n, sizeof(**rows), row_cmp);
	return n;
}

struct fold_ctx {
	const struct tt_proc_row *rows;
	enum proc_fold by;
};

/* The text rows fold by. */
static const char *fold_key(const struct tt_proc_row *r, enum proc_fold by)
{
	return by == PROC_FOLD_CONTAINER ? r->container : r->comm;
}

static int key_cmp(const void *a, const void *b, void *ctx)
{
	const struct fold_ctx *c = ctx;
	const struct tt_proc_row *x = &c->rows[*(const size_t *)a], *y = &c->rows[*(const size_t *)b];
	int r = strcmp(fold_key(x, c->by), fold_key(y, c->by));

	return r ? r : x->pid < y->pid ? -1 : x->pid > y->pid;
}

static uint32_t comm_hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Adds row x into group g. */
static void fold_in(struct tt_proc_row *g, const struct tt_proc_row *x)
{
	g->rate += x->rate;
	g->err_rate += x->err_rate;
	g->total += x->total;
	g->delta += x->delta;
	g->open_err_delta += x->open_err_delta;
	g->exec_delta += x->exec_delta;
	g->bio_delta += x->bio_delta;
	for (unsigned op = 0; op < VFS_OP_MAX; op++) {
		g->op_rate[op] += x->op_rate[op];
		g->op_total[op] += x->op_total[op];
		g->op_delta[op] += x->op_delta[op];
	}
	g->open_err_rate += x->open_err_rate;
	g->busy += x->busy;
	g->open_errors += x->open_errors;
	g->exec_rate += x->exec_rate;
	g->execs += x->execs;
	g->bio_rate += x->bio_rate;
	g->bio_total += x->bio_total;
	if (x->bio_p95_us > g->bio_p95_us)
		g->bio_p95_us = x->bio_p95_us;
	/* the busiest member names the group's top syscall */
	if (x->top_rate > g->top_rate || (!g->counted && x->counted)) {
		g->top_id = x->top_id;
		g->top_rate = x->top_rate;
	}
	g->nprocs += x->nprocs;
	g->counted |= x->counted;
	g->exited &= x->exited;
}

size_t proc_view_fold(const struct tt_proc_row *rows, size_t n, enum proc_fold by,
		      struct tt_proc_row *out)
{
	size_t *idx = malloc((n ? n : 1) * sizeof(*idx)), k = 0;
	struct fold_ctx c = { rows, by };
	double *busiest;

	busiest = malloc((n ? n : 1) * sizeof(*busiest));
	if (!idx || !busiest) {
		free(idx);
		free(busiest);
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	qsort_r(idx, n, sizeof(*idx), key_cmp, &c);
	for (size_t i = 0; i < n; i++) {
		const struct tt_proc_row *x = &rows[idx[i]];

		if (k && strcmp(fold_key(&out[k - 1], by), fold_key(x, by)) == 0) {
			/* by container, the busiest member's name stands for the group */
			if (by == PROC_FOLD_CONTAINER && x->rate > busiest[k - 1]) {
				busiest[k - 1] = x->rate;
				memcpy(out[k - 1].comm, x->comm, sizeof(x->comm));
			}
			fold_in(&out[k - 1], x);
			continue;
		}
		out[k] = *x;
		busiest[k] = x->rate;
		out[k].pid = comm_hash(fold_key(x, by));
		out[k].ppid_known = out[k].uid_known = false;
		if (by == PROC_FOLD_COMM)
			out[k].container[0] = '\0';
		k++;
	}
	free(idx);
	free(busiest);
	if (k > 1)
		qsort(out, k, sizeof(*out), row_cmp);
	return k;
}
