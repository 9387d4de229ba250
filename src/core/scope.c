/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The scope (scope.h). */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "sanitize.h"
#include "scope.h"
#include "syscall_names.h"

void scope_init(struct tt_scope *sc)
{
	memset(sc, 0, sizeof(*sc));
	filter_init(&sc->re);
}

void scope_fini(struct tt_scope *sc)
{
	filter_fini(&sc->re);
}

void scope_clear(struct tt_scope *sc)
{
	sc->kind = SCOPE_NONE;
	sc->pid = 0;
	sc->name[0] = '\0';
	filter_set(&sc->re, "", NULL);
}

bool scope_on(const struct tt_scope *sc)
{
	return sc->kind != SCOPE_NONE;
}

static void set_name(struct tt_scope *sc, enum scope_kind kind, const char *name)
{
	scope_clear(sc);
	sc->kind = kind;
	snprintf(sc->name, sizeof(sc->name), "%s", name ? name : "");
}

void scope_set_pid(struct tt_scope *sc, uint32_t pid, const char *comm)
{
	set_name(sc, SCOPE_PID, comm);
	sc->pid = pid;
}

void scope_set_comm(struct tt_scope *sc, const char *comm)
{
	set_name(sc, SCOPE_COMM, comm);
}

void scope_set_container(struct tt_scope *sc, const char *container)
{
	set_name(sc, SCOPE_CONTAINER, container);
}

/* Whether the blank at p needs a backslash in a filter term: not when
 * the pattern escaped it already (an odd run of backslashes before it). */
static bool blank_to_escape(const char *pattern, const char *p)
{
	size_t run = 0;

	if (*p != ' ' && *p != '\t')
		return false;
	while (p - run > pattern && p[-1 - (ptrdiff_t)run] == '\\')
		run++;
	return run % 2 == 0;
}

int scope_comm_re_expr(char *buf, size_t len, const char *pattern)
{
	size_t at = 0;
	int need = 5;

	if (len)
		at = (size_t)snprintf(buf, len, "comm:");
	for (const char *p = pattern; *p; p++) {
		bool blank = blank_to_escape(pattern, p);

		need += blank ? 2 : 1;
		if (at + (blank ? 2 : 1) < len) {
			if (blank)
				buf[at++] = '\\';
			buf[at++] = *p;
		}
	}
	if (len)
		buf[at < len ? at : len - 1] = '\0';
	return need;
}

/* The offset in pattern of offset off in its expression (the "comm:"
 * before it, a backslash before each blank). */
static size_t pattern_offset(const char *pattern, size_t off)
{
	size_t at = 5, i = 0;

	if (off <= at)
		return 0;
	for (; pattern[i] && at < off; i++)
		at += blank_to_escape(pattern, pattern + i) ? 2 : 1;
	return i;
}

int scope_set_comm_re(struct tt_scope *sc, const char *pattern, struct filter_error *err)
{
	char expr[sizeof(sc->name) * 2 + 8];
	struct filter f;
	int ret;

	if (strlen(pattern) >= sizeof(sc->name)) {
		if (err) {
			snprintf(err->msg, sizeof(err->msg), "the pattern is longer than %zu bytes",
				 sizeof(sc->name) - 1);
			err->offset = sizeof(sc->name) - 1;
		}
		return -EINVAL;
	}
	scope_comm_re_expr(expr, sizeof(expr), pattern);
	filter_init(&f);
	ret = filter_set(&f, expr, err);
	if (ret) {
		filter_fini(&f);
		if (err)
			err->offset = pattern_offset(pattern, err->offset);
		return ret;
	}
	set_name(sc, SCOPE_COMM_RE, pattern);
	filter_fini(&sc->re);
	sc->re = f;
	return 0;
}

void scope_comm_re_error(char *buf, size_t len, const char *pattern,
			 const struct filter_error *err)
{
	char shown[4 * sizeof(((struct tt_scope *)0)->name) + 8];

	sanitize(shown, sizeof(shown), pattern, strnlen(pattern, 200));
	snprintf(buf, len, "--comm: %s at offset %zu in '%s'",
		 err && err->msg[0] ? err->msg : "out of memory", err ? err->offset : 0, shown);
}

bool scope_match(const struct tt_scope *sc, uint32_t pid, const char *comm, const char *container)
{
	struct tt_event ev;

	switch (sc->kind) {
	case SCOPE_PID:
		return pid == sc->pid;
	case SCOPE_COMM:
		return strcmp(comm, sc->name) == 0;
	case SCOPE_CONTAINER:
		return strcmp(container, sc->name) == 0;
	case SCOPE_COMM_RE:
		memset(&ev, 0, sizeof(ev));
		ev.pid = pid;
		snprintf(ev.comm, sizeof(ev.comm), "%s", comm);
		/* the filter's state is scratch only: matching changes no result */
		return filter_match((struct filter *)&sc->re, &ev);
	default:
		return true;
	}
}

