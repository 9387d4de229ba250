/* SPDX-License-Identifier: GPL-2.0-or-later */
/* libbpf plumbing shared by the probes; see bpf_support.h.
 *
 * libbpf's print callback carries no user pointer, so the message diag it
 * writes to is the one piece of file-scope state in tracetop; it is set
 * once by the app before any object is opened. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>
#include <linux/magic.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include "bpf_support.h"
#include "events.h"

#ifndef TRACEFS_MAGIC
#define TRACEFS_MAGIC 0x74726163
#endif

#define BPF_SUPPORT_RING_KB_DEFAULT 1024

static struct diag *libbpf_log;

static int libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	if (!libbpf_log)
		return 0;
	diag_vprintf(libbpf_log, level == LIBBPF_WARN ? MSG_INFO : MSG_DEBUG, fmt, ap);
	return 0;
}

void bpf_support_route_libbpf(struct diag *diag)
{
	libbpf_log = diag;
	libbpf_set_print(libbpf_print);
}

int bpf_support_ring_add(const struct probe_env *env, struct bpf_map *map,
			 ring_buffer_sample_fn fn, void *ctx)
{
	int fd = bpf_map__fd(map);

	if (fd < 0)
		return -EBADF;
	if (!*env->rb) {
		*env->rb = ring_buffer__new(fd, fn, ctx, NULL);
		if (!*env->rb)
			return -errno;
		return 0;
	}
	return ring_buffer__add(*env->rb, fd, fn, ctx);
}

int bpf_support_percpu_sum(int map_fd, uint32_t key, uint64_t *out, unsigned n_u64)
{
	int ncpu = libbpf_num_possible_cpus();
	uint64_t *vals;
	int i, err = 0;
	unsigned j;

	if (ncpu <= 0)
		return ncpu ? ncpu : -EINVAL;
	vals = calloc((size_t)ncpu * n_u64, sizeof(*vals));
	if (!vals)
		return -ENOMEM;
	if (bpf_map_lookup_elem(map_fd, &key, vals)) {
		err = -errno;
		goto out;
	}
	for (j = 0; j < n_u64; j++)
		out[j] = 0;
	for (i = 0; i < ncpu; i++)
		for (j = 0; j < n_u64; j++)
			out[j] += vals[(size_t)i * n_u64 + j];
out:
	free(vals);
	return err;
}

int bpf_support_read_batch(int fd, void *keys, size_t key_size, void *vals, size_t val_size,
			   uint32_t cap, uint32_t *n)
{
	uint32_t in_tok = 0, out_tok = 0, count, done = 0;
	bool first = true;
	int err = 0;

	while (done < cap) {
		count = cap - done;
		err = bpf_map_lookup_batch(fd, first ? NULL : &in_tok, &out_tok,
					   (char *)keys + done * key_size,
					   (char *)vals + done * val_size, &count, NULL);
		if (err && err != -ENOENT)
			break;
		done += count;
		if (err == -ENOENT) {
			err = 0;	/* end of the map */
			break;
		}
		in_tok = out_tok;
		first = false;
	}
	*n = done;
	return err;
}

uint32_t bpf_support_read_map(int fd, void *keys, size_t key_size, void *vals, size_t val_size,
			      uint32_t cap, bool *no_batch)
{
	char key[16], next[16];
	void *prev = NULL;
	uint32_t n = 0;

	if (!*no_batch && bpf_support_read_batch(fd, keys, key_size, vals, val_size, cap, &n) == 0)
		return n;
	*no_batch = true;
	if (key_size > sizeof(key))
		return 0;
	n = 0;
	while (n < cap && bpf_map_get_next_key(fd, prev, next) == 0) {
		memcpy(key, next, key_size);
		prev = key;
		if (bpf_map_lookup_elem(fd, key, (char *)vals + (size_t)n * val_size))
			continue;
		memcpy((char *)keys + (size_t)n * key_size, key, key_size);
		n++;
	}
	return n;
}

int bpf_support_ring_stats(struct bpf_map *stats, uint64_t *submitted, uint64_t *lost)
{
	uint64_t v[2];
	int err;

	err = bpf_support_percpu_sum(bpf_map__fd(stats), 0, v, 2);
	if (err)
		return err;
	*submitted = v[0];
	*lost = v[1];
	return 0;
}

static bool is_tracefs(const char *dir)
{
	struct statfs sf;

	return statfs(dir, &sf) == 0 && (unsigned long)sf.f_type == TRACEFS_MAGIC;
}

int bpf_support_tracefs(char *reason, size_t len)
{
	if (is_tracefs("/sys/kernel/tracing") ||
	    is_tracefs("/sys/kernel/debug/tracing"))
		return 0;
	if (geteuid() != 0) {
		snprintf(reason, len, "tracefs is not mounted and only root can mount it "
			 "(mount -t tracefs nodev /sys/kernel/tracing)");
		return -EPERM;
	}
	if (mount("nodev", "/sys/kernel/tracing", "tracefs", 0, NULL) != 0) {
		int err = -errno;

		snprintf(reason, len, "tracefs is not mounted and mounting it at "
			 "/sys/kernel/tracing failed: %s", strerror(-err));
		return err;
	}
	return 0;
}

