/* Per-container totals from per-process ones (container_totals.h). */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "container_totals.h"

/* A process as the previous snapshot had it. */
struct ct_proc {
	uint32_t pid;
	uint64_t syscalls, ops[VFS_OP_MAX], open_errors, execs, bio;
};

struct container_totals {
	unsigned top;
	struct container_total *groups;	/* by name, in order of first sight */
	size_t n_groups, cap_groups;
	struct container_total beyond;	/* of containers past CONTAINER_NAMES_MAX */
	struct ct_proc *prev, *cur;	/* by pid */
	size_t n_prev, cap_prev, cap_cur;
	struct container_total *rows;	/* container_totals_rows */
	size_t n_rows;
};

static int grow(void **p, size_t *cap, size_t want, size_t size)
{
	size_t n = *cap ? *cap : 64;
	void *q;

	if (want <= *cap)
		return 0;
	while (n < want)
		n *= 2;
	q = realloc(*p, n * size);
	if (!q)
		return -ENOMEM;
	*p = q;
	*cap = n;
	return 0;
}

struct container_totals *container_totals_new(unsigned top)
{
	struct container_totals *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->top = top < 1 ? 1 : top > CONTAINER_TOP_MAX ? CONTAINER_TOP_MAX : top;
	snprintf(t->beyond.name, sizeof(t->beyond.name), "other");
	return t;
}

void container_totals_free(struct container_totals *t)
{
	if (!t)
		return;
	free(t->groups);
	free(t->prev);
	free(t->cur);
	free(t->rows);
	free(t);
}

static struct container_total *group_of(struct container_totals *t, const char *name)
{
	struct container_total *g;
	size_t i;

	for (i = 0; i < t->n_groups; i++)
		if (!strncmp(t->groups[i].name, name, sizeof(g->name)))
			return &t->groups[i];
	if (t->n_groups >= CONTAINER_NAMES_MAX ||
	    grow((void **)&t->groups, &t->cap_groups, t->n_groups + 1, sizeof(*g)))
		return &t->beyond;
	g = &t->groups[t->n_groups++];
	memset(g, 0, sizeof(*g));
	snprintf(g->name, sizeof(g->name), "%s", name);
	return g;
}

static int by_pid(const void *a, const void *b)
{
	const struct ct_proc *x = a, *y = b;

	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

/* d = now - before, field by field; a field that went down means another
 * process took the pid: then all of now is new. */
static void delta(struct ct_proc *d, const struct ct_proc *now, const struct ct_proc *before)
{
	bool reused = now->syscalls < before->syscalls || now->open_errors < before->open_errors ||
		      now->execs < before->execs || now->bio < before->bio;

	for (unsigned op = 0; op < VFS_OP_MAX; op++)
		reused = reused || now->ops[op] < before->ops[op];
	if (reused) {
		*d = *now;
		return;
	}
	d->syscalls = now->syscalls - before->syscalls;
	d->open_errors = now->open_errors - before->open_errors;
	d->execs = now->execs - before->execs;
	d->bio = now->bio - before->bio;
	for (unsigned op = 0; op < VFS_OP_MAX; op++)
		d->ops[op] = now->ops[op] - before->ops[op];
}

static void add(struct container_total *g, const struct ct_proc *d)
{
	g->syscalls += d->syscalls;
	g->open_errors += d->open_errors;
	g->execs += d->execs;
	g->bio += d->bio;
	for (unsigned op = 0; op < VFS_OP_MAX; op++)
		g->ops[op] += d->ops[op];
}

static int by_calls(const void *a, const void *b)
{
	const struct container_total *x = a, *y = b;

	if (x->syscalls != y->syscalls)
		return x->syscalls > y->syscalls ? -1 : 1;
	return strncmp(x->name, y->name, sizeof(x->name));
}

static int make_rows(struct container_totals *t)
{
	size_t n = t->n_groups, i;
	struct container_total *rows = realloc(t->rows, (n + 1) * sizeof(*rows));
	struct container_total other = t->beyond;
	bool any_other = t->n_groups >= CONTAINER_NAMES_MAX;

	if (!rows)
		return -ENOMEM;
	t->rows = rows;
	if (n)
		memcpy(rows, t->groups, n * sizeof(*rows));
	qsort(rows, n, sizeof(*rows), by_calls);
	for (i = t->top; i < n; i++) {
		struct ct_proc d = { .syscalls = rows[i].syscalls, .open_errors = rows[i].open_errors,
				     .execs = rows[i].execs, .bio = rows[i].bio };

		memcpy(d.ops, rows[i].ops, sizeof(d.ops));
		add(&other, &d);
		any_other = true;
	}
	t->n_rows = n < t->top ? n : t->top;
	if (any_other)
		rows[t->n_rows++] = other;
	return 0;
}

int container_totals_tick(struct container_totals *t, const struct tt_snapshot *s)
{
	size_t i, n = 0;
	struct ct_proc *swap;

	if (grow((void **)&t->cur, &t->cap_cur, s->n_procs ? s->n_procs : 1, sizeof(*t->cur)))
		return -ENOMEM;
	for (i = 0; i < s->n_procs; i++) {
		const struct tt_proc_row *r = &s->procs[i];
		struct ct_proc *p = &t->cur[n++];

		p->pid = r->pid;
		p->syscalls = r->total;
		p->open_errors = r->open_errors;
		p->execs = r->execs;
		p->bio = r->bio_total;
		memcpy(p->ops, r->op_total, sizeof(p->ops));
	}
	qsort(t->cur, n, sizeof(*t->cur), by_pid);
	/* the container of each process: from the snapshot's row again (the
	 * rows are few compared with a tick; a sorted copy keeps it simple) */
	for (i = 0; i < s->n_procs; i++) {
		const struct tt_proc_row *r = &s->procs[i];
		struct ct_proc key = { .pid = r->pid }, d;
		const struct ct_proc *now = bsearch(&key, t->cur, n, sizeof(*t->cur), by_pid);
		const struct ct_proc *before = t->n_prev ? bsearch(&key, t->prev, t->n_prev,
								   sizeof(*t->prev), by_pid) : NULL;

		if (!now)
			continue;
		if (before)
			delta(&d, now, before);
		else
			d = *now;
		add(group_of(t, r->container[0] ? r->container : "unknown"), &d);
	}
	swap = t->prev;
	t->prev = t->cur;
	t->cur = swap;
	i = t->cap_prev;
	t->cap_prev = t->cap_cur;
	t->cap_cur = i;
	t->n_prev = n;
	return make_rows(t);
}

const struct container_total *container_totals_rows(const struct container_totals *t, size_t *n)
{
	*n = t->n_rows;
	return t->rows;
}
