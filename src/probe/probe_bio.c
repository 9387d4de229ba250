/* SPDX-License-Identifier: GPL-2.0-or-later */
/* The block I/O latency source: owns the bio skeleton, picks tp_btf or
 * raw_tp programs at run time, and hands the kernel's cumulative
 * histograms to the model, which diffs them and names the disks.
 *
 * Both families live in one object; an attempt opens a fresh skeleton
 * and autoloads only its own, so a failed tp_btf load leaves nothing
 * behind when raw_tp is tried. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include "bio_unseen.h"
#include "bpf_support.h"
#include "clock.h"
#include "probe.h"
#include "bio.skel.h"

/* Histogram keys read per tick at most: far above the map's size, only a
 * guard against a key chain that never ends. */
#define BIO_SAMPLE_MAX 4096

enum bio_family {
	FAM_TP_BTF = 0,
	FAM_RAW_TP,
	FAM_MAX,
};

static const char *const family_hook[FAM_MAX] = {
	[FAM_TP_BTF] = "tp_btf",
	[FAM_RAW_TP] = "raw_tp",
};

struct bio_probe {
	struct bio_bpf *skel;	/* owned */
	__u32 *tgids;		/* owned: BIO_PROC_MAX, a read of map "procs" */
	struct bio_proc *procs;	/* owned: BIO_PROC_MAX */
	bool no_batch;		/* the kernel refused a batch lookup */
	struct bio_unseen unseen;	/* completions no program ran for */
};

/* Whether block_rq_insert/issue still pass the request_queue first
 * (kernels before 5.11): the prototype behind btf_trace_block_rq_issue
 * is (void *, struct request_queue *, struct request *) there. Without
 * kernel BTF, assume the current shape. */
static bool rq_has_queue_arg(const struct btf *btf)
{
	const struct btf_type *t;
	int id;

	if (!btf)
		return false;
	id = btf__find_by_name_kind(btf, "btf_trace_block_rq_issue", BTF_KIND_TYPEDEF);
	if (id < 0)
		return false;
	t = btf__type_by_id(btf, id);
	t = t ? btf__type_by_id(btf, t->type) : NULL;
	if (!t || !btf_is_ptr(t))
		return false;
	t = btf__type_by_id(btf, t->type);
	return t && btf_is_func_proto(t) && btf_vlen(t) == 3;
}

/* Whether the kernel has block_io_start (Linux 6.5+), where a request
 * is made in the task that submitted it. Without kernel BTF, assume
 * not: attaching a program to a missing tracepoint fails the family. */
static bool has_io_start(const struct btf *btf)
{
	return btf && btf__find_by_name_kind(btf, "btf_trace_block_io_start",
					     BTF_KIND_TYPEDEF) >= 0;
}

static void select_family(struct bio_bpf *skel, enum bio_family fam, bool io_start)
{
	bool btf = fam == FAM_TP_BTF;

	bpf_program__set_autoload(skel->progs.btf_io_start, btf && io_start);
	bpf_program__set_autoload(skel->progs.raw_io_start, !btf && io_start);

	bpf_program__set_autoload(skel->progs.btf_rq_insert, btf);
	bpf_program__set_autoload(skel->progs.btf_rq_issue, btf);
	bpf_program__set_autoload(skel->progs.btf_rq_complete, btf);
	bpf_program__set_autoload(skel->progs.raw_rq_insert, !btf);
	bpf_program__set_autoload(skel->progs.raw_rq_issue, !btf);
	bpf_program__set_autoload(skel->progs.raw_rq_complete, !btf);
}

/* One attempt: fresh skeleton, one family, load, attach; torn down on
 * failure with why saying which step failed. */
static int try_family(struct bio_probe *p, enum bio_family fam, bool queue_arg,
		      bool io_start, const struct probe_env *env, char *why, size_t len)
{
	const char *step = "open";
	char ebuf[64];
	int err;

	p->skel = bio_bpf__open();
	if (!p->skel) {
		err = -errno;
		goto fail;
	}
	BPF_SUPPORT_SET_FILTERS(p->skel->rodata, env);
	p->skel->rodata->rq_queue_arg = queue_arg;
	p->skel->rodata->io_start_seen = io_start;
	select_family(p->skel, fam, io_start);
	step = "load";
	err = bio_bpf__load(p->skel);
	if (!err) {
		step = "filters";
		err = bpf_support_filter_maps(p->skel->obj, env->opt);
	}
	if (err)
		goto fail;
	step = "attach";
	err = bio_bpf__attach(p->skel);
	if (err)
		goto fail;
	return 0;
fail:
	snprintf(why, len, "%s: %s", step, bpf_support_strerror(err, ebuf, sizeof(ebuf)));
	bio_bpf__destroy(p->skel);
	p->skel = NULL;
	return err;
}