bool bpf_support_tracepoint_exists(const char *category, const char *name)
{
	static const char *const roots[] = {
		"/sys/kernel/tracing/events",
		"/sys/kernel/debug/tracing/events",
	};
	char path[256];
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s/%s", roots[i], category, name);
		if (stat(path, &st) == 0)
			return true;
	}
	return false;
}

void bpf_support_tracepoint_why(const char *category, const char *name, char *why,
				 size_t len)
{
	/* tracefs is mode 0700 on most systems: a user with CAP_BPF and
	 * CAP_PERFMON but not root sees no tracepoint at all */
	static const char *const roots[] = {
		"/sys/kernel/tracing/events",
		"/sys/kernel/debug/tracing/events",
	};
	bool denied = false, reached = false;

	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		if (access(roots[i], X_OK) == 0)
			reached = true;
		else if (errno == EACCES)
			denied = true;
	}
	if (denied && !reached)
		snprintf(why, len, "tracepoint %s/%s cannot be looked up: tracefs "
			 "(/sys/kernel/tracing) is not accessible to this user "
			 "(run as root, or give this user access to tracefs)", category, name);
	else
		snprintf(why, len, "tracepoint %s/%s is missing "
			 "(kernel without CONFIG_FTRACE_SYSCALLS?)", category, name);
}

uint32_t bpf_support_ring_bytes(unsigned kb)
{
	uint64_t want = (uint64_t)(kb ? kb : BPF_SUPPORT_RING_KB_DEFAULT) * 1024;
	uint64_t size = (uint64_t)sysconf(_SC_PAGESIZE);

	while (size < want && size < (1u << 30))
		size <<= 1;
	return (uint32_t)size;
}

uint64_t bpf_support_wakeup_bytes(uint32_t ring_bytes)
{
	uint64_t quarter = ring_bytes / 4;

	return quarter < TT_RB_WAKEUP_BYTES ? quarter : TT_RB_WAKEUP_BYTES;
}

int bpf_support_enable_stats(void)
{
	int fd = bpf_enable_stats(BPF_STATS_RUN_TIME);

	return fd < 0 ? -errno : fd;
}

const char *bpf_support_strerror(int err, char *buf, size_t len)
{
	if (err < 0)
		err = -err;
	switch (err) {
	case EPERM:
		snprintf(buf, len, "not permitted (EPERM)");
		break;
	case EACCES:
		snprintf(buf, len, "access denied (EACCES)");
		break;
	case ENOENT:
		snprintf(buf, len, "not found in this kernel (ENOENT)");
		break;
	case EOPNOTSUPP:
		snprintf(buf, len, "not supported by this kernel (EOPNOTSUPP)");
		break;
	case EINVAL:
		snprintf(buf, len, "rejected by the kernel (EINVAL)");
		break;
	case ESRCH:
		snprintf(buf, len, "kernel symbol or type not found (ESRCH)");
		break;
	default:
		snprintf(buf, len, "%s (errno %d)", strerror(err), err);
		break;
	}
	return buf;
}

void bpf_support_fail(struct tt_source_status *st, struct diag *diag,
		      const char *fmt, ...)
{
	va_list ap;

	st->state = TT_STATE_FAILED;
	va_start(ap, fmt);
	vsnprintf(st->error, sizeof(st->error), fmt, ap);
	va_end(ap);
	if (diag)
		diag_printf(diag, MSG_WARN, "%s", st->error);
}

void bpf_support_hook_failed(struct diag *diag, const char *src, const char *hook,
			     const char *why, char *tried, size_t len)
{
	size_t pos = strnlen(tried, len);

	diag_printf(diag, MSG_INFO, "%s: %s unavailable: %s", src, hook, why);
	if (pos + 1 < len)
		snprintf(tried + pos, len - pos, "%s%s: %s", pos ? "; " : "", hook, why);
}

_Static_assert(TT_IDS_MAX == TT_FILTER_IDS_MAX, "-p and -u fit the kernel's filter maps");

/* The ids of a list into the map name of obj, when there are several. */
static int fill_ids(struct bpf_object *obj, const char *name, const struct tt_ids *ids)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, name);
	__u8 one = 1;

	if (ids->n < 2)
		return 0;
	if (!map)
		return -ENOENT;
	for (uint32_t i = 0; i < ids->n; i++)
		if (bpf_map_update_elem(bpf_map__fd(map), &ids->v[i], &one, BPF_ANY))
			return -errno;
	return 0;
}

int bpf_support_filter_maps(struct bpf_object *obj, const struct options *opt)
{
	struct bpf_map *map = bpf_object__find_map_by_name(obj, "cgroup_filter");
	__u32 zero = 0, fd = (__u32)opt->cgroup_fd;
	int err = fill_ids(obj, "pid_filter", &opt->pids);

	if (!err)
		err = fill_ids(obj, "uid_filter", &opt->uids);
	if (err || !opt->cgroup_open)
		return err;
	if (!map)
		return -ENOENT;
	return bpf_map_update_elem(bpf_map__fd(map), &zero, &fd, BPF_ANY) ? -errno : 0;
}
