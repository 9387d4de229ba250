/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Disk names for block device numbers, read from <root>/proc/partitions.
 * The bio probe only knows the kernel's dev_t; this table turns it into
 * "nvme0n1". The root is a parameter so tests read fixtures. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "partitions.h"

/* A decimal number of at most max; no sign, no other characters. */
static int parse_num(const char *tok, unsigned long long max, unsigned long long *out)
{
	unsigned long long v = 0;

	if (!*tok)
		return -EINVAL;
	for (; *tok; tok++) {
		if (*tok < '0' || *tok > '9')
			return -EINVAL;
		if (v > (max - (unsigned)(*tok - '0')) / 10)
			return -ERANGE;
		v = v * 10 + (unsigned)(*tok - '0');
	}
	*out = v;
	return 0;
}

/* Parses "major minor #blocks name" (line is modified). Returns 0, or
 * -EINVAL for anything else (the header, blank lines, garbage), which the
 * caller skips. */
static int parse_line(char *line, struct partition *out)
{
	unsigned long long major, minor, blocks;
	char *tok[5], *save = NULL;
	unsigned n = 0;

	for (tok[n] = strtok_r(line, " \t\n", &save); tok[n] && n < 4;)
		tok[++n] = strtok_r(NULL, " \t\n", &save);
	if (n != 4 || tok[4])
		return -EINVAL;
	/* the kernel's dev_t has 12 bits of major and 20 of minor */
	if (parse_num(tok[0], 0xfff, &major) || parse_num(tok[1], 0xfffff, &minor) ||
	    parse_num(tok[2], ULLONG_MAX, &blocks))
		return -EINVAL;
	if (strlen(tok[3]) >= sizeof(out->name))
		return -EINVAL;
	out->dev = tt_mkdev((unsigned)major, (unsigned)minor);
	strcpy(out->name, tok[3]);
	return 0;
}

static int partitions_append(struct partitions *p, size_t *cap, const struct partition *part)
{
	struct partition *v;

	if (p->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;

		v = realloc(p->v, ncap * sizeof(*v));
		if (!v)
			return -ENOMEM;
		p->v = v;
		*cap = ncap;
	}
	p->v[p->n++] = *part;
	return 0;
}

int partitions_load(struct partitions *p, const char *root)
{
	char path[PATH_MAX], line[256];
	struct partition part;
	size_t cap = 0;
	FILE *f;
	int err = 0;

	p->v = NULL;
	p->n = 0;
	if (!root || !strcmp(root, "/"))
		root = "";
	if (snprintf(path, sizeof(path), "%s/proc/partitions", root) >= (int)sizeof(path))
		return -ENAMETOOLONG;
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (!strchr(line, '\n') && !feof(f)) {
			int c;

			/* an over-long line: skip its rest and the line */
			while ((c = fgetc(f)) != EOF && c != '\n')
				;
			continue;
		}
		if (parse_line(line, &part))
			continue;
		err = partitions_append(p, &cap, &part);
		if (err)
			break;
	}
	if (!err && ferror(f))
		err = -EIO;
	fclose(f);
	if (err)
		partitions_fini(p);
	return err;
}

void partitions_fini(struct partitions *p)
{
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

const char *partitions_name(const struct partitions *p, uint32_t dev)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].dev == dev)
			return p->v[i].name;
	return NULL;
}
