/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Saving a view to a file (save.h): what to write, and writing it so
 * that a file is either not touched or whole. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "clock.h"
#include "regfile.h"
#include "sanitize.h"
#include "save.h"

static const char *const what_names[] = {
	[SAVE_EVENTS] = "events", [SAVE_FAILS] = "failing-calls", [SAVE_SYSCALLS] = "syscalls",
	[SAVE_PROCS] = "processes", [SAVE_VFS] = "vfs", [SAVE_BIO] = "block-io",
};

static const char *const what_titles[] = {
	[SAVE_EVENTS] = "the event log", [SAVE_FAILS] = "the failing calls",
	[SAVE_SYSCALLS] = "the syscall table", [SAVE_PROCS] = "the processes",
	[SAVE_VFS] = "the VFS rates", [SAVE_BIO] = "the block I/O latency histograms",
};

const char *save_what_name(enum save_what what)
{
	return (unsigned)what <= SAVE_BIO ? what_names[what] : "?";
}

bool save_is_json(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot && !strchr(dot, '/') &&
	       (!strcmp(dot, ".json") || !strcmp(dot, ".ndjson") || !strcmp(dot, ".jsonl"));
}

static enum output_part part_of(enum save_what what)
{
	switch (what) {
	case SAVE_FAILS:
		return OUTPUT_FAILS;
	case SAVE_SYSCALLS:
		return OUTPUT_SYSCALLS;
	case SAVE_PROCS:
		return OUTPUT_PROCS;
	case SAVE_VFS:
		return OUTPUT_VFS;
	default:
		return OUTPUT_BIO;
	}
}

static size_t rows_of(const struct save_view *v)
{
	switch (v->what) {
	case SAVE_FAILS:
		return v->snap->n_fails;
	case SAVE_SYSCALLS:
		return v->snap->n_syscalls;
	case SAVE_PROCS:
		return v->snap->n_procs;
	case SAVE_BIO:
		return v->snap->n_disks;
	default:
		return 1;
	}
}

/* The first line: what this is, from where and when. */
static void header(const struct output *o, const struct save_view *v)
{
	const struct tt_snapshot *s = v->snap;
	/* before the first interval (the event log only): now */
	int64_t wall_ms = s->seq ? s->wall_ms : (int64_t)(clock_real_ns() / 1000000);
	time_t t = (time_t)(wall_ms / 1000);
	char stamp[32] = "?";
	struct tm tm;
	bool filtered = v->filter && v->filter[0];

	if (o->json) {
		fprintf(o->f, "{\"type\":\"saved\",\"version\":");
		json_fputs(o->f, o->version ? o->version : "", o->version ? strlen(o->version) : 0);
		fputs(",\"host\":", o->f);
		json_fputs(o->f, s->hostname, strnlen(s->hostname, sizeof(s->hostname)));
		fprintf(o->f, ",\"view\":\"%s\",\"seq\":%" PRIu64 ",\"time\":%" PRId64 ".%03" PRId64
			",\"filter\":", save_what_name(v->what), s->seq, wall_ms / 1000, wall_ms % 1000);
		if (filtered)
			json_fputs(o->f, v->filter, strlen(v->filter));
		else
			fputs("null", o->f);
		fputs("}\n", o->f);
		return;
	}
	if (localtime_r(&t, &tm))
		strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
	fprintf(o->f, "# tracetop %s on ", o->version ? o->version : "");
	sanitize_fputs(o->f, s->hostname, strnlen(s->hostname, sizeof(s->hostname)));
	fprintf(o->f, ", interval %" PRIu64 " at %s: %s", s->seq, stamp, what_titles[v->what]);
	if (filtered) {
		fputs(", filter: ", o->f);
		sanitize_fputs(o->f, v->filter, strlen(v->filter));
	}
	fputc('\n', o->f);
}

static size_t body(const struct output *o, const struct save_view *v)
{
	size_t n;

	if (v->what == SAVE_EVENTS) {
		n = output_events_of(o, v->log, v->events, v->events_end);
		if (!o->json)
			fprintf(o->f, "# %zu events\n", n);
		return n;
	}
	if (o->json) {
		fprintf(o->f, "{\"type\":\"view\",\"view\":\"%s\",\"seq\":%" PRIu64, save_what_name(v->what),
			v->snap->seq);
		output_part(o, v->snap, part_of(v->what));
		fputs("}\n", o->f);
	} else {
		output_part(o, v->snap, part_of(v->what));
	}
	return rows_of(v);
}

