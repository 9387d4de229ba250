/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Cgroup ids to names (see cgroup_names.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cgroup.h"
#include "cgroup_names.h"

struct cg_entry {
	uint64_t id;		/* 0: a free slot */
	char name[32];		/* "": not in the hierarchy at the last walk */
};

struct cgroup_names {
	char root[256];
	char mnt[256];		/* the v2 mount under root; "" when none */
	struct cg_entry *slot;	/* owned, 2 * CGROUP_NAMES_MAX: open addressing */
	size_t n;
	bool walked_this_tick;
	unsigned walks;
};

#define SLOTS (2 * CGROUP_NAMES_MAX)

static size_t cg_hash(uint64_t id)
{
	id ^= id >> 29;
	id *= 0xbf58476d1ce4e5b9ULL;
	id ^= id >> 32;
	return (size_t)id & (SLOTS - 1);
}

static struct cg_entry *cg_slot(struct cgroup_names *cn, uint64_t id)
{
	size_t i = cg_hash(id);

	while (cn->slot[i].id && cn->slot[i].id != id)
		i = (i + 1) & (SLOTS - 1);
	return &cn->slot[i];
}

struct cgroup_names *cgroup_names_new(const char *root)
{
	struct cgroup_names *cn = calloc(1, sizeof(*cn));

	if (!cn)
		return NULL;
	cn->slot = calloc(SLOTS, sizeof(*cn->slot));
	if (!cn->slot) {
		free(cn);
		return NULL;
	}
	snprintf(cn->root, sizeof(cn->root), "%s", root ? root : "");
	if (cgroup2_mount(cn->root, cn->mnt, sizeof(cn->mnt)))
		cn->mnt[0] = '\0';
	return cn;
}

void cgroup_names_free(struct cgroup_names *cn)
{
	if (!cn)
		return;
	free(cn->slot);
	free(cn);
}

void cgroup_names_tick(struct cgroup_names *cn)
{
	cn->walked_this_tick = false;
}

/* Adds directory fd (the cgroup at path rel, "" for the root) and those
 * below it, depth levels down at most. */
static void walk(struct cgroup_names *cn, int fd, char *rel, size_t len, int depth)
{
	struct dirent *de;
	struct stat st;
	size_t at = strlen(rel);
	DIR *d;

	if (fstat(fd, &st) == 0 && cn->n < CGROUP_NAMES_MAX) {
		struct cg_entry *e = cg_slot(cn, (uint64_t)st.st_ino);

		if (!e->id) {
			e->id = (uint64_t)st.st_ino;
			cgroup_short_name(at ? rel : "/", e->name, sizeof(e->name));
			cn->n++;
		}
	}
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	while (depth > 0 && cn->n < CGROUP_NAMES_MAX && (de = readdir(d))) {
		int sub;

		/* cgroups are the directories; the rest are its files */
		if (de->d_type != DT_DIR || de->d_name[0] == '.')
			continue;
		if (at + 1 + strlen(de->d_name) >= len)
			continue;
		sub = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_CLOEXEC | O_NOFOLLOW);
		if (sub < 0)
			continue;
		snprintf(rel + at, len - at, "/%s", de->d_name);
		walk(cn, sub, rel, len, depth - 1);
		rel[at] = '\0';
	}
	closedir(d);
}

/* Remembers id as in no cgroup of the hierarchy. */
static void put_gone(struct cgroup_names *cn, uint64_t id)
{
	struct cg_entry *e = cg_slot(cn, id);

	if (!e->id && cn->n < CGROUP_NAMES_MAX) {
		e->id = id;
		e->name[0] = '\0';
		cn->n++;
	}
}

/* Walks the hierarchy afresh: cgroups come and go, ids are not reused,
 * so the ids known to be gone stay gone (at most GONE_KEPT of them). */
#define GONE_KEPT 1024

static void rewalk(struct cgroup_names *cn)
{
	char full[512], rel[4096] = "";
	uint64_t gone[GONE_KEPT];
	size_t n_gone = 0;
	int fd;

	for (size_t i = 0; i < SLOTS && n_gone < GONE_KEPT; i++)
		if (cn->slot[i].id && !cn->slot[i].name[0])
			gone[n_gone++] = cn->slot[i].id;
	memset(cn->slot, 0, SLOTS * sizeof(*cn->slot));
	cn->n = 0;
	cn->walks++;
	if (cn->mnt[0]) {
		snprintf(full, sizeof(full), "%s%s", cn->root, cn->mnt);
		fd = open(full, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (fd >= 0)
			walk(cn, fd, rel, sizeof(rel), CGROUP_NAMES_DEPTH);
	}
	for (size_t i = 0; i < n_gone; i++)
		put_gone(cn, gone[i]);
}

bool cgroup_names_get(struct cgroup_names *cn, uint64_t id, char *out, size_t len)
{
	struct cg_entry *e;

	if (!id)
		return false;
	e = cg_slot(cn, id);
	if (!e->id && !cn->walked_this_tick) {
		cn->walked_this_tick = true;
		rewalk(cn);
		e = cg_slot(cn, id);
		/* gone (or beyond the bounds): remembered as such, so that
		 * only an id never seen starts a walk */
		if (!e->id) {
			put_gone(cn, id);
			e = cg_slot(cn, id);
		}
	}
	if (!e->id || !e->name[0])
		return false;
	snprintf(out, len, "%s", e->name);
	return true;
}

size_t cgroup_names_count(const struct cgroup_names *cn)
{
	return cn->n;
}

unsigned cgroup_names_walks(const struct cgroup_names *cn)
{
	return cn->walks;
}
