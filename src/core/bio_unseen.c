/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Completions the bio programs missed (see bio_unseen.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include "bio_unseen.h"
#include "partitions.h"

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

/* Reads a small sysfs file whole into buf (NUL-terminated). */
static int read_small(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

int bio_disk_done(const char *root, uint32_t dev, uint64_t *done)
{
	char path[4200], buf[512];
	int err;

	snprintf(path, sizeof(path), "%s/sys/dev/block/%u:%u/stat", root ? root : "",
		 dev >> 20, dev & 0xfffff);
	err = read_small(path, buf, sizeof(buf));
	return err ? err : bio_disk_stat_done(buf, done);
}

size_t bio_unseen_baseline_all(struct bio_unseen *u, const char *root)
{
	char path[4200], buf[32];
	unsigned major, minor;
	struct dirent *e;
	size_t taken = 0;
	uint64_t disk;
	DIR *dir;

	root = root ? root : "";
	snprintf(path, sizeof(path), "%s/sys/block", root);
	dir = opendir(path);
	if (!dir)
		return 0;
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/sys/block/%s/mq", root, e->d_name);
		if (access(path, F_OK))
			continue;
		snprintf(path, sizeof(path), "%s/sys/block/%s/dev", root, e->d_name);
		if (read_small(path, buf, sizeof(buf)) || sscanf(buf, "%u:%u", &major, &minor) != 2)
			continue;
		if (bio_disk_done(root, tt_mkdev(major, minor), &disk))
			continue;
		if (!bio_unseen_known(u, tt_mkdev(major, minor))) {
			bio_unseen_update(u, tt_mkdev(major, minor), disk, 0);
			taken++;
		}
	}
	closedir(dir);
	return taken;
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
