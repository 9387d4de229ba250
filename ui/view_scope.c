/* What the counter panes draw under a scope (actions_scope.c): the
 * syscall table and the VFS rates of the scoped processes, from the
 * snapshot's per-process rows, and their block I/O, from its
 * per-process histograms. The frame builds it once (render.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sanitize.h"
#include "syscall_names.h"
#include "view.h"

static bool scoped(const struct ui_state *st, uint32_t pid, const char *comm)
{
	return st->scope.by_comm ? strcmp(comm, st->scope.comm) == 0 : pid == st->scope.pid;
}

void scope_label(const struct ui_state *st, char *buf, size_t len)
{
	char comm[80];

	sanitize(comm, sizeof(comm), st->scope.comm, strnlen(st->scope.comm, sizeof(st->scope.comm)));
	if (st->scope.by_comm)
		snprintf(buf, len, "every %s", comm);
	else
		snprintf(buf, len, "pid %u %s", st->scope.pid, comm);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

const struct tt_snapshot *scope_snapshot(const struct ui_state *st, const struct tt_snapshot *s,
					 struct scope_snap *sv)
{
	struct tt_syscall_row *acc;
	uint32_t *pids;
	size_t np = 0, n = 0;

	memset(sv, 0, sizeof(*sv));
	if (!st->scope.on || !s || !s->seq)
		return s;
	sv->snap = *s;
	memset(&sv->snap.vfs, 0, sizeof(sv->snap.vfs));
	sv->snap.vfs.approximate = true;	/* counted at its syscalls */
	sv->snap.n_syscalls = 0;
	pids = malloc((s->n_procs ? s->n_procs : 1) * sizeof(*pids));
	acc = calloc(SYSCALL_ID_MAX, sizeof(*acc));
	sv->rows = malloc(SYSCALL_ID_MAX * sizeof(*sv->rows));
	if (!pids || !acc || !sv->rows) {
		free(pids);
		free(acc);
		sv->snap.syscalls = NULL;
		return &sv->snap;	/* an empty scope rather than the unscoped figures */
	}
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct tt_proc_row *p = &s->procs[i];

		if (!scoped(st, p->pid, p->comm))
			continue;
		pids[np++] = p->pid;
		for (int op = 0; op < VFS_OP_MAX; op++) {
			sv->snap.vfs.rate[op] += p->op_rate[op];
			sv->snap.vfs.total[op] += p->op_total[op];
		}
	}
	qsort(pids, np, sizeof(*pids), cmp_u32);
	for (size_t i = 0; i < s->n_proc_calls; i++) {
		const struct tt_proc_call *c = &s->proc_calls[i];
		struct tt_syscall_row *r;

		if (c->id >= SYSCALL_ID_MAX || !bsearch(&c->pid, pids, np, sizeof(*pids), cmp_u32))
			continue;
		r = &acc[c->id];
		r->rate += c->rate;
		r->err_rate += c->err_rate;
		r->total += c->total;
		r->errors += c->errors;
	}
	for (unsigned id = 0; id < SYSCALL_ID_MAX; id++) {
		if (!acc[id].total)
			continue;
		sv->rows[n] = acc[id];
		sv->rows[n].id = id;
		sv->rows[n].name = syscall_name(id);
		n++;
	}
	sv->snap.syscalls = sv->rows;
	sv->snap.n_syscalls = n;
	free(pids);
	free(acc);
	return &sv->snap;
}

void scope_snapshot_free(struct scope_snap *sv)
{
	free(sv->rows);
	sv->rows = NULL;
}

/* A process's name now: its row's (the block I/O map keeps the name of
 * its first request), else the one given. */
static const char *name_now(const struct tt_snapshot *s, uint32_t pid, const char *given)
{
	for (size_t i = 0; i < s->n_procs; i++)
		if (s->procs[i].pid == pid)
			return s->procs[i].comm;
	return given;
}

bool scope_bio_hist(const struct ui_state *st, const struct tt_snapshot *s, struct hist *h)
{
	hist_clear(h);
	if (!st->scope.on)
		return false;
	for (size_t i = 0; s && i < s->n_bio_procs; i++) {
		const struct bio_proc_row *b = &s->bio_procs[i];

		if (scoped(st, b->tgid, st->scope.by_comm ? name_now(s, b->tgid, b->comm) : ""))
			hist_merge(h, &b->interval);
	}
	return true;
}
