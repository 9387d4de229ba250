/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Block device numbers -> disk names, from <root>/proc/partitions. The
 * root is a parameter so tests can use fixtures. */
#ifndef TRACETOP_PARTITIONS_H
#define TRACETOP_PARTITIONS_H

#include <stddef.h>
#include <stdint.h>

struct partition {
	uint32_t dev;		/* kernel dev_t: major << 20 | minor */
	char name[32];
};

struct partitions {
	struct partition *v;	/* owned */
	size_t n;
};

/* Reads <root>/proc/partitions (root "" or NULL for the live system).
 * On error returns -errno and leaves p empty but valid. */
int partitions_load(struct partitions *p, const char *root);
void partitions_fini(struct partitions *p);
/* Name of dev, or NULL. */
const char *partitions_name(const struct partitions *p, uint32_t dev);
/* Kernel dev_t encoding used by the BPF side. */
static inline uint32_t tt_mkdev(unsigned major, unsigned minor)
{
	return (major << 20) | (minor & 0xfffff);
}

#endif
