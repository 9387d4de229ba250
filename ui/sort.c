/* Sorting the syscall, process and failing-opens tables, and holding
 * their order still (see sort.h). Rows are matched across snapshots by a
 * stable key (the syscall id, the pid, the failing open's id) since the
 * snapshot's arrays are rebuilt each tick. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "event_format.h"
#include "fail_table.h"
#include "sort.h"
#include "syscall_names.h"

struct sort_ctx {
	const struct tt_snapshot *snap;
	int col;
	bool invert;
	const size_t *subset;	/* positions -> rows of the snapshot; NULL: the same */
};

static size_t row_of(const struct sort_ctx *c, const void *pos)
{
	size_t i = *(const size_t *)pos;

	return c->subset ? c->subset[i] : i;
}

static int cmp_num(double a, double b)
{
	return a < b ? -1 : a > b;
}

static double err_pct(const struct tt_syscall_row *r)
{
	return r->rate > 0 ? r->err_rate / r->rate : -1;
}

/* Numbers sort big first and names A first, before any inversion. */
static int cmp_syscall(const void *a, const void *b, void *arg)
{
	const struct sort_ctx *c = arg;
	const struct tt_syscall_row *x = &c->snap->syscalls[*(const size_t *)a];
	const struct tt_syscall_row *y = &c->snap->syscalls[*(const size_t *)b];
	int r;

	switch (c->col) {
	case SC_NAME: r = strcmp(x->name ? x->name : "", y->name ? y->name : ""); break;
	case SC_TOTAL: r = -cmp_num((double)x->total, (double)y->total); break;
	case SC_ERR_RATE: r = -cmp_num(x->err_rate, y->err_rate); break;
	case SC_ERR_PCT: r = -cmp_num(err_pct(x), err_pct(y)); break;
	case SC_P95: r = -cmp_num(x->lat.count ? hist_percentile(&x->lat, 95) : -1,
				  y->lat.count ? hist_percentile(&y->lat, 95) : -1); break;
	case SC_BUSY: r = -cmp_num(x->busy, y->busy); break;
	default: r = -cmp_num(x->rate, y->rate); break;
	}
	if (c->invert)
		r = -r;
	if (!r)
		r = -cmp_num((double)x->total, (double)y->total);
	return r ? r : cmp_num(x->id, y->id);
}

/* The name the processes pane shows for a top syscall id. */
static const char *top_name(unsigned id)
{
	const char *n = syscall_name(id);

	return n ? n : "";
}

static int cmp_proc(const void *a, const void *b, void *arg)
{
	const struct sort_ctx *c = arg;
	const struct tt_proc_row *x = &c->snap->procs[*(const size_t *)a];
	const struct tt_proc_row *y = &c->snap->procs[*(const size_t *)b];
	int r;

	switch (c->col) {
	/* rows folded by name: the most processes first */
	case PR_PID: r = x->nprocs != y->nprocs ? -cmp_num(x->nprocs, y->nprocs) : cmp_num(x->pid, y->pid); break;
	case PR_PPID: r = cmp_num(x->ppid_known ? x->ppid : UINT32_MAX, y->ppid_known ? y->ppid : UINT32_MAX); break;
	case PR_USER: r = cmp_num(x->uid_known ? x->uid : UINT32_MAX, y->uid_known ? y->uid : UINT32_MAX); break;
	case PR_COMM: r = strcmp(x->comm, y->comm); break;
	case PR_CONTAINER: r = strcmp(x->container, y->container); break;
	case PR_ERR_RATE: r = -cmp_num(x->err_rate, y->err_rate); break;
	case PR_READ: r = -cmp_num(x->op_rate[VFS_READ], y->op_rate[VFS_READ]); break;
	case PR_WRITE: r = -cmp_num(x->op_rate[VFS_WRITE], y->op_rate[VFS_WRITE]); break;
	case PR_OPEN: r = -cmp_num(x->op_rate[VFS_OPEN], y->op_rate[VFS_OPEN]); break;
	case PR_OPEN_ERR: r = -cmp_num(x->open_err_rate, y->open_err_rate); break;
	case PR_FSYNC: r = -cmp_num(x->op_rate[VFS_FSYNC], y->op_rate[VFS_FSYNC]); break;
	case PR_EXEC: r = -cmp_num(x->exec_rate, y->exec_rate); break;
	case PR_BIO: r = -cmp_num(x->bio_rate, y->bio_rate); break;
	case PR_BIO_P95: r = -cmp_num(x->bio_p95_us, y->bio_p95_us); break;
	case PR_TOP: r = strcmp(top_name(x->top_id), top_name(y->top_id)); break;
	default: r = -cmp_num(x->rate, y->rate); break;
	}
	if (c->invert)
		r = -r;
	if (!r)
		r = -cmp_num((double)x->total, (double)y->total);
	return r ? r : cmp_num(x->pid, y->pid);
}

static int cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
	int r = memcmp(a, b, an < bn ? an : bn);

	return r ? r : an < bn ? -1 : an > bn;
}

