/* Block I/O completions the kernel made without running the bio
 * programs. The programs count the completions they ran for, per disk;
 * the disk counts its own in /sys/dev/block/MAJ:MIN/stat. Read the
 * disk's count first, then the programs': every completion the disk has
 * counted by then has passed the tracepoint (the block layer traces a
 * request before it accounts it), so a disk count above the programs'
 * is completions no program saw. Requests the disk does not count
 * (passthrough, a queue with iostats off) only make the figure smaller:
 * it is a lower bound, never an invention. */
#ifndef TRACETOP_BIO_UNSEEN_H
#define TRACETOP_BIO_UNSEEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define BIO_UNSEEN_DISKS 64

struct bio_unseen_disk {
	uint32_t dev;
	uint64_t disk0, seen0;	/* both counts when first compared */
	uint64_t unseen;	/* the largest shortfall since the baseline */
	uint64_t carried;	/* shortfalls before a baseline was set again */
};

struct bio_unseen {
	struct bio_unseen_disk v[BIO_UNSEEN_DISKS];
	size_t n;		/* disks past BIO_UNSEEN_DISKS are not compared */
};

/* Completed requests in a line of a disk's stat file: reads, writes,
 * discards and flushes (the fields a kernel has: 11, 15 or 17). Returns
 * 0, or -EINVAL for a line that is not one. */
int bio_disk_stat_done(const char *line, uint64_t *done);

/* Whether dev has its baseline. */
bool bio_unseen_known(const struct bio_unseen *u, uint32_t dev);

/* One comparison of dev. The first sets the disk's baseline and wants
 * the programs' count read first, then the disk's (a completion between
 * the two reads must not count as missed later); every later one wants
 * the disk's read first. */
void bio_unseen_update(struct bio_unseen *u, uint32_t dev, uint64_t disk_done, uint64_t seen);

/* Completions no program saw, over every disk compared. */
uint64_t bio_unseen_total(const struct bio_unseen *u);

#endif
