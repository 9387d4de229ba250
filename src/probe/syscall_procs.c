/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Reads the per-process syscall maps (see syscall_procs.h): the counts
 * per (tgid, syscall id) and each process's info, with one batched
 * lookup each, or key by key where the kernel has no batch operations
 * (before 5.6). The buffers hold a whole map, so a read never stops
 * short and a tick allocates nothing.
 *
 * The kernel never evicts these entries: this file deletes those of a
 * process that exited, once the model holds its counts for good
 * (model_procs_final): read after the exit hook marked it, and read once
 * more. Counters are only read, never reset, and an entry is deleted
 * only when no count can reach it any more, so no count is lost between
 * a read and a delete. */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "bpf_support.h"
#include "syscall_procs.h"
#include "syscalls.skel.h"

struct syscall_procs {
	struct diag *diag;		/* borrowed */
	bool no_batch;			/* the kernel refused a batch lookup */
	struct syscall_proc_key *keys;	/* owned: SYSCALL_PROC_MAX */
	struct syscall_proc *vals;	/* owned: SYSCALL_PROC_MAX */
	uint32_t n;
	uint32_t *tgids;		/* owned: SYSCALL_INFO_MAX */
	struct syscall_proc_info *infos;	/* owned: SYSCALL_INFO_MAX */
	uint32_t n_infos;
	bool no_batch_delete;		/* the kernel refused a batch delete */
	bool busy_lost_said;		/* time no process entry could take: said */
};

struct syscall_procs *syscall_procs_new(struct diag *diag)
{
	struct syscall_procs *sp = calloc(1, sizeof(*sp));

	if (!sp)
		return NULL;
	sp->diag = diag;
	/* calloc: what the kernel writes there, tools such as valgrind do
	 * not see written; blocks this large are fresh mappings (main.c's
	 * mmap threshold), so the zeroes cost no resident page */
	sp->keys = calloc(SYSCALL_PROC_MAX, sizeof(*sp->keys));
	sp->vals = calloc(SYSCALL_PROC_MAX, sizeof(*sp->vals));
	sp->tgids = calloc(SYSCALL_INFO_MAX, sizeof(*sp->tgids));
	sp->infos = calloc(SYSCALL_INFO_MAX, sizeof(*sp->infos));
	if (!sp->keys || !sp->vals || !sp->tgids || !sp->infos) {
		syscall_procs_free(sp);
		return NULL;
	}
	return sp;
}

void syscall_procs_free(struct syscall_procs *sp)
{
	if (!sp)
		return;
	free(sp->keys);
	free(sp->vals);
	free(sp->tgids);
	free(sp->infos);
	free(sp);
}

/* One whole map into keys and vals; the number of entries read. */
static uint32_t read_map(struct syscall_procs *sp, const struct bpf_map *map, void *keys,
			 void *vals, uint32_t cap)
{
	bool was = sp->no_batch;
	uint32_t n = bpf_support_read_map(bpf_map__fd(map), keys, bpf_map__key_size(map), vals,
					  bpf_map__value_size(map), cap, &sp->no_batch);

	if (sp->no_batch && !was)
		diag_printf(sp->diag, MSG_DEBUG, "syscalls: batch lookup of %s failed, "
			    "reading key by key", bpf_map__name(map));
	return n;
}

/* Deletes n keys (key_size bytes each) from map fd: in one batch where
 * the kernel can (5.6), key by key otherwise. The number deleted. */
static uint32_t delete_keys(struct syscall_procs *sp, int fd, void *keys, size_t key_size,
			    uint32_t n)
{
	uint32_t done = 0, count;
	int err;

	while (!sp->no_batch_delete && done < n) {
		count = n - done;
		err = bpf_map_delete_batch(fd, (char *)keys + done * key_size, &count, NULL);
		done += count;
		if (!err)
			return done;
		if (err != -ENOENT) {
			diag_printf(sp->diag, MSG_DEBUG, "syscalls: batch delete failed (%d), "
				    "deleting key by key", err);
			sp->no_batch_delete = true;
			break;
		}
		done++;	/* gone already: none but this file deletes, so never */
	}
	for (; done < n; done++)
		bpf_map_delete_elem(fd, (char *)keys + done * key_size);
	return done;
}

/* Deletes the entries and infos just read of the processes the model
 * holds for good. Entries first: an info is what makes an entry's
 * process known, and must not go before it. The read buffers are
 * compacted in place to the keys to delete: what they held is in the
 * model already. */
static void reap(struct syscall_procs *sp, struct syscalls_bpf *skel, struct model *m)
{
	uint32_t i, n = 0;

	for (i = 0; i < sp->n; i++)
		if (model_procs_final(m, sp->keys[i].tgid))
			sp->keys[n++] = sp->keys[i];
	delete_keys(sp, bpf_map__fd(skel->maps.procs), sp->keys, sizeof(*sp->keys), n);
	for (i = 0, n = 0; i < sp->n_infos; i++)
		if (model_procs_final(m, sp->tgids[i]))
			sp->tgids[n++] = sp->tgids[i];
	delete_keys(sp, bpf_map__fd(skel->maps.proc_info), sp->tgids, sizeof(*sp->tgids), n);
}

int syscall_procs_sample(struct syscall_procs *sp, struct syscalls_bpf *skel, struct model *m)
{
	char comm[TT_COMM_LEN + 1];
	uint32_t i;

	/* Infos first: a process seen exited here has all its counts in
	 * the entries read after. */
	sp->n_infos = read_map(sp, skel->maps.proc_info, sp->tgids, sp->infos, SYSCALL_INFO_MAX);
	sp->n = read_map(sp, skel->maps.procs, sp->keys, sp->vals, SYSCALL_PROC_MAX);
	model_procs_begin(m);
	for (i = 0; i < sp->n_infos; i++) {
		/* The kernel terminates comm, but it is not trusted to. */
		memcpy(comm, sp->infos[i].comm, TT_COMM_LEN);
		comm[TT_COMM_LEN] = '\0';
		model_procs_info(m, sp->tgids[i], comm, sp->infos[i].exited != 0,
				 sp->infos[i].busy_ns, sp->infos[i].cgroup_id);
		if (sp->infos[i].exited)
			model_procs_ids(m, sp->tgids[i], sp->infos[i].ppid, sp->infos[i].uid);
	}
	for (i = 0; i < sp->n; i++)
		model_procs_add(m, sp->keys[i].tgid, sp->keys[i].id, sp->vals[i].count,
				sp->vals[i].errors);
	reap(sp, skel, m);
	if (skel->bss->busy_lost_ns && !sp->busy_lost_said) {
		sp->busy_lost_said = true;
		diag_printf(sp->diag, MSG_WARN, "syscalls: the process table is full: time in "
			    "system calls that no process could be credited with is left out of "
			    "SYS%%");
	}
	/* calls no entry could keep, in the kernel or here: the source's lost */
	model_source(m, TT_SRC_SYSCALL)->lost_total = skel->bss->procs_lost +
						      model_procs_lost_calls(m);
	return 0;
}
