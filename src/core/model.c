/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The model: owns everything tracetop has learnt from the probes (source
 * statuses, counters, histograms, per-process counts, the event log) and
 * turns it into one snapshot per interval.
 *
 * Probes hand over cumulative kernel counters whenever they sample; the
 * model only diffs them in model_tick(), so a probe may sample any number
 * of times per interval. Every kernel map starts at zero when tracetop
 * loads it, so the first sample of a counter counts from zero. A source
 * that was not sampled in an interval shows no activity for it, and its
 * next rate spans the whole time since it last was. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/utsname.h>
#include "clock.h"
#include "exec_fold.h"
#include "fail_table.h"
#include "model.h"
#include "profile.h"
#include "partitions.h"
#include "proc_tree.h"
#include "proc_view.h"
#include "bio_procs.h"
#include "sys_lat.h"
#include "proc_table.h"
#include "rate.h"
#include "syscall_names.h"

#define MODEL_LOG_DEFAULT 100000	/* events kept when the config says 0 */
#define SYSCALL_NAME_LEN 24

/* Counter sources remember when they were last sampled, so a rate never
 * divides a two-interval delta by one interval. */
struct model_freshness {
	bool fresh;		/* sampled since the last tick */
	uint64_t last_ns;	/* tick at which it last was */
};

struct model_syscall {
	uint64_t count, errors;	/* latest cumulative values from the kernel */
	bool seen;
	struct rate calls, fails;
	uint64_t total, total_errors;	/* sums of deltas: survive map resets */
};

struct model_disk {
	uint32_t dev;
	bool named;		/* name came from the partition table */
	struct hist cur[BIO_OP_MAX][BIO_PH_MAX];	/* latest kernel hists */
	struct hist prev[BIO_OP_MAX][BIO_PH_MAX];	/* at the previous tick */
	struct tt_bio_disk view;	/* name, interval and total hists */
};

struct model {
	uint64_t start_ns, last_tick_ns;
	char root[4096];	/* for /proc/partitions */

	struct tt_source_status status[TT_SRC_MAX];
	uint64_t prev_events[TT_SRC_MAX], prev_lost[TT_SRC_MAX];

	uint64_t vfs_totals[VFS_OP_MAX];	/* latest cumulative values */
	bool vfs_approximate, vfs_seen;
	struct rate vfs_rate[VFS_OP_MAX];
	uint64_t vfs_sum[VFS_OP_MAX];	/* sums of deltas */
	struct model_freshness vfs_fresh, sys_fresh, bio_fresh;

	struct model_syscall sys[SYSCALL_ID_MAX];
	char sys_names[SYSCALL_ID_MAX][SYSCALL_NAME_LEN];	/* fallback names */
	struct proc_table *procs;	/* owned */
	struct bio_procs *bio_procs;	/* owned: block I/O per process */
	bool bio_procs_fresh;		/* handed over since the last tick */
	struct proc_view *pview;	/* owned: joins the above into rows */
	struct sys_lat *lat;		/* owned: syscall latency and errnos */
	bool timable, timed;		/* syscalls can be timed; are */

	struct model_disk *disks;	/* owned */
	size_t n_disks, cap_disks;
	struct partitions parts;	/* owned */
	bool parts_stale;	/* a dev was not found: reload at the next tick */

	struct event_log log;	/* owned */
	struct fail_table *fails;	/* owned: failed calls by (call, path, errno, comm) */
	struct exec_fold *fold;		/* owned: failed execs held back (exec_fold.h) */
	struct proc_tree *tree;		/* owned: recent forks, execs and exits */
	uint64_t ev_mark;	/* log end seq at the previous tick */
	uint64_t execs_ok, execs_failed;	/* snapshot.h */
	uint64_t open_errs[TT_ERRNO_MAX];	/* as events come */
	uint64_t open_errs_tick[TT_ERRNO_MAX];	/* as at the last tick: the snapshot's */

	struct profile *prof;		/* owned: the on-CPU profile, once asked for */
	struct tt_profile_view prof_view;	/* the snapshot's */

	struct tt_snapshot snap;	/* arrays below are owned and reused */
	size_t cap_procs, cap_snap_disks;
};

static void model_tick_host(struct model *m);

