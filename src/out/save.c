/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Saving a view to a file (save.h): what to write, and writing it so
 * that a file is either not touched or whole. */
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

/* Writes the view into fd (closed here): 0 or -errno. */
static int write_all(int fd, struct output *o, const struct save_view *v, struct save_result *r)
{
	FILE *f = fdopen(fd, "w");
	int err = 0;

	if (!f) {
		err = -errno;
		close(fd);
		r->step = "write";
		return err;
	}
	o->f = f;
	o->whole = true;
	header(o, v);
	r->rows = body(o, v);
	errno = 0;
	if (fflush(f) || ferror(f)) {
		err = errno ? -errno : -EIO;
		r->step = "write";
	} else if (fsync(fileno(f))) {
		err = -errno;
		r->step = "sync";
	}
	if (fclose(f) && !err) {
		err = -errno;
		r->step = "close";
	}
	o->f = NULL;
	return err;
}

/* A new file, created exclusively. */
static int save_new(const char *path, struct output *o, const struct save_view *v,
		    struct save_result *r)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, 0600);
	int err;

	if (fd < 0) {
		r->step = "create";
		return -errno;
	}
	err = write_all(fd, o, v, r);
	if (err)
		unlink(path);	/* ours, and not whole */
	return err;
}

/* Over an existing regular file, by a temporary file beside it. */
static int save_over(const char *path, struct output *o, const struct save_view *v,
		     struct save_result *r)
{
	char tmp[4096 + 16];
	struct stat sb;
	int fd, err;

	if (lstat(path, &sb)) {
		if (errno == ENOENT)	/* gone since it was asked about */
			return save_new(path, o, v, r);
		r->step = "look at";
		return -errno;
	}
	if (!S_ISREG(sb.st_mode)) {
		r->step = "replace";
		r->why = "not a regular file";
		return -EPERM;
	}
	snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		r->step = "create a temporary file for";
		return -errno;
	}
	err = write_all(fd, o, v, r);
	if (!err && rename(tmp, path)) {
		err = -errno;
		r->step = "replace";
	}
	if (err)
		unlink(tmp);
	return err;
}

int save_view_file(const char *path, bool overwrite, struct output *o, const struct save_view *v,
		   struct save_result *r)
{
	int err = resolve(path, r->path, sizeof(r->path));

	r->rows = 0;
	r->why = NULL;
	if (err) {
		snprintf(r->path, sizeof(r->path), "%s", path);
		r->step = "name";
		return err;
	}
	return overwrite ? save_over(r->path, o, v, r) : save_new(r->path, o, v, r);
}
