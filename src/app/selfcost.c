/* SPDX-License-Identifier: GPL-2.0-or-later */
/* tracetop's own cost; see selfcost.h. */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "selfcost.h"

/* Adds the value of "key:<ws>number" lines of an fdinfo file. */
static void fdinfo_fields(const char *path, const char *const *keys, uint64_t **vals, int n)
{
	FILE *f = fopen(path, "re");
	char line[256];
	int i;

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		for (i = 0; i < n; i++) {
			size_t kl = strlen(keys[i]);
			uint64_t v;

			if (!strncmp(line, keys[i], kl) && line[kl] == ':' &&
			    sscanf(line + kl + 1, "%" SCNu64, &v) == 1)
				*vals[i] += v;
		}
	}
	fclose(f);
}

static void scan_fds(const char *root, struct selfcost_sample *out)
{
	static const char *const prog_keys[] = { "run_time_ns", "run_cnt" };
	static const char *const map_keys[] = { "memlock" };
	char dir[512], link[800], target[64], info[800];
	struct dirent *d;
	DIR *dp;

	snprintf(dir, sizeof(dir), "%s/proc/self/fd", root);
	dp = opendir(dir);
	if (!dp)
		return;
	while ((d = readdir(dp))) {
		ssize_t n;

		if (d->d_name[0] == '.')
			continue;
		snprintf(link, sizeof(link), "%s/%s", dir, d->d_name);
		n = readlink(link, target, sizeof(target) - 1);
		if (n <= 0)
			continue;
		target[n] = '\0';
		snprintf(info, sizeof(info), "%s/proc/self/fdinfo/%s", root, d->d_name);
		if (!strcmp(target, "anon_inode:bpf-prog")) {
			uint64_t *vals[] = { &out->bpf_run_ns, &out->bpf_run_cnt };

			fdinfo_fields(info, prog_keys, vals, 2);
			out->n_progs++;
		} else if (!strcmp(target, "anon_inode:bpf-map")) {
			uint64_t *vals[] = { &out->map_bytes };

			fdinfo_fields(info, map_keys, vals, 1);
		}
	}
	closedir(dp);
}

static void read_rss(const char *root, struct selfcost_sample *out)
{
	char path[512], line[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/proc/self/status", root);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "VmRSS: %" SCNu64, &out->rss_kb) == 1)
			break;
	fclose(f);
}

int selfcost_read(const char *root, struct selfcost_sample *out)
{
	struct timespec ts;

	memset(out, 0, sizeof(*out));
	if (!root)
		root = "";
	scan_fds(root, out);
	read_rss(root, out);
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts))
		return -errno;
	out->cpu_ns = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	return 0;
}

int selfcost_read_process(const char *root, struct selfcost_sample *out,
			  const struct selfcost_sample *prev)
{
	struct timespec ts;

	*out = *prev;
	out->rss_kb = 0;
	read_rss(root ? root : "", out);
	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts))
		return -errno;
	out->cpu_ns = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
	return 0;
}

static double pct(uint64_t prev, uint64_t cur, double dt_s)
{
	if (dt_s <= 0 || cur < prev)
		return 0.0;
	return 100.0 * (double)(cur - prev) / (dt_s * 1e9);
}

void selfcost_update(struct tt_selfcost *c, const struct selfcost_sample *prev,
		     const struct selfcost_sample *cur, double dt_s)
{
	c->cpu_pct = pct(prev->cpu_ns, cur->cpu_ns, dt_s);
	c->bpf_cpu_pct = pct(prev->bpf_run_ns, cur->bpf_run_ns, dt_s);
	c->bpf_run_ns = cur->bpf_run_ns;
	c->bpf_run_cnt = cur->bpf_run_cnt;
	c->bpf_runs_interval = cur->bpf_run_cnt >= prev->bpf_run_cnt ?
			       cur->bpf_run_cnt - prev->bpf_run_cnt : 0;
	c->n_progs = cur->n_progs;
	c->map_bytes = cur->map_bytes;
	c->rss_kb = cur->rss_kb;
	c->cpu_ns = cur->cpu_ns;
}