static void sys_names_init(struct model *m)
{
	unsigned i;

	/* the kernel folds every id beyond its array into the last slot */
	for (i = 0; i < SYSCALL_ID_MAX; i++) {
		char buf[SYSCALL_NAME_LEN];
		const char *l = syscall_label(i, buf, sizeof(buf));

		snprintf(m->sys_names[i], SYSCALL_NAME_LEN, "%s", l);
	}
}

struct model *model_new(const struct model_config *cfg)
{
	size_t cap = cfg && cfg->log_capacity ? cfg->log_capacity : MODEL_LOG_DEFAULT;
	const char *root = cfg && cfg->root ? cfg->root : "";
	struct model *m;
	unsigned i;

	m = calloc(1, sizeof(*m));
	if (!m)
		return NULL;
	snprintf(m->root, sizeof(m->root), "%s", root);
	m->start_ns = m->last_tick_ns = clock_mono_ns();
	m->vfs_fresh.last_ns = m->sys_fresh.last_ns = m->bio_fresh.last_ns = m->start_ns;
	for (i = 0; i < VFS_OP_MAX; i++)
		rate_init(&m->vfs_rate[i]);
	for (i = 0; i < SYSCALL_ID_MAX; i++) {
		rate_init(&m->sys[i].calls);
		rate_init(&m->sys[i].fails);
	}
	sys_names_init(m);
	m->procs = cfg && cfg->procs_max ? proc_table_new(cfg->procs_max, cfg->procs_max)
					  : proc_table_new(SYSCALL_PROC_MAX, SYSCALL_INFO_MAX);
	m->bio_procs = bio_procs_new(BIO_PROC_MAX);
	m->pview = proc_view_new(root);
	m->lat = sys_lat_new();
	m->fails = fail_table_new(cfg && cfg->fails_max ? cfg->fails_max : FAIL_TABLE_DEFAULT);
	m->fold = exec_fold_new();
	m->tree = proc_tree_new();
	m->snap.syscalls = calloc(SYSCALL_ID_MAX, sizeof(*m->snap.syscalls));
	if (!m->procs || !m->bio_procs || !m->pview || !m->lat || !m->fails || !m->fold || !m->tree || !m->snap.syscalls || event_log_init_bytes(&m->log, cap, cfg ? cfg->log_text_bytes : 0)) {
		model_free(m);
		return NULL;
	}
	model_tick_host(m);
	/* the clocks' pairing dates events received before the first tick */
	m->snap.mono_ns = m->start_ns;
	/* a missing partition table only costs names ("8:0") */
	partitions_load(&m->parts, m->root);
	return m;
}

void model_free(struct model *m)
{
	if (!m)
		return;
	proc_table_free(m->procs);
	bio_procs_free(m->bio_procs);
	proc_view_free(m->pview);
	sys_lat_free(m->lat);
	fail_table_free(m->fails);
	exec_fold_free(m->fold);
	proc_tree_free(m->tree);
	profile_free(m->prof);
	free(m->disks);
	partitions_fini(&m->parts);
	event_log_fini(&m->log);
	free(m->snap.syscalls);
	free(m->snap.procs);
	free(m->snap.disks);
	free(m);
}

struct tt_source_status *model_source(struct model *m, enum tt_source s)
{
	if ((unsigned)s >= TT_SRC_MAX)
		return NULL;
	return &m->status[s];
}

void model_vfs_set(struct model *m, const uint64_t totals[VFS_OP_MAX], bool approximate)
{
	memcpy(m->vfs_totals, totals, sizeof(m->vfs_totals));
	m->vfs_approximate = approximate;
	m->vfs_seen = true;
	m->vfs_fresh.fresh = true;
}

void model_syscall_set(struct model *m, unsigned id, uint64_t count, uint64_t errors)
{
	if (id >= SYSCALL_ID_MAX)
		id = SYSCALL_ID_MAX - 1;
	m->sys[id].count = count;
	m->sys[id].errors = errors;
	m->sys[id].seen = true;
	m->sys_fresh.fresh = true;
}

void model_procs_begin(struct model *m)
{
	proc_table_begin(m->procs);
	m->sys_fresh.fresh = true;
}

void model_procs_add(struct model *m, uint32_t tgid, unsigned id, uint64_t count,
		     uint64_t errors)
{
	/* a full table drops the entry: the kernel's map holds no more */
	proc_table_add(m->procs, tgid, id, count, errors);
}

void model_procs_info(struct model *m, uint32_t tgid, const char *comm, bool exited,
		      uint64_t busy_ns, uint64_t cgroup_id)
{
	proc_table_info(m->procs, tgid, comm, exited, busy_ns, cgroup_id);
}

