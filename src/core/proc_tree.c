/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The process tree of recent activity; see proc_tree.h. Nodes sit in a
 * dense array with an open-addressing hash by pid over it; a tick drops
 * nodes, compacts the array and rebuilds the hash, then lays the rows
 * out depth first. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "proc_tree.h"

#define SLOTS (4 * PROC_TREE_MAX)	/* a power of two */

struct node {
	struct tt_tree_row row;
	uint64_t heard_ns;	/* its latest fork, exec or exit */
	int32_t parent;		/* index during a tick, -1: a root */
	int32_t first_child, next_sibling;
	bool placed;
};

struct proc_tree {
	struct node n[PROC_TREE_MAX];
	size_t count;
	int32_t slots[SLOTS];	/* index into n, -1 empty */
	struct tt_tree_row rows[PROC_TREE_MAX];
	int32_t order[PROC_TREE_MAX];	/* scratch of a tick */
	uint64_t untracked;
};

struct proc_tree *proc_tree_new(void)
{
	struct proc_tree *t = calloc(1, sizeof(*t));

	if (t)
		memset(t->slots, 0xff, sizeof(t->slots));
	return t;
}

void proc_tree_free(struct proc_tree *t)
{
	free(t);
}

void proc_tree_populate(struct proc_tree *t)
{
	/* zero already: the writes only fault the pages in */
	memset(t->n, 0, sizeof(t->n));
	memset(t->rows, 0, sizeof(t->rows));
	memset(t->order, 0, sizeof(t->order));
}

static size_t slot_of(uint32_t pid)
{
	return (size_t)(pid * 2654435761u) & (SLOTS - 1);
}

static struct node *find(struct proc_tree *t, uint32_t pid)
{
	for (size_t i = slot_of(pid); t->slots[i] >= 0; i = (i + 1) & (SLOTS - 1))
		if (t->n[t->slots[i]].row.pid == pid)
			return &t->n[t->slots[i]];
	return NULL;
}

/* A node for pid, new (zeroed but pid) when there was none; NULL when
 * the tree is full. */
static struct node *get(struct proc_tree *t, uint32_t pid, bool *fresh)
{
	struct node *n = find(t, pid);
	size_t i;

	*fresh = false;
	if (n)
		return n;
	if (t->count == PROC_TREE_MAX) {
		t->untracked++;
		return NULL;
	}
	for (i = slot_of(pid); t->slots[i] >= 0; i = (i + 1) & (SLOTS - 1))
		;
	n = &t->n[t->count];
	memset(n, 0, sizeof(*n));
	n->row.pid = pid;
	t->slots[i] = (int32_t)t->count++;
	*fresh = true;
	return n;
}

/* argv joined by blanks, cut to the row's room. */
static void set_cmd(struct tt_tree_row *r, const struct tt_event *ev)
{
	size_t used = 0, off = 0, n;
	const char *a;

	for (unsigned i = 0; (a = event_arg(ev, i, &off, &n)) && used + 1 < sizeof(r->cmd); i++) {
		if (i)
			r->cmd[used++] = ' ';
		if (n > sizeof(r->cmd) - 1 - used)
			n = sizeof(r->cmd) - 1 - used;
		memcpy(r->cmd + used, a, n);
		used += n;
	}
	r->cmd[used] = '\0';
}

void proc_tree_event(struct proc_tree *t, const struct tt_event *ev)
{
	struct node *n;
	bool fresh;

	if (ev->type == TT_EVENT_PROC && ev->flags == TT_PROC_EXIT) {
		n = find(t, ev->pid);
		if (n && !n->row.exited) {
			n->heard_ns = ev->ts_ns;
			n->row.exited = true;
			n->row.exit_ns = ev->ts_ns;
			n->row.exit_code = ev->ret;
		}
		return;
	}
	if (ev->type == TT_EVENT_PROC && ev->flags == TT_PROC_FORK) {
		n = get(t, ev->pid, &fresh);
		if (!n)
			return;
		/* a pid used again: the old process is gone */
		memset(&n->row, 0, sizeof(n->row));
		n->row.pid = ev->pid;
		n->row.ppid = ev->ppid;
		n->row.forked = true;
		n->row.start_ns = n->heard_ns = ev->ts_ns;
		memcpy(n->row.comm, ev->comm, sizeof(n->row.comm));
		memcpy(n->row.pcomm, ev->comm, sizeof(n->row.pcomm));
		return;
	}
	if (ev->type != TT_EVENT_EXEC || ev->ret != 0)
		return;
	n = get(t, ev->pid, &fresh);
	if (!n)
		return;
	if (fresh || n->row.exited) {
		memset(&n->row, 0, sizeof(n->row));
		n->row.pid = ev->pid;
		n->row.start_ns = ev->ts_ns;
	}
	n->row.ppid = ev->ppid;
	n->heard_ns = ev->ts_ns;
	if (ev->pcomm[0])
		memcpy(n->row.pcomm, ev->pcomm, sizeof(n->row.pcomm));
	memcpy(n->row.comm, ev->comm, sizeof(n->row.comm));
	if (n->row.execs < UINT16_MAX)
		n->row.execs++;
	set_cmd(&n->row, ev);
}