/* path with a leading ~/ taken from $HOME, made absolute. */
static int resolve(const char *path, char *out, size_t len)
{
	const char *home = getenv("HOME");
	char cwd[4096];
	int k;

	if (!path[0])
		return -EINVAL;
	if (!strncmp(path, "~/", 2) && home && home[0] == '/')
		k = snprintf(out, len, "%s/%s", home, path + 2);
	else if (path[0] == '/')
		k = snprintf(out, len, "%s", path);
	else if (getcwd(cwd, sizeof(cwd)))
		k = snprintf(out, len, "%s/%s", strcmp(cwd, "/") ? cwd : "", path);
	else
		return -errno;
	return k < 0 || (size_t)k >= len ? -ENAMETOOLONG : 0;
}

/* Writes go through this, so that the first error is kept (stdio's
 * errno after a later fflush may be another call's, or none). */
struct sink_fd {
	int fd;
	int err;
};

static ssize_t sink_write(void *cookie, const char *buf, size_t n)
{
	struct sink_fd *k = cookie;

	if (!k->err)
		k->err = -regfile_write_all(k->fd, buf, n);
	return k->err ? -1 : (ssize_t)n;
}

/* Writes the view into fd and syncs it (fd stays open): 0 or -errno. */
static int write_view(int fd, struct output *o, const struct save_view *v, struct save_result *r)
{
	struct sink_fd k = { fd, 0 };
	cookie_io_functions_t io = { .write = sink_write };
	FILE *f = fopencookie(&k, "w", io);
	int err = 0;

	r->step = "write";
	if (!f)
		return -errno;
	o->f = f;
	o->whole = true;
	header(o, v);
	r->rows = body(o, v);
	if (fclose(f) && !k.err)
		k.err = EIO;
	o->f = NULL;
	if (k.err)
		return -k.err;
	if (fsync(fd)) {
		err = -errno;
		r->step = "sync";
	}
	return err;
}

/* Puts tmp at path: over it (overwrite), or only if nothing is there
 * (no name is ever replaced that the user was not asked about, even one
 * made meanwhile). */
static int put_in_place(const char *tmp, const char *path, bool overwrite)
{
	if (overwrite)
		return rename(tmp, path) ? -errno : 0;
	if (!renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE))
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -errno;
	/* a file system without it: a hard link never replaces either */
	if (link(tmp, path))
		return -errno;
	unlink(tmp);
	return 0;
}

int save_view_file(const char *path, bool overwrite, struct output *o, const struct save_view *v,
		   struct save_result *r)
{
	char tmp[4096 + 16];
	struct stat sb;
	bool exists;
	int err, fd;

	r->rows = 0;
	r->why = NULL;
	r->note = NULL;
	err = resolve(path, r->path, sizeof(r->path));
	if (err) {
		snprintf(r->path, sizeof(r->path), "%s", path);
		r->step = "name";
		return err;
	}
	/* what is there decides before anything is written */
	exists = !lstat(r->path, &sb);
	if (!exists && errno != ENOENT) {
		r->step = "look at";
		return -errno;
	}
	if (exists && !S_ISREG(sb.st_mode)) {
		r->step = "write to";
		r->why = S_ISLNK(sb.st_mode) ? "a symbolic link is never written through" :
			 "not a regular file";
		return -EPERM;
	}
	if (exists && !overwrite) {
		r->step = "create";
		return -EEXIST;
	}
	/* a temporary file beside it, so the name holds either what was
	 * there or the whole new file, whatever happens */
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", r->path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		r->step = "create";
		return -errno;
	}
	/* a file replaced keeps its mode (not set-id bits) and owner; a new
	 * one is the user's alone, and so is one whose owner cannot be
	 * kept (its mode would give others what the owner had) */
	if (exists) {
		struct stat nb;
		/* the new file's own owner (a set-group-ID directory gives
		 * it the directory's group, not the saver's) */
		bool kept = !fstat(fd, &nb) && nb.st_uid == sb.st_uid && nb.st_gid == sb.st_gid;

		if (!kept && !fchown(fd, sb.st_uid, sb.st_gid))
			kept = true;
		if (fchmod(fd, kept ? sb.st_mode & 0777 : sb.st_mode & 0700)) {
			err = -errno;
			r->step = "create";
		}
		if (!kept)
			r->note = "its owner could not be kept: it is yours now, for you alone";
	}
	if (!err)
		err = write_view(fd, o, v, r);
	if (close(fd) && !err) {
		err = -errno;
		r->step = "close";
	}
	if (!err && (err = put_in_place(tmp, r->path, exists)))
		r->step = exists ? "replace" : "create";
	if (err) {
		unlink(tmp);
		return err;
	}
	regfile_sync_dir(r->path);	/* the new name is on the disk too */
	return 0;
}