void model_procs_ids(struct model *m, uint32_t tgid, uint32_t ppid, uint32_t uid)
{
	proc_table_ids(m->procs, tgid, ppid, uid);
}

uint64_t model_procs_lost_calls(const struct model *m)
{
	return proc_table_lost_calls(m->procs);
}

bool model_procs_final(const struct model *m, uint32_t tgid)
{
	return proc_table_final(m->procs, tgid);
}

static struct model_disk *model_disk_get(struct model *m, uint32_t dev)
{
	struct model_disk *d;
	size_t i;

	for (i = 0; i < m->n_disks; i++)
		if (m->disks[i].dev == dev)
			return &m->disks[i];
	if (m->n_disks == m->cap_disks) {
		size_t ncap = m->cap_disks ? m->cap_disks * 2 : 4;

		d = realloc(m->disks, ncap * sizeof(*d));
		if (!d)
			return NULL;
		m->disks = d;
		m->cap_disks = ncap;
	}
	d = &m->disks[m->n_disks++];
	memset(d, 0, sizeof(*d));
	d->dev = dev;
	d->view.dev = dev;
	snprintf(d->view.name, sizeof(d->view.name), "%u:%u", dev >> 20, dev & 0xfffff);
	m->parts_stale = true;
	return d;
}

void model_bio_set(struct model *m, uint32_t dev, unsigned op, unsigned phase,
		   const uint64_t *slots, unsigned nslots, uint64_t sum_us)
{
	struct model_disk *d;

	if (op >= BIO_OP_MAX || phase >= BIO_PH_MAX)
		return;
	d = model_disk_get(m, dev);
	if (!d)
		return;
	hist_set(&d->cur[op][phase], slots, nslots, sum_us);
	m->bio_fresh.fresh = true;
}

void model_syscall_lat(struct model *m, unsigned id, const uint64_t *slots, unsigned nslots,
		       uint64_t sum_ns)
{
	sys_lat_set(m->lat, id, slots, nslots, sum_ns);
}

void model_syscall_timing(struct model *m, bool can, bool on)
{
	m->timable = can;
	m->timed = on;
}

void model_syscall_errno(struct model *m, unsigned id, int err, uint64_t count)
{
	sys_lat_errno_set(m->lat, id, err, count);
}

void model_syscall_errnos_lost(struct model *m, uint64_t lost)
{
	m->snap.errnos_lost = lost;
}

void model_bio_procs_begin(struct model *m)
{
	bio_procs_begin(m->bio_procs);
	m->bio_procs_fresh = true;
}

void model_bio_proc(struct model *m, uint32_t tgid, const char *comm, const uint64_t *slots,
		    unsigned nslots, uint64_t sum_us, uint64_t created_ns)
{
	bio_procs_add(m->bio_procs, tgid, comm, slots, nslots, sum_us, created_ns);
}

void model_bio_procs_lost(struct model *m, uint64_t lost)
{
	m->snap.procs_bio_lost = lost;
}

/* Into the log, the failing-calls table and the source's count. */
static int model_store(void *ctx, const struct tt_event *ev)
{
	struct model *m = ctx;
	int err = event_log_push(&m->log, ev);

	if (err)
		return err;
	fail_table_add(m->fails, ev);
	if (ev->type == TT_EVENT_EXEC) {
		proc_tree_event(m->tree, ev);
		if (ev->ret == 0)
			proc_view_exec(m->pview, ev->ppid);
		m->status[TT_SRC_EXEC].events_total++;
		/* attempts: the calls of the spawn, all failed but the last
		 * when it succeeded */
		if (ev->ret == 0) {
			m->execs_ok++;
			m->execs_failed += ev->attempts > 1 ? ev->attempts - 1u : 0;
		} else {
			m->execs_failed += ev->attempts ? ev->attempts : 1;
		}
	} else {	/* opens and path calls */
		m->status[TT_SRC_OPEN].events_total++;
		if (ev->type == TT_EVENT_OPEN && ev->ret < 0)
			m->open_errs[-(int64_t)ev->ret < TT_ERRNO_MAX ? -ev->ret : TT_ERRNO_MAX - 1]++;
	}
	return 0;
}