/* Appends "(?-i)^NAME$"-style exact text of name: every byte but letters
 * and digits as \x{hh}, since a process names itself and its name may
 * hold any pattern syntax. */
static size_t put_exact(char *buf, size_t len, size_t at, const char *name)
{
	for (const unsigned char *c = (const unsigned char *)name; *c && at + 8 < len; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9'))
			buf[at++] = (char)*c;
		else
			at += (size_t)snprintf(buf + at, len - at, "\\x{%02x}", *c);
	}
	if (at < len)
		buf[at] = '\0';
	return at;
}

/* "comm:(?-i)^NAME$": the name exactly, whatever its case (an
 * all-lowercase pattern would otherwise ignore case). */
static void comm_term(char *buf, size_t len, const char *comm)
{
	size_t at = (size_t)snprintf(buf, len, "comm:(?-i)^");

	at = put_exact(buf, len, at, comm);
	snprintf(buf + at, len - at, "$");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A container: "pid:^(1|2)$" and "comm:(?-i)^(a|b)$" (each name once) of
 * its processes now. Events carry no cgroup: a process that came and went
 * between two snapshots is not in the list, nor its events in the log. */
static int container_exprs(const struct tt_scope *sc, const struct tt_snapshot *s, char *expr,
			   char *fail_expr, size_t len)
{
	size_t at = (size_t)snprintf(expr, len, "pid:^("), fat, n = 0, k = 0;
	const char **names = malloc(((s ? s->n_procs : 0) + 1) * sizeof(*names));
	int ret = 0;

	if (!names) {
		ret = -ENOMEM;
		goto none;
	}
	for (size_t i = 0; s && i < s->n_procs; i++) {
		const struct tt_proc_row *p = &s->procs[i];

		if (!scope_match(sc, p->pid, p->comm, p->container))
			continue;
		if (at + 16 >= len) {
			ret = -ENOSPC;
			break;
		}
		at += (size_t)snprintf(expr + at, len - at, "%s%u", n ? "|" : "", p->pid);
		names[n++] = p->comm;
	}
	if (!n)
		goto none;
	snprintf(expr + at, len - at, ")$");
	qsort(names, n, sizeof(*names), cmp_str);
	fat = (size_t)snprintf(fail_expr, len, "comm:(?-i)^(");
	for (size_t i = 0; i < n; i++) {
		if (i && strcmp(names[i], names[i - 1]) == 0)
			continue;
		/* room for this name written byte by byte as \x{hh}, and ")$" */
		if (fat + 8 * strlen(names[i]) + 8 >= len) {
			ret = -ENOSPC;
			break;
		}
		if (k++)
			fail_expr[fat++] = '|';
		fat = put_exact(fail_expr, len, fat, names[i]);
	}
	snprintf(fail_expr + fat, len - fat, ")$");
	free(names);
	return ret;
none:
	/* no process now: expressions that select nothing */
	free(names);
	snprintf(expr, len, "pid:^$");
	snprintf(fail_expr, len, "comm:(?-i)^\\x{00}$");
	return ret;
}

int scope_event_expr(const struct tt_scope *sc, const struct tt_snapshot *s, char *expr,
		     char *fail_expr, size_t len)
{
	if (!len)
		return -ENOSPC;
	expr[0] = fail_expr[0] = '\0';
	switch (sc->kind) {
	case SCOPE_PID:
		snprintf(expr, len, "pid:%u", sc->pid);
		comm_term(fail_expr, len, sc->name);
		return 0;
	case SCOPE_COMM:
		comm_term(expr, len, sc->name);
		snprintf(fail_expr, len, "%s", expr);
		return 0;
	case SCOPE_COMM_RE:
		scope_comm_re_expr(expr, len, sc->name);
		snprintf(fail_expr, len, "%s", expr);
		return 0;
	case SCOPE_CONTAINER:
		return container_exprs(sc, s, expr, fail_expr, len);
	default:
		return 0;
	}
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* The pids of the scoped processes of s, sorted; NULL when short of
 * memory. */
static uint32_t *scoped_pids(const struct tt_scope *sc, const struct tt_snapshot *s, size_t *n)
{
	uint32_t *pids = malloc((s->n_procs ? s->n_procs : 1) * sizeof(*pids));

	*n = 0;
	if (!pids)
		return NULL;
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct tt_proc_row *p = &s->procs[i];

		if (scope_match(sc, p->pid, p->comm, p->container))
			pids[(*n)++] = p->pid;
	}
	qsort(pids, *n, sizeof(*pids), cmp_u32);
	return pids;
}

static bool has_pid(const uint32_t *pids, size_t n, uint32_t pid)
{
	return bsearch(&pid, pids, n, sizeof(*pids), cmp_u32) != NULL;
}

/* The process rows of the scope into sv->procs. */
static void scope_procs(const struct tt_scope *sc, const struct tt_snapshot *s, struct scope_snap *sv)
{
	size_t n = 0;

	sv->procs = malloc((s->n_procs ? s->n_procs : 1) * sizeof(*sv->procs));
	if (!sv->procs) {
		sv->snap.n_procs = 0;
		return;
	}
	for (size_t i = 0; i < s->n_procs; i++)
		if (scope_match(sc, s->procs[i].pid, s->procs[i].comm, s->procs[i].container))
			sv->procs[n++] = s->procs[i];
	sv->snap.procs = sv->procs;
	sv->snap.n_procs = n;
}

const struct tt_snapshot *scope_snapshot(const struct tt_scope *sc, const struct tt_snapshot *s,
					 bool procs_too, struct scope_snap *sv)
{
	struct tt_syscall_row *acc;
	uint32_t *pids;
	size_t np = 0, n = 0;

	memset(sv, 0, sizeof(*sv));
	if (!scope_on(sc) || !s || !s->seq)
		return s;
	sv->snap = *s;
	memset(&sv->snap.vfs, 0, sizeof(sv->snap.vfs));
	sv->snap.vfs.approximate = true;	/* counted at its syscalls */
	sv->snap.n_syscalls = 0;
	sv->snap.syscalls = NULL;
	pids = scoped_pids(sc, s, &np);
	acc = calloc(SYSCALL_ID_MAX, sizeof(*acc));
	sv->rows = malloc(SYSCALL_ID_MAX * sizeof(*sv->rows));
	if (procs_too)
		scope_procs(sc, s, sv);
	if (!pids || !acc || !sv->rows) {
		free(pids);
		free(acc);
		return &sv->snap;	/* an empty scope rather than the unscoped figures */
	}
	for (size_t i = 0; i < s->n_procs; i++) {
		const struct tt_proc_row *p = &s->procs[i];

		if (!has_pid(pids, np, p->pid))
			continue;
		for (int op = 0; op < VFS_OP_MAX; op++) {
			sv->snap.vfs.rate[op] += p->op_rate[op];
			sv->snap.vfs.total[op] += p->op_total[op];
		}
	}
	for (size_t i = 0; i < s->n_proc_calls; i++) {
		const struct tt_proc_call *c = &s->proc_calls[i];
		struct tt_syscall_row *r;

		if (c->id >= SYSCALL_ID_MAX || !has_pid(pids, np, c->pid))
			continue;
		r = &acc[c->id];
		r->rate += tt_call_rate(s, c->delta);
		r->err_rate += tt_call_rate(s, c->err_delta);
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
	free(sv->procs);
	sv->rows = NULL;
	sv->procs = NULL;
}

bool scope_bio_hist(const struct tt_scope *sc, const struct tt_snapshot *s, struct hist *h)
{
	uint32_t *all, *in;
	size_t n_all = 0, n_in = 0;

	hist_clear(h);
	if (!scope_on(sc))
		return false;
	if (!s || !s->n_bio_procs)
		return true;
	all = malloc((s->n_procs ? s->n_procs : 1) * sizeof(*all));
	in = scoped_pids(sc, s, &n_in);
	if (!all || !in) {
		free(all);
		free(in);
		return true;
	}
	for (size_t i = 0; i < s->n_procs; i++)
		all[n_all++] = s->procs[i].pid;
	qsort(all, n_all, sizeof(*all), cmp_u32);
	for (size_t i = 0; i < s->n_bio_procs; i++) {
		const struct bio_proc_row *b = &s->bio_procs[i];
		bool yes;

		/* by its process row, which has the name it has now; one gone
		 * from the table by the name of its first request */
		if (has_pid(all, n_all, b->tgid))
			yes = has_pid(in, n_in, b->tgid);
		else
			yes = sc->kind != SCOPE_CONTAINER && scope_match(sc, b->tgid, b->comm, "");
		if (yes)
			hist_merge(h, &b->interval);
	}
	free(all);
	free(in);
	return true;
}
