/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Completions the bio programs missed (see bio_unseen.h). */
#include <errno.h>
#include <stdlib.h>
#include "bio_unseen.h"

int bio_disk_stat_done(const char *line, uint64_t *done)
{
	/* 1-based fields: 1 reads, 5 writes, 12 discards, 16 flushes */
	uint64_t f[17];
	unsigned n = 0;
	const char *s = line;
	char *end;

	if (!line)
		return -EINVAL;
	while (n < 17) {
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '\0' || *s == '\n')
			break;
		if (*s < '0' || *s > '9')
			return -EINVAL;
		errno = 0;
		f[n] = strtoull(s, &end, 10);
		if (errno || (*end != ' ' && *end != '\t' && *end != '\n' && *end != '\0'))
			return -EINVAL;
		s = end;
		n++;
	}
	if (n < 11)
		return -EINVAL;
	*done = f[0] + f[4];
	if (n >= 15)
		*done += f[11];
	if (n >= 17)
		*done += f[15];
	return 0;
}

static struct bio_unseen_disk *find(const struct bio_unseen *u, uint32_t dev)
{
	for (size_t i = 0; i < u->n; i++)
		if (u->v[i].dev == dev)
			return (struct bio_unseen_disk *)&u->v[i];
	return NULL;
}

bool bio_unseen_known(const struct bio_unseen *u, uint32_t dev)
{
	const struct bio_unseen_disk *d = find(u, dev);

	return d && !d->rebase;
}

void bio_unseen_update(struct bio_unseen *u, uint32_t dev, uint64_t disk_done, uint64_t seen)
{
	struct bio_unseen_disk *d = find(u, dev);
	uint64_t disk, prog;

	if (!d) {
		if (u->n == BIO_UNSEEN_DISKS)
			return;
		d = &u->v[u->n++];
		*d = (struct bio_unseen_disk){ .dev = dev, .rebase = true };
	}
	if (d->rebase) {
		d->carried += d->unseen;
		*d = (struct bio_unseen_disk){ .dev = dev, .disk0 = disk_done, .seen0 = seen,
					       .carried = d->carried };
		return;
	}
	/* A count that went back (a disk gone and another under its
	 * number): what was missed stays counted; the next call is a
	 * baseline. */
	if (disk_done < d->disk0 || seen < d->seen0) {
		d->rebase = true;
		return;
	}
	disk = disk_done - d->disk0;
	prog = seen - d->seen0;
	if (disk > prog && disk - prog > d->unseen)
		d->unseen = disk - prog;
}

uint64_t bio_unseen_total(const struct bio_unseen *u)
{
	uint64_t t = 0;

	for (size_t i = 0; i < u->n; i++)
		t += u->v[i].carried + u->v[i].unseen;
	return t;
}