int model_event(struct model *m, const struct tt_event *ev)
{
	struct tt_event e;

	if (ev->type == TT_EVENT_PROC) {
		proc_tree_event(m->tree, ev);	/* the tree's alone, not an event of the log */
		return 0;
	}
	if (ev->type != TT_EVENT_EXEC)
		return model_store(m, ev);
	e = *ev;
	if (exec_fold_event(m->fold, &e, model_store, m))
		return 0;	/* held: it may be one attempt of a PATH walk */
	return model_store(m, &e);
}

void model_counting_started(struct model *m, uint64_t mono_ns)
{
	m->last_tick_ns = mono_ns;
	m->vfs_fresh.last_ns = m->sys_fresh.last_ns = m->bio_fresh.last_ns = mono_ns;
}

int model_events_order(struct model *m, uint64_t from)
{
	/* the drain is over: what was held goes in with it */
	exec_fold_flush(m->fold, model_store, m);
	return event_log_order(&m->log, from);
}

/* Seconds since the source was last fresh, and marks it consumed; 0
 * when it was not sampled this interval. */
static double model_fresh_dt(struct model_freshness *f, uint64_t now)
{
	double dt;

	if (!f->fresh)
		return 0;
	dt = now > f->last_ns ? (double)(now - f->last_ns) / 1e9 : 0;
	f->fresh = false;
	f->last_ns = now;
	return dt;
}

static void model_tick_vfs(struct model *m, uint64_t now)
{
	struct tt_vfs_view *v = &m->snap.vfs;
	bool fresh = m->vfs_fresh.fresh;
	double dt = model_fresh_dt(&m->vfs_fresh, now);
	uint64_t events = 0;
	unsigned op;

	v->approximate = m->vfs_approximate;
	for (op = 0; op < VFS_OP_MAX; op++) {
		if (fresh) {
			rate_update(&m->vfs_rate[op], m->vfs_totals[op], dt, true);
			m->vfs_sum[op] += m->vfs_rate[op].delta;
		}
		v->rate[op] = fresh ? m->vfs_rate[op].per_sec : 0;
		v->total[op] = m->vfs_sum[op];
		events += m->vfs_sum[op];
	}
	if (m->vfs_seen)
		m->status[TT_SRC_VFS].events_total = events;
	if (!fresh)
		return;
	/* sparklines scroll left once full: index 0 is always the oldest */
	if (v->spark_len == TT_SPARK_LEN) {
		for (op = 0; op < VFS_OP_MAX; op++)
			memmove(&v->spark[op][0], &v->spark[op][1],
				(TT_SPARK_LEN - 1) * sizeof(v->spark[op][0]));
		v->spark_len--;
	}
	for (op = 0; op < VFS_OP_MAX; op++)
		v->spark[op][v->spark_len] = v->rate[op];
	v->spark_len++;
}