static int cmp_fail(const void *a, const void *b, void *arg)
{
	const struct sort_ctx *c = arg;
	const struct tt_fail_row *x = &c->snap->fails[row_of(c, a)];
	const struct tt_fail_row *y = &c->snap->fails[row_of(c, b)];
	char xe[16], ye[16];
	int r;

	switch (c->col) {
	case FL_RATE: r = -cmp_num(x->rate, y->rate); break;
	case FL_ERRNO: r = strcmp(errno_name(x->err, xe, sizeof(xe)), errno_name(y->err, ye, sizeof(ye))); break;
	case FL_COMM: r = strcmp(x->comm, y->comm); break;
	case FL_CALL: r = strcmp(fail_row_call_name(x), fail_row_call_name(y)); break;
	case FL_PATH: r = cmp_bytes(x->path, x->path_len, y->path, y->path_len); break;
	default: r = -cmp_num((double)x->count, (double)y->count); break;
	}
	if (c->invert)
		r = -r;
	if (!r)
		r = -cmp_num((double)x->count, (double)y->count);
	return r ? r : cmp_num((double)x->id, (double)y->id);
}

struct key_idx {
	uint64_t key;
	size_t idx;
};

static int cmp_key(const void *a, const void *b)
{
	const struct key_idx *x = a, *y = b;

	return x->key < y->key ? -1 : x->key > y->key;
}

/* Puts rows in the held order first, then the rest in sorted order. */
static int apply_held(struct table_state *t, size_t n, size_t *idx, const uint64_t *keys)
{
	struct key_idx *map = malloc((n ? n : 1) * sizeof(*map));
	bool *used = calloc(n ? n : 1, sizeof(*used));
	size_t out = 0;

	if (!map || !used) {
		free(map);
		free(used);
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		map[i] = (struct key_idx){ keys[i], i };
	qsort(map, n, sizeof(*map), cmp_key);
	{
		size_t *sorted = malloc((n ? n : 1) * sizeof(*sorted));

		if (!sorted) {
			free(map);
			free(used);
			return -ENOMEM;
		}
		memcpy(sorted, idx, n * sizeof(*idx));
		for (size_t k = 0; k < t->n_order; k++) {
			struct key_idx probe = { t->order[k], 0 }, *hit;

			hit = bsearch(&probe, map, n, sizeof(*map), cmp_key);
			if (hit && !used[hit->idx]) {
				used[hit->idx] = true;
				idx[out++] = hit->idx;
			}
		}
		for (size_t k = 0; k < n; k++)
			if (!used[sorted[k]])
				idx[out++] = sorted[k];
		free(sorted);
	}
	free(map);
	free(used);
	return 0;
}

static int remember(struct table_state *t, size_t n, const size_t *idx, const uint64_t *keys)
{
	if (n > t->cap_order) {
		uint64_t *o = realloc(t->order, n * sizeof(*o));

		if (!o)
			return -ENOMEM;
		t->order = o;
		t->cap_order = n;
	}
	for (size_t i = 0; i < n; i++)
		t->order[i] = keys[idx[i]];
	t->n_order = n;
	return 0;
}

static int order_rows(struct table_state *t, bool held, const struct tt_snapshot *snap, size_t n,
		      const size_t *subset, size_t *idx, const uint64_t *keys,
		      int (*cmp)(const void *, const void *, void *))
{
	struct sort_ctx c = { snap, t->sort_col, t->invert, subset };
	int ret = 0;

	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	qsort_r(idx, n, sizeof(*idx), cmp, &c);
	if (held && !t->resort && t->n_order)
		ret = apply_held(t, n, idx, keys);
	t->resort = false;
	return ret ? ret : remember(t, n, idx, keys);
}

/* The row key (what identifies a row across ticks) of row i of a table. */
typedef uint64_t (*row_key_fn)(const struct tt_snapshot *snap, size_t i);

static uint64_t syscall_key(const struct tt_snapshot *snap, size_t i)
{
	return snap->syscalls[i].id;
}

static uint64_t proc_key(const struct tt_snapshot *snap, size_t i)
{
	return snap->procs[i].pid;
}

static uint64_t fail_key(const struct tt_snapshot *snap, size_t i)
{
	return snap->fails[i].id;
}

/* Orders n rows: rows 0..n-1 of the snapshot's table, or, with subset,
 * the rows it lists; idx gets row indexes either way. */
static int sort_table(struct table_state *t, bool held, const struct tt_snapshot *snap,
		      size_t n, const size_t *subset, size_t *idx, row_key_fn key,
		      int (*cmp)(const void *, const void *, void *))
{
	uint64_t *keys = malloc((n ? n : 1) * sizeof(*keys));
	int ret;

	if (!keys) {
		for (size_t i = 0; i < n; i++)
			idx[i] = subset ? subset[i] : i;
		return -ENOMEM;
	}
	for (size_t i = 0; i < n; i++)
		keys[i] = key(snap, subset ? subset[i] : i);
	ret = order_rows(t, held, snap, n, subset, idx, keys, cmp);
	free(keys);
	if (subset)
		for (size_t i = 0; i < n; i++)
			idx[i] = subset[idx[i]];
	return ret;
}

int sort_syscalls(struct table_state *t, bool held, const struct tt_snapshot *snap, size_t *idx)
{
	return sort_table(t, held, snap, snap->n_syscalls, NULL, idx, syscall_key, cmp_syscall);
}

int sort_procs(struct table_state *t, bool held, const struct tt_snapshot *snap, size_t *idx)
{
	return sort_table(t, held, snap, snap->n_procs, NULL, idx, proc_key, cmp_proc);
}

int sort_fails(struct table_state *t, bool held, const struct tt_snapshot *snap,
	       const size_t *rows, size_t n, size_t *idx)
{
	return sort_table(t, held, snap, n, rows, idx, fail_key, cmp_fail);
}