bool proc_tree_parent(const struct proc_tree *t, uint32_t pid, uint32_t *ppid)
{
	const struct node *n = find((struct proc_tree *)t, pid);

	if (!n || !n->row.ppid)
		return false;
	*ppid = n->row.ppid;
	return true;
}

uint64_t proc_tree_untracked(const struct proc_tree *t)
{
	return t->untracked;
}

static int by_start(const void *a, const void *b, void *ctx)
{
	const struct node *n = ctx;
	const struct tt_tree_row *x = &n[*(const int32_t *)a].row, *y = &n[*(const int32_t *)b].row;

	if (x->start_ns != y->start_ns)
		return x->start_ns < y->start_ns ? -1 : 1;
	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static int by_exit(const void *a, const void *b)
{
	const struct node *x = a, *y = b;

	if (x->row.exited != y->row.exited)
		return x->row.exited ? 1 : -1;	/* the living first */
	return x->row.exit_ns > y->row.exit_ns ? -1 : x->row.exit_ns < y->row.exit_ns;
}

/* Drops the nodes that exited too long ago; a nearly full tree also
 * drops the running ones not heard of for long, then its oldest exited
 * down to three quarters. Rebuilds the hash. */
static void forget(struct proc_tree *t, uint64_t now_ns)
{
	bool crowded = t->count > PROC_TREE_MAX - PROC_TREE_MAX / 8;
	size_t keep = 0;

	for (size_t i = 0; i < t->count; i++) {
		const struct tt_tree_row *r = &t->n[i].row;
		uint64_t heard = t->n[i].heard_ns;

		if (r->exited && now_ns > r->exit_ns && now_ns - r->exit_ns > PROC_TREE_KEEP_NS)
			continue;
		if (crowded && !r->exited && now_ns > heard && now_ns - heard > PROC_TREE_IDLE_NS)
			continue;
		if (keep != i)
			t->n[keep] = t->n[i];
		keep++;
	}
	t->count = keep;
	if (t->count > PROC_TREE_MAX - PROC_TREE_MAX / 8) {
		qsort(t->n, t->count, sizeof(t->n[0]), by_exit);
		while (t->count > PROC_TREE_MAX - PROC_TREE_MAX / 4 && t->n[t->count - 1].row.exited)
			t->count--;
	}
	memset(t->slots, 0xff, sizeof(t->slots));
	for (size_t k = 0; k < t->count; k++) {
		size_t i = slot_of(t->n[k].row.pid);

		while (t->slots[i] >= 0)
			i = (i + 1) & (SLOTS - 1);
		t->slots[i] = (int32_t)k;
	}
}

/* Depth first from node k, children in start order (the sibling lists
 * were built in that order). An explicit stack: a chain may be deep. */
static size_t lay_out(struct proc_tree *t, int32_t root, size_t out)
{
	int32_t stack[PROC_TREE_MAX];
	uint16_t depth[PROC_TREE_MAX];
	size_t sp = 0;

	stack[sp] = root;
	depth[sp++] = 0;
	while (sp) {
		int32_t k = stack[--sp], c;
		uint16_t d = depth[sp];
		size_t first = sp;

		if (t->n[k].placed)
			continue;	/* a cycle through a reused pid */
		t->n[k].placed = true;
		t->rows[out] = t->n[k].row;
		t->rows[out++].depth = d;
		/* push the children so that the earliest pops first */
		for (c = t->n[k].first_child; c >= 0 && sp < PROC_TREE_MAX; c = t->n[c].next_sibling) {
			stack[sp] = c;
			depth[sp++] = d < UINT16_MAX ? d + 1 : d;
		}
		for (size_t a = first, b = sp ? sp - 1 : 0; a < b; a++, b--) {
			int32_t x = stack[a];
			uint16_t y = depth[a];

			stack[a] = stack[b];
			depth[a] = depth[b];
			stack[b] = x;
			depth[b] = y;
		}
	}
	return out;
}

size_t proc_tree_tick(struct proc_tree *t, uint64_t now_ns, const struct tt_tree_row **rows)
{
	size_t out = 0;

	forget(t, now_ns);
	for (size_t i = 0; i < t->count; i++) {
		t->order[i] = (int32_t)i;
		t->n[i].first_child = t->n[i].next_sibling = -1;
		t->n[i].placed = false;
	}
	qsort_r(t->order, t->count, sizeof(t->order[0]), by_start, t->n);
	/* children lists in start order: link from the latest back */
	for (size_t k = t->count; k-- > 0;) {
		struct node *n = &t->n[t->order[k]];
		struct node *p = n->row.ppid != n->row.pid ? find(t, n->row.ppid) : NULL;

		n->parent = p ? (int32_t)(p - t->n) : -1;
		if (p) {
			n->next_sibling = p->first_child;
			p->first_child = t->order[k];
		}
	}
	for (size_t k = 0; k < t->count; k++)
		if (t->n[t->order[k]].parent < 0)
			out = lay_out(t, t->order[k], out);
	/* what a cycle left unplaced still shows, as roots */
	for (size_t k = 0; k < t->count; k++)
		if (!t->n[t->order[k]].placed)
			out = lay_out(t, t->order[k], out);
	*rows = t->rows;
	return out;
}