/* Holds each disk's own count of completions against the programs'
 * (bio_unseen.h), read in the order it asks for. */
static void bio_sample_unseen(struct bio_probe *p)
{
	int fd = bpf_map__fd(p->skel->maps.done);
	__u32 key, next, *prev = NULL;
	uint64_t disk;
	__u64 seen;

	for (unsigned n = 0; n < BIO_DONE_DISKS; n++) {
		if (bpf_map_get_next_key(fd, prev, &next))
			return;
		key = next;
		prev = &key;
		if (!bio_unseen_known(&p->unseen, key)) {
			/* the baseline: the programs' count, then the disk's */
			if (bpf_map_lookup_elem(fd, &key, &seen) == 0 && bio_disk_done("", key, &disk) == 0)
				bio_unseen_update(&p->unseen, key, disk, seen);
			continue;
		}
		if (bio_disk_done("", key, &disk) == 0 && bpf_map_lookup_elem(fd, &key, &seen) == 0)
			bio_unseen_update(&p->unseen, key, disk, seen);
	}
}

static void bio_free(struct bio_probe *p)
{
	if (!p)
		return;
	free(p->tgids);
	free(p->procs);
	free(p);
}

static int bio_start(void **state, const struct probe_env *env)
{
	struct tt_source_status *st = model_source(env->model, TT_SRC_BIO);
	char tried[sizeof(st->error)] = "", why[160];
	enum bio_family fam, first, last;
	struct bio_probe *p;
	struct btf *btf;
	bool queue_arg, io_start;
	int err = -ENOENT;

	p = calloc(1, sizeof(*p));
	if (p) {
		p->tgids = calloc(BIO_PROC_MAX, sizeof(*p->tgids));
		p->procs = calloc(BIO_PROC_MAX, sizeof(*p->procs));
	}
	if (!p || !p->tgids || !p->procs) {
		bio_free(p);
		return -ENOMEM;
	}
	btf = btf__load_vmlinux_btf();
	queue_arg = rq_has_queue_arg(btf);
	io_start = has_io_start(btf);
	btf__free(btf);
	/* --bio-hook: enum bio_hook's values past auto follow the families */
	first = FAM_TP_BTF, last = FAM_RAW_TP;
	if (env->opt->bio_hook != BIO_HOOK_AUTO)
		first = last = (enum bio_family)(env->opt->bio_hook - BIO_HOOK_TP_BTF);
	for (fam = first; fam <= last; fam++) {
		err = try_family(p, fam, queue_arg, io_start, env, why, sizeof(why));
		if (!err)
			break;
		bpf_support_hook_failed(env->diag, "bio", family_hook[fam], why, tried, sizeof(tried));
	}
	if (err) {
		if (first == last)
			bpf_support_fail(st, env->diag, "bio: --bio-hook=%s failed: %s",
					 family_hook[first], tried);
		else
			bpf_support_fail(st, env->diag, "bio: block_rq tracepoints could not be "
					 "attached (%s)", tried);
		bio_free(p);
		return err;
	}
	p->skel->bss->attached_ns = clock_mono_ns();
	bio_unseen_baseline_all(&p->unseen, "");
	st->state = TT_STATE_RUNNING;
	snprintf(st->hook, sizeof(st->hook), "%s", family_hook[fam]);
	snprintf(st->note, sizeof(st->note), "%s", tried);
	*state = p;
	return 0;
}

/* Requests that could not be timed: what the programs counted, plus
 * the completions no program saw. Those are the runs of a completion
 * program the kernel skipped and said so (recursion_misses: one run
 * interrupting another on a CPU; reading a program's info by its fd
 * needs no capability) and those it skipped without a word, which the
 * disks' own counts find (bio_unseen.h); the first are among the
 * second where a disk is compared, so the larger of the two counts.
 * Skipped runs of the other programs are not lost requests: a request
 * whose issue went unseen is counted when it completes, and one whose
 * start or insert went unseen is timed from its issue. */
