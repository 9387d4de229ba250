/* SPDX-License-Identifier: GPL-2.0-or-later */
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
	case PR_BUSY: r = -cmp_num(x->busy, y->busy); break;
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

/*
 * The fast path. For a numeric column each row gets three 64-bit keys
 * that order as the comparators above do (the column, the tie-break, the
 * row's id), taken once per row, and the rows are merge-sorted on them
 * with the comparison inline: no row is read again while sorting, which
 * on a table of 20 000 processes made qsort_r with cmp_proc most of a
 * frame (the rows are large and scattered; the keys fit in the cache).
 * Text columns keep the comparators.
 */
struct sort_item {
	uint64_t k[3];
	size_t pos;
};

/* A double as an unsigned key of the same order (NaN aside); -0 is 0. */
static uint64_t key_of(double d)
{
	uint64_t u;

	d += 0.0;
	memcpy(&u, &d, sizeof(u));
	return u >> 63 ? ~u : u | (1ULL << 63);
}

/* Big numbers first, before any inversion. */
static uint64_t key_big_first(double d)
{
	return key_of(-d);
}

/* Fills k for the row at position pos of the table: false when the
 * sort column is not numeric. */
typedef bool (*num_key_fn)(const struct sort_ctx *c, size_t pos, uint64_t k[3]);

static bool syscall_num_key(const struct sort_ctx *c, size_t pos, uint64_t k[3])
{
	const struct tt_syscall_row *x = &c->snap->syscalls[pos];

	switch (c->col) {
	case SC_NAME: return false;
	case SC_TOTAL: k[0] = key_big_first((double)x->total); break;
	case SC_ERR_RATE: k[0] = key_big_first(x->err_rate); break;
	case SC_ERR_PCT: k[0] = key_big_first(err_pct(x)); break;
	case SC_P95: k[0] = key_big_first(x->lat.count ? hist_percentile(&x->lat, 95) : -1); break;
	case SC_BUSY: k[0] = key_big_first(x->busy); break;
	default: k[0] = key_big_first(x->rate); break;
	}
	k[1] = key_big_first((double)x->total);
	k[2] = x->id;
	return true;
}

static uint64_t known_or_last(bool known, uint32_t v)
{
	return known ? v : UINT32_MAX;
}

static bool proc_num_key(const struct sort_ctx *c, size_t pos, uint64_t k[3])
{
	const struct tt_proc_row *x = &c->snap->procs[pos];

	switch (c->col) {
	case PR_COMM: case PR_CONTAINER: case PR_TOP: return false;
	/* rows folded by name: the most processes first, then by pid */
	case PR_PID: k[0] = (uint64_t)(UINT32_MAX - x->nprocs) << 32 | x->pid; break;
	case PR_PPID: k[0] = known_or_last(x->ppid_known, x->ppid); break;
	case PR_USER: k[0] = known_or_last(x->uid_known, x->uid); break;
	case PR_ERR_RATE: k[0] = key_big_first(x->err_rate); break;
	case PR_READ: k[0] = key_big_first(x->op_rate[VFS_READ]); break;
	case PR_WRITE: k[0] = key_big_first(x->op_rate[VFS_WRITE]); break;
	case PR_OPEN: k[0] = key_big_first(x->op_rate[VFS_OPEN]); break;
	case PR_OPEN_ERR: k[0] = key_big_first(x->open_err_rate); break;
	case PR_FSYNC: k[0] = key_big_first(x->op_rate[VFS_FSYNC]); break;
	case PR_EXEC: k[0] = key_big_first(x->exec_rate); break;
	case PR_BIO: k[0] = key_big_first(x->bio_rate); break;
	case PR_BIO_P95: k[0] = key_big_first(x->bio_p95_us); break;
	case PR_BUSY: k[0] = key_big_first(x->busy); break;
	default: k[0] = key_big_first(x->rate); break;
	}
	k[1] = key_big_first((double)x->total);
	k[2] = x->pid;
	return true;
}

static bool fail_num_key(const struct sort_ctx *c, size_t pos, uint64_t k[3])
{
	const struct tt_fail_row *x = &c->snap->fails[row_of(c, &pos)];

	switch (c->col) {
	case FL_RATE: k[0] = key_big_first(x->rate); break;
	case FL_COUNT: k[0] = key_big_first((double)x->count); break;
	default: return false;
	}
	k[1] = key_big_first((double)x->count);
	k[2] = x->id;
	return true;
}

static bool item_before(const struct sort_item *a, const struct sort_item *b)
{
	if (a->k[0] != b->k[0])
		return a->k[0] < b->k[0];
	if (a->k[1] != b->k[1])
		return a->k[1] < b->k[1];
	return a->k[2] < b->k[2];
}

/* Bottom-up merge sort of it[0..n) with tmp of n items. */
static void sort_items(struct sort_item *it, struct sort_item *tmp, size_t n)
{
	struct sort_item *src = it, *dst = tmp, *t;

	for (size_t w = 1; w < n; w *= 2) {
		for (size_t lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, o = lo;

			while (i < mid && j < hi)
				dst[o++] = item_before(&src[j], &src[i]) ? src[j++] : src[i++];
			while (i < mid)
				dst[o++] = src[i++];
			while (j < hi)
				dst[o++] = src[j++];
		}
		t = src;
		src = dst;
		dst = t;
	}
	if (src != it)
		memcpy(it, src, n * sizeof(*it));
}

/* Room for n items of size bytes in the table's scratch, kept from
 * frame to frame (a table of 20 000 rows needs a megabyte each frame). */
static void *scratch(struct table_state *t, size_t n, size_t size)
{
	void *p;

	if (n * size <= t->cap_scratch)
		return t->scratch;
	p = realloc(t->scratch, n * size);
	if (!p)
		return NULL;
	t->scratch = p;
	t->cap_scratch = n * size;
	return p;
}

