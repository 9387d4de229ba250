/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Control groups (see cgroup.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <fcntl.h>
#include <unistd.h>
#include "cgroup.h"

#define CGROUP2_MAGIC 0x63677270

int cgroup2_mount(const char *root, char *out, size_t len)
{
	char path[300], line[4096], mnt[2048], type[64];
	FILE *f;
	int rc = -ENOENT;

	snprintf(path, sizeof(path), "%s/proc/self/mounts", root);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		/* device mountpoint type options ... (octal escapes in the
		 * mount point are rare for cgroupfs: taken as written) */
		if (sscanf(line, "%*s %2047s %63s", mnt, type) == 2 && strcmp(type, "cgroup2") == 0) {
			snprintf(out, len, "%s", mnt);
			rc = 0;
			break;
		}
	}
	fclose(f);
	return rc;
}

int cgroup_open(const char *root, const char *path, int *fd, char *err, size_t len)
{
	char mnt[2048], full[4096];
	struct statfs fs;
	struct stat st;
	int d;

	if (cgroup2_mount(root, mnt, sizeof(mnt))) {
		snprintf(err, len, "no cgroup v2 hierarchy is mounted");
		return -ENOENT;
	}
	if (path[0] == '/')
		snprintf(full, sizeof(full), "%s", path);
	else
		snprintf(full, sizeof(full), "%s/%s", mnt, path);
	d = open(full, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (d < 0) {
		snprintf(err, len, "%s: %s", full, strerror(errno));
		return -ENOENT;
	}
	/* the directory opened is the one checked: no race with a rename */
	if (fstatfs(d, &fs) || fs.f_type != CGROUP2_MAGIC || fstat(d, &st) || !S_ISDIR(st.st_mode)) {
		snprintf(err, len, "%s is not a directory of the cgroup v2 hierarchy (mounted at %s)",
			 full, mnt);
		close(d);
		return -EINVAL;
	}
	*fd = d;
	return 0;
}

int cgroup_of_pid(const char *root, uint32_t pid, char *out, size_t len)
{
	char path[320], line[4096];
	FILE *f;
	int rc = -ENOENT;

	snprintf(path, sizeof(path), "%s/proc/%u/cgroup", root, pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "0::", 3))
			continue;
		line[strcspn(line, "\n")] = '\0';
		snprintf(out, len, "%s", line + 3);
		rc = 0;
		break;
	}
	fclose(f);
	return rc;
}

/* "PREFIX<hex>SUFFIX" with at least 12 hex digits: writes "tag:<12 hex>". */
static int container_id(const char *last, const char *prefix, const char *suffix,
			const char *tag, char *out, size_t len)
{
	size_t pl = strlen(prefix), sl = strlen(suffix), n = strlen(last), hex;

	if (n < pl + sl + 12 || strncmp(last, prefix, pl) || strcmp(last + n - sl, suffix))
		return -1;
	hex = strspn(last + pl, "0123456789abcdef");
	if (hex != n - pl - sl)
		return -1;
	snprintf(out, len, "%s:%.12s", tag, last + pl);
	return 0;
}

void cgroup_short_name(const char *path, char *out, size_t len)
{
	const char *last = strrchr(path, '/');
	char parent[256] = "";

	last = last ? last + 1 : path;
	if (!*last) {
		snprintf(out, len, "-");
		return;
	}
	if (!container_id(last, "docker-", ".scope", "docker", out, len) ||
	    !container_id(last, "libpod-", ".scope", "podman", out, len) ||
	    !container_id(last, "cri-containerd-", ".scope", "containerd", out, len) ||
	    !container_id(last, "crio-", ".scope", "crio", out, len))
		return;
	/* cgroupfs drivers: /docker/<id>, /kubepods/.../<id> */
	if (last > path + 1) {
		const char *p = last - 1;
		size_t pl;

		while (p > path && p[-1] != '/')
			p--;
		pl = (size_t)(last - 1 - p);
		if (pl < sizeof(parent)) {
			memcpy(parent, p, pl);
			parent[pl] = '\0';
		}
	}
	if (strcmp(parent, "docker") == 0 && !container_id(last, "", "", "docker", out, len))
		return;
	snprintf(out, len, "%s", last);
}
