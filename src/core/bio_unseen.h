/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Block I/O completions the kernel made without running the bio
 * programs. The programs count the completions they ran for, per disk,
 * as the disk counts its own in /sys/dev/block/MAJ:MIN/stat; the disk's
 * count above the programs' is completions no program saw.
 *
 * The order of the reads makes that a lower bound, never an invention:
 * the block layer traces a request before it accounts it, so a
 * comparison reads the disk's count first, then the programs' (every
 * completion the disk has counted by then has passed the tracepoint).
 * A baseline wants the other order, the programs' count first (a
 * completion between the two reads then counts for neither side): the
 * probe takes every disk's at attach, when the programs' count is 0,
 * and a disk first seen later, or whose count went back, gets one at
 * its next comparison. Requests the programs count and the disk does
 * not only make the figure smaller. */
#ifndef TRACETOP_BIO_UNSEEN_H
#define TRACETOP_BIO_UNSEEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BIO_UNSEEN_DISKS 256

struct bio_unseen_disk {
	uint32_t dev;
	bool rebase;		/* a count went back: the next call is a baseline */
	uint64_t disk0, seen0;	/* both counts at the baseline */
	uint64_t unseen;	/* the largest shortfall since the baseline */
	uint64_t carried;	/* shortfalls before the last baseline */
};

struct bio_unseen {
	struct bio_unseen_disk v[BIO_UNSEEN_DISKS];
	size_t n;		/* disks past BIO_UNSEEN_DISKS are not compared */
};

/* Completed requests in a line of a disk's stat file: reads, writes,
 * discards and flushes (the fields a kernel has: 11, 15 or 17). Returns
 * 0, or -EINVAL for a line that is not one. */
int bio_disk_stat_done(const char *line, uint64_t *done);

/* Completed requests of disk dev from <root>/sys/dev/block/MAJ:MIN/stat
 * (root "" for the live system). Returns 0 or -errno. */
int bio_disk_done(const char *root, uint32_t dev, uint64_t *done);

/* The baseline of every disk under <root>/sys/block that takes requests
 * (blk-mq: it has an mq directory; a bio-based one such as dm or zram
 * never reaches the programs), with the programs' count 0: to be called
 * once the programs are attached, before they have counted anything.
 * Returns how many disks it took. */
size_t bio_unseen_baseline_all(struct bio_unseen *u, const char *root);

/* Whether dev's next call is a comparison (read the disk's count
 * first), not a baseline (read the programs' first). */
bool bio_unseen_known(const struct bio_unseen *u, uint32_t dev);

/* The two counts of dev: a baseline if !bio_unseen_known(), else a
 * comparison. */
void bio_unseen_update(struct bio_unseen *u, uint32_t dev, uint64_t disk_done, uint64_t seen);

/* Completions no program saw, over every disk compared. */
uint64_t bio_unseen_total(const struct bio_unseen *u);

#endif