static int bio_lost(struct bio_probe *p, uint64_t *lost)
{
	struct bpf_program *done[] = { p->skel->progs.btf_rq_complete,
				       p->skel->progs.raw_rq_complete };
	uint64_t submitted, missed = 0, unseen = bio_unseen_total(&p->unseen);
	int err = bpf_support_ring_stats(p->skel->maps.stats, &submitted, lost);

	if (err)
		return err;
	for (unsigned i = 0; i < sizeof(done) / sizeof(done[0]); i++) {
		struct bpf_prog_info info;
		__u32 len = sizeof(info);
		int fd = bpf_program__fd(done[i]);

		if (fd < 0)
			continue;	/* the other family, not loaded */
		memset(&info, 0, sizeof(info));
		if (bpf_obj_get_info_by_fd(fd, &info, &len) == 0)
			missed += info.recursion_misses;
	}
	*lost += missed > unseen ? missed : unseen;
	return 0;
}

/* Hands the per-process map to the model: in one batched lookup, or
 * key by key where the kernel has none. An LRU entry evicted under the
 * walk only restarts its process's count (the model takes it as a
 * reset). */
static void bio_sample_procs(struct bio_probe *p, struct model *m)
{
	int fd = bpf_map__fd(p->skel->maps.procs);
	uint64_t slots[BIO_HIST_SLOTS];
	char comm[TT_COMM_LEN + 1];
	__u32 n = bpf_support_read_map(fd, p->tgids, sizeof(*p->tgids), p->procs, sizeof(*p->procs),
				       BIO_PROC_MAX, &p->no_batch);

	model_bio_procs_begin(m);
	for (__u32 i = 0; i < n; i++) {
		for (unsigned k = 0; k < BIO_HIST_SLOTS; k++)
			slots[k] = p->procs[i].slots[k];
		/* The kernel terminates comm, but it is not trusted to. */
		memcpy(comm, p->procs[i].comm, TT_COMM_LEN);
		comm[TT_COMM_LEN] = '\0';
		model_bio_proc(m, p->tgids[i], comm, slots, BIO_HIST_SLOTS, p->procs[i].sum_us,
			       p->procs[i].created_ns);
	}
	model_bio_procs_lost(m, p->skel->bss->procs_lost);
	/* a process the syscalls source saw gone for good: its entry goes
	 * (a new process with its pid starts from nothing) */
	for (__u32 i = 0; i < n; i++)
		if (model_procs_final(m, p->tgids[i]))
			bpf_map_delete_elem(fd, &p->tgids[i]);
}

/* Hands every histogram to the model. Entries are never deleted, so the
 * key chain is stable while it is walked; new keys may or may not be
 * seen this tick and are seen the next. */
static int bio_sample(void *state, struct model *m)
{
	struct bio_probe *p = state;
	int fd = bpf_map__fd(p->skel->maps.hists);
	struct bio_hist_key key, next;
	uint64_t slots[BIO_HIST_SLOTS];
	struct bio_hist h;
	void *prev = NULL;
	uint64_t lost;
	unsigned n, i;

	bio_sample_unseen(p);
	if (bio_lost(p, &lost) == 0)
		model_source(m, TT_SRC_BIO)->lost_total = lost;
	bio_sample_procs(p, m);
	for (n = 0; n < BIO_SAMPLE_MAX; n++) {
		if (bpf_map_get_next_key(fd, prev, &next))
			return errno == ENOENT ? 0 : -errno;
		key = next;
		prev = &key;
		if (bpf_map_lookup_elem(fd, &key, &h))
			continue;
		if (key.op >= BIO_OP_MAX || key.phase >= BIO_PH_MAX)
			continue;
		/* __u64 and uint64_t are distinct types on some ABIs. */
		for (i = 0; i < BIO_HIST_SLOTS; i++)
			slots[i] = h.slots[i];
		model_bio_set(m, key.dev, key.op, key.phase, slots, BIO_HIST_SLOTS,
			      h.sum_us);
	}
	return 0;
}

static void bio_stop(void *state)
{
	struct bio_probe *p = state;

	if (!p)
		return;
	bio_bpf__destroy(p->skel);
	bio_free(p);
}

const struct probe_ops probe_bio_ops = {
	.src = TT_SRC_BIO,
	.start = bio_start,
	.sample = bio_sample,
	.stop = bio_stop,
};