/* Sorts the n table positions in idx on their numeric keys: false when
 * the column is not numeric or memory is short (idx unchanged). */
static bool sort_numeric(struct table_state *t, const struct sort_ctx *c, size_t n, size_t *idx,
			 num_key_fn key)
{
	struct sort_item *it = n ? scratch(t, 2 * n, sizeof(*it)) : NULL;
	bool inv = c->invert;

	if (!it)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!key(c, idx[i], it[i].k))
			return false;
		if (inv)
			it[i].k[0] = ~it[i].k[0];
		it[i].pos = idx[i];
	}
	sort_items(it, it + n, n);
	for (size_t i = 0; i < n; i++)
		idx[i] = it[i].pos;
	return true;
}

/* Sorts the n table positions in idx by the table's column. */
static void sort_positions(struct table_state *t, const struct sort_ctx *c, size_t n, size_t *idx,
			   num_key_fn num_key, int (*cmp)(const void *, const void *, void *))
{
	if (!sort_numeric(t, c, n, idx, num_key))
		qsort_r(idx, n, sizeof(*idx), cmp, (void *)c);
}

/* Held order: the rows whose keys the previous frame showed, in that
 * order, into idx; returns how many. used[i] (n of them, cleared here)
 * tells whether position i is one of them. The rows and the held keys
 * are both sorted by key and walked together: where the two meet, the
 * held place gets its row. All of it in the table's scratch, which the
 * sort of the rest may reuse once idx and used are made. */
static size_t match_held(struct table_state *t, size_t n, const uint64_t *keys, size_t *idx,
			 bool **used_out)
{
	size_t m = t->n_order, out = 0, a = 0, b = 0, items = 2 * n + 2 * m + 1;
	char *buf = scratch(t, items * sizeof(struct sort_item) + m * sizeof(size_t) + n + 1, 1);
	struct sort_item *rows = (struct sort_item *)buf, *held = rows + 2 * n;
	size_t *at = (size_t *)(buf + items * sizeof(struct sort_item));
	bool *used = (bool *)(at + m);

	*used_out = NULL;
	if (!buf)
		return 0;
	memset(used, 0, n);
	*used_out = used;
	for (size_t i = 0; i < n; i++)
		rows[i] = (struct sort_item){ { keys[i], 0, i }, i };
	for (size_t k = 0; k < m; k++) {
		held[k] = (struct sort_item){ { t->order[k], 0, k }, k };
		at[k] = SIZE_MAX;
	}
	sort_items(rows, rows + n, n);
	sort_items(held, held + m, m);
	while (a < n && b < m) {
		if (rows[a].k[0] < held[b].k[0]) {
			a++;
		} else if (held[b].k[0] < rows[a].k[0]) {
			b++;
		} else {
			at[held[b].pos] = rows[a].pos;
			a++;
			b++;
		}
	}
	for (size_t k = 0; k < m; k++) {
		if (at[k] != SIZE_MAX && !used[at[k]]) {
			used[at[k]] = true;
			idx[out++] = at[k];
		}
	}
	return out;
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

/* Fills idx with positions 0..n-1 in display order: sorted, or while
 * held, the rows shown before in their order and the new ones after
 * them, sorted. */
static int order_rows(struct table_state *t, bool held, const struct tt_snapshot *snap, size_t n,
		      const size_t *subset, size_t *idx, const uint64_t *keys,
		      num_key_fn num_key, int (*cmp)(const void *, const void *, void *))
{
	struct sort_ctx c = { snap, t->sort_col, t->invert, subset };
	bool *used = NULL;
	size_t first = 0;

	/* short of memory for the held order: sorted instead */
	if (held && !t->resort && t->n_order)
		first = match_held(t, n, keys, idx, &used);
	for (size_t i = 0, o = first; i < n; i++)
		if (!used || !used[i])
			idx[o++] = i;
	/* used (in the scratch) is not needed past here */
	sort_positions(t, &c, n - first, idx + first, num_key, cmp);
	t->resort = false;
	return remember(t, n, idx, keys);
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
		      num_key_fn num_key, int (*cmp)(const void *, const void *, void *))
{
	uint64_t *keys = t->row_keys;
	int ret;

	/* kept from frame to frame, like the sort keys */
	if (n > t->cap_row_keys) {
		keys = realloc(t->row_keys, n * sizeof(*keys));
		if (!keys) {
			for (size_t i = 0; i < n; i++)
				idx[i] = subset ? subset[i] : i;
			return -ENOMEM;
		}
		t->row_keys = keys;
		t->cap_row_keys = n;
	}
	for (size_t i = 0; i < n; i++)
		keys[i] = key(snap, subset ? subset[i] : i);
	ret = order_rows(t, held, snap, n, subset, idx, keys, num_key, cmp);
	if (subset)
		for (size_t i = 0; i < n; i++)
			idx[i] = subset[idx[i]];
	return ret;
}

int sort_syscalls(struct table_state *t, bool held, const struct tt_snapshot *snap, size_t *idx)
{
	return sort_table(t, held, snap, snap->n_syscalls, NULL, idx, syscall_key, syscall_num_key,
			  cmp_syscall);
}

int sort_procs(struct table_state *t, bool held, const struct tt_snapshot *snap, size_t *idx)
{
	return sort_table(t, held, snap, snap->n_procs, NULL, idx, proc_key, proc_num_key, cmp_proc);
}

int sort_fails(struct table_state *t, bool held, const struct tt_snapshot *snap,
	       const size_t *rows, size_t n, size_t *idx)
{
	return sort_table(t, held, snap, n, rows, idx, fail_key, fail_num_key, cmp_fail);
}
