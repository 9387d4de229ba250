/* SPDX-License-Identifier: GPL-2.0-or-later */
/* Fuzz target: recordings (src/rec/). The first byte says what the rest
 * is:
 *   even  one tick record, decompressed (rec_tick_decode): when it
 *         decodes, what it decoded to is encoded and decoded again, to
 *         the same snapshot (the two directions agree; the byte-for-byte
 *         fixed point is the unit test's, on a run's own ticks: a
 *         hostile tick's event numbers and loss counts need not be one);
 *   odd   a whole recording file (rec_reader_open, then every tick read,
 *         in order and by a jump).
 *
 * Properties: nothing is read past the input, no failure without a
 * reason, a reader's message names the file, decoded counts stay within
 * the format's limits. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "fuzz.h"
#include "output.h"
#include "rec_format.h"
#include "rec_reader.h"
#include "rec_snap.h"

static struct event_log *the_log(void)
{
	static struct event_log log;
	static int ready;

	if (!ready) {
		if (event_log_init_bytes(&log, 1 << 16, 16 << 20))
			abort();
		ready = 1;
	}
	return &log;
}

/* What the batch writers print of a decoded tick: terminal-safe text,
 * one JSON line (what a replay with -b or --json prints). */
static void check_output(const struct tt_snapshot *s, const struct event_log *log)
{
	for (int json = 0; json <= 1; json++) {
		struct output out = { .json = json, .interval_s = 1.0, .version = "fuzz" };
		char *mem = NULL;
		size_t len = 0;

		out.f = open_memstream(&mem, &len);
		if (!out.f)
			abort();
		output_snapshot(&out, s, log, false);
		fclose(out.f);
		if (json) {
			if (!len || mem[len - 1] != '\n' || memchr(mem, '\n', len - 1))
				fuzz_fail("a replayed JSON snapshot is not one line", mem, len);
			fuzz_check_terminal_safe(mem, len - 1, 0, "replayed JSON snapshot");
			fuzz_check_json(mem, len - 1, "replayed JSON snapshot");
		} else {
			fuzz_check_terminal_safe(mem, len, 1, "replayed text snapshot");
		}
		free(mem);
	}
}

static void check_snap(const struct tt_snapshot *s, const void *data, size_t size)
{
	if (s->n_syscalls > REC_SYSCALL_ROWS_MAX || s->n_procs > REC_ROWS_MAX ||
	    s->n_proc_calls > REC_CALLS_MAX || s->n_disks > REC_DISKS_MAX ||
	    s->n_fails > REC_ROWS_MAX || s->n_tree > REC_ROWS_MAX)
		fuzz_fail("a decoded count beyond the format's limits", data, size);
	for (size_t i = 0; i < s->n_fails; i++)
		if (s->fails[i].path_len && !s->fails[i].path)
			fuzz_fail("a failing call's path without bytes", data, size);
}

static void one_tick(const uint8_t *data, size_t size)
{
	static struct rec_snap a, b;
	struct rec_buf e1 = { 0 };
	struct event_log *log = the_log();
	struct rec_io io;
	uint64_t u = 0, u1 = 0, u2 = 0;

	event_log_reset(log);
	if (rec_tick_decode(&a, log, data, size, &u, &io)) {
		if (!io.why || io.bad_at > size)
			fuzz_fail("a failure without its reason or offset", data, size);
		return;
	}
	check_snap(&a.s, data, size);
	check_output(&a.s, log);
	/* what tracetop writes of it, it reads back: the same snapshot
	 * (its tick, every table's size) */
	rec_tick_encode(&e1, &a.s, log, &u1);
	if (e1.oom)
		goto out;
	event_log_reset(log);
	if (rec_tick_decode(&b, log, e1.p, e1.len, &u2, &io))
		fuzz_fail("tracetop's own encoding does not decode", e1.p, e1.len);
	if (b.s.seq != a.s.seq || b.s.n_syscalls != a.s.n_syscalls || b.s.n_procs != a.s.n_procs ||
	    b.s.n_proc_calls != a.s.n_proc_calls || b.s.n_disks != a.s.n_disks ||
	    b.s.n_fails != a.s.n_fails || b.s.n_tree != a.s.n_tree || b.s.n_errnos != a.s.n_errnos ||
	    strcmp(b.s.caption, a.s.caption))
		fuzz_fail("tracetop's own encoding decodes to another snapshot", data, size);
	check_output(&b.s, log);
out:
	rec_buf_free(&e1);
}

static void whole_file(const uint8_t *data, size_t size)
{
	static struct rec_snap rs;
	struct event_log *log = the_log();
	struct rec_reader *r;
	char path[64], msg[1024];
	uint64_t unrec;
	int fd = memfd_create("fuzz.ttrec", MFD_CLOEXEC);
	size_t n;

	if (fd < 0)
		abort();
	if (size && write(fd, data, size) != (ssize_t)size)
		abort();
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	r = rec_reader_open(path, msg, sizeof(msg));
	if (!r) {
		if (!strstr(msg, path) && strcmp(msg, "out of memory"))
			fuzz_fail("a reader's message without the file's name", msg, strlen(msg));
		close(fd);
		return;
	}
	n = rec_reader_ticks(r);
	for (size_t i = 0; i < n; i++)
		if (rec_reader_read(r, i, &rs, log, &unrec, msg, sizeof(msg)) == 0) {
			check_snap(&rs.s, data, size);
			check_output(&rs.s, log);
		}
		else if (!strstr(msg, path) && strcmp(msg, "out of memory"))
			fuzz_fail("a reader's message without the file's name", msg, strlen(msg));
	if (n > 1)
		(void)rec_reader_read(r, n / 2, &rs, log, &unrec, msg, sizeof(msg));
	rec_reader_close(r);
	close(fd);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1)
		whole_file(data + 1, size - 1);
	else
		one_tick(data + 1, size - 1);
	return 0;
}
