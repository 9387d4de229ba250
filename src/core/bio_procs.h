/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Block I/O per issuing process, on the user-space side: the kernel's
 * cumulative per-tgid latency histograms (bio.h, map "procs") diffed
 * interval by interval.
 *
 * Each interval the bio probe hands the whole map over (begin, add per
 * entry, end). An entry the kernel's LRU evicted and made again (another
 * creation time) counts from zero: all its requests are new.
 * Entries not handed over are forgotten. Bounded: at most max entries. */
#ifndef TRACETOP_BIO_PROCS_H
#define TRACETOP_BIO_PROCS_H

#include <stddef.h>
#include <stdint.h>
#include <linux/types.h>
#include "events.h"
#include "hist.h"

struct bio_procs;

struct bio_proc_row {
	uint32_t tgid;
	char comm[TT_COMM_LEN + 1];	/* raw kernel bytes, NUL-terminated */
	struct hist interval;		/* device latency of this interval's requests */
	uint64_t total;			/* requests since first seen */
};

struct bio_procs *bio_procs_new(size_t max);
void bio_procs_free(struct bio_procs *b);
void bio_procs_begin(struct bio_procs *b);
/* One kernel entry: 0, or -ENOSPC when max entries were handed over. */
int bio_procs_add(struct bio_procs *b, uint32_t tgid, const char *comm, const uint64_t *slots,
		  unsigned nslots, uint64_t sum_us, uint64_t created_ns);
/* The entries handed over since begin, with their interval's requests;
 * valid until the next begin. */
const struct bio_proc_row *bio_procs_end(struct bio_procs *b, size_t *n);
/* The row of tgid in the last end's result, or NULL. */
const struct bio_proc_row *bio_procs_find(const struct bio_procs *b, uint32_t tgid);

#endif