static int syscall_row_cmp(const void *a, const void *b)
{
	const struct tt_syscall_row *x = a, *y = b;

	if (x->rate != y->rate)
		return x->rate > y->rate ? -1 : 1;
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

static void model_tick_syscalls(struct model *m, double dt, bool fresh)
{
	uint64_t events = 0;
	bool any = false;
	size_t n = 0;
	unsigned id;

	for (id = 0; id < SYSCALL_ID_MAX; id++) {
		struct model_syscall *s = &m->sys[id];
		struct tt_syscall_row *r;
		const char *name;

		if (!s->seen)
			continue;
		any = true;
		if (fresh) {
			rate_update(&s->calls, s->count, dt, true);
			rate_update(&s->fails, s->errors, dt, true);
			s->total += s->calls.delta;
			s->total_errors += s->fails.delta;
		}
		events += s->total;
		if (!s->total)
			continue;
		r = &m->snap.syscalls[n++];
		name = id < SYSCALL_ID_MAX - 1 ? syscall_name(id) : NULL;
		r->id = id;
		r->name = name ? name : m->sys_names[id];
		r->rate = fresh ? s->calls.per_sec : 0;
		r->err_rate = fresh ? s->fails.per_sec : 0;
		r->total = s->total;
		r->errors = s->total_errors;
	}
	qsort(m->snap.syscalls, n, sizeof(m->snap.syscalls[0]), syscall_row_cmp);
	m->snap.n_syscalls = n;
	if (any)
		m->status[TT_SRC_SYSCALL].events_total = events;
}

/* Every (process, syscall) entry, for scoped panes: the table's own. */
static void model_tick_proc_calls(struct model *m, double dt)
{
	m->snap.proc_calls = proc_table_calls(m->procs, &m->snap.n_proc_calls);
	m->snap.proc_calls_dt = dt;
}

/* The processes table, after the syscalls' and bio's ticks. */
static void model_tick_procs(struct model *m, double dt, double bio_dt)
{
	struct proc_view_in in = { .table = m->procs, .tree = m->tree, .dt = dt,
				   .bio_dt = bio_dt, .ev_dt = m->snap.elapsed_s };

	in.ps = proc_table_end(m->procs, &in.n_ps);
	if (m->bio_procs_fresh)
		in.bio = bio_procs_end(m->bio_procs, &in.n_bio);
	m->bio_procs_fresh = false;
	m->snap.n_procs = proc_view_build(m->pview, &in, &m->snap.procs, &m->cap_procs);
	model_tick_proc_calls(m, dt);
	m->snap.bio_procs = in.bio;
	m->snap.n_bio_procs = in.n_bio;
	m->snap.procs_execs_untracked = proc_view_execs_untracked(m->pview);
}

/* Names disks not yet named; rereads the partition table (at most once
 * per tick) when a disk appeared that the cached table does not know. */
static void model_name_disks(struct model *m)
{
	size_t i;

	for (i = 0; i < m->n_disks; i++) {
		struct model_disk *d = &m->disks[i];
		const char *name;

		if (d->named)
			continue;
		name = partitions_name(&m->parts, d->dev);
		if (!name && m->parts_stale) {
			partitions_fini(&m->parts);
			partitions_load(&m->parts, m->root);
			m->parts_stale = false;
			name = partitions_name(&m->parts, d->dev);
		}
		if (name) {
			snprintf(d->view.name, sizeof(d->view.name), "%s", name);
			d->named = true;
		}
	}
	m->parts_stale = false;
}

static int disk_cmp(const void *a, const void *b)
{
	const struct tt_bio_disk *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	if (c)
		return c;
	return x->dev < y->dev ? -1 : x->dev > y->dev;
}

static bool disk_has_io(const struct tt_bio_disk *v)
{
	unsigned op, ph;

	for (op = 0; op < BIO_OP_MAX; op++)
		for (ph = 0; ph < BIO_PH_MAX; ph++)
			if (v->total[op][ph].count)
				return true;
	return false;
}

/* Returns the length of bio's interval (0: nothing handed over). */
static double model_tick_bio(struct model *m, uint64_t now)
{
	uint64_t events = 0;
	size_t i, n = 0;
	unsigned op, ph;
	double dt = model_fresh_dt(&m->bio_fresh, now);
	model_name_disks(m);
	if (m->n_disks > m->cap_snap_disks) {
		struct tt_bio_disk *v = realloc(m->snap.disks, m->n_disks * sizeof(*v));

		if (v) {
			m->snap.disks = v;
			m->cap_snap_disks = m->n_disks;
		}
	}
	for (i = 0; i < m->n_disks; i++) {
		struct model_disk *d = &m->disks[i];

		/* an unsampled interval diffs equal hists: empty, as it should */
		for (op = 0; op < BIO_OP_MAX; op++) {
			for (ph = 0; ph < BIO_PH_MAX; ph++) {
				hist_diff(&d->view.interval[op][ph], &d->cur[op][ph],
					  &d->prev[op][ph]);
				d->prev[op][ph] = d->cur[op][ph];
				hist_merge(&d->view.total[op][ph], &d->view.interval[op][ph]);
			}
			events += d->view.total[op][BIO_PH_DEVICE].count;
		}
		if (disk_has_io(&d->view) && n < m->cap_snap_disks)
			m->snap.disks[n++] = d->view;
	}
	if (n)
		qsort(m->snap.disks, n, sizeof(m->snap.disks[0]), disk_cmp);
	m->snap.n_disks = n;
	if (m->n_disks)
		m->status[TT_SRC_BIO].events_total = events;
	return dt;
}

/* Copies the statuses and derives each source's interval counts. */
static void model_tick_status(struct model *m)
{
	struct tt_snapshot *s = &m->snap;
	unsigned i;

	s->events_interval = 0;
	s->lost_interval = 0;
	s->lost_total = 0;
	for (i = 0; i < TT_SRC_MAX; i++) {
		struct tt_source_status *st = &m->status[i];

		st->events_interval = counter_delta(m->prev_events[i], st->events_total);
		st->lost_interval = counter_delta(m->prev_lost[i], st->lost_total);
		m->prev_events[i] = st->events_total;
		m->prev_lost[i] = st->lost_total;
		s->src[i] = *st;
		if (i == TT_SRC_EXEC || i == TT_SRC_OPEN)
			s->events_interval += st->events_interval;
		s->lost_interval += st->lost_interval;
		s->lost_total += st->lost_total;
	}
}

static void model_tick_host(struct model *m)
{
	struct tt_snapshot *s = &m->snap;
	struct utsname u;

	s->wall_ms = (int64_t)(clock_real_ns() / 1000000);
	s->wall_s = s->wall_ms / 1000;
	if (uname(&u) == 0) {
		snprintf(s->hostname, sizeof(s->hostname), "%s", u.nodename);
		snprintf(s->kernel, sizeof(s->kernel), "%s", u.release);
	}
}

const struct tt_snapshot *model_tick(struct model *m, uint64_t mono_ns)
{
	struct tt_snapshot *s = &m->snap;
	bool sys_fresh = m->sys_fresh.fresh;
	double sys_dt, bio_dt;

	exec_fold_flush(m->fold, model_store, m);
	s->seq++;
	s->mono_ns = mono_ns;
	s->elapsed_s = mono_ns > m->last_tick_ns ? (double)(mono_ns - m->last_tick_ns) / 1e9 : 0;
	m->last_tick_ns = mono_ns;
	model_tick_host(m);

	model_tick_vfs(m, mono_ns);
	sys_dt = model_fresh_dt(&m->sys_fresh, mono_ns);
	model_tick_syscalls(m, sys_dt, sys_fresh);
	s->errnos = sys_lat_tick(m->lat, sys_dt, m->timed, s->syscalls, s->n_syscalls,
				 &s->n_errnos);
	s->timed = m->timed;
	s->timable = m->timable;
	bio_dt = model_tick_bio(m, mono_ns);
	model_tick_procs(m, sys_dt, bio_dt);
	model_tick_status(m);
	s->execs_ok = m->execs_ok;
	s->execs_failed = m->execs_failed;
	/* a copy: the live counts move with every drain between ticks */
	memcpy(m->open_errs_tick, m->open_errs, sizeof(m->open_errs_tick));
	s->open_errors_by_errno = m->open_errs_tick;
	s->n_fails = fail_table_tick(m->fails, s->elapsed_s, &s->fails);
	s->fails_untracked = fail_table_untracked(m->fails);
	s->n_tree = proc_tree_tick(m->tree, mono_ns, &s->tree);
	s->tree_untracked = proc_tree_untracked(m->tree);

	s->ev_begin = m->ev_mark;
	s->ev_end = event_log_end_seq(&m->log);
	s->log_fill = (struct tt_log_fill){
		.events = event_log_count(&m->log), .capacity = m->log.capacity,
		.text_used = event_log_text_used(&m->log), .text_bytes = m->log.text_bytes,
		.dropped = m->log.overwritten, .dropped_for_bytes = m->log.dropped_for_bytes,
	};
	m->ev_mark = s->ev_end;
	/* a source that failed to start made the profile but never said
	 * it runs: no profile then */
	if (m->prof && m->prof_view.running)
		profile_view(m->prof, &m->prof_view);
	s->profile = m->prof && m->prof_view.running ? &m->prof_view : NULL;
	return s;
}

struct profile *model_profile(struct model *m)
{
	if (!m->prof)
		m->prof = profile_new();
	return m->prof;
}

void model_profile_status(struct model *m, bool running, bool counting, unsigned hz,
			  uint64_t lost_total)
{
	m->prof_view.running = running;
	m->prof_view.counting = counting;
	m->prof_view.hz = hz;
	m->prof_view.lost_total = lost_total;
}

void model_set_self(struct model *m, const struct tt_selfcost *c, bool privileges_dropped)
{
	m->snap.self = *c;
	m->snap.privileges_dropped = privileges_dropped;
}

void model_set_caption(struct model *m, const char *caption)
{
	snprintf(m->snap.caption, sizeof(m->snap.caption), "%s", caption ? caption : "");
}

const struct tt_snapshot *model_snapshot(const struct model *m)
{
	return &m->snap;
}

void model_populate(struct model *m)
{
	event_log_populate(&m->log);
	proc_tree_populate(m->tree);
}

const struct event_log *model_log(const struct model *m)
{
	return &m->log;
}
